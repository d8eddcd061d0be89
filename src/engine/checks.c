/* checks.c: findings about one municipality's figures, each with the amounts that prove
 * it in plain Dutch: gaps in coverage, money without a destination, unexplained
 * differences, changed allocations and documents whose own totals do not add up. */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../money.h"

const char *severity_name(Severity s)
{
    switch (s) {
    case SEV_ERROR:
        return "fout";
    case SEV_WARNING:
        return "waarschuwing";
    case SEV_INFO:
        return "info";
    }
    return "?";
}

static Severity kind_severity(CheckKind k);

/* ---- the list of findings and formatting helpers ---- */

typedef struct Findings {
    Arena *a;
    Finding *items;
    size_t n, cap;
} Findings;

static Finding *finding_add(Findings *fs, CheckKind kind, int year, int64_t pot_id,
                            const char *pot_name)
{
    fs->items = arena_grow(fs->a, fs->items, sizeof *fs->items, &fs->cap, fs->n + 1);
    Finding *f = &fs->items[fs->n++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->severity = kind_severity(kind);
    f->year = year;
    if (year) {
        int *years = arena_alloc(fs->a, sizeof *years);
        years[0] = year;
        f->years = years;
        f->n_years = 1;
    }
    f->pot_id = pot_id;
    f->pot_name = pot_name;
    return f;
}

/* Amounts in messages: "€ 12.000" (cents only when there are any). */
typedef struct Euros {
    char s[MONEY_BUFSZ];
} Euros;

static Euros eur(int64_t cents)
{
    Euros e = {{0}};
    money_format(cents, MONEY_EURO | MONEY_WHOLE, e.s);
    return e;
}

static int64_t abs_diff(int64_t a, int64_t b)
{
    int64_t d;
    if (__builtin_sub_overflow(a, b, &d) || d == INT64_MIN) return INT64_MAX;
    return d < 0 ? -d : d;
}

static const char *const month_names[] = {"januari",   "februari", "maart",    "april",
                                          "mei",       "juni",     "juli",     "augustus",
                                          "september", "oktober",  "november", "december"};

/* "2024-04-24" -> "24 april 2024"; anything else is shown as it is. */
static const char *dutch_date(Arena *a, const char *iso)
{
    int y, m, dd;
    char rest;
    if (iso && sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &dd, &rest) == 3 && m >= 1 && m <= 12 &&
        dd >= 1 && dd <= 31)
        return arena_printf(a, "%d %s %d", dd, month_names[m - 1], y);
    return iso ? iso : "(geen datum)";
}

/* A source as a reader finds it: its title (or reference), and the place in it. */
static const char *source_label(const MuniData *d, Arena *a, Citation c)
{
    const Source *s = c.source_id ? muni_source(d, c.source_id) : NULL;
    const char *name = s ? (s->title ? s->title : s->reference) : NULL;
    if (!name && c.source_id) name = arena_printf(a, "bron %lld", (long long)c.source_id);
    if (!name) return c.place ? c.place : "onbekende bron";
    if (c.place && *c.place) return arena_printf(a, "%s, %s", name, c.place);
    return name;
}

static const char *years_label(Arena *a, int from, int to)
{
    if (to == 0 || to == from) return arena_printf(a, "%d", from);
    return arena_printf(a, "%d-%d", from, to);
}

static const char *measure_name(const Measure *m)
{
    return m && m->name ? m->name : "(zonder naam)";
}

static const CoveragePot *coverage_pot(const Coverage *c, int64_t pot_id)
{
    for (size_t i = 0; i < c->n_pots; i++)
        if (c->pots[i].pot_id == pot_id) return &c->pots[i];
    return NULL;
}

static const Pot *muni_pot(const MuniData *d, int64_t pot_id)
{
    for (size_t i = 0; i < d->n_pots; i++)
        if (d->pots[i].id == pot_id) return &d->pots[i];
    return NULL;
}

static int overflow(PokErr *err, const char *what)
{
    return err_set(err, "bedragen te groot: de som van %s past niet in het rekenbereik", what);
}

/* ---- checks on the coverage table ---- */

/* Spending nothing covers, within the scheme's period (want_past 0) or after it (1). */
static void shortfall(const MuniData *d, const CoveragePot *p, const CoverageYear *y, Findings *fs,
                      int want_past)
{
    if (y->shortfall <= 0) return;
    int past = d->scheme.last_year != 0 && y->year > d->scheme.last_year;
    if (past != want_past) return;
    Finding *f = finding_add(fs, past ? CHECK_PAST_PERIOD_UNCOVERED : CHECK_SHORTFALL, y->year,
                             p->pot_id, p->name);
    f->amount = y->shortfall;
    f->expected = y->spending;
    f->actual = y->from_allocation + y->reserve_withdrawal;
    int64_t reserve = y->reserve_start > 0 ? y->reserve_start : 0;
    if (past)
        f->message = arena_printf(
            fs->a,
            "%d: tekort van %s in pot %s na de looptijd van de regeling (t/m %d): de "
            "uitgaven (%s) zijn niet gedekt door de toekenning (%s) en de reserve (%s).",
            y->year, eur(y->shortfall).s, p->name, d->scheme.last_year, eur(y->spending).s,
            eur(y->allocation).s, eur(reserve).s);
    else
        f->message =
            arena_printf(fs->a,
                         "%d: tekort van %s in pot %s: de uitgaven (%s) zijn niet gedekt door de "
                         "toekenning (%s) en de reserve (%s).",
                         y->year, eur(y->shortfall).s, p->name, eur(y->spending).s,
                         eur(y->allocation).s, eur(reserve).s);
}

