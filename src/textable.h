/* textable.h: aligned plain-text tables for the terminal, the way a council document
 * prints them. Cells are copied into the caller's arena. */
#ifndef POK_TEXTABLE_H
#define POK_TEXTABLE_H

#include "util.h"

#include <stdio.h>

typedef struct TextTable {
    Arena *arena;
    size_t ncols;
    const char **headers;
    const char *align;  /* one letter per column: 'l' or 'r' */
    const char ***rows; /* a NULL row is a rule line */
    size_t nrows, cap;
} TextTable;

void tt_init(TextTable *t, Arena *a, size_t ncols, const char *const *headers, const char *align);
/* Add a row of ncols cells (NULL cells print empty). */
void tt_row(TextTable *t, const char *const *cells);
void tt_rule(TextTable *t);
void tt_print(const TextTable *t, FILE *f);

#endif
