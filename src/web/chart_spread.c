/* chart_spread.c: the inline SVG of where one municipality stands among a group: per
 * measure a bar from the group's first to its third quartile, a tick at the median and a
 * dot for the municipality (chart.h). Values stay integers (cents, basis points); only the
 * pixel geometry uses double. */
#include "chart.h"

#include "html.h"

#define SPREAD_LEFT 250
#define SPREAD_WIDTH 360
#define SPREAD_ROW 46

/* The pixel column of v on a scale from 0 to hi (geometry, not money). */
static int x_of(int64_t v, int64_t hi)
{
    if (hi <= 0) return SPREAD_LEFT;
    if (v < 0) v = 0;
    if (v > hi) v = hi;
    return SPREAD_LEFT + (int)((double)v / (double)hi * SPREAD_WIDTH + 0.5);
}

void chart_spread(Buf *b, const ChartSpreadRow *rows, size_t n, const char *title, const char *id)
{
    if (n == 0) return;
    int height = (int)n * SPREAD_ROW + 50;
    int width = SPREAD_LEFT + SPREAD_WIDTH + 30;
    html_printf(b,
                "<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" aria-labelledby=\"%s-titel "
                "%s-uitleg\">\n<title id=\"%s-titel\">%s</title>\n<desc id=\"%s-uitleg\">Per "
                "maat een balk van het eerste tot het derde kwartiel van de groep, een streep "
                "bij de mediaan en een stip voor de gemeente. De cijfers staan ook in de tabel "
                "hieronder.</desc>\n",
                width, height, width, height, id, id, id, title, id);
    for (size_t i = 0; i < n; i++) {
        const ChartSpreadRow *r = &rows[i];
        int y = 20 + (int)i * SPREAD_ROW;
        int64_t hi = r->q3 > r->value ? r->q3 : r->value;
        hi += hi / 10 + 1;
        html_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"13\">%s</text>\n",
                    SPREAD_LEFT - 10, y + 14, r->label);
        html_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c8c8c8\" />\n",
                    SPREAD_LEFT, y + 10, SPREAD_LEFT + SPREAD_WIDTH, y + 10);
        if (r->has_group) {
            int x1 = x_of(r->q1, hi), x3 = x_of(r->q3, hi), xm = x_of(r->median, hi);
            html_printf(b,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" fill=\"#b7d3ee\" "
                        "stroke=\"#154273\" />\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                        "stroke=\"#154273\" stroke-width=\"3\" />\n",
                        x1, y, x3 > x1 ? x3 - x1 : 1, xm, y - 3, xm, y + 23);
        }
        if (r->has_value)
            html_printf(b,
                        "<circle cx=\"%d\" cy=\"%d\" r=\"7\" fill=\"#8a4500\" stroke=\"#ffffff\" "
                        "stroke-width=\"2\" />\n",
                        x_of(r->value, hi), y + 10);
    }
    int ly = (int)n * SPREAD_ROW + 25;
    html_printf(b,
                "<g font-size=\"13\"><rect x=\"%d\" y=\"%d\" width=\"24\" height=\"14\" "
                "fill=\"#b7d3ee\" stroke=\"#154273\" /><text x=\"%d\" y=\"%d\">middelste helft "
                "van de groep, streep: mediaan</text><circle cx=\"%d\" cy=\"%d\" r=\"7\" "
                "fill=\"#8a4500\" /><text x=\"%d\" y=\"%d\">de gemeente</text></g>\n",
                20, ly, 50, ly + 12, SPREAD_LEFT + 150, ly + 7, SPREAD_LEFT + 162, ly + 12);
    html_lit(b, "</svg>\n<figcaption>Elke balk heeft een eigen schaal, van nul tot iets boven "
                "het hoogste getoonde cijfer. De cijfers staan in de tabel hieronder."
                "</figcaption>\n</figure>\n");
}
