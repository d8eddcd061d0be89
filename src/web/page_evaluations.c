/* page_evaluations.c: GET /gemeente/CODE/evaluaties: what the evaluations of the measures
 * conclude and what happens next; also as CSV (evaluaties.csv). */
#include "html.h"
#include "layout.h"
#include "page_kit.h"
#include "pages.h"
#include "route.h"

#include <string.h>

static const char *const evaluation_headers[] = {"Maatregel", "Datum",       "Oordeel",
                                                 "Vervolg",   "Toelichting", "Bron"};

static void build_evaluations(const MuniData *d, Arena *a, DataTable *t)
{
    dt_init(t, a, arena_printf(a, "Evaluaties van maatregelen van %s", d->muni.name),
            evaluation_headers, 6);
    t->empty = "Geen evaluaties vastgelegd.";
    for (size_t i = 0; i < d->n_evaluations; i++) {
        const Evaluation *e = &d->evaluations[i];
        const Measure *m = muni_measure(d, e->measure_id);
        TableCell *row = dt_row(t, 0);
        cell_text(&row[0], m ? m->name : "onbekende maatregel",
                  arena_printf(a, "/maatregel/%lld#evaluatie-%lld", (long long)e->measure_id,
                               (long long)e->id));
        cell_date(&row[1], e->date);
        cell_text(&row[2], e->verdict, NULL);
        cell_text(&row[3], e->follow_up, NULL);
        cell_text(&row[4], e->text, NULL);
        kit_cite_cell(&row[5], a, d, &e->cite, e->decision_id,
                      arena_printf(a, "evaluatie-%lld", (long long)e->id));
    }
}

void page_evaluations(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    if (kit_load(app, req, res, 0, &a, &d, NULL)) {
        arena_free(&a);
        return;
    }
    DataTable t;
    build_evaluations(&d, &a, &t);
    Buf *b = &res->body;
    layout_begin(b, arena_printf(&a, "Evaluaties %s", d.muni.name));
    kit_muni_nav(b, &d, "/evaluaties");
    html_printf(b, "<h1>Evaluaties <small>%s (%s)</small></h1>\n", d.muni.name, d.muni.code);
    html_lit(b, "<p>Wat de evaluaties van de maatregelen concluderen en wat er daarna mee "
                "gebeurt: voortzetten, stoppen, doel bereikt of structureel maken.</p>\n");
    dt_html(b, &t, kit_muni_path(&a, &d, "/evaluaties.csv"));
    layout_end(b);
    arena_free(&a);
}

void page_evaluations_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    DataTable t;
    if (kit_load(app, req, res, 0, &a, &d, NULL) == 0) {
        build_evaluations(&d, &a, &t);
        kit_send_csv(res, &t, arena_printf(&a, "evaluaties-%s.csv", d.muni.code), d.generated);
    }
    arena_free(&a);
}
