/* page_municipality.c: GET /gemeente/CODE : the municipality's totals, the multi-year
 * coverage table as a council document prints it, a chart and table of the years, the
 * allocations per actielijn and the reserve with their sources, and the checks' findings;
 * every table also as CSV. */
#include "chart.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "muni_tables.h"
#include "page_kit.h"
#include "pages.h"
#include "route.h"
#include "table_frame.h"

#include "../engine/engine.h"
#include "../views/coverage_view.h"

#include <stdio.h>
#include <stdlib.h>

/* Load, compute coverage and (when findings is set) run the checks. Answers 404 or 500
 * itself and returns -1 then. */
/* The municipality of the path with its coverage (and findings, when asked for). */
static int prepare(WebApp *app, const WebRequest *req, WebResponse *res, int json, Arena *a,
                   MuniData *d, Coverage *c, Finding **findings, size_t *n_findings)
{
    return findings ? kit_load_checked(app, req, res, json, a, d, c, findings, n_findings)
                    : kit_load(app, req, res, json, a, d, c);
}

static void coverage_table(Buf *b, const CoveragePot *p, Arena *a)
{
    int any_closed = 0;
    table_frame_open(b, coverage_pot_title(p, a), NULL, NULL);
    html_lit(b, "<thead><tr><th scope=\"col\">Post</th>");
    for (size_t i = 0; i < p->n_years; i++) {
        html_printf(b, "<th scope=\"col\" class=\"num\">%d%s</th>", p->years[i].year,
                    p->years[i].closed ? "*" : "");
        any_closed |= p->years[i].closed;
    }
    html_printf(b, "<th scope=\"col\" class=\"num\">totaal %s</th></tr>\n",
                coverage_pot_years(p, a));
    /* a year's spending is its realisation once closed, its plans (begroot) before */
    html_lit(b, "<tr><td></td>");
    for (size_t i = 0; i < p->n_years; i++)
        html_printf(b, "<th scope=\"col\" class=\"num\"><small>%s</small></th>",
                    p->years[i].closed ? "gerealiseerd" : "begroot");
    html_lit(b, "<td></td></tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < coverage_n_rows; r++) {
        const CoverageRowDef *row = &coverage_rows[r];
        if (!coverage_row_shown(row, p)) continue;
        if (row->rule_above)
            html_lit(b, "<tr class=\"rule\">");
        else
            html_lit(b, "<tr>");
        html_printf(b, "<th scope=\"row\">%s</th>", row->label);
        for (size_t i = 0; i < p->n_years; i++) {
            html_lit(b, "<td class=\"num\">");
            if (coverage_cell_unknown(row, &p->years[i]))
                html_lit(b, "onbekend");
            else
                html_money(b, row->get(&p->years[i]));
            html_lit(b, "</td>");
        }
        html_lit(b, "<td class=\"num\">");
        if (row->has_total) html_money(b, row->get(&p->total));
        html_lit(b, "</td></tr>\n");
        for (size_t k = 0; row->allocation && k < p->n_periods; k++) {
            html_printf(b, "<tr class=\"period\"><th scope=\"row\">%s</th>",
                        coverage_period_label(&p->periods[k], a));
            for (size_t i = 0; i < p->n_years; i++) html_lit(b, "<td></td>");
            html_lit(b, "<td class=\"num\">");
            html_money(b, p->periods[k].amount);
            html_lit(b, "</td></tr>\n");
        }
    }
    html_lit(b, "</tbody>\n");
    table_frame_close(b);
    if (any_closed) html_lit(b, "<p>* afgesloten jaar: uitgaven zijn de realisatie</p>\n");
}

