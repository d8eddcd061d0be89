/* report_sections.c: the report's figures: 1 Financieel overzicht (the allocations, the
 * coverage per pot, the years as a chart and a table) and 3 Maatregelen en evaluaties.
 * Every figure is the engine's; this file only lays out. */
#include "report_internal.h"

#include "coverage_view.h"

#include <string.h>

const char *rp_cite_text(Report *r, const Citation *c)
{
    const Source *src = c->source_id ? muni_source(r->d, c->source_id) : NULL;
    if (!src) return c->place;
    if (c->place) return arena_printf(r->a, "%s, %s", src->title, c->place);
    return src->title;
}

/* The distinct (source, place) pairs of the current allocations, in one line. */
static void allocation_sources(Report *r)
{
    const MuniData *d = r->d;
    Buf b = {0};
    const Allocation **seen = arena_alloc(r->a, (d->n_allocations + 1) * sizeof *seen);
    size_t n = 0;
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        if (!al->current || !al->cite.source_id) continue;
        size_t k = 0;
        while (k < n && !(seen[k]->cite.source_id == al->cite.source_id &&
                          strcmp(seen[k]->cite.place ? seen[k]->cite.place : "",
                                 al->cite.place ? al->cite.place : "") == 0))
            k++;
        if (k < n) continue;
        seen[n++] = al;
        buf_printf(&b, "%s%s", n == 1 ? "Bronnen: " : "; ", rp_cite_text(r, &al->cite));
    }
    if (n) rp_para(r, arena_strdup(r->a, b.data), RP_SMALL, 0, &rp_grey);
    buf_free(&b);
}

/* A heading inside a section, kept with the start of what follows. */
static void subheading(Report *r, const char *title, double keep)
{
    rp_gap(r, 8);
    double h = rp_measure(r, title, RP_BODY + 2, 1, RP_WIDTH, NULL);
    rp_need(r, h + keep);
    rp_para(r, title, RP_BODY + 2, 1, NULL);
    rp_gap(r, 2);
}

static void allocations(Report *r, const ReportFigures *f)
{
    const AllocationMatrix *m = &f->matrix;
    subheading(r, "Toekenningen", 60);
    if (m->n_rows == 0 && m->n_periods == 0) {
        rp_para(r, "Geen toekenningen vastgelegd.", RP_BODY, 0, NULL);
        return;
    }
    rp_para(r,
            "De huidige toekenningen per actielijn en jaar (bij een latere circulaire de "
            "laatste versie).",
            RP_BODY, 0, NULL);
    rp_gap(r, 4);
    size_t n_cols = m->n_years + 2;
    const char **header = arena_alloc(r->a, n_cols * sizeof *header);
    char *align = arena_alloc(r->a, n_cols + 1);
    header[0] = "Actielijn";
    align[0] = 'l';
    for (size_t y = 0; y < m->n_years; y++) {
        header[y + 1] = arena_printf(r->a, "%d", m->first_year + (int)y);
        align[y + 1] = 'r';
    }
    header[n_cols - 1] = "Totaal";
    align[n_cols - 1] = 'r';
    RpTable t;
    rpt_init(&t, r->a, n_cols, header, align);
    for (size_t i = 0; i < m->n_rows; i++) {
        const AllocationRow *row = &m->rows[i];
        const Actielijn *al = row->actielijn;
        RpRow *out = rpt_row(&t, 0, 0);
        out->cells[0].text = al->id ? arena_printf(r->a, "%d. %s", al->number, al->name) : al->name;
        for (size_t y = 0; y < m->n_years; y++)
            if (row->present[y]) rpt_money(&t, &out->cells[y + 1], row->cells[y]);
        rpt_money(&t, &out->cells[n_cols - 1], row->total);
    }
    /* a figure for a period: its own line, never spread over the years */
    for (size_t k = 0; k < m->n_periods; k++) {
        const AllocationPeriodRow *pr = &m->periods[k];
        const Actielijn *al = pr->actielijn;
        RpRow *out = rpt_row(&t, 0, 0);
        out->cells[0].text =
            arena_printf(r->a, "%s, %d-%d (verdeling over de jaren onbekend)",
                         al->id ? arena_printf(r->a, "%d. %s", al->number, al->name) : al->name,
                         pr->allocation->year, pr->allocation->year_to);
        rpt_money(&t, &out->cells[n_cols - 1], pr->allocation->amount_cents);
    }
    RpRow *tot = rpt_row(&t, 1, 1);
    tot->cells[0].text = "Totaal";
    for (size_t y = 0; y < m->n_years; y++) rpt_money(&t, &tot->cells[y + 1], m->year_totals[y]);
    rpt_money(&t, &tot->cells[n_cols - 1], m->grand_total);
    rp_table(r, &t);
    allocation_sources(r);
}

