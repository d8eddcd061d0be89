/* report_pdf.h: the council report of one municipality as a raadsinformatiebrief, the
 * letter a college sends to the council (cairo + pango): a first page with the key
 * figures and key messages in sentences, then the financial tables and chart, decisions
 * and requests with their outcome, the measures with their evaluations, the findings in
 * plain words and the next steps. A view: every figure comes from the engine, every
 * amount is printed by money_format; no command, path or internal code appears in it. */
#ifndef POK_REPORT_PDF_H
#define POK_REPORT_PDF_H

#include "../model.h"
#include "../util.h"

/* Render the report of d, dated date (YYYY-MM-DD, shown in the letter head and the
 * colophon; past years that are not closed are counted against its year), and append
 * the PDF bytes to out. Returns 0, or -1 with err (out may then hold a partial document
 * the caller must not use). */
int report_pdf(const MuniData *d, const char *date, Buf *out, PokErr *err);

#endif
