/* test_totals.c: the overview sums of totals.c on records and coverage tables built by
 * hand: pots added up per year (also pots with different year ranges), a municipality's
 * totals, one measure's plan versus realisation per year, and overflow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "engine/engine.h"
#include "money.h"

#define EUR(x) ((int64_t)(x)*100)

/* Two pots: A 2024-2026, B 2025-2028 (B starts later and ends later). */
static CoverageYear pot_a[3], pot_b[4];
static CoveragePot pots[2];
static Coverage two_pots;

static void make_two_pots(void)
{
    memset(pot_a, 0, sizeof pot_a);
    memset(pot_b, 0, sizeof pot_b);
    for (int i = 0; i < 3; i++) {
        pot_a[i].year = 2024 + i;
        pot_a[i].allocation = EUR(100000);
        pot_a[i].spending = EUR(40000 + 10000 * i);
        pot_a[i].reserve_end = EUR(60000 * (i + 1));
    }
    pot_a[0].closed = 1;
    for (int i = 0; i < 4; i++) {
        pot_b[i].year = 2025 + i;
        pot_b[i].allocation = i < 3 ? EUR(20000) : 0;
        pot_b[i].spending = EUR(5000);
        pot_b[i].reserve_end = EUR(15000 * (i + 1));
    }
    pots[0] = (CoveragePot){.pot_id = 1, .name = "A", .years = pot_a, .n_years = 3};
    pots[1] = (CoveragePot){.pot_id = 2, .name = "B", .years = pot_b, .n_years = 4};
    two_pots = (Coverage){.municipality = "GM0000", .pots = pots, .n_pots = 2};
}

static void test_year_sums_two_pots(void **state)
{
    make_two_pots();
    Arena a = {0};
    PokErr err = {0};
    YearSums *y;
    size_t n;
    assert_int_equal(coverage_year_sums(&two_pots, &a, &y, &n, &err), 0);
    assert_int_equal(n, 5);
    int years[] = {2024, 2025, 2026, 2027, 2028};
    for (size_t i = 0; i < n; i++) assert_int_equal(y[i].year, years[i]);
    /* 2024: only pot A, closed */
    assert_int_equal(y[0].allocation, EUR(100000));
    assert_int_equal(y[0].spending, EUR(40000));
    assert_int_equal(y[0].reserve_end, EUR(60000));
    assert_int_equal(y[0].closed, 1);
    /* 2025: both */
    assert_int_equal(y[1].allocation, EUR(120000));
    assert_int_equal(y[1].spending, EUR(55000));
    assert_int_equal(y[1].reserve_end, EUR(120000 + 15000));
    assert_int_equal(y[1].closed, 0);
    /* 2027: pot A ended in 2026 and keeps its last balance 180.000 */
    assert_int_equal(y[3].allocation, EUR(20000));
    assert_int_equal(y[3].spending, EUR(5000));
    assert_int_equal(y[3].reserve_end, EUR(180000 + 45000));
    assert_int_equal(y[4].reserve_end, EUR(180000 + 60000));
    arena_free(&a);
}

static void test_year_sums_empty(void **state)
{
    Coverage empty = {.municipality = "GM0000"};
    Arena a = {0};
    PokErr err = {0};
    YearSums *y;
    size_t n = 99;
    assert_int_equal(coverage_year_sums(&empty, &a, &y, &n, &err), 0);
    assert_int_equal(n, 0);
    arena_free(&a);
}

static void test_year_sums_overflow(void **state)
{
    make_two_pots();
    pot_a[1].allocation = INT64_MAX;
    Arena a = {0};
    PokErr err = {0};
    YearSums *y;
    size_t n;
    assert_int_equal(coverage_year_sums(&two_pots, &a, &y, &n, &err), -1);
    assert_non_null(strstr(err.msg, "te groot"));
    arena_free(&a);
}

