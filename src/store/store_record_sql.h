/* store_record_sql.h: records written and read through their field tables (record.h;
 * store_record_sql.c), and the conflict of a save based on a version that is no longer
 * the current one (store_conflict.c). */
#ifndef POK_STORE_RECORD_SQL_H
#define POK_STORE_RECORD_SQL_H

#include "../record.h"
#include "store_internal.h"

/* Records written and read through their field tables (record.h; store_record_sql.c).
 * The SQL is built on first use and kept until store_close (sq_record_sql_free).
 *
 * sq_record_query: "SELECT <the kind's columns> FROM <table> <rest>" (rest a string
 * literal: the text is kept by its address); sq_record_read reads the current row of it
 * into out, a zeroed struct of the kind; sq_record_read_links fills its id lists from the
 * link tables. sq_record_insert binds every stored field of rec (the caller has applied
 * defaults and the store's own values) and fills its link tables; *id (may be NULL) is the
 * new row's id. sq_record_update writes the updated fields of rec to the row its key fields
 * (and, for a nonzero one, row version) name, and replaces its link lists: 1 done, 0 no
 * such row, -1 error. sq_record_snapshot is the audit snapshot of the row named by key's
 * key fields (*out NULL when none), sq_record_snapshot_id by id. sq_record_add inserts
 * rec of a kind with an id and writes its audit row (municipality as the trail files it). */
const char *sq_record_query(Store *s, const RecordKind *k, const char *rest);
void sq_record_read(const RecordKind *k, Arena *a, DbStmt *st, void *out);
int sq_record_read_links(Store *s, const RecordKind *k, Arena *a, void *rec, PokErr *err);
/* The same for the n records of one municipality and scheme in items (an array of the
 * kind), with one query per link table instead of one per record. The kind's table has
 * municipality and scheme_id columns (pot, measure: the kinds with links). In two steps,
 * so the queries can share a round trip (db_prefetch): _bind puts the bound query of
 * each link table into sts (room for SQ_LINKS_MAX) and returns how many, or (size_t)-1
 * with err; _read steps them in that order and fills the lists. */
#define SQ_LINKS_MAX 4
size_t sq_record_links_muni_bind(Store *s, const RecordKind *k, const char *code, int64_t scheme_id,
                                 DbStmt **sts, PokErr *err);
/* The same for every municipality sharing at least min_level (store_load_shared). */
size_t sq_record_links_shared_bind(Store *s, const RecordKind *k, int64_t scheme_id, int min_level,
                                   DbStmt **sts, PokErr *err);
int sq_record_links_muni_read(Store *s, const RecordKind *k, Arena *a, void *items, size_t n,
                              DbStmt **sts, PokErr *err);
int sq_record_insert(Store *s, const RecordKind *k, const void *rec, int64_t *id, PokErr *err);
int sq_record_update(Store *s, const RecordKind *k, const void *rec, PokErr *err);
/* Raise the row version of record id (kinds with a FIELD_ROW_VERSION field). */
int sq_record_bump_version(Store *s, const RecordKind *k, int64_t id, PokErr *err);
int sq_record_snapshot(Store *s, const RecordKind *k, const void *key, char **out, PokErr *err);
int sq_record_snapshot_id(Store *s, const RecordKind *k, int64_t id, char **out, PokErr *err);
int sq_record_add(Store *s, const RecordKind *k, const void *rec, int64_t *id,
                  const char *municipality, PokErr *err);
void sq_record_sql_free(Store *s);

/* Optimistic versioning (store_conflict.c). sq_conflict fails with ERR_CONFLICT: "<what>
 * is intussen gewijzigd door <actor> (<when>)", who and when from the newest audit row of
 * (table, record_id). sq_version_check compares the version a save expects (0: no check,
 * ROW_VERSION_ABSENT: no row) with the row found (existing_id 0: none) and its current
 * version: 0 when they agree, else the conflict. */
int sq_conflict(Store *s, const char *what, const char *table, int64_t record_id, PokErr *err);
int sq_version_check(Store *s, int64_t expected, int64_t existing_id, int64_t current,
                     const char *what, const char *table, PokErr *err);

#endif
