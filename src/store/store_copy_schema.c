/* store_copy_schema.c: the tables pok copy moves, derived from the migrations (so a new
 * migration's table or column is copied without anyone updating a list), and reading a
 * table in key order with a checksum that is the same on SQLite and PostgreSQL. */
#include "store_copy_schema.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "migrations.h"

/* schema_migrations: the destination's own migrations write it. session: a login is per
 * server (and holds only token hashes); people log in again on the new one. */
const char *const copy_skipped_tables[] = {"schema_migrations", "session", NULL};

static int skipped(const char *name)
{
    for (const char *const *p = copy_skipped_tables; *p; p++)
        if (strcmp(*p, name) == 0) return 1;
    return 0;
}

/* A table while the schema is read: its foreign-key targets decide the order. */
typedef struct RawTable {
    CopyTable t;
    char **refs;
    size_t n_refs;
    int placed;
} RawTable;

static int fail_db(Db *db, const char *what, PokErr *err)
{
    return err_set(err, "schema voor pok copy: %s: %s", what, db_err_message(db));
}

static DbType declared_type(const char *decl)
{
    if (!decl) return DB_T_TEXT;
    if (strstr(decl, "INT")) return DB_T_INT;
    if (strstr(decl, "BLOB")) return DB_T_BLOB;
    return DB_T_TEXT;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The columns (name, type, place in the primary key) and foreign-key targets of t. */
static int read_table(Db *db, RawTable *r, PokErr *err)
{
    DbStmt *st = db_prepare(db, "SELECT name, type, pk FROM pragma_table_info(?1) ORDER BY cid");
    if (!st) return fail_db(db, "kolommen", err);
    db_bind_text(st, 1, r->t.name);
    size_t *key_pos = NULL;
    int rc;
    while ((rc = db_step(st)) == 1) {
        size_t i = r->t.n_cols++;
        r->t.cols = xrealloc(r->t.cols, r->t.n_cols * sizeof *r->t.cols);
        key_pos = xrealloc(key_pos, r->t.n_cols * sizeof *key_pos);
        r->t.cols[i].name = xstrdup(db_col_text(st, 0));
        r->t.cols[i].type = declared_type(db_col_text(st, 1));
        key_pos[i] = (size_t)db_col_int(st, 2);
    }
    db_finalize(st);
    if (rc < 0) {
        free(key_pos);
        return fail_db(db, "kolommen", err);
    }
    r->t.key = xcalloc(r->t.n_cols + 1, sizeof *r->t.key);
    r->t.sums = xcalloc(r->t.n_cols + 1, sizeof *r->t.sums);
    for (size_t pos = 1; pos <= r->t.n_cols; pos++)
        for (size_t i = 0; i < r->t.n_cols; i++)
            /* n_cols > 0 means key_pos was allocated with it */
            if (key_pos[i] == pos) /* NOLINT(clang-analyzer-core.NullDereference) */
                r->t.key[r->t.n_key++] = i;
    free(key_pos);
    for (size_t i = 0; i < r->t.n_cols; i++)
        if (r->t.cols[i].type == DB_T_INT &&
            (strcmp(r->t.cols[i].name, "id") == 0 || ends_with(r->t.cols[i].name, "_cents")))
            r->t.sums[r->t.n_sums++] = i;
    if (r->t.n_key == 0)
        return err_set(err, "schema voor pok copy: tabel %s heeft geen primaire sleutel",
                       r->t.name);

    st = db_prepare(db, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)");
    if (!st) return fail_db(db, "verwijzingen", err);
    db_bind_text(st, 1, r->t.name);
    while ((rc = db_step(st)) == 1) {
        r->refs = xrealloc(r->refs, (r->n_refs + 1) * sizeof *r->refs);
        r->refs[r->n_refs++] = xstrdup(db_col_text(st, 0));
    }
    db_finalize(st);
    return rc < 0 ? fail_db(db, "verwijzingen", err) : 0;
}

static void quoted(Buf *b, const char *ident)
{
    buf_printf(b, "\"%s\"", ident);
}

static void column_list(Buf *b, const CopyTable *t, const size_t *idx, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i) buf_puts(b, ", ");
        quoted(b, t->cols[idx ? idx[i] : i].name);
    }
}

