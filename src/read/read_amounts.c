/* read_amounts.c: every POK amount of the document and the checks of its arithmetic.
 * Tables first (read_table.c rebuilds them, read_checks.c checks them); every other line is
 * prose, whose amounts take their year, actielijn and kind from the sentence around them. */
#include "read_amounts.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_TABLES 64

/* ---- tables ----------------------------------------------------------------------- */

static void emit_table(const ReadDoc *doc, const AmtTable *t, ReadResult *res)
{
    for (int r = 0; r < t->nrows; r++) {
        const AmtRow *row = &t->rows[r];
        int kind = row->is_total ? (int)READ_TOTAL : row->kind >= 0 ? row->kind : t->kind;
        if (kind < 0) kind = READ_OTHER;
        for (int c = 0; c < row->ncells; c++) {
            const AmtCell *cell = &row->cells[c];
            if (cell->tok.dash) continue;
            /* a "Totaal" column states a sum (a "Na wijziging" column is the plan itself) */
            int k = kind;
            if (cell->col >= 0 && cell->col == t->total_col &&
                strcasecmp(t->colname[cell->col], "Totaal") == 0)
                k = READ_TOTAL;
            else if (cell->col >= 0 && t->col_kind[cell->col] >= 0 && !row->is_total)
                k = t->col_kind[cell->col];
            else if (cell->col >= 0 && t->col_plan[cell->col] && row->kind < 0 && !row->is_total &&
                     t->kind != READ_OTHER)
                k = READ_PLAN;
            int year = cell->col >= 0 ? t->year[cell->col] : 0;
            if (!t->year[0]) year = t->year_all;
            ReadAmount a = {cell->cents,
                            year,
                            row->actielijn,
                            (ReadKind)k,
                            row->label,
                            doc->lines[row->li].page,
                            doc->lines[row->li].line};
            read_add_amount(res, &a);
        }
    }
}

/* ---- prose ------------------------------------------------------------------------ */

/* A list item's marker at the start of a line: "-", "•", "*", "➤", "", and OCR's "e " and
 * "o " for a bullet. */
static int bullet(const char *s)
{
    static const char *const marks[] = {
        "- ", "\xe2\x80\xa2", "* ", "\xe2\x9e\xa4", "\xef\x82\xb7", "\xe2\x80\x93 ", "e ",
        "o ", "\xc2\xa2 ",    NULL};
    while (*s == ' ') s++;
    for (size_t k = 0; marks[k]; k++)
        if (strncmp(s, marks[k], strlen(marks[k])) == 0) return 1;
    return 0;
}

/* The paragraph around line li (adjacent non-empty lines of its page) joined by spaces;
 * *at is where line li starts in it. */
static char *paragraph(const ReadDoc *doc, size_t li, const unsigned char *in_table, Arena *a,
                       size_t *at)
{
    size_t from = li, to = li;
    while (from > 0 && li - from < 6 && !in_table[from - 1] && doc->lines[from - 1].text[0] &&
           doc->lines[from - 1].page == doc->lines[li].page)
        from--;
    while (to + 1 < doc->nlines && to - li < 6 && !in_table[to + 1] && doc->lines[to + 1].text[0] &&
           doc->lines[to + 1].page == doc->lines[li].page)
        to++;
    size_t len = 0;
    for (size_t k = from; k <= to; k++) len += strlen(doc->lines[k].text) + 1;
    char *p = arena_alloc(a, len + 1);
    size_t o = 0;
    for (size_t k = from; k <= to; k++) {
        if (k == li) *at = o;
        size_t n = strlen(doc->lines[k].text);
        memcpy(p + o, doc->lines[k].text, n);
        o += n;
        /* a short line without a full stop before a capital is a heading: its own sentence */
        int heading = k < to && n < 45 && n > 0 && !strchr(".,:;", doc->lines[k].text[n - 1]) &&
                      isupper((unsigned char)doc->lines[k + 1].text[0]);
        /* a list item, and the line that introduces it with a colon, stand on their own */
        int item = k < to &&
                   (bullet(doc->lines[k + 1].text) || (n > 0 && doc->lines[k].text[n - 1] == ':'));
        p[o++] = heading || item ? '\n' : ' ';
    }
    p[o ? o - 1 : 0] = 0;
    return p;
}

