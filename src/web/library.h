/* library.h: what the page and the API of the library of measures share
 * (/landelijk/maatregelen, page_library.c; /api/v1/landelijk/maatregelen, api_library.c):
 * reading the query parameters into a search. */
#ifndef POK_LIBRARY_H
#define POK_LIBRARY_H

#include "../store/store_search.h"
#include "request.h"

/* Hits a page of the library shows. */
#define LIBRARY_PAGE 20

/* A search as the query parameters ask for it: q, actielijn, doel (numbers), partner,
 * status, oordeel, grootte (a CBS class) and pagina (from 1). A value that is not one of
 * its choices is ignored, as a filter that was not set. */
typedef struct LibraryQuery {
    const char *q, *actielijn, *doel, *partner, *status, *verdict, *size;
    int64_t page;
    SearchQuery query;
    SearchFilter filter;
} LibraryQuery;

void library_query(const WebRequest *req, Arena *a, LibraryQuery *lq);

#endif
