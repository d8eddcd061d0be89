/* read_result.c: a ReadResult built and written: the JSON of docs/read.md and the Dutch
 * text of `pok read`. */
#include "read.h"

#include "../money.h"

#include <string.h>

static const char *const kind_names[READ_KIND_COUNT] = {"allocation",
                                                        "plan",
                                                        "realisation",
                                                        "reserve_balance",
                                                        "reserve_withdrawal",
                                                        "reserve_deposit",
                                                        "total",
                                                        "request",
                                                        "other"};

/* Dutch, for the text output and the web page. */
static const char *const kind_dutch[READ_KIND_COUNT] = {
    "toekenning",       "plan",   "realisatie", "reservestand", "onttrekking reserve",
    "storting reserve", "totaal", "verzoek",    "overig"};

const char *read_kind_name(ReadKind k)
{
    return (unsigned)k < READ_KIND_COUNT ? kind_names[k] : "other";
}

int read_kind_parse(const char *s)
{
    for (int i = 0; s && i < READ_KIND_COUNT; i++)
        if (strcmp(s, kind_names[i]) == 0) return i;
    return -1;
}

const char *read_finding_kind_name(ReadFindingKind k)
{
    static const char *const names[] = {"sum", "reserve", "coverage", "date"};
    return (unsigned)k < 4 ? names[k] : "sum";
}

ReadAmount *read_add_amount(ReadResult *res, const ReadAmount *a)
{
    res->amounts = arena_grow(&res->arena, res->amounts, sizeof *res->amounts, &res->cap_amounts,
                              res->namounts + 1);
    ReadAmount *n = &res->amounts[res->namounts++];
    *n = *a;
    n->label = arena_strdup(&res->arena, a->label ? a->label : "");
    return n;
}

ReadTotal *read_add_unchecked(ReadResult *res, const ReadTotal *t)
{
    res->unchecked = arena_grow(&res->arena, res->unchecked, sizeof *res->unchecked,
                                &res->cap_unchecked, res->nunchecked + 1);
    ReadTotal *n = &res->unchecked[res->nunchecked++];
    *n = *t;
    n->quote = arena_strdup(&res->arena, t->quote ? t->quote : "");
    return n;
}

ReadFinding *read_add_finding(ReadResult *res, const ReadFinding *f)
{
    res->findings = arena_grow(&res->arena, res->findings, sizeof *res->findings,
                               &res->cap_findings, res->nfindings + 1);
    ReadFinding *n = &res->findings[res->nfindings++];
    *n = *f;
    n->quote = arena_strdup(&res->arena, f->quote ? f->quote : "");
    n->message = arena_strdup(&res->arena, f->message ? f->message : "");
    return n;
}

ReadDecision *read_add_decision(ReadResult *res, const ReadDecision *d)
{
    res->decisions = arena_grow(&res->arena, res->decisions, sizeof *res->decisions,
                                &res->cap_decisions, res->ndecisions + 1);
    ReadDecision *n = &res->decisions[res->ndecisions++];
    *n = *d;
    n->body = arena_strdup(&res->arena, d->body ? d->body : "college");
    n->subject = arena_strdup(&res->arena, d->subject ? d->subject : "");
    return n;
}

void read_add_reference(ReadResult *res, const char *ref)
{
    for (size_t i = 0; i < res->nrefs; i++)
        if (strcmp(res->references[i], ref) == 0) return;
    res->references = arena_grow(&res->arena, res->references, sizeof *res->references,
                                 &res->cap_refs, res->nrefs + 1);
    res->references[res->nrefs++] = arena_strdup(&res->arena, ref);
}

void read_result_free(ReadResult *res)
{
    arena_free(&res->arena);
    memset(res, 0, sizeof *res);
}

static json_t *int_or_null(long long v)
{
    return v ? json_integer(v) : json_null();
}

