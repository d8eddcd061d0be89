/* page_forms_setup.c: the forms that set a municipality up, saved directly:
 * GET|POST /gemeente/CODE/pot/nieuw (a pot: name, actielijnen, source),
 * /gemeente/CODE/inwoners/nieuw (inhabitants on 1 January of a year, with source) and
 * /gemeente/CODE/genoemd-bedrag/nieuw (a figure a document states, which the checks
 * recompute: what pok stated add takes). */
#include "page_forms.h"

#include "../store/store_records.h"
#include "../store/store_reference.h"
#include "html.h"
#include "layout.h"

#include <string.h>

/* ---- pots ---- */

static int pot_save(Store *s, void *ctx, PokErr *err)
{
    return store_pot_add(s, ctx, err);
}

/* "3, 4 en 5" */
static const char *numbers_text(const MuniData *d, const Pot *p, Arena *a)
{
    Buf b = {0};
    for (size_t i = 0; i < p->n_actielijnen; i++) {
        const Actielijn *al = muni_actielijn(d, p->actielijn_ids[i]);
        const char *sep = i == 0 ? "" : i + 1 == p->n_actielijnen ? " en " : ", ";
        buf_printf(&b, "%s%d", sep, al ? al->number : 0);
    }
    const char *text = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return text;
}

void page_form_pot(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    size_t n_actielijnen, n_sources;
    FormOption *actielijnen = forms_actielijn_options(&d, &a, &n_actielijnen);
    FormOption *sources = forms_source_options(app, &d, &a, &n_sources);
    if (f.posted) {
        Pot p = {.municipality = d.muni.code, .scheme_id = d.scheme.id};
        form_required(&f, "naam", "Naam", &p.name);
        int64_t *ids = arena_alloc(&a, (d.n_actielijnen + 1) * sizeof *ids);
        for (size_t i = 0; i < d.n_actielijnen; i++) ids[i] = d.actielijnen[i].id;
        forms_check_links(&f, "actielijnen", "Actielijnen", actielijnen, n_actielijnen, ids,
                          &p.actielijn_ids, &p.n_actielijnen);
        if (p.n_actielijnen == 0 && !form_error(&f, "actielijnen"))
            form_fail(&f, "actielijnen",
                      "Actielijnen: kies de actielijnen waarvan het geld in "
                      "deze pot samenkomt");
        forms_cite_check(&f, sources, n_sources, NULL, 0, &p.cite, NULL);
        PokErr err = {0};
        if (f.n_errors == 0) {
            if (form_save(app, pot_save, &p, &err) == 0) {
                saved_redirect(res, arena_printf(&a, "/gemeente/%s", d.muni.code),
                               arena_printf(&a, "Pot '%s' opgeslagen (actielijn%s %s)", p.name,
                                            p.n_actielijnen == 1 ? "" : "en",
                                            numbers_text(&d, &p, &a)));
                arena_free(&a);
                return;
            }
            forms_store_failed(&f, &err);
        }
    }
    const char *checked[FORMS_MAX_LINKS];
    size_t n_checked = form_values(&f, "actielijnen[]", checked, FORMS_MAX_LINKS);
    Buf *b = &res->body;
    forms_page_begin(b, &d, "Pot vastleggen", &a);
    form_summary(b, &f);
    html_lit(b, "<p>Een pot bundelt actielijnen waarvan de gemeente het geld samen inzet "
                "(bijvoorbeeld actielijnen 3, 4 en 5). Zonder potten vormen alle actielijnen "
                "samen één pot.</p>\n");
    form_open(b, arena_printf(&a, "/gemeente/%s/pot/nieuw", d.muni.code));
    form_input(b, &f, "naam", "Naam", "Bijvoorbeeld: Actielijnen 3, 4 en 5.",
               form_value(&f, "naam"));
    form_checkboxes(b, &f, "actielijnen", "Actielijnen", NULL, actielijnen, n_actielijnen, checked,
                    n_checked);
    forms_cite_fields(b, &f, sources, n_sources, NULL, 0);
    form_submit(b, "Opslaan");
    form_close(b);
    forms_page_end(res, &f);
    arena_free(&a);
}

