/* test_paste.c: cells pasted from Excel or LibreOffice (tab-separated lines) read into a
 * table of actielijnen x years, or plan and realisation x years. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs */

#include <string.h>

#include "ingest/paste.h"

static const int years[] = {2021, 2022, 2023, 2024, 2025, 2026, 2027};
static const PasteRowKey actielijnen[] = {
    {1, {"Digitale overheid", NULL}},
    {2, {"Rechtsbescherming", "Robuust rechtsbeschermingssysteem", NULL}},
    {3, {"Systeemleren", NULL}},
    {4, {"Versterking wijkteams", NULL}},
    {5, {"Integraal werken", NULL}},
};
static const PasteTable table = {actielijnen, 5, years, 7, "actielijn"};

static const PasteRowKey kinds[] = {{0, {"plan", "gepland", "begroot", NULL}},
                                    {0, {"gerealiseerd", "realisatie", NULL}}};
static const PasteTable amounts = {kinds, 2, years, 7, "rij"};

/* The cell pasted for (row, year), or NULL. */
static const PasteCell *cell_at(const PasteResult *r, size_t row, int year)
{
    for (size_t i = 0; i < r->n_cells; i++)
        if (r->cells[i].row == row && years[r->cells[i].col] == year) return &r->cells[i];
    return NULL;
}

static int64_t cents_at(const PasteResult *r, size_t row, int year)
{
    const PasteCell *c = cell_at(r, row, year);
    if (!c) fail_msg("no cell for row %zu, %d", row, year);
    if (!c->has_amount) fail_msg("row %zu, %d is empty", row, year);
    return c->cents;
}

static void read_ok(const char *text, const PasteTable *t, Arena *a, PasteResult *r)
{
    if (paste_read(text, t, a, r) != 0)
        fail_msg("refused: %s", r->n_errors ? r->errors[0] : "(no message)");
}

static void test_plain_tabs_fill_from_the_top_left(void **state)
{
    (void)state;
    Arena a = {0};
    PasteResult r;
    read_ok("19.000\t20.000\t22.000\n5.000\t5.500\n", &table, &a, &r);
    assert_int_equal(r.n_cells, 5);
    assert_int_equal(cents_at(&r, 0, 2021), 1900000);
    assert_int_equal(cents_at(&r, 0, 2023), 2200000);
    assert_int_equal(cents_at(&r, 1, 2022), 550000);
    assert_null(cell_at(&r, 1, 2023)); /* not pasted: left as it is */
    assert_int_equal(r.cells[3].line, 2);
    assert_int_equal(r.cells[3].column, 1);
    arena_free(&a);
}

static void test_header_of_years_and_first_column_of_actielijnen(void **state)
{
    (void)state;
    Arena a = {0};
    PasteResult r;
    /* Olst-Wijhe's table as Excel copies it, CRLF line ends and a total column */
    read_ok("Actielijn\t2021\t2022\t2023\t2024\t2025\t2026\t2027\tTotaal\r\n"
            "2\t19.000\t20.000\t22.000\t22.000\t22.000\t22.000\t22.000\t149.000\r\n"
            "3. Systeemleren\t5.000\t5.500\t5.500\t5.500\t5.500\t5.500\t5.500\t38.000\r\n"
            "Versterking wijkteams\t32.000\t33.000\t33.000\t33.000\t33.000\t38.000\t38.000\t"
            "240.000\r\n"
            "actielijn 5\t25.000\t4.000\t2.000\t\t-\t\t\t31.000\r\n"
            "Totaal\t81.000\t62.500\t62.500\t60.500\t60.500\t65.500\t65.500\t458.000\r\n",
            &table, &a, &r);
    assert_int_equal(r.n_cells, 28); /* the total column and the total row are skipped */
    assert_int_equal(cents_at(&r, 1, 2021), 1900000);
    assert_int_equal(cents_at(&r, 2, 2022), 550000);
    assert_int_equal(cents_at(&r, 3, 2026), 3800000);
    assert_int_equal(cents_at(&r, 4, 2023), 200000);
    assert_false(cell_at(&r, 4, 2024)->has_amount); /* empty: no figure */
    assert_false(cell_at(&r, 4, 2025)->has_amount); /* "-": no figure */
    arena_free(&a);
}

