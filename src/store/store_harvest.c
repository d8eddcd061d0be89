/* store_harvest.c: the provenance of harvested open data packages and the removal of a
 * harvested municipality's records before its newer package (store_harvest.h). */
#include "store_harvest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_audit.h"
#include "store_audit_write.h"
#include "store_checks.h"
#include "store_closing.h"
#include "store_internal.h"
#include "store_record_sql.h"
#include "store_records.h"

#define HARVEST_COLUMNS                                                                            \
    "id, municipality, scheme_id, name, sha256, created, harvested_at, version, sharing_level,"    \
    " source_id"

static void read_package(Arena *a, DbStmt *st, HarvestPackage *hp)
{
    hp->id = sq_col_int(st, 0);
    hp->municipality = sq_col_text(a, st, 1);
    hp->scheme_id = sq_col_int(st, 2);
    hp->name = sq_col_text(a, st, 3);
    hp->sha256 = sq_col_text(a, st, 4);
    hp->created = sq_col_text(a, st, 5);
    hp->harvested_at = sq_col_text(a, st, 6);
    hp->version = (int)sq_col_int(st, 7);
    hp->sharing = (SharingLevel)sq_col_int(st, 8);
    hp->source_id = sq_col_int(st, 9);
}

int store_harvest_latest(Store *s, const char *code, int64_t scheme_id, Arena *a,
                         HarvestPackage *out, PokErr *err)
{
    DbStmt *st =
        sq_stmt(s,
                "SELECT " HARVEST_COLUMNS " FROM harvest_package"
                " WHERE municipality = ?1 AND scheme_id = ?2 ORDER BY version DESC LIMIT 1",
                err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    sq_bind_int(st, 2, scheme_id);
    int found = sq_step_row(s, st, err);
    if (found == 1) {
        read_package(a, st, out);
        db_reset(st);
    }
    return found;
}

int store_harvest_list(Store *s, const char *code, Arena *a, HarvestPackage **out, size_t *n,
                       PokErr *err)
{
    DbStmt *st = sq_stmt(s,
                         "SELECT " HARVEST_COLUMNS " FROM harvest_package"
                         " WHERE ?1 IS NULL OR municipality = ?1 ORDER BY municipality, version",
                         err);
    if (!st) return -1;
    if (code)
        sq_bind_text(st, 1, code);
    else
        sq_bind_null(st, 1, DB_T_TEXT);
    HarvestPackage *items = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        items = arena_grow(a, items, sizeof *items, &cap, count + 1);
        read_package(a, st, &items[count++]);
    }
    if (rc != 0) return sq_fail(s, st, err);
    db_reset(st);
    *out = items;
    *n = count;
    return 0;
}

static char *package_json(Arena *a, const HarvestPackage *hp)
{
    return arena_printf(a,
                        "{\"name\":\"%s\",\"sha256\":\"%s\",\"created\":\"%s\",\"version\":%d,"
                        "\"sharing_level\":\"%s\",\"source_id\":%lld}",
                        hp->name, hp->sha256, hp->created, hp->version,
                        sharing_level_name(hp->sharing), (long long)hp->source_id);
}

static int harvest_add(Store *s, HarvestPackage *hp, Arena *a, PokErr *err)
{
    if (sq_check_municipality(s, hp->municipality, err)) return -1;
    if (SQ_CHECK_TEXTS(err, {hp->name, "naam van het pakket", TEXT_SHORT},
                       {hp->sha256, "hash", TEXT_SHORT}, {hp->created, "datum", TEXT_SHORT}))
        return -1;
    HarvestPackage last = {0};
    int found = store_harvest_latest(s, hp->municipality, hp->scheme_id, a, &last, err);
    if (found < 0) return -1;
    hp->version = found ? last.version + 1 : 1;
    char now[32];
    sq_now(now);
    hp->harvested_at = arena_strdup(a, now);
    DbStmt *st = sq_stmt(s,
                         "INSERT INTO harvest_package (municipality, scheme_id, name, sha256,"
                         " created, harvested_at, version, sharing_level, source_id)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
                         err);
    if (!st) return -1;
    sq_bind_text(st, 1, hp->municipality);
    sq_bind_int(st, 2, hp->scheme_id);
    sq_bind_text(st, 3, hp->name);
    sq_bind_text(st, 4, hp->sha256);
    sq_bind_text(st, 5, hp->created);
    sq_bind_text(st, 6, hp->harvested_at);
    sq_bind_int(st, 7, hp->version);
    sq_bind_int(st, 8, hp->sharing);
    sq_bind_nz(st, 9, hp->source_id);
    if (sq_step_id(s, st, &hp->id, err)) return -1;
    return sq_audit(s, "insert", "harvest_package", hp->id, hp->municipality, NULL,
                    package_json(a, hp), err);
}

