/* page_peers.c: a municipality among its peers. GET /gemeente/CODE/vergelijking: where it
 * stands (per inhabitant, share realised, share in a measure, share with a decision)
 * against the municipalities of its size class, its province and all of them that share,
 * in words, a chart and a table; GET /landelijk/vergelijk: two to four municipalities that
 * share by name, side by side; GET/POST /gemeente/CODE/delen: what the municipality
 * shares with the national monitor (its own choice). */
#include "chart.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "page_kit.h"
#include "page_national.h"
#include "pages.h"
#include "route.h"

#include "../money.h"
#include "../store/store_reference.h"
#include "../store/store_sharing.h"

#include <stdlib.h>
#include <string.h>

/* A measure's value as people read it: euros, or a percentage of basis points. */
static const char *metric_text(Arena *a, NatMetric m, int64_t v)
{
    if (m == MET_PER_INHABITANT) {
        char buf[MONEY_BUFSZ];
        return arena_strdup(a, money_format(v, MONEY_EURO, buf));
    }
    return national_bp_text(a, (int)v);
}

/* Where v lies in the spread, in words. */
static const char *position_words(const NatSpread *s, int64_t v)
{
    if (v < s->q1) return "bij het laagste kwart";
    if (v > s->q3) return "bij het hoogste kwart";
    if (v < s->median) return "in de middelste helft, onder de mediaan";
    if (v > s->median) return "in de middelste helft, boven de mediaan";
    return "op de mediaan";
}

/* The municipality's own measures, computed from its own records whatever it shares
 * (this page is only for those who may read it). */
static int own_figures(WebApp *app, const MuniData *d, Arena *a, NationalMuni *out, PokErr *err)
{
    Inhabitants *inh;
    size_t n;
    if (store_inhabitants_list(app->store, d->muni.code, a, &inh, &n, err)) return -1;
    NationalInput in = {.d = d, .level = SHARE_NAMED};
    if (n) {
        in.inhabitants = inh[n - 1].count;
        in.inhabitants_year = inh[n - 1].year;
    }
    NationalFigures f;
    char today[11];
    date_today(today);
    if (national_compute(&in, 1, atoi(today), a, &f, err)) return -1;
    *out = f.munis[0];
    return 0;
}

static void spread_text(TableCell *c, Arena *a, const NationalGroup *g, NatMetric m)
{
    const NatSpread *s = g ? &g->spread[m] : NULL;
    if (!s || !national_visible(s->n, s->n_anon)) {
        cell_text(c, "te weinig gemeenten", NULL);
        return;
    }
    cell_text(c, metric_text(a, m, s->median), NULL);
    c->note = arena_printf(a, "%s tot %s, %d gemeenten", metric_text(a, m, s->q1),
                           metric_text(a, m, s->q3), s->n);
}

static const char *const peer_headers[] = {"Maat", "Uw gemeente", "Grootteklasse: mediaan",
                                           "Provincie: mediaan", "Alle gemeenten: mediaan"};

static void peer_table(DataTable *t, Arena *a, const NationalMuni *own, const NationalGroup *size,
                       const NationalGroup *prov, const NationalGroup *all)
{
    dt_init(t, a, "Uw gemeente en de andere gemeenten (mediaan, daaronder de kwartielen)",
            peer_headers, 5);
    t->first_col_is_header = 1;
    for (int m = 0; m < MET_N; m++) {
        TableCell *r = dt_row(t, 0);
        cell_text(&r[0], nat_metric_labels[m], NULL);
        int known;
        int64_t v = national_metric(own, (NatMetric)m, &known);
        cell_text(&r[1], known ? metric_text(a, (NatMetric)m, v) : "onbekend", NULL);
        spread_text(&r[2], a, size, (NatMetric)m);
        spread_text(&r[3], a, prov, (NatMetric)m);
        spread_text(&r[4], a, all, (NatMetric)m);
    }
}

