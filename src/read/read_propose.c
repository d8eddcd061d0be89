/* read_propose.c: the proposals of a read document (read_propose.h). Every amount and
 * decision becomes one proposal; what cannot be stored is kept in the list with the
 * reason, so that a person sees everything the document holds. */
#include "read_propose.h"

#include "../engine/engine.h"
#include "../money.h"
#include "../views/coverage_view.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const ProposalGroup proposal_groups[PROPOSAL_KIND_COUNT] = {
    [PROPOSAL_ALLOCATION] = {"Toekenningen per actielijn en jaar", "allocation"},
    [PROPOSAL_PLAN] = {"Maatregelen met hun plannen", "plan"},
    [PROPOSAL_REALISATION] = {"Maatregelen met hun realisatie", "realisation"},
    [PROPOSAL_RESERVE_OPENING] = {"Stand van de reserve", "reserve_opening"},
    [PROPOSAL_RESERVE_DEPOSIT] = {"Stortingen in de reserve", "reserve_deposit"},
    [PROPOSAL_RESERVE_WITHDRAWAL] = {"Onttrekkingen uit de reserve", "reserve_withdrawal"},
    [PROPOSAL_STATED] = {"Vermelde totalen", "stated"},
    [PROPOSAL_DECISION] = {"Besluiten", "decision"},
    [PROPOSAL_REQUEST] = {"Verzoeken", "request"},
    [PROPOSAL_NONE] = {"Niet over te nemen", "none"},
};

/* A reserve balance the document gives at the end of a year is the opening of the next:
 * the words that say "end". */
static const char *const end_of_year_words[] = {"eind", "31 december", "ultimo", "slot", NULL};

/* Which kind of stated figure a total is, from the words of its label, first match wins:
 * the coverage side ("beschikbaar") before spending before allocations. A "totale dekking"
 * covers the spending, so it is a spending total. */
static const struct {
    const char *word;
    StatedKind kind;
} stated_words[] = {
    {"beschikba", STATED_AVAILABLE},   {"dekking", STATED_SPENDING}, /* dekking = uitgaven */
    {"uitgave", STATED_SPENDING},      {"besteding", STATED_SPENDING},
    {"lasten", STATED_SPENDING},       {"inzet", STATED_SPENDING},
    {"begrot", STATED_SPENDING},       {"toeken", STATED_ALLOCATION},
    {"ontvang", STATED_ALLOCATION},    {"uitkering", STATED_ALLOCATION},
    {"circulaire", STATED_ALLOCATION}, {"middelen", STATED_ALLOCATION},
};

static int has_word(const char *label, const char *word)
{
    return label && strcasestr(label, word) != NULL;
}

static int is_end_of_year(const char *label)
{
    for (size_t i = 0; end_of_year_words[i]; i++)
        if (has_word(label, end_of_year_words[i])) return 1;
    return 0;
}

static const char *money(Arena *a, int64_t cents)
{
    char buf[MONEY_BUFSZ];
    return arena_strdup(a, money_format(cents, MONEY_EURO | MONEY_WHOLE, buf));
}

static int same_text(const char *x, const char *y)
{
    return x && y && strcasecmp(x, y) == 0;
}

static int cites(const Citation *c, int64_t source_id, const char *place)
{
    return source_id && c->source_id == source_id && c->place && strcmp(c->place, place) == 0;
}

/* Whether d holds the record p would add, citing the document at p's place: an earlier
 * accept stored it. */
