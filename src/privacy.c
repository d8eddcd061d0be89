/* privacy.c: the personal-data scanner (privacy.h). One small scanner per kind tries every
 * position where its kind can start; the candidates are then ordered and the overlaps
 * dropped. What repeats (titles, tussenvoegsels, months, the words that make a number a
 * reference) is a table; each rule says why it is there. */
#include "privacy.h"

#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[PRIVACY_N_KINDS] = {"bsn",      "iban",      "email", "phone",
                                                        "postcode", "birthdate", "name"};

const char *privacy_kind_name(PrivacyKind kind)
{
    return kind < PRIVACY_N_KINDS ? kind_names[kind] : "?";
}

/* --- characters ------------------------------------------------------------------- */

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}
static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}
static int is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}
static int is_alpha(unsigned char c)
{
    return is_upper(c) || is_lower(c);
}
static int is_alnum(unsigned char c)
{
    return is_alpha(c) || is_digit(c);
}
/* Part of a word: letters, digits and every byte of a multi-byte character (é, ü, ş). */
static int is_word(unsigned char c)
{
    return is_alnum(c) || c >= 0x80;
}
static unsigned char lower(unsigned char c)
{
    return is_upper(c) ? (unsigned char)(c + 32) : c;
}

typedef struct Text {
    const unsigned char *s;
    size_t len;
} Text;

static unsigned char at(const Text *t, size_t i)
{
    return i < t->len ? t->s[i] : 0;
}
/* i starts a word: the byte before it is not part of one. */
static int word_start(const Text *t, size_t i)
{
    return i == 0 || !is_word(t->s[i - 1]);
}

/* An uppercase letter starts at i (ASCII, or Latin-1 and Latin Extended-A capitals:
 * Ö, Ç, Ş), its length in *n. */
static int upper_at(const Text *t, size_t i, size_t *n)
{
    unsigned char c = at(t, i), d = at(t, i + 1);
    *n = 1;
    if (is_upper(c)) return 1;
    *n = 2;
    if (c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97) return 1;
    if ((c == 0xC4 || c == 0xC5) && d >= 0x80 && d <= 0xBF && !(d & 1)) return 1;
    return 0;
}

/* Case-insensitive: the ASCII word w is at i. */
static int match_at(const Text *t, size_t i, const char *w)
{
    size_t n = strlen(w);
    if (i + n > t->len) return 0;
    for (size_t k = 0; k < n; k++)
        if (lower(t->s[i + k]) != (unsigned char)w[k]) return 0;
    return 1;
}

/* Whether the word of n bytes at i is one of the table's (lowercase ASCII, NULL-ended). */
static int word_in(const Text *t, size_t i, size_t n, const char *const *table)
{
    for (; *table; table++)
        if (strlen(*table) == n && match_at(t, i, *table)) return 1;
    return 0;
}

/* --- candidates -------------------------------------------------------------------- */

static void add(PrivacyFindings *f, PrivacyKind kind, size_t start, size_t end)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 16;
        f->items = xrealloc(f->items, f->cap * sizeof *f->items);
    }
    f->items[f->n++] = (PrivacyFinding){kind, start, end};
}

void privacy_findings_free(PrivacyFindings *f)
{
    free(f->items);
    *f = (PrivacyFindings){0};
}

/* --- the checks -------------------------------------------------------------------- */

int privacy_bsn_valid(const char digits[9])
{
    int sum = 0, nonzero = 0;
    for (int i = 0; i < 9; i++) {
        if (!is_digit((unsigned char)digits[i])) return 0;
        int d = digits[i] - '0';
        nonzero |= d;
        sum += (i < 8 ? 9 - i : -1) * d;
    }
    return nonzero && sum % 11 == 0;
}

int privacy_iban_valid(const char *iban, size_t len)
{
    if (len < 15 || len > 34) return 0;
    if (!is_alpha((unsigned char)iban[0]) || !is_alpha((unsigned char)iban[1]) ||
        !is_digit((unsigned char)iban[2]) || !is_digit((unsigned char)iban[3]))
        return 0;
    if (lower((unsigned char)iban[0]) == 'n' && lower((unsigned char)iban[1]) == 'l' && len != 18)
        return 0;
    /* The first four characters move to the end; letters count as 10..35; the number,
     * computed digit by digit, leaves 1 modulo 97. */
    unsigned rem = 0;
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)iban[(k + 4) % len];
        if (is_digit(c))
            rem = (rem * 10 + (c - '0')) % 97;
        else if (is_alpha(c))
            rem = (rem * 100 + (lower(c) - 'a' + 10)) % 97;
        else
            return 0;
    }
    return rem == 1;
}

