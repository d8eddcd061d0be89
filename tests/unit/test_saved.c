/* test_saved.c: after a save the user goes back where they were (a local path only) and
 * that page says once what was saved (saved.c), through route_dispatch on the demo. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "store/store_records.h"
#include "store/store_reference.h"
#include "web/saved.h"

#include "support/testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct TestSaved {
    TestDb db;
    char source_id[24];
} TestSaved;

static int saved_setup(void **state)
{
    TestSaved *t = calloc(1, sizeof *t);
    if (!t || testdb_open_demo(&t->db, "saved", NULL, NULL)) return -1;
    PokErr err = {0};
    Arena a = {0};
    Source *src;
    size_t n;
    if (store_source_list(t->db.s, "GM1734", &a, &src, &n, &err) || n == 0) return -1;
    snprintf(t->source_id, sizeof t->source_id, "%lld", (long long)src[n - 1].id);
    arena_free(&a);
    *state = t;
    return 0;
}

static int saved_teardown(void **state)
{
    TestSaved *t = *state;
    testdb_close(&t->db);
    free(t);
    return 0;
}

/* The confirmed allocation of actielijn 3, 2025, € 12.000 with way back terug (NULL:
 * none). */
static void post_allocation(TestSaved *t, const char *terug, WebResponse *res)
{
    if (terug)
        testweb_post(&t->db.app, "/gemeente/GM1734/toekenning/nieuw", res, "actielijn", "3", "jaar",
                     "2025", "bedrag", "12.000", "bron", t->source_id, "plaats", "", "confirm", "1",
                     "terug", terug, NULL);
    else
        testweb_post(&t->db.app, "/gemeente/GM1734/toekenning/nieuw", res, "actielijn", "3", "jaar",
                     "2025", "bedrag", "12.000", "bron", t->source_id, "plaats", "", "confirm", "1",
                     NULL);
}

/* GET target with the Cookie and Referer headers given (either may be NULL). */
static void get_with(TestSaved *t, const char *method, const char *target, const char *cookie,
                     const char *referer, WebResponse *res)
{
    WebRequest req;
    web_request_init(&req, method, target);
    req.cookie = cookie;
    req.referer = referer;
    req.host = "127.0.0.1:8080";
    web_response_init(res);
    route_dispatch(NULL, &t->db.app, &req, res);
    web_request_free(&req);
}

/* The Set-Cookie header of res that sets pok_bericht, or NULL. */
static const char *message_cookie(const WebResponse *res)
{
    for (size_t i = 0; i < res->n_headers; i++)
        if (strcasecmp(res->headers[i].name, "Set-Cookie") == 0 &&
            strncmp(res->headers[i].value, SAVED_COOKIE "=", strlen(SAVED_COOKIE) + 1) == 0)
            return res->headers[i].value;
    return NULL;
}

