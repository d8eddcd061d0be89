/* read_propose.h: what a read document (ReadResult) proposes for a municipality's
 * records, and accepting a chosen part of it (docs/read.md, "Voorstellen").
 *
 *   read_propose.c        the proposals: one per amount and decision, with the record it
 *                         would add and, in Dutch, what it would change in the coverage
 *                         table (computed with the proposal applied in memory);
 *   read_propose_apply.c  the proposals applied to a copy of MuniData (for the coverage
 *                         before and after) and stored through the store (accepting);
 *   read_propose_json.c   the proposals file of `pok proposal make`.
 *
 * A proposal is identified by its key: kind, page, line, year, actielijn and, for
 * measures, the label, so that the same document read again gives the same keys. A record
 * that cites the document's source at the same place ("p. 3, r. 12") with the same
 * identity is an accepted proposal: it is not proposed again. The citation carries this,
 * so no table of accepted keys is needed. */
#ifndef POK_READ_PROPOSE_H
#define POK_READ_PROPOSE_H

#include "../model.h"
#include "../store/store.h"
#include "read.h"

typedef enum ProposalKind {
    PROPOSAL_ALLOCATION = 0, /* an allocation of actielijn (0: not split) and year */
    PROPOSAL_PLAN,           /* a measure's plan amount of a year */
    PROPOSAL_REALISATION,    /* a measure's realised amount of a year */
    PROPOSAL_RESERVE_OPENING,
    PROPOSAL_RESERVE_DEPOSIT,
    PROPOSAL_RESERVE_WITHDRAWAL,
    PROPOSAL_STATED, /* a total the document states, which pok check recomputes */
    PROPOSAL_DECISION,
    PROPOSAL_REQUEST,
    PROPOSAL_NONE, /* shown with the reason it cannot be proposed */
    PROPOSAL_KIND_COUNT
} ProposalKind;

/* The groups of the proposals form, in its order, with their Dutch heading. */
typedef struct ProposalGroup {
    const char *heading;
    const char *key; /* "allocation", ...: the JSON's "kind" */
} ProposalGroup;
extern const ProposalGroup proposal_groups[PROPOSAL_KIND_COUNT];

typedef struct Proposal {
    int number; /* 1-based, in the order of the list */
    ProposalKind kind;
    const char *key; /* stable over re-reads of the same file */
    int64_t cents;
    int year;      /* 0: none */
    int year_to;   /* stated figures: the last year (= year for one) */
    int actielijn; /* 0: none */
    const char *label;
    int page, line;
    const char *place;       /* "p. 3, r. 12": the citation's place */
    StatedKind stated_kind;  /* PROPOSAL_STATED */
    const ReadDecision *dec; /* PROPOSAL_DECISION */
    const char *why_not;     /* PROPOSAL_NONE: why, in Dutch */
    const char *change;      /* what accepting it would change, in Dutch */
    const char *what;        /* the record, in Dutch: "Toekenning actielijn 2, 2024: € 22.000" */
} Proposal;

typedef struct ProposalSet {
    Proposal *items;
    size_t n, cap;
    size_t n_accepted; /* proposals left out because an earlier accept stored them */
} ProposalSet;

/* The proposals of res for the municipality in d. source_id is the store's source for the
 * document (its SHA-256 found by store_source_find_sha256), 0 when it was never stored:
 * proposals whose record already cites that source at that place are left out. */
int proposals_build(const ReadResult *res, const MuniData *d, int64_t source_id, Arena *a,
                    ProposalSet *out, PokErr *err);

/* The proposal with key, or NULL. */
const Proposal *proposal_find(const ProposalSet *set, const char *key);

/* A copy of d with the chosen proposals added as records (new ids above any stored one,
 * citing source_id, 0 for a document not yet stored), for the coverage after them. */
int proposals_apply(const MuniData *d, const Proposal *const *chosen, size_t n, int64_t source_id,
                    Arena *a, MuniData *out, PokErr *err);

/* What accepting is: the document as a source with its file (once: an existing source
 * with the same SHA-256 is reused) and every chosen proposal as a record citing it, in one
 * transaction, through the store's audit trail. Proposals of kind PROPOSAL_NONE are
 * refused. Sets *source_id. Returns 0, or -1 with err and nothing stored. */
typedef struct ProposalDocument {
    const char *file_name; /* without directories */
    const char *content_type;
    const void *data;
    size_t size;
} ProposalDocument;
int proposals_accept(Store *s, const MuniData *d, const ReadResult *res,
                     const ProposalDocument *doc, const Proposal *const *chosen, size_t n,
                     int64_t *source_id, PokErr *err);

/* The content type a document is stored with, from its first bytes (as pok read chooses
 * the format): "application/pdf", ..., "text/plain". */
const char *proposal_content_type(const void *data, size_t len);

/* The proposals as the JSON of `pok proposal make` (docs/read.md). */
json_t *proposals_json(const ProposalSet *set, const char *file, const char *sha256,
                       const char *muni_code);

#endif
