/* db_pg.c: the db.h driver on libpq (PostgreSQL 15).
 *
 * - Parameters: the store writes ?N (or ?) as SQLite does; each statement is rewritten
 *   once to $1..$k, outside string literals, quoted identifiers and comments. The used
 *   numbers are renumbered densely (an UPDATE that uses only ?4..?8 gets $1..$5), since
 *   PostgreSQL must know the type of every $n up to the highest.
 * - Statements are prepared on the server lazily, at the first step, with the types of
 *   the values then bound (int8, text, bytea; a NULL carries its intended type), and
 *   prepared again under a new name should a later binding change a type.
 * - Results come in text format: integers are parsed, booleans 't'/'f' read as 1/0,
 *   bytea arrives as hex and is decoded. Values are sent as text, blobs as binary.
 * - The data version (db_data_version) is a one-row table pok_data_version that every
 *   write transaction updates as its first statement (db_begin_write). Why that is a
 *   correct token for a page cache: the update commits atomically with the data, so a
 *   reader that reads version v and then the data sees data at least as new as v; a
 *   page cached under v can only be stale if a commit happened after v was read, and
 *   that commit moved the version past v. The row lock also makes write transactions
 *   queue up front, one at a time, like SQLite's BEGIN IMMEDIATE: no deadlocks or
 *   serialization failures between pok's own writers. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_driver.h"

enum { OID_BOOL = 16, OID_BYTEA = 17, OID_INT8 = 20, OID_TEXT = 25 };

typedef struct PgDb {
    Db base;
    PGconn *conn;
    unsigned next_name;
    unsigned generation;       /* bumped by a reconnect: statements prepared before are gone */
    unsigned version_prepared; /* generation + 1 once pok_version is prepared on it */
    int inserted; /* an INSERT or COPY ran since the last rollback: ids may have been taken */
} PgDb;

typedef struct PgStmt {
    DbStmt base;
    char *sql;    /* with $n parameters */
    int max_q;    /* the highest ?N in the original text */
    int *slot;    /* slot[N] (1..max_q): 0-based index of $n, -1 when ?N is unused */
    int n_params; /* distinct parameters */
    char **values;
    int *lengths, *formats;
    Oid *types, *prepared_types;
    int prepared;
    int inserts;         /* its text holds an INSERT (it takes identity ids) */
    unsigned generation; /* of the connection it was prepared on */
    char name[24];
    PGresult *res;
    PGresult *ahead; /* its result, fetched by p_prefetch before the first step */
    int row, nrows;
    unsigned char *blob; /* the last decoded bytea (PQfreemem) */
} PgStmt;

#define CONN(db) (((PgDb *)(db))->conn)
#define PST(s) ((PgStmt *)(s))

static void quiet_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* "table does not exist, skipping" and the like are no news */
}

/* Per connection: UTF-8, no notices on stderr, and a lock wait as long as SQLite's
 * busy_timeout (5 s): a writer queued behind a long import is told the database is
 * busy (SQLSTATE 55P03) instead of waiting without end. */
static void session_setup(PGconn *conn)
{
    PQsetNoticeProcessor(conn, quiet_notices, NULL);
    PQsetClientEncoding(conn, "UTF8");
    PQclear(PQexec(conn, "SET lock_timeout = '5s'"));
}

/* ---- errors ---- */

/* "Key (a, b)=(x, y) already exists." -> "table.a, table.b", as SQLite names them. */
static void unique_columns(const PGresult *res, char *out, size_t size)
{
    const char *table = PQresultErrorField(res, PG_DIAG_TABLE_NAME);
    const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
    const char *constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    out[0] = '\0';
    const char *open = detail ? strstr(detail, "Key (") : NULL;
    const char *close = open ? strstr(open, ")=(") : NULL;
    if (!table || !open || !close || memchr(open + 5, '(', (size_t)(close - open - 5))) {
        snprintf(out, size, "index '%s'", constraint ? constraint : "?");
        return;
    }
    size_t used = 0;
    for (const char *p = open + 5; p < close && used + 1 < size;) {
        const char *end = p;
        while (end < close && *end != ',') end++;
        int n = snprintf(out + used, size - used, "%s%s.%.*s", used ? ", " : "", table,
                         (int)(end - p), p);
        if (n < 0 || (size_t)n >= size - used) break;
        used += (size_t)n;
        p = end;
        while (p < close && (*p == ',' || *p == ' ')) p++;
    }
}

