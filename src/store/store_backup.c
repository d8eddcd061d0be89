/* store_backup.c: backup and restore of a SQLite store through SQLite's online backup
 * API, with a verification of the copy (integrity check, rows per table). PostgreSQL has
 * its own tools (pg_dump) and is refused here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_sqlite.h"
#include "migrations.h"
#include "store_backup.h"
#include "store_internal.h"

#define PG_NO_BACKUP                                                                               \
    "reservekopie en terugzetten door pok op PostgreSQL: niet ondersteund, gebruik pg_dump en "    \
    "pg_restore"

/* The rows per table of one database, in sqlite_master order. */
typedef struct TableCounts {
    size_t n;
    char **names;
    int64_t *rows;
} TableCounts;

static void counts_free(TableCounts *c)
{
    for (size_t i = 0; i < c->n; i++) free(c->names[i]);
    free(c->names);
    free(c->rows);
    memset(c, 0, sizeof *c);
}

static int db_fail(sqlite3 *db, const char *path, const char *what, PokErr *err)
{
    return err_set(err, "%s %s: %s", what, path, sqlite3_errmsg(db));
}

/* Table names come from the database itself and are quoted as identifiers (%w): they
 * cannot be bound as parameters. */
static int count_rows(sqlite3 *db, const char *path, TableCounts *out, PokErr *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT name FROM sqlite_master WHERE type = 'table'"
                           " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(db, path, "kan de tabellen niet lezen van", err);
    int rc;
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 32;
            out->names = xrealloc(out->names, cap * sizeof *out->names);
            out->rows = xrealloc(out->rows, cap * sizeof *out->rows);
        }
        out->names[out->n] = xstrdup((const char *)sqlite3_column_text(st, 0));
        out->rows[out->n++] = 0;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        db_fail(db, path, "kan de tabellen niet lezen van", err);
        counts_free(out);
        return -1;
    }
    for (size_t i = 0; i < out->n; i++) {
        char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", out->names[i]);
        st = NULL;
        rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
        sqlite3_free(sql);
        if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
            out->rows[i] = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
            continue;
        }
        sqlite3_finalize(st);
        err_set(err, "kan tabel %s niet tellen in %s: %s", out->names[i], path, sqlite3_errmsg(db));
        counts_free(out);
        return -1;
    }
    return 0;
}

static int integrity_ok(sqlite3 *db, const char *path, PokErr *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return err_set(err, "%s is geen leesbare pok-database: %s", path, sqlite3_errmsg(db));
    }
    int rc = sqlite3_step(st);
    const char *first = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    if (first && strcmp(first, "ok") == 0) {
        sqlite3_finalize(st);
        return 0;
    }
    err_set(err, "%s is beschadigd: integriteitscontrole meldt '%s'", path,
            first ? first : sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return -1;
}

static int read_version(sqlite3 *db, const char *path, int *version, PokErr *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", -1,
                                &st, NULL);
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        *version = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    } else {
        sqlite3_finalize(st);
        return err_set(err, "%s is geen pok-database (geen schemaversie)", path);
    }
    if (*version < 1) return err_set(err, "%s is geen pok-database (geen schemaversie)", path);
    if (*version > (int)migrations_count)
        return err_set(err, "%s heeft schemaversie %d, nieuwer dan deze pok (%d): werk pok bij",
                       path, *version, (int)migrations_count);
    return 0;
}

static void fill_check(const TableCounts *c, int version, StoreBackupCheck *check)
{
    if (!check) return;
    check->n_tables = c->n;
    check->n_rows = 0;
    for (size_t i = 0; i < c->n; i++) check->n_rows += c->rows[i];
    check->schema_version = version;
}

/* Open path read-only and check it is a sound pok database; counts when wanted. */
static int verify_file(const char *path, TableCounts *counts, int *version, PokErr *err)
{
    if (access(path, R_OK) != 0) return err_set(err, "kan %s niet lezen", path);
    sqlite3 *db = NULL;
    /* the search index's tokenizer: counting its table reads through it */
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        db_sqlite_register_fts(db)) {
        err_set(err, "kan %s niet openen: %s", path, db ? sqlite3_errmsg(db) : "geen geheugen");
        sqlite3_close(db);
        return -1;
    }
    int rc = integrity_ok(db, path, err) || read_version(db, path, version, err) ||
                     (counts && count_rows(db, path, counts, err))
                 ? -1
                 : 0;
    sqlite3_close(db);
    return rc;
}

int store_backup_verify(const char *path, StoreBackupCheck *check, PokErr *err)
{
    TableCounts c = {0};
    int version = 0;
    if (verify_file(path, &c, &version, err)) return -1;
    fill_check(&c, version, check);
    counts_free(&c);
    return 0;
}

