/* import_ledger.c: `pok import ledger`: the bookings of a general-ledger export on cost
 * centres mapped to measures, stored for tracing, and the realised amount of every
 * measure-year touched set to the sum of all its stored bookings. One transaction: a bad
 * line anywhere leaves the database as it was. */
#include "../money.h"
#include "../store/store.h"
#include "../store/store_ledger.h"
#include "../store/store_records.h"
#include "../store/store_reference.h"
#include "import_internal.h"
#include "ledger.h"
#include "progress.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Distinct unmapped codes kept apart in the report; beyond this they are summed as one
 * ("overige"), so a file of millions of different codes cannot grow memory. */
#define UNMAPPED_MAX 10000
/* Lines between two progress checks (the clock is read only then). */
#define PROGRESS_EVERY 0x3FFF

/* A (measure, year) that received new bookings, in an open-addressing table. */
typedef struct Touched {
    int64_t measure_id; /* 0: empty slot */
    int year;
    int64_t bookings_new;
} Touched;

typedef struct TouchedSet {
    Touched *slots;
    size_t cap, n;
} TouchedSet;

static size_t touched_hash(int64_t measure_id, int year)
{
    uint64_t h =
        (uint64_t)measure_id * 0x9E3779B97F4A7C15ULL ^ (uint64_t)year * 0xC2B2AE3D27D4EB4FULL;
    return (size_t)(h ^ (h >> 29));
}

static Touched *touched_slot(Touched *slots, size_t cap, int64_t measure_id, int year)
{
    size_t i = touched_hash(measure_id, year) & (cap - 1);
    while (slots[i].measure_id && !(slots[i].measure_id == measure_id && slots[i].year == year))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static Touched *touched_get(TouchedSet *t, int64_t measure_id, int year)
{
    if ((t->n + 1) * 2 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        Touched *slots = xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < t->cap; i++)
            if (t->slots[i].measure_id)
                *touched_slot(slots, cap, t->slots[i].measure_id, t->slots[i].year) = t->slots[i];
        free(t->slots);
        t->slots = slots;
        t->cap = cap;
    }
    Touched *e = touched_slot(t->slots, t->cap, measure_id, year);
    if (!e->measure_id) {
        e->measure_id = measure_id;
        e->year = year;
        t->n++;
    }
    return e;
}

static int by_measure_year(const void *pa, const void *pb)
{
    const Touched *a = pa, *b = pb;
    if (a->measure_id != b->measure_id) return a->measure_id < b->measure_id ? -1 : 1;
    return (a->year > b->year) - (a->year < b->year);
}

/* Everything one import works with. */
typedef struct Ctx {
    Store *s;
    const LedgerOptions *o;
    LedgerReport *rep;
    Arena *a; /* rep->arena */
    LedgerMeasure *measures;
    size_t n_measures;
    ImportMap codes;      /* code -> LedgerMeasure */
    ImportMap unmapped;   /* code -> LedgerUnmapped */
    LedgerUnmapped other; /* beyond UNMAPPED_MAX codes */
    TouchedSet touched;
    const char *file_name; /* base name, for the source title */
    /* Bookings whose newness store_ledger_flush tells (PostgreSQL), and the new ones. */
    int64_t deferred, deferred_new;
} Ctx;

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* ---- the mapping: cost centres on the measures ---- */

static const LedgerMeasure *measure_by_id(const Ctx *c, int64_t id)
{
    for (size_t i = 0; i < c->n_measures; i++)
        if (c->measures[i].id == id) return &c->measures[i];
    return NULL;
}

/* A measure named by its id or its exact name in the municipality. */
static int mapping_measure(const Ctx *c, CsvReader *r, const char *text, const LedgerMeasure **out,
                           PokErr *err)
{
    long long id;
    if (parse_int(text, 1, INT64_MAX, &id) == 0) {
        *out = measure_by_id(c, id);
        if (!*out)
            return import_field_error(r, "maatregel", err, "maatregel %lld bestaat niet in %s", id,
                                      c->o->municipality);
        return 0;
    }
    *out = NULL;
    for (size_t i = 0; i < c->n_measures; i++) {
        if (strcmp(c->measures[i].name, text) != 0) continue;
        if (*out)
            return import_field_error(
                r, "maatregel", err,
                "'%s' is de naam van maatregel %lld en %lld: gebruik het nummer", text,
                (long long)(*out)->id, (long long)c->measures[i].id);
        *out = &c->measures[i];
    }
    if (!*out)
        return import_field_error(r, "maatregel", err,
                                  "geen maatregel van %s heet '%s' (gebruik het nummer of de "
                                  "precieze naam, zie 'pok measure list %s')",
                                  c->o->municipality, text, c->o->municipality);
    return 0;
}

