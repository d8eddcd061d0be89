/* export_json.c: see export_json.h. Prints stored figures and the engine's results. */
#include "export_json.h"

#include "coverage_view.h"

static json_t *str(const char *s)
{
    return s ? json_string(s) : json_null();
}
static json_t *opt_id(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

static void set(json_t *o, const char *key, json_t *value)
{
    json_object_set_new(o, key, value);
}

static json_t *cite(const Citation *c)
{
    if (!c->source_id && !c->place) return json_null();
    json_t *o = json_object();
    set(o, "source_id", opt_id(c->source_id));
    set(o, "place", str(c->place));
    return o;
}

static json_t *numbers(const MuniData *d, const int64_t *ids, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        const Actielijn *al = muni_actielijn(d, ids[i]);
        if (al) json_array_append_new(list, json_integer(al->number));
    }
    return list;
}

static json_t *allocations(const MuniData *d)
{
    json_t *list = json_array();
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        const Actielijn *line = al->actielijn_id ? muni_actielijn(d, al->actielijn_id) : NULL;
        json_t *o = json_object();
        set(o, "id", json_integer(al->id));
        set(o, "actielijn", line ? json_integer(line->number) : json_null());
        set(o, "year", json_integer(al->year));
        set(o, "version", json_integer(al->version));
        set(o, "current", json_boolean(al->current));
        set(o, "amount_cents", json_integer(al->amount_cents));
        set(o, "source", cite(&al->cite));
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *pots(const MuniData *d)
{
    json_t *list = json_array();
    for (size_t i = 0; i < d->n_pots; i++) {
        json_t *o = json_object();
        set(o, "id", json_integer(d->pots[i].id));
        set(o, "name", str(d->pots[i].name));
        set(o, "actielijnen", numbers(d, d->pots[i].actielijn_ids, d->pots[i].n_actielijnen));
        set(o, "source", cite(&d->pots[i].cite));
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *measure(const MuniData *d, const Measure *m)
{
    json_t *o = json_object(), *amounts = json_array(), *evaluations = json_array();
    set(o, "id", json_integer(m->id));
    set(o, "name", str(m->name));
    set(o, "description", str(m->description));
    set(o, "partner", str(m->partner));
    set(o, "status", str(m->status));
    set(o, "pot_id", opt_id(m->pot_id));
    set(o, "cost_centres", str(m->cost_centres));
    set(o, "actielijnen", numbers(d, m->actielijn_ids, m->n_actielijnen));
    set(o, "decision_id", opt_id(m->decision_id));
    set(o, "source", cite(&m->cite));
    for (size_t i = 0; i < d->n_amounts; i++) {
        const MeasureAmount *a = &d->amounts[i];
        if (a->measure_id != m->id) continue;
        json_t *x = json_object();
        set(x, "year", json_integer(a->year));
        set(x, "kind", json_string(a->kind == AMOUNT_PLAN ? "plan" : "realised"));
        set(x, "amount_cents", json_integer(a->amount_cents));
        set(x, "decision_id", opt_id(a->decision_id));
        set(x, "source", cite(&a->cite));
        json_array_append_new(amounts, x);
    }
    for (size_t i = 0; i < d->n_evaluations; i++) {
        const Evaluation *e = &d->evaluations[i];
        if (e->measure_id != m->id) continue;
        json_t *x = json_object();
        set(x, "id", json_integer(e->id));
        set(x, "date", str(e->date));
        set(x, "verdict", str(e->verdict));
        set(x, "text", str(e->text));
        set(x, "follow_up", str(e->follow_up));
        set(x, "decision_id", opt_id(e->decision_id));
        set(x, "source", cite(&e->cite));
        json_array_append_new(evaluations, x);
    }
    set(o, "amounts", amounts);
    set(o, "evaluations", evaluations);
    return o;
}

static json_t *reserve(const MuniData *d)
{
    json_t *openings = json_array(), *movements = json_array();
    for (size_t i = 0; i < d->n_openings; i++) {
        const ReserveOpening *r = &d->openings[i];
        json_t *o = json_object();
        set(o, "id", json_integer(r->id));
        set(o, "pot_id", opt_id(r->pot_id));
        set(o, "year", json_integer(r->year));
        set(o, "amount_cents", json_integer(r->amount_cents));
        set(o, "decision_id", opt_id(r->decision_id));
        set(o, "source", cite(&r->cite));
        json_array_append_new(openings, o);
    }
    for (size_t i = 0; i < d->n_movements; i++) {
        const ReserveMovement *r = &d->movements[i];
        json_t *o = json_object();
        set(o, "id", json_integer(r->id));
        set(o, "pot_id", opt_id(r->pot_id));
        set(o, "kind", json_string(reserve_kind_name(r->kind)));
        set(o, "year", json_integer(r->year));
        set(o, "to_year", r->to_year ? json_integer(r->to_year) : json_null());
        set(o, "amount_cents", json_integer(r->amount_cents));
        set(o, "description", str(r->description));
        set(o, "decision_id", opt_id(r->decision_id));
        set(o, "source", cite(&r->cite));
        json_array_append_new(movements, o);
    }
    json_t *o = json_object();
    set(o, "openings", openings);
    set(o, "movements", movements);
    return o;
}

static json_t *decisions(const MuniData *d)
{
    json_t *list = json_array();
    for (size_t i = 0; i < d->n_decisions; i++) {
        const Decision *b = &d->decisions[i];
        json_t *o = json_object();
        set(o, "id", json_integer(b->id));
        set(o, "date", str(b->date));
        set(o, "body", str(b->body));
        set(o, "reference", str(b->reference));
        set(o, "title", str(b->title));
        set(o, "outcome", str(b->outcome));
        set(o, "source", cite(&b->cite));
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *requests(const MuniData *d)
{
    json_t *list = json_array();
    for (size_t i = 0; i < d->n_requests; i++) {
        const Request *r = &d->requests[i];
        json_t *o = json_object();
        set(o, "id", json_integer(r->id));
        set(o, "requester", str(r->requester));
        set(o, "date", str(r->date));
        set(o, "subject", str(r->subject));
        set(o, "amount_cents", r->has_amount ? json_integer(r->amount_cents) : json_null());
        set(o, "status", str(r->status));
        set(o, "letter_source_id", opt_id(r->letter_source_id));
        set(o, "decision_id", opt_id(r->decision_id));
        set(o, "source", cite(&r->cite));
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *rest(const MuniData *d, json_t **stated)
{
    json_t *closed = json_array();
    for (size_t i = 0; i < d->n_closed; i++) {
        json_t *o = json_object();
        set(o, "year", json_integer(d->closed[i].year));
        set(o, "decision_id", opt_id(d->closed[i].decision_id));
        set(o, "source", cite(&d->closed[i].cite));
        json_array_append_new(closed, o);
    }
    *stated = json_array();
    for (size_t i = 0; i < d->n_stated; i++) {
        const StatedFigure *g = &d->stated[i];
        const Actielijn *line = g->actielijn_id ? muni_actielijn(d, g->actielijn_id) : NULL;
        json_t *o = json_object();
        set(o, "id", json_integer(g->id));
        set(o, "kind", json_string(stated_kind_name(g->kind)));
        set(o, "actielijn", line ? json_integer(line->number) : json_null());
        set(o, "pot_id", opt_id(g->pot_id));
        set(o, "year_from", json_integer(g->year_from));
        set(o, "year_to", json_integer(g->year_to));
        set(o, "amount_cents", json_integer(g->amount_cents));
        set(o, "description", str(g->description));
        set(o, "source", cite(&g->cite));
        json_array_append_new(*stated, o);
    }
    return closed;
}

static json_t *sources(const MuniData *d)
{
    json_t *list = json_array();
    for (size_t i = 0; i < d->n_sources; i++) {
        const Source *s = &d->sources[i];
        json_t *o = json_object();
        set(o, "id", json_integer(s->id));
        set(o, "kind", str(s->kind));
        set(o, "title", str(s->title));
        set(o, "reference", str(s->reference));
        set(o, "date", str(s->date));
        set(o, "municipality", str(s->municipality));
        json_array_append_new(list, o);
    }
    return list;
}

json_t *export_json(const MuniData *d, const Coverage *c, const Finding *f, size_t n_findings,
                    const char *exported_at)
{
    json_t *root = json_object(), *muni = json_object(), *scheme = json_object();
    set(muni, "code", json_string(d->muni.code));
    set(muni, "name", str(d->muni.name));
    set(muni, "province", str(d->muni.province));
    set(scheme, "code", str(d->scheme.code));
    set(scheme, "name", str(d->scheme.name));
    set(scheme, "first_year", json_integer(d->scheme.first_year));
    set(scheme, "last_year", json_integer(d->scheme.last_year));
    set(root, "municipality", muni);
    set(root, "scheme", scheme);
    if (exported_at) set(root, "exported_at", json_string(exported_at));
    set(root, "allocations", allocations(d));
    set(root, "pots", pots(d));
    json_t *measures = json_array();
    for (size_t i = 0; i < d->n_measures; i++)
        json_array_append_new(measures, measure(d, &d->measures[i]));
    set(root, "measures", measures);
    set(root, "reserve", reserve(d));
    set(root, "decisions", decisions(d));
    set(root, "requests", requests(d));
    json_t *stated;
    set(root, "closed_years", rest(d, &stated));
    set(root, "stated_figures", stated);
    set(root, "sources", sources(d));
    set(root, "coverage", coverage_json(c));
    json_t *findings = findings_json(d, f, n_findings);
    set(root, "findings", json_incref(json_object_get(findings, "findings")));
    json_decref(findings);
    return root;
}
