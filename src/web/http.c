/* http.c: see http.h. Requests are answered by a thread pool; each request thread takes
 * a database connection of its own from a StorePool (store_pool.h), so requests run in
 * parallel. GET pages are kept, as ready library responses, in a WebCache (cache.h)
 * while the data version stays the same, so a repeated page costs one version read and
 * no rendering. */
#include "http.h"

#include "../store/store.h"
#include "authz.h"
#include "cache.h"
#include "route.h"
#include "store_pool.h"
#include "upload.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

struct HttpServer {
    struct MHD_Daemon *daemon;
    WebApp *app;
    StorePool *pool;
    pthread_mutex_t cache_lock;
    WebCache *cache;
};

/* A file of a multipart body as it arrives. */
typedef struct PartFile {
    char *field, *name, *type; /* in Pending.arena */
    char path[4096];           /* the temporary file; "" once handed to the request */
    size_t size;
} PartFile;

/* What a connection collects while its request body arrives: an urlencoded (or any
 * other) body in body, up to WEB_BODY_MAX; a multipart/form-data body through the
 * library's post processor into fields and files, up to WebApp.upload_max. */
typedef struct Pending {
    Buf body;
    int too_big;
    size_t received;              /* bytes of the body so far */
    int multipart;                /* a multipart/form-data body */
    struct MHD_PostProcessor *pp; /* its post processor while the body arrives */
    Arena arena;                  /* the fields' names and values, the files' names */
    WebParam fields[WEB_MAX_PARAMS];
    size_t n_fields;
    PartFile files[WEB_MAX_FILES];
    size_t n_files;
    /* The part being read: its field name, whether it is a file, its bytes so far. */
    const char *part_key;
    int part_is_file, part_open;
    Buf value;          /* a field's value */
    int fd;             /* a file's temporary file, or -1 */
    size_t field_bytes; /* of every field value: bounded by WEB_BODY_MAX */
    /* Why the body is refused (answered with refuse_status): a Dutch message, or NULL. */
    const char *refuse;
    int refuse_status;
} Pending;

typedef struct QueryFill {
    WebRequest *req;
    Buf *key; /* the cache key, or NULL */
    int too_many;
} QueryFill;

static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    QueryFill *q = cls;
    if (q->key) web_cache_key_param(q->key, key, value ? value : "");
    if (!q->req) return MHD_YES;
    if (web_param_add(q->req, &q->req->query, key, value ? value : "") == 0) return MHD_YES;
    q->too_many = 1;
    return MHD_NO;
}

/* The library's response for res (a copy of it), or NULL. */
static struct MHD_Response *make_response(const WebResponse *res)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        res->body.len, res->body.data ? res->body.data : (char *)"", MHD_RESPMEM_MUST_COPY);
    if (!r) return NULL;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, res->content_type);
    for (size_t i = 0; i < res->n_headers; i++)
        MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
    return r;
}

static void free_cached(void *handle)
{
    MHD_destroy_response(handle);
}

static int is_form(struct MHD_Connection *conn)
{
    const char *type =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    return type && strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0;
}

static int has_header(struct MHD_Connection *conn, const char *name)
{
    return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name) != NULL;
}

/* Whether this request may come from or go into the cache. */
static int cacheable(struct MHD_Connection *conn, const char *method)
{
    return web_cache_request_ok(method, has_header(conn, MHD_HTTP_HEADER_COOKIE) ||
                                            has_header(conn, MHD_HTTP_HEADER_AUTHORIZATION));
}

static int is_loopback_peer(const char *address)
{
    return strncmp(address, "127.", 4) == 0 || strcmp(address, "::1") == 0 ||
           strncmp(address, "::ffff:127.", 11) == 0;
}

/* A header value is used as an address only when it is one (no lists, ports, names). */
static int is_ip_address(const char *text)
{
    unsigned char buf[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, text, buf) == 1 || inet_pton(AF_INET6, text, buf) == 1;
}

/* The headers authz.c needs, and the client's address (for login throttling; from the
 * proxy's X-Real-IP with --trust-proxy). */
