/* test_ledger.c: the general-ledger import on a temporary store: realised amounts from the
 * bookings, idempotence (a re-import adds nothing, identical lines in one file all count),
 * fingerprints, exact messages for bad lines with nothing written, and the bookings page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ingest/ledger.h"
#include "store/store_ledger.h"
#include "store/store_records.h"
#include "store/store_reference.h"
#include "support/testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Fixture {
    TestDb db;
    int64_t m1, m2;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    PokErr err = {0};
    if (!f || testdb_open(&f->db, "ledger", &err)) return -1;
    Municipality muni = {.code = "GM1734", .name = "Overbetuwe", .province = "Gelderland"};
    Arena a = {0};
    Scheme pok;
    Measure m1 = {.municipality = "GM1734", .name = "Inhuur regisseur", .cost_centres = "KP9001"};
    Measure m2 = {.municipality = "GM1734", .name = "Huiskamer", .cost_centres = "KP9002, KP9003"};
    int rc = store_municipality_put(f->db.s, &muni, &err) ||
             store_scheme_get(f->db.s, "POK", &a, &pok, &err) != 1;
    m1.scheme_id = m2.scheme_id = pok.id;
    if (!rc) rc = store_measure_add(f->db.s, &m1, &err) || store_measure_add(f->db.s, &m2, &err);
    arena_free(&a);
    if (rc) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    f->m1 = m1.id;
    f->m2 = m2.id;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    testdb_close(&f->db);
    free(f);
    return 0;
}

static const char HEADER[] =
    "boekdatum;boekjaar;periode;grootboekrekening;kostenplaats;taakveld;bedrag;omschrijving;"
    "documentnummer\n";

static int import(Fixture *f, const char *name, const char *body, int strict, int dry_run,
                  LedgerReport *rep, PokErr *err)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s", HEADER, body);
    LedgerOptions o = {.municipality = "GM1734", .strict = strict, .dry_run = dry_run};
    return ledger_import_mem(f->db.s, name, text, strlen(text), &o, rep, err);
}

static int64_t realised(Fixture *f, int64_t measure_id, int year)
{
    PokErr err = {0};
    int64_t cents = -1;
    assert_int_equal(store_ledger_realised(f->db.s, measure_id, year, &cents, &err), 1);
    return cents;
}

static size_t bookings(Fixture *f, int64_t measure_id)
{
    Arena a = {0};
    Booking *b;
    size_t n;
    PokErr err = {0};
    assert_int_equal(store_ledger_bookings(f->db.s, measure_id, 0, &a, &b, &n, &err), 0);
    arena_free(&a);
    return n;
}

static const char FILE1[] =
    "2024-01-15;2024;1;4100;KP9001;6.1;-1234,56;Inhuur;D1\n"
    "2024-02-15;2024;2;4100;KP9001;6.1;2000;Inhuur;D2\n"
    "2024-02-15;2024;2;4100;KP9001;6.1;2000;Inhuur;D2\n" /* identical: counts twice */
    "2025-03-01;2025;3;4200;KP9002;6.2;10,5;Huur;D3\n"
    "2025-03-02;2025;3;4200; KP9003 ;6.2;\"1.000,00\";Huur;D4\n"
    "2025-03-03;2025;3;4200;KP1000;6.2;99,99;Anders;D5\n"; /* on no measure */

