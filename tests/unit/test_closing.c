/* test_closing.c: year closing. A closed year's allocations, measure amounts and reserve
 * figures are refused by the store (nothing written, not even an audit row), also
 * through the web form; reopening needs a reason and is recorded with who and when. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "demo/demo.h"
#include "store/store.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/route.h"

#include "support/testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char refusal_2023[] =
    "jaar 2023 is afgesloten voor GM0534: heropen het eerst (pok year reopen)";

typedef struct TestClosing {
    TestDb db;
    int64_t scheme_id;
    int64_t measure_id; /* Hillegom's "Inzet 2023", realised 66.983 in closed 2023 */
} TestClosing;

static int closing_setup(void **state)
{
    TestClosing *t = calloc(1, sizeof *t);
    if (!t) return -1;
    if (testdb_open_demo(&t->db, "closing", NULL, NULL)) return -1;
    PokErr err = {0};
    Arena a = {0};
    Scheme sc;
    if (store_scheme_get(t->db.s, "POK", &a, &sc, &err) != 1) return -1;
    t->scheme_id = sc.id;
    MuniData d;
    if (store_load(t->db.s, "GM0534", sc.id, &a, &d, &err) != 1) return -1;
    for (size_t i = 0; i < d.n_measures; i++)
        if (strcmp(d.measures[i].name, "Inzet 2023: vier onderdelen samen") == 0)
            t->measure_id = d.measures[i].id;
    arena_free(&a);
    if (!t->measure_id) return -1;
    *state = t;
    return 0;
}

static int closing_teardown(void **state)
{
    TestClosing *t = *state;
    testdb_close(&t->db);
    free(t);
    return 0;
}

static size_t audit_rows(TestClosing *t)
{
    Arena a = {0};
    AuditEntry *e;
    size_t n;
    PokErr err;
    assert_int_equal(store_audit_list(t->db.s, NULL, 0, &a, &e, &n, &err), 0);
    arena_free(&a);
    return n;
}

static Allocation allocation(int year)
{
    return (Allocation){.municipality = "GM0534", .year = year, .amount_cents = 100000};
}

#define assert_refused(call, t, year_text)                                                         \
    do {                                                                                           \
        PokErr e_ = {0};                                                                         \
        size_t before_ = audit_rows(t);                                                            \
        assert_int_equal((call)(&e_), -1);                                                         \
        char want_[120];                                                                           \
        snprintf(want_, sizeof want_,                                                              \
                 "jaar %s is afgesloten voor GM0534: heropen het eerst (pok year reopen)",         \
                 year_text);                                                                       \
        assert_string_equal(e_.msg, want_);                                                        \
        assert_int_equal(audit_rows(t), before_);                                                  \
    } while (0)

static TestClosing *current;

static int add_allocation_2023(PokErr *err)
{
    Allocation al = allocation(2023);
    al.scheme_id = current->scheme_id;
    return store_allocation_add(current->db.s, &al, err);
}

static int plan_2023(PokErr *err)
{
    MeasureAmount ma = {
        .measure_id = current->measure_id, .year = 2023, .kind = AMOUNT_PLAN, .amount_cents = 100};
    return store_measure_amount_set(current->db.s, &ma, err);
}

static int realised_2023(PokErr *err)
{
    MeasureAmount ma = {.measure_id = current->measure_id,
                        .year = 2023,
                        .kind = AMOUNT_REALISED,
                        .amount_cents = 100};
    return store_measure_amount_set(current->db.s, &ma, err);
}

static int opening_2023(PokErr *err)
{
    ReserveOpening ro = {.municipality = "GM0534",
                         .scheme_id = current->scheme_id,
                         .year = 2023,
                         .amount_cents = 100};
    return store_reserve_opening_set(current->db.s, &ro, err);
}

static int deposit_2023(PokErr *err)
{
    ReserveMovement rm = {.municipality = "GM0534",
                          .scheme_id = current->scheme_id,
                          .kind = RESERVE_DEPOSIT,
                          .year = 2023,
                          .amount_cents = 100};
    return store_reserve_movement_add(current->db.s, &rm, err);
}

static int transfer_2022_to_2025(PokErr *err)
{
    ReserveMovement rm = {.municipality = "GM0534",
                          .scheme_id = current->scheme_id,
                          .kind = RESERVE_TRANSFER,
                          .year = 2022,
                          .to_year = 2025,
                          .amount_cents = 100};
    return store_reserve_movement_add(current->db.s, &rm, err);
}

/* Every kind of figure of a closed year is refused with the message, nothing written. */
static void test_closed_year_refuses_writes(void **state)
{
    TestClosing *t = current = *state;
    assert_refused(add_allocation_2023, t, "2023");
    assert_refused(plan_2023, t, "2023");
    assert_refused(realised_2023, t, "2023");
    assert_refused(opening_2023, t, "2023");
    assert_refused(deposit_2023, t, "2023");
    assert_refused(transfer_2022_to_2025, t, "2022");

    /* an open year of the same municipality, and a closed year elsewhere, are fine */
    PokErr err = {0};
    Allocation al = allocation(2025);
    al.scheme_id = t->scheme_id;
    assert_int_equal(store_allocation_add(t->db.s, &al, &err), 0);
    MeasureAmount ma = {
        .measure_id = t->measure_id, .year = 2024, .kind = AMOUNT_PLAN, .amount_cents = 100};
    assert_int_equal(store_measure_amount_set(t->db.s, &ma, &err), 0);
    Allocation other = {
        .municipality = "GM1734", .scheme_id = t->scheme_id, .year = 2023, .amount_cents = 100};
    assert_int_equal(store_allocation_add(t->db.s, &other, &err), 0);

    /* inside an outer transaction (an import) the refusal undoes only that write */
    assert_int_equal(store_begin(t->db.s, &err), 0);
    assert_int_equal(store_allocation_add(t->db.s, &al, &err), 0);
    assert_int_equal(add_allocation_2023(&err), -1);
    assert_int_equal(store_commit(t->db.s, &err), 0);
}

