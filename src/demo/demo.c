/* demo.c: the demo data set. Every record cites its source document and where in it;
 * where a document gives no figure, there is none. The documents are in
 * ../shared/seeds/ (see docs/demo.md for which file is which; the notes people read do
 * not name the files). */
#include "demo.h"

#include "../embedded.h"
#include "../ingest/import.h"
#include "../store/store_closing.h"
#include "../store/store_records.h"
#include "../store/store_reference.h"
#include "../store/store_sharing.h"

#include <string.h>

const char *const demo_seed_codes[DEMO_SEEDS] = {"GM1734", "GM1773", "GM0534", "GM0362"};

typedef struct {
    Store *s;
    Scheme pok;
    Actielijn *al;
    size_t n_al;
    Arena arena;
    DemoSummary *sum;
    PokErr *err;
    int failed;
} Demo;

static int64_t source(Demo *d, const char *kind, const char *title, const char *reference,
                      const char *date, const char *municipality, const char *note)
{
    Source src = {.kind = kind,
                  .title = title,
                  .reference = reference,
                  .date = date,
                  .municipality = municipality,
                  .note = note};
    if (d->failed || store_source_add(d->s, &src, d->err))
        d->failed = 1;
    else
        d->sum->sources++;
    return src.id;
}

static int64_t actielijn_id(Demo *d, int number)
{
    for (size_t i = 0; i < d->n_al; i++)
        if (d->al[i].number == number) return d->al[i].id;
    return 0;
}

/* number 0: the document gives the total without a split per actielijn; year_to after
 * year: the total of a period without a split per year. */
static void allocation_years(Demo *d, const char *code, int number, int year, int year_to,
                             int64_t euros, int64_t src, const char *place)
{
    Allocation al = {.municipality = code,
                     .scheme_id = d->pok.id,
                     .actielijn_id = number ? actielijn_id(d, number) : 0,
                     .year = year,
                     .year_to = year_to,
                     .amount_cents = euros * 100,
                     .cite = {.source_id = src, .place = place}};
    if (d->failed || store_allocation_add(d->s, &al, d->err))
        d->failed = 1;
    else
        d->sum->allocations++;
}

static void allocation(Demo *d, const char *code, int number, int year, int64_t euros, int64_t src,
                       const char *place)
{
    allocation_years(d, code, number, year, year, euros, src, place);
}

static int64_t decision(Demo *d, const char *code, const char *date, const char *body,
                        const char *reference, const char *title, const char *outcome, int64_t src,
                        const char *place)
{
    Decision x = {.municipality = code,
                  .date = date,
                  .body = body,
                  .reference = reference,
                  .title = title,
                  .outcome = outcome,
                  .cite = {src, place}};
    if (d->failed || store_decision_add(d->s, &x, d->err))
        d->failed = 1;
    else
        d->sum->decisions++;
    return x.id;
}

typedef struct {
    const char *name, *description, *partner, *status, *actielijnen;
    int64_t pot_id, decision_id;
    const char *place;
} MeasureSpec;

static int64_t measure(Demo *d, const char *code, int64_t src, const MeasureSpec *spec)
{
    Measure m = {.municipality = code,
                 .scheme_id = d->pok.id,
                 .pot_id = spec->pot_id,
                 .name = spec->name,
                 .description = spec->description,
                 .partner = spec->partner,
                 .status = spec->status,
                 .cite = {src, spec->place},
                 .decision_id = spec->decision_id};
    int64_t ids[8];
    for (const char *p = spec->actielijnen; p && *p; p++)
        if (*p >= '1' && *p <= '8' && m.n_actielijnen < 8)
            ids[m.n_actielijnen++] = actielijn_id(d, *p - '0');
    m.actielijn_ids = ids;
    if (d->failed || store_measure_add(d->s, &m, d->err))
        d->failed = 1;
    else
        d->sum->measures++;
    return m.id;
}

static void amount(Demo *d, int64_t measure_id, AmountKind kind, int year, int64_t euros,
                   int64_t src, const char *place)
{
    MeasureAmount ma = {.measure_id = measure_id,
                        .year = year,
                        .kind = kind,
                        .amount_cents = euros * 100,
                        .cite = {src, place}};
    if (d->failed || store_measure_amount_set(d->s, &ma, d->err)) d->failed = 1;
}

