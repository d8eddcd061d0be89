/* request.c: see request.h. */
#include "request.h"

#include "../text.h"
#include "upload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *web_url_decode(Arena *a, const char *s, size_t len)
{
    char *out = arena_alloc(a, len + 1), *o = out;
    for (size_t i = 0; i < len; i++) {
        int hi, lo;
        if (s[i] == '+') {
            *o++ = ' ';
        } else if (s[i] == '%' && i + 2 < len && (hi = hex_value(s[i + 1])) >= 0 &&
                   (lo = hex_value(s[i + 2])) >= 0) {
            *o++ = (char)(hi * 16 + lo);
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

void web_request_init(WebRequest *req, const char *method, const char *target)
{
    memset(req, 0, sizeof *req);
    req->method = arena_strdup(&req->arena, method);
    const char *q = strchr(target, '?');
    size_t path_len = q ? (size_t)(q - target) : strlen(target);
    char *path = arena_alloc(&req->arena, path_len + 1);
    memcpy(path, target, path_len);
    req->path = path;
    if (q) web_params_parse(req, &req->query, q + 1, strlen(q + 1));
}

void web_request_free(WebRequest *req)
{
    web_files_remove(req);
    arena_free(&req->arena);
}

/* 0 when the name and value of a parameter are valid text (of any length: the body
 * limit bounds them here, the form readers per field); else -1 with req->bad_text
 * naming the parameter (the first one found). */
static int param_text_ok(WebRequest *req, const char *name, const char *value)
{
    TextScan scan;
    char why[160];
    int name_ok = text_scan(name, strlen(name), SIZE_MAX, &scan) == TEXT_OK;
    if (name_ok && text_scan(value, strlen(value), SIZE_MAX, &scan) == TEXT_OK) return 0;
    if (req->bad_text) return -1;
    text_describe(&scan, why, sizeof why);
    if (name_ok)
        req->bad_text = arena_printf(&req->arena,
                                     "Parameter '%.*s': %s. Stuur tekst als UTF-8, zonder "
                                     "stuurtekens.",
                                     (int)text_prefix_bytes(name, 60), name, why);
    else
        req->bad_text = arena_printf(&req->arena,
                                     "De naam van een parameter: %s. Stuur tekst als UTF-8, "
                                     "zonder stuurtekens.",
                                     why);
    return -1;
}

/* How many parameters p may hold: a form posts more than an address carries. */
static size_t params_max(const WebRequest *req, const WebParams *p)
{
    return p == &req->form ? WEB_MAX_FORM_PARAMS : WEB_MAX_PARAMS;
}

int web_param_add(WebRequest *req, WebParams *p, const char *name, const char *value)
{
    if (p->n >= params_max(req, p)) return -1;
    if (param_text_ok(req, name, value ? value : "")) return -1;
    p->items[p->n].name = arena_strdup(&req->arena, name);
    p->items[p->n].value = arena_strdup(&req->arena, value ? value : "");
    p->n++;
    return 0;
}

/* Whether s holds a NUL byte, raw or as %00: C strings would cut the value there. */
static int has_nul(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\0' || (s[i] == '%' && i + 2 < len && s[i + 1] == '0' && s[i + 2] == '0'))
            return 1;
    return 0;
}

int web_params_parse(WebRequest *req, WebParams *p, const char *text, size_t len)
{
    if (has_nul(text, len)) return -2;
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && text[end] != '&') end++;
        size_t eq = i;
        while (eq < end && text[eq] != '=') eq++;
        if (end > i) {
            if (p->n >= params_max(req, p)) return -1;
            const char *name = web_url_decode(&req->arena, text + i, eq - i);
            const char *value =
                eq < end ? web_url_decode(&req->arena, text + eq + 1, end - eq - 1) : "";
            if (param_text_ok(req, name, value)) return -3;
            p->items[p->n].name = name;
            p->items[p->n].value = value;
            p->n++;
        }
        i = end + 1;
    }
    return 0;
}

const char *web_param(const WebParams *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->items[i].name, name) == 0) return p->items[i].value;
    return NULL;
}

const char *web_query(const WebRequest *req, const char *name)
{
    return web_param(&req->query, name);
}
const char *web_form(const WebRequest *req, const char *name)
{
    return web_param(&req->form, name);
}
const char *web_path_param(const WebRequest *req, const char *name)
{
    return web_param(&req->path_params, name);
}

void web_response_init(WebResponse *res)
{
    memset(res, 0, sizeof *res);
    res->status = 200;
    res->content_type = "text/html; charset=utf-8";
    res->body.max = WEB_RESPONSE_MAX;
}

void web_response_free(WebResponse *res)
{
    buf_free(&res->body);
    for (size_t i = 0; i < res->n_headers; i++) {
        free((char *)res->headers[i].name);
        free((char *)res->headers[i].value);
    }
    res->n_headers = 0;
}

void web_response_reset(WebResponse *res)
{
    size_t max = res->body.max;
    web_response_free(res);
    web_response_init(res);
    res->body.max = max;
}

void web_header_set(WebResponse *res, const char *name, const char *value)
{
    for (size_t i = 0; i < res->n_headers; i++)
        if (strcasecmp(res->headers[i].name, name) == 0) {
            free((char *)res->headers[i].value);
            res->headers[i].value = xstrdup(value);
            return;
        }
    web_header_add(res, name, value);
}

void web_header_add(WebResponse *res, const char *name, const char *value)
{
    if (res->n_headers >= WEB_MAX_HEADERS) {
        fprintf(stderr, "pok: te veel antwoordkoppen (meer dan %d)\n", WEB_MAX_HEADERS);
        abort();
    }
    res->headers[res->n_headers].name = xstrdup(name);
    res->headers[res->n_headers].value = xstrdup(value);
    res->n_headers++;
}

const char *web_header(const WebResponse *res, const char *name)
{
    for (size_t i = 0; i < res->n_headers; i++)
        if (strcasecmp(res->headers[i].name, name) == 0) return res->headers[i].value;
    return NULL;
}

void web_security_headers(WebResponse *res)
{
    web_header_set(res, "Content-Security-Policy", WEB_CSP);
    web_header_set(res, "X-Content-Type-Options", "nosniff");
    web_header_set(res, "Referrer-Policy", "same-origin");
}
