/* test_records.c: every field of every record kind's table (src/record_tables.c) goes
 * through the whole of pok. For each kind a record is written through the store with a
 * distinctive value in every field, and each value is found again in the store's read, in
 * the audit trail's snapshot, in the record's JSON shape and in its row of `pok export
 * csv`; the kinds edited in place are then updated with other values and checked again.
 *
 * The values come from the field's type (generic_value), so a new line in a field table
 * is covered without a change here (docs/develop.md). What the store's rules ask of a
 * kind (a valid status, a year range, a key that is unique) is in base_record; a new
 * record kind needs its base, writer and list below. Also checked: the CSV column numbers
 * of every table, and the table of keys in docs/json.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ingest/csv.h"
#include "record.h"
#include "store/store_audit.h"
#include "store/store_closing.h"
#include "store/store_records.h"
#include "store/store_reference.h"
#include "views/export_csv.h"
#include "views/record_json.h"

#include "support/testdb.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MUNI "GM0001"       /* the municipality the records belong to */
#define OTHER_MUNI "GM0002" /* the one the municipality kind writes */

/* The records the written ones refer to; [1] for the first write, [2] for the update. */
typedef struct Fixture {
    TestDb db;
    Arena a;
    Scheme pok;
    Actielijn *lines;
    size_t n_lines;
    Purpose *purposes;
    size_t n_purposes;
    int64_t source[3], decision[3], pot[3], measure;
    const char *source_title[3];
} Fixture;

static void must(int rc, const PokErr *err)
{
    if (rc) fail_msg("%s", err->msg);
}

static int fixture_setup(void **state)
{
    Fixture *fx = calloc(1, sizeof *fx);
    PokErr err = {0};
    if (!fx || testdb_open(&fx->db, "records", &err)) return -1;
    Store *s = fx->db.s;
    Municipality m = {.code = MUNI, .name = "Proefgemeente", .province = "Utrecht"};
    if (store_scheme_get(s, "POK", &fx->a, &fx->pok, &err) != 1 ||
        store_actielijn_list(s, fx->pok.id, &fx->a, &fx->lines, &fx->n_lines, &err) ||
        store_purpose_list(s, fx->pok.id, &fx->a, &fx->purposes, &fx->n_purposes, &err) ||
        store_municipality_put(s, &m, &err))
        goto fail;
    for (int r = 1; r <= 2; r++) {
        Source src = {.kind = "brief",
                      .title = r == 1 ? "Eerste brief" : "Tweede brief",
                      .municipality = MUNI};
        if (store_source_add(s, &src, &err)) goto fail;
        Decision dec = {.municipality = MUNI, .body = "college", .title = "Besluit"};
        int64_t al = fx->lines[r - 1].id;
        Pot pot = {.municipality = MUNI,
                   .scheme_id = fx->pok.id,
                   .name = r == 1 ? "A" : "B",
                   .actielijn_ids = &al,
                   .n_actielijnen = 1};
        if (store_decision_add(s, &dec, &err) || store_pot_add(s, &pot, &err)) goto fail;
        fx->source[r] = src.id;
        fx->source_title[r] = src.title;
        fx->decision[r] = dec.id;
        fx->pot[r] = pot.id;
    }
    Measure me = {.municipality = MUNI, .scheme_id = fx->pok.id, .name = "Vaste maatregel"};
    if (store_measure_add(s, &me, &err)) goto fail;
    fx->measure = me.id;
    *state = fx;
    return 0;
fail:
    fprintf(stderr, "setup: %s\n", err.msg);
    return -1;
}

static int fixture_teardown(void **state)
{
    Fixture *fx = *state;
    if (!fx) return 0;
    testdb_close(&fx->db);
    arena_free(&fx->a);
    free(fx);
    return 0;
}

/* ---- the values written ---- */

/* What the rules of the store ask of a record of kind k in round r (1: the insert, 2:
 * the update); every field left zero here gets a generic_value. */
