/* test_import.c: CSV imports into a fresh test store (support/testdb.h): versions, re-imports, the
 * change list, and for every bad input the exact message and an unchanged database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "embedded.h"
#include "ingest/import.h"
#include "store/store_records.h"
#include "store/store_reference.h"
#include "support/testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct ImportDb {
    TestDb db;
    Store *s; /* db.s */
    int64_t scheme_id;
} ImportDb;

static int db_setup(void **state)
{
    ImportDb *t = calloc(1, sizeof *t);
    if (!t) return -1;
    PokErr err = {0};
    if (testdb_open(&t->db, "import", &err)) {
        free(t);
        return -1;
    }
    t->s = t->db.s;
    Municipality olst = {.code = "GM1773", .name = "Olst-Wijhe", .province = "Overijssel"};
    Municipality hillegom = {.code = "GM0534", .name = "Hillegom", .province = "Zuid-Holland"};
    Arena a = {0};
    Scheme pok;
    if (store_municipality_put(t->s, &olst, &err) ||
        store_municipality_put(t->s, &hillegom, &err) ||
        store_scheme_get(t->s, "POK", &a, &pok, &err) != 1) {
        fprintf(stderr, "setup: %s\n", err.msg);
        arena_free(&a);
        return -1;
    }
    t->scheme_id = pok.id;
    arena_free(&a);
    *state = t;
    return 0;
}

static int db_teardown(void **state)
{
    ImportDb *t = *state;
    testdb_close(&t->db);
    free(t);
    return 0;
}

/* Every allocation version of the two test municipalities. */
static size_t count_allocations(ImportDb *t)
{
    static const char *const codes[] = {"GM1773", "GM0534"};
    size_t n = 0;
    for (size_t i = 0; i < 2; i++) {
        Arena a = {0};
        MuniData d;
        PokErr err = {0};
        if (store_load(t->s, codes[i], t->scheme_id, &a, &d, &err) != 1)
            fail_msg("store_load %s: %s", codes[i], err.msg);
        n += d.n_allocations;
        arena_free(&a);
    }
    return n;
}

static size_t count_sources(ImportDb *t)
{
    Arena a = {0};
    Source *list;
    size_t n;
    PokErr err = {0};
    if (store_source_list(t->s, NULL, &a, &list, &n, &err) != 0) fail_msg("%s", err.msg);
    arena_free(&a);
    return n;
}

/* The current allocation of one cell, with its version, source and place. */
static int64_t current_allocation(ImportDb *t, const char *code, int actielijn, int year,
                                  int *version, int64_t *source_id, char *place, size_t place_sz)
{
    Arena a = {0};
    MuniData d;
    PokErr err = {0};
    if (store_load(t->s, code, t->scheme_id, &a, &d, &err) != 1) fail_msg("%s", err.msg);
    int64_t cents = -1;
    *version = 0;
    for (size_t i = 0; i < d.n_allocations; i++) {
        const Allocation *al = &d.allocations[i];
        const Actielijn *act = muni_actielijn(&d, al->actielijn_id);
        if (!act || act->number != actielijn || al->year != year || al->version < *version)
            continue;
        *version = al->version;
        cents = al->amount_cents;
        if (source_id) *source_id = al->cite.source_id;
        if (place) snprintf(place, place_sz, "%s", al->cite.place ? al->cite.place : "");
    }
    arena_free(&a);
    return cents;
}

static int run_allocations(ImportDb *t, const char *text, int dry_run, ImportReport *rep,
                           PokErr *err)
{
    return import_allocations_mem(t->s, "allocaties.csv", text, strlen(text), NULL, dry_run, rep,
                                  err);
}

static const char olst_2022[] = "municipality;actielijn;year;amount;source;place\n"
                                "GM1773;2;2021;19.000;Decembercirculaire 2021;bijlage 1\n"
                                "GM1773;2;2022;20.000;Decembercirculaire 2021;bijlage 1\n"
                                "\n"
                                "GM1773;4;2026;33.000;Decembercirculaire 2021;\n"
                                ";;;;;\n"
                                "gm1773;5;2023;2.000;Decembercirculaire 2021;\n"
                                "GM0534;3;2023;\"84.342\";Decembercirculaire 2021;\n"
                                "GM0534;3;2024;1.234,56;Decembercirculaire 2021;\n";