/* --- context ----------------------------------------------------------------------- */

/* Words after which a number is a reference of the organisation, not of a person:
 * "zaaknummer 0612345678", "kenmerk 123456782". */
static const char *const reference_words[] = {"zaak",
                                              "zaaknummer",
                                              "zaaknr",
                                              "kenmerk",
                                              "kenm",
                                              "dossier",
                                              "dossiernummer",
                                              "factuur",
                                              "factuurnummer",
                                              "ref",
                                              "referentie",
                                              "referentienummer",
                                              "registratienummer",
                                              "besluitnummer",
                                              "volgnummer",
                                              "ordernummer",
                                              "projectnummer",
                                              "artikel",
                                              "art",
                                              "polisnummer",
                                              "aanvraagnummer",
                                              "documentnummer",
                                              "verzendnummer",
                                              NULL};
/* Words that only say "number" ("BSN-nummer", "zaak nr."): the word before them decides. */
static const char *const number_words[] = {"nummer", "nr", "no", "nummers", NULL};

/* The word that ends just before i (skipping spaces and ':#('), as [*ws, *we); 0 when none. */
static int word_before(const Text *t, size_t i, size_t *ws, size_t *we)
{
    while (i > 0 && (t->s[i - 1] == ' ' || t->s[i - 1] == ':' || t->s[i - 1] == '#' ||
                     t->s[i - 1] == '(' || t->s[i - 1] == '.'))
        i--;
    size_t e = i;
    while (i > 0 && is_word(t->s[i - 1])) i--;
    if (i == e) return 0;
    *ws = i;
    *we = e;
    return 1;
}

/* A reference word within the two words before i ("ons kenmerk: 24.0123456",
 * "zaaknummer nr. 2024"), or a euro sign before it (an amount). */
static int after_reference(const Text *t, size_t i)
{
    size_t j = i;
    while (j > 0 && t->s[j - 1] == ' ') j--;
    if (j >= 3 && memcmp(t->s + j - 3, "\xE2\x82\xAC", 3) == 0) return 1;
    size_t ws, we;
    for (int k = 0, fill = 0; k < 2 && word_before(t, i, &ws, &we); k++) {
        if (word_in(t, ws, we - ws, reference_words)) return 1;
        if (word_in(t, ws, we - ws, number_words) && fill++ < 2) k--;
        if (match_at(t, ws, "eur") && we - ws <= 4) return 1;
        i = ws;
    }
    return 0;
}

/* The token at [start, end) is glued to more of a code: "Z/24/123456", "2024/061234",
 * "123456782-01", "1.234,56". */
static const char glue[] = "/-.,_";
static int glued_left(const Text *t, size_t start)
{
    if (start >= 2 && strchr(glue, t->s[start - 1]) && is_alnum(t->s[start - 2])) return 1;
    return start >= 1 && is_word(t->s[start - 1]);
}
static int glued(const Text *t, size_t start, size_t end)
{
    if (glued_left(t, start)) return 1;
    if (end < t->len && is_word(t->s[end])) return 1;
    if (end + 1 < t->len && strchr(glue, t->s[end]) && is_alnum(t->s[end + 1])) return 1;
    return 0;
}

/* --- digit groups ------------------------------------------------------------------ */

#define MAX_GROUPS 8
typedef struct Groups {
    size_t n;
    size_t len[MAX_GROUPS];        /* digits per group */
    size_t end[MAX_GROUPS];        /* byte after each group */
    unsigned char sep[MAX_GROUPS]; /* separator before group k (k >= 1) */
    char digits[40];
    size_t ndigits;
} Groups;

