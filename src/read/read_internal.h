/* read_internal.h: what the format readers of src/read/ share (not for other layers). */
#ifndef POK_READ_INTERNAL_H
#define POK_READ_INTERNAL_H

#include "read.h"

/* Each reader fills doc from the whole file in memory; returns 0 or -1 with err naming
 * doc->file and what is wrong. */
int read_text(ReadDoc *doc, const unsigned char *data, size_t len, PokErr *err);
int read_pdf(ReadDoc *doc, const unsigned char *data, size_t len, const ReadLimits *lim,
             PokErr *err);
int read_office(ReadDoc *doc, const unsigned char *data, size_t len, const ReadLimits *lim,
                PokErr *err);
int read_image(ReadDoc *doc, const unsigned char *data, size_t len, const ReadLimits *lim,
               PokErr *err);

/* ---- lines (read_doc.c) ----
 * A line of text is at most READ_MAX_LINE_CHARS characters (text.h's TEXT_LONG): longer
 * lines of a PDF page or table row are cut there, a longer paragraph (text, DOCX, ODT)
 * continues on the next line (read_doc_add_text). read_doc_add_line also makes every
 * line valid text: control characters, U+FFFE/U+FFFF and bytes that are no UTF-8
 * become spaces or '?'. */
#define READ_MAX_LINE_CHARS 10000
#define READ_MAX_LINE_BYTES (4 * READ_MAX_LINE_CHARS)

/* Text without geometry as one or more lines of page, split at spaces where longer than
 * READ_MAX_LINE_CHARS. */
void read_doc_add_text(ReadDoc *doc, int page, const char *text, size_t len);

/* ---- words into visual lines (read_lines.c) ----
 * The words of one page, in any order, with boxes in points (y down). They are grouped
 * into lines across the whole page: a word joins the line whose vertical position it
 * shares (within half the page's median word height), whatever block or column it came
 * from, so a table row read as separate columns becomes one line again. The grouping
 * follows a slight rotation of the page (a scan): the page's slope is estimated from the
 * first grouping and the words grouped again along it. Lines are appended to doc in
 * reading order (top to bottom), their words left to right, their text the words joined
 * by single spaces. Word texts are copied; words is reordered. Returns the lines added. */
size_t read_lines_page(ReadDoc *doc, int page, ReadWord *words, size_t nwords);

/* Most words one page may have (a hostile PDF may draw millions of glyphs). */
#define READ_MAX_PAGE_WORDS 100000

/* ---- OCR (read_ocr.c) ---- */

/* One Tesseract engine with the Dutch data, created once per document when a page needs
 * it, never shared between threads. */
typedef struct ReadOcr ReadOcr;

/* NULL with err set (naming file) when Tesseract or its Dutch data is missing. */
ReadOcr *read_ocr_new(const char *file, PokErr *err);
void read_ocr_free(ReadOcr *ocr);

/* Recognise an 8-bit grey image (w x h pixels, stride bytes a row) scanned at dpi and
 * append its lines to doc as page (boxes converted to points). Returns the number of
 * words with a letter or digit recognised (0: none, and no lines are added), or -1 with err set
 * (the page took too long). */
int read_ocr_grey(ReadOcr *ocr, ReadDoc *doc, int page, const unsigned char *pixels, int w, int h,
                  int stride, int dpi, PokErr *err);

/* Most pixels an image or a rendered page may have for OCR (an A3 page at 300 dpi is
 * 17.4 million): a larger PDF page is rendered at a lower resolution, a larger image
 * file is refused. */
#define READ_OCR_MAX_PIXELS ((long long)40 * 1000 * 1000)
/* How long Tesseract may take over one page before the read fails. */
#define READ_OCR_PAGE_SECONDS 60

/* Whether page (1-based) is to be read by OCR under lim (ReadLimits.ocr_wanted). */
static inline int read_ocr_wanted(const ReadLimits *lim, int page)
{
    return !lim->ocr_wanted || (page < lim->ocr_wanted_len && lim->ocr_wanted[page]);
}

#endif
