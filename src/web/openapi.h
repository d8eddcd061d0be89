/* openapi.h: the OpenAPI 3.1 document of pok's JSON API, generated: its paths from the
 * /api/ routes of the route table, its record schemas from the field tables (record.h).
 * docs/openapi.json is a copy (pok openapi writes it; a test keeps it current), and
 * pok serve answers it at /api/openapi.json. */
#ifndef POK_OPENAPI_H
#define POK_OPENAPI_H

#include "../util.h"

#include <jansson.h>

/* The document, or NULL with err when a route under /api/ has no description in
 * openapi.c (a new API route is described before it is served). Caller owns it. */
json_t *openapi_document(PokErr *err);

#endif
