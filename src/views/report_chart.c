/* report_chart.c: the chart of the years in the report, the same figure as the web page's
 * SVG (src/web/chart.c): per year a bar for the allocation and a hatched bar for the
 * spending, the reserve at 31 December as a dashed line with dots, euro labels on the
 * axis in round steps, "*" after a closed year, and a legend. Amounts stay int64 cents;
 * only the pixel geometry uses double. */
#include "report_internal.h"

#include "../money.h"

#define TICKS 4
#define PLOT_H 170.0
#define YEAR_MAX_W 84.0

static const RpColor allocation_fill = {0x15 / 255.0, 0x42 / 255.0, 0x73 / 255.0};
static const RpColor spending_fill = {0xf9 / 255.0, 0xc4 / 255.0, 0x8a / 255.0};
static const RpColor spending_line = {0x8a / 255.0, 0x45 / 255.0, 0x00 / 255.0};
static const RpColor grid = {0xc8 / 255.0, 0xc8 / 255.0, 0xc8 / 255.0};

/* The chart's axis (chart_axis, as on the web page) placed on the page. */
typedef struct Plot {
    int64_t lo, hi; /* cents at the bottom and top of the plot */
    double top, bottom;
} Plot;

static double y_of(const Plot *s, int64_t cents)
{
    double frac = (double)(s->hi - cents) / (double)(s->hi - s->lo);
    return s->top + frac * (s->bottom - s->top);
}

static void set_color(Report *r, const RpColor *c)
{
    cairo_set_source_rgb(r->cr, c->r, c->g, c->b);
}

static void allocation_bar(Report *r, double x, double w, double y0, double y1)
{
    set_color(r, &allocation_fill);
    cairo_rectangle(r->cr, x, y0 < y1 ? y0 : y1, w, y0 < y1 ? y1 - y0 : y0 - y1);
    cairo_fill(r->cr);
}

