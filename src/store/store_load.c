/* store_load.c: the SQLite reads: single records, lists, everything of one
 * municipality (store_load); the audit trail is in store_audit.c. Records are
 * built in the caller's Arena; each table has one row reader shared by its get, list and
 * load queries. */
#include <string.h>

#include "store_internal.h"

typedef void (*RowReader)(Arena *a, DbStmt *st, void *out);

/* Run a bound query and collect its rows into an arena array. */
static int collect(Store *s, DbStmt *st, Arena *a, size_t elem_size, RowReader read,
                   void **out, size_t *n, PokErr *err)
{
    void *items = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        items = arena_grow(a, items, elem_size, &cap, count + 1);
        read(a, st, (char *)items + count * elem_size);
        count++;
    }
    if (rc != 0) return sq_fail(s, st, err);
    db_reset(st);
    *out = items;
    *n = count;
    return 0;
}

/* Run a bound query expected to return one row: 1 found, 0 not, -1 error. */
static int fetch_one(Store *s, DbStmt *st, Arena *a, RowReader read, void *out, PokErr *err)
{
    int found = sq_step_row(s, st, err);
    if (found != 1) return found;
    read(a, st, out);
    db_reset(st);
    return 1;
}

/* Collect one int64 column into an arena array (link tables). */
static int collect_ids(Store *s, DbStmt *st, Arena *a, int64_t **out, size_t *n, PokErr *err)
{
    int64_t *ids = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        ids = arena_grow(a, ids, sizeof *ids, &cap, count + 1);
        ids[count++] = sq_col_int(st, 0);
    }
    if (rc != 0) return sq_fail(s, st, err);
    db_reset(st);
    *out = ids;
    *n = count;
    return 0;
}

/* ---- row readers; the column order is that of the matching *_COLS ---- */

#define SCHEME_COLS "id, code, name, first_year, last_year"
static void read_scheme(Arena *a, DbStmt *st, void *out)
{
    Scheme *r = out;
    r->id = sq_col_int(st, 0);
    r->code = sq_col_text(a, st, 1);
    r->name = sq_col_text(a, st, 2);
    r->first_year = (int)db_col_int(st, 3);
    r->last_year = (int)db_col_int(st, 4);
}

#define ACTIELIJN_COLS "id, scheme_id, number, name, circulaire_name, flow"
static void read_actielijn(Arena *a, DbStmt *st, void *out)
{
    Actielijn *r = out;
    r->id = sq_col_int(st, 0);
    r->scheme_id = sq_col_int(st, 1);
    r->number = (int)db_col_int(st, 2);
    r->name = sq_col_text(a, st, 3);
    r->circulaire_name = sq_col_text(a, st, 4);
    r->flow = sq_col_text(a, st, 5);
}

#define PURPOSE_COLS "id, scheme_id, number, name"
static void read_purpose(Arena *a, DbStmt *st, void *out)
{
    Purpose *r = out;
    r->id = sq_col_int(st, 0);
    r->scheme_id = sq_col_int(st, 1);
    r->number = (int)db_col_int(st, 2);
    r->name = sq_col_text(a, st, 3);
}

#define MUNICIPALITY_COLS "code, name, province, first_year, last_year"
static void read_municipality(Arena *a, DbStmt *st, void *out)
{
    Municipality *r = out;
    r->code = sq_col_text(a, st, 0);
    r->name = sq_col_text(a, st, 1);
    r->province = sq_col_text(a, st, 2);
    r->first_year = (int)db_col_int(st, 3);
    r->last_year = (int)db_col_int(st, 4);
}

#define INHABITANTS_COLS "municipality, year, count, source_id"
static void read_inhabitants(Arena *a, DbStmt *st, void *out)
{
    Inhabitants *r = out;
    r->municipality = sq_col_text(a, st, 0);
    r->year = (int)db_col_int(st, 1);
    r->count = sq_col_int(st, 2);
    r->source_id = sq_col_int(st, 3);
}

