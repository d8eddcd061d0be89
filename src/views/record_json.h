/* record_json.h: a record's one JSON shape, built from its field table (record.h), so
 * that `pok export json` and the API (/api/v2/) show every record the same way, and the
 * JSON Schema of that shape from the same table (the OpenAPI document, web/openapi.c).
 * The keys are the table's JSON keys in table order; docs/json.md describes the shape. */
#ifndef POK_RECORD_JSON_H
#define POK_RECORD_JSON_H

#include "../record.h"

#include <jansson.h>

/* The record rec of kind k. d (may be NULL) gives the numbers of referenced actielijnen
 * and purposes and the titles of cited sources. Caller owns the object. */
json_t *record_json(const RecordKind *k, const void *rec, const MuniData *d);

/* The n records of kind k at items, as an array. */
json_t *record_list_json(const RecordKind *k, const void *items, size_t n, const MuniData *d);

/* The records of kind k among the n at items whose field `column` (a reference) is id:
 * a measure's amounts or evaluations. */
json_t *record_children_json(const RecordKind *k, const void *items, size_t n, const char *column,
                             int64_t id, const MuniData *d);

/* A citation: {"source_id", "title", "place"}, null when it names neither source nor
 * place. The title is the source's in d (null when d does not hold it). */
json_t *record_cite_json(const MuniData *d, const Citation *c);

/* The JSON Schema (2020-12, as OpenAPI 3.1 uses it) of record_json's object for kind k:
 * every key required, each typed as value() in record_json.c writes it (null where the
 * field may be absent, enums by their JSON names, amounts as integer cents). A citation
 * refers to cite_ref ("#/components/schemas/Citation"), the schema of
 * record_cite_schema(), or is null. The object is left open (no additionalProperties),
 * so that an answer can add its figures with allOf; the answer closes it with
 * unevaluatedProperties. Caller owns the object. */
json_t *record_json_schema(const RecordKind *k, const char *cite_ref);

/* The JSON Schema of record_cite_json's object (not its null). */
json_t *record_cite_schema(void);

/* The mark on generated figures (MuniData.generated) in every JSON answer and export:
 * "gegenereerd": true, set only when generated (docs/api.md, docs/json.md). */
void json_mark_generated(json_t *o, int generated);

#endif
