/* report_pdf.c: the document of report_pdf.h: the cairo PDF surface, pages with a footer
 * "pagina N van M" (the document is laid out twice: the first pass counts the pages),
 * text through pango, metadata and outline entries. The first page is in report_brief.c,
 * the financial sections and measures in report_sections.c, decisions, findings and next
 * steps in report_outcomes.c, tables in report_tables.c, the chart in report_chart.c. */
#include "report_pdf.h"

#include "report_internal.h"

#include "../money.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const RpColor rp_black = {0.1, 0.1, 0.1}, rp_grey = {0.35, 0.35, 0.35}, rp_red = {0.7, 0.0, 0.0};

/* A wrapped line must not end in "€" with the number on the next line: no breaks inside
 * "€ 1.234,56" (the text itself stays as money_format wrote it). */
static void keep_amounts_whole(PangoLayout *l, const char *text)
{
    static const char euro[] = "\xe2\x82\xac";
    PangoAttrList *attrs = NULL;
    for (const char *p = strstr(text, euro); p; p = strstr(p, euro)) {
        const char *end = p + 3;
        if (*end == ' ') end++;
        if (*end == '-') end++;
        while ((*end >= '0' && *end <= '9') || *end == '.' || *end == ',') end++;
        if (!attrs) attrs = pango_attr_list_new();
        PangoAttribute *keep = pango_attr_allow_breaks_new(FALSE);
        keep->start_index = (guint)(p - text);
        keep->end_index = (guint)(end - text);
        pango_attr_list_insert(attrs, keep);
        p = end;
    }
    if (attrs) {
        pango_layout_set_attributes(l, attrs);
        pango_attr_list_unref(attrs);
    }
}

static PangoLayout *layout_for(Report *r, const char *text, double size, int bold, double width,
                               PangoAlignment align)
{
    PangoLayout *l = pango_layout_new(r->ctx);
    PangoFontDescription *fd = pango_font_description_from_string(RP_FONT);
    /* the context's resolution is 72 dpi, so pango points are PDF points */
    pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, text ? text : "", -1);
    if (width > 0 && text) keep_amounts_whole(l, text);
    return l;
}

double rp_measure(Report *r, const char *text, double size, int bold, double width, double *w)
{
    PangoLayout *l = layout_for(r, text, size, bold, width, PANGO_ALIGN_LEFT);
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    g_object_unref(l);
    if (w) *w = (double)logical.width / PANGO_SCALE;
    return (double)logical.height / PANGO_SCALE;
}

void rp_draw(Report *r, const char *text, double size, int bold, double x, double y, double width,
             PangoAlignment align, const RpColor *color)
{
    PangoLayout *l = layout_for(r, text, size, bold, width, align);
    if (!color) color = &rp_black;
    cairo_set_source_rgb(r->cr, color->r, color->g, color->b);
    cairo_move_to(r->cr, x, y);
    pango_cairo_show_layout(r->cr, l);
    g_object_unref(l);
}

void rp_hline(Report *r, double x0, double x1, double y, double width)
{
    cairo_set_source_rgb(r->cr, rp_black.r, rp_black.g, rp_black.b);
    cairo_set_line_width(r->cr, width);
    cairo_move_to(r->cr, x0, y);
    cairo_line_to(r->cr, x1, y);
    cairo_stroke(r->cr);
}

void rp_box(Report *r, double x, double y, double w, double h, const RpColor *fill)
{
    cairo_set_source_rgb(r->cr, fill->r, fill->g, fill->b);
    cairo_rectangle(r->cr, x, y, w, h);
    cairo_fill(r->cr);
}

const char *rp_euro(Report *r, int64_t cents)
{
    char buf[MONEY_BUFSZ];
    return arena_strdup(r->a, money_format(cents, MONEY_EURO | MONEY_WHOLE, buf));
}

const char *rp_years(Report *r, const int *years, size_t n)
{
    /* the items: a run of three or more consecutive years is one, "2021-2027" */
    const char **items = arena_alloc(r->a, (n + 1) * sizeof *items);
    size_t n_items = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && years[j + 1] == years[j] + 1) j++;
        if (j - i >= 2) {
            items[n_items++] = arena_printf(r->a, "%d-%d", years[i], years[j]);
            i = j + 1;
        } else {
            items[n_items++] = arena_printf(r->a, "%d", years[i]);
            i++;
        }
    }
    Buf b = {0};
    for (size_t i = 0; i < n_items; i++)
        buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == n_items ? " en " : ", ", items[i]);
    const char *s = arena_strdup(r->a, b.len ? b.data : "");
    buf_free(&b);
    return s;
}

