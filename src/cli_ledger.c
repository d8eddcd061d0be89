/* cli_ledger.c: `pok import ledger`, `pok ledger ...`: general-ledger (grootboek) bookings. */
#include "cli.h"

const CliCommand cli_commands_ledger[] = {
    {0},
};
