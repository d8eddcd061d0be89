/* store.h: the backend-neutral store interface. Only files in src/store/ speak SQL.
 *
 * Conventions:
 * - Functions return 0 on success and -1 on failure with *err filled in Dutch, naming
 *   what was wrong ("onbekende gemeente GM9999"). Lookups return 1 found, 0 not found.
 * - Every write is atomic on its own (the record and its audit row together) and may
 *   also be grouped in an outer store_begin/store_commit, e.g. one import = one
 *   transaction. store_rollback undoes everything since store_begin.
 * - Every write records an audit row: who (store_set_actor), when, what table and id,
 *   the municipality, and the record before and after as JSON.
 * - Records read are allocated in the caller's Arena.
 * - "add" functions fill in the new id (and version, for allocations). */
#ifndef POK_STORE_H
#define POK_STORE_H

#include "../model.h"
#include "../util.h"

typedef struct Store Store;

/* Open a store by URL: a file path or "sqlite:PATH" for SQLite, "postgresql://user@host:
 * port/dbname" (or postgres://) for PostgreSQL. Applies pending migrations when
 * create_or_migrate is set; otherwise fails if the schema is missing or older than this
 * binary ("voer eerst 'pok init' uit"). */
Store *store_open(const char *url, int create_or_migrate, PokErr *err);
/* store_open with create_or_migrate, telling the schema version before (*from, 0 for a
 * new database) and after (*to). */
Store *store_migrate(const char *url, int *from, int *to, PokErr *err);
/* How messages name the store: the file path, or the URL without a password. */
const char *store_name(const Store *s);
void store_close(Store *s);

/* Schema version of the open store and the newest this binary knows. */
int store_schema_version(Store *s);
int store_schema_latest(void);

/* Who is making changes: recorded in every audit row. Default "cli". */
void store_set_actor(Store *s, const char *actor);

/* A cheap token of the data's state: it differs after any commit by another connection
 * or process (others) and after any write through this store (own), so a cache of pages
 * made from the data is valid while the token is unchanged. */
typedef struct StoreDataVersion {
    uint64_t others, own;
} StoreDataVersion;
int store_data_version(Store *s, StoreDataVersion *out, PokErr *err);

/* Transactions nest: an inner begin/commit is a savepoint, and an inner rollback undoes
 * only what was done since its begin. The outermost commit first checks that no closed
 * year's figures moved (store_year_close); if any did it fails and rolls everything
 * back (a store_rollback after that does nothing). */
int store_begin(Store *s, PokErr *err);
int store_commit(Store *s, PokErr *err);
void store_rollback(Store *s);
/* What the outermost commit would check, without committing: 0, or -1 with the refusal.
 * For a dry run, which rolls back instead, so that it fails where the real run would. */
int store_check_closed(Store *s, PokErr *err);

/* ---- schemes, actielijnen, purposes (POK is created by the first migration) ---- */
int store_scheme_add(Store *s, Scheme *scheme, PokErr *err);
int store_scheme_get(Store *s, const char *code, Arena *a, Scheme *out, PokErr *err);
int store_scheme_list(Store *s, Arena *a, Scheme **out, size_t *n, PokErr *err);
int store_actielijn_add(Store *s, Actielijn *al, PokErr *err);
int store_actielijn_list(Store *s, int64_t scheme_id, Arena *a, Actielijn **out, size_t *n,
                         PokErr *err);
int store_purpose_add(Store *s, Purpose *p, PokErr *err);
int store_purpose_list(Store *s, int64_t scheme_id, Arena *a, Purpose **out, size_t *n,
                       PokErr *err);

/* ---- municipalities ---- */
/* Insert, or update name/province/years when the code exists. */
int store_municipality_put(Store *s, const Municipality *m, PokErr *err);
int store_municipality_get(Store *s, const char *code, Arena *a, Municipality *out, PokErr *err);
/* search: NULL for all, else a case-insensitive substring of name or code. */
int store_municipality_list(Store *s, const char *search, Arena *a, Municipality **out, size_t *n,
                            PokErr *err);
/* 0 when m's code existed in year (first_year..last_year, 0 = open), else -1 with
 * "GM0xxx bestond in 2026 niet meer (opgeheven per 1 januari 2026)". Allocations for a
 * year outside it are refused. */
int store_municipality_valid_in(const Municipality *m, int year, PokErr *err);
int store_inhabitants_put(Store *s, const Inhabitants *inh, PokErr *err);
int store_inhabitants_list(Store *s, const char *code, Arena *a, Inhabitants **out, size_t *n,
                           PokErr *err);

