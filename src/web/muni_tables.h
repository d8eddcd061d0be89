/* muni_tables.h: the tables of the municipality page: the figures per year (the chart's
 * data), the allocations per actielijn x year with their sources, and the reserve's
 * openings and movements, each shown and sent as CSV; and the coverage table as the CSV
 * for people (the page prints it as a council document does, page_municipality.c). */
#ifndef POK_MUNI_TABLES_H
#define POK_MUNI_TABLES_H

#include "datatable.h"

#include "../engine/engine.h"

/* Allocation, spending and reserve at year end per year, with years from
 * coverage_year_sums (kept in *years for the chart). */
int muni_years_table(const MuniData *d, const Coverage *c, Arena *a, DataTable *t, YearSums **years,
                     size_t *n_years, PokErr *err);
/* Actielijn x year of the current allocations, each figure linked to its source, with
 * row, column and grand totals. */
int muni_allocations_table(const MuniData *d, Arena *a, DataTable *t, PokErr *err);
/* Openings and movements of the reserve, each with its source. */
void muni_reserve_table(const MuniData *d, Arena *a, DataTable *t);
/* The coverage table for the CSV for people: a row per pot and year, a column per row
 * of the council table (coverage_rows), so a spreadsheet can sum and filter it. */
void muni_coverage_table(const MuniData *d, const Coverage *c, Arena *a, DataTable *t);
/* The sources of the current allocations as a list under the allocation table. */
void muni_allocation_sources(Buf *b, Arena *a, const MuniData *d);

#endif
