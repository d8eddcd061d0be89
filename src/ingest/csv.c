/* csv.c: streaming CSV reader. Input comes through a fixed-size chunk (or straight from
 * memory); a record is unescaped into a capped buffer with NUL-separated fields. */
#include "csv.h"

#include "../text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSV_CHUNK ((size_t)64 * 1024)

enum { END = -1, IO_ERROR = -2 };

struct CsvReader {
    char *name;
    FILE *file;               /* NULL for memory input */
    unsigned char *chunk;     /* read buffer for files */
    const unsigned char *buf; /* chunk, or the caller's text */
    size_t len, pos;
    long long consumed; /* bytes of the chunks before the current one */
    int io_errno;       /* set when reading the file failed */
    char delim;
    unsigned char stop[256]; /* bytes that end a run of an unquoted field */
    long line;               /* line the reading position is on */
    long record_line;        /* line where the current record starts */
    char *rec;               /* fields of the current record, each NUL-terminated */
    size_t rec_len, rec_cap;
    size_t *field_off;
    size_t nfields, fields_cap;
    int failed;
    PokErr error; /* repeated by every call after a failure */
};

static int refill(CsvReader *r)
{
    if (!r->file) return 0;
    r->consumed += (long long)r->len;
    r->len = fread(r->chunk, 1, CSV_CHUNK, r->file);
    r->pos = 0;
    if (r->len == 0 && ferror(r->file)) {
        r->io_errno = errno ? errno : EIO;
        return -1;
    }
    return r->len > 0;
}

static int next_byte(CsvReader *r)
{
    if (r->pos == r->len) {
        int got = refill(r);
        if (got <= 0) return got < 0 ? IO_ERROR : END;
    }
    return r->buf[r->pos++];
}

static int peek_byte(CsvReader *r)
{
    if (r->pos == r->len) {
        int got = refill(r);
        if (got <= 0) return got < 0 ? IO_ERROR : END;
    }
    return r->buf[r->pos];
}

/* ';' when the first line has more semicolons than commas outside quotes, else ','. */
static char detect_delim(const unsigned char *p, size_t n)
{
    size_t semicolons = 0, commas = 0;
    int in_quotes = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"')
            in_quotes = !in_quotes;
        else if (in_quotes)
            continue;
        else if (p[i] == '\n' || p[i] == '\r')
            break;
        else if (p[i] == ';')
            semicolons++;
        else if (p[i] == ',')
            commas++;
    }
    return semicolons > commas ? ';' : ',';
}

static int fail(CsvReader *r, PokErr *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(CsvReader *r, PokErr *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error.msg, sizeof r->error.msg, fmt, ap);
    va_end(ap);
    r->failed = 1;
    return err_set(err, "%s", r->error.msg);
}

static int fail_binary(CsvReader *r, PokErr *err)
{
    return fail(r, err, "%s is geen CSV-bestand (bevat binaire gegevens)", r->name);
}

static int fail_io(CsvReader *r, PokErr *err)
{
    return fail(r, err, "kan %s niet lezen: %s", r->name, strerror(r->io_errno));
}

/* Skip a BOM, look for binary data in the first chunk and settle the delimiter. */
static int start(CsvReader *r, char delim, PokErr *err)
{
    if (r->file) {
        /* Fill the whole chunk so detection sees a complete header line. */
        size_t got;
        r->len = 0;
        while (r->len < CSV_CHUNK &&
               (got = fread(r->chunk + r->len, 1, CSV_CHUNK - r->len, r->file)) > 0)
            r->len += got;
        if (ferror(r->file)) {
            r->io_errno = errno ? errno : EIO;
            return fail_io(r, err);
        }
    }
    if (memchr(r->buf, '\0', r->len)) return fail_binary(r, err);
    if (r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0) r->pos = 3;
    if (!delim) {
        size_t p = r->pos;
        while (p < r->len && (r->buf[p] == '\n' || r->buf[p] == '\r')) p++;
        delim = detect_delim(r->buf + p, r->len - p);
    }
    r->delim = delim;
    r->stop[(unsigned char)delim] = r->stop['\n'] = r->stop['\r'] = r->stop['"'] = r->stop[0] = 1;
    return 0;
}

static CsvReader *reader_new(const char *name)
{
    CsvReader *r = xcalloc(1, sizeof *r);
    r->name = xstrdup(name ? name : "(invoer)");
    r->line = 1;
    return r;
}

