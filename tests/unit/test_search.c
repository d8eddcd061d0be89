/* test_search.c: the library of measures (issue 15, item 3) on a corpus of 36 measures
 * in five municipalities, on SQLite and (POK_TEST_PG) PostgreSQL: word forms through the
 * Dutch stemmer, accents folded, the synonyms of data/synonyms.csv, filters with the text,
 * FTS syntax taken as words, only municipalities sharing their measures ever shown (in a
 * search, as similar measures, on the page and in the API), the index kept current by
 * every write, and pok copy and backup keeping it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "search_query.h"
#include "store/store_audit.h"
#include "store/store_backup.h"
#include "store/store_copy.h"
#include "store/store_records.h"
#include "store/store_reference.h"
#include "store/store_search.h"
#include "store/store_sharing.h"
#include "support/testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The municipalities: three share their measures, one only its figures, one nothing. */
static const struct {
    const char *code, *name;
    int64_t inhabitants;
    SharingLevel level;
} munis[] = {
    {"GM0001", "Aardam", 8000, SHARE_MEASURES},       {"GM0002", "Beekdal", 45000, SHARE_MEASURES},
    {"GM0003", "Cranendijk", 160000, SHARE_MEASURES}, {"GM0004", "Dorpsveen", 30000, SHARE_NAMED},
    {"GM0005", "Eemoord", 12000, SHARE_NONE},
};

/* The corpus: municipality index, name, description, partner, status, actielijn, doel,
 * plan (euros), evaluation verdict and text (NULL: none). */
typedef struct Doc {
    int muni;
    const char *name, *description, *partner, *status;
    int actielijn, purpose;
    int64_t plan;
    const char *verdict, *evaluation;
} Doc;

