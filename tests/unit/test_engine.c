/* test_engine.c: the coverage table, allocation matrix and checks, on MuniData built by
 * hand: the worked figures of domain.md to the cent, and each check on and off. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/engine.h"
#include "money.h"

#define EUR(x) ((int64_t)(x)*100)
#define MAXREC 64
/* Actielijn ids differ from their numbers, so mixing them up fails the tests. */
#define AL_ID(number) ((int64_t)(100 + (number)))

/* ---- fixture: one municipality's records, in fixed arrays so pointers stay valid ---- */

typedef struct Fx {
    MuniData d;
    Arena a; /* pot and measure link arrays, coverage and findings */
    Actielijn actielijnen[8];
    Allocation allocations[MAXREC];
    Pot pots[4];
    Measure measures[MAXREC];
    MeasureAmount amounts[MAXREC];
    ReserveOpening openings[8];
    ReserveMovement movements[MAXREC];
    ClosedYear closed[16];
    Request requests[4];
    Evaluation evaluations[4];
    StatedFigure stated[8];
    Source sources[8];
    int64_t next_id;
    Coverage cov;
    Finding *findings;
    size_t n_findings;
} Fx;

static const char *const actielijn_names[8] = {
    "Digitale overheid",        "Rechtsbescherming",      "Versterken leervermogen",
    "Versterking wijkteams",    "Integraal werken",       "Toekomstscenario",
    "Risicovol verward gedrag", "Ondersteuningsprogramma"};

static int fx_setup(void **state)
{
    Fx *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    fx->next_id = 1000;
    fx->d.muni.code = "GM0000";
    fx->d.muni.name = "Testgemeente";
    fx->d.scheme = (Scheme){1, "POK", "POK-middelen", 2021, 2027};
    for (int i = 0; i < 8; i++)
        fx->actielijnen[i] = (Actielijn){AL_ID(i + 1), 1, i + 1, actielijn_names[i], NULL, NULL};
    fx->d.actielijnen = fx->actielijnen;
    fx->d.n_actielijnen = 8;
    fx->d.allocations = fx->allocations;
    fx->d.pots = fx->pots;
    fx->d.measures = fx->measures;
    fx->d.amounts = fx->amounts;
    fx->d.openings = fx->openings;
    fx->d.movements = fx->movements;
    fx->d.closed = fx->closed;
    fx->d.requests = fx->requests;
    fx->d.evaluations = fx->evaluations;
    fx->d.stated = fx->stated;
    fx->d.sources = fx->sources;
    *state = fx;
    return 0;
}

static int fx_teardown(void **state)
{
    Fx *fx = *state;
    arena_free(&fx->a);
    free(fx);
    return 0;
}

static Allocation *add_alloc_version(Fx *fx, int number, int year, int64_t cents, int version,
                                     int current)
{
    assert_true(fx->d.n_allocations < MAXREC);
    Allocation *al = &fx->allocations[fx->d.n_allocations++];
    *al = (Allocation){.id = fx->next_id++,
                       .municipality = fx->d.muni.code,
                       .actielijn_id = AL_ID(number),
                       .actielijn_number = number,
                       .year = year,
                       .amount_cents = cents,
                       .version = version,
                       .current = current};
    return al;
}

static Allocation *add_alloc(Fx *fx, int number, int year, int64_t cents)
{
    return add_alloc_version(fx, number, year, cents, 1, 1);
}

/* Pot with the given actielijn numbers (terminated by 0). */
static int64_t add_pot(Fx *fx, int64_t id, const char *name, ...)
{
    assert_true(fx->d.n_pots < 4);
    Pot *p = &fx->pots[fx->d.n_pots++];
    p->id = id;
    p->name = name;
    p->actielijn_ids = arena_alloc(&fx->a, 8 * sizeof(int64_t));
    va_list ap;
    va_start(ap, name);
    for (int n; (n = va_arg(ap, int)) != 0;) p->actielijn_ids[p->n_actielijnen++] = AL_ID(n);
    va_end(ap);
    return id;
}

/* Measure with one actielijn (0 = none) and an explicit pot (0 = by actielijn). */
static int64_t add_measure(Fx *fx, const char *name, int64_t pot_id, int actielijn_number)
{
    assert_true(fx->d.n_measures < MAXREC);
    Measure *m = &fx->measures[fx->d.n_measures++];
    m->id = fx->next_id++;
    m->name = name;
    m->pot_id = pot_id;
    m->status = "lopend";
    if (actielijn_number) {
        m->actielijn_ids = arena_alloc(&fx->a, sizeof(int64_t));
        m->actielijn_ids[0] = AL_ID(actielijn_number);
        m->n_actielijnen = 1;
    }
    return m->id;
}

static void add_amount(Fx *fx, int64_t measure_id, int year, AmountKind kind, int64_t cents)
{
    assert_true(fx->d.n_amounts < MAXREC);
    fx->amounts[fx->d.n_amounts++] = (MeasureAmount){.id = fx->next_id++,
                                                     .measure_id = measure_id,
                                                     .year = year,
                                                     .kind = kind,
                                                     .amount_cents = cents};
}

static void add_plan(Fx *fx, int64_t measure_id, int year, int64_t cents)
{
    add_amount(fx, measure_id, year, AMOUNT_PLAN, cents);
}

static void add_realised(Fx *fx, int64_t measure_id, int year, int64_t cents)
{
    add_amount(fx, measure_id, year, AMOUNT_REALISED, cents);
}

static void add_opening(Fx *fx, int64_t pot_id, int year, int64_t cents)
{
    fx->openings[fx->d.n_openings++] = (ReserveOpening){.id = fx->next_id++,
                                                        .pot_id = pot_id,
                                                        .year = year,
                                                        .amount_cents = cents,
                                                        .cite = {77, "p. 2"}};
}

static void add_movement(Fx *fx, int64_t pot_id, ReserveKind kind, int year, int to_year,
                         int64_t cents)
{
    fx->movements[fx->d.n_movements++] = (ReserveMovement){.id = fx->next_id++,
                                                           .pot_id = pot_id,
                                                           .kind = kind,
                                                           .year = year,
                                                           .to_year = to_year,
                                                           .amount_cents = cents};
}

static void close_year(Fx *fx, int year)
{
    fx->closed[fx->d.n_closed++] = (ClosedYear){.municipality = fx->d.muni.code, .year = year};
}

static int64_t add_source(Fx *fx, const char *title, const char *date)
{
    Source *s = &fx->sources[fx->d.n_sources++];
    *s = (Source){.id = fx->next_id++, .kind = "brief", .title = title, .date = date};
    return s->id;
}

static int64_t add_stated(Fx *fx, StatedKind kind, int64_t actielijn_number, int64_t pot_id,
                          int from, int to, int64_t cents, const char *description)
{
    StatedFigure *sf = &fx->stated[fx->d.n_stated++];
    *sf = (StatedFigure){.id = fx->next_id++,
                         .kind = kind,
                         .actielijn_id = actielijn_number ? AL_ID(actielijn_number) : 0,
                         .pot_id = pot_id,
                         .year_from = from,
                         .year_to = to,
                         .amount_cents = cents,
                         .description = description};
    return sf->id;
}

static void compute(Fx *fx)
{
    PokErr err = {0};
    int rc = coverage_compute(&fx->d, &fx->a, &fx->cov, &err);
    if (rc != 0) fail_msg("coverage_compute: %s", err.msg);
}

static void run(Fx *fx)
{
    compute(fx);
    PokErr err = {0};
    int rc = checks_run(&fx->d, &fx->cov, &fx->a, &fx->findings, &fx->n_findings, &err);
    if (rc != 0) fail_msg("checks_run: %s", err.msg);
}

static const CoverageYear *cy(const Fx *fx, size_t pot, int year)
{
    assert_true(pot < fx->cov.n_pots);
    const CoveragePot *p = &fx->cov.pots[pot];
    for (size_t i = 0; i < p->n_years; i++)
        if (p->years[i].year == year) return &p->years[i];
    fail_msg("no year %d in pot %zu", year, pot);
    return NULL;
}

static size_t count_kind(const Fx *fx, CheckKind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < fx->n_findings; i++)
        if (fx->findings[i].kind == kind) n++;
    return n;
}