/* Overbetuwe's figures: allocations 175.000 + 3 x 180.000, one replaced version. */
static void test_municipality_totals(void **state)
{
    make_two_pots();
    Allocation al[5] = {
        {.id = 1, .year = 2024, .amount_cents = EUR(175000), .current = 1},
        {.id = 2, .year = 2025, .amount_cents = EUR(170000), .current = 0, .version = 1},
        {.id = 3, .year = 2025, .amount_cents = EUR(180000), .current = 1, .version = 2},
        {.id = 4, .year = 2026, .amount_cents = EUR(180000), .current = 1},
        {.id = 5, .year = 2027, .amount_cents = EUR(180000), .current = 1},
    };
    MeasureAmount am[4] = {
        {.id = 1, .measure_id = 7, .year = 2024, .kind = AMOUNT_PLAN, .amount_cents = EUR(100000)},
        {.id = 2,
         .measure_id = 7,
         .year = 2024,
         .kind = AMOUNT_REALISED,
         .amount_cents = EUR(97250) + 13},
        {.id = 3, .measure_id = 8, .year = 2025, .kind = AMOUNT_PLAN, .amount_cents = EUR(62000)},
        {.id = 4, .measure_id = 8, .year = 2023, .kind = AMOUNT_REALISED, .amount_cents = EUR(1)},
    };
    MuniData d = {.allocations = al, .n_allocations = 5, .amounts = am, .n_amounts = 4};
    Arena a = {0};
    PokErr err = {0};
    MuniTotals t;
    assert_int_equal(municipality_totals(&d, &two_pots, &a, &t, &err), 0);
    assert_int_equal(t.allocated, EUR(715000));
    assert_int_equal(t.planned, EUR(162000));
    assert_int_equal(t.realised, EUR(97251) + 13);
    assert_int_equal(t.reserve_year, 2028);
    assert_int_equal(t.reserve_end, EUR(240000));

    Coverage empty = {.municipality = "GM0000"};
    MuniData none = {0};
    assert_int_equal(municipality_totals(&none, &empty, &a, &t, &err), 0);
    assert_int_equal(t.allocated, 0);
    assert_int_equal(t.reserve_year, 0);
    assert_int_equal(t.reserve_end, 0);
    arena_free(&a);
}

static void test_measure_amounts(void **state)
{
    /* out of order, two measures, plan and realised in the same year */
    MeasureAmount am[5] = {
        {.id = 1, .measure_id = 5, .year = 2026, .kind = AMOUNT_PLAN, .amount_cents = EUR(30000)},
        {.id = 2, .measure_id = 9, .year = 2024, .kind = AMOUNT_PLAN, .amount_cents = EUR(1)},
        {.id = 3,
         .measure_id = 5,
         .year = 2024,
         .kind = AMOUNT_REALISED,
         .amount_cents = EUR(97250) + 13},
        {.id = 4, .measure_id = 5, .year = 2024, .kind = AMOUNT_PLAN, .amount_cents = EUR(100000)},
        {.id = 5, .measure_id = 5, .year = 2025, .kind = AMOUNT_REALISED, .amount_cents = EUR(500)},
    };
    MuniData d = {.amounts = am, .n_amounts = 5};
    Arena a = {0};
    PokErr err = {0};
    MeasureAmounts m;
    assert_int_equal(measure_amounts(&d, 5, &a, &m, &err), 0);
    assert_int_equal(m.n_years, 3);
    assert_int_equal(m.years[0].year, 2024);
    assert_ptr_equal(m.years[0].plan, &am[3]);
    assert_ptr_equal(m.years[0].realised, &am[2]);
    assert_int_equal(m.years[1].year, 2025);
    assert_null(m.years[1].plan);
    assert_ptr_equal(m.years[1].realised, &am[4]);
    assert_int_equal(m.years[2].year, 2026);
    assert_ptr_equal(m.years[2].plan, &am[0]);
    assert_null(m.years[2].realised);
    assert_int_equal(m.planned, EUR(130000));
    assert_int_equal(m.realised, EUR(97750) + 13);

    assert_int_equal(measure_amounts(&d, 404, &a, &m, &err), 0);
    assert_int_equal(m.n_years, 0);
    assert_int_equal(m.planned, 0);

    am[0].amount_cents = INT64_MAX;
    assert_int_equal(measure_amounts(&d, 5, &a, &m, &err), -1);
    assert_non_null(strstr(err.msg, "te groot"));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_year_sums_two_pots), cmocka_unit_test(test_year_sums_empty),
        cmocka_unit_test(test_year_sums_overflow), cmocka_unit_test(test_municipality_totals),
        cmocka_unit_test(test_measure_amounts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