static void evaluation(Demo *d, int64_t measure_id, const char *date, const char *verdict,
                       const char *follow_up, const char *text, int64_t src, const char *place)
{
    Evaluation e = {.measure_id = measure_id,
                    .date = date,
                    .verdict = verdict,
                    .follow_up = follow_up,
                    .text = text,
                    .cite = {src, place}};
    if (d->failed || store_evaluation_add(d->s, &e, d->err)) d->failed = 1;
}

static void stated(Demo *d, const char *code, StatedKind kind, int number, int from, int to,
                   int64_t euros, const char *description, int64_t src, const char *place)
{
    StatedFigure f = {.municipality = code,
                      .scheme_id = d->pok.id,
                      .kind = kind,
                      .actielijn_id = number ? actielijn_id(d, number) : 0,
                      .year_from = from,
                      .year_to = to,
                      .amount_cents = euros * 100,
                      .description = description,
                      .cite = {src, place}};
    if (d->failed || store_stated_add(d->s, &f, d->err)) d->failed = 1;
}

/* ---- the national letter ---- */

static void vng(Demo *d)
{
    source(d, "ledenbrief",
           "VNG ledenbrief: Versterking gemeentelijke dienstverlening naar aanleiding van de "
           "POK",
           "Lbr. 21/083, TISB/U202100948", "2021-12-14", NULL,
           "EUR 150 miljoen per jaar tot en met 2027; acht actielijnen, vier doelen");
}

/* ---- Overbetuwe: raadsvoorstel on the follow-up spending, 2024 ---- */

