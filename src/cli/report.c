/* report.c: pok report: the raadsinformatiebrief "Stand van zaken POK-middelen" (PDF). */
#include "../views/report_pdf.h"
#include "cli.h"

#include <stdio.h>

static int cmd_report(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *out = NULL, *scheme = NULL, *date = NULL;
    CliOpt opts[] = {
        {"out", 1, &out, NULL}, {"scheme", 1, &scheme, NULL}, {"date", 1, &date, NULL}, {0}};
    static const char usage[] =
        "pok report CODE --out BESTAND.pdf [--scheme CODE] [--date JJJJ-MM-DD]";
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage);
    if (rc) return rc;
    if (!out || !*out) return cli_fail("veld 'out': verwacht een bestandsnaam (--out stand.pdf)");
    char today[11];
    if (!date) {
        date_today(today);
        date = today;
    }
    if (cli_date("date", date, &cli->err)) return cli_fail_err(&cli->err);
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    MuniData d;
    Buf pdf = {0};
    int r = cli_load(cli->store, pos[0], scheme, &a, &d, &cli->err);
    if (r == 0) r = report_pdf(&d, date, &pdf, &cli->err);
    if (r == 0) r = cli_write_file("out", out, &pdf, &cli->err);
    if (r == 0) printf("%s geschreven (%zu bytes)\n", out, pdf.len);
    buf_free(&pdf);
    return cli_finish(cli, r, &a);
}

CLI_GROUP(report, 300) = {
    {"report", NULL, cmd_report,
     "pok report CODE --out BESTAND.pdf [--scheme CODE] [--date JJJJ-MM-DD]",
     "Maakt de raadsinformatiebrief 'Stand van zaken POK-middelen' van het college aan\n"
     "de gemeenteraad (PDF, A4): op de eerste pagina de kerncijfers (totaal beschikbaar,\n"
     "begroot, gerealiseerd, zonder bestemming, reserve) en de kernboodschappen; daarna\n"
     "het financieel overzicht (toekenningen, dekking per pot, verloop per jaar), de\n"
     "besluiten en verzoeken met hun uitkomst, de maatregelen met hun evaluaties, de\n"
     "bevindingen en het vervolg, met bronvermeldingen.\n"
     "  --out BESTAND   het PDF-bestand (verplicht)\n"
     "  --scheme CODE   de regeling (standaard POK)\n"
     "  --date DATUM    de datum op het rapport (standaard vandaag)\n"
     "voorbeeld: pok report GM1734 --out stand-overbetuwe.pdf"},
    {0},
};
