/* page_forms_finance.c: the financial forms of a municipality, each with a confirmation
 * step: GET|POST /gemeente/CODE/toekenning/nieuw (an allocation figure: a new version)
 * and /gemeente/CODE/reserve/nieuw (opening balance, deposit, withdrawal, transfer). */
#include "page_forms.h"

#include "../store/store_records.h"
#include "form_preview.h"
#include "html.h"
#include "layout.h"

#include <string.h>

/* ---- allocations ---- */

typedef struct AllocationForm {
    FormOption *actielijnen, *sources;
    size_t n_actielijnen, n_sources;
    Allocation al;
} AllocationForm;

/* The value of the actielijn choice for a figure a document gives only as a total. */
#define ACTIELIJN_UNSPLIT "-"

/* What the amount is for: one year, or a period whose split over the years is unknown. */
static const FormOption allocation_spans[] = {
    {"jaar", "Eén jaar"},
    {"periode", "Een periode van meer jaren, zonder verdeling over de jaren"},
};
#define N_SPANS (sizeof allocation_spans / sizeof allocation_spans[0])

/* The years of the figure: jaar, and for a period tot_jaar after it. */
static void allocation_years_check(Form *f, const MuniData *d, Allocation *al)
{
    const char *span = "jaar";
    if (form_value(f, "periode")[0] &&
        form_choice(f, "periode", "Het bedrag geldt voor", allocation_spans, N_SPANS, &span))
        return;
    if (form_year(f, "jaar", "Jaar", d->scheme.first_year, d->scheme.last_year, &al->year)) return;
    al->year_to = al->year;
    if (strcmp(span, "periode") != 0) return;
    if (!form_value(f, "tot_jaar")[0]) {
        form_fail(f, "tot_jaar", "Tot en met jaar: vul het laatste jaar van de periode in");
        return;
    }
    if (form_year(f, "tot_jaar", "Tot en met jaar", d->scheme.first_year, d->scheme.last_year,
                  &al->year_to) == 0 &&
        al->year_to <= al->year)
        form_fail(f, "tot_jaar", "Tot en met jaar: een periode eindigt na het eerste jaar (%d)",
                  al->year);
}

static int allocation_check(Form *f, const MuniData *d, AllocationForm *x)
{
    const char *number = form_value(f, "actielijn");
    x->al.municipality = d->muni.code;
    x->al.scheme_id = d->scheme.id;
    for (size_t i = 0; i < d->n_actielijnen; i++)
        if (strcmp(x->actielijnen[i].value, number) == 0) x->al.actielijn_id = d->actielijnen[i].id;
    if (!x->al.actielijn_id && strcmp(number, ACTIELIJN_UNSPLIT) != 0)
        form_fail(f, "actielijn", "Actielijn: onbekende actielijn '%s' (%s heeft 1 tot en met %zu)",
                  number, d->scheme.code, d->n_actielijnen);
    allocation_years_check(f, d, &x->al);
    if (form_amount(f, "bedrag", "Bedrag", &x->al.amount_cents) == 0 && x->al.amount_cents < 0)
        form_fail(f, "bedrag", "Bedrag: een toekenning kan niet negatief zijn (gelezen: '%s')",
                  form_value(f, "bedrag"));
    forms_cite_check(f, x->sources, x->n_sources, NULL, 0, &x->al.cite, NULL);
    if (!x->al.cite.source_id && !form_error(f, "bron"))
        form_fail(f, "bron", "Bron: kies het document waar de toekenning in staat (de circulaire)");
    return f->n_errors ? -1 : 0;
}

/* "2024", or "2022-2027 (verdeling over de jaren onbekend)". */
static const char *allocation_years_text(Arena *a, const Allocation *al)
{
    if (!allocation_is_period(al)) return arena_printf(a, "%d", al->year);
    return arena_printf(a, "%d-%d (verdeling over de jaren onbekend)", al->year, al->year_to);
}

