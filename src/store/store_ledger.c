/* store_ledger.c: general-ledger (grootboek) imports and bookings: the bulk writer
 * used inside an import's one transaction, and the reads that trace a realised amount
 * down to its bookings. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_audit_write.h"
#include "store_checks.h"
#include "store_internal.h"
#include "store_ledger.h"

#define STR_(x) #x
#define STR(x) STR_(x)

#define LEDGER_IMPORT_JSON_SQL(O)                                                                  \
    "SELECT " O "('id', id, 'municipality', municipality, 'source_id', source_id,"                 \
    " 'file_name', file_name, 'imported_at', imported_at, 'actor', actor, 'lines', lines,"         \
    " 'bookings_new', bookings_new, 'bookings_known', bookings_known, 'unmapped_lines',"           \
    " unmapped_lines, 'unmapped_cents', unmapped_cents, 'total_cents', total_cents)"               \
    " FROM ledger_import WHERE id = ?1"
static SqJson SQ_JSON_LEDGER_IMPORT = {LEDGER_IMPORT_JSON_SQL(SQ_LITE_OBJ),
                                       LEDGER_IMPORT_JSON_SQL(SQ_PG_OBJ)};

/* Page cache during an import: the unique index on fingerprints is written in random
 * order, and with SQLite's default 2 MB every insert re-reads pages from disk. 32 MB
 * keeps the index of a few hundred thousand bookings in memory. Only the cache size
 * changes; durability (synchronous, journal) stays as it is. */
#define LEDGER_CACHE_KIB 32768

struct LedgerWriter {
    Store *s;
    int64_t old_cache; /* the cache_size to restore */
    int64_t import_id;
    const char *municipality;
    DbStmt *count; /* the occurrence of a fingerprint in this file */
    DbStmt *insert;
    /* PostgreSQL: the bookings go into a temporary table with COPY as they come, and
     * into booking with one INSERT .. SELECT at the end (store_ledger_flush). */
    int copying;
    Buf rows; /* COPY rows not yet sent */
};

/* Bytes of COPY rows collected before they are sent. */
#define LEDGER_COPY_CHUNK (256 * 1024)

/* Each field with its length in front, so no choice of field contents can make two
 * different bookings hash alike. */
static void hash_field(crypto_generichash_state *st, const char *v)
{
    uint32_t n = v ? (uint32_t)strlen(v) : 0xFFFFFFFFu;
    unsigned char len[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16),
                            (unsigned char)(n >> 8), (unsigned char)n};
    crypto_generichash_update(st, len, sizeof len);
    if (v) crypto_generichash_update(st, (const unsigned char *)v, strlen(v));
}

static void hash_int(crypto_generichash_state *st, int64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++) b[i] = (unsigned char)((uint64_t)v >> (56 - 8 * i));
    crypto_generichash_update(st, b, sizeof b);
}

void store_ledger_fingerprint(Booking *b)
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, LEDGER_FINGERPRINT_BYTES);
    hash_field(&st, b->booking_date);
    hash_int(&st, b->year);
    hash_int(&st, b->period);
    hash_field(&st, b->account);
    hash_field(&st, b->cost_centre);
    hash_int(&st, b->amount_cents);
    hash_field(&st, b->description);
    hash_field(&st, b->document);
    crypto_generichash_final(&st, b->fingerprint, LEDGER_FINGERPRINT_BYTES);
}

static int prepare(Store *s, const char *sql, DbStmt **st, PokErr *err)
{
    *st = db_prepare(s->db, sql);
    return *st ? 0 : sq_fail(s, NULL, err);
}

void store_ledger_free(LedgerWriter *w)
{
    if (!w) return;
    db_finalize(w->count);
    db_finalize(w->insert);
    /* a COPY still open (an error before the flush): end it, the caller rolls back */
    if (w->copying) db_copy_end(w->s->db);
    buf_free(&w->rows);
    if (!SQ_PG(w->s)) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", (long long)w->old_cache);
        db_exec(w->s->db, sql);
    }
    free(w);
}

