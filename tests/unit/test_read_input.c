/* test_read_input.c: how files become a ReadDoc (src/read/read_*.c): the grouping of a
 * page's words into visual lines (a table row drawn column by column, a rotated scan), a
 * PDF written here read with its pages and lines, one page of it rendered to PNG and read
 * back by OCR, DOCX and ODT tables with their columns and page breaks, the zip-bomb and
 * page caps, damaged input, plain text with a form feed, and the cleaning of text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "read/read_internal.h"
#include "text.h"

#include <mupdf/fitz.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* ---- building inputs ---- */

/* A PDF whose pages hold the content streams given (Helvetica as /F1), in b. */
static void make_pdf(Buf *b, const char *const *contents, size_t npages)
{
    size_t nobj = 3 + 2 * npages;
    size_t *off = calloc(nobj + 1, sizeof *off);
    buf_puts(b, "%PDF-1.4\n");
    off[1] = b->len;
    buf_puts(b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    off[2] = b->len;
    buf_puts(b, "2 0 obj\n<< /Type /Pages /Count ");
    buf_printf(b, "%zu /Kids [", npages);
    for (size_t i = 0; i < npages; i++) buf_printf(b, "%zu 0 R ", 4 + 2 * i);
    buf_puts(b, "] >>\nendobj\n");
    off[3] = b->len;
    buf_puts(b, "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
    for (size_t i = 0; i < npages; i++) {
        off[4 + 2 * i] = b->len;
        buf_printf(b,
                   "%zu 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                   "<< /Font << /F1 3 0 R >> >> /Contents %zu 0 R >>\nendobj\n",
                   4 + 2 * i, 5 + 2 * i);
        off[5 + 2 * i] = b->len;
        buf_printf(b, "%zu 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n", 5 + 2 * i,
                   strlen(contents[i]), contents[i]);
    }
    size_t xref = b->len;
    buf_printf(b, "xref\n0 %zu\n0000000000 65535 f \n", nobj + 1);
    for (size_t i = 1; i <= nobj; i++) buf_printf(b, "%010zu 00000 n \n", off[i]);
    buf_printf(b, "trailer\n<< /Size %zu /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nobj + 1,
               xref);
    free(off);
}

/* A table of two rows drawn as a PDF producer does it: first the whole label column, then
 * the whole amount column, each in its own text object (MuPDF gives each its own block),
 * in 12 pt Helvetica so the rows are 20 pt apart; below it a line of prose. */
static const char PAGE1[] =
    "BT /F1 12 Tf 72 760 Td (Overzicht POK-middelen gemeente) Tj ET\n"
    "BT /F1 12 Tf 72 700 Td (Robuust rechtsbeschermingssysteem) Tj 0 -20 Td (Totaal) Tj ET\n"
    "BT /F1 12 Tf 400 700 Td (459.500) Tj 0 -20 Td (596.437) Tj ET\n"
    "BT /F1 12 Tf 480 700 Td (175.000) Tj 0 -20 Td (175.000) Tj ET\n"
    "BT /F1 12 Tf 72 600 Td (Het college heeft besloten.) Tj ET";
static const char PAGE2[] = "BT /F1 12 Tf 72 760 Td (Tweede pagina van het raadsvoorstel) Tj ET";

static ReadDoc read_ok(const char *name, const void *data, size_t len, const ReadLimits *lim)
{
    ReadDoc doc;
    PokErr err = {0};
    int rc = read_document_mem(name, data, len, lim, &doc, &err);
    if (rc != 0) fprintf(stderr, "unexpected: %s\n", err.msg);
    assert_int_equal(rc, 0);
    return doc;
}

/* The failure message of reading data, which must fail. */
static PokErr read_fails(const char *name, const void *data, size_t len, const ReadLimits *lim)
{
    ReadDoc doc;
    PokErr err = {0};
    assert_int_equal(read_document_mem(name, data, len, lim, &doc, &err), -1);
    assert_int_equal(doc.nlines, 0); /* nothing half-read */
    read_doc_free(&doc);
    assert_non_null(strstr(err.msg, name)); /* the message names the file */
    return err;
}

static const ReadLine *find_line(const ReadDoc *doc, const char *text)
{
    for (size_t i = 0; i < doc->nlines; i++)
        if (strcmp(doc->lines[i].text, text) == 0) return &doc->lines[i];
    return NULL;
}

typedef struct Part {
    const char *name;
    const char *text;
    size_t len; /* 0: strlen(text) */
} Part;

/* A zip of parts (deflated), in malloc'ed memory. */
static unsigned char *make_zip(const Part *parts, size_t n, size_t *len)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &zerr);
    assert_non_null(src);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &zerr);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        size_t l = parts[i].len ? parts[i].len : strlen(parts[i].text);
        zip_source_t *p = zip_source_buffer(z, parts[i].text, l, 0);
        assert_true(zip_file_add(z, parts[i].name, p, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    assert_int_equal(zip_source_open(src), 0);
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    unsigned char *out = malloc((size_t)size);
    assert_int_equal(zip_source_read(src, out, (zip_uint64_t)size), size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&zerr);
    *len = (size_t)size;
    return out;
}

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define CELL(t) "<w:tc><w:p><w:r><w:t>" t "</w:t></w:r></w:p></w:tc>"

/* ---- line grouping ---- */

static void test_lines_table_columns(void **state)
{
    (void)state;
    /* two rows, the words given column by column (as MuPDF's blocks give them) */
    ReadWord w[] = {
        {"Actielijn", 72, 100, 120, 112}, {"Totaal", 72, 120, 110, 132},
        {"2024", 300, 100, 330, 112},     {"596.437", 300, 120, 340, 132},
        {"2025", 400, 100, 430, 112},     {"175.000", 400, 120, 440, 132},
    };
    ReadDoc doc = {0};
    assert_int_equal(read_lines_page(&doc, 1, w, 6), 2);
    assert_int_equal(doc.nlines, 2);
    assert_string_equal(doc.lines[0].text, "Actielijn 2024 2025");
    assert_string_equal(doc.lines[1].text, "Totaal 596.437 175.000");
    assert_int_equal(doc.lines[1].line, 2);
    assert_int_equal(doc.lines[1].nwords, 3);
    assert_true(doc.lines[1].words[0].x0 < doc.lines[1].words[1].x0);
    assert_true(doc.lines[1].words[1].x0 < doc.lines[1].words[2].x0);
    assert_true(doc.lines[1].words[2].x0 == 400);
    read_doc_free(&doc);
}

/* A scan rotated by one degree: across a wide gap a row drifts by more than half a line
 * height, so only grouping along the page's slope keeps the rows apart. */
static void test_lines_rotated(void **state)
{
    (void)state;
    const double slope = tan(1.0 * M_PI / 180);
    enum { ROWS = 6, COLS = 3 };
    const double xs[COLS] = {72, 160, 470}; /* a label, a word of it, an amount */
    static char texts[ROWS][COLS][32];
    ReadWord w[ROWS * COLS];
    size_t n = 0;
    for (int r = 0; r < ROWS; r++)
        for (int c = 0; c < COLS; c++) {
            snprintf(texts[r][c], sizeof texts[r][c], "r%dc%d", r, c);
            double y = 100 + 14.0 * r + slope * xs[c];
            w[n++] = (ReadWord){texts[r][c], xs[c], y, xs[c] + 30, y + 10};
        }
    ReadDoc doc = {0};
    assert_int_equal(read_lines_page(&doc, 1, w, n), ROWS);
    for (int r = 0; r < ROWS; r++) {
        char want[64];
        snprintf(want, sizeof want, "r%dc0 r%dc1 r%dc2", r, r, r);
        assert_string_equal(doc.lines[r].text, want);
    }
    read_doc_free(&doc);
}

/* ---- PDF ---- */

static void test_pdf_pages_and_lines(void **state)
{
    (void)state;
    Buf pdf = {0};
    const char *pages[] = {PAGE1, PAGE2};
    make_pdf(&pdf, pages, 2);
    ReadLimits lim = {.no_ocr = 1};
    ReadDoc doc = read_ok("raadsvoorstel.pdf", pdf.data, pdf.len, &lim);
    assert_int_equal(doc.pages, 2);
    assert_int_equal(doc.n_ocr, 0);
    assert_true(doc.has_geometry);
    const ReadLine *l = find_line(&doc, "Robuust rechtsbeschermingssysteem 459.500 175.000");
    assert_non_null(l);
    assert_int_equal(l->page, 1);
    assert_int_equal(l->line, 2);
    assert_int_equal(l->nwords, 4);
    assert_true(fabs(l->words[2].x0 - 400) < 1);
    assert_true(fabs(l->words[3].x0 - 480) < 1);
    l = find_line(&doc, "Totaal 596.437 175.000");
    assert_non_null(l);
    assert_int_equal(l->line, 3);
    l = find_line(&doc, "Het college heeft besloten.");
    assert_non_null(l);
    assert_int_equal(l->line, 4);
    l = find_line(&doc, "Tweede pagina van het raadsvoorstel");
    assert_non_null(l);
    assert_int_equal(l->page, 2);
    assert_int_equal(l->line, 1);
    read_doc_free(&doc);
    buf_free(&pdf);
}

static void test_pdf_caps_and_damage(void **state)
{
    (void)state;
    Buf pdf = {0};
    const char *pages[] = {PAGE2, PAGE2, PAGE2};
    make_pdf(&pdf, pages, 3);
    ReadLimits lim = {.max_pages = 2, .no_ocr = 1};
    PokErr err = read_fails("lang.pdf", pdf.data, pdf.len, &lim);
    assert_int_equal(err.code, ERR_TOO_LARGE);
    assert_non_null(strstr(err.msg, "heeft 3 pagina's; pok leest er ten hoogste 2"));
    /* cut off after the header: nothing of a document is left */
    err = read_fails("kapot.pdf", pdf.data, 40, &lim);
    assert_non_null(strstr(err.msg, "is beschadigd"));
    /* a page without any text, OCR off: no readable text */
    const char *blank[] = {"0 0 m 100 100 l S"};
    Buf empty = {0};
    make_pdf(&empty, blank, 1);
    err = read_fails("leeg.pdf", empty.data, empty.len, &lim);
    assert_non_null(strstr(err.msg, "bevat geen leesbare tekst"));
    buf_free(&empty);
    buf_free(&pdf);
}

/* Page 1 of the PDF rendered at 200 dpi by MuPDF and saved as PNG: read back by OCR,
 * its table row comes out as one line again. */
static void test_ocr_png(void **state)
{
    (void)state;
    Buf pdf = {0};
    const char *pages[] = {PAGE1};
    make_pdf(&pdf, pages, 1);
    fz_context *ctx = fz_new_context(NULL, NULL, FZ_STORE_DEFAULT);
    fz_register_document_handlers(ctx);
    fz_stream *stm = fz_open_memory(ctx, (const unsigned char *)pdf.data, pdf.len);
    fz_document *fdoc = fz_open_document_with_stream(ctx, "application/pdf", stm);
    fz_pixmap *pix = fz_new_pixmap_from_page_number(ctx, fdoc, 0, fz_scale(200 / 72.f, 200 / 72.f),
                                                    fz_device_gray(ctx), 0);
    fz_set_pixmap_resolution(ctx, pix, 200, 200);
    fz_buffer *png = fz_new_buffer_from_pixmap_as_png(ctx, pix, fz_default_color_params);
    unsigned char *data;
    size_t len = fz_buffer_storage(ctx, png, &data);
    ReadDoc doc = read_ok("scan.png", data, len, NULL);
    assert_int_equal(doc.pages, 1);
    assert_int_equal(doc.n_ocr, 1);
    assert_int_equal(doc.ocr_pages[0], 1);
    const ReadLine *l = find_line(&doc, "Totaal 596.437 175.000");
    assert_non_null(l);
    assert_int_equal(l->nwords, 3);
    /* 200 dpi pixels back in points: the column at x = 400 pt */
    assert_true(fabs(l->words[1].x0 - 400) < 3);
    read_doc_free(&doc);
    fz_drop_buffer(ctx, png);
    fz_drop_pixmap(ctx, pix);
    fz_drop_document(ctx, fdoc);
    fz_drop_stream(ctx, stm);
    fz_drop_context(ctx);
    buf_free(&pdf);
}

/* ---- DOCX and ODT ---- */

static void test_docx_table_columns(void **state)
{
    (void)state;
    const char *xml =
        "<w:document " W_NS "><w:body>"
        "<w:p><w:r><w:t xml:space=\"preserve\">Gemeente </w:t><w:t>Olst-Wijhe</w:t></w:r></w:p>"
        "<w:tbl><w:tr>" CELL("Actielijn") CELL("2024")
            CELL("2025") "</w:tr>"
                         "<w:tr>" CELL("Totaal") "<w:tc><w:p/></w:tc>" CELL(
                             "38.000") "</w:tr>"
                                       "<w:tr><w:tc><w:tcPr><w:gridSpan "
                                       "w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>Breed</w:t>"
                                       "</w:r></w:p></w:tc>" CELL(
                                           "1") "</w:tr></w:tbl>"
                                                "<w:p><w:r><w:t>Voor</w:t><w:br "
                                                "w:type=\"page\"/><w:lastRenderedPageBreak/>"
                                                "<w:t>na</w:t></w:r></w:p><w:p><w:r><w:t>nog "
                                                "steeds pagina 2</w:t></w:r></w:p>"
                                                "<w:p><w:r><w:lastRenderedPageBreak/><w:t>pagina "
                                                "3</w:t></w:r></w:p>"
                                                "</w:body></w:document>";
    Part parts[] = {{"[Content_Types].xml", "<Types/>", 0}, {"word/document.xml", xml, 0}};
    size_t len;
    unsigned char *zip = make_zip(parts, 2, &len);
    ReadDoc doc = read_ok("besluit.docx", zip, len, NULL);
    assert_string_equal(doc.lines[0].text, "Gemeente Olst-Wijhe");
    assert_int_equal(doc.lines[0].nwords, 0);
    const ReadLine *l = find_line(&doc, "Totaal 38.000");
    assert_non_null(l);
    assert_int_equal(l->nwords, 2);
    assert_string_equal(l->words[1].text, "38.000");
    assert_true(l->words[0].x0 == 0 && l->words[1].x0 == 2000); /* the empty cell counts */
    l = find_line(&doc, "Breed 1");
    assert_non_null(l);
    assert_true(l->words[1].x0 == 2000); /* after a cell two columns wide */
    l = find_line(&doc, "na");
    assert_non_null(l);
    assert_int_equal(l->page, 2);
    assert_int_equal(l->line, 1);
    l = find_line(&doc, "nog steeds pagina 2");
    assert_non_null(l);
    assert_int_equal(l->page, 2); /* the rendered break after an explicit one is the same */
    l = find_line(&doc, "pagina 3");
    assert_non_null(l);
    assert_int_equal(l->page, 3);
    assert_int_equal(doc.pages, 3);
    assert_true(doc.has_geometry);
    read_doc_free(&doc);
    free(zip);
}

static void test_odt_table(void **state)
{
    (void)state;
    const char *xml =
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:"
        "1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:"
        "oasis:names:tc:opendocument:xmlns:table:1.0\"><office:body><office:text>"
        "<text:h>Raadsinformatiebrief</text:h>"
        "<table:table><table:table-row><table:table-cell><text:p>Reserve</text:p>"
        "</table:table-cell><table:table-cell table:number-columns-repeated=\"2\"/>"
        "<table:table-cell><text:p>€ 12.000</text:p></table:table-cell></table:table-row>"
        "</table:table><text:p>tekst<text:note><text:note-body><text:p>voetnoot</text:p>"
        "</text:note-body></text:note> verder</text:p></office:text></office:body>"
        "</office:document-content>";
    Part parts[] = {{"mimetype", "application/vnd.oasis.opendocument.text", 0},
                    {"content.xml", xml, 0}};
    size_t len;
    unsigned char *zip = make_zip(parts, 2, &len);
    ReadDoc doc = read_ok("brief.odt", zip, len, NULL);
    assert_int_equal(doc.nlines, 3);
    assert_string_equal(doc.lines[1].text, "Reserve € 12.000");
    assert_true(doc.lines[1].words[1].x0 == 3000);
    assert_string_equal(doc.lines[2].text, "tekst verder"); /* the footnote left out */
    read_doc_free(&doc);
    free(zip);
}

static void test_zip_bomb_and_not_a_document(void **state)
{
    (void)state;
    /* 2 MiB of paragraphs (deflated to a few kilobytes) against a cap of 1 MiB */
    static const char para[] = "<w:p><w:r><w:t>POK</w:t></w:r></w:p>";
    Buf xml = {0};
    buf_puts(&xml, "<w:document " W_NS "><w:body>");
    while (xml.len < (size_t)2 << 20) buf_puts(&xml, para);
    buf_puts(&xml, "</w:body></w:document>");
    Part parts[] = {{"word/document.xml", xml.data, xml.len}};
    size_t len;
    unsigned char *zip = make_zip(parts, 1, &len);
    assert_true(len < (size_t)100 << 10);
    ReadLimits lim = {.max_unzipped = (size_t)1 << 20};
    PokErr err = read_fails("bom.docx", zip, len, &lim);
    assert_int_equal(err.code, ERR_TOO_LARGE);
    assert_non_null(strstr(err.msg, "uitgepakt groter dan 1 MiB"));
    /* within the default cap the same file reads */
    ReadDoc doc = read_ok("bom.docx", zip, len, NULL);
    assert_true(doc.nlines > 50000);
    read_doc_free(&doc);
    free(zip);
    buf_free(&xml);

    Part other[] = {{"readme.txt", "geen document", 0}};
    zip = make_zip(other, 1, &len);
    err = read_fails("archief.zip", zip, len, NULL);
    assert_non_null(strstr(err.msg, "geen document"));
    free(zip);
    /* a zip header and then nothing */
    err = read_fails("kapot.docx", "PK\003\004rest", 8, NULL);
    assert_non_null(strstr(err.msg, "is beschadigd"));
}

/* ---- plain text and cleaning ---- */

static void test_text_form_feed(void **state)
{
    (void)state;
    const char txt[] = "Raadsvoorstel\r\nregel twee\n\fPagina twee\nslot";
    ReadDoc doc = read_ok("brief.txt", txt, sizeof txt - 1, NULL);
    assert_int_equal(doc.pages, 2);
    assert_int_equal(doc.nlines, 5);
    assert_string_equal(doc.lines[1].text, "regel twee");
    assert_int_equal(doc.lines[3].page, 2);
    assert_int_equal(doc.lines[3].line, 1);
    assert_string_equal(doc.lines[3].text, "Pagina twee");
    read_doc_free(&doc);
    PokErr err = read_fails("leeg.txt", "", 0, NULL);
    assert_non_null(strstr(err.msg, "leeg"));
    err = read_fails("binair.bin", "\xff\xfe\x00\x01", 4, NULL);
    assert_non_null(strstr(err.msg, "geen document"));
}

static void test_clean_and_bounded_lines(void **state)
{
    (void)state;
    ReadDoc doc = {0};
    /* a C1 control (U+0085), a non-character (U+FFFF), a stray byte */
    static const char bad[] = "a\xc2\x85z \xef\xbf\xbf!\xff";
    read_doc_add_line(&doc, 1, bad, sizeof bad - 1, NULL, 0);
    assert_string_equal(doc.lines[0].text, "a  z    !?");
    assert_int_equal(text_scan(doc.lines[0].text, strlen(doc.lines[0].text), SIZE_MAX, NULL),
                     TEXT_OK);
    /* a paragraph of 25,000 characters: three lines, cut at spaces */
    Buf para = {0};
    while (para.len < 25000) buf_puts(&para, "woord ");
    read_doc_add_text(&doc, 1, para.data, para.len);
    assert_int_equal(doc.nlines, 4);
    for (size_t i = 1; i < 4; i++) {
        size_t n = strlen(doc.lines[i].text);
        assert_true(n <= READ_MAX_LINE_CHARS);
        assert_true(n > 0 && doc.lines[i].text[n - 1] == 'd');
    }
    assert_int_equal(doc.lines[3].line, 4);
    buf_free(&para);
    read_doc_free(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_table_columns),
        cmocka_unit_test(test_lines_rotated),
        cmocka_unit_test(test_pdf_pages_and_lines),
        cmocka_unit_test(test_pdf_caps_and_damage),
        cmocka_unit_test(test_ocr_png),
        cmocka_unit_test(test_docx_table_columns),
        cmocka_unit_test(test_odt_table),
        cmocka_unit_test(test_zip_bomb_and_not_a_document),
        cmocka_unit_test(test_text_form_feed),
        cmocka_unit_test(test_clean_and_bounded_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
