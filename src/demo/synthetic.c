/* synthetic.c: the generated national data set (synthetic.h). Deterministic: each
 * municipality draws from its own splitmix64 stream, seeded by the seed and its code, so
 * the same seed gives the same figures whatever the order or the scale. Amounts are
 * integer cents throughout: a national amount per inhabitant per actielijn (Olst-Wijhe's
 * figures per inhabitant), varied a little per municipality. Everything goes through the
 * ordinary store functions, so every record is checked and audited like any other. */
#include "synthetic.h"

#include "../embedded.h"
#include "../store/store_closing.h"
#include "../store/store_records.h"
#include "../store/store_reference.h"
#include "../store/store_sharing.h"
#include "demo.h"

#include <stdlib.h>
#include <string.h>

#define FIRST_YEAR 2022
#define LAST_YEAR 2027
#define N_YEARS (LAST_YEAR - FIRST_YEAR + 1)
#define LAST_PAST_YEAR 2025 /* realisations exist up to this year */
#define CODES 10000         /* GM0000..GM9999 */
#define MAX_MEASURES 8
#define CITE_PLACE "gegenereerd, geen echt document"

/* ---- the generator's random numbers ---- */

typedef struct Rng {
    uint64_t state;
} Rng;

static uint64_t rng_next(Rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* lo..hi inclusive. */
static int rng_range(Rng *r, int lo, int hi)
{
    return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static int rng_chance(Rng *r, int percent)
{
    return rng_range(r, 0, 99) < percent;
}

#define PICK(r, list) ((list)[rng_range((r), 0, (int)(sizeof(list) / sizeof((list)[0])) - 1)])

static Rng rng_for(int64_t seed, const char *code)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a of the code */
    for (const char *p = code; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ull;
    Rng r = {(uint64_t)seed ^ h};
    rng_next(&r);
    return r;
}

/* ---- what is generated from ---- */

/* Cents per inhabitant per year 2022..2027 of the actielijnen paid through the
 * gemeentefonds (2-5; 1 and 6-8 do not reach municipalities this way): Olst-Wijhe's
 * allocations of the decembercirculaire 2021 divided by its 18.361 inhabitants. */
static const struct {
    int actielijn;
    int64_t cents[N_YEARS];
} PER_INHABITANT[] = {
    {2, {109, 120, 120, 120, 120, 120}},
    {3, {30, 30, 30, 30, 30, 30}},
    {4, {180, 180, 180, 180, 207, 207}},
    {5, {22, 11, 0, 0, 0, 0}},
};
#define N_ACTIELIJNEN (sizeof PER_INHABITANT / sizeof PER_INHABITANT[0])

typedef struct MeasureKind {
    int actielijn;
    const char *names[3];
    const char *descriptions[3];
    const char *partners[3];
} MeasureKind;

static const MeasureKind KINDS[] = {
    {2,
     {"Uitbreiding schuldhulpverlening", "Snellere toegang tot schuldhulpverlening",
      "Schuldhulpmaatjes"},
     {"Meer uren schuldhulpverlening zodat inwoners binnen drie dagen een eerste gesprek "
      "hebben",
      "Vrijwillige maatjes begeleiden inwoners met geldzorgen naast de professionele hulp",
      "Kortere wachttijd en een vast aanspreekpunt voor inwoners met schulden"},
     {"Humanitas", "Schuldhulpmaatje", "Kredietbank"}},
    {2,
     {"Uitbreiding sociaal raadslieden", "Spreekuren sociaal raadslieden in de wijk",
      "Sociaal raadslieden: extra formatie"},
     {"Meer uren sociaal raadslieden voor vragen over toeslagen, bezwaar en formulieren",
      "Inloopspreekuren in wijkcentra en de bibliotheek",
      "Tijdelijke uitbreiding van de sociaal raadslieden om wachtlijsten weg te werken"},
     {"Sociaal Raadslieden", "Sociaal Juridisch Loket", "Sociaal Raadslieden"}},
    {2,
     {"Onafhankelijke cliëntondersteuning", "Uitbreiding cliëntondersteuning",
      "Cliëntondersteuning bij keukentafelgesprekken"},
     {"Onafhankelijke ondersteuning van inwoners bij Wmo, Jeugdwet en Participatiewet",
      "Bekendheid en bereik van cliëntondersteuning vergroten",
      "Een cliëntondersteuner schuift aan bij het gesprek met de gemeente"},
     {"MEE", "Zorgbelang", "MEE"}},
    {4,
     {"Versterking wijkteam", "Extra formatie sociaal wijkteam", "Gebiedsteam: casusregie"},
     {"Extra consulenten in het wijkteam zodat inwoners sneller geholpen worden",
      "Een casusregisseur voor huishoudens met problemen op meerdere terreinen",
      "Tijdelijke uitbreiding van het gebiedsteam en scholing van medewerkers"},
     {NULL, "Welzijnsorganisatie", NULL}},
    {4,
     {"Huiskamer in de wijk", "Inloophuiskamer", "Stimulering zelfstandige huiskamers"},
     {"Laagdrempelige ontmoetingsplek met vrijwilligers en een vast spreekuur",
      "Ondersteuning van huiskamers op weg naar zelfstandigheid",
      "Een inloop voor inwoners die de weg naar hulp niet vinden"},
     {"Humanitas", "Leger des Heils", "Welzijnsorganisatie"}},
    {2,
     {"Financiën de Baas", "Cursus Financiën de Baas", "Thuisadministratie door vrijwilligers"},
     {"Cursus en begeleiding om grip op de eigen financiën te krijgen",
      "Vrijwilligers helpen inwoners thuis met hun administratie",
      "Preventief budgetadvies voor inwoners met een laag inkomen"},
     {"Financiën de Baas", "Humanitas", "Humanitas"}},
    {4,
     {"Vroegsignalering betalingsachterstanden", "Vroeg Eropaf", "Vroegsignalering schulden"},
     {"Signalen van woningcorporaties en energieleveranciers leiden tot een huisbezoek",
      "Binnen twee weken contact met inwoners met een betalingsachterstand",
      "Samenwerking met vaste-lastenpartners om schulden vroeg te zien"},
     {"Kredietbank", NULL, "Woningcorporatie"}},
    {2,
     {"Gemeentelijke ombudsfunctie", "Kinderombudsman", "Klachtbehandeling en ombudsfunctie"},
     {"Een onafhankelijke ombudsfunctie voor klachten over de gemeentelijke dienstverlening",
      "Aandacht voor de rechten van kinderen in de dienstverlening",
      "Informeel klachten oplossen voordat een bezwaar nodig is"},
     {"Ombudsman", NULL, NULL}},
    {5,
     {"Impuls integraal werken sociaal domein", "Multidisciplinair overleg",
      "Doorbraakaanpak vastgelopen casussen"},
     {"Professionals uit werk, inkomen, zorg en schuld werken vanuit één plan",
      "Een aanjager voor multidisciplinair overleg over complexe situaties",
      "Een doorbraakbudget om vastgelopen situaties vlot te trekken"},
     {NULL, "MEE", NULL}},
    {3,
     {"Leertraject kwetsbare wijken", "Systeemleren met ervaringsdeskundigen",
      "Lerend netwerk dienstverlening"},
     {"Leren van casussen waarin de dienstverlening tekortschoot",
      "Ervaringsdeskundigen toetsen werkprocessen en brieven",
      "Een lerend netwerk van uitvoerders in het sociaal domein"},
     {NULL, "Movisie", NULL}},
    {4,
     {"Ondersteuning gedupeerden hersteloperatie", "Brede hulp herstel kinderopvangtoeslag",
      "Jobcoach voor kwetsbare inwoners"},
     {"Een vast aanspreekpunt voor gedupeerde ouders op vijf leefgebieden",
      "Hulp bij schulden, wonen, werk en gezin voor gedupeerde ouders",
      "Begeleiding naar werk voor inwoners met een afstand tot de arbeidsmarkt"},
     {NULL, "Werkgeversservicepunt", NULL}},
    {5,
     {"Toegankelijke digitale dienstverlening", "Begrijpelijke brieven",
      "Eén loket sociaal domein"},
     {"Formulieren en brieven in eenvoudige taal, ook digitaal toegankelijk",
      "Brieven van de gemeente herschreven met inwoners",
      "Eén ingang voor alle vragen over geld, "
      "zorg en werk"},
     {"Bibliotheek", NULL, NULL}},
};
#define N_KINDS (sizeof KINDS / sizeof KINDS[0])

static const struct {
    const char *verdict, *follow_up, *text;
} EVALUATIONS[] = {
    {"effectief", "structureel maken",
     "Het bereik is ruim boven verwachting; de inzet wordt in de reguliere begroting opgenomen."},
    {"effectief", "voortzetten",
     "Inwoners en professionals zijn positief; voortzetten zolang de middelen het toelaten."},
    {"deels effectief", "voortzetten",
     "Het doel is deels bereikt; de aanpak wordt bijgesteld en voortgezet."},
    {"niet effectief", "stoppen", "Het bereik bleef achter bij de verwachting; de inzet stopt."},
    {"doel bereikt", "doel bereikt", "Het doel is bereikt; voortzetting is niet nodig."},
};

/* Municipalities formed after 2021 have no inhabitants of 2021 of their own: the sum of
 * those they were formed from (CBS gemeentelijke indeling 2022 and 2023). */
static const struct {
    const char *code;
    const char *from[5];
} MERGED[] = {
    {"GM1980", {"GM0398", "GM0416"}},
    {"GM1982", {"GM0756", "GM1684", "GM0786", "GM0815", "GM1702"}},
    {"GM1991", {"GM1685", "GM0856"}},
    {"GM1992", {"GM0501", "GM0530", "GM0614"}},
};

/* ---- the generator ---- */

typedef struct Gen {
    Store *s;
    Scheme pok;
    Actielijn *al;
    size_t n_al;
    int64_t seed;
    int64_t source_id;
    Arena arena;
    Municipality *by_code[CODES]; /* every municipality in the store, by number */
    int64_t inhabitants[CODES];   /* of 2021 */
    SyntheticSummary *sum;
    PokErr *err;
    int failed;
} Gen;

static int code_number(const char *code)
{
    if (!code || strlen(code) != 6 || code[0] != 'G' || code[1] != 'M') return -1;
    int n = 0;
    for (int i = 2; i < 6; i++) {
        if (code[i] < '0' || code[i] > '9') return -1;
        n = n * 10 + (code[i] - '0');
    }
    return n;
}

static int64_t actielijn_id(const Gen *g, int number)
{
    for (size_t i = 0; i < g->n_al; i++)
        if (g->al[i].number == number) return g->al[i].id;
    return 0;
}

static Citation cite(const Gen *g)
{
    return (Citation){g->source_id, CITE_PLACE};
}

/* Round cents to whole multiples of unit cents, half up (amounts are never negative). */
static int64_t round_to(int64_t cents, int64_t unit)
{
    return (cents + unit / 2) / unit * unit;
}

/* One municipality being generated: its money per pot slot and year, as generated. */
typedef struct Muni {
    const char *code;
    int64_t inhabitants;
    Rng rng;
    int n_pots;         /* 0: the default pot; 2: "Actielijn 2" and "Actielijnen 3, 4 en 5" */
    int64_t pot_ids[2]; /* by slot */
    int64_t alloc[2][N_YEARS], realised[2][N_YEARS];
    int64_t dec_plan, dec_raad, dec_continue;
    /* deliberate gaps, for the completeness view */
    int no_realisations, no_plan_year, no_evaluations, no_allocation_year;
    int closed_until; /* 0: no closed year */
} Muni;

static int slot_of(const Muni *m, int actielijn)
{
    return m->n_pots == 2 && actielijn != 2 ? 1 : 0;
}

static int64_t decision(Gen *g, Muni *m, int year, const char *body, const char *title)
{
    char *date = arena_printf(&g->arena, "%d-%02d-%02d", year, rng_range(&m->rng, 1, 11),
                              rng_range(&m->rng, 1, 28));
    char *reference = arena_printf(&g->arena, "%s/%d/%06d", body[0] == 'r' ? "RB" : "BW", year,
                                   rng_range(&m->rng, 1, 999999));
    Decision d = {.municipality = m->code,
                  .date = date,
                  .body = body,
                  .reference = reference,
                  .title = title,
                  .outcome = "vastgesteld",
                  .cite = cite(g)};
    if (g->failed || store_decision_add(g->s, &d, g->err)) {
        g->failed = 1;
        return 0;
    }
    g->sum->decisions++;
    return d.id;
}

static void allocations(Gen *g, Muni *m)
{
    for (size_t i = 0; i < N_ACTIELIJNEN; i++) {
        /* the circulaire's distribution key differs a little from inhabitants alone */
        int64_t permille = rng_range(&m->rng, 920, 1080);
        int slot = slot_of(m, PER_INHABITANT[i].actielijn);
        for (int y = 0; y < N_YEARS && !g->failed; y++) {
            int64_t cents =
                round_to(m->inhabitants * PER_INHABITANT[i].cents[y] * permille / 1000, 100);
            if (!cents || FIRST_YEAR + y == m->no_allocation_year) continue;
            Allocation al = {.municipality = m->code,
                             .scheme_id = g->pok.id,
                             .actielijn_id = actielijn_id(g, PER_INHABITANT[i].actielijn),
                             .year = FIRST_YEAR + y,
                             .amount_cents = cents,
                             .cite = cite(g)};
            if (store_allocation_add(g->s, &al, g->err)) {
                g->failed = 1;
                return;
            }
            m->alloc[slot][y] += cents;
            g->sum->allocations++;
            g->sum->allocated_cents += cents;
        }
    }
}

static void pots(Gen *g, Muni *m)
{
    if (!rng_chance(&m->rng, 25)) return;
    int64_t al2 = actielijn_id(g, 2);
    int64_t al345[] = {actielijn_id(g, 3), actielijn_id(g, 4), actielijn_id(g, 5)};
    Pot p[2] = {{.municipality = m->code,
                 .scheme_id = g->pok.id,
                 .name = "Actielijn 2",
                 .actielijn_ids = &al2,
                 .n_actielijnen = 1,
                 .cite = cite(g)},
                {.municipality = m->code,
                 .scheme_id = g->pok.id,
                 .name = "Actielijnen 3, 4 en 5",
                 .actielijn_ids = al345,
                 .n_actielijnen = 3,
                 .cite = cite(g)}};
    for (int i = 0; i < 2 && !g->failed; i++) {
        if (store_pot_add(g->s, &p[i], g->err))
            g->failed = 1;
        else
            m->pot_ids[i] = p[i].id, g->sum->pots++;
    }
    m->n_pots = 2;
}

typedef struct Planned {
    int64_t id;
    int slot, first, last, weight;
    const char *status;
} Planned;

static void amount(Gen *g, int64_t measure_id, AmountKind kind, int year, int64_t cents,
                   int64_t decision_id)
{
    MeasureAmount ma = {.measure_id = measure_id,
                        .year = year,
                        .kind = kind,
                        .amount_cents = cents,
                        .cite = cite(g),
                        .decision_id = decision_id};
    if (g->failed || store_measure_amount_set(g->s, &ma, g->err)) {
        g->failed = 1;
        return;
    }
    g->sum->amounts++;
    if (kind == AMOUNT_PLAN)
        g->sum->planned_cents += cents;
    else
        g->sum->realised_cents += cents;
}

static void evaluation(Gen *g, Muni *m, const Planned *p)
{
    size_t pick;
    if (!strcmp(p->status, "gestopt"))
        pick = 3;
    else if (!strcmp(p->status, "lopend"))
        pick = 2;
    else
        pick = (size_t)rng_range(&m->rng, 0, 4);
    int year = !strcmp(p->status, "lopend") ? LAST_PAST_YEAR : p->last + 1;
    Evaluation e = {.measure_id = p->id,
                    .date = arena_printf(&g->arena, "%d-%02d-%02d", year, rng_range(&m->rng, 2, 11),
                                         rng_range(&m->rng, 1, 28)),
                    .verdict = EVALUATIONS[pick].verdict,
                    .follow_up = EVALUATIONS[pick].follow_up,
                    .text = EVALUATIONS[pick].text,
                    .cite = cite(g)};
    if (g->failed || store_evaluation_add(g->s, &e, g->err))
        g->failed = 1;
    else
        g->sum->evaluations++;
}

/* The measures, drawn from KINDS without repeating one, with their years and status. */
static size_t measures(Gen *g, Muni *m, Planned *out)
{
    size_t order[N_KINDS];
    for (size_t i = 0; i < N_KINDS; i++) order[i] = i;
    for (size_t i = N_KINDS - 1; i > 0; i--) {
        size_t j = (size_t)rng_range(&m->rng, 0, (int)i);
        size_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    int n = 2 + rng_range(&m->rng, 0, 3) + (m->inhabitants > 50000) + 2 * (m->inhabitants > 150000);
    if (n > MAX_MEASURES) n = MAX_MEASURES;
    for (int i = 0; i < n && !g->failed; i++) {
        const MeasureKind *k = &KINDS[order[i]];
        Planned *p = &out[i];
        p->slot = slot_of(m, k->actielijn);
        p->first = FIRST_YEAR + rng_range(&m->rng, 0, 4);
        p->last = p->first + rng_range(&m->rng, 0, 3);
        if (p->last > LAST_YEAR) p->last = LAST_YEAR;
        p->weight = rng_range(&m->rng, 1, 5);
        if (p->last <= 2024)
            p->status = rng_chance(&m->rng, 85) ? "afgerond" : "gestopt";
        else if (p->first > LAST_PAST_YEAR)
            p->status = "gepland";
        else
            p->status = "lopend";
        int64_t dec = p->first > LAST_PAST_YEAR ? m->dec_continue : m->dec_plan;
        int64_t al = actielijn_id(g, k->actielijn);
        Measure rec = {.municipality = m->code,
                       .scheme_id = g->pok.id,
                       .pot_id = m->pot_ids[p->slot],
                       .name = PICK(&m->rng, k->names),
                       .description = PICK(&m->rng, k->descriptions),
                       .partner = PICK(&m->rng, k->partners),
                       .status = p->status,
                       .actielijn_ids = &al,
                       .n_actielijnen = 1,
                       .cite = cite(g),
                       .decision_id = rng_chance(&m->rng, 75) ? dec : 0};
        if (store_measure_add(g->s, &rec, g->err)) {
            g->failed = 1;
            return 0;
        }
        p->id = rec.id;
        g->sum->measures++;
    }
    return (size_t)n;
}

/* Plans share out each pot's allocation of a year over the measures running in it, by
 * weight; realisations of past years land below or above the plan. */
static void plans(Gen *g, Muni *m, const Planned *p, size_t n)
{
    for (int y = 0; y < N_YEARS && !g->failed; y++) {
        int year = FIRST_YEAR + y;
        if (year == m->no_plan_year) continue;
        int64_t percent = rng_range(&m->rng, 80, 110);
        for (int slot = 0; slot < 2; slot++) {
            int64_t weights = 0;
            for (size_t i = 0; i < n; i++)
                if (p[i].slot == slot && p[i].first <= year && year <= p[i].last)
                    weights += p[i].weight;
            if (!weights) continue;
            for (size_t i = 0; i < n && !g->failed; i++) {
                if (p[i].slot != slot || year < p[i].first || year > p[i].last) continue;
                int64_t plan =
                    round_to(m->alloc[slot][y] * percent * p[i].weight / (100 * weights), 10000);
                if (!plan) continue;
                int64_t dec = year <= 2023 && rng_chance(&m->rng, 50) ? m->dec_raad : 0;
                amount(g, p[i].id, AMOUNT_PLAN, year, plan, dec);
                if (year > LAST_PAST_YEAR || m->no_realisations) continue;
                int64_t realised = round_to(plan * rng_range(&m->rng, 70, 115) / 100, 100);
                amount(g, p[i].id, AMOUNT_REALISED, year, realised, 0);
                m->realised[slot][y] += realised;
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        int ended = measure_status_ended(p[i].status);
        if ((ended && !m->no_evaluations && rng_chance(&m->rng, 80)) ||
            (!strcmp(p[i].status, "lopend") && rng_chance(&m->rng, 10)))
            evaluation(g, m, &p[i]);
    }
}

static void movement(Gen *g, Muni *m, int slot, ReserveKind kind, int year, int64_t cents,
                     int64_t decision_id, const char *description)
{
    ReserveMovement rm = {.municipality = m->code,
                          .scheme_id = g->pok.id,
                          .pot_id = m->pot_ids[slot],
                          .kind = kind,
                          .year = year,
                          .amount_cents = cents,
                          .description = description,
                          .cite = cite(g),
                          .decision_id = decision_id};
    if (g->failed || store_reserve_movement_add(g->s, &rm, g->err))
        g->failed = 1;
    else
        g->sum->reserve++;
}

/* An opening balance (money left from 2021) for some; for some of those that close years,
 * the unspent money of a closed year deposited by a council decision (all of it, or a
 * round part, leaving the rest unexplained) and part of it withdrawn in 2026. */
static void reserve(Gen *g, Muni *m)
{
    if (rng_chance(&m->rng, 40)) {
        ReserveOpening ro = {.municipality = m->code,
                             .scheme_id = g->pok.id,
                             .pot_id = m->pot_ids[0],
                             .year = FIRST_YEAR,
                             .amount_cents =
                                 round_to(m->inhabitants * rng_range(&m->rng, 20, 150), 100),
                             .cite = cite(g)};
        if (g->failed || store_reserve_opening_set(g->s, &ro, g->err))
            g->failed = 1;
        else
            g->sum->reserve++;
    }
    if (!m->closed_until || !rng_chance(&m->rng, 60)) return;
    int64_t dec = decision(g, m, FIRST_YEAR + 1, "raad",
                           "Resultaatbestemming: onbesteed POK-budget naar de bestemmingsreserve");
    int exact = rng_chance(&m->rng, 50);
    int64_t deposited[2] = {0, 0};
    for (int year = FIRST_YEAR; year <= m->closed_until; year++)
        for (int slot = 0; slot < 2; slot++) {
            int64_t unspent =
                m->alloc[slot][year - FIRST_YEAR] - m->realised[slot][year - FIRST_YEAR];
            if (!exact) unspent = unspent / 100000 * 100000;
            if (unspent <= 0) continue;
            movement(g, m, slot, RESERVE_DEPOSIT, year, unspent, dec,
                     "onbesteed budget naar de bestemmingsreserve");
            deposited[slot] += unspent;
        }
    if (deposited[0] && rng_chance(&m->rng, 50))
        movement(g, m, 0, RESERVE_WITHDRAWAL, 2026, round_to(deposited[0] / 2, 100),
                 m->dec_continue, "inzet reserve voor de maatregelen van 2026");
}

static void close_years(Gen *g, Muni *m)
{
    for (int year = FIRST_YEAR; year <= m->closed_until && !g->failed; year++) {
        ClosedYear cy = {.municipality = m->code, .year = year, .cite = cite(g)};
        if (store_year_close(g->s, &cy, g->err))
            g->failed = 1;
        else
            g->sum->closed++;
    }
}

static void sharing(Gen *g, Muni *m)
{
    int r = rng_range(&m->rng, 0, 99);
    SharingLevel level = r < 20   ? SHARE_NONE
                         : r < 40 ? SHARE_ANONYMOUS
                         : r < 70 ? SHARE_NAMED
                                  : SHARE_MEASURES;
    g->sum->sharing[level]++;
    if (level != SHARE_NONE && !g->failed && store_sharing_set(g->s, m->code, level, g->err))
        g->failed = 1;
}

static void generate(Gen *g, const char *code, int64_t inhabitants)
{
    Muni m = {.code = code, .inhabitants = inhabitants, .rng = rng_for(g->seed, code)};
    /* the gaps a completeness view should find */
    int gap = rng_range(&m.rng, 0, 99);
    m.no_realisations = gap < 10;
    m.no_plan_year = gap >= 10 && gap < 20 ? rng_range(&m.rng, 2024, LAST_YEAR) : 0;
    m.no_evaluations = gap >= 20 && gap < 28;
    m.no_allocation_year = gap >= 28 && gap < 33 ? LAST_YEAR : 0;
    if (gap < 33) g->sum->incomplete++;
    if (!m.no_realisations && rng_chance(&m.rng, 55))
        m.closed_until = FIRST_YEAR + rng_range(&m.rng, 0, 2);

    pots(g, &m);
    allocations(g, &m);
    if (rng_chance(&m.rng, 85))
        m.dec_plan = decision(g, &m, FIRST_YEAR, "college",
                              "Bestedingsplan POK-middelen 2022-2025 vastgesteld");
    if (rng_chance(&m.rng, 45))
        m.dec_raad = decision(g, &m, FIRST_YEAR, "raad", "Begrotingswijziging POK-middelen 2022");
    if (rng_chance(&m.rng, 50))
        m.dec_continue = decision(g, &m, LAST_PAST_YEAR, "college", "Inzet POK-middelen 2026-2027");
    Planned planned[MAX_MEASURES];
    size_t n = measures(g, &m, planned);
    plans(g, &m, planned, n);
    reserve(g, &m);
    close_years(g, &m); /* last: a closed year's figures can no longer change */
    sharing(g, &m);
    if (!g->failed && store_generated_set(g->s, code, 1, g->seed, g->err)) g->failed = 1;
    if (!g->failed) g->sum->municipalities++;
}

/* ---- which municipalities ---- */

static int load_reference(Gen *g)
{
    Municipality *list;
    size_t n;
    if (store_municipality_list(g->s, NULL, &g->arena, &list, &n, g->err)) return -1;
    for (size_t i = 0; i < n; i++) {
        int c = code_number(list[i].code);
        if (c >= 0) g->by_code[c] = &list[i];
    }
    Inhabitants *inh;
    if (store_inhabitants_list(g->s, NULL, &g->arena, &inh, &n, g->err)) return -1;
    for (size_t i = 0; i < n; i++) {
        int c = code_number(inh[i].municipality);
        if (c >= 0 && inh[i].year == 2021) g->inhabitants[c] = inh[i].count;
    }
    for (size_t i = 0; i < sizeof MERGED / sizeof MERGED[0]; i++) {
        int c = code_number(MERGED[i].code);
        if (g->inhabitants[c]) continue;
        for (size_t j = 0; j < 5 && MERGED[i].from[j]; j++)
            g->inhabitants[c] += g->inhabitants[code_number(MERGED[i].from[j])];
    }
    return 0;
}

/* The codes of the CBS list of 2025 in its order (its first column). */
static size_t current_codes(const char *csv, size_t len, int *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i + 6 <= len && n < cap; i++) {
        if (i && csv[i - 1] != '\n') continue;
        char code[7];
        memcpy(code, csv + i, 6);
        code[6] = '\0';
        int c = code_number(code);
        if (c >= 0) out[n++] = c;
    }
    return n;
}

static int is_seed(const char *code)
{
    for (size_t i = 0; i < DEMO_SEEDS; i++)
        if (!strcmp(demo_seed_codes[i], code)) return 1;
    return 0;
}

/* An extra municipality for --scale: the next code no municipality has, named after the
 * real one with "(gegenereerd)", its province and inhabitants copied. */
static const char *extra(Gen *g, const Municipality *real, int copy, int64_t inhabitants,
                         int *next_free)
{
    while (*next_free < CODES && g->by_code[*next_free]) (*next_free)++;
    if (*next_free >= CODES) {
        err_set(g->err, "geen vrije gemeentecodes meer voor --scale");
        return NULL;
    }
    Municipality *m = arena_alloc(&g->arena, sizeof *m);
    m->code = arena_printf(&g->arena, "GM%04d", *next_free);
    m->name = arena_printf(&g->arena, "%s %d (gegenereerd)", real->name, copy);
    m->province = real->province;
    g->by_code[*next_free] = m;
    Inhabitants inh = {
        .municipality = m->code, .year = 2021, .count = inhabitants, .source_id = g->source_id};
    if (store_municipality_put(g->s, m, g->err) || store_inhabitants_put(g->s, &inh, g->err))
        return NULL;
    g->sum->extra++;
    return m->code;
}

static int national_source(Gen *g)
{
    Source src = {.kind = "gegenereerd",
                  .title = "Gegenereerde cijfers, niet echt: landelijke set voor demonstratie "
                           "en belasting",
                  .reference = arena_printf(&g->arena, "zaad %lld", (long long)g->seed),
                  .municipality = NULL,
                  .note = "Door pok gegenereerd naar rato van de inwonertallen van 2021. Dit zijn "
                          "geen cijfers van een gemeente: gebruik ze niet als echte gegevens."};
    if (store_source_add(g->s, &src, g->err)) return -1;
    g->source_id = src.id;
    return 0;
}

int synthetic_load(Store *s, int64_t seed, int scale, SyntheticSummary *sum, PokErr *err)
{
    if (scale < 1 || scale > SYNTHETIC_MAX_SCALE)
        return err_set(err, "--scale moet tussen 1 en %d liggen, niet %d", SYNTHETIC_MAX_SCALE,
                       scale);
    Gen *g = xcalloc(1, sizeof *g);
    g->s = s;
    g->seed = seed;
    g->sum = sum;
    g->err = err;
    int rc = -1;
    size_t len;
    const char *cbs = embedded_file("cbs_gemeenten_2025_codes.csv", &len);
    int codes[CODES];
    size_t n_codes = cbs ? current_codes(cbs, len, codes, CODES) : 0;
    if (!n_codes) {
        err_set(err, "ingebouwde CBS-lijst ontbreekt");
        goto out;
    }
    if (store_scheme_get(s, "POK", &g->arena, &g->pok, err) != 1 ||
        store_actielijn_list(s, g->pok.id, &g->arena, &g->al, &g->n_al, err) || load_reference(g) ||
        national_source(g))
        goto out;
    int next_free = 1;
    for (size_t i = 0; i < n_codes && !g->failed; i++) {
        const Municipality *real = g->by_code[codes[i]];
        if (!real) {
            err_set(err, "gemeente GM%04d van de CBS-lijst ontbreekt: laad eerst de demo",
                    codes[i]);
            goto out;
        }
        int64_t inhabitants = g->inhabitants[codes[i]];
        if (!is_seed(real->code)) generate(g, real->code, inhabitants);
        for (int copy = 2; copy <= scale && !g->failed; copy++) {
            const char *code = extra(g, real, copy, inhabitants, &next_free);
            if (!code) goto out;
            generate(g, code, inhabitants);
        }
    }
    if (!g->failed) rc = 0;
out:
    arena_free(&g->arena);
    free(g);
    return rc;
}
