/* export_xlsx.c: see export_xlsx.h. The formulas recompute what the engine computed
 * (docs/coverage.md, section 3); a derived cell becomes a formula only when the formula,
 * evaluated here on the same cents, gives the engine's figure, so the spreadsheet never
 * shows a number pok would not. */
#include "export_xlsx.h"

#include "coverage_view.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

typedef struct Sheet {
    lxw_worksheet *ws;
    lxw_format *money, *bold, *bold_money, *title, *header;
    /* an allocation cell whose year has only an unknown share of a period figure: 0 for
     * the formulas, shown as "onbekend", so no split is suggested */
    lxw_format *money_unknown;
    XlsxStats *stats;
    Arena *a;
} Sheet;

/* xlsx stores every number as an IEEE double: this is the one place pok turns cents into
 * a double. Amounts are below MONEY_MAX_CENTS (1e14 < 2^53), so cents/100 round-trips to
 * the same cents when read back and rounded. */
static double euros(int64_t cents)
{
    return (double)cents / 100.0;
}

static const char *cell(Arena *a, lxw_row_t row, lxw_col_t col)
{
    char name[LXW_MAX_CELL_NAME_LENGTH];
    lxw_rowcol_to_cell(name, row, col);
    return arena_strdup(a, name);
}

static const char *range(Arena *a, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2)
{
    char name[LXW_MAX_CELL_RANGE_LENGTH];
    lxw_rowcol_to_range(name, r1, c1, r2, c2);
    return arena_strdup(a, name);
}

static void value(Sheet *s, lxw_row_t row, lxw_col_t col, int64_t cents, lxw_format *fmt)
{
    worksheet_write_number(s->ws, row, col, euros(cents), fmt);
}

/* A derived cell: the formula when it gives the engine's figure (same_as_engine), with
 * that figure cached for viewers that do not recalculate; otherwise the figure itself. */
static void derived(Sheet *s, lxw_row_t row, lxw_col_t col, const char *formula, int same_as_engine,
                    int64_t engine, lxw_format *fmt)
{
    if (formula && same_as_engine) {
        worksheet_write_formula_num(s->ws, row, col, formula, fmt, euros(engine));
        s->stats->formulas++;
    } else {
        value(s, row, col, engine, fmt);
        if (formula) s->stats->derived_as_value++;
    }
}

static void title_rows(Sheet *s, const MuniData *d, const char *subtitle, const char *date)
{
    worksheet_write_string(
        s->ws, 0, 0,
        arena_printf(s->a, "Stand %s-middelen %s %s", d->scheme.code, d->muni.code, d->muni.name),
        s->title);
    worksheet_write_string(s->ws, 1, 0,
                           arena_printf(s->a, "%s; export van %s; bron: pok%s%s", subtitle, date,
                                        d->generated ? ". " : "",
                                        d->generated ? GENERATED_WARNING : ""),
                           NULL);
}

/* ---- Dekking ---- */

enum {
    R_START = COVERAGE_ROW_START,
    R_ALLOC = COVERAGE_ROW_ALLOCATION,
    R_SPEND = COVERAGE_ROW_SPENDING,
    R_FROM = COVERAGE_ROW_FROM_ALLOCATION,
    R_WITHDRAW = COVERAGE_ROW_WITHDRAWAL,
    R_DEPOSIT = COVERAGE_ROW_DEPOSIT,
    R_END = COVERAGE_ROW_END,
    R_SHORT = COVERAGE_ROW_SHORTFALL,
    R_FROM_PERIOD = COVERAGE_ROW_FROM_PERIOD,
    R_PERIOD_LEFT = COVERAGE_ROW_PERIOD_LEFT
};

static int64_t max64(int64_t x, int64_t y)
{
    return x > y ? x : y;
}
static int64_t min64(int64_t x, int64_t y)
{
    return x < y ? x : y;
}

