/* store.c: the store: opening and migrating, the audit trail, reference checks, and the
 * writes of the reference data (schemes, actielijnen, purposes, municipalities,
 * inhabitants, sources). Municipality records are written in store_records.c, reads in
 * store_load.c; the SQL of both comes from the field tables (store_record_sql.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "migrations.h"
#include "store_internal.h"

/* ---- opening and migrating ---- */

int store_schema_latest(void)
{
    return (int)migrations_count;
}

static int read_schema_version(Store *s, int *version, PokErr *err)
{
    static const char has_table_lite[] =
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
    static const char has_table_pg[] =
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
        " AND table_name = 'schema_migrations'";
    static const char max_version[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
    DbStmt *st = sq_stmt(s, SQ_SQL(s, has_table_lite, has_table_pg), err);
    if (!st || sq_step_row(s, st, err) != 1) return -1;
    int exists = (int)db_col_int(st, 0);
    db_reset(st);
    *version = 0;
    if (!exists) return 0;
    /* Not cached: the table may be created later on this connection. */
    st = db_prepare(s->db, max_version);
    if (!st) return sq_fail(s, NULL, err);
    int rc = db_step(st);
    if (rc != 1) {
        if (rc < 0) sq_fail(s, NULL, err);
        db_finalize(st);
        return -1;
    }
    *version = (int)db_col_int(st, 0);
    db_finalize(st);
    return 0;
}

int store_schema_version(Store *s)
{
    int version;
    PokErr err;
    return read_schema_version(s, &version, &err) ? -1 : version;
}

static int schema_too_new(Store *s, int version, PokErr *err)
{
    return err_set(err,
                   "database %s heeft schemaversie %d, nieuwer dan deze pok (%d): werk pok bij",
                   s->path, version, store_schema_latest());
}

/* Applies every pending migration in one transaction (DDL is transactional in both
 * backends): either the schema is at the newest version afterwards or unchanged. */
static int migrate(Store *s, int *from, PokErr *err)
{
    int version;
    /* PostgreSQL's data-version row must exist before a write transaction can start. */
    if (SQ_PG(s) && sq_exec(s, MIGRATIONS_PG_DATA_VERSION_SQL, err)) return -1;
    /* Current already: no write transaction (it would move the data version). */
    if (read_schema_version(s, &version, err) == 0 && version == store_schema_latest()) {
        if (from) *from = version;
        return 0;
    }
    if (db_begin_write(s->db)) return sq_fail(s, NULL, err);
    if (sq_exec(s, MIGRATIONS_TABLE_SQL, err) || read_schema_version(s, &version, err)) goto fail;
    if (from) *from = version;
    if (version > store_schema_latest()) {
        schema_too_new(s, version, err);
        goto fail;
    }
    for (int v = version + 1; v <= store_schema_latest(); v++) {
        char *sql = migration_sql(v, db_kind(s->db));
        int rc = sq_exec(s, sql, err);
        free(sql);
        if (rc) {
            err_prefix(err, "migratie %d van database %s mislukt: ", v, s->path);
            goto fail;
        }
        char now[32];
        sq_now(now);
        DbStmt *st = db_prepare(
            s->db, "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)");
        if (!st) {
            sq_fail(s, NULL, err);
            goto fail;
        }
        db_bind_int(st, 1, v);
        db_bind_text(st, 2, now);
        rc = db_step(st);
        if (rc < 0) sq_fail(s, NULL, err);
        db_finalize(st);
        if (rc < 0) goto fail;
    }
    /* Closed years of a database from before their figures were kept get them now. */
    if (sq_closed_fill_missing(s, err)) {
        err_prefix(err, "migratie van database %s mislukt: ", s->path);
        goto fail;
    }
    if (sq_exec(s, "COMMIT", err) == 0) return 0;
fail:
    store_rollback(s);
    return -1;
}

static int check_schema(Store *s, PokErr *err)
{
    int version;
    if (read_schema_version(s, &version, err)) return -1;
    if (version == 0)
        return err_set(err, "database %s is niet geïnitialiseerd: voer eerst 'pok init' uit",
                       s->path);
    if (version < store_schema_latest())
        return err_set(err,
                       "database %s is verouderd (schemaversie %d, deze pok verwacht %d): "
                       "voer eerst 'pok migrate' uit",
                       s->path, version, store_schema_latest());
    if (version > store_schema_latest()) return schema_too_new(s, version, err);
    return 0;
}

static Store *open_store(const char *url, int create_or_migrate, int *from, PokErr *err)
{
    Db *db = db_open(url, create_or_migrate, err);
    if (!db) return NULL;
    Store *s = xcalloc(1, sizeof *s);
    s->db = db;
    s->path = db_name(db);
    s->actor = xstrdup("cli");
    int rc = 0;
    if (SQ_PG(s)) {
        rc = (!create_or_migrate && check_schema(s, err)) ||
             (create_or_migrate && migrate(s, from, err));
    } else {
        /* The schema is checked before journal_mode, which would write to an empty file. */
        rc = sq_exec(s, "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000", err) ||
             (!create_or_migrate && check_schema(s, err)) ||
             sq_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", err) ||
             (create_or_migrate && migrate(s, from, err));
    }
    if (rc) {
        store_close(s);
        return NULL;
    }
    return s;
}

Store *store_open(const char *url, int create_or_migrate, PokErr *err)
{
    return open_store(url, create_or_migrate, NULL, err);
}

Store *store_migrate(const char *url, int *from, int *to, PokErr *err)
{
    *from = *to = 0;
    Store *s = open_store(url, 1, from, err);
    if (s) *to = store_schema_version(s);
    return s;
}

const char *store_name(const Store *s)
{
    return s->path;
}

void store_close(Store *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n_cache; i++) db_finalize(s->cache[i].st);
    free(s->cache);
    sq_closed_free(s);
    sq_record_sql_free(s);
    db_close(s->db);
    free(s->actor);
    free(s);
}

