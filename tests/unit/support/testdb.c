/* testdb.c: see testdb.h. */
#include "testdb.h"

#include "demo/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int testdb_open(TestDb *t, const char *name, PokErr *err)
{
    snprintf(t->path, sizeof t->path, "/tmp/pok_test_%s_XXXXXX", name);
    int fd = mkstemp(t->path);
    if (fd < 0) return -1;
    close(fd);
    t->s = store_open(t->path, 1, err);
    if (!t->s) return -1;
    t->app.store = t->s;
    return 0;
}

int testdb_open_demo(TestDb *t, const char *name, TestDbExtra extra, void *ctx)
{
    PokErr err = {{0}};
    DemoSummary sum = {0};
    if (testdb_open(t, name, &err) || store_begin(t->s, &err) || demo_load(t->s, &sum, &err) ||
        (extra && extra(ctx, &err)) || store_commit(t->s, &err)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    return 0;
}

void testdb_close(TestDb *t)
{
    store_close(t->s);
    t->s = NULL;
    char extra[80];
    unlink(t->path);
    snprintf(extra, sizeof extra, "%s-wal", t->path);
    unlink(extra);
    snprintf(extra, sizeof extra, "%s-shm", t->path);
    unlink(extra);
}

void testweb_call(WebApp *app, const char *method, const char *target, WebResponse *res)
{
    WebRequest req;
    web_request_init(&req, method, target);
    web_response_init(res);
    route_dispatch(NULL, app, &req, res);
    web_request_free(&req);
}
