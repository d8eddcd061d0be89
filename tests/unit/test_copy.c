/* test_copy.c: pok copy's store side (store_copy.c, store_copy_schema.c): the table list
 * derived from the migrations covers every table and puts referenced tables first; a copy
 * of the demo is verified and counted; a destination with data is refused unless replace;
 * a destination that alters a value fails the verification and keeps nothing. Runs on
 * the backend of the test suite (SQLite, or PostgreSQL with POK_TEST_PG). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "store/db.h"
#include "store/migrations.h"
#include "store/store.h"
#include "store/store_copy.h"
#include "store/store_copy_schema.h"

#include "support/testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int skipped_or_private(const char *name)
{
    for (const char *const *p = copy_skipped_tables; *p; p++)
        if (strcmp(*p, name) == 0) return 1;
    if (strcmp(name, "pok_data_version") == 0) return 1; /* PostgreSQL's cache counter */
    /* the search index (migration_search): derived, the destination's triggers fill it */
    return strncmp(name, "measure_fts", 11) == 0 || strcmp(name, "measure_search") == 0;
}

static void test_schema_covers_every_table(void **state)
{
    (void)state;
    CopySchema cs;
    PokErr err = {0};
    assert_int_equal(copy_schema_load(&cs, &err), 0);
    TestDb t;
    assert_int_equal(testdb_open(&t, "copy_schema", &err), 0);
    char tables[4096];
    testdb_tables(&t, tables, sizeof tables);
    testdb_close(&t);
    size_t expected = 0;
    for (char *name = strtok(tables, ","); name; name = strtok(NULL, ",")) {
        if (skipped_or_private(name)) continue;
        expected++;
        if (!copy_schema_find(&cs, name)) fail_msg("table %s is not copied", name);
    }
    assert_int_equal(cs.n, expected);
    /* The audit trail and the accounts are copied; the sessions are emptied by replace. */
    assert_non_null(copy_schema_find(&cs, "audit"));
    assert_non_null(copy_schema_find(&cs, "app_user"));
    assert_int_equal(cs.n_cleared, 1);
    assert_string_equal(cs.cleared_sql[0], "DELETE FROM \"session\"");
    const CopyTable *booking = copy_schema_find(&cs, "booking");
    assert_non_null(booking);
    assert_int_equal(booking->n_sums, 2); /* id, amount_cents */

    /* Every foreign key points at a table copied earlier. */
    Db *db = db_open(":memory:", 1, &err);
    assert_non_null(db);
    for (int v = 1; v <= (int)migrations_count; v++) {
        char *sql = migration_sql(v, DB_SQLITE);
        assert_int_equal(db_exec(db, sql), 0);
        free(sql);
    }
    for (size_t i = 0; i < cs.n; i++) {
        DbStmt *st = db_prepare(db, "SELECT \"table\" FROM pragma_foreign_key_list(?1)");
        assert_non_null(st);
        db_bind_text(st, 1, cs.tables[i].name);
        while (db_step(st) == 1) {
            const char *ref = db_col_text(st, 0);
            size_t j = 0;
            while (j < cs.n && strcmp(cs.tables[j].name, ref) != 0) j++;
            if (j >= i && strcmp(ref, cs.tables[i].name) != 0)
                fail_msg("%s references %s, which comes later", cs.tables[i].name, ref);
        }
        db_finalize(st);
    }
    db_close(db);
    copy_schema_free(&cs);
}

static const StoreCopyTable *report_table(const StoreCopyReport *r, const char *name)
{
    for (size_t i = 0; i < r->n_tables; i++)
        if (strcmp(r->tables[i].name, name) == 0) return &r->tables[i];
    return NULL;
}

