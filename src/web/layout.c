/* layout.c: the page frame. Plain, accessible HTML in the NL Design System's page
 * structure (Utrecht theme): a skip link, landmarks, visible focus, no scripts. The
 * stylesheets are embedded assets (assets.h); their URLs carry a version for caching. */
#include "layout.h"

#include "assets.h"
#include "form.h"
#include "html.h"
#include "saved.h"

/* A <link> to an embedded stylesheet, with its version in the URL. */
static void stylesheet_link(Buf *b, const char *name)
{
    const WebAsset *a = web_asset(name);
    html_printf(b, "<link rel=\"stylesheet\" href=\"/static/%s?v=%s\">\n", name,
                a ? a->version : "0");
}

void layout_begin(Buf *b, const char *title)
{
    html_printf(b,
                "<!DOCTYPE html>\n"
                "<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>%s · pok</title>\n"
                /* no icon: spares every page a request that would answer 404 */
                "<link rel=\"icon\" href=\"data:,\">\n",
                title);
    if (web_assets_have_nlds) stylesheet_link(b, "utrecht.css");
    stylesheet_link(b, "pok.css");
    /* utrecht-html styles plain semantic elements; the component classes style the rest. */
    html_lit(b, "</head>\n<body class=\"utrecht-theme utrecht-html utrecht-document "
                "utrecht-surface pok\">\n"
                "<a class=\"utrecht-skip-link utrecht-skip-link--visible-on-focus\" "
                "href=\"#inhoud\">Naar de inhoud</a>\n"
                "<header class=\"utrecht-page-header pok-header\">"
                "<div class=\"utrecht-page-header__content pok-header__content\">"
                "<a class=\"pok-logo\" href=\"/\">pok</a> "
                "<span class=\"pok-tagline\">POK-middelen: planning en verantwoording</span>");
    form_logout(b); /* only while someone is logged in */
    html_lit(b, "</div></header>\n"
                "<main id=\"inhoud\" class=\"pok-main\">\n");
    saved_message_render(b); /* what the last form saved, once */
}

void layout_end(Buf *b)
{
    html_lit(b, "</main>\n<footer class=\"utrecht-page-footer pok-footer\">"
                "<div class=\"utrecht-page-footer__content pok-footer__content\">"
                "<p>Bedragen in euro's. Elk bedrag komt uit een brondocument; zie de bron bij "
                "de bevindingen.</p></div></footer>\n"
                "</body>\n</html>\n");
}
