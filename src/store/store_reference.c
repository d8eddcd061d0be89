/* store_reference.c: the writes of the reference data: schemes, actielijnen, purposes,
 * municipalities, inhabitants and sources (store_reference.h; their reads are in
 * store_load.c). Each checks what it refers to first and writes its audit row in the
 * same transaction; the SQL comes from the record's field table (store_record_sql.c). */
#include <stdlib.h>
#include <string.h>

#include "store_audit_write.h"
#include "store_checks.h"
#include "store_internal.h"
#include "store_record_sql.h"
#include "store_reference.h"

/* ---- schemes, actielijnen, purposes ---- */

static int scheme_insert(Store *s, const Scheme *sc, int64_t *id, PokErr *err)
{
    if (sq_check_required(sc->code, "code van de regeling", err) ||
        sq_check_required(sc->name, "naam van de regeling", err) ||
        SQ_CHECK_TEXTS(err, {sc->code, "code van de regeling", TEXT_SHORT},
                       {sc->name, "naam van de regeling", TEXT_SHORT}))
        return -1;
    DbStmt *st = sq_stmt(s, "SELECT 1 FROM scheme WHERE code = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, sc->code);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    db_reset(st);
    if (found) return err_set(err, "regeling %s bestaat al", sc->code);
    return sq_record_add(s, RECORD(SCHEME), sc, id, NULL, err);
}

int store_scheme_add(Store *s, Scheme *scheme, PokErr *err)
{
    WRITE_RETURNING_ID(scheme_insert(s, scheme, &new_id, err), scheme->id);
}

/* Actielijnen and purposes are numbered within their scheme: 0 when no `what` (sql finds
 * it by ?1 scheme, ?2 number) has the number yet. */
static int number_free(Store *s, const char *sql, const char *what, int64_t scheme_id, int number,
                       PokErr *err)
{
    DbStmt *st = sq_stmt(s, sql, err);
    if (!st) return -1;
    sq_bind_int(st, 1, scheme_id);
    sq_bind_int(st, 2, number);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    if (!found) return 0;
    db_reset(st);
    return err_set(err, "%s %d bestaat al in regeling %lld", what, number, (long long)scheme_id);
}

static int actielijn_insert(Store *s, const Actielijn *al, int64_t *id, PokErr *err)
{
    if (sq_check_scheme(s, al->scheme_id, err) ||
        sq_check_required(al->name, "naam van de actielijn", err) ||
        SQ_CHECK_TEXTS(err, {al->name, "naam van de actielijn", TEXT_SHORT},
                       {al->circulaire_name, "naam van de actielijn in de circulaire", TEXT_SHORT},
                       {al->flow, "geldstroom van de actielijn", TEXT_LONG}))
        return -1;
    if (number_free(s, "SELECT 1 FROM actielijn WHERE scheme_id = ?1 AND number = ?2", "actielijn",
                    al->scheme_id, al->number, err))
        return -1;
    return sq_record_add(s, RECORD(ACTIELIJN), al, id, NULL, err);
}

int store_actielijn_add(Store *s, Actielijn *al, PokErr *err)
{
    WRITE_RETURNING_ID(actielijn_insert(s, al, &new_id, err), al->id);
}

static int purpose_insert(Store *s, const Purpose *p, int64_t *id, PokErr *err)
{
    if (sq_check_scheme(s, p->scheme_id, err) ||
        sq_check_required(p->name, "omschrijving van het doel", err) ||
        SQ_CHECK_TEXTS(err, {p->name, "omschrijving van het doel", TEXT_SHORT}))
        return -1;
    if (number_free(s, "SELECT 1 FROM purpose WHERE scheme_id = ?1 AND number = ?2", "doel",
                    p->scheme_id, p->number, err))
        return -1;
    return sq_record_add(s, RECORD(PURPOSE), p, id, NULL, err);
}

int store_purpose_add(Store *s, Purpose *p, PokErr *err)
{
    WRITE_RETURNING_ID(purpose_insert(s, p, &new_id, err), p->id);
}

/* ---- municipalities and inhabitants ---- */

static int code_valid(const char *code)
{
    if (!code || strlen(code) != 6 || code[0] != 'G' || code[1] != 'M') return 0;
    for (int i = 2; i < 6; i++)
        if (code[i] < '0' || code[i] > '9') return 0;
    return 1;
}

/* Insert rec, or update the row its key names, with the audit row of before and after
 * (record_id and municipality as the audit trail files it). */
static int put_audited(Store *s, const RecordKind *k, const void *rec, int64_t record_id,
                       const char *municipality, PokErr *err)
{
    char *before, *after = NULL;
    if (sq_record_snapshot(s, k, rec, &before, err)) return -1;
    int rc = before ? (sq_record_update(s, k, rec, err) < 0 ? -1 : 0)
                    : sq_record_insert(s, k, rec, NULL, err);
    if (rc == 0) rc = sq_record_snapshot(s, k, rec, &after, err);
    if (rc == 0)
        rc = sq_audit(s, before ? "update" : "insert", k->table, record_id, municipality, before,
                      after, err);
    free(before);
    free(after);
    return rc;
}

static int municipality_write(Store *s, const Municipality *m, PokErr *err)
{
    if (!code_valid(m->code))
        return err_set(err,
                       "ongeldige gemeentecode '%s': verwacht GM gevolgd door vier cijfers, "
                       "zoals GM0363",
                       m->code ? m->code : "");
    if (!m->name || !*m->name) return err_set(err, "naam van gemeente %s ontbreekt", m->code);
    if (SQ_CHECK_TEXTS(err, {m->name, "naam van de gemeente", TEXT_SHORT},
                       {m->province, "provincie", TEXT_SHORT}))
        return -1;
    return put_audited(s, RECORD(MUNICIPALITY), m, 0, m->code, err);
}

int store_municipality_put(Store *s, const Municipality *m, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, municipality_write(s, m, err), err);
}

