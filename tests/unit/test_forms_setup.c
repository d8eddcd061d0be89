/* test_forms_setup.c: the forms that set a municipality up (page_forms_setup.c,
 * page_forms_year.c, the source and decision of a measure), through route_dispatch on
 * the demo: a valid post is saved with its message, bad input is 422 with the message
 * next to the field and nothing saved, and the "Wijzigen" links show only the forms a
 * role may open. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "auth.h"
#include "store/store_audit.h"
#include "store/store_closing.h"
#include "store/store_records.h"
#include "store/store_reference.h"
#include "store/store_users.h"
#include "web/saved.h"

#include "support/testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct Fx {
    TestDb db;
    char source_id[24];
    int64_t scheme_id;
} Fx;

static int setup(void **state)
{
    Fx *x = calloc(1, sizeof *x);
    if (!x || testdb_open_demo(&x->db, "forms_setup", NULL, NULL)) return -1;
    PokErr err = {0};
    Arena a = {0};
    Source *src;
    size_t n;
    Scheme sc;
    if (store_source_list(x->db.s, "GM1734", &a, &src, &n, &err) || n == 0 ||
        store_scheme_get(x->db.s, "POK", &a, &sc, &err) != 1)
        return -1;
    snprintf(x->source_id, sizeof x->source_id, "%lld", (long long)src[n - 1].id);
    x->scheme_id = sc.id;
    arena_free(&a);
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    Fx *x = *state;
    testdb_close(&x->db);
    free(x);
    return 0;
}

#define post(x, target, res, ...) testweb_post(&(x)->db.app, (target), (res), __VA_ARGS__)
#define assert_contains(res, text)                                                                 \
    do {                                                                                           \
        if (!strstr((res)->body.data ? (res)->body.data : "", (text)))                             \
            fail_msg("'%s' not in the body:\n%.3000s", (text), (res)->body.data);                  \
    } while (0)
#define assert_lacks(res, text)                                                                    \
    do {                                                                                           \
        if (strstr((res)->body.data ? (res)->body.data : "", (text)))                              \
            fail_msg("'%s' unexpectedly in the body:\n%.3000s", (text), (res)->body.data);         \
    } while (0)

static int64_t audit_rows(Fx *x)
{
    return testdb_int(&x->db, "SELECT count(*) FROM audit");
}

/* The message a 303 carries, decoded, into out. */
static void message_of(const WebResponse *res, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < res->n_headers; i++)
        if (strcasecmp(res->headers[i].name, "Set-Cookie") == 0 &&
            strncmp(res->headers[i].value, SAVED_COOKIE "=", strlen(SAVED_COOKIE) + 1) == 0) {
            const char *v = res->headers[i].value + strlen(SAVED_COOKIE) + 1;
            Arena a = {0};
            snprintf(out, size, "%s", web_url_decode(&a, v, strcspn(v, ";")));
            arena_free(&a);
        }
}

#define assert_saved(res, text)                                                                    \
    do {                                                                                           \
        char msg_[600];                                                                            \
        assert_int_equal((res)->status, 303);                                                      \
        message_of((res), msg_, sizeof msg_);                                                      \
        assert_string_equal(msg_, (text));                                                         \
    } while (0)

static MuniData *load(Fx *x, const char *code, Arena *a)
{
    MuniData *d = arena_alloc(a, sizeof *d);
    PokErr err = {0};
    assert_int_equal(store_load(x->db.s, code, x->scheme_id, a, d, &err), 1);
    return d;
}

