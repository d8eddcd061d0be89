/* import_circulaire.c: the wide tables the Rijk publishes with a circulaire (one row per
 * municipality, a column per actielijn and year) from CSV, xlsx or ods. A mapping given
 * by the user says which column is which; import_figures.c stores the figures. */
#include "import_internal.h"

#include "../money.h"
#include "../store/store.h"
#include "../store/store_reference.h"
#include "progress.h"
#include "sheet.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int circulaire_map_parse(const char *spec, Arena *a, CirculaireMap *out, PokErr *err)
{
    const char *eq = strrchr(spec, '=');
    if (!eq || eq == spec)
        return err_set(err, "--map '%s': verwacht KOLOM=ACTIELIJN:JAAR, zoals D=2:2024", spec);
    const char *colon = strchr(eq + 1, ':');
    if (!colon)
        return err_set(err, "--map '%s': verwacht KOLOM=ACTIELIJN:JAAR, zoals D=2:2024", spec);
    char al[32];
    size_t n = (size_t)(colon - eq - 1);
    if (n == 0 || n >= sizeof al)
        return err_set(err, "--map '%s': actielijn ontbreekt (een nummer, of 'totaal')", spec);
    memcpy(al, eq + 1, n);
    al[n] = '\0';
    long long number, year;
    if (strcasecmp(al, "totaal") == 0)
        number = 0;
    else if (parse_int(al, 0, 9999, &number) != 0)
        return err_set(err, "--map '%s': actielijn '%s' is geen nummer (of 'totaal')", spec, al);
    if (parse_int(colon + 1, 1900, 2200, &year) != 0)
        return err_set(err, "--map '%s': '%s' is geen jaartal", spec, colon + 1);
    size_t clen = (size_t)(eq - spec);
    char *col = arena_alloc(a, clen + 1);
    memcpy(col, spec, clen);
    col[clen] = '\0';
    out->column = col;
    out->actielijn = (int)number;
    out->year = (int)year;
    return 0;
}

/* ---- one table, CSV or spreadsheet ---- */

typedef struct Table {
    Sheet *sh;
    CsvReader *csv;
} Table;

static int table_next(Table *t, PokErr *err)
{
    return t->sh ? sheet_next(t->sh, err) : csv_next(t->csv, err);
}

static long table_row(const Table *t)
{
    return t->sh ? sheet_row(t->sh) : csv_line(t->csv);
}

static size_t table_ncols(const Table *t)
{
    return t->sh ? sheet_ncols(t->sh) : csv_nfields(t->csv);
}

static const char *table_text(const Table *t, size_t col)
{
    if (t->sh) return sheet_text(t->sh, col);
    const char *f = csv_field(t->csv, col);
    return f ? f : "";
}

static const char *table_number(const Table *t, size_t col)
{
    return t->sh ? sheet_number(t->sh, col) : NULL;
}

static const char *table_name(const Table *t)
{
    return t->sh ? sheet_name(t->sh) : csv_name(t->csv);
}

/* ---- the import ---- */

typedef struct Circ {
    AllocTarget t;
    Table tab;
    const CirculaireJob *job;
    Arena a;   /* lives as long as the import: header, columns */
    Arena row; /* the current row's texts, freed after each row */
    long code_col;
    long *map_col; /* per mapping */
    char **header; /* texts of the header row (NULL without one) */
    size_t n_header;
    int64_t source_id;
    size_t rounded; /* number cells rounded to whole cents */
} Circ;

static char *trimmed(Arena *a, const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    size_t n = strlen(s);
    while (n > 0 && strchr(" \t\r\n", s[n - 1])) n--;
    char *out = arena_alloc(a, n + 1);
    memcpy(out, s, n);
    return out;
}

