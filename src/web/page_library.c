/* page_library.c: GET /landelijk/maatregelen, the library of measures: what the
 * municipalities that share their measures do, found by text and filters in a GET form
 * without JavaScript (library.h, store_search.h); and the "Vergelijkbare maatregelen
 * elders" of a measure's page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/store_reference.h"
#include "../store/store_sharing.h"
#include "authz.h"
#include "datatable.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "library.h"
#include "page_kit.h"
#include "pages.h"
#include "route.h"

static const FormOption status_options[] = {
    {"", "elke status"},      {"gepland", "gepland"}, {"lopend", "lopend"},
    {"afgerond", "afgerond"}, {"gestopt", "gestopt"},
};
#define N_STATUS (sizeof status_options / sizeof status_options[0])

/* The parameter, or NULL when absent or empty. */
static const char *param(const WebRequest *req, const char *name)
{
    const char *v = web_query(req, name);
    return v && *v ? v : NULL;
}

static int64_t small_number(const char *v, long long max)
{
    long long n;
    return v && parse_int(v, 1, max, &n) == 0 ? n : 0;
}

void library_query(const WebRequest *req, Arena *a, LibraryQuery *lq)
{
    memset(lq, 0, sizeof *lq);
    lq->q = param(req, "q");
    lq->partner = param(req, "partner");
    lq->verdict = param(req, "oordeel");
    SearchFilter *f = &lq->filter;
    f->actielijn = small_number(param(req, "actielijn"), 1000);
    f->purpose = small_number(param(req, "doel"), 1000);
    if (f->actielijn) lq->actielijn = arena_printf(a, "%lld", (long long)f->actielijn);
    if (f->purpose) lq->doel = arena_printf(a, "%lld", (long long)f->purpose);
    const char *status = param(req, "status");
    if (status && measure_status_valid(status)) f->status = lq->status = status;
    f->size = size_class_find(param(req, "grootte"));
    if (f->size) lq->size = f->size->value;
    f->partner = lq->partner;
    f->verdict = lq->verdict;
    lq->page = small_number(param(req, "pagina"), 100000);
    if (!lq->page) lq->page = 1;
    f->limit = LIBRARY_PAGE;
    f->offset = (size_t)(lq->page - 1) * LIBRARY_PAGE;
    search_query_parse(lq->q, a, &lq->query);
    f->query = &lq->query;
}

/* ---- the form ---- */

static int64_t scheme_id(WebApp *app, Arena *a, PokErr *err)
{
    if (app->scheme_id) return app->scheme_id;
    Scheme scheme;
    int r = store_scheme_get(app->store, app->scheme ? app->scheme : "POK", a, &scheme, err);
    return r == 1 ? scheme.id : (r == 0 ? (err_set(err, "onbekende regeling"), -1) : -1);
}

typedef struct Choices {
    FormOption *actielijnen, *purposes, *verdicts;
    size_t n_actielijnen, n_purposes, n_verdicts;
} Choices;

static int load_choices(WebApp *app, Arena *a, Choices *c, PokErr *err)
{
    int64_t scheme = scheme_id(app, a, err);
    Actielijn *al;
    Purpose *pu;
    const char **verdicts;
    size_t n_al, n_pu, n_v;
    if (scheme < 0 || store_actielijn_list(app->store, scheme, a, &al, &n_al, err) ||
        store_purpose_list(app->store, scheme, a, &pu, &n_pu, err) ||
        store_search_verdicts(app->store, 50, a, &verdicts, &n_v, err))
        return -1;
    c->actielijnen = arena_alloc(a, (n_al + 1) * sizeof *c->actielijnen);
    c->actielijnen[0] = (FormOption){"", "elke actielijn"};
    for (size_t i = 0; i < n_al; i++)
        c->actielijnen[i + 1] = (FormOption){arena_printf(a, "%d", al[i].number),
                                             arena_printf(a, "%d. %s", al[i].number, al[i].name)};
    c->n_actielijnen = n_al + 1;
    c->purposes = arena_alloc(a, (n_pu + 1) * sizeof *c->purposes);
    c->purposes[0] = (FormOption){"", "elk doel"};
    for (size_t i = 0; i < n_pu; i++)
        c->purposes[i + 1] = (FormOption){arena_printf(a, "%d", pu[i].number),
                                          arena_printf(a, "%d. %s", pu[i].number, pu[i].name)};
    c->n_purposes = n_pu + 1;
    c->verdicts = arena_alloc(a, (n_v + 1) * sizeof *c->verdicts);
    c->verdicts[0] = (FormOption){"", "elk oordeel"};
    for (size_t i = 0; i < n_v; i++) c->verdicts[i + 1] = (FormOption){verdicts[i], verdicts[i]};
    c->n_verdicts = n_v + 1;
    return 0;
}

