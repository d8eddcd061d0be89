/* purpose.c: pok purpose add: a numbered purpose (doel) of a scheme. */
#include "cli.h"
#include "scheme_part.h"

static int cmd_purpose_add(Cli *cli, int argc, char **argv)
{
    return cli_scheme_part_add(cli, argc, argv, SCHEME_PART_PURPOSE);
}

CLI_GROUP(purpose, 100) = {
    {"purpose", "add", cmd_purpose_add, "pok purpose add REGELING NUMMER NAAM",
     "Voegt een doel toe aan een regeling."},
    {0},
};
