/* test_web.c: the pages and API of pok serve, called through route_dispatch on a
 * temporary database with the demo loaded: no sockets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "demo/demo.h"
#include "store/store_reference.h"
#include "web/route.h"

#include "support/testdb.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char script[] = "<script>alert(1)</script>";
static const char script_escaped[] = "&lt;script&gt;alert(1)&lt;/script&gt;";

typedef struct TestWeb {
    TestDb db;
} TestWeb;

/* A municipality whose name and province hold markup. */
static int add_evil(void *ctx, PokErr *err)
{
    TestWeb *t = ctx;
    Municipality evil = {.code = "GM9990", .name = script, .province = "\" onmouseover=\"x"};
    return store_municipality_put(t->db.s, &evil, err);
}

static int web_setup(void **state)
{
    TestWeb *t = calloc(1, sizeof *t);
    if (!t) return -1;
    if (testdb_open_demo(&t->db, "web", add_evil, t)) return -1;
    *state = t;
    return 0;
}

static int web_teardown(void **state)
{
    TestWeb *t = *state;
    testdb_close(&t->db);
    free(t);
    return 0;
}

/* Dispatch method target; the caller frees res. */
static void call(TestWeb *t, const char *method, const char *target, WebResponse *res)
{
    testweb_call(&t->db.app, method, target, res);
}

#define assert_contains(res, text)                                                                 \
    do {                                                                                           \
        if (!strstr((res)->body.data ? (res)->body.data : "", (text)))                             \
            fail_msg("'%s' not in the body:\n%.2000s", (text), (res)->body.data);                  \
    } while (0)
#define assert_lacks(res, text)                                                                    \
    do {                                                                                           \
        if (strstr((res)->body.data ? (res)->body.data : "", (text)))                              \
            fail_msg("'%s' unexpectedly in the body", (text));                                     \
    } while (0)

static void assert_secure(const WebResponse *res)
{
    assert_non_null(web_header(res, "Content-Security-Policy"));
    assert_string_equal(web_header(res, "Content-Security-Policy"), WEB_CSP);
    assert_string_equal(web_header(res, "X-Content-Type-Options"), "nosniff");
}

static void test_start_page(void **state)
{
    WebResponse res;
    call(*state, "GET", "/", &res);
    assert_int_equal(res.status, 200);
    assert_secure(&res);
    assert_contains(&res, "<!DOCTYPE html>");
    assert_contains(&res, "<html lang=\"nl\">");
    assert_contains(&res, "<a href=\"/gemeente/GM1734\">Overbetuwe</a>");
    assert_lacks(&res, "<script");
    /* only the municipalities with figures, and a way to all of them */
    assert_contains(&res, "Gemeenten met gegevens (4)");
    assert_lacks(&res, "Neder-Betuwe");
    assert_contains(&res, "<a href=\"/?gegevens=alle\">Toon alle");
    web_response_free(&res);
}

static void test_start_page_search(void **state)
{
    WebResponse res;
    call(*state, "GET", "/?q=wijhe", &res);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "GM1773");
    assert_contains(&res, "1 gemeente gevonden");
    assert_lacks(&res, "Overbetuwe");
    web_response_free(&res);
    call(*state, "GET", "/?q=GM1734", &res);
    assert_contains(&res, "Overbetuwe");
    assert_lacks(&res, "Olst-Wijhe");
    web_response_free(&res);
}

static void test_municipality_page(void **state)
{
    WebResponse res;
    call(*state, "GET", "/gemeente/GM1734", &res);
    assert_int_equal(res.status, 200);
    assert_secure(&res);
    assert_string_equal(res.content_type, "text/html; charset=utf-8");
    assert_contains(&res, "Onttrekking uit reserve");
    assert_contains(&res, "€ 224.500");
    assert_contains(&res, "€ 180.000");
    assert_contains(&res, "Reserve op 31 december");
    /* the checks, with their source */
    assert_contains(&res, "zonder bestemming");
    assert_contains(&res, "€ 596.437");
    assert_contains(&res, "Bron: Raadsvoorstel");
    web_response_free(&res);
}

static void test_not_found_and_method(void **state)
{
    WebResponse res;
    call(*state, "GET", "/gemeente/GM9999", &res);
    assert_int_equal(res.status, 404);
    assert_secure(&res);
    assert_contains(&res, "GM9999");
    web_response_free(&res);
    call(*state, "GET", "/bestaat-niet", &res);
    assert_int_equal(res.status, 404);
    assert_secure(&res);
    web_response_free(&res);
    call(*state, "GET", "/gemeente/", &res);
    assert_int_equal(res.status, 404);
    web_response_free(&res);
    call(*state, "POST", "/gemeente/GM1734", &res);
    assert_int_equal(res.status, 405);
    assert_string_equal(web_header(&res, "Allow"), "GET");
    assert_secure(&res);
    web_response_free(&res);
    call(*state, "HEAD", "/gemeente/GM1734", &res);
    assert_int_equal(res.status, 200);
    web_response_free(&res);
}

