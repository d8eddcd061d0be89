/* import_allocations.c: allocation figures (municipality x actielijn x year) from a CSV
 * file. An equal figure is left alone; a different one becomes the next version, and
 * the report lists it so the user sees what changed against the previous circulaire. */
#include "import_internal.h"

#include "../money.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#define ALLOCATION_COLUMNS "municipality,actielijn,year,amount,source"

enum { AC_MUNI, AC_ACTIELIJN, AC_YEAR, AC_AMOUNT, AC_SOURCE, AC_PLACE, AC_COUNT };

/* What the store holds for one municipality, as a grid of actielijn x year. */
typedef struct MuniGrid {
    int64_t *amount; /* the current (highest) version */
    int *version;    /* 0: no allocation yet */
    long *seen_line; /* line of the file that set this cell, 0 = none yet */
} MuniGrid;

typedef struct AllocImport {
    Store *s;
    CsvReader *r;
    ImportReport *rep;
    Arena a; /* lives as long as the import */
    Scheme scheme;
    Actielijn *actielijnen;
    size_t n_actielijnen;
    int al_min, al_max; /* numbers, for messages */
    size_t n_years;
    ImportColumn cols[AC_COUNT];
    ImportHeader h;
    ImportMap grids;      /* municipality code -> MuniGrid */
    ImportMap titles;     /* source title -> int64_t id */
    ImportMap source_ids; /* ids (as text) known to exist */
} AllocImport;