/* ---- inhabitants ---- */

static int inhabitants_save(Store *s, void *ctx, PokErr *err)
{
    return store_inhabitants_put(s, ctx, err);
}

void page_form_inhabitants(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    size_t n_sources;
    FormOption *sources = forms_source_options(app, &d, &a, &n_sources);
    if (f.posted) {
        Inhabitants inh = {.municipality = d.muni.code};
        form_year(&f, "jaar", "Jaar", d.scheme.first_year - 10, d.scheme.last_year + 10, &inh.year);
        const char *count = form_value(&f, "aantal");
        long long n = 0;
        if (parse_int(count, 0, 100000000, &n))
            form_fail(&f, "aantal",
                      "Aantal inwoners: verwacht een geheel getal zonder punten, zoals 18361 "
                      "(gelezen: '%s')",
                      count);
        inh.count = n;
        form_id_choice(&f, "bron", "Bron", sources, n_sources, &inh.source_id);
        PokErr err = {0};
        if (f.n_errors == 0) {
            if (form_save(app, inhabitants_save, &inh, &err) == 0) {
                saved_redirect(res, arena_printf(&a, "/gemeente/%s", d.muni.code),
                               arena_printf(&a, "Inwoners op 1 januari %d opgeslagen: %lld",
                                            inh.year, (long long)inh.count));
                arena_free(&a);
                return;
            }
            forms_store_failed(&f, &err);
        }
    }
    Buf *b = &res->body;
    forms_page_begin(b, &d, "Inwoners vastleggen", &a);
    form_summary(b, &f);
    html_lit(b, "<p>Het aantal inwoners op 1 januari van een jaar, voor de bedragen per "
                "inwoner. Een nieuw aantal voor hetzelfde jaar vervangt het vorige.</p>\n");
    form_open(b, arena_printf(&a, "/gemeente/%s/inwoners/nieuw", d.muni.code));
    form_input(b, &f, "jaar", "Jaar", "Bijvoorbeeld 2024.", form_value(&f, "jaar"));
    form_input(b, &f, "aantal", "Aantal inwoners", "Een geheel getal, bijvoorbeeld 18361.",
               form_value(&f, "aantal"));
    form_select(b, &f, "bron", "Bron", "Bijvoorbeeld de CBS-tabel van de bevolking.", sources,
                n_sources, form_value(&f, "bron"));
    form_submit(b, "Opslaan");
    form_close(b);
    forms_page_end(res, &f);
    arena_free(&a);
}

/* ---- stated figures ---- */

static const FormOption stated_kinds[] = {
    {"toekenning", "Toekenning: de som van de toekenningen over de jaren"},
    {"beschikbaar", "Beschikbaar: de reserve aan het begin van het jaar plus de toekenning"},
    {"uitgaven", "Uitgaven: de geplande (in afgesloten jaren gerealiseerde) uitgaven"},
};
#define N_STATED_KINDS (sizeof stated_kinds / sizeof stated_kinds[0])

static int stated_save(Store *s, void *ctx, PokErr *err)
{
    return store_stated_add(s, ctx, err);
}

typedef struct StatedForm {
    FormOption *actielijnen, *pots, *sources;
    size_t n_actielijnen, n_pots, n_sources;
    StatedFigure sf;
} StatedForm;

