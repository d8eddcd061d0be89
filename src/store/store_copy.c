/* store_copy.c: pok copy: every table of one store into another (SQLite <-> PostgreSQL or
 * alike), ids kept, in one transaction on the destination, verified before the commit
 * (counts, sums, checksums read back) and recorded by one audit row on the destination. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store_audit_write.h"
#include "store_copy.h"
#include "store_copy_schema.h"
#include "store_internal.h"

/* One table's verification: what the source gave and what the destination holds. */
typedef struct Check {
    int64_t rows_read, rows_src, rows_dst;
    int64_t *sums_src, *sums_dst;
    unsigned char hash_src[32], hash_dst[32];
} Check;

typedef struct Copy {
    Store *src, *dst;
    CopySchema cs;
    Check *checks;
} Copy;

/* ---- the two ends ---- */

static int open_ends(Copy *c, const char *from_url, const char *to_url, PokErr *err)
{
    c->src = store_open(from_url, 0, err);
    if (!c->src) return err_prefix(err, "bron: ");
    c->dst = store_open(to_url, 1, err);
    if (!c->dst) return err_prefix(err, "doel: ");
    int from = store_schema_version(c->src), to = store_schema_version(c->dst);
    if (from != store_schema_latest() || to != from)
        return err_set(err, "schemaversies verschillen: bron %s %d, doel %s %d, deze pok %d",
                       c->src->path, from, c->dst->path, to, store_schema_latest());
    return 0;
}

/* A text that tells one PostgreSQL database (and schema) from every other: the server's
 * start time to the microsecond, the database and the schema. */
static char *pg_identity(Store *s)
{
    DbStmt *st = db_prepare(s->db, "SELECT pg_postmaster_start_time()::text || '/' ||"
                                   " current_database() || '/' || current_schema()");
    char *id = st && db_step(st) == 1 ? xstrdup(db_col_text(st, 0)) : NULL;
    db_finalize(st);
    return id;
}

/* Copying a database onto itself would, with --replace, delete the source. */
static int same_database(Copy *c, PokErr *err)
{
    DbKind a = db_kind(c->src->db), b = db_kind(c->dst->db);
    int same = 0;
    if (a == DB_SQLITE && b == DB_SQLITE) {
        struct stat x, y;
        same = stat(c->src->path, &x) == 0 && stat(c->dst->path, &y) == 0 && x.st_dev == y.st_dev &&
               x.st_ino == y.st_ino;
    } else if (a == DB_PG && b == DB_PG) {
        char *x = pg_identity(c->src), *y = pg_identity(c->dst);
        same = x && y && strcmp(x, y) == 0;
        free(x);
        free(y);
    }
    return same ? err_set(err, "bron en doel zijn dezelfde database (%s)", c->src->path) : 0;
}

/* How the report and the audit row name a database: a file by its absolute path. */
static char *full_name(Store *s)
{
    char *path = db_kind(s->db) == DB_SQLITE ? realpath(s->path, NULL) : NULL;
    return path ? path : xstrdup(s->path);
}

