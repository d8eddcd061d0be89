/* test_national.c: the national monitor (issue 15) on the demo plus twelve municipalities
 * with figures of their own, each sharing at a different level: its figures equal
 * independent SQL over the same data; a municipality sharing nothing (or only
 * anonymously) never appears by name on a page, CSV, data package or API answer; a group
 * of fewer than three contributors (or with one or two anonymous ones) is not shown; the
 * sharing form is audited; completeness names what is missing. On SQLite, and on
 * PostgreSQL when POK_TEST_PG is set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/national.h"
#include "store/store_records.h"
#include "store/store_reference.h"
#include "store/store_sharing.h"
#include "support/testdb.h"
#include "views/national_data.h"
#include "web/route.h"

#define EUR(x) ((int64_t)(x)*100)

/* Twelve municipalities: their level is i % 4 (niets, anoniem, cijfers, maatregelen).
 * Drenthe has six of them (and so groups of every kind), Zeeland two that share at all
 * (a group too small to show), Utrecht four (one of them anonymous). */
static const struct {
    const char *code, *name;
} munis[] = {{"GM1680", "Aa en Hunze"}, {"GM0106", "Assen"},     {"GM1681", "Borger-Odoorn"},
             {"GM0109", "Coevorden"},   {"GM1690", "De Wolden"}, {"GM0114", "Emmen"},
             {"GM0307", "Amersfoort"},  {"GM0308", "Baarn"},     {"GM0312", "Bunnik"},
             {"GM0313", "Bunschoten"},  {"GM0654", "Borsele"},   {"GM0664", "Goes"}};
#define N_MUNIS (sizeof munis / sizeof munis[0])

static SharingLevel level_of(size_t i)
{
    /* Zeeland: Borsele niets, Goes cijfers; so one sharer only in that province */
    if (i == 10) return SHARE_NONE;
    if (i == 11) return SHARE_NAMED;
    return (SharingLevel)(i % 4);
}

static int64_t pok_id;

static int64_t actielijn(Store *s, int number, PokErr *err)
{
    Arena a = {0};
    Scheme pok = {0};
    Actielijn *al;
    size_t n;
    int64_t id = 0;
    if (store_scheme_get(s, "POK", &a, &pok, err) == 1 &&
        store_actielijn_list(s, pok.id, &a, &al, &n, err) == 0)
        for (size_t i = 0; i < n; i++)
            if (al[i].number == number) id = al[i].id;
    pok_id = pok.id;
    arena_free(&a);
    return id;
}

static int add_figures(void *ctx, PokErr *err)
{
    Store *s = ctx;
    int64_t al1 = actielijn(s, 1, err), al2 = actielijn(s, 2, err);
    Source src = {.kind = "circulaire", .title = "Testcirculaire"};
    if (!al1 || !al2 || store_source_add(s, &src, err)) return -1;
    for (size_t i = 0; i < N_MUNIS; i++) {
        const char *code = munis[i].code;
        int64_t k = (int64_t)i + 1;
        Allocation a1 = {.municipality = code,
                         .actielijn_id = al1,
                         .year = 2024,
                         .amount_cents = EUR(1000 * k),
                         .cite = {.source_id = src.id}};
        Allocation a2 = {.municipality = code,
                         .actielijn_id = al2,
                         .year = 2025,
                         .amount_cents = EUR(500 * k),
                         .cite = {.source_id = src.id}};
        int64_t ids[] = {al1};
        Measure m = {.municipality = code,
                     .scheme_id = pok_id,
                     .name = "Schuldhulp",
                     .status = "afgerond",
                     .actielijn_ids = ids,
                     .n_actielijnen = 1,
                     .cite = {.source_id = src.id}};
        if (store_allocation_add(s, &a1, err) || store_allocation_add(s, &a2, err) ||
            store_measure_add(s, &m, err))
            return -1;
        MeasureAmount plan = {.measure_id = m.id,
                              .year = 2024,
                              .kind = AMOUNT_PLAN,
                              .amount_cents = EUR(800 * k),
                              .cite = {.source_id = src.id}};
        MeasureAmount real = {.measure_id = m.id,
                              .year = 2024,
                              .kind = AMOUNT_REALISED,
                              .amount_cents = EUR(700 * k),
                              .cite = {.source_id = src.id}};
        if (store_measure_amount_set(s, &plan, err) || store_measure_amount_set(s, &real, err) ||
            store_sharing_set(s, code, level_of(i), err))
            return -1;
    }
    return 0;
}

