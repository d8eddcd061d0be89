/* coverage_view.h: the coverage table and the checks' findings as text, CSV and JSON.
 * Views never compute money: they print what the engine computed. */
#ifndef POK_COVERAGE_VIEW_H
#define POK_COVERAGE_VIEW_H

#include "../engine/engine.h"

#include <jansson.h>
#include <stdio.h>

void coverage_print_text(const MuniData *d, const Coverage *c, Arena *a, FILE *f);
/* CSV header: municipality,pot_id,pot,year,closed,<the contract's *_cents fields> */
void coverage_print_csv(const Coverage *c, int header, FILE *f);
/* The documented contract (docs/json.md). Caller owns the reference. */
json_t *coverage_json(const Coverage *c);

void findings_print_text(const MuniData *d, const Finding *f, size_t n, FILE *out);
json_t *findings_json(const MuniData *d, const Finding *f, size_t n);

#endif
