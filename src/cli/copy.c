/* copy.c: pok copy: everything of one database into another (SQLite <-> PostgreSQL),
 * verified, with a line per table of what was copied and the totals checked. */
#include "../money.h"
#include "../store/store_copy.h"
#include "../text.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] = "pok copy --from DATABASE --to DATABASE [--replace]";

static void print_table(const StoreCopyTable *t)
{
    printf("  %-20s %10lld %-5s", t->name, (long long)t->rows, t->rows == 1 ? "rij" : "rijen");
    for (size_t j = 0; j < t->n_sums; j++) {
        if (strcmp(t->sum_columns[j], "id") == 0) {
            printf("  som id %lld", (long long)t->sums[j]);
        } else {
            char buf[MONEY_BUFSZ];
            printf("  %s %s", t->sum_columns[j], money_format(t->sums[j], MONEY_EURO, buf));
        }
    }
    printf("  controlegetal %s\n", t->checksum);
}

static int cmd_copy(Cli *cli, int argc, char **argv)
{
    const char *from = NULL, *to = NULL;
    int replace = 0;
    CliOpt opts[] = {
        {"from", 1, &from, NULL}, {"to", 1, &to, NULL}, {"replace", 0, NULL, &replace}, {0}};
    int rc = cli_parse(argc, argv, opts, NULL, 0, 0, NULL, USAGE);
    if (rc) return rc;
    if (!from || !*from || !to || !*to) {
        fprintf(stderr, "pok: --from en --to zijn allebei verplicht\ngebruik: %s\n", USAGE);
        return EXIT_USAGE;
    }
    const char *user = getenv("POK_USER");
    if (!user || !*user) user = getenv("USER");
    char actor[160];
    snprintf(actor, sizeof actor, "cli:%s", user && *user ? user : "");
    /* the audit row names who copied as every command does (cli_store) */
    int named = user && *user && text_check("POK_USER", actor, TEXT_SHORT, NULL) == 0;
    StoreCopyOptions opt = {.replace = replace, .actor = named ? actor : NULL};
    StoreCopyReport r;
    if (store_copy(from, to, &opt, &r, &cli->err)) return cli_fail_err(&cli->err);
    printf("gekopieerd van %s naar %s (schemaversie %d)%s\n", r.from, r.to, r.schema_version,
           r.replaced ? ", de gegevens die er al stonden zijn vervangen" : "");
    for (size_t i = 0; i < r.n_tables; i++) print_table(&r.tables[i]);
    printf("totaal %lld rijen in %zu tabellen; aantallen, sommen en controlegetallen zijn in "
           "bron en doel gelijk\n",
           (long long)r.rows, r.n_tables);
    printf("niet gekopieerd:");
    for (const char *const *s = r.skipped; *s; s++) printf(" %s", *s);
    printf(" (sessies gelden per server: iedereen logt opnieuw in)\n");
    store_copy_report_free(&r);
    return EXIT_OK;
}

CLI_GROUP(copy, 310) = {
    {"copy", NULL, cmd_copy, USAGE,
     "Kopieert alles uit de ene database naar de andere: SQLite-bestand naar PostgreSQL of\n"
     "terug (of tussen twee van dezelfde soort). Alle tabellen gaan mee met hun nummers (id's),\n"
     "ook de audittrail zoals die is en de accounts (zodat iedereen kan inloggen); sessies niet,\n"
     "die gelden per server. Het doel wordt zo nodig aangemaakt en bijgewerkt tot dezelfde\n"
     "schemaversie; de bron moet de schemaversie van deze pok hebben ('pok migrate').\n"
     "Alles gebeurt in één transactie op het doel. Vóór het vastleggen wordt per tabel\n"
     "gecontroleerd dat bron en doel evenveel rijen hebben, dezelfde sommen van id en van\n"
     "alle bedragen (*_cents), en hetzelfde controlegetal over alle waarden; bij een verschil\n"
     "wordt niets vastgelegd. Het doel krijgt één auditregel (tabel 'copy') met de bron en\n"
     "het tijdstip van de kopie.\n"
     "  --from DATABASE   bron: een bestand (pok.db) of postgresql://gebruiker@host/naam\n"
     "  --to DATABASE     doel: idem; moet leeg zijn (alleen wat 'pok init' aanmaakt)\n"
     "  --replace         het doel mag gegevens bevatten: die worden eerst verwijderd\n"
     "                    (in dezelfde transactie)\n"
     "voorbeelden:\n"
     "  pok copy --from pok.db --to postgresql://pok@db.example.nl/pok\n"
     "  pok copy --from postgresql://pok@db.example.nl/pok --to terug.db\n"
     "  pok copy --from pok.db --to postgresql://pok@localhost/pok --replace"},
    {0},
};
