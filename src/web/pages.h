/* pages.h: the handlers of pok serve, one page_*.c or api_*.c file each. */
#ifndef POK_PAGES_H
#define POK_PAGES_H

#include "../model.h"
#include "page_kit.h"
#include "request.h"

void static_css(WebApp *app, const WebRequest *req, WebResponse *res);
/* page_login.c: /inloggen (GET form, POST check) and /uitloggen (POST). */
void page_login(WebApp *app, const WebRequest *req, WebResponse *res);
void page_logout(WebApp *app, const WebRequest *req, WebResponse *res);
void page_start(WebApp *app, const WebRequest *req, WebResponse *res);
void page_municipality(WebApp *app, const WebRequest *req, WebResponse *res);
void page_coverage_csv(WebApp *app, const WebRequest *req, WebResponse *res);
void page_coverage_data_csv(WebApp *app, const WebRequest *req, WebResponse *res);
/* page_export.c: the spreadsheet with formulas and the whole municipality as JSON. */
void page_export_xlsx(WebApp *app, const WebRequest *req, WebResponse *res);
void page_export_json(WebApp *app, const WebRequest *req, WebResponse *res);
void api_coverage(WebApp *app, const WebRequest *req, WebResponse *res);
void api_checks(WebApp *app, const WebRequest *req, WebResponse *res);
/* page_report.c: the PDF "Stand van zaken POK-middelen" (src/views/report_pdf.h). */
void page_report_pdf(WebApp *app, const WebRequest *req, WebResponse *res);

/* Read-only pages, their CSV downloads and the JSON API (page_start.c, page_municipality.c,
 * page_measures.c, page_decisions.c, page_evaluations.c, page_source.c, api_*.c). */
void page_start_csv(WebApp *app, const WebRequest *req, WebResponse *res);
void page_years_csv(WebApp *app, const WebRequest *req, WebResponse *res);
void page_allocations_csv(WebApp *app, const WebRequest *req, WebResponse *res);
void page_reserve_csv(WebApp *app, const WebRequest *req, WebResponse *res);
void page_measures(WebApp *app, const WebRequest *req, WebResponse *res);
void page_measures_csv(WebApp *app, const WebRequest *req, WebResponse *res);
void page_measure(WebApp *app, const WebRequest *req, WebResponse *res);
void page_measure_csv(WebApp *app, const WebRequest *req, WebResponse *res);
/* page_ledger.c: the general-ledger bookings behind a measure's realised amounts. */
void page_ledger_bookings(WebApp *app, const WebRequest *req, WebResponse *res);
void page_ledger_bookings_csv(WebApp *app, const WebRequest *req, WebResponse *res);
void page_decisions(WebApp *app, const WebRequest *req, WebResponse *res);
void page_decisions_csv(WebApp *app, const WebRequest *req, WebResponse *res);
void page_requests_csv(WebApp *app, const WebRequest *req, WebResponse *res);
void page_evaluations(WebApp *app, const WebRequest *req, WebResponse *res);
void page_evaluations_csv(WebApp *app, const WebRequest *req, WebResponse *res);
/* /bron/ID and /gemeente/CODE/bron/ID (the records of CODE citing it), and their CSV. */
void page_source(WebApp *app, const WebRequest *req, WebResponse *res);
void page_source_csv(WebApp *app, const WebRequest *req, WebResponse *res);
/* /bron/ID/bestand and /gemeente/CODE/bron/ID/bestand: the source's document file. */
void page_source_file(WebApp *app, const WebRequest *req, WebResponse *res);
void api_municipalities(WebApp *app, const WebRequest *req, WebResponse *res);
void api_municipality(WebApp *app, const WebRequest *req, WebResponse *res);
void api_measures(WebApp *app, const WebRequest *req, WebResponse *res);
void api_decisions(WebApp *app, const WebRequest *req, WebResponse *res);
/* page_national.c: the national monitor, its CSV, open data and API. */
void page_national(WebApp *app, const WebRequest *req, WebResponse *res);
void page_national_csv(WebApp *app, const WebRequest *req, WebResponse *res);
void page_national_data(WebApp *app, const WebRequest *req, WebResponse *res);
void api_national(WebApp *app, const WebRequest *req, WebResponse *res);
void api_national_munis(WebApp *app, const WebRequest *req, WebResponse *res);
/* page_completeness.c: what the sharing municipalities have not recorded yet. */
void page_national_completeness(WebApp *app, const WebRequest *req, WebResponse *res);
void page_national_completeness_csv(WebApp *app, const WebRequest *req, WebResponse *res);
/* page_peers.c: a municipality among its peers, municipalities side by side, and what a
 * municipality shares with the national monitor. */