static void check_shortfall(const MuniData *d, const CoveragePot *p, size_t i, Findings *fs)
{
    shortfall(d, p, &p->years[i], fs, 0);
}

static void check_past_period(const MuniData *d, const CoveragePot *p, size_t i, Findings *fs)
{
    shortfall(d, p, &p->years[i], fs, 1);
}

/* The period allocation of p that ends in year, or NULL. */
static const CoveragePeriod *period_ending(const CoveragePot *p, int year)
{
    for (size_t k = 0; k < p->n_periods; k++)
        if (p->periods[k].year_to == year) return &p->periods[k];
    return NULL;
}

static void check_unplanned(const MuniData *d, const CoveragePot *p, size_t i, Findings *fs)
{
    const CoverageYear *y = &p->years[i];
    if (y->unplanned <= 0) return;
    Finding *f = finding_add(fs, CHECK_UNPLANNED, y->year, p->pot_id, p->name);
    f->amount = y->unplanned;
    const CoveragePeriod *pd = period_ending(p, y->year);
    const char *with = pd ? arena_printf(fs->a, " (met wat over is van de toekenning voor %d-%d)",
                                         pd->year_from, pd->year_to)
                          : "";
    f->message = arena_printf(fs->a,
                              "%d: %s zonder bestemming in pot %s%s: er zijn geen geplande "
                              "bedragen die dit geld gebruiken.",
                              y->year, eur(y->unplanned).s, p->name, with);
}

static const char *years_list(Arena *a, const int *years, size_t n);

/* Years that have passed (before the current year, SOURCE_DATE_EPOCH honoured) whose
 * figures are still plans: no realised spending recorded and not closed. Only years with
 * money or plans count. One finding per pot, naming the years and what was budgeted. */
static void year_not_realised(const CoveragePot *p, int current_year, Findings *fs)
{
    int *years = arena_alloc(fs->a, (p->n_years + 1) * sizeof *years);
    size_t n = 0;
    int64_t planned = 0;
    Buf each = {0};
    for (size_t i = 0; i < p->n_years; i++) {
        const CoverageYear *y = &p->years[i];
        if (y->year >= current_year || y->closed || y->realised != 0) continue;
        if (y->planned <= 0 && y->allocation <= 0 && !y->allocation_unknown) continue;
        years[n++] = y->year;
        planned += y->planned; /* each plan sum fits: the coverage table added them */
        if (y->planned > 0)
            buf_printf(&each, "%s%d %s", each.len ? ", " : "", y->year, eur(y->planned).s);
    }
    if (n > 0) {
        Finding *f = finding_add(fs, CHECK_YEAR_NOT_REALISED, years[0], p->pot_id, p->name);
        f->years = years;
        f->n_years = n;
        f->amount = f->expected = planned;
        const char *budget = each.len ? arena_printf(fs->a, " (begroot: %s)", each.data) : "";
        f->message = arena_printf(
            fs->a,
            "%s: %s voorbij, maar in pot %s is geen gerealiseerde uitgave vastgelegd en %s "
            "niet afgesloten%s. Leg de realisatie vast en sluit %s af.",
            years_list(fs->a, years, n), n == 1 ? "dit jaar is" : "deze jaren zijn", p->name,
            n == 1 ? "het jaar is" : "ze zijn", budget, n == 1 ? "het jaar" : "de jaren");
    }
    buf_free(&each);
}

static int check_year_not_realised(const MuniData *d, const Coverage *c, Findings *fs, PokErr *err)
{
    char today[11];
    date_today(today);
    int current_year = atoi(today);
    for (size_t i = 0; i < c->n_pots; i++) year_not_realised(&c->pots[i], current_year, fs);
    return 0;
}

/* Once per period allocation of a pot: its split over the years is not known, so neither
 * is any one year's allocation; what the period covers is told. */
static void period_split(const CoveragePot *p, Findings *fs)
{
    for (size_t k = 0; k < p->n_periods; k++) {
        const CoveragePeriod *pd = &p->periods[k];
        int64_t spent = 0;
        for (size_t j = 0; j < p->n_years; j++)
            if (p->years[j].year >= pd->year_from && p->years[j].year <= pd->year_to)
                spent += p->years[j].from_period; /* each <= the period's amount */
        if (spent > pd->amount) spent = pd->amount;
        Finding *f = finding_add(fs, CHECK_PERIOD_SPLIT_UNKNOWN, 0, p->pot_id, p->name);
        f->amount = pd->amount;
        f->actual = spent;
        f->message = arena_printf(fs->a,
                                  "Voor %d-%d is %s toegekend zonder verdeling over de jaren: "
                                  "wat er per jaar beschikbaar is, is daarom onbekend. Over de "
                                  "hele periode zijn uitgaven van %s uit dit bedrag gedekt; %s "
                                  "is nog niet besteed.",
                                  pd->year_from, pd->year_to, eur(pd->amount).s, eur(spent).s,
                                  eur(pd->amount - spent).s);
    }
}

