/* route.c: the route table of pok serve and its dispatch. */
#include "route.h"

#include "../store/store.h"
#include "authz.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "page_audit.h"
#include "page_read.h"
#include "pages.h"
#include "saved.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

const Route web_routes[] = {
    {"GET", "/inloggen", page_login, CAP_PUBLIC, SCOPE_NONE},
    {"POST", "/inloggen", page_login, CAP_PUBLIC, SCOPE_NONE},
    {"POST", "/uitloggen", page_logout, CAP_LOGIN, SCOPE_NONE},
    {"GET", "/", page_start, CAP_READ_ALL, SCOPE_NONE},
    {"GET", "/static/:name", static_css, CAP_PUBLIC, SCOPE_NONE},
    {"GET", "/gemeente/:code", page_municipality, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/dekking.csv", page_coverage_csv, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/dekking-data.csv", page_coverage_data_csv, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/stand.xlsx", page_export_xlsx, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/export.json", page_export_json, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/stand.pdf", page_report_pdf, CAP_READ, SCOPE_CODE},
    {"GET", "/api/v2/gemeenten/:code/dekking", api_coverage, CAP_READ, SCOPE_CODE},
    {"GET", "/api/v2/gemeenten/:code/controles", api_checks, CAP_READ, SCOPE_CODE},
    {"GET", "/api/v1/gemeenten/:code/dekking", api_coverage, CAP_READ, SCOPE_CODE},
    {"GET", "/api/v1/gemeenten/:code/controles", api_checks, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeenten.csv", page_start_csv, CAP_READ_ALL, SCOPE_NONE},
    /* the national monitor: only what municipalities share (page_national.c) */
    {"GET", "/landelijk", page_national, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/landelijk/data/datapackage.json", page_national_data, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/landelijk/data/landelijk_jaren.csv", page_national_data, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/landelijk/data/landelijk_actielijnen.csv", page_national_data, CAP_NATIONAL,
     SCOPE_NONE},
    {"GET", "/landelijk/data/landelijk_groepen.csv", page_national_data, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/landelijk/data/landelijk_gemeenten.csv", page_national_data, CAP_NATIONAL,
     SCOPE_NONE},
    {"GET", "/landelijk/volledigheid.csv", page_national_completeness_csv, CAP_NATIONAL,
     SCOPE_NONE},
    {"GET", "/landelijk/jaren.csv", page_national_csv, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/landelijk/actielijnen.csv", page_national_csv, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/landelijk/grootteklassen.csv", page_national_csv, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/landelijk/provincies.csv", page_national_csv, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/landelijk/gemeenten.csv", page_national_csv, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/landelijk/vergelijk", page_national_compare, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/landelijk/volledigheid", page_national_completeness, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/api/v2/landelijk", api_national, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/api/v2/landelijk/gemeenten", api_national_munis, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/api/v1/landelijk", api_national, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/api/v1/landelijk/gemeenten", api_national_munis, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/gemeente/:code/jaren.csv", page_years_csv, CAP_READ, SCOPE_CODE},
    /* a municipality among its peers, and what it shares with the national monitor */
    {"GET", "/gemeente/:code/vergelijking", page_muni_peers, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/vergelijking.csv", page_muni_peers_csv, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/delen", page_form_sharing, CAP_MANAGE, SCOPE_CODE},
    {"POST", "/gemeente/:code/delen", page_form_sharing, CAP_MANAGE, SCOPE_CODE},
    {"GET", "/gemeente/:code/toekenningen.csv", page_allocations_csv, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/reserve.csv", page_reserve_csv, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/maatregelen", page_measures, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/maatregelen.csv", page_measures_csv, CAP_READ, SCOPE_CODE},
    {"GET", "/maatregel/:id", page_measure, CAP_READ, SCOPE_MEASURE},
    {"GET", "/maatregel/:id.csv", page_measure_csv, CAP_READ, SCOPE_MEASURE},
    {"GET", "/maatregel/:id/boekingen", page_ledger_bookings, CAP_READ, SCOPE_MEASURE},
    {"GET", "/maatregel/:id/boekingen.csv", page_ledger_bookings_csv, CAP_READ, SCOPE_MEASURE},
    {"GET", "/gemeente/:code/besluiten", page_decisions, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/besluiten.csv", page_decisions_csv, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/verzoeken.csv", page_requests_csv, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/evaluaties", page_evaluations, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/evaluaties.csv", page_evaluations_csv, CAP_READ, SCOPE_CODE},
    {"GET", "/bron/:id", page_source, CAP_READ, SCOPE_SOURCE},
    {"GET", "/bron/:id.csv", page_source_csv, CAP_READ, SCOPE_SOURCE},
    {"GET", "/gemeente/:code/bron/:id", page_source, CAP_READ, SCOPE_CODE_SOURCE},
    {"GET", "/gemeente/:code/bron/:id.csv", page_source_csv, CAP_READ, SCOPE_CODE_SOURCE},
    /* a source's document file, readable like its page */
    {"GET", "/bron/:id/bestand", page_source_file, CAP_READ, SCOPE_SOURCE},
    {"GET", "/gemeente/:code/bron/:id/bestand", page_source_file, CAP_READ, SCOPE_CODE_SOURCE},
    /* a new source with its file: of a municipality, or national (beheerder) */
    {"GET", "/gemeente/:code/bron/nieuw", page_form_source, CAP_EDIT, SCOPE_CODE},
    {"POST", "/gemeente/:code/bron/nieuw", page_form_source, CAP_EDIT, SCOPE_CODE},
    {"GET", "/bron/nieuw", page_form_source, CAP_ADMIN, SCOPE_NONE},
    {"POST", "/bron/nieuw", page_form_source, CAP_ADMIN, SCOPE_NONE},
    /* imports with a preview of their dry run: a circulaire is every municipality's */
    {"GET", "/import/circulaire", page_import_circulaire, CAP_ADMIN, SCOPE_NONE},
    {"POST", "/import/circulaire", page_import_circulaire, CAP_ADMIN, SCOPE_NONE},
    /* a council document read (pok read): a reader has it checked, nothing kept; an
     * editor also gets its proposals, stored only by "opslaan" (page_read.h) */
    {"GET", "/gemeente/:code/document/inlezen", page_read_upload, CAP_READ, SCOPE_CODE},
    {"POST", "/gemeente/:code/document/inlezen", page_read_upload, CAP_READ, SCOPE_CODE},
    {"POST", "/gemeente/:code/document/opslaan", page_read_accept, CAP_EDIT, SCOPE_CODE},
    {"GET", "/gemeente/:code/grootboek/import", page_import_ledger, CAP_EDIT, SCOPE_CODE},
    {"POST", "/gemeente/:code/grootboek/import", page_import_ledger, CAP_EDIT, SCOPE_CODE},
    /* v2: every record in its one shape; v1 the same, kept for one release (docs/api.md) */
    {"GET", "/api/v2/gemeenten", api_municipalities, CAP_READ_ALL, SCOPE_NONE},
    {"GET", "/api/v2/gemeenten/:code", api_municipality, CAP_READ, SCOPE_CODE},
    {"GET", "/api/v2/gemeenten/:code/maatregelen", api_measures, CAP_READ, SCOPE_CODE},
    {"GET", "/api/v2/gemeenten/:code/besluiten", api_decisions, CAP_READ, SCOPE_CODE},
    {"GET", "/api/v1/gemeenten", api_municipalities, CAP_READ_ALL, SCOPE_NONE},
    {"GET", "/api/v1/gemeenten/:code", api_municipality, CAP_READ, SCOPE_CODE},
    {"GET", "/api/v1/gemeenten/:code/maatregelen", api_measures, CAP_READ, SCOPE_CODE},
    {"GET", "/api/v1/gemeenten/:code/besluiten", api_decisions, CAP_READ, SCOPE_CODE},
    /* the library of measures: what the municipalities sharing their measures do, for
     * every municipality to learn from (any logged-in user; page_library.c) */
    {"GET", "/landelijk/maatregelen", page_library, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/api/v2/landelijk/maatregelen", api_library, CAP_NATIONAL, SCOPE_NONE},
    {"GET", "/api/v1/landelijk/maatregelen", api_library, CAP_NATIONAL, SCOPE_NONE},
    /* the OpenAPI document of the routes above (openapi.c): it describes no data */
    {"GET", "/api/openapi.json", api_openapi, CAP_PUBLIC, SCOPE_NONE},
    {"GET", "/gemeente/:code/toekenning/nieuw", page_form_allocation, CAP_EDIT, SCOPE_CODE},
    {"POST", "/gemeente/:code/toekenning/nieuw", page_form_allocation, CAP_EDIT, SCOPE_CODE},
    {"GET", "/gemeente/:code/reserve/nieuw", page_form_reserve, CAP_EDIT, SCOPE_CODE},
    {"POST", "/gemeente/:code/reserve/nieuw", page_form_reserve, CAP_EDIT, SCOPE_CODE},
    {"GET", "/gemeente/:code/maatregel/nieuw", page_form_measure_new, CAP_EDIT, SCOPE_CODE},
    {"POST", "/gemeente/:code/maatregel/nieuw", page_form_measure_new, CAP_EDIT, SCOPE_CODE},
    {"GET", "/gemeente/:code/toekenningen/invoeren", page_grid_allocations, CAP_EDIT, SCOPE_CODE},
    {"POST", "/gemeente/:code/toekenningen/invoeren", page_grid_allocations, CAP_EDIT, SCOPE_CODE},
    {"GET", "/gemeente/:code/besluit/nieuw", page_form_decision, CAP_EDIT, SCOPE_CODE},
    {"POST", "/gemeente/:code/besluit/nieuw", page_form_decision, CAP_EDIT, SCOPE_CODE},
    {"GET", "/gemeente/:code/verzoek/nieuw", page_form_request, CAP_EDIT, SCOPE_CODE},
    {"POST", "/gemeente/:code/verzoek/nieuw", page_form_request, CAP_EDIT, SCOPE_CODE},
    {"GET", "/maatregel/:id/bewerken", page_form_measure_edit, CAP_EDIT, SCOPE_MEASURE},
    {"POST", "/maatregel/:id/bewerken", page_form_measure_edit, CAP_EDIT, SCOPE_MEASURE},
    {"GET", "/maatregel/:id/bedrag", page_form_measure_amount, CAP_EDIT, SCOPE_MEASURE},
    {"POST", "/maatregel/:id/bedrag", page_form_measure_amount, CAP_EDIT, SCOPE_MEASURE},
    {"GET", "/maatregel/:id/bedragen", page_grid_amounts, CAP_EDIT, SCOPE_MEASURE},
    {"POST", "/maatregel/:id/bedragen", page_grid_amounts, CAP_EDIT, SCOPE_MEASURE},
    {"GET", "/maatregel/:id/evaluatie/nieuw", page_form_evaluation, CAP_EDIT, SCOPE_MEASURE},
    {"POST", "/maatregel/:id/evaluatie/nieuw", page_form_evaluation, CAP_EDIT, SCOPE_MEASURE},
    {"GET", "/gemeente/:code/pot/nieuw", page_form_pot, CAP_EDIT, SCOPE_CODE},
    {"POST", "/gemeente/:code/pot/nieuw", page_form_pot, CAP_EDIT, SCOPE_CODE},
    {"GET", "/gemeente/:code/inwoners/nieuw", page_form_inhabitants, CAP_EDIT, SCOPE_CODE},
    {"POST", "/gemeente/:code/inwoners/nieuw", page_form_inhabitants, CAP_EDIT, SCOPE_CODE},
    {"GET", "/gemeente/:code/genoemd-bedrag/nieuw", page_form_stated, CAP_EDIT, SCOPE_CODE},
    {"POST", "/gemeente/:code/genoemd-bedrag/nieuw", page_form_stated, CAP_EDIT, SCOPE_CODE},
    {"GET", "/gemeente/:code/jaar/afsluiten", page_form_year_close, CAP_EDIT, SCOPE_CODE},
    {"POST", "/gemeente/:code/jaar/afsluiten", page_form_year_close, CAP_EDIT, SCOPE_CODE},
    {"GET", "/gemeente/:code/jaar/heropenen", page_form_year_reopen, CAP_MANAGE, SCOPE_CODE},
    {"POST", "/gemeente/:code/jaar/heropenen", page_form_year_reopen, CAP_MANAGE, SCOPE_CODE},
    /* accounts: a gemeentebeheerder sees and changes only its municipalities' users */
    {"GET", "/gebruikers", page_users, CAP_MANAGE, SCOPE_NONE},
    {"GET", "/gebruikers/nieuw", page_user_new, CAP_MANAGE, SCOPE_NONE},
    {"POST", "/gebruikers/nieuw", page_user_new, CAP_MANAGE, SCOPE_NONE},
    {"GET", "/gebruiker/:id/rol", page_user_role, CAP_MANAGE, SCOPE_USER},
    {"POST", "/gebruiker/:id/rol", page_user_role, CAP_MANAGE, SCOPE_USER},
    {"GET", "/gebruiker/:id/wachtwoord", page_user_password, CAP_MANAGE, SCOPE_USER},
    {"POST", "/gebruiker/:id/wachtwoord", page_user_password, CAP_MANAGE, SCOPE_USER},
    {"GET", "/gebruiker/:id/uitschakelen", page_user_disable, CAP_MANAGE, SCOPE_USER},
    {"POST", "/gebruiker/:id/uitschakelen", page_user_disable, CAP_MANAGE, SCOPE_USER},
    {"GET", "/gemeente/:code/wijzigingen", page_audit_municipality, CAP_READ, SCOPE_CODE},
    {"GET", "/gemeente/:code/wijzigingen.csv", page_audit_municipality_csv, CAP_READ, SCOPE_CODE},
    {"GET", "/maatregel/:id/wijzigingen", page_audit_measure, CAP_READ, SCOPE_MEASURE_HISTORY},
    {NULL, NULL, NULL, CAP_PUBLIC, SCOPE_NONE},
};

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
    if (found && app->store) store_set_actor(app->store, "web");
    if (found && authz_check(found, app, req, res) == 0) {
        char csrf[65];
        authz_csrf_token(req, csrf);
        form_set_csrf(csrf);
        form_set_actor(req->user ? req->user->name : NULL);
        form_set_user(req->user, app->require_login, req->scope_muni);
        saved_begin(req);
        found->handler(app, req, res);
        if (buf_failed(&res->body)) {
            /* the page or download went over its maximum: an error, not half of it */
            web_response_reset(res);
            web_error(res, 500, "Deze pagina werd te groot om te versturen.");
        }
        saved_end(res);
        form_set_csrf(NULL);
        form_set_actor(NULL);
        form_set_user(NULL, 0, NULL);
        if (req->user) {
            /* A page made for one user is not for shared caches or the next user. */
            web_header_set(res, "Cache-Control", "private, no-store");
        }
    } else if (found) {
        /* authz_check answered */
    } else if (allow.len) {
        req->path_params.n = 0;
        web_error(res, 405, "Deze methode is hier niet toegestaan.");
        web_header_set(res, "Allow", allow.data);
    } else {
        web_not_found(res, "Deze pagina bestaat niet.");
    }
    /* Whoever this request was, refused or not, the next one starts as "web": the
     * store's actor names the author of every audit row. */
    if (found && app->store) store_set_actor(app->store, "web");
    buf_free(&allow);
    web_security_headers(res);
}

void web_error(WebResponse *res, int status, const char *message)
{
    static const struct {
        int status;
        const char *title;
    } titles[] = {{303, "Inloggen nodig"},
                  {401, "Inloggen nodig"},
                  {403, "Geen toegang"},
                  {429, "Te veel pogingen"},
                  {400, "Ongeldig verzoek"},
                  {404, "Niet gevonden"},
                  {405, "Methode niet toegestaan"},
                  {413, "Verzoek te groot"},
                  {421, "Onbekende naam"},
                  {500, "Interne fout"},
                  {503, "Niet beschikbaar"}};
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
