/* store_conflict.c: the conflict of optimistic versioning: a save based on a version
 * that is no longer the current one fails with ERR_CONFLICT and a Dutch message naming
 * who changed the record and when, taken from the audit trail. */
#include <stdio.h>
#include <string.h>

#include "../dutch_time.h"
#include "store_internal.h"
#include "store_record_sql.h"

/* "23-11-2026 15:02" (Dutch time, as the editor reads it) for "2026-11-23T14:02:05Z";
 * other text as it is. */
static void format_at(const char *at, char *out, size_t size)
{
    struct tm tm;
    if (time_nl_tm(at, &tm) == 0)
        snprintf(out, size, "%02d-%02d-%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1,
                 tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
    else
        snprintf(out, size, "%s", at);
}

int sq_conflict(Store *s, const char *what, const char *table, int64_t record_id, PokErr *err)
{
    char who[300] = "";
    const char *verb = "gewijzigd";
    PokErr ignored = {0}; /* without the audit row the message just names no one */
    DbStmt *st = sq_stmt(s,
                         "SELECT actor, at, action FROM audit WHERE table_name = ?1"
                         " AND record_id = ?2 ORDER BY id DESC LIMIT 1",
                         &ignored);
    if (st && record_id) {
        sq_bind_text(st, 1, table);
        sq_bind_int(st, 2, record_id);
        if (sq_step_row(s, st, &ignored) == 1) {
            const char *actor = db_col_text(st, 0), *at = db_col_text(st, 1),
                       *action = db_col_text(st, 2);
            char when[64];
            format_at(at ? at : "", when, sizeof when);
            snprintf(who, sizeof who, " door %s (%s)", actor ? actor : "?", when);
            if (action && strcmp(action, "insert") == 0) verb = "vastgelegd";
            if (action && strcmp(action, "delete") == 0) verb = "verwijderd";
            db_reset(st);
        }
    }
    return err_set_code(err, ERR_CONFLICT, "%s is intussen %s%s. Uw wijziging is niet opgeslagen.",
                        what, verb, who);
}

int sq_version_check(Store *s, int64_t expected, int64_t existing_id, int64_t current,
                     const char *what, const char *table, PokErr *err)
{
    if (expected == 0) return 0;
    if (expected == ROW_VERSION_ABSENT) {
        if (!existing_id) return 0;
    } else if (!existing_id) {
        return err_set_code(err, ERR_CONFLICT,
                            "%s is intussen verwijderd. Uw wijziging is niet opgeslagen.", what);
    } else if (current == expected) {
        return 0;
    }
    return sq_conflict(s, what, table, existing_id, err);
}