static int sentence_end(const char *p, size_t i)
{
    char c = p[i];
    if (c == '\n') return 1;
    /* a colon ends an introduction before a list (a line break follows), not "Totaal: € 5" */
    if (c == ':') return p[i + 1] == '\n' || p[i + 1] == 0;
    if (c != '.' && c != '!' && c != '?') return 0;
    if (c == '.' && i > 0 && isdigit((unsigned char)p[i - 1]) && isdigit((unsigned char)p[i + 1]))
        return 0;
    return p[i + 1] == ' ' || p[i + 1] == 0;
}

/* The sentence around [s, e) of p: its bounds. */
static void sentence_around(const char *p, size_t s, size_t e, size_t *from, size_t *to)
{
    size_t b = s;
    while (b > 0 && !sentence_end(p, b - 1)) b--;
    size_t f = e;
    while (p[f] && !sentence_end(p, f)) f++;
    *from = b;
    *to = p[f] ? f + 1 : f;
}

static char *slice(Arena *a, const char *p, size_t from, size_t to)
{
    while (from < to && p[from] == ' ') from++;
    while (to > from && (p[to - 1] == ' ' || p[to - 1] == '\n')) to--;
    char *o = arena_alloc(a, to - from + 1);
    memcpy(o, p + from, to - from);
    for (char *q = o; *q; q++)
        if (*q == '\n') *q = ' ';
    return o;
}

/* Words before a year that make it a period bound or a document's name, not the year of
 * the amount. */
static const char *const not_amount_year[] = {"met",          "t/m",
                                              "tot",          "vanaf",
                                              "sinds",        "na",
                                              "periode",      "jaren",
                                              "circulaire",   "begroting",
                                              "kadernota",    "nota",
                                              "rekening",     "programmarekening",
                                              "jaarrekening", "perspectiefnota",
                                              "vanaf",        NULL};

static int year_excluded(const char *p, size_t start, size_t end)
{
    /* "3 juni 2025": a date's year, not the amount's ("op 31 december 2024" is a reserve's
     * moment, which the caller's kind decides) */
    static const char *const months[] = {"januari",  "februari", "maart",    "april",     "mei",
                                         "juni",     "juli",     "augustus", "september", "oktober",
                                         "november", "december", NULL};
    size_t me = start;
    while (me > 0 && p[me - 1] == ' ') me--;
    for (size_t k = 0; months[k]; k++) {
        size_t n = strlen(months[k]);
        if (me >= n + 2 && strncasecmp(p + me - n, months[k], n) == 0 && p[me - n - 1] == ' ' &&
            isdigit((unsigned char)p[me - n - 2]) && !amt_find_word(p, "reserve") &&
            !amt_find_word(p, "stand"))
            return 1;
    }
    if (start > 0 && (p[start - 1] == '-' || p[start - 1] == '/')) return 1;
    size_t j = end;
    while (p[j] == ' ') j++;
    if (p[j] == '-' || strncmp(p + j, "tot", 3) == 0 || strncmp(p + j, "t/m", 3) == 0) return 1;
    size_t e = start;
    while (e > 0 && p[e - 1] == ' ') e--;
    size_t b = e;
    while (b > 0 && p[b - 1] != ' ') b--;
    for (size_t k = 0; not_amount_year[k]; k++) {
        size_t n = strlen(not_amount_year[k]);
        if (e - b >= n && strncasecmp(p + e - n, not_amount_year[k], n) == 0) return 1;
    }
    return 0;
}

/* The year the sentence [from, to) ties the amount at [s, e) to: the nearest year before
 * it, else one right after it in the same clause; 0 none. */
static int prose_year(const char *p, size_t from, size_t to, size_t s, size_t e)
{
    AmtTok tok[AMT_MAX_TOKENS];
    char *sent = strndup(p + from, to - from);
    if (!sent) return 0;
    size_t n = amt_scan(sent, tok, AMT_MAX_TOKENS);
    int year = 0;
    /* "€ 488.000 in 2027": a year right after the amount is its own */
    for (size_t k = 0; k < n; k++)
        if (tok[k].year && from + tok[k].start >= e && from + tok[k].start <= e + 6) {
            const char *gap = sent + (e - from);
            if ((strncmp(gap, " in ", 4) == 0 || strncmp(gap, " voor ", 6) == 0 ||
                 strncmp(gap, " (", 2) == 0) &&
                !year_excluded(sent, tok[k].start, tok[k].end)) {
                free(sent);
                return (int)(tok[k].cents / 100);
            }
        }
    for (size_t k = 0; k < n; k++) {
        if (!tok[k].year || year_excluded(sent, tok[k].start, tok[k].end)) continue;
        if (from + tok[k].end <= s)
            year = (int)(tok[k].cents / 100);
        else if (from + tok[k].start >= e && !year) {
            int comma = 0;
            for (size_t q = e - from; q < tok[k].start; q++) comma |= sent[q] == ',';
            if (!comma && tok[k].start - (e - from) < 12) year = (int)(tok[k].cents / 100);
            break;
        }
    }
    free(sent);
    return year;
}

