/* store.h: the backend-neutral store interface. Only files in src/store/ speak SQL.
 *
 * Conventions:
 * - Functions return 0 on success and -1 on failure with *err filled in Dutch, naming
 *   what was wrong ("onbekende gemeente GM9999"). Lookups return 1 found, 0 not found.
 * - Every write is atomic on its own (the record and its audit row together) and may
 *   also be grouped in an outer store_begin/store_commit, e.g. one import = one
 *   transaction. store_rollback undoes everything since store_begin.
 * - Every write records an audit row: who (store_set_actor), when, what table and id,
 *   the municipality, and the record before and after as JSON.
 * - Records read are allocated in the caller's Arena.
 * - "add" functions fill in the new id (and version, for allocations). */
#ifndef POK_STORE_H
#define POK_STORE_H

#include "../model.h"
#include "../util.h"

typedef struct Store Store;

/* Open a store by URL: a file path or "sqlite:PATH" for SQLite. Applies pending
 * migrations when create_or_migrate is set; otherwise fails if the schema is missing or
 * older than this binary ("voer eerst 'pok init' uit"). */
Store *store_open(const char *url, int create_or_migrate, PokErr *err);
void store_close(Store *s);

/* Schema version of the open store and the newest this binary knows. */
int store_schema_version(Store *s);
int store_schema_latest(void);

/* Who is making changes: recorded in every audit row. Default "cli". */
void store_set_actor(Store *s, const char *actor);

/* A cheap token of the data's state: it differs after any commit by another connection
 * or process (others) and after any write through this store (own), so a cache of pages
 * made from the data is valid while the token is unchanged. */
typedef struct StoreDataVersion {
    uint64_t others, own;
} StoreDataVersion;
int store_data_version(Store *s, StoreDataVersion *out, PokErr *err);

/* Transactions nest: an inner begin/commit is a savepoint, and an inner rollback undoes
 * only what was done since its begin. */
int store_begin(Store *s, PokErr *err);
int store_commit(Store *s, PokErr *err);
void store_rollback(Store *s);

/* ---- schemes, actielijnen, purposes (POK is created by the first migration) ---- */
int store_scheme_add(Store *s, Scheme *scheme, PokErr *err);
int store_scheme_get(Store *s, const char *code, Arena *a, Scheme *out, PokErr *err);
int store_scheme_list(Store *s, Arena *a, Scheme **out, size_t *n, PokErr *err);
int store_actielijn_add(Store *s, Actielijn *al, PokErr *err);
int store_actielijn_list(Store *s, int64_t scheme_id, Arena *a, Actielijn **out, size_t *n,
                         PokErr *err);
int store_purpose_add(Store *s, Purpose *p, PokErr *err);
int store_purpose_list(Store *s, int64_t scheme_id, Arena *a, Purpose **out, size_t *n,
                       PokErr *err);

/* ---- municipalities ---- */
/* Insert, or update name/province/years when the code exists. */
int store_municipality_put(Store *s, const Municipality *m, PokErr *err);
int store_municipality_get(Store *s, const char *code, Arena *a, Municipality *out, PokErr *err);
/* search: NULL for all, else a case-insensitive substring of name or code. */
int store_municipality_list(Store *s, const char *search, Arena *a, Municipality **out,
                            size_t *n, PokErr *err);
int store_inhabitants_put(Store *s, const Inhabitants *inh, PokErr *err);
int store_inhabitants_list(Store *s, const char *code, Arena *a, Inhabitants **out, size_t *n,
                           PokErr *err);

/* ---- sources ---- */
int store_source_add(Store *s, Source *src, PokErr *err);
int store_source_get(Store *s, int64_t id, Arena *a, Source *out, PokErr *err);
/* code NULL: all sources; else national ones plus that municipality's. */
int store_source_list(Store *s, const char *code, Arena *a, Source **out, size_t *n,
                      PokErr *err);

/* ---- records of one municipality ---- */
int store_allocation_add(Store *s, Allocation *al, PokErr *err);
int store_pot_add(Store *s, Pot *pot, PokErr *err);
int store_measure_add(Store *s, Measure *m, PokErr *err);
/* Replaces name, description, partner, status (NULL keeps it), cost centres, pot, links;
 * not the citation or decision. */
int store_measure_update(Store *s, const Measure *m, PokErr *err);
int store_measure_get(Store *s, int64_t id, Arena *a, Measure *out, PokErr *err);
/* Insert, or replace the amount of (measure, year, kind). */
int store_measure_amount_set(Store *s, MeasureAmount *ma, PokErr *err);
/* Insert, or replace the opening of (municipality, scheme, pot). */
int store_reserve_opening_set(Store *s, ReserveOpening *ro, PokErr *err);
int store_reserve_movement_add(Store *s, ReserveMovement *rm, PokErr *err);
int store_decision_add(Store *s, Decision *d, PokErr *err);
int store_decision_get(Store *s, int64_t id, Arena *a, Decision *out, PokErr *err);
int store_request_add(Store *s, Request *r, PokErr *err);
int store_evaluation_add(Store *s, Evaluation *e, PokErr *err);
int store_year_close(Store *s, const ClosedYear *cy, PokErr *err);
int store_stated_add(Store *s, StatedFigure *sf, PokErr *err);

/* Everything of one municipality for one scheme, for the engine and the views.
 * Returns 1, or 0 when the municipality does not exist. */
int store_load(Store *s, const char *code, int64_t scheme_id, Arena *a, MuniData *out,
               PokErr *err);

/* ---- audit trail ---- */
typedef struct AuditEntry {
    int64_t id;
    const char *at; /* UTC, ISO 8601 */
    const char *actor;
    const char *action; /* insert, update, delete */
    const char *table_name;
    int64_t record_id; /* row id; the year for inhabitants and closed_year; 0 municipality */
    const char *municipality;
    const char *before_json; /* NULL for inserts */
    const char *after_json;  /* NULL for deletes */
} AuditEntry;

/* code NULL: all; limit 0: no limit. Newest first. An update that changes nothing
 * records no row. */
int store_audit_list(Store *s, const char *code, size_t limit, Arena *a, AuditEntry **out,
                     size_t *n, PokErr *err);

#endif
