/* actielijn.c: pok actielijn add: a numbered actielijn of a scheme. */
#include "cli.h"
#include "scheme_part.h"

static int cmd_actielijn_add(Cli *cli, int argc, char **argv)
{
    return cli_scheme_part_add(cli, argc, argv, SCHEME_PART_ACTIELIJN);
}

CLI_GROUP(actielijn, 90) = {
    {"actielijn", "add", cmd_actielijn_add,
     "pok actielijn add REGELING NUMMER NAAM [--circulaire-name NAAM] [--flow TEKST]",
     "Voegt een actielijn toe aan een regeling."},
    {0},
};
