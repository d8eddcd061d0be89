/* testdb.h: shared fixture for the unit tests: a fresh test database (optionally with the
 * demo loaded) and dispatching a request through route_dispatch.
 *
 * The database is a temporary SQLite file, or, when the environment variable POK_TEST_PG
 * holds a PostgreSQL URL (scripts/pgtest.sh sets it: the maintenance database of a
 * throwaway server), a fresh PostgreSQL database pok_t_<pid>_<n> created over that URL
 * and dropped again by testdb_close. The tests reach the database only through the store,
 * and, to look behind its back, through testdb_int and testdb_exec (SQL both backends
 * understand, parameters written $1, $2, ... in order). */
#ifndef POK_TESTDB_H
#define POK_TESTDB_H

#include "store/store.h"
#include "web/route.h"

#include <stdint.h>

typedef struct TestDb {
    char path[64];    /* the SQLite file; "" on PostgreSQL */
    char pg_name[64]; /* the PostgreSQL database; "" on SQLite */
    char url[512];    /* what store_open gets: the file's path or the database's URL */
    Store *s;
    WebApp app; /* app.store is s */
} TestDb;

/* Extra fixture work run inside the demo-loading transaction; 0 on success. */
typedef int (*TestDbExtra)(void *ctx, PokErr *err);

/* 1 when the tests run on PostgreSQL (POK_TEST_PG is set), else 0. */
int testdb_is_pg(void);
/* Create an empty database without opening a store on it (t->s stays NULL): on SQLite a
 * path /tmp/pok_test_<name>_XXXXXX that does not exist yet, on PostgreSQL a new database.
 * 0 on success, prints "setup: ..." on failure. */
int testdb_create(TestDb *t, const char *name);
/* testdb_create, then store_open(t->url, create); 0 on success, prints "setup: ..." on
 * failure. */
int testdb_open(TestDb *t, const char *name, PokErr *err);
/* testdb_open, then load the demo (and run extra(ctx), if given) in one transaction. */
int testdb_open_demo(TestDb *t, const char *name, TestDbExtra extra, void *ctx);
/* Close the store (if open) and remove the database: the file with its -wal and -shm,
 * or DROP DATABASE. */
void testdb_close(TestDb *t);
/* Run sql with the text parameters params[0..n-1] ($1..$n) over a separate connection;
 * the rows it changed, -1 on error (printed). */
int64_t testdb_exec(TestDb *t, const char *sql, int n, const char *const *params);
/* The first column of the first row of sql, an integer, read over a separate connection
 * (so no cache of the store can hide anything); -1 on error (printed) or no row. */
int64_t testdb_int(TestDb *t, const char *sql);
/* The names of the tables in the database, sorted and comma-separated, into out. */
void testdb_tables(TestDb *t, char *out, size_t size);
/* Dispatch method target on app; the caller frees res. */
void testweb_call(WebApp *app, const char *method, const char *target, WebResponse *res);
/* POST target on app with the name/value pairs that follow (NULL-terminated), urlencoded
 * as a browser sends a form; the caller frees res. */
void testweb_post(WebApp *app, const char *target, WebResponse *res, ...);

#endif
