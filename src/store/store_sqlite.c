/* store_sqlite.c: the SQLite store: opening and migrating, transactions, the statement
 * cache, error mapping, reference checks, the audit trail, and the writes of the
 * reference data (schemes, actielijnen, purposes, municipalities, inhabitants, sources).
 * Municipality records are written in store_sqlite_records.c, reads in store_sqlite_load.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "migrations.h"
#include "sqlite_internal.h"

#define PG_NOT_YET "PostgreSQL wordt nog niet ondersteund (volgt in een latere versie)"

/* ---- JSON snapshots of each audited table ---- */

#define CITE_JSON "'source_id', source_id, 'source_place', source_place"

const char SQ_JSON_SCHEME[] =
    "SELECT json_object('id', id, 'code', code, 'name', name, 'first_year', first_year,"
    " 'last_year', last_year) FROM scheme WHERE id = ?1";
const char SQ_JSON_ACTIELIJN[] =
    "SELECT json_object('id', id, 'scheme_id', scheme_id, 'number', number, 'name', name,"
    " 'circulaire_name', circulaire_name, 'flow', flow) FROM actielijn WHERE id = ?1";
const char SQ_JSON_PURPOSE[] =
    "SELECT json_object('id', id, 'scheme_id', scheme_id, 'number', number, 'name', name)"
    " FROM purpose WHERE id = ?1";
const char SQ_JSON_MUNICIPALITY[] =
    "SELECT json_object('code', code, 'name', name, 'province', province, 'first_year',"
    " first_year, 'last_year', last_year) FROM municipality WHERE code = ?1";
const char SQ_JSON_INHABITANTS[] =
    "SELECT json_object('municipality', municipality, 'year', year, 'count', count,"
    " 'source_id', source_id) FROM inhabitants WHERE municipality = ?1 AND year = ?2";
const char SQ_JSON_SOURCE[] =
    "SELECT json_object('id', id, 'kind', kind, 'title', title, 'reference', reference,"
    " 'date', date, 'municipality', municipality, 'note', note) FROM source WHERE id = ?1";
const char SQ_JSON_ALLOCATION[] =
    "SELECT json_object('id', id, 'municipality', municipality, 'scheme_id', scheme_id,"
    " 'actielijn_id', actielijn_id,"
    " 'year', year, 'amount_cents', amount_cents, 'version', version, " CITE_JSON ","
    " 'recorded_at', recorded_at) FROM allocation WHERE id = ?1";
const char SQ_JSON_POT[] =
    "SELECT json_object('id', id, 'municipality', municipality, 'scheme_id', scheme_id,"
    " 'name', name, " CITE_JSON ", 'actielijn_ids', json((SELECT json_group_array(actielijn_id)"
    " FROM (SELECT actielijn_id FROM pot_actielijn WHERE pot_id = pot.id"
    " ORDER BY actielijn_id)))) FROM pot WHERE id = ?1";
const char SQ_JSON_MEASURE[] =
    "SELECT json_object('id', id, 'municipality', municipality, 'scheme_id', scheme_id,"
    " 'pot_id', pot_id, 'name', name, 'description', description, 'partner', partner,"
    " 'status', status, 'cost_centres', cost_centres, " CITE_JSON ", 'decision_id',"
    " decision_id, 'actielijn_ids', json((SELECT json_group_array(actielijn_id) FROM"
    " (SELECT actielijn_id FROM measure_actielijn WHERE measure_id = measure.id"
    " ORDER BY actielijn_id))), 'purpose_ids', json((SELECT json_group_array(purpose_id) FROM"
    " (SELECT purpose_id FROM measure_purpose WHERE measure_id = measure.id"
    " ORDER BY purpose_id)))) FROM measure WHERE id = ?1";
const char SQ_JSON_MEASURE_AMOUNT[] =
    "SELECT json_object('id', id, 'measure_id', measure_id, 'year', year, 'kind', kind,"
    " 'amount_cents', amount_cents, " CITE_JSON ", 'decision_id', decision_id)"
    " FROM measure_amount WHERE id = ?1";
