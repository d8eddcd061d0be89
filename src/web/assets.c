/* assets.c: serves the embedded stylesheets (see assets.h) at /static/:name. */
#include "assets.h"

#include "pages.h"
#include "route.h"

#include <string.h>

const WebAsset *web_asset(const char *name)
{
    for (const WebAsset *a = web_assets; name && a->name; a++)
        if (strcmp(a->name, name) == 0) return a;
    return NULL;
}

void static_css(WebApp *app, const WebRequest *req, WebResponse *res)
{
    const WebAsset *a = web_asset(web_path_param(req, "name"));
    if (!a) {
        web_not_found(res, "Dit bestand bestaat niet.");
        return;
    }
    res->content_type = a->content_type;
    buf_append(&res->body, a->data, a->len);
    /* The layout links "?v=<version>": that URL never changes content, so a browser may
     * keep it; a bare URL may change with the next pok, so only briefly. */
    const char *v = web_query(req, "v");
    web_header_set(res, "Cache-Control",
                   v && strcmp(v, a->version) == 0 ? "public, max-age=31536000, immutable"
                                                   : "public, max-age=300");
}
