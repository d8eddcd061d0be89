/* read_table.c: tables rebuilt from lines: a header line whose columns are years (or
 * column words such as "Begroting | Wijziging | Na wijziging"), then rows of a label and
 * cells. With word boxes a cell goes under the header column it lies under; without them
 * a row with fewer cells than columns is ambiguous, and only the table's own totals (or the
 * years the scheme funds an actielijn in) may place it: never a silent guess. */
#include "read_amounts.h"

#include <ctype.h>
#include <string.h>

/* Column words of a header without years, longest first so "na wijziging" wins. */
static const char *const column_words[] = {"primitieve begroting",
                                           "begroting na wijziging",
                                           "na wijziging",
                                           "begroting",
                                           "wijziging",
                                           "realisatie",
                                           "rekening",
                                           "raming",
                                           "verschil",
                                           "totaal",
                                           NULL};

static int is_cell_sep(char c)
{
    return c == ' ' || c == '|' || c == '[' || c == ']' || c == '(' || c == ')' || c == ':';
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s) && *s != '|') return 0;
    return 1;
}

static char *trim_copy(Arena *a, const char *s, size_t n)
{
    while (n && (is_cell_sep(*s) || *s == '-')) s++, n--;
    /* a closing bracket stays when its opening one is in the label */
    while (n && (is_cell_sep(s[n - 1]) || s[n - 1] == '-') &&
           !(s[n - 1] == ')' && memchr(s, '(', n)))
        n--;
    char *o = arena_alloc(a, n + 1);
    memcpy(o, s, n);
    return o;
}

/* Only separators (and a footnote digit after a bracket) between a and b. OCR reads a
 * column rule "|" also as "/", "!" or "l" next to a space, and a speck or the rule's foot
 * as "_", "~" or ".". */
static int only_seps(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (is_cell_sep(s[i]) || s[i] == '/' || s[i] == '!' || s[i] == '_' || s[i] == '~' ||
            (s[i] == '.' && (i == a || s[i - 1] == ' ')))
            continue;
        if (isdigit((unsigned char)s[i]) && i > 0 && s[i - 1] == ')') continue;
        return 0;
    }
    return 1;
}

/* The x centre of the words covering bytes [a, b) of the line, -1 without geometry. */
static double x_of(const ReadLine *l, size_t a, size_t b)
{
    if (!l->nwords) return -1;
    size_t off = 0;
    double x0 = -1, x1 = -1;
    for (size_t w = 0; w < l->nwords; w++) {
        size_t len = strlen(l->words[w].text);
        if (strncmp(l->text + off, l->words[w].text, len) != 0) return -1;
        if (off < b && off + len > a) {
            if (x0 < 0 || l->words[w].x0 < x0) x0 = l->words[w].x0;
            if (l->words[w].x1 > x1) x1 = l->words[w].x1;
        }
        off += len + 1;
    }
    return x0 < 0 ? -1 : (x0 + x1) / 2;
}

/* The year a table without year columns is about: "begroting 2025", "jaarrekening 2024"
 * in its title or the nearest of the twelve lines above it; 0 none. */
