/* read_doc.c: the ReadDoc every format reader fills, and its caps. Every line that enters
 * it is valid text of bounded length (text.h), whatever the file held. */
#include "read_internal.h"

#include <string.h>

void read_limits_default(ReadLimits *lim)
{
    if (!lim->max_bytes) lim->max_bytes = (size_t)100 << 20;
    if (!lim->max_pages) lim->max_pages = 1000;
    if (!lim->max_unzipped) lim->max_unzipped = (size_t)64 << 20;
    if (!lim->ocr_dpi) lim->ocr_dpi = 300;
}

/* The length of the UTF-8 sequence at s (n bytes left) and its code point, or 0 when the
 * bytes are no valid UTF-8 (RFC 3629: no overlong forms, surrogates, or above U+10FFFF). */
static size_t utf8_sequence(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if ((c & 0xe0) == 0xc0)
        len = 2, v = c & 0x1f, min = 0x80;
    else if ((c & 0xf0) == 0xe0)
        len = 3, v = c & 0x0f, min = 0x800;
    else if ((c & 0xf8) == 0xf0)
        len = 4, v = c & 0x07, min = 0x10000;
    else
        return 0;
    if (len > n) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return 0;
    *cp = v;
    return len;
}

/* Characters text.h does not let in: controls (C0, DEL, C1) and U+FFFE, U+FFFF. */
static int is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0xfffe || cp == 0xffff;
}

/* Make t (len bytes) valid text in place and return the bytes of its first
 * READ_MAX_LINE_CHARS characters. */
static size_t clean_text(char *t, size_t len)
{
    unsigned char *u = (unsigned char *)t;
    size_t i = 0, chars = 0;
    while (i < len && chars < READ_MAX_LINE_CHARS) {
        uint32_t cp;
        size_t n = utf8_sequence(u + i, len - i, &cp);
        if (n == 0) {
            u[i++] = '?';
        } else {
            if (is_control(cp)) memset(u + i, ' ', n);
            i += n;
        }
        chars++;
    }
    return i;
}

ReadLine *read_doc_add_line(ReadDoc *doc, int page, const char *text, size_t len,
                            const ReadWord *words, size_t nwords)
{
    doc->lines =
        arena_grow(&doc->arena, doc->lines, sizeof *doc->lines, &doc->cap, doc->nlines + 1);
    ReadLine *l = &doc->lines[doc->nlines];
    int prev = 0;
    if (doc->nlines > 0 && doc->lines[doc->nlines - 1].page == page)
        prev = doc->lines[doc->nlines - 1].line;
    doc->nlines++;
    memset(l, 0, sizeof *l);
    l->page = page;
    l->line = prev + 1;
    char *t = arena_alloc(&doc->arena, len + 1);
    if (len) memcpy(t, text, len);
    t[clean_text(t, len)] = 0;
    l->text = t;
    if (nwords) {
        l->words = arena_alloc(&doc->arena, nwords * sizeof *l->words);
        for (size_t i = 0; i < nwords; i++) {
            l->words[i] = words[i];
            const char *w = words[i].text ? words[i].text : "";
            size_t wl = strlen(w);
            char *wt = arena_alloc(&doc->arena, wl + 1);
            memcpy(wt, w, wl);
            wt[clean_text(wt, wl)] = 0;
            l->words[i].text = wt;
        }
        l->nwords = nwords;
    }
    if (page > doc->pages) doc->pages = page;
    return l;
}

void read_doc_add_text(ReadDoc *doc, int page, const char *text, size_t len)
{
    for (;;) {
        /* the bytes of the first READ_MAX_LINE_CHARS characters (any byte that is no
         * lead byte of UTF-8 continues a character) */
        size_t cut = 0, chars = 0;
        while (cut < len && chars < READ_MAX_LINE_CHARS) {
            cut++;
            while (cut < len && ((unsigned char)text[cut] & 0xc0) == 0x80) cut++;
            chars++;
        }
        if (cut < len) { /* longer: end this line at its last space, if it has one */
            size_t sp = cut;
            while (sp > 0 && text[sp - 1] != ' ') sp--;
            if (sp > 0) cut = sp;
        }
        size_t end = cut;
        while (end > 0 && text[end - 1] == ' ') end--;
        read_doc_add_line(doc, page, text, end, NULL, 0);
        while (cut < len && text[cut] == ' ') cut++;
        if (cut >= len) return;
        text += cut;
        len -= cut;
    }
}

void read_doc_free(ReadDoc *doc)
{
    arena_free(&doc->arena);
    memset(doc, 0, sizeof *doc);
}