int store_municipality_valid_in(const Municipality *m, int year, PokErr *err)
{
    if (m->last_year && year > m->last_year)
        return err_set(err, "%s bestond in %d niet meer (opgeheven per 1 januari %d)", m->code,
                       year, m->last_year + 1);
    if (m->first_year && year < m->first_year)
        return err_set(err, "%s bestond in %d nog niet (geldig vanaf 1 januari %d)", m->code, year,
                       m->first_year);
    return 0;
}

static int inhabitants_write(Store *s, const Inhabitants *inh, PokErr *err)
{
    if (sq_check_municipality(s, inh->municipality, err) ||
        sq_check_source(s, inh->source_id, inh->municipality, err))
        return -1;
    return put_audited(s, RECORD(INHABITANTS), inh, inh->year, inh->municipality, err);
}

int store_inhabitants_put(Store *s, const Inhabitants *inh, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, inhabitants_write(s, inh, err), err);
}

/* ---- sources ---- */

static int source_insert(Store *s, const Source *src, int64_t *id, PokErr *err)
{
    if (sq_check_required(src->kind, "soort bron", err) ||
        sq_check_required(src->title, "titel van de bron", err) ||
        sq_check_date(src->date, "datum van de bron", 0, err) ||
        SQ_CHECK_TEXTS(err, {src->kind, "soort bron", TEXT_SHORT},
                       {src->title, "titel van de bron", TEXT_SHORT},
                       {src->reference, "kenmerk van de bron", TEXT_SHORT},
                       {src->note, "notitie bij de bron", TEXT_LONG}))
        return -1;
    if (src->municipality && sq_check_municipality(s, src->municipality, err)) return -1;
    return sq_record_add(s, RECORD(SOURCE), src, id, src->municipality, err);
}

int store_source_add(Store *s, Source *src, PokErr *err)
{
    WRITE_RETURNING_ID(source_insert(s, src, &new_id, err), src->id);
}
