/* national_data.h: what the national monitor's pages, exports and API answers are made
 * from: every sharing municipality's records, its sharing level and inhabitants read from
 * the store, and the national figures computed from them (national_data.c). */
#ifndef POK_NATIONAL_DATA_H
#define POK_NATIONAL_DATA_H

#include "../engine/national.h"
#include "../store/store.h"

typedef struct NationalData {
    Scheme scheme;
    NationalFigures f;
    /* The sources of the inhabitants counts used ("CBS Kerncijfers wijken en buurten
     * 2021"), and their years. */
    const Source *inhabitant_sources;
    size_t n_inhabitant_sources;
    int inhabitants_first_year, inhabitants_last_year;
    size_t n_municipalities; /* every municipality in the store, sharing or not */
    /* The last change of f.munis[i] (UTC, ISO 8601), NULL when none is recorded; filled
     * by national_data_last_changes only (it reads the whole audit trail's index). */
    const char **last_change;
} NationalData;

/* Read and compute for the scheme (0: POK). The arena owns everything. */
int national_data_load(Store *s, int64_t scheme_id, Arena *a, NationalData *out, PokErr *err);

/* Fill nd->last_change. */
int national_data_last_changes(Store *s, Arena *a, NationalData *nd, PokErr *err);

/* The municipality of the national data by code, when it may be named (shares figures by
 * name); NULL otherwise. */
const NationalMuni *national_named(const NationalData *nd, const char *code);

#endif