static void request_headers(struct MHD_Connection *conn, WebRequest *req, int srv_trusts_proxy)
{
    static const struct {
        const char *name;
        size_t offset;
    } wanted[] = {
        {MHD_HTTP_HEADER_COOKIE, offsetof(WebRequest, cookie)},
        {MHD_HTTP_HEADER_HOST, offsetof(WebRequest, host)},
        {MHD_HTTP_HEADER_ORIGIN, offsetof(WebRequest, origin)},
        {MHD_HTTP_HEADER_REFERER, offsetof(WebRequest, referer)},
        {"Sec-Fetch-Site", offsetof(WebRequest, sec_fetch_site)},
    };
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
        const char *v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, wanted[i].name);
        *(const char **)((char *)req + wanted[i].offset) = arena_strdup(&req->arena, v);
    }
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char text[INET6_ADDRSTRLEN] = "";
    if (info && info->client_addr) {
        const struct sockaddr *sa = info->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, text, sizeof text);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, text, sizeof text);
    }
    if (srv_trusts_proxy && is_loopback_peer(text)) {
        const char *real = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Real-IP");
        if (real && is_ip_address(real)) snprintf(text, sizeof text, "%s", real);
    }
    req->address = arena_strdup(&req->arena, text);
}

/* With slot held: the data version, or 0 when the store cannot tell (then nothing is
 * cached). */
static int data_version(HttpServer *srv, StoreSlot *slot, StoreDataVersion *v)
{
    PokErr err = {0};
    return store_pool_version(srv->pool, slot, v, &err) == 0;
}

void web_store_release(WebApp *app)
{
    if (app->lock) pthread_mutex_unlock(app->lock);
}

void web_store_reacquire(WebApp *app)
{
    if (app->lock) pthread_mutex_lock(app->lock);
}

/* Answer status with message at once, without the store. */
static enum MHD_Result answer_now(struct MHD_Connection *conn, int status, const char *message)
{
    WebResponse res;
    web_response_init(&res);
    web_error(&res, status, message);
    web_security_headers(&res);
    struct MHD_Response *r = make_response(&res);
    enum MHD_Result ok = r ? MHD_queue_response(conn, (unsigned)res.status, r) : MHD_NO;
    if (r) MHD_destroy_response(r);
    web_response_free(&res);
    return ok;
}

/* The Host header names this pok (authz_host_allowed): else 400 without one, 421 for
 * another name. Checked before the cache, so no page goes to a rebound name. */
static int host_refused(HttpServer *srv, struct MHD_Connection *conn, enum MHD_Result *ok)
{
    const char *host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    if (authz_host_allowed(srv->app, host)) return 0;
    *ok = host ? answer_now(conn, 421,
                            "Deze pok antwoordt niet op deze naam. Open pok via het adres dat "
                            "pok serve noemt, of start pok serve met --host NAAM.")
               : answer_now(conn, 400, "Het verzoek noemt geen Host; dat kan niet.");
    return 1;
}

/* Hand the fields and files of a multipart body to req (the files' temporary files are
 * req's to remove from now on). Returns 0, or -1 when a field is not valid text
 * (req->bad_text says which). */
static int take_multipart(Pending *p, WebRequest *req)
{
    int rc = 0;
    for (size_t i = 0; i < p->n_fields && rc == 0; i++)
        if (web_param_add(req, &req->form, p->fields[i].name, p->fields[i].value)) rc = -1;
    for (size_t i = 0; i < p->n_files; i++) {
        PartFile *f = &p->files[i];
        if (!f->path[0]) continue;
        if (rc == 0)
            web_file_take(req, f->field, f->name, f->type, f->path, f->size);
        else
            unlink(f->path);
        f->path[0] = '\0';
    }
    return rc;
}

/* Build the WebRequest, dispatch it under the lock (or answer from the cache) and queue
 * the response. body is NULL for a request without one; p is the multipart body whose
 * fields and files it holds, or NULL. */