#define SOURCE_COLS "id, kind, title, reference, date, municipality, note"
static void read_source(Arena *a, DbStmt *st, void *out)
{
    Source *r = out;
    r->id = sq_col_int(st, 0);
    r->kind = sq_col_text(a, st, 1);
    r->title = sq_col_text(a, st, 2);
    r->reference = sq_col_text(a, st, 3);
    r->date = sq_col_text(a, st, 4);
    r->municipality = sq_col_text(a, st, 5);
    r->note = sq_col_text(a, st, 6);
}

static void read_cite(Arena *a, DbStmt *st, int col, Citation *c)
{
    c->source_id = sq_col_int(st, col);
    c->place = sq_col_text(a, st, col + 1);
}

/* `current`: the highest version of its (municipality, actielijn, year). */
#define ALLOCATION_SELECT                                                                          \
    "SELECT a.id, a.municipality, a.actielijn_id, l.number, a.year, a.amount_cents,"               \
    " a.version, CASE WHEN a.version = (SELECT MAX(b.version) FROM allocation b"                   \
    "  WHERE b.municipality = a.municipality AND b.actielijn_id IS NOT DISTINCT FROM a.actielijn_id"                 \
    "  AND b.scheme_id = a.scheme_id AND b.year = a.year) THEN 1 ELSE 0 END,"                      \
    " a.source_id, a.source_place, a.recorded_at, a.scheme_id"                                      \
    " FROM allocation a LEFT JOIN actielijn l ON l.id = a.actielijn_id"
static void read_allocation(Arena *a, DbStmt *st, void *out)
{
    Allocation *r = out;
    r->id = sq_col_int(st, 0);
    r->municipality = sq_col_text(a, st, 1);
    r->actielijn_id = sq_col_int(st, 2);
    r->actielijn_number = (int)db_col_int(st, 3);
    r->year = (int)db_col_int(st, 4);
    r->amount_cents = sq_col_int(st, 5);
    r->version = (int)db_col_int(st, 6);
    r->current = (int)db_col_int(st, 7);
    read_cite(a, st, 8, &r->cite);
    r->recorded_at = sq_col_text(a, st, 10);
    r->scheme_id = sq_col_int(st, 11);
}

#define POT_COLS "id, municipality, scheme_id, name, source_id, source_place"
static void read_pot(Arena *a, DbStmt *st, void *out)
{
    Pot *r = out;
    r->id = sq_col_int(st, 0);
    r->municipality = sq_col_text(a, st, 1);
    r->scheme_id = sq_col_int(st, 2);
    r->name = sq_col_text(a, st, 3);
    read_cite(a, st, 4, &r->cite);
}

#define MEASURE_COLS                                                                               \
    "id, municipality, scheme_id, pot_id, name, description, partner, status, cost_centres,"       \
    " source_id, source_place, decision_id, row_version"
static void read_measure(Arena *a, DbStmt *st, void *out)
{
    Measure *r = out;
    r->id = sq_col_int(st, 0);
    r->municipality = sq_col_text(a, st, 1);
    r->scheme_id = sq_col_int(st, 2);
    r->pot_id = sq_col_int(st, 3);
    r->name = sq_col_text(a, st, 4);
    r->description = sq_col_text(a, st, 5);
    r->partner = sq_col_text(a, st, 6);
    r->status = sq_col_text(a, st, 7);
    r->cost_centres = sq_col_text(a, st, 8);
    read_cite(a, st, 9, &r->cite);
    r->decision_id = sq_col_int(st, 11);
    r->row_version = sq_col_int(st, 12);
}

#define AMOUNT_COLS                                                                                \
    "ma.id, ma.measure_id, ma.year, ma.kind, ma.amount_cents, ma.source_id, ma.source_place,"      \
    " ma.decision_id, ma.row_version"
static void read_amount(Arena *a, DbStmt *st, void *out)
{
    MeasureAmount *r = out;
    r->id = sq_col_int(st, 0);
    r->measure_id = sq_col_int(st, 1);
    r->year = (int)db_col_int(st, 2);
    r->kind = (AmountKind)(int)db_col_int(st, 3);
    r->amount_cents = sq_col_int(st, 4);
    read_cite(a, st, 5, &r->cite);
    r->decision_id = sq_col_int(st, 7);
    r->row_version = sq_col_int(st, 8);
}

