/* api_version.c: the API's versions. /api/v2/ answers every record in its one JSON shape
 * (views/record_json.c); /api/v1/ is kept for one more release with the same answers,
 * passed through the two rules below, so that what v1 documented still holds (fields
 * may only be added in a version; docs/api.md, "Versions"). */
#include "page_kit.h"

#include <string.h>

/* A citation object v1 did not show: v1 gave a citation only with a source, v2 also one
 * that names just the place. */
static int v1_hides(const json_t *v)
{
    return json_is_object(v) && json_object_size(v) == 3 && json_object_get(v, "title") &&
           json_object_get(v, "place") && json_is_null(json_object_get(v, "source_id"));
}

static void v1_compat(json_t *v)
{
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (v1_hides(json_array_get(v, i)))
                json_array_set_new(v, i, json_null());
            else
                v1_compat(json_array_get(v, i));
        }
        return;
    }
    if (!json_is_object(v)) return;
    for (void *it = json_object_iter(v); it; it = json_object_iter_next(v, it)) {
        if (v1_hides(json_object_iter_value(it)))
            json_object_iter_set_new(v, it, json_null());
        else
            v1_compat(json_object_iter_value(it));
    }
    /* v1's pot_id of a measure was the pot the coverage table counts it in, which v2 calls
     * coverage_pot_id (v2's pot_id is the stored pot, as everywhere else). */
    json_t *pot = json_object_get(v, "coverage_pot_id");
    if (pot && json_object_get(v, "pot_id")) json_object_set(v, "pot_id", pot);
}

void api_send_json(const WebRequest *req, WebResponse *res, json_t *root)
{
    if (req->path && strncmp(req->path, "/api/v1/", 8) == 0) v1_compat(root);
    kit_send_json(res, root);
}
