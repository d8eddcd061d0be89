/* page_forms_measure.c: the forms of measures: GET|POST /gemeente/CODE/maatregel/nieuw
 * and /maatregel/ID/bewerken (saved directly), /maatregel/ID/bedrag (a plan or realised
 * amount, with a confirmation step) and /maatregel/ID/evaluatie/nieuw. */
#include "page_forms.h"

#include "../store/store_records.h"
#include "form_preview.h"
#include "html.h"
#include "layout.h"

#include <string.h>

#define MAX_LINKS FORMS_MAX_LINKS

static const FormOption statuses[] = {
    {"gepland", "gepland"}, {"lopend", "lopend"}, {"afgerond", "afgerond"}, {"gestopt", "gestopt"}};

typedef struct MeasureForm {
    FormOption *pots, *actielijnen, *purposes, *sources, *decisions;
    size_t n_pots, n_actielijnen, n_purposes, n_sources, n_decisions;
    /* the source and the decision are asked for a new measure, and when editing one
     * that has none yet; a stored one keeps its value */
    int ask_source, ask_decision;
    Measure m;
} MeasureForm;

/* editing: NULL for a new measure, else the stored one */
static void measure_lists(MeasureForm *x, WebApp *app, const MuniData *d, const Measure *editing,
                          Arena *a)
{
    x->pots = forms_pot_options(d, a, &x->n_pots);
    x->actielijnen = forms_actielijn_options(d, a, &x->n_actielijnen);
    x->purposes = forms_purpose_options(d, a, &x->n_purposes);
    x->sources = forms_source_options(app, d, a, &x->n_sources);
    x->decisions = forms_decision_options(d, a, &x->n_decisions);
    x->ask_source = !editing || !editing->cite.source_id;
    x->ask_decision = !editing || !editing->decision_id;
}

static int measure_check(Form *f, const MuniData *d, MeasureForm *x)
{
    Measure *m = &x->m;
    m->municipality = d->muni.code;
    m->scheme_id = d->scheme.id;
    form_required(f, "naam", "Naam", &m->name);
    m->description = form_optional(f, "omschrijving");
    m->partner = form_optional(f, "partner");
    m->cost_centres = form_optional(f, "kostenplaatsen");
    form_choice(f, "status", "Status", statuses, 4, &m->status);
    form_id_choice(f, "pot", "Pot", x->pots, x->n_pots, &m->pot_id);
    int64_t *al_ids = arena_alloc(f->a, (d->n_actielijnen + 1) * sizeof *al_ids);
    for (size_t i = 0; i < d->n_actielijnen; i++) al_ids[i] = d->actielijnen[i].id;
    int64_t *pu_ids = arena_alloc(f->a, (d->n_purposes + 1) * sizeof *pu_ids);
    for (size_t i = 0; i < d->n_purposes; i++) pu_ids[i] = d->purposes[i].id;
    forms_check_links(f, "actielijnen", "Actielijnen", x->actielijnen, x->n_actielijnen, al_ids,
                      &m->actielijn_ids, &m->n_actielijnen);
    forms_check_links(f, "doelen", "Doelen", x->purposes, x->n_purposes, pu_ids, &m->purpose_ids,
                      &m->n_purposes);
    if (x->ask_source) forms_cite_check(f, x->sources, x->n_sources, NULL, 0, &m->cite, NULL);
    if (x->ask_decision)
        form_id_choice(f, "besluit", "Besluit", x->decisions, x->n_decisions, &m->decision_id);
    return f->n_errors ? -1 : 0;
}

/* The values shown: posted ones, or on GET those of m (editing) or the defaults. version:
 * the hidden "versie" of an edit (0: none, a new measure). */
