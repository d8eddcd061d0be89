/* test_audit_pages.c: the audit pages through route_dispatch (no sockets): a
 * municipality's changes with the date filter and their CSV, one measure's history, 404s,
 * markup in recorded values shown as text, and no login names for a visitor who is not
 * logged in (a published municipality). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "auth.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_closing.h"
#include "store/store_records.h"
#include "store/store_reference.h"
#include "store/store_users.h"
#include "web/route.h"

#include "support/testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char script[] = "<script>alert(1)</script>";
static const char script_escaped[] = "&lt;script&gt;alert(1)&lt;/script&gt;";

typedef struct T {
    TestDb db;
    int64_t measure, amount, deleted_measure;
    char token[AUTH_TOKEN_TEXT]; /* the session of the lezer "rdekker" (setup_accounts) */
} T;

static int fixture(T *t, PokErr *err)
{
    Arena a = {0};
    Scheme pok;
    int ok = store_scheme_get(t->db.s, "POK", &a, &pok, err) == 1;
    arena_free(&a);
    if (!ok) return -1;
    Municipality m = {.code = "GM1734", .name = "Overbetuwe"};
    Municipality other = {.code = "GM0534", .name = "Hillegom"};
    if (store_municipality_put(t->db.s, &m, err) || store_municipality_put(t->db.s, &other, err))
        return -1;
    store_set_actor(t->db.s, "redacteur<b>");
    Measure me = {
        .municipality = "GM1734", .scheme_id = pok.id, .name = "Jobhunter", .status = "lopend"};
    if (store_measure_add(t->db.s, &me, err)) return -1;
    MeasureAmount ma = {
        .measure_id = me.id, .year = 2024, .kind = AMOUNT_PLAN, .amount_cents = 6200000};
    if (store_measure_amount_set(t->db.s, &ma, err)) return -1;
    ma.amount_cents = 7000000;
    if (store_measure_amount_set(t->db.s, &ma, err)) return -1;
    me.name = script;
    if (store_measure_update(t->db.s, &me, err)) return -1;
    Measure gone = {.municipality = "GM1734", .scheme_id = pok.id, .name = "Vergissing"};
    Measure elsewhere = {.municipality = "GM0534", .scheme_id = pok.id, .name = "Elders"};
    if (store_measure_add(t->db.s, &gone, err) || store_measure_add(t->db.s, &elsewhere, err) ||
        store_delete(t->db.s, "measure", gone.id, "dubbel <i>ingevoerd</i>", err))
        return -1;
    t->measure = me.id;
    t->amount = ma.id;
    t->deleted_measure = gone.id;
    return 0;
}

/* Date the insert of the amount in January 2024 and the renaming of the measure late on
 * 1 July 2024 UTC, which is 2 July in the Netherlands (summer time, UTC+2), so the date
 * filter has something to split and the Dutch time something to show. */
static int backdate(T *t)
{
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%lld", (long long)t->amount);
    const char *params[] = {id_text};
    return testdb_exec(&t->db,
                       "UPDATE audit SET at = '2024-01-15T10:00:00Z' WHERE table_name ="
                       " 'measure_amount' AND record_id = $1 AND action = 'insert'",
                       1, params) >= 1 &&
                   testdb_exec(&t->db,
                               "UPDATE audit SET at = '2024-07-01T22:30:00Z' WHERE table_name ="
                               " 'measure' AND action = 'update'",
                               0, NULL) >= 1
               ? 0
               : -1;
}

