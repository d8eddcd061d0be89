/* page_kit.c: see page_kit.h. */
#include "page_kit.h"

#include "../store/store_records.h"
#include "../store/store_reference.h"
#include "html.h"
#include "pages.h"
#include "route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int web_load(WebApp *app, const char *code, Arena *a, MuniData *out, PokErr *err)
{
    if (!code) return 0; /* a route resolved to no municipality has none to load */
    if (app->scheme_id) return store_load(app->store, code, app->scheme_id, a, out, err);
    const char *scheme_code = app->scheme ? app->scheme : "POK";
    Scheme scheme;
    int r = store_scheme_get(app->store, scheme_code, a, &scheme, err);
    if (r < 0) return -1;
    if (r == 0) return err_set(err, "onbekende regeling '%s'", scheme_code);
    return store_load(app->store, code, scheme.id, a, out, err);
}

int web_has_records(const MuniData *d)
{
    return d->n_allocations || d->n_measures || d->n_openings || d->n_movements || d->n_requests ||
           d->n_stated || d->n_decisions;
}

static int load(WebApp *app, const WebRequest *req, WebResponse *res, int json, Arena *a,
                MuniData *d, Coverage *c, Finding **findings, size_t *n_findings)
{
    /* the municipality authz.c resolved for the route (its :code) */
    const char *code = req->scope_muni;
    PokErr err = {0};
    int r = web_load(app, code, a, d, &err);
    if (r == 0) {
        char msg[300];
        snprintf(msg, sizeof msg,
                 "Onbekende gemeente '%s'. Een gemeente heeft een CBS-code zoals GM1734.",
                 code ? code : "");
        if (json)
            web_json_error(res, 404, msg);
        else
            web_not_found(res, msg);
        return -1;
    }
    if (r < 0 || (c && coverage_compute(d, a, c, &err)) ||
        (findings && checks_run(d, c, a, findings, n_findings, &err))) {
        if (json)
            web_json_error(res, 500, err.msg);
        else
            web_error(res, 500, err.msg);
        return -1;
    }
    return 0;
}

int kit_load(WebApp *app, const WebRequest *req, WebResponse *res, int json, Arena *a, MuniData *d,
             Coverage *c)
{
    return load(app, req, res, json, a, d, c, NULL, NULL);
}

int kit_load_checked(WebApp *app, const WebRequest *req, WebResponse *res, int json, Arena *a,
                     MuniData *d, Coverage *c, Finding **findings, size_t *n_findings)
{
    return load(app, req, res, json, a, d, c, findings, n_findings);
}

const char *kit_source_href(Arena *a, const MuniData *d, int64_t source_id, const char *anchor)
{
    if (!source_id) return NULL;
    /* CBS codes are letters and digits (the store checks them), safe in a URL */
    return arena_printf(a, "/gemeente/%s/bron/%lld%s%s", d->muni.code, (long long)source_id,
                        anchor ? "#" : "", anchor ? anchor : "");
}

void kit_cite_cell(TableCell *c, Arena *a, const MuniData *d, const Citation *cite,
                   int64_t decision_id, const char *anchor)
{
    const Source *src = cite->source_id ? muni_source(d, cite->source_id) : NULL;
    if (src) {
        cell_text(c, src->title, kit_source_href(a, d, src->id, anchor));
        c->note = cite->place;
        return;
    }
    const Decision *dec = decision_id ? muni_decision(d, decision_id) : NULL;
    if (dec) {
        cell_text(c,
                  arena_printf(a, "besluit %s%s%s", dec->body ? dec->body : "",
                               dec->date ? " " : "", dec->date ? date_nl(a, dec->date) : ""),
                  arena_printf(a, "/gemeente/%s/besluiten#besluit-%lld", d->muni.code,
                               (long long)dec->id));
        return;
    }
    cell_text(c, "geen bron vastgelegd", NULL);
}

const char *kit_muni_path(Arena *a, const MuniData *d, const char *rest)
{
    return arena_printf(a, "/gemeente/%s%s", d->muni.code, rest);
}

void kit_muni_nav(Buf *b, const MuniData *d, const char *current)
{
    static const struct {
        const char *rest, *label;
    } pages[] = {{"", "Overzicht"},
                 {"/maatregelen", "Maatregelen"},
                 {"/besluiten", "Besluiten en verzoeken"},
                 {"/evaluaties", "Evaluaties"},
                 {"/vergelijking", "Vergelijking"},
                 {"/wijzigingen", "Wijzigingen"}};
    html_lit(b, "<nav aria-label=\"Kruimelpad\" class=\"breadcrumb\"><a href=\"/\">Gemeenten</a>"
                " &gt; ");
    if (*current) {
        html_lit(b, "<a href=\"/gemeente/");
        html_url_arg(b, d->muni.code);
        html_printf(b, "\">%s</a>", d->muni.name);
    } else {
        html_txt(b, d->muni.name);
    }
    html_lit(b, "</nav>\n<nav aria-label=\"Pagina's van de gemeente\" class=\"subnav\"><ul>");
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        if (strcmp(pages[i].rest, current) == 0) {
            html_printf(b, "<li><a href=\"/gemeente/%s%s\" aria-current=\"page\">%s</a></li>",
                        d->muni.code, pages[i].rest, pages[i].label);
        } else {
            html_printf(b, "<li><a href=\"/gemeente/%s%s\">%s</a></li>", d->muni.code,
                        pages[i].rest, pages[i].label);
        }
    }
    html_lit(b, "</ul></nav>\n");
    kit_generated_banner(b, d->generated);
}

void kit_generated_banner(Buf *b, int generated)
{
    if (generated)
        html_lit(b, "<div class=\"utrecht-alert utrecht-alert--warning "
                    "pok-generated\"><p><strong>" GENERATED_WARNING ".</strong></p></div>\n");
}

void kit_send_csv(WebResponse *res, const DataTable *t, const char *filename, int generated)
{
    res->content_type = "text/csv; charset=utf-8";
    buf_reset(&res->body);
    DataTable marked = *t;
    if (generated) marked.csv_note = GENERATED_WARNING;
    dt_csv(&res->body, &marked);
    char header[200];
    snprintf(header, sizeof header, "attachment; filename=\"%s\"", filename);
    web_header_set(res, "Content-Disposition", header);
}

void kit_send_json(WebResponse *res, json_t *root)
{
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text) {
        web_json_error(res, 500, "kan JSON niet opbouwen");
        return;
    }
    res->content_type = "application/json";
    buf_reset(&res->body);
    buf_puts(&res->body, text);
    buf_puts(&res->body, "\n");
    free(text);
}

json_t *kit_json_str(const char *s)
{
    return s ? json_string(s) : json_null();
}
