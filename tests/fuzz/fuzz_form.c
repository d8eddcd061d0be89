/* fuzz_form.c: web_params_parse over arbitrary bytes (a form body) and web_request_init
 * with an arbitrary target never crash; the parameters stay within their bound
 * (WEB_MAX_FORM_PARAMS for a form, WEB_MAX_PARAMS for a query), each
 * decoded name and value is no longer than the input, and lookups find the first one. */
#include "web/request.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_params(const WebParams *p, size_t max, size_t size)
{
    if (p->n > max) abort();
    for (size_t i = 0; i < p->n; i++) {
        if (!p->items[i].name || !p->items[i].value) abort();
        if (strlen(p->items[i].name) > size || strlen(p->items[i].value) > size) abort();
        /* web_param returns the first parameter of that name. */
        const char *v = web_param(p, p->items[i].name);
        size_t first = 0;
        while (strcmp(p->items[first].name, p->items[i].name) != 0) first++;
        if (v != p->items[first].value) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The body as the server hands it over: bytes with a length, maybe NULs inside. */
    char *body = malloc(size ? size : 1);
    if (!body) return 0;
    memcpy(body, data, size);
    WebRequest req;
    web_request_init(&req, "POST", "/");
    int rc = web_params_parse(&req, &req.form, body, size);
    if (rc == -1 && req.form.n != WEB_MAX_FORM_PARAMS) abort(); /* -1 only when full */
    if (rc == -2 && req.form.n != 0) abort();                   /* -2: NUL, nothing added */
    if (rc == 0 && (memchr(body, 0, size) || memmem(body, size, "%00", 3))) abort();
    check_params(&req.form, WEB_MAX_FORM_PARAMS, size);
    web_request_free(&req);
    free(body);

    /* The same bytes as a request target (up to the first NUL). */
    char *target = malloc(size + 1);
    if (!target) return 0;
    memcpy(target, data, size);
    target[size] = '\0';
    web_request_init(&req, "GET", target);
    const char *q = strchr(target, '?');
    size_t path_len = q ? (size_t)(q - target) : strlen(target);
    if (strlen(req.path) != path_len || memcmp(req.path, target, path_len) != 0) abort();
    check_params(&req.query, WEB_MAX_PARAMS, size);
    web_request_free(&req);
    free(target);
    return 0;
}