static void search_form(Buf *b, Arena *a, const WebRequest *req, const LibraryQuery *lq,
                        const Choices *c)
{
    Form f;
    form_init(&f, req, a);
    html_lit(b, "<form method=\"get\" action=\"/landelijk/maatregelen\" role=\"search\""
                " class=\"start-filter\">\n<div class=\"utrecht-form-field\">"
                "<label for=\"q\" class=\"utrecht-form-label\">Zoekwoorden</label>\n");
    html_printf(b,
                "<input type=\"search\" id=\"q\" name=\"q\" class=\"utrecht-textbox\" "
                "value=\"%s\" aria-describedby=\"q-hint\">\n"
                "<p id=\"q-hint\" class=\"utrecht-form-field-description\">Bijvoorbeeld: "
                "sociaal raadslieden. Alle woorden moeten voorkomen; andere woordvormen, "
                "woorden zonder accenten en synoniemen tellen mee.</p></div>\n",
                lq->q ? lq->q : "");
    form_select(b, &f, "actielijn", "Actielijn", NULL, c->actielijnen, c->n_actielijnen,
                lq->actielijn);
    form_select(b, &f, "doel", "Doel", NULL, c->purposes, c->n_purposes, lq->doel);
    html_lit(b, "<div class=\"utrecht-form-field\">"
                "<label for=\"partner\" class=\"utrecht-form-label\">Partner (deel van de naam)"
                "</label>\n");
    html_printf(b,
                "<input type=\"text\" id=\"partner\" name=\"partner\" class=\"utrecht-textbox\" "
                "value=\"%s\"></div>\n",
                lq->partner ? lq->partner : "");
    form_select(b, &f, "status", "Status", NULL, status_options, N_STATUS, lq->status);
    form_select(b, &f, "oordeel", "Oordeel van de laatste evaluatie", NULL, c->verdicts,
                c->n_verdicts, lq->verdict);
    FormOption sizes[N_SIZE_CLASSES + 1] = {{"", "alle groottes"}};
    for (size_t i = 0; i < N_SIZE_CLASSES; i++)
        sizes[i + 1] = (FormOption){size_classes[i].value, size_classes[i].label};
    form_select(b, &f, "grootte", "Grootte van de gemeente (inwoners, indeling van het CBS)", NULL,
                sizes, N_SIZE_CLASSES + 1, lq->size);
    html_lit(b, "<button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\">"
                "Zoek maatregelen</button>\n</form>\n");
}

/* ---- the hits ---- */

static const char *const headers[] = {"Maatregel", "Gemeente",     "Status",         "Partner",
                                      "Gepland",   "Gerealiseerd", "Laatste oordeel"};
#define N_COLS (sizeof headers / sizeof headers[0])

/* The first words of a description, at most about max bytes, on a UTF-8 boundary. */
static const char *excerpt(Arena *a, const char *text, size_t max)
{
    if (!text || strlen(text) <= max) return text;
    size_t n = max;
    while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80) n--;
    while (n > max / 2 && text[n] != ' ') n--;
    return arena_printf(a, "%.*s …", (int)n, text);
}

/* Whether the viewer may open the measure's own page (else the hit is shown without a
 * link: the library shows what the municipality shares, not its pages). */
static int may_open(const WebApp *app, const WebRequest *req, const char *muni)
{
    return !app->require_login || authz_allows(req->user, CAP_READ, muni, AUTHZ_SHARED);
}

static void hits_table(DataTable *t, Arena *a, const WebApp *app, const WebRequest *req,
                       const SearchHit *hits, size_t n, const char *caption)
{
    dt_init(t, a, caption, headers, N_COLS);
    t->first_col_is_header = 1;
    t->empty = "Geen maatregelen gevonden.";
    for (size_t i = 0; i < n; i++) {
        const SearchHit *h = &hits[i];
        TableCell *row = dt_row(t, 0);
        cell_text(&row[0], h->name,
                  may_open(app, req, h->municipality)
                      ? arena_printf(a, "/maatregel/%lld", (long long)h->measure_id)
                      : NULL);
        row[0].note = excerpt(a, h->description, 240);
        cell_text(&row[1], h->municipality_name, NULL);
        cell_text(&row[2], h->status, NULL);
        cell_text(&row[3], h->partner, NULL);
        cell_money(&row[4], h->planned_cents, NULL, NULL);
        cell_money(&row[5], h->realised_cents, NULL, NULL);
        cell_text(&row[6], h->verdict ? h->verdict : "nog niet geëvalueerd", NULL);
        if (h->evaluation_date) row[6].note = date_nl(a, h->evaluation_date);
    }
}

