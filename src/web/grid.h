/* grid.h: a table of amounts edited as one form (rows x years): the allocation grid of a
 * municipality and the plan and realisation grid of a measure (page_grid_*.c). Each
 * cell is an input named "c-ROW-YEAR"; a closed year's cells are shown, not editable.
 * Cells pasted from a spreadsheet into the field "plakken" fill the grid on "Overnemen"
 * (nothing is saved then); "Controleren" reads every cell and finds what changed. The
 * versions the editor saw travel in one hidden field, "versies". */
#ifndef POK_GRID_H
#define POK_GRID_H

#include "form.h"

#include "../ingest/paste.h"

typedef struct GridCell {
    const char *name;  /* "c-2-2024": the input's name; its id is "veld-" name */
    const char *label; /* "Actielijn 2, 2024": its accessible name and in messages */
    int has_current;   /* a figure is stored now */
    int64_t current_cents;
    int64_t current_version; /* of the stored figure; ROW_VERSION_ABSENT when none */
    int locked;              /* a closed year: not editable */
    const char *text;        /* what the input shows */
    /* after grid_check: */
    int changed;
    int64_t new_cents;
    int64_t seen_version; /* the version the editor saw (0: not sent, no check) */
} GridCell;

typedef struct Grid {
    const char *row_heading; /* "Actielijn" */
    const char **row_labels;
    PasteRowKey *row_keys; /* how a pasted first column names each row */
    size_t n_rows;
    const int *years;
    size_t n_years;
    GridCell *cells;      /* n_rows x n_years, row by row */
    const char *row_word; /* "actielijn", "rij": in paste messages */
    int allow_negative;   /* realised amounts may be negative (a correction) */
    /* Why an emptied cell is refused: the figure stays until it is replaced. */
    const char *emptied_hint;
    int pasted; /* set by grid_paste: the paste was taken over */
} Grid;

/* Allocate the cells of an n_rows x n_years grid in a; the caller names them and fills
 * in what is stored (grid_cell_set). */
void grid_init(Grid *g, Arena *a, size_t n_rows, const int *years, size_t n_years);
GridCell *grid_cell(const Grid *g, size_t row, size_t col);
/* Name the cell ("c-" key "-" year) and its label, and fill in what is stored. */
void grid_cell_set(Grid *g, Arena *a, size_t row, size_t col, const char *key, int has_current,
                   int64_t cents, int64_t version, int locked);

/* Every cell's text: the posted value when the post has it, else the stored figure. */
void grid_read(Grid *g, const Form *f);
/* "Overnemen": the cells pasted into "plakken" replace the texts of their cells. On any
 * error (an amount that is not one, a closed year) nothing is filled, the error is
 * recorded on the field "plakken", and -1 is returned. */
int grid_paste(Grid *g, Form *f);
/* "Controleren": check every editable cell (an error next to the cell), find the
 * changed ones and read the versions sent. Returns the number of changed cells, or -1
 * with errors (also when nothing changed, or text was pasted but not taken over). */
int grid_check(Grid *g, Form *f);

/* The table of inputs (caption names it), with the errors next to their cells. */
void grid_render(Buf *b, const Form *f, const Grid *g, const char *caption);
/* The hidden field "versies": what the post carried, else (or when fresh is set: after a
 * conflict) the versions stored now. */
void grid_versions_field(Buf *b, const Form *f, const Grid *g, int fresh);
/* The paste field with its "Overnemen" button; empty after a paste was taken over. */
void grid_paste_field(Buf *b, const Form *f, const Grid *g, const char *hint);
/* The post asks to take over the pasted cells (overnemen=1). */
int grid_paste_asked(const Form *f);

#endif
