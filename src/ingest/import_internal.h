/* import_internal.h: what the import files share: header mapping, field errors naming
 * file, line and field, a small string map, and the one-transaction wrapper. */
#ifndef POK_IMPORT_INTERNAL_H
#define POK_IMPORT_INTERNAL_H

#include "../model.h"
#include "import.h"

/* A column an import knows; index is filled by import_header (-1 when absent). */
typedef struct ImportColumn {
    const char *name;
    int required;
    long index;
} ImportColumn;

/* The header as written: names trimmed, and joined with ',' for messages. */
typedef struct ImportHeader {
    char **names;
    size_t n;
    const char *joined;
} ImportHeader;

/* Read the header and map cols onto it (case-insensitive, spaces trimmed). Columns with
 * an empty name are ignored, as are unknown ones when ignore_unknown is set; otherwise an
 * unknown name is an error. A repeated known name is always an error. expected names
 * the columns in messages ("municipality,actielijn,year,amount,source"). */
int import_header(CsvReader *r, ImportColumn *cols, size_t n_cols, int ignore_unknown,
                  const char *expected, Arena *a, ImportHeader *h, PokErr *err);

/* Call row(ctx, scratch, err) for every record after the header that is not blank,
 * counting them in rep->rows, each with a scratch arena freed after it, and showing a
 * progress line while reading a file on a terminal. Returns 0 at the end of the input,
 * -1 on the first failure (of the reader or of row). */
typedef int (*ImportRowFn)(void *ctx, Arena *row, PokErr *err);
int import_each_row(CsvReader *r, ImportReport *rep, ImportRowFn row, void *ctx, PokErr *err);

/* 1 when every field of the current record is empty or spaces (Excel's ";;;;" lines). */
int import_row_blank(const CsvReader *r);

/* The current record has the header's number of fields, else an error. */
int import_row_width(const CsvReader *r, const ImportHeader *h, PokErr *err);

/* The field of column col, trimmed, copied into a; "" when the column is absent. */
char *import_field(const CsvReader *r, const ImportColumn *col, Arena *a);

/* "NAME, regel N: ..." and "NAME, regel N, veld 'F': ..."; return -1. */
int import_line_error(const CsvReader *r, PokErr *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int import_field_error(const CsvReader *r, const char *field, PokErr *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Prefix a message from a lower layer (the store) with "NAME, regel N: "; returns -1. */
int import_wrap_error(const CsvReader *r, PokErr *err);

/* End the import's transaction: commit when rc is 0 and this is no dry run, else roll
 * back (and empty the report: nothing was done). Returns rc, or -1 when the commit
 * fails. */
int import_finish(Store *s, int rc, int dry_run, ImportReport *rep, PokErr *err);

/* Strings to a line number and a pointer, e.g. codes already seen in the file. */
typedef struct ImportMapEntry {
    const char *key;
    long line;
    void *value;
} ImportMapEntry;

typedef struct ImportMap {
    ImportMapEntry *slots;
    size_t cap, n;
} ImportMap;

ImportMapEntry *import_map_find(const ImportMap *m, const char *key);
/* Add key (copied into a); the key must not be present yet. */
ImportMapEntry *import_map_add(ImportMap *m, Arena *a, const char *key);
void import_map_free(ImportMap *m);

/* CBS municipality code: "GM" and four digits; "gm" is upper-cased in place. */
int import_is_gm_code(char *code);

/* ---- allocation figures: what the long CSV and the wide circulaire table share ---- */

/* The figures the store holds for one municipality: a grid of actielijn x year (the last
 * row is actielijn 0, a figure for the scheme as a whole). */
typedef struct MuniGrid {
    int64_t *amount; /* the current (highest) version */
    int *version;    /* 0: no allocation yet */
    long *seen_line; /* line or row of the file that set this cell, 0 = none yet */
    Municipality muni;
} MuniGrid;

typedef struct AllocTarget {
    Store *s;
    ImportReport *rep;
    Arena a; /* lives as long as the import */
    Scheme scheme;
    Actielijn *actielijnen;
    size_t n_actielijnen;
    int al_min, al_max; /* numbers, for messages */
    size_t n_years;
    ImportMap grids;       /* municipality code -> MuniGrid */
    ImportMap titles;      /* source title -> int64_t id */
    ImportMap source_ids;  /* ids (as text) known to exist */
    const char *line_word; /* "regel" (CSV) or "rij" (spreadsheet), for messages */
} AllocTarget;

/* One figure to store. */
typedef struct AllocFigure {
    const char *code;
    int actielijn; /* number within the scheme; 0 = the scheme as a whole */
    int year;
    int64_t cents;
    int64_t source_id;
    const char *place; /* NULL or where in the source */
    long line;         /* of the file, for "staat al op regel N" */
} AllocFigure;

/* Which part of the input a message from the functions below is about. */
enum { ALLOC_BAD_LINE, ALLOC_BAD_MUNICIPALITY, ALLOC_BAD_SOURCE };

/* Load the scheme (NULL: POK), its actielijnen and the titles of existing sources. */
int alloc_target_setup(AllocTarget *t, Store *s, const char *scheme_code, ImportReport *rep,
                       PokErr *err);
void alloc_target_free(AllocTarget *t);
/* The grid of code: 1 found, 0 unknown municipality (err says so), -1 error. */
int alloc_target_grid(AllocTarget *t, const char *code, MuniGrid **out, PokErr *err);
/* A source id, or a title (reused, else created as a circulaire noting file_name).
 * Messages carry no position: the caller prefixes them. */
int alloc_target_source(AllocTarget *t, const char *text, const char *file_name, int64_t *id,
                        PokErr *err);
/* Store f unless equal to the current version; count it in the report and list a change.
 * On error *bad says what the (unprefixed) message is about. */
int alloc_target_put(AllocTarget *t, const AllocFigure *f, int *bad, PokErr *err);

#endif