int store_harvest_add(Store *s, HarvestPackage *hp, Arena *a, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, harvest_add(s, hp, a, err), err);
}

int store_harvest_direct_changes(Store *s, const char *code, const char *since, int64_t *n,
                                 PokErr *err)
{
    /* the tables of a municipality's records: what a harvest writes and replaces */
    DbStmt *st =
        sq_stmt(s,
                "SELECT count(*) FROM audit WHERE municipality = ?1 AND actor <> ?2"
                " AND (?3 IS NULL OR at >= ?3) AND table_name IN ('allocation', 'pot', 'measure',"
                " 'measure_amount', 'reserve_opening', 'reserve_movement', 'decision', 'request',"
                " 'evaluation', 'closed_year', 'stated_figure')",
                err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    sq_bind_text(st, 2, HARVEST_ACTOR);
    if (since)
        sq_bind_text(st, 3, since);
    else
        sq_bind_null(st, 3, DB_T_TEXT);
    if (sq_step_row(s, st, err) != 1) return -1;
    *n = sq_col_int(st, 0);
    db_reset(st);
    return 0;
}

/* Snapshot, delete and audit one row of a kind store_delete does not take. */
static int delete_row(Store *s, const RecordKind *k, const char *sql, int64_t id, const char *code,
                      const char *reason, PokErr *err)
{
    char *before = NULL;
    if (sq_record_snapshot_id(s, k, id, &before, err)) return -1;
    DbStmt *st = sq_stmt(s, sql, err);
    int rc = st ? 0 : -1;
    if (rc == 0) {
        sq_bind_int(st, 1, id);
        rc = sq_step_done(s, st, err);
    }
    if (rc == 0) rc = sq_audit_reason(s, "delete", k->table, id, code, before, NULL, reason, err);
    free(before);
    return rc;
}

static int clear_body(Store *s, const char *code, int64_t scheme_id, const char *reason,
                      PokErr *err)
{
    Arena a = {0};
    MuniData d;
    int found = store_load(s, code, scheme_id, &a, &d, err);
    int rc = found < 0 ? -1 : 0;
    if (found == 0) rc = err_set(err, "onbekende gemeente %s", code);
    /* the latest closed year first: reopening an earlier one would move a later one */
    for (size_t i = d.n_closed; rc == 0 && i-- > 0;)
        rc = store_year_reopen(s, code, d.closed[i].year, reason, err);
    for (size_t i = 0; rc == 0 && i < d.n_measures; i++)
        rc = store_delete(s, "measure", d.measures[i].id, reason, err);
    for (size_t i = 0; rc == 0 && i < d.n_movements; i++)
        rc = store_delete(s, "reserve_movement", d.movements[i].id, reason, err);
    for (size_t i = 0; rc == 0 && i < d.n_requests; i++)
        rc = store_delete(s, "request", d.requests[i].id, reason, err);
    for (size_t i = 0; rc == 0 && i < d.n_stated; i++)
        rc = store_delete(s, "stated_figure", d.stated[i].id, reason, err);
    for (size_t i = 0; rc == 0 && i < d.n_allocations; i++)
        rc = store_delete(s, "allocation", d.allocations[i].id, reason, err);
    for (size_t i = 0; rc == 0 && i < d.n_openings; i++)
        rc = delete_row(s, RECORD(RESERVE_OPENING), "DELETE FROM reserve_opening WHERE id = ?1",
                        d.openings[i].id, code, reason, err);
    for (size_t i = 0; rc == 0 && i < d.n_pots; i++)
        rc = delete_row(s, RECORD(POT), "DELETE FROM pot WHERE id = ?1", d.pots[i].id, code, reason,
                        err);
    for (size_t i = 0; rc == 0 && i < d.n_decisions; i++)
        rc = store_delete(s, "decision", d.decisions[i].id, reason, err);
    arena_free(&a);
    return rc;
}

int store_harvest_clear(Store *s, const char *code, int64_t scheme_id, const char *reason,
                        PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, clear_body(s, code, scheme_id, reason, err), err);
}
