/* muni_tables.c: see muni_tables.h. */
#include "muni_tables.h"

#include "html.h"
#include "page_kit.h"

#include "../views/coverage_view.h"

#include <string.h>

static const char *const year_headers[] = {"Jaar",
                                           "Toekenning",
                                           "Begroot",
                                           "Gerealiseerd",
                                           "Uitgaven",
                                           "Besloten storting in reserve",
                                           "Verwachte storting (nog geen besluit)",
                                           "Reserve op 31 december"};

int muni_years_table(const MuniData *d, const Coverage *c, Arena *a, DataTable *t, YearSums **years,
                     size_t *n_years, PokErr *err)
{
    if (coverage_year_sums(c, a, years, n_years, err)) return -1;
    dt_init(t, a, arena_printf(a, "Toekenning, uitgaven en reserve per jaar, %s", d->muni.name),
            year_headers, 8);
    t->empty = "Geen toekenningen, uitgaven of reserve vastgelegd.";
    for (size_t i = 0; i < *n_years; i++) {
        const YearSums *y = &(*years)[i];
        TableCell *row = dt_row(t, 0);
        cell_int(&row[0], y->year);
        if (y->closed) row[0].note = "afgesloten";
        cell_money(&row[1], y->allocation, NULL, NULL);
        if (y->allocation_unknown) row[1].note = "en een onbekend deel van een periodebedrag";
        cell_money(&row[2], y->planned, NULL, NULL);
        cell_money(&row[3], y->realised, NULL, NULL);
        /* what the year's spending is: its realisation once closed, its plans before */
        cell_money(&row[4], y->spending, NULL, NULL);
        row[4].note = y->closed ? "gerealiseerd" : "begroot";
        cell_money(&row[5], y->decided_deposit, NULL, NULL);
        cell_money(&row[6], y->expected_deposit, NULL, NULL);
        cell_money(&row[7], y->reserve_end, NULL, NULL);
    }
    return 0;
}

void muni_coverage_table(const MuniData *d, const Coverage *c, Arena *a, DataTable *t)
{
    size_t n_cols = 3 + coverage_n_rows;
    const char **headers = arena_alloc(a, n_cols * sizeof *headers);
    headers[0] = "Pot";
    headers[1] = "Jaar";
    headers[2] = "Afgesloten";
    for (size_t r = 0; r < coverage_n_rows; r++) headers[3 + r] = coverage_rows[r].label;
    dt_init(t, a, arena_printf(a, "Dekking %s, %s", d->scheme.name, d->muni.name), headers, n_cols);
    for (size_t p = 0; p < c->n_pots; p++) {
        const CoveragePot *pot = &c->pots[p];
        for (size_t i = 0; i < pot->n_years; i++) {
            const CoverageYear *y = &pot->years[i];
            TableCell *row = dt_row(t, 0);
            cell_text(&row[0], pot->name, NULL);
            cell_int(&row[1], y->year);
            cell_text(&row[2], y->closed ? "ja" : "nee", NULL);
            for (size_t r = 0; r < coverage_n_rows; r++)
                cell_money(&row[3 + r], coverage_rows[r].get(y), NULL, NULL);
        }
    }
}

/* The current allocation behind one cell of the matrix (the first, if several). */
static const Allocation *cell_allocation(const MuniData *d, int64_t actielijn_id, int year)
{
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        if (al->current && !allocation_is_period(al) && al->actielijn_id == actielijn_id &&
            al->year == year)
            return al;
    }
    return NULL;
}

