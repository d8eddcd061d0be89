/* national_json.c: the national monitor as JSON (national_json.h, docs/monitor.md). */
#include "national_json.h"

static const char *const metric_keys[MET_N] = {"allocated_per_inhabitant_cents", "realised_bp",
                                               "in_measures_bp", "with_decision_bp"};

json_t *national_figure_json(const NatFigure *f)
{
    if (!national_visible(f->n, f->n_anon)) return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "cents", json_integer(f->cents));
    json_object_set_new(o, "municipalities", json_integer(f->n));
    return o;
}

static json_t *year_json(const NationalYear *y)
{
    json_t *o = json_object();
    if (y->year) json_object_set_new(o, "year", json_integer(y->year));
    json_object_set_new(o, "allocated", national_figure_json(&y->allocated));
    json_object_set_new(o, "planned", national_figure_json(&y->planned));
    json_object_set_new(o, "realised", national_figure_json(&y->realised));
    json_object_set_new(o, "reserve_end", national_figure_json(&y->reserve_end));
    json_object_set_new(o, "unplanned", national_figure_json(&y->unplanned));
    int shown = national_visible(y->allocated.n, y->allocated.n_anon) && y->inhabitants.cents > 0;
    json_object_set_new(o, "inhabitants", shown ? json_integer(y->inhabitants.cents) : json_null());
    json_object_set_new(o, "allocated_per_inhabitant_cents",
                        shown && national_visible(y->inhabitants.n, y->inhabitants.n_anon)
                            ? json_integer(y->allocated.cents / y->inhabitants.cents)
                            : json_null());
    return o;
}

static json_t *line_json(const NationalFigures *f, const NationalLine *l)
{
    json_t *o = json_object(), *years = json_array();
    json_object_set_new(o, "actielijn", l->number ? json_integer(l->number) : json_null());
    json_object_set_new(o, "name", json_string(l->name));
    for (size_t y = 0; y < f->n_years; y++) {
        json_t *c = json_object();
        json_object_set_new(c, "year", json_integer(f->years[y].year));
        json_object_set_new(c, "allocated", national_figure_json(&l->allocated[y]));
        json_object_set_new(c, "planned", national_figure_json(&l->planned[y]));
        json_object_set_new(c, "realised", national_figure_json(&l->realised[y]));
        json_array_append_new(years, c);
    }
    json_object_set_new(o, "years", years);
    json_object_set_new(o, "allocated", national_figure_json(&l->total_allocated));
    json_object_set_new(o, "planned", national_figure_json(&l->total_planned));
    json_object_set_new(o, "realised", national_figure_json(&l->total_realised));
    return o;
}

json_t *national_group_json(const NationalGroup *g)
{
    json_t *o = json_object();
    json_object_set_new(o, "key", json_string(g->key));
    json_object_set_new(o, "name", json_string(g->label));
    for (int m = 0; m < MET_N; m++) {
        const NatSpread *s = &g->spread[m];
        json_t *v = json_null();
        if (national_visible(s->n, s->n_anon)) {
            v = json_object();
            json_object_set_new(v, "municipalities", json_integer(s->n));
            json_object_set_new(v, "q1", json_integer(s->q1));
            json_object_set_new(v, "median", json_integer(s->median));
            json_object_set_new(v, "q3", json_integer(s->q3));
        }
        json_object_set_new(o, metric_keys[m], v);
    }
    return o;
}

static json_t *groups_json(const NationalGroup *g, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(a, national_group_json(&g[i]));
    return a;
}

json_t *national_muni_json(const NationalMuni *m)
{
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(m->muni->code));
    json_object_set_new(o, "name", json_string(m->muni->name));
    json_object_set_new(o, "province",
                        m->muni->province ? json_string(m->muni->province) : json_null());
    json_object_set_new(o, "sharing", json_string(sharing_level_name(m->level)));
    json_object_set_new(o, "generated", json_boolean(m->generated));
    json_object_set_new(o, "inhabitants",
                        m->inhabitants ? json_integer(m->inhabitants) : json_null());
    json_object_set_new(o, "inhabitants_year",
                        m->inhabitants_year ? json_integer(m->inhabitants_year) : json_null());
    json_object_set_new(o, "size_class",
                        m->size_class ? json_string(m->size_class->value) : json_null());
    json_object_set_new(o, "allocated_cents", json_integer(m->totals.allocated));
    json_object_set_new(o, "available_cents", json_integer(m->totals.available));
    json_object_set_new(o, "planned_cents", json_integer(m->totals.planned));
    json_object_set_new(o, "realised_cents", json_integer(m->totals.realised));
    json_object_set_new(o, "reserve_end_cents", json_integer(m->totals.reserve_end));
    json_object_set_new(o, "unplanned_cents", json_integer(m->totals.unplanned));
    json_object_set_new(o, "in_measures_cents", json_integer(m->spending));
    json_object_set_new(o, "with_decision_cents", json_integer(m->with_decision));
    for (int k = 0; k < MET_N; k++) {
        int known;
        int64_t v = national_metric(m, (NatMetric)k, &known);
        json_object_set_new(o, metric_keys[k], known ? json_integer(v) : json_null());
    }
    json_t *missing = json_array();
    for (size_t i = 0; i < m->completeness.n_missing; i++) {
        const MissingItem *it = &m->completeness.missing[i];
        static const char *const kinds[MISSING_N] = {"allocation", "plan", "realised", "closed",
                                                     "evaluation"};
        json_t *x = json_pack("{s:s}", "kind", kinds[it->kind]);
        if (it->year) json_object_set_new(x, "year", json_integer(it->year));
        if (it->measure_id) json_object_set_new(x, "measure_id", json_integer(it->measure_id));
        json_array_append_new(missing, x);
    }
    json_object_set_new(o, "complete_bp", json_integer(completeness_bp(&m->completeness)));
    json_object_set_new(o, "missing", missing);
    return o;
}

