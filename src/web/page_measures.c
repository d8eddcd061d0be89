/* page_measures.c: GET /gemeente/CODE/maatregelen (the measures of a municipality with
 * their planned and realised totals) and GET /maatregel/ID (one measure: plan versus
 * realisation per year, actielijnen, doelen, evaluations, decision and sources); each
 * table also as CSV. */
#include "../store/store_ledger.h"
#include "html.h"
#include "layout.h"
#include "page_kit.h"
#include "pages.h"
#include "route.h"

#include <stdio.h>
#include <string.h>

static const char *pot_name(const MuniData *d, const Coverage *c, const Measure *m)
{
    int64_t pot = coverage_measure_pot(d, m);
    for (size_t i = 0; i < c->n_pots; i++)
        if (c->pots[i].pot_id == pot) return c->pots[i].name;
    return "geen pot";
}

static const char *const list_headers[] = {"Maatregel", "Status",       "Pot", "Partner",
                                           "Gepland",   "Gerealiseerd", "Bron"};

static int build_list(const MuniData *d, const Coverage *c, Arena *a, DataTable *t, PokErr *err)
{
    dt_init(t, a, arena_printf(a, "Maatregelen van %s", d->muni.name), list_headers, 7);
    t->empty = "Geen maatregelen vastgelegd.";
    for (size_t i = 0; i < d->n_measures; i++) {
        const Measure *m = &d->measures[i];
        MeasureAmounts ma;
        if (measure_amounts(d, m->id, a, &ma, err)) return -1;
        TableCell *row = dt_row(t, 0);
        cell_text(&row[0], m->name, arena_printf(a, "/maatregel/%lld", (long long)m->id));
        cell_text(&row[1], m->status, NULL);
        cell_text(&row[2], pot_name(d, c, m), NULL);
        cell_text(&row[3], m->partner, NULL);
        cell_money(&row[4], ma.planned, NULL, NULL);
        cell_money(&row[5], ma.realised, NULL, NULL);
        kit_cite_cell(&row[6], a, d, &m->cite, m->decision_id,
                      arena_printf(a, "maatregel-%lld", (long long)m->id));
    }
    if (d->n_measures) {
        MuniTotals tot;
        if (municipality_totals(d, c, a, &tot, err)) return -1;
        TableCell *row = dt_row(t, 1);
        cell_text(&row[0], "Totaal", NULL);
        cell_money(&row[4], tot.planned, NULL, NULL);
        cell_money(&row[5], tot.realised, NULL, NULL);
    }
    return 0;
}

static void measures(WebApp *app, const WebRequest *req, WebResponse *res, int csv)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    DataTable t;
    PokErr err = {0};
    if (kit_load(app, req, res, 0, &a, &d, &c)) goto out;
    if (build_list(&d, &c, &a, &t, &err)) {
        web_error(res, 500, err.msg);
        goto out;
    }
    if (csv) {
        kit_send_csv(res, &t, arena_printf(&a, "maatregelen-%s.csv", d.muni.code), d.generated);
        goto out;
    }
    Buf *b = &res->body;
    layout_begin(b, arena_printf(&a, "Maatregelen %s", d.muni.name));
    kit_muni_nav(b, &d, "/maatregelen");
    html_printf(b, "<h1>Maatregelen <small>%s (%s)</small></h1>\n", d.muni.name, d.muni.code);
    html_lit(b, "<p>Per maatregel het totaal van de geplande en de gerealiseerde bedragen over "
                "alle jaren. Open een maatregel voor de bedragen per jaar en hun bron.</p>\n");
    dt_html(b, &t, kit_muni_path(&a, &d, "/maatregelen.csv"));
    page_forms_nav(b, d.muni.code);
    layout_end(b);
out:
    arena_free(&a);
}

void page_measures(WebApp *app, const WebRequest *req, WebResponse *res)
{
    measures(app, req, res, 0);
}

void page_measures_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    measures(app, req, res, 1);
}

/* ---- one measure ---- */

static const char *const year_headers[] = {"Jaar", "Gepland", "Bron plan", "Gerealiseerd",
                                           "Bron realisatie"};

/* Whether the store holds general-ledger bookings for the measure in year. */
static int has_bookings(const LedgerTotal *lt, size_t n_lt, int year)
{
    for (size_t i = 0; i < n_lt; i++)
        if (lt[i].year == year && lt[i].bookings > 0) return 1;
    return 0;
}

