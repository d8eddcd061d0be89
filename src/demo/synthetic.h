/* synthetic.h: a generated national data set for load and demonstration (pok demo
 * --synthetic-national): every municipality of the CBS list of 2025 except the four of
 * the source documents gets figures in proportion to its inhabitants, all marked as
 * generated (store_generated_set) and citing one national source of kind "gegenereerd". */
#ifndef POK_SYNTHETIC_H
#define POK_SYNTHETIC_H

#include "../store/store.h"

/* The seed when none is given: the date of the VNG letter (seed 002). */
#define SYNTHETIC_DEFAULT_SEED 20211214
/* scale N adds N-1 generated municipalities per real one; the free codes of GM0001..GM9999
 * allow at most this. */
#define SYNTHETIC_MAX_SCALE 29

typedef struct SyntheticSummary {
    size_t municipalities; /* generated: real ones filled plus the extra ones */
    size_t extra;          /* extra municipalities made for --scale */
    size_t allocations, pots, measures, amounts, decisions, evaluations, reserve, closed;
    size_t incomplete; /* municipalities left incomplete on purpose */
    size_t sharing[4]; /* per SharingLevel */
    int64_t allocated_cents, planned_cents, realised_cents;
} SyntheticSummary;

/* Generate into s, inside the caller's transaction, after demo_load. The same seed and
 * scale give the same data. scale 1..SYNTHETIC_MAX_SCALE. */
int synthetic_load(Store *s, int64_t seed, int scale, SyntheticSummary *sum, PokErr *err);

#endif
