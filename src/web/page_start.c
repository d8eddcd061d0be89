/* page_start.c: GET / : every municipality, those with figures first, searchable by name
 * or code (?q=). */
#include "html.h"
#include "layout.h"
#include "pages.h"
#include "route.h"

#include <string.h>

static void muni_table(Buf *b, const char *caption, const Municipality *const *list, size_t n)
{
    html_printf(b,
                "<div class=\"table-scroll\"><table>\n<caption>%s (%zu)</caption>\n"
                "<thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Gemeente</th>"
                "<th scope=\"col\">Provincie</th></tr></thead>\n<tbody>\n",
                caption, n);
    for (size_t i = 0; i < n; i++) {
        html_lit(b, "<tr><td>");
        html_txt(b, list[i]->code);
        html_lit(b, "</td><td><a href=\"/gemeente/");
        html_url_arg(b, list[i]->code);
        html_printf(b, "\">%s</a></td><td>%s</td></tr>\n", list[i]->name,
                    list[i]->province ? list[i]->province : "");
    }
    html_lit(b, "</tbody>\n</table></div>\n");
}

void page_start(WebApp *app, const WebRequest *req, WebResponse *res)
{
    const char *q = web_query(req, "q");
    if (q && !*q) q = NULL;
    Arena a = {0};
    PokErr err = {{0}};
    Municipality *list;
    size_t n;
    if (store_municipality_list(app->store, q, &a, &list, &n, &err)) {
        web_error(res, 500, err.msg);
        arena_free(&a);
        return;
    }
    const Municipality **with = arena_alloc(&a, (n + 1) * sizeof *with);
    const Municipality **without = arena_alloc(&a, (n + 1) * sizeof *without);
    size_t n_with = 0, n_without = 0;
    for (size_t i = 0; i < n; i++) {
        Arena one = {0};
        MuniData d;
        int r = web_load(app, list[i].code, &one, &d, &err);
        int any = r == 1 && web_has_records(&d);
        arena_free(&one);
        if (r < 0) {
            web_error(res, 500, err.msg);
            arena_free(&a);
            return;
        }
        if (any)
            with[n_with++] = &list[i];
        else
            without[n_without++] = &list[i];
    }

    Buf *b = &res->body;
    layout_begin(b, "Gemeenten");
    html_lit(b, "<h1>Gemeenten</h1>\n"
                "<form method=\"get\" action=\"/\" role=\"search\">\n"
                "<label for=\"q\">Zoek op naam of code</label>\n");
    html_printf(b, "<input type=\"search\" id=\"q\" name=\"q\" value=\"%s\"> ", q ? q : "");
    html_lit(b, "<button type=\"submit\">Zoeken</button>\n</form>\n");
    if (q)
        html_printf(b,
                    "<p>%zu gemeente%s gevonden voor &#8216;%s&#8217;. "
                    "<a href=\"/\">Toon alle gemeenten</a></p>\n",
                    n, n == 1 ? "" : "n", q);
    if (n_with) muni_table(b, "Gemeenten met gegevens", with, n_with);
    if (n_without)
        muni_table(b, n_with ? "Overige gemeenten" : "Gemeenten zonder gegevens", without,
                   n_without);
    if (n == 0) html_lit(b, "<p>Geen gemeenten gevonden.</p>\n");
    layout_end(b);
    arena_free(&a);
}
