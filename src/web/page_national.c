/* page_national.c: GET /landelijk, the national picture of the municipalities that share
 * their figures: per year and actielijn, per inhabitant, how much is traceable to a
 * measure and a decision, the spread per size class and province, the municipalities
 * that share by name (sortable); each table as CSV for people (/landelijk/NAAM.csv), the
 * open data tables with their Fiscal Data Package (/landelijk/data/...), and the JSON API
 * (/api/v1/landelijk). Figures resting on fewer than three municipalities are not shown
 * (national.h). */
#include "page_national.h"

#include "chart.h"
#include "html.h"
#include "layout.h"
#include "page_kit.h"
#include "pages.h"
#include "route.h"

#include "../money.h"
#include "../views/national_export.h"
#include "../views/national_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared by the national pages ---- */

int national_page_load(WebApp *app, WebResponse *res, int json, Arena *a, NationalData *nd)
{
    PokErr err = {0};
    if (national_data_load(app->store, app->scheme_id, a, nd, &err) == 0) return 0;
    if (json)
        web_json_error(res, 500, err.msg);
    else
        web_error(res, 500, err.msg);
    return -1;
}

int national_page_load_changes(WebApp *app, WebResponse *res, Arena *a, NationalData *nd)
{
    PokErr err = {0};
    if (national_page_load(app, res, 0, a, nd)) return -1;
    if (national_data_last_changes(app->store, a, nd, &err) == 0) return 0;
    web_error(res, 500, err.msg);
    return -1;
}

const char *national_bp_text(Arena *a, int bp)
{
    if (bp < 0) return "onbekend";
    return arena_printf(a, "%d,%d %%", bp / 100, (bp % 100) / 10);
}

void national_cell(TableCell *c, Arena *a, const NatFigure *f)
{
    if (!national_visible(f->n, f->n_anon)) {
        cell_text(c, "niet getoond", NULL);
        c->note = "minder dan 3 gemeenten";
        return;
    }
    cell_money(c, f->cents, NULL, NULL);
    c->note = arena_printf(a, "%d gemeente%s", f->n, f->n == 1 ? "" : "n");
}

void national_generated_banner(Buf *b, size_t n)
{
    if (!n) return;
    html_printf(b,
                "<div class=\"utrecht-alert utrecht-alert--warning pok-generated\"><p><strong>"
                "%s.</strong> De landelijke cijfers rusten op %zu gemeente%s met gegenereerde "
                "cijfers.</p></div>\n",
                GENERATED_WARNING, n, n == 1 ? "" : "n");
}

void national_nav(Buf *b, const char *current)
{
    static const struct {
        const char *path, *label;
    } pages[] = {{"/landelijk", "Landelijk beeld"},
                 {"/landelijk/maatregelen", "Bibliotheek van maatregelen"},
                 {"/landelijk/vergelijk", "Gemeenten vergelijken"},
                 {"/landelijk/volledigheid", "Volledigheid"}};
    html_lit(b, "<nav aria-label=\"Landelijke monitor\"><ul class=\"links\">\n");
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        if (strcmp(pages[i].path, current) == 0)
            html_printf(b, "<li><a href=\"%s\" aria-current=\"page\">%s</a></li>\n", pages[i].path,
                        pages[i].label);
        else
            html_printf(b, "<li><a href=\"%s\">%s</a></li>\n", pages[i].path, pages[i].label);
    }
    html_lit(b, "</ul></nav>\n");
}

/* ---- the tables, described once for the page and its CSV ---- */

static const char *const year_headers[] = {"Jaar",
                                           "Toegekend (euro)",
                                           "Begroot (euro)",
                                           "Gerealiseerd (euro)",
                                           "Reserve 31 december (euro)",
                                           "Zonder bestemming (euro)",
                                           "Toegekend per inwoner (euro)"};