static void build_sql(CopyTable *t)
{
    Buf b = {0};
    buf_puts(&b, "SELECT ");
    column_list(&b, t, NULL, t->n_cols);
    buf_puts(&b, " FROM ");
    quoted(&b, t->name);
    size_t head = b.len;
    Buf order = {0};
    buf_puts(&order, " ORDER BY ");
    column_list(&order, t, t->key, t->n_key);
    buf_printf(&order, " LIMIT %d", COPY_PAGE);
    buf_puts(&b, order.data);
    t->sql_first = xstrdup(b.data);
    /* After the last key read: a row-value comparison, which both backends index. */
    b.len = head;
    b.data[head] = '\0';
    buf_puts(&b, " WHERE (");
    column_list(&b, t, t->key, t->n_key);
    buf_puts(&b, ") > (");
    for (size_t i = 0; i < t->n_key; i++) buf_printf(&b, "%s?%zu", i ? ", " : "", i + 1);
    buf_puts(&b, ")");
    buf_puts(&b, order.data);
    t->sql_next = xstrdup(b.data);
    buf_free(&order);

    buf_reset(&b);
    buf_puts(&b, "INSERT INTO ");
    quoted(&b, t->name);
    buf_puts(&b, " (");
    column_list(&b, t, NULL, t->n_cols);
    buf_puts(&b, ") VALUES (");
    for (size_t i = 0; i < t->n_cols; i++) buf_printf(&b, "%s?%zu", i ? ", " : "", i + 1);
    buf_puts(&b, ")");
    t->sql_insert = xstrdup(b.data);

    buf_reset(&b);
    buf_puts(&b, "COPY ");
    quoted(&b, t->name);
    buf_puts(&b, " (");
    column_list(&b, t, NULL, t->n_cols);
    buf_puts(&b, ") FROM STDIN");
    t->sql_copy = xstrdup(b.data);

    buf_reset(&b);
    buf_puts(&b, "SELECT count(*)");
    for (size_t i = 0; i < t->n_sums; i++) {
        buf_puts(&b, ", COALESCE(SUM(");
        quoted(&b, t->cols[t->sums[i]].name);
        buf_puts(&b, "), 0)");
    }
    buf_puts(&b, " FROM ");
    quoted(&b, t->name);
    t->sql_totals = xstrdup(b.data);

    buf_reset(&b);
    buf_puts(&b, "DELETE FROM ");
    quoted(&b, t->name);
    t->sql_delete = xstrdup(b.data);
    buf_free(&b);
}

static void table_free(CopyTable *t)
{
    for (size_t i = 0; i < t->n_cols; i++) free(t->cols[i].name);
    free(t->cols);
    free(t->key);
    free(t->sums);
    free(t->name);
    free(t->sql_first);
    free(t->sql_next);
    free(t->sql_insert);
    free(t->sql_copy);
    free(t->sql_totals);
    free(t->sql_delete);
}

static void raw_free(RawTable *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < r[i].n_refs; j++) free(r[i].refs[j]);
        free(r[i].refs);
        if (!r[i].placed) table_free(&r[i].t);
    }
    free(r);
}

static int ready(const RawTable *r, const RawTable *all, size_t n)
{
    for (size_t j = 0; j < r->n_refs; j++) {
        if (strcmp(r->refs[j], r->t.name) == 0) continue;
        for (size_t k = 0; k < n; k++)
            if (strcmp(all[k].t.name, r->refs[j]) == 0 && !all[k].placed) return 0;
    }
    return 1;
}

/* Referenced tables first; among the tables that may go next, by name. */
static int order_tables(RawTable *raw, size_t n, CopySchema *cs, PokErr *err)
{
    cs->tables = xcalloc(n + 1, sizeof *cs->tables);
    while (cs->n < n) {
        size_t pick = n;
        for (size_t i = 0; i < n && pick == n; i++)
            if (!raw[i].placed && ready(&raw[i], raw, n)) pick = i;
        if (pick == n)
            return err_set(err, "schema voor pok copy: de verwijzingen tussen de tabellen vormen"
                                " een kring");
        raw[pick].placed = 1;
        cs->tables[cs->n++] = raw[pick].t;
    }
    return 0;
}

