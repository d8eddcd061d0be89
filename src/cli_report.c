/* cli_report.c: `pok report`: the PDF "Stand van zaken POK-middelen" for the council. */
#include "cli.h"

const CliCommand cli_commands_report[] = {
    {0},
};
