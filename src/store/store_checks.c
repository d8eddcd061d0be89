/* store_checks.c: the checks a write makes before writing anything: that the records it
 * refers to exist (and belong to the same municipality and scheme), required fields,
 * dates, the bounds of text and citations. */
#include <stdio.h>
#include <string.h>

#include "store_checks.h"
#include "store_internal.h"

int sq_check_required(const char *v, const char *what, PokErr *err)
{
    return v && *v ? 0 : err_set(err, "%s ontbreekt", what);
}

int sq_check_texts(const SqText *texts, size_t n, PokErr *err)
{
    for (size_t i = 0; i < n; i++)
        if (text_check(texts[i].what, texts[i].value, texts[i].bound, err)) return -1;
    return 0;
}

int sq_check_date(const char *date, const char *what, int required, PokErr *err)
{
    if (!date || !*date) return required ? err_set(err, "%s ontbreekt", what) : 0;
    if (!date_valid(date))
        return err_set(err, "ongeldige datum '%s' (%s): verwacht JJJJ-MM-DD", date, what);
    return 0;
}

int sq_check_municipality(Store *s, const char *code, PokErr *err)
{
    if (!code || !*code) return err_set(err, "gemeente ontbreekt");
    DbStmt *st = sq_stmt(s, "SELECT 1 FROM municipality WHERE code = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    db_reset(st);
    return found ? 0 : err_set(err, "onbekende gemeente %s", code);
}

int sq_check_scheme(Store *s, int64_t scheme_id, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT 1 FROM scheme WHERE id = ?1", err);
    if (!st) return -1;
    sq_bind_int(st, 1, scheme_id);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    db_reset(st);
    return found ? 0 : err_set(err, "onbekende regeling (id %lld)", (long long)scheme_id);
}

/* Looks up (scheme_id, number) of an actielijn or purpose. */
static int scheme_member(Store *s, const char *sql, int64_t id, int64_t *scheme_id, int *number,
                         PokErr *err)
{
    DbStmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    int found = sq_step_row(s, st, err);
    if (found == 1) {
        *scheme_id = sq_col_int(st, 0);
        *number = (int)db_col_int(st, 1);
        db_reset(st);
    }
    return found;
}

int sq_check_actielijn(Store *s, int64_t actielijn_id, int64_t scheme_id, PokErr *err)
{
    int64_t owner = 0;
    int number = 0;
    int found = scheme_member(s, "SELECT scheme_id, number FROM actielijn WHERE id = ?1",
                              actielijn_id, &owner, &number, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekende actielijn (id %lld)", (long long)actielijn_id);
    if (scheme_id && owner != scheme_id)
        return err_set(err, "actielijn %d (id %lld) hoort niet bij regeling %lld", number,
                       (long long)actielijn_id, (long long)scheme_id);
    return 0;
}

int sq_check_purpose(Store *s, int64_t purpose_id, int64_t scheme_id, PokErr *err)
{
    int64_t owner = 0;
    int number = 0;
    int found = scheme_member(s, "SELECT scheme_id, number FROM purpose WHERE id = ?1", purpose_id,
                              &owner, &number, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekend doel (id %lld)", (long long)purpose_id);
    if (scheme_id && owner != scheme_id)
        return err_set(err, "doel %d (id %lld) hoort niet bij regeling %lld", number,
                       (long long)purpose_id, (long long)scheme_id);
    return 0;
}

/* The municipality column of a record by id: 1 found (muni "" when NULL), 0 not found. */
static int owner_of(Store *s, const char *sql, int64_t id, char muni[16], int64_t *scheme_id,
                    PokErr *err)
{
    DbStmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, id);
    int found = sq_step_row(s, st, err);
    if (found == 1) {
        const char *m = db_col_text(st, 0);
        snprintf(muni, 16, "%s", m ? m : "");
        if (scheme_id) *scheme_id = sq_col_int(st, 1);
        db_reset(st);
    }
    return found;
}

int sq_check_source(Store *s, int64_t source_id, const char *municipality, PokErr *err)
{
    if (!source_id) return 0;
    char owner[16] = "";
    int found =
        owner_of(s, "SELECT municipality FROM source WHERE id = ?1", source_id, owner, NULL, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekende bron (id %lld)", (long long)source_id);
    if (municipality && *owner && strcmp(owner, municipality) != 0)
        return err_set(err, "bron %lld hoort bij gemeente %s, niet bij %s", (long long)source_id,
                       owner, municipality);
    return 0;
}

int sq_check_decision(Store *s, int64_t decision_id, const char *municipality, PokErr *err)
{
    if (!decision_id) return 0;
    char owner[16] = "";
    int found = owner_of(s, "SELECT municipality FROM decision WHERE id = ?1", decision_id, owner,
                         NULL, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekend besluit (id %lld)", (long long)decision_id);
    if (municipality && strcmp(owner, municipality) != 0)
        return err_set(err, "besluit %lld hoort bij gemeente %s, niet bij %s",
                       (long long)decision_id, owner, municipality);
    return 0;
}

int sq_check_pot(Store *s, int64_t pot_id, const char *municipality, int64_t scheme_id, PokErr *err)
{
    if (!pot_id) return 0;
    char owner[16] = "";
    int64_t owner_scheme = 0;
    int found = owner_of(s, "SELECT municipality, scheme_id FROM pot WHERE id = ?1", pot_id, owner,
                         &owner_scheme, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekende pot (id %lld)", (long long)pot_id);
    if (municipality && strcmp(owner, municipality) != 0)
        return err_set(err, "pot %lld hoort bij gemeente %s, niet bij %s", (long long)pot_id, owner,
                       municipality);
    if (scheme_id && owner_scheme != scheme_id)
        return err_set(err, "pot %lld hoort bij een andere regeling", (long long)pot_id);
    return 0;
}

int sq_check_measure(Store *s, int64_t measure_id, char muni[16], int64_t *scheme_id, PokErr *err)
{
    int found = owner_of(s, "SELECT municipality, scheme_id FROM measure WHERE id = ?1", measure_id,
                         muni, scheme_id, err);
    if (found < 0) return -1;
    return found ? 0 : err_set(err, "onbekende maatregel (id %lld)", (long long)measure_id);
}

int sq_check_cite(Store *s, const Citation *c, const char *municipality, PokErr *err)
{
    return SQ_CHECK_TEXTS(err, {c->place, "plaats in de bron", TEXT_SHORT}) ||
                   sq_check_source(s, c->source_id, municipality, err)
               ? -1
               : 0;
}
