/* testdb.c: see testdb.h. Test support may speak to the databases directly (sqlite3,
 * libpq): it checks the store from outside. */
#include "testdb.h"

#include "store/db_sqlite.h"

#include "demo/demo.h"
#include "store/store.h"
#include "web/html.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int testdb_is_pg(void)
{
    const char *url = getenv("POK_TEST_PG");
    return url && *url;
}

/* url with its database name replaced by name: postgresql://u@h:p/db?x -> .../name?x */
static int pg_url_with_db(const char *url, const char *name, char *out, size_t size)
{
    const char *auth = strstr(url, "://");
    if (!auth) return -1;
    auth += 3;
    size_t host_len = strcspn(auth, "/?");
    const char *rest = auth + host_len;
    const char *query = strchr(rest, '?');
    int n = snprintf(out, size, "%.*s/%s%s", (int)(auth + host_len - url), url, name,
                     query ? query : "");
    return n > 0 && (size_t)n < size ? 0 : -1;
}

/* Run one statement on the maintenance database; 0 on success, prints on failure. */
static int pg_admin(const char *sql)
{
    PGconn *c = PQconnectdb(getenv("POK_TEST_PG"));
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "setup: cannot connect to POK_TEST_PG: %s", PQerrorMessage(c));
        PQfinish(c);
        return -1;
    }
    PGresult *r = PQexec(c, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) fprintf(stderr, "setup: %s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
    return ok ? 0 : -1;
}

int testdb_create(TestDb *t, const char *name)
{
    /* all of it, the WebApp too: a caller may declare the TestDb on the stack */
    memset(t, 0, sizeof *t);
    if (testdb_is_pg()) {
        static int counter;
        char sql[128];
        snprintf(t->pg_name, sizeof t->pg_name, "pok_t_%ld_%d", (long)getpid(), ++counter);
        if (pg_url_with_db(getenv("POK_TEST_PG"), t->pg_name, t->url, sizeof t->url)) {
            fprintf(stderr, "setup: POK_TEST_PG is not a postgresql://... URL\n");
            return -1;
        }
        /* FILE_COPY: copying template1's files is quicker than WAL_LOG for a database
         * this small */
        snprintf(sql, sizeof sql, "CREATE DATABASE %s STRATEGY FILE_COPY", t->pg_name);
        if (pg_admin(sql)) {
            t->pg_name[0] = '\0';
            return -1;
        }
        return 0;
    }
    snprintf(t->path, sizeof t->path, "/tmp/pok_test_%s_XXXXXX", name);
    int fd = mkstemp(t->path);
    if (fd < 0) {
        perror("setup: mkstemp");
        return -1;
    }
    close(fd);
    unlink(t->path); /* store_open creates it */
    snprintf(t->url, sizeof t->url, "%s", t->path);
    return 0;
}

int testdb_open(TestDb *t, const char *name, PokErr *err)
{
    if (testdb_create(t, name)) return -1;
    t->s = store_open(t->url, 1, err);
    if (!t->s) {
        fprintf(stderr, "setup: %s\n", err->msg);
        testdb_close(t);
        return -1;
    }
    t->app.store = t->s;
    return 0;
}

int testdb_open_demo(TestDb *t, const char *name, TestDbExtra extra, void *ctx)
{
    PokErr err = {0};
    DemoSummary sum = {0};
    if (testdb_open(t, name, &err)) return -1;
    if (store_begin(t->s, &err) || demo_load(t->s, &sum, &err) || (extra && extra(ctx, &err)) ||
        store_commit(t->s, &err)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        testdb_close(t);
        return -1;
    }
    return 0;
}

void testdb_close(TestDb *t)
{
    if (t->s) store_close(t->s);
    t->s = NULL;
    t->app.store = NULL;
    if (t->pg_name[0]) {
        char sql[128];
        /* FORCE: a connection a failed test left open must not keep the database */
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", t->pg_name);
        pg_admin(sql);
        t->pg_name[0] = '\0';
        return;
    }
    if (!t->path[0]) return;
    char extra[80];
    unlink(t->path);
    snprintf(extra, sizeof extra, "%s-wal", t->path);
    unlink(extra);
    snprintf(extra, sizeof extra, "%s-shm", t->path);
    unlink(extra);
}

/* ---- looking behind the store's back ---- */