static void test_allocations_good_file(void **state)
{
    ImportDb *t = *state;
    ImportReport rep = {0};
    PokErr err = {0};
    if (run_allocations(t, olst_2022, 0, &rep, &err) != 0) fail_msg("%s", err.msg);
    assert_int_equal(rep.rows, 6);
    assert_int_equal(rep.inserted, 6);
    assert_int_equal(rep.changed, 0);
    assert_int_equal(rep.unchanged, 0);
    assert_int_equal(rep.sources_created, 1);
    assert_int_equal(rep.n_changes, 0);
    import_report_free(&rep);
    assert_int_equal(count_allocations(t), 6);

    int version;
    int64_t source_id = 0;
    char place[64];
    assert_int_equal(
        current_allocation(t, "GM1773", 2, 2021, &version, &source_id, place, sizeof place),
        1900000);
    assert_int_equal(version, 1);
    assert_string_equal(place, "bijlage 1");
    assert_true(source_id > 0);
    Arena a = {0};
    Source src;
    assert_int_equal(store_source_get(t->s, source_id, &a, &src, &err), 1);
    assert_string_equal(src.title, "Decembercirculaire 2021");
    assert_string_equal(src.kind, "circulaire");
    arena_free(&a);
    assert_int_equal(current_allocation(t, "GM1773", 4, 2026, &version, NULL, place, sizeof place),
                     3300000);
    assert_string_equal(place, "");
    assert_int_equal(current_allocation(t, "GM0534", 3, 2024, &version, NULL, NULL, 0), 123456);

    /* The same figures again: nothing new, the source is found by its title. */
    if (run_allocations(t, olst_2022, 0, &rep, &err) != 0) fail_msg("%s", err.msg);
    assert_int_equal(rep.rows, 6);
    assert_int_equal(rep.inserted, 0);
    assert_int_equal(rep.unchanged, 6);
    assert_int_equal(rep.sources_created, 0);
    import_report_free(&rep);
    assert_int_equal(count_allocations(t), 6);
    assert_int_equal(count_sources(t), 1);

    /* A later circulaire: one figure changes, one is new; the source is given by id. */
    char text[512];
    snprintf(text, sizeof text,
             "Source,Year,Municipality,Actielijn,Amount\n"
             "%lld,2026,GM1773,4,\"38.000\"\n"
             "%lld,2021,GM1773,2,19000\n"
             "%lld,2027,GM1773,4,\"38.000,00\"\n",
             (long long)source_id, (long long)source_id, (long long)source_id);
    if (run_allocations(t, text, 0, &rep, &err) != 0) fail_msg("%s", err.msg);
    assert_int_equal(rep.rows, 3);
    assert_int_equal(rep.inserted, 1);
    assert_int_equal(rep.changed, 1);
    assert_int_equal(rep.unchanged, 1);
    assert_int_equal(rep.n_changes, 1);
    assert_string_equal(rep.changes[0].municipality, "GM1773");
    assert_int_equal(rep.changes[0].actielijn, 4);
    assert_int_equal(rep.changes[0].year, 2026);
    assert_int_equal(rep.changes[0].old_cents, 3300000);
    assert_int_equal(rep.changes[0].new_cents, 3800000);
    import_report_free(&rep);
    assert_int_equal(count_allocations(t), 8);
    assert_int_equal(current_allocation(t, "GM1773", 4, 2026, &version, NULL, NULL, 0), 3800000);
    assert_int_equal(version, 2);
}

static void test_allocations_dry_run(void **state)
{
    ImportDb *t = *state;
    ImportReport rep = {0};
    PokErr err = {0};
    if (run_allocations(t, olst_2022, 1, &rep, &err) != 0) fail_msg("%s", err.msg);
    assert_int_equal(rep.inserted, 6);
    assert_int_equal(rep.sources_created, 1);
    import_report_free(&rep);
    assert_int_equal(count_allocations(t), 0);
    assert_int_equal(count_sources(t), 0);
}