static int already_accepted(const MuniData *d, const Proposal *p, int64_t src)
{
    if (!src) return 0;
    switch (p->kind) {
    case PROPOSAL_ALLOCATION:
        for (size_t i = 0; i < d->n_allocations; i++) {
            const Allocation *al = &d->allocations[i];
            if (cites(&al->cite, src, p->place) && al->year == p->year &&
                al->actielijn_number == p->actielijn && al->amount_cents == p->cents)
                return 1;
        }
        return 0;
    case PROPOSAL_PLAN:
    case PROPOSAL_REALISATION: {
        AmountKind k = p->kind == PROPOSAL_PLAN ? AMOUNT_PLAN : AMOUNT_REALISED;
        for (size_t i = 0; i < d->n_amounts; i++) {
            const MeasureAmount *ma = &d->amounts[i];
            const Measure *m = muni_measure(d, ma->measure_id);
            if (cites(&ma->cite, src, p->place) && ma->kind == k && ma->year == p->year && m &&
                same_text(m->name, p->label))
                return 1;
        }
        return 0;
    }
    case PROPOSAL_RESERVE_OPENING:
        for (size_t i = 0; i < d->n_openings; i++)
            if (cites(&d->openings[i].cite, src, p->place) && d->openings[i].year == p->year)
                return 1;
        return 0;
    case PROPOSAL_RESERVE_DEPOSIT:
    case PROPOSAL_RESERVE_WITHDRAWAL: {
        ReserveKind k = p->kind == PROPOSAL_RESERVE_DEPOSIT ? RESERVE_DEPOSIT : RESERVE_WITHDRAWAL;
        for (size_t i = 0; i < d->n_movements; i++) {
            const ReserveMovement *rm = &d->movements[i];
            if (cites(&rm->cite, src, p->place) && rm->kind == k && rm->year == p->year &&
                rm->amount_cents == p->cents)
                return 1;
        }
        return 0;
    }
    case PROPOSAL_STATED:
        for (size_t i = 0; i < d->n_stated; i++) {
            const StatedFigure *sf = &d->stated[i];
            if (cites(&sf->cite, src, p->place) && sf->year_from == p->year &&
                sf->amount_cents == p->cents)
                return 1;
        }
        return 0;
    case PROPOSAL_DECISION:
        for (size_t i = 0; i < d->n_decisions; i++)
            if (cites(&d->decisions[i].cite, src, p->place) &&
                same_text(d->decisions[i].title, p->label))
                return 1;
        return 0;
    case PROPOSAL_REQUEST:
        for (size_t i = 0; i < d->n_requests; i++)
            if (cites(&d->requests[i].cite, src, p->place)) return 1;
        return 0;
    default:
        return 0;
    }
}

/* A total's years and kind when the document ties it to no year: the amounts of the same
 * line (a table row and its row total) give both, else, for a total of an actielijn, that
 * actielijn's allocations. 0 when neither does. */
static int total_from_row(const ReadResult *res, const ReadAmount *t, Proposal *p)
{
    int lo = 0, hi = 0, n_alloc = 0, n_plan = 0;
    for (size_t i = 0; i < res->namounts; i++) {
        const ReadAmount *x = &res->amounts[i];
        if (x == t || x->page != t->page || x->line != t->line || !x->year) continue;
        if (x->kind == READ_ALLOCATION)
            n_alloc++;
        else if (x->kind == READ_PLAN || x->kind == READ_REALISATION)
            n_plan++;
        else
            continue;
        if (!lo || x->year < lo) lo = x->year;
        if (x->year > hi) hi = x->year;
    }
    /* "het budget van actielijn 2, in totaal € 149.000": the actielijn's allocations in
     * the document give the years */
    if (!lo && t->actielijn)
        for (size_t i = 0; i < res->namounts; i++) {
            const ReadAmount *x = &res->amounts[i];
            if (x->kind != READ_ALLOCATION || x->actielijn != t->actielijn || !x->year) continue;
            n_alloc++;
            if (!lo || x->year < lo) lo = x->year;
            if (x->year > hi) hi = x->year;
        }
    if (!lo || (n_alloc && n_plan)) return 0;
    p->year = lo;
    p->year_to = hi;
    p->stated_kind = n_alloc ? STATED_ALLOCATION : STATED_SPENDING;
    return 1;
}

/* The kind of a total with a year: its words, else its parts, the amounts of its year on
 * the lines right above it (a column total). 0 when neither says. */
