/* coverage.c: the coverage table: per pot and year, how spending is covered by that
 * year's allocation and by the earmarked reserve. The rules are in docs/coverage.md. */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#include "../money.h"

/* A year range wider than this is a typing error in the data, not a scheme. */
#define COVERAGE_MAX_YEARS 500

static int pot_has_actielijn(const Pot *p, int64_t actielijn_id)
{
    for (size_t i = 0; i < p->n_actielijnen; i++)
        if (p->actielijn_ids[i] == actielijn_id) return 1;
    return 0;
}

int64_t coverage_measure_pot(const MuniData *d, const Measure *m)
{
    if (d->n_pots == 0) return 0;
    if (m->pot_id != 0) {
        for (size_t i = 0; i < d->n_pots; i++)
            if (d->pots[i].id == m->pot_id) return m->pot_id;
        return -1;
    }
    if (m->n_actielijnen == 0) return -1;
    for (size_t i = 0; i < d->n_pots; i++)
        if (pot_has_actielijn(&d->pots[i], m->actielijn_ids[0])) return d->pots[i].id;
    return -1;
}

/* The pot being computed: a real Pot, or NULL for the default pot holding everything. */
static int allocation_in_pot(const Pot *p, const Allocation *al)
{
    return p == NULL || pot_has_actielijn(p, al->actielijn_id);
}

/* Openings and movements name their pot; with no pots defined there is only one. */
static int record_in_pot(const Pot *p, int64_t pot_id)
{
    return p == NULL || pot_id == p->id;
}