static void test_copy_demo(void **state)
{
    (void)state;
    TestDb src, dst;
    PokErr err = {0};
    assert_int_equal(testdb_open_demo(&src, "copy_src", NULL, NULL), 0);
    assert_int_equal(testdb_create(&dst, "copy_dst"), 0);
    int64_t audit_src = testdb_int(&src, "SELECT count(*) FROM audit");
    int64_t cents_src = testdb_int(&src, "SELECT SUM(amount_cents) FROM allocation");

    StoreCopyOptions opt = {.actor = "test"};
    StoreCopyReport r;
    if (store_copy(src.url, dst.url, &opt, &r, &err)) fail_msg("%s", err.msg);
    assert_int_equal(r.replaced, 0);
    assert_int_equal(r.schema_version, store_schema_latest());
    const StoreCopyTable *audit = report_table(&r, "audit");
    const StoreCopyTable *alloc = report_table(&r, "allocation");
    assert_non_null(audit);
    assert_non_null(alloc);
    assert_int_equal(audit->rows, audit_src);
    assert_string_equal(alloc->sum_columns[1], "amount_cents");
    assert_int_equal(alloc->sums[1], cents_src);
    int64_t total = 0;
    for (size_t i = 0; i < r.n_tables; i++) total += r.tables[i].rows;
    assert_int_equal(total, r.rows);
    store_copy_report_free(&r);

    /* What the destination holds: the same, plus the one audit row of the copy. */
    assert_int_equal(testdb_int(&dst, "SELECT SUM(amount_cents) FROM allocation"), cents_src);
    assert_int_equal(testdb_int(&dst, "SELECT count(*) FROM audit"), audit_src + 1);
    assert_int_equal(testdb_int(&dst, "SELECT count(*) FROM audit WHERE table_name = 'copy'"
                                      " AND actor = 'test' AND id = (SELECT MAX(id) FROM audit)"),
                     1);

    /* Again: refused, nothing changes; with replace: the source's rows again. */
    assert_int_equal(store_copy(src.url, dst.url, &opt, &r, &err), -1);
    assert_non_null(strstr(err.msg, "bevat al gegevens"));
    assert_int_equal(testdb_int(&dst, "SELECT count(*) FROM audit"), audit_src + 1);
    opt.replace = 1;
    if (store_copy(src.url, dst.url, &opt, &r, &err)) fail_msg("%s", err.msg);
    assert_int_equal(r.replaced, 1);
    store_copy_report_free(&r);
    assert_int_equal(testdb_int(&dst, "SELECT count(*) FROM audit"), audit_src + 1);

    /* A store cannot be copied onto itself. */
    assert_int_equal(store_copy(src.url, src.url, &opt, &r, &err), -1);
    assert_non_null(strstr(err.msg, "dezelfde database"));
    testdb_close(&src);
    testdb_close(&dst);
}

/* A destination that changes a copied amount on the way in. */
static int add_altering_trigger(TestDb *t)
{
    if (testdb_is_pg()) {
        if (testdb_exec(t,
                        "CREATE FUNCTION cp_alter() RETURNS trigger LANGUAGE plpgsql AS"
                        " $f$BEGIN NEW.amount_cents := NEW.amount_cents + 1; RETURN NEW; END$f$",
                        0, NULL) < 0)
            return -1;
        return testdb_exec(t,
                           "CREATE TRIGGER cp_alter BEFORE INSERT ON allocation FOR EACH ROW"
                           " WHEN (NEW.id = 3) EXECUTE FUNCTION cp_alter()",
                           0, NULL) < 0
                   ? -1
                   : 0;
    }
    return testdb_exec(t,
                       "CREATE TRIGGER cp_alter AFTER INSERT ON allocation WHEN new.id = 3"
                       " BEGIN UPDATE allocation SET amount_cents = amount_cents + 1"
                       " WHERE id = new.id; END",
                       0, NULL) < 0
               ? -1
               : 0;
}

static void test_copy_verification_fails(void **state)
{
    (void)state;
    TestDb src, dst;
    PokErr err = {0};
    assert_int_equal(testdb_open_demo(&src, "copy_vsrc", NULL, NULL), 0);
    assert_int_equal(testdb_open(&dst, "copy_vdst", &err), 0);
    store_close(dst.s);
    dst.s = NULL;
    assert_int_equal(add_altering_trigger(&dst), 0);
    StoreCopyReport r;
    assert_int_equal(store_copy(src.url, dst.url, NULL, &r, &err), -1);
    assert_non_null(strstr(err.msg, "controle na het kopiëren mislukt, niets gekopieerd: tabel"
                                    " allocation: som van amount_cents"));
    assert_int_equal(testdb_int(&dst, "SELECT count(*) FROM audit"), 0);
    assert_int_equal(testdb_int(&dst, "SELECT count(*) FROM municipality"), 0);
    assert_null(r.tables);
    testdb_close(&src);
    testdb_close(&dst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_covers_every_table),
        cmocka_unit_test(test_copy_demo),
        cmocka_unit_test(test_copy_verification_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