void page_muni_peers(WebApp *app, const WebRequest *req, WebResponse *res);
void page_muni_peers_csv(WebApp *app, const WebRequest *req, WebResponse *res);
void page_national_compare(WebApp *app, const WebRequest *req, WebResponse *res);
void page_form_sharing(WebApp *app, const WebRequest *req, WebResponse *res);
/* page_library.c, api_library.c: /landelijk/maatregelen and its JSON, the library of
 * measures; library_similar writes a measure's "Vergelijkbare maatregelen elders". */
void page_library(WebApp *app, const WebRequest *req, WebResponse *res);
void api_library(WebApp *app, const WebRequest *req, WebResponse *res);
void library_similar(Buf *b, Arena *a, WebApp *app, const WebRequest *req, const char *muni,
                     int64_t measure_id);
/* api_openapi.c: /api/openapi.json, the API's OpenAPI document (openapi.h). */
void api_openapi(WebApp *app, const WebRequest *req, WebResponse *res);

/* Forms (page_forms_*.c): GET shows the form, POST checks it and saves (financial
 * changes after a confirmation step). */
void page_form_allocation(WebApp *app, const WebRequest *req, WebResponse *res);
void page_form_reserve(WebApp *app, const WebRequest *req, WebResponse *res);
void page_form_measure_new(WebApp *app, const WebRequest *req, WebResponse *res);
void page_form_measure_edit(WebApp *app, const WebRequest *req, WebResponse *res);
void page_form_measure_amount(WebApp *app, const WebRequest *req, WebResponse *res);
void page_form_evaluation(WebApp *app, const WebRequest *req, WebResponse *res);
void page_form_decision(WebApp *app, const WebRequest *req, WebResponse *res);
void page_form_request(WebApp *app, const WebRequest *req, WebResponse *res);
/* The grids (page_grid_*.c): many amounts in one form, filled by hand or pasted from a
 * spreadsheet, through the same confirmation step. */
void page_grid_allocations(WebApp *app, const WebRequest *req, WebResponse *res);
void page_grid_amounts(WebApp *app, const WebRequest *req, WebResponse *res);
/* Setting a municipality up (page_forms_setup.c): pots, inhabitants, stated figures. */
void page_form_pot(WebApp *app, const WebRequest *req, WebResponse *res);
void page_form_inhabitants(WebApp *app, const WebRequest *req, WebResponse *res);
void page_form_stated(WebApp *app, const WebRequest *req, WebResponse *res);
/* Closing a book year (with a confirmation step) and reopening it (page_forms_year.c). */
void page_form_year_close(WebApp *app, const WebRequest *req, WebResponse *res);
void page_form_year_reopen(WebApp *app, const WebRequest *req, WebResponse *res);
/* Accounts (page_users.c): /gebruikers, /gebruikers/nieuw, /gebruiker/ID/... */
void page_users(WebApp *app, const WebRequest *req, WebResponse *res);
void page_user_new(WebApp *app, const WebRequest *req, WebResponse *res);
void page_user_role(WebApp *app, const WebRequest *req, WebResponse *res);
void page_user_password(WebApp *app, const WebRequest *req, WebResponse *res);
void page_user_disable(WebApp *app, const WebRequest *req, WebResponse *res);
/* page_source_form.c: /gemeente/CODE/bron/nieuw and /bron/nieuw, a source with its file. */
void page_form_source(WebApp *app, const WebRequest *req, WebResponse *res);
/* page_import.c: the circulaire and ledger imports, a dry run shown before confirming. */
void page_import_circulaire(WebApp *app, const WebRequest *req, WebResponse *res);
void page_import_ledger(WebApp *app, const WebRequest *req, WebResponse *res);
/* The "Wijzigen" links to the forms of a municipality, and of one measure: only those
 * the user may open (form_may). */
void page_forms_nav(Buf *b, const char *code);
void page_forms_measure_nav(Buf *b, int64_t measure_id);

#endif
