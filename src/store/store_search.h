/* store_search.h: the library of measures (issue 15): the measures of every municipality
 * that shares its measures (SHARE_MEASURES; no other municipality's measure is ever
 * read here), found through the full-text index of migration_search with a SearchQuery
 * (search_query.h) and filters, ranked, with their totals and latest evaluation
 * (store_search.c). */
#ifndef POK_STORE_SEARCH_H
#define POK_STORE_SEARCH_H

#include "../model.h"
#include "../search_query.h"
#include "store.h"

/* At most this many hits a page. */
#define SEARCH_PAGE_MAX 100

/* What to look for: the text as a query and the filters; 0 / NULL is "any". */
typedef struct SearchFilter {
    const SearchQuery *query;     /* NULL or no groups: every shared measure, by municipality */
    int64_t actielijn;            /* the actielijn's number */
    int64_t purpose;              /* the doel's number */
    const char *partner;          /* part of the partner's name, case folded (ASCII) */
    const char *status;           /* one of MEASURE_STATUS_LIST */
    const char *verdict;          /* the latest evaluation's verdict, exactly (case folded) */
    const SizeClass *size;        /* by the latest count of inhabitants */
    const char *not_municipality; /* leave this municipality out (similar measures) */
    size_t offset, limit;         /* the page: limit 0 is SEARCH_PAGE_MAX */
} SearchFilter;

/* One measure found. */
typedef struct SearchHit {
    int64_t measure_id;
    const char *municipality, *municipality_name;
    const char *name, *description, *partner, *status;
    int64_t planned_cents, realised_cents; /* over all years */
    const char *verdict, *evaluation_date; /* the latest evaluation's; NULL: none */
} SearchHit;

/* The page of hits asked for (best first with a query, else by municipality and name)
 * and the number of hits in all. */
int store_search(Store *s, const SearchFilter *f, Arena *a, SearchHit **out, size_t *n,
                 int64_t *total, PokErr *err);
/* The measures of other sharing municipalities most like measure_id by its name and
 * description (any of its words, ranked), at most limit. */
int store_search_similar(Store *s, int64_t measure_id, size_t limit, Arena *a, SearchHit **out,
                         size_t *n, PokErr *err);
/* The distinct verdicts of the latest evaluations in the library (the form's choices),
 * sorted, at most max. */
int store_search_verdicts(Store *s, size_t max, Arena *a, const char ***out, size_t *n,
                          PokErr *err);

#endif