/* Codes per measure from the mapping file, joined with ','. */
typedef struct MappedCodes {
    int64_t measure_id;
    Buf codes;
} MappedCodes;

static int mapping_rows(Ctx *c, CsvReader *r, MappedCodes **mc, size_t *n_mc, PokErr *err)
{
    const char *key = c->o->key_column && *c->o->key_column ? c->o->key_column : LEDGER_DEFAULT_KEY;
    ImportColumn cols[2] = {{key, 1, -1}, {"maatregel", 1, -1}};
    ImportHeader h;
    char *expected = arena_printf(c->a, "%s,maatregel", key);
    if (import_header(r, cols, 2, 1, expected, c->a, &h, err) != 0) return -1;
    ImportMap seen = {0};
    size_t cap = 0;
    int got = 0, rc = 0;
    while (rc == 0 && (got = csv_next(r, err)) == 1) {
        if (import_row_blank(r)) continue;
        Arena row = {0};
        const char *code = import_field(r, &cols[0], &row);
        const char *name = import_field(r, &cols[1], &row);
        const LedgerMeasure *m = NULL;
        if ((rc = import_row_width(r, &h, err)) != 0) {
        } else if (!*code) {
            rc = import_field_error(r, key, err, "code ontbreekt");
        } else if (strchr(code, ',')) {
            rc = import_field_error(r, key, err, "één code per regel, niet '%s'", code);
        } else if ((rc = mapping_measure(c, r, name, &m, err)) == 0) {
            ImportMapEntry *e = import_map_find(&seen, code);
            if (e && ((const LedgerMeasure *)e->value)->id != m->id) {
                const LedgerMeasure *first = e->value;
                rc = import_field_error(r, key, err,
                                        "%s staat op regel %ld al bij maatregel %lld (%s): een "
                                        "code hoort bij één maatregel",
                                        code, e->line, (long long)first->id, first->name);
            } else if (!e) {
                e = import_map_add(&seen, c->a, code);
                e->line = csv_line(r);
                e->value = (void *)m;
                size_t i = 0;
                while (i < *n_mc && (*mc)[i].measure_id != m->id) i++;
                if (i == *n_mc) {
                    *mc = arena_grow(c->a, *mc, sizeof **mc, &cap, *n_mc + 1);
                    (*mc)[(*n_mc)++].measure_id = m->id;
                }
                if ((*mc)[i].codes.len) buf_puts(&(*mc)[i].codes, ",");
                buf_puts(&(*mc)[i].codes, code);
            }
        }
        arena_free(&row);
    }
    import_map_free(&seen);
    if (rc == 0 && got < 0) rc = -1;
    return rc;
}

static int set_codes(Ctx *c, int64_t measure_id, const char *codes, PokErr *err)
{
    Arena a = {0};
    Measure m;
    int rc = store_measure_get(c->s, measure_id, &a, &m, err);
    if (rc == 1) {
        const char *old = m.cost_centres ? m.cost_centres : "";
        if (strcmp(old, codes) == 0) {
            arena_free(&a);
            return 0;
        }
        LedgerReport *rep = c->rep;
        size_t cap = rep->n_mapping; /* grown one at a time: a handful of measures */
        rep->mapping =
            arena_grow(c->a, rep->mapping, sizeof *rep->mapping, &cap, rep->n_mapping + 1);
        rep->mapping[rep->n_mapping++] =
            (LedgerMappingChange){measure_id, arena_strdup(c->a, m.name), arena_strdup(c->a, old),
                                  arena_strdup(c->a, codes)};
        m.cost_centres = codes;
        rc = store_measure_update(c->s, &m, err);
    } else if (rc == 0) {
        rc = err_set(err, "maatregel %lld bestaat niet", (long long)measure_id);
    }
    arena_free(&a);
    return rc < 0 ? -1 : 0;
}

static int apply_mapping(Ctx *c, PokErr *err)
{
    CsvReader *r = csv_open(c->o->mapping_path, 0, err);
    if (!r) return -1;
    MappedCodes *mc = NULL;
    size_t n_mc = 0;
    int rc = mapping_rows(c, r, &mc, &n_mc, err);
    for (size_t i = 0; i < n_mc; i++) {
        if (rc == 0 && set_codes(c, mc[i].measure_id, mc[i].codes.data, err) != 0)
            rc = err_prefix(err, "%s: ", csv_name(r));
        buf_free(&mc[i].codes);
    }
    csv_close(r);
    return rc;
}

