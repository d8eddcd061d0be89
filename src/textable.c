/* textable.c: see textable.h. */
#include "textable.h"

#include <string.h>

void tt_init(TextTable *t, Arena *a, size_t ncols, const char *const *headers, const char *align)
{
    memset(t, 0, sizeof *t);
    t->arena = a;
    t->ncols = ncols;
    t->headers = arena_alloc(a, ncols * sizeof *t->headers);
    for (size_t i = 0; i < ncols; i++) t->headers[i] = arena_strdup(a, headers[i]);
    t->align = arena_strdup(a, align);
}

static void push(TextTable *t, const char **row)
{
    t->rows = arena_grow(t->arena, t->rows, sizeof *t->rows, &t->cap, t->nrows + 1);
    t->rows[t->nrows++] = row;
}

void tt_row(TextTable *t, const char *const *cells)
{
    const char **row = arena_alloc(t->arena, t->ncols * sizeof *row);
    for (size_t i = 0; i < t->ncols; i++) row[i] = arena_strdup(t->arena, cells[i] ? cells[i] : "");
    push(t, row);
}

void tt_rule(TextTable *t)
{
    push(t, NULL);
}

static void pad(FILE *f, size_t n)
{
    while (n--) fputc(' ', f);
}

static void print_cells(const TextTable *t, const char *const *cells, const size_t *w, FILE *f)
{
    for (size_t c = 0; c < t->ncols; c++) {
        size_t len = utf8_width(cells[c]);
        int right = t->align[c] == 'r';
        if (c) fputs("  ", f);
        if (right) pad(f, w[c] - len);
        fputs(cells[c], f);
        if (!right && c + 1 < t->ncols) pad(f, w[c] - len);
    }
    fputc('\n', f);
}

void tt_print(const TextTable *t, FILE *f)
{
    size_t w[64] = {0};
    size_t ncols = t->ncols < 64 ? t->ncols : 64;
    for (size_t c = 0; c < ncols; c++) w[c] = utf8_width(t->headers[c]);
    for (size_t r = 0; r < t->nrows; r++)
        if (t->rows[r])
            for (size_t c = 0; c < ncols; c++) {
                size_t len = utf8_width(t->rows[r][c]);
                if (len > w[c]) w[c] = len;
            }
    size_t total = 0;
    for (size_t c = 0; c < ncols; c++) total += w[c] + (c ? 2 : 0);
    print_cells(t, t->headers, w, f);
    for (size_t i = 0; i < total; i++) fputc('-', f);
    fputc('\n', f);
    for (size_t r = 0; r < t->nrows; r++) {
        if (t->rows[r])
            print_cells(t, t->rows[r], w, f);
        else {
            for (size_t i = 0; i < total; i++) fputc('-', f);
            fputc('\n', f);
        }
    }
}
