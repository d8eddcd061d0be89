/* cli_report.c: `pok report`: the PDF "Stand van zaken POK-middelen" for the council. */
#include "cli.h"
#include "views/report_pdf.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether the directory path is to be written in exists. */
static int dir_exists(const char *path)
{
    char *copy = xstrdup(path);
    struct stat st;
    int ok = stat(dirname(copy), &st) == 0 && S_ISDIR(st.st_mode);
    free(copy);
    return ok;
}

/* Write the whole PDF next to path and rename it into place: a reader never sees half a
 * file, and a failure leaves none behind. */
static int write_file(const char *path, const Buf *pdf, PokErr *err)
{
    Buf tmp = {0};
    buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
    FILE *f = fopen(tmp.data, "wb");
    if (!f) {
        int e = errno;
        buf_free(&tmp);
        if (e == ENOENT && !dir_exists(path))
            return err_set(err, "veld 'out': kan '%s' niet schrijven: de map bestaat niet", path);
        return err_set(err, "veld 'out': kan '%s' niet schrijven: %s", path, strerror(e));
    }
    int ok = fwrite(pdf->data, 1, pdf->len, f) == pdf->len;
    ok = (fclose(f) == 0) && ok;
    if (ok && rename(tmp.data, path) == 0) {
        buf_free(&tmp);
        return 0;
    }
    int e = errno;
    unlink(tmp.data);
    buf_free(&tmp);
    return err_set(err, "veld 'out': kan '%s' niet schrijven: %s", path, strerror(e));
}

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
    if (r == 0) r = write_file(out, &pdf, &cli->err);
    if (r == 0) printf("%s geschreven (%zu bytes)\n", out, pdf.len);
    buf_free(&pdf);
    return cli_finish(cli, r, &a);
}

const CliCommand cli_commands_report[] = {
    {"report", NULL, cmd_report,
     "pok report CODE --out BESTAND.pdf [--scheme CODE] [--date JJJJ-MM-DD]",
     "Maakt de PDF 'Stand van zaken POK-middelen' voor de gemeenteraad (A4): de\n"
     "toekenningen per actielijn en jaar, de dekkingstabel per pot, een grafiek van\n"
     "toekenning, uitgaven en reserve per jaar, de maatregelen met status, bedragen en\n"
     "laatste evaluatie, en de bevindingen van de controles, met bronvermeldingen.\n"
     "  --out BESTAND   het PDF-bestand (verplicht)\n"
     "  --scheme CODE   de regeling (standaard POK)\n"
     "  --date DATUM    de datum op het rapport (standaard vandaag)\n"
     "voorbeeld: pok report GM1734 --out stand-overbetuwe.pdf"},
    {0},
};
