/* store_version.c: store_data_version (see store.h). */
#include "store_internal.h"

int store_data_version(Store *s, StoreDataVersion *out, PokErr *err)
{
    /* others: the driver's version of the committed data (SQLite: PRAGMA data_version,
     * which changes when another connection commits; PostgreSQL: the data-version row
     * every write transaction bumps, see db_pg.c). own: the rows this connection
     * changed, which SQLite's data_version does not see (rolled-back changes count too:
     * that only costs a needless refresh). */
    uint64_t v;
    if (db_data_version(s->db, &v)) return sq_fail(s, NULL, err);
    out->others = v;
    out->own = (uint64_t)db_total_changes(s->db);
    return 0;
}

int64_t store_statements(const Store *s)
{
    return db_executions(s->db);
}
