/* authz.c: see authz.h. */
#include "authz.h"

#include "../auth.h"
#include "cookie.h"
#include "form.h"

#include <string.h>
#include <time.h>

static int has_role(const User *u, const char *role)
{
    return u && u->role && strcmp(u->role, role) == 0;
}

static int granted(const User *u, const char *muni)
{
    for (size_t i = 0; muni && i < u->n_municipalities; i++)
        if (strcmp(u->municipalities[i], muni) == 0) return 1;
    return 0;
}

int authz_allows(const User *user, RouteCap cap, const char *muni, int muni_public)
{
    int all = has_role(user, "beheerder") || has_role(user, "analist");
    int limited = has_role(user, "redacteur") || has_role(user, "lezer");
    switch (cap) {
    case CAP_PUBLIC:
        return 1;
    case CAP_LOGIN:
        return user != NULL;
    case CAP_READ_ALL:
        return all;
    case CAP_READ:
        if (!muni) return user != NULL; /* national documents: anyone logged in */
        return all || (limited && granted(user, muni)) || muni_public;
    case CAP_EDIT:
        return has_role(user, "beheerder") || (has_role(user, "redacteur") && granted(user, muni));
    case CAP_ADMIN:
        return has_role(user, "beheerder");
    }
    return 0;
}

/* The host part of an origin or URL ("http://h:p/x" -> "h:p"), compared with host. */
static int same_host(const char *url, const char *host)
{
    if (!url || !host || !*host) return 0;
    const char *p = strstr(url, "://");
    if (!p) return 0;
    p += 3;
    size_t len = strcspn(p, "/?#");
    return len == strlen(host) && strncasecmp(p, host, len) == 0;
}

/* A state-changing request must come from pok's own pages. strict: the Origin or the
 * Referer must be present (with accounts); otherwise only a present one is checked. */
static int same_origin(const WebRequest *req, int strict)
{
    if (req->sec_fetch_site && strcmp(req->sec_fetch_site, "cross-site") == 0) return 0;
    if (req->origin) return same_host(req->origin, req->host);
    if (req->referer) return same_host(req->referer, req->host);
    return !strict;
}

void authz_csrf_token(const WebRequest *req, char out[65])
{
    out[0] = '\0';
    if (req->session_token) auth_csrf_token(req->session_token, out);
}

/* The session's user, if any, into req. */
static void find_user(WebApp *app, WebRequest *req)
{
    char token[AUTH_TOKEN_TEXT + 1];
    if (cookie_get(req->cookie, AUTHZ_COOKIE, token, sizeof token)) return;
    User *u = arena_alloc(&req->arena, sizeof *u);
    PokErr err = {0};
    if (auth_session_user(app->store, token, (int64_t)time(NULL), &req->arena, u, &err) != 1)
        return;
    req->user = u;
    req->session_token = arena_strdup(&req->arena, token);
}

/* The municipality the route is about: 0 with *muni set (NULL: national), or 1 when the
 * record does not exist (the handler answers 404), -1 on a store error. */
static int scope_muni(const Route *r, WebApp *app, WebRequest *req, const char **muni)
{
    *muni = NULL;
    if (r->scope == SCOPE_CODE) {
        *muni = web_path_param(req, "code");
        return 0;
    }
    if (r->scope != SCOPE_MEASURE && r->scope != SCOPE_SOURCE) return 0;
    long long id;
    const char *text = web_path_param(req, "id");
    if (!text || parse_int(text, 1, INT64_MAX, &id)) return 1;
    PokErr err = {0};
    int found;
    if (r->scope == SCOPE_MEASURE) {
        Measure m;
        found = store_measure_get(app->store, id, &req->arena, &m, &err);
        if (found == 1) *muni = m.municipality;
    } else {
        Source src;
        found = store_source_get(app->store, id, &req->arena, &src, &err);
        if (found == 1) *muni = src.municipality;
    }
    return found < 0 ? -1 : found == 0;
}

static int is_api(const WebRequest *req)
{
    return strncmp(req->path, "/api/", 5) == 0;
}

static int refuse(const WebRequest *req, WebResponse *res, int status, const char *message)
{
    if (is_api(req))
        web_json_error(res, status, message);
    else
        web_error(res, status, message);
    return -1;
}

static int not_logged_in(const WebRequest *req, WebResponse *res)
{
    if (is_api(req)) return refuse(req, res, 401, "Inloggen is nodig voor deze gegevens.");
    web_error(res, 303, "U moet eerst inloggen.");
    web_header_set(res, "Location", "/inloggen");
    return -1;
}

static int is_write(const WebRequest *req)
{
    return strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0;
}

int authz_check(const Route *r, WebApp *app, WebRequest *req, WebResponse *res)
{
    if (!app->require_login) {
        if (is_write(req) && !same_origin(req, 0))
            return refuse(req, res, 403, "Dit verzoek komt niet van pok zelf en is geweigerd.");
        return 0;
    }
    find_user(app, req);
    if (req->user) store_set_actor(app->store, req->user->name);
    const char *muni = NULL;
    int missing = 0;
    if (r->cap == CAP_READ || r->cap == CAP_EDIT) {
        missing = scope_muni(r, app, req, &muni);
        if (missing < 0) return refuse(req, res, 500, "De database kon niet worden gelezen.");
    }
    int pub = 0;
    PokErr err = {0};
    if (!missing && muni && r->cap == CAP_READ &&
        store_municipality_public(app->store, muni, &pub, &err))
        return refuse(req, res, 500, "De database kon niet worden gelezen.");
    if (missing && req->user) {
        /* An unknown record: the handler says 404 to whoever is logged in. */
    } else if (!authz_allows(req->user, r->cap, missing ? "" : muni, pub)) {
        if (!req->user) return not_logged_in(req, res);
        if (strcmp(req->path, "/") == 0 && req->user->n_municipalities > 0) {
            /* The overview of every municipality is not theirs: their own one instead. */
            web_error(res, 303, "Naar uw gemeente.");
            web_header_set(res, "Location",
                           arena_printf(&req->arena, "/gemeente/%s",
                                        req->user->municipalities[0]));
            return -1;
        }
        return refuse(req, res, 403, "U heeft geen toegang tot deze pagina.");
    }
    if (is_write(req)) {
        if (!same_origin(req, 1))
            return refuse(req, res, 403, "Dit verzoek komt niet van pok zelf en is geweigerd.");
        if (r->cap != CAP_PUBLIC) {
            char expected[65];
            authz_csrf_token(req, expected);
            if (!expected[0] || !auth_text_equal(web_form(req, "csrf"), expected))
                return refuse(req, res, 403,
                              "Het formulier is verlopen of niet van pok: open het opnieuw.");
        }
    }
    return 0;
}
