/* delete.c: pok delete: the administrator removes a wrongly entered record, with a
 * reason, recorded in the audit trail. */
#include "../store/store_audit.h"
#include "../views/audit_view.h"
#include "cli.h"

#include <stdio.h>

/* For now whoever runs the command line is the administrator; with accounts this checks
 * the role. */
static int cmd_delete(Cli *cli, int argc, char **argv)
{
    const char *pos[2] = {NULL, NULL}, *reason = NULL;
    CliOpt opts[] = {{"reason", 1, &reason, NULL}, {0}};
    static const char usage[] = "pok delete KIND ID --reason TEKST";
    int rc = cli_parse(argc, argv, opts, pos, 2, 2, NULL, usage);
    if (rc) return rc;
    if (!reason || !*reason)
        return cli_fail("veld 'reason': geef met --reason op waarom het weg moet");
    int64_t id;
    if (cli_id("ID", pos[1], &id, &cli->err)) return cli_fail_err(&cli->err);
    if (!cli_store(cli)) return EXIT_USER;
    if (store_delete(cli->store, pos[0], id, reason, &cli->err)) return cli_fail_err(&cli->err);
    printf("%s %lld verwijderd (reden: %s)\n", audit_table_nl(pos[0]), (long long)id, reason);
    return EXIT_OK;
}

CLI_GROUP(delete, 260) = {
    {"delete", NULL, cmd_delete, "pok delete KIND ID --reason TEKST",
     "Verwijdert een verkeerd ingevoerd gegeven (alleen voor de beheerder). KIND is\n"
     "measure (met bedragen, evaluaties en koppelingen), measure_amount, reserve_movement,\n"
     "decision (niet als een ander gegeven ernaar verwijst), request, evaluation,\n"
     "stated_figure of allocation (één versie). De verwijdering komt in het logboek met de\n"
     "oude waarden en de reden.\n"
     "voorbeeld: pok delete measure_amount 12 --reason 'dubbel ingevoerd'"},
    {0},
};