/* code -> measure over every measure of the municipality; a code on two is an error. */
static int build_codes(Ctx *c, PokErr *err)
{
    if (store_ledger_measures(c->s, c->o->municipality, c->a, &c->measures, &c->n_measures, err))
        return -1;
    for (size_t i = 0; i < c->n_measures; i++) {
        const LedgerMeasure *m = &c->measures[i];
        if (!m->cost_centres) continue;
        char *list = arena_strdup(c->a, m->cost_centres), *save = NULL;
        for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            while (*tok == ' ') tok++;
            size_t n = strlen(tok);
            while (n > 0 && tok[n - 1] == ' ') tok[--n] = '\0';
            if (!n) continue;
            ImportMapEntry *e = import_map_find(&c->codes, tok);
            if (e && e->value != m) {
                const LedgerMeasure *first = e->value;
                return err_set(err,
                               "kostenplaats %s hoort bij maatregel %lld (%s) en bij maatregel "
                               "%lld (%s): een code hoort bij één maatregel (pas er één aan met "
                               "'pok measure update ID --cost-centres ...')",
                               tok, (long long)first->id, first->name, (long long)m->id, m->name);
            }
            if (!e) import_map_add(&c->codes, c->a, tok)->value = (void *)m;
        }
    }
    if (c->codes.n == 0)
        return err_set(err,
                       "geen enkele maatregel van %s heeft een kostenplaats of projectcode: geef "
                       "--mapping BESTAND (kostenplaats,maatregel) of gebruik 'pok measure update "
                       "ID --cost-centres KP9001'",
                       c->o->municipality);
    return 0;
}

/* ---- lines ---- */

static int count_unmapped(Ctx *c, const LedgerLine *l, PokErr *err)
{
    const char *code = *l->key ? l->key : "(leeg)";
    ImportMapEntry *e = import_map_find(&c->unmapped, code);
    LedgerUnmapped *u = &c->other;
    if (e) {
        u = e->value;
    } else if (c->unmapped.n < UNMAPPED_MAX) {
        e = import_map_add(&c->unmapped, c->a, code);
        u = arena_alloc(c->a, sizeof *u);
        u->code = e->key;
        e->value = u;
    } else {
        c->rep->unmapped_capped = 1;
    }
    u->lines++;
    c->rep->imp.unmapped_lines++;
    if (money_add(u->cents, l->amount_cents, &u->cents) ||
        money_add(c->rep->imp.unmapped_cents, l->amount_cents, &c->rep->imp.unmapped_cents))
        return err_set(err, "het totaal van de niet gekoppelde regels wordt te groot");
    return 0;
}

static int store_line(Ctx *c, LedgerWriter *w, const LedgerLine *l, const LedgerMeasure *m,
                      CsvReader *r, PokErr *err)
{
    Booking b = {.municipality = c->o->municipality,
                 .measure_id = m->id,
                 .year = l->year,
                 .period = l->period,
                 .booking_date = l->date,
                 .account = l->account,
                 .cost_centre = l->cost_centre,
                 .taakveld = l->taakveld,
                 .description = l->description,
                 .document = l->document,
                 .amount_cents = l->amount_cents,
                 .line = csv_line(r)};
    int is_new = 0;
    if (store_ledger_add(w, &b, &is_new, err) != 0) return import_wrap_error(r, err);
    if (is_new < 0) {
        c->deferred++; /* told by store_ledger_flush */
    } else if (is_new) {
        c->rep->imp.bookings_new++;
        touched_get(&c->touched, m->id, l->year)->bookings_new++;
    } else {
        c->rep->imp.bookings_known++;
    }
    return 0;
}

/* The new bookings of one measure and year, from store_ledger_flush. */
static void count_new(void *ctx, int64_t measure_id, int year, int64_t n_new)
{
    Ctx *c = ctx;
    c->rep->imp.bookings_new += n_new;
    c->deferred_new += n_new;
    touched_get(&c->touched, measure_id, year)->bookings_new += n_new;
}