static int setup(void **state)
{
    T *t = calloc(1, sizeof *t);
    if (!t) return -1;
    PokErr err = {0};
    if (testdb_open(&t->db, "audit_pages", &err) || fixture(t, &err) || backdate(t)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    T *t = *state;
    testdb_close(&t->db);
    free(t);
    return 0;
}

static void get(T *t, const char *target, int status, WebResponse *res)
{
    testweb_call(&t->db.app, "GET", target, res);
    if (res->status != status)
        fail_msg("%s: status %d, expected %d\n%.1500s", target, res->status, status,
                 res->body.data ? res->body.data : "");
}

#define assert_contains(res, text)                                                                 \
    do {                                                                                           \
        if (!strstr((res)->body.data ? (res)->body.data : "", (text)))                             \
            fail_msg("'%s' not in the body:\n%.4000s", (text), (res)->body.data);                  \
    } while (0)
#define assert_lacks(res, text)                                                                    \
    do {                                                                                           \
        if (strstr((res)->body.data ? (res)->body.data : "", (text)))                              \
            fail_msg("'%s' unexpectedly in the body:\n%.4000s", (text), (res)->body.data);         \
    } while (0)

static void test_municipality_page(void **state)
{
    T *t = *state;
    WebResponse res;
    get(t, "/gemeente/GM1734/wijzigingen", 200, &res);
    assert_string_equal(res.content_type, "text/html; charset=utf-8");
    assert_contains(&res, "<h1>Wijzigingen <small>Overbetuwe (GM1734)</small></h1>");
    assert_contains(&res, "aria-current=\"page\">Wijzigingen</a>");
    assert_contains(&res, "<label for=\"van\"");
    assert_contains(&res, "<label for=\"tot\"");
    /* Dutch labels, euros, the measure's name for its id, the kind's name */
    assert_contains(&res, "Bedrag: € 62.000,00 → € 70.000,00");
    assert_contains(&res, "Maatregel: "
                          "&lt;script&gt;alert(1)&lt;/script&gt;; Jaar: 2024; Soort: plan");
    assert_lacks(&res, "amount_cents");
    assert_lacks(&res, "measure_id");
    assert_lacks(&res, "kind: 1");
    /* times in Dutch time: 10:00 UTC in January is 11:00, 22:30 UTC on 1 July is 00:30 on
     * 2 July; the machine time stays in the datetime attribute */
    assert_contains(&res, "<time datetime=\"2024-01-15T10:00:00Z\">15 januari 2024 11:00</time>");
    assert_contains(&res, "<time datetime=\"2024-07-01T22:30:00Z\">2 juli 2024 00:30</time>");
    assert_lacks(&res, "UTC");
    /* what a row is about in words, not "maatregelbedrag 6" */
    assert_contains(&res, "<td>plan 2024 van maatregel ");
    assert_lacks(&res, "maatregelbedrag");
    assert_contains(&res, "Naam: Vergissing");
    assert_contains(&res, "dubbel &lt;i&gt;ingevoerd&lt;/i&gt;");
    assert_contains(&res, "redacteur&lt;b&gt;");
    /* the renamed measure's new name is escaped, never markup */
    assert_contains(&res, script_escaped);
    assert_lacks(&res, script);
    assert_lacks(&res, "<b>");
    /* another municipality's changes are not here */
    assert_lacks(&res, "Elders");
    /* newest first: the deletion comes before the 2024 insert */
    const char *del = strstr(res.body.data, "dubbel &lt;i&gt;");
    const char *old = strstr(res.body.data, "15 januari 2024 11:00");
    assert_true(del && old && del < old);
    assert_contains(&res, "href=\"/gemeente/GM1734/wijzigingen.csv\"");
    web_response_free(&res);
}

static void test_date_filter(void **state)
{
    T *t = *state;
    WebResponse res;
    get(t, "/gemeente/GM1734/wijzigingen?van=2024-01-01&tot=2024-01-15", 200, &res);
    assert_contains(&res, "15 januari 2024 11:00");
    assert_contains(&res, "Bedrag: € 62.000,00");
    assert_lacks(&res, "Vergissing");
    assert_lacks(&res, "70.000");
    assert_contains(&res, "value=\"2024-01-01\"");
    assert_contains(&res,
                    "href=\"/gemeente/GM1734/wijzigingen.csv?van=2024-01-01&amp;tot=2024-01-15\"");
    web_response_free(&res);
    get(t, "/gemeente/GM1734/wijzigingen?van=2024-01-16", 200, &res);
    assert_lacks(&res, "15 januari 2024 11:00");
    assert_contains(&res, "Naam: Vergissing");
    web_response_free(&res);
    /* the days are Dutch days: the renaming at 22:30 UTC on 1 July belongs to 2 July */
    get(t, "/gemeente/GM1734/wijzigingen?van=2024-07-02&tot=2024-07-02", 200, &res);
    assert_contains(&res, "2 juli 2024 00:30");
    assert_contains(&res, "Naam: Jobhunter → &lt;script&gt;");
    assert_lacks(&res, "Vergissing");
    web_response_free(&res);
    get(t, "/gemeente/GM1734/wijzigingen?van=2024-07-01&tot=2024-07-01", 200, &res);
    assert_contains(&res, "Geen wijzigingen gevonden.");
    web_response_free(&res);
    get(t, "/gemeente/GM1734/wijzigingen?van=2030-01-01", 200, &res);
    assert_contains(&res, "Geen wijzigingen gevonden.");
    web_response_free(&res);
    /* a bad date: said next to the field, and the escaping of what was typed */
    get(t, "/gemeente/GM1734/wijzigingen?tot=%3Cscript%3E", 200, &res);
    assert_contains(&res, "id=\"tot-fout\"");
    assert_contains(&res, "aria-invalid=\"true\"");
    assert_contains(&res, "value=\"&lt;script&gt;\"");
    assert_lacks(&res, "<script>");
    web_response_free(&res);
    get(t, "/gemeente/GM1734/wijzigingen.csv?van=nope", 400, &res);
    web_response_free(&res);
}

static void test_csv(void **state)
{
    T *t = *state;
    WebResponse res;
    get(t, "/gemeente/GM1734/wijzigingen.csv", 200, &res);
    assert_non_null(strstr(res.content_type, "text/csv"));
    assert_contains(&res, "Tijdstip;Wie;Actie;Wat;Oud → nieuw;Reden\r\n");
    assert_contains(&res, "redacteur<b>;gewijzigd;plan 2024 van maatregel ");
    assert_contains(&res, "Bedrag: € 62.000,00 → € 70.000,00");
    assert_lacks(&res, "_cents");
    assert_contains(&res, "dubbel <i>ingevoerd</i>");
    assert_lacks(&res, "Elders");
    web_response_free(&res);
    get(t, "/gemeente/GM1734/wijzigingen.csv?tot=2024-12-31", 200, &res);
    /* Dutch time, in the order a Dutch spreadsheet reads as a date and time */
    assert_contains(&res,
                    "\r\n15-01-2024 11:00:00;redacteur<b>;toegevoegd;plan 2024 van maatregel ");
    assert_lacks(&res, "Vergissing");
    web_response_free(&res);
}

static void test_measure_page(void **state)
{
    T *t = *state;
    WebResponse res;
    char target[64];
    snprintf(target, sizeof target, "/maatregel/%lld/wijzigingen", (long long)t->measure);
    get(t, target, 200, &res);
    assert_contains(&res, "Bedrag: € 62.000,00 → € 70.000,00");
    assert_contains(&res, "Naam: Jobhunter → &lt;script&gt;");
    assert_lacks(&res, script);
    assert_lacks(&res, "Vergissing");
    web_response_free(&res);
    /* the measure page links here */
    snprintf(target, sizeof target, "/maatregel/%lld", (long long)t->measure);
    get(t, target, 200, &res);
    char link[80];
    snprintf(link, sizeof link, "href=\"/maatregel/%lld/wijzigingen\"", (long long)t->measure);
    assert_contains(&res, link);
    web_response_free(&res);
    /* a deleted measure keeps its history */
    snprintf(target, sizeof target, "/maatregel/%lld/wijzigingen", (long long)t->deleted_measure);
    get(t, target, 200, &res);
    assert_contains(&res, "Deze maatregel is verwijderd.");
    assert_contains(&res, "Naam: Vergissing");
    web_response_free(&res);
    get(t, "/maatregel/99999/wijzigingen", 404, &res);
    web_response_free(&res);
    get(t, "/maatregel/abc/wijzigingen", 404, &res);
    web_response_free(&res);
    get(t, "/gemeente/GM9999/wijzigingen", 404, &res);
    web_response_free(&res);
}

/* Accounts exist (require_login), GM1734 is published, and besides "redacteur<b>" the
 * command line ("cli:jvdberg") and the logged-in lezer "rdekker" made changes; rdekker's
 * name is also inside a snapshot (the actor of a reopened year). */
static int setup_accounts(void **state)
{
    if (setup(state)) return -1;
    T *t = *state;
    PokErr err = {0};
    const char *munis[1] = {"GM1734"};
    User u = {.name = "rdekker",
              .role = "lezer",
              .password_hash = "$argon2id$niet-gebruikt",
              .municipalities = munis,
              .n_municipalities = 1};
    char hash[AUTH_HASH_TEXT];
    int64_t sid;
    auth_token_new(t->token);
    auth_token_hash(t->token, hash);
    MeasureAmount ma = {
        .measure_id = t->measure, .year = 2025, .kind = AMOUNT_PLAN, .amount_cents = 100000};
    ClosedYear cy = {.municipality = "GM1734", .year = 2022};
    store_set_actor(t->db.s, "cli:jvdberg");
    if (store_user_add(t->db.s, &u, &err) ||
        store_session_add(t->db.s, hash, u.id, (int64_t)time(NULL), &sid, &err) ||
        store_municipality_public_set(t->db.s, "GM1734", 1, &err) ||
        store_measure_amount_set(t->db.s, &ma, &err) || store_year_close(t->db.s, &cy, &err))
        goto fail;
    store_set_actor(t->db.s, "rdekker");
    if (store_year_reopen(t->db.s, "GM1734", 2022, "nog niet klaar", &err)) goto fail;
    t->db.app.require_login = 1;
    return 0;
fail:
    fprintf(stderr, "setup: %s\n", err.msg);
    return -1;
}

/* GET target as the lezer rdekker (logged in) or as nobody. */
static void get_as(T *t, int logged_in, const char *target, WebResponse *res)
{
    WebRequest req;
    char cookie[128];
    web_request_init(&req, "GET", target);
    snprintf(cookie, sizeof cookie, "pok_sessie=%s", t->token);
    req.cookie = logged_in ? cookie : NULL;
    req.host = "127.0.0.1:8080";
    req.address = "127.0.0.1";
    web_response_init(res);
    route_dispatch(NULL, &t->db.app, &req, res);
    web_request_free(&req);
    if (res->status != 200)
        fail_msg("%s: status %d\n%.1500s", target, res->status,
                 res->body.data ? res->body.data : "");
}

/* Login names would aim the login lock-out at real accounts: a visitor who is not logged
 * in sees "medewerker" and "pok (opdrachtregel)" in the change log of a published
 * municipality (page and CSV) and of its measures; a logged-in reader sees the names. */
static void test_visitors_see_no_login_names(void **state)
{
    T *t = *state;
    char measure[64];
    snprintf(measure, sizeof measure, "/maatregel/%lld/wijzigingen", (long long)t->measure);
    const char *const targets[] = {"/gemeente/GM1734/wijzigingen",
                                   "/gemeente/GM1734/wijzigingen.csv", measure};
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        WebResponse res;
        get_as(t, 0, targets[i], &res);
        assert_lacks(&res, "rdekker");
        assert_lacks(&res, "jvdberg");
        assert_lacks(&res, "redacteur");
        assert_contains(&res, "medewerker");
        assert_contains(&res, "pok (opdrachtregel)");
        assert_contains(&res, "Bedrag: € 62.000,00 → € 70.000,00"); /* the changes stay */
        web_response_free(&res);
        get_as(t, 1, targets[i], &res);
        assert_contains(&res, "jvdberg");
        assert_contains(&res, i == 1 ? "redacteur<b>" : "redacteur&lt;b&gt;");
        if (i < 2) assert_contains(&res, "rdekker"); /* the reopened year */
        assert_lacks(&res, "medewerker");
        web_response_free(&res);
    }
    /* the reopened year's snapshot names its actor as a role too */
    WebResponse res;
    get_as(t, 0, "/gemeente/GM1734/wijzigingen", &res);
    assert_contains(&res, "Door: medewerker");
    assert_contains(&res, "Reden: nog niet klaar");
    /* publishing, a change without a field table, in words too */
    assert_contains(&res, "<td>openbaarheid van de cijfers</td><td>Openbaar: ja</td>");
    assert_lacks(&res, "municipality_public");
    web_response_free(&res);
    /* open mode (no accounts): names as before */
    t->db.app.require_login = 0;
    get_as(t, 0, "/gemeente/GM1734/wijzigingen.csv", &res);
    assert_contains(&res, "cli:jvdberg;");
    web_response_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_municipality_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_date_filter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_measure_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_visitors_see_no_login_names, setup_accounts, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
