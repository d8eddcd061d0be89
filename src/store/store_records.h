/* store_records.h: the records of one municipality (allocations, pots, measures and their
 * amounts, the reserve, decisions, requests, evaluations, stated figures): their writes
 * (store_records.c), the reads of single ones and everything of a municipality at once
 * (store_load.c). A closed year's figures refuse these writes: store_closing.h. */
#ifndef POK_STORE_RECORDS_H
#define POK_STORE_RECORDS_H

#include "../model.h"
#include "store.h"

/* Optimistic versioning (model.h, ROW_VERSION_ABSENT): the update and set functions take
 * the version the editor saw (row_version; for an allocation expect_version, the current
 * version it replaces) and fail with err_code ERR_CONFLICT, changing nothing, when it is
 * no longer the current one: "Deze maatregel is intussen gewijzigd door anna (23-11-2026
 * 14:02 UTC). Uw wijziging is niet opgeslagen." 0 does not check. A save that changes
 * the record raises its row_version; one that changes nothing keeps it. */
int store_allocation_add(Store *s, Allocation *al, PokErr *err);
int store_pot_add(Store *s, Pot *pot, PokErr *err);
int store_measure_add(Store *s, Measure *m, PokErr *err);
/* Replaces name, description, partner, status (NULL keeps it), cost centres, pot, links,
 * the citation and the decision: the callers pass the stored record with their changes. */
int store_measure_update(Store *s, const Measure *m, PokErr *err);
int store_measure_get(Store *s, int64_t id, Arena *a, Measure *out, PokErr *err);
/* Only the municipality of measure id (what authorisation needs), in one query: 1
 * found, 0 not, -1 error. */
int store_measure_municipality(Store *s, int64_t id, Arena *a, const char **code, PokErr *err);
/* Insert, or replace the amount of (measure, year, kind). */
int store_measure_amount_set(Store *s, MeasureAmount *ma, PokErr *err);
/* Insert, or replace the opening of (municipality, scheme, pot). */
int store_reserve_opening_set(Store *s, ReserveOpening *ro, PokErr *err);
int store_reserve_movement_add(Store *s, ReserveMovement *rm, PokErr *err);
int store_decision_add(Store *s, Decision *d, PokErr *err);
int store_decision_get(Store *s, int64_t id, Arena *a, Decision *out, PokErr *err);
int store_request_add(Store *s, Request *r, PokErr *err);
int store_evaluation_add(Store *s, Evaluation *e, PokErr *err);
int store_stated_add(Store *s, StatedFigure *sf, PokErr *err);

/* Everything of one municipality for one scheme, for the engine and the views.
 * Returns 1, or 0 when the municipality does not exist. */
int store_load(Store *s, const char *code, int64_t scheme_id, Arena *a, MuniData *out, PokErr *err);
/* The same for every municipality that shares at least min_level (a SharingLevel) with
 * the national monitor, ordered by code, in one query per kind of record. Requests,
 * stated figures, decisions and sources are not loaded (the monitor does not use them;
 * records keep their decision_id). The
 * records of municipalities sharing less never leave the store. */
int store_load_shared(Store *s, int64_t scheme_id, int min_level, Arena *a, MuniData **out,
                      size_t *n, PokErr *err);

#endif