/* The source is read in one snapshot, so a copy taken while others write is consistent. */
static int begin_read(Store *s, PokErr *err)
{
    sq_reset_all(s);
    if (db_exec(s->db, SQ_SQL(s, "BEGIN", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")))
        return sq_fail(s, NULL, err);
    return 0;
}

/* ---- the destination: empty, or emptied ---- */

/* The number of tables whose content is not what the migrations leave, the first few
 * listed into what ("audit 52 rijen, ..."); 0 when none, -1 on error. */
static int find_data(Copy *c, Buf *what, PokErr *err)
{
    int found = 0;
    for (size_t i = 0; i < c->cs.n; i++) {
        const CopyTable *t = &c->cs.tables[i];
        int64_t rows = 0, sums[64];
        unsigned char hash[32];
        if (t->n_sums > 64)
            return err_set(err, "tabel %s: te veel kolommen om op te tellen", t->name);
        if (copy_totals(c->dst->db, t, &rows, sums, err)) return -1;
        if (rows == t->pristine_rows) {
            if (rows == 0) continue;
            if (copy_scan(c->dst->db, t, NULL, NULL, hash, &rows, err)) return -1;
            if (memcmp(hash, t->pristine_hash, sizeof hash) == 0) continue;
        }
        if (found < 5)
            buf_printf(what, "%s%s %lld %s", found ? ", " : "", t->name, (long long)rows,
                       rows == 1 ? "rij" : "rijen");
        else if (found == 5)
            buf_puts(what, ", ...");
        found++;
    }
    return found;
}

static int empty_destination(Copy *c, int replace, int *replaced, PokErr *err)
{
    Buf what = {0};
    int found = find_data(c, &what, err);
    if (found > 0 && !replace)
        err_set(err,
                "doel %s bevat al gegevens (%s): kies een lege database, of vervang alles "
                "daarin met --replace",
                c->dst->path, what.data);
    buf_free(&what);
    if (found < 0 || (found && !replace)) return -1;
    *replaced = found > 0;
    /* Also the migrations' own rows: the source's versions of them are copied. */
    for (size_t i = 0; i < c->cs.n_cleared; i++)
        if (db_exec(c->dst->db, c->cs.cleared_sql[i])) return sq_fail(c->dst, NULL, err);
    for (size_t i = c->cs.n; i-- > 0;)
        if (db_exec(c->dst->db, c->cs.tables[i].sql_delete)) return sq_fail(c->dst, NULL, err);
    return 0;
}

/* ---- copying ---- */

static int keep_row(void *ctx, DbStmt *from, PokErr *err)
{
    return copy_writer_add(ctx, from, err);
}

static int copy_tables(Copy *c, PokErr *err)
{
    for (size_t i = 0; i < c->cs.n; i++) {
        const CopyTable *t = &c->cs.tables[i];
        CopyWriter *w = copy_writer_new(c->dst->db, t, err);
        if (!w) return -1;
        int rc = copy_scan(c->src->db, t, keep_row, w, c->checks[i].hash_src,
                           &c->checks[i].rows_read, err) ||
                 copy_writer_flush(w, err);
        copy_writer_free(w);
        if (rc) return -1;
    }
    /* PostgreSQL's identity sequences continue after the highest id copied, and its
     * planner learns the new tables' sizes now rather than when autovacuum comes by
     * (until then it would plan the first pages as if the tables were empty). */
    if (db_sync_ids(c->dst->db) || (SQ_PG(c->dst) && db_exec(c->dst->db, "ANALYZE")))
        return sq_fail(c->dst, NULL, err);
    return 0;
}

/* ---- verifying ---- */

static int verify_table(Copy *c, size_t i, PokErr *err)
{
    const CopyTable *t = &c->cs.tables[i];
    Check *k = &c->checks[i];
    int64_t rows_back = 0;
    if (copy_totals(c->src->db, t, &k->rows_src, k->sums_src, err) ||
        copy_totals(c->dst->db, t, &k->rows_dst, k->sums_dst, err) ||
        copy_scan(c->dst->db, t, NULL, NULL, k->hash_dst, &rows_back, err))
        return -1;
    const char *fail = "controle na het kopiëren mislukt, niets gekopieerd: tabel";
    if (k->rows_src != k->rows_read || k->rows_dst != k->rows_src || rows_back != k->rows_src)
        return err_set(err, "%s %s heeft %lld rijen in de bron en %lld in het doel", fail, t->name,
                       (long long)k->rows_src, (long long)k->rows_dst);
    for (size_t j = 0; j < t->n_sums; j++)
        if (k->sums_src[j] != k->sums_dst[j])
            return err_set(err, "%s %s: som van %s is %lld in de bron en %lld in het doel", fail,
                           t->name, t->cols[t->sums[j]].name, (long long)k->sums_src[j],
                           (long long)k->sums_dst[j]);
    if (memcmp(k->hash_src, k->hash_dst, sizeof k->hash_src) != 0)
        return err_set(err, "%s %s: de inhoud verschilt (controlegetal) tussen bron en doel", fail,
                       t->name);
    return 0;
}

/* ---- the record of the copy ---- */

static int audit_copy(Copy *c, const StoreCopyReport *r, PokErr *err)
{
    char now[32];
    sq_now(now);
    json_t *o = json_object();
    json_object_set_new(o, "from", json_string(r->from));
    json_object_set_new(o, "at", json_string(now));
    json_object_set_new(o, "schema_version", json_integer(r->schema_version));
    json_object_set_new(o, "tables", json_integer((json_int_t)r->n_tables));
    json_object_set_new(o, "rows", json_integer(r->rows));
    json_object_set_new(o, "replaced", json_boolean(r->replaced));
    for (size_t i = 0; i < r->n_tables; i++)
        if (strcmp(r->tables[i].name, "audit") == 0) {
            json_object_set_new(o, "audit_rows", json_integer(r->tables[i].rows));
            json_object_set_new(o, "audit_checksum", json_string(r->tables[i].checksum));
        }
    char *after = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    int rc = sq_audit(c->dst, "insert", "copy", 0, NULL, NULL, after, err);
    free(after);
    return rc;
}

static void fill_report(Copy *c, StoreCopyReport *r)
{
    r->n_tables = c->cs.n;
    r->tables = xcalloc(c->cs.n + 1, sizeof *r->tables);
    for (size_t i = 0; i < c->cs.n; i++) {
        const CopyTable *t = &c->cs.tables[i];
        StoreCopyTable *o = &r->tables[i];
        o->name = xstrdup(t->name);
        o->rows = c->checks[i].rows_dst;
        r->rows += o->rows;
        o->n_sums = t->n_sums;
        o->sum_columns = xcalloc(t->n_sums + 1, sizeof *o->sum_columns);
        o->sums = xcalloc(t->n_sums + 1, sizeof *o->sums);
        for (size_t j = 0; j < t->n_sums; j++) {
            o->sum_columns[j] = xstrdup(t->cols[t->sums[j]].name);
            o->sums[j] = c->checks[i].sums_dst[j];
        }
        for (int j = 0; j < 8; j++)
            snprintf(o->checksum + 2 * j, 3, "%02x", c->checks[i].hash_dst[j]);
    }
}

static int run(Copy *c, const StoreCopyOptions *opt, StoreCopyReport *r, PokErr *err)
{
    if (begin_read(c->src, err)) return -1;
    sq_reset_all(c->dst);
    /* One large transaction: a page cache too small for the indexes it touches writes the
     * same pages to the WAL over and over (64 MiB at most, then SQLite spills anyway). */
    if ((!SQ_PG(c->dst) && sq_exec(c->dst, "PRAGMA cache_size = -65536", err)) ||
        (db_begin_write(c->dst->db) && sq_fail(c->dst, NULL, err))) {
        db_exec(c->src->db, "COMMIT");
        return -1;
    }
    int rc = empty_destination(c, opt && opt->replace, &r->replaced, err) || copy_tables(c, err);
    for (size_t i = 0; i < c->cs.n && rc == 0; i++) rc = verify_table(c, i, err);
    if (rc == 0) {
        fill_report(c, r);
        store_set_actor(c->dst, opt && opt->actor ? opt->actor : "cli");
        rc = audit_copy(c, r, err);
    }
    if (rc == 0 && db_commit(c->dst->db)) rc = sq_fail(c->dst, NULL, err);
    if (rc) {
        sq_reset_all(c->dst);
        db_rollback(c->dst->db);
    }
    /* The source was only read: COMMIT ends its snapshot (db_rollback would, on
     * PostgreSQL, also reset the source's id sequences). */
    db_exec(c->src->db, "COMMIT");
    return rc ? -1 : 0;
}

int store_copy(const char *from_url, const char *to_url, const StoreCopyOptions *opt,
               StoreCopyReport *report, PokErr *err)
{
    memset(report, 0, sizeof *report);
    report->skipped = copy_skipped_tables;
    Copy c = {0};
    int rc = copy_schema_load(&c.cs, err) || open_ends(&c, from_url, to_url, err) ||
                     same_database(&c, err)
                 ? -1
                 : 0;
    if (rc == 0) {
        report->from = full_name(c.src);
        report->to = full_name(c.dst);
        report->schema_version = store_schema_version(c.dst);
        c.checks = xcalloc(c.cs.n + 1, sizeof *c.checks);
        for (size_t i = 0; i < c.cs.n; i++) {
            c.checks[i].sums_src = xcalloc(c.cs.tables[i].n_sums + 1, sizeof(int64_t));
            c.checks[i].sums_dst = xcalloc(c.cs.tables[i].n_sums + 1, sizeof(int64_t));
        }
        rc = run(&c, opt, report, err);
    }
    for (size_t i = 0; c.checks && i < c.cs.n; i++) {
        free(c.checks[i].sums_src);
        free(c.checks[i].sums_dst);
    }
    free(c.checks);
    copy_schema_free(&c.cs);
    store_close(c.src);
    store_close(c.dst);
    if (rc) {
        store_copy_report_free(report);
        report->skipped = copy_skipped_tables;
    }
    return rc;
}

void store_copy_report_free(StoreCopyReport *r)
{
    for (size_t i = 0; r->tables && i < r->n_tables; i++) {
        StoreCopyTable *t = &r->tables[i];
        free((char *)t->name);
        for (size_t j = 0; j < t->n_sums; j++) free((char *)t->sum_columns[j]);
        free(t->sum_columns);
        free(t->sums);
    }
    free(r->tables);
    free(r->from);
    free(r->to);
    memset(r, 0, sizeof *r);
}