static void measure_form(Buf *b, const Form *f, const MuniData *d, const MeasureForm *x,
                         const Measure *m, int64_t version, const char *action, const char *button)
{
    const char *links[MAX_LINKS], *goals[MAX_LINKS];
    size_t n_links = 0, n_goals = 0;
    const char *name = "", *description = "", *partner = "", *status = "gepland",
               *cost_centres = "", *pot = "";
    if (f->posted) {
        name = form_value(f, "naam");
        description = form_value(f, "omschrijving");
        partner = form_value(f, "partner");
        status = form_value(f, "status");
        cost_centres = form_value(f, "kostenplaatsen");
        pot = form_value(f, "pot");
        n_links = form_values(f, "actielijnen[]", links, MAX_LINKS);
        n_goals = form_values(f, "doelen[]", goals, MAX_LINKS);
    } else if (m) {
        name = m->name;
        description = m->description;
        partner = m->partner;
        status = m->status;
        cost_centres = m->cost_centres;
        pot = m->pot_id ? arena_printf(f->a, "%lld", (long long)m->pot_id) : "";
        /* ids back to the numbers the checkboxes carry */
        for (size_t i = 0; i < m->n_actielijnen && n_links < MAX_LINKS; i++) {
            const Actielijn *al = muni_actielijn(d, m->actielijn_ids[i]);
            if (al) links[n_links++] = arena_printf(f->a, "%d", al->number);
        }
        for (size_t i = 0; i < m->n_purposes && n_goals < MAX_LINKS; i++)
            for (size_t k = 0; k < d->n_purposes; k++)
                if (m->purpose_ids[i] == d->purposes[k].id)
                    goals[n_goals++] = arena_printf(f->a, "%d", d->purposes[k].number);
    }
    form_summary(b, f);
    form_open(b, action);
    if (version) forms_version_field(b, version);
    form_input(b, f, "naam", "Naam", "Bijvoorbeeld: Uitbreiding sociaal raadslieden.", name);
    form_textarea(b, f, "omschrijving", "Omschrijving", NULL, description);
    form_input(b, f, "partner", "Partner", "De uitvoerende organisatie, als die er is.", partner);
    form_select(b, f, "status", "Status", NULL, statuses, 4, status);
    form_select(b, f, "pot", "Pot", "De pot waaruit de maatregel betaald wordt.", x->pots,
                x->n_pots, pot);
    form_checkboxes(b, f, "actielijnen", "Actielijnen", NULL, x->actielijnen, x->n_actielijnen,
                    links, n_links);
    form_checkboxes(b, f, "doelen", "Doelen", NULL, x->purposes, x->n_purposes, goals, n_goals);
    form_input(b, f, "kostenplaatsen", "Kostenplaatsen",
               "Kostenplaats- of projectcodes, gescheiden door komma's.", cost_centres);
    if (x->ask_source) forms_cite_fields(b, f, x->sources, x->n_sources, NULL, 0);
    if (x->ask_decision)
        form_select(b, f, "besluit", "Besluit", "Het besluit waarop de maatregel berust.",
                    x->decisions, x->n_decisions, form_value(f, "besluit"));
    form_submit(b, button);
    form_close(b);
}

static int measure_add_save(Store *s, void *ctx, PokErr *err)
{
    return store_measure_add(s, ctx, err);
}

static int measure_update_save(Store *s, void *ctx, PokErr *err)
{
    return store_measure_update(s, ctx, err);
}

void page_form_measure_new(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    MeasureForm x = {0};
    measure_lists(&x, app, &d, NULL, &a);
    if (f.posted && measure_check(&f, &d, &x) == 0) {
        PokErr err = {0};
        if (form_save(app, measure_add_save, &x.m, &err) == 0) {
            /* a new measure's own page is where the user continues: its amounts */
            saved_redirect_to(res, arena_printf(&a, "/maatregel/%lld", (long long)x.m.id),
                              arena_printf(&a, "Maatregel '%s' opgeslagen", x.m.name));
            arena_free(&a);
            return;
        }
        forms_store_failed(&f, &err);
    }
    forms_page_begin(&res->body, &d, "Nieuwe maatregel", &a);
    measure_form(&res->body, &f, &d, &x, NULL, 0,
                 arena_printf(&a, "/gemeente/%s/maatregel/nieuw", d.muni.code), "Opslaan");
    forms_page_end(res, &f);
    arena_free(&a);
}

/* The measure as stored now (after a conflict): read again, since another save may
 * have landed after this request loaded d; m when it cannot be read. */
static const Measure *measure_current(WebApp *app, const MuniData *d, const Measure *m, Arena *a)
{
    Measure *now = arena_alloc(a, sizeof *now);
    PokErr err = {0};
    if (store_measure_get(app->store, m->id, a, now, &err) == 1 &&
        strcmp(now->municipality, d->muni.code) == 0)
        return now;
    return m;
}

