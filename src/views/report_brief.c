/* report_brief.c: the first page of the council report, as a raadsinformatiebrief opens:
 * the letter head (to the council, from the college, date, subject), the key figures as
 * five tiles and the key messages in sentences (what the money is, how much is used, what
 * has no destination yet, what needs a decision). The figures are the engine's
 * (key_figures.h); this file only words and lays them out. */
#include "report_internal.h"

#include <string.h>

/* What a scheme's money is for, in a sentence a council member knows it by; a scheme
 * without one here is described by its name and period. */
static const struct {
    const char *code, *purpose;
} scheme_purposes[] = {
    {"POK", "De POK-middelen zijn tijdelijke middelen van het Rijk om de dienstverlening aan "
            "inwoners in een kwetsbare positie te verbeteren, naar aanleiding van het rapport "
            "'Ongekend onrecht' van de Parlementaire ondervragingscommissie "
            "Kinderopvangtoeslag. De gemeente bepaalt zelf waaraan zij het geld besteedt; de "
            "raad ziet erop toe."},
};

static const char *scheme_purpose(Report *r)
{
    const Scheme *s = &r->d->scheme;
    for (size_t i = 0; i < sizeof scheme_purposes / sizeof scheme_purposes[0]; i++)
        if (s->code && strcmp(s->code, scheme_purposes[i].code) == 0)
            return scheme_purposes[i].purpose;
    return arena_printf(r->a, "De %s zijn tijdelijke middelen van het Rijk (%d-%d).", s->name,
                        s->first_year, s->last_year);
}

/* "Aan:  de gemeenteraad van ..." : a label column and its value, wrapped. */
static void head_line(Report *r, const char *label, const char *value)
{
    const double label_w = 70;
    double h = rp_measure(r, value, RP_BODY + 1, 0, RP_WIDTH - label_w, NULL);
    rp_draw(r, label, RP_BODY + 1, 1, RP_LEFT, r->y, label_w, PANGO_ALIGN_LEFT, NULL);
    rp_draw(r, value, RP_BODY + 1, 0, RP_LEFT + label_w, r->y, RP_WIDTH - label_w, PANGO_ALIGN_LEFT,
            NULL);
    r->y += h + 1;
}

typedef struct Tile {
    const char *label, *amount, *note;
    int red;
} Tile;

#define TILE_GAP 6.0
#define TILE_PAD 6.0

/* The tiles side by side over the full width: a label, the amount large and bold, a note.
 * The amounts share one size, the largest at which the widest fits its tile. */
static void tiles(Report *r, const Tile *t, size_t n)
{
    static const RpColor tile_bg = {0.93, 0.94, 0.95};
    double w = (RP_WIDTH - TILE_GAP * (double)(n - 1)) / (double)n, inner = w - 2 * TILE_PAD;
    double size = 14;
    for (size_t i = 0; i < n; i++) {
        double tw;
        rp_measure(r, t[i].amount, size, 1, 0, &tw);
        while (tw > inner && size > 7) rp_measure(r, t[i].amount, size -= 0.5, 1, 0, &tw);
    }
    double h_label = 0, h_note = 0, h_amount = rp_measure(r, "0", size, 1, 0, NULL);
    for (size_t i = 0; i < n; i++) {
        double hl = rp_measure(r, t[i].label, RP_BODY, 1, inner, NULL);
        double hn = t[i].note ? rp_measure(r, t[i].note, RP_SMALL, 0, inner, NULL) : 0;
        if (hl > h_label) h_label = hl;
        if (hn > h_note) h_note = hn;
    }
    double h = TILE_PAD + h_label + 3 + h_amount + 3 + h_note + TILE_PAD;
    rp_need(r, h);
    for (size_t i = 0; i < n; i++) {
        double x = RP_LEFT + (double)i * (w + TILE_GAP), y = r->y;
        rp_box(r, x, y, w, h, &tile_bg);
        rp_box(r, x, y, w, 2, &rp_red);
        rp_draw(r, t[i].label, RP_BODY, 1, x + TILE_PAD, y + TILE_PAD, inner, PANGO_ALIGN_LEFT,
                NULL);
        y += TILE_PAD + h_label + 3;
        rp_draw(r, t[i].amount, size, 1, x + TILE_PAD, y, inner, PANGO_ALIGN_LEFT,
                t[i].red ? &rp_red : NULL);
        y += h_amount + 3;
        if (t[i].note)
            rp_draw(r, t[i].note, RP_SMALL, 0, x + TILE_PAD, y, inner, PANGO_ALIGN_LEFT, &rp_grey);
    }
    r->y += h;
}