/* ---- sources ---- */
int store_source_add(Store *s, Source *src, PokErr *err);
int store_source_get(Store *s, int64_t id, Arena *a, Source *out, PokErr *err);
/* code NULL: all sources; else national ones plus that municipality's. */
int store_source_list(Store *s, const char *code, Arena *a, Source **out, size_t *n, PokErr *err);

/* ---- records of one municipality ----
 * Optimistic versioning (model.h, ROW_VERSION_ABSENT): the update and set functions take
 * the version the editor saw (row_version; for an allocation expect_version, the current
 * version it replaces) and fail with err_code ERR_CONFLICT, changing nothing, when it is
 * no longer the current one: "Deze maatregel is intussen gewijzigd door anna (23-11-2026
 * 14:02 UTC). Uw wijziging is niet opgeslagen." 0 does not check. A save that changes
 * the record raises its row_version; one that changes nothing keeps it. */
int store_allocation_add(Store *s, Allocation *al, PokErr *err);
int store_pot_add(Store *s, Pot *pot, PokErr *err);
int store_measure_add(Store *s, Measure *m, PokErr *err);
/* Replaces name, description, partner, status (NULL keeps it), cost centres, pot, links;
 * not the citation or decision. */
int store_measure_update(Store *s, const Measure *m, PokErr *err);
int store_measure_get(Store *s, int64_t id, Arena *a, Measure *out, PokErr *err);
/* Insert, or replace the amount of (measure, year, kind). */
int store_measure_amount_set(Store *s, MeasureAmount *ma, PokErr *err);
/* Insert, or replace the opening of (municipality, scheme, pot). */
int store_reserve_opening_set(Store *s, ReserveOpening *ro, PokErr *err);
int store_reserve_movement_add(Store *s, ReserveMovement *rm, PokErr *err);
int store_decision_add(Store *s, Decision *d, PokErr *err);
int store_decision_get(Store *s, int64_t id, Arena *a, Decision *out, PokErr *err);
int store_request_add(Store *s, Request *r, PokErr *err);
int store_evaluation_add(Store *s, Evaluation *e, PokErr *err);
int store_year_close(Store *s, const ClosedYear *cy, PokErr *err);
/* A closed year's allocations, measure amounts and reserve figures can no longer be
 * added or replaced: those writes fail with "jaar 2023 is afgesloten voor GM0534: heropen
 * het eerst (pok year reopen)". Closing records the year's figures (of every pot, its
 * column of the coverage table, see COVERAGE_CLOSED_FIGURES in engine.h); any other write
 * that would move them (a measure's pot or actielijnen, an open year before it, closing
 * an earlier year) fails at its commit, the outermost store_commit of a transaction
 * undoing all of it: "jaar 2023 is afgesloten voor GM0534: deze wijziging verandert de
 * cijfers van dat jaar (pot ...: uitgaven van € 19.000 naar € 0, ...); heropen het jaar
 * eerst (pok year reopen)". Reopening is for an administrator (the caller checks)
 * and needs a reason: it deletes the closing (audit row "delete" with the reason) and
 * records who reopened the year, when and why; it fails when it would move a later
 * closed year's figures ("heropen eerst jaar 2024"). */
int store_year_reopen(Store *s, const char *code, int year, const char *reason, PokErr *err);
typedef struct YearReopening {
    int64_t id;
    const char *municipality;
    int year;
    const char *reason, *actor, *at; /* at: UTC, ISO 8601 */
} YearReopening;
/* The reopenings of one municipality, oldest first. */
int store_year_reopening_list(Store *s, const char *code, Arena *a, YearReopening **out, size_t *n,
                              PokErr *err);
int store_stated_add(Store *s, StatedFigure *sf, PokErr *err);

/* Everything of one municipality for one scheme, for the engine and the views.
 * Returns 1, or 0 when the municipality does not exist. */
int store_load(Store *s, const char *code, int64_t scheme_id, Arena *a, MuniData *out, PokErr *err);

/* ---- backup and restore ---- */
/* What a verified copy holds: the number of tables and of rows in them. */
typedef struct StoreBackupCheck {
    size_t n_tables;
    int64_t n_rows;
    int schema_version;
} StoreBackupCheck;
/* Copy the whole database, consistently while others keep writing, into a new file at
 * path (an existing file is refused unless overwrite), then verify the copy: its
 * integrity check passes and every table holds as many rows as in the store at the
 * moment of copying. The file appears only once verified. Backends without a file copy
 * (PostgreSQL) answer "niet ondersteund, gebruik pg_dump". */
int store_backup(Store *s, const char *path, int overwrite, StoreBackupCheck *check, PokErr *err);
/* Check a backup file without changing anything: a pok database whose integrity check
 * passes and whose schema version this pok knows. */
