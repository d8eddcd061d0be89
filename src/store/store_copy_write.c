/* store_copy_write.c: pok copy's writer. On PostgreSQL the rows go with COPY, sent
 * COPY_CHUNK bytes at a time; on SQLite every row is its own INSERT, which costs no round
 * trip there (and a multi-row INSERT would keep a statement journal). */
#include <stdlib.h>
#include <string.h>

#include "store_copy_schema.h"

/* Bytes of COPY rows collected before they are sent. */
#define COPY_CHUNK (256 * 1024)

struct CopyWriter {
    Db *db;
    const CopyTable *t;
    DbStmt *one; /* SQLite */
    int copying; /* PostgreSQL: the COPY is open */
    Buf rows;    /* its rows not yet sent */
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
    if (db_has_copy(db)) {
        if (db_copy_begin(db, t->sql_copy) == 0) {
            w->copying = 1;
            return w;
        }
    } else if ((w->one = db_prepare(db, t->sql_insert))) {
        return w;
    }
    fail(w, err);
    copy_writer_free(w);
    return NULL;
}

void copy_writer_free(CopyWriter *w)
{
    if (!w) return;
    if (w->copying) db_copy_end(w->db); /* an error before the flush: the caller rolls back */
    buf_free(&w->rows);
    db_finalize(w->one);
    free(w);
}

/* The current row of from as a COPY row. */
static int copy_row(CopyWriter *w, DbStmt *from, PokErr *err)
{
    const CopyTable *t = w->t;
    for (size_t c = 0; c < t->n_cols; c++) {
        int i = (int)c;
        char sep = c + 1 < t->n_cols ? '\t' : '\n';
        if (db_col_is_null(from, i)) {
            db_copy_text(&w->rows, NULL, sep);
        } else if (t->cols[c].type == DB_T_INT) {
            db_copy_int(&w->rows, db_col_int(from, i), sep);
        } else if (t->cols[c].type == DB_T_BLOB) {
            size_t n;
            const void *p = db_col_blob(from, i, &n);
            db_copy_bytes(&w->rows, p, n, sep);
        } else {
            db_copy_text(&w->rows, db_col_text(from, i), sep);
        }
    }
    if (buf_check(&w->rows, "pok copy", err)) return -1;
    if (w->rows.len < COPY_CHUNK) return 0;
    int rc = db_copy_put(w->db, w->rows.data, w->rows.len);
    buf_reset(&w->rows);
    return rc ? fail(w, err) : 0;
}

/* The current row of from as one INSERT. */
static int insert_row(CopyWriter *w, DbStmt *from, PokErr *err)
{
    const CopyTable *t = w->t;
    DbStmt *st = w->one;
    for (size_t c = 0; c < t->n_cols; c++) {
        int i = (int)c, p = i + 1;
        if (db_col_is_null(from, i)) {
            db_bind_null(st, p, t->cols[c].type);
        } else if (t->cols[c].type == DB_T_INT) {
            db_bind_int(st, p, db_col_int(from, i));
        } else if (t->cols[c].type == DB_T_BLOB) {
            size_t n;
            const void *v = db_col_blob(from, i, &n);
            db_bind_blob(st, p, v, n);
        } else {
            db_bind_text(st, p, db_col_text(from, i));
        }
    }
    int rc = db_step(st);
    db_reset(st);
    db_clear_bindings(st);
    return rc < 0 ? fail(w, err) : 0;
}

int copy_writer_add(CopyWriter *w, DbStmt *from, PokErr *err)
{
    return w->copying ? copy_row(w, from, err) : insert_row(w, from, err);
}

int copy_writer_flush(CopyWriter *w, PokErr *err)
{
    if (!w->copying) return 0;
    int rc = w->rows.len ? db_copy_put(w->db, w->rows.data, w->rows.len) : 0;
    buf_reset(&w->rows);
    w->copying = 0;
    if (db_copy_end(w->db)) rc = -1;
    return rc ? fail(w, err) : 0;
}
