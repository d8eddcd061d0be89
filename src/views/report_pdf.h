/* report_pdf.h: the PDF "Stand van zaken POK-middelen" of one municipality for the council
 * (cairo + pango): allocations, the coverage table, the chart of the years, the measures
 * with their evaluations and the checks' findings. A view: every figure comes from the
 * engine, every amount is printed by money_format. */
#ifndef POK_REPORT_PDF_H
#define POK_REPORT_PDF_H

#include "../model.h"
#include "../util.h"

/* Render the report of d, dated date (YYYY-MM-DD, shown on the title page and in the
 * colophon), and append the PDF bytes to out. where names how a reader finds the figures
 * again (the web page), e.g. "/gemeente/GM1734"; NULL for the default. Returns 0, or -1
 * with err (out may then hold a partial document the caller must not use). */
int report_pdf(const MuniData *d, const char *date, Buf *out, PokErr *err);

#endif
