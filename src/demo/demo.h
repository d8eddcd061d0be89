/* demo.h: the real figures of the source documents (../shared/seeds), with their sources,
 * plus the CBS municipality list of 2025 and the inhabitants of 2021. */
#ifndef POK_DEMO_H
#define POK_DEMO_H

#include "../store/store.h"

typedef struct DemoSummary {
    size_t municipalities, inhabitants, sources, allocations, measures, decisions;
} DemoSummary;

/* The four municipalities of the source documents, whose figures are real. */
#define DEMO_SEEDS 4
extern const char *const demo_seed_codes[DEMO_SEEDS];

/* Load everything into s inside the caller's transaction. */
int demo_load(Store *s, DemoSummary *sum, PokErr *err);

#endif
