/* db.c: db.h's entry points: choose the driver by URL and hand each call to it. */
#include <stdio.h>
#include <string.h>

#include "db_driver.h"

#include "../text.h"

int db_url_is_pg(const char *url)
{
    return url && (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0);
}

Db *db_open(const char *url, int create, PokErr *err)
{
    if (!url || !*url) {
        err_set(err, "geen database opgegeven");
        return NULL;
    }
    if (db_url_is_pg(url)) return db_pg_open(url, err);
    const char *path = url;
    if (strncmp(url, "sqlite://", 9) == 0)
        path = url + 9;
    else if (strncmp(url, "sqlite:", 7) == 0)
        path = url + 7;
    if (!*path) {
        err_set(err, "geen databasebestand opgegeven in '%s'", url);
        return NULL;
    }
    return db_sqlite_open(path, create, err);
}

int db_set_error(Db *db, DbErrClass cls, const char *constraint, const char *message)
{
    db->err_class = cls;
    snprintf(db->err_constraint, sizeof db->err_constraint, "%s", constraint ? constraint : "");
    snprintf(db->err_message, sizeof db->err_message, "%s", message ? message : "");
    /* libpq messages end in a newline */
    size_t n = strlen(db->err_message);
    while (n && (db->err_message[n - 1] == '\n' || db->err_message[n - 1] == ' '))
        db->err_message[--n] = '\0';
    return -1;
}

void db_close(Db *db)
{
    if (db) db->ops->close(db);
}
DbKind db_kind(const Db *db)
{
    return db->kind;
}
const char *db_name(const Db *db)
{
    return db->name;
}
int db_exec(Db *db, const char *sql)
{
    db->executions++;
    db->round_trips++;
    return db->ops->exec(db, sql);
}