static void overbetuwe(Demo *d)
{
    const char *gm = "GM1734";
    int64_t src = source(d, "raadsvoorstel", "Raadsvoorstel Vervolg bestedingen POK-gelden",
                         "2024-052874", NULL, gm,
                         "Het document noemt de gemeente niet; de Huiskamer Heteren "
                         "plaatst het in Overbetuwe. Geen datum in het document.");
    const char *plan = "Financiën, tabel Bestedingsdoelen POK-middelen 2024-2026";
    ReserveOpening ro = {.municipality = gm,
                         .scheme_id = d->pok.id,
                         .year = 2024,
                         .amount_cents = 45950000,
                         .cite = {src, "Financiën, tabel Beschikbare POK-middelen: Restant POK "
                                       "2021-2023 (bestemmingsreserve overhevelingen)"}};
    if (!d->failed && store_reserve_opening_set(d->s, &ro, d->err)) d->failed = 1;
    static const int64_t alloc[] = {175000, 180000, 180000, 180000};
    for (int i = 0; i < 4; i++)
        allocation(d, gm, 0, 2024 + i, alloc[i], src,
                   "Financiën, tabel Beschikbare POK-middelen: POK middelen 2024-2027 "
                   "(niet uitgesplitst naar actielijn)");
    stated(d, gm, STATED_AVAILABLE, 0, 2024, 2024, 596437, "Totaal 2024", src,
           "Financiën, tabel Beschikbare POK-middelen: regel Totaal");
    static const int64_t spend[] = {399500, 405000, 190000};
    for (int i = 0; i < 3; i++)
        stated(d, gm, STATED_SPENDING, 0, 2024 + i, 2024 + i, spend[i], "Totale uitgaven", src,
               plan);

    int64_t dec2023 =
        decision(d, gm, "2023-07-11", "college", NULL, "Bestedingsdoelen POK-gelden vastgesteld",
                 "vastgesteld", src, "Inleiding");
    int64_t dec_sr = decision(d, gm, "2023-01-31", "college", NULL,
                              "Tijdelijke uitbreiding sociaal raadslieden van 5,5 naar 24 uur "
                              "per week",
                              "besproken", src, "Uitbreiding uren sociaal raadslieden");

    int64_t m;
    m = measure(
        d, gm, src,
        &(MeasureSpec){.name = "Uitbreiding sociaal raadslieden",
                       .status = "lopend",
                       .decision_id = dec_sr,
                       .description =
                           "Urenuitbreiding sociaal raadslieden (van 5,5 naar 24 uur per week); "
                           "in 2025 nog eenmaal uit POK-middelen",
                       .place = "1.2 Uitbreiding uren sociaal raadslieden"});
    amount(d, m, AMOUNT_PLAN, 2024, 62000, src, plan);
    amount(d, m, AMOUNT_PLAN, 2025, 70000, src, plan);
    evaluation(d, m, NULL, "effectief", "voortzetten",
               "De spreekuren zitten vrijwel altijd vol; inwoners waarderen de onafhankelijke "
               "ondersteuning. Eventuele verlenging in de begroting 2026 en verder.",
               src, "1.1 De huidige doelen hebben effect");

    m = measure(
        d, gm, src,
        &(MeasureSpec){.name = "Inzet stimulering zelfstandige Huiskamers",
                       .status = "gepland",
                       .description =
                           "Een functie die de huiskamers ondersteunt op weg naar zelfstandigheid",
                       .place = "1.2 Huiskamers"});
    amount(d, m, AMOUNT_PLAN, 2024, 165000, src, plan);
    amount(d, m, AMOUNT_PLAN, 2025, 100000, src, plan);

    m = measure(
        d, gm, src,
        &(MeasureSpec){.name = "Uitbreiding onafhankelijke cliëntondersteuning",
                       .status = "lopend",
                       .description =
                           "Voortzetting van de uitgebreide cliëntondersteuning (Koplopersproject)",
                       .place = "1.2 Onafhankelijke cliëntondersteuning"});
    amount(d, m, AMOUNT_PLAN, 2024, 52500, src, plan);
    amount(d, m, AMOUNT_PLAN, 2025, 40000, src, plan);
    evaluation(d, m, NULL, "effectief", "voortzetten",
               "Het gebruik van cliëntondersteuning is verviervoudigd ten opzichte van 2019; "
               "uitbreiding een jaar verlengen.",
               src, "1.1 De huidige doelen hebben effect");

    m = measure(d, gm, src,
                &(MeasureSpec){
                    .name = "Uitbreiding financiële ondersteuning en thuisadministratie",
                    .status = "afgerond",
                    .decision_id = dec2023,
                    .description =
                        "Tijdelijke urenuitbreiding om het aantal vrijwilligers op peil te brengen",
                    .place = "1.1 De huidige doelen hebben effect"});
    amount(d, m, AMOUNT_PLAN, 2024, 20000, src, plan);
    evaluation(d, m, NULL, "doel bereikt", "doel bereikt",
               "Er zijn weer voldoende vrijwilligers; continuering uit POK-gelden is niet nodig.",
               src, "1.1 De huidige doelen hebben effect");

    m = measure(
        d, gm, src,
        &(MeasureSpec){
            .name = "Jobhunter",
            .status = "lopend",
            .decision_id = dec2023,
            .partner = "Werkgeversservicepunt",
            .description = "Gemeentebrede ondersteuning voor inwoners in het doelgroepenregister",
            .place = "1.1 Gemeentebrede ondersteuning voor inwoners met een afstand tot de "
                     "arbeidsmarkt"});
    amount(d, m, AMOUNT_PLAN, 2024, 100000, src, plan);
    evaluation(d, m, NULL, "effectief", "structureel maken",
               "De inzet van de jobhunter is succesvol; inzet vanuit structurele middelen wordt "
               "bekeken.",
               src, "1.1 De huidige doelen hebben effect");

    m = measure(d, gm, src,
                &(MeasureSpec){.name = "Implementatie hervormingsagenda",
                               .status = "gepland",
                               .description =
                                   "Tijdelijke implementatiefunctionaris en training van alle "
                                   "jeugdconsulenten",
                               .place = "1.2 Hervormingsagenda Jeugd"});
    amount(d, m, AMOUNT_PLAN, 2025, 125000, src, plan);
    amount(d, m, AMOUNT_PLAN, 2026, 125000, src, plan);

    m = measure(
        d, gm, src,
        &(MeasureSpec){.name = "Implementatie verordening sociaal domein",
                       .status = "gepland",
                       .description =
                           "Leren, collegiale toetsing en intervisie met externe begeleiding",
                       .place = "1.2 Verordening sociaal domein"});
    amount(d, m, AMOUNT_PLAN, 2025, 70000, src, plan);
    amount(d, m, AMOUNT_PLAN, 2026, 65000, src, plan);

    m = measure(
        d, gm, src,
        &(MeasureSpec){.name = "Participatietrajecten Huiskamer Heteren",
                       .status = "afgerond",
                       .decision_id = dec2023,
                       .description =
                           "Participatiemedewerkers in de huiskamer (bestedingsdoel van 2023)",
                       .place = "1.1 Participatietrajecten Huiskamer Heteren"});
    evaluation(d, m, NULL, "deels effectief", "voortzetten",
               "Goed netwerk en vrijwilligers ondersteund; minder geschikt voor individuele "
               "re-integratie. Deels voortgezet als stimulering zelfstandige huiskamers.",
               src, "1.1 Participatietrajecten Huiskamer Heteren");

    m = measure(d, gm, src,
                &(MeasureSpec){.name = "Visievorming uitvoering Participatiewet",
                               .status = "afgerond",
                               .decision_id = dec2023,
                               .description = "Onderzoek (bestedingsdoel van 2023)",
                               .place = "1.1 Visievorming"});
    evaluation(d, m, NULL, "doel bereikt", "doel bereikt",
               "Het onderzoek heeft plaatsgevonden; voeding voor de inrichting van het sociaal "
               "ontwikkelbedrijf.",
               src, "1.1 Visievorming");

    m = measure(
        d, gm, src,
        &(MeasureSpec){.name = "Onderzoek passend armoedebeleid en toegang schuldhulpverlening",
                       .status = "afgerond",
                       .decision_id = dec2023,
                       .description = "Onderzoek (bestedingsdoel van 2023)",
                       .place = "1.1 Onderzoek naar passend armoedebeleid"});
    evaluation(d, m, NULL, "doel bereikt", "doel bereikt",
               "Het rapport is opgeleverd en gedeeld met de raad; handreikingen voor de herijking "
               "van het armoedebeleid.",
               src, "1.1 Onderzoek naar passend armoedebeleid");
}