static int check_period_split(const MuniData *d, const Coverage *c, Findings *fs, PokErr *err)
{
    for (size_t i = 0; i < c->n_pots; i++) period_split(&c->pots[i], fs);
    return 0;
}

static void check_unexplained(const MuniData *d, const CoveragePot *p, size_t i, Findings *fs)
{
    const CoverageYear *y = &p->years[i];
    if (!y->closed || y->unexplained <= 0) return;
    Finding *f = finding_add(fs, CHECK_UNEXPLAINED, y->year, p->pot_id, p->name);
    f->amount = y->unexplained;
    f->expected = y->reserve_deposit + y->unexplained; /* the surplus */
    f->actual = y->reserve_deposit;
    const char *in_pot = d->n_pots ? arena_printf(fs->a, " in pot %s", p->name) : "";
    if (y->reserve_deposit > 0)
        f->message = arena_printf(
            fs->a,
            "%d: %s niet besteed en niet verantwoord%s: toegekend %s, gerealiseerd %s, in de "
            "reserve gestort %s; geen besluit zegt waar de rest is gebleven.",
            y->year, eur(y->unexplained).s, in_pot, eur(y->allocation).s, eur(y->spending).s,
            eur(y->reserve_deposit).s);
    else
        f->message = arena_printf(fs->a,
                                  "%d: %s niet besteed en niet verantwoord%s: toegekend %s, "
                                  "gerealiseerd %s; geen besluit zegt waar het verschil is "
                                  "gebleven.",
                                  y->year, eur(y->unexplained).s, in_pot, eur(y->allocation).s,
                                  eur(y->spending).s);
}

static const ReserveOpening *find_opening(const MuniData *d, int64_t pot_id, int year)
{
    const ReserveOpening *found = NULL;
    for (size_t i = 0; i < d->n_openings; i++) {
        const ReserveOpening *ro = &d->openings[i];
        if (ro->year == year && (d->n_pots == 0 || ro->pot_id == pot_id)) found = ro;
    }
    return found;
}

static void check_opening(const MuniData *d, const CoveragePot *p, size_t i, Findings *fs)
{
    const CoverageYear *y = &p->years[i];
    if (i == 0 || !y->has_opening || y->computed_start == y->reserve_start) return;
    Finding *f = finding_add(fs, CHECK_OPENING_DIFFERS, y->year, p->pot_id, p->name);
    f->expected = y->computed_start;
    f->actual = y->reserve_start;
    f->amount = abs_diff(y->reserve_start, y->computed_start);
    const ReserveOpening *ro = find_opening(d, p->pot_id, y->year);
    if (ro) f->cite = ro->cite;
    f->message = arena_printf(fs->a,
                              "%d: het beginsaldo van de reserve in pot %s is vastgelegd als %s, "
                              "maar volgens de cijfers van %d is er %s over: verschil %s.",
                              y->year, p->name, eur(y->reserve_start).s, y->year - 1,
                              eur(y->computed_start).s, eur(f->amount).s);
}

static void check_recorded_deposit(const MuniData *d, const CoveragePot *p, size_t i, Findings *fs)
{
    const CoverageYear *y = &p->years[i];
    int64_t surplus = y->reserve_deposit + y->unexplained;
    if (!y->closed || y->recorded_deposit <= surplus) return;
    Finding *f = finding_add(fs, CHECK_RECORDED_DEPOSIT_EXCEEDS, y->year, p->pot_id, p->name);
    f->expected = surplus;
    f->actual = y->recorded_deposit;
    f->amount = abs_diff(y->recorded_deposit, surplus);
    f->message = arena_printf(
        fs->a,
        "%d: besluiten storten %s in de reserve van pot %s, maar er bleef maar %s over "
        "(toegekend %s, gerealiseerd %s): %s te veel.",
        y->year, eur(y->recorded_deposit).s, p->name, eur(surplus).s, eur(y->allocation).s,
        eur(y->spending).s, eur(f->amount).s);
}

/* ---- checks on measures ---- */

static const char *pot_name_of(const Coverage *c, int64_t pot_id)
{
    const CoveragePot *p = pot_id >= 0 ? coverage_pot(c, pot_id) : NULL;
    return p ? p->name : NULL;
}

static int cmp_amount_ptr(const void *x, const void *y)
{
    const MeasureAmount *a = *(const MeasureAmount *const *)x,
                        *b = *(const MeasureAmount *const *)y;
    if (a->measure_id != b->measure_id)
        return (a->measure_id > b->measure_id) - (a->measure_id < b->measure_id);
    if (a->year != b->year) return (a->year > b->year) - (a->year < b->year);
    return ((int)a->kind > (int)b->kind) - ((int)a->kind < (int)b->kind);
}

static void realised_below(const MuniData *d, const Coverage *c, const Measure *m, int year,
                           int64_t plan, int64_t realised, Citation cite, Findings *fs)
{
    int64_t pot_id = coverage_measure_pot(d, m);
    Finding *f = finding_add(fs, CHECK_REALISED_BELOW_PLAN, year, pot_id, pot_name_of(c, pot_id));
    f->record_id = m->id;
    f->expected = plan;
    f->actual = realised;
    f->amount = abs_diff(plan, realised);
    f->cite = cite;
    /* Whole percent, rounded down; realised * 100 was checked not to overflow. */
    long long pct = realised > 0 ? (long long)(realised * 100 / plan) : 0;
    f->message = arena_printf(fs->a,
                              "%d: maatregel '%s' gerealiseerd %s van gepland %s (%lld%%), "
                              "minder dan %d%% van het plan.",
                              year, measure_name(m), eur(realised).s, eur(plan).s, pct,
                              CHECK_REALISED_BELOW_PCT);
}