/* Digits from i, in groups joined by one of seps ("06 1234 5678", "1234.56.782"). */
static void read_groups(const Text *t, size_t i, const char *seps, Groups *g)
{
    memset(g, 0, sizeof *g);
    while (g->n < MAX_GROUPS && is_digit(at(t, i))) {
        size_t n = 0;
        while (is_digit(at(t, i))) {
            if (g->ndigits < sizeof g->digits) g->digits[g->ndigits++] = (char)t->s[i];
            i++;
            n++;
        }
        g->len[g->n] = n;
        g->end[g->n] = i;
        g->n++;
        unsigned char c = at(t, i);
        /* "06 - 12 34 56 78": a hyphen with a space on both sides counts as one */
        if (c == ' ' && at(t, i + 1) == '-' && at(t, i + 2) == ' ' && strchr(seps, '-') &&
            is_digit(at(t, i + 3)) && g->n < MAX_GROUPS) {
            g->sep[g->n] = '-';
            i += 3;
            continue;
        }
        if (!c || !strchr(seps, c) || !is_digit(at(t, i + 1)) || g->n == MAX_GROUPS) break;
        g->sep[g->n] = c;
        i++;
    }
}

/* --- bsn --------------------------------------------------------------------------- */

/* The ways a BSN is written: 123456782, 123 456 782, 1234.56.782 and 1234 56 782. Three
 * groups of three with dots are left out: that is how amounts are written. */
static void scan_bsn(const Text *t, size_t i, PrivacyFindings *f)
{
    Groups g;
    read_groups(t, i, " .", &g);
    /* 3-3-3 with spaces, or 4-2-3 with the same separator twice */
    int spaced = g.n >= 3 && g.len[0] == 3 && g.len[1] == 3 && g.len[2] == 3 && g.sep[1] == ' ' &&
                 g.sep[2] == ' ';
    int dotted =
        g.n >= 3 && g.len[0] == 4 && g.len[1] == 2 && g.len[2] == 3 && g.sep[1] == g.sep[2];
    size_t k;
    if (g.len[0] == 9)
        k = 1;
    else if (spaced || dotted)
        k = 3;
    else
        return;
    /* a longer number: another group joined by the same kind of separator */
    if (g.n > k && (g.sep[k] == '.' || (k == 3 && g.sep[k] == g.sep[1]))) return;
    size_t end = g.end[k - 1];
    if (glued(t, i, end) || after_reference(t, i)) return;
    if (privacy_bsn_valid(g.digits)) add(f, PRIVACY_BSN, i, end);
}

/* --- phone ------------------------------------------------------------------------- */

/* Service numbers of organisations (0800 free, 0900 and 0906/0909 paid): not a person's. */
static const char *const service_prefixes[] = {"800", "900", "906", "909", "884", NULL};

static int service_number(const char *digits_after_zero)
{
    for (const char *const *p = service_prefixes; *p; p++)
        if (strncmp(digits_after_zero, *p, 3) == 0) return 1;
    return 0;
}

/* Groups from i whose digits add up to want at a group boundary; the end, or 0. */
static size_t groups_to(const Groups *g, size_t want)
{
    size_t total = 0;
    for (size_t k = 0; k < g->n; k++) {
        total += g->len[k];
        if (total == want) {
            if (k + 1 < g->n && g->sep[k + 1] == '-') return 0; /* 010-1234567-2: a code */
            return g->end[k];
        }
        if (total > want) return 0;
    }
    return 0;
}

/* The area code in brackets: "(020) 123 4567", "(0570) 12 34 56": 0 and one to three
 * digits, then the rest of the ten. */
static void scan_phone_bracketed(const Text *t, size_t i, PrivacyFindings *f)
{
    size_t j = i + 1, area = 0;
    if (at(t, j) != '0' || at(t, j + 1) == '0') return;
    while (is_digit(at(t, j)) && area < 5) {
        j++;
        area++;
    }
    if (area < 2 || area > 4 || at(t, j) != ')') return;
    j++;
    if (at(t, j) == ' ') j++;
    if (!is_digit(at(t, j))) return;
    Groups g;
    read_groups(t, j, " -", &g);
    size_t end = groups_to(&g, 10 - area);
    char first[4] = {0};
    memcpy(first, t->s + i + 2, area - 1 < 3 ? area - 1 : 3);
    if (!end || (area == 4 && service_number(first)) || glued(t, i, end) || after_reference(t, i))
        return;
    add(f, PRIVACY_PHONE, i, end);
}

/* National: 0 and nine more digits (06-12345678, 020 123 4567, 0570-123456).
 * International: +31 or 0031, an optional (0), nine digits (+31 6 12345678, +31(0)20 ...). */
