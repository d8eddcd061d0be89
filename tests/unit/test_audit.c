/* test_audit.c: the audit trail's filters (municipality, table and id, dates) and the
 * administrator's deletion: delete rows with the JSON before and the reason, refusals
 * that leave everything as it was, and the readable diff of a change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

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
#include "views/audit_view.h"

typedef struct Fixture {
    TestDb db;
    Store *s; /* db.s */
    int64_t pok;
    int64_t decision, measure, amount, evaluation, other_measure;
} Fixture;

/* A call that must succeed; err is the caller's PokErr. */
#define OK(call)                                                                                   \
    do {                                                                                           \
        if ((call) != 0) fail_msg("%s", err.msg);                                                  \
    } while (0)

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    PokErr err = {0};
    if (testdb_open(&f->db, "audit", &err)) fail_msg("%s", err.msg);
    f->s = f->db.s;
    Arena a = {0};
    Scheme pok;
    assert_int_equal(store_scheme_get(f->s, "POK", &a, &pok, &err), 1);
    arena_free(&a);
    f->pok = pok.id;
    Municipality h = {.code = "GM0534", .name = "Hillegom"};
    Municipality o = {.code = "GM1734", .name = "Overbetuwe"};
    OK(store_municipality_put(f->s, &h, &err));
    OK(store_municipality_put(f->s, &o, &err));
    Decision d = {
        .municipality = "GM0534", .date = "2024-03-01", .body = "college", .title = "Inzet POK"};
    OK(store_decision_add(f->s, &d, &err));
    f->decision = d.id;
    Measure m = {
        .municipality = "GM0534", .scheme_id = f->pok, .name = "Jobhunter", .status = "lopend"};
    OK(store_measure_add(f->s, &m, &err));
    f->measure = m.id;
    MeasureAmount ma = {
        .measure_id = m.id, .year = 2024, .kind = AMOUNT_PLAN, .amount_cents = 6200000};
    OK(store_measure_amount_set(f->s, &ma, &err));
    f->amount = ma.id;
    ma.amount_cents = 7000000;
    OK(store_measure_amount_set(f->s, &ma, &err));
    Evaluation ev = {.measure_id = m.id, .date = "2025-03-01", .verdict = "effectief"};
    OK(store_evaluation_add(f->s, &ev, &err));
    f->evaluation = ev.id;
    Measure other = {
        .municipality = "GM1734", .scheme_id = f->pok, .name = "Schuldhulp", .decision_id = 0};
    OK(store_measure_add(f->s, &other, &err));
    f->other_measure = other.id;
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

/* Put the audit row of (table, id, action) on another moment, through a second connection. */
static void set_time(Fixture *f, const char *table, int64_t id, const char *action, const char *at)
{
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%lld", (long long)id);
    const char *params[] = {at, table, id_text, action};
    assert_true(testdb_exec(&f->db,
                            "UPDATE audit SET at = $1 WHERE table_name = $2 AND"
                            " record_id = $3 AND action = $4",
                            4, params) >= 1);
}

static size_t query(Fixture *f, const AuditFilter *filter, Arena *a, AuditEntry **e)
{
    PokErr err = {0};
    size_t n = 0;
    if (store_audit_query(f->s, filter, a, e, &n, &err)) fail_msg("%s", err.msg);
    return n;
}

static int count_rows(Fixture *f, const char *sql)
{
    int64_t n = testdb_int(&f->db, sql);
    if (n < 0) fail_msg("%s failed", sql);
    return (int)n;
}

static void test_filter_municipality(void **state)
{
    Fixture *f = *state;
    Arena a = {0};
    AuditEntry *e;
    AuditFilter all = {0};
    size_t n_all = query(f, &all, &a, &e);
    AuditFilter h = {.municipality = "GM0534"};
    size_t n = query(f, &h, &a, &e);
    assert_true(n > 0 && n < n_all);
    for (size_t i = 0; i < n; i++) assert_string_equal(e[i].municipality, "GM0534");
    /* newest first */
    for (size_t i = 1; i < n; i++) assert_true(e[i - 1].id > e[i].id);
    AuditFilter o = {.municipality = "GM1734"};
    n = query(f, &o, &a, &e);
    /* the municipality row itself and the measure */
    assert_int_equal(n, 2);
    assert_string_equal(e[0].table_name, "measure");
    AuditFilter lim = {.municipality = "GM0534", .limit = 2};
    assert_int_equal(query(f, &lim, &a, &e), 2);
    /* store_audit_list is the same query */
    PokErr err = {0};
    size_t n_list;
    OK(store_audit_list(f->s, "GM1734", 0, &a, &e, &n_list, &err));
    assert_int_equal(n_list, 2);
    arena_free(&a);
}