/* "Voor 2026 en 2027 is dat € 398.000 respectievelijk € 410.000": the n-th amount of the
 * sentence belongs to its n-th year. 0 when the sentence is not of that form. */
static int respectively_year(const char *p, size_t from, size_t to, size_t s)
{
    char *sent = strndup(p + from, to - from);
    if (!sent) return 0;
    int year = 0;
    if (amt_find_word(sent, "respectievelijk")) {
        AmtTok tok[AMT_MAX_TOKENS];
        size_t n = amt_scan(sent, tok, AMT_MAX_TOKENS);
        int years[AMT_MAX_TOKENS], ny = 0, na = 0, mine = -1;
        for (size_t k = 0; k < n; k++) {
            if (tok[k].euro) {
                if (from + tok[k].start == s) mine = na;
                na++;
            } else if (tok[k].year && na == 0 && !year_excluded(sent, tok[k].start, tok[k].end))
                years[ny++] = (int)(tok[k].cents / 100);
        }
        if (na == ny && mine >= 0) year = years[mine];
    }
    free(sent);
    return year;
}

/* The one year the sentence before from names ("Voor 2025 is € 146.200 beschikbaar. Wij
 * willen € 95.000 inzetten"), 0 when it names none or several. */
static int previous_sentence_year(const char *p, size_t from)
{
    size_t q = from, pf, pt;
    while (q > 0 && p[q - 1] == ' ') q--;
    if (q == 0 || p[q - 1] == '\n') return 0; /* a heading or list item: no prose before */
    q--;
    sentence_around(p, q, q, &pf, &pt);
    char *sent = strndup(p + pf, from - pf);
    if (!sent) return 0;
    AmtTok tok[AMT_MAX_TOKENS];
    size_t n = amt_scan(sent, tok, AMT_MAX_TOKENS);
    int year = 0, several = 0;
    for (size_t k = 0; k < n; k++)
        if (tok[k].year && !year_excluded(sent, tok[k].start, tok[k].end)) {
            int y = (int)(tok[k].cents / 100);
            if (year && y != year) several = 1;
            year = y;
        }
    free(sent);
    return several ? 0 : year;
}

/* A year in a short heading line above li ("Realisatie 2023"), 0 none. */
static int heading_year(const ReadDoc *doc, size_t li, const unsigned char *in_table)
{
    for (size_t k = li, seen = 0; k > 0 && seen < 15; k--, seen++) {
        const ReadLine *l = &doc->lines[k - 1];
        if (in_table[k - 1]) return 0;
        size_t len = strlen(l->text);
        if (len == 0 || len > 40 || l->text[len - 1] == '.') continue;
        AmtTok tok[8];
        size_t n = amt_scan(l->text, tok, 8), years = 0;
        int y = 0;
        for (size_t t = 0; t < n; t++)
            if (tok[t].year && !year_excluded(l->text, tok[t].start, tok[t].end)) {
                years++;
                y = (int)(tok[t].cents / 100);
            }
        if (years == 1 && n == 1) return y;
    }
    return 0;
}

/* The one actielijn the sentence names ("actielijn N"); 0 when none or several. */
static int prose_actielijn(const char *sent, size_t pos, int *several, int *list, int *nlist)
{
    int found = 0;
    *several = 0;
    *nlist = 0;
    for (const char *a = sent; (a = amt_find_word(a, "actielijn")) != NULL; a += 9) {
        const char *q = a + 9;
        int plural = *q == 'e' && q[1] == 'n';
        if (plural) q += 2;
        for (;;) {
            while (*q == ' ' || *q == ',') q++;
            if (*q < '1' || *q > '8' || isdigit((unsigned char)q[1])) break;
            if (*nlist < 8) list[(*nlist)++] = *q - '0';
            if (found && found != *q - '0') *several = 1;
            found = *q - '0';
            q++;
            if (*q == '.') q++;
            const char *w = q;
            while (*w == ' ') w++;
            if (strncmp(w, "en ", 3) == 0)
                q = w + 3;
            else if (*w != ',' || !plural)
                break;
            /* skip a name after the number up to the next comma ("3. Systeemleren, 4. ...") */
        }
        if (plural) *several = 1;
    }
    return *several ? 0 : found;
}

