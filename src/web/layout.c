/* layout.c: the page frame and the stylesheet. Plain, accessible HTML: a skip link,
 * landmarks, visible focus, no scripts. */
#include "layout.h"

#include "html.h"
#include "pages.h"

void layout_begin(Buf *b, const char *title)
{
    html_printf(b,
                "<!DOCTYPE html>\n"
                "<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>%s · pok</title>\n"
                "<link rel=\"stylesheet\" href=\"/static/pok.css\">\n</head>\n<body>\n"
                "<a class=\"skip\" href=\"#inhoud\">Naar de inhoud</a>\n"
                "<header class=\"site\"><a href=\"/\">pok</a> "
                "<span>POK-middelen: planning en verantwoording</span></header>\n"
                "<main id=\"inhoud\">\n",
                title);
}

void layout_end(Buf *b)
{
    html_lit(b, "</main>\n<footer class=\"site\"><p>Bedragen in euro's. Elk bedrag komt uit "
                "een brondocument; zie de bron bij de bevindingen.</p></footer>\n"
                "</body>\n</html>\n");
}

const char layout_css[] =
    "body{font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;"
    "margin:0}\n"
    "main,header.site,footer.site{max-width:72rem;margin:0 auto;padding:0 1rem}\n"
    "header.site{padding:1rem;border-bottom:4px solid #154273}\n"
    "header.site a{font-weight:bold;font-size:1.25rem;color:#154273;margin-right:1rem}\n"
    "footer.site{margin-top:3rem;border-top:1px solid #767676;color:#4a4a4a}\n"
    "a{color:#01689b}a:visited{color:#5b2c6f}\n"
    ":focus{outline:3px solid #ffb612;outline-offset:2px}\n"
    ".skip{position:absolute;left:-999rem}.skip:focus{left:1rem;top:1rem;background:#fff;"
    "padding:.5rem}\n"
    "table{border-collapse:collapse;margin:1rem 0}\n"
    "caption{text-align:left;font-weight:bold;padding:.25rem 0}\n"
    "th,td{padding:.25rem .75rem;border-bottom:1px solid #ccc;text-align:left;"
    "vertical-align:top}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "tr.rule th,tr.rule td{border-top:2px solid #1a1a1a}\n"
    ".table-scroll{overflow-x:auto}\n"
    "label{display:block;font-weight:bold}\n"
    "input[type=search]{font-size:1rem;padding:.4rem;border:2px solid #1a1a1a}\n"
    "button{font-size:1rem;padding:.4rem 1rem;background:#154273;color:#fff;border:0}\n"
    ".finding{margin:0 0 1rem}.sev-fout{border-left:4px solid #d52b1e;padding-left:.5rem}\n"
    ".sev-waarschuwing{border-left:4px solid #e17000;padding-left:.5rem}\n"
    ".sev-info{border-left:4px solid #01689b;padding-left:.5rem}\n"
    ".source{color:#4a4a4a;font-size:.9rem}\n";

void static_css(WebApp *app, const WebRequest *req, WebResponse *res)
{
    res->content_type = "text/css; charset=utf-8";
    buf_puts(&res->body, layout_css);
    web_header_set(res, "Cache-Control", "public, max-age=3600");
}
