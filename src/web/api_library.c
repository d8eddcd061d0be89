/* api_library.c: GET /api/v1/landelijk/maatregelen, the library of measures as JSON
 * (library.h, views/search_json.h): the same search and filters as the page. */
#include "../views/search_json.h"
#include "library.h"
#include "page_kit.h"
#include "pages.h"
#include "route.h"

void api_library(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    PokErr err = {0};
    LibraryQuery lq;
    library_query(req, &a, &lq);
    SearchHit *hits;
    size_t n;
    int64_t total;
    if (store_search(app->store, &lq.filter, &a, &hits, &n, &total, &err))
        web_json_error(res, 500, err.msg);
    else
        api_send_json(req, res, search_json(hits, n, total, lq.filter.offset));
    arena_free(&a);
}
