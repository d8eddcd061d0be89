/* util.c: allocation, arena, buffer and error helpers shared by every layer. */
#include "util.h"

#include "dutch_time.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void out_of_memory(size_t n)
{
    fprintf(stderr, "pok: geen geheugen meer (%zu bytes gevraagd)\n", n);
    exit(3);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) out_of_memory(n);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) out_of_memory(count * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) out_of_memory(n);
    return q;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

/* A message cut off at the end of its buffer may end in part of a UTF-8 sequence: drop
 * that part, so a message is always whole text. */
static void drop_partial_char(char *s)
{
    size_t n = strlen(s), i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) i--;
    if (i == 0) return;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < need) s[i - 1] = '\0';
}

static void err_vset(PokErr *err, int code, const char *fmt, va_list ap)
{
    int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    if (n >= 0 && (size_t)n > ERR_MSG_MAX) drop_partial_char(err->msg);
    err->code = code;
}

int err_set(PokErr *err, const char *fmt, ...)
{
    if (!err) return -1;
    va_list ap;
    va_start(ap, fmt);
    err_vset(err, ERR_OTHER, fmt, ap);
    va_end(ap);
    return -1;
}

int err_set_code(PokErr *err, int code, const char *fmt, ...)
{
    if (!err) return -1;
    va_list ap;
    va_start(ap, fmt);
    err_vset(err, code, fmt, ap);
    va_end(ap);
    return -1;
}

int err_code(const PokErr *err)
{
    return err ? err->code : ERR_OTHER;
}

int err_prefix(PokErr *err, const char *fmt, ...)
{
    if (!err) return -1;
    char old[sizeof err->msg];
    memcpy(old, err->msg, sizeof old);
    old[ERR_MSG_MAX] = '\0';
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->msg, ERR_MSG_MAX + 1, fmt, ap);
    va_end(ap);
    /* Append the old message after the prefix; a too-long result is cut, never overrun. */
    if (n >= 0 && (size_t)n <= ERR_MSG_MAX) {
        size_t room = ERR_MSG_MAX - (size_t)n;
        size_t len = strnlen(old, ERR_MSG_MAX);
        int cut = len > room;
        if (cut) len = room;
        memcpy(err->msg + n, old, len);
        err->msg[(size_t)n + len] = '\0';
        if (cut) drop_partial_char(err->msg);
    } else if (n > 0) {
        drop_partial_char(err->msg);
    }
    return -1; /* the kind (err->code) stays */
}

/* ---- arena ---- */

struct ArenaBlock {
    ArenaBlock *next;
    size_t used, size;
    _Alignas(max_align_t) unsigned char mem[];
};

#define ARENA_BLOCK 16384

void *arena_alloc(Arena *a, size_t n)
{
    size_t align = _Alignof(max_align_t);
    n = (n + align - 1) & ~(align - 1);
    if (n == 0) n = align;
    ArenaBlock *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = xmalloc(sizeof *b + size);
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->mem + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *p = arena_alloc(a, n);
    memcpy(p, s, n);
    return p;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

void *arena_grow(Arena *a, void *items, size_t elem_size, size_t *cap, size_t need)
{
    if (need <= *cap) return items;
    size_t new_cap = *cap ? *cap * 2 : 8;
    while (new_cap < need) new_cap *= 2;
    void *p = arena_alloc(a, new_cap * elem_size);
    if (items && *cap) memcpy(p, items, *cap * elem_size);
    *cap = new_cap;
    return p;
}

/* ---- buffer ---- */

static size_t buf_max(const Buf *b)
{
    return b->max ? b->max : BUF_MAX;
}

/* Room for extra more bytes and a NUL, or -1 (and the buffer failed) past its maximum. */
static int buf_reserve(Buf *b, size_t extra)
{
    size_t max = buf_max(b);
    if (b->over || extra >= max || b->len + extra + 1 > max) {
        b->over = 1;
        return -1;
    }
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
    return 0;
}

int buf_append(Buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n)) return -1;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int buf_failed(const Buf *b)
{
    return b->over;
}

int buf_check(const Buf *b, const char *what, PokErr *err)
{
    if (!b->over) return 0;
    return err_set(err, "%s werd groter dan %zu MiB en is niet gemaakt", what, buf_max(b) >> 20);
}

int buf_puts(Buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

void buf_csv_text_sep(Buf *b, const char *s, char sep)
{
    if (!s) return;
    if (*s && strchr("=+-@\t\r", *s)) {
        /* the apostrophe goes inside the quotes a field may need */
        Buf t = {0};
        buf_puts(&t, "'");
        buf_puts(&t, s);
        buf_csv_field_sep(b, t.data, sep);
        buf_free(&t);
        return;
    }
    buf_csv_field_sep(b, s, sep);
}

void buf_csv_field_sep(Buf *b, const char *s, char sep)
{
    if (!s) return;
    const char special[] = {sep, '"', '\n', '\r', '\0'};
    if (!strpbrk(s, special)) {
        buf_puts(b, s);
        return;
    }
    buf_puts(b, "\"");
    for (const char *p = s; *p; p++) {
        if (*p == '"') buf_puts(b, "\""); /* a quote is doubled */
        buf_append(b, p, 1);
    }
    buf_puts(b, "\"");
}

void buf_csv_text(Buf *b, const char *s)
{
    buf_csv_text_sep(b, s, ',');
}

void buf_csv_field(Buf *b, const char *s)
{
    buf_csv_field_sep(b, s, ',');
}

int buf_vprintf(Buf *b, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n <= 0) return buf_reserve(b, 0);
    if (buf_reserve(b, (size_t)n)) return -1;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int buf_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

void buf_reset(Buf *b)
{
    b->len = 0;
    b->over = 0;
    if (b->data) b->data[0] = '\0';
}

void buf_free(Buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->over = 0;
}

/* ---- small parsers ---- */

int parse_int(const char *s, long long min, long long max, long long *out)
{
    if (!s || !*s) return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || end == s) return -1;
    if (v < min || v > max) return -1;
    *out = v;
    return 0;
}

int date_valid(const char *s)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = days[m - 1] + (m == 2 && leap);
    return d <= max;
}

size_t utf8_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

time_t clock_now(void)
{
    const char *fixed = getenv("SOURCE_DATE_EPOCH");
    long long v;
    if (fixed && parse_int(fixed, 0, 253402300799LL, &v) == 0) return (time_t)v;
    return time(NULL);
}

void date_today(char out[11])
{
    clock_use_dutch_time();
    time_t now = clock_now();
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}
