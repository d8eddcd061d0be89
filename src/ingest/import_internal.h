/* import_internal.h: what the import files share: header mapping, field errors naming
 * file, line and field, a small string map, and the one-transaction wrapper. */
#ifndef POK_IMPORT_INTERNAL_H
#define POK_IMPORT_INTERNAL_H

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

#endif
