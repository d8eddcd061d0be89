/* page_ledger.c: GET /maatregel/ID/boekingen[?jaar=2024] (and .csv): the general-ledger
 * bookings behind a measure's realised amounts, with the total per year next to the
 * realised figure and the import and source each booking came from. */
#include "html.h"
#include "layout.h"
#include "page_kit.h"
#include "pages.h"
#include "route.h"

#include "../store/store_ledger.h"
#include "../store/store_reference.h"
#include "../views/audit_view.h"

#include <stdlib.h>
#include <string.h>

/* Rows shown on the page; the CSV download always has every booking. */
#define LEDGER_PAGE_ROWS 5000

static const char *const booking_headers[] = {"Datum",        "Document", "Rekening",
                                              "Kostenplaats", "Taakveld", "Omschrijving",
                                              "Bedrag",       "Herkomst"};
static const char *const year_headers[] = {"Jaar", "Boekingen", "Som van de boekingen",
                                           "Realisatie"};

typedef struct LedgerPage {
    const MuniData *d;
    const Measure *m;
    int year; /* 0: every year */
    Booking *bookings;
    size_t n_bookings;
    LedgerTotal *totals;
    size_t n_totals;
    DataTable list, years;
    int hide_actors; /* a visitor not logged in: who imported is shown as a role */
} LedgerPage;

static const MeasureAmount *realised(const MuniData *d, int64_t measure_id, int year)
{
    for (size_t i = 0; i < d->n_amounts; i++)
        if (d->amounts[i].measure_id == measure_id && d->amounts[i].year == year &&
            d->amounts[i].kind == AMOUNT_REALISED)
            return &d->amounts[i];
    return NULL;
}

static void build_list(LedgerPage *p, Arena *a, size_t limit)
{
    const char *name = p->m ? p->m->name : "";
    dt_init(&p->list, a,
            p->year ? arena_printf(a, "Boekingen %d: %s", p->year, name)
                    : arena_printf(a, "Boekingen: %s", name),
            booking_headers, 8);
    p->list.empty = "Geen boekingen uit het grootboek voor deze maatregel.";
    int64_t total = 0;
    for (size_t i = 0; i < p->n_bookings; i++) {
        const Booking *b = &p->bookings[i];
        total += b->amount_cents; /* the store's sums are checked; this is their parts */
        if (i >= limit) continue;
        TableCell *row = dt_row(&p->list, 0);
        if (b->booking_date)
            cell_date(&row[0], b->booking_date);
        else
            cell_int(&row[0], b->year);
        row[0].id = arena_printf(a, "boeking-%lld", (long long)b->id);
        cell_text(&row[1], b->document, NULL);
        cell_text(&row[2], b->account, NULL);
        cell_text(&row[3], b->cost_centre, NULL);
        cell_text(&row[4], b->taakveld, NULL);
        cell_text(&row[5], b->description, NULL);
        cell_money(&row[6], b->amount_cents, NULL, NULL);
        cell_text(&row[7],
                  arena_printf(a, "%s, regel %lld (import %lld)", b->file_name ? b->file_name : "",
                               (long long)b->line, (long long)b->import_id),
                  NULL);
    }
    if (p->n_bookings) {
        TableCell *row = dt_row(&p->list, 1);
        cell_text(&row[0], "Totaal", NULL);
        cell_money(&row[6], total, NULL, NULL);
    }
}

static void build_years(LedgerPage *p, Arena *a)
{
    dt_init(&p->years, a, arena_printf(a, "Boekingen en realisatie per jaar: %s", p->m->name),
            year_headers, 4);
    p->years.empty = "Geen boekingen uit het grootboek voor deze maatregel.";
    for (size_t i = 0; i < p->n_totals; i++) {
        const LedgerTotal *t = &p->totals[i];
        if (p->year && t->year != p->year) continue;
        TableCell *row = dt_row(&p->years, 0);
        cell_int(&row[0], t->year);
        cell_int(&row[1], t->bookings);
        cell_money(&row[2], t->cents,
                   p->year ? NULL
                           : arena_printf(a, "/maatregel/%lld/boekingen?jaar=%d",
                                          (long long)p->m->id, t->year),
                   NULL);
        const MeasureAmount *r = realised(p->d, p->m->id, t->year);
        if (r) cell_money(&row[3], r->amount_cents, NULL, NULL);
    }
}