static void allocation_form(Buf *b, const Form *f, const MuniData *d, const AllocationForm *x,
                            const char *action)
{
    form_summary(b, f);
    html_lit(b, "<p>Een nieuw bedrag wordt een nieuwe versie; de vorige versie blijft "
                "bewaard.</p>\n");
    form_open(b, action);
    form_select(b, f, "actielijn", "Actielijn", NULL, x->actielijnen, x->n_actielijnen,
                form_value(f, "actielijn"));
    form_select(b, f, "periode", "Het bedrag geldt voor",
                "Sommige documenten noemen alleen een totaal voor meer jaren; pok verdeelt dat "
                "niet zelf over de jaren.",
                allocation_spans, N_SPANS, form_value(f, "periode"));
    form_input(b, f, "jaar", "Jaar",
               arena_printf(f->a, "Een jaar van %d tot en met %d; bij een periode het eerste jaar.",
                            d->scheme.first_year, d->scheme.last_year),
               form_value(f, "jaar"));
    form_input(b, f, "tot_jaar", "Tot en met jaar", "Alleen bij een periode: het laatste jaar.",
               form_value(f, "tot_jaar"));
    form_input(b, f, "bedrag", "Bedrag", "In euro's, bijvoorbeeld 180.000 of 19.000,50.",
               form_value(f, "bedrag"));
    forms_cite_fields(b, f, x->sources, x->n_sources, NULL, 0);
    form_submit(b, "Controleren");
    forms_new_source_button(b, d, action);
    form_close(b);
}

static int allocation_save(Store *s, void *ctx, PokErr *err)
{
    return store_allocation_add(s, ctx, err);
}

/* The current version of the form's (actielijn, year) in d, or NULL. */
static const Allocation *allocation_current(const MuniData *d, const Allocation *want)
{
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        if (al->current && al->actielijn_id == want->actielijn_id && al->year == want->year &&
            allocation_last_year(al) == allocation_last_year(want))
            return al;
    }
    return NULL;
}

static void allocation_confirm(WebResponse *res, const Form *f, const MuniData *d,
                               const AllocationForm *x, const char *action, Arena *a)
{
    const Allocation *now = allocation_current(d, &x->al);
    const char *before =
        now ? arena_printf(a, "%s (versie %d)", forms_money(a, now->amount_cents), now->version)
            : NULL;
    const char *number = form_value(f, "actielijn");
    FormsChange rows[] = {
        {"Actielijn", NULL, forms_option_label(x->actielijnen, x->n_actielijnen, number)},
        {"Jaar", NULL, allocation_years_text(a, &x->al)},
        {"Toekenning", before, forms_money(a, x->al.amount_cents)},
        {"Bron", NULL, forms_option_label(x->sources, x->n_sources, form_value(f, "bron"))},
        {"Plaats in de bron", NULL, x->al.cite.place},
    };
    for (size_t i = 0; i < 5; i++)
        if (i != 2) rows[i].before = "";
    MuniData changed = *d;
    preview_allocation(&changed, a, &x->al);
    size_t n_years = (size_t)(allocation_last_year(&x->al) - x->al.year + 1);
    int *years = arena_alloc(a, n_years * sizeof *years);
    for (size_t i = 0; i < n_years; i++) years[i] = x->al.year + (int)i;
    forms_confirm_page(res, f, d, &changed, action, rows, 5, years, n_years,
                       now ? now->version : ROW_VERSION_ABSENT, a);
}

/* After a conflict: the current allocation of the form's key as stored now. */
static void allocation_current_values(Buf *b, const MuniData *d, const AllocationForm *x, Arena *a)
{
    const Allocation *now = allocation_current(d, &x->al);
    const Source *src = now ? muni_source(d, now->cite.source_id) : NULL;
    FormsValue rows[] = {
        {"Jaar", allocation_years_text(a, &x->al)},
        {"Toekenning",
         now ? arena_printf(a, "%s (versie %d)", forms_money(a, now->amount_cents), now->version)
             : "(geen)"},
        {"Bron", src ? src->title : NULL},
        {"Plaats in de bron", now ? now->cite.place : NULL},
    };
    forms_current_values(b, rows, sizeof rows / sizeof rows[0]);
}

