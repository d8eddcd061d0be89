/* page_report.c: GET /gemeente/CODE/stand.pdf : the report "Stand van zaken POK-middelen"
 * (src/views/report_pdf.c) of today, as a download. */
#include "page_kit.h"
#include "pages.h"
#include "route.h"

#include "../views/report_pdf.h"

void page_report_pdf(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    PokErr err = {0};
    if (kit_load(app, req, res, 0, &a, &d, NULL) == 0) {
        char today[11];
        date_today(today);
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
