/* read_propose_apply.c: proposals turned into records, in memory (for the coverage table
 * before and after) and in the store (accepting). Both build the records through the same
 * functions below, so what the page says a proposal changes is what storing it does. */
#include "read_propose.h"

#include "../store/store_records.h"
#include "../store/store_source_file.h"

#include <string.h>
#include <strings.h>

static int64_t actielijn_id(const MuniData *d, int number)
{
    for (size_t i = 0; i < d->n_actielijnen; i++)
        if (d->actielijnen[i].number == number) return d->actielijnen[i].id;
    return 0;
}

/* The pot an actielijn's money is in: the first pot holding it, else the default pot. */
static int64_t pot_of(const MuniData *d, int64_t al_id)
{
    for (size_t i = 0; i < d->n_pots; i++)
        for (size_t k = 0; k < d->pots[i].n_actielijnen; k++)
            if (d->pots[i].actielijn_ids[k] == al_id) return d->pots[i].id;
    return 0;
}

static const Measure *measure_named(const MuniData *d, const char *name)
{
    for (size_t i = 0; i < d->n_measures; i++)
        if (d->measures[i].name && strcasecmp(d->measures[i].name, name) == 0)
            return &d->measures[i];
    return NULL;
}

/* The records of one proposal, each citing src at the proposal's place. */
static Allocation make_allocation(const MuniData *d, const Proposal *p, int64_t src)
{
    Allocation al = {.municipality = d->muni.code,
                     .scheme_id = d->scheme.id,
                     .actielijn_id = p->actielijn ? actielijn_id(d, p->actielijn) : 0,
                     .actielijn_number = p->actielijn,
                     .year = p->year,
                     .year_to = p->year,
                     .amount_cents = p->cents,
                     .current = 1,
                     .cite = {src, p->place}};
    return al;
}

static Measure make_measure(const MuniData *d, const Proposal *p, Arena *a)
{
    Measure m = {.municipality = d->muni.code,
                 .scheme_id = d->scheme.id,
                 .name = p->label,
                 .status = p->kind == PROPOSAL_PLAN ? "gepland" : "lopend"};
    int64_t al = p->actielijn ? actielijn_id(d, p->actielijn) : 0;
    if (al) {
        m.actielijn_ids = arena_alloc(a, sizeof(int64_t));
        m.actielijn_ids[0] = al;
        m.n_actielijnen = 1;
        m.pot_id = pot_of(d, al);
    }
    return m;
}

static MeasureAmount make_amount(const Proposal *p, int64_t measure_id, int64_t src)
{
    MeasureAmount ma = {.measure_id = measure_id,
                        .year = p->year,
                        .kind = p->kind == PROPOSAL_PLAN ? AMOUNT_PLAN : AMOUNT_REALISED,
                        .amount_cents = p->cents,
                        .cite = {0, p->place}};
    ma.cite.source_id = src;
    return ma;
}

static ReserveOpening make_opening(const MuniData *d, const Proposal *p, int64_t src)
{
    ReserveOpening ro = {.municipality = d->muni.code,
                         .scheme_id = d->scheme.id,
                         .year = p->year,
                         .amount_cents = p->cents,
                         .cite = {src, p->place}};
    return ro;
}

static ReserveMovement make_movement(const MuniData *d, const Proposal *p, int64_t src)
{
    ReserveMovement rm = {.municipality = d->muni.code,
                          .scheme_id = d->scheme.id,
                          .kind = p->kind == PROPOSAL_RESERVE_DEPOSIT ? RESERVE_DEPOSIT
                                                                      : RESERVE_WITHDRAWAL,
                          .year = p->year,
                          .amount_cents = p->cents,
                          .description = p->label,
                          .cite = {src, p->place}};
    return rm;
}

static StatedFigure make_stated(const MuniData *d, const Proposal *p, int64_t src)
{
    StatedFigure sf = {.municipality = d->muni.code,
                       .scheme_id = d->scheme.id,
                       .kind = p->stated_kind,
                       .actielijn_id = p->actielijn ? actielijn_id(d, p->actielijn) : 0,
                       .year_from = p->year,
                       .year_to = p->year_to ? p->year_to : p->year,
                       .amount_cents = p->cents,
                       .description = *p->label ? p->label : "Totaal",
                       .cite = {src, p->place}};
    return sf;
}

static Decision make_decision(const MuniData *d, const Proposal *p, int64_t src)
{
    Decision dec = {.municipality = d->muni.code,
                    .date = p->dec->date[0] ? p->dec->date : NULL,
                    .body = p->dec->body,
                    .title = p->label,
                    .outcome = p->dec->adopted ? "vastgesteld" : "afgewezen",
                    .cite = {src, p->place}};
    return dec;
}

