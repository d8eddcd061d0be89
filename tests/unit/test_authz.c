/* test_authz.c: the authorisation matrix. Every route of web_routes is called through
 * route_dispatch with every role (beheerder, redacteur of GM1734, lezer of GM1734,
 * analist, nobody, and nobody on the published GM1773) against records of GM1734 and
 * GM0362 (and GM1773), and the outcome (allowed, login needed, forbidden) is compared
 * with the intended matrix, which this file states independently of src/web/authz.c.
 * Also: another municipality's measure changed by id (IDOR), and posts without, with a
 * wrong, or with another session's CSRF token, or from another site. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "auth.h"
#include "demo/demo.h"
#include "store/store.h"
#include "web/authz.h"
#include "web/route.h"

#include "support/testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { R_BEHEERDER, R_REDACTEUR, R_LEZER, R_ANALIST, R_NONE, N_ROLES };
static const char *const role_names[N_ROLES] = {"beheerder", "redacteur", "lezer", "analist", NULL};

/* What the route is, judged from its method and path (not from its table entry). */
typedef enum { K_PUBLIC, K_LOGIN, K_READ_ALL, K_READ, K_EDIT, K_ADMIN } Kind;
typedef enum { ALLOWED, LOGIN, FORBIDDEN } Outcome;

typedef struct Target {
    const char *code;
    char measure[24], source[24];
} Target;

typedef struct TestAuthz {
    TestDb db;
    char tokens[N_ROLES][AUTH_TOKEN_TEXT];
    Target targets[3]; /* GM1734, GM0362, GM1773 (published) */
    char national_source[24];
} TestAuthz;

