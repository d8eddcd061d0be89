/* import_reference.c: CBS reference lists: municipalities (codes, names, provinces) and
 * inhabitants per municipality for one year. */
#include "../store/store.h"
#include "../store/store_reference.h"
#include "import_internal.h"

#include <string.h>
#include <strings.h>

static int same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* A code may appear once per file; a second time is an error naming the first line. */
static int check_once(const CsvReader *r, ImportMap *seen, Arena *a, const char *code, PokErr *err)
{
    ImportMapEntry *e = import_map_find(seen, code);
    if (e) return import_line_error(r, err, "gemeente %s staat al op regel %ld", code, e->line);
    import_map_add(seen, a, code)->line = csv_line(r);
    return 0;
}

/* ---- municipalities ---- */

enum { MC_CODE, MC_NAME, MC_PROVINCE, MC_COUNT };

/* The validity years a list of 1 January `year` implies for a code in it (year 0: the
 * list says nothing about validity). A code first seen in the list of year Y is valid
 * from Y unless an earlier list had it; a code listed again is not ended. */
static void listed_years(const Municipality *old, int year, Municipality *m)
{
    m->first_year = old ? old->first_year : 0;
    m->last_year = old ? old->last_year : 0;
    if (!year) return;
    if (!m->first_year || m->first_year > year) m->first_year = year;
    if (m->last_year && m->last_year < year) m->last_year = 0;
}

static int municipality_row(Store *s, CsvReader *r, const ImportColumn *cols, const ImportHeader *h,
                            int year, ImportMap *seen, Arena *a, Arena *row, ImportReport *rep,
                            PokErr *err)
{
    if (import_row_width(r, h, err) != 0) return -1;
    char *code = import_field(r, &cols[MC_CODE], row);
    if (!import_is_gm_code(code))
        return import_field_error(r, "gm_code", err,
                                  "verwacht een CBS-code zoals GM0363, niet '%s'", code);
    const char *name = import_field(r, &cols[MC_NAME], row);
    if (!*name) return import_field_error(r, "gm_naam", err, "naam van de gemeente ontbreekt");
    const char *province = import_field(r, &cols[MC_PROVINCE], row);
    if (!*province) province = NULL;
    if (check_once(r, seen, a, code, err) != 0) return -1;

    Municipality old;
    int found = store_municipality_get(s, code, row, &old, err);
    if (found < 0) return import_wrap_error(r, err);
    Municipality m = {.code = code, .name = name, .province = province};
    listed_years(found ? &old : NULL, year, &m);
    if (found && same_text(old.name, name) && same_text(old.province, province) &&
        old.first_year == m.first_year && old.last_year == m.last_year) {
        rep->unchanged++;
        return 0;
    }
    if (store_municipality_put(s, &m, err) != 0) return import_wrap_error(r, err);
    if (found)
        rep->changed++;
    else
        rep->inserted++;
    return 0;
}

/* Codes pok knows from an earlier list that this list of 1 January `year` lacks: merged
 * into another municipality, so their last year is the one before. */
static int end_absent(Store *s, int year, const ImportMap *seen, Arena *a, ImportReport *rep,
                      PokErr *err)
{
    Municipality *all;
    size_t n;
    if (store_municipality_list(s, NULL, a, &all, &n, err) != 0) return -1;
    for (size_t i = 0; i < n; i++) {
        Municipality m = all[i];
        if (import_map_find(seen, m.code)) continue;
        if (!m.first_year || m.first_year >= year) continue; /* never listed, or newer */
        if (m.last_year && m.last_year < year) continue;     /* already ended */
        m.last_year = year - 1;
        if (store_municipality_put(s, &m, err) != 0) return -1;
        rep->changed++;
        const char *note =
            arena_printf(&rep->arena, "%s %s: opgeheven per 1 januari %d", m.code, m.name, year);
        rep->notes = arena_grow(&rep->arena, rep->notes, sizeof *rep->notes, &rep->cap_notes,
                                rep->n_notes + 1);
        rep->notes[rep->n_notes++] = note;
    }
    return 0;
}

typedef struct MuniRows {
    Store *s;
    CsvReader *r;
    const ImportColumn *cols;
    const ImportHeader *h;
    int year;
    ImportMap *seen;
    Arena *a;
    ImportReport *rep;
} MuniRows;

static int municipality_row_cb(void *ctx, Arena *row, PokErr *err)
{
    MuniRows *m = ctx;
    return municipality_row(m->s, m->r, m->cols, m->h, m->year, m->seen, m->a, row, m->rep, err);
}

