/* page_start.c: GET / : every municipality with its totals (allocated, planned, realised,
 * reserve at the end of the last year), those with figures first, searchable by name or
 * code (?q=); and the same as /gemeenten.csv. */
#include "../store/store_reference.h"
#include "html.h"
#include "layout.h"
#include "page_kit.h"
#include "pages.h"
#include "route.h"

#include <string.h>

int kit_muni_summaries(WebApp *app, const char *search, Arena *a, MuniSummary **out, size_t *n,
                       PokErr *err)
{
    Municipality *list;
    size_t count;
    if (store_municipality_list(app->store, search, a, &list, &count, err)) return -1;
    MuniSummary *all = arena_alloc(a, (count + 1) * sizeof *all);
    for (size_t i = 0; i < count; i++) {
        Arena one = {0};
        MuniData d;
        Coverage c;
        all[i].muni = &list[i];
        int r = web_load(app, list[i].code, &one, &d, err);
        if (r == 1) {
            all[i].has_records = web_has_records(&d);
            if (all[i].has_records && (coverage_compute(&d, &one, &c, err) ||
                                       municipality_totals(&d, &c, &one, &all[i].totals, err)))
                r = -1;
        }
        arena_free(&one);
        if (r < 0) return -1;
    }
    /* those with records first, keeping the store's order within each group */
    MuniSummary *sorted = arena_alloc(a, (count + 1) * sizeof *sorted);
    size_t k = 0;
    for (int with = 1; with >= 0; with--)
        for (size_t i = 0; i < count; i++)
            if (all[i].has_records == with) sorted[k++] = all[i];
    *out = sorted;
    *n = count;
    return 0;
}

static const char *const headers[] = {
    "Gemeente", "Code",         "Provincie",           "Toegekend",
    "Gepland",  "Gerealiseerd", "Reserve aan het eind"};

static void add_rows(DataTable *t, Arena *a, const MuniSummary *s, size_t n, int with)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i].has_records != with) continue;
        TableCell *row = dt_row(t, 0);
        cell_text(&row[0], s[i].muni->name, arena_printf(a, "/gemeente/%s", s[i].muni->code));
        cell_text(&row[1], s[i].muni->code, NULL);
        cell_text(&row[2], s[i].muni->province, NULL);
        cell_money(&row[3], s[i].totals.allocated, NULL, NULL);
        cell_money(&row[4], s[i].totals.planned, NULL, NULL);
        cell_money(&row[5], s[i].totals.realised, NULL, NULL);
        cell_money(&row[6], s[i].totals.reserve_end, NULL, NULL);
        if (s[i].totals.reserve_year)
            row[6].note = arena_printf(a, "31 december %d", s[i].totals.reserve_year);
    }
}

static int load(WebApp *app, const WebRequest *req, WebResponse *res, Arena *a, const char **q,
                MuniSummary **s, size_t *n)
{
    PokErr err = {0};
    *q = web_query(req, "q");
    if (*q && !**q) *q = NULL;
    if (kit_muni_summaries(app, *q, a, s, n, &err)) {
        web_error(res, 500, err.msg);
        return -1;
    }
    return 0;
}

static const char *csv_href(Arena *a, const char *q)
{
    if (!q) return "/gemeenten.csv";
    Buf b = {0};
    buf_puts(&b, "/gemeenten.csv?q=");
    html_url_arg(&b, q);
    const char *href = arena_strdup(a, b.data);
    buf_free(&b);
    return href;
}

void page_start(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    const char *q;
    MuniSummary *s;
    size_t n;
    if (load(app, req, res, &a, &q, &s, &n)) {
        arena_free(&a);
        return;
    }
    size_t n_with = 0;
    for (size_t i = 0; i < n; i++) n_with += (size_t)s[i].has_records;
    DataTable with, without;
    dt_init(&with, &a, arena_printf(&a, "Gemeenten met gegevens (%zu)", n_with), headers, 7);
    add_rows(&with, &a, s, n, 1);
    dt_init(&without, &a,
            arena_printf(&a, "%s (%zu)", n_with ? "Overige gemeenten" : "Gemeenten zonder gegevens",
                         n - n_with),
            headers, 7);
    add_rows(&without, &a, s, n, 0);

    Buf *b = &res->body;
    layout_begin(b, "Gemeenten");
    html_lit(b, "<h1>Gemeenten</h1>\n"
                "<form method=\"get\" action=\"/\" role=\"search\" class=\"utrecht-form-field\">\n"
                "<label for=\"q\" class=\"utrecht-form-label\">Zoek op naam of code</label>\n");
    html_printf(b,
                "<input type=\"search\" id=\"q\" name=\"q\" class=\"utrecht-textbox\" "
                "value=\"%s\"> ",
                q ? q : "");
    html_lit(b, "<button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\">"
                "Zoeken</button>\n</form>\n");
    if (q)
        html_printf(b,
                    "<p>%zu gemeente%s gevonden voor &#8216;%s&#8217;. "
                    "<a href=\"/\">Toon alle gemeenten</a></p>\n",
                    n, n == 1 ? "" : "n", q);
    html_lit(b, "<p>Per gemeente: de toegekende middelen (huidige toekenningen), de geplande en "
                "gerealiseerde uitgaven van alle maatregelen, en de reserve aan het eind van het "
                "laatste jaar van de dekkingstabel.</p>\n");
    const char *href = csv_href(&a, q);
    if (n_with) dt_html(b, &with, without.n_rows ? NULL : href);
    if (without.n_rows) dt_html(b, &without, href);
    if (n == 0) html_lit(b, "<p>Geen gemeenten gevonden.</p>\n");
    layout_end(b);
    arena_free(&a);
}

void page_start_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    const char *q;
    MuniSummary *s;
    size_t n;
    if (load(app, req, res, &a, &q, &s, &n) == 0) {
        DataTable t;
        dt_init(&t, &a, "Gemeenten", headers, 7);
        add_rows(&t, &a, s, n, 1);
        add_rows(&t, &a, s, n, 0);
        kit_send_csv(res, &t, "gemeenten.csv");
    }
    arena_free(&a);
}
