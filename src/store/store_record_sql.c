/* store_record_sql.c: the SQL of every record kind, built from its field table (record.h)
 * on first use and kept with the Store until store_close: the column list and the row
 * reader, INSERT and UPDATE with their binds, the link tables, and the audit snapshot in
 * each backend's JSON functions. Values are always bound parameters; the only words put
 * into the SQL text are the tables' own names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_audit_write.h"
#include "store_internal.h"
#include "store_record_sql.h"

/* ---- the cache: one SQL text per (kind, statement, link field) ---- */

/* The statements built for a kind besides the queries (whose tag is their literal rest). */
static const char TAG_INSERT[] = "insert", TAG_UPDATE[] = "update", TAG_BUMP[] = "bump",
                  TAG_SNAPSHOT[] = "snapshot", TAG_LINK_READ[] = "link read",
                  TAG_LINK_INSERT[] = "link insert", TAG_LINK_DELETE[] = "link delete",
                  TAG_LINK_READ_MUNI[] = "link read municipality",
                  TAG_LINK_READ_SHARED[] = "link read shared";

typedef struct RecordSql {
    const RecordKind *kind;
    const char *tag; /* compared by address */
    const RecordField *field;
    char *sql;
} RecordSql;

struct RecordSqlCache {
    RecordSql *items;
    size_t n, cap;
};

void sq_record_sql_free(Store *s)
{
    if (!s->record_sql) return;
    for (size_t i = 0; i < s->record_sql->n; i++) free(s->record_sql->items[i].sql);
    free(s->record_sql->items);
    free(s->record_sql);
    s->record_sql = NULL;
}

typedef void (*SqlBuilder)(Store *s, const RecordKind *k, const char *tag, const RecordField *f,
                           Buf *b);

/* The SQL text of (k, tag, f), built by build the first time; the pointer stays valid (and
 * so usable as sq_stmt's cache key) until store_close. */
static const char *cached(Store *s, const RecordKind *k, const char *tag, const RecordField *f,
                          SqlBuilder build)
{
    if (!s->record_sql) s->record_sql = xcalloc(1, sizeof *s->record_sql);
    struct RecordSqlCache *c = s->record_sql;
    for (size_t i = 0; i < c->n; i++)
        if (c->items[i].kind == k && c->items[i].tag == tag && c->items[i].field == f)
            return c->items[i].sql;
    Buf b = {0};
    build(s, k, tag, f, &b);
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 32;
        c->items = xrealloc(c->items, c->cap * sizeof *c->items);
    }
    c->items[c->n] = (RecordSql){k, tag, f, b.data};
    return c->items[c->n++].sql;
}

static int has_id(const RecordKind *k)
{
    return k->n_fields && k->fields[0].type == FIELD_ID;
}

/* ---- binding and reading one field ---- */

/* Binds f of rec at *pos (CITE takes two places) and moves *pos on. */
static void bind_field(DbStmt *st, int *pos, const RecordField *f, const void *rec)
{
    const char *text;
    switch (f->type) {
    case FIELD_TEXT:
        sq_bind_text(st, (*pos)++, record_text(rec, f));
        break;
    case FIELD_DATE:
        text = record_text(rec, f);
        sq_bind_text(st, (*pos)++, text && *text ? text : NULL);
        break;
    case FIELD_INT_OPT:
    case FIELD_REF:
        sq_bind_nz(st, (*pos)++, record_int(rec, f));
        break;
    case FIELD_MONEY_OPT:
        if (record_present(rec, f))
            sq_bind_int(st, (*pos)++, record_int(rec, f));
        else
            sq_bind_null(st, (*pos)++, DB_T_INT);
        break;
    case FIELD_CITE:
        sq_bind_nz(st, (*pos)++, record_cite(rec, f)->source_id);
        sq_bind_text(st, (*pos)++, record_cite(rec, f)->place);
        break;
    case FIELD_IDS:
        break; /* in its link table */
    default:
        sq_bind_int(st, (*pos)++, record_int(rec, f));
        break;
    }
}

