/* datatable.h: a table of the record pages as data, written once as accessible HTML and
 * once as CSV, so that every download has exactly the columns the page shows.
 *
 * The CSV is the CSV for people (docs/export.md): what Dutch Excel and LibreOffice open
 * as a table: UTF-8 with a BOM, ';' separated (quoted where needed, CRLF line ends), the
 * page's Dutch headers, amounts in euros as money_format_plain ("-1234567,89": no euro
 * sign, no thousands dots, decimal comma; the header says "(euro)"), dates as DD-MM-JJJJ,
 * whole numbers as digits. A note under a figure on the page gets a column of its own
 * ("Toelichting bij ..."), so the figure stays a number; a note under text is appended
 * in brackets. The machine CSV of the API and open data (cents, English headers, comma)
 * is written elsewhere (views/export_csv.c, coverage_print_csv). */
#ifndef POK_DATATABLE_H
#define POK_DATATABLE_H

#include "../dutch_time.h"
#include "../util.h"

#include <stdint.h>

typedef enum CellKind {
    CELL_EMPTY = 0,
    CELL_TEXT,  /* text, optionally a link */
    CELL_MONEY, /* cents, right aligned; optionally a link */
    CELL_DATE,  /* ISO date: "28 mei 2024" on the page, 28-05-2024 in CSV */
    CELL_INT,   /* a whole number such as a year, right aligned */
    CELL_COUNT, /* a count such as inhabitants: "90.829" on the page, 90829 in CSV */
    CELL_TIME   /* a UTC timestamp "2026-11-23T16:17:02Z", shown in Dutch time: "23 november
                 * 2026 17:17" on the page, 23-11-2026 17:17:02 in CSV */
} CellKind;

typedef struct TableCell {
    CellKind kind;
    const char *text;  /* CELL_TEXT; CELL_DATE: the ISO date; CELL_TIME: the UTC timestamp */
    int64_t value;     /* CELL_MONEY: cents; CELL_INT, CELL_COUNT: the number */
    const char *href;  /* a link (a path of pok) or NULL */
    const char *title; /* the link's title attribute (the place in a source) or NULL */
    const char *note;  /* small text after the value on the page ("tabel Financiën");
                        * in CSV its own column, or in brackets after text */
    const char *id;    /* id attribute of the cell, a link target ("toekenning-12") */
} TableCell;

typedef struct DataTable {
    Arena *arena;
    const char *caption;
    const char *const *headers;
    size_t n_cols;
    int first_col_is_header; /* the first cell of a row is a row header (th scope=row) */
    TableCell *cells;        /* n_rows * n_cols */
    size_t n_rows, cap_rows;
    int *total_row;    /* per row: 1 for a total row (shown bold, in <tfoot>) */
    const char *empty; /* shown instead of the table when it has no rows */
    /* The CSV's first line, before the header, as "# TEXT" (the mark on generated
     * figures, kit_send_csv); NULL: none. */
    const char *csv_note;
} DataTable;

/* headers must outlive the table (a static array or arena memory). */
void dt_init(DataTable *t, Arena *a, const char *caption, const char *const *headers,
             size_t n_cols);
/* Append a row of n_cols empty cells and return it; total marks a total row. */
TableCell *dt_row(DataTable *t, int total);

void cell_text(TableCell *c, const char *text, const char *href);
void cell_money(TableCell *c, int64_t cents, const char *href, const char *title);
void cell_date(TableCell *c, const char *iso);
void cell_int(TableCell *c, int64_t value);
void cell_count(TableCell *c, int64_t value);
void cell_time(TableCell *c, const char *utc_iso);

/* The table in a scroll container, with caption and th scope; then a paragraph with the
 * link "Download als CSV" to csv_href (NULL: none). */
void dt_html(Buf *b, const DataTable *t, const char *csv_href);
/* The CSV for people (above): a BOM, the header line, then every row. */
void dt_csv(Buf *b, const DataTable *t);

#endif