static void base_record(const Fixture *fx, RecordKindId kind, void *rec, int r)
{
    switch (kind) {
    case RECORD_SCHEME:
        *(Scheme *)rec = (Scheme){.first_year = 2030, .last_year = 2035};
        break;
    case RECORD_ACTIELIJN: /* numbers are unique within the scheme: POK has 1 to 8 */
        *(Actielijn *)rec = (Actielijn){.scheme_id = fx->pok.id, .number = 9};
        break;
    case RECORD_PURPOSE:
        *(Purpose *)rec = (Purpose){.scheme_id = fx->pok.id, .number = 5};
        break;
    case RECORD_MUNICIPALITY:
        *(Municipality *)rec =
            (Municipality){.code = OTHER_MUNI, .first_year = 2000 + r, .last_year = 2040 + r};
        break;
    case RECORD_INHABITANTS:
        *(Inhabitants *)rec = (Inhabitants){.municipality = MUNI, .year = 2019};
        break;
    case RECORD_SOURCE:
        *(Source *)rec = (Source){.municipality = MUNI};
        break;
    case RECORD_ALLOCATION:
        *(Allocation *)rec = (Allocation){.municipality = MUNI, .year = 2024, .year_to = 2024};
        break;
    case RECORD_POT:
        *(Pot *)rec = (Pot){.municipality = MUNI};
        break;
    case RECORD_MEASURE:
        *(Measure *)rec = (Measure){.municipality = MUNI, .status = r == 1 ? "lopend" : "afgerond"};
        break;
    case RECORD_MEASURE_AMOUNT:
        *(MeasureAmount *)rec = (MeasureAmount){.year = 2025, .kind = AMOUNT_PLAN};
        break;
    case RECORD_RESERVE_OPENING:
        *(ReserveOpening *)rec = (ReserveOpening){.municipality = MUNI, .year = 2023 + r};
        break;
    case RECORD_RESERVE_MOVEMENT:
        *(ReserveMovement *)rec = (ReserveMovement){
            .municipality = MUNI, .kind = RESERVE_TRANSFER, .year = 2024, .to_year = 2026};
        break;
    case RECORD_DECISION:
        *(Decision *)rec = (Decision){.municipality = MUNI, .body = "raad"};
        break;
    case RECORD_REQUEST:
        *(Request *)rec = (Request){.municipality = MUNI, .status = "toegekend"};
        break;
    case RECORD_EVALUATION:
        *(Evaluation *)rec = (Evaluation){.follow_up = "stoppen"};
        break;
    case RECORD_CLOSED_YEAR: /* a year none of the other records has figures in */
        *(ClosedYear *)rec = (ClosedYear){.municipality = MUNI, .year = 2020};
        break;
    case RECORD_STATED_FIGURE:
        *(StatedFigure *)rec = (StatedFigure){
            .municipality = MUNI, .kind = STATED_SPENDING, .year_from = 2024, .year_to = 2026};
        break;
    case RECORD_N_KINDS:
        fail_msg("a new record kind: give it a base_record, a writer and a list here");
    }
}

/* The fixture record a reference field points to, found by what it shows or its name. */
static int64_t reference_for(const Fixture *fx, const RecordKind *k, const RecordField *f, int r)
{
    size_t n = strlen(f->column);
    if (f->show == SHOW_ACTIELIJN_NUMBER) return fx->lines[r + 1].id;
    if (f->show == SHOW_PURPOSE_NUMBER) return fx->purposes[r].id;
    if (f->show == SHOW_SCHEME_CODE || strcmp(f->column, "scheme_id") == 0) return fx->pok.id;
    if (n >= 9 && strcmp(f->column + n - 9, "source_id") == 0) return fx->source[r];
    if (strcmp(f->column, "decision_id") == 0) return fx->decision[r];
    if (strcmp(f->column, "pot_id") == 0) return fx->pot[r];
    if (strcmp(f->column, "measure_id") == 0) return fx->measure;
    fail_msg("%s.%s: no fixture record to refer to (add one to reference_for)", k->table,
             f->column);
    return 0;
}

