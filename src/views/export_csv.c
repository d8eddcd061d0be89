/* export_csv.c: see export_csv.h. Views never compute money: every amount written here
 * is a stored figure or the engine's. */
#include "export_csv.h"

#include "coverage_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing one row, field by field; row_end checks the count against the table */

static void sep(ExportSet *s, size_t t)
{
    if (s->fields_in_row[t]++) buf_puts(&s->csv[t], ",");
}
/* Text (codes, dates and pok's own words pass through unchanged). */
static void f_text(ExportSet *s, size_t t, const char *text)
{
    sep(s, t);
    buf_csv_text(&s->csv[t], text);
}
static void f_int(ExportSet *s, size_t t, int64_t v)
{
    sep(s, t);
    buf_printf(&s->csv[t], "%lld", (long long)v);
}
/* 0 means "none" for ids, years and actielijn numbers: an empty field. */
static void f_opt(ExportSet *s, size_t t, int64_t v)
{
    sep(s, t);
    if (v) buf_printf(&s->csv[t], "%lld", (long long)v);
}
static void f_bool(ExportSet *s, size_t t, int v)
{
    f_int(s, t, v ? 1 : 0);
}
static void f_cite(ExportSet *s, size_t t, const Citation *c)
{
    f_opt(s, t, c->source_id);
    f_text(s, t, c->place);
}
static void row_end(ExportSet *s, size_t t)
{
    /* a row writer that disagrees with its field list is a programming error: the header
     * and the datapackage schema would lie about the data */
    if (s->fields_in_row[t] != export_tables[t].n_fields) {
        fprintf(stderr, "pok: interne fout: tabel %s, %zu velden in plaats van %zu\n",
                export_tables[t].name, s->fields_in_row[t], export_tables[t].n_fields);
        abort();
    }
    s->fields_in_row[t] = 0;
    buf_puts(&s->csv[t], "\n");
}

static int actielijn_number(const MuniData *d, int64_t id)
{
    const Actielijn *al = id ? muni_actielijn(d, id) : NULL;
    return al ? al->number : 0;
}

/* "3;4;5": a list in one field (numbers of actielijnen or purposes). */
static void f_numbers(ExportSet *s, size_t t, const MuniData *d, const int64_t *ids, size_t n,
                      int purposes)
{
    Buf b = {0};
    for (size_t i = 0; i < n; i++) {
        int number = 0;
        if (purposes) {
            for (size_t j = 0; j < d->n_purposes; j++)
                if (d->purposes[j].id == ids[i]) number = d->purposes[j].number;
        } else {
            number = actielijn_number(d, ids[i]);
        }
        buf_printf(&b, "%s%d", i ? ";" : "", number);
    }
    f_text(s, t, b.data ? b.data : "");
    buf_free(&b);
}

/* ---- the tables ---- */

#define CITE_FIELDS                                                                                \
    {"bron_id", "integer", "id van de bron (tabel bronnen)"},                                      \
    {                                                                                              \
        "bron_plaats", "string", "plaats in de bron, bijv. 'p. 4, tabel Financiën'"               \
    }

static const ExportField gemeenten_f[] = {
    {"code", "string", "CBS-code, bijv. GM1734"},
    {"naam", "string", "naam van de gemeente"},
    {"provincie", "string", "provincie"},
    {"eerste_jaar", "integer", "eerste jaar waarin de code geldt (leeg: onbekend)"},
    {"laatste_jaar", "integer", "laatste jaar waarin de code geldt (leeg: geldt nog)"},
};
static void gemeenten_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    const Municipality *g = &m->d->muni;
    f_text(s, t, g->code);
    f_text(s, t, g->name);
    f_text(s, t, g->province);
    f_opt(s, t, g->first_year);
    f_opt(s, t, g->last_year);
    row_end(s, t);
}

static const ExportField inwoners_f[] = {
    {"gemeente", "string", "CBS-code"},
    {"jaar", "integer", "peiljaar"},
    {"aantal", "integer", "aantal inwoners"},
    {"bron_id", "integer", "id van de bron (tabel bronnen)"},
};
static void inwoners_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->n_inhabitants; i++) {
        const Inhabitants *h = &m->inhabitants[i];
        f_text(s, t, h->municipality);
        f_int(s, t, h->year);
        f_int(s, t, h->count);
        f_opt(s, t, h->source_id);
        row_end(s, t);
    }
}

