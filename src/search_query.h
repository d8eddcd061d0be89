/* search_query.h: the words of a search in the library of measures, made into a query
 * that both backends run alike (search_query.c). The words are split on everything but
 * letters and digits, folded (lower case, accents off), stop words dropped, and the
 * synonym groups of data/synonyms.csv applied; what reaches SQL is only this structure,
 * never the user's text with its operators. The stemming itself is the backend's (SQLite:
 * the pok_dutch tokenizer, store/db_sqlite_fts.c; PostgreSQL: the dutch configuration);
 * the stems computed here only decide which synonym group a phrase belongs to. */
#ifndef POK_SEARCH_QUERY_H
#define POK_SEARCH_QUERY_H

#include <stddef.h>

#include "util.h"

/* At most this many groups (the words of a search) and phrases per group. */
#define SEARCH_MAX_GROUPS 16
#define SEARCH_MAX_PHRASES 16

/* One group: any of its phrases (each folded words separated by one space) matches. */
typedef struct SearchGroup {
    const char *phrases[SEARCH_MAX_PHRASES];
    size_t n;
} SearchGroup;

/* A document matches when it matches every group. n == 0: no words to search for;
 * had_words then says whether the user typed any (all of them stop words). */
typedef struct SearchQuery {
    SearchGroup groups[SEARCH_MAX_GROUPS];
    size_t n;
    int had_words;
} SearchQuery;

/* The query for what a user typed (NULL or "" is no text): every word (or synonym
 * phrase) must be there. */
void search_query_parse(const char *text, Arena *a, SearchQuery *q);
/* One group with every distinct word of text (at most max): a document with any of them
 * matches, the more the better (similar measures). */
void search_query_any(const char *text, size_t max, Arena *a, SearchQuery *q);
/* The FTS5 MATCH expression: each phrase in double quotes (a phrase holds only letters,
 * digits and spaces, so nothing in it is FTS5 syntax), OR within a group, AND between
 * groups. NULL when q has no groups. */
const char *search_query_fts5(const SearchQuery *q, Arena *a);
/* The folded form of text (lower case, accents off, words separated by one space). */
const char *search_fold(const char *text, Arena *a);
/* The synonym groups as read from the embedded data/synonyms.csv: their count, and the
 * number of terms of the largest (a check for the tests). */
size_t search_synonym_groups(void);

#endif
