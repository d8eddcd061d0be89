/* test_authz.c: the authorisation matrix, generated from the route table. Every route of
 * web_routes is called through route_dispatch with every role (beheerder, gemeentebeheerder,
 * redacteur and lezer of GM1734, analist, nobody, and nobody on the published GM1773)
 * against records and accounts of GM1734, GM0362 and GM1773 and national sources, and
 * the outcome (allowed,
 * login needed, forbidden, not found) is compared with the intended matrix, which this
 * file states independently of src/web/authz.c. Each route is also called with its ids
 * in every other spelling a parser might accept (suffixes, leading zeros, signs, spaces,
 * hex, other digits), with query parameters naming another municipality or record, and
 * with the id of a deleted measure; none of these may ever show what the plain call
 * would refuse. Also: another municipality's measure changed by id (IDOR), and posts
 * without, with a wrong, or with another session's CSRF token, or from another site. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "auth.h"
#include "demo/demo.h"
#include "store/store_audit.h"
#include "store/store_records.h"
#include "store/store_reference.h"
#include "store/store_sharing.h"
#include "store/store_source_file.h"
#include "store/store_users.h"
#include "web/authz.h"
#include "web/route.h"

#include "support/testdb.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/valgrind.h>

enum { R_BEHEERDER, R_GEMEENTEBEHEERDER, R_REDACTEUR, R_LEZER, R_ANALIST, R_NONE, N_ROLES };
static const char *const role_names[N_ROLES] = {"beheerder", "gemeentebeheerder", "redacteur",
                                                "lezer",     "analist",           NULL};

/* What the route is, judged from its method and path (not from its table entry). */
typedef enum { K_PUBLIC, K_LOGIN, K_READ_ALL, K_READ, K_EDIT, K_ADMIN, K_MANAGE, K_NATIONAL } Kind;
typedef enum { ALLOWED, LOGIN, FORBIDDEN, NOT_FOUND } Outcome;

typedef struct Target {
    const char *code;
    char measure[24], source[24];
    char user[24];                             /* an account (lezer) of this municipality */
    char measure_name[200], source_title[300]; /* must not appear where access is refused */
} Target;

typedef struct TestAuthz {
    TestDb db;
    char tokens[N_ROLES][AUTH_TOKEN_TEXT];
    Target targets[3]; /* GM1734, GM0362, GM1773 (published) */
    char national_source[24];
    char deleted_measure[24]; /* a measure of GM0362 that was deleted */
} TestAuthz;

