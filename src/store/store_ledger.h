/* store_ledger.h: general-ledger (grootboek) imports and their bookings: the bulk writer
 * of one import and the reads that trace a realised amount down to its bookings
 * (store_ledger.c). */
#ifndef POK_STORE_LEDGER_H
#define POK_STORE_LEDGER_H

#include "store.h"

/* An import is one ledger_import row with its counts and the bookings it added. Only
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
 * already known, -1 when that is told by the flush below), end writes the final counts
 * and source of imp and its audit row.
 * store_ledger_free releases the writer after end or on failure (the caller rolls back). */
typedef struct LedgerWriter LedgerWriter;
int store_ledger_begin(Store *s, LedgerImport *imp, LedgerWriter **out, PokErr *err);
int store_ledger_add(LedgerWriter *w, Booking *b, int *is_new, PokErr *err);
int store_ledger_end(LedgerWriter *w, const LedgerImport *imp, PokErr *err);
/* On PostgreSQL the bookings are sent with COPY as they come and stored in one statement
 * at the end, so store_ledger_add cannot tell whether a booking is new: it sets *is_new
 * to -1, and store_ledger_flush (after the last add, before end) stores them and calls
 * each with the number of new bookings per measure and year. On SQLite *is_new is 0 or
 * 1 at once and the flush does nothing. */
typedef void (*LedgerNewCount)(void *ctx, int64_t measure_id, int year, int64_t n_new);
int store_ledger_flush(LedgerWriter *w, LedgerNewCount each, void *ctx, PokErr *err);
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