int store_backup_verify(const char *path, StoreBackupCheck *check, PokErr *err);
/* Replace everything in the store by the backup at path, verified first, in one
 * transaction: readers see the old or the new data, never a mix, and other processes
 * see the change through store_data_version. An older schema is migrated afterwards by
 * opening the store with create_or_migrate. */
int store_restore(Store *s, const char *path, StoreBackupCheck *check, PokErr *err);
/* 0 when the store at url can take a restore (SQLite); -1 with the reason (PostgreSQL:
 * "niet ondersteund, gebruik pg_dump"), so the refusal comes before the file is read. */
int store_restore_supported(const char *url, PokErr *err);

/* ---- pok copy: everything from one store into another (store_copy.c) ----
 * Every table the migrations create is copied with its ids, in one transaction on the
 * destination, the audit trail as it is; not copied: sessions (per server) and the
 * destination's own schema_migrations. The source must be at this pok's schema version;
 * the destination is created or migrated to it and must hold no data (only what the
 * migrations put there) unless replace, which deletes everything in it first, in the same
 * transaction. Before the commit, every table is verified: row count, the sums of id and
 * every *_cents column, and a BLAKE2b checksum of all values in key order, read back from
 * the destination; any difference rolls everything back. The destination then gets one
 * audit row (action insert, table "copy") saying from where, when and what was copied. */
typedef struct StoreCopyOptions {
    int replace;
    const char *actor; /* for the "copy" audit row; NULL: "cli" */
} StoreCopyOptions;
typedef struct StoreCopyTable {
    const char *name;
    int64_t rows;
    size_t n_sums;
    const char **sum_columns; /* "id", "amount_cents", ... */
    int64_t *sums;            /* equal in source and destination */
    char checksum[17];        /* the first 8 bytes of the checksum, hex */
} StoreCopyTable;
typedef struct StoreCopyReport {
    char *from, *to; /* the databases as messages name them (no passwords) */
    int schema_version;
    int replaced;           /* the destination held data, deleted first */
    StoreCopyTable *tables; /* in copying order */
    size_t n_tables;
    int64_t rows;               /* all rows copied */
    const char *const *skipped; /* tables not copied, NULL-terminated */
} StoreCopyReport;
int store_copy(const char *from_url, const char *to_url, const StoreCopyOptions *opt,
               StoreCopyReport *report, PokErr *err);
void store_copy_report_free(StoreCopyReport *report);

/* ---- audit trail ---- */
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
    size_t limit;                    /* 0: no limit */
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

/* ---- accounts, sessions, login attempts (store_sqlite_users.c) ----
 * The store keeps only password hashes (Argon2id strings made by src/auth.c) and hashes
 * of session tokens; neither ever reaches the audit trail. */
typedef struct User {
    int64_t id;
    const char *name;
    const char *password_hash; /* filled by store_user_get only */
    const char *role;          /* beheerder, redacteur, lezer, analist */
    int disabled;
    const char *created;         /* UTC, ISO 8601 */
    const char **municipalities; /* granted codes (redacteur, lezer) */
    size_t n_municipalities;
} User;

typedef struct Session {
    int64_t id, user_id;
    int64_t created, last_seen; /* seconds since the epoch */
    int revoked;
} Session;

/* Add u (name, password_hash, role, municipalities); sets u->id. */
int store_user_add(Store *s, User *u, PokErr *err);
/* 1 found, 0 not, -1 error. */
int store_user_get(Store *s, const char *name, Arena *a, User *out, PokErr *err);
int store_user_get_id(Store *s, int64_t id, Arena *a, User *out, PokErr *err);
/* Every user by name, without password hashes. */
int store_user_list(Store *s, Arena *a, User **out, size_t *n, PokErr *err);
int store_user_count(Store *s, int64_t *n, PokErr *err);
/* Replace the password hash and revoke the user's sessions. */
int store_user_set_password(Store *s, const char *name, const char *password_hash, PokErr *err);
/* Replace role and grants. */
int store_user_set_role(Store *s, const char *name, const char *role, const char *const *munis,
                        size_t n_munis, PokErr *err);
/* Disable the account and revoke its sessions. */
int store_user_disable(Store *s, const char *name, PokErr *err);

int store_session_add(Store *s, const char *token_hash, int64_t user_id, int64_t now, int64_t *id,
                      PokErr *err);
/* 1 found, 0 not, -1 error. */
int store_session_get(Store *s, const char *token_hash, Session *out, PokErr *err);
/* Record activity (last_seen only: not audited, it is no change of data). */
int store_session_touch(Store *s, int64_t id, int64_t now, PokErr *err);
int store_session_revoke(Store *s, int64_t id, PokErr *err);