static int municipality_rows(Store *s, CsvReader *r, int year, Arena *a, ImportMap *seen,
                             ImportReport *rep, PokErr *err)
{
    if (year && (year < 1800 || year > 2200))
        return err_set(err, "%d is geen geldig jaartal voor een gemeentelijst", year);
    ImportColumn cols[MC_COUNT] = {
        [MC_CODE] = {"gm_code", 1, -1},
        [MC_NAME] = {"gm_naam", 1, -1},
        [MC_PROVINCE] = {"provincie", 1, -1},
    };
    ImportHeader h;
    if (import_header(r, cols, MC_COUNT, 1, "gm_code,gm_naam,provincie", a, &h, err) != 0)
        return -1;
    MuniRows ctx = {s, r, cols, &h, year, seen, a, rep};
    int got = import_each_row(r, rep, municipality_row_cb, &ctx, err);
    if (got == 0 && year && seen->n == 0)
        return err_set(err,
                       "%s bevat geen gemeenten: met --year zou elke gemeente opgeheven "
                       "worden",
                       csv_name(r));
    if (got == 0 && year) return end_absent(s, year, seen, a, rep, err);
    return got;
}

int import_municipalities_csv(Store *s, CsvReader *r, int dry_run, ImportReport *rep, PokErr *err)
{
    return import_municipalities_year_csv(s, r, 0, dry_run, rep, err);
}

int import_municipalities_year_csv(Store *s, CsvReader *r, int year, int dry_run, ImportReport *rep,
                                   PokErr *err)
{
    import_report_free(rep);
    if (store_begin(s, err) != 0) return -1;
    Arena a = {0};
    ImportMap seen = {0};
    int rc = municipality_rows(s, r, year, &a, &seen, rep, err);
    import_map_free(&seen);
    arena_free(&a);
    return import_finish(s, rc, dry_run, rep, err);
}

/* ---- inhabitants ---- */

enum { IC_CODE, IC_NAME, IC_PROVINCE, IC_NUMBER, IC_COUNT };

/* Whole number of inhabitants: digits, optionally grouped with dots ("12.345"). */
static int parse_count(const char *text, int64_t *out)
{
    char digits[32];
    size_t n = 0, group = 0;
    int dots = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '.') {
            if (group == 0 || (dots && group != 3) || (!dots && group > 3)) return -1;
            dots = 1;
            group = 0;
            continue;
        }
        if (*p < '0' || *p > '9' || n + 1 >= sizeof digits) return -1;
        digits[n++] = *p;
        group++;
    }
    if (n == 0 || (dots && group != 3)) return -1;
    digits[n] = '\0';
    long long v;
    if (parse_int(digits, 0, 1000000000LL, &v) != 0) return -1;
    *out = v;
    return 0;
}

typedef struct InhabitantsJob {
    const char *count_name; /* the count column as the header spells it */
    int year;
    int64_t source_id;
} InhabitantsJob;

/* The municipality of a row, created from the row when unknown. */
static int ensure_municipality(Store *s, CsvReader *r, const ImportColumn *cols, const char *code,
                               Arena *row, ImportReport *rep, PokErr *err)
{
    Municipality m;
    int found = store_municipality_get(s, code, row, &m, err);
    if (found < 0) return import_wrap_error(r, err);
    if (found) return 0;
    m = (Municipality){.code = code};
    m.name = import_field(r, &cols[IC_NAME], row);
    if (!*m.name) m.name = code; /* some source rows have no name: never invent one */
    m.province = import_field(r, &cols[IC_PROVINCE], row);
    if (!*m.province) m.province = NULL;
    if (store_municipality_put(s, &m, err) != 0) return import_wrap_error(r, err);
    rep->municipalities_created++;
    return 0;
}

static int inhabitants_row(Store *s, CsvReader *r, const ImportColumn *cols, const ImportHeader *h,
                           const InhabitantsJob *job, ImportMap *seen, Arena *a, Arena *row,
                           ImportReport *rep, PokErr *err)
{
    if (import_row_width(r, h, err) != 0) return -1;
    char *code = import_field(r, &cols[IC_CODE], row);
    if (!import_is_gm_code(code))
        return import_field_error(r, "gm_code", err,
                                  "verwacht een CBS-code zoals GM0363, niet '%s'", code);
    const char *count_text = import_field(r, &cols[IC_NUMBER], row);
    int64_t count;
    if (parse_count(count_text, &count) != 0)
        return import_field_error(r, job->count_name, err,
                                  "verwacht een aantal inwoners (een heel getal zoals 12345), "
                                  "niet '%s'",
                                  count_text);
    if (check_once(r, seen, a, code, err) != 0) return -1;
    if (ensure_municipality(s, r, cols, code, row, rep, err) != 0) return -1;

    Inhabitants *list;
    size_t n;
    if (store_inhabitants_list(s, code, row, &list, &n, err) != 0) return import_wrap_error(r, err);
    const Inhabitants *old = NULL;
    for (size_t i = 0; i < n && !old; i++)
        if (list[i].year == job->year) old = &list[i];
    if (old && old->count == count && old->source_id == job->source_id) {
        rep->unchanged++;
        return 0;
    }
    Inhabitants inh = {
        .municipality = code, .year = job->year, .count = count, .source_id = job->source_id};
    if (store_inhabitants_put(s, &inh, err) != 0) return import_wrap_error(r, err);
    if (old)
        rep->changed++;
    else
        rep->inserted++;
    return 0;
}

