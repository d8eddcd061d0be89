/* audit_view.h: the audit trail made readable: which fields a change touched, with the
 * value before and after, from the JSON snapshots the store records. */
#ifndef POK_AUDIT_VIEW_H
#define POK_AUDIT_VIEW_H

#include "../model.h"
#include "../store/store_audit.h"

/* One field of a record: for an update a field that changed, for an insert every field
 * of the new record (before NULL), for a delete every field of the old one (after NULL). */
typedef struct AuditChange {
    const char *field;
    const char *before, *after; /* the JSON value as text; "leeg" for null */
} AuditChange;

/* The changes of e, in the order of the snapshot's fields, in a. Snapshots that are not
 * JSON objects give one change named "gegevens" with the raw text. */
void audit_changes(Arena *a, const AuditEntry *e, AuditChange **out, size_t *n);

/* The changes as one line each ("amount_cents: 6200000 → 7000000"; "name: Jobhunter" for
 * an insert or a delete), joined by sep, in a; "" when there are none. */
const char *audit_diff_text(Arena *a, const AuditEntry *e, const char *sep);

/* The changes as a person reads them (the change log pages and their CSV): the field
 * labels of the field tables (record_tables.c), amounts in euros, a reference as the name
 * of what it points to (a measure's name, a decision's title and date, a source's title,
 * a pot's name, an actielijn's number and name; looked up in d, the municipality's data),
 * enums by their name ("plan"), dates and moments in Dutch (dutch_time.h). Fields
 * without a label (ids of the scheme, versions) are left out. */
void audit_changes_readable(Arena *a, const AuditEntry *e, const MuniData *d, AuditChange **out,
                            size_t *n);
/* Those changes joined as audit_diff_text does: "Bedrag: € 62.000,00 → € 70.000,00". */
const char *audit_diff_readable(Arena *a, const AuditEntry *e, const MuniData *d, const char *sep);

/* RFC 4180 CSV (CRLF) of the entries: a header line
 * "tijdstip,wie,actie,tabel,id,gemeente,wijzigingen,reden", then one line each; the
 * changes joined by "; ". */
void audit_csv(Buf *b, Arena *a, const AuditEntry *e, size_t n);

/* Who made a change, for a reader who may not see login names (an anonymous visitor of
 * a published municipality: the names would aim the login lock-out at real accounts):
 * "pok (opdrachtregel)" for the command line (actor "cli" or "cli:NAME"), "medewerker"
 * for anyone else. */
const char *audit_actor_label(const char *actor);
/* Replace the actor of each entry by its label, also where a snapshot records one (the
 * "actor" field of a ledger import or a reopened year); the texts are kept in a. */
void audit_hide_actors(Arena *a, AuditEntry *e, size_t n);

/* Dutch for an audited table ("measure" -> "maatregel"); unknown names come back as they are. */
const char *audit_table_nl(const char *table);
/* What an audit row is about, as people name it: "maatregel Jobhunter", "plan 2024 van
 * maatregel Jobhunter", "toekenning 2025, actielijn 3. Naam", "onttrekking uit de
 * reserve 2025", "bron Raadsvoorstel ..."; the names looked up in d, the rest read from the
 * row's snapshot. A record pok cannot name is "TABLE ID" in Dutch, as before. */
const char *audit_subject(Arena *a, const AuditEntry *e, const MuniData *d);
/* Dutch for an action: toegevoegd, gewijzigd, verwijderd. */
const char *audit_action_nl(const char *action);

#endif
