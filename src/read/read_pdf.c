/* read_pdf.c: PDF through MuPDF. Each page's structured text gives every character with
 * its box; the characters become words, the words of the whole page become visual lines
 * (read_lines.c). A page without usable text (a scan, glyphs without a Unicode mapping)
 * is rendered in grey and read by Tesseract (read_ocr.c), one page at a time so a long
 * scan never holds more than one page image. One fz_context per document: nothing of
 * MuPDF is shared between the threads of pok read --jobs. MuPDF's own warnings and
 * errors are kept from stderr; the reader says in Dutch what is wrong. */
#include "read_internal.h"

#include <mupdf/fitz.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What MuPDF may cache per document (fonts, decoded images): enough for one page. */
#define PDF_STORE_BYTES ((size_t)64 << 20)
/* A page is a scan (read by OCR) when it has fewer usable characters than this, or when
 * images cover at least half of it and it has fewer than SCAN_TEXT_MAX (a stamp, a
 * running header added to a scanned page), or when most of its glyphs map to nothing. */
#define SCAN_TEXT_MIN 16
#define SCAN_TEXT_MAX 200
#define SCAN_IMAGE_SHARE 0.5
/* Characters further apart than this share of the font size are separate words, also
 * where the PDF has no space between them (table cells on one baseline). */
#define WORD_GAP 0.5f

typedef struct PageText {
    Arena texts;     /* the words' texts */
    ReadWord *words; /* horizontal text */
    size_t n, cap;
    ReadWord *side; /* vertical or rotated text: kept apart, one line per MuPDF line */
    size_t nside, capside;
    size_t *side_ends; /* where each of those lines ends in side */
    size_t nends, capends;
    long usable, unmapped;
    double image_area;
    Buf word; /* the word being built */
    fz_rect box;
} PageText;

static void quiet(void *user, const char *message)
{
    (void)user, (void)message;
}

static void push_word(ReadWord **arr, size_t *n, size_t *cap, ReadWord w)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 256;
        *arr = xrealloc(*arr, *cap * sizeof **arr);
    }
    (*arr)[(*n)++] = w;
}

static void end_word(PageText *pt, int side)
{
    if (pt->word.len == 0) return;
    ReadWord w = {arena_strdup(&pt->texts, pt->word.data), pt->box.x0, pt->box.y0, pt->box.x1,
                  pt->box.y1};
    buf_reset(&pt->word);
    if (side)
        push_word(&pt->side, &pt->nside, &pt->capside, w);
    else if (pt->n < READ_MAX_PAGE_WORDS)
        push_word(&pt->words, &pt->n, &pt->cap, w);
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == 0xa0 || (c >= 0x2000 && c <= 0x200b) || c == 0x202f ||
           c == 0x3000;
}

/* Code points that are no text: controls, surrogates, non-characters, out of range. */
static int is_debris(int c)
{
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe ||
           c == 0xffff || c > 0x10ffff;
}

static void add_char(PageText *pt, const fz_stext_char *ch, int side)
{
    int c = ch->c;
    if (is_space(c)) {
        end_word(pt, side);
        return;
    }
    if (is_debris(c)) return;
    if (c == 0xfffd) { /* a glyph MuPDF could not map to a character */
        pt->unmapped++;
        end_word(pt, side);
        return;
    }
    fz_rect r = fz_rect_from_quad(ch->quad);
    if (pt->word.len && !side && r.x0 - pt->box.x1 > WORD_GAP * ch->size) end_word(pt, side);
    char utf8[FZ_UTFMAX];
    int len = fz_runetochar(utf8, c);
    buf_append(&pt->word, utf8, (size_t)len);
    pt->box = pt->word.len == (size_t)len ? r : fz_union_rect(pt->box, r);
    pt->usable++;
}

static void collect(PageText *pt, fz_stext_page *text, fz_rect page_box)
{
    for (fz_stext_block *b = text->first_block; b; b = b->next) {
        if (b->type == FZ_STEXT_BLOCK_IMAGE) {
            fz_rect r = fz_intersect_rect(b->bbox, page_box);
            if (!fz_is_empty_rect(r)) pt->image_area += (double)(r.x1 - r.x0) * (r.y1 - r.y0);
            continue;
        }
        if (b->type != FZ_STEXT_BLOCK_TEXT) continue;
        for (fz_stext_line *l = b->u.t.first_line; l; l = l->next) {
            int side = l->wmode != 0 || l->dir.x < 0.95f;
            for (fz_stext_char *ch = l->first_char; ch; ch = ch->next) add_char(pt, ch, side);
            end_word(pt, side);
            if (side && pt->nside > (pt->nends ? pt->side_ends[pt->nends - 1] : 0)) {
                if (pt->nends == pt->capends) {
                    pt->capends = pt->capends ? pt->capends * 2 : 16;
                    pt->side_ends = xrealloc(pt->side_ends, pt->capends * sizeof *pt->side_ends);
                }
                pt->side_ends[pt->nends++] = pt->nside;
            }
        }
    }
}