static void key_figure_tiles(Report *r, const ReportFigures *f)
{
    const KeyFigures *k = &f->key;
    const char *period = rp_period(r, k);
    Tile t[5];
    memset(t, 0, sizeof t);
    t[0].label = "Totaal beschikbaar";
    t[0].amount = rp_euro(r, k->available);
    t[0].note =
        k->reserve_start
            ? arena_printf(r->a, "reserve %s + toegekend %s", rp_euro(r, k->reserve_start),
                           rp_euro(r, k->allocated))
            : arena_printf(r->a, "toegekend%s%s", period ? " voor " : "", period ? period : "");
    t[1].label = "Begroot";
    t[1].amount = rp_euro(r, k->planned);
    t[1].note = "de plannen van de maatregelen";
    t[2].label = "Gerealiseerd";
    t[2].amount = rp_euro(r, k->realised);
    t[2].note = k->n_closed_years ? arena_printf(r->a, "afgesloten: %s",
                                                 rp_years(r, k->closed_years, k->n_closed_years))
                                  : "nog geen jaar afgesloten";
    t[3].label = "Zonder bestemming";
    t[3].amount = rp_euro(r, k->unplanned);
    t[3].note = k->n_unplanned_years ? rp_years(r, k->unplanned_years, k->n_unplanned_years)
                                     : "alles heeft een bestemming";
    t[4].label = "Reserve";
    t[4].amount = rp_euro(r, k->reserve_end);
    t[4].red = k->reserve_end < 0;
    t[4].note = k->reserve_year ? arena_printf(r->a, "op 31 december %d", k->reserve_year)
                                : "geen reserve vastgelegd";
    tiles(r, t, 5);
}

/* A key message: its question in bold, then the answer. */
static void message(Report *r, const char *lead, const char *text)
{
    rp_gap(r, 6);
    double h = rp_measure(r, lead, RP_BODY + 1, 1, RP_WIDTH, NULL);
    rp_need(r, h + 20);
    rp_draw(r, lead, RP_BODY + 1, 1, RP_LEFT, r->y, RP_WIDTH, PANGO_ALIGN_LEFT, NULL);
    r->y += h + 1;
    if (text) rp_para(r, text, RP_BODY + 0.5, 0, NULL);
}

static const char *what_it_is(Report *r, const ReportFigures *f)
{
    const KeyFigures *k = &f->key;
    const char *name = r->d->muni.name, *period = rp_period(r, k);
    Buf b = {0};
    buf_printf(&b, "%s ", scheme_purpose(r));
    if (!period && !k->allocated)
        buf_printf(&b, "Voor %s zijn nog geen bedragen per jaar vastgelegd.", name);
    else if (period)
        buf_printf(&b, "%s heeft voor %s %s toegekend gekregen.", name, period,
                   rp_euro(r, k->allocated));
    else
        buf_printf(&b, "%s heeft %s toegekend gekregen.", name, rp_euro(r, k->allocated));
    if (k->reserve_start)
        buf_printf(&b,
                   " Met de reserve van %s aan het begin van %d is er in totaal %s "
                   "beschikbaar.",
                   rp_euro(r, k->reserve_start), k->first_year, rp_euro(r, k->available));
    const char *s = arena_strdup(r->a, b.data);
    buf_free(&b);
    return s;
}

static const char *what_is_used(Report *r, const ReportFigures *f)
{
    const KeyFigures *k = &f->key;
    if (!k->planned && !k->realised)
        return "Er zijn nog geen bedragen voor maatregelen begroot of gerealiseerd.";
    const char *planned =
        arena_printf(r->a, "Voor de maatregelen is %s begroot.", rp_euro(r, k->planned));
    if (!k->n_closed_years)
        return arena_printf(r->a,
                            "%s Er is nog geen jaar afgesloten: de uitgaven zijn nog plannen. "
                            "Wat werkelijk is uitgegeven, blijkt uit de jaarrekening.",
                            planned);
    return arena_printf(r->a, "%s Gerealiseerd is %s; afgesloten %s %s.", planned,
                        rp_euro(r, k->realised), k->n_closed_years == 1 ? "is" : "zijn",
                        rp_years(r, k->closed_years, k->n_closed_years));
}