/* One year column: rows[] holds the sheet row of each coverage row (-1: not shown). */
static void coverage_column(Sheet *s, const CoveragePot *p, size_t i, lxw_col_t col,
                            const int *rows)
{
    const CoverageYear *y = &p->years[i];
    Arena *a = s->a;
#define AT(r) cell(a, (lxw_row_t)rows[r], col)
    /* what a period allocation covered: its row when shown (else 0 in every year) */
    const char *from_period =
        rows[R_FROM_PERIOD] >= 0 ? arena_printf(a, "-%s", AT(R_FROM_PERIOD)) : "";
    for (size_t r = 0; r < coverage_n_rows; r++) {
        if (rows[r] < 0) continue;
        lxw_row_t row = (lxw_row_t)rows[r];
        int64_t engine = coverage_rows[r].get(y);
        int64_t v = 0;
        const char *f = NULL;
        switch (r) {
        case R_START: /* carried from the year before unless an opening is recorded */
            if (i > 0 && !y->has_opening) {
                f = arena_printf(a, "=%s", cell(a, (lxw_row_t)rows[R_END], col - 1));
                v = p->years[i - 1].reserve_end;
            }
            break;
        case R_FROM: /* step 6: the smaller of allocation and spending, 0 if either <= 0 */
            f = arena_printf(a, "=IF(OR(%s<=0,%s<=0),0,MIN(%s,%s))", AT(R_ALLOC), AT(R_SPEND),
                             AT(R_ALLOC), AT(R_SPEND));
            v = y->allocation <= 0 || y->spending <= 0 ? 0 : min64(y->allocation, y->spending);
            break;
        case R_WITHDRAW: /* step 7: what is still needed, at most a positive balance */
            f = arena_printf(a, "=MAX(0,MIN(%s-%s%s,MAX(%s,0)))", AT(R_SPEND), AT(R_FROM),
                             from_period, AT(R_START));
            v = max64(0, min64(y->spending - y->from_allocation - y->from_period,
                               max64(y->reserve_start, 0)));
            break;
        case R_DEPOSIT: /* step 10: open year, the whole surplus; closed: by decision */
            if (!y->closed) {
                f = arena_printf(a, "=%s-%s", AT(R_ALLOC), AT(R_FROM));
                v = y->allocation - y->from_allocation;
                /* the last year of a period: what the period has left comes in too */
                if (v != engine && i > 0 && rows[R_PERIOD_LEFT] >= 0) {
                    f = arena_printf(a, "=%s-%s+%s%s", AT(R_ALLOC), AT(R_FROM),
                                     cell(a, (lxw_row_t)rows[R_PERIOD_LEFT], col - 1), from_period);
                    v = y->allocation - y->from_allocation + p->years[i - 1].period_left -
                        y->from_period;
                }
            }
            break;
        case R_END: /* step 12 */
            f = arena_printf(a, "=%s-%s+%s", AT(R_START), AT(R_WITHDRAW), AT(R_DEPOSIT));
            v = y->reserve_start - y->reserve_withdrawal + y->reserve_deposit;
            break;
        case R_SHORT: /* step 8 */
            f = arena_printf(a, "=%s-%s%s-%s", AT(R_SPEND), AT(R_FROM), from_period,
                             AT(R_WITHDRAW));
            v = y->spending - y->from_allocation - y->from_period - y->reserve_withdrawal;
            break;
        default: /* allocation, spending, without destination, unexplained: figures */
            break;
        }
        if (f)
            derived(s, row, col, f, v == engine, engine, s->money);
        else
            value(s, row, col, engine,
                  coverage_cell_unknown(&coverage_rows[r], y) ? s->money_unknown : s->money);
    }
#undef AT
}

static lxw_row_t coverage_pot(Sheet *s, const MuniData *d, const CoveragePot *p, lxw_row_t row)
{
    Arena *a = s->a;
    lxw_col_t total_col = (lxw_col_t)(p->n_years + 1);
    worksheet_write_string(s->ws, row++, 0, coverage_pot_title(p, a), s->bold);
    worksheet_write_string(s->ws, row, 0, "", s->header);
    for (size_t i = 0; i < p->n_years; i++)
        worksheet_write_string(
            s->ws, row, (lxw_col_t)(i + 1),
            arena_printf(a, "%d%s", p->years[i].year, p->years[i].closed ? "*" : ""), s->header);
    worksheet_write_string(s->ws, row++, total_col, "Totaal", s->header);
    int *rows = arena_alloc(a, coverage_n_rows * sizeof *rows);
    for (size_t r = 0; r < coverage_n_rows; r++) {
        const CoverageRowDef *def = &coverage_rows[r];
        rows[r] = coverage_row_shown(def, p) ? (int)row++ : -1;
    }
    for (size_t r = 0; r < coverage_n_rows; r++) {
        if (rows[r] < 0) continue;
        const CoverageRowDef *def = &coverage_rows[r];
        lxw_row_t at = (lxw_row_t)rows[r];
        worksheet_write_string(s->ws, at, 0, def->label, def->rule_above ? s->bold : NULL);
        if (!def->has_total) continue;
        int64_t sum = 0;
        for (size_t i = 0; i < p->n_years; i++) sum += def->get(&p->years[i]);
        derived(s, at, total_col,
                arena_printf(a, "=SUM(%s)", range(a, at, 1, at, (lxw_col_t)p->n_years)),
                sum == def->get(&p->total), def->get(&p->total), s->bold_money);
    }
    for (size_t i = 0; i < p->n_years; i++) coverage_column(s, p, i, (lxw_col_t)(i + 1), rows);
    (void)d;
    return row + 1;
}

