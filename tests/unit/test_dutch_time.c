/* test_dutch_time.c: moments shown in the time of the Netherlands whatever TZ pok was
 * started with, across summer time, and the Dutch days of the change log's filter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "dutch_time.h"

static void test_dutch_wall_clock(void **state)
{
    /* started in another zone: pok still shows Dutch time */
    setenv("TZ", "America/New_York", 1);
    Arena a = {0};
    assert_string_equal(time_nl(&a, "2024-01-15T10:00:00Z"), "15 januari 2024 11:00");
    assert_string_equal(time_nl(&a, "2024-07-01T22:30:00Z"), "2 juli 2024 00:30");
    /* the last Sunday of March 2024: summer time from 01:00 UTC */
    assert_string_equal(time_nl(&a, "2024-03-31T00:59:59Z"), "31 maart 2024 01:59");
    assert_string_equal(time_nl(&a, "2024-03-31T01:00:00Z"), "31 maart 2024 03:00");
    /* the last Sunday of October 2024: back to winter time at 01:00 UTC */
    assert_string_equal(time_nl(&a, "2024-10-27T00:30:00Z"), "27 oktober 2024 02:30");
    assert_string_equal(time_nl(&a, "2024-10-27T01:30:00Z"), "27 oktober 2024 02:30");
    /* what is not a UTC timestamp comes back as it is */
    assert_string_equal(time_nl(&a, "gisteren"), "gisteren");
    assert_string_equal(time_nl(&a, "2024-13-01T00:00:00Z"), "2024-13-01T00:00:00Z");
    assert_null(time_nl(&a, NULL));
    assert_string_equal(date_nl(&a, "2024-05-28"), "28 mei 2024");
    arena_free(&a);
}

static void test_dutch_days(void **state)
{
    char at[21];
    assert_int_equal(dutch_day_start("2024-01-15", 0, at), 0);
    assert_string_equal(at, "2024-01-14T23:00:00Z");
    assert_int_equal(dutch_day_start("2024-01-15", 1, at), 0);
    assert_string_equal(at, "2024-01-15T23:00:00Z");
    assert_int_equal(dutch_day_start("2024-07-02", 0, at), 0);
    assert_string_equal(at, "2024-07-01T22:00:00Z");
    /* the day summer time starts has 23 hours: its end is 22:00 UTC */
    assert_int_equal(dutch_day_start("2024-03-31", 1, at), 0);
    assert_string_equal(at, "2024-03-31T22:00:00Z");
    assert_int_equal(dutch_day_start("2024-12-31", 1, at), 0);
    assert_string_equal(at, "2024-12-31T23:00:00Z");
    assert_int_equal(dutch_day_start("31-12-2024", 0, at), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dutch_wall_clock),
        cmocka_unit_test(test_dutch_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
