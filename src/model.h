/* model.h: the domain records of pok (see docs/domain.md and ../shared/domain.md).
 * Strings are owned by the Arena the record was read into; ids are store row ids.
 * Money is always int64 cents. A zero id means "none". */
#ifndef POK_MODEL_H
#define POK_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* Optimistic versioning (docs/forms.md, "Gelijktijdig bewerken"). A record an editor can
 * change in place carries row_version: read from the store, 1 for a new row, raised by
 * every save that changes it. A save passes the version the editor saw: 0 does not check
 * (the CLI without --if-version, imports); ROW_VERSION_ABSENT says the editor saw no
 * record for the key (a "set" that would insert); anything else must still be the
 * current version, or the save fails with ERR_CONFLICT and changes nothing. */
#define ROW_VERSION_ABSENT (-1)

/* Where a figure came from: a source document and the place in it ("p. 4, tabel
 * Financiën"), and/or the decision that set it. */
typedef struct Citation {
    int64_t source_id;
    const char *place;
} Citation;

/* A temporary earmarked scheme (regeling). POK is built in. */
typedef struct Scheme {
    int64_t id;
    const char *code; /* "POK" */
    const char *name;
    int first_year, last_year; /* funding period, inclusive */
} Scheme;

typedef struct Actielijn {
    int64_t id;
    int64_t scheme_id;
    int number;                  /* 1..8 for POK */
    const char *name;            /* "Rechtsbescherming" */
    const char *circulaire_name; /* "Robuust rechtsbeschermingssysteem" */
    const char *flow;            /* how the money reaches the municipality */
} Actielijn;

typedef struct Purpose {
    int64_t id;
    int64_t scheme_id;
    int number;
    const char *name;
} Purpose;

typedef struct Municipality {
    const char *code; /* CBS code "GM1734" */
    const char *name;
    const char *province;
    int first_year; /* first year the code is valid, 0 = unknown/always */
    int last_year;  /* last year the code is valid, 0 = still valid */
} Municipality;

typedef struct Inhabitants {
    const char *municipality;
    int year;
    int64_t count;
    int64_t source_id;
} Inhabitants;

/* A document figures are taken from: a circulaire, council proposal, letter, ... */
typedef struct Source {
    int64_t id;
    const char *kind; /* circulaire, raadsvoorstel, collegebesluit, brief, ... */
    const char *title;
    const char *reference;    /* kenmerk or file name */
    const char *date;         /* YYYY-MM-DD or NULL */
    const char *municipality; /* NULL for national documents */
    const char *note;
} Source;

/* An allocation figure: municipality x actielijn x year. A later circulaire adds a new
 * version; earlier versions stay, and the highest version is current. */
typedef struct Allocation {
    int64_t id;
    const char *municipality;
    int64_t scheme_id;    /* may stay 0 when actielijn_id is set: the store derives it */
    int64_t actielijn_id; /* 0: the document gives only the total of the scheme */
    int actielijn_number; /* filled when read */
    int year;
    /* The last year of a period figure: a document gives one amount for year..year_to
     * without a split per year (Amstelveen's 2.932.000 for 2022-2027). Equal to year (the
     * store sets it when 0) for a figure of one year. */
    int year_to;
    int64_t amount_cents;
    /* assigned by the store: 1, 2, ... per (municipality, actielijn, year, year_to) */
    int version;
    int current; /* 1 for the highest version, filled when read */
    Citation cite;
    const char *recorded_at;
    /* On add: the current version the editor saw (see ROW_VERSION_ABSENT; 0: no check). */
    int64_t expect_version;
} Allocation;

/* 1 for a figure of several years without a split per year (year_to > year). */
int allocation_is_period(const Allocation *al);
/* The last year the figure is for: year_to, or year when it is of one year. */
int allocation_last_year(const Allocation *al);

/* A pot: actielijnen whose money a municipality pools. With no pots defined, the engine
 * uses one pot (id 0) holding every actielijn of the scheme. */
typedef struct Pot {
    int64_t id;
    const char *municipality;
    int64_t scheme_id;
    const char *name;
    int64_t *actielijn_ids;
    size_t n_actielijnen;
    Citation cite;
} Pot;

/* Measure status values (Dutch, as shown and stored). */
#define MEASURE_STATUS_LIST "gepland, lopend, afgerond, gestopt"
int measure_status_valid(const char *s);
int measure_status_ended(const char *s); /* afgerond or gestopt */

