/* test_text.c: the one check of text entering pok (text.h): UTF-8 validity (multi-byte,
 * truncated, overlong, surrogates, above U+10FFFF), control characters, the bounds and
 * the Dutch messages; the store refusing bad text by field name as the last line of
 * defence, and the driver below it refusing any bound text that is not UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "store/store.h"
#include "store/store_records.h"
#include "store/store_reference.h"
#include "support/testdb.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static TextProblem scan(const char *s, size_t len)
{
    return text_scan(s, len, SIZE_MAX, NULL);
}
#define SCAN(lit) scan(lit, sizeof lit - 1)

static void test_valid_text(void **state)
{
    (void)state;
    assert_int_equal(SCAN(""), TEXT_OK);
    assert_int_equal(SCAN("Overbetuwe"), TEXT_OK);
    assert_int_equal(SCAN("Caf\xC3\xA9"), TEXT_OK);        /* é, 2 bytes */
    assert_int_equal(SCAN("\xE2\x82\xAC 12"), TEXT_OK);    /* €, 3 bytes */
    assert_int_equal(SCAN("\xF0\x9F\x98\x80"), TEXT_OK);   /* U+1F600, 4 bytes */
    assert_int_equal(SCAN("\xF4\x8F\xBF\xBF"), TEXT_OK);   /* U+10FFFF, the last */
    assert_int_equal(SCAN("\xED\x9F\xBF"), TEXT_OK);       /* U+D7FF, before surrogates */
    assert_int_equal(SCAN("\xEE\x80\x80"), TEXT_OK);       /* U+E000, after them */
    assert_int_equal(SCAN("\xEF\xBB\xBF\x42OM"), TEXT_OK); /* U+FEFF */
    assert_int_equal(SCAN("tab\there\r\nregel"), TEXT_OK); /* tab and line ends */
    assert_true(text_utf8_valid("Caf\xC3\xA9", 5));
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    /* clang-format off */
    static const char *const bad[] = {
        "\xFF",             "bad\xFF\xFEname",  /* never in UTF-8 */
        "\x80",             "a\xBF",            /* a lone continuation byte */
        "\xC3",             "\xE2\x82",         /* truncated at the end */
        "\xF0\x9F\x98",     "\xC3(",            /* truncated before ASCII */
        "\xE2\x28\xA1",     "Caf\xE9!",         /* Windows-1252 é */
        "\xC0\xAF",         "\xC1\xBF",         /* overlong 2-byte forms */
        "\xE0\x80\xAF",     "\xE0\x9F\xBF",     /* overlong 3-byte forms */
        "\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF", /* overlong 4-byte forms */
        "\xED\xA0\x80",     "\xED\xBF\xBF",     /* surrogates U+D800, U+DFFF */
        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", /* above U+10FFFF */
        "\xF8\x88\x80\x80\x80",                  /* 5-byte forms */
    };
    /* clang-format on */
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (scan(bad[i], strlen(bad[i])) != TEXT_INVALID_UTF8) fail_msg("case %zu accepted", i);
        if (text_utf8_valid(bad[i], strlen(bad[i]))) fail_msg("case %zu valid", i);
    }
    TextScan sc;
    assert_int_equal(text_scan("ab\xC3\xA9\x63\xFF", 6, SIZE_MAX, &sc), TEXT_INVALID_UTF8);
    assert_int_equal(sc.offset, 5);
    assert_int_equal(sc.chars, 4);
    char msg[160];
    text_describe(&sc, msg, sizeof msg);
    assert_string_equal(msg, "geen geldige UTF-8-tekst (byte 0xFF na 4 tekens)");
}