#define OPENING_COLS                                                                               \
    "id, municipality, scheme_id, pot_id, year, amount_cents, source_id, source_place,"            \
    " decision_id, row_version"
static void read_opening(Arena *a, DbStmt *st, void *out)
{
    ReserveOpening *r = out;
    r->id = sq_col_int(st, 0);
    r->municipality = sq_col_text(a, st, 1);
    r->scheme_id = sq_col_int(st, 2);
    r->pot_id = sq_col_int(st, 3);
    r->year = (int)db_col_int(st, 4);
    r->amount_cents = sq_col_int(st, 5);
    read_cite(a, st, 6, &r->cite);
    r->decision_id = sq_col_int(st, 8);
    r->row_version = sq_col_int(st, 9);
}

#define MOVEMENT_COLS                                                                              \
    "id, municipality, scheme_id, pot_id, kind, year, to_year, amount_cents, description,"         \
    " source_id, source_place, decision_id"
static void read_movement(Arena *a, DbStmt *st, void *out)
{
    ReserveMovement *r = out;
    r->id = sq_col_int(st, 0);
    r->municipality = sq_col_text(a, st, 1);
    r->scheme_id = sq_col_int(st, 2);
    r->pot_id = sq_col_int(st, 3);
    r->kind = (ReserveKind)(int)db_col_int(st, 4);
    r->year = (int)db_col_int(st, 5);
    r->to_year = (int)db_col_int(st, 6);
    r->amount_cents = sq_col_int(st, 7);
    r->description = sq_col_text(a, st, 8);
    read_cite(a, st, 9, &r->cite);
    r->decision_id = sq_col_int(st, 11);
}

#define DECISION_COLS                                                                              \
    "id, municipality, date, body, reference, title, outcome, source_id, source_place"
static void read_decision(Arena *a, DbStmt *st, void *out)
{
    Decision *r = out;
    r->id = sq_col_int(st, 0);
    r->municipality = sq_col_text(a, st, 1);
    r->date = sq_col_text(a, st, 2);
    r->body = sq_col_text(a, st, 3);
    r->reference = sq_col_text(a, st, 4);
    r->title = sq_col_text(a, st, 5);
    r->outcome = sq_col_text(a, st, 6);
    read_cite(a, st, 7, &r->cite);
}

#define REQUEST_COLS                                                                               \
    "id, municipality, requester, date, subject, amount_cents, letter_source_id, decision_id,"     \
    " status, source_id, source_place"
static void read_request(Arena *a, DbStmt *st, void *out)
{
    Request *r = out;
    r->id = sq_col_int(st, 0);
    r->municipality = sq_col_text(a, st, 1);
    r->requester = sq_col_text(a, st, 2);
    r->date = sq_col_text(a, st, 3);
    r->subject = sq_col_text(a, st, 4);
    r->has_amount = !db_col_is_null(st, 5);
    r->amount_cents = sq_col_int(st, 5);
    r->letter_source_id = sq_col_int(st, 6);
    r->decision_id = sq_col_int(st, 7);
    r->status = sq_col_text(a, st, 8);
    read_cite(a, st, 9, &r->cite);
}

#define EVALUATION_COLS                                                                            \
    "e.id, e.measure_id, e.date, e.verdict, e.text, e.follow_up, e.source_id, e.source_place,"     \
    " e.decision_id"
static void read_evaluation(Arena *a, DbStmt *st, void *out)
{
    Evaluation *r = out;
    r->id = sq_col_int(st, 0);
    r->measure_id = sq_col_int(st, 1);
    r->date = sq_col_text(a, st, 2);
    r->verdict = sq_col_text(a, st, 3);
    r->text = sq_col_text(a, st, 4);
    r->follow_up = sq_col_text(a, st, 5);
    read_cite(a, st, 6, &r->cite);
    r->decision_id = sq_col_int(st, 8);
}