/* A measure (bestedingsdoel, maatregel). pot_id 0 = the default pot. */
typedef struct Measure {
    int64_t id;
    const char *municipality;
    int64_t scheme_id;
    int64_t pot_id;
    const char *name;
    const char *description;
    const char *partner;
    const char *status;
    const char *cost_centres; /* comma separated kostenplaats or project codes */
    int64_t *actielijn_ids;
    size_t n_actielijnen;
    int64_t *purpose_ids;
    size_t n_purposes;
    Citation cite;
    int64_t decision_id;
    int64_t row_version; /* see ROW_VERSION_ABSENT */
} Measure;

typedef enum AmountKind { AMOUNT_PLAN = 1, AMOUNT_REALISED = 2 } AmountKind;

/* One plan or realised amount of a measure in a year. Setting it again replaces it (the
 * audit trail keeps the old value). */
typedef struct MeasureAmount {
    int64_t id;
    int64_t measure_id;
    int year;
    AmountKind kind;
    int64_t amount_cents;
    Citation cite;
    int64_t decision_id;
    int64_t row_version; /* see ROW_VERSION_ABSENT */
} MeasureAmount;

/* The earmarked reserve (bestemmingsreserve): balance at the start of a year. */
typedef struct ReserveOpening {
    int64_t id;
    const char *municipality;
    int64_t scheme_id;
    int64_t pot_id;
    int year; /* balance at 1 January of this year */
    int64_t amount_cents;
    Citation cite;
    int64_t decision_id;
    int64_t row_version; /* see ROW_VERSION_ABSENT */
} ReserveOpening;

typedef enum ReserveKind {
    RESERVE_DEPOSIT = 1,    /* storting: unspent money of `year` goes into the reserve */
    RESERVE_WITHDRAWAL = 2, /* onttrekking in `year` */
    RESERVE_TRANSFER = 3    /* overheveling: money of `year` carried to `to_year` */
} ReserveKind;

/* The names indexed by kind ([0] NULL); reserve_kind_name gives "?" for a bad kind. */
extern const char *const reserve_kind_names[4];
const char *reserve_kind_name(ReserveKind k); /* "storting", ... */
int reserve_kind_parse(const char *s, ReserveKind *out);

typedef struct ReserveMovement {
    int64_t id;
    const char *municipality;
    int64_t scheme_id;
    int64_t pot_id;
    ReserveKind kind;
    int year;
    int to_year; /* transfers only */
    int64_t amount_cents;
    const char *description;
    Citation cite;
    int64_t decision_id;
} ReserveMovement;

/* A college or council decision. */
typedef struct Decision {
    int64_t id;
    const char *municipality;
    const char *date;
    const char *body; /* college | raad */
    const char *reference;
    const char *title;
    const char *outcome; /* vastgesteld, afgewezen, ingestemd, ... */
    Citation cite;
} Decision;

/* An outside party's request for money. */
typedef struct Request {
    int64_t id;
    const char *municipality;
    const char *requester;
    const char *date; /* date of the request (letter) as the deciding document gives it */
    const char *subject;
    int has_amount;
    int64_t amount_cents;
    int64_t letter_source_id; /* the letter itself, when recorded as a source */
    int64_t decision_id;
    const char *status; /* open, toegekend, afgewezen, deels toegekend */
    Citation cite;
} Request;

#define FOLLOW_UP_LIST "voortzetten, stoppen, doel bereikt, structureel maken"
int follow_up_valid(const char *s);

typedef struct Evaluation {
    int64_t id;
    int64_t measure_id;
    const char *date;
    const char *verdict; /* e.g. "effectief", "deels effectief" */
    const char *text;
    const char *follow_up;
    Citation cite;
    int64_t decision_id;
} Evaluation;

/* A closed book year: its spending is the realised amounts, no longer the plan. */
typedef struct ClosedYear {
    const char *municipality;
    int year;
    Citation cite;
    int64_t decision_id;
} ClosedYear;

/* A figure a document states (a total, an available amount) that pok recomputes, so that
 * arithmetic errors in council documents are caught. */