static int year_named_above(const ReadDoc *doc, size_t li, const char *title)
{
    static const char *const words[] = {
        "begrotingswijziging", "begroting",     "jaarrekening", "rekening",
        "jaarverslag",         "voorjaarsnota", "jaar",         NULL};
    for (size_t k = li + 1, seen = 0; k > 0 && seen < 13; k--, seen++) {
        const char *s = seen == 0 ? title : doc->lines[k - 1].text;
        for (size_t w = 0; words[w]; w++) {
            for (const char *p = s; (p = amt_find_word(p, words[w])) != NULL; p++) {
                const char *y = p + strlen(words[w]);
                if (*y != ' ') continue;
                y++;
                if ((y[0] == '1' || y[0] == '2') && isdigit((unsigned char)y[1]) &&
                    isdigit((unsigned char)y[2]) && isdigit((unsigned char)y[3]) &&
                    !isdigit((unsigned char)y[4]) && y[4] != '-')
                    return (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 +
                           (y[3] - '0');
            }
        }
    }
    return 0;
}

/* Whether s[st, en) is a year (19xx, 20xx). */
static int is_year_word(const char *s, size_t st, size_t en)
{
    if (en - st != 4 || !(s[st] == '1' || s[st] == '2')) return 0;
    for (size_t i = st; i < en; i++)
        if (!isdigit((unsigned char)s[i])) return 0;
    return 1;
}

/* Where the column word cw (one or more words) ends s at e, or -1. Years between or after
 * its words are part of the column's name ("Begroting 2024 na wijziging", "Realisatie
 * 2024"): the column is the same kind of column, its year comes from the table's title. */
static long match_column_word(const char *s, size_t e, const char *cw)
{
    size_t ce = strlen(cw), pos = e;
    for (;;) {
        size_t cs = ce;
        while (cs > 0 && cw[cs - 1] != ' ') cs--;
        size_t wl = ce - cs;
        for (;;) { /* skip separators and year words before pos */
            while (pos && is_cell_sep(s[pos - 1])) pos--;
            size_t ws = pos;
            while (ws && !is_cell_sep(s[ws - 1])) ws--;
            if (ws < pos && is_year_word(s, ws, pos)) {
                pos = ws;
                continue;
            }
            break;
        }
        if (pos < wl || strncasecmp(s + pos - wl, cw + cs, wl) != 0) return -1;
        if (pos > wl && !is_cell_sep(s[pos - wl - 1])) return -1;
        pos -= wl;
        if (cs == 0) return (long)pos;
        ce = cs - 1;
    }
}

/* The header at line l: its columns into t. */
static int parse_header(const ReadLine *l, Arena *a, AmtTable *t)
{
    const char *s = l->text;
    AmtTok tok[AMT_MAX_TOKENS];
    size_t n = amt_scan(s, tok, AMT_MAX_TOKENS);
    size_t end = strlen(s);
    while (end && is_cell_sep(s[end - 1])) end--;
    /* an optional "Totaal" column after the years */
    int total_col = 0;
    if (end >= 6 && strncasecmp(s + end - 6, "totaal", 6) == 0) {
        total_col = 1;
        end -= 6;
        while (end && is_cell_sep(s[end - 1])) end--;
    }
    int ny = 0;
    size_t stop = end;
    for (int k = (int)n - 1; k >= 0 && ny < AMT_MAX_COLS - 1; k--) {
        if (!tok[k].year || !only_seps(s, tok[k].end, stop)) break;
        ny++;
        stop = tok[k].start;
    }
    if (ny >= 2) {
        int first = (int)n - ny;
        for (int y = 0; y < ny; y++) {
            t->year[y] = (int)(tok[first + y].cents / 100);
            if (y && t->year[y] <= t->year[y - 1]) return 0;
            t->colname[y] = arena_printf(a, "%d", t->year[y]);
            t->colx[y] = x_of(l, tok[first + y].start, tok[first + y].end);
        }
        t->ncols = ny;
        t->total_col = -1;
        for (int c = 0; c < AMT_MAX_COLS; c++) t->col_kind[c] = -1;
        if (total_col) {
            t->year[ny] = 0;
            t->colname[ny] = "Totaal";
            t->colx[ny] = x_of(l, end, strlen(s));
            t->total_col = ny;
            t->ncols++;
        }
        t->title = trim_copy(a, s, tok[first].start);
        size_t tl = strlen(t->title);
        t->actielijn_col = tl >= 9 && strcasecmp(t->title + tl - 9, "actielijn") == 0 && tl > 9;
        return tl <= 90;
    }
    /* column words from the end: "Begroting | Wijziging | Na wijziging" */
    size_t e = end;
    int nc = 0;
    size_t starts[AMT_MAX_COLS], ends[AMT_MAX_COLS];
    const char *names[AMT_MAX_COLS];
    while (nc < AMT_MAX_COLS) {
        int hit = 0;
        for (size_t w = 0; column_words[w]; w++) {
            long st = match_column_word(s, e, column_words[w]);
            if (st >= 0) {
                starts[nc] = (size_t)st;
                ends[nc] = e;
                names[nc++] = column_words[w];
                e = (size_t)st;
                while (e && is_cell_sep(s[e - 1])) e--;
                hit = 1;
                break;
            }
        }
        if (!hit) break;
    }
    if (nc < 2) return 0;
    for (int c = 0; c < nc; c++) {
        int from = nc - 1 - c;
        t->year[c] = 0;
        t->colname[c] = arena_strdup(a, names[from]);
        t->colx[c] = x_of(l, starts[from], ends[from]);
        /* the last column sums the others: "Totaal", "Na wijziging" */
        if (c == nc - 1 &&
            (strcasecmp(names[from], "totaal") == 0 || strstr(names[from], "na wijziging")))
            t->total_col = c;
    }
    t->ncols = nc;
    for (int c = 0; c < nc; c++) {
        /* a change or a difference is no plan; a realisation column is what was spent */
        const char *cn = t->colname[c];
        t->col_plan[c] =
            strstr(cn, "begroting") || strstr(cn, "na wijziging") || strstr(cn, "raming");
        t->col_kind[c] = strcasecmp(cn, "wijziging") == 0 || strcasecmp(cn, "verschil") == 0
                             ? (int)READ_OTHER
                         : strcasecmp(cn, "realisatie") == 0 || strcasecmp(cn, "rekening") == 0
                             ? (int)READ_REALISATION
                             : -1;
    }
    t->title = trim_copy(a, s, e);
    return strlen(t->title) <= 90;
}

/* Whether the word before position i names what the number is ("actielijn 2", "tot en
 * met 5", "3 en 4"). */
static int after_naming_word(const char *s, size_t i)
{
    static const char *const words[] = {"actielijn", "actielijnen", "met", "t/m", "en",
                                        "lijn",      "nummer",      "nr.", NULL};
    size_t e = i;
    while (e > 0 && s[e - 1] == ' ') e--;
    size_t b = e;
    while (b > 0 && s[b - 1] != ' ') b--;
    for (size_t k = 0; words[k]; k++)
        if (e - b == strlen(words[k]) && strncasecmp(s + b, words[k], e - b) == 0) return 1;
    return 0;
}

/* The cells at the end of line s: the trailing run of amounts and dashes. Returns the
 * count and sets *label_end. Bare numbers count only where euro is set. */
static int trailing_cells(const ReadLine *l, int euro, AmtCell *cells, size_t *label_end)
{
    const char *s = l->text;
    AmtTok tok[AMT_MAX_TOKENS];
    size_t n = amt_scan(s, tok, AMT_MAX_TOKENS);
    size_t end = strlen(s);
    int first = (int)n, any_money = 0;
    size_t stop = end;
    for (int k = (int)n - 1; k >= 0; k--) {
        int cell = tok[k].dash || (tok[k].money_ok && (tok[k].euro || euro));
        /* "actielijn 2", "3 tot en met 5": a number the words name, no cell */
        if (cell && !tok[k].euro && !tok[k].dash && tok[k].cents < 10000 &&
            tok[k].end - tok[k].start <= 2 && after_naming_word(s, tok[k].start))
            cell = 0;
        if (!cell) {
            /* a footnote digit right after a bracket is no cell but no end either */
            if (!tok[k].money_ok && tok[k].start > 0 && s[tok[k].start - 1] == ')') continue;
            break;
        }
        if (!only_seps(s, tok[k].end, stop)) break;
        first = k;
        stop = tok[k].start;
        if (!tok[k].dash) any_money = 1;
    }
    if (!any_money) return 0;
    int nc = 0;
    for (int k = first; k < (int)n; k++) {
        if (!tok[k].dash && !tok[k].money_ok) continue;
        if (nc == AMT_MAX_COLS) {
            memmove(cells, cells + 1, sizeof *cells * (AMT_MAX_COLS - 1));
            nc--;
        }
        cells[nc].tok = tok[k];
        cells[nc].x = x_of(l, tok[k].start, tok[k].end);
        cells[nc].col = -1;
        nc++;
    }
    *label_end = tok[first].start;
    return nc;
}

static int long_prose(const char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) n--;
    return n > 75 || (n > 30 && (s[n - 1] == '.' || s[n - 1] == ':'));
}