/* A distinctive value of f's type in round r (i: the field's place in its table). */
static void generic_value(const Fixture *fx, const RecordKind *k, size_t i, void *rec, int r,
                          Arena *a)
{
    const RecordField *f = &k->fields[i];
    int64_t *ids;
    switch (f->type) {
    case FIELD_TEXT:
        record_set_text(rec, f, arena_printf(a, "%s %s %d", k->table, f->column, r));
        break;
    case FIELD_DATE:
        record_set_text(rec, f, arena_printf(a, "2024-%02d-%02d", r, (int)i + 1));
        break;
    case FIELD_INT:
    case FIELD_INT_OPT:
        record_set_int(rec, f, 1950 + 10 * r + (int)i); /* a year, the most common int */
        break;
    case FIELD_INT64:
    case FIELD_MONEY:
    case FIELD_MONEY_OPT:
        record_set_int(rec, f, 100000 * r + 17 * (int64_t)i + 1);
        record_set_present(rec, f, 1);
        break;
    case FIELD_BOOL:
    case FIELD_ENUM:
        record_set_int(rec, f, 1);
        break;
    case FIELD_REF:
        record_set_int(rec, f, reference_for(fx, k, f, r));
        break;
    case FIELD_IDS: /* two of the link table's target, in the order of their numbers */
        ids = arena_alloc(a, 2 * sizeof *ids);
        if (strcmp(f->link->target, "actielijn") == 0) {
            ids[0] = fx->lines[r + 2].id;
            ids[1] = fx->lines[r + 4].id;
        } else if (strcmp(f->link->target, "purpose") == 0) {
            ids[0] = fx->purposes[r - 1].id;
            ids[1] = fx->purposes[r + 1].id;
        } else {
            fail_msg("%s.%s: no fixture records of %s", k->table, f->column, f->link->target);
        }
        record_set_ids(rec, f, ids, 2);
        break;
    case FIELD_CITE:
        record_cite_mut(rec, f)->source_id = fx->source[r];
        record_cite_mut(rec, f)->place = arena_printf(a, "p. %d, %s", r, k->table);
        break;
    case FIELD_ID:
        break;
    }
}

/* Whether the caller sets f (the rest is the database's or the store's). */
static int written_by_caller(const RecordField *f)
{
    return f->type != FIELD_ID && !f->sql && !(f->flags & (FIELD_STORE_SET | FIELD_ROW_VERSION));
}

static int is_zero(const void *rec, const RecordField *f)
{
    size_t n;
    switch (f->type) {
    case FIELD_TEXT:
    case FIELD_DATE:
        return record_text(rec, f) == NULL;
    case FIELD_IDS:
        return record_ids(rec, f, &n) == NULL;
    case FIELD_CITE:
        return !record_cite(rec, f)->source_id && !record_cite(rec, f)->place;
    default:
        return record_int(rec, f) == 0;
    }
}

static void fill(const Fixture *fx, const RecordKind *k, void *rec, int r, Arena *a)
{
    base_record(fx, k->id, rec, r);
    for (size_t i = 0; i < k->n_fields; i++)
        if (written_by_caller(&k->fields[i]) && is_zero(rec, &k->fields[i]))
            generic_value(fx, k, i, rec, r, a);
}

/* ---- writing and reading through the store ---- */

static int write_record(Fixture *fx, RecordKindId kind, void *rec, int update, PokErr *err)
{
    Store *s = fx->db.s;
    switch (kind) {
    case RECORD_SCHEME:
        return store_scheme_add(s, rec, err);
    case RECORD_ACTIELIJN:
        return store_actielijn_add(s, rec, err);
    case RECORD_PURPOSE:
        return store_purpose_add(s, rec, err);
    case RECORD_MUNICIPALITY:
        return store_municipality_put(s, rec, err);
    case RECORD_INHABITANTS:
        return store_inhabitants_put(s, rec, err);
    case RECORD_SOURCE:
        return store_source_add(s, rec, err);
    case RECORD_ALLOCATION:
        return store_allocation_add(s, rec, err);
    case RECORD_POT:
        return store_pot_add(s, rec, err);
    case RECORD_MEASURE:
        return update ? store_measure_update(s, rec, err) : store_measure_add(s, rec, err);
    case RECORD_MEASURE_AMOUNT:
        return store_measure_amount_set(s, rec, err);
    case RECORD_RESERVE_OPENING:
        return store_reserve_opening_set(s, rec, err);
    case RECORD_RESERVE_MOVEMENT:
        return store_reserve_movement_add(s, rec, err);
    case RECORD_DECISION:
        return store_decision_add(s, rec, err);
    case RECORD_REQUEST:
        return store_request_add(s, rec, err);
    case RECORD_EVALUATION:
        return store_evaluation_add(s, rec, err);
    case RECORD_CLOSED_YEAR:
        return store_year_close(s, rec, err);
    case RECORD_STATED_FIGURE:
        return store_stated_add(s, rec, err);
    case RECORD_N_KINDS:
        break;
    }
    return err_set(err, "no writer");
}