/* "NAME, rij 12, kolom D ('Rechtsbescherming 2025'): " before the message in err. */
static int cell_error(Circ *c, long col, PokErr *err)
{
    char letters[8];
    sheet_col_letters((size_t)col, letters);
    const char *head = (size_t)col < c->n_header && c->header[col][0] ? c->header[col] : NULL;
    if (head)
        return err_prefix(err, "%s, %s %ld, kolom %s ('%s'): ", table_name(&c->tab), c->t.line_word,
                          table_row(&c->tab), letters, head);
    return err_prefix(err, "%s, %s %ld, kolom %s: ", table_name(&c->tab), c->t.line_word,
                      table_row(&c->tab), letters);
}

static int row_error(Circ *c, PokErr *err)
{
    return err_prefix(err, "%s, %s %ld: ", table_name(&c->tab), c->t.line_word, table_row(&c->tab));
}

/* A column letter is written in capitals ("D", "AB"); anything else is header text. */
static int is_letter_ref(const char *ref)
{
    if (sheet_col_index(ref) < 0) return 0;
    for (const char *p = ref; *p; p++)
        if (!isupper((unsigned char)*p)) return 0;
    return 1;
}

/* A column reference: a letter ("D") or, with a header row, its text (any case). */
static long resolve_column(Circ *c, const char *ref, PokErr *err)
{
    if (is_letter_ref(ref)) return sheet_col_index(ref);
    for (size_t i = 0; i < c->n_header; i++)
        if (strcasecmp(c->header[i], ref) == 0) return (long)i;
    if (!c->header)
        return err_set(err, "%s: kolom '%s' is geen kolomletter en er is geen kopregel",
                       table_name(&c->tab), ref);
    Buf b = {0};
    for (size_t i = 0; i < c->n_header; i++)
        if (c->header[i][0]) buf_printf(&b, "%s'%s'", b.len ? ", " : "", c->header[i]);
    err_set(err, "%s, %s %ld (kopregel): geen kolom '%s' (wel: %s)", table_name(&c->tab),
            c->t.line_word, table_row(&c->tab), ref, b.data ? b.data : "geen");
    buf_free(&b);
    return -1;
}

/* The header row: the row numbered job->header_row, or the first holding one of the
 * header texts the mapping names. Without text references there need be none. */
static int find_header(Circ *c, PokErr *err)
{
    const CirculaireJob *job = c->job;
    const char *probe = NULL;
    if (!is_letter_ref(job->code_column)) probe = job->code_column;
    for (size_t i = 0; i < job->n_maps && !probe; i++)
        if (!is_letter_ref(job->maps[i].column)) probe = job->maps[i].column;
    if (!probe && job->header_row == 0) return 0;
    int got;
    while ((got = table_next(&c->tab, err)) == 1) {
        long row = table_row(&c->tab);
        int hit = 0;
        if (job->header_row > 0) {
            if (row > job->header_row) break;
            hit = row == job->header_row;
        } else {
            /* header_row 0 here, so probe is set (see the return above) */
            for (size_t i = 0; i < table_ncols(&c->tab) && !hit; i++)
                /* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker) */
                hit = strcasecmp(trimmed(&c->row, table_text(&c->tab, i)), probe) == 0;
            arena_free(&c->row);
        }
        if (!hit) continue;
        c->n_header = table_ncols(&c->tab);
        c->header = arena_alloc(&c->a, (c->n_header + 1) * sizeof *c->header);
        for (size_t i = 0; i < c->n_header; i++)
            c->header[i] = trimmed(&c->a, table_text(&c->tab, i));
        return 0;
    }
    if (got < 0) return -1;
    if (job->header_row > 0)
        return err_set(err, "%s: kopregel %ld is leeg of bestaat niet", table_name(&c->tab),
                       job->header_row);
    return err_set(err,
                   "%s: geen kopregel gevonden: geen %s bevat '%s' (geef --header-row of "
                   "kolomletters)",
                   table_name(&c->tab), c->t.line_word, probe);
}

