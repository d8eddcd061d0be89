/* test_money.c: parsing and printing Dutch amounts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs */

#include <string.h>

#include "money.h"

static int64_t parse_ok(const char *text)
{
    int64_t cents = -1;
    const char *reason = NULL;
    int rc = money_parse(text, &cents, &reason);
    if (rc != 0) fail_msg("'%s' rejected: %s", text, reason);
    return cents;
}

static const char *parse_bad(const char *text)
{
    int64_t cents = 12345;
    const char *reason = NULL;
    assert_int_equal(money_parse(text, &cents, &reason), -1);
    assert_non_null(reason);
    assert_int_equal(cents, 12345); /* untouched on failure */
    return reason;
}

static void test_parse_document_forms(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("€ 1.234.567"), 123456700);
    assert_int_equal(parse_ok("1.234.567,89"), 123456789);
    assert_int_equal(parse_ok("-2.500,00"), -250000);
    assert_int_equal(parse_ok("1234,5"), 123450);
    assert_int_equal(parse_ok("0"), 0);
    assert_int_equal(parse_ok("€0"), 0);
    assert_int_equal(parse_ok("€ 52 500"), 5250000); /* OCR: space as separator */
    assert_int_equal(parse_ok("€ 459.500"), 45950000);
    assert_int_equal(parse_ok("EUR 12"), 1200);
    assert_int_equal(parse_ok("€ -10.000"), -1000000);
    assert_int_equal(parse_ok("- € 10.000"), -1000000);
    assert_int_equal(parse_ok("  17.359  "), 1735900);
    assert_int_equal(parse_ok("1.234,-"), 123400);
    assert_int_equal(parse_ok("999"), 99900);
    assert_int_equal(parse_ok("1\xc2\xa0"
                              "234"),
                     123400); /* no-break space */
}

static void test_parse_rejects_garbage(void **state)
{
    (void)state;
    parse_bad("");
    parse_bad("   ");
    parse_bad("€");
    parse_bad("abc");
    assert_non_null(strstr(parse_bad("12,345.6x"), "twee cijfers"));
    parse_bad("12.34"); /* a dot with two digits: not a thousands group */
    parse_bad("1.2345");
    parse_bad("1234.567"); /* first group too long */
    parse_bad("1,234");    /* three decimals */
    parse_bad("1,");
    parse_bad("12 34");
    parse_bad("1.234 567"); /* mixed separators */
    parse_bad("12€");
    parse_bad("--5");
    parse_bad("1.234,56 EUR");
    parse_bad("0x10");
    parse_bad("1e6");
}

static void test_parse_overflow(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("1.000.000.000.000"), MONEY_MAX_CENTS);
    assert_non_null(strstr(parse_bad("1.000.000.000.000,01"), "te groot"));
    assert_non_null(strstr(parse_bad("99999999999999999999999"), "te groot"));
    parse_bad("9.223.372.036.854.775.807");
}

static void test_format(void **state)
{
    (void)state;
    char buf[MONEY_BUFSZ];
    assert_string_equal(money_format(123456789, MONEY_EURO, buf), "€ 1.234.567,89");
    assert_string_equal(money_format(45950000, MONEY_EURO | MONEY_WHOLE, buf), "€ 459.500");
    assert_string_equal(money_format(45950050, MONEY_EURO | MONEY_WHOLE, buf), "€ 459.500,50");
    assert_string_equal(money_format(-250000, 0, buf), "-2.500,00");
    assert_string_equal(money_format(0, MONEY_EURO | MONEY_WHOLE, buf), "€ 0");
    assert_string_equal(money_format(5, 0, buf), "0,05");
    assert_string_equal(money_format(100000, MONEY_WHOLE, buf), "1.000");
    assert_string_equal(money_format(INT64_MIN, 0, buf), "-92.233.720.368.547.758,08");
    assert_string_equal(money_format(INT64_MAX, MONEY_EURO, buf), "€ 92.233.720.368.547.758,07");
    assert_string_equal(money_format_plain(-123456789, buf), "-1234567,89");
    assert_string_equal(money_format_plain(7, buf), "0,07");
}

/* Whatever pok prints, it reads back to the same cents. */
static void test_round_trip(void **state)
{
    (void)state;
    static const int64_t values[] = {0,
                                     1,
                                     99,
                                     100,
                                     101,
                                     99999,
                                     100000,
                                     123456789,
                                     -1,
                                     -100050,
                                     MONEY_MAX_CENTS,
                                     -MONEY_MAX_CENTS};
    char buf[MONEY_BUFSZ];
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        unsigned flags[] = {0, MONEY_EURO, MONEY_WHOLE, MONEY_EURO | MONEY_WHOLE};
        for (size_t f = 0; f < 4; f++) {
            assert_int_equal(parse_ok(money_format(values[i], flags[f], buf)), values[i]);
        }
        assert_int_equal(parse_ok(money_format_plain(values[i], buf)), values[i]);
    }
}

static void test_add_overflow(void **state)
{
    (void)state;
    int64_t out;
    assert_int_equal(money_add(1, 2, &out), 0);
    assert_int_equal(out, 3);
    assert_int_equal(money_add(INT64_MAX, 1, &out), -1);
    assert_int_equal(money_add(INT64_MIN, -1, &out), -1);
}

/* The plain ledger form ("-1234,56") takes a fast path: it must give exactly what the
 * full parser gives, and hand everything else (too long, stray signs, trailing text) to
 * it, so errors and limits stay the same. */
static void test_parse_plain_fast_path(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("-1234,56"), -123456);
    assert_int_equal(parse_ok("1234,56"), 123456);
    assert_int_equal(parse_ok("0,01"), 1);
    assert_int_equal(parse_ok("-0,5"), -50);
    assert_int_equal(parse_ok("7"), 700);
    assert_int_equal(parse_ok("-0"), 0);
    assert_int_equal(parse_ok("999999999999,99"), 99999999999999LL);
    assert_int_equal(parse_ok("1234,-"), 123400); /* falls back */
    assert_int_equal(parse_ok("-1234,56 "), -123456);
    parse_bad("12x,5");
    parse_bad("-");
    parse_bad("1,");
    parse_bad(",5");
    parse_bad("1,234");
    parse_bad("--1");
    assert_int_equal(parse_ok("1000000000000"), MONEY_MAX_CENTS); /* 13 digits: full parser */
    parse_bad("10000000000000");                                  /* over the limit */
    parse_bad("1234,56-");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_document_forms),
        cmocka_unit_test(test_parse_rejects_garbage),
        cmocka_unit_test(test_parse_overflow),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_add_overflow),
        cmocka_unit_test(test_parse_plain_fast_path),
    };
    return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