static void peer_words(Buf *b, Arena *a, const NationalMuni *own, const NationalGroup *g,
                       const char *group_name)
{
    html_lit(b, "<ul>\n");
    for (int m = 0; m < MET_N; m++) {
        int known;
        int64_t v = national_metric(own, (NatMetric)m, &known);
        const NatSpread *s = g ? &g->spread[m] : NULL;
        html_printf(b, "<li><strong>%s</strong>: ", nat_metric_labels[m]);
        if (!known)
            html_lit(b, "onbekend (geen toekenningen of inwoners vastgelegd)");
        else if (!s || !national_visible(s->n, s->n_anon))
            html_printf(b, "%s; te weinig %s delen hun cijfers om te vergelijken",
                        metric_text(a, (NatMetric)m, v), group_name);
        else
            html_printf(b, "%s, %s van %s (mediaan %s)", metric_text(a, (NatMetric)m, v),
                        position_words(s, v), group_name, metric_text(a, (NatMetric)m, s->median));
        html_lit(b, "</li>\n");
    }
    html_lit(b, "</ul>\n");
}

static void peer_chart(Buf *b, Arena *a, const NationalMuni *own, const NationalGroup *g,
                       const char *title)
{
    ChartSpreadRow rows[MET_N];
    for (int m = 0; m < MET_N; m++) {
        const NatSpread *s = g ? &g->spread[m] : NULL;
        int known;
        int64_t v = national_metric(own, (NatMetric)m, &known);
        rows[m] = (ChartSpreadRow){.label = nat_metric_labels[m],
                                   .has_group = s && national_visible(s->n, s->n_anon),
                                   .has_value = known,
                                   .value = v};
        if (rows[m].has_group) {
            rows[m].q1 = s->q1;
            rows[m].median = s->median;
            rows[m].q3 = s->q3;
        }
        /* the first label is short enough; the shares name only what they measure */
        if (m == MET_SPENT) rows[m].label = "deel gerealiseerd";
        if (m == MET_TRACEABLE) rows[m].label = "deel in een maatregel";
        if (m == MET_DECIDED) rows[m].label = "deel met een besluit";
    }
    (void)a;
    chart_spread(b, rows, MET_N, title, "vergelijking");
}