/* Run sql on PostgreSQL; the result (caller clears) or NULL after printing the error. */
static PGresult *pg_run(TestDb *t, const char *sql, int n, const char *const *params)
{
    PGconn *c = PQconnectdb(t->url);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "testdb: cannot connect to %s: %s", t->url, PQerrorMessage(c));
        PQfinish(c);
        return NULL;
    }
    PGresult *r = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        fprintf(stderr, "testdb: %s: %s", sql, PQerrorMessage(c));
        PQclear(r);
        r = NULL;
    }
    PQfinish(c);
    return r;
}

/* Prepare sql on a new SQLite connection with the text parameters bound; NULL after
 * printing the error. */
static sqlite3_stmt *sq_run(TestDb *t, sqlite3 **db, const char *sql, int n,
                            const char *const *params)
{
    sqlite3_stmt *st = NULL;
    /* the search index's tokenizer, which the triggers on measure and evaluation use */
    if (sqlite3_open_v2(t->path, db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        db_sqlite_register_fts(*db) || sqlite3_prepare_v2(*db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "testdb: %s: %s\n", sql, sqlite3_errmsg(*db));
        sqlite3_close(*db);
        return NULL;
    }
    sqlite3_busy_timeout(*db, 5000);
    for (int i = 0; i < n; i++) {
        char name[16];
        snprintf(name, sizeof name, "$%d", i + 1);
        sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, name), params[i], -1,
                          SQLITE_TRANSIENT);
    }
    return st;
}

int64_t testdb_exec(TestDb *t, const char *sql, int n, const char *const *params)
{
    if (t->pg_name[0]) {
        PGresult *r = pg_run(t, sql, n, params);
        if (!r) return -1;
        int64_t changed = strtoll(PQcmdTuples(r), NULL, 10);
        PQclear(r);
        return changed;
    }
    sqlite3 *db;
    sqlite3_stmt *st = sq_run(t, &db, sql, n, params);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
    int64_t changed = rc == SQLITE_DONE ? sqlite3_changes(db) : -1;
    if (rc != SQLITE_DONE) fprintf(stderr, "testdb: %s: %s\n", sql, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return changed;
}

int64_t testdb_int(TestDb *t, const char *sql)
{
    int64_t v = -1;
    if (t->pg_name[0]) {
        PGresult *r = pg_run(t, sql, 0, NULL);
        if (!r) return -1;
        if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0)) v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        PQclear(r);
        return v;
    }
    sqlite3 *db;
    sqlite3_stmt *st = sq_run(t, &db, sql, 0, NULL);
    if (!st) return -1;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

void testdb_tables(TestDb *t, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
#define ADD(name)                                                                                  \
    do {                                                                                           \
        int w = snprintf(out + used, size - used, "%s%s", used ? "," : "", (name));                \
        if (w > 0 && (size_t)w < size - used) used += (size_t)w;                                   \
    } while (0)
    if (t->pg_name[0]) {
        PGresult *r = pg_run(t,
                             "SELECT table_name FROM information_schema.tables"
                             " WHERE table_schema = 'public' ORDER BY 1",
                             0, NULL);
        if (!r) return;
        for (int i = 0; i < PQntuples(r); i++) ADD(PQgetvalue(r, i, 0));
        PQclear(r);
        return;
    }
    sqlite3 *db;
    sqlite3_stmt *st =
        sq_run(t, &db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1", 0, NULL);
    if (!st) return;
    while (sqlite3_step(st) == SQLITE_ROW) ADD((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
#undef ADD
}

void testweb_call(WebApp *app, const char *method, const char *target, WebResponse *res)
{
    WebRequest req;
    web_request_init(&req, method, target);
    web_response_init(res);
    route_dispatch(NULL, app, &req, res);
    web_request_free(&req);
}

void testweb_post(WebApp *app, const char *target, WebResponse *res, ...)
{
    Buf body = {0};
    va_list ap;
    va_start(ap, res);
    for (const char *name; (name = va_arg(ap, const char *)) != NULL;) {
        const char *value = va_arg(ap, const char *);
        if (body.len) buf_puts(&body, "&");
        html_url_arg(&body, name);
        buf_puts(&body, "=");
        html_url_arg(&body, value);
    }
    va_end(ap);
    WebRequest req;
    web_request_init(&req, "POST", target);
    req.content_type = "application/x-www-form-urlencoded";
    if (web_params_parse(&req, &req.form, body.data ? body.data : "", body.len) != 0) {
        fprintf(stderr, "testweb_post: the form of %s does not parse\n", target);
        abort();
    }
    web_response_init(res);
    route_dispatch(NULL, app, &req, res);
    web_request_free(&req);
    buf_free(&body);
}
