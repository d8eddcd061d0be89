/* store.h: the backend-neutral store: opening, migrating and closing it, who is writing,
 * transactions and the data version. Only files in src/store/ speak SQL. What is stored
 * is reached through the header of its concern, each of which includes this one:
 *   store_reference.h  schemes, actielijnen, purposes, municipalities, inhabitants, sources
 *   store_records.h    one municipality's records, and everything of it at once (load)
 *   store_closing.h    closing and reopening years
 *   store_audit.h      the audit trail and the deletion of records
 *   store_users.h      accounts, sessions, login attempts, publishing a municipality
 *   store_ledger.h     general-ledger imports and bookings
 *   store_backup.h     backup and restore (SQLite)
 *   store_copy.h       pok copy: one store into another
 *
 * Conventions, in all of them:
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
/* The actor set now ("cli" unless store_set_actor chose another). */
const char *store_actor(const Store *s);

/* A cheap token of the data's state: it differs after any commit by another connection
 * or process (others) and after any write through this store (own), so a cache of pages
 * made from the data is valid while the token is unchanged. */
typedef struct StoreDataVersion {
    uint64_t others, own;
} StoreDataVersion;
int store_data_version(Store *s, StoreDataVersion *out, PokErr *err);
/* 1 when the tokens of store_data_version are the same on every connection to the
 * database (PostgreSQL: the one data-version row, which every write transaction bumps,
 * so own is always 0 there); 0 for SQLite, whose data_version counts per connection. */
int store_versions_comparable(const Store *s);

/* The statements this store has run so far (db_executions): a page's cost in round trips
 * is the difference before and after it (tests keep it under a bound). */
int64_t store_statements(const Store *s);
/* The round trips to the database server among them (db_round_trips). */
int64_t store_round_trips(const Store *s);

/* Transactions nest: an inner begin/commit is a savepoint, and an inner rollback undoes
 * only what was done since its begin. The outermost commit first checks that no closed
 * year's figures moved (store_year_close, store_closing.h); if any did it fails and rolls
 * everything back (a store_rollback after that does nothing). */
int store_begin(Store *s, PokErr *err);
int store_commit(Store *s, PokErr *err);
void store_rollback(Store *s);
/* What the outermost commit would check, without committing: 0, or -1 with the refusal.
 * For a dry run, which rolls back instead, so that it fails where the real run would. */
int store_check_closed(Store *s, PokErr *err);

#endif