/* The imports the bookings came from, each with its source. */
static void origins(Buf *b, Arena *a, WebApp *app, const LedgerPage *p)
{
    int64_t seen[16];
    size_t n_seen = 0;
    html_lit(b, "<h2>Herkomst</h2>\n<ul>\n");
    for (size_t i = 0; i < p->n_bookings && n_seen < sizeof seen / sizeof seen[0]; i++) {
        int64_t id = p->bookings[i].import_id;
        size_t k = 0;
        while (k < n_seen && seen[k] != id) k++;
        if (k < n_seen) continue;
        seen[n_seen++] = id;
        LedgerImport imp;
        PokErr err;
        if (store_ledger_import_get(app->store, id, a, &imp, &err) != 1) continue;
        html_printf(b, "<li>Grootboekimport %lld: %s, ingelezen %s door %s", (long long)imp.id,
                    imp.file_name, time_nl(a, imp.imported_at),
                    p->hide_actors ? audit_actor_label(imp.actor) : imp.actor);
        const char *href = kit_source_href(a, p->d, imp.source_id, NULL);
        Source src;
        if (href && store_source_get(app->store, imp.source_id, a, &src, &err) == 1) {
            html_lit(b, "; bron: <a href=\"");
            html_attr(b, href);
            html_printf(b, "\">%s</a>", src.title);
        }
        html_lit(b, "</li>\n");
    }
    html_lit(b, "</ul>\n");
}

static void page(Buf *b, Arena *a, WebApp *app, const LedgerPage *p)
{
    const char *what = p->year ? arena_printf(a, " %d", p->year) : "";
    layout_begin(b, arena_printf(a, "Boekingen%s · %s · %s", what, p->m->name, p->d->muni.name));
    kit_muni_nav(b, p->d, "/maatregel");
    html_printf(b, "<h1>Boekingen%s <small>%s</small></h1>\n", what, p->m->name);
    html_lit(b, "<p>De boekingen uit het grootboek waarop de realisatie van deze maatregel "
                "berust: per jaar is de realisatie de som van alle ingelezen boekingen op de "
                "gekoppelde kostenplaatsen");
    if (p->m->cost_centres) html_printf(b, " (%s)", p->m->cost_centres);
    html_lit(b, ".</p>\n");
    dt_html(b, &p->years, NULL);
    const char *csv = arena_printf(a, "/maatregel/%lld/boekingen.csv%s", (long long)p->m->id,
                                   p->year ? arena_printf(a, "?jaar=%d", p->year) : "");
    if (p->n_bookings > LEDGER_PAGE_ROWS)
        html_printf(b, "<p>De eerste %d van %zu boekingen; de CSV bevat ze allemaal.</p>\n",
                    LEDGER_PAGE_ROWS, p->n_bookings);
    dt_html(b, &p->list, csv);
    if (p->n_bookings) origins(b, a, app, p);
    html_printf(b, "<p><a href=\"/maatregel/%lld\">Terug naar de maatregel</a></p>\n",
                (long long)p->m->id);
    layout_end(b);
}

static void bookings(WebApp *app, const WebRequest *req, WebResponse *res, int csv)
{
    Arena a = {0};
    PokErr err = {0};
    LedgerPage p = {0};
    int64_t id = req->record_id;
    const char *jaar = web_query(req, "jaar");
    long long year = 0;
    int r = 1;
    if (jaar && *jaar && parse_int(jaar, 1900, 2200, &year) != 0) r = 0;
    MuniData d;
    if (r == 1) r = web_load(app, req->scope_muni, &a, &d, &err);
    if (r == 1 && !(p.m = muni_measure(&d, id))) r = 0;
    p.d = &d;
    p.year = (int)year;
    p.hide_actors = app->require_login && !req->user; /* as the audit pages (page_audit.c) */
    if (r == 1 &&
        (store_ledger_bookings(app->store, id, p.year, &a, &p.bookings, &p.n_bookings, &err) ||
         store_ledger_totals(app->store, NULL, id, &a, &p.totals, &p.n_totals, &err)))
        r = -1;
    if (r < 0) {
        web_error(res, 500, err.msg);
    } else if (r == 0) {
        web_not_found(res, "Deze maatregel (of dit jaar) bestaat niet.");
    } else if (csv) {
        build_list(&p, &a, p.n_bookings);
        kit_send_csv(res, &p.list,
                     p.year ? arena_printf(&a, "boekingen-%lld-%d.csv", (long long)id, p.year)
                            : arena_printf(&a, "boekingen-%lld.csv", (long long)id),
                     d.generated);
    } else {
        build_list(&p, &a, LEDGER_PAGE_ROWS);
        build_years(&p, &a);
        page(&res->body, &a, app, &p);
    }
    arena_free(&a);
}

void page_ledger_bookings(WebApp *app, const WebRequest *req, WebResponse *res)
{
    bookings(app, req, res, 0);
}

void page_ledger_bookings_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    bookings(app, req, res, 1);
}