/* Per measure and closed year: realised below CHECK_REALISED_BELOW_PCT percent of plan. */
static int check_realised(const MuniData *d, const Coverage *c, Findings *fs, PokErr *err)
{
    if (d->n_amounts == 0) return 0;
    const MeasureAmount **sorted = xmalloc(d->n_amounts * sizeof *sorted);
    for (size_t i = 0; i < d->n_amounts; i++) sorted[i] = &d->amounts[i];
    qsort(sorted, d->n_amounts, sizeof *sorted, cmp_amount_ptr);
    int rc = 0;
    for (size_t i = 0; i < d->n_amounts && rc == 0;) {
        size_t j = i;
        int64_t plan = 0, realised = 0;
        Citation cite = {0, NULL};
        for (; j < d->n_amounts && sorted[j]->measure_id == sorted[i]->measure_id &&
               sorted[j]->year == sorted[i]->year;
             j++) {
            const MeasureAmount *ma = sorted[j];
            if (ma->kind == AMOUNT_PLAN && money_add(plan, ma->amount_cents, &plan) < 0)
                rc = overflow(err, "de geplande bedragen");
            if (ma->kind == AMOUNT_REALISED) {
                if (money_add(realised, ma->amount_cents, &realised) < 0)
                    rc = overflow(err, "de gerealiseerde bedragen");
                cite = ma->cite;
            }
        }
        const Measure *m = muni_measure(d, sorted[i]->measure_id);
        int year = sorted[i]->year;
        i = j;
        if (rc < 0 || !m || plan <= 0 || !muni_year_closed(d, year)) continue;
        int64_t lhs, rhs;
        if (__builtin_mul_overflow(realised, (int64_t)100, &lhs) ||
            __builtin_mul_overflow(plan, (int64_t)CHECK_REALISED_BELOW_PCT, &rhs)) {
            rc = overflow(err, "de bedragen van een maatregel");
            break;
        }
        if (lhs < rhs) realised_below(d, c, m, year, plan, realised, cite, fs);
    }
    free(sorted);
    return rc;
}

static int has_evaluation(const MuniData *d, int64_t measure_id)
{
    for (size_t i = 0; i < d->n_evaluations; i++)
        if (d->evaluations[i].measure_id == measure_id) return 1;
    return 0;
}

static int check_ended(const MuniData *d, const Coverage *c, Findings *fs, PokErr *err)
{
    for (size_t i = 0; i < d->n_measures; i++) {
        const Measure *m = &d->measures[i];
        if (!measure_status_ended(m->status) || has_evaluation(d, m->id)) continue;
        int64_t pot_id = coverage_measure_pot(d, m);
        Finding *f =
            finding_add(fs, CHECK_ENDED_WITHOUT_EVALUATION, 0, pot_id, pot_name_of(c, pot_id));
        f->record_id = m->id;
        f->cite = m->cite;
        f->message = arena_printf(fs->a,
                                  "Maatregel '%s' is %s, maar er is geen evaluatie vastgelegd: "
                                  "wat heeft hij opgeleverd?",
                                  measure_name(m), m->status);
    }
    return 0;
}

/* What the measure's money counts as: realised in closed years, plan in open years. */
static int measure_spending(const MuniData *d, const Measure *m, int64_t *out, PokErr *err)
{
    *out = 0;
    for (size_t i = 0; i < d->n_amounts; i++) {
        const MeasureAmount *ma = &d->amounts[i];
        if (ma->measure_id != m->id) continue;
        AmountKind counted = muni_year_closed(d, ma->year) ? AMOUNT_REALISED : AMOUNT_PLAN;
        if (ma->kind == counted && money_add(*out, ma->amount_cents, out) < 0)
            return overflow(err, "de uitgaven van een maatregel");
    }
    return 0;
}

static int check_unplaced(const MuniData *d, const Coverage *c, Findings *fs, PokErr *err)
{
    for (size_t i = 0; i < c->n_unplaced; i++) {
        const Measure *m = muni_measure(d, c->unplaced_measure_ids[i]);
        Finding *f = finding_add(fs, CHECK_MEASURE_WITHOUT_POT, 0, -1, NULL);
        f->record_id = c->unplaced_measure_ids[i];
        if (!m) {
            f->message =
                arena_printf(fs->a, "Maatregel %lld hoort bij geen pot.", (long long)f->record_id);
            continue;
        }
        f->cite = m->cite;
        if (measure_spending(d, m, &f->amount, err) < 0) return -1;
        const char *why;
        if (m->pot_id != 0)
            why = arena_printf(fs->a, "pot %lld bestaat niet", (long long)m->pot_id);
        else if (m->n_actielijnen == 0)
            why = "de maatregel heeft geen actielijn en geen pot";
        else {
            const Actielijn *al = muni_actielijn(d, m->actielijn_ids[0]);
            why = arena_printf(fs->a, "geen pot bevat actielijn %d", al ? al->number : 0);
        }
        f->message = arena_printf(fs->a,
                                  "Maatregel '%s' hoort bij geen pot (%s): de uitgaven (%s) tellen "
                                  "niet mee in het dekkingsoverzicht.",
                                  measure_name(m), why, eur(f->amount).s);
    }
    return 0;
}

