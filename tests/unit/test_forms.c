/* test_forms.c: the forms of pok serve, called through route_dispatch on a temporary
 * database with the demo loaded (a fresh one per test): validation with Dutch messages
 * next to the field and nothing saved, the confirmation step, the coverage after saving,
 * and escaping of every text field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "demo/demo.h"
#include "engine/engine.h"
#include "store/store_audit.h"
#include "store/store_records.h"
#include "store/store_reference.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/route.h"

#include "support/testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char script[] = "<script>alert(1)</script>";
static const char script_escaped[] = "&lt;script&gt;alert(1)&lt;/script&gt;";
static const char quote[] = "\" onmouseover=\"x";
static const char quote_escaped[] = "&quot; onmouseover=&quot;x";
/* Both attacks in one value. */
static const char evil[] = "<script>alert(1)</script>\" onmouseover=\"x";

typedef struct TestForms {
    TestDb db;
    char source_id[24]; /* a source of GM1734, for the citation fields */
} TestForms;

static int forms_setup(void **state)
{
    TestForms *t = calloc(1, sizeof *t);
    if (!t) return -1;
    if (testdb_open_demo(&t->db, "forms", NULL, NULL)) return -1;
    PokErr err = {0};
    Arena a = {0};
    Source *src;
    size_t n;
    if (store_source_list(t->db.s, "GM1734", &a, &src, &n, &err) || n == 0) return -1;
    snprintf(t->source_id, sizeof t->source_id, "%lld", (long long)src[n - 1].id);
    arena_free(&a);
    *state = t;
    return 0;
}

static int forms_teardown(void **state)
{
    TestForms *t = *state;
    testdb_close(&t->db);
    free(t);
    return 0;
}

static void get(TestForms *t, const char *target, WebResponse *res)
{
    testweb_call(&t->db.app, "GET", target, res);
}

/* POST target with the name/value pairs (NULL-terminated), urlencoded. */
#define post(fx, target, res, ...) testweb_post(&(fx)->db.app, (target), (res), __VA_ARGS__)

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

/* The attacks are shown as text only. */
static void assert_escaped(const WebResponse *res)
{
    assert_lacks(res, script);
    assert_lacks(res, quote);
    assert_contains(res, script_escaped);
    assert_contains(res, quote_escaped);
}

static size_t audit_rows(TestForms *t)
{
    Arena a = {0};
    AuditEntry *e;
    size_t n;
    PokErr err;
    assert_int_equal(store_audit_list(t->db.s, NULL, 0, &a, &e, &n, &err), 0);
    arena_free(&a);
    return n;
}

/* Coverage of GM1734 (one pot): field of year. */
static int64_t unplanned(TestForms *t, int year)
{
    Arena a = {0};
    Scheme sc;
    MuniData d;
    Coverage c;
    PokErr err;
    assert_int_equal(store_scheme_get(t->db.s, "POK", &a, &sc, &err), 1);
    assert_int_equal(store_load(t->db.s, "GM1734", sc.id, &a, &d, &err), 1);
    assert_int_equal(coverage_compute(&d, &a, &c, &err), 0);
    int64_t v = -1;
    for (size_t i = 0; i < c.pots[0].n_years; i++)
        if (c.pots[0].years[i].year == year) v = c.pots[0].years[i].unplanned;
    arena_free(&a);
    return v;
}

/* Load GM1734 into a (freed by the caller). */
static MuniData load(TestForms *t, Arena *a)
{
    Scheme sc;
    MuniData d;
    PokErr err;
    assert_int_equal(store_scheme_get(t->db.s, "POK", a, &sc, &err), 1);
    assert_int_equal(store_load(t->db.s, "GM1734", sc.id, a, &d, &err), 1);
    return d;
}

/* Add a measure through the form; returns its id from the redirect. */
static long long add_measure(TestForms *t, const char *name)
{
    WebResponse res;
    post(t, "/gemeente/GM1734/maatregel/nieuw", &res, "naam", name, "status", "gepland", "pot", "",
         NULL);
    assert_int_equal(res.status, 303);
    const char *loc = web_header(&res, "Location");
    assert_non_null(loc);
    long long id = 0;
    assert_int_equal(sscanf(loc, "/maatregel/%lld", &id), 1);
    web_response_free(&res);
    return id;
}

