/* main.c: `pok [--db URL] COMMAND [SUBCOMMAND] ...` dispatch over the command groups of
 * src/cli/ (cli_groups, generated from their CLI_GROUP lines). */
#include "cli/cli.h"
#include "dutch_time.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_overview(FILE *f)
{
    fputs("pok: planning en verantwoording van tijdelijke middelen (POK-middelen)\n\n"
          "gebruik: pok [--db PAD] OPDRACHT [SUBOPDRACHT] [ARGUMENTEN] [OPTIES]\n\n"
          "  --db PAD   database (standaard $POK_DB of pok.db)\n\n"
          "opdrachten:\n",
          f);
    for (const CliCommand *const *group = cli_groups; *group; group++)
        for (const CliCommand *c = *group; c->name; c++) fprintf(f, "  %s\n", c->usage);
    fputs("\nMeer over een opdracht: pok OPDRACHT [SUBOPDRACHT] --help\n", f);
}

/* The table of the group `pok name ...`, or NULL. */
static const CliCommand *find_group(const char *name)
{
    for (const CliCommand *const *group = cli_groups; *group; group++)
        if ((*group)->name && strcmp((*group)->name, name) == 0) return *group;
    return NULL;
}

static int wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) return 0;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return 1;
    }
    return 0;
}

/* Remove a global "--db URL" / "--db=URL" wherever it stands. */
static int take_db_option(int *argc, char **argv, const char **db)
{
    for (int i = 1; i < *argc; i++) {
        int consumed = 0;
        if (strcmp(argv[i], "--") == 0) break;
        if (strcmp(argv[i], "--db") == 0) {
            if (i + 1 >= *argc) {
                fputs("pok: optie '--db' verwacht een pad\n", stderr);
                return -1;
            }
            *db = argv[i + 1];
            consumed = 2;
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            *db = argv[i] + 5;
            consumed = 1;
        }
        if (consumed) {
            memmove(&argv[i], &argv[i + consumed],
                    (size_t)(*argc - i - consumed + 1) * sizeof argv[0]);
            *argc -= consumed;
            i--;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    /* before any thread: what people read is in Dutch time (dutch_time.h) */
    clock_use_dutch_time();
    Cli cli = {0};
    cli.db_url = getenv("POK_DB");
    if (!cli.db_url || !*cli.db_url) cli.db_url = "pok.db";
    if (take_db_option(&argc, argv, &cli.db_url) != 0) return EXIT_USAGE;

    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_overview(stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }

    const char *name = argv[1];
    const char *sub = argc > 2 ? argv[2] : NULL;
    const CliCommand *group = find_group(name), *match = NULL;
    for (const CliCommand *c = group; c && c->name && !match; c++)
        if (!c->sub || (sub && strcmp(c->sub, sub) == 0)) match = c;
    if (!match) {
        if (group) {
            fprintf(stderr, "pok: '%s' verwacht een subopdracht:\n", name);
            for (const CliCommand *c = group; c->name; c++) fprintf(stderr, "  %s\n", c->usage);
        } else {
            fprintf(stderr, "pok: onbekende opdracht '%s' (zie 'pok --help')\n", name);
        }
        return EXIT_USAGE;
    }
    int skip = match->sub ? 3 : 2;
    int rest_argc = argc - skip;
    char **rest = argv + skip;
    if (wants_help(rest_argc, rest)) {
        printf("gebruik: %s\n\n%s\n", match->usage, match->help);
        return EXIT_OK;
    }
    int status = match->run(&cli, rest_argc, rest);
    if (cli.store) store_close(cli.store);
    return status;
}
