/* page_start.c: GET / : the municipalities with their totals (allocated, planned,
 * realised, reserve at the end of the last year), found through a GET form that works
 * without JavaScript: search by name or code (?q=), filter by province, CBS size class
 * and whether there are figures, sort by name, province, inhabitants or a total. Without
 * a search only the municipalities with figures are listed. /gemeenten.csv is the same
 * list as CSV for people. */
#include "../store/store_reference.h"
#include "../store/store_sharing.h"
#include "authz.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "page_kit.h"
#include "pages.h"
#include "route.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The latest inhabitants count of each municipality (the list is ordered by code, year). */
static int add_inhabitants(WebApp *app, Arena *a, MuniSummary *s, size_t n, PokErr *err)
{
    Inhabitants *inh;
    size_t n_inh;
    if (store_inhabitants_list(app->store, NULL, a, &inh, &n_inh, err)) return -1;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < n_inh; k++)
            if (strcmp(inh[k].municipality, s[i].muni->code) == 0 &&
                inh[k].year >= s[i].inhabitants_year) {
                s[i].inhabitants = inh[k].count;
                s[i].inhabitants_year = inh[k].year;
            }
    return 0;
}

/* Whether code shares its figures by name (sharing is ordered by code). */
static int shares_by_name(const MuniSharing *sharing, size_t n, const char *code)
{
    for (size_t lo = 0, hi = n; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(sharing[mid].code, code);
        if (c == 0) return sharing[mid].level >= SHARE_NAMED;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int kit_muni_summaries(WebApp *app, const char *search, Arena *a, MuniSummary **out, size_t *n,
                       PokErr *err)
{
    Municipality *list;
    size_t count;
    if (store_municipality_list(app->store, search, a, &list, &count, err)) return -1;
    MuniSummary *all = arena_alloc(a, (count + 1) * sizeof *all);
    MuniSharing *sharing;
    size_t n_sharing;
    if (store_sharing_list(app->store, a, &sharing, &n_sharing, err)) return -1;
    for (size_t i = 0; i < count; i++) {
        Arena one = {0};
        MuniData d;
        Coverage c;
        all[i].muni = &list[i];
        /* an analist sees the figures of those that share them by name */
        if (!form_may_read(list[i].code,
                           shares_by_name(sharing, n_sharing, list[i].code) ? AUTHZ_SHARED : 0))
            continue;
        int r = web_load(app, list[i].code, &one, &d, err);
        if (r == 1) {
            all[i].generated = d.generated;
            all[i].has_records = web_has_records(&d);
            if (all[i].has_records && (coverage_compute(&d, &one, &c, err) ||
                                       municipality_totals(&d, &c, &one, &all[i].totals, err)))
                r = -1;
        }
        arena_free(&one);
        if (r < 0) return -1;
    }
    if (add_inhabitants(app, a, all, count, err)) return -1;
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

/* ---- what the form asks for, described once ---- */

/* The CBS size classes are model.h's size_classes. */

/* With or without figures; "met" is the default without a search, "alle" with one. */
static const FormOption data_options[] = {
    {"met", "alleen gemeenten met gegevens"},
    {"zonder", "alleen gemeenten zonder gegevens"},
    {"alle", "alle gemeenten"},
};
#define N_DATA_OPTIONS (sizeof data_options / sizeof data_options[0])

typedef int (*SummaryCompare)(const MuniSummary *, const MuniSummary *);

static int by_name(const MuniSummary *x, const MuniSummary *y)
{
    return strcasecmp(x->muni->name, y->muni->name);
}

static int by_province(const MuniSummary *x, const MuniSummary *y)
{
    int c = strcmp(x->muni->province ? x->muni->province : "",
                   y->muni->province ? y->muni->province : "");
    return c ? c : by_name(x, y);
}

/* Highest first; equal figures by name. */
#define DESCENDING(name, expr)                                                                     \
    static int name(const MuniSummary *x, const MuniSummary *y)                                    \
    {                                                                                              \
        int64_t a_ = x->expr, b_ = y->expr;                                                        \
        return a_ != b_ ? (a_ < b_ ? 1 : -1) : by_name(x, y);                                      \
    }
DESCENDING(by_inhabitants, inhabitants)
DESCENDING(by_allocated, totals.allocated)
DESCENDING(by_planned, totals.planned)
DESCENDING(by_realised, totals.realised)
DESCENDING(by_reserve, totals.reserve_end)

static const struct SortKey {
    FormOption option;
    SummaryCompare compare;
} sort_keys[] = {
    {{"naam", "naam (A-Z)"}, by_name},
    {{"provincie", "provincie, dan naam"}, by_province},
    {{"inwoners", "inwoners (meeste eerst)"}, by_inhabitants},
    {{"toegekend", "toegekend (hoogste eerst)"}, by_allocated},
    {{"gepland", "gepland (hoogste eerst)"}, by_planned},
    {{"gerealiseerd", "gerealiseerd (hoogste eerst)"}, by_realised},
    {{"reserve", "reserve aan het eind (hoogste eerst)"}, by_reserve},
};
#define N_SORT_KEYS (sizeof sort_keys / sizeof sort_keys[0])

/* The form's state: each parameter's value, or NULL when absent, empty or not one of its
 * choices (then the default applies, as a search that finds nothing would). */
typedef struct StartQuery {
    const char *q, *province, *size, *data, *sort;
} StartQuery;

/* The parameter's value when it is one of the options, else NULL. */
static const char *query_choice(const WebRequest *req, const char *name, const FormOption *opts,
                                size_t n)
{
    const char *v = web_query(req, name);
    for (size_t i = 0; v && i < n; i++)
        if (strcmp(opts[i].value, v) == 0) return opts[i].value;
    return NULL;
}

static const struct SortKey *sort_key(const char *value)
{
    for (size_t i = 0; value && i < N_SORT_KEYS; i++)
        if (strcmp(sort_keys[i].option.value, value) == 0) return &sort_keys[i];
    return NULL;
}

static StartQuery read_query(const WebRequest *req)
{
    StartQuery sq = {0};
    sq.q = web_query(req, "q");
    if (sq.q && !*sq.q) sq.q = NULL;
    sq.province = web_query(req, "provincie");
    if (sq.province && !*sq.province) sq.province = NULL;
    const char *size = web_query(req, "grootte");
    for (size_t i = 0; size && i < N_SIZE_CLASSES; i++)
        if (strcmp(size_classes[i].value, size) == 0) sq.size = size_classes[i].value;
    sq.data = query_choice(req, "gegevens", data_options, N_DATA_OPTIONS);
    if (!sq.data) sq.data = sq.q ? "alle" : "met";
    const struct SortKey *key = sort_key(web_query(req, "sorteer"));
    sq.sort = key ? key->option.value : "naam";
    return sq;
}

static int wanted(const StartQuery *sq, const MuniSummary *s)
{
    if (strcmp(sq->data, "met") == 0 && !s->has_records) return 0;
    if (strcmp(sq->data, "zonder") == 0 && s->has_records) return 0;
    if (sq->province && (!s->muni->province || strcmp(sq->province, s->muni->province) != 0))
        return 0;
    for (size_t i = 0; sq->size && i < N_SIZE_CLASSES; i++)
        if (strcmp(size_classes[i].value, sq->size) == 0 &&
            (!s->inhabitants_year || s->inhabitants < size_classes[i].min ||
             s->inhabitants >= size_classes[i].max))
            return 0;
    return 1;
}

static int compare_summaries(const void *x, const void *y, void *key)
{
    return ((const struct SortKey *)key)->compare(x, y);
}

/* The municipalities the query asks for, in its order, in *out. */
static size_t select_rows(const StartQuery *sq, Arena *a, const MuniSummary *s, size_t n,
                          MuniSummary **out)
{
    MuniSummary *rows = arena_alloc(a, (n + 1) * sizeof *rows);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (wanted(sq, &s[i])) rows[k++] = s[i];
    struct SortKey key = *sort_key(sq->sort);
    qsort_r(rows, k, sizeof *rows, compare_summaries, &key);
    *out = rows;
    return k;
}

/* The query as a URL query string ("?provincie=Gelderland&sorteer=toegekend"), only the
 * parameters that were given, for the CSV link; "" when none. */
static const char *query_string(Arena *a, const WebRequest *req)
{
    static const char *const names[] = {"q", "provincie", "grootte", "gegevens", "sorteer"};
    Buf b = {0};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = web_query(req, names[i]);
        if (!v || !*v) continue;
        buf_printf(&b, "%s%s=", b.len ? "&" : "?", names[i]);
        html_url_arg(&b, v);
    }
    const char *text = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return text;
}

/* ---- the table ---- */

static const char *const headers[] = {
    "Gemeente",  "Code",    "Provincie",    "Inwoners",
    "Toegekend", "Gepland", "Gerealiseerd", "Reserve aan het eind"};
#define N_COLS (sizeof headers / sizeof headers[0])

static void add_rows(DataTable *t, Arena *a, const MuniSummary *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        TableCell *row = dt_row(t, 0);
        cell_text(&row[0], s[i].muni->name, arena_printf(a, "/gemeente/%s", s[i].muni->code));
        cell_text(&row[1], s[i].muni->code, NULL);
        cell_text(&row[2], s[i].muni->province, NULL);
        if (s[i].inhabitants_year) cell_count(&row[3], s[i].inhabitants);
        cell_money(&row[4], s[i].totals.allocated, NULL, NULL);
        cell_money(&row[5], s[i].totals.planned, NULL, NULL);
        cell_money(&row[6], s[i].totals.realised, NULL, NULL);
        cell_money(&row[7], s[i].totals.reserve_end, NULL, NULL);
        if (s[i].totals.reserve_year)
            row[7].note = arena_printf(a, "31 december %d", s[i].totals.reserve_year);
    }
}

typedef struct StartPage {
    StartQuery sq;
    MuniSummary *all, *rows;
    size_t n_all, n_rows, n_with;
    int64_t n_generated; /* in the whole store, whatever the search */
} StartPage;

static int load(WebApp *app, const WebRequest *req, WebResponse *res, Arena *a, StartPage *p)
{
    PokErr err = {0};
    memset(p, 0, sizeof *p);
    p->sq = read_query(req);
    if (kit_muni_summaries(app, p->sq.q, a, &p->all, &p->n_all, &err)) {
        web_error(res, 500, err.msg);
        return -1;
    }
    if (store_generated_count(app->store, &p->n_generated, &err)) {
        web_error(res, 500, err.msg);
        return -1;
    }
    for (size_t i = 0; i < p->n_all; i++) p->n_with += (size_t)p->all[i].has_records;
    p->n_rows = select_rows(&p->sq, a, p->all, p->n_all, &p->rows);
    return 0;
}

/* The provinces of the list, sorted, as options after "alle provincies". */
static size_t province_options(Arena *a, const MuniSummary *s, size_t n, FormOption **out)
{
    FormOption *opts = arena_alloc(a, (n + 2) * sizeof *opts);
    size_t k = 0;
    opts[k++] = (FormOption){"", "alle provincies"};
    for (size_t i = 0; i < n; i++) {
        const char *p = s[i].muni->province;
        if (!p || !*p) continue;
        size_t j = 1;
        while (j < k && strcmp(opts[j].value, p) < 0) j++;
        if (j < k && strcmp(opts[j].value, p) == 0) continue;
        memmove(&opts[j + 1], &opts[j], (k - j) * sizeof *opts);
        opts[j] = (FormOption){p, p};
        k++;
    }
    *out = opts;
    return k;
}

static void find_form(Buf *b, Arena *a, const WebRequest *req, const StartPage *p)
{
    Form f;
    form_init(&f, req, a);
    html_lit(b, "<form method=\"get\" action=\"/\" role=\"search\" class=\"start-filter\">\n"
                "<div class=\"utrecht-form-field\">"
                "<label for=\"q\" class=\"utrecht-form-label\">Zoek op naam of code</label>\n");
    html_printf(b,
                "<input type=\"search\" id=\"q\" name=\"q\" class=\"utrecht-textbox\" "
                "value=\"%s\"></div>\n",
                p->sq.q ? p->sq.q : "");
    FormOption *provinces;
    size_t n_provinces = province_options(a, p->all, p->n_all, &provinces);
    form_select(b, &f, "provincie", "Provincie", NULL, provinces, n_provinces, p->sq.province);
    FormOption sizes[N_SIZE_CLASSES + 1] = {{"", "alle groottes"}};
    for (size_t i = 0; i < N_SIZE_CLASSES; i++)
        sizes[i + 1] = (FormOption){size_classes[i].value, size_classes[i].label};
    form_select(b, &f, "grootte", "Grootte (inwoners, indeling van het CBS)", NULL, sizes,
                N_SIZE_CLASSES + 1, p->sq.size);
    form_select(b, &f, "gegevens", "Gegevens", NULL, data_options, N_DATA_OPTIONS, p->sq.data);
    FormOption sorts[N_SORT_KEYS];
    for (size_t i = 0; i < N_SORT_KEYS; i++) sorts[i] = sort_keys[i].option;
    form_select(b, &f, "sorteer", "Sorteren op", NULL, sorts, N_SORT_KEYS, p->sq.sort);
    html_lit(b, "<button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\">"
                "Toon gemeenten</button>\n</form>\n");
}

/* "Gemeenten met gegevens (4)": which list this is and how many it holds. */
static const char *caption(Arena *a, const StartPage *p)
{
    const char *what = strcmp(p->sq.data, "met") == 0      ? "Gemeenten met gegevens"
                       : strcmp(p->sq.data, "zonder") == 0 ? "Gemeenten zonder gegevens"
                                                           : "Gemeenten";
    return arena_printf(a, "%s%s%s (%zu)", what, p->sq.province ? " in " : "",
                        p->sq.province ? p->sq.province : "", p->n_rows);
}

void page_start(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    StartPage p;
    if (load(app, req, res, &a, &p)) {
        arena_free(&a);
        return;
    }
    DataTable t;
    dt_init(&t, &a, caption(&a, &p), headers, N_COLS);
    t.empty = "Geen gemeenten gevonden.";
    add_rows(&t, &a, p.rows, p.n_rows);

    Buf *b = &res->body;
    layout_begin(b, "Gemeenten");
    html_lit(b, "<h1>Gemeenten</h1>\n<p>Alle gemeenten samen: de <a href=\"/landelijk\">landelijke "
                "monitor</a> (de cijfers van de gemeenten die ze delen).</p>\n");
    if (p.n_generated)
        html_printf(b,
                    "<div class=\"utrecht-alert utrecht-alert--warning pok-generated\"><p><strong>"
                    "%s.</strong> Dit geldt voor %lld gemeenten (naam met \"(gegenereerd)\" of "
                    "gemarkeerd op hun pagina); alleen de vier gemeenten van de brondocumenten "
                    "hebben echte cijfers.</p></div>\n",
                    GENERATED_WARNING, (long long)p.n_generated);
    find_form(b, &a, req, &p);
    if (p.sq.q)
        html_printf(b, "<p>%zu gemeente%s gevonden voor &#8216;%s&#8217;.</p>\n", p.n_rows,
                    p.n_rows == 1 ? "" : "n", p.sq.q);
    if (p.sq.q || p.sq.province || p.sq.size)
        html_lit(b, "<p><a href=\"/?gegevens=alle\">Toon alle gemeenten</a></p>\n");
    else if (strcmp(p.sq.data, "alle") != 0)
        html_printf(b, "<p><a href=\"/?gegevens=alle\">Toon alle %zu gemeenten</a></p>\n", p.n_all);
    html_lit(b, "<p>Per gemeente: de toegekende middelen (huidige toekenningen), de geplande en "
                "gerealiseerde uitgaven van alle maatregelen, en de reserve aan het eind van het "
                "laatste jaar van de dekkingstabel. Inwoners: het laatst bekende aantal van het "
                "CBS.</p>\n");
    dt_html(b, &t, arena_printf(&a, "/gemeenten.csv%s", query_string(&a, req)));
    layout_end(b);
    arena_free(&a);
}

void page_start_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    StartPage p;
    if (load(app, req, res, &a, &p) == 0) {
        DataTable t;
        dt_init(&t, &a, "Gemeenten", headers, N_COLS);
        add_rows(&t, &a, p.rows, p.n_rows);
        kit_send_csv(res, &t, "gemeenten.csv", p.n_generated > 0);
    }
    arena_free(&a);
}
