/* national.c: the national monitor's figures (national.h; definitions in
 * docs/monitor.md): each sharing municipality's coverage table and amounts, added up per
 * year and actielijn, with how many municipalities each sum rests on, and the spread of
 * the per-municipality measures per size class and province. */
#include "national.h"

#include <stdlib.h>
#include <string.h>

#include "../money.h"

const char *const nat_metric_labels[MET_N] = {
    "toegekend per inwoner", "gerealiseerd (deel van het beschikbare geld)",
    "in een concrete maatregel (deel van het beschikbare geld)",
    "met een besluit van raad of college (deel van het beschikbare geld)"};

int national_visible(int n, int n_anon)
{
    return n >= NATIONAL_MIN_GROUP && (n_anon == 0 || n_anon >= NATIONAL_MIN_GROUP);
}

/* Sums keep an overflow flag instead of failing at every step. */
typedef struct Sum {
    int overflow;
} Sum;

static void add(Sum *s, int64_t *to, int64_t v)
{
    if (money_add(*to, v, to)) s->overflow = 1;
}

static void count(Sum *s, NatFigure *f, int64_t v, int anon, int contributes)
{
    add(s, &f->cents, v);
    if (!contributes) return;
    f->n++;
    f->n_anon += anon;
}

/* ---- one municipality ---- */

/* Spending in measures (realised in closed years, planned in open ones) and the part of
 * it that a decision set. */
static void muni_spending(const MuniData *d, Sum *s, NationalMuni *m)
{
    for (size_t i = 0; i < d->n_amounts; i++) {
        const MeasureAmount *am = &d->amounts[i];
        int closed = muni_year_closed(d, am->year);
        if ((am->kind == AMOUNT_REALISED) != closed) continue;
        add(s, &m->spending, am->amount_cents);
        const Measure *ms = muni_measure(d, am->measure_id);
        if (am->decision_id || (ms && ms->decision_id)) add(s, &m->with_decision, am->amount_cents);
    }
}

static int share_bp(int64_t part, int64_t whole)
{
    if (whole <= 0) return -1;
    /* basis points without overflow for any cents that fit: (part / whole) * 10000 */
    __int128 bp = (__int128)part * 10000 / whole;
    return bp > 1000000 ? 1000000 : bp < -1000000 ? -1000000 : (int)bp;
}

static void muni_metrics(NationalMuni *m)
{
    int64_t avail = m->totals.available;
    m->per_inhabitant =
        m->inhabitants > 0 && m->totals.allocated > 0 ? m->totals.allocated / m->inhabitants : -1;
    m->spent_bp = share_bp(m->totals.realised, avail);
    m->traceable_bp = share_bp(m->spending, avail);
    m->decided_bp = share_bp(m->with_decision, avail);
}

int64_t national_metric(const NationalMuni *m, NatMetric metric, int *known)
{
    int64_t v = metric == MET_PER_INHABITANT ? m->per_inhabitant
                : metric == MET_SPENT        ? m->spent_bp
                : metric == MET_TRACEABLE    ? m->traceable_bp
                                             : m->decided_bp;
    *known = v >= 0 && m->has_figures;
    return *known ? v : 0;
}

/* ---- the national picture per year and actielijn ---- */

typedef struct Grid {
    int first, n_years;
    size_t n_lines;
    int *numbers; /* line i's actielijn number (0: none or several) */
} Grid;

static size_t line_of(const Grid *g, int number)
{
    for (size_t i = 0; i < g->n_lines; i++)
        if (g->numbers[i] == number) return i;
    return g->n_lines - 1; /* the last line is number 0 */
}

/* The measure's actielijn number when it has exactly one, else 0. */
static int measure_line(const MuniData *d, const Measure *ms)
{
    if (!ms || ms->n_actielijnen != 1) return 0;
    const Actielijn *al = muni_actielijn(d, ms->actielijn_ids[0]);
    return al ? al->number : 0;
}

/* One municipality's cells (allocated, planned, realised per line and year), added to the
 * national lines with it counted once per cell it has a figure in. */
