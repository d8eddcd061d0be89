/* page_forms_year.c: closing a municipality's book year and reopening it:
 * GET|POST /gemeente/CODE/jaar/afsluiten (with a confirmation step that shows what
 * closing fixes: the year's coverage with the realised amounts as its spending) and
 * /gemeente/CODE/jaar/heropenen (a reason is required; the store audits who, when and
 * why). What the store refuses (an earlier open year, a later closed one) is shown on
 * top of the form. */
#include "page_forms.h"

#include "../store/store_closing.h"
#include "form_preview.h"
#include "html.h"
#include "layout.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The years of d that are open (closed: 0) or closed (closed: 1), as choices. */
static FormOption *year_options(const MuniData *d, int closed, Arena *a, size_t *n)
{
    int first = d->scheme.first_year, last = d->scheme.last_year + 10;
    FormOption *o = arena_alloc(a, (size_t)(last - first + 2) * sizeof *o);
    *n = 0;
    for (int y = first; y <= last; y++)
        if (muni_year_closed(d, y) == closed) {
            const char *text = arena_printf(a, "%d", y);
            o[(*n)++] = (FormOption){text, text};
        }
    return o;
}

static int closing_save(Store *s, void *ctx, PokErr *err)
{
    return store_year_close(s, ctx, err);
}

typedef struct CloseForm {
    FormOption *years, *sources, *decisions;
    size_t n_years, n_sources, n_decisions;
    ClosedYear cy;
} CloseForm;

static int close_check(Form *f, const MuniData *d, CloseForm *x)
{
    x->cy.municipality = d->muni.code;
    const char *year = NULL;
    if (form_choice(f, "jaar", "Jaar", x->years, x->n_years, &year) == 0)
        x->cy.year = (int)strtol(year, NULL, 10);
    forms_cite_check(f, x->sources, x->n_sources, x->decisions, x->n_decisions, &x->cy.cite,
                     &x->cy.decision_id);
    return f->n_errors ? -1 : 0;
}

/* The year of pot p of c, or NULL. */
static const CoverageYear *pot_year(const Coverage *c, size_t p, int year)
{
    if (p >= c->n_pots) return NULL;
    for (size_t i = 0; i < c->pots[p].n_years; i++)
        if (c->pots[p].years[i].year == year) return &c->pots[p].years[i];
    return NULL;
}

/* What closing fixes, per pot: the year's figures now and once closed (the engine's). */
static size_t fixed_rows(FormsChange *rows, const Coverage *now, const Coverage *closed, int year,
                         Arena *a)
{
    static const struct {
        const char *label;
        size_t offset;
    } figures[] = {
        {"Toekenning", offsetof(CoverageYear, allocation)},
        {"Uitgaven", offsetof(CoverageYear, spending)},
        {"Onttrekking uit de reserve", offsetof(CoverageYear, reserve_withdrawal)},
        {"Storting in de reserve", offsetof(CoverageYear, reserve_deposit)},
        {"Reserve op 31 december", offsetof(CoverageYear, reserve_end)},
        {"Onverklaard", offsetof(CoverageYear, unexplained)},
    };
    size_t n = 0;
    for (size_t p = 0; p < closed->n_pots; p++) {
        const CoverageYear *before = pot_year(now, p, year), *after = pot_year(closed, p, year);
        if (!after) continue;
        for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
            int64_t was = 0, will;
            if (before) memcpy(&was, (const char *)before + figures[i].offset, sizeof was);
            memcpy(&will, (const char *)after + figures[i].offset, sizeof will);
            const char *label =
                closed->n_pots > 1
                    ? arena_printf(a, "%s %d (%s)", figures[i].label, year, closed->pots[p].name)
                    : arena_printf(a, "%s %d", figures[i].label, year);
            rows[n++] = (FormsChange){label, forms_money(a, was), forms_money(a, will)};
        }
    }
    return n;
}

static void close_confirm(WebResponse *res, const Form *f, const MuniData *d, const CloseForm *x,
                          const char *action, Arena *a)
{
    MuniData changed = *d;
    preview_closing(&changed, a, &x->cy);
    Coverage now, closed;
    PokErr err = {0};
    int computed = coverage_compute(d, a, &now, &err) == 0 &&
                   coverage_compute(&changed, a, &closed, &err) == 0;
    size_t max = 4 + (computed ? closed.n_pots * 6 : 0);
    FormsChange *rows = arena_alloc(a, max * sizeof *rows);
    size_t n = 0;
    rows[n++] = (FormsChange){"Jaar", "open", arena_printf(a, "%d afgesloten", x->cy.year)};
    rows[n++] = (FormsChange){"Uitgaven van het jaar", "de geplande bedragen",
                              "de gerealiseerde bedragen, vast tot het jaar wordt heropend"};
    if (computed) n += fixed_rows(rows + n, &now, &closed, x->cy.year, a);
    rows[n++] = (FormsChange){"Bron", "",
                              forms_option_label(x->sources, x->n_sources, form_value(f, "bron"))};
    rows[n++] = (FormsChange){
        "Besluit", "", forms_option_label(x->decisions, x->n_decisions, form_value(f, "besluit"))};
    forms_confirm_page(res, f, d, &changed, action, rows, n, &x->cy.year, 1, 0, a);
}

