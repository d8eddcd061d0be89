/* test_versioning.c: optimistic versioning, so that no save is lost: two editors who read
 * the same record and both save: the second gets a conflict naming who changed it, and
 * the stored value is the first's. Through the store (measure, amount, reserve opening,
 * allocation, a set on a key that did not exist yet), through the web forms (303 then
 * 409 with the message, the editor's input and the current values), and with threads,
 * each on its own connection, doing load-modify-save with retry: the total equals the
 * number of saves. Backend-neutral: only store and web calls, on SQLite or PostgreSQL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "auth.h"
#include "store/store.h"
#include "store/store_records.h"
#include "store/store_reference.h"
#include "store/store_users.h"
#include "web/html.h"
#include "web/route.h"

#include "support/testdb.h"

#include <jansson.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OK(call) assert_int_equal((call), 0)

/* A conflict: -1 with ERR_CONFLICT and the message holding want. */
#define assert_conflict(call, err, want)                                                           \
    do {                                                                                           \
        assert_int_equal((call), -1);                                                              \
        assert_int_equal(err_code(&(err)), ERR_CONFLICT);                                          \
        if (!strstr((err).msg, (want))) fail_msg("'%s' not in '%s'", (want), (err).msg);           \
    } while (0)

typedef struct Fx {
    TestDb db;
    int64_t scheme_id, measure_id, source_id;
    int64_t actielijn_id;
} Fx;

/* An empty database with one municipality, a source and a measure. */
static int fx_setup(void **state)
{
    Fx *f = calloc(1, sizeof *f);
    PokErr err = {0};
    if (!f || testdb_open(&f->db, "versioning", &err)) return -1;
    Arena a = {0};
    Scheme sc;
    Actielijn *al;
    size_t n;
    Municipality m = {.code = "GM1734", .name = "Overbetuwe", .province = "Gelderland"};
    Source src = {.kind = "raadsvoorstel", .title = "Raadsvoorstel", .municipality = "GM1734"};
    if (store_scheme_get(f->db.s, "POK", &a, &sc, &err) != 1 ||
        store_actielijn_list(f->db.s, sc.id, &a, &al, &n, &err) || n == 0 ||
        store_municipality_put(f->db.s, &m, &err) || store_source_add(f->db.s, &src, &err)) {
        printf("setup: %s\n", err.msg);
        return -1;
    }
    f->scheme_id = sc.id;
    f->actielijn_id = al[0].id;
    f->source_id = src.id;
    Measure me = {.municipality = "GM1734", .scheme_id = sc.id, .name = "Schuldhulp"};
    if (store_measure_add(f->db.s, &me, &err)) {
        printf("setup: %s\n", err.msg);
        return -1;
    }
    f->measure_id = me.id;
    arena_free(&a);
    *state = f;
    return 0;
}

static int fx_teardown(void **state)
{
    Fx *f = *state;
    testdb_close(&f->db);
    free(f);
    return 0;
}

/* The stored amount of (measure, year, kind) into *out; 1 found, 0 none. */
static int amount_get(Store *s, int64_t scheme_id, int64_t measure_id, int year, AmountKind kind,
                      MeasureAmount *out)
{
    Arena a = {0};
    MuniData d;
    PokErr err = {0};
    assert_int_equal(store_load(s, "GM1734", scheme_id, &a, &d, &err), 1);
    int found = 0;
    for (size_t i = 0; i < d.n_amounts; i++)
        if (d.amounts[i].measure_id == measure_id && d.amounts[i].year == year &&
            d.amounts[i].kind == kind) {
            *out = d.amounts[i];
            out->cite.place = NULL; /* lives in the arena */
            found = 1;
        }
    arena_free(&a);
    return found;
}

/* ---- the store ---- */