static const ExportField bronnen_f[] = {
    {"id", "integer", "id van de bron"},
    {"soort", "string", "circulaire, raadsvoorstel, collegebesluit, brief, ..."},
    {"titel", "string", "titel van het document"},
    {"kenmerk", "string", "kenmerk of bestandsnaam"},
    {"datum", "date", "datum van het document"},
    {"gemeente", "string", "CBS-code; leeg voor landelijke documenten"},
    {"notitie", "string", "toelichting"},
};
static void bronnen_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->n_sources; i++) {
        const Source *src = &m->sources[i];
        int seen = 0;
        for (size_t j = 0; j < s->n_source_ids && !seen; j++) seen = s->source_ids[j] == src->id;
        if (seen) continue; /* a circulaire is cited by every municipality */
        if (s->n_source_ids == s->cap_source_ids) {
            s->cap_source_ids = s->cap_source_ids ? 2 * s->cap_source_ids : 32;
            s->source_ids = xrealloc(s->source_ids, s->cap_source_ids * sizeof *s->source_ids);
        }
        s->source_ids[s->n_source_ids++] = src->id;
        f_int(s, t, src->id);
        f_text(s, t, src->kind);
        f_text(s, t, src->title);
        f_text(s, t, src->reference);
        f_text(s, t, src->date);
        f_text(s, t, src->municipality);
        f_text(s, t, src->note);
        row_end(s, t);
    }
}

static const ExportField actielijnen_f[] = {
    {"regeling", "string", "code van de regeling, bijv. POK"},
    {"nummer", "integer", "nummer van de actielijn"},
    {"naam", "string", "korte naam"},
    {"naam_circulaire", "string", "naam in de circulaire"},
};
static void actielijnen_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    if (s->n_munis) return; /* the same for every municipality */
    for (size_t i = 0; i < m->d->n_actielijnen; i++) {
        const Actielijn *al = &m->d->actielijnen[i];
        f_text(s, t, m->d->scheme.code);
        f_int(s, t, al->number);
        f_text(s, t, al->name);
        f_text(s, t, al->circulaire_name);
        row_end(s, t);
    }
}

static const ExportField toekenningen_f[] = {
    {"id", "integer", "id van de toekenning"},
    {"gemeente", "string", "CBS-code"},
    {"actielijn", "integer", "nummer van de actielijn; leeg: niet uitgesplitst naar actielijn"},
    {"jaar", "integer", "jaar"},
    {"versie", "integer", "1, 2, ...: een latere circulaire voegt een versie toe"},
    {"actueel", "boolean", "1 voor de hoogste (geldende) versie"},
    {"bedrag_cents", "integer", "bedrag in eurocent"},
    CITE_FIELDS,
    {"vastgelegd_op", "string", "moment van vastleggen in pok"},
};
static void toekenningen_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->d->n_allocations; i++) {
        const Allocation *al = &m->d->allocations[i];
        f_int(s, t, al->id);
        f_text(s, t, al->municipality);
        f_opt(s, t,
              al->actielijn_number ? al->actielijn_number
                                   : actielijn_number(m->d, al->actielijn_id));
        f_int(s, t, al->year);
        f_int(s, t, al->version);
        f_bool(s, t, al->current);
        f_int(s, t, al->amount_cents);
        f_cite(s, t, &al->cite);
        f_text(s, t, al->recorded_at);
        row_end(s, t);
    }
}

static const ExportField potten_f[] = {
    {"id", "integer", "id van de pot"},
    {"gemeente", "string", "CBS-code"},
    {"naam", "string", "naam van de pot"},
    {"actielijnen", "string", "nummers van de actielijnen in de pot, gescheiden door ;"},
    CITE_FIELDS,
};
static void potten_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->d->n_pots; i++) {
        const Pot *p = &m->d->pots[i];
        f_int(s, t, p->id);
        f_text(s, t, p->municipality);
        f_text(s, t, p->name);
        f_numbers(s, t, m->d, p->actielijn_ids, p->n_actielijnen, 0);
        f_cite(s, t, &p->cite);
        row_end(s, t);
    }
}

