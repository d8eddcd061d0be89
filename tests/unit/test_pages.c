/* test_pages.c: the read-only pages, their CSV downloads and the JSON API, called through
 * route_dispatch on a temporary database with the demo loaded (no sockets): the demo's
 * figures on every page, 404 for what does not exist, and markup in every text field
 * shown as text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "demo/demo.h"
#include "store/store_records.h"
#include "store/store_reference.h"
#include "web/html.h"
#include "web/route.h"
#include "web/table_frame.h"

#include "support/testdb.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char script[] = "<script>alert(1)</script>";
static const char script_escaped[] = "&lt;script&gt;alert(1)&lt;/script&gt;";
static const char attr[] = "\" onmouseover=\"x";

typedef struct TestPages {
    TestDb db;
    int64_t jobhunter, overbetuwe_source; /* demo records */
    int64_t evil_measure, evil_source;    /* records of GM9990 full of markup */
} TestPages;

/* A municipality whose every text field holds markup. */
static int add_evil(void *ctx, PokErr *err)
{
    TestPages *t = ctx;
    Arena a = {0};
    Scheme pok;
    int ok = store_scheme_get(t->db.s, "POK", &a, &pok, err) == 1;
    arena_free(&a);
    if (!ok) return -1;
    Municipality m = {.code = "GM9990", .name = script, .province = attr};
    Source src = {.kind = attr,
                  .title = script,
                  .reference = attr,
                  .date = "2024-02-03",
                  .municipality = "GM9990",
                  .note = script};
    if (store_municipality_put(t->db.s, &m, err) || store_source_add(t->db.s, &src, err)) return -1;
    Citation cite = {src.id, script};
    Allocation al = {.municipality = "GM9990",
                     .scheme_id = pok.id,
                     .year = 2024,
                     .amount_cents = 123456,
                     .cite = cite};
    Decision dec = {.municipality = "GM9990",
                    .date = "2024-05-28",
                    .body = "college",
                    .reference = "=HYPERLINK(\"http://x\")",
                    .title = script,
                    .outcome = attr,
                    .cite = cite};
    if (store_allocation_add(t->db.s, &al, err) || store_decision_add(t->db.s, &dec, err))
        return -1;
    Measure me = {.municipality = "GM9990",
                  .scheme_id = pok.id,
                  .name = script,
                  .description = attr,
                  .partner = attr,
                  .status = "lopend",
                  .cost_centres = script,
                  .cite = cite,
                  .decision_id = dec.id};
    if (store_measure_add(t->db.s, &me, err)) return -1;
    MeasureAmount ma = {.measure_id = me.id,
                        .year = 2024,
                        .kind = AMOUNT_PLAN,
                        .amount_cents = 100000,
                        .cite = cite};
    Request r = {.municipality = "GM9990",
                 .requester = script,
                 .date = "2024-04-24",
                 .subject = attr,
                 .decision_id = dec.id,
                 .status = "afgewezen",
                 .cite = cite};
    Evaluation e = {.measure_id = me.id,
                    .date = "2025-01-01",
                    .verdict = script,
                    .text = attr,
                    .follow_up = "voortzetten",
                    .cite = cite};
    ReserveMovement rm = {.municipality = "GM9990",
                          .scheme_id = pok.id,
                          .kind = RESERVE_DEPOSIT,
                          .year = 2024,
                          .amount_cents = 500,
                          .description = script,
                          .cite = cite};
    if (store_measure_amount_set(t->db.s, &ma, err) || store_request_add(t->db.s, &r, err) ||
        store_evaluation_add(t->db.s, &e, err) || store_reserve_movement_add(t->db.s, &rm, err))
        return -1;
    t->evil_measure = me.id;
    t->evil_source = src.id;
    return 0;
}

static int find_jobhunter(TestPages *t, PokErr *err)
{
    Arena a = {0};
    Scheme pok;
    MuniData d;
    int r = store_scheme_get(t->db.s, "POK", &a, &pok, err) == 1 &&
            store_load(t->db.s, "GM1734", pok.id, &a, &d, err) == 1;
    for (size_t i = 0; r && i < d.n_measures; i++)
        if (strcmp(d.measures[i].name, "Jobhunter") == 0) {
            t->jobhunter = d.measures[i].id;
            t->overbetuwe_source = d.measures[i].cite.source_id;
        }
    arena_free(&a);
    return t->jobhunter ? 0 : -1;
}

