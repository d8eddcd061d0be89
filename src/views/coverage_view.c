/* coverage_view.c: see coverage_view.h. */
#include "coverage_view.h"

#include "../money.h"
#include "../textable.h"

#include <string.h>

static const char *amount(Arena *a, int64_t cents)
{
    char buf[MONEY_BUFSZ];
    return arena_strdup(a, money_format(cents, MONEY_EURO | MONEY_WHOLE, buf));
}

#define FIELD(fn, member)                                                                          \
    static int64_t fn(const CoverageYear *y)                                                       \
    {                                                                                              \
        return y->member;                                                                          \
    }
FIELD(f_start, reserve_start)
FIELD(f_alloc, allocation)
FIELD(f_planned, planned)
FIELD(f_realised, realised)
FIELD(f_spend, spending)
FIELD(f_from, from_allocation)
FIELD(f_from_period, from_period)
FIELD(f_withdraw, reserve_withdrawal)
FIELD(f_deposit, reserve_deposit)
FIELD(f_decided, decided_deposit)
FIELD(f_expected, expected_deposit)
FIELD(f_end, reserve_end)
FIELD(f_period_left, period_left)
FIELD(f_short, shortfall)
FIELD(f_unplanned, unplanned)
FIELD(f_unexplained, unexplained)

/* In the order of the COVERAGE_ROW_ positions (coverage_view.h). */
const CoverageRowDef coverage_rows[] = {
    {"Reserve op 1 januari", f_start, 0, 0, 0, 0},
    {"Toekenning van het jaar", f_alloc, 1, 0, 0, 1},
    {"Begroot (plannen)", f_planned, 1, 0, 0, 0},
    {"Gerealiseerd", f_realised, 1, 0, 0, 0},
    {"Uitgaven (begroot of gerealiseerd)", f_spend, 1, 0, 0, 0},
    {"Gedekt uit toekenning van het jaar", f_from, 1, 0, 0, 0},
    {"Gedekt uit toekenning voor een periode", f_from_period, 1, 1, 0, 0},
    {"Onttrekking uit reserve", f_withdraw, 1, 0, 0, 0},
    {"Storting in reserve", f_deposit, 1, 0, 0, 0},
    {"waarvan besloten (storting of overheveling)", f_decided, 1, 1, 0, 0},
    {"waarvan verwacht (nog geen besluit)", f_expected, 1, 1, 0, 0},
    {"Reserve op 31 december", f_end, 0, 0, 1, 0},
    {"Nog niet besteed van de toekenning voor een periode", f_period_left, 0, 1, 0, 0},
    {"Tekort (niet gedekt)", f_short, 1, 1, 1, 0},
    {"Zonder bestemming", f_unplanned, 1, 1, 0, 0},
    {"Niet besteed, onverklaard", f_unexplained, 1, 1, 0, 0},
};
const size_t coverage_n_rows = sizeof coverage_rows / sizeof coverage_rows[0];

int coverage_row_shown(const CoverageRowDef *row, const CoveragePot *p)
{
    if (!row->only_if_any || row->get(&p->total) != 0) return 1;
    for (size_t i = 0; i < p->n_years; i++)
        if (row->get(&p->years[i]) != 0) return 1;
    return 0;
}

int coverage_cell_unknown(const CoverageRowDef *row, const CoverageYear *y)
{
    return row->allocation && y->allocation_unknown && y->allocation == 0;
}

const char *coverage_period_label(const CoveragePeriod *pd, Arena *a)
{
    return arena_printf(a, "Toegekend voor %d-%d, verdeling over de jaren onbekend", pd->year_from,
                        pd->year_to);
}

const char *totals_period_label(const MuniTotals *t, Arena *a)
{
    if (t->reserve_year == 0) return "";
    if (t->first_year == t->reserve_year) return arena_printf(a, "%d", t->first_year);
    return arena_printf(a, "%d-%d", t->first_year, t->reserve_year);
}

const char *coverage_pot_years(const CoveragePot *p, Arena *a)
{
    if (p->n_years == 0) return "";
    int first = p->years[0].year, last = p->years[p->n_years - 1].year;
    return first == last ? arena_printf(a, "%d", first) : arena_printf(a, "%d-%d", first, last);
}

const char *coverage_pot_title(const CoveragePot *p, Arena *a)
{
    if (p->n_actielijnen == 0)
        return arena_printf(a, "Pot: %s (bedragen niet uitgesplitst naar actielijn)", p->name);
    Buf b = {0};
    buf_printf(&b, "Pot: %s (actielijn%s ", p->name, p->n_actielijnen == 1 ? "" : "en");
    for (size_t i = 0; i < p->n_actielijnen; i++)
        buf_printf(&b, "%s%d", i == 0 ? "" : (i + 1 == p->n_actielijnen ? " en " : ", "),
                   p->actielijn_numbers[i]);
    buf_puts(&b, ")");
    const char *title = arena_strdup(a, b.data);
    buf_free(&b);
    return title;
}