static int actielijn_number_of(const MuniData *d, int64_t actielijn_id)
{
    const Actielijn *al = muni_actielijn(d, actielijn_id);
    if (al) return al->number;
    for (size_t i = 0; i < d->n_allocations; i++)
        if (d->allocations[i].actielijn_id == actielijn_id)
            return d->allocations[i].actielijn_number;
    return 0;
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

/* Sorted, without duplicates or unknown (0) numbers. */
static size_t sort_unique(int *nums, size_t n)
{
    qsort(nums, n, sizeof *nums, cmp_int);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (nums[i] != 0 && (k == 0 || nums[k - 1] != nums[i])) nums[k++] = nums[i];
    return k;
}

static void pot_numbers(const MuniData *d, const Pot *p, Arena *a, CoveragePot *cp)
{
    size_t n = 0;
    if (p) {
        cp->actielijn_numbers = arena_alloc(a, (p->n_actielijnen + 1) * sizeof(int));
        for (size_t i = 0; i < p->n_actielijnen; i++)
            cp->actielijn_numbers[n++] = actielijn_number_of(d, p->actielijn_ids[i]);
    } else {
        size_t cap = d->n_allocations + 1;
        for (size_t i = 0; i < d->n_measures; i++) cap += d->measures[i].n_actielijnen;
        cp->actielijn_numbers = arena_alloc(a, cap * sizeof(int));
        for (size_t i = 0; i < d->n_allocations; i++) {
            const Allocation *al = &d->allocations[i];
            cp->actielijn_numbers[n++] = al->actielijn_number
                                             ? al->actielijn_number
                                             : actielijn_number_of(d, al->actielijn_id);
        }
        for (size_t i = 0; i < d->n_measures; i++)
            for (size_t j = 0; j < d->measures[i].n_actielijnen; j++)
                cp->actielijn_numbers[n++] =
                    actielijn_number_of(d, d->measures[i].actielijn_ids[j]);
    }
    cp->n_actielijnen = sort_unique(cp->actielijn_numbers, n);
}

static void widen(int year, int *first, int *last)
{
    if (*first == 0 && *last == 0) {
        *first = *last = year;
        return;
    }
    if (year < *first) *first = year;
    if (year > *last) *last = year;
}

static int measure_index(const MuniData *d, int64_t measure_id)
{
    for (size_t i = 0; i < d->n_measures; i++)
        if (d->measures[i].id == measure_id) return (int)i;
    return -1;
}

/* pot_of[i] is the pot id of measure i (-1 unplaced); amount_measure[i] the measure index
 * of amount i (-1 unknown measure). */
typedef struct Placement {
    int64_t *pot_of;
    int *amount_measure;
} Placement;

static int amount_in_pot(const Placement *pl, size_t amount_index, int64_t pot_id)
{
    int mi = pl->amount_measure[amount_index];
    return mi >= 0 && pl->pot_of[mi] == pot_id;
}

static void year_range(const MuniData *d, const Pot *p, int64_t pot_id, const Placement *pl,
                       int *first, int *last)
{
    *first = *last = 0;
    for (size_t i = 0; i < d->n_allocations; i++)
        if (d->allocations[i].current && allocation_in_pot(p, &d->allocations[i])) {
            widen(d->allocations[i].year, first, last);
            widen(allocation_last_year(&d->allocations[i]), first, last);
        }
    for (size_t i = 0; i < d->n_amounts; i++)
        if (amount_in_pot(pl, i, pot_id)) widen(d->amounts[i].year, first, last);
    for (size_t i = 0; i < d->n_openings; i++)
        if (record_in_pot(p, d->openings[i].pot_id)) widen(d->openings[i].year, first, last);
    for (size_t i = 0; i < d->n_movements; i++) {
        const ReserveMovement *rm = &d->movements[i];
        if (!record_in_pot(p, rm->pot_id)) continue;
        widen(rm->year, first, last);
        if (rm->kind == RESERVE_TRANSFER && rm->to_year != 0) widen(rm->to_year, first, last);
    }
}

static int overflow(PokErr *err, const char *what)
{
    return err_set(err, "bedragen te groot: de som van %s past niet in het rekenbereik", what);
}

static int add_to(int64_t *sum, int64_t x, PokErr *err, const char *what)
{
    if (money_add(*sum, x, sum) < 0) return overflow(err, what);
    return 0;
}

/* A period allocation joins the pot's period of the same years, or starts one (kept
 * ascending by first year, then last year). */
static int add_period(CoveragePot *cp, Arena *a, size_t *cap, const Allocation *al, PokErr *err)
{
    int from = al->year, to = allocation_last_year(al);
    size_t k = 0;
    while (k < cp->n_periods && (cp->periods[k].year_from < from ||
                                 (cp->periods[k].year_from == from && cp->periods[k].year_to < to)))
        k++;
    if (k == cp->n_periods || cp->periods[k].year_from != from || cp->periods[k].year_to != to) {
        cp->periods = arena_grow(a, cp->periods, sizeof *cp->periods, cap, cp->n_periods + 1);
        memmove(&cp->periods[k + 1], &cp->periods[k], (cp->n_periods - k) * sizeof *cp->periods);
        cp->periods[k] = (CoveragePeriod){from, to, 0};
        cp->n_periods++;
    }
    if (add_to(&cp->periods[k].amount, al->amount_cents, err, "de toekenningen") < 0 ||
        add_to(&cp->period_total, al->amount_cents, err, "de toekenningen") < 0)
        return -1;
    return 0;
}

/* Fill the recorded inputs of each year: allocation, plan, realised, openings, movements.
 * A period allocation goes to the pot's periods, never into a year: its split is unknown. */
static int gather(const MuniData *d, const Pot *p, int64_t pot_id, const Placement *pl,
                  CoverageYear *ys, int first, int64_t *opening, CoveragePot *cp, Arena *a,
                  PokErr *err)
{
    size_t period_cap = 0;
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        if (!al->current || !allocation_in_pot(p, al)) continue;
        if (allocation_is_period(al)) {
            if (add_period(cp, a, &period_cap, al, err) < 0) return -1;
            for (int y = al->year; y <= al->year_to; y++) ys[y - first].allocation_unknown = 1;
            continue;
        }
        if (add_to(&ys[al->year - first].allocation, al->amount_cents, err, "de toekenningen") < 0)
            return -1;
    }
    for (size_t i = 0; i < d->n_amounts; i++) {
        const MeasureAmount *ma = &d->amounts[i];
        if (!amount_in_pot(pl, i, pot_id)) continue;
        CoverageYear *y = &ys[ma->year - first];
        if (ma->kind == AMOUNT_PLAN) {
            if (add_to(&y->planned, ma->amount_cents, err, "de geplande uitgaven") < 0) return -1;
        } else if (ma->kind == AMOUNT_REALISED) {
            if (add_to(&y->realised, ma->amount_cents, err, "de gerealiseerde uitgaven") < 0)
                return -1;
        }
    }
    /* One opening per pot and year; if the data holds more, the last one read wins. */
    for (size_t i = 0; i < d->n_openings; i++) {
        const ReserveOpening *ro = &d->openings[i];
        if (!record_in_pot(p, ro->pot_id)) continue;
        ys[ro->year - first].has_opening = 1;
        opening[ro->year - first] = ro->amount_cents;
    }
    for (size_t i = 0; i < d->n_movements; i++) {
        const ReserveMovement *rm = &d->movements[i];
        if (!record_in_pot(p, rm->pot_id)) continue;
        CoverageYear *y = &ys[rm->year - first];
        if (rm->kind == RESERVE_DEPOSIT || rm->kind == RESERVE_TRANSFER) {
            if (add_to(&y->recorded_deposit, rm->amount_cents, err, "de stortingen") < 0) return -1;
        } else if (rm->kind == RESERVE_WITHDRAWAL) {
            if (add_to(&y->recorded_withdrawal, rm->amount_cents, err, "de onttrekkingen") < 0)
                return -1;
        }
    }
    return 0;
}

