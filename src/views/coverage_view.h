/* coverage_view.h: the coverage table and the checks' findings as text, CSV and JSON.
 * Views never compute money: they print what the engine computed. */
#ifndef POK_COVERAGE_VIEW_H
#define POK_COVERAGE_VIEW_H

#include "../engine/engine.h"

#include <jansson.h>
#include <stdio.h>

/* The rows of the coverage table in the order of a council document: every view (text,
 * HTML) shows these labels and values. */
typedef struct CoverageRowDef {
    const char *label;
    int64_t (*get)(const CoverageYear *y);
    int has_total;   /* flows have a total; balances do not */
    int only_if_any; /* hidden when zero in every year of the pot */
    int rule_above;  /* a line above the row (the balance, the shortfall) */
    int allocation;  /* the year's allocation: "onbekend" where only a period figure is
                      * known, and the period figures follow it as rows of their own */
} CoverageRowDef;
extern const CoverageRowDef coverage_rows[];
extern const size_t coverage_n_rows;
/* The positions in coverage_rows of the rows the spreadsheet's formulas refer to. */
enum {
    COVERAGE_ROW_START = 0,
    COVERAGE_ROW_ALLOCATION = 1,
    COVERAGE_ROW_SPENDING = 4,
    COVERAGE_ROW_FROM_ALLOCATION = 5,
    COVERAGE_ROW_FROM_PERIOD = 6,
    COVERAGE_ROW_WITHDRAWAL = 7,
    COVERAGE_ROW_DEPOSIT = 8,
    COVERAGE_ROW_END = 11,
    COVERAGE_ROW_PERIOD_LEFT = 12,
    COVERAGE_ROW_SHORTFALL = 13
};

/* Whether the row is shown for the pot (only_if_any rows only when not all zero). */
int coverage_row_shown(const CoverageRowDef *row, const CoveragePot *p);
/* 1 when the cell's figure is not known: the allocation of a year only a period
 * allocation covers. Views show "onbekend" there. */
int coverage_cell_unknown(const CoverageRowDef *row, const CoverageYear *y);
/* "Toegekend voor 2022-2027, verdeling over de jaren onbekend", in a. */
const char *coverage_period_label(const CoveragePeriod *pd, Arena *a);
/* "2024-2027": the years that have figures (MuniTotals first_year..reserve_year), for
 * the labels of every summary; "" when there are none. */
const char *totals_period_label(const MuniTotals *t, Arena *a);
/* "2024-2027": the years of the pot's table; "" when it has none. */
const char *coverage_pot_years(const CoveragePot *p, Arena *a);

/* "Pot: NAME (actielijnen 3, 4 en 5)", in a. */
const char *coverage_pot_title(const CoveragePot *p, Arena *a);

void coverage_print_text(const MuniData *d, const Coverage *c, Arena *a, FILE *f);
/* CSV header: municipality,pot_id,pot,year,closed,<the contract's *_cents fields> */
void coverage_print_csv(const Coverage *c, int header, FILE *f);
/* The documented contract (docs/json.md). Caller owns the reference. */
json_t *coverage_json(const Coverage *c);
/* The keys of coverage_json's figures of a year, after "year" and "closed", in their
 * order: "allocation_cents", ... (the OpenAPI document describes them from this list). */
extern const char *const coverage_json_cents[];
extern const size_t coverage_n_json_cents;

void findings_print_text(const MuniData *d, const Finding *f, size_t n, FILE *out);
json_t *findings_json(const MuniData *d, const Finding *f, size_t n);

#endif
