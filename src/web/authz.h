/* authz.h: who is asking and whether they may: the session behind the pok_sessie cookie,
 * the role check of a route's capability against the municipality it is about, and the
 * CSRF checks of state-changing requests. route_dispatch runs it before every handler. */
#ifndef POK_AUTHZ_H
#define POK_AUTHZ_H

#include "../store/store_users.h"
#include "route.h"

#define AUTHZ_COOKIE "pok_sessie"

/* What authz_allows knows of the municipality (flags): it publishes its figures (for
 * CAP_NATIONAL: the national monitor is public), and it shares them by name with the
 * national monitor (SHARE_NAMED and up), which an analist needs to read it. */
enum { AUTHZ_PUBLISHED = 1, AUTHZ_SHARED = 2 };
/* Whether user (NULL: nobody logged in) may use a route with capability cap about
 * municipality muni (NULL: none, or a national record), given the flags above. Pure: the
 * matrix of README "Accounts en rollen". */
int authz_allows(const User *user, RouteCap cap, const char *muni, int flags);

/* Whether manager (NULL: open mode) may manage the account target: the beheerder every
 * account, a gemeentebeheerder an account whose role it may grant (authz_may_grant). */
int authz_may_manage(const User *manager, const User *target);
/* Whether manager (NULL: open mode) may give an account role with the municipalities
 * munis: the beheerder anything; a gemeentebeheerder never more than it has itself:
 * gemeentebeheerder, redacteur or lezer of at least one municipality, all of them its
 * own. */
int authz_may_grant(const User *manager, const char *role, const char *const *munis, size_t n);

/* Fill req->user and req->session_token from the cookie, resolve the record the route
 * addresses (req->scope_muni, from req->record_id), decide whether route r may run, and
 * check the origin and CSRF token of a POST. Returns 0 to run the handler, or -1 with res
 * filled (303 to /inloggen, 401, 403, 404 for a record that cannot be resolved). In open
 * mode (app->require_login 0) every resolved route runs; only a cross-site POST is
 * refused. */
int authz_check(const Route *r, WebApp *app, WebRequest *req, WebResponse *res);

/* Whether a request with this Host header (name or address, with or without a port) is
 * for this pok: localhost, 127.0.0.0/8 and [::1], the listening address, and the names
 * of app->hosts, compared without regard to case. A missing or malformed Host, or
 * another name, is refused in every mode: a web page whose name was rebound to this
 * machine's address (DNS rebinding) must not reach pok. */
int authz_host_allowed(const WebApp *app, const char *host);

/* Whether the host part of an origin or URL ("http://h:p/x" -> "h:p") is host. */
int authz_same_host(const char *url, const char *host);

/* The CSRF token forms of this request carry, into out[65]; "" without a session. */
void authz_csrf_token(const WebRequest *req, char out[65]);

#endif
