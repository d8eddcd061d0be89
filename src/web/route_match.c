/* route_match.c: a request path against a route pattern: the one place where path
 * segments become parameters, and where a record id is read (route.h). Kept apart from
 * the route table so that it can be tested and fuzzed without the handlers. */
#include "route.h"

#include <string.h>

int web_record_id(const char *text, size_t len, int64_t *id)
{
    /* 18 digits always fit in int64_t; ids are far smaller. */
    if (len == 0 || len > 18 || text[0] < '1' || text[0] > '9') return -1;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9') return -1;
        v = v * 10 + (text[i] - '0');
    }
    if (id) *id = v;
    return 0;
}

/* Whether value (len bytes) may fill the parameter called name (see route.h). */
static int param_ok(const char *name, const char *value, size_t len)
{
    if (strcmp(name, "id") == 0) return web_record_id(value, len, NULL) == 0;
    if (strcmp(name, "code") == 0) {
        if (len == 0 || len > 16) return 0;
        for (size_t i = 0; i < len; i++)
            if (!((value[i] >= 'A' && value[i] <= 'Z') || (value[i] >= '0' && value[i] <= '9')))
                return 0;
        return 1;
    }
    return len > 0;
}

/* Match one parameter segment of the pattern (":name" or ":name.suffix", plen bytes)
 * against the path segment s (slen bytes); adds the parameter. */
static int match_param(WebRequest *req, const char *p, size_t plen, const char *s, size_t slen)
{
    char name[32], value[256];
    size_t nlen = 1;
    while (nlen < plen && p[nlen] != '.') nlen++;
    const char *suffix = p + nlen;
    size_t xlen = plen - nlen;
    if (nlen - 1 >= sizeof name || slen <= xlen || slen - xlen >= sizeof value) return 0;
    if (memcmp(s + slen - xlen, suffix, xlen) != 0) return 0;
    memcpy(name, p + 1, nlen - 1);
    name[nlen - 1] = '\0';
    size_t vlen = slen - xlen;
    if (!param_ok(name, s, vlen)) return 0;
    memcpy(value, s, vlen);
    value[vlen] = '\0';
    if (strcmp(name, "id") == 0) web_record_id(value, vlen, &req->record_id);
    return web_param_add(req, &req->path_params, name, value) == 0;
}

/* Match path against pattern segment by segment; fills req->path_params and
 * req->record_id. */
int route_match(const char *pattern, WebRequest *req)
{
    const char *p = pattern, *s = req->path;
    req->path_params.n = 0;
    req->record_id = 0;
    while (*p && *s) {
        if (*p != '/' || *s != '/') return 0;
        p++, s++;
        size_t plen = strcspn(p, "/"), slen = strcspn(s, "/");
        if (*p == ':') {
            if (!match_param(req, p, plen, s, slen)) return 0;
        } else if (plen != slen || memcmp(p, s, plen) != 0) {
            return 0;
        }
        p += plen, s += slen;
    }
    return *p == '\0' && *s == '\0';
}
