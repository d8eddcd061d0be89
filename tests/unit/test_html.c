/* test_html.c: the escaping writer: data never comes out as markup, in any function. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "web/html.h"

static const char script[] = "<script>alert(1)</script>";
static const char attr_break[] = "\" onmouseover=\"x";
static const char script_escaped[] = "&lt;script&gt;alert(1)&lt;/script&gt;";
static const char attr_escaped[] = "&quot; onmouseover=&quot;x";

static void assert_no_markup(const char *out)
{
    assert_null(strchr(out, '<'));
    assert_null(strchr(out, '>'));
    assert_null(strchr(out, '"'));
    assert_null(strchr(out, '\''));
}

static void test_txt_and_attr(void **state)
{
    void (*const fns[])(Buf *, const char *) = {html_txt, html_attr};
    for (size_t i = 0; i < 2; i++) {
        Buf b = {0};
        fns[i](&b, script);
        assert_string_equal(b.data, script_escaped);
        buf_reset(&b);
        fns[i](&b, attr_break);
        assert_string_equal(b.data, attr_escaped);
        buf_reset(&b);
        fns[i](&b, "Tom & Jerry's");
        assert_string_equal(b.data, "Tom &amp; Jerry&#39;s");
        assert_no_markup(b.data);
        buf_reset(&b);
        fns[i](&b, NULL);
        fns[i](&b, "");
        assert_int_equal(b.len, 0);
        buf_free(&b);
    }
}

static void test_url_arg(void **state)
{
    Buf b = {0};
    html_url_arg(&b, script);
    assert_string_equal(b.data, "%3Cscript%3Ealert%281%29%3C%2Fscript%3E");
    buf_reset(&b);
    html_url_arg(&b, attr_break);
    assert_string_equal(b.data, "%22%20onmouseover%3D%22x");
    buf_reset(&b);
    html_url_arg(&b, "GM1734-a_b.c~ é&");
    assert_string_equal(b.data, "GM1734-a_b.c~%20%C3%A9%26");
    assert_no_markup(b.data);
    buf_free(&b);
}

static void test_printf(void **state)
{
    Buf b = {0};
    html_printf(&b, "<p title=\"%s\">%s</p>", attr_break, script);
    assert_string_equal(b.data, "<p title=\"&quot; onmouseover=&quot;x\">"
                                "&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    buf_reset(&b);
    html_printf(&b, "%d|%lld|%zu|100%%|%s", -7, (long long)-1234567890123LL, (size_t)42, "a<b");
    assert_string_equal(b.data, "-7|-1234567890123|42|100%|a&lt;b");
    buf_reset(&b);
    html_printf(&b, "no arguments");
    assert_string_equal(b.data, "no arguments");
    buf_free(&b);
}

static void test_lit(void **state)
{
    Buf b = {0};
    html_lit(&b, "<br>");
    assert_string_equal(b.data, "<br>");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_txt_and_attr),
        cmocka_unit_test(test_url_arg),
        cmocka_unit_test(test_printf),
        cmocka_unit_test(test_lit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
