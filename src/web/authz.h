/* authz.h: who is asking and whether they may: the session behind the pok_sessie cookie,
 * the role check of a route's capability against the municipality it is about, and the
 * CSRF checks of state-changing requests. route_dispatch runs it before every handler. */
#ifndef POK_AUTHZ_H
#define POK_AUTHZ_H

#include "route.h"

#define AUTHZ_COOKIE "pok_sessie"

/* Whether user (NULL: nobody logged in) may use a route with capability cap about
 * municipality muni (NULL: none, or a national record); muni_public says whether that
 * municipality publishes its figures. Pure: the matrix of README "Accounts en rollen". */
int authz_allows(const User *user, RouteCap cap, const char *muni, int muni_public);

/* Fill req->user and req->session_token from the cookie, decide whether route r may
 * run, and check the origin and CSRF token of a POST. Returns 0 to run the handler, or
 * -1 with res filled (303 to /inloggen, 401, 403). In open mode (app->require_login 0)
 * only a cross-site POST is refused. */
int authz_check(const Route *r, WebApp *app, WebRequest *req, WebResponse *res);

/* The CSRF token forms of this request carry, into out[65]; "" without a session. */
void authz_csrf_token(const WebRequest *req, char out[65]);

#endif