/* The same search on another page. */
static void page_link(Buf *b, const LibraryQuery *lq, int64_t page, const char *label)
{
    html_lit(b, "<a href=\"/landelijk/maatregelen?");
    const char *names[] = {"q", "actielijn", "doel", "partner", "status", "oordeel", "grootte"};
    const char *values[] = {lq->q,      lq->actielijn, lq->doel, lq->partner,
                            lq->status, lq->verdict,   lq->size};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!values[i]) continue;
        html_url_arg(b, names[i]);
        html_lit(b, "=");
        html_url_arg(b, values[i]);
        html_lit(b, "&amp;");
    }
    html_printf(b, "pagina=%lld\">%s</a>", (long long)page, label);
}

static void pager(Buf *b, const LibraryQuery *lq, int64_t total)
{
    int64_t pages = (total + LIBRARY_PAGE - 1) / LIBRARY_PAGE;
    if (pages <= 1) return;
    html_lit(b, "<nav aria-label=\"Pagina's\"><p>");
    if (lq->page > 1) page_link(b, lq, lq->page - 1, "Vorige pagina");
    html_printf(b, " Pagina %lld van %lld ", (long long)lq->page, (long long)pages);
    if (lq->page < pages) page_link(b, lq, lq->page + 1, "Volgende pagina");
    html_lit(b, "</p></nav>\n");
}

void page_library(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    PokErr err = {0};
    LibraryQuery lq;
    library_query(req, &a, &lq);
    Choices c;
    SearchHit *hits;
    size_t n;
    int64_t total;
    if (load_choices(app, &a, &c, &err) ||
        store_search(app->store, &lq.filter, &a, &hits, &n, &total, &err)) {
        web_error(res, 500, err.msg);
        arena_free(&a);
        return;
    }
    Buf *b = &res->body;
    layout_begin(b, "Bibliotheek van maatregelen");
    html_lit(b, "<h1>Bibliotheek van maatregelen</h1>\n"
                "<p>Wat doen andere gemeenten met de POK-middelen, en hoe werkte het? Hier staan "
                "de maatregelen van de gemeenten die hun maatregelen met naam delen, met wat zij "
                "begrootten en uitgaven en het oordeel van hun laatste evaluatie. Gemeenten die "
                "niet delen staan er niet in.</p>\n");
    search_form(b, &a, req, &lq, &c);
    const char *caption =
        lq.q ? arena_printf(&a, "Maatregelen voor \u2018%s\u2019 (%lld)", lq.q, (long long)total)
             : arena_printf(&a, "Maatregelen (%lld)", (long long)total);
    DataTable t;
    hits_table(&t, &a, app, req, hits, n, caption);
    dt_html(b, &t, NULL);
    pager(b, &lq, total);
    layout_end(b);
    arena_free(&a);
}

/* ---- on a measure's page ---- */

void library_similar(Buf *b, Arena *a, WebApp *app, const WebRequest *req, const char *muni,
                     int64_t measure_id)
{
    PokErr err = {0};
    SharingLevel level = SHARE_NONE;
    if (store_sharing_get(app->store, muni, &level, &err)) return;
    /* the library is for anyone logged in; a visitor of a published municipality sees
     * it here only when that municipality shares its own measures too */
    int viewer = !app->require_login || req->user;
    if (level != SHARE_MEASURES && !viewer) return;
    SearchHit *hits;
    size_t n;
    if (store_search_similar(app->store, measure_id, 5, a, &hits, &n, &err)) return;
    html_lit(b, "<h2>Vergelijkbare maatregelen elders</h2>\n");
    if (!n) {
        html_lit(b, "<p>Geen vergelijkbare maatregelen gevonden bij gemeenten die hun "
                    "maatregelen delen.</p>\n");
        return;
    }
    DataTable t;
    hits_table(&t, a, app, req, hits, n, "Vergelijkbare maatregelen van andere gemeenten");
    dt_html(b, &t, NULL);
    if (viewer)
        html_lit(b, "<p><a href=\"/landelijk/maatregelen\">Zoek in de bibliotheek van "
                    "maatregelen</a></p>\n");
}