static const ExportField maatregelen_f[] = {
    {"id", "integer", "id van de maatregel"},
    {"gemeente", "string", "CBS-code"},
    {"pot_id", "integer", "pot (leeg: de standaardpot of volgens de actielijn)"},
    {"naam", "string", "naam"},
    {"omschrijving", "string", "omschrijving"},
    {"partner", "string", "uitvoerende partner"},
    {"status", "string", "gepland, lopend, afgerond of gestopt"},
    {"kostenplaatsen", "string", "kostenplaatsen of projectcodes, gescheiden door komma's"},
    {"actielijnen", "string", "nummers van de actielijnen, gescheiden door ;"},
    {"doelen", "string", "nummers van de bestedingsdoelen, gescheiden door ;"},
    CITE_FIELDS,
    {"besluit_id", "integer", "besluit waarop de maatregel berust (tabel besluiten)"},
};
static void maatregelen_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->d->n_measures; i++) {
        const Measure *ms = &m->d->measures[i];
        f_int(s, t, ms->id);
        f_text(s, t, ms->municipality);
        f_opt(s, t, ms->pot_id);
        f_text(s, t, ms->name);
        f_text(s, t, ms->description);
        f_text(s, t, ms->partner);
        f_text(s, t, ms->status);
        f_text(s, t, ms->cost_centres);
        f_numbers(s, t, m->d, ms->actielijn_ids, ms->n_actielijnen, 0);
        f_numbers(s, t, m->d, ms->purpose_ids, ms->n_purposes, 1);
        f_cite(s, t, &ms->cite);
        f_opt(s, t, ms->decision_id);
        row_end(s, t);
    }
}

static const ExportField bedragen_f[] = {
    {"id", "integer", "id van het bedrag"},
    {"maatregel_id", "integer", "maatregel (tabel maatregelen)"},
    {"jaar", "integer", "jaar"},
    {"soort", "string", "plan of realisatie"},
    {"bedrag_cents", "integer", "bedrag in eurocent"},
    CITE_FIELDS,
    {"besluit_id", "integer", "besluit (tabel besluiten)"},
};
static void bedragen_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->d->n_amounts; i++) {
        const MeasureAmount *a = &m->d->amounts[i];
        f_int(s, t, a->id);
        f_int(s, t, a->measure_id);
        f_int(s, t, a->year);
        f_text(s, t, a->kind == AMOUNT_PLAN ? "plan" : "realisatie");
        f_int(s, t, a->amount_cents);
        f_cite(s, t, &a->cite);
        f_opt(s, t, a->decision_id);
        row_end(s, t);
    }
}

static const ExportField openingen_f[] = {
    {"id", "integer", "id"},
    {"gemeente", "string", "CBS-code"},
    {"pot_id", "integer", "pot (leeg: de standaardpot)"},
    {"jaar", "integer", "stand op 1 januari van dit jaar"},
    {"bedrag_cents", "integer", "beginsaldo in eurocent"},
    CITE_FIELDS,
    {"besluit_id", "integer", "besluit (tabel besluiten)"},
};
static void openingen_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->d->n_openings; i++) {
        const ReserveOpening *o = &m->d->openings[i];
        f_int(s, t, o->id);
        f_text(s, t, o->municipality);
        f_opt(s, t, o->pot_id);
        f_int(s, t, o->year);
        f_int(s, t, o->amount_cents);
        f_cite(s, t, &o->cite);
        f_opt(s, t, o->decision_id);
        row_end(s, t);
    }
}

static const ExportField mutaties_f[] = {
    {"id", "integer", "id"},
    {"gemeente", "string", "CBS-code"},
    {"pot_id", "integer", "pot (leeg: de standaardpot)"},
    {"soort", "string", "storting, onttrekking of overheveling"},
    {"jaar", "integer", "jaar van de mutatie (overheveling: het jaar waaruit)"},
    {"naar_jaar", "integer", "overheveling: het jaar waarnaar"},
    {"bedrag_cents", "integer", "bedrag in eurocent"},
    {"omschrijving", "string", "omschrijving"},
    CITE_FIELDS,
    {"besluit_id", "integer", "besluit (tabel besluiten)"},
};
static void mutaties_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->d->n_movements; i++) {
        const ReserveMovement *r = &m->d->movements[i];
        f_int(s, t, r->id);
        f_text(s, t, r->municipality);
        f_opt(s, t, r->pot_id);
        f_text(s, t, reserve_kind_name(r->kind));
        f_int(s, t, r->year);
        f_opt(s, t, r->to_year);
        f_int(s, t, r->amount_cents);
        f_text(s, t, r->description);
        f_cite(s, t, &r->cite);
        f_opt(s, t, r->decision_id);
        row_end(s, t);
    }
}

