/* db_sqlite.c: the db.h driver on sqlite3. Parameters ?N are SQLite's own; statements are
 * prepared persistent, since the store caches them for the connection's life. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_driver.h"
#include "db_sqlite.h"

typedef struct SqliteDb {
    Db base;
    sqlite3 *h;
} SqliteDb;

typedef struct SqliteStmt {
    DbStmt base;
    sqlite3_stmt *st;
} SqliteStmt;

#define H(db) (((SqliteDb *)(db))->h)
#define ST(s) (((SqliteStmt *)(s))->st)

/* The part of an SQLite message after "...failed: ": the constraint or column. */
static const char *after_colon(const char *msg)
{
    const char *p = strstr(msg, ": ");
    return p ? p + 2 : msg;
}

static int fail(Db *db, int rc)
{
    const char *msg = sqlite3_errmsg(H(db));
    int ext = sqlite3_extended_errcode(H(db));
    if ((ext & 0xff) != (rc & 0xff)) ext = rc;
    DbErrClass cls = DB_E_OTHER;
    const char *constraint = NULL;
    switch (ext) {
    case SQLITE_CONSTRAINT_CHECK:
        cls = DB_E_CHECK;
        constraint = after_colon(msg);
        break;
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
        cls = DB_E_UNIQUE;
        constraint = after_colon(msg);
        break;
    case SQLITE_CONSTRAINT_NOTNULL:
        cls = DB_E_NOT_NULL;
        constraint = after_colon(msg);
        break;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        cls = DB_E_FOREIGN_KEY;
        break;
    default:
        switch (ext & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            cls = DB_E_BUSY;
            break;
        case SQLITE_READONLY:
            cls = DB_E_READONLY;
            break;
        case SQLITE_FULL:
            cls = DB_E_FULL;
            break;
        case SQLITE_NOTADB:
            cls = DB_E_NOTADB;
            break;
        case SQLITE_CORRUPT:
            cls = DB_E_CORRUPT;
            break;
        }
    }
    return db_set_error(db, cls, constraint, msg);
}

static void s_close(Db *db)
{
    sqlite3_close(H(db));
    free(db->name);
    free(db);
}

static int s_exec(Db *db, const char *sql)
{
    int rc = sqlite3_exec(H(db), sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK) return fail(db, rc);
    db->total_changes = sqlite3_total_changes64(H(db));
    return 0;
}

static DbStmt *s_prepare(Db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(H(db), sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        fail(db, rc);
        sqlite3_finalize(st);
        return NULL;
    }
    SqliteStmt *s = xcalloc(1, sizeof *s);
    s->base.db = db;
    s->st = st;
    return &s->base;
}

static void s_finalize(DbStmt *st)
{
    sqlite3_finalize(ST(st));
    free(st);
}

static int s_param_count(DbStmt *st)
{
    return sqlite3_bind_parameter_count(ST(st));
}
static void s_bind_int(DbStmt *st, int i, int64_t v)
{
    sqlite3_bind_int64(ST(st), i, v);
}

static void s_bind_text(DbStmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(ST(st), i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(ST(st), i);
}

static void s_bind_blob(DbStmt *st, int i, const void *p, size_t n)
{
    sqlite3_bind_blob64(ST(st), i, p, n, SQLITE_TRANSIENT);
}

static void s_bind_null(DbStmt *st, int i, DbType type)
{
    sqlite3_bind_null(ST(st), i);
}
static void s_clear_bindings(DbStmt *st)
{
    sqlite3_clear_bindings(ST(st));
}

static int s_step(DbStmt *st)
{
    Db *db = st->db;
    int rc = sqlite3_step(ST(st));
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) {
        db->changes = sqlite3_changes64(H(db));
        db->total_changes = sqlite3_total_changes64(H(db));
        return 0;
    }
    return fail(db, rc);
}

static void s_reset(DbStmt *st)
{
    sqlite3_reset(ST(st));
}
static int64_t s_col_int(DbStmt *st, int i)
{
    return sqlite3_column_int64(ST(st), i);
}

static const char *s_col_text(DbStmt *st, int i)
{
    return (const char *)sqlite3_column_text(ST(st), i);
}

static const void *s_col_blob(DbStmt *st, int i, size_t *n)
{
    const void *p = sqlite3_column_blob(ST(st), i);
    *n = (size_t)sqlite3_column_bytes(ST(st), i);
    return p;
}

static int s_col_is_null(DbStmt *st, int i)
{
    return sqlite3_column_type(ST(st), i) == SQLITE_NULL;
}
static int s_in_transaction(Db *db)
{
    return !sqlite3_get_autocommit(H(db));
}

/* The write lock up front, so busy_timeout applies; a deferred transaction that upgrades
 * later can fail at once with SQLITE_BUSY when another connection wrote in between. */
static int s_begin_write(Db *db)
{
    return s_exec(db, "BEGIN IMMEDIATE");
}

/* PRAGMA data_version changes when another connection commits. */
static int s_data_version(Db *db, uint64_t *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(H(db), "PRAGMA data_version", -1, &st, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        fail(db, rc);
        sqlite3_finalize(st);
        return -1;
    }
    *out = (uint64_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return 0;
}

static const DbOps sqlite_ops = {
    s_close,        s_exec,      s_prepare,   s_finalize,       s_param_count,    s_bind_int,
    s_bind_text,    s_bind_blob, s_bind_null, s_clear_bindings, s_step,           s_reset,
    s_col_int,      s_col_text,  s_col_blob,  s_col_is_null,    s_in_transaction, s_begin_write,
    s_data_version, NULL, /* after_rollback */
    NULL,                 /* sync_ids */
    NULL,                 /* prefetch: each statement runs at its first step, in-process */
    NULL,                 /* copy_begin: inserts are in-process, as fast as a bulk path */
    NULL,           NULL,
};

sqlite3 *db_sqlite_handle(Db *db)
{
    return db && db->kind == DB_SQLITE ? H(db) : NULL;
}

Db *db_sqlite_open(const char *path, int create, PokErr *err)
{
    /* Without create, a missing file must stay missing. */
    if (!create && access(path, F_OK) != 0) {
        err_set(err, "database %s is niet geïnitialiseerd: voer eerst 'pok init' uit", path);
        return NULL;
    }
    sqlite3 *h = NULL;
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path, &h, flags, NULL);
    if (rc != SQLITE_OK) {
        err_set(err, "kan database %s niet openen: %s", path,
                h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
        sqlite3_close(h);
        return NULL;
    }
    sqlite3_extended_result_codes(h, 1);
    if (db_sqlite_register_fts(h)) {
        err_set(err, "kan database %s niet openen: de zoekindex (FTS5) ontbreekt in SQLite", path);
        sqlite3_close(h);
        return NULL;
    }
    SqliteDb *db = xcalloc(1, sizeof *db);
    db->base.ops = &sqlite_ops;
    db->base.kind = DB_SQLITE;
    db->base.name = xstrdup(path);
    db->h = h;
    return &db->base;
}