static int pages_setup(void **state)
{
    TestPages *t = calloc(1, sizeof *t);
    if (!t) return -1;
    if (testdb_open_demo(&t->db, "pages", add_evil, t)) return -1;
    PokErr err = {0};
    if (find_jobhunter(t, &err)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    *state = t;
    return 0;
}

static int pages_teardown(void **state)
{
    TestPages *t = *state;
    testdb_close(&t->db);
    free(t);
    return 0;
}

static void call(TestPages *t, const char *target, WebResponse *res)
{
    testweb_call(&t->db.app, "GET", target, res);
}

/* GET target, expect status, and the body; the caller frees res. */
static void get(TestPages *t, const char *target, int status, WebResponse *res)
{
    call(t, target, res);
    if (res->status != status)
        fail_msg("%s: status %d, expected %d\n%.1500s", target, res->status, status,
                 res->body.data ? res->body.data : "");
}

#define assert_contains(res, text)                                                                 \
    do {                                                                                           \
        if (!strstr((res)->body.data ? (res)->body.data : "", (text)))                             \
            fail_msg("'%s' not in the body:\n%.3000s", (text), (res)->body.data);                  \
    } while (0)
#define assert_lacks(res, text)                                                                    \
    do {                                                                                           \
        if (strstr((res)->body.data ? (res)->body.data : "", (text)))                              \
            fail_msg("'%s' unexpectedly in the body", (text));                                     \
    } while (0)

__attribute__((format(printf, 3, 4))) static const char *fmt(char *buf, size_t size,
                                                             const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vsnprintf(buf, size, format, ap);
    va_end(ap);
    return buf;
}

static void assert_html_page(const WebResponse *res)
{
    assert_string_equal(res->content_type, "text/html; charset=utf-8");
    assert_contains(res, "<html lang=\"nl\">");
    assert_non_null(web_header(res, "Content-Security-Policy"));
}

static void assert_csv(const WebResponse *res, const char *filename)
{
    char want[120];
    assert_string_equal(res->content_type, "text/csv; charset=utf-8");
    snprintf(want, sizeof want, "attachment; filename=\"%s\"", filename);
    assert_string_equal(web_header(res, "Content-Disposition"), want);
}

static void test_start_page_totals(void **state)
{
    WebResponse res;
    get(*state, "/", 200, &res);
    assert_html_page(&res);
    /* Overbetuwe: 48.214 inhabitants (CBS 2021), allocated 175.000 + 3 x 180.000, planned
     * 399.500 + 405.000 + 190.000 */
    assert_contains(&res, "<a href=\"/gemeente/GM1734\">Overbetuwe</a></th><td>GM1734</td>"
                          "<td>Gelderland</td><td class=\"num\">48.214</td>"
                          "<td class=\"num\">€ 715.000</td>"
                          "<td class=\"num\">€ 994.500</td><td class=\"num\">€ 0</td>"
                          "<td class=\"num\">€ 180.000<br><small>31 december 2027</small></td>");
    assert_contains(&res, "<td class=\"num\">€ 458.000</td>"); /* Olst-Wijhe */
    assert_contains(&res, "<td class=\"num\">€ 66.983</td>");  /* Hillegom realised */
    assert_contains(&res, "href=\"/gemeenten.csv\"");
    assert_contains(&res, "Download als CSV");
    web_response_free(&res);

    get(*state, "/?q=betuwe", 200, &res);
    assert_contains(&res, "€ 715.000");
    assert_lacks(&res, "Olst-Wijhe");
    assert_contains(&res, "href=\"/gemeenten.csv?q=betuwe\"");
    web_response_free(&res);

    get(*state, "/gemeenten.csv?q=betuwe", 200, &res);
    assert_csv(&res, "gemeenten.csv");
    /* a search lists every municipality it finds; figures as numbers, the inhabitants
     * without digit groups, the date of the reserve in a column of its own */
    assert_non_null(strstr(res.body.data,
                           "\xEF\xBB\xBFGemeente;Code;Provincie;Inwoners;Toegekend (euro);"
                           "Gepland (euro);Gerealiseerd (euro);Reserve aan het eind (euro);"
                           "Toelichting bij Reserve aan het eind\r\n"));
    assert_contains(&res, "\r\nOverbetuwe;GM1734;Gelderland;48214;715000,00;994500,00;0,00;"
                          "180000,00;31 december 2027\r\n");
    assert_contains(&res, "\r\nNeder-Betuwe;GM1740;Gelderland;");
    web_response_free(&res);
}

/* The position of needle in the body, for the order of rows. */
static const char *at(const WebResponse *res, const char *needle)
{
    const char *p = strstr(res->body.data, needle);
    if (!p) fail_msg("'%s' not in the body", needle);
    return p;
}

static void test_start_page_finds(void **state)
{
    WebResponse res;
    /* by default only those with figures (the demo's four and GM9990), by name; a link
     * to all */
    get(*state, "/", 200, &res);
    assert_contains(&res, "Gemeenten met gegevens (5)");
    assert_lacks(&res, "Neder-Betuwe");
    assert_contains(&res, "<option value=\"met\" selected>");
    assert_true(at(&res, ">Amstelveen<") < at(&res, ">Hillegom<"));
    assert_true(at(&res, ">Olst-Wijhe<") < at(&res, ">Overbetuwe<"));
    assert_contains(&res, "<a href=\"/?gegevens=alle\">Toon alle 3");
    web_response_free(&res);
    /* sorted by a total, highest first (Amstelveen's 2.932.000 is for 2022-2027) */
    get(*state, "/?sorteer=toegekend", 200, &res);
    assert_true(at(&res, ">Amstelveen<") < at(&res, ">Overbetuwe<"));
    assert_true(at(&res, ">Overbetuwe<") < at(&res, ">Olst-Wijhe<"));
    assert_true(at(&res, ">Olst-Wijhe<") < at(&res, ">Hillegom<"));
    assert_contains(&res, "<option value=\"toegekend\" selected>");
    assert_contains(&res, "href=\"/gemeenten.csv?sorteer=toegekend\"");
    web_response_free(&res);
    get(*state, "/?sorteer=inwoners", 200, &res); /* Amstelveen 90.829 > Overbetuwe 48.214 */
    assert_true(at(&res, ">Amstelveen<") < at(&res, ">Overbetuwe<"));
    assert_true(at(&res, ">Hillegom<") < at(&res, ">Olst-Wijhe<"));
    web_response_free(&res);
    /* by province, all or without figures */
    get(*state, "/?provincie=Gelderland&gegevens=alle", 200, &res);
    assert_contains(&res, "Gemeenten in Gelderland (");
    assert_contains(&res, ">Overbetuwe<");
    assert_contains(&res, ">Neder-Betuwe<");
    assert_lacks(&res, ">Hillegom<");
    assert_contains(&res, "<option value=\"Gelderland\" selected>");
    web_response_free(&res);
    get(*state, "/?provincie=Gelderland&gegevens=zonder", 200, &res);
    assert_contains(&res, "Gemeenten zonder gegevens in Gelderland (");
    assert_lacks(&res, ">Overbetuwe<");
    assert_contains(&res, ">Neder-Betuwe<");
    web_response_free(&res);
    /* by CBS size class: 10.000 to 20.000 inhabitants holds Olst-Wijhe (18.361) only of
     * the four; 20.000 to 50.000 Overbetuwe and Hillegom */
    get(*state, "/?grootte=3", 200, &res);
    assert_contains(&res, ">Olst-Wijhe<");
    assert_lacks(&res, ">Overbetuwe<");
    assert_contains(&res, "Gemeenten met gegevens (1)");
    web_response_free(&res);
    get(*state, "/gemeenten.csv?grootte=4&sorteer=gerealiseerd", 200, &res);
    assert_true(at(&res, "\r\nHillegom;") < at(&res, "\r\nOverbetuwe;"));
    assert_lacks(&res, "Olst-Wijhe");
    assert_lacks(&res, "Amstelveen");
    web_response_free(&res);
    /* all of them; unknown choices fall back to the defaults */
    get(*state, "/?gegevens=alle", 200, &res);
    assert_contains(&res, ">Neder-Betuwe<");
    assert_contains(&res, ">Overbetuwe<");
    web_response_free(&res);
    get(*state, "/?sorteer=x&grootte=9&gegevens=%3Cb%3E", 200, &res);
    assert_contains(&res, "Gemeenten met gegevens (5)");
    assert_contains(&res, "<option value=\"naam\" selected>");
    web_response_free(&res);
}

static void test_municipality_page(void **state)
{
    WebResponse res;
    get(*state, "/gemeente/GM1773", 200, &res);
    assert_html_page(&res);
    /* the allocation table: row total of actielijn 2 and the grand total */
    assert_contains(&res, "Toekenningen per actielijn en jaar, Olst-Wijhe");
    assert_contains(&res, "<td class=\"num\">€ 149.000</td></tr>");
    assert_contains(&res, "<td class=\"num\">€ 458.000</td></tr>\n</tfoot>");
    /* each figure links to its source, with the place as title */
    assert_contains(&res, "href=\"/gemeente/GM1773/bron/");
    assert_contains(&res, "#toekenning-");
    assert_contains(&res, "title=\"Financiële gevolgen, tabel actielijnen (decembercirculaire "
                          "2021, afgerond)\">€ 19.000</a>");
    /* the chart with an accessible name, and its figures as a table */
    assert_contains(&res, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"");
    assert_contains(&res, "aria-labelledby=\"jaren-titel jaren-uitleg\"");
    assert_contains(&res, "<title id=\"jaren-titel\">Toekenning, uitgaven en reserve per jaar, "
                          "Olst-Wijhe</title>");
    assert_contains(&res, "<th scope=\"row\" class=\"num\">2029</th><td class=\"num\">€ 0</td>"
                          "<td class=\"num\">€ 35.000</td><td class=\"num\">€ 0</td>"
                          "<td class=\"num\">€ 35.000<br><small>begroot</small></td>"
                          "<td class=\"num\">€ 0</td><td class=\"num\">€ 0</td>"
                          "<td class=\"num\">€ 318.000</td>");
    assert_contains(&res, "href=\"/gemeente/GM1773/jaren.csv\"");
    assert_contains(&res, "href=\"/gemeente/GM1773/toekenningen.csv\"");
    /* links to the other pages and the findings */
    assert_contains(&res, "href=\"/gemeente/GM1773/maatregelen\"");
    assert_contains(&res, "href=\"/gemeente/GM1773/besluiten\"");
    assert_contains(&res, "href=\"/gemeente/GM1773/evaluaties\"");
    assert_contains(&res, "<h2 id=\"controles\">Controles</h2>");
    assert_contains(&res, "href=\"/gemeente/GM1773/maatregel/nieuw\"");
    web_response_free(&res);

    /* Overbetuwe: the reserve opening, linked to its source */
    get(*state, "/gemeente/GM1734", 200, &res);
    assert_contains(&res, "<dt>Toegekend 2024-2027</dt><dd>€ 715.000</dd>");
    assert_contains(&res, "#opening-");
    assert_contains(&res, "€ 459.500</a>");
    assert_contains(&res, "(<a href=\"/gemeente/GM1734/bron/");
    web_response_free(&res);

    get(*state, "/gemeente/GM1773/toekenningen.csv", 200, &res);
    assert_csv(&res, "toekenningen-GM1773.csv");
    assert_contains(&res, "Actielijn;2021 (euro);2022 (euro);2023 (euro);2024 (euro);2025 (euro);"
                          "2026 (euro);2027 (euro);Totaal (euro)\r\n");
    assert_contains(&res, "2. Rechtsbescherming;19000,00;20000,00;22000,00;22000,00;22000,00;"
                          "22000,00;22000,00;149000,00\r\n");
    assert_contains(&res, "Totaal;81000,00");
    assert_contains(&res, ";458000,00\r\n");
    web_response_free(&res);

    get(*state, "/gemeente/GM1773/jaren.csv", 200, &res);
    assert_contains(&res,
                    "Jaar;Toekenning (euro);Begroot (euro);Gerealiseerd (euro);Uitgaven (euro);"
                    "Toelichting bij Uitgaven;Besloten storting in reserve (euro);Verwachte "
                    "storting (nog geen besluit) (euro);Reserve op 31 december (euro)\r\n");
    assert_contains(&res, "2029;0,00;35000,00;0,00;35000,00;begroot;0,00;0,00;318000,00\r\n");
    web_response_free(&res);

    get(*state, "/gemeente/GM1734/reserve.csv", 200, &res);
    assert_csv(&res, "reserve-GM1734.csv");
    assert_contains(&res, "reserve op 1 januari;2024;;459500,00;;Raadsvoorstel Vervolg "
                          "bestedingen POK-gelden (Financiën, tabel Beschikbare POK-middelen: "
                          "Restant POK 2021-2023 (bestemmingsreserve overhevelingen))\r\n");
    web_response_free(&res);
}

/* How many times needle occurs in the body. */
static size_t occurrences(const WebResponse *res, const char *needle)
{
    size_t n = 0;
    for (const char *p = res->body.data; p && (p = strstr(p, needle)); p += strlen(needle)) n++;
    return n;
}

/* The acceptance of issue 12: Overbetuwe's summary names the years of its figures
 * (2024-2027, not the scheme's 2021-2027), totaal beschikbaar 459.500 + 715.000 and its
 * plans as begroot; Amstelveen shows its 2.932.000 as a period figure; Olst-Wijhe has at
 * most one finding per pot and kind. */
static void test_summaries_say_what_they_are(void **state)
{
    WebResponse res;
    get(*state, "/gemeente/GM1734", 200, &res);
    assert_contains(&res, "<h2>Samenvatting 2024-2027</h2>");
    assert_contains(&res, "<dt>Totaal beschikbaar 2024-2027 <small>(reserve aan het begin plus "
                          "toekenningen)</small></dt><dd>€ 1.174.500</dd>");
    assert_contains(&res, "<dt>Begroot 2024-2027 <small>(plannen)</small></dt><dd>€ 994.500</dd>");
    assert_contains(&res,
                    "<tr><td></td><th scope=\"col\" class=\"num\"><small>begroot</small></th>");
    assert_contains(&res, "<th scope=\"row\">waarvan verwacht (nog geen besluit)</th>");
    assert_lacks(&res, "(2021-2027)");
    web_response_free(&res);

    get(*state, "/gemeente/GM0362", 200, &res);
    assert_contains(&res, "<dt>Toegekend 2022-2027</dt><dd>€ 2.932.000");
    assert_contains(&res, "<th scope=\"row\">Toegekend voor 2022-2027, verdeling over de jaren "
                          "onbekend</th>");
    assert_contains(&res, "<td class=\"num\">onbekend</td>");
    assert_contains(&res, "Voor 2022-2027 is € 2.932.000 toegekend zonder verdeling over de jaren");
    assert_lacks(&res, "heeft geen toekenningen voor 2022-2027");
    web_response_free(&res);

    get(*state, "/gemeente/GM1773", 200, &res);
    /* seven years of unplanned money in pot 3+4+5: one finding naming the years */
    assert_int_equal(occurrences(&res, "zonder bestemming in pot Actielijnen 3, 4 en 5"), 1);
    assert_contains(&res, "2021-2027: € 309.000 zonder bestemming in pot Actielijnen 3, 4 en 5");
    assert_int_equal(occurrences(&res, "zonder bestemming in pot Actielijn 2"), 1);
    assert_lacks(&res, "stated_mismatch");
    assert_lacks(&res, "docs/");
    web_response_free(&res);
}

/* Every table of a page is in the one frame (table_frame.c): a scroll container that
 * takes the keyboard focus and is named after the table's caption. */
static void assert_tables_framed(const WebResponse *res, const char *path)
{
    static const char frame[] =
        "<div class=\"table-scroll\" role=\"group\" tabindex=\"0\" aria-label=\"";
    static const char caption[] = "<caption class=\"utrecht-table__caption\">";
    const char *body = res->body.data;
    size_t tables = 0, framed = 0;
    for (const char *p = strstr(body, "<table"); p; p = strstr(p + 1, "<table")) tables++;
    for (const char *p = strstr(body, frame); p; p = strstr(p + 1, frame)) {
        framed++;
        const char *label = p + strlen(frame), *end = strchr(label, '"');
        const char *cap = strstr(p, caption);
        assert_non_null(end);
        assert_non_null(cap);
        cap += strlen(caption);
        if (strncmp(label, cap, (size_t)(end - label)) != 0 ||
            strncmp(cap + (end - label), "</caption>", 10) != 0)
            fail_msg("%s: frame named '%.*s' holds a table captioned '%.40s'", path,
                     (int)(end - label), label, cap);
        /* the table follows its frame directly */
        static const char table[] = "\"><table class=\"utrecht-table";
        assert_int_equal(strncmp(end, table, sizeof table - 1), 0);
    }
    if (tables == 0 || framed != tables)
        fail_msg("%s: %zu tables, %zu in a frame", path, tables, framed);
}

/* The frame itself: the caption escaped in both places, the extra class and the id. */
static void test_table_frame_markup(void **state)
{
    (void)state;
    Buf b = {0};
    table_frame_open(&b, "Tabel \"a\" <b>", "gebruikers", "grid-table");
    html_lit(&b, "<tbody></tbody>\n");
    table_frame_close(&b);
    assert_string_equal(
        b.data, "<div class=\"table-scroll\" role=\"group\" tabindex=\"0\" aria-label=\"Tabel "
                "&quot;a&quot; &lt;b&gt;\"><table class=\"utrecht-table grid-table\" "
                "id=\"gebruikers\">\n<caption class=\"utrecht-table__caption\">Tabel &quot;a&quot; "
                "&lt;b&gt;</caption>\n<tbody></tbody>\n</table></div>\n");
    buf_free(&b);
}

static void test_tables_framed(void **state)
{
    TestPages *t = *state;
    const char *paths[] = {"/",
                           "/gemeente/GM1773",
                           "/gemeente/GM1734/maatregelen",
                           "/gemeente/GM0362/besluiten",
                           "/gemeente/GM1734/wijzigingen",
                           "/gemeente/GM1734/evaluaties"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        WebResponse res;
        get(t, paths[i], 200, &res);
        assert_tables_framed(&res, paths[i]);
        web_response_free(&res);
    }
    char measure[64];
    snprintf(measure, sizeof measure, "/maatregel/%lld", (long long)t->jobhunter);
    WebResponse res;
    get(t, measure, 200, &res);
    assert_tables_framed(&res, measure);
    web_response_free(&res);
}

static void test_measures_page(void **state)
{
    TestPages *t = *state;
    char want[300];
    WebResponse res;
    get(t, "/gemeente/GM1734/maatregelen", 200, &res);
    assert_html_page(&res);
    assert_contains(&res, fmt(want, sizeof want,
                              "<a href=\"/maatregel/%lld\">Jobhunter</a></th><td>lopend</td>"
                              "<td>Alle middelen</td><td>Werkgeversservicepunt</td>"
                              "<td class=\"num\">€ 100.000</td><td class=\"num\">€ 0</td>",
                              (long long)t->jobhunter));
    /* the total of the plans: 399.500 + 405.000 + 190.000 */
    assert_contains(&res, "<th scope=\"row\">Totaal</th><td></td><td></td><td></td>"
                          "<td class=\"num\">€ 994.500</td>");
    assert_contains(&res, "href=\"/gemeente/GM1734/maatregelen.csv\"");
    web_response_free(&res);

    get(t, "/gemeente/GM1734/maatregelen.csv", 200, &res);
    assert_csv(&res, "maatregelen-GM1734.csv");
    assert_contains(&res,
                    "Maatregel;Status;Pot;Partner;Gepland (euro);Gerealiseerd (euro);Bron\r\n");
    assert_contains(&res, "\r\nJobhunter;lopend;Alle middelen;Werkgeversservicepunt;"
                          "100000,00;0,00;Raadsvoorstel Vervolg bestedingen POK-gelden "
                          "(1.1 Gemeentebrede");
    web_response_free(&res);

    /* Olst-Wijhe: measures in their own pots */
    get(t, "/gemeente/GM1773/maatregelen", 200, &res);
    assert_contains(&res, "<td>Actielijn 2</td><td>Financiën de Baas</td>"
                          "<td class=\"num\">€ 140.000</td>");
    web_response_free(&res);
}

static void test_measure_detail(void **state)
{
    TestPages *t = *state;
    char target[80], want[200];
    WebResponse res;
    get(t, fmt(target, sizeof target, "/maatregel/%lld", (long long)t->jobhunter), 200, &res);
    assert_html_page(&res);
    assert_contains(&res, "<h1>Jobhunter <small>maatregel van Overbetuwe</small></h1>");
    assert_contains(&res, "<th scope=\"row\" class=\"num\">2024</th>"
                          "<td class=\"num\">€ 100.000</td>");
    assert_contains(&res, "<small>Financiën, tabel Bestedingsdoelen POK-middelen "
                          "2024-2026</small>");
    assert_contains(&res, "<dt>Partner</dt><dd>Werkgeversservicepunt</dd>");
    /* its evaluation and its decision */
    assert_contains(&res, "<strong>effectief</strong>; vervolg: structureel maken");
    assert_contains(&res, "De inzet van de jobhunter is succesvol");
    assert_contains(&res, "Bestedingsdoelen POK-gelden vastgesteld</a> (college 11 juli 2023, "
                          "vastgesteld)");
    assert_contains(
        &res, fmt(want, sizeof want, "href=\"/maatregel/%lld.csv\"", (long long)t->jobhunter));
    /* the forms that change it */
    assert_contains(
        &res, fmt(want, sizeof want, "href=\"/maatregel/%lld/bedrag\"", (long long)t->jobhunter));
    web_response_free(&res);

    get(t, fmt(target, sizeof target, "/maatregel/%lld.csv", (long long)t->jobhunter), 200, &res);
    assert_csv(&res, fmt(want, sizeof want, "maatregel-%lld.csv", (long long)t->jobhunter));
    assert_contains(&res, "Jaar;Gepland (euro);Bron plan;Gerealiseerd (euro);Bron realisatie\r\n"
                          "2024;100000,00;Raadsvoorstel Vervolg bestedingen POK-gelden "
                          "(Financiën, tabel Bestedingsdoelen POK-middelen 2024-2026);;\r\n"
                          "Totaal;100000,00;;0,00;\r\n");
    web_response_free(&res);
}

static void test_registers(void **state)
{
    WebResponse res;
    get(*state, "/gemeente/GM0362/besluiten", 200, &res);
    assert_html_page(&res);
    /* the ombudsman's request, declined by the college on 28 May 2024 */
    assert_contains(&res, "Ombudsman Metropool Amsterdam</th>"
                          "<td><time datetime=\"2024-04-24\">24 april 2024</time></td>");
    assert_contains(&res, "<td>afgewezen</td><td><a href=\"#besluit-");
    assert_contains(&res, "<td><time datetime=\"2024-05-28\">28 mei 2024</time></td>"
                          "<td>afgewezen</td>");
    assert_contains(&res, "<time datetime=\"2022-03-15\">15 maart 2022</time>");
    assert_contains(&res, "href=\"/gemeente/GM0362/besluiten.csv\"");
    assert_contains(&res, "href=\"/gemeente/GM0362/verzoeken.csv\"");
    web_response_free(&res);

    get(*state, "/gemeente/GM0362/verzoeken.csv", 200, &res);
    assert_csv(&res, "verzoeken-GM0362.csv");
    assert_contains(&res, "Ombudsman Metropool Amsterdam;24-04-2024;");
    assert_contains(&res, ";;afgewezen;Niet ingaan op het verzoek");
    assert_contains(&res, ";28-05-2024;afgewezen;");
    web_response_free(&res);

    get(*state, "/gemeente/GM0362/besluiten.csv", 200, &res);
    assert_csv(&res, "besluiten-GM0362.csv");
    assert_contains(&res, "Datum;Orgaan;Kenmerk;Onderwerp;Uitkomst;Bron\r\n15-03-2022;college;;");
    web_response_free(&res);

    get(*state, "/gemeente/GM1734/evaluaties", 200, &res);
    assert_html_page(&res);
    assert_contains(&res, ">Jobhunter</a></th><td></td><td>effectief</td>"
                          "<td>structureel maken</td>");
    web_response_free(&res);

    get(*state, "/gemeente/GM0534/evaluaties.csv", 200, &res);
    assert_csv(&res, "evaluaties-GM0534.csv");
    assert_contains(&res, "Pilot bureaudienst;18-03-2024;naar tevredenheid uitgevoerd;"
                          "structureel maken;");
    web_response_free(&res);
}

static void test_source_page(void **state)
{
    TestPages *t = *state;
    char target[80], want[120];
    WebResponse res;
    get(t, fmt(target, sizeof target, "/bron/%lld", (long long)t->overbetuwe_source), 200, &res);
    assert_html_page(&res);
    assert_contains(&res, "<h1>Raadsvoorstel Vervolg bestedingen POK-gelden <small>bron</small>");
    assert_contains(&res, "<dt>Soort</dt><dd>raadsvoorstel</dd>");
    assert_contains(&res, "<dt>Kenmerk</dt><dd>2024-052874</dd>");
    assert_contains(&res, "<dt>Datum</dt><dd>niet vermeld</dd>");
    /* the records citing it, each with an anchor the other pages link to */
    assert_contains(&res, fmt(want, sizeof want, "<th scope=\"row\" id=\"maatregel-%lld\">",
                              (long long)t->jobhunter));
    assert_contains(&res, "<td class=\"num\">€ 459.500</td>");
    assert_contains(&res, "Totaal 2024</td><td class=\"num\">2024</td>"
                          "<td class=\"num\">€ 596.437</td>");
    web_response_free(&res);

    get(t, fmt(target, sizeof target, "/bron/%lld.csv", (long long)t->overbetuwe_source), 200,
        &res);
    assert_contains(&res, "Gegeven;Omschrijving;Jaar;Bedrag (euro);Plaats in de bron\r\n");
    assert_contains(&res, "plan;Jobhunter;2024;100000,00;Financiën, tabel");
    web_response_free(&res);

    /* a national document lists the records of the municipality it is opened from */
    get(t, "/bron/1", 200, &res);
    assert_contains(&res, "landelijk document");
    web_response_free(&res);
    get(t, "/gemeente/GM1773/bron/1", 200, &res);
    assert_contains(&res, "Geen gegevens van deze gemeente noemen deze bron.");
    assert_contains(&res, "<a href=\"/gemeente/GM1773/maatregelen\">");
    web_response_free(&res);
    /* an old link with ?gemeente= goes to that municipality's page, whose route decides */
    get(t, "/bron/1?gemeente=GM1773", 303, &res);
    assert_string_equal(web_header(&res, "Location"), "/gemeente/GM1773/bron/1");
    web_response_free(&res);
    get(t, "/bron/1.csv?gemeente=GM1773", 303, &res);
    assert_string_equal(web_header(&res, "Location"), "/gemeente/GM1773/bron/1.csv");
    web_response_free(&res);
    /* a municipality's own source is not found under another municipality */
    get(t,
        fmt(target, sizeof target, "/gemeente/GM1773/bron/%lld", (long long)t->overbetuwe_source),
        404, &res);
    web_response_free(&res);
}

static json_t *json_body(const WebResponse *res)
{
    json_error_t jerr;
    assert_string_equal(res->content_type, "application/json");
    json_t *root = json_loads(res->body.data, 0, &jerr);
    if (!root) fail_msg("not JSON: %s", jerr.text);
    return root;
}

static json_t *find_by(json_t *list, const char *key, const char *value)
{
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item)
    {
        const char *v = json_string_value(json_object_get(item, key));
        if (v && strcmp(v, value) == 0) return item;
    }
    fail_msg("no %s = %s", key, value);
    return NULL;
}

