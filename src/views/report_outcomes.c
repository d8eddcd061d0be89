/* report_outcomes.c: what was decided and what comes next: 2 Besluiten en verzoeken (each
 * decision and each request with its outcome), 4 Bevindingen (the checks' findings under
 * a heading in plain words), 5 Vervolg (what needs a decision, what the evaluations
 * advise, measures not yet started) and the colophon. No command, path or internal code:
 * the reader is a council member. */
#include "report_internal.h"

#include <string.h>

const char *rp_body_name(const char *body)
{
    if (body && strcmp(body, "college") == 0) return "het college";
    if (body && strcmp(body, "raad") == 0) return "de raad";
    return body ? body : "onbekend orgaan";
}

const char *rp_decided_by(Report *r, int64_t decision_id, int with_title)
{
    const Decision *dc = decision_id ? muni_decision(r->d, decision_id) : NULL;
    if (!dc) return "";
    const char *when = dc->date ? rp_date(r, dc->date) : "een onbekende datum";
    if (!with_title) return arena_printf(r->a, " door %s op %s", rp_body_name(dc->body), when);
    return arena_printf(r->a, " door %s op %s (%s)", rp_body_name(dc->body), when, dc->title);
}

const char *rp_request_outcome(const char *status)
{
    if (!status || strcmp(status, "open") == 0) return "nog niet beslist";
    return status;
}

static void decisions_list(Report *r)
{
    const MuniData *d = r->d;
    for (size_t i = 0; i < d->n_decisions; i++) {
        const Decision *dc = &d->decisions[i];
        rp_gap(r, 4);
        rp_para(r,
                arena_printf(r->a, "%s, %s", dc->date ? rp_date(r, dc->date) : "datum onbekend",
                             rp_body_name(dc->body)),
                RP_BODY, 1, NULL);
        Buf b = {0};
        buf_printf(&b, "%s", dc->title);
        if (dc->reference && *dc->reference) buf_printf(&b, " (kenmerk %s)", dc->reference);
        if (dc->outcome && *dc->outcome) buf_printf(&b, ". Uitkomst: %s.", dc->outcome);
        rp_para(r, arena_strdup(r->a, b.data), RP_BODY, 0, NULL);
        buf_free(&b);
        const char *cite = rp_cite_text(r, &dc->cite);
        if (cite) rp_para(r, arena_printf(r->a, "Bron: %s", cite), RP_SMALL, 0, &rp_grey);
    }
}

static void requests_list(Report *r)
{
    const MuniData *d = r->d;
    for (size_t i = 0; i < d->n_requests; i++) {
        const Request *rq = &d->requests[i];
        rp_gap(r, 4);
        const char *when =
            rq->date ? arena_printf(r->a, ", brief van %s", rp_date(r, rq->date)) : "";
        rp_para(r, arena_printf(r->a, "Verzoek van %s%s", rq->requester, when), RP_BODY, 1, NULL);
        Buf b = {0};
        buf_printf(&b, "%s", rq->subject ? rq->subject : "Zonder onderwerp");
        if (rq->has_amount) buf_printf(&b, "; gevraagd %s", rp_euro(r, rq->amount_cents));
        buf_printf(&b, ". Uitkomst: %s%s.", rp_request_outcome(rq->status),
                   rp_decided_by(r, rq->decision_id, 1));
        rp_para(r, arena_strdup(r->a, b.data), RP_BODY, 0, NULL);
        buf_free(&b);
        const char *cite = rp_cite_text(r, &rq->cite);
        if (cite) rp_para(r, arena_printf(r->a, "Bron: %s", cite), RP_SMALL, 0, &rp_grey);
    }
}

void rps_decisions(Report *r, const ReportFigures *f)
{
    (void)f;
    const MuniData *d = r->d;
    rp_section(r, "2 Besluiten en verzoeken", 60);
    if (!d->n_decisions && !d->n_requests) {
        rp_para(r, "Er zijn geen besluiten of verzoeken vastgelegd.", RP_BODY, 0, NULL);
        return;
    }
    if (d->n_decisions) {
        rp_para(r, "De besluiten van college en raad over deze middelen:", RP_BODY, 0, NULL);
        decisions_list(r);
    }
    if (d->n_requests) {
        rp_gap(r, 8);
        rp_para(r,
                "Verzoeken van anderen om een deel van het geld, en wat erop is besloten:", RP_BODY,
                0, NULL);
        requests_list(r);
    }
}

/* ---- findings ---- */

/* Each kind of finding under a heading a council member understands: the check's own
 * Dutch name (the check table in engine/checks.c). */
static const char *finding_title(CheckKind kind)
{
    return check_kind_name(kind);
}

static const char *severity_words(Severity s)
{
    switch (s) {
    case SEV_ERROR:
        return "Klopt niet";
    case SEV_WARNING:
        return "Let op";
    case SEV_INFO:
        break;
    }
    return "Ter informatie";
}