void page_muni_peers(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    NationalData nd;
    NationalMuni own;
    SharingLevel level;
    PokErr err = {0};
    if (kit_load(app, req, res, 0, &a, &d, NULL) || national_page_load(app, res, 0, &a, &nd)) {
        arena_free(&a);
        return;
    }
    if (own_figures(app, &d, &a, &own, &err) ||
        store_sharing_get(app->store, d.muni.code, &level, &err)) {
        web_error(res, 500, err.msg);
        arena_free(&a);
        return;
    }
    const NationalGroup *size = national_size_group(&nd.f, &own);
    const NationalGroup *prov = national_province_group(&nd.f, &own);
    DataTable t;
    peer_table(&t, &a, &own, size, prov, &nd.f.all);
    Buf *b = &res->body;
    layout_begin(b, arena_printf(&a, "%s vergeleken met andere gemeenten", d.muni.name));
    kit_muni_nav(b, &d, "/vergelijking");
    html_printf(b, "<h1>%s vergeleken met andere gemeenten</h1>\n", d.muni.name);
    national_generated_banner(b, nd.f.n_generated);
    html_printf(b,
                "<p>De vergelijking gebruikt de cijfers van de gemeenten die ze delen met de "
                "landelijke monitor. Wat %s deelt: %s.",
                d.muni.name, sharing_level_label(level));
    if (form_may(CAP_MANAGE, d.muni.code)) {
        html_lit(b, " <a href=\"");
        html_attr(b, kit_muni_path(&a, &d, "/delen"));
        html_lit(b, "\">Wijzigen wat de gemeente deelt</a>");
    }
    html_lit(b, "</p>\n");
    const char *size_name =
        own.size_class ? arena_printf(&a, "gemeenten met %s", own.size_class->label) : NULL;
    if (own.inhabitants)
        html_printf(b, "<p>Inwoners: %lld (%d); ", (long long)own.inhabitants,
                    own.inhabitants_year);
    else
        html_lit(b, "<p>Geen inwonertal vastgelegd; ");
    html_printf(b, "beschikbaar: %s (reserve aan het begin plus toekenningen).</p>\n",
                metric_text(&a, MET_PER_INHABITANT, own.totals.available));
    if (size_name) {
        html_printf(b, "<h2>Tussen %s</h2>\n", size_name);
        peer_words(b, &a, &own, size, size_name);
        peer_chart(b, &a, &own, size, arena_printf(&a, "%s tussen %s", d.muni.name, size_name));
    }
    if (d.muni.province) {
        const char *pname = arena_printf(&a, "gemeenten in %s", d.muni.province);
        html_printf(b, "<h2>Tussen %s</h2>\n", pname);
        peer_words(b, &a, &own, prov, pname);
    }
    html_printf(b,
                "<h2>Wat nog ontbreekt</h2>\n<p>Vastgelegd: %s van wat de landelijke monitor "
                "verwacht.</p>\n",
                national_bp_text(&a, completeness_bp(&own.completeness)));
    if (own.completeness.n_missing) {
        html_lit(b, "<ul>\n");
        for (size_t i = 0; i < own.completeness.n_missing; i++) {
            const MissingItem *it = &own.completeness.missing[i];
            if (it->kind == MISSING_EVALUATION)
                html_printf(b, "<li>%s: <a href=\"/maatregel/%lld\">%s</a></li>\n",
                            missing_kind_labels[it->kind], (long long)it->measure_id,
                            it->measure ? it->measure : "");
            else
                html_printf(b, "<li>%s %d</li>\n", missing_kind_labels[it->kind], it->year);
        }
        html_lit(b, "</ul>\n");
    }
    html_lit(b, "<h2>Alle cijfers</h2>\n");
    dt_html(b, &t, kit_muni_path(&a, &d, "/vergelijking.csv"));
    html_lit(b, "<p>Naar de <a href=\"/landelijk\">landelijke monitor</a>.</p>\n");
    layout_end(b);
    arena_free(&a);
}

void page_muni_peers_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    NationalData nd;
    NationalMuni own;
    PokErr err = {0};
    if (kit_load(app, req, res, 0, &a, &d, NULL) == 0 &&
        national_page_load(app, res, 0, &a, &nd) == 0) {
        if (own_figures(app, &d, &a, &own, &err)) {
            web_error(res, 500, err.msg);
        } else {
            DataTable t;
            peer_table(&t, &a, &own, national_size_group(&nd.f, &own),
                       national_province_group(&nd.f, &own), &nd.f.all);
            kit_send_csv(res, &t, arena_printf(&a, "vergelijking-%s.csv", d.muni.code),
                         d.generated || nd.f.n_generated > 0);
        }
    }
    arena_free(&a);
}

/* ---- side by side ---- */

#define COMPARE_MAX 4

static const char *const compare_rows[] = {"Provincie",
                                           "Inwoners",
                                           "Toegekend",
                                           "Beschikbaar",
                                           "Begroot",
                                           "Gerealiseerd",
                                           "Reserve aan het eind",
                                           "Zonder bestemming",
                                           "Toegekend per inwoner",
                                           "Deel gerealiseerd",
                                           "Deel in een maatregel",
                                           "Deel met een besluit"};
#define N_COMPARE_ROWS (sizeof compare_rows / sizeof compare_rows[0])

