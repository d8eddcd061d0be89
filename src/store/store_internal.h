/* store_internal.h: what the store files share: the Store struct, the prepared-statement
 * cache, binding and error helpers, reference checks and the audit writer. The store is
 * written once against the driver interface db.h; nothing outside src/store/ includes
 * this. */
#ifndef POK_STORE_INTERNAL_H
#define POK_STORE_INTERNAL_H

#include "../record.h"
#include "../text.h"
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

/* Closed years (store_closed.c): their figures are recorded at closing and may not move
 * afterwards. sq_closed_touch notes a municipality the transaction writes to (sq_audit
 * does, for every write); sq_closed_verify, at the outermost commit, computes the figures
 * of the closed years of each again and fails naming the year and what moved (the set is
 * emptied either way); sq_closed_forget empties it on a rollback. sq_closed_record
 * records the figures of a year just closed; sq_closed_check_reopen fails when reopening
 * year moves a later closed year's figures; sq_closed_fill_missing records the figures of
 * closed years that have none (closed before they were kept, after the migration). */
void sq_closed_touch(Store *s, const char *code);
int sq_closed_verify(Store *s, PokErr *err);
void sq_closed_forget(Store *s);
void sq_closed_free(Store *s);
int sq_closed_record(Store *s, const char *code, int year, PokErr *err);
int sq_closed_check_reopen(Store *s, const char *code, int year, PokErr *err);
int sq_closed_fill_missing(Store *s, PokErr *err);

/* "YYYY-MM-DDTHH:MM:SSZ", UTC. */
void sq_now(char out[32]);

/* Reference checks: 0 when fine (a zero id always is, where the reference is optional),
 * else -1 with a message naming the problem. municipality may be NULL to skip the
 * "belongs to the same municipality" test. */
int sq_check_municipality(Store *s, const char *code, PokErr *err);
int sq_check_scheme(Store *s, int64_t scheme_id, PokErr *err);
int sq_check_actielijn(Store *s, int64_t actielijn_id, int64_t scheme_id, PokErr *err);
int sq_check_purpose(Store *s, int64_t purpose_id, int64_t scheme_id, PokErr *err);
int sq_check_source(Store *s, int64_t source_id, const char *municipality, PokErr *err);
int sq_check_decision(Store *s, int64_t decision_id, const char *municipality, PokErr *err);
int sq_check_pot(Store *s, int64_t pot_id, const char *municipality, int64_t scheme_id,
                 PokErr *err);
/* The measure's municipality (into muni[16]) and scheme. */
int sq_check_measure(Store *s, int64_t measure_id, char muni[16], int64_t *scheme_id, PokErr *err);
/* date NULL is fine unless required; otherwise it must be a real YYYY-MM-DD date. */
int sq_check_date(const char *date, const char *what, int required, PokErr *err);
/* s must be present and not empty. */
int sq_check_required(const char *v, const char *what, PokErr *err);

/* The store's last line of defence for text (text.h): every text field a record write
 * stores is listed with the name the user knows it by and its bound, and checked before
 * anything is written, so a path that forgot to check still stores no bad text. (Below
 * the named checks, the driver refuses any bound text that is not UTF-8: db.c.) */
typedef struct SqText {
    const char *value; /* NULL: absent, fine */
    const char *what;  /* "naam van de maatregel" */
    TextBound bound;
} SqText;
int sq_check_texts(const SqText *texts, size_t n, PokErr *err);
#define SQ_CHECK_TEXTS(err, ...)                                                                   \
    sq_check_texts((const SqText[]){__VA_ARGS__},                                                  \
                   sizeof((const SqText[]){__VA_ARGS__}) / sizeof(SqText), err)

/* The record as JSON, by running a "SELECT json_object(...) FROM t WHERE id = ?1" literal
 * (the record kinds of record.h have theirs built from their tables: sq_record_snapshot).
 * *out is malloc'd, NULL when the record does not exist. */
/* A snapshot query per backend: [0] SQLite (json_object), [1] PostgreSQL
 * (json_build_object); both give the same compact JSON text. */
typedef const char *const SqJson[2];
/* Each snapshot is written once as a macro of O, the object constructor, and A, the
 * sorted id array of a link table (empty: []), and expanded for both backends. */
