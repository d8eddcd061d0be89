/* restore.c: pok restore: put a verified backup back, replacing the whole database at
 * once. */
#include "../store/store.h"
#include "../store/store_backup.h"
#include "backup_check.h"
#include "cli.h"

static int cmd_restore(Cli *cli, int argc, char **argv)
{
    const char *pos[1];
    int rc = cli_parse(argc, argv, NULL, pos, 1, 1, NULL, "pok restore BESTAND");
    if (rc) return rc;
    StoreBackupCheck check = {0};
    if (store_restore_supported(cli->db_url, &cli->err)) return cli_fail_err(&cli->err);
    /* Verified before the database is even opened: a bad file changes nothing. */
    if (store_backup_verify(pos[0], &check, &cli->err)) {
        err_prefix(&cli->err, "niet teruggezet: ");
        return cli_fail_err(&cli->err);
    }
    Store *s = store_open(cli->db_url, 1, &cli->err);
    if (!s) return cli_fail_err(&cli->err);
    rc = store_restore(s, pos[0], &check, &cli->err);
    store_close(s);
    if (rc) return cli_fail_err(&cli->err);
    /* A backup of an older pok gets this pok's migrations. */
    s = store_open(cli->db_url, 1, &cli->err);
    if (!s) return cli_fail_err(&cli->err);
    store_close(s);
    cli_print_backup_check("teruggezet uit", pos[0], &check);
    return EXIT_OK;
}

CLI_GROUP(restore, 240) = {
    {"restore", NULL, cmd_restore, "pok restore BESTAND",
     "Zet een reservekopie terug: het bestand wordt eerst gecontroleerd, daarna vervangt het\n"
     "in één keer de hele database. Een draaiende 'pok serve' ziet de teruggezette gegevens\n"
     "bij het volgende verzoek.\n"
     "voorbeeld: pok restore pok-2025-01-31.db"},
    {0},
};
