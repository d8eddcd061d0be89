/* store_source_file.h: the document file of a source (the PDF of a circulaire, a council
 * letter), uploaded in the web and kept in the database with its SHA-256, so the figure,
 * its source and the document itself travel together (backup, pok copy). Written and read
 * in store_source_file.c. */
#ifndef POK_STORE_SOURCE_FILE_H
#define POK_STORE_SOURCE_FILE_H

#include "../model.h"
#include "store.h"

/* A source's document. The SHA-256 is computed by the store from the bytes. */
typedef struct SourceFile {
    int64_t source_id;
    const char *name;         /* file name as uploaded, without directories */
    const char *content_type; /* as uploaded */
    int64_t size;             /* bytes */
    char sha256[65];          /* lower-case hex */
    const void *data;         /* the bytes (store_source_file_get with data), else NULL */
} SourceFile;

/* Add src (store_source_add's checks) and, when file is not NULL, its document
 * (file->data, file->size; name and content type required, valid short text) in one
 * transaction, each with its audit row (the file's row names name, type, size and
 * SHA-256, not the bytes). Sets src->id, file->source_id and file->sha256. */
int store_source_add_with_file(Store *s, Source *src, SourceFile *file, PokErr *err);

/* The document of source_id: 1 found, 0 none, -1 error. With want_data the bytes are
 * copied into a (out->data); without, only the description is read. */
int store_source_file_get(Store *s, int64_t source_id, int want_data, Arena *a, SourceFile *out,
                          PokErr *err);

/* The source of municipality whose document has this SHA-256 (the oldest, if several):
 * 1 found (*source_id set), 0 none, -1 error. pok read's proposals use it to know a
 * document was stored before (src/read/read_propose.h). */
int store_source_find_sha256(Store *s, const char *municipality, const char *sha256,
                             int64_t *source_id, PokErr *err);

/* The SHA-256 of len bytes as lower-case hex (libsodium crypto_hash_sha256). */
void store_sha256_hex(const void *data, size_t len, char out[65]);

#endif
