/* read_refs.c: every reference the document carries (kenmerk, zaaknummer,
 * registratienummer, "ons kenmerk", "uw kenmerk", "Lbr. 21/083", a bare document number
 * on a line of its own in a header or footer), verbatim, in order of first occurrence,
 * without duplicates. A reference holds digits and is one token (or a short prefix with
 * a dot and a number, "Lbr. 21/083"); dates, years and periods, amounts, phone numbers,
 * page numbers and web addresses are not references. */
#include "read_meta.h"

#include "../dutch_time.h"

#include <stdlib.h>
#include <string.h>

/* Field labels, folded; the longer ones first so "ons kenmerk" is not read as "kenmerk". */
static const char *const labels[] = {"ons kenmerk",     "uw kenmerk",     "kenmerk",
                                     "zaaknummer",      "zaaknr",         "registratienummer",
                                     "registratienr",   "documentnummer", "dossiernummer",
                                     "briefnummer",     "voorstelnummer", "raadsvoorstelnummer",
                                     "besluitnummer",   "corsanummer",    "referentie",
                                     "onze referentie", "uw referentie",  "ons nummer",
                                     "reg nr",          "bijlagenummer",  "nummer"};

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Whether s is a number in thousands groups ("459.500", "1.234.567"): an amount. */
static int thousands(const char *s)
{
    size_t lead = 0;
    while (is_digit(s[lead])) lead++;
    if (lead == 0 || lead > 3 || s[lead] != '.') return 0;
    for (const char *p = s + lead; *p; p += 4)
        if (p[0] != '.' || !is_digit(p[1]) || !is_digit(p[2]) || !is_digit(p[3])) return 0;
    return 1;
}

/* Whether tok (len bytes) is a reference: 3-40 bytes of letters, digits and - / . _,
 * with digits, not a date, a year or a period of years, an amount, a phone number. */
static int reference_token(const char *tok, size_t len, int labelled)
{
    if (len < 3 || len > 40) return 0;
    size_t digits = 0, letters = 0, dots = 0, commas = 0, seps = 0;
    for (size_t i = 0; i < len; i++) {
        char c = tok[i];
        if (is_digit(c))
            digits++;
        else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            letters++;
        else if (c == '.')
            dots++;
        else if (c == ',')
            commas++;
        else if (c == '-' || c == '/' || c == '_')
            seps++;
        else
            return 0;
    }
    if (digits < 2 || commas) return 0;
    char iso[11], buf[48];
    memcpy(buf, tok, len);
    buf[len] = '\0';
    if (date_nl_parse(buf, iso) == len) return 0;
    if (!letters && !seps) /* a bare number: not a year, not an amount "459.500" */
        return labelled && digits >= 4 && !thousands(buf) &&
               !(len == 4 && (buf[0] == '1' || buf[0] == '2'));
    if (!letters && len == 9 && seps == 1 && buf[4] == '-' && atoi(buf + 5) >= atoi(buf) &&
        atoi(buf + 5) < 2200)
        return 0; /* a period of years "2021-2023", not the number "2025-0871" */
    if (!letters && buf[0] == '0' && digits == 10) return 0; /* a phone number */
    if (!labelled && digits < 4) return 0;
    return 1;
}

/* The reference at s (after a label, or a line's only text): its length, or 0. "Lbr."
 * and similar short prefixes with a dot keep the number after them. */
static size_t reference_at(const char *s, int labelled)
{
    size_t n = 0;
    while (s[n] && s[n] != ' ' && s[n] != ';' && s[n] != ')' && s[n] != '(') n++;
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ':')) n--;
    if (reference_token(s, n, labelled)) return n;
    /* "Lbr. 21/083", and after a label "RV 2025-088", "RIB 2025/004": a prefix of 2-6
     * letters (with a dot, or in capitals), a space, a number with a separator */
    size_t p = 0;
    int caps = 1;
    while ((s[p] >= 'a' && s[p] <= 'z') || (s[p] >= 'A' && s[p] <= 'Z')) {
        if (s[p] >= 'a' && s[p] <= 'z') caps = 0;
        p++;
    }
    int dot = s[p] == '.';
    size_t sp = p + dot;
    if (p >= 2 && p <= 6 && (dot || (caps && labelled)) && s[sp] == ' ' && is_digit(s[sp + 1])) {
        size_t q = sp + 1;
        while (s[q] && s[q] != ' ' && s[q] != ';' && s[q] != ')') q++;
        while (q > sp + 1 && (s[q - 1] == '.' || s[q - 1] == ',')) q--;
        int sep = memchr(s + sp + 1, '/', q - sp - 1) || memchr(s + sp + 1, '-', q - sp - 1);
        if (sep && reference_token(s + sp + 1, q - sp - 1, 1)) return q;
    }
    return 0;
}

