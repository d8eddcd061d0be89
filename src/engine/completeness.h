/* completeness.h: what a municipality has not recorded yet (issue 15, the national
 * monitor's completeness list): per year of the scheme an allocation, plans, and for past
 * years the realisation and the closing of the year; an evaluation of every ended
 * measure. Pure computation; the year that counts as "now" is the caller's. */
#ifndef POK_COMPLETENESS_H
#define POK_COMPLETENESS_H

#include "engine.h"

typedef enum MissingKind {
    MISSING_ALLOCATION, /* no allocation covers the year */
    MISSING_PLAN,       /* money for the year, no plan amount */
    MISSING_REALISED,   /* a past year with money or plans, no realised amount */
    MISSING_CLOSED,     /* a past year not closed */
    MISSING_EVALUATION, /* an ended measure without an evaluation */
    MISSING_N
} MissingKind;

/* Plain Dutch, per kind: "geen toekenning", ... */
extern const char *const missing_kind_labels[MISSING_N];

typedef struct MissingItem {
    MissingKind kind;
    int year;            /* 0 for an evaluation */
    const char *measure; /* the measure's name, for an evaluation */
    int64_t measure_id;
} MissingItem;

typedef struct Completeness {
    MissingItem *missing;
    size_t n_missing;
    int expected, present; /* items expected and recorded: present / expected is complete */
} Completeness;

/* Compute it for d; years before current_year are past (their accounts are due). */
int completeness_compute(const MuniData *d, int current_year, Arena *a, Completeness *out,
                         PokErr *err);
/* present / expected in basis points; 10000 when nothing is expected. */
int completeness_bp(const Completeness *c);

#endif