static void test_measure_two_editors(void **state)
{
    Fx *f = *state;
    Arena a = {0};
    PokErr err = {0};
    Measure anna, bert;
    assert_int_equal(store_measure_get(f->db.s, f->measure_id, &a, &anna, &err), 1);
    assert_int_equal(store_measure_get(f->db.s, f->measure_id, &a, &bert, &err), 1);
    assert_int_equal(anna.row_version, 1);
    assert_int_equal(bert.row_version, 1);

    store_set_actor(f->db.s, "anna");
    anna.name = "Schuldhulp (anna)";
    setenv("SOURCE_DATE_EPOCH", "1783029600", 1); /* 2026-07-02T22:00:00Z */
    OK(store_measure_update(f->db.s, &anna, &err));
    unsetenv("SOURCE_DATE_EPOCH");
    store_set_actor(f->db.s, "bert");
    bert.name = "Schuldhulp (bert)";
    bert.partner = "Bert BV";
    assert_conflict(store_measure_update(f->db.s, &bert, &err), err,
                    "Deze maatregel is intussen gewijzigd door anna (");
    /* when, in Dutch time (summer: UTC+2, so already 3 July) */
    assert_non_null(strstr(err.msg, "anna (03-07-2026 00:00). Uw wijziging is niet opgeslagen."));

    Measure now;
    assert_int_equal(store_measure_get(f->db.s, f->measure_id, &a, &now, &err), 1);
    assert_string_equal(now.name, "Schuldhulp (anna)");
    assert_null(now.partner);
    assert_int_equal(now.row_version, 2);

    /* a save that changes nothing keeps the version (and so other editors' forms valid) */
    OK(store_measure_update(f->db.s, &now, &err));
    Measure same;
    assert_int_equal(store_measure_get(f->db.s, f->measure_id, &a, &same, &err), 1);
    assert_int_equal(same.row_version, 2);

    /* bert saves again on what he sees now: that goes through */
    bert.row_version = now.row_version;
    OK(store_measure_update(f->db.s, &bert, &err));
    assert_int_equal(store_measure_get(f->db.s, f->measure_id, &a, &now, &err), 1);
    assert_string_equal(now.name, "Schuldhulp (bert)");
    assert_int_equal(now.row_version, 3);

    /* 0: no check (the command line without --if-version, imports) */
    now.row_version = 0;
    now.name = "Schuldhulp";
    OK(store_measure_update(f->db.s, &now, &err));
    arena_free(&a);
}

static void test_amount_set_versions(void **state)
{
    Fx *f = *state;
    PokErr err = {0};
    MeasureAmount seen;
    /* both editors see no plan for 2026: the expected state is "absent" */
    assert_int_equal(amount_get(f->db.s, f->scheme_id, f->measure_id, 2026, AMOUNT_PLAN, &seen), 0);
    MeasureAmount anna = {.measure_id = f->measure_id,
                          .year = 2026,
                          .kind = AMOUNT_PLAN,
                          .amount_cents = 5000000,
                          .row_version = ROW_VERSION_ABSENT};
    MeasureAmount bert = anna;
    bert.amount_cents = 7000000;
    store_set_actor(f->db.s, "anna");
    OK(store_measure_amount_set(f->db.s, &anna, &err));
    store_set_actor(f->db.s, "bert");
    assert_conflict(store_measure_amount_set(f->db.s, &bert, &err), err,
                    "Het geplande bedrag van 2026 is intussen vastgelegd door anna (");
    assert_int_equal(amount_get(f->db.s, f->scheme_id, f->measure_id, 2026, AMOUNT_PLAN, &seen), 1);
    assert_int_equal(seen.amount_cents, 5000000);
    assert_int_equal(seen.row_version, 1);

    /* both now edit version 1 */
    anna = seen;
    bert = seen;
    anna.amount_cents = 5500000;
    bert.amount_cents = 6000000;
    store_set_actor(f->db.s, "anna");
    OK(store_measure_amount_set(f->db.s, &anna, &err));
    store_set_actor(f->db.s, "bert");
    assert_conflict(store_measure_amount_set(f->db.s, &bert, &err), err,
                    "Het geplande bedrag van 2026 is intussen gewijzigd door anna (");
    assert_int_equal(amount_get(f->db.s, f->scheme_id, f->measure_id, 2026, AMOUNT_PLAN, &seen), 1);
    assert_int_equal(seen.amount_cents, 5500000);
    assert_int_equal(seen.row_version, 2);

    /* expecting a version of a key that has no row: someone removed it */
    MeasureAmount gone = {.measure_id = f->measure_id,
                          .year = 2027,
                          .kind = AMOUNT_REALISED,
                          .amount_cents = 100,
                          .row_version = 4};
    assert_conflict(store_measure_amount_set(f->db.s, &gone, &err), err,
                    "Het gerealiseerde bedrag van 2027 is intussen verwijderd");
    assert_int_equal(amount_get(f->db.s, f->scheme_id, f->measure_id, 2027, AMOUNT_REALISED, &seen),
                     0);
}

