/* read_meta_text.c: folded text, the document as a stream of words, and the dates in a
 * line, for the parts of read_meta (read_meta.h). */
#include "read_meta.h"

#include "../dutch_time.h"

#include <string.h>

/* The base letter of the Latin-1 letter U+00C0 + i (À..ÿ), or 0 for none (×, ÷). */
static const char latin1_base[] = "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
                                  "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";

static int is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

size_t meta_fold(const char *s, char *out, size_t cap, int words_only)
{
    size_t j = 0;
    int space = 1; /* trim the start */
    for (size_t i = 0; s[i] && j + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if (c == 0xC3 && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0xBF) {
            char base = latin1_base[(unsigned char)s[i + 1] - 0x80];
            if (base) {
                c = (unsigned char)base;
                i++;
            }
        }
        if (words_only && !is_alnum(c)) {
            if (!space) out[j++] = ' ';
            space = 1;
            continue;
        }
        out[j++] = (char)c;
        space = 0;
    }
    if (words_only && j > 0 && out[j - 1] == ' ') j--;
    out[j] = '\0';
    return j;
}

void meta_text_build(const ReadDoc *doc, MetaText *t)
{
    memset(t, 0, sizeof *t);
    for (size_t li = 0; li < doc->nlines; li++) {
        const char *s = doc->lines[li].text;
        int brk = 1, punct = 0;
        size_t i = 0;
        while (s[i]) {
            unsigned char c = (unsigned char)s[i];
            int letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                         (c >= '0' && c <= '9') || (c == 0xC3 && s[i + 1]);
            if (!letter) {
                if (c != ' ' && c != '-' && c != '\'') brk = punct = 1;
                i++;
                continue;
            }
            size_t start = i;
            while (s[i]) {
                c = (unsigned char)s[i];
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                    i++;
                else if (c == 0xC3 && s[i + 1])
                    i += 2;
                else
                    break;
            }
            char raw[128], folded[128];
            size_t len = i - start < sizeof raw - 1 ? i - start : sizeof raw - 1;
            memcpy(raw, s + start, len);
            raw[len] = '\0';
            meta_fold(raw, folded, sizeof folded, 1);
            t->words = arena_grow(&t->arena, t->words, sizeof *t->words, &t->cap, t->n + 1);
            MetaWord *w = &t->words[t->n++];
            w->w = arena_strdup(&t->arena, folded);
            w->line = li;
            w->upper = (s[start] >= 'A' && s[start] <= 'Z') ||
                       ((unsigned char)s[start] == 0xC3 && (unsigned char)s[start + 1] < 0x9F);
            w->brk = brk;
            w->punct = punct;
            brk = punct = 0;
        }
    }
}

void meta_text_free(MetaText *t)
{
    arena_free(&t->arena);
    memset(t, 0, sizeof *t);
}

int meta_has_phrase(const char *f, const char *p)
{
    size_t n = strlen(p);
    for (const char *at = strstr(f, p); at; at = strstr(at + 1, p)) {
        int left = at == f || !is_alnum((unsigned char)at[-1]);
        int right = !is_alnum((unsigned char)at[n]);
        if (left && right) return 1;
    }
    return 0;
}

size_t meta_line_dates(const ReadDoc *doc, size_t li, MetaDate *out, size_t max)
{
    const char *s = doc->lines[li].text;
    size_t len = strlen(s), found = 0;
    /* The line and the start of the next one, so a date broken after its month is whole. */
    char joined[1200];
    size_t n = len < 1000 ? len : 1000;
    memcpy(joined, s, n);
    joined[n] = '\0';
    if (li + 1 < doc->nlines && doc->lines[li + 1].page == doc->lines[li].page) {
        const char *next = doc->lines[li + 1].text;
        while (*next == ' ') next++;
        size_t nn = strlen(next);
        if (nn > 12) nn = 12;
        joined[n] = ' ';
        memcpy(joined + n + 1, next, nn);
        joined[n + 1 + nn] = '\0';
    }
    for (size_t i = 0; i < n && found < max; i++) {
        unsigned char c = (unsigned char)joined[i];
        int ocr_digit = (c == 'l' || c == 'I' || c == 'O') && joined[i + 1] >= '0' &&
                        joined[i + 1] <= '9' && (i == 0 || joined[i - 1] == ' ');
        if ((c < '0' || c > '9') && !ocr_digit) continue;
        if (i > 0 && ((joined[i - 1] >= '0' && joined[i - 1] <= '9') || joined[i - 1] == '-' ||
                      joined[i - 1] == '/' || joined[i - 1] == '.'))
            continue;
        char iso[11];
        size_t used = date_nl_parse(joined + i, iso);
        if (!used) continue;
        out[found].off = i;
        out[found].continued = i + used > n;
        out[found].len = out[found].continued ? n - i : used;
        memcpy(out[found].iso, iso, 11);
        found++;
        i += used - 1;
    }
    return found;
}
