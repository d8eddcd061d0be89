/* chart.h: the inline SVG chart of a municipality's years: allocation and spending as
 * bars, the reserve at year end as a line. No scripts; the SVG has role="img", a <title>
 * and <desc> naming it, a text legend, and the same figures are in a table beside it. */
#ifndef POK_CHART_H
#define POK_CHART_H

#include "../engine/engine.h"

/* Write the chart of years[0..n) into b. title is data (escaped); id is a literal
 * prefix for the element ids ("jaren"). Writes nothing when n is 0. */
void chart_years(Buf *b, const YearSums *years, size_t n, const char *title, const char *id);

/* One row of the spread chart (chart_spread.c): a measure's label (data, escaped), the
 * group's quartiles and the municipality's value, in the measure's own unit. */
typedef struct ChartSpreadRow {
    const char *label;
    int has_group, has_value;
    int64_t q1, median, q3, value;
} ChartSpreadRow;

/* Where a municipality stands among a group, per measure: the group's middle half as a
 * bar, its median as a tick, the municipality as a dot. Writes nothing when n is 0. */
void chart_spread(Buf *b, const ChartSpreadRow *rows, size_t n, const char *title, const char *id);

#endif