const char SQ_JSON_RESERVE_OPENING[] =
    "SELECT json_object('id', id, 'municipality', municipality, 'scheme_id', scheme_id,"
    " 'pot_id', pot_id, 'year', year, 'amount_cents', amount_cents, " CITE_JSON ","
    " 'decision_id', decision_id) FROM reserve_opening WHERE id = ?1";
const char SQ_JSON_RESERVE_MOVEMENT[] =
    "SELECT json_object('id', id, 'municipality', municipality, 'scheme_id', scheme_id,"
    " 'pot_id', pot_id, 'kind', kind, 'year', year, 'to_year', to_year, 'amount_cents',"
    " amount_cents, 'description', description, " CITE_JSON ", 'decision_id', decision_id)"
    " FROM reserve_movement WHERE id = ?1";
const char SQ_JSON_DECISION[] =
    "SELECT json_object('id', id, 'municipality', municipality, 'date', date, 'body', body,"
    " 'reference', reference, 'title', title, 'outcome', outcome, " CITE_JSON ")"
    " FROM decision WHERE id = ?1";
const char SQ_JSON_REQUEST[] =
    "SELECT json_object('id', id, 'municipality', municipality, 'requester', requester,"
    " 'date', date, 'subject', subject, 'amount_cents', amount_cents, 'letter_source_id',"
    " letter_source_id, 'decision_id', decision_id, 'status', status, " CITE_JSON ")"
    " FROM request WHERE id = ?1";
const char SQ_JSON_EVALUATION[] =
    "SELECT json_object('id', id, 'measure_id', measure_id, 'date', date, 'verdict', verdict,"
    " 'text', text, 'follow_up', follow_up, " CITE_JSON ", 'decision_id', decision_id)"
    " FROM evaluation WHERE id = ?1";
const char SQ_JSON_CLOSED_YEAR[] =
    "SELECT json_object('municipality', municipality, 'year', year, " CITE_JSON ","
    " 'decision_id', decision_id) FROM closed_year WHERE municipality = ?1 AND year = ?2";
const char SQ_JSON_STATED[] =
    "SELECT json_object('id', id, 'municipality', municipality, 'scheme_id', scheme_id,"
    " 'kind', kind, 'actielijn_id', actielijn_id, 'pot_id', pot_id, 'year_from', year_from,"
    " 'year_to', year_to, 'amount_cents', amount_cents, 'description', description, " CITE_JSON
    ") FROM stated_figure WHERE id = ?1";

/* ---- statements, binding, errors ---- */

sqlite3_stmt *sq_stmt(Store *s, const char *sql, PokErr *err)
{
    for (size_t i = 0; i < s->n_cache; i++)
        if (s->cache[i].sql == sql) {
            sqlite3_reset(s->cache[i].st);
            sqlite3_clear_bindings(s->cache[i].st);
            return s->cache[i].st;
        }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        sq_fail(s, NULL, rc, err);
        sqlite3_finalize(st);
        return NULL;
    }
    if (s->n_cache == s->cap_cache) {
        s->cap_cache = s->cap_cache ? s->cap_cache * 2 : 64;
        s->cache = xrealloc(s->cache, s->cap_cache * sizeof *s->cache);
    }
    s->cache[s->n_cache].sql = sql;
    s->cache[s->n_cache].st = st;
    s->n_cache++;
    return st;
}

void sq_reset_all(Store *s)
{
    for (size_t i = 0; i < s->n_cache; i++) sqlite3_reset(s->cache[i].st);
}

int sq_exec(Store *s, const char *sql, PokErr *err)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : sq_fail(s, NULL, rc, err);
}

void sq_bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

void sq_bind_int(sqlite3_stmt *st, int i, int64_t v)
{
    sqlite3_bind_int64(st, i, v);
}