static const ExportField besluiten_f[] = {
    {"id", "integer", "id van het besluit"},
    {"gemeente", "string", "CBS-code"},
    {"datum", "date", "datum"},
    {"orgaan", "string", "college of raad"},
    {"kenmerk", "string", "kenmerk"},
    {"titel", "string", "titel"},
    {"uitkomst", "string", "vastgesteld, afgewezen, ingestemd, ..."},
    CITE_FIELDS,
};
static void besluiten_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->d->n_decisions; i++) {
        const Decision *b = &m->d->decisions[i];
        f_int(s, t, b->id);
        f_text(s, t, b->municipality);
        f_text(s, t, b->date);
        f_text(s, t, b->body);
        f_text(s, t, b->reference);
        f_text(s, t, b->title);
        f_text(s, t, b->outcome);
        f_cite(s, t, &b->cite);
        row_end(s, t);
    }
}

static const ExportField verzoeken_f[] = {
    {"id", "integer", "id van het verzoek"},
    {"gemeente", "string", "CBS-code"},
    {"aanvrager", "string", "wie om geld vraagt"},
    {"datum", "date", "datum van het verzoek"},
    {"onderwerp", "string", "onderwerp"},
    {"bedrag_cents", "integer", "gevraagd bedrag in eurocent (leeg: geen bedrag genoemd)"},
    {"brief_bron_id", "integer", "de brief zelf (tabel bronnen)"},
    {"besluit_id", "integer", "besluit (tabel besluiten)"},
    {"status", "string", "open, toegekend, afgewezen, deels toegekend"},
    CITE_FIELDS,
};
static void verzoeken_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->d->n_requests; i++) {
        const Request *r = &m->d->requests[i];
        f_int(s, t, r->id);
        f_text(s, t, r->municipality);
        f_text(s, t, r->requester);
        f_text(s, t, r->date);
        f_text(s, t, r->subject);
        if (r->has_amount)
            f_int(s, t, r->amount_cents);
        else
            f_text(s, t, NULL);
        f_opt(s, t, r->letter_source_id);
        f_opt(s, t, r->decision_id);
        f_text(s, t, r->status);
        f_cite(s, t, &r->cite);
        row_end(s, t);
    }
}

static const ExportField evaluaties_f[] = {
    {"id", "integer", "id van de evaluatie"},
    {"maatregel_id", "integer", "maatregel (tabel maatregelen)"},
    {"datum", "date", "datum"},
    {"oordeel", "string", "bijv. effectief, deels effectief"},
    {"tekst", "string", "toelichting"},
    {"vervolg", "string", "voortzetten, stoppen, doel bereikt, structureel maken"},
    CITE_FIELDS,
    {"besluit_id", "integer", "besluit (tabel besluiten)"},
};
static void evaluaties_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->d->n_evaluations; i++) {
        const Evaluation *e = &m->d->evaluations[i];
        f_int(s, t, e->id);
        f_int(s, t, e->measure_id);
        f_text(s, t, e->date);
        f_text(s, t, e->verdict);
        f_text(s, t, e->text);
        f_text(s, t, e->follow_up);
        f_cite(s, t, &e->cite);
        f_opt(s, t, e->decision_id);
        row_end(s, t);
    }
}

static const ExportField jaren_f[] = {
    {"gemeente", "string", "CBS-code"},
    {"jaar", "integer", "afgesloten jaar: de uitgaven zijn de realisatie"},
    CITE_FIELDS,
    {"besluit_id", "integer", "besluit (tabel besluiten)"},
};
static void jaren_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->d->n_closed; i++) {
        const ClosedYear *y = &m->d->closed[i];
        f_text(s, t, y->municipality);
        f_int(s, t, y->year);
        f_cite(s, t, &y->cite);
        f_opt(s, t, y->decision_id);
        row_end(s, t);
    }
}

