/* key_figures.h: the few figures a council reads first (the first page of the council
 * report): what is available over the period, what is planned and realised, what has no
 * destination yet and what the reserve holds at the end, with the years each concerns.
 * Pure computation on the coverage table and the municipality's totals. */
#ifndef POK_KEY_FIGURES_H
#define POK_KEY_FIGURES_H

#include "engine.h"

/* Years are listed ascending; n_* counts them. */
typedef struct KeyFigures {
    int first_year, last_year; /* the years of the coverage table; 0 when it is empty */
    int64_t reserve_start;     /* reserve at the start of each pot's first year, all pots */
    int64_t allocated;         /* current allocations (municipality_totals) */
    int64_t available;         /* reserve_start + allocated: "totaal beschikbaar" */
    int64_t planned, realised; /* plan and realised amounts of every measure */
    int64_t unplanned;         /* money without a destination, every pot and year */
    int64_t unexplained;       /* closed years: unspent and no decision says where */
    int64_t shortfall;         /* spending nothing covers */
    int64_t reserve_end;       /* reserve at 31 December of reserve_year, all pots */
    int reserve_year;
    int *unplanned_years, *unexplained_years, *shortfall_years, *closed_years;
    size_t n_unplanned_years, n_unexplained_years, n_shortfall_years, n_closed_years;
} KeyFigures;

/* Compute them from d and its coverage c. Returns -1 with err only when sums overflow. */
int key_figures(const MuniData *d, const Coverage *c, Arena *a, KeyFigures *out, PokErr *err);

#endif