static void append_label(Arena *a, AmtRow *r, const char *extra, int before)
{
    char *t = trim_copy(a, extra, strlen(extra));
    r->label =
        before ? arena_printf(a, "%s %s", t, r->label) : arena_printf(a, "%s %s", r->label, t);
}

static void finish_row(Arena *arena, AmtTable *t, AmtRow *r)
{
    r->is_total = amt_is_total_label(r->label);
    r->part_of_above = amt_part_of_above(r->label);
    r->coverage = amt_coverage_side(r->label);
    /* "2. Robuust ..." names actielijn 2 only in a table about actielijnen or with the
     * actielijn's own name: elsewhere "2." merely numbers a list */
    if (!r->actielijn) r->actielijn = amt_actielijn_of_label(r->label);
    if (r->actielijn && !t->actielijn_col && !t->about_actielijnen &&
        !amt_actielijn_named(r->label, r->actielijn) && strncasecmp(r->label, "actielijn", 9) != 0)
        r->actielijn = 0;
    r->kind = amt_kind_of(r->label);
    /* the title completes a row's words: "Stand 1 januari" under "Bestemmingsreserve" */
    if (r->kind < 0 || r->kind == READ_OTHER) {
        char *both = arena_printf(arena, "%s %s", r->label, t->title);
        int k = amt_kind_of(both);
        if (k >= 0 && k != READ_TOTAL && (r->kind < 0 || k <= READ_RESERVE_DEPOSIT)) r->kind = k;
    }
    /* the rows of a dekking table are where the money comes from, not spending */
    if (amt_find_word(t->title, "dekking") &&
        (r->kind < 0 || r->kind == READ_PLAN || r->kind == READ_REALISATION))
        r->kind = READ_ALLOCATION;
    for (int c = 0; c < r->ncells; c++)
        r->cells[c].cents =
            r->cells[c].tok.cents / 100 * t->scale + r->cells[c].tok.cents % 100 * (t->scale / 100);
}

