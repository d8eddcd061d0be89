/* db.h: the small backend-neutral SQL driver the store is written against. Two drivers:
 * db_sqlite.c (sqlite3) and db_pg.c (libpq). Only src/store/ includes this.
 *
 * SQL is written in the common dialect of SQLite >= 3.40 and PostgreSQL 15, with
 * parameters as ?N (or ?); the PostgreSQL driver rewrites them to $N once per statement.
 * A statement is bound, then stepped: each step gives one row (1), the end (0) or an
 * error (-1, details in db_err_*). Reset ends a statement early so it can run again.
 * Texts returned by db_col_* stay valid until the next step or reset of that statement. */
#ifndef POK_DB_H
#define POK_DB_H

#include <stddef.h>
#include <stdint.h>

#include "../util.h"

typedef struct Db Db;
typedef struct DbStmt DbStmt;

typedef enum { DB_SQLITE, DB_PG } DbKind;

/* The intended type of a parameter: PostgreSQL prepares with parameter types, so even a
 * NULL says what it stands for. */
typedef enum { DB_T_INT, DB_T_TEXT, DB_T_BLOB } DbType;

/* What went wrong, independent of the backend. */
typedef enum {
    DB_E_NONE,
    DB_E_UNIQUE,      /* unique or primary key violated */
    DB_E_FOREIGN_KEY, /* reference to a missing row */
    DB_E_CHECK,       /* a CHECK constraint failed; db_err_constraint names it */
    DB_E_NOT_NULL,    /* db_err_constraint is "table.column" */
    DB_E_BUSY,        /* locked, serialization failure or deadlock: retrying may work */
    DB_E_READONLY,
    DB_E_FULL,
    DB_E_NOTADB, /* the file or server is no database of this kind */
    DB_E_CORRUPT,
    DB_E_TEXT, /* a bound text is not UTF-8 (db_bind_text); db_err_constraint: "parameter N" */
    DB_E_OTHER
} DbErrClass;

/* Open by URL: "postgresql://..." or "postgres://..." with libpq, otherwise a file path
 * or "sqlite:PATH" with SQLite (create: the file may be created). NULL with err filled
 * in Dutch when the database cannot be reached. */
Db *db_open(const char *url, int create, PokErr *err);
void db_close(Db *db);
DbKind db_kind(const Db *db);
/* How messages name the database: the file path, or the URL without a password. */
const char *db_name(const Db *db);
/* 1 when the URL is a PostgreSQL one. */
int db_url_is_pg(const char *url);

/* Run sql without parameters (possibly several statements). 0 or -1. */
int db_exec(Db *db, const char *sql);
/* How many statements db has run (each db_exec and each execution of a prepared one,
 * however many rows it gives): what a page costs in round trips, counted by the tests. */
int64_t db_executions(const Db *db);
/* The round trips among them: a batch of db_prefetch is one (on SQLite, which has no
 * server, it is the same count as db_executions). */
int64_t db_round_trips(const Db *db);

/* Prepare sql (not yet sent to a server: PostgreSQL prepares at the first step, with the
 * types then bound). NULL on error. */
DbStmt *db_prepare(Db *db, const char *sql);
void db_finalize(DbStmt *st);
/* The highest parameter number in the statement. */
int db_param_count(DbStmt *st);

void db_bind_int(DbStmt *st, int i, int64_t v);
/* NULL binds a NULL text. A text that is not valid UTF-8 (text.h) is not sent: the next
 * db_step fails with DB_E_TEXT, so no path can store bad text. */
void db_bind_text(DbStmt *st, int i, const char *v);
void db_bind_blob(DbStmt *st, int i, const void *p, size_t n); /* copied */
void db_bind_null(DbStmt *st, int i, DbType type);
/* Forget all bindings (every parameter NULL). */
void db_clear_bindings(DbStmt *st);

/* Run the bound statements sts (n of one Db, each with different SQL, none stepped yet)
 * ahead in one round trip, so that their first db_step reads rows already fetched:
 * PostgreSQL's pipeline mode. A no-op on SQLite, where each runs at its first step as
 * always. Failures show at the step of the statement they belong to, as without it;
 * -1 when nothing could be sent (each statement then runs at its own step). */
int db_prefetch(DbStmt **sts, size_t n);

/* Bulk loading with the backend's own tool: db_copy_begin runs sql, a COPY ... FROM
 * STDIN in text format; db_copy_put sends rows (each line one row, tab between fields,
 * \N for NULL, backslash escapes: db_copy_field writes one field so); db_copy_end ends
 * the data and reports whether the server took every row. Nothing else may run on db in
 * between. PostgreSQL only: db_has_copy says whether the backend has it (SQLite inserts
 * in-process, which is as fast). */
int db_has_copy(const Db *db);
/* One field of a COPY row into b, then sep ('\t' between fields, '\n' after the last):
 * text escaped (NULL as \N), an integer, bytes as bytea hex. */
void db_copy_text(Buf *b, const char *v, char sep);
void db_copy_int(Buf *b, int64_t v, char sep);
void db_copy_bytes(Buf *b, const unsigned char *p, size_t n, char sep);
int db_copy_begin(Db *db, const char *sql);
int db_copy_put(Db *db, const char *data, size_t len);
int db_copy_end(Db *db);

/* 1 row, 0 done, -1 error. */
int db_step(DbStmt *st);
void db_reset(DbStmt *st);

/* Columns of the current row; NULL reads as 0 / NULL. Booleans read as 1 and 0. */
int64_t db_col_int(DbStmt *st, int i);
const char *db_col_text(DbStmt *st, int i);
const void *db_col_blob(DbStmt *st, int i, size_t *n);
int db_col_is_null(DbStmt *st, int i);

/* Rows changed by the last INSERT, UPDATE or DELETE that finished; the total over the
 * connection's life (also rolled-back ones). */
int64_t db_changes(const Db *db);
int64_t db_total_changes(const Db *db);

/* The last error: its class, the constraint it names ("table.column" for unique and
 * not-null violations, the constraint name for checks; "" when none) and the raw
 * message of the backend. */
DbErrClass db_err_class(const Db *db);
const char *db_err_constraint(const Db *db);
const char *db_err_message(const Db *db);

/* Transactions. db_begin_write starts a write transaction that holds the database's
 * write lock from the start (SQLite BEGIN IMMEDIATE; PostgreSQL: BEGIN and the
 * data-version row, so writers queue up front instead of failing later and every
 * committed write moves the data version). Savepoints nest inside it. */
int db_in_transaction(Db *db);
int db_begin_write(Db *db);
int db_commit(Db *db);
void db_rollback(Db *db); /* errors ignored: the backend may have rolled back already */
int db_savepoint(Db *db, const char *name);
int db_release(Db *db, const char *name);
void db_rollback_to(Db *db, const char *name); /* and release it */

/* The version of the committed data as other connections see it: SQLite's PRAGMA
 * data_version, PostgreSQL's data-version row (see db_pg.c). */
int db_data_version(Db *db, uint64_t *out);

/* Make the next generated id of every table max(id) + 1, as SQLite's rowids are: after
 * rows were inserted with explicit ids (a copy). PostgreSQL's identity sequences do not
 * roll back, so the drivers' rollbacks do this too: a dry run or a refused write leaves
 * no gap in the ids, and both backends number records alike. A no-op on SQLite. Call
 * inside a write transaction (db_begin_write) when others may be writing. */
int db_sync_ids(Db *db);

#endif
