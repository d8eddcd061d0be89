/* store_copy_schema.h: what pok copy knows of the tables (store_copy.c): the list of
 * tables and their columns, derived from the migrations themselves, and reading a table
 * in key order, page by page, with a checksum of its content that comes out the same on
 * both backends. Only src/store/ (and its unit test) includes this. */
#ifndef POK_STORE_COPY_SCHEMA_H
#define POK_STORE_COPY_SCHEMA_H

#include "db.h"

/* Rows read per query: bounded memory on PostgreSQL, whose driver holds a whole result. */
#define COPY_PAGE 2000

typedef struct CopyColumn {
    char *name;
    DbType type; /* from the declared type: INTEGER/BIGINT, TEXT, BLOB */
} CopyColumn;

typedef struct CopyTable {
    char *name;
    CopyColumn *cols;
    size_t n_cols;
    size_t *key; /* the primary key's columns (indexes into cols), in key order */
    size_t n_key;
    size_t *sums; /* the columns summed by the verification: id and every *_cents */
    size_t n_sums;
    /* The rows as the migrations leave them (the built-in POK scheme): what an empty
     * destination holds. */
    int64_t pristine_rows;
    unsigned char pristine_hash[32];
    /* Identifiers come from the migrations' own schema and are quoted; values are always
     * bound. first/next read a page in key order (next after the key ?1..?k). */
    char *sql_first, *sql_next, *sql_insert, *sql_copy, *sql_totals, *sql_delete;
} CopyTable;

typedef struct CopySchema {
    CopyTable *tables; /* referenced tables before the tables that reference them */
    size_t n;
    /* Not copied but emptied by --replace (per server: sessions), in deletion order. */
    char **cleared_sql;
    size_t n_cleared;
} CopySchema;

/* The tables pok copy leaves alone, with why (store_copy.c says so to the user too). */
extern const char *const copy_skipped_tables[];

/* Run the migrations on an in-memory SQLite database and read from it every table, its
 * columns, primary key and foreign keys; order the tables by their foreign keys. */
int copy_schema_load(CopySchema *cs, PokErr *err);
void copy_schema_free(CopySchema *cs);
const CopyTable *copy_schema_find(const CopySchema *cs, const char *name);

/* Called for each row read; st's columns are the table's columns in order. */
typedef int (*CopyRowFn)(void *ctx, DbStmt *st, PokErr *err);

/* Read every row of t on db in key order, hash them (BLAKE2b-256 of each value's type,
 * length and bytes) and hand each to row (when not NULL). *rows is the number read. */
int copy_scan(Db *db, const CopyTable *t, CopyRowFn row, void *ctx, unsigned char hash[32],
              int64_t *rows, PokErr *err);
/* count(*) and the sum of every column in t->sums, computed by the database. */
int copy_totals(Db *db, const CopyTable *t, int64_t *rows, int64_t *sums, PokErr *err);
/* The rows of one table into the destination: one INSERT each on SQLite (in-process),
 * COPY on PostgreSQL (sql_copy; one round trip per COPY_CHUNK bytes instead of one per
 * row), ended by copy_writer_flush. Nothing else may run on the destination between
 * copy_writer_new and copy_writer_flush. */
typedef struct CopyWriter CopyWriter;
CopyWriter *copy_writer_new(Db *db, const CopyTable *t, PokErr *err);
int copy_writer_add(CopyWriter *w, DbStmt *from, PokErr *err);
int copy_writer_flush(CopyWriter *w, PokErr *err);
void copy_writer_free(CopyWriter *w);

#endif
