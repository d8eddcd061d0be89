/* store_harvest.h: the open data packages harvested into this store (pok harvest) and
 * clearing a harvested municipality's records before its newer package (store_harvest.c). */
#ifndef POK_STORE_HARVEST_H
#define POK_STORE_HARVEST_H

#include "../model.h"
#include "store.h"

/* The actor of every audit row a harvest writes: what tells harvested records from
 * records entered directly in this store. A command-line actor ("cli:NAME"), so that the
 * change log shows it as "pok (opdrachtregel)"; no login or $USER holds a space. */
#define HARVEST_ACTOR "cli:pok harvest"

/* One package of one municipality, as harvested. */
typedef struct HarvestPackage {
    int64_t id;
    const char *municipality;
    int64_t scheme_id;
    const char *name;         /* the package's name, "pok-gm1734" */
    const char *sha256;       /* of datapackage.json and its resources (docs/export.md) */
    const char *created;      /* the package's own date, YYYY-MM-DD */
    const char *harvested_at; /* UTC, ISO 8601; set by the store */
    int version;              /* 1, 2, ... per municipality and scheme; set by the store */
    SharingLevel sharing;
    int64_t source_id; /* the source "open data" every harvested figure cites */
} HarvestPackage;

/* The newest package of (code, scheme): 1 found, 0 none, -1 error. */
int store_harvest_latest(Store *s, const char *code, int64_t scheme_id, Arena *a,
                         HarvestPackage *out, PokErr *err);
/* Record hp as the next version of its municipality (fills id, version, harvested_at in
 * a), audited. */
int store_harvest_add(Store *s, HarvestPackage *hp, Arena *a, PokErr *err);
/* Every package of code (NULL: all), oldest first. */
int store_harvest_list(Store *s, const char *code, Arena *a, HarvestPackage **out, size_t *n,
                       PokErr *err);
/* How many audit rows of code's records were written by anyone but a harvest, after
 * `since` (UTC, ISO 8601; NULL: ever): changes made directly in this store. */
int store_harvest_direct_changes(Store *s, const char *code, const char *since, int64_t *n,
                                 PokErr *err);
/* Remove every record of code for scheme_id (closed years reopened, then measures with
 * their amounts and evaluations, reserve, requests, stated figures, allocations, pots,
 * decisions), each deletion in the audit trail with reason. Sources stay: they are the
 * provenance of what was there. */
int store_harvest_clear(Store *s, const char *code, int64_t scheme_id, const char *reason,
                        PokErr *err);

#endif