/* Names of the options whose values are the ticked ids' numbers, comma separated. */
static const char *link_names(const MuniData *d, const int64_t *ids, size_t n, int purposes,
                              Arena *a)
{
    Buf out = {0};
    for (size_t i = 0; i < n; i++) {
        const char *name = NULL;
        if (!purposes) {
            const Actielijn *al = muni_actielijn(d, ids[i]);
            if (al) name = arena_printf(a, "%d. %s", al->number, al->name);
        } else {
            for (size_t k = 0; k < d->n_purposes; k++)
                if (d->purposes[k].id == ids[i])
                    name = arena_printf(a, "%d. %s", d->purposes[k].number, d->purposes[k].name);
        }
        if (name) buf_printf(&out, "%s%s", out.len ? "; " : "", name);
    }
    const char *text = out.len ? arena_strdup(a, out.data) : NULL;
    buf_free(&out);
    return text;
}

static void measure_current_values(Buf *b, const MuniData *d, const MeasureForm *x,
                                   const Measure *m, Arena *a)
{
    const char *pot = m->pot_id ? arena_printf(a, "%lld", (long long)m->pot_id) : "";
    FormsValue rows[] = {
        {"Naam", m->name},
        {"Omschrijving", m->description},
        {"Partner", m->partner},
        {"Status", m->status},
        {"Pot", forms_option_label(x->pots, x->n_pots, pot)},
        {"Actielijnen", link_names(d, m->actielijn_ids, m->n_actielijnen, 0, a)},
        {"Doelen", link_names(d, m->purpose_ids, m->n_purposes, 1, a)},
        {"Kostenplaatsen", m->cost_centres},
    };
    forms_current_values(b, rows, sizeof rows / sizeof rows[0]);
}

void page_form_measure_edit(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    const Measure *m;
    Form f;
    if (forms_open_measure(app, req, res, &a, &d, &m, &f)) return;
    MeasureForm x = {0};
    measure_lists(&x, app, &d, m, &a);
    const char *page = arena_printf(&a, "/maatregel/%lld", (long long)m->id);
    /* The version the editor saw: the posted one (kept through a 422), else m's. */
    int64_t version = f.posted ? forms_version(&f) : m->row_version;
    int conflict = 0;
    PokErr err = {0};
    /* The form changes the fields it shows; the others (the citation, the decision, and
     * any field added to the measure since) keep their stored values. */
    x.m = *m;
    if (f.posted && measure_check(&f, &d, &x) == 0) {
        x.m.row_version = version;
        if (form_save(app, measure_update_save, &x.m, &err) == 0) {
            saved_redirect(res, page, arena_printf(&a, "Maatregel '%s' opgeslagen", x.m.name));
            arena_free(&a);
            return;
        }
        conflict = err_code(&err) == ERR_CONFLICT;
        if (conflict) {
            m = measure_current(app, &d, m, &a);
            version = m->row_version; /* saving again replaces what is shown */
        } else {
            forms_store_failed(&f, &err);
        }
    }
    forms_page_begin(&res->body, &d, arena_printf(&a, "Maatregel wijzigen: %s", m->name), &a);
    html_lit(&res->body, "<p><a href=\"");
    html_attr(&res->body, page);
    html_lit(&res->body, "\">Terug naar de maatregel</a></p>\n");
    if (conflict) {
        forms_conflict(&res->body, &err);
        measure_current_values(&res->body, &d, &x, m, &a);
    }
    measure_form(&res->body, &f, &d, &x, m, version, arena_printf(&a, "%s/bewerken", page),
                 "Opslaan");
    if (conflict)
        forms_page_end_conflict(res);
    else
        forms_page_end(res, &f);
    arena_free(&a);
}

/* ---- plan and realised amounts ---- */

static const FormOption amount_kinds[] = {{"plan", "gepland bedrag"},
                                          {"realisatie", "gerealiseerd bedrag"}};

typedef struct AmountForm {
    FormOption *sources, *decisions;
    size_t n_sources, n_decisions;
    MeasureAmount ma;
} AmountForm;

static int amount_check(Form *f, const MuniData *d, const Measure *m, AmountForm *x)
{
    const char *kind = NULL;
    x->ma.measure_id = m->id;
    if (form_choice(f, "soort", "Soort", amount_kinds, 2, &kind) == 0)
        x->ma.kind = strcmp(kind, "plan") == 0 ? AMOUNT_PLAN : AMOUNT_REALISED;
    /* spending may run past the funding period, as long as the reserve covers it */
    form_year(f, "jaar", "Jaar", d->scheme.first_year, d->scheme.last_year + 10, &x->ma.year);
    form_amount(f, "bedrag", "Bedrag", &x->ma.amount_cents);
    forms_cite_check(f, x->sources, x->n_sources, x->decisions, x->n_decisions, &x->ma.cite,
                     &x->ma.decision_id);
    return f->n_errors ? -1 : 0;
}

