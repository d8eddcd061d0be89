/* form_preview.c: see form_preview.h. The web layer only rearranges records here; every
 * amount shown comes from coverage_compute. */
#include "form_preview.h"

#include "html.h"
#include "pages.h"
#include "table_frame.h"

#include "../views/coverage_view.h"

#include <string.h>

/* A copy of items (n elements of size) with room for one more, in a. */
static void *grown_copy(Arena *a, const void *items, size_t n, size_t size)
{
    void *copy = arena_alloc(a, (n + 1) * size);
    if (n) memcpy(copy, items, n * size);
    return copy;
}

void preview_allocation(MuniData *d, Arena *a, const Allocation *al)
{
    Allocation *list = grown_copy(a, d->allocations, d->n_allocations, sizeof *list);
    int version = 0;
    for (size_t i = 0; i < d->n_allocations; i++)
        if (list[i].actielijn_id == al->actielijn_id && list[i].year == al->year &&
            allocation_last_year(&list[i]) == allocation_last_year(al)) {
            list[i].current = 0;
            if (list[i].version > version) version = list[i].version;
        }
    list[d->n_allocations] = *al;
    list[d->n_allocations].current = 1;
    list[d->n_allocations].version = version + 1;
    d->allocations = list;
    d->n_allocations++;
}

void preview_amount(MuniData *d, Arena *a, const MeasureAmount *ma)
{
    MeasureAmount *list = grown_copy(a, d->amounts, d->n_amounts, sizeof *list);
    for (size_t i = 0; i < d->n_amounts; i++)
        if (list[i].measure_id == ma->measure_id && list[i].year == ma->year &&
            list[i].kind == ma->kind) {
            list[i] = *ma;
            d->amounts = list;
            return;
        }
    list[d->n_amounts] = *ma;
    d->amounts = list;
    d->n_amounts++;
}

void preview_opening(MuniData *d, Arena *a, const ReserveOpening *ro)
{
    ReserveOpening *list = grown_copy(a, d->openings, d->n_openings, sizeof *list);
    for (size_t i = 0; i < d->n_openings; i++)
        if (list[i].pot_id == ro->pot_id) {
            list[i] = *ro;
            d->openings = list;
            return;
        }
    list[d->n_openings] = *ro;
    d->openings = list;
    d->n_openings++;
}

void preview_movement(MuniData *d, Arena *a, const ReserveMovement *rm)
{
    ReserveMovement *list = grown_copy(a, d->movements, d->n_movements, sizeof *list);
    list[d->n_movements] = *rm;
    d->movements = list;
    d->n_movements++;
}

static const CoverageYear *find_year(const CoveragePot *p, int year)
{
    for (size_t i = 0; p && i < p->n_years; i++)
        if (p->years[i].year == year) return &p->years[i];
    return NULL;
}

static const CoveragePot *find_pot(const Coverage *c, int64_t pot_id)
{
    for (size_t i = 0; i < c->n_pots; i++)
        if (c->pots[i].pot_id == pot_id) return &c->pots[i];
    return NULL;
}

static int64_t row_value(const CoverageRowDef *row, const CoverageYear *y)
{
    return y ? row->get(y) : 0;
}

/* Whether any shown figure of pot differs between before (may be NULL) and after. */
static int pot_changes(const CoveragePot *old, const CoveragePot *now, const int *years,
                       size_t n_years)
{
    for (size_t k = 0; k < n_years; k++)
        for (size_t r = 0; r < coverage_n_rows; r++)
            if (row_value(&coverage_rows[r], find_year(old, years[k])) !=
                row_value(&coverage_rows[r], find_year(now, years[k])))
                return 1;
    return 0;
}

static void compare_table(Buf *b, const CoveragePot *old, const CoveragePot *now, const int *years,
                          size_t n_years, Arena *a)
{
    table_frame_open(b, arena_printf(a, "Dekking na de wijziging: %s", coverage_pot_title(now, a)),
                     NULL, NULL);
    html_lit(b, "<thead class=\"utrecht-table__header\"><tr><th scope=\"col\">Post</th>");
    for (size_t k = 0; k < n_years; k++)
        html_printf(b,
                    "<th scope=\"col\" class=\"num\">%d nu</th>"
                    "<th scope=\"col\" class=\"num\">%d na wijziging</th>",
                    years[k], years[k]);
    html_lit(b, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < coverage_n_rows; r++) {
        const CoverageRowDef *row = &coverage_rows[r];
        int any = 0;
        for (size_t k = 0; k < n_years; k++)
            any |= row_value(row, find_year(old, years[k])) != 0 ||
                   row_value(row, find_year(now, years[k])) != 0;
        if (row->only_if_any && !any) continue;
        html_printf(b, "<tr><th scope=\"row\">%s</th>", row->label);
        for (size_t k = 0; k < n_years; k++) {
            int64_t before = row_value(row, find_year(old, years[k]));
            int64_t after = row_value(row, find_year(now, years[k]));
            html_lit(b, "<td class=\"num\">");
            html_money(b, before);
            html_lit(b, "</td><td class=\"num\">");
            if (before != after) html_lit(b, "<strong>");
            html_money(b, after);
            if (before != after) html_lit(b, "</strong> (gewijzigd)");
            html_lit(b, "</td>");
        }
        html_lit(b, "</tr>\n");
    }
    html_lit(b, "</tbody>\n");
    table_frame_close(b);
}

void preview_closing(MuniData *d, Arena *a, const ClosedYear *cy)
{
    ClosedYear *list = grown_copy(a, d->closed, d->n_closed, sizeof *list);
    list[d->n_closed] = *cy;
    d->closed = list;
    d->n_closed++;
}

void preview_compare(Buf *b, const Coverage *before, const Coverage *after, const int *years,
                     size_t n_years, Arena *a)
{
    int shown = 0;
    for (size_t i = 0; i < after->n_pots; i++) {
        const CoveragePot *now = &after->pots[i];
        const CoveragePot *old = find_pot(before, now->pot_id);
        if (!pot_changes(old, now, years, n_years)) continue;
        compare_table(b, old, now, years, n_years, a);
        shown = 1;
    }
    if (!shown) html_lit(b, "<p>De dekkingstabel verandert door deze wijziging niet.</p>\n");
}