/* FIFO credits: ys[i].unplanned holds, while computing, what is left of year i's credit. */
static void credits_consume(CoverageYear *ys, int upto, int64_t amount)
{
    for (int j = 0; j <= upto && amount > 0; j++) {
        int64_t take = ys[j].unplanned < amount ? ys[j].unplanned : amount;
        ys[j].unplanned -= take;
        amount -= take;
    }
}

/* What is left of the pot's period allocations while the years are computed: left[k]
 * of cp->periods[k]. */
typedef struct PeriodState {
    const CoveragePot *cp;
    int64_t *left;
} PeriodState;

/* Spending the year's own allocation does not cover is taken from the period allocations
 * covering the year, the earliest first: the money of a period is there for its years,
 * and how it is split over them is not known, so no year is short while any is left. */
static int64_t period_take(PeriodState *ps, int year, int64_t need)
{
    int64_t taken = 0;
    for (size_t k = 0; k < ps->cp->n_periods && need > 0; k++) {
        const CoveragePeriod *pd = &ps->cp->periods[k];
        if (year < pd->year_from || year > pd->year_to) continue;
        int64_t take = ps->left[k] < need ? ps->left[k] : need;
        ps->left[k] -= take;
        need -= take;
        taken += take;
    }
    return taken;
}

/* The unspent rest of the periods ending this year: it becomes that year's surplus, as an
 * unspent allocation of one year does. Also the periods' rest still to be spent. */
static int64_t period_rest(PeriodState *ps, int year, int64_t *still_left)
{
    int64_t rest = 0;
    *still_left = 0;
    for (size_t k = 0; k < ps->cp->n_periods; k++) {
        const CoveragePeriod *pd = &ps->cp->periods[k];
        if (pd->year_to == year) {
            rest += ps->left[k];
            ps->left[k] = 0;
        } else if (pd->year_from <= year && year < pd->year_to) {
            *still_left += ps->left[k];
        }
    }
    return rest;
}

