/* page_source.c: a source document (title, kind, date, kenmerk, note) and every record of
 * a municipality that cites it, each with the place in the document and an anchor that
 * the figures on the other pages link to; the table also as CSV. /bron/ID is the source
 * in its own municipality; a national document is shown for one municipality at
 * /gemeente/CODE/bron/ID, whose route checks access to CODE (a ?gemeente= on /bron/ID
 * only redirects there: a query parameter never widens what the route allowed). */
#include "../store/store_reference.h"
#include "../store/store_source_file.h"
#include "html.h"
#include "layout.h"
#include "page_kit.h"
#include "pages.h"
#include "route.h"

#include <stdio.h>
#include <string.h>

static const char *const cited_headers[] = {"Gegeven", "Omschrijving", "Jaar", "Bedrag",
                                            "Plaats in de bron"};

typedef struct Cited {
    DataTable *t;
    Arena *a;
} Cited;

/* One row: kind (with the anchor), description (linked when href), year, amount. */
static TableCell *cited_row(Cited *c, const char *kind, const char *anchor, long long id,
                            const char *description, const char *href, int year, const char *place)
{
    TableCell *row = dt_row(c->t, 0);
    cell_text(&row[0], kind, NULL);
    row[0].id = arena_printf(c->a, "%s-%lld", anchor, id);
    cell_text(&row[1], description, href);
    if (year) cell_int(&row[2], year);
    cell_text(&row[4], place, NULL);
    return row;
}

static const char *actielijn_label(Arena *a, const MuniData *d, const Allocation *al)
{
    const Actielijn *line = muni_actielijn(d, al->actielijn_id);
    const char *what = line ? arena_printf(a, "actielijn %d %s", line->number, line->name)
                            : "niet uitgesplitst naar actielijn";
    return al->current ? what : arena_printf(a, "%s (versie %d, vervangen)", what, al->version);
}

static void cite_allocations_and_measures(Cited *c, const MuniData *d, int64_t id)
{
    Arena *a = c->a;
    for (size_t i = 0; i < d->n_allocations; i++) {
        const Allocation *al = &d->allocations[i];
        if (al->cite.source_id != id) continue;
        TableCell *row = cited_row(c, "toekenning", "toekenning", al->id, actielijn_label(a, d, al),
                                   NULL, al->year, al->cite.place);
        cell_money(&row[3], al->amount_cents, NULL, NULL);
    }
    for (size_t i = 0; i < d->n_pots; i++)
        if (d->pots[i].cite.source_id == id)
            cited_row(c, "pot", "pot", d->pots[i].id, d->pots[i].name, NULL, 0,
                      d->pots[i].cite.place);
    for (size_t i = 0; i < d->n_measures; i++) {
        const Measure *m = &d->measures[i];
        if (m->cite.source_id == id)
            cited_row(c, "maatregel", "maatregel", m->id, m->name,
                      arena_printf(a, "/maatregel/%lld", (long long)m->id), 0, m->cite.place);
    }
    for (size_t i = 0; i < d->n_amounts; i++) {
        const MeasureAmount *ma = &d->amounts[i];
        if (ma->cite.source_id != id) continue;
        const Measure *m = muni_measure(d, ma->measure_id);
        TableCell *row = cited_row(c, ma->kind == AMOUNT_REALISED ? "realisatie" : "plan", "bedrag",
                                   ma->id, m ? m->name : "",
                                   arena_printf(a, "/maatregel/%lld", (long long)ma->measure_id),
                                   ma->year, ma->cite.place);
        cell_money(&row[3], ma->amount_cents, NULL, NULL);
    }
    for (size_t i = 0; i < d->n_evaluations; i++) {
        const Evaluation *e = &d->evaluations[i];
        if (e->cite.source_id != id) continue;
        const Measure *m = muni_measure(d, e->measure_id);
        cited_row(c, "evaluatie", "evaluatie", e->id,
                  arena_printf(a, "%s: %s", m ? m->name : "", e->verdict ? e->verdict : ""),
                  arena_printf(a, "/maatregel/%lld#evaluatie-%lld", (long long)e->measure_id,
                               (long long)e->id),
                  0, e->cite.place);
    }
}

