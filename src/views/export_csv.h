/* export_csv.h: every table of pok as CSV, for `pok export csv` and the Fiscal Data
 * Package. The tables are data (name, columns with types, keys): a table of records takes
 * its columns from the record kind's field table (record.h), a computed one lists them
 * here, so that the CSV header, its rows and the datapackage.json schema come from one
 * definition and cannot drift apart.
 *
 * CSV: one header line, comma separated, RFC 4180 quoting, "\n" line ends (as `pok
 * coverage --format csv`), UTF-8. Amounts are whole cents in *_cents columns (integers,
 * like the JSON contract); booleans 1/0; dates YYYY-MM-DD; an absent value is empty. */
#ifndef POK_EXPORT_CSV_H
#define POK_EXPORT_CSV_H

#include "../engine/engine.h"
#include "../record.h"

/* One column. type is a Frictionless Table Schema type: integer, string, date, boolean. */
typedef struct ExportField {
    const char *name;
    const char *type;
    const char *description; /* Dutch */
} ExportField;

/* A foreign key: field refers to ref_table.ref_field (both single fields). */
typedef struct ExportForeignKey {
    const char *field, *ref_table, *ref_field;
} ExportForeignKey;

/* Everything of one municipality the tables are written from. */
typedef struct ExportMuni {
    const MuniData *d;
    const Coverage *c;
    const Finding *findings;
    size_t n_findings;
    const Inhabitants *inhabitants;
    size_t n_inhabitants;
    const Source *sources; /* national ones plus the municipality's own */
    size_t n_sources;
} ExportMuni;

typedef struct ExportSet ExportSet;

typedef struct ExportTable {
    const char *name; /* file name without ".csv", also the resource name */
    const char *title;
    const RecordKind *kind;    /* a table of records: the kind's CSV columns */
    const ExportField *fields; /* a computed table: its columns */
    size_t n_fields;
    const char *primary_key[4]; /* NULL terminated; empty: none */
    const ExportForeignKey *foreign_keys;
    size_t n_foreign_keys;
    /* The rows of one municipality; NULL: every record of the MuniData array at offset
     * list (with its count at offset count). */
    void (*rows)(ExportSet *s, size_t table, const ExportMuni *m);
    size_t list, count;
} ExportTable;

extern const ExportTable export_tables[];
extern const size_t export_n_tables;

/* The columns of t into out (room for EXPORT_MAX_COLUMNS); returns how many. */
#define EXPORT_MAX_COLUMNS 32
size_t export_columns(const ExportTable *t, ExportField *out);

/* The CSV text of every table, filled municipality by municipality. */
struct ExportSet {
    Buf *csv; /* export_n_tables buffers, each starting with its header */
    size_t n_munis;
    int64_t *source_ids; /* sources already written (national ones repeat) */
    size_t n_source_ids, cap_source_ids;
    size_t *fields_in_row; /* per table: fields written in the current row */
    size_t *n_columns;     /* per table: its columns (export_columns) */
};

void export_set_init(ExportSet *s);
/* Append the rows of m to every table. */
void export_set_add(ExportSet *s, const ExportMuni *m);
void export_set_free(ExportSet *s);

#endif
