/* export_datapackage.h: datapackage.json for the CSV tables of export_csv.h: a
 * Frictionless Tabular Data Package with a Fiscal Data Package (0.3) "model" section, so
 * the figures can be published as open data. */
#ifndef POK_EXPORT_DATAPACKAGE_H
#define POK_EXPORT_DATAPACKAGE_H

#include "../model.h"

#include <jansson.h>

#include "export_csv.h"

/* codes: the municipalities in the package; sharing: per code the level it chose for the
 * national monitor ("cijfers"), NULL where it chose none, written as "delen" (pok harvest
 * reads it); generated: per code 1 when its figures are generated (pok demo
 * --synthetic-national), written as "gegenereerd", the codes, only when any is; created:
 * ISO date; tables: the CSV text of the tables, whose size and SHA-256
 * each resource lists ("bytes", "hash": "sha256:..."). Caller owns the result. */
json_t *export_datapackage(const Scheme *scheme, const char *const *codes,
                           const char *const *sharing, const int *generated, size_t n_codes,
                           const char *created, const ExportSet *tables);

/* The parts, for other packages (national_export.c): a tabular resource of CSV columns
 * (primary_key NULL terminated, or NULL; csv the table's text, for its size and hash, or
 * NULL), a measure in euro cents, a dimension keyed by key (labelled by label, or NULL). */
struct ExportField;
json_t *datapackage_resource(const char *name, const char *title, const struct ExportField *columns,
                             size_t n, const char *const *primary_key, const Buf *csv);
json_t *datapackage_measure(const char *resource_name, const char *field, const char *title);
json_t *datapackage_dimension(const char *resource_name, const char *key, const char *label,
                              const char *type);

#endif
