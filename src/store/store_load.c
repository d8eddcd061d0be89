/* store_load.c: the reads of store_reference.h and store_records.h: single records,
 * lists, everything of one municipality (store_load); the audit trail is read in
 * store_audit.c. Records are built in the caller's Arena; the columns and the row reader
 * of each kind come from its field table (store_record_sql.c), so a query here is only
 * its WHERE and ORDER BY. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "store_record_sql.h"
#include "store_records.h"
#include "store_reference.h"

/* Run a bound query of kind k (sq_record_query) and collect its rows into an arena array. */
static int collect(Store *s, DbStmt *st, Arena *a, const RecordKind *k, void **out, size_t *n,
                   PokErr *err)
{
    void *items = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        items = arena_grow(a, items, k->size, &cap, count + 1);
        sq_record_read(k, a, st, (char *)items + count * k->size);
        count++;
    }
    if (rc != 0) return sq_fail(s, st, err);
    db_reset(st);
    *out = items;
    *n = count;
    return 0;
}

/* Run a bound query of kind k expected to return one row: 1 found, 0 not, -1 error. */
static int fetch_one(Store *s, DbStmt *st, Arena *a, const RecordKind *k, void *out, PokErr *err)
{
    int found = sq_step_row(s, st, err);
    if (found != 1) return found;
    memset(out, 0, k->size);
    sq_record_read(k, a, st, out);
    db_reset(st);
    return 1;
}

/* ---- list helpers: bind one id or code, collect ---- */

/* The statement of "SELECT <k's columns> FROM <k's table> <rest>". */
static DbStmt *query(Store *s, const RecordKind *k, const char *rest, PokErr *err)
{
    return sq_stmt(s, sq_record_query(s, k, rest), err);
}

