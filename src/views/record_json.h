/* record_json.h: a record's one JSON shape, built from its field table (record.h), so
 * that `pok export json` and the API (/api/v2/) show every record the same way. The keys
 * are the table's JSON keys in table order; docs/json.md describes the shape. */
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

#endif
