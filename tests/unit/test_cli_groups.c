/* test_cli_groups.c: the generated table of command groups (scripts/cli_groups.sh) holds
 * what the dispatcher in main.c relies on: every entry of a group carries the group's
 * name, no name is in two groups, no subcommand twice, and every usage line starts with
 * the command it belongs to. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

static void test_groups_are_whole(void **state)
{
    (void)state;
    size_t n_groups = 0;
    for (const CliCommand *const *group = cli_groups; *group; group++, n_groups++) {
        const char *name = (*group)[0].name;
        assert_non_null(name);
        for (const CliCommand *c = *group; c->name; c++) {
            assert_string_equal(c->name, name);
            assert_non_null(c->run);
            assert_non_null(c->help);
            /* a command without subcommands is the whole group: the dispatcher takes the
             * first entry without a subcommand, any later entry would be unreachable */
            if (!c->sub) assert_null((*group)[1].name);
            for (const CliCommand *d = *group; d != c; d++)
                if (c->sub && d->sub && strcmp(c->sub, d->sub) == 0)
                    fail_msg("pok %s %s is in the table twice", name, c->sub);
        }
        for (const CliCommand *const *other = cli_groups; other != group; other++)
            if (strcmp((*other)[0].name, name) == 0) fail_msg("two groups are named %s", name);
    }
    assert_true(n_groups > 30);
}

static void test_usage_names_the_command(void **state)
{
    (void)state;
    for (const CliCommand *const *group = cli_groups; *group; group++)
        for (const CliCommand *c = *group; c->name; c++) {
            char command[128];
            snprintf(command, sizeof command, "pok %s%s%s", c->name, c->sub ? " " : "",
                     c->sub ? c->sub : "");
            size_t len = strlen(command);
            if (strncmp(c->usage, command, len) != 0 ||
                (c->usage[len] != '\0' && c->usage[len] != ' '))
                fail_msg("usage of '%s' is '%s'", command, c->usage);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_groups_are_whole),
        cmocka_unit_test(test_usage_names_the_command),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