static const Finding *find_kind(const Fx *fx, CheckKind kind, int year)
{
    for (size_t i = 0; i < fx->n_findings; i++)
        if (fx->findings[i].kind == kind && fx->findings[i].year == year) return &fx->findings[i];
    fail_msg("no finding %s for %d", check_kind_code(kind), year);
    return NULL;
}

/* ---- the worked figures of domain.md ---- */

/* Overbetuwe GM1734: reserve 459.500 at the start of 2024, plan per goal. */
static void overbetuwe(Fx *fx)
{
    fx->d.muni.code = "GM1734";
    add_opening(fx, 0, 2024, EUR(459500));
    add_alloc(fx, 2, 2024, EUR(175000));
    add_alloc(fx, 2, 2025, EUR(180000));
    add_alloc(fx, 4, 2026, EUR(180000));
    add_alloc(fx, 4, 2027, EUR(180000));
    static const struct {
        const char *name;
        int64_t y2024, y2025, y2026;
    } goals[] = {
        {"Uitbreiding sociaal raadslieden", 62000, 70000, 0},
        {"Inzet stimulering zelfstandige Huiskamers", 165000, 100000, 0},
        {"Uitbreiding onafhankelijke cliëntondersteuning", 52500, 40000, 0},
        {"Uitbreiding financiële onderst. en thuisadmin.", 20000, 0, 0},
        {"Jobhunter", 100000, 0, 0},
        {"Implementatie hervormingsagenda", 0, 125000, 125000},
        {"Implementatie verordening sociaal domein", 0, 70000, 65000},
    };
    for (size_t i = 0; i < sizeof goals / sizeof goals[0]; i++) {
        int64_t m = add_measure(fx, goals[i].name, 0, 2);
        if (goals[i].y2024) add_plan(fx, m, 2024, EUR(goals[i].y2024));
        if (goals[i].y2025) add_plan(fx, m, 2025, EUR(goals[i].y2025));
        if (goals[i].y2026) add_plan(fx, m, 2026, EUR(goals[i].y2026));
    }
}

static void test_overbetuwe_coverage(void **state)
{
    Fx *fx = *state;
    overbetuwe(fx);
    compute(fx);
    assert_int_equal(fx->cov.n_pots, 1);
    const CoveragePot *p = &fx->cov.pots[0];
    assert_int_equal(p->pot_id, 0);
    assert_string_equal(p->name, "Alle middelen");
    assert_int_equal(p->n_actielijnen, 2);
    assert_int_equal(p->actielijn_numbers[0], 2);
    assert_int_equal(p->actielijn_numbers[1], 4);
    assert_int_equal(p->n_years, 4);
    assert_int_equal(p->years[0].year, 2024);
    assert_int_equal(fx->cov.n_unplaced, 0);

    static const struct {
        int year;
        int64_t allocation, planned, from_allocation, withdrawal, deposit, end, unplanned;
    } want[] = {
        {2024, 175000, 399500, 175000, 224500, 0, 235000, 0},
        {2025, 180000, 405000, 180000, 225000, 0, 10000, 0},
        {2026, 180000, 190000, 180000, 10000, 0, 0, 0},
        {2027, 180000, 0, 0, 0, 180000, 180000, 180000},
    };
    for (size_t i = 0; i < 4; i++) {
        const CoverageYear *y = cy(fx, 0, want[i].year);
        assert_int_equal(y->closed, 0);
        assert_int_equal(y->allocation, EUR(want[i].allocation));
        assert_int_equal(y->planned, EUR(want[i].planned));
        assert_int_equal(y->spending, EUR(want[i].planned));
        assert_int_equal(y->from_allocation, EUR(want[i].from_allocation));
        assert_int_equal(y->reserve_withdrawal, EUR(want[i].withdrawal));
        assert_int_equal(y->reserve_deposit, EUR(want[i].deposit));
        assert_int_equal(y->reserve_end, EUR(want[i].end));
        assert_int_equal(y->unplanned, EUR(want[i].unplanned));
        assert_int_equal(y->shortfall, 0);
        assert_int_equal(y->unexplained, 0);
    }
    const CoverageYear *y2024 = cy(fx, 0, 2024);
    assert_int_equal(y2024->has_opening, 1);
    assert_int_equal(y2024->reserve_start, EUR(459500));
    assert_int_equal(y2024->computed_start, 0);
    assert_int_equal(cy(fx, 0, 2025)->reserve_start, EUR(235000));
    assert_int_equal(cy(fx, 0, 2025)->computed_start, EUR(235000));

    const CoverageYear *t = &p->total;
    assert_int_equal(t->year, 0);
    assert_int_equal(t->allocation, EUR(715000));
    assert_int_equal(t->planned, EUR(994500));
    assert_int_equal(t->spending, EUR(994500));
    assert_int_equal(t->from_allocation, EUR(535000));
    assert_int_equal(t->reserve_withdrawal, EUR(459500));
    assert_int_equal(t->reserve_deposit, EUR(180000));
    assert_int_equal(t->unplanned, EUR(180000));
    assert_int_equal(t->shortfall, 0);
    assert_int_equal(t->reserve_start, EUR(459500));
    assert_int_equal(t->reserve_end, EUR(180000));
}

static void test_overbetuwe_checks(void **state)
{
    Fx *fx = *state;
    overbetuwe(fx);
    add_stated(fx, STATED_AVAILABLE, 0, 0, 2024, 2024, EUR(596437), "Totaal 2024");
    /* counter-cases: figures that add up give no finding */
    add_stated(fx, STATED_SPENDING, 0, 0, 2024, 2026, EUR(994500), "Totaal uitgaven");
    add_stated(fx, STATED_ALLOCATION, 0, 0, 2024, 2027, EUR(715000), "POK 2024-2027");
    add_stated(fx, STATED_AVAILABLE, 0, 0, 2025, 2025, EUR(415000), "Totaal 2025");
    run(fx);
    assert_int_equal(count_kind(fx, CHECK_SHORTFALL), 0);
    assert_int_equal(count_kind(fx, CHECK_OPENING_DIFFERS), 0);
    assert_int_equal(count_kind(fx, CHECK_UNPLANNED), 1);
    const Finding *f = find_kind(fx, CHECK_UNPLANNED, 2027);
    assert_int_equal(f->severity, SEV_WARNING);
    assert_int_equal(f->amount, EUR(180000));
    assert_int_equal(f->pot_id, 0);
    assert_string_equal(f->message, "2027: € 180.000 zonder bestemming in pot Alle middelen: er "
                                    "zijn geen geplande bedragen die dit geld gebruiken.");

    assert_int_equal(count_kind(fx, CHECK_STATED_MISMATCH), 1);
    f = find_kind(fx, CHECK_STATED_MISMATCH, 2024);
    assert_int_equal(f->severity, SEV_ERROR);
    assert_int_equal(f->record_id, fx->stated[0].id);
    assert_int_equal(f->expected, EUR(634500));
    assert_int_equal(f->actual, EUR(596437));
    assert_int_equal(f->amount, EUR(38063));
    assert_string_equal(f->message,
                        "Het document noemt 'Totaal 2024' € 596.437, maar reserve (€ 459.500) plus "
                        "toekenning (€ 175.000) is € 634.500: verschil € 38.063.");
    assert_int_equal(count_kind(fx, CHECK_STATED_UNVERIFIABLE), 0);
    assert_int_equal(fx->n_findings, 2);
    /* the error comes first */
    assert_int_equal(fx->findings[0].kind, CHECK_STATED_MISMATCH);
}

/* Olst-Wijhe GM1773: allocations per actielijn, two pots, spending past 2027. */
static void olst_wijhe(Fx *fx)
{
    fx->d.muni.code = "GM1773";
    static const int64_t lines[4][7] = {
        {19000, 20000, 22000, 22000, 22000, 22000, 22000},
        {5000, 5500, 5500, 5500, 5500, 5500, 5500},
        {32000, 33000, 33000, 33000, 33000, 38000, 38000},
        {25000, 4000, 2000, 0, 0, 0, 0},
    };
    for (int l = 0; l < 4; l++)
        for (int y = 0; y < 7; y++)
            if (lines[l][y]) add_alloc(fx, l + 2, 2021 + y, EUR(lines[l][y]));
    add_pot(fx, 1, "Actielijn 2", 2, 0);
    add_pot(fx, 2, "Actielijnen 3, 4 en 5", 3, 4, 5, 0);
    int64_t m = add_measure(fx, "Financiën de Baas", 0, 2); /* placed by its actielijn */
    for (int y = 2026; y <= 2029; y++) add_plan(fx, m, y, EUR(35000));
}

