/* cli_import.c: `pok import ...`: allocations from a circulaire table, and the CBS
 * reference lists (municipalities, inhabitants). Each import is all or nothing. */
#include "cli.h"
#include "ingest/import.h"
#include "money.h"

#include <stdio.h>
#include <string.h>

static void print_report(const ImportReport *rep, int dry_run)
{
    printf("%zu %s gelezen: %zu nieuw, %zu gewijzigd, %zu ongewijzigd\n", rep->rows,
           rep->rows == 1 ? "regel" : "regels", rep->inserted, rep->changed, rep->unchanged);
    if (rep->municipalities_created)
        printf("%zu %s aangemaakt (code nog niet bekend; naam en provincie uit het bestand)\n",
               rep->municipalities_created,
               rep->municipalities_created == 1 ? "gemeente" : "gemeenten");
    if (rep->sources_created)
        printf("%zu %s aangemaakt (soort circulaire, zie 'pok source list')\n",
               rep->sources_created, rep->sources_created == 1 ? "bron" : "bronnen");
    for (size_t i = 0; i < rep->n_changes; i++) {
        const ImportChange *c = &rep->changes[i];
        char before[MONEY_BUFSZ], after[MONEY_BUFSZ];
        printf("%s actielijn %d %d: %s → %s\n", c->municipality, c->actielijn, c->year,
               money_format(c->old_cents, MONEY_EURO | MONEY_WHOLE, before),
               money_format(c->new_cents, MONEY_EURO | MONEY_WHOLE, after));
    }
    if (dry_run) printf("proefrun: er is niets opgeslagen\n");
}

static int finish(Cli *cli, int rc, ImportReport *rep, int dry_run)
{
    if (rc == 0) print_report(rep, dry_run);
    import_report_free(rep);
    return rc == 0 ? EXIT_OK : cli_fail_err(&cli->err);
}

static const char usage_allocations[] =
    "pok import allocations BESTAND [--scheme CODE] [--dry-run]";

static int cmd_import_allocations(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *scheme = NULL;
    int dry_run = 0;
    CliOpt opts[] = {{"scheme", 1, &scheme, NULL}, {"dry-run", 0, NULL, &dry_run}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_allocations);
    if (rc) return rc;
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    ImportReport rep = {0};
    rc = import_allocations(s, pos[0], scheme, dry_run, &rep, &cli->err);
    return finish(cli, rc, &rep, dry_run);
}

static const char usage_municipalities[] = "pok import municipalities BESTAND [--dry-run]";

static int cmd_import_municipalities(Cli *cli, int argc, char **argv)
{
    const char *pos[1];
    int dry_run = 0;
    CliOpt opts[] = {{"dry-run", 0, NULL, &dry_run}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_municipalities);
    if (rc) return rc;
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    ImportReport rep = {0};
    rc = import_municipalities(s, pos[0], dry_run, &rep, &cli->err);
    return finish(cli, rc, &rep, dry_run);
}

static const char usage_inhabitants[] =
    "pok import inhabitants BESTAND --year JAAR [--column NAAM] [--source ID] [--dry-run]";

static int cmd_import_inhabitants(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *year_text = NULL, *column = NULL, *source = NULL;
    int dry_run = 0;
    CliOpt opts[] = {{"year", 1, &year_text, NULL},
                     {"column", 1, &column, NULL},
                     {"source", 1, &source, NULL},
                     {"dry-run", 0, NULL, &dry_run},
                     {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_inhabitants);
    if (rc) return rc;
    if (!year_text) {
        fprintf(stderr,
                "pok: optie '--year' ontbreekt: van welk jaar zijn de aantallen?\n"
                "gebruik: %s\n(meer uitleg: voeg --help toe)\n",
                usage_inhabitants);
        return EXIT_USAGE;
    }
    int year;
    int64_t source_id = 0;
    if (cli_year("year", year_text, &year, &cli->err) ||
        (source && cli_id("source", source, &source_id, &cli->err)))
        return cli_fail_err(&cli->err);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    ImportReport rep = {0};
    rc = import_inhabitants(s, pos[0], column, year, source_id, dry_run, &rep, &cli->err);
    return finish(cli, rc, &rep, dry_run);
}

const CliCommand cli_commands_import[] = {
    {"import", "allocations", cmd_import_allocations, usage_allocations,
     "Leest toekenningen uit een CSV-bestand, één bedrag per regel. De kopregel noemt de\n"
     "kolommen municipality,actielijn,year,amount,source (volgorde vrij), eventueel place\n"
     "(waar in de bron het bedrag staat). Scheidingsteken ',' of ';' (wordt herkend).\n"
     "  municipality  CBS-code, zoals GM1773\n"
     "  actielijn     nummer van de actielijn in de regeling\n"
     "  year          jaar binnen de looptijd van de regeling\n"
     "  amount        bedrag in euro's, Nederlandse notatie: 22.000 of \"1.234,56\"\n"
     "  source        nummer van een bron, of de titel van de circulaire (een bron met\n"
     "                precies die titel wordt gebruikt, anders aangemaakt)\n"
     "Een bedrag gelijk aan de huidige versie blijft staan; een ander bedrag wordt een\n"
     "nieuwe versie, en de uitvoer toont wat er veranderde. Eén foute regel: er wordt\n"
     "niets opgeslagen, en de melding noemt bestand, regel en veld.\n"
     "  --scheme CODE  regeling (standaard POK)\n"
     "  --dry-run      alles controleren en tonen, niets opslaan\n"
     "voorbeeld: pok import allocations meicirculaire2022.csv --dry-run"},
    {"import", "municipalities", cmd_import_municipalities, usage_municipalities,
     "Leest gemeenten in CBS-indeling: gm_code,gm_naam,provincie[,jaar,...]. Nieuwe codes\n"
     "worden toegevoegd, een gewijzigde naam of provincie bijgewerkt.\n"
     "  --dry-run  alles controleren en tonen, niets opslaan\n"
     "voorbeeld: pok import municipalities data/reference/cbs_gemeenten_2025_codes.csv"},
    {"import", "inhabitants", cmd_import_inhabitants, usage_inhabitants,
     "Leest inwonertallen per gemeente voor één jaar: gm_code, eventueel gm_naam en\n"
     "provincie, en een kolom met aantallen (standaard de laatste). Een code die nog niet\n"
     "bekend is (een gemeente die later is opgegaan in een andere) wordt aangemaakt met\n"
     "naam en provincie uit het bestand.\n"
     "  --year JAAR     het jaar van de aantallen (verplicht)\n"
     "  --column NAAM   kolom met de aantallen\n"
     "  --source ID     bron van de aantallen\n"
     "  --dry-run       alles controleren en tonen, niets opslaan\n"
     "voorbeeld: pok import inhabitants data/reference/kwb2021_gemeente_inwoners.csv \\\n"
     "             --year 2021 --column inwoners_kwb2021"},
    {0}};
