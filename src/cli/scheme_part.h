/* scheme_part.h: adding a numbered part of a scheme, an actielijn or a purpose (doel):
 * pok actielijn add and pok purpose add share everything but a name and two options. */
#ifndef POK_CLI_SCHEME_PART_H
#define POK_CLI_SCHEME_PART_H

#include "cli.h"

typedef enum { SCHEME_PART_ACTIELIJN, SCHEME_PART_PURPOSE } SchemePart;

/* `pok actielijn add REGELING NUMMER NAAM [--circulaire-name NAAM] [--flow TEKST]` or
 * `pok purpose add REGELING NUMMER NAAM`: the command's exit status. */
int cli_scheme_part_add(Cli *cli, int argc, char **argv, SchemePart part);

#endif
