/* paste.h: cells copied from a spreadsheet and pasted as text into a form. Excel and
 * LibreOffice Calc put a copied range on the clipboard as one line per row with the
 * cells separated by tabs; this reads such text into a table whose rows (actielijnen,
 * or plan and realisation) and columns (years) the caller names. Amounts are read by
 * money_parse only; "-" or an empty cell means "no figure". */
#ifndef POK_PASTE_H
#define POK_PASTE_H

#include "../util.h"

#include <stddef.h>
#include <stdint.h>

/* How a row of the table is named in a pasted first column: by its number ("2", "2.",
 * "actielijn 2", "2. Rechtsbescherming") when number > 0, or by one of names (whole,
 * ignoring ASCII case and surrounding spaces; NULL ends the list). */
#define PASTE_MAX_NAMES 4
typedef struct PasteRowKey {
    int number;
    const char *names[PASTE_MAX_NAMES];
} PasteRowKey;

typedef struct PasteTable {
    const PasteRowKey *rows;
    size_t n_rows;
    const int *years; /* the columns, left to right */
    size_t n_years;
    const char *row_word; /* "actielijn" or "rij": names the rows in messages */
} PasteTable;

/* One pasted value, placed in the table. */
typedef struct PasteCell {
    size_t row, col;  /* indexes into the table's rows and years */
    int has_amount;   /* 0: "-" or empty, no figure */
    int64_t cents;    /* when has_amount */
    int line, column; /* where it stood in the pasted text, from 1 */
} PasteCell;

#define PASTE_MAX_ERRORS 8

typedef struct PasteResult {
    PasteCell *cells;
    size_t n_cells;
    /* Plain Dutch, each naming line, column and the value ("Regel 3, kolom 4 (2023):
     * '12.0x0' is geen bedrag: ..."); at most PASTE_MAX_ERRORS, n_errors counts all. */
    const char *errors[PASTE_MAX_ERRORS];
    size_t n_errors;
} PasteResult;

/* Read text into out (everything in a). The first line is a header when its cells,
 * after an optional first one, are years (a column headed "totaal" is skipped); without
 * a header the columns are the table's years from the left (a row headed "totaal" is
 * skipped too). A first column names the
 * rows when the header has a corner cell that is not a year, or (without a header) when
 * it holds a name rather than an amount or a line has more cells than there are years;
 * otherwise the lines are the table's rows from the top. Returns 0, or -1 when there is
 * any error (then no cell should be used). */
int paste_read(const char *text, const PasteTable *t, Arena *a, PasteResult *out);

#endif