static void year_row(DataTable *t, Arena *a, const NationalYear *y)
{
    TableCell *r = dt_row(t, y->year == 0);
    if (y->year)
        cell_int(&r[0], y->year);
    else
        cell_text(&r[0], "Alle jaren", NULL);
    national_cell(&r[1], a, &y->allocated);
    national_cell(&r[2], a, &y->planned);
    national_cell(&r[3], a, &y->realised);
    national_cell(&r[4], a, &y->reserve_end);
    national_cell(&r[5], a, &y->unplanned);
    if (national_visible(y->allocated.n, y->allocated.n_anon) &&
        national_visible(y->inhabitants.n, y->inhabitants.n_anon) && y->inhabitants.cents > 0) {
        cell_money(&r[6], y->allocated.cents / y->inhabitants.cents, NULL, NULL);
        r[6].note = arena_printf(a, "%lld inwoners", (long long)y->inhabitants.cents);
    } else {
        cell_text(&r[6], "niet getoond", NULL);
    }
}

static void years_table(const NationalData *nd, Arena *a, DataTable *t)
{
    dt_init(t, a, "Landelijk beeld per jaar", year_headers, 7);
    t->first_col_is_header = 1;
    for (size_t y = 0; y < nd->f.n_years; y++) year_row(t, a, &nd->f.years[y]);
    year_row(t, a, &nd->f.total);
}

static const char *const line_headers[] = {"Actielijn", "Toegekend (euro)", "Begroot (euro)",
                                           "Gerealiseerd (euro)"};

static void lines_table(const NationalData *nd, Arena *a, DataTable *t)
{
    dt_init(t, a, "Per actielijn, alle jaren", line_headers, 4);
    t->first_col_is_header = 1;
    for (size_t i = 0; i < nd->f.n_lines; i++) {
        const NationalLine *l = &nd->f.lines[i];
        TableCell *r = dt_row(t, 0);
        cell_text(&r[0],
                  l->number ? arena_printf(a, "%d. %s", l->number, l->name)
                            : arena_printf(a, "Overig: %s", l->name),
                  NULL);
        national_cell(&r[1], a, &l->total_allocated);
        national_cell(&r[2], a, &l->total_planned);
        national_cell(&r[3], a, &l->total_realised);
    }
}

static const char *const group_headers[] = {
    "Groep",        "Gemeenten",        "Toegekend per inwoner",
    "Gerealiseerd", "In een maatregel", "Met een besluit"};

/* "mediaan (kwartielen q1 - q3)" of one measure, or "niet getoond". */
static void spread_cell(TableCell *c, Arena *a, const NatSpread *s, NatMetric m)
{
    if (!national_visible(s->n, s->n_anon)) {
        cell_text(c, "niet getoond", NULL);
        return;
    }
    if (m == MET_PER_INHABITANT) {
        cell_money(c, s->median, NULL, NULL);
        char q1[MONEY_BUFSZ], q3[MONEY_BUFSZ];
        c->note = arena_printf(a, "kwartielen %s tot %s", money_format(s->q1, MONEY_EURO, q1),
                               money_format(s->q3, MONEY_EURO, q3));
        return;
    }
    cell_text(c, national_bp_text(a, (int)s->median), NULL);
    c->note = arena_printf(a, "kwartielen %s tot %s", national_bp_text(a, (int)s->q1),
                           national_bp_text(a, (int)s->q3));
}

static void group_row(DataTable *t, Arena *a, const NationalGroup *g)
{
    TableCell *r = dt_row(t, 0);
    cell_text(&r[0], g->label, NULL);
    const NatSpread *first = &g->spread[MET_PER_INHABITANT];
    if (national_visible(first->n, first->n_anon))
        cell_count(&r[1], first->n);
    else
        cell_text(&r[1], "minder dan 3", NULL);
    for (int m = 0; m < MET_N; m++) spread_cell(&r[2 + m], a, &g->spread[m], (NatMetric)m);
}