void rps_findings(Report *r, const ReportFigures *f)
{
    rp_section(r, "4 Bevindingen", 60);
    if (f->n_findings == 0) {
        rp_para(r, "De cijfers zijn nagerekend; er zijn geen bevindingen.", RP_BODY, 0, NULL);
        return;
    }
    rp_para(r,
            arena_printf(r->a,
                         "De cijfers zijn nagerekend: de toekenningen, de uitgaven, de reserve "
                         "en de totalen die documenten noemen. Dat gaf %zu bevinding%s.",
                         f->n_findings, f->n_findings == 1 ? "" : "en"),
            RP_BODY, 0, NULL);
    for (size_t i = 0; i < f->n_findings; i++) {
        const Finding *x = &f->findings[i];
        int error = x->severity == SEV_ERROR;
        rp_gap(r, 5);
        rp_need(r, 30);
        rp_para(r,
                arena_printf(r->a, "%s: %s", severity_words(x->severity), finding_title(x->kind)),
                RP_BODY, 1, error ? &rp_red : NULL);
        rp_para(r, x->message, RP_BODY, 0, NULL);
        const char *cite = x->cite.source_id ? rp_cite_text(r, &x->cite) : NULL;
        if (cite) rp_para(r, arena_printf(r->a, "Bron: %s", cite), RP_SMALL, 0, &rp_grey);
    }
}

/* ---- next steps ---- */

/* What an evaluation's advice means for the budget, where it means something. */
static const struct {
    const char *follow_up, *consequence;
} follow_up_consequences[] = {
    {"structureel maken", "De kosten moeten dan een plek krijgen in de reguliere begroting, "
                          "want deze middelen zijn tijdelijk."},
    {"stoppen", "Wat nog voor deze maatregel was begroot, kan een andere bestemming krijgen."},
    {"doel bereikt", "De maatregel kan worden afgesloten."},
};

static const char *consequence(const char *follow_up)
{
    for (size_t i = 0; i < sizeof follow_up_consequences / sizeof follow_up_consequences[0]; i++)
        if (strcmp(follow_up, follow_up_consequences[i].follow_up) == 0)
            return follow_up_consequences[i].consequence;
    return NULL;
}

static size_t evaluation_advice(Report *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->d->n_measures; i++) {
        const Measure *m = &r->d->measures[i];
        const Evaluation *e = rp_latest_evaluation(r->d, m->id);
        if (!e || !e->follow_up || !*e->follow_up) continue;
        if (n++ == 0) {
            rp_gap(r, 6);
            rp_para(r, "Wat de evaluaties adviseren", RP_BODY + 1, 1, NULL);
        }
        const char *why = consequence(e->follow_up);
        /* the verdict only where it adds something ("doel bereikt" twice says nothing) */
        int verdict = e->verdict && *e->verdict && strcmp(e->verdict, e->follow_up) != 0;
        rp_item(r, 0,
                arena_printf(r->a, "%s: %s%s%s%s.%s%s", m->name, e->follow_up,
                             verdict ? " (beoordeeld als " : "", verdict ? e->verdict : "",
                             verdict ? ")" : "", why ? " " : "", why ? why : ""),
                RP_BODY, NULL);
    }
    return n;
}

static size_t not_started(Report *r)
{
    Buf b = {0};
    size_t n = 0;
    for (size_t i = 0; i < r->d->n_measures; i++) {
        const Measure *m = &r->d->measures[i];
        if (!m->status || strcmp(m->status, "gepland") != 0) continue;
        buf_printf(&b, "%s'%s'", n++ ? ", " : "", m->name);
    }
    if (n) {
        rp_gap(r, 6);
        rp_para(r, "Nog te starten", RP_BODY + 1, 1, NULL);
        rp_para(r,
                arena_printf(r->a, "%zu maatregel%s nog gepland en niet gestart: %s.", n,
                             n == 1 ? " is" : "en zijn", b.data),
                RP_BODY, 0, NULL);
    }
    buf_free(&b);
    return n;
}

void rps_next_steps(Report *r, const ReportFigures *f)
{
    rp_section(r, "5 Vervolg", 60);
    const char **points;
    size_t n = rp_decision_points(r, f, &points);
    rp_para(r, "Wat een besluit vraagt", RP_BODY + 1, 1, NULL);
    if (!n) rp_para(r, "Op dit moment vraagt niets een besluit.", RP_BODY, 0, NULL);
    for (size_t i = 0; i < n; i++) rp_item(r, (int)i + 1, points[i], RP_BODY, NULL);
    evaluation_advice(r);
    not_started(r);
}

void rps_colophon(Report *r, const ReportFigures *f)
{
    rp_gap(r, 16);
    rp_need(r, 50);
    rp_hline(r, RP_LEFT, RP_RIGHT, r->y, 0.5);
    rp_gap(r, 4);
    rp_para(r,
            arena_printf(r->a,
                         "Opgesteld op %s. Elk bedrag in deze brief komt uit de vastgelegde "
                         "gegevens van de gemeente en is herleidbaar tot het brondocument dat "
                         "erbij staat. De uitgaven van een jaar worden eerst gedekt uit de "
                         "toekenning van dat jaar en daarna uit de reserve.",
                         f->date_text),
            RP_SMALL, 0, &rp_grey);
}
