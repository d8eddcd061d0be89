/* engine.h: pure computation on model records: the coverage table, the allocation
 * matrix and the checks. No I/O, no SQL; the rules are in docs/coverage.md. */
#ifndef POK_ENGINE_H
#define POK_ENGINE_H

#include "../model.h"
#include "../util.h"

/* One year of one pot. All amounts in cents. */
typedef struct CoverageYear {
    int year;
    int closed;                  /* spending is realised (closed) or planned (open) */
    int64_t allocation;          /* current allocations of the pot's actielijnen */
    int allocation_unknown;      /* a period allocation covers the year: its share unknown */
    int64_t planned, realised;   /* sums over the pot's measures */
    int64_t spending;            /* realised if closed, else planned */
    int64_t from_allocation;     /* spending covered by this year's allocation */
    int64_t reserve_start;       /* balance at 1 January (an opening overrides) */
    int64_t from_period;         /* spending covered from a period allocation (no split) */
    int64_t period_left;         /* of the period allocations, not yet spent on 31 December */
    int64_t reserve_withdrawal;  /* spending covered from the reserve */
    int64_t reserve_deposit;     /* unspent allocation put into the reserve: decided+expected */
    int64_t decided_deposit;     /* of it, what decisions put there (storting, overheveling) */
    int64_t expected_deposit;    /* open year: the rest, no decision yet; falls to the year's
                                  * result unless the council decides otherwise */
    int64_t reserve_end;         /* balance at 31 December */
    int64_t shortfall;           /* spending nothing covers */
    int64_t unplanned;           /* this year's money still unspent at the horizon */
    int64_t unexplained;         /* closed year: unspent, and no recorded deposit says where */
    int64_t recorded_deposit;    /* deposits and transfers recorded by decisions */
    int64_t recorded_withdrawal; /* withdrawals recorded by decisions */
    int has_opening;             /* an opening balance is recorded for this year */
    int64_t computed_start;      /* the balance carried from the year before */
} CoverageYear;

/* A period allocation of a pot: one amount for several years, split unknown. Allocations
 * of the same period are added up. */
typedef struct CoveragePeriod {
    int year_from, year_to;
    int64_t amount;
} CoveragePeriod;

typedef struct CoveragePot {
    int64_t pot_id; /* 0 = the default pot holding every actielijn */
    const char *name;
    int *actielijn_numbers;
    size_t n_actielijnen;
    CoverageYear *years;
    size_t n_years;
    CoverageYear total;      /* sums of the flow columns; year = 0 */
    CoveragePeriod *periods; /* ascending by first year */
    size_t n_periods;
    int64_t period_total; /* the sum of the periods' amounts */
} CoveragePot;

typedef struct Coverage {
    const char *municipality;
    const char *scheme;
    CoveragePot *pots;
    size_t n_pots;
    /* Measures that could not be placed in a pot (pots exist, none fits): their
     * spending is left out of the table and reported by the checks. */
    int64_t *unplaced_measure_ids;
    size_t n_unplaced;
} Coverage;

/* Compute the coverage table. Never fails for consistent data; returns -1 with err only
 * when sums overflow int64. */
int coverage_compute(const MuniData *d, Arena *a, Coverage *out, PokErr *err);

/* The pot a measure belongs to (0 = default pot), or -1 if pots exist and none fits. */
int64_t coverage_measure_pot(const MuniData *d, const Measure *m);

/* Allocations as a table: one row per actielijn, one column per year, current versions. */
typedef struct AllocationRow {
    const Actielijn *actielijn;
    int64_t *cells; /* n_years entries */
    int *present;   /* 1 where a figure exists for that year */
    int64_t total;
} AllocationRow;

/* A current allocation for a period without a split per year: a line of its own below
 * the matrix, never spread over the years' columns. */
typedef struct AllocationPeriodRow {
    const Actielijn *actielijn;
    const Allocation *allocation;
} AllocationPeriodRow;

typedef struct AllocationMatrix {
    int first_year, last_year; /* of the figures of one year */
    size_t n_years;
    AllocationRow *rows; /* only actielijnen with at least one figure of one year */
    size_t n_rows;
    int64_t *year_totals;
    AllocationPeriodRow *periods; /* in the order of the actielijn, then first year */
    size_t n_periods;
    int64_t period_total;
    int64_t grand_total; /* the years' figures and the periods' together */
} AllocationMatrix;

int allocation_matrix(const MuniData *d, Arena *a, AllocationMatrix *out, PokErr *err);

