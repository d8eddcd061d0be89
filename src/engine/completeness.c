/* completeness.c: what a municipality has not recorded yet (completeness.h). */
#include "completeness.h"

const char *const missing_kind_labels[MISSING_N] = {
    "geen toekenning", "geen plannen (begroting)", "geen realisatie", "jaar niet afgesloten",
    "afgeronde of gestopte maatregel zonder evaluatie"};

/* Whether a current allocation covers year (one of that year, or a period holding it). */
static int has_allocation(const MuniData *d, int year)
{
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        if (al->current && al->amount_cents != 0 && al->year <= year &&
            allocation_last_year(al) >= year)
            return 1;
    }
    return 0;
}

static int has_amount(const MuniData *d, int year, AmountKind kind)
{
    for (size_t i = 0; i < d->n_amounts; i++)
        if (d->amounts[i].year == year && d->amounts[i].kind == kind) return 1;
    return 0;
}

static int has_evaluation(const MuniData *d, int64_t measure_id)
{
    for (size_t i = 0; i < d->n_evaluations; i++)
        if (d->evaluations[i].measure_id == measure_id) return 1;
    return 0;
}

static void expect(Completeness *c, Arena *a, size_t *cap, int present, MissingItem item)
{
    c->expected++;
    if (present) {
        c->present++;
        return;
    }
    c->missing = arena_grow(a, c->missing, sizeof *c->missing, cap, c->n_missing + 1);
    c->missing[c->n_missing++] = item;
}

int completeness_compute(const MuniData *d, int current_year, Arena *a, Completeness *out,
                         PokErr *err)
{
    (void)err;
    *out = (Completeness){0};
    size_t cap = 0;
    for (int y = d->scheme.first_year; y <= d->scheme.last_year; y++) {
        int money = has_allocation(d, y), plans = has_amount(d, y, AMOUNT_PLAN);
        expect(out, a, &cap, money, (MissingItem){.kind = MISSING_ALLOCATION, .year = y});
        if (money) expect(out, a, &cap, plans, (MissingItem){.kind = MISSING_PLAN, .year = y});
        if (y >= current_year || (!money && !plans)) continue;
        expect(out, a, &cap, has_amount(d, y, AMOUNT_REALISED),
               (MissingItem){.kind = MISSING_REALISED, .year = y});
        expect(out, a, &cap, muni_year_closed(d, y),
               (MissingItem){.kind = MISSING_CLOSED, .year = y});
    }
    for (size_t i = 0; i < d->n_measures; i++) {
        const Measure *m = &d->measures[i];
        if (!measure_status_ended(m->status)) continue;
        expect(out, a, &cap, has_evaluation(d, m->id),
               (MissingItem){.kind = MISSING_EVALUATION, .measure = m->name, .measure_id = m->id});
    }
    return 0;
}

int completeness_bp(const Completeness *c)
{
    if (c->expected == 0) return 10000;
    return (int)((int64_t)c->present * 10000 / c->expected);
}