static void add_lines(const Grid *g, const MuniData *d, int anon, NationalFigures *f, Sum *s)
{
    size_t cells = g->n_lines * (size_t)g->n_years;
    int64_t *own = xcalloc(3 * cells + 1, sizeof *own);
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        if (!al->current) continue;
        if (allocation_is_period(al)) {
            add(s, &f->period_allocated, al->amount_cents);
            continue;
        }
        int y = al->year - g->first;
        if (y < 0 || y >= g->n_years) continue;
        add(s, &own[line_of(g, al->actielijn_number) * (size_t)g->n_years + (size_t)y],
            al->amount_cents);
    }
    for (size_t i = 0; i < d->n_amounts; i++) {
        const MeasureAmount *am = &d->amounts[i];
        int y = am->year - g->first;
        if (y < 0 || y >= g->n_years) continue;
        size_t l = line_of(g, measure_line(d, muni_measure(d, am->measure_id)));
        size_t kind = am->kind == AMOUNT_PLAN ? 1 : 2;
        add(s, &own[kind * cells + l * (size_t)g->n_years + (size_t)y], am->amount_cents);
    }
    for (size_t l = 0; l < g->n_lines; l++) {
        NationalLine *line = &f->lines[l];
        int64_t sums[3] = {0, 0, 0};
        for (int y = 0; y < g->n_years; y++) {
            size_t at = l * (size_t)g->n_years + (size_t)y;
            count(s, &line->allocated[y], own[at], anon, own[at] != 0);
            count(s, &line->planned[y], own[cells + at], anon, own[cells + at] != 0);
            count(s, &line->realised[y], own[2 * cells + at], anon, own[2 * cells + at] != 0);
            for (int k = 0; k < 3; k++) add(s, &sums[k], own[(size_t)k * cells + at]);
        }
        count(s, &line->total_allocated, sums[0], anon, sums[0] != 0);
        count(s, &line->total_planned, sums[1], anon, sums[1] != 0);
        count(s, &line->total_realised, sums[2], anon, sums[2] != 0);
    }
    free(own);
}

/* The year sums of one municipality added to the national years. */
static void add_years(const Grid *g, const Coverage *c, const NationalMuni *m, int anon,
                      NationalFigures *f, Sum *s, Arena *a, PokErr *err)
{
    YearSums *ys;
    size_t n;
    if (coverage_year_sums(c, a, &ys, &n, err)) {
        s->overflow = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        int y = ys[i].year - g->first;
        if (y < 0 || y >= g->n_years) continue;
        NationalYear *ny = &f->years[y];
        int64_t unplanned = 0;
        for (size_t p = 0; p < c->n_pots; p++)
            for (size_t k = 0; k < c->pots[p].n_years; k++)
                if (c->pots[p].years[k].year == ys[i].year)
                    add(s, &unplanned, c->pots[p].years[k].unplanned);
        count(s, &ny->allocated, ys[i].allocation, anon, ys[i].allocation != 0);
        count(s, &ny->planned, ys[i].planned, anon, ys[i].planned != 0);
        count(s, &ny->realised, ys[i].realised, anon, ys[i].realised != 0);
        count(s, &ny->reserve_end, ys[i].reserve_end, anon, 1);
        count(s, &ny->unplanned, unplanned, anon, 1);
        if (ys[i].allocation != 0 && m->inhabitants > 0)
            count(s, &ny->inhabitants, m->inhabitants, anon, 1);
    }
    const MuniTotals *t = &m->totals;
    NationalYear *tot = &f->total;
    count(s, &tot->allocated, t->allocated, anon, t->allocated != 0);
    count(s, &tot->planned, t->planned, anon, t->planned != 0);
    count(s, &tot->realised, t->realised, anon, t->realised != 0);
    count(s, &tot->reserve_end, t->reserve_end, anon, t->reserve_year != 0);
    count(s, &tot->unplanned, t->unplanned, anon, t->reserve_year != 0);
    if (t->allocated != 0 && m->inhabitants > 0)
        count(s, &tot->inhabitants, m->inhabitants, anon, 1);
    if (t->period_allocated) {
        f->period_n++;
        f->period_n_anon += anon;
    }
    count(s, &f->available, t->available, anon, t->available > 0);
    count(s, &f->spending, m->spending, anon, t->available > 0);
    count(s, &f->with_decision, m->with_decision, anon, t->available > 0);
}

