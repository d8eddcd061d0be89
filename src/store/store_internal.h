/* store_internal.h: what every store file shares: the Store struct and its use of the
 * driver (store_sql.c): the prepared-statement cache, binding, stepping, the Dutch error
 * messages and the writes. The store is written once against the driver interface db.h;
 * nothing outside src/store/ includes this or the store's other internal headers:
 * store_checks.h (reference and text checks), store_audit_write.h (audit rows),
 * store_record_sql.h (records through their field tables, version conflicts) and
 * store_closed.h (closed years' figures at the commit). */
#ifndef POK_STORE_INTERNAL_H
#define POK_STORE_INTERNAL_H

#include "db.h"
#include "store.h"

typedef struct StmtCacheEntry {
    const char *sql; /* a string literal: the cache compares pointers */
    DbStmt *st;
} StmtCacheEntry;

struct Store {
    Db *db;
    const char *path; /* how messages name the database (db_name) */
    char *actor;
    StmtCacheEntry *cache;
    size_t n_cache, cap_cache;
    int tx_depth; /* store_begin nesting: 1 = BEGIN, more = savepoints inside it */
    /* The municipalities the current write transaction wrote to (store_closed.c): an
     * open-addressing set of codes, cap_touched slots (a power of two). */
    char **touched;
    size_t n_touched, cap_touched;
    struct RecordSqlCache *record_sql; /* the SQL built from the field tables */
};

/* A prepared statement for sql (a string literal, or SQL the store keeps until
 * store_close, such as sq_record_query's), reset and with its bindings cleared. NULL with
 * err filled on failure. */
DbStmt *sq_stmt(Store *s, const char *sql, PokErr *err);
/* Reset every cached statement, so none holds a read open across a rollback. */
void sq_reset_all(Store *s);
/* Run sql (no parameters, possibly several statements) once. */
int sq_exec(Store *s, const char *sql, PokErr *err);

/* Binding: NULL text and zero ids/years become SQL NULL. */
void sq_bind_null(DbStmt *st, int i, DbType type);
void sq_bind_text(DbStmt *st, int i, const char *v);
void sq_bind_int(DbStmt *st, int i, int64_t v);
void sq_bind_nz(DbStmt *st, int i, int64_t v); /* 0 -> NULL */

/* Reading: SQL NULL becomes NULL text and 0 numbers. */
const char *sq_col_text(Arena *a, DbStmt *st, int i);
int64_t sq_col_int(DbStmt *st, int i);

/* Step a write statement to completion and reset it; maps failures to Dutch. */
int sq_step_done(Store *s, DbStmt *st, PokErr *err);
/* Step a statement expected to return at most one row: 1 row, 0 none, -1 error. The
 * caller reads the columns on 1 and then calls db_reset. */
int sq_step_row(Store *s, DbStmt *st, PokErr *err);
/* Step an INSERT .. RETURNING id: *id is the new row's id; the statement is reset. */
int sq_step_id(Store *s, DbStmt *st, int64_t *id, PokErr *err);
/* The backend: per-backend SQL is chosen with SQ_SQL(s, sqlite_text, pg_text). */
#define SQ_PG(s) (db_kind((s)->db) == DB_PG)
#define SQ_SQL(s, lite, pg) (SQ_PG(s) ? (pg) : (lite))
/* Turn the driver's last error into a Dutch message (constraint names are mapped to what
 * they mean); resets st when given. Returns -1. */
int sq_fail(Store *s, DbStmt *st, PokErr *err);

/* One write: its own BEGIN IMMEDIATE..COMMIT outside a transaction, a SAVEPOINT inside
 * one. Use as: tx = sq_write_begin(); rc = body(); return sq_write_end(tx, rc). */
int sq_write_begin(Store *s, PokErr *err);
int sq_write_end(Store *s, int tx, int rc, PokErr *err);
/* The public functions share one shape: run the body inside a write, and hand out the
 * new id only once the write is committed. */
#define WRITE_RETURNING_ID(body_call, target)                                                      \
    do {                                                                                           \
        int64_t new_id = 0;                                                                        \
        int tx = sq_write_begin(s, err);                                                           \
        if (tx < 0) return -1;                                                                     \
        if (sq_write_end(s, tx, body_call, err)) return -1;                                        \
        (target) = new_id;                                                                         \
        return 0;                                                                                  \
    } while (0)

#endif