CsvReader *csv_open(const char *path, char delim, PokErr *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        err_set(err, "kan %s niet openen: %s", path, strerror(errno));
        return NULL;
    }
    CsvReader *r = reader_new(path);
    r->file = f;
    r->chunk = xmalloc(CSV_CHUNK);
    r->buf = r->chunk;
    if (start(r, delim, err) != 0) {
        csv_close(r);
        return NULL;
    }
    return r;
}

CsvReader *csv_open_mem(const char *name, const char *text, size_t len, char delim, PokErr *err)
{
    CsvReader *r = reader_new(name);
    r->buf = (const unsigned char *)(text ? text : "");
    r->len = text ? len : 0;
    if (start(r, delim, err) != 0) {
        csv_close(r);
        return NULL;
    }
    return r;
}

void csv_close(CsvReader *r)
{
    if (!r) return;
    if (r->file) fclose(r->file);
    free(r->chunk);
    free(r->rec);
    free(r->field_off);
    free(r->name);
    free(r);
}

/* Append one byte (a field's NUL too) to the record, within the cap. */
static int rec_put(CsvReader *r, char c, PokErr *err)
{
    if (r->rec_len + 1 > CSV_MAX_RECORD)
        return fail(r, err,
                    "%s, regel %ld: record langer dan %zu bytes (is dit wel een "
                    "CSV-bestand met de juiste aanhalingstekens?)",
                    r->name, r->record_line, CSV_MAX_RECORD);
    if (r->rec_len + 1 > r->rec_cap) {
        r->rec_cap = r->rec_cap ? r->rec_cap * 2 : 4096;
        if (r->rec_cap > CSV_MAX_RECORD) r->rec_cap = CSV_MAX_RECORD;
        r->rec = xrealloc(r->rec, r->rec_cap);
    }
    r->rec[r->rec_len++] = c;
    return 0;
}

static int end_field(CsvReader *r, size_t field_start, PokErr *err)
{
    if (rec_put(r, '\0', err) != 0) return -1;
    if (r->nfields == r->fields_cap) {
        r->fields_cap = r->fields_cap ? r->fields_cap * 2 : 32;
        r->field_off = xrealloc(r->field_off, r->fields_cap * sizeof *r->field_off);
    }
    r->field_off[r->nfields++] = field_start;
    return 0;
}

/* Consume a line break whose first byte c was just read; 1 if c was one. */
static int take_newline(CsvReader *r, int c)
{
    if (c == '\r') {
        if (peek_byte(r) == '\n') r->pos++;
    } else if (c != '\n') {
        return 0;
    }
    r->line++;
    return 1;
}

/* Skip blank lines; 1 when a record starts, 0 at the end, -1 on a read error. */
static int skip_blank_lines(CsvReader *r, PokErr *err)
{
    for (;;) {
        int c = peek_byte(r);
        if (c == IO_ERROR) return fail_io(r, err);
        if (c == END) return 0;
        if (c != '\n' && c != '\r') return 1;
        r->pos++;
        take_newline(r, c);
    }
}

/* Every field of a complete record must be text (text.h), of at most the long bound: 1,
 * or -1 naming file, line and column. Which bound a field has is up to the import that
 * uses it (and the store checks it by name); this is the check of the file itself. */
static int check_record(CsvReader *r, PokErr *err)
{
    for (size_t i = 0; i < r->nfields; i++) {
        const char *field = r->rec + r->field_off[i];
        TextScan scan;
        if (text_scan(field, strlen(field), text_max_chars(TEXT_LONG), &scan) == TEXT_OK) continue;
        /* the line of the fault: a quoted field may span lines */
        long line = r->record_line;
        size_t upto = r->field_off[i] + (scan.problem == TEXT_TOO_LONG ? 0 : scan.offset);
        for (size_t k = 0; k < upto; k++) line += r->rec[k] == '\n';
        char why[160];
        text_describe(&scan, why, sizeof why);
        return fail(r, err, "%s, regel %ld, kolom %zu: %s%s", r->name, line, i + 1, why,
                    scan.problem == TEXT_INVALID_UTF8
                        ? "; is het bestand opgeslagen als Windows-1252 (ANSI)? Sla het op "
                          "als CSV UTF-8 (in Excel: Opslaan als, CSV UTF-8) en probeer het "
                          "opnieuw"
                        : "");
    }
    return 1;
}

