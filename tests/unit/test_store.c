/* test_store.c: the store against a fresh test database (a temporary SQLite file, or a
 * PostgreSQL database when POK_TEST_PG is set, see support/testdb.h): migrations, every
 * write with its audit row, transactions, error messages and store_load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_closing.h"
#include "store/store_records.h"
#include "store/store_reference.h"
#include "support/testdb.h"

typedef struct Fixture {
    TestDb db; /* db.s is not used: s is the store, closed and reopened by some tests */
    Store *s;
    int64_t pok;   /* id of the built-in scheme */
    int64_t al[9]; /* actielijn ids by number */
    int64_t purpose[5];
} Fixture;

/* A fresh path in /tmp that does not exist yet. */
static void temp_path(char path[64])
{
    snprintf(path, 64, "/tmp/pok_test_store_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
}

static void remove_db(const char *path)
{
    char buf[80];
    unlink(path);
    snprintf(buf, sizeof buf, "%s-wal", path);
    unlink(buf);
    snprintf(buf, sizeof buf, "%s-shm", path);
    unlink(buf);
}

static void put_muni(Store *s, const char *code, const char *name, const char *province)
{
    PokErr err = {0};
    Municipality m = {.code = code, .name = name, .province = province};
    if (store_municipality_put(s, &m, &err)) fail_msg("%s", err.msg);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (testdb_create(&f->db, "store")) fail_msg("setup: no test database");
    PokErr err = {0};
    f->s = store_open(f->db.url, 1, &err);
    if (!f->s) fail_msg("%s", err.msg);
    Arena a = {0};
    Scheme pok;
    assert_int_equal(store_scheme_get(f->s, "POK", &a, &pok, &err), 1);
    f->pok = pok.id;
    Actielijn *al;
    size_t n;
    assert_int_equal(store_actielijn_list(f->s, pok.id, &a, &al, &n, &err), 0);
    for (size_t i = 0; i < n; i++) f->al[al[i].number] = al[i].id;
    Purpose *p;
    assert_int_equal(store_purpose_list(f->s, pok.id, &a, &p, &n, &err), 0);
    for (size_t i = 0; i < n; i++) f->purpose[p[i].number] = p[i].id;
    arena_free(&a);
    put_muni(f->s, "GM0534", "Hillegom", "Zuid-Holland");
    put_muni(f->s, "GM0362", "Amstelveen", "Noord-Holland");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    f->db.s = f->s; /* testdb_close closes it */
    testdb_close(&f->db);
    free(f);
    return 0;
}

/* Count rows with a separate connection, so the store's own caching cannot hide
 * anything. */
static int64_t count_rows(TestDb *db, const char *sql)
{
    int64_t n = testdb_int(db, sql);
    if (n < 0) fail_msg("%s failed", sql);
    return n;
}

static void exec_raw(TestDb *db, const char *sql)
{
    if (testdb_exec(db, sql, 0, NULL) < 0) fail_msg("%s failed", sql);
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!haystack || !strstr(haystack, needle))
        fail_msg("expected \"%s\" in \"%s\"", needle, haystack ? haystack : "(null)");
}

static Allocation allocation(const char *muni, int64_t actielijn_id, int year, int64_t cents)
{
    Allocation al = {
        .municipality = muni, .actielijn_id = actielijn_id, .year = year, .amount_cents = cents};
    return al;
}

/* ---- opening and migrations ---- */

static void test_migration_creates_pok(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    Arena a = {0};
    assert_int_equal(store_schema_version(f->s), store_schema_latest());
    assert_true(store_schema_latest() >= 1);

    Scheme pok;
    assert_int_equal(store_scheme_get(f->s, "POK", &a, &pok, &err), 1);
    assert_string_equal(pok.name,
                        "POK-middelen (Parlementaire Ondervragingscommissie Kinderopvangtoeslag)");
    assert_int_equal(pok.first_year, 2021);
    assert_int_equal(pok.last_year, 2027);
    Scheme other;
    assert_int_equal(store_scheme_get(f->s, "XYZ", &a, &other, &err), 0);

    Actielijn *al;
    size_t n;
    assert_int_equal(store_actielijn_list(f->s, pok.id, &a, &al, &n, &err), 0);
    assert_int_equal(n, 8);
    for (size_t i = 0; i < n; i++) assert_int_equal(al[i].number, (int)i + 1);
    assert_string_equal(al[0].name, "Digitale overheid");
    assert_string_equal(al[1].name, "Rechtsbescherming");
    assert_string_equal(al[1].circulaire_name, "Robuust rechtsbeschermingssysteem");
    assert_string_equal(al[1].flow, "gemeentefonds, algemene uitkering");
    assert_string_equal(al[2].circulaire_name, "Systeemleren");
    assert_string_equal(al[3].circulaire_name, "Versterking ondersteuning wijkteams");
    assert_string_equal(al[4].circulaire_name, "Impuls integraal werken");
    assert_string_equal(al[5].name, "Toekomstscenario Kind- en Gezinsbescherming");
    assert_contains(al[5].flow, "35 centrumgemeenten vrouwenopvang");
    assert_string_equal(al[6].name, "(Hoog) risicovol verward gedrag");
    assert_string_equal(al[6].circulaire_name, "Zorg- en Veiligheidshuizen");
    assert_contains(al[6].flow, "25 centrumgemeenten");
    assert_string_equal(al[7].name, "Gemeentelijk ondersteuningsprogramma");

    Purpose *p;
    assert_int_equal(store_purpose_list(f->s, pok.id, &a, &p, &n, &err), 0);
    assert_int_equal(n, 4);
    assert_string_equal(p[0].name, "Meer capaciteit voor de uitvoering van de dienstverlening");
    assert_string_equal(p[1].name, "Extra ondersteuning voor mensen met complexe problematiek");
    assert_string_equal(p[2].name,
                        "Betere coördinatie tussen uitvoerders bij meervoudige problematiek");
    assert_string_equal(p[3].name, "Versterken van het leervermogen van de gemeente");

    Scheme *schemes;
    assert_int_equal(store_scheme_list(f->s, &a, &schemes, &n, &err), 0);
    assert_int_equal(n, 1);
    arena_free(&a);
}