int amt_table_at(const ReadDoc *doc, size_t li, Arena *arena, AmtTable *t, size_t *next)
{
    memset(t, 0, sizeof *t);
    t->total_col = -1;
    t->header_li = li;
    if (!parse_header(&doc->lines[li], arena, t)) return 0;
    /* the words above the header and the title say what the table holds */
    char ctx[1200];
    size_t cl = 0;
    ctx[0] = 0;
    /* the header and the (at most two) lines of the paragraph directly above it */
    size_t from = li;
    while (from > 0 && li - from < 3 && blank(doc->lines[from - 1].text)) from--;
    for (int taken = 0; from > 0 && taken < 2 && !blank(doc->lines[from - 1].text); taken++) from--;
    size_t above_len = 0; /* ctx[0, above_len): the lines above, without the header */
    for (size_t k = from; k <= li && cl < sizeof ctx - 1; k++) {
        if (k == li) above_len = cl;
        int w = snprintf(ctx + cl, sizeof ctx - cl, "%s ", doc->lines[k].text);
        if (w > 0) cl += (size_t)w < sizeof ctx - cl ? (size_t)w : sizeof ctx - cl - 1;
    }
    int thousands = 0;
    int euro = amt_euro_context(ctx, &thousands);
    t->scale = thousands ? 100000 : 100;
    t->about_actielijnen = amt_find_word(ctx, "actielijn") != NULL;
    if (!t->year[0]) t->year_all = year_named_above(doc, li, t->title);
    t->kind = amt_kind_of(t->title);
    if (t->kind < 0 || t->kind == READ_TOTAL) { /* the header's "Totaal" column says nothing */
        char saved = ctx[above_len];
        ctx[above_len] = 0;
        t->kind = amt_kind_of(ctx);
        ctx[above_len] = saved;
    }
    if (t->kind == READ_TOTAL) t->kind = -1;

    size_t i = li + 1, last_row_li = li;
    int blanks = 0, misses = 0;
    const char *pending = NULL; /* a text-only line just above: the next row's label start */
    size_t pending_li = 0;
    for (; i < doc->nlines; i++) {
        const ReadLine *l = &doc->lines[i];
        if (blank(l->text)) {
            if (++blanks > 2) break;
            pending = NULL;
            continue;
        }
        AmtTable probe;
        memset(&probe, 0, sizeof probe);
        if (parse_header(l, arena, &probe)) {
            /* the same header repeated on a new page continues the table */
            int same = probe.ncols == t->ncols && l->page != doc->lines[last_row_li].page &&
                       strcmp(probe.title, t->title) == 0;
            for (int c = 0; same && c < t->ncols; c++) same = probe.year[c] == t->year[c];
            if (same) continue;
            break;
        }
        AmtRow r;
        memset(&r, 0, sizeof r);
        size_t label_end = 0;
        r.ncells = trailing_cells(l, euro, r.cells, &label_end);

        if (r.ncells > 0) {
            r.li = i;
            r.cells_from = label_end;
            r.text = l->text;
            /* "Sociaal raadslieden 2 | € 84.000": the actielijn column's number */
            if (t->actielijn_col && r.ncells > 1 && !r.cells[0].tok.euro &&
                r.cells[0].tok.cents >= 100 && r.cells[0].tok.cents <= 800 &&
                r.cells[0].tok.cents % 100 == 0) {
                r.actielijn = (int)(r.cells[0].tok.cents / 100);
                r.cells_from = r.cells[0].tok.end;
                memmove(r.cells, r.cells + 1, sizeof *r.cells * (size_t)(r.ncells - 1));
                r.ncells--;
            }
            if (r.ncells > t->ncols) { /* numbers in the label: the last ones are the cells */
                int drop = r.ncells - t->ncols;
                memmove(r.cells, r.cells + drop, sizeof *r.cells * (size_t)t->ncols);
                r.ncells = t->ncols;
                if (!t->actielijn_col) label_end = r.cells[0].tok.start;
            }
            r.label = trim_copy(arena, l->text, label_end);
            /* a row that counts (fte, hours, people) belongs to the table but holds no money */
            int euro_cells = 0;
            for (int c = 0; c < r.ncells; c++) euro_cells += r.cells[c].tok.euro;
            if (!euro_cells && amt_counts_label(r.label)) {
                last_row_li = i;
                blanks = misses = 0;
                pending = NULL;
                continue;
            }
            if (strlen(r.label) > 90) break;
            if (pending && pending_li + 1 == i) append_label(arena, &r, pending, 1);
            pending = NULL;
            if (t->nrows == AMT_MAX_ROWS) break;
            t->rows[t->nrows++] = r;
            last_row_li = i;
            blanks = misses = 0;
            continue;
        }
        /* a text-only line: a wrapped label directly below a row, or above the next one */
        if (!long_prose(l->text)) {
            /* a wrapped label goes on in lower case; a capital starts a heading */
            const char *first = l->text;
            while (*first == ' ') first++;
            if (t->nrows && last_row_li + 1 == i && blanks == 0 && strlen(l->text) <= 60 &&
                !isupper((unsigned char)*first)) {
                append_label(arena, &t->rows[t->nrows - 1], l->text, 0);
                last_row_li = i;
                continue;
            }
            /* one stray line inside a table; a few (header, footer) across a page break */
            ++misses;
            if (misses > (l->page == doc->lines[last_row_li].page ? 1 : 4)) break;
            pending = l->text;
            pending_li = i;
            blanks = 0;
            continue;
        }
        break; /* prose: the table has ended */
    }
    if (t->nrows == 0) return 0;
    for (int r = 0; r < t->nrows; r++) finish_row(arena, t, &t->rows[r]);
    /* "Subtotaal actielijn 2": the rows it adds up belong to that actielijn */
    for (int r = 0, seg = 0; r < t->nrows; r++) {
        if (!t->rows[r].is_total) continue;
        const char *a = amt_find_word(t->rows[r].label, "actielijn");
        int n = a && a[9] == ' ' && a[10] >= '1' && a[10] <= '8' && !isdigit((unsigned char)a[11])
                    ? a[10] - '0'
                    : 0;
        for (int k = seg; n && k <= r; k++)
            if (!t->rows[k].actielijn) t->rows[k].actielijn = n;
        seg = r + 1;
    }
    /* POK rows among other schemes' rows ("POK: ..." beside Wmo and Jeugd): the others are
     * no POK money */
    int pok_rows = 0, plain_rows = 0;
    for (int r = 0; r < t->nrows; r++)
        if (!t->rows[r].is_total) {
            if (strncmp(t->rows[r].label, "POK", 3) == 0)
                pok_rows++;
            else if (!strstr(t->rows[r].label, "POK") && t->rows[r].kind < READ_RESERVE_BALANCE)
                plain_rows++;
        }
    if (pok_rows >= 2 && plain_rows >= 2 && !strstr(t->title, "POK"))
        for (int r = 0; r < t->nrows; r++)
            if (!t->rows[r].is_total && !strstr(t->rows[r].label, "POK") &&
                t->rows[r].kind < READ_RESERVE_BALANCE)
                t->rows[r].kind = READ_OTHER;
    *next = last_row_li + 1;
    return 1;
}

