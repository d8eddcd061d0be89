/* authz.c: see authz.h. */
#include "authz.h"

#include "../auth.h"
#include "../store/store.h"
#include "../store/store_audit.h"
#include "../store/store_records.h"
#include "../store/store_reference.h"
#include "../store/store_sharing.h"
#include "../store/store_users.h"
#include "cookie.h"
#include "form.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <strings.h>
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

int authz_allows(const User *user, RouteCap cap, const char *muni, int flags)
{
    int muni_public = (flags & AUTHZ_PUBLISHED) != 0;
    int all = has_role(user, "beheerder") || has_role(user, "analist");
    int manager = has_role(user, "gemeentebeheerder");
    int limited = has_role(user, "redacteur") || has_role(user, "lezer") || manager;
    switch (cap) {
    case CAP_PUBLIC:
        return 1;
    case CAP_LOGIN:
        return user != NULL;
    case CAP_READ_ALL:
        return all;
    case CAP_NATIONAL:
        return user != NULL || muni_public;
    case CAP_READ:
        if (!muni) return user != NULL; /* national documents: anyone logged in */
        /* an analist reads what municipalities share by name (or publish): their choice */
        if (has_role(user, "analist")) return (flags & AUTHZ_SHARED) || muni_public;
        return all || (limited && granted(user, muni)) || muni_public;
    case CAP_EDIT:
        return has_role(user, "beheerder") ||
               ((has_role(user, "redacteur") || manager) && granted(user, muni));
    case CAP_ADMIN:
        return has_role(user, "beheerder");
    case CAP_MANAGE:
        return has_role(user, "beheerder") || (manager && (!muni || granted(user, muni)));
    }
    return 0;
}

int authz_may_manage(const User *manager, const User *target)
{
    if (!manager || has_role(manager, "beheerder")) return 1;
    if (!has_role(manager, "gemeentebeheerder") || !target) return 0;
    return authz_may_grant(manager, target->role, target->municipalities, target->n_municipalities);
}

int authz_may_grant(const User *manager, const char *role, const char *const *munis, size_t n)
{
    if (!manager || has_role(manager, "beheerder")) return 1;
    if (!has_role(manager, "gemeentebeheerder") || !role || n == 0) return 0;
    /* never more than their own: no national role, no other municipality */
    if (strcmp(role, "gemeentebeheerder") != 0 && strcmp(role, "redacteur") != 0 &&
        strcmp(role, "lezer") != 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!granted(manager, munis[i])) return 0;
    return 1;
}

/* Whether name (len bytes) is one of the comma-separated names of list. */
static int in_list(const char *list, const char *name, size_t len)
{
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, ",");
        if (n == len && strncasecmp(p, name, len) == 0) return 1;
        p += n;
        if (*p == ',') p++;
    }
    return 0;
}

int authz_host_allowed(const WebApp *app, const char *host)
{
    if (!host || !*host || strlen(host) > 255) return 0;
    /* name, or [v6 address], then an optional :port of 1 to 5 digits */
    const char *name = host, *end;
    if (*host == '[') {
        end = strchr(host, ']');
        if (!end) return 0;
        name = host + 1;
    } else {
        end = host + strcspn(host, ":");
    }
    const char *rest = *host == '[' ? end + 1 : end;
    if (*rest == ':') {
        size_t digits = strspn(rest + 1, "0123456789");
        if (digits == 0 || digits > 5 || rest[1 + digits] != '\0') return 0;
    } else if (*rest != '\0') {
        return 0;
    }
    size_t len = (size_t)(end - name);
    char text[256];
    memcpy(text, name, len);
    text[len] = '\0';
    unsigned char addr[sizeof(struct in6_addr)];
    if (*host == '[') {
        if (inet_pton(AF_INET6, text, addr) != 1) return 0;
        if (strcmp(text, "::1") == 0) return 1;
    } else if (inet_pton(AF_INET, text, addr) == 1) {
        if (addr[0] == 127) return 1;
    } else if (strcasecmp(text, "localhost") == 0) {
        return 1;
    }
    if (app->listen && strcasecmp(app->listen, text) == 0 && strcmp(text, "0.0.0.0") != 0 &&
        strcmp(text, "::") != 0)
        return 1;
    return in_list(app->hosts, text, len);
}

int authz_same_host(const char *url, const char *host)
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
    if (req->origin) return authz_same_host(req->origin, req->host);
    if (req->referer) return authz_same_host(req->referer, req->host);
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

/* The municipality of a deleted measure: the one its history names (audit rows keep the
 * municipality of the record). 1 found, 0 no history, -1 store error. */
