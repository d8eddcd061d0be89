/* search_json.c: the library of measures' hits as JSON (search_json.h). */
#include "search_json.h"

static json_t *text_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *search_hit_json(const SearchHit *h)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(h->measure_id));
    json_object_set_new(o, "municipality", json_string(h->municipality));
    json_object_set_new(o, "municipality_name", json_string(h->municipality_name));
    json_object_set_new(o, "name", json_string(h->name));
    json_object_set_new(o, "partner", text_or_null(h->partner));
    json_object_set_new(o, "status", json_string(h->status));
    json_object_set_new(o, "planned_cents", json_integer(h->planned_cents));
    json_object_set_new(o, "realised_cents", json_integer(h->realised_cents));
    json_object_set_new(o, "latest_verdict", text_or_null(h->verdict));
    json_object_set_new(o, "latest_evaluation_date", text_or_null(h->evaluation_date));
    return o;
}

json_t *search_json(const SearchHit *hits, size_t n, int64_t total, size_t offset)
{
    json_t *root = json_object(), *list = json_array();
    json_object_set_new(root, "total", json_integer(total));
    json_object_set_new(root, "offset", json_integer((json_int_t)offset));
    for (size_t i = 0; i < n; i++) json_array_append_new(list, search_hit_json(&hits[i]));
    json_object_set_new(root, "measures", list);
    return root;
}
