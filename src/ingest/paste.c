/* paste.c: see paste.h. The text is split into lines and tab-separated cells once; the
 * header and the first column are recognised from what the cells hold, and every value
 * goes through money_parse. */
#include "paste.h"

#include "../money.h"
#include "../text.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>

/* A shown value is cut to this many characters in a message. */
#define PASTE_SHOWN_CHARS 40

typedef struct PasteLine {
    int number; /* in the pasted text, from 1 */
    char **cells;
    size_t n;
} PasteLine;

typedef struct Reader {
    const PasteTable *t;
    Arena *a;
    PasteResult *out;
    size_t cap;
} Reader;

static void fail(Reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(Reader *r, const char *fmt, ...)
{
    if (r->out->n_errors < PASTE_MAX_ERRORS) {
        Buf msg = {0};
        va_list ap;
        va_start(ap, fmt);
        buf_vprintf(&msg, fmt, ap);
        va_end(ap);
        r->out->errors[r->out->n_errors] = arena_strdup(r->a, msg.data);
        buf_free(&msg);
    }
    r->out->n_errors++;
}

/* value as a message shows it: cut to PASTE_SHOWN_CHARS characters. */
static const char *shown(Reader *r, const char *value)
{
    size_t n = text_prefix_bytes(value, PASTE_SHOWN_CHARS);
    if (!value[n]) return value;
    return arena_printf(r->a, "%.*s...", (int)n, value);
}

/* The length of a blank (space, no-break space, narrow no-break space, CR) at p, or 0. */
static size_t blank_at(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] == ' ' || u[0] == '\r') return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0) return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF) return 3;
    return 0;
}

/* s without surrounding blanks (in place). */
static char *trim(char *s)
{
    for (size_t n; (n = blank_at(s)) != 0;) s += n;
    size_t len = strlen(s);
    while (len) {
        size_t k = 0;
        for (size_t back = 1; back <= 3 && back <= len; back++)
            if (blank_at(s + len - back) == back) k = back;
        if (!k) break;
        len -= k;
    }
    s[len] = '\0';
    return s;
}

/* A spreadsheet quotes a cell holding a quote or line break: "..." with "" inside. */
static char *unquote(char *s)
{
    size_t len = strlen(s);
    if (len < 2 || s[0] != '"' || s[len - 1] != '"') return s;
    char *w = s;
    for (const char *p = s + 1; p < s + len - 1; p++) {
        *w++ = *p;
        if (*p == '"' && p[1] == '"') p++;
    }
    *w = '\0';
    return trim(s);
}

/* "-", an en or em dash, alone or after a euro sign: the spreadsheet's "no figure". */
static int is_dash(const char *s)
{
    if (strncmp(s, "\xE2\x82\xAC", 3) == 0) { /* € */
        s += 3;
        for (size_t n; (n = blank_at(s)) != 0;) s += n;
    }
    return strcmp(s, "-") == 0 || strcmp(s, "\xE2\x80\x93") == 0 || strcmp(s, "\xE2\x80\x94") == 0;
}

/* A year as a header cell writes it: four digits. */
static int header_year(const char *s, int *year)
{
    long long v;
    if (strlen(s) != 4 || parse_int(s, 1900, 2200, &v)) return 0;
    *year = (int)v;
    return 1;
}

static int is_total(const char *s)
{
    return strncasecmp(s, "totaal", 6) == 0 || strcasecmp(s, "total") == 0 ||
           strcasecmp(s, "som") == 0;
}

static int year_index(const PasteTable *t, int year)
{
    for (size_t i = 0; i < t->n_years; i++)
        if (t->years[i] == year) return (int)i;
    return -1;
}

