/* text.h: what every text that enters pok must be, checked once at each boundary (form
 * and query parameters, CSV and spreadsheet cells, command-line options, and the store's
 * writes as the last line of defence), so that nothing downstream has to cope with bad
 * text:
 *   - valid UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF);
 *   - no control characters other than tab, line feed and carriage return (U+0000-U+001F,
 *     U+007F-U+009F), nor U+FFFE and U+FFFF, which XML (xlsx, ods) cannot hold;
 *   - not longer than its bound, counted in characters (code points).
 * The bounds are the table in text.c, described here once:
 *   TEXT_SHORT  300 characters: names, titles, places in a source, references, codes,
 *               statuses, people and organisations;
 *   TEXT_LONG   10 000 characters: descriptions, explanations, notes, lists of cost
 *               centres, and a cell of an imported file or a command-line argument
 *               before it is known what it becomes. */
#ifndef POK_TEXT_H
#define POK_TEXT_H

#include "util.h"

#include <stddef.h>
#include <stdint.h>

typedef enum TextBound {
    TEXT_SHORT = 0,
    TEXT_LONG = 1,
    TEXT_UNBOUNDED = 2 /* valid text of any length (the caller bounds it otherwise) */
} TextBound;

/* The most characters a text of the bound may have (SIZE_MAX for TEXT_UNBOUNDED). */
size_t text_max_chars(TextBound bound);

typedef enum TextProblem {
    TEXT_OK = 0,
    TEXT_INVALID_UTF8, /* not UTF-8: a stray, truncated, overlong or out-of-range sequence */
    TEXT_CONTROL,      /* a control character (or U+FFFE, U+FFFF) */
    TEXT_TOO_LONG
} TextProblem;

/* What text_scan found: the problem, the byte offset and the number of characters before
 * it (for TEXT_TOO_LONG: the length in characters), the byte (invalid UTF-8) or code
 * point (a control character) at fault, and the bound that was passed. */
typedef struct TextScan {
    TextProblem problem;
    size_t offset, chars;
    uint32_t value;
    size_t max_chars;
} TextScan;

/* Check len bytes of s against the rules above with at most max_chars characters
 * (SIZE_MAX: no bound). Returns scan->problem; scan may be NULL. */
TextProblem text_scan(const char *s, size_t len, size_t max_chars, TextScan *scan);
/* 1 when len bytes of s are valid UTF-8 (control characters allowed), else 0. */
int text_utf8_valid(const char *s, size_t len);
/* The problem in plain Dutch, "geen geldige UTF-8-tekst (byte 0xFF na 3 tekens)", into
 * out; the empty text for TEXT_OK. */
void text_describe(const TextScan *scan, char *out, size_t size);
/* The whole check of one NUL-terminated field (NULL passes): 0, or -1 with err set to
 * "WHAT: <problem>" (what names the field as the user knows it). */
int text_check(const char *what, const char *s, TextBound bound, PokErr *err);
/* The bytes of the first max_chars characters of the valid text s (for quoting a long
 * text in a message without cutting a character in half). */
size_t text_prefix_bytes(const char *s, size_t max_chars);

#endif
