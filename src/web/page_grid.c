/* page_grid.c: see page_grid.h. */
#include "page_grid.h"

#include "html.h"
#include "layout.h"
#include "saved.h"

#include <string.h>

/* The citation fields and every cell; the number of changed cells, or -1. */
static int grid_page_check(GridPage *p, Form *f)
{
    forms_cite_check(f, p->sources, p->n_sources, p->decisions, p->n_decisions, &p->cite,
                     p->decisions ? &p->decision_id : NULL);
    if (p->source_missing && !p->cite.source_id && !form_error(f, "bron"))
        form_fail(f, "bron", "%s", p->source_missing);
    int changed = grid_check(&p->g, f);
    return f->n_errors ? -1 : changed;
}

static size_t n_cells(const Grid *g)
{
    return g->n_rows * g->n_years;
}

/* "Controleer de wijziging": every changed cell now and after, and the coverage of the
 * years they are in. */
static void grid_page_confirm(WebResponse *res, const GridPage *p, const Form *f, Arena *a)
{
    const Grid *g = &p->g;
    FormsChange *rows = arena_alloc(a, (n_cells(g) + 3) * sizeof *rows);
    int *years = arena_alloc(a, (g->n_years + 1) * sizeof *years);
    size_t n_rows = 0, n_years = 0;
    for (size_t k = 0; k < g->n_years; k++) {
        int year_changed = 0;
        for (size_t r = 0; r < g->n_rows; r++) year_changed |= grid_cell(g, r, k)->changed;
        if (year_changed) years[n_years++] = g->years[k];
    }
    for (size_t i = 0; i < n_cells(g); i++) {
        const GridCell *c = &g->cells[i];
        if (!c->changed) continue;
        rows[n_rows++] =
            (FormsChange){c->label, c->has_current ? forms_money(a, c->current_cents) : NULL,
                          forms_money(a, c->new_cents)};
    }
    rows[n_rows++] = (FormsChange){
        "Bron", "", forms_option_label(p->sources, p->n_sources, form_value(f, "bron"))};
    rows[n_rows++] = (FormsChange){"Plaats in de bron", "", p->cite.place};
    if (p->decisions)
        rows[n_rows++] = (FormsChange){
            "Besluit", "",
            forms_option_label(p->decisions, p->n_decisions, form_value(f, "besluit"))};
    MuniData changed = *p->d;
    p->preview(p, &changed, a);
    forms_confirm_page(res, f, p->d, &changed, p->action, rows, n_rows, years, n_years, 0, a);
}

/* After a conflict: the changed cells as they are stored now (p filled from that). */
static void grid_page_current(Buf *b, const GridPage *p, Arena *a)
{
    const Grid *g = &p->g;
    FormsValue *rows = arena_alloc(a, (n_cells(g) + 1) * sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < n_cells(g); i++) {
        const GridCell *c = &g->cells[i];
        if (c->changed)
            rows[n++] =
                (FormsValue){c->label, c->has_current ? forms_money(a, c->current_cents) : NULL};
    }
    forms_current_values(b, rows, n);
}

/* What the next page says: "3 toekenningen opgeslagen: 2. Rechtsbescherming, 2026:
 * € 23.000; ..." (saved_redirect cuts it to its maximum). */
static const char *grid_page_saved(const GridPage *p, int changed, Arena *a)
{
    Buf msg = {0};
    buf_printf(&msg, "%d %s opgeslagen:", changed, changed == 1 ? p->saved_one : p->saved_many);
    const char *sep = " ";
    for (size_t i = 0; i < n_cells(&p->g); i++) {
        const GridCell *c = &p->g.cells[i];
        if (!c->changed) continue;
        buf_printf(&msg, "%s%s: %s", sep, c->label, forms_money(a, c->new_cents));
        sep = "; ";
    }
    const char *text = arena_strdup(a, msg.data);
    buf_free(&msg);
    return text;
}

static void grid_page_form(Buf *b, const GridPage *p, const Form *f, int fresh_versions)
{
    form_summary(b, f);
    html_printf(b, "<p>%s</p>\n", p->intro);
    form_open(b, p->action);
    grid_render(b, f, &p->g, p->caption);
    grid_versions_field(b, f, &p->g, fresh_versions);
    forms_cite_fields(b, f, p->sources, p->n_sources, p->decisions, p->n_decisions);
    form_submit(b, "Controleren");
    html_lit(b, "<h2 class=\"utrecht-heading-2\">Plakken uit een spreadsheet</h2>\n");
    grid_paste_field(b, f, &p->g, p->paste_hint);
    form_close(b);
}

void grid_page_run(WebApp *app, WebResponse *res, GridPage *p, Form *f, Arena *a)
{
    p->fill(p, p->d, a);
    grid_read(&p->g, f);
    PokErr err = {0};
    int conflict = 0, changed = 0;
    if (grid_paste_asked(f)) {
        grid_paste(&p->g, f);
    } else if (f->posted && !form_edit_again(f) && (changed = grid_page_check(p, f)) > 0) {
        if (!form_confirmed(f)) {
            grid_page_confirm(res, p, f, a);
            return;
        }
        if (form_save(app, p->save, p, &err) == 0) {
            saved_redirect(res, p->back, grid_page_saved(p, changed, a));
            return;
        }
        conflict = err_code(&err) == ERR_CONFLICT;
        if (!conflict) forms_store_failed(f, &err);
    }
    Buf *b = &res->body;
    forms_page_begin(b, p->d, p->title, a);
    if (conflict) {
        /* the figures stored now, and the versions the next save is checked against */
        p->fill(p, forms_reload(app, p->d, a), a);
        forms_conflict(b, &err);
        grid_page_current(b, p, a);
    }
    grid_page_form(b, p, f, conflict);
    if (conflict)
        forms_page_end_conflict(res);
    else
        forms_page_end(res, f);
}
