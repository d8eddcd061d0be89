/* read_jobs.c: see read_jobs.h. One detached thread per reading; the table, its states
 * and the progress are guarded by one lock, and a condition wakes whoever waits for a
 * reading to finish. A finished reading is immutable until it is dropped, and it is
 * dropped only when nobody holds it. */
#include "read_jobs.h"

#include "../util.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static WebReading slots[WEB_READINGS_MAX];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;

/* Under lock: forget the finished readings nobody holds that are too old; when room is
 * needed, the first finished one nobody holds, however young. */
static void expire(time_t now, int make_room)
{
    for (size_t i = 0; i < WEB_READINGS_MAX; i++) {
        WebReading *r = &slots[i];
        if (!r->used || r->running || r->refs) continue;
        if (now - r->finished < WEB_READING_KEEP_SECONDS && !make_room) continue;
        read_result_free(&r->res);
        read_doc_free(&r->doc);
        memset(r, 0, sizeof *r);
        if (make_room) return;
    }
}

static void progress(void *ctx, int page, int pages)
{
    WebReading *r = ctx;
    pthread_mutex_lock(&lock);
    r->page = page;
    r->pages = pages;
    pthread_mutex_unlock(&lock);
}

static void *run(void *arg)
{
    WebReading *r = arg;
    ReadLimits lim = {0};
    lim.progress = progress;
    lim.progress_ctx = r;
    ReadDoc doc;
    ReadResult res;
    PokErr err = {0};
    int rc = read_and_analyse(r->name, r->data, r->len, &lim, r->muni, &doc, &res, &err);
    pthread_mutex_lock(&lock);
    r->doc = doc;
    r->res = res;
    r->err = err;
    r->failed = rc != 0;
    r->running = 0;
    r->finished = (long)time(NULL);
    free(r->data);
    r->data = NULL;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
    return NULL;
}

int web_reading_start(const WebRequest *req, const char *muni_code, const char *name,
                      const unsigned char *data, size_t len, const WebPending *kept, char token[65],
                      PokErr *err)
{
    pthread_mutex_lock(&lock);
    time_t now = time(NULL);
    expire(now, 0);
    int running = 0;
    WebReading *r = NULL;
    for (size_t i = 0; i < WEB_READINGS_MAX; i++) {
        running += slots[i].used && slots[i].running;
        if (!slots[i].used && !r) r = &slots[i];
    }
    if (!r && running < WEB_READINGS_RUNNING) {
        expire(now, 1);
        for (size_t i = 0; i < WEB_READINGS_MAX && !r; i++)
            if (!slots[i].used) r = &slots[i];
    }
    if (!r || running >= WEB_READINGS_RUNNING) {
        pthread_mutex_unlock(&lock);
        return err_set(err,
                       "er worden nu al %d documenten gelezen; probeer het over een minuut "
                       "opnieuw",
                       running);
    }
    memset(r, 0, sizeof *r);
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(r->token, sizeof r->token, raw, sizeof raw);
    web_request_owner(req, r->owner);
    snprintf(r->muni, sizeof r->muni, "%s", muni_code);
    snprintf(r->name, sizeof r->name, "%s", name);
    if (kept) {
        r->kept = *kept;
        r->has_kept = 1;
    }
    r->data = xmalloc(len ? len : 1);
    if (len) memcpy(r->data, data, len);
    r->len = len;
    r->used = r->running = 1;
    pthread_attr_t attr;
    pthread_t t;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int rc = pthread_create(&t, &attr, run, r);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        free(r->data);
        memset(r, 0, sizeof *r);
        pthread_mutex_unlock(&lock);
        return err_set(err, "het lezen kan niet beginnen: %s", strerror(rc));
    }
    memcpy(token, r->token, 65);
    pthread_mutex_unlock(&lock);
    return 0;
}

WebReading *web_reading_get(const WebRequest *req, const char *token, const char *muni_code,
                            int wait_ms)
{
    if (!token || strlen(token) != 64) return NULL;
    char owner[65];
    web_request_owner(req, owner);
    pthread_mutex_lock(&lock);
    WebReading *r = NULL;
    for (size_t i = 0; i < WEB_READINGS_MAX && !r; i++)
        if (slots[i].used && sodium_memcmp(slots[i].token, token, 64) == 0 &&
            strcmp(slots[i].owner, owner) == 0 && strcmp(slots[i].muni, muni_code) == 0)
            r = &slots[i];
    if (r) {
        r->refs++;
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += wait_ms / 1000;
        until.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        while (r->running && wait_ms > 0)
            if (pthread_cond_timedwait(&changed, &lock, &until) == ETIMEDOUT) break;
    }
    pthread_mutex_unlock(&lock);
    return r;
}

void web_reading_progress(WebReading *r, int *running, int *page, int *pages)
{
    pthread_mutex_lock(&lock);
    *running = r->running;
    *page = r->page;
    *pages = r->pages;
    pthread_mutex_unlock(&lock);
}

void web_reading_put(WebReading *r)
{
    if (!r) return;
    pthread_mutex_lock(&lock);
    r->refs--;
    pthread_mutex_unlock(&lock);
}
