/* request.h: pok's own request and response, independent of the HTTP library, so that
 * route handlers can be called and tested without sockets. http.c fills a WebRequest
 * from the connection and sends the WebResponse back. */
#ifndef POK_REQUEST_H
#define POK_REQUEST_H

#include "../store/store_users.h"
#include "../util.h"

/* Upper bound of a request body; larger bodies get 413. */
#define WEB_BODY_MAX ((size_t)1 << 20)
/* Upper bound of a response body (the largest download, every ledger booking of a
 * measure as CSV, is far below it); a handler going over it gets a 500 page. */
#define WEB_RESPONSE_MAX ((size_t)256 << 20)
#define WEB_MAX_PARAMS 64 /* query and path parameters, each */
/* Form parameters: a grid form (grid.h) posts one per cell, 8 actielijnen x 7 years of
 * POK or 2 x 17 years of a measure, plus its other fields; the body stays capped at
 * WEB_BODY_MAX. */
#define WEB_MAX_FORM_PARAMS 256
#define WEB_MAX_HEADERS 16 /* response headers */
/* multipart/form-data (a form with a file field): the whole body may be this large
 * unless pok serve --upload-max says otherwise (WebApp.upload_max); each file goes to a
 * temporary file as it arrives, the other fields are bounded by WEB_BODY_MAX together.
 * What a handler accepts per file is its own, smaller cap (upload.h). */
#define WEB_UPLOAD_MAX_DEFAULT ((size_t)100 << 20)
#define WEB_MAX_FILES 4 /* file fields per request */

/* Sent with every response: no scripts, styles and forms only from pok itself. */
#define WEB_CSP                                                                                    \
    "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "             \
    "frame-ancestors 'none'"

/* What every handler may use; one per server. */
typedef struct WebApp {
    Store *store;
    /* pok serve: the database store was opened on, so that it can open one connection
     * per request thread (store_pool.h), and how many (0: http.c chooses); NULL in the
     * tests, which serve from store alone. */
    const char *db_url;
    unsigned db_connections;
    const char *scheme; /* scheme code shown, NULL: POK */
    /* Its id when pok serve resolved it at the start (a scheme's id never changes), so a
     * page does not look it up again; 0: looked up by code (the tests). */
    int64_t scheme_id;
    /* 0: open, single-user mode without accounts (every route allowed; pok serve --open,
     * and the tests of pages and forms); 1: every route checks the role (authz.c). */
    int require_login;
    /* pok serve --public-national: the national monitor (CAP_NATIONAL routes) is readable
     * without logging in; it only ever shows what municipalities chose to share. */
    int public_national;
    /* pok serve --trust-proxy: behind a reverse proxy on this machine every connection
     * comes from loopback, so the client's address (login throttling per address) is
     * taken from the X-Real-IP header the proxy sets, for connections from loopback only. */
    int trust_proxy;
    /* The Host names pok answers to (DNS rebinding): the loopback names, the address it
     * listens on (listen, may be NULL) and those of pok serve --host (hosts: a
     * comma-separated list, may be NULL). authz_host_allowed decides. */
    const char *listen;
    const char *hosts;
    /* The lock of the store's slot in pok serve's pool, held while the request runs
     * (http.c sets it in the request's copy of the app; NULL in tests): see
     * web_store_release. */
    void *lock;
    /* The largest multipart body accepted, in bytes; 0: WEB_UPLOAD_MAX_DEFAULT. */
    size_t upload_max;
    /* The route table dispatched (NULL: web_routes); tests of the HTTP layer set their own. */
    const struct Route *routes;
    /* How long an uploaded document's reading is waited for before the browser gets the
     * page showing its progress, in ms; 0: WEB_READING_WAIT_MS, -1: not at all (pok serve
     * --read-wait). */
    int read_wait_ms;
} WebApp;

/* Around slow work that needs no store (checking a password with Argon2, tens of
 * milliseconds), a handler lets other requests use the store meanwhile; it must hold no
 * store statement or transaction across the gap. No-ops when app->lock is NULL. */
void web_store_release(WebApp *app);
void web_store_reacquire(WebApp *app);

typedef struct WebParam {
    const char *name, *value;
} WebParam;

typedef struct WebParams {
    WebParam items[WEB_MAX_FORM_PARAMS];
    size_t n;
} WebParams;

/* A file sent in a multipart/form-data field. Its bytes are in a temporary file that
 * web_request_free removes (upload.h reads it, or keeps it for a later request). */
