/* read_money.c: the numbers of one line of a council document: amounts with a currency mark
 * (also as OCR damages them: "£ 165.000", "€ 52 500", "[ € 100.000", "(€ 225.000)1"),
 * bare numbers that may be table cells, and "-" cells. Integer arithmetic only. */
#include "read_amounts.h"

#include "../money.h"

#include <ctype.h>
#include <string.h>

/* Words after a number that make it a count, a duration or a share, never money. */
static const char *const count_words[] = {
    "inwoners", "personen",  "mensen",  "huishoudens", "kinderen",    "jongeren",   "uur",
    "uren",     "weken",     "week",    "dagen",       "dag",         "maanden",    "jaar",
    "jaren",    "procent",   "fte",     "consulenten", "medewerkers", "deelnemers", "gemeenten",
    "pagina",   "pagina's",  "minuten", "cliënten",    "aanvragen",   "meldingen",  "keer",
    "plekken",  "trajecten", NULL};

/* Words before a number that make it a reference, article, page or phone number. */
static const char *const ref_words[] = {"lbr.",    "artikel",   "art.",      "pagina",   "blz.",
                                        "nr.",     "nummer",    "kenmerk",   "telefoon", "tel.",
                                        "bijlage", "hoofdstuk", "paragraaf", "versie",   NULL};

static int is_sep(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '|' || c == '[' || c == ']' || c == '(' || c == ')' ||
           c == ':' || c == ';';
}

/* A currency mark at s: its length, 0 none. "€" U+20AC, "£" U+00A3 (OCR), "EUR". */
static size_t currency_at(const char *s, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] == 0xE2 && u[1] == 0x82 && u[2] == 0xAC) return 3;
    if (u[0] == 0xC2 && u[1] == 0xA3) return 2;
    if ((i == 0 || !isalpha((unsigned char)s[i - 1])) && strncmp(s + i, "EUR", 3) == 0 &&
        !isalpha(u[3]))
        return 3;
    return 0;
}

/* Digits at s+i: count. */
static size_t digits(const char *s, size_t i)
{
    size_t n = 0;
    while (isdigit((unsigned char)s[i + n])) n++;
    return n;
}

/* The number at s+i ("1.234.567", "52 500" when spaced is set, "1,2", "1.234,56", "0",
 * "1.234,-"): its end, its value in cents, whether it had thousands separators. */
static size_t number_at(const char *s, size_t i, int spaced, int64_t *cents, int *grouped)
{
    size_t n = digits(s, i);
    *grouped = 0;
    *cents = 0;
    if (n == 0) return i;
    int64_t whole = 0;
    size_t j = i;
    for (size_t k = 0; k < n && k < 13; k++) whole = whole * 10 + (s[j + k] - '0');
    j += n;
    *grouped = 0;
    if (n <= 3) {
        /* thousands groups: ".ddd" (or " ddd" in OCR'd amounts with a currency mark) */
        for (;;) {
            char sep = s[j];
            if ((sep == '.' || (spaced && sep == ' ')) && digits(s, j + 1) == 3 &&

                !(sep == ' ' && s[j + 4] == '.' && isdigit((unsigned char)s[j + 5]))) {
                for (size_t k = 1; k <= 3; k++) whole = whole * 10 + (s[j + k] - '0');
                j += 4;
                *grouped = 1;
                if (whole > MONEY_MAX_CENTS / 100) break;
                continue;
            }
            break;
        }
    }
    int64_t c = whole * 100;
    if (s[j] == ',' && isdigit((unsigned char)s[j + 1])) {
        size_t d = digits(s, j + 1);
        if (d <= 2) {
            c += (s[j + 1] - '0') * 10 + (d == 2 ? s[j + 2] - '0' : 0);
            j += 1 + d;
        }
    } else if (s[j] == ',' && s[j + 1] == '-') {
        j += 2;
        if (s[j] == '-') j++;
    }
    *cents = c;
    return j;
}

/* "miljoen", "mln", "miljard" after the number: the multiplier, and the end. */
static int64_t scale_word(const char *s, size_t *j)
{
    size_t k = *j;
    while (s[k] == ' ') k++;
    static const struct {
        const char *w;
        int64_t m;
    } words[] = {
        {"miljoen", 1000000}, {"mln", 1000000}, {"miljard", 1000000000}, {"mld", 1000000000}};
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        size_t len = strlen(words[w].w);
        if (strncasecmp(s + k, words[w].w, len) == 0 && !isalpha((unsigned char)s[k + len])) {
            *j = k + len;
            if (s[*j] == '.') (*j)++;
            return words[w].m;
        }
    }
    return 1;
}

/* Whether the word before position i (skipping spaces) is one of list. */
static int word_before_in(const char *s, size_t i, const char *const *list)
{
    size_t e = i;
    while (e > 0 && s[e - 1] == ' ') e--;
    size_t b = e;
    while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '(') b--;
    if (b == e || e - b > 20) return 0;
    char w[24];
    memcpy(w, s + b, e - b);
    w[e - b] = 0;
    for (size_t k = 0; list[k]; k++)
        if (strcasecmp(w, list[k]) == 0) return 1;
    return 0;
}