static void test_filter_table_and_id(void **state)
{
    Fixture *f = *state;
    Arena a = {0};
    AuditEntry *e;
    AuditFilter amount = {.table_name = "measure_amount", .record_id = f->amount};
    size_t n = query(f, &amount, &a, &e);
    assert_int_equal(n, 2);
    assert_string_equal(e[0].action, "update");
    assert_string_equal(e[1].action, "insert");
    AuditFilter measure = {.table_name = "measure", .record_id = f->measure};
    n = query(f, &measure, &a, &e);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].table_name, "measure");
    /* with its amounts and evaluation */
    measure.with_related = 1;
    n = query(f, &measure, &a, &e);
    assert_int_equal(n, 4);
    assert_string_equal(e[0].table_name, "evaluation");
    for (size_t i = 0; i < n; i++) assert_string_equal(e[i].municipality, "GM0534");
    /* but not another measure's */
    AuditFilter other = {.table_name = "measure", .record_id = f->other_measure, .with_related = 1};
    assert_int_equal(query(f, &other, &a, &e), 1);
    AuditFilter table_only = {.table_name = "measure"};
    assert_int_equal(query(f, &table_only, &a, &e), 2);
    arena_free(&a);
}

static void test_filter_dates(void **state)
{
    Fixture *f = *state;
    set_time(f, "measure_amount", f->amount, "insert", "2024-01-15T23:59:59Z");
    set_time(f, "measure_amount", f->amount, "update", "2024-02-01T00:00:00Z");
    Arena a = {0};
    AuditEntry *e;
    AuditFilter jan = {.date_from = "2024-01-15", .date_to = "2024-01-15"};
    size_t n = query(f, &jan, &a, &e);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].action, "insert");
    assert_string_equal(e[0].at, "2024-01-15T23:59:59Z");
    AuditFilter upto = {.date_to = "2024-02-01"};
    assert_int_equal(query(f, &upto, &a, &e), 2);
    AuditFilter after = {.date_from = "2024-01-16", .date_to = "2024-12-31"};
    n = query(f, &after, &a, &e);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].action, "update");
    AuditFilter none = {.date_from = "2024-02-02", .date_to = "2024-12-31"};
    assert_int_equal(query(f, &none, &a, &e), 0);
    /* everything else happened today */
    AuditFilter since = {.date_from = "2025-01-01", .table_name = "measure_amount"};
    assert_int_equal(query(f, &since, &a, &e), 0);
    PokErr err = {0};
    AuditFilter bad = {.date_from = "15-01-2024"};
    assert_int_equal(store_audit_query(f->s, &bad, &a, &e, &n, &err), -1);
    assert_non_null(strstr(err.msg, "15-01-2024"));
    assert_non_null(strstr(err.msg, "JJJJ-MM-DD"));
    arena_free(&a);
}

static void test_delete_amount(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    OK(store_delete(f->s, "measure_amount", f->amount, "dubbel ingevoerd", &err));
    assert_int_equal(count_rows(f, "SELECT count(*) FROM measure_amount"), 0);
    Arena a = {0};
    AuditEntry *e;
    AuditFilter filter = {.table_name = "measure_amount", .record_id = f->amount};
    size_t n = query(f, &filter, &a, &e);
    assert_int_equal(n, 3);
    assert_string_equal(e[0].action, "delete");
    assert_string_equal(e[0].reason, "dubbel ingevoerd");
    assert_string_equal(e[0].municipality, "GM0534");
    assert_string_equal(e[0].actor, "cli");
    assert_null(e[0].after_json);
    assert_non_null(strstr(e[0].before_json, "\"amount_cents\":7000000"));
    assert_null(e[1].reason);
    arena_free(&a);
}

