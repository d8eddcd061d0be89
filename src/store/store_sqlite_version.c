/* store_sqlite_version.c: store_data_version for SQLite (see store.h). */
#include "sqlite_internal.h"

int store_data_version(Store *s, StoreDataVersion *out, PokErr *err)
{
    /* PRAGMA data_version changes when another connection (this process or another)
     * commits; it does not see this connection's own writes, which the total number of
     * rows this connection changed does (rolled-back changes count too: that only costs
     * a needless refresh). */
    sqlite3_stmt *st = sq_stmt(s, "PRAGMA data_version", err);
    if (!st) return -1;
    int r = sq_step_row(s, st, err);
    if (r < 0) return -1;
    out->others = r == 1 ? (uint64_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (r == 0) return err_set(err, "database %s gaf geen data_version", s->path);
    out->own = (uint64_t)sqlite3_total_changes64(s->db);
    return 0;
}