static const Doc corpus[] = {
    /* 0-2: the sociaal raadslieden family, each under another name */
    {0, "Uitbreiding sociaal raadslieden",
     "Meer uren voor de sociaal raadslieden in het gemeentehuis", "Rechtswinkel Aardam", "lopend",
     2, 1, 50000, "effectief", "Wachttijd gehalveerd"},
    {1, "Sociaal raadsman op afspraak", "Een sociaal raadsman helpt bij brieven van instanties",
     "Stichting Raadsman", "afgerond", 2, 2, 30000, "deels effectief", "Minder bereik dan gehoopt"},
    {2, "Sociaal-juridisch loket in de bibliotheek", "Inloop voor vragen over toeslagen en boetes",
     "Bibliotheek Cranendijk", "lopend", 2, 1, 80000, "effectief", NULL},
    /* 3-5: wijkteam, gebiedsteam, sociaal team */
    {0, "Versterking wijkteam Noord", "Een extra generalist in het wijkteam", NULL, "lopend", 4, 1,
     60000, NULL, NULL},
    {1, "Extra gebiedsteams in het buitengebied", "Twee gebiedsteams voor de kleine kernen", NULL,
     "gepland", 4, 1, 90000, NULL, NULL},
    {2, "Sociaal team voor jongeren", "Jongeren van 18 tot 23 krijgen een vaste contactpersoon",
     NULL, "lopend", 4, 2, 70000, "doel bereikt", "Alle jongeren hebben een contactpersoon"},
    /* 6-7: huiskamers */
    {0, "Huiskamer in de wijk", "Een laagdrempelige huiskamer voor ontmoeting", "Welzijn Aardam",
     "lopend", 3, 2, 20000, NULL, NULL},
    {2, "Stimulering zelfstandige huiskamers", "Buurtbewoners beginnen eigen huiskamers",
     "Welzijn Cranendijk", "gepland", 3, 2, 40000, NULL, NULL},
    /* 8: accents */
    {1, "Onafhankelijke cliëntondersteuning", "Cliëntondersteuners voor inwoners met een WMO-vraag",
     "MEE", "lopend", 2, 2, 45000, "effectief", NULL},
    /* 9-35: others, none of the words above */
    {0, "Schuldhulpverlening aan huis",
     "Budgetcoaches bezoeken gezinnen met betalingsachterstanden", "Kredietbank", "lopend", 5, 2,
     55000, NULL, NULL},
    {0, "Vroegsignalering betalingsachterstanden",
     "Signalen van woningcorporaties en energieleveranciers", NULL, "lopend", 5, 3, 25000,
     "effectief", "Twee keer zoveel gezinnen bereikt"},
    {0, "Digitale hulp bij formulieren", "Spreekuur voor hulp met DigiD", "Bibliotheek Aardam",
     "afgerond", 1, 1, 10000, NULL, NULL},
    {0, "Training professionals verward gedrag", "Herkennen van signalen en de-escaleren", NULL,
     "gepland", 7, 4, 15000, NULL, NULL},
    {0, "Inzet jongerenwerker", "Ambulant jongerenwerk op pleinen", "Jongerenwerk Aardam", "lopend",
     3, 2, 35000, NULL, NULL},
    {0, "Ervaringsdeskundigen armoede", "Ervaringsdeskundigen denken mee over beleid", NULL,
     "gestopt", 5, 4, 12000, "niet effectief", "Te weinig deelnemers"},
    {1, "Casusregie complexe problematiek", "Een regisseur voor gezinnen met meervoudige problemen",
     NULL, "lopend", 5, 3, 65000, NULL, NULL},
    {1, "Integrale toegang sociaal domein", "Eén loket voor werk, inkomen en zorg", NULL, "gepland",
     5, 3, 75000, NULL, NULL},
    {1, "Taalhuis", "Laaggeletterdheid aanpakken met vrijwilligers", "Bibliotheek Beekdal",
     "lopend", 3, 2, 22000, NULL, NULL},
    {1, "Mantelzorgondersteuning", "Respijtzorg en een mantelzorgpas", NULL, "lopend", 5, 2, 18000,
     NULL, NULL},
    {1, "Gezinscoach jeugdbescherming", "Minder uithuisplaatsingen door vroege hulp", NULL,
     "gepland", 6, 2, 48000, NULL, NULL},
    {1, "Pilot bureaudienst", "Eén telefoonnummer voor spoedvragen", NULL, "afgerond", 6, 3, 9000,
     "met goed gevolg afgerond", NULL},
    {2, "Leerkring gemeenten", "Uitwisseling tussen beleidsmedewerkers", NULL, "lopend", 8, 4, 5000,
     NULL, NULL},
    {2, "Dashboard sociaal domein", "Cijfers over bereik en doorlooptijden", NULL, "gepland", 5, 4,
     30000, NULL, NULL},
    {2, "Wooncoaches na detentie", "Begeleiding naar een eigen woning", "Reclassering", "lopend", 7,
     2, 42000, NULL, NULL},
    {2, "Buurtsportcoach", "Bewegen in de openbare ruimte", NULL, "lopend", 3, 2, 16000, NULL,
     NULL},
    {2, "Formulierenbrigade", "Vrijwilligers vullen samen met inwoners formulieren in", "Humanitas",
     "lopend", 1, 1, 14000, "effectief", NULL},
    {2, "Preventie huisuitzettingen", "Afspraken met verhuurders over betalingsregelingen", NULL,
     "afgerond", 5, 2, 27000, NULL, NULL},
    {0, "Wijkgericht werken", "Wijkagenda per kern met de bewoners", NULL, "lopend", 3, 3, 11000,
     NULL, NULL},
    {1, "Beschermingsbewind voorkomen", "Eerder hulp zodat bewind niet nodig is", NULL, "lopend", 5,
     2, 21000, NULL, NULL},
    {2, "Crisiskaart", "Afspraken voor als het misgaat", NULL, "gepland", 7, 2, 6000, NULL, NULL},
    /* 30-35: not sharing: never found, never similar */
    {3, "Sociaal raadslieden in Dorpsveen", "Het wijkteam en de huiskamer van Dorpsveen", NULL,
     "lopend", 2, 1, 44000, "effectief", NULL},
    {3, "Gebiedsteam Dorpsveen", "Sociaal team", NULL, "lopend", 4, 1, 33000, NULL, NULL},
    {3, "Cliëntondersteuning Dorpsveen", NULL, NULL, "lopend", 2, 2, 12000, NULL, NULL},
    {4, "Sociaal juridisch loket Eemoord", "Huiskamers en wijkteams", NULL, "lopend", 2, 1, 19000,
     NULL, NULL},
    {4, "Wijkteam Eemoord", NULL, NULL, "lopend", 4, 1, 28000, NULL, NULL},
    {4, "Clientondersteuning Eemoord", NULL, NULL, "gepland", 2, 2, 8000, NULL, NULL},
};
#define N_CORPUS (sizeof corpus / sizeof corpus[0])

