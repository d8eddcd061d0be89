/* page_grid_amounts.c: GET|POST /maatregel/ID/bedragen, a measure's planned and realised
 * amounts per year (two rows, the years of the scheme and the ten after it, as the
 * single amount form allows) edited as one form; a closed year's amounts are shown, not
 * editable (page_grid.c runs the flow). */
#include "page_grid.h"

#include "../store/store_records.h"
#include "form_preview.h"

/* The rows, top to bottom, and how a pasted first column names them. */
static const struct {
    AmountKind kind;
    const char *key, *label;
    PasteRowKey names;
} amount_rows[] = {
    {AMOUNT_PLAN, "plan", "Gepland", {0, {"gepland", "plan", "begroot", "begroting"}}},
    {AMOUNT_REALISED, "realisatie", "Gerealiseerd", {0, {"gerealiseerd", "realisatie", NULL}}},
};
#define N_AMOUNT_ROWS (sizeof amount_rows / sizeof amount_rows[0])

typedef struct AmountsGrid {
    GridPage page; /* first: the flow's callbacks get this struct */
    const Measure *m;
} AmountsGrid;

static const MeasureAmount *amount_now(const MuniData *d, int64_t measure_id, AmountKind kind,
                                       int year)
{
    for (size_t i = 0; i < d->n_amounts; i++) {
        const MeasureAmount *ma = &d->amounts[i];
        if (ma->measure_id == measure_id && ma->kind == kind && ma->year == year) return ma;
    }
    return NULL;
}

static void amounts_fill(GridPage *p, const MuniData *d, Arena *a)
{
    const AmountsGrid *x = (const AmountsGrid *)p;
    for (size_t r = 0; r < N_AMOUNT_ROWS; r++)
        for (size_t k = 0; k < p->g.n_years; k++) {
            const MeasureAmount *now = amount_now(d, x->m->id, amount_rows[r].kind, p->g.years[k]);
            grid_cell_set(&p->g, a, r, k, amount_rows[r].key, now != NULL,
                          now ? now->amount_cents : 0, now ? now->row_version : 0,
                          muni_year_closed(d, p->g.years[k]));
        }
}

static MeasureAmount amount_of(const AmountsGrid *x, size_t r, size_t k)
{
    const GridCell *c = grid_cell(&x->page.g, r, k);
    return (MeasureAmount){.measure_id = x->m->id,
                           .year = x->page.g.years[k],
                           .kind = amount_rows[r].kind,
                           .amount_cents = c->new_cents,
                           .cite = x->page.cite,
                           .decision_id = x->page.decision_id,
                           .row_version = c->seen_version};
}

static void amounts_preview(const GridPage *p, MuniData *changed, Arena *a)
{
    const AmountsGrid *x = (const AmountsGrid *)p;
    for (size_t r = 0; r < N_AMOUNT_ROWS; r++)
        for (size_t k = 0; k < p->g.n_years; k++)
            if (grid_cell(&p->g, r, k)->changed) {
                MeasureAmount ma = amount_of(x, r, k);
                preview_amount(changed, a, &ma);
            }
}

static int amounts_save(Store *s, void *ctx, PokErr *err)
{
    const AmountsGrid *x = ctx;
    for (size_t r = 0; r < N_AMOUNT_ROWS; r++)
        for (size_t k = 0; k < x->page.g.n_years; k++) {
            if (!grid_cell(&x->page.g, r, k)->changed) continue;
            MeasureAmount ma = amount_of(x, r, k);
            if (store_measure_amount_set(s, &ma, err)) return -1;
        }
    return 0;
}

void page_grid_amounts(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    const Measure *m;
    Form f;
    if (forms_open_measure(app, req, res, &a, &d, &m, &f)) return;
    /* spending may run past the funding period, as long as the reserve covers it */
    size_t n_years = (size_t)(d.scheme.last_year + 10 - d.scheme.first_year + 1);
    int *years = arena_alloc(&a, n_years * sizeof *years);
    for (size_t k = 0; k < n_years; k++) years[k] = d.scheme.first_year + (int)k;
    const char *page = arena_printf(&a, "/maatregel/%lld", (long long)m->id);
    AmountsGrid x = {
        .page =
            {
                .title = arena_printf(&a, "Bedragen per jaar: %s", m->name),
                .intro = "De bovenste rij is het geplande bedrag per jaar, de onderste wat er "
                         "werkelijk is uitgegeven. Een nieuw bedrag vervangt het vorige (de "
                         "wijzigingen blijven te zien); cellen die u niet wijzigt blijven zoals "
                         "ze zijn. Een vastgelegd bedrag wordt hier niet verwijderd: vul 0 in "
                         "als er niets is gepland of uitgegeven. De bedragen van een "
                         "afgesloten jaar kunnen niet worden gewijzigd.",
                .caption =
                    arena_printf(&a, "Gepland en gerealiseerd per jaar, in euro's: %s", m->name),
                .paste_hint = "Kopieer de cellen in Excel of LibreOffice en plak ze hier; met "
                              "'Overnemen' komen ze in de tabel hierboven, nog zonder op te "
                              "slaan. Een eerste regel met de jaren en een eerste kolom met "
                              "'gepland' of 'gerealiseerd' mogen mee. Zonder kopregel vult de "
                              "eerste kolom het eerste jaar en de eerste regel het geplande "
                              "bedrag. Een streepje of een lege cel betekent: geen bedrag.",
                .action = arena_printf(&a, "%s/bedragen", page),
                .back = page,
                .saved_one = arena_printf(&a, "bedrag van '%s'", m->name),
                .saved_many = arena_printf(&a, "bedragen van '%s'", m->name),
                .d = &d,
                .fill = amounts_fill,
                .preview = amounts_preview,
                .save = amounts_save,
            },
        .m = m,
    };
    Grid *g = &x.page.g;
    grid_init(g, &a, N_AMOUNT_ROWS, years, n_years);
    g->row_heading = "Bedrag";
    g->row_word = "rij (gepland of gerealiseerd)";
    g->allow_negative = 1; /* a correction of an earlier year's spending */
    g->emptied_hint = "Een vastgelegd bedrag wordt hier niet verwijderd; vul 0 in als er niets "
                      "is gepland of uitgegeven.";
    for (size_t r = 0; r < N_AMOUNT_ROWS; r++) {
        g->row_labels[r] = amount_rows[r].label;
        g->row_keys[r] = amount_rows[r].names;
    }
    x.page.sources = forms_source_options(app, &d, &a, &x.page.n_sources);
    x.page.decisions = forms_decision_options(&d, &a, &x.page.n_decisions);
    grid_page_run(app, res, &x.page, &f, &a);
    arena_free(&a);
}