#define JINT(obj, key) json_integer_value(json_object_get((obj), (key)))
#define JSTR(obj, key) json_string_value(json_object_get((obj), (key)))

static void test_api(void **state)
{
    WebResponse res;
    get(*state, "/api/v1/gemeenten", 200, &res);
    json_t *root = json_body(&res);
    json_t *ob = find_by(json_object_get(root, "municipalities"), "code", "GM1734");
    assert_string_equal(JSTR(ob, "name"), "Overbetuwe");
    assert_string_equal(JSTR(ob, "province"), "Gelderland");
    json_t *tot = json_object_get(ob, "totals");
    assert_int_equal(JINT(tot, "allocated_cents"), 71500000);
    assert_int_equal(JINT(tot, "planned_cents"), 99450000);
    assert_int_equal(JINT(tot, "reserve_end_cents"), 18000000);
    assert_int_equal(JINT(tot, "reserve_year"), 2027);
    json_decref(root);
    web_response_free(&res);

    get(*state, "/api/v1/gemeenten/GM1773", 200, &res);
    root = json_body(&res);
    assert_string_equal(JSTR(root, "name"), "Olst-Wijhe");
    assert_int_equal(JINT(json_object_get(root, "totals"), "allocated_cents"), 45800000);
    json_t *allocs = json_object_get(root, "allocations");
    assert_int_equal(json_array_size(allocs), 24);
    json_t *first = json_array_get(allocs, 0);
    assert_int_equal(JINT(first, "actielijn"), 2);
    assert_int_equal(JINT(first, "year"), 2021);
    assert_int_equal(JINT(first, "amount_cents"), 1900000);
    assert_true(json_is_true(json_object_get(first, "current")));
    assert_non_null(strstr(JSTR(json_object_get(first, "source"), "place"), "tabel actielijnen"));
    json_decref(root);
    web_response_free(&res);

    get(*state, "/api/v1/gemeenten/GM1734/maatregelen", 200, &res);
    root = json_body(&res);
    json_t *job = find_by(json_object_get(root, "measures"), "name", "Jobhunter");
    assert_int_equal(JINT(job, "planned_cents"), 10000000);
    assert_int_equal(JINT(job, "realised_cents"), 0);
    assert_string_equal(JSTR(job, "partner"), "Werkgeversservicepunt");
    json_t *y = json_array_get(json_object_get(job, "years"), 0);
    assert_int_equal(JINT(y, "year"), 2024);
    assert_int_equal(JINT(y, "planned_cents"), 10000000);
    assert_true(json_is_null(json_object_get(y, "realised_cents")));
    json_t *ev = json_array_get(json_object_get(job, "evaluations"), 0);
    assert_string_equal(JSTR(ev, "follow_up"), "structureel maken");
    json_decref(root);
    web_response_free(&res);

    get(*state, "/api/v1/gemeenten/GM0362/besluiten", 200, &res);
    root = json_body(&res);
    assert_int_equal(json_array_size(json_object_get(root, "decisions")), 2);
    json_t *req = json_array_get(json_object_get(root, "requests"), 0);
    assert_string_equal(JSTR(req, "requester"), "Ombudsman Metropool Amsterdam");
    assert_string_equal(JSTR(req, "status"), "afgewezen");
    assert_string_equal(JSTR(req, "date"), "2024-04-24");
    assert_string_equal(JSTR(req, "decision_date"), "2024-05-28");
    assert_string_equal(JSTR(req, "decision_outcome"), "afgewezen");
    assert_true(json_is_null(json_object_get(req, "amount_cents")));
    json_decref(root);
    web_response_free(&res);
}