static void page_text_free(PageText *pt)
{
    arena_free(&pt->texts);
    free(pt->words);
    free(pt->side);
    free(pt->side_ends);
    buf_free(&pt->word);
    memset(pt, 0, sizeof *pt);
}

/* The text read sideways (a margin note, a rotated stamp): each MuPDF line as a line of
 * its own after the page's level text. */
static void add_side_lines(ReadDoc *doc, int page, const PageText *pt)
{
    Buf line = {0};
    size_t from = 0;
    for (size_t e = 0; e < pt->nends; e++) {
        buf_reset(&line);
        for (size_t i = from; i < pt->side_ends[e]; i++) {
            if (i > from) buf_puts(&line, " ");
            buf_puts(&line, pt->side[i].text);
        }
        read_doc_add_line(doc, page, line.data, line.len, pt->side + from, pt->side_ends[e] - from);
        from = pt->side_ends[e];
    }
    buf_free(&line);
}

static int needs_ocr(const PageText *pt, fz_rect page_box)
{
    double area = (double)(page_box.x1 - page_box.x0) * (page_box.y1 - page_box.y0);
    if (pt->usable < SCAN_TEXT_MIN || pt->unmapped > pt->usable) return 1;
    return area > 0 && pt->image_area >= SCAN_IMAGE_SHARE * area && pt->usable < SCAN_TEXT_MAX;
}

typedef struct PdfRead {
    fz_context *ctx;
    fz_document *fdoc;
    ReadDoc *doc;
    const ReadLimits *lim;
    ReadOcr *ocr;
    int *ocr_pages;
    size_t n_ocr;
} PdfRead;

/* The resolution page_box is rendered at for OCR: the limit's, lower for a page so large
 * that it would exceed READ_OCR_MAX_PIXELS. */
static float ocr_dpi(const PdfRead *pr, fz_rect page_box)
{
    double dpi = pr->lim->ocr_dpi;
    double wpx = (page_box.x1 - page_box.x0) * dpi / 72,
           hpx = (page_box.y1 - page_box.y0) * dpi / 72;
    if (wpx * hpx > (double)READ_OCR_MAX_PIXELS)
        dpi *= sqrt((double)READ_OCR_MAX_PIXELS / (wpx * hpx));
    return (float)dpi;
}

/* Render page in grey and OCR it: the words recognised (0: none, nothing added), or -1
 * with err set on a failure of OCR; MuPDF's own failures throw to the caller's fz_try. */
static int ocr_page(PdfRead *pr, fz_page *page, int pageno, fz_rect page_box, PokErr *err)
{
    fz_context *ctx = pr->ctx;
    if (!pr->ocr && !(pr->ocr = read_ocr_new(pr->doc->file, err))) return -1;
    float dpi = ocr_dpi(pr, page_box);
    fz_pixmap *pix =
        fz_new_pixmap_from_page(ctx, page, fz_scale(dpi / 72, dpi / 72), fz_device_gray(ctx), 0);
    int n = read_ocr_grey(pr->ocr, pr->doc, pageno, fz_pixmap_samples(ctx, pix),
                          fz_pixmap_width(ctx, pix), fz_pixmap_height(ctx, pix),
                          (int)fz_pixmap_stride(ctx, pix), (int)lrintf(dpi), err);
    fz_drop_pixmap(ctx, pix);
    /* the page's decoded scan image is in MuPDF's store; the next page has its own */
    fz_empty_store(ctx);
    if (n > 0) {
        pr->ocr_pages = xrealloc(pr->ocr_pages, (pr->n_ocr + 1) * sizeof *pr->ocr_pages);
        pr->ocr_pages[pr->n_ocr++] = pageno;
    }
    return n;
}

