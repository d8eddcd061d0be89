/* grid.c: see grid.h. Amounts are read by money_parse and shown by money_format only. */
#include "grid.h"

#include "html.h"

#include "../model.h"
#include "../money.h"

#include <stdlib.h>
#include <string.h>

void grid_init(Grid *g, Arena *a, size_t n_rows, const int *years, size_t n_years)
{
    g->n_rows = n_rows;
    g->years = years;
    g->n_years = n_years;
    g->cells = arena_alloc(a, (n_rows * n_years + 1) * sizeof *g->cells);
    g->row_labels = arena_alloc(a, (n_rows + 1) * sizeof *g->row_labels);
    g->row_keys = arena_alloc(a, (n_rows + 1) * sizeof *g->row_keys);
}

GridCell *grid_cell(const Grid *g, size_t row, size_t col)
{
    return &g->cells[row * g->n_years + col];
}

void grid_cell_set(Grid *g, Arena *a, size_t row, size_t col, const char *key, int has_current,
                   int64_t cents, int64_t version, int locked)
{
    GridCell *c = grid_cell(g, row, col);
    c->name = arena_printf(a, "c-%s-%d", key, g->years[col]);
    c->label = arena_printf(a, "%s, %d", g->row_labels[row], g->years[col]);
    c->has_current = has_current;
    c->current_cents = cents;
    c->current_version = has_current ? version : ROW_VERSION_ABSENT;
    c->locked = locked;
}

/* An amount as a cell shows it: "12.000", "12.000,50". */
static const char *cell_text(Arena *a, int has, int64_t cents)
{
    char text[MONEY_BUFSZ];
    return has ? arena_strdup(a, money_format(cents, MONEY_WHOLE, text)) : "";
}

static GridCell *cell_named(const Grid *g, const char *name, size_t len)
{
    for (size_t i = 0; i < g->n_rows * g->n_years; i++)
        if (strlen(g->cells[i].name) == len && strncmp(g->cells[i].name, name, len) == 0)
            return &g->cells[i];
    return NULL;
}

void grid_read(Grid *g, const Form *f)
{
    for (size_t i = 0; i < g->n_rows * g->n_years; i++) {
        GridCell *c = &g->cells[i];
        if (!c->locked && f->posted && web_form(f->req, c->name))
            c->text = form_value(f, c->name);
        else
            c->text = cell_text(f->a, c->has_current, c->current_cents);
    }
}

int grid_paste_asked(const Form *f)
{
    return f->posted && strcmp(form_value(f, "overnemen"), "1") == 0;
}

/* A pasted cell that would change a closed year: say so, with where it stood. */
static void paste_locked(const Grid *g, const PasteCell *p, Buf *msg)
{
    const GridCell *c = grid_cell(g, p->row, p->col);
    if (!c->locked) return;
    if (p->has_amount == c->has_current && (!p->has_amount || p->cents == c->current_cents)) return;
    buf_printf(msg,
               "%sRegel %d, kolom %d (%d): %d is een afgesloten jaar; dit bedrag kan hier "
               "niet worden gewijzigd",
               msg->len ? "; " : "", p->line, p->column, g->years[p->col], g->years[p->col]);
}

