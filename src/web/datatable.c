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

void cell_count(TableCell *c, int64_t value)
{
    c->kind = CELL_COUNT;
    c->value = value;
}

void cell_time(TableCell *c, const char *utc_iso)
{
    if (!utc_iso) return;
    c->kind = CELL_TIME;
    c->text = utc_iso;
}

static int is_numeric(CellKind k)
{
    return k == CELL_MONEY || k == CELL_INT || k == CELL_COUNT;
}

/* What a column holds: the kind of its first non-empty cell. */
static CellKind column_kind(const DataTable *t, size_t col)
{
    for (size_t r = 0; r < t->n_rows; r++) {
        CellKind k = t->cells[r * t->n_cols + col].kind;
        if (k != CELL_EMPTY) return k;
    }
    return CELL_EMPTY;
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
    case CELL_COUNT:
        html_count(b, c->value);
        break;
    case CELL_TIME:
        html_printf(b, "<time datetime=\"%s\">%s</time>", c->text, time_nl(t->arena, c->text));
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
        if (is_numeric(column_kind(t, i)))
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

/* ---- CSV for people ----
 * What Dutch Excel and LibreOffice open as a table without an import dialog: a BOM so that
 * they read UTF-8, ';' between fields (the list separator of a Dutch locale, where ',' is
 * the decimal comma), amounts in euros with a decimal comma and no thousands dots or euro
 * sign so that they are numbers ("(euro)" in the header instead), dates as DD-MM-JJJJ.
 * The columns are the table's: what a column holds is the kind of its cells. */

#define CSV_SEP ';'
static const char csv_bom[] = "\xEF\xBB\xBF";

static void csv_sep(Buf *b)
{
    buf_append(b, (const char[]){CSV_SEP}, 1);
}

/* Whether column col has a cell with a note that is not text: it gets a column of its
 * own after it, so that the figure stays a number. */
static int column_has_own_note(const DataTable *t, size_t col)
{
    for (size_t r = 0; r < t->n_rows; r++) {
        const TableCell *c = &t->cells[r * t->n_cols + col];
        if (c->note && c->kind != CELL_TEXT) return 1;
    }
    return 0;
}

static void csv_header(Buf *b, const DataTable *t, size_t col)
{
    const char *h = t->headers[col];
    if (column_kind(t, col) == CELL_MONEY && !strstr(h, "(euro)"))
        h = arena_printf(t->arena, "%s (euro)", h);
    buf_csv_field_sep(b, h, CSV_SEP);
    if (column_has_own_note(t, col)) {
        csv_sep(b);
        buf_csv_field_sep(b, arena_printf(t->arena, "Toelichting bij %s", t->headers[col]),
                          CSV_SEP);
    }
}

/* "23-11-2026 17:17:02" for "2026-11-23T16:17:02Z": the Dutch time, in the order a Dutch
 * spreadsheet reads as a date and time. */
static const char *time_csv(Arena *a, const char *utc_iso)
{
    struct tm tm;
    if (time_nl_tm(utc_iso, &tm)) return utc_iso;
    return arena_printf(a, "%02d-%02d-%04d %02d:%02d:%02d", tm.tm_mday, tm.tm_mon + 1,
                        tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* "28-05-2024" for "2024-05-28": the order a Dutch spreadsheet reads as a date. */
static const char *date_csv(Arena *a, const char *iso)
{
    if (!iso || !date_valid(iso)) return iso;
    return arena_printf(a, "%.2s-%.2s-%.4s", iso + 8, iso + 5, iso);
}

static void csv_cell(Buf *b, const DataTable *t, const TableCell *c, int own_note)
{
    char money[MONEY_BUFSZ];
    switch (c->kind) {
    case CELL_EMPTY:
        break;
    case CELL_TEXT:
        /* someone's text: buf_csv_text keeps a spreadsheet from running it as a formula */
        buf_csv_text_sep(
            b,
            c->note ? arena_printf(t->arena, "%s (%s)", c->text ? c->text : "", c->note) : c->text,
            CSV_SEP);
        break;
    case CELL_DATE:
        buf_csv_field_sep(b, date_csv(t->arena, c->text), CSV_SEP);
        break;
    case CELL_TIME:
        buf_csv_field_sep(b, time_csv(t->arena, c->text), CSV_SEP);
        break;
    case CELL_MONEY:
        buf_csv_field_sep(b, money_format_plain(c->value, money), CSV_SEP);
        break;
    case CELL_INT:
    case CELL_COUNT:
        buf_printf(b, "%lld", (long long)c->value);
        break;
    }
    if (own_note) {
        csv_sep(b);
        if (c->kind != CELL_TEXT) buf_csv_text_sep(b, c->note, CSV_SEP);
    }
}

void dt_csv(Buf *b, const DataTable *t)
{
    int *own_note = arena_alloc(t->arena, (t->n_cols + 1) * sizeof *own_note);
    buf_puts(b, csv_bom);
    if (t->csv_note) {
        buf_puts(b, "# ");
        buf_puts(b, t->csv_note);
        buf_puts(b, "\r\n");
    }
    for (size_t i = 0; i < t->n_cols; i++) {
        if (i) csv_sep(b);
        own_note[i] = column_has_own_note(t, i);
        csv_header(b, t, i);
    }
    buf_puts(b, "\r\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t i = 0; i < t->n_cols; i++) {
            if (i) csv_sep(b);
            csv_cell(b, t, &t->cells[r * t->n_cols + i], own_note[i]);
        }
        buf_puts(b, "\r\n");
    }
}
