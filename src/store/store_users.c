/* store_users.c: accounts, their grants, sessions, login attempts and the public flag of
 * municipalities (store_users.h). Password and token hashes never enter the audit. */
#include "store_users.h"
#include "store_audit_write.h"
#include "store_checks.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* A municipality's own beheerder (gemeentebeheerder) is stored as a redacteur of its
 * municipalities with manages_users set (the role column's CHECK predates the role); every
 * reader sees the role by its name. */
#define USER_ROLE_SQL "CASE WHEN manages_users = 1 THEN 'gemeentebeheerder' ELSE role END"
#define ROLES_TEXT "beheerder, gemeentebeheerder, redacteur, lezer of analist"

/* The audited view of a user: never the password hash. EXTRA adds pairs at the end. */
#define USER_JSON_SQL(O, A, EXTRA)                                                                 \
    "SELECT " O "('id', id, 'name', name, 'role', " USER_ROLE_SQL ", 'disabled', disabled,"        \
    " 'created', created,"                                                                         \
    " 'municipalities', " A("municipality", "user_municipality", "user_id = app_user.id") EXTRA    \
        ") FROM app_user WHERE id = ?1"
#define USER_JSON(EXTRA)                                                                           \
    {                                                                                              \
        USER_JSON_SQL(SQ_LITE_OBJ, SQ_LITE_IDS, EXTRA), USER_JSON_SQL(SQ_PG_OBJ, SQ_PG_IDS, EXTRA) \
    }
static SqJson SQ_JSON_USER = USER_JSON("");
/* After a password change: the same view with a marker, so the change is on record. */
static SqJson SQ_JSON_USER_PASSWORD = USER_JSON(", 'password', 'gewijzigd'");
#define SESSION_JSON_SQL(O)                                                                        \
    "SELECT " O "('id', id, 'user_id', user_id, 'created', created, 'revoked', revoked)"           \
    " FROM session WHERE id = ?1"
static SqJson SQ_JSON_SESSION = {SESSION_JSON_SQL(SQ_LITE_OBJ), SESSION_JSON_SQL(SQ_PG_OBJ)};

static int valid_role(const char *role)
{
    static const char *const roles[] = {"beheerder", "gemeentebeheerder", "redacteur", "lezer",
                                        "analist"};
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (role && strcmp(role, roles[i]) == 0) return 1;
    return 0;
}

static int manages_users(const char *role)
{
    return strcmp(role, "gemeentebeheerder") == 0;
}

/* What the role column holds for role (valid_role). */
static const char *stored_role(const char *role)
{
    return manages_users(role) ? "redacteur" : role;
}

static int user_id_of(Store *s, const char *name, int64_t *id, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT id FROM app_user WHERE name = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, name);
    int r = sq_step_row(s, st, err);
    if (r < 0) return -1;
    *id = r ? sq_col_int(st, 0) : 0;
    db_reset(st);
    return r ? 0 : err_set(err, "onbekende gebruiker '%s'", name ? name : "");
}

static int grants_replace(Store *s, int64_t user_id, const char *role, const char *const *munis,
                          size_t n, PokErr *err)
{
    int needs = strcmp(role, "redacteur") == 0 || strcmp(role, "lezer") == 0 || manages_users(role);
    if (needs && n == 0)
        return err_set(err, "veld 'municipality': een %s heeft minstens één gemeente nodig", role);
    if (!needs && n > 0)
        return err_set(err,
                       "veld 'municipality': een %s geldt voor alle gemeenten, zonder "
                       "--municipality",
                       role);
    DbStmt *del = sq_stmt(s, "DELETE FROM user_municipality WHERE user_id = ?1", err);
    if (!del) return -1;
    sq_bind_int(del, 1, user_id);
    if (sq_step_done(s, del, err)) return -1;
    for (size_t i = 0; i < n; i++) {
        if (sq_check_municipality(s, munis[i], err)) return -1;
        DbStmt *st = sq_stmt(s,
                             "INSERT INTO user_municipality (user_id, municipality) VALUES (?1, ?2)"
                             " ON CONFLICT DO NOTHING",
                             err);
        if (!st) return -1;
        sq_bind_int(st, 1, user_id);
        sq_bind_text(st, 2, munis[i]);
        if (sq_step_done(s, st, err)) return -1;
    }
    return 0;
}