static void amount_form(Buf *b, const Form *f, const MuniData *d, const AmountForm *x,
                        const char *action)
{
    form_summary(b, f);
    form_open(b, action);
    form_select(b, f, "soort", "Soort", NULL, amount_kinds, 2,
                f->posted ? form_value(f, "soort") : "plan");
    form_input(b, f, "jaar", "Jaar",
               arena_printf(f->a, "Een jaar van %d tot en met %d.", d->scheme.first_year,
                            d->scheme.last_year + 10),
               form_value(f, "jaar"));
    form_input(b, f, "bedrag", "Bedrag",
               "In euro's, bijvoorbeeld 50.000 of 97.250,13. Een nieuw bedrag voor hetzelfde "
               "jaar vervangt het vorige.",
               form_value(f, "bedrag"));
    forms_cite_fields(b, f, x->sources, x->n_sources, x->decisions, x->n_decisions);
    form_submit(b, "Controleren");
    forms_new_source_button(b, d, action);
    form_close(b);
}

static int amount_save(Store *s, void *ctx, PokErr *err)
{
    return store_measure_amount_set(s, ctx, err);
}

/* The stored amount of the form's (measure, year, kind) in d, or NULL. */
static const MeasureAmount *amount_stored(const MuniData *d, const MeasureAmount *ma)
{
    for (size_t i = 0; i < d->n_amounts; i++)
        if (d->amounts[i].measure_id == ma->measure_id && d->amounts[i].year == ma->year &&
            d->amounts[i].kind == ma->kind)
            return &d->amounts[i];
    return NULL;
}

static void amount_confirm(WebResponse *res, const Form *f, const MuniData *d, const Measure *m,
                           const AmountForm *x, const char *action, Arena *a)
{
    const MeasureAmount *now = amount_stored(d, &x->ma);
    const char *before = now ? forms_money(a, now->amount_cents) : NULL;
    FormsChange rows[] = {
        {"Maatregel", "", m->name},
        {"Jaar", "", arena_printf(a, "%d", x->ma.year)},
        {x->ma.kind == AMOUNT_PLAN ? "Gepland bedrag" : "Gerealiseerd bedrag", before,
         forms_money(a, x->ma.amount_cents)},
        {"Bron", "", forms_option_label(x->sources, x->n_sources, form_value(f, "bron"))},
        {"Plaats in de bron", "", x->ma.cite.place},
        {"Besluit", "", forms_option_label(x->decisions, x->n_decisions, form_value(f, "besluit"))},
    };
    MuniData changed = *d;
    preview_amount(&changed, a, &x->ma);
    forms_confirm_page(res, f, d, &changed, action, rows, sizeof rows / sizeof rows[0], &x->ma.year,
                       1, now ? now->row_version : ROW_VERSION_ABSENT, a);
}

/* After a conflict: the amount of the form's key as stored now. */
static void amount_current_values(Buf *b, const MuniData *d, const AmountForm *x, Arena *a)
{
    const MeasureAmount *now = amount_stored(d, &x->ma);
    const Source *src = now ? muni_source(d, now->cite.source_id) : NULL;
    FormsValue rows[] = {
        {"Jaar", arena_printf(a, "%d", x->ma.year)},
        {x->ma.kind == AMOUNT_PLAN ? "Gepland bedrag" : "Gerealiseerd bedrag",
         now ? forms_money(a, now->amount_cents) : "(niet meer vastgelegd)"},
        {"Bron", src ? src->title : NULL},
        {"Plaats in de bron", now ? now->cite.place : NULL},
    };
    forms_current_values(b, rows, sizeof rows / sizeof rows[0]);
}