static void scan_phone(const Text *t, size_t i, PrivacyFindings *f)
{
    Groups g;
    size_t j = i, end;
    int intl = 0;
    if (at(t, j) == '+' && at(t, j + 1) == '3' && at(t, j + 2) == '1') {
        j += 3;
        intl = 1;
    } else if (match_at(t, j, "0031")) {
        j += 4;
        intl = 1;
    }
    if (intl) {
        if (at(t, j) == ' ' || at(t, j) == '-') j++;
        if (match_at(t, j, "(0)")) {
            j += 3;
            if (at(t, j) == ' ' || at(t, j) == '-') j++;
        }
        if (!is_digit(at(t, j)) || at(t, j) == '0') return;
        read_groups(t, j, " -", &g);
        end = groups_to(&g, 9);
        if (!end || service_number(g.digits)) return;
    } else {
        if (at(t, i) != '0' || !is_digit(at(t, i + 1)) || at(t, i + 1) == '0') return;
        read_groups(t, i, " -", &g);
        end = groups_to(&g, 10);
        if (!end || service_number(g.digits + 1)) return;
    }
    if (glued(t, i, end) || after_reference(t, i)) return;
    add(f, PRIVACY_PHONE, i, end);
}

/* --- iban -------------------------------------------------------------------------- */

/* CCkk and the rest, compact (NL91ABNA0417164300) or in groups of four with single spaces
 * (NL91 ABNA 0417 1643 00); the longest length that passes mod-97 wins. */
static void scan_iban(const Text *t, size_t i, PrivacyFindings *f)
{
    if (!is_alpha(at(t, i)) || !is_alpha(at(t, i + 1)) || !is_digit(at(t, i + 2)) ||
        !is_digit(at(t, i + 3)))
        return;
    char compact[40];
    size_t n = 0, j = i, ends[12], nends = 0;
    size_t lens[12];
    while (j < t->len && is_alnum(t->s[j]) && n < 34) compact[n++] = (char)t->s[j++];
    if (n > 4) {
        /* compact: one token */
        if (j < t->len && is_word(t->s[j])) return;
        if (privacy_iban_valid(compact, n) && !glued(t, i, j)) add(f, PRIVACY_IBAN, i, j);
        return;
    }
    if (n != 4) return;
    while (nends < 12 && at(t, j) == ' ' && is_alnum(at(t, j + 1))) {
        size_t k = j + 1, m = 0;
        while (k < t->len && is_alnum(t->s[k]) && m < 5) k++, m++;
        if (m > 4 || (k < t->len && is_word(t->s[k])) || n + m > 34) break;
        memcpy(compact + n, t->s + j + 1, m);
        n += m;
        j = k;
        ends[nends] = j;
        lens[nends++] = n;
        if (m < 4) break;
    }
    for (size_t k = nends; k-- > 0;)
        if (privacy_iban_valid(compact, lens[k])) {
            if (!glued(t, i, ends[k])) add(f, PRIVACY_IBAN, i, ends[k]);
            return;
        }
}

/* --- email ------------------------------------------------------------------------- */

static int local_char(unsigned char c)
{
    return is_alnum(c) || (c && strchr("._%+-", c));
}
static int domain_char(unsigned char c)
{
    return is_alnum(c) || c == '.' || c == '-';
}

/* local@domain.tld, found from the @: the tld two letters or more. */
static void scan_email(const Text *t, size_t at_pos, PrivacyFindings *f)
{
    size_t s = at_pos;
    while (s > 0 && local_char(t->s[s - 1])) s--;
    while (s < at_pos && !is_alnum(t->s[s])) /* a local part starts with a letter or digit */
        s++;
    if (s == at_pos) return;
    size_t e = at_pos + 1;
    while (e < t->len && domain_char(t->s[e])) e++;
    while (e > at_pos + 1 && !is_alpha(t->s[e - 1])) /* "j@x.nl." ends at the tld */
        e--;
    size_t dot = e;
    while (dot > at_pos + 1 && t->s[dot - 1] != '.') dot--;
    if (dot <= at_pos + 2 || e - dot < 2) return;
    for (size_t k = dot; k < e; k++)
        if (!is_alpha(t->s[k])) return;
    add(f, PRIVACY_EMAIL, s, e);
}

/* --- postcode ---------------------------------------------------------------------- */

/* Two-letter words that follow numbers in ordinary text ("2024 en 2025", "1000 de
 * inwoners"): in lowercase never a postcode, in capitals not after a year. */
