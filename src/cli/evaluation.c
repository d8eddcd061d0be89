/* evaluation.c: pok evaluation add|list: evaluations of measures, with their verdict and
 * follow-up. */
#include "../store/store_records.h"
#include "../textable.h"
#include "cli.h"

#include <stdio.h>

static const char usage_eval_add[] =
    "pok evaluation add MAATREGEL --date JJJJ-MM-DD --verdict OORDEEL --follow-up VERVOLG "
    "[--text TEKST] [--source ID] [--place TEKST] [--decision ID]";

static int cmd_evaluation_add(Cli *cli, int argc, char **argv)
{
    const char *pos[1];
    Evaluation e = {0};
    CliCite c = {0};
    CliOpt opts[] = {CLI_CITE_OPTS(c),
                     {"date", 1, &e.date, NULL},
                     {"verdict", 1, &e.verdict, NULL},
                     {"follow-up", 1, &e.follow_up, NULL},
                     {"text", 1, &e.text, NULL},
                     {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_eval_add);
    if (rc) return rc;
    if (cli_id("maatregel", pos[0], &e.measure_id, &cli->err) ||
        cli_date("date", e.date, &cli->err) || cli_cite(&c, &e.cite, &e.decision_id, &cli->err))
        return cli_fail_err(&cli->err);
    if (!e.verdict || !*e.verdict)
        return cli_fail("veld 'verdict': het oordeel ontbreekt (bijv. 'effectief', "
                        "'deels effectief')");
    if (!follow_up_valid(e.follow_up))
        return cli_fail("veld 'follow-up': verwacht %s", FOLLOW_UP_LIST);
    if (!cli_store(cli)) return EXIT_USER;
    if (store_evaluation_add(cli->store, &e, &cli->err)) return cli_fail_err(&cli->err);
    printf("evaluatie %lld opgeslagen voor maatregel %lld\n", (long long)e.id,
           (long long)e.measure_id);
    return EXIT_OK;
}

static int cmd_evaluation_list(Cli *cli, int argc, char **argv)
{
    Arena a = {0};
    MuniData d;
    int rc = cli_load_for_list(cli, argc, argv, "pok evaluation list CODE", &a, &d);
    if (rc) return rc;
    TextTable t;
    tt_init(&t, &a, 5, (const char *[]){"datum", "maatregel", "oordeel", "vervolg", "bron"},
            "lllll");
    for (size_t i = 0; i < d.n_evaluations; i++) {
        const Evaluation *e = &d.evaluations[i];
        const Measure *m = muni_measure(&d, e->measure_id);
        tt_row(&t, (const char *[]){e->date, m ? m->name : "?", e->verdict, e->follow_up,
                                    cli_cite_text(&d, &e->cite, &a)});
    }
    if (d.n_evaluations == 0)
        printf("Geen evaluaties vastgelegd voor %s.\n", d.muni.code);
    else
        tt_print(&t, stdout);
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(evaluation, 180) = {
    {"evaluation", "add", cmd_evaluation_add, usage_eval_add,
     "Legt een evaluatie van een maatregel vast.\n"
     "  --follow-up V   " FOLLOW_UP_LIST "\n"
     "voorbeeld: pok evaluation add 4 --date 2024-10-29 --verdict 'doel bereikt' \\\n"
     "             --follow-up 'doel bereikt' --text 'Weer voldoende vrijwilligers.'"},
    {"evaluation", "list", cmd_evaluation_list, "pok evaluation list CODE",
     "Toont de evaluaties van een gemeente."},
    {0},
};