/* Reads f from column *col of the current row into out and moves *col on. */
static void read_field(Arena *a, DbStmt *st, int *col, const RecordField *f, void *out)
{
    Citation *c;
    switch (f->type) {
    case FIELD_TEXT:
    case FIELD_DATE:
        record_set_text(out, f, sq_col_text(a, st, (*col)++));
        break;
    case FIELD_MONEY_OPT:
        record_set_present(out, f, !db_col_is_null(st, *col));
        record_set_int(out, f, sq_col_int(st, (*col)++));
        break;
    case FIELD_CITE:
        c = record_cite_mut(out, f);
        c->source_id = sq_col_int(st, (*col)++);
        c->place = sq_col_text(a, st, (*col)++);
        break;
    case FIELD_IDS:
        break; /* sq_record_read_links */
    default:
        record_set_int(out, f, sq_col_int(st, (*col)++));
        break;
    }
}

void sq_record_read(const RecordKind *k, Arena *a, DbStmt *st, void *out)
{
    int col = 0;
    for (size_t i = 0; i < k->n_fields; i++) read_field(a, st, &col, &k->fields[i], out);
}

/* ---- queries ---- */

static void build_query(Store *s, const RecordKind *k, const char *rest, const RecordField *unused,
                        Buf *b)
{
    buf_puts(b, "SELECT ");
    const char *sep = "";
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (f->type == FIELD_IDS) continue;
        if (f->sql)
            buf_printf(b, "%s(%s)", sep, f->sql);
        else if (f->type == FIELD_CITE)
            buf_printf(b, "%s%s.source_id, %s.source_place", sep, k->table, k->table);
        else
            buf_printf(b, "%s%s.%s", sep, k->table, f->column);
        sep = ", ";
    }
    buf_printf(b, " FROM %s %s", k->table, rest);
}

const char *sq_record_query(Store *s, const RecordKind *k, const char *rest)
{
    return cached(s, k, rest, NULL, build_query);
}

/* ---- link tables ---- */

static void build_link(Store *s, const RecordKind *k, const char *tag, const RecordField *f, Buf *b)
{
    const FieldLink *l = f->link;
    if (tag == TAG_LINK_READ)
        buf_printf(b,
                   "SELECT x.%s FROM %s x JOIN %s t ON t.id = x.%s WHERE x.%s = ?1"
                   " ORDER BY t.number",
                   l->value, l->table, l->target, l->value, l->owner);
    else if (tag == TAG_LINK_READ_MUNI) /* the links of all a municipality's records */
        buf_printf(b,
                   "SELECT x.%s, x.%s FROM %s x JOIN %s t ON t.id = x.%s JOIN %s r ON r.id = x.%s"
                   " WHERE r.municipality = ?1 AND r.scheme_id = ?2 ORDER BY x.%s, t.number",
                   l->owner, l->value, l->table, l->target, l->value, k->table, l->owner, l->owner);
    else if (tag == TAG_LINK_READ_SHARED) /* those of every municipality sharing ?2 */
        buf_printf(b,
                   "SELECT x.%s, x.%s FROM %s x JOIN %s t ON t.id = x.%s JOIN %s r ON r.id = x.%s"
                   " JOIN municipality_sharing sh ON sh.municipality = r.municipality"
                   " AND sh.level >= ?2 WHERE r.scheme_id = ?1 ORDER BY x.%s, t.number",
                   l->owner, l->value, l->table, l->target, l->value, k->table, l->owner, l->owner);
    else if (tag == TAG_LINK_INSERT)
        buf_printf(b, "INSERT INTO %s (%s, %s) VALUES (?1, ?2) ON CONFLICT DO NOTHING", l->table,
                   l->owner, l->value);
    else
        buf_printf(b, "DELETE FROM %s WHERE %s = ?1", l->table, l->owner);
}

int sq_record_read_links(Store *s, const RecordKind *k, Arena *a, void *rec, PokErr *err)
{
    int64_t id = has_id(k) ? record_int(rec, &k->fields[0]) : 0;
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (f->type != FIELD_IDS) continue;
        DbStmt *st = sq_stmt(s, cached(s, k, TAG_LINK_READ, f, build_link), err);
        if (!st) return -1;
        sq_bind_int(st, 1, id);
        int64_t *ids = NULL;
        size_t n = 0, cap = 0;
        int rc;
        while ((rc = db_step(st)) == 1) {
            ids = arena_grow(a, ids, sizeof *ids, &cap, n + 1);
            ids[n++] = sq_col_int(st, 0);
        }
        if (rc != 0) return sq_fail(s, st, err);
        db_reset(st);
        record_set_ids(rec, f, ids, n);
    }
    return 0;
}