/* Whether a row of coverage_rows shows money nothing covers or nothing explains (the
 * shortfall, the unexplained rest): asked of the row itself, so the labels and order stay
 * coverage_view's. */
static int is_problem_row(const CoverageRowDef *row)
{
    CoverageYear probe;
    memset(&probe, 0, sizeof probe);
    probe.shortfall = 1;
    probe.unexplained = 1;
    return row->get(&probe) == 1;
}

static void coverage_pot(Report *r, const CoveragePot *p)
{
    size_t n_cols = p->n_years + 2;
    const char **header = arena_alloc(r->a, n_cols * sizeof *header);
    char *align = arena_alloc(r->a, n_cols + 1);
    int any_closed = 0;
    header[0] = "Post";
    align[0] = 'l';
    for (size_t i = 0; i < p->n_years; i++) {
        header[i + 1] = arena_printf(r->a, "%d%s", p->years[i].year, p->years[i].closed ? "*" : "");
        align[i + 1] = 'r';
        any_closed |= p->years[i].closed;
    }
    header[n_cols - 1] = "Totaal";
    align[n_cols - 1] = 'r';
    RpTable t;
    rpt_init(&t, r->a, n_cols, header, align);
    for (size_t k = 0; k < coverage_n_rows; k++) {
        const CoverageRowDef *def = &coverage_rows[k];
        if (!coverage_row_shown(def, p)) continue;
        int problem = is_problem_row(def);
        RpRow *row = rpt_row(&t, problem, def->rule_above);
        row->cells[0].text = def->label;
        for (size_t i = 0; i < p->n_years; i++) {
            int64_t v = def->get(&p->years[i]);
            if (coverage_cell_unknown(def, &p->years[i])) {
                row->cells[i + 1].text = "onbekend";
                continue;
            }
            rpt_money(&t, &row->cells[i + 1], v);
            row->cells[i + 1].red |= problem && v != 0;
        }
        if (def->has_total) {
            rpt_money(&t, &row->cells[n_cols - 1], def->get(&p->total));
            row->cells[n_cols - 1].red |= problem && def->get(&p->total) != 0;
        }
        for (size_t j = 0; def->allocation && j < p->n_periods; j++) {
            RpRow *pr = rpt_row(&t, 0, 0);
            pr->cells[0].text = coverage_period_label(&p->periods[j], r->a);
            rpt_money(&t, &pr->cells[n_cols - 1], p->periods[j].amount);
        }
    }
    rp_gap(r, 4);
    rp_need(r, 60);
    rp_para(r, coverage_pot_title(p, r->a), RP_BODY + 1, 1, NULL);
    rp_gap(r, 2);
    rp_table(r, &t);
    if (any_closed)
        rp_para(r, "* afgesloten jaar: uitgaven zijn de realisatie", RP_SMALL, 0, &rp_grey);
}