static void print_pot(const MuniData *d, const CoveragePot *p, Arena *a, FILE *f)
{
    size_t ncols = p->n_years + 2;
    const char **hdr = arena_alloc(a, ncols * sizeof *hdr);
    char *align = arena_alloc(a, ncols + 1);
    int any_closed = 0;
    hdr[0] = "";
    align[0] = 'l';
    for (size_t i = 0; i < p->n_years; i++) {
        hdr[i + 1] = arena_printf(a, "%d%s", p->years[i].year, p->years[i].closed ? "*" : "");
        any_closed |= p->years[i].closed;
        align[i + 1] = 'r';
    }
    hdr[ncols - 1] = "totaal";
    align[ncols - 1] = 'r';
    TextTable t;
    tt_init(&t, a, ncols, hdr, align);
    const char **cells = arena_alloc(a, ncols * sizeof *cells);
    for (size_t r = 0; r < coverage_n_rows; r++) {
        const CoverageRowDef *row = &coverage_rows[r];
        if (!coverage_row_shown(row, p)) continue;
        cells[0] = row->label;
        for (size_t i = 0; i < p->n_years; i++)
            cells[i + 1] = coverage_cell_unknown(row, &p->years[i])
                               ? "onbekend"
                               : amount(a, row->get(&p->years[i]));
        cells[ncols - 1] = row->has_total ? amount(a, row->get(&p->total)) : "";
        if (row->rule_above) tt_rule(&t);
        tt_row(&t, cells);
        for (size_t k = 0; row->allocation && k < p->n_periods; k++) {
            cells[0] = coverage_period_label(&p->periods[k], a);
            for (size_t i = 0; i < p->n_years; i++) cells[i + 1] = "";
            cells[ncols - 1] = amount(a, p->periods[k].amount);
            tt_row(&t, cells);
        }
    }
    fprintf(f, "%s, %s\n\n", coverage_pot_title(p, a), coverage_pot_years(p, a));
    tt_print(&t, f);
    if (any_closed) fputs("* afgesloten jaar: uitgaven zijn de realisatie\n", f);
    fputc('\n', f);
    (void)d;
}

void coverage_print_text(const MuniData *d, const Coverage *c, Arena *a, FILE *f)
{
    fprintf(f, "Dekking %s %s, %s\n", d->muni.code, d->muni.name, d->scheme.name);
    fputs("Uitgaven worden eerst gedekt uit de toekenning van het jaar, het tekort uit de "
          "reserve;\nniet bestede middelen van een open jaar zijn een verwachte storting in de "
          "reserve\ntot een besluit erover is genomen.\n\n",
          f);
    if (c->n_pots == 0 || (c->n_pots == 1 && c->pots[0].n_years == 0)) {
        fputs("Geen toekenningen, uitgaven of reserve vastgelegd.\n", f);
        return;
    }
    for (size_t i = 0; i < c->n_pots; i++)
        if (c->pots[i].n_years) print_pot(d, &c->pots[i], a, f);
    if (c->n_unplaced)
        fprintf(f, "Let op: %zu maatregel(en) vallen in geen pot en tellen niet mee.\n",
                c->n_unplaced);
}

/* clang-format does not settle on one layout for a list of X(): kept as written */
/* clang-format off */
#define CSV_FIELDS                                                                     \
    X(allocation) X(spending) X(from_allocation) X(reserve_withdrawal)                 \
    X(reserve_deposit) X(reserve_end) X(shortfall) X(unplanned) X(reserve_start)       \
    X(planned) X(realised) X(unexplained) X(decided_deposit) X(expected_deposit)       \
    X(from_period) X(period_left)
/* clang-format on */

const char *const coverage_json_cents[] = {
#define X(name) #name "_cents",
    CSV_FIELDS
#undef X
};
const size_t coverage_n_json_cents = sizeof coverage_json_cents / sizeof coverage_json_cents[0];

static void csv_text(FILE *f, const char *s)
{
    Buf b = {0};
    buf_csv_text(&b, s);
    if (b.len) fwrite(b.data, 1, b.len, f);
    buf_free(&b);
}

void coverage_print_csv(const Coverage *c, int header, FILE *f)
{
    if (header) {
        fputs("municipality,pot_id,pot,year,closed", f);
#define X(name) fputs("," #name "_cents", f);
        CSV_FIELDS
#undef X
        fputc('\n', f);
    }
    for (size_t p = 0; p < c->n_pots; p++)
        for (size_t i = 0; i < c->pots[p].n_years; i++) {
            const CoverageYear *y = &c->pots[p].years[i];
            fprintf(f, "%s,%lld,", c->municipality, (long long)c->pots[p].pot_id);
            csv_text(f, c->pots[p].name);
            fprintf(f, ",%d,%d", y->year, y->closed);
#define X(name) fprintf(f, ",%lld", (long long)y->name);
            CSV_FIELDS
#undef X
            fputc('\n', f);
        }
}