/* An account of muni without a session: what the account routes are about. */
static int add_member(Target *tg, TestAuthz *t)
{
    PokErr err = {0};
    const char *munis[1] = {tg->code};
    User u = {.name = NULL,
              .role = "lezer",
              .password_hash = "$argon2id$niet-gebruikt",
              .municipalities = munis,
              .n_municipalities = 1};
    char name[32];
    snprintf(name, sizeof name, "lezer-%s", tg->code);
    u.name = name;
    if (store_user_add(t->db.s, &u, &err)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    snprintf(tg->user, sizeof tg->user, "%lld", (long long)u.id);
    return 0;
}

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
    snprintf(tg->measure_name, sizeof tg->measure_name, "%s", d.measures[0].name);
    for (size_t i = 0; i < n; i++) {
        if (src[i].municipality && strcmp(src[i].municipality, tg->code) == 0) {
            snprintf(tg->source, sizeof tg->source, "%lld", (long long)src[i].id);
            snprintf(tg->source_title, sizeof tg->source_title, "%s", src[i].title);
        } else if (!src[i].municipality)
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
        add_user(t, R_GEMEENTEBEHEERDER, "gera", "GM1734") ||
        add_user(t, R_LEZER, "lies", "GM1734") || add_user(t, R_ANALIST, "ali", NULL))
        return -1;
    const char *codes[3] = {"GM1734", "GM0362", "GM1773"};
    for (int i = 0; i < 3; i++) {
        t->targets[i].code = codes[i];
        if (find_records(t, &t->targets[i]) || add_member(&t->targets[i], t)) {
            fprintf(stderr, "setup: no measure or source of %s\n", codes[i]);
            return -1;
        }
    }
    /* The sources addressed are ones with a document file, so that its download route
     * (/bron/ID/bestand) has something to show or to refuse. */
    for (int i = 0; i <= 3; i++) {
        Target *tg = i < 3 ? &t->targets[i] : NULL;
        char *id = tg ? tg->source : t->national_source;
        Source src = {.kind = "brief",
                      .title = tg ? (tg == &t->targets[0]   ? "Document met bestand GM1734"
                                     : tg == &t->targets[1] ? "Document met bestand GM0362"
                                                            : "Document met bestand GM1773")
                                  : "Landelijk document met bestand",
                      .municipality = tg ? tg->code : NULL};
        SourceFile file = {.name = "brief.pdf",
                           .content_type = "application/pdf",
                           .data = "%PDF-1.4 geheim",
                           .size = 15};
        if (store_source_add_with_file(t->db.s, &src, &file, &err)) {
            fprintf(stderr, "setup: %s\n", err.msg);
            return -1;
        }
        snprintf(id, 24, "%lld", (long long)src.id);
        if (tg) snprintf(tg->source_title, sizeof tg->source_title, "%s", src.title);
    }
    /* A measure of GM0362 that is deleted: its history stays GM0362's. */
    Arena a = {0};
    Scheme sc;
    MuniData d;
    if (store_scheme_get(t->db.s, "POK", &a, &sc, &err) != 1 ||
        store_load(t->db.s, "GM0362", sc.id, &a, &d, &err) != 1) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    Measure gone = {.municipality = "GM0362", .scheme_id = sc.id, .name = "Verwijderd geheim"};
    if (store_measure_add(t->db.s, &gone, &err) ||
        store_delete(t->db.s, "measure", gone.id, "test", &err)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    snprintf(t->deleted_measure, sizeof t->deleted_measure, "%lld", (long long)gone.id);
    arena_free(&a);
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
    if (strncmp(p, "/static/", 8) == 0 || strcmp(p, "/inloggen") == 0 ||
        strcmp(p, "/api/openapi.json") == 0)
        return K_PUBLIC;
    if (strcmp(p, "/uitloggen") == 0) return K_LOGIN;
    /* the national monitor: what municipalities share, for anyone logged in */
    if (strncmp(p, "/landelijk", 10) == 0 || strncmp(p, "/api/v1/landelijk", 17) == 0 ||
        strncmp(p, "/api/v2/landelijk", 17) == 0)
        return K_NATIONAL;
    /* the grids (page_grid_*.c) */
    if (ends_with(p, "/toekenningen/invoeren") || ends_with(p, "/bedragen")) return K_EDIT;
    if (strstr(p, "heropen") || strncmp(p, "/gebruiker", 10) == 0 || ends_with(p, "/delen"))
        return K_MANAGE;
    /* /bron/nieuw adds a national source: for every municipality at once */
    if (strncmp(p, "/beheer", 7) == 0 || strstr(p, "verwijder") || strcmp(p, "/bron/nieuw") == 0 ||
        strncmp(p, "/import/", 8) == 0)
        return K_ADMIN;
    if (strcmp(p, "/") == 0 || strcmp(p, "/gemeenten.csv") == 0 ||
        strcmp(p, "/api/v1/gemeenten") == 0 || strcmp(p, "/api/v2/gemeenten") == 0)
        return K_READ_ALL;
    /* a document read to be checked stores nothing: a reader's, its post too (only
     * /document/opslaan, which stores, is an editor's: page_read.h) */
    if (ends_with(p, "/document/inlezen")) return K_READ;
    if (strcmp(r->method, "GET") != 0 || ends_with(p, "/nieuw") || ends_with(p, "/bewerken") ||
        ends_with(p, "/bedrag") || ends_with(p, "/afsluiten") || ends_with(p, "/import"))
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
    case K_NATIONAL:
        return ALLOWED;
    case K_READ_ALL:
        return role == R_BEHEERDER || role == R_ANALIST ? ALLOWED : FORBIDDEN;
    case K_READ:
        if (!muni || role == R_BEHEERDER || role == R_ANALIST || home || published) return ALLOWED;
        return FORBIDDEN;
    case K_EDIT:
        return role == R_BEHEERDER || ((role == R_REDACTEUR || role == R_GEMEENTEBEHEERDER) && home)
                   ? ALLOWED
                   : FORBIDDEN;
    case K_ADMIN:
        return role == R_BEHEERDER ? ALLOWED : FORBIDDEN;
    case K_MANAGE: /* the accounts and years of its own municipality; no muni: its own list */
        return role == R_BEHEERDER || (role == R_GEMEENTEBEHEERDER && (!muni || home)) ? ALLOWED
                                                                                       : FORBIDDEN;
    }
    return FORBIDDEN;
}