/* /api/v2/ gives every record its one shape; /api/v1/ keeps what v1 documented: a
 * measure's pot_id is the pot the coverage counts it in, a citation without a source is
 * null (docs/api.md, "Versions"). */
static void test_api_versions(void **state)
{
    TestPages *t = *state;
    WebResponse res;
    get(t, "/api/v2/gemeenten/GM1734/maatregelen", 200, &res);
    json_t *root = json_body(&res);
    json_t *job = find_by(json_object_get(root, "measures"), "name", "Jobhunter");
    assert_true(json_is_null(json_object_get(job, "pot_id"))); /* it names no pot */
    assert_int_equal(JINT(job, "coverage_pot_id"), 0);         /* counted in the default */
    assert_string_equal(JSTR(job, "pot"), "Alle middelen");
    assert_int_equal(JINT(json_object_get(job, "source"), "source_id"), t->overbetuwe_source);
    assert_non_null(JSTR(json_object_get(job, "source"), "title"));
    json_t *ev = json_array_get(json_object_get(job, "evaluations"), 0);
    assert_int_equal(JINT(ev, "measure_id"), t->jobhunter);
    json_decref(root);
    web_response_free(&res);

    get(t, "/api/v1/gemeenten/GM1734/maatregelen", 200, &res);
    root = json_body(&res);
    job = find_by(json_object_get(root, "measures"), "name", "Jobhunter");
    assert_int_equal(JINT(job, "pot_id"), 0);
    json_decref(root);
    web_response_free(&res);

    /* a decision citing only a place */
    PokErr err = {0};
    Decision dec = {.municipality = "GM9990",
                    .body = "raad",
                    .title = "Alleen een plaats",
                    .cite = {.place = "bijlage 2"}};
    assert_int_equal(store_decision_add(t->db.s, &dec, &err), 0);
    get(t, "/api/v2/gemeenten/GM9990/besluiten", 200, &res);
    root = json_body(&res);
    json_t *cite = json_object_get(
        find_by(json_object_get(root, "decisions"), "title", "Alleen een plaats"), "source");
    assert_true(json_is_null(json_object_get(cite, "source_id")));
    assert_string_equal(JSTR(cite, "place"), "bijlage 2");
    json_decref(root);
    web_response_free(&res);
    get(t, "/api/v1/gemeenten/GM9990/besluiten", 200, &res);
    root = json_body(&res);
    assert_true(json_is_null(json_object_get(
        find_by(json_object_get(root, "decisions"), "title", "Alleen een plaats"), "source")));
    json_decref(root);
    web_response_free(&res);
}