const char *rp_period(Report *r, const KeyFigures *k)
{
    if (!k->first_year) return NULL;
    if (k->first_year == k->last_year) return arena_printf(r->a, "%d", k->first_year);
    return arena_printf(r->a, "%d-%d", k->first_year, k->last_year);
}

void rp_item(Report *r, int number, const char *text, double size, const RpColor *color)
{
    const double indent = 16;
    double h = rp_measure(r, text, size, 0, RP_WIDTH - indent, NULL);
    rp_need(r, h);
    const char *mark = number > 0 ? arena_printf(r->a, "%d.", number) : "\xe2\x80\xa2";
    rp_draw(r, mark, size, 0, RP_LEFT + 2, r->y, indent, PANGO_ALIGN_LEFT, color);
    rp_draw(r, text, size, 0, RP_LEFT + indent, r->y, RP_WIDTH - indent, PANGO_ALIGN_LEFT, color);
    r->y += h + 2;
}

static void footer(Report *r)
{
    double y = RP_PAGE_H - RP_MARGIN + 4;
    cairo_set_source_rgb(r->cr, rp_grey.r, rp_grey.g, rp_grey.b);
    cairo_set_line_width(r->cr, 0.4);
    cairo_move_to(r->cr, RP_LEFT, y - 3);
    cairo_line_to(r->cr, RP_RIGHT, y - 3);
    cairo_stroke(r->cr);
    rp_draw(r, r->footer, RP_SMALL, 0, RP_LEFT, y, RP_WIDTH * 0.7, PANGO_ALIGN_LEFT, &rp_grey);
    /* the counting pass does not know M yet; the footer takes no room from the text */
    char page[64];
    if (r->total_pages)
        snprintf(page, sizeof page, "pagina %d van %d", r->page, r->total_pages);
    else
        snprintf(page, sizeof page, "pagina %d", r->page);
    rp_draw(r, page, RP_SMALL, 0, RP_LEFT, y, RP_WIDTH, PANGO_ALIGN_RIGHT, &rp_grey);
}

void rp_new_page(Report *r)
{
    footer(r);
    cairo_show_page(r->cr);
    r->page++;
    r->y = RP_TOP;
}

int rp_need(Report *r, double h)
{
    if (r->y + h <= RP_BOTTOM || r->y <= RP_TOP) return 0;
    rp_new_page(r);
    return 1;
}

void rp_gap(Report *r, double h)
{
    r->y += h;
}

void rp_para(Report *r, const char *text, double size, int bold, const RpColor *color)
{
    double h = rp_measure(r, text, size, bold, RP_WIDTH, NULL);
    rp_need(r, h);
    rp_draw(r, text, size, bold, RP_LEFT, r->y, RP_WIDTH, PANGO_ALIGN_LEFT, color);
    r->y += h;
}

void rp_section(Report *r, const char *title, double keep)
{
    double h = rp_measure(r, title, 13, 1, RP_WIDTH, NULL);
    /* a heading alone at the foot of a page helps no one: keep room for what follows */
    rp_gap(r, 10);
    rp_need(r, h + keep);
    if (r->total_pages) {
        char dest[96];
        snprintf(dest, sizeof dest, "page=%d pos=[%.0f %.0f]", r->page, RP_LEFT, r->y);
        cairo_pdf_surface_add_outline(r->surface, CAIRO_PDF_OUTLINE_ROOT, title, dest, 0);
    }
    rp_draw(r, title, 13, 1, RP_LEFT, r->y, RP_WIDTH, PANGO_ALIGN_LEFT, NULL);
    r->y += h + 4;
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
    buf_append(closure, (const char *)data, len);
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t write_nothing(void *closure, const unsigned char *data, unsigned int len)
{
    (void)closure, (void)data, (void)len;
    return CAIRO_STATUS_SUCCESS;
}

static const char *scheme_code(const MuniData *d)
{
    return d->scheme.code ? d->scheme.code : "POK";
}

static void set_metadata(Report *r, const char *date)
{
    const MuniData *d = r->d;
    cairo_surface_t *s = r->surface;
    cairo_pdf_surface_set_metadata(
        s, CAIRO_PDF_METADATA_TITLE,
        arena_printf(r->a, "Stand van zaken %s-middelen %s", scheme_code(d), d->muni.name));
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, "pok");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "pok");
    cairo_pdf_surface_set_metadata(
        s, CAIRO_PDF_METADATA_SUBJECT,
        arena_printf(r->a, "Raadsinformatiebrief van het college aan de gemeenteraad van %s: %s",
                     d->muni.name, d->scheme.name));
    /* the report's date, not the clock: the same data and --date give the same file */
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
                                   arena_printf(r->a, "%sT00:00:00", date));
}

