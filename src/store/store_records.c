/* store_records.c: the writes of one municipality's records: allocations, pots, measures
 * and their amounts, the reserve, decisions, requests, evaluations and stated figures
 * (store_records.h). Each checks its references first, so that the error names what is
 * wrong, and writes its audit row in the same transaction; the INSERT, UPDATE and audit
 * snapshot themselves come from the record's field table (store_record_sql.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_audit_write.h"
#include "store_checks.h"
#include "store_internal.h"
#include "store_record_sql.h"
#include "store_records.h"
#include "store_reference.h"

static int check_actielijnen(Store *s, const int64_t *ids, size_t n, int64_t scheme_id, PokErr *err)
{
    for (size_t i = 0; ids && i < n; i++)
        if (sq_check_actielijn(s, ids[i], scheme_id, err)) return -1;
    return 0;
}

static int check_purposes(Store *s, const int64_t *ids, size_t n, int64_t scheme_id, PokErr *err)
{
    for (size_t i = 0; ids && i < n; i++)
        if (sq_check_purpose(s, ids[i], scheme_id, err)) return -1;
    return 0;
}

/* Find the id of an existing row with a one-row query whose first column is the id. */
static int find_id(Store *s, DbStmt *st, int64_t *id, PokErr *err)
{
    *id = 0;
    int found = sq_step_row(s, st, err);
    if (found == 1) {
        *id = sq_col_int(st, 0);
        db_reset(st);
    }
    return found;
}

/* ---- closed years: their figures can no longer change ---- */

/* 0 when the year is open for the municipality, else -1 naming how to reopen it. */
static int check_year_open(Store *s, const char *municipality, int year, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT 1 FROM closed_year WHERE municipality = ?1 AND year = ?2", err);
    if (!st) return -1;
    sq_bind_text(st, 1, municipality);
    sq_bind_int(st, 2, year);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    db_reset(st);
    if (found)
        return err_set(err, "jaar %d is afgesloten voor %s: heropen het eerst (pok year reopen)",
                       year, municipality);
    return 0;
}

/* ---- allocations ---- */