static const char *const pair_words[] = {"en", "de", "op", "in", "te", "is", "om", "af", "al",
                                         "er", "ze", "na", "of", "ik", "je", "we", "zo", "nu",
                                         "ja", "uw", "ca", "tm", "km", "mg", "ml", "kg", NULL};
/* Letter pairs the postcode system never issues. */
static const char *const pair_unused[] = {"sa", "sd", "ss", NULL};

/* A house number from i: 12, 12a, 12-2, 12 A (one letter), the end or 0. */
static size_t house_number(const Text *t, size_t i)
{
    if (!is_digit(at(t, i)) || at(t, i) == '0') return 0;
    size_t j = i;
    while (is_digit(at(t, j)) && j - i < 5) j++;
    if (is_digit(at(t, j))) return 0;
    if (is_alpha(at(t, j)) && !is_word(at(t, j + 1))) return j + 1;
    if (at(t, j) == '-' && is_alnum(at(t, j + 1))) {
        size_t k = j + 1;
        while (is_alnum(at(t, k)) && k - j <= 4) k++;
        if (!is_word(at(t, k))) return k;
    }
    if (is_word(at(t, j))) return 0;
    return j;
}

/* A street name and house number ending just before i ("Dorpsstraat 12, "): its start,
 * or 0 with *found 0. */
static size_t street_before(const Text *t, size_t i, int *found)
{
    *found = 0;
    size_t j = i;
    while (j > 0 && t->s[j - 1] == ' ') j--;
    if (j > 0 && t->s[j - 1] == ',') j--;
    while (j > 0 && t->s[j - 1] == ' ') j--;
    size_t num_end = j;
    if (j > 0 && is_alpha(t->s[j - 1])) j--; /* 12a */
    while (j > 0 && is_digit(t->s[j - 1])) j--;
    if (j == num_end || !is_digit(t->s[j]) || house_number(t, j) != num_end) return 0;
    if (j < 2 || t->s[j - 1] != ' ') return 0;
    size_t e = j - 1, s = e;
    while (s > 0 && (is_word(t->s[s - 1]) || t->s[s - 1] == '-' || t->s[s - 1] == '\'')) s--;
    size_t n;
    if (s == e || !upper_at(t, s, &n) || e - s < 4) return 0;
    *found = 1;
    return s;
}

static void scan_postcode(const Text *t, size_t i, PrivacyFindings *f)
{
    if (at(t, i) == '0') return;
    for (size_t k = 0; k < 4; k++)
        if (!is_digit(at(t, i + k))) return;
    size_t j = i + 4;
    if (at(t, j) == ' ') j++;
    unsigned char a = at(t, j), b = at(t, j + 1);
    if (!is_alpha(a) || !is_alpha(b) || is_word(at(t, j + 2))) return;
    int upper = is_upper(a) && is_upper(b), lower_pair = is_lower(a) && is_lower(b);
    if (!upper && !lower_pair) return;
    if (word_in(t, j, 2, pair_unused)) return;
    int year = (t->s[i] == '1' && t->s[i + 1] == '9') || (t->s[i] == '2' && t->s[i + 1] == '0');
    if (word_in(t, j, 2, pair_words) && (lower_pair || year)) return;
    size_t pc_end = j + 2;
    if (glued_left(t, i)) return;
    if (after_reference(t, i)) return;
    int street;
    size_t s = street_before(t, i, &street);
    if (street) {
        add(f, PRIVACY_POSTCODE, s, pc_end);
        return;
    }
    /* the house number after it: "1234 AB 12", "1234AB 12a", "1234 ab, 12" */
    size_t k = pc_end;
    if (at(t, k) == ',') k++;
    if (at(t, k) != ' ') return;
    k++;
    size_t e = house_number(t, k);
    if (e && !(e < t->len && strchr("/.,", t->s[e]) && is_digit(at(t, e + 1))))
        add(f, PRIVACY_POSTCODE, i, e);
}

/* --- birthdate --------------------------------------------------------------------- */

/* Full names and the abbreviations people write (with or without a dot). */
static const char *const months[] = {
    "januari", "februari", "maart",    "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december", "jan",   "feb", "mrt",  "apr",  "jun",      "jul",
    "aug",     "sep",      "sept",     "okt",   "nov", "dec",  NULL};

/* The words that make the date after them a date of birth. Longest first, so that
 * "geboortedatum" is not read as "geb". */