/* (a) and (c): a new measure with a 2027 plan of 50.000; the confirmation saves nothing,
 * the confirmed post does, and 2027's unplanned 180.000 becomes 130.000. */
static void test_measure_plan_changes_coverage(void **state)
{
    TestForms *t = *state;
    assert_int_equal(unplanned(t, 2027), 18000000);
    long long id = add_measure(t, "Nieuwe maatregel");
    assert_int_equal(unplanned(t, 2027), 18000000); /* no plan yet */

    char target[64];
    snprintf(target, sizeof target, "/maatregel/%lld/bedrag", id);
    WebResponse res;
    get(t, target, &res);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "novalidate");
    assert_lacks(&res, "required");
    assert_contains(&res, "<label class=\"utrecht-form-label\" for=\"veld-bedrag\">Bedrag</label>");
    web_response_free(&res);

    size_t audit = audit_rows(t);
    post(t, target, &res, "soort", "plan", "jaar", "2027", "bedrag", "50.000", "bron", "", "plaats",
         "", "besluit", "", NULL);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "Controleer de wijziging");
    assert_contains(&res, "Bevestigen en opslaan");
    assert_contains(&res, "name=\"confirm\" value=\"1\"");
    assert_contains(&res, "Aanpassen");
    assert_contains(&res, "<input type=\"hidden\" name=\"bedrag\" value=\"50.000\">");
    assert_contains(&res, "€ 50.000");
    assert_contains(&res, "2027 na wijziging");
    assert_contains(&res, "€ 180.000");
    assert_contains(&res, "<strong>€ 130.000</strong> (gewijzigd)");
    web_response_free(&res);
    /* (c) nothing saved by the confirmation page */
    assert_int_equal(audit_rows(t), audit);
    assert_int_equal(unplanned(t, 2027), 18000000);

    /* "Aanpassen" shows the form again with the values, still nothing saved */
    post(t, target, &res, "soort", "plan", "jaar", "2027", "bedrag", "50.000", "bron", "", "plaats",
         "", "besluit", "", "aanpassen", "1", NULL);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "value=\"50.000\"");
    assert_contains(&res, "Controleren");
    web_response_free(&res);
    assert_int_equal(audit_rows(t), audit);

    post(t, target, &res, "soort", "plan", "jaar", "2027", "bedrag", "50.000", "bron", "", "plaats",
         "", "besluit", "", "confirm", "1", NULL);
    assert_int_equal(res.status, 303);
    assert_string_equal(web_header(&res, "Location"), "/gemeente/GM1734");
    web_response_free(&res);
    assert_int_equal(unplanned(t, 2027), 13000000);
    assert_int_equal(audit_rows(t), audit + 1);

    /* the audit row names the web as actor */
    Arena a = {0};
    AuditEntry *e;
    size_t n;
    PokErr err;
    assert_int_equal(store_audit_list(t->db.s, "GM1734", 1, &a, &e, &n, &err), 0);
    assert_string_equal(e[0].actor, "web");
    assert_string_equal(e[0].table_name, "measure_amount");
    arena_free(&a);

    /* replacing the plan shows old -> new */
    post(t, target, &res, "soort", "plan", "jaar", "2027", "bedrag", "60.000", "bron", "", "plaats",
         "", "besluit", "", NULL);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "<td>€ 50.000</td><td>€ 60.000</td>");
    web_response_free(&res);
}

/* (b): a malformed amount gives 422, the Dutch reason next to the field, nothing saved,
 * also when the post claims to be confirmed. */