static void test_import_and_reimport(void **state)
{
    Fixture *f = *state;
    LedgerReport rep = {0};
    PokErr err = {0};
    assert_int_equal(import(f, "gb.csv", FILE1, 0, 0, &rep, &err), 0);
    assert_int_equal(rep.imp.lines, 6);
    assert_int_equal(rep.imp.bookings_new, 5);
    assert_int_equal(rep.imp.unmapped_lines, 1);
    assert_int_equal(rep.imp.unmapped_cents, 9999);
    assert_int_equal(rep.n_unmapped, 1);
    assert_string_equal(rep.unmapped[0].code, "KP1000");
    assert_int_equal(rep.n_changes, 2);
    assert_int_equal(realised(f, f->m1, 2024), -123456 + 200000 + 200000);
    assert_int_equal(realised(f, f->m2, 2025), 1050 + 100000);
    assert_int_equal(bookings(f, f->m1), 3);

    /* the same file again: nothing new, nothing changed */
    assert_int_equal(import(f, "gb.csv", FILE1, 0, 0, &rep, &err), 0);
    assert_int_equal(rep.imp.bookings_new, 0);
    assert_int_equal(rep.imp.bookings_known, 5);
    assert_int_equal(rep.n_changes, 0);
    assert_int_equal(realised(f, f->m1, 2024), 276544);
    assert_int_equal(bookings(f, f->m1), 3);

    /* an overlapping later export: the line it repeats is known, the other one new */
    assert_int_equal(import(f, "q2.csv",
                            "2024-02-15;2024;2;4100;KP9001;6.1;2000;Inhuur;D2\n"
                            "2024-06-01;2024;6;4100;KP9001;6.1;1;Inhuur;D9\n",
                            0, 0, &rep, &err),
                     0);
    assert_int_equal(rep.imp.bookings_new, 1);
    assert_int_equal(rep.imp.bookings_known, 1);
    assert_int_equal(realised(f, f->m1, 2024), 276644);

    /* the import log */
    Arena a = {0};
    LedgerImport *imps;
    size_t n;
    assert_int_equal(store_ledger_imports(f->db.s, "GM1734", &a, &imps, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_string_equal(imps[0].file_name, "q2.csv");
    assert_true(imps[2].source_id > 0);
    assert_int_equal(imps[1].source_id, 0); /* nothing changed: no source */
    arena_free(&a);
    ledger_report_free(&rep);
}

/* The texts of a booking arrive as they were in the file, also the characters that
 * PostgreSQL's COPY (the bulk path there) escapes: backslash, tab, a line break inside a
 * quoted field, and \N, its word for NULL. */
static void test_texts_kept(void **state)
{
    Fixture *f = *state;
    LedgerReport rep = {0};
    PokErr err = {0};
    assert_int_equal(
        import(f, "tekst.csv",
               "2026-01-05;2026;1;4100;KP9001;6.1;7,00;\"Zaak\\1\tcliënt\nregel 2\";\\N\n", 0, 0,
               &rep, &err),
        0);
    assert_int_equal(rep.imp.bookings_new, 1);
    Arena a = {0};
    Booking *b;
    size_t n;
    assert_int_equal(store_ledger_bookings(f->db.s, f->m1, 2026, &a, &b, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(b[0].description, "Zaak\\1\tcliënt\nregel 2");
    assert_string_equal(b[0].document, "\\N");
    assert_int_equal(b[0].amount_cents, 700);
    assert_int_equal(b[0].period, 1);
    arena_free(&a);
    ledger_report_free(&rep);
}

static void test_dry_run_and_errors(void **state)
{
    Fixture *f = *state;
    LedgerReport rep = {0};
    PokErr err = {0};
    assert_int_equal(import(f, "proef.csv", FILE1, 0, 1, &rep, &err), 0);
    assert_int_equal(rep.imp.bookings_new, 5);
    assert_int_equal(rep.n_changes, 2);
    assert_int_equal(bookings(f, f->m1), 0);

    assert_int_equal(import(f, "fout.csv",
                            "2024-01-15;2024;1;4100;KP9001;6.1;1,00;Inhuur;D1\n"
                            "2024-01-15;2024;1;4100;KP9001;6.1;12x,5;Inhuur;D1\n",
                            0, 0, &rep, &err),
                     -1);
    assert_string_equal(err.msg, "fout.csv, regel 3, kolom 'bedrag': verwacht een bedrag zoals "
                                 "1.234,56, niet '12x,5' (onverwachte tekens na het bedrag "
                                 "(verwacht bijvoorbeeld 1.234,56))");
    assert_int_equal(bookings(f, f->m1), 0);

    assert_int_equal(import(f, "strikt.csv", FILE1, 1, 0, &rep, &err), -1);
    assert_non_null(strstr(err.msg, "strikt.csv, regel 7, kolom 'kostenplaats': KP1000 hoort bij "
                                    "geen enkele maatregel van GM1734"));
    assert_int_equal(
        import(f, "datum.csv", "2024-02-30;2024;1;4100;KP9001;6.1;1;x;D\n", 0, 0, &rep, &err), -1);
    assert_non_null(strstr(err.msg, "datum.csv, regel 2, kolom 'boekdatum'"));
    assert_int_equal(
        import(f, "periode.csv", "2024-02-03;2024;17;4100;KP9001;6.1;1;x;D\n", 0, 0, &rep, &err),
        -1);
    assert_non_null(strstr(err.msg, "periode.csv, regel 2, kolom 'periode'"));
    assert_int_equal(bookings(f, f->m1), 0);

    Arena a = {0};
    LedgerImport *imps;
    size_t n;
    assert_int_equal(store_ledger_imports(f->db.s, "GM1734", &a, &imps, &n, &err), 0);
    assert_int_equal(n, 0);
    arena_free(&a);
    ledger_report_free(&rep);
}

static void test_fingerprint(void **state)
{
    (void)state;
    Booking a = {.booking_date = "2024-01-01",
                 .year = 2024,
                 .period = 1,
                 .account = "4100",
                 .cost_centre = "KP9001",
                 .amount_cents = 100,
                 .description = "x",
                 .document = "D1"};
    Booking b = a;
    store_ledger_fingerprint(&a);
    store_ledger_fingerprint(&b);
    assert_memory_equal(a.fingerprint, b.fingerprint, LEDGER_FINGERPRINT_BYTES);
    b.amount_cents = 101;
    store_ledger_fingerprint(&b);
    assert_memory_not_equal(a.fingerprint, b.fingerprint, LEDGER_FINGERPRINT_BYTES);
    /* moving text from one field to the next is a different booking */
    Booking c = a, d = a;
    c.description = "xD";
    c.document = "1";
    d.description = "x";
    d.document = "D1";
    store_ledger_fingerprint(&c);
    store_ledger_fingerprint(&d);
    assert_memory_not_equal(c.fingerprint, d.fingerprint, LEDGER_FINGERPRINT_BYTES);
}

static void test_header_checks(void **state)
{
    (void)state;
    PokErr err = {0};
    static const char nocsv[] = "Dit is een brief\n";
    assert_null(ledger_open_mem("brief.txt", nocsv, strlen(nocsv), NULL, &err));
    assert_non_null(strstr(err.msg, "brief.txt is geen CSV-bestand van een grootboek"));
    static const char noyear[] = "kostenplaats;bedrag\nKP1;1\n";
    assert_null(ledger_open_mem("jaar.csv", noyear, strlen(noyear), NULL, &err));
    assert_non_null(strstr(err.msg, "kolom 'boekjaar' of 'boekdatum' ontbreekt"));
    /* a project column as key, a year from DD-MM-JJJJ dates, quotes inside a field kept */
    static const char project[] = "boekdatum,project,bedrag\n31-12-2023,P1,\"1,50\"\n"
                                  "01-01-2024,P\"2,7\n";
    LedgerReader *lr = ledger_open_mem("p.csv", project, strlen(project), "project", &err);
    assert_non_null(lr);
    LedgerLine l;
    assert_int_equal(ledger_next(lr, &l, &err), 1);
    assert_string_equal(l.key, "P1");
    assert_string_equal(l.date, "2023-12-31");
    assert_int_equal(l.year, 2023);
    assert_int_equal(l.amount_cents, 150);
    assert_int_equal(ledger_next(lr, &l, &err), 1);
    assert_string_equal(l.key, "P\"2");
    assert_int_equal(l.year, 2024);
    assert_int_equal(ledger_next(lr, &l, &err), 0);
    ledger_close(lr);
}

static void test_bookings_page(void **state)
{
    Fixture *f = *state;
    LedgerReport rep = {0};
    PokErr err = {0};
    assert_int_equal(import(f, "web.csv", FILE1, 0, 0, &rep, &err), 0);
    ledger_report_free(&rep);
    char path[64];
    snprintf(path, sizeof path, "/maatregel/%lld/boekingen?jaar=2024", (long long)f->m1);
    WebResponse res;
    testweb_call(&f->db.app, "GET", path, &res);
    assert_int_equal(res.status, 200);
    assert_non_null(strstr(res.body.data, "€ 2.765,44"));
    assert_non_null(strstr(res.body.data, "web.csv, regel 3"));
    web_response_free(&res);
    snprintf(path, sizeof path, "/maatregel/%lld/boekingen.csv", (long long)f->m1);
    testweb_call(&f->db.app, "GET", path, &res);
    assert_int_equal(res.status, 200);
    assert_non_null(strstr(res.body.data, ";-1234,56;"));
    web_response_free(&res);
    testweb_call(&f->db.app, "GET", "/maatregel/1/boekingen?jaar=abc", &res);
    assert_int_equal(res.status, 404);
    web_response_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_import_and_reimport, setup, teardown),
        cmocka_unit_test_setup_teardown(test_texts_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dry_run_and_errors, setup, teardown),
        cmocka_unit_test(test_fingerprint),
        cmocka_unit_test(test_header_checks),
        cmocka_unit_test_setup_teardown(test_bookings_page, setup, teardown),
    };
    return cmocka_run_group_tests_name("ledger", tests, NULL, NULL);
}