static Request make_request(const MuniData *d, const ReadResult *res, const Proposal *p,
                            int64_t src)
{
    Request r = {.municipality = d->muni.code,
                 .requester = *p->label ? p->label : "onbekend",
                 .subject = *p->label ? p->label : "verzoek",
                 .date = res && res->date[0] ? res->date : NULL,
                 .has_amount = 1,
                 .amount_cents = p->cents,
                 .status = "open",
                 .cite = {src, p->place}};
    return r;
}

/* Room for n more items of an array of d, copied into a. */
#define GROW(arr, count, extra)                                                                    \
    do {                                                                                           \
        void *copy_ = arena_alloc(a, (out->count + (extra) + 1) * sizeof *out->arr);               \
        if (out->count) memcpy(copy_, out->arr, out->count * sizeof *out->arr);                    \
        out->arr = copy_;                                                                          \
    } while (0)

int proposals_apply(const MuniData *d, const Proposal *const *chosen, size_t n, int64_t source_id,
                    Arena *a, MuniData *out, PokErr *err)
{
    *out = *d;
    GROW(allocations, n_allocations, n);
    GROW(measures, n_measures, n);
    GROW(amounts, n_amounts, n);
    GROW(openings, n_openings, n);
    GROW(movements, n_movements, n);
    GROW(stated, n_stated, n);
    GROW(decisions, n_decisions, n);
    GROW(requests, n_requests, n);
    /* Ids of records made here: above every stored one, so they never collide. */
    int64_t next_id = (int64_t)1 << 40;
    for (size_t i = 0; i < n; i++) {
        const Proposal *p = chosen[i];
        switch (p->kind) {
        case PROPOSAL_ALLOCATION: {
            Allocation al = make_allocation(out, p, source_id);
            for (size_t k = 0; k < out->n_allocations; k++) {
                Allocation *o = &out->allocations[k];
                if (o->current && o->actielijn_number == al.actielijn_number &&
                    o->year == al.year && o->year_to == al.year_to) {
                    o->current = 0;
                    if (o->version >= al.version) al.version = o->version + 1;
                }
            }
            if (!al.version) al.version = 1;
            al.id = next_id++;
            out->allocations[out->n_allocations++] = al;
            break;
        }
        case PROPOSAL_PLAN:
        case PROPOSAL_REALISATION: {
            const Measure *m = measure_named(out, p->label);
            if (!m) {
                Measure nm = make_measure(out, p, a);
                nm.id = next_id++;
                out->measures[out->n_measures++] = nm;
                m = &out->measures[out->n_measures - 1];
            }
            MeasureAmount ma = make_amount(p, m->id, source_id);
            size_t k = 0;
            while (k < out->n_amounts &&
                   !(out->amounts[k].measure_id == ma.measure_id &&
                     out->amounts[k].year == ma.year && out->amounts[k].kind == ma.kind))
                k++;
            ma.id = next_id++;
            out->amounts[k] = ma;
            if (k == out->n_amounts) out->n_amounts++;
            break;
        }
        case PROPOSAL_RESERVE_OPENING: {
            ReserveOpening ro = make_opening(out, p, source_id);
            ro.id = next_id++;
            size_t k = 0;
            while (k < out->n_openings && out->openings[k].pot_id != ro.pot_id) k++;
            out->openings[k] = ro;
            if (k == out->n_openings) out->n_openings++;
            break;
        }
        case PROPOSAL_RESERVE_DEPOSIT:
        case PROPOSAL_RESERVE_WITHDRAWAL:
            out->movements[out->n_movements] = make_movement(out, p, source_id);
            out->movements[out->n_movements++].id = next_id++;
            break;
        case PROPOSAL_STATED:
            out->stated[out->n_stated] = make_stated(out, p, source_id);
            out->stated[out->n_stated++].id = next_id++;
            break;
        case PROPOSAL_DECISION:
            out->decisions[out->n_decisions] = make_decision(out, p, source_id);
            out->decisions[out->n_decisions++].id = next_id++;
            break;
        case PROPOSAL_REQUEST:
            out->requests[out->n_requests] = make_request(out, NULL, p, source_id);
            out->requests[out->n_requests++].id = next_id++;
            break;
        default:
            return err_set(err, "voorstel %d kan niet worden opgeslagen: %s", p->number,
                           p->why_not ? p->why_not : "onbekende soort");
        }
    }
    return 0;
}