json_t *national_munis_json(const NationalData *nd)
{
    json_t *a = json_array();
    for (size_t i = 0; i < nd->f.n_munis; i++)
        if (nd->f.munis[i].level >= SHARE_NAMED)
            json_array_append_new(a, national_muni_json(&nd->f.munis[i]));
    return a;
}

json_t *national_json(const NationalData *nd)
{
    const NationalFigures *f = &nd->f;
    json_t *o = json_object();
    json_object_set_new(o, "scheme", json_string(nd->scheme.code ? nd->scheme.code : "POK"));
    json_object_set_new(o, "generated", json_boolean(f->n_generated > 0));
    json_object_set_new(o, "generated_municipalities", json_integer((json_int_t)f->n_generated));
    json_object_set_new(o, "municipalities", json_integer((json_int_t)nd->n_municipalities));
    size_t sharing = 0, named = 0;
    for (size_t i = 0; i < f->n_munis; i++) {
        sharing += f->munis[i].level >= SHARE_ANONYMOUS;
        named += f->munis[i].level >= SHARE_NAMED;
    }
    json_object_set_new(o, "sharing_municipalities", json_integer((json_int_t)sharing));
    json_object_set_new(o, "named_municipalities", json_integer((json_int_t)named));
    json_object_set_new(o, "minimum_group", json_integer(NATIONAL_MIN_GROUP));
    json_t *inh = json_object(), *src = json_array();
    for (size_t i = 0; i < nd->n_inhabitant_sources; i++)
        json_array_append_new(src, json_string(nd->inhabitant_sources[i].title));
    json_object_set_new(inh, "sources", src);
    json_object_set_new(inh, "first_year",
                        nd->inhabitants_first_year ? json_integer(nd->inhabitants_first_year)
                                                   : json_null());
    json_object_set_new(inh, "last_year",
                        nd->inhabitants_last_year ? json_integer(nd->inhabitants_last_year)
                                                  : json_null());
    json_object_set_new(o, "inhabitants", inh);
    json_t *years = json_array();
    for (size_t y = 0; y < f->n_years; y++) json_array_append_new(years, year_json(&f->years[y]));
    json_object_set_new(o, "years", years);
    json_object_set_new(o, "total", year_json(&f->total));
    json_object_set_new(
        o, "period_allocated",
        national_figure_json(&(NatFigure){f->period_allocated, f->period_n, f->period_n_anon}));
    json_t *lines = json_array();
    for (size_t l = 0; l < f->n_lines; l++)
        json_array_append_new(lines, line_json(f, &f->lines[l]));
    json_object_set_new(o, "actielijnen", lines);
    json_t *tr = json_object();
    json_object_set_new(tr, "available", national_figure_json(&f->available));
    json_object_set_new(tr, "in_measures", national_figure_json(&f->spending));
    json_object_set_new(tr, "with_decision", national_figure_json(&f->with_decision));
    json_object_set_new(o, "traceable", tr);
    json_t *complete = json_null();
    if (national_visible(f->complete_n, f->complete_n_anon) && f->complete_expected > 0)
        complete = json_pack("{s:I, s:I, s:i, s:I}", "expected", (json_int_t)f->complete_expected,
                             "present", (json_int_t)f->complete_present, "municipalities",
                             f->complete_n, "complete_bp",
                             (json_int_t)(f->complete_present * 10000 / f->complete_expected));
    json_object_set_new(o, "completeness", complete);
    json_t *groups = json_object();
    json_object_set_new(groups, "all", national_group_json(&f->all));
    json_object_set_new(groups, "size_classes", groups_json(f->size_groups, f->n_size_groups));
    json_object_set_new(groups, "provinces", groups_json(f->province_groups, f->n_province_groups));
    json_object_set_new(o, "groups", groups);
    json_object_set_new(o, "municipalities_by_name", national_munis_json(nd));
    return o;
}
