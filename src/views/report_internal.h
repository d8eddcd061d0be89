/* report_internal.h: the page machinery shared by report_pdf.c (document, pages, text),
 * report_tables.c (tables that break over pages and split wide year ranges) and
 * report_chart.c (the chart). Coordinates are PDF points from the top left of the page;
 * only geometry uses double, amounts stay int64 cents. */
#ifndef POK_REPORT_INTERNAL_H
#define POK_REPORT_INTERNAL_H

#include "../engine/engine.h"

#include <cairo.h>
#include <pango/pangocairo.h>

/* A4 portrait in points, margins of 2 cm; the footer sits in the bottom margin. */
#define RP_PAGE_W 595.276
#define RP_PAGE_H 841.89
#define RP_MARGIN 56.69
#define RP_LEFT RP_MARGIN
#define RP_RIGHT (RP_PAGE_W - RP_MARGIN)
#define RP_WIDTH (RP_RIGHT - RP_LEFT)
#define RP_TOP RP_MARGIN
#define RP_BOTTOM (RP_PAGE_H - RP_MARGIN - 14)

#define RP_FONT "DejaVu Sans"
#define RP_BODY 9.0  /* body text size, points */
#define RP_SMALL 7.5 /* sources, notes */

typedef struct RpColor {
    double r, g, b;
} RpColor;
extern const RpColor rp_black, rp_grey, rp_red;

typedef struct Report {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoContext *ctx;
    Arena *a;
    const MuniData *d;
    double y;        /* the cursor: top of the next thing on the page */
    int page;        /* current page, 1-based */
    int total_pages; /* known in the second pass; 0 while counting */
    const char *footer;
} Report;

/* Text of size points (bold or not) wrapped at width (<= 0: one line); returns its height
 * and puts its widest line in *w (may be NULL). */
double rp_measure(Report *r, const char *text, double size, int bold, double width, double *w);
/* Draw text with its top left at (x, y) in a box of width (alignment inside it). */
void rp_draw(Report *r, const char *text, double size, int bold, double x, double y, double width,
             PangoAlignment align, const RpColor *color);
/* Start a new page when h points do not fit below the cursor. Returns 1 if it did. */
int rp_need(Report *r, double h);
void rp_new_page(Report *r);
/* A paragraph at the cursor over the full width; moves the cursor below it. */
void rp_para(Report *r, const char *text, double size, int bold, const RpColor *color);
void rp_gap(Report *r, double h);
void rp_hline(Report *r, double x0, double x1, double y, double width);

/* What the sections show, computed by the engine once before the two passes. */
typedef struct ReportFigures {
    const char *date_text; /* "23 november 2026" */
    Coverage coverage;
    AllocationMatrix matrix;
    YearSums *years;
    size_t n_years;
    Finding *findings;
    size_t n_findings;
} ReportFigures;

/* A numbered section heading, kept on one page with the keep points that follow it, and
 * an outline entry. */
void rp_section(Report *r, const char *title, double keep);

/* ---- the sections (report_sections.c) ---- */
void rps_title(Report *r, const ReportFigures *f);
void rps_allocations(Report *r, const ReportFigures *f);
void rps_coverage(Report *r, const ReportFigures *f);
void rps_chart(Report *r, const ReportFigures *f);
int rps_measures(Report *r, const ReportFigures *f, PokErr *err);
void rps_findings(Report *r, const ReportFigures *f);
void rps_colophon(Report *r, const ReportFigures *f);

/* ---- tables (report_tables.c) ---- */
typedef struct RpCell {
    const char *text;
    int red; /* a negative amount or a shortfall: red and bold */
} RpCell;

typedef struct RpRow {
    RpCell *cells;
    int bold;
    int rule_above;
} RpRow;

/* Column 0 is the label column (wraps, repeated in every block of a split table); the
 * others are as wide as their widest cell. align[i] is 'l' or 'r'. */
typedef struct RpTable {
    Arena *a;
    size_t n_cols;
    const char **header;
    const char *align;
    RpRow *rows;
    size_t n_rows, cap;
} RpTable;

void rpt_init(RpTable *t, Arena *a, size_t n_cols, const char **header, const char *align);
/* A new row of n_cols empty cells. */
RpRow *rpt_row(RpTable *t, int bold, int rule_above);
/* cell = "€ 1.234" (cents only when there are any); negative amounts marked red. */
void rpt_money(RpTable *t, RpCell *cell, int64_t cents);
/* Lay the table out at the cursor: rows never split over pages, the header repeats on a
 * new page; too wide: a smaller font, then the columns after the label in blocks. */
void rp_table(Report *r, const RpTable *t);

/* ---- the chart (report_chart.c) ---- */
/* Bars per year (allocation, spending) and the reserve at year end as a line, as the web
 * page draws it (src/web/chart.c), with euro axis labels and a legend. */
void rp_chart(Report *r, const YearSums *years, size_t n);

#endif
