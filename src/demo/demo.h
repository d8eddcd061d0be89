/* demo.h: the real figures of the source documents (../shared/seeds), with their sources,
 * plus the CBS municipality list of 2025 and the inhabitants of 2021. */
#ifndef POK_DEMO_H
#define POK_DEMO_H

#include "../store/store.h"

typedef struct DemoSummary {
    size_t municipalities, inhabitants, sources, allocations, measures, decisions;
} DemoSummary;

/* Load everything into s inside the caller's transaction. */
int demo_load(Store *s, DemoSummary *sum, PokErr *err);

#endif
