/* page_national.h: what the national monitor's pages share (page_national.c): loading the
 * national figures, showing a figure that may rest on too few municipalities, a share in
 * basis points, and the warning on generated figures. */
#ifndef POK_PAGE_NATIONAL_H
#define POK_PAGE_NATIONAL_H

#include "../views/national_data.h"
#include "datatable.h"
#include "request.h"

/* Load the national data for the app's scheme; answers 500 itself (HTML, or JSON when
 * json is set) and returns -1 then. */
int national_page_load(WebApp *app, WebResponse *res, int json, Arena *a, NationalData *nd);
/* The same with each municipality's last change (the completeness list). */
int national_page_load_changes(WebApp *app, WebResponse *res, Arena *a, NationalData *nd);
/* "12,3 %" for basis points (bp < 0: "onbekend"), into a. */
const char *national_bp_text(Arena *a, int bp);
/* A cell with the figure, or "niet getoond" when fewer than NATIONAL_MIN_GROUP
 * municipalities (or anonymous ones) would be behind it; note: "N gemeenten". */
void national_cell(TableCell *c, Arena *a, const NatFigure *f);
/* The warning that the figures rest (partly) on generated data: nothing when n is 0. */
void national_generated_banner(Buf *b, size_t n);
/* The links between the national pages; current is the page's own path. */
void national_nav(Buf *b, const char *current);

#endif