static void test_bad_amount_saves_nothing(void **state)
{
    TestForms *t = *state;
    Arena a = {0};
    MuniData d = load(t, &a);
    long long id = (long long)d.measures[0].id;
    size_t n_amounts = d.n_amounts;
    arena_free(&a);
    size_t audit = audit_rows(t);
    char target[64];
    snprintf(target, sizeof target, "/maatregel/%lld/bedrag", id);
    for (int confirmed = 0; confirmed <= 1; confirmed++) {
        WebResponse res;
        post(t, target, &res, "soort", "plan", "jaar", "2027", "bedrag", "12,345.6x", "bron", "",
             "plaats", "", "besluit", "", "confirm", confirmed ? "1" : "0", NULL);
        assert_int_equal(res.status, 422);
        assert_contains(&res, "utrecht-form-field utrecht-form-field--text "
                              "utrecht-form-field--invalid");
        assert_contains(&res, "<p class=\"utrecht-form-field-error-message\" "
                              "id=\"veld-bedrag-error\">Bedrag: ");
        assert_contains(&res, "id=\"veld-bedrag-error\">Bedrag: meer dan twee cijfers na de "
                              "komma; verwacht een bedrag zoals 1.234,56 (gelezen: "
                              "&#39;12,345.6x&#39;)</p>");
        assert_contains(&res, "aria-invalid=\"true\" aria-describedby=\"veld-bedrag-error "
                              "veld-bedrag-hint\" value=\"12,345.6x\"");
        assert_contains(&res, "<a class=\"utrecht-link\" href=\"#veld-bedrag\">Bedrag: ");
        /* the other values are kept */
        assert_contains(&res, "name=\"jaar\" aria-describedby=\"veld-jaar-hint\" value=\"2027\"");
        assert_lacks(&res, "Controleer de wijziging");
        web_response_free(&res);
    }
    assert_int_equal(audit_rows(t), audit);
    d = load(t, &a);
    assert_int_equal(d.n_amounts, n_amounts);
    arena_free(&a);
    assert_int_equal(unplanned(t, 2027), 18000000);
}

/* Dutch messages for the other checks, each next to its field. */
static void test_validation_messages(void **state)
{
    TestForms *t = *state;
    size_t audit = audit_rows(t);
    WebResponse res;
    post(t, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "9", "jaar", "2030", "bedrag",
         "-5", "bron", "", "plaats", "", NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "Actielijn: onbekende actielijn &#39;9&#39; (POK heeft 1 tot en met 8)");
    assert_contains(&res, "Jaar: verwacht een jaar van 2021 tot en met 2027 (gelezen: "
                          "&#39;2030&#39;)");
    assert_contains(&res, "Bedrag: een toekenning kan niet negatief zijn");
    assert_contains(&res, "Bron: kies het document");
    assert_contains(&res, "4 velden zijn niet goed ingevuld");
    web_response_free(&res);

    post(t, "/gemeente/GM1734/maatregel/nieuw", &res, "naam", "  ", "status", "klaar", NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "id=\"veld-naam-error\">Naam: vul dit veld in</p>");
    assert_contains(&res, "Status: kies een van de mogelijkheden (gelezen: &#39;klaar&#39;)");
    web_response_free(&res);

    post(t, "/gemeente/GM1734/besluit/nieuw", &res, "datum", "2024-02-30", "orgaan", "college",
         "titel", "Besluit", NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "Datum: verwacht een datum als JJJJ-MM-DD, bijvoorbeeld 2024-05-28 "
                          "(gelezen: &#39;2024-02-30&#39;)");
    web_response_free(&res);

    post(t, "/gemeente/GM1734/reserve/nieuw", &res, "soort", "overheveling", "jaar", "2025",
         "naar_jaar", "2024", "bedrag", "10.000", "pot", "", NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "Naar jaar: 2024 ligt niet na het jaar 2025");
    web_response_free(&res);

    post(t, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "2", "jaar", "2027", "bedrag",
         "1.000", "bron", "99999", NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "Bron: kies een van de mogelijkheden (gelezen: &#39;99999&#39;)");
    web_response_free(&res);
    assert_int_equal(audit_rows(t), audit);

    /* unknown records and content types */
    get(t, "/gemeente/GM9999/toekenning/nieuw", &res);
    assert_int_equal(res.status, 404);
    web_response_free(&res);
    get(t, "/maatregel/999999/bedrag", &res);
    assert_int_equal(res.status, 404);
    web_response_free(&res);
    WebRequest req;
    web_request_init(&req, "POST", "/gemeente/GM1734/besluit/nieuw");
    req.content_type = "application/json";
    web_response_init(&res);
    route_dispatch(NULL, &t->db.app, &req, &res);
    assert_int_equal(res.status, 415);
    web_request_free(&req);
    web_response_free(&res);
    assert_int_equal(audit_rows(t), audit);
}

/* Every text that enters is valid UTF-8 of bounded length (text.h). A form field over
 * its bound is 422 with the message next to the field and nothing saved: a 1 MB name, a
 * description over 10.000 characters. Text that is not UTF-8 never reaches a form: the
 * request is refused (400) while its parameters are read, naming the parameter. */
