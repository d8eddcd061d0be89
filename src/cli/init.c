/* init.c: pok init: create the database or bring its schema up to date. */
#include "../store/store.h"
#include "cli.h"

#include <stdio.h>

static int cmd_init(Cli *cli, int argc, char **argv)
{
    int rc = cli_parse(argc, argv, NULL, NULL, 0, 0, NULL, "pok init");
    if (rc) return rc;
    cli->store = store_open(cli->db_url, 1, &cli->err);
    if (!cli->store) return cli_fail_err(&cli->err);
    printf("database %s is klaar (schemaversie %d)\n", store_name(cli->store),
           store_schema_version(cli->store));
    return EXIT_OK;
}

CLI_GROUP(init, 10) = {
    {"init", NULL, cmd_init, "pok init",
     "Maakt de database aan of brengt het schema bij (migraties).\n"
     "voorbeeld: pok --db gemeente.db init"},
    {0},
};