void sq_bind_nz(sqlite3_stmt *st, int i, int64_t v)
{
    if (v)
        sqlite3_bind_int64(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

const char *sq_col_text(Arena *a, sqlite3_stmt *st, int i)
{
    return arena_strdup(a, (const char *)sqlite3_column_text(st, i));
}

int64_t sq_col_int(sqlite3_stmt *st, int i)
{
    return sqlite3_column_int64(st, i);
}

int sq_step_done(Store *s, sqlite3_stmt *st, PokErr *err)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return sq_fail(s, st, rc, err);
    sqlite3_reset(st);
    return 0;
}

int sq_step_row(Store *s, sqlite3_stmt *st, PokErr *err)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return 0;
    }
    return sq_fail(s, st, rc, err);
}

/* What each named CHECK constraint of the schema means; names ending in "_year" are
 * year ranges. */
static const struct {
    const char *name;
    const char *msg;
} check_messages[] = {
    {"scheme_years", "het eerste jaar van de regeling ligt na het laatste jaar"},
    {"actielijn_number", "het nummer van een actielijn moet 1 of hoger zijn"},
    {"purpose_number", "het nummer van een doel moet 1 of hoger zijn"},
    {"municipality_code",
     "ongeldige gemeentecode: verwacht GM gevolgd door vier cijfers, zoals GM0363"},
    {"municipality_years", "het eerste geldige jaar van de gemeente ligt na het laatste"},
    {"inhabitants_count", "het aantal inwoners kan niet negatief zijn"},
    {"allocation_amount", "een toekenning kan niet negatief zijn"},
    {"allocation_version", "ongeldig versienummer van een toekenning"},
    {"measure_status", "ongeldige status van een maatregel: kies uit " MEASURE_STATUS_LIST},
    {"measure_amount_kind", "ongeldige soort bedrag: plan (1) of realisatie (2)"},
    {"measure_amount_amount", "een gepland bedrag kan niet negatief zijn"},
    {"reserve_opening_amount", "de stand van de reserve kan niet negatief zijn"},
    {"reserve_movement_kind",
     "ongeldige soort reservemutatie: storting, onttrekking of overheveling"},
    {"reserve_movement_to_year",
     "een overheveling heeft een doeljaar na het jaar zelf; een storting of onttrekking "
     "heeft geen doeljaar"},
    {"reserve_movement_amount",
     "het bedrag van een reservemutatie kan niet negatief zijn (de soort bepaalt de richting)"},
    {"decision_body", "ongeldig orgaan van een besluit: college of raad"},
    {"request_amount", "het gevraagde bedrag kan niet negatief zijn"},
    {"request_status",
     "ongeldige status van een verzoek: open, toegekend, afgewezen of deels toegekend"},
    {"evaluation_follow_up", "ongeldig vervolg van een evaluatie: kies uit " FOLLOW_UP_LIST},
    {"stated_figure_kind", "ongeldige soort genoemd bedrag: toekenning, beschikbaar of uitgaven"},
    {"stated_figure_years", "het beginjaar ligt na het eindjaar"},
    {"audit_action", "ongeldige actie in het auditlogboek"},
};

/* The part of an SQLite message after "...failed: ". */
static const char *after_colon(const char *msg)
{
    const char *p = strstr(msg, ": ");
    return p ? p + 2 : msg;
}

static int check_failed(const char *msg, PokErr *err)
{
    const char *name = after_colon(msg);
    for (size_t i = 0; i < sizeof check_messages / sizeof check_messages[0]; i++)
        if (strcmp(name, check_messages[i].name) == 0)
            return err_set(err, "%s", check_messages[i].msg);
    size_t n = strlen(name);
    if (n > 5 && strcmp(name + n - 5, "_year") == 0)
        return err_set(err, "ongeldig jaartal: verwacht een jaar tussen 1900 en 2200");
    return err_set(err, "ongeldige waarde (regel %s van het schema)", name);
}

