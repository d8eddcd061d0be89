/* page_forms_records.c: decisions and requests of a municipality, saved directly:
 * GET|POST /gemeente/CODE/besluit/nieuw and /gemeente/CODE/verzoek/nieuw. */
#include "page_forms.h"

#include "../store/store_records.h"
#include "html.h"
#include "layout.h"

#include <string.h>

/* ---- decisions ---- */

static const FormOption bodies[] = {{"college", "college van burgemeester en wethouders"},
                                    {"raad", "gemeenteraad"}};

static int decision_save(Store *s, void *ctx, PokErr *err)
{
    return store_decision_add(s, ctx, err);
}

void page_form_decision(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    size_t n_sources;
    FormOption *sources = forms_source_options(app, &d, &a, &n_sources);
    if (f.posted) {
        Decision x = {.municipality = d.muni.code};
        form_date(&f, "datum", "Datum", &x.date);
        form_choice(&f, "orgaan", "Orgaan", bodies, 2, &x.body);
        form_required(&f, "titel", "Titel", &x.title);
        x.reference = form_optional(&f, "kenmerk");
        x.outcome = form_optional(&f, "uitkomst");
        forms_cite_check(&f, sources, n_sources, NULL, 0, &x.cite, NULL);
        PokErr err = {0};
        if (f.n_errors == 0) {
            if (form_save(app, decision_save, &x, &err) == 0) {
                saved_redirect(res, arena_printf(&a, "/gemeente/%s", d.muni.code),
                               arena_printf(&a, "Besluit '%s' van %s opgeslagen", x.title, x.date));
                arena_free(&a);
                return;
            }
            forms_store_failed(&f, &err);
        }
    }
    Buf *b = &res->body;
    forms_page_begin(b, &d, "Besluit vastleggen", &a);
    form_summary(b, &f);
    form_open(b, arena_printf(&a, "/gemeente/%s/besluit/nieuw", d.muni.code));
    form_input(b, &f, "datum", "Datum", "Als JJJJ-MM-DD, bijvoorbeeld 2024-05-28.",
               form_value(&f, "datum"));
    form_select(b, &f, "orgaan", "Orgaan", NULL, bodies, 2,
                f.posted ? form_value(&f, "orgaan") : "college");
    form_input(b, &f, "titel", "Titel", NULL, form_value(&f, "titel"));
    form_input(b, &f, "kenmerk", "Kenmerk", NULL, form_value(&f, "kenmerk"));
    form_input(b, &f, "uitkomst", "Uitkomst", "Bijvoorbeeld: vastgesteld, afgewezen.",
               form_value(&f, "uitkomst"));
    forms_cite_fields(b, &f, sources, n_sources, NULL, 0);
    form_submit(b, "Opslaan");
    form_close(b);
    forms_page_end(res, &f);
    arena_free(&a);
}

/* ---- requests ---- */

static const FormOption request_statuses[] = {{"open", "open"},
                                              {"toegekend", "toegekend"},
                                              {"afgewezen", "afgewezen"},
                                              {"deels toegekend", "deels toegekend"}};

static int request_save(Store *s, void *ctx, PokErr *err)
{
    return store_request_add(s, ctx, err);
}

static void request_check(Form *f, Request *r, const FormOption *sources, size_t n_sources,
                          const FormOption *decisions, size_t n_decisions)
{
    form_required(f, "aanvrager", "Aanvrager", &r->requester);
    form_date(f, "datum", "Datum van het verzoek", &r->date);
    form_required(f, "onderwerp", "Onderwerp", &r->subject);
    if (*form_value(f, "bedrag") &&
        form_amount(f, "bedrag", "Gevraagd bedrag", &r->amount_cents) == 0)
        r->has_amount = 1;
    form_choice(f, "status", "Status", request_statuses, 4, &r->status);
    form_id_choice(f, "brief", "De brief zelf", sources, n_sources, &r->letter_source_id);
    forms_cite_check(f, sources, n_sources, decisions, n_decisions, &r->cite, &r->decision_id);
}

void page_form_request(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    size_t n_sources, n_decisions;
    FormOption *sources = forms_source_options(app, &d, &a, &n_sources);
    FormOption *decisions = forms_decision_options(&d, &a, &n_decisions);
    if (f.posted) {
        Request r = {.municipality = d.muni.code};
        request_check(&f, &r, sources, n_sources, decisions, n_decisions);
        PokErr err = {0};
        if (f.n_errors == 0) {
            if (form_save(app, request_save, &r, &err) == 0) {
                saved_redirect(res, arena_printf(&a, "/gemeente/%s", d.muni.code),
                               arena_printf(&a, "Verzoek van %s opgeslagen", r.requester));
                arena_free(&a);
                return;
            }
            forms_store_failed(&f, &err);
        }
    }
    Buf *b = &res->body;
    forms_page_begin(b, &d, "Verzoek vastleggen", &a);
    form_summary(b, &f);
    form_open(b, arena_printf(&a, "/gemeente/%s/verzoek/nieuw", d.muni.code));
    form_input(b, &f, "aanvrager", "Aanvrager", NULL, form_value(&f, "aanvrager"));
    form_input(b, &f, "datum", "Datum van het verzoek", "Als JJJJ-MM-DD, bijvoorbeeld 2024-04-24.",
               form_value(&f, "datum"));
    form_input(b, &f, "onderwerp", "Onderwerp", NULL, form_value(&f, "onderwerp"));
    form_input(b, &f, "bedrag", "Gevraagd bedrag", "Leeg laten als de brief geen bedrag noemt.",
               form_value(&f, "bedrag"));
    form_select(b, &f, "status", "Status", NULL, request_statuses, 4,
                f.posted ? form_value(&f, "status") : "open");
    form_select(b, &f, "brief", "De brief zelf",
                "Als de brief als bron is vastgelegd: de controles vergelijken de data.", sources,
                n_sources, form_value(&f, "brief"));
    forms_cite_fields(b, &f, sources, n_sources, decisions, n_decisions);
    form_submit(b, "Opslaan");
    form_close(b);
    forms_page_end(res, &f);
    arena_free(&a);
}
