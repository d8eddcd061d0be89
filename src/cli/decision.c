/* decision.c: pok decision add|list: decisions of the college or the council. */
#include "../store/store_records.h"
#include "../textable.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage_decision_add[] =
    "pok decision add CODE --date JJJJ-MM-DD --body college|raad --title TITEL "
    "[--reference KENMERK] [--outcome UITKOMST] [--source ID] [--place TEKST]";

static int cmd_decision_add(Cli *cli, int argc, char **argv)
{
    const char *pos[1];
    Decision d = {0};
    CliCite c = {0};
    CliOpt opts[] = {{"source", 1, &c.source, NULL},   {"place", 1, &c.place, NULL},
                     {"date", 1, &d.date, NULL},       {"body", 1, &d.body, NULL},
                     {"title", 1, &d.title, NULL},     {"reference", 1, &d.reference, NULL},
                     {"outcome", 1, &d.outcome, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_decision_add);
    if (rc) return rc;
    d.municipality = pos[0];
    if (cli_date("date", d.date, &cli->err) || cli_cite(&c, &d.cite, NULL, &cli->err))
        return cli_fail_err(&cli->err);
    if (!d.body || (strcmp(d.body, "college") != 0 && strcmp(d.body, "raad") != 0))
        return cli_fail("veld 'body': verwacht college of raad");
    if (!d.title || !*d.title) return cli_fail("veld 'title': de titel van het besluit ontbreekt");
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    Municipality m;
    if (cli_municipality(cli->store, pos[0], &a, &m, &cli->err) ||
        store_decision_add(cli->store, &d, &cli->err))
        return cli_finish(cli, -1, &a);
    printf("besluit %lld opgeslagen: %s %s, %s\n", (long long)d.id, d.body, d.date, d.title);
    return cli_finish(cli, 0, &a);
}

static int cmd_decision_list(Cli *cli, int argc, char **argv)
{
    Arena a = {0};
    MuniData d;
    int rc = cli_load_for_list(cli, argc, argv, "pok decision list CODE", &a, &d);
    if (rc) return rc;
    TextTable t;
    tt_init(&t, &a, 7,
            (const char *[]){"id", "datum", "orgaan", "kenmerk", "besluit", "uitkomst", "bron"},
            "rllllll");
    for (size_t i = 0; i < d.n_decisions; i++) {
        const Decision *x = &d.decisions[i];
        tt_row(&t, (const char *[]){cli_id_text(&a, x->id), x->date, x->body, x->reference,
                                    x->title, x->outcome, cli_cite_text(&d, &x->cite, &a)});
    }
    if (d.n_decisions == 0)
        printf("Geen besluiten vastgelegd voor %s.\n", d.muni.code);
    else
        tt_print(&t, stdout);
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(decision, 190) = {
    {"decision", "add", cmd_decision_add, usage_decision_add,
     "Legt een besluit van college of raad vast.\n"
     "voorbeeld: pok decision add GM0362 --date 2024-05-28 --body college \\\n"
     "             --title 'Verzoek Ombudsman niet honoreren' --outcome afgewezen"},
    {"decision", "list", cmd_decision_list, "pok decision list CODE",
     "Toont de besluiten van een gemeente."},
    {0},
};
