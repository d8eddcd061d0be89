/* check.c: pok check: the checks of one municipality, or of all with records, as text
 * or JSON; --strict makes errors an exit status. */
#include "../engine/engine.h"
#include "../store/store_reference.h"
#include "../views/coverage_view.h"
#include "cli.h"

#include <stdio.h>

/* Run the checks for one municipality and print them; *errors counts severe findings. */
static int check_one(Cli *cli, const char *code, const char *scheme, OutputFormat fmt, json_t *all,
                     size_t *errors)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    Finding *f;
    size_t n;
    if (cli_load(cli->store, code, scheme, &a, &d, &cli->err) ||
        coverage_compute(&d, &a, &c, &cli->err) || checks_run(&d, &c, &a, &f, &n, &cli->err)) {
        arena_free(&a);
        return -1;
    }
    for (size_t i = 0; i < n; i++) *errors += f[i].severity == SEV_ERROR;
    if (fmt == FORMAT_JSON) {
        json_t *o = findings_json(&d, f, n);
        if (all)
            json_array_append_new(all, o);
        else
            cli_print_json(o);
    } else if (!all || n) {
        findings_print_text(&d, f, n, stdout);
        if (all) fputc('\n', stdout);
    }
    arena_free(&a);
    return 0;
}

/* Municipalities with any POK data worth checking: those with records. */
static int has_records(Cli *cli, const char *code, const char *scheme)
{
    Arena a = {0};
    MuniData d;
    int any = 0;
    if (cli_load(cli->store, code, scheme, &a, &d, &cli->err) == 0) any = muni_data_has_records(&d);
    arena_free(&a);
    return any;
}

static int cmd_check(Cli *cli, int argc, char **argv)
{
    const char *pos[1] = {NULL}, *format = NULL, *scheme = NULL;
    int strict = 0;
    CliOpt opts[] = {{"format", 1, &format, NULL},
                     {"scheme", 1, &scheme, NULL},
                     {"strict", 0, NULL, &strict},
                     {0}};
    static const char usage[] = "pok check [CODE] [--format text|json] [--strict]";
    int rc = cli_parse(argc, argv, opts, pos, 0, 1, NULL, usage);
    if (rc) return rc;
    OutputFormat fmt;
    if (cli_format(format, 0, &fmt))
        return cli_fail("veld 'format': verwacht text of json, niet '%s'", format);
    if (!cli_store(cli)) return EXIT_USER;
    size_t errors = 0;
    if (pos[0]) {
        if (check_one(cli, pos[0], scheme, fmt, NULL, &errors)) return cli_fail_err(&cli->err);
    } else {
        Arena a = {0};
        Municipality *list;
        size_t n, checked = 0;
        if (store_municipality_list(cli->store, NULL, &a, &list, &n, &cli->err))
            return cli_finish(cli, -1, &a);
        json_t *all = fmt == FORMAT_JSON ? json_array() : NULL;
        for (size_t i = 0; i < n; i++) {
            if (!has_records(cli, list[i].code, scheme)) continue;
            checked++;
            if (check_one(cli, list[i].code, scheme, fmt, all, &errors)) {
                json_decref(all);
                return cli_finish(cli, -1, &a);
            }
        }
        if (all)
            cli_print_json(all);
        else
            printf("%zu gemeenten met gegevens gecontroleerd, %zu fouten\n", checked, errors);
        arena_free(&a);
    }
    return strict && errors ? EXIT_USER : EXIT_OK;
}

CLI_GROUP(check, 50) = {
    {"check", NULL, cmd_check, "pok check [CODE] [--format text|json] [--strict]",
     "Controleert een gemeente (of alle gemeenten met gegevens): tekorten, geld zonder\n"
     "bestemming, uitgaven na de looptijd zonder dekking, realisatie ver onder plan,\n"
     "beëindigde maatregelen zonder evaluatie, gewijzigde toekenningen, onverklaarde\n"
     "verschillen en rekenfouten in documenten.\n"
     "  --strict   eindig met status 1 als er fouten zijn gevonden\n"
     "voorbeeld: pok check GM1734"},
    {0},
};