static size_t links_bind(Store *s, const RecordKind *k, const char *code, int64_t scheme_id,
                         int min_level, DbStmt **sts, PokErr *err);

size_t sq_record_links_muni_bind(Store *s, const RecordKind *k, const char *code, int64_t scheme_id,
                                 DbStmt **sts, PokErr *err)
{
    return links_bind(s, k, code, scheme_id, 0, sts, err);
}

size_t sq_record_links_shared_bind(Store *s, const RecordKind *k, int64_t scheme_id, int min_level,
                                   DbStmt **sts, PokErr *err)
{
    return links_bind(s, k, NULL, scheme_id, min_level, sts, err);
}

/* code NULL: the links of every municipality sharing at least min_level. */
static size_t links_bind(Store *s, const RecordKind *k, const char *code, int64_t scheme_id,
                         int min_level, DbStmt **sts, PokErr *err)
{
    size_t n = 0;
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (f->type != FIELD_IDS) continue;
        if (n == SQ_LINKS_MAX) {
            err_set(err, "interne fout: meer dan %d koppeltabellen bij %s", SQ_LINKS_MAX, k->table);
            return (size_t)-1;
        }
        DbStmt *st = sq_stmt(
            s, cached(s, k, code ? TAG_LINK_READ_MUNI : TAG_LINK_READ_SHARED, f, build_link), err);
        if (!st) return (size_t)-1;
        if (code) {
            sq_bind_text(st, 1, code);
            sq_bind_int(st, 2, scheme_id);
        } else {
            sq_bind_int(st, 1, scheme_id);
            sq_bind_int(st, 2, min_level);
        }
        sts[n++] = st;
    }
    return n;
}

int sq_record_links_muni_read(Store *s, const RecordKind *k, Arena *a, void *items, size_t n,
                              DbStmt **sts, PokErr *err)
{
    size_t used = 0;
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (f->type != FIELD_IDS) continue;
        DbStmt *st = sts[used++];
        int64_t *pairs = NULL; /* owner, value; ordered by owner */
        size_t np = 0, cap = 0;
        int rc;
        while ((rc = db_step(st)) == 1) {
            if (np == cap) {
                cap = cap ? 2 * cap : 64;
                pairs = xrealloc(pairs, cap * 2 * sizeof *pairs);
            }
            pairs[2 * np] = sq_col_int(st, 0);
            pairs[2 * np + 1] = sq_col_int(st, 1);
            np++;
        }
        if (rc != 0) {
            free(pairs);
            return sq_fail(s, st, err);
        }
        db_reset(st);
        for (size_t r = 0; r < n; r++) {
            void *rec = (char *)items + r * k->size;
            int64_t id = record_int(rec, &k->fields[0]);
            size_t lo = 0, hi = np; /* the first pair of owner id */
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (pairs[2 * mid] < id)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            size_t end = lo;
            while (end < np && pairs[2 * end] == id) end++;
            int64_t *ids = end > lo ? arena_alloc(a, (end - lo) * sizeof *ids) : NULL;
            for (size_t j = lo; j < end; j++) ids[j - lo] = pairs[2 * j + 1];
            record_set_ids(rec, f, ids, end - lo);
        }
        free(pairs);
    }
    return 0;
}

/* The link tables of record id hold rec's lists (after clearing them when replace). A
 * repeated id is stored once. */
static int write_links(Store *s, const RecordKind *k, int64_t id, const void *rec, int replace,
                       PokErr *err)
{
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (f->type != FIELD_IDS || (replace && (f->flags & FIELD_INSERT_ONLY))) continue;
        DbStmt *st;
        if (replace) {
            if (!(st = sq_stmt(s, cached(s, k, TAG_LINK_DELETE, f, build_link), err))) return -1;
            sq_bind_int(st, 1, id);
            if (sq_step_done(s, st, err)) return -1;
        }
        size_t n;
        const int64_t *ids = record_ids(rec, f, &n);
        for (size_t j = 0; ids && j < n; j++) {
            if (!(st = sq_stmt(s, cached(s, k, TAG_LINK_INSERT, f, build_link), err))) return -1;
            sq_bind_int(st, 1, id);
            sq_bind_int(st, 2, ids[j]);
            if (sq_step_done(s, st, err)) return -1;
        }
    }
    return 0;
}

