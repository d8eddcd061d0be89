/* upload_pending.c: see upload.h, "files kept between a preview and its confirmation".
 * The table lives in this process (pok serve is one process); a restart forgets it and
 * the user uploads again. */
#include "upload.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct Slot {
    int used;
    time_t created;
    char owner[65]; /* SHA-256 of the session token; "" without a session */
    WebPending p;
} Slot;

static Slot slots[WEB_PENDING_MAX];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void hash_hex(const char *text, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
    sodium_bin2hex(out, 65, h, sizeof h);
}

void web_request_owner(const WebRequest *req, char out[65])
{
    if (req->session_token && req->session_token[0])
        hash_hex(req->session_token, out);
    else
        out[0] = '\0';
}

/* Under lock: forget slot i and remove its file. */
static void drop_slot(size_t i)
{
    if (slots[i].used) unlink(slots[i].p.path);
    memset(&slots[i], 0, sizeof slots[i]);
}

/* Under lock: drop what has waited too long. */
static void expire(time_t now)
{
    for (size_t i = 0; i < WEB_PENDING_MAX; i++)
        if (slots[i].used && now - slots[i].created > WEB_PENDING_SECONDS) drop_slot(i);
}

/* Copy the bytes of from into to (a new file), computing their SHA-256. */
static int copy_hashing(const char *from, int to, char sha256[65], size_t *size)
{
    FILE *in = fopen(from, "rb");
    if (!in) return -1;
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    char chunk[65536];
    size_t n, total = 0;
    int rc = 0;
    while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, in)) > 0) {
        crypto_hash_sha256_update(&st, (const unsigned char *)chunk, n);
        for (size_t done = 0; done < n;) {
            ssize_t w = write(to, chunk + done, n - done);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) {
                rc = -1;
                break;
            }
            done += (size_t)w;
        }
        total += n;
    }
    if (ferror(in)) rc = -1;
    fclose(in);
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(sha256, 65, h, sizeof h);
    *size = total;
    return rc;
}

int web_pending_keep(const WebRequest *req, const WebFile *f, const char *kind, WebPending *out,
                     PokErr *err)
{
    memset(out, 0, sizeof *out);
    int fd = web_upload_tmp(out->path, sizeof out->path);
    if (fd < 0) return err_set(err, "Het bestand kon niet worden bewaard.");
    int rc = copy_hashing(f->path, fd, out->sha256, &out->size);
    if (close(fd) != 0) rc = -1;
    if (rc != 0) {
        unlink(out->path);
        return err_set(err, "Het bestand kon niet worden bewaard.");
    }
    unsigned char token[32];
    randombytes_buf(token, sizeof token);
    sodium_bin2hex(out->token, sizeof out->token, token, sizeof token);
    snprintf(out->kind, sizeof out->kind, "%s", kind);
    snprintf(out->name, sizeof out->name, "%s", f->name[0] ? f->name : "bestand");
    pthread_mutex_lock(&lock);
    time_t now = time(NULL);
    expire(now);
    /* room: a free slot, and the bytes within WEB_PENDING_BYTES, the oldest dropped */
    size_t pick;
    for (;;) {
        size_t total = out->size, oldest = WEB_PENDING_MAX;
        pick = WEB_PENDING_MAX;
        for (size_t i = 0; i < WEB_PENDING_MAX; i++) {
            if (!slots[i].used) {
                if (pick == WEB_PENDING_MAX) pick = i;
                continue;
            }
            total += slots[i].p.size;
            if (oldest == WEB_PENDING_MAX || slots[i].created < slots[oldest].created) oldest = i;
        }
        if (pick < WEB_PENDING_MAX && (total <= WEB_PENDING_BYTES || oldest == WEB_PENDING_MAX))
            break;
        drop_slot(oldest);
    }
    slots[pick].used = 1;
    slots[pick].created = now;
    web_request_owner(req, slots[pick].owner);
    slots[pick].p = *out;
    pthread_mutex_unlock(&lock);
    return 0;
}

/* Under lock: the slot of token, or -1. */
static long find_slot(const char *token)
{
    if (!token || strlen(token) != 64) return -1;
    for (size_t i = 0; i < WEB_PENDING_MAX; i++)
        if (slots[i].used && sodium_memcmp(slots[i].p.token, token, 64) == 0) return (long)i;
    return -1;
}

int web_pending_find(const WebRequest *req, const char *token, const char *kind, WebPending *out)
{
    char owner[65];
    web_request_owner(req, owner);
    pthread_mutex_lock(&lock);
    expire(time(NULL));
    long i = find_slot(token);
    int found = i >= 0 && strcmp(slots[i].owner, owner) == 0 && strcmp(slots[i].p.kind, kind) == 0;
    if (found) *out = slots[i].p;
    pthread_mutex_unlock(&lock);
    return found;
}

int web_pending_read(const WebPending *p, const char *sha256, size_t max, Buf *out, PokErr *err)
{
    WebFile f = {.path = p->path, .size = p->size};
    if (web_file_read(&f, max, out, err)) return -1;
    char got[65];
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)(out->data ? out->data : ""), out->len);
    sodium_bin2hex(got, sizeof got, h, sizeof h);
    if (!sha256 || strcmp(got, sha256) != 0 || strcmp(got, p->sha256) != 0)
        return err_set(err, "Het bestand is niet meer hetzelfde als in het voorbeeld; kies het "
                            "bestand opnieuw.");
    return 0;
}

void web_pending_drop(const char *token)
{
    pthread_mutex_lock(&lock);
    long i = find_slot(token);
    if (i >= 0) drop_slot((size_t)i);
    pthread_mutex_unlock(&lock);
}