/* ---- allocations: changed by a later circulaire ---- */

static int cmp_allocation_ptr(const void *x, const void *y)
{
    const Allocation *a = *(const Allocation *const *)x, *b = *(const Allocation *const *)y;
    if (a->actielijn_id != b->actielijn_id)
        return (a->actielijn_id > b->actielijn_id) - (a->actielijn_id < b->actielijn_id);
    if (a->year != b->year) return (a->year > b->year) - (a->year < b->year);
    int la = allocation_last_year(a), lb = allocation_last_year(b);
    if (la != lb) return (la > lb) - (la < lb);
    return (a->version > b->version) - (a->version < b->version);
}

static int64_t allocation_pot(const MuniData *d, const Allocation *al)
{
    if (d->n_pots == 0) return 0;
    for (size_t i = 0; i < d->n_pots; i++)
        for (size_t j = 0; j < d->pots[i].n_actielijnen; j++)
            if (d->pots[i].actielijn_ids[j] == al->actielijn_id) return d->pots[i].id;
    return -1;
}

static void allocation_changed(const MuniData *d, const Coverage *c, const Allocation *older,
                               const Allocation *newer, Findings *fs)
{
    int64_t pot_id = allocation_pot(d, newer);
    Finding *f =
        finding_add(fs, CHECK_ALLOCATION_CHANGED, newer->year, pot_id, pot_name_of(c, pot_id));
    f->record_id = newer->id;
    f->expected = older->amount_cents;
    f->actual = newer->amount_cents;
    f->amount = abs_diff(newer->amount_cents, older->amount_cents);
    f->cite = newer->cite;
    const Actielijn *line = muni_actielijn(d, newer->actielijn_id);
    int number = newer->actielijn_number ? newer->actielijn_number : line ? line->number : 0;
    const char *name = line && line->name ? arena_printf(fs->a, " (%s)", line->name) : "";
    f->message =
        arena_printf(fs->a,
                     "%s: toekenning voor actielijn %d%s gewijzigd van %s naar %s "
                     "(%s %s); bron van het nieuwe bedrag: %s.",
                     years_label(fs->a, newer->year, newer->year_to), number, name,
                     eur(older->amount_cents).s, eur(newer->amount_cents).s, eur(f->amount).s,
                     newer->amount_cents > older->amount_cents ? "meer" : "minder",
                     source_label(d, fs->a, newer->cite));
}

static int check_allocation_versions(const MuniData *d, const Coverage *c, Findings *fs,
                                     PokErr *err)
{
    if (d->n_allocations < 2) return 0;
    const Allocation **sorted = xmalloc(d->n_allocations * sizeof *sorted);
    for (size_t i = 0; i < d->n_allocations; i++) sorted[i] = &d->allocations[i];
    qsort(sorted, d->n_allocations, sizeof *sorted, cmp_allocation_ptr);
    for (size_t i = 1; i < d->n_allocations; i++) {
        const Allocation *older = sorted[i - 1], *newer = sorted[i];
        if (older->actielijn_id == newer->actielijn_id && older->year == newer->year &&
            allocation_last_year(older) == allocation_last_year(newer) &&
            older->amount_cents != newer->amount_cents)
            allocation_changed(d, c, older, newer, fs);
    }
    free(sorted);
    return 0;
}

/* ---- figures stated in documents ---- */

typedef struct Recomputed {
    int found; /* pok has figures to compute from */
    int64_t value;
    int64_t reserve;    /* AVAILABLE: the reserve part */
    int64_t allocation; /* AVAILABLE: the allocation part */
} Recomputed;

static int stated_allocation(const MuniData *d, const StatedFigure *sf, int to, Recomputed *r,
                             PokErr *err)
{
    const Pot *pot = sf->pot_id ? muni_pot(d, sf->pot_id) : NULL;
    if (sf->pot_id && !pot) return 0;
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        /* a period figure counts only when the stated years hold all of its period */
        if (!al->current || al->year < sf->year_from || allocation_last_year(al) > to) continue;
        if (sf->actielijn_id && al->actielijn_id != sf->actielijn_id) continue;
        if (pot) {
            int in = 0;
            for (size_t j = 0; j < pot->n_actielijnen; j++)
                if (pot->actielijn_ids[j] == al->actielijn_id) in = 1;
            if (!in) continue;
        }
        r->found = 1;
        if (money_add(r->value, al->amount_cents, &r->value) < 0)
            return overflow(err, "de toekenningen");
    }
    return 0;
}

