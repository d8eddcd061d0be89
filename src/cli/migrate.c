/* migrate.c: pok migrate: apply the pending schema migrations and say from which
 * version to which. */
#include "../store/store.h"
#include "cli.h"

#include <stdio.h>

/* Applies the pending migrations, in one transaction, and says from which version to
 * which; on a current schema it changes nothing. */
static int cmd_migrate(Cli *cli, int argc, char **argv)
{
    int rc = cli_parse(argc, argv, NULL, NULL, 0, 0, NULL, "pok migrate");
    if (rc) return rc;
    int from = 0, to = 0;
    cli->store = store_migrate(cli->db_url, &from, &to, &cli->err);
    if (!cli->store) return cli_fail_err(&cli->err);
    if (from == to)
        printf("database %s is bij: schemaversie %d, geen migraties nodig\n",
               store_name(cli->store), to);
    else
        printf("database %s: schemaversie %d -> %d (%d %s toegepast)\n", store_name(cli->store),
               from, to, to - from, to - from == 1 ? "migratie" : "migraties");
    return EXIT_OK;
}

CLI_GROUP(migrate, 20) = {
    {"migrate", NULL, cmd_migrate, "pok migrate",
     "Past de openstaande schemamigraties toe (genummerd, in één transactie) en meldt van\n"
     "welke naar welke schemaversie. Werkt op SQLite en PostgreSQL.\n"
     "voorbeeld: pok --db postgresql://pok@db.example.nl/pok migrate"},
    {0},
};