int store_ledger_begin(Store *s, LedgerImport *imp, LedgerWriter **out, PokErr *err)
{
    *out = NULL;
    if (!db_in_transaction(s->db))
        return err_set(err, "grootboekimport buiten een transactie (interne fout)");
    if (sodium_init() < 0) return err_set(err, "libsodium kon niet starten");
    if (sq_check_municipality(s, imp->municipality, err) ||
        sq_check_required(imp->file_name, "bestandsnaam", err) ||
        SQ_CHECK_TEXTS(err, {imp->file_name, "bestandsnaam", TEXT_LONG}))
        return -1;
    /* Occurrences are counted in a temporary table, not in memory, so memory stays flat
     * however many bookings a file holds. It is part of the transaction: a rollback
     * removes it too. (PostgreSQL counts them in the flush.) */
    if (!SQ_PG(s) && sq_exec(s,
                             "DROP TABLE IF EXISTS temp.ledger_seen;"
                             "CREATE TEMP TABLE ledger_seen (fingerprint BLOB PRIMARY KEY,"
                             " n INTEGER NOT NULL) WITHOUT ROWID",
                             err))
        return -1;
    char now[32];
    sq_now(now);
    DbStmt *st = sq_stmt(s,
                         "INSERT INTO ledger_import (municipality, file_name, imported_at,"
                         " actor) VALUES (?1, ?2, ?3, ?4) RETURNING id",
                         err);
    if (!st) return -1;
    sq_bind_text(st, 1, imp->municipality);
    sq_bind_text(st, 2, imp->file_name);
    sq_bind_text(st, 3, now);
    sq_bind_text(st, 4, s->actor);
    int64_t import_id;
    if (sq_step_id(s, st, &import_id, err)) return -1;
    LedgerWriter *w = xcalloc(1, sizeof *w);
    w->s = s;
    w->old_cache = -2000;
    if (!SQ_PG(s)) {
        st = sq_stmt(s, "PRAGMA cache_size", err);
        if (st && sq_step_row(s, st, err) == 1) {
            w->old_cache = sq_col_int(st, 0);
            db_reset(st);
        }
        sq_exec(s,
                "PRAGMA cache_size = -" STR(LEDGER_CACHE_KIB) "; PRAGMA temp.cache_size = -" STR(
                    LEDGER_CACHE_KIB),
                NULL);
    }
    w->import_id = imp->id = import_id;
    w->municipality = imp->municipality;
    /* PostgreSQL: COPY into a temporary table (booking's columns without the import,
     * the municipality and the occurrence, which the flush adds), in this transaction. */
    if (SQ_PG(s)) {
        if (sq_exec(
                s,
                "DROP TABLE IF EXISTS pg_temp.ledger_stage;"
                "CREATE TEMP TABLE ledger_stage (measure_id BIGINT NOT NULL, year BIGINT NOT NULL,"
                " period BIGINT, booking_date TEXT, account TEXT, cost_centre TEXT, taakveld TEXT,"
                " amount_cents BIGINT NOT NULL, description TEXT, document TEXT,"
                " line BIGINT NOT NULL, fingerprint BYTEA NOT NULL) ON COMMIT DROP",
                err) ||
            (db_copy_begin(s->db,
                           "COPY ledger_stage (measure_id, year, period, booking_date, account,"
                           " cost_centre, taakveld, amount_cents, description, document, line,"
                           " fingerprint) FROM STDIN") &&
             sq_fail(s, NULL, err))) {
            store_ledger_free(w);
            return -1;
        }
        w->copying = 1;
        *out = w;
        return 0;
    }
    if (prepare(s,
                "INSERT INTO ledger_seen (fingerprint, n) VALUES (?1, 1)"
                " ON CONFLICT (fingerprint) DO UPDATE SET n = ledger_seen.n + 1 RETURNING n",
                &w->count, err) ||
        prepare(s,
                "INSERT INTO booking (import_id, municipality, measure_id, year, period,"
                " booking_date, account, cost_centre, taakveld, amount_cents, description,"
                " document, line, fingerprint, occurrence)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
                " ON CONFLICT (municipality, fingerprint, occurrence) DO NOTHING RETURNING id",
                &w->insert, err)) {
        store_ledger_free(w);
        return -1;
    }
    *out = w;
    return 0;
}

