/* read_checks.c: a rebuilt table's arithmetic: column totals against the rows above them,
 * a "Totaal" column against its row, total dekking against total uitgaven, and a reserve's
 * roll-forward (balance of last year - withdrawal + deposit = balance). A rule is only
 * enforced where the table confirms it: it holds in more of the table's columns (or
 * rows) than it fails in, and every cell involved is placed. Otherwise the stated totals
 * are listed as unchecked, never as findings (docs/read.md, "No false alarms"). */
#include "read_amounts.h"

#include "../money.h"

#include <string.h>

char *amt_euro(int64_t cents, char buf[40])
{
    return money_format(cents, MONEY_EURO | MONEY_WHOLE, buf);
}

/* One column's (or row's) test: where it is, what it states, what its parts add to. */
typedef struct Test {
    const ReadLine *line;
    int col;
    int64_t stated, computed;
} Test;

static const AmtCell *cell_in(const AmtRow *r, int col)
{
    for (int c = 0; c < r->ncells; c++)
        if (r->cells[c].col == col) return &r->cells[c];
    return NULL;
}

static int64_t value_in(const AmtRow *r, int col)
{
    const AmtCell *c = cell_in(r, col);
    return c && !c->tok.dash ? c->cents : 0;
}

static char *column_words(Arena *a, const AmtTable *t, int col)
{
    if (t->year[col]) return arena_printf(a, "voor %d", t->year[col]);
    return arena_printf(a, "in de kolom '%s'", t->colname[col]);
}

static void add_unchecked(const ReadDoc *doc, const AmtRow *r, ReadResult *res)
{
    for (int c = 0; c < r->ncells; c++) {
        if (r->cells[c].tok.dash) continue;
        ReadTotal u = {r->cells[c].cents, doc->lines[r->li].page, doc->lines[r->li].line,
                       doc->lines[r->li].text};
        read_add_unchecked(res, &u);
    }
}

/* The verdict over a set of tests: 1 confirmed (the rule holds in at least one column,
 * and in at least as many as it fails in), 0 not confirmed. Empty columns (nothing stated,
 * nothing to add) hold trivially and confirm nothing. */
static int confirmed(const Test *tests, int n)
{
    int hold = 0, fail = 0;
    for (int k = 0; k < n; k++) {
        if (tests[k].stated != tests[k].computed)
            fail++;
        else if (tests[k].stated != 0)
            hold++;
    }
    return hold >= 1 && hold >= fail;
}

static void add_finding(ReadResult *res, ReadFindingKind kind, const Test *t, const char *message)
{
    ReadFinding f = {kind,          1,      1, t->stated, t->computed, t->line->page, t->line->line,
                     t->line->text, message};
    read_add_finding(res, &f);
}

static void sum_finding(ReadResult *res, const AmtTable *t, const Test *x, const char *what)
{
    char a[40], b[40], d[40];
    int64_t diff = x->stated > x->computed ? x->stated - x->computed : x->computed - x->stated;
    char *m = arena_printf(&res->arena,
                           "Het totaal %s is %s, maar de bedragen %s tellen op tot %s "
                           "(verschil %s).",
                           what, amt_euro(x->stated, a),
                           t->total_col >= 0 && x->col < 0 ? "in de rij" : "erboven",
                           amt_euro(x->computed, b), amt_euro(diff, d));
    add_finding(res, READ_FINDING_SUM, x, m);
}

/* Column totals: each total row against the non-total rows since the previous total; a
 * total after subtotals against all rows since the previous grand total (the subtotals
 * are not counted twice). */
static void check_columns(const ReadDoc *doc, const AmtTable *t, ReadResult *res)
{
    int from = 0, grand_from = 0, subs = 0;
    for (int r = 0; r < t->nrows; r++) {
        const AmtRow *tot = &t->rows[r];
        if (!tot->is_total) continue;
        int start = from;
        if (tot->is_total == 2)
            subs = 1;
        else {
            if (subs) start = grand_from;
            grand_from = r + 1;
            subs = 0;
        }
        from = r + 1;
        int placed = tot->placed, parts = 0;
        for (int k = start; k < r; k++)
            if (!t->rows[k].is_total && !t->rows[k].part_of_above) {
                parts++;
                placed &= t->rows[k].placed;
            }
        if (!placed || parts == 0) {
            add_unchecked(doc, tot, res);
            continue;
        }
        Test tests[AMT_MAX_COLS];
        int n = 0;
        for (int c = 0; c < t->ncols; c++) {
            if (c == t->total_col || !cell_in(tot, c)) continue;
            /* a column of differences with V and N: voordeel and nadeel have opposite signs,
             * and either may be the positive one */
            int64_t sum = 0, alt = 0;
            for (int k = start; k < r; k++)
                if (!t->rows[k].is_total && !t->rows[k].part_of_above) {
                    const AmtCell *cell = cell_in(&t->rows[k], c);
                    int64_t v = value_in(&t->rows[k], c);
                    char sfx = cell ? cell->tok.suffix : 0;
                    sum += sfx == 'N' ? -v : v;
                    alt += sfx == 'V' ? -v : v;
                }
            int64_t stated = value_in(tot, c);
            if (alt == stated || -alt == stated || -sum == stated) sum = stated;
            tests[n++] = (Test){&doc->lines[tot->li], c, stated, sum};
        }
        if (!confirmed(tests, n)) {
            for (int k = 0; k < n; k++)
                if (tests[k].stated != tests[k].computed) {
                    add_unchecked(doc, tot, res);
                    break;
                }
            continue;
        }
        for (int k = 0; k < n; k++)
            if (tests[k].stated != tests[k].computed)
                sum_finding(res, t, &tests[k], column_words(&res->arena, t, tests[k].col));
    }
}