static int fail_result(Db *db, const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *message = primary ? primary : PQerrorMessage(CONN(db));
    char constraint[128] = "";
    DbErrClass cls = DB_E_OTHER;
    if (!state) state = "";
    if (strcmp(state, "23505") == 0) {
        cls = DB_E_UNIQUE;
        unique_columns(res, constraint, sizeof constraint);
    } else if (strcmp(state, "23503") == 0) {
        cls = DB_E_FOREIGN_KEY;
    } else if (strcmp(state, "23514") == 0) {
        cls = DB_E_CHECK;
        const char *name = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
        snprintf(constraint, sizeof constraint, "%s", name ? name : "");
    } else if (strcmp(state, "23502") == 0) {
        cls = DB_E_NOT_NULL;
        const char *table = PQresultErrorField(res, PG_DIAG_TABLE_NAME);
        const char *column = PQresultErrorField(res, PG_DIAG_COLUMN_NAME);
        snprintf(constraint, sizeof constraint, "%s.%s", table ? table : "?",
                 column ? column : "?");
    } else if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
               strcmp(state, "55P03") == 0) {
        cls = DB_E_BUSY;
    } else if (strcmp(state, "25006") == 0) {
        cls = DB_E_READONLY;
    } else if (strcmp(state, "53100") == 0) {
        cls = DB_E_FULL;
    } else if (strcmp(state, "XX001") == 0 || strcmp(state, "XX002") == 0) {
        cls = DB_E_CORRUPT;
    }
    return db_set_error(db, cls, constraint, message);
}

/* ---- the connection ---- */

static void p_close(Db *db)
{
    PQfinish(CONN(db));
    free(db->name);
    free(db);
}

static void reconnect_if_lost(Db *db);

static int p_exec(Db *db, const char *sql)
{
    reconnect_if_lost(db);
    if (strcasestr(sql, "INSERT")) ((PgDb *)db)->inserted = 1;
    PGresult *res = PQexec(CONN(db), sql);
    ExecStatusType st = PQresultStatus(res);
    int rc = 0;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        rc = fail_result(db, res);
    else if (strncmp(sql, "COMMIT", 6) == 0 && strcmp(PQcmdStatus(res), "ROLLBACK") == 0)
        /* COMMIT of a transaction an error aborted rolls back instead */
        rc = db_set_error(db, DB_E_OTHER, NULL, "de transactie was afgebroken en is teruggedraaid");
    PQclear(res);
    return rc;
}

static int p_in_transaction(Db *db)
{
    return PQtransactionStatus(CONN(db)) != PQTRANS_IDLE;
}

/* When the bump fails (lock timeout, a read-only standby) the transaction is already
 * open and aborted: roll it back, or every later statement on this connection fails. */
static int p_begin_write(Db *db)
{
    ((PgDb *)db)->inserted = 0; /* what p_after_rollback gives back is of this transaction */
    if (p_exec(db, "BEGIN; UPDATE pok_data_version SET version = version + 1 WHERE id = 1") == 0)
        return 0;
    if (PQtransactionStatus(CONN(db)) != PQTRANS_IDLE) PQclear(PQexec(CONN(db), "ROLLBACK"));
    return -1;
}

/* Read before every page pok serve makes or takes from its cache: prepared once per
 * connection (the name pok_version), so the server does not parse it each time. */
static int p_data_version(Db *db, uint64_t *out)
{
    reconnect_if_lost(db);
    PgDb *pg = (PgDb *)db;
    if (pg->version_prepared != pg->generation + 1) {
        PGresult *prep = PQprepare(pg->conn, "pok_version",
                                   "SELECT version FROM pok_data_version WHERE id = 1", 0, NULL);
        int ok = PQresultStatus(prep) == PGRES_COMMAND_OK;
        if (!ok) fail_result(db, prep);
        PQclear(prep);
        if (!ok) return -1;
        pg->version_prepared = pg->generation + 1;
    }
    PGresult *res = PQexecPrepared(pg->conn, "pok_version", 0, NULL, NULL, NULL, 0);
    int rc = 0;
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        rc = fail_result(db, res);
    else
        *out = PQntuples(res) == 1 ? strtoull(PQgetvalue(res, 0, 0), NULL, 10) : 0;
    PQclear(res);
    return rc;
}

/* One round trip: every identity id column of pok's schema (not temporary tables) set
 * to continue at max(id) + 1. Table names come from the catalog, quoted by format(). */