/* What a route's :id names, judged from its path (not from its table entry). */
static int about_measure(const Route *r)
{
    return strstr(r->pattern, "/maatregel/:id") != NULL;
}
static int about_source(const Route *r)
{
    return strstr(r->pattern, "/bron/:id") != NULL;
}
static int about_user(const Route *r)
{
    return strstr(r->pattern, "/gebruiker/:id") != NULL;
}

/* What fills the :id of route r for target (national: the national source), or NULL when
 * the route has no :id. */
static const char *id_for(const TestAuthz *t, const Route *r, const Target *tg, int national)
{
    if (about_measure(r)) return tg->measure;
    if (about_source(r)) return national ? t->national_source : tg->source;
    if (about_user(r)) return tg->user;
    return NULL;
}

/* The pattern with its parameters filled: :code with code, :id with id written as the
 * printf format spelling (e.g. "0%s"), :name with a static file; a literal after the
 * parameter (":id.csv") is kept. */
static void fill(const Route *r, const char *code, const char *id, const char *spelling, char *out,
                 size_t size)
{
    const char *p = r->pattern;
    size_t o = 0;
    while (*p && o + 1 < size) {
        if (*p == ':') {
            size_t len = strcspn(p + 1, "/.");
            char v[128] = "x";
            if (strncmp(p + 1, "code", len) == 0 && len == 4) snprintf(v, sizeof v, "%s", code);
            if (strncmp(p + 1, "name", len) == 0 && len == 4) snprintf(v, sizeof v, "pok.css");
            if (strncmp(p + 1, "id", len) == 0 && len == 2 && id) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
                snprintf(v, sizeof v, spelling, id);
#pragma GCC diagnostic pop
            }
            o += (size_t)snprintf(out + o, size - o, "%s", v);
            p += len + 1;
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
}

typedef struct Answer {
    int status;
    char location[128];
    int leaked; /* the body shows a name of the target's records */
} Answer;

/* Dispatch method path as role; posts carry a good CSRF token and origin unless csrf
 * says otherwise. tg (may be NULL): whose record names must not leak. */
static Answer call_as(TestAuthz *t, int role, const char *method, const char *path,
                      const char *csrf, const char *origin, const Target *tg)
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
    Answer ans = {.status = res.status};
    const char *loc = web_header(&res, "Location");
    snprintf(ans.location, sizeof ans.location, "%s", loc ? loc : "");
    const char *body = res.body.data ? res.body.data : "";
    ans.leaked = tg && ((tg->measure_name[0] && strstr(body, tg->measure_name)) ||
                        (tg->source_title[0] && strstr(body, tg->source_title)) ||
                        strstr(body, "Verwijderd geheim"));
    web_request_free(&req);
    web_response_free(&res);
    return ans;
}

static int call(TestAuthz *t, int role, const char *method, const char *path, const char *csrf,
                const char *origin, char location[128])
{
    Answer a = call_as(t, role, method, path, csrf, origin, NULL);
    snprintf(location, 128, "%s", a.location);
    return a.status;
}

static Outcome outcome_of(int status, const char *target, const char *location)
{
    char path[256];
    snprintf(path, sizeof path, "%.*s", (int)strcspn(target, "?"), target);
    if (status == 401 && strncmp(path, "/api/", 5) == 0) return LOGIN;
    if (status == 303 && strcmp(location, "/inloggen") == 0 && strcmp(path, "/uitloggen") != 0)
        return LOGIN;
    if (status == 403) return FORBIDDEN;
    if (status == 404) return NOT_FOUND;
    /* The overview sends a redacteur or lezer to their own municipality instead. */
    if (status == 303 && strcmp(path, "/") == 0 && strncmp(location, "/gemeente/", 10) == 0)
        return FORBIDDEN;
    return ALLOWED;
}