static int add_user(TestAuthz *t, int role, const char *name, const char *muni)
{
    PokErr err = {0};
    const char *munis[1] = {muni};
    User u = {.name = name,
              .role = role_names[role],
              .password_hash = "$argon2id$niet-gebruikt",
              .municipalities = muni ? munis : NULL,
              .n_municipalities = muni ? 1 : 0};
    char hash[AUTH_HASH_TEXT];
    int64_t sid;
    auth_token_new(t->tokens[role]);
    auth_token_hash(t->tokens[role], hash);
    if (store_user_add(t->db.s, &u, &err) ||
        store_session_add(t->db.s, hash, u.id, (int64_t)time(NULL), &sid, &err)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    return 0;
}

static int find_records(TestAuthz *t, Target *tg)
{
    PokErr err = {0};
    Arena a = {0};
    Scheme sc;
    MuniData d;
    Source *src;
    size_t n;
    if (store_scheme_get(t->db.s, "POK", &a, &sc, &err) != 1 ||
        store_load(t->db.s, tg->code, sc.id, &a, &d, &err) != 1 || d.n_measures == 0 ||
        store_source_list(t->db.s, tg->code, &a, &src, &n, &err))
        return -1;
    snprintf(tg->measure, sizeof tg->measure, "%lld", (long long)d.measures[0].id);
    for (size_t i = 0; i < n; i++) {
        if (src[i].municipality && strcmp(src[i].municipality, tg->code) == 0)
            snprintf(tg->source, sizeof tg->source, "%lld", (long long)src[i].id);
        else if (!src[i].municipality)
            snprintf(t->national_source, sizeof t->national_source, "%lld", (long long)src[i].id);
    }
    arena_free(&a);
    return tg->source[0] && t->national_source[0] ? 0 : -1;
}

static int authz_setup(void **state)
{
    TestAuthz *t = calloc(1, sizeof *t);
    if (!t) return -1;
    if (testdb_open_demo(&t->db, "authz", NULL, NULL)) return -1;
    PokErr err = {0};
    if (store_municipality_public_set(t->db.s, "GM1773", 1, &err)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    if (add_user(t, R_BEHEERDER, "bea", NULL) || add_user(t, R_REDACTEUR, "rob", "GM1734") ||
        add_user(t, R_LEZER, "lies", "GM1734") || add_user(t, R_ANALIST, "ali", NULL))
        return -1;
    const char *codes[3] = {"GM1734", "GM0362", "GM1773"};
    for (int i = 0; i < 3; i++) {
        t->targets[i].code = codes[i];
        if (find_records(t, &t->targets[i])) {
            fprintf(stderr, "setup: no measure or source of %s\n", codes[i]);
            return -1;
        }
    }
    t->db.app.require_login = 1;
    *state = t;
    return 0;
}

static int authz_teardown(void **state)
{
    TestAuthz *t = *state;
    testdb_close(&t->db);
    free(t);
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix);
    return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

static Kind kind_of(const Route *r)
{
    const char *p = r->pattern;
    if (strncmp(p, "/static/", 8) == 0 || strcmp(p, "/inloggen") == 0) return K_PUBLIC;
    if (strcmp(p, "/uitloggen") == 0) return K_LOGIN;
    if (strncmp(p, "/beheer", 7) == 0 || strstr(p, "verwijder") || strstr(p, "heropen"))
        return K_ADMIN;
    if (strcmp(p, "/") == 0 || strcmp(p, "/gemeenten.csv") == 0 ||
        strcmp(p, "/api/v1/gemeenten") == 0)
        return K_READ_ALL;
    if (strcmp(r->method, "GET") != 0 || ends_with(p, "/nieuw") || ends_with(p, "/bewerken") ||
        ends_with(p, "/bedrag"))
        return K_EDIT;
    return K_READ;
}

/* The intended matrix. muni NULL: a national record. */
static Outcome intended(int role, Kind k, const char *muni)
{
    int home = muni && strcmp(muni, "GM1734") == 0;
    int published = muni && strcmp(muni, "GM1773") == 0;
    if (role == R_NONE) {
        if (k == K_PUBLIC || (k == K_READ && published)) return ALLOWED;
        return LOGIN;
    }
    switch (k) {
    case K_PUBLIC:
    case K_LOGIN:
        return ALLOWED;
    case K_READ_ALL:
        return role == R_BEHEERDER || role == R_ANALIST ? ALLOWED : FORBIDDEN;
    case K_READ:
        if (!muni || role == R_BEHEERDER || role == R_ANALIST || home || published) return ALLOWED;
        return FORBIDDEN;
    case K_EDIT:
        return role == R_BEHEERDER || (role == R_REDACTEUR && home) ? ALLOWED : FORBIDDEN;
    case K_ADMIN:
        return role == R_BEHEERDER ? ALLOWED : FORBIDDEN;
    }
    return FORBIDDEN;
}

/* The pattern with its parameters filled for target (national: the national source). */
static void fill(const TestAuthz *t, const Route *r, const Target *tg, int national, char *out,
                 size_t size)
{
    const char *p = r->pattern;
    size_t o = 0;
    while (*p && o + 1 < size) {
        if (*p == ':') {
            size_t len = strcspn(p + 1, "/");
            const char *v = "x";
            if (strncmp(p + 1, "code", len) == 0) v = tg->code;
            if (strncmp(p + 1, "name", len) == 0) v = "pok.css";
            if (strncmp(p + 1, "id", len) == 0)
                v = strncmp(r->pattern, "/bron/", 6) == 0
                        ? (national ? t->national_source : tg->source)
                        : tg->measure;
            o += (size_t)snprintf(out + o, size - o, "%s", v);
            p += len + 1;
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
}

/* Dispatch method path as role; posts carry a good CSRF token and origin unless csrf
 * says otherwise. Returns the status; *location gets a copy of Location (or ""). */
static int call(TestAuthz *t, int role, const char *method, const char *path, const char *csrf,
                const char *origin, char location[128])
{
    WebRequest req;
    WebResponse res;
    web_request_init(&req, method, path);
    web_response_init(&res);
    char cookie[128] = "";
    if (role != R_NONE) snprintf(cookie, sizeof cookie, "theme=x; pok_sessie=%s", t->tokens[role]);
    req.cookie = cookie[0] ? cookie : NULL;
    req.host = "127.0.0.1:8080";
    req.origin = origin;
    req.address = "127.0.0.1";
    char good[AUTH_HASH_TEXT] = "";
    if (role != R_NONE) auth_csrf_token(t->tokens[role], good);
    if (strcmp(method, "POST") == 0) {
        req.content_type = "application/x-www-form-urlencoded";
        web_param_add(&req, &req.form, "csrf", csrf ? csrf : good);
    }
    route_dispatch(NULL, &t->db.app, &req, &res);
    int status = res.status;
    const char *loc = web_header(&res, "Location");
    snprintf(location, 128, "%s", loc ? loc : "");
    web_request_free(&req);
    web_response_free(&res);
    return status;
}

static Outcome outcome_of(int status, const char *path, const char *location)
{
    if (status == 401 && strncmp(path, "/api/", 5) == 0) return LOGIN;
    if (status == 303 && strcmp(location, "/inloggen") == 0 && strcmp(path, "/uitloggen") != 0)
        return LOGIN;
    if (status == 403) return FORBIDDEN;
    /* The overview sends a redacteur or lezer to their own municipality instead. */
    if (status == 303 && strcmp(path, "/") == 0 && strncmp(location, "/gemeente/", 10) == 0)
        return FORBIDDEN;
    return ALLOWED;
}

static const char *outcome_name(Outcome o)
{
    return o == ALLOWED ? "toegestaan" : o == LOGIN ? "inloggen" : "verboden";
}

static void test_route_caps_match_kinds(void **state)
{
    (void)state;
    static const RouteCap expected_cap[] = {
        [K_PUBLIC] = CAP_PUBLIC, [K_LOGIN] = CAP_LOGIN, [K_READ_ALL] = CAP_READ_ALL,
        [K_READ] = CAP_READ,     [K_EDIT] = CAP_EDIT,   [K_ADMIN] = CAP_ADMIN};
    int bad = 0;
    for (const Route *r = web_routes; r->pattern; r++) {
        Kind k = kind_of(r);
        if (r->cap != expected_cap[k]) {
            fprintf(stderr, "route %s %s: capability %d, expected %d\n", r->method, r->pattern,
                    r->cap, expected_cap[k]);
            bad++;
        }
        /* A route about one municipality must say how to find it. */
        if ((k == K_READ || k == K_EDIT) && r->scope == SCOPE_NONE) {
            fprintf(stderr, "route %s %s: no scope\n", r->method, r->pattern);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_matrix(void **state)
{
    TestAuthz *t = *state;
    int bad = 0, calls = 0;
    for (const Route *r = web_routes; r->pattern; r++) {
        if (strcmp(r->pattern, "/uitloggen") == 0) continue; /* would end the session */
        Kind k = kind_of(r);
        int national_too = strncmp(r->pattern, "/bron/", 6) == 0;
        for (int role = 0; role < N_ROLES; role++)
            for (int ti = 0; ti < 3; ti++)
                for (int nat = 0; nat <= national_too; nat++) {
                    const Target *tg = &t->targets[ti];
                    char path[256], location[128];
                    fill(t, r, tg, nat, path, sizeof path);
                    const char *muni = nat ? NULL : tg->code;
                    if (r->scope == SCOPE_NONE) muni = NULL;
                    Outcome want = intended(role, k, muni);
                    int status =
                        call(t, role, r->method, path, NULL, "http://127.0.0.1:8080", location);
                    Outcome got = outcome_of(status, path, location);
                    calls++;
                    if (got != want) {
                        fprintf(stderr, "%s %s as %s: %s (status %d), expected %s\n", r->method,
                                path, role_names[role] ? role_names[role] : "niemand",
                                outcome_name(got), status, outcome_name(want));
                        bad++;
                    }
                }
    }
    assert_true(calls > 500);
    assert_int_equal(bad, 0);
}

static void test_logout(void **state)
{
    TestAuthz *t = *state;
    char location[128];
    assert_int_equal(call(t, R_LEZER, "GET", "/gemeente/GM1734", NULL, NULL, location), 200);
    assert_int_equal(call(t, R_LEZER, "GET", "/", NULL, NULL, location), 303);
    assert_string_equal(location, "/gemeente/GM1734");
    assert_int_equal(call(t, R_ANALIST, "GET", "/", NULL, NULL, location), 200);
    assert_int_equal(
        call(t, R_LEZER, "POST", "/uitloggen", "fout", "http://127.0.0.1:8080", location), 403);
    assert_int_equal(
        call(t, R_LEZER, "POST", "/uitloggen", NULL, "http://127.0.0.1:8080", location), 303);
    assert_int_equal(call(t, R_LEZER, "GET", "/gemeente/GM1734", NULL, NULL, location), 303);
    assert_string_equal(location, "/inloggen");
}

static void test_idor_and_csrf(void **state)
{
    TestAuthz *t = *state;
    char location[128], path[128];
    const char *origin = "http://127.0.0.1:8080";
    /* The redacteur of GM1734 changes a GM0362 measure by its id: refused, nothing saved. */
    snprintf(path, sizeof path, "/maatregel/%s/bewerken", t->targets[1].measure);
    PokErr err = {0};
    Arena a = {0};
    Measure before, after;
    int64_t id = atoll(t->targets[1].measure);
    assert_int_equal(store_measure_get(t->db.s, id, &a, &before, &err), 1);
    WebRequest req;
    WebResponse res;
    web_request_init(&req, "POST", path);
    web_response_init(&res);
    char cookie[100], good[AUTH_HASH_TEXT];
    snprintf(cookie, sizeof cookie, "pok_sessie=%s", t->tokens[R_REDACTEUR]);
    auth_csrf_token(t->tokens[R_REDACTEUR], good);
    req.cookie = cookie;
    req.host = "127.0.0.1:8080";
    req.origin = origin;
    web_param_add(&req, &req.form, "csrf", good);
    web_param_add(&req, &req.form, "naam", "Overgenomen");
    web_param_add(&req, &req.form, "bevestigen", "1");
    route_dispatch(NULL, &t->db.app, &req, &res);
    assert_int_equal(res.status, 403);
    web_request_free(&req);
    web_response_free(&res);
    assert_int_equal(store_measure_get(t->db.s, id, &a, &after, &err), 1);
    assert_string_equal(before.name, after.name);
    /* The amount and evaluation forms of that measure too. */
    snprintf(path, sizeof path, "/maatregel/%s/bedrag", t->targets[1].measure);
    assert_int_equal(call(t, R_REDACTEUR, "POST", path, NULL, origin, location), 403);
    snprintf(path, sizeof path, "/maatregel/%s/evaluatie/nieuw", t->targets[1].measure);
    assert_int_equal(call(t, R_REDACTEUR, "POST", path, NULL, origin, location), 403);

    /* CSRF on an allowed post: no token, a wrong one, another session's, another site. */
    const char *own = "/gemeente/GM1734/besluit/nieuw";
    char other[AUTH_HASH_TEXT];
    auth_csrf_token(t->tokens[R_BEHEERDER], other);
    assert_int_equal(call(t, R_REDACTEUR, "POST", own, "", origin, location), 403);
    assert_int_equal(call(t, R_REDACTEUR, "POST", own, "0123abcd", origin, location), 403);
    assert_int_equal(call(t, R_REDACTEUR, "POST", own, other, origin, location), 403);
    assert_int_equal(call(t, R_REDACTEUR, "POST", own, NULL, "http://evil.example", location), 403);
    assert_int_equal(call(t, R_REDACTEUR, "POST", own, NULL, NULL, location), 403); /* no origin */
    /* With everything right the form is checked (422: the fields are empty). */
    assert_int_equal(call(t, R_REDACTEUR, "POST", own, NULL, origin, location), 422);
    arena_free(&a);
}

static void test_forms_carry_token(void **state)
{
    TestAuthz *t = *state;
    WebRequest req;
    WebResponse res;
    web_request_init(&req, "GET", "/gemeente/GM1734/besluit/nieuw");
    web_response_init(&res);
    char cookie[100], good[AUTH_HASH_TEXT], field[128];
    snprintf(cookie, sizeof cookie, "pok_sessie=%s", t->tokens[R_REDACTEUR]);
    auth_csrf_token(t->tokens[R_REDACTEUR], good);
    req.cookie = cookie;
    route_dispatch(NULL, &t->db.app, &req, &res);
    assert_int_equal(res.status, 200);
    snprintf(field, sizeof field, "name=\"csrf\" value=\"%s\"", good);
    assert_non_null(strstr(res.body.data, field));
    assert_null(strstr(res.body.data, t->tokens[R_REDACTEUR])); /* never the session token */
    assert_non_null(strstr(res.body.data, "action=\"/uitloggen\""));
    web_request_free(&req);
    web_response_free(&res);
}

static void test_open_mode(void **state)
{
    TestAuthz *t = *state;
    char location[128];
    t->db.app.require_login = 0;
    /* Without accounts every page opens, but another site still cannot post. */
    assert_int_equal(call(t, R_NONE, "GET", "/gemeente/GM0362", NULL, NULL, location), 200);
    assert_int_equal(call(t, R_NONE, "POST", "/gemeente/GM1734/besluit/nieuw", "", NULL, location),
                     422);
    assert_int_equal(call(t, R_NONE, "POST", "/gemeente/GM1734/besluit/nieuw", "",
                          "http://evil.example", location),
                     403);
    t->db.app.require_login = 1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_route_caps_match_kinds),
        cmocka_unit_test_setup_teardown(test_matrix, authz_setup, authz_teardown),
        cmocka_unit_test_setup_teardown(test_idor_and_csrf, authz_setup, authz_teardown),
        cmocka_unit_test_setup_teardown(test_forms_carry_token, authz_setup, authz_teardown),
        cmocka_unit_test_setup_teardown(test_logout, authz_setup, authz_teardown),
        cmocka_unit_test_setup_teardown(test_open_mode, authz_setup, authz_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
