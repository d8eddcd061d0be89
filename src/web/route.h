/* route.h: the route table: for every page and API call its method, path pattern and
 * handler, and the dispatch that picks one, answering 404 and 405 itself. */
#ifndef POK_ROUTE_H
#define POK_ROUTE_H

#include "request.h"

/* A handler fills res; status stays 200 unless it sets another. */
typedef void (*WebHandler)(WebApp *app, const WebRequest *req, WebResponse *res);

/* What a route needs of the person asking (authz.c checks it before the handler runs,
 * so no handler can forget; README "Accounts en rollen"). */
typedef enum RouteCap {
    CAP_PUBLIC = 0, /* anyone: static files, the login page */
    CAP_LOGIN,      /* anyone logged in (logout) */
    CAP_READ_ALL,   /* every municipality at once: beheerder and analist */
    /* the national monitor (what municipalities chose to share): anyone logged in, and
     * nobody logged in when pok serve --public-national */
    CAP_NATIONAL,
    CAP_READ,  /* the scope's municipality: granted, all-reading, or published */
    CAP_EDIT,  /* change the scope's municipality: beheerder, or its redacteur */
    CAP_ADMIN, /* beheerder only */
    /* manage the scope's municipality (reopen its years) or, for SCOPE_USER, the account
     * :id: the beheerder, or the gemeentebeheerder of that municipality (of every
     * municipality of the account); without a scope any gemeentebeheerder, whose pages
     * then show only their own municipalities' users */
    CAP_MANAGE
} RouteCap;

/* Which municipality a CAP_READ or CAP_EDIT route is about. authz.c resolves it before
 * the handler runs, into req->scope_muni; a route whose record cannot be resolved is
 * refused (404, or the login page for someone not logged in), never waved through. */
typedef enum RouteScope {
    SCOPE_NONE = 0,
    SCOPE_CODE,            /* the :code segment */
    SCOPE_MEASURE,         /* the :id segment is a measure: its municipality */
    SCOPE_MEASURE_HISTORY, /* a measure, or a deleted one: the municipality of its history */
    SCOPE_SOURCE,          /* the :id segment is a source: its municipality, or national */
    SCOPE_CODE_SOURCE,     /* :code, and :id a source of that municipality or a national one */
    SCOPE_USER             /* the :id segment is an account (req->scope_user) */
} RouteScope;

typedef struct Route {
    const char *method; /* "GET" also answers HEAD */
    /* "/gemeente/:code": a ":name" segment matches one segment; ":id" only a record id
     * in canonical form (digits, no leading zero, no sign), ":code" only a CBS-style code
     * (capital letters and digits); a literal may follow the name in the same segment
     * (":id.csv"), so every spelling of a path has at most one route. */
    const char *pattern;
    WebHandler handler;
    RouteCap cap;
    RouteScope scope;
} Route;

/* The table of pok serve, terminated by an entry with pattern NULL. */
extern const Route web_routes[];

/* Find the route for req in routes (NULL: web_routes), fill req's path parameters and
 * run its handler; no route: 404, only routes with other methods: 405 with Allow.
 * Every response gets the security headers. */
void route_dispatch(const Route *routes, WebApp *app, WebRequest *req, WebResponse *res);

/* Whether req->path matches pattern (route.h's rules for parameters); fills
 * req->path_params and req->record_id (route_match.c). */
int route_match(const char *pattern, WebRequest *req);

/* A record id in its one accepted spelling: len bytes of digits without a leading zero,
 * at most 18 of them. 0 with *id set (id may be NULL), -1 for anything else. */
int web_record_id(const char *text, size_t len, int64_t *id);

/* Shared answers for handlers. */
void web_not_found(WebResponse *res, const char *what);            /* 404 page in the layout */
void web_error(WebResponse *res, int status, const char *message); /* status page */
void web_json_error(WebResponse *res, int status, const char *message);

#endif
