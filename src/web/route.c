/* route.c: the route table of pok serve and its dispatch. */
#include "route.h"

#include "html.h"
#include "layout.h"
#include "pages.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

const Route web_routes[] = {
    {"GET", "/", page_start},
    {"GET", "/static/:name", static_css},
    {"GET", "/gemeente/:code", page_municipality},
    {"GET", "/gemeente/:code/dekking.csv", page_coverage_csv},
    {"GET", "/api/v1/gemeenten/:code/dekking", api_coverage},
    {"GET", "/api/v1/gemeenten/:code/controles", api_checks},
    {"GET", "/gemeenten.csv", page_start_csv},
    {"GET", "/gemeente/:code/jaren.csv", page_years_csv},
    {"GET", "/gemeente/:code/toekenningen.csv", page_allocations_csv},
    {"GET", "/gemeente/:code/reserve.csv", page_reserve_csv},
    {"GET", "/gemeente/:code/maatregelen", page_measures},
    {"GET", "/gemeente/:code/maatregelen.csv", page_measures_csv},
    {"GET", "/maatregel/:id", page_measure},
    {"GET", "/gemeente/:code/besluiten", page_decisions},
    {"GET", "/gemeente/:code/besluiten.csv", page_decisions_csv},
    {"GET", "/gemeente/:code/verzoeken.csv", page_requests_csv},
    {"GET", "/gemeente/:code/evaluaties", page_evaluations},
    {"GET", "/gemeente/:code/evaluaties.csv", page_evaluations_csv},
    {"GET", "/bron/:id", page_source},
    {"GET", "/api/v1/gemeenten", api_municipalities},
    {"GET", "/api/v1/gemeenten/:code", api_municipality},
    {"GET", "/api/v1/gemeenten/:code/maatregelen", api_measures},
    {"GET", "/api/v1/gemeenten/:code/besluiten", api_decisions},
    {"GET", "/gemeente/:code/toekenning/nieuw", page_form_allocation},
    {"POST", "/gemeente/:code/toekenning/nieuw", page_form_allocation},
    {"GET", "/gemeente/:code/reserve/nieuw", page_form_reserve},
    {"POST", "/gemeente/:code/reserve/nieuw", page_form_reserve},
    {"GET", "/gemeente/:code/maatregel/nieuw", page_form_measure_new},
    {"POST", "/gemeente/:code/maatregel/nieuw", page_form_measure_new},
    {"GET", "/gemeente/:code/besluit/nieuw", page_form_decision},
    {"POST", "/gemeente/:code/besluit/nieuw", page_form_decision},
    {"GET", "/gemeente/:code/verzoek/nieuw", page_form_request},
    {"POST", "/gemeente/:code/verzoek/nieuw", page_form_request},
    {"GET", "/maatregel/:id/bewerken", page_form_measure_edit},
    {"POST", "/maatregel/:id/bewerken", page_form_measure_edit},
    {"GET", "/maatregel/:id/bedrag", page_form_measure_amount},
    {"POST", "/maatregel/:id/bedrag", page_form_measure_amount},
    {"GET", "/maatregel/:id/evaluatie/nieuw", page_form_evaluation},
    {"POST", "/maatregel/:id/evaluatie/nieuw", page_form_evaluation},
    {NULL, NULL, NULL},
};

/* Match path against pattern segment by segment; fills req->path_params. */
static int route_match(const char *pattern, WebRequest *req)
{
    const char *p = pattern, *s = req->path;
    req->path_params.n = 0;
    while (*p && *s) {
        if (*p != '/' || *s != '/') return 0;
        p++, s++;
        size_t plen = strcspn(p, "/"), slen = strcspn(s, "/");
        if (*p == ':') {
            if (slen == 0) return 0;
            char name[32], value[256];
            if (plen - 1 >= sizeof name || slen >= sizeof value) return 0;
            memcpy(name, p + 1, plen - 1);
            name[plen - 1] = '\0';
            memcpy(value, s, slen);
            value[slen] = '\0';
            if (web_param_add(req, &req->path_params, name, value)) return 0;
        } else if (plen != slen || memcmp(p, s, plen) != 0) {
            return 0;
        }
        p += plen, s += slen;
    }
    return *p == '\0' && *s == '\0';
}

static int method_matches(const char *route_method, const char *method)
{
    return strcmp(route_method, method) == 0 ||
           (strcmp(route_method, "GET") == 0 && strcmp(method, "HEAD") == 0);
}

void route_dispatch(const Route *routes, WebApp *app, WebRequest *req, WebResponse *res)
{
    if (!routes) routes = web_routes;
    Buf allow = {0}; /* the methods of routes whose pattern matches */
    const Route *found = NULL;
    for (const Route *r = routes; r->pattern && !found; r++) {
        if (!route_match(r->pattern, req)) continue;
        if (method_matches(r->method, req->method))
            found = r;
        else if (!allow.data || !strstr(allow.data, r->method))
            buf_printf(&allow, "%s%s", allow.len ? ", " : "", r->method);
    }
    if (found) {
        found->handler(app, req, res);
    } else if (allow.len) {
        req->path_params.n = 0;
        web_error(res, 405, "Deze methode is hier niet toegestaan.");
        web_header_set(res, "Allow", allow.data);
    } else {
        web_not_found(res, "Deze pagina bestaat niet.");
    }
    buf_free(&allow);
    web_security_headers(res);
}

void web_error(WebResponse *res, int status, const char *message)
{
    static const struct {
        int status;
        const char *title;
    } titles[] = {
        {400, "Ongeldig verzoek"}, {404, "Niet gevonden"}, {405, "Methode niet toegestaan"},
        {413, "Verzoek te groot"}, {500, "Interne fout"},  {503, "Niet beschikbaar"}};
    const char *title = "Fout";
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
        if (titles[i].status == status) title = titles[i].title;
    res->status = status;
    res->content_type = "text/html; charset=utf-8";
    buf_reset(&res->body);
    layout_begin(&res->body, title);
    html_printf(&res->body,
                "<h1>%s</h1>\n<p>%s</p>\n<p><a href=\"/\">Naar de startpagina</a></p>\n", title,
                message);
    layout_end(&res->body);
}

void web_not_found(WebResponse *res, const char *what)
{
    web_error(res, 404, what);
}

void web_json_error(WebResponse *res, int status, const char *message)
{
    json_t *o = json_object();
    json_object_set_new(o, "error", json_string(message));
    char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    res->status = status;
    res->content_type = "application/json";
    buf_reset(&res->body);
    buf_puts(&res->body, text ? text : "{}");
    buf_puts(&res->body, "\n");
    free(text);
}