static void test_not_found(void **state)
{
    static const char *const html[] = {
        "/gemeente/GM9999/maatregelen",
        "/gemeente/GM9999/maatregelen.csv",
        "/gemeente/GM9999/besluiten",
        "/gemeente/GM9999/verzoeken.csv",
        "/gemeente/GM9999/evaluaties",
        "/gemeente/GM9999/toekenningen.csv",
        "/gemeente/GM9999/jaren.csv",
        "/gemeente/GM9999/reserve.csv",
        "/maatregel/999999",
        "/maatregel/0",
        "/maatregel/abc",
        "/maatregel/999999.csv",
        "/maatregel/-1",
        "/bron/999999",
        "/bron/x.csv",
        "/maatregel/.csv",
        "/maatregel/011",
        "/maatregel/+11",
        "/maatregel/11.csv/boekingen",
        "/gemeente/gm1773",
    };
    for (size_t i = 0; i < sizeof html / sizeof html[0]; i++) {
        WebResponse res;
        get(*state, html[i], 404, &res);
        assert_string_equal(res.content_type, "text/html; charset=utf-8");
        web_response_free(&res);
    }
    static const char *const api[] = {"/api/v1/gemeenten/GM9999",
                                      "/api/v1/gemeenten/GM9999/maatregelen",
                                      "/api/v1/gemeenten/GM9999/besluiten"};
    for (size_t i = 0; i < sizeof api / sizeof api[0]; i++) {
        WebResponse res;
        get(*state, api[i], 404, &res);
        json_t *root = json_body(&res);
        assert_non_null(strstr(JSTR(root, "error"), "GM9999"));
        json_decref(root);
        web_response_free(&res);
    }
}