/* Hatched (diagonal lines), as the web chart: tells the bars apart in black and white. */
static void spending_bar(Report *r, double x, double w, double y0, double y1)
{
    cairo_t *cr = r->cr;
    double top = y0 < y1 ? y0 : y1, h = y0 < y1 ? y1 - y0 : y0 - y1;
    cairo_save(cr);
    cairo_rectangle(cr, x, top, w, h);
    set_color(r, &spending_fill);
    cairo_fill_preserve(cr);
    cairo_clip_preserve(cr);
    cairo_new_path(cr);
    set_color(r, &spending_line);
    cairo_set_line_width(cr, 1.0);
    /* hatching every 4.5 points; an integer counter, so no rounding adds a line */
    for (int k = 0; - h + 4.5 * k < w; k++) {
        double d = -h + 4.5 * k;
        cairo_move_to(cr, x + d, top + h);
        cairo_line_to(cr, x + d + h, top);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
    cairo_rectangle(cr, x, top, w, h);
    cairo_set_line_width(cr, 0.8);
    set_color(r, &spending_line);
    cairo_stroke(cr);
}

static const char *euro(Report *r, int64_t cents)
{
    char buf[MONEY_BUFSZ];
    return arena_strdup(r->a, money_format(cents, MONEY_EURO | MONEY_WHOLE, buf));
}

/* Grid lines with their amounts; returns the x where the plot starts. */
static double axis(Report *r, const Plot *s, int64_t step)
{
    double label_w = 0, w;
    for (int64_t v = s->lo; v <= s->hi; v += step) {
        rp_measure(r, euro(r, v), RP_SMALL, 0, 0, &w);
        if (w > label_w) label_w = w;
    }
    double left = RP_LEFT + label_w + 8;
    for (int64_t v = s->lo; v <= s->hi; v += step) {
        double y = y_of(s, v);
        set_color(r, v == 0 ? &rp_black : &grid);
        cairo_set_line_width(r->cr, v == 0 ? 0.8 : 0.5);
        cairo_move_to(r->cr, left, y);
        cairo_line_to(r->cr, RP_RIGHT, y);
        cairo_stroke(r->cr);
        rp_draw(r, euro(r, v), RP_SMALL, 0, RP_LEFT, y - 5, label_w + 2, PANGO_ALIGN_RIGHT, NULL);
    }
    return left;
}

static void legend(Report *r, double y)
{
    double x = RP_LEFT;
    allocation_bar(r, x, 10, y, y + 10);
    rp_draw(r, "Toekenning", RP_SMALL + 0.5, 0, x + 14, y, 0, PANGO_ALIGN_LEFT, NULL);
    x += 90;
    spending_bar(r, x, 10, y, y + 10);
    rp_draw(r, "Uitgaven", RP_SMALL + 0.5, 0, x + 14, y, 0, PANGO_ALIGN_LEFT, NULL);
    x += 80;
    set_color(r, &rp_black);
    cairo_set_line_width(r->cr, 2);
    const double dash[] = {5, 2.5};
    cairo_set_dash(r->cr, dash, 2, 0);
    cairo_move_to(r->cr, x, y + 5);
    cairo_line_to(r->cr, x + 24, y + 5);
    cairo_stroke(r->cr);
    cairo_set_dash(r->cr, NULL, 0, 0);
    cairo_arc(r->cr, x + 12, y + 5, 2.8, 0, 6.2832);
    cairo_fill(r->cr);
    rp_draw(r, "Reserve op 31 december", RP_SMALL + 0.5, 0, x + 30, y, 0, PANGO_ALIGN_LEFT, NULL);
}

void rp_chart(Report *r, const YearSums *years, size_t n)
{
    if (n == 0) return;
    rp_need(r, PLOT_H + 60);
    ChartAxis ax = chart_axis(years, n, TICKS);
    Plot s = {.lo = ax.lo, .hi = ax.hi, .top = r->y + 6};
    s.bottom = s.top + PLOT_H;
    int64_t step = ax.step;
    double left = axis(r, &s, step);
    double year_w = (RP_RIGHT - left - 6) / (double)n;
    if (year_w > YEAR_MAX_W) year_w = YEAR_MAX_W;
    double bar_w = year_w / 3, y0 = y_of(&s, 0);
    int any_closed = 0;
    for (size_t i = 0; i < n; i++) {
        double x = left + 6 + (double)i * year_w + year_w / 6;
        allocation_bar(r, x, bar_w, y0, y_of(&s, years[i].allocation));
        spending_bar(r, x + bar_w + 1, bar_w, y0, y_of(&s, years[i].spending));
        any_closed |= years[i].closed;
        rp_draw(r, arena_printf(r->a, "%d%s", years[i].year, years[i].closed ? "*" : ""), RP_SMALL,
                0, x - year_w / 6, s.bottom + 3, year_w, PANGO_ALIGN_CENTER, NULL);
    }
    /* the reserve line over the bars, a dot per year */
    set_color(r, &rp_black);
    cairo_set_line_width(r->cr, 2);
    const double dash[] = {5, 2.5};
    cairo_set_dash(r->cr, dash, 2, 0);
    for (size_t i = 0; i < n; i++) {
        double cx = left + 6 + (double)i * year_w + year_w / 6 + bar_w + 0.5;
        double cy = y_of(&s, years[i].reserve_end);
        if (i == 0)
            cairo_move_to(r->cr, cx, cy);
        else
            cairo_line_to(r->cr, cx, cy);
    }
    cairo_stroke(r->cr);
    cairo_set_dash(r->cr, NULL, 0, 0);
    int any_expected = 0;
    for (size_t i = 0; i < n; i++) {
        double cx = left + 6 + (double)i * year_w + year_w / 6 + bar_w + 0.5;
        cairo_new_sub_path(r->cr);
        cairo_arc(r->cr, cx, y_of(&s, years[i].reserve_end), 2.8, 0, 6.2832);
        /* open: the balance holds an expected deposit no decision has made yet */
        if (years[i].reserve_expected) {
            cairo_set_source_rgb(r->cr, 1, 1, 1);
            cairo_fill_preserve(r->cr);
            set_color(r, &rp_black);
            cairo_set_line_width(r->cr, 1.2);
            cairo_stroke(r->cr);
            any_expected = 1;
        } else {
            cairo_fill(r->cr);
        }
    }
    r->y = s.bottom + 18;
    legend(r, r->y);
    r->y += 16;
    rp_para(r,
            arena_printf(r->a, "Bedragen in euro.%s In een open jaar zijn de uitgaven begroot.%s",
                         any_closed ? " * afgesloten jaar: de uitgaven zijn de realisatie." : "",
                         any_expected ? " Een open rondje: de reserve bevat een verwachte "
                                        "storting waarover nog geen besluit is genomen."
                                      : ""),
            RP_SMALL, 0, &rp_grey);
}