static int read_lines(Ctx *c, LedgerReader *lr, LedgerWriter *w, PokErr *err)
{
    CsvReader *r = ledger_csv(lr);
    Progress p;
    progress_start(&p, csv_name(r), c->o->progress ? csv_name(r) : NULL);
    if (!c->o->progress) p.enabled = 0;
    LedgerLine l;
    int got = 0, rc = 0;
    while ((got = ledger_next(lr, &l, err)) == 1) {
        if ((ledger_lines(lr) & PROGRESS_EVERY) == 0)
            progress_update(&p, ledger_lines(lr), csv_offset(r));
        if (money_add(c->rep->imp.total_cents, l.amount_cents, &c->rep->imp.total_cents)) {
            rc = import_line_error(r, err, "het totaal van het bestand wordt te groot");
            break;
        }
        ImportMapEntry *e = import_map_find(&c->codes, l.key);
        if (e) {
            rc = store_line(c, w, &l, e->value, r, err);
        } else if (c->o->strict) {
            rc = err_set(err,
                         "%s, regel %ld, kolom '%s': %s hoort bij geen enkele maatregel van %s "
                         "(--strict; koppel de code met --mapping of laat --strict weg)",
                         csv_name(r), csv_line(r), ledger_key_name(lr), *l.key ? l.key : "(leeg)",
                         c->o->municipality);
        } else {
            rc = count_unmapped(c, &l, err);
            if (rc) import_wrap_error(r, err);
        }
        if (rc) break;
    }
    progress_end(&p);
    c->rep->imp.lines = ledger_lines(lr);
    if (rc == 0 && got < 0) rc = -1;
    return rc;
}

/* ---- realised amounts ---- */

static char *count_text(Arena *a, int64_t n, const char *one, const char *many)
{
    char buf[32];
    return arena_printf(a, "%s %s", progress_count(n, buf, sizeof buf), n == 1 ? one : many);
}

static int ensure_source(Ctx *c, PokErr *err)
{
    if (c->rep->imp.source_id) return 0;
    Source src = {.kind = "grootboek",
                  .title = arena_printf(c->a, "Grootboek %s %s", c->o->municipality, c->file_name),
                  .reference = c->file_name,
                  .municipality = c->o->municipality,
                  .note = arena_printf(c->a, "grootboekimport %lld (pok ledger imports %s)",
                                       (long long)c->rep->imp.id, c->o->municipality)};
    if (store_source_add(c->s, &src, err) != 0) return -1;
    c->rep->imp.source_id = src.id;
    return 0;
}

static int set_realised(Ctx *c, const Touched *t, PokErr *err)
{
    Arena tmp = {0};
    LedgerTotal total;
    const LedgerTotal *tot = &total;
    int64_t old = 0;
    int had_old = 0;
    if (store_ledger_year_total(c->s, t->measure_id, t->year, &total, err) ||
        (had_old = store_ledger_realised(c->s, t->measure_id, t->year, &old, err)) < 0)
        return -1;
    int rc = 0;
    const LedgerMeasure *m = measure_by_id(c, t->measure_id);
    if (!had_old || old != tot->cents) {
        MeasureAmount ma = {.measure_id = t->measure_id,
                            .year = t->year,
                            .kind = AMOUNT_REALISED,
                            .amount_cents = tot->cents};
        rc = ensure_source(c, err);
        if (rc == 0) {
            ma.cite.source_id = c->rep->imp.source_id;
            ma.cite.place = count_text(&tmp, tot->bookings, "boeking", "boekingen");
            rc = store_measure_amount_set(c->s, &ma, err);
        }
        if (rc != 0)
            err_prefix(err, "maatregel %lld (%s), realisatie %d: ", (long long)t->measure_id,
                       m ? m->name : "?", t->year);
    }
    if (rc == 0) {
        LedgerReport *rep = c->rep;
        size_t cap = rep->n_changes;
        rep->changes =
            arena_grow(c->a, rep->changes, sizeof *rep->changes, &cap, rep->n_changes + 1);
        rep->changes[rep->n_changes++] =
            (LedgerChange){t->measure_id, m ? m->name : "", t->year,         had_old,
                           old,           tot->cents,       t->bookings_new, tot->bookings};
    }
    arena_free(&tmp);
    return rc;
}

static int set_all_realised(Ctx *c, PokErr *err)
{
    size_t n = 0;
    Touched *list = xcalloc(c->touched.n ? c->touched.n : 1, sizeof *list);
    for (size_t i = 0; i < c->touched.cap; i++)
        if (c->touched.slots[i].measure_id) list[n++] = c->touched.slots[i];
    qsort(list, n, sizeof *list, by_measure_year);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) rc = set_realised(c, &list[i], err);
    free(list);
    return rc;
}

/* ---- the report's unmapped codes, most lines first ---- */