static const char *outcome_name(Outcome o)
{
    return o == ALLOWED     ? "toegestaan"
           : o == LOGIN     ? "inloggen"
           : o == NOT_FOUND ? "onbekend"
                            : "verboden";
}

/* The outcome of a GET that may redirect within pok (a national source opened with
 * ?gemeente= goes to that municipality's page): the redirect is followed once. */
static Outcome outcome_followed(TestAuthz *t, int role, const char *method, const char *path,
                                const Target *tg, int *leaked)
{
    Answer a = call_as(t, role, method, path, NULL, "http://127.0.0.1:8080", tg);
    *leaked = a.leaked;
    Outcome o = outcome_of(a.status, path, a.location);
    if (o == ALLOWED && a.status == 303 && strcmp(path, "/") != 0 && a.location[0] == '/') {
        Answer b = call_as(t, role, method, a.location, NULL, "http://127.0.0.1:8080", tg);
        *leaked = b.leaked;
        o = outcome_of(b.status, a.location, b.location);
    }
    return o;
}

typedef struct Tally {
    int calls, bad;
} Tally;

/* Record one call: got must be want (or, with any_refusal, any refusal at all), and a
 * refused answer must not show the target's names. */
static void judge(Tally *tl, const Route *r, const char *path, int role, Outcome got, int leaked,
                  Outcome want, int any_refusal, const char *what)
{
    tl->calls++;
    int ok = any_refusal ? got != ALLOWED : got == want;
    if (got != ALLOWED && leaked) ok = 0;
    if (ok) return;
    fprintf(stderr, "%s %s (%s) as %s: %s%s, expected %s\n", r->method, path, what,
            role_names[role] ? role_names[role] : "niemand", outcome_name(got),
            leaked ? " and the body shows the record" : "",
            any_refusal ? "a refusal" : outcome_name(want));
    tl->bad++;
}

/* Spellings of an id that are not its one canonical form ("%s"); each must find no
 * record, whatever a handler's own parser might make of it. */
static const char *const other_spellings[] = {
    "%s.csv", "%s.CSV", "%s.json", "%s.html",        "%s/",        "0%s",  "00%s",      "+%s",
    "-%s",    " %s",    "%s ",     "%s\t",           "%s.0",       "%s,0", "%s;",       "%se0",
    "0x%s",   "%s%%00", "%s%%2e",  "\xef\xbc\x91%s", "%s\xc2\xa0", "%s..", "%s.csv.csv"};

/* Whether path is the plain form of some route of r's method (".csv" added to an id is
 * the CSV route of that record, not another spelling of it). */
static int is_canonical(const Route *r, const char *code, const char *id, const char *path)
{
    for (const Route *o = web_routes; o->pattern; o++) {
        char plain[256];
        if (strcmp(o->method, r->method) != 0) continue;
        fill(o, code, id, "%s", plain, sizeof plain);
        if (strcmp(plain, path) == 0) return 1;
    }
    return 0;
}

/* Query parameters that name another municipality or record: they never widen a route. */
static const char *const widening_queries[] = {"?gemeente=%s&code=%s", "?id=%s&maatregel=%s"};