static const char SYNC_IDS_SQL[] =
    "DO $$DECLARE r record; BEGIN"
    " FOR r IN SELECT c.relname AS t FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
    "  WHERE a.attname = 'id' AND a.attidentity <> '' AND c.relkind = 'r'"
    "  AND c.relnamespace = current_schema()::regnamespace LOOP"
    "  EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''),"
    "   COALESCE((SELECT MAX(id) FROM %I), 0) + 1, false)', r.t, r.t);"
    " END LOOP; END$$";

static int p_sync_ids(Db *db)
{
    return p_exec(db, SYNC_IDS_SQL);
}

/* Sequences ignore rollbacks: undo the ids the rolled-back inserts took. Outside the
 * transaction the data-version row is locked first (without changing it), so no writer
 * inserts between reading max(id) and setting the sequence. Errors are ignored: the
 * worst case is a gap in the ids. */
static void p_after_rollback(Db *db, int outermost)
{
    if (PQtransactionStatus(CONN(db)) == PQTRANS_INERROR) return;
    /* nothing inserted (a refused save, a stale version): no id to give back, and the
     * loop over every table is skipped */
    if (!((PgDb *)db)->inserted) return;
    if (outermost) ((PgDb *)db)->inserted = 0;
    if (!outermost) {
        p_exec(db, SYNC_IDS_SQL);
        return;
    }
    if (p_exec(db, "BEGIN; SELECT 1 FROM pok_data_version WHERE id = 1 FOR UPDATE") == 0)
        p_exec(db, SYNC_IDS_SQL);
    PQclear(
        PQexec(CONN(db), PQtransactionStatus(CONN(db)) == PQTRANS_INERROR ? "ROLLBACK" : "COMMIT"));
}

/* ---- statements ---- */

/* Walks sql, calling found(N) for every parameter outside literals, identifiers and
 * comments; copies the text with each parameter replaced by $slot into out (if given). */
static int scan_params(const char *sql, const int *slot, char *out, int *max_q, int *used)
{
    int last = 0;
    size_t o = 0;
    for (const char *p = sql; *p;) {
        char c = *p;
        if (c == '\'' || c == '"') { /* a literal or quoted identifier; '' and "" stay */
            const char *q = p + 1;
            while (*q && *q != c) q++;
            size_t n = (size_t)(q - p) + (*q ? 1 : 0);
            if (out) memcpy(out + o, p, n);
            o += n;
            p += n;
            continue;
        }
        if (c == '-' && p[1] == '-') {
            const char *q = strchr(p, '\n');
            size_t n = q ? (size_t)(q - p) : strlen(p);
            if (out) memcpy(out + o, p, n);
            o += n;
            p += n;
            continue;
        }
        if (c == '?') {
            p++;
            int num = 0;
            if (*p >= '0' && *p <= '9')
                while (*p >= '0' && *p <= '9') num = num * 10 + (*p++ - '0');
            else
                num = last + 1;
            if (num > last) last = num;
            if (used) used[num] = 1;
            if (out)
                o += (size_t)snprintf(out + o, 12, "$%d", slot[num] + 1); /* 12: as counted */
            else
                o += 12;
            continue;
        }
        if (out) out[o] = c;
        o++;
        p++;
    }
    if (out) out[o] = '\0';
    if (max_q) *max_q = last;
    return (int)o;
}

static DbStmt *p_prepare(Db *db, const char *sql)
{
    PgStmt *st = xcalloc(1, sizeof *st);
    st->base.db = db;
    int max_q = 0;
    size_t room = (size_t)scan_params(sql, NULL, NULL, &max_q, NULL) + 1;
    int *used = xcalloc((size_t)max_q + 2, sizeof *used);
    st->slot = xcalloc((size_t)max_q + 2, sizeof *st->slot);
    scan_params(sql, NULL, NULL, NULL, used);
    for (int n = 1; n <= max_q; n++) st->slot[n] = used[n] ? st->n_params++ : -1;
    free(used);
    st->max_q = max_q;
    st->inserts = strcasestr(sql, "INSERT") != NULL;
    st->sql = xmalloc(room);
    scan_params(sql, st->slot, st->sql, NULL, NULL);
    size_t k = (size_t)st->n_params + 1;
    st->values = xcalloc(k, sizeof *st->values);
    st->lengths = xcalloc(k, sizeof *st->lengths);
    st->formats = xcalloc(k, sizeof *st->formats);
    st->types = xcalloc(k, sizeof *st->types);
    st->prepared_types = xcalloc(k, sizeof *st->prepared_types);
    st->row = -1;
    return &st->base;
}