/* PostgreSQL: an empty database, or one without the pok schema, is not initialised and
 * stays as it is. */
static void open_uninitialised_pg(void)
{
    TestDb db;
    PokErr err = {0};
    char tables[256];
    if (testdb_create(&db, "uninit")) fail_msg("setup: no test database");
    assert_null(store_open(db.url, 0, &err));
    assert_contains(err.msg, "niet geïnitialiseerd");
    assert_contains(err.msg, "voer eerst 'pok init' uit");
    testdb_tables(&db, tables, sizeof tables);
    assert_string_equal(tables, "");
    assert_int_equal(testdb_exec(&db, "CREATE TABLE other (x INTEGER)", 0, NULL), 0);
    assert_null(store_open(db.url, 0, &err));
    assert_contains(err.msg, "niet geïnitialiseerd");
    testdb_tables(&db, tables, sizeof tables);
    assert_string_equal(tables, "other");
    testdb_close(&db);
}

static void test_open_uninitialised_fails_without_creating(void **state)
{
    (void)state;
    if (testdb_is_pg()) {
        print_message("PostgreSQL: an empty database and one without the pok schema; the"
                      " empty and foreign files below are SQLite's\n");
        open_uninitialised_pg();
        return;
    }
    char path[64], url[80];
    temp_path(path);
    PokErr err = {0};
    assert_null(store_open(path, 0, &err));
    assert_contains(err.msg, "niet geïnitialiseerd");
    assert_contains(err.msg, "voer eerst 'pok init' uit");
    assert_contains(err.msg, path);
    assert_int_not_equal(access(path, F_OK), 0);

    snprintf(url, sizeof url, "sqlite:%s", path);
    assert_null(store_open(url, 0, &err));
    assert_int_not_equal(access(path, F_OK), 0);

    /* An SQLite file without the pok schema is not initialised either, and stays as is. */
    {
        sqlite3 *db;
        assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_exec(db, "CREATE TABLE other (x INTEGER)", NULL, NULL, NULL),
                         SQLITE_OK);
        sqlite3_close(db);
    }
    assert_null(store_open(path, 0, &err));
    assert_contains(err.msg, "niet geïnitialiseerd");
    {
        sqlite3 *db;
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
        assert_int_equal(
            sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int64(st, 0), 1);
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    remove_db(path);

    /* An empty file is not touched. */
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fclose(fp);
    assert_null(store_open(path, 0, &err));
    assert_contains(err.msg, "niet geïnitialiseerd");
    fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    assert_int_equal(ftell(fp), 0);
    fclose(fp);
    remove_db(path);

    /* Not a database at all. */
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("gm_code,gm_naam\nGM0534,Hillegom\n this is a csv file, not a database......\n", fp);
    fclose(fp);
    assert_null(store_open(path, 0, &err));
    assert_contains(err.msg, "geen pok-database");
    remove_db(path);
}

/* A server that does not answer (nothing listens on port 1) is named in Dutch. */
static void test_open_postgres_unreachable(void **state)
{
    (void)state;
    PokErr err = {0};
    assert_null(store_open("postgresql://pok@127.0.0.1:1/pok", 1, &err));
    assert_contains(err.msg, "kan PostgreSQL-database niet openen");
    err.msg[0] = '\0';
    assert_null(store_open("postgres://pok@127.0.0.1:1/pok", 0, &err));
    assert_contains(err.msg, "kan PostgreSQL-database niet openen");
    assert_null(store_open("", 1, &err));
    assert_null(store_open("sqlite:", 1, &err));
}

static void test_open_memory(void **state)
{
    (void)state;
    PokErr err = {0};
    Arena a = {0};
    Store *s = store_open("sqlite::memory:", 1, &err);
    if (!s) fail_msg("%s", err.msg);
    assert_int_equal(store_schema_version(s), store_schema_latest());
    Scheme pok;
    assert_int_equal(store_scheme_get(s, "POK", &a, &pok, &err), 1);
    store_close(s);
    arena_free(&a);
}

static void test_reopen_existing(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    Arena a = {0};
    Allocation al = allocation("GM0534", f->al[2], 2023, 1234567);
    assert_int_equal(store_allocation_add(f->s, &al, &err), 0);
    store_close(f->s);

    char url[600];
    if (testdb_is_pg())
        snprintf(url, sizeof url, "%s", f->db.url);
    else
        snprintf(url, sizeof url, "sqlite:%s", f->db.path);
    f->s = store_open(url, 0, &err);
    if (!f->s) fail_msg("%s", err.msg);
    assert_int_equal(store_schema_version(f->s), store_schema_latest());
    Municipality m;
    assert_int_equal(store_municipality_get(f->s, "GM0534", &a, &m, &err), 1);
    assert_string_equal(m.name, "Hillegom");
    assert_string_equal(m.province, "Zuid-Holland");
    assert_int_equal(m.first_year, 0);
    store_close(f->s);

    /* Migrating an up-to-date database again changes nothing. */
    f->s = store_open(f->db.url, 1, &err);
    if (!f->s) fail_msg("%s", err.msg);
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM actielijn"), 8);
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM scheme"), 1);
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM schema_migrations"),
                     store_schema_latest());
    MuniData d;
    assert_int_equal(store_load(f->s, "GM0534", f->pok, &a, &d, &err), 1);
    assert_int_equal(d.n_allocations, 1);
    assert_int_equal(d.allocations[0].amount_cents, 1234567);
    arena_free(&a);
}

static void test_open_newer_schema_refused(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    store_close(f->s);
    f->s = NULL;
    exec_raw(&f->db, "INSERT INTO schema_migrations (version, applied_at)"
                     " VALUES (999, '2030-01-01T00:00:00Z')");
    assert_null(store_open(f->db.url, 0, &err));
    assert_contains(err.msg, "nieuwer dan deze pok");
    assert_null(store_open(f->db.url, 1, &err));
    assert_contains(err.msg, "nieuwer dan deze pok");
    exec_raw(&f->db, "DELETE FROM schema_migrations WHERE version = 999");
    f->s = store_open(f->db.url, 0, &err);
    if (!f->s) fail_msg("%s", err.msg);
}

