/* api_municipalities.c: GET /api/v2/gemeenten (every municipality with its totals,
 * ?q= searches) and GET /api/v2/gemeenten/CODE (one municipality, its totals and every
 * allocation with its source), and the same under /api/v1/ (api_version.c). Records are
 * in their one JSON shape (views/record_json.c). The fields are documented in
 * docs/api.md. */
#include "page_kit.h"
#include "pages.h"
#include "route.h"

#include "../views/record_json.h"

static json_t *totals_json(const MuniTotals *t)
{
    json_t *o = json_object();
    json_object_set_new(o, "allocated_cents", json_integer(t->allocated));
    json_object_set_new(o, "planned_cents", json_integer(t->planned));
    json_object_set_new(o, "realised_cents", json_integer(t->realised));
    json_object_set_new(o, "reserve_end_cents", json_integer(t->reserve_end));
    json_object_set_new(o, "reserve_year",
                        t->reserve_year ? json_integer(t->reserve_year) : json_null());
    json_object_set_new(o, "first_year", t->first_year ? json_integer(t->first_year) : json_null());
    json_object_set_new(o, "period_allocated_cents", json_integer(t->period_allocated));
    json_object_set_new(o, "reserve_start_cents", json_integer(t->reserve_start));
    json_object_set_new(o, "available_cents", json_integer(t->available));
    json_object_set_new(o, "unplanned_cents", json_integer(t->unplanned));
    json_object_set_new(o, "expected_deposit_cents", json_integer(t->expected_deposit));
    return o;
}

void api_municipalities(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    PokErr err = {0};
    MuniSummary *s;
    size_t n;
    const char *q = web_query(req, "q");
    if (kit_muni_summaries(app, q && *q ? q : NULL, &a, &s, &n, &err)) {
        web_json_error(res, 500, err.msg);
        arena_free(&a);
        return;
    }
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = record_json(RECORD(MUNICIPALITY), s[i].muni, NULL);
        json_object_set_new(o, "has_records", json_boolean(s[i].has_records));
        json_object_set_new(o, "totals", totals_json(&s[i].totals));
        json_mark_generated(o, s[i].generated);
        json_array_append_new(list, o);
    }
    json_t *root = json_object();
    json_object_set_new(root, "count", json_integer((json_int_t)n));
    json_object_set_new(root, "municipalities", list);
    api_send_json(req, res, root);
    arena_free(&a);
}

/* The allocation's own shape, and the name of its actielijn. */
static json_t *allocation_json(const MuniData *d, const Allocation *al)
{
    const Actielijn *line = muni_actielijn(d, al->actielijn_id);
    json_t *o = record_json(RECORD(ALLOCATION), al, d);
    json_object_set_new(o, "actielijn_name", line ? kit_json_str(line->name) : json_null());
    return o;
}

void api_municipality(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    MuniTotals t;
    PokErr err = {0};
    if (kit_load(app, req, res, 1, &a, &d, &c)) goto out;
    if (municipality_totals(&d, &c, &a, &t, &err)) {
        web_json_error(res, 500, err.msg);
        goto out;
    }
    json_t *root = record_json(RECORD(MUNICIPALITY), &d.muni, &d);
    json_object_set_new(root, "scheme", json_string(d.scheme.code));
    json_object_set_new(root, "totals", totals_json(&t));
    json_t *list = json_array();
    for (size_t i = 0; i < d.n_allocations; i++)
        json_array_append_new(list, allocation_json(&d, &d.allocations[i]));
    json_object_set_new(root, "allocations", list);
    json_mark_generated(root, d.generated);
    api_send_json(req, res, root);
out:
    arena_free(&a);
}
