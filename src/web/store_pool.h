/* store_pool.h: pok serve's database connections. Each request thread works on a Store
 * of its own, so requests run in parallel: on PostgreSQL a request waiting for the server
 * no longer holds up the others, and on SQLite readers in WAL mode do not wait for each
 * other (writers still take turns: BEGIN IMMEDIATE with busy_timeout). A slot is one
 * Store with the mutex that says who is using it; a handler that lets go of the store
 * for slow work (web_store_release) unlocks its slot and locks the same slot again. */
#ifndef POK_STORE_POOL_H
#define POK_STORE_POOL_H

#include <pthread.h>

#include "../store/store.h"

typedef struct StoreSlot {
    pthread_mutex_t lock;
    Store *store;
} StoreSlot;

typedef struct StorePool StorePool;

/* A pool of size slots (at least 1): first (the caller's, kept open by it) and size - 1
 * more stores opened on url, each acting as "web". url NULL: first alone. NULL with err
 * when a store cannot be opened. */
StorePool *store_pool_open(Store *first, const char *url, unsigned size, PokErr *err);
unsigned store_pool_size(const StorePool *p);
/* A slot, locked for the caller: a free one if there is one, else the next to be freed. */
StoreSlot *store_pool_take(StorePool *p);
void store_pool_give(StoreSlot *slot);
/* The data version as one token for the whole pool (see store_data_version), so a page
 * cached through one slot is valid for all: PostgreSQL's version row, read on mine (a
 * slot the caller holds); for SQLite with more than one slot, PRAGMA data_version of a
 * connection of its own that never writes, so every commit of a slot changes it. */
int store_pool_version(StorePool *p, StoreSlot *mine, StoreDataVersion *v, PokErr *err);
/* Close the stores the pool opened (not first). */
void store_pool_close(StorePool *p);

#endif