static void groups_table(const NationalGroup *g, size_t n, const NationalGroup *all, Arena *a,
                         const char *caption, DataTable *t)
{
    dt_init(t, a, caption, group_headers, 6);
    t->first_col_is_header = 1;
    for (size_t i = 0; i < n; i++) group_row(t, a, &g[i]);
    if (all) group_row(t, a, all);
}

/* ---- the municipalities that share by name, sortable ---- */

static const struct MuniSort {
    const char *value, *label;
    NatMetric metric; /* MET_N: by name */
} muni_sorts[] = {
    {"naam", "naam", MET_N},
    {"per-inwoner", "toegekend per inwoner", MET_PER_INHABITANT},
    {"gerealiseerd", "deel gerealiseerd", MET_SPENT},
    {"maatregel", "deel in een maatregel", MET_TRACEABLE},
    {"besluit", "deel met een besluit", MET_DECIDED},
};

static int by_sort(const void *x, const void *y, void *key)
{
    const NationalMuni *a = *(const NationalMuni *const *)x, *b = *(const NationalMuni *const *)y;
    const struct MuniSort *s = key;
    if (s->metric != MET_N) {
        int ka, kb;
        int64_t va = national_metric(a, s->metric, &ka), vb = national_metric(b, s->metric, &kb);
        if (ka != kb) return kb - ka; /* unknown last */
        if (va != vb) return va > vb ? -1 : 1;
    }
    return strcmp(a->muni->name, b->muni->name);
}

static const char *const muni_headers[] = {"Gemeente",         "Provincie",          "Inwoners",
                                           "Toegekend (euro)", "Per inwoner (euro)", "Gerealiseerd",
                                           "In een maatregel", "Met een besluit"};

static void munis_table(const NationalData *nd, const struct MuniSort *sort, Arena *a, DataTable *t)
{
    dt_init(t, a, "Gemeenten die hun cijfers met naam delen", muni_headers, 8);
    t->first_col_is_header = 1;
    t->empty = "Geen gemeente deelt haar cijfers met naam.";
    const NationalMuni **list = arena_alloc(a, (nd->f.n_munis + 1) * sizeof *list);
    size_t n = 0;
    for (size_t i = 0; i < nd->f.n_munis; i++)
        if (nd->f.munis[i].level >= SHARE_NAMED) list[n++] = &nd->f.munis[i];
    qsort_r(list, n, sizeof *list, by_sort, (void *)sort);
    for (size_t i = 0; i < n; i++) {
        const NationalMuni *m = list[i];
        TableCell *r = dt_row(t, 0);
        cell_text(&r[0], m->muni->name,
                  arena_printf(a, "/gemeente/%s/vergelijking", m->muni->code));
        if (m->generated) r[0].note = "gegenereerd";
        cell_text(&r[1], m->muni->province ? m->muni->province : "", NULL);
        if (m->inhabitants) cell_count(&r[2], m->inhabitants);
        cell_money(&r[3], m->totals.allocated, NULL, NULL);
        if (m->per_inhabitant >= 0) cell_money(&r[4], m->per_inhabitant, NULL, NULL);
        cell_text(&r[5], national_bp_text(a, m->spent_bp), NULL);
        cell_text(&r[6], national_bp_text(a, m->traceable_bp), NULL);
        cell_text(&r[7], national_bp_text(a, m->decided_bp), NULL);
    }
}

static const struct MuniSort *muni_sort(const WebRequest *req)
{
    const char *v = web_query(req, "sorteer");
    for (size_t i = 0; v && i < sizeof muni_sorts / sizeof muni_sorts[0]; i++)
        if (strcmp(muni_sorts[i].value, v) == 0) return &muni_sorts[i];
    return &muni_sorts[0];
}

/* ---- the page ---- */

/* The national years as the municipality chart draws them: allocated, planned (the
 * national spending is not one kind: the years of some are closed) and the reserve;
 * only the years whose figures may all be shown. */