static int measure_history_muni(WebApp *app, WebRequest *req, const char **muni, PokErr *err)
{
    AuditFilter f = {.table_name = "measure", .record_id = req->record_id, .limit = 1};
    AuditEntry *e = NULL;
    size_t n = 0;
    if (store_audit_query(app->store, &f, &req->arena, &e, &n, err)) return -1;
    if (n == 0 || !e[0].municipality) return 0;
    *muni = e[0].municipality;
    return 1;
}

/* Resolve the record route r addresses into req->scope_muni (NULL: national, or a route
 * about no municipality): 1 resolved, 0 the record does not exist (or does not belong
 * where the path puts it), -1 a store error. The handler then uses the same record. */
static int resolve_scope(const Route *r, WebApp *app, WebRequest *req)
{
    req->scope_muni = NULL;
    req->scope_user = NULL;
    PokErr err = {0};
    int found = 1;
    switch (r->scope) {
    case SCOPE_NONE:
        return 1;
    case SCOPE_CODE:
        req->scope_muni = web_path_param(req, "code");
        return req->scope_muni != NULL;
    case SCOPE_MEASURE:
    case SCOPE_MEASURE_HISTORY: {
        found = store_measure_municipality(app->store, req->record_id, &req->arena,
                                           &req->scope_muni, &err);
        if (found == 0 && r->scope == SCOPE_MEASURE_HISTORY)
            found = measure_history_muni(app, req, &req->scope_muni, &err);
        break;
    }
    case SCOPE_SOURCE:
    case SCOPE_CODE_SOURCE: {
        Source src;
        found = store_source_get(app->store, req->record_id, &req->arena, &src, &err);
        if (found == 1) req->scope_muni = src.municipality;
        if (found == 1 && r->scope == SCOPE_CODE_SOURCE) {
            /* The municipality of the path; a source of another one is not found there. */
            const char *code = web_path_param(req, "code");
            if (!code || (src.municipality && strcmp(src.municipality, code) != 0)) found = 0;
            req->scope_muni = code;
        }
        break;
    }
    case SCOPE_USER: {
        User *u = arena_alloc(&req->arena, sizeof *u);
        found = store_user_get_id(app->store, req->record_id, &req->arena, u, &err);
        if (found == 1) {
            u->password_hash = NULL; /* no page needs it */
            req->scope_user = u;
        }
        break;
    }
    }
    if (found != 1) req->scope_muni = NULL;
    return found;
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
    if (app->require_login) {
        find_user(app, req);
        if (req->user) store_set_actor(app->store, req->user->name);
    }
    int resolved = resolve_scope(r, app, req);
    if (resolved < 0) return refuse(req, res, 500, "De database kon niet worden gelezen.");
    if (resolved == 0) {
        /* Nothing to decide on: refused. Someone not logged in is not told whether the
         * record exists. */
        if (app->require_login && !req->user) return not_logged_in(req, res);
        return refuse(req, res, 404, "Dit gegeven bestaat niet (meer).");
    }
    if (!app->require_login) {
        if (is_write(req) && !same_origin(req, 0))
            return refuse(req, res, 403, "Dit verzoek komt niet van pok zelf en is geweigerd.");
        return 0;
    }
    const char *muni = req->scope_muni;
    int pub = 0;
    PokErr err = {0};
    if (muni && r->cap == CAP_READ && store_municipality_public(app->store, muni, &pub, &err))
        return refuse(req, res, 500, "De database kon niet worden gelezen.");
    if (r->cap == CAP_NATIONAL) pub = app->public_national;
    SharingLevel level = SHARE_NONE;
    if (muni && r->cap == CAP_READ && req->user && req->user->role &&
        strcmp(req->user->role, "analist") == 0 &&
        store_sharing_get(app->store, muni, &level, &err))
        return refuse(req, res, 500, "De database kon niet worden gelezen.");
    if (level >= SHARE_NAMED) pub |= AUTHZ_SHARED;
    int allowed = authz_allows(req->user, r->cap, muni, pub) &&
                  (r->scope != SCOPE_USER || authz_may_manage(req->user, req->scope_user));
    if (!allowed) {
        if (!req->user) return not_logged_in(req, res);
        if (strcmp(req->path, "/") == 0 && req->user->n_municipalities > 0) {
            /* The overview of every municipality is not theirs: their own one instead. */
            web_error(res, 303, "Naar uw gemeente.");
            web_header_set(res, "Location",
                           arena_printf(&req->arena, "/gemeente/%s", req->user->municipalities[0]));
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
