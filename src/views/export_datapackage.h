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
 * reads it); created: ISO date; tables: the CSV text of the tables, whose size and SHA-256
 * each resource lists ("bytes", "hash": "sha256:..."). Caller owns the result. */
json_t *export_datapackage(const Scheme *scheme, const char *const *codes,
                           const char *const *sharing, size_t n_codes, const char *created,
                           const ExportSet *tables);

#endif