static void test_pot(void **state)
{
    Fx *x = *state;
    Arena a = {0};
    size_t pots = load(x, "GM1734", &a)->n_pots;
    int64_t audit = audit_rows(x);
    WebResponse res;
    post(x, "/gemeente/GM1734/pot/nieuw", &res, "naam", "<b>Pot</b>", "bron", "", "plaats", "",
         NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "id=\"veld-actielijnen-error\">Actielijnen: kies de actielijnen");
    assert_contains(&res, "value=\"&lt;b&gt;Pot&lt;/b&gt;\"");
    web_response_free(&res);
    assert_int_equal(audit_rows(x), audit);
    post(x, "/gemeente/GM1734/pot/nieuw", &res, "naam", "Actielijnen 3, 4 en 5", "actielijnen[]",
         "3", "actielijnen[]", "4", "actielijnen[]", "5", "bron", x->source_id, "plaats", "p. 2",
         NULL);
    assert_saved(&res, "Pot 'Actielijnen 3, 4 en 5' opgeslagen (actielijnen 3, 4 en 5)");
    web_response_free(&res);
    MuniData *d = load(x, "GM1734", &a);
    assert_int_equal(d->n_pots, pots + 1);
    assert_int_equal(d->pots[d->n_pots - 1].n_actielijnen, 3);
    assert_string_equal(d->pots[d->n_pots - 1].cite.place, "p. 2");
    arena_free(&a);
}

static void test_inhabitants_and_stated(void **state)
{
    Fx *x = *state;
    int64_t audit = audit_rows(x);
    WebResponse res;
    post(x, "/gemeente/GM1734/inwoners/nieuw", &res, "jaar", "2024", "aantal", "50.000", "bron", "",
         NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "id=\"veld-aantal-error\">Aantal inwoners: verwacht een geheel getal");
    web_response_free(&res);
    post(x, "/gemeente/GM1734/genoemd-bedrag/nieuw", &res, "soort", "toekenning", "jaar", "2026",
         "tot_jaar", "2024", "bedrag", "1.000", "omschrijving", "Totaal", "actielijn", "", "pot",
         "", "bron", x->source_id, "plaats", "", NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res,
                    "id=\"veld-tot_jaar-error\">Tot en met jaar: 2024 ligt voor het jaar 2026");
    web_response_free(&res);
    assert_int_equal(audit_rows(x), audit);

    post(x, "/gemeente/GM1734/inwoners/nieuw", &res, "jaar", "2024", "aantal", "50123", "bron",
         x->source_id, NULL);
    assert_saved(&res, "Inwoners op 1 januari 2024 opgeslagen: 50123");
    web_response_free(&res);
    assert_int_equal(testdb_int(&x->db, "SELECT count FROM inhabitants WHERE municipality = "
                                        "'GM1734' AND year = 2024"),
                     50123);
    post(x, "/gemeente/GM1734/genoemd-bedrag/nieuw", &res, "soort", "toekenning", "jaar", "2024",
         "tot_jaar", "2027", "bedrag", "715.000", "omschrijving", "Toegekend 2024-2027",
         "actielijn", "", "pot", "", "bron", x->source_id, "plaats", "tabel 1", NULL);
    assert_saved(&res, "Genoemd bedrag 'Toegekend 2024-2027' opgeslagen: € 715.000");
    web_response_free(&res);
    Arena a = {0};
    MuniData *d = load(x, "GM1734", &a);
    const StatedFigure *sf = &d->stated[d->n_stated - 1];
    assert_int_equal(sf->kind, STATED_ALLOCATION);
    assert_int_equal(sf->year_from, 2024);
    assert_int_equal(sf->year_to, 2027);
    assert_int_equal(sf->amount_cents, 71500000);
    arena_free(&a);
}

/* Closing shows what it fixes first; after it the year's figures are refused; reopening
 * needs a reason. */
