/* read_doc.c: the ReadDoc every format reader fills, and its caps. */
#include "read.h"

#include <string.h>

void read_limits_default(ReadLimits *lim)
{
    if (!lim->max_bytes)
        lim->max_bytes = (size_t)100 << 20;
    if (!lim->max_pages)
        lim->max_pages = 1000;
    if (!lim->max_unzipped)
        lim->max_unzipped = (size_t)64 << 20;
    if (!lim->ocr_dpi)
        lim->ocr_dpi = 300;
}

ReadLine *read_doc_add_line(ReadDoc *doc, int page, const char *text, size_t len,
                            const ReadWord *words, size_t nwords)
{
    doc->lines = arena_grow(&doc->arena, doc->lines, sizeof *doc->lines, &doc->cap, doc->nlines + 1);
    ReadLine *l = &doc->lines[doc->nlines];
    int prev = 0;
    for (size_t i = doc->nlines; i > 0; i--) {
        if (doc->lines[i - 1].page != page)
            break;
        prev = doc->lines[i - 1].line;
        break;
    }
    doc->nlines++;
    memset(l, 0, sizeof *l);
    l->page = page;
    l->line = prev + 1;
    char *t = arena_alloc(&doc->arena, len + 1);
    memcpy(t, text, len);
    t[len] = 0;
    /* Control characters (a tab, a stray form feed, OCR debris) become spaces, so every
     * line is text that may enter pok (text.h). */
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)t[i] < 0x20 || t[i] == 0x7f)
            t[i] = ' ';
    l->text = t;
    if (nwords) {
        l->words = arena_alloc(&doc->arena, nwords * sizeof *l->words);
        for (size_t i = 0; i < nwords; i++) {
            l->words[i] = words[i];
            l->words[i].text = arena_strdup(&doc->arena, words[i].text);
        }
        l->nwords = nwords;
    }
    if (page > doc->pages)
        doc->pages = page;
    return l;
}

void read_doc_free(ReadDoc *doc)
{
    arena_free(&doc->arena);
    memset(doc, 0, sizeof *doc);
}