static int build_years(const MuniData *d, const Measure *m, const LedgerTotal *lt, size_t n_lt,
                       Arena *a, DataTable *t, PokErr *err)
{
    MeasureAmounts ma;
    if (measure_amounts(d, m->id, a, &ma, err)) return -1;
    dt_init(t, a, arena_printf(a, "Plan en realisatie per jaar: %s", m->name), year_headers, 5);
    t->empty = "Geen geplande of gerealiseerde bedragen vastgelegd.";
    for (size_t i = 0; i < ma.n_years; i++) {
        const MeasureYear *y = &ma.years[i];
        TableCell *row = dt_row(t, 0);
        cell_int(&row[0], y->year);
        if (y->plan) {
            cell_money(&row[1], y->plan->amount_cents, NULL, NULL);
            kit_cite_cell(&row[2], a, d, &y->plan->cite, y->plan->decision_id,
                          arena_printf(a, "bedrag-%lld", (long long)y->plan->id));
        }
        if (y->realised) {
            /* a realised amount from the general ledger links to its bookings */
            cell_money(&row[3], y->realised->amount_cents,
                       has_bookings(lt, n_lt, y->year)
                           ? arena_printf(a, "/maatregel/%lld/boekingen?jaar=%d", (long long)m->id,
                                          y->year)
                           : NULL,
                       has_bookings(lt, n_lt, y->year) ? "boekingen" : NULL);
            kit_cite_cell(&row[4], a, d, &y->realised->cite, y->realised->decision_id,
                          arena_printf(a, "bedrag-%lld", (long long)y->realised->id));
        }
    }
    if (ma.n_years) {
        TableCell *row = dt_row(t, 1);
        cell_text(&row[0], "Totaal", NULL);
        cell_money(&row[1], ma.planned, NULL, NULL);
        cell_money(&row[3], ma.realised, NULL, NULL);
    }
    return 0;
}

static void dl_item(Buf *b, const char *term, const char *value)
{
    if (!value || !*value) return;
    html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", term, value);
}

static void actielijnen_and_purposes(Buf *b, const MuniData *d, const Measure *m)
{
    if (m->n_actielijnen) {
        html_lit(b, "<dt>Actielijnen</dt><dd><ul>");
        for (size_t i = 0; i < m->n_actielijnen; i++) {
            const Actielijn *al = muni_actielijn(d, m->actielijn_ids[i]);
            if (al) html_printf(b, "<li>%d. %s</li>", al->number, al->name);
        }
        html_lit(b, "</ul></dd>\n");
    }
    if (m->n_purposes) {
        html_lit(b, "<dt>Doelen</dt><dd><ul>");
        for (size_t i = 0; i < m->n_purposes; i++)
            for (size_t k = 0; k < d->n_purposes; k++)
                if (d->purposes[k].id == m->purpose_ids[i])
                    html_printf(b, "<li>%d. %s</li>", d->purposes[k].number, d->purposes[k].name);
        html_lit(b, "</ul></dd>\n");
    }
}

/* A link to a decision on the register, with its date and outcome. */
static void decision_link(Buf *b, Arena *a, const MuniData *d, int64_t decision_id)
{
    const Decision *dec = decision_id ? muni_decision(d, decision_id) : NULL;
    if (!dec) return;
    html_lit(b, "<a href=\"/gemeente/");
    html_url_arg(b, d->muni.code);
    html_printf(b, "/besluiten#besluit-%lld\">%s</a> (%s%s%s, %s)", (long long)dec->id, dec->title,
                dec->body ? dec->body : "", dec->date ? " " : "",
                dec->date ? date_nl(a, dec->date) : "", dec->outcome ? dec->outcome : "");
}

static void source_link(Buf *b, Arena *a, const MuniData *d, const Citation *cite,
                        const char *anchor)
{
    const Source *src = cite->source_id ? muni_source(d, cite->source_id) : NULL;
    if (!src) {
        html_lit(b, "geen bron vastgelegd");
        return;
    }
    html_lit(b, "<a href=\"");
    html_attr(b, kit_source_href(a, d, src->id, anchor));
    html_printf(b, "\">%s</a>", src->title);
    if (cite->place) html_printf(b, ", %s", cite->place);
}

