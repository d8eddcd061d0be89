/* test_privacy.c: the personal-data scanner (privacy.h): the 11-proef and mod-97 checks,
 * and per kind the formats it finds and the look-alikes it leaves alone, with exact byte
 * offsets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "privacy.h"

#include <stdio.h>
#include <string.h>

/* The findings of text as "kind:text|kind:text" (for readable failures). */
static const char *scan(const char *text)
{
    static char out[1024];
    PrivacyFindings f = {0};
    privacy_scan(text, strlen(text), &f);
    size_t n = 0;
    out[0] = '\0';
    for (size_t k = 0; k < f.n; k++)
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%s:%.*s", k ? "|" : "",
                              privacy_kind_name(f.items[k].kind),
                              (int)(f.items[k].end - f.items[k].start), text + f.items[k].start);
    privacy_findings_free(&f);
    return out;
}

static void test_bsn_check(void **state)
{
    (void)state;
    assert_true(privacy_bsn_valid("123456782"));
    assert_true(privacy_bsn_valid("111222333"));
    assert_false(privacy_bsn_valid("123456789"));
    assert_false(privacy_bsn_valid("000000000")); /* passes the sum, but is no number */
    assert_false(privacy_bsn_valid("12345678a"));
}

static void test_iban_check(void **state)
{
    (void)state;
    assert_true(privacy_iban_valid("NL91ABNA0417164300", 18));
    assert_true(privacy_iban_valid("nl91abna0417164300", 18));
    assert_false(privacy_iban_valid("NL92ABNA0417164300", 18));
    assert_false(privacy_iban_valid("NL91ABNA041716430", 17)); /* NL is 18 long */
    assert_true(privacy_iban_valid("DE89370400440532013000", 22));
    assert_true(privacy_iban_valid("BE68539007547034", 16));
    assert_false(privacy_iban_valid("DE89370400440532013001", 22));
}

static void test_bsn(void **state)
{
    (void)state;
    assert_string_equal(scan("BSN 123456782."), "bsn:123456782");
    assert_string_equal(scan("bsn: 1234.56.782"), "bsn:1234.56.782");
    assert_string_equal(scan("nr 123 456 782 bekend"), "bsn:123 456 782");
    assert_string_equal(scan("123456789 faalt"), "");   /* fails the 11-proef */
    assert_string_equal(scan("1123456782"), "");        /* inside a longer run */
    assert_string_equal(scan("€ 123.456.782"), "");     /* an amount */
    assert_string_equal(scan("kenmerk 123456782"), ""); /* a reference */
    assert_string_equal(scan("Z/24/123456782"), "");    /* part of a zaaknummer */
}

static void test_iban(void **state)
{
    (void)state;
    assert_string_equal(scan("rekening NL91 ABNA 0417 1643 00 van"), "iban:NL91 ABNA 0417 1643 00");
    assert_string_equal(scan("op nl91abna0417164300."), "iban:nl91abna0417164300");
    assert_string_equal(scan("DE89 3704 0044 0532 0130 00"), "iban:DE89 3704 0044 0532 0130 00");
    assert_string_equal(scan("NL92ABNA0417164300"), "");
}

static void test_email(void **state)
{
    (void)state;
    assert_string_equal(scan("mail j.de-vries+pok@gemeente.olst-wijhe.nl."),
                        "email:j.de-vries+pok@gemeente.olst-wijhe.nl");
    assert_string_equal(scan("op @twitter of a@b"), "");
}

static void test_phone(void **state)
{
    (void)state;
    assert_string_equal(scan("bel 06-12345678"), "phone:06-12345678");
    assert_string_equal(scan("06 1234 5678"), "phone:06 1234 5678");
    assert_string_equal(scan("+31 6 12345678"), "phone:+31 6 12345678");
    assert_string_equal(scan("+31(0)6-12345678"), "phone:+31(0)6-12345678");
    assert_string_equal(scan("0031 20 123 4567"), "phone:0031 20 123 4567");
    assert_string_equal(scan("0570-123456"), "phone:0570-123456");
    assert_string_equal(scan("zaak 2024/061234"), "");
    assert_string_equal(scan("zaaknummer 0612345678"), "");
    assert_string_equal(scan("2024-0012345"), "");
    assert_string_equal(scan("0800-1234567"), ""); /* a service number */
    assert_string_equal(scan("061234567"), "");    /* nine digits */
}

static void test_postcode(void **state)
{
    (void)state;
    assert_string_equal(scan("1234 AB 12"), "postcode:1234 AB 12");
    assert_string_equal(scan("1234AB 12a."), "postcode:1234AB 12a");
    assert_string_equal(scan("1234 ab, 12"), "postcode:1234 ab, 12");
    assert_string_equal(scan("Dorpsstraat 12, 1234 AB Olst"), "postcode:Dorpsstraat 12, 1234 AB");
    assert_string_equal(scan("in 2024 en 12 gemeenten"), "");
    assert_string_equal(scan("2024 EN 2025"), "");
    assert_string_equal(scan("1234 SS 12"), "");       /* never issued */
    assert_string_equal(scan("postcode 1234 AB"), ""); /* without a house number */
}

static void test_birthdate(void **state)
{
    (void)state;
    assert_string_equal(scan("geboren op 3 mei 1980"), "birthdate:3 mei 1980");
    assert_string_equal(scan("geb. 03-05-1980"), "birthdate:03-05-1980");
    assert_string_equal(scan("geboortedatum: 1980-05-03"), "birthdate:1980-05-03");
    assert_string_equal(scan("besluit van 12 maart 2024"), "");
    assert_string_equal(scan("brief van 3-4-2024"), "");
}

static void test_name(void **state)
{
    (void)state;
    assert_string_equal(scan("mevrouw Jansen belde"), "name:Jansen");
    assert_string_equal(scan("mw. A. de Vries"), "name:A. de Vries");
    assert_string_equal(scan("de heer Van den Berg"), "name:Van den Berg");
    assert_string_equal(scan("Geachte heer Yilmaz,"), "name:Yilmaz");
    assert_string_equal(scan("familie El Amrani"), "name:El Amrani");
    assert_string_equal(scan("mr. Pietersen"), "name:Pietersen");
    assert_string_equal(scan("mevrouw \xC3\x96zdemir"), "name:\xC3\x96zdemir");
    assert_string_equal(scan("mevrouw de burgemeester"), "");
    assert_string_equal(scan("de heer die belde"), "");
    assert_string_equal(scan("de heer Wethouder"), "");
}

static void test_offsets_and_order(void **state)
{
    (void)state;
    const char *text = "Caf\xC3\xA9: mevrouw Jansen, 06-12345678";
    PrivacyFindings f = {0};
    privacy_scan(text, strlen(text), &f);
    assert_int_equal(f.n, 2);
    assert_int_equal(f.items[0].kind, PRIVACY_NAME);
    assert_int_equal(f.items[0].start, 15); /* é is two bytes */
    assert_int_equal(f.items[0].end, 21);
    assert_int_equal(f.items[1].kind, PRIVACY_PHONE);
    assert_int_equal(f.items[1].start, 23);
    privacy_findings_free(&f);
    privacy_scan("", 0, &f);
    assert_int_equal(f.n, 0);
    privacy_findings_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bsn_check), cmocka_unit_test(test_iban_check),
        cmocka_unit_test(test_bsn),       cmocka_unit_test(test_iban),
        cmocka_unit_test(test_email),     cmocka_unit_test(test_phone),
        cmocka_unit_test(test_postcode),  cmocka_unit_test(test_birthdate),
        cmocka_unit_test(test_name),      cmocka_unit_test(test_offsets_and_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