json_t *coverage_json(const Coverage *c)
{
    json_t *pots = json_array();
    for (size_t p = 0; p < c->n_pots; p++) {
        const CoveragePot *pot = &c->pots[p];
        json_t *years = json_array(), *numbers = json_array();
        for (size_t i = 0; i < pot->n_actielijnen; i++)
            json_array_append_new(numbers, json_integer(pot->actielijn_numbers[i]));
        for (size_t i = 0; i < pot->n_years; i++) {
            const CoverageYear *y = &pot->years[i];
            json_t *o = json_object();
            json_object_set_new(o, "year", json_integer(y->year));
            json_object_set_new(o, "closed", json_boolean(y->closed));
#define X(name) json_object_set_new(o, #name "_cents", json_integer(y->name));
            CSV_FIELDS
#undef X
            json_object_set_new(o, "allocation_unknown", json_boolean(y->allocation_unknown));
            json_array_append_new(years, o);
        }
        json_t *periods = json_array();
        for (size_t k = 0; k < pot->n_periods; k++) {
            json_t *pd = json_object();
            json_object_set_new(pd, "year_from", json_integer(pot->periods[k].year_from));
            json_object_set_new(pd, "year_to", json_integer(pot->periods[k].year_to));
            json_object_set_new(pd, "amount_cents", json_integer(pot->periods[k].amount));
            json_array_append_new(periods, pd);
        }
        json_t *po = json_object();
        json_object_set_new(po, "name", json_string(pot->name));
        json_object_set_new(po, "pot_id", json_integer(pot->pot_id));
        json_object_set_new(po, "actielijnen", numbers);
        json_object_set_new(po, "years", years);
        json_object_set_new(po, "periods", periods);
        json_array_append_new(pots, po);
    }
    json_t *root = json_object();
    json_object_set_new(root, "municipality", json_string(c->municipality));
    json_object_set_new(root, "scheme", json_string(c->scheme));
    json_object_set_new(root, "pots", pots);
    return root;
}

void findings_print_text(const MuniData *d, const Finding *f, size_t n, FILE *out)
{
    fprintf(out, "Controles %s %s: ", d->muni.code, d->muni.name);
    if (n == 0) {
        fputs("geen bevindingen.\n", out);
        return;
    }
    fprintf(out, "%zu bevinding%s\n", n, n == 1 ? "" : "en");
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "- [%s] %s\n", severity_name(f[i].severity), f[i].message);
        const Source *src = f[i].cite.source_id ? muni_source(d, f[i].cite.source_id) : NULL;
        if (src)
            fprintf(out, "    bron: %s%s%s\n", src->title, f[i].cite.place ? ", " : "",
                    f[i].cite.place ? f[i].cite.place : "");
    }
}

json_t *findings_json(const MuniData *d, const Finding *f, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(check_kind_code(f[i].kind)));
        json_object_set_new(o, "severity", json_string(severity_name(f[i].severity)));
        json_object_set_new(o, "year", f[i].year ? json_integer(f[i].year) : json_null());
        json_t *years = json_array();
        for (size_t k = 0; k < f[i].n_years; k++)
            json_array_append_new(years, json_integer(f[i].years[k]));
        json_object_set_new(o, "years", years);
        json_object_set_new(o, "pot", f[i].pot_name ? json_string(f[i].pot_name) : json_null());
        json_object_set_new(o, "record_id",
                            f[i].record_id ? json_integer(f[i].record_id) : json_null());
        json_object_set_new(o, "amount_cents", json_integer(f[i].amount));
        json_object_set_new(o, "expected_cents", json_integer(f[i].expected));
        json_object_set_new(o, "actual_cents", json_integer(f[i].actual));
        json_object_set_new(o, "message", json_string(f[i].message));
        const Source *src = f[i].cite.source_id ? muni_source(d, f[i].cite.source_id) : NULL;
        if (src) {
            json_t *s = json_object();
            json_object_set_new(s, "id", json_integer(src->id));
            json_object_set_new(s, "title", json_string(src->title));
            json_object_set_new(s, "place",
                                f[i].cite.place ? json_string(f[i].cite.place) : json_null());
            json_object_set_new(o, "source", s);
        }
        json_array_append_new(list, o);
    }
    json_t *root = json_object();
    json_object_set_new(root, "municipality", json_string(d->muni.code));
    json_object_set_new(root, "findings", list);
    return root;
}