static const ExportField genoemd_f[] = {
    {"id", "integer", "id"},
    {"gemeente", "string", "CBS-code"},
    {"soort", "string", "toekenning, beschikbaar of uitgaven"},
    {"actielijn", "integer", "nummer van de actielijn (leeg: alle)"},
    {"pot_id", "integer", "pot (leeg: alle potten)"},
    {"jaar_van", "integer", "eerste jaar"},
    {"jaar_tot", "integer", "laatste jaar"},
    {"bedrag_cents", "integer", "het bedrag dat het document noemt, in eurocent"},
    {"omschrijving", "string", "de woorden van het document"},
    CITE_FIELDS,
};
static void genoemd_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->d->n_stated; i++) {
        const StatedFigure *g = &m->d->stated[i];
        f_int(s, t, g->id);
        f_text(s, t, g->municipality);
        f_text(s, t, stated_kind_name(g->kind));
        f_opt(s, t, actielijn_number(m->d, g->actielijn_id));
        f_opt(s, t, g->pot_id);
        f_int(s, t, g->year_from);
        f_int(s, t, g->year_to);
        f_int(s, t, g->amount_cents);
        f_text(s, t, g->description);
        f_cite(s, t, &g->cite);
        row_end(s, t);
    }
}

/* The columns of coverage_print_csv (docs/json.md): the table is written by it, so that
 * dekking.csv is exactly `pok coverage --format csv`. */
static const ExportField dekking_f[] = {
    {"municipality", "string", "CBS-code"},
    {"pot_id", "integer", "pot; 0 is de standaardpot met alle actielijnen"},
    {"pot", "string", "naam van de pot"},
    {"year", "integer", "jaar"},
    {"closed", "boolean", "1: afgesloten jaar, uitgaven zijn de realisatie"},
    {"allocation_cents", "integer", "toekenning"},
    {"spending_cents", "integer", "uitgaven (realisatie als afgesloten, anders plan)"},
    {"from_allocation_cents", "integer", "gedekt uit de toekenning van het jaar"},
    {"reserve_withdrawal_cents", "integer", "onttrekking uit de reserve"},
    {"reserve_deposit_cents", "integer", "storting in de reserve"},
    {"reserve_end_cents", "integer", "reserve op 31 december"},
    {"shortfall_cents", "integer", "tekort (niet gedekt)"},
    {"unplanned_cents", "integer", "zonder bestemming"},
    {"reserve_start_cents", "integer", "reserve op 1 januari"},
    {"planned_cents", "integer", "gepland"},
    {"realised_cents", "integer", "gerealiseerd"},
    {"unexplained_cents", "integer", "niet besteed, onverklaard (afgesloten jaar)"},
};
static void dekking_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        /* out of memory: the table is marked failed, its owner reports it (buf_check) */
        s->csv[t].over = 1;
        return;
    }
    coverage_print_csv(m->c, 0, f);
    fclose(f);
    buf_append(&s->csv[t], text, len);
    free(text);
}

static const ExportField bevindingen_f[] = {
    {"gemeente", "string", "CBS-code"},
    {"soort", "string", "code van de controle (docs/coverage.md)"},
    {"ernst", "string", "fout, waarschuwing of info"},
    {"jaar", "integer", "jaar (leeg: niet over één jaar)"},
    {"pot", "string", "naam van de pot (leeg: niet over één pot)"},
    {"record_id", "integer", "het gegeven waarover het gaat (leeg: geen)"},
    {"bedrag_cents", "integer", "het bedrag waarom het gaat"},
    {"verwacht_cents", "integer", "wat pok berekent, waar twee bedragen worden vergeleken"},
    {"werkelijk_cents", "integer", "wat het document zegt"},
    {"bericht", "string", "de bevinding in gewone taal"},
    CITE_FIELDS,
};
static void bevindingen_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->n_findings; i++) {
        const Finding *f = &m->findings[i];
        f_text(s, t, m->d->muni.code);
        f_text(s, t, check_kind_code(f->kind));
        f_text(s, t, severity_name(f->severity));
        f_opt(s, t, f->year);
        f_text(s, t, f->pot_name);
        f_opt(s, t, f->record_id);
        f_int(s, t, f->amount);
        f_int(s, t, f->expected);
        f_int(s, t, f->actual);
        f_text(s, t, f->message);
        f_cite(s, t, &f->cite);
        row_end(s, t);
    }
}

#define N(a) (sizeof a / sizeof a[0])
static const ExportForeignKey fk_muni[] = {{"gemeente", "gemeenten", "code"}};
static const ExportForeignKey fk_measure[] = {{"maatregel_id", "maatregelen", "id"}};
static const ExportForeignKey fk_alloc[] = {{"gemeente", "gemeenten", "code"},
                                            {"bron_id", "bronnen", "id"}};