static int stated_from_coverage(const Coverage *c, const StatedFigure *sf, int to, Recomputed *r,
                                PokErr *err)
{
    for (size_t i = 0; i < c->n_pots; i++) {
        const CoveragePot *p = &c->pots[i];
        if (sf->pot_id && p->pot_id != sf->pot_id) continue;
        for (size_t j = 0; j < p->n_years; j++) {
            const CoverageYear *y = &p->years[j];
            if (sf->kind == STATED_AVAILABLE && y->year == sf->year_from) {
                r->found = 1;
                if (money_add(r->reserve, y->reserve_start, &r->reserve) < 0 ||
                    money_add(r->allocation, y->allocation, &r->allocation) < 0)
                    return overflow(err, "de beschikbare bedragen");
            }
            if (sf->kind == STATED_SPENDING && y->year >= sf->year_from && y->year <= to) {
                r->found = 1;
                if (money_add(r->value, y->spending, &r->value) < 0)
                    return overflow(err, "de uitgaven");
            }
        }
    }
    if (sf->kind == STATED_AVAILABLE && money_add(r->reserve, r->allocation, &r->value) < 0)
        return overflow(err, "de beschikbare bedragen");
    return 0;
}

/* What the figure covers, for messages: "2021-2027 (actielijn 2) in pot X". */
static const char *stated_scope(const MuniData *d, const Coverage *c, const StatedFigure *sf,
                                Arena *a)
{
    const char *scope = years_label(a, sf->year_from, sf->year_to);
    if (sf->kind == STATED_ALLOCATION && sf->actielijn_id) {
        const Actielijn *line = muni_actielijn(d, sf->actielijn_id);
        scope = arena_printf(a, "%s (actielijn %d)", scope, line ? line->number : 0);
    }
    if (sf->pot_id) {
        const CoveragePot *p = coverage_pot(c, sf->pot_id);
        scope = p ? arena_printf(a, "%s in pot %s", scope, p->name)
                  : arena_printf(a, "%s in pot %lld", scope, (long long)sf->pot_id);
    }
    return scope;
}

/* One stated figure; reports it only as want (a mismatch, or a figure pok cannot check). */
static int check_stated_one(const MuniData *d, const Coverage *c, const StatedFigure *sf,
                            CheckKind want, Findings *fs, PokErr *err)
{
    int to = sf->year_to ? sf->year_to : sf->year_from;
    Recomputed r = {0, 0, 0, 0};
    int rc = sf->kind == STATED_ALLOCATION ? stated_allocation(d, sf, to, &r, err)
                                           : stated_from_coverage(c, sf, to, &r, err);
    if (rc < 0) return -1;
    if (r.found && r.value == sf->amount_cents) return 0;
    if ((r.found ? CHECK_STATED_MISMATCH : CHECK_STATED_UNVERIFIABLE) != want) return 0;
    const char *desc = sf->description ? sf->description : stated_kind_name(sf->kind);
    const char *pot_name = sf->pot_id ? pot_name_of(c, sf->pot_id) : NULL;
    Finding *f = finding_add(fs, r.found ? CHECK_STATED_MISMATCH : CHECK_STATED_UNVERIFIABLE,
                             sf->year_from, sf->pot_id ? sf->pot_id : -1, pot_name);
    f->record_id = sf->id;
    f->cite = sf->cite;
    f->actual = sf->amount_cents;
    const char *scope = stated_scope(d, c, sf, fs->a);
    if (!r.found) {
        const char *missing = arena_printf(
            fs->a, "%s voor %s",
            sf->kind == STATED_ALLOCATION ? "geen toekenningen" : "geen dekkingsoverzicht", scope);
        f->message = arena_printf(fs->a,
                                  "Het document noemt '%s' %s, maar er zijn %s vastgelegd om dit "
                                  "na te rekenen.",
                                  desc, eur(sf->amount_cents).s, missing);
        return 0;
    }
    f->expected = r.value;
    f->amount = abs_diff(r.value, sf->amount_cents);
    const char *computed;
    if (sf->kind == STATED_AVAILABLE)
        computed = arena_printf(fs->a, "reserve (%s) plus toekenning (%s) is %s", eur(r.reserve).s,
                                eur(r.allocation).s, eur(r.value).s);
    else
        computed = arena_printf(
            fs->a, "%s %s %s %s", sf->kind == STATED_ALLOCATION ? "de toekenningen" : "de uitgaven",
            scope, sf->kind == STATED_ALLOCATION ? "tellen op tot" : "zijn", eur(r.value).s);
    f->message = arena_printf(fs->a, "Het document noemt '%s' %s, maar %s: verschil %s.", desc,
                              eur(sf->amount_cents).s, computed, eur(f->amount).s);
    return 0;
}

static int check_stated(const MuniData *d, const Coverage *c, CheckKind want, Findings *fs,
                        PokErr *err)
{
    for (size_t i = 0; i < d->n_stated; i++)
        if (check_stated_one(d, c, &d->stated[i], want, fs, err) < 0) return -1;
    return 0;
}

static int check_stated_mismatch(const MuniData *d, const Coverage *c, Findings *fs, PokErr *err)
{
    return check_stated(d, c, CHECK_STATED_MISMATCH, fs, err);
}

static int check_stated_unverifiable(const MuniData *d, const Coverage *c, Findings *fs,
                                     PokErr *err)
{
    return check_stated(d, c, CHECK_STATED_UNVERIFIABLE, fs, err);
}

/* ---- requests ---- */