static int revoke_all(Store *s, int64_t user_id, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT id FROM session WHERE user_id = ?1 AND revoked = 0", err);
    if (!st) return -1;
    sq_bind_int(st, 1, user_id);
    int64_t ids[256];
    size_t n = 0;
    int rc = 0;
    while (n < sizeof ids / sizeof ids[0] && (rc = db_step(st)) == 1) ids[n++] = db_col_int(st, 0);
    if (rc < 0) return sq_fail(s, st, err); /* a failed read must not pass as "no sessions" */
    db_reset(st);
    for (size_t i = 0; i < n; i++)
        if (store_session_revoke(s, ids[i], err)) return -1;
    /* Beyond the ones audited one by one: revoke the rest in one go. */
    DbStmt *rest = sq_stmt(s, "UPDATE session SET revoked = 1 WHERE user_id = ?1", err);
    if (!rest) return -1;
    sq_bind_int(rest, 1, user_id);
    return sq_step_done(s, rest, err);
}

static int user_insert(Store *s, User *u, PokErr *err)
{
    if (sq_check_required(u->name, "gebruikersnaam", err) ||
        SQ_CHECK_TEXTS(err, {u->name, "gebruikersnaam", TEXT_SHORT}))
        return -1;
    if (!valid_role(u->role))
        return err_set(err, "veld 'role': verwacht " ROLES_TEXT ", niet '%s'",
                       u->role ? u->role : "");
    if (sq_check_required(u->password_hash, "wachtwoord", err)) return -1;
    DbStmt *st = sq_stmt(s,
                         "INSERT INTO app_user (name, password_hash, role, manages_users,"
                         " disabled, created) VALUES (?1, ?2, ?3, ?5, 0, ?4)"
                         " ON CONFLICT (name) DO NOTHING RETURNING id",
                         err);
    if (!st) return -1;
    char now[32];
    sq_now(now);
    sq_bind_text(st, 1, u->name);
    sq_bind_text(st, 2, u->password_hash);
    sq_bind_text(st, 3, stored_role(u->role));
    sq_bind_text(st, 4, now);
    sq_bind_int(st, 5, manages_users(u->role));
    /* A taken name inserts nothing (no error, so PostgreSQL's transaction stays usable). */
    int rc = db_step(st);
    if (rc < 0) return sq_fail(s, st, err);
    u->id = rc == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    if (rc == 0) return err_set(err, "gebruiker '%s' bestaat al", u->name);
    if (grants_replace(s, u->id, u->role, u->municipalities, u->n_municipalities, err)) return -1;
    return sq_audit_insert(s, "app_user", SQ_JSON_USER, u->id, NULL, err);
}

int store_user_add(Store *s, User *u, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, user_insert(s, u, err), err);
}

#define USER_COLS "id, name, password_hash, " USER_ROLE_SQL ", disabled, created"

static int user_grants(Store *s, Arena *a, User *u, PokErr *err)
{
    DbStmt *st = sq_stmt(
        s, "SELECT municipality FROM user_municipality WHERE user_id = ?1 ORDER BY municipality",
        err);
    if (!st) return -1;
    sq_bind_int(st, 1, u->id);
    size_t cap = 0;
    u->municipalities = NULL;
    u->n_municipalities = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        if (u->n_municipalities == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            const char **grown = arena_alloc(a, ncap * sizeof *grown);
            if (cap) memcpy(grown, u->municipalities, cap * sizeof *grown);
            u->municipalities = grown;
            cap = ncap;
        }
        u->municipalities[u->n_municipalities++] = sq_col_text(a, st, 0);
    }
    db_reset(st);
    return rc == 0 ? 0 : sq_fail(s, NULL, err);
}

