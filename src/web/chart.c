/* chart.c: see chart.h. Amounts stay int64 cents; only the pixel geometry uses double
 * (not money). */
#include "chart.h"

#include "html.h"
#include "pages.h"

#define CHART_HEIGHT 320
#define PLOT_TOP 20
#define PLOT_BOTTOM 270 /* the x axis of a chart with no negative values */
#define PLOT_LEFT 110
#define YEAR_WIDTH 84
#define BAR_WIDTH 28
#define TICKS 4

/* The pixel row of an amount (geometry, not money). */
static int y_of(const ChartAxis *s, int64_t cents)
{
    double frac = (double)(s->hi - cents) / (double)(s->hi - s->lo);
    return PLOT_TOP + (int)(frac * (PLOT_BOTTOM - PLOT_TOP) + 0.5);
}

static void axis(Buf *b, const ChartAxis *s, int width)
{
    for (int64_t v = s->lo; v <= s->hi; v += s->step) {
        int y = y_of(s, v);
        html_printf(b,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" />"
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"12\">",
                    PLOT_LEFT, y, width - 10, y, v == 0 ? "#1a1a1a" : "#c8c8c8", PLOT_LEFT - 6,
                    y + 4);
        html_money(b, v);
        html_lit(b, "</text>\n");
    }
}

static void bar(Buf *b, const ChartAxis *s, int x, int64_t cents, const char *fill,
                const char *stroke)
{
    int y0 = y_of(s, 0), y1 = y_of(s, cents);
    int top = y1 < y0 ? y1 : y0, h = y1 < y0 ? y0 - y1 : y1 - y0;
    html_printf(b,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"%s\" />",
                x, top, BAR_WIDTH, h, fill, stroke);
}

static void legend(Buf *b, int y, const char *id)
{
    html_printf(b,
                "<g font-size=\"13\"><rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" "
                "fill=\"#154273\" /><text x=\"%d\" y=\"%d\">Toekenning</text>"
                "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"url(#%s-arcering)\" "
                "stroke=\"#8a4500\" /><text x=\"%d\" y=\"%d\">Uitgaven</text>"
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#1a1a1a\" "
                "stroke-width=\"3\" stroke-dasharray=\"6 3\" /><circle cx=\"%d\" cy=\"%d\" r=\"4\" "
                "fill=\"#1a1a1a\" /><text x=\"%d\" y=\"%d\">Reserve op 31 december</text></g>\n",
                PLOT_LEFT, y, PLOT_LEFT + 20, y + 12, PLOT_LEFT + 120, y, id, PLOT_LEFT + 140,
                y + 12, PLOT_LEFT + 230, y + 7, PLOT_LEFT + 260, y + 7, PLOT_LEFT + 245, y + 7,
                PLOT_LEFT + 268, y + 12);
}

void chart_years(Buf *b, const YearSums *years, size_t n, const char *title, const char *id)
{
    if (n == 0) return;
    ChartAxis s = chart_axis(years, n, TICKS);
    int width = PLOT_LEFT + (int)n * YEAR_WIDTH + 20;
    if (width < PLOT_LEFT + 440) width = PLOT_LEFT + 440;
    html_printf(b,
                "<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                "role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                "aria-labelledby=\"%s-titel %s-uitleg\">\n<title id=\"%s-titel\">%s</title>\n"
                "<desc id=\"%s-uitleg\">Staafdiagram per jaar van de toekenning en de uitgaven, "
                "met een lijn voor de reserve op 31 december. De bedragen staan ook in de "
                "tabel hieronder.</desc>\n",
                width, CHART_HEIGHT, width, CHART_HEIGHT, id, id, id, title, id);
    html_printf(b,
                "<defs><pattern id=\"%s-arcering\" width=\"6\" height=\"6\" "
                "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                "<rect width=\"6\" height=\"6\" fill=\"#f9c48a\" />"
                "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#8a4500\" "
                "stroke-width=\"2\" /></pattern></defs>\n",
                id);
    axis(b, &s, width);
    Buf line = {0}, hatch = {0};
    buf_printf(&hatch, "url(#%s-arcering)", id);
    for (size_t i = 0; i < n; i++) {
        int x = PLOT_LEFT + (int)i * YEAR_WIDTH + 12;
        bar(b, &s, x, years[i].allocation, "#154273", "#154273");
        bar(b, &s, x + BAR_WIDTH + 2, years[i].spending, hatch.data, "#8a4500");
        html_printf(b,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">%d%s</text>\n",
                    x + BAR_WIDTH, PLOT_BOTTOM + 16, years[i].year, years[i].closed ? "*" : "");
        int cx = x + BAR_WIDTH, cy = y_of(&s, years[i].reserve_end);
        buf_printf(&line, "%s%d,%d", i ? " " : "", cx, cy);
        /* open: the balance holds an expected deposit no decision has made yet */
        if (years[i].reserve_expected)
            html_printf(b,
                        "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"#ffffff\" stroke=\"#1a1a1a\" "
                        "stroke-width=\"2\" />\n",
                        cx, cy);
        else
            html_printf(b, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"#1a1a1a\" />\n", cx, cy);
    }
    /* only digits, commas and spaces: built by buf_printf from ints */
    html_lit(b, "<polyline fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"3\" "
                "stroke-dasharray=\"6 3\" points=\"");
    html_attr(b, line.data);
    html_lit(b, "\" />\n");
    buf_free(&line);
    buf_free(&hatch);
    legend(b, PLOT_BOTTOM + 30, id);
    int any_closed = 0, any_expected = 0;
    for (size_t i = 0; i < n; i++) {
        any_closed |= years[i].closed;
        any_expected |= years[i].reserve_expected;
    }
    html_lit(b, "</svg>\n<figcaption>");
    if (any_closed) html_lit(b, "* afgesloten jaar: de uitgaven zijn de realisatie. ");
    html_lit(b, "In een open jaar zijn de uitgaven begroot. ");
    if (any_expected)
        html_lit(b, "Een open rondje: de reserve bevat een verwachte storting waarover nog geen "
                    "besluit is genomen. ");
    html_lit(b, "De cijfers staan in de tabel hieronder.</figcaption>\n</figure>\n");
}