static void clear_result(PgStmt *st)
{
    if (st->blob) PQfreemem(st->blob);
    st->blob = NULL;
    PQclear(st->res);
    st->res = NULL;
    PQclear(st->ahead);
    st->ahead = NULL;
    st->row = -1;
    st->nrows = 0;
}

static void deallocate(PgStmt *st)
{
    if (!st->prepared) return;
    if (st->generation != ((PgDb *)st->base.db)->generation) { /* died with the old connection */
        st->prepared = 0;
        return;
    }
    PGconn *conn = CONN(st->base.db);
    /* In an aborted transaction every command fails: the server drops the statement
     * with the connection instead. */
    if (PQtransactionStatus(conn) != PQTRANS_INERROR) {
        char sql[48];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
        PQclear(PQexec(conn, sql));
    }
    st->prepared = 0;
}

static void p_clear_bindings(DbStmt *s)
{
    PgStmt *st = PST(s);
    for (int i = 0; i < st->n_params; i++) {
        free(st->values[i]);
        st->values[i] = NULL;
        st->lengths[i] = st->formats[i] = 0;
        st->types[i] = 0;
    }
}

static void p_finalize(DbStmt *s)
{
    PgStmt *st = PST(s);
    clear_result(st);
    deallocate(st);
    p_clear_bindings(s);
    free(st->values);
    free(st->lengths);
    free(st->formats);
    free(st->types);
    free(st->prepared_types);
    free(st->slot);
    free(st->sql);
    free(st);
}

static int p_param_count(DbStmt *s)
{
    return PST(s)->max_q;
}

/* The slot of ?i, or -1 when the statement does not use it. */
static int slot_of(PgStmt *st, int i)
{
    return i >= 1 && i <= st->max_q ? st->slot[i] : -1;
}

static void set_value(DbStmt *s, int i, char *value, int length, int format, Oid type)
{
    PgStmt *st = PST(s);
    int k = slot_of(st, i);
    if (k < 0) {
        free(value);
        return;
    }
    free(st->values[k]);
    st->values[k] = value;
    st->lengths[k] = length;
    st->formats[k] = format;
    st->types[k] = type;
}

static void p_bind_int(DbStmt *s, int i, int64_t v)
{
    char *text = xmalloc(24);
    snprintf(text, 24, "%lld", (long long)v);
    set_value(s, i, text, 0, 0, OID_INT8);
}

static void p_bind_text(DbStmt *s, int i, const char *v)
{
    set_value(s, i, v ? xstrdup(v) : NULL, 0, 0, OID_TEXT);
}

static void p_bind_blob(DbStmt *s, int i, const void *p, size_t n)
{
    char *copy = xmalloc(n ? n : 1);
    if (n) memcpy(copy, p, n);
    set_value(s, i, copy, (int)n, 1, OID_BYTEA);
}

static void p_bind_null(DbStmt *s, int i, DbType type)
{
    set_value(s, i, NULL, 0, 0,
              type == DB_T_INT    ? OID_INT8
              : type == DB_T_BLOB ? OID_BYTEA
                                  : OID_TEXT);
}

/* Prepared on this connection with the types bound now. */
static int is_prepared(const PgStmt *st)
{
    size_t n = (size_t)st->n_params;
    return st->prepared && st->generation == ((PgDb *)st->base.db)->generation &&
           (n == 0 || memcmp(st->types, st->prepared_types, n * sizeof(Oid)) == 0);
}

static void new_name(PgStmt *st)
{
    snprintf(st->name, sizeof st->name, "pok_%u", ++((PgDb *)st->base.db)->next_name);
}

static void mark_prepared(PgStmt *st)
{
    size_t n = (size_t)st->n_params;
    if (n) memcpy(st->prepared_types, st->types, n * sizeof(Oid));
    st->prepared = 1;
    st->generation = ((PgDb *)st->base.db)->generation;
}

static int ensure_prepared(PgStmt *st)
{
    Db *db = st->base.db;
    if (is_prepared(st)) return 0;
    deallocate(st);
    new_name(st);
    PGresult *res = PQprepare(CONN(db), st->name, st->sql, st->n_params, st->types);
    int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : fail_result(db, res);
    PQclear(res);
    if (rc) return -1;
    mark_prepared(st);
    return 0;
}