/* Split text into lines of cells, without the blank lines before and after. */
static PasteLine *split_lines(Arena *a, const char *text, size_t *n_lines)
{
    char *copy = arena_strdup(a, text);
    size_t cap = 0, n = 0;
    PasteLine *lines = NULL;
    int number = 0;
    for (char *line = copy; line;) {
        char *next = strchr(line, '\n');
        if (next) *next++ = '\0';
        number++;
        lines = arena_grow(a, lines, sizeof *lines, &cap, n + 1);
        PasteLine *l = &lines[n++];
        l->number = number;
        size_t cell_cap = 0;
        for (char *cell = line; cell;) {
            char *tab = strchr(cell, '\t');
            if (tab) *tab++ = '\0';
            l->cells = arena_grow(a, l->cells, sizeof *l->cells, &cell_cap, l->n + 1);
            l->cells[l->n++] = unquote(trim(cell));
            cell = tab;
        }
        line = next;
    }
    *n_lines = 0;
    if (!lines) return NULL;
    size_t first = 0;
    while (first < n && lines[first].n == 1 && !*lines[first].cells[0]) first++;
    while (n > first && lines[n - 1].n == 1 && !*lines[n - 1].cells[0]) n--;
    *n_lines = n - first;
    return lines + first;
}

/* Whether line holds a header: years (or a total) after an optional corner cell. */
static int is_header(const PasteLine *l)
{
    int years = 0, year;
    for (size_t j = 0; j < l->n; j++) {
        const char *c = l->cells[j];
        if (header_year(c, &year))
            years++;
        else if (j > 0 && *c && !is_total(c))
            return 0;
    }
    return years > 0;
}

/* The row a first-column label names, or -1. */
static int row_of_label(const PasteTable *t, const char *label)
{
    const char *p = label;
    if (strncasecmp(p, "actielijn", 9) == 0) {
        p += 9;
        while (*p == ' ') p++;
    }
    if (isdigit((unsigned char)*p)) {
        int number = 0;
        while (isdigit((unsigned char)*p) && number < 1000) number = number * 10 + (*p++ - '0');
        /* after the number only a separator and the name may follow: "2. Rechtsbescherming" */
        if (!*p || *p == '.' || *p == ' ' || *p == ':' || *p == ')')
            for (size_t i = 0; i < t->n_rows; i++)
                if (t->rows[i].number > 0 && t->rows[i].number == number) return (int)i;
        return -1;
    }
    for (size_t i = 0; i < t->n_rows; i++)
        for (size_t k = 0; k < PASTE_MAX_NAMES && t->rows[i].names[k]; k++)
            if (strcasecmp(t->rows[i].names[k], label) == 0) return (int)i;
    return -1;
}

/* Whether a first cell names a row rather than holding an amount. */
static int looks_like_label(const char *c)
{
    int64_t cents;
    return *c && !is_dash(c) && money_parse(c, &cents, NULL) != 0;
}

static void add_value(Reader *r, const PasteLine *l, size_t j, size_t row, size_t col)
{
    const char *c = l->cells[j];
    PasteCell cell = {.row = row, .col = col, .line = l->number, .column = (int)j + 1};
    const char *reason = NULL;
    if (*c && !is_dash(c)) {
        if (money_parse(c, &cell.cents, &reason) != 0) {
            fail(r, "Regel %d, kolom %zu (%d): '%s' is niet te lezen als bedrag (%s)", l->number,
                 j + 1, r->t->years[col], shown(r, c), reason);
            return;
        }
        cell.has_amount = 1;
    }
    r->out->cells = arena_grow(r->a, r->out->cells, sizeof cell, &r->cap, r->out->n_cells + 1);
    r->out->cells[r->out->n_cells++] = cell;
}

/* The column map of a header line: map[j] is the year's index, -1 for a cell that is no
 * year (the corner, a total). */
static int *header_map(Reader *r, const PasteLine *h)
{
    int *map = arena_alloc(r->a, h->n * sizeof *map);
    for (size_t j = 0; j < h->n; j++) {
        int year;
        map[j] = -1;
        if (!header_year(h->cells[j], &year)) continue;
        int col = year_index(r->t, year);
        if (col < 0) {
            fail(r, "Regel %d, kolom %zu: het jaar %d staat niet in deze tabel (%d tot en met %d)",
                 h->number, j + 1, year, r->t->years[0], r->t->years[r->t->n_years - 1]);
            continue;
        }
        for (size_t k = 0; k < j; k++)
            if (map[k] == col)
                fail(r, "Regel %d, kolom %zu: het jaar %d staat ook al in kolom %zu", h->number,
                     j + 1, year, k + 1);
        map[j] = col;
    }
    return map;
}

