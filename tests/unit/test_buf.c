/* test_buf.c: a buffer's maximum answers instead of ending pok: the write is refused,
 * the buffer stays failed until reset, a page over its maximum becomes a 500 page, and
 * the command line reports a failed buffer instead of writing half a file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cli/cli.h"
#include "web/route.h"

#include "support/testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_max_refuses(void **state)
{
    (void)state;
    Buf b = {.max = 16};
    assert_int_equal(buf_puts(&b, "0123456789"), 0);
    assert_int_equal(buf_failed(&b), 0);
    /* 10 + 6 + NUL would be 17 bytes: refused, nothing appended */
    assert_int_equal(buf_puts(&b, "abcdef"), -1);
    assert_int_equal(buf_failed(&b), 1);
    assert_string_equal(b.data, "0123456789");
    /* once failed, a write that would fit is refused too: no half content */
    assert_int_equal(buf_puts(&b, "x"), -1);
    assert_int_equal(buf_printf(&b, "%d", 1), -1);
    assert_string_equal(b.data, "0123456789");
    PokErr err = {0};
    assert_int_equal(buf_check(&b, "de export", &err), -1);
    assert_non_null(strstr(err.msg, "de export werd groter dan"));
    buf_reset(&b);
    assert_int_equal(buf_failed(&b), 0);
    assert_int_equal(buf_printf(&b, "%s", "abc"), 0);
    assert_string_equal(b.data, "abc");
    buf_free(&b);
    /* without a maximum of its own, a buffer takes up to BUF_MAX */
    Buf big = {0};
    assert_int_equal(buf_append(&big, "x", 1), 0);
    assert_int_equal(buf_check(&big, "x", &err), 0);
    buf_free(&big);
}

/* A page that goes over the response's maximum is a 500 page, and pok goes on. */
static void test_page_over_max(void **state)
{
    (void)state;
    TestDb db;
    assert_int_equal(testdb_open_demo(&db, "buf", NULL, NULL), 0);
    WebRequest req;
    WebResponse res;
    web_request_init(&req, "GET", "/gemeente/GM1734");
    web_response_init(&res);
    res.body.max = 4096; /* the page is larger, the error page smaller */
    route_dispatch(NULL, &db.app, &req, &res);
    assert_int_equal(res.status, 500);
    assert_non_null(strstr(res.body.data, "te groot"));
    assert_int_equal(buf_failed(&res.body), 0);
    web_request_free(&req);
    web_response_free(&res);
    /* the next request is answered as usual */
    testweb_call(&db.app, "GET", "/gemeente/GM1734", &res);
    assert_int_equal(res.status, 200);
    web_response_free(&res);
    testdb_close(&db);
}

/* The command line writes no file from a failed buffer. */
static void test_cli_write_refuses_failed(void **state)
{
    (void)state;
    char path[] = "/tmp/pok_test_buf_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    Buf b = {.max = 8};
    buf_puts(&b, "een te lange tekst");
    PokErr err = {0};
    assert_int_equal(cli_write_file("out", path, &b, &err), -1);
    assert_int_equal(access(path, F_OK), -1);
    buf_reset(&b);
    buf_puts(&b, "kort");
    assert_int_equal(cli_write_file("out", path, &b, &err), 0);
    assert_int_equal(access(path, F_OK), 0);
    unlink(path);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_max_refuses),
        cmocka_unit_test(test_page_over_max),
        cmocka_unit_test(test_cli_write_refuses_failed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