static void cite_reserve_and_registers(Cited *c, const MuniData *d, int64_t id)
{
    Arena *a = c->a;
    const char *registers = kit_muni_path(a, d, "/besluiten");
    for (size_t i = 0; i < d->n_openings; i++) {
        const ReserveOpening *ro = &d->openings[i];
        if (ro->cite.source_id != id) continue;
        TableCell *row = cited_row(c, "reserve op 1 januari", "opening", ro->id,
                                   "beginstand van de reserve", NULL, ro->year, ro->cite.place);
        cell_money(&row[3], ro->amount_cents, NULL, NULL);
    }
    for (size_t i = 0; i < d->n_movements; i++) {
        const ReserveMovement *rm = &d->movements[i];
        if (rm->cite.source_id != id) continue;
        const char *what = rm->kind == RESERVE_TRANSFER
                               ? arena_printf(a, "van %d naar %d", rm->year, rm->to_year)
                               : rm->description;
        TableCell *row = cited_row(c, reserve_kind_name(rm->kind), "mutatie", rm->id, what, NULL,
                                   rm->year, rm->cite.place);
        cell_money(&row[3], rm->amount_cents, NULL, NULL);
    }
    for (size_t i = 0; i < d->n_decisions; i++) {
        const Decision *dec = &d->decisions[i];
        if (dec->cite.source_id == id)
            cited_row(c, "besluit", "besluit", dec->id, dec->title,
                      arena_printf(a, "%s#besluit-%lld", registers, (long long)dec->id), 0,
                      dec->cite.place);
    }
    for (size_t i = 0; i < d->n_requests; i++) {
        const Request *r = &d->requests[i];
        const char *href = arena_printf(a, "%s#verzoek-%lld", registers, (long long)r->id);
        if (r->cite.source_id == id)
            cited_row(c, "verzoek", "verzoek", r->id, r->requester, href, 0, r->cite.place);
        if (r->letter_source_id == id)
            cited_row(c, "verzoek (de brief zelf)", "brief", r->id, r->requester, href, 0, NULL);
    }
    for (size_t i = 0; i < d->n_closed; i++)
        if (d->closed[i].cite.source_id == id)
            cited_row(c, "afgesloten jaar", "jaar", d->closed[i].year, "jaar afgesloten", NULL,
                      d->closed[i].year, d->closed[i].cite.place);
    for (size_t i = 0; i < d->n_stated; i++) {
        const StatedFigure *sf = &d->stated[i];
        if (sf->cite.source_id != id) continue;
        TableCell *row = cited_row(c, "genoemd bedrag", "genoemd", sf->id, sf->description, NULL,
                                   sf->year_from, sf->cite.place);
        cell_money(&row[3], sf->amount_cents, NULL, NULL);
    }
}

/* The document file of a source: its name as a download link, size, type and SHA-256,
 * so a reader can check that a copy elsewhere is the same document. */
static void file_details(Buf *b, Arena *a, const SourceFile *file, const char *href)
{
    html_lit(b, "<dt>Document</dt><dd><a class=\"utrecht-link\" href=\"");
    html_attr(b, href);
    html_printf(b, "\">%s</a> (%s)</dd>\n", file->name,
                file->size >= 1024 * 1024
                    ? arena_printf(a, "%.1f MiB", (double)file->size / (1024.0 * 1024.0))
                    : arena_printf(a, "%lld kB", (long long)((file->size + 1023) / 1024)));
    html_printf(b, "<dt>SHA-256</dt><dd><code class=\"pok-hash\">%s</code></dd>\n", file->sha256);
}

static void source_details(Buf *b, Arena *a, const Source *src)
{
    html_printf(b, "<h1>%s <small>bron</small></h1>\n<dl class=\"properties\">\n", src->title);
    html_printf(b, "<dt>Soort</dt><dd>%s</dd>\n", src->kind ? src->kind : "onbekend");
    if (src->date)
        html_printf(b, "<dt>Datum</dt><dd><time datetime=\"%s\">%s</time></dd>\n", src->date,
                    date_nl(a, src->date));
    else
        html_lit(b, "<dt>Datum</dt><dd>niet vermeld</dd>\n");
    if (src->reference) html_printf(b, "<dt>Kenmerk</dt><dd>%s</dd>\n", src->reference);
    html_printf(b, "<dt>Gemeente</dt><dd>%s</dd>\n",
                src->municipality ? src->municipality : "landelijk document");
    if (src->note) html_printf(b, "<dt>Toelichting</dt><dd>%s</dd>\n", src->note);
}