/* ---- what closing a year fixes (closed.c) ----
 * The figures of a closed year: of every pot, that year's row of the coverage table.
 * Left out are `unplanned`, which says where the year's money ends up and so depends on
 * the plans of later, open years, and `computed_start`, only the comparison for a
 * recorded opening (the balance the table uses is reserve_start); and the split of the
 * deposit into decided and expected, which in a closed year is all decided (so figures
 * stored before the split stay valid; a figure missing from the stored form counts 0,
 * which is why the period figures, 0 for every year closed before them, could be added). The store
 * records these when a year is closed and refuses any later change that moves them
 * (docs/coverage.md, section 8). X(field, Dutch name, 1 for an amount), in
 * the order a message names them. */
#define COVERAGE_CLOSED_FIGURES(X)                                                                 \
    X(spending, "uitgaven", 1)                                                                     \
    X(unexplained, "onverklaard", 1)                                                               \
    X(shortfall, "tekort", 1)                                                                      \
    X(reserve_end, "reserve op 31 december", 1)                                                    \
    X(reserve_start, "reserve op 1 januari", 1)                                                    \
    X(allocation, "toekenning", 1)                                                                 \
    X(planned, "gepland", 1)                                                                       \
    X(realised, "gerealiseerd", 1)                                                                 \
    X(from_allocation, "gedekt uit toekenning", 1)                                                 \
    X(reserve_withdrawal, "onttrekking", 1)                                                        \
    X(reserve_deposit, "storting", 1)                                                              \
    X(recorded_deposit, "besloten stortingen", 1)                                                  \
    X(recorded_withdrawal, "besloten onttrekkingen", 1)                                            \
    X(from_period, "gedekt uit periodetoekenning", 1)                                              \
    X(period_left, "nog niet besteed van periodetoekenning", 1)                                    \
    X(has_opening, "beginstand vastgelegd", 0)                                                     \
    X(allocation_unknown, "toekenning van het jaar onbekend", 0)

enum {
#define X(field, name, money) CLOSED_FIGURE_##field,
    COVERAGE_CLOSED_FIGURES(X)
#undef X
        CLOSED_FIGURE_COUNT
};

/* The field names ("allocation", ...): the keys of the stored form. */
extern const char *const closed_figure_fields[CLOSED_FIGURE_COUNT];

/* One pot's figures of one year. */
typedef struct ClosedFigures {
    const char *scheme; /* the scheme's code */
    int64_t pot_id;     /* 0: the default pot */
    const char *pot_name;
    int64_t v[CLOSED_FIGURE_COUNT];
} ClosedFigures;

/* The figures of year, appended to *out (arena-grown; *n entries, *cap room): one entry
 * per pot of c whose figures are not all zero. A pot whose table ends before the year
 * carries its last balance into it, as the table would if it ran on; one that starts
 * later has only zeros. So adding a later year to a pot's table changes nothing here. */
void coverage_closed_figures(const Coverage *c, int year, Arena *a, ClosedFigures **out, size_t *n,
                             size_t *cap);

/* 1 when the figures now differ from those recorded (pots matched by scheme and id; a
 * pot missing on one side counts as all zero), with what moved appended to what, in
 * Dutch: "pot Alle middelen: uitgaven van € 66.983 naar € 0, ..." (per pot at most
 * max_items figures, then "..."); 0 when they are equal. what may be NULL. */
int coverage_closed_figures_differ(const ClosedFigures *was, size_t n_was, const ClosedFigures *now,
                                   size_t n_now, size_t max_items, Buf *what);

/* ---- checks ---- */
typedef enum CheckKind {
    CHECK_SHORTFALL = 1,         /* spending nothing covers, within the period */
    CHECK_PAST_PERIOD_UNCOVERED, /* spending after the funding period, no reserve cover */
    CHECK_UNPLANNED,             /* allocation with no destination */
    CHECK_UNEXPLAINED,           /* closed year: unspent money, nothing says where */
    CHECK_REALISED_BELOW_PLAN,   /* closed year: realised < threshold of plan */
    CHECK_ENDED_WITHOUT_EVALUATION,
    CHECK_ALLOCATION_CHANGED,    /* a later circulaire changed a figure */
    CHECK_STATED_MISMATCH,       /* a document's own total does not add up */
    CHECK_STATED_UNVERIFIABLE,   /* a document's total pok has no figures to check */
    CHECK_REQUEST_DATE_MISMATCH, /* request dated differently than its letter */
    CHECK_OPENING_DIFFERS,       /* recorded opening balance != balance carried forward */
    CHECK_MEASURE_WITHOUT_POT,
    CHECK_RECORDED_DEPOSIT_EXCEEDS, /* decisions put more in the reserve than was left */
    CHECK_YEAR_NOT_REALISED,        /* a past year, not closed, without realised spending */
    CHECK_PERIOD_SPLIT_UNKNOWN      /* a period allocation: its split over the years unknown */
} CheckKind;