/* Copy all of `from` into `to` in one step; the destination is written in one
 * transaction, so it holds the old or the new content, never a mix. */
static int copy_db(sqlite3 *to, sqlite3 *from, const char *what, PokErr *err)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    if (!b) return err_set(err, "%s mislukt: %s", what, sqlite3_errmsg(to));
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) return err_set(err, "%s mislukt: %s", what, sqlite3_errstr(rc));
    return 0;
}

static int same_counts(const TableCounts *src, const TableCounts *copy, const char *path,
                       PokErr *err)
{
    if (src->n != copy->n)
        return err_set(err, "kopie %s heeft %zu tabellen, de database %zu", path, copy->n, src->n);
    for (size_t i = 0; i < src->n; i++)
        if (strcmp(src->names[i], copy->names[i]) != 0 || src->rows[i] != copy->rows[i])
            return err_set(err, "kopie %s: tabel %s heeft %lld rijen, de database %lld", path,
                           copy->names[i], (long long)copy->rows[i], (long long)src->rows[i]);
    return 0;
}

/* Inside one read transaction of the store: copy into tmp, count the store's rows. */
static int backup_into(Store *s, const char *tmp, TableCounts *src_counts, PokErr *err)
{
    sq_reset_all(s);
    if (sq_exec(s, "BEGIN", err)) return -1;
    sqlite3 *h = db_sqlite_handle(s->db);
    sqlite3 *dest = NULL;
    int rc = 0;
    if (sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
            SQLITE_OK ||
        db_sqlite_register_fts(dest))
        rc = db_fail(dest, tmp, "kan reservekopie niet aanmaken:", err);
    if (rc == 0) rc = count_rows(h, s->path, src_counts, err);
    if (rc == 0) {
        rc = copy_db(dest, h, "reservekopie maken", err);
        if (rc) counts_free(src_counts);
    }
    /* A copy of a WAL database is itself in WAL mode: make it one self-contained file. */
    if (rc == 0 &&
        sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
        rc = db_fail(dest, tmp, "kan reservekopie niet afronden:", err);
    sqlite3_close(dest);
    sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
    return rc;
}

int store_backup(Store *s, const char *path, int overwrite, StoreBackupCheck *check, PokErr *err)
{
    if (SQ_PG(s)) return err_set(err, PG_NO_BACKUP);
    if (!path || !*path) return err_set(err, "geen bestand voor de reservekopie opgegeven");
    if (db_in_transaction(s->db))
        return err_set(err, "reservekopie kan niet midden in een transactie");
    if (!overwrite && access(path, F_OK) == 0)
        return err_set(err, "%s bestaat al: kies een nieuw bestand of gebruik --force", path);
    size_t len = strlen(path) + 16;
    char *tmp_path = xmalloc(len);
    snprintf(tmp_path, len, "%s.tmp-pok", path);
    unlink(tmp_path);
    TableCounts src = {0}, copy = {0};
    int version = 0;
    int rc = backup_into(s, tmp_path, &src, err);
    if (rc == 0) rc = verify_file(tmp_path, &copy, &version, err);
    if (rc == 0) rc = same_counts(&src, &copy, path, err);
    if (rc == 0 && rename(tmp_path, path) != 0)
        rc = err_set(err, "kan reservekopie niet opslaan als %s", path);
    if (rc == 0) fill_check(&copy, version, check);
    if (rc) unlink(tmp_path);
    counts_free(&src);
    counts_free(&copy);
    free(tmp_path);
    return rc;
}

int store_restore_supported(const char *url, PokErr *err)
{
    return db_url_is_pg(url) ? err_set(err, PG_NO_BACKUP) : 0;
}

int store_restore(Store *s, const char *path, StoreBackupCheck *check, PokErr *err)
{
    if (SQ_PG(s)) return err_set(err, PG_NO_BACKUP);
    if (db_in_transaction(s->db))
        return err_set(err, "terugzetten kan niet midden in een transactie");
    TableCounts counts = {0};
    int version = 0;
    if (verify_file(path, &counts, &version, err)) {
        err_prefix(err, "niet teruggezet: ");
        return -1;
    }
    sqlite3 *from = NULL;
    int rc = 0;
    if (sqlite3_open_v2(path, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        db_sqlite_register_fts(from))
        rc = db_fail(from, path, "kan niet openen:", err);
    sq_reset_all(s);
    if (rc == 0) rc = copy_db(db_sqlite_handle(s->db), from, "terugzetten", err);
    sqlite3_close(from);
    if (rc == 0) fill_check(&counts, version, check);
    counts_free(&counts);
    return rc;
}
