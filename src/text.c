/* text.c: see text.h. The validator follows the table of well-formed byte sequences
 * of RFC 3629 (and Unicode chapter 3, table 3-7). */
#include "text.h"

#include <stdio.h>
#include <string.h>

/* The bounds of text.h, in characters. */
static const struct {
    TextBound bound;
    size_t max_chars;
} text_bounds[] = {
    {TEXT_SHORT, 300},
    {TEXT_LONG, 10000},
    {TEXT_UNBOUNDED, SIZE_MAX},
};

size_t text_max_chars(TextBound bound)
{
    for (size_t i = 0; i < sizeof text_bounds / sizeof text_bounds[0]; i++)
        if (text_bounds[i].bound == bound) return text_bounds[i].max_chars;
    return text_bounds[0].max_chars;
}

/* The length of the well-formed sequence at p (at most n bytes) and its code point, or 0
 * when it is not one. */
static size_t decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    unsigned char c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF; /* the range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0; /* overlong below */
        if (c == 0xED) hi = 0x9F; /* surrogates U+D800-U+DFFF above */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90; /* overlong below */
        if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
    } else {
        return 0; /* a continuation byte, C0/C1 (overlong) or F5-FF */
    }
    if (n < len || p[1] < lo || p[1] > hi) return 0;
    uint32_t v = c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (p[i] & 0x3F);
    }
    *cp = v;
    return len;
}

static int is_control(uint32_t cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\r') return 0;
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

TextProblem text_scan(const char *s, size_t len, size_t max_chars, TextScan *scan)
{
    TextScan dummy;
    if (!scan) scan = &dummy;
    memset(scan, 0, sizeof *scan);
    scan->max_chars = max_chars;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, chars = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = decode(p + i, len - i, &cp);
        if (n == 0) {
            scan->problem = TEXT_INVALID_UTF8;
            scan->value = p[i];
        } else if (is_control(cp)) {
            scan->problem = TEXT_CONTROL;
            scan->value = cp;
        }
        if (scan->problem) {
            scan->offset = i;
            scan->chars = chars;
            return scan->problem;
        }
        i += n;
        chars++;
    }
    if (chars > max_chars) {
        scan->problem = TEXT_TOO_LONG;
        scan->chars = chars;
    }
    return scan->problem;
}

int text_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0, n; i < len; i += n) {
        uint32_t cp;
        if ((n = decode(p + i, len - i, &cp)) == 0) return 0;
    }
    return 1;
}

/* A count as Dutch text: 10.000 */
static void count_text(size_t n, char *out, size_t size)
{
    if (n < 1000)
        snprintf(out, size, "%zu", n);
    else if (n < 1000000)
        snprintf(out, size, "%zu.%03zu", n / 1000, n % 1000);
    else
        snprintf(out, size, "%zu.%03zu.%03zu", n / 1000000, n / 1000 % 1000, n % 1000);
}

void text_describe(const TextScan *scan, char *out, size_t size)
{
    char chars[32], max[32];
    count_text(scan->chars, chars, sizeof chars);
    count_text(scan->max_chars, max, sizeof max);
    switch (scan->problem) {
    case TEXT_OK:
        snprintf(out, size, "%s", "");
        break;
    case TEXT_INVALID_UTF8:
        snprintf(out, size, "geen geldige UTF-8-tekst (byte 0x%02X na %s %s)",
                 (unsigned)scan->value, chars, scan->chars == 1 ? "teken" : "tekens");
        break;
    case TEXT_CONTROL:
        snprintf(out, size,
                 "bevat een stuurteken (U+%04X na %s %s); alleen tab en regeleinde mogen in "
                 "een tekst",
                 (unsigned)scan->value, chars, scan->chars == 1 ? "teken" : "tekens");
        break;
    case TEXT_TOO_LONG:
        snprintf(out, size, "te lang: %s tekens, hoogstens %s", chars, max);
        break;
    }
}

size_t text_prefix_bytes(const char *s, size_t max_chars)
{
    size_t i = 0, chars = 0;
    while (s[i] && chars < max_chars) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80) i++;
        chars++;
    }
    return i;
}

int text_check(const char *what, const char *s, TextBound bound, PokErr *err)
{
    if (!s) return 0;
    TextScan scan;
    if (text_scan(s, strlen(s), text_max_chars(bound), &scan) == TEXT_OK) return 0;
    char why[160];
    text_describe(&scan, why, sizeof why);
    return err_set(err, "%s: %s", what, why);
}