/* ?gemeente=CODE of an old link to a national source, when it looks like a code. */
static const char *legacy_code(const WebRequest *req)
{
    const char *code = web_query(req, "gemeente");
    if (!code || !*code || strlen(code) > 16) return NULL;
    for (const char *c = code; *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'))) return NULL;
    return code;
}

static void source(WebApp *app, const WebRequest *req, WebResponse *res, int csv)
{
    Arena a = {0};
    PokErr err = {0};
    int64_t id = req->record_id;
    Source src;
    int r = store_source_get(app->store, id, &a, &src, &err);
    if (r <= 0) {
        if (r < 0)
            web_error(res, 500, err.msg);
        else
            web_not_found(res, "Deze bron bestaat niet.");
        arena_free(&a);
        return;
    }
    const char *code = req->scope_muni; /* the source's own, or the path's (authz.c) */
    const char *legacy = code ? NULL : legacy_code(req);
    if (legacy) {
        web_header_set(
            res, "Location",
            arena_printf(&a, "/gemeente/%s/bron/%lld%s", legacy, (long long)id, csv ? ".csv" : ""));
        web_error(res, 303, "Deze bron staat op de pagina's van de gemeente.");
        arena_free(&a);
        return;
    }
    MuniData d;
    int loaded = web_load(app, code, &a, &d, &err);
    if (loaded < 0) {
        web_error(res, 500, err.msg);
        arena_free(&a);
        return;
    }
    DataTable t;
    dt_init(&t, &a, "Gegevens uit deze bron", cited_headers, 5);
    if (loaded) {
        t.caption = arena_printf(&a, "Gegevens van %s uit deze bron", d.muni.name);
        t.empty = "Geen gegevens van deze gemeente noemen deze bron.";
        Cited c = {&t, &a};
        cite_allocations_and_measures(&c, &d, id);
        cite_reserve_and_registers(&c, &d, id);
    }
    if (csv) {
        kit_send_csv(res, &t, arena_printf(&a, "bron-%lld.csv", (long long)id),
                     loaded && d.generated);
        arena_free(&a);
        return;
    }
    Buf *b = &res->body;
    layout_begin(b, arena_printf(&a, "Bron: %s", src.title));
    if (loaded) kit_muni_nav(b, &d, "/bron");
    source_details(b, &a, &src);
    SourceFile file;
    int has_file = store_source_file_get(app->store, id, 0, &a, &file, &err);
    if (has_file > 0) file_details(b, &a, &file, arena_printf(&a, "%s/bestand", req->path));
    html_lit(b, "</dl>\n");
    html_lit(b, "<h2>Waar deze bron wordt genoemd</h2>\n");
    if (loaded) {
        dt_html(b, &t, arena_printf(&a, "%s.csv", kit_source_href(&a, &d, id, NULL)));
    } else {
        html_lit(b, "<p>Dit is een landelijk document. Open het vanaf de pagina van een "
                    "gemeente om te zien welke gegevens van die gemeente eruit komen.</p>\n");
    }
    layout_end(b);
    arena_free(&a);
}

void page_source(WebApp *app, const WebRequest *req, WebResponse *res)
{
    source(app, req, res, 0);
}

void page_source_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    source(app, req, res, 1);
}

/* Served as the type it was uploaded with only when that is a document type a browser
 * shows or saves without running anything; else as bytes. Always as an attachment. */
static const char *download_type(const char *type)
{
    static const char *const safe[] = {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/msword",
        "application/vnd.ms-excel",
        "text/csv",
        "text/plain",
        "image/png",
        "image/jpeg",
    };
    for (size_t i = 0; i < sizeof safe / sizeof safe[0]; i++)
        if (strcmp(type, safe[i]) == 0) return safe[i];
    return "application/octet-stream";
}

/* Content-Disposition for name: an ASCII fallback and the UTF-8 name (RFC 6266). */
static const char *disposition(Arena *a, const char *name)
{
    Buf ascii = {0}, utf8 = {0};
    for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
        int plain = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                    (*c >= '0' && *c <= '9') || *c == '.' || *c == '-' || *c == '_';
        buf_append(&ascii, plain ? (const char *)c : "_", 1);
        if (plain)
            buf_append(&utf8, (const char *)c, 1);
        else
            buf_printf(&utf8, "%%%02X", *c);
    }
    const char *out =
        arena_printf(a, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
                     ascii.data ? ascii.data : "document", utf8.data ? utf8.data : "document");
    buf_free(&ascii);
    buf_free(&utf8);
    return out;
}

void page_source_file(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    PokErr err = {0};
    SourceFile file;
    int r = store_source_file_get(app->store, req->record_id, 1, &a, &file, &err);
    if (r <= 0) {
        if (r < 0)
            web_error(res, 500, err.msg);
        else
            web_not_found(res, "Bij deze bron is geen bestand opgeslagen.");
        arena_free(&a);
        return;
    }
    res->content_type = download_type(file.content_type);
    web_header_set(res, "Content-Disposition", disposition(&a, file.name));
    buf_append(&res->body, file.data, (size_t)file.size);
    arena_free(&a);
}
