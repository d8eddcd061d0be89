/* import.c: pok import allocations|circulaire|municipalities|inhabitants|ledger:
 * allocations from a circulaire table, the CBS reference lists, and general-ledger
 * (grootboek) bookings onto measures. Each import is all or nothing. */
#include "../ingest/import.h"
#include "../ingest/ledger.h"
#include "../money.h"
#include "../store/store_ledger.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static void print_report(const ImportReport *rep, int dry_run, int wide)
{
    if (wide) /* a circulaire table: rows are municipalities, each with several amounts */
        printf("%zu %s gelezen, %zu %s: %zu nieuw, %zu gewijzigd, %zu ongewijzigd\n", rep->rows,
               rep->rows == 1 ? "gemeente" : "gemeenten",
               rep->inserted + rep->changed + rep->unchanged,
               rep->inserted + rep->changed + rep->unchanged == 1 ? "bedrag" : "bedragen",
               rep->inserted, rep->changed, rep->unchanged);
    else
        printf("%zu %s gelezen: %zu nieuw, %zu gewijzigd, %zu ongewijzigd\n", rep->rows,
               rep->rows == 1 ? "regel" : "regels", rep->inserted, rep->changed, rep->unchanged);
    if (rep->skipped)
        printf("%zu %s overgeslagen (--skip-unknown)\n", rep->skipped,
               rep->skipped == 1 ? "rij" : "rijen");
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
    for (size_t i = 0; i < rep->n_notes; i++) printf("%s\n", rep->notes[i]);
    if (dry_run) printf("proefrun: er is niets opgeslagen\n");
}

static int finish_as(Cli *cli, int rc, ImportReport *rep, int dry_run, int wide)
{
    if (rc == 0) print_report(rep, dry_run, wide);
    import_report_free(rep);
    return rc == 0 ? EXIT_OK : cli_fail_err(&cli->err);
}