/* A lost connection (server restarted, network) is opened again when no transaction was
 * open on it: the statement that noticed fails, the next one works. A transaction
 * cannot survive it, so then the error stands and the caller rolls back. */
static void reconnect_if_lost(Db *db)
{
    PgDb *pg = (PgDb *)db;
    if (PQstatus(pg->conn) != CONNECTION_BAD) return;
    PQreset(pg->conn);
    pg->generation++;
    if (PQstatus(pg->conn) == CONNECTION_OK) session_setup(pg->conn);
}

static int p_step(DbStmt *s)
{
    PgStmt *st = PST(s);
    Db *db = s->db;
    if (!st->res) {
        if (st->inserts) ((PgDb *)db)->inserted = 1;
        PGresult *res = st->ahead;
        st->ahead = NULL;
        if (!res) {
            if (PQstatus(CONN(db)) == CONNECTION_BAD) reconnect_if_lost(db);
            if (ensure_prepared(st)) {
                reconnect_if_lost(db);
                return -1;
            }
            res = PQexecPrepared(CONN(db), st->name, st->n_params, (const char *const *)st->values,
                                 st->lengths, st->formats, 0);
        }
        ExecStatusType status = PQresultStatus(res);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            fail_result(db, res);
            PQclear(res);
            reconnect_if_lost(db);
            return -1;
        }
        st->res = res;
        st->nrows = status == PGRES_TUPLES_OK ? PQntuples(res) : 0;
        st->row = -1;
        const char *changed = PQcmdTuples(res);
        if (changed && *changed && strncmp(PQcmdStatus(res), "SELECT", 6) != 0) {
            db->changes = strtoll(changed, NULL, 10);
            db->total_changes += db->changes;
        }
    }
    if (st->row < st->nrows) st->row++;
    return st->row < st->nrows ? 1 : 0;
}

/* Every statement in one round trip (libpq's pipeline mode): for each, a Prepare when
 * it is not prepared yet and its execution, then one Sync; each result waits in its
 * statement (ahead) for the first step, which reads it as it would have read
 * PQexecPrepared's. A statement prepared with other types (which needs a DEALLOCATE
 * first) or whose text is bad is left to its step, as is every statement when the
 * connection cannot enter pipeline mode. An error shows at the step of the statement it
 * belongs to; the ones after it in the pipeline are not run and run at their own step. */
static int p_prefetch(DbStmt **sts, size_t n)
{
    if (n == 0) return 0;
    Db *db = sts[0]->db;
    PGconn *conn = CONN(db);
    reconnect_if_lost(db);
    if (PQstatus(conn) != CONNECTION_OK || PQtransactionStatus(conn) == PQTRANS_INERROR ||
        !PQenterPipelineMode(conn))
        return -1;
    unsigned char *sent = xcalloc(n, 1); /* 1: executed, 2: prepared and executed */
    int ok = 1;
    for (size_t i = 0; i < n && ok; i++) {
        PgStmt *st = PST(sts[i]);
        clear_result(st);
        if (st->base.bad_text ||
            (st->prepared && !is_prepared(st) && st->generation == ((PgDb *)db)->generation))
            continue;
        if (!is_prepared(st)) {
            new_name(st);
            st->prepared = 0;
            if (!PQsendPrepare(conn, st->name, st->sql, st->n_params, st->types)) break;
            sent[i] = 2;
        }
        ok = PQsendQueryPrepared(conn, st->name, st->n_params, (const char *const *)st->values,
                                 st->lengths, st->formats, 0);
        if (ok && !sent[i]) sent[i] = 1;
    }
    int rc = PQpipelineSync(conn) ? 0 : -1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (!sent[i]) continue;
        PgStmt *st = PST(sts[i]);
        if (sent[i] == 2) {
            PGresult *res = PQgetResult(conn);
            if (PQresultStatus(res) == PGRES_COMMAND_OK) mark_prepared(st);
            PQclear(res);
            PQclear(PQgetResult(conn)); /* the NULL after each command's results */
        }
        PGresult *res = PQgetResult(conn);
        if (PQresultStatus(res) == PGRES_PIPELINE_ABORTED)
            PQclear(res);
        else
            st->ahead = res;
        st->base.ahead = st->ahead != NULL;
        PQclear(PQgetResult(conn));
    }
    /* up to and including the Sync's result */
    for (PGresult *res; rc == 0 && (res = PQgetResult(conn));) {
        int sync = PQresultStatus(res) == PGRES_PIPELINE_SYNC;
        PQclear(res);
        if (sync) break;
    }
    free(sent);
    if (!PQexitPipelineMode(conn)) rc = -1;
    return rc;
}

