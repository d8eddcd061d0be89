/* export_datapackage.h: datapackage.json for the CSV tables of export_csv.h: a
 * Frictionless Tabular Data Package with a Fiscal Data Package (0.3) "model" section, so
 * the figures can be published as open data. */
#ifndef POK_EXPORT_DATAPACKAGE_H
#define POK_EXPORT_DATAPACKAGE_H

#include "../model.h"

#include <jansson.h>

/* codes: the municipalities in the package; created: ISO date. Caller owns the result. */
json_t *export_datapackage(const Scheme *scheme, const char *const *codes, size_t n_codes,
                           const char *created);

#endif
