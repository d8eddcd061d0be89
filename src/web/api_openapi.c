/* api_openapi.c: GET /api/openapi.json, the OpenAPI document of the JSON API
 * (openapi.c), the same as docs/openapi.json. It describes no data, so anyone may read
 * it. */
#include "openapi.h"
#include "page_kit.h"
#include "pages.h"
#include "route.h"

void api_openapi(WebApp *app, const WebRequest *req, WebResponse *res)
{
    PokErr err = {0};
    json_t *doc = openapi_document(&err);
    if (doc)
        kit_send_json(res, doc);
    else
        web_json_error(res, 500, err.msg);
}
