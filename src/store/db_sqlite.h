/* db_sqlite.h: the SQLite driver's handle, for what only SQLite can do (backup and
 * restore of the database file). */
#ifndef POK_DB_SQLITE_H
#define POK_DB_SQLITE_H

#include <sqlite3.h>

#include "db.h"

/* The sqlite3 handle of a SQLite Db; NULL for another backend. */
sqlite3 *db_sqlite_handle(Db *db);

/* Register the FTS5 tokenizer pok_dutch (db_sqlite_fts.c) on connection h: every
 * connection that writes measures needs it, since the index's triggers tokenize. 0 or -1. */
int db_sqlite_register_fts(sqlite3 *h);

#endif
