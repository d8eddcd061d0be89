/* test_key_figures.c: the first page's figures (key_figures.c) on records and a coverage
 * table built by hand: the period, the reserve at the start of each pot added to the
 * allocations ("totaal beschikbaar"), the years with money without a destination,
 * unexplained money or a shortfall (ascending, each once over the pots), the closed years,
 * an empty municipality, and overflow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "engine/key_figures.h"
#include "money.h"

#define EUR(x) ((int64_t)(x)*100)

/* Pot A 2024-2026 opens with 459.500 in its reserve; pot B 2025-2027 opens with 10.000. */
static CoverageYear pot_a[3], pot_b[3];
static CoveragePot pots[2];
static Coverage cov;
static Allocation allocations[3];
static MeasureAmount amounts[3];
static MuniData muni;

static void make(void)
{
    memset(pot_a, 0, sizeof pot_a);
    memset(pot_b, 0, sizeof pot_b);
    for (int i = 0; i < 3; i++) {
        pot_a[i].year = 2024 + i;
        pot_b[i].year = 2025 + i;
    }
    pot_a[0].reserve_start = EUR(459500);
    pot_a[0].closed = 1;
    pot_a[0].unexplained = EUR(17359);
    pot_a[2].unplanned = EUR(1000);
    pot_b[0].reserve_start = EUR(10000);
    pot_b[1].unplanned = EUR(2000);
    pot_b[2].unplanned = EUR(180000);
    pot_b[2].shortfall = EUR(500);
    pots[0] = (CoveragePot){.pot_id = 1, .name = "A", .years = pot_a, .n_years = 3};
    pots[1] = (CoveragePot){.pot_id = 2, .name = "B", .years = pot_b, .n_years = 3};
    pots[0].total.unplanned = EUR(1000);
    pots[0].total.unexplained = EUR(17359);
    pots[1].total.unplanned = EUR(182000);
    pots[1].total.shortfall = EUR(500);
    pot_a[2].reserve_end = EUR(5000);
    pot_b[2].reserve_end = EUR(180000);
    cov = (Coverage){.municipality = "GM0000", .pots = pots, .n_pots = 2};
    memset(allocations, 0, sizeof allocations);
    allocations[0] = (Allocation){.year = 2024, .amount_cents = EUR(175000), .current = 1};
    allocations[1] = (Allocation){.year = 2025, .amount_cents = EUR(540000), .current = 1};
    /* an earlier version, replaced: not counted */
    allocations[2] = (Allocation){.year = 2025, .amount_cents = EUR(999), .current = 0};
    memset(amounts, 0, sizeof amounts);
    amounts[0] = (MeasureAmount){.year = 2024, .kind = AMOUNT_PLAN, .amount_cents = EUR(399500)};
    amounts[1] = (MeasureAmount){.year = 2025, .kind = AMOUNT_PLAN, .amount_cents = EUR(595000)};
    amounts[2] = (MeasureAmount){.year = 2024, .kind = AMOUNT_REALISED, .amount_cents = EUR(66983)};
    memset(&muni, 0, sizeof muni);
    muni.muni.code = "GM0000";
    muni.allocations = allocations;
    muni.n_allocations = 3;
    muni.amounts = amounts;
    muni.n_amounts = 3;
}

static void test_key_figures(void **state)
{
    make();
    Arena a = {0};
    PokErr err = {0};
    KeyFigures k;
    assert_int_equal(key_figures(&muni, &cov, &a, &k, &err), 0);
    assert_int_equal(k.first_year, 2024);
    assert_int_equal(k.last_year, 2027);
    /* each pot's reserve at the start of its own first year */
    assert_int_equal(k.reserve_start, EUR(469500));
    assert_int_equal(k.allocated, EUR(715000));
    assert_int_equal(k.available, EUR(469500 + 715000));
    assert_int_equal(k.planned, EUR(994500));
    assert_int_equal(k.realised, EUR(66983));
    assert_int_equal(k.unplanned, EUR(183000));
    assert_int_equal(k.unexplained, EUR(17359));
    assert_int_equal(k.shortfall, EUR(500));
    assert_int_equal(k.reserve_year, 2027);
    assert_int_equal(k.reserve_end, EUR(5000 + 180000));
    /* the years, ascending and each once although both pots name 2026 */
    assert_int_equal(k.n_unplanned_years, 2);
    assert_int_equal(k.unplanned_years[0], 2026);
    assert_int_equal(k.unplanned_years[1], 2027);
    arena_free(&a);
}

static void test_key_figures_years_each_once(void **state)
{
    make();
    pot_a[1].unplanned = EUR(1); /* now also 2025, in A; 2026 is in both pots */
    Arena a = {0};
    PokErr err = {0};
    KeyFigures k;
    assert_int_equal(key_figures(&muni, &cov, &a, &k, &err), 0);
    int want[] = {2025, 2026, 2027};
    assert_int_equal(k.n_unplanned_years, 3);
    for (size_t i = 0; i < 3; i++) assert_int_equal(k.unplanned_years[i], want[i]);
    assert_int_equal(k.n_unexplained_years, 1);
    assert_int_equal(k.unexplained_years[0], 2024);
    assert_int_equal(k.n_shortfall_years, 1);
    assert_int_equal(k.shortfall_years[0], 2027);
    assert_int_equal(k.n_closed_years, 1);
    assert_int_equal(k.closed_years[0], 2024);
    arena_free(&a);
}

static void test_key_figures_empty(void **state)
{
    MuniData empty;
    memset(&empty, 0, sizeof empty);
    empty.muni.code = "GM0000";
    Coverage none = {.municipality = "GM0000"};
    Arena a = {0};
    PokErr err = {0};
    KeyFigures k;
    assert_int_equal(key_figures(&empty, &none, &a, &k, &err), 0);
    assert_int_equal(k.first_year, 0);
    assert_int_equal(k.last_year, 0);
    assert_int_equal(k.available, 0);
    assert_int_equal(k.n_unplanned_years + k.n_closed_years, 0);
    arena_free(&a);
}

static void test_key_figures_overflow(void **state)
{
    make();
    pot_a[0].reserve_start = INT64_MAX - 1;
    Arena a = {0};
    PokErr err = {0};
    KeyFigures k;
    assert_int_equal(key_figures(&muni, &cov, &a, &k, &err), -1);
    assert_non_null(strstr(err.msg, "te groot"));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_figures),
        cmocka_unit_test(test_key_figures_years_each_once),
        cmocka_unit_test(test_key_figures_empty),
        cmocka_unit_test(test_key_figures_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