static enum MHD_Result answer(HttpServer *srv, struct MHD_Connection *conn, const char *url,
                              const char *method, const Buf *body, Pending *p)
{
    enum MHD_Result refused;
    if (host_refused(srv, conn, &refused)) return refused;
    Buf key = {0};
    int use_cache = cacheable(conn, method);
    StoreSlot *slot = store_pool_take(srv->pool);
    /* The version before the page is made: a commit elsewhere while it is made changes
     * the version again, so such a page is never served as current. */
    StoreDataVersion v;
    int have_version = 0;
    if (use_cache) {
        web_cache_key_init(&key, method, url);
        QueryFill keyfill = {NULL, &key, 0};
        MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_query, &keyfill);
        if ((have_version = data_version(srv, slot, &v))) {
            pthread_mutex_lock(&srv->cache_lock);
            struct MHD_Response *hit = web_cache_get(srv->cache, &key, &v);
            if (hit) {
                /* Queue while holding the lock: the cache may free its reference after. */
                enum MHD_Result ok = MHD_queue_response(conn, MHD_HTTP_OK, hit);
                pthread_mutex_unlock(&srv->cache_lock);
                store_pool_give(slot);
                buf_free(&key);
                return ok;
            }
            pthread_mutex_unlock(&srv->cache_lock);
        }
    }

    WebRequest req;
    WebResponse res;
    web_response_init(&res);
    /* MHD hands over the path already decoded and without its query string. */
    web_request_init(&req, method, "");
    req.path = arena_strdup(&req.arena, url);
    req.content_type =
        arena_strdup(&req.arena, MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                             MHD_HTTP_HEADER_CONTENT_TYPE));
    request_headers(conn, &req, srv->app->trust_proxy);
    QueryFill fill = {&req, NULL, 0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_query, &fill);
    struct MHD_Response *r = NULL;
    int form_rc = 0;
    if (p && p->multipart)
        form_rc = take_multipart(p, &req) ? -3 : 0;
    else if (body && is_form(conn))
        form_rc = web_params_parse(&req, &req.form, body->data ? body->data : "", body->len);
    if (fill.too_many || form_rc) {
        store_pool_give(slot);
        web_error(&res, 400,
                  form_rc == -2 ? "Het formulier bevat een NUL-teken (%00); dat kan niet."
                                : "Te veel parameters in het verzoek.");
        if (req.bad_text) web_error(&res, 400, req.bad_text); /* not UTF-8 (request.c) */
        web_security_headers(&res);
        r = make_response(&res);
        enum MHD_Result ok = r ? MHD_queue_response(conn, (unsigned)res.status, r) : MHD_NO;
        if (r) MHD_destroy_response(r);
        web_request_free(&req);
        web_response_free(&res);
        buf_free(&key);
        return ok;
    }
    /* The handlers see the app with this request's store; a handler that lets go of it
     * for slow work unlocks the slot (web_store_release). */
    WebApp app = *srv->app;
    app.store = slot->store;
    app.lock = &slot->lock;
    route_dispatch(srv->app->routes, &app, &req, &res);
    store_pool_give(slot);
    r = make_response(&res);
    enum MHD_Result ok = r ? MHD_queue_response(conn, (unsigned)res.status, r) : MHD_NO;
    pthread_mutex_lock(&srv->cache_lock);
    /* A POST (or any other method) may have changed anything. */
    if (!use_cache) web_cache_clear(srv->cache);
    /* The connection holds its own reference now; the cache takes ours. */
    if (r && use_cache && have_version && web_cache_response_ok(&res))
        web_cache_put(srv->cache, &key, &v, r, res.body.len);
    else if (r)
        MHD_destroy_response(r);
    pthread_mutex_unlock(&srv->cache_lock);
    web_request_free(&req);
    web_response_free(&res);
    buf_free(&key);
    return ok;
}

/* Answer 413 (the body is over WEB_BODY_MAX). */
static enum MHD_Result answer_too_big(struct MHD_Connection *conn)
{
    return answer_now(conn, 413, "Het verzoek is groter dan 1 MiB.");
}

/* ---- multipart/form-data, through the library's post processor ---- */

static int is_multipart(struct MHD_Connection *conn)
{
    const char *type =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    return type && strncasecmp(type, "multipart/form-data", 19) == 0;
}

/* Refuse the body with status and message (the first reason found is kept); returns
 * MHD_NO so the post processor stops. */
static enum MHD_Result part_refuse(Pending *p, int status, const char *message)
{
    if (!p->refuse) {
        p->refuse = message;
        p->refuse_status = status;
    }
    return MHD_NO;
}