static const char *const birth_words[] = {"geboortedatum", "geboren", "geb.datum", "geb.",
                                          "geboortedag",   "dob",     "geb",       NULL};

/* n digits at i as a number, or -1. */
static int number_at(const Text *t, size_t i, size_t n)
{
    int v = 0;
    for (size_t k = 0; k < n; k++) {
        if (!is_digit(at(t, i + k))) return -1;
        v = v * 10 + (t->s[i + k] - '0');
    }
    return v;
}

static size_t digits_at(const Text *t, size_t i)
{
    size_t n = 0;
    while (is_digit(at(t, i + n))) n++;
    return n;
}

/* A date at i (d-m-yyyy with - / or ., yyyy-mm-dd, d month yyyy): its end or 0. */
static size_t date_at(const Text *t, size_t i)
{
    size_t n1 = digits_at(t, i);
    if (n1 == 4) { /* yyyy-mm-dd */
        size_t j = i + 4;
        if (at(t, j) != '-' || digits_at(t, j + 1) != 2 || at(t, j + 3) != '-' ||
            digits_at(t, j + 4) != 2)
            return 0;
        int m = number_at(t, j + 1, 2), d = number_at(t, j + 4, 2);
        return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? j + 6 : 0;
    }
    if (n1 < 1 || n1 > 2) return 0;
    int d = number_at(t, i, n1);
    if (d < 1 || d > 31) return 0;
    size_t j = i + n1;
    unsigned char sep = at(t, j);
    if (sep == '-' || sep == '/' || sep == '.') {
        size_t n2 = digits_at(t, j + 1);
        if (n2 < 1 || n2 > 2) return 0;
        int m = number_at(t, j + 1, n2);
        size_t k = j + 1 + n2;
        if (m < 1 || m > 12 || at(t, k) != sep || digits_at(t, k + 1) != 4) return 0;
        return k + 5;
    }
    if (sep != ' ') return 0;
    j++;
    for (const char *const *mo = months; *mo; mo++) {
        size_t n = strlen(*mo);
        if (!match_at(t, j, *mo)) continue;
        size_t k = j + n;
        if (at(t, k) == '.')
            k++;
        else if (is_word(at(t, k)))
            continue;
        if (at(t, k) != ' ' || digits_at(t, k + 1) != 4) continue;
        return k + 5;
    }
    return 0;
}

/* A birth word within the three words before i ("geboren op 3 mei 1980", "geb. datum:"). */
static int after_birth_word(const Text *t, size_t i)
{
    size_t from = i > 48 ? i - 48 : 0;
    for (size_t p = i; p-- > from;) {
        if (!word_start(t, p)) continue;
        for (const char *const *w = birth_words; *w; w++) {
            size_t n = strlen(*w);
            if (!match_at(t, p, *w) || p + n > i) continue;
            if ((*w)[n - 1] != '.' && is_alpha(at(t, p + n))) continue;
            int words = 0;
            for (size_t q = p + n; q < i; q++)
                if (is_word(t->s[q]) && !is_word(t->s[q - 1])) words++;
            if (words <= 3) return 1;
        }
    }
    return 0;
}

static void scan_birthdate(const Text *t, size_t i, PrivacyFindings *f)
{
    size_t end = date_at(t, i);
    if (!end || is_digit(at(t, end)) || !after_birth_word(t, i)) return;
    add(f, PRIVACY_BIRTHDATE, i, end);
}

/* --- name -------------------------------------------------------------------------- */

/* Titles and salutations a name follows. "heer" covers "de heer" and "Geachte heer";
 * the entries with a dot are abbreviations. */
static const char *const titles[] = {"mevrouw",  "mevr.", "mevr", "mw.", "mw",      "meneer",
                                     "mijnheer", "heer",  "dhr.", "dhr", "familie", "fam.",
                                     "juffrouw", "dr.",   "drs.", "mr.", "ir.",     "ing.",
                                     "prof.",    "ds.",   NULL};

/* Words between a title and a surname (van der, ter, El, 't). */
static const char *const tussenvoegsels[] = {
    "van", "de",  "der", "den", "het", "'t",  "ter", "ten", "te",  "in",    "op",
    "el",  "al",  "la",  "le",  "du",  "da",  "dos", "das", "del", "della", "di",
    "von", "vom", "zu",  "bin", "ben", "abu", "ibn", "uit", NULL};