/* A national figure: millions for all municipalities, not this one's money. */
static int national(const AmtTok *t, const char *sent)
{
    if (!t->million) return 0;
    return amt_find_word(sent, "gemeenten") || amt_find_word(sent, "rijk") ||
           amt_find_word(sent, "landelijk") || amt_find_word(sent, "actielijnen") ||
           t->cents >= (int64_t)100000000 * 100;
}

/* The words of the clause (between commas) that holds [s, e) of sent. */
static char *clause_of(Arena *a, const char *sent, size_t s, size_t e)
{
    size_t b = s, f = e;
    while (b > 0 && sent[b - 1] != ',' && sent[b - 1] != '(') b--;
    while (sent[f] && sent[f] != ',' && sent[f] != ')') f++;
    return slice(a, sent, b, f);
}

/* The label: the sentence, cut to about 140 bytes around the amount at word boundaries. */
static char *label_of(Arena *a, const char *sent, size_t s, size_t e)
{
    size_t n = strlen(sent), from = 0, to = n;
    if (n > 140) {
        from = s > 70 ? s - 70 : 0;
        to = e + 70 < n ? e + 70 : n;
        while (from > 0 && sent[from - 1] != ' ') from++;
        while (to < n && sent[to] != ' ') to--;
        if (to <= e) to = e;
    }
    return slice(a, sent, from, to);
}

/* Whether the bare number at t (no currency mark) is money by parallel with a marked
 * amount of the same sentence: "2021 (€ 105.436) en 2022 (85.352)". */
static int parallel_money(const char *p, const AmtTok *t, const char *sent)
{
    if (!t->money_ok || t->cents < 100000 || t->start < 2 || p[t->start - 1] != '(') return 0;
    size_t b = t->start - 1;
    while (b > 0 && p[b - 1] == ' ') b--;
    if (b < 4 || !isdigit((unsigned char)p[b - 1])) return 0;
    return strstr(sent, "(\xe2\x82\xac") != NULL;
}

typedef struct ProseTotal {
    int64_t cents;
    size_t li;
    int actielijnen[8], n;
    int64_t per_year; /* "per jaar € X" in the sentence, -1 none */
    int first, last;  /* the period it names ("2024 tot en met 2027"), 0 none */
} ProseTotal;

/* "€ X per jaar" (or "per jaar € X") and a period "2024 tot en met 2027" / "2024-2027" /
 * "2024 t/m 2027" in the sentence: the yearly amount and the years. Returns 0 when the
 * sentence has not exactly one of each. */
static int per_year_parts(const char *sent, int64_t *per_year, int *first, int *last)
{
    AmtTok tok[AMT_MAX_TOKENS];
    size_t n = amt_scan(sent, tok, AMT_MAX_TOKENS);
    int yearly = 0, periods = 0;
    for (size_t k = 0; k < n; k++) {
        if (tok[k].euro) {
            size_t b = tok[k].start > 12 ? tok[k].start - 12 : 0;
            int before = strncmp(sent + b, "per jaar", 8) == 0 ||
                         (strstr(sent + b, "per jaar") &&
                          strstr(sent + b, "per jaar") < sent + tok[k].start);
            const char *after = sent + tok[k].end;
            while (*after == ' ') after++;
            if (before || strncmp(after, "per jaar", 8) == 0) {
                yearly++;
                *per_year = tok[k].cents;
            }
        }
        if (tok[k].year && k + 1 < n && tok[k + 1].year) {
            const char *gap = sent + tok[k].end;
            size_t len = tok[k + 1].start - tok[k].end;
            int joined = (len == 1 && *gap == '-') ||
                         (len == 12 && strncmp(gap, " tot en met ", 12) == 0) ||
                         (len == 5 && strncmp(gap, " t/m ", 5) == 0);
            if (joined && tok[k + 1].cents > tok[k].cents) {
                periods++;
                *first = (int)(tok[k].cents / 100);
                *last = (int)(tok[k + 1].cents / 100);
            }
        }
    }
    return yearly == 1 && periods == 1;
}

