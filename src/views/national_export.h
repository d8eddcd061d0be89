/* national_export.h: the national monitor as open data: its tables as CSV (whole cents in
 * *_cents columns, shares in basis points in *_bp columns, a figure of a group too small to
 * show left empty) and as a Fiscal Data Package (national_export.c, docs/monitor.md). The
 * tables are data: one definition gives the CSV header, its rows and the schema. */
#ifndef POK_NATIONAL_EXPORT_H
#define POK_NATIONAL_EXPORT_H

#include "export_csv.h"
#include "national_data.h"

#include <jansson.h>

typedef struct NationalTable {
    const char *name; /* file name without ".csv", also the resource name */
    const char *title;
    const ExportField *fields;
    size_t n_fields;
    void (*rows)(const NationalData *nd, Buf *b);
} NationalTable;

extern const NationalTable national_tables[];
extern const size_t national_n_tables;

/* The table by name; NULL when there is none. */
const NationalTable *national_table(const char *name);
/* The CSV of one table, header first. */
void national_csv(const NationalData *nd, const NationalTable *t, Buf *out);
/* datapackage.json for the tables (created: ISO date). Caller owns it. */
json_t *national_datapackage(const NationalData *nd, const char *created);

#endif
