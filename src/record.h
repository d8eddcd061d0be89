/* record.h: every stored record kind described once, as data: per kind one table of its
 * fields (SQL column, JSON key, CSV column, type, place in the model struct), the way
 * Redis declares its configuration. The store builds its SQL, binds and row readers from
 * these tables (store/store_record_sql.c); the views build a record's one JSON shape
 * (views/record_json.c) and its CSV row (views/export_csv.c) from them. Rules (versions,
 * closed years, reference and text checks) stay hand-written where they are.
 * docs/develop.md shows how a field is added. */
#ifndef POK_RECORD_H
#define POK_RECORD_H

#include "model.h"

/* What a field holds, and so how it is bound, read, shown and exported. */
typedef enum FieldType {
    FIELD_ID,        /* int64_t: the row id the database assigns (INSERT .. RETURNING id) */
    FIELD_TEXT,      /* const char *; NULL is SQL NULL */
    FIELD_DATE,      /* const char *, YYYY-MM-DD; NULL or "" is SQL NULL */
    FIELD_INT,       /* int */
    FIELD_INT_OPT,   /* int; 0 is SQL NULL (a year that may be absent) */
    FIELD_INT64,     /* int64_t (counts, versions) */
    FIELD_MONEY,     /* int64_t, whole cents */
    FIELD_MONEY_OPT, /* int64_t cents, present when the int at `aux` is nonzero */
    FIELD_REF,       /* int64_t id of another record; 0 is none (SQL NULL) */
    FIELD_BOOL,      /* int, 0 or 1 */
    FIELD_ENUM,      /* an enum stored as its integer, shown by its name (`names`) */
    FIELD_IDS,       /* int64_t * with a size_t count at `aux`: ids kept in a link table */
    FIELD_CITE       /* Citation: two columns, source_id and source_place */
} FieldType;

/* Field flags. */
enum {
    FIELD_KEY = 1u << 0,          /* identifies the record: WHERE of snapshot and UPDATE */
    FIELD_INSERT_ONLY = 1u << 1,  /* written by the insert, left alone by an update */
    FIELD_KEEP_IF_NULL = 1u << 2, /* an update with NULL keeps the stored value */
    FIELD_ROW_VERSION = 1u << 3,  /* optimistic version (model.h): the database starts it at
                                   * 1, an update checks it; not in the audit trail */
    FIELD_STORE_SET = 1u << 4     /* filled by the store's rules, not by the caller */
};

/* How the views show a reference (or a list of ids): the id itself, or what people know
 * the record by. */
typedef enum FieldShow {
    SHOW_ID = 0,
    SHOW_ACTIELIJN_NUMBER, /* the actielijn's number within its scheme */
    SHOW_PURPOSE_NUMBER,   /* the purpose's number */
    SHOW_SCHEME_CODE       /* the scheme's code, "POK" */
} FieldShow;

/* The names of an enum's values, indexed by the value (unused values NULL). */
typedef struct FieldEnum {
    const char *const *names; /* Dutch: CSV, pages, command line */
    const char *const *json;  /* in the JSON shape; NULL: the same names */
    int n;                    /* values 0 .. n-1 */
} FieldEnum;

/* A list of ids kept in a link table: (owner, value) pairs, read in the order of the
 * target's number. */
typedef struct FieldLink {
    const char *table;  /* "measure_actielijn" */
    const char *owner;  /* its column holding the record's id: "measure_id" */
    const char *value;  /* its column holding a listed id: "actielijn_id" */
    const char *target; /* the table the listed ids belong to: "actielijn" */
} FieldLink;

typedef struct RecordField {
    const char *column; /* SQL column and audit snapshot key; CITE: source_id, source_place */
    FieldType type;
    unsigned flags;
    size_t offset;    /* offsetof in the model struct */
    size_t aux;       /* IDS: offset of the count; MONEY_OPT: of the presence flag */
    const char *json; /* key in the record's JSON shape; NULL: not shown */
    int csv_col;      /* 1-based column in the kind's CSV table (CITE takes two); 0: none */
    const char *csv;  /* CSV header (CITE: bron_id, bron_plaats, always) */
    const char *doc;  /* what the CSV column holds, for the data package (Dutch) */
    FieldShow show;
    const FieldEnum *names; /* ENUM */
    const FieldLink *link;  /* IDS */
    const char *sql;        /* derived: read from this SQL expression, never written */
    /* What people call the field (the change log): "Bedrag"; CITE: the source, its place
     * is "Plaats in de bron". NULL: not shown to people (ids of the scheme, versions). */
    const char *label;
    /* REF: the table of the record the id points to ("measure"), so that the change log
     * shows that record's name instead of its id. */
    const char *refers;
} RecordField;

typedef enum RecordKindId {
    RECORD_SCHEME,
    RECORD_ACTIELIJN,
    RECORD_PURPOSE,
    RECORD_MUNICIPALITY,
    RECORD_INHABITANTS,
    RECORD_SOURCE,
    RECORD_ALLOCATION,
    RECORD_POT,
    RECORD_MEASURE,
    RECORD_MEASURE_AMOUNT,
    RECORD_RESERVE_OPENING,
    RECORD_RESERVE_MOVEMENT,
    RECORD_DECISION,
    RECORD_REQUEST,
    RECORD_EVALUATION,
    RECORD_CLOSED_YEAR,
    RECORD_STATED_FIGURE,
    RECORD_N_KINDS
} RecordKindId;

typedef struct RecordKind {
    RecordKindId id;
    const char *table; /* SQL table, also the audit trail's table_name */
    size_t size;       /* sizeof the model struct */
    const RecordField *fields;
    size_t n_fields;
} RecordKind;

/* Every kind, indexed by its id: RECORD(MEASURE) is the measure's. */
extern const RecordKind record_kinds[RECORD_N_KINDS];
#define RECORD(name) (&record_kinds[RECORD_##name])

/* The field whose column (or JSON key) is name; NULL when there is none. */
const RecordField *record_field(const RecordKind *k, const char *column);
/* Whether the field is a column the store writes (not the id, derived or a link). */
int record_field_stored(const RecordField *f);

/* A field's value in the record rec (a pointer to the kind's model struct). Integers of
 * every width read as int64_t. */
const char *record_text(const void *rec, const RecordField *f);
int64_t record_int(const void *rec, const RecordField *f);
const Citation *record_cite(const void *rec, const RecordField *f);
const int64_t *record_ids(const void *rec, const RecordField *f, size_t *n);
/* MONEY_OPT: whether the amount is there; any other type: 1. */
int record_present(const void *rec, const RecordField *f);

void record_set_text(void *rec, const RecordField *f, const char *v);
void record_set_int(void *rec, const RecordField *f, int64_t v);
void record_set_present(void *rec, const RecordField *f, int present);
void record_set_ids(void *rec, const RecordField *f, int64_t *ids, size_t n);
Citation *record_cite_mut(void *rec, const RecordField *f);

/* An ENUM field's name of value v ("plan"); json picks the JSON shape's name. NULL when
 * v has none. */
const char *record_enum_name(const RecordField *f, int64_t v, int json);

/* The number the views show for reference id of a field shown by number
 * (SHOW_ACTIELIJN_NUMBER, SHOW_PURPOSE_NUMBER): 0 when d (may be NULL) does not hold it. */
int record_ref_number(const MuniData *d, FieldShow show, int64_t id);

#endif