int muni_allocations_table(const MuniData *d, Arena *a, DataTable *t, PokErr *err)
{
    AllocationMatrix m;
    if (allocation_matrix(d, a, &m, err)) return -1;
    size_t n_cols = m.n_years + 2;
    const char **headers = arena_alloc(a, n_cols * sizeof *headers);
    headers[0] = "Actielijn";
    for (size_t y = 0; y < m.n_years; y++)
        headers[y + 1] = arena_printf(a, "%d", m.first_year + (int)y);
    headers[n_cols - 1] = "Totaal";
    dt_init(t, a, arena_printf(a, "Toekenningen per actielijn en jaar, %s", d->muni.name), headers,
            n_cols);
    t->empty = "Geen toekenningen vastgelegd.";
    for (size_t r = 0; r < m.n_rows; r++) {
        const AllocationRow *row = &m.rows[r];
        TableCell *cells = dt_row(t, 0);
        const Actielijn *al = row->actielijn;
        cell_text(&cells[0], al->id ? arena_printf(a, "%d. %s", al->number, al->name) : al->name,
                  NULL);
        for (size_t y = 0; y < m.n_years; y++) {
            if (!row->present[y]) continue;
            const Allocation *fig = cell_allocation(d, al->id, m.first_year + (int)y);
            const char *href =
                fig ? kit_source_href(a, d, fig->cite.source_id,
                                      arena_printf(a, "toekenning-%lld", (long long)fig->id))
                    : NULL;
            cell_money(&cells[y + 1], row->cells[y], href, fig ? fig->cite.place : NULL);
        }
        cell_money(&cells[n_cols - 1], row->total, NULL, NULL);
    }
    /* a figure for a period is a line of its own: its split over the years is unknown */
    for (size_t k = 0; k < m.n_periods; k++) {
        const AllocationPeriodRow *pr = &m.periods[k];
        const Allocation *fig = pr->allocation;
        TableCell *cells = dt_row(t, 0);
        const Actielijn *al = pr->actielijn;
        const char *line = al->id ? arena_printf(a, "%d. %s", al->number, al->name) : al->name;
        cell_text(&cells[0],
                  arena_printf(a, "%s, %d-%d (verdeling over de jaren onbekend)", line, fig->year,
                               fig->year_to),
                  NULL);
        const char *href = kit_source_href(a, d, fig->cite.source_id,
                                           arena_printf(a, "toekenning-%lld", (long long)fig->id));
        cell_money(&cells[n_cols - 1], fig->amount_cents, href, fig->cite.place);
    }
    if (m.n_rows || m.n_periods) {
        TableCell *cells = dt_row(t, 1);
        cell_text(&cells[0], "Totaal", NULL);
        for (size_t y = 0; y < m.n_years; y++)
            cell_money(&cells[y + 1], m.year_totals[y], NULL, NULL);
        cell_money(&cells[n_cols - 1], m.grand_total, NULL, NULL);
    }
    return 0;
}

void muni_allocation_sources(Buf *b, Arena *a, const MuniData *d)
{
    /* distinct (source, place) pairs of the current allocations, in order of appearance */
    size_t n = 0;
    const Allocation **seen = arena_alloc(a, (d->n_allocations + 1) * sizeof *seen);
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        if (!al->current || !al->cite.source_id) continue;
        size_t k = 0;
        while (k < n && !(seen[k]->cite.source_id == al->cite.source_id &&
                          strcmp(seen[k]->cite.place ? seen[k]->cite.place : "",
                                 al->cite.place ? al->cite.place : "") == 0))
            k++;
        if (k == n) seen[n++] = al;
    }
    if (n == 0) return;
    html_lit(b, "<p class=\"source\">Elk bedrag in de tabel verwijst naar zijn bron. "
                "Bronnen van deze tabel:</p>\n<ul class=\"source\">\n");
    for (size_t k = 0; k < n; k++) {
        const Source *src = muni_source(d, seen[k]->cite.source_id);
        if (!src) continue;
        html_lit(b, "<li><a href=\"");
        html_attr(b, kit_source_href(a, d, src->id,
                                     arena_printf(a, "toekenning-%lld", (long long)seen[k]->id)));
        html_printf(b, "\">%s</a>", src->title);
        if (seen[k]->cite.place) html_printf(b, ": %s", seen[k]->cite.place);
        html_lit(b, "</li>\n");
    }
    html_lit(b, "</ul>\n");
}

static const char *const reserve_headers[] = {"Soort",  "Jaar",         "Naar jaar",
                                              "Bedrag", "Omschrijving", "Bron"};

void muni_reserve_table(const MuniData *d, Arena *a, DataTable *t)
{
    dt_init(t, a, arena_printf(a, "Reserve: beginstanden en mutaties, %s", d->muni.name),
            reserve_headers, 6);
    t->empty = "Geen beginstanden of mutaties van de reserve vastgelegd.";
    for (size_t i = 0; i < d->n_openings; i++) {
        const ReserveOpening *ro = &d->openings[i];
        const char *anchor = arena_printf(a, "opening-%lld", (long long)ro->id);
        TableCell *row = dt_row(t, 0);
        cell_text(&row[0], "reserve op 1 januari", NULL);
        cell_int(&row[1], ro->year);
        cell_money(&row[3], ro->amount_cents, kit_source_href(a, d, ro->cite.source_id, anchor),
                   ro->cite.place);
        kit_cite_cell(&row[5], a, d, &ro->cite, ro->decision_id, anchor);
    }
    for (size_t i = 0; i < d->n_movements; i++) {
        const ReserveMovement *rm = &d->movements[i];
        const char *anchor = arena_printf(a, "mutatie-%lld", (long long)rm->id);
        TableCell *row = dt_row(t, 0);
        cell_text(&row[0], reserve_kind_name(rm->kind), NULL);
        cell_int(&row[1], rm->year);
        if (rm->kind == RESERVE_TRANSFER) cell_int(&row[2], rm->to_year);
        cell_money(&row[3], rm->amount_cents, kit_source_href(a, d, rm->cite.source_id, anchor),
                   rm->cite.place);
        cell_text(&row[4], rm->description, NULL);
        kit_cite_cell(&row[5], a, d, &rm->cite, rm->decision_id, anchor);
    }
}