static void compare_cell(TableCell *c, Arena *a, const NationalMuni *m, size_t row)
{
    const int64_t money[] = {m->totals.allocated, m->totals.available,   m->totals.planned,
                             m->totals.realised,  m->totals.reserve_end, m->totals.unplanned};
    if (row == 0) {
        cell_text(c, m->muni->province ? m->muni->province : "", NULL);
    } else if (row == 1) {
        if (m->inhabitants) cell_count(c, m->inhabitants);
    } else if (row < 8) {
        cell_money(c, money[row - 2], NULL, NULL);
    } else {
        int known;
        int64_t v = national_metric(m, (NatMetric)(row - 8), &known);
        cell_text(c, known ? metric_text(a, (NatMetric)(row - 8), v) : "onbekend", NULL);
    }
}

static void compare_table(DataTable *t, Arena *a, const NationalMuni **chosen, size_t n)
{
    const char **headers = arena_alloc(a, (n + 1) * sizeof *headers);
    headers[0] = "Cijfer";
    for (size_t i = 0; i < n; i++) headers[i + 1] = chosen[i]->muni->name;
    dt_init(t, a, "Gemeenten naast elkaar (alle jaren)", headers, n + 1);
    t->first_col_is_header = 1;
    for (size_t r = 0; r < N_COMPARE_ROWS; r++) {
        TableCell *row = dt_row(t, 0);
        cell_text(&row[0], compare_rows[r], NULL);
        for (size_t i = 0; i < n; i++) compare_cell(&row[i + 1], a, chosen[i], r);
    }
}

/* The municipalities asked for (?gemeente1=CODE .. ?gemeente4=, the form's selects, or
 * ?gemeente=CODE repeated, for links) that share by name; the others are left out
 * without saying whether they exist. */
static size_t chosen_munis(const WebRequest *req, const NationalData *nd, const NationalMuni **out)
{
    size_t n = 0;
    for (size_t i = 0; i < req->query.n && n < COMPARE_MAX; i++) {
        const char *name = req->query.items[i].name;
        if (strncmp(name, "gemeente", 8) != 0 ||
            (name[8] && (name[8] < '1' || name[8] > '0' + COMPARE_MAX || name[9])))
            continue;
        const NationalMuni *m = national_named(nd, req->query.items[i].value);
        int dup = 0;
        for (size_t k = 0; k < n; k++) dup |= out[k] == m;
        if (m && !dup) out[n++] = m;
    }
    return n;
}

static void compare_form(Buf *b, Arena *a, const NationalData *nd, const NationalMuni **chosen,
                         size_t n)
{
    FormOption *opts = arena_alloc(a, (nd->f.n_munis + 2) * sizeof *opts);
    size_t k = 0;
    opts[k++] = (FormOption){"", "(geen)"};
    for (size_t i = 0; i < nd->f.n_munis; i++)
        if (nd->f.munis[i].level >= SHARE_NAMED)
            opts[k++] = (FormOption){nd->f.munis[i].muni->code, nd->f.munis[i].muni->name};
    html_lit(b, "<form method=\"get\" action=\"/landelijk/vergelijk\" class=\"find\">\n");
    for (int i = 0; i < COMPARE_MAX; i++) {
        html_printf(b,
                    "<label for=\"gemeente-%d\">Gemeente %d</label> <select id=\"gemeente-%d\" "
                    "name=\"gemeente%d\">\n",
                    i + 1, i + 1, i + 1, i + 1);
        const char *sel = (size_t)i < n ? chosen[i]->muni->code : "";
        for (size_t j = 0; j < k; j++)
            html_printf(b, "<option value=\"%s\"%s>%s</option>\n", opts[j].value,
                        strcmp(opts[j].value, sel) == 0 ? " selected" : "", opts[j].label);
        html_lit(b, "</select>\n");
    }
    html_lit(b, "<button type=\"submit\">Vergelijken</button>\n</form>\n");
}