static void test_path_ok(void **state)
{
    (void)state;
    assert_true(saved_path_ok("/"));
    assert_true(saved_path_ok("/gemeente/GM1734"));
    assert_true(saved_path_ok("/gemeente/GM1734/wijzigingen?van=2024-01-01&tot=2024-12-31"));
    const char *bad[] = {NULL,         "",         "//evil",  "https://evil",
                         "/\\evil",    "\\\\evil", "evil",    "/a b",
                         "/a\r\nX: y", "/a\\b",    "http:/x", "javascript:alert(1)"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (saved_path_ok(bad[i])) fail_msg("'%s' accepted as a way back", bad[i]);
    char long_path[1100];
    memset(long_path, 'a', sizeof long_path - 1);
    long_path[0] = '/';
    long_path[sizeof long_path - 1] = '\0';
    assert_false(saved_path_ok(long_path));
}

/* Saved: 303 to where the form was opened from, with the message in a cookie; the page
 * shows it once as a status message and clears the cookie. */
static void test_back_with_message_once(void **state)
{
    TestSaved *t = *state;
    WebResponse res;
    post_allocation(t, "/gemeente/GM1734/maatregelen", &res);
    assert_int_equal(res.status, 303);
    assert_string_equal(web_header(&res, "Location"), "/gemeente/GM1734/maatregelen");
    const char *set = message_cookie(&res);
    assert_non_null(set);
    assert_non_null(strstr(set, "HttpOnly"));
    assert_non_null(strstr(set, "SameSite=Strict"));
    assert_non_null(strstr(set, "Max-Age=60"));
    /* the cookie as the browser sends it back */
    char cookie[1024];
    snprintf(cookie, sizeof cookie, "%.*s", (int)strcspn(set, ";"), set);
    web_response_free(&res);

    get_with(t, "GET", "/gemeente/GM1734/maatregelen", cookie, NULL, &res);
    assert_int_equal(res.status, 200);
    const char *body = res.body.data;
    const char *status = strstr(body, "role=\"status\"");
    assert_non_null(status);
    assert_non_null(strstr(status, "Toekenning actielijn 3, 2025 opgeslagen: € 12.000"));
    /* shown once: the answer clears the cookie and is not to be kept */
    const char *cleared = message_cookie(&res);
    assert_non_null(cleared);
    assert_non_null(strstr(cleared, "Max-Age=0"));
    assert_string_equal(web_header(&res, "Cache-Control"), "no-store");
    web_response_free(&res);

    /* without the cookie (the browser dropped it) the page has no message */
    get_with(t, "GET", "/gemeente/GM1734/maatregelen", NULL, NULL, &res);
    assert_null(strstr(res.body.data, "role=\"status\""));
    assert_null(message_cookie(&res));
    web_response_free(&res);

    /* a HEAD shows nobody the page: the message is kept for the GET */
    get_with(t, "HEAD", "/gemeente/GM1734/maatregelen", cookie, NULL, &res);
    assert_null(message_cookie(&res));
    web_response_free(&res);
}

/* A way back to another site is never followed: the form's own page is used instead. */
static void test_evil_way_back_refused(void **state)
{
    TestSaved *t = *state;
    const char *evil[] = {"//evil.example/x", "https://evil.example/", "/\\evil.example",
                          "evil.example"};
    for (size_t i = 0; i < sizeof evil / sizeof evil[0]; i++) {
        WebResponse res;
        post_allocation(t, evil[i], &res);
        assert_int_equal(res.status, 303);
        assert_string_equal(web_header(&res, "Location"), "/gemeente/GM1734");
        web_response_free(&res);
    }
    /* without any way back: the municipality page as before */
    WebResponse res;
    post_allocation(t, NULL, &res);
    assert_string_equal(web_header(&res, "Location"), "/gemeente/GM1734");
    web_response_free(&res);
}

/* The form carries the way back it was opened from: ?terug= or the Referer of pok's own
 * host; a Referer of another host or a bad ?terug= adds none. */
static void test_form_carries_way_back(void **state)
{
    TestSaved *t = *state;
    WebResponse res;
    get_with(t, "GET", "/gemeente/GM1734/toekenning/nieuw", NULL,
             "http://127.0.0.1:8080/gemeente/GM1734/besluiten?x=1", &res);
    assert_non_null(strstr(res.body.data, "<input type=\"hidden\" name=\"terug\" "
                                          "value=\"/gemeente/GM1734/besluiten?x=1\">"));
    web_response_free(&res);
    get_with(t, "GET", "/gemeente/GM1734/toekenning/nieuw?terug=%2Fgemeente%2FGM1734%2Freserve",
             NULL, "http://127.0.0.1:8080/", &res);
    assert_non_null(strstr(res.body.data, "name=\"terug\" value=\"/gemeente/GM1734/reserve\""));
    web_response_free(&res);
    get_with(t, "GET", "/gemeente/GM1734/toekenning/nieuw", NULL, "http://evil.example/gemeente",
             &res);
    assert_null(strstr(res.body.data, "name=\"terug\""));
    web_response_free(&res);
    get_with(t, "GET", "/gemeente/GM1734/toekenning/nieuw?terug=%2F%2Fevil", NULL, NULL, &res);
    assert_null(strstr(res.body.data, "name=\"terug\""));
    web_response_free(&res);

    /* the confirmation step keeps it, once */
    testweb_post(&t->db.app, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "3", "jaar",
                 "2025", "bedrag", "12.000", "bron", t->source_id, "plaats", "", "terug",
                 "/gemeente/GM1734/besluiten", NULL);
    assert_int_equal(res.status, 200);
    const char *field = "name=\"terug\" value=\"/gemeente/GM1734/besluiten\"";
    const char *first = strstr(res.body.data, field);
    assert_non_null(first);
    assert_null(strstr(first + 1, field));
    web_response_free(&res);
}

/* A cookie that is not valid text is cleared and shows nothing. */
static void test_bad_cookie_cleared(void **state)
{
    TestSaved *t = *state;
    WebResponse res;
    get_with(t, "GET", "/gemeente/GM1734", SAVED_COOKIE "=%FF%FE", NULL, &res);
    assert_int_equal(res.status, 200);
    assert_null(strstr(res.body.data, "role=\"status\""));
    assert_non_null(message_cookie(&res));
    web_response_free(&res);
    /* escaped like any text */
    get_with(t, "GET", "/gemeente/GM1734", SAVED_COOKIE "=%3Cb%3Ex%3C%2Fb%3E", NULL, &res);
    assert_non_null(strstr(res.body.data, "<p>&lt;b&gt;x&lt;/b&gt;</p>"));
    web_response_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_ok),
        cmocka_unit_test_setup_teardown(test_back_with_message_once, saved_setup, saved_teardown),
        cmocka_unit_test_setup_teardown(test_evil_way_back_refused, saved_setup, saved_teardown),
        cmocka_unit_test_setup_teardown(test_form_carries_way_back, saved_setup, saved_teardown),
        cmocka_unit_test_setup_teardown(test_bad_cookie_cleared, saved_setup, saved_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
