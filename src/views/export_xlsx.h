/* export_xlsx.h: the coverage table, the allocations and the measures as a spreadsheet
 * (libxlsxwriter) for finance staff: input cells are the figures, totals and derived rows
 * are real formulas, each with the engine's result as its cached value. */
#ifndef POK_EXPORT_XLSX_H
#define POK_EXPORT_XLSX_H

#include "../engine/engine.h"

/* How many cells are formulas, and how many derived cells had to be written as a value
 * because the engine's figure is not what the formula would give (kept for the tests
 * and the command's summary). */
typedef struct XlsxStats {
    size_t formulas;
    size_t derived_as_value;
} XlsxStats;

/* Write the workbook to path (sheets Dekking, Toekenningen, Maatregelen, Bevindingen).
 * exported_on is the date shown ("2026-11-23"). Returns -1 with err. */
int export_xlsx(const MuniData *d, const Coverage *c, const Finding *f, size_t n_findings,
                const char *exported_on, const char *path, XlsxStats *stats, Arena *a, PokErr *err);

#endif