static void test_olst_wijhe_coverage(void **state)
{
    Fx *fx = *state;
    olst_wijhe(fx);
    compute(fx);
    assert_int_equal(fx->cov.n_pots, 2);
    assert_int_equal(coverage_measure_pot(&fx->d, &fx->measures[0]), 1);
    const CoveragePot *p1 = &fx->cov.pots[0];
    assert_int_equal(p1->pot_id, 1);
    assert_string_equal(p1->name, "Actielijn 2");
    assert_int_equal(p1->n_actielijnen, 1);
    assert_int_equal(p1->actielijn_numbers[0], 2);
    assert_int_equal(p1->n_years, 9);
    assert_int_equal(p1->years[0].year, 2021);
    assert_int_equal(p1->years[8].year, 2029);

    static const struct {
        int year;
        int64_t allocation, spending, deposit, withdrawal, end, unplanned;
    } want[] = {
        {2021, 19000, 0, 19000, 0, 19000, 0},     {2022, 20000, 0, 20000, 0, 39000, 0},
        {2023, 22000, 0, 22000, 0, 61000, 0},     {2024, 22000, 0, 22000, 0, 83000, 0},
        {2025, 22000, 0, 22000, 0, 105000, 9000}, {2026, 22000, 35000, 0, 13000, 92000, 0},
        {2027, 22000, 35000, 0, 13000, 79000, 0}, {2028, 0, 35000, 0, 35000, 44000, 0},
        {2029, 0, 35000, 0, 35000, 9000, 0},
    };
    for (size_t i = 0; i < 9; i++) {
        const CoverageYear *y = cy(fx, 0, want[i].year);
        assert_int_equal(y->allocation, EUR(want[i].allocation));
        assert_int_equal(y->spending, EUR(want[i].spending));
        assert_int_equal(y->reserve_deposit, EUR(want[i].deposit));
        assert_int_equal(y->reserve_withdrawal, EUR(want[i].withdrawal));
        assert_int_equal(y->reserve_end, EUR(want[i].end));
        assert_int_equal(y->unplanned, EUR(want[i].unplanned));
        assert_int_equal(y->shortfall, 0);
    }
    assert_int_equal(p1->total.allocation, EUR(149000));
    assert_int_equal(p1->total.unplanned, EUR(9000));
    assert_int_equal(p1->total.shortfall, 0);
    assert_int_equal(p1->total.reserve_end, EUR(9000));

    const CoveragePot *p2 = &fx->cov.pots[1];
    assert_int_equal(p2->pot_id, 2);
    assert_int_equal(p2->n_actielijnen, 3);
    assert_int_equal(p2->n_years, 7);
    assert_int_equal(p2->total.allocation, EUR(309000));
    assert_int_equal(p2->total.reserve_deposit, EUR(309000));
    assert_int_equal(p2->total.unplanned, EUR(309000));
    assert_int_equal(cy(fx, 1, 2021)->unplanned, EUR(62000));
    assert_int_equal(cy(fx, 1, 2022)->unplanned, EUR(42500));
    assert_int_equal(cy(fx, 1, 2027)->unplanned, EUR(43500));

    run(fx);
    assert_int_equal(count_kind(fx, CHECK_SHORTFALL), 0);
    assert_int_equal(count_kind(fx, CHECK_PAST_PERIOD_UNCOVERED), 0);
    assert_int_equal(count_kind(fx, CHECK_MEASURE_WITHOUT_POT), 0);
    const Finding *f = find_kind(fx, CHECK_UNPLANNED, 2025);
    assert_int_equal(f->pot_id, 1);
    assert_int_equal(f->amount, EUR(9000));
    assert_string_equal(f->pot_name, "Actielijn 2");
}

static void test_olst_wijhe_matrix(void **state)
{
    Fx *fx = *state;
    olst_wijhe(fx);
    /* an older version is not part of the matrix */
    add_alloc_version(fx, 2, 2021, EUR(1), 0, 0);
    AllocationMatrix m;
    PokErr err = {0};
    assert_int_equal(allocation_matrix(&fx->d, &fx->a, &m, &err), 0);
    assert_int_equal(m.first_year, 2021);
    assert_int_equal(m.last_year, 2027);
    assert_int_equal(m.n_years, 7);
    assert_int_equal(m.n_rows, 4);
    static const int64_t totals[4] = {149000, 38000, 240000, 31000};
    for (size_t r = 0; r < 4; r++) {
        assert_int_equal(m.rows[r].actielijn->number, (int)r + 2);
        assert_int_equal(m.rows[r].total, EUR(totals[r]));
    }
    assert_string_equal(m.rows[0].actielijn->name, "Rechtsbescherming");
    assert_int_equal(m.rows[0].cells[0], EUR(19000));
    assert_int_equal(m.rows[2].cells[5], EUR(38000));
    assert_int_equal(m.rows[3].present[2], 1);
    assert_int_equal(m.rows[3].present[3], 0);
    assert_int_equal(m.rows[3].cells[3], 0);
    assert_int_equal(m.year_totals[0], EUR(81000));
    assert_int_equal(m.year_totals[6], EUR(65500));
    assert_int_equal(m.grand_total, EUR(458000));
}

static void test_matrix_empty_and_unknown_actielijn(void **state)
{
    Fx *fx = *state;
    AllocationMatrix m;
    PokErr err = {0};
    assert_int_equal(allocation_matrix(&fx->d, &fx->a, &m, &err), 0);
    assert_int_equal(m.n_rows, 0);
    assert_int_equal(m.n_years, 0);
    assert_int_equal(m.grand_total, 0);
    fx->d.n_actielijnen = 0; /* actielijnen not loaded: rows still have a name */
    add_alloc(fx, 6, 2022, EUR(10));
    assert_int_equal(allocation_matrix(&fx->d, &fx->a, &m, &err), 0);
    assert_int_equal(m.n_rows, 1);
    assert_int_equal(m.rows[0].actielijn->number, 6);
    assert_string_equal(m.rows[0].actielijn->name, "actielijn 6");
}

/* Hillegom GM0534: closed years carried forward, 2023's remainder unexplained. */
static void hillegom(Fx *fx)
{
    fx->d.muni.code = "GM0534";
    add_alloc(fx, 4, 2021, EUR(105436));
    add_alloc(fx, 4, 2022, EUR(85352));
    add_alloc(fx, 4, 2023, EUR(84342));
    add_alloc(fx, 4, 2024, EUR(80794));
    close_year(fx, 2021);
    close_year(fx, 2022);
    close_year(fx, 2023);
    add_movement(fx, 0, RESERVE_TRANSFER, 2021, 2024, EUR(105436));
    add_movement(fx, 0, RESERVE_TRANSFER, 2022, 2024, EUR(85352));
    int64_t m = add_measure(fx, "Sociaal raadslieden", 0, 4);
    add_realised(fx, m, 2023, EUR(66983));
}

static void test_hillegom_coverage(void **state)
{
    Fx *fx = *state;
    hillegom(fx);
    compute(fx);
    const CoveragePot *p = &fx->cov.pots[0];
    assert_int_equal(p->n_years, 4);
    static const struct {
        int year, closed;
        int64_t spending, deposit, unexplained, end, unplanned;
    } want[] = {
        {2021, 1, 0, 105436, 0, 105436, 105436},
        {2022, 1, 0, 85352, 0, 190788, 85352},
        {2023, 1, 66983, 0, 17359, 190788, 0},
        {2024, 0, 0, 80794, 0, 271582, 80794},
    };
    for (size_t i = 0; i < 4; i++) {
        const CoverageYear *y = cy(fx, 0, want[i].year);
        assert_int_equal(y->closed, want[i].closed);
        assert_int_equal(y->spending, EUR(want[i].spending));
        assert_int_equal(y->reserve_deposit, EUR(want[i].deposit));
        assert_int_equal(y->unexplained, EUR(want[i].unexplained));
        assert_int_equal(y->reserve_end, EUR(want[i].end));
        assert_int_equal(y->unplanned, EUR(want[i].unplanned));
        assert_int_equal(y->reserve_withdrawal, 0);
    }
    assert_int_equal(cy(fx, 0, 2021)->recorded_deposit, EUR(105436));
    assert_int_equal(cy(fx, 0, 2023)->realised, EUR(66983));
    assert_int_equal(cy(fx, 0, 2023)->from_allocation, EUR(66983));
    assert_int_equal(p->total.unexplained, EUR(17359));
    assert_int_equal(p->total.recorded_deposit, EUR(190788));
}

