/* ledger_read.c: reading a general-ledger export line by line: the header, and every line
 * checked (field count, amount, year, period, date) with messages that name file, line
 * and column. Fields are not copied: a line costs no allocation. */
#include "../money.h"
#include "import_internal.h"
#include "ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
    LC_DATE,
    LC_YEAR,
    LC_PERIOD,
    LC_ACCOUNT,
    LC_COST_CENTRE,
    LC_TAAKVELD,
    LC_AMOUNT,
    LC_DESCRIPTION,
    LC_DOCUMENT,
    LC_KEY, /* only when --key-column names a column not listed above */
    LC_COUNT
};

struct LedgerReader {
    CsvReader *csv;
    ImportColumn cols[LC_COUNT];
    ImportHeader h;
    long key_index;
    const char *key_name;
    int64_t lines;
    char iso_date[11];    /* a DD-MM-JJJJ date rewritten */
    char *trim[LC_COUNT]; /* trimmed copies of fields with trailing spaces (rare) */
    size_t trim_cap[LC_COUNT];
    Arena arena; /* the header */
};

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* "kolom" rather than import_field_error's "veld": a ledger has columns. */
static int column_error(const LedgerReader *lr, const char *column, PokErr *err, const char *fmt,
                        ...) __attribute__((format(printf, 4, 5)));
static int column_error(const LedgerReader *lr, const char *column, PokErr *err, const char *fmt,
                        ...)
{
    if (!err) return -1;
    char what[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    err_set(err, "%s", what);
    return err_prefix(err, "%s, regel %ld, kolom '%s': ", csv_name(lr->csv), csv_line(lr->csv),
                      column);
}

static int not_csv(CsvReader *r, PokErr *err)
{
    return err_set(err,
                   "%s is geen CSV-bestand van een grootboek: de kopregel bevat geen ';' of ',' "
                   "(verwacht een kopregel zoals %s)",
                   csv_name(r), LEDGER_COLUMNS);
}

static LedgerReader *start(CsvReader *r, const char *key_column, PokErr *err)
{
    if (!r) return NULL;
    LedgerReader *lr = xcalloc(1, sizeof *lr);
    lr->csv = r;
    lr->key_name = key_column && *key_column ? key_column : LEDGER_DEFAULT_KEY;
    static const char *const names[LC_KEY] = {
        "boekdatum", "boekjaar", "periode",      "grootboekrekening", "kostenplaats",
        "taakveld",  "bedrag",   "omschrijving", "documentnummer"};
    size_t n_cols = LC_KEY, key_col = LC_KEY;
    for (size_t c = 0; c < LC_KEY; c++) {
        lr->cols[c] = (ImportColumn){names[c], c == LC_AMOUNT, -1};
        if (strcasecmp(names[c], lr->key_name) == 0) key_col = c;
    }
    if (key_col == LC_KEY) lr->cols[n_cols++] = (ImportColumn){lr->key_name, 0, -1};
    lr->cols[key_col].required = 1;
    char *expected = arena_printf(
        &lr->arena, "%s%s%s (verplicht: bedrag, %s, en boekjaar of boekdatum)", LEDGER_COLUMNS,
        key_col == LC_KEY ? ";" : "", key_col == LC_KEY ? lr->key_name : "", lr->key_name);
    int rc = import_header(r, lr->cols, n_cols, 1, expected, &lr->arena, &lr->h, err);
    if (lr->h.n == 1) rc = not_csv(r, err); /* one field: no delimiter at all */
    if (rc == 0 && lr->cols[LC_YEAR].index < 0 && lr->cols[LC_DATE].index < 0)
        rc = import_line_error(r, err, "kolom 'boekjaar' of 'boekdatum' ontbreekt (verwacht %s)",
                               expected);
    if (rc != 0) {
        lr->csv = NULL; /* the caller still owns r on failure */
        ledger_close(lr);
        return NULL;
    }
    lr->key_index = lr->cols[key_col].index;
    return lr;
}

LedgerReader *ledger_open(const char *path, const char *key_column, PokErr *err)
{
    CsvReader *r = csv_open(path, 0, err);
    if (!r) return NULL;
    LedgerReader *lr = start(r, key_column, err);
    if (!lr) csv_close(r);
    return lr;
}

LedgerReader *ledger_open_mem(const char *name, const char *text, size_t len,
                              const char *key_column, PokErr *err)
{
    CsvReader *r = csv_open_mem(name, text, len, 0, err);
    if (!r) return NULL;
    LedgerReader *lr = start(r, key_column, err);
    if (!lr) csv_close(r);
    return lr;
}

void ledger_close(LedgerReader *lr)
{
    if (!lr) return;
    csv_close(lr->csv);
    for (size_t c = 0; c < LC_COUNT; c++) free(lr->trim[c]);
    arena_free(&lr->arena);
    free(lr);
}

CsvReader *ledger_csv(LedgerReader *lr)
{
    return lr->csv;
}
const char *ledger_key_name(const LedgerReader *lr)
{
    return lr->key_name;
}
int64_t ledger_lines(const LedgerReader *lr)
{
    return lr->lines;
}

/* The field at index, trimmed; "" when the column is absent. Most fields have no
 * surrounding spaces and are returned in place. */
static const char *field(LedgerReader *lr, int slot, long index)
{
    if (index < 0) return "";
    const char *v = csv_field(lr->csv, (size_t)index);
    while (is_space(*v)) v++;
    size_t n = strlen(v);
    if (n == 0 || !is_space(v[n - 1])) return v;
    while (n > 0 && is_space(v[n - 1])) n--;
    if (n + 1 > lr->trim_cap[slot]) {
        lr->trim_cap[slot] = n + 1;
        lr->trim[slot] = xrealloc(lr->trim[slot], n + 1);
    }
    memcpy(lr->trim[slot], v, n);
    lr->trim[slot][n] = '\0';
    return lr->trim[slot];
}

static int width_error(LedgerReader *lr, PokErr *err)
{
    size_t n = csv_nfields(lr->csv), want = lr->h.n;
    if (n < want && *lr->h.names[n])
        return column_error(lr, lr->h.names[n], err,
                            "ontbreekt: de regel heeft %zu %s, verwacht %zu (%s)", n,
                            n == 1 ? "veld" : "velden", want, lr->h.joined);
    const char *hint = n > want && csv_delim(lr->csv) == ','
                           ? "; staat er een bedrag met een komma zonder aanhalingstekens? "
                             "Schrijf dan \"1.234,56\""
                           : "";
    return import_line_error(lr->csv, err, "%zu %s, verwacht %zu (%s)%s", n,
                             n == 1 ? "veld" : "velden", want, lr->h.joined, hint);
}

static int parse_year(const char *s, int *year)
{
    if (s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' &&
        s[3] >= '0' && s[3] <= '9' && !s[4]) {
        *year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        return *year >= 1900 && *year <= 2200 ? 0 : -1;
    }
    long long v;
    if (parse_int(s, 1900, 2200, &v)) return -1;
    *year = (int)v;
    return 0;
}

static int digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

/* date_valid without its three atoi calls: this runs on every line of the file. */
static int iso_date_valid(const char *s)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' ||
        !digits(s + 8, 2, &d) || s[10])
        return 0;
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