/* ---- Olst-Wijhe: adviesnota to the college, allocations of the decembercirculaire ---- */

static void olst_wijhe(Demo *d)
{
    const char *gm = "GM1773";
    int64_t src = source(d, "adviesnota",
                         "Adviesnota Versterking gemeentelijke dienstverlening naar aanleiding "
                         "van de POK",
                         NULL, NULL, gm,
                         "Bedragen volgens de decembercirculaire 2021, afgerond. "
                         "Geen datum in het document.");
    const char *table =
        "Financiële gevolgen, tabel actielijnen (decembercirculaire 2021, afgerond)";
    static const struct {
        int actielijn;
        int64_t euros[7];
    } rows[] = {
        {2, {19000, 20000, 22000, 22000, 22000, 22000, 22000}},
        {3, {5000, 5500, 5500, 5500, 5500, 5500, 5500}},
        {4, {32000, 33000, 33000, 33000, 33000, 38000, 38000}},
        {5, {25000, 4000, 2000, 0, 0, 0, 0}},
    };
    for (size_t r = 0; r < 4; r++)
        for (int y = 0; y < 7; y++)
            if (rows[r].euros[y] || rows[r].actielijn != 5)
                allocation(d, gm, rows[r].actielijn, 2021 + y, rows[r].euros[y], src, table);
    stated(d, gm, STATED_ALLOCATION, 2, 2021, 2027, 149000,
           "budget van actielijn 2, in totaal € 149.000", src, "Inzet ten behoeve van actielijn 2");

    Pot p2 = {.municipality = gm,
              .scheme_id = d->pok.id,
              .name = "Actielijn 2",
              .actielijn_ids = (int64_t[]){actielijn_id(d, 2)},
              .n_actielijnen = 1,
              .cite = {src, "Inzet POK-middelen"}};
    Pot p345 = {.municipality = gm,
                .scheme_id = d->pok.id,
                .name = "Actielijnen 3, 4 en 5",
                .actielijn_ids =
                    (int64_t[]){actielijn_id(d, 3), actielijn_id(d, 4), actielijn_id(d, 5)},
                .n_actielijnen = 3,
                .cite = {src, "Inzet POK-middelen"}};
    if (!d->failed && (store_pot_add(d->s, &p2, d->err) || store_pot_add(d->s, &p345, d->err)))
        d->failed = 1;

    int64_t dec = decision(d, gm, NULL, "college", NULL,
                           "POK-middelen inzetten voor een extra parttime Consulent Wmo en "
                           "Financiën de Baas 2026-2029; raad informeren via de nieuwsbrief",
                           "voorgesteld", src, "BESLUIT burgemeester en wethouders");
    int64_t m = measure(
        d, gm, src,
        &(MeasureSpec){.name = "Dienstverlening Financiën de Baas 2026-2029",
                       .status = "gepland",
                       .partner = "Financiën de Baas",
                       .actielijnen = "2",
                       .pot_id = p2.id,
                       .decision_id = dec,
                       .description =
                           "Sociaal raadslieden-functie; tot en met 2025 gedekt in de begroting. "
                           "Jaarlijks afgerond € 35.000, plus een kleine indexering die het "
                           "document niet beziffert.",
                       .place = "Inzet ten behoeve van actielijn 2"});
    for (int y = 2026; y <= 2029; y++)
        amount(d, m, AMOUNT_PLAN, y, 35000, src,
               "Inzet ten behoeve van actielijn 2: jaarlijks bedrag van afgerond € 35.000");
    measure(
        d, gm, src,
        &(MeasureSpec){.name = "Extra parttime Consulent Wmo",
                       .status = "gepland",
                       .actielijnen = "345",
                       .pot_id = p345.id,
                       .decision_id = dec,
                       .description =
                           "Wachttijd Wmo-meldingen terugdringen, samenwerking met het voorliggend "
                           "veld, voorbereiding op de Wams. Het document noemt geen bedrag.",
                       .place = "Inzet ten behoeve van actielijnen 3, 4 en 5"});
}

