/* db_driver.h: what db.c shares with the two drivers (db_sqlite.c, db_pg.c): the common
 * head of Db and DbStmt and the table of operations each driver fills in. */
#ifndef POK_DB_DRIVER_H
#define POK_DB_DRIVER_H

#include "db.h"

typedef struct DbOps {
    void (*close)(Db *db);
    int (*exec)(Db *db, const char *sql);
    DbStmt *(*prepare)(Db *db, const char *sql);
    void (*finalize)(DbStmt *st);
    int (*param_count)(DbStmt *st);
    void (*bind_int)(DbStmt *st, int i, int64_t v);
    void (*bind_text)(DbStmt *st, int i, const char *v);
    void (*bind_blob)(DbStmt *st, int i, const void *p, size_t n);
    void (*bind_null)(DbStmt *st, int i, DbType type);
    void (*clear_bindings)(DbStmt *st);
    int (*step)(DbStmt *st);
    void (*reset)(DbStmt *st);
    int64_t (*col_int)(DbStmt *st, int i);
    const char *(*col_text)(DbStmt *st, int i);
    const void *(*col_blob)(DbStmt *st, int i, size_t *n);
    int (*col_is_null)(DbStmt *st, int i);
    int (*in_transaction)(Db *db);
    int (*begin_write)(Db *db);
    int (*data_version)(Db *db, uint64_t *out);
    /* After a rollback (outermost: the transaction is over; else to a savepoint). */
    void (*after_rollback)(Db *db, int outermost);
    int (*sync_ids)(Db *db);
    /* NULL: statements run at their first step anyway (SQLite, in-process). */
    int (*prefetch)(DbStmt **sts, size_t n);
    /* COPY ... FROM STDIN (PostgreSQL); NULL where the backend has none. */
    int (*copy_begin)(Db *db, const char *sql);
    int (*copy_put)(Db *db, const char *data, size_t len);
    int (*copy_end)(Db *db);
} DbOps;

struct Db {
    const DbOps *ops;
    DbKind kind;
    char *name;
    int64_t changes, total_changes;
    int64_t executions;  /* statements run (db_executions) */
    int64_t round_trips; /* of them, or of their batches (db_round_trips) */
    DbErrClass err_class;
    char err_constraint[128];
    char err_message[512];
};

struct DbStmt {
    Db *db;
    int bad_text; /* the parameter bound to a text that is not UTF-8; 0: none */
    int running;  /* stepped since its last reset or end: one execution */
    int ahead;    /* db_prefetch sent it: its first step costs no round trip */
};

/* Record an error (message and constraint may be NULL). Returns -1. */
int db_set_error(Db *db, DbErrClass cls, const char *constraint, const char *message);

Db *db_sqlite_open(const char *path, int create, PokErr *err);
Db *db_pg_open(const char *url, PokErr *err);

#endif
