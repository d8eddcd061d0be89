/* export_csv.h: every table of pok as CSV, for `pok export csv` and the Fiscal Data
 * Package. The tables are data (name, fields with types, keys), so that the CSV header
 * and the datapackage.json schema come from one definition and cannot drift apart.
 *
 * CSV: one header line, comma separated, RFC 4180 quoting, "\n" line ends (as `pok
 * coverage --format csv`), UTF-8. Amounts are whole cents in *_cents columns (integers,
 * like the JSON contract); booleans 1/0; dates YYYY-MM-DD; an absent value is empty. */
#ifndef POK_EXPORT_CSV_H
#define POK_EXPORT_CSV_H

#include "../engine/engine.h"

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
    const ExportField *fields;
    size_t n_fields;
    const char *primary_key[4]; /* NULL terminated; empty: none */
    const ExportForeignKey *foreign_keys;
    size_t n_foreign_keys;
    void (*rows)(ExportSet *s, size_t table, const ExportMuni *m);
} ExportTable;

extern const ExportTable export_tables[];
extern const size_t export_n_tables;

/* The CSV text of every table, filled municipality by municipality. */
struct ExportSet {
    Buf *csv; /* export_n_tables buffers, each starting with its header */
    size_t n_munis;
    int64_t *source_ids; /* sources already written (national ones repeat) */
    size_t n_source_ids, cap_source_ids;
    size_t *fields_in_row; /* per table: fields written in the current row */
};

void export_set_init(ExportSet *s);
/* Append the rows of m to every table. */
void export_set_add(ExportSet *s, const ExportMuni *m);
void export_set_free(ExportSet *s);

#endif
