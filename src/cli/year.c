/* year.c: pok year close|reopen|list: closed financial years, whose realised amounts
 * are then the spending, and their reopening by the administrator. */
#include "../store/store_closing.h"
#include "cli.h"

#include <stdio.h>

static int cmd_year_close(Cli *cli, int argc, char **argv)
{
    const char *pos[2];
    CliCite c = {0};
    CliOpt opts[] = {CLI_CITE_OPTS(c), {0}};
    int rc = cli_parse(argc, argv, opts, pos, 2, 2, NULL,
                       "pok year close CODE JAAR [--source ID] [--place TEKST] [--decision ID]");
    if (rc) return rc;
    ClosedYear cy = {.municipality = pos[0]};
    if (cli_year("jaar", pos[1], &cy.year, &cli->err) ||
        cli_cite(&c, &cy.cite, &cy.decision_id, &cli->err))
        return cli_fail_err(&cli->err);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Municipality m;
    if (cli_municipality(s, pos[0], &a, &m, &cli->err) || store_year_close(s, &cy, &cli->err))
        return cli_finish(cli, -1, &a);
    printf("jaar %d afgesloten voor %s: de uitgaven zijn voortaan de realisatie\n", cy.year,
           m.code);
    return cli_finish(cli, 0, &a);
}

/* The command line acts as administrator until accounts reach it (issue 4). */
static int cmd_year_reopen(Cli *cli, int argc, char **argv)
{
    const char *pos[2], *reason = NULL;
    CliOpt opts[] = {{"reason", 1, &reason, NULL}, {0}};
    int rc =
        cli_parse(argc, argv, opts, pos, 2, 2, NULL, "pok year reopen CODE JAAR --reason TEKST");
    if (rc) return rc;
    int year;
    if (cli_year("jaar", pos[1], &year, &cli->err)) return cli_fail_err(&cli->err);
    if (!reason || !*reason)
        return cli_fail("--reason is verplicht: waarom wordt jaar %d heropend?", year);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Municipality m;
    if (cli_municipality(s, pos[0], &a, &m, &cli->err) ||
        store_year_reopen(s, m.code, year, reason, &cli->err))
        return cli_finish(cli, -1, &a);
    printf("jaar %d heropend voor %s: de cijfers van dat jaar kunnen weer worden gewijzigd\n", year,
           m.code);
    return cli_finish(cli, 0, &a);
}

static int cmd_year_list(Cli *cli, int argc, char **argv)
{
    Arena a = {0};
    MuniData d;
    int rc = cli_load_for_list(cli, argc, argv, "pok year list CODE", &a, &d);
    if (rc) return rc;
    YearReopening *r;
    size_t n_reopened;
    if (store_year_reopening_list(cli->store, d.muni.code, &a, &r, &n_reopened, &cli->err))
        return cli_finish(cli, -1, &a);
    if (d.n_closed == 0) printf("%s heeft geen afgesloten jaren.\n", d.muni.code);
    for (size_t i = 0; i < d.n_closed; i++)
        printf("%d afgesloten  %s\n", d.closed[i].year, cli_cite_text(&d, &d.closed[i].cite, &a));
    for (size_t i = 0; i < n_reopened; i++)
        printf("%d heropend op %s door %s: %s\n", r[i].year, r[i].at, r[i].actor, r[i].reason);
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(year, 150) = {
    {"year", "close", cmd_year_close, "pok year close CODE JAAR [opties]",
     "Sluit een boekjaar af: vanaf nu telt de realisatie als uitgaven van dat jaar, en niet\n"
     "bestede middelen die geen besluit in de reserve stort, heten onverklaard.\n" CLI_CITE_HELP},
    {"year", "reopen", cmd_year_reopen, "pok year reopen CODE JAAR --reason TEKST",
     "Heropent een afgesloten jaar (beheerder), zodat de toekenningen, bedragen en reserve\n"
     "van dat jaar weer kunnen worden gewijzigd. De reden is verplicht; wie, wanneer en\n"
     "waarom komen in het auditlog en in 'pok year list'.\n"
     "  --reason TEKST  waarom het jaar wordt heropend\n"
     "voorbeeld: pok year reopen GM0534 2023 --reason 'correctie jaarrekening'"},
    {"year", "list", cmd_year_list, "pok year list CODE",
     "Toont de afgesloten jaren en de heropeningen (wie, wanneer, waarom)."},
    {0},
};