static void test_text_bounds(void **state)
{
    TestForms *t = *state;
    size_t audit = audit_rows(t);
    Arena a = {0};
    size_t n_measures = load(t, &a).n_measures;
    arena_free(&a);
    size_t n = 1000000;
    char *big = malloc(n + 1);
    assert_non_null(big);
    memset(big, 'x', n);
    big[n] = '\0';
    WebResponse res;
    post(t, "/gemeente/GM1734/maatregel/nieuw", &res, "naam", big, "status", "gepland", "pot", "",
         NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "id=\"veld-naam-error\">Naam: te lang: 1.000.000 tekens, hoogstens "
                          "300</p>");
    web_response_free(&res);
    big[10001] = '\0';
    post(t, "/gemeente/GM1734/maatregel/nieuw", &res, "naam", "Kort", "omschrijving", big, "status",
         "gepland", "pot", "", NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "id=\"veld-omschrijving-error\">Omschrijving: te lang: 10.001 tekens, "
                          "hoogstens 10.000</p>");
    web_response_free(&res);
    big[301] = '\0';
    post(t, "/gemeente/GM1734/besluit/nieuw", &res, "datum", "2024-05-28", "orgaan", "college",
         "titel", "Besluit", "kenmerk", big, "confirm", "1", NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "id=\"veld-kenmerk-error\">Kenmerk: te lang: 301 tekens, hoogstens "
                          "300</p>");
    web_response_free(&res);
    assert_int_equal(audit_rows(t), audit);
    assert_int_equal(load(t, &a).n_measures, n_measures);
    arena_free(&a);
    /* within the bounds it is saved: 300 characters é (600 bytes) */
    Buf name = {0};
    for (int i = 0; i < 300; i++) buf_puts(&name, "\xC3\xA9");
    big[300] = '\0';
    post(t, "/gemeente/GM1734/maatregel/nieuw", &res, "naam", name.data, "omschrijving", big,
         "status", "gepland", "pot", "", NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    buf_free(&name);
    free(big);
    assert_int_equal(load(t, &a).n_measures, n_measures + 1);
    arena_free(&a);

    /* naam=bad%FF%FEname: refused with the parameter named, nothing read */
    WebRequest req;
    web_request_init(&req, "POST", "/gemeente/GM1734/maatregel/nieuw");
    static const char body[] = "status=gepland&naam=bad%FF%FEname&pot=";
    assert_int_equal(web_params_parse(&req, &req.form, body, strlen(body)), -3);
    assert_non_null(req.bad_text);
    assert_string_equal(req.bad_text, "Parameter 'naam': geen geldige UTF-8-tekst (byte 0xFF na "
                                      "3 tekens). Stuur tekst als UTF-8, zonder stuurtekens.");
    assert_null(web_form(&req, "naam"));
    web_request_free(&req);
}

/* An allocation and a reserve movement: confirmation with old -> new, then saved. */
static void test_allocation_and_reserve(void **state)
{
    TestForms *t = *state;
    size_t audit = audit_rows(t);
    WebResponse res;
    post(t, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "2", "jaar", "2027", "bedrag",
         "200.000", "bron", t->source_id, "plaats", "", NULL);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "Controleer de wijziging");
    assert_contains(&res, "<td>€ 200.000</td>");
    web_response_free(&res);
    assert_int_equal(audit_rows(t), audit);
    post(t, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "2", "jaar", "2027", "bedrag",
         "200.000", "bron", t->source_id, "plaats", "", "confirm", "1", NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    assert_int_equal(audit_rows(t), audit + 1);
    assert_int_equal(unplanned(t, 2027), 38000000);

    /* a second figure for the same actielijn and year shows the current one */
    post(t, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "2", "jaar", "2027", "bedrag",
         "210.000", "bron", t->source_id, "plaats", "", NULL);
    assert_contains(&res, "<td>€ 200.000 (versie 1)</td><td>€ 210.000</td>");
    web_response_free(&res);

    post(t, "/gemeente/GM1734/reserve/nieuw", &res, "soort", "onttrekking", "jaar", "2027",
         "naar_jaar", "", "bedrag", "5.000", "pot", "", "omschrijving", "", "bron", "", "plaats",
         "", "besluit", "", NULL);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "Controleer de wijziging");
    web_response_free(&res);
    assert_int_equal(audit_rows(t), audit + 1);
    post(t, "/gemeente/GM1734/reserve/nieuw", &res, "soort", "beginstand", "jaar", "2024",
         "naar_jaar", "", "bedrag", "460.000", "pot", "", "omschrijving", "", "bron", "", "plaats",
         "", "besluit", "", NULL);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "<td>€ 459.500 op 1 januari 2024</td><td>€ 460.000 op 1 januari "
                          "2024</td>");
    web_response_free(&res);
    post(t, "/gemeente/GM1734/reserve/nieuw", &res, "soort", "beginstand", "jaar", "2024",
         "naar_jaar", "", "bedrag", "460.000", "pot", "", "omschrijving", "", "bron", "", "plaats",
         "", "besluit", "", "confirm", "1", NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    Arena a = {0};
    MuniData d = load(t, &a);
    assert_int_equal(d.n_openings, 1);
    assert_int_equal(d.openings[0].amount_cents, 46000000);
    arena_free(&a);
}