static int load_tables(Db *db, CopySchema *cs, PokErr *err)
{
    /* Virtual tables (the search index, migration_search) and their shadow tables are
     * derived data: the destination's triggers fill its own index from the rows copied. */
    DbStmt *st = db_prepare(db, "SELECT t.name FROM sqlite_master t WHERE t.type = 'table'"
                                " AND t.name NOT LIKE 'sqlite_%'"
                                " AND t.sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
                                " AND NOT EXISTS (SELECT 1 FROM sqlite_master v"
                                "  WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%'"
                                "  AND substr(t.name, 1, length(v.name) + 1) = v.name || '_')"
                                " ORDER BY t.name");
    if (!st) return fail_db(db, "tabellen", err);
    RawTable *raw = NULL;
    size_t n = 0;
    int rc;
    char **cleared = NULL;
    while ((rc = db_step(st)) == 1) {
        const char *name = db_col_text(st, 0);
        raw = xrealloc(raw, (n + 1) * sizeof *raw);
        memset(&raw[n], 0, sizeof raw[n]);
        raw[n++].t.name = xstrdup(name);
    }
    db_finalize(st);
    if (rc < 0) {
        raw_free(raw, n);
        return fail_db(db, "tabellen", err);
    }
    for (size_t i = 0; i < n && rc == 0; i++) rc = read_table(db, &raw[i], err);
    /* Skipped tables that point at copied ones must be emptied by --replace. */
    size_t kept = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (!skipped(raw[i].t.name)) {
            raw[kept++] = raw[i];
            continue;
        }
        if (raw[i].n_refs) {
            build_sql(&raw[i].t);
            cleared = xrealloc(cleared, (cs->n_cleared + 1) * sizeof *cleared);
            cleared[cs->n_cleared++] = xstrdup(raw[i].t.sql_delete);
        }
        for (size_t j = 0; j < raw[i].n_refs; j++) free(raw[i].refs[j]);
        free(raw[i].refs);
        table_free(&raw[i].t);
    }
    cs->cleared_sql = cleared;
    if (rc) {
        raw_free(raw, n);
        return -1;
    }
    rc = order_tables(raw, kept, cs, err);
    raw_free(raw, kept);
    for (size_t i = 0; i < cs->n; i++) build_sql(&cs->tables[i]);
    return rc;
}

int copy_schema_load(CopySchema *cs, PokErr *err)
{
    memset(cs, 0, sizeof *cs);
    if (sodium_init() < 0) return err_set(err, "libsodium kon niet starten");
    Db *db = db_open(":memory:", 1, err);
    if (!db) return -1;
    int rc = 0;
    for (int v = 1; v <= (int)migrations_count && rc == 0; v++) {
        char *sql = migration_sql(v, DB_SQLITE);
        if (db_exec(db, sql)) rc = fail_db(db, "migratie", err);
        free(sql);
    }
    if (rc == 0) rc = load_tables(db, cs, err);
    for (size_t i = 0; i < cs->n && rc == 0; i++)
        rc = copy_scan(db, &cs->tables[i], NULL, NULL, cs->tables[i].pristine_hash,
                       &cs->tables[i].pristine_rows, err);
    db_close(db);
    if (rc) copy_schema_free(cs);
    return rc;
}

void copy_schema_free(CopySchema *cs)
{
    for (size_t i = 0; i < cs->n; i++) table_free(&cs->tables[i]);
    free(cs->tables);
    /* n_cleared counts the entries of cleared_sql */
    for (size_t i = 0; i < cs->n_cleared; i++)
        free(cs->cleared_sql[i]); /* NOLINT(clang-analyzer-core.NullDereference) */
    free(cs->cleared_sql);
    memset(cs, 0, sizeof *cs);
}

const CopyTable *copy_schema_find(const CopySchema *cs, const char *name)
{
    for (size_t i = 0; i < cs->n; i++)
        if (strcmp(cs->tables[i].name, name) == 0) return &cs->tables[i];
    return NULL;
}

/* ---- reading ---- */

static void hash_bytes(crypto_generichash_state *h, char tag, const void *p, size_t n)
{
    unsigned char head[9];
    uint64_t len = n;
    head[0] = (unsigned char)tag;
    for (int i = 0; i < 8; i++) head[1 + i] = (unsigned char)(len >> (8 * i));
    crypto_generichash_update(h, head, sizeof head);
    if (n) crypto_generichash_update(h, p, n);
}