void page_form_allocation(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    AllocationForm x = {0};
    FormOption *lines = forms_actielijn_options(&d, &a, &x.n_actielijnen);
    /* the actielijnen in the order of d, then a figure without a split per actielijn */
    x.actielijnen = arena_alloc(&a, (x.n_actielijnen + 1) * sizeof *x.actielijnen);
    memcpy(x.actielijnen, lines, x.n_actielijnen * sizeof *lines);
    x.actielijnen[x.n_actielijnen++] =
        (FormOption){ACTIELIJN_UNSPLIT, "Niet uitgesplitst naar actielijn (alleen een totaal)"};
    x.sources = forms_source_options(app, &d, &a, &x.n_sources);
    const char *action = arena_printf(&a, "/gemeente/%s/toekenning/nieuw", d.muni.code);
    const char *back = arena_printf(&a, "/gemeente/%s", d.muni.code);
    /* the current version the confirmation page showed as "Nu" */
    x.al.expect_version = form_confirmed(&f) ? forms_version(&f) : 0;
    int valid = f.posted && !form_edit_again(&f) && allocation_check(&f, &d, &x) == 0;
    int conflict = 0;
    PokErr err = {0};
    if (valid && form_confirmed(&f)) {
        if (form_save(app, allocation_save, &x.al, &err) == 0) {
            saved_redirect(res, back,
                           arena_printf(&a, "Toekenning actielijn %s, %d opgeslagen: %s",
                                        form_value(&f, "actielijn"), x.al.year,
                                        forms_money(&a, x.al.amount_cents)));
            arena_free(&a);
            return;
        }
        conflict = err_code(&err) == ERR_CONFLICT;
        if (!conflict) forms_store_failed(&f, &err);
    } else if (valid) {
        allocation_confirm(res, &f, &d, &x, action, &a);
        arena_free(&a);
        return;
    }
    forms_page_begin(&res->body, &d, "Toekenning vastleggen", &a);
    if (conflict) {
        forms_conflict(&res->body, &err);
        allocation_current_values(&res->body, forms_reload(app, &d, &a), &x, &a);
    }
    allocation_form(&res->body, &f, &d, &x, action);
    if (conflict)
        forms_page_end_conflict(res);
    else
        forms_page_end(res, &f);
    arena_free(&a);
}

/* ---- the reserve ---- */

static const FormOption reserve_kinds[] = {
    {"beginstand", "Beginstand op 1 januari"},
    {"storting", "Storting: niet bestede middelen van het jaar gaan de reserve in"},
    {"onttrekking", "Onttrekking uit de reserve in het jaar"},
    {"overheveling", "Overheveling van het jaar naar een later jaar"},
};
#define N_RESERVE_KINDS (sizeof reserve_kinds / sizeof reserve_kinds[0])

typedef struct ReserveForm {
    FormOption *pots, *sources, *decisions;
    size_t n_pots, n_sources, n_decisions;
    const char *kind;
    ReserveOpening ro;
    ReserveMovement rm;
} ReserveForm;

static int reserve_check(Form *f, const MuniData *d, ReserveForm *x)
{
    int first = d->scheme.first_year, last = d->scheme.last_year + 10;
    int64_t pot_id = 0, decision_id = 0, cents = 0;
    Citation cite = {0};
    int year = 0;
    form_choice(f, "soort", "Soort", reserve_kinds, N_RESERVE_KINDS, &x->kind);
    form_year(f, "jaar", "Jaar", first, last, &year);
    if (form_amount(f, "bedrag", "Bedrag", &cents) == 0 && cents <= 0 &&
        !(x->kind && strcmp(x->kind, "beginstand") == 0 && cents == 0))
        form_fail(f, "bedrag", "Bedrag: verwacht een positief bedrag (gelezen: '%s')",
                  form_value(f, "bedrag"));
    form_id_choice(f, "pot", "Pot", x->pots, x->n_pots, &pot_id);
    forms_cite_check(f, x->sources, x->n_sources, x->decisions, x->n_decisions, &cite,
                     &decision_id);
    const char *description = form_optional(f, "omschrijving");
    int is_transfer = x->kind && strcmp(x->kind, "overheveling") == 0;
    int to_year = 0;
    if (is_transfer && form_year(f, "naar_jaar", "Naar jaar", first, last, &to_year) == 0 && year &&
        to_year <= year)
        form_fail(f, "naar_jaar", "Naar jaar: %d ligt niet na het jaar %d", to_year, year);
    if (!is_transfer && *form_value(f, "naar_jaar"))
        form_fail(f, "naar_jaar", "Naar jaar: alleen bij een overheveling (gelezen: '%s')",
                  form_value(f, "naar_jaar"));
    if (f->n_errors) return -1;
    x->ro = (ReserveOpening){.municipality = d->muni.code,
                             .scheme_id = d->scheme.id,
                             .pot_id = pot_id,
                             .year = year,
                             .amount_cents = cents,
                             .cite = cite,
                             .decision_id = decision_id};
    ReserveKind kind = RESERVE_DEPOSIT;
    reserve_kind_parse(x->kind, &kind);
    x->rm = (ReserveMovement){.municipality = d->muni.code,
                              .scheme_id = d->scheme.id,
                              .pot_id = pot_id,
                              .kind = kind,
                              .year = year,
                              .to_year = to_year,
                              .amount_cents = cents,
                              .description = description,
                              .cite = cite,
                              .decision_id = decision_id};
    return 0;
}