static void sheet_coverage(Sheet *s, const MuniData *d, const Coverage *c, const char *date)
{
    title_rows(s, d, "Dekking per pot; * afgesloten jaar: uitgaven zijn de realisatie", date);
    lxw_row_t row = 3;
    size_t widest = 0;
    for (size_t i = 0; i < c->n_pots; i++) {
        if (!c->pots[i].n_years) continue;
        row = coverage_pot(s, d, &c->pots[i], row);
        if (c->pots[i].n_years > widest) widest = c->pots[i].n_years;
    }
    if (row == 3)
        worksheet_write_string(s->ws, row++, 0,
                               "Geen toekenningen, uitgaven of reserve vastgelegd.", NULL);
    worksheet_write_string(s->ws, row, 0,
                           "Totalen, reservestanden, dekking, onttrekking, storting (open jaren) "
                           "en tekort zijn formules: ze rekenen mee als u een bedrag wijzigt. "
                           "Wat een open jaar niet besteedt, is een verwachte storting, tot een "
                           "besluit erover.",
                           NULL);
    worksheet_set_column(s->ws, 0, 0, 38, NULL);
    worksheet_set_column(s->ws, 1, (lxw_col_t)(widest + 1), 14, NULL);
    worksheet_freeze_panes(s->ws, 3, 1);
}

/* ---- Toekenningen ---- */

static void sheet_allocations(Sheet *s, const MuniData *d, const AllocationMatrix *m,
                              const char *date)
{
    Arena *a = s->a;
    title_rows(s, d, "Toekenningen per actielijn en jaar (geldende versies)", date);
    /* the years' rows, then a row per period figure; last: totals */
    lxw_row_t head = 3, first = 4, last = (lxw_row_t)(first + m->n_rows + m->n_periods);
    lxw_col_t total_col = (lxw_col_t)(m->n_years + 1);
    worksheet_set_column(s->ws, 0, 0, 42, NULL);
    worksheet_set_column(s->ws, 1, total_col, 14, NULL);
    if (m->n_rows == 0 && m->n_periods == 0) {
        worksheet_write_string(s->ws, head, 0, "Geen toekenningen vastgelegd.", NULL);
        return;
    }
    worksheet_write_string(s->ws, head, 0, "Actielijn", s->header);
    for (size_t j = 0; j < m->n_years; j++)
        worksheet_write_number(s->ws, head, (lxw_col_t)(j + 1), m->first_year + (int)j, s->header);
    worksheet_write_string(s->ws, head, total_col, "Totaal", s->header);
    for (size_t r = 0; r < m->n_rows; r++) {
        const AllocationRow *ar = &m->rows[r];
        lxw_row_t row = (lxw_row_t)(first + r);
        const char *label = ar->actielijn->number ? arena_printf(a, "%d. %s", ar->actielijn->number,
                                                                 ar->actielijn->name)
                                                  : ar->actielijn->name;
        worksheet_write_string(s->ws, row, 0, label, NULL);
        int64_t sum = 0;
        for (size_t j = 0; j < m->n_years; j++) {
            if (!ar->present[j]) continue;
            value(s, row, (lxw_col_t)(j + 1), ar->cells[j], s->money);
            sum += ar->cells[j];
        }
        derived(s, row, total_col,
                arena_printf(a, "=SUM(%s)", range(a, row, 1, row, (lxw_col_t)m->n_years)),
                sum == ar->total, ar->total, s->bold_money);
    }
    for (size_t k = 0; k < m->n_periods; k++) {
        const AllocationPeriodRow *pr = &m->periods[k];
        lxw_row_t row = (lxw_row_t)(first + m->n_rows + k);
        const char *line = pr->actielijn->number ? arena_printf(a, "%d. %s", pr->actielijn->number,
                                                                pr->actielijn->name)
                                                 : pr->actielijn->name;
        worksheet_write_string(s->ws, row, 0,
                               arena_printf(a, "%s, %d-%d (verdeling over de jaren onbekend)", line,
                                            pr->allocation->year, pr->allocation->year_to),
                               NULL);
        value(s, row, total_col, pr->allocation->amount_cents, s->bold_money);
    }
    worksheet_write_string(s->ws, last, 0, "Totaal", s->bold);
    for (size_t j = 0; j <= m->n_years; j++) {
        lxw_col_t col = (lxw_col_t)(j + 1);
        int64_t sum = 0, engine = j < m->n_years ? m->year_totals[j] : m->grand_total;
        for (size_t r = 0; r < m->n_rows; r++)
            sum += j < m->n_years ? (m->rows[r].present[j] ? m->rows[r].cells[j] : 0)
                                  : m->rows[r].total;
        for (size_t k = 0; j == m->n_years && k < m->n_periods; k++)
            sum += m->periods[k].allocation->amount_cents;
        derived(s, last, col, arena_printf(a, "=SUM(%s)", range(a, first, col, last - 1, col)),
                sum == engine, engine, s->bold_money);
    }
    worksheet_freeze_panes(s->ws, 4, 1);
}