int sq_fail(Store *s, sqlite3_stmt *st, int rc, PokErr *err)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%s", sqlite3_errmsg(s->db));
    int ext = sqlite3_extended_errcode(s->db);
    if ((ext & 0xff) != (rc & 0xff)) ext = rc;
    if (st) sqlite3_reset(st);
    switch (ext) {
    case SQLITE_CONSTRAINT_CHECK:
        return check_failed(msg, err);
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
        return err_set(err, "dit gegeven bestaat al (%s)", after_colon(msg));
    case SQLITE_CONSTRAINT_NOTNULL:
        return err_set(err, "verplicht gegeven ontbreekt (%s)", after_colon(msg));
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        return err_set(err, "verwijzing naar een gegeven dat niet bestaat");
    }
    switch (ext & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return err_set(err, "database %s is bezet door een ander proces: probeer het opnieuw",
                       s->path);
    case SQLITE_READONLY:
        return err_set(err, "database %s is alleen-lezen", s->path);
    case SQLITE_FULL:
        return err_set(err, "de schijf is vol: database %s kan niet groeien", s->path);
    case SQLITE_NOTADB:
        return err_set(err, "%s is geen pok-database (geen SQLite-bestand)", s->path);
    case SQLITE_CORRUPT:
        return err_set(err, "database %s is beschadigd", s->path);
    }
    return err_set(err, "databasefout in %s: %s", s->path, msg);
}

/* ---- transactions ---- */

enum { TX_OWN = 1, TX_SAVEPOINT = 2 };

/* Outside a transaction a write takes the write lock up front (BEGIN IMMEDIATE), so
 * busy_timeout applies; a deferred savepoint that upgrades later can fail at once with
 * SQLITE_BUSY when another connection wrote in between (WAL snapshot). */
int sq_write_begin(Store *s, PokErr *err)
{
    if (sqlite3_get_autocommit(s->db)) return sq_exec(s, "BEGIN IMMEDIATE", err) ? -1 : TX_OWN;
    return sq_exec(s, "SAVEPOINT w", err) ? -1 : TX_SAVEPOINT;
}

int sq_write_end(Store *s, int tx, int rc, PokErr *err)
{
    if (rc == 0 && sq_exec(s, tx == TX_OWN ? "COMMIT" : "RELEASE w", err) == 0) return 0;
    sq_reset_all(s);
    /* SQLite may already have rolled back (out of memory, disk full): ignore errors here. */
    if (tx == TX_OWN) {
        if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    } else {
        sqlite3_exec(s->db, "ROLLBACK TO w", NULL, NULL, NULL);
        sqlite3_exec(s->db, "RELEASE w", NULL, NULL, NULL);
    }
    return -1;
}

/* Transactions nest: the outermost is BEGIN IMMEDIATE ... COMMIT, inner ones are
 * savepoints, so an import can run inside the demo's transaction and a failed inner
 * import undoes only its own work. */
int store_begin(Store *s, PokErr *err)
{
    if (sqlite3_get_autocommit(s->db)) s->tx_depth = 0;
    if (sq_exec(s, s->tx_depth ? "SAVEPOINT nested" : "BEGIN IMMEDIATE", err) != 0) return -1;
    s->tx_depth++;
    return 0;
}

int store_commit(Store *s, PokErr *err)
{
    if (sqlite3_get_autocommit(s->db) || s->tx_depth == 0)
        return err_set(err, "geen transactie om vast te leggen op database %s", s->path);
    if (sq_exec(s, s->tx_depth > 1 ? "RELEASE nested" : "COMMIT", err) != 0) return -1;
    s->tx_depth--;
    return 0;
}

void store_rollback(Store *s)
{
    sq_reset_all(s);
    if (sqlite3_get_autocommit(s->db) || s->tx_depth <= 1) {
        if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->tx_depth = 0;
        return;
    }
    sqlite3_exec(s->db, "ROLLBACK TO nested", NULL, NULL, NULL);
    sqlite3_exec(s->db, "RELEASE nested", NULL, NULL, NULL);
    s->tx_depth--;
}

