/* money.c: Dutch amount text <-> int64 cents. */
#include "money.h"

#include <stdio.h>
#include <string.h>

static const char *skip_spaces(const char *p)
{
    for (;;) {
        if (*p == ' ' || *p == '\t')
            p++;
        else if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
            p += 2; /* nbsp */
        else if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
                 (unsigned char)p[2] == 0xAF)
            p += 3; /* narrow nbsp */
        else
            return p;
    }
}

static const char *skip_currency(const char *p)
{
    if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x82 && (unsigned char)p[2] == 0xAC)
        return p + 3; /* € */
    if (strncmp(p, "EUR", 3) == 0) return p + 3;
    return p;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A space between digit groups is a thousands separator only when exactly three digits
 * follow it and then no further digit. */
static int space_is_separator(const char *p)
{
    const char *q = skip_spaces(p);
    if (q == p) return 0;
    return is_digit(q[0]) && is_digit(q[1]) && is_digit(q[2]) && !is_digit(q[3]);
}

/* The plain form ledger exports write millions of times ("-1234,56", "12", "7,5"): an
 * optional minus, 1..12 digits, optionally a comma and one or two digits, nothing else.
 * Returns 0 with *cents set, or -1 when the text is anything else (the full parser then
 * decides, so this path only ever accepts what it would accept, with the same value). */
static int parse_plain(const char *p, int64_t *cents)
{
    int negative = *p == '-';
    if (negative) p++;
    int64_t euros = 0;
    int digits = 0;
    while (is_digit(*p)) {
        if (++digits > 12) return -1;
        euros = euros * 10 + (*p++ - '0');
    }
    if (digits == 0) return -1;
    int64_t fraction = 0;
    if (*p == ',') {
        p++;
        if (!is_digit(p[0])) return -1;
        fraction = (p[0] - '0') * 10;
        if (is_digit(p[1])) {
            fraction += p[1] - '0';
            p++;
        }
        p++;
    }
    if (*p) return -1;
    int64_t value = euros * 100 + fraction;
    *cents = negative ? -value : value;
    return 0;
}

int money_parse(const char *text, int64_t *cents, const char **reason)
{
    if (text && parse_plain(text, cents) == 0) return 0;
    const char *dummy;
    if (!reason) reason = &dummy;
    if (!text) {
        *reason = "bedrag ontbreekt";
        return -1;
    }
    const char *p = skip_spaces(text);
    int negative = 0;
    if (*p == '-') {
        negative = 1;
        p = skip_spaces(p + 1);
    }
    const char *after_currency = skip_currency(p);
    if (after_currency != p) {
        p = skip_spaces(after_currency);
        if (*p == '-' && !negative) {
            negative = 1;
            p = skip_spaces(p + 1);
        }
    }
    if (!*p) {
        *reason = "bedrag ontbreekt (verwacht bijvoorbeeld 1.234,56)";
        return -1;
    }
    if (!is_digit(*p)) {
        *reason = "geen bedrag: verwacht cijfers, zoals 1.234.567,89";
        return -1;
    }

    int64_t euros = 0;
    int group_len = 0, groups = 0;
    char separator = 0; /* '.' or ' ' once one is seen */
    int first_group_len = 0;
    for (;;) {
        if (is_digit(*p)) {
            if (euros > MONEY_MAX_CENTS / 100 / 10) {
                *reason = "bedrag te groot (meer dan 1.000.000.000.000 euro)";
                return -1;
            }
            euros = euros * 10 + (*p - '0');
            group_len++;
            p++;
            continue;
        }
        char sep = 0;
        const char *next = p;
        if (*p == '.' && is_digit(p[1])) {
            sep = '.';
            next = p + 1;
        } else if ((*p == ' ' || (unsigned char)*p == 0xC2 || (unsigned char)*p == 0xE2) &&
                   space_is_separator(p)) {
            sep = ' ';
            next = skip_spaces(p);
        }
        if (!sep) break;
        if (separator && separator != sep) {
            *reason = "scheidingstekens voor duizendtallen door elkaar gebruikt";
            return -1;
        }
        if (groups == 0)
            first_group_len = group_len;
        else if (group_len != 3) {
            *reason = "een groep tussen duizendtalpunten moet drie cijfers hebben";
            return -1;
        }
        separator = sep;
        groups++;
        group_len = 0;
        p = next;
    }
    if (groups > 0) {
        if (first_group_len > 3) {
            *reason = "verkeerde plaats van de duizendtalpunt (verwacht 1.234.567)";
            return -1;
        }
        if (group_len != 3) {
            *reason = "een groep na een duizendtalpunt moet drie cijfers hebben "
                      "(de decimalen staan na een komma)";
            return -1;
        }
    }

    int64_t fraction = 0;
    if (*p == ',') {
        p++;
        int n = 0;
        while (is_digit(*p)) {
            if (n == 2) {
                *reason = "meer dan twee cijfers na de komma";
                return -1;
            }
            fraction = fraction * 10 + (*p - '0');
            n++;
            p++;
        }
        if (n == 0) {
            if (*p == '-')
                p++; /* "1.234,-" is a common way to write whole euros */
            else {
                *reason = "geen cijfers na de komma";
                return -1;
            }
        }
        if (n == 1) fraction *= 10;
    }
    p = skip_spaces(p);
    if (*p) {
        if (*p == '.' || *p == ',')
            *reason = "onverwacht scheidingsteken: gebruik een komma voor decimalen en "
                      "punten voor duizendtallen (1.234,56)";
        else
            *reason = "onverwachte tekens na het bedrag (verwacht bijvoorbeeld 1.234,56)";
        return -1;
    }
    int64_t value = euros * 100 + fraction;
    if (value > MONEY_MAX_CENTS) {
        *reason = "bedrag te groot (meer dan 1.000.000.000.000 euro)";
        return -1;
    }
    *cents = negative ? -value : value;
    return 0;
}