static void test_reopen_needs_reason_and_is_recorded(void **state)
{
    TestClosing *t = current = *state;
    PokErr err = {0};
    size_t before = audit_rows(t);
    assert_int_equal(store_year_reopen(t->db.s, "GM0534", 2023, "", &err), -1);
    assert_non_null(strstr(err.msg, "vraagt een reden"));
    assert_int_equal(store_year_reopen(t->db.s, "GM0534", 2023, NULL, &err), -1);
    assert_int_equal(store_year_reopen(t->db.s, "GM0534", 2024, "x", &err), -1);
    assert_string_equal(err.msg, "jaar 2024 is niet afgesloten voor GM0534");
    assert_int_equal(store_year_reopen(t->db.s, "GM9999", 2023, "x", &err), -1);
    assert_int_equal(audit_rows(t), before);

    store_set_actor(t->db.s, "beheerder:anna");
    assert_int_equal(store_year_reopen(t->db.s, "GM0534", 2023, "correctie jaarrekening", &err), 0);
    assert_int_equal(audit_rows(t), before + 2);

    Arena a = {0};
    AuditEntry *e;
    size_t n;
    assert_int_equal(store_audit_list(t->db.s, "GM0534", 2, &a, &e, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(e[1].action, "delete");
    assert_string_equal(e[1].table_name, "closed_year");
    assert_int_equal(e[1].record_id, 2023);
    assert_string_equal(e[1].actor, "beheerder:anna");
    assert_string_equal(e[1].reason, "correctie jaarrekening");
    assert_non_null(strstr(e[1].before_json, "\"year\":2023"));
    assert_null(e[1].after_json);
    assert_string_equal(e[0].table_name, "year_reopening");

    YearReopening *r;
    assert_int_equal(store_year_reopening_list(t->db.s, "GM0534", &a, &r, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].year, 2023);
    assert_string_equal(r[0].reason, "correctie jaarrekening");
    assert_string_equal(r[0].actor, "beheerder:anna");
    assert_int_equal(strlen(r[0].at), 20);

    MuniData d;
    assert_int_equal(store_load(t->db.s, "GM0534", t->scheme_id, &a, &d, &err), 1);
    assert_int_equal(d.n_closed, 2); /* 2021 and 2022 stay closed */
    arena_free(&a);

    /* now the figures of 2023 can change again; 2022 still cannot */
    assert_int_equal(realised_2023(&err), 0);
    assert_int_equal(add_allocation_2023(&err), 0);
    assert_refused(transfer_2022_to_2025, t, "2022");

    /* and it can be closed again */
    ClosedYear cy = {.municipality = "GM0534", .year = 2023};
    assert_int_equal(store_year_close(t->db.s, &cy, &err), 0);
    assert_refused(plan_2023, t, "2023");
}

/* POST a urlencoded body; the response must be 422 with the refusal and the form. */
static void post_refused(TestClosing *t, const char *target, const char *body)
{
    size_t before = audit_rows(t);
    WebRequest req;
    web_request_init(&req, "POST", target);
    req.content_type = "application/x-www-form-urlencoded";
    assert_int_equal(web_params_parse(&req, &req.form, body, strlen(body)), 0);
    WebResponse res;
    web_response_init(&res);
    route_dispatch(NULL, &t->db.app, &req, &res);
    web_request_free(&req);
    assert_int_equal(res.status, 422);
    if (!strstr(res.body.data, refusal_2023))
        fail_msg("refusal not in the body:\n%.3000s", res.body.data);
    assert_non_null(strstr(res.body.data, "value=\"70.000\"")); /* the form, with the input */
    web_response_free(&res);
    assert_int_equal(audit_rows(t), before);
}

/* The amount, allocation and reserve forms: the store's refusal is shown with the form
 * (422), nothing saved. */
static void test_form_shows_closed_year(void **state)
{
    TestClosing *t = current = *state;
    char target[64], body[256];
    snprintf(target, sizeof target, "/maatregel/%lld/bedrag", (long long)t->measure_id);
    post_refused(t, target,
                 "soort=realisatie&jaar=2023&bedrag=70.000&bron=&plaats=&besluit=&confirm=1");

    Arena a = {0};
    Source *src;
    size_t n;
    PokErr err;
    assert_int_equal(store_source_list(t->db.s, "GM0534", &a, &src, &n, &err), 0);
    assert_true(n > 0);
    snprintf(body, sizeof body, "actielijn=2&jaar=2023&bedrag=70.000&bron=%lld&plaats=&confirm=1",
             (long long)src[n - 1].id);
    arena_free(&a);
    post_refused(t, "/gemeente/GM0534/toekenning/nieuw", body);
    post_refused(t, "/gemeente/GM0534/reserve/nieuw",
                 "soort=storting&jaar=2023&naar_jaar=&bedrag=70.000&pot=&omschrijving="
                 "&bron=&plaats=&besluit=&confirm=1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_closed_year_refuses_writes, closing_setup,
                                        closing_teardown),
        cmocka_unit_test_setup_teardown(test_reopen_needs_reason_and_is_recorded, closing_setup,
                                        closing_teardown),
        cmocka_unit_test_setup_teardown(test_form_shows_closed_year, closing_setup,
                                        closing_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