#define CLOSED_COLS "municipality, year, source_id, source_place, decision_id"
static void read_closed(Arena *a, DbStmt *st, void *out)
{
    ClosedYear *r = out;
    r->municipality = sq_col_text(a, st, 0);
    r->year = (int)db_col_int(st, 1);
    read_cite(a, st, 2, &r->cite);
    r->decision_id = sq_col_int(st, 4);
}

#define STATED_COLS                                                                                \
    "id, municipality, scheme_id, kind, actielijn_id, pot_id, year_from, year_to,"                 \
    " amount_cents, description, source_id, source_place"
static void read_stated(Arena *a, DbStmt *st, void *out)
{
    StatedFigure *r = out;
    r->id = sq_col_int(st, 0);
    r->municipality = sq_col_text(a, st, 1);
    r->scheme_id = sq_col_int(st, 2);
    r->kind = (StatedKind)(int)db_col_int(st, 3);
    r->actielijn_id = sq_col_int(st, 4);
    r->pot_id = sq_col_int(st, 5);
    r->year_from = (int)db_col_int(st, 6);
    r->year_to = (int)db_col_int(st, 7);
    r->amount_cents = sq_col_int(st, 8);
    r->description = sq_col_text(a, st, 9);
    read_cite(a, st, 10, &r->cite);
}

/* ---- list helpers: bind one id or code, collect ---- */

static int list_by_id(Store *s, const char *sql, int64_t id, Arena *a, size_t elem_size,
                      RowReader read, void **out, size_t *n, PokErr *err)
{
    DbStmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    return collect(s, st, a, elem_size, read, out, n, err);
}

/* ?1 = code, ?2 = scheme id (ignored by queries without ?2). */
static int list_by_muni(Store *s, const char *sql, const char *code, int64_t scheme_id, Arena *a,
                        size_t elem_size, RowReader read, void **out, size_t *n, PokErr *err)
{
    DbStmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    if (db_param_count(st) >= 2) sq_bind_int(st, 2, scheme_id);
    return collect(s, st, a, elem_size, read, out, n, err);
}

static int get_by_id(Store *s, const char *sql, int64_t id, Arena *a, RowReader read, void *out,
                     PokErr *err)
{
    DbStmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    return fetch_one(s, st, a, read, out, err);
}

/* ---- schemes, actielijnen, purposes ---- */

int store_scheme_get(Store *s, const char *code, Arena *a, Scheme *out, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT " SCHEME_COLS " FROM scheme WHERE code = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    return fetch_one(s, st, a, read_scheme, out, err);
}

int store_scheme_list(Store *s, Arena *a, Scheme **out, size_t *n, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT " SCHEME_COLS " FROM scheme ORDER BY id", err);
    if (!st) return -1;
    void *items = NULL;
    if (collect(s, st, a, sizeof **out, read_scheme, &items, n, err)) return -1;
    *out = items;
    return 0;
}

int store_actielijn_list(Store *s, int64_t scheme_id, Arena *a, Actielijn **out, size_t *n,
                         PokErr *err)
{
    void *items = NULL;
    if (list_by_id(s,
                   "SELECT " ACTIELIJN_COLS " FROM actielijn WHERE scheme_id = ?1 ORDER BY number",
                   scheme_id, a, sizeof **out, read_actielijn, &items, n, err))
        return -1;
    *out = items;
    return 0;
}

int store_purpose_list(Store *s, int64_t scheme_id, Arena *a, Purpose **out, size_t *n, PokErr *err)
{
    void *items = NULL;
    if (list_by_id(s, "SELECT " PURPOSE_COLS " FROM purpose WHERE scheme_id = ?1 ORDER BY number",
                   scheme_id, a, sizeof **out, read_purpose, &items, n, err))
        return -1;
    *out = items;
    return 0;
}

/* ---- municipalities ---- */