/* The kinds a second write changes in place rather than adds. */
static int updatable(RecordKindId kind)
{
    return kind == RECORD_MUNICIPALITY || kind == RECORD_INHABITANTS || kind == RECORD_MEASURE ||
           kind == RECORD_MEASURE_AMOUNT || kind == RECORD_RESERVE_OPENING;
}

/* The records of kind in d (and in the lists the export adds). */
static const void *records_of(RecordKindId kind, const MuniData *d, const ExportMuni *m, size_t *n)
{
#define LIST(field, count) (*n = d->count, (const void *)d->field)
    switch (kind) {
    case RECORD_SCHEME:
        return *n = 1, &d->scheme;
    case RECORD_ACTIELIJN:
        return LIST(actielijnen, n_actielijnen);
    case RECORD_PURPOSE:
        return LIST(purposes, n_purposes);
    case RECORD_MUNICIPALITY:
        return *n = 1, &d->muni;
    case RECORD_INHABITANTS:
        return *n = m->n_inhabitants, m->inhabitants;
    case RECORD_SOURCE:
        return LIST(sources, n_sources);
    case RECORD_ALLOCATION:
        return LIST(allocations, n_allocations);
    case RECORD_POT:
        return LIST(pots, n_pots);
    case RECORD_MEASURE:
        return LIST(measures, n_measures);
    case RECORD_MEASURE_AMOUNT:
        return LIST(amounts, n_amounts);
    case RECORD_RESERVE_OPENING:
        return LIST(openings, n_openings);
    case RECORD_RESERVE_MOVEMENT:
        return LIST(movements, n_movements);
    case RECORD_DECISION:
        return LIST(decisions, n_decisions);
    case RECORD_REQUEST:
        return LIST(requests, n_requests);
    case RECORD_EVALUATION:
        return LIST(evaluations, n_evaluations);
    case RECORD_CLOSED_YEAR:
        return LIST(closed, n_closed);
    case RECORD_STATED_FIGURE:
        return LIST(stated, n_stated);
    case RECORD_N_KINDS:
        break;
    }
#undef LIST
    return *n = 0, NULL;
}

/* Whether a and b agree on every key field (the id, or code and year). */
static int same_key(const RecordKind *k, const void *a, const void *b)
{
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (!(f->flags & FIELD_KEY)) continue;
        if (f->type == FIELD_TEXT ? strcmp(record_text(a, f), record_text(b, f)) != 0
                                  : record_int(a, f) != record_int(b, f))
            return 0;
    }
    return 1;
}

/* Everything pok exports of the municipality the record belongs to. */
typedef struct Loaded {
    MuniData d;
    Coverage c;
    ExportMuni m;
    Scheme scheme; /* a written scheme is read on its own */
} Loaded;

static void load(Fixture *fx, RecordKindId kind, const void *written, Arena *a, Loaded *l)
{
    PokErr err = {0};
    memset(l, 0, sizeof *l);
    const char *code = kind == RECORD_MUNICIPALITY ? OTHER_MUNI : MUNI;
    Store *s = fx->db.s;
    assert_int_equal(store_load(s, code, fx->pok.id, a, &l->d, &err), 1);
    must(coverage_compute(&l->d, a, &l->c, &err), &err);
    l->m.d = &l->d;
    l->m.c = &l->c;
    Inhabitants *inh;
    Source *src;
    must(store_inhabitants_list(s, code, a, &inh, &l->m.n_inhabitants, &err), &err);
    must(store_source_list(s, code, a, &src, &l->m.n_sources, &err), &err);
    l->m.inhabitants = inh;
    l->m.sources = src;
    if (kind == RECORD_SCHEME) {
        const Scheme *sc = written;
        assert_int_equal(store_scheme_get(s, sc->code, a, &l->scheme, &err), 1);
    }
}

static const void *find_read(RecordKindId kind, const void *written, const Loaded *l)
{
    if (kind == RECORD_SCHEME) return &l->scheme;
    const RecordKind *k = &record_kinds[kind];
    size_t n;
    const char *items = records_of(kind, &l->d, &l->m, &n);
    for (size_t i = 0; i < n; i++)
        if (same_key(k, items + i * k->size, written)) return items + i * k->size;
    fail_msg("%s: the record written is not read back", k->table);
    return NULL;
}