static int user_fetch(Store *s, DbStmt *st, Arena *a, User *out, PokErr *err)
{
    int r = sq_step_row(s, st, err);
    if (r <= 0) return r;
    memset(out, 0, sizeof *out);
    out->id = sq_col_int(st, 0);
    out->name = sq_col_text(a, st, 1);
    out->password_hash = sq_col_text(a, st, 2);
    out->role = sq_col_text(a, st, 3);
    out->disabled = (int)sq_col_int(st, 4);
    out->created = sq_col_text(a, st, 5);
    db_reset(st);
    return user_grants(s, a, out, err) ? -1 : 1;
}

int store_user_get(Store *s, const char *name, Arena *a, User *out, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT " USER_COLS " FROM app_user WHERE name = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, name);
    return user_fetch(s, st, a, out, err);
}

int store_user_get_id(Store *s, int64_t id, Arena *a, User *out, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT " USER_COLS " FROM app_user WHERE id = ?1", err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    return user_fetch(s, st, a, out, err);
}

int store_user_list(Store *s, Arena *a, User **out, size_t *n, PokErr *err)
{
    int64_t count;
    if (store_user_count(s, &count, err)) return -1;
    *out = arena_alloc(a, (size_t)(count + 1) * sizeof **out);
    *n = 0;
    DbStmt *st = sq_stmt(s, "SELECT id FROM app_user ORDER BY name", err);
    if (!st) return -1;
    int64_t *ids = arena_alloc(a, (size_t)(count + 1) * sizeof *ids);
    size_t k = 0;
    int rc;
    while ((rc = db_step(st)) == 1 && k < (size_t)count) ids[k++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0) return sq_fail(s, NULL, err);
    for (size_t i = 0; i < k; i++) {
        if (store_user_get_id(s, ids[i], a, &(*out)[*n], err) < 0) return -1;
        (*out)[(*n)++].password_hash = NULL;
    }
    return 0;
}

int store_user_count(Store *s, int64_t *n, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT count(*) FROM app_user", err);
    if (!st) return -1;
    int r = sq_step_row(s, st, err);
    if (r < 0) return -1;
    *n = sq_col_int(st, 0);
    db_reset(st);
    return 0;
}

static int password_replace(Store *s, const char *name, const char *hash, PokErr *err)
{
    int64_t id;
    if (sq_check_required(hash, "wachtwoord", err) || user_id_of(s, name, &id, err)) return -1;
    char *before = NULL, *after = NULL;
    if (sq_snapshot_id(s, SQ_JSON_USER, id, &before, err)) return -1;
    DbStmt *st = sq_stmt(s, "UPDATE app_user SET password_hash = ?2 WHERE id = ?1", err);
    int rc = st ? 0 : -1;
    if (rc == 0) {
        sq_bind_int(st, 1, id);
        sq_bind_text(st, 2, hash);
        rc = sq_step_done(s, st, err);
    }
    if (rc == 0) rc = sq_snapshot_id(s, SQ_JSON_USER_PASSWORD, id, &after, err);
    if (rc == 0) rc = sq_audit(s, "update", "app_user", id, NULL, before, after, err);
    if (rc == 0) rc = revoke_all(s, id, err);
    free(before);
    free(after);
    return rc;
}

int store_user_set_password(Store *s, const char *name, const char *password_hash, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, password_replace(s, name, password_hash, err), err);
}