const char *proposal_content_type(const void *data, size_t len)
{
    static const struct {
        const char *magic;
        size_t n;
        const char *type;
    } types[] = {
        {"%PDF-", 5, "application/pdf"},
        {"PK\003\004", 4, "application/zip"},
        {"\x89PNG\r\n\x1a\n", 8, "image/png"},
        {"\xff\xd8\xff", 3, "image/jpeg"},
        {"II*", 4, "image/tiff"}, /* with its NUL */
        {"MM\0*", 4, "image/tiff"},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (len >= types[i].n && memcmp(data, types[i].magic, types[i].n) == 0)
            return types[i].type;
    return "text/plain";
}

/* The source kinds a genre of pok read is stored as (Source.kind). */
static const char *source_kind(const char *genre)
{
    return genre && *genre && strcmp(genre, "overig") != 0 ? genre : "document";
}

static int store_one(Store *s, const MuniData *d, const ReadResult *res, const Proposal *p,
                     int64_t src, Arena *a, PokErr *err)
{
    switch (p->kind) {
    case PROPOSAL_ALLOCATION: {
        Allocation al = make_allocation(d, p, src);
        return store_allocation_add(s, &al, err);
    }
    case PROPOSAL_PLAN:
    case PROPOSAL_REALISATION: {
        /* The measure: one already known by that name, else a new one (stored once). */
        int64_t id = 0;
        const Measure *m = measure_named(d, p->label);
        if (m) id = m->id;
        if (!id) {
            Measure nm = make_measure(d, p, a);
            nm.cite = (Citation){src, p->place};
            if (store_measure_add(s, &nm, err)) return -1;
            id = nm.id;
            /* Later proposals of the same measure find it in d: the caller's copy. */
            MuniData *md = (MuniData *)d;
            Measure *grown = arena_alloc(a, (md->n_measures + 1) * sizeof *grown);
            if (md->n_measures) memcpy(grown, md->measures, md->n_measures * sizeof *grown);
            grown[md->n_measures++] = nm;
            md->measures = grown;
        }
        MeasureAmount ma = make_amount(p, id, src);
        return store_measure_amount_set(s, &ma, err);
    }
    case PROPOSAL_RESERVE_OPENING: {
        ReserveOpening ro = make_opening(d, p, src);
        return store_reserve_opening_set(s, &ro, err);
    }
    case PROPOSAL_RESERVE_DEPOSIT:
    case PROPOSAL_RESERVE_WITHDRAWAL: {
        ReserveMovement rm = make_movement(d, p, src);
        return store_reserve_movement_add(s, &rm, err);
    }
    case PROPOSAL_STATED: {
        StatedFigure sf = make_stated(d, p, src);
        return store_stated_add(s, &sf, err);
    }
    case PROPOSAL_DECISION: {
        Decision dec = make_decision(d, p, src);
        return store_decision_add(s, &dec, err);
    }
    case PROPOSAL_REQUEST: {
        Request r = make_request(d, res, p, src);
        return store_request_add(s, &r, err);
    }
    default:
        return err_set(err, "voorstel %d kan niet worden opgeslagen: %s", p->number,
                       p->why_not ? p->why_not : "onbekende soort");
    }
}

int proposals_accept(Store *s, const MuniData *d, const ReadResult *res,
                     const ProposalDocument *doc, const Proposal *const *chosen, size_t n,
                     int64_t *source_id, PokErr *err)
{
    *source_id = 0;
    if (store_begin(s, err)) return -1;
    Arena a = {0};
    MuniData work = *d; /* store_one adds the measures it makes */
    char sha[65];
    store_sha256_hex(doc->data, doc->size, sha);
    int rc = store_source_find_sha256(s, d->muni.code, sha, source_id, err);
    if (rc == 0) {
        Source src = {.kind = source_kind(res->genre),
                      .title = doc->file_name,
                      .reference = res->nrefs ? res->references[0] : NULL,
                      .date = res->date[0] ? res->date : NULL,
                      .municipality = d->muni.code,
                      .note = "ingelezen document"};
        SourceFile file = {.name = doc->file_name,
                           .content_type = doc->content_type,
                           .size = (int64_t)doc->size,
                           .data = doc->data};
        rc = store_source_add_with_file(s, &src, &file, err);
        *source_id = src.id;
    } else if (rc == 1) {
        rc = 0;
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = store_one(s, &work, res, chosen[i], *source_id, &a, err);
        if (rc) err_prefix(err, "voorstel %d (%s): ", chosen[i]->number, chosen[i]->what);
    }
    if (rc == 0) rc = store_commit(s, err);
    if (rc) {
        store_rollback(s);
        *source_id = 0;
    }
    arena_free(&a);
    return rc ? -1 : 0;
}