json_t *read_result_json(const ReadDoc *doc, const ReadResult *res)
{
    json_t *o = json_object();
    json_object_set_new(o, "file", json_string(doc->file ? doc->file : ""));
    json_object_set_new(o, "sha256", json_string(doc->sha256));
    json_object_set_new(o, "pages", json_integer(doc->pages));
    json_t *ocr = json_array();
    for (size_t i = 0; i < doc->n_ocr; i++)
        json_array_append_new(ocr, json_integer(doc->ocr_pages[i]));
    json_object_set_new(o, "ocr_pages", ocr);
    if (res->muni_code) {
        json_t *m = json_object();
        json_object_set_new(m, "code", json_string(res->muni_code));
        json_object_set_new(m, "name", json_string(res->muni_name ? res->muni_name : ""));
        json_object_set_new(o, "municipality", m);
    } else {
        json_object_set_new(o, "municipality", json_null());
    }
    json_object_set_new(o, "date", res->date[0] ? json_string(res->date) : json_null());
    json_object_set_new(o, "genre", json_string(res->genre ? res->genre : "overig"));
    json_t *refs = json_array();
    for (size_t i = 0; i < res->nrefs; i++)
        json_array_append_new(refs, json_string(res->references[i]));
    json_object_set_new(o, "references", refs);
    json_t *decs = json_array();
    for (size_t i = 0; i < res->ndecisions; i++) {
        const ReadDecision *d = &res->decisions[i];
        json_array_append_new(
            decs, json_pack("{s:o,s:s,s:s,s:s}", "date",
                            d->date[0] ? json_string(d->date) : json_null(), "body", d->body,
                            "outcome", d->adopted ? "adopted" : "declined", "subject", d->subject));
    }
    json_object_set_new(o, "decisions", decs);
    json_t *am = json_array();
    for (size_t i = 0; i < res->namounts; i++) {
        const ReadAmount *a = &res->amounts[i];
        json_array_append_new(am, json_pack("{s:I,s:o,s:o,s:s,s:s,s:i,s:i}", "cents",
                                            (json_int_t)a->cents, "year", int_or_null(a->year),
                                            "actielijn", int_or_null(a->actielijn), "kind",
                                            read_kind_name(a->kind), "label", a->label, "page",
                                            a->page, "line", a->line));
    }
    json_object_set_new(o, "amounts", am);
    json_t *un = json_array();
    for (size_t i = 0; i < res->nunchecked; i++) {
        const ReadTotal *t = &res->unchecked[i];
        json_array_append_new(un, json_pack("{s:I,s:i,s:i,s:s}", "cents", (json_int_t)t->cents,
                                            "page", t->page, "line", t->line, "quote", t->quote));
    }
    json_object_set_new(o, "unchecked_totals", un);
    json_t *fi = json_array();
    for (size_t i = 0; i < res->nfindings; i++) {
        const ReadFinding *f = &res->findings[i];
        json_array_append_new(
            fi,
            json_pack("{s:s,s:o,s:o,s:i,s:i,s:s,s:s}", "kind", read_finding_kind_name(f->kind),
                      "stated_cents", f->has_stated ? json_integer(f->stated_cents) : json_null(),
                      "computed_cents",
                      f->has_computed ? json_integer(f->computed_cents) : json_null(), "page",
                      f->page, "line", f->line, "quote", f->quote, "message", f->message));
    }
    json_object_set_new(o, "findings", fi);
    return o;
}

int read_result_text(const ReadDoc *doc, const ReadResult *res, Buf *out)
{
    char m[MONEY_BUFSZ];
    buf_printf(out, "%s: %d %s", doc->file, doc->pages, doc->pages == 1 ? "pagina" : "pagina's");
    if (doc->n_ocr) buf_printf(out, " (%zu gelezen met tekstherkenning)", doc->n_ocr);
    buf_puts(out, "\n");
    buf_printf(out, "  gemeente: %s\n", res->muni_name ? res->muni_name : "onbekend");
    buf_printf(out, "  soort:    %s\n", res->genre ? res->genre : "overig");
    buf_printf(out, "  datum:    %s\n", res->date[0] ? res->date : "onbekend");
    for (size_t i = 0; i < res->nrefs; i++) buf_printf(out, "  kenmerk:  %s\n", res->references[i]);
    for (size_t i = 0; i < res->ndecisions; i++) {
        const ReadDecision *d = &res->decisions[i];
        buf_printf(out, "  besluit:  %s %s %s: %s\n", d->date[0] ? d->date : "(datum onbekend)",
                   d->body, d->adopted ? "aangenomen" : "afgewezen", d->subject);
    }
    if (res->nfindings) {
        buf_printf(out, "\n%zu %s:\n", res->nfindings,
                   res->nfindings == 1 ? "bevinding" : "bevindingen");
        for (size_t i = 0; i < res->nfindings; i++) {
            const ReadFinding *f = &res->findings[i];
            buf_printf(out, "  pagina %d, regel %d: %s\n    \"%s\"\n", f->page, f->line, f->message,
                       f->quote);
        }
    } else {
        buf_puts(out, "\nGeen bevindingen: de gecontroleerde berekeningen kloppen.\n");
    }
    buf_printf(out, "\n%zu %s:\n", res->namounts, res->namounts == 1 ? "bedrag" : "bedragen");
    for (size_t i = 0; i < res->namounts; i++) {
        const ReadAmount *a = &res->amounts[i];
        buf_printf(out, "  p%d r%-4d %16s  %-20s", a->page, a->line,
                   money_format(a->cents, MONEY_EURO, m), kind_dutch[a->kind % READ_KIND_COUNT]);
        if (a->year) buf_printf(out, " %d", a->year);
        if (a->actielijn) buf_printf(out, " actielijn %d", a->actielijn);
        buf_printf(out, "  %s\n", a->label);
    }
    if (res->nunchecked) {
        buf_printf(out, "\nNiet controleerbaar (%zu):\n", res->nunchecked);
        for (size_t i = 0; i < res->nunchecked; i++) {
            const ReadTotal *t = &res->unchecked[i];
            buf_printf(out, "  pagina %d, regel %d: %s  \"%s\"\n", t->page, t->line,
                       money_format(t->cents, MONEY_EURO, m), t->quote);
        }
    }
    return buf_failed(out) ? -1 : 0;
}
