/* http.h: pok serve's HTTP server on libmicrohttpd. This layer turns connections into
 * WebRequest, runs route_dispatch and sends the WebResponse; http.c is the only file that
 * includes microhttpd.h. */
#ifndef POK_HTTP_H
#define POK_HTTP_H

#include "request.h"

typedef struct HttpServer HttpServer;

/* Limits of the server. */
#define HTTP_THREADS_MIN 2        /* thread pool: one per core, at least */
#define HTTP_THREADS_MAX 16       /* and at most */
#define HTTP_CONNECTION_LIMIT 256 /* open connections at once */
/* Database connections of pok serve (store_pool.h), one per request thread: this many
 * per core, at most HTTP_DB_CONNECTIONS_MAX (pok serve --db-connections chooses another
 * number, such as more for a PostgreSQL server on its own machine). */
#define HTTP_SQLITE_CONNECTIONS_PER_CORE 2
#define HTTP_PG_CONNECTIONS_PER_CORE 1
#define HTTP_DB_CONNECTIONS_MAX 64
/* Open connections at once from one client address, so that one client (or a slow-loris
 * attack from it) cannot take all of them. A browser opens about six; an office behind
 * one address shares this. Behind a proxy (--trust-proxy) every connection comes from the
 * proxy: the limit is the proxy's to set then (limit_conn in nginx). */
#define HTTP_CONNECTIONS_PER_CLIENT 64
#define HTTP_TIMEOUT_SECONDS 30 /* idle connections are closed */
/* Per connection, for the request line, headers and buffers (the body is collected
 * apart, up to WEB_BODY_MAX). The library clears it after every request, so a larger
 * pool costs time on every request: 16 KiB holds headers as large as nginx accepts. */
#define HTTP_CONNECTION_MEMORY (16u * 1024u)

/* Start serving app on listen (an IPv4 or IPv6 address) and port (0: any free port);
 * a connection idle (or stalled mid-request) for timeout seconds is closed (0:
 * HTTP_TIMEOUT_SECONDS). Blocks SIGINT and SIGTERM in the calling thread first, so that
 * the server's threads inherit that and http_wait_for_signal receives them. Returns NULL
 * with err. */
HttpServer *http_start(WebApp *app, const char *listen, int port, int timeout, PokErr *err);
/* The port actually bound (useful with port 0). */
int http_port(const HttpServer *srv);
/* Wait until SIGINT or SIGTERM arrives; returns the signal. */
int http_wait_for_signal(void);
/* Stop accepting, finish and close connections, free the server. */
void http_stop(HttpServer *srv);

#endif