static void test_close_and_reopen(void **state)
{
    Fx *x = *state;
    int64_t audit = audit_rows(x);
    WebResponse res;
    post(x, "/gemeente/GM1734/jaar/afsluiten", &res, "jaar", "2024", "bron", "", "plaats", "",
         "besluit", "", NULL);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "Controleer de wijziging");
    assert_contains(&res, "<td>de geplande bedragen</td><td>de gerealiseerde bedragen, vast");
    /* what closing fixes: without realised amounts the plan is no longer the spending, and
     * the year's allocation is unexplained */
    assert_contains(&res, "<th scope=\"row\">Uitgaven 2024</th><td>€ 399.500</td><td>€ 0</td>");
    assert_contains(&res, "<th scope=\"row\">Onverklaard 2024</th><td>€ 0</td><td>€ 175.000</td>");
    assert_contains(&res, "name=\"confirm\" value=\"1\"");
    web_response_free(&res);
    assert_int_equal(audit_rows(x), audit);
    post(x, "/gemeente/GM1734/jaar/afsluiten", &res, "jaar", "1999", "confirm", "1", NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "id=\"veld-jaar-error\">Jaar: kies een van de mogelijkheden");
    web_response_free(&res);
    post(x, "/gemeente/GM1734/jaar/afsluiten", &res, "jaar", "2024", "bron", "", "plaats", "",
         "besluit", "", "confirm", "1", NULL);
    assert_saved(&res,
                 "Jaar 2024 afgesloten: de gerealiseerde bedragen zijn voortaan de uitgaven van "
                 "dat jaar");
    web_response_free(&res);
    Arena a = {0};
    assert_true(muni_year_closed(load(x, "GM1734", &a), 2024));
    /* a figure of the closed year: the store's refusal on top of the form */
    post(x, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "2", "jaar", "2024", "bedrag",
         "1.000", "bron", x->source_id, "plaats", "", "confirm", "1", NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "Niet opgeslagen: jaar 2024 is afgesloten");
    web_response_free(&res);

    post(x, "/gemeente/GM1734/jaar/heropenen", &res, "jaar", "2024", "reden", "", NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "id=\"veld-reden-error\">Reden: vul dit veld in");
    web_response_free(&res);
    assert_true(muni_year_closed(load(x, "GM1734", &a), 2024));
    post(x, "/gemeente/GM1734/jaar/heropenen", &res, "jaar", "2024", "reden", "correctie", NULL);
    assert_saved(&res, "Jaar 2024 heropend (correctie): de cijfers van dat jaar kunnen weer "
                       "worden gewijzigd");
    web_response_free(&res);
    assert_false(muni_year_closed(load(x, "GM1734", &a), 2024));
    YearReopening *r;
    size_t n;
    PokErr err = {0};
    assert_int_equal(store_year_reopening_list(x->db.s, "GM1734", &a, &r, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(r[0].reason, "correctie");
    arena_free(&a);
}

/* A new measure cites its source and decision; editing asks for them only while missing. */
static void test_measure_source_and_decision(void **state)
{
    Fx *x = *state;
    Arena a = {0};
    MuniData *d = load(x, "GM1734", &a);
    assert_true(d->n_decisions > 0);
    char decision[24];
    snprintf(decision, sizeof decision, "%lld", (long long)d->decisions[0].id);
    WebResponse res;
    testweb_call(&x->db.app, "GET", "/gemeente/GM1734/maatregel/nieuw", &res);
    assert_contains(&res, "id=\"veld-bron\"");
    assert_contains(&res, "id=\"veld-besluit\"");
    web_response_free(&res);
    post(x, "/gemeente/GM1734/maatregel/nieuw", &res, "naam", "Met bron", "status", "gepland",
         "pot", "", "bron", x->source_id, "plaats", "p. 3", "besluit", decision, NULL);
    assert_saved(&res, "Maatregel 'Met bron' opgeslagen");
    web_response_free(&res);
    d = load(x, "GM1734", &a);
    const Measure *m = &d->measures[d->n_measures - 1];
    assert_string_equal(m->name, "Met bron");
    assert_int_equal(m->cite.source_id, atoll(x->source_id));
    assert_int_equal(m->decision_id, atoll(decision));
    char path[64];
    snprintf(path, sizeof path, "/maatregel/%lld/bewerken", (long long)m->id);
    testweb_call(&x->db.app, "GET", path, &res);
    assert_lacks(&res, "id=\"veld-bron\"");
    assert_lacks(&res, "id=\"veld-besluit\"");
    web_response_free(&res);

    /* one without: the edit form asks, and saving sets them */
    post(x, "/gemeente/GM1734/maatregel/nieuw", &res, "naam", "Zonder bron", "status", "gepland",
         "pot", "", "bron", "", "plaats", "", "besluit", "", NULL);
    web_response_free(&res);
    d = load(x, "GM1734", &a);
    m = &d->measures[d->n_measures - 1];
    assert_int_equal(m->cite.source_id, 0);
    snprintf(path, sizeof path, "/maatregel/%lld/bewerken", (long long)m->id);
    testweb_call(&x->db.app, "GET", path, &res);
    assert_contains(&res, "id=\"veld-bron\"");
    web_response_free(&res);
    post(x, path, &res, "naam", "Zonder bron", "status", "lopend", "pot", "", "bron", x->source_id,
         "plaats", "", "besluit", decision, NULL);
    assert_saved(&res, "Maatregel 'Zonder bron' opgeslagen");
    web_response_free(&res);
    d = load(x, "GM1734", &a);
    m = &d->measures[d->n_measures - 1];
    assert_int_equal(m->cite.source_id, atoll(x->source_id));
    assert_int_equal(m->decision_id, atoll(decision));
    arena_free(&a);
}

/* GET target as a user of role for GM1734 (logged in with a fresh session). */
static void get_as(Fx *x, const char *role, const char *target, WebResponse *res)
{
    PokErr err = {0};
    const char *munis[1] = {"GM1734"};
    int national = strcmp(role, "beheerder") == 0;
    char name[32], token[AUTH_TOKEN_TEXT], hash[AUTH_HASH_TEXT], cookie[100];
    snprintf(name, sizeof name, "t-%s", role);
    User u = {.name = name,
              .role = role,
              .password_hash = "$argon2id$niet-gebruikt",
              .municipalities = national ? NULL : munis,
              .n_municipalities = national ? 0 : 1};
    int64_t sid;
    auth_token_new(token);
    auth_token_hash(token, hash);
    assert_int_equal(store_user_add(x->db.s, &u, &err), 0);
    assert_int_equal(store_session_add(x->db.s, hash, u.id, (int64_t)time(NULL), &sid, &err), 0);
    snprintf(cookie, sizeof cookie, "pok_sessie=%s", token);
    x->db.app.require_login = 1;
    WebRequest req;
    web_request_init(&req, "GET", target);
    req.cookie = cookie;
    req.host = "127.0.0.1:8080";
    web_response_init(res);
    route_dispatch(NULL, &x->db.app, &req, res);
    web_request_free(&req);
    x->db.app.require_login = 0;
}

static void test_links_by_role(void **state)
{
    Fx *x = *state;
    WebResponse res;
    get_as(x, "lezer", "/gemeente/GM1734", &res);
    assert_int_equal(res.status, 200);
    assert_lacks(&res, "/nieuw\"");
    assert_lacks(&res, "Gebruikers</a>");
    web_response_free(&res);
    get_as(x, "redacteur", "/gemeente/GM1734", &res);
    assert_contains(&res, "href=\"/gemeente/GM1734/pot/nieuw\"");
    assert_contains(&res, "href=\"/gemeente/GM1734/jaar/afsluiten\"");
    assert_lacks(&res, "jaar/heropenen");
    assert_lacks(&res, "href=\"/gebruikers\"");
    web_response_free(&res);
    get_as(x, "gemeentebeheerder", "/gemeente/GM1734", &res);
    assert_contains(&res, "href=\"/gemeente/GM1734/jaar/heropenen\"");
    assert_contains(&res, "href=\"/gebruikers\"");
    web_response_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inhabitants_and_stated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_and_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_measure_source_and_decision, setup, teardown),
        cmocka_unit_test_setup_teardown(test_links_by_role, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