static void bind_opt_text(DbStmt *st, int i, const char *v)
{
    sq_bind_text(st, i, v && *v ? v : NULL);
}

/* One booking as a COPY row of ledger_stage; sent when LEDGER_COPY_CHUNK is full. */
static int copy_booking(LedgerWriter *w, const Booking *b, PokErr *err)
{
    Buf *r = &w->rows;
    db_copy_int(r, b->measure_id, '\t');
    db_copy_int(r, b->year, '\t');
    if (b->period)
        db_copy_int(r, b->period, '\t');
    else
        db_copy_text(r, NULL, '\t');
    db_copy_text(r, b->booking_date && *b->booking_date ? b->booking_date : NULL, '\t');
    db_copy_text(r, b->account && *b->account ? b->account : NULL, '\t');
    db_copy_text(r, b->cost_centre && *b->cost_centre ? b->cost_centre : NULL, '\t');
    db_copy_text(r, b->taakveld && *b->taakveld ? b->taakveld : NULL, '\t');
    db_copy_int(r, b->amount_cents, '\t');
    db_copy_text(r, b->description && *b->description ? b->description : NULL, '\t');
    db_copy_text(r, b->document && *b->document ? b->document : NULL, '\t');
    db_copy_int(r, b->line, '\t');
    db_copy_bytes(r, b->fingerprint, LEDGER_FINGERPRINT_BYTES, '\n');
    if (buf_check(r, "de grootboekimport", err)) return -1;
    if (r->len < LEDGER_COPY_CHUNK) return 0;
    int rc = db_copy_put(w->s->db, r->data, r->len);
    buf_reset(r);
    return rc ? sq_fail(w->s, NULL, err) : 0;
}

int store_ledger_add(LedgerWriter *w, Booking *b, int *is_new, PokErr *err)
{
    Store *s = w->s;
    store_ledger_fingerprint(b);
    if (SQ_CHECK_TEXTS(err, {b->booking_date, "boekdatum", TEXT_SHORT},
                       {b->account, "grootboekrekening", TEXT_SHORT},
                       {b->cost_centre, "kostenplaats", TEXT_SHORT},
                       {b->taakveld, "taakveld", TEXT_SHORT},
                       {b->description, "omschrijving van de boeking", TEXT_LONG},
                       {b->document, "boekstuk", TEXT_SHORT}))
        return -1;
    if (w->copying) {
        *is_new = -1; /* counted by store_ledger_flush */
        return copy_booking(w, b, err);
    }
    /* SQLite: the occurrence of this fingerprint in the file so far, then the insert */
    db_bind_blob(w->count, 1, b->fingerprint, LEDGER_FINGERPRINT_BYTES);
    int rc = db_step(w->count);
    if (rc != 1)
        return rc < 0 ? sq_fail(s, w->count, err) : err_set(err, "interne fout: geen telling");
    int64_t occurrence = db_col_int(w->count, 0);
    db_reset(w->count);
    DbStmt *st = w->insert;
    sq_bind_int(st, 1, w->import_id);
    sq_bind_text(st, 2, w->municipality);
    sq_bind_int(st, 3, b->measure_id);
    sq_bind_int(st, 4, b->year);
    sq_bind_nz(st, 5, b->period);
    bind_opt_text(st, 6, b->booking_date);
    bind_opt_text(st, 7, b->account);
    bind_opt_text(st, 8, b->cost_centre);
    bind_opt_text(st, 9, b->taakveld);
    sq_bind_int(st, 10, b->amount_cents);
    bind_opt_text(st, 11, b->description);
    bind_opt_text(st, 12, b->document);
    sq_bind_int(st, 13, b->line);
    db_bind_blob(st, 14, b->fingerprint, LEDGER_FINGERPRINT_BYTES);
    sq_bind_int(st, 15, occurrence);
    /* A known booking inserts nothing and so returns no id. */
    rc = db_step(st);
    if (rc < 0) return sq_fail(s, st, err);
    *is_new = rc == 1;
    if (*is_new) b->id = db_col_int(st, 0);
    db_reset(st);
    return 0;
}

