/* read_input.c: a file into a ReadDoc: the caps, the SHA-256, and the format chosen from
 * the file's first bytes (never from its name). */
#include "read_internal.h"

#include "../store/store_source_file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int read_document_mem(const char *name, const unsigned char *data, size_t len,
                      const ReadLimits *limits, ReadDoc *doc, PokErr *err)
{
    ReadLimits lim = limits ? *limits : (ReadLimits){0};
    read_limits_default(&lim);
    memset(doc, 0, sizeof *doc);
    if (len == 0) return err_set(err, "%s: het bestand is leeg (0 bytes)", name);
    if (len > lim.max_bytes)
        return err_set_code(err, ERR_TOO_LARGE,
                            "%s: het bestand is te groot (%zu MiB; ten hoogste %zu MiB)", name,
                            len >> 20, lim.max_bytes >> 20);
    doc->file = arena_strdup(&doc->arena, name);
    store_sha256_hex(data, len, doc->sha256);
    int rc;
    if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
        rc = read_pdf(doc, data, len, &lim, err);
    else if (len >= 4 && memcmp(data, "PK\003\004", 4) == 0)
        rc = read_office(doc, data, len, &lim, err);
    else if ((len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0) ||
             (len >= 3 && memcmp(data, "\xff\xd8\xff", 3) == 0) ||
             (len >= 4 && (memcmp(data, "II*\0", 4) == 0 || memcmp(data, "MM\0*", 4) == 0)))
        rc = read_image(doc, data, len, &lim, err);
    else
        rc = read_text(doc, data, len, err);
    if (rc != 0) {
        PokErr keep = *err;
        read_doc_free(doc);
        *err = keep;
        return -1;
    }
    return 0;
}

int read_file_bytes(const char *path, const ReadLimits *limits, unsigned char **data_out,
                    size_t *len_out, PokErr *err)
{
    ReadLimits lim = limits ? *limits : (ReadLimits){0};
    read_limits_default(&lim);
    *data_out = NULL;
    *len_out = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(err, "%s: kan het bestand niet openen: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return err_set(err, "%s: geen gewoon bestand", path);
    }
    if ((unsigned long long)st.st_size > lim.max_bytes) {
        fclose(f);
        return err_set_code(err, ERR_TOO_LARGE,
                            "%s: het bestand is te groot (%lld MiB; ten hoogste %zu MiB)", path,
                            (long long)st.st_size >> 20, lim.max_bytes >> 20);
    }
    size_t len = (size_t)st.st_size;
    unsigned char *data = xmalloc(len ? len : 1);
    size_t got = len ? fread(data, 1, len, f) : 0;
    fclose(f);
    if (got != len) {
        free(data);
        return err_set(err, "%s: kan het bestand niet lezen", path);
    }
    *data_out = data;
    *len_out = len;
    return 0;
}

int read_document(const char *path, const ReadLimits *limits, ReadDoc *doc, PokErr *err)
{
    memset(doc, 0, sizeof *doc);
    unsigned char *data;
    size_t len;
    if (read_file_bytes(path, limits, &data, &len, err) != 0) return -1;
    int rc = read_document_mem(path, data, len, limits, doc, err);
    free(data);
    return rc;
}
