/* backup_check.c: what pok backup and pok restore say about the file they verified. */
#include "backup_check.h"
#include "../store/store_backup.h"

#include <stdio.h>

void cli_print_backup_check(const char *what, const char *path, const StoreBackupCheck *c)
{
    printf("%s %s: integriteit ok, schemaversie %d, %zu tabellen, %lld rijen\n", what, path,
           c->schema_version, c->n_tables, (long long)c->n_rows);
}