int store_ledger_flush(LedgerWriter *w, LedgerNewCount each, void *ctx, PokErr *err)
{
    if (!w->copying) return 0;
    Store *s = w->s;
    int rc = w->rows.len ? db_copy_put(s->db, w->rows.data, w->rows.len) : 0;
    buf_reset(&w->rows);
    w->copying = 0;
    if (db_copy_end(s->db) || rc) return sq_fail(s, NULL, err);
    /* The n-th identical booking of the file is occurrence n, as store_ledger_add counts
     * it on SQLite; a known one inserts nothing. */
    DbStmt *st = sq_stmt(
        s,
        "WITH added AS (INSERT INTO booking (import_id, municipality, measure_id, year, period,"
        " booking_date, account, cost_centre, taakveld, amount_cents, description, document,"
        " line, fingerprint, occurrence)"
        " SELECT ?1, ?2, measure_id, year, period, booking_date, account, cost_centre, taakveld,"
        " amount_cents, description, document, line, fingerprint,"
        " row_number() OVER (PARTITION BY fingerprint ORDER BY line) FROM ledger_stage"
        " ON CONFLICT (municipality, fingerprint, occurrence) DO NOTHING RETURNING measure_id, "
        "year)"
        " SELECT measure_id, year, count(*) FROM added GROUP BY measure_id, year"
        " ORDER BY measure_id, year",
        err);
    if (!st) return -1;
    sq_bind_int(st, 1, w->import_id);
    sq_bind_text(st, 2, w->municipality);
    while ((rc = db_step(st)) == 1)
        each(ctx, sq_col_int(st, 0), (int)sq_col_int(st, 1), sq_col_int(st, 2));
    if (rc < 0) return sq_fail(s, st, err);
    db_reset(st);
    return sq_exec(s, "DROP TABLE IF EXISTS pg_temp.ledger_stage", err);
}

int store_ledger_end(LedgerWriter *w, const LedgerImport *imp, PokErr *err)
{
    Store *s = w->s;
    if (imp->source_id && sq_check_source(s, imp->source_id, w->municipality, err)) return -1;
    DbStmt *st = sq_stmt(s,
                         "UPDATE ledger_import SET source_id = ?2, lines = ?3,"
                         " bookings_new = ?4, bookings_known = ?5, unmapped_lines = ?6,"
                         " unmapped_cents = ?7, total_cents = ?8 WHERE id = ?1",
                         err);
    if (!st) return -1;
    sq_bind_int(st, 1, w->import_id);
    sq_bind_nz(st, 2, imp->source_id);
    sq_bind_int(st, 3, imp->lines);
    sq_bind_int(st, 4, imp->bookings_new);
    sq_bind_int(st, 5, imp->bookings_known);
    sq_bind_int(st, 6, imp->unmapped_lines);
    sq_bind_int(st, 7, imp->unmapped_cents);
    sq_bind_int(st, 8, imp->total_cents);
    if (sq_step_done(s, st, err) || sq_audit_insert(s, "ledger_import", SQ_JSON_LEDGER_IMPORT,
                                                    w->import_id, w->municipality, err))
        return -1;
    return SQ_PG(s) ? 0 : sq_exec(s, "DROP TABLE IF EXISTS temp.ledger_seen", err);
}