/* ---- Hillegom: raadsinformatiebrief Stand van zaken POK-middelen, March 2024 ---- */

static void hillegom(Demo *d)
{
    const char *gm = "GM0534";
    int64_t src = source(d, "raadsinformatiebrief", "Stand van zaken POK-middelen", "Z-24-360672",
                         "2024-03-18", gm, "Datum collegevergadering 26 maart 2024.");
    const char *p2122 = "Periode 2021 en 2022";
    allocation(d, gm, 0, 2021, 105436, src, p2122);
    allocation(d, gm, 0, 2022, 85352, src, p2122);
    allocation(d, gm, 0, 2023, 84342, src, "Realisatie 2023");
    allocation(d, gm, 0, 2024, 80794, src, "Voortgang 2024");

    int64_t carry = decision(d, gm, NULL, "college", NULL,
                             "Niet ingezette budgetten 2021 en 2022 overhevelen naar 2024",
                             "besloten", src, p2122);
    decision(d, gm, "2024-03-26", "college", "Z-24-360672",
             "Raadsinformatiebrief Stand van zaken POK-middelen", "behandeld", src, "kop");
    static const struct {
        int year;
        int64_t euros;
    } carried[] = {{2021, 105436}, {2022, 85352}};
    for (size_t i = 0; i < 2; i++) {
        ReserveMovement rm = {.municipality = gm,
                              .scheme_id = d->pok.id,
                              .kind = RESERVE_TRANSFER,
                              .year = carried[i].year,
                              .to_year = 2024,
                              .amount_cents = carried[i].euros * 100,
                              .description = "niet ingezet door personele onderbezetting",
                              .cite = {src, p2122},
                              .decision_id = carry};
        if (!d->failed && store_reserve_movement_add(d->s, &rm, d->err)) d->failed = 1;
    }

    int64_t m = measure(
        d, gm, src,
        &(MeasureSpec){.name = "Inzet 2023: vier onderdelen samen",
                       .status = "afgerond",
                       .description =
                           "Pilot bureaudienst, procesregisseur casuïstiek, meedenkersnetwerk en "
                           "evaluatie Voor ieder 1. De brief noemt alleen het totaal.",
                       .place = "Realisatie 2023"});
    amount(d, m, AMOUNT_REALISED, 2023, 66983, src, "Realisatie 2023");

    m = measure(d, gm, src,
                &(MeasureSpec){.name = "Pilot bureaudienst",
                               .status = "afgerond",
                               .partner = "Voor ieder 1",
                               .place = "Realisatie 2023"});
    evaluation(d, m, "2024-03-18", "naar tevredenheid uitgevoerd", "structureel maken",
               "Per 2024 meegenomen in de reguliere subsidieverstrekking/DVO.", src,
               "Realisatie 2023: Pilot bureaudienst");
    measure(d, gm, src,
            &(MeasureSpec){.name = "Procesregisseur casuïstiek",
                           .status = "lopend",
                           .description =
                               "Vastgelopen complexe casuïstiek, zorg- en veiligheidsketen, Wet "
                               "verplichte GGZ; wordt in 2024 geëvalueerd en voortgezet",
                           .place = "Realisatie 2023; Voortgang 2024"});
    measure(d, gm, src,
            &(MeasureSpec){.name = "Meedenkersnetwerk",
                           .status = "lopend",
                           .description = "Loopt tot en met 2024; aanmeldingen blijven achter",
                           .place = "Realisatie 2023: Meedenkersnetwerk"});
    m = measure(d, gm, src,
                &(MeasureSpec){.name = "Evaluatie Voor ieder 1",
                               .status = "afgerond",
                               .partner = "Voor ieder 1",
                               .place = "Realisatie 2023: Evaluatie Voor ieder 1"});
    evaluation(d, m, "2024-03-18", "met goed gevolg afgerond", "doel bereikt",
               "Evaluatie op inhoud, organisatievorm en aansturing door een extern bureau.", src,
               "Realisatie 2023: Evaluatie Voor ieder 1");
    measure(d, gm, src,
            &(MeasureSpec){.name = "Praktijkondersteuning Huisartsen Jeugd: urenuitbreiding",
                           .status = "gepland",
                           .place = "Voortgang 2024"});
    measure(d, gm, src,
            &(MeasureSpec){.name = "Doorontwikkeling Voor Ieder 1",
                           .status = "gepland",
                           .partner = "Voor ieder 1",
                           .description =
                               "Onderzoek naar de passende organisatievorm en opvang van mogelijke "
                               "frictiekosten",
                           .place = "Voortgang 2024"});
    /* Closed last: a closed year's figures can no longer change. */
    for (int y = 2021; y <= 2023; y++) {
        ClosedYear cy = {
            .municipality = gm, .year = y, .cite = {src, y == 2023 ? "Realisatie 2023" : p2122}};
        if (!d->failed && store_year_close(d->s, &cy, d->err)) d->failed = 1;
    }
}