/* One year's flows from its inputs and the balance carried in; see docs/coverage.md. */
static int year_flows(CoverageYear *y, int64_t carried, int has_opening, int64_t opening,
                      PeriodState *ps, PokErr *err)
{
    y->computed_start = carried;
    y->reserve_start = has_opening ? opening : carried;
    y->spending = y->closed ? y->realised : y->planned;
    int64_t from_allocation = 0;
    if (y->allocation > 0 && y->spending > 0)
        from_allocation = y->allocation < y->spending ? y->allocation : y->spending;
    y->from_allocation = from_allocation;
    int64_t need = y->spending > from_allocation ? y->spending - from_allocation : 0;
    y->from_period = period_take(ps, y->year, need);
    need -= y->from_period;
    int64_t available = y->reserve_start > 0 ? y->reserve_start : 0;
    y->reserve_withdrawal = need < available ? need : available;
    y->shortfall = need - y->reserve_withdrawal;
    int64_t surplus = y->allocation > from_allocation ? y->allocation - from_allocation : 0;
    if (add_to(&surplus, period_rest(ps, y->year, &y->period_left), err, "de toekenningen") < 0)
        return -1;
    /* Decisions (stortingen, overhevelingen) put at most the surplus in the reserve. */
    int64_t recorded = y->recorded_deposit > 0 ? y->recorded_deposit : 0;
    y->decided_deposit = surplus < recorded ? surplus : recorded;
    if (y->closed) {
        y->expected_deposit = 0;
        y->unexplained = surplus - y->decided_deposit;
    } else {
        /* The documents assume unspent money of an open year is carried over; until a
         * decision says so it is expected, not decided. */
        y->expected_deposit = surplus - y->decided_deposit;
        y->unexplained = 0;
    }
    y->reserve_deposit = y->decided_deposit + y->expected_deposit;
    if (__builtin_sub_overflow(y->reserve_start, y->reserve_withdrawal, &y->reserve_end) ||
        money_add(y->reserve_end, y->reserve_deposit, &y->reserve_end) < 0)
        return overflow(err, "de reserve");
    return 0;
}

static int sum_totals(CoveragePot *cp, PokErr *err)
{
    CoverageYear *t = &cp->total;
    memset(t, 0, sizeof *t);
    if (cp->n_years == 0) return 0;
    for (size_t i = 0; i < cp->n_years; i++) {
        const CoverageYear *y = &cp->years[i];
        if (money_add(t->allocation, y->allocation, &t->allocation) < 0 ||
            money_add(t->planned, y->planned, &t->planned) < 0 ||
            money_add(t->realised, y->realised, &t->realised) < 0 ||
            money_add(t->spending, y->spending, &t->spending) < 0 ||
            money_add(t->from_allocation, y->from_allocation, &t->from_allocation) < 0 ||
            money_add(t->reserve_withdrawal, y->reserve_withdrawal, &t->reserve_withdrawal) < 0 ||
            money_add(t->reserve_deposit, y->reserve_deposit, &t->reserve_deposit) < 0 ||
            money_add(t->decided_deposit, y->decided_deposit, &t->decided_deposit) < 0 ||
            money_add(t->expected_deposit, y->expected_deposit, &t->expected_deposit) < 0 ||
            money_add(t->from_period, y->from_period, &t->from_period) < 0 ||
            money_add(t->shortfall, y->shortfall, &t->shortfall) < 0 ||
            money_add(t->unplanned, y->unplanned, &t->unplanned) < 0 ||
            money_add(t->unexplained, y->unexplained, &t->unexplained) < 0 ||
            money_add(t->recorded_deposit, y->recorded_deposit, &t->recorded_deposit) < 0 ||
            money_add(t->recorded_withdrawal, y->recorded_withdrawal, &t->recorded_withdrawal) < 0)
            return overflow(err, "de totalen");
    }
    t->reserve_start = cp->years[0].reserve_start;
    t->computed_start = cp->years[0].computed_start;
    t->reserve_end = cp->years[cp->n_years - 1].reserve_end;
    t->period_left = cp->years[cp->n_years - 1].period_left;
    for (size_t i = 0; i < cp->n_years; i++)
        t->allocation_unknown |= cp->years[i].allocation_unknown;
    return 0;
}