static const ExportForeignKey fk_dekking[] = {{"municipality", "gemeenten", "code"}};

const ExportTable export_tables[] = {
    {"gemeenten", "Gemeenten", gemeenten_f, N(gemeenten_f), {"code"}, NULL, 0, gemeenten_rows},
    {"inwoners",
     "Inwonertallen",
     inwoners_f,
     N(inwoners_f),
     {"gemeente", "jaar"},
     fk_muni,
     1,
     inwoners_rows},
    {"bronnen", "Bronnen (documenten)", bronnen_f, N(bronnen_f), {"id"}, NULL, 0, bronnen_rows},
    {"actielijnen",
     "Actielijnen",
     actielijnen_f,
     N(actielijnen_f),
     {"regeling", "nummer"},
     NULL,
     0,
     actielijnen_rows},
    {"toekenningen",
     "Toekenningen (alle versies)",
     toekenningen_f,
     N(toekenningen_f),
     {"id"},
     fk_alloc,
     N(fk_alloc),
     toekenningen_rows},
    {"potten", "Potten", potten_f, N(potten_f), {"id"}, fk_muni, 1, potten_rows},
    {"maatregelen",
     "Maatregelen",
     maatregelen_f,
     N(maatregelen_f),
     {"id"},
     fk_muni,
     1,
     maatregelen_rows},
    {"bedragen",
     "Plan- en realisatiebedragen per maatregel en jaar",
     bedragen_f,
     N(bedragen_f),
     {"id"},
     fk_measure,
     1,
     bedragen_rows},
    {"reserve_openingen",
     "Beginsaldi van de reserve",
     openingen_f,
     N(openingen_f),
     {"id"},
     fk_muni,
     1,
     openingen_rows},
    {"reservemutaties",
     "Reservemutaties",
     mutaties_f,
     N(mutaties_f),
     {"id"},
     fk_muni,
     1,
     mutaties_rows},
    {"besluiten", "Besluiten", besluiten_f, N(besluiten_f), {"id"}, fk_muni, 1, besluiten_rows},
    {"verzoeken", "Verzoeken", verzoeken_f, N(verzoeken_f), {"id"}, fk_muni, 1, verzoeken_rows},
    {"evaluaties",
     "Evaluaties",
     evaluaties_f,
     N(evaluaties_f),
     {"id"},
     fk_measure,
     1,
     evaluaties_rows},
    {"afgesloten_jaren",
     "Afgesloten jaren",
     jaren_f,
     N(jaren_f),
     {"gemeente", "jaar"},
     fk_muni,
     1,
     jaren_rows},
    {"genoemde_bedragen",
     "Bedragen zoals documenten ze noemen",
     genoemd_f,
     N(genoemd_f),
     {"id"},
     fk_muni,
     1,
     genoemd_rows},
    {"dekking",
     "Dekking per pot en jaar (berekend)",
     dekking_f,
     N(dekking_f),
     {"municipality", "pot_id", "year"},
     fk_dekking,
     1,
     dekking_rows},
    {"bevindingen",
     "Bevindingen van de controles (berekend)",
     bevindingen_f,
     N(bevindingen_f),
     {0},
     fk_muni,
     1,
     bevindingen_rows},
};
const size_t export_n_tables = N(export_tables);

void export_set_init(ExportSet *s)
{
    memset(s, 0, sizeof *s);
    s->csv = xcalloc(export_n_tables, sizeof *s->csv);
    s->fields_in_row = xcalloc(export_n_tables, sizeof *s->fields_in_row);
    for (size_t t = 0; t < export_n_tables; t++) {
        for (size_t i = 0; i < export_tables[t].n_fields; i++) {
            if (i) buf_puts(&s->csv[t], ",");
            buf_csv_field(&s->csv[t], export_tables[t].fields[i].name);
        }
        buf_puts(&s->csv[t], "\n");
    }
}

void export_set_add(ExportSet *s, const ExportMuni *m)
{
    for (size_t t = 0; t < export_n_tables; t++) export_tables[t].rows(s, t, m);
    s->n_munis++;
}

void export_set_free(ExportSet *s)
{
    for (size_t t = 0; t < export_n_tables; t++) buf_free(&s->csv[t]);
    free(s->csv);
    free(s->fields_in_row);
    free(s->source_ids);
    memset(s, 0, sizeof *s);
}