/* ---- COPY ---- */

static int p_copy_begin(Db *db, const char *sql)
{
    reconnect_if_lost(db);
    ((PgDb *)db)->inserted = 1;
    PGresult *res = PQexec(CONN(db), sql);
    int rc = PQresultStatus(res) == PGRES_COPY_IN ? 0 : fail_result(db, res);
    PQclear(res);
    return rc;
}

static int p_copy_put(Db *db, const char *data, size_t len)
{
    while (len > 0) { /* PQputCopyData takes an int length */
        int n = len > (1u << 30) ? 1 << 30 : (int)len;
        if (PQputCopyData(CONN(db), data, n) != 1)
            return db_set_error(db, DB_E_OTHER, NULL, PQerrorMessage(CONN(db)));
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The end of the data, then the COPY's own result: an error in any row shows here. */
static int p_copy_end(Db *db)
{
    if (PQputCopyEnd(CONN(db), NULL) != 1)
        return db_set_error(db, DB_E_OTHER, NULL, PQerrorMessage(CONN(db)));
    int rc = 0;
    for (PGresult *res; (res = PQgetResult(CONN(db)));) {
        if (rc == 0 && PQresultStatus(res) != PGRES_COMMAND_OK) rc = fail_result(db, res);
        PQclear(res);
    }
    return rc;
}

static void p_reset(DbStmt *s)
{
    clear_result(PST(s));
}

static int has_value(PgStmt *st, int i)
{
    return st->res && st->row >= 0 && st->row < st->nrows && i >= 0 && i < PQnfields(st->res) &&
           !PQgetisnull(st->res, st->row, i);
}

static int64_t p_col_int(DbStmt *s, int i)
{
    PgStmt *st = PST(s);
    if (!has_value(st, i)) return 0;
    const char *v = PQgetvalue(st->res, st->row, i);
    if (PQftype(st->res, i) == OID_BOOL) return v[0] == 't';
    return strtoll(v, NULL, 10);
}

static const char *p_col_text(DbStmt *s, int i)
{
    PgStmt *st = PST(s);
    return has_value(st, i) ? PQgetvalue(st->res, st->row, i) : NULL;
}

static const void *p_col_blob(DbStmt *s, int i, size_t *n)
{
    PgStmt *st = PST(s);
    *n = 0;
    if (!has_value(st, i)) return NULL;
    if (st->blob) PQfreemem(st->blob);
    st->blob = PQunescapeBytea((const unsigned char *)PQgetvalue(st->res, st->row, i), n);
    return st->blob;
}

static int p_col_is_null(DbStmt *s, int i)
{
    return !has_value(PST(s), i);
}

static const DbOps pg_ops = {
    p_close,       p_exec,           p_prepare,     p_finalize,     p_param_count,
    p_bind_int,    p_bind_text,      p_bind_blob,   p_bind_null,    p_clear_bindings,
    p_step,        p_reset,          p_col_int,     p_col_text,     p_col_blob,
    p_col_is_null, p_in_transaction, p_begin_write, p_data_version, p_after_rollback,
    p_sync_ids,    p_prefetch,       p_copy_begin,  p_copy_put,     p_copy_end,
};

Db *db_pg_open(const char *url, PokErr *err)
{
    PGconn *conn = PQconnectdb(url);
    if (!conn || PQstatus(conn) != CONNECTION_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", conn ? PQerrorMessage(conn) : "geen geheugen");
        size_t n = strlen(msg);
        while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
        /* never repeat a password from the URL: name the server libpq was given */
        err_set(err, "kan PostgreSQL-database niet openen: %s", msg);
        PQfinish(conn);
        return NULL;
    }
    session_setup(conn);
    PgDb *db = xcalloc(1, sizeof *db);
    db->base.ops = &pg_ops;
    db->base.kind = DB_PG;
    db->conn = conn;
    const char *host = PQhost(conn), *port = PQport(conn);
    size_t len = strlen(PQuser(conn)) + strlen(host ? host : "") + strlen(PQdb(conn)) + 64;
    db->base.name = xmalloc(len);
    snprintf(db->base.name, len, "postgresql://%s@%s%s%s/%s", PQuser(conn),
             host && *host != '/' ? host : "", port && *port ? ":" : "", port ? port : "",
             PQdb(conn));
    return &db->base;
}