static void test_control_characters(void **state)
{
    (void)state;
    /* NUL inside the length, other C0 controls, DEL, C1 controls, U+FFFE and U+FFFF */
    static const char *const bad[] = {"\x01",     "a\x1b[31m",    "\x7f",        "\xC2\x80",
                                      "\xC2\x9F", "\xEF\xBF\xBE", "\xEF\xBF\xBF"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (scan(bad[i], strlen(bad[i])) != TEXT_CONTROL) fail_msg("case %zu accepted", i);
    assert_int_equal(scan("a\0b", 3), TEXT_CONTROL);
    assert_true(text_utf8_valid("a\x01\x62", 3)); /* validity alone allows them */
    TextScan sc;
    text_scan("x\x1b", 2, SIZE_MAX, &sc);
    char msg[160];
    text_describe(&sc, msg, sizeof msg);
    assert_string_equal(msg, "bevat een stuurteken (U+001B na 1 teken); alleen tab en "
                             "regeleinde mogen in een tekst");
    /* U+00A0 (no-break space) is text, not a control */
    assert_int_equal(SCAN("\xC2\xA0"), TEXT_OK);
}

static void test_bounds(void **state)
{
    (void)state;
    assert_int_equal(text_max_chars(TEXT_SHORT), 300);
    assert_int_equal(text_max_chars(TEXT_LONG), 10000);
    assert_int_equal(text_max_chars(TEXT_UNBOUNDED), SIZE_MAX);
    /* counted in characters, not bytes: 300 times é (600 bytes) is short text */
    char text[2 * 301 + 1];
    for (int i = 0; i < 301; i++) memcpy(text + 2 * i, "\xC3\xA9", 2);
    text[2 * 301] = '\0';
    TextScan sc;
    assert_int_equal(text_scan(text, 600, 300, &sc), TEXT_OK);
    assert_int_equal(text_scan(text, 602, 300, &sc), TEXT_TOO_LONG);
    assert_int_equal(sc.chars, 301);
    PokErr err = {0};
    assert_int_equal(text_check("naam", text, TEXT_SHORT, &err), -1);
    assert_string_equal(err.msg, "naam: te lang: 301 tekens, hoogstens 300");
    assert_int_equal(text_check("omschrijving", text, TEXT_LONG, &err), 0);
    assert_int_equal(text_check("leeg", NULL, TEXT_SHORT, &err), 0);
    assert_int_equal(text_prefix_bytes(text, 2), 4);
    assert_int_equal(text_prefix_bytes("ab", 5), 2);
}

/* A message cut off at the end of PokErr never ends in half a character. */
static void test_error_messages_stay_text(void **state)
{
    (void)state;
    char big[2000] = {0};
    for (size_t i = 0; i + 2 < sizeof big; i += 2) memcpy(big + i, "\xC3\xA9", 2);
    big[sizeof big - 1] = '\0';
    for (int shift = 0; shift < 3; shift++) {
        PokErr err = {0};
        err_set(&err, "%.*s%s", shift, "xx", big);
        assert_true(text_utf8_valid(err.msg, strlen(err.msg)));
        err_prefix(&err, "%.*sbestand.csv, regel 7: ", shift, "xx");
        assert_true(text_utf8_valid(err.msg, strlen(err.msg)));
    }
}

/* ---- the store ---- */

typedef struct T {
    TestDb db;
    int64_t pok;
} T;

static int setup(void **state)
{
    T *t = calloc(1, sizeof *t);
    PokErr err = {0};
    Arena a = {0};
    Scheme sc;
    Municipality m = {.code = "GM1734", .name = "Overbetuwe"};
    if (!t || testdb_open(&t->db, "text", &err) ||
        store_scheme_get(t->db.s, "POK", &a, &sc, &err) != 1 ||
        store_municipality_put(t->db.s, &m, &err)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    t->pok = sc.id;
    arena_free(&a);
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    T *t = *state;
    testdb_close(&t->db);
    free(t);
    return 0;
}

static int64_t measures(T *t)
{
    return testdb_int(&t->db, "SELECT count(*) FROM measure");
}

static void test_store_refuses_bad_text_by_name(void **state)
{
    T *t = *state;
    PokErr err = {0};
    Measure m = {.municipality = "GM1734", .scheme_id = t->pok, .name = "bad\xFF\xFEname"};
    assert_int_equal(store_measure_add(t->db.s, &m, &err), -1);
    assert_string_equal(err.msg, "naam van de maatregel: geen geldige UTF-8-tekst (byte 0xFF na "
                                 "3 tekens)");
    m.name = "Jobhunter";
    m.partner = "Werk\x01 bedrijf";
    assert_int_equal(store_measure_add(t->db.s, &m, &err), -1);
    assert_non_null(strstr(err.msg, "partner van de maatregel: bevat een stuurteken (U+0001"));
    /* a 1 MB name, and a place in the source over the short bound */
    size_t n = 1000000;
    char *big = malloc(n + 1);
    assert_non_null(big);
    memset(big, 'x', n);
    big[n] = '\0';
    m.partner = NULL;
    m.name = big;
    assert_int_equal(store_measure_add(t->db.s, &m, &err), -1);
    assert_string_equal(err.msg, "naam van de maatregel: te lang: 1.000.000 tekens, hoogstens 300");
    m.name = "Jobhunter";
    big[301] = '\0';
    m.cite.place = big;
    assert_int_equal(store_measure_add(t->db.s, &m, &err), -1);
    assert_string_equal(err.msg, "plaats in de bron: te lang: 301 tekens, hoogstens 300");
    /* a description may be long */
    m.cite.place = NULL;
    big[301] = 'x';
    big[10000] = '\0';
    m.description = big;
    assert_int_equal(store_measure_add(t->db.s, &m, &err), 0);
    assert_int_equal(measures(t), 1);
    big[10000] = 'x';
    big[10001] = '\0';
    m.description = big;
    assert_int_equal(store_measure_add(t->db.s, &m, &err), -1);
    assert_string_equal(err.msg,
                        "omschrijving van de maatregel: te lang: 10.001 tekens, hoogstens 10.000");
    free(big);
    assert_int_equal(measures(t), 1);
    /* the other writes check their texts too */
    Source src = {.kind = "brief", .title = "Brief \xE9"};
    assert_int_equal(store_source_add(t->db.s, &src, &err), -1);
    assert_non_null(strstr(err.msg, "titel van de bron: geen geldige UTF-8-tekst"));
    Municipality bad = {.code = "GM0534", .name = "Hille\xC0\xAFgom"};
    assert_int_equal(store_municipality_put(t->db.s, &bad, &err), -1);
    assert_non_null(strstr(err.msg, "naam van de gemeente: geen geldige UTF-8-tekst"));
}

/* Below the named checks the driver refuses any bound text that is not UTF-8: the actor
 * of the audit trail is no record field, and still cannot bring bad bytes in. */
static void test_driver_refuses_bad_text(void **state)
{
    T *t = *state;
    PokErr err = {0};
    int64_t before = testdb_int(&t->db, "SELECT count(*) FROM audit");
    store_set_actor(t->db.s, "redacteur\xFF");
    Measure m = {.municipality = "GM1734", .scheme_id = t->pok, .name = "Schuldhulp"};
    assert_int_equal(store_measure_add(t->db.s, &m, &err), -1);
    assert_non_null(strstr(err.msg, "een tekst is geen geldige UTF-8-tekst (parameter"));
    assert_non_null(strstr(err.msg, "er is niets opgeslagen"));
    assert_int_equal(measures(t), 0);
    assert_int_equal(testdb_int(&t->db, "SELECT count(*) FROM audit"), before);
    store_set_actor(t->db.s, "redacteur");
    assert_int_equal(store_measure_add(t->db.s, &m, &err), 0);
    assert_int_equal(measures(t), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_text),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_error_messages_stay_text),
        cmocka_unit_test_setup_teardown(test_store_refuses_bad_text_by_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_driver_refuses_bad_text, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
