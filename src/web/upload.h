/* upload.h: the files of a multipart/form-data post (request.h, WebFile): where their
 * bytes are kept while the request lasts, how a handler reads one within its cap, and
 * the caps of pok's kinds of upload. http.c streams each file into a temporary file made
 * here; tests add files from memory. */
#ifndef POK_UPLOAD_H
#define POK_UPLOAD_H

#include "request.h"

/* A source document (a circulaire, a council letter, a PDF): the largest kept. */
#define WEB_DOCUMENT_MAX ((size_t)20 << 20)

/* The largest multipart body app accepts (WebApp.upload_max, or the default). */
size_t web_upload_cap(const WebApp *app);

/* A new temporary file for an upload (mode 0600, in $TMPDIR or /tmp): its descriptor,
 * with its path in path (size 4096), or -1. */
int web_upload_tmp(char *path, size_t size);

/* Add a file to req (the HTTP layer: bytes already in the temporary file at path, which
 * req now owns). Returns -1 when WEB_MAX_FILES is reached (path is removed then). The
 * file name is reduced to its last path component. */
int web_file_take(WebRequest *req, const char *field, const char *name, const char *content_type,
                  const char *path, size_t size);
/* The same from bytes in memory (tests): writes them into a new temporary file. */
int web_file_add(WebRequest *req, const char *field, const char *name, const char *content_type,
                 const void *data, size_t len);

/* The file sent in field, or NULL when none was chosen (a browser sends an empty part
 * without a file name then). */
const WebFile *web_file(const WebRequest *req, const char *field);

/* Read a file's bytes into out (replacing its content). Returns 0; -1 with err when it
 * cannot be read, or when it is larger than max bytes (err's code is ERR_TOO_LARGE then). */
int web_file_read(const WebFile *f, size_t max, Buf *out, PokErr *err);

/* Remove the temporary files of req (web_request_free does this). */
void web_files_remove(WebRequest *req);

/* ---- files kept between a preview and its confirmation (upload_pending.c) ----
 * An import shows its dry run first; the file then waits on the server, under a random
 * token (32 bytes from libsodium) that only the confirmation form carries, for the same
 * session only (open mode: no session), for WEB_PENDING_SECONDS, and is removed once
 * imported. The form also carries the file's SHA-256, checked against the bytes before
 * they are imported, so what is imported is exactly what was previewed. Re-uploading
 * instead would need the user to pick the file again: a browser cannot fill a file
 * field. */
#define WEB_PENDING_SECONDS (30 * 60)
#define WEB_PENDING_MAX 32 /* waiting at once; the oldest goes first */
/* Bytes waiting at once (on disk, in $TMPDIR): the oldest go first to make room. */
#define WEB_PENDING_BYTES ((size_t)512 << 20)

typedef struct WebPending {
    char token[65];  /* hex */
    char kind[24];   /* what it is for ("circulaire", "grootboek:GM1734") */
    char name[1216]; /* the file name as uploaded (at most 300 characters) */
    char sha256[65]; /* of its bytes, hex */
    char path[4096]; /* where it waits */
    size_t size;
} WebPending;

/* Keep f for kind and the session of req: out gets the token, name, size and SHA-256.
 * Returns 0, or -1 with err. */
int web_pending_keep(const WebRequest *req, const WebFile *f, const char *kind, WebPending *out,
                     PokErr *err);
/* The file kept under token for kind and the session of req: 1 found, 0 not (unknown,
 * expired, another session or kind). */
int web_pending_find(const WebRequest *req, const char *token, const char *kind, WebPending *out);
/* Read a kept file into out, checking its SHA-256 against sha256 (what the user saw). */
int web_pending_read(const WebPending *p, const char *sha256, size_t max, Buf *out, PokErr *err);
/* Remove what is kept under token (after the import). */
void web_pending_drop(const char *token);
/* Whose it is: the SHA-256 (hex) of req's session token, "" without a session (open mode). */
void web_request_owner(const WebRequest *req, char out[65]);

#endif
