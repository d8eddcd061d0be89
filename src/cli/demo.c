/* demo.c: pok demo: load the demonstration figures (src/demo/) into a new database. */
#include "../demo/demo.h"
#include "../store/store.h"
#include "../store/store_reference.h"
#include "cli.h"

#include <stdio.h>

static int cmd_demo(Cli *cli, int argc, char **argv)
{
    int quiet = 0;
    CliOpt opts[] = {{"quiet", 0, NULL, &quiet}, {0}};
    int rc = cli_parse(argc, argv, opts, NULL, 0, 0, NULL, "pok demo [--quiet]");
    if (rc) return rc;
    cli->store = store_open(cli->db_url, 1, &cli->err);
    if (!cli->store) return cli_fail_err(&cli->err);
    store_set_actor(cli->store, "demo");
    Arena a = {0};
    Municipality *list;
    size_t n;
    if (store_municipality_list(cli->store, NULL, &a, &list, &n, &cli->err))
        return cli_finish(cli, -1, &a);
    if (n) {
        arena_free(&a);
        return cli_fail("database %s bevat al gegevens; de demo laadt alleen in een nieuwe "
                        "database (bijv. pok --db demo.db demo)",
                        store_name(cli->store));
    }
    if (store_begin(cli->store, &cli->err)) return cli_finish(cli, -1, &a);
    DemoSummary sum = {0};
    if (demo_load(cli->store, &sum, &cli->err)) {
        store_rollback(cli->store);
        return cli_finish(cli, -1, &a);
    }
    if (store_commit(cli->store, &cli->err)) return cli_finish(cli, -1, &a);
    if (!quiet)
        printf("demo geladen in %s: %zu gemeenten, %zu inwonertallen, %zu bronnen, "
               "%zu toekenningen, %zu maatregelen, %zu besluiten\n",
               store_name(cli->store), sum.municipalities, sum.inhabitants, sum.sources,
               sum.allocations, sum.measures, sum.decisions);
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(demo, 30) = {
    {"demo", NULL, cmd_demo, "pok demo [--quiet]",
     "Laadt de demo in een nieuwe database: de echte cijfers van Overbetuwe, Olst-Wijhe,\n"
     "Hillegom en Amstelveen uit de brondocumenten, alle 342 gemeenten van 2025 en de\n"
     "inwonertallen van 2021. Elk gegeven noemt zijn bron.\n"
     "voorbeeld: pok --db demo.db demo"},
    {0},
};