/* Map the header; the count column is the named one, or else the last. */
static int inhabitants_header(CsvReader *r, ImportColumn *cols, const char *count_column, Arena *a,
                              ImportHeader *h, InhabitantsJob *job, PokErr *err)
{
    const char *expected = count_column ? arena_printf(a, "gm_code en %s", count_column)
                                        : "gm_code en een kolom met aantallen";
    for (int c = IC_CODE; c < IC_NUMBER; c++)
        if (count_column && strcasecmp(count_column, cols[c].name) == 0)
            return err_set(err, "%s: kolom '%s' bevat geen aantallen inwoners", csv_name(r),
                           count_column);
    cols[IC_NUMBER].name = count_column ? count_column : "";
    cols[IC_NUMBER].required = count_column != NULL;
    if (import_header(r, cols, count_column ? IC_COUNT : IC_NUMBER, 1, expected, a, h, err) != 0)
        return -1;
    if (!count_column) {
        cols[IC_NUMBER].index = (long)h->n - 1;
        for (int c = IC_CODE; c < IC_NUMBER; c++)
            if (cols[c].index == cols[IC_NUMBER].index)
                return import_line_error(r, err,
                                         "de laatste kolom '%s' bevat geen aantallen inwoners "
                                         "(noem de kolom met aantallen)",
                                         h->names[h->n - 1]);
    }
    job->count_name = h->names[cols[IC_NUMBER].index];
    return 0;
}

typedef struct InhabitantsRows {
    Store *s;
    CsvReader *r;
    const ImportColumn *cols;
    const ImportHeader *h;
    const InhabitantsJob *job;
    ImportMap *seen;
    Arena *a;
    ImportReport *rep;
} InhabitantsRows;

static int inhabitants_row_cb(void *ctx, Arena *row, PokErr *err)
{
    InhabitantsRows *m = ctx;
    return inhabitants_row(m->s, m->r, m->cols, m->h, m->job, m->seen, m->a, row, m->rep, err);
}

static int inhabitants_rows(Store *s, CsvReader *r, const char *count_column, InhabitantsJob *job,
                            Arena *a, ImportMap *seen, ImportReport *rep, PokErr *err)
{
    if (job->year < 1800 || job->year > 2200)
        return err_set(err, "%d is geen geldig jaartal voor inwonertallen", job->year);
    if (job->source_id) {
        Source src;
        int found = store_source_get(s, job->source_id, a, &src, err);
        if (found < 0) return -1;
        if (!found)
            return err_set(err, "onbekende bron %lld (zie 'pok source list')",
                           (long long)job->source_id);
    }
    ImportColumn cols[IC_COUNT] = {
        [IC_CODE] = {"gm_code", 1, -1},
        [IC_NAME] = {"gm_naam", 0, -1},
        [IC_PROVINCE] = {"provincie", 0, -1},
        [IC_NUMBER] = {"", 0, -1},
    };
    ImportHeader h;
    if (inhabitants_header(r, cols, count_column, a, &h, job, err) != 0) return -1;
    InhabitantsRows ctx = {s, r, cols, &h, job, seen, a, rep};
    return import_each_row(r, rep, inhabitants_row_cb, &ctx, err);
}

int import_inhabitants_csv(Store *s, CsvReader *r, const char *count_column, int year,
                           int64_t source_id, int dry_run, ImportReport *rep, PokErr *err)
{
    import_report_free(rep);
    if (store_begin(s, err) != 0) return -1;
    Arena a = {0};
    ImportMap seen = {0};
    InhabitantsJob job = {.year = year, .source_id = source_id};
    int rc = inhabitants_rows(s, r, count_column, &job, &a, &seen, rep, err);
    import_map_free(&seen);
    arena_free(&a);
    return import_finish(s, rc, dry_run, rep, err);
}