static int stated_kind_of(const ReadResult *res, const ReadAmount *t, StatedKind *out)
{
    for (size_t i = 0; i < sizeof stated_words / sizeof stated_words[0]; i++)
        if (has_word(t->label, stated_words[i].word)) {
            *out = stated_words[i].kind;
            return 1;
        }
    /* the parts: the amounts of its year on the lines right above it (its column) */
    int n_alloc = 0, n_plan = 0, n_balance = 0, n_other = 0;
    for (int line = t->line - 1; line > 0; line--) {
        int found = 0;
        for (size_t i = 0; i < res->namounts; i++) {
            const ReadAmount *x = &res->amounts[i];
            if (x->page != t->page || x->line != line || x->year != t->year) continue;
            found = 1;
            if (x->kind == READ_ALLOCATION)
                n_alloc++;
            else if (x->kind == READ_PLAN || x->kind == READ_REALISATION)
                n_plan++;
            else if (x->kind == READ_RESERVE_BALANCE)
                n_balance++;
            else
                n_other++;
        }
        if (!found || n_other) break;
    }
    if (n_other || !(n_alloc || n_plan)) return 0;
    if (n_plan && !n_alloc && !n_balance)
        *out = STATED_SPENDING;
    else if (n_alloc && !n_plan)
        *out = n_balance ? STATED_AVAILABLE : STATED_ALLOCATION; /* reserve + allocation */
    else
        return 0;
    return 1;
}

/* A balance listed below the year's withdrawals or deposits (a coverage table's last row)
 * is what is left at the end of that year. */
#define MOVEMENT_ROWS_ABOVE 10
static int after_movements(const ReadResult *res, const ReadAmount *b)
{
    for (size_t i = 0; i < res->namounts; i++) {
        const ReadAmount *x = &res->amounts[i];
        if ((x->kind == READ_RESERVE_WITHDRAWAL || x->kind == READ_RESERVE_DEPOSIT) &&
            x->page == b->page && x->year == b->year && x->line < b->line &&
            x->line >= b->line - MOVEMENT_ROWS_ABOVE)
            return 1;
    }
    return 0;
}

static const char *const no_year =
    "Het document koppelt dit bedrag aan geen enkel jaar; vul het zelf in als u het weet.";

/* Fill p from amount x: the record kind, or PROPOSAL_NONE with the reason. */
static void from_amount(const ReadResult *res, const MuniData *d, const ReadAmount *x, Proposal *p,
                        Arena *a)
{
    p->cents = x->cents;
    p->year = p->year_to = x->year;
    p->actielijn = x->actielijn;
    p->label = x->label && *x->label ? x->label : "";
    const char *label = p->label;
    switch (x->kind) {
    case READ_ALLOCATION:
        p->kind = PROPOSAL_ALLOCATION;
        break;
    case READ_PLAN:
    case READ_REALISATION:
        p->kind = x->kind == READ_PLAN ? PROPOSAL_PLAN : PROPOSAL_REALISATION;
        if (!*label) {
            p->kind = PROPOSAL_NONE;
            p->why_not = "Het document noemt geen maatregel bij dit bedrag.";
            return;
        }
        break;
    case READ_RESERVE_BALANCE:
        p->kind = PROPOSAL_RESERVE_OPENING;
        if (x->year && (is_end_of_year(label) || after_movements(res, x)))
            p->year = p->year_to = x->year + 1;
        break;
    case READ_RESERVE_DEPOSIT:
        p->kind = PROPOSAL_RESERVE_DEPOSIT;
        break;
    case READ_RESERVE_WITHDRAWAL:
        p->kind = PROPOSAL_RESERVE_WITHDRAWAL;
        break;
    case READ_TOTAL:
        p->kind = PROPOSAL_STATED;
        if (!x->year) {
            if (!total_from_row(res, x, p)) {
                p->kind = PROPOSAL_NONE;
                p->why_not = "Een totaal zonder jaar, en de regel noemt de jaren van de "
                             "delen niet.";
            }
            return;
        }
        if (!stated_kind_of(res, x, &p->stated_kind)) {
            p->kind = PROPOSAL_NONE;
            p->why_not = "Een totaal waarvan niet vast te stellen is of het toekenningen, "
                         "uitgaven of beschikbaar geld optelt.";
        }
        return;
    case READ_REQUEST:
        p->kind = PROPOSAL_REQUEST;
        return; /* a request needs no year */
    default:
        p->kind = PROPOSAL_NONE;
        p->why_not = "Geen bedrag van de regeling zelf (een verschil, geld dat niet is "
                     "toegedeeld, een bedrag van een andere regeling of het landelijke "
                     "totaal): wordt niet opgeslagen.";
        return;
    }
    if (!p->year) {
        p->kind = PROPOSAL_NONE;
        p->why_not = no_year;
        return;
    }
    if (p->kind == PROPOSAL_ALLOCATION && d->scheme.first_year &&
        (p->year < d->scheme.first_year || p->year > d->scheme.last_year)) {
        p->kind = PROPOSAL_NONE;
        p->why_not = arena_printf(a, "%d valt buiten de looptijd van de regeling (%d-%d).", p->year,
                                  d->scheme.first_year, d->scheme.last_year);
    }
}

