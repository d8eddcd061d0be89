/* route.h: the route table: for every page and API call its method, path pattern and
 * handler, and the dispatch that picks one, answering 404 and 405 itself. */
#ifndef POK_ROUTE_H
#define POK_ROUTE_H

#include "request.h"

/* A handler fills res; status stays 200 unless it sets another. */
typedef void (*WebHandler)(WebApp *app, const WebRequest *req, WebResponse *res);

typedef struct Route {
    const char *method;  /* "GET" also answers HEAD */
    const char *pattern; /* "/gemeente/:code": a ":name" segment matches one segment */
    WebHandler handler;
} Route;

/* The table of pok serve, terminated by an entry with pattern NULL. */
extern const Route web_routes[];

/* Find the route for req in routes (NULL: web_routes), fill req's path parameters and
 * run its handler; no route: 404, only routes with other methods: 405 with Allow.
 * Every response gets the security headers. */
void route_dispatch(const Route *routes, WebApp *app, WebRequest *req, WebResponse *res);

/* Shared answers for handlers. */
void web_not_found(WebResponse *res, const char *what);            /* 404 page in the layout */
void web_error(WebResponse *res, int status, const char *message); /* status page */
void web_json_error(WebResponse *res, int status, const char *message);

#endif
