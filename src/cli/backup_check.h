/* backup_check.h: the line pok backup and pok restore print about the file they verified. */
#ifndef POK_CLI_BACKUP_CHECK_H
#define POK_CLI_BACKUP_CHECK_H

#include "../store/store_backup.h"
#include "cli.h"

/* "WHAT PATH: integriteit ok, schemaversie N, N tabellen, N rijen" on standard output. */
void cli_print_backup_check(const char *what, const char *path, const StoreBackupCheck *c);

#endif
