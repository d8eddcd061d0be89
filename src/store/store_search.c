/* store_search.c: the library of measures (store_search.h). The SQL is put together from
 * the query's shape (how many groups and phrases, which filters), every value bound as a
 * parameter: on SQLite the FTS5 MATCH expression of search_query_fts5 (each phrase
 * quoted, so nothing the user typed is FTS5 syntax), on PostgreSQL a tsquery built in SQL
 * from each phrase with phraseto_tsquery('dutch', pok_fold(?)). Only municipalities at
 * SHARE_MEASURES are joined in. Such statements vary, so they are prepared per call and
 * not kept in the statement cache. */
#include "store_search.h"

#include <string.h>

#include "store_internal.h"

/* The parameters of a statement being written: ?1.. in order. */
#define SQL_PARAMS_MAX (SEARCH_MAX_GROUPS * SEARCH_MAX_PHRASES + 16)

typedef struct SqlParam {
    int is_text;
    int64_t i;
    const char *t;
} SqlParam;

typedef struct Sql {
    Buf b;
    SqlParam p[SQL_PARAMS_MAX];
    int n;
} Sql;

static void param_int(Sql *q, int64_t v)
{
    if (q->n >= SQL_PARAMS_MAX) return; /* bounded by the query's own caps */
    q->p[q->n] = (SqlParam){0, v, NULL};
    buf_printf(&q->b, "?%d", ++q->n);
}

static void param_text(Sql *q, const char *v)
{
    if (q->n >= SQL_PARAMS_MAX) return;
    q->p[q->n] = (SqlParam){1, 0, v};
    buf_printf(&q->b, "?%d", ++q->n);
}

static void bind_all(DbStmt *st, const Sql *q)
{
    for (int i = 0; i < q->n; i++) {
        if (q->p[i].is_text)
            db_bind_text(st, i + 1, q->p[i].t);
        else
            db_bind_int(st, i + 1, q->p[i].i);
    }
}