static void test_hillegom_checks(void **state)
{
    Fx *fx = *state;
    hillegom(fx);
    run(fx);
    assert_int_equal(fx->n_findings, 2);
    const Finding *f = &fx->findings[0];
    assert_int_equal(f->kind, CHECK_UNEXPLAINED);
    assert_int_equal(f->severity, SEV_ERROR);
    assert_int_equal(f->year, 2023);
    assert_int_equal(f->amount, EUR(17359));
    assert_string_equal(f->message, "2023: € 17.359 niet besteed en niet verantwoord: toegekend "
                                    "€ 84.342, gerealiseerd € 66.983; geen besluit zegt waar het "
                                    "verschil is gebleven.");
    /* then the warning: the three years without destination as one finding */
    assert_int_equal(fx->findings[1].kind, CHECK_UNPLANNED);
    assert_int_equal(fx->findings[1].year, 2021);
    assert_int_equal(fx->findings[1].n_years, 3);
    assert_int_equal(fx->findings[1].years[2], 2024);
    assert_int_equal(fx->findings[1].amount, EUR(105436 + 85352 + 80794));
    assert_string_equal(fx->findings[1].message,
                        "2021-2022, 2024: € 271.582 zonder bestemming in pot Alle middelen (2021 "
                        "€ 105.436, 2022 € 85.352, 2024 € 80.794): er zijn geen geplande bedragen "
                        "die dit geld gebruiken.");
    assert_int_equal(count_kind(fx, CHECK_RECORDED_DEPOSIT_EXCEEDS), 0);
    assert_int_equal(count_kind(fx, CHECK_REALISED_BELOW_PLAN), 0); /* no plan recorded */
}

/* ---- coverage rules ---- */

static void test_measure_pot_rules(void **state)
{
    Fx *fx = *state;
    int64_t m = add_measure(fx, "zonder pots", 7, 3);
    assert_int_equal(coverage_measure_pot(&fx->d, muni_measure(&fx->d, m)), 0);
    add_pot(fx, 5, "Rechtsbescherming", 2, 0);
    add_pot(fx, 6, "Rest", 3, 4, 0);
    int64_t own = add_measure(fx, "eigen pot", 6, 2); /* pot_id wins over actielijn */
    int64_t by_line = add_measure(fx, "via actielijn", 0, 4);
    int64_t no_pot = add_measure(fx, "geen pot", 0, 5);
    int64_t no_line = add_measure(fx, "geen actielijn", 0, 0);
    int64_t bad_pot = add_measure(fx, "onbekende pot", 9, 2);
    assert_int_equal(coverage_measure_pot(&fx->d, muni_measure(&fx->d, own)), 6);
    assert_int_equal(coverage_measure_pot(&fx->d, muni_measure(&fx->d, by_line)), 6);
    assert_int_equal(coverage_measure_pot(&fx->d, muni_measure(&fx->d, no_pot)), -1);
    assert_int_equal(coverage_measure_pot(&fx->d, muni_measure(&fx->d, no_line)), -1);
    assert_int_equal(coverage_measure_pot(&fx->d, muni_measure(&fx->d, bad_pot)), -1);
    assert_int_equal(coverage_measure_pot(&fx->d, muni_measure(&fx->d, m)), -1);
}

static void test_years_range(void **state)
{
    Fx *fx = *state;
    add_pot(fx, 1, "Leeg", 8, 0);
    add_pot(fx, 2, "Vol", 2, 0);
    add_alloc(fx, 2, 2022, EUR(100));
    add_alloc_version(fx, 2, 2020, EUR(100), 1, 0); /* not current: no year */
    add_movement(fx, 2, RESERVE_TRANSFER, 2022, 2026, EUR(100));
    compute(fx);
    assert_int_equal(fx->cov.pots[0].n_years, 0);
    assert_int_equal(fx->cov.pots[0].total.allocation, 0);
    const CoveragePot *p = &fx->cov.pots[1];
    assert_int_equal(p->n_years, 5); /* 2022..2026, continuous */
    assert_int_equal(p->years[0].year, 2022);
    assert_int_equal(p->years[4].year, 2026);
    assert_int_equal(p->years[2].allocation, 0);
    assert_int_equal(p->years[4].reserve_end, EUR(100));
}

static void test_default_pot_lists_actielijnen(void **state)
{
    Fx *fx = *state;
    add_alloc(fx, 5, 2022, EUR(1));
    add_alloc(fx, 2, 2022, EUR(1));
    add_measure(fx, "m", 0, 7);
    compute(fx);
    const CoveragePot *p = &fx->cov.pots[0];
    assert_int_equal(p->n_actielijnen, 3);
    assert_int_equal(p->actielijn_numbers[0], 2);
    assert_int_equal(p->actielijn_numbers[1], 5);
    assert_int_equal(p->actielijn_numbers[2], 7);
}

static void test_empty_data(void **state)
{
    Fx *fx = *state;
    run(fx);
    assert_int_equal(fx->cov.n_pots, 1);
    assert_int_equal(fx->cov.pots[0].n_years, 0);
    assert_int_equal(fx->n_findings, 0);
}

static void test_opening_resets_fifo(void **state)
{
    Fx *fx = *state;
    add_alloc(fx, 2, 2022, EUR(4000));
    add_alloc(fx, 2, 2023, EUR(10000));
    add_opening(fx, 0, 2024, EUR(8000));
    add_alloc(fx, 2, 2024, EUR(1000));
    int64_t m = add_measure(fx, "m", 0, 2);
    add_plan(fx, m, 2025, EUR(3000));
    run(fx);
    const CoverageYear *y = cy(fx, 0, 2024);
    assert_int_equal(y->has_opening, 1);
    assert_int_equal(y->computed_start, EUR(14000));
    assert_int_equal(y->reserve_start, EUR(8000));
    assert_int_equal(y->reserve_end, EUR(9000));
    assert_int_equal(cy(fx, 0, 2025)->reserve_withdrawal, EUR(3000));
    assert_int_equal(cy(fx, 0, 2025)->reserve_end, EUR(6000));
    /* the opening replaced 2022 and 2023's credits; 2025 spends the opening first */
    assert_int_equal(cy(fx, 0, 2022)->unplanned, 0);
    assert_int_equal(cy(fx, 0, 2023)->unplanned, 0);
    assert_int_equal(cy(fx, 0, 2024)->unplanned, EUR(6000));
    assert_int_equal(fx->cov.pots[0].total.unplanned, EUR(6000));

    assert_int_equal(count_kind(fx, CHECK_OPENING_DIFFERS), 1);
    const Finding *f = find_kind(fx, CHECK_OPENING_DIFFERS, 2024);
    assert_int_equal(f->severity, SEV_WARNING);
    assert_int_equal(f->expected, EUR(14000));
    assert_int_equal(f->actual, EUR(8000));
    assert_int_equal(f->amount, EUR(6000));
    assert_int_equal(f->cite.source_id, 77);
}

static void test_opening_equal_no_finding(void **state)
{
    Fx *fx = *state;
    add_alloc(fx, 2, 2023, EUR(10000));
    add_opening(fx, 0, 2024, EUR(10000));
    run(fx);
    assert_int_equal(cy(fx, 0, 2024)->has_opening, 1);
    assert_int_equal(count_kind(fx, CHECK_OPENING_DIFFERS), 0);
    assert_int_equal(cy(fx, 0, 2023)->unplanned, 0);
    assert_int_equal(cy(fx, 0, 2024)->unplanned, EUR(10000));
}