/* Markup in every text field is shown as text on every page that shows it. */
static void test_escaped(void **state)
{
    TestPages *t = *state;
    char measure[64], measure_csv[64], source[64];
    const char *const targets[] = {
        "/",
        "/gemeente/GM9990",
        "/gemeente/GM9990/maatregelen",
        "/gemeente/GM9990/besluiten",
        "/gemeente/GM9990/evaluaties",
        fmt(measure, sizeof measure, "/maatregel/%lld", (long long)t->evil_measure),
        fmt(source, sizeof source, "/bron/%lld", (long long)t->evil_source),
    };
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        WebResponse res;
        get(t, targets[i], 200, &res);
        assert_contains(&res, script_escaped);
        assert_lacks(&res, script);
        assert_lacks(&res, "\" onmouseover");
        web_response_free(&res);
    }
    /* CSV: quoted, and a leading = - + @ cannot start a formula */
    WebResponse res;
    get(t, fmt(measure_csv, sizeof measure_csv, "/maatregel/%lld.csv", (long long)t->evil_measure),
        200, &res);
    assert_contains(&res, "2024;1000,00;<script>alert(1)</script> (<script>alert(1)</script>)");
    web_response_free(&res);
    get(t, "/gemeente/GM9990/besluiten.csv", 200, &res);
    assert_contains(&res, ";college;\"'=HYPERLINK(\"\"http://x\"\")\";");
    web_response_free(&res);
    get(t, "/gemeente/GM9990/maatregelen.csv", 200, &res);
    assert_contains(&res, "\"\"\" onmouseover=\"\"x\"");
    web_response_free(&res);
    /* JSON keeps the text as it is, escaped by jansson */
    get(t, "/api/v1/gemeenten/GM9990/maatregelen", 200, &res);
    json_t *root = json_body(&res);
    assert_string_equal(JSTR(json_array_get(json_object_get(root, "measures"), 0), "name"), script);
    json_decref(root);
    web_response_free(&res);
}