static void findings_list(Buf *b, const MuniData *d, const Finding *f, size_t n)
{
    html_lit(b, "<h2 id=\"controles\">Controles</h2>\n");
    if (n == 0) {
        html_lit(b, "<p>Geen bevindingen.</p>\n");
        return;
    }
    html_printf(b, "<p>%zu bevinding%s.</p>\n<ul class=\"findings\">\n", n, n == 1 ? "" : "en");
    for (size_t i = 0; i < n; i++) {
        const char *sev = severity_name(f[i].severity);
        html_printf(b, "<li class=\"finding sev-%s\"><strong>%s:</strong> %s", sev, sev,
                    f[i].message);
        const Source *src = f[i].cite.source_id ? muni_source(d, f[i].cite.source_id) : NULL;
        if (src) {
            html_printf(b, "<br><span class=\"source\">Bron: %s%s%s (<a href=\"/gemeente/",
                        src->title, f[i].cite.place ? ", " : "",
                        f[i].cite.place ? f[i].cite.place : "");
            html_url_arg(b, d->muni.code);
            html_printf(b, "/bron/%lld\">bron bekijken</a>)</span>", (long long)src->id);
        }
        html_lit(b, "</li>\n");
    }
    html_lit(b, "</ul>\n");
}

/* The totals of the whole municipality, each label naming the years it covers: the years
 * that have figures, not the scheme's. */
static void totals_list(Buf *b, Arena *a, const MuniTotals *t)
{
    const char *period = totals_period_label(t, a);
    html_printf(b, "<h2>Samenvatting %s</h2>\n<dl class=\"totals\">\n", period);
    html_printf(b,
                "<dt>Totaal beschikbaar %s <small>(reserve aan het begin plus "
                "toekenningen)</small></dt><dd>",
                period);
    html_money(b, t->available);
    if (t->first_year)
        html_printf(b, "</dd>\n<dt>Reserve op 1 januari %d</dt><dd>", t->first_year);
    else
        html_lit(b, "</dd>\n<dt>Reserve aan het begin</dt><dd>");
    html_money(b, t->reserve_start);
    html_printf(b, "</dd>\n<dt>Toegekend %s</dt><dd>", period);
    html_money(b, t->allocated);
    if (t->period_allocated) {
        html_lit(b, " <small>(waarvan ");
        html_money(b, t->period_allocated);
        html_lit(b, " voor een periode, verdeling over de jaren onbekend)</small>");
    }
    html_printf(b, "</dd>\n<dt>Begroot %s <small>(plannen)</small></dt><dd>", period);
    html_money(b, t->planned);
    html_printf(b, "</dd>\n<dt>Gerealiseerd %s</dt><dd>", period);
    html_money(b, t->realised);
    html_printf(b, "</dd>\n<dt>Zonder bestemming %s</dt><dd>", period);
    html_money(b, t->unplanned);
    if (t->expected_deposit) {
        html_printf(b,
                    "</dd>\n<dt>Verwachte storting in de reserve %s <small>(nog geen besluit; "
                    "valt anders in het jaarresultaat)</small></dt><dd>",
                    period);
        html_money(b, t->expected_deposit);
    }
    if (t->reserve_year) {
        html_printf(b, "</dd>\n<dt>Reserve op 31 december %d</dt><dd>", t->reserve_year);
        html_money(b, t->reserve_end);
    }
    html_lit(b, "</dd>\n</dl>\n");
}

static void muni_links(Buf *b, const MuniData *d)
{
    html_lit(b, "<ul class=\"links\">\n<li><a href=\"/gemeente/");
    html_url_arg(b, d->muni.code);
    html_lit(b, "/maatregelen\">Maatregelen: plan en realisatie</a></li>\n"
                "<li><a href=\"/gemeente/");
    html_url_arg(b, d->muni.code);
    html_lit(b, "/besluiten\">Besluiten en verzoeken</a></li>\n<li><a href=\"/gemeente/");
    html_url_arg(b, d->muni.code);
    html_lit(b, "/evaluaties\">Evaluaties</a></li>\n");
    /* a reader has a document checked; an editor reads documents in through "Wijzigen"
     * (page_forms_nav); a visitor who is not logged in cannot post */
    if (form_may(CAP_LOGIN, NULL) && !form_may(CAP_EDIT, d->muni.code)) {
        html_lit(b, "<li><a href=\"/gemeente/");
        html_url_arg(b, d->muni.code);
        html_lit(b, "/document/inlezen\">Document laten controleren (de rekensommen van een "
                    "raadsvoorstel of brief)</a></li>\n");
    }
    html_lit(b, "</ul>\n");
}

