/* store_copy.h: pok copy: everything from one store into another, SQLite or PostgreSQL
 * on either side, verified before it is committed (store_copy.c). */
#ifndef POK_STORE_COPY_H
#define POK_STORE_COPY_H

#include "../util.h"

/* Every table the migrations create is copied with its ids, in one transaction on the
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

#endif