static void add(ReadResult *res, const char *s, size_t n)
{
    char buf[64];
    if (n >= sizeof buf) return;
    memcpy(buf, s, n);
    buf[n] = '\0';
    read_add_reference(res, buf);
}

static int ocr_page(const ReadDoc *doc, int page)
{
    for (size_t i = 0; i < doc->n_ocr; i++)
        if (doc->ocr_pages[i] == page) return 1;
    return 0;
}

/* A labelled reference on a page read by OCR, which puts spaces into long digit runs
 * ("GM-2025-001 17" for "GM-2025-00117"): a last fragment of one to three digits ending
 * the line joins the reference. */
static void add_ocr(ReadResult *res, const char *v, size_t n)
{
    const char *rest = v + n;
    size_t d = 0;
    if (rest[0] == ' ' && n > 0 && is_digit(v[n - 1]))
        while (is_digit(rest[1 + d])) d++;
    const char *end = rest + 1 + d;
    while (*end == ' ') end++;
    if (d < 1 || d > 3 || *end) {
        add(res, v, n);
        return;
    }
    char buf[64];
    if (n + d >= sizeof buf) return;
    memcpy(buf, v, n);
    memcpy(buf + n, rest + 1, d);
    buf[n + d] = '\0';
    read_add_reference(res, buf);
}

/* Skip what separates a label from its value: spaces, a colon, markdown stars, "nr." */
static const char *skip_sep(const char *s)
{
    while (*s == ' ' || *s == ':' || *s == '*' || *s == '.' || *s == '\t') s++;
    return s;
}

/* Where the folded label ends in the original text s, matching letter by letter (the
 * folded form drops punctuation). Returns a pointer just after the label, or NULL. */
static const char *find_label(const char *s, const char *label)
{
    for (const char *at = s; *at; at++) {
        if (at != s && ((at[-1] >= 'a' && at[-1] <= 'z') || (at[-1] >= 'A' && at[-1] <= 'Z')))
            continue;
        /* compare letters only: "Ons kenmerk" / "ons  kenmerk" / "Reg.nr" */
        const char *a = at, *b = label;
        while (*a && *b) {
            char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
            if (*b == ' ') {
                if (*a == ' ' || *a == '.' || *a == '-') {
                    while (*a == ' ' || *a == '.' || *a == '-') a++;
                    b++;
                    continue;
                }
                break;
            }
            if (ca != *b) break;
            a++, b++;
        }
        if (!*b && !((*a >= 'a' && *a <= 'z') || (*a >= 'A' && *a <= 'Z'))) return a;
    }
    return NULL;
}

void meta_references(const ReadDoc *doc, ReadResult *res)
{
    for (size_t i = 0; i < doc->nlines; i++) {
        const char *s = doc->lines[i].text;
        const char *t = skip_sep(s);
        if (!*t) continue;
        char f[2048];
        meta_fold(s, f, sizeof f, 1);
        for (size_t l = 0; l < sizeof labels / sizeof *labels; l++) {
            if (!meta_has_phrase(f, labels[l])) continue; /* cheap: the folded line */
            const char *after = find_label(s, labels[l]);
            if (!after) continue;
            const char *v = skip_sep(after);
            if (*v) {
                size_t n = reference_at(v, 1);
                if (n && ocr_page(doc, doc->lines[i].page))
                    add_ocr(res, v, n);
                else if (n)
                    add(res, v, n);
            } else {
                /* the label alone: the values are on the next lines with text, each a
                 * reference alone on its line ("Kenmerk" / "TISB/U202100948" /
                 * "Lbr. 21/083") */
                for (size_t j = i + 1; j < doc->nlines && j < i + 8; j++) {
                    const char *w = skip_sep(doc->lines[j].text);
                    if (!*w) continue;
                    size_t n = reference_at(w, 1);
                    if (!n || *skip_sep(w + n)) break;
                    add(res, w, n);
                }
            }
            break;
        }
        /* a bare document number alone on its line, or "Lbr. 21/083" anywhere */
        size_t n = reference_at(t, 0);
        if (n && !*skip_sep(t + n) && strpbrk(t, "-/")) add(res, t, n);
        for (const char *p = strstr(s, "Lbr."); p; p = strstr(p + 1, "Lbr.")) {
            size_t m = reference_at(p, 0);
            if (m) add(res, p, m);
        }
    }
}