/* The login log (itself the record of attempts, so not repeated in the audit trail). */
int store_login_attempt_add(Store *s, const char *user_name, const char *address, int64_t at,
                            int success, PokErr *err);
/* Failed attempts since `since` for the account and for the address. */
int store_login_failures(Store *s, const char *user_name, const char *address, int64_t since,
                         int64_t *by_user, int64_t *by_address, PokErr *err);

/* Public read access per municipality. */
int store_municipality_public_set(Store *s, const char *code, int on, PokErr *err);
int store_municipality_public(Store *s, const char *code, int *on, PokErr *err);

/* ---- general ledger (grootboek) bookings (store_sqlite_ledger.c) ----
 * An import is one ledger_import row with its counts and the bookings it added. Only
 * bookings on a cost centre mapped to a measure are stored. A booking is identified by a
 * fingerprint of its content plus its occurrence (the n-th identical booking in the
 * file), so importing the same file again adds nothing while two identical lines in one
 * file both count. The audit trail gets one row for the import (with its counts), not
 * one per booking; the realised amounts derived from them are audited as usual. */
typedef struct LedgerImport {
    int64_t id;
    const char *municipality;
    int64_t source_id; /* the Source cited by the realised amounts; 0 when none were set */
    const char *file_name;
    const char *imported_at, *actor; /* filled by the store */
    int64_t lines;                   /* data lines read */
    int64_t bookings_new, bookings_known;
    int64_t unmapped_lines, unmapped_cents; /* lines on no measure: counted, not stored */
    int64_t total_cents;                    /* every line of the file */
} LedgerImport;

#define LEDGER_FINGERPRINT_BYTES 16

typedef struct Booking {
    int64_t id, import_id;
    const char *municipality;
    int64_t measure_id;
    int year, period; /* period 0: none */
    const char *booking_date, *account, *cost_centre, *taakveld, *description, *document;
    int64_t amount_cents;
    int64_t line; /* line in the file it was first imported from */
    unsigned char fingerprint[LEDGER_FINGERPRINT_BYTES];
    const char *file_name; /* filled when read: the import's file */
} Booking;

/* The BLAKE2b fingerprint of a booking's content (date, year, period, account, cost
 * centre, amount, description, document). */
void store_ledger_fingerprint(Booking *b);

/* The bulk writer of one import. Call inside store_begin..store_commit: begin inserts the
 * ledger_import row (imp->id is set), add stores one booking (*is_new 0 when it was
 * already known), end writes the final counts and source of imp and its audit row.
 * store_ledger_free releases the writer after end or on failure (the caller rolls back). */
typedef struct LedgerWriter LedgerWriter;
int store_ledger_begin(Store *s, LedgerImport *imp, LedgerWriter **out, PokErr *err);
int store_ledger_add(LedgerWriter *w, Booking *b, int *is_new, PokErr *err);
int store_ledger_end(LedgerWriter *w, const LedgerImport *imp, PokErr *err);
void store_ledger_free(LedgerWriter *w);

/* A measure with the codes it is mapped on (comma separated), for the mapping. */
typedef struct LedgerMeasure {
    int64_t id;
    const char *name, *cost_centres;
} LedgerMeasure;
/* Every measure of a municipality, whatever its scheme, by id. */
int store_ledger_measures(Store *s, const char *code, Arena *a, LedgerMeasure **out, size_t *n,
                          PokErr *err);

/* Sum and count of the stored bookings per measure and year. measure_id 0: every measure
 * of the municipality code; otherwise code may be NULL. Ordered by measure, year. */
typedef struct LedgerTotal {
    int64_t measure_id;
    int year;
    int64_t bookings, cents;
} LedgerTotal;
int store_ledger_totals(Store *s, const char *code, int64_t measure_id, Arena *a, LedgerTotal **out,
                        size_t *n, PokErr *err);
/* Count and sum of the stored bookings of one measure-year (zero when there are none). */
int store_ledger_year_total(Store *s, int64_t measure_id, int year, LedgerTotal *out, PokErr *err);
/* The realised amount of a measure in a year: 1 found (*cents set), 0 none, -1 error. */
int store_ledger_realised(Store *s, int64_t measure_id, int year, int64_t *cents, PokErr *err);
/* The bookings of a measure (year 0: every year), by year, date, line. */
int store_ledger_bookings(Store *s, int64_t measure_id, int year, Arena *a, Booking **out,
                          size_t *n, PokErr *err);
/* The imports of a municipality, newest first; one by id (1 found, 0 not). */
int store_ledger_imports(Store *s, const char *code, Arena *a, LedgerImport **out, size_t *n,
                         PokErr *err);
int store_ledger_import_get(Store *s, int64_t id, Arena *a, LedgerImport *out, PokErr *err);

#endif
