/* datatable.c: see datatable.h. */
#include "datatable.h"

#include "html.h"
#include "pages.h"
#include "table_frame.h"

#include "../money.h"

#include <string.h>

void dt_init(DataTable *t, Arena *a, const char *caption, const char *const *headers, size_t n_cols)
{
    memset(t, 0, sizeof *t);
    t->arena = a;
    t->caption = caption;
    t->headers = headers;
    t->n_cols = n_cols;
    t->first_col_is_header = 1;
}

TableCell *dt_row(DataTable *t, int total)
{
    if (t->n_rows == t->cap_rows) {
        size_t cap = t->cap_rows;
        t->cells =
            arena_grow(t->arena, t->cells, t->n_cols * sizeof *t->cells, &cap, t->n_rows + 1);
        size_t cap2 = t->cap_rows;
        t->total_row =
            arena_grow(t->arena, t->total_row, sizeof *t->total_row, &cap2, t->n_rows + 1);
        t->cap_rows = cap < cap2 ? cap : cap2;
    }
    TableCell *row = &t->cells[t->n_rows * t->n_cols];
    memset(row, 0, t->n_cols * sizeof *row);
    t->total_row[t->n_rows] = total;
    t->n_rows++;
    return row;
}

void cell_text(TableCell *c, const char *text, const char *href)
{
    c->kind = CELL_TEXT;
    c->text = text;
    c->href = href;
}

void cell_money(TableCell *c, int64_t cents, const char *href, const char *title)
{
    c->kind = CELL_MONEY;
    c->value = cents;
    c->href = href;
    c->title = title;
}

void cell_date(TableCell *c, const char *iso)
{
    if (!iso) return;
    c->kind = CELL_DATE;
    c->text = iso;
}

void cell_int(TableCell *c, int64_t value)
{
    c->kind = CELL_INT;
    c->value = value;
}

static const char *const months[] = {"januari",   "februari", "maart",    "april",
                                     "mei",       "juni",     "juli",     "augustus",
                                     "september", "oktober",  "november", "december"};

const char *date_nl(Arena *a, const char *iso)
{
    if (!iso || !date_valid(iso)) return iso;
    int y = 0, m = 0, d = 0;
    for (int i = 0; i < 4; i++) y = y * 10 + (iso[i] - '0');
    m = (iso[5] - '0') * 10 + (iso[6] - '0');
    d = (iso[8] - '0') * 10 + (iso[9] - '0');
    return arena_printf(a, "%d %s %d", d, months[m - 1], y);
}

static int is_numeric(CellKind k)
{
    return k == CELL_MONEY || k == CELL_INT;
}

static void cell_html(Buf *b, const DataTable *t, const TableCell *c)
{
    if (c->href) {
        html_lit(b, "<a href=\"");
        html_attr(b, c->href);
        html_lit(b, "\"");
        if (c->title) html_printf(b, " title=\"%s\"", c->title);
        html_lit(b, ">");
    }
    switch (c->kind) {
    case CELL_EMPTY:
        break;
    case CELL_TEXT:
        html_txt(b, c->text);
        break;
    case CELL_MONEY:
        html_money(b, c->value);
        break;
    case CELL_DATE:
        html_printf(b, "<time datetime=\"%s\">%s</time>", c->text, date_nl(t->arena, c->text));
        break;
    case CELL_INT:
        html_printf(b, "%lld", (long long)c->value);
        break;
    }
    if (c->href) html_lit(b, "</a>");
    if (c->note) html_printf(b, "<br><small>%s</small>", c->note);
}

static void row_html(Buf *b, const DataTable *t, size_t r)
{
    const TableCell *row = &t->cells[r * t->n_cols];
    if (t->total_row[r])
        html_lit(b, "<tr class=\"total\">");
    else
        html_lit(b, "<tr>");
    for (size_t i = 0; i < t->n_cols; i++) {
        int th = i == 0 && t->first_col_is_header;
        if (th)
            html_lit(b, "<th scope=\"row\"");
        else
            html_lit(b, "<td");
        if (row[i].id) html_printf(b, " id=\"%s\"", row[i].id);
        if (is_numeric(row[i].kind)) html_lit(b, " class=\"num\"");
        html_lit(b, ">");
        cell_html(b, t, &row[i]);
        if (th)
            html_lit(b, "</th>");
        else
            html_lit(b, "</td>");
    }
    html_lit(b, "</tr>\n");
}

void dt_html(Buf *b, const DataTable *t, const char *csv_href)
{
    if (t->n_rows == 0 && t->empty) {
        html_printf(b, "<p>%s</p>\n", t->empty);
        return;
    }
    /* a column is numeric when its first non-empty cell is */
    table_frame_open(b, t->caption, NULL, NULL);
    html_lit(b, "<thead class=\"utrecht-table__header\"><tr>");
    for (size_t i = 0; i < t->n_cols; i++) {
        int numeric = 0;
        for (size_t r = 0; r < t->n_rows; r++) {
            CellKind k = t->cells[r * t->n_cols + i].kind;
            if (k == CELL_EMPTY) continue;
            numeric = is_numeric(k);
            break;
        }
        if (numeric)
            html_lit(b, "<th scope=\"col\" class=\"num\">");
        else
            html_lit(b, "<th scope=\"col\">");
        html_txt(b, t->headers[i]);
        html_lit(b, "</th>");
    }
    html_lit(b, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < t->n_rows; r++)
        if (!t->total_row[r]) row_html(b, t, r);
    html_lit(b, "</tbody>\n");
    int any_total = 0;
    for (size_t r = 0; r < t->n_rows; r++) any_total |= t->total_row[r];
    if (any_total) {
        html_lit(b, "<tfoot>\n");
        for (size_t r = 0; r < t->n_rows; r++)
            if (t->total_row[r]) row_html(b, t, r);
        html_lit(b, "</tfoot>\n");
    }
    table_frame_close(b);
    if (csv_href) {
        html_lit(b, "<p class=\"download\"><a href=\"");
        html_attr(b, csv_href);
        html_printf(b,
                    "\" download>Download als CSV<span class=\"visually-hidden\">: %s</span>"
                    "</a></p>\n",
                    t->caption);
    }
}

/* The cell as CSV text; a text cell goes out through buf_csv_text (dt_csv), which keeps
 * a spreadsheet from running it as a formula. */
static const char *cell_csv_text(const DataTable *t, const TableCell *c)
{
    char money[MONEY_BUFSZ];
    const char *s = NULL;
    switch (c->kind) {
    case CELL_EMPTY:
        break;
    case CELL_TEXT:
    case CELL_DATE:
        s = c->text;
        break;
    case CELL_MONEY:
        s = arena_strdup(t->arena, money_format_plain(c->value, money));
        break;
    case CELL_INT:
        s = arena_printf(t->arena, "%lld", (long long)c->value);
        break;
    }
    if (c->note) s = arena_printf(t->arena, "%s (%s)", s ? s : "", c->note);
    return s;
}

void dt_csv(Buf *b, const DataTable *t)
{
    for (size_t i = 0; i < t->n_cols; i++) {
        if (i) buf_puts(b, ",");
        buf_csv_field(b, t->headers[i]);
    }
    buf_puts(b, "\r\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t i = 0; i < t->n_cols; i++) {
            if (i) buf_puts(b, ",");
            const TableCell *c = &t->cells[r * t->n_cols + i];
            if (c->kind == CELL_TEXT)
                buf_csv_text(b, cell_csv_text(t, c));
            else
                buf_csv_field(b, cell_csv_text(t, c));
        }
        buf_puts(b, "\r\n");
    }
}