static void test_negative_opening_is_filled_first(void **state)
{
    Fx *fx = *state;
    add_opening(fx, 0, 2024, EUR(-1000));
    add_alloc(fx, 2, 2024, EUR(600));
    add_alloc(fx, 2, 2025, EUR(700));
    compute(fx);
    assert_int_equal(cy(fx, 0, 2025)->reserve_end, EUR(300));
    assert_int_equal(cy(fx, 0, 2024)->unplanned, 0);
    assert_int_equal(cy(fx, 0, 2025)->unplanned, EUR(300));
}

/* ---- each check on, and off in a counter-case ---- */

static void test_check_shortfall(void **state)
{
    Fx *fx = *state;
    add_alloc(fx, 2, 2025, EUR(10000));
    int64_t m = add_measure(fx, "m", 0, 2);
    add_plan(fx, m, 2025, EUR(22000));
    run(fx);
    assert_int_equal(cy(fx, 0, 2025)->shortfall, EUR(12000));
    assert_int_equal(count_kind(fx, CHECK_SHORTFALL), 1);
    assert_int_equal(count_kind(fx, CHECK_PAST_PERIOD_UNCOVERED), 0);
    const Finding *f = find_kind(fx, CHECK_SHORTFALL, 2025);
    assert_int_equal(f->severity, SEV_ERROR);
    assert_int_equal(f->amount, EUR(12000));
    assert_string_equal(f->message,
                        "2025: tekort van € 12.000 in pot Alle middelen: de uitgaven (€ 22.000) "
                        "zijn niet gedekt door de toekenning (€ 10.000) en de reserve (€ 0).");
}

static void test_check_shortfall_covered_by_reserve(void **state)
{
    Fx *fx = *state;
    add_alloc(fx, 2, 2024, EUR(12000));
    add_alloc(fx, 2, 2025, EUR(10000));
    int64_t m = add_measure(fx, "m", 0, 2);
    add_plan(fx, m, 2025, EUR(22000));
    run(fx);
    assert_int_equal(cy(fx, 0, 2025)->reserve_withdrawal, EUR(12000));
    assert_int_equal(count_kind(fx, CHECK_SHORTFALL), 0);
    assert_int_equal(fx->n_findings, 0);
}

static void test_check_past_period(void **state)
{
    Fx *fx = *state;
    add_alloc(fx, 2, 2027, EUR(1000));
    int64_t m = add_measure(fx, "m", 0, 2);
    add_plan(fx, m, 2028, EUR(5000));
    run(fx);
    assert_int_equal(cy(fx, 0, 2028)->reserve_withdrawal, EUR(1000));
    assert_int_equal(count_kind(fx, CHECK_PAST_PERIOD_UNCOVERED), 1);
    assert_int_equal(count_kind(fx, CHECK_SHORTFALL), 0);
    const Finding *f = find_kind(fx, CHECK_PAST_PERIOD_UNCOVERED, 2028);
    assert_int_equal(f->severity, SEV_ERROR);
    assert_int_equal(f->amount, EUR(4000));
    assert_non_null(strstr(f->message, "na de looptijd"));
}

static void test_check_past_period_covered(void **state)
{
    Fx *fx = *state;
    add_alloc(fx, 2, 2027, EUR(5000));
    int64_t m = add_measure(fx, "m", 0, 2);
    add_plan(fx, m, 2028, EUR(5000));
    run(fx);
    assert_int_equal(cy(fx, 0, 2028)->shortfall, 0);
    assert_int_equal(fx->n_findings, 0);
}

static void test_check_unplanned_counter(void **state)
{
    Fx *fx = *state;
    add_alloc(fx, 2, 2024, EUR(5000));
    int64_t m = add_measure(fx, "m", 0, 2);
    add_plan(fx, m, 2024, EUR(5000));
    run(fx);
    assert_int_equal(count_kind(fx, CHECK_UNPLANNED), 0);
}

static void test_check_unexplained_counter(void **state)
{
    Fx *fx = *state;
    hillegom(fx);
    add_movement(fx, 0, RESERVE_DEPOSIT, 2023, 0, EUR(17359));
    run(fx);
    assert_int_equal(cy(fx, 0, 2023)->reserve_deposit, EUR(17359));
    assert_int_equal(cy(fx, 0, 2023)->unexplained, 0);
    assert_int_equal(cy(fx, 0, 2023)->unplanned, EUR(17359));
    assert_int_equal(count_kind(fx, CHECK_UNEXPLAINED), 0);
    assert_int_equal(count_kind(fx, CHECK_RECORDED_DEPOSIT_EXCEEDS), 0);
}

static void test_check_unexplained_open_year(void **state)
{
    Fx *fx = *state;
    hillegom(fx);
    fx->d.n_closed = 2; /* 2023 open again: its remainder is carried over */
    run(fx);
    assert_int_equal(cy(fx, 0, 2023)->spending, 0); /* no plan for an open year */
    assert_int_equal(cy(fx, 0, 2023)->reserve_deposit, EUR(84342));
    assert_int_equal(count_kind(fx, CHECK_UNEXPLAINED), 0);
}

static void test_check_realised_below_plan(void **state)
{
    Fx *fx = *state;
    close_year(fx, 2023);
    add_alloc(fx, 2, 2023, EUR(30000));
    int64_t low = add_measure(fx, "Laag", 0, 2);
    add_plan(fx, low, 2023, EUR(10000));
    add_realised(fx, low, 2023, EUR(4999));
    int64_t absent = add_measure(fx, "Niets", 0, 2);
    add_plan(fx, absent, 2023, EUR(1000));
    int64_t half = add_measure(fx, "Precies de helft", 0, 2);
    add_plan(fx, half, 2023, EUR(10000));
    add_realised(fx, half, 2023, EUR(5000));
    int64_t open = add_measure(fx, "Open jaar", 0, 2);
    add_plan(fx, open, 2024, EUR(10000));
    run(fx);
    assert_int_equal(count_kind(fx, CHECK_REALISED_BELOW_PLAN), 2);
    for (size_t i = 0; i < fx->n_findings; i++) {
        const Finding *f = &fx->findings[i];
        if (f->kind != CHECK_REALISED_BELOW_PLAN) continue;
        assert_int_equal(f->severity, SEV_WARNING);
        assert_int_equal(f->year, 2023);
        assert_true(f->record_id == low || f->record_id == absent);
        if (f->record_id == low) {
            assert_int_equal(f->expected, EUR(10000));
            assert_int_equal(f->actual, EUR(4999));
            assert_non_null(strstr(f->message, "(49%)"));
        } else {
            assert_int_equal(f->actual, 0);
        }
    }
}

static void test_check_ended_without_evaluation(void **state)
{
    Fx *fx = *state;
    int64_t done = add_measure(fx, "Afgerond", 0, 2);
    fx->measures[0].status = "afgerond";
    int64_t stopped = add_measure(fx, "Gestopt met evaluatie", 0, 2);
    fx->measures[1].status = "gestopt";
    add_measure(fx, "Lopend", 0, 2);
    fx->evaluations[fx->d.n_evaluations++] =
        (Evaluation){.id = 1, .measure_id = stopped, .verdict = "effectief"};
    run(fx);
    assert_int_equal(count_kind(fx, CHECK_ENDED_WITHOUT_EVALUATION), 1);
    const Finding *f = find_kind(fx, CHECK_ENDED_WITHOUT_EVALUATION, 0);
    assert_int_equal(f->record_id, done);
    assert_int_equal(f->severity, SEV_WARNING);
    assert_non_null(strstr(f->message, "Afgerond"));
}