static void test_allocations_file_on_disk(void **state)
{
    ImportDb *t = *state;
    char path[] = "/tmp/pok_test_alloc_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, olst_2022, strlen(olst_2022)), (ssize_t)strlen(olst_2022));
    close(fd);
    ImportReport rep = {0};
    PokErr err = {0};
    if (import_allocations(t->s, path, "POK", 0, &rep, &err) != 0) fail_msg("%s", err.msg);
    assert_int_equal(rep.inserted, 6);
    import_report_free(&rep);
    unlink(path);
    assert_int_equal(count_allocations(t), 6);

    assert_int_equal(import_allocations(t->s, path, NULL, 0, &rep, &err), -1);
    char want[128];
    snprintf(want, sizeof want, "kan %s niet openen: No such file or directory", path);
    assert_string_equal(err.msg, want);
    assert_int_equal(
        import_allocations_mem(t->s, "x.csv", olst_2022, strlen(olst_2022), "XYZ", 0, &rep, &err),
        -1);
    assert_string_equal(err.msg, "onbekende regeling 'XYZ' (zie 'pok scheme list')");
}

#define HEADER "municipality,actielijn,year,amount,source\n"
#define GOOD "GM1773,2,2021,\"19.000\",Nieuwe circulaire\nGM0534,3,2023,84342,Nieuwe circulaire\n"

static const struct {
    const char *text, *msg;
} bad_allocations[] = {
    {HEADER GOOD "GM1773,2,2022,20000,Nieuwe circulaire\nGM1773,2,2023,22000,x\n"
                 "GM0534,3,2024,1,x\nGM1773,2,2024,\"12,345.6x\",x\n",
     "allocaties.csv, regel 7, veld 'amount': meer dan twee cijfers na de komma "
     "(gelezen: '12,345.6x')"},
    {HEADER GOOD "GM1773,2,2024,abc,x\n",
     "allocaties.csv, regel 4, veld 'amount': geen bedrag: verwacht cijfers, zoals "
     "1.234.567,89 (gelezen: 'abc')"},
    {HEADER GOOD "GM1773,2,2024\n",
     "allocaties.csv, regel 4, veld 'amount': ontbreekt: de regel heeft 3 velden, verwacht 5 "
     "(municipality,actielijn,year,amount,source)"},
    {HEADER GOOD "GM1773,2,2024,1.234,56,x\n",
     "allocaties.csv, regel 4: 6 velden, verwacht 5 (municipality,actielijn,year,amount,source); "
     "staat er een bedrag met een komma zonder aanhalingstekens? Schrijf dan \"1.234,56\""},
    {HEADER "GM1773,2,2021,1,Nieuwe circulaire\nGM9999,2,2021,1,x\n",
     "allocaties.csv, regel 3, veld 'municipality': onbekende gemeente GM9999"},
    {HEADER GOOD "Olst-Wijhe,2,2021,1,x\n",
     "allocaties.csv, regel 4, veld 'municipality': verwacht een CBS-code zoals GM1773, niet "
     "'Olst-Wijhe'"},
    {HEADER GOOD "GM1773,9,2021,1,x\n",
     "allocaties.csv, regel 4, veld 'actielijn': onbekende actielijn 9 (POK heeft 1 tot en met "
     "8)"},
    {HEADER GOOD "GM1773,twee,2021,1,x\n",
     "allocaties.csv, regel 4, veld 'actielijn': verwacht het nummer van een actielijn (1 tot en "
     "met 8), niet 'twee'"},
    {HEADER GOOD "GM1773,2,2031,1,x\n",
     "allocaties.csv, regel 4, veld 'year': 2031 valt buiten de looptijd van POK (2021-2027)"},
    {HEADER GOOD "GM1773,2,'21,1,x\n",
     "allocaties.csv, regel 4, veld 'year': verwacht een jaartal zoals 2024, niet ''21'"},
    {HEADER GOOD "GM1773,2,2022,-5,x\n",
     "allocaties.csv, regel 4, veld 'amount': een toekenning kan niet negatief zijn (gelezen: "
     "'-5')"},
    {HEADER GOOD "GM1773,2,2022,5,\n",
     "allocaties.csv, regel 4, veld 'source': bron ontbreekt (verwacht het nummer van een bron "
     "of de titel van de circulaire)"},
    {HEADER GOOD "GM1773,2,2022,5,99\n",
     "allocaties.csv, regel 4, veld 'source': onbekende bron 99 (zie 'pok source list')"},
    {HEADER GOOD "\n\ngm1773,2,2021,5,x\n",
     "allocaties.csv, regel 6: GM1773 actielijn 2 2021 staat al op regel 2"},
    {"municipality,actielijn,year,bedrag,source\n" GOOD,
     "allocaties.csv, regel 1: onbekende kolom 'bedrag' (verwacht "
     "municipality,actielijn,year,amount,source)"},
    {"municipality,actielijn,year,source\n" GOOD,
     "allocaties.csv, regel 1: kolom 'amount' ontbreekt (verwacht "
     "municipality,actielijn,year,amount,source)"},
    {"municipality,actielijn,year,amount,source,Year\n" GOOD,
     "allocaties.csv, regel 1: kolom 'Year' staat twee keer in de kopregel"},
    {"", "allocaties.csv is leeg (verwacht een kopregel met "
         "municipality,actielijn,year,amount,source)"},
    {HEADER GOOD "GM1773,2,2022,\"5,x\n",
     "allocaties.csv, regel 4: het aanhalingsteken aan het begin van een veld wordt nergens "
     "afgesloten"},
};

