/* fuzz_docx.c: pok read's DOCX and ODT path (libzip, expat, paragraphs, table cells,
 * page breaks, the unzip cap) over arbitrary bytes never crashes and gives sane lines or
 * a message (fuzz_read_common.h). The first byte chooses: the rest as a whole zip, or as
 * word/document.xml or content.xml inside a valid archive built here (so the XML itself
 * is fuzzed, not only the deflate stream). */
#include "fuzz_read_common.h"

#include <stdint.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A zip (stored, not deflated) holding name = text, in malloc'ed memory. */
static unsigned char *make_zip(const char *name, const uint8_t *text, size_t n, size_t *len)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &zerr);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &zerr);
    zip_source_t *p = zip_source_buffer(z, text, n, 0);
    zip_int64_t idx = zip_file_add(z, name, p, ZIP_FL_OVERWRITE);
    zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
    if (zip_close(z) != 0) abort();
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    unsigned char *out = malloc((size_t)size + 1);
    if (zip_source_read(src, out, (zip_uint64_t)size) != size) abort();
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&zerr);
    *len = (size_t)size;
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int mode = data[0] % 3;
    if (mode == 0) {
        fuzz_read(data + 1, size - 1);
        return 0;
    }
    size_t len;
    unsigned char *zip =
        make_zip(mode == 1 ? "word/document.xml" : "content.xml", data + 1, size - 1, &len);
    fuzz_read(zip, len);
    free(zip);
    return 0;
}
