/* api_records.c: GET /api/v2/gemeenten/CODE/maatregelen (measures with their amounts
 * per year and evaluations) and GET /api/v2/gemeenten/CODE/besluiten (decisions and
 * requests), and the same under /api/v1/ (api_version.c). Every record is its one JSON
 * shape (views/record_json.c); the API adds the derived figures around it. The fields
 * are documented in docs/api.md. */
#include "page_kit.h"
#include "pages.h"
#include "route.h"

#include "../views/record_json.h"

/* Plan and realisation per year, each with its source. */
static json_t *years_json(const MuniData *d, const MeasureAmounts *ma)
{
    json_t *list = json_array();
    for (size_t i = 0; i < ma->n_years; i++) {
        const MeasureYear *y = &ma->years[i];
        json_t *o = json_object();
        json_object_set_new(o, "year", json_integer(y->year));
        json_object_set_new(o, "planned_cents",
                            y->plan ? json_integer(y->plan->amount_cents) : json_null());
        json_object_set_new(o, "realised_cents",
                            y->realised ? json_integer(y->realised->amount_cents) : json_null());
        json_object_set_new(o, "plan_source",
                            y->plan ? record_cite_json(d, &y->plan->cite) : json_null());
        json_object_set_new(o, "realised_source",
                            y->realised ? record_cite_json(d, &y->realised->cite) : json_null());
        json_array_append_new(list, o);
    }
    return list;
}

/* The measure's own shape, and: the pot the coverage table counts it in (0 is the default
 * pot, null when pots exist and none fits), its totals, years and evaluations. */
static json_t *measure_json(const MuniData *d, const Coverage *c, const Measure *m,
                            const MeasureAmounts *ma)
{
    int64_t pot = coverage_measure_pot(d, m);
    const char *pot_name = NULL;
    for (size_t i = 0; i < c->n_pots; i++)
        if (c->pots[i].pot_id == pot) pot_name = c->pots[i].name;
    json_t *o = record_json(RECORD(MEASURE), m, d);
    json_object_set_new(o, "coverage_pot_id", pot >= 0 ? json_integer(pot) : json_null());
    json_object_set_new(o, "pot", kit_json_str(pot_name));
    json_object_set_new(o, "planned_cents", json_integer(ma->planned));
    json_object_set_new(o, "realised_cents", json_integer(ma->realised));
    json_object_set_new(o, "years", years_json(d, ma));
    json_object_set_new(o, "evaluations",
                        record_children_json(RECORD(EVALUATION), d->evaluations, d->n_evaluations,
                                             "measure_id", m->id, d));
    return o;
}

void api_measures(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    PokErr err = {0};
    if (kit_load(app, req, res, 1, &a, &d, &c)) goto out;
    json_t *list = json_array();
    for (size_t i = 0; i < d.n_measures; i++) {
        MeasureAmounts ma;
        if (measure_amounts(&d, d.measures[i].id, &a, &ma, &err)) {
            json_decref(list);
            web_json_error(res, 500, err.msg);
            goto out;
        }
        json_array_append_new(list, measure_json(&d, &c, &d.measures[i], &ma));
    }
    json_t *root = json_object();
    json_object_set_new(root, "municipality", json_string(d.muni.code));
    json_object_set_new(root, "measures", list);
    json_mark_generated(root, d.generated);
    api_send_json(req, res, root);
out:
    arena_free(&a);
}

/* The request's own shape, and the date and outcome of the decision on it. */
static json_t *request_json(const MuniData *d, const Request *r)
{
    const Decision *dec = r->decision_id ? muni_decision(d, r->decision_id) : NULL;
    json_t *o = record_json(RECORD(REQUEST), r, d);
    json_object_set_new(o, "decision_date", dec ? kit_json_str(dec->date) : json_null());
    json_object_set_new(o, "decision_outcome", dec ? kit_json_str(dec->outcome) : json_null());
    return o;
}

void api_decisions(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    if (kit_load(app, req, res, 1, &a, &d, NULL) == 0) {
        json_t *requests = json_array();
        for (size_t i = 0; i < d.n_requests; i++)
            json_array_append_new(requests, request_json(&d, &d.requests[i]));
        json_t *root = json_object();
        json_object_set_new(root, "municipality", json_string(d.muni.code));
        json_object_set_new(root, "decisions",
                            record_list_json(RECORD(DECISION), d.decisions, d.n_decisions, &d));
        json_object_set_new(root, "requests", requests);
        json_mark_generated(root, d.generated);
        api_send_json(req, res, root);
    }
    arena_free(&a);
}