static void evaluations(Buf *b, Arena *a, const MuniData *d, const Measure *m)
{
    html_lit(b, "<h2>Evaluaties</h2>\n");
    size_t n = 0;
    for (size_t i = 0; i < d->n_evaluations; i++) {
        const Evaluation *e = &d->evaluations[i];
        if (e->measure_id != m->id) continue;
        if (n++ == 0) html_lit(b, "<ul class=\"evaluations\">\n");
        html_printf(b, "<li id=\"evaluatie-%lld\"><p><strong>%s</strong>", (long long)e->id,
                    e->verdict ? e->verdict : "zonder oordeel");
        if (e->date)
            html_printf(b, ", <time datetime=\"%s\">%s</time>", e->date, date_nl(a, e->date));
        if (e->follow_up) html_printf(b, "; vervolg: %s", e->follow_up);
        html_lit(b, "</p>\n");
        if (e->text) html_printf(b, "<p>%s</p>\n", e->text);
        html_lit(b, "<p class=\"source\">Bron: ");
        source_link(b, a, d, &e->cite, arena_printf(a, "evaluatie-%lld", (long long)e->id));
        if (e->decision_id) {
            html_lit(b, "; besluit: ");
            decision_link(b, a, d, e->decision_id);
        }
        html_lit(b, "</p></li>\n");
    }
    if (n)
        html_lit(b, "</ul>\n");
    else
        html_lit(b, "<p>Deze maatregel is nog niet geëvalueerd.</p>\n");
}

static void measure_page(WebApp *app, const WebRequest *req, Buf *b, Arena *a, const MuniData *d,
                         const Coverage *c, const Measure *m, const DataTable *years)
{
    layout_begin(b, arena_printf(a, "%s · %s", m->name, d->muni.name));
    kit_muni_nav(b, d, "/maatregel");
    html_printf(b, "<h1>%s <small>maatregel van %s</small></h1>\n", m->name, d->muni.name);
    html_lit(b, "<dl class=\"properties\">\n");
    dl_item(b, "Status", m->status);
    dl_item(b, "Pot", pot_name(d, c, m));
    dl_item(b, "Partner", m->partner);
    dl_item(b, "Omschrijving", m->description);
    dl_item(b, "Kostenplaatsen", m->cost_centres);
    actielijnen_and_purposes(b, d, m);
    if (m->decision_id && muni_decision(d, m->decision_id)) {
        html_lit(b, "<dt>Besluit</dt><dd>");
        decision_link(b, a, d, m->decision_id);
        html_lit(b, "</dd>\n");
    }
    html_lit(b, "<dt>Bron</dt><dd>");
    source_link(b, a, d, &m->cite, arena_printf(a, "maatregel-%lld", (long long)m->id));
    html_lit(b, "</dd>\n</dl>\n<h2>Plan en realisatie</h2>\n");
    dt_html(b, years, arena_printf(a, "/maatregel/%lld.csv", (long long)m->id));
    evaluations(b, a, d, m);
    library_similar(b, a, app, req, d->muni.code, m->id);
    page_forms_measure_nav(b, m->id);
    html_printf(b,
                "<p><a href=\"/maatregel/%lld/wijzigingen\">Wijzigingen van deze maatregel</a>"
                "</p>\n",
                (long long)m->id);
    html_lit(b, "<p><a href=\"/gemeente/");
    html_url_arg(b, d->muni.code);
    html_printf(b, "/maatregelen\">Alle maatregelen van %s</a></p>\n", d->muni.name);
    layout_end(b);
}

/* The measure of req (resolved by authz.c), in its municipality's data: the page, or
 * with csv its years as CSV. */
static void measure(WebApp *app, const WebRequest *req, WebResponse *res, int csv)
{
    Arena a = {0};
    PokErr err = {0};
    int64_t id = req->record_id;
    MuniData d;
    Coverage c;
    DataTable years;
    LedgerTotal *lt = NULL;
    size_t n_lt = 0;
    int r = web_load(app, req->scope_muni, &a, &d, &err);
    const Measure *m = r == 1 ? muni_measure(&d, id) : NULL;
    if (r < 0 || (m && (store_ledger_totals(app->store, NULL, id, &a, &lt, &n_lt, &err) ||
                        coverage_compute(&d, &a, &c, &err) ||
                        build_years(&d, m, lt, n_lt, &a, &years, &err)))) {
        web_error(res, 500, err.msg);
    } else if (!m) {
        /* a measure of another scheme than the one served */
        web_not_found(res, "Deze maatregel hoort niet bij de getoonde regeling.");
    } else if (csv) {
        kit_send_csv(res, &years, arena_printf(&a, "maatregel-%lld.csv", (long long)id),
                     d.generated);
    } else {
        measure_page(app, req, &res->body, &a, &d, &c, m, &years);
    }
    arena_free(&a);
}

void page_measure(WebApp *app, const WebRequest *req, WebResponse *res)
{
    measure(app, req, res, 0);
}

void page_measure_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    measure(app, req, res, 1);
}
