/* search_json.h: hits of the library of measures as JSON, one shape for pok search
 * --format json and /api/v1/landelijk/maatregelen (search_json.c; docs/api.md). */
#ifndef POK_SEARCH_JSON_H
#define POK_SEARCH_JSON_H

#include <jansson.h>

#include "../store/store_search.h"

/* {"total": N, "offset": O, "measures": [{"id", "municipality", "municipality_name",
 * "name", "partner", "status", "planned_cents", "realised_cents", "latest_verdict",
 * "latest_evaluation_date"}, ...]}; a new reference. */
json_t *search_json(const SearchHit *hits, size_t n, int64_t total, size_t offset);
/* One hit as an object; a new reference. */
json_t *search_hit_json(const SearchHit *h);

#endif
