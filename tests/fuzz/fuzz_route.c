/* fuzz_route.c: a request target (path and query) against route patterns of every shape
 * the route table uses. Whatever the bytes: at most one pattern matches; a match rebuilds
 * the path byte for byte from the pattern and its parameters, so each record has exactly
 * one spelling per route; an :id parameter is a canonical positive number equal to
 * req->record_id; a :code is capital letters and digits; and the query never changes
 * which route matched or which record it names. (The authorisation matrix in
 * tests/unit/test_authz.c runs the real table with every role.) */
#include "web/route.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One pattern of every shape in web_routes (src/web/route.c). */
static const char *const patterns[] = {
    "/",
    "/static/:name",
    "/gemeente/:code",
    "/gemeente/:code/dekking.csv",
    "/gemeente/:code/maatregelen",
    "/gemeente/:code/maatregelen.csv",
    "/maatregel/:id",
    "/maatregel/:id.csv",
    "/maatregel/:id/boekingen",
    "/maatregel/:id/boekingen.csv",
    "/maatregel/:id/wijzigingen",
    "/bron/:id",
    "/bron/:id.csv",
    "/gemeente/:code/bron/:id",
    "/gemeente/:code/bron/:id.csv",
    "/api/v1/gemeenten/:code/dekking",
};
#define N_PATTERNS (sizeof patterns / sizeof patterns[0])

/* The path pattern would have for req's parameters, into out. */
static void rebuild(const char *pattern, const WebRequest *req, char *out, size_t size)
{
    size_t o = 0;
    for (const char *p = pattern; *p && o + 1 < size;) {
        if (*p != ':') {
            out[o++] = *p++;
            continue;
        }
        size_t len = strcspn(p + 1, "/.");
        char name[32];
        if (len >= sizeof name) abort();
        memcpy(name, p + 1, len);
        name[len] = '\0';
        const char *v = web_path_param(req, name);
        if (!v) abort();
        o += (size_t)snprintf(out + o, size - o, "%s", v);
        p += len + 1;
    }
    out[o < size ? o : size - 1] = '\0';
}

/* Which pattern matches target's path (-1: none), checking every invariant. */
static int match(const char *target, int64_t *record_id)
{
    WebRequest req;
    web_request_init(&req, "GET", target);
    int found = -1;
    *record_id = 0;
    for (size_t i = 0; i < N_PATTERNS; i++) {
        if (!route_match(patterns[i], &req)) continue;
        if (found >= 0) abort(); /* two routes for one path */
        found = (int)i;
        char again[1024];
        rebuild(patterns[i], &req, again, sizeof again);
        if (strcmp(again, req.path) != 0) abort(); /* another spelling matched */
        const char *id = web_path_param(&req, "id");
        if (strstr(patterns[i], ":id")) {
            char canonical[32];
            if (!id || req.record_id < 1) abort();
            snprintf(canonical, sizeof canonical, "%lld", (long long)req.record_id);
            if (strcmp(canonical, id) != 0) abort();
            int64_t parsed;
            if (web_record_id(id, strlen(id), &parsed) || parsed != req.record_id) abort();
        } else if (req.record_id != 0 || id) {
            abort();
        }
        const char *code = web_path_param(&req, "code");
        for (const char *c = code; c && *c; c++)
            if (!((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'))) abort();
        *record_id = req.record_id;
        /* matching again gives the same (route_match resets what it fills) */
        if (!route_match(patterns[i], &req) || req.record_id != *record_id) abort();
    }
    web_request_free(&req);
    return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 900) return 0;
    char target[1024];
    memcpy(target, data, size);
    target[size] = '\0'; /* up to the first NUL, as http.c refuses %00 and NUL */
    int64_t id;
    int found = match(target, &id);
    /* the query is not part of the match: the path alone gives the same route and record */
    char *q = strchr(target, '?');
    if (q) {
        *q = '\0';
        int64_t bare_id;
        if (match(target, &bare_id) != found || bare_id != id) abort();
    }
    /* web_record_id alone on the raw bytes: accepts only what prints back the same */
    int64_t v;
    if (size < 32 && web_record_id((const char *)data, size, &v) == 0) {
        char back[32];
        snprintf(back, sizeof back, "%lld", (long long)v);
        if (strlen(back) != size || memcmp(back, data, size) != 0) abort();
    }
    return 0;
}
