/* store_source_file.c: see store_source_file.h. */
#include "store_source_file.h"

#include "store_audit_write.h"
#include "store_checks.h"
#include "store_internal.h"
#include "store_reference.h"

#include <sodium.h>
#include <string.h>

/* The audit snapshot of a file: what identifies it, never its bytes. */
#define SOURCE_FILE_JSON_SQL(O)                                                                    \
    "SELECT " O "('source_id', source_id, 'file_name', file_name, 'content_type', content_type,"   \
    " 'size', size, 'sha256', sha256) FROM source_file WHERE source_id = ?1"
static SqJson SQ_JSON_SOURCE_FILE = {SOURCE_FILE_JSON_SQL(SQ_LITE_OBJ),
                                     SOURCE_FILE_JSON_SQL(SQ_PG_OBJ)};

void store_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, data ? data : (const void *)"", len);
    sodium_bin2hex(out, 65, hash, sizeof hash);
}

static int file_insert(Store *s, const Source *src, SourceFile *file, PokErr *err)
{
    if (sq_check_required(file->name, "naam van het bestand", err) ||
        sq_check_required(file->content_type, "soort bestand", err) ||
        SQ_CHECK_TEXTS(err, {file->name, "naam van het bestand", TEXT_SHORT},
                       {file->content_type, "soort bestand", TEXT_SHORT}))
        return -1;
    if (file->size < 0 || (file->size > 0 && !file->data))
        return err_set(err, "het bestand bij de bron is leeg of onleesbaar");
    file->source_id = src->id;
    store_sha256_hex(file->data, (size_t)file->size, file->sha256);
    DbStmt *st = sq_stmt(s,
                         "INSERT INTO source_file (source_id, file_name, content_type, size, "
                         "sha256, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                         err);
    if (!st) return -1;
    sq_bind_int(st, 1, file->source_id);
    sq_bind_text(st, 2, file->name);
    sq_bind_text(st, 3, file->content_type);
    sq_bind_int(st, 4, file->size);
    sq_bind_text(st, 5, file->sha256);
    db_bind_blob(st, 6, file->data ? file->data : "", (size_t)file->size);
    if (sq_step_done(s, st, err)) return -1;
    return sq_audit_insert(s, "source_file", SQ_JSON_SOURCE_FILE, file->source_id,
                           src->municipality, err);
}

int store_source_add_with_file(Store *s, Source *src, SourceFile *file, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    int rc = store_source_add(s, src, err);
    if (rc == 0 && file) rc = file_insert(s, src, file, err);
    return sq_write_end(s, tx, rc, err);
}

int store_source_file_get(Store *s, int64_t source_id, int want_data, Arena *a, SourceFile *out,
                          PokErr *err)
{
    memset(out, 0, sizeof *out);
    DbStmt *st = want_data ? sq_stmt(s,
                                     "SELECT file_name, content_type, size, sha256, content "
                                     "FROM source_file WHERE source_id = ?1",
                                     err)
                           : sq_stmt(s,
                                     "SELECT file_name, content_type, size, sha256 "
                                     "FROM source_file WHERE source_id = ?1",
                                     err);
    if (!st) return -1;
    sq_bind_int(st, 1, source_id);
    int rc = sq_step_row(s, st, err);
    if (rc <= 0) {
        db_reset(st);
        return rc;
    }
    out->source_id = source_id;
    out->name = sq_col_text(a, st, 0);
    out->content_type = sq_col_text(a, st, 1);
    out->size = sq_col_int(st, 2);
    const char *hex = sq_col_text(a, st, 3);
    snprintf(out->sha256, sizeof out->sha256, "%s", hex ? hex : "");
    if (want_data) {
        size_t n = 0;
        const void *bytes = db_col_blob(st, 4, &n);
        void *copy = arena_alloc(a, n + 1);
        if (n) memcpy(copy, bytes, n);
        out->data = copy;
        out->size = (int64_t)n;
    }
    db_reset(st);
    return 1;
}

int store_source_find_sha256(Store *s, const char *municipality, const char *sha256,
                             int64_t *source_id, PokErr *err)
{
    *source_id = 0;
    DbStmt *st = sq_stmt(s,
                         "SELECT f.source_id FROM source_file f JOIN source src"
                         " ON src.id = f.source_id WHERE f.sha256 = ?1 AND src.municipality = ?2"
                         " ORDER BY f.source_id LIMIT 1",
                         err);
    if (!st) return -1;
    sq_bind_text(st, 1, sha256);
    sq_bind_text(st, 2, municipality);
    int rc = sq_step_row(s, st, err);
    if (rc == 1) *source_id = db_col_int(st, 0);
    if (rc >= 0) db_reset(st);
    return rc;
}
