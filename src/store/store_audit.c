/* store_audit.c: the audit trail: writing its rows (every write adds one, with the
 * record before and after as JSON), reading it with filters, and the administrator's
 * deletion of records, which is recorded in that trail with the reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "store_audit.h"
#include "store_audit_write.h"
#include "store_checks.h"
#include "store_closed.h"
#include "store_internal.h"
#include "store_record_sql.h"

/* ---- writing ---- */

void sq_now(char out[32])
{
    time_t t = clock_now(); /* $SOURCE_DATE_EPOCH fixes it for reproducible test output */
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* PostgreSQL writes JSON with spaces ({"id" : 1}); SQLite compactly. The audit trail
 * holds the compact form in both, key order kept, so the two backends store the same
 * text and an unchanged record compares equal. */
static char *normalise_json(Store *s, const char *json)
{
    if (!SQ_PG(s)) return xstrdup(json);
    json_t *v = json_loads(json, JSON_DECODE_ANY, NULL);
    if (!v) return xstrdup(json);
    char *out = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
    json_decref(v);
    if (!out) return xstrdup(json);
    char *copy = xstrdup(out);
    free(out);
    return copy;
}

int sq_snapshot_run(Store *s, DbStmt *st, char **out, PokErr *err)
{
    *out = NULL;
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    if (found) {
        const char *json = db_col_text(st, 0);
        *out = json ? normalise_json(s, json) : NULL;
        db_reset(st);
    }
    return 0;
}

int sq_snapshot_id(Store *s, SqJson sql, int64_t id, char **out, PokErr *err)
{
    DbStmt *st = sq_stmt(s, sql[SQ_PG(s)], err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    return sq_snapshot_run(s, st, out, err);
}

int sq_audit(Store *s, const char *action, const char *table, int64_t record_id,
             const char *municipality, const char *before_json, const char *after_json, PokErr *err)
{
    return sq_audit_reason(s, action, table, record_id, municipality, before_json, after_json, NULL,
                           err);
}

int sq_audit_reason(Store *s, const char *action, const char *table, int64_t record_id,
                    const char *municipality, const char *before_json, const char *after_json,
                    const char *reason, PokErr *err)
{
    sq_closed_touch(s, municipality); /* its closed years are checked at the commit */
    if (strcmp(action, "update") == 0 && before_json && after_json &&
        strcmp(before_json, after_json) == 0)
        return 0;
    DbStmt *st = sq_stmt(s,
                         "INSERT INTO audit (at, actor, action, table_name, record_id,"
                         " municipality, before_json, after_json, reason)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                         err);
    if (!st) return -1;
    char now[32];
    sq_now(now);
    sq_bind_text(st, 1, now);
    sq_bind_text(st, 2, s->actor);
    sq_bind_text(st, 3, action);
    sq_bind_text(st, 4, table);
    sq_bind_nz(st, 5, record_id);
    sq_bind_text(st, 6, municipality);
    sq_bind_text(st, 7, before_json);
    sq_bind_text(st, 8, after_json);
    sq_bind_text(st, 9, reason);
    return sq_step_done(s, st, err);
}

int sq_audit_insert(Store *s, const char *table, SqJson json_sql, int64_t id,
                    const char *municipality, PokErr *err)
{
    char *after;
    if (sq_snapshot_id(s, json_sql, id, &after, err)) return -1;
    int rc = sq_audit(s, "insert", table, id, municipality, NULL, after, err);
    free(after);
    return rc;
}

/* ---- reading ---- */

#define AUDIT_COLS                                                                                 \
    "id, at, actor, action, table_name, record_id, municipality, before_json, after_json, reason"

/* ?2 table, ?3 record id, ?4 with related, ?5 from, ?6 to, ?7 limit, ?8 and ?9 the moments
 * (at >= ?8, at < ?9: UTC timestamps compare as text); the municipality
 * statement adds ?1 as a plain term so that it uses the (municipality, id) index. */
#define AUDIT_WHERE(MEASURE_ID)                                                                    \
    " (?2 IS NULL OR (table_name = ?2 AND (?3 IS NULL OR record_id = ?3))"                         \
    "  OR (?4 <> 0 AND ?3 IS NOT NULL AND table_name IN ('measure_amount', 'evaluation')"          \
    "   AND " MEASURE_ID " = ?3))"                                                                 \
    " AND (?5 IS NULL OR at >= ?5) AND (?6 IS NULL OR substr(at, 1, 10) <= ?6)"                    \
    " AND (?8 IS NULL OR at >= ?8) AND (?9 IS NULL OR at < ?9)"                                    \
    " ORDER BY id DESC LIMIT ?7"
/* The measure a snapshot names, in each dialect. */
#define LITE_MEASURE_ID "json_extract(COALESCE(after_json, before_json), '$.measure_id')"
#define PG_MEASURE_ID "(COALESCE(after_json, before_json)::json ->> 'measure_id')::bigint"

static const char SQL_AUDIT_MUNI[] =
    "SELECT " AUDIT_COLS " FROM audit WHERE municipality = ?1 AND" AUDIT_WHERE(LITE_MEASURE_ID);
static const char SQL_AUDIT_ALL[] =
    "SELECT " AUDIT_COLS " FROM audit WHERE" AUDIT_WHERE(LITE_MEASURE_ID);
static const char PG_AUDIT_MUNI[] =
    "SELECT " AUDIT_COLS " FROM audit WHERE municipality = ?1 AND" AUDIT_WHERE(PG_MEASURE_ID);
static const char PG_AUDIT_ALL[] =
    "SELECT " AUDIT_COLS " FROM audit WHERE" AUDIT_WHERE(PG_MEASURE_ID);

static void read_audit(Arena *a, DbStmt *st, AuditEntry *r)
{
    r->id = sq_col_int(st, 0);
    r->at = sq_col_text(a, st, 1);
    r->actor = sq_col_text(a, st, 2);
    r->action = sq_col_text(a, st, 3);
    r->table_name = sq_col_text(a, st, 4);
    r->record_id = sq_col_int(st, 5);
    r->municipality = sq_col_text(a, st, 6);
    r->before_json = sq_col_text(a, st, 7);
    r->after_json = sq_col_text(a, st, 8);
    r->reason = sq_col_text(a, st, 9);
}

int store_audit_query(Store *s, const AuditFilter *f, Arena *a, AuditEntry **out, size_t *n,
                      PokErr *err)
{
    *out = NULL;
    *n = 0;
    if (sq_check_date(f->date_from, "vanaf-datum", 0, err) ||
        sq_check_date(f->date_to, "tot-en-met-datum", 0, err))
        return -1;
    const char *muni = f->municipality && *f->municipality ? f->municipality : NULL;
    DbStmt *st = sq_stmt(
        s, muni ? SQ_SQL(s, SQL_AUDIT_MUNI, PG_AUDIT_MUNI) : SQ_SQL(s, SQL_AUDIT_ALL, PG_AUDIT_ALL),
        err);
    if (!st) return -1;
    if (muni) sq_bind_text(st, 1, muni);
    sq_bind_text(st, 2, f->table_name && *f->table_name ? f->table_name : NULL);
    sq_bind_nz(st, 3, f->record_id);
    sq_bind_int(st, 4, f->with_related ? 1 : 0);
    sq_bind_text(st, 5, f->date_from && *f->date_from ? f->date_from : NULL);
    sq_bind_text(st, 6, f->date_to && *f->date_to ? f->date_to : NULL);
    sq_bind_int(st, 7, f->limit ? (int64_t)f->limit : INT64_MAX);
    sq_bind_text(st, 8, f->at_from && *f->at_from ? f->at_from : NULL);
    sq_bind_text(st, 9, f->at_before && *f->at_before ? f->at_before : NULL);
    AuditEntry *items = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        items = arena_grow(a, items, sizeof *items, &cap, count + 1);
        read_audit(a, st, &items[count++]);
    }
    if (rc != 0) return sq_fail(s, st, err);
    db_reset(st);
    *out = items;
    *n = count;
    return 0;
}

int store_audit_list(Store *s, const char *code, size_t limit, Arena *a, AuditEntry **out,
                     size_t *n, PokErr *err)
{
    AuditFilter f = {.municipality = code, .limit = limit};
    return store_audit_query(s, &f, a, out, n, err);
}

/* ---- deletion ---- */

/* One deletable kind: fixed statements only, never SQL built from the kind's name. */
typedef struct DeleteKind {
    const char *kind;     /* what pok delete takes; also the audit table name */
    const char *what;     /* Dutch, for messages */
    RecordKindId record;  /* its field table, for the snapshot */
    const char *muni_sql; /* the municipality of the record, ?1 = id */
    const char *delete_sql;
    const char *closed_sql; /* a closed year the record's figures fall in, ?1 = id; or NULL */
} DeleteKind;

#define MUNI_OF(table) "SELECT municipality FROM " table " WHERE id = ?1"
#define MUNI_VIA_MEASURE(table)                                                                    \
    "SELECT m.municipality FROM " table " t JOIN measure m ON m.id = t.measure_id WHERE t.id = ?1"

static const DeleteKind delete_kinds[] = {
    {"measure", "maatregel", RECORD_MEASURE, MUNI_OF("measure"),
     "DELETE FROM measure WHERE id = ?1",
     "SELECT c.year FROM measure_amount r JOIN measure m ON m.id = r.measure_id"
     " JOIN closed_year c ON c.municipality = m.municipality AND c.year = r.year"
     " WHERE m.id = ?1 ORDER BY c.year LIMIT 1"},
    {"measure_amount", "maatregelbedrag", RECORD_MEASURE_AMOUNT, MUNI_VIA_MEASURE("measure_amount"),
     "DELETE FROM measure_amount WHERE id = ?1",
     "SELECT c.year FROM measure_amount r JOIN measure m ON m.id = r.measure_id"
     " JOIN closed_year c ON c.municipality = m.municipality AND c.year = r.year"
     " WHERE r.id = ?1"},
    {"reserve_movement", "reservemutatie", RECORD_RESERVE_MOVEMENT, MUNI_OF("reserve_movement"),
     "DELETE FROM reserve_movement WHERE id = ?1",
     "SELECT c.year FROM reserve_movement r JOIN closed_year c ON c.municipality ="
     " r.municipality AND (c.year = r.year OR c.year = r.to_year) WHERE r.id = ?1"
     " ORDER BY c.year LIMIT 1"},
    {"decision", "besluit", RECORD_DECISION, MUNI_OF("decision"),
     "DELETE FROM decision WHERE id = ?1", NULL},
    {"request", "verzoek", RECORD_REQUEST, MUNI_OF("request"), "DELETE FROM request WHERE id = ?1",
     NULL},
    {"evaluation", "evaluatie", RECORD_EVALUATION, MUNI_VIA_MEASURE("evaluation"),
     "DELETE FROM evaluation WHERE id = ?1", NULL},
    {"stated_figure", "genoemd bedrag", RECORD_STATED_FIGURE, MUNI_OF("stated_figure"),
     "DELETE FROM stated_figure WHERE id = ?1", NULL},
    {"allocation", "toekenning (versie)", RECORD_ALLOCATION, MUNI_OF("allocation"),
     "DELETE FROM allocation WHERE id = ?1",
     "SELECT c.year FROM allocation r JOIN closed_year c ON c.municipality = r.municipality"
     " AND c.year BETWEEN r.year AND COALESCE(r.year_to, r.year) WHERE r.id = ?1"},
};
#define N_KINDS (sizeof delete_kinds / sizeof delete_kinds[0])

const char *const store_delete_kinds[] = {"measure",       "measure_amount", "reserve_movement",
                                          "decision",      "request",        "evaluation",
                                          "stated_figure", "allocation",     NULL};

static const DeleteKind *find_kind(const char *kind)
{
    for (size_t i = 0; kind && i < N_KINDS; i++)
        if (strcmp(delete_kinds[i].kind, kind) == 0) return &delete_kinds[i];
    return NULL;
}

static int audit_delete(Store *s, const char *table, int64_t id, const char *muni,
                        const char *before, const char *reason, PokErr *err)
{
    return sq_audit_reason(s, "delete", table, id, muni, before, NULL, reason, err);
}

/* The municipality of a record into muni[16]: 1 found, 0 not, -1 error. */
static int record_muni(Store *s, const DeleteKind *k, int64_t id, char muni[16], PokErr *err)
{
    DbStmt *st = sq_stmt(s, k->muni_sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    int found = sq_step_row(s, st, err);
    if (found == 1) {
        const char *m = db_col_text(st, 0);
        snprintf(muni, 16, "%s", m ? m : "");
        db_reset(st);
    }
    return found;
}

/* Snapshot, delete and audit one record of kind k. */
static int delete_one(Store *s, const DeleteKind *k, int64_t id, const char *muni,
                      const char *reason, PokErr *err)
{
    char *before = NULL;
    if (sq_record_snapshot_id(s, &record_kinds[k->record], id, &before, err)) return -1;
    DbStmt *st = sq_stmt(s, k->delete_sql, err);
    int rc = st ? 0 : -1;
    if (rc == 0) {
        sq_bind_int(st, 1, id);
        rc = sq_step_done(s, st, err);
    }
    if (rc == 0) rc = audit_delete(s, k->kind, id, muni, before, reason, err);
    free(before);
    return rc;
}

/* Delete every record of kind k whose measure_id is measure_id (ids from sql). */
static int delete_children(Store *s, const char *sql, const char *kind, int64_t measure_id,
                           const char *muni, const char *reason, PokErr *err)
{
    DbStmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, measure_id);
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            ids = xrealloc(ids, cap * sizeof *ids);
        }
        ids[n++] = sq_col_int(st, 0);
    }
    if (rc != 0) {
        free(ids);
        return sq_fail(s, st, err);
    }
    db_reset(st);
    const DeleteKind *k = find_kind(kind);
    int result = 0;
    for (size_t i = 0; i < n && result == 0; i++)
        result = delete_one(s, k, ids[i], muni, reason, err);
    free(ids);
    return result;
}

