/* store_closing.h: closing a year of a municipality, which fixes its figures, and
 * reopening it (store_closing.c; the figures are kept and checked by store_closed.c). */
#ifndef POK_STORE_CLOSING_H
#define POK_STORE_CLOSING_H

#include "../model.h"
#include "store.h"

/* A closed year's allocations, measure amounts and reserve figures can no longer be
 * added or replaced: those writes fail with "jaar 2023 is afgesloten voor GM0534: heropen
 * het eerst (pok year reopen)". Closing records the year's figures (of every pot, its
 * column of the coverage table, see COVERAGE_CLOSED_FIGURES in engine.h); any other write
 * that would move them (a measure's pot or actielijnen, an open year before it, closing
 * an earlier year) fails at its commit, the outermost store_commit of a transaction
 * undoing all of it: "jaar 2023 is afgesloten voor GM0534: deze wijziging verandert de
 * cijfers van dat jaar (pot ...: uitgaven van € 19.000 naar € 0, ...); heropen het jaar
 * eerst (pok year reopen)". Reopening is for an administrator (the caller checks)
 * and needs a reason: it deletes the closing (audit row "delete" with the reason) and
 * records who reopened the year, when and why; it fails when it would move a later
 * closed year's figures ("heropen eerst jaar 2024"). */
int store_year_close(Store *s, const ClosedYear *cy, PokErr *err);
int store_year_reopen(Store *s, const char *code, int year, const char *reason, PokErr *err);
typedef struct YearReopening {
    int64_t id;
    const char *municipality;
    int year;
    const char *reason, *actor, *at; /* at: UTC, ISO 8601 */
} YearReopening;
/* The reopenings of one municipality, oldest first. */
int store_year_reopening_list(Store *s, const char *code, Arena *a, YearReopening **out, size_t *n,
                              PokErr *err);

#endif