/* "Onttrekking uit de reserve, 2025, opgeslagen: € 224.500" */
static const char *reserve_saved_message(const ReserveForm *x, Arena *a)
{
    static const struct {
        const char *kind, *what;
    } words[] = {{"beginstand", "Beginstand van de reserve"},
                 {"storting", "Storting in de reserve"},
                 {"onttrekking", "Onttrekking uit de reserve"},
                 {"overheveling", "Overheveling"}};
    const char *what = x->kind;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i].kind, x->kind) == 0) what = words[i].what;
    const char *year = x->rm.kind == RESERVE_TRANSFER && strcmp(x->kind, "overheveling") == 0
                           ? arena_printf(a, "%d naar %d", x->rm.year, x->rm.to_year)
                           : arena_printf(a, "%d", x->rm.year);
    return arena_printf(a, "%s, %s, opgeslagen: %s", what, year,
                        forms_money(a, x->rm.amount_cents));
}

static void reserve_form(Buf *b, const Form *f, const MuniData *d, const ReserveForm *x,
                         const char *action)
{
    form_summary(b, f);
    form_open(b, action);
    form_select(b, f, "soort", "Soort", NULL, reserve_kinds, N_RESERVE_KINDS,
                form_value(f, "soort"));
    form_input(b, f, "jaar", "Jaar", "Bij een overheveling: het jaar waar het geld vandaan komt.",
               form_value(f, "jaar"));
    form_input(b, f, "naar_jaar", "Naar jaar", "Alleen bij een overheveling.",
               form_value(f, "naar_jaar"));
    form_input(b, f, "bedrag", "Bedrag", "In euro's, bijvoorbeeld 459.500.",
               form_value(f, "bedrag"));
    form_select(b, f, "pot", "Pot", NULL, x->pots, x->n_pots, form_value(f, "pot"));
    form_input(b, f, "omschrijving", "Omschrijving", NULL, form_value(f, "omschrijving"));
    forms_cite_fields(b, f, x->sources, x->n_sources, x->decisions, x->n_decisions);
    form_submit(b, "Controleren");
    forms_new_source_button(b, d, action);
    form_close(b);
}

static int reserve_save(Store *s, void *ctx, PokErr *err)
{
    ReserveForm *x = ctx;
    if (strcmp(x->kind, "beginstand") == 0) return store_reserve_opening_set(s, &x->ro, err);
    return store_reserve_movement_add(s, &x->rm, err);
}

/* The stored opening of the form's pot in d, or NULL. */
static const ReserveOpening *opening_stored(const MuniData *d, const ReserveOpening *want)
{
    for (size_t i = 0; i < d->n_openings; i++)
        if (d->openings[i].pot_id == want->pot_id) return &d->openings[i];
    return NULL;
}