void store_set_actor(Store *s, const char *actor)
{
    free(s->actor);
    s->actor = xstrdup(actor && *actor ? actor : "cli");
}

/* ---- audit ---- */

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

/* ---- reference checks ---- */

int sq_check_required(const char *v, const char *what, PokErr *err)
{
    return v && *v ? 0 : err_set(err, "%s ontbreekt", what);
}

int sq_check_texts(const SqText *texts, size_t n, PokErr *err)
{
    for (size_t i = 0; i < n; i++)
        if (text_check(texts[i].what, texts[i].value, texts[i].bound, err)) return -1;
    return 0;
}

int sq_check_date(const char *date, const char *what, int required, PokErr *err)
{
    if (!date || !*date) return required ? err_set(err, "%s ontbreekt", what) : 0;
    if (!date_valid(date))
        return err_set(err, "ongeldige datum '%s' (%s): verwacht JJJJ-MM-DD", date, what);
    return 0;
}

int sq_check_municipality(Store *s, const char *code, PokErr *err)
{
    if (!code || !*code) return err_set(err, "gemeente ontbreekt");
    DbStmt *st = sq_stmt(s, "SELECT 1 FROM municipality WHERE code = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    db_reset(st);
    return found ? 0 : err_set(err, "onbekende gemeente %s", code);
}

int sq_check_scheme(Store *s, int64_t scheme_id, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT 1 FROM scheme WHERE id = ?1", err);
    if (!st) return -1;
    sq_bind_int(st, 1, scheme_id);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    db_reset(st);
    return found ? 0 : err_set(err, "onbekende regeling (id %lld)", (long long)scheme_id);
}

/* Looks up (scheme_id, number) of an actielijn or purpose. */
static int scheme_member(Store *s, const char *sql, int64_t id, int64_t *scheme_id, int *number,
                         PokErr *err)
{
    DbStmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    int found = sq_step_row(s, st, err);
    if (found == 1) {
        *scheme_id = sq_col_int(st, 0);
        *number = (int)db_col_int(st, 1);
        db_reset(st);
    }
    return found;
}

int sq_check_actielijn(Store *s, int64_t actielijn_id, int64_t scheme_id, PokErr *err)
{
    int64_t owner = 0;
    int number = 0;
    int found = scheme_member(s, "SELECT scheme_id, number FROM actielijn WHERE id = ?1",
                              actielijn_id, &owner, &number, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekende actielijn (id %lld)", (long long)actielijn_id);
    if (scheme_id && owner != scheme_id)
        return err_set(err, "actielijn %d (id %lld) hoort niet bij regeling %lld", number,
                       (long long)actielijn_id, (long long)scheme_id);
    return 0;
}

int sq_check_purpose(Store *s, int64_t purpose_id, int64_t scheme_id, PokErr *err)
{
    int64_t owner = 0;
    int number = 0;
    int found = scheme_member(s, "SELECT scheme_id, number FROM purpose WHERE id = ?1", purpose_id,
                              &owner, &number, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekend doel (id %lld)", (long long)purpose_id);
    if (scheme_id && owner != scheme_id)
        return err_set(err, "doel %d (id %lld) hoort niet bij regeling %lld", number,
                       (long long)purpose_id, (long long)scheme_id);
    return 0;
}

/* The municipality column of a record by id: 1 found (muni "" when NULL), 0 not found. */
static int owner_of(Store *s, const char *sql, int64_t id, char muni[16], int64_t *scheme_id,
                    PokErr *err)
{
    DbStmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    int found = sq_step_row(s, st, err);
    if (found == 1) {
        const char *m = db_col_text(st, 0);
        snprintf(muni, 16, "%s", m ? m : "");
        if (scheme_id) *scheme_id = sq_col_int(st, 1);
        db_reset(st);
    }
    return found;
}

int sq_check_source(Store *s, int64_t source_id, const char *municipality, PokErr *err)
{
    if (!source_id) return 0;
    char owner[16] = "";
    int found =
        owner_of(s, "SELECT municipality FROM source WHERE id = ?1", source_id, owner, NULL, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekende bron (id %lld)", (long long)source_id);
    if (municipality && *owner && strcmp(owner, municipality) != 0)
        return err_set(err, "bron %lld hoort bij gemeente %s, niet bij %s", (long long)source_id,
                       owner, municipality);
    return 0;
}

int sq_check_decision(Store *s, int64_t decision_id, const char *municipality, PokErr *err)
{
    if (!decision_id) return 0;
    char owner[16] = "";
    int found = owner_of(s, "SELECT municipality FROM decision WHERE id = ?1", decision_id, owner,
                         NULL, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekend besluit (id %lld)", (long long)decision_id);
    if (municipality && strcmp(owner, municipality) != 0)
        return err_set(err, "besluit %lld hoort bij gemeente %s, niet bij %s",
                       (long long)decision_id, owner, municipality);
    return 0;
}

int sq_check_pot(Store *s, int64_t pot_id, const char *municipality, int64_t scheme_id, PokErr *err)
{
    if (!pot_id) return 0;
    char owner[16] = "";
    int64_t owner_scheme = 0;
    int found = owner_of(s, "SELECT municipality, scheme_id FROM pot WHERE id = ?1", pot_id, owner,
                         &owner_scheme, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekende pot (id %lld)", (long long)pot_id);
    if (municipality && strcmp(owner, municipality) != 0)
        return err_set(err, "pot %lld hoort bij gemeente %s, niet bij %s", (long long)pot_id, owner,
                       municipality);
    if (scheme_id && owner_scheme != scheme_id)
        return err_set(err, "pot %lld hoort bij een andere regeling", (long long)pot_id);
    return 0;
}

int sq_check_measure(Store *s, int64_t measure_id, char muni[16], int64_t *scheme_id, PokErr *err)
{
    int found = owner_of(s, "SELECT municipality, scheme_id FROM measure WHERE id = ?1", measure_id,
                         muni, scheme_id, err);
    if (found < 0) return -1;
    return found ? 0 : err_set(err, "onbekende maatregel (id %lld)", (long long)measure_id);
}

/* ---- schemes, actielijnen, purposes ---- */

static int scheme_insert(Store *s, const Scheme *sc, int64_t *id, PokErr *err)
{
    if (sq_check_required(sc->code, "code van de regeling", err) ||
        sq_check_required(sc->name, "naam van de regeling", err) ||
        SQ_CHECK_TEXTS(err, {sc->code, "code van de regeling", TEXT_SHORT},
                       {sc->name, "naam van de regeling", TEXT_SHORT}))
        return -1;
    DbStmt *st = sq_stmt(s, "SELECT 1 FROM scheme WHERE code = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, sc->code);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    db_reset(st);
    if (found) return err_set(err, "regeling %s bestaat al", sc->code);
    return sq_record_add(s, RECORD(SCHEME), sc, id, NULL, err);
}

int store_scheme_add(Store *s, Scheme *scheme, PokErr *err)
{
    WRITE_RETURNING_ID(scheme_insert(s, scheme, &new_id, err), scheme->id);
}

/* Actielijnen and purposes are numbered within their scheme: 0 when no `what` (sql finds
 * it by ?1 scheme, ?2 number) has the number yet. */
static int number_free(Store *s, const char *sql, const char *what, int64_t scheme_id, int number,
                       PokErr *err)
{
    DbStmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, scheme_id);
    sq_bind_int(st, 2, number);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    if (!found) return 0;
    db_reset(st);
    return err_set(err, "%s %d bestaat al in regeling %lld", what, number, (long long)scheme_id);
}

static int actielijn_insert(Store *s, const Actielijn *al, int64_t *id, PokErr *err)
{
    if (sq_check_scheme(s, al->scheme_id, err) ||
        sq_check_required(al->name, "naam van de actielijn", err) ||
        SQ_CHECK_TEXTS(err, {al->name, "naam van de actielijn", TEXT_SHORT},
                       {al->circulaire_name, "naam van de actielijn in de circulaire", TEXT_SHORT},
                       {al->flow, "geldstroom van de actielijn", TEXT_LONG}))
        return -1;
    if (number_free(s, "SELECT 1 FROM actielijn WHERE scheme_id = ?1 AND number = ?2", "actielijn",
                    al->scheme_id, al->number, err))
        return -1;
    return sq_record_add(s, RECORD(ACTIELIJN), al, id, NULL, err);
}

int store_actielijn_add(Store *s, Actielijn *al, PokErr *err)
{
    WRITE_RETURNING_ID(actielijn_insert(s, al, &new_id, err), al->id);
}

static int purpose_insert(Store *s, const Purpose *p, int64_t *id, PokErr *err)
{
    if (sq_check_scheme(s, p->scheme_id, err) ||
        sq_check_required(p->name, "omschrijving van het doel", err) ||
        SQ_CHECK_TEXTS(err, {p->name, "omschrijving van het doel", TEXT_SHORT}))
        return -1;
    if (number_free(s, "SELECT 1 FROM purpose WHERE scheme_id = ?1 AND number = ?2", "doel",
                    p->scheme_id, p->number, err))
        return -1;
    return sq_record_add(s, RECORD(PURPOSE), p, id, NULL, err);
}

int store_purpose_add(Store *s, Purpose *p, PokErr *err)
{
    WRITE_RETURNING_ID(purpose_insert(s, p, &new_id, err), p->id);
}

/* ---- municipalities and inhabitants ---- */

static int code_valid(const char *code)
{
    if (!code || strlen(code) != 6 || code[0] != 'G' || code[1] != 'M') return 0;
    for (int i = 2; i < 6; i++)
        if (code[i] < '0' || code[i] > '9') return 0;
    return 1;
}

/* Insert rec, or update the row its key names, with the audit row of before and after
 * (record_id and municipality as the audit trail files it). */
static int put_audited(Store *s, const RecordKind *k, const void *rec, int64_t record_id,
                       const char *municipality, PokErr *err)
{
    char *before, *after = NULL;
    if (sq_record_snapshot(s, k, rec, &before, err)) return -1;
    int rc = before ? (sq_record_update(s, k, rec, err) < 0 ? -1 : 0)
                    : sq_record_insert(s, k, rec, NULL, err);
    if (rc == 0) rc = sq_record_snapshot(s, k, rec, &after, err);
    if (rc == 0)
        rc = sq_audit(s, before ? "update" : "insert", k->table, record_id, municipality, before,
                      after, err);
    free(before);
    free(after);
    return rc;
}

static int municipality_write(Store *s, const Municipality *m, PokErr *err)
{
    if (!code_valid(m->code))
        return err_set(err,
                       "ongeldige gemeentecode '%s': verwacht GM gevolgd door vier cijfers, "
                       "zoals GM0363",
                       m->code ? m->code : "");
    if (!m->name || !*m->name) return err_set(err, "naam van gemeente %s ontbreekt", m->code);
    if (SQ_CHECK_TEXTS(err, {m->name, "naam van de gemeente", TEXT_SHORT},
                       {m->province, "provincie", TEXT_SHORT}))
        return -1;
    return put_audited(s, RECORD(MUNICIPALITY), m, 0, m->code, err);
}

int store_municipality_put(Store *s, const Municipality *m, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, municipality_write(s, m, err), err);
}

static int inhabitants_write(Store *s, const Inhabitants *inh, PokErr *err)
{
    if (sq_check_municipality(s, inh->municipality, err) ||
        sq_check_source(s, inh->source_id, inh->municipality, err))
        return -1;
    return put_audited(s, RECORD(INHABITANTS), inh, inh->year, inh->municipality, err);
}

int store_inhabitants_put(Store *s, const Inhabitants *inh, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, inhabitants_write(s, inh, err), err);
}

/* ---- sources ---- */

static int source_insert(Store *s, const Source *src, int64_t *id, PokErr *err)
{
    if (sq_check_required(src->kind, "soort bron", err) ||
        sq_check_required(src->title, "titel van de bron", err) ||
        sq_check_date(src->date, "datum van de bron", 0, err) ||
        SQ_CHECK_TEXTS(err, {src->kind, "soort bron", TEXT_SHORT},
                       {src->title, "titel van de bron", TEXT_SHORT},
                       {src->reference, "kenmerk van de bron", TEXT_SHORT},
                       {src->note, "notitie bij de bron", TEXT_LONG}))
        return -1;
    if (src->municipality && sq_check_municipality(s, src->municipality, err)) return -1;
    return sq_record_add(s, RECORD(SOURCE), src, id, src->municipality, err);
}

int store_source_add(Store *s, Source *src, PokErr *err)
{
    WRITE_RETURNING_ID(source_insert(s, src, &new_id, err), src->id);
}