/* A "Totaal" column: each placed row's last cell against its other cells. */
static void check_row_totals(const ReadDoc *doc, const AmtTable *t, ReadResult *res)
{
    if (t->total_col < 0) return;
    Test tests[AMT_MAX_ROWS] = {0};
    int n = 0, rows[AMT_MAX_ROWS] = {0};
    for (int r = 0; r < t->nrows; r++) {
        const AmtRow *row = &t->rows[r];
        if (!row->placed || !cell_in(row, t->total_col)) continue;
        /* V and N (voordeel, nadeel) give a direction whose sign depends on whether the row
         * is a cost or an income: either reading may be the document's */
        int64_t sum = 0, alt = 0;
        for (int c = 0; c < t->ncols; c++) {
            if (c == t->total_col) continue;
            const AmtCell *cell = cell_in(row, c);
            int64_t v = value_in(row, c);
            char sfx = cell ? cell->tok.suffix : 0;
            sum += sfx == 'V' ? -v : v;
            alt += sfx == 'N' ? -v : v;
        }
        if (alt == value_in(row, t->total_col)) sum = alt;
        rows[n] = r;
        tests[n++] = (Test){&doc->lines[row->li], -1, value_in(row, t->total_col), sum};
    }
    int ok = confirmed(tests, n);
    for (int k = 0; k < n; k++) {
        if (tests[k].stated == tests[k].computed) continue;
        const AmtRow *row = &t->rows[rows[k]];
        if (!ok) {
            const AmtCell *c = cell_in(row, t->total_col);
            ReadTotal u = {c->cents, tests[k].line->page, tests[k].line->line, tests[k].line->text};
            read_add_unchecked(res, &u);
            continue;
        }
        sum_finding(res, t, &tests[k], arena_printf(&res->arena, "van de rij '%s'", row->label));
    }
}

static int column_of_year(const AmtTable *t, int year)
{
    for (int c = 0; c < t->ncols; c++)
        if (t->year[c] == year && year) return c;
    return -1;
}

/* Total dekking against total uitgaven, column by column (matched on year). */
static void check_coverage(const ReadDoc *doc, AmtTable *const *tables, int idx, ReadResult *res)
{
    const AmtTable *t = tables[idx];
    for (int r = 0; r < t->nrows; r++) {
        const AmtRow *cov = &t->rows[r];
        if (cov->coverage != 1 || !cov->placed) continue;
        const AmtTable *st = NULL;
        const AmtRow *spend = NULL;
        for (int ti = idx; ti >= 0 && ti >= idx - 1 && !spend; ti--)
            for (int k = (ti == idx ? r : tables[ti]->nrows) - 1; k >= 0; k--)
                if (tables[ti]->rows[k].coverage == 2) {
                    spend = &tables[ti]->rows[k];
                    st = tables[ti];
                    break;
                }
        if (!spend || !spend->placed) continue;
        Test tests[AMT_MAX_COLS];
        int n = 0;
        for (int c = 0; c < t->ncols; c++) {
            int sc = t->year[c] ? column_of_year(st, t->year[c]) : (st == t ? c : -1);
            if (sc < 0 || !cell_in(cov, c) || !cell_in(spend, sc)) continue;
            tests[n++] = (Test){&doc->lines[cov->li], c, value_in(cov, c), value_in(spend, sc)};
        }
        if (!confirmed(tests, n)) continue;
        for (int k = 0; k < n; k++) {
            if (tests[k].stated == tests[k].computed) continue;
            char a[40], b[40], d[40];
            int64_t diff = tests[k].stated - tests[k].computed;
            if (diff < 0) diff = -diff;
            char *m = arena_printf(&res->arena,
                                   "De totale dekking %s is %s, maar de totale uitgaven zijn %s "
                                   "(verschil %s).",
                                   column_words(&res->arena, t, tests[k].col),
                                   amt_euro(tests[k].stated, a), amt_euro(tests[k].computed, b),
                                   amt_euro(diff, d));
            add_finding(res, READ_FINDING_COVERAGE, &tests[k], m);
        }
    }
}

/* The end of one year is the start of the next: "Stand 1 januari" of each year against
 * "Stand 31 december" of the year before. */
