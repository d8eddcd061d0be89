/* test_datatable.c: the CSV for people that every "Download als CSV" sends (datatable.h):
 * what Dutch Excel and LibreOffice open as a table with amounts as numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "web/datatable.h"

static const char *const headers[] = {"Naam", "Datum", "Bedrag", "Jaar"};

/* The CSV of a table with one row: name, date, cents and year; each of the optional
 * notes on the name and the amount. */
static char *one_row(const char *name, const char *name_note, int64_t cents,
                     const char *amount_note)
{
    Arena a = {0};
    DataTable t;
    dt_init(&t, &a, "Proef", headers, 4);
    TableCell *row = dt_row(&t, 0);
    cell_text(&row[0], name, NULL);
    row[0].note = name_note;
    cell_date(&row[1], "2024-05-28");
    cell_money(&row[2], cents, NULL, NULL);
    row[2].note = amount_note;
    cell_int(&row[3], 2024);
    Buf b = {0};
    dt_csv(&b, &t);
    char *out = strdup(b.data);
    buf_free(&b);
    arena_free(&a);
    return out;
}

static void test_dutch_spreadsheet_format(void **state)
{
    char *csv = one_row("Jobhunter", NULL, 123456789, NULL);
    /* BOM, semicolons, "(euro)" in the header of an amount column, CRLF */
    assert_string_equal(csv, "\xEF\xBB\xBFNaam;Datum;Bedrag (euro);Jaar\r\n"
                             "Jobhunter;28-05-2024;1234567,89;2024\r\n");
    free(csv);
    /* a negative amount stays a number: no quotes, no apostrophe */
    csv = one_row("Terugbetaling", NULL, -250050, NULL);
    assert_non_null(strstr(csv, "\r\nTerugbetaling;28-05-2024;-2500,50;2024\r\n"));
    free(csv);
}

static void test_quoting_and_formulas(void **state)
{
    /* a semicolon or quote in text is quoted, a comma is not (it is not the separator) */
    char *csv = one_row("Huiskamers; wijk \"Oost\", fase 2", NULL, 100, NULL);
    assert_non_null(strstr(csv, "\r\n\"Huiskamers; wijk \"\"Oost\"\", fase 2\";28-05-2024;1,00;"));
    free(csv);
    /* text that a spreadsheet would run as a formula gets an apostrophe */
    csv = one_row("=HYPERLINK(\"http://x\")", NULL, 100, NULL);
    assert_non_null(strstr(csv, "\r\n\"'=HYPERLINK(\"\"http://x\"\")\";"));
    free(csv);
    csv = one_row("-1+2", NULL, 100, NULL);
    assert_non_null(strstr(csv, "\r\n'-1+2;"));
    free(csv);
}

static void test_notes(void **state)
{
    /* a note under text follows it in brackets; one under an amount gets its own column,
     * so the amount stays a number */
    char *csv = one_row("Reserve", "tabel Financiën", 4595000, "31 december 2024");
    assert_string_equal(csv,
                        "\xEF\xBB\xBFNaam;Datum;Bedrag (euro);Toelichting bij Bedrag;Jaar\r\n"
                        "Reserve (tabel Financiën);28-05-2024;45950,00;31 december 2024;2024\r\n");
    free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dutch_spreadsheet_format),
        cmocka_unit_test(test_quoting_and_formulas),
        cmocka_unit_test(test_notes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