typedef struct Fixture {
    TestDb db;
} Fixture;

static int setup(void **state)
{
    Fixture *x = calloc(1, sizeof *x);
    /* a fixed day: 2025 is the current year, 2024 is past */
    setenv("SOURCE_DATE_EPOCH", "1750000000", 1);
    *state = x;
    if (testdb_open_demo(&x->db, "national", NULL, NULL)) return -1;
    PokErr err = {0};
    if (store_begin(x->db.s, &err) || add_figures(x->db.s, &err) || store_commit(x->db.s, &err)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    Fixture *x = *state;
    testdb_close(&x->db);
    free(x);
    return 0;
}

/* ---- the figures equal independent SQL ---- */

/* Current allocations of one year (periods apart) of every municipality sharing at all. */
#define CURRENT_ALLOCATIONS                                                                        \
    " FROM allocation a JOIN municipality_sharing sh ON sh.municipality = a.municipality"          \
    " AND sh.level >= 1 WHERE a.year = a.year_to AND a.version = (SELECT max(b.version)"           \
    " FROM allocation b WHERE b.municipality = a.municipality AND b.scheme_id = a.scheme_id"       \
    " AND COALESCE(b.actielijn_id, 0) = COALESCE(a.actielijn_id, 0) AND b.year = a.year"           \
    " AND b.year_to = a.year_to)"

static int64_t sql_int(Fixture *x, const char *fmt, int year)
{
    char sql[1200];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(sql, sizeof sql, fmt, year);
#pragma GCC diagnostic pop
    return testdb_int(&x->db, sql);
}

static void test_figures_equal_sql(void **state)
{
    Fixture *x = *state;
    Arena a = {0};
    PokErr err = {0};
    NationalData nd;
    assert_int_equal(national_data_load(x->db.s, 0, &a, &nd, &err), 0);
    const NationalFigures *f = &nd.f;
    assert_int_equal(f->first_year, 2021);
    assert_int_equal(f->n_years, 7);
    for (size_t y = 0; y < f->n_years; y++) {
        int year = f->years[y].year;
        int64_t al = 0, pl = 0, re = 0;
        for (size_t l = 0; l < f->n_lines; l++) {
            al += f->lines[l].allocated[y].cents;
            pl += f->lines[l].planned[y].cents;
            re += f->lines[l].realised[y].cents;
        }
        assert_int_equal(al, sql_int(x,
                                     "SELECT COALESCE(sum(a.amount_cents), 0)" CURRENT_ALLOCATIONS
                                     " AND a.year = %d",
                                     year));
        static const char amounts[] =
            "SELECT COALESCE(sum(ma.amount_cents), 0) FROM measure_amount ma JOIN measure m"
            " ON m.id = ma.measure_id JOIN municipality_sharing sh ON sh.municipality ="
            " m.municipality AND sh.level >= 1 WHERE ma.year = %d AND ma.kind = ";
        char sql[600];
        snprintf(sql, sizeof sql, "%s1", amounts);
        assert_int_equal(pl, sql_int(x, sql, year));
        snprintf(sql, sizeof sql, "%s2", amounts);
        assert_int_equal(re, sql_int(x, sql, year));
        /* the coverage tables add up to the same plans (every measure sits in a pot) */
        assert_int_equal(f->years[y].planned.cents, pl);
        /* how many municipalities the year's allocation rests on */
        assert_int_equal(f->years[y].allocated.n,
                         sql_int(x,
                                 "SELECT count(*) FROM (SELECT a.municipality, sum(a.amount_cents)"
                                 " AS s" CURRENT_ALLOCATIONS " AND a.year = %d GROUP BY"
                                 " a.municipality) t WHERE s <> 0",
                                 year));
    }
    /* actielijn 1 in 2024: the twelve and the demo's sharing municipalities */
    int64_t line1 = 0;
    for (size_t l = 0; l < f->n_lines; l++)
        if (f->lines[l].number == 1) line1 = f->lines[l].allocated[3].cents;
    assert_int_equal(line1, sql_int(x,
                                    "SELECT COALESCE(sum(a.amount_cents), 0)" CURRENT_ALLOCATIONS
                                    " AND a.year = %d AND a.actielijn_id = (SELECT id FROM"
                                    " actielijn WHERE number = 1 AND scheme_id = a.scheme_id)",
                                    2024));
    /* sharing at all: 4 of the demo, 8 of the twelve; by name 4 + 5 */
    size_t sharing = 0, named = 0;
    for (size_t i = 0; i < f->n_munis; i++) {
        sharing += f->munis[i].level >= SHARE_ANONYMOUS;
        named += f->munis[i].level >= SHARE_NAMED;
    }
    assert_int_equal(sharing, testdb_int(&x->db, "SELECT count(*) FROM municipality_sharing"
                                                 " WHERE level >= 1"));
    assert_int_equal(named, testdb_int(&x->db, "SELECT count(*) FROM municipality_sharing"
                                               " WHERE level >= 2"));
    assert_int_equal(f->n_munis, sharing); /* nothing of the others is even read */
    /* each municipality's allocated total and its figure per inhabitant */
    for (size_t i = 0; i < f->n_munis; i++) {
        const NationalMuni *m = &f->munis[i];
        char sql[1200];
        snprintf(sql, sizeof sql,
                 "SELECT COALESCE(sum(a.amount_cents), 0) FROM allocation a WHERE"
                 " a.municipality = '%s' AND a.version = (SELECT max(b.version) FROM allocation b"
                 " WHERE b.municipality = a.municipality AND b.scheme_id = a.scheme_id AND"
                 " COALESCE(b.actielijn_id, 0) = COALESCE(a.actielijn_id, 0) AND b.year = a.year"
                 " AND b.year_to = a.year_to)",
                 m->muni->code);
        assert_int_equal(m->totals.allocated, testdb_int(&x->db, sql));
        snprintf(sql, sizeof sql,
                 "SELECT count FROM inhabitants WHERE municipality = '%s' ORDER BY year DESC"
                 " LIMIT 1",
                 m->muni->code);
        int64_t inh = testdb_int(&x->db, sql);
        assert_int_equal(m->inhabitants, inh);
        if (inh > 0 && m->totals.allocated > 0)
            assert_int_equal(m->per_inhabitant, m->totals.allocated / inh);
    }
    arena_free(&a);
}

/* The median of allocated per inhabitant over every sharing municipality, computed here
 * from SQL figures and compared with the group "all". */
static int by_value(const void *p, const void *q)
{
    int64_t a = *(const int64_t *)p, b = *(const int64_t *)q;
    return (a > b) - (a < b);
}

static void test_median_equals_sql(void **state)
{
    Fixture *x = *state;
    Arena a = {0};
    PokErr err = {0};
    NationalData nd;
    assert_int_equal(national_data_load(x->db.s, 0, &a, &nd, &err), 0);
    int64_t v[64];
    size_t n = 0;
    Municipality *list;
    size_t n_list;
    assert_int_equal(store_municipality_list(x->db.s, NULL, &a, &list, &n_list, &err), 0);
    for (size_t i = 0; i < n_list && n < 64; i++) {
        char sql[1400];
        snprintf(sql, sizeof sql,
                 "SELECT CASE WHEN i.count > 0 AND t.s > 0 THEN t.s / i.count ELSE -1 END FROM"
                 " (SELECT COALESCE(sum(a.amount_cents), 0) AS s FROM allocation a WHERE"
                 " a.municipality = '%s' AND a.version = (SELECT max(b.version) FROM allocation b"
                 " WHERE b.municipality = a.municipality AND b.scheme_id = a.scheme_id AND"
                 " COALESCE(b.actielijn_id, 0) = COALESCE(a.actielijn_id, 0) AND b.year = a.year"
                 " AND b.year_to = a.year_to)) t, (SELECT count FROM inhabitants WHERE"
                 " municipality = '%s' ORDER BY year DESC LIMIT 1) i, (SELECT level FROM"
                 " municipality_sharing WHERE municipality = '%s' AND level >= 1) sh",
                 list[i].code, list[i].code, list[i].code);
        int64_t r = testdb_int(&x->db, sql);
        if (r >= 0) v[n++] = r;
    }
    assert_true(n >= 8);
    qsort(v, n, sizeof *v, by_value);
    int64_t median = n % 2 ? v[n / 2] : v[n / 2 - 1] + (v[n / 2] - v[n / 2 - 1]) / 2;
    const NatSpread *s = &nd.f.all.spread[MET_PER_INHABITANT];
    assert_int_equal(s->n, n);
    assert_int_equal(s->median, median);
    assert_true(s->q1 <= s->median && s->median <= s->q3);
    arena_free(&a);
}

/* ---- never by name, and no small groups ---- */

static const char *const national_paths[] = {
    "/landelijk",
    "/landelijk/jaren.csv",
    "/landelijk/actielijnen.csv",
    "/landelijk/grootteklassen.csv",
    "/landelijk/provincies.csv",
    "/landelijk/gemeenten.csv",
    "/landelijk/volledigheid",
    "/landelijk/volledigheid.csv",
    "/landelijk/data/landelijk_jaren.csv",
    "/landelijk/data/landelijk_actielijnen.csv",
    "/landelijk/data/landelijk_groepen.csv",
    "/landelijk/data/landelijk_gemeenten.csv",
    "/landelijk/data/datapackage.json",
    "/api/v1/landelijk",
    "/api/v1/landelijk/gemeenten",
    "/landelijk/vergelijk?gemeente=GM1680&gemeente=GM0106&gemeente=GM1681&gemeente=GM0109",
    "/landelijk/vergelijk?gemeente=GM0654&gemeente=GM0307&gemeente=GM0308",
};

static int body_has(const WebResponse *res, const char *text)
{
    return res->body.data && strstr(res->body.data, text) != NULL;
}

static void test_never_by_name(void **state)
{
    Fixture *x = *state;
    int seen_named = 0;
    for (size_t p = 0; p < sizeof national_paths / sizeof *national_paths; p++) {
        WebResponse res;
        testweb_call(&x->db.app, "GET", national_paths[p], &res);
        assert_int_equal(res.status, 200);
        for (size_t i = 0; i < N_MUNIS; i++) {
            int hidden = level_of(i) < SHARE_NAMED;
            if (hidden && (body_has(&res, munis[i].name) || body_has(&res, munis[i].code))) {
                fprintf(stderr, "%s shows %s (%s), which does not share by name\n",
                        national_paths[p], munis[i].name, munis[i].code);
                fail();
            }
            seen_named += !hidden && body_has(&res, munis[i].name);
        }
        web_response_free(&res);
    }
    /* and the ones sharing by name are there (the page, CSV, data, API, comparison) */
    assert_true(seen_named > 20);
    /* one that shares nothing asked for by name is left out of the comparison */
    WebResponse res;
    testweb_call(&x->db.app, "GET", "/landelijk/vergelijk?gemeente=GM0654", &res);
    assert_false(body_has(&res, "<table"));
    web_response_free(&res);
}

static void test_small_groups_hidden(void **state)
{
    Fixture *x = *state;
    Arena a = {0};
    PokErr err = {0};
    NationalData nd;
    assert_int_equal(national_data_load(x->db.s, 0, &a, &nd, &err), 0);
    const NationalGroup *zeeland = NULL, *drenthe = NULL, *utrecht = NULL;
    for (size_t i = 0; i < nd.f.n_province_groups; i++) {
        const NationalGroup *g = &nd.f.province_groups[i];
        if (!strcmp(g->key, "Zeeland")) zeeland = g;
        if (!strcmp(g->key, "Drenthe")) drenthe = g;
        if (!strcmp(g->key, "Utrecht")) utrecht = g;
    }
    assert_non_null(zeeland);
    assert_non_null(drenthe);
    assert_non_null(utrecht);
    /* Zeeland: one sharer (Goes); Utrecht: Baarn anonymous, Bunnik, Bunschoten by name
     * (3, one of them anonymous: subtracting the named two would reveal it); Drenthe: 4
     * sharers, of them Assen and Emmen (i = 1, 5) anonymous */
    const NatSpread *z = &zeeland->spread[MET_PER_INHABITANT];
    const NatSpread *u = &utrecht->spread[MET_PER_INHABITANT];
    const NatSpread *d = &drenthe->spread[MET_PER_INHABITANT];
    assert_int_equal(z->n, 1);
    assert_false(national_visible(z->n, z->n_anon));
    assert_int_equal(u->n, 3);
    assert_int_equal(u->n_anon, 1);
    assert_false(national_visible(u->n, u->n_anon));
    assert_int_equal(d->n, 4);
    assert_int_equal(d->n_anon, 2);
    assert_false(national_visible(d->n, d->n_anon));
    /* none of them is in the open data groups table, nor on the page's province table */
    WebResponse res;
    testweb_call(&x->db.app, "GET", "/landelijk/data/landelijk_groepen.csv", &res);
    assert_false(body_has(&res, "Zeeland"));
    assert_false(body_has(&res, "Utrecht"));
    assert_false(body_has(&res, "Drenthe"));
    assert_true(body_has(&res, "alle,")); /* the whole country is shown */
    web_response_free(&res);
    testweb_call(&x->db.app, "GET", "/api/v1/landelijk", &res);
    assert_true(body_has(&res, "\"key\": \"Zeeland\""));
    assert_false(body_has(&res, "\"median\": -"));
    web_response_free(&res);
    /* a year resting on fewer than three: 2021 has no allocation anywhere */
    assert_false(national_visible(nd.f.years[0].allocated.n, nd.f.years[0].allocated.n_anon));
    testweb_call(&x->db.app, "GET", "/landelijk/data/landelijk_jaren.csv", &res);
    assert_true(body_has(&res, "\n2021,,,"));
    web_response_free(&res);
    arena_free(&a);
}

/* ---- the sharing form, and completeness ---- */

static void test_sharing_form(void **state)
{
    Fixture *x = *state;
    int64_t before = testdb_int(&x->db, "SELECT count(*) FROM audit WHERE table_name ="
                                        " 'municipality_sharing' AND municipality = 'GM0654'");
    WebResponse res;
    testweb_post(&x->db.app, "/gemeente/GM0654/delen", &res, "delen", "alles", NULL);
    assert_int_equal(res.status, 422);
    web_response_free(&res);
    testweb_post(&x->db.app, "/gemeente/GM0654/delen", &res, "delen", "cijfers", NULL);
    assert_int_equal(res.status, 303);
    web_response_free(&res);
    assert_int_equal(testdb_int(&x->db, "SELECT level FROM municipality_sharing WHERE"
                                        " municipality = 'GM0654'"),
                     SHARE_NAMED);
    assert_int_equal(testdb_int(&x->db, "SELECT count(*) FROM audit WHERE table_name ="
                                        " 'municipality_sharing' AND municipality = 'GM0654'"),
                     before + 1);
    testweb_call(&x->db.app, "GET", "/landelijk/gemeenten.csv", &res);
    assert_true(body_has(&res, "Borsele"));
    web_response_free(&res);
}

static void test_completeness(void **state)
{
    Fixture *x = *state;
    Arena a = {0};
    PokErr err = {0};
    MuniData d;
    Scheme pok;
    assert_int_equal(store_scheme_get(x->db.s, "POK", &a, &pok, &err), 1);
    assert_int_equal(store_load(x->db.s, "GM0307", pok.id, &a, &d, &err), 1);
    Completeness c;
    assert_int_equal(completeness_compute(&d, 2025, &a, &c, &err), 0);
    /* allocations only in 2024 and 2025: 2021-2023 and 2026-2027 missing; 2025 has money
     * but no plans; 2024 is past, realised but not closed; the ended measure has no
     * evaluation */
    int kinds[MISSING_N] = {0};
    for (size_t i = 0; i < c.n_missing; i++) kinds[c.missing[i].kind]++;
    assert_int_equal(kinds[MISSING_ALLOCATION], 5);
    assert_int_equal(kinds[MISSING_PLAN], 1);
    assert_int_equal(kinds[MISSING_REALISED], 0);
    assert_int_equal(kinds[MISSING_CLOSED], 1);
    assert_int_equal(kinds[MISSING_EVALUATION], 1);
    assert_int_equal(c.expected, 7 + 2 + 2 + 1);
    assert_int_equal(c.present, c.expected - (int)c.n_missing);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figures_equal_sql), cmocka_unit_test(test_median_equals_sql),
        cmocka_unit_test(test_never_by_name),     cmocka_unit_test(test_small_groups_hidden),
        cmocka_unit_test(test_completeness),      cmocka_unit_test(test_sharing_form),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
