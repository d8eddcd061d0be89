/* test_assets.c: the stylesheets pok serve embeds and sends under /static/, and the
 * layout's links to them (no database needed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "web/assets.h"
#include "web/layout.h"
#include "web/route.h"

#include <stdio.h>
#include <string.h>

static void get(const char *target, WebResponse *res)
{
    WebApp app = {0};
    WebRequest req;
    web_request_init(&req, "GET", target);
    web_response_init(res);
    route_dispatch(NULL, &app, &req, res);
    web_request_free(&req);
}

static void test_pok_css(void **state)
{
    const WebAsset *a = web_asset("pok.css");
    assert_non_null(a);
    WebResponse res;
    get("/static/pok.css", &res);
    assert_int_equal(res.status, 200);
    assert_string_equal(res.content_type, "text/css; charset=utf-8");
    assert_int_equal(res.body.len, a->len);
    assert_memory_equal(res.body.data, a->data, a->len);
    assert_non_null(strstr(res.body.data, ".utrecht-form-field--invalid"));
    assert_non_null(strstr(res.body.data, ":focus-visible"));
    /* a bare URL may change with the next pok: cached briefly */
    assert_string_equal(web_header(&res, "Cache-Control"), "public, max-age=300");
    assert_string_equal(web_header(&res, "X-Content-Type-Options"), "nosniff");
    web_response_free(&res);
}

static void test_versioned_url_is_immutable(void **state)
{
    const WebAsset *a = web_asset("utrecht.css");
    assert_non_null(a);
    char target[128];
    snprintf(target, sizeof target, "/static/utrecht.css?v=%s", a->version);
    WebResponse res;
    get(target, &res);
    assert_int_equal(res.status, 200);
    assert_string_equal(web_header(&res, "Cache-Control"), "public, max-age=31536000, immutable");
    if (web_assets_have_nlds) {
        /* tokens, components and the plain-HTML styles */
        assert_non_null(strstr(res.body.data, ".utrecht-theme"));
        assert_non_null(strstr(res.body.data, ".utrecht-form-field-error-message"));
        assert_non_null(strstr(res.body.data, ".utrecht-html table"));
    } else {
        assert_non_null(strstr(res.body.data, "NL Design System CSS not embedded"));
    }
    web_response_free(&res);
    /* an old version: served, but not kept */
    get("/static/utrecht.css?v=1", &res);
    assert_int_equal(res.status, 200);
    assert_string_equal(web_header(&res, "Cache-Control"), "public, max-age=300");
    web_response_free(&res);
}

static void test_unknown_asset(void **state)
{
    WebResponse res;
    get("/static/geheim.txt", &res);
    assert_int_equal(res.status, 404);
    web_response_free(&res);
    get("/static/", &res);
    assert_int_equal(res.status, 404);
    web_response_free(&res);
    assert_null(web_asset(NULL));
    assert_null(web_asset("../pok.css"));
}

static void test_layout_links_versions(void **state)
{
    Buf b = {0};
    layout_begin(&b, "Titel <b>");
    layout_end(&b);
    char link[160];
    snprintf(link, sizeof link, "href=\"/static/pok.css?v=%s\"", web_asset("pok.css")->version);
    assert_non_null(strstr(b.data, link));
    if (web_assets_have_nlds) {
        snprintf(link, sizeof link, "href=\"/static/utrecht.css?v=%s\"",
                 web_asset("utrecht.css")->version);
        assert_non_null(strstr(b.data, link));
    }
    assert_non_null(strstr(b.data, "<html lang=\"nl\">"));
    assert_non_null(strstr(b.data, "<body class=\"utrecht-theme utrecht-html"));
    assert_non_null(strstr(b.data, "<title>Titel &lt;b&gt; · pok</title>"));
    assert_non_null(strstr(b.data, "href=\"#inhoud\""));
    assert_non_null(strstr(b.data, "<main id=\"inhoud\""));
    assert_null(strstr(b.data, "style="));
    assert_null(strstr(b.data, "<script"));
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pok_css),
        cmocka_unit_test(test_versioned_url_is_immutable),
        cmocka_unit_test(test_unknown_asset),
        cmocka_unit_test(test_layout_links_versions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
