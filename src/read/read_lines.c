/* read_lines.c: the words of a page grouped into visual lines across the whole page.
 *
 * PDF producers put each table column in its own text block, and OCR finds words, not
 * rows; what the analysis needs is the row: every word at the same height, left to right,
 * with its box, so that the columns can be recovered from x. The grouping:
 *   1. words sorted by their left edge; each joins the open line whose position it is
 *      nearest to, if that is within half the page's median word height, else starts a
 *      line; a line's position follows its last word, so a slight slope carries along;
 *   2. the page's slope is the median slope of the long lines found; if the page is
 *      rotated (a scan, 0.1 degrees or more) the words are grouped again, comparing the
 *      positions projected along that slope, so a word far to the right after a wide gap
 *      still finds its row;
 *   3. lines in order of their projected position, top to bottom. */
#include "read_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Slopes below this are no rotation (0.06 degrees); beyond the cap the page is not a
 * slightly rotated scan and grouping along a slope would join different rows. */
#define SLOPE_MIN 0.001
#define SLOPE_MAX 0.06
/* A line takes part in estimating the slope when its words span this many tolerances. */
#define SLOPE_SPAN 8.0

typedef struct Group {
    double key;    /* the position of its last word, projected along the slope */
    double sumkey; /* of all its words, for the final order */
    size_t n;
    size_t first_word, last_word; /* indices into the x-sorted words */
} Group;

static double centre_y(const ReadWord *w)
{
    return (w->y0 + w->y1) / 2;
}
static double centre_x(const ReadWord *w)
{
    return (w->x0 + w->x1) / 2;
}

static int cmp_x0(const void *a, const void *b)
{
    const ReadWord *p = a, *q = b;
    if (p->x0 != q->x0) return p->x0 < q->x0 ? -1 : 1;
    return centre_y(p) < centre_y(q) ? -1 : centre_y(p) > centre_y(q);
}

static int cmp_double(const void *a, const void *b)
{
    double p = *(const double *)a, q = *(const double *)b;
    return p < q ? -1 : p > q;
}

/* Half the median word height: words closer than that in height belong to one line. */
static double tolerance(const ReadWord *words, size_t n)
{
    double *h = xmalloc(n * sizeof *h);
    for (size_t i = 0; i < n; i++) h[i] = words[i].y1 - words[i].y0;
    qsort(h, n, sizeof *h, cmp_double);
    double med = h[n / 2];
    free(h);
    return med > 2 ? med / 2 : 1;
}

/* Group the x-sorted words along slope: line_of[i] is the group of word i. order keeps
 * the open groups sorted by key, so the nearest is found by bisection. */
static size_t group_words(const ReadWord *words, size_t n, double slope, double tol,
                          size_t *line_of, Group *groups, size_t *order)
{
    size_t ngroups = 0;
    for (size_t i = 0; i < n; i++) {
        double key = centre_y(&words[i]) - slope * centre_x(&words[i]);
        size_t lo = 0, hi = ngroups;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (groups[order[mid]].key < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        /* the nearest is just below or at the insertion point */
        size_t best = SIZE_MAX;
        double best_d = tol;
        for (size_t k = lo > 0 ? lo - 1 : 0; k < ngroups && k <= lo; k++) {
            double d = fabs(groups[order[k]].key - key);
            if (d <= best_d) {
                best_d = d;
                best = k;
            }
        }
        size_t pos;
        if (best == SIZE_MAX) {
            Group *g = &groups[ngroups];
            g->n = 0;
            g->sumkey = 0;
            g->first_word = i;
            memmove(order + lo + 1, order + lo, (ngroups - lo) * sizeof *order);
            order[lo] = ngroups++;
            pos = lo;
        } else {
            pos = best;
        }
        Group *g = &groups[order[pos]];
        g->key = key;
        g->sumkey += key;
        g->n++;
        g->last_word = i;
        line_of[i] = order[pos];
        /* the group moved with its new last word: restore the order around it */
        while (pos > 0 && groups[order[pos - 1]].key > g->key) {
            size_t t = order[pos - 1];
            order[pos - 1] = order[pos];
            order[pos--] = t;
        }
        while (pos + 1 < ngroups && groups[order[pos + 1]].key < g->key) {
            size_t t = order[pos + 1];
            order[pos + 1] = order[pos];
            order[pos++] = t;
        }
    }
    return ngroups;
}

/* The median slope of the lines that are long enough to show one; 0 when the page is
 * level or too little is known. */
static double page_slope(const ReadWord *words, const Group *groups, size_t ngroups, double tol)
{
    double *s = xmalloc((ngroups ? ngroups : 1) * sizeof *s);
    size_t ns = 0;
    for (size_t g = 0; g < ngroups; g++) {
        const ReadWord *a = &words[groups[g].first_word], *b = &words[groups[g].last_word];
        double dx = centre_x(b) - centre_x(a);
        if (groups[g].n >= 2 && dx >= SLOPE_SPAN * tol) s[ns++] = (centre_y(b) - centre_y(a)) / dx;
    }
    double slope = 0;
    if (ns >= 3) {
        qsort(s, ns, sizeof *s, cmp_double);
        slope = s[ns / 2];
    }
    free(s);
    if (fabs(slope) < SLOPE_MIN || fabs(slope) > SLOPE_MAX) return 0;
    return slope;
}

typedef struct Ranked {
    double key;
    size_t group;
} Ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const Ranked *p = a, *q = b;
    if (p->key != q->key) return p->key < q->key ? -1 : 1;
    return p->group < q->group ? -1 : p->group > q->group;
}