/* ---- what each output must hold ---- */

static json_t *text_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *int_or_null(int64_t v)
{
    return v ? json_integer(v) : json_null();
}

static int64_t number_of(const MuniData *d, FieldShow show, int64_t id)
{
    if (show == SHOW_ACTIELIJN_NUMBER)
        for (size_t i = 0; i < d->n_actielijnen; i++)
            if (d->actielijnen[i].id == id) return d->actielijnen[i].number;
    if (show == SHOW_PURPOSE_NUMBER)
        for (size_t i = 0; i < d->n_purposes; i++)
            if (d->purposes[i].id == id) return d->purposes[i].number;
    return show == SHOW_ID ? id : 0;
}

static int cmp_ids(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The ids of f in rec as shown (numbers), in the order given or sorted by id. */
static json_t *ids_json(const void *rec, const RecordField *f, const MuniData *d, int shown)
{
    size_t n;
    const int64_t *ids = record_ids(rec, f, &n);
    int64_t sorted[16];
    assert_true(n <= 16);
    memcpy(sorted, ids, n * sizeof *ids);
    if (!shown) qsort(sorted, n, sizeof *sorted, cmp_ids);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list,
                              json_integer(shown ? number_of(d, f->show, sorted[i]) : sorted[i]));
    return list;
}

/* The field in the audit snapshot: column names and stored values. */
static void expect_snapshot(const RecordKind *k, const RecordField *f, const void *rec,
                            json_t *snap)
{
    json_t *want = NULL, *want2 = NULL;
    const char *key = f->column, *key2 = NULL;
    switch (f->type) {
    case FIELD_TEXT:
    case FIELD_DATE:
        want = text_or_null(record_text(rec, f));
        break;
    case FIELD_INT_OPT:
    case FIELD_REF:
        want = int_or_null(record_int(rec, f));
        break;
    case FIELD_MONEY_OPT:
        want = record_present(rec, f) ? json_integer(record_int(rec, f)) : json_null();
        break;
    case FIELD_IDS:
        want = ids_json(rec, f, NULL, 0);
        break;
    case FIELD_CITE:
        key = "source_id";
        key2 = "source_place";
        want = int_or_null(record_cite(rec, f)->source_id);
        want2 = text_or_null(record_cite(rec, f)->place);
        break;
    default:
        want = json_integer(record_int(rec, f));
        break;
    }
    if (!json_equal(json_object_get(snap, key), want))
        fail_msg("%s.%s: audit snapshot has %s", k->table, key,
                 json_dumps(json_object_get(snap, key), JSON_ENCODE_ANY));
    if (key2 && !json_equal(json_object_get(snap, key2), want2))
        fail_msg("%s.%s: audit snapshot differs", k->table, key2);
    json_decref(want);
    json_decref(want2);
}

/* The field in the record's JSON shape. */
static void expect_json(const RecordKind *k, const RecordField *f, const void *rec,
                        const MuniData *d, const char *const *titles, const int64_t *sources,
                        json_t *shape)
{
    json_t *want;
    const Citation *c;
    int64_t v = f->type == FIELD_IDS || f->type == FIELD_CITE || f->type == FIELD_TEXT ||
                        f->type == FIELD_DATE
                    ? 0
                    : record_int(rec, f);
    switch (f->type) {
    case FIELD_TEXT:
    case FIELD_DATE:
        want = text_or_null(record_text(rec, f));
        break;
    case FIELD_INT_OPT:
        want = int_or_null(v);
        break;
    case FIELD_REF:
        want = int_or_null(number_of(d, f->show, v));
        break;
    case FIELD_MONEY_OPT:
        want = record_present(rec, f) ? json_integer(v) : json_null();
        break;
    case FIELD_BOOL:
        want = json_boolean(v);
        break;
    case FIELD_ENUM:
        want = json_string((f->names->json ? f->names->json : f->names->names)[v]);
        break;
    case FIELD_IDS:
        want = ids_json(rec, f, d, 1);
        break;
    case FIELD_CITE:
        c = record_cite(rec, f);
        want = json_pack("{s:I, s:s, s:s}", "source_id", (json_int_t)c->source_id, "title",
                         c->source_id == sources[1] ? titles[1] : titles[2], "place", c->place);
        break;
    default:
        want = json_integer(v);
        break;
    }
    if (!json_equal(json_object_get(shape, f->json), want))
        fail_msg("%s.%s: JSON shape has %s for key %s", k->table, f->column,
                 json_dumps(json_object_get(shape, f->json), JSON_ENCODE_ANY), f->json);
    json_decref(want);
}