static size_t chart_years_of(const NationalData *nd, Arena *a, YearSums **out)
{
    YearSums *ys = arena_alloc(a, (nd->f.n_years + 1) * sizeof *ys);
    size_t n = 0;
    for (size_t i = 0; i < nd->f.n_years; i++) {
        const NationalYear *y = &nd->f.years[i];
        if (!national_visible(y->allocated.n, y->allocated.n_anon) ||
            !national_visible(y->planned.n, y->planned.n_anon) ||
            !national_visible(y->reserve_end.n, y->reserve_end.n_anon))
            continue;
        ys[n++] = (YearSums){.year = y->year,
                             .allocation = y->allocated.cents,
                             .spending = y->planned.cents,
                             .planned = y->planned.cents,
                             .realised = y->realised.cents,
                             .reserve_end = y->reserve_end.cents};
    }
    *out = ys;
    return n;
}

static void summary(Buf *b, Arena *a, const NationalData *nd)
{
    const NationalFigures *f = &nd->f;
    size_t sharing = 0, named = 0;
    for (size_t i = 0; i < f->n_munis; i++) {
        sharing += f->munis[i].level >= SHARE_ANONYMOUS;
        named += f->munis[i].level >= SHARE_NAMED;
    }
    html_printf(b,
                "<p>%zu gemeenten delen hun cijfers met de landelijke monitor, %zu daarvan met "
                "naam. Elke gemeente kiest zelf wat zij deelt; wie niets deelt telt niet mee. Een "
                "cijfer dat op minder dan 3 gemeenten rust, wordt niet getoond.</p>\n",
                sharing, named);
    html_lit(b, "<h2>Samenvatting, alle jaren</h2>\n<dl class=\"totals\">\n");
    const struct {
        const char *label;
        const NatFigure *f;
    } rows[] = {
        {"Toegekend", &f->total.allocated},
        {"Beschikbaar <small>(reserve aan het begin plus toekenningen)</small>", &f->available},
        {"Begroot", &f->total.planned},
        {"Gerealiseerd", &f->total.realised},
        {"In een concrete maatregel <small>(gerealiseerd in afgesloten jaren, anders "
         "begroot)</small>",
         &f->spending},
        {"Daarvan vastgesteld bij een besluit van raad of college", &f->with_decision},
        {"Reserve aan het eind", &f->total.reserve_end},
        {"Zonder bestemming", &f->total.unplanned}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        html_lit(b, "<dt>");
        html_lit_(b, rows[i].label, strlen(rows[i].label)); /* literals above */
        html_lit(b, "</dt><dd>");
        if (national_visible(rows[i].f->n, rows[i].f->n_anon)) {
            html_money(b, rows[i].f->cents);
            html_printf(b, " <small>(%d gemeenten", rows[i].f->n);
            if (rows[i].f != &f->available &&
                national_visible(f->available.n, f->available.n_anon) && f->available.cents > 0 &&
                i >= 2)
                html_printf(b, "; %s van beschikbaar",
                            national_bp_text(
                                a, (int)((__int128)rows[i].f->cents * 10000 / f->available.cents)));
            html_lit(b, ")</small>");
        } else {
            html_lit(b, "niet getoond (minder dan 3 gemeenten)");
        }
        html_lit(b, "</dd>\n");
    }
    html_lit(b, "</dl>\n");
    if (nd->n_inhabitant_sources) {
        html_lit(b, "<p>Inwoners: ");
        for (size_t i = 0; i < nd->n_inhabitant_sources; i++)
            html_printf(b, "%s%s", i ? "; " : "", nd->inhabitant_sources[i].title);
        html_printf(b, " (laatst bekende telling per gemeente, %d", nd->inhabitants_first_year);
        if (nd->inhabitants_last_year != nd->inhabitants_first_year)
            html_printf(b, " tot %d", nd->inhabitants_last_year);
        html_lit(b, ").</p>\n");
    }
}

