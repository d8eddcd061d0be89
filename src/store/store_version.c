/* store_version.c: store_data_version (see store.h). */
#include "store_internal.h"

int store_data_version(Store *s, StoreDataVersion *out, PokErr *err)
{
    /* others: the driver's version of the committed data (SQLite: PRAGMA data_version,
     * which changes when another connection commits; PostgreSQL: the data-version row
     * every write transaction bumps, see db_pg.c). own: the rows this connection
     * changed, which SQLite's data_version does not see (rolled-back changes count too:
     * that only costs a needless refresh); PostgreSQL's version row sees them, so own
     * stays 0 there and the token is the same on every connection. */
    uint64_t v;
    if (db_data_version(s->db, &v)) return sq_fail(s, NULL, err);
    out->others = v;
    out->own = SQ_PG(s) ? 0 : (uint64_t)db_total_changes(s->db);
    return 0;
}

int store_versions_comparable(const Store *s)
{
    return SQ_PG(s);
}

int64_t store_statements(const Store *s)
{
    return db_executions(s->db);
}

int64_t store_round_trips(const Store *s)
{
    return db_round_trips(s->db);
}