/* Never more than they have themselves: what a gemeentebeheerder may give and manage. */
static void test_manager_grants(void **state)
{
    (void)state;
    const char *own[] = {"GM1734"}, *both[] = {"GM1734", "GM0362"}, *other[] = {"GM0362"};
    User bea = {.name = "bea", .role = "beheerder"};
    User gera = {
        .name = "gera", .role = "gemeentebeheerder", .municipalities = own, .n_municipalities = 1};
    User rob = {.name = "rob", .role = "redacteur", .municipalities = own, .n_municipalities = 1};
    assert_true(authz_may_grant(&bea, "analist", NULL, 0));
    assert_true(authz_may_grant(NULL, "beheerder", NULL, 0)); /* open mode */
    assert_true(authz_may_grant(&gera, "redacteur", own, 1));
    assert_true(authz_may_grant(&gera, "gemeentebeheerder", own, 1));
    assert_true(authz_may_grant(&gera, "lezer", own, 1));
    assert_false(authz_may_grant(&gera, "analist", NULL, 0));
    assert_false(authz_may_grant(&gera, "beheerder", NULL, 0));
    assert_false(authz_may_grant(&gera, "redacteur", both, 2));
    assert_false(authz_may_grant(&gera, "lezer", other, 1));
    assert_false(authz_may_grant(&gera, "lezer", NULL, 0));
    assert_false(authz_may_grant(&rob, "lezer", own, 1));
    User lies = {.name = "lies", .role = "lezer", .municipalities = own, .n_municipalities = 1};
    User otto = {
        .name = "otto", .role = "redacteur", .municipalities = both, .n_municipalities = 2};
    User ali = {.name = "ali", .role = "analist"};
    assert_true(authz_may_manage(&gera, &lies));
    assert_false(authz_may_manage(&gera, &otto)); /* also another municipality's */
    assert_false(authz_may_manage(&gera, &ali));
    assert_false(authz_may_manage(&gera, &bea));
    assert_false(authz_may_manage(&rob, &lies));
    assert_true(authz_may_manage(&bea, &otto));
    assert_true(authz_allows(&gera, CAP_MANAGE, "GM1734", 0));
    assert_false(authz_allows(&gera, CAP_MANAGE, "GM0362", 0));
    assert_false(authz_allows(&rob, CAP_MANAGE, NULL, 0));
    assert_true(authz_allows(&gera, CAP_EDIT, "GM1734", 0));
    assert_false(authz_allows(&gera, CAP_READ_ALL, NULL, 0));
}

static void test_route_caps_match_kinds(void **state)
{
    (void)state;
    static const RouteCap expected_cap[] = {
        [K_PUBLIC] = CAP_PUBLIC, [K_LOGIN] = CAP_LOGIN,      [K_READ_ALL] = CAP_READ_ALL,
        [K_READ] = CAP_READ,     [K_EDIT] = CAP_EDIT,        [K_ADMIN] = CAP_ADMIN,
        [K_MANAGE] = CAP_MANAGE, [K_NATIONAL] = CAP_NATIONAL};
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
    Tally tl = {0};
    int spelt = 0, widened = 0, deleted = 0;
    for (const Route *r = web_routes; r->pattern; r++) {
        if (strcmp(r->pattern, "/uitloggen") == 0) continue; /* would end the session */
        Kind k = kind_of(r);
        int sources = about_source(r);
        /* /bron/ID of a national source is nobody's; /gemeente/CODE/bron/ID is CODE's */
        int national_page = strncmp(r->pattern, "/bron/", 6) == 0;
        int about_muni = strstr(r->pattern, ":code") || strstr(r->pattern, ":id");
        int get = strcmp(r->method, "GET") == 0;
        for (int role = 0; role < N_ROLES; role++)
            for (int ti = 0; ti < 3; ti++)
                for (int nat = 0; nat <= sources; nat++) {
                    const Target *tg = &t->targets[ti];
                    const char *id = id_for(t, r, tg, nat);
                    /* whose record it is: a national source of /bron/ID is nobody's */
                    const char *muni = !about_muni || (nat && national_page) ? NULL : tg->code;
                    Outcome want = intended(role, k, muni);
                    /* a reader's post (a document to check) without a session carries no
                     * form token: refused, also on a published municipality */
                    if (!get && k == K_READ && role == R_NONE && want == ALLOWED) want = FORBIDDEN;
                    char path[256], location[128];
                    fill(r, tg->code, id, "%s", path, sizeof path);
                    Answer a = call_as(t, role, r->method, path, NULL, "http://127.0.0.1:8080",
                                       muni ? tg : NULL);
                    Outcome got = outcome_of(a.status, path, a.location);
                    judge(&tl, r, path, role, got, a.leaked, want, 0, "gewoon");
                    (void)location;

                    /* the same record in every other spelling: never allowed */
                    for (size_t v = 0; id && v < sizeof other_spellings / sizeof *other_spellings;
                         v++) {
                        fill(r, tg->code, id, other_spellings[v], path, sizeof path);
                        if (is_canonical(r, tg->code, id, path)) continue;
                        a = call_as(t, role, r->method, path, NULL, "http://127.0.0.1:8080", tg);
                        judge(&tl, r, path, role, outcome_of(a.status, path, a.location), a.leaked,
                              want, 1, "andere schrijfwijze");
                        spelt++;
                    }

                    /* another municipality or record in the query: the same outcome, except
                     * that a national source opened for a municipality is that
                     * municipality's to show */
                    if (!get) continue;
                    for (size_t q = 0; q < sizeof widening_queries / sizeof *widening_queries; q++)
                        for (int oi = 0; oi < 3; oi++) {
                            if (oi == ti) continue; /* another one's, not its own */
                            const Target *other = &t->targets[oi];
                            char query[128];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
                            snprintf(query, sizeof query, widening_queries[q],
                                     q == 1 ? other->measure : other->code, other->code);
#pragma GCC diagnostic pop
                            fill(r, tg->code, id, "%s", path, sizeof path);
                            strncat(path, query, sizeof path - strlen(path) - 1);
                            Outcome w = want;
                            /* /bron/ID of a national source first needs a login, then the
                             * municipality's page decides (its document file has no
                             * municipality's page: the query is ignored) */
                            if (nat && national_page && q == 0 && w == ALLOWED &&
                                !ends_with(r->pattern, "/bestand"))
                                w = intended(role, k, other->code);
                            int leaked = 0;
                            Outcome g = outcome_followed(t, role, r->method, path,
                                                         w == ALLOWED ? NULL : other, &leaked);
                            judge(&tl, r, path, role, g, leaked, w, 0, "met parameter");
                            widened++;
                        }
                }
        /* a deleted measure: its history is still its municipality's; nothing else of it
         * is found */
        if (about_measure(r))
            for (int role = 0; role < N_ROLES; role++) {
                char path[256];
                fill(r, "GM0362", t->deleted_measure, "%s", path, sizeof path);
                Answer a = call_as(t, role, r->method, path, NULL, "http://127.0.0.1:8080",
                                   &t->targets[1]);
                Outcome got = outcome_of(a.status, path, a.location);
                if (strstr(r->pattern, "/wijzigingen"))
                    judge(&tl, r, path, role, got, a.leaked, intended(role, k, "GM0362"), 0,
                          "verwijderd");
                else
                    judge(&tl, r, path, role, got, a.leaked, NOT_FOUND, 1, "verwijderd");
                deleted++;
            }
    }
    fprintf(stderr,
            "matrix: %d calls (%d other spellings, %d with query parameters, %d of a "
            "deleted measure), %d wrong\n",
            tl.calls, spelt, widened, deleted, tl.bad);
    assert_true(tl.calls > 5000);
    assert_true(deleted > 0);
    assert_int_equal(tl.bad, 0);
}

