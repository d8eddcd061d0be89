/* test_propose.c: the proposals of a read document (src/read/read_propose.h). A ReadResult
 * built in memory gives the right records and says what each changes in the coverage
 * table; accepting stores the document as a source once and the chosen records in one
 * transaction; reading the same document again proposes only what was not accepted; a
 * failing accept stores nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "read/read_propose.h"
#include "store/store_records.h"
#include "store/store_reference.h"
#include "store/store_source_file.h"

#include "support/testdb.h"

#include <stdlib.h>
#include <string.h>

#define OK(call)                                                                                   \
    do {                                                                                           \
        if ((call) != 0) fail_msg("%s", err.msg);                                                  \
    } while (0)

static const char document[] = "Raadsinformatiebrief POK-middelen Olst-Wijhe\n...\n";

typedef struct Fixture {
    TestDb db;
    ReadResult res;
} Fixture;

static void amount(ReadResult *res, ReadKind kind, int64_t euros, int year, int actielijn,
                   const char *label, int page, int line)
{
    ReadAmount x = {euros * 100, year, actielijn, kind, label, page, line};
    read_add_amount(res, &x);
}

/* What a reader could find in a small council letter: a table row of actielijn 2 with its
 * total, a measure's plans, a reserve balance at the end of a year, the national total,
 * an allocation without a year and a college decision. */
static void letter(ReadResult *res)
{
    memset(res, 0, sizeof *res);
    res->genre = "raadsinformatiebrief";
    snprintf(res->date, sizeof res->date, "2024-05-01");
    amount(res, READ_OTHER, 150000000, 0, 0, "landelijk € 150 miljoen per jaar", 1, 2);
    amount(res, READ_ALLOCATION, 22000, 2024, 2, "2. Rechtsbescherming", 1, 5);
    amount(res, READ_ALLOCATION, 22000, 2025, 2, "2. Rechtsbescherming", 1, 5);
    amount(res, READ_TOTAL, 44000, 0, 2, "2. Rechtsbescherming", 1, 5);
    amount(res, READ_ALLOCATION, 5500, 0, 3, "3. Systeemleren", 1, 6);
    amount(res, READ_PLAN, 35000, 2026, 2, "Financiën de Baas", 2, 3);
    amount(res, READ_PLAN, 35000, 2027, 2, "Financiën de Baas", 2, 3);
    amount(res, READ_RESERVE_BALANCE, 10000, 2024, 0, "Stand reserve eind 2024", 2, 8);
    amount(res, READ_RESERVE_BALANCE, 8000, 2025, 0, "Stand reserve eind 2025", 2, 9);
    ReadDecision dec = {"2024-04-16", "college", 1, "inzet POK-middelen 2024-2027", 3, 1};
    read_add_decision(res, &dec);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    PokErr err = {0};
    if (testdb_open(&f->db, "propose", &err)) fail_msg("%s", err.msg);
    Municipality m = {.code = "GM1773", .name = "Olst-Wijhe"};
    OK(store_municipality_put(f->db.s, &m, &err));
    letter(&f->res);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    read_result_free(&f->res);
    testdb_close(&f->db);
    free(f);
    return 0;
}

static void load(Fixture *f, Arena *a, MuniData *d)
{
    PokErr err = {0};
    Scheme sc;
    assert_int_equal(store_scheme_get(f->db.s, "POK", a, &sc, &err), 1);
    assert_int_equal(store_load(f->db.s, "GM1773", sc.id, a, d, &err), 1);
}

static const Proposal *with_kind(const ProposalSet *set, ProposalKind kind, int year)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->items[i].kind == kind && (!year || set->items[i].year == year))
            return &set->items[i];
    return NULL;
}

static size_t count_kind(const ProposalSet *set, ProposalKind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < set->n; i++) n += set->items[i].kind == kind;
    return n;
}

static ProposalDocument doc_bytes(void)
{
    return (ProposalDocument){"brief.txt", "text/plain", document, sizeof document - 1};
}