/* Finish the part being read: a field's value joins the fields, a file is closed. */
static int part_close(Pending *p)
{
    if (!p->part_open) return 0;
    p->part_open = 0;
    if (p->part_is_file) {
        int bad = p->fd >= 0 && close(p->fd) != 0;
        p->fd = -1;
        if (bad) return part_refuse(p, 500, "Het bestand kon niet worden bewaard."), -1;
        return 0;
    }
    if (p->n_fields >= WEB_MAX_PARAMS)
        return part_refuse(p, 400, "Te veel parameters in het verzoek."), -1;
    if (memchr(p->value.data ? p->value.data : "", '\0', p->value.len))
        return part_refuse(p, 400, "Het formulier bevat een NUL-teken; dat kan niet."), -1;
    char *value = arena_alloc(&p->arena, p->value.len + 1);
    if (p->value.len) memcpy(value, p->value.data, p->value.len);
    p->fields[p->n_fields].name = p->part_key;
    p->fields[p->n_fields].value = value;
    p->n_fields++;
    buf_reset(&p->value);
    return 0;
}

/* Start a part: a field (filename NULL) or a file, streamed into a temporary file. */
static int part_open(Pending *p, const char *key, const char *filename, const char *type)
{
    if (part_close(p)) return -1;
    p->part_open = 1;
    p->part_key = arena_strdup(&p->arena, key ? key : "");
    p->part_is_file = filename != NULL;
    if (!p->part_is_file) return 0;
    if (p->n_files >= WEB_MAX_FILES)
        return part_refuse(p, 400, "Het formulier bevat te veel bestanden."), -1;
    PartFile *f = &p->files[p->n_files];
    p->fd = web_upload_tmp(f->path, sizeof f->path);
    if (p->fd < 0) {
        f->path[0] = '\0';
        return part_refuse(p, 500, "Het bestand kon niet worden bewaard."), -1;
    }
    f->field = (char *)p->part_key;
    f->name = arena_strdup(&p->arena, filename);
    f->type = arena_strdup(&p->arena, type);
    f->size = 0;
    p->n_files++;
    return 0;
}

static int write_all(int fd, const char *data, size_t size)
{
    while (size > 0) {
        ssize_t n = write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        data += n;
        size -= (size_t)n;
    }
    return 0;
}

/* The post processor's callback: data of the part key (a file when filename is set),
 * at offset off within it. A part starts at offset 0; the library may report its start
 * once without data. */
static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    Pending *p = cls;
    if (p->refuse) return MHD_NO;
    int same = p->part_open && strcmp(p->part_key, key ? key : "") == 0 &&
               p->part_is_file == (filename != NULL);
    int started =
        p->part_is_file ? p->n_files && p->files[p->n_files - 1].size > 0 : p->value.len > 0;
    if (off == 0 && (!same || started) && part_open(p, key, filename, content_type)) return MHD_NO;
    if (!size) return MHD_YES;
    if (p->part_is_file) {
        if (write_all(p->fd, data, size))
            return part_refuse(p, 500, "Het bestand kon niet worden bewaard.");
        p->files[p->n_files - 1].size += size;
        return MHD_YES;
    }
    p->field_bytes += size;
    if (p->field_bytes > WEB_BODY_MAX)
        return part_refuse(p, 413, "De velden van het formulier zijn samen groter dan 1 MiB.");
    buf_append(&p->value, data, size);
    return MHD_YES;
}

/* The first call of a multipart request: its post processor, or a refusal. */
static enum MHD_Result start_multipart(HttpServer *srv, struct MHD_Connection *conn, Pending *p,
                                       const char *length)
{
    long long n;
    p->fd = -1;
    if (length && parse_int(length, 0, (long long)web_upload_cap(srv->app), &n) != 0) {
        p->too_big = 1;
        return answer_now(conn, 413,
                          arena_printf(&p->arena, "Het verzoek is groter dan %zu MiB.",
                                       web_upload_cap(srv->app) >> 20));
    }
    p->multipart = 1;
    p->pp = MHD_create_post_processor(conn, 64 * 1024, on_part, p);
    if (!p->pp) {
        p->too_big = 1; /* nothing more is read */
        return answer_now(conn, 400,
                          "Het formulier is niet goed opgebouwd: de grens (boundary) tussen de "
                          "velden ontbreekt of is ongeldig.");
    }
    return MHD_YES;
}