int grid_paste(Grid *g, Form *f)
{
    /* checked for its length, but read untrimmed: a copied range whose top left cell is
     * empty starts with a tab */
    form_optional(f, "plakken");
    if (form_error(f, "plakken")) return -1;
    const char *text = web_form(f->req, "plakken");
    PasteTable t = {g->row_keys, g->n_rows, g->years, g->n_years, g->row_word};
    PasteResult r;
    Buf msg = {0};
    if (paste_read(text, &t, f->a, &r) != 0) {
        for (size_t i = 0; i < r.n_errors && i < PASTE_MAX_ERRORS; i++)
            buf_printf(&msg, "%s%s", i ? "; " : "", r.errors[i]);
        if (r.n_errors > PASTE_MAX_ERRORS)
            buf_printf(&msg, "; en nog %zu fouten", r.n_errors - PASTE_MAX_ERRORS);
    } else {
        for (size_t i = 0; i < r.n_cells; i++) paste_locked(g, &r.cells[i], &msg);
    }
    if (msg.len) {
        form_fail(f, "plakken", "Niet overgenomen: %s.", msg.data);
        buf_free(&msg);
        return -1;
    }
    buf_free(&msg);
    for (size_t i = 0; i < r.n_cells; i++) {
        GridCell *c = grid_cell(g, r.cells[i].row, r.cells[i].col);
        if (!c->locked) c->text = cell_text(f->a, r.cells[i].has_amount, r.cells[i].cents);
    }
    g->pasted = 1;
    return 0;
}

/* The versions sent in "versies" ("c-2-2024:3 c-2-2025:-1") into the cells. */
static void read_versions(Grid *g, Form *f)
{
    const char *text = form_value(f, "versies");
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, " ");
        const char *colon = memchr(p, ':', len);
        GridCell *c = colon ? cell_named(g, p, (size_t)(colon - p)) : NULL;
        long long v = 0;
        char number[24];
        size_t digits = colon ? len - (size_t)(colon + 1 - p) : 0;
        if (c && digits > 0 && digits < sizeof number) {
            memcpy(number, colon + 1, digits);
            number[digits] = '\0';
        } else {
            number[0] = '\0';
        }
        if (!c || parse_int(number, ROW_VERSION_ABSENT, INT64_MAX, &v) || v == 0) {
            form_fail(f, "", "Versies: onleesbaar (gelezen: '%.*s'); laad de tabel opnieuw",
                      (int)len, p);
            return;
        }
        c->seen_version = v;
        p += len;
        while (*p == ' ') p++;
    }
}

/* The amount of text, or an error next to the cell; 0 when good. */
static int cell_amount(const Grid *g, Form *f, const GridCell *c, const char *text, int64_t *cents)
{
    const char *reason = NULL;
    if (money_parse(text, cents, &reason) != 0) {
        form_fail(f, c->name,
                  "%s: %s; verwacht een bedrag zoals 12.000 of 1.234,56 (gelezen: '%s')", c->label,
                  reason, text);
        return -1;
    }
    if (*cents < 0 && !g->allow_negative) {
        form_fail(f, c->name, "%s: een bedrag kan hier niet negatief zijn (gelezen: '%s')",
                  c->label, text);
        return -1;
    }
    return 0;
}

/* A closed year's cell is not an input; a post that sends one anyway may not change it. */
static void check_locked(const Grid *g, Form *f, const GridCell *c, int year)
{
    const char *sent = web_form(f->req, c->name);
    if (!sent) return;
    const char *text = form_value(f, c->name);
    int64_t cents = 0;
    if (!*text && !c->has_current) return;
    if (*text && money_parse(text, &cents, NULL) == 0 && c->has_current &&
        cents == c->current_cents)
        return;
    form_fail(f, c->name,
              "%s: %d is een afgesloten jaar; de bedragen van dat jaar kunnen niet worden "
              "gewijzigd (heropen het jaar eerst)",
              c->label, year);
}