/* ---- insert and update ---- */

static int inserted(const RecordField *f)
{
    return record_field_stored(f) && !(f->flags & FIELD_ROW_VERSION);
}

static int updated(const RecordField *f)
{
    return inserted(f) && !(f->flags & (FIELD_KEY | FIELD_INSERT_ONLY));
}

/* The columns of f: one, or source_id and source_place. */
static void column_names(Buf *b, const char *sep, const RecordField *f)
{
    if (f->type == FIELD_CITE)
        buf_printf(b, "%ssource_id, source_place", sep);
    else
        buf_printf(b, "%s%s", sep, f->column);
}

static int n_columns(const RecordField *f)
{
    return f->type == FIELD_CITE ? 2 : 1;
}

static void build_insert(Store *s, const RecordKind *k, const char *tag, const RecordField *unused,
                         Buf *b)
{
    buf_printf(b, "INSERT INTO %s (", k->table);
    int n = 0;
    for (size_t i = 0; i < k->n_fields; i++) {
        if (!inserted(&k->fields[i])) continue;
        column_names(b, n ? ", " : "", &k->fields[i]);
        n += n_columns(&k->fields[i]);
    }
    buf_puts(b, ") VALUES (");
    for (int i = 1; i <= n; i++) buf_printf(b, "%s?%d", i > 1 ? ", " : "", i);
    buf_puts(b, has_id(k) ? ") RETURNING id" : ")");
}

int sq_record_insert(Store *s, const RecordKind *k, const void *rec, int64_t *id, PokErr *err)
{
    DbStmt *st = sq_stmt(s, cached(s, k, TAG_INSERT, NULL, build_insert), err);
    if (!st) return -1;
    int pos = 1;
    for (size_t i = 0; i < k->n_fields; i++)
        if (inserted(&k->fields[i])) bind_field(st, &pos, &k->fields[i], rec);
    if (!has_id(k)) return sq_step_done(s, st, err);
    int64_t new_id;
    if (sq_step_id(s, st, &new_id, err) || write_links(s, k, new_id, rec, 0, err)) return -1;
    if (id) *id = new_id;
    return 0;
}

/* UPDATE t SET <updated columns> WHERE <keys> [AND the row version is the one given]. */
static void build_update(Store *s, const RecordKind *k, const char *tag, const RecordField *unused,
                         Buf *b)
{
    buf_printf(b, "UPDATE %s SET ", k->table);
    int pos = 1;
    const char *sep = "";
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (!updated(f)) continue;
        if (f->type == FIELD_CITE) {
            buf_printf(b, "%ssource_id = ?%d, source_place = ?%d", sep, pos, pos + 1);
        } else if (f->flags & FIELD_KEEP_IF_NULL) {
            buf_printf(b, "%s%s = COALESCE(?%d, %s)", sep, f->column, pos, f->column);
        } else {
            buf_printf(b, "%s%s = ?%d", sep, f->column, pos);
        }
        pos += n_columns(f);
        sep = ", ";
    }
    /* in table order, as sq_record_update binds them; a row version of 0 is not checked */
    sep = " WHERE ";
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (!(f->flags & (FIELD_KEY | FIELD_ROW_VERSION))) continue;
        if (f->flags & FIELD_KEY)
            buf_printf(b, "%s%s = ?%d", sep, f->column, pos);
        else
            buf_printf(b, "%s(?%d = 0 OR %s = ?%d)", sep, pos, f->column, pos);
        pos++;
        sep = " AND ";
    }
}

int sq_record_update(Store *s, const RecordKind *k, const void *rec, PokErr *err)
{
    DbStmt *st = sq_stmt(s, cached(s, k, TAG_UPDATE, NULL, build_update), err);
    if (!st) return -1;
    int pos = 1;
    for (size_t i = 0; i < k->n_fields; i++)
        if (updated(&k->fields[i])) bind_field(st, &pos, &k->fields[i], rec);
    for (size_t i = 0; i < k->n_fields; i++)
        if (k->fields[i].flags & (FIELD_KEY | FIELD_ROW_VERSION))
            bind_field(st, &pos, &k->fields[i], rec);
    if (sq_step_done(s, st, err)) return -1;
    if (db_changes(s->db) == 0) return 0;
    if (has_id(k) && write_links(s, k, record_int(rec, &k->fields[0]), rec, 1, err)) return -1;
    return 1;
}