static json_t *json_body(const WebResponse *res)
{
    json_error_t jerr;
    json_t *root = json_loads(res->body.data, 0, &jerr);
    if (!root) fail_msg("not JSON: %s", jerr.text);
    return root;
}

static void test_api(void **state)
{
    WebResponse res;
    call(*state, "GET", "/api/v1/gemeenten/GM1734/dekking", &res);
    assert_int_equal(res.status, 200);
    assert_string_equal(res.content_type, "application/json");
    assert_secure(&res);
    json_t *root = json_body(&res);
    assert_string_equal(json_string_value(json_object_get(root, "municipality")), "GM1734");
    json_t *y2024 = json_array_get(
        json_object_get(json_array_get(json_object_get(root, "pots"), 0), "years"), 0);
    assert_int_equal(json_integer_value(json_object_get(y2024, "year")), 2024);
    assert_int_equal(json_integer_value(json_object_get(y2024, "reserve_withdrawal_cents")),
                     22450000);
    json_decref(root);
    web_response_free(&res);

    call(*state, "GET", "/api/v1/gemeenten/GM1734/controles", &res);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "\"kind\": \"unplanned\"");
    assert_contains(&res, "\"amount_cents\": 18000000");
    web_response_free(&res);

    call(*state, "GET", "/api/v1/gemeenten/GM9999/dekking", &res);
    assert_int_equal(res.status, 404);
    assert_string_equal(res.content_type, "application/json");
    root = json_body(&res);
    assert_non_null(json_string_value(json_object_get(root, "error")));
    json_decref(root);
    web_response_free(&res);
}

static void test_csv(void **state)
{
    WebResponse res;
    call(*state, "GET", "/gemeente/GM1734/dekking.csv", &res);
    assert_int_equal(res.status, 200);
    assert_string_equal(res.content_type, "text/csv; charset=utf-8");
    assert_string_equal(web_header(&res, "Content-Disposition"),
                        "attachment; filename=\"dekking-GM1734.csv\"");
    /* the CSV for people: Dutch headers, euros as numbers of a Dutch spreadsheet */
    assert_contains(&res, "\xEF\xBB\xBFPot;Jaar;Afgesloten;Reserve op 1 januari (euro);"
                          "Toekenning van het jaar (euro);Begroot (plannen) (euro);Gerealiseerd "
                          "(euro);Uitgaven (begroot of gerealiseerd) (euro);");
    assert_contains(&res, "\r\nAlle middelen;2024;nee;459500,00;175000,00;399500,00;0,00;"
                          "399500,00;175000,00;0,00;224500,00;");
    assert_lacks(&res, "_cents");
    web_response_free(&res);
    /* the machine CSV keeps cents and the contract's names */
    call(*state, "GET", "/gemeente/GM1734/dekking-data.csv", &res);
    assert_int_equal(res.status, 200);
    assert_string_equal(web_header(&res, "Content-Disposition"),
                        "attachment; filename=\"dekking-data-GM1734.csv\"");
    assert_contains(&res, "municipality,pot_id,pot,year,closed,allocation_cents");
    assert_contains(&res, "GM1734,0,Alle middelen,2024,0,17500000,39950000,17500000,22450000");
    web_response_free(&res);
}

static void test_stylesheet(void **state)
{
    WebResponse res;
    call(*state, "GET", "/static/pok.css", &res);
    assert_int_equal(res.status, 200);
    assert_string_equal(res.content_type, "text/css; charset=utf-8");
    assert_contains(&res, ":focus");
    assert_secure(&res);
    web_response_free(&res);
}

/* A name holding markup is shown as text on every page that shows it. */
static void test_escaped_everywhere(void **state)
{
    static const char *const targets[] = {"/?gegevens=alle", "/?q=GM9990", "/gemeente/GM9990"};
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        WebResponse res;
        call(*state, "GET", targets[i], &res);
        assert_int_equal(res.status, 200);
        assert_contains(&res, script_escaped);
        assert_lacks(&res, script);
        assert_lacks(&res, "\" onmouseover");
        web_response_free(&res);
    }
    WebResponse res;
    call(*state, "GET", "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", &res);
    assert_contains(&res, script_escaped);
    assert_lacks(&res, script);
    web_response_free(&res);
    /* http.c hands over the path decoded, so markup can arrive in a path parameter */
    call(*state, "GET", "/gemeente/<script>alert(1)", &res);
    assert_int_equal(res.status, 404); /* no route takes a code spelt so */
    assert_lacks(&res, "<script");
    web_response_free(&res);
}