#define SQ_LITE_OBJ "json_object"
#define SQ_PG_OBJ "json_build_object"
#define SQ_LITE_IDS(col, table, where)                                                             \
    "json((SELECT json_group_array(" col ") FROM (SELECT " col " FROM " table " WHERE " where      \
    " ORDER BY " col ")))"
#define SQ_PG_IDS(col, table, where)                                                               \
    "(SELECT COALESCE(json_agg(" col " ORDER BY " col "), '[]'::json) FROM " table " WHERE " where \
    ")"
int sq_snapshot_id(Store *s, SqJson sql, int64_t id, char **out, PokErr *err);
/* Step a bound snapshot statement: *out is its JSON (compact on both backends). */
int sq_snapshot_run(Store *s, DbStmt *st, char **out, PokErr *err);
/* One audit row. An update whose before and after are equal is not recorded. */
int sq_audit(Store *s, const char *action, const char *table, int64_t record_id,
             const char *municipality, const char *before_json, const char *after_json,
             PokErr *err);
/* The same with the reason given for the change (deletions, reopened years). */
int sq_audit_reason(Store *s, const char *action, const char *table, int64_t record_id,
                    const char *municipality, const char *before_json, const char *after_json,
                    const char *reason, PokErr *err);
/* The insert audit row of a record just inserted with this id. */
int sq_audit_insert(Store *s, const char *table, SqJson json_sql, int64_t id,
                    const char *municipality, PokErr *err);

/* Records written and read through their field tables (record.h; store_record_sql.c).
 * The SQL is built on first use and kept until store_close (sq_record_sql_free).
 *
 * sq_record_query: "SELECT <the kind's columns> FROM <table> <rest>" (rest a string
 * literal: the text is kept by its address); sq_record_read reads the current row of it
 * into out, a zeroed struct of the kind; sq_record_read_links fills its id lists from the
 * link tables. sq_record_insert binds every stored field of rec (the caller has applied
 * defaults and the store's own values) and fills its link tables; *id (may be NULL) is the
 * new row's id. sq_record_update writes the updated fields of rec to the row its key fields
 * (and, for a nonzero one, row version) name, and replaces its link lists: 1 done, 0 no
 * such row, -1 error. sq_record_snapshot is the audit snapshot of the row named by key's
 * key fields (*out NULL when none), sq_record_snapshot_id by id. sq_record_add inserts
 * rec of a kind with an id and writes its audit row (municipality as the trail files it). */
const char *sq_record_query(Store *s, const RecordKind *k, const char *rest);
void sq_record_read(const RecordKind *k, Arena *a, DbStmt *st, void *out);
int sq_record_read_links(Store *s, const RecordKind *k, Arena *a, void *rec, PokErr *err);
int sq_record_insert(Store *s, const RecordKind *k, const void *rec, int64_t *id, PokErr *err);
int sq_record_update(Store *s, const RecordKind *k, const void *rec, PokErr *err);
/* Raise the row version of record id (kinds with a FIELD_ROW_VERSION field). */
int sq_record_bump_version(Store *s, const RecordKind *k, int64_t id, PokErr *err);
int sq_record_snapshot(Store *s, const RecordKind *k, const void *key, char **out, PokErr *err);
int sq_record_snapshot_id(Store *s, const RecordKind *k, int64_t id, char **out, PokErr *err);
int sq_record_add(Store *s, const RecordKind *k, const void *rec, int64_t *id,
                  const char *municipality, PokErr *err);
void sq_record_sql_free(Store *s);

/* Optimistic versioning (store_conflict.c). sq_conflict fails with ERR_CONFLICT: "<what>
 * is intussen gewijzigd door <actor> (<when>)", who and when from the newest audit row of
 * (table, record_id). sq_version_check compares the version a save expects (0: no check,
 * ROW_VERSION_ABSENT: no row) with the row found (existing_id 0: none) and its current
 * version: 0 when they agree, else the conflict. */
int sq_conflict(Store *s, const char *what, const char *table, int64_t record_id, PokErr *err);
int sq_version_check(Store *s, int64_t expected, int64_t existing_id, int64_t current,
                     const char *what, const char *table, PokErr *err);

#endif