/* The record in Dutch, for the list. */
static const char *what_text(const Proposal *p, Arena *a)
{
    const char *m = money(a, p->cents);
    switch (p->kind) {
    case PROPOSAL_ALLOCATION:
        return p->actielijn
                   ? arena_printf(a, "Toekenning actielijn %d, %d: %s", p->actielijn, p->year, m)
                   : arena_printf(a, "Toekenning %d, niet verdeeld over actielijnen: %s", p->year,
                                  m);
    case PROPOSAL_PLAN:
        return arena_printf(a, "Maatregel '%s', plan %d: %s", p->label, p->year, m);
    case PROPOSAL_REALISATION:
        return arena_printf(a, "Maatregel '%s', gerealiseerd %d: %s", p->label, p->year, m);
    case PROPOSAL_RESERVE_OPENING:
        return arena_printf(a, "Reserve op 1 januari %d: %s", p->year, m);
    case PROPOSAL_RESERVE_DEPOSIT:
        return arena_printf(a, "Storting in de reserve %d: %s", p->year, m);
    case PROPOSAL_RESERVE_WITHDRAWAL:
        return arena_printf(a, "Onttrekking uit de reserve %d: %s", p->year, m);
    case PROPOSAL_STATED: {
        const char *years = p->year_to != p->year ? arena_printf(a, "%d-%d", p->year, p->year_to)
                                                  : arena_printf(a, "%d", p->year);
        const char *what = p->stated_kind == STATED_AVAILABLE  ? "beschikbaar"
                           : p->stated_kind == STATED_SPENDING ? "uitgaven"
                                                               : "toegekend";
        return p->actielijn ? arena_printf(a, "Vermeld totaal %s actielijn %d, %s: %s", what,
                                           p->actielijn, years, m)
                            : arena_printf(a, "Vermeld totaal %s %s: %s", what, years, m);
    }
    case PROPOSAL_DECISION:
        return arena_printf(a, "Besluit van %s%s%s: %s (%s)",
                            strcmp(p->dec->body, "raad") == 0 ? "de raad" : "het college",
                            p->dec->date[0] ? " van " : "", p->dec->date, p->label,
                            p->dec->adopted ? "vastgesteld" : "afgewezen");
    case PROPOSAL_REQUEST:
        return arena_printf(a, "Verzoek: %s, %s", p->label, m);
    default:
        return p->year ? arena_printf(a, "%s in %d: %s", m, p->year, p->label)
                       : arena_printf(a, "%s: %s", m, p->label);
    }
}