static const char *not_destined(Report *r, const ReportFigures *f)
{
    const KeyFigures *k = &f->key;
    if (!k->unplanned) return "Alle beschikbare middelen hebben een bestemming.";
    return arena_printf(r->a,
                        "%s heeft nog geen bestemming (%s): er is nog geen maatregel die dit "
                        "geld besteedt.",
                        rp_euro(r, k->unplanned),
                        rp_years(r, k->unplanned_years, k->n_unplanned_years));
}

/* How many decisions there are and the outcome of every decided request; NULL without
 * either. */
static const char *what_was_decided(Report *r)
{
    const MuniData *d = r->d;
    Buf b = {0};
    if (d->n_decisions)
        buf_printf(&b,
                   "Er %s %zu besluit%s van college of raad vastgelegd (zie 2 Besluiten en "
                   "verzoeken).",
                   d->n_decisions == 1 ? "is" : "zijn", d->n_decisions,
                   d->n_decisions == 1 ? "" : "en");
    for (size_t i = 0; i < d->n_requests; i++) {
        const Request *rq = &d->requests[i];
        if (!rq->status || strcmp(rq->status, "open") == 0) continue;
        buf_printf(&b, "%sHet verzoek van %s om een deel van het geld is %s%s.", b.len ? " " : "",
                   rq->requester, rp_request_outcome(rq->status),
                   rp_decided_by(r, rq->decision_id, 0));
    }
    const char *s = b.len ? arena_strdup(r->a, b.data) : NULL;
    buf_free(&b);
    return s;
}

void rps_brief(Report *r, const ReportFigures *f)
{
    const MuniData *d = r->d;
    const char *period = rp_period(r, &f->key);
    rp_para(r, "Raadsinformatiebrief", RP_BODY + 2, 1, &rp_red);
    rp_gap(r, 2);
    if (d->generated) { /* nobody may take these figures for real */
        rp_para(r, GENERATED_WARNING ".", RP_BODY + 1, 1, &rp_red);
        rp_gap(r, 2);
    }
    rp_para(r, arena_printf(r->a, "Stand van zaken %s-middelen", d->scheme.code), 20, 1, NULL);
    rp_gap(r, 8);
    head_line(r, "Aan", arena_printf(r->a, "de gemeenteraad van %s", d->muni.name));
    head_line(r, "Van", "het college van burgemeester en wethouders");
    head_line(r, "Datum", f->date_text);
    head_line(r, "Onderwerp",
              arena_printf(r->a, "Stand van zaken %s-middelen%s%s", d->scheme.code,
                           period ? " " : "", period ? period : ""));
    rp_gap(r, 6);
    rp_hline(r, RP_LEFT, RP_RIGHT, r->y, 0.8);
    rp_gap(r, 10);
    rp_para(r, period ? arena_printf(r->a, "Kerncijfers %s", period) : "Kerncijfers", 12, 1, NULL);
    rp_gap(r, 4);
    key_figure_tiles(r, f);
    rp_gap(r, 10);
    rp_para(r, "Kernboodschappen", 12, 1, NULL);
    message(r, "Waar gaat het om?", what_it_is(r, f));
    message(r, "Hoeveel is er gebruikt?", what_is_used(r, f));
    message(r, "Wat heeft nog geen bestemming?", not_destined(r, f));
    const char *decided = what_was_decided(r);
    if (decided) message(r, "Wat is er besloten?", decided);
    const char **points;
    size_t n = rp_decision_points(r, f, &points);
    message(r, "Wat vraagt een besluit?",
            n ? NULL : "Op dit moment vraagt niets een besluit van de raad of het college.");
    for (size_t i = 0; i < n; i++) rp_item(r, 0, points[i], RP_BODY + 0.5, NULL);
    rp_gap(r, 6);
    rp_para(r,
            "Hierna: 1 Financieel overzicht - 2 Besluiten en verzoeken - 3 Maatregelen en "
            "evaluaties - 4 Bevindingen - 5 Vervolg",
            RP_SMALL, 0, &rp_grey);
    /* the letter's first page stands on its own */
    rp_new_page(r);
}

/* ---- what needs a decision ---- */

typedef struct Points {
    const char **items;
    size_t n, cap;
    Arena *a;
} Points;

