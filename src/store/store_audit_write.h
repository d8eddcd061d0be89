/* store_audit_write.h: writing the audit trail: the record before and after as JSON
 * (snapshots in each backend's JSON functions) and the audit row every write adds
 * (store_audit.c). */
#ifndef POK_STORE_AUDIT_WRITE_H
#define POK_STORE_AUDIT_WRITE_H

#include "store_internal.h"

/* "YYYY-MM-DDTHH:MM:SSZ", UTC. */
void sq_now(char out[32]);

/* The record as JSON, by running a "SELECT json_object(...) FROM t WHERE id = ?1" literal
 * (the record kinds of record.h have theirs built from their tables: sq_record_snapshot).
 * *out is malloc'd, NULL when the record does not exist. */
/* A snapshot query per backend: [0] SQLite (json_object), [1] PostgreSQL
 * (json_build_object); both give the same compact JSON text. */
typedef const char *const SqJson[2];
/* Each snapshot is written once as a macro of O, the object constructor, and A, the
 * sorted id array of a link table (empty: []), and expanded for both backends. */
#define SQ_LITE_OBJ "json_object"
#define SQ_PG_OBJ "json_build_object"
#define SQ_LITE_IDS(col, table, where)                                                             \
    "json((SELECT json_group_array(" col ") FROM (SELECT " col " FROM " table " WHERE " where      \
    " ORDER BY " col ")))"
#define SQ_PG_IDS(col, table, where)                                                               \
    "(SELECT COALESCE(json_agg(" col " ORDER BY " col "), '[]'::json) FROM " table " WHERE " where \
    ")"
int sq_snapshot_id(Store *s, SqJson sql, int64_t id, char **out, PokErr *err);
/* Step a bound snapshot statement: *out is its JSON (compact on both backends). */
int sq_snapshot_run(Store *s, DbStmt *st, char **out, PokErr *err);
/* One audit row. An update whose before and after are equal is not recorded. */
int sq_audit(Store *s, const char *action, const char *table, int64_t record_id,
             const char *municipality, const char *before_json, const char *after_json,
             PokErr *err);
/* The same with the reason given for the change (deletions, reopened years). */
int sq_audit_reason(Store *s, const char *action, const char *table, int64_t record_id,
                    const char *municipality, const char *before_json, const char *after_json,
                    const char *reason, PokErr *err);
/* The insert audit row of a record just inserted with this id. */
int sq_audit_insert(Store *s, const char *table, SqJson json_sql, int64_t id,
                    const char *municipality, PokErr *err);

#endif