static void test_delete_measure_with_children(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    store_set_actor(f->s, "beheerder");
    OK(store_delete(f->s, "measure", f->measure, "verkeerde gemeente", &err));
    assert_int_equal(count_rows(f, "SELECT count(*) FROM measure WHERE municipality = 'GM0534'"),
                     0);
    assert_int_equal(count_rows(f, "SELECT count(*) FROM measure_amount"), 0);
    assert_int_equal(count_rows(f, "SELECT count(*) FROM evaluation"), 0);
    assert_int_equal(count_rows(f, "SELECT count(*) FROM audit WHERE action = 'delete' AND"
                                   " reason = 'verkeerde gemeente' AND actor = 'beheerder'"),
                     3);
    /* the decision is no longer cited, so it may go now */
    OK(store_delete(f->s, "decision", f->decision, "test", &err));
    assert_int_equal(count_rows(f, "SELECT count(*) FROM decision"), 0);
}

static void test_refused_deletes_change_nothing(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    /* a decision a measure cites */
    Measure m = {.municipality = "GM0534",
                 .scheme_id = f->pok,
                 .name = "Met besluit",
                 .decision_id = f->decision};
    OK(store_measure_add(f->s, &m, &err));
    int audit_before = count_rows(f, "SELECT count(*) FROM audit");
    assert_int_equal(store_delete(f->s, "decision", f->decision, "weg", &err), -1);
    assert_non_null(strstr(err.msg, "besluit"));
    assert_non_null(strstr(err.msg, "gebruikt"));
    assert_int_equal(count_rows(f, "SELECT count(*) FROM decision"), 1);
    /* no reason, unknown kind, unknown id, a kind that is not whitelisted */
    assert_int_equal(store_delete(f->s, "measure", f->measure, "", &err), -1);
    assert_non_null(strstr(err.msg, "reden"));
    assert_int_equal(store_delete(f->s, "measure; DROP TABLE audit", f->measure, "x", &err), -1);
    assert_non_null(strstr(err.msg, "onbekende soort"));
    assert_int_equal(store_delete(f->s, "municipality", 1, "x", &err), -1);
    assert_int_equal(store_delete(f->s, "measure", 99999, "x", &err), -1);
    assert_non_null(strstr(err.msg, "99999"));
    assert_int_equal(count_rows(f, "SELECT count(*) FROM audit"), audit_before);
    assert_int_equal(count_rows(f, "SELECT count(*) FROM measure"), 3);
    assert_int_equal(count_rows(f, "SELECT count(*) FROM measure_amount"), 1);
    /* inside an outer transaction that is rolled back, a deletion is undone with its audit */
    OK(store_begin(f->s, &err));
    OK(store_delete(f->s, "evaluation", f->evaluation, "x", &err));
    store_rollback(f->s);
    assert_int_equal(count_rows(f, "SELECT count(*) FROM evaluation"), 1);
    assert_int_equal(count_rows(f, "SELECT count(*) FROM audit"), audit_before);
}

static void test_closed_year_refuses_delete(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    ClosedYear cy = {.municipality = "GM0534", .year = 2024};
    OK(store_year_close(f->s, &cy, &err));
    int audit_before = count_rows(f, "SELECT count(*) FROM audit");
    assert_int_equal(store_delete(f->s, "measure_amount", f->amount, "x", &err), -1);
    assert_non_null(strstr(err.msg, "jaar 2024 is afgesloten voor GM0534"));
    assert_int_equal(store_delete(f->s, "measure", f->measure, "x", &err), -1);
    assert_non_null(strstr(err.msg, "afgesloten"));
    assert_int_equal(count_rows(f, "SELECT count(*) FROM measure_amount"), 1);
    assert_int_equal(count_rows(f, "SELECT count(*) FROM audit"), audit_before);
    /* an evaluation has no year of its own */
    OK(store_delete(f->s, "evaluation", f->evaluation, "x", &err));
}