typedef struct Fixture {
    TestDb db;
    int64_t ids[N_CORPUS];
} Fixture;

static int64_t id_of_number(const void *items, size_t n, size_t size, size_t id_off, size_t num_off,
                            int number)
{
    for (size_t i = 0; i < n; i++) {
        const char *p = (const char *)items + i * size;
        if (*(const int *)(p + num_off) == number) return *(const int64_t *)(p + id_off);
    }
    return 0;
}

static int fixture(Fixture *x, PokErr *err)
{
    Store *s = x->db.s;
    Arena a = {0};
    Scheme pok;
    Actielijn *al;
    Purpose *pu;
    size_t n_al, n_pu;
    int rc = store_scheme_get(s, "POK", &a, &pok, err) == 1 ? 0 : -1;
    if (!rc) rc = store_actielijn_list(s, pok.id, &a, &al, &n_al, err);
    if (!rc) rc = store_purpose_list(s, pok.id, &a, &pu, &n_pu, err);
    for (size_t i = 0; !rc && i < sizeof munis / sizeof munis[0]; i++) {
        Municipality m = {munis[i].code, munis[i].name, "Gelderland", 0, 0};
        Inhabitants inh = {munis[i].code, 2024, munis[i].inhabitants, 0};
        rc = store_municipality_put(s, &m, err) || store_inhabitants_put(s, &inh, err);
        if (!rc && munis[i].level != SHARE_NONE)
            rc = store_sharing_set(s, munis[i].code, munis[i].level, err);
    }
    for (size_t i = 0; !rc && i < N_CORPUS; i++) {
        const Doc *d = &corpus[i];
        int64_t al_id = id_of_number(al, n_al, sizeof *al, offsetof(Actielijn, id),
                                     offsetof(Actielijn, number), d->actielijn);
        int64_t pu_id = id_of_number(pu, n_pu, sizeof *pu, offsetof(Purpose, id),
                                     offsetof(Purpose, number), d->purpose);
        Measure m = {0};
        m.municipality = munis[d->muni].code;
        m.scheme_id = pok.id;
        m.name = d->name;
        m.description = d->description;
        m.partner = d->partner;
        m.status = d->status;
        m.actielijn_ids = &al_id;
        m.n_actielijnen = 1;
        m.purpose_ids = &pu_id;
        m.n_purposes = 1;
        rc = store_measure_add(s, &m, err);
        x->ids[i] = m.id;
        MeasureAmount ma = {0};
        ma.measure_id = m.id;
        ma.year = 2024;
        ma.kind = AMOUNT_PLAN;
        ma.amount_cents = d->plan * 100;
        if (!rc) rc = store_measure_amount_set(s, &ma, err);
        if (!rc && d->verdict) {
            Evaluation e = {0};
            e.measure_id = m.id;
            e.date = "2025-03-01";
            e.verdict = d->verdict;
            e.text = d->evaluation;
            rc = store_evaluation_add(s, &e, err);
        }
    }
    arena_free(&a);
    return rc;
}