static void test_allocations_bad_input_changes_nothing(void **state)
{
    ImportDb *t = *state;
    ImportReport rep = {0};
    PokErr err = {0};
    /* Something to keep: the failing imports must leave it exactly as it is. */
    if (run_allocations(t, olst_2022, 0, &rep, &err) != 0) fail_msg("%s", err.msg);
    size_t allocations = count_allocations(t), sources = count_sources(t);
    for (size_t i = 0; i < sizeof bad_allocations / sizeof bad_allocations[0]; i++) {
        memset(&err, 0, sizeof err);
        int rc = run_allocations(t, bad_allocations[i].text, 0, &rep, &err);
        if (rc != -1) fail_msg("case %zu: import succeeded", i);
        if (strcmp(err.msg, bad_allocations[i].msg) != 0)
            fail_msg("case %zu:\n  got:  %s\n  want: %s", i, err.msg, bad_allocations[i].msg);
        assert_int_equal(rep.rows, 0); /* a failed import reports nothing */
        assert_int_equal(count_allocations(t), allocations);
        assert_int_equal(count_sources(t), sources);
    }
    /* Binary data. */
    static const char binary[] = HEADER "GM1773,2,2021,5,x\n\0\0\x01";
    assert_int_equal(import_allocations_mem(t->s, "allocaties.xlsx", binary, sizeof binary - 1,
                                            NULL, 0, &rep, &err),
                     -1);
    assert_string_equal(err.msg, "allocaties.xlsx is geen CSV-bestand (bevat binaire gegevens)");
    assert_int_equal(count_allocations(t), allocations);
    /* The store still works: the failures left no transaction open. */
    if (run_allocations(t, olst_2022, 0, &rep, &err) != 0) fail_msg("%s", err.msg);
    assert_int_equal(rep.unchanged, 6);
    import_report_free(&rep);
}

/* ---- reference data ---- */

