/* sqlite_internal.h: what the SQLite store files share: the Store struct, the
 * prepared-statement cache, binding and error helpers, reference checks and the audit
 * writer. Nothing outside src/store/store_sqlite*.c includes this. */
#ifndef POK_SQLITE_INTERNAL_H
#define POK_SQLITE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

typedef struct StmtCacheEntry {
    const char *sql; /* a string literal: the cache compares pointers */
    sqlite3_stmt *st;
} StmtCacheEntry;

struct Store {
    sqlite3 *db;
    char *path;
    char *actor;
    StmtCacheEntry *cache;
    size_t n_cache, cap_cache;
    int tx_depth; /* store_begin nesting: 1 = BEGIN, more = savepoints inside it */
};

/* A prepared statement for sql (which must be a string literal), reset and with its
 * bindings cleared. NULL with err filled on failure. */
sqlite3_stmt *sq_stmt(Store *s, const char *sql, PokErr *err);
/* Reset every cached statement, so none holds a read open across a rollback. */
void sq_reset_all(Store *s);
/* Run sql (no parameters, possibly several statements) once. */
int sq_exec(Store *s, const char *sql, PokErr *err);

/* Binding: NULL text and zero ids/years become SQL NULL. */
void sq_bind_text(sqlite3_stmt *st, int i, const char *v);
void sq_bind_int(sqlite3_stmt *st, int i, int64_t v);
void sq_bind_nz(sqlite3_stmt *st, int i, int64_t v); /* 0 -> NULL */

/* Reading: SQL NULL becomes NULL text and 0 numbers. */
const char *sq_col_text(Arena *a, sqlite3_stmt *st, int i);
int64_t sq_col_int(sqlite3_stmt *st, int i);

/* Step a write statement to completion and reset it; maps failures to Dutch. */
int sq_step_done(Store *s, sqlite3_stmt *st, PokErr *err);
/* Step a statement expected to return at most one row: 1 row, 0 none, -1 error. The
 * caller reads the columns on 1 and then calls sqlite3_reset. */
int sq_step_row(Store *s, sqlite3_stmt *st, PokErr *err);
/* Turn a failing SQLite result code into a Dutch message (constraint names are mapped
 * to what they mean); resets st when given. Returns -1. */
int sq_fail(Store *s, sqlite3_stmt *st, int rc, PokErr *err);

/* One write: its own BEGIN IMMEDIATE..COMMIT outside a transaction, a SAVEPOINT inside
 * one. Use as: tx = sq_write_begin(); rc = body(); return sq_write_end(tx, rc). */
int sq_write_begin(Store *s, PokErr *err);
int sq_write_end(Store *s, int tx, int rc, PokErr *err);

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

/* The record as JSON, by running a "SELECT json_object(...) FROM t WHERE ..." literal
 * with the id (or the code and year) bound as ?1 (and ?2). *out is malloc'd, NULL when
 * the record does not exist. */
int sq_snapshot_id(Store *s, const char *sql, int64_t id, char **out, PokErr *err);
int sq_snapshot_key(Store *s, const char *sql, const char *code, int year, char **out, PokErr *err);
/* One audit row. An update whose before and after are equal is not recorded. */
int sq_audit(Store *s, const char *action, const char *table, int64_t record_id,
             const char *municipality, const char *before_json, const char *after_json,
             PokErr *err);
/* The same with the reason given for the change (deletions, reopened years). */
int sq_audit_reason(Store *s, const char *action, const char *table, int64_t record_id,
                    const char *municipality, const char *before_json, const char *after_json,
                    const char *reason, PokErr *err);
/* The insert audit row of a record just inserted with this id. */
int sq_audit_insert(Store *s, const char *table, const char *json_sql, int64_t id,
                    const char *municipality, PokErr *err);

/* The JSON snapshots of every audited table (?1 = id; ?1 code, ?2 year for the tables
 * keyed by municipality and year; ?1 code for municipality). */
extern const char SQ_JSON_SCHEME[];
extern const char SQ_JSON_ACTIELIJN[];
extern const char SQ_JSON_PURPOSE[];
extern const char SQ_JSON_MUNICIPALITY[];
extern const char SQ_JSON_INHABITANTS[];
extern const char SQ_JSON_SOURCE[];
extern const char SQ_JSON_ALLOCATION[];
extern const char SQ_JSON_POT[];
extern const char SQ_JSON_MEASURE[];
extern const char SQ_JSON_MEASURE_AMOUNT[];
extern const char SQ_JSON_RESERVE_OPENING[];
extern const char SQ_JSON_RESERVE_MOVEMENT[];
extern const char SQ_JSON_DECISION[];
extern const char SQ_JSON_REQUEST[];
extern const char SQ_JSON_EVALUATION[];
extern const char SQ_JSON_CLOSED_YEAR[];
extern const char SQ_JSON_STATED[];

#endif