int grid_check(Grid *g, Form *f)
{
    if (*form_value(f, "plakken"))
        form_fail(f, "plakken",
                  "Plakken: hier staat nog geplakte tekst; kies 'Overnemen' om die in de tabel "
                  "te zetten, of maak het veld leeg");
    read_versions(g, f);
    int changed = 0;
    for (size_t i = 0; i < g->n_rows * g->n_years; i++) {
        GridCell *c = &g->cells[i];
        if (c->locked) {
            check_locked(g, f, c, g->years[i % g->n_years]);
            continue;
        }
        if (!*c->text) {
            if (c->has_current) {
                char now[MONEY_BUFSZ];
                form_fail(f, c->name, "%s: leeg, maar hier staat %s vastgelegd. %s", c->label,
                          money_format(c->current_cents, MONEY_EURO | MONEY_WHOLE, now),
                          g->emptied_hint);
            }
            continue;
        }
        if (cell_amount(g, f, c, c->text, &c->new_cents)) continue;
        c->changed = !c->has_current || c->new_cents != c->current_cents;
        changed += c->changed;
    }
    if (f->n_errors) return -1;
    if (!changed) {
        form_fail(f, "",
                  "Er is niets gewijzigd: elk bedrag in de tabel is gelijk aan wat er al is "
                  "vastgelegd");
        return -1;
    }
    return changed;
}

static void render_cell(Buf *b, const Form *f, const GridCell *c)
{
    if (c->locked) {
        html_printf(b, "<td class=\"num\">%s</td>", c->text);
        return;
    }
    const char *err = form_error(f, c->name);
    html_printf(b,
                "<td class=\"num\"><input type=\"text\" inputmode=\"decimal\" "
                "class=\"utrecht-textbox utrecht-textbox--html-input grid-cell%s\" id=\"veld-%s\" "
                "name=\"%s\" aria-label=\"%s\" value=\"%s\"",
                err ? " utrecht-textbox--invalid" : "", c->name, c->name, c->label, c->text);
    if (err)
        html_printf(b,
                    " aria-invalid=\"true\" aria-describedby=\"veld-%s-error\">"
                    "<p class=\"utrecht-form-field-error-message\" id=\"veld-%s-error\">%s</p>",
                    c->name, c->name, err);
    else
        html_lit(b, ">");
    html_lit(b, "</td>");
}

void grid_render(Buf *b, const Form *f, const Grid *g, const char *caption)
{
    html_printf(b,
                "<div class=\"table-scroll\"><table class=\"utrecht-table grid-table\">\n"
                "<caption class=\"utrecht-table__caption\">%s</caption>\n"
                "<thead class=\"utrecht-table__header\"><tr><th scope=\"col\">%s</th>",
                caption, g->row_heading);
    for (size_t k = 0; k < g->n_years; k++) {
        int locked = g->n_rows && grid_cell(g, 0, k)->locked;
        html_printf(b, "<th scope=\"col\" class=\"num\">%d%s</th>", g->years[k],
                    locked ? " (afgesloten)" : "");
    }
    html_lit(b, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < g->n_rows; r++) {
        html_printf(b, "<tr><th scope=\"row\">%s</th>", g->row_labels[r]);
        for (size_t k = 0; k < g->n_years; k++) render_cell(b, f, grid_cell(g, r, k));
        html_lit(b, "</tr>\n");
    }
    html_lit(b, "</tbody>\n</table></div>\n");
}

void grid_versions_field(Buf *b, const Form *f, const Grid *g, int fresh)
{
    if (!fresh && f->posted && web_form(f->req, "versies")) {
        form_hidden(b, "versies", form_value(f, "versies"));
        return;
    }
    Buf list = {0};
    for (size_t i = 0; i < g->n_rows * g->n_years; i++) {
        const GridCell *c = &g->cells[i];
        if (!c->locked)
            buf_printf(&list, "%s%s:%lld", list.len ? " " : "", c->name,
                       (long long)c->current_version);
    }
    form_hidden(b, "versies", list.data ? list.data : "");
    buf_free(&list);
}

void grid_paste_field(Buf *b, const Form *f, const Grid *g, const char *hint)
{
    form_textarea(b, f, "plakken", "Plakken uit Excel of LibreOffice", hint,
                  g->pasted ? "" : form_value(f, "plakken"));
    html_lit(b, "<p><button type=\"submit\" name=\"overnemen\" value=\"1\" class=\"utrecht-button "
                "utrecht-button--secondary-action\">Overnemen</button></p>\n");
}