static void test_check_allocation_changed(void **state)
{
    Fx *fx = *state;
    int64_t circ = add_source(fx, "Meicirculaire 2022", "2022-05-31");
    add_alloc_version(fx, 4, 2026, EUR(33000), 1, 0);
    Allocation *newer = add_alloc_version(fx, 4, 2026, EUR(38000), 2, 1);
    newer->cite = (Citation){circ, "bijlage 3"};
    add_alloc_version(fx, 2, 2026, EUR(22000), 1, 0); /* same amount again: no finding */
    add_alloc_version(fx, 2, 2026, EUR(22000), 2, 1);
    run(fx);
    assert_int_equal(count_kind(fx, CHECK_ALLOCATION_CHANGED), 1);
    const Finding *f = find_kind(fx, CHECK_ALLOCATION_CHANGED, 2026);
    assert_int_equal(f->severity, SEV_INFO);
    assert_int_equal(f->record_id, newer->id);
    assert_int_equal(f->expected, EUR(33000));
    assert_int_equal(f->actual, EUR(38000));
    assert_int_equal(f->amount, EUR(5000));
    assert_int_equal(f->cite.source_id, circ);
    assert_string_equal(f->message,
                        "2026: toekenning voor actielijn 4 (Versterking wijkteams) gewijzigd van "
                        "€ 33.000 naar € 38.000 (€ 5.000 meer); bron van het nieuwe bedrag: "
                        "Meicirculaire 2022, bijlage 3.");
    /* the coverage uses the current version only */
    assert_int_equal(cy(fx, 0, 2026)->allocation, EUR(60000));
}

static void test_check_stated(void **state)
{
    Fx *fx = *state;
    olst_wijhe(fx);
    int64_t ok = add_stated(fx, STATED_ALLOCATION, 2, 0, 2021, 2027, EUR(149000), "Totaal");
    int64_t pot_ok = add_stated(fx, STATED_ALLOCATION, 0, 2, 2021, 2027, EUR(309000), "Pot 2");
    int64_t wrong = add_stated(fx, STATED_ALLOCATION, 2, 0, 2021, 2027, EUR(150000), "Totaal");
    int64_t none = add_stated(fx, STATED_ALLOCATION, 0, 0, 2019, 2019, EUR(5), "2019");
    int64_t spend_none = add_stated(fx, STATED_SPENDING, 0, 0, 2031, 2032, EUR(5), "Later");
    int64_t avail_none = add_stated(fx, STATED_AVAILABLE, 0, 1, 2030, 0, EUR(5), "2030");
    int64_t spend_ok = add_stated(fx, STATED_SPENDING, 0, 1, 2026, 2029, EUR(140000), "Baas");
    int64_t avail_pot = add_stated(fx, STATED_AVAILABLE, 0, 1, 2022, 0, EUR(40000), "Pot 1");
    run(fx);
    assert_int_equal(count_kind(fx, CHECK_STATED_MISMATCH), 2);
    assert_int_equal(count_kind(fx, CHECK_STATED_UNVERIFIABLE), 3);
    for (size_t i = 0; i < fx->n_findings; i++) {
        const Finding *f = &fx->findings[i];
        assert_true(f->record_id != ok && f->record_id != pot_ok && f->record_id != spend_ok);
        if (f->record_id == wrong) {
            assert_int_equal(f->kind, CHECK_STATED_MISMATCH);
            assert_int_equal(f->amount, EUR(1000));
            assert_int_equal(f->expected, EUR(149000));
            assert_string_equal(f->message, "Het document noemt 'Totaal' € 150.000, maar de "
                                            "toekenningen 2021-2027 (actielijn 2) tellen op tot "
                                            "€ 149.000: verschil € 1.000.");
        } else if (f->record_id == avail_pot) {
            /* reserve 19.000 at the start of 2022 plus 20.000 allocation, not 40.000 */
            assert_int_equal(f->kind, CHECK_STATED_MISMATCH);
            assert_int_equal(f->expected, EUR(39000));
            assert_int_equal(f->amount, EUR(1000));
            assert_int_equal(f->pot_id, 1);
        } else if (f->record_id == none || f->record_id == spend_none ||
                   f->record_id == avail_none) {
            assert_int_equal(f->kind, CHECK_STATED_UNVERIFIABLE);
            assert_int_equal(f->severity, SEV_INFO);
        }
    }
    const Finding *f = NULL;
    for (size_t i = 0; i < fx->n_findings; i++)
        if (fx->findings[i].record_id == none) f = &fx->findings[i];
    assert_non_null(f);
    assert_string_equal(f->message, "Het document noemt '2019' € 5, maar er zijn geen "
                                    "toekenningen voor 2019 vastgelegd om dit na te rekenen.");
}

static void test_check_request_date(void **state)
{
    Fx *fx = *state;
    int64_t letter = add_source(fx, "Brief Ombudsman Metropool", "2024-04-25");
    int64_t same = add_source(fx, "Brief B", "2024-04-24");
    int64_t undated = add_source(fx, "Brief C", NULL);
    fx->requests[0] = (Request){.id = 1,
                                .requester = "Ombudsman Metropool Amsterdam",
                                .date = "2024-04-24",
                                .letter_source_id = letter};
    fx->requests[1] =
        (Request){.id = 2, .requester = "B", .date = "2024-04-24", .letter_source_id = same};
    fx->requests[2] =
        (Request){.id = 3, .requester = "C", .date = "2024-04-24", .letter_source_id = undated};
    fx->requests[3] = (Request){.id = 4, .requester = "D", .date = "2024-04-24"};
    fx->d.n_requests = 4;
    run(fx);
    assert_int_equal(fx->n_findings, 1);
    const Finding *f = &fx->findings[0];
    assert_int_equal(f->kind, CHECK_REQUEST_DATE_MISMATCH);
    assert_int_equal(f->severity, SEV_WARNING);
    assert_int_equal(f->record_id, 1);
    assert_string_equal(f->message,
                        "Verzoek van Ombudsman Metropool Amsterdam is gedateerd 24 april 2024, "
                        "maar de brief zelf (bron: Brief Ombudsman Metropool) is van 25 april "
                        "2024.");
}

static void test_check_measure_without_pot(void **state)
{
    Fx *fx = *state;
    add_pot(fx, 1, "Actielijn 2", 2, 0);
    add_alloc(fx, 2, 2024, EUR(10000));
    int64_t placed = add_measure(fx, "Past", 0, 2);
    add_plan(fx, placed, 2024, EUR(1000));
    int64_t lost = add_measure(fx, "Wijkteam", 0, 4);
    add_plan(fx, lost, 2024, EUR(7000));
    add_plan(fx, lost, 2030, EUR(500));
    run(fx);
    assert_int_equal(fx->cov.n_unplaced, 1);
    assert_int_equal(fx->cov.unplaced_measure_ids[0], lost);
    /* its spending is left out, including the years it alone would add */
    assert_int_equal(cy(fx, 0, 2024)->planned, EUR(1000));
    assert_int_equal(fx->cov.pots[0].n_years, 1);
    assert_int_equal(count_kind(fx, CHECK_MEASURE_WITHOUT_POT), 1);
    const Finding *f = find_kind(fx, CHECK_MEASURE_WITHOUT_POT, 0);
    assert_int_equal(f->severity, SEV_ERROR);
    assert_int_equal(f->record_id, lost);
    assert_int_equal(f->pot_id, -1);
    assert_int_equal(f->amount, EUR(7500));
    assert_string_equal(f->message, "Maatregel 'Wijkteam' hoort bij geen pot (geen pot bevat "
                                    "actielijn 4): de uitgaven (€ 7.500) tellen niet mee in het "
                                    "dekkingsoverzicht.");
}

static void test_check_recorded_deposit_exceeds(void **state)
{
    Fx *fx = *state;
    close_year(fx, 2022);
    add_alloc(fx, 2, 2022, EUR(10000));
    int64_t m = add_measure(fx, "m", 0, 2);
    add_realised(fx, m, 2022, EUR(4000));
    add_movement(fx, 0, RESERVE_DEPOSIT, 2022, 0, EUR(8000));
    add_movement(fx, 0, RESERVE_WITHDRAWAL, 2022, 0, EUR(300));
    run(fx);
    const CoverageYear *y = cy(fx, 0, 2022);
    assert_int_equal(y->reserve_deposit, EUR(6000));
    assert_int_equal(y->unexplained, 0);
    assert_int_equal(y->recorded_withdrawal, EUR(300));
    assert_int_equal(count_kind(fx, CHECK_RECORDED_DEPOSIT_EXCEEDS), 1);
    const Finding *f = find_kind(fx, CHECK_RECORDED_DEPOSIT_EXCEEDS, 2022);
    assert_int_equal(f->severity, SEV_WARNING);
    assert_int_equal(f->expected, EUR(6000));
    assert_int_equal(f->actual, EUR(8000));
    assert_int_equal(f->amount, EUR(2000));
}

