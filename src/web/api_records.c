/* api_records.c: GET /api/v1/gemeenten/CODE/maatregelen (measures with their amounts
 * per year and evaluations) and GET /api/v1/gemeenten/CODE/besluiten (decisions and
 * requests). The fields are documented in docs/api.md. */
#include "page_kit.h"
#include "pages.h"
#include "route.h"

static json_t *id_or_null(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

static json_t *numbers_json(const MuniData *d, const int64_t *ids, size_t n, int purposes)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        if (!purposes) {
            const Actielijn *al = muni_actielijn(d, ids[i]);
            if (al) json_array_append_new(list, json_integer(al->number));
            continue;
        }
        for (size_t k = 0; k < d->n_purposes; k++)
            if (d->purposes[k].id == ids[i])
                json_array_append_new(list, json_integer(d->purposes[k].number));
    }
    return list;
}

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
                            y->plan ? kit_cite_json(d, &y->plan->cite) : json_null());
        json_object_set_new(o, "realised_source",
                            y->realised ? kit_cite_json(d, &y->realised->cite) : json_null());
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *evaluations_json(const MuniData *d, int64_t measure_id)
{
    json_t *list = json_array();
    for (size_t i = 0; i < d->n_evaluations; i++) {
        const Evaluation *e = &d->evaluations[i];
        if (e->measure_id != measure_id) continue;
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(e->id));
        json_object_set_new(o, "date", kit_json_str(e->date));
        json_object_set_new(o, "verdict", kit_json_str(e->verdict));
        json_object_set_new(o, "follow_up", kit_json_str(e->follow_up));
        json_object_set_new(o, "text", kit_json_str(e->text));
        json_object_set_new(o, "decision_id", id_or_null(e->decision_id));
        json_object_set_new(o, "source", kit_cite_json(d, &e->cite));
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *measure_json(const MuniData *d, const Coverage *c, const Measure *m,
                            const MeasureAmounts *ma)
{
    int64_t pot = coverage_measure_pot(d, m);
    const char *pot_name = NULL;
    for (size_t i = 0; i < c->n_pots; i++)
        if (c->pots[i].pot_id == pot) pot_name = c->pots[i].name;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(m->id));
    json_object_set_new(o, "name", kit_json_str(m->name));
    json_object_set_new(o, "status", kit_json_str(m->status));
    json_object_set_new(o, "pot_id", pot >= 0 ? json_integer(pot) : json_null());
    json_object_set_new(o, "pot", kit_json_str(pot_name));
    json_object_set_new(o, "partner", kit_json_str(m->partner));
    json_object_set_new(o, "description", kit_json_str(m->description));
    json_object_set_new(o, "cost_centres", kit_json_str(m->cost_centres));
    json_object_set_new(o, "actielijnen", numbers_json(d, m->actielijn_ids, m->n_actielijnen, 0));
    json_object_set_new(o, "purposes", numbers_json(d, m->purpose_ids, m->n_purposes, 1));
    json_object_set_new(o, "decision_id", id_or_null(m->decision_id));
    json_object_set_new(o, "row_version", json_integer(m->row_version));
    json_object_set_new(o, "planned_cents", json_integer(ma->planned));
    json_object_set_new(o, "realised_cents", json_integer(ma->realised));
    json_object_set_new(o, "years", years_json(d, ma));
    json_object_set_new(o, "evaluations", evaluations_json(d, m->id));
    json_object_set_new(o, "source", kit_cite_json(d, &m->cite));
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
    kit_send_json(res, root);
out:
    arena_free(&a);
}

static json_t *decision_json(const MuniData *d, const Decision *dec)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(dec->id));
    json_object_set_new(o, "date", kit_json_str(dec->date));
    json_object_set_new(o, "body", kit_json_str(dec->body));
    json_object_set_new(o, "reference", kit_json_str(dec->reference));
    json_object_set_new(o, "title", kit_json_str(dec->title));
    json_object_set_new(o, "outcome", kit_json_str(dec->outcome));
    json_object_set_new(o, "source", kit_cite_json(d, &dec->cite));
    return o;
}

static json_t *request_json(const MuniData *d, const Request *r)
{
    const Decision *dec = r->decision_id ? muni_decision(d, r->decision_id) : NULL;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(r->id));
    json_object_set_new(o, "requester", kit_json_str(r->requester));
    json_object_set_new(o, "date", kit_json_str(r->date));
    json_object_set_new(o, "subject", kit_json_str(r->subject));
    json_object_set_new(o, "amount_cents",
                        r->has_amount ? json_integer(r->amount_cents) : json_null());
    json_object_set_new(o, "status", kit_json_str(r->status));
    json_object_set_new(o, "letter_source_id", id_or_null(r->letter_source_id));
    json_object_set_new(o, "decision_id", id_or_null(r->decision_id));
    json_object_set_new(o, "decision_date", dec ? kit_json_str(dec->date) : json_null());
    json_object_set_new(o, "decision_outcome", dec ? kit_json_str(dec->outcome) : json_null());
    json_object_set_new(o, "source", kit_cite_json(d, &r->cite));
    return o;
}

void api_decisions(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    if (kit_load(app, req, res, 1, &a, &d, NULL) == 0) {
        json_t *decisions = json_array(), *requests = json_array();
        for (size_t i = 0; i < d.n_decisions; i++)
            json_array_append_new(decisions, decision_json(&d, &d.decisions[i]));
        for (size_t i = 0; i < d.n_requests; i++)
            json_array_append_new(requests, request_json(&d, &d.requests[i]));
        json_t *root = json_object();
        json_object_set_new(root, "municipality", json_string(d.muni.code));
        json_object_set_new(root, "decisions", decisions);
        json_object_set_new(root, "requests", requests);
        kit_send_json(res, root);
    }
    arena_free(&a);
}