void page_form_year_close(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    CloseForm x = {0};
    x.years = year_options(&d, 0, &a, &x.n_years);
    x.sources = forms_source_options(app, &d, &a, &x.n_sources);
    x.decisions = forms_decision_options(&d, &a, &x.n_decisions);
    const char *action = arena_printf(&a, "/gemeente/%s/jaar/afsluiten", d.muni.code);
    int valid = f.posted && !form_edit_again(&f) && close_check(&f, &d, &x) == 0;
    PokErr err = {0};
    if (valid && form_confirmed(&f)) {
        if (form_save(app, closing_save, &x.cy, &err) == 0) {
            saved_redirect(res, arena_printf(&a, "/gemeente/%s", d.muni.code),
                           arena_printf(&a,
                                        "Jaar %d afgesloten: de gerealiseerde bedragen zijn "
                                        "voortaan de uitgaven van dat jaar",
                                        x.cy.year));
            arena_free(&a);
            return;
        }
        forms_store_failed(&f, &err);
    } else if (valid) {
        close_confirm(res, &f, &d, &x, action, &a);
        arena_free(&a);
        return;
    }
    Buf *b = &res->body;
    forms_page_begin(b, &d, "Jaar afsluiten", &a);
    form_summary(b, &f);
    html_lit(b, "<p>Na het afsluiten van een jaar zijn de gerealiseerde bedragen de uitgaven "
                "van dat jaar. De toekenningen, bedragen en reserve van dat jaar liggen dan "
                "vast; niet bestede middelen die geen besluit in de reserve stort, heten "
                "onverklaard. De volgende stap toont de cijfers die vast komen te liggen.</p>\n");
    form_open(b, action);
    form_select(b, &f, "jaar", "Jaar", "De jaren die nog open zijn.", x.years, x.n_years,
                form_value(&f, "jaar"));
    forms_cite_fields(b, &f, x.sources, x.n_sources, x.decisions, x.n_decisions);
    form_submit(b, "Controleren");
    form_close(b);
    forms_page_end(res, &f);
    arena_free(&a);
}

typedef struct Reopening {
    const char *code, *reason;
    int year;
} Reopening;

static int reopen_save(Store *s, void *ctx, PokErr *err)
{
    const Reopening *r = ctx;
    return store_year_reopen(s, r->code, r->year, r->reason, err);
}

void page_form_year_reopen(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    size_t n_years;
    FormOption *years = year_options(&d, 1, &a, &n_years);
    if (f.posted) {
        Reopening r = {.code = d.muni.code};
        const char *year = NULL;
        if (form_choice(&f, "jaar", "Jaar", years, n_years, &year) == 0)
            r.year = (int)strtol(year, NULL, 10);
        form_required(&f, "reden", "Reden", &r.reason);
        PokErr err = {0};
        if (f.n_errors == 0) {
            if (form_save(app, reopen_save, &r, &err) == 0) {
                saved_redirect(res, arena_printf(&a, "/gemeente/%s", d.muni.code),
                               arena_printf(&a,
                                            "Jaar %d heropend (%s): de cijfers van dat jaar "
                                            "kunnen weer worden gewijzigd",
                                            r.year, r.reason));
                arena_free(&a);
                return;
            }
            forms_store_failed(&f, &err);
        }
    }
    Buf *b = &res->body;
    forms_page_begin(b, &d, "Jaar heropenen", &a);
    form_summary(b, &f);
    if (n_years == 0) html_lit(b, "<p>Deze gemeente heeft geen afgesloten jaren.</p>\n");
    html_lit(b, "<p>Na het heropenen kunnen de toekenningen, bedragen en reserve van het jaar "
                "weer worden gewijzigd, en zijn de geplande bedragen weer de uitgaven. De reden "
                "wordt met uw naam en de tijd bewaard in de wijzigingen.</p>\n");
    form_open(b, arena_printf(&a, "/gemeente/%s/jaar/heropenen", d.muni.code));
    form_select(b, &f, "jaar", "Jaar", "De afgesloten jaren.", years, n_years,
                form_value(&f, "jaar"));
    form_input(b, &f, "reden", "Reden", "Bijvoorbeeld: correctie jaarrekening.",
               form_value(&f, "reden"));
    form_submit(b, "Heropenen");
    form_close(b);
    forms_page_end(res, &f);
    arena_free(&a);
}