static void coverage_section(Buf *b, Arena *a, const MuniData *d, const Coverage *c)
{
    html_printf(b, "<h2>Dekking %s</h2>\n", d->scheme.name);
    html_lit(b, "<p>Uitgaven worden eerst gedekt uit de toekenning van het jaar, het tekort "
                "uit de reserve. In een open jaar zijn de uitgaven begroot (plannen), in een "
                "afgesloten jaar gerealiseerd. Wat in een open jaar niet besteed wordt, is een "
                "verwachte storting in de reserve: zonder besluit valt het in het "
                "jaarresultaat.</p>\n");
    int any = 0;
    for (size_t i = 0; i < c->n_pots; i++)
        if (c->pots[i].n_years) {
            coverage_table(b, &c->pots[i], a);
            any = 1;
        }
    if (!any) html_lit(b, "<p>Geen toekenningen, uitgaven of reserve vastgelegd.</p>\n");
    if (c->n_unplaced)
        html_printf(b, "<p>Let op: %zu maatregel(en) vallen in geen pot en tellen niet mee.</p>\n",
                    c->n_unplaced);
    html_lit(b, "<p class=\"download\"><a href=\"/gemeente/");
    html_url_arg(b, d->muni.code);
    html_lit(b, "/dekking.csv\" download>Download als CSV</a> (voor Excel of LibreOffice, "
                "bedragen in euro); voor verdere verwerking: <a href=\"/gemeente/");
    html_url_arg(b, d->muni.code);
    html_lit(b, "/dekking-data.csv\" download>gegevensbestand (CSV, bedragen in centen)</a> of "
                "<a href=\"/api/v1/gemeenten/");
    html_url_arg(b, d->muni.code);
    html_lit(b, "/dekking\">JSON</a></p>\n");
}

/* The page's tables besides coverage; -1 with err. */
typedef struct MuniTables {
    MuniTotals totals;
    YearSums *years;
    size_t n_years;
    DataTable year_table, allocations, reserve;
} MuniTables;

static int build_tables(const MuniData *d, const Coverage *c, Arena *a, MuniTables *t, PokErr *err)
{
    if (municipality_totals(d, c, a, &t->totals, err) ||
        muni_years_table(d, c, a, &t->year_table, &t->years, &t->n_years, err) ||
        muni_allocations_table(d, a, &t->allocations, err))
        return -1;
    muni_reserve_table(d, a, &t->reserve);
    return 0;
}