void amt_table_rescale(AmtTable *t, int64_t scale)
{
    t->scale = scale;
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->rows[r].ncells; c++) {
            AmtCell *cell = &t->rows[r].cells[c];
            if (!cell->tok.euro)
                cell->cents = cell->tok.cents / 100 * scale + cell->tok.cents % 100 * (scale / 100);
        }
}

/* ---- placing the cells ------------------------------------------------------------ */

static void place_in_order(AmtRow *r, int offset)
{
    for (int c = 0; c < r->ncells; c++) r->cells[c].col = offset + c;
    r->placed = 1;
}

/* By geometry: each cell under the nearest header column, distinct and left to right. */
static int place_by_x(const AmtTable *t, AmtRow *r)
{
    /* a cell lies under a column when it is nearer to it than half the gap between two
     * columns: text that merely flows past the header (no real table) is not placed */
    double tol = 50;
    for (int k = 1; k < t->ncols; k++)
        if (t->colx[k] >= 0 && t->colx[k - 1] >= 0 && (t->colx[k] - t->colx[k - 1]) / 2 < tol)
            tol = (t->colx[k] - t->colx[k - 1]) / 2;
    int prev = -1;
    for (int c = 0; c < r->ncells; c++) {
        if (r->cells[c].x < 0) return 0;
        int best = -1;
        double bd = 0;
        for (int k = 0; k < t->ncols; k++) {
            if (t->colx[k] < 0) return 0;
            double d = r->cells[c].x - t->colx[k];
            if (d < 0) d = -d;
            if (best < 0 || d < bd) best = k, bd = d;
        }
        if (best <= prev || bd > tol) return 0;
        r->cells[c].col = best;
        prev = best;
    }
    r->placed = 1;
    return 1;
}