static int list_by_id(Store *s, const RecordKind *k, const char *rest, int64_t id, Arena *a,
                      void **out, size_t *n, PokErr *err)
{
    DbStmt *st = query(s, k, rest, err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    return collect(s, st, a, k, out, n, err);
}

/* ?1 = code, ?2 = scheme id (ignored by queries without ?2). */
static int list_by_muni(Store *s, const RecordKind *k, const char *rest, const char *code,
                        int64_t scheme_id, Arena *a, void **out, size_t *n, PokErr *err)
{
    DbStmt *st = query(s, k, rest, err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    if (db_param_count(st) >= 2) sq_bind_int(st, 2, scheme_id);
    return collect(s, st, a, k, out, n, err);
}

static int get_by_id(Store *s, const RecordKind *k, const char *rest, int64_t id, Arena *a,
                     void *out, PokErr *err)
{
    DbStmt *st = query(s, k, rest, err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    return fetch_one(s, st, a, k, out, err);
}

/* ---- schemes, actielijnen, purposes ---- */

int store_scheme_get(Store *s, const char *code, Arena *a, Scheme *out, PokErr *err)
{
    DbStmt *st = query(s, RECORD(SCHEME), "WHERE code = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    return fetch_one(s, st, a, RECORD(SCHEME), out, err);
}

int store_scheme_list(Store *s, Arena *a, Scheme **out, size_t *n, PokErr *err)
{
    DbStmt *st = query(s, RECORD(SCHEME), "ORDER BY id", err);
    if (!st) return -1;
    void *items = NULL;
    if (collect(s, st, a, RECORD(SCHEME), &items, n, err)) return -1;
    *out = items;
    return 0;
}

int store_actielijn_list(Store *s, int64_t scheme_id, Arena *a, Actielijn **out, size_t *n,
                         PokErr *err)
{
    void *items = NULL;
    if (list_by_id(s, RECORD(ACTIELIJN), "WHERE scheme_id = ?1 ORDER BY number", scheme_id, a,
                   &items, n, err))
        return -1;
    *out = items;
    return 0;
}

int store_purpose_list(Store *s, int64_t scheme_id, Arena *a, Purpose **out, size_t *n, PokErr *err)
{
    void *items = NULL;
    if (list_by_id(s, RECORD(PURPOSE), "WHERE scheme_id = ?1 ORDER BY number", scheme_id, a, &items,
                   n, err))
        return -1;
    *out = items;
    return 0;
}

/* ---- municipalities ---- */

int store_municipality_get(Store *s, const char *code, Arena *a, Municipality *out, PokErr *err)
{
    DbStmt *st = query(s, RECORD(MUNICIPALITY), "WHERE code = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    return fetch_one(s, st, a, RECORD(MUNICIPALITY), out, err);
}

/* Case folding for search: ASCII plus the Latin-1 letters of Dutch and Frisian names
 * (Â -> â, É -> é, ...); SQL lower() only folds ASCII. */
static void fold(const char *in, char *out, size_t cap)
{
    size_t j = 0;
    for (size_t i = 0; in[i] && j + 2 < cap; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c >= 'A' && c <= 'Z') {
            out[j++] = (char)(c + 32);
        } else if (c == 0xC3 && (unsigned char)in[i + 1] >= 0x80 &&
                   (unsigned char)in[i + 1] <= 0x9E && (unsigned char)in[i + 1] != 0x97) {
            out[j++] = (char)c;
            out[j++] = (char)((unsigned char)in[++i] + 0x20);
        } else {
            out[j++] = (char)c;
        }
    }
    out[j] = '\0';
}

static int matches(const Municipality *m, const char *folded_search)
{
    char buf[512];
    fold(m->name ? m->name : "", buf, sizeof buf);
    if (strstr(buf, folded_search)) return 1;
    fold(m->code, buf, sizeof buf);
    return strstr(buf, folded_search) != NULL;
}

int store_municipality_list(Store *s, const char *search, Arena *a, Municipality **out, size_t *n,
                            PokErr *err)
{
    DbStmt *st = query(s, RECORD(MUNICIPALITY), "ORDER BY lower(name), code", err);
    if (!st) return -1;
    void *items = NULL;
    size_t count = 0;
    if (collect(s, st, a, RECORD(MUNICIPALITY), &items, &count, err)) return -1;
    Municipality *list = items;
    if (search && *search) {
        char folded[512];
        fold(search, folded, sizeof folded);
        size_t kept = 0;
        for (size_t i = 0; i < count; i++)
            if (matches(&list[i], folded)) list[kept++] = list[i];
        count = kept;
    }
    *out = count ? list : NULL;
    *n = count;
    return 0;
}

int store_inhabitants_list(Store *s, const char *code, Arena *a, Inhabitants **out, size_t *n,
                           PokErr *err)
{
    void *items = NULL;
    if (list_by_muni(s, RECORD(INHABITANTS),
                     "WHERE ?1 IS NULL OR municipality = ?1 ORDER BY municipality, year", code, 0,
                     a, &items, n, err))
        return -1;
    *out = items;
    return 0;
}

/* ---- sources ---- */

int store_source_get(Store *s, int64_t id, Arena *a, Source *out, PokErr *err)
{
    return get_by_id(s, RECORD(SOURCE), "WHERE id = ?1", id, a, out, err);
}

int store_source_list(Store *s, const char *code, Arena *a, Source **out, size_t *n, PokErr *err)
{
    void *items = NULL;
    if (list_by_muni(s, RECORD(SOURCE),
                     "WHERE ?1 IS NULL OR municipality IS NULL OR municipality = ?1 ORDER BY id",
                     code, 0, a, &items, n, err))
        return -1;
    *out = items;
    return 0;
}

/* ---- single records with their links ---- */

int store_measure_get(Store *s, int64_t id, Arena *a, Measure *out, PokErr *err)
{
    int found = get_by_id(s, RECORD(MEASURE), "WHERE id = ?1", id, a, out, err);
    if (found != 1) return found;
    return sq_record_read_links(s, RECORD(MEASURE), a, out, err) ? -1 : 1;
}

int store_measure_municipality(Store *s, int64_t id, Arena *a, const char **code, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT municipality FROM measure WHERE id = ?1", err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    int found = sq_step_row(s, st, err);
    if (found != 1) return found;
    *code = sq_col_text(a, st, 0);
    db_reset(st);
    return 1;
}

int store_decision_get(Store *s, int64_t id, Arena *a, Decision *out, PokErr *err)
{
    return get_by_id(s, RECORD(DECISION), "WHERE id = ?1", id, a, out, err);
}

/* ---- everything of one municipality ---- */

/* A list of MuniData: the kind, the query after "SELECT <columns> FROM <table>" (?1 the
 * municipality's code, ?2 the scheme's id, where used) and where the array and its count
 * go. */
/* For the national monitor (store_load_shared) each list also has a query over every
 * sharing municipality at once: `all`, after "SELECT <columns> FROM <table>", with ?1 the
 * scheme's id and ?2 the lowest sharing level, ordered by municipality first (NULL: the
 * list is not needed nationally and stays empty); and how its rows are dealt out: by
 * their own municipality, by their measure's, or to every municipality (the scheme's). */
typedef enum MuniListBy { BY_MUNICIPALITY, BY_MEASURE, BY_EVERY } MuniListBy;

typedef struct MuniList {
    int kind;
    const char *rest;
    size_t items, count; /* offsets in MuniData */
    const char *all;
    MuniListBy by;
} MuniList;

#define MUNI_LIST(kind, rest, field, n, all, by)                                                   \
    {                                                                                              \
        RECORD_##kind, rest, offsetof(MuniData, field), offsetof(MuniData, n), all, by             \
    }
/* The join that keeps the rows of municipalities sharing at least level ?2. */
#define SHARING(col) " JOIN municipality_sharing sh ON sh.municipality = " col " AND sh.level >= ?2"

static const MuniList MUNI_LISTS[] = {
    MUNI_LIST(ACTIELIJN, "WHERE scheme_id = ?2 ORDER BY number", actielijnen, n_actielijnen,
              "WHERE scheme_id = ?1 AND ?2 >= 0 ORDER BY number", BY_EVERY),
    MUNI_LIST(PURPOSE, "WHERE scheme_id = ?2 ORDER BY number", purposes, n_purposes,
              "WHERE scheme_id = ?1 AND ?2 >= 0 ORDER BY number", BY_EVERY),
    MUNI_LIST(ALLOCATION,
              "LEFT JOIN actielijn l ON l.id = allocation.actielijn_id"
              " WHERE allocation.municipality = ?1 AND allocation.scheme_id = ?2"
              " ORDER BY COALESCE(l.number, 0), allocation.year, allocation.year_to,"
              " allocation.version",
              allocations, n_allocations,
              "LEFT JOIN actielijn l ON l.id = allocation.actielijn_id" SHARING(
                  "allocation.municipality") " WHERE allocation.scheme_id = ?1"
                                             " ORDER BY allocation.municipality,"
                                             " COALESCE(l.number, 0), allocation.year,"
                                             " allocation.year_to, allocation.version",
              BY_MUNICIPALITY),
    MUNI_LIST(POT, "WHERE municipality = ?1 AND scheme_id = ?2 ORDER BY id", pots, n_pots,
              SHARING("pot.municipality") " WHERE pot.scheme_id = ?1 ORDER BY pot.municipality,"
                                          " pot.id",
              BY_MUNICIPALITY),
    MUNI_LIST(MEASURE, "WHERE municipality = ?1 AND scheme_id = ?2 ORDER BY id", measures,
              n_measures,
              SHARING("measure.municipality") " WHERE measure.scheme_id = ?1"
                                              " ORDER BY measure.municipality, measure.id",
              BY_MUNICIPALITY),
    MUNI_LIST(MEASURE_AMOUNT,
              "JOIN measure m ON m.id = measure_amount.measure_id"
              " WHERE m.municipality = ?1 AND m.scheme_id = ?2"
              " ORDER BY measure_amount.measure_id, measure_amount.year, measure_amount.kind",
              amounts, n_amounts,
              "JOIN measure m ON m.id = measure_amount.measure_id" SHARING(
                  "m.municipality") " WHERE m.scheme_id = ?1 ORDER BY m.municipality,"
                                    " measure_amount.measure_id, measure_amount.year,"
                                    " measure_amount.kind",
              BY_MEASURE),
    MUNI_LIST(RESERVE_OPENING,
              "WHERE municipality = ?1 AND scheme_id = ?2 ORDER BY COALESCE(pot_id, 0), year, id",
              openings, n_openings,
              SHARING("reserve_opening.municipality") " WHERE reserve_opening.scheme_id = ?1"
                                                      " ORDER BY reserve_opening.municipality,"
                                                      " COALESCE(reserve_opening.pot_id, 0),"
                                                      " reserve_opening.year, reserve_opening.id",
              BY_MUNICIPALITY),
    MUNI_LIST(
        RESERVE_MOVEMENT, "WHERE municipality = ?1 AND scheme_id = ?2 ORDER BY year, id", movements,
        n_movements,
        SHARING("reserve_movement.municipality") " WHERE reserve_movement.scheme_id = ?1"
                                                 " ORDER BY reserve_movement.municipality,"
                                                 " reserve_movement.year, reserve_movement.id",
        BY_MUNICIPALITY),
    MUNI_LIST(CLOSED_YEAR, "WHERE municipality = ?1 ORDER BY year", closed, n_closed,
              SHARING("closed_year.municipality") " WHERE ?1 > 0"
                                                  " ORDER BY closed_year.municipality,"
                                                  " closed_year.year",
              BY_MUNICIPALITY),
    /* the monitor needs only whether a record cites a decision, not the decision */
    MUNI_LIST(DECISION, "WHERE municipality = ?1 ORDER BY date NULLS FIRST, id", decisions,
              n_decisions, NULL, BY_MUNICIPALITY),
    MUNI_LIST(REQUEST, "WHERE municipality = ?1 ORDER BY date NULLS FIRST, id", requests,
              n_requests, NULL, BY_MUNICIPALITY),
    MUNI_LIST(EVALUATION,
              "JOIN measure m ON m.id = evaluation.measure_id"
              " WHERE m.municipality = ?1 AND m.scheme_id = ?2"
              " ORDER BY evaluation.measure_id, evaluation.date NULLS FIRST, evaluation.id",
              evaluations, n_evaluations,
              "JOIN measure m ON m.id = evaluation.measure_id" SHARING(
                  "m.municipality") " WHERE m.scheme_id = ?1 ORDER BY m.municipality,"
                                    " evaluation.measure_id, evaluation.date NULLS FIRST,"
                                    " evaluation.id",
              BY_MEASURE),
    MUNI_LIST(STATED_FIGURE, "WHERE municipality = ?1 AND scheme_id = ?2 ORDER BY id", stated,
              n_stated, NULL, BY_MUNICIPALITY),
    /* The store only lets a record cite a national source or one of its own
     * municipality, so these are all the sources the records above can cite. */
    MUNI_LIST(SOURCE, "WHERE municipality IS NULL OR municipality = ?1 ORDER BY id", sources,
              n_sources, NULL, BY_MUNICIPALITY),
};
#define N_MUNI_LISTS (sizeof MUNI_LISTS / sizeof MUNI_LISTS[0])

/* The statements of one store_load, in the order they are read: the municipality, the
 * scheme, each list followed by its link tables. */
typedef struct MuniQueries {
    DbStmt *muni, *scheme, *generated;
    DbStmt *lists[N_MUNI_LISTS];
    DbStmt *links[N_MUNI_LISTS][SQ_LINKS_MAX];
    size_t n_links[N_MUNI_LISTS];
    DbStmt *all[3 + N_MUNI_LISTS * (1 + SQ_LINKS_MAX)];
    size_t n_all;
} MuniQueries;

/* Every query of the load, bound, collected in q->all. */
static int bind_load(Store *s, const char *code, int64_t scheme_id, MuniQueries *q, PokErr *err)
{
    q->n_all = 0;
    if (!(q->muni = query(s, RECORD(MUNICIPALITY), "WHERE code = ?1", err))) return -1;
    sq_bind_text(q->muni, 1, code);
    q->all[q->n_all++] = q->muni;
    if (!(q->scheme = query(s, RECORD(SCHEME), "WHERE id = ?1", err))) return -1;
    sq_bind_int(q->scheme, 1, scheme_id);
    q->all[q->n_all++] = q->scheme;
    q->generated = sq_stmt(s, "SELECT 1 FROM municipality_generated WHERE municipality = ?1", err);
    if (!q->generated) return -1;
    sq_bind_text(q->generated, 1, code);
    q->all[q->n_all++] = q->generated;
    for (size_t i = 0; i < N_MUNI_LISTS; i++) {
        const MuniList *l = &MUNI_LISTS[i];
        DbStmt *st = query(s, &record_kinds[l->kind], l->rest, err);
        if (!st) return -1;
        if (db_param_count(st) >= 1) sq_bind_text(st, 1, code);
        if (db_param_count(st) >= 2) sq_bind_int(st, 2, scheme_id);
        q->lists[i] = q->all[q->n_all++] = st;
        size_t n =
            sq_record_links_muni_bind(s, &record_kinds[l->kind], code, scheme_id, q->links[i], err);
        if (n == (size_t)-1) return -1;
        q->n_links[i] = n;
        for (size_t j = 0; j < n; j++) q->all[q->n_all++] = q->links[i][j];
    }
    return 0;
}

static int read_load(Store *s, int64_t scheme_id, MuniQueries *q, Arena *a, MuniData *d,
                     PokErr *err)
{
    int found = fetch_one(s, q->muni, a, RECORD(MUNICIPALITY), &d->muni, err);
    if (found != 1) return found;
    found = fetch_one(s, q->scheme, a, RECORD(SCHEME), &d->scheme, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekende regeling (id %lld)", (long long)scheme_id);
    if ((found = sq_step_row(s, q->generated, err)) < 0) return -1;
    d->generated = found;
    for (size_t i = 0; i < N_MUNI_LISTS; i++) {
        const MuniList *l = &MUNI_LISTS[i];
        const RecordKind *k = &record_kinds[l->kind];
        void **items = (void **)((char *)d + l->items);
        size_t *count = (size_t *)((char *)d + l->count);
        if (collect(s, q->lists[i], a, k, items, count, err) ||
            sq_record_links_muni_read(s, k, a, *items, *count, q->links[i], err))
            return -1;
    }
    return 1;
}

/* All of it in one round trip on PostgreSQL (db_prefetch): the parameters of every query
 * are known up front. */
int store_load(Store *s, const char *code, int64_t scheme_id, Arena *a, MuniData *out, PokErr *err)
{
    memset(out, 0, sizeof *out);
    MuniQueries q;
    if (bind_load(s, code, scheme_id, &q, err)) return -1;
    db_prefetch(q.all, q.n_all);
    int rc = read_load(s, scheme_id, &q, a, out, err);
    /* a municipality that is not there leaves the other results unread */
    for (size_t i = 0; i < q.n_all; i++) db_reset(q.all[i]);
    return rc;
}

/* ---- every sharing municipality at once (the national monitor) ---- */

/* The municipality rows[i] belongs to, as an index into munis (ordered by code), or -1. */
static long muni_index(const MuniData *munis, size_t n, const char *code)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(munis[mid].muni.code, code);
        if (c == 0) return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* The measure id -> municipality index map, for the lists dealt out by measure. */
typedef struct MeasureOwner {
    int64_t id;
    long muni;
} MeasureOwner;

static int by_measure_id(const void *x, const void *y)
{
    int64_t a = ((const MeasureOwner *)x)->id, b = ((const MeasureOwner *)y)->id;
    return (a > b) - (a < b);
}

static long owner_of(const MeasureOwner *owners, size_t n, int64_t id)
{
    MeasureOwner key = {.id = id};
    const MeasureOwner *o = bsearch(&key, owners, n, sizeof *owners, by_measure_id);
    return o ? o->muni : -1;
}

/* Deal the rows of one list (ordered by municipality) out to munis as slices of items. */
static void deal_out(const MuniList *l, const RecordKind *k, void *items, size_t count,
                     MuniData *munis, size_t n, const MeasureOwner *owners, size_t n_owners)
{
    const RecordField *by = record_field(k, l->by == BY_MEASURE ? "measure_id" : "municipality");
    for (size_t r = 0; r < count;) {
        void *row = (char *)items + r * k->size;
        long m = l->by == BY_EVERY     ? -2
                 : l->by == BY_MEASURE ? owner_of(owners, n_owners, record_int(row, by))
                                       : muni_index(munis, n, record_text(row, by));
        size_t end = r + 1;
        if (m == -2) {
            end = count;
        } else {
            for (; end < count; end++) {
                void *next = (char *)items + end * k->size;
                long mn = l->by == BY_MEASURE ? owner_of(owners, n_owners, record_int(next, by))
                                              : muni_index(munis, n, record_text(next, by));
                if (mn != m) break;
            }
        }
        for (size_t i = m == -2 ? 0 : (size_t)m; m != -1 && i < n; i++) {
            *(void **)((char *)&munis[i] + l->items) = row;
            *(size_t *)((char *)&munis[i] + l->count) = end - r;
            if (m != -2) break; /* one municipality's rows */
        }
        r = end;
    }
}

int store_load_shared(Store *s, int64_t scheme_id, int min_level, Arena *a, MuniData **out,
                      size_t *n_out, PokErr *err)
{
    *out = NULL;
    *n_out = 0;
    MuniQueries q = {0};
    if (!(q.muni = query(s, RECORD(MUNICIPALITY),
                         SHARING("municipality.code") " WHERE ?1 > 0 ORDER BY municipality.code",
                         err)) ||
        !(q.scheme = query(s, RECORD(SCHEME), "WHERE id = ?1", err)))
        return -1;
    sq_bind_int(q.muni, 1, scheme_id);
    sq_bind_int(q.muni, 2, min_level);
    sq_bind_int(q.scheme, 1, scheme_id);
    q.all[q.n_all++] = q.muni;
    q.all[q.n_all++] = q.scheme;
    for (size_t i = 0; i < N_MUNI_LISTS; i++) {
        const MuniList *l = &MUNI_LISTS[i];
        if (!l->all) continue;
        const RecordKind *k = &record_kinds[l->kind];
        DbStmt *st = query(s, k, l->all, err);
        if (!st) return -1;
        sq_bind_int(st, 1, scheme_id);
        sq_bind_int(st, 2, min_level);
        q.lists[i] = q.all[q.n_all++] = st;
        size_t nl = sq_record_links_shared_bind(s, k, scheme_id, min_level, q.links[i], err);
        if (nl == (size_t)-1) return -1;
        q.n_links[i] = nl;
        for (size_t j = 0; j < nl; j++) q.all[q.n_all++] = q.links[i][j];
    }
    db_prefetch(q.all, q.n_all);
    int rc = -1;
    void *munis_raw = NULL;
    size_t n = 0;
    Scheme scheme;
    MeasureOwner *owners = NULL;
    size_t n_owners = 0;
    if (collect(s, q.muni, a, RECORD(MUNICIPALITY), &munis_raw, &n, err)) goto out;
    int found = fetch_one(s, q.scheme, a, RECORD(SCHEME), &scheme, err);
    if (found < 0) goto out;
    if (!found) {
        err_set(err, "onbekende regeling (id %lld)", (long long)scheme_id);
        goto out;
    }
    MuniData *munis = arena_alloc(a, (n + 1) * sizeof *munis);
    for (size_t i = 0; i < n; i++) {
        munis[i].muni = ((Municipality *)munis_raw)[i];
        munis[i].scheme = scheme;
    }
    for (size_t i = 0; i < N_MUNI_LISTS; i++) {
        const MuniList *l = &MUNI_LISTS[i];
        if (!l->all) continue;
        const RecordKind *k = &record_kinds[l->kind];
        void *items = NULL;
        size_t count = 0;
        if (collect(s, q.lists[i], a, k, &items, &count, err) ||
            sq_record_links_muni_read(s, k, a, items, count, q.links[i], err))
            goto out;
        deal_out(l, k, items, count, munis, n, owners, n_owners);
        if (l->kind == RECORD_MEASURE) { /* before the lists dealt out by measure */
            owners = xmalloc((count + 1) * sizeof *owners);
            for (size_t r = 0; r < count; r++) {
                const Measure *m = (const Measure *)items + r;
                owners[r] = (MeasureOwner){m->id, muni_index(munis, n, m->municipality)};
            }
            n_owners = count;
            qsort(owners, n_owners, sizeof *owners, by_measure_id);
        }
    }
    *out = munis;
    *n_out = n;
    rc = 0;
out:
    free(owners);
    for (size_t i = 0; i < q.n_all; i++) db_reset(q.all[i]);
    return rc;
}