/* The same word drawn twice at (nearly) the same place: fake bold, a shadow. */
static int is_repeat(const ReadWord *prev, const ReadWord *w, double tol)
{
    return prev && strcmp(prev->text, w->text) == 0 && fabs(prev->x0 - w->x0) < tol / 2 &&
           fabs(centre_y(prev) - centre_y(w)) < tol / 2;
}

size_t read_lines_page(ReadDoc *doc, int page, ReadWord *words, size_t nwords)
{
    size_t n = 0;
    for (size_t i = 0; i < nwords; i++) /* words without text carry nothing */
        if (words[i].text && words[i].text[0]) words[n++] = words[i];
    if (n == 0) return 0;
    qsort(words, n, sizeof *words, cmp_x0);
    double tol = tolerance(words, n);
    size_t *line_of = xmalloc(n * sizeof *line_of);
    size_t *order = xmalloc(n * sizeof *order);
    Group *groups = xmalloc(n * sizeof *groups);
    size_t ngroups = group_words(words, n, 0, tol, line_of, groups, order);
    double slope = page_slope(words, groups, ngroups, tol);
    if (slope != 0) ngroups = group_words(words, n, slope, tol, line_of, groups, order);

    /* each group's words, left to right (the words are in x order already) */
    size_t *start = xcalloc(ngroups + 1, sizeof *start);
    for (size_t i = 0; i < n; i++) start[line_of[i] + 1]++;
    for (size_t g = 0; g < ngroups; g++) start[g + 1] += start[g];
    size_t *fill = xmalloc((ngroups ? ngroups : 1) * sizeof *fill);
    memcpy(fill, start, ngroups * sizeof *fill);
    ReadWord *by_line = xmalloc(n * sizeof *by_line);
    for (size_t i = 0; i < n; i++) by_line[fill[line_of[i]]++] = words[i];

    Ranked *rank = xmalloc(ngroups * sizeof *rank);
    for (size_t g = 0; g < ngroups; g++)
        rank[g] = (Ranked){groups[g].sumkey / (double)groups[g].n, g};
    qsort(rank, ngroups, sizeof *rank, cmp_ranked);

    size_t added = 0;
    ReadWord *kept = xmalloc(n * sizeof *kept);
    size_t text_cap = 256;
    char *text = xmalloc(text_cap);
    for (size_t r = 0; r < ngroups; r++) {
        size_t g = rank[r].group, nk = 0, len = 0;
        for (size_t i = start[g]; i < start[g + 1]; i++) {
            if (is_repeat(nk ? &kept[nk - 1] : NULL, &by_line[i], tol)) continue;
            kept[nk++] = by_line[i];
            len += strlen(by_line[i].text) + 1;
        }
        if (len > text_cap) {
            text_cap = len * 2;
            text = xrealloc(text, text_cap);
        }
        size_t at = 0;
        for (size_t k = 0; k < nk; k++) {
            size_t wl = strlen(kept[k].text);
            if (k) text[at++] = ' ';
            memcpy(text + at, kept[k].text, wl);
            at += wl;
        }
        read_doc_add_line(doc, page, text, at, kept, nk);
        added++;
    }
    free(text);
    free(kept);
    free(rank);
    free(by_line);
    free(fill);
    free(start);
    free(groups);
    free(order);
    free(line_of);
    return added;
}