static int finish(Cli *cli, int rc, ImportReport *rep, int dry_run)
{
    return finish_as(cli, rc, rep, dry_run, 0);
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

static const char usage_municipalities[] =
    "pok import municipalities BESTAND [--year JAAR] [--dry-run]";

static int cmd_import_municipalities(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *year_text = NULL;
    int dry_run = 0, year = 0;
    CliOpt opts[] = {{"year", 1, &year_text, NULL}, {"dry-run", 0, NULL, &dry_run}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_municipalities);
    if (rc) return rc;
    if (year_text && cli_year("year", year_text, &year, &cli->err)) return cli_fail_err(&cli->err);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    ImportReport rep = {0};
    rc = import_municipalities_year(s, pos[0], year, dry_run, &rep, &cli->err);
    return finish(cli, rc, &rep, dry_run);
}

static const char usage_circulaire[] =
    "pok import circulaire BESTAND --source ID|TITEL --code-column KOLOM --map KOLOM=ACTIELIJN:JAAR"
    " [--map ...] [--sheet NAAM|N] [--header-row N] [--unit euro|duizend] [--scheme CODE]"
    " [--skip-unknown] [--dry-run]";

/* --map may be repeated, which cli_parse does not do: take the maps out first. */
static int take_maps(int *argc, char **argv, Arena *a, CirculaireMap **maps, size_t *n, PokErr *err)
{
    int out = 0;
    size_t cap = 0;
    for (int i = 0; i < *argc; i++) {
        const char *spec = NULL;
        if (strcmp(argv[i], "--map") == 0 && i + 1 < *argc)
            spec = argv[++i];
        else if (strncmp(argv[i], "--map=", 6) == 0)
            spec = argv[i] + 6;
        if (!spec) {
            argv[out++] = argv[i];
            continue;
        }
        *maps = arena_grow(a, *maps, sizeof **maps, &cap, *n + 1);
        if (circulaire_map_parse(spec, a, &(*maps)[*n], err) != 0) return -1;
        (*n)++;
    }
    *argc = out;
    return 0;
}

static int cmd_import_circulaire(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *scheme = NULL, *unit = NULL, *header = NULL;
    CirculaireJob job = {0};
    Arena a = {0};
    CirculaireMap *maps = NULL;
    if (take_maps(&argc, argv, &a, &maps, &job.n_maps, &cli->err) != 0) {
        arena_free(&a);
        return cli_fail_err(&cli->err);
    }
    job.maps = maps;
    CliOpt opts[] = {{"source", 1, &job.source, NULL},
                     {"code-column", 1, &job.code_column, NULL},
                     {"sheet", 1, &job.sheet, NULL},
                     {"header-row", 1, &header, NULL},
                     {"unit", 1, &unit, NULL},
                     {"scheme", 1, &scheme, NULL},
                     {"skip-unknown", 0, NULL, &job.skip_unknown},
                     {"dry-run", 0, NULL, &job.dry_run},
                     {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_circulaire);
    if (rc) {
        arena_free(&a);
        return rc;
    }
    job.scheme_code = scheme;
    long long row = 0;
    if (header && parse_int(header, 1, 1048576, &row) != 0)
        rc = cli_fail("veld 'header-row': verwacht een rijnummer zoals 3, niet '%s'", header);
    else if (unit && strcmp(unit, "duizend") != 0 && strcmp(unit, "euro") != 0)
        rc = cli_fail("veld 'unit': verwacht 'euro' of 'duizend' (bedragen x 1.000), niet '%s'",
                      unit);
    if (rc) {
        arena_free(&a);
        return rc;
    }
    job.header_row = (long)row;
    job.unit_scale10 = unit && strcmp(unit, "duizend") == 0 ? 3 : 0;
    Store *s = cli_store(cli);
    if (!s) {
        arena_free(&a);
        return EXIT_USER;
    }
    ImportReport rep = {0};
    rc = import_circulaire(s, pos[0], &job, &rep, &cli->err);
    rc = finish_as(cli, rc, &rep, job.dry_run, 1);
    arena_free(&a);
    return rc;
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

/* Unmapped codes listed after an import (the rest is summed in one line). */
#define UNMAPPED_SHOWN 10

static void print_unmapped(const LedgerReport *rep, Arena *a)
{
    const LedgerImport *imp = &rep->imp;
    if (!imp->unmapped_lines) return;
    printf("%s %s op een code zonder maatregel (niet opgeslagen), samen %s:\n",
           cli_count(a, imp->unmapped_lines), imp->unmapped_lines == 1 ? "regel" : "regels",
           cli_money(a, imp->unmapped_cents));
    int64_t rest_lines = 0, rest_cents = 0;
    for (size_t i = 0; i < rep->n_unmapped; i++) {
        const LedgerUnmapped *u = &rep->unmapped[i];
        if (i < UNMAPPED_SHOWN) {
            printf("  %-12s %10s %s  %s\n", u->code, cli_count(a, u->lines),
                   u->lines == 1 ? "regel " : "regels", cli_money(a, u->cents));
        } else {
            rest_lines += u->lines;
            rest_cents += u->cents; /* within the checked total: cannot overflow */
        }
    }
    if (rep->n_unmapped > UNMAPPED_SHOWN)
        printf("  en %zu andere codes: %s regels, %s\n", rep->n_unmapped - UNMAPPED_SHOWN,
               cli_count(a, rest_lines), cli_money(a, rest_cents));
}

static void print_ledger_report(const LedgerReport *rep, int dry_run)
{
    Arena a = {0};
    const LedgerImport *imp = &rep->imp;
    for (size_t i = 0; i < rep->n_mapping; i++) {
        const LedgerMappingChange *m = &rep->mapping[i];
        printf("maatregel %lld (%s): kostenplaatsen %s → %s\n", (long long)m->measure_id,
               m->measure_name, *m->old_codes ? m->old_codes : "(geen)", m->new_codes);
    }
    printf("%s %s gelezen, totaal %s: %s %s nieuw, %s al bekend\n", cli_count(&a, imp->lines),
           imp->lines == 1 ? "regel" : "regels", cli_money(&a, imp->total_cents),
           cli_count(&a, imp->bookings_new), imp->bookings_new == 1 ? "boeking" : "boekingen",
           cli_count(&a, imp->bookings_known));
    for (size_t i = 0; i < rep->n_changes; i++) {
        const LedgerChange *c = &rep->changes[i];
        const char *old = c->had_old ? cli_money(&a, c->old_cents) : "geen";
        printf("maatregel %lld (%s) %d: realisatie %s → %s (%s %s)\n", (long long)c->measure_id,
               c->measure_name, c->year, old, cli_money(&a, c->new_cents),
               cli_count(&a, c->bookings), c->bookings == 1 ? "boeking" : "boekingen");
    }
    print_unmapped(rep, &a);
    if (dry_run)
        printf("proefrun: er is niets opgeslagen\n");
    else if (imp->source_id)
        printf("grootboekimport %lld opgeslagen; de realisaties verwijzen naar bron %lld\n",
               (long long)imp->id, (long long)imp->source_id);
    else
        printf("grootboekimport %lld opgeslagen; geen realisatie gewijzigd\n", (long long)imp->id);
    arena_free(&a);
}

static const char usage_ledger[] =
    "pok import ledger BESTAND --municipality CODE [--mapping BESTAND] [--key-column NAAM] "
    "[--strict] [--dry-run]";

static int cmd_import_ledger(Cli *cli, int argc, char **argv)
{
    const char *pos[1];
    LedgerOptions o = {0};
    CliOpt opts[] = {
        {"municipality", 1, &o.municipality, NULL}, {"mapping", 1, &o.mapping_path, NULL},
        {"key-column", 1, &o.key_column, NULL},     {"strict", 0, NULL, &o.strict},
        {"dry-run", 0, NULL, &o.dry_run},           {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_ledger);
    if (rc) return rc;
    if (!o.municipality) {
        fprintf(stderr,
                "pok: optie '--municipality' ontbreekt: van welke gemeente is het grootboek?\n"
                "gebruik: %s\n(meer uitleg: voeg --help toe)\n",
                usage_ledger);
        return EXIT_USAGE;
    }
    o.progress = 1;
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    LedgerReport rep = {0};
    rc = ledger_import(s, pos[0], &o, &rep, &cli->err);
    if (rc == 0) print_ledger_report(&rep, o.dry_run);
    ledger_report_free(&rep);
    return rc == 0 ? EXIT_OK : cli_fail_err(&cli->err);
}

CLI_GROUP(import, 210) = {
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
    {"import", "circulaire", cmd_import_circulaire, usage_circulaire,
     "Leest de tabel van een circulaire zoals het Rijk die publiceert: één rij per gemeente,\n"
     "een kolom per actielijn en jaar. BESTAND is .xlsx, .ods of .csv (herkend aan de inhoud).\n"
     "Rijen zonder gemeentecode (titel, totalen, toelichting) worden overgeslagen. Elk bedrag\n"
     "wordt een toekenning; een ander bedrag dan de huidige versie wordt een nieuwe versie,\n"
     "en de uitvoer toont wat er veranderde. Eén fout: niets opgeslagen, en de melding noemt\n"
     "bestand, rij en kolom.\n"
     "  --source ID|TITEL   bron: nummer, of titel van de circulaire (anders aangemaakt)\n"
     "  --code-column KOLOM kolom met de gemeentecode (GM0363, 0363 of 363): de tekst in\n"
     "                      de kopregel of de kolomletter\n"
     "  --map KOLOM=ACTIELIJN:JAAR  een bedragkolom (kopregeltekst of letter); actielijn 0\n"
     "                      of 'totaal' = niet verdeeld over actielijnen; herhaal per kolom\n"
     "  --sheet NAAM|N      werkblad (standaard het eerste)\n"
     "  --header-row N      rij van de kopregel (standaard: de eerste rij met een kolomnaam\n"
     "                      uit de mapping)\n"
     "  --unit duizend      bedragen staan in duizenden euro's (x 1.000)\n"
     "  --scheme CODE       regeling (standaard POK)\n"
     "  --skip-unknown      rijen van onbekende of opgeheven gemeenten melden en overslaan\n"
     "  --dry-run           alles controleren en tonen, niets opslaan\n"
     "voorbeeld: pok import circulaire meicirculaire2024.xlsx --source 'Meicirculaire 2024' \\\n"
     "             --code-column Gemeentecode --map 'Rechtsbescherming 2024=2:2024' --map "
     "E=3:2024"},
    {"import", "municipalities", cmd_import_municipalities, usage_municipalities,
     "Leest gemeenten in CBS-indeling: gm_code,gm_naam,provincie[,jaar,...]. Nieuwe codes\n"
     "worden toegevoegd, een gewijzigde naam of provincie bijgewerkt.\n"
     "  --year JAAR  de lijst is die van 1 januari JAAR: de codes erin bestaan in JAAR; een\n"
     "               code uit een eerdere lijst die ontbreekt, is per 1 januari JAAR opgeheven\n"
     "               (samengevoegd) en krijgt geen toekenningen meer vanaf JAAR. Importeer\n"
     "               de lijsten van oud naar nieuw.\n"
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
    {"import", "ledger", cmd_import_ledger, usage_ledger,
     "Leest de boekingen uit een grootboekexport (CSV met ';' of ',', bedragen met\n"
     "decimale komma, een kopregel) en koppelt ze via de kostenplaats aan maatregelen.\n"
     "Kolommen (volgorde vrij, andere kolommen worden overgeslagen):\n"
     "  " LEDGER_COLUMNS "\n"
     "Verplicht zijn bedrag, kostenplaats (of de kolom van --key-column) en boekjaar of\n"
     "boekdatum. Elke regel wordt gecontroleerd; bij één foute regel wordt niets\n"
     "opgeslagen en noemt de melding bestand, regel en kolom.\n"
     "Boekingen op een gekoppelde code worden opgeslagen (herleidbaar: 'pok ledger\n"
     "bookings'); de realisatie per maatregel en jaar wordt de som van alle opgeslagen\n"
     "boekingen, met het grootboek als bron. Hetzelfde bestand nog eens inlezen telt\n"
     "niets dubbel, dus kwartaalexports kunnen na elkaar worden ingelezen.\n"
     "  --municipality CODE  gemeente (verplicht)\n"
     "  --mapping BESTAND    CSV kostenplaats,maatregel (nummer of precieze naam): zet\n"
     "                       de codes op de maatregelen (zie 'pok measure update\n"
     "                       --cost-centres'); een code hoort bij één maatregel\n"
     "  --key-column NAAM    koppel op deze kolom (bijv. een projectcode) in plaats van\n"
     "                       kostenplaats\n"
     "  --strict             een regel op een code zonder maatregel is een fout (anders\n"
     "                       geteld en getoond, niet opgeslagen)\n"
     "  --dry-run            alles controleren en tonen wat er zou veranderen, niets opslaan\n"
     "voorbeeld: pok import ledger grootboek2024.csv --municipality GM1734 \\\n"
     "             --mapping koppeling.csv --dry-run"},
    {0},
};
