/* store_pool.c: see store_pool.h. */
#include "store_pool.h"

#include "../util.h"

#include <stdatomic.h>
#include <stdlib.h>

struct StorePool {
    StoreSlot *slots;
    unsigned n;
    atomic_uint next; /* where the next take starts looking */
    Store *watch;     /* SQLite with more than one slot: the version connection */
    pthread_mutex_t watch_lock;
};

StorePool *store_pool_open(Store *first, const char *url, unsigned size, PokErr *err)
{
    if (size < 1 || !url) size = 1;
    StorePool *p = xcalloc(1, sizeof *p);
    p->slots = xcalloc(size, sizeof *p->slots);
    pthread_mutex_init(&p->watch_lock, NULL);
    p->slots[0].store = first;
    pthread_mutex_init(&p->slots[0].lock, NULL);
    p->n = 1;
    while (p->n < size) {
        Store *s = store_open(url, 0, err);
        if (!s) {
            store_pool_close(p);
            return NULL;
        }
        store_set_actor(s, "web");
        p->slots[p->n].store = s;
        pthread_mutex_init(&p->slots[p->n].lock, NULL);
        p->n++;
    }
    if (p->n > 1 && !store_versions_comparable(first)) {
        p->watch = store_open(url, 0, err);
        if (!p->watch) {
            store_pool_close(p);
            return NULL;
        }
    }
    return p;
}

unsigned store_pool_size(const StorePool *p)
{
    return p->n;
}

StoreSlot *store_pool_take(StorePool *p)
{
    unsigned start = atomic_fetch_add(&p->next, 1) % p->n;
    for (unsigned i = 0; i < p->n; i++) {
        StoreSlot *s = &p->slots[(start + i) % p->n];
        if (pthread_mutex_trylock(&s->lock) == 0) return s;
    }
    /* Every slot is busy (there are as many as request threads, so only while a handler
     * has let go of its own for slow work and another took it): wait for one. */
    StoreSlot *s = &p->slots[start];
    pthread_mutex_lock(&s->lock);
    return s;
}

void store_pool_give(StoreSlot *slot)
{
    pthread_mutex_unlock(&slot->lock);
}

int store_pool_version(StorePool *p, StoreSlot *mine, StoreDataVersion *v, PokErr *err)
{
    if (!p->watch) return store_data_version(mine->store, v, err);
    pthread_mutex_lock(&p->watch_lock);
    int rc = store_data_version(p->watch, v, err);
    pthread_mutex_unlock(&p->watch_lock);
    return rc;
}

void store_pool_close(StorePool *p)
{
    if (!p) return;
    for (unsigned i = 0; i < p->n; i++) {
        if (i > 0) store_close(p->slots[i].store);
        pthread_mutex_destroy(&p->slots[i].lock);
    }
    store_close(p->watch);
    pthread_mutex_destroy(&p->watch_lock);
    free(p->slots);
    free(p);
}
