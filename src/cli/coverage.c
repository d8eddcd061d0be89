/* coverage.c: pok coverage: the multi-year coverage table of a municipality, as text,
 * CSV or JSON. */
#include "../engine/engine.h"
#include "../views/coverage_view.h"
#include "cli.h"

#include <stdio.h>

static int cmd_coverage(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *format = NULL, *scheme = NULL;
    CliOpt opts[] = {{"format", 1, &format, NULL}, {"scheme", 1, &scheme, NULL}, {0}};
    static const char usage[] = "pok coverage CODE [--format text|csv|json] [--scheme CODE]";
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage);
    if (rc) return rc;
    OutputFormat fmt;
    if (cli_format(format, 1, &fmt))
        return cli_fail("veld 'format': verwacht text, csv of json, niet '%s'", format);
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    MuniData d;
    Coverage c;
    if (cli_load(cli->store, pos[0], scheme, &a, &d, &cli->err) ||
        coverage_compute(&d, &a, &c, &cli->err))
        return cli_finish(cli, -1, &a);
    if (fmt == FORMAT_JSON)
        cli_print_json(coverage_json(&c));
    else if (fmt == FORMAT_CSV)
        coverage_print_csv(&c, 1, stdout);
    else
        coverage_print_text(&d, &c, &a, stdout);
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(coverage, 40) = {
    {"coverage", NULL, cmd_coverage, "pok coverage CODE [--format text|csv|json] [--scheme CODE]",
     "Toont de meerjarige dekkingstabel per pot: toekenning, uitgaven, dekking uit de\n"
     "toekenning, onttrekking en storting reserve, reservestand, tekort en geld zonder\n"
     "bestemming. JSON volgt het contract in docs/json.md.\n"
     "voorbeeld: pok coverage GM1734"},
    {0},
};
