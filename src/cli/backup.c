/* backup.c: pok backup: a verified copy of the database, also while pok serve runs. */
#include "../store/store_backup.h"
#include "backup_check.h"
#include "cli.h"

static int cmd_backup(Cli *cli, int argc, char **argv)
{
    const char *pos[1];
    int force = 0;
    CliOpt opts[] = {{"force", 0, NULL, &force}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, "pok backup BESTAND [--force]");
    if (rc) return rc;
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    StoreBackupCheck check = {0};
    if (store_backup(s, pos[0], force, &check, &cli->err)) return cli_fail_err(&cli->err);
    cli_print_backup_check("reservekopie", pos[0], &check);
    return EXIT_OK;
}

CLI_GROUP(backup, 230) = {
    {"backup", NULL, cmd_backup, "pok backup BESTAND [--force]",
     "Maakt een reservekopie van de hele database in een nieuw bestand, ook terwijl\n"
     "'pok serve' draait, en controleert de kopie (integriteit, aantal rijen per tabel).\n"
     "  --force   overschrijf een bestaand bestand\n"
     "voorbeeld: pok backup pok-2025-01-31.db"},
    {0},
};