/* An analist reads what municipalities share by name, and nothing of one that shares
 * nothing (not published): its pages are refused, the overview shows no figures of it;
 * the beheerder still reads it, and sharing again opens it. */
static void test_analist_reads_what_is_shared(void **state)
{
    TestAuthz *t = *state;
    PokErr err = {0};
    char location[128];
    assert_int_equal(store_sharing_set(t->db.s, "GM0362", SHARE_ANONYMOUS, &err), 0);
    assert_int_equal(call(t, R_ANALIST, "GET", "/gemeente/GM0362", NULL, NULL, location), 403);
    assert_int_equal(
        call(t, R_ANALIST, "GET", "/gemeente/GM0362/maatregelen", NULL, NULL, location), 403);
    assert_int_equal(
        call(t, R_ANALIST, "GET", "/api/v2/gemeenten/GM0362/dekking", NULL, NULL, location), 403);
    assert_int_equal(call(t, R_BEHEERDER, "GET", "/gemeente/GM0362", NULL, NULL, location), 200);
    assert_int_equal(call(t, R_ANALIST, "GET", "/gemeente/GM1734", NULL, NULL, location), 200);
    assert_int_equal(call(t, R_ANALIST, "GET", "/gemeente/GM1773", NULL, NULL, location), 200);
    /* the overview lists Amstelveen without its 2.932.000 */
    WebRequest req;
    WebResponse res;
    web_request_init(&req, "GET", "/api/v2/gemeenten?q=amstelveen");
    web_response_init(&res);
    char cookie[128];
    snprintf(cookie, sizeof cookie, "pok_sessie=%s", t->tokens[R_ANALIST]);
    req.cookie = cookie;
    req.host = "127.0.0.1:8080";
    req.address = "127.0.0.1";
    route_dispatch(NULL, &t->db.app, &req, &res);
    assert_int_equal(res.status, 200);
    assert_non_null(strstr(res.body.data, "Amstelveen"));
    assert_null(strstr(res.body.data, "293200000"));
    web_response_free(&res);
    web_request_free(&req);
    assert_int_equal(store_sharing_set(t->db.s, "GM0362", SHARE_NAMED, &err), 0);
    assert_int_equal(call(t, R_ANALIST, "GET", "/gemeente/GM0362", NULL, NULL, location), 200);
    assert_int_equal(store_sharing_set(t->db.s, "GM0362", SHARE_MEASURES, &err), 0);
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

/* POST /inloggen as a browser would, from address; the status. */
static int post_login(WebApp *app, const char *name, const char *password, const char *address)
{
    WebRequest req;
    WebResponse res;
    web_request_init(&req, "POST", "/inloggen");
    web_response_init(&res);
    req.host = "127.0.0.1:8080";
    req.origin = "http://127.0.0.1:8080";
    req.address = address;
    req.content_type = "application/x-www-form-urlencoded";
    web_param_add(&req, &req.form, "naam", name);
    web_param_add(&req, &req.form, "wachtwoord", password);
    route_dispatch(NULL, app, &req, &res);
    int status = res.status;
    web_request_free(&req);
    web_response_free(&res);
    return status;
}

/* Finding 9: after a refused request the store's actor is reset, so the next login's
 * session is recorded under the person who logged in, not the refused one. */
static void test_actor_after_refusal(void **state)
{
    TestAuthz *t = *state;
    PokErr err = {0};
    char hash[128], location[128];
    assert_int_equal(auth_password_hash("een-lang-wachtwoord", hash, &err), 0);
    const char *munis[1] = {"GM1734"};
    User u = {.name = "nieuwe",
              .role = "lezer",
              .password_hash = hash,
              .municipalities = munis,
              .n_municipalities = 1};
    assert_int_equal(store_user_add(t->db.s, &u, &err), 0);
    /* the lezer of GM1734 is refused another municipality's page */
    assert_int_equal(call(t, R_LEZER, "GET", "/gemeente/GM0362", NULL, NULL, location), 403);
    assert_int_equal(post_login(&t->db.app, "nieuwe", "een-lang-wachtwoord", "127.0.0.2"), 303);
    AuditFilter f = {.table_name = "session", .limit = 1};
    AuditEntry *e = NULL;
    size_t n = 0;
    Arena a = {0};
    assert_int_equal(store_audit_query(t->db.s, &f, &a, &e, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].actor, "nieuwe");
    /* and a later anonymous write of the web is "web", not the last user */
    assert_int_equal(call(t, R_LEZER, "GET", "/gemeente/GM0362", NULL, NULL, location), 403);
    assert_int_equal(store_municipality_public_set(t->db.s, "GM0534", 1, &err), 0);
    f = (AuditFilter){.table_name = "municipality_public", .limit = 1};
    assert_int_equal(store_audit_query(t->db.s, &f, &a, &e, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_not_equal(e[0].actor, "lies");
    arena_free(&a);
}

/* Finding 10: the password check (Argon2, tens of milliseconds) runs without the store's
 * lock that pok serve holds around a request, so other requests go on meanwhile. A login
 * runs in a thread holding the lock as http.c does; the main thread takes the lock while
 * that login has not finished. */
typedef struct LoginRun {
    WebApp *app;
    pthread_mutex_t *lock;
    atomic_int started, done;
    int status;
} LoginRun;

static void *login_thread(void *arg)
{
    LoginRun *run = arg;
    pthread_mutex_lock(run->lock);
    atomic_store(&run->started, 1);
    run->status = post_login(run->app, "langzaam", "verkeerd-wachtwoord", "127.0.0.3");
    atomic_store(&run->done, 1);
    pthread_mutex_unlock(run->lock);
    return NULL;
}

static void test_password_check_outside_lock(void **state)
{
    /* valgrind runs one thread at a time and may keep running the login thread through
     * its unlocked stretch, so the interleaving this test observes is not there to see;
     * the normal and the ASan builds run it */
    if (RUNNING_ON_VALGRIND) skip();
    TestAuthz *t = *state;
    PokErr err = {0};
    char hash[128];
    assert_int_equal(auth_password_hash("het-goede-wachtwoord", hash, &err), 0);
    User u = {.name = "langzaam", .role = "analist", .password_hash = hash};
    assert_int_equal(store_user_add(t->db.s, &u, &err), 0);
    pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    t->db.app.lock = &lock;
    LoginRun run = {.app = &t->db.app, .lock = &lock};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, login_thread, &run), 0);
    while (!atomic_load(&run.started)) sched_yield();
    pthread_mutex_lock(&lock); /* only free while the password is checked */
    int finished_first = atomic_load(&run.done);
    pthread_mutex_unlock(&lock);
    pthread_join(th, NULL);
    t->db.app.lock = NULL;
    assert_int_equal(run.status, 401);
    assert_int_equal(finished_first, 0);
}

/* Finding 3: the Host names pok answers to, in every mode. */
static void test_known_hosts(void **state)
{
    (void)state;
    WebApp app = {.listen = "192.0.2.7", .hosts = "pok.gemeente.nl,Pok.Example"};
    static const struct {
        const char *host;
        int ok;
    } cases[] = {
        {"127.0.0.1:8080", 1},
        {"127.0.0.1", 1},
        {"127.1.2.3:80", 1},
        {"localhost:8080", 1},
        {"LOCALHOST", 1},
        {"[::1]:8080", 1},
        {"[::1]", 1},
        {"192.0.2.7:8080", 1},
        {"pok.gemeente.nl", 1},
        {"POK.GEMEENTE.NL:443", 1},
        {"pok.example", 1},
        {NULL, 0},
        {"", 0},
        {"rebind.example:8080", 0},
        {"localhost.:8080", 0},
        {"localhost.evil.example", 0},
        {"127.0.0.1.evil.example", 0},
        {"evil.example#@localhost", 0},
        {"localhost:80:80", 0},
        {"localhost:", 0},
        {"localhost:123456", 0},
        {"[::2]:80", 0},
        {"[::1", 0},
        {"[::1]x", 0},
        {"gemeente.nl", 0},
        {"pok.gemeente.nl.evil", 0},
        {"192.0.2.8", 0},
        {"0.0.0.0:8080", 0},
        {"pok.gemeente.nl,evil", 0},
        {"localhost\r\nX: y", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = authz_host_allowed(&app, cases[i].host);
        if (got != cases[i].ok)
            fprintf(stderr, "host '%s': %d, expected %d\n",
                    cases[i].host ? cases[i].host : "(none)", got, cases[i].ok);
        assert_int_equal(got, cases[i].ok);
    }
    /* without --host and listening on a wildcard only loopback names remain */
    WebApp wild = {.listen = "0.0.0.0"};
    assert_int_equal(authz_host_allowed(&wild, "0.0.0.0:8080"), 0);
    assert_int_equal(authz_host_allowed(&wild, "pok.gemeente.nl"), 0);
    assert_int_equal(authz_host_allowed(&wild, "127.0.0.1:1"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_route_caps_match_kinds),
        cmocka_unit_test(test_manager_grants),
        cmocka_unit_test(test_known_hosts),
        cmocka_unit_test_setup_teardown(test_matrix, authz_setup, authz_teardown),
        cmocka_unit_test_setup_teardown(test_idor_and_csrf, authz_setup, authz_teardown),
        cmocka_unit_test_setup_teardown(test_forms_carry_token, authz_setup, authz_teardown),
        cmocka_unit_test_setup_teardown(test_logout, authz_setup, authz_teardown),
        cmocka_unit_test_setup_teardown(test_analist_reads_what_is_shared, authz_setup,
                                        authz_teardown),
        cmocka_unit_test_setup_teardown(test_open_mode, authz_setup, authz_teardown),
        cmocka_unit_test_setup_teardown(test_actor_after_refusal, authz_setup, authz_teardown),
        cmocka_unit_test_setup_teardown(test_password_check_outside_lock, authz_setup,
                                        authz_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