/* The allocation matrix cell of (actielijn, year) in d: the current allocation. */
static int64_t allocation_cell(const MuniData *d, int actielijn, int year, int *present)
{
    *present = 0;
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        if (al->current && al->actielijn_number == actielijn && al->year == year &&
            !allocation_is_period(al)) {
            *present = 1;
            return al->amount_cents;
        }
    }
    return 0;
}

/* What p would change in the coverage table: the table computed with p applied in memory
 * against before, row by row, at most max_items cells. */
#define CHANGE_MAX_ITEMS 4
static const char *change_text(const MuniData *d, const Coverage *before, const Proposal *p,
                               Arena *a, PokErr *err)
{
    Buf b = {0};
    if (p->kind == PROPOSAL_ALLOCATION) {
        int present;
        int64_t was = allocation_cell(d, p->actielijn, p->year, &present);
        if (p->actielijn)
            buf_printf(&b, "Toegekend %d, actielijn %d: %s wordt %s", p->year, p->actielijn,
                       money(a, was), money(a, p->cents));
        else
            buf_printf(&b, "Toegekend %d, niet verdeeld over actielijnen: %s wordt %s", p->year,
                       money(a, was), money(a, p->cents));
    }
    const Proposal *one[1] = {p};
    MuniData after;
    Coverage c;
    int items = 0;
    if (proposals_apply(d, one, 1, 0, a, &after, err) == 0 &&
        coverage_compute(&after, a, &c, err) == 0) {
        for (size_t pi = 0; pi < c.n_pots; pi++) {
            const CoveragePot *np = &c.pots[pi];
            const CoveragePot *op = NULL;
            for (size_t k = 0; k < before->n_pots; k++)
                if (before->pots[k].pot_id == np->pot_id) op = &before->pots[k];
            for (size_t r = 0; r < coverage_n_rows; r++)
                for (size_t y = 0; y < np->n_years; y++) {
                    const CoverageYear *ny = &np->years[y];
                    int64_t was = 0;
                    if (op)
                        for (size_t k = 0; k < op->n_years; k++)
                            if (op->years[k].year == ny->year)
                                was = coverage_rows[r].get(&op->years[k]);
                    int64_t now = coverage_rows[r].get(ny);
                    if (was == now) continue;
                    if (items++ == CHANGE_MAX_ITEMS) {
                        buf_puts(&b, "; …");
                        continue;
                    }
                    if (items > CHANGE_MAX_ITEMS) continue;
                    buf_printf(&b, "%s%s %d%s%s: %s wordt %s", b.len ? "; " : "",
                               coverage_rows[r].label, ny->year, c.n_pots > 1 ? ", " : "",
                               c.n_pots > 1 ? coverage_pot_title(np, a) : "", money(a, was),
                               money(a, now));
                }
        }
    }
    if (!b.len) {
        switch (p->kind) {
        case PROPOSAL_STATED:
            buf_puts(&b, "Verandert de dekkingstabel niet; de controles rekenen dit totaal "
                         "na met de vastgelegde bedragen.");
            break;
        case PROPOSAL_DECISION:
            buf_puts(&b, "Verandert de dekkingstabel niet; legt het besluit vast.");
            break;
        case PROPOSAL_REQUEST:
            buf_puts(&b, "Verandert de dekkingstabel niet; legt het verzoek vast.");
            break;
        case PROPOSAL_RESERVE_DEPOSIT:
        case PROPOSAL_RESERVE_WITHDRAWAL:
            buf_puts(&b, "Verandert de dekkingstabel nu niet: die berekent stortingen en "
                         "onttrekkingen uit toekenningen en uitgaven; de controles vergelijken "
                         "het vastgelegde bedrag daarmee.");
            break;
        case PROPOSAL_NONE:
            break;
        default:
            buf_puts(&b, "Verandert de dekkingstabel niet (het bedrag staat er al zo in).");
        }
    }
    const char *out = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return out;
}