/* Column rules "|" that keep empty cells ("3.600 | 1.800 |  |  | 5.400"): when the
 * fields after the label are exactly the columns, each cell is in the field it lies in. */
static void place_by_rules(const AmtTable *t, AmtRow *r)
{
    if (!r->text) return;
    const char *s = r->text + r->cells_from;
    int fields = 1;
    for (const char *p = s; *p; p++) fields += *p == '|';
    while (*s == ' ') s++;
    size_t end = strlen(r->text);
    while (end > r->cells_from && (r->text[end - 1] == ' ' || r->text[end - 1] == '|')) {
        if (r->text[end - 1] == '|') fields--;
        end--;
    }
    if (fields != t->ncols) return;
    for (int c = 0; c < r->ncells; c++) {
        int field = 0;
        for (size_t i = r->cells_from; i < r->cells[c].tok.start; i++) field += r->text[i] == '|';
        if (field >= t->ncols || (c > 0 && field <= r->cells[c - 1].col)) {
            for (int k = 0; k < r->ncells; k++) r->cells[k].col = -1;
            return;
        }
        r->cells[c].col = field;
    }
    r->placed = 1;
}

#define AMT_MAX_PLACEMENTS 50000

/* The ambiguous rows of [from, to] against the total row to: the placements (offsets)
 * where every column total holds. Applies the one if there is exactly one. */
