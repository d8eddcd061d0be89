/* cache.h: pok serve's cache of whole GET responses, so that a page is made once and
 * then sent as is until the data changes.
 *
 * An entry is found by its key (method, path and every query parameter, in order; see
 * web_cache_key_*) and is valid only for the StoreDataVersion it was made at: the first
 * lookup with another version empties the cache. Besides the version, http.c empties it
 * after every request that is not GET or HEAD.
 *
 * What is cached (web_cache_response_ok): answers 200 to GET or HEAD without Cookie or
 * Authorization header, and without Set-Cookie or a Cache-Control of no-store or private
 * in the response. A handler whose page depends on anything but the stored data and
 * the URL (the time, a session) sets "Cache-Control: no-store".
 *
 * An entry holds an opaque handle made by the caller (http.c: the library's ready
 * response), released with the free function given to web_cache_new. Not thread-safe:
 * the caller serialises every call. */
#ifndef POK_CACHE_H
#define POK_CACHE_H

#include "../store/store.h"
#include "request.h"

#define WEB_CACHE_ENTRIES 512                   /* at most; when full the cache is emptied */
#define WEB_CACHE_BYTES ((size_t)64 << 20)      /* bodies together */
#define WEB_CACHE_ENTRY_BYTES ((size_t)4 << 20) /* a larger body is not cached */

typedef struct WebCache WebCache;
typedef void (*WebCacheFree)(void *handle);

WebCache *web_cache_new(size_t max_entries, size_t max_bytes, WebCacheFree free_handle);
void web_cache_free(WebCache *c);

/* The key: web_cache_key_init(method, path) then web_cache_key_param per query
 * parameter. HEAD gives the same key as GET (the library drops a HEAD's body). Lengths
 * are part of the key, so no two requests share one. */
void web_cache_key_init(Buf *key, const char *method, const char *path);
void web_cache_key_param(Buf *key, const char *name, const char *value);
/* The key of a whole request (its method, path and query). */
void web_cache_key_request(Buf *key, const WebRequest *req);

/* Whether the request may be answered from or stored in the cache: GET or HEAD, no
 * Cookie, no Authorization (the caller tells). */
int web_cache_request_ok(const char *method, int has_cookie_or_auth);
/* Whether res may be stored: status 200, no Set-Cookie, no Cache-Control no-store or
 * private, and a body of at most WEB_CACHE_ENTRY_BYTES. */
int web_cache_response_ok(const WebResponse *res);

/* The handle stored under key at version, or NULL. A different version than the
 * cache's empties it first. The handle stays valid until the next call on c. */
void *web_cache_get(WebCache *c, const Buf *key, const StoreDataVersion *version);
/* Store handle (of a response with a body of body_len bytes) under key at version; the
 * cache owns handle from now on (frees it at once when it cannot keep it). */
void web_cache_put(WebCache *c, const Buf *key, const StoreDataVersion *version, void *handle,
                   size_t body_len);
/* Drop every entry. */
void web_cache_clear(WebCache *c);
/* Number of entries, hits and misses since web_cache_new (for tests). */
size_t web_cache_count(const WebCache *c);
size_t web_cache_hits(const WebCache *c);
size_t web_cache_misses(const WebCache *c);

#endif
