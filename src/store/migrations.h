/* migrations.h: the numbered schema migrations of the SQL stores. Migration n (1-based)
 * is migrations_sql[n - 1]; store_schema_latest() is their count. Applied versions are
 * recorded in schema_migrations(version, applied_at). */
#ifndef POK_MIGRATIONS_H
#define POK_MIGRATIONS_H

#include <stddef.h>

extern const char *const migrations_sql[];
extern const size_t migrations_count;

/* Created before any migration runs, so the version can always be read. */
#define MIGRATIONS_TABLE_SQL                                                                       \
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "                  \
    "applied_at TEXT NOT NULL)"

#endif