/* Every amount and decision is listed; what cannot be stored says why. */
static void test_records_proposed(void **state)
{
    Fixture *f = *state;
    Arena a = {0};
    MuniData d;
    load(f, &a, &d);
    ProposalSet set;
    PokErr err = {0};
    OK(proposals_build(&f->res, &d, 0, &a, &set, &err));
    assert_int_equal(set.n, 10);
    assert_int_equal(set.n_accepted, 0);
    assert_int_equal(count_kind(&set, PROPOSAL_ALLOCATION), 2);
    assert_int_equal(count_kind(&set, PROPOSAL_PLAN), 2);
    assert_int_equal(count_kind(&set, PROPOSAL_DECISION), 1);
    /* other, the allocation without a year, and the later of two reserve balances */
    assert_int_equal(count_kind(&set, PROPOSAL_NONE), 3);
    for (size_t i = 0; i < set.n; i++) {
        assert_int_equal(set.items[i].number, (int)i + 1);
        if (set.items[i].kind == PROPOSAL_NONE) assert_non_null(set.items[i].why_not);
    }
    assert_non_null(strstr(set.items[0].why_not, "andere regeling"));
    assert_non_null(strstr(set.items[4].why_not, "geen enkel jaar"));

    const Proposal *al = with_kind(&set, PROPOSAL_ALLOCATION, 2024);
    assert_non_null(al);
    assert_int_equal(al->actielijn, 2);
    assert_string_equal(al->place, "p. 1, r. 5");
    assert_non_null(strstr(al->change, "Toegekend 2024, actielijn 2: € 0 wordt € 22.000"));
    assert_non_null(strstr(al->change, "Toekenning van het jaar 2024: € 0 wordt € 22.000"));

    /* The row total takes its years and kind from the row's cells. */
    const Proposal *st = with_kind(&set, PROPOSAL_STATED, 0);
    assert_non_null(st);
    assert_int_equal(st->stated_kind, STATED_ALLOCATION);
    assert_int_equal(st->year, 2024);
    assert_int_equal(st->year_to, 2025);
    assert_int_equal(st->actielijn, 2);
    assert_non_null(strstr(st->change, "Verandert de dekkingstabel niet"));

    /* A balance at the end of 2024 is the opening of 2025. */
    const Proposal *ro = with_kind(&set, PROPOSAL_RESERVE_OPENING, 0);
    assert_non_null(ro);
    assert_int_equal(ro->year, 2025);
    assert_non_null(strstr(ro->change, "Reserve op 1 januari 2025: € 0 wordt € 10.000"));

    const Proposal *plan = with_kind(&set, PROPOSAL_PLAN, 2026);
    assert_non_null(strstr(plan->change, "Begroot (plannen) 2026: € 0 wordt € 35.000"));
    arena_free(&a);
}

/* Accept a part; read again: only the rest is proposed, and the source is kept once. */
static void test_accept_then_only_the_rest(void **state)
{
    Fixture *f = *state;
    Arena a = {0};
    MuniData d;
    load(f, &a, &d);
    ProposalSet set;
    PokErr err = {0};
    OK(proposals_build(&f->res, &d, 0, &a, &set, &err));
    const Proposal *chosen[3] = {with_kind(&set, PROPOSAL_ALLOCATION, 2024),
                                 with_kind(&set, PROPOSAL_PLAN, 2026),
                                 with_kind(&set, PROPOSAL_STATED, 0)};
    ProposalDocument doc = doc_bytes();
    int64_t src = 0;
    OK(proposals_accept(f->db.s, &d, &f->res, &doc, chosen, 3, &src, &err));
    assert_true(src > 0);
    char sha[65];
    store_sha256_hex(document, sizeof document - 1, sha);
    int64_t found = 0;
    assert_int_equal(store_source_find_sha256(f->db.s, "GM1773", sha, &found, &err), 1);
    assert_int_equal(found, src);
    assert_int_equal(testdb_int(&f->db, "SELECT COUNT(*) FROM allocation"), 1);
    assert_int_equal(testdb_int(&f->db, "SELECT COUNT(*) FROM measure"), 1);
    assert_int_equal(testdb_int(&f->db, "SELECT COUNT(*) FROM stated_figure"), 1);
    assert_int_equal(
        testdb_int(&f->db, "SELECT COUNT(*) FROM allocation WHERE source_place = 'p. 1, r. 5'"), 1);

    Arena b = {0};
    MuniData d2;
    load(f, &b, &d2);
    ProposalSet again;
    OK(proposals_build(&f->res, &d2, src, &b, &again, &err));
    assert_int_equal(again.n_accepted, 3);
    assert_int_equal(again.n, 7);
    assert_null(with_kind(&again, PROPOSAL_ALLOCATION, 2024));
    assert_non_null(with_kind(&again, PROPOSAL_ALLOCATION, 2025));
    assert_null(with_kind(&again, PROPOSAL_PLAN, 2026));
    assert_non_null(with_kind(&again, PROPOSAL_PLAN, 2027));
    assert_null(with_kind(&again, PROPOSAL_STATED, 0));

    /* The second plan of the measure joins the measure stored before; the source is
     * not stored twice. */
    const Proposal *more[1] = {with_kind(&again, PROPOSAL_PLAN, 2027)};
    int64_t src2 = 0;
    OK(proposals_accept(f->db.s, &d2, &f->res, &doc, more, 1, &src2, &err));
    assert_int_equal(src2, src);
    assert_int_equal(testdb_int(&f->db, "SELECT COUNT(*) FROM measure"), 1);
    assert_int_equal(testdb_int(&f->db, "SELECT COUNT(*) FROM measure_amount"), 2);
    assert_int_equal(testdb_int(&f->db, "SELECT COUNT(*) FROM source_file"), 1);
    arena_free(&b);
    arena_free(&a);
}

/* A chosen proposal that cannot be stored fails the accept: nothing is stored, not even
 * the document. */
