/* national.h: the national monitor's figures (issue 15): what every sharing municipality's
 * coverage table and records add up to per year and actielijn, per inhabitant, how much
 * of the money is traceable to a measure and to a decision, and where each municipality
 * stands among those of its size class and province. Pure computation on the records the
 * store hands over (store_load_shared); which municipalities may be shown by name, and
 * which groups are too small to show, is decided here once (national_visible). The
 * definitions are in docs/monitor.md. */
#ifndef POK_NATIONAL_H
#define POK_NATIONAL_H

#include "completeness.h"
#include "engine.h"

/* A group is shown only with at least this many contributors; and when some of them
 * are not shown by name, at least this many of those, so that subtracting the named
 * ones never reveals one municipality's figures. */
#define NATIONAL_MIN_GROUP 3

/* One national figure: a sum and who it rests on. */
typedef struct NatFigure {
    int64_t cents;
    int n;      /* municipalities contributing (with a figure of this kind) */
    int n_anon; /* of them, those that share anonymously only */
} NatFigure;

/* 1 when the figure may be shown (see NATIONAL_MIN_GROUP). */
int national_visible(int n, int n_anon);

/* One municipality's input: its records, what it shares, its inhabitants. */
typedef struct NationalInput {
    const MuniData *d;
    SharingLevel level;
    int generated;
    int64_t inhabitants; /* 0: unknown */
    int inhabitants_year;
} NationalInput;

/* What the monitor knows of one municipality. Shares are in basis points (1/100 %) of
 * what was available (reserve at the start plus allocations); -1 when nothing was. */
typedef struct NationalMuni {
    const Municipality *muni;
    SharingLevel level;
    int generated;
    int has_figures;     /* allocations or measures */
    int64_t inhabitants; /* 0: unknown */
    int inhabitants_year;
    const SizeClass *size_class; /* NULL when inhabitants are unknown */
    MuniTotals totals;
    int64_t spending;       /* in measures: realised in closed years, planned otherwise */
    int64_t with_decision;  /* of it, amounts a decision set (the amount's or the measure's) */
    int64_t per_inhabitant; /* allocated cents per inhabitant; -1 unknown */
    int spent_bp, traceable_bp, decided_bp; /* realised, spending, with_decision shares */
    Completeness completeness;              /* what it has not recorded yet */
} NationalMuni;

/* One year, or the whole period (year 0), of the national picture. */
typedef struct NationalYear {
    int year;
    NatFigure allocated, planned, realised, reserve_end, unplanned;
    NatFigure inhabitants; /* of the municipalities with an allocation this year */
} NationalYear;

/* One actielijn's row: allocated (allocations of one year), planned and realised
 * (measures of exactly this actielijn) per year. number 0: allocations without a split
 * per actielijn and measures of several or no actielijnen. */
typedef struct NationalLine {
    int number;
    const char *name;
    NatFigure *allocated, *planned, *realised; /* per year, as NationalFigures.years */
    NatFigure total_allocated, total_planned, total_realised;
} NationalLine;

/* The spread of one measure over a group's municipalities. */
typedef struct NatSpread {
    int n, n_anon;
    int64_t q1, median, q3;
} NatSpread;

typedef enum NatMetric {
    MET_PER_INHABITANT, /* allocated cents per inhabitant */
    MET_SPENT,          /* realised, basis points of available */
    MET_TRACEABLE,      /* in measures, basis points */
    MET_DECIDED,        /* set by a decision, basis points */
    MET_N
} NatMetric;
extern const char *const nat_metric_labels[MET_N];

/* A group: a size class, a province, or every municipality. */
typedef struct NationalGroup {
    const char *key;   /* size class value, province name, or "" for all */
    const char *label; /* "10.000 tot 20.000 inwoners", "Gelderland", "alle gemeenten" */
    NatSpread spread[MET_N];
} NationalGroup;

typedef struct NationalFigures {
    int first_year, last_year; /* 0 when nothing was shared */
    NationalYear *years;       /* first_year .. last_year */
    size_t n_years;
    NationalYear total;
    int64_t period_allocated; /* allocations for a period without a split per year */
    int period_n, period_n_anon;
    NationalLine *lines; /* actielijnen by number, then number 0 */
    size_t n_lines;
    NatFigure available, spending, with_decision; /* the traceability figures */
    NationalMuni *munis;                          /* every input, in input order */
    size_t n_munis;
    size_t n_generated; /* of them, with generated figures */
    /* completeness of all sharing municipalities together: items recorded of expected */
    int64_t complete_expected, complete_present;
    int complete_n, complete_n_anon;
    NationalGroup *size_groups, *province_groups, all;
    size_t n_size_groups, n_province_groups;
} NationalFigures;

/* Compute the national figures of the n inputs (their municipalities' coverage is
 * computed here); years before current_year are past (completeness.h). Inputs sharing
 * nothing are ignored. -1 with err when sums overflow. */
int national_compute(const NationalInput *in, size_t n, int current_year, Arena *a,
                     NationalFigures *out, PokErr *err);

/* The group of m among out's size groups or province groups; NULL when it has none. */
const NationalGroup *national_size_group(const NationalFigures *f, const NationalMuni *m);
const NationalGroup *national_province_group(const NationalFigures *f, const NationalMuni *m);
/* The value of metric for m; 0 when unknown (*known 0). */
int64_t national_metric(const NationalMuni *m, NatMetric metric, int *known);

#endif