/* Functions and roles after a title: "mevrouw de Burgemeester", "de heer Wethouder". */
static const char *const functions[] = {"burgemeester",
                                        "wethouder",
                                        "directeur",
                                        "voorzitter",
                                        "griffier",
                                        "secretaris",
                                        "ombudsman",
                                        "ombudsvrouw",
                                        "consulent",
                                        "medewerker",
                                        "advocaat",
                                        "notaris",
                                        "huisarts",
                                        "bewindvoerder",
                                        "minister",
                                        "staatssecretaris",
                                        "gemeentesecretaris",
                                        "raadslid",
                                        "coördinator",
                                        "inwoner",
                                        "klant",
                                        "aanvrager",
                                        "cliënt",
                                        NULL};

/* A word of name letters from i (letters, multi-byte characters, - and '): its end. */
static size_t name_word(const Text *t, size_t i)
{
    size_t j = i;
    while (j < t->len && (is_alpha(t->s[j]) || t->s[j] >= 0x80 ||
                          ((t->s[j] == '-' || t->s[j] == '\'') && j > i &&
                           (is_alpha(at(t, j + 1)) || at(t, j + 1) >= 0x80))))
        j++;
    return j;
}

/* The title at i: the byte after it, or 0. Several may follow each other (mr. drs.). */
static size_t title_at(const Text *t, size_t i)
{
    if (!word_start(t, i)) return 0;
    for (const char *const *w = titles; *w; w++) {
        size_t n = strlen(*w);
        if (!match_at(t, i, *w)) continue;
        if ((*w)[n - 1] != '.' && is_word(at(t, i + n))) continue;
        return i + n;
    }
    return 0;
}

static void scan_name(const Text *t, size_t i, PrivacyFindings *f)
{
    size_t j = title_at(t, i);
    if (!j) return;
    for (;;) { /* more titles: "mr. drs.", "mevrouw dr." */
        if (at(t, j) != ' ') return;
        size_t k = title_at(t, j + 1);
        if (!k || !(t->s[k - 1] == '.')) break;
        j = k;
    }
    size_t start = 0, end = 0;
    while (at(t, j) == ' ') {
        size_t p = j + 1, n;
        if (upper_at(t, p, &n) && at(t, p + n) == '.') { /* initials: A. or A.B. */
            size_t q = p;
            while (upper_at(t, q, &n) && at(t, q + n) == '.') q += n + 1;
            if (!start) start = p;
            j = q;
            continue;
        }
        size_t e = name_word(t, p);
        if (e == p) break;
        if (word_in(t, p, e - p, tussenvoegsels)) {
            if (!start) start = p;
            j = e;
            continue;
        }
        if (!upper_at(t, p, &n) || word_in(t, p, e - p, functions) || word_in(t, p, e - p, months))
            break;
        if (!start) start = p;
        end = e;
        j = e;
    }
    if (end) add(f, PRIVACY_NAME, start, end);
}

/* --- the scan ---------------------------------------------------------------------- */

static int by_start(const void *a, const void *b)
{
    const PrivacyFinding *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end > y->end ? -1 : 1; /* the longer first */
    return (int)x->kind - (int)y->kind;
}

void privacy_scan(const char *text, size_t len, PrivacyFindings *out)
{
    Text t = {(const unsigned char *)text, len};
    PrivacyFindings all = {0};
    for (size_t i = 0; i < len; i++) {
        unsigned char c = t.s[i];
        if (c == '@') scan_email(&t, i, &all);
        if (!word_start(&t, i)) continue;
        if (is_digit(c)) {
            scan_bsn(&t, i, &all);
            scan_postcode(&t, i, &all);
            scan_birthdate(&t, i, &all);
        }
        if (is_digit(c) || c == '+') scan_phone(&t, i, &all);
        if (c == '(') scan_phone_bracketed(&t, i, &all);
        if (is_alpha(c)) {
            scan_iban(&t, i, &all);
            scan_name(&t, i, &all);
        }
    }
    if (all.n) qsort(all.items, all.n, sizeof *all.items, by_start);
    size_t last_end = 0;
    for (size_t k = 0; k < all.n; k++) {
        if (out->n && all.items[k].start < last_end) continue;
        add(out, all.items[k].kind, all.items[k].start, all.items[k].end);
        last_end = all.items[k].end;
    }
    privacy_findings_free(&all);
}