int64_t db_executions(const Db *db)
{
    return db->executions;
}
int64_t db_round_trips(const Db *db)
{
    return db->round_trips;
}
int db_has_copy(const Db *db)
{
    return db->ops->copy_begin != NULL;
}
void db_copy_text(Buf *b, const char *v, char sep)
{
    if (!v) {
        buf_append(b, "\\N", 2);
    } else {
        const char *run = v;
        for (const char *c = v; *c; c++) {
            const char *esc = *c == '\\'   ? "\\\\"
                              : *c == '\t' ? "\\t"
                              : *c == '\n' ? "\\n"
                              : *c == '\r' ? "\\r"
                                           : NULL;
            if (!esc) continue;
            buf_append(b, run, (size_t)(c - run));
            buf_append(b, esc, 2);
            run = c + 1;
        }
        buf_puts(b, run);
    }
    buf_append(b, &sep, 1);
}
void db_copy_int(Buf *b, int64_t v, char sep)
{
    buf_printf(b, "%lld%c", (long long)v, sep);
}
void db_copy_bytes(Buf *b, const unsigned char *p, size_t n, char sep)
{
    static const char hex[] = "0123456789abcdef";
    buf_append(b, "\\\\x", 3); /* \\x: the bytea hex prefix, its backslash escaped */
    for (size_t i = 0; i < n; i++) {
        char two[2] = {hex[p[i] >> 4], hex[p[i] & 15]};
        buf_append(b, two, 2);
    }
    buf_append(b, &sep, 1);
}
int db_copy_begin(Db *db, const char *sql)
{
    if (!db->ops->copy_begin) return db_set_error(db, DB_E_OTHER, NULL, "COPY kan hier niet");
    db->executions++;
    db->round_trips++;
    return db->ops->copy_begin(db, sql);
}
int db_copy_put(Db *db, const char *data, size_t len)
{
    return db->ops->copy_put(db, data, len);
}
int db_copy_end(Db *db)
{
    return db->ops->copy_end(db);
}
int db_prefetch(DbStmt **sts, size_t n)
{
    if (n == 0 || !sts[0]->db->ops->prefetch) return 0;
    Db *db = sts[0]->db;
    db->round_trips++;
    return db->ops->prefetch(sts, n);
}
DbStmt *db_prepare(Db *db, const char *sql)
{
    return db->ops->prepare(db, sql);
}
void db_finalize(DbStmt *st)
{
    if (st) st->db->ops->finalize(st);
}
int db_param_count(DbStmt *st)
{
    return st->db->ops->param_count(st);
}
void db_bind_int(DbStmt *st, int i, int64_t v)
{
    st->db->ops->bind_int(st, i, v);
}
void db_bind_text(DbStmt *st, int i, const char *v)
{
    if (v && !text_utf8_valid(v, strlen(v))) {
        st->bad_text = i;
        st->db->ops->bind_null(st, i, DB_T_TEXT);
        return;
    }
    if (st->bad_text == i) st->bad_text = 0;
    st->db->ops->bind_text(st, i, v);
}
void db_bind_blob(DbStmt *st, int i, const void *p, size_t n)
{
    st->db->ops->bind_blob(st, i, p, n);
}
void db_bind_null(DbStmt *st, int i, DbType type)
{
    st->db->ops->bind_null(st, i, type);
}
void db_clear_bindings(DbStmt *st)
{
    st->bad_text = 0;
    st->db->ops->clear_bindings(st);
}
int db_step(DbStmt *st)
{
    if (st->bad_text) {
        char param[32];
        snprintf(param, sizeof param, "parameter %d", st->bad_text);
        return db_set_error(st->db, DB_E_TEXT, param, "tekst is geen geldige UTF-8");
    }
    if (!st->running) {
        st->running = 1;
        st->db->executions++;
        if (!st->ahead) st->db->round_trips++; /* one on PostgreSQL, unless prefetched */
        st->ahead = 0;
    }
    int rc = st->db->ops->step(st);
    if (rc != 1) st->running = 0;
    return rc;
}
void db_reset(DbStmt *st)
{
    st->running = 0;
    st->ahead = 0;
    st->db->ops->reset(st);
}
int64_t db_col_int(DbStmt *st, int i)
{
    return st->db->ops->col_int(st, i);
}
const char *db_col_text(DbStmt *st, int i)
{
    return st->db->ops->col_text(st, i);
}
const void *db_col_blob(DbStmt *st, int i, size_t *n)
{
    return st->db->ops->col_blob(st, i, n);
}
int db_col_is_null(DbStmt *st, int i)
{
    return st->db->ops->col_is_null(st, i);
}
int64_t db_changes(const Db *db)
{
    return db->changes;
}
int64_t db_total_changes(const Db *db)
{
    return db->total_changes;
}
DbErrClass db_err_class(const Db *db)
{
    return db->err_class;
}
const char *db_err_constraint(const Db *db)
{
    return db->err_constraint;
}
const char *db_err_message(const Db *db)
{
    return db->err_message;
}
int db_in_transaction(Db *db)
{
    return db->ops->in_transaction(db);
}
int db_begin_write(Db *db)
{
    return db->ops->begin_write(db);
}
int db_commit(Db *db)
{
    return db_exec(db, "COMMIT");
}

void db_rollback(Db *db)
{
    if (!db_in_transaction(db)) return;
    /* keep the error that made the caller roll back */
    Db saved = *db;
    db_exec(db, "ROLLBACK");
    if (db->ops->after_rollback) db->ops->after_rollback(db, 1);
    db->err_class = saved.err_class;
    memcpy(db->err_constraint, saved.err_constraint, sizeof db->err_constraint);
    memcpy(db->err_message, saved.err_message, sizeof db->err_message);
}

int db_savepoint(Db *db, const char *name)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SAVEPOINT %s", name);
    return db_exec(db, sql);
}

int db_release(Db *db, const char *name)
{
    char sql[96];
    snprintf(sql, sizeof sql, "RELEASE %s", name);
    return db_exec(db, sql);
}

void db_rollback_to(Db *db, const char *name)
{
    Db saved = *db;
    char sql[96];
    snprintf(sql, sizeof sql, "ROLLBACK TO %s", name);
    db_exec(db, sql);
    snprintf(sql, sizeof sql, "RELEASE %s", name);
    db_exec(db, sql);
    if (db->ops->after_rollback) db->ops->after_rollback(db, 0);
    db->err_class = saved.err_class;
    memcpy(db->err_constraint, saved.err_constraint, sizeof db->err_constraint);
    memcpy(db->err_message, saved.err_message, sizeof db->err_message);
}

int db_data_version(Db *db, uint64_t *out)
{
    return db->ops->data_version(db, out);
}
int db_sync_ids(Db *db)
{
    return db->ops->sync_ids ? db->ops->sync_ids(db) : 0;
}
