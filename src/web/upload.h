/* upload.h: the files of a multipart/form-data post (request.h, WebFile): where their
 * bytes are kept while the request lasts, how a handler reads one within its cap, and
 * the caps of pok's kinds of upload. http.c streams each file into a temporary file made
 * here; tests add files from memory. */
#ifndef POK_UPLOAD_H
#define POK_UPLOAD_H

#include "request.h"

/* A source document (a circulaire, a council letter, a PDF): the largest kept. */
#define WEB_DOCUMENT_MAX ((size_t)20 << 20)

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

#endif