int store_municipality_get(Store *s, const char *code, Arena *a, Municipality *out, PokErr *err)
{
    DbStmt *st =
        sq_stmt(s, "SELECT " MUNICIPALITY_COLS " FROM municipality WHERE code = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    return fetch_one(s, st, a, read_municipality, out, err);
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
    DbStmt *st = sq_stmt(
        s, "SELECT " MUNICIPALITY_COLS " FROM municipality ORDER BY lower(name), code",
        err);
    if (!st) return -1;
    void *items = NULL;
    size_t count = 0;
    if (collect(s, st, a, sizeof **out, read_municipality, &items, &count, err)) return -1;
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
    if (list_by_muni(s,
                     "SELECT " INHABITANTS_COLS " FROM inhabitants"
                     " WHERE ?1 IS NULL OR municipality = ?1 ORDER BY municipality, year",
                     code, 0, a, sizeof **out, read_inhabitants, &items, n, err))
        return -1;
    *out = items;
    return 0;
}

/* ---- sources ---- */

int store_source_get(Store *s, int64_t id, Arena *a, Source *out, PokErr *err)
{
    return get_by_id(s, "SELECT " SOURCE_COLS " FROM source WHERE id = ?1", id, a, read_source, out,
                     err);
}

int store_source_list(Store *s, const char *code, Arena *a, Source **out, size_t *n, PokErr *err)
{
    void *items = NULL;
    if (list_by_muni(s,
                     "SELECT " SOURCE_COLS " FROM source WHERE ?1 IS NULL"
                     " OR municipality IS NULL OR municipality = ?1 ORDER BY id",
                     code, 0, a, sizeof **out, read_source, &items, n, err))
        return -1;
    *out = items;
    return 0;
}

/* ---- single records with their links ---- */

static int pot_links(Store *s, Arena *a, Pot *p, PokErr *err)
{
    DbStmt *st = sq_stmt(s,
                               "SELECT pa.actielijn_id FROM pot_actielijn pa"
                               " JOIN actielijn l ON l.id = pa.actielijn_id"
                               " WHERE pa.pot_id = ?1 ORDER BY l.number",
                               err);
    if (!st) return -1;
    sq_bind_int(st, 1, p->id);
    return collect_ids(s, st, a, &p->actielijn_ids, &p->n_actielijnen, err);
}

static int measure_links(Store *s, Arena *a, Measure *m, PokErr *err)
{
    DbStmt *st = sq_stmt(s,
                               "SELECT ma.actielijn_id FROM measure_actielijn ma"
                               " JOIN actielijn l ON l.id = ma.actielijn_id"
                               " WHERE ma.measure_id = ?1 ORDER BY l.number",
                               err);
    if (!st) return -1;
    sq_bind_int(st, 1, m->id);
    if (collect_ids(s, st, a, &m->actielijn_ids, &m->n_actielijnen, err)) return -1;
    st = sq_stmt(
        s,
        "SELECT mp.purpose_id FROM measure_purpose mp JOIN purpose p ON p.id = mp.purpose_id"
        " WHERE mp.measure_id = ?1 ORDER BY p.number",
        err);
    if (!st) return -1;
    sq_bind_int(st, 1, m->id);
    return collect_ids(s, st, a, &m->purpose_ids, &m->n_purposes, err);
}

int store_measure_get(Store *s, int64_t id, Arena *a, Measure *out, PokErr *err)
{
    int found = get_by_id(s, "SELECT " MEASURE_COLS " FROM measure WHERE id = ?1", id, a,
                          read_measure, out, err);
    if (found != 1) return found;
    return measure_links(s, a, out, err) ? -1 : 1;
}

int store_decision_get(Store *s, int64_t id, Arena *a, Decision *out, PokErr *err)
{
    return get_by_id(s, "SELECT " DECISION_COLS " FROM decision WHERE id = ?1", id, a,
                     read_decision, out, err);
}

/* ---- everything of one municipality ---- */

static int load_scheme(Store *s, int64_t scheme_id, Arena *a, MuniData *d, PokErr *err)
{
    int found = get_by_id(s, "SELECT " SCHEME_COLS " FROM scheme WHERE id = ?1", scheme_id, a,
                          read_scheme, &d->scheme, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekende regeling (id %lld)", (long long)scheme_id);
    return store_actielijn_list(s, scheme_id, a, &d->actielijnen, &d->n_actielijnen, err) ||
                   store_purpose_list(s, scheme_id, a, &d->purposes, &d->n_purposes, err)
               ? -1
               : 0;
}

/* One list of a municipality's records into *out / *n of MuniData. */
#define LOAD_LIST(sql, reader, field, count)                                                       \
    do {                                                                                           \
        void *items_ = NULL;                                                                       \
        if (list_by_muni(s, sql, code, scheme_id, a, sizeof *d->field, reader, &items_, &d->count, \
                         err))                                                                     \
            return -1;                                                                             \
        d->field = items_;                                                                         \
    } while (0)

static int load_records(Store *s, const char *code, int64_t scheme_id, Arena *a, MuniData *d,
                        PokErr *err)
{
    LOAD_LIST(ALLOCATION_SELECT " WHERE a.municipality = ?1 AND a.scheme_id = ?2"
                                " ORDER BY COALESCE(l.number, 0), a.year, a.version",
              read_allocation, allocations, n_allocations);
    LOAD_LIST("SELECT " POT_COLS " FROM pot WHERE municipality = ?1 AND scheme_id = ?2"
              " ORDER BY id",
              read_pot, pots, n_pots);
    for (size_t i = 0; i < d->n_pots; i++)
        if (pot_links(s, a, &d->pots[i], err)) return -1;
    LOAD_LIST("SELECT " MEASURE_COLS " FROM measure WHERE municipality = ?1 AND scheme_id = ?2"
              " ORDER BY id",
              read_measure, measures, n_measures);
    for (size_t i = 0; i < d->n_measures; i++)
        if (measure_links(s, a, &d->measures[i], err)) return -1;
    LOAD_LIST("SELECT " AMOUNT_COLS " FROM measure_amount ma JOIN measure m"
              " ON m.id = ma.measure_id WHERE m.municipality = ?1 AND m.scheme_id = ?2"
              " ORDER BY ma.measure_id, ma.year, ma.kind",
              read_amount, amounts, n_amounts);
    LOAD_LIST("SELECT " OPENING_COLS " FROM reserve_opening WHERE municipality = ?1"
              " AND scheme_id = ?2 ORDER BY COALESCE(pot_id, 0), year, id",
              read_opening, openings, n_openings);
    LOAD_LIST("SELECT " MOVEMENT_COLS " FROM reserve_movement WHERE municipality = ?1"
              " AND scheme_id = ?2 ORDER BY year, id",
              read_movement, movements, n_movements);
    LOAD_LIST("SELECT " CLOSED_COLS " FROM closed_year WHERE municipality = ?1 ORDER BY year",
              read_closed, closed, n_closed);
    LOAD_LIST("SELECT " DECISION_COLS " FROM decision WHERE municipality = ?1"
              " ORDER BY date NULLS FIRST, id",
              read_decision, decisions, n_decisions);
    LOAD_LIST("SELECT " REQUEST_COLS " FROM request WHERE municipality = ?1 ORDER BY date NULLS FIRST, id",
              read_request, requests, n_requests);
    LOAD_LIST("SELECT " EVALUATION_COLS " FROM evaluation e JOIN measure m"
              " ON m.id = e.measure_id WHERE m.municipality = ?1 AND m.scheme_id = ?2"
              " ORDER BY e.measure_id, e.date NULLS FIRST, e.id",
              read_evaluation, evaluations, n_evaluations);
    LOAD_LIST("SELECT " STATED_COLS " FROM stated_figure WHERE municipality = ?1"
              " AND scheme_id = ?2 ORDER BY id",
              read_stated, stated, n_stated);
    /* The store only lets a record cite a national source or one of its own
     * municipality, so these are all the sources the records above can cite. */
    LOAD_LIST("SELECT " SOURCE_COLS " FROM source WHERE municipality IS NULL"
              " OR municipality = ?1 ORDER BY id",
              read_source, sources, n_sources);
    return 0;
}

int store_load(Store *s, const char *code, int64_t scheme_id, Arena *a, MuniData *out, PokErr *err)
{
    memset(out, 0, sizeof *out);
    int found = store_municipality_get(s, code, a, &out->muni, err);
    if (found != 1) return found;
    if (load_scheme(s, scheme_id, a, out, err) || load_records(s, code, scheme_id, a, out, err))
        return -1;
    return 1;
}
