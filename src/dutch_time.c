/* dutch_time.c: see dutch_time.h. */
#include "dutch_time.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The rule of Europe/Amsterdam since 1996, for a system without the tz database. */
#define DUTCH_TZ_RULE "CET-1CEST,M3.5.0,M10.5.0/3"

static void use_dutch_time(void)
{
    const char *dir = getenv("TZDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/Europe/Amsterdam", dir && *dir ? dir : "/usr/share/zoneinfo");
    setenv("TZ", access(path, R_OK) == 0 ? "Europe/Amsterdam" : DUTCH_TZ_RULE, 1);
    tzset();
}

static pthread_once_t dutch_time_once = PTHREAD_ONCE_INIT;

void clock_use_dutch_time(void)
{
    pthread_once(&dutch_time_once, use_dutch_time);
}

static const char *const months[] = {"januari",   "februari", "maart",    "april",
                                     "mei",       "juni",     "juli",     "augustus",
                                     "september", "oktober",  "november", "december"};

const char *date_nl(Arena *a, const char *iso)
{
    if (!iso || !date_valid(iso)) return iso;
    int y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);
    return arena_printf(a, "%d %s %d", d, months[m - 1], y);
}

int time_nl_tm(const char *utc_iso, struct tm *out)
{
    if (!utc_iso || strlen(utc_iso) != 20 || utc_iso[10] != 'T' || utc_iso[19] != 'Z') return -1;
    char date[11];
    memcpy(date, utc_iso, 10);
    date[10] = '\0';
    struct tm utc = {0};
    if (!date_valid(date) ||
        sscanf(utc_iso + 11, "%2d:%2d:%2d", &utc.tm_hour, &utc.tm_min, &utc.tm_sec) != 3 ||
        utc.tm_hour > 23 || utc.tm_min > 59 || utc.tm_sec > 60)
        return -1;
    utc.tm_year = atoi(date) - 1900;
    utc.tm_mon = atoi(date + 5) - 1;
    utc.tm_mday = atoi(date + 8);
    time_t t = timegm(&utc);
    clock_use_dutch_time();
    return localtime_r(&t, out) ? 0 : -1;
}

const char *time_nl(Arena *a, const char *utc_iso)
{
    struct tm tm;
    if (time_nl_tm(utc_iso, &tm)) return utc_iso;
    return arena_printf(a, "%d %s %d %02d:%02d", tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900,
                        tm.tm_hour, tm.tm_min);
}

int dutch_day_start(const char *date, int days_after, char out[21])
{
    if (!date_valid(date)) return -1;
    clock_use_dutch_time();
    struct tm local = {.tm_year = atoi(date) - 1900,
                       .tm_mon = atoi(date + 5) - 1,
                       .tm_mday = atoi(date + 8) + days_after,
                       .tm_isdst = -1}; /* mktime finds whether summer time applies */
    time_t t = mktime(&local);
    struct tm utc;
    if (t == (time_t)-1 || !gmtime_r(&t, &utc)) return -1;
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return 0;
}

/* Levenshtein distance of a and b (both short), capped: returns cap + 1 when over. */
static int edit_distance_capped(const char *a, size_t la, const char *b, size_t lb, int cap)
{
    if (la > 24 || lb > 24) return cap + 1;
    int prev[25], cur[25];
    for (size_t j = 0; j <= lb; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        int best = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            int del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            if (cur[j] < best) best = cur[j];
        }
        if (best > cap) return cap + 1;
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

/* The month (1-12) a Dutch month word names, or 0. */
static int month_of_word(const char *w, size_t n)
{
    char low[24];
    if (n < 3 || n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++) low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    for (int m = 0; m < 12; m++) /* exact, or an abbreviation: "dec", "sept", "febr" */
        if (strncmp(months[m], low, n) == 0) return m + 1;
    /* OCR reads "m" as "rn": "novernber", "rnei" */
    char fixed[24];
    size_t nf = 0;
    for (size_t i = 0; i < n; i++) {
        if (low[i] == 'r' && i + 1 < n && low[i + 1] == 'n') {
            fixed[nf++] = 'm';
            i++;
        } else {
            fixed[nf++] = low[i];
        }
    }
    if (nf < n && nf >= 3)
        for (int m = 0; m < 12; m++)
            if (strlen(months[m]) == nf && strncmp(months[m], fixed, nf) == 0) return m + 1;
    int found = 0;
    for (int m = 0; m < 12; m++) {
        size_t ml = strlen(months[m]);
        if (ml >= 5 && (edit_distance_capped(low, n, months[m], ml, 1) <= 1 ||
                        (nf < n && edit_distance_capped(fixed, nf, months[m], ml, 1) <= 1))) {
            if (found && found != m + 1) return 0; /* two months one letter away: no month */
            found = m + 1;
        }
    }
    return found;
}

static size_t digits_at(const char *s, size_t max, int *value)
{
    size_t n = 0;
    int v = 0;
    while (n < max && s[n] >= '0' && s[n] <= '9') v = v * 10 + (s[n++] - '0');
    *value = v;
    return n;
}

static size_t date_finish(int y, int m, int d, size_t used, char iso[11])
{
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31) return 0;
    char buf[16];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    if (!date_valid(buf)) return 0;
    memcpy(iso, buf, 11);
    return used;
}