/* The text of CSV column col (CITE: part 0 or 1) of the field for rec. */
static const char *csv_text(const RecordField *f, int part, const void *rec, const MuniData *d,
                            Arena *a)
{
    int64_t v = 0;
    size_t n;
    const int64_t *ids;
    Buf b = {0};
    const char *out;
    switch (f->type) {
    case FIELD_TEXT:
    case FIELD_DATE:
        return record_text(rec, f) ? record_text(rec, f) : "";
    case FIELD_CITE:
        if (part) return record_cite(rec, f)->place ? record_cite(rec, f)->place : "";
        v = record_cite(rec, f)->source_id;
        return v ? arena_printf(a, "%lld", (long long)v) : "";
    case FIELD_IDS:
        ids = record_ids(rec, f, &n);
        for (size_t i = 0; i < n; i++)
            buf_printf(&b, "%s%lld", i ? ";" : "", (long long)number_of(d, f->show, ids[i]));
        out = arena_strdup(a, b.data ? b.data : "");
        buf_free(&b);
        return out;
    case FIELD_ENUM:
        return f->names->names[record_int(rec, f)];
    case FIELD_REF:
        v = record_int(rec, f);
        if (f->show == SHOW_SCHEME_CODE) return v == d->scheme.id ? d->scheme.code : "";
        v = number_of(d, f->show, v);
        return v ? arena_printf(a, "%lld", (long long)v) : "";
    case FIELD_INT_OPT:
        v = record_int(rec, f);
        return v ? arena_printf(a, "%lld", (long long)v) : "";
    case FIELD_MONEY_OPT:
        if (!record_present(rec, f)) return "";
        break;
    default:
        break;
    }
    return arena_printf(a, "%lld", (long long)record_int(rec, f));
}

/* The kind's row in `pok export csv`: some row of its table holds every column. */
static void expect_csv(const RecordKind *k, const void *rec, const Loaded *l, Arena *a)
{
    size_t t = 0;
    while (t < export_n_tables && export_tables[t].kind != k) t++;
    if (t == export_n_tables) {
        for (size_t i = 0; i < k->n_fields; i++)
            if (k->fields[i].csv_col) fail_msg("%s has CSV columns but no CSV table", k->table);
        return;
    }
    ExportField columns[EXPORT_MAX_COLUMNS];
    size_t n = export_columns(&export_tables[t], columns);
    const char **want = arena_alloc(a, n * sizeof *want);
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (!f->csv_col) continue;
        want[f->csv_col - 1] = csv_text(f, 0, rec, &l->d, a);
        if (f->type == FIELD_CITE) want[f->csv_col] = csv_text(f, 1, rec, &l->d, a);
    }
    ExportSet set;
    export_set_init(&set);
    export_set_add(&set, &l->m);
    PokErr err = {0};
    CsvReader *r = csv_open_mem(export_tables[t].name, set.csv[t].data, set.csv[t].len, ',', &err);
    assert_non_null(r);
    int found = 0;
    while (!found && csv_next(r, &err) == 1) {
        found = csv_nfields(r) == n;
        for (size_t i = 0; found && i < n; i++) found = strcmp(csv_field(r, i), want[i]) == 0;
    }
    if (!found) {
        Buf b = {0};
        for (size_t i = 0; i < n; i++) buf_printf(&b, "%s%s", i ? "," : "", want[i]);
        fail_msg("%s.csv has no row %s; it holds:\n%s", export_tables[t].name, b.data,
                 set.csv[t].data);
    }
    csv_close(r);
    export_set_free(&set);
}

/* ---- the test: every kind, every field ---- */

