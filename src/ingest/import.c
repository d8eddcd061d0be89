/* import.c: what every CSV import shares: the header, row checks and messages that name
 * file, line and field, the transaction around an import, and a small string map. */
#include "../store/store.h"
#include "import_internal.h"
#include "progress.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void import_report_free(ImportReport *rep)
{
    if (!rep) return;
    arena_free(&rep->arena);
    memset(rep, 0, sizeof *rep);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static char *trimmed_copy(Arena *a, const char *s)
{
    if (!s) s = "";
    while (is_space(*s)) s++;
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1])) n--;
    char *out = arena_alloc(a, n + 1);
    memcpy(out, s, n);
    return out;
}

int import_header(CsvReader *r, ImportColumn *cols, size_t n_cols, int ignore_unknown,
                  const char *expected, Arena *a, ImportHeader *h, PokErr *err)
{
    for (size_t c = 0; c < n_cols; c++) cols[c].index = -1;
    int got = csv_next(r, err);
    if (got < 0) return -1;
    if (got == 0)
        return err_set(err, "%s is leeg (verwacht een kopregel met %s)", csv_name(r), expected);
    h->n = csv_nfields(r);
    h->names = arena_alloc(a, h->n * sizeof *h->names);
    Buf joined = {0};
    int rc = 0;
    for (size_t f = 0; f < h->n && rc == 0; f++) {
        char *name = trimmed_copy(a, csv_field(r, f));
        h->names[f] = name;
        if (f > 0) buf_puts(&joined, ",");
        buf_puts(&joined, name);
        if (!*name) continue;
        ImportColumn *col = NULL;
        for (size_t c = 0; c < n_cols && !col; c++)
            if (strcasecmp(cols[c].name, name) == 0) col = &cols[c];
        if (!col) {
            if (!ignore_unknown)
                rc =
                    import_line_error(r, err, "onbekende kolom '%s' (verwacht %s)", name, expected);
        } else if (col->index >= 0) {
            rc = import_line_error(r, err, "kolom '%s' staat twee keer in de kopregel", name);
        } else {
            col->index = (long)f;
        }
    }
    h->joined = arena_strdup(a, joined.data ? joined.data : "");
    buf_free(&joined);
    if (rc != 0) return rc;
    for (size_t c = 0; c < n_cols; c++)
        if (cols[c].required && cols[c].index < 0)
            return import_line_error(r, err, "kolom '%s' ontbreekt (verwacht %s)", cols[c].name,
                                     expected);
    return 0;
}

int import_row_blank(const CsvReader *r)
{
    for (size_t f = 0; f < csv_nfields(r); f++)
        for (const char *p = csv_field(r, f); *p; p++)
            if (!is_space(*p)) return 0;
    return 1;
}

int import_row_width(const CsvReader *r, const ImportHeader *h, PokErr *err)
{
    size_t n = csv_nfields(r);
    if (n == h->n) return 0;
    /* The usual cause of one field too many: a decimal comma in a comma-separated file. */
    const char *hint = n > h->n && csv_delim(r) == ','
                           ? "; staat er een bedrag met een komma zonder aanhalingstekens? "
                             "Schrijf dan \"1.234,56\""
                           : "";
    /* A short line: name the first field that is missing. */
    if (n < h->n && h->names[n] && *h->names[n])
        return import_field_error(r, h->names[n], err,
                                  "ontbreekt: de regel heeft %zu %s, verwacht %zu (%s)", n,
                                  n == 1 ? "veld" : "velden", h->n, h->joined);
    return import_line_error(r, err, "%zu %s, verwacht %zu (%s)%s", n, n == 1 ? "veld" : "velden",
                             h->n, h->joined, hint);
}

char *import_field(const CsvReader *r, const ImportColumn *col, Arena *a)
{
    if (col->index < 0) return trimmed_copy(a, "");
    return trimmed_copy(a, csv_field(r, (size_t)col->index));
}