/* How many records cite decision id. */
static int decision_uses(Store *s, int64_t id, int64_t *uses, PokErr *err)
{
    DbStmt *st = sq_stmt(s,
                         "SELECT (SELECT count(*) FROM measure WHERE decision_id = ?1)"
                         " + (SELECT count(*) FROM measure_amount WHERE decision_id = ?1)"
                         " + (SELECT count(*) FROM reserve_opening WHERE decision_id = ?1)"
                         " + (SELECT count(*) FROM reserve_movement WHERE decision_id = ?1)"
                         " + (SELECT count(*) FROM request WHERE decision_id = ?1)"
                         " + (SELECT count(*) FROM evaluation WHERE decision_id = ?1)"
                         " + (SELECT count(*) FROM closed_year WHERE decision_id = ?1)",
                         err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    if (sq_step_row(s, st, err) != 1) return -1;
    *uses = sq_col_int(st, 0);
    db_reset(st);
    return 0;
}

/* Deleting a closed year's figure changes that year: refused like any other write. */
static int check_open(Store *s, const DeleteKind *k, int64_t id, const char *muni, PokErr *err)
{
    if (!k->closed_sql) return 0;
    DbStmt *st = sq_stmt(s, k->closed_sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    if (!found) return 0;
    int year = (int)sq_col_int(st, 0);
    db_reset(st);
    return err_set(err, "jaar %d is afgesloten voor %s: heropen het eerst (pok year reopen)", year,
                   muni);
}

static int delete_body(Store *s, const DeleteKind *k, int64_t id, const char *reason, PokErr *err)
{
    char muni[16] = "";
    int found = record_muni(s, k, id, muni, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekende %s (id %lld)", k->what, (long long)id);
    if (check_open(s, k, id, muni, err)) return -1;
    if (strcmp(k->kind, "decision") == 0) {
        int64_t uses = 0;
        if (decision_uses(s, id, &uses, err)) return -1;
        if (uses)
            return err_set(err,
                           "besluit %lld wordt nog gebruikt door %lld gegeven(s); wijzig of "
                           "verwijder die eerst",
                           (long long)id, (long long)uses);
    }
    if (strcmp(k->kind, "measure") == 0 &&
        (delete_children(s, "SELECT id FROM measure_amount WHERE measure_id = ?1 ORDER BY id",
                         "measure_amount", id, muni, reason, err) ||
         delete_children(s, "SELECT id FROM evaluation WHERE measure_id = ?1 ORDER BY id",
                         "evaluation", id, muni, reason, err)))
        return -1;
    return delete_one(s, k, id, muni, reason, err);
}

int store_delete(Store *s, const char *kind, int64_t id, const char *reason, PokErr *err)
{
    const DeleteKind *k = find_kind(kind);
    if (!k)
        return err_set(err,
                       "onbekende soort '%s': verwacht measure, measure_amount, reserve_movement, "
                       "decision, request, evaluation, stated_figure of allocation",
                       kind ? kind : "");
    if (id <= 0)
        return err_set(err, "ongeldig id %lld: verwacht een positief getal", (long long)id);
    if (!reason || !*reason)
        return err_set(err, "reden ontbreekt: zeg waarom het gegeven weg moet");
    if (SQ_CHECK_TEXTS(err, {reason, "reden", TEXT_LONG})) return -1;
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, delete_body(s, k, id, reason, err), err);
}

int store_last_changes(Store *s, Arena *a, LastChange **out, size_t *n, PokErr *err)
{
    /* the newest row is the highest id (the index audit_municipality holds both) */
    DbStmt *st = sq_stmt(s,
                         "SELECT a.municipality, a.at FROM audit a JOIN"
                         " (SELECT municipality, max(id) AS id FROM audit"
                         " WHERE municipality IS NOT NULL GROUP BY municipality) m"
                         " ON a.id = m.id ORDER BY a.municipality",
                         err);
    if (!st) return -1;
    LastChange *items = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        items = arena_grow(a, items, sizeof *items, &cap, count + 1);
        items[count].municipality = sq_col_text(a, st, 0);
        items[count].at = sq_col_text(a, st, 1);
        count++;
    }
    if (rc != 0) return sq_fail(s, st, err);
    db_reset(st);
    *out = items;
    *n = count;
    return 0;
}
