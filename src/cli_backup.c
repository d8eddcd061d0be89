/* cli_backup.c: pok backup and pok restore: a verified copy of the database, and putting
 * one back. */
#include <stdio.h>

#include "cli/cli.h"

static void print_check(const char *what, const char *path, const StoreBackupCheck *c)
{
    printf("%s %s: integriteit ok, schemaversie %d, %zu tabellen, %lld rijen\n", what, path,
           c->schema_version, c->n_tables, (long long)c->n_rows);
}

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
    print_check("reservekopie", pos[0], &check);
    return EXIT_OK;
}

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
    print_check("teruggezet uit", pos[0], &check);
    return EXIT_OK;
}

const CliCommand cli_commands_backup[] = {
    {"backup", NULL, cmd_backup, "pok backup BESTAND [--force]",
     "Maakt een reservekopie van de hele database in een nieuw bestand, ook terwijl\n"
     "'pok serve' draait, en controleert de kopie (integriteit, aantal rijen per tabel).\n"
     "  --force   overschrijf een bestaand bestand\n"
     "voorbeeld: pok backup pok-2025-01-31.db"},
    {"restore", NULL, cmd_restore, "pok restore BESTAND",
     "Zet een reservekopie terug: het bestand wordt eerst gecontroleerd, daarna vervangt het\n"
     "in één keer de hele database. Een draaiende 'pok serve' ziet de teruggezette gegevens\n"
     "bij het volgende verzoek.\n"
     "voorbeeld: pok restore pok-2025-01-31.db"},
    {0}};