static void coverage(Report *r, const ReportFigures *f)
{
    const Coverage *c = &f->coverage;
    subheading(r, "Dekking per pot", 60);
    rp_para(r,
            "Uitgaven worden eerst gedekt uit de toekenning van het jaar, het tekort uit de "
            "reserve; wat een open jaar niet besteedt, is een verwachte storting in de reserve "
            "tot een besluit erover. Negatieve bedragen, "
            "tekorten en onverklaarde bedragen staan vet in rood.",
            RP_BODY, 0, NULL);
    int any = 0;
    for (size_t i = 0; i < c->n_pots; i++)
        if (c->pots[i].n_years) {
            coverage_pot(r, &c->pots[i]);
            any = 1;
        }
    if (!any) rp_para(r, "Geen toekenningen, uitgaven of reserve vastgelegd.", RP_BODY, 0, NULL);
    if (c->n_unplaced)
        rp_para(r,
                arena_printf(r->a,
                             "Let op: %zu maatregel(en) vallen in geen pot en tellen niet mee.",
                             c->n_unplaced),
                RP_BODY, 1, &rp_red);
}

static void chart(Report *r, const ReportFigures *f)
{
    subheading(r, "Verloop per jaar", 290);
    if (f->n_years == 0) {
        rp_para(r, "Geen toekenningen, uitgaven of reserve vastgelegd.", RP_BODY, 0, NULL);
        return;
    }
    rp_para(r, "Toekenning en uitgaven per jaar (alle potten samen) en de reserve op 31 december.",
            RP_BODY, 0, NULL);
    rp_gap(r, 4);
    rp_chart(r, f->years, f->n_years);
    rp_gap(r, 4);
    /* the chart's figures, so that they can be read and checked */
    size_t n_cols = f->n_years + 1;
    const char **header = arena_alloc(r->a, n_cols * sizeof *header);
    char *align = arena_alloc(r->a, n_cols + 1);
    header[0] = "Alle potten";
    align[0] = 'l';
    for (size_t i = 0; i < f->n_years; i++) {
        header[i + 1] = arena_printf(r->a, "%d%s", f->years[i].year, f->years[i].closed ? "*" : "");
        align[i + 1] = 'r';
    }
    RpTable t;
    rpt_init(&t, r->a, n_cols, header, align);
    RpRow *al = rpt_row(&t, 0, 0), *sp = rpt_row(&t, 0, 0), *re = rpt_row(&t, 0, 1);
    al->cells[0].text = "Toekenning";
    sp->cells[0].text = "Uitgaven";
    re->cells[0].text = "Reserve op 31 december";
    for (size_t i = 0; i < f->n_years; i++) {
        rpt_money(&t, &al->cells[i + 1], f->years[i].allocation);
        rpt_money(&t, &sp->cells[i + 1], f->years[i].spending);
        rpt_money(&t, &re->cells[i + 1], f->years[i].reserve_end);
    }
    rp_table(r, &t);
}

void rps_finances(Report *r, const ReportFigures *f)
{
    rp_section(r, "1 Financieel overzicht", 80);
    rp_para(r,
            "Wat de gemeente heeft ontvangen, hoe de uitgaven worden gedekt en hoe de reserve "
            "zich ontwikkelt. Bedragen in euro; bij elk bedrag hoort een brondocument.",
            RP_BODY, 0, NULL);
    allocations(r, f);
    coverage(r, f);
    chart(r, f);
}

static const char *actielijn_list(Report *r, const Measure *m)
{
    if (m->n_actielijnen == 0) return NULL;
    Buf b = {0};
    for (size_t i = 0; i < m->n_actielijnen; i++) {
        const Actielijn *al = muni_actielijn(r->d, m->actielijn_ids[i]);
        if (al) buf_printf(&b, "%s%d", b.len ? ", " : "", al->number);
    }
    const char *s = b.len ? arena_strdup(r->a, b.data) : NULL;
    buf_free(&b);
    return s;
}

const Evaluation *rp_latest_evaluation(const MuniData *d, int64_t measure_id)
{
    const Evaluation *best = NULL;
    for (size_t i = 0; i < d->n_evaluations; i++) {
        const Evaluation *e = &d->evaluations[i];
        if (e->measure_id != measure_id) continue;
        int cmp = best ? strcmp(e->date ? e->date : "", best->date ? best->date : "") : 1;
        if (cmp > 0 || (cmp == 0 && e->id > best->id)) best = e;
    }
    return best;
}