static void test_municipalities(void **state)
{
    ImportDb *t = *state;
    size_t len;
    const char *text = embedded_file("cbs_gemeenten_2025_codes.csv", &len);
    assert_non_null(text);
    ImportReport rep = {0};
    PokErr err = {0};
    if (import_municipalities_mem(t->s, "cbs.csv", text, len, 0, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.rows, 342);
    assert_int_equal(rep.inserted, 340); /* Olst-Wijhe and Hillegom were there */
    assert_int_equal(rep.unchanged, 2);

    Arena a = {0};
    Municipality m;
    assert_int_equal(store_municipality_get(t->s, "GM0820", &a, &m, &err), 1);
    assert_string_equal(m.name, "Nuenen, Gerwen en Nederwetten");
    assert_string_equal(m.province, "Noord-Brabant");
    arena_free(&a);

    /* Again, with one name changed and one added. */
    if (import_municipalities_mem(t->s, "cbs.csv", text, len, 0, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.unchanged, 342);
#define RENAMED "GM1773;Olst-Wijhe (gewijzigd);Overijssel;2026\n"
    static const char update[] = "gm_code;gm_naam;provincie;jaar\n" RENAMED;
    static const char twice[] = "gm_code;gm_naam;provincie;jaar\n" RENAMED RENAMED;
    assert_int_equal(
        import_municipalities_mem(t->s, "cbs.csv", twice, strlen(twice), 0, &rep, &err), -1);
    assert_string_equal(err.msg, "cbs.csv, regel 3: gemeente GM1773 staat al op regel 2");
    if (import_municipalities_mem(t->s, "cbs.csv", update, strlen(update), 1, &rep, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(rep.changed, 1);
    assert_int_equal(store_municipality_get(t->s, "GM1773", &a, &m, &err), 1);
    assert_string_equal(m.name, "Olst-Wijhe"); /* a dry run */
    if (import_municipalities_mem(t->s, "cbs.csv", update, strlen(update), 0, &rep, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(store_municipality_get(t->s, "GM1773", &a, &m, &err), 1);
    assert_string_equal(m.name, "Olst-Wijhe (gewijzigd)");
    arena_free(&a);

    static const char bad_code[] = "gm_code,gm_naam,provincie\nGM0001,Nieuw,Utrecht\n"
                                   "1773,Olst,Overijssel\n";
    assert_int_equal(
        import_municipalities_mem(t->s, "cbs.csv", bad_code, strlen(bad_code), 0, &rep, &err), -1);
    assert_string_equal(err.msg,
                        "cbs.csv, regel 3, veld 'gm_code': verwacht een CBS-code zoals GM0363, "
                        "niet '1773'");
    assert_int_equal(store_municipality_get(t->s, "GM0001", &a, &m, &err), 0);
    static const char no_province[] = "gm_code,gm_naam\nGM0001,Nieuw\n";
    assert_int_equal(
        import_municipalities_mem(t->s, "cbs.csv", no_province, strlen(no_province), 0, &rep, &err),
        -1);
    assert_string_equal(err.msg, "cbs.csv, regel 1: kolom 'provincie' ontbreekt (verwacht "
                                 "gm_code,gm_naam,provincie)");
    arena_free(&a);
    import_report_free(&rep);
}

static int64_t inhabitants_of(ImportDb *t, const char *code, int year)
{
    Arena a = {0};
    Inhabitants *list;
    size_t n;
    PokErr err = {0};
    if (store_inhabitants_list(t->s, code, &a, &list, &n, &err) != 0) fail_msg("%s", err.msg);
    int64_t count = -1;
    for (size_t i = 0; i < n; i++)
        if (list[i].year == year) count = list[i].count;
    arena_free(&a);
    return count;
}

static void test_inhabitants(void **state)
{
    ImportDb *t = *state;
    size_t len, cbs_len;
    const char *text = embedded_file("kwb2021_gemeente_inwoners.csv", &len);
    const char *cbs = embedded_file("cbs_gemeenten_2025_codes.csv", &cbs_len);
    assert_non_null(text);
    assert_non_null(cbs);
    ImportReport rep = {0};
    PokErr err = {0};
    if (import_municipalities_mem(t->s, "cbs.csv", cbs, cbs_len, 0, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    if (import_inhabitants_mem(t->s, "kwb.csv", text, len, "Inwoners_KWB2021", 2021, 0, 0, &rep,
                               &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.rows, 352);
    assert_int_equal(rep.inserted, 352);
    size_t created = rep.municipalities_created;
    assert_true(created >= 10); /* 2021 codes merged since */
    assert_int_equal(inhabitants_of(t, "GM0370", 2021), 10110);

    /* Every code of the file, and the total the README gives. */
    Arena a = {0};
    Municipality *munis;
    size_t n;
    if (store_municipality_list(t->s, NULL, &a, &munis, &n, &err) != 0) fail_msg("%s", err.msg);
    assert_int_equal(n, 342 + created);
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t c = inhabitants_of(t, munis[i].code, 2021);
        if (c > 0) total += c;
    }
    assert_int_equal(total, 17475415);
    Municipality m;
    assert_int_equal(store_municipality_get(t->s, "GM0370", &a, &m, &err), 1);
    assert_string_equal(m.name, "GM0370"); /* no name in the source: the code, not a guess */
    assert_string_equal(m.province, "Noord-Holland");
    arena_free(&a);

    /* Again, now with the last column implied: all unchanged. */
    if (import_inhabitants_mem(t->s, "kwb.csv", text, len, NULL, 2021, 0, 0, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.unchanged, 352);
    assert_int_equal(rep.municipalities_created, 0);

    static const char changed[] = "gm_code;aantal\nGM1773;\"18.000\"\nGM9998;5\n";
    if (import_inhabitants_mem(t->s, "x.csv", changed, strlen(changed), NULL, 2021, 0, 0, &rep,
                               &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.changed, 1);
    assert_int_equal(rep.inserted, 1);
    assert_int_equal(rep.municipalities_created, 1);
    assert_int_equal(inhabitants_of(t, "GM1773", 2021), 18000);
    assert_int_equal(store_municipality_get(t->s, "GM9998", &a, &m, &err), 1);
    assert_string_equal(m.name, "GM9998");
    arena_free(&a);

    static const char bad_count[] = "gm_code,gm_naam,aantal\nGM0001,Nieuw,12\nGM1773,x,18 000\n";
    assert_int_equal(import_inhabitants_mem(t->s, "x.csv", bad_count, strlen(bad_count), NULL, 2022,
                                            0, 0, &rep, &err),
                     -1);
    assert_string_equal(err.msg, "x.csv, regel 3, veld 'aantal': verwacht een aantal inwoners "
                                 "(een heel getal zoals 12345), niet '18 000'");
    assert_int_equal(store_municipality_get(t->s, "GM0001", &a, &m, &err), 0);
    assert_int_equal(inhabitants_of(t, "GM1773", 2022), -1);

    assert_int_equal(
        import_inhabitants_mem(t->s, "kwb.csv", text, len, "inwoners", 2021, 0, 0, &rep, &err), -1);
    assert_string_equal(
        err.msg, "kwb.csv, regel 1: kolom 'inwoners' ontbreekt (verwacht gm_code en inwoners)");
    assert_int_equal(
        import_inhabitants_mem(t->s, "kwb.csv", text, len, NULL, 2021, 424242, 0, &rep, &err), -1);
    assert_string_equal(err.msg, "onbekende bron 424242 (zie 'pok source list')");
    static const char only_names[] = "gm_code,gm_naam\nGM1773,Olst\n";
    assert_int_equal(import_inhabitants_mem(t->s, "x.csv", only_names, strlen(only_names), NULL,
                                            2021, 0, 0, &rep, &err),
                     -1);
    assert_string_equal(err.msg, "x.csv, regel 1: de laatste kolom 'gm_naam' bevat geen aantallen "
                                 "inwoners (noem de kolom met aantallen)");
    arena_free(&a);
    import_report_free(&rep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_allocations_good_file, db_setup, db_teardown),
        cmocka_unit_test_setup_teardown(test_allocations_dry_run, db_setup, db_teardown),
        cmocka_unit_test_setup_teardown(test_allocations_file_on_disk, db_setup, db_teardown),
        cmocka_unit_test_setup_teardown(test_allocations_bad_input_changes_nothing, db_setup,
                                        db_teardown),
        cmocka_unit_test_setup_teardown(test_municipalities, db_setup, db_teardown),
        cmocka_unit_test_setup_teardown(test_inhabitants, db_setup, db_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