/* A page's cost in statements, on both backends (make test-pg runs this file on
 * PostgreSQL): at most PAGE_STATEMENTS_MAX for a municipality's page, and the same for
 * each demo municipality however many measures, allocations and decisions it has, so a
 * query per record (as the link lists were read before) fails. On PostgreSQL the
 * statements share round trips (store_load sends its queries in one pipeline): at most
 * PAGE_ROUND_TRIPS_MAX, one fewer when the app knows its scheme's id as pok serve does;
 * on SQLite, without a server, the two counts are the same. */
#define PAGE_STATEMENTS_MAX 24
#define PAGE_ROUND_TRIPS_MAX 3

static void page_statements(TestPages *t, int64_t trips_max)
{
    const char *const codes[] = {"GM1734", "GM1773", "GM0362", "GM0534"};
    int64_t first = -1;
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        char target[64];
        snprintf(target, sizeof target, "/gemeente/%s", codes[i]);
        WebResponse res;
        int64_t before = store_statements(t->db.s), trips_before = store_round_trips(t->db.s);
        get(t, target, 200, &res);
        int64_t used = store_statements(t->db.s) - before;
        int64_t trips = store_round_trips(t->db.s) - trips_before;
        web_response_free(&res);
        if (testdb_is_pg() && trips > trips_max)
            fail_msg("%s: %lld round trips for %lld statements, at most %lld expected", target,
                     (long long)trips, (long long)used, (long long)trips_max);
        if (!testdb_is_pg() && trips != used)
            fail_msg("%s: %lld round trips, %lld statements", target, (long long)trips,
                     (long long)used);
        if (used > PAGE_STATEMENTS_MAX)
            fail_msg("%s: %lld statements, at most %d expected", target, (long long)used,
                     PAGE_STATEMENTS_MAX);
        if (first < 0) first = used;
        if (used != first)
            fail_msg("%s: %lld statements, %s took %lld: the count depends on the records", target,
                     (long long)used, codes[0], (long long)first);
    }
}