static int resolve_columns(Circ *c, PokErr *err)
{
    const CirculaireJob *job = c->job;
    if ((c->code_col = resolve_column(c, job->code_column, err)) < 0) return -1;
    c->map_col = arena_alloc(&c->a, (job->n_maps + 1) * sizeof *c->map_col);
    for (size_t i = 0; i < job->n_maps; i++) {
        const CirculaireMap *m = &job->maps[i];
        if ((c->map_col[i] = resolve_column(c, m->column, err)) < 0) return -1;
        if (c->map_col[i] == c->code_col)
            return err_set(err, "--map '%s': dat is de kolom met gemeentecodes", m->column);
        for (size_t j = 0; j < i; j++) {
            if (c->map_col[j] == c->map_col[i])
                return err_set(err, "--map: kolom '%s' staat twee keer in de mapping", m->column);
            if (job->maps[j].actielijn == m->actielijn && job->maps[j].year == m->year)
                return err_set(err, "--map: actielijn %d jaar %d staat twee keer in de mapping",
                               m->actielijn, m->year);
        }
    }
    return 0;
}

/* The code in a row: 1 and code set ("GM0363" from "GM0363", "gm0363", "0363", 363),
 * 0 for a row without one (title, total, note), -1 for something code-like but wrong. */
static int row_code(Circ *c, char code[8], PokErr *err)
{
    const char *text = trimmed(&c->row, table_text(&c->tab, (size_t)c->code_col));
    const char *num = table_number(&c->tab, (size_t)c->code_col);
    if (num && !*text) text = num;
    if (!*text) return 0;
    const char *digits = text;
    int gm = (digits[0] == 'G' || digits[0] == 'g') && (digits[1] == 'M' || digits[1] == 'm');
    if (gm) digits += 2;
    size_t n = strspn(digits, "0123456789");
    if (n == 0 || digits[n]) {
        if (!gm) return 0;
    } else if (n <= 4) {
        snprintf(code, 8, "GM%04d", atoi(digits));
        return 1;
    }
    err_set(err, "verwacht een CBS-gemeentecode zoals GM0363, 0363 of 363, niet '%s'", text);
    return cell_error(c, c->code_col, err);
}

static void add_note(ImportReport *rep, const char *text)
{
    rep->notes =
        arena_grow(&rep->arena, rep->notes, sizeof *rep->notes, &rep->cap_notes, rep->n_notes + 1);
    rep->notes[rep->n_notes++] = arena_strdup(&rep->arena, text);
}

/* A number cell with fractions of a cent (a formula's result, or a decimal point read
 * where a thousands separator was meant): rounded, and shown so the user can check. */
#define ROUNDED_SHOWN 5

static void note_rounded(Circ *c, size_t col, const char *num, int64_t cents)
{
    if (++c->rounded > ROUNDED_SHOWN) return;
    char letters[8], amount[MONEY_BUFSZ], note[160];
    snprintf(note, sizeof note, "%s %ld, kolom %s: %s afgerond op %s", c->t.line_word,
             table_row(&c->tab), sheet_col_letters(col, letters), num,
             money_format(cents, MONEY_EURO, amount));
    add_note(c->t.rep, note);
}

/* An amount cell: 1 and cents, 0 when empty (or "-"), -1 bad. */
static int cell_amount(Circ *c, size_t col, int64_t *cents, PokErr *err)
{
    const char *num = table_number(&c->tab, col);
    const char *text = trimmed(&c->row, table_text(&c->tab, col));
    const char *reason;
    int scale = c->job->unit_scale10;
    if (num) {
        int inexact;
        if (money_parse_decimal(num, scale, cents, &inexact, &reason) != 0)
            return err_set(err, "%s (gelezen: '%s')", reason, num);
        if (inexact) note_rounded(c, col, num, *cents);
    } else {
        if (!*text || strcmp(text, "-") == 0) return 0;
        if (money_parse(text, cents, &reason) != 0)
            return err_set(err, "%s (gelezen: '%s')", reason, text);
        for (int i = 0; i < scale; i++) {
            if (*cents > MONEY_MAX_CENTS / 10 || *cents < -MONEY_MAX_CENTS / 10)
                return err_set(err, "bedrag te groot (gelezen: '%s')", text);
            *cents *= 10;
        }
    }
    if (*cents < 0)
        return err_set(err, "een toekenning kan niet negatief zijn (gelezen: '%s')",
                       num ? num : text);
    return 1;
}