static int role_replace(Store *s, const char *name, const char *role, const char *const *munis,
                        size_t n, PokErr *err)
{
    int64_t id;
    if (user_id_of(s, name, &id, err)) return -1;
    if (!valid_role(role))
        return err_set(err, "veld 'role': verwacht " ROLES_TEXT ", niet '%s'", role ? role : "");
    char *before = NULL, *after = NULL;
    if (sq_snapshot_id(s, SQ_JSON_USER, id, &before, err)) return -1;
    DbStmt *st = sq_stmt(s, "UPDATE app_user SET role = ?2, manages_users = ?3 WHERE id = ?1", err);
    int rc = st ? 0 : -1;
    if (rc == 0) {
        sq_bind_int(st, 1, id);
        sq_bind_text(st, 2, stored_role(role));
        sq_bind_int(st, 3, manages_users(role));
        rc = sq_step_done(s, st, err);
    }
    if (rc == 0) rc = grants_replace(s, id, role, munis, n, err);
    if (rc == 0) rc = sq_snapshot_id(s, SQ_JSON_USER, id, &after, err);
    if (rc == 0) rc = sq_audit(s, "update", "app_user", id, NULL, before, after, err);
    free(before);
    free(after);
    return rc;
}

int store_user_set_role(Store *s, const char *name, const char *role, const char *const *munis,
                        size_t n_munis, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, role_replace(s, name, role, munis, n_munis, err), err);
}

static int user_disable(Store *s, const char *name, PokErr *err)
{
    int64_t id;
    if (user_id_of(s, name, &id, err)) return -1;
    char *before = NULL, *after = NULL;
    if (sq_snapshot_id(s, SQ_JSON_USER, id, &before, err)) return -1;
    DbStmt *st = sq_stmt(s, "UPDATE app_user SET disabled = 1 WHERE id = ?1", err);
    int rc = st ? 0 : -1;
    if (rc == 0) {
        sq_bind_int(st, 1, id);
        rc = sq_step_done(s, st, err);
    }
    if (rc == 0) rc = sq_snapshot_id(s, SQ_JSON_USER, id, &after, err);
    if (rc == 0) rc = sq_audit(s, "update", "app_user", id, NULL, before, after, err);
    if (rc == 0) rc = revoke_all(s, id, err);
    free(before);
    free(after);
    return rc;
}

int store_user_disable(Store *s, const char *name, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, user_disable(s, name, err), err);
}

/* ---- sessions ---- */

static int session_insert(Store *s, const char *token_hash, int64_t user_id, int64_t now,
                          int64_t *id, PokErr *err)
{
    DbStmt *st = sq_stmt(s,
                         "INSERT INTO session (token_hash, user_id, created, last_seen,"
                         " revoked) VALUES (?1, ?2, ?3, ?3, 0) RETURNING id",
                         err);
    if (!st) return -1;
    sq_bind_text(st, 1, token_hash);
    sq_bind_int(st, 2, user_id);
    sq_bind_int(st, 3, now);
    if (sq_step_id(s, st, id, err)) return -1;
    return sq_audit_insert(s, "session", SQ_JSON_SESSION, *id, NULL, err);
}

int store_session_add(Store *s, const char *token_hash, int64_t user_id, int64_t now, int64_t *id,
                      PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, session_insert(s, token_hash, user_id, now, id, err), err);
}

int store_session_get(Store *s, const char *token_hash, Session *out, PokErr *err)
{
    DbStmt *st = sq_stmt(s,
                         "SELECT id, user_id, created, last_seen, revoked FROM session"
                         " WHERE token_hash = ?1",
                         err);
    if (!st) return -1;
    sq_bind_text(st, 1, token_hash);
    int r = sq_step_row(s, st, err);
    if (r <= 0) return r;
    out->id = sq_col_int(st, 0);
    out->user_id = sq_col_int(st, 1);
    out->created = sq_col_int(st, 2);
    out->last_seen = sq_col_int(st, 3);
    out->revoked = (int)sq_col_int(st, 4);
    db_reset(st);
    return 1;
}

int store_session_touch(Store *s, int64_t id, int64_t now, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "UPDATE session SET last_seen = ?2 WHERE id = ?1", err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    sq_bind_int(st, 2, now);
    return sq_step_done(s, st, err);
}

