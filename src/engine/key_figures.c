/* key_figures.c: see key_figures.h. */
#include "key_figures.h"

#include "../money.h"

#include <string.h>

/* Add year to the ascending list years[0..*n) unless it is there; room for all years. */
static void year_add(int *years, size_t *n, int year)
{
    size_t k = 0;
    while (k < *n && years[k] < year) k++;
    if (k < *n && years[k] == year) return;
    memmove(&years[k + 1], &years[k], (*n - k) * sizeof *years);
    years[k] = year;
    (*n)++;
}

int key_figures(const MuniData *d, const Coverage *c, Arena *a, KeyFigures *out, PokErr *err)
{
    memset(out, 0, sizeof *out);
    MuniTotals t;
    if (municipality_totals(d, c, a, &t, err)) return -1;
    /* the summary's figures, defined once in municipality_totals */
    out->allocated = t.allocated;
    out->planned = t.planned;
    out->realised = t.realised;
    out->reserve_end = t.reserve_end;
    out->reserve_year = t.reserve_year;
    out->reserve_start = t.reserve_start;
    out->available = t.available;
    out->unplanned = t.unplanned;
    size_t room = 1;
    for (size_t p = 0; p < c->n_pots; p++) room += c->pots[p].n_years;
    out->unplanned_years = arena_alloc(a, room * sizeof(int));
    out->unexplained_years = arena_alloc(a, room * sizeof(int));
    out->shortfall_years = arena_alloc(a, room * sizeof(int));
    out->closed_years = arena_alloc(a, room * sizeof(int));
    /* what the first page adds: the years of each kind of message, and the period */
    for (size_t p = 0; p < c->n_pots; p++) {
        const CoveragePot *pot = &c->pots[p];
        if (pot->n_years == 0) continue;
        int first = pot->years[0].year, last = pot->years[pot->n_years - 1].year;
        if (!out->first_year || first < out->first_year) out->first_year = first;
        if (last > out->last_year) out->last_year = last;
        if (money_add(out->unexplained, pot->total.unexplained, &out->unexplained) ||
            money_add(out->shortfall, pot->total.shortfall, &out->shortfall))
            return err_set(err, "bedragen te groot: de kerncijfers passen niet in het rekenbereik");
        for (size_t i = 0; i < pot->n_years; i++) {
            const CoverageYear *y = &pot->years[i];
            if (y->unplanned) year_add(out->unplanned_years, &out->n_unplanned_years, y->year);
            if (y->unexplained)
                year_add(out->unexplained_years, &out->n_unexplained_years, y->year);
            if (y->shortfall) year_add(out->shortfall_years, &out->n_shortfall_years, y->year);
            if (y->closed) year_add(out->closed_years, &out->n_closed_years, y->year);
        }
    }
    return 0;
}