static void test_header_in_another_order_and_a_part_of_the_years(void **state)
{
    (void)state;
    Arena a = {0};
    PasteResult r;
    read_ok("\t2025\t2024\nRechtsbescherming\t1\t2\n", &table, &a, &r);
    assert_int_equal(r.n_cells, 2);
    assert_int_equal(cents_at(&r, 1, 2025), 100);
    assert_int_equal(cents_at(&r, 1, 2024), 200);
    /* a header without a first column: the lines are the rows from the top */
    read_ok("2024\t2025\n10\t20\n30\t40\n", &table, &a, &r);
    assert_int_equal(cents_at(&r, 0, 2024), 1000);
    assert_int_equal(cents_at(&r, 1, 2025), 4000);
    arena_free(&a);
}

static void test_dutch_amounts(void **state)
{
    (void)state;
    Arena a = {0};
    PasteResult r;
    read_ok("€ 12.000,00\t12.000\t\"€ 1.234,56\"\t€ 52 500\t\xC2\xA0"
            "7,5\xC2\xA0\t€ -\t-2.500\n",
            &table, &a, &r);
    assert_int_equal(cents_at(&r, 0, 2021), 1200000);
    assert_int_equal(cents_at(&r, 0, 2022), 1200000);
    assert_int_equal(cents_at(&r, 0, 2023), 123456);
    assert_int_equal(cents_at(&r, 0, 2024), 5250000);
    assert_int_equal(cents_at(&r, 0, 2025), 750);
    assert_false(cell_at(&r, 0, 2026)->has_amount); /* Excel's "€ -" */
    assert_int_equal(cents_at(&r, 0, 2027), -250000);
    arena_free(&a);
}

static void test_plan_and_realisation_rows(void **state)
{
    (void)state;
    Arena a = {0};
    PasteResult r;
    read_ok("\t2024\t2025\nGerealiseerd\t97.250,13\t\nBegroot\t100.000\t50.000\n", &amounts, &a,
            &r);
    assert_int_equal(cents_at(&r, 1, 2024), 9725013);
    assert_int_equal(cents_at(&r, 0, 2025), 5000000);
    arena_free(&a);
}

/* The one error of r contains want. */
static void assert_error(const PasteResult *r, const char *want)
{
    assert_true(r->n_errors >= 1);
    for (size_t i = 0; i < r->n_errors && i < PASTE_MAX_ERRORS; i++)
        if (strstr(r->errors[i], want)) return;
    fail_msg("no error with '%s'; first: %s", want, r->errors[0]);
}

static void test_errors_name_line_column_and_value(void **state)
{
    (void)state;
    Arena a = {0};
    PasteResult r;
    assert_int_equal(paste_read("1.000\t2.000\n3.000\t12.0x0\n", &table, &a, &r), -1);
    assert_error(&r, "Regel 2, kolom 2 (2022): '12.0x0' is niet te lezen als bedrag");
    assert_int_equal(paste_read("Actielijn\t2021\t2022\n2\t1\tveel\nJeugd\t3\t4\n", &table, &a, &r),
                     -1);
    assert_int_equal(r.n_errors, 2);
    assert_error(&r, "Regel 2, kolom 3 (2022): 'veel' is niet te lezen als bedrag");
    assert_error(&r, "Regel 3, kolom 1: 'Jeugd' is geen actielijn van deze tabel");
    assert_int_equal(paste_read("\t2021\t2030\n2\t1\t2\n", &table, &a, &r), -1);
    assert_error(&r, "Regel 1, kolom 3: het jaar 2030 staat niet in deze tabel");
    assert_int_equal(paste_read("\t2021\n2\t1\n2\t3\n", &table, &a, &r), -1);
    assert_error(&r, "Regel 3, kolom 1: actielijn '2' staat ook al op regel 2");
    assert_int_equal(paste_read("1\t2\t3\t4\t5\t6\t7\t8\t9\n", &table, &a, &r), -1);
    assert_error(&r, "Regel 1: meer kolommen dan de tabel jaren heeft (7)");
    assert_int_equal(paste_read("1\n2\n3\n", &amounts, &a, &r), -1);
    assert_error(&r, "Regel 3: de tabel heeft 2 rijen");
    assert_int_equal(paste_read(" \n\n", &table, &a, &r), -1);
    assert_error(&r, "Er is niets geplakt");
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_tabs_fill_from_the_top_left),
        cmocka_unit_test(test_header_of_years_and_first_column_of_actielijnen),
        cmocka_unit_test(test_header_in_another_order_and_a_part_of_the_years),
        cmocka_unit_test(test_dutch_amounts),
        cmocka_unit_test(test_plan_and_realisation_rows),
        cmocka_unit_test(test_errors_name_line_column_and_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
