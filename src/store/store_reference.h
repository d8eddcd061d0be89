/* store_reference.h: the reference data every municipality's records point to: schemes
 * with their actielijnen and purposes, municipalities and their inhabitants, and the
 * sources figures cite. Written in store_reference.c, read in store_load.c. */
#ifndef POK_STORE_REFERENCE_H
#define POK_STORE_REFERENCE_H

#include "../model.h"
#include "store.h"

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
int store_municipality_list(Store *s, const char *search, Arena *a, Municipality **out, size_t *n,
                            PokErr *err);
/* 0 when m's code existed in year (first_year..last_year, 0 = open), else -1 with
 * "GM0xxx bestond in 2026 niet meer (opgeheven per 1 januari 2026)". Allocations for a
 * year outside it are refused. */
int store_municipality_valid_in(const Municipality *m, int year, PokErr *err);
int store_inhabitants_put(Store *s, const Inhabitants *inh, PokErr *err);
int store_inhabitants_list(Store *s, const char *code, Arena *a, Inhabitants **out, size_t *n,
                           PokErr *err);

/* ---- sources ---- */
int store_source_add(Store *s, Source *src, PokErr *err);
int store_source_get(Store *s, int64_t id, Arena *a, Source *out, PokErr *err);
/* code NULL: all sources; else national ones plus that municipality's. */
int store_source_list(Store *s, const char *code, Arena *a, Source **out, size_t *n, PokErr *err);

#endif