/* ---- Maatregelen ---- */

/* One block (plan or realised): a row per measure, a total row. Returns the next row. */
static lxw_row_t measure_block(Sheet *s, const MuniData *d, const MeasureAmounts *ma,
                               AmountKind kind, int first_year, size_t n_years, lxw_row_t row)
{
    Arena *a = s->a;
    lxw_col_t total_col = (lxw_col_t)(n_years + 1);
    worksheet_write_string(s->ws, row, 0, kind == AMOUNT_PLAN ? "Gepland" : "Gerealiseerd",
                           s->header);
    for (size_t j = 0; j < n_years; j++)
        worksheet_write_number(s->ws, row, (lxw_col_t)(j + 1), first_year + (int)j, s->header);
    worksheet_write_string(s->ws, row++, total_col, "Totaal", s->header);
    lxw_row_t first = row;
    int64_t all = 0;
    for (size_t m = 0; m < d->n_measures; m++, row++) {
        worksheet_write_string(s->ws, row, 0, d->measures[m].name, NULL);
        int64_t sum = 0;
        for (size_t k = 0; k < ma[m].n_years; k++) {
            const MeasureAmount *x =
                kind == AMOUNT_PLAN ? ma[m].years[k].plan : ma[m].years[k].realised;
            if (!x) continue;
            value(s, row, (lxw_col_t)(ma[m].years[k].year - first_year + 1), x->amount_cents,
                  s->money);
            sum += x->amount_cents;
        }
        int64_t engine = kind == AMOUNT_PLAN ? ma[m].planned : ma[m].realised;
        all += engine;
        derived(s, row, total_col,
                arena_printf(a, "=SUM(%s)", range(a, row, 1, row, (lxw_col_t)n_years)),
                sum == engine, engine, s->bold_money);
    }
    worksheet_write_string(s->ws, row, 0,
                           kind == AMOUNT_PLAN ? "Totaal gepland" : "Totaal gerealiseerd", s->bold);
    for (size_t j = 0; j <= n_years; j++) {
        lxw_col_t col = (lxw_col_t)(j + 1);
        int64_t sum = 0;
        for (size_t m = 0; m < d->n_measures; m++)
            for (size_t k = 0; k < ma[m].n_years; k++) {
                const MeasureAmount *x =
                    kind == AMOUNT_PLAN ? ma[m].years[k].plan : ma[m].years[k].realised;
                if (x && (j == n_years || ma[m].years[k].year == first_year + (int)j))
                    sum += x->amount_cents;
            }
        /* the grand total must be the engine's sum of the measures' totals */
        derived(s, row, col, arena_printf(a, "=SUM(%s)", range(a, first, col, row - 1, col)),
                j < n_years || sum == all, j < n_years ? sum : all, s->bold_money);
    }
    return row + 2;
}