void page_form_measure_amount(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    const Measure *m;
    Form f;
    if (forms_open_measure(app, req, res, &a, &d, &m, &f)) return;
    AmountForm x = {0};
    x.sources = forms_source_options(app, &d, &a, &x.n_sources);
    x.decisions = forms_decision_options(&d, &a, &x.n_decisions);
    const char *page = arena_printf(&a, "/maatregel/%lld", (long long)m->id);
    const char *action = arena_printf(&a, "%s/bedrag", page);
    /* the version the confirmation page showed as "Nu" */
    x.ma.row_version = form_confirmed(&f) ? forms_version(&f) : 0;
    int valid = f.posted && !form_edit_again(&f) && amount_check(&f, &d, m, &x) == 0;
    int conflict = 0;
    PokErr err = {0};
    if (valid && form_confirmed(&f)) {
        if (form_save(app, amount_save, &x.ma, &err) == 0) {
            saved_redirect(
                res, arena_printf(&a, "/gemeente/%s", d.muni.code),
                arena_printf(&a, "%s %d van '%s' opgeslagen: %s",
                             x.ma.kind == AMOUNT_PLAN ? "Gepland bedrag" : "Gerealiseerd bedrag",
                             x.ma.year, m->name, forms_money(&a, x.ma.amount_cents)));
            arena_free(&a);
            return;
        }
        conflict = err_code(&err) == ERR_CONFLICT;
        if (!conflict) forms_store_failed(&f, &err);
    } else if (valid) {
        amount_confirm(res, &f, &d, m, &x, action, &a);
        arena_free(&a);
        return;
    }
    forms_page_begin(&res->body, &d, arena_printf(&a, "Bedrag vastleggen: %s", m->name), &a);
    if (conflict) {
        forms_conflict(&res->body, &err);
        amount_current_values(&res->body, forms_reload(app, &d, &a), &x, &a);
    }
    amount_form(&res->body, &f, &d, &x, action);
    if (conflict)
        forms_page_end_conflict(res);
    else
        forms_page_end(res, &f);
    arena_free(&a);
}

/* ---- evaluations ---- */

static const FormOption follow_ups[] = {{"voortzetten", "voortzetten"},
                                        {"stoppen", "stoppen"},
                                        {"doel bereikt", "doel bereikt"},
                                        {"structureel maken", "structureel maken"}};

static int evaluation_save(Store *s, void *ctx, PokErr *err)
{
    return store_evaluation_add(s, ctx, err);
}

void page_form_evaluation(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    const Measure *m;
    Form f;
    if (forms_open_measure(app, req, res, &a, &d, &m, &f)) return;
    size_t n_sources, n_decisions;
    FormOption *sources = forms_source_options(app, &d, &a, &n_sources);
    FormOption *decisions = forms_decision_options(&d, &a, &n_decisions);
    const char *page = arena_printf(&a, "/maatregel/%lld", (long long)m->id);
    if (f.posted) {
        Evaluation e = {.measure_id = m->id};
        form_date(&f, "datum", "Datum", &e.date);
        form_required(&f, "oordeel", "Oordeel", &e.verdict);
        e.text = form_optional(&f, "tekst");
        form_choice(&f, "vervolg", "Vervolg", follow_ups, 4, &e.follow_up);
        forms_cite_check(&f, sources, n_sources, decisions, n_decisions, &e.cite, &e.decision_id);
        PokErr err = {0};
        if (f.n_errors == 0) {
            if (form_save(app, evaluation_save, &e, &err) == 0) {
                saved_redirect(res, page,
                               arena_printf(&a, "Evaluatie van '%s' opgeslagen", m->name));
                arena_free(&a);
                return;
            }
            forms_store_failed(&f, &err);
        }
    }
    Buf *b = &res->body;
    forms_page_begin(b, &d, arena_printf(&a, "Evaluatie vastleggen: %s", m->name), &a);
    form_summary(b, &f);
    form_open(b, arena_printf(&a, "%s/evaluatie/nieuw", page));
    form_input(b, &f, "datum", "Datum", "Als JJJJ-MM-DD, bijvoorbeeld 2025-03-01.",
               form_value(&f, "datum"));
    form_input(b, &f, "oordeel", "Oordeel", "Bijvoorbeeld: effectief, deels effectief.",
               form_value(&f, "oordeel"));
    form_textarea(b, &f, "tekst", "Toelichting", NULL, form_value(&f, "tekst"));
    form_select(b, &f, "vervolg", "Vervolg", NULL, follow_ups, 4, form_value(&f, "vervolg"));
    forms_cite_fields(b, &f, sources, n_sources, decisions, n_decisions);
    form_submit(b, "Opslaan");
    form_close(b);
    forms_page_end(res, &f);
    arena_free(&a);
}