static void test_diff_text(void **state)
{
    Fixture *f = *state;
    Arena a = {0};
    AuditEntry *e;
    AuditFilter filter = {.table_name = "measure_amount", .record_id = f->amount};
    size_t n = query(f, &filter, &a, &e);
    assert_int_equal(n, 2);
    assert_string_equal(audit_diff_text(&a, &e[0], "; "), "amount_cents: 6200000 → 7000000");
    const char *insert = audit_diff_text(&a, &e[1], "; ");
    assert_non_null(strstr(insert, "amount_cents: 6200000"));
    assert_null(strstr(insert, "→"));
    /* a changed text field, and one that became empty */
    AuditEntry upd = {.action = "update",
                      .before_json = "{\"name\":\"Oud\",\"partner\":\"X\",\"n\":1}",
                      .after_json = "{\"name\":\"<script>\",\"partner\":null,\"n\":1}"};
    assert_string_equal(audit_diff_text(&a, &upd, " | "),
                        "name: Oud → <script> | partner: X → leeg");
    AuditEntry broken = {.action = "update", .before_json = "niet json", .after_json = "{}"};
    assert_non_null(strstr(audit_diff_text(&a, &broken, "; "), "gegevens"));
    assert_string_equal(audit_table_nl("measure_amount"), "maatregelbedrag");
    /* a source's document (no field table: the store writes its snapshot by hand) is shown
     * with Dutch labels, not left out or under its table name */
    assert_string_equal(audit_table_nl("source_file"), "document van een bron");
    MuniData none = {0};
    AuditEntry file = {.action = "insert",
                       .table_name = "source_file",
                       .after_json = "{\"source_id\":1,\"file_name\":\"rv.pdf\",\"size\":610,"
                                     "\"sha256\":\"cf0b\"}"};
    const char *shown = audit_diff_readable(&a, &file, &none, "; ");
    assert_non_null(strstr(shown, "Bestand: rv.pdf"));
    assert_non_null(strstr(shown, "Grootte in bytes: 610"));
    assert_non_null(strstr(shown, "SHA-256: cf0b"));
    assert_string_equal(audit_action_nl("delete"), "verwijderd");
    Buf b = {0};
    audit_csv(&b, &a, e, 1);
    assert_non_null(strstr(b.data, "tijdstip,wie,actie,tabel,id,gemeente,wijzigingen,reden\r\n"));
    assert_non_null(strstr(b.data, ",update,measure_amount,"));
    buf_free(&b);
    arena_free(&a);
}

/* What a row is about, in words: the measure's name instead of "maatregelbedrag 6", the
 * actielijn and years of an allocation; a record pok cannot name keeps table and id. */
static void test_subject(void **state)
{
    (void)state;
    Arena a = {0};
    Measure m = {.id = 7, .name = "Jobhunter"};
    Actielijn al = {.id = 3, .number = 3, .name = "Schulden"};
    MuniData d = {.measures = &m, .n_measures = 1, .actielijnen = &al, .n_actielijnen = 1};
    AuditEntry amount = {.action = "update",
                         .table_name = "measure_amount",
                         .record_id = 6,
                         .before_json = "{\"measure_id\":7,\"kind\":1,\"year\":2027}",
                         .after_json = "{\"measure_id\":7,\"kind\":2,\"year\":2027}"};
    assert_string_equal(audit_subject(&a, &amount, &d), "realisatie 2027 van maatregel Jobhunter");
    AuditEntry alloc = {.action = "insert",
                        .table_name = "allocation",
                        .record_id = 33,
                        .after_json = "{\"actielijn_id\":3,\"year\":2022,\"year_to\":2027}"};
    assert_string_equal(audit_subject(&a, &alloc, &d),
                        "toekenning 2022-2027, actielijn 3. Schulden");
    AuditEntry measure = {.action = "delete", .table_name = "measure", .record_id = 7};
    assert_string_equal(audit_subject(&a, &measure, &d), "maatregel Jobhunter");
    AuditEntry gone = {.action = "delete", .table_name = "measure", .record_id = 8};
    assert_string_equal(audit_subject(&a, &gone, &d), "maatregel 8");
    AuditEntry move = {.action = "insert",
                       .table_name = "reserve_movement",
                       .record_id = 2,
                       .after_json = "{\"kind\":3,\"year\":2021,\"to_year\":2024}"};
    assert_string_equal(audit_subject(&a, &move, &d), "overheveling van 2021 naar 2024");
    AuditEntry muni = {.action = "update", .table_name = "municipality_public"};
    assert_string_equal(audit_subject(&a, &muni, &d), "openbaarheid van de cijfers");
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_filter_municipality, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filter_table_and_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filter_dates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete_amount, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete_measure_with_children, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_deletes_change_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_closed_year_refuses_delete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_diff_text, setup, teardown),
        cmocka_unit_test(test_subject),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
