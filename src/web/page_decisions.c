/* page_decisions.c: GET /gemeente/CODE/besluiten: the decisions of college and council and
 * the requests of others for money, with the decision on each; both tables also as CSV
 * (besluiten.csv, verzoeken.csv). */
#include "html.h"
#include "layout.h"
#include "page_kit.h"
#include "pages.h"
#include "route.h"

#include <string.h>

static const char *const decision_headers[] = {"Datum",     "Orgaan",   "Kenmerk",
                                               "Onderwerp", "Uitkomst", "Bron"};

static void build_decisions(const MuniData *d, Arena *a, DataTable *t)
{
    dt_init(t, a, arena_printf(a, "Besluiten van %s", d->muni.name), decision_headers, 6);
    t->empty = "Geen besluiten vastgelegd.";
    for (size_t i = 0; i < d->n_decisions; i++) {
        const Decision *dec = &d->decisions[i];
        TableCell *row = dt_row(t, 0);
        if (dec->date)
            cell_date(&row[0], dec->date);
        else
            cell_text(&row[0], "datum onbekend", NULL);
        row[0].id = arena_printf(a, "besluit-%lld", (long long)dec->id);
        cell_text(&row[1], dec->body, NULL);
        cell_text(&row[2], dec->reference, NULL);
        cell_text(&row[3], dec->title, NULL);
        cell_text(&row[4], dec->outcome, NULL);
        kit_cite_cell(&row[5], a, d, &dec->cite, 0,
                      arena_printf(a, "besluit-%lld", (long long)dec->id));
    }
}

static const char *const request_headers[] = {"Verzoeker",     "Datum verzoek",    "Onderwerp",
                                              "Bedrag",        "Status",           "Besluit",
                                              "Datum besluit", "Uitkomst besluit", "Bron"};

static void build_requests(const MuniData *d, Arena *a, DataTable *t)
{
    dt_init(t, a, arena_printf(a, "Verzoeken aan %s", d->muni.name), request_headers, 9);
    t->empty = "Geen verzoeken vastgelegd.";
    for (size_t i = 0; i < d->n_requests; i++) {
        const Request *r = &d->requests[i];
        const Decision *dec = r->decision_id ? muni_decision(d, r->decision_id) : NULL;
        TableCell *row = dt_row(t, 0);
        cell_text(&row[0], r->requester, NULL);
        row[0].id = arena_printf(a, "verzoek-%lld", (long long)r->id);
        cell_date(&row[1], r->date);
        cell_text(&row[2], r->subject, NULL);
        if (r->has_amount) cell_money(&row[3], r->amount_cents, NULL, NULL);
        cell_text(&row[4], r->status, NULL);
        if (dec) {
            cell_text(&row[5], dec->title, arena_printf(a, "#besluit-%lld", (long long)dec->id));
            cell_date(&row[6], dec->date);
            cell_text(&row[7], dec->outcome, NULL);
        } else {
            cell_text(&row[5], "nog geen besluit", NULL);
        }
        kit_cite_cell(&row[8], a, d, &r->cite, 0,
                      arena_printf(a, "verzoek-%lld", (long long)r->id));
    }
}

void page_decisions(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    if (kit_load(app, req, res, 0, &a, &d, NULL)) {
        arena_free(&a);
        return;
    }
    DataTable decisions, requests;
    build_decisions(&d, &a, &decisions);
    build_requests(&d, &a, &requests);
    Buf *b = &res->body;
    layout_begin(b, arena_printf(&a, "Besluiten en verzoeken %s", d.muni.name));
    kit_muni_nav(b, &d, "/besluiten");
    html_printf(b, "<h1>Besluiten en verzoeken <small>%s (%s)</small></h1>\n", d.muni.name,
                d.muni.code);
    html_lit(b, "<h2>Besluiten</h2>\n<p>Besluiten van college en raad over de inzet van de "
                "middelen.</p>\n");
    dt_html(b, &decisions, kit_muni_path(&a, &d, "/besluiten.csv"));
    html_lit(b, "<h2>Verzoeken</h2>\n<p>Verzoeken van anderen om een deel van de middelen, met "
                "het besluit erop.</p>\n");
    dt_html(b, &requests, kit_muni_path(&a, &d, "/verzoeken.csv"));
    page_forms_nav(b, d.muni.code);
    layout_end(b);
    arena_free(&a);
}

/* The table as a CSV download named name-CODE.csv. */
static void send_csv(WebApp *app, const WebRequest *req, WebResponse *res, const char *name,
                     void (*build)(const MuniData *d, Arena *a, DataTable *t))
{
    Arena a = {0};
    MuniData d;
    DataTable t;
    if (kit_load(app, req, res, 0, &a, &d, NULL) == 0) {
        build(&d, &a, &t);
        kit_send_csv(res, &t, arena_printf(&a, "%s-%s.csv", name, d.muni.code), d.generated);
    }
    arena_free(&a);
}

void page_decisions_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    send_csv(app, req, res, "besluiten", build_decisions);
}

void page_requests_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    send_csv(app, req, res, "verzoeken", build_requests);
}
