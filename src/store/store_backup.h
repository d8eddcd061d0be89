/* store_backup.h: backup and restore of a whole SQLite store, each copy verified
 * (store_backup.c). PostgreSQL has its own tools (pg_dump) and is refused. */
#ifndef POK_STORE_BACKUP_H
#define POK_STORE_BACKUP_H

#include "store.h"

/* What a verified copy holds: the number of tables and of rows in them. */
typedef struct StoreBackupCheck {
    size_t n_tables;
    int64_t n_rows;
    int schema_version;
} StoreBackupCheck;
/* Copy the whole database, consistently while others keep writing, into a new file at
 * path (an existing file is refused unless overwrite), then verify the copy: its
 * integrity check passes and every table holds as many rows as in the store at the
 * moment of copying. The file appears only once verified. Backends without a file copy
 * (PostgreSQL) answer "niet ondersteund, gebruik pg_dump". */
int store_backup(Store *s, const char *path, int overwrite, StoreBackupCheck *check, PokErr *err);
/* Check a backup file without changing anything: a pok database whose integrity check
 * passes and whose schema version this pok knows. */
int store_backup_verify(const char *path, StoreBackupCheck *check, PokErr *err);
/* Replace everything in the store by the backup at path, verified first, in one
 * transaction: readers see the old or the new data, never a mix, and other processes
 * see the change through store_data_version. An older schema is migrated afterwards by
 * opening the store with create_or_migrate. */
int store_restore(Store *s, const char *path, StoreBackupCheck *check, PokErr *err);
/* 0 when the store at url can take a restore (SQLite); -1 with the reason (PostgreSQL:
 * "niet ondersteund, gebruik pg_dump"), so the refusal comes before the file is read. */
int store_restore_supported(const char *url, PokErr *err);

#endif