enum { FIELD_START, UNQUOTED, QUOTED, QUOTE_SEEN };

/* The hot path: copy a run of ordinary bytes of an unquoted field (no delimiter, line
 * break, quote or NUL) straight from the chunk, instead of byte by byte. Returns 1 when
 * it copied anything. Whatever stops the run, and a run that would pass the record cap,
 * is left to the byte-by-byte loop, which decides exactly as before. */
static int take_run(CsvReader *r)
{
    const unsigned char *p = r->buf + r->pos, *end = r->buf + r->len, *q = p;
    while (q < end && !r->stop[*q]) q++;
    size_t n = (size_t)(q - p);
    if (n == 0 || r->rec_len + n >= CSV_MAX_RECORD) return 0;
    if (r->rec_len + n + 1 > r->rec_cap) {
        size_t cap = r->rec_cap ? r->rec_cap : 4096;
        while (cap < r->rec_len + n + 1) cap *= 2;
        if (cap > CSV_MAX_RECORD) cap = CSV_MAX_RECORD;
        r->rec_cap = cap;
        r->rec = xrealloc(r->rec, r->rec_cap);
    }
    memcpy(r->rec + r->rec_len, p, n);
    r->rec_len += n;
    r->pos += n;
    return 1;
}

int csv_next(CsvReader *r, PokErr *err)
{
    if (r->failed) return err_set(err, "%s", r->error.msg);
    r->rec_len = 0;
    r->nfields = 0;
    int more = skip_blank_lines(r, err);
    if (more <= 0) return more;
    r->record_line = r->line;

    int state = FIELD_START;
    size_t field_start = 0;
    long quote_line = 0;
    for (;;) {
        if (state == FIELD_START || state == UNQUOTED) {
            if (take_run(r)) state = UNQUOTED;
            /* the common ends of a run, handled without the byte-by-byte machinery */
            if (r->pos < r->len && r->buf[r->pos] == (unsigned char)r->delim) {
                r->pos++;
                if (end_field(r, field_start, err) != 0) return -1;
                field_start = r->rec_len;
                state = FIELD_START;
                continue;
            }
        }
        int c = next_byte(r);
        if (c == IO_ERROR) return fail_io(r, err);
        if (c == '\0') return fail_binary(r, err);
        if (state == QUOTED) {
            if (c == END)
                return fail(r, err,
                            "%s, regel %ld: het aanhalingsteken aan het begin van een veld "
                            "wordt nergens afgesloten",
                            r->name, quote_line);
            if (c == '"') {
                state = QUOTE_SEEN;
                continue;
            }
            if (c == '\n') r->line++;
            /* CRLF inside a quoted field becomes LF, like the record separator. */
            if (c == '\r' && peek_byte(r) == '\n') continue;
            if (rec_put(r, (char)c, err) != 0) return -1;
            continue;
        }
        if (state == QUOTE_SEEN && c == '"') {
            if (rec_put(r, '"', err) != 0) return -1;
            state = QUOTED;
            continue;
        }
        if (c == END || take_newline(r, c)) {
            if (end_field(r, field_start, err) != 0) return -1;
            return check_record(r, err);
        }
        if (c == r->delim) {
            if (end_field(r, field_start, err) != 0) return -1;
            field_start = r->rec_len;
            state = FIELD_START;
            continue;
        }
        if (state == QUOTE_SEEN)
            return fail(r, err,
                        "%s, regel %ld: tekst na het afsluitende aanhalingsteken van een veld "
                        "(schrijf een aanhalingsteken binnen een veld als \"\")",
                        r->name, r->line);
        if (state == FIELD_START && c == '"') {
            state = QUOTED;
            quote_line = r->line;
            continue;
        }
        /* A quote inside an unquoted field is kept as it is. */
        if (rec_put(r, (char)c, err) != 0) return -1;
        state = UNQUOTED;
    }
}

size_t csv_nfields(const CsvReader *r)
{
    return r->nfields;
}

const char *csv_field(const CsvReader *r, size_t i)
{
    return i < r->nfields ? r->rec + r->field_off[i] : NULL;
}

long csv_line(const CsvReader *r)
{
    return r->record_line;
}
char csv_delim(const CsvReader *r)
{
    return r->delim;
}
const char *csv_name(const CsvReader *r)
{
    return r->name;
}
long long csv_offset(const CsvReader *r)
{
    return r->consumed + (long long)r->pos;
}
