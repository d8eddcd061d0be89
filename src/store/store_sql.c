/* store_sql.c: the store's use of the driver: the prepared-statement cache, binding and
 * stepping helpers, the Dutch error messages and the nested transactions. */
#include <stdio.h>
#include <string.h>

#include "../model.h"
#include "store_closed.h"
#include "store_internal.h"

/* ---- statements, binding ---- */

DbStmt *sq_stmt(Store *s, const char *sql, PokErr *err)
{
    for (size_t i = 0; i < s->n_cache; i++)
        if (s->cache[i].sql == sql) {
            db_reset(s->cache[i].st);
            db_clear_bindings(s->cache[i].st);
            return s->cache[i].st;
        }
    DbStmt *st = db_prepare(s->db, sql);
    if (!st) {
        sq_fail(s, NULL, err);
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
    for (size_t i = 0; i < s->n_cache; i++) db_reset(s->cache[i].st);
}

int sq_exec(Store *s, const char *sql, PokErr *err)
{
    return db_exec(s->db, sql) == 0 ? 0 : sq_fail(s, NULL, err);
}

void sq_bind_text(DbStmt *st, int i, const char *v)
{
    db_bind_text(st, i, v);
}

void sq_bind_int(DbStmt *st, int i, int64_t v)
{
    db_bind_int(st, i, v);
}

void sq_bind_nz(DbStmt *st, int i, int64_t v)
{
    if (v)
        db_bind_int(st, i, v);
    else
        db_bind_null(st, i, DB_T_INT);
}

void sq_bind_null(DbStmt *st, int i, DbType type)
{
    db_bind_null(st, i, type);
}

const char *sq_col_text(Arena *a, DbStmt *st, int i)
{
    return arena_strdup(a, db_col_text(st, i));
}

int64_t sq_col_int(DbStmt *st, int i)
{
    return db_col_int(st, i);
}

int sq_step_done(Store *s, DbStmt *st, PokErr *err)
{
    if (db_step(st) < 0) return sq_fail(s, st, err);
    db_reset(st);
    return 0;
}

int sq_step_row(Store *s, DbStmt *st, PokErr *err)
{
    int rc = db_step(st);
    if (rc == 1) return 1;
    if (rc == 0) {
        db_reset(st);
        return 0;
    }
    return sq_fail(s, st, err);
}

int sq_step_id(Store *s, DbStmt *st, int64_t *id, PokErr *err)
{
    int rc = db_step(st);
    if (rc < 0) return sq_fail(s, st, err);
    *id = rc == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    return rc == 1 ? 0 : err_set(err, "databasefout in %s: geen id teruggegeven", s->path);
}

/* ---- errors ---- */

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

static int check_failed(const char *name, PokErr *err)
{
    for (size_t i = 0; i < sizeof check_messages / sizeof check_messages[0]; i++)
        if (strcmp(name, check_messages[i].name) == 0)
            return err_set(err, "%s", check_messages[i].msg);
    size_t n = strlen(name);
    if (n > 5 && strcmp(name + n - 5, "_year") == 0)
        return err_set(err, "ongeldig jaartal: verwacht een jaar tussen 1900 en 2200");
    return err_set(err, "ongeldige waarde (regel %s van het schema)", name);
}

int sq_fail(Store *s, DbStmt *st, PokErr *err)
{
    char msg[512], constraint[128];
    snprintf(msg, sizeof msg, "%s", db_err_message(s->db));
    snprintf(constraint, sizeof constraint, "%s", db_err_constraint(s->db));
    DbErrClass cls = db_err_class(s->db);
    if (st) db_reset(st);
    switch (cls) {
    case DB_E_CHECK:
        return check_failed(constraint, err);
    case DB_E_UNIQUE:
        return err_set(err, "dit gegeven bestaat al (%s)", constraint);
    case DB_E_NOT_NULL:
        return err_set(err, "verplicht gegeven ontbreekt (%s)", constraint);
    case DB_E_FOREIGN_KEY:
        return err_set(err, "verwijzing naar een gegeven dat niet bestaat");
    case DB_E_BUSY:
        return err_set(err, "database %s is bezet door een ander proces: probeer het opnieuw",
                       s->path);
    case DB_E_READONLY:
        return err_set(err, "database %s is alleen-lezen", s->path);
    case DB_E_FULL:
        return err_set(err, "de schijf is vol: database %s kan niet groeien", s->path);
    case DB_E_NOTADB:
        return err_set(err, "%s is geen pok-database (geen SQLite-bestand)", s->path);
    case DB_E_CORRUPT:
        return err_set(err, "database %s is beschadigd", s->path);
    case DB_E_TEXT:
        return err_set(err, "een tekst is geen geldige UTF-8-tekst (%s); er is niets opgeslagen",
                       constraint);
    case DB_E_NONE:
    case DB_E_OTHER:
        break;
    }
    return err_set(err, "databasefout in %s: %s", s->path, msg);
}

/* ---- transactions ---- */

enum { TX_OWN = 1, TX_SAVEPOINT = 2 };

/* Outside a transaction a write is its own write transaction (the write lock taken up
 * front, see db_begin_write); inside one it is a savepoint. */
int sq_write_begin(Store *s, PokErr *err)
{
    if (!db_in_transaction(s->db)) return db_begin_write(s->db) ? sq_fail(s, NULL, err) : TX_OWN;
    return db_savepoint(s->db, "w") ? sq_fail(s, NULL, err) : TX_SAVEPOINT;
}

int sq_write_end(Store *s, int tx, int rc, PokErr *err)
{
    /* A write of its own is the outermost transaction: the closed years are checked. */
    if (rc == 0 && tx == TX_OWN) rc = sq_closed_verify(s, err);
    if (rc == 0) {
        if ((tx == TX_OWN ? db_commit(s->db) : db_release(s->db, "w")) == 0) return 0;
        sq_fail(s, NULL, err);
    }
    if (tx == TX_OWN) sq_closed_forget(s);
    sq_reset_all(s);
    /* The backend may already have rolled back (out of memory, disk full): errors of the
     * rollback itself are ignored. */
    if (tx == TX_OWN)
        db_rollback(s->db);
    else
        db_rollback_to(s->db, "w");
    return -1;
}

/* Transactions nest: the outermost is a write transaction, inner ones are savepoints, so
 * an import can run inside the demo's transaction and a failed inner import undoes only
 * its own work. */
int store_begin(Store *s, PokErr *err)
{
    if (!db_in_transaction(s->db)) s->tx_depth = 0;
    if ((s->tx_depth ? db_savepoint(s->db, "nested") : db_begin_write(s->db)) != 0)
        return sq_fail(s, NULL, err);
    s->tx_depth++;
    return 0;
}

int store_commit(Store *s, PokErr *err)
{
    if (!db_in_transaction(s->db) || s->tx_depth == 0)
        return err_set(err, "geen transactie om vast te leggen op database %s", s->path);
    /* The outermost commit checks the closed years; a refusal undoes the transaction
     * (a store_rollback after it does nothing). */
    if (s->tx_depth == 1 && sq_closed_verify(s, err)) {
        store_rollback(s);
        return -1;
    }
    if ((s->tx_depth > 1 ? db_release(s->db, "nested") : db_commit(s->db)) != 0)
        return sq_fail(s, NULL, err);
    s->tx_depth--;
    return 0;
}

void store_rollback(Store *s)
{
    sq_reset_all(s);
    if (!db_in_transaction(s->db) || s->tx_depth <= 1) {
        db_rollback(s->db);
        sq_closed_forget(s);
        s->tx_depth = 0;
        return;
    }
    db_rollback_to(s->db, "nested");
    s->tx_depth--;
}
