/* ledger.h: general-ledger (grootboek) exports: reading and checking every line, the
 * import of bookings on mapped cost centres into the store with the realised amounts
 * derived from them, and sums per cost centre and year straight from a file. */
#ifndef POK_LEDGER_H
#define POK_LEDGER_H

#include "../store/store_ledger.h"
#include "../util.h"
#include "csv.h"

/* The column a booking is mapped on unless --key-column names another. */
#define LEDGER_DEFAULT_KEY "kostenplaats"
/* The columns of a typical export, for messages. */
#define LEDGER_COLUMNS                                                                             \
    "boekdatum;boekjaar;periode;grootboekrekening;kostenplaats;taakveld;bedrag;omschrijving;"      \
    "documentnummer"

/* One line of a ledger export, checked. Texts point into the reader's record (valid
 * until the next line) and are trimmed; absent columns give "". */
typedef struct LedgerLine {
    const char *key; /* the mapping column: kostenplaats, or --key-column */
    const char *date, *account, *cost_centre, *taakveld, *description, *document;
    int year, period;
    int64_t amount_cents;
} LedgerLine;

typedef struct LedgerReader LedgerReader;

/* Open a file (or text in memory, for tests), read and check the header. key_column NULL
 * means kostenplaats. Fails with a clear message when the file is not CSV, or a required
 * column (bedrag, the key column, boekjaar or boekdatum) is missing. */
LedgerReader *ledger_open(const char *path, const char *key_column, PokErr *err);
LedgerReader *ledger_open_mem(const char *name, const char *text, size_t len,
                              const char *key_column, PokErr *err);
void ledger_close(LedgerReader *lr);
/* The next line: 1 read, 0 end, -1 error naming file, line, column and what was expected
 * ("grootboek.csv, regel 700001, kolom 'bedrag': verwacht een bedrag zoals 1.234,56,
 * niet '12x,5'"). */
int ledger_next(LedgerReader *lr, LedgerLine *line, PokErr *err);
CsvReader *ledger_csv(LedgerReader *lr);
const char *ledger_key_name(const LedgerReader *lr);
/* Lines read so far and bytes consumed (for progress). */
int64_t ledger_lines(const LedgerReader *lr);

/* ---- the import ---- */

typedef struct LedgerOptions {
    const char *municipality;
    const char *mapping_path; /* CSV kostenplaats,maatregel; NULL: the measures' own codes */
    const char *key_column;   /* NULL: kostenplaats */
    int strict;               /* a line on no measure is an error */
    int dry_run;              /* do everything, then roll back */
    int progress;             /* a progress line when stderr is a terminal */
} LedgerOptions;

/* A realised amount the import set (or, in a dry run, would set). */
typedef struct LedgerChange {
    int64_t measure_id;
    const char *measure_name;
    int year;
    int had_old;
    int64_t old_cents, new_cents;
    int64_t bookings_new, bookings; /* added now; all stored for the measure-year */
} LedgerChange;

/* A measure whose codes the mapping file changed. */
typedef struct LedgerMappingChange {
    int64_t measure_id;
    const char *measure_name, *old_codes, *new_codes;
} LedgerMappingChange;

/* Lines on a code mapped to no measure: counted and summed, not stored. */
typedef struct LedgerUnmapped {
    const char *code;
    int64_t lines, cents;
} LedgerUnmapped;

typedef struct LedgerReport {
    LedgerImport imp; /* counts, and the ids of the import and its source */
    LedgerChange *changes;
    size_t n_changes;
    LedgerMappingChange *mapping;
    size_t n_mapping;
    LedgerUnmapped *unmapped; /* most lines first */
    size_t n_unmapped;
    int unmapped_capped; /* more distinct codes than are kept apart: the rest as "overige" */
    Arena arena;
} LedgerReport;

/* Import the bookings of path for o->municipality in one transaction; nothing is kept
 * when any line is wrong. The report says what was (or would be) done. */
int ledger_import(Store *s, const char *path, const LedgerOptions *o, LedgerReport *rep,
                  PokErr *err);
int ledger_import_mem(Store *s, const char *name, const char *text, size_t len,
                      const LedgerOptions *o, LedgerReport *rep, PokErr *err);
void ledger_report_free(LedgerReport *rep);

/* ---- sums straight from a file (no database): the finance department's check ---- */

typedef struct LedgerSum {
    const char *key;
    int year;
    int64_t lines, cents;
} LedgerSum;

/* Every line checked as for an import, summed per key and year, sorted by key, year. */
int ledger_totals(const char *path, const char *key_column, int progress, Arena *a, LedgerSum **out,
                  size_t *n, PokErr *err);

#endif