/* Municipalities merge on 1 January: a code only takes figures for years it existed. */
static int check_municipality_year(Store *s, const char *code, int year, PokErr *err)
{
    DbStmt *st = sq_stmt(s, "SELECT first_year, last_year FROM municipality WHERE code = ?1", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    int found = sq_step_row(s, st, err);
    if (found < 0) return -1;
    Municipality m = {.code = code};
    if (found) {
        m.first_year = (int)db_col_int(st, 0);
        m.last_year = (int)db_col_int(st, 1);
    }
    db_reset(st);
    return store_municipality_valid_in(&m, year, err);
}

/* A save makes a new version; the current version the editor saw (al->expect_version)
 * must still be the current one (current: 0 when there is none). */
static int allocation_version_check(Store *s, const Allocation *al, int64_t scheme_id,
                                    int64_t current, PokErr *err)
{
    int64_t current_id = 0;
    if (current) {
        DbStmt *st = sq_stmt(s,
                             "SELECT id FROM allocation WHERE municipality = ?1"
                             " AND actielijn_id IS NOT DISTINCT FROM ?2 AND year = ?3"
                             " AND scheme_id = ?4 AND version = ?5 AND year_to = ?6",
                             err);
        if (!st) return -1;
        sq_bind_text(st, 1, al->municipality);
        sq_bind_nz(st, 2, al->actielijn_id);
        sq_bind_int(st, 3, al->year);
        sq_bind_int(st, 4, scheme_id);
        sq_bind_int(st, 5, current);
        sq_bind_int(st, 6, allocation_last_year(al));
        if (find_id(s, st, &current_id, err) < 0) return -1;
    }
    char what[96];
    if (allocation_is_period(al))
        snprintf(what, sizeof what, "De toekenning voor %d-%d", al->year, al->year_to);
    else
        snprintf(what, sizeof what, "De toekenning van %d", al->year);
    return sq_version_check(s, al->expect_version, current_id, current, what, "allocation", err);
}

/* Every year of a period figure must be open and one the municipality existed in. */
static int check_allocation_years(Store *s, const Allocation *al, PokErr *err)
{
    if (al->year_to != 0 && al->year_to < al->year)
        return err_set(err, "het laatste jaar (%d) ligt voor het eerste jaar (%d)", al->year_to,
                       al->year);
    for (int y = al->year; y <= allocation_last_year(al); y++)
        if (check_year_open(s, al->municipality, y, err) ||
            check_municipality_year(s, al->municipality, y, err))
            return -1;
    return 0;
}

static int allocation_insert(Store *s, const Allocation *al, int64_t *id, int *version, PokErr *err)
{
    if (sq_check_municipality(s, al->municipality, err) ||
        (al->actielijn_id && sq_check_actielijn(s, al->actielijn_id, 0, err)) ||
        sq_check_cite(s, &al->cite, al->municipality, err) || check_allocation_years(s, al, err))
        return -1;
    /* The scheme: the actielijn's, or given for a figure without actielijn. */
    int64_t scheme_id = al->scheme_id;
    DbStmt *st;
    if (al->actielijn_id) {
        st = sq_stmt(s, "SELECT scheme_id FROM actielijn WHERE id = ?1", err);
        if (!st) return -1;
        sq_bind_int(st, 1, al->actielijn_id);
        if (sq_step_row(s, st, err) != 1) return -1;
        scheme_id = db_col_int(st, 0);
        db_reset(st);
    } else if (!scheme_id) {
        return err_set(err, "een toekenning zonder actielijn vraagt de regeling");
    }
    st = sq_stmt(s,
                 "SELECT COALESCE(MAX(version), 0) + 1 FROM allocation"
                 " WHERE municipality = ?1 AND actielijn_id IS NOT DISTINCT FROM ?2 AND year = ?3"
                 " AND scheme_id = ?4 AND year_to = ?5",
                 err);
    if (!st) return -1;
    sq_bind_text(st, 1, al->municipality);
    sq_bind_nz(st, 2, al->actielijn_id);
    sq_bind_int(st, 3, al->year);
    sq_bind_int(st, 4, scheme_id);
    sq_bind_int(st, 5, allocation_last_year(al));
    if (sq_step_row(s, st, err) != 1) return -1;
    *version = (int)db_col_int(st, 0);
    db_reset(st);
    if (al->expect_version && allocation_version_check(s, al, scheme_id, *version - 1, err))
        return -1;

    /* The scheme, version and moment of recording are the store's. */
    char now[32];
    sq_now(now);
    Allocation row = *al;
    row.scheme_id = scheme_id;
    row.year_to = allocation_last_year(al);
    row.version = *version;
    row.recorded_at = now;
    return sq_record_add(s, RECORD(ALLOCATION), &row, id, al->municipality, err);
}

int store_allocation_add(Store *s, Allocation *al, PokErr *err)
{
    int version = 0;
    int64_t id = 0;
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    if (sq_write_end(s, tx, allocation_insert(s, al, &id, &version, err), err)) return -1;
    al->id = id;
    al->version = version;
    return 0;
}

/* ---- pots ---- */

static int pot_insert(Store *s, const Pot *pot, int64_t *id, PokErr *err)
{
    if (sq_check_municipality(s, pot->municipality, err) ||
        sq_check_scheme(s, pot->scheme_id, err) ||
        sq_check_required(pot->name, "naam van de pot", err) ||
        SQ_CHECK_TEXTS(err, {pot->name, "naam van de pot", TEXT_SHORT}) ||
        check_actielijnen(s, pot->actielijn_ids, pot->n_actielijnen, pot->scheme_id, err) ||
        sq_check_cite(s, &pot->cite, pot->municipality, err))
        return -1;
    DbStmt *st = sq_stmt(s,
                         "SELECT id FROM pot WHERE municipality = ?1 AND scheme_id = ?2"
                         " AND name = ?3",
                         err);
    if (!st) return -1;
    sq_bind_text(st, 1, pot->municipality);
    sq_bind_int(st, 2, pot->scheme_id);
    sq_bind_text(st, 3, pot->name);
    int64_t existing;
    int found = find_id(s, st, &existing, err);
    if (found < 0) return -1;
    if (found)
        return err_set(err, "pot '%s' bestaat al voor %s (id %lld)", pot->name, pot->municipality,
                       (long long)existing);
    return sq_record_add(s, RECORD(POT), pot, id, pot->municipality, err);
}

int store_pot_add(Store *s, Pot *pot, PokErr *err)
{
    WRITE_RETURNING_ID(pot_insert(s, pot, &new_id, err), pot->id);
}

/* ---- measures ---- */

/* What an added and an updated measure must both satisfy. */
static int measure_check(Store *s, const Measure *m, const char *muni, int64_t scheme_id,
                         PokErr *err)
{
    if (sq_check_required(m->name, "naam van de maatregel", err) ||
        SQ_CHECK_TEXTS(err, {m->name, "naam van de maatregel", TEXT_SHORT},
                       {m->description, "omschrijving van de maatregel", TEXT_LONG},
                       {m->partner, "partner van de maatregel", TEXT_SHORT},
                       {m->status, "status van de maatregel", TEXT_SHORT},
                       {m->cost_centres, "kostenplaatsen van de maatregel", TEXT_LONG}))
        return -1;
    if (m->status && !measure_status_valid(m->status))
        return err_set(err, "ongeldige status '%s': kies uit %s", m->status, MEASURE_STATUS_LIST);
    return sq_check_pot(s, m->pot_id, muni, scheme_id, err) ||
                   check_actielijnen(s, m->actielijn_ids, m->n_actielijnen, scheme_id, err) ||
                   check_purposes(s, m->purpose_ids, m->n_purposes, scheme_id, err)
               ? -1
               : 0;
}

static int measure_insert(Store *s, const Measure *m, int64_t *id, PokErr *err)
{
    if (sq_check_municipality(s, m->municipality, err) || sq_check_scheme(s, m->scheme_id, err) ||
        measure_check(s, m, m->municipality, m->scheme_id, err) ||
        sq_check_cite(s, &m->cite, m->municipality, err) ||
        sq_check_decision(s, m->decision_id, m->municipality, err))
        return -1;
    Measure row = *m;
    if (!row.status) row.status = "gepland";
    return sq_record_add(s, RECORD(MEASURE), &row, id, m->municipality, err);
}

int store_measure_add(Store *s, Measure *m, PokErr *err)
{
    WRITE_RETURNING_ID(measure_insert(s, m, &new_id, err), m->id);
}

/* Raise the row version of record id when the save changed it: a save that changes
 * nothing leaves other editors' versions valid (and records no audit row). */
static int bump_if_changed(Store *s, const RecordKind *k, int64_t id, const char *before,
                           const char *after, PokErr *err)
{
    if (!before || !after || strcmp(before, after) == 0) return 0;
    return sq_record_bump_version(s, k, id, err);
}

/* The id and row version of the row a one-row query (columns id, row_version) finds:
 * 1 found, 0 none (*id 0), -1 error. */
static int find_versioned(Store *s, DbStmt *st, int64_t *id, int64_t *version, PokErr *err)
{
    *id = *version = 0;
    int found = sq_step_row(s, st, err);
    if (found == 1) {
        *id = sq_col_int(st, 0);
        *version = sq_col_int(st, 1);
        db_reset(st);
    }
    return found;
}

static int measure_replace(Store *s, const Measure *m, PokErr *err)
{
    char muni[16] = "";
    int64_t scheme_id = 0;
    if (sq_check_measure(s, m->id, muni, &scheme_id, err) ||
        measure_check(s, m, muni, scheme_id, err) || sq_check_cite(s, &m->cite, muni, err) ||
        sq_check_decision(s, m->decision_id, muni, err))
        return -1;
    char *before, *after = NULL;
    if (sq_record_snapshot_id(s, RECORD(MEASURE), m->id, &before, err)) return -1;
    /* A NULL status keeps the current one. The version the editor saw (0: no check) must
     * still be the current one: checked in the UPDATE itself, so no save can slip in
     * between check and write. */
    int rc = sq_record_update(s, RECORD(MEASURE), m, err);
    if (rc == 0) rc = sq_conflict(s, "Deze maatregel", "measure", m->id, err);
    rc = rc < 0 ? -1 : 0;
    if (rc == 0) rc = sq_record_snapshot_id(s, RECORD(MEASURE), m->id, &after, err);
    if (rc == 0) rc = bump_if_changed(s, RECORD(MEASURE), m->id, before, after, err);
    if (rc == 0) rc = sq_audit(s, "update", "measure", m->id, muni, before, after, err);
    free(before);
    free(after);
    return rc;
}

int store_measure_update(Store *s, const Measure *m, PokErr *err)
{
    int tx = sq_write_begin(s, err);
    if (tx < 0) return -1;
    return sq_write_end(s, tx, measure_replace(s, m, err), err);
}

/* Shared by the two "set" functions: update row `existing` (found and version-checked by
 * the caller; 0 = none) with rec, whose id and row version are that row's, or insert rec;
 * then audit before and after. */
static int upsert_audited(Store *s, const RecordKind *k, const void *rec, int64_t existing,
                          const char *muni, int64_t *id, PokErr *err)
{
    char *before = NULL, *after = NULL;
    if (existing && sq_record_snapshot_id(s, k, existing, &before, err)) return -1;
    int rc;
    if (existing) {
        *id = existing;
        rc = sq_record_update(s, k, rec, err);
        if (rc == 0) rc = sq_conflict(s, "Dit gegeven", k->table, existing, err);
        rc = rc < 0 ? -1 : 0;
    } else {
        rc = sq_record_insert(s, k, rec, id, err);
    }
    if (rc == 0) rc = sq_record_snapshot_id(s, k, *id, &after, err);
    if (rc == 0 && existing) rc = bump_if_changed(s, k, *id, before, after, err);
    if (rc == 0)
        rc = sq_audit(s, existing ? "update" : "insert", k->table, *id, muni, before, after, err);
    free(before);
    free(after);
    return rc;
}

static int amount_write(Store *s, const MeasureAmount *ma, int64_t *id, PokErr *err)
{
    char muni[16] = "";
    int64_t scheme_id = 0;
    if (sq_check_measure(s, ma->measure_id, muni, &scheme_id, err)) return -1;
    if (ma->kind != AMOUNT_PLAN && ma->kind != AMOUNT_REALISED)
        return err_set(err, "ongeldige soort bedrag %d: plan (1) of realisatie (2)", (int)ma->kind);
    if (sq_check_cite(s, &ma->cite, muni, err) ||
        sq_check_decision(s, ma->decision_id, muni, err) || check_year_open(s, muni, ma->year, err))
        return -1;
    DbStmt *st = sq_stmt(s,
                         "SELECT id, row_version FROM measure_amount WHERE measure_id = ?1"
                         " AND year = ?2 AND kind = ?3",
                         err);
    if (!st) return -1;
    sq_bind_int(st, 1, ma->measure_id);
    sq_bind_int(st, 2, ma->year);
    sq_bind_int(st, 3, ma->kind);
    int64_t existing, version;
    if (find_versioned(s, st, &existing, &version, err) < 0) return -1;
    char what[96];
    snprintf(what, sizeof what, "Het %s bedrag van %d",
             ma->kind == AMOUNT_PLAN ? "geplande" : "gerealiseerde", ma->year);
    if (sq_version_check(s, ma->row_version, existing, version, what, "measure_amount", err))
        return -1;
    /* The UPDATE repeats the version it was checked against: no write in between. */
    MeasureAmount row = *ma;
    row.id = existing;
    row.row_version = version;
    return upsert_audited(s, RECORD(MEASURE_AMOUNT), &row, existing, muni, id, err);
}

int store_measure_amount_set(Store *s, MeasureAmount *ma, PokErr *err)
{
    WRITE_RETURNING_ID(amount_write(s, ma, &new_id, err), ma->id);
}

/* ---- the reserve ---- */

static int opening_write(Store *s, const ReserveOpening *ro, int64_t *id, PokErr *err)
{
    if (sq_check_municipality(s, ro->municipality, err) || sq_check_scheme(s, ro->scheme_id, err) ||
        sq_check_pot(s, ro->pot_id, ro->municipality, ro->scheme_id, err) ||
        sq_check_cite(s, &ro->cite, ro->municipality, err) ||
        sq_check_decision(s, ro->decision_id, ro->municipality, err) ||
        check_year_open(s, ro->municipality, ro->year, err))
        return -1;
    DbStmt *st = sq_stmt(s,
                         "SELECT id, row_version FROM reserve_opening WHERE municipality = ?1"
                         " AND scheme_id = ?2 AND COALESCE(pot_id, 0) = ?3",
                         err);
    if (!st) return -1;
    sq_bind_text(st, 1, ro->municipality);
    sq_bind_int(st, 2, ro->scheme_id);
    sq_bind_int(st, 3, ro->pot_id);
    int64_t existing, version;
    if (find_versioned(s, st, &existing, &version, err) < 0) return -1;
    if (sq_version_check(s, ro->row_version, existing, version, "De beginstand van de reserve",
                         "reserve_opening", err))
        return -1;
    if (existing) { /* replacing an opening also changes the year it stood in */
        st = sq_stmt(s, "SELECT year FROM reserve_opening WHERE id = ?1", err);
        if (!st) return -1;
        sq_bind_int(st, 1, existing);
        if (sq_step_row(s, st, err) != 1) return -1;
        int old_year = (int)db_col_int(st, 0);
        db_reset(st);
        if (check_year_open(s, ro->municipality, old_year, err)) return -1;
    }
    ReserveOpening row = *ro;
    row.id = existing;
    row.row_version = version;
    return upsert_audited(s, RECORD(RESERVE_OPENING), &row, existing, ro->municipality, id, err);
}

int store_reserve_opening_set(Store *s, ReserveOpening *ro, PokErr *err)
{
    WRITE_RETURNING_ID(opening_write(s, ro, &new_id, err), ro->id);
}

static int movement_insert(Store *s, const ReserveMovement *rm, int64_t *id, PokErr *err)
{
    if (SQ_CHECK_TEXTS(err, {rm->description, "omschrijving van de reservemutatie", TEXT_LONG}) ||
        sq_check_municipality(s, rm->municipality, err) || sq_check_scheme(s, rm->scheme_id, err) ||
        sq_check_pot(s, rm->pot_id, rm->municipality, rm->scheme_id, err) ||
        sq_check_cite(s, &rm->cite, rm->municipality, err) ||
        sq_check_decision(s, rm->decision_id, rm->municipality, err))
        return -1;
    if (rm->kind < RESERVE_DEPOSIT || rm->kind > RESERVE_TRANSFER)
        return err_set(err,
                       "ongeldige soort reservemutatie %d: storting, onttrekking of "
                       "overheveling",
                       (int)rm->kind);
    if (check_year_open(s, rm->municipality, rm->year, err) ||
        (rm->kind == RESERVE_TRANSFER && rm->to_year &&
         check_year_open(s, rm->municipality, rm->to_year, err)))
        return -1;
    return sq_record_add(s, RECORD(RESERVE_MOVEMENT), rm, id, rm->municipality, err);
}

int store_reserve_movement_add(Store *s, ReserveMovement *rm, PokErr *err)
{
    WRITE_RETURNING_ID(movement_insert(s, rm, &new_id, err), rm->id);
}

/* ---- decisions, requests, evaluations ---- */

static int decision_insert(Store *s, const Decision *d, int64_t *id, PokErr *err)
{
    if (sq_check_municipality(s, d->municipality, err) ||
        sq_check_date(d->date, "datum van het besluit", 0, err) ||
        sq_check_required(d->body, "orgaan van het besluit (college of raad)", err) ||
        SQ_CHECK_TEXTS(err, {d->body, "orgaan van het besluit", TEXT_SHORT},
                       {d->reference, "kenmerk van het besluit", TEXT_SHORT},
                       {d->title, "titel van het besluit", TEXT_SHORT},
                       {d->outcome, "uitkomst van het besluit", TEXT_SHORT}) ||
        sq_check_cite(s, &d->cite, d->municipality, err))
        return -1;
    return sq_record_add(s, RECORD(DECISION), d, id, d->municipality, err);
}

int store_decision_add(Store *s, Decision *d, PokErr *err)
{
    WRITE_RETURNING_ID(decision_insert(s, d, &new_id, err), d->id);
}

static int request_insert(Store *s, const Request *r, int64_t *id, PokErr *err)
{
    if (sq_check_municipality(s, r->municipality, err) ||
        sq_check_required(r->requester, "aanvrager van het verzoek", err) ||
        SQ_CHECK_TEXTS(err, {r->requester, "aanvrager van het verzoek", TEXT_SHORT},
                       {r->subject, "onderwerp van het verzoek", TEXT_SHORT},
                       {r->status, "status van het verzoek", TEXT_SHORT}) ||
        sq_check_date(r->date, "datum van het verzoek", 0, err) ||
        sq_check_source(s, r->letter_source_id, r->municipality, err) ||
        sq_check_decision(s, r->decision_id, r->municipality, err) ||
        sq_check_cite(s, &r->cite, r->municipality, err))
        return -1;
    Request row = *r;
    if (!row.status) row.status = "open";
    return sq_record_add(s, RECORD(REQUEST), &row, id, r->municipality, err);
}

int store_request_add(Store *s, Request *r, PokErr *err)
{
    WRITE_RETURNING_ID(request_insert(s, r, &new_id, err), r->id);
}

static int evaluation_insert(Store *s, const Evaluation *e, int64_t *id, PokErr *err)
{
    char muni[16] = "";
    int64_t scheme_id = 0;
    if (SQ_CHECK_TEXTS(err, {e->verdict, "oordeel van de evaluatie", TEXT_SHORT},
                       {e->text, "toelichting bij de evaluatie", TEXT_LONG},
                       {e->follow_up, "vervolg van de evaluatie", TEXT_SHORT}) ||
        sq_check_measure(s, e->measure_id, muni, &scheme_id, err) ||
        sq_check_date(e->date, "datum van de evaluatie", 0, err) ||
        sq_check_cite(s, &e->cite, muni, err) || sq_check_decision(s, e->decision_id, muni, err))
        return -1;
    if (e->follow_up && !follow_up_valid(e->follow_up))
        return err_set(err, "ongeldig vervolg '%s': kies uit %s", e->follow_up, FOLLOW_UP_LIST);
    return sq_record_add(s, RECORD(EVALUATION), e, id, muni, err);
}

int store_evaluation_add(Store *s, Evaluation *e, PokErr *err)
{
    WRITE_RETURNING_ID(evaluation_insert(s, e, &new_id, err), e->id);
}

/* ---- closed years and stated figures ---- */

static int stated_insert(Store *s, const StatedFigure *sf, int64_t *id, PokErr *err)
{
    if (SQ_CHECK_TEXTS(err, {sf->description, "omschrijving van het genoemde bedrag", TEXT_LONG}) ||
        sq_check_municipality(s, sf->municipality, err) || sq_check_scheme(s, sf->scheme_id, err) ||
        (sf->actielijn_id && sq_check_actielijn(s, sf->actielijn_id, sf->scheme_id, err)) ||
        sq_check_pot(s, sf->pot_id, sf->municipality, sf->scheme_id, err) ||
        sq_check_cite(s, &sf->cite, sf->municipality, err))
        return -1;
    if (sf->kind < STATED_ALLOCATION || sf->kind > STATED_SPENDING)
        return err_set(err,
                       "ongeldige soort genoemd bedrag %d: toekenning, beschikbaar of "
                       "uitgaven",
                       (int)sf->kind);
    return sq_record_add(s, RECORD(STATED_FIGURE), sf, id, sf->municipality, err);
}

int store_stated_add(Store *s, StatedFigure *sf, PokErr *err)
{
    WRITE_RETURNING_ID(stated_insert(s, sf, &new_id, err), sf->id);
}