static void reserve_confirm(WebResponse *res, const Form *f, const MuniData *d,
                            const ReserveForm *x, const char *action, Arena *a)
{
    int opening = strcmp(x->kind, "beginstand") == 0;
    const ReserveOpening *now = opening ? opening_stored(d, &x->ro) : NULL;
    const char *before =
        now ? arena_printf(a, "%s op 1 januari %d", forms_money(a, now->amount_cents), now->year)
            : NULL;
    const char *year = x->rm.kind == RESERVE_TRANSFER && !opening
                           ? arena_printf(a, "%d naar %d", x->rm.year, x->rm.to_year)
                           : arena_printf(a, "%d", x->rm.year);
    const char *amount = forms_money(a, x->rm.amount_cents);
    FormsChange rows[] = {
        {"Soort", "", forms_option_label(reserve_kinds, N_RESERVE_KINDS, x->kind)},
        {"Jaar", "", year},
        {"Bedrag", opening ? before : "",
         opening ? arena_printf(a, "%s op 1 januari %d", amount, x->ro.year) : amount},
        {"Pot", "", forms_option_label(x->pots, x->n_pots, form_value(f, "pot"))},
        {"Omschrijving", "", x->rm.description},
        {"Bron", "", forms_option_label(x->sources, x->n_sources, form_value(f, "bron"))},
        {"Besluit", "", forms_option_label(x->decisions, x->n_decisions, form_value(f, "besluit"))},
    };
    MuniData changed = *d;
    int years[2] = {x->rm.year, x->rm.to_year};
    if (opening)
        preview_opening(&changed, a, &x->ro);
    else
        preview_movement(&changed, a, &x->rm);
    size_t n_years = !opening && x->rm.kind == RESERVE_TRANSFER ? 2 : 1;
    /* a movement is always new: only an opening replaces a stored figure */
    int64_t version = !opening ? 0 : now ? now->row_version : ROW_VERSION_ABSENT;
    forms_confirm_page(res, f, d, &changed, action, rows, sizeof rows / sizeof rows[0], years,
                       n_years, version, a);
}

/* After a conflict: the opening of the form's pot as stored now. */
static void opening_current_values(Buf *b, const MuniData *d, const ReserveForm *x, Arena *a)
{
    const ReserveOpening *now = opening_stored(d, &x->ro);
    const Source *src = now ? muni_source(d, now->cite.source_id) : NULL;
    FormsValue rows[] = {
        {"Pot",
         forms_option_label(x->pots, x->n_pots,
                            x->ro.pot_id ? arena_printf(a, "%lld", (long long)x->ro.pot_id) : "")},
        {"Beginstand",
         now ? arena_printf(a, "%s op 1 januari %d", forms_money(a, now->amount_cents), now->year)
             : "(niet meer vastgelegd)"},
        {"Bron", src ? src->title : NULL},
        {"Plaats in de bron", now ? now->cite.place : NULL},
    };
    forms_current_values(b, rows, sizeof rows / sizeof rows[0]);
}

void page_form_reserve(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    ReserveForm x = {0};
    x.pots = forms_pot_options(&d, &a, &x.n_pots);
    x.sources = forms_source_options(app, &d, &a, &x.n_sources);
    x.decisions = forms_decision_options(&d, &a, &x.n_decisions);
    const char *action = arena_printf(&a, "/gemeente/%s/reserve/nieuw", d.muni.code);
    /* the version of the opening the confirmation page showed as "Nu" */
    int64_t version = form_confirmed(&f) ? forms_version(&f) : 0;
    int valid = f.posted && !form_edit_again(&f) && reserve_check(&f, &d, &x) == 0;
    int conflict = 0;
    PokErr err = {0};
    if (valid && form_confirmed(&f)) {
        x.ro.row_version = version;
        if (form_save(app, reserve_save, &x, &err) == 0) {
            saved_redirect(res, arena_printf(&a, "/gemeente/%s", d.muni.code),
                           reserve_saved_message(&x, &a));
            arena_free(&a);
            return;
        }
        conflict = err_code(&err) == ERR_CONFLICT;
        if (!conflict) forms_store_failed(&f, &err);
    } else if (valid) {
        reserve_confirm(res, &f, &d, &x, action, &a);
        arena_free(&a);
        return;
    }
    forms_page_begin(&res->body, &d, "Reserve: beginstand of mutatie vastleggen", &a);
    if (conflict) {
        forms_conflict(&res->body, &err);
        opening_current_values(&res->body, forms_reload(app, &d, &a), &x, &a);
    }
    reserve_form(&res->body, &f, &d, &x, action);
    if (conflict)
        forms_page_end_conflict(res);
    else
        forms_page_end(res, &f);
    arena_free(&a);
}