static void test_reserve_opening_versions(void **state)
{
    Fx *f = *state;
    Arena a = {0};
    PokErr err = {0};
    ReserveOpening anna = {.municipality = "GM1734",
                           .scheme_id = f->scheme_id,
                           .year = 2024,
                           .amount_cents = 45950000,
                           .row_version = ROW_VERSION_ABSENT};
    ReserveOpening bert = anna;
    bert.amount_cents = 1;
    store_set_actor(f->db.s, "anna");
    OK(store_reserve_opening_set(f->db.s, &anna, &err));
    store_set_actor(f->db.s, "bert");
    assert_conflict(store_reserve_opening_set(f->db.s, &bert, &err), err,
                    "De beginstand van de reserve is intussen vastgelegd door anna (");

    MuniData d;
    assert_int_equal(store_load(f->db.s, "GM1734", f->scheme_id, &a, &d, &err), 1);
    assert_int_equal(d.n_openings, 1);
    assert_int_equal(d.openings[0].amount_cents, 45950000);
    assert_int_equal(d.openings[0].row_version, 1);
    anna = d.openings[0];
    bert = d.openings[0];
    anna.amount_cents = 46000000;
    bert.year = 2025;
    store_set_actor(f->db.s, "anna");
    OK(store_reserve_opening_set(f->db.s, &anna, &err));
    store_set_actor(f->db.s, "bert");
    assert_conflict(store_reserve_opening_set(f->db.s, &bert, &err), err,
                    "De beginstand van de reserve is intussen gewijzigd door anna (");
    arena_free(&a);
    assert_int_equal(store_load(f->db.s, "GM1734", f->scheme_id, &a, &d, &err), 1);
    assert_int_equal(d.openings[0].amount_cents, 46000000);
    assert_int_equal(d.openings[0].year, 2024);
    assert_int_equal(d.openings[0].row_version, 2);
    arena_free(&a);
}

static void test_allocation_versions(void **state)
{
    Fx *f = *state;
    Arena a = {0};
    PokErr err = {0};
    Allocation anna = {.municipality = "GM1734",
                       .actielijn_id = f->actielijn_id,
                       .year = 2024,
                       .amount_cents = 10000000,
                       .cite = {.source_id = f->source_id},
                       .expect_version = ROW_VERSION_ABSENT};
    Allocation bert = anna;
    bert.amount_cents = 20000000;
    store_set_actor(f->db.s, "anna");
    OK(store_allocation_add(f->db.s, &anna, &err));
    assert_int_equal(anna.version, 1);
    store_set_actor(f->db.s, "bert");
    assert_conflict(store_allocation_add(f->db.s, &bert, &err), err,
                    "De toekenning van 2024 is intussen vastgelegd door anna (");

    /* both saw version 1 as current: a save makes version 2, the other is refused */
    anna.expect_version = 1;
    anna.amount_cents = 11000000;
    bert.expect_version = 1;
    store_set_actor(f->db.s, "anna");
    OK(store_allocation_add(f->db.s, &anna, &err));
    assert_int_equal(anna.version, 2);
    store_set_actor(f->db.s, "bert");
    assert_conflict(store_allocation_add(f->db.s, &bert, &err), err,
                    "De toekenning van 2024 is intussen vastgelegd door anna (");
    MuniData d;
    assert_int_equal(store_load(f->db.s, "GM1734", f->scheme_id, &a, &d, &err), 1);
    assert_int_equal(d.n_allocations, 2);
    for (size_t i = 0; i < d.n_allocations; i++)
        if (d.allocations[i].current) assert_int_equal(d.allocations[i].amount_cents, 11000000);
    /* on the current version, bert's save goes through */
    bert.expect_version = 2;
    OK(store_allocation_add(f->db.s, &bert, &err));
    assert_int_equal(bert.version, 3);
    arena_free(&a);
}