/* A chunk of a multipart body. */
static void feed_multipart(HttpServer *srv, Pending *p, const char *data, size_t size)
{
    p->received += size;
    if (p->received > web_upload_cap(srv->app))
        part_refuse(p, 413,
                    arena_printf(&p->arena, "Het verzoek is groter dan %zu MiB.",
                                 web_upload_cap(srv->app) >> 20));
    if (p->refuse || !p->pp) return;
    if (MHD_post_process(p->pp, data, size) != MHD_YES)
        part_refuse(p, 400, "Het formulier is niet goed opgebouwd (multipart/form-data).");
}

/* The whole multipart body has arrived: answer it, or its refusal. */
static enum MHD_Result finish_multipart(HttpServer *srv, struct MHD_Connection *conn,
                                        const char *url, const char *method, Pending *p)
{
    /* Destroying the processor reports the last part's remaining bytes. */
    enum MHD_Result done = MHD_destroy_post_processor(p->pp);
    p->pp = NULL;
    if (done != MHD_YES)
        part_refuse(p, 400, "Het formulier is niet goed opgebouwd (multipart/form-data).");
    if (!p->refuse) part_close(p);
    if (p->refuse) return answer_now(conn, p->refuse_status, p->refuse);
    return answer(srv, conn, url, method, NULL, p);
}

/* Free what a multipart body left: its post processor, open and unclaimed files. */
static void free_multipart(Pending *p)
{
    if (p->pp) MHD_destroy_post_processor(p->pp);
    if (p->fd >= 0) close(p->fd);
    for (size_t i = 0; i < p->n_files; i++)
        if (p->files[i].path[0]) unlink(p->files[i].path);
    buf_free(&p->value);
    arena_free(&p->arena);
}

/* The con_cls of a GET or HEAD without a body: nothing to collect, nothing to free.
 * (Answering on the first call would cost keep-alive: the library closes then.) */
static Pending no_body;

/* Whether the request is a GET or HEAD without a body. */
static int bodiless_read(struct MHD_Connection *conn, const char *method)
{
    return (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) &&
           !has_header(conn, MHD_HTTP_HEADER_CONTENT_LENGTH) &&
           !has_header(conn, MHD_HTTP_HEADER_TRANSFER_ENCODING);
}

/* The con_cls of a request whose target is refused before the library parses it (see
 * on_uri): answered with 400 at once. */
static Pending bad_nul, bad_params;

/* Answer 400 for a refused target. */
_Static_assert(WEB_MAX_PARAMS == 64, "the message below names the limit");
static enum MHD_Result answer_bad_target(struct MHD_Connection *conn, const Pending *why)
{
    return answer_now(conn, 400,
                      why == &bad_nul ? "Het adres bevat een NUL-teken (%00); dat kan niet."
                                      : "Te veel parameters in het adres (meer dan 64).");
}