static void stated_check(Form *f, const MuniData *d, StatedForm *x)
{
    StatedFigure *sf = &x->sf;
    sf->municipality = d->muni.code;
    sf->scheme_id = d->scheme.id;
    const char *kind = NULL;
    if (form_choice(f, "soort", "Soort", stated_kinds, N_STATED_KINDS, &kind) == 0)
        stated_kind_parse(kind, &sf->kind);
    int first = d->scheme.first_year, last = d->scheme.last_year + 10;
    form_year(f, "jaar", "Jaar", first, last, &sf->year_from);
    sf->year_to = sf->year_from;
    if (*form_value(f, "tot_jaar") &&
        form_year(f, "tot_jaar", "Tot en met jaar", first, last, &sf->year_to) == 0 &&
        sf->year_from && sf->year_to < sf->year_from)
        form_fail(f, "tot_jaar", "Tot en met jaar: %d ligt voor het jaar %d", sf->year_to,
                  sf->year_from);
    form_amount(f, "bedrag", "Bedrag", &sf->amount_cents);
    form_required(f, "omschrijving", "Omschrijving", &sf->description);
    const char *number = form_value(f, "actielijn");
    for (size_t i = 0; *number && i < d->n_actielijnen; i++)
        if (strcmp(x->actielijnen[i + 1].value, number) == 0)
            sf->actielijn_id = d->actielijnen[i].id;
    if (*number && !sf->actielijn_id)
        form_fail(f, "actielijn", "Actielijn: onbekende actielijn '%s'", number);
    form_id_choice(f, "pot", "Pot", x->pots, x->n_pots, &sf->pot_id);
    forms_cite_check(f, x->sources, x->n_sources, NULL, 0, &sf->cite, NULL);
    if (!sf->cite.source_id && !form_error(f, "bron"))
        form_fail(f, "bron", "Bron: kies het document dat dit bedrag noemt");
}

void page_form_stated(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    StatedForm x = {0};
    /* "every actielijn" and "every pot" first: a figure is about all unless it says so */
    size_t n_numbers;
    FormOption *numbers = forms_actielijn_options(&d, &a, &n_numbers);
    x.actielijnen = arena_alloc(&a, (n_numbers + 1) * sizeof *x.actielijnen);
    x.actielijnen[0] = (FormOption){"", "alle actielijnen"};
    memcpy(x.actielijnen + 1, numbers, n_numbers * sizeof *numbers);
    x.n_actielijnen = n_numbers + 1;
    x.pots = forms_pot_options(&d, &a, &x.n_pots);
    x.pots[0].label = "alle potten";
    x.sources = forms_source_options(app, &d, &a, &x.n_sources);
    if (f.posted) {
        stated_check(&f, &d, &x);
        PokErr err = {0};
        if (f.n_errors == 0) {
            if (form_save(app, stated_save, &x.sf, &err) == 0) {
                saved_redirect(res, arena_printf(&a, "/gemeente/%s", d.muni.code),
                               arena_printf(&a, "Genoemd bedrag '%s' opgeslagen: %s",
                                            x.sf.description, forms_money(&a, x.sf.amount_cents)));
                arena_free(&a);
                return;
            }
            forms_store_failed(&f, &err);
        }
    }
    Buf *b = &res->body;
    forms_page_begin(b, &d, "Genoemd bedrag vastleggen", &a);
    form_summary(b, &f);
    html_lit(b, "<p>Een totaal zoals een document het noemt, bijvoorbeeld \"Totaal 2024 "
                "€ 596.437\". pok rekent het na en meldt een verschil bij de bevindingen.</p>\n");
    form_open(b, arena_printf(&a, "/gemeente/%s/genoemd-bedrag/nieuw", d.muni.code));
    form_select(b, &f, "soort", "Soort", NULL, stated_kinds, N_STATED_KINDS,
                form_value(&f, "soort"));
    form_input(b, &f, "jaar", "Jaar", "Het (eerste) jaar waarover het bedrag gaat.",
               form_value(&f, "jaar"));
    form_input(b, &f, "tot_jaar", "Tot en met jaar", "Leeg laten als het om één jaar gaat.",
               form_value(&f, "tot_jaar"));
    form_input(b, &f, "bedrag", "Bedrag", "Zoals het document het noemt, bijvoorbeeld 596.437.",
               form_value(&f, "bedrag"));
    form_input(b, &f, "omschrijving", "Omschrijving",
               "De woorden van het document, bijvoorbeeld: Totaal 2024.",
               form_value(&f, "omschrijving"));
    form_select(b, &f, "actielijn", "Actielijn", NULL, x.actielijnen, x.n_actielijnen,
                form_value(&f, "actielijn"));
    form_select(b, &f, "pot", "Pot", NULL, x.pots, x.n_pots, form_value(&f, "pot"));
    forms_cite_fields(b, &f, x.sources, x.n_sources, NULL, 0);
    form_submit(b, "Opslaan");
    form_close(b);
    forms_page_end(res, &f);
    arena_free(&a);
}