static int setup(void **state)
{
    Fixture *x = calloc(1, sizeof *x);
    PokErr err = {0};
    if (!x || testdb_open(&x->db, "search", &err) || fixture(x, &err)) {
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

/* The corpus indexes a search for text (and filter f, may be NULL) finds, as a string
 * of sorted numbers "0,1,2", so a failure shows what was found. */
static const char *found_in(Store *s, const Fixture *x, const char *text, const SearchFilter *base,
                            char *out, size_t size)
{
    Arena a = {0};
    PokErr err = {0};
    SearchQuery q;
    search_query_parse(text, &a, &q);
    SearchFilter f = base ? *base : (SearchFilter){0};
    f.query = &q;
    f.limit = SEARCH_PAGE_MAX;
    SearchHit *hits;
    size_t n;
    int64_t total;
    if (store_search(s, &f, &a, &hits, &n, &total, &err))
        fail_msg("search '%s': %s", text, err.msg);
    assert_int_equal(total, (int64_t)n);
    int seen[N_CORPUS] = {0};
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < N_CORPUS && x->ids[k] != hits[i].measure_id) k++;
        if (k == N_CORPUS)
            fail_msg("search '%s' found an unknown measure %lld", text,
                     (long long)hits[i].measure_id);
        seen[k] = 1;
    }
    size_t used = 0;
    out[0] = '\0';
    for (size_t k = 0; k < N_CORPUS; k++)
        if (seen[k]) used += (size_t)snprintf(out + used, size - used, "%s%zu", used ? "," : "", k);
    arena_free(&a);
    return out;
}

#define FOUND(text, f) found_in(x->db.s, x, (text), (f), buf, sizeof buf)

static void test_stemming_and_accents(void **state)
{
    Fixture *x = *state;
    char buf[256];
    /* word forms: the plural finds the singular and back */
    assert_string_equal(FOUND("wijkteams", NULL), "3,4,5");
    assert_string_equal(FOUND("huiskamers", NULL), "6,7");
    assert_string_equal(FOUND("huiskamer", NULL), "6,7");
    assert_string_equal(FOUND("gebiedsteam", NULL), "3,4,5");
    /* accents folded, both ways, and case */
    assert_string_equal(FOUND("clientondersteuning", NULL), "8");
    assert_string_equal(FOUND("CLIËNTONDERSTEUNING", NULL), "8");
    /* every word must be there; evaluation texts count */
    assert_string_equal(FOUND("huiskamer ontmoeting", NULL), "6");
    assert_string_equal(FOUND("wachttijd", NULL), "0");
    /* negatives: unrelated measures stay out */
    assert_string_equal(FOUND("huiskamers wijkteam", NULL), "");
    assert_string_equal(FOUND("wijk", NULL), "6");
    assert_string_equal(FOUND("betalingsachterstanden", NULL), "9,10");
    assert_string_equal(FOUND("formulier", NULL), "11,25");
    /* only stop words: nothing, not everything */
    assert_string_equal(FOUND("de het een", NULL), "");
}

static void test_synonyms(void **state)
{
    Fixture *x = *state;
    char buf[256];
    assert_true(search_synonym_groups() >= 2);
    assert_string_equal(FOUND("sociaal raadslieden", NULL), "0,1,2");
    assert_string_equal(FOUND("sociaal raadsman", NULL), "0,1,2");
    assert_string_equal(FOUND("sociaal juridisch loket", NULL), "0,1,2");
    assert_string_equal(FOUND("Sociaal-Juridisch Loket", NULL), "0,1,2");
    assert_string_equal(FOUND("wijkteam", NULL), "3,4,5");
    assert_string_equal(FOUND("sociaal team", NULL), "3,4,5");
    assert_string_equal(FOUND("sociale teams", NULL), "3,4,5");
    /* a synonym phrase with another word: both */
    assert_string_equal(FOUND("sociaal raadsman brieven", NULL), "1");
    /* the words of a phrase apart are no synonym: "sociaal" alone is just a word */
    assert_string_equal(FOUND("raadsman", NULL), "1");
    assert_string_equal(FOUND("sociaal domein", NULL), "16,22");
}