/* The row of data line l (its label in the first column, or its position), or -1. */
static int line_row(Reader *r, const PasteLine *l, int labelled, size_t position, int *seen_on)
{
    const char *word = r->t->row_word;
    if (!labelled) {
        if (position < r->t->n_rows) return (int)position;
        if (position == r->t->n_rows)
            fail(r, "Regel %d: de tabel heeft %zu rijen; deze en volgende regels vallen erbuiten",
                 l->number, r->t->n_rows);
        return -1;
    }
    const char *label = l->cells[0];
    if (!*label) {
        fail(r, "Regel %d, kolom 1: noem hier de %s", l->number, word);
        return -1;
    }
    int row = row_of_label(r->t, label);
    if (row < 0) {
        fail(r, "Regel %d, kolom 1: '%s' is geen %s van deze tabel", l->number, shown(r, label),
             word);
        return -1;
    }
    if (seen_on[row]) {
        fail(r, "Regel %d, kolom 1: %s '%s' staat ook al op regel %d", l->number, word,
             shown(r, label), seen_on[row]);
        return -1;
    }
    seen_on[row] = l->number;
    return row;
}

/* Whether a line holds nothing but empty cells. */
static int line_empty(const PasteLine *l)
{
    for (size_t j = 0; j < l->n; j++)
        if (*l->cells[j]) return 0;
    return 1;
}

int paste_read(const char *text, const PasteTable *t, Arena *a, PasteResult *out)
{
    memset(out, 0, sizeof *out);
    Reader r = {.t = t, .a = a, .out = out};
    size_t n_lines = 0;
    PasteLine *lines = split_lines(a, text ? text : "", &n_lines);
    if (!n_lines || !t->n_years) {
        fail(&r, "Er is niets geplakt: kopieer de cellen in Excel of LibreOffice en plak ze hier");
        return -1;
    }
    int header = is_header(&lines[0]);
    int labelled;
    int *map = NULL;
    size_t map_n = 0;
    if (header) {
        int year;
        labelled = !header_year(lines[0].cells[0], &year);
        map = header_map(&r, &lines[0]);
        map_n = lines[0].n;
    } else {
        labelled = 0;
        for (size_t i = 0; i < n_lines; i++)
            labelled |= looks_like_label(lines[i].cells[0]) || lines[i].n > t->n_years;
        map_n = t->n_years + (size_t)labelled;
        map = arena_alloc(a, map_n * sizeof *map);
        for (size_t j = 0; j < map_n; j++) map[j] = (int)j - labelled;
    }
    int *seen_on = arena_alloc(a, (t->n_rows + 1) * sizeof *seen_on);
    size_t position = 0;
    for (size_t i = header ? 1 : 0; i < n_lines; i++) {
        const PasteLine *l = &lines[i];
        /* a total row adds up the others: taking it over would count them twice */
        if (labelled && (line_empty(l) || is_total(l->cells[0]))) continue;
        int row = line_row(&r, l, labelled, position++, seen_on);
        if (row < 0) continue;
        for (size_t j = labelled ? 1 : 0; j < l->n; j++) {
            if (j < map_n && map[j] >= 0) {
                add_value(&r, l, j, (size_t)row, (size_t)map[j]);
            } else if (j >= map_n && *l->cells[j]) {
                if (header)
                    fail(&r, "Regel %d, kolom %zu: '%s' staat onder geen jaar van de kopregel",
                         l->number, j + 1, shown(&r, l->cells[j]));
                else
                    fail(&r,
                         "Regel %d: meer kolommen dan de tabel jaren heeft (%zu); plak de "
                         "kopregel met de jaren mee",
                         l->number, t->n_years);
                break;
            }
        }
    }
    return out->n_errors ? -1 : 0;
}