static int word_after_in(const char *s, size_t j, const char *const *list)
{
    while (s[j] == ' ') j++;
    size_t e = j;
    while (s[e] && s[e] != ' ' && s[e] != ',' && s[e] != '.' && s[e] != ')' && s[e] != ';') e++;
    if (e == j || e - j > 20) return 0;
    char w[24];
    memcpy(w, s + j, e - j);
    w[e - j] = 0;
    for (size_t k = 0; list[k]; k++)
        if (strcasecmp(w, list[k]) == 0) return 1;
    return 0;
}

/* A euro word after the number ("1.000 euro"). */
static size_t euro_word_after(const char *s, size_t j)
{
    size_t k = j;
    while (s[k] == ' ') k++;
    if (strncasecmp(s + k, "euro", 4) == 0 && !isalpha((unsigned char)s[k + 4])) return k + 4;
    return 0;
}

/* "V" / "N" after an amount (voordeel / nadeel). */
static char vn_suffix(const char *s, size_t *j)
{
    size_t k = *j;
    while (s[k] == ' ') k++;
    if ((s[k] == 'V' || s[k] == 'N') && !isalnum((unsigned char)s[k + 1])) {
        *j = k + 1;
        return s[k];
    }
    return 0;
}

size_t amt_scan(const char *s, AmtTok *out, size_t max)
{
    size_t n = 0, i = 0, len = strlen(s);
    while (i < len && n < max) {
        size_t cur = currency_at(s, i);
        if (cur) {
            size_t j = i + cur;
            while (s[j] == ' ' || s[j] == '\xc2') { /* spaces, also no-break (C2 A0) */
                if ((unsigned char)s[j] == 0xC2 && (unsigned char)s[j + 1] == 0xA0)
                    j++;
                else if ((unsigned char)s[j] == 0xC2)
                    break;
                j++;
            }
            if (s[j] == '-' && isdigit((unsigned char)s[j + 1])) j++;
            if (isdigit((unsigned char)s[j])) {
                AmtTok t = {0};
                int grouped = 0;
                t.start = i;
                t.end = number_at(s, j, 1, &t.cents, &grouped);
                int64_t m = scale_word(s, &t.end);
                if (m > 1) {
                    t.million = 1;
                    t.cents *= m;
                }
                t.euro = t.money_ok = 1;
                /* "x € 1.000", "(bedragen x € 1.000)": the unit of a table, no amount */
                if (i >= 2 && (s[i - 2] == 'x' || s[i - 2] == 'X') && s[i - 1] == ' ' &&
                    (i == 2 || !isalpha((unsigned char)s[i - 3])))
                    t.euro = t.money_ok = 0;
                t.suffix = vn_suffix(s, &t.end);
                out[n++] = t;
                i = t.end;
                continue;
            }
            i += cur;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (isdigit(c) && (i == 0 || !isalnum((unsigned char)s[i - 1]))) {
            AmtTok t = {0};
            int grouped = 0;
            t.start = i;
            t.end = number_at(s, i, 0, &t.cents, &grouped);
            size_t nd = digits(s, i);
            char prev = i > 0 ? s[i - 1] : ' ';
            char next = s[t.end];
            int glued = prev == '-' || prev == '/' || prev == '.' || prev == ',' || next == '-' ||
                        next == '/' || (next == '.' && isalnum((unsigned char)s[t.end + 1])) ||
                        isalpha((unsigned char)next) || next == '%' || next == ':';
            if (!grouped && nd == 4 && t.end == i + 4 && t.cents >= 199000 && t.cents <= 209900)
                t.year = 1;
            /* a list or article number "2." / "1.1" followed by text */
            int listno = !grouped && next == '.' && !isdigit((unsigned char)s[t.end + 1]);
            size_t ew = euro_word_after(s, t.end);
            int64_t m = scale_word(s, &t.end);
            if (ew) {
                t.euro = 1;
                t.end = ew;
            } else if (m > 1) {
                t.million = 1;
                t.cents *= m;
            }
            t.money_ok = !t.year && !glued && !listno && !word_after_in(s, t.end, count_words) &&
                         !word_before_in(s, i, ref_words);
            if (t.money_ok) t.suffix = vn_suffix(s, &t.end);
            /* a footnote digit glued to a closing bracket: "(€ 225.000)1" */
            if (prev == ')' && nd == 1 && !grouped) t.money_ok = 0;
            out[n++] = t;
            i = t.end > i ? t.end : i + 1;
            continue;
        }
        /* a lone dash (or en dash) between separators: an empty cell */
        if ((c == '-' ||
             (c == 0xE2 && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x93)) &&
            (i == 0 || is_sep((unsigned char)s[i - 1]))) {
            size_t w = c == '-' ? 1 : 3;
            if (s[i + w] == 0 || is_sep((unsigned char)s[i + w])) {
                AmtTok t = {0};
                t.start = i;
                t.end = i + w;
                t.dash = 1;
                out[n++] = t;
                i += w;
                continue;
            }
        }
        i++;
    }
    return n;
}