static Proposal *add(ProposalSet *set, Arena *a)
{
    set->items = arena_grow(a, set->items, sizeof *set->items, &set->cap, set->n + 1);
    Proposal *p = &set->items[set->n];
    memset(p, 0, sizeof *p);
    return p;
}

static void finish(ProposalSet *set, Proposal *p, const MuniData *d, int64_t src, Arena *a)
{
    p->place = arena_printf(a, "p. %d, r. %d", p->page, p->line);
    p->key = arena_printf(a, "%s:%d:%d:%d:%d:%lld", proposal_groups[p->kind].key, p->page, p->line,
                          p->year, p->actielijn, (long long)p->cents);
    if (p->kind != PROPOSAL_NONE && already_accepted(d, p, src)) {
        set->n_accepted++;
        return;
    }
    p->number = (int)++set->n;
}

/* The reserve has one opening balance per pot (the store keeps one): the earliest the
 * document gives is proposed; the later balances the coverage table computes itself. */
static void one_opening(ProposalSet *set)
{
    const Proposal *first = NULL;
    for (size_t i = 0; i < set->n; i++) {
        const Proposal *p = &set->items[i];
        if (p->kind == PROPOSAL_RESERVE_OPENING && (!first || p->year < first->year)) first = p;
    }
    for (size_t i = 0; i < set->n; i++) {
        Proposal *p = &set->items[i];
        if (p->kind != PROPOSAL_RESERVE_OPENING || p == first) continue;
        p->kind = PROPOSAL_NONE;
        p->why_not = "De reserve heeft één beginstand (de vroegste die het document noemt); "
                     "de latere standen berekent de dekkingstabel zelf.";
    }
}

/* The same figure again (a coverage table repeats the allocation it uses): proposed once,
 * at its first place. */
static void no_repeats(ProposalSet *set)
{
    for (size_t i = 0; i < set->n; i++) {
        Proposal *p = &set->items[i];
        if (p->kind != PROPOSAL_ALLOCATION && p->kind != PROPOSAL_PLAN &&
            p->kind != PROPOSAL_REALISATION)
            continue;
        for (size_t k = 0; k < i; k++) {
            const Proposal *q = &set->items[k];
            if (q->kind == p->kind && q->year == p->year && q->actielijn == p->actielijn &&
                q->cents == p->cents &&
                (p->kind == PROPOSAL_ALLOCATION || same_text(q->label, p->label))) {
                p->kind = PROPOSAL_NONE;
                p->why_not = "Hetzelfde bedrag staat al eerder in het document en wordt daar "
                             "voorgesteld.";
                break;
            }
        }
    }
}

int proposals_build(const ReadResult *res, const MuniData *d, int64_t source_id, Arena *a,
                    ProposalSet *out, PokErr *err)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < res->namounts; i++) {
        const ReadAmount *x = &res->amounts[i];
        Proposal *p = add(out, a);
        p->page = x->page;
        p->line = x->line;
        from_amount(res, d, x, p, a);
        finish(out, p, d, source_id, a);
    }
    for (size_t i = 0; i < res->ndecisions; i++) {
        const ReadDecision *dec = &res->decisions[i];
        Proposal *p = add(out, a);
        p->kind = PROPOSAL_DECISION;
        p->dec = dec;
        p->label = dec->subject && *dec->subject ? dec->subject : "besluit";
        p->page = dec->page;
        p->line = dec->line;
        finish(out, p, d, source_id, a);
    }
    one_opening(out);
    no_repeats(out);
    for (size_t i = 0; i < out->n; i++) out->items[i].what = what_text(&out->items[i], a);
    Coverage before;
    if (coverage_compute(d, a, &before, err)) return -1;
    for (size_t i = 0; i < out->n; i++) {
        out->items[i].change = change_text(d, &before, &out->items[i], a, err);
        if (!out->items[i].change) return -1;
    }
    return 0;
}

const Proposal *proposal_find(const ProposalSet *set, const char *key)
{
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->items[i].key, key) == 0) return &set->items[i];
    return NULL;
}
