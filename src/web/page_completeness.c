/* page_completeness.c: GET /landelijk/volledigheid: per municipality that shares by name
 * what it has not recorded yet (allocations, plans, realisations and closings of past
 * years, evaluations of ended measures), how complete it is and when it last changed
 * anything, sortable so an analyst sees whom to call; the national completeness figure of
 * every sharing municipality; the same list as CSV. */
#include "html.h"
#include "layout.h"
#include "page_kit.h"
#include "page_national.h"
#include "pages.h"
#include "route.h"

#include <stdlib.h>
#include <string.h>

/* What is missing, in a few words: the first items and how many more. */
static const char *missing_text(Arena *a, const Completeness *c)
{
    if (!c->n_missing) return "niets";
    Buf b = {0};
    for (size_t i = 0; i < c->n_missing && i < 3; i++) {
        const MissingItem *m = &c->missing[i];
        if (i) buf_puts(&b, "; ");
        if (m->kind == MISSING_EVALUATION)
            buf_printf(&b, "%s: %s", missing_kind_labels[m->kind], m->measure ? m->measure : "");
        else
            buf_printf(&b, "%s %d", missing_kind_labels[m->kind], m->year);
    }
    if (c->n_missing > 3) buf_printf(&b, "; en %zu meer", c->n_missing - 3);
    const char *text = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return text;
}

typedef struct Row {
    const NationalMuni *m;
    const char *last_change;
} Row;

static const struct CompletenessSort {
    const char *value, *label;
} sorts[] = {{"volledig", "minst volledig eerst"},
             {"naam", "naam"},
             {"wijziging", "langst niet gewijzigd eerst"}};

static int by_sort(const void *x, const void *y, void *key)
{
    const Row *a = x, *b = y;
    const struct CompletenessSort *s = key;
    if (s == &sorts[0]) {
        int ca = completeness_bp(&a->m->completeness), cb = completeness_bp(&b->m->completeness);
        if (ca != cb) return ca - cb;
    } else if (s == &sorts[2]) {
        const char *la = a->last_change ? a->last_change : "",
                   *lb = b->last_change ? b->last_change : "";
        int c = strcmp(la, lb);
        if (c) return c;
    }
    return strcmp(a->m->muni->name, b->m->muni->name);
}

static const char *const headers[] = {"Gemeente", "Volledig", "Ontbreekt", "Wat ontbreekt",
                                      "Laatste wijziging"};

static void completeness_table(const NationalData *nd, const struct CompletenessSort *sort,
                               Arena *a, DataTable *t)
{
    dt_init(t, a, "Wat de gemeenten nog niet hebben vastgelegd", headers, 5);
    t->first_col_is_header = 1;
    t->empty = "Geen gemeente deelt haar cijfers met naam.";
    Row *rows = arena_alloc(a, (nd->f.n_munis + 1) * sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < nd->f.n_munis; i++)
        if (nd->f.munis[i].level >= SHARE_NAMED)
            rows[n++] = (Row){&nd->f.munis[i], nd->last_change[i]};
    qsort_r(rows, n, sizeof *rows, by_sort, (void *)sort);
    for (size_t i = 0; i < n; i++) {
        const NationalMuni *m = rows[i].m;
        TableCell *r = dt_row(t, 0);
        cell_text(&r[0], m->muni->name,
                  arena_printf(a, "/gemeente/%s/vergelijking", m->muni->code));
        if (m->generated) r[0].note = "gegenereerd";
        cell_text(&r[1], national_bp_text(a, completeness_bp(&m->completeness)), NULL);
        cell_count(&r[2], (int64_t)m->completeness.n_missing);
        cell_text(&r[3], missing_text(a, &m->completeness), NULL);
        if (rows[i].last_change)
            cell_time(&r[4], rows[i].last_change);
        else
            cell_text(&r[4], "nooit", NULL);
    }
}

static const struct CompletenessSort *sort_of(const WebRequest *req)
{
    const char *v = web_query(req, "sorteer");
    for (size_t i = 0; v && i < sizeof sorts / sizeof sorts[0]; i++)
        if (strcmp(sorts[i].value, v) == 0) return &sorts[i];
    return &sorts[0];
}

void page_national_completeness(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    NationalData nd;
    if (national_page_load_changes(app, res, &a, &nd)) {
        arena_free(&a);
        return;
    }
    const struct CompletenessSort *sort = sort_of(req);
    DataTable t;
    completeness_table(&nd, sort, &a, &t);
    Buf *b = &res->body;
    layout_begin(b, "Volledigheid van de gegevens");
    html_lit(b, "<nav aria-label=\"Kruimelpad\"><p><a href=\"/\">Start</a> &gt; <a "
                "href=\"/landelijk\">Landelijke monitor</a> &gt; Volledigheid</p></nav>\n"
                "<h1>Volledigheid van de gegevens</h1>\n");
    national_generated_banner(b, nd.f.n_generated);
    national_nav(b, "/landelijk/volledigheid");
    html_lit(b, "<p>Per jaar van de regeling verwacht de monitor een toekenning en, als er geld "
                "is, plannen; voor voorbije jaren ook de realisatie en het afsluiten van het "
                "jaar; en een evaluatie van elke afgeronde of gestopte maatregel.</p>\n");
    const NationalFigures *f = &nd.f;
    if (national_visible(f->complete_n, f->complete_n_anon) && f->complete_expected > 0)
        html_printf(b,
                    "<p><strong>Landelijk volledig: %s</strong> (%lld van %lld verwachte "
                    "gegevens, %d gemeenten die hun cijfers delen).</p>\n",
                    national_bp_text(&a, (int)(f->complete_present * 10000 / f->complete_expected)),
                    (long long)f->complete_present, (long long)f->complete_expected, f->complete_n);
    else
        html_lit(b, "<p>Te weinig gemeenten delen hun cijfers voor een landelijk cijfer.</p>\n");
    html_lit(b, "<form method=\"get\" action=\"/landelijk/volledigheid\" class=\"find\">\n"
                "<label for=\"sorteer\">Sorteer op</label> <select id=\"sorteer\" "
                "name=\"sorteer\">\n");
    for (size_t i = 0; i < sizeof sorts / sizeof sorts[0]; i++)
        html_printf(b, "<option value=\"%s\"%s>%s</option>\n", sorts[i].value,
                    &sorts[i] == sort ? " selected" : "", sorts[i].label);
    html_lit(b, "</select> <button type=\"submit\">Sorteren</button>\n</form>\n");
    dt_html(b, &t, arena_printf(&a, "/landelijk/volledigheid.csv?sorteer=%s", sort->value));
    layout_end(b);
    arena_free(&a);
}

void page_national_completeness_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    NationalData nd;
    if (national_page_load_changes(app, res, &a, &nd) == 0) {
        DataTable t;
        completeness_table(&nd, sort_of(req), &a, &t);
        kit_send_csv(res, &t, "landelijk-volledigheid.csv", nd.f.n_generated > 0);
    }
    arena_free(&a);
}