/* A municipality known to pok and existing in every year the row has an amount for:
 * 1 yes, 0 skipped (--skip-unknown), -1 error. */
static int row_municipality(Circ *c, const char *code, PokErr *err)
{
    MuniGrid *g;
    int found = alloc_target_grid(&c->t, code, &g, err);
    if (found < 0) return row_error(c, err);
    for (size_t i = 0; found && i < c->job->n_maps; i++) {
        const char *text = table_text(&c->tab, (size_t)c->map_col[i]);
        if (!*text && !table_number(&c->tab, (size_t)c->map_col[i])) continue;
        if (store_municipality_valid_in(&g->muni, c->job->maps[i].year, err) != 0) found = 0;
    }
    if (found) return 1;
    if (!c->job->skip_unknown) return cell_error(c, c->code_col, err);
    char note[sizeof err->msg + 64];
    snprintf(note, sizeof note, "%s %ld overgeslagen: %s", c->t.line_word, table_row(&c->tab),
             err->msg);
    add_note(c->t.rep, note);
    c->t.rep->skipped++;
    return 0;
}

static int import_row(Circ *c, PokErr *err)
{
    char code[8];
    int got = row_code(c, code, err);
    if (got <= 0) return got;
    got = row_municipality(c, code, err);
    if (got <= 0) return got;
    c->t.rep->rows++;
    for (size_t i = 0; i < c->job->n_maps; i++) {
        size_t col = (size_t)c->map_col[i];
        AllocFigure f = {.code = code,
                         .actielijn = c->job->maps[i].actielijn,
                         .year = c->job->maps[i].year,
                         .source_id = c->source_id,
                         .line = table_row(&c->tab)};
        got = cell_amount(c, col, &f.cents, err);
        if (got < 0) return cell_error(c, (long)col, err);
        if (got == 0) continue;
        char letters[8];
        f.place = arena_printf(&c->row, "%s %ld, kolom %s", c->t.line_word, f.line,
                               sheet_col_letters(col, letters));
        int bad;
        if (alloc_target_put(&c->t, &f, &bad, err) != 0)
            return bad == ALLOC_BAD_LINE ? row_error(c, err) : cell_error(c, (long)col, err);
    }
    return 0;
}

static int import_rows(Circ *c, PokErr *err)
{
    const CirculaireJob *job = c->job;
    if (!job->code_column || !*job->code_column)
        return err_set(err, "welke kolom bevat de gemeentecodes? (--code-column)");
    if (job->n_maps == 0)
        return err_set(err, "geen bedragkolommen: geef ten minste één --map KOLOM=ACTIELIJN:JAAR");
    if (!job->source || !*job->source)
        return err_set(err, "bron ontbreekt: geef --source met het nummer van een bron of de "
                            "titel van de circulaire");
    if (alloc_target_setup(&c->t, c->t.s, job->scheme_code, c->t.rep, err) != 0) return -1;
    for (size_t i = 0; i < job->n_maps; i++) {
        const CirculaireMap *m = &job->maps[i];
        size_t k = 0;
        while (k < c->t.n_actielijnen && c->t.actielijnen[k].number != m->actielijn) k++;
        if (m->actielijn && k == c->t.n_actielijnen)
            return err_set(err, "--map '%s': onbekende actielijn %d (%s heeft %d tot en met %d)",
                           m->column, m->actielijn, c->t.scheme.code, c->t.al_min, c->t.al_max);
        if (m->year < c->t.scheme.first_year || m->year > c->t.scheme.last_year)
            return err_set(err, "--map '%s': %d valt buiten de looptijd van %s (%d-%d)", m->column,
                           m->year, c->t.scheme.code, c->t.scheme.first_year,
                           c->t.scheme.last_year);
    }
    if (alloc_target_source(&c->t, job->source, table_name(&c->tab), &c->source_id, err) != 0)
        return err_prefix(err, "--source: ");
    if (find_header(c, err) != 0 || resolve_columns(c, err) != 0) return -1;
    Progress prog;
    progress_start(&prog, table_name(&c->tab), NULL);
    int got;
    while ((got = table_next(&c->tab, err)) == 1) {
        int rc = import_row(c, err);
        arena_free(&c->row);
        if (rc < 0) {
            progress_end(&prog);
            return -1;
        }
        progress_update(&prog, table_row(&c->tab), 0);
    }
    progress_end(&prog);
    if (got == 0 && c->rounded > ROUNDED_SHOWN) {
        char note[96];
        snprintf(note, sizeof note, "in totaal %zu bedragen afgerond op hele centen", c->rounded);
        add_note(c->t.rep, note);
    }
    return got;
}