/* UPDATE t SET row_version = row_version + 1 WHERE id = ?1 */
static void build_bump(Store *s, const RecordKind *k, const char *tag, const RecordField *f, Buf *b)
{
    buf_printf(b, "UPDATE %s SET %s = %s + 1 WHERE id = ?1", k->table, f->column, f->column);
}

int sq_record_bump_version(Store *s, const RecordKind *k, int64_t id, PokErr *err)
{
    const RecordField *version = NULL;
    for (size_t i = 0; i < k->n_fields; i++)
        if (k->fields[i].flags & FIELD_ROW_VERSION) version = &k->fields[i];
    if (!version || !has_id(k)) return 0;
    DbStmt *st = sq_stmt(s, cached(s, k, TAG_BUMP, version, build_bump), err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    return sq_step_done(s, st, err);
}

/* ---- the audit snapshot ---- */

static int audited(const RecordField *f)
{
    return !f->sql && !(f->flags & FIELD_ROW_VERSION);
}

/* SELECT json_object('column', column, ...) FROM t WHERE <keys>: the keys in table order,
 * a link table's ids as a sorted array. */
static void build_snapshot(Store *s, const RecordKind *k, const char *tag,
                           const RecordField *unused, Buf *b)
{
    buf_printf(b, "SELECT %s(", SQ_SQL(s, SQ_LITE_OBJ, SQ_PG_OBJ));
    const char *sep = "";
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (!audited(f)) continue;
        if (f->type == FIELD_CITE) {
            buf_printf(b, "%s'source_id', source_id, 'source_place', source_place", sep);
        } else if (f->type == FIELD_IDS) {
            char where[160];
            snprintf(where, sizeof where, "%s = %s.id", f->link->owner, k->table);
            buf_printf(b, "%s'%s', ", sep, f->column);
            if (SQ_PG(s))
                buf_printf(b, SQ_PG_IDS("%1$s", "%2$s", "%3$s"), f->link->value, f->link->table,
                           where);
            else
                buf_printf(b, SQ_LITE_IDS("%1$s", "%2$s", "%3$s"), f->link->value, f->link->table,
                           where);
        } else {
            buf_printf(b, "%s'%s', %s", sep, f->column, f->column);
        }
        sep = ", ";
    }
    buf_printf(b, ") FROM %s", k->table);
    int pos = 1;
    for (size_t i = 0; i < k->n_fields; i++) {
        if (!(k->fields[i].flags & FIELD_KEY)) continue;
        buf_printf(b, " %s %s = ?%d", pos == 1 ? "WHERE" : "AND", k->fields[i].column, pos);
        pos++;
    }
}

/* The snapshot of the row whose key fields are those of key (or whose id is id). */
static int snapshot(Store *s, const RecordKind *k, const void *key, int64_t id, char **out,
                    PokErr *err)
{
    DbStmt *st = sq_stmt(s, cached(s, k, TAG_SNAPSHOT, NULL, build_snapshot), err);
    if (!st) return -1;
    if (key) {
        int pos = 1;
        for (size_t i = 0; i < k->n_fields; i++)
            if (k->fields[i].flags & FIELD_KEY) bind_field(st, &pos, &k->fields[i], key);
    } else {
        sq_bind_int(st, 1, id);
    }
    return sq_snapshot_run(s, st, out, err);
}

int sq_record_snapshot(Store *s, const RecordKind *k, const void *key, char **out, PokErr *err)
{
    return snapshot(s, k, key, 0, out, err);
}

int sq_record_snapshot_id(Store *s, const RecordKind *k, int64_t id, char **out, PokErr *err)
{
    return snapshot(s, k, NULL, id, out, err);
}

int sq_record_add(Store *s, const RecordKind *k, const void *rec, int64_t *id,
                  const char *municipality, PokErr *err)
{
    int64_t new_id = 0;
    if (sq_record_insert(s, k, rec, &new_id, err)) return -1;
    if (id) *id = new_id;
    char *after = NULL;
    if (sq_record_snapshot_id(s, k, new_id, &after, err)) return -1;
    int rc = sq_audit(s, "insert", k->table, new_id, municipality, NULL, after, err);
    free(after);
    return rc;
}