/* One pass over the whole document; total_pages 0 counts. Returns the page count, or -1. */
static int render(const MuniData *d, const ReportFigures *f, const char *date, int total_pages,
                  PangoFontMap *fonts, Buf *out, Arena *a, PokErr *err)
{
    Report r = {0};
    r.a = a;
    r.d = d;
    r.total_pages = total_pages;
    r.page = 1;
    r.y = RP_TOP;
    r.footer = arena_printf(a, "Raadsinformatiebrief Stand van zaken %s-middelen, %s, %s",
                            scheme_code(d), d->muni.name, f->date_text);
    r.surface = cairo_pdf_surface_create_for_stream(total_pages ? write_buf : write_nothing, out,
                                                    RP_PAGE_W, RP_PAGE_H);
    cairo_pdf_surface_restrict_to_version(r.surface, CAIRO_PDF_VERSION_1_5);
    set_metadata(&r, date);
    r.cr = cairo_create(r.surface);
    r.ctx = pango_font_map_create_context(fonts);
    /* 72 dpi: a pango point is a PDF point */
    pango_cairo_context_set_resolution(r.ctx, 72.0);
    /* unhinted metrics: what is measured is what is drawn, at any zoom */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(r.ctx, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_update_context(r.cr, r.ctx);

    int rc = 0;
    rps_brief(&r, f);
    rps_finances(&r, f);
    rps_decisions(&r, f);
    if (rps_measures(&r, f, err)) rc = -1;
    rps_findings(&r, f);
    rps_next_steps(&r, f);
    rps_colophon(&r, f);
    footer(&r);
    cairo_show_page(r.cr);

    cairo_status_t st = cairo_status(r.cr);
    cairo_destroy(r.cr);
    cairo_surface_finish(r.surface);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(r.surface);
    cairo_surface_destroy(r.surface);
    g_object_unref(r.ctx);
    if (rc) return -1;
    if (st != CAIRO_STATUS_SUCCESS)
        return err_set(err, "kan de PDF niet maken: %s", cairo_status_to_string(st));
    return r.page;
}

static const char *date_text(const char *date, Arena *a)
{
    static const char *const months[] = {"januari",   "februari", "maart",    "april",
                                         "mei",       "juni",     "juli",     "augustus",
                                         "september", "oktober",  "november", "december"};
    int y, m, dd;
    if (sscanf(date, "%4d-%2d-%2d", &y, &m, &dd) != 3 || m < 1 || m > 12) return date;
    return arena_printf(a, "%d %s %d", dd, months[m - 1], y);
}

const char *rp_date(Report *r, const char *iso)
{
    return iso ? date_text(iso, r->a) : NULL;
}

int report_pdf(const MuniData *d, const char *date, Buf *out, PokErr *err)
{
    if (!date_valid(date))
        return err_set(err, "veld 'datum': verwacht een datum als JJJJ-MM-DD, niet '%s'",
                       date ? date : "");
    Arena a = {0};
    ReportFigures f;
    memset(&f, 0, sizeof f);
    f.date_text = date_text(date, &a);
    f.year = atoi(date);
    int rc = -1;
    if (coverage_compute(d, &a, &f.coverage, err) == 0 &&
        key_figures(d, &f.coverage, &a, &f.key, err) == 0 &&
        allocation_matrix(d, &a, &f.matrix, err) == 0 &&
        coverage_year_sums(&f.coverage, &a, &f.years, &f.n_years, err) == 0 &&
        checks_run(d, &f.coverage, &a, &f.findings, &f.n_findings, err) == 0) {
        /* a font map of our own, for both passes: pango's maps are not for concurrent use
         * (pok serve renders on its pool threads), and one that outlives the report keeps
         * fontconfig patterns that valgrind cannot follow and reports as lost */
        PangoFontMap *fonts = pango_cairo_font_map_new();
        int pages = render(d, &f, date, 0, fonts, out, &a, err);
        if (pages > 0 && render(d, &f, date, pages, fonts, out, &a, err) > 0) rc = 0;
        g_object_unref(fonts);
    }
    arena_free(&a);
    return rc;
}

/* fontconfig 2.14 loses a block while it parses its configuration, once per process: not
 * pok's leak, and out of reach. LeakSanitizer asks the program for suppressions through
 * this hook (only a build with -fsanitize=address calls it); pok's own leaks have pok's
 * frames on top and are still reported. Valgrind: tests/valgrind.supp. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}