/* YYYY-MM-DD as it is; DD-MM-JJJJ (common in Dutch exports) rewritten to it. */
static const char *check_date(LedgerReader *lr, const char *s)
{
    if (iso_date_valid(s)) return s;
    if (strlen(s) == 10 && s[2] == '-' && s[5] == '-') {
        char *d = lr->iso_date;
        memcpy(d, s + 6, 4);
        d[4] = '-';
        memcpy(d + 5, s + 3, 2);
        d[7] = '-';
        memcpy(d + 8, s, 2);
        d[10] = '\0';
        if (iso_date_valid(d)) return d;
    }
    return NULL;
}

static int parse_line(LedgerReader *lr, LedgerLine *l, PokErr *err)
{
    const ImportColumn *c = lr->cols;
    if (csv_nfields(lr->csv) != lr->h.n) return width_error(lr, err);
    const char *amount = field(lr, LC_AMOUNT, c[LC_AMOUNT].index);
    const char *reason;
    if (money_parse(amount, &l->amount_cents, &reason) != 0)
        return column_error(lr, "bedrag", err, "verwacht een bedrag zoals 1.234,56, niet '%s' (%s)",
                            amount, reason);
    l->date = field(lr, LC_DATE, c[LC_DATE].index);
    if (*l->date) {
        const char *iso = check_date(lr, l->date);
        if (!iso)
            return column_error(lr, "boekdatum", err,
                                "verwacht een datum zoals 2024-03-31 of 31-03-2024, niet '%s'",
                                l->date);
        l->date = iso;
    }
    if (c[LC_YEAR].index >= 0) {
        const char *y = field(lr, LC_YEAR, c[LC_YEAR].index);
        if (parse_year(y, &l->year) != 0)
            return column_error(lr, "boekjaar", err,
                                "verwacht een jaartal tussen 1900 en 2200, niet '%s'", y);
    } else if (*l->date) {
        l->year = atoi(l->date);
    } else {
        return column_error(
            lr, "boekdatum", err,
            "ontbreekt, en er is geen kolom boekjaar: van welk jaar is de boeking?");
    }
    l->period = 0;
    const char *period = field(lr, LC_PERIOD, c[LC_PERIOD].index);
    if (*period) {
        long long v;
        int p;
        size_t len = strlen(period);
        if ((len == 1 || len == 2) && digits(period, (int)len, &p) && p <= 16)
            v = p; /* the common case, without strtoll */
        else if (parse_int(period, 0, 16, &v) != 0)
            return column_error(lr, "periode", err,
                                "verwacht een periode van 0 tot en met 16, niet '%s'", period);
        l->period = (int)v;
    }
    l->account = field(lr, LC_ACCOUNT, c[LC_ACCOUNT].index);
    l->cost_centre = field(lr, LC_COST_CENTRE, c[LC_COST_CENTRE].index);
    l->taakveld = field(lr, LC_TAAKVELD, c[LC_TAAKVELD].index);
    l->description = field(lr, LC_DESCRIPTION, c[LC_DESCRIPTION].index);
    l->document = field(lr, LC_DOCUMENT, c[LC_DOCUMENT].index);
    l->key = lr->key_index == c[LC_COST_CENTRE].index ? l->cost_centre
                                                      : field(lr, LC_KEY, lr->key_index);
    return 0;
}

int ledger_next(LedgerReader *lr, LedgerLine *line, PokErr *err)
{
    for (;;) {
        int got = csv_next(lr->csv, err);
        if (got <= 0) return got;
        if (import_row_blank(lr->csv)) continue;
        lr->lines++;
        return parse_line(lr, line, err) == 0 ? 1 : -1;
    }
}