typedef enum StatedKind {
    STATED_ALLOCATION = 1, /* sum of current allocations over actielijn (0 = all), years */
    STATED_AVAILABLE = 2,  /* reserve at start of year_from + allocation of year_from */
    STATED_SPENDING = 3    /* planned (or realised, closed years) spending over years */
} StatedKind;

extern const char *const stated_kind_names[4]; /* indexed by kind, [0] NULL */
const char *stated_kind_name(StatedKind k);
int stated_kind_parse(const char *s, StatedKind *out);

typedef struct StatedFigure {
    int64_t id;
    const char *municipality;
    int64_t scheme_id;
    StatedKind kind;
    int64_t actielijn_id; /* 0 = all */
    int64_t pot_id;       /* 0 = all pots */
    int year_from, year_to;
    int64_t amount_cents;
    const char *description; /* the document's own words: "Totaal 2024" */
    Citation cite;
} StatedFigure;

/* What a municipality shares with the national monitor (issue 15), its own choice. The
 * default shares nothing by name: a municipality without a choice is SHARE_NONE. */
typedef enum SharingLevel {
    SHARE_NONE = 0,      /* nothing: not in the national figures at all */
    SHARE_ANONYMOUS = 1, /* its figures count in national aggregates, never by name */
    SHARE_NAMED = 2,     /* its figures by name */
    SHARE_MEASURES = 3   /* its figures and its measures (the library of measures) */
} SharingLevel;
#define SHARE_LEVELS 4
/* The values of the command line and the forms ("niets", "anoniem", "cijfers",
 * "maatregelen"), indexed by level, and what they mean in plain Dutch. */
extern const char *const sharing_level_names[SHARE_LEVELS];
extern const char *const sharing_level_labels[SHARE_LEVELS];
const char *sharing_level_name(SharingLevel l);
const char *sharing_level_label(SharingLevel l);
int sharing_level_parse(const char *s, SharingLevel *out);

/* The CBS size classes (gemeentegrootteklassen) by inhabitants, [min, max): the
 * overview's filter and the library of measures' (value is the query parameter). */
typedef struct SizeClass {
    const char *value, *label;
    int64_t min, max;
} SizeClass;
#define N_SIZE_CLASSES 8
extern const SizeClass size_classes[N_SIZE_CLASSES];
/* The class of a municipality with this many inhabitants; NULL when unknown (< 0). */
const SizeClass *size_class_of(int64_t inhabitants);
/* The class whose value is value, or NULL. */
const SizeClass *size_class_find(const char *value);

/* Everything pok knows about one municipality for one scheme: what the engine needs. */
typedef struct MuniData {
    Municipality muni;
    Scheme scheme;
    Actielijn *actielijnen;
    size_t n_actielijnen;
    Purpose *purposes;
    size_t n_purposes;
    Allocation *allocations; /* every version, ordered by actielijn, year, version */
    size_t n_allocations;
    Pot *pots;
    size_t n_pots;
    Measure *measures;
    size_t n_measures;
    MeasureAmount *amounts;
    size_t n_amounts;
    ReserveOpening *openings;
    size_t n_openings;
    ReserveMovement *movements;
    size_t n_movements;
    ClosedYear *closed;
    size_t n_closed;
    Decision *decisions;
    size_t n_decisions;
    Request *requests;
    size_t n_requests;
    Evaluation *evaluations;
    size_t n_evaluations;
    StatedFigure *stated;
    size_t n_stated;
    Source *sources; /* every source cited by the records above */
    size_t n_sources;
    /* 1 when its figures were generated (pok demo --synthetic-national), not real: every
     * page, export and API answer showing them says so (GENERATED_WARNING). */
    int generated;
} MuniData;

/* What every page, export and API answer showing generated figures says (docs/demo.md,
 * "The synthetic national set"). */
#define GENERATED_WARNING                                                                          \
    "Let op: deze cijfers zijn gegenereerd voor demonstratie en belasting, niet echt"

/* 1 when the municipality has any record of the scheme (allocations, measures, reserve,
 * requests, stated figures, decisions): what `pok check` and the exports go over. */
int muni_data_has_records(const MuniData *d);

const Source *muni_source(const MuniData *d, int64_t id);
const Actielijn *muni_actielijn(const MuniData *d, int64_t id);
const Decision *muni_decision(const MuniData *d, int64_t id);
const Measure *muni_measure(const MuniData *d, int64_t id);
int muni_year_closed(const MuniData *d, int year);

#endif
