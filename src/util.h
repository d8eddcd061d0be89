/* util.h: allocation that cannot fail, an arena for records read from the store,
 * a growable text buffer with a hard cap, and the error value every layer returns. */
#ifndef POK_UTIL_H
#define POK_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Out of memory is not recoverable for pok: these print a message and exit(3). */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* An error a user can act on: what was wrong, and where (file, line, field) when known.
 * Functions return -1 after filling it; only main and the HTTP layer decide how to show it. */
typedef struct PokErr {
    char msg[1024]; /* at most ERR_MSG_MAX bytes and a NUL */
    int code;       /* the kind of failure (err_code); start from PokErr err = {0} */
} PokErr;
#define ERR_MSG_MAX (sizeof(((PokErr *)0)->msg) - 1)

/* The kinds of failure a caller may act on. ERR_CONFLICT: the record was changed by
 * someone else since the caller read it (the version it expected is no longer the
 * current one); nothing was saved. ERR_TOO_LARGE: an input is over its size cap. */
enum { ERR_OTHER = 0, ERR_CONFLICT = 1, ERR_TOO_LARGE = 2 };

/* Fill err (if not NULL, kind ERR_OTHER) and return -1, so callers can write
 * `return err_set(...)`. */
int err_set(PokErr *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same with a kind (ERR_CONFLICT). err_prefix keeps the kind. */
int err_set_code(PokErr *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The kind of the failure in err: ERR_OTHER unless set by err_set_code. */
int err_code(const PokErr *err);
/* Prepend context ("bestand.csv, regel 7: ") to an existing message. */
int err_prefix(PokErr *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Arena: records read from the store live here and are freed together. */
typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head;
} Arena;

void *arena_alloc(Arena *a, size_t n);       /* zeroed, aligned for any type */
char *arena_strdup(Arena *a, const char *s); /* NULL stays NULL */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_free(Arena *a);

/* Growable array helper for arena-backed lists: grows *items (of elem_size) to hold
 * at least need elements, copying old contents. */
void *arena_grow(Arena *a, void *items, size_t elem_size, size_t *cap, size_t need);

/* Buf: a growable, NUL-terminated text buffer with a maximum its owner sets. Going
 * over it does not end pok: the write is refused (-1), nothing more is appended, and
 * the buffer stays failed (buf_failed) until buf_reset or buf_free, so that the owner
 * answers with an error (the web layer a 500 page, the command line a message) instead
 * of sending half a page or file. */
typedef struct Buf {
    char *data;
    size_t len, cap;
    size_t max; /* most bytes it may hold; 0: BUF_MAX */
    int over;   /* a write went over max */
} Buf;

#define BUF_MAX ((size_t)1 << 30) /* 1 GiB: what no page or export of pok comes near */

/* Each returns 0, or -1 when the buffer is (or would go) over its maximum. */
int buf_append(Buf *b, const char *s, size_t n);
int buf_puts(Buf *b, const char *s);
int buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(Buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Whether a write went over the maximum (the content is incomplete). */
int buf_failed(const Buf *b);
/* 0, or -1 with err naming what (Dutch, "de export") when b failed. */
int buf_check(const Buf *b, const char *what, PokErr *err);
void buf_reset(Buf *b);
void buf_free(Buf *b);
/* The two CSV field writers of pok, used by every CSV it writes (RFC 4180: a field with
 * a comma, quote or line end is quoted, a quote doubled; NULL appends nothing).
 * buf_csv_text writes text someone typed or imported (names, descriptions, places):
 * text starting with = + - @ tab or carriage return gets a leading ' so that a
 * spreadsheet shows it instead of running it as a formula (CSV injection).
 * buf_csv_field writes a value pok made itself, as it is: numbers (a negative amount
 * "-2500,50" stays a number), dates, codes and column names. */
void buf_csv_text(Buf *b, const char *s);
void buf_csv_field(Buf *b, const char *s);
/* The same with another separator (';' for the CSV for people, datatable.h): a field
 * holding sep is quoted instead of one holding a comma. */
void buf_csv_text_sep(Buf *b, const char *s, char sep);
void buf_csv_field_sep(Buf *b, const char *s, char sep);

/* Strict whole-number parsing: the entire string must be a number in [min, max]. */
int parse_int(const char *s, long long min, long long max, long long *out);

/* Dates are ISO text (YYYY-MM-DD); true if s is a real calendar date. */
int date_valid(const char *s);
/* Today's date in the Netherlands as YYYY-MM-DD (the date a document carries);
 * $SOURCE_DATE_EPOCH (seconds) fixes it, for reproducible exports and tests. */
void date_today(char out[11]);
/* The current time for what pok records and prints (dates of documents, audit and record
 * timestamps): time(NULL), or $SOURCE_DATE_EPOCH (seconds) when set, for reproducible
 * exports and test output (tests/golden/). Session expiry keeps the real clock. */
time_t clock_now(void);

/* Number of UTF-8 code points (for aligning table columns). */
size_t utf8_width(const char *s);

#endif
