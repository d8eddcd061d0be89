/* import_allocations.c: allocation figures (municipality x actielijn x year) from a long
 * CSV file, one figure per line; import_figures.c stores them (new version or unchanged). */
#include "import_internal.h"

#include "../money.h"
#include "../store/store.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#define ALLOCATION_COLUMNS "municipality,actielijn,year,amount,source"

enum { AC_MUNI, AC_ACTIELIJN, AC_YEAR, AC_AMOUNT, AC_SOURCE, AC_PLACE, AC_COUNT };

typedef struct AllocImport {
    AllocTarget t;
    CsvReader *r;
    Arena a; /* lives as long as the import */
    ImportColumn cols[AC_COUNT];
    ImportHeader h;
} AllocImport;

/* The fields of one row, checked. */
typedef struct AllocRow {
    char *code;
    int actielijn; /* number */
    int year;
    int64_t cents;
} AllocRow;

static int parse_row(AllocImport *im, Arena *row, AllocRow *out, PokErr *err)
{
    CsvReader *r = im->r;
    const AllocTarget *t = &im->t;
    const char *scheme = t->scheme.code;
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
                                  t->al_min, t->al_max, text);
    size_t k = 0;
    while (k < t->n_actielijnen && t->actielijnen[k].number != number) k++;
    if (k == t->n_actielijnen)
        return import_field_error(r, "actielijn", err,
                                  "onbekende actielijn %lld (%s heeft %d tot en met %d)", number,
                                  scheme, t->al_min, t->al_max);
    out->actielijn = (int)number;

    text = import_field(r, &im->cols[AC_YEAR], row);
    long long year;
    if (parse_int(text, 0, 9999, &year) != 0)
        return import_field_error(r, "year", err, "verwacht een jaartal zoals 2024, niet '%s'",
                                  text);
    if (year < t->scheme.first_year || year > t->scheme.last_year)
        return import_field_error(r, "year", err, "%lld valt buiten de looptijd van %s (%d-%d)",
                                  year, scheme, t->scheme.first_year, t->scheme.last_year);
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

static int import_row(AllocImport *im, Arena *row, PokErr *err)
{
    if (import_row_width(im->r, &im->h, err) != 0) return -1;
    AllocRow f;
    if (parse_row(im, row, &f, err) != 0) return -1;
    AllocFigure fig = {
        .code = f.code,
        .actielijn = f.actielijn,
        .year = f.year,
        .cents = f.cents,
        .place = import_field(im->r, &im->cols[AC_PLACE], row),
        .line = csv_line(im->r),
    };
    const char *source = import_field(im->r, &im->cols[AC_SOURCE], row);
    if (alloc_target_source(&im->t, source, csv_name(im->r), &fig.source_id, err) != 0)
        return import_field_error(im->r, "source", err, "%s", err->msg);
    int bad;
    if (alloc_target_put(&im->t, &fig, &bad, err) == 0) return 0;
    if (bad == ALLOC_BAD_MUNICIPALITY)
        return import_field_error(im->r, "municipality", err, "%s", err->msg);
    return import_wrap_error(im->r, err);
}

static int alloc_row(void *im, Arena *row, PokErr *err)
{
    return import_row(im, row, err);
}

static int import_rows(AllocImport *im, const char *scheme_code, PokErr *err)
{
    if (alloc_target_setup(&im->t, im->t.s, scheme_code, im->t.rep, err) != 0) return -1;
    ImportColumn cols[AC_COUNT] = {
        [AC_MUNI] = {"municipality", 1, -1}, [AC_ACTIELIJN] = {"actielijn", 1, -1},
        [AC_YEAR] = {"year", 1, -1},         [AC_AMOUNT] = {"amount", 1, -1},
        [AC_SOURCE] = {"source", 1, -1},     [AC_PLACE] = {"place", 0, -1},
    };
    memcpy(im->cols, cols, sizeof cols);
    if (import_header(im->r, im->cols, AC_COUNT, 0, ALLOCATION_COLUMNS, &im->a, &im->h, err) != 0)
        return -1;
    return import_each_row(im->r, im->t.rep, alloc_row, im, err);
}

int import_allocations_csv(Store *s, CsvReader *r, const char *scheme_code, int dry_run,
                           ImportReport *rep, PokErr *err)
{
    import_report_free(rep);
    if (store_begin(s, err) != 0) return -1;
    AllocImport im = {.t = {.s = s, .rep = rep}, .r = r};
    int rc = import_rows(&im, scheme_code, err);
    alloc_target_free(&im.t);
    arena_free(&im.a);
    return import_finish(s, rc, dry_run, rep, err);
}