static void sort_form(Buf *b, const struct MuniSort *current)
{
    html_lit(b, "<form method=\"get\" action=\"/landelijk#gemeenten\" class=\"find\">\n"
                "<label for=\"sorteer\">Sorteer op</label> <select id=\"sorteer\" "
                "name=\"sorteer\">\n");
    for (size_t i = 0; i < sizeof muni_sorts / sizeof muni_sorts[0]; i++)
        html_printf(b, "<option value=\"%s\"%s>%s</option>\n", muni_sorts[i].value,
                    &muni_sorts[i] == current ? " selected" : "", muni_sorts[i].label);
    html_lit(b, "</select> <button type=\"submit\">Sorteren</button>\n</form>\n");
}

void page_national(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    NationalData nd;
    if (national_page_load(app, res, 0, &a, &nd)) {
        arena_free(&a);
        return;
    }
    DataTable years, lines, sizes, provinces, munis;
    years_table(&nd, &a, &years);
    lines_table(&nd, &a, &lines);
    groups_table(nd.f.size_groups, nd.f.n_size_groups, &nd.f.all, &a,
                 "Mediaan en kwartielen per grootteklasse (CBS)", &sizes);
    groups_table(nd.f.province_groups, nd.f.n_province_groups, NULL, &a,
                 "Mediaan en kwartielen per provincie", &provinces);
    const struct MuniSort *sort = muni_sort(req);
    munis_table(&nd, sort, &a, &munis);
    Buf *b = &res->body;
    layout_begin(b, "Landelijke monitor");
    html_lit(b, "<nav aria-label=\"Kruimelpad\"><p><a href=\"/\">Start</a> &gt; Landelijke "
                "monitor</p></nav>\n<h1>Landelijke monitor POK-middelen</h1>\n");
    national_generated_banner(b, nd.f.n_generated);
    national_nav(b, "/landelijk");
    summary(b, &a, &nd);
    html_lit(b, "<h2>Per jaar</h2>\n<p>Begroot en gerealiseerd zijn de bedragen van de "
                "maatregelen; de reserve en het geld zonder bestemming komen uit de dekkingstabel "
                "van elke gemeente.</p>\n");
    YearSums *ys;
    size_t n_ys = chart_years_of(&nd, &a, &ys);
    chart_years(b, ys, n_ys, "Landelijk: toegekend, begroot en reserve per jaar", "landelijk");
    dt_html(b, &years, "/landelijk/jaren.csv");
    html_lit(b, "<h2>Per actielijn</h2>\n<p>Begroot en gerealiseerd tellen bij een actielijn "
                "als de maatregel alleen die actielijn heeft; maatregelen met meer of geen "
                "actielijnen staan onder Overig. Toekenningen voor een periode zonder verdeling "
                "per jaar staan alleen in de totalen.</p>\n");
    dt_html(b, &lines, "/landelijk/actielijnen.csv");
    html_lit(b, "<h2>Spreiding</h2>\n<p>Per groep de mediaan en de kwartielen (de middelste "
                "helft van de gemeenten ligt daartussen). Aandelen zijn van het beschikbare "
                "geld.</p>\n");
    dt_html(b, &sizes, "/landelijk/grootteklassen.csv");
    dt_html(b, &provinces, "/landelijk/provincies.csv");
    html_lit(b, "<h2 id=\"gemeenten\">Gemeenten met naam</h2>\n");
    sort_form(b, sort);
    dt_html(b, &munis, "/landelijk/gemeenten.csv");
    html_lit(b, "<h2>Open data</h2>\n<p class=\"download\">De tabellen als open data (bedragen "
                "in centen): ");
    for (size_t i = 0; i < national_n_tables; i++)
        html_printf(b, "<a href=\"/landelijk/data/%s.csv\" download>%s</a>, ",
                    national_tables[i].name, national_tables[i].title);
    html_lit(b, "met de beschrijving als <a href=\"/landelijk/data/datapackage.json\">Fiscal Data "
                "Package</a>, en als <a href=\"/api/v1/landelijk\">JSON</a>.</p>\n");
    layout_end(b);
    arena_free(&a);
}

