/* export_json.c: see export_json.h. Prints stored figures and the engine's results; every
 * record in the record's one shape (record_json.c), this file only arranges them. */
#include "export_json.h"

#include "coverage_view.h"
#include "record_json.h"

static void set(json_t *o, const char *key, json_t *value)
{
    json_object_set_new(o, key, value);
}

/* A measure with its amounts and evaluations. */
static json_t *measure(const MuniData *d, const Measure *m)
{
    json_t *o = record_json(RECORD(MEASURE), m, d);
    set(o, "amounts",
        record_children_json(RECORD(MEASURE_AMOUNT), d->amounts, d->n_amounts, "measure_id", m->id,
                             d));
    set(o, "evaluations",
        record_children_json(RECORD(EVALUATION), d->evaluations, d->n_evaluations, "measure_id",
                             m->id, d));
    return o;
}

json_t *export_json(const MuniData *d, const Coverage *c, const Finding *f, size_t n_findings,
                    const char *exported_at)
{
    json_t *root = json_object();
    set(root, "municipality", record_json(RECORD(MUNICIPALITY), &d->muni, d));
    json_mark_generated(root, d->generated);
    set(root, "scheme", record_json(RECORD(SCHEME), &d->scheme, d));
    if (exported_at) set(root, "exported_at", json_string(exported_at));
    set(root, "allocations",
        record_list_json(RECORD(ALLOCATION), d->allocations, d->n_allocations, d));
    set(root, "pots", record_list_json(RECORD(POT), d->pots, d->n_pots, d));
    json_t *measures = json_array();
    for (size_t i = 0; i < d->n_measures; i++)
        json_array_append_new(measures, measure(d, &d->measures[i]));
    set(root, "measures", measures);
    json_t *reserve = json_object();
    set(reserve, "openings",
        record_list_json(RECORD(RESERVE_OPENING), d->openings, d->n_openings, d));
    set(reserve, "movements",
        record_list_json(RECORD(RESERVE_MOVEMENT), d->movements, d->n_movements, d));
    set(root, "reserve", reserve);
    set(root, "decisions", record_list_json(RECORD(DECISION), d->decisions, d->n_decisions, d));
    set(root, "requests", record_list_json(RECORD(REQUEST), d->requests, d->n_requests, d));
    set(root, "closed_years", record_list_json(RECORD(CLOSED_YEAR), d->closed, d->n_closed, d));
    set(root, "stated_figures", record_list_json(RECORD(STATED_FIGURE), d->stated, d->n_stated, d));
    set(root, "sources", record_list_json(RECORD(SOURCE), d->sources, d->n_sources, d));
    set(root, "coverage", coverage_json(c));
    json_t *findings = findings_json(d, f, n_findings);
    set(root, "findings", json_incref(json_object_get(findings, "findings")));
    json_decref(findings);
    return root;
}
