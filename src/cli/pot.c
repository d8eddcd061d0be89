/* pot.c: pok pot add|list: pots, the actielijnen whose money a municipality spends
 * together. */
#include "../store/store_records.h"
#include "../textable.h"
#include "cli.h"

#include <stdio.h>

static const char usage_pot_add[] =
    "pok pot add CODE NAAM --actielijnen 3,4,5 [--scheme CODE] [--source ID] [--place TEKST]";

static int cmd_pot_add(Cli *cli, int argc, char **argv)
{
    const char *pos[2], *scheme = NULL, *list = NULL;
    CliCite c = {0};
    CliOpt opts[] = {
        CLI_CITE_OPTS(c), {"scheme", 1, &scheme, NULL}, {"actielijnen", 1, &list, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 2, 2, NULL, usage_pot_add);
    if (rc) return rc;
    if (!list) return cli_fail("veld 'actielijnen': geef de actielijnen van de pot, bijv. 3,4,5");
    Pot pot = {.municipality = pos[0], .name = pos[1]};
    if (cli_cite(&c, &pot.cite, NULL, &cli->err)) return cli_fail_err(&cli->err);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Scheme sc;
    Municipality m;
    if (cli_scheme(s, scheme, &a, &sc, &cli->err) ||
        cli_municipality(s, pos[0], &a, &m, &cli->err) ||
        cli_actielijn_ids(s, &sc, list, &a, &pot.actielijn_ids, &pot.n_actielijnen, &cli->err))
        return cli_finish(cli, -1, &a);
    pot.scheme_id = sc.id;
    if (store_pot_add(s, &pot, &cli->err)) return cli_finish(cli, -1, &a);
    printf("pot %lld '%s' opgeslagen voor %s\n", (long long)pot.id, pot.name, m.code);
    return cli_finish(cli, 0, &a);
}

static int cmd_pot_list(Cli *cli, int argc, char **argv)
{
    Arena a = {0};
    MuniData d;
    int rc = cli_load_for_list(cli, argc, argv, "pok pot list CODE [--scheme CODE]", &a, &d);
    if (rc) return rc;
    if (d.n_pots == 0)
        printf("%s heeft geen potten vastgelegd: alle actielijnen vormen samen één pot.\n",
               d.muni.code);
    TextTable t;
    tt_init(&t, &a, 4, (const char *[]){"id", "naam", "actielijnen", "bron"}, "rlll");
    for (size_t i = 0; i < d.n_pots; i++) {
        Buf b = {0};
        for (size_t k = 0; k < d.pots[i].n_actielijnen; k++) {
            const Actielijn *al = muni_actielijn(&d, d.pots[i].actielijn_ids[k]);
            buf_printf(&b, "%s%d", k ? "," : "", al ? al->number : 0);
        }
        tt_row(&t,
               (const char *[]){arena_printf(&a, "%lld", (long long)d.pots[i].id), d.pots[i].name,
                                b.data, cli_cite_text(&d, &d.pots[i].cite, &a)});
        buf_free(&b);
    }
    if (d.n_pots) tt_print(&t, stdout);
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(pot, 130) = {
    {"pot", "add", cmd_pot_add, usage_pot_add,
     "Legt een pot vast: actielijnen waarvan de gemeente het geld samen inzet.\n"
     "Zonder potten vormen alle actielijnen samen één pot.\n"
     "voorbeeld: pok pot add GM1773 'Actielijnen 3, 4 en 5' --actielijnen 3,4,5"},
    {"pot", "list", cmd_pot_list, "pok pot list CODE", "Toont de potten van een gemeente."},
    {0},
};
