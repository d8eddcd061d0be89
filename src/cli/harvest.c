/* harvest.c: pok harvest FILE|DIR...: municipalities' open data packages into this store,
 * the national one (src/ingest/harvest.c does the reading and writing). */
#include "../ingest/harvest.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "pok harvest BESTAND|MAP... [--share niets|anoniem|cijfers|maatregelen] [--replace] "
    "[--dry-run]";

static void print_report(const HarvestReport *rep, int dry_run)
{
    for (size_t i = 0; i < rep->n_munis; i++) {
        const HarvestMuni *m = &rep->munis[i];
        if (m->outcome == HARVEST_UNCHANGED)
            printf("%s: pakket %s van %s al geoogst als versie %d; niets gewijzigd\n", m->code,
                   rep->name, rep->created, m->version);
        else
            printf("%s: pakket %s van %s %s als versie %d%s: %zu gegevens, delen: %s\n", m->code,
                   rep->name, rep->created, dry_run ? "zou worden geoogst" : "geoogst", m->version,
                   m->outcome == HARVEST_REPLACED ? " (vervangt de vorige)" : "", m->records,
                   sharing_level_name(m->sharing));
    }
    printf("  SHA-256 %s (%s)\n", rep->sha256, rep->descriptor);
}

static int cmd_harvest(Cli *cli, int argc, char **argv)
{
    const char **pos = xcalloc((size_t)argc + 1, sizeof *pos);
    const char *share = NULL;
    int npos = 0;
    HarvestOptions o = {0};
    CliOpt opts[] = {{"share", 1, &share, NULL},
                     {"replace", 0, NULL, &o.replace},
                     {"dry-run", 0, NULL, &o.dry_run},
                     {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, argc, &npos, usage);
    if (rc == 0 && share) {
        o.share_given = 1;
        if (sharing_level_parse(share, &o.share))
            rc = cli_fail("veld 'share': verwacht niets, anoniem, cijfers of maatregelen, niet "
                          "'%s'",
                          share);
    }
    if (rc == 0 && !cli_store(cli)) rc = EXIT_USER;
    /* every path is looked up before anything is harvested */
    char **paths = NULL;
    size_t n_paths = 0;
    for (int i = 0; rc == 0 && i < npos; i++) {
        char **found;
        size_t n;
        if (harvest_find(pos[i], &found, &n, &cli->err)) {
            rc = cli_fail_err(&cli->err);
            break;
        }
        paths = xrealloc(paths, (n_paths + n) * sizeof *paths);
        memcpy(paths + n_paths, found, n * sizeof *found);
        n_paths += n;
        free(found);
    }
    /* one transaction per package: a damaged one stops here, those before it stay */
    for (size_t i = 0; rc == 0 && i < n_paths; i++) {
        HarvestReport rep = {0};
        if (harvest_package(cli->store, paths[i], &o, &rep, &cli->err))
            rc = cli_fail_err(&cli->err);
        else
            print_report(&rep, o.dry_run);
        harvest_report_free(&rep);
    }
    for (size_t i = 0; i < n_paths; i++) free(paths[i]);
    free(paths);
    free(pos);
    return rc;
}

CLI_GROUP(harvest, 215) = {
    {"harvest", NULL, cmd_harvest, usage,
     "Oogst open-datapakketten (pok export datapackage) van gemeenten die zelf pok\n"
     "gebruiken in deze, de landelijke, database. BESTAND is een datapackage.json, MAP een\n"
     "map met datapackage.json en zijn CSV-bestanden, of een map met zulke mappen.\n"
     "Eerst wordt het hele pakket gecontroleerd (JSON, elke tabel aanwezig met de grootte\n"
     "en SHA-256 die het pakket noemt, kolommen zoals beschreven, bedragen in hele\n"
     "eurocenten, bekende CBS-codes, verwijzingen); een beschadigd pakket wordt geweigerd\n"
     "met bestand, regel en veld, en er wordt niets opgeslagen. Elk pakket is een\n"
     "transactie. Elk geoogst gegeven verwijst naar een bron 'open data' met de naam, de\n"
     "hash en de datum van het pakket.\n"
     "Hetzelfde pakket nog eens verandert niets. Een nieuwer pakket van dezelfde gemeente\n"
     "vervangt haar geoogste gegevens als nieuwe versie (de verwijdering staat in de\n"
     "wijzigingen, de vorige versie blijft in de herkomst). Een ouder pakket wordt\n"
     "geweigerd.\n"
     "Veilig: een gemeente met gegevens die rechtstreeks in deze database zijn ingevoerd\n"
     "of na de oogst zijn gewijzigd, wordt niet overschreven, tenzij met --replace.\n"
     "  --share NIVEAU  wat de landelijke monitor van de gemeente toont; standaard het\n"
     "                  niveau uit het pakket, en zonder niveau 'cijfers': een gepubliceerd\n"
     "                  open-datapakket is openbaar door de keuze van de gemeente zelf\n"
     "  --replace       vervang ook gegevens die hier rechtstreeks zijn ingevoerd\n"
     "  --dry-run       alles controleren en melden, niets opslaan\n"
     "voorbeeld: pok harvest pakketten/ --dry-run"},
    {0},
};