/* ---- Amstelveen: college advice on the ombudsman's request, May 2024 ---- */

static void amstelveen(Demo *d)
{
    const char *gm = "GM0362";
    int64_t src =
        source(d, "collegeadvies",
               "Verzoek tot beschikbaar stellen POK-middelen aan gemeentelijke "
               "ombudsman",
               NULL, "2024-05-28", gm, "Behandeld in de B&W-vergadering van 28 mei 2024.");
    int64_t letter = source(d, "brief",
                            "Brief van Ombudsman Metropool Amsterdam over beschikbaar stellen "
                            "POK-middelen aan gemeentelijke ombudsman",
                            NULL, "2024-04-25", gm,
                            "Bijlage 1 bij het collegeadvies; datum zoals de bijlagenlijst "
                            "die noemt. De samenvatting spreekt van een brief d.d. 24 april 2024.");
    /* The document gives only the total of 2022-2027 ("Het Rijk kent voor de periode
     * 2022-2027 ... budget toe"), from two circulaires: a period figure, split unknown. */
    allocation_years(d, gm, 0, 2022, 2027, 2932000, src, "Afspraken inzet POK-middelen");
    stated(d, gm, STATED_ALLOCATION, 0, 2022, 2027, 2932000,
           "budget van in totaal (decembercirculaire 2021 en meicirculaire 2022)", src,
           "Afspraken inzet POK-middelen");

    int64_t d2022 = decision(d, gm, "2022-03-15", "college", NULL,
                             "Inzet POK-middelen: dienstverlening onderzoeken, integraal werken "
                             "doorontwikkelen, website en digitale dienstverlening verbeteren, "
                             "capaciteit Amstelveen Loket versterken",
                             "ingestemd", src,
                             "Afspraken inzet POK-middelen (zie ook "
                             "Perspectiefnota 2023)");
    int64_t d2024 = decision(d, gm, "2024-05-28", "college", NULL,
                             "Niet ingaan op het verzoek van de Ombudsman een deel van de "
                             "POK-middelen ter beschikking te stellen",
                             "afgewezen", src, "Besluit; Besluit B&W: conform voorstel");
    Request r = {.municipality = gm,
                 .requester = "Ombudsman Metropool Amsterdam",
                 .date = "2024-04-24",
                 .subject = "Deel van de POK-middelen voor de gemeentelijke ombudsfunctie, met "
                            "name de Kinderombudsman",
                 .letter_source_id = letter,
                 .decision_id = d2024,
                 .status = "afgewezen",
                 .cite = {src, "Samenvatting (brief d.d. 24 april 2024)"}};
    if (!d->failed && store_request_add(d->s, &r, d->err)) d->failed = 1;

    const char *place = "Afspraken inzet POK-middelen";
    measure(d, gm, src,
            &(MeasureSpec){.name = "Onderzoek functioneren Sociaal Loket",
                           .status = "afgerond",
                           .decision_id = d2022,
                           .description = "Eind 2022 uitgevoerd",
                           .place = place});
    measure(d, gm, src,
            &(MeasureSpec){.name = "Uitbreiding personele capaciteit Amstelveen Loket",
                           .status = "lopend",
                           .decision_id = d2022,
                           .place = place});
    measure(d, gm, src,
            &(MeasureSpec){.name = "Impuls Multidisciplinair Overleg (inzet aanjager)",
                           .status = "lopend",
                           .decision_id = d2022,
                           .place = place});
    measure(d, gm, src,
            &(MeasureSpec){.name = "Nieuwe website en digitale dienstverlening",
                           .status = "lopend",
                           .decision_id = d2022,
                           .description = "Eerste stappen in 2023; resultaat verwacht in 2024",
                           .place = place});
    measure(d, gm, src,
            &(MeasureSpec){
                .name = "Programma Optimalisatie Dienstverlening en Communicatie Sociaal Domein "
                        "(Menselijke Maat)",
                .status = "lopend",
                .decision_id = d2022,
                .description = "Gestart na de zomer van 2023",
                .place = place});
}

