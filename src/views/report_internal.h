/* report_internal.h: the page machinery shared by report_pdf.c (document, pages, text),
 * report_tables.c (tables that break over pages and split wide year ranges) and
 * report_chart.c (the chart). Coordinates are PDF points from the top left of the page;
 * only geometry uses double, amounts stay int64 cents. */
#ifndef POK_REPORT_INTERNAL_H
#define POK_REPORT_INTERNAL_H

#include "../engine/engine.h"
#include "../engine/key_figures.h"

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
/* A filled rectangle (the key figures' tiles). */
void rp_box(Report *r, double x, double y, double w, double h, const RpColor *fill);
/* "€ 1.234" (cents only when there are any), in the report's arena. */
const char *rp_euro(Report *r, int64_t cents);
/* "2024", "2024 en 2025", "2021-2023 en 2025" (three or more in a row as a range), in the
 * report's arena. */
const char *rp_years(Report *r, const int *years, size_t n);
/* "2024-2027" (one year: "2024"); NULL when there are no years. */
const char *rp_period(Report *r, const KeyFigures *k);
/* "23 november 2026" for "2026-11-23"; what is not a date comes back as it is. */
const char *rp_date(Report *r, const char *iso);
/* A paragraph indented under a bullet "-" (or a number when number > 0). */
void rp_item(Report *r, int number, const char *text, double size, const RpColor *color);

/* What the sections show, computed by the engine once before the two passes. */
typedef struct ReportFigures {
    const char *date_text; /* "23 november 2026" */
    int year;              /* the year of the report's date */
    KeyFigures key;        /* the first page's figures */
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

/* ---- the first page (report_brief.c) ---- */
/* The letter head (to the council, from the college, date, subject), the key figures and
 * the key messages in sentences; then a new page. */
void rps_brief(Report *r, const ReportFigures *f);
/* What needs a decision, each as one sentence (the first page and "Vervolg" name the
 * same): money without a destination, unexplained or uncovered money, open requests,
 * ended measures without evaluation, totals in documents that do not add up, past years
 * not closed. Returns how many; *out is in the report's arena. */
size_t rp_decision_points(Report *r, const ReportFigures *f, const char ***out);

/* ---- the financial sections and the measures (report_sections.c) ---- */
void rps_finances(Report *r, const ReportFigures *f);
int rps_measures(Report *r, const ReportFigures *f, PokErr *err);
/* The source of a citation as "Title, place", or NULL. */
const char *rp_cite_text(Report *r, const Citation *c);
/* The latest evaluation of a measure (by date, then by id), or NULL. */
const Evaluation *rp_latest_evaluation(const MuniData *d, int64_t measure_id);

/* ---- decisions, findings, next steps (report_outcomes.c) ---- */
void rps_decisions(Report *r, const ReportFigures *f);
void rps_findings(Report *r, const ReportFigures *f);
void rps_next_steps(Report *r, const ReportFigures *f);
void rps_colophon(Report *r, const ReportFigures *f);
/* "het college", "de raad" for a decision's body. */
const char *rp_body_name(const char *body);
/* " door het college op 28 mei 2024" and with_title " (TITLE)" for a decision, "" without
 * one. */
const char *rp_decided_by(Report *r, int64_t decision_id, int with_title);
/* A request's status in words: "nog niet beslist" for an open one. */
const char *rp_request_outcome(const char *status);

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