/* ASCII lower case, the only case folding both backends' lower() share in the C locale. */
static char *ascii_lower(Arena *a, const char *s)
{
    char *r = arena_strdup(a, s);
    for (char *p = r; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    return r;
}

/* '%part%' for LIKE, with the wildcards in part escaped. */
static const char *like_pattern(Arena *a, const char *part)
{
    Buf b = {0};
    buf_puts(&b, "%");
    for (const char *p = part; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\') buf_puts(&b, "\\");
        buf_append(&b, p, 1);
    }
    buf_puts(&b, "%");
    const char *r = ascii_lower(a, b.data);
    buf_free(&b);
    return r;
}

#define LATEST_EVALUATION(col)                                                                     \
    "(SELECT e." col " FROM evaluation e WHERE e.measure_id = m.id"                                \
    " ORDER BY e.date IS NULL, e.date DESC, e.id DESC LIMIT 1)"
#define LATEST_INHABITANTS                                                                         \
    "(SELECT i.count FROM inhabitants i WHERE i.municipality = m.municipality"                     \
    " ORDER BY i.year DESC LIMIT 1)"

/* The tsquery of q, in SQL, its phrases as parameters. */
static void pg_tsquery(Sql *q, const SearchQuery *sq)
{
    for (size_t i = 0; i < sq->n; i++) {
        buf_puts(&q->b, i ? " && (" : "(");
        for (size_t k = 0; k < sq->groups[i].n; k++) {
            buf_puts(&q->b, k ? " || phraseto_tsquery('dutch', pok_fold("
                              : "phraseto_tsquery('dutch', pok_fold(");
            param_text(q, sq->groups[i].phrases[k]);
            buf_puts(&q->b, "::text))");
        }
        buf_puts(&q->b, ")");
    }
}

/* FROM .. WHERE .. of the search (the measure is m, its municipality mu), and in *score
 * the expression to order by (best first: lowest). */
static void from_where(Store *s, const SearchFilter *f, Arena *a, Sql *q, const char **score)
{
    const SearchQuery *sq = f->query && f->query->n ? f->query : NULL;
    if (sq && SQ_PG(s)) {
        buf_puts(&q->b, " FROM measure_search f JOIN measure m ON m.id = f.measure_id"
                        " CROSS JOIN (SELECT ");
        pg_tsquery(q, sq);
        buf_puts(&q->b, " AS q) tq");
        *score = "-ts_rank(f.doc, tq.q)";
    } else if (sq) {
        buf_puts(&q->b, " FROM measure_fts f JOIN measure m ON m.id = f.rowid");
        *score = "bm25(measure_fts, 4.0, 1.0)";
    } else {
        buf_puts(&q->b, " FROM measure m");
        *score = "0";
    }
    buf_puts(&q->b, " JOIN municipality mu ON mu.code = m.municipality"
                    " JOIN municipality_sharing sh ON sh.municipality = m.municipality"
                    " AND sh.level = ");
    param_int(q, SHARE_MEASURES);
    buf_puts(&q->b, " WHERE 1 = 1");
    if (sq && SQ_PG(s)) buf_puts(&q->b, " AND f.doc @@ tq.q");
    if (sq && !SQ_PG(s)) {
        buf_puts(&q->b, " AND measure_fts MATCH ");
        param_text(q, search_query_fts5(sq, a));
    }
    if (f->actielijn) {
        buf_puts(&q->b, " AND EXISTS (SELECT 1 FROM measure_actielijn ma"
                        " JOIN actielijn al ON al.id = ma.actielijn_id"
                        " WHERE ma.measure_id = m.id AND al.number = ");
        param_int(q, f->actielijn);
        buf_puts(&q->b, ")");
    }
    if (f->purpose) {
        buf_puts(&q->b, " AND EXISTS (SELECT 1 FROM measure_purpose mp"
                        " JOIN purpose pu ON pu.id = mp.purpose_id"
                        " WHERE mp.measure_id = m.id AND pu.number = ");
        param_int(q, f->purpose);
        buf_puts(&q->b, ")");
    }
    if (f->partner && *f->partner) {
        buf_puts(&q->b, " AND lower(COALESCE(m.partner, '')) LIKE ");
        param_text(q, like_pattern(a, f->partner));
        buf_puts(&q->b, " ESCAPE '\\'");
    }
    if (f->status && *f->status) {
        buf_puts(&q->b, " AND m.status = ");
        param_text(q, f->status);
    }
    if (f->verdict && *f->verdict) {
        buf_puts(&q->b, " AND lower(" LATEST_EVALUATION("verdict") ") = ");
        param_text(q, ascii_lower(a, f->verdict));
    }
    if (f->size) {
        buf_puts(&q->b, " AND " LATEST_INHABITANTS " >= ");
        param_int(q, f->size->min);
        buf_puts(&q->b, " AND " LATEST_INHABITANTS " < ");
        param_int(q, f->size->max);
    }
    if (f->not_municipality) {
        buf_puts(&q->b, " AND m.municipality <> ");
        param_text(q, f->not_municipality);
    }
}

static int fail_stmt(Store *s, DbStmt *st, PokErr *err)
{
    sq_fail(s, NULL, err);
    if (st) db_finalize(st);
    return err_prefix(err, "zoeken in de maatregelen");
}

static int run_count(Store *s, const Sql *where, int64_t *total, PokErr *err)
{
    Buf sql = {0};
    buf_printf(&sql, "SELECT count(*)%s", where->b.data);
    DbStmt *st = db_prepare(s->db, sql.data);
    buf_free(&sql);
    if (!st) return fail_stmt(s, NULL, err);
    bind_all(st, where);
    if (db_step(st) != 1) return fail_stmt(s, st, err);
    *total = db_col_int(st, 0);
    db_finalize(st);
    return 0;
}

static int run_page(Store *s, Sql *q, const char *score, const SearchFilter *f, Arena *a,
                    SearchHit **out, size_t *n, PokErr *err)
{
    size_t limit = f->limit && f->limit < SEARCH_PAGE_MAX ? f->limit : SEARCH_PAGE_MAX;
    Buf inner = {0};
    buf_printf(&inner,
               "SELECT m.id AS id, %s AS score%s ORDER BY score, mu.name, m.name, m.id"
               " LIMIT ",
               score, q->b.data);
    /* the page's bounds are the last two parameters */
    Buf saved = q->b;
    q->b = inner;
    param_int(q, (int64_t)limit);
    buf_puts(&q->b, " OFFSET ");
    param_int(q, (int64_t)f->offset);
    inner = q->b;
    q->b = saved;
    Buf sql = {0};
    buf_printf(&sql,
               "SELECT m.id, m.municipality, mu.name, m.name, m.description, m.partner, m.status,"
               " (SELECT COALESCE(SUM(x.amount_cents), 0) FROM measure_amount x"
               "  WHERE x.measure_id = m.id AND x.kind = 1),"
               " (SELECT COALESCE(SUM(x.amount_cents), 0) FROM measure_amount x"
               "  WHERE x.measure_id = m.id AND x.kind = 2),"
               " " LATEST_EVALUATION("verdict") ", " LATEST_EVALUATION(
                   "date") " FROM (%s) h JOIN measure m ON m.id = h.id"
                           " JOIN municipality mu ON mu.code = m.municipality"
                           " ORDER BY h.score, mu.name, m.name, m.id",
               inner.data);
    buf_free(&inner);
    DbStmt *st = db_prepare(s->db, sql.data);
    buf_free(&sql);
    if (!st) return fail_stmt(s, NULL, err);
    bind_all(st, q);
    SearchHit *hits = arena_alloc(a, (limit + 1) * sizeof *hits);
    size_t count = 0;
    int rc = 0;
    while (count < limit && (rc = db_step(st)) == 1) {
        SearchHit *h = &hits[count++];
        h->measure_id = db_col_int(st, 0);
        h->municipality = sq_col_text(a, st, 1);
        h->municipality_name = sq_col_text(a, st, 2);
        h->name = sq_col_text(a, st, 3);
        h->description = sq_col_text(a, st, 4);
        h->partner = sq_col_text(a, st, 5);
        h->status = sq_col_text(a, st, 6);
        h->planned_cents = db_col_int(st, 7);
        h->realised_cents = db_col_int(st, 8);
        h->verdict = sq_col_text(a, st, 9);
        h->evaluation_date = sq_col_text(a, st, 10);
    }
    if (rc < 0) return fail_stmt(s, st, err);
    db_finalize(st);
    *out = hits;
    *n = count;
    return 0;
}

int store_search(Store *s, const SearchFilter *f, Arena *a, SearchHit **out, size_t *n,
                 int64_t *total, PokErr *err)
{
    *out = NULL;
    *n = 0;
    *total = 0;
    /* words typed, but none to search for (only stop words): nothing matches */
    if (f->query && f->query->had_words && !f->query->n) return 0;
    Sql q = {0};
    const char *score = "0";
    from_where(s, f, a, &q, &score);
    int rc = run_count(s, &q, total, err);
    if (rc == 0 && *total > (int64_t)f->offset) rc = run_page(s, &q, score, f, a, out, n, err);
    buf_free(&q.b);
    return rc;
}

int store_search_similar(Store *s, int64_t measure_id, size_t limit, Arena *a, SearchHit **out,
                         size_t *n, PokErr *err)
{
    *out = NULL;
    *n = 0;
    DbStmt *st = sq_stmt(s,
                         "SELECT municipality, name || ' ' || COALESCE(description, '')"
                         " FROM measure WHERE id = ?1",
                         err);
    if (!st) return -1;
    sq_bind_int(st, 1, measure_id);
    int r = sq_step_row(s, st, err);
    if (r <= 0) return r;
    const char *muni = sq_col_text(a, st, 0), *text = sq_col_text(a, st, 1);
    db_reset(st);
    SearchQuery query;
    search_query_any(text, SEARCH_MAX_PHRASES, a, &query);
    if (!query.n) return 0;
    SearchFilter f = {.query = &query, .not_municipality = muni, .limit = limit};
    int64_t total = 0;
    return store_search(s, &f, a, out, n, &total, err);
}

int store_search_verdicts(Store *s, size_t max, Arena *a, const char ***out, size_t *n, PokErr *err)
{
    DbStmt *st = sq_stmt(s,
                         "SELECT DISTINCT v FROM (SELECT " LATEST_EVALUATION(
                             "verdict") " AS v"
                                        " FROM measure m JOIN municipality_sharing sh"
                                        " ON sh.municipality = m.municipality AND sh.level = ?1) x"
                                        " WHERE v IS NOT NULL AND v <> '' ORDER BY v LIMIT ?2",
                         err);
    if (!st) return -1;
    sq_bind_int(st, 1, SHARE_MEASURES);
    sq_bind_int(st, 2, (int64_t)max);
    const char **items = arena_alloc(a, (max + 1) * sizeof *items);
    size_t count = 0;
    int rc = 0;
    while (count < max && (rc = db_step(st)) == 1) items[count++] = sq_col_text(a, st, 0);
    if (rc < 0) return sq_fail(s, st, err);
    db_reset(st);
    *out = items;
    *n = count;
    return 0;
}