typedef enum Severity { SEV_INFO = 1, SEV_WARNING = 2, SEV_ERROR = 3 } Severity;

const char *check_kind_code(CheckKind k); /* stable English code: "shortfall", ... */
/* for people, in Dutch, as a heading: "Uitgaven zonder dekking", ... */
const char *check_kind_name(CheckKind k);
const char *severity_name(Severity s); /* "fout", "waarschuwing", "info" */

/* A finding about years of a pot is one finding for all the years it holds for (one per
 * pot and kind), naming the years and the total. */
typedef struct Finding {
    CheckKind kind;
    Severity severity;
    int year;         /* the first year it is about; 0 when not about years */
    const int *years; /* every year it is about, ascending (n_years; 0 when year is 0) */
    size_t n_years;
    int64_t pot_id; /* -1 when not about a pot */
    const char *pot_name;
    int64_t record_id;   /* the measure, allocation, stated figure, request ...; 0 none */
    int64_t amount;      /* the amount at issue (cents), over all its years */
    int64_t expected;    /* what it should be, where that applies (summed over the years) */
    int64_t actual;      /* what it is, where that applies (summed over the years) */
    const char *message; /* plain Dutch with the figures that prove it */
    Citation cite;       /* the source of the figure at issue, if any */
} Finding;

/* The years of a finding for people: "2021-2027", "2021-2022, 2024"; "" when none. */
const char *finding_years_label(const Finding *f, Arena *a);

/* Threshold for "realised far below plan": realised below this percentage of plan. */
#define CHECK_REALISED_BELOW_PCT 50

int checks_run(const MuniData *d, const Coverage *c, Arena *a, Finding **out, size_t *n,
               PokErr *err);

/* ---- totals for overviews and charts (totals.c) ---- */

/* One year of the whole municipality: the pots added up. */
typedef struct YearSums {
    int year;
    int closed;
    int64_t allocation;     /* current allocations of the year */
    int allocation_unknown; /* a period allocation covers the year in some pot */
    int64_t spending;       /* realised if closed, else planned */
    int64_t planned, realised;
    int64_t decided_deposit, expected_deposit; /* into the reserve: by decision, expected */
    int64_t reserve_end;  /* reserve at 31 December; a pot whose table ended earlier keeps
                           * its last balance, one that starts later counts 0 */
    int reserve_expected; /* the balance holds expected deposits of this or an earlier year,
                           * not yet decided: the charts draw its point open */
} YearSums;

/* The coverage table's pots added up per year, for every year any pot has, ascending.
 * Returns -1 with err only when sums overflow. */
int coverage_year_sums(const Coverage *c, Arena *a, YearSums **out, size_t *n, PokErr *err);

/* The value axis of the year chart (the web page's SVG and the report's PDF draw the same
 * one): from lo to hi in steps of step, all cents; step is 1, 2 or 5 times a power of ten
 * so that about `ticks` steps span the allocations, spending and reserve balances, and
 * lo <= 0 < hi. */
typedef struct ChartAxis {
    int64_t lo, hi, step;
} ChartAxis;
ChartAxis chart_axis(const YearSums *y, size_t n, int ticks);

/* What the start page and the summaries show per municipality. */
typedef struct MuniTotals {
    int64_t allocated;        /* current allocations, every actielijn and year, periods too */
    int64_t period_allocated; /* of it, allocations for a period without a split per year */
    int64_t planned;          /* plan amounts of every measure, every year */
    int64_t realised;         /* realised amounts of every measure, every year */
    int64_t reserve_end;      /* reserve at 31 December of reserve_year, all pots */
    int reserve_year;         /* the last year of the coverage table; 0 when it is empty */
    int first_year;           /* the first year with figures (the period of the summary) */
    int64_t reserve_start;    /* the reserve at the start: each pot's first reserve_start */
    int64_t available;        /* totaal beschikbaar: reserve_start + allocated */
    int64_t unplanned;        /* zonder bestemming, all pots */
    int64_t expected_deposit; /* unspent money of open years no decision has placed yet */
} MuniTotals;

int municipality_totals(const MuniData *d, const Coverage *c, Arena *a, MuniTotals *out,
                        PokErr *err);

/* One year of one measure: its plan and realised amount (NULL when none). */
typedef struct MeasureYear {
    int year;
    const MeasureAmount *plan, *realised;
} MeasureYear;

typedef struct MeasureAmounts {
    MeasureYear *years; /* ascending, only years with an amount */
    size_t n_years;
    int64_t planned, realised; /* totals over the years */
} MeasureAmounts;

/* Plan versus realisation of measure_id per year, from d->amounts. */
int measure_amounts(const MuniData *d, int64_t measure_id, Arena *a, MeasureAmounts *out,
                    PokErr *err);

#endif