typedef struct WebFile {
    const char *field;        /* the form field's name */
    const char *name;         /* the file name as sent, without any directory; may be "" */
    const char *content_type; /* as sent; "application/octet-stream" when none */
    const char *path;         /* the temporary file */
    size_t size;
} WebFile;

typedef struct WebRequest {
    Arena arena;                  /* owns every string below */
    const char *method;           /* "GET", "POST", ... */
    const char *path;             /* decoded, without the query string */
    WebParams query;              /* ?name=value */
    WebParams form;               /* the fields of an urlencoded or multipart body */
    WebFile files[WEB_MAX_FILES]; /* the files of a multipart body (upload.h) */
    size_t n_files;
    const char *content_type; /* of the body, as sent; NULL when none */
    WebParams path_params;    /* ":code" in the route pattern, filled by route_dispatch */
    /* Request headers (NULL when absent) and the client's address, set by http.c. */
    const char *cookie, *host, *origin, *referer, *sec_fetch_site;
    const char *address;
    /* Who is asking, set by route_dispatch (authz.c): NULL when nobody is logged in. */
    const User *user;
    const char *session_token; /* the pok_sessie cookie of a valid session */
    /* The record the route addresses, resolved once for the role check and the handler:
     * route.c reads the :id segment (canonical digits only), authz.c finds the
     * municipality it belongs to. A handler loads scope_muni and record_id, never its
     * own reading of the path or the query. */
    int64_t record_id;      /* the :id segment; 0 when the route has none */
    const char *scope_muni; /* the municipality the route is about; NULL: none, national */
    const User *scope_user; /* SCOPE_USER: the account the route is about */
    /* Set by web_param_add and web_params_parse when a parameter's name or value is not
     * valid text (text.h: not UTF-8, or a control character; lengths are checked where a
     * value is used): the Dutch message naming it, answered with 400. Nothing is added
     * then: web_param_add returns -1, web_params_parse -3. */
    const char *bad_text;
} WebRequest;

typedef struct WebResponse {
    int status;               /* 200 unless set */
    const char *content_type; /* a literal; default "text/html; charset=utf-8" */
    Buf body;
    WebParam headers[WEB_MAX_HEADERS]; /* names and values are owned (xstrdup) */
    size_t n_headers;
} WebResponse;

/* Set method and path (copied). A "?" in target starts the query string, which is
 * parsed into req->query, so tests can write web_request_init(&r, "GET", "/?q=over"). */
void web_request_init(WebRequest *req, const char *method, const char *target);
void web_request_free(WebRequest *req);

/* Add a decoded parameter (copied). Returns -1 when the limit of p is reached
 * (WEB_MAX_FORM_PARAMS for req->form, WEB_MAX_PARAMS for the others). */
int web_param_add(WebRequest *req, WebParams *p, const char *name, const char *value);
/* Parse "a=1&b=x+y%21" (percent and '+' decoding) into p. Returns -1 on too many, -2
 * (and adds nothing) when text holds a NUL byte, raw or as %00. */
int web_params_parse(WebRequest *req, WebParams *p, const char *text, size_t len);

/* Decode a form/query component (len bytes of s) into a: '+' is a space, %XX a byte; a
 * bad escape stays as is. The result may hold any byte: check it with text.h. */
char *web_url_decode(Arena *a, const char *s, size_t len);

/* The first value of name, or NULL. */
const char *web_param(const WebParams *p, const char *name);
const char *web_query(const WebRequest *req, const char *name);
const char *web_form(const WebRequest *req, const char *name);
const char *web_path_param(const WebRequest *req, const char *name);

void web_response_init(WebResponse *res);
void web_response_free(WebResponse *res);
/* Back to a fresh response (no headers, empty body), keeping the body's maximum. */
void web_response_reset(WebResponse *res);
/* Set (replace) a header; values are copied. Extra headers beyond the limit are a
 * programming error and stop pok. */
void web_header_set(WebResponse *res, const char *name, const char *value);
/* Add a header even when one of that name exists (a second Set-Cookie). */
void web_header_add(WebResponse *res, const char *name, const char *value);
/* The value of a response header (case-insensitive name), or NULL. */
const char *web_header(const WebResponse *res, const char *name);
/* The headers every response carries: the CSP and nosniff. */
void web_security_headers(WebResponse *res);

#endif