static void copy_field(void *to, const void *from, const RecordField *f)
{
    size_t n;
    const int64_t *ids;
    switch (f->type) {
    case FIELD_TEXT:
    case FIELD_DATE:
        record_set_text(to, f, record_text(from, f));
        break;
    case FIELD_CITE:
        *record_cite_mut(to, f) = *record_cite(from, f);
        break;
    case FIELD_IDS:
        ids = record_ids(from, f, &n);
        record_set_ids(to, f, (int64_t *)ids, n);
        break;
    default:
        record_set_int(to, f, record_int(from, f));
        record_set_present(to, f, record_present(from, f));
        break;
    }
}

static void check_record(Fixture *fx, const RecordKind *k, const void *written, int update,
                         Arena *a)
{
    Loaded l;
    load(fx, k->id, written, a, &l);
    const void *read = find_read(k->id, written, &l);

    /* the store's read: what was written; the store's own fields as it set them */
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (!written_by_caller(f)) continue;
        if (f->type == FIELD_TEXT || f->type == FIELD_DATE) {
            if (strcmp(record_text(read, f), record_text(written, f)) != 0)
                fail_msg("%s.%s: read '%s', wrote '%s'", k->table, f->column, record_text(read, f),
                         record_text(written, f));
        } else if (f->type == FIELD_CITE) {
            assert_int_equal(record_cite(read, f)->source_id, record_cite(written, f)->source_id);
            assert_string_equal(record_cite(read, f)->place, record_cite(written, f)->place);
        } else if (f->type == FIELD_IDS) {
            json_t *x = ids_json(read, f, NULL, 0), *y = ids_json(written, f, NULL, 0);
            if (!json_equal(x, y)) fail_msg("%s.%s: other ids read", k->table, f->column);
            json_decref(x);
            json_decref(y);
        } else if (record_int(read, f) != record_int(written, f) ||
                   record_present(read, f) != record_present(written, f)) {
            fail_msg("%s.%s: read %lld, wrote %lld", k->table, f->column,
                     (long long)record_int(read, f), (long long)record_int(written, f));
        }
    }

    /* the audit trail: the newest row of the record has every audited column */
    AuditFilter filter = {.table_name = k->table, .limit = 1};
    if (k->fields[0].type == FIELD_ID)
        filter.record_id = record_int(read, &k->fields[0]);
    else if (record_field(k, "year"))
        filter.record_id = record_int(read, record_field(k, "year"));
    AuditEntry *rows;
    size_t n_rows;
    PokErr err = {0};
    must(store_audit_query(fx->db.s, &filter, a, &rows, &n_rows, &err), &err);
    assert_int_equal(n_rows, 1);
    assert_string_equal(rows[0].action, update ? "update" : "insert");
    json_t *snap = json_loads(rows[0].after_json, 0, NULL);
    assert_non_null(snap);
    size_t audited = 0;
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (f->sql || (f->flags & FIELD_ROW_VERSION)) {
            assert_null(json_object_get(snap, f->column));
            continue;
        }
        expect_snapshot(k, f, read, snap);
        audited += f->type == FIELD_CITE ? 2 : 1;
    }
    assert_int_equal(json_object_size(snap), audited);
    json_decref(snap);

    /* the JSON shape: every field with a key, and nothing else */
    json_t *shape = record_json(k, read, &l.d);
    size_t keys = 0;
    for (size_t i = 0; i < k->n_fields; i++) {
        if (!k->fields[i].json) continue;
        expect_json(k, &k->fields[i], read, &l.d, fx->source_title, fx->source, shape);
        keys++;
    }
    assert_int_equal(json_object_size(shape), keys);
    json_decref(shape);

    expect_csv(k, read, &l, a);
}

static void test_every_field(void **state)
{
    Fixture *fx = *state;
    for (int kind = 0; kind < RECORD_N_KINDS; kind++) {
        const RecordKind *k = &record_kinds[kind];
        assert_int_equal(k->id, kind);
        Arena a = {0};
        void *rec = arena_alloc(&a, k->size);
        fill(fx, k, rec, 1, &a);
        PokErr err = {0};
        if (write_record(fx, k->id, rec, 0, &err))
            fail_msg("%s: the store refuses the record: %s", k->table, err.msg);
        check_record(fx, k, rec, 0, &a);
        if (updatable(k->id)) {
            /* the second round's values, but the key and what an update leaves alone */
            void *again = arena_alloc(&a, k->size);
            fill(fx, k, again, 2, &a);
            for (size_t i = 0; i < k->n_fields; i++) {
                const RecordField *f = &k->fields[i];
                if (f->type == FIELD_ID || (f->flags & (FIELD_KEY | FIELD_INSERT_ONLY)))
                    copy_field(again, rec, f);
            }
            if (write_record(fx, k->id, again, 1, &err))
                fail_msg("%s: the store refuses the update: %s", k->table, err.msg);
            check_record(fx, k, again, 1, &a);
        }
        arena_free(&a);
    }
}

