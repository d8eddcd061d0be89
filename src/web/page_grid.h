/* page_grid.h: the flow both grid forms share (page_grid_allocations.c, the allocations
 * of a municipality; page_grid_amounts.c, a measure's plan and realisation): show the
 * grid, take over a paste, check, show the confirmation page with the coverage before
 * and after, save every changed cell in one transaction, and answer a conflict. What
 * differs, the records behind the cells, is in the callbacks. */
#ifndef POK_PAGE_GRID_H
#define POK_PAGE_GRID_H

#include "grid.h"
#include "page_forms.h"

typedef struct GridPage GridPage;
struct GridPage {
    const char *title, *intro, *caption, *paste_hint;
    const char *action;                 /* the form's own path */
    const char *back;                   /* where a save returns to when the form has no way back */
    const char *saved_one, *saved_many; /* "toekenning", "toekenningen": the saved message */
    const MuniData *d;
    Grid g;
    FormOption *sources, *decisions; /* decisions NULL: the grid cites no decision */
    size_t n_sources, n_decisions;
    const char *source_missing; /* the error when no source is chosen; NULL: optional */
    Citation cite;              /* of every changed cell */
    int64_t decision_id;
    /* Fill the grid's cells (names, stored figures, closed years) from d; called again
     * with the data read anew after a conflict. */
    void (*fill)(GridPage *p, const MuniData *d, Arena *a);
    /* Apply the changed cells to changed (a copy of d) in memory, for the preview. */
    void (*preview)(const GridPage *p, MuniData *changed, Arena *a);
    /* Save the changed cells (inside form_save's transaction; ctx is the GridPage). */
    int (*save)(Store *s, void *ctx, PokErr *err);
};

/* Answer the request for p (d and f as forms_open_* made them); frees nothing. */
void grid_page_run(WebApp *app, WebResponse *res, GridPage *p, Form *f, Arena *a);

#endif