static void test_filters_with_text(void **state)
{
    Fixture *x = *state;
    char buf[256];
    SearchFilter f = {.status = "lopend"};
    assert_string_equal(FOUND("sociaal raadslieden", &f), "0,2");
    f = (SearchFilter){.verdict = "Effectief"};
    assert_string_equal(FOUND("sociaal raadslieden", &f), "0,2");
    f = (SearchFilter){.partner = "raadsman"};
    assert_string_equal(FOUND("sociaal raadslieden", &f), "1");
    f = (SearchFilter){.purpose = 2};
    assert_string_equal(FOUND("wijkteam", &f), "5");
    f = (SearchFilter){.actielijn = 3};
    assert_string_equal(FOUND("huiskamers", &f), "6,7");
    f = (SearchFilter){.actielijn = 2};
    assert_string_equal(FOUND("huiskamers", &f), "");
    f = (SearchFilter){.size = size_class_find("7")};
    assert_string_equal(FOUND("wijkteam", &f), "5");
    f = (SearchFilter){.size = size_class_find("2"), .status = "lopend"};
    assert_string_equal(FOUND("wijkteam", &f), "3");
    /* filters without text: every shared measure that fits, never the others */
    f = (SearchFilter){.actielijn = 4};
    assert_string_equal(FOUND(NULL, &f), "3,4,5");
    f = (SearchFilter){.partner = "bibliotheek"};
    assert_string_equal(FOUND("", &f), "2,11,17");
    /* LIKE's wildcards are literal in a partner */
    f = (SearchFilter){.partner = "%"};
    assert_string_equal(FOUND("", &f), "");
}

static void test_fts_syntax_is_words(void **state)
{
    Fixture *x = *state;
    char buf[256];
    /* no prefix query, no operators, no error: the words wijk, or, near */
    assert_string_equal(FOUND("wijk* OR NEAR(", NULL), "");
    assert_string_equal(FOUND("wijk*", NULL), "6");
    assert_string_equal(FOUND("\"wijkteam", NULL), "3,4,5");
    assert_string_equal(FOUND("huiskamer NOT ontmoeting", NULL), "");
    assert_string_equal(FOUND("huiskamer -ontmoeting", NULL), "6");
    assert_string_equal(FOUND("name:huiskamer", NULL), "");
    assert_string_equal(FOUND("wijkteam)) OR ((\"", NULL), "");
    assert_string_equal(FOUND("huiskamer'; DROP TABLE measure; --", NULL), "");
    assert_int_equal(testdb_int(&x->db, "SELECT count(*) FROM measure"), (int64_t)N_CORPUS);
}

static void test_only_sharing_municipalities(void **state)
{
    Fixture *x = *state;
    char buf[256];
    Arena a = {0};
    PokErr err = {0};
    /* the non-sharing ones hold every word searched for, and are never found */
    assert_string_equal(FOUND("dorpsveen", NULL), "");
    assert_string_equal(FOUND("eemoord", NULL), "");
    assert_string_equal(FOUND("", NULL),
                        "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,"
                        "28,29");
    /* nor as similar measures; never the measure's own municipality */
    for (size_t i = 0; i < N_CORPUS; i++) {
        SearchHit *hits;
        size_t n;
        assert_int_equal(store_search_similar(x->db.s, x->ids[i], 5, &a, &hits, &n, &err), 0);
        assert_true(n <= 5);
        for (size_t k = 0; k < n; k++) {
            assert_string_not_equal(hits[k].municipality, "GM0004");
            assert_string_not_equal(hits[k].municipality, "GM0005");
            assert_string_not_equal(hits[k].municipality, munis[corpus[i].muni].code);
        }
    }
    /* the similar measures of the raadslieden are the raadsman and the loket */
    SearchHit *hits;
    size_t n;
    assert_int_equal(store_search_similar(x->db.s, x->ids[0], 5, &a, &hits, &n, &err), 0);
    assert_true(n >= 2);
    int raadsman = 0;
    for (size_t k = 0; k < n; k++) raadsman |= hits[k].measure_id == x->ids[1];
    assert_true(raadsman);
    /* a municipality that stops sharing leaves the library at once */
    assert_int_equal(store_sharing_set(x->db.s, "GM0002", SHARE_NAMED, &err), 0);
    assert_string_equal(FOUND("sociaal raadslieden", NULL), "0,2");
    assert_int_equal(store_search_similar(x->db.s, x->ids[0], 5, &a, &hits, &n, &err), 0);
    for (size_t k = 0; k < n; k++) assert_string_not_equal(hits[k].municipality, "GM0002");
    assert_int_equal(store_sharing_set(x->db.s, "GM0002", SHARE_MEASURES, &err), 0);
    arena_free(&a);
}