static void test_failed_accept_stores_nothing(void **state)
{
    Fixture *f = *state;
    Arena a = {0};
    MuniData d;
    load(f, &a, &d);
    ProposalSet set;
    PokErr err = {0};
    OK(proposals_build(&f->res, &d, 0, &a, &set, &err));
    const Proposal *chosen[2] = {with_kind(&set, PROPOSAL_ALLOCATION, 2024),
                                 with_kind(&set, PROPOSAL_NONE, 0)};
    ProposalDocument doc = doc_bytes();
    int64_t src = 7;
    assert_int_equal(proposals_accept(f->db.s, &d, &f->res, &doc, chosen, 2, &src, &err), -1);
    assert_non_null(strstr(err.msg, "kan niet worden opgeslagen"));
    assert_int_equal(src, 0);
    assert_int_equal(testdb_int(&f->db, "SELECT COUNT(*) FROM allocation"), 0);
    assert_int_equal(testdb_int(&f->db, "SELECT COUNT(*) FROM source"), 0);
    assert_int_equal(testdb_int(&f->db, "SELECT COUNT(*) FROM source_file"), 0);
    arena_free(&a);
}

/* The coverage after: applying the proposals in memory counts the new allocation once,
 * as a new version replacing the current one. */
static void test_apply_replaces_current_allocation(void **state)
{
    Fixture *f = *state;
    PokErr err = {0};
    Arena a = {0};
    MuniData d;
    load(f, &a, &d);
    Actielijn *al2 = NULL;
    for (size_t i = 0; i < d.n_actielijnen; i++)
        if (d.actielijnen[i].number == 2) al2 = &d.actielijnen[i];
    assert_non_null(al2);
    Allocation old = {
        .municipality = "GM1773", .actielijn_id = al2->id, .year = 2024, .amount_cents = 2000000};
    OK(store_allocation_add(f->db.s, &old, &err));
    Arena b = {0};
    MuniData d2;
    load(f, &b, &d2);
    ProposalSet set;
    OK(proposals_build(&f->res, &d2, 0, &b, &set, &err));
    const Proposal *p = with_kind(&set, PROPOSAL_ALLOCATION, 2024);
    assert_non_null(strstr(p->change, "Toegekend 2024, actielijn 2: € 20.000 wordt € 22.000"));
    assert_non_null(strstr(p->change, "Toekenning van het jaar 2024: € 20.000 wordt € 22.000"));
    arena_free(&b);
    arena_free(&a);
}

/* A coverage table as Overbetuwe's: the reserve and the allocation with their column
 * total (what is available), the plans with theirs, the allocation used again, the
 * withdrawal, the total coverage and what is left at the end. */
static void test_table_totals_and_balances(void **state)
{
    Fixture *f = *state;
    ReadResult r;
    memset(&r, 0, sizeof r);
    r.genre = "raadsvoorstel";
    amount(&r, READ_RESERVE_BALANCE, 459500, 2024, 0, "Restant reserve", 1, 10);
    amount(&r, READ_ALLOCATION, 175000, 2024, 0, "POK middelen", 1, 11);
    amount(&r, READ_TOTAL, 596437, 2024, 0, "Totaal", 1, 12);
    amount(&r, READ_PLAN, 399500, 2024, 0, "Jobhunter", 1, 20);
    amount(&r, READ_TOTAL, 399500, 2024, 0, "Totaal", 1, 21);
    amount(&r, READ_ALLOCATION, 175000, 2024, 0, "POK middelen", 1, 23);
    amount(&r, READ_RESERVE_WITHDRAWAL, 224500, 2024, 0, "Onttrekking reserve", 1, 24);
    amount(&r, READ_TOTAL, 399500, 2024, 0, "Totale dekking", 1, 25);
    amount(&r, READ_RESERVE_BALANCE, 235000, 2024, 0, "Restant reserve", 1, 26);
    Arena a = {0};
    MuniData d;
    load(f, &a, &d);
    ProposalSet set;
    PokErr err = {0};
    OK(proposals_build(&r, &d, 0, &a, &set, &err));
    assert_int_equal(set.n, 9);
    /* reserve + allocation above it: available; plans above it: spending */
    assert_int_equal(set.items[2].kind, PROPOSAL_STATED);
    assert_int_equal(set.items[2].stated_kind, STATED_AVAILABLE);
    assert_int_equal(set.items[4].stated_kind, STATED_SPENDING);
    /* the allocation used again is proposed once */
    assert_int_equal(set.items[5].kind, PROPOSAL_NONE);
    assert_non_null(strstr(set.items[5].why_not, "al eerder in het document"));
    assert_non_null(strstr(set.items[6].change, "Verandert de dekkingstabel nu niet"));
    /* "totale dekking" covers the spending */
    assert_int_equal(set.items[7].stated_kind, STATED_SPENDING);
    /* the balance below the withdrawal is the end of 2024: the opening of 2025, and not
     * the reserve's one opening (the earliest, 2024) */
    assert_int_equal(set.items[8].year, 2025);
    assert_int_equal(set.items[8].kind, PROPOSAL_NONE);
    assert_int_equal(set.items[0].kind, PROPOSAL_RESERVE_OPENING);
    assert_string_equal(set.items[0].what, "Reserve op 1 januari 2024: € 459.500");
    arena_free(&a);
    read_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_records_proposed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_accept_then_only_the_rest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_accept_stores_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_apply_replaces_current_allocation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table_totals_and_balances, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
