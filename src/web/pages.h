/* pages.h: the handlers of pok serve, one page_*.c or api_*.c file each. */
#ifndef POK_PAGES_H
#define POK_PAGES_H

#include "../model.h"
#include "request.h"

/* Load everything of code for the app's scheme: 1 found, 0 no such municipality,
 * -1 a store error (err). */
int web_load(WebApp *app, const char *code, Arena *a, MuniData *out, PokErr *err);
/* Whether a municipality has any records of the scheme (the start page lists those first). */
int web_has_records(const MuniData *d);
/* An amount as "€ 1.234" (whole euros) or "€ 1.234,56", through money_format only. */
void html_money(Buf *b, int64_t cents);

void static_css(WebApp *app, const WebRequest *req, WebResponse *res);
void page_start(WebApp *app, const WebRequest *req, WebResponse *res);
void page_municipality(WebApp *app, const WebRequest *req, WebResponse *res);
void page_coverage_csv(WebApp *app, const WebRequest *req, WebResponse *res);
void api_coverage(WebApp *app, const WebRequest *req, WebResponse *res);
void api_checks(WebApp *app, const WebRequest *req, WebResponse *res);

#endif