static int by_lines(const void *pa, const void *pb)
{
    const LedgerUnmapped *a = pa, *b = pb;
    if (a->lines != b->lines) return a->lines < b->lines ? 1 : -1;
    return strcmp(a->code, b->code);
}

static void collect_unmapped(Ctx *c)
{
    LedgerReport *rep = c->rep;
    size_t n = c->unmapped.n + (c->other.lines ? 1 : 0);
    if (!n) return;
    rep->unmapped = arena_alloc(c->a, n * sizeof *rep->unmapped);
    for (size_t i = 0; i < c->unmapped.cap; i++)
        if (c->unmapped.slots[i].key)
            rep->unmapped[rep->n_unmapped++] = *(LedgerUnmapped *)c->unmapped.slots[i].value;
    qsort(rep->unmapped, rep->n_unmapped, sizeof *rep->unmapped, by_lines);
    if (c->other.lines) {
        c->other.code = "overige";
        rep->unmapped[rep->n_unmapped++] = c->other;
    }
}

/* ---- the import ---- */

static int run(Ctx *c, LedgerReader *lr, PokErr *err)
{
    LedgerWriter *w = NULL;
    LedgerImport *imp = &c->rep->imp;
    /* c->rep is the caller's report, never NULL (import_reader) */
    imp->municipality = c->o->municipality; /* NOLINT(clang-analyzer-core.NullDereference) */
    imp->file_name = c->file_name;
    int rc =
        store_ledger_measures(c->s, c->o->municipality, c->a, &c->measures, &c->n_measures, err);
    if (rc == 0 && c->o->mapping_path) rc = apply_mapping(c, err);
    if (rc == 0) rc = build_codes(c, err);
    if (rc == 0) rc = store_ledger_begin(c->s, imp, &w, err);
    if (rc == 0) rc = read_lines(c, lr, w, err);
    if (rc == 0) rc = store_ledger_flush(w, count_new, c, err);
    if (rc == 0) imp->bookings_known += c->deferred - c->deferred_new;
    if (rc == 0) rc = set_all_realised(c, err);
    if (rc == 0) rc = store_ledger_end(w, imp, err);
    store_ledger_free(w);
    if (rc == 0) collect_unmapped(c);
    return rc;
}

static int import_reader(Store *s, LedgerReader *lr, const char *name, const LedgerOptions *o,
                         LedgerReport *rep, PokErr *err)
{
    Ctx c = {.s = s, .o = o, .rep = rep, .a = &rep->arena, .file_name = base_name(name)};
    Municipality muni;
    int rc = store_municipality_get(s, o->municipality, &rep->arena, &muni, err);
    if (rc == 0) rc = err_set(err, "onbekende gemeente %s", o->municipality);
    rc = rc == 1 ? 0 : -1;
    if (rc == 0) rc = store_begin(s, err);
    if (rc == 0) {
        rc = run(&c, lr, err);
        /* a dry run fails where the commit would: a closed year's figures that move */
        if (rc == 0 && o->dry_run) rc = store_check_closed(s, err);
        if (rc == 0 && !o->dry_run) {
            rc = store_commit(s, err);
            if (rc != 0) store_rollback(s);
        } else {
            store_rollback(s);
        }
    }
    import_map_free(&c.codes);
    import_map_free(&c.unmapped);
    free(c.touched.slots);
    if (rc != 0) ledger_report_free(rep);
    return rc;
}

void ledger_report_free(LedgerReport *rep)
{
    if (!rep) return;
    arena_free(&rep->arena);
    memset(rep, 0, sizeof *rep);
}

int ledger_import(Store *s, const char *path, const LedgerOptions *o, LedgerReport *rep,
                  PokErr *err)
{
    ledger_report_free(rep);
    /* SQLite allocates and frees a statement journal for every booking inserted; with
     * glibc's default trim threshold each free shrinks the heap and the next malloc grows
     * it again (a brk pair per booking, a quarter of the import's time). Keep 64 MB. */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    LedgerReader *lr = ledger_open(path, o->key_column, err);
    if (!lr) return -1;
    int rc = import_reader(s, lr, path, o, rep, err);
    ledger_close(lr);
    return rc;
}

int ledger_import_mem(Store *s, const char *name, const char *text, size_t len,
                      const LedgerOptions *o, LedgerReport *rep, PokErr *err)
{
    ledger_report_free(rep);
    LedgerReader *lr = ledger_open_mem(name, text, len, o->key_column, err);
    if (!lr) return -1;
    int rc = import_reader(s, lr, name, o, rep, err);
    ledger_close(lr);
    return rc;
}
