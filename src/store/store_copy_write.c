/* store_copy_write.c: pok copy's writer. On PostgreSQL rows are kept until COPY_BATCH of
 * them can go in one INSERT (one round trip instead of one per row); what is left at the
 * end of a table goes one row at a time, as every row does on SQLite. */
#include <stdlib.h>
#include <string.h>

#include "store_copy_schema.h"

typedef struct CopyValue {
    int is_null;
    int64_t i;
    char *p; /* text (NUL-terminated) or blob, malloc'd */
    size_t n;
} CopyValue;

struct CopyWriter {
    Db *db;
    const CopyTable *t;
    CopyValue *v; /* COPY_BATCH rows of t->n_cols values */
    size_t rows;
    DbStmt *one, *batch;
};

static int fail(CopyWriter *w, PokErr *err)
{
    return err_set(err, "tabel %s: kan niet schrijven in %s: %s", w->t->name, db_name(w->db),
                   db_err_message(w->db));
}

CopyWriter *copy_writer_new(Db *db, const CopyTable *t, PokErr *err)
{
    CopyWriter *w = xcalloc(1, sizeof *w);
    w->db = db;
    w->t = t;
    w->v = xcalloc((size_t)COPY_BATCH * t->n_cols, sizeof *w->v);
    w->one = db_prepare(db, t->sql_insert);
    /* SQLite writes no round trips but would keep a statement journal for a multi-row
     * INSERT: there, every row is its own INSERT. */
    w->batch = db_kind(db) == DB_PG ? db_prepare(db, t->sql_insert_batch) : NULL;
    if (w->one && (w->batch || db_kind(db) != DB_PG)) return w;
    fail(w, err);
    copy_writer_free(w);
    return NULL;
}

static void clear_rows(CopyWriter *w)
{
    for (size_t k = 0; k < w->rows * w->t->n_cols; k++) {
        free(w->v[k].p);
        memset(&w->v[k], 0, sizeof w->v[k]);
    }
    w->rows = 0;
}

void copy_writer_free(CopyWriter *w)
{
    if (!w) return;
    clear_rows(w);
    free(w->v);
    db_finalize(w->one);
    db_finalize(w->batch);
    free(w);
}

/* Bind row r of the kept rows as the parameters after offset. */
static void bind_row(CopyWriter *w, DbStmt *st, size_t r, int offset)
{
    const CopyTable *t = w->t;
    for (size_t c = 0; c < t->n_cols; c++) {
        const CopyValue *v = &w->v[r * t->n_cols + c];
        int p = offset + (int)c + 1;
        if (v->is_null)
            db_bind_null(st, p, t->cols[c].type);
        else if (t->cols[c].type == DB_T_INT)
            db_bind_int(st, p, v->i);
        else if (t->cols[c].type == DB_T_BLOB)
            db_bind_blob(st, p, v->p, v->n);
        else
            db_bind_text(st, p, v->p);
    }
}

static int run(CopyWriter *w, DbStmt *st, PokErr *err)
{
    int rc = db_step(st);
    db_reset(st);
    db_clear_bindings(st);
    return rc < 0 ? fail(w, err) : 0;
}

int copy_writer_add(CopyWriter *w, DbStmt *from, PokErr *err)
{
    const CopyTable *t = w->t;
    CopyValue *row = &w->v[w->rows * t->n_cols];
    for (size_t c = 0; c < t->n_cols; c++) {
        int i = (int)c;
        CopyValue *v = &row[c];
        v->is_null = db_col_is_null(from, i);
        if (v->is_null) continue;
        if (t->cols[c].type == DB_T_INT) {
            v->i = db_col_int(from, i);
        } else if (t->cols[c].type == DB_T_BLOB) {
            const void *p = db_col_blob(from, i, &v->n);
            v->p = xmalloc(v->n ? v->n : 1);
            if (v->n) memcpy(v->p, p, v->n);
        } else {
            v->p = xstrdup(db_col_text(from, i));
        }
    }
    w->rows++;
    if (!w->batch) return copy_writer_flush(w, err);
    if (w->rows < COPY_BATCH) return 0;
    for (size_t r = 0; r < w->rows; r++) bind_row(w, w->batch, r, (int)(r * t->n_cols));
    int rc = run(w, w->batch, err);
    clear_rows(w);
    return rc;
}

int copy_writer_flush(CopyWriter *w, PokErr *err)
{
    int rc = 0;
    for (size_t r = 0; r < w->rows && rc == 0; r++) {
        bind_row(w, w->one, r, 0);
        rc = run(w, w->one, err);
    }
    clear_rows(w);
    return rc;
}
