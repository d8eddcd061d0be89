/* page_grid_allocations.c: GET|POST /gemeente/CODE/toekenningen/invoeren, the allocations
 * of a municipality as the circulaire table shows them (actielijnen x the scheme's
 * years), edited as one form citing one source. Each changed cell becomes a new version
 * of its allocation; unchanged cells are not touched (page_grid.c runs the flow). */
#include "page_grid.h"

#include "../store/store_records.h"
#include "form_preview.h"

static const Allocation *allocation_now(const MuniData *d, int64_t actielijn_id, int year)
{
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        /* a figure for a period is no cell of the grid: its split over the years is unknown */
        if (al->current && !allocation_is_period(al) && al->actielijn_id == actielijn_id &&
            al->year == year)
            return al;
    }
    return NULL;
}

/* Row r is actielijn r of the scheme; the last row holds the allocations a document gives
 * for the whole scheme, not split over actielijnen (actielijn id 0, cell key 0). */
static int64_t row_actielijn(const MuniData *d, size_t r)
{
    return r < d->n_actielijnen ? d->actielijnen[r].id : 0;
}

static void allocations_fill(GridPage *p, const MuniData *d, Arena *a)
{
    for (size_t r = 0; r < p->g.n_rows; r++) {
        int number = r < d->n_actielijnen ? d->actielijnen[r].number : 0;
        for (size_t k = 0; k < p->g.n_years; k++) {
            const Allocation *now = allocation_now(d, row_actielijn(d, r), p->g.years[k]);
            grid_cell_set(&p->g, a, r, k, arena_printf(a, "%d", number), now != NULL,
                          now ? now->amount_cents : 0, now ? now->version : 0,
                          muni_year_closed(d, p->g.years[k]));
        }
    }
}

/* The new version of the allocation of cell (r, k). */
static Allocation allocation_of(const GridPage *p, size_t r, size_t k)
{
    const GridCell *c = grid_cell(&p->g, r, k);
    return (Allocation){.municipality = p->d->muni.code,
                        .scheme_id = p->d->scheme.id,
                        .actielijn_id = row_actielijn(p->d, r),
                        .year = p->g.years[k],
                        .amount_cents = c->new_cents,
                        .cite = p->cite,
                        .expect_version = c->seen_version};
}

static void allocations_preview(const GridPage *p, MuniData *changed, Arena *a)
{
    for (size_t r = 0; r < p->g.n_rows; r++)
        for (size_t k = 0; k < p->g.n_years; k++)
            if (grid_cell(&p->g, r, k)->changed) {
                Allocation al = allocation_of(p, r, k);
                preview_allocation(changed, a, &al);
            }
}

static int allocations_save(Store *s, void *ctx, PokErr *err)
{
    const GridPage *p = ctx;
    for (size_t r = 0; r < p->g.n_rows; r++)
        for (size_t k = 0; k < p->g.n_years; k++) {
            if (!grid_cell(&p->g, r, k)->changed) continue;
            Allocation al = allocation_of(p, r, k);
            if (store_allocation_add(s, &al, err)) return -1;
        }
    return 0;
}

void page_grid_allocations(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    size_t n_years = (size_t)(d.scheme.last_year - d.scheme.first_year + 1);
    int *years = arena_alloc(&a, n_years * sizeof *years);
    for (size_t k = 0; k < n_years; k++) years[k] = d.scheme.first_year + (int)k;
    GridPage p = {
        .title = "Toekenningen invoeren",
        .intro = "Elke cel is de toekenning aan een actielijn in een jaar, zoals in de tabel van "
                 "de circulaire. Een gewijzigd bedrag wordt een nieuwe versie; de vorige versie "
                 "blijft bewaard, en cellen die u niet wijzigt blijven zoals ze zijn. Een lege "
                 "cel betekent: geen toekenning. Een vastgelegde toekenning wordt hier niet "
                 "verwijderd: vul 0 in als er niets (meer) wordt toegekend. De bedragen van een "
                 "afgesloten jaar kunnen niet worden gewijzigd. De onderste rij is voor een "
                 "bron die alleen het bedrag per jaar voor de hele regeling noemt, zonder "
                 "verdeling over de actielijnen.",
        .caption = "Toekenningen per actielijn en jaar, in euro's",
        .paste_hint = "Kopieer de cellen in Excel of LibreOffice en plak ze hier; met "
                      "'Overnemen' komen ze in de tabel hierboven, nog zonder op te slaan. "
                      "Een eerste regel met de jaren en een eerste kolom met de nummers of "
                      "namen van de actielijnen mogen mee; een kolom 'Totaal' wordt "
                      "overgeslagen, net als een regel 'Totaal'. Zonder kopregel vult de "
                      "eerste kolom het eerste jaar. "
                      "Een streepje of een lege cel betekent: geen bedrag.",
        .action = arena_printf(&a, "/gemeente/%s/toekenningen/invoeren", d.muni.code),
        .back = arena_printf(&a, "/gemeente/%s", d.muni.code),
        .saved_one = "toekenning",
        .saved_many = "toekenningen",
        .d = &d,
        .source_missing = "Bron: kies het document waar de toekenningen in staan (de circulaire)",
        .fill = allocations_fill,
        .preview = allocations_preview,
        .save = allocations_save,
    };
    grid_init(&p.g, &a, d.n_actielijnen + 1, years, n_years);
    p.g.row_heading = "Actielijn";
    p.g.row_word = "actielijn";
    p.g.emptied_hint = "Een vastgelegde toekenning wordt hier niet verwijderd; vul 0 in als er "
                       "niets (meer) wordt toegekend.";
    for (size_t r = 0; r < d.n_actielijnen; r++) {
        const Actielijn *al = &d.actielijnen[r];
        p.g.row_labels[r] = arena_printf(&a, "%d. %s", al->number, al->name);
        p.g.row_keys[r] = (PasteRowKey){al->number, {al->name, al->circulaire_name}};
    }
    p.g.row_labels[d.n_actielijnen] = "Niet verdeeld over actielijnen";
    p.g.row_keys[d.n_actielijnen] =
        (PasteRowKey){0, {"niet verdeeld over actielijnen", "niet verdeeld", "zonder actielijn"}};
    p.sources = forms_source_options(app, &d, &a, &p.n_sources);
    grid_page_run(app, res, &p, &f, &a);
    arena_free(&a);
}