static void check_continuity(const ReadDoc *doc, const AmtTable *t, const AmtRow *start,
                             const AmtRow *end, ReadResult *res)
{
    Test tests[AMT_MAX_COLS];
    int n = 0;
    for (int c = 1; c < t->ncols; c++) {
        if (!t->year[c] || t->year[c - 1] != t->year[c] - 1 || !cell_in(start, c) ||
            !cell_in(end, c - 1))
            continue;
        tests[n++] = (Test){&doc->lines[start->li], c, value_in(start, c), value_in(end, c - 1)};
    }
    if (!confirmed(tests, n)) return;
    for (int k = 0; k < n; k++) {
        if (tests[k].stated == tests[k].computed) continue;
        char a[40], b[40], d[40];
        int64_t diff = tests[k].stated - tests[k].computed;
        if (diff < 0) diff = -diff;
        char *m = arena_printf(&res->arena,
                               "De beginstand van de reserve in %d is %s, maar de eindstand van "
                               "%d is %s (verschil %s).",
                               t->year[tests[k].col], amt_euro(tests[k].stated, a),
                               t->year[tests[k].col] - 1, amt_euro(tests[k].computed, b),
                               amt_euro(diff, d));
        add_finding(res, READ_FINDING_RESERVE, &tests[k], m);
    }
}

/* A reserve's roll-forward: balance(year) = balance(year before) - withdrawal + deposit.
 * The opening balance of the first column may come from an earlier table (a "restant in
 * de reserve" stated for that year). */
static void check_reserve(const ReadDoc *doc, AmtTable *const *tables, int idx, ReadResult *res)
{
    const AmtTable *t = tables[idx];
    const AmtRow *wd = NULL, *dep = NULL, *bal = NULL, *start = NULL;
    for (int r = 0; r < t->nrows; r++) {
        const AmtRow *row = &t->rows[r];
        if (row->is_total) continue;
        if (row->kind == READ_RESERVE_WITHDRAWAL && !wd)
            wd = row;
        else if (row->kind == READ_RESERVE_DEPOSIT && !dep)
            dep = row;
        else if (row->kind == READ_RESERVE_BALANCE && (wd || dep) && !bal)
            bal = row;
        else if (row->kind == READ_RESERVE_BALANCE && !wd && !dep && !start)
            start = row; /* "Stand per 1 januari" above the movements */
    }
    if ((!wd && !dep) || !bal || (wd && !wd->placed) || !bal->placed || (dep && !dep->placed))
        return;
    if (start && !start->placed) start = NULL;
    int64_t opening = -1;
    for (int ti = idx - 1; ti >= 0 && opening < 0; ti--)
        for (int r = 0; r < tables[ti]->nrows; r++) {
            const AmtRow *row = &tables[ti]->rows[r];
            int c = column_of_year(tables[ti], t->year[0]);
            if (row->kind == READ_RESERVE_BALANCE && row->placed && c >= 0 && cell_in(row, c)) {
                opening = value_in(row, c);
                break;
            }
        }
    Test tests[AMT_MAX_COLS];
    int n = 0;
    for (int c = 0; c < t->ncols; c++) {
        if (!t->year[c] || !cell_in(bal, c)) continue;
        int64_t before;
        if (start && cell_in(start, c)) {
            before = value_in(start, c); /* the year's own opening balance */
        } else if (c == 0) {
            if (opening < 0) continue;
            before = opening;
        } else {
            if (t->year[c - 1] != t->year[c] - 1 || !cell_in(bal, c - 1)) continue;
            before = value_in(bal, c - 1);
        }
        int64_t computed = before - (wd ? value_in(wd, c) : 0) + (dep ? value_in(dep, c) : 0);
        tests[n++] = (Test){&doc->lines[bal->li], c, value_in(bal, c), computed};
    }
    if (n < 2 || !confirmed(tests, n)) return;
    for (int k = 0; k < n; k++) {
        if (tests[k].stated == tests[k].computed) continue;
        char a[40], b[40], d[40];
        int64_t diff = tests[k].stated - tests[k].computed;
        if (diff < 0) diff = -diff;
        char *m =
            arena_printf(&res->arena,
                         "De stand van de reserve %s is %s, maar de stand ervoor min de "
                         "onttrekking (plus de storting) geeft %s (verschil %s).",
                         column_words(&res->arena, t, tests[k].col), amt_euro(tests[k].stated, a),
                         amt_euro(tests[k].computed, b), amt_euro(diff, d));
        add_finding(res, READ_FINDING_RESERVE, &tests[k], m);
    }
    if (start) check_continuity(doc, t, start, bal, res);
}

void amt_table_check(const ReadDoc *doc, AmtTable *const *tables, int idx, ReadResult *res)
{
    check_columns(doc, tables[idx], res);
    check_row_totals(doc, tables[idx], res);
    check_coverage(doc, tables, idx, res);
    check_reserve(doc, tables, idx, res);
}