void page_municipality(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    Finding *f;
    size_t n;
    MuniTables t;
    PokErr err = {0};
    if (prepare(app, req, res, 0, &a, &d, &c, &f, &n)) {
        arena_free(&a);
        return;
    }
    if (build_tables(&d, &c, &a, &t, &err)) {
        web_error(res, 500, err.msg);
        arena_free(&a);
        return;
    }
    Buf *b = &res->body;
    layout_begin(b, arena_printf(&a, "%s (%s)", d.muni.name, d.muni.code));
    kit_muni_nav(b, &d, "");
    html_printf(b, "<h1>%s <small>(%s)</small></h1>\n", d.muni.name, d.muni.code);
    totals_list(b, &a, &t.totals);
    muni_links(b, &d);
    html_lit(b, "<p class=\"download\"><a href=\"");
    html_attr(b, kit_muni_path(&a, &d, "/stand.pdf"));
    html_lit(b, "\">Stand van zaken (PDF)</a> voor de gemeenteraad</p>\n");
    html_lit(b, "<p class=\"download\">Downloads: <a href=\"");
    html_attr(b, kit_muni_path(&a, &d, "/stand.xlsx"));
    html_lit(b, "\" download>spreadsheet (XLSX) met formules</a>, <a href=\"");
    html_attr(b, kit_muni_path(&a, &d, "/export.json"));
    html_lit(b, "\" download>alle gegevens als JSON</a></p>\n");
    page_forms_nav(b, d.muni.code);
    coverage_section(b, &a, &d, &c);
    html_lit(b, "<h2>Verloop per jaar</h2>\n");
    chart_years(b, t.years, t.n_years,
                arena_printf(&a, "Toekenning, uitgaven en reserve per jaar, %s", d.muni.name),
                "jaren");
    dt_html(b, &t.year_table, kit_muni_path(&a, &d, "/jaren.csv"));
    html_lit(b, "<h2>Toekenningen per actielijn</h2>\n");
    dt_html(b, &t.allocations, kit_muni_path(&a, &d, "/toekenningen.csv"));
    muni_allocation_sources(b, &a, &d);
    html_lit(b, "<h2>Reserve</h2>\n");
    dt_html(b, &t.reserve, kit_muni_path(&a, &d, "/reserve.csv"));
    findings_list(b, &d, f, n);
    layout_end(b);
    arena_free(&a);
}

typedef enum MuniCsv { CSV_YEARS, CSV_ALLOCATIONS, CSV_RESERVE } MuniCsv;

static void tables_csv(WebApp *app, const WebRequest *req, WebResponse *res, MuniCsv which)
{
    static const char *const names[] = {"jaren", "toekenningen", "reserve"};
    Arena a = {0};
    MuniData d;
    Coverage c;
    MuniTables t;
    PokErr err = {0};
    if (prepare(app, req, res, 0, &a, &d, &c, NULL, NULL) == 0) {
        if (build_tables(&d, &c, &a, &t, &err)) {
            web_error(res, 500, err.msg);
        } else {
            const DataTable *table = which == CSV_YEARS         ? &t.year_table
                                     : which == CSV_ALLOCATIONS ? &t.allocations
                                                                : &t.reserve;
            kit_send_csv(res, table, arena_printf(&a, "%s-%s.csv", names[which], d.muni.code),
                         d.generated);
        }
    }
    arena_free(&a);
}

void page_years_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    tables_csv(app, req, res, CSV_YEARS);
}

void page_allocations_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    tables_csv(app, req, res, CSV_ALLOCATIONS);
}

void page_reserve_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    tables_csv(app, req, res, CSV_RESERVE);
}

/* The CSV for people: the coverage table in Dutch with amounts in euros. */
void page_coverage_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    if (prepare(app, req, res, 0, &a, &d, &c, NULL, NULL) == 0) {
        DataTable t;
        muni_coverage_table(&d, &c, &a, &t);
        kit_send_csv(res, &t, arena_printf(&a, "dekking-%s.csv", d.muni.code), d.generated);
    }
    arena_free(&a);
}

/* The machine CSV of the same figures (cents, the English field names of the JSON
 * contract, comma separated), as `pok coverage --format csv` writes it (docs/export.md). */
void page_coverage_data_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    if (prepare(app, req, res, 0, &a, &d, &c, NULL, NULL)) {
        arena_free(&a);
        return;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        web_error(res, 500, "Kan de CSV niet opbouwen (geen geheugen).");
        arena_free(&a);
        return;
    }
    coverage_print_csv(&c, 1, f);
    fclose(f);
    res->content_type = "text/csv; charset=utf-8";
    buf_append(&res->body, text, len);
    free(text);
    /* CBS codes are letters and digits (the store checks them): safe in the header */
    web_header_set(res, "Content-Disposition",
                   arena_printf(&a, "attachment; filename=\"dekking-data-%s.csv\"", d.muni.code));
    arena_free(&a);
}