/* ---- reads ---- */

int store_ledger_measures(Store *s, const char *code, Arena *a, LedgerMeasure **out, size_t *n,
                          PokErr *err)
{
    *out = NULL;
    *n = 0;
    DbStmt *st = sq_stmt(
        s, "SELECT id, name, cost_centres FROM measure WHERE municipality = ?1 ORDER BY id", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        *out = arena_grow(a, *out, sizeof **out, &cap, *n + 1);
        LedgerMeasure *m = &(*out)[(*n)++];
        m->id = sq_col_int(st, 0);
        m->name = sq_col_text(a, st, 1);
        m->cost_centres = sq_col_text(a, st, 2);
    }
    if (rc != 0) return sq_fail(s, st, err);
    db_reset(st);
    return 0;
}

int store_ledger_totals(Store *s, const char *code, int64_t measure_id, Arena *a, LedgerTotal **out,
                        size_t *n, PokErr *err)
{
    *out = NULL;
    *n = 0;
    DbStmt *st = measure_id
                     ? sq_stmt(s,
                               "SELECT measure_id, year, count(*), sum(amount_cents) FROM booking"
                               " WHERE measure_id = ?2 GROUP BY measure_id, year"
                               " ORDER BY measure_id, year",
                               err)
                     : sq_stmt(s,
                               "SELECT measure_id, year, count(*), sum(amount_cents) FROM booking"
                               " WHERE municipality = ?1 GROUP BY measure_id, year"
                               " ORDER BY measure_id, year",
                               err);
    if (!st) return -1;
    if (measure_id)
        sq_bind_int(st, 2, measure_id);
    else
        sq_bind_text(st, 1, code);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        *out = arena_grow(a, *out, sizeof **out, &cap, *n + 1);
        LedgerTotal *t = &(*out)[(*n)++];
        t->measure_id = sq_col_int(st, 0);
        t->year = (int)sq_col_int(st, 1);
        t->bookings = sq_col_int(st, 2);
        t->cents = sq_col_int(st, 3);
    }
    if (rc != 0) return sq_fail(s, st, err);
    db_reset(st);
    return 0;
}

int store_ledger_year_total(Store *s, int64_t measure_id, int year, LedgerTotal *out, PokErr *err)
{
    DbStmt *st = sq_stmt(s,
                         "SELECT count(*), coalesce(sum(amount_cents), 0) FROM booking"
                         " WHERE measure_id = ?1 AND year = ?2",
                         err);
    if (!st) return -1;
    sq_bind_int(st, 1, measure_id);
    sq_bind_int(st, 2, year);
    if (sq_step_row(s, st, err) != 1) return -1;
    *out = (LedgerTotal){measure_id, year, sq_col_int(st, 0), sq_col_int(st, 1)};
    db_reset(st);
    return 0;
}

int store_ledger_realised(Store *s, int64_t measure_id, int year, int64_t *cents, PokErr *err)
{
    DbStmt *st = sq_stmt(s,
                         "SELECT amount_cents FROM measure_amount WHERE measure_id = ?1"
                         " AND year = ?2 AND kind = 2",
                         err);
    if (!st) return -1;
    sq_bind_int(st, 1, measure_id);
    sq_bind_int(st, 2, year);
    int found = sq_step_row(s, st, err);
    if (found == 1) {
        *cents = sq_col_int(st, 0);
        db_reset(st);
    }
    return found;
}