static int check_request_dates(const MuniData *d, const Coverage *c, Findings *fs, PokErr *err)
{
    for (size_t i = 0; i < d->n_requests; i++) {
        const Request *rq = &d->requests[i];
        const Source *letter = rq->letter_source_id ? muni_source(d, rq->letter_source_id) : NULL;
        if (!letter || !letter->date || !rq->date || strcmp(letter->date, rq->date) == 0) continue;
        Finding *f = finding_add(fs, CHECK_REQUEST_DATE_MISMATCH, 0, -1, NULL);
        f->record_id = rq->id;
        f->cite = rq->cite;
        Citation letter_cite = {letter->id, NULL};
        f->message =
            arena_printf(fs->a,
                         "Verzoek van %s is gedateerd %s, maar de brief zelf (bron: %s) is "
                         "van %s.",
                         rq->requester ? rq->requester : "(onbekend)", dutch_date(fs->a, rq->date),
                         source_label(d, fs->a, letter_cite), dutch_date(fs->a, letter->date));
    }
    return 0;
}

/* ---- order ---- */

typedef struct Ordered {
    Finding f;
    size_t seq;
} Ordered;

static int cmp_i64(int64_t a, int64_t b)
{
    return (a > b) - (a < b);
}

/* Severity (most severe first), then year, then kind; ties keep the order found. */
static int cmp_ordered(const void *x, const void *y)
{
    const Ordered *a = x, *b = y;
    int c;
    if ((c = cmp_i64(b->f.severity, a->f.severity))) return c;
    if ((c = cmp_i64(a->f.year, b->f.year))) return c;
    if ((c = cmp_i64(a->f.kind, b->f.kind))) return c;
    return cmp_i64((int64_t)a->seq, (int64_t)b->seq);
}

static void sort_findings(Finding *items, size_t n)
{
    if (n < 2) return;
    Ordered *o = xmalloc(n * sizeof *o);
    for (size_t i = 0; i < n; i++) {
        o[i].f = items[i];
        o[i].seq = i;
    }
    qsort(o, n, sizeof *o, cmp_ordered);
    for (size_t i = 0; i < n; i++) items[i] = o[i].f;
    free(o);
}

/* ---- the checks, as a table ---- */

/* One kind of finding: its stable code, its severity and the function that looks for it,
 * either once per pot and year of the coverage table (per_year) or once for the whole
 * municipality (per_muni). The years of one pot a per_year check finds become one
 * finding (group_years) that says `what` with the total and each year's amount, then
 * `why`. checks_run goes over this table in order; the findings are sorted afterwards
 * (sort_findings), so the order here only decides ties between equal findings of one
 * kind. A new check is a CheckKind, a function and a line here. */
typedef struct CheckDef {
    CheckKind kind;
    const char *code; /* stable English code of the JSON output */
    const char *name; /* what people read: the kind in plain Dutch, as a heading */
    Severity severity;
    void (*per_year)(const MuniData *d, const CoveragePot *p, size_t year, Findings *fs);
    int (*per_muni)(const MuniData *d, const Coverage *c, Findings *fs, PokErr *err);
    const char *what; /* per_year, several years: "tekort", after the total */
    const char *why;  /* per_year, several years: the closing clause */
} CheckDef;

static const CheckDef check_table[] = {
    {CHECK_SHORTFALL, "shortfall", "Uitgaven zonder dekking", SEV_ERROR, check_shortfall, NULL,
     "tekort", "de uitgaven zijn niet gedekt door de toekenning en de reserve"},
    {CHECK_PAST_PERIOD_UNCOVERED, "past_period_uncovered",
     "Uitgaven na de looptijd die de reserve niet dekt", SEV_ERROR, check_past_period, NULL,
     "tekort na de looptijd van de regeling",
     "de uitgaven zijn niet gedekt door de toekenning en de reserve"},
    {CHECK_UNPLANNED, "unplanned", "Geld zonder bestemming", SEV_WARNING, check_unplanned, NULL,
     "zonder bestemming", "er zijn geen geplande bedragen die dit geld gebruiken"},
    {CHECK_UNEXPLAINED, "unexplained", "Niet besteed geld zonder verklaring", SEV_ERROR,
     check_unexplained, NULL, "niet besteed en niet verantwoord",
     "geen besluit zegt waar dit geld is gebleven"},
    {CHECK_OPENING_DIFFERS, "opening_differs", "Beginstand van de reserve wijkt af", SEV_WARNING,
     check_opening, NULL,
     "verschil tussen het vastgelegde beginsaldo van de reserve en wat er over was",
     "controleer de beginsaldi"},
    {CHECK_RECORDED_DEPOSIT_EXCEEDS, "recorded_deposit_exceeds",
     "Meer in de reserve gestort dan er over was", SEV_WARNING, check_recorded_deposit, NULL,
     "meer in de reserve gestort dan er over was", "controleer de besluiten over de reserve"},
    {CHECK_YEAR_NOT_REALISED, "year_not_realised",
     "Een voorbij jaar zonder realisatie, niet afgesloten", SEV_WARNING, NULL,
     check_year_not_realised, NULL, NULL},
    {CHECK_PERIOD_SPLIT_UNKNOWN, "period_split_unknown",
     "Toekenning voor meer jaren, verdeling onbekend", SEV_INFO, NULL, check_period_split, NULL,
     NULL},
    {CHECK_REALISED_BELOW_PLAN, "realised_below_plan", "Veel minder uitgegeven dan begroot",
     SEV_WARNING, NULL, check_realised, NULL, NULL},
    {CHECK_ENDED_WITHOUT_EVALUATION, "ended_without_evaluation",
     "Afgeronde maatregel zonder evaluatie", SEV_WARNING, NULL, check_ended, NULL, NULL},
    {CHECK_ALLOCATION_CHANGED, "allocation_changed",
     "Toekenning gewijzigd door een latere circulaire", SEV_INFO, NULL, check_allocation_versions,
     NULL, NULL},
    {CHECK_STATED_MISMATCH, "stated_mismatch", "Een totaal in een document klopt niet", SEV_ERROR,
     NULL, check_stated_mismatch, NULL, NULL},
    {CHECK_STATED_UNVERIFIABLE, "stated_unverifiable",
     "Een totaal in een document is niet na te rekenen", SEV_INFO, NULL, check_stated_unverifiable,
     NULL, NULL},
    {CHECK_REQUEST_DATE_MISMATCH, "request_date_mismatch",
     "Verschillende data voor hetzelfde verzoek", SEV_WARNING, NULL, check_request_dates, NULL,
     NULL},
    {CHECK_MEASURE_WITHOUT_POT, "measure_without_pot", "Maatregel valt in geen pot", SEV_ERROR,
     NULL, check_unplaced, NULL, NULL},
};
#define N_CHECKS (sizeof check_table / sizeof check_table[0])