static void test_check_recorded_deposit_exact(void **state)
{
    Fx *fx = *state;
    close_year(fx, 2022);
    add_alloc(fx, 2, 2022, EUR(10000));
    int64_t m = add_measure(fx, "m", 0, 2);
    add_realised(fx, m, 2022, EUR(4000));
    add_movement(fx, 0, RESERVE_DEPOSIT, 2022, 0, EUR(6000));
    run(fx);
    assert_int_equal(count_kind(fx, CHECK_RECORDED_DEPOSIT_EXCEEDS), 0);
    assert_int_equal(count_kind(fx, CHECK_UNEXPLAINED), 0);
}

/* ---- order, names, overflow ---- */

static void test_findings_order(void **state)
{
    Fx *fx = *state;
    olst_wijhe(fx);
    fx->measures[0].status = "afgerond";                      /* warning, year 0 */
    add_measure(fx, "Zwerver", 0, 8);                         /* error, year 0 */
    add_stated(fx, STATED_ALLOCATION, 0, 0, 2019, 0, 1, "x"); /* info */
    int64_t m = add_measure(fx, "Te veel", 2, 3);
    add_plan(fx, m, 2024, EUR(1000000)); /* error, 2024 */
    run(fx);
    assert_true(fx->n_findings > 5);
    for (size_t i = 1; i < fx->n_findings; i++) {
        const Finding *a = &fx->findings[i - 1], *b = &fx->findings[i];
        assert_true(a->severity >= b->severity);
        if (a->severity == b->severity) {
            assert_true(a->year <= b->year);
            if (a->year == b->year) assert_true(a->kind <= b->kind);
        }
    }
    assert_int_equal(fx->findings[0].kind, CHECK_MEASURE_WITHOUT_POT);
    assert_int_equal(fx->findings[1].kind, CHECK_SHORTFALL);
    assert_int_equal(fx->findings[fx->n_findings - 1].kind, CHECK_STATED_UNVERIFIABLE);
}

static void test_names(void **state)
{
    (void)state;
    static const char *const codes[] = {"shortfall",
                                        "past_period_uncovered",
                                        "unplanned",
                                        "unexplained",
                                        "realised_below_plan",
                                        "ended_without_evaluation",
                                        "allocation_changed",
                                        "stated_mismatch",
                                        "stated_unverifiable",
                                        "request_date_mismatch",
                                        "opening_differs",
                                        "measure_without_pot",
                                        "recorded_deposit_exceeds"};
    for (int k = CHECK_SHORTFALL; k <= CHECK_RECORDED_DEPOSIT_EXCEEDS; k++)
        assert_string_equal(check_kind_code((CheckKind)k), codes[k - 1]);
    assert_string_equal(check_kind_code(CHECK_YEAR_NOT_REALISED), "year_not_realised");
    assert_string_equal(check_kind_code(CHECK_PERIOD_SPLIT_UNKNOWN), "period_split_unknown");
    assert_string_equal(severity_name(SEV_ERROR), "fout");
    assert_string_equal(severity_name(SEV_WARNING), "waarschuwing");
    assert_string_equal(severity_name(SEV_INFO), "info");
}

static void test_overflow(void **state)
{
    Fx *fx = *state;
    add_alloc(fx, 2, 2024, INT64_MAX - 5);
    add_alloc(fx, 3, 2024, 10);
    Coverage cov;
    PokErr err = {0};
    assert_int_equal(coverage_compute(&fx->d, &fx->a, &cov, &err), -1);
    assert_non_null(strstr(err.msg, "te groot"));
    AllocationMatrix m;
    err.msg[0] = '\0';
    assert_int_equal(allocation_matrix(&fx->d, &fx->a, &m, &err), -1);
    assert_non_null(strstr(err.msg, "te groot"));
}

static void test_overflow_totals_and_reserve(void **state)
{
    Fx *fx = *state;
    add_alloc(fx, 2, 2024, INT64_MAX - 5);
    add_alloc(fx, 2, 2025, INT64_MAX - 5); /* each year fits; the reserve does not */
    Coverage cov;
    PokErr err = {0};
    assert_int_equal(coverage_compute(&fx->d, &fx->a, &cov, &err), -1);
    assert_non_null(strstr(err.msg, "te groot"));
}

static void test_overflow_realised_check(void **state)
{
    Fx *fx = *state;
    close_year(fx, 2023);
    int64_t m = add_measure(fx, "m", 0, 2);
    add_plan(fx, m, 2023, INT64_MAX / 10);
    add_realised(fx, m, 2023, INT64_MAX / 10);
    compute(fx);
    Finding *fs;
    size_t n;
    PokErr err = {0};
    assert_int_equal(checks_run(&fx->d, &fx->cov, &fx->a, &fs, &n, &err), -1);
    assert_non_null(strstr(err.msg, "te groot"));
}

/* The table of checks names every kind once, each with its own code. */
static void test_check_table_complete(void **state)
{
    (void)state;
    for (int k = CHECK_SHORTFALL; k <= CHECK_PERIOD_SPLIT_UNKNOWN; k++) {
        const char *code = check_kind_code((CheckKind)k);
        assert_string_not_equal(code, "unknown");
        /* and a Dutch name for people, without the code's underscores */
        assert_string_not_equal(check_kind_name((CheckKind)k), "Bevinding");
        assert_null(strchr(check_kind_name((CheckKind)k), '_'));
        for (int other = CHECK_SHORTFALL; other < k; other++)
            assert_string_not_equal(code, check_kind_code((CheckKind)other));
    }
    assert_string_equal(check_kind_code((CheckKind)0), "unknown");
}