static void resolve_by_total(AmtTable *t, int from, int to)
{
    int amb[AMT_MAX_ROWS], na = 0;
    long combos = 1;
    for (int r = from; r <= to; r++)
        if (!t->rows[r].placed && !t->rows[r].part_of_above) {
            amb[na++] = r;
            combos *= t->ncols - t->rows[r].ncells + 1;
            if (combos > AMT_MAX_PLACEMENTS) return;
        }
    if (na == 0) return;
    int off[AMT_MAX_ROWS] = {0}, found[AMT_MAX_ROWS] = {0}, nfound = 0;
    for (long n = 0; n < combos; n++) {
        long rest = n;
        for (int a = 0; a < na; a++) {
            int opts = t->ncols - t->rows[amb[a]].ncells + 1;
            off[a] = (int)(rest % opts);
            rest /= opts;
        }
        int64_t sum[AMT_MAX_COLS] = {0}, total[AMT_MAX_COLS];
        int has_total[AMT_MAX_COLS] = {0};
        for (int r = from; r <= to; r++) {
            const AmtRow *row = &t->rows[r];
            int o = 0;
            for (int a = 0; a < na; a++)
                if (amb[a] == r) o = off[a] + 1;
            for (int c = 0; c < row->ncells; c++) {
                int col = o ? o - 1 + c : row->cells[c].col;
                if (r == to) {
                    total[col] = row->cells[c].tok.dash ? 0 : row->cells[c].cents;
                    has_total[col] = 1;
                } else if (!row->cells[c].tok.dash && !row->part_of_above)
                    sum[col] += row->cells[c].cents;
            }
        }
        int ok = 1;
        for (int c = 0; c < t->ncols && ok; c++) {
            if (c == t->total_col) continue;
            ok = has_total[c] ? sum[c] == total[c] : sum[c] == 0;
        }
        if (ok && ++nfound == 1) memcpy(found, off, sizeof off);
        if (nfound > 1) return;
    }
    if (nfound != 1) return;
    for (int a = 0; a < na; a++) place_in_order(&t->rows[amb[a]], found[a]);
}

void amt_table_place(AmtTable *t)
{
    for (int r = 0; r < t->nrows; r++) {
        AmtRow *row = &t->rows[r];
        if (row->ncells > t->ncols) { /* numbers in the label: the last ones are the cells */
            int drop = row->ncells - t->ncols;
            memmove(row->cells, row->cells + drop, sizeof *row->cells * (size_t)t->ncols);
            row->ncells = t->ncols;
        }
    }
    /* geometry is trusted only when the full rows lie under the header's columns (text
     * that flows past a header of years is no table with columns) */
    int aligned = 1;
    for (int r = 0; r < t->nrows && aligned; r++)
        if (t->rows[r].ncells == t->ncols) aligned = place_by_x(t, &t->rows[r]);
    for (int r = 0; r < t->nrows; r++) {
        AmtRow *row = &t->rows[r];
        row->placed = 0;
        for (int c = 0; c < row->ncells; c++) row->cells[c].col = -1;
        if (aligned && place_by_x(t, row)) continue;
        for (int c = 0; c < row->ncells; c++) row->cells[c].col = -1;
        if (row->ncells == t->ncols)
            place_in_order(row, 0);
        else
            place_by_rules(t, row);
    }
    /* each total against the rows since the previous total; a grand total after
     * subtotals adds nothing new to place */
    int from = 0, subs = 0;
    for (int r = 0; r < t->nrows; r++)
        if (t->rows[r].is_total) {
            if (!(t->rows[r].is_total == 1 && subs)) resolve_by_total(t, from, r);
            subs = t->rows[r].is_total == 2;
            from = r + 1;
        }
    /* the years the scheme funds an actielijn in (actielijn 5: 2021-2023) */
    for (int r = 0; r < t->nrows; r++) {
        AmtRow *row = &t->rows[r];
        int first, last;
        if (row->placed || !row->actielijn || !amt_actielijn_years(row->actielijn, &first, &last))
            continue;
        int c0 = -1, c1 = -1;
        for (int c = 0; c < t->ncols; c++)
            if (t->year[c] >= first && t->year[c] <= last) {
                if (c0 < 0) c0 = c;
                c1 = c;
            }
        if (c0 >= 0 && c1 - c0 + 1 == row->ncells) place_in_order(row, c0);
    }
}
