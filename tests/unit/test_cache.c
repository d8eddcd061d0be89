/* test_cache.c: the response cache of pok serve (src/web/cache.h) and the data version
 * it relies on (store_data_version): no sockets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "store/store.h"
#include "store/store_reference.h"
#include "support/testdb.h"
#include "web/cache.h"
#include "web/store_pool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int n_freed;
static void count_free(void *handle)
{
    n_freed++;
    free(handle);
}

static char *handle(const char *text)
{
    char *h = malloc(strlen(text) + 1);
    strcpy(h, text);
    return h;
}

static void key_of(Buf *key, const char *method, const char *target)
{
    WebRequest req;
    web_request_init(&req, method, target);
    web_cache_key_request(key, &req);
    web_request_free(&req);
}

static void test_keys(void **state)
{
    Buf a = {0}, b = {0};
    key_of(&a, "GET", "/?q=wijhe");
    assert_string_equal(a.data, "3:GET1:/1:q5:wijhe"); /* every part with its length */
    key_of(&a, "GET", "/gemeente/GM1734");
    key_of(&b, "HEAD", "/gemeente/GM1734");
    assert_string_equal(a.data, b.data); /* HEAD is answered like GET */
    key_of(&b, "GET", "/gemeente/GM1773");
    assert_string_not_equal(a.data, b.data);
    key_of(&a, "GET", "/?q=a%26b");
    key_of(&b, "GET", "/?q=a&b");
    assert_string_not_equal(a.data, b.data); /* "a&b" is not "a" and "b" */
    key_of(&a, "GET", "/?a=1&b=2");
    key_of(&b, "GET", "/?b=2&a=1");
    assert_string_not_equal(a.data, b.data);
    key_of(&a, "GET", "/");
    key_of(&b, "GET", "/?");
    assert_string_equal(a.data, b.data);
    key_of(&b, "POST", "/");
    assert_string_not_equal(a.data, b.data);
    buf_free(&a);
    buf_free(&b);
}

static void test_what_is_cached(void **state)
{
    assert_true(web_cache_request_ok("GET", 0));
    assert_true(web_cache_request_ok("HEAD", 0));
    assert_false(web_cache_request_ok("POST", 0));
    assert_false(web_cache_request_ok("GET", 1)); /* a cookie or authorization */
    WebResponse res;
    web_response_init(&res);
    buf_puts(&res.body, "<p>x</p>");
    assert_true(web_cache_response_ok(&res));
    web_header_set(&res, "Cache-Control", "public, max-age=300");
    assert_true(web_cache_response_ok(&res));
    web_header_set(&res, "Cache-Control", "no-store");
    assert_false(web_cache_response_ok(&res));
    web_header_set(&res, "Cache-Control", "Private, max-age=0");
    assert_false(web_cache_response_ok(&res));
    web_response_free(&res);
    web_response_init(&res);
    web_header_set(&res, "Set-Cookie", "s=1");
    assert_false(web_cache_response_ok(&res));
    web_response_free(&res);
    web_response_init(&res);
    res.status = 404;
    assert_false(web_cache_response_ok(&res));
    res.status = 303;
    assert_false(web_cache_response_ok(&res));
    web_response_free(&res);
}

static void test_get_put_version(void **state)
{
    n_freed = 0;
    WebCache *c = web_cache_new(4, 1000, count_free);
    Buf k1 = {0}, k2 = {0};
    key_of(&k1, "GET", "/gemeente/GM1734");
    key_of(&k2, "GET", "/gemeente/GM1773");
    StoreDataVersion v1 = {5, 10}, v2 = {5, 11}, v3 = {6, 11};
    assert_null(web_cache_get(c, &k1, &v1));
    web_cache_put(c, &k1, &v1, handle("overbetuwe"), 10);
    web_cache_put(c, &k2, &v1, handle("olst-wijhe"), 10);
    assert_int_equal(web_cache_count(c), 2);
    assert_string_equal(web_cache_get(c, &k1, &v1), "overbetuwe");
    assert_string_equal(web_cache_get(c, &k2, &v1), "olst-wijhe");
    assert_int_equal(web_cache_hits(c), 2);
    assert_int_equal(web_cache_misses(c), 1);
    /* The same key again keeps the first and frees the second. */
    web_cache_put(c, &k1, &v1, handle("again"), 10);
    assert_int_equal(n_freed, 1);
    assert_string_equal(web_cache_get(c, &k1, &v1), "overbetuwe");
    /* An own write (v2) empties the cache, and so does another process's commit (v3). */
    assert_null(web_cache_get(c, &k1, &v2));
    assert_int_equal(web_cache_count(c), 0);
    assert_int_equal(n_freed, 3);
    web_cache_put(c, &k1, &v2, handle("new"), 10);
    assert_string_equal(web_cache_get(c, &k1, &v2), "new");
    assert_null(web_cache_get(c, &k1, &v3));
    assert_int_equal(n_freed, 4);
    /* A put made at an older version than the cache's is for that version only. */
    web_cache_put(c, &k1, &v1, handle("old"), 10);
    assert_null(web_cache_get(c, &k1, &v3));
    web_cache_clear(c);
    assert_int_equal(web_cache_count(c), 0);
    web_cache_free(c);
    assert_int_equal(n_freed, 5);
    buf_free(&k1);
    buf_free(&k2);
}

