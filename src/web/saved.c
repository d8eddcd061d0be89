/* saved.c: see saved.h. */
#include "saved.h"

#include "../text.h"
#include "authz.h"
#include "cookie.h"
#include "html.h"
#include "layout.h"

#include <string.h>

#define SAVED_PATH_MAX 1000
#define COOKIE_ATTRS "; HttpOnly; SameSite=Strict; Path=/"

/* The request being answered on this thread (route_dispatch runs one at a time per
 * thread): strings in the request's arena. */
static _Thread_local const char *saved_back;    /* the way back, or NULL */
static _Thread_local const char *saved_pending; /* the cookie's message, not shown yet */
static _Thread_local int saved_had_cookie;      /* a message cookie came with the request */
static _Thread_local int saved_shown;           /* the message went out on this page */
static _Thread_local int saved_new;             /* this answer sets a new message */

int saved_path_ok(const char *path)
{
    if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\') return 0;
    size_t len = strlen(path);
    if (len > SAVED_PATH_MAX) return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)path[i];
        if (c <= 0x20 || c >= 0x7f || c == '\\') return 0;
    }
    return 1;
}

/* The path (with query) of a Referer on this host, or NULL. */
static const char *referer_path(WebRequest *req)
{
    if (!req->referer || !authz_same_host(req->referer, req->host)) return NULL;
    const char *p = strstr(req->referer, "://") + 3;
    p += strcspn(p, "/?#");
    if (*p != '/') return NULL;
    size_t len = strcspn(p, "#");
    return arena_printf(&req->arena, "%.*s", (int)len, p);
}

/* The way back of req: posted on a POST; on a GET ?terug= or the page it came from
 * (not the form itself). */
static const char *return_path(WebRequest *req)
{
    if (strcmp(req->method, "POST") == 0) {
        const char *posted = web_form(req, SAVED_FIELD);
        return saved_path_ok(posted) ? posted : NULL;
    }
    const char *asked = web_query(req, SAVED_FIELD);
    if (asked) return saved_path_ok(asked) ? asked : NULL;
    const char *from = referer_path(req);
    if (!saved_path_ok(from)) return NULL;
    size_t len = strcspn(from, "?");
    if (strlen(req->path) == len && strncmp(from, req->path, len) == 0) return NULL;
    return from;
}

/* The message of the cookie when it is valid text of bounded length, else NULL. */
static const char *cookie_message(WebRequest *req)
{
    char raw[4096];
    if (cookie_get(req->cookie, SAVED_COOKIE, raw, sizeof raw)) return NULL;
    saved_had_cookie = 1;
    const char *text = web_url_decode(&req->arena, raw, strlen(raw));
    size_t len = strlen(text);
    if (len == 0 || text_scan(text, len, SAVED_MESSAGE_MAX_CHARS + 1, NULL) != TEXT_OK) return NULL;
    return text;
}

void saved_begin(WebRequest *req)
{
    saved_back = return_path(req);
    saved_had_cookie = saved_shown = saved_new = 0;
    /* a HEAD shows nobody the page: the message waits for the GET */
    saved_pending = strcmp(req->method, "HEAD") != 0 ? cookie_message(req) : NULL;
    if (strcmp(req->method, "HEAD") == 0) saved_had_cookie = 0;
}

void saved_end(WebResponse *res)
{
    if (!saved_new && (saved_shown || (saved_had_cookie && !saved_pending))) {
        web_header_add(res, "Set-Cookie", SAVED_COOKIE "=" COOKIE_ATTRS "; Max-Age=0");
        web_header_set(res, "Cache-Control", "no-store");
    }
    saved_back = saved_pending = NULL;
    saved_had_cookie = saved_shown = saved_new = 0;
}

const char *saved_return_path(void)
{
    return saved_back;
}

void saved_return_field(Buf *b)
{
    if (saved_back)
        html_printf(b, "<input type=\"hidden\" name=\"" SAVED_FIELD "\" value=\"%s\">\n",
                    saved_back);
}

void saved_message_render(Buf *b)
{
    if (!saved_pending) return;
    html_printf(b,
                "<div class=\"utrecht-alert utrecht-alert--ok pok-saved\" role=\"status\">"
                "<p>%s</p></div>\n",
                saved_pending);
    saved_pending = NULL;
    saved_shown = 1;
}

void saved_redirect(WebResponse *res, const char *fallback, const char *message)
{
    const char *location = saved_back ? saved_back : fallback;
    saved_pending = NULL; /* the 303's own body is not the page the message is for */
    res->status = 303;
    web_header_set(res, "Location", location);
    buf_reset(&res->body);
    layout_begin(&res->body, "Opgeslagen");
    html_printf(&res->body, "<h1>Opgeslagen</h1>\n<p>%s</p>\n<p><a href=\"%s\">Verder</a></p>\n",
                message ? message : "", location);
    layout_end(&res->body);
    if (!message || !*message) return;
    Buf cookie = {0};
    buf_puts(&cookie, SAVED_COOKIE "=");
    size_t keep = text_prefix_bytes(message, SAVED_MESSAGE_MAX_CHARS);
    Buf cut = {0};
    buf_append(&cut, message, keep);
    html_url_arg(&cookie, cut.data);
    buf_free(&cut);
    buf_puts(&cookie, COOKIE_ATTRS "; Max-Age=60");
    web_header_add(res, "Set-Cookie", cookie.data);
    buf_free(&cookie);
    saved_new = 1;
}
