/* page_municipality.c: GET /gemeente/CODE : the multi-year coverage table as a council
 * document prints it and the checks' findings with their sources; and the table as CSV. */
#include "html.h"
#include "layout.h"
#include "pages.h"
#include "route.h"

#include "../engine/engine.h"
#include "../views/coverage_view.h"

#include <stdio.h>
#include <stdlib.h>

/* Load, compute coverage and (when findings is set) run the checks. Answers 404 or 500
 * itself and returns -1 then. */
static int prepare(WebApp *app, const WebRequest *req, WebResponse *res, int json, Arena *a,
                   MuniData *d, Coverage *c, Finding **findings, size_t *n_findings)
{
    const char *code = web_path_param(req, "code");
    PokErr err = {{0}};
    int r = web_load(app, code, a, d, &err);
    if (r == 0) {
        char msg[300];
        snprintf(msg, sizeof msg,
                 "Onbekende gemeente '%s'. Een gemeente heeft een CBS-code "
                 "zoals GM1734.",
                 code);
        if (json)
            web_json_error(res, 404, msg);
        else
            web_not_found(res, msg);
        return -1;
    }
    if (r < 0 || coverage_compute(d, a, c, &err) ||
        (findings && checks_run(d, c, a, findings, n_findings, &err))) {
        if (json)
            web_json_error(res, 500, err.msg);
        else
            web_error(res, 500, err.msg);
        return -1;
    }
    return 0;
}

static void coverage_table(Buf *b, const CoveragePot *p, Arena *a)
{
    int any_closed = 0;
    html_printf(b, "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n",
                coverage_pot_title(p, a));
    html_lit(b, "<thead><tr><th scope=\"col\">Post</th>");
    for (size_t i = 0; i < p->n_years; i++) {
        html_printf(b, "<th scope=\"col\" class=\"num\">%d%s</th>", p->years[i].year,
                    p->years[i].closed ? "*" : "");
        any_closed |= p->years[i].closed;
    }
    html_lit(b, "<th scope=\"col\" class=\"num\">totaal</th></tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < coverage_n_rows; r++) {
        const CoverageRowDef *row = &coverage_rows[r];
        if (row->only_if_any && row->get(&p->total) == 0) continue;
        html_lit(b, row->rule_above ? "<tr class=\"rule\">" : "<tr>");
        html_printf(b, "<th scope=\"row\">%s</th>", row->label);
        for (size_t i = 0; i < p->n_years; i++) {
            html_lit(b, "<td class=\"num\">");
            html_money(b, row->get(&p->years[i]));
            html_lit(b, "</td>");
        }
        html_lit(b, "<td class=\"num\">");
        if (row->has_total) html_money(b, row->get(&p->total));
        html_lit(b, "</td></tr>\n");
    }
    html_lit(b, "</tbody>\n</table></div>\n");
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
        if (src)
            html_printf(b, "<br><span class=\"source\">Bron: %s%s%s</span>", src->title,
                        f[i].cite.place ? ", " : "", f[i].cite.place ? f[i].cite.place : "");
        html_lit(b, "</li>\n");
    }
    html_lit(b, "</ul>\n");
}

void page_municipality(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    Finding *f;
    size_t n;
    if (prepare(app, req, res, 0, &a, &d, &c, &f, &n)) {
        arena_free(&a);
        return;
    }
    Buf *b = &res->body;
    layout_begin(b, arena_printf(&a, "%s (%s)", d.muni.name, d.muni.code));
    html_printf(b, "<p><a href=\"/\">Gemeenten</a> &gt; %s</p>\n", d.muni.name);
    html_printf(b, "<h1>%s <small>(%s)</small></h1>\n", d.muni.name, d.muni.code);
    html_printf(b, "<h2>Dekking %s (%d-%d)</h2>\n", d.scheme.name, d.scheme.first_year,
                d.scheme.last_year);
    html_lit(b, "<p>Uitgaven worden eerst gedekt uit de toekenning van het jaar, het tekort "
                "uit de reserve; niet bestede middelen gaan naar de reserve.</p>\n");
    int any = 0;
    for (size_t i = 0; i < c.n_pots; i++)
        if (c.pots[i].n_years) {
            coverage_table(b, &c.pots[i], &a);
            any = 1;
        }
    if (!any) html_lit(b, "<p>Geen toekenningen, uitgaven of reserve vastgelegd.</p>\n");
    if (c.n_unplaced)
        html_printf(b, "<p>Let op: %zu maatregel(en) vallen in geen pot en tellen niet mee.</p>\n",
                    c.n_unplaced);
    html_lit(b, "<p>Download: <a href=\"/gemeente/");
    html_url_arg(b, d.muni.code);
    html_lit(b, "/dekking.csv\">dekkingstabel als CSV</a>, <a href=\"/api/v1/gemeenten/");
    html_url_arg(b, d.muni.code);
    html_lit(b, "/dekking\">als JSON</a>.</p>\n");
    findings_list(b, &d, f, n);
    layout_end(b);
    arena_free(&a);
}

void page_coverage_csv(WebApp *app, const WebRequest *req, WebResponse *res)
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
                   arena_printf(&a, "attachment; filename=\"dekking-%s.csv\"", d.muni.code));
    arena_free(&a);
}

static void send_json(WebResponse *res, json_t *root)
{
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text) {
        web_json_error(res, 500, "kan JSON niet opbouwen");
        return;
    }
    res->content_type = "application/json";
    buf_puts(&res->body, text);
    buf_puts(&res->body, "\n");
    free(text);
}

void api_coverage(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    if (prepare(app, req, res, 1, &a, &d, &c, NULL, NULL) == 0) send_json(res, coverage_json(&c));
    arena_free(&a);
}

void api_checks(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    Finding *f;
    size_t n;
    if (prepare(app, req, res, 1, &a, &d, &c, &f, &n) == 0) send_json(res, findings_json(&d, f, n));
    arena_free(&a);
}
