/* inhabitants.c: pok inhabitants set: the number of inhabitants of a municipality on
 * 1 January of a year. */
#include "../store/store_reference.h"
#include "cli.h"

#include <stdio.h>

static int cmd_inhabitants_set(Cli *cli, int argc, char **argv)
{
    const char *pos[3], *source = NULL;
    CliOpt opts[] = {{"source", 1, &source, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 3, 3, NULL,
                       "pok inhabitants set CODE JAAR AANTAL [--source ID]");
    if (rc) return rc;
    Inhabitants inh = {.municipality = pos[0]};
    long long count;
    if (cli_year("jaar", pos[1], &inh.year, &cli->err)) return cli_fail_err(&cli->err);
    if (parse_int(pos[2], 0, 100000000, &count))
        return cli_fail("veld 'aantal': verwacht een aantal inwoners, niet '%s'", pos[2]);
    inh.count = count;
    if (source && cli_id("source", source, &inh.source_id, &cli->err))
        return cli_fail_err(&cli->err);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    if (store_inhabitants_put(s, &inh, &cli->err) != 0) return cli_fail_err(&cli->err);
    printf("inwoners %s %d: %lld\n", inh.municipality, inh.year, count);
    return EXIT_OK;
}

CLI_GROUP(inhabitants, 70) = {
    {"inhabitants", "set", cmd_inhabitants_set,
     "pok inhabitants set CODE JAAR AANTAL [--source ID]",
     "Legt het aantal inwoners van een gemeente op 1 januari van een jaar vast.\n"
     "voorbeeld: pok inhabitants set GM1773 2021 18361 --source 3"},
    {0},
};
