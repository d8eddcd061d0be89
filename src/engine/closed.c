/* closed.c: what closing a year fixes: the figures of that year in every pot's coverage
 * table (COVERAGE_CLOSED_FIGURES in engine.h), and how two sets of them differ. */
#include "engine.h"

#include <string.h>

#include "../money.h"

const char *const closed_figure_fields[CLOSED_FIGURE_COUNT] = {
#define X(field, name, money) #field,
    COVERAGE_CLOSED_FIGURES(X)
#undef X
};

static const char *const figure_names[CLOSED_FIGURE_COUNT] = {
#define X(field, name, money) name,
    COVERAGE_CLOSED_FIGURES(X)
#undef X
};

static const int figure_is_money[CLOSED_FIGURE_COUNT] = {
#define X(field, name, money) money,
    COVERAGE_CLOSED_FIGURES(X)
#undef X
};

static void figures_of(const CoverageYear *y, int64_t *v)
{
#define X(field, name, money) v[CLOSED_FIGURE_##field] = y->field;
    COVERAGE_CLOSED_FIGURES(X)
#undef X
}

static int all_zero(const int64_t *v)
{
    for (size_t i = 0; i < CLOSED_FIGURE_COUNT; i++)
        if (v[i] != 0) return 0;
    return 1;
}

void coverage_closed_figures(const Coverage *c, int year, Arena *a, ClosedFigures **out, size_t *n,
                             size_t *cap)
{
    for (size_t p = 0; p < c->n_pots; p++) {
        const CoveragePot *pot = &c->pots[p];
        if (pot->n_years == 0) continue;
        CoverageYear row = {.year = year};
        const CoverageYear *last = &pot->years[pot->n_years - 1];
        if (year >= pot->years[0].year && year <= last->year) {
            row = pot->years[year - pot->years[0].year];
        } else if (year > last->year) {
            /* No records after the table's end: the balance stays as it was. */
            row.reserve_start = row.reserve_end = last->reserve_end;
        }
        int64_t v[CLOSED_FIGURE_COUNT];
        figures_of(&row, v);
        if (all_zero(v)) continue;
        *out = arena_grow(a, *out, sizeof **out, cap, *n + 1);
        ClosedFigures *f = &(*out)[(*n)++];
        f->scheme = c->scheme;
        f->pot_id = pot->pot_id;
        f->pot_name = pot->name;
        memcpy(f->v, v, sizeof v);
    }
}

static int same_pot(const ClosedFigures *x, const ClosedFigures *y)
{
    return x->pot_id == y->pot_id &&
           strcmp(x->scheme ? x->scheme : "", y->scheme ? y->scheme : "") == 0;
}

static const ClosedFigures *find_pot(const ClosedFigures *list, size_t n, const ClosedFigures *f)
{
    for (size_t i = 0; i < n; i++)
        if (same_pot(&list[i], f)) return &list[i];
    return NULL;
}

static void figure_text(Buf *b, size_t i, int64_t value)
{
    char buf[MONEY_BUFSZ];
    if (figure_is_money[i])
        buf_puts(b, money_format(value, MONEY_EURO | MONEY_WHOLE, buf));
    else
        buf_puts(b, value ? "ja" : "nee");
}

/* Compare one pot (either side may be NULL: all zero); describe into what. */
static void compare_pot(const ClosedFigures *was, const ClosedFigures *now, size_t max_items,
                        int *differ, Buf *what)
{
    size_t items = 0;
    static const int64_t zero[CLOSED_FIGURE_COUNT];
    const int64_t *v0 = was ? was->v : zero, *v1 = now ? now->v : zero;
    const char *name = now ? now->pot_name : was ? was->pot_name : "";
    int named = 0;
    for (size_t i = 0; i < CLOSED_FIGURE_COUNT; i++) {
        if (v0[i] == v1[i]) continue;
        *differ = 1;
        if (!what) return;
        if (items == max_items) {
            buf_puts(what, ", ...");
            return;
        }
        if (!named) {
            buf_printf(what, "%spot %s: ", what->len ? "; " : "", name ? name : "?");
            named = 1;
        } else {
            buf_puts(what, ", ");
        }
        buf_printf(what, "%s van ", figure_names[i]);
        figure_text(what, i, v0[i]);
        buf_puts(what, " naar ");
        figure_text(what, i, v1[i]);
        items++;
    }
}

int coverage_closed_figures_differ(const ClosedFigures *was, size_t n_was, const ClosedFigures *now,
                                   size_t n_now, size_t max_items, Buf *what)
{
    int differ = 0;
    for (size_t i = 0; i < n_was && (what || !differ); i++)
        compare_pot(&was[i], find_pot(now, n_now, &was[i]), max_items, &differ, what);
    for (size_t i = 0; i < n_now && (what || !differ); i++)
        if (!find_pot(was, n_was, &now[i])) compare_pot(NULL, &now[i], max_items, &differ, what);
    return differ;
}