/* ---- opening and migrating ---- */

int store_schema_latest(void)
{
    return (int)migrations_count;
}

static int read_schema_version(Store *s, int *version, PokErr *err)
{
    static const char has_table[] =
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
    static const char max_version[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
    sqlite3_stmt *st = sq_stmt(s, has_table, err);
    if (!st || sq_step_row(s, st, err) != 1) return -1;
    int exists = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    *version = 0;
    if (!exists) return 0;
    /* Not cached: the table may be created later on this connection. */
    if (sqlite3_prepare_v2(s->db, max_version, -1, &st, NULL) != SQLITE_OK) {
        int rc = sqlite3_errcode(s->db);
        sqlite3_finalize(st);
        return sq_fail(s, NULL, rc, err);
    }
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sq_fail(s, NULL, rc, err);
        sqlite3_finalize(st);
        return -1;
    }
    *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
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

static int migrate(Store *s, PokErr *err)
{
    int version;
    if (sq_exec(s, "BEGIN IMMEDIATE", err)) return -1;
    if (sq_exec(s, MIGRATIONS_TABLE_SQL, err) || read_schema_version(s, &version, err)) goto fail;
    if (version > store_schema_latest()) {
        schema_too_new(s, version, err);
        goto fail;
    }
    for (int v = version + 1; v <= store_schema_latest(); v++) {
        if (sq_exec(s, migrations_sql[v - 1], err)) {
            err_prefix(err, "migratie %d van database %s mislukt: ", v, s->path);
            goto fail;
        }
        char now[32];
        sq_now(now);
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(
                s->db, "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)", -1,
                &st, NULL) != SQLITE_OK) {
            sq_fail(s, NULL, sqlite3_errcode(s->db), err);
            sqlite3_finalize(st);
            goto fail;
        }
        sqlite3_bind_int(st, 1, v);
        sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(st);
        if (rc != SQLITE_DONE) sq_fail(s, NULL, rc, err);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) goto fail;
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
                       "voer eerst 'pok init' uit",
                       s->path, version, store_schema_latest());
    if (version > store_schema_latest()) return schema_too_new(s, version, err);
    return 0;
}

static const char *url_path(const char *url)
{
    if (strncmp(url, "sqlite://", 9) == 0) return url + 9;
    if (strncmp(url, "sqlite:", 7) == 0) return url + 7;
    return url;
}

