/* report_tables.c: tables of the report. A row never breaks over two pages and the header
 * row repeats on every page; a table wider than the page is set in a smaller font, and if
 * that is not enough its columns after the label are split over blocks that each repeat
 * the label column. Nothing is clipped. */
#include "report_internal.h"

#include "../money.h"

#include <string.h>

#define CELL_PAD 4.0 /* left and right of a cell's text */
#define ROW_PAD 2.0  /* above and below */
#define LABEL_MAX (RP_WIDTH * 0.4)

static const double sizes[] = {RP_BODY, 8.0, 7.0};
#define N_SIZES (sizeof sizes / sizeof sizes[0])

void rpt_init(RpTable *t, Arena *a, size_t n_cols, const char **header, const char *align)
{
    memset(t, 0, sizeof *t);
    t->a = a;
    t->n_cols = n_cols;
    t->header = header;
    t->align = align;
}

RpRow *rpt_row(RpTable *t, int bold, int rule_above)
{
    t->rows = arena_grow(t->a, t->rows, sizeof *t->rows, &t->cap, t->n_rows + 1);
    RpRow *row = &t->rows[t->n_rows++];
    row->cells = arena_alloc(t->a, t->n_cols * sizeof *row->cells);
    for (size_t i = 0; i < t->n_cols; i++) row->cells[i].text = "";
    row->bold = bold;
    row->rule_above = rule_above;
    return row;
}

void rpt_money(RpTable *t, RpCell *cell, int64_t cents)
{
    char buf[MONEY_BUFSZ];
    cell->text = arena_strdup(t->a, money_format(cents, MONEY_EURO | MONEY_WHOLE, buf));
    cell->red |= cents < 0;
}

static int cell_bold(const RpRow *row, const RpCell *c)
{
    return row->bold || c->red;
}

/* Column widths at size, padding included; the label column wraps at LABEL_MAX. */
static double column_widths(Report *r, const RpTable *t, double size, double *w)
{
    double total = 0;
    for (size_t c = 0; c < t->n_cols; c++) {
        double widest = 0, tw;
        rp_measure(r, t->header[c], size, 1, 0, &tw);
        if (tw > widest) widest = tw;
        for (size_t i = 0; i < t->n_rows; i++) {
            const RpCell *cell = &t->rows[i].cells[c];
            rp_measure(r, cell->text, size, cell_bold(&t->rows[i], cell), 0, &tw);
            if (tw > widest) widest = tw;
        }
        if (c == 0 && widest > LABEL_MAX) widest = LABEL_MAX;
        w[c] = widest + 2 * CELL_PAD + 0.5;
        total += w[c];
    }
    return total;
}

typedef struct Block {
    double size;
    const double *w;
    const size_t *cols; /* column indexes, the label column first */
    size_t n;
} Block;

static double text_height(Report *r, const Block *b, size_t k, const char *text, int bold)
{
    return rp_measure(r, text, b->size, bold, b->w[b->cols[k]] - 2 * CELL_PAD, NULL) + 2 * ROW_PAD;
}

static double header_height(Report *r, const RpTable *t, const Block *b)
{
    double h = 0;
    for (size_t k = 0; k < b->n; k++) {
        double hk = text_height(r, b, k, t->header[b->cols[k]], 1);
        if (hk > h) h = hk;
    }
    return h;
}

static double row_height(Report *r, const RpRow *row, const Block *b)
{
    double h = 0;
    for (size_t k = 0; k < b->n; k++) {
        const RpCell *c = &row->cells[b->cols[k]];
        double hk = text_height(r, b, k, c->text, cell_bold(row, c));
        if (hk > h) h = hk;
    }
    return h;
}

static double block_width(const Block *b)
{
    double w = 0;
    for (size_t k = 0; k < b->n; k++) w += b->w[b->cols[k]];
    return w;
}

static void draw_cells(Report *r, const RpTable *t, const Block *b, const RpRow *row,
                       const char **header)
{
    double x = RP_LEFT;
    for (size_t k = 0; k < b->n; k++) {
        size_t c = b->cols[k];
        const RpCell *cell = row ? &row->cells[c] : NULL;
        const char *text = row ? cell->text : header[c];
        int bold = row ? cell_bold(row, cell) : 1;
        PangoAlignment align = t->align[c] == 'r' ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
        rp_draw(r, text, b->size, bold, x + CELL_PAD, r->y + ROW_PAD, b->w[c] - 2 * CELL_PAD, align,
                row && cell->red ? &rp_red : NULL);
        x += b->w[c];
    }
}

static void draw_header(Report *r, const RpTable *t, const Block *b, double h)
{
    draw_cells(r, t, b, NULL, t->header);
    r->y += h;
    rp_hline(r, RP_LEFT, RP_LEFT + block_width(b), r->y, 0.8);
}

static void draw_block(Report *r, const RpTable *t, const Block *b)
{
    double hh = header_height(r, t, b);
    double first = t->n_rows ? row_height(r, &t->rows[0], b) : 0;
    rp_need(r, hh + first);
    draw_header(r, t, b, hh);
    double right = RP_LEFT + block_width(b);
    for (size_t i = 0; i < t->n_rows; i++) {
        const RpRow *row = &t->rows[i];
        double h = row_height(r, row, b);
        if (r->y + h > RP_BOTTOM) {
            rp_new_page(r);
            draw_header(r, t, b, hh);
        }
        if (row->rule_above) rp_hline(r, RP_LEFT, right, r->y, 0.5);
        draw_cells(r, t, b, row, NULL);
        r->y += h;
    }
    rp_hline(r, RP_LEFT, right, r->y, 0.8);
    r->y += 4;
}

void rp_table(Report *r, const RpTable *t)
{
    double *w = arena_alloc(r->a, t->n_cols * sizeof *w);
    size_t *cols = arena_alloc(r->a, t->n_cols * sizeof *cols);
    double size = sizes[0];
    int fits = 0;
    for (size_t s = 0; s < N_SIZES && !fits; s++) {
        size = sizes[s];
        fits = column_widths(r, t, size, w) <= RP_WIDTH;
    }
    if (fits) {
        for (size_t c = 0; c < t->n_cols; c++) cols[c] = c;
        Block b = {size, w, cols, t->n_cols};
        draw_block(r, t, &b);
        return;
    }
    /* still too wide at the smallest size: the label column and the other columns in as
     * few blocks as fit, of even size so that no block holds a lone column */
    size_t blocks = 0;
    for (size_t start = 1; start < t->n_cols; blocks++) {
        double used = w[0];
        size_t n = 0;
        while (start < t->n_cols && (n == 0 || used + w[start] <= RP_WIDTH))
            used += w[start++], n++;
    }
    if (blocks == 0) blocks = 1; /* a table of one column: one block */
    size_t per_block = (t->n_cols - 1 + blocks - 1) / blocks;
    size_t start = 1;
    while (start < t->n_cols) {
        double used = w[0];
        size_t n = 1;
        cols[0] = 0;
        while (start < t->n_cols && n <= per_block && (n == 1 || used + w[start] <= RP_WIDTH)) {
            used += w[start];
            cols[n++] = start++;
        }
        Block b = {size, w, cols, n};
        draw_block(r, t, &b);
        r->y += 6;
    }
}