int import_line_error(const CsvReader *r, PokErr *err, const char *fmt, ...)
{
    if (!err) return -1;
    char what[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    err_set(err, "%s", what);
    return err_prefix(err, "%s, regel %ld: ", csv_name(r), csv_line(r));
}

int import_field_error(const CsvReader *r, const char *field, PokErr *err, const char *fmt, ...)
{
    if (!err) return -1;
    char what[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    err_set(err, "%s", what);
    return err_prefix(err, "%s, regel %ld, veld '%s': ", csv_name(r), csv_line(r), field);
}

int import_wrap_error(const CsvReader *r, PokErr *err)
{
    return err_prefix(err, "%s, regel %ld: ", csv_name(r), csv_line(r));
}

int import_finish(Store *s, int rc, int dry_run, ImportReport *rep, PokErr *err)
{
    /* a dry run fails where the commit would: a closed year's figures that move */
    if (rc == 0 && dry_run) rc = store_check_closed(s, err);
    if (rc == 0 && !dry_run && store_commit(s, err) == 0) return 0;
    if (rc != 0 || !dry_run) {
        store_rollback(s);
        import_report_free(rep);
        return -1;
    }
    store_rollback(s); /* a dry run: the report stays */
    return 0;
}

int import_is_gm_code(char *code)
{
    if (strlen(code) != 6 || toupper((unsigned char)code[0]) != 'G' ||
        toupper((unsigned char)code[1]) != 'M')
        return 0;
    for (int i = 2; i < 6; i++)
        if (code[i] < '0' || code[i] > '9') return 0;
    code[0] = 'G';
    code[1] = 'M';
    return 1;
}

/* ---- string map: open addressing, FNV-1a ---- */

static size_t hash_key(const char *key)
{
    uint64_t h = 14695981039346656037ULL;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    return (size_t)h;
}

ImportMapEntry *import_map_find(const ImportMap *m, const char *key)
{
    if (!m->cap) return NULL;
    for (size_t i = hash_key(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->slots[i].key) return NULL;
        if (strcmp(m->slots[i].key, key) == 0) return &m->slots[i];
    }
}

static ImportMapEntry *map_slot(ImportMapEntry *slots, size_t cap, const char *key)
{
    size_t i = hash_key(key) & (cap - 1);
    while (slots[i].key) i = (i + 1) & (cap - 1);
    return &slots[i];
}

ImportMapEntry *import_map_add(ImportMap *m, Arena *a, const char *key)
{
    if ((m->n + 1) * 2 > m->cap) { /* keep the load at most one half */
        size_t cap = m->cap ? m->cap * 2 : 64;
        ImportMapEntry *slots = xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key) *map_slot(slots, cap, m->slots[i].key) = m->slots[i];
        free(m->slots);
        m->slots = slots;
        m->cap = cap;
    }
    ImportMapEntry *e = map_slot(m->slots, m->cap, key);
    e->key = arena_strdup(a, key);
    e->line = 0;
    e->value = NULL;
    m->n++;
    return e;
}

void import_map_free(ImportMap *m)
{
    free(m->slots);
    memset(m, 0, sizeof *m);
}

/* ---- entry points on files and on text in memory ---- */

int import_allocations(Store *s, const char *path, const char *scheme_code, int dry_run,
                       ImportReport *rep, PokErr *err)
{
    import_report_free(rep);
    CsvReader *r = csv_open(path, 0, err);
    if (!r) return -1;
    int rc = import_allocations_csv(s, r, scheme_code, dry_run, rep, err);
    csv_close(r);
    return rc;
}

int import_allocations_mem(Store *s, const char *name, const char *text, size_t len,
                           const char *scheme_code, int dry_run, ImportReport *rep, PokErr *err)
{
    import_report_free(rep);
    CsvReader *r = csv_open_mem(name, text, len, 0, err);
    if (!r) return -1;
    int rc = import_allocations_csv(s, r, scheme_code, dry_run, rep, err);
    csv_close(r);
    return rc;
}

int import_municipalities(Store *s, const char *path, int dry_run, ImportReport *rep, PokErr *err)
{
    import_report_free(rep);
    CsvReader *r = csv_open(path, 0, err);
    if (!r) return -1;
    int rc = import_municipalities_csv(s, r, dry_run, rep, err);
    csv_close(r);
    return rc;
}

int import_municipalities_year(Store *s, const char *path, int year, int dry_run, ImportReport *rep,
                               PokErr *err)
{
    import_report_free(rep);
    CsvReader *r = csv_open(path, 0, err);
    if (!r) return -1;
    int rc = import_municipalities_year_csv(s, r, year, dry_run, rep, err);
    csv_close(r);
    return rc;
}

int import_municipalities_mem(Store *s, const char *name, const char *text, size_t len, int dry_run,
                              ImportReport *rep, PokErr *err)
{
    import_report_free(rep);
    CsvReader *r = csv_open_mem(name, text, len, 0, err);
    if (!r) return -1;
    int rc = import_municipalities_csv(s, r, dry_run, rep, err);
    csv_close(r);
    return rc;
}

int import_inhabitants(Store *s, const char *path, const char *count_column, int year,
                       int64_t source_id, int dry_run, ImportReport *rep, PokErr *err)
{
    import_report_free(rep);
    CsvReader *r = csv_open(path, 0, err);
    if (!r) return -1;
    int rc = import_inhabitants_csv(s, r, count_column, year, source_id, dry_run, rep, err);
    csv_close(r);
    return rc;
}

int import_inhabitants_mem(Store *s, const char *name, const char *text, size_t len,
                           const char *count_column, int year, int64_t source_id, int dry_run,
                           ImportReport *rep, PokErr *err)
{
    import_report_free(rep);
    CsvReader *r = csv_open_mem(name, text, len, 0, err);
    if (!r) return -1;
    int rc = import_inhabitants_csv(s, r, count_column, year, source_id, dry_run, rep, err);
    csv_close(r);
    return rc;
}

int import_each_row(CsvReader *r, ImportReport *rep, ImportRowFn row, void *ctx, PokErr *err)
{
    Progress p;
    progress_start(&p, csv_name(r), csv_name(r)); /* the name is the path for files */
    int got;
    while ((got = csv_next(r, err)) == 1) {
        if (import_row_blank(r)) continue;
        rep->rows++;
        Arena scratch = {0};
        int rc = row(ctx, &scratch, err);
        arena_free(&scratch);
        if (rc != 0) {
            got = -1;
            break;
        }
        if (rep->rows % 4096 == 0) progress_update(&p, (int64_t)rep->rows, csv_offset(r));
    }
    progress_end(&p);
    return got;
}