static const CheckDef *check_def(CheckKind k)
{
    for (size_t i = 0; i < N_CHECKS; i++)
        if (check_table[i].kind == k) return &check_table[i];
    return NULL;
}

const char *check_kind_code(CheckKind k)
{
    const CheckDef *def = check_def(k);
    return def ? def->code : "unknown";
}

const char *check_kind_name(CheckKind k)
{
    const CheckDef *def = check_def(k);
    return def ? def->name : "Bevinding";
}

const char *finding_years_label(const Finding *f, Arena *a)
{
    return f->n_years ? years_list(a, f->years, f->n_years) : "";
}

static Severity kind_severity(CheckKind k)
{
    const CheckDef *def = check_def(k);
    return def ? def->severity : SEV_INFO;
}

/* "2021-2023, 2025" for ascending years. */
static const char *years_list(Arena *a, const int *years, size_t n)
{
    Buf b = {0};
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && years[j + 1] == years[j] + 1) j++;
        buf_printf(&b, "%s%d", i ? ", " : "", years[i]);
        if (j > i) buf_printf(&b, "-%d", years[j]);
        i = j + 1;
    }
    const char *s = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return s;
}

/* The findings of one check in one pot's years (part[0..n-1], n >= 2) as one finding:
 * the years, the total and each year's amount. Appended to fs. */
static int group_years(const CheckDef *def, const CoveragePot *p, const Finding *part, size_t n,
                       Findings *fs, PokErr *err)
{
    int *years = arena_alloc(fs->a, n * sizeof *years);
    int64_t amount = 0, expected = 0, actual = 0;
    Buf each = {0};
    for (size_t i = 0; i < n; i++) {
        years[i] = part[i].year;
        if (money_add(amount, part[i].amount, &amount) < 0 ||
            money_add(expected, part[i].expected, &expected) < 0 ||
            money_add(actual, part[i].actual, &actual) < 0) {
            buf_free(&each);
            return overflow(err, "de bevindingen");
        }
        buf_printf(&each, "%s%d %s", i ? ", " : "", part[i].year, eur(part[i].amount).s);
    }
    Finding *f = finding_add(fs, def->kind, years[0], p->pot_id, p->name);
    f->years = years;
    f->n_years = n;
    f->amount = amount;
    f->expected = expected;
    f->actual = actual;
    f->cite = part[0].cite;
    f->message = arena_printf(fs->a, "%s: %s %s in pot %s (%s): %s.", years_list(fs->a, years, n),
                              eur(amount).s, def->what, p->name, each.data, def->why);
    buf_free(&each);
    return 0;
}

/* One per_year check over the years of one pot: one finding for all of them. */
static int check_pot_years(const MuniData *d, const CheckDef *def, const CoveragePot *p,
                           Findings *fs, PokErr *err)
{
    Findings part = {fs->a, NULL, 0, 0};
    for (size_t j = 0; j < p->n_years; j++) def->per_year(d, p, j, &part);
    if (part.n == 1) {
        fs->items = arena_grow(fs->a, fs->items, sizeof *fs->items, &fs->cap, fs->n + 1);
        fs->items[fs->n++] = part.items[0];
        return 0;
    }
    return part.n ? group_years(def, p, part.items, part.n, fs, err) : 0;
}

int checks_run(const MuniData *d, const Coverage *c, Arena *a, Finding **out, size_t *n,
               PokErr *err)
{
    Findings fs = {a, NULL, 0, 0};
    *out = NULL;
    *n = 0;
    for (size_t k = 0; k < N_CHECKS; k++) {
        const CheckDef *def = &check_table[k];
        if (def->per_muni && def->per_muni(d, c, &fs, err) < 0) return -1;
        for (size_t i = 0; def->per_year && i < c->n_pots; i++)
            if (check_pot_years(d, def, &c->pots[i], &fs, err) < 0) return -1;
    }
    sort_findings(fs.items, fs.n);
    *out = fs.items;
    *n = fs.n;
    return 0;
}