static void test_request_parsing(void **state)
{
    WebRequest req;
    web_request_init(&req, "GET", "/a?q=a+b%21&leeg&x=%zz&q=tweede");
    assert_string_equal(req.path, "/a");
    assert_string_equal(web_query(&req, "q"), "a b!");
    assert_string_equal(web_query(&req, "leeg"), "");
    assert_string_equal(web_query(&req, "x"), "%zz");
    assert_null(web_query(&req, "y"));
    static const char body[] = "naam=Jobhunter+%26+co&bedrag=100.000";
    assert_int_equal(web_params_parse(&req, &req.form, body, strlen(body)), 0);
    assert_string_equal(web_form(&req, "naam"), "Jobhunter & co");
    assert_string_equal(web_form(&req, "bedrag"), "100.000");
    web_request_free(&req);

    web_request_init(&req, "GET", "/");
    Buf many = {0};
    for (int i = 0; i < WEB_MAX_FORM_PARAMS + 1; i++) buf_printf(&many, "p%d=1&", i);
    assert_int_equal(web_params_parse(&req, &req.form, many.data, many.len), -1);
    assert_int_equal(req.form.n, WEB_MAX_FORM_PARAMS);
    /* an address keeps the smaller limit */
    assert_int_equal(web_params_parse(&req, &req.query, many.data, many.len), -1);
    assert_int_equal(req.query.n, WEB_MAX_PARAMS);
    buf_free(&many);
    web_request_free(&req);

    /* A NUL byte, raw or as %00, would cut the value short: the whole form is refused. */
    web_request_init(&req, "POST", "/");
    static const char encoded[] = "naam=a&bedrag=100%00000";
    assert_int_equal(web_params_parse(&req, &req.form, encoded, strlen(encoded)), -2);
    static const char raw[] = "naam=a\0b";
    assert_int_equal(web_params_parse(&req, &req.form, raw, sizeof raw - 1), -2);
    assert_int_equal(req.form.n, 0);
    static const char not_nul[] = "naam=%0a%20";
    assert_int_equal(web_params_parse(&req, &req.form, not_nul, strlen(not_nul)), 0);
    assert_string_equal(web_form(&req, "naam"), "\n ");
    web_request_free(&req);

    /* Names and values must be text (text.h): not UTF-8, or a control character, is
     * refused (-3) naming the parameter; the query and web_param_add likewise. */
    web_request_init(&req, "POST", "/");
    static const char bad[] = "a=1&naam=bad%FF%FEname&b=2";
    assert_int_equal(web_params_parse(&req, &req.form, bad, strlen(bad)), -3);
    assert_string_equal(req.bad_text, "Parameter 'naam': geen geldige UTF-8-tekst (byte 0xFF na "
                                      "3 tekens). Stuur tekst als UTF-8, zonder stuurtekens.");
    assert_null(web_form(&req, "naam"));
    web_request_free(&req);
    web_request_init(&req, "POST", "/");
    static const char control[] = "omschrijving=rood%1B%5B31m";
    assert_int_equal(web_params_parse(&req, &req.form, control, strlen(control)), -3);
    assert_non_null(strstr(req.bad_text, "Parameter 'omschrijving': bevat een stuurteken (U+001B"));
    web_request_free(&req);
    web_request_init(&req, "POST", "/");
    static const char bad_name[] = "na%C0%AFam=x";
    assert_int_equal(web_params_parse(&req, &req.form, bad_name, strlen(bad_name)), -3);
    assert_non_null(strstr(req.bad_text, "De naam van een parameter: geen geldige UTF-8-tekst"));
    web_request_free(&req);
    web_request_init(&req, "POST", "/");
    static const char good[] = "naam=Caf%C3%A9+%E2%82%AC&tekst=a%09b%0D%0Ac";
    assert_int_equal(web_params_parse(&req, &req.form, good, strlen(good)), 0);
    assert_string_equal(web_form(&req, "naam"), "Caf\xC3\xA9 \xE2\x82\xAC");
    assert_null(req.bad_text);
    web_request_free(&req);
    web_request_init(&req, "GET", "/?q=olst%ED%A0%80");
    assert_non_null(req.bad_text);
    assert_null(web_query(&req, "q"));
    web_request_free(&req);
    web_request_init(&req, "GET", "/");
    assert_int_equal(web_param_add(&req, &req.query, "q", "Caf\xE9"), -1);
    assert_non_null(strstr(req.bad_text, "Parameter 'q': geen geldige UTF-8-tekst"));
    assert_int_equal(req.query.n, 0);
    web_request_free(&req);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_start_page),
        cmocka_unit_test(test_start_page_search),
        cmocka_unit_test(test_municipality_page),
        cmocka_unit_test(test_not_found_and_method),
        cmocka_unit_test(test_api),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_stylesheet),
        cmocka_unit_test(test_escaped_everywhere),
        cmocka_unit_test(test_request_parsing),
    };
    return cmocka_run_group_tests(tests, web_setup, web_teardown);
}