/* OCR reads digits as letters: "l4", "2O24", "I9". A letter that stands next to a digit
 * is that digit. Writes at most cap - 1 bytes of s, mapped, into out. */
static void ocr_digits(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    while (s[n] && n + 1 < cap) n++;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int near = (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') ||
                   (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9');
        if (near && (c == 'O' || c == 'o'))
            c = '0';
        else if (near && (c == 'l' || c == 'I'))
            c = '1';
        out[i] = c;
    }
    out[n] = '\0';
}

static size_t date_nl_parse_exact(const char *s, char iso[11]);

size_t date_nl_parse(const char *s, char iso[11])
{
    size_t used = date_nl_parse_exact(s, iso);
    if (used) return used;
    char mapped[64];
    ocr_digits(s, mapped, sizeof mapped);
    if (strncmp(mapped, s, strlen(mapped)) == 0) return 0; /* nothing to map */
    return date_nl_parse_exact(mapped, iso);
}

static size_t date_nl_parse_exact(const char *s, char iso[11])
{
    int a, b, c;
    size_t n = digits_at(s, 4, &a), i;
    if (n == 0 || (s[n] >= '0' && s[n] <= '9')) return 0;
    if (n == 4 && s[n] == '-') { /* ISO: 2021-12-14 */
        size_t n2 = digits_at(s + 5, 2, &b);
        if (n2 == 0 || s[5 + n2] != '-') return 0;
        size_t n3 = digits_at(s + 6 + n2, 2, &c);
        if (n3 == 0 || (s[6 + n2 + n3] >= '0' && s[6 + n2 + n3] <= '9')) return 0;
        return date_finish(a, b, c, 6 + n2 + n3, iso);
    }
    if (n > 2) return 0;
    char sep = s[n];
    if (sep == '-' || sep == '/' || sep == '.') { /* 14-12-2021 */
        size_t n2 = digits_at(s + n + 1, 2, &b);
        if (n2 == 0 || s[n + 1 + n2] != sep) return 0;
        i = n + 2 + n2;
        size_t n3 = digits_at(s + i, 4, &c);
        if (n3 != 4 || (s[i + n3] >= '0' && s[i + n3] <= '9')) return 0;
        return date_finish(c, b, a, i + n3, iso);
    }
    i = n;
    while (s[i] == ' ') i++;
    if (i == n) return 0;
    size_t w = i;
    while ((s[w] >= 'a' && s[w] <= 'z') || (s[w] >= 'A' && s[w] <= 'Z')) w++;
    int m = month_of_word(s + i, w - i);
    if (!m) return 0;
    if (s[w] == '.') w++;
    size_t y0 = w;
    while (s[y0] == ' ' || s[y0] == ',') y0++;
    if (y0 == w && s[w - 1] != '.') return 0;
    size_t ny = digits_at(s + y0, 4, &c);
    if (ny != 4 || (s[y0 + ny] >= '0' && s[y0 + ny] <= '9')) return 0;
    return date_finish(c, m, a, y0 + ny, iso);
}
