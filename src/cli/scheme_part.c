/* scheme_part.c: pok actielijn add and pok purpose add: a numbered part of a scheme. */
#include "scheme_part.h"
#include "../store/store_reference.h"

#include <stdio.h>

int cli_scheme_part_add(Cli *cli, int argc, char **argv, SchemePart part)
{
    int is_actielijn = part == SCHEME_PART_ACTIELIJN;
    const char *pos[3], *circ = NULL, *flow = NULL;
    CliOpt opts[] = {{"circulaire-name", 1, &circ, NULL}, {"flow", 1, &flow, NULL}, {0}};
    const char *usage = is_actielijn ? "pok actielijn add REGELING NUMMER NAAM "
                                       "[--circulaire-name NAAM] [--flow TEKST]"
                                     : "pok purpose add REGELING NUMMER NAAM";
    int rc = cli_parse(argc, argv, is_actielijn ? opts : NULL, pos, 3, 3, NULL, usage);
    if (rc) return rc;
    long long number;
    if (parse_int(pos[1], 1, 1000, &number))
        return cli_fail("veld 'nummer': verwacht een nummer, niet '%s'", pos[1]);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Scheme sc;
    if (cli_scheme(s, pos[0], &a, &sc, &cli->err)) return cli_finish(cli, -1, &a);
    if (is_actielijn) {
        Actielijn al = {.scheme_id = sc.id,
                        .number = (int)number,
                        .name = pos[2],
                        .circulaire_name = circ,
                        .flow = flow};
        rc = store_actielijn_add(s, &al, &cli->err);
    } else {
        Purpose p = {.scheme_id = sc.id, .number = (int)number, .name = pos[2]};
        rc = store_purpose_add(s, &p, &cli->err);
    }
    if (rc == 0)
        printf("%s %lld van %s opgeslagen\n", is_actielijn ? "actielijn" : "doel", number, sc.code);
    return cli_finish(cli, rc, &a);
}