/* One page: 0, -1 with err set. */
static int read_page(PdfRead *pr, int index, PokErr *err)
{
    fz_context *ctx = pr->ctx;
    fz_page *page = NULL;
    fz_stext_page *text = NULL;
    PageText pt = {0};
    int rc = 0, failed = 0;
    fz_var(page);
    fz_var(text);
    fz_var(rc);
    fz_var(failed);
    fz_try(ctx)
    {
        page = fz_load_page(ctx, pr->fdoc, index);
        fz_rect box = fz_bound_page(ctx, page);
        fz_stext_options opts = {.flags = FZ_STEXT_PRESERVE_IMAGES | FZ_STEXT_MEDIABOX_CLIP};
        text = fz_new_stext_page_from_page(ctx, page, &opts);
        collect(&pt, text, box);
        fz_drop_stext_page(ctx, text);
        text = NULL;
        int words = 0;
        if (needs_ocr(&pt, box) && !pr->lim->no_ocr && read_ocr_wanted(pr->lim, index + 1))
            words = ocr_page(pr, page, index + 1, box, err);
        if (words < 0) {
            rc = -1;
        } else if (words == 0) { /* not a scan after all, or a blank one: the text it has */
            read_lines_page(pr->doc, index + 1, pt.words, pt.n);
            add_side_lines(pr->doc, index + 1, &pt);
        }
    }
    fz_always(ctx)
    {
        fz_drop_stext_page(ctx, text);
        fz_drop_page(ctx, page);
    }
    fz_catch(ctx)
    {
        failed = 1;
    }
    page_text_free(&pt);
    if (failed)
        return err_set(err, "%s: is beschadigd: pagina %d kan niet worden gelezen", pr->doc->file,
                       index + 1);
    if (index + 1 > pr->doc->pages) /* an empty page still counts */
        pr->doc->pages = index + 1;
    return rc;
}

/* Open the document and check it can be read as a whole: 0, or -1 with err set. */
static int open_pdf(PdfRead *pr, const unsigned char *data, size_t len, int *pages, PokErr *err)
{
    fz_context *ctx = pr->ctx;
    fz_stream *stm = NULL;
    const char *file = pr->doc->file;
    int failed = 0;
    fz_var(stm);
    fz_var(failed);
    fz_try(ctx)
    {
        fz_register_document_handlers(ctx);
        stm = fz_open_memory(ctx, data, len);
        pr->fdoc = fz_open_document_with_stream(ctx, "application/pdf", stm);
    }
    fz_always(ctx)
    {
        fz_drop_stream(ctx, stm);
    }
    fz_catch(ctx)
    {
        failed = 1;
    }
    if (failed || !pr->fdoc) return err_set(err, "%s: is beschadigd: geen leesbare PDF", file);
    if (fz_needs_password(ctx, pr->fdoc) && !fz_authenticate_password(ctx, pr->fdoc, ""))
        return err_set(err, "%s: is beveiligd met een wachtwoord; pok kan het niet lezen", file);
    int n = 0;
    fz_var(n);
    fz_try(ctx)
    {
        n = fz_count_pages(ctx, pr->fdoc);
    }
    fz_catch(ctx)
    {
        n = -1;
    }
    if (n <= 0) return err_set(err, "%s: is beschadigd: de PDF heeft geen leesbare pagina's", file);
    if (n > pr->lim->max_pages)
        return err_set_code(err, ERR_TOO_LARGE,
                            "%s: heeft %d pagina's; pok leest er ten hoogste %d", file, n,
                            pr->lim->max_pages);
    *pages = n;
    return 0;
}

int read_pdf(ReadDoc *doc, const unsigned char *data, size_t len, const ReadLimits *lim,
             PokErr *err)
{
    PdfRead pr = {.doc = doc, .lim = lim};
    pr.ctx = fz_new_context(NULL, NULL, PDF_STORE_BYTES);
    if (!pr.ctx) return err_set(err, "%s: de PDF-lezer (MuPDF) start niet", doc->file);
    fz_set_warning_callback(pr.ctx, quiet, NULL);
    fz_set_error_callback(pr.ctx, quiet, NULL);
    int pages = 0;
    int rc = open_pdf(&pr, data, len, &pages, err);
    if (rc == 0 && lim->progress) lim->progress(lim->progress_ctx, 0, pages);
    for (int i = 0; rc == 0 && i < pages; i++) {
        rc = read_page(&pr, i, err);
        if (lim->progress) lim->progress(lim->progress_ctx, i + 1, pages);
    }
    if (rc == 0 && doc->nlines == 0) rc = err_set(err, "%s: bevat geen leesbare tekst", doc->file);
    if (rc == 0) {
        doc->has_geometry = 1;
        if (pr.n_ocr) {
            doc->ocr_pages = arena_alloc(&doc->arena, pr.n_ocr * sizeof *doc->ocr_pages);
            memcpy(doc->ocr_pages, pr.ocr_pages, pr.n_ocr * sizeof *doc->ocr_pages);
            doc->n_ocr = pr.n_ocr;
        }
    }
    free(pr.ocr_pages);
    read_ocr_free(pr.ocr);
    fz_drop_document(pr.ctx, pr.fdoc);
    fz_drop_context(pr.ctx);
    return rc;
}