static int setup(AllocImport *im, const char *scheme_code, PokErr *err)
{
    if (!scheme_code) scheme_code = "POK";
    int found = store_scheme_get(im->s, scheme_code, &im->a, &im->scheme, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekende regeling '%s' (zie 'pok scheme list')", scheme_code);
    if (store_actielijn_list(im->s, im->scheme.id, &im->a, &im->actielijnen, &im->n_actielijnen,
                             err) != 0)
        return -1;
    im->al_min = INT_MAX;
    im->al_max = INT_MIN;
    for (size_t i = 0; i < im->n_actielijnen; i++) {
        if (im->actielijnen[i].number < im->al_min) im->al_min = im->actielijnen[i].number;
        if (im->actielijnen[i].number > im->al_max) im->al_max = im->actielijnen[i].number;
    }
    int span = im->scheme.last_year - im->scheme.first_year + 1;
    im->n_years = span > 0 ? (size_t)span : 0;

    /* Titles of existing sources; with equal titles the oldest (lowest id) is reused. */
    Source *sources;
    size_t n;
    if (store_source_list(im->s, NULL, &im->a, &sources, &n, err) != 0) return -1;
    for (size_t i = 0; i < n; i++) {
        if (!sources[i].title) continue;
        ImportMapEntry *e = import_map_find(&im->titles, sources[i].title);
        if (!e) {
            e = import_map_add(&im->titles, &im->a, sources[i].title);
            e->value = arena_alloc(&im->a, sizeof(int64_t));
            *(int64_t *)e->value = sources[i].id;
        } else if (sources[i].id < *(int64_t *)e->value) {
            *(int64_t *)e->value = sources[i].id;
        }
    }
    return 0;
}

static int grid_load(AllocImport *im, const char *code, MuniGrid **out, PokErr *err)
{
    ImportMapEntry *e = import_map_find(&im->grids, code);
    if (e) {
        *out = e->value;
        return 0;
    }
    Arena tmp = {0};
    MuniData d;
    int found = store_load(im->s, code, im->scheme.id, &tmp, &d, err);
    if (found <= 0) {
        arena_free(&tmp);
        if (found < 0) return import_wrap_error(im->r, err);
        return import_field_error(im->r, "municipality", err, "onbekende gemeente %s", code);
    }
    size_t cells = im->n_actielijnen * im->n_years;
    MuniGrid *g = arena_alloc(&im->a, sizeof *g);
    g->amount = arena_alloc(&im->a, cells * sizeof *g->amount);
    g->version = arena_alloc(&im->a, cells * sizeof *g->version);
    g->seen_line = arena_alloc(&im->a, cells * sizeof *g->seen_line);
    for (size_t i = 0; i < d.n_allocations; i++) {
        const Allocation *al = &d.allocations[i];
        if (al->year < im->scheme.first_year || al->year > im->scheme.last_year) continue;
        for (size_t k = 0; k < im->n_actielijnen; k++) {
            if (im->actielijnen[k].id != al->actielijn_id) continue;
            size_t cell = k * im->n_years + (size_t)(al->year - im->scheme.first_year);
            if (al->version > g->version[cell]) {
                g->version[cell] = al->version;
                g->amount[cell] = al->amount_cents;
            }
        }
    }
    arena_free(&tmp);
    e = import_map_add(&im->grids, &im->a, code);
    e->value = g;
    *out = g;
    return 0;
}

/* The source column: an existing source id, or a title (reused, else created). */
static int resolve_source(AllocImport *im, const char *text, int64_t *id, PokErr *err)
{
    if (!*text)
        return import_field_error(im->r, "source", err,
                                  "bron ontbreekt (verwacht het nummer van een bron of de titel "
                                  "van de circulaire)");
    if (strspn(text, "0123456789") == strlen(text)) {
        long long v;
        if (parse_int(text, 1, INT64_MAX, &v) != 0)
            return import_field_error(im->r, "source", err, "onbekende bron %s", text);
        if (import_map_find(&im->source_ids, text)) {
            *id = v;
            return 0;
        }
        Arena tmp = {0};
        Source src;
        int found = store_source_get(im->s, v, &tmp, &src, err);
        arena_free(&tmp);
        if (found < 0) return import_wrap_error(im->r, err);
        if (!found)
            return import_field_error(im->r, "source", err,
                                      "onbekende bron %lld (zie 'pok source list')", v);
        import_map_add(&im->source_ids, &im->a, text);
        *id = v;
        return 0;
    }
    ImportMapEntry *e = import_map_find(&im->titles, text);
    if (e) {
        *id = *(int64_t *)e->value;
        return 0;
    }
    Source src = {.kind = "circulaire", .title = text};
    src.note = arena_printf(&im->a, "aangemaakt bij het importeren van %s", csv_name(im->r));
    if (store_source_add(im->s, &src, err) != 0) return import_wrap_error(im->r, err);
    e = import_map_add(&im->titles, &im->a, text);
    e->value = arena_alloc(&im->a, sizeof(int64_t));
    *(int64_t *)e->value = src.id;
    im->rep->sources_created++;
    *id = src.id;
    return 0;
}

/* The fields of one row, checked. */
typedef struct AllocRow {
    char *code;
    size_t actielijn; /* index into im->actielijnen */
    int year;
    int64_t cents;
} AllocRow;

static int parse_row(AllocImport *im, Arena *row, AllocRow *out, PokErr *err)
{
    CsvReader *r = im->r;
    const char *scheme = im->scheme.code;
    out->code = import_field(r, &im->cols[AC_MUNI], row);
    if (!import_is_gm_code(out->code))
        return import_field_error(r, "municipality", err,
                                  "verwacht een CBS-code zoals GM1773, niet '%s'", out->code);

    const char *text = import_field(r, &im->cols[AC_ACTIELIJN], row);
    long long number;
    if (parse_int(text, INT_MIN, INT_MAX, &number) != 0)
        return import_field_error(r, "actielijn", err,
                                  "verwacht het nummer van een actielijn (%d tot en met %d), "
                                  "niet '%s'",
                                  im->al_min, im->al_max, text);
    size_t k = 0;
    while (k < im->n_actielijnen && im->actielijnen[k].number != number) k++;
    if (k == im->n_actielijnen)
        return import_field_error(r, "actielijn", err,
                                  "onbekende actielijn %lld (%s heeft %d tot en met %d)", number,
                                  scheme, im->al_min, im->al_max);
    out->actielijn = k;

    text = import_field(r, &im->cols[AC_YEAR], row);
    long long year;
    if (parse_int(text, 0, 9999, &year) != 0)
        return import_field_error(r, "year", err, "verwacht een jaartal zoals 2024, niet '%s'",
                                  text);
    if (year < im->scheme.first_year || year > im->scheme.last_year)
        return import_field_error(r, "year", err, "%lld valt buiten de looptijd van %s (%d-%d)",
                                  year, scheme, im->scheme.first_year, im->scheme.last_year);
    out->year = (int)year;

    text = import_field(r, &im->cols[AC_AMOUNT], row);
    const char *reason;
    if (money_parse(text, &out->cents, &reason) != 0)
        return import_field_error(r, "amount", err, "%s (gelezen: '%s')", reason, text);
    if (out->cents < 0)
        return import_field_error(r, "amount", err,
                                  "een toekenning kan niet negatief zijn (gelezen: '%s')", text);
    return 0;
}

static void record_change(ImportReport *rep, const char *code, int actielijn, int year,
                          int64_t old_cents, int64_t new_cents)
{
    rep->changes = arena_grow(&rep->arena, rep->changes, sizeof *rep->changes, &rep->cap_changes,
                              rep->n_changes + 1);
    rep->changes[rep->n_changes++] = (ImportChange){
        .municipality = arena_strdup(&rep->arena, code),
        .actielijn = actielijn,
        .year = year,
        .old_cents = old_cents,
        .new_cents = new_cents,
    };
}

static int import_row(AllocImport *im, Arena *row, PokErr *err)
{
    if (import_row_width(im->r, &im->h, err) != 0) return -1;
    AllocRow f;
    if (parse_row(im, row, &f, err) != 0) return -1;
    MuniGrid *g = NULL;
    if (grid_load(im, f.code, &g, err) != 0) return -1;
    const Actielijn *al = &im->actielijnen[f.actielijn];
    size_t cell = f.actielijn * im->n_years + (size_t)(f.year - im->scheme.first_year);
    if (g->seen_line[cell])
        return import_line_error(im->r, err, "%s actielijn %d %d staat al op regel %ld", f.code,
                                 al->number, f.year, g->seen_line[cell]);
    g->seen_line[cell] = csv_line(im->r);

    int64_t source_id = 0;
    if (resolve_source(im, import_field(im->r, &im->cols[AC_SOURCE], row), &source_id, err) != 0)
        return -1;
    if (g->version[cell] && g->amount[cell] == f.cents) {
        im->rep->unchanged++;
        return 0;
    }
    const char *place = import_field(im->r, &im->cols[AC_PLACE], row);
    Allocation alloc = {
        .municipality = f.code,
        .actielijn_id = al->id,
        .actielijn_number = al->number,
        .year = f.year,
        .amount_cents = f.cents,
        .cite = {.source_id = source_id, .place = *place ? place : NULL},
    };
    if (store_allocation_add(im->s, &alloc, err) != 0) return import_wrap_error(im->r, err);
    if (g->version[cell]) {
        im->rep->changed++;
        record_change(im->rep, f.code, al->number, f.year, g->amount[cell], f.cents);
    } else {
        im->rep->inserted++;
    }
    g->version[cell] = alloc.version ? alloc.version : g->version[cell] + 1;
    g->amount[cell] = f.cents;
    return 0;
}

static int import_rows(AllocImport *im, const char *scheme_code, PokErr *err)
{
    if (setup(im, scheme_code, err) != 0) return -1;
    ImportColumn cols[AC_COUNT] = {
        [AC_MUNI] = {"municipality", 1, -1}, [AC_ACTIELIJN] = {"actielijn", 1, -1},
        [AC_YEAR] = {"year", 1, -1},         [AC_AMOUNT] = {"amount", 1, -1},
        [AC_SOURCE] = {"source", 1, -1},     [AC_PLACE] = {"place", 0, -1},
    };
    memcpy(im->cols, cols, sizeof cols);
    if (import_header(im->r, im->cols, AC_COUNT, 0, ALLOCATION_COLUMNS, &im->a, &im->h, err) != 0)
        return -1;
    int got;
    while ((got = csv_next(im->r, err)) == 1) {
        if (import_row_blank(im->r)) continue;
        im->rep->rows++;
        Arena row = {0};
        int rc = import_row(im, &row, err);
        arena_free(&row);
        if (rc != 0) return -1;
    }
    return got;
}

int import_allocations_csv(Store *s, CsvReader *r, const char *scheme_code, int dry_run,
                           ImportReport *rep, PokErr *err)
{
    import_report_free(rep);
    if (store_begin(s, err) != 0) return -1;
    AllocImport im = {.s = s, .r = r, .rep = rep};
    int rc = import_rows(&im, scheme_code, err);
    import_map_free(&im.grids);
    import_map_free(&im.titles);
    import_map_free(&im.source_ids);
    arena_free(&im.a);
    return import_finish(s, rc, dry_run, rep, err);
}
