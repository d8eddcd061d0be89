/* store.c: opening a store (checking or migrating its schema), closing it, and who is
 * writing. What is stored is written and read by the store's other files, one per
 * concern (README.md, source layout). */
#include <stdlib.h>

#include "migrations.h"
#include "store_audit_write.h"
#include "store_closed.h"
#include "store_internal.h"
#include "store_record_sql.h"

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

const char *store_actor(const Store *s)
{
    return s->actor;
}