/* ---- the web forms ---- */

/* POST target with the name/value pairs (NULL-terminated), urlencoded. */
#define post(fx, target, res, ...) testweb_post(&(fx)->db.app, (target), (res), __VA_ARGS__)

#define assert_contains(res, text)                                                                 \
    do {                                                                                           \
        if (!strstr((res)->body.data ? (res)->body.data : "", (text)))                             \
            fail_msg("'%s' not in the body:\n%.4000s", (text), (res)->body.data);                  \
    } while (0)

/* The value of the hidden field "versie" in the body, or NULL. */
static char *hidden_version(const WebResponse *res)
{
    static const char marker[] = "name=\"versie\" value=\"";
    const char *p = res->body.data ? strstr(res->body.data, marker) : NULL;
    if (!p) return NULL;
    p += sizeof marker - 1;
    size_t n = strcspn(p, "\"");
    char *v = malloc(n + 1);
    memcpy(v, p, n);
    v[n] = '\0';
    return v;
}

static void test_web_measure_edit(void **state)
{
    Fx *f = *state;
    char path[64];
    snprintf(path, sizeof path, "/maatregel/%lld/bewerken", (long long)f->measure_id);
    WebResponse res;
    testweb_call(&f->db.app, "GET", path, &res);
    assert_int_equal(res.status, 200);
    char *version = hidden_version(&res);
    assert_non_null(version);
    assert_string_equal(version, "1");
    web_response_free(&res);

    /* two editors post on the same form */
    post(f, path, &res, "naam", "Schuldhulp eerste", "status", "lopend", "pot", "", "versie",
         version, NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    post(f, path, &res, "naam", "Schuldhulp <tweede>", "partner", "Tweede & Co", "status",
         "gepland", "pot", "", "versie", version, NULL);
    assert_int_equal(res.status, 409);
    assert_contains(&res, "Niet opgeslagen: iemand anders was u voor");
    assert_contains(&res, "Deze maatregel is intussen gewijzigd door web (");
    assert_null(strstr(res.body.data, "niet goed ingevuld")); /* no field is wrong */
    assert_contains(&res, "Uw wijziging is niet opgeslagen.");
    assert_contains(&res, "Actuele gegevens");
    /* the current value, and the second editor's own input, escaped */
    assert_contains(&res, "<td>Schuldhulp eerste</td>");
    assert_contains(&res, "value=\"Schuldhulp &lt;tweede&gt;\"");
    assert_contains(&res, "value=\"Tweede &amp; Co\"");
    /* saving again from this form replaces what is shown: it carries the new version */
    char *current = hidden_version(&res);
    assert_non_null(current);
    assert_string_equal(current, "2");
    web_response_free(&res);

    Arena a = {0};
    PokErr err = {0};
    Measure m;
    assert_int_equal(store_measure_get(f->db.s, f->measure_id, &a, &m, &err), 1);
    assert_string_equal(m.name, "Schuldhulp eerste");

    /* a 422 keeps the version the editor saw, not the current one */
    post(f, path, &res, "naam", "", "status", "gepland", "pot", "", "versie", version, NULL);
    assert_int_equal(res.status, 422);
    char *kept = hidden_version(&res);
    assert_string_equal(kept, "1");
    web_response_free(&res);
    post(f, path, &res, "naam", "x", "status", "gepland", "pot", "", "versie", "twee", NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "Versie: verwacht een geheel getal");
    web_response_free(&res);

    post(f, path, &res, "naam", "Schuldhulp <tweede>", "status", "gepland", "pot", "", "versie",
         current, NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    assert_int_equal(store_measure_get(f->db.s, f->measure_id, &a, &m, &err), 1);
    assert_string_equal(m.name, "Schuldhulp <tweede>");
    assert_int_equal(m.row_version, 3);

    /* the JSON API shows the version too */
    testweb_call(&f->db.app, "GET", "/api/v1/gemeenten/GM1734/maatregelen", &res);
    assert_int_equal(res.status, 200);
    json_t *doc = json_loads(res.body.data, 0, NULL);
    assert_non_null(doc);
    json_t *first = json_array_get(json_object_get(doc, "measures"), 0);
    assert_int_equal(json_integer_value(json_object_get(first, "row_version")), 3);
    json_decref(doc);
    web_response_free(&res);
    free(version);
    free(current);
    free(kept);
    arena_free(&a);
}

static void test_web_amount_confirm(void **state)
{
    Fx *f = *state;
    char path[64];
    snprintf(path, sizeof path, "/maatregel/%lld/bedrag", (long long)f->measure_id);
    WebResponse res;
    /* the confirmation page carries the state the editor saw: no amount yet */
    post(f, path, &res, "soort", "plan", "jaar", "2025", "bedrag", "50.000", NULL);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "Controleer de wijziging");
    char *absent = hidden_version(&res);
    assert_non_null(absent);
    assert_string_equal(absent, "-1");
    web_response_free(&res);

    post(f, path, &res, "soort", "plan", "jaar", "2025", "bedrag", "50.000", "versie", absent,
         "confirm", "1", NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    post(f, path, &res, "soort", "plan", "jaar", "2025", "bedrag", "61.234,50", "versie", absent,
         "confirm", "1", NULL);
    assert_int_equal(res.status, 409);
    assert_contains(&res, "Het geplande bedrag van 2025 is intussen vastgelegd door web (");
    assert_contains(&res, "€ 50.000");            /* the current value */
    assert_contains(&res, "value=\"61.234,50\""); /* the editor's own input */
    web_response_free(&res);

    /* the next preview shows version 1 as "Nu"; confirming it twice: 303, then 409 */
    post(f, path, &res, "soort", "plan", "jaar", "2025", "bedrag", "61.234,50", NULL);
    assert_int_equal(res.status, 200);
    char *one = hidden_version(&res);
    assert_string_equal(one, "1");
    web_response_free(&res);
    post(f, path, &res, "soort", "plan", "jaar", "2025", "bedrag", "61.234,50", "versie", one,
         "confirm", "1", NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    post(f, path, &res, "soort", "plan", "jaar", "2025", "bedrag", "1", "versie", one, "confirm",
         "1", NULL);
    assert_int_equal(res.status, 409);
    assert_contains(&res, "is intussen gewijzigd door web (");
    web_response_free(&res);
    MeasureAmount now;
    assert_int_equal(amount_get(f->db.s, f->scheme_id, f->measure_id, 2025, AMOUNT_PLAN, &now), 1);
    assert_int_equal(now.amount_cents, 6123450);
    free(absent);
    free(one);
}

static void test_web_allocation_and_opening(void **state)
{
    Fx *f = *state;
    char source[24];
    snprintf(source, sizeof source, "%lld", (long long)f->source_id);
    WebResponse res;
    post(f, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "1", "jaar", "2024", "bedrag",
         "100.000", "bron", source, NULL);
    assert_int_equal(res.status, 200);
    char *absent = hidden_version(&res);
    assert_string_equal(absent, "-1");
    web_response_free(&res);
    post(f, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "1", "jaar", "2024", "bedrag",
         "100.000", "bron", source, "versie", absent, "confirm", "1", NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    post(f, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "1", "jaar", "2024", "bedrag",
         "120.000", "bron", source, "versie", absent, "confirm", "1", NULL);
    assert_int_equal(res.status, 409);
    assert_contains(&res, "De toekenning van 2024 is intussen vastgelegd door web (");
    assert_contains(&res, "€ 100.000 (versie 1)");
    assert_contains(&res, "value=\"120.000\"");
    web_response_free(&res);

    post(f, "/gemeente/GM1734/reserve/nieuw", &res, "soort", "beginstand", "jaar", "2024", "bedrag",
         "459.500", "pot", "", NULL);
    assert_int_equal(res.status, 200);
    char *opening = hidden_version(&res);
    assert_string_equal(opening, "-1");
    web_response_free(&res);
    post(f, "/gemeente/GM1734/reserve/nieuw", &res, "soort", "beginstand", "jaar", "2024", "bedrag",
         "459.500", "pot", "", "versie", opening, "confirm", "1", NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    post(f, "/gemeente/GM1734/reserve/nieuw", &res, "soort", "beginstand", "jaar", "2024", "bedrag",
         "1.000", "pot", "", "versie", opening, "confirm", "1", NULL);
    assert_int_equal(res.status, 409);
    assert_contains(&res, "De beginstand van de reserve is intussen vastgelegd door web (");
    assert_contains(&res, "€ 459.500 op 1 januari 2024");
    web_response_free(&res);
    /* a movement is always a new record: no version, no conflict */
    post(f, "/gemeente/GM1734/reserve/nieuw", &res, "soort", "storting", "jaar", "2024", "bedrag",
         "1.000", "pot", "", NULL);
    assert_int_equal(res.status, 200);
    assert_null(strstr(res.body.data, "name=\"versie\""));
    web_response_free(&res);
    free(absent);
    free(opening);
}

/* With accounts, the audit trail and so the conflict message name the logged-in user. */
static int post_as(Fx *f, const char *token, const char *path, const char *name,
                   const char *version, WebResponse *res)
{
    WebRequest req;
    web_request_init(&req, "POST", path);
    web_response_init(res);
    char cookie[128], csrf[AUTH_HASH_TEXT];
    snprintf(cookie, sizeof cookie, "pok_sessie=%s", token);
    auth_csrf_token(token, csrf);
    req.cookie = cookie;
    req.host = "127.0.0.1:8080";
    req.origin = "http://127.0.0.1:8080";
    req.address = "127.0.0.1";
    req.content_type = "application/x-www-form-urlencoded";
    web_param_add(&req, &req.form, "csrf", csrf);
    web_param_add(&req, &req.form, "naam", name);
    web_param_add(&req, &req.form, "status", "lopend");
    web_param_add(&req, &req.form, "pot", "");
    web_param_add(&req, &req.form, "versie", version);
    route_dispatch(NULL, &f->db.app, &req, res);
    web_request_free(&req);
    return res->status;
}

static void test_web_conflict_names_user(void **state)
{
    Fx *f = *state;
    PokErr err = {0};
    char tokens[2][AUTH_TOKEN_TEXT];
    const char *names[2] = {"anna", "bert"};
    for (int i = 0; i < 2; i++) {
        char hash[AUTH_HASH_TEXT];
        int64_t sid;
        User u = {
            .name = names[i], .role = "beheerder", .password_hash = "$argon2id$niet-gebruikt"};
        auth_token_new(tokens[i]);
        auth_token_hash(tokens[i], hash);
        OK(store_user_add(f->db.s, &u, &err));
        OK(store_session_add(f->db.s, hash, u.id, (int64_t)time(NULL), &sid, &err));
    }
    f->db.app.require_login = 1;
    char path[64];
    snprintf(path, sizeof path, "/maatregel/%lld/bewerken", (long long)f->measure_id);
    WebResponse res;
    assert_int_equal(post_as(f, tokens[0], path, "Schuldhulp anna", "1", &res), 303);
    web_response_free(&res);
    assert_int_equal(post_as(f, tokens[1], path, "Schuldhulp bert", "1", &res), 409);
    if (!strstr(res.body.data, "Deze maatregel is intussen gewijzigd door anna ("))
        fail_msg("no conflict naming anna:\n%.3000s", res.body.data);
    web_response_free(&res);
    f->db.app.require_login = 0;
}

/* ---- threads: load-modify-save with retry ---- */

#define THREADS 4
#define SAVES_PER_THREAD 15

typedef struct Worker {
    const Fx *f;
    int saves, conflicts, failed;
    char error[1100];
} Worker;

/* Each worker on its own connection adds 1,00 to the plan of 2030, SAVES_PER_THREAD
 * times, reading the amount and its version before every try. */
static void *worker_run(void *arg)
{
    Worker *w = arg;
    PokErr err = {0};
    Store *s = store_open(w->f->db.url, 0, &err);
    if (!s) {
        snprintf(w->error, sizeof w->error, "open: %s", err.msg);
        w->failed = 1;
        return NULL;
    }
    while (w->saves < SAVES_PER_THREAD && !w->failed) {
        Arena a = {0};
        MuniData d;
        if (store_load(s, "GM1734", w->f->scheme_id, &a, &d, &err) != 1) {
            snprintf(w->error, sizeof w->error, "load: %s", err.msg);
            w->failed = 1;
            arena_free(&a);
            break;
        }
        MeasureAmount ma = {0};
        for (size_t i = 0; i < d.n_amounts; i++)
            if (d.amounts[i].measure_id == w->f->measure_id && d.amounts[i].year == 2030)
                ma = d.amounts[i];
        arena_free(&a);
        ma.cite = (Citation){0};
        ma.amount_cents += 100;
        /* give the others a chance to save in between: that is the race being tested */
        sched_yield();
        if (store_measure_amount_set(s, &ma, &err) == 0)
            w->saves++;
        else if (err_code(&err) == ERR_CONFLICT)
            w->conflicts++;
        else {
            snprintf(w->error, sizeof w->error, "save: %s", err.msg);
            w->failed = 1;
        }
    }
    store_close(s);
    return NULL;
}

static void test_threads_no_lost_update(void **state)
{
    Fx *f = *state;
    PokErr err = {0};
    MeasureAmount start = {.measure_id = f->measure_id, .year = 2030, .kind = AMOUNT_PLAN};
    OK(store_measure_amount_set(f->db.s, &start, &err));
    Worker w[THREADS];
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (Worker){.f = f};
        assert_int_equal(pthread_create(&th[i], NULL, worker_run, &w[i]), 0);
    }
    int saves = 0, conflicts = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
        if (w[i].failed) fail_msg("worker %d: %s", i, w[i].error);
        saves += w[i].saves;
        conflicts += w[i].conflicts;
    }
    assert_int_equal(saves, THREADS * SAVES_PER_THREAD);
    MeasureAmount now;
    assert_int_equal(amount_get(f->db.s, f->scheme_id, f->measure_id, 2030, AMOUNT_PLAN, &now), 1);
    /* every successful save is in the total: none overwrote another */
    assert_int_equal(now.amount_cents, 100 * saves);
    assert_int_equal(now.row_version, 1 + saves);
    printf("# %d threads: %d saves, %d conflicts retried\n", THREADS, saves, conflicts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_measure_two_editors, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_amount_set_versions, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_reserve_opening_versions, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_allocation_versions, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_web_measure_edit, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_web_amount_confirm, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_web_allocation_and_opening, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_web_conflict_names_user, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_threads_no_lost_update, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
