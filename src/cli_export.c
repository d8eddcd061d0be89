/* cli_export.c: `pok export ...`: every table as CSV, JSON, a Fiscal Data Package, XLSX. */
#include "cli.h"

const CliCommand cli_commands_export[] = {
    {0},
};