static void prose_line(const ReadDoc *doc, size_t li, const unsigned char *in_table,
                       ReadResult *res, Arena *scratch, ProseTotal *totals, int *ntotals)
{
    const ReadLine *l = &doc->lines[li];
    AmtTok tok[AMT_MAX_TOKENS];
    size_t n = amt_scan(l->text, tok, AMT_MAX_TOKENS);
    if (!n) return;
    size_t at = 0;
    char *para = paragraph(doc, li, in_table, scratch, &at);
    for (size_t k = 0; k < n; k++) {
        AmtTok t = tok[k];
        if (t.dash) continue;
        size_t s = at + t.start, e = at + t.end, from, to;
        sentence_around(para, s, e, &from, &to);
        char *sent = slice(scratch, para, from, to);
        size_t ss = s - from, se = e - from;
        while (from < to && para[from] == ' ') from++, ss = s - from, se = e - from;
        if (!t.euro &&
            !parallel_money(
                para, &(AmtTok){.start = s, .end = e, .cents = t.cents, .money_ok = t.money_ok},
                sent))
            continue;
        char *clause = clause_of(scratch, sent, ss, se);
        size_t cb = ss > 24 ? ss - 24 : 0;
        char *near = slice(scratch, sent, cb, se);
        int kind;
        if (national(&t, sent) || amt_other_scheme(sent))
            kind = READ_OTHER;
        else if (amt_find_word(near, "totaal") || amt_find_word(clause, "in totaal") ||
                 amt_find_word(near, "samen") || amt_find_word(near, "opgeteld"))
            kind = READ_TOTAL;
        else {
            kind = amt_kind_of(clause);
            /* a bare "restant" in the clause is a reserve's when the sentence names it */
            if (kind == READ_OTHER) {
                int s_kind = amt_kind_of(sent);
                if (s_kind >= READ_RESERVE_BALANCE && s_kind <= READ_RESERVE_DEPOSIT) kind = s_kind;
                /* "resteert eind 2026 € 32.000" after a sentence about the reserve */
                if (kind == READ_OTHER &&
                    (amt_find_word(clause, "resteert") || amt_find_word(clause, "restant")) &&
                    amt_find_word(para, "reserve") && !amt_find_word(clause, "middelen"))
                    kind = READ_RESERVE_BALANCE;
            }
            if (kind < 0 || kind == READ_TOTAL) kind = amt_kind_near(sent, ss);
            if (kind < 0 || kind == READ_TOTAL) kind = amt_kind_of(sent);
            if (kind == READ_TOTAL) kind = -1;
            /* the sentences before it: the one that introduces a list of items */
            for (size_t back = 0, end = from; kind < 0 && end > 0 && back < 6; back++) {
                size_t pf, pt, q = end;
                while (q > 0 && (para[q - 1] == ' ' || para[q - 1] == '\n')) q--;
                if (q == 0) break;
                q--; /* the full stop of the sentence before */
                sentence_around(para, q, q, &pf, &pt);
                kind = amt_kind_of(slice(scratch, para, pf, end));
                if (kind == READ_TOTAL) kind = -1;
                end = pf;
            }
            if (kind < 0) kind = READ_OTHER;
        }
        int year = 0;
        int yearly = amt_find_word(clause, "per jaar") || amt_find_word(sent, "jaarlijks");
        if (kind != READ_TOTAL && !national(&t, sent) && !yearly) {
            year = prose_year(para, from, to, s, e);
            int resp = respectively_year(para, from, to, s);
            if (resp) year = resp;
            if (!year && from > 0) year = previous_sentence_year(para, from);
            if (!year) year = heading_year(doc, li, in_table);
        }
        int several, list[8], nlist;
        int al = prose_actielijn(sent, ss, &several, list, &nlist);
        ReadAmount a = {t.cents, year,   al, (ReadKind)kind, label_of(scratch, sent, ss, se),
                        l->page, l->line};
        read_add_amount(res, &a);
        if (kind == READ_TOTAL && *ntotals < 64) {
            ProseTotal *pt = &totals[(*ntotals)++];
            pt->cents = t.cents;
            pt->li = li;
            pt->n = nlist;
            memcpy(pt->actielijnen, list, sizeof list);
            pt->per_year = -1;
            pt->first = pt->last = 0;
            if (!per_year_parts(sent, &pt->per_year, &pt->first, &pt->last)) pt->per_year = -1;
        }
    }
}