static int sheet_measures(Sheet *s, const MuniData *d, const char *date, PokErr *err)
{
    title_rows(s, d, "Plan en realisatie per maatregel en jaar", date);
    worksheet_set_column(s->ws, 0, 0, 48, NULL);
    MeasureAmounts *ma = arena_alloc(s->a, (d->n_measures + 1) * sizeof *ma);
    int first = 0, last = 0;
    for (size_t m = 0; m < d->n_measures; m++) {
        if (measure_amounts(d, d->measures[m].id, s->a, &ma[m], err)) return -1;
        for (size_t k = 0; k < ma[m].n_years; k++) {
            int y = ma[m].years[k].year;
            if (!first || y < first) first = y;
            if (y > last) last = y;
        }
    }
    if (!first) {
        worksheet_write_string(s->ws, 3, 0, "Geen maatregelen met bedragen vastgelegd.", NULL);
        return 0;
    }
    size_t n_years = (size_t)(last - first + 1);
    worksheet_set_column(s->ws, 1, (lxw_col_t)(n_years + 1), 14, NULL);
    lxw_row_t row = measure_block(s, d, ma, AMOUNT_PLAN, first, n_years, 3);
    measure_block(s, d, ma, AMOUNT_REALISED, first, n_years, row);
    worksheet_freeze_panes(s->ws, 4, 1);
    return 0;
}

/* ---- Bevindingen ---- */

static void sheet_findings(Sheet *s, const MuniData *d, const Finding *f, size_t n,
                           const char *date)
{
    title_rows(s, d, "Bevindingen van de controles", date);
    /* the kind of a finding is said by its message: its code is for the API only */
    static const char *const head[] = {"Ernst", "Jaar", "Pot", "Bedrag", "Bevinding"};
    static const double width[] = {14, 12, 24, 14, 100};
    for (lxw_col_t i = 0; i < 5; i++) {
        worksheet_write_string(s->ws, 3, i, head[i], s->header);
        worksheet_set_column(s->ws, i, i, width[i], NULL);
    }
    if (n == 0) worksheet_write_string(s->ws, 4, 0, "Geen bevindingen.", NULL);
    for (size_t i = 0; i < n; i++) {
        lxw_row_t row = (lxw_row_t)(4 + i);
        worksheet_write_string(s->ws, row, 0, severity_name(f[i].severity), NULL);
        if (f[i].n_years > 1)
            worksheet_write_string(s->ws, row, 1, finding_years_label(&f[i], s->a), NULL);
        else if (f[i].year)
            worksheet_write_number(s->ws, row, 1, f[i].year, NULL);
        if (f[i].pot_name) worksheet_write_string(s->ws, row, 2, f[i].pot_name, NULL);
        value(s, row, 3, f[i].amount, s->money);
        worksheet_write_string(s->ws, row, 4, f[i].message, NULL);
    }
    worksheet_freeze_panes(s->ws, 4, 0);
}

int export_xlsx(const MuniData *d, const Coverage *c, const Finding *f, size_t n_findings,
                const char *exported_on, const char *path, XlsxStats *stats, Arena *a, PokErr *err)
{
    AllocationMatrix m;
    if (allocation_matrix(d, a, &m, err)) return -1;
    lxw_workbook *wb = workbook_new(path);
    if (!wb) return err_set(err, "kan %s niet aanmaken", path);
    memset(stats, 0, sizeof *stats);
    Sheet s = {.stats = stats, .a = a};
    s.money = workbook_add_format(wb);
    format_set_num_format(s.money, "#,##0.00");
    s.money_unknown = workbook_add_format(wb);
    format_set_num_format(s.money_unknown, "#,##0.00;-#,##0.00;\"onbekend\"");
    s.bold_money = workbook_add_format(wb);
    format_set_num_format(s.bold_money, "#,##0.00");
    format_set_bold(s.bold_money);
    s.bold = workbook_add_format(wb);
    format_set_bold(s.bold);
    s.header = workbook_add_format(wb);
    format_set_bold(s.header);
    format_set_bottom(s.header, LXW_BORDER_THIN);
    format_set_align(s.header, LXW_ALIGN_RIGHT);
    s.title = workbook_add_format(wb);
    format_set_bold(s.title);
    format_set_font_size(s.title, 14);

    s.ws = workbook_add_worksheet(wb, "Dekking");
    sheet_coverage(&s, d, c, exported_on);
    s.ws = workbook_add_worksheet(wb, "Toekenningen");
    sheet_allocations(&s, d, &m, exported_on);
    s.ws = workbook_add_worksheet(wb, "Maatregelen");
    int rc = sheet_measures(&s, d, exported_on, err);
    s.ws = workbook_add_worksheet(wb, "Bevindingen");
    sheet_findings(&s, d, f, n_findings, exported_on);
    lxw_error e = workbook_close(wb);
    if (rc) return -1;
    if (e != LXW_NO_ERROR) return err_set(err, "kan %s niet schrijven: %s", path, lxw_strerror(e));
    return 0;
}
