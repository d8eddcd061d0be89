/* store_closing.c: closing a year, which records its figures, reopening it and the
 * register of reopenings (store_closing.h). The refusal to change a closed year's figures
 * lives with the writes (store_records.c, for records dated in a closed year) and with the
 * commit (store_closed.c, for any change that moves a closed year's figures). */
#include <stdlib.h>
#include <string.h>

#include "store_audit_write.h"
#include "store_checks.h"
#include "store_closed.h"
#include "store_closing.h"
#include "store_internal.h"
#include "store_record_sql.h"

#define YEAR_REOPENING_JSON_SQL(O)                                                                 \
    "SELECT " O "('id', id, 'municipality', municipality, 'year', year, 'reason', reason,"         \
    " 'actor', actor, 'at', at) FROM year_reopening WHERE id = ?1"
static SqJson SQ_JSON_YEAR_REOPENING = {YEAR_REOPENING_JSON_SQL(SQ_LITE_OBJ),
                                        YEAR_REOPENING_JSON_SQL(SQ_PG_OBJ)};

static int year_close(Store *s, const ClosedYear *cy, PokErr *err)
{
    if (sq_check_municipality(s, cy->municipality, err) ||
        sq_check_cite(s, &cy->cite, cy->municipality, err) ||
        sq_check_decision(s, cy->decision_id, cy->municipality, err))
        return -1;
    DbStmt *st = sq_stmt(s, "SELECT 1 FROM closed_year WHERE municipality = ?1 AND year = ?2", err);
    if (!st) return -1;
    sq_bind_text(st, 1, cy->municipality);
    sq_bind_int(st, 2, cy->year);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    db_reset(st);
    if (found) return err_set(err, "jaar %d is al afgesloten voor %s", cy->year, cy->municipality);
    /* What the year's figures are now is what they stay (store_closed.c). */
    if (sq_record_insert(s, RECORD(CLOSED_YEAR), cy, NULL, err) ||
        sq_closed_record(s, cy->municipality, cy->year, err))
        return -1;
    char *after;
    if (sq_record_snapshot(s, RECORD(CLOSED_YEAR), cy, &after, err)) return -1;
    int rc = sq_audit(s, "insert", "closed_year", cy->year, cy->municipality, NULL, after, err);
    free(after);
    return rc;
}

int store_year_close(Store *s, const ClosedYear *cy, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, year_close(s, cy, err), err);
}

static int year_reopen(Store *s, const char *code, int year, const char *reason, PokErr *err)
{
    if (sq_check_municipality(s, code, err)) return -1;
    if (!reason || !*reason)
        return err_set(err, "heropenen van jaar %d voor %s vraagt een reden (--reason)", year,
                       code);
    if (SQ_CHECK_TEXTS(err, {reason, "reden", TEXT_LONG})) return -1;
    char *before = NULL;
    const ClosedYear key = {.municipality = code, .year = year};
    if (sq_record_snapshot(s, RECORD(CLOSED_YEAR), &key, &before, err)) return -1;
    if (!before) return err_set(err, "jaar %d is niet afgesloten voor %s", year, code);
    DbStmt *st = sq_stmt(s, "DELETE FROM closed_year WHERE municipality = ?1 AND year = ?2", err);
    int rc = st ? 0 : -1;
    if (rc == 0) {
        sq_bind_text(st, 1, code);
        sq_bind_int(st, 2, year);
        rc = sq_step_done(s, st, err);
    }
    if (rc == 0)
        rc = sq_audit_reason(s, "delete", "closed_year", year, code, before, NULL, reason, err);
    free(before);
    /* An open year before a closed one can move its figures: then the later one first. */
    if (rc || sq_closed_check_reopen(s, code, year, err)) return -1;

    char now[32];
    sq_now(now);
    st = sq_stmt(s,
                 "INSERT INTO year_reopening (municipality, year, reason, actor, at)"
                 " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                 err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    sq_bind_int(st, 2, year);
    sq_bind_text(st, 3, reason);
    sq_bind_text(st, 4, s->actor);
    sq_bind_text(st, 5, now);
    int64_t id;
    if (sq_step_id(s, st, &id, err)) return -1;
    return sq_audit_insert(s, "year_reopening", SQ_JSON_YEAR_REOPENING, id, code, err);
}

int store_year_reopen(Store *s, const char *code, int year, const char *reason, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, year_reopen(s, code, year, reason, err), err);
}

int store_year_reopening_list(Store *s, const char *code, Arena *a, YearReopening **out, size_t *n,
                              PokErr *err)
{
    *out = NULL;
    *n = 0;
    DbStmt *st = sq_stmt(s,
                         "SELECT id, municipality, year, reason, actor, at"
                         " FROM year_reopening WHERE municipality = ?1 ORDER BY id",
                         err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        if (*n == cap) {
            size_t new_cap = cap ? cap * 2 : 8;
            YearReopening *grown = arena_alloc(a, new_cap * sizeof *grown);
            if (*n) memcpy(grown, *out, *n * sizeof *grown);
            *out = grown;
            cap = new_cap;
        }
        YearReopening *r = &(*out)[(*n)++];
        r->id = sq_col_int(st, 0);
        r->municipality = sq_col_text(a, st, 1);
        r->year = (int)sq_col_int(st, 2);
        r->reason = sq_col_text(a, st, 3);
        r->actor = sq_col_text(a, st, 4);
        r->at = sq_col_text(a, st, 5);
    }
    if (rc != 0) return sq_fail(s, st, err);
    db_reset(st);
    return 0;
}
