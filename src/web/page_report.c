/* page_report.c: GET /gemeente/CODE/stand.pdf : the report "Stand van zaken POK-middelen"
 * (src/views/report_pdf.c) of today, as a download. */
#include "pages.h"
#include "route.h"

#include "../views/report_pdf.h"

#include <stdio.h>

void page_report_pdf(WebApp *app, const WebRequest *req, WebResponse *res)
{
    const char *code = web_path_param(req, "code");
    Arena a = {0};
    MuniData d;
    PokErr err = {0};
    int r = web_load(app, code, &a, &d, &err);
    if (r == 0) {
        char msg[300];
        snprintf(msg, sizeof msg,
                 "Onbekende gemeente '%s'. Een gemeente heeft een CBS-code zoals GM1734.", code);
        web_not_found(res, msg);
    } else if (r < 0) {
        web_error(res, 500, err.msg);
    } else {
        char today[11];
        report_today(today);
        Buf pdf = {0};
        if (report_pdf(&d, today, &pdf, &err)) {
            web_error(res, 500, err.msg);
        } else {
            res->content_type = "application/pdf";
            /* dated today: the cache must not serve yesterday's report (cache.h) */
            web_header_set(res, "Cache-Control", "no-store");
            buf_append(&res->body, pdf.data, pdf.len);
            /* CBS codes are letters and digits (the store checks them): safe in the header */
            web_header_set(
                res, "Content-Disposition",
                arena_printf(&a, "attachment; filename=\"stand-%s-%s.pdf\"", d.muni.code, today));
        }
        buf_free(&pdf);
    }
    arena_free(&a);
}