void page_national_compare(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    NationalData nd;
    if (national_page_load(app, res, 0, &a, &nd)) {
        arena_free(&a);
        return;
    }
    const NationalMuni *chosen[COMPARE_MAX];
    size_t n = chosen_munis(req, &nd, chosen);
    Buf *b = &res->body;
    layout_begin(b, "Gemeenten vergelijken");
    html_lit(b, "<nav aria-label=\"Kruimelpad\"><p><a href=\"/\">Start</a> &gt; <a "
                "href=\"/landelijk\">Landelijke monitor</a> &gt; Gemeenten vergelijken</p></nav>\n"
                "<h1>Gemeenten vergelijken</h1>\n");
    national_generated_banner(b, nd.f.n_generated);
    national_nav(b, "/landelijk/vergelijk");
    html_lit(b, "<p>Kies twee tot vier gemeenten die hun cijfers met naam delen.</p>\n");
    compare_form(b, &a, &nd, chosen, n);
    if (n) {
        DataTable t;
        compare_table(&t, &a, chosen, n);
        dt_html(b, &t, NULL);
    }
    layout_end(b);
    arena_free(&a);
}

/* ---- what the municipality shares ---- */

typedef struct SharingSave {
    const char *code;
    SharingLevel level;
} SharingSave;

static int save_sharing(Store *s, void *ctx, PokErr *err)
{
    const SharingSave *x = ctx;
    return store_sharing_set(s, x->code, x->level, err);
}

void page_form_sharing(WebApp *app, const WebRequest *req, WebResponse *res)
{
    if (form_check_content_type(req, res)) return;
    Arena a = {0};
    Form f;
    form_init(&f, req, &a);
    const char *code = req->scope_muni;
    Municipality m;
    SharingLevel level;
    PokErr err = {0};
    int found = store_municipality_get(app->store, code, &a, &m, &err);
    if (found != 1 || store_sharing_get(app->store, code, &level, &err)) {
        if (found == 0)
            web_not_found(res, "Deze gemeente bestaat niet.");
        else
            web_error(res, 500, err.msg);
        arena_free(&a);
        return;
    }
    FormOption opts[SHARE_LEVELS];
    for (int i = 0; i < SHARE_LEVELS; i++)
        opts[i] = (FormOption){sharing_level_names[i], sharing_level_labels[i]};
    const char *chosen = sharing_level_name(level);
    if (f.posted) {
        const char *v;
        if (form_choice(&f, "delen", "Wat de gemeente deelt", opts, SHARE_LEVELS, &v) == 0) {
            SharingSave x = {.code = code};
            sharing_level_parse(v, &x.level);
            if (form_save(app, save_sharing, &x, &err) == 0) {
                form_redirect(res, arena_printf(&a, "/gemeente/%s/vergelijking", code));
                arena_free(&a);
                return;
            }
            form_fail(&f, "", "%s", err.msg);
        }
        chosen = form_value(&f, "delen");
        res->status = 422;
    }
    Buf *b = &res->body;
    layout_begin(b, arena_printf(&a, "Delen met de landelijke monitor, %s", m.name));
    html_printf(b,
                "<nav aria-label=\"Kruimelpad\"><p><a href=\"/\">Start</a> &gt; <a "
                "href=\"/gemeente/%s\">%s</a> &gt; Delen</p></nav>\n<h1>Delen met de "
                "landelijke monitor</h1>\n",
                m.code, m.name);
    form_summary(b, &f);
    html_printf(b,
                "<p>De landelijke monitor telt de cijfers op van de gemeenten die ze delen. Wat "
                "%s deelt, is de keuze van de gemeente. Een groep van minder dan 3 gemeenten "
                "wordt nooit getoond, dus anoniem gedeelde cijfers zijn niet tot de gemeente te "
                "herleiden.</p>\n",
                m.name);
    form_open(b, arena_printf(&a, "/gemeente/%s/delen", m.code));
    form_select(b, &f, "delen", "Wat de gemeente deelt", NULL, opts, SHARE_LEVELS, chosen);
    form_submit(b, "Opslaan");
    form_close(b);
    layout_end(b);
    arena_free(&a);
}