/* ---- municipalities ---- */

static void test_municipality_put_list_search(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    Arena a = {0};
    put_muni(f->s, "GM1900", "Súdwest-Fryslân", "Fryslân");
    put_muni(f->s, "GM0518", "'s-Gravenhage", "Zuid-Holland");
    Municipality bad = {.code = "GM12", .name = "x"};
    assert_int_equal(store_municipality_put(f->s, &bad, &err), -1);
    assert_contains(err.msg, "ongeldige gemeentecode 'GM12'");
    Municipality noname = {.code = "GM0001"};
    assert_int_equal(store_municipality_put(f->s, &noname, &err), -1);
    assert_contains(err.msg, "naam van gemeente GM0001 ontbreekt");
    Municipality years = {.code = "GM0002", .name = "Oud", .first_year = 2010, .last_year = 2000};
    assert_int_equal(store_municipality_put(f->s, &years, &err), -1);
    assert_contains(err.msg, "eerste geldige jaar");

    Municipality *list;
    size_t n;
    assert_int_equal(store_municipality_list(f->s, NULL, &a, &list, &n, &err), 0);
    assert_int_equal(n, 4);
    assert_string_equal(list[0].code, "GM0518"); /* 's-Gravenhage sorts first */
    assert_string_equal(list[1].name, "Amstelveen");
    assert_string_equal(list[2].name, "Hillegom");
    assert_string_equal(list[3].name, "Súdwest-Fryslân");

    assert_int_equal(store_municipality_list(f->s, "HILLE", &a, &list, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].code, "GM0534");
    assert_int_equal(store_municipality_list(f->s, "SÚDWEST-FRYSLÂN", &a, &list, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(store_municipality_list(f->s, "gm05", &a, &list, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(store_municipality_list(f->s, "zzz", &a, &list, &n, &err), 0);
    assert_int_equal(n, 0);

    Inhabitants inh = {.municipality = "GM0534", .year = 2021, .count = 22310};
    assert_int_equal(store_inhabitants_put(f->s, &inh, &err), 0);
    inh.count = 22400;
    assert_int_equal(store_inhabitants_put(f->s, &inh, &err), 0);
    Inhabitants *il;
    assert_int_equal(store_inhabitants_list(f->s, "GM0534", &a, &il, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(il[0].count, 22400);
    inh.municipality = "GM9999";
    assert_int_equal(store_inhabitants_put(f->s, &inh, &err), -1);
    assert_string_equal(err.msg, "onbekende gemeente GM9999");
    arena_free(&a);
}

/* ---- references and constraints ---- */

static void test_unknown_references_named(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    Allocation al = allocation("GM9999", f->al[2], 2022, 100);
    assert_int_equal(store_allocation_add(f->s, &al, &err), -1);
    assert_string_equal(err.msg, "onbekende gemeente GM9999");
    assert_int_equal(al.id, 0);
    assert_int_equal(al.version, 0);

    al = allocation("GM0534", 999, 2022, 100);
    assert_int_equal(store_allocation_add(f->s, &al, &err), -1);
    assert_string_equal(err.msg, "onbekende actielijn (id 999)");

    al = allocation("GM0534", f->al[2], 2022, 100);
    al.cite.source_id = 777;
    assert_int_equal(store_allocation_add(f->s, &al, &err), -1);
    assert_string_equal(err.msg, "onbekende bron (id 777)");

    MeasureAmount ma = {.measure_id = 4242, .year = 2024, .kind = AMOUNT_PLAN};
    assert_int_equal(store_measure_amount_set(f->s, &ma, &err), -1);
    assert_string_equal(err.msg, "onbekende maatregel (id 4242)");

    Measure m = {.municipality = "GM0534", .scheme_id = f->pok, .name = "Jobhunter", .pot_id = 55};
    assert_int_equal(store_measure_add(f->s, &m, &err), -1);
    assert_string_equal(err.msg, "onbekende pot (id 55)");
    m.pot_id = 0;
    m.decision_id = 66;
    assert_int_equal(store_measure_add(f->s, &m, &err), -1);
    assert_string_equal(err.msg, "onbekend besluit (id 66)");
    m.decision_id = 0;
    m.scheme_id = 12;
    assert_int_equal(store_measure_add(f->s, &m, &err), -1);
    assert_string_equal(err.msg, "onbekende regeling (id 12)");
    m.scheme_id = f->pok;
    int64_t purposes[] = {f->purpose[1], 31337};
    m.purpose_ids = purposes;
    m.n_purposes = 2;
    assert_int_equal(store_measure_add(f->s, &m, &err), -1);
    assert_string_equal(err.msg, "onbekend doel (id 31337)");

    /* Records of one municipality cannot cite another municipality's documents. */
    Decision d = {.municipality = "GM0362", .date = "2022-03-15", .body = "college"};
    assert_int_equal(store_decision_add(f->s, &d, &err), 0);
    Source src = {.kind = "brief", .title = "Brief ombudsman", .municipality = "GM0362"};
    assert_int_equal(store_source_add(f->s, &src, &err), 0);
    m.purpose_ids = NULL;
    m.n_purposes = 0;
    m.decision_id = d.id;
    assert_int_equal(store_measure_add(f->s, &m, &err), -1);
    assert_contains(err.msg, "hoort bij gemeente GM0362, niet bij GM0534");
    m.decision_id = 0;
    m.cite.source_id = src.id;
    assert_int_equal(store_measure_add(f->s, &m, &err), -1);
    assert_contains(err.msg, "hoort bij gemeente GM0362, niet bij GM0534");

    Evaluation e = {.measure_id = 999, .verdict = "effectief"};
    assert_int_equal(store_evaluation_add(f->s, &e, &err), -1);
    assert_string_equal(err.msg, "onbekende maatregel (id 999)");

    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM measure"), 0);
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM allocation"), 0);
}

static void test_check_violations_named(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    Allocation al = allocation("GM0534", f->al[2], 2022, -5);
    assert_int_equal(store_allocation_add(f->s, &al, &err), -1);
    assert_string_equal(err.msg, "een toekenning kan niet negatief zijn");
    al = allocation("GM0534", f->al[2], 0, 5);
    assert_int_equal(store_allocation_add(f->s, &al, &err), -1);
    assert_contains(err.msg, "ongeldig jaartal");

    Measure m = {
        .municipality = "GM0534", .scheme_id = f->pok, .name = "Jobhunter", .status = "klaar"};
    assert_int_equal(store_measure_add(f->s, &m, &err), -1);
    assert_contains(err.msg, "ongeldige status 'klaar'");
    m.status = NULL;
    assert_int_equal(store_measure_add(f->s, &m, &err), 0);

    MeasureAmount plan = {
        .measure_id = m.id, .year = 2024, .kind = AMOUNT_PLAN, .amount_cents = -100};
    assert_int_equal(store_measure_amount_set(f->s, &plan, &err), -1);
    assert_string_equal(err.msg, "een gepland bedrag kan niet negatief zijn");
    MeasureAmount refund = {
        .measure_id = m.id, .year = 2024, .kind = AMOUNT_REALISED, .amount_cents = -100};
    assert_int_equal(store_measure_amount_set(f->s, &refund, &err), 0);
    MeasureAmount odd = {.measure_id = m.id, .year = 2024, .kind = (AmountKind)3};
    assert_int_equal(store_measure_amount_set(f->s, &odd, &err), -1);
    assert_contains(err.msg, "ongeldige soort bedrag");

    ReserveMovement rm = {.municipality = "GM0534",
                          .scheme_id = f->pok,
                          .kind = RESERVE_TRANSFER,
                          .year = 2021,
                          .amount_cents = 10543600};
    assert_int_equal(store_reserve_movement_add(f->s, &rm, &err), -1);
    assert_contains(err.msg, "doeljaar");
    rm.to_year = 2024;
    assert_int_equal(store_reserve_movement_add(f->s, &rm, &err), 0);
    rm.kind = RESERVE_WITHDRAWAL;
    assert_int_equal(store_reserve_movement_add(f->s, &rm, &err), -1);
    assert_contains(err.msg, "geen doeljaar");

    Decision d = {.municipality = "GM0534", .date = "2024-05-28", .body = "burgemeester"};
    assert_int_equal(store_decision_add(f->s, &d, &err), -1);
    assert_string_equal(err.msg, "ongeldig orgaan van een besluit: college of raad");
    d.body = "college";
    d.date = "28 mei 2024";
    assert_int_equal(store_decision_add(f->s, &d, &err), -1);
    assert_contains(err.msg, "ongeldige datum '28 mei 2024'");

    Request r = {.municipality = "GM0534", .requester = "Ombudsman", .status = "misschien"};
    assert_int_equal(store_request_add(f->s, &r, &err), -1);
    assert_contains(err.msg, "ongeldige status van een verzoek");

    Evaluation e = {.measure_id = m.id, .follow_up = "doorgaan"};
    assert_int_equal(store_evaluation_add(f->s, &e, &err), -1);
    assert_contains(err.msg, "ongeldig vervolg 'doorgaan'");

    StatedFigure sf = {.municipality = "GM0534",
                       .scheme_id = f->pok,
                       .kind = STATED_AVAILABLE,
                       .year_from = 2025,
                       .year_to = 2024};
    assert_int_equal(store_stated_add(f->s, &sf, &err), -1);
    assert_string_equal(err.msg, "het beginjaar ligt na het eindjaar");

    Pot pot = {.municipality = "GM0534", .scheme_id = f->pok, .name = "actielijn 2"};
    assert_int_equal(store_pot_add(f->s, &pot, &err), 0);
    Pot again = pot;
    again.id = 0;
    assert_int_equal(store_pot_add(f->s, &again, &err), -1);
    assert_contains(err.msg, "pot 'actielijn 2' bestaat al voor GM0534");

    Actielijn dup = {.scheme_id = f->pok, .number = 3, .name = "Nog een"};
    assert_int_equal(store_actielijn_add(f->s, &dup, &err), -1);
    assert_contains(err.msg, "actielijn 3 bestaat al");
    Scheme pok2 = {.code = "POK", .name = "x", .first_year = 2021, .last_year = 2027};
    assert_int_equal(store_scheme_add(f->s, &pok2, &err), -1);
    assert_string_equal(err.msg, "regeling POK bestaat al");
}

static void test_year_close_twice(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    ClosedYear cy = {.municipality = "GM0534", .year = 2023};
    assert_int_equal(store_year_close(f->s, &cy, &err), 0);
    assert_int_equal(store_year_close(f->s, &cy, &err), -1);
    assert_string_equal(err.msg, "jaar 2023 is al afgesloten voor GM0534");
    cy.municipality = "GM9999";
    assert_int_equal(store_year_close(f->s, &cy, &err), -1);
    assert_string_equal(err.msg, "onbekende gemeente GM9999");
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM closed_year"), 1);
    assert_int_equal(
        count_rows(&f->db, "SELECT count(*) FROM audit WHERE table_name = 'closed_year'"), 1);
}

/* ---- allocations ---- */

static void test_allocation_versions(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    Arena a = {0};
    Allocation v1 = allocation("GM0534", f->al[4], 2022, 3300000);
    Allocation v2 = allocation("GM0534", f->al[4], 2022, 3350000);
    Allocation other = allocation("GM0534", f->al[2], 2022, 2000000);
    Allocation elsewhere = allocation("GM0362", f->al[4], 2022, 9900000);
    assert_int_equal(store_allocation_add(f->s, &v1, &err), 0);
    assert_int_equal(store_allocation_add(f->s, &other, &err), 0);
    assert_int_equal(store_allocation_add(f->s, &v2, &err), 0);
    assert_int_equal(store_allocation_add(f->s, &elsewhere, &err), 0);
    assert_int_equal(v1.version, 1);
    assert_int_equal(v2.version, 2);
    assert_int_equal(other.version, 1);
    assert_int_equal(elsewhere.version, 1);
    assert_true(v1.id > 0 && v2.id > v1.id);

    MuniData d;
    assert_int_equal(store_load(f->s, "GM0534", f->pok, &a, &d, &err), 1);
    assert_int_equal(d.n_allocations, 3);
    /* ordered by actielijn number, year, version */
    assert_int_equal(d.allocations[0].actielijn_number, 2);
    assert_int_equal(d.allocations[0].current, 1);
    assert_int_equal(d.allocations[1].id, v1.id);
    assert_int_equal(d.allocations[1].actielijn_number, 4);
    assert_int_equal(d.allocations[1].version, 1);
    assert_int_equal(d.allocations[1].current, 0);
    assert_int_equal(d.allocations[2].id, v2.id);
    assert_int_equal(d.allocations[2].version, 2);
    assert_int_equal(d.allocations[2].current, 1);
    assert_int_equal(d.allocations[2].amount_cents, 3350000);
    assert_int_equal(strlen(d.allocations[2].recorded_at), 20);
    arena_free(&a);
}

/* ---- transactions ---- */

static void test_rollback_undoes_outer_transaction(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    Arena a = {0};
    int64_t audit_before = count_rows(&f->db, "SELECT count(*) FROM audit");
    int64_t alloc_before = count_rows(&f->db, "SELECT count(*) FROM allocation");

    assert_int_equal(store_begin(f->s, &err), 0);
    /* A nested transaction: its rollback undoes only its own work. */
    assert_int_equal(store_begin(f->s, &err), 0);
    put_muni(f->s, "GM0151", "Binnen", "Overijssel");
    store_rollback(f->s);
    Municipality inner;
    assert_int_equal(store_municipality_get(f->s, "GM0151", &a, &inner, &err), 0);
    assert_int_equal(store_begin(f->s, &err), 0);
    put_muni(f->s, "GM0152", "Binnen twee", "Overijssel");
    assert_int_equal(store_commit(f->s, &err), 0);
    assert_int_equal(store_municipality_get(f->s, "GM0152", &a, &inner, &err), 1);
    put_muni(f->s, "GM0150", "Deventer", "Overijssel");
    Allocation al = allocation("GM0150", f->al[3], 2024, 500000);
    assert_int_equal(store_allocation_add(f->s, &al, &err), 0);
    Allocation bad = allocation("GM9999", f->al[3], 2024, 1);
    assert_int_equal(store_allocation_add(f->s, &bad, &err), -1); /* fails inside, tx goes on */
    Measure m = {.municipality = "GM0150", .scheme_id = f->pok, .name = "Wijkteam"};
    assert_int_equal(store_measure_add(f->s, &m, &err), 0);
    Municipality got;
    assert_int_equal(store_municipality_get(f->s, "GM0150", &a, &got, &err), 1);
    store_rollback(f->s);

    assert_int_equal(store_municipality_get(f->s, "GM0150", &a, &got, &err), 0);
    assert_int_equal(store_municipality_get(f->s, "GM0152", &a, &got, &err), 0);
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM audit"), audit_before);
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM allocation"), alloc_before);
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM measure"), 0);
    store_rollback(f->s); /* none active: harmless */
    arena_free(&a);
}

static void test_commit_keeps_good_writes_only(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    assert_int_equal(store_begin(f->s, &err), 0);
    Allocation al = allocation("GM0534", f->al[2], 2024, 8079400);
    assert_int_equal(store_allocation_add(f->s, &al, &err), 0);
    /* A measure whose second link is wrong: nothing of it may remain. */
    int64_t links[] = {f->al[2], 999};
    Measure m = {.municipality = "GM0534",
                 .scheme_id = f->pok,
                 .name = "Half",
                 .actielijn_ids = links,
                 .n_actielijnen = 2};
    assert_int_equal(store_measure_add(f->s, &m, &err), -1);
    assert_string_equal(err.msg, "onbekende actielijn (id 999)");
    assert_int_equal(m.id, 0);
    assert_int_equal(store_commit(f->s, &err), 0);
    assert_int_equal(store_commit(f->s, &err), -1);

    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM allocation"), 1);
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM measure"), 0);
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM measure_actielijn"), 0);
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM audit WHERE table_name = 'measure'"),
                     0);
}

/* ---- audit ---- */

static json_t *parse(const char *text)
{
    assert_non_null(text);
    json_error_t jerr;
    json_t *j = json_loads(text, 0, &jerr);
    if (!j) fail_msg("invalid JSON: %s (%s)", jerr.text, text);
    return j;
}

static void assert_json_str(json_t *obj, const char *key, const char *want)
{
    json_t *v = json_object_get(obj, key);
    assert_true(json_is_string(v));
    assert_string_equal(json_string_value(v), want);
}

static void assert_json_int(json_t *obj, const char *key, json_int_t want)
{
    json_t *v = json_object_get(obj, key);
    assert_true(json_is_integer(v));
    assert_int_equal(json_integer_value(v), want);
}

static void test_audit_insert_and_update(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    Arena a = {0};
    AuditEntry *log;
    size_t n;

    /* The fixture's inserts. */
    assert_int_equal(store_audit_list(f->s, "GM0534", 0, &a, &log, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(log[0].action, "insert");
    assert_string_equal(log[0].table_name, "municipality");
    assert_string_equal(log[0].actor, "cli");
    assert_null(log[0].before_json);
    json_t *after = parse(log[0].after_json);
    assert_json_str(after, "name", "Hillegom");
    json_decref(after);
    assert_int_equal(strlen(log[0].at), 20);
    assert_int_equal(log[0].at[10], 'T');
    assert_int_equal(log[0].at[19], 'Z');

    store_set_actor(f->s, "web:anna");
    put_muni(f->s, "GM0534", "Hillegom", "Zuid-Holland"); /* unchanged: no audit row */
    put_muni(f->s, "GM0534", "Gemeente Hillegom", "Zuid-Holland");
    assert_int_equal(store_audit_list(f->s, "GM0534", 0, &a, &log, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(log[0].action, "update");
    assert_string_equal(log[0].actor, "web:anna");
    json_t *before = parse(log[0].before_json);
    after = parse(log[0].after_json);
    assert_json_str(before, "name", "Hillegom");
    assert_json_str(after, "name", "Gemeente Hillegom");
    json_decref(before);
    json_decref(after);

    /* measure insert and update carry the links */
    Measure m = {.municipality = "GM0534",
                 .scheme_id = f->pok,
                 .name = "Sociaal raadslieden",
                 .status = "lopend"};
    int64_t links[] = {f->al[2]};
    m.actielijn_ids = links;
    m.n_actielijnen = 1;
    assert_int_equal(store_measure_add(f->s, &m, &err), 0);
    Measure upd = m;
    upd.name = "Uitbreiding sociaal raadslieden";
    upd.status = "afgerond";
    int64_t links2[] = {f->al[2], f->al[3]};
    upd.actielijn_ids = links2;
    upd.n_actielijnen = 2;
    assert_int_equal(store_measure_update(f->s, &upd, &err), 0);
    assert_int_equal(store_audit_list(f->s, "GM0534", 2, &a, &log, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(log[0].action, "update");
    assert_string_equal(log[0].table_name, "measure");
    assert_int_equal(log[0].record_id, m.id);
    assert_string_equal(log[1].action, "insert");
    before = parse(log[0].before_json);
    after = parse(log[0].after_json);
    assert_json_str(before, "name", "Sociaal raadslieden");
    assert_json_str(before, "status", "lopend");
    assert_int_equal(json_array_size(json_object_get(before, "actielijn_ids")), 1);
    assert_json_str(after, "name", "Uitbreiding sociaal raadslieden");
    assert_json_str(after, "status", "afgerond");
    assert_int_equal(json_array_size(json_object_get(after, "actielijn_ids")), 2);
    assert_true(json_is_null(json_object_get(after, "pot_id")));
    json_decref(before);
    json_decref(after);

    Measure got;
    assert_int_equal(store_measure_get(f->s, m.id, &a, &got, &err), 1);
    assert_string_equal(got.name, "Uitbreiding sociaal raadslieden");
    assert_int_equal(got.n_actielijnen, 2);
    assert_int_equal(got.actielijn_ids[1], f->al[3]);
    upd.id = 9999;
    assert_int_equal(store_measure_update(f->s, &upd, &err), -1);
    assert_string_equal(err.msg, "onbekende maatregel (id 9999)");

    /* measure_amount_set replacing: one row, update audit with before and after */
    MeasureAmount ma = {
        .measure_id = m.id, .year = 2024, .kind = AMOUNT_PLAN, .amount_cents = 6200000};
    assert_int_equal(store_measure_amount_set(f->s, &ma, &err), 0);
    int64_t first_id = ma.id;
    ma.amount_cents = 7000000;
    ma.id = 0;
    assert_int_equal(store_measure_amount_set(f->s, &ma, &err), 0);
    assert_int_equal(ma.id, first_id);
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM measure_amount"), 1);
    assert_int_equal(store_audit_list(f->s, NULL, 1, &a, &log, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(log[0].table_name, "measure_amount");
    assert_string_equal(log[0].municipality, "GM0534");
    before = parse(log[0].before_json);
    after = parse(log[0].after_json);
    assert_json_int(before, "amount_cents", 6200000);
    assert_json_int(after, "amount_cents", 7000000);
    json_decref(before);
    json_decref(after);

    /* reserve_opening_set replacing (default pot = NULL) */
    ReserveOpening ro = {
        .municipality = "GM0534", .scheme_id = f->pok, .year = 2024, .amount_cents = 45950000};
    assert_int_equal(store_reserve_opening_set(f->s, &ro, &err), 0);
    ro.amount_cents = 45900000;
    assert_int_equal(store_reserve_opening_set(f->s, &ro, &err), 0);
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM reserve_opening"), 1);
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM reserve_opening"
                                        " WHERE pot_id IS NULL AND amount_cents = 45900000"),
                     1);
    assert_int_equal(store_audit_list(f->s, NULL, 1, &a, &log, &n, &err), 0);
    assert_string_equal(log[0].action, "update");
    before = parse(log[0].before_json);
    assert_json_int(before, "amount_cents", 45950000);
    json_decref(before);

    /* every insert of the test wrote exactly one row */
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM audit WHERE action = 'insert'"),
                     2 + 1 + 1 + 1);
    assert_int_equal(count_rows(&f->db, "SELECT count(*) FROM audit WHERE action = 'update'"),
                     1 + 1 + 1 + 1);
    assert_int_equal(store_audit_list(f->s, "GM0362", 0, &a, &log, &n, &err), 0);
    assert_int_equal(n, 1);
    arena_free(&a);
}

/* ---- store_load ---- */

static void test_load_returns_everything(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    Arena a = {0};
#define OK(call)                                                                                   \
    do {                                                                                           \
        if ((call) != 0) fail_msg("%s: %s", #call, err.msg);                                       \
    } while (0)

    Source national = {
        .kind = "circulaire", .title = "Decembercirculaire 2021", .date = "2021-12-13"};
    Source own = {.kind = "raadsinformatiebrief",
                  .title = "Stand van zaken POK",
                  .municipality = "GM0534",
                  .reference = "Z/24/123"};
    Source foreign = {.kind = "brief", .title = "Ombudsman", .municipality = "GM0362"};
    Source letter = {.kind = "brief",
                     .title = "Verzoek ombudsman",
                     .municipality = "GM0534",
                     .date = "2024-04-24"};
    OK(store_source_add(f->s, &national, &err));
    OK(store_source_add(f->s, &own, &err));
    OK(store_source_add(f->s, &foreign, &err));
    OK(store_source_add(f->s, &letter, &err));

    Allocation al = allocation("GM0534", f->al[2], 2023, 8434200);
    al.cite.source_id = national.id;
    al.cite.place = "bijlage 3";
    OK(store_allocation_add(f->s, &al, &err));

    int64_t pooled[] = {f->al[5], f->al[3], f->al[4]};
    Pot pot = {.municipality = "GM0534",
               .scheme_id = f->pok,
               .name = "actielijnen 3+4+5",
               .actielijn_ids = pooled,
               .n_actielijnen = 3};
    OK(store_pot_add(f->s, &pot, &err));

    Decision dec = {.municipality = "GM0534",
                    .date = "2024-05-28",
                    .body = "college",
                    .reference = "B&W 2024/55",
                    .title = "Besluit verzoek ombudsman",
                    .outcome = "afgewezen",
                    .cite = {own.id, "p. 2"}};
    OK(store_decision_add(f->s, &dec, &err));

    int64_t purposes[] = {f->purpose[2], f->purpose[1]};
    Measure m = {.municipality = "GM0534",
                 .scheme_id = f->pok,
                 .pot_id = pot.id,
                 .name = "Wmo-consulent",
                 .description = "extra formatie",
                 .partner = "Gemeente",
                 .status = "lopend",
                 .cost_centres = "6.1,6.2",
                 .actielijn_ids = pooled,
                 .n_actielijnen = 3,
                 .purpose_ids = purposes,
                 .n_purposes = 2,
                 .cite = {own.id, "tabel 1"},
                 .decision_id = dec.id};
    OK(store_measure_add(f->s, &m, &err));
    Measure other_scheme_free = {.municipality = "GM0362", .scheme_id = f->pok, .name = "Elders"};
    OK(store_measure_add(f->s, &other_scheme_free, &err));

    MeasureAmount realised = {
        .measure_id = m.id, .year = 2023, .kind = AMOUNT_REALISED, .amount_cents = 6698300};
    MeasureAmount plan24 = {.measure_id = m.id,
                            .year = 2024,
                            .kind = AMOUNT_PLAN,
                            .amount_cents = 8079400,
                            .decision_id = dec.id};
    MeasureAmount plan23 = {
        .measure_id = m.id, .year = 2023, .kind = AMOUNT_PLAN, .amount_cents = 8434200};
    OK(store_measure_amount_set(f->s, &plan24, &err));
    OK(store_measure_amount_set(f->s, &realised, &err));
    OK(store_measure_amount_set(f->s, &plan23, &err));

    ReserveOpening ro = {.municipality = "GM0534",
                         .scheme_id = f->pok,
                         .pot_id = pot.id,
                         .year = 2024,
                         .amount_cents = 19078800};
    OK(store_reserve_opening_set(f->s, &ro, &err));
    ReserveMovement rm = {.municipality = "GM0534",
                          .scheme_id = f->pok,
                          .kind = RESERVE_TRANSFER,
                          .year = 2021,
                          .to_year = 2024,
                          .amount_cents = 10543600,
                          .description = "niet besteed 2021"};
    OK(store_reserve_movement_add(f->s, &rm, &err));

    Request req = {.municipality = "GM0534",
                   .requester = "Ombudsman Metropool Amsterdam",
                   .date = "2024-04-24",
                   .subject = "bijdrage",
                   .has_amount = 1,
                   .amount_cents = 5000000,
                   .letter_source_id = letter.id,
                   .decision_id = dec.id,
                   .status = "afgewezen"};
    OK(store_request_add(f->s, &req, &err));
    Request noamount = {.municipality = "GM0534", .requester = "Stichting X"};
    OK(store_request_add(f->s, &noamount, &err));

    Evaluation ev = {.measure_id = m.id,
                     .date = "2024-12-01",
                     .verdict = "deels effectief",
                     .text = "loopt",
                     .follow_up = "voortzetten"};
    OK(store_evaluation_add(f->s, &ev, &err));
    ClosedYear cy = {.municipality = "GM0534", .year = 2023, .decision_id = dec.id};
    OK(store_year_close(f->s, &cy, &err));
    StatedFigure sf = {.municipality = "GM0534",
                       .scheme_id = f->pok,
                       .kind = STATED_AVAILABLE,
                       .pot_id = pot.id,
                       .year_from = 2024,
                       .year_to = 2024,
                       .amount_cents = 59643700,
                       .description = "Totaal 2024",
                       .cite = {own.id, "p. 3"}};
    OK(store_stated_add(f->s, &sf, &err));

    MuniData d;
    assert_int_equal(store_load(f->s, "GM0534", f->pok, &a, &d, &err), 1);
    assert_string_equal(d.muni.name, "Hillegom");
    assert_string_equal(d.scheme.code, "POK");
    assert_int_equal(d.n_actielijnen, 8);
    assert_int_equal(d.n_purposes, 4);

    assert_int_equal(d.n_allocations, 1);
    assert_int_equal(d.allocations[0].cite.source_id, national.id);
    assert_string_equal(d.allocations[0].cite.place, "bijlage 3");

    assert_int_equal(d.n_pots, 1);
    assert_string_equal(d.pots[0].name, "actielijnen 3+4+5");
    assert_int_equal(d.pots[0].n_actielijnen, 3);
    assert_int_equal(d.pots[0].actielijn_ids[0], f->al[3]); /* by actielijn number */
    assert_int_equal(d.pots[0].actielijn_ids[2], f->al[5]);

    assert_int_equal(d.n_measures, 1);
    const Measure *lm = &d.measures[0];
    assert_int_equal(lm->id, m.id);
    assert_int_equal(lm->pot_id, pot.id);
    assert_string_equal(lm->status, "lopend");
    assert_string_equal(lm->cost_centres, "6.1,6.2");
    assert_string_equal(lm->partner, "Gemeente");
    assert_int_equal(lm->n_actielijnen, 3);
    assert_int_equal(lm->n_purposes, 2);
    assert_int_equal(lm->purpose_ids[0], f->purpose[1]);
    assert_int_equal(lm->decision_id, dec.id);
    assert_string_equal(lm->cite.place, "tabel 1");

    assert_int_equal(d.n_amounts, 3);
    assert_int_equal(d.amounts[0].year, 2023);
    assert_int_equal(d.amounts[0].kind, AMOUNT_PLAN);
    assert_int_equal(d.amounts[1].year, 2023);
    assert_int_equal(d.amounts[1].kind, AMOUNT_REALISED);
    assert_int_equal(d.amounts[1].amount_cents, 6698300);
    assert_int_equal(d.amounts[2].decision_id, dec.id);

    assert_int_equal(d.n_openings, 1);
    assert_int_equal(d.openings[0].pot_id, pot.id);
    assert_int_equal(d.openings[0].amount_cents, 19078800);
    assert_int_equal(d.n_movements, 1);
    assert_int_equal(d.movements[0].kind, RESERVE_TRANSFER);
    assert_int_equal(d.movements[0].to_year, 2024);
    assert_int_equal(d.movements[0].pot_id, 0);
    assert_string_equal(d.movements[0].description, "niet besteed 2021");

    assert_int_equal(d.n_decisions, 1);
    assert_string_equal(d.decisions[0].outcome, "afgewezen");
    assert_string_equal(d.decisions[0].reference, "B&W 2024/55");
    assert_int_equal(d.n_requests, 2);
    const Request *lr = d.requests[0].has_amount ? &d.requests[0] : &d.requests[1];
    const Request *ln = d.requests[0].has_amount ? &d.requests[1] : &d.requests[0];
    assert_int_equal(lr->amount_cents, 5000000);
    assert_int_equal(lr->letter_source_id, letter.id);
    assert_string_equal(lr->status, "afgewezen");
    assert_int_equal(ln->has_amount, 0);
    assert_string_equal(ln->status, "open");
    assert_null(ln->date);

    assert_int_equal(d.n_evaluations, 1);
    assert_string_equal(d.evaluations[0].follow_up, "voortzetten");
    assert_int_equal(d.n_closed, 1);
    assert_int_equal(d.closed[0].year, 2023);
    assert_true(muni_year_closed(&d, 2023));
    assert_int_equal(d.n_stated, 1);
    assert_int_equal(d.stated[0].kind, STATED_AVAILABLE);
    assert_int_equal(d.stated[0].amount_cents, 59643700);
    assert_int_equal(d.stated[0].actielijn_id, 0);

    /* sources: national and own, not another municipality's */
    assert_int_equal(d.n_sources, 3);
    assert_non_null(muni_source(&d, national.id));
    assert_non_null(muni_source(&d, own.id));
    assert_non_null(muni_source(&d, letter.id));
    assert_null(muni_source(&d, foreign.id));
    assert_string_equal(muni_source(&d, own.id)->reference, "Z/24/123");

    Source *sl;
    size_t n;
    assert_int_equal(store_source_list(f->s, NULL, &a, &sl, &n, &err), 0);
    assert_int_equal(n, 4);
    assert_int_equal(store_source_list(f->s, "GM0362", &a, &sl, &n, &err), 0);
    assert_int_equal(n, 2);
    Source one;
    assert_int_equal(store_source_get(f->s, national.id, &a, &one, &err), 1);
    assert_string_equal(one.date, "2021-12-13");
    assert_null(one.municipality);
    assert_int_equal(store_source_get(f->s, 9999, &a, &one, &err), 0);
    Decision dg;
    assert_int_equal(store_decision_get(f->s, dec.id, &a, &dg, &err), 1);
    assert_string_equal(dg.body, "college");
    assert_int_equal(dg.cite.source_id, own.id);

    /* the other municipality sees only its own */
    assert_int_equal(store_load(f->s, "GM0362", f->pok, &a, &d, &err), 1);
    assert_int_equal(d.n_measures, 1);
    assert_int_equal(d.n_allocations, 0);
    assert_int_equal(d.n_decisions, 0);
    assert_int_equal(store_load(f->s, "GM9999", f->pok, &a, &d, &err), 0);
    assert_int_equal(store_load(f->s, "GM0534", 4242, &a, &d, &err), -1);
    assert_string_equal(err.msg, "onbekende regeling (id 4242)");
#undef OK
    arena_free(&a);
}

static void test_scheme_add_and_second_scheme_isolated(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    Arena a = {0};
    Scheme sc = {.code = "SPUK", .name = "Andere regeling", .first_year = 2024, .last_year = 2026};
    assert_int_equal(store_scheme_add(f->s, &sc, &err), 0);
    assert_true(sc.id > f->pok);
    Actielijn al = {.scheme_id = sc.id, .number = 1, .name = "Enige lijn"};
    assert_int_equal(store_actielijn_add(f->s, &al, &err), 0);
    Purpose p = {.scheme_id = sc.id, .number = 1, .name = "Enig doel"};
    assert_int_equal(store_purpose_add(f->s, &p, &err), 0);

    /* A POK measure cannot link the other scheme's actielijn. */
    int64_t links[] = {al.id};
    Measure m = {.municipality = "GM0534",
                 .scheme_id = f->pok,
                 .name = "Mix",
                 .actielijn_ids = links,
                 .n_actielijnen = 1};
    assert_int_equal(store_measure_add(f->s, &m, &err), -1);
    assert_contains(err.msg, "hoort niet bij regeling");

    Allocation spuk = allocation("GM0534", al.id, 2024, 100);
    Allocation pok = allocation("GM0534", f->al[2], 2024, 200);
    assert_int_equal(store_allocation_add(f->s, &spuk, &err), 0);
    assert_int_equal(store_allocation_add(f->s, &pok, &err), 0);
    MuniData d;
    assert_int_equal(store_load(f->s, "GM0534", sc.id, &a, &d, &err), 1);
    assert_int_equal(d.n_actielijnen, 1);
    assert_int_equal(d.n_purposes, 1);
    assert_int_equal(d.n_allocations, 1);
    assert_int_equal(d.allocations[0].amount_cents, 100);
    Scheme *list;
    size_t n;
    assert_int_equal(store_scheme_list(f->s, &a, &list, &n, &err), 0);
    assert_int_equal(n, 2);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_migration_creates_pok, setup, teardown),
        cmocka_unit_test(test_open_uninitialised_fails_without_creating),
        cmocka_unit_test(test_open_postgres_unreachable),
        cmocka_unit_test(test_open_memory),
        cmocka_unit_test_setup_teardown(test_reopen_existing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_newer_schema_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_municipality_put_list_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_references_named, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_violations_named, setup, teardown),
        cmocka_unit_test_setup_teardown(test_year_close_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_allocation_versions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_undoes_outer_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commit_keeps_good_writes_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_audit_insert_and_update, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_returns_everything, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scheme_add_and_second_scheme_isolated, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
