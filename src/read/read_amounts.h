/* read_amounts.h: what the parts of the amounts analysis share (read_money.c finds amounts
 * in a line, read_kind.c names their kind, read_table.c rebuilds tables, read_checks.c
 * checks their arithmetic, read_amounts.c runs them and reads the prose). Not for other
 * layers: they see only ReadResult. */
#ifndef POK_READ_AMOUNTS_H
#define POK_READ_AMOUNTS_H

#include "read.h"

#include <stddef.h>
#include <stdint.h>

/* ---- amounts in a line (read_money.c) -------------------------------------------- */

typedef struct AmtTok {
    size_t start, end; /* bytes of the line's text the token covers */
    int64_t cents;     /* as written (before any table scale) */
    int euro;          /* written with a currency mark (€, EUR, euro, or OCR's £) */
    int dash;          /* a "-" cell: an empty table cell, not an amount */
    int money_ok;      /* a bare number that may be money in a table (no count, year, list
                        * or reference number) */
    int year;          /* a bare year 1990-2099 */
    int million;       /* written with "miljoen" / "mln" / "miljard" */
    char suffix;       /* 'V' (voordeel), 'N' (nadeel) or 0 */
} AmtTok;

#define AMT_MAX_TOKENS 64

/* Every number, currency amount and dash of the line, left to right. Returns the count. */
size_t amt_scan(const char *s, AmtTok *out, size_t max);

/* ---- kinds and actielijnen (read_kind.c) ------------------------------------------ */

/* The kind the words of text give an amount, or -1 when they say nothing. negate_aware:
 * "niet ... besteed" does not make realisation (prose). */
int amt_kind_of(const char *text);
/* Whether the text speaks of another scheme's money (OZB, a krediet, "los van de POK"). */
int amt_other_scheme(const char *text);
/* The kind of the rule word nearest before pos in text, -1 none. */
int amt_kind_near(const char *text, size_t pos);
/* Whether the label marks a stated total ("Totaal", "Totale uitgaven"): 1, or a subtotal
 * ("Subtotaal", part of a bigger total): 2; 0 neither. */
int amt_is_total_label(const char *label);
/* Coverage rows: 1 a total of dekking, 2 a total of uitgaven/lasten, 0 neither. */
int amt_coverage_side(const char *label);
/* A row label starting "N." / "N " / "actielijn N" (1-8): N, else 0. */
int amt_actielijn_of_label(const char *label);
/* Whether label carries the name of actielijn n ("Robuust rechtsbeschermingssysteem"). */
int amt_actielijn_named(const char *label, int n);
/* Whether a row label counts things (fte, uren, aantal, %): its numbers are no money. */
int amt_counts_label(const char *label);
/* Whether a row label is a part of the row above ("waarvan ..."): no part of a total. */
int amt_part_of_above(const char *label);
/* A table's or sentence's words that say bare numbers are euros ("bedragen", "x € 1.000",
 * "€"). Sets *thousands when the table is in thousands of euros. */
int amt_euro_context(const char *text, int *thousands);
/* Case-insensitive search for an ASCII word (a match that starts at a word boundary). */
const char *amt_find_word(const char *hay, const char *word);
/* The first and last year in which the scheme funds actielijn n (the circulaires), or
 * 0 when it funds it in every year. */
int amt_actielijn_years(int n, int *first, int *last);

/* ---- tables (read_table.c) and their checks (read_checks.c) ----------------------- */

#define AMT_MAX_COLS 16
#define AMT_MAX_ROWS 64

typedef struct AmtCell {
    AmtTok tok;
    int64_t cents; /* scaled ("x € 1.000") */
    double x;      /* centre of its words, -1 without geometry */
    int col;       /* header column, -1 not (yet) placed */
} AmtCell;

typedef struct AmtRow {
    size_t li; /* the line in the doc */
    char *label;
    AmtCell cells[AMT_MAX_COLS];
    int ncells;
    int is_total, coverage, kind, actielijn;
    int part_of_above; /* "waarvan ...": inside the row above, not added to totals */
    size_t cells_from; /* where the cells start in the line's text */
    const char *text;  /* the line's text */
    int placed;        /* every cell has its column */
} AmtRow;

typedef struct AmtTable {
    size_t header_li;
    int ncols;
    int year[AMT_MAX_COLS]; /* 0: a column that is no year */
    const char *colname[AMT_MAX_COLS];
    double colx[AMT_MAX_COLS];  /* centre of the header word, -1 without geometry */
    int total_col;              /* a "Totaal" column, -1 none */
    int64_t scale;              /* cents per written unit: 100, or 100000 ("x € 1.000") */
    int about_actielijnen;      /* the title or the lines above speak of actielijnen */
    int actielijn_col;          /* an "Actielijn" column before the amounts: rows give its number */
    int col_kind[AMT_MAX_COLS]; /* a column's own kind ("Wijziging": other), -1 the row's */
    int col_plan[AMT_MAX_COLS]; /* a begroting column: its cells are plans unless the row
                                 * says otherwise */
    int year_all;               /* a table without year columns: the year its title or the
                                 * lines above name ("begroting 2025"), 0 none */
    int kind;                   /* from the title and the lines above, -1 none */
    char *title;
    AmtRow rows[AMT_MAX_ROWS];
    int nrows;
} AmtTable;

/* The table whose header is at line li, or 0 when li is no header; *next is the first line
 * after the table. The table lives in arena. */
int amt_table_at(const ReadDoc *doc, size_t li, Arena *arena, AmtTable *t, size_t *next);
/* Give the table's cells another unit (cents per written unit). */
void amt_table_rescale(AmtTable *t, int64_t scale);
/* Place the cells of rows that have fewer cells than columns: by geometry, by the table's
 * totals (the one placement where every column total holds), or by the scheme's years of
 * an actielijn; what stays ambiguous keeps col -1. */
void amt_table_place(AmtTable *t);
/* The checks of table idx of the document's tables (sum, reserve, coverage; the tables
 * before it give a coverage's spending total and a reserve's opening balance); findings
 * and unchecked totals go to res. */
void amt_table_check(const ReadDoc *doc, AmtTable *const *tables, int idx, ReadResult *res);

/* A Dutch "€ 1.234" for messages. */
char *amt_euro(int64_t cents, char buf[40]);

#endif