/* A prose total against the table rows of the actielijnen it names: consistent, or
 * listed as unchecked (what a sentence sums is never certain enough for a finding). */
static void check_prose_total(const ReadDoc *doc, const ProseTotal *pt, AmtTable *const *tables,
                              int ntables, ReadResult *res)
{
    const ReadLine *l = &doc->lines[pt->li];
    if (pt->per_year >= 0) { /* "€ X per jaar ... in totaal € Y": explicit arithmetic */
        int64_t years = pt->last - pt->first + 1, computed = pt->per_year * years;
        if (computed == pt->cents) return;
        char a[40], b[40], c[40], d[40];
        int64_t diff = computed > pt->cents ? computed - pt->cents : pt->cents - computed;
        char *m =
            arena_printf(&res->arena,
                         "Het totaal is %s, maar %s per jaar over %d tot en met %d (%lld "
                         "jaar) is %s (verschil %s).",
                         amt_euro(pt->cents, a), amt_euro(pt->per_year, b), pt->first, pt->last,
                         (long long)years, amt_euro(computed, c), amt_euro(diff, d));
        ReadFinding f = {READ_FINDING_SUM, 1, 1, pt->cents, computed, l->page, l->line, l->text, m};
        read_add_finding(res, &f);
        return;
    }
    int64_t sum = 0;
    int found = pt->n > 0;
    for (int k = 0; k < pt->n && found; k++) {
        int rows = 0;
        for (int ti = 0; ti < ntables; ti++)
            for (int r = 0; r < tables[ti]->nrows; r++) {
                const AmtRow *row = &tables[ti]->rows[r];
                if (row->actielijn != pt->actielijnen[k] || row->is_total) continue;
                if (!row->placed) found = 0;
                rows++;
                for (int c = 0; c < row->ncells; c++)
                    if (!row->cells[c].tok.dash && row->cells[c].col != tables[ti]->total_col)
                        sum += row->cells[c].cents;
            }
        if (rows != 1) found = 0;
    }
    if (found && sum == pt->cents) return;
    ReadTotal u = {pt->cents, l->page, l->line, l->text};
    read_add_unchecked(res, &u);
}

void read_amounts(const ReadDoc *doc, ReadResult *res)
{
    if (!doc->nlines) return;
    Arena scratch = {0};
    unsigned char *in_table = arena_alloc(&scratch, doc->nlines);
    AmtTable *tables[MAX_TABLES];
    int ntables = 0;
    size_t prev_end = 0;
    for (size_t li = 0; li < doc->nlines;) {
        AmtTable *t = arena_alloc(&scratch, sizeof *t);
        size_t next;
        if (ntables < MAX_TABLES && amt_table_at(doc, li, &scratch, t, &next)) {
            /* a table right below another ("Dekking" under "Lasten") shares its unit */
            if (ntables && t->scale == 100 && tables[ntables - 1]->scale != 100 &&
                li <= prev_end + 2)
                amt_table_rescale(t, tables[ntables - 1]->scale);
            /* and its year, when neither has year columns */
            if (ntables && !t->year[0] && !t->year_all && li <= prev_end + 2)
                t->year_all = tables[ntables - 1]->year_all;
            prev_end = next;
            amt_table_place(t);
            tables[ntables++] = t;
            for (size_t k = li; k < next; k++) in_table[k] = 1;
            li = next;
            continue;
        }
        li++;
    }
    /* amounts in document order: tables where they stand, prose between them */
    ProseTotal totals[64];
    int ntotals = 0, ti = 0;
    for (size_t li = 0; li < doc->nlines; li++) {
        if (ti < ntables && tables[ti]->header_li == li) {
            emit_table(doc, tables[ti], res);
            amt_table_check(doc, tables, ti, res);
            ti++;
        }
        if (!in_table[li]) prose_line(doc, li, in_table, res, &scratch, totals, &ntotals);
    }
    for (int k = 0; k < ntotals; k++) check_prose_total(doc, &totals[k], tables, ntables, res);
    arena_free(&scratch);
}
