/* migrations.h: the numbered schema migrations of the SQL stores. Migration n (1-based)
 * is migrations_sql[n - 1]; store_schema_latest() is their count. Applied versions are
 * recorded in schema_migrations(version, applied_at). */
#ifndef POK_MIGRATIONS_H
#define POK_MIGRATIONS_H

#include <stddef.h>

#include "db.h"

extern const char *const migrations_sql[];
extern const size_t migrations_count;

/* Created before any migration runs, so the version can always be read. */
#define MIGRATIONS_TABLE_SQL                                                                       \
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "                  \
    "applied_at TEXT NOT NULL)"

/* Migration v (1-based) as the backend runs it, malloc'd: the text above as is for
 * SQLite; for PostgreSQL with the portable types spelled its way (INTEGER PRIMARY KEY ->
 * BIGINT identity, INTEGER -> BIGINT, BLOB -> BYTEA, TEXT in the "C" collation so that
 * ORDER BY sorts like SQLite's binary collation). */
char *migration_sql(int v, DbKind kind);

/* PostgreSQL only, outside the migrations (it is no data, so pok copy leaves it alone):
 * the one-row counter every write transaction bumps (see db_pg.c, data version). */
#define MIGRATIONS_PG_DATA_VERSION_SQL                                                             \
    "CREATE TABLE IF NOT EXISTS pok_data_version (id INTEGER PRIMARY KEY CHECK (id = 1),"          \
    " version BIGINT NOT NULL);"                                                                   \
    "INSERT INTO pok_data_version (id, version) VALUES (1, 1) ON CONFLICT (id) DO NOTHING"

#endif
