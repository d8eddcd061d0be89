/* scheme.c: pok scheme list|show|add: the temporary schemes (POK and others) with their
 * actielijnen and purposes. */
#include "../store/store_reference.h"
#include "../textable.h"
#include "cli.h"

#include <stdio.h>

static int cmd_scheme_list(Cli *cli, int argc, char **argv)
{
    int rc = cli_parse(argc, argv, NULL, NULL, 0, 0, NULL, "pok scheme list");
    if (rc) return rc;
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Scheme *list;
    size_t n;
    if (store_scheme_list(s, &a, &list, &n, &cli->err) != 0) return cli_finish(cli, -1, &a);
    TextTable t;
    tt_init(&t, &a, 3, (const char *[]){"code", "naam", "looptijd"}, "lll");
    for (size_t i = 0; i < n; i++)
        tt_row(&t,
               (const char *[]){list[i].code, list[i].name,
                                arena_printf(&a, "%d-%d", list[i].first_year, list[i].last_year)});
    tt_print(&t, stdout);
    return cli_finish(cli, 0, &a);
}

static int cmd_scheme_add(Cli *cli, int argc, char **argv)
{
    const char *pos[2], *from = NULL, *until = NULL;
    CliOpt opts[] = {{"from", 1, &from, NULL}, {"until", 1, &until, NULL}, {0}};
    static const char usage[] = "pok scheme add CODE NAAM --from JAAR --until JAAR";
    int rc = cli_parse(argc, argv, opts, pos, 2, 2, NULL, usage);
    if (rc) return rc;
    Scheme sc = {.code = pos[0], .name = pos[1]};
    if (!from || !until) return cli_fail("--from en --until (de looptijd) zijn verplicht");
    if (cli_year("from", from, &sc.first_year, &cli->err) ||
        cli_year("until", until, &sc.last_year, &cli->err))
        return cli_fail_err(&cli->err);
    if (sc.last_year < sc.first_year)
        return cli_fail("veld 'until': %d ligt voor het beginjaar %d", sc.last_year, sc.first_year);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    if (store_scheme_add(s, &sc, &cli->err) != 0) return cli_fail_err(&cli->err);
    printf("regeling %s opgeslagen (%d-%d)\n", sc.code, sc.first_year, sc.last_year);
    return EXIT_OK;
}

static int cmd_scheme_show(Cli *cli, int argc, char **argv)
{
    const char *pos[1] = {"POK"};
    int rc = cli_parse(argc, argv, NULL, pos, 0, 1, NULL, "pok scheme show [CODE]");
    if (rc) return rc;
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Scheme sc;
    Actielijn *al;
    Purpose *pu;
    size_t nal, npu;
    if (cli_scheme(s, pos[0], &a, &sc, &cli->err) ||
        store_actielijn_list(s, sc.id, &a, &al, &nal, &cli->err) ||
        store_purpose_list(s, sc.id, &a, &pu, &npu, &cli->err))
        return cli_finish(cli, -1, &a);
    printf("%s: %s (%d-%d)\n\nactielijnen:\n", sc.code, sc.name, sc.first_year, sc.last_year);
    TextTable t;
    tt_init(&t, &a, 4, (const char *[]){"nr", "actielijn", "naam in circulaire", "geldstroom"},
            "rlll");
    for (size_t i = 0; i < nal; i++)
        tt_row(&t, (const char *[]){arena_printf(&a, "%d", al[i].number), al[i].name,
                                    al[i].circulaire_name, al[i].flow});
    tt_print(&t, stdout);
    printf("\ndoelen (toegekend in het kader van):\n");
    for (size_t i = 0; i < npu; i++) printf("  %d. %s\n", pu[i].number, pu[i].name);
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(scheme, 80) = {
    {"scheme", "list", cmd_scheme_list, "pok scheme list", "Toont de regelingen."},
    {"scheme", "show", cmd_scheme_show, "pok scheme show [CODE]",
     "Toont een regeling (standaard POK) met actielijnen en doelen."},
    {"scheme", "add", cmd_scheme_add, "pok scheme add CODE NAAM --from JAAR --until JAAR",
     "Voegt een andere tijdelijke regeling toe; actielijnen en doelen volgen met\n"
     "'pok actielijn add' en 'pok purpose add'.\n"
     "voorbeeld: pok scheme add WMO-X 'Tijdelijke impuls' --from 2028 --until 2030"},
    {0},
};
