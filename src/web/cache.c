/* cache.c: see cache.h. An open-addressing hash table without deletions: entries only
 * go all at once (new version, full, or cleared), so no tombstones are needed. */
#include "cache.h"
#include "../store/store.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct CacheEntry {
    char *key; /* NULL: free slot */
    size_t key_len;
    uint64_t hash;
    void *handle;
    size_t body_len;
} CacheEntry;

struct WebCache {
    CacheEntry *slots;
    size_t n_slots; /* a power of two, at least twice max_entries */
    size_t count, max_entries;
    size_t bytes, max_bytes;
    StoreDataVersion version;
    WebCacheFree free_handle;
    size_t hits, misses;
};

WebCache *web_cache_new(size_t max_entries, size_t max_bytes, WebCacheFree free_handle)
{
    WebCache *c = xcalloc(1, sizeof *c);
    c->max_entries = max_entries ? max_entries : 1;
    c->n_slots = 4;
    while (c->n_slots < 2 * c->max_entries) c->n_slots *= 2;
    c->slots = xcalloc(c->n_slots, sizeof *c->slots);
    c->max_bytes = max_bytes;
    c->free_handle = free_handle;
    return c;
}

void web_cache_clear(WebCache *c)
{
    for (size_t i = 0; i < c->n_slots && c->count; i++) {
        CacheEntry *e = &c->slots[i];
        if (!e->key) continue;
        free(e->key);
        if (c->free_handle) c->free_handle(e->handle);
        memset(e, 0, sizeof *e);
        c->count--;
    }
    c->count = 0;
    c->bytes = 0;
}

void web_cache_free(WebCache *c)
{
    if (!c) return;
    web_cache_clear(c);
    free(c->slots);
    free(c);
}

/* "<length>:<bytes>" so that no two different lists of parts give the same key. */
static void key_part(Buf *key, const char *s)
{
    if (!s) s = "";
    size_t len = strlen(s), n = len;
    char digits[24], *d = digits + sizeof digits;
    *--d = ':';
    do *--d = (char)('0' + n % 10);
    while (n /= 10);
    buf_append(key, d, (size_t)(digits + sizeof digits - d));
    buf_append(key, s, len);
}

void web_cache_key_init(Buf *key, const char *method, const char *path)
{
    buf_reset(key);
    key_part(key, strcmp(method, "HEAD") == 0 ? "GET" : method);
    key_part(key, path);
}

void web_cache_key_param(Buf *key, const char *name, const char *value)
{
    key_part(key, name);
    key_part(key, value);
}

void web_cache_key_request(Buf *key, const WebRequest *req)
{
    web_cache_key_init(key, req->method, req->path);
    for (size_t i = 0; i < req->query.n; i++)
        web_cache_key_param(key, req->query.items[i].name, req->query.items[i].value);
}

int web_cache_request_ok(const char *method, int has_cookie_or_auth)
{
    return !has_cookie_or_auth && (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0);
}

int web_cache_response_ok(const WebResponse *res)
{
    if (res->status != 200 || res->body.len > WEB_CACHE_ENTRY_BYTES) return 0;
    if (web_header(res, "Set-Cookie")) return 0;
    const char *cc = web_header(res, "Cache-Control");
    if (cc && (strcasestr(cc, "no-store") || strcasestr(cc, "private"))) return 0;
    return 1;
}

static uint64_t key_hash(const Buf *key)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (size_t i = 0; i < key->len; i++) {
        h ^= (unsigned char)key->data[i];
        h *= 1099511628211u;
    }
    return h;
}

/* The slot holding key, or the free slot where it would go. */
static CacheEntry *find_slot(WebCache *c, const Buf *key, uint64_t hash)
{
    size_t mask = c->n_slots - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        CacheEntry *e = &c->slots[i];
        if (!e->key) return e;
        if (e->hash == hash && e->key_len == key->len && memcmp(e->key, key->data, key->len) == 0)
            return e;
    }
}

/* Switch to version, emptying the cache when it differs. */
static void use_version(WebCache *c, const StoreDataVersion *version)
{
    if (c->version.others == version->others && c->version.own == version->own) return;
    web_cache_clear(c);
    c->version = *version;
}

void *web_cache_get(WebCache *c, const Buf *key, const StoreDataVersion *version)
{
    use_version(c, version);
    CacheEntry *e = key->len ? find_slot(c, key, key_hash(key)) : NULL;
    if (!e || !e->key) {
        c->misses++;
        return NULL;
    }
    c->hits++;
    return e->handle;
}

void web_cache_put(WebCache *c, const Buf *key, const StoreDataVersion *version, void *handle,
                   size_t body_len)
{
    use_version(c, version);
    if (!key->len || body_len > c->max_bytes) {
        if (c->free_handle) c->free_handle(handle);
        return;
    }
    uint64_t hash = key_hash(key);
    CacheEntry *e = find_slot(c, key, hash);
    if (e->key) { /* made twice: keep the first */
        if (c->free_handle) c->free_handle(handle);
        return;
    }
    if (c->count >= c->max_entries || c->bytes + body_len > c->max_bytes) {
        web_cache_clear(c);
        e = find_slot(c, key, hash);
    }
    e->key = xmalloc(key->len);
    memcpy(e->key, key->data, key->len);
    e->key_len = key->len;
    e->hash = hash;
    e->handle = handle;
    e->body_len = body_len;
    c->count++;
    c->bytes += body_len;
}

size_t web_cache_count(const WebCache *c)
{
    return c->count;
}
size_t web_cache_hits(const WebCache *c)
{
    return c->hits;
}
size_t web_cache_misses(const WebCache *c)
{
    return c->misses;
}
