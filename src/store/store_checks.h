/* store_checks.h: the checks a write makes before it writes anything, so that the error
 * names what is wrong: references to other records, required fields, dates and the
 * bounds of text (store_checks.c). */
#ifndef POK_STORE_CHECKS_H
#define POK_STORE_CHECKS_H

#include "../model.h"
#include "../text.h"
#include "store_internal.h"

/* Reference checks: 0 when fine (a zero id always is, where the reference is optional),
 * else -1 with a message naming the problem. municipality may be NULL to skip the
 * "belongs to the same municipality" test. */
int sq_check_municipality(Store *s, const char *code, PokErr *err);
int sq_check_scheme(Store *s, int64_t scheme_id, PokErr *err);
int sq_check_actielijn(Store *s, int64_t actielijn_id, int64_t scheme_id, PokErr *err);
int sq_check_purpose(Store *s, int64_t purpose_id, int64_t scheme_id, PokErr *err);
int sq_check_source(Store *s, int64_t source_id, const char *municipality, PokErr *err);
int sq_check_decision(Store *s, int64_t decision_id, const char *municipality, PokErr *err);
int sq_check_pot(Store *s, int64_t pot_id, const char *municipality, int64_t scheme_id,
                 PokErr *err);
/* The measure's municipality (into muni[16]) and scheme. */
int sq_check_measure(Store *s, int64_t measure_id, char muni[16], int64_t *scheme_id, PokErr *err);
/* A citation: its place within bounds, its source known (and of municipality, or national). */
int sq_check_cite(Store *s, const Citation *c, const char *municipality, PokErr *err);
/* date NULL is fine unless required; otherwise it must be a real YYYY-MM-DD date. */
int sq_check_date(const char *date, const char *what, int required, PokErr *err);
/* s must be present and not empty. */
int sq_check_required(const char *v, const char *what, PokErr *err);

/* The store's last line of defence for text (text.h): every text field a record write
 * stores is listed with the name the user knows it by and its bound, and checked before
 * anything is written, so a path that forgot to check still stores no bad text. (Below
 * the named checks, the driver refuses any bound text that is not UTF-8: db.c.) */
typedef struct SqText {
    const char *value; /* NULL: absent, fine */
    const char *what;  /* "naam van de maatregel" */
    TextBound bound;
} SqText;
int sq_check_texts(const SqText *texts, size_t n, PokErr *err);
#define SQ_CHECK_TEXTS(err, ...)                                                                   \
    sq_check_texts((const SqText[]){__VA_ARGS__},                                                  \
                   sizeof((const SqText[]){__VA_ARGS__}) / sizeof(SqText), err)

#endif