/* The clock of the checks: 1 January of year (SOURCE_DATE_EPOCH, as the golden tests). */
static void today_is(int year)
{
    char epoch[32];
    long long days = 0;
    for (int y = 1970; y < year; y++)
        days += (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
    snprintf(epoch, sizeof epoch, "%lld", days * 86400);
    setenv("SOURCE_DATE_EPOCH", epoch, 1);
}

/* Olst-Wijhe's seven years of unplanned money in pot 3+4+5 are one finding that names the
 * years and the total; no pot has two findings of one kind. */
static void test_olst_wijhe_one_finding_per_pot_and_kind(void **state)
{
    Fx *fx = *state;
    today_is(2026);
    olst_wijhe(fx);
    run(fx);
    for (size_t i = 0; i < fx->n_findings; i++)
        for (size_t j = 0; j < i; j++)
            assert_false(fx->findings[i].kind == fx->findings[j].kind &&
                         fx->findings[i].pot_id == fx->findings[j].pot_id);
    const Finding *f = NULL;
    for (size_t i = 0; i < fx->n_findings; i++)
        if (fx->findings[i].kind == CHECK_UNPLANNED && fx->findings[i].pot_id == 2)
            f = &fx->findings[i];
    assert_non_null(f);
    assert_int_equal(f->n_years, 7);
    assert_int_equal(f->years[0], 2021);
    assert_int_equal(f->years[6], 2027);
    assert_int_equal(f->amount, EUR(309000));
    assert_string_equal(f->message,
                        "2021-2027: € 309.000 zonder bestemming in pot Actielijnen 3, 4 en 5 "
                        "(2021 € 62.000, 2022 € 42.500, 2023 € 40.500, 2024 € 38.500, 2025 "
                        "€ 38.500, 2026 € 43.500, 2027 € 43.500): er zijn geen geplande bedragen "
                        "die dit geld gebruiken.");
    /* no internal codes or commands in what people read */
    for (size_t i = 0; i < fx->n_findings; i++) {
        assert_null(strstr(fx->findings[i].message, "pok "));
        assert_null(strstr(fx->findings[i].message, "_"));
        assert_null(strstr(fx->findings[i].message, "docs/"));
    }
    today_is(2024);
}

/* A year before the current one, open and without realised spending, is reported once
 * per pot with its years and what was budgeted; closed years and the current one not. */
static void test_check_year_not_realised(void **state)
{
    Fx *fx = *state;
    today_is(2026);
    add_alloc(fx, 2, 2023, EUR(10000));
    add_alloc(fx, 2, 2024, EUR(10000));
    add_alloc(fx, 2, 2025, EUR(10000));
    add_alloc(fx, 2, 2026, EUR(10000));
    int64_t m = add_measure(fx, "m", 0, 2);
    add_plan(fx, m, 2024, EUR(4000));
    add_plan(fx, m, 2025, EUR(6000));
    add_plan(fx, m, 2026, EUR(6000));
    add_realised(fx, m, 2023, EUR(10000));
    close_year(fx, 2023);
    run(fx);
    assert_int_equal(count_kind(fx, CHECK_YEAR_NOT_REALISED), 1);
    const Finding *f = find_kind(fx, CHECK_YEAR_NOT_REALISED, 2024);
    assert_int_equal(f->n_years, 2);
    assert_int_equal(f->years[1], 2025);
    assert_int_equal(f->amount, EUR(10000));
    assert_string_equal(
        f->message, "2024-2025: deze jaren zijn voorbij, maar in pot Alle middelen is geen "
                    "gerealiseerde uitgave vastgelegd en ze zijn niet afgesloten (begroot: "
                    "2024 € 4.000, 2025 € 6.000). Leg de realisatie vast en sluit de jaren af.");
    today_is(2024);
}

/* Unspent money of an open year is an expected deposit until a decision puts it in the
 * reserve; a closed year's surplus without a decision stays unexplained. */
static void test_expected_and_decided_deposit(void **state)
{
    Fx *fx = *state;
    add_alloc(fx, 2, 2023, EUR(10000));
    add_alloc(fx, 2, 2024, EUR(10000));
    add_movement(fx, 0, RESERVE_DEPOSIT, 2024, 0, EUR(4000));
    close_year(fx, 2023);
    run(fx);
    const CoverageYear *y = cy(fx, 0, 2024);
    assert_int_equal(y->decided_deposit, EUR(4000));
    assert_int_equal(y->expected_deposit, EUR(6000));
    assert_int_equal(y->reserve_deposit, EUR(10000));
    y = cy(fx, 0, 2023);
    assert_int_equal(y->decided_deposit, 0);
    assert_int_equal(y->expected_deposit, 0);
    assert_int_equal(y->unexplained, EUR(10000));
    assert_int_equal(fx->cov.pots[0].total.expected_deposit, EUR(6000));
}

/* Amstelveen: 2.932.000 for 2022-2027 without a split per year. No year gets a share; the
 * spending of the period is covered from it; no false shortfall; what is left after the
 * period is money without a destination; and one finding says the split is unknown. */
static void test_period_allocation(void **state)
{
    Fx *fx = *state;
    Allocation *al = add_alloc(fx, 0, 2022, EUR(2932000));
    al->actielijn_id = 0;
    al->year_to = 2027;
    int64_t m = add_measure(fx, "Loket", 0, 0);
    add_plan(fx, m, 2023, EUR(500000));
    add_plan(fx, m, 2024, EUR(900000));
    run(fx);
    const CoveragePot *p = &fx->cov.pots[0];
    assert_int_equal(p->n_years, 6);
    assert_int_equal(p->n_periods, 1);
    assert_int_equal(p->periods[0].amount, EUR(2932000));
    assert_int_equal(p->total.allocation, 0);
    for (int year = 2022; year <= 2027; year++) {
        assert_int_equal(cy(fx, 0, year)->allocation, 0);
        assert_true(cy(fx, 0, year)->allocation_unknown);
    }
    assert_int_equal(cy(fx, 0, 2023)->from_period, EUR(500000));
    assert_int_equal(cy(fx, 0, 2024)->from_period, EUR(900000));
    assert_int_equal(cy(fx, 0, 2024)->period_left, EUR(1532000));
    assert_int_equal(cy(fx, 0, 2024)->shortfall, 0);
    assert_int_equal(cy(fx, 0, 2027)->expected_deposit, EUR(1532000));
    assert_int_equal(cy(fx, 0, 2027)->reserve_end, EUR(1532000));
    assert_int_equal(count_kind(fx, CHECK_SHORTFALL), 0);
    assert_int_equal(count_kind(fx, CHECK_UNPLANNED), 1);
    assert_int_equal(find_kind(fx, CHECK_UNPLANNED, 2027)->amount, EUR(1532000));
    assert_int_equal(count_kind(fx, CHECK_PERIOD_SPLIT_UNKNOWN), 1);
    /* a stated total of the period is now verified */
    add_stated(fx, STATED_ALLOCATION, 0, 0, 2022, 2027, EUR(2932000), "budget van in totaal");
    run(fx);
    assert_int_equal(count_kind(fx, CHECK_STATED_MISMATCH), 0);
    assert_int_equal(count_kind(fx, CHECK_STATED_UNVERIFIABLE), 0);
    /* it counts in the municipality's totals */
    MuniTotals t;
    PokErr err = {0};
    assert_int_equal(municipality_totals(&fx->d, &fx->cov, &fx->a, &t, &err), 0);
    assert_int_equal(t.allocated, EUR(2932000));
    assert_int_equal(t.period_allocated, EUR(2932000));
    assert_int_equal(t.available, EUR(2932000));
    /* the allocation matrix keeps it as a line of its own */
    AllocationMatrix mx;
    assert_int_equal(allocation_matrix(&fx->d, &fx->a, &mx, &err), 0);
    assert_int_equal(mx.n_rows, 0);
    assert_int_equal(mx.n_periods, 1);
    assert_int_equal(mx.grand_total, EUR(2932000));
}

/* Overbetuwe's summary: the years with figures (2024-2027, not the scheme's 2021-2027) and
 * totaal beschikbaar = reserve at the start + allocations = 459.500 + 715.000. */
static void test_overbetuwe_totals(void **state)
{
    Fx *fx = *state;
    overbetuwe(fx);
    compute(fx);
    MuniTotals t;
    PokErr err = {0};
    assert_int_equal(municipality_totals(&fx->d, &fx->cov, &fx->a, &t, &err), 0);
    assert_int_equal(t.first_year, 2024);
    assert_int_equal(t.reserve_year, 2027);
    assert_int_equal(t.reserve_start, EUR(459500));
    assert_int_equal(t.allocated, EUR(715000));
    assert_int_equal(t.available, EUR(1174500));
    assert_int_equal(t.unplanned, EUR(180000));
    assert_int_equal(t.expected_deposit, EUR(180000));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_overbetuwe_coverage),
        T(test_overbetuwe_checks),
        T(test_olst_wijhe_coverage),
        T(test_olst_wijhe_matrix),
        T(test_matrix_empty_and_unknown_actielijn),
        T(test_hillegom_coverage),
        T(test_hillegom_checks),
        T(test_measure_pot_rules),
        T(test_years_range),
        T(test_default_pot_lists_actielijnen),
        T(test_empty_data),
        T(test_opening_resets_fifo),
        T(test_opening_equal_no_finding),
        T(test_negative_opening_is_filled_first),
        T(test_check_shortfall),
        T(test_check_shortfall_covered_by_reserve),
        T(test_check_past_period),
        T(test_check_past_period_covered),
        T(test_check_unplanned_counter),
        T(test_check_unexplained_counter),
        T(test_check_unexplained_open_year),
        T(test_check_realised_below_plan),
        T(test_check_ended_without_evaluation),
        T(test_check_allocation_changed),
        T(test_check_stated),
        T(test_check_request_date),
        T(test_check_measure_without_pot),
        T(test_check_recorded_deposit_exceeds),
        T(test_check_recorded_deposit_exact),
        T(test_findings_order),
        T(test_names),
        T(test_overflow),
        T(test_overflow_totals_and_reserve),
        T(test_overflow_realised_check),
        T(test_olst_wijhe_one_finding_per_pot_and_kind),
        T(test_check_year_not_realised),
        T(test_expected_and_decided_deposit),
        T(test_period_allocation),
        T(test_overbetuwe_totals),
        cmocka_unit_test(test_check_table_complete),
    };
    today_is(2024); /* the checks of past years see the fixtures' years as current */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