static int run(Store *s, Table *tab, const CirculaireJob *job, ImportReport *rep, PokErr *err)
{
    if (store_begin(s, err) != 0) return -1;
    Circ c = {
        .t = {.s = s, .rep = rep, .line_word = tab->sh ? "rij" : "regel"}, .tab = *tab, .job = job};
    int rc = import_rows(&c, err);
    alloc_target_free(&c.t);
    arena_free(&c.a);
    arena_free(&c.row);
    return import_finish(s, rc, job->dry_run, rep, err);
}

#define HEAD_BYTES 65536

/* The delimiter of a CSV table: a title line above the header may hold none, so count
 * over the start of the file (outside quotes) rather than its first line. */
static char csv_delimiter(const char *text, size_t len)
{
    size_t semi = 0, comma = 0;
    int quoted = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '"') quoted = !quoted;
        if (quoted) continue;
        if (text[i] == ';') semi++;
        if (text[i] == ',') comma++;
    }
    return semi > comma ? ';' : ',';
}

static int is_spreadsheet(const char *name, const void *head, size_t n)
{
    const char *dot = strrchr(name, '.');
    return sheet_is_zip(head, n) || (n >= 4 && !memcmp(head, "\xd0\xcf\x11\xe0", 4)) ||
           (dot &&
            (!strcasecmp(dot, ".xlsx") || !strcasecmp(dot, ".ods") || !strcasecmp(dot, ".xls")));
}

int import_circulaire_mem(Store *s, const char *name, const void *data, size_t len,
                          const CirculaireJob *job, ImportReport *rep, PokErr *err)
{
    import_report_free(rep);
    Table tab = {0};
    if (is_spreadsheet(name, data, len))
        tab.sh = sheet_open_mem(name, data, len, job->sheet, err);
    else
        tab.csv = csv_open_mem(name, data, len,
                               csv_delimiter(data, len < HEAD_BYTES ? len : HEAD_BYTES), err);
    if (!tab.sh && !tab.csv) return -1;
    int rc = run(s, &tab, job, rep, err);
    sheet_close(tab.sh);
    if (tab.csv) csv_close(tab.csv);
    return rc;
}

int import_circulaire(Store *s, const char *path, const CirculaireJob *job, ImportReport *rep,
                      PokErr *err)
{
    import_report_free(rep);
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(err, "kan %s niet openen: %s", path, strerror(errno));
    char *head = xmalloc(HEAD_BYTES);
    size_t n = fread(head, 1, HEAD_BYTES, f);
    fclose(f);
    Table tab = {0};
    if (is_spreadsheet(path, head, n))
        tab.sh = sheet_open(path, job->sheet, err);
    else
        tab.csv = csv_open(path, csv_delimiter(head, n), err);
    free(head);
    if (!tab.sh && !tab.csv) return -1;
    int rc = run(s, &tab, job, rep, err);
    sheet_close(tab.sh);
    if (tab.csv) csv_close(tab.csv);
    return rc;
}
