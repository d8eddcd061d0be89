/* http.c: see http.h. Requests are answered by a thread pool; handlers share one Store
 * (one SQLite connection), so dispatch is serialised by a mutex. */
#include "http.h"

#include "route.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct HttpServer {
    struct MHD_Daemon *daemon;
    WebApp *app;
    pthread_mutex_t lock;
};

/* What a connection collects while its request body arrives. */
typedef struct Pending {
    Buf body;
    int too_big;
} Pending;

typedef struct QueryFill {
    WebRequest *req;
    int too_many;
} QueryFill;

static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    QueryFill *q = cls;
    if (web_param_add(q->req, &q->req->query, key, value ? value : "") == 0) return MHD_YES;
    q->too_many = 1;
    return MHD_NO;
}

static enum MHD_Result send_response(struct MHD_Connection *conn, WebResponse *res)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        res->body.len, res->body.data ? res->body.data : (char *)"", MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, res->content_type);
    for (size_t i = 0; i < res->n_headers; i++)
        MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)res->status, r);
    MHD_destroy_response(r);
    return ok;
}

static int is_form(struct MHD_Connection *conn)
{
    const char *type =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    return type && strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0;
}

/* Build the WebRequest, dispatch it under the lock, fill res. */
static void answer(HttpServer *srv, struct MHD_Connection *conn, const char *url,
                   const char *method, Pending *p, WebResponse *res)
{
    WebRequest req;
    /* MHD hands over the path already decoded and without its query string. */
    web_request_init(&req, method, "");
    req.path = arena_strdup(&req.arena, url);
    QueryFill fill = {&req, 0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_query, &fill);
    if (fill.too_many ||
        (is_form(conn) &&
         web_params_parse(&req, &req.form, p->body.data ? p->body.data : "", p->body.len))) {
        web_error(res, 400, "Te veel parameters in het verzoek.");
        web_security_headers(res);
    } else {
        pthread_mutex_lock(&srv->lock);
        route_dispatch(NULL, srv->app, &req, res);
        pthread_mutex_unlock(&srv->lock);
    }
    web_request_free(&req);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    HttpServer *srv = cls;
    Pending *p = *con_cls;
    if (!p) {
        p = xcalloc(1, sizeof *p);
        *con_cls = p;
        const char *length =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        long long n;
        if (length && (parse_int(length, 0, (long long)WEB_BODY_MAX, &n) != 0)) p->too_big = 1;
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!p->too_big && p->body.len + *upload_data_size > WEB_BODY_MAX) {
            p->too_big = 1;
            buf_free(&p->body);
        }
        if (!p->too_big) buf_append(&p->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    WebResponse res;
    web_response_init(&res);
    if (p->too_big) {
        web_error(&res, 413, "Het verzoek is groter dan 1 MiB.");
        web_security_headers(&res);
    } else {
        answer(srv, conn, url, method, p, &res);
    }
    enum MHD_Result ok = send_response(conn, &res);
    web_response_free(&res);
    return ok;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    Pending *p = *con_cls;
    if (!p) return;
    buf_free(&p->body);
    free(p);
    *con_cls = NULL;
}

static sigset_t stop_signals(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

HttpServer *http_start(WebApp *app, const char *listen, int port, PokErr *err)
{
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;
    struct sockaddr *addr;
    unsigned flags = MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    if (port < 0 || port > 65535) {
        err_set(err, "veld 'port': verwacht een poort van 0 tot en met 65535, niet %d", port);
        return NULL;
    }
    memset(&v4, 0, sizeof v4);
    memset(&v6, 0, sizeof v6);
    if (inet_pton(AF_INET, listen, &v4.sin_addr) == 1) {
        v4.sin_family = AF_INET;
        v4.sin_port = htons((uint16_t)port);
        addr = (struct sockaddr *)&v4;
    } else if (inet_pton(AF_INET6, listen, &v6.sin6_addr) == 1) {
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons((uint16_t)port);
        addr = (struct sockaddr *)&v6;
        flags |= MHD_USE_IPv6;
    } else {
        err_set(err, "veld 'listen': verwacht een IP-adres zoals 127.0.0.1 of ::1, niet '%s'",
                listen);
        return NULL;
    }
    sigset_t set = stop_signals();
    pthread_sigmask(SIG_BLOCK, &set, NULL);

    HttpServer *srv = xcalloc(1, sizeof *srv);
    srv->app = app;
    pthread_mutex_init(&srv->lock, NULL);
    srv->daemon =
        MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR,
                         addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)HTTP_THREADS,
                         MHD_OPTION_CONNECTION_LIMIT, (unsigned)HTTP_CONNECTION_LIMIT,
                         MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)HTTP_TIMEOUT_SECONDS,
                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_CONNECTION_MEMORY,
                         MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv, MHD_OPTION_END);
    if (!srv->daemon) {
        err_set(err, "kan niet luisteren op %s poort %d (is de poort al in gebruik?)", listen,
                port);
        pthread_mutex_destroy(&srv->lock);
        free(srv);
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        return NULL;
    }
    return srv;
}

int http_port(const HttpServer *srv)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

int http_wait_for_signal(void)
{
    sigset_t set = stop_signals();
    int sig = 0;
    while (sigwait(&set, &sig) != 0) {
    }
    return sig;
}

void http_stop(HttpServer *srv)
{
    if (!srv) return;
    MHD_stop_daemon(srv->daemon);
    pthread_mutex_destroy(&srv->lock);
    free(srv);
}