static int compute_pot(const MuniData *d, const Pot *p, const Placement *pl, Arena *a,
                       CoveragePot *cp, PokErr *err)
{
    cp->pot_id = p ? p->id : 0;
    cp->name = p ? p->name : "Alle middelen";
    pot_numbers(d, p, a, cp);
    int first, last;
    year_range(d, p, cp->pot_id, pl, &first, &last);
    if (first == 0 && last == 0) return 0;
    if (last - first >= COVERAGE_MAX_YEARS)
        return err_set(err,
                       "pot %s loopt van %d tot %d: dat zijn meer dan %d jaren; "
                       "controleer de jaartallen",
                       cp->name, first, last, COVERAGE_MAX_YEARS);
    int n = last - first + 1;
    CoverageYear *ys = arena_alloc(a, (size_t)n * sizeof *ys);
    int64_t *opening = arena_alloc(a, (size_t)n * sizeof *opening);
    for (int i = 0; i < n; i++) {
        ys[i].year = first + i;
        ys[i].closed = muni_year_closed(d, first + i);
    }
    if (gather(d, p, cp->pot_id, pl, ys, first, opening, cp, a, err) < 0) return -1;
    PeriodState ps = {cp, arena_alloc(a, (cp->n_periods + 1) * sizeof *ps.left)};
    for (size_t k = 0; k < cp->n_periods; k++) ps.left[k] = cp->periods[k].amount;

    int64_t carried = 0;
    for (int i = 0; i < n; i++) {
        CoverageYear *y = &ys[i];
        if (year_flows(y, carried, y->has_opening, opening[i], &ps, err) < 0) return -1;
        if (y->has_opening) {
            /* The opening replaces whatever was carried: its money is this year's credit. */
            for (int j = 0; j < i; j++) ys[j].unplanned = 0;
            y->unplanned = y->reserve_start > 0 ? y->reserve_start : 0;
        }
        credits_consume(ys, i, y->reserve_withdrawal);
        if (money_add(y->unplanned, y->reserve_deposit, &y->unplanned) < 0)
            return overflow(err, "de reserve");
        carried = y->reserve_end;
    }
    /* A negative opening is a deficit that later deposits fill first: the credits left
     * cannot exceed what is in the reserve at the end. */
    int64_t left = 0;
    for (int i = 0; i < n; i++)
        if (money_add(left, ys[i].unplanned, &left) < 0) return overflow(err, "de reserve");
    int64_t in_reserve = carried > 0 ? carried : 0;
    if (left > in_reserve) credits_consume(ys, n - 1, left - in_reserve);

    cp->years = ys;
    cp->n_years = (size_t)n;
    return sum_totals(cp, err);
}

int coverage_compute(const MuniData *d, Arena *a, Coverage *out, PokErr *err)
{
    memset(out, 0, sizeof *out);
    out->municipality = d->muni.code;
    out->scheme = d->scheme.code;

    Placement pl;
    pl.pot_of = arena_alloc(a, (d->n_measures + 1) * sizeof *pl.pot_of);
    pl.amount_measure = arena_alloc(a, (d->n_amounts + 1) * sizeof *pl.amount_measure);
    out->unplaced_measure_ids = arena_alloc(a, (d->n_measures + 1) * sizeof(int64_t));
    for (size_t i = 0; i < d->n_measures; i++) {
        pl.pot_of[i] = coverage_measure_pot(d, &d->measures[i]);
        if (pl.pot_of[i] < 0) out->unplaced_measure_ids[out->n_unplaced++] = d->measures[i].id;
    }
    for (size_t i = 0; i < d->n_amounts; i++)
        pl.amount_measure[i] = measure_index(d, d->amounts[i].measure_id);

    size_t n_pots = d->n_pots ? d->n_pots : 1;
    out->pots = arena_alloc(a, n_pots * sizeof *out->pots);
    out->n_pots = n_pots;
    for (size_t i = 0; i < n_pots; i++) {
        const Pot *p = d->n_pots ? &d->pots[i] : NULL;
        if (compute_pot(d, p, &pl, a, &out->pots[i], err) < 0) return -1;
    }
    return 0;
}
