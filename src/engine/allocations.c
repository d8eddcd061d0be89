/* allocations.c: the current allocations as a table of actielijnen by years, with row,
 * column and grand totals, as the circulaires and council documents print them. */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#include "../money.h"

/* A year range wider than this is a typing error in the data, not a scheme. */
#define MATRIX_MAX_YEARS 500

typedef struct RowKey {
    int64_t actielijn_id;
    int number;
} RowKey;

static int cmp_row_key(const void *x, const void *y)
{
    const RowKey *a = x, *b = y;
    if (a->number != b->number) return (a->number > b->number) - (a->number < b->number);
    return (a->actielijn_id > b->actielijn_id) - (a->actielijn_id < b->actielijn_id);
}

static int allocation_number(const MuniData *d, const Allocation *al)
{
    if (al->actielijn_number) return al->actielijn_number;
    const Actielijn *line = muni_actielijn(d, al->actielijn_id);
    return line ? line->number : 0;
}

/* The row's actielijn; one the data does not describe gets a plain name. Actielijn id 0
 * holds figures a document gives only as a total (Overbetuwe, Hillegom). */
static const Actielijn *row_actielijn(const MuniData *d, const RowKey *k, Arena *a)
{
    const Actielijn *line = muni_actielijn(d, k->actielijn_id);
    if (line) return line;
    Actielijn *made = arena_alloc(a, sizeof *made);
    made->id = k->actielijn_id;
    made->scheme_id = d->scheme.id;
    made->number = k->number;
    made->name = k->actielijn_id == 0 ? "niet uitgesplitst naar actielijn"
                                      : arena_printf(a, "actielijn %d", k->number);
    made->circulaire_name = made->name;
    made->flow = "";
    return made;
}

static size_t collect_rows(const MuniData *d, Arena *a, RowKey **keys, int *first, int *last)
{
    RowKey *k = arena_alloc(a, (d->n_allocations + 1) * sizeof *k);
    size_t n = 0;
    *first = *last = 0;
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        if (!al->current || allocation_is_period(al)) continue;
        if (n == 0) *first = *last = al->year;
        if (al->year < *first) *first = al->year;
        if (al->year > *last) *last = al->year;
        size_t j = 0;
        while (j < n && k[j].actielijn_id != al->actielijn_id) j++;
        if (j == n) {
            k[n].actielijn_id = al->actielijn_id;
            k[n].number = allocation_number(d, al);
            n++;
        }
    }
    qsort(k, n, sizeof *k, cmp_row_key);
    *keys = k;
    return n;
}

/* The period figures, in the order d holds them (actielijn, then first year). */
static int collect_periods(const MuniData *d, Arena *a, AllocationMatrix *out, PokErr *err)
{
    out->periods = arena_alloc(a, (d->n_allocations + 1) * sizeof *out->periods);
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        if (!al->current || !allocation_is_period(al)) continue;
        RowKey k = {al->actielijn_id, allocation_number(d, al)};
        out->periods[out->n_periods++] = (AllocationPeriodRow){row_actielijn(d, &k, a), al};
        if (money_add(out->period_total, al->amount_cents, &out->period_total) < 0 ||
            money_add(out->grand_total, al->amount_cents, &out->grand_total) < 0)
            return err_set(err, "bedragen te groot: de som van de toekenningen voor een periode "
                                "past niet in het rekenbereik");
    }
    return 0;
}

int allocation_matrix(const MuniData *d, Arena *a, AllocationMatrix *out, PokErr *err)
{
    memset(out, 0, sizeof *out);
    if (collect_periods(d, a, out, err) < 0) return -1;
    RowKey *keys;
    int first, last;
    size_t n_rows = collect_rows(d, a, &keys, &first, &last);
    if (n_rows == 0) return 0;
    if (last - first >= MATRIX_MAX_YEARS)
        return err_set(err,
                       "toekenningen lopen van %d tot %d: dat zijn meer dan %d jaren; "
                       "controleer de jaartallen",
                       first, last, MATRIX_MAX_YEARS);
    size_t n_years = (size_t)(last - first + 1);
    out->first_year = first;
    out->last_year = last;
    out->n_years = n_years;
    out->year_totals = arena_alloc(a, n_years * sizeof *out->year_totals);
    out->rows = arena_alloc(a, n_rows * sizeof *out->rows);
    out->n_rows = n_rows;
    for (size_t r = 0; r < n_rows; r++) {
        AllocationRow *row = &out->rows[r];
        row->actielijn = row_actielijn(d, &keys[r], a);
        row->cells = arena_alloc(a, n_years * sizeof *row->cells);
        row->present = arena_alloc(a, n_years * sizeof *row->present);
    }
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        if (!al->current || allocation_is_period(al)) continue;
        size_t r = 0;
        while (keys[r].actielijn_id != al->actielijn_id) r++;
        AllocationRow *row = &out->rows[r];
        size_t y = (size_t)(al->year - first);
        row->present[y] = 1;
        if (money_add(row->cells[y], al->amount_cents, &row->cells[y]) < 0 ||
            money_add(row->total, al->amount_cents, &row->total) < 0 ||
            money_add(out->year_totals[y], al->amount_cents, &out->year_totals[y]) < 0 ||
            money_add(out->grand_total, al->amount_cents, &out->grand_total) < 0)
            return err_set(err,
                           "bedragen te groot: de som van de toekenningen van actielijn %d "
                           "past niet in het rekenbereik",
                           keys[r].number);
    }
    return 0;
}