/* (d) every text field of every form: re-rendered with errors, on the confirmation page
 * and once stored, shown as text. */
static void test_escaping_everywhere(void **state)
{
    TestForms *t = *state;
    long long id = add_measure(t, "Escape");
    char amount[64], edit[64], evaluation[64];
    snprintf(amount, sizeof amount, "/maatregel/%lld/bedrag", id);
    snprintf(edit, sizeof edit, "/maatregel/%lld/bewerken", id);
    snprintf(evaluation, sizeof evaluation, "/maatregel/%lld/evaluatie/nieuw", id);
    const char *src = t->source_id;
    WebResponse res;
    size_t audit = audit_rows(t);

    /* every field evil: 422 and every value shown escaped */
    post(t, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", evil, "jaar", evil, "bedrag",
         evil, "bron", evil, "plaats", evil, NULL);
    assert_int_equal(res.status, 422);
    assert_escaped(&res);
    web_response_free(&res);
    post(t, "/gemeente/GM1734/reserve/nieuw", &res, "soort", evil, "jaar", evil, "naar_jaar", evil,
         "bedrag", evil, "pot", evil, "omschrijving", evil, "bron", evil, "plaats", evil, "besluit",
         evil, NULL);
    assert_int_equal(res.status, 422);
    assert_escaped(&res);
    web_response_free(&res);
    post(t, "/gemeente/GM1734/maatregel/nieuw", &res, "naam", evil, "omschrijving", evil, "partner",
         evil, "status", evil, "pot", evil, "actielijnen[]", evil, "doelen[]", evil,
         "kostenplaatsen", evil, NULL);
    assert_int_equal(res.status, 422);
    assert_escaped(&res);
    web_response_free(&res);
    post(t, edit, &res, "naam", evil, "omschrijving", evil, "partner", evil, "status", evil, "pot",
         evil, "kostenplaatsen", evil, NULL);
    assert_int_equal(res.status, 422);
    assert_escaped(&res);
    web_response_free(&res);
    post(t, amount, &res, "soort", evil, "jaar", evil, "bedrag", evil, "bron", evil, "plaats", evil,
         "besluit", evil, NULL);
    assert_int_equal(res.status, 422);
    assert_escaped(&res);
    web_response_free(&res);
    post(t, evaluation, &res, "datum", evil, "oordeel", evil, "tekst", evil, "vervolg", evil,
         "bron", evil, "plaats", evil, "besluit", evil, NULL);
    assert_int_equal(res.status, 422);
    assert_escaped(&res);
    web_response_free(&res);
    post(t, "/gemeente/GM1734/besluit/nieuw", &res, "datum", evil, "orgaan", evil, "titel", evil,
         "kenmerk", evil, "uitkomst", evil, "bron", evil, "plaats", evil, NULL);
    assert_int_equal(res.status, 422);
    assert_escaped(&res);
    web_response_free(&res);
    post(t, "/gemeente/GM1734/verzoek/nieuw", &res, "aanvrager", evil, "datum", evil, "onderwerp",
         evil, "bedrag", evil, "status", evil, "brief", evil, "bron", evil, "plaats", evil,
         "besluit", evil, NULL);
    assert_int_equal(res.status, 422);
    assert_escaped(&res);
    web_response_free(&res);
    assert_int_equal(audit_rows(t), audit);

    /* the free-text fields evil, the rest valid: confirmation pages escape them */
    post(t, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "2", "jaar", "2027", "bedrag",
         "1.000", "bron", src, "plaats", evil, NULL);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "Controleer de wijziging");
    assert_escaped(&res);
    web_response_free(&res);
    post(t, "/gemeente/GM1734/reserve/nieuw", &res, "soort", "storting", "jaar", "2027", "bedrag",
         "1.000", "pot", "", "omschrijving", evil, "bron", src, "plaats", evil, "besluit", "",
         NULL);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "Controleer de wijziging");
    assert_escaped(&res);
    web_response_free(&res);
    post(t, amount, &res, "soort", "plan", "jaar", "2027", "bedrag", "1.000", "bron", src, "plaats",
         evil, "besluit", "", NULL);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "Controleer de wijziging");
    assert_escaped(&res);
    web_response_free(&res);
    assert_int_equal(audit_rows(t), audit);

    /* saved as typed, and shown escaped when the edit form shows them again */
    post(t, edit, &res, "naam", evil, "omschrijving", evil, "partner", evil, "status", "lopend",
         "pot", "", "actielijnen[]", "2", "doelen[]", "1", "kostenplaatsen", evil, NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    get(t, edit, &res);
    assert_int_equal(res.status, 200);
    assert_escaped(&res);
    assert_contains(&res, "value=\"2\" checked");
    web_response_free(&res);
    post(t, evaluation, &res, "datum", "2025-03-01", "oordeel", evil, "tekst", evil, "vervolg",
         "voortzetten", "bron", src, "plaats", evil, "besluit", "", NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    post(t, "/gemeente/GM1734/besluit/nieuw", &res, "datum", "2024-05-28", "orgaan", "raad",
         "titel", evil, "kenmerk", evil, "uitkomst", evil, "bron", src, "plaats", evil, NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    post(t, "/gemeente/GM1734/verzoek/nieuw", &res, "aanvrager", evil, "datum", "2024-04-24",
         "onderwerp", evil, "bedrag", "", "status", "open", "brief", "", "bron", src, "plaats",
         evil, "besluit", "", NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    post(t, amount, &res, "soort", "plan", "jaar", "2027", "bedrag", "1.000", "bron", src, "plaats",
         evil, "besluit", "", "confirm", "1", NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);

    Arena a = {0};
    MuniData d = load(t, &a);
    const Measure *m = muni_measure(&d, id);
    assert_non_null(m);
    assert_string_equal(m->name, evil);
    assert_string_equal(m->description, evil);
    assert_string_equal(m->partner, evil);
    assert_string_equal(m->cost_centres, evil);
    assert_string_equal(m->status, "lopend");
    assert_int_equal(m->n_actielijnen, 1);
    assert_int_equal(m->n_purposes, 1);
    const Evaluation *e = &d.evaluations[d.n_evaluations - 1];
    assert_string_equal(e->verdict, evil);
    assert_string_equal(e->text, evil);
    assert_string_equal(e->cite.place, evil);
    const Decision *x = &d.decisions[d.n_decisions - 1];
    assert_string_equal(x->title, evil);
    assert_string_equal(x->reference, evil);
    assert_string_equal(x->outcome, evil);
    const Request *r = &d.requests[d.n_requests - 1];
    assert_string_equal(r->requester, evil);
    assert_string_equal(r->subject, evil);
    int found = 0;
    for (size_t i = 0; i < d.n_amounts; i++)
        if (d.amounts[i].measure_id == id) {
            assert_string_equal(d.amounts[i].cite.place, evil);
            assert_int_equal(d.amounts[i].amount_cents, 100000);
            found = 1;
        }
    assert_true(found);
    arena_free(&a);

    /* the decision form lists the stored decision escaped in the choice of a later form */
    get(t, amount, &res);
    assert_escaped(&res);
    web_response_free(&res);
}

/* The forms themselves: labels, no HTML5 validation, the nav block. */
static void test_forms_render(void **state)
{
    TestForms *t = *state;
    long long id = add_measure(t, "Weergave");
    char paths[3][64];
    snprintf(paths[0], sizeof paths[0], "/maatregel/%lld/bewerken", id);
    snprintf(paths[1], sizeof paths[1], "/maatregel/%lld/bedrag", id);
    snprintf(paths[2], sizeof paths[2], "/maatregel/%lld/evaluatie/nieuw", id);
    const char *targets[] = {"/gemeente/GM1734/toekenning/nieuw",
                             "/gemeente/GM1734/reserve/nieuw",
                             "/gemeente/GM1734/maatregel/nieuw",
                             "/gemeente/GM1734/besluit/nieuw",
                             "/gemeente/GM1734/verzoek/nieuw",
                             paths[0],
                             paths[1],
                             paths[2]};
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        WebResponse res;
        get(t, targets[i], &res);
        assert_int_equal(res.status, 200);
        assert_contains(&res, "<html lang=\"nl\">");
        assert_contains(&res, "novalidate");
        assert_contains(&res, "class=\"utrecht-form-label\"");
        assert_lacks(&res, " required");
        assert_lacks(&res, "pattern=");
        assert_lacks(&res, "utrecht-form-field--invalid");
        web_response_free(&res);
    }
    WebResponse res;
    get(t, paths[0], &res);
    assert_contains(&res, "value=\"Weergave\"");
    web_response_free(&res);

    Buf b = {0};
    page_forms_nav(&b, "GM1734");
    assert_non_null(
        strstr(b.data, "<a class=\"utrecht-link\" href=\"/gemeente/GM1734/maatregel/nieuw\">"));
    buf_reset(&b);
    page_forms_measure_nav(&b, 7);
    assert_non_null(strstr(b.data, "href=\"/maatregel/7/bedrag\""));
    buf_free(&b);
}

/* The allocation form records a figure for a period (one year or a period is a choice):
 * its last year must come after its first; the confirmation names the period; after
 * saving the coverage table shows it as a line of its own, never split over the years. */
static void test_period_allocation(void **state)
{
    TestForms *t = *state;
    size_t audit = audit_rows(t);
    WebResponse res;
    post(t, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "-", "periode", "periode",
         "jaar", "2024", "tot_jaar", "", "bedrag", "100.000", "bron", t->source_id, NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "Tot en met jaar: vul het laatste jaar van de periode in");
    web_response_free(&res);
    post(t, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "-", "periode", "periode",
         "jaar", "2024", "tot_jaar", "2024", "bedrag", "100.000", "bron", t->source_id, NULL);
    assert_int_equal(res.status, 422);
    assert_contains(&res, "Tot en met jaar: een periode eindigt na het eerste jaar (2024)");
    web_response_free(&res);
    post(t, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "-", "periode", "altijd",
         "jaar", "2024", "tot_jaar", "2026", "bedrag", "100.000", "bron", t->source_id, NULL);
    assert_int_equal(res.status, 422);
    web_response_free(&res);
    assert_int_equal(audit_rows(t), audit);

    post(t, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "-", "periode", "periode",
         "jaar", "2024", "tot_jaar", "2026", "bedrag", "100.000", "bron", t->source_id, NULL);
    assert_int_equal(res.status, 200);
    assert_contains(&res, "2024-2026 (verdeling over de jaren onbekend)");
    web_response_free(&res);
    assert_int_equal(audit_rows(t), audit);
    post(t, "/gemeente/GM1734/toekenning/nieuw", &res, "actielijn", "-", "periode", "periode",
         "jaar", "2024", "tot_jaar", "2026", "bedrag", "100.000", "bron", t->source_id, "confirm",
         "1", NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    assert_int_equal(audit_rows(t), audit + 1);
    get(t, "/gemeente/GM1734", &res);
    assert_contains(&res, "<tr class=\"period\"><th scope=\"row\">Toegekend voor 2024-2026, "
                          "verdeling over de jaren onbekend</th>");
    assert_contains(&res, "<dt>Toegekend 2024-2027</dt><dd>€ 815.000 <small>(waarvan € 100.000 "
                          "voor een periode");
    web_response_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_measure_plan_changes_coverage, forms_setup,
                                        forms_teardown),
        cmocka_unit_test_setup_teardown(test_bad_amount_saves_nothing, forms_setup, forms_teardown),
        cmocka_unit_test_setup_teardown(test_validation_messages, forms_setup, forms_teardown),
        cmocka_unit_test_setup_teardown(test_text_bounds, forms_setup, forms_teardown),
        cmocka_unit_test_setup_teardown(test_allocation_and_reserve, forms_setup, forms_teardown),
        cmocka_unit_test_setup_teardown(test_period_allocation, forms_setup, forms_teardown),
        cmocka_unit_test_setup_teardown(test_escaping_everywhere, forms_setup, forms_teardown),
        cmocka_unit_test_setup_teardown(test_forms_render, forms_setup, forms_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