static void test_municipality_page_statements(void **state)
{
    TestPages *t = *state;
    page_statements(t, PAGE_ROUND_TRIPS_MAX);
    Arena a = {0};
    Scheme sc;
    PokErr err = {0};
    assert_int_equal(store_scheme_get(t->db.s, "POK", &a, &sc, &err), 1);
    arena_free(&a);
    t->db.app.scheme_id = sc.id; /* as pok serve resolves it at its start */
    page_statements(t, PAGE_ROUND_TRIPS_MAX - 1);
    t->db.app.scheme_id = 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_start_page_totals),
        cmocka_unit_test(test_start_page_finds),
        cmocka_unit_test(test_municipality_page),
        cmocka_unit_test(test_municipality_page_statements),
        cmocka_unit_test(test_summaries_say_what_they_are),
        cmocka_unit_test(test_measures_page),
        cmocka_unit_test(test_measure_detail),
        cmocka_unit_test(test_registers),
        cmocka_unit_test(test_source_page),
        cmocka_unit_test(test_api),
        cmocka_unit_test(test_not_found),
        cmocka_unit_test(test_escaped),
        cmocka_unit_test(test_api_versions),
        cmocka_unit_test(test_tables_framed),
        cmocka_unit_test(test_table_frame_markup),
    };
    return cmocka_run_group_tests(tests, pages_setup, pages_teardown);
}