Store *store_open(const char *url, int create_or_migrate, PokErr *err)
{
    if (!url || !*url) {
        err_set(err, "geen database opgegeven");
        return NULL;
    }
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
        err_set(err, PG_NOT_YET);
        return NULL;
    }
    const char *path = url_path(url);
    if (!*path) {
        err_set(err, "geen databasebestand opgegeven in '%s'", url);
        return NULL;
    }
    /* Without create, a missing file must stay missing. */
    if (!create_or_migrate && access(path, F_OK) != 0) {
        err_set(err, "database %s is niet geïnitialiseerd: voer eerst 'pok init' uit", path);
        return NULL;
    }
    sqlite3 *db = NULL;
    int flags = SQLITE_OPEN_READWRITE | (create_or_migrate ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path, &db, flags, NULL);
    if (rc != SQLITE_OK) {
        err_set(err, "kan database %s niet openen: %s", path,
                db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_extended_result_codes(db, 1);
    Store *s = xcalloc(1, sizeof *s);
    s->db = db;
    s->path = xstrdup(path);
    s->actor = xstrdup("cli");
    /* The schema is checked before journal_mode, which would write to an empty file. */
    if (sq_exec(s, "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000", err) ||
        (!create_or_migrate && check_schema(s, err)) ||
        sq_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", err) ||
        (create_or_migrate && migrate(s, err))) {
        store_close(s);
        return NULL;
    }
    return s;
}

void store_close(Store *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n_cache; i++) sqlite3_finalize(s->cache[i].st);
    free(s->cache);
    sqlite3_close(s->db);
    free(s->path);
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
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int snapshot(Store *s, sqlite3_stmt *st, char **out, PokErr *err)
{
    *out = NULL;
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    if (found) {
        const char *json = (const char *)sqlite3_column_text(st, 0);
        *out = json ? xstrdup(json) : NULL;
        sqlite3_reset(st);
    }
    return 0;
}

int sq_snapshot_id(Store *s, const char *sql, int64_t id, char **out, PokErr *err)
{
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    return snapshot(s, st, out, err);
}

int sq_snapshot_key(Store *s, const char *sql, const char *code, int year, char **out, PokErr *err)
{
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    if (sqlite3_bind_parameter_count(st) >= 2) sq_bind_int(st, 2, year);
    return snapshot(s, st, out, err);
}

int sq_audit(Store *s, const char *action, const char *table, int64_t record_id,
             const char *municipality, const char *before_json, const char *after_json, PokErr *err)
{
    return sq_audit_reason(s, action, table, record_id, municipality, before_json, after_json,
                           NULL, err);
}

int sq_audit_reason(Store *s, const char *action, const char *table, int64_t record_id,
                    const char *municipality, const char *before_json, const char *after_json,
                    const char *reason, PokErr *err)
{
    if (strcmp(action, "update") == 0 && before_json && after_json &&
        strcmp(before_json, after_json) == 0)
        return 0;
    sqlite3_stmt *st = sq_stmt(s,
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

int sq_audit_insert(Store *s, const char *table, const char *json_sql, int64_t id,
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
    sqlite3_stmt *st = sq_stmt(s, "SELECT 1 FROM municipality WHERE code = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    sqlite3_reset(st);
    return found ? 0 : err_set(err, "onbekende gemeente %s", code);
}

int sq_check_scheme(Store *s, int64_t scheme_id, PokErr *err)
{
    sqlite3_stmt *st = sq_stmt(s, "SELECT 1 FROM scheme WHERE id = ?1", err);
    if (!st) return -1;
    sq_bind_int(st, 1, scheme_id);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    sqlite3_reset(st);
    return found ? 0 : err_set(err, "onbekende regeling (id %lld)", (long long)scheme_id);
}

/* Looks up (scheme_id, number) of an actielijn or purpose. */
static int scheme_member(Store *s, const char *sql, int64_t id, int64_t *scheme_id, int *number,
                         PokErr *err)
{
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    int found = sq_step_row(s, st, err);
    if (found == 1) {
        *scheme_id = sq_col_int(st, 0);
        *number = sqlite3_column_int(st, 1);
        sqlite3_reset(st);
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
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    int found = sq_step_row(s, st, err);
    if (found == 1) {
        const char *m = (const char *)sqlite3_column_text(st, 0);
        snprintf(muni, 16, "%s", m ? m : "");
        if (scheme_id) *scheme_id = sq_col_int(st, 1);
        sqlite3_reset(st);
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
        sq_check_required(sc->name, "naam van de regeling", err))
        return -1;
    sqlite3_stmt *st = sq_stmt(s, "SELECT 1 FROM scheme WHERE code = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, sc->code);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    sqlite3_reset(st);
    if (found) return err_set(err, "regeling %s bestaat al", sc->code);
    st = sq_stmt(
        s, "INSERT INTO scheme (code, name, first_year, last_year) VALUES (?1, ?2, ?3, ?4)", err);
    if (!st) return -1;
    sq_bind_text(st, 1, sc->code);
    sq_bind_text(st, 2, sc->name);
    sq_bind_int(st, 3, sc->first_year);
    sq_bind_int(st, 4, sc->last_year);
    if (sq_step_done(s, st, err)) return -1;
    *id = sqlite3_last_insert_rowid(s->db);
    return sq_audit_insert(s, "scheme", SQ_JSON_SCHEME, *id, NULL, err);
}

int store_scheme_add(Store *s, Scheme *scheme, PokErr *err)
{
    int64_t id = 0;
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    if (sq_write_end(s, tx, scheme_insert(s, scheme, &id, err), err)) return -1;
    scheme->id = id;
    return 0;
}

/* Actielijnen and purposes are numbered within their scheme. */
static int number_taken(Store *s, const char *sql, int64_t scheme_id, int number, PokErr *err)
{
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, scheme_id);
    sq_bind_int(st, 2, number);
    int found = sq_step_row(s, st, err);
    if (found == 1) sqlite3_reset(st);
    return found;
}

static int actielijn_insert(Store *s, const Actielijn *al, int64_t *id, PokErr *err)
{
    if (sq_check_scheme(s, al->scheme_id, err) ||
        sq_check_required(al->name, "naam van de actielijn", err))
        return -1;
    int taken = number_taken(s, "SELECT 1 FROM actielijn WHERE scheme_id = ?1 AND number = ?2",
                             al->scheme_id, al->number, err);
    if (taken < 0) return -1;
    if (taken)
        return err_set(err, "actielijn %d bestaat al in regeling %lld", al->number,
                       (long long)al->scheme_id);
    sqlite3_stmt *st = sq_stmt(s,
                               "INSERT INTO actielijn (scheme_id, number, name, circulaire_name,"
                               " flow) VALUES (?1, ?2, ?3, ?4, ?5)",
                               err);
    if (!st) return -1;
    sq_bind_int(st, 1, al->scheme_id);
    sq_bind_int(st, 2, al->number);
    sq_bind_text(st, 3, al->name);
    sq_bind_text(st, 4, al->circulaire_name);
    sq_bind_text(st, 5, al->flow);
    if (sq_step_done(s, st, err)) return -1;
    *id = sqlite3_last_insert_rowid(s->db);
    return sq_audit_insert(s, "actielijn", SQ_JSON_ACTIELIJN, *id, NULL, err);
}

int store_actielijn_add(Store *s, Actielijn *al, PokErr *err)
{
    int64_t id = 0;
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    if (sq_write_end(s, tx, actielijn_insert(s, al, &id, err), err)) return -1;
    al->id = id;
    return 0;
}

static int purpose_insert(Store *s, const Purpose *p, int64_t *id, PokErr *err)
{
    if (sq_check_scheme(s, p->scheme_id, err) ||
        sq_check_required(p->name, "omschrijving van het doel", err))
        return -1;
    int taken = number_taken(s, "SELECT 1 FROM purpose WHERE scheme_id = ?1 AND number = ?2",
                             p->scheme_id, p->number, err);
    if (taken < 0) return -1;
    if (taken)
        return err_set(err, "doel %d bestaat al in regeling %lld", p->number,
                       (long long)p->scheme_id);
    sqlite3_stmt *st =
        sq_stmt(s, "INSERT INTO purpose (scheme_id, number, name) VALUES (?1, ?2, ?3)", err);
    if (!st) return -1;
    sq_bind_int(st, 1, p->scheme_id);
    sq_bind_int(st, 2, p->number);
    sq_bind_text(st, 3, p->name);
    if (sq_step_done(s, st, err)) return -1;
    *id = sqlite3_last_insert_rowid(s->db);
    return sq_audit_insert(s, "purpose", SQ_JSON_PURPOSE, *id, NULL, err);
}

int store_purpose_add(Store *s, Purpose *p, PokErr *err)
{
    int64_t id = 0;
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    if (sq_write_end(s, tx, purpose_insert(s, p, &id, err), err)) return -1;
    p->id = id;
    return 0;
}

/* ---- municipalities and inhabitants ---- */

static int code_valid(const char *code)
{
    if (!code || strlen(code) != 6 || code[0] != 'G' || code[1] != 'M') return 0;
    for (int i = 2; i < 6; i++)
        if (code[i] < '0' || code[i] > '9') return 0;
    return 1;
}

static int municipality_write(Store *s, const Municipality *m, PokErr *err)
{
    if (!code_valid(m->code))
        return err_set(err,
                       "ongeldige gemeentecode '%s': verwacht GM gevolgd door vier cijfers, "
                       "zoals GM0363",
                       m->code ? m->code : "");
    if (!m->name || !*m->name) return err_set(err, "naam van gemeente %s ontbreekt", m->code);
    char *before, *after = NULL;
    if (sq_snapshot_key(s, SQ_JSON_MUNICIPALITY, m->code, 0, &before, err)) return -1;
    sqlite3_stmt *st =
        sq_stmt(s,
                before ? "UPDATE municipality SET name = ?2, province = ?3, first_year = ?4,"
                         " last_year = ?5 WHERE code = ?1"
                       : "INSERT INTO municipality (code, name, province, first_year, last_year)"
                         " VALUES (?1, ?2, ?3, ?4, ?5)",
                err);
    int rc = -1;
    if (st) {
        sq_bind_text(st, 1, m->code);
        sq_bind_text(st, 2, m->name);
        sq_bind_text(st, 3, m->province);
        sq_bind_nz(st, 4, m->first_year);
        sq_bind_nz(st, 5, m->last_year);
        rc = sq_step_done(s, st, err);
    }
    if (rc == 0) rc = sq_snapshot_key(s, SQ_JSON_MUNICIPALITY, m->code, 0, &after, err);
    if (rc == 0)
        rc = sq_audit(s, before ? "update" : "insert", "municipality", 0, m->code, before, after,
                      err);
    free(before);
    free(after);
    return rc;
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
    char *before, *after = NULL;
    if (sq_snapshot_key(s, SQ_JSON_INHABITANTS, inh->municipality, inh->year, &before, err))
        return -1;
    sqlite3_stmt *st = sq_stmt(s,
                               before ? "UPDATE inhabitants SET count = ?3, source_id = ?4"
                                        " WHERE municipality = ?1 AND year = ?2"
                                      : "INSERT INTO inhabitants (municipality, year, count,"
                                        " source_id) VALUES (?1, ?2, ?3, ?4)",
                               err);
    int rc = -1;
    if (st) {
        sq_bind_text(st, 1, inh->municipality);
        sq_bind_int(st, 2, inh->year);
        sq_bind_int(st, 3, inh->count);
        sq_bind_nz(st, 4, inh->source_id);
        rc = sq_step_done(s, st, err);
    }
    if (rc == 0)
        rc = sq_snapshot_key(s, SQ_JSON_INHABITANTS, inh->municipality, inh->year, &after, err);
    if (rc == 0)
        rc = sq_audit(s, before ? "update" : "insert", "inhabitants", inh->year, inh->municipality,
                      before, after, err);
    free(before);
    free(after);
    return rc;
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
        sq_check_date(src->date, "datum van de bron", 0, err))
        return -1;
    if (src->municipality && sq_check_municipality(s, src->municipality, err)) return -1;
    sqlite3_stmt *st = sq_stmt(s,
                               "INSERT INTO source (kind, title, reference, date, municipality,"
                               " note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               err);
    if (!st) return -1;
    sq_bind_text(st, 1, src->kind);
    sq_bind_text(st, 2, src->title);
    sq_bind_text(st, 3, src->reference);
    sq_bind_text(st, 4, src->date && *src->date ? src->date : NULL);
    sq_bind_text(st, 5, src->municipality);
    sq_bind_text(st, 6, src->note);
    if (sq_step_done(s, st, err)) return -1;
    *id = sqlite3_last_insert_rowid(s->db);
    return sq_audit_insert(s, "source", SQ_JSON_SOURCE, *id, src->municipality, err);
}

int store_source_add(Store *s, Source *src, PokErr *err)
{
    int64_t id = 0;
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    if (sq_write_end(s, tx, source_insert(s, src, &id, err), err)) return -1;
    src->id = id;
    return 0;
}