/* Every table's CSV columns are numbered 1..n without a gap or a repeat, with a header and
 * a description each. */
static void test_csv_columns(void **state)
{
    (void)state;
    for (size_t t = 0; t < export_n_tables; t++) {
        const RecordKind *k = export_tables[t].kind;
        if (!k) continue;
        int used[EXPORT_MAX_COLUMNS + 2] = {0}, n = 0;
        for (size_t i = 0; i < k->n_fields; i++) {
            const RecordField *f = &k->fields[i];
            if (!f->csv_col) continue;
            int width = f->type == FIELD_CITE ? 2 : 1;
            assert_true(f->csv_col + width - 1 <= EXPORT_MAX_COLUMNS);
            for (int c = f->csv_col; c < f->csv_col + width; c++) {
                if (used[c]++) fail_msg("%s: column %d twice", k->table, c);
            }
            if (f->type != FIELD_CITE && (!f->csv || !f->doc))
                fail_msg("%s.%s: a CSV column needs a header and a description", k->table,
                         f->column);
            n += width;
        }
        ExportField columns[EXPORT_MAX_COLUMNS];
        assert_int_equal(export_columns(&export_tables[t], columns), (size_t)n);
    }
}

/* Every field the audit snapshot holds has a label for the change log people read, and
 * every reference besides the scheme names the table it points to, so that the change
 * log shows a name and not an id. Not shown: the id, the version and the scheme (one per
 * database), derived values. */
static void test_change_log_labels(void **state)
{
    (void)state;
    for (size_t k = 0; k < RECORD_N_KINDS; k++) {
        const RecordKind *kind = &record_kinds[k];
        for (size_t i = 0; i < kind->n_fields; i++) {
            const RecordField *f = &kind->fields[i];
            int scheme = strcmp(f->column, "scheme_id") == 0;
            if (f->type == FIELD_ID || (f->flags & FIELD_ROW_VERSION) || f->sql ||
                (scheme && kind->id != RECORD_ACTIELIJN && kind->id != RECORD_PURPOSE))
                continue;
            if (!f->label) fail_msg("%s.%s: no label for the change log", kind->table, f->column);
            if (f->type == FIELD_REF && f->show == SHOW_ID && !f->refers)
                fail_msg("%s.%s: a reference without .refers", kind->table, f->column);
        }
    }
}

/* docs/json.md lists every kind's keys in the order of its table. */
static void test_json_doc(void **state)
{
    (void)state;
    FILE *f = fopen("docs/json.md", "r");
    if (!f) skip(); /* run from another directory than the repository's */
    char line[1024];
    int listed[RECORD_N_KINDS] = {0};
    while (fgets(line, sizeof line, f)) {
        for (int kind = 0; kind < RECORD_N_KINDS; kind++) {
            const RecordKind *k = &record_kinds[kind];
            char head[64];
            snprintf(head, sizeof head, "| %s | ", k->table);
            if (strncmp(line, head, strlen(head)) != 0) continue;
            Buf want = {0};
            buf_puts(&want, head);
            const char *sep = "";
            for (size_t i = 0; i < k->n_fields; i++)
                if (k->fields[i].json) {
                    buf_printf(&want, "%s`%s`", sep, k->fields[i].json);
                    sep = ", ";
                }
            buf_puts(&want, " |\n");
            if (strcmp(line, want.data) != 0)
                fail_msg("docs/json.md says\n%swhere the table gives\n%s", line, want.data);
            buf_free(&want);
            listed[kind] = 1;
        }
    }
    fclose(f);
    for (int kind = 0; kind < RECORD_N_KINDS; kind++)
        if (!listed[kind]) fail_msg("docs/json.md does not list %s", record_kinds[kind].table);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_columns),
        cmocka_unit_test(test_json_doc),
        cmocka_unit_test(test_change_log_labels),
        cmocka_unit_test(test_every_field),
    };
    return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