static void test_limits(void **state)
{
    n_freed = 0;
    WebCache *c = web_cache_new(3, 100, count_free);
    StoreDataVersion v = {1, 1};
    Buf k = {0};
    char path[32];
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "/p%d", i);
        key_of(&k, "GET", path);
        web_cache_put(c, &k, &v, handle(path), 10);
    }
    assert_int_equal(web_cache_count(c), 3);
    key_of(&k, "GET", "/p3"); /* full: emptied, then kept */
    web_cache_put(c, &k, &v, handle("/p3"), 10);
    assert_int_equal(web_cache_count(c), 1);
    assert_int_equal(n_freed, 3);
    assert_string_equal(web_cache_get(c, &k, &v), "/p3");
    key_of(&k, "GET", "/big"); /* larger than the cache: not kept */
    web_cache_put(c, &k, &v, handle("/big"), 101);
    assert_null(web_cache_get(c, &k, &v));
    assert_int_equal(n_freed, 4);
    key_of(&k, "GET", "/fill"); /* 10 + 95 > 100 bytes: emptied first */
    web_cache_put(c, &k, &v, handle("/fill"), 95);
    assert_int_equal(web_cache_count(c), 1);
    assert_string_equal(web_cache_get(c, &k, &v), "/fill");
    web_cache_free(c);
    assert_int_equal(n_freed, 6);
    buf_free(&k);
}

static int same(const StoreDataVersion *a, const StoreDataVersion *b)
{
    return a->others == b->others && a->own == b->own;
}

/* Every write, through this store or another connection, gives another version. */
static void test_data_version(void **state)
{
    TestDb db;
    PokErr err = {0};
    if (testdb_open(&db, "cache", &err)) fail_msg("%s", err.msg);
    Store *s = db.s;
    StoreDataVersion v0, v1, v2, v3;
    assert_int_equal(store_data_version(s, &v0, &err), 0);
    assert_int_equal(store_data_version(s, &v1, &err), 0);
    assert_true(same(&v0, &v1)); /* nothing changed */
    Municipality m = {.code = "GM1734", .name = "Overbetuwe", .province = "Gelderland"};
    assert_int_equal(store_municipality_put(s, &m, &err), 0);
    assert_int_equal(store_data_version(s, &v2, &err), 0);
    assert_false(same(&v1, &v2));     /* an own write */
    if (store_versions_comparable(s)) /* PostgreSQL: the version row moved */
        assert_true(v2.own == 0 && v2.others > v1.others);
    else
        assert_true(v2.own > v1.own);

    Store *other = store_open(db.url, 0, &err); /* as another process would */
    assert_non_null(other);
    Municipality m2 = {.code = "GM1773", .name = "Olst-Wijhe", .province = "Overijssel"};
    assert_int_equal(store_municipality_put(other, &m2, &err), 0);
    assert_int_equal(store_data_version(s, &v3, &err), 0);
    assert_false(same(&v2, &v3)); /* another connection's commit */
    assert_int_equal(v3.own, v2.own);
    assert_true(v3.others != v2.others);
    store_close(other);
    testdb_close(&db);
}

/* pok serve's pool: a slot per request thread, and one version for all of them, which a
 * write through any slot (or another process) changes, on either backend. */
static void test_pool_version(void **state)
{
    (void)state;
    TestDb db;
    PokErr err = {0};
    if (testdb_open(&db, "pool", &err)) fail_msg("%s", err.msg);
    StorePool *p = store_pool_open(db.s, db.url, 3, &err);
    assert_non_null(p);
    assert_int_equal(store_pool_size(p), 3);
    StoreSlot *a = store_pool_take(p), *b = store_pool_take(p), *c = store_pool_take(p);
    assert_true(a != b && b != c && a != c); /* held slots are not handed out again */
    assert_true(a->store != b->store && b->store != c->store);
    StoreDataVersion va, vb, vc;
    assert_int_equal(store_pool_version(p, a, &va, &err), 0);
    assert_int_equal(store_pool_version(p, b, &vb, &err), 0);
    assert_true(same(&va, &vb)); /* the same token through every slot */
    Municipality m = {.code = "GM1734", .name = "Overbetuwe", .province = "Gelderland"};
    assert_int_equal(store_municipality_put(b->store, &m, &err), 0);
    assert_int_equal(store_pool_version(p, a, &va, &err), 0);
    assert_int_equal(store_pool_version(p, c, &vc, &err), 0);
    assert_false(same(&va, &vb)); /* b's write, seen through a */
    assert_true(same(&va, &vc));
    Store *other = store_open(db.url, 0, &err); /* another process */
    assert_non_null(other);
    Municipality m2 = {.code = "GM1773", .name = "Olst-Wijhe", .province = "Overijssel"};
    assert_int_equal(store_municipality_put(other, &m2, &err), 0);
    store_close(other);
    assert_int_equal(store_pool_version(p, c, &vb, &err), 0);
    assert_false(same(&va, &vb));
    store_pool_give(a);
    store_pool_give(b);
    store_pool_give(c);
    store_pool_close(p);
    testdb_close(&db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_what_is_cached),
        cmocka_unit_test(test_get_put_version),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_data_version),
        cmocka_unit_test(test_pool_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