/* ---- downloads ---- */

static const struct PeopleCsv {
    const char *name;
} people_csvs[] = {{"jaren"}, {"actielijnen"}, {"grootteklassen"}, {"provincies"}, {"gemeenten"}};

/* The file name the route matched: the last segment of the path (route.c lists each). */
static const char *file_of(const WebRequest *req)
{
    const char *slash = strrchr(req->path, '/');
    return slash ? slash + 1 : req->path;
}

void page_national_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    char name[32];
    const char *file = file_of(req);
    size_t len = strcspn(file, ".");
    snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), file);
    size_t which = sizeof people_csvs / sizeof people_csvs[0];
    for (size_t i = 0; i < sizeof people_csvs / sizeof people_csvs[0]; i++)
        if (strcmp(people_csvs[i].name, name) == 0) which = i;
    if (which == sizeof people_csvs / sizeof people_csvs[0]) {
        web_not_found(res, "Deze tabel bestaat niet.");
        return;
    }
    Arena a = {0};
    NationalData nd;
    if (national_page_load(app, res, 0, &a, &nd) == 0) {
        DataTable t;
        if (which == 0)
            years_table(&nd, &a, &t);
        else if (which == 1)
            lines_table(&nd, &a, &t);
        else if (which == 2)
            groups_table(nd.f.size_groups, nd.f.n_size_groups, &nd.f.all, &a, "Per grootteklasse",
                         &t);
        else if (which == 3)
            groups_table(nd.f.province_groups, nd.f.n_province_groups, NULL, &a, "Per provincie",
                         &t);
        else
            munis_table(&nd, muni_sort(req), &a, &t);
        kit_send_csv(res, &t, arena_printf(&a, "landelijk-%s.csv", people_csvs[which].name),
                     nd.f.n_generated > 0);
    }
    arena_free(&a);
}

/* /landelijk/data/NAME.csv and /landelijk/data/datapackage.json */
void page_national_data(WebApp *app, const WebRequest *req, WebResponse *res)
{
    const char *file = file_of(req);
    size_t len = strlen(file);
    const NationalTable *t = NULL;
    int package = file && strcmp(file, "datapackage.json") == 0;
    if (!package && len > 4 && strcmp(file + len - 4, ".csv") == 0) {
        char name[64];
        if (len - 4 < sizeof name) {
            memcpy(name, file, len - 4);
            name[len - 4] = '\0';
            t = national_table(name);
        }
    }
    if (!package && !t) {
        web_not_found(res, "Dit bestand bestaat niet.");
        return;
    }
    Arena a = {0};
    NationalData nd;
    if (national_page_load(app, res, package, &a, &nd) == 0) {
        if (package) {
            char today[11];
            date_today(today);
            kit_send_json(res, national_datapackage(&nd, today));
        } else {
            res->content_type = "text/csv; charset=utf-8";
            national_csv(&nd, t, &res->body);
            /* the name is one of the table names: letters and '_' only */
            web_header_set(res, "Content-Disposition",
                           arena_printf(&a, "attachment; filename=\"%s.csv\"", t->name));
        }
    }
    arena_free(&a);
}

void api_national(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    NationalData nd;
    if (national_page_load(app, res, 1, &a, &nd) == 0) kit_send_json(res, national_json(&nd));
    arena_free(&a);
}

void api_national_munis(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    NationalData nd;
    if (national_page_load(app, res, 1, &a, &nd) == 0) {
        json_t *o = json_object();
        json_object_set_new(o, "generated", json_boolean(nd.f.n_generated > 0));
        json_object_set_new(o, "municipalities", national_munis_json(&nd));
        kit_send_json(res, o);
    }
    arena_free(&a);
}