int store_ledger_bookings(Store *s, int64_t measure_id, int year, Arena *a, Booking **out,
                          size_t *n, PokErr *err)
{
    *out = NULL;
    *n = 0;
    DbStmt *st = sq_stmt(
        s,
        "SELECT b.id, b.import_id, b.municipality, b.measure_id, b.year, b.period,"
        " b.booking_date, b.account, b.cost_centre, b.taakveld, b.amount_cents, b.description,"
        " b.document, b.line, b.fingerprint, i.file_name FROM booking b"
        " JOIN ledger_import i ON i.id = b.import_id"
        " WHERE b.measure_id = ?1 AND (?2 = 0 OR b.year = ?2)"
        " ORDER BY b.year, b.booking_date NULLS FIRST, b.import_id, b.line",
        err);
    if (!st) return -1;
    sq_bind_int(st, 1, measure_id);
    sq_bind_int(st, 2, year);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        *out = arena_grow(a, *out, sizeof **out, &cap, *n + 1);
        Booking *b = &(*out)[(*n)++];
        b->id = sq_col_int(st, 0);
        b->import_id = sq_col_int(st, 1);
        b->municipality = sq_col_text(a, st, 2);
        b->measure_id = sq_col_int(st, 3);
        b->year = (int)sq_col_int(st, 4);
        b->period = (int)sq_col_int(st, 5);
        b->booking_date = sq_col_text(a, st, 6);
        b->account = sq_col_text(a, st, 7);
        b->cost_centre = sq_col_text(a, st, 8);
        b->taakveld = sq_col_text(a, st, 9);
        b->amount_cents = sq_col_int(st, 10);
        b->description = sq_col_text(a, st, 11);
        b->document = sq_col_text(a, st, 12);
        b->line = sq_col_int(st, 13);
        size_t fp_len = 0;
        const void *fp = db_col_blob(st, 14, &fp_len);
        if (fp && fp_len == LEDGER_FINGERPRINT_BYTES)
            memcpy(b->fingerprint, fp, LEDGER_FINGERPRINT_BYTES);
        b->file_name = sq_col_text(a, st, 15);
    }
    if (rc != 0) return sq_fail(s, st, err);
    db_reset(st);
    return 0;
}

#define IMPORT_COLUMNS                                                                             \
    "SELECT id, municipality, source_id, file_name, imported_at, actor, lines, bookings_new,"      \
    " bookings_known, unmapped_lines, unmapped_cents, total_cents FROM ledger_import"

static void read_import(DbStmt *st, Arena *a, LedgerImport *imp)
{
    imp->id = sq_col_int(st, 0);
    imp->municipality = sq_col_text(a, st, 1);
    imp->source_id = sq_col_int(st, 2);
    imp->file_name = sq_col_text(a, st, 3);
    imp->imported_at = sq_col_text(a, st, 4);
    imp->actor = sq_col_text(a, st, 5);
    imp->lines = sq_col_int(st, 6);
    imp->bookings_new = sq_col_int(st, 7);
    imp->bookings_known = sq_col_int(st, 8);
    imp->unmapped_lines = sq_col_int(st, 9);
    imp->unmapped_cents = sq_col_int(st, 10);
    imp->total_cents = sq_col_int(st, 11);
}

int store_ledger_imports(Store *s, const char *code, Arena *a, LedgerImport **out, size_t *n,
                         PokErr *err)
{
    *out = NULL;
    *n = 0;
    DbStmt *st = sq_stmt(s, IMPORT_COLUMNS " WHERE municipality = ?1 ORDER BY id DESC", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        *out = arena_grow(a, *out, sizeof **out, &cap, *n + 1);
        read_import(st, a, &(*out)[(*n)++]);
    }
    if (rc != 0) return sq_fail(s, st, err);
    db_reset(st);
    return 0;
}

int store_ledger_import_get(Store *s, int64_t id, Arena *a, LedgerImport *out, PokErr *err)
{
    DbStmt *st = sq_stmt(s, IMPORT_COLUMNS " WHERE id = ?1", err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    int found = sq_step_row(s, st, err);
    if (found == 1) {
        read_import(st, a, out);
        db_reset(st);
    }
    return found;
}