/* ---- spreads per group ---- */

static int by_value(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* The median of v[lo..hi), the mean of the middle two (rounded down) when even. */
static int64_t median_of(const int64_t *v, size_t lo, size_t hi)
{
    size_t n = hi - lo;
    if (!n) return 0;
    if (n % 2) return v[lo + n / 2];
    int64_t x = v[lo + n / 2 - 1], y = v[lo + n / 2];
    return x + (y - x) / 2;
}

/* Quartiles as Tukey's hinges: the medians of the lower and upper half (the median
 * itself left out of both when n is odd). */
static void spread_of(int64_t *v, size_t n, int n_anon, NatSpread *out)
{
    qsort(v, n, sizeof *v, by_value);
    out->n = (int)n;
    out->n_anon = n_anon;
    out->median = median_of(v, 0, n);
    out->q1 = n > 1 ? median_of(v, 0, n / 2) : out->median;
    out->q3 = n > 1 ? median_of(v, (n + 1) / 2, n) : out->median;
}

typedef int (*GroupTest)(const NationalMuni *m, const char *key);

static int in_size(const NationalMuni *m, const char *key)
{
    return m->size_class && strcmp(m->size_class->value, key) == 0;
}

static int in_province(const NationalMuni *m, const char *key)
{
    return m->muni->province && strcmp(m->muni->province, key) == 0;
}

static int in_all(const NationalMuni *m, const char *key)
{
    (void)key;
    return 1;
}

static void group_spread(const NationalFigures *f, NationalGroup *g, GroupTest test)
{
    int64_t *v = xmalloc((f->n_munis + 1) * sizeof *v);
    for (int metric = 0; metric < MET_N; metric++) {
        size_t n = 0;
        int anon = 0;
        for (size_t i = 0; i < f->n_munis; i++) {
            const NationalMuni *m = &f->munis[i];
            int known;
            int64_t x = national_metric(m, (NatMetric)metric, &known);
            if (m->level < SHARE_ANONYMOUS || !known || !test(m, g->key)) continue;
            v[n++] = x;
            anon += m->level == SHARE_ANONYMOUS;
        }
        spread_of(v, n, anon, &g->spread[metric]);
    }
    free(v);
}

static int by_text(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void groups(NationalFigures *f, Arena *a)
{
    f->size_groups = arena_alloc(a, N_SIZE_CLASSES * sizeof *f->size_groups);
    for (size_t i = 0; i < N_SIZE_CLASSES; i++) {
        NationalGroup *g = &f->size_groups[f->n_size_groups++];
        g->key = size_classes[i].value;
        g->label = size_classes[i].label;
        group_spread(f, g, in_size);
    }
    const char **names = arena_alloc(a, (f->n_munis + 1) * sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < f->n_munis; i++) {
        const char *p = f->munis[i].muni->province;
        if (!p || f->munis[i].level < SHARE_ANONYMOUS) continue;
        size_t k = 0;
        while (k < n && strcmp(names[k], p) != 0) k++;
        if (k == n) names[n++] = p;
    }
    qsort(names, n, sizeof *names, by_text);
    f->province_groups = arena_alloc(a, (n + 1) * sizeof *f->province_groups);
    for (size_t i = 0; i < n; i++) {
        NationalGroup *g = &f->province_groups[f->n_province_groups++];
        g->key = g->label = names[i];
        group_spread(f, g, in_province);
    }
    f->all.key = "";
    f->all.label = "alle gemeenten";
    group_spread(f, &f->all, in_all);
}

const NationalGroup *national_size_group(const NationalFigures *f, const NationalMuni *m)
{
    for (size_t i = 0; i < f->n_size_groups; i++)
        if (in_size(m, f->size_groups[i].key)) return &f->size_groups[i];
    return NULL;
}

const NationalGroup *national_province_group(const NationalFigures *f, const NationalMuni *m)
{
    for (size_t i = 0; i < f->n_province_groups; i++)
        if (in_province(m, f->province_groups[i].key)) return &f->province_groups[i];
    return NULL;
}

/* ---- all of it ---- */

static void grid_init(const NationalInput *in, size_t n, Arena *a, NationalFigures *f, Grid *g)
{
    const MuniData *d0 = n ? in[0].d : NULL;
    f->first_year = d0 ? d0->scheme.first_year : 0;
    f->last_year = d0 ? d0->scheme.last_year : 0;
    g->first = f->first_year;
    g->n_years = d0 ? f->last_year - f->first_year + 1 : 0;
    f->n_years = (size_t)g->n_years;
    f->years = arena_alloc(a, (f->n_years + 1) * sizeof *f->years);
    for (size_t y = 0; y < f->n_years; y++) f->years[y].year = f->first_year + (int)y;
    g->n_lines = (d0 ? d0->n_actielijnen : 0) + 1;
    g->numbers = arena_alloc(a, g->n_lines * sizeof *g->numbers);
    f->lines = arena_alloc(a, g->n_lines * sizeof *f->lines);
    f->n_lines = g->n_lines;
    for (size_t l = 0; l < g->n_lines; l++) {
        NationalLine *line = &f->lines[l];
        int last = l + 1 == g->n_lines;
        line->number = g->numbers[l] = last ? 0 : d0->actielijnen[l].number;
        line->name = last ? "zonder verdeling, of meer dan één actielijn" : d0->actielijnen[l].name;
        line->allocated = arena_alloc(a, (f->n_years + 1) * sizeof *line->allocated);
        line->planned = arena_alloc(a, (f->n_years + 1) * sizeof *line->planned);
        line->realised = arena_alloc(a, (f->n_years + 1) * sizeof *line->realised);
    }
}

int national_compute(const NationalInput *in, size_t n, int current_year, Arena *a,
                     NationalFigures *out, PokErr *err)
{
    memset(out, 0, sizeof *out);
    Grid g = {0};
    grid_init(in, n, a, out, &g);
    out->munis = arena_alloc(a, (n + 1) * sizeof *out->munis);
    Sum s = {0};
    for (size_t i = 0; i < n; i++) {
        const MuniData *d = in[i].d;
        NationalMuni *m = &out->munis[out->n_munis++];
        m->muni = &d->muni;
        m->level = in[i].level;
        m->generated = in[i].generated;
        m->inhabitants = in[i].inhabitants;
        m->inhabitants_year = in[i].inhabitants_year;
        m->size_class = in[i].inhabitants > 0 ? size_class_of(in[i].inhabitants) : NULL;
        m->has_figures = d->n_allocations > 0 || d->n_measures > 0;
        out->n_generated += m->generated != 0;
        if (m->level < SHARE_ANONYMOUS) continue;
        Coverage c;
        if (coverage_compute(d, a, &c, err) || municipality_totals(d, &c, a, &m->totals, err))
            return -1;
        muni_spending(d, &s, m);
        muni_metrics(m);
        if (completeness_compute(d, current_year, a, &m->completeness, err)) return -1;
        out->complete_expected += m->completeness.expected;
        out->complete_present += m->completeness.present;
        out->complete_n++;
        out->complete_n_anon += m->level == SHARE_ANONYMOUS;
        int anon = m->level == SHARE_ANONYMOUS;
        add_lines(&g, d, anon, out, &s);
        add_years(&g, &c, m, anon, out, &s, a, err);
        if (s.overflow) break;
    }
    if (s.overflow)
        return err_set(err, "bedragen te groot: de landelijke som past niet in het rekenbereik");
    groups(out, a);
    return 0;
}