static int session_revoke(Store *s, int64_t id, PokErr *err)
{
    char *before = NULL, *after = NULL;
    if (sq_snapshot_id(s, SQ_JSON_SESSION, id, &before, err)) return -1;
    if (!before) return err_set(err, "onbekende sessie %lld", (long long)id);
    DbStmt *st = sq_stmt(s, "UPDATE session SET revoked = 1 WHERE id = ?1", err);
    int rc = st ? 0 : -1;
    if (rc == 0) {
        sq_bind_int(st, 1, id);
        rc = sq_step_done(s, st, err);
    }
    if (rc == 0) rc = sq_snapshot_id(s, SQ_JSON_SESSION, id, &after, err);
    if (rc == 0) rc = sq_audit(s, "update", "session", id, NULL, before, after, err);
    free(before);
    free(after);
    return rc;
}

int store_session_revoke(Store *s, int64_t id, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, session_revoke(s, id, err), err);
}

/* ---- login attempts ---- */

static int login_attempt_insert(Store *s, const char *user_name, const char *address, int64_t at,
                                int success, PokErr *err)
{
    DbStmt *st = sq_stmt(s,
                         "INSERT INTO login_attempt (user_name, address, at, success)"
                         " VALUES (?1, ?2, ?3, ?4)",
                         err);
    if (!st) return -1;
    sq_bind_text(st, 1, user_name ? user_name : "");
    sq_bind_text(st, 2, address ? address : "");
    sq_bind_int(st, 3, at);
    sq_bind_int(st, 4, success ? 1 : 0);
    return sq_step_done(s, st, err);
}

/* A write like any other (its own write transaction), so that it never takes an id
 * while PostgreSQL's ids are being resynchronised after a rollback (db_sync_ids). */
int store_login_attempt_add(Store *s, const char *user_name, const char *address, int64_t at,
                            int success, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, login_attempt_insert(s, user_name, address, at, success, err), err);
}

static int count_failures(Store *s, const char *sql, const char *key, int64_t since, int64_t *n,
                          PokErr *err)
{
    DbStmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_text(st, 1, key ? key : "");
    sq_bind_int(st, 2, since);
    int r = sq_step_row(s, st, err);
    if (r < 0) return -1;
    *n = sq_col_int(st, 0);
    db_reset(st);
    return 0;
}

int store_login_failures(Store *s, const char *user_name, const char *address, int64_t since,
                         int64_t *by_user, int64_t *by_address, PokErr *err)
{
    return count_failures(s,
                          "SELECT count(*) FROM login_attempt WHERE user_name = ?1"
                          " AND at >= ?2 AND success = 0",
                          user_name, since, by_user, err) ||
                   count_failures(s,
                                  "SELECT count(*) FROM login_attempt WHERE address = ?1"
                                  " AND at >= ?2 AND success = 0",
                                  address, since, by_address, err)
               ? -1
               : 0;
}

/* ---- public read access ---- */

static int public_write(Store *s, const char *code, int on, PokErr *err)
{
    if (sq_check_municipality(s, code, err)) return -1;
    int was;
    if (store_municipality_public(s, code, &was, err)) return -1;
    if (was == !!on) return 0;
    DbStmt *st = on ? sq_stmt(s, "INSERT INTO municipality_public (municipality) VALUES (?1)", err)
                    : sq_stmt(s, "DELETE FROM municipality_public WHERE municipality = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    if (sq_step_done(s, st, err)) return -1;
    return sq_audit(s, on ? "insert" : "delete", "municipality_public", 0, code,
                    on ? NULL : "{\"public\":true}", on ? "{\"public\":true}" : NULL, err);
}

int store_municipality_public_set(Store *s, const char *code, int on, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, public_write(s, code, on, err), err);
}

int store_municipality_public(Store *s, const char *code, int *on, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT 1 FROM municipality_public WHERE municipality = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    int r = sq_step_row(s, st, err);
    if (r < 0) return -1;
    db_reset(st);
    *on = r;
    return 0;
}
