/* testdb.h: shared fixture for the unit tests: a temporary SQLite database (optionally
 * with the demo loaded) and dispatching a request through route_dispatch. */
#ifndef POK_TESTDB_H
#define POK_TESTDB_H

#include "store/store.h"
#include "web/route.h"

typedef struct TestDb {
    char path[64];
    Store *s;
    WebApp app; /* app.store is s */
} TestDb;

/* Extra fixture work run inside the demo-loading transaction; 0 on success. */
typedef int (*TestDbExtra)(void *ctx, PokErr *err);

/* Create /tmp/pok_test_<name>_XXXXXX and open a store on it; 0 on success, prints
 * "setup: ..." on failure. */
int testdb_open(TestDb *t, const char *name, PokErr *err);
/* testdb_open, then load the demo (and run extra(ctx), if given) in one transaction. */
int testdb_open_demo(TestDb *t, const char *name, TestDbExtra extra, void *ctx);
/* Close the store and remove the file with its -wal and -shm. */
void testdb_close(TestDb *t);
/* Dispatch method target on app; the caller frees res. */
void testweb_call(WebApp *app, const char *method, const char *target, WebResponse *res);

#endif