static int reference_data(Demo *d)
{
    size_t len;
    ImportReport rep = {0};
    const char *cbs = embedded_file("cbs_gemeenten_2025_codes.csv", &len);
    if (!cbs) return err_set(d->err, "ingebouwde CBS-lijst ontbreekt");
    if (import_municipalities_mem(d->s, "cbs_gemeenten_2025_codes.csv", cbs, len, 0, &rep, d->err))
        goto fail;
    d->sum->municipalities = rep.rows;
    int64_t kwb =
        source(d, "statistiek", "CBS Kerncijfers wijken en buurten 2021 (tabel 85039NED)",
               "85039NED", NULL, NULL, "inwoners op 1 januari 2021, gemeentegrenzen van 2021");
    const char *inh = embedded_file("kwb2021_gemeente_inwoners.csv", &len);
    if (d->failed) goto fail;
    if (!inh) {
        err_set(d->err, "ingebouwde inwonertallen ontbreken");
        goto fail;
    }
    if (import_inhabitants_mem(d->s, "kwb2021_gemeente_inwoners.csv", inh, len, "inwoners_kwb2021",
                               2021, kwb, 0, &rep, d->err))
        goto fail;
    d->sum->inhabitants = rep.rows;
    import_report_free(&rep);
    return 0;
fail:
    import_report_free(&rep);
    return -1;
}

int demo_load(Store *s, DemoSummary *sum, PokErr *err)
{
    Demo d = {.s = s, .sum = sum, .err = err};
    int rc = -1;
    if (store_scheme_get(s, "POK", &d.arena, &d.pok, err) != 1 ||
        store_actielijn_list(s, d.pok.id, &d.arena, &d.al, &d.n_al, err))
        goto out;
    source(&d, "gebiedsindeling", "CBS gemeentelijke indeling 2025", NULL, NULL, NULL,
           "342 gemeenten met provincie");
    if (d.failed || reference_data(&d)) goto out;
    vng(&d);
    overbetuwe(&d);
    olst_wijhe(&d);
    hillegom(&d);
    amstelveen(&d);
    /* Their figures come from public council documents: shared by name, with measures. */
    for (size_t i = 0; i < DEMO_SEEDS && !d.failed; i++)
        if (store_sharing_set(s, demo_seed_codes[i], SHARE_MEASURES, err)) d.failed = 1;
    if (!d.failed) rc = 0;
out:
    arena_free(&d.arena);
    return rc;
}
