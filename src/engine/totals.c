/* totals.c: the sums the overview pages show: the coverage table's pots added up per
 * year, a municipality's totals, and one measure's plan versus realisation per year. */
#include "engine.h"

#include <string.h>

#include "../money.h"

static int overflow(PokErr *err, const char *what)
{
    return err_set(err, "bedragen te groot: de som van %s past niet in het rekenbereik", what);
}

/* Every year any pot has, ascending and unique, into years[] (room for all). */
static size_t collect_years(const Coverage *c, int *years)
{
    size_t n = 0;
    for (size_t p = 0; p < c->n_pots; p++)
        for (size_t i = 0; i < c->pots[p].n_years; i++) {
            int y = c->pots[p].years[i].year;
            size_t k = 0;
            while (k < n && years[k] < y) k++;
            if (k < n && years[k] == y) continue;
            memmove(&years[k + 1], &years[k], (n - k) * sizeof *years);
            years[k] = y;
            n++;
        }
    return n;
}

/* The pot's balance at the end of year: its own figure, the last one when its table
 * ended earlier, 0 before it starts. */
static int64_t pot_reserve_end(const CoveragePot *p, int year)
{
    int64_t balance = 0;
    for (size_t i = 0; i < p->n_years && p->years[i].year <= year; i++)
        balance = p->years[i].reserve_end;
    return balance;
}

int coverage_year_sums(const Coverage *c, Arena *a, YearSums **out, size_t *n, PokErr *err)
{
    size_t cap = 1;
    for (size_t p = 0; p < c->n_pots; p++) cap += c->pots[p].n_years;
    int *years = arena_alloc(a, cap * sizeof *years);
    size_t n_years = collect_years(c, years);
    YearSums *sums = arena_alloc(a, (n_years + 1) * sizeof *sums);
    for (size_t k = 0; k < n_years; k++) {
        YearSums *s = &sums[k];
        s->year = years[k];
        for (size_t p = 0; p < c->n_pots; p++) {
            const CoveragePot *pot = &c->pots[p];
            if (money_add(s->reserve_end, pot_reserve_end(pot, s->year), &s->reserve_end))
                return overflow(err, "de reserves");
            for (size_t i = 0; i < pot->n_years; i++) {
                const CoverageYear *y = &pot->years[i];
                if (y->year != s->year) continue;
                s->closed |= y->closed;
                s->allocation_unknown |= y->allocation_unknown;
                if (money_add(s->allocation, y->allocation, &s->allocation) ||
                    money_add(s->spending, y->spending, &s->spending) ||
                    money_add(s->planned, y->planned, &s->planned) ||
                    money_add(s->realised, y->realised, &s->realised) ||
                    money_add(s->decided_deposit, y->decided_deposit, &s->decided_deposit) ||
                    money_add(s->expected_deposit, y->expected_deposit, &s->expected_deposit))
                    return overflow(err, "de potten");
            }
        }
    }
    int expected = 0;
    for (size_t k = 0; k < n_years; k++) {
        expected |= sums[k].expected_deposit > 0;
        sums[k].reserve_expected = expected && sums[k].reserve_end > 0;
    }
    *out = sums;
    *n = n_years;
    return 0;
}

int municipality_totals(const MuniData *d, const Coverage *c, Arena *a, MuniTotals *out,
                        PokErr *err)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < d->n_allocations; i++)
        if (d->allocations[i].current &&
            money_add(out->allocated, d->allocations[i].amount_cents, &out->allocated))
            return overflow(err, "de toekenningen");
    for (size_t i = 0; i < d->n_amounts; i++) {
        const MeasureAmount *ma = &d->amounts[i];
        int64_t *sum = ma->kind == AMOUNT_REALISED ? &out->realised : &out->planned;
        if (money_add(*sum, ma->amount_cents, sum)) return overflow(err, "de maatregelen");
    }
    for (size_t i = 0; i < d->n_allocations; i++)
        if (d->allocations[i].current && allocation_is_period(&d->allocations[i]) &&
            money_add(out->period_allocated, d->allocations[i].amount_cents,
                      &out->period_allocated))
            return overflow(err, "de toekenningen");
    for (size_t p = 0; p < c->n_pots; p++) {
        const CoveragePot *pot = &c->pots[p];
        if (pot->n_years == 0) continue;
        if (money_add(out->reserve_start, pot->years[0].reserve_start, &out->reserve_start) ||
            money_add(out->unplanned, pot->total.unplanned, &out->unplanned) ||
            money_add(out->expected_deposit, pot->total.expected_deposit, &out->expected_deposit))
            return overflow(err, "de reserves");
    }
    if (money_add(out->reserve_start, out->allocated, &out->available))
        return overflow(err, "het beschikbare bedrag");
    YearSums *sums = NULL;
    size_t n = 0;
    if (coverage_year_sums(c, a, &sums, &n, err)) return -1;
    if (n) {
        out->reserve_end = sums[n - 1].reserve_end;
        out->reserve_year = sums[n - 1].year;
        out->first_year = sums[0].year;
    }
    return 0;
}

int measure_amounts(const MuniData *d, int64_t measure_id, Arena *a, MeasureAmounts *out,
                    PokErr *err)
{
    memset(out, 0, sizeof *out);
    out->years = arena_alloc(a, (d->n_amounts + 1) * sizeof *out->years);
    for (size_t i = 0; i < d->n_amounts; i++) {
        const MeasureAmount *ma = &d->amounts[i];
        if (ma->measure_id != measure_id) continue;
        size_t k = 0;
        while (k < out->n_years && out->years[k].year < ma->year) k++;
        if (k == out->n_years || out->years[k].year != ma->year) {
            memmove(&out->years[k + 1], &out->years[k], (out->n_years - k) * sizeof *out->years);
            memset(&out->years[k], 0, sizeof out->years[k]);
            out->years[k].year = ma->year;
            out->n_years++;
        }
        int realised = ma->kind == AMOUNT_REALISED;
        if (realised)
            out->years[k].realised = ma;
        else
            out->years[k].plan = ma;
        int64_t *sum = realised ? &out->realised : &out->planned;
        if (money_add(*sum, ma->amount_cents, sum)) return overflow(err, "de bedragen");
    }
    return 0;
}

/* A round step (1, 2 or 5 times a power of ten, in cents) so that `ticks` steps reach
 * span. */
static int64_t nice_step(int64_t span, int ticks)
{
    int64_t want = span / ticks + 1, unit = 1;
    while (unit <= INT64_MAX / 10 && unit * 10 <= want) unit *= 10;
    if (want <= unit) return unit;
    if (want <= 2 * unit) return 2 * unit;
    if (want <= 5 * unit) return 5 * unit;
    return 10 * unit;
}

ChartAxis chart_axis(const YearSums *y, size_t n, int ticks)
{
    int64_t lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        const int64_t v[3] = {y[i].allocation, y[i].spending, y[i].reserve_end};
        for (int k = 0; k < 3; k++) {
            if (v[k] > hi) hi = v[k];
            if (v[k] < lo) lo = v[k];
        }
    }
    /* amounts are bounded by MONEY_MAX_CENTS, far from overflow here */
    ChartAxis ax = {0, 0, nice_step(hi - lo > 0 ? hi - lo : 100, ticks > 0 ? ticks : 1)};
    while (ax.hi < hi) ax.hi += ax.step;
    while (ax.lo > lo) ax.lo -= ax.step;
    if (ax.hi == ax.lo) ax.hi = ax.step;
    return ax;
}
