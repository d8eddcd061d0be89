/* store_audit.h: reading the audit trail every write leaves, and the administrator's
 * deletion of records, recorded in that trail with its reason (store_audit.c). */
#ifndef POK_STORE_AUDIT_H
#define POK_STORE_AUDIT_H

#include "store.h"

typedef struct AuditEntry {
    int64_t id;
    const char *at; /* UTC, ISO 8601 */
    const char *actor;
    const char *action; /* insert, update, delete */
    const char *table_name;
    int64_t record_id; /* row id; the year for inhabitants and closed_year; 0 municipality */
    const char *municipality;
    const char *before_json; /* NULL for inserts */
    const char *after_json;  /* NULL for deletes */
    const char *reason;      /* why a record was deleted; NULL otherwise */
} AuditEntry;

/* Which audit rows store_audit_query returns; zero/NULL fields do not filter. */
typedef struct AuditFilter {
    const char *municipality; /* code */
    const char *table_name;   /* "measure", "allocation", ... */
    int64_t record_id;        /* with table_name */
    /* With table_name "measure" and a record_id: also the rows of that measure's amounts
     * and evaluations, so that one record's history is complete. */
    int with_related;
    const char *date_from, *date_to; /* YYYY-MM-DD, inclusive, on the UTC timestamp */
    /* UTC timestamps "YYYY-MM-DDTHH:MM:SSZ": at >= at_from, at < at_before (the web's
     * dates are Dutch days, dutch_time.h: dutch_day_start) */
    const char *at_from, *at_before;
    size_t limit; /* 0: no limit */
} AuditFilter;

/* Newest first. Fails naming the field when a date is not YYYY-MM-DD. */
int store_audit_query(Store *s, const AuditFilter *f, Arena *a, AuditEntry **out, size_t *n,
                      PokErr *err);

/* Delete one record, for an administrator: kind is one of measure (with its amounts,
 * evaluations and links), measure_amount, reserve_movement, decision (refused while any
 * record cites it), request, evaluation, stated_figure, allocation (one version).
 * Every row deleted gets an audit row with action "delete", its JSON before and the
 * reason (required); all in one transaction. Unknown kinds and ids fail naming them, and
 * a figure of a closed year (an allocation, amount or reserve movement, or a measure with
 * such an amount) is refused like any other change to that year. */
int store_delete(Store *s, const char *kind, int64_t id, const char *reason, PokErr *err);
/* The kinds store_delete accepts, terminated by NULL. */
extern const char *const store_delete_kinds[];

/* code NULL: all; limit 0: no limit. Newest first. An update that changes nothing
 * records no row. */
int store_audit_list(Store *s, const char *code, size_t limit, Arena *a, AuditEntry **out,
                     size_t *n, PokErr *err);

/* The time of the last change of each municipality that has one, by code. */
typedef struct LastChange {
    const char *municipality;
    const char *at; /* UTC, ISO 8601 */
} LastChange;
int store_last_changes(Store *s, Arena *a, LastChange **out, size_t *n, PokErr *err);

#endif