/* The raw request target, before the library decodes it; the return value becomes the
 * request's con_cls. A %00 would reach pok as a cut-off string ("/gemeente/GM1734%00x"
 * as "/gemeente/GM1734"): refused. More query parameters than WEB_MAX_PARAMS are refused
 * too, and the query string is cut off here, because the library keeps every parameter in
 * the connection's 16 KiB memory pool and, when that runs out, leaves the connection
 * hanging without an answer until the time-out (libmicrohttpd 0.9.75). The target lies in
 * the library's own writable read buffer; the const is the API's promise to callers that
 * only log. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    if (strstr(uri, "%00")) return &bad_nul;
    char *query = strchr(uri, '?');
    if (!query) return NULL;
    size_t params = 1;
    for (const char *c = query + 1; *c; c++) params += *c == '&';
    if (params <= WEB_MAX_PARAMS) return NULL;
    query[1] = '\0';
    return &bad_params;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    HttpServer *srv = cls;
    Pending *p = *con_cls;
    if (p == &bad_nul || p == &bad_params) return answer_bad_target(conn, p);
    if (p == &no_body) return answer(srv, conn, url, method, NULL, NULL);
    if (!p) {
        if (bodiless_read(conn, method)) {
            *con_cls = &no_body;
            return MHD_YES;
        }
        p = xcalloc(1, sizeof *p);
        p->fd = -1;
        *con_cls = p;
        const char *length =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (strcmp(method, "POST") == 0 && is_multipart(conn))
            return start_multipart(srv, conn, p, length);
        long long n;
        /* A body announced too large is refused at once, before a byte of it is read
         * (the library then closes the connection), rather than after waiting for it. */
        if (length && (parse_int(length, 0, (long long)WEB_BODY_MAX, &n) != 0)) {
            p->too_big = 1;
            return answer_too_big(conn);
        }
        return MHD_YES;
    }
    if (*upload_data_size && p->multipart) {
        feed_multipart(srv, p, upload_data, *upload_data_size);
        *upload_data_size = 0;
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
    if (p->too_big) return answer_too_big(conn);
    if (p->multipart && p->pp) return finish_multipart(srv, conn, url, method, p);
    return answer(srv, conn, url, method, &p->body, NULL);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    Pending *p = *con_cls;
    if (!p || p == &no_body || p == &bad_nul || p == &bad_params) return;
    free_multipart(p);
    buf_free(&p->body);
    free(p);
    *con_cls = NULL;
}

/* Small responses go out at once instead of waiting for more to send (Nagle). */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    if (code != MHD_CONNECTION_NOTIFY_STARTED) return;
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    int one = 1;
    if (info) setsockopt(info->connect_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* The thread pool: one thread per core, within limits. */
static unsigned pool_size(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < HTTP_THREADS_MIN) return HTTP_THREADS_MIN;
    if (cores > HTTP_THREADS_MAX) return HTTP_THREADS_MAX;
    return (unsigned)cores;
}

/* The database connections, and as many request threads: app->db_connections, else per
 * core HTTP_SQLITE_CONNECTIONS_PER_CORE for SQLite (a writer waiting for the write lock
 * sleeps, and the other threads go on meanwhile) and HTTP_PG_CONNECTIONS_PER_CORE for
 * PostgreSQL on the same machine (more only add contention for the cores the server
 * needs); see bench/README.md for the measurements. */
static unsigned connections(const WebApp *app)
{
    if (app->db_connections) return app->db_connections;
    unsigned n = pool_size() * (app->store && store_versions_comparable(app->store)
                                    ? HTTP_PG_CONNECTIONS_PER_CORE
                                    : HTTP_SQLITE_CONNECTIONS_PER_CORE);
    return n > HTTP_DB_CONNECTIONS_MAX ? HTTP_DB_CONNECTIONS_MAX : n;
}

static sigset_t stop_signals(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

HttpServer *http_start(WebApp *app, const char *listen, int port, int timeout, PokErr *err)
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

    unsigned threads = app->db_url ? connections(app) : pool_size();
    StorePool *pool = store_pool_open(app->store, app->db_url, threads, err);
    if (!pool) {
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        return NULL;
    }
    HttpServer *srv = xcalloc(1, sizeof *srv);
    srv->app = app;
    srv->pool = pool;
    pthread_mutex_init(&srv->cache_lock, NULL);
    srv->cache = web_cache_new(WEB_CACHE_ENTRIES, WEB_CACHE_BYTES, free_cached);
    srv->daemon = MHD_start_daemon(
        flags, (uint16_t)port, NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR, addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)HTTP_CONNECTION_LIMIT, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)(app->trust_proxy ? 0 : HTTP_CONNECTIONS_PER_CLIENT),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(timeout > 0 ? timeout : HTTP_TIMEOUT_SECONDS),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_CONNECTION_MEMORY,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv, MHD_OPTION_NOTIFY_CONNECTION, on_connection,
        srv, MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv, MHD_OPTION_END);
    if (!srv->daemon) {
        err_set(err, "kan niet luisteren op %s poort %d (is de poort al in gebruik?)", listen,
                port);
        store_pool_close(srv->pool);
        pthread_mutex_destroy(&srv->cache_lock);
        web_cache_free(srv->cache);
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
    store_pool_close(srv->pool);
    web_cache_free(srv->cache);
    pthread_mutex_destroy(&srv->cache_lock);
    free(srv);
}
