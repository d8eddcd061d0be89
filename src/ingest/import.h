/* import.h: CSV imports of allocations and reference data. Each import is one
 * transaction: any bad line aborts it with a message naming file, line and field, and
 * nothing is written. A dry run does all the work and then rolls back. */
#ifndef POK_IMPORT_H
#define POK_IMPORT_H

#include "../store/store.h"
#include "../util.h"
#include "csv.h"

/* One allocation whose amount differs from the current version. */
typedef struct ImportChange {
    const char *municipality;
    int actielijn; /* number within the scheme */
    int year;
    int64_t old_cents, new_cents;
} ImportChange;

/* What an import did (or, in a dry run, would have done). */
typedef struct ImportReport {
    size_t rows;                   /* data records read (header and blank lines not counted) */
    size_t inserted;               /* new: no earlier record */
    size_t changed;                /* a new version (allocations) or an update */
    size_t unchanged;              /* equal to what the store holds: nothing written */
    size_t municipalities_created; /* inhabitants: codes unknown until now */
    size_t sources_created;        /* allocations: sources created from a title */
    ImportChange *changes;         /* allocations only, in file order */
    size_t n_changes, cap_changes;
    size_t skipped;     /* circulaire: rows skipped (--skip-unknown) */
    const char **notes; /* lines to show: skipped rows, municipalities ended */
    size_t n_notes, cap_notes;
    Arena arena; /* owns changes and their strings */
} ImportReport;

/* Free what a report holds; it may be reused afterwards. Every import starts by
 * freeing the report it is given, so it must be zeroed ({0}) before its first use. */
void import_report_free(ImportReport *rep);

/* Allocations: header naming municipality,actielijn,year,amount,source in any order
 * (case-insensitive), optionally place; ',' or ';' detected. amount in Dutch notation;
 * source is a source id, or a title (reused when a source has exactly that title, else
 * created as kind "circulaire"). scheme_code NULL means POK. A figure equal to the
 * current version is left alone; a different one becomes the next version. */
int import_allocations(Store *s, const char *path, const char *scheme_code, int dry_run,
                       ImportReport *rep, PokErr *err);
int import_allocations_mem(Store *s, const char *name, const char *text, size_t len,
                           const char *scheme_code, int dry_run, ImportReport *rep, PokErr *err);

/* Municipalities in CBS format: gm_code,gm_naam,provincie[,jaar,...]; new codes are
 * inserted, a changed name or province updated. */
int import_municipalities(Store *s, const char *path, int dry_run, ImportReport *rep, PokErr *err);
int import_municipalities_mem(Store *s, const char *name, const char *text, size_t len, int dry_run,
                              ImportReport *rep, PokErr *err);

/* The same for the CBS list of 1 January `year` (0: as above): its codes are valid in
 * year (a code first seen valid from year unless an earlier list had it), and codes an
 * earlier list had but this one lacks end in year-1 (merged away; rep->notes names them).
 * Import the lists oldest first. */
int import_municipalities_year(Store *s, const char *path, int year, int dry_run, ImportReport *rep,
                               PokErr *err);

/* Inhabitants of `year`: gm_code, optionally gm_naam and provincie, and a count column
 * (count_column, or the last column when NULL). source_id 0 = no source. A code not yet
 * known is created from the file's name and province (the code itself when the name is
 * empty), so that old codes merged later still import. */
int import_inhabitants(Store *s, const char *path, const char *count_column, int year,
                       int64_t source_id, int dry_run, ImportReport *rep, PokErr *err);
int import_inhabitants_mem(Store *s, const char *name, const char *text, size_t len,
                           const char *count_column, int year, int64_t source_id, int dry_run,
                           ImportReport *rep, PokErr *err);

/* A column of a wide circulaire table: which actielijn and year its amounts are. */
typedef struct CirculaireMap {
    const char *column; /* header text, or a column letter ("D") */
    int actielijn;      /* number; 0 = the scheme as a whole ("totaal") */
    int year;
} CirculaireMap;

/* "D=1:2024", "Rechtsbescherming 2025=2:2025", "E=totaal:2024" (the last '=' splits);
 * the column text is copied into a. */
int circulaire_map_parse(const char *spec, Arena *a, CirculaireMap *out, PokErr *err);

typedef struct CirculaireJob {
    const char *code_column;   /* header text or letter of the municipality codes */
    const CirculaireMap *maps; /* the amount columns */
    size_t n_maps;
    const char *source;      /* source id, or title of the circulaire (created if new) */
    const char *sheet;       /* xlsx/ods: worksheet name or number; NULL = the first */
    long header_row;         /* 0: the first row holding a header text of the mapping */
    const char *scheme_code; /* NULL = POK */
    int unit_scale10;        /* 0: euros; 3: the table is in thousands of euros */
    int skip_unknown;        /* report and skip rows of unknown or ended municipalities */
    int dry_run;
} CirculaireJob;

/* A wide circulaire table (one row per municipality) from .csv, .xlsx or .ods (told
 * apart by content). Rows without a municipality code (titles, totals, notes) are
 * skipped; every figure goes through the same versioning as import_allocations. */
int import_circulaire(Store *s, const char *path, const CirculaireJob *job, ImportReport *rep,
                      PokErr *err);
int import_circulaire_mem(Store *s, const char *name, const void *data, size_t len,
                          const CirculaireJob *job, ImportReport *rep, PokErr *err);

/* The same, on an open reader (the functions above open one and call these). */
int import_allocations_csv(Store *s, CsvReader *r, const char *scheme_code, int dry_run,
                           ImportReport *rep, PokErr *err);
int import_municipalities_csv(Store *s, CsvReader *r, int dry_run, ImportReport *rep, PokErr *err);
int import_municipalities_year_csv(Store *s, CsvReader *r, int year, int dry_run, ImportReport *rep,
                                   PokErr *err);
int import_inhabitants_csv(Store *s, CsvReader *r, const char *count_column, int year,
                           int64_t source_id, int dry_run, ImportReport *rep, PokErr *err);

#endif
