/* fuzz_read_common.h: what fuzz_pdf.c and fuzz_docx.c share: the SHA-256 the input layer
 * asks of the store (here from libsodium directly, so the fuzzers link no store), and the
 * check of a ReadDoc after a read: every line valid text of bounded length, pages and
 * line numbers counting up, words with their text; a failure says why. */
#ifndef POK_FUZZ_READ_COMMON_H
#define POK_FUZZ_READ_COMMON_H

#include "read/read_internal.h"
#include "store/store_source_file.h"
#include "text.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

void store_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}

static void fuzz_read(const unsigned char *data, size_t len)
{
    ReadLimits lim = {.no_ocr = 1, .max_unzipped = (size_t)4 << 20, .max_pages = 50};
    ReadDoc doc;
    PokErr err = {0};
    if (read_document_mem("fuzz", data, len, &lim, &doc, &err) != 0) {
        if (!err.msg[0] || doc.nlines != 0) abort(); /* a refusal says why, keeps nothing */
        read_doc_free(&doc);
        return;
    }
    int page = 0, line = 0;
    for (size_t i = 0; i < doc.nlines; i++) {
        const ReadLine *l = &doc.lines[i];
        if (l->page < page || l->page < 1 || l->page > doc.pages) abort();
        if (l->page != page) page = l->page, line = 0;
        if (l->line != ++line) abort();
        if (text_scan(l->text, strlen(l->text), READ_MAX_LINE_CHARS, NULL) != TEXT_OK) abort();
        for (size_t k = 0; k < l->nwords; k++)
            if (!l->words[k].text ||
                text_scan(l->words[k].text, strlen(l->words[k].text), SIZE_MAX, NULL) != TEXT_OK)
                abort();
    }
    read_doc_free(&doc);
}

#endif