/* Each value by its declared type, so both backends give the same bytes. */
static void hash_row(crypto_generichash_state *h, DbStmt *st, const CopyTable *t)
{
    for (size_t i = 0; i < t->n_cols; i++) {
        int c = (int)i;
        if (db_col_is_null(st, c)) {
            hash_bytes(h, 'N', NULL, 0);
        } else if (t->cols[i].type == DB_T_INT) {
            uint64_t v = (uint64_t)db_col_int(st, c);
            unsigned char b[8];
            for (int k = 0; k < 8; k++) b[k] = (unsigned char)(v >> (8 * k));
            hash_bytes(h, 'I', b, sizeof b);
        } else if (t->cols[i].type == DB_T_BLOB) {
            size_t n = 0;
            const void *p = db_col_blob(st, c, &n);
            hash_bytes(h, 'B', p, n);
        } else {
            const char *v = db_col_text(st, c);
            hash_bytes(h, 'T', v, strlen(v));
        }
    }
}

/* The key of the row last read, kept to ask for the page after it. */
typedef struct LastKey {
    int64_t *ints;
    char **texts;
} LastKey;

static void key_keep(LastKey *k, DbStmt *st, const CopyTable *t)
{
    for (size_t i = 0; i < t->n_key; i++) {
        size_t c = t->key[i];
        free(k->texts[i]);
        k->texts[i] = NULL;
        if (t->cols[c].type == DB_T_INT)
            k->ints[i] = db_col_int(st, (int)c);
        else
            k->texts[i] = xstrdup(db_col_text(st, (int)c) ? db_col_text(st, (int)c) : "");
    }
}

static void key_bind(const LastKey *k, DbStmt *st, const CopyTable *t)
{
    for (size_t i = 0; i < t->n_key; i++) {
        if (t->cols[t->key[i]].type == DB_T_INT)
            db_bind_int(st, (int)i + 1, k->ints[i]);
        else
            db_bind_text(st, (int)i + 1, k->texts[i]);
    }
}

int copy_scan(Db *db, const CopyTable *t, CopyRowFn row, void *ctx, unsigned char hash[32],
              int64_t *rows, PokErr *err)
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    *rows = 0;
    DbStmt *first = db_prepare(db, t->sql_first), *next = db_prepare(db, t->sql_next);
    LastKey k = {xcalloc(t->n_key, sizeof *k.ints), xcalloc(t->n_key, sizeof *k.texts)};
    int rc = first && next ? 0 : -1;
    if (rc)
        err_set(err, "kan tabel %s niet lezen uit %s: %s", t->name, db_name(db),
                db_err_message(db));
    DbStmt *st = first;
    while (rc == 0) {
        int in_page = 0, step;
        while ((step = db_step(st)) == 1) {
            hash_row(&h, st, t);
            key_keep(&k, st, t);
            in_page++;
            (*rows)++;
            if (row && row(ctx, st, err)) {
                rc = -1;
                break;
            }
        }
        if (step < 0)
            rc = err_set(err, "kan tabel %s niet lezen uit %s: %s", t->name, db_name(db),
                         db_err_message(db));
        db_reset(st);
        if (rc || in_page < COPY_PAGE) break;
        st = next;
        db_clear_bindings(st);
        key_bind(&k, st, t);
    }
    for (size_t i = 0; i < t->n_key; i++) free(k.texts[i]);
    free(k.texts);
    free(k.ints);
    db_finalize(first);
    db_finalize(next);
    crypto_generichash_final(&h, hash, 32);
    return rc;
}

int copy_totals(Db *db, const CopyTable *t, int64_t *rows, int64_t *sums, PokErr *err)
{
    DbStmt *st = db_prepare(db, t->sql_totals);
    int rc = st ? db_step(st) : -1;
    if (rc == 1) {
        *rows = db_col_int(st, 0);
        for (size_t i = 0; i < t->n_sums; i++) sums[i] = db_col_int(st, (int)i + 1);
    }
    db_finalize(st);
    if (rc == 1) return 0;
    return err_set(err, "kan tabel %s niet tellen in %s: %s", t->name, db_name(db),
                   db_err_message(db));
}
