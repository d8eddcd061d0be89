/* db_sqlite.h: the SQLite driver's handle, for what only SQLite can do (backup and
 * restore of the database file). */
#ifndef POK_DB_SQLITE_H
#define POK_DB_SQLITE_H

#include <sqlite3.h>

#include "db.h"

/* The sqlite3 handle of a SQLite Db; NULL for another backend. */
sqlite3 *db_sqlite_handle(Db *db);

#endif