static void point(Points *p, const char *text)
{
    p->items = arena_grow(p->a, p->items, sizeof *p->items, &p->cap, p->n + 1);
    p->items[p->n++] = text;
}

/* Ended measures without an evaluation, by name: "'A', 'B' en 'C'". */
static const char *unevaluated_measures(Report *r, size_t *n)
{
    Buf b = {0};
    *n = 0;
    for (size_t i = 0; i < r->d->n_measures; i++) {
        const Measure *m = &r->d->measures[i];
        if (!measure_status_ended(m->status)) continue;
        int evaluated = 0;
        for (size_t e = 0; e < r->d->n_evaluations; e++)
            evaluated |= r->d->evaluations[e].measure_id == m->id;
        if (evaluated) continue;
        (*n)++;
        buf_printf(&b, "%s'%s'", *n == 1 ? "" : ", ", m->name);
    }
    const char *s = arena_strdup(r->a, b.len ? b.data : "");
    buf_free(&b);
    return s;
}

static void finding_points(Points *p, Report *r, const ReportFigures *f)
{
    size_t stated = 0;
    for (size_t i = 0; i < f->n_findings; i++)
        stated += f->findings[i].kind == CHECK_STATED_MISMATCH;
    if (stated)
        point(p,
              arena_printf(r->a,
                           "Een correctie van %s in een raadsdocument dat niet klopt met de "
                           "optelling van de bedragen (zie 4 Bevindingen).",
                           stated == 1 ? "een totaal" : arena_printf(r->a, "%zu totalen", stated)));
}

size_t rp_decision_points(Report *r, const ReportFigures *f, const char ***out)
{
    const KeyFigures *k = &f->key;
    Points p = {0};
    p.a = r->a;
    if (k->unplanned)
        point(&p, arena_printf(r->a,
                               "Een bestemming voor de %s zonder bestemming (%s). Geld dat aan "
                               "het eind van een jaar niet is besteed, valt vrij in het "
                               "rekeningresultaat, tenzij de raad besluit het in de reserve te "
                               "storten.",
                               rp_euro(r, k->unplanned),
                               rp_years(r, k->unplanned_years, k->n_unplanned_years)));
    if (k->unexplained)
        point(&p, arena_printf(r->a,
                               "Een verklaring voor %s die in %s niet is besteed: geen besluit "
                               "zegt waar dit geld is gebleven.",
                               rp_euro(r, k->unexplained),
                               rp_years(r, k->unexplained_years, k->n_unexplained_years)));
    if (k->shortfall)
        point(&p, arena_printf(r->a,
                               "Dekking voor %s aan uitgaven in %s waarvoor geen geld "
                               "beschikbaar is.",
                               rp_euro(r, k->shortfall),
                               rp_years(r, k->shortfall_years, k->n_shortfall_years)));
    for (size_t i = 0; i < r->d->n_requests; i++) {
        const Request *rq = &r->d->requests[i];
        if (rq->status && strcmp(rq->status, "open") != 0) continue;
        point(&p, arena_printf(r->a, "Een beslissing op het verzoek van %s: %s.", rq->requester,
                               rq->subject ? rq->subject : "zonder onderwerp"));
    }
    size_t n_unevaluated;
    const char *names = unevaluated_measures(r, &n_unevaluated);
    if (n_unevaluated)
        point(&p, arena_printf(r->a, "Een evaluatie van %s %s: wat %s opgeleverd?",
                               n_unevaluated == 1 ? "de afgeronde maatregel"
                                                  : "de afgeronde maatregelen",
                               names, n_unevaluated == 1 ? "heeft deze" : "hebben deze"));
    finding_points(&p, r, f);
    int *past = arena_alloc(r->a, (f->n_years + 1) * sizeof *past);
    size_t n_past = 0;
    for (size_t i = 0; i < f->n_years; i++)
        if (f->years[i].year < f->year && !f->years[i].closed) past[n_past++] = f->years[i].year;
    if (n_past)
        point(&p, arena_printf(r->a,
                               "Het afsluiten van %s: %s voorbij, maar de uitgaven zijn nog "
                               "plannen. Met de realisatie uit de jaarrekening wordt zichtbaar "
                               "wat werkelijk is besteed.",
                               rp_years(r, past, n_past),
                               n_past == 1 ? "dit jaar is" : "deze jaren zijn"));
    *out = p.items;
    return p.n;
}
