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
} CoverageRowDef;
extern const CoverageRowDef coverage_rows[];
extern const size_t coverage_n_rows;

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
