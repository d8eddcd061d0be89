/* store_sharing.c: the sharing level of each municipality and the mark on generated
 * figures (store_sharing.h). A municipality without a row shares nothing. */
#include "store_sharing.h"

#include <stdio.h>

#include "store_audit_write.h"
#include "store_checks.h"
#include "store_internal.h"

static char *level_json(Arena *a, int level)
{
    return arena_printf(a, "{\"level\":\"%s\"}", sharing_level_name((SharingLevel)level));
}

static int sharing_write(Store *s, const char *code, SharingLevel level, PokErr *err)
{
    if (level < SHARE_NONE || level > SHARE_MEASURES)
        return err_set(err, "onbekend niveau van delen (%d)", (int)level);
    if (sq_check_municipality(s, code, err)) return -1;
    SharingLevel was;
    if (store_sharing_get(s, code, &was, err)) return -1;
    char now[32];
    sq_now(now);
    DbStmt *st = sq_stmt(s,
                         "INSERT INTO municipality_sharing (municipality, level, changed_at)"
                         " VALUES (?1, ?2, ?3) ON CONFLICT (municipality) DO UPDATE"
                         " SET level = excluded.level, changed_at = excluded.changed_at",
                         err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    sq_bind_int(st, 2, level);
    sq_bind_text(st, 3, now);
    if (sq_step_done(s, st, err)) return -1;
    Arena a = {0};
    int rc = sq_audit(s, "update", "municipality_sharing", 0, code, level_json(&a, was),
                      level_json(&a, level), err);
    arena_free(&a);
    return rc;
}

int store_sharing_set(Store *s, const char *code, SharingLevel level, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, sharing_write(s, code, level, err), err);
}

int store_sharing_get(Store *s, const char *code, SharingLevel *out, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT level FROM municipality_sharing WHERE municipality = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    int r = sq_step_row(s, st, err);
    if (r < 0) return -1;
    *out = r ? (SharingLevel)sq_col_int(st, 0) : SHARE_NONE;
    db_reset(st);
    return 0;
}

int store_sharing_list(Store *s, Arena *a, MuniSharing **out, size_t *n, PokErr *err)
{
    DbStmt *st = sq_stmt(s,
                         "SELECT m.code, COALESCE(sh.level, 0), sh.changed_at,"
                         " CASE WHEN g.municipality IS NULL THEN 0 ELSE 1 END"
                         " FROM municipality m"
                         " LEFT JOIN municipality_sharing sh ON sh.municipality = m.code"
                         " LEFT JOIN municipality_generated g ON g.municipality = m.code"
                         " WHERE sh.municipality IS NOT NULL OR g.municipality IS NOT NULL"
                         " ORDER BY m.code",
                         err);
    if (!st) return -1;
    MuniSharing *items = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        items = arena_grow(a, items, sizeof *items, &cap, count + 1);
        MuniSharing *m = &items[count++];
        m->code = sq_col_text(a, st, 0);
        m->level = (SharingLevel)sq_col_int(st, 1);
        m->changed_at = sq_col_text(a, st, 2);
        m->generated = (int)sq_col_int(st, 3);
    }
    if (rc != 0) return sq_fail(s, st, err);
    db_reset(st);
    *out = items;
    *n = count;
    return 0;
}

static int generated_write(Store *s, const char *code, int on, int64_t seed, PokErr *err)
{
    if (sq_check_municipality(s, code, err)) return -1;
    char now[32];
    sq_now(now);
    DbStmt *st =
        on ? sq_stmt(s,
                     "INSERT INTO municipality_generated (municipality, generated_at, seed)"
                     " VALUES (?1, ?2, ?3) ON CONFLICT (municipality) DO UPDATE"
                     " SET generated_at = excluded.generated_at, seed = excluded.seed",
                     err)
           : sq_stmt(s, "DELETE FROM municipality_generated WHERE municipality = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    if (on) {
        sq_bind_text(st, 2, now);
        sq_bind_int(st, 3, seed);
    }
    if (sq_step_done(s, st, err)) return -1;
    char json[64];
    snprintf(json, sizeof json, "{\"generated\":true,\"seed\":%lld}", (long long)seed);
    return sq_audit(s, on ? "insert" : "delete", "municipality_generated", 0, code,
                    on ? NULL : "{\"generated\":true}", on ? json : NULL, err);
}

int store_generated_set(Store *s, const char *code, int on, int64_t seed, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, generated_write(s, code, on, seed, err), err);
}

int store_generated_count(Store *s, int64_t *n, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT count(*) FROM municipality_generated", err);
    if (!st) return -1;
    if (sq_step_row(s, st, err) != 1) return -1;
    *n = sq_col_int(st, 0);
    db_reset(st);
    return 0;
}
