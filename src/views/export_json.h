/* export_json.h: everything of one municipality in one JSON document (`pok export json`,
 * GET /gemeente/CODE/export.json). The shape is documented in docs/json.md; amounts are
 * whole cents as JSON integers. */
#ifndef POK_EXPORT_JSON_H
#define POK_EXPORT_JSON_H

#include "../engine/engine.h"

#include <jansson.h>

/* The document; exported_at is an ISO date (or NULL to leave it out). Caller owns it. */
json_t *export_json(const MuniData *d, const Coverage *c, const Finding *f, size_t n_findings,
                    const char *exported_at);

#endif