static void measure_amounts_table(Report *r, const MeasureAmounts *ma)
{
    size_t n_cols = ma->n_years + 2;
    const char **header = arena_alloc(r->a, n_cols * sizeof *header);
    char *align = arena_alloc(r->a, n_cols + 1);
    header[0] = "";
    align[0] = 'l';
    for (size_t i = 0; i < ma->n_years; i++) {
        header[i + 1] = arena_printf(r->a, "%d", ma->years[i].year);
        align[i + 1] = 'r';
    }
    header[n_cols - 1] = "Totaal";
    align[n_cols - 1] = 'r';
    RpTable t;
    rpt_init(&t, r->a, n_cols, header, align);
    RpRow *plan = rpt_row(&t, 0, 0), *real = rpt_row(&t, 0, 0);
    plan->cells[0].text = "Begroot";
    real->cells[0].text = "Gerealiseerd";
    for (size_t i = 0; i < ma->n_years; i++) {
        if (ma->years[i].plan) rpt_money(&t, &plan->cells[i + 1], ma->years[i].plan->amount_cents);
        if (ma->years[i].realised)
            rpt_money(&t, &real->cells[i + 1], ma->years[i].realised->amount_cents);
    }
    rpt_money(&t, &plan->cells[n_cols - 1], ma->planned);
    rpt_money(&t, &real->cells[n_cols - 1], ma->realised);
    rp_table(r, &t);
}

static int one_measure(Report *r, const Measure *m, PokErr *err)
{
    MeasureAmounts ma;
    if (measure_amounts(r->d, m->id, r->a, &ma, err)) return -1;
    rp_gap(r, 6);
    rp_need(r, 70);
    rp_para(r, m->name, RP_BODY + 1, 1, NULL);
    Buf b = {0};
    buf_printf(&b, "Status: %s", m->status ? m->status : "onbekend");
    const char *lines = actielijn_list(r, m);
    if (lines) buf_printf(&b, " - actielijn%s %s", strchr(lines, ',') ? "en" : "", lines);
    if (m->partner && *m->partner) buf_printf(&b, " - partner: %s", m->partner);
    rp_para(r, arena_strdup(r->a, b.data), RP_BODY, 0, NULL);
    buf_free(&b);
    if (ma.n_years)
        measure_amounts_table(r, &ma);
    else
        rp_para(r, "Geen begrote of gerealiseerde bedragen vastgelegd.", RP_BODY, 0, &rp_grey);
    const Evaluation *e = rp_latest_evaluation(r->d, m->id);
    if (e) {
        rp_para(r,
                arena_printf(r->a, "Evaluatie%s%s: %s%s%s", e->date ? " " : "",
                             e->date ? rp_date(r, e->date) : "", e->verdict ? e->verdict : "",
                             e->follow_up ? "; vervolg: " : "", e->follow_up ? e->follow_up : ""),
                RP_BODY, 0, NULL);
        if (e->text && *e->text) rp_para(r, e->text, RP_SMALL, 0, &rp_grey);
    } else if (measure_status_ended(m->status)) {
        rp_para(r, "Geen evaluatie vastgelegd.", RP_BODY, 0, &rp_red);
    }
    const char *cite = rp_cite_text(r, &m->cite);
    if (cite) rp_para(r, arena_printf(r->a, "Bron: %s", cite), RP_SMALL, 0, &rp_grey);
    return 0;
}

int rps_measures(Report *r, const ReportFigures *f, PokErr *err)
{
    (void)f;
    rp_section(r, "3 Maatregelen en evaluaties", 80);
    if (r->d->n_measures == 0) {
        rp_para(r, "Geen maatregelen vastgelegd.", RP_BODY, 0, NULL);
        return 0;
    }
    rp_para(r,
            "Per maatregel de status, de actielijnen, wat per jaar is begroot en gerealiseerd, "
            "en de laatste evaluatie.",
            RP_BODY, 0, NULL);
    for (size_t i = 0; i < r->d->n_measures; i++)
        if (one_measure(r, &r->d->measures[i], err)) return -1;
    return 0;
}