static void test_totals_and_paging(void **state)
{
    Fixture *x = *state;
    Arena a = {0};
    PokErr err = {0};
    SearchQuery q;
    search_query_parse("sociaal raadslieden", &a, &q);
    SearchFilter f = {.query = &q, .limit = 2};
    SearchHit *hits, *more;
    size_t n, n_more;
    int64_t total;
    assert_int_equal(store_search(x->db.s, &f, &a, &hits, &n, &total, &err), 0);
    assert_int_equal(total, 3);
    assert_int_equal(n, 2);
    f.offset = 2;
    assert_int_equal(store_search(x->db.s, &f, &a, &more, &n_more, &total, &err), 0);
    assert_int_equal(total, 3);
    assert_int_equal(n_more, 1);
    assert_true(more[0].measure_id != hits[0].measure_id &&
                more[0].measure_id != hits[1].measure_id);
    /* the raadslieden themselves: plan, no realisation, their latest verdict */
    f = (SearchFilter){.query = &q, .partner = "rechtswinkel"};
    assert_int_equal(store_search(x->db.s, &f, &a, &hits, &n, &total, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(hits[0].municipality_name, "Aardam");
    assert_int_equal(hits[0].planned_cents, 5000000);
    assert_int_equal(hits[0].realised_cents, 0);
    assert_string_equal(hits[0].verdict, "effectief");
    arena_free(&a);
}

static void test_index_follows_writes(void **state)
{
    Fixture *x = *state;
    char buf[256];
    PokErr err = {0};
    Arena a = {0};
    /* a new evaluation's text is found */
    Evaluation e = {0};
    e.measure_id = x->ids[12];
    e.date = "2025-06-01";
    e.verdict = "effectief";
    e.text = "Politie en wijkverpleging melden minder escalaties";
    assert_int_equal(store_evaluation_add(x->db.s, &e, &err), 0);
    assert_string_equal(FOUND("escalaties", NULL), "12");
    SearchFilter f = {.verdict = "effectief"};
    assert_string_equal(FOUND("verward gedrag", &f), "12");
    /* a renamed measure: found by its new name, no longer by its old one */
    MuniData d;
    Scheme pok;
    assert_int_equal(store_scheme_get(x->db.s, "POK", &a, &pok, &err), 1);
    if (store_load(x->db.s, "GM0001", pok.id, &a, &d, &err) != 1) fail_msg("%s", err.msg);
    Measure m = *muni_measure(&d, x->ids[27]);
    m.name = "Buurtbudgetten";
    assert_int_equal(store_measure_update(x->db.s, &m, &err), 0);
    assert_string_equal(FOUND("buurtbudget", NULL), "27");
    assert_string_equal(FOUND("wijkgericht", NULL), "");
    /* deleted: the evaluation first, then the measure */
    assert_int_equal(store_delete(x->db.s, "evaluation", e.id, "test", &err), 0);
    assert_string_equal(FOUND("escalaties", NULL), "");
    assert_int_equal(store_delete(x->db.s, "measure", x->ids[12], "test", &err), 0);
    assert_string_equal(FOUND("verward gedrag", NULL), "");
    arena_free(&a);
}

static void test_web_page_and_api(void **state)
{
    Fixture *x = *state;
    WebResponse res;
    testweb_call(&x->db.app, "GET", "/landelijk/maatregelen?q=sociaal+raadsman&status=lopend",
                 &res);
    assert_int_equal(res.status, 200);
    const char *body = res.body.data;
    assert_non_null(strstr(body, "Uitbreiding sociaal raadslieden"));
    assert_non_null(strstr(body, "Sociaal-juridisch loket in de bibliotheek"));
    assert_null(strstr(body, "Sociaal raadsman op afspraak")); /* afgerond */
    assert_null(strstr(body, "Dorpsveen"));
    assert_null(strstr(body, "Eemoord"));
    assert_non_null(strstr(body, "<option value=\"lopend\" selected>"));
    web_response_free(&res);
    /* a hostile query is text on the page, escaped */
    testweb_call(&x->db.app, "GET", "/landelijk/maatregelen?q=%3Cscript%3E+OR+NEAR(", &res);
    assert_int_equal(res.status, 200);
    assert_null(strstr(res.body.data, "<script>"));
    web_response_free(&res);
    testweb_call(&x->db.app, "GET", "/api/v1/landelijk/maatregelen?q=wijkteams&grootte=7", &res);
    assert_int_equal(res.status, 200);
    assert_non_null(strstr(res.body.data, "\"total\": 1"));
    assert_non_null(strstr(res.body.data, "Sociaal team voor jongeren"));
    web_response_free(&res);
    /* a measure's page: similar measures elsewhere, of sharing municipalities only */
    char path[64];
    snprintf(path, sizeof path, "/maatregel/%lld", (long long)x->ids[0]);
    testweb_call(&x->db.app, "GET", path, &res);
    assert_int_equal(res.status, 200);
    body = strstr(res.body.data, "Vergelijkbare maatregelen elders");
    assert_non_null(body);
    assert_non_null(strstr(body, "Sociaal raadsman op afspraak"));
    assert_null(strstr(body, "Dorpsveen"));
    assert_null(strstr(body, "Eemoord"));
    web_response_free(&res);
}

/* pok copy leaves the index out (derived) and the destination's triggers build it. */
static void test_copy_keeps_search(void **state)
{
    Fixture *x = *state;
    char buf[256];
    PokErr err = {0};
    TestDb dst;
    assert_int_equal(testdb_create(&dst, "search_dst"), 0);
    StoreCopyOptions opt = {.actor = "test"};
    StoreCopyReport r;
    if (store_copy(x->db.url, dst.url, &opt, &r, &err)) fail_msg("%s", err.msg);
    store_copy_report_free(&r);
    dst.s = store_open(dst.url, 0, &err);
    assert_non_null(dst.s);
    Fixture y = *x;
    y.db = dst;
    assert_string_equal(found_in(dst.s, &y, "sociaal raadsman", NULL, buf, sizeof buf), "0,1,2");
    assert_string_equal(found_in(dst.s, &y, "clientondersteuning", NULL, buf, sizeof buf), "8");
    /* again with replace: the index holds each measure once */
    store_close(dst.s);
    dst.s = NULL;
    opt.replace = 1;
    if (store_copy(x->db.url, dst.url, &opt, &r, &err)) fail_msg("%s", err.msg);
    store_copy_report_free(&r);
    dst.s = store_open(dst.url, 0, &err);
    assert_string_equal(found_in(dst.s, &y, "huiskamers", NULL, buf, sizeof buf), "6,7");
    testdb_close(&dst);

    if (testdb_is_pg()) return; /* a backup is of a SQLite file */
    char path[64];
    snprintf(path, sizeof path, "/tmp/pok_test_search_backup_%d.db", (int)getpid());
    StoreBackupCheck check;
    if (store_backup(x->db.s, path, 1, &check, &err)) fail_msg("%s", err.msg);
    Store *b = store_open(path, 0, &err);
    assert_non_null(b);
    assert_string_equal(found_in(b, x, "wijkteams", NULL, buf, sizeof buf), "3,4,5");
    store_close(b);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stemming_and_accents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_synonyms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filters_with_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fts_syntax_is_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_only_sharing_municipalities, setup, teardown),
        cmocka_unit_test_setup_teardown(test_totals_and_paging, setup, teardown),
        cmocka_unit_test_setup_teardown(test_index_follows_writes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_web_page_and_api, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_keeps_search, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