char *money_format(int64_t cents, unsigned flags, char buf[MONEY_BUFSZ])
{
    /* Work on the magnitude as unsigned so INT64_MIN cannot overflow. */
    uint64_t mag = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
    uint64_t euros = mag / 100, rest = mag % 100;
    char digits[24];
    int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)euros);
    char grouped[28];
    int g = 0;
    for (int i = 0; i < nd; i++) {
        if (i > 0 && (nd - i) % 3 == 0) grouped[g++] = '.';
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    const char *sign = cents < 0 ? "-" : "";
    const char *euro = (flags & MONEY_EURO) ? "€ " : "";
    if ((flags & MONEY_WHOLE) && rest == 0)
        snprintf(buf, MONEY_BUFSZ, "%s%s%s", euro, sign, grouped);
    else
        snprintf(buf, MONEY_BUFSZ, "%s%s%s,%02llu", euro, sign, grouped, (unsigned long long)rest);
    return buf;
}

char *money_format_plain(int64_t cents, char buf[MONEY_BUFSZ])
{
    uint64_t mag = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
    snprintf(buf, MONEY_BUFSZ, "%s%llu,%02llu", cents < 0 ? "-" : "",
             (unsigned long long)(mag / 100), (unsigned long long)(mag % 100));
    return buf;
}

int money_add(int64_t a, int64_t b, int64_t *out)
{
    if (__builtin_add_overflow(a, b, out)) return -1;
    return 0;
}

/* Machine notation (spreadsheet XML): the digits are shifted into cents, never through a
 * double. */
int money_parse_decimal(const char *text, int scale10, int64_t *cents, int *inexact,
                        const char **reason)
{
    const char *p = text;
    int neg = 0;
    if (*p == '-' || *p == '+') neg = *p++ == '-';
    char digits[64];
    int nd = 0, frac = 0, seen_dot = 0, any = 0;
    for (; (*p >= '0' && *p <= '9') || *p == '.'; p++) {
        if (*p == '.') {
            if (seen_dot) goto bad;
            seen_dot = 1;
            continue;
        }
        any = 1;
        if (nd == 0 && *p == '0' && !seen_dot) continue; /* leading zeros of the integer */
        if (nd >= (int)sizeof digits) goto bad;
        digits[nd++] = (char)(*p - '0');
        if (seen_dot) frac++;
    }
    if (!any) goto bad;
    long exp = 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        int eneg = 0;
        if (*p == '-' || *p == '+') eneg = *p++ == '-';
        if (*p < '0' || *p > '9') goto bad;
        for (; *p >= '0' && *p <= '9'; p++)
            if (exp < 100000) exp = exp * 10 + (*p - '0');
        if (eneg) exp = -exp;
    }
    if (*p) goto bad;
    long shift = exp - frac + 2 + scale10; /* value in cents = digits x 10^shift */
    int64_t v = 0;
    long keep = shift < 0 ? nd + shift : nd;
    for (long i = 0; i < keep && i < nd; i++) {
        v = v * 10 + digits[i];
        if (v > MONEY_MAX_CENTS) goto big;
    }
    if (shift > 0 && v > 0) {
        for (long k = 0; k < shift; k++) {
            v *= 10;
            if (v > MONEY_MAX_CENTS) goto big;
        }
    }
    if (shift < 0 && keep >= 0 && keep < nd && digits[keep] >= 5) v++; /* half away from 0 */
    int dropped = 0;
    for (long i = keep < 0 ? 0 : keep; shift < 0 && i < nd; i++) dropped |= digits[i] != 0;
    if (inexact) *inexact = dropped;
    if (v > MONEY_MAX_CENTS) goto big;
    *cents = neg ? -v : v;
    return 0;
bad:
    *reason = "verwacht een getal zoals 52500 of 52500.5";
    return -1;
big:
    *reason = "bedrag te groot";
    return -1;
}
