/* read.h: pok read, council documents into draft data (docs/read.md).
 *
 * Two layers, data flowing one way:
 *   input   (read_input.c and one file per format: read_text.c, read_pdf.c, read_ocr.c,
 *            read_office.c) turns a file into a ReadDoc: pages of lines, each line with its
 *            words and, where the format has them, the words' boxes on the page;
 *   analyse (read_analyse.c calling read_meta.c and read_amounts.c with their helpers)
 *            turns a ReadDoc into a ReadResult: municipality, genre, date, references,
 *            decisions, amounts, unchecked totals and findings.
 * read_result.c writes a ReadResult as the JSON of the contract or as Dutch text. */
#ifndef POK_READ_H
#define POK_READ_H

#include "../util.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* ---- input ---------------------------------------------------------------------- */

/* A word with its box on the page in points (1/72 inch), origin top left, y down.
 * Formats without geometry (plain text) give no words: the line's text is all there is.
 * DOCX and ODT tables give each cell its own column: x0 = 1000 * cell index, so cells of
 * one table column share x. */
typedef struct ReadWord {
    const char *text;
    double x0, y0, x1, y1;
} ReadWord;

typedef struct ReadLine {
    int page;         /* 1-based */
    int line;         /* 1-based within the page */
    const char *text; /* the line as read: its words joined by single spaces, UTF-8 */
    ReadWord *words;  /* in reading order (left to right); NULL when nwords is 0 */
    size_t nwords;
} ReadLine;

typedef struct ReadDoc {
    Arena arena; /* every string and array below */
    const char *file;
    char sha256[65]; /* of the file's bytes, lower-case hex */
    int pages;
    int *ocr_pages; /* 1-based page numbers read by OCR, ascending */
    size_t n_ocr;
    ReadLine *lines; /* all lines of all pages, in order */
    size_t nlines, cap;
    int has_geometry; /* the words carry boxes (PDF, OCR, DOCX/ODT tables) */
} ReadDoc;

/* The caps a document is read within: beyond them the read fails with ERR_TOO_LARGE and a
 * message saying which cap. 0 fields take the defaults (read_limits_default). */
typedef struct ReadLimits {
    size_t max_bytes;    /* the file: 100 MiB */
    int max_pages;       /* 1000 */
    size_t max_unzipped; /* DOCX/ODT: the XML read from the zip, 64 MiB */
    int ocr_dpi;         /* resolution scans are rendered at for OCR: 300 */
    int no_ocr;          /* pages without text stay empty (for tests of the text path) */
    /* the second reading that confirms findings on scanned pages (read_confirm.c): scans
     * finer (PDF pages rendered at ocr_dpi, image files enlarged by ocr_dpi / 300), and
     * only the pages with ocr_wanted[page] set (1-based, pages + 1 entries; NULL all) */
    const unsigned char *ocr_wanted;
    int ocr_wanted_len;
    /* called once the pages of a PDF are known (page 0) and after each page (page 1-based,
     * of pages), from the reading thread: what the web shows while a scan is read */
    void (*progress)(void *ctx, int page, int pages);
    void *progress_ctx;
} ReadLimits;

void read_limits_default(ReadLimits *lim);

/* Read a file (the format from its first bytes, not its name) into doc. Returns 0, or -1
 * with err saying why in Dutch, naming the file: encrypted, damaged, not a document, too
 * large, no readable text. doc is empty after a failure (read_doc_free is still safe). */
int read_document(const char *path, const ReadLimits *lim, ReadDoc *doc, PokErr *err);
/* The same for bytes in memory; name is what messages and doc->file say. */
int read_document_mem(const char *name, const unsigned char *data, size_t len,
                      const ReadLimits *lim, ReadDoc *doc, PokErr *err);
void read_doc_free(ReadDoc *doc);
/* A file's bytes, within lim's size cap (free() them); 0, or -1 with err set. */
int read_file_bytes(const char *path, const ReadLimits *lim, unsigned char **data, size_t *len,
                    PokErr *err);

/* Building a ReadDoc (the format readers): append a line to page, copying text and words;
 * the line number is the next on that page. */
ReadLine *read_doc_add_line(ReadDoc *doc, int page, const char *text, size_t len,
                            const ReadWord *words, size_t nwords);

/* ---- analyse -------------------------------------------------------------------- */

typedef enum ReadKind {
    READ_ALLOCATION = 0,
    READ_PLAN,
    READ_REALISATION,
    READ_RESERVE_BALANCE,
    READ_RESERVE_WITHDRAWAL,
    READ_RESERVE_DEPOSIT,
    READ_TOTAL,
    READ_REQUEST,
    READ_OTHER,
    READ_KIND_COUNT
} ReadKind;

/* "allocation", "plan", ... as in the JSON; read_kind_parse the reverse (-1: unknown). */
const char *read_kind_name(ReadKind k);
int read_kind_parse(const char *s);

typedef struct ReadAmount {
    int64_t cents;
    int year;      /* 0: none */
    int actielijn; /* 1-8, 0: none */
    ReadKind kind;
    const char *label; /* the document's own text */
    int page, line;
} ReadAmount;

typedef struct ReadTotal { /* a stated total that could not be checked */
    int64_t cents;
    int page, line;
    const char *quote;
} ReadTotal;

typedef enum ReadFindingKind {
    READ_FINDING_SUM = 0,
    READ_FINDING_RESERVE,
    READ_FINDING_COVERAGE,
    READ_FINDING_DATE
} ReadFindingKind;

const char *read_finding_kind_name(ReadFindingKind k); /* "sum", "reserve", ... */

typedef struct ReadFinding {
    ReadFindingKind kind;
    int has_stated, has_computed;
    int64_t stated_cents, computed_cents;
    int page, line;
    const char *quote;   /* the line it is about, verbatim */
    const char *message; /* a Dutch sentence */
} ReadFinding;

typedef struct ReadDecision {
    char date[11];    /* "YYYY-MM-DD", "" when unknown */
    const char *body; /* "college" or "raad" */
    int adopted;      /* 1 adopted, 0 declined */
    const char *subject;
    int page, line;
} ReadDecision;

typedef struct ReadResult {
    Arena arena;                       /* every string and array below */
    const char *muni_code, *muni_name; /* NULL: not known */
    char date[11];                     /* "" : not known */
    const char *genre;                 /* never NULL: "overig" when unknown */
    const char **references;
    size_t nrefs, cap_refs;
    ReadDecision *decisions;
    size_t ndecisions, cap_decisions;
    ReadAmount *amounts;
    size_t namounts, cap_amounts;
    ReadTotal *unchecked;
    size_t nunchecked, cap_unchecked;
    ReadFinding *findings;
    size_t nfindings, cap_findings;
} ReadResult;

/* Analyse doc. muni_code (may be NULL) is what the caller knows the document is about
 * (--municipality, the web page it was uploaded on): it wins over what the text says. */
int read_analyse(const ReadDoc *doc, const char *muni_code, ReadResult *res, PokErr *err);

/* A finding on a page read by OCR stands only when a second, finer reading of that page
 * (the bytes data, len again) gives the same finding: a digit misread once ("295" for
 * "255") is no error in the document. Findings not confirmed become unchecked totals.
 * read_confirm_merge is the comparison on its own (for tests). */
void read_confirm(const char *name, const unsigned char *data, size_t len, const char *muni_code,
                  const ReadDoc *doc, ReadResult *res);
void read_confirm_merge(const ReadDoc *doc, ReadResult *res, const ReadResult *second);

/* What every caller does: read the bytes into doc (within lim, NULL: the defaults),
 * analyse them into res and confirm the findings on scanned pages. 0, or -1 with err set
 * (doc and res are then empty). */
int read_and_analyse(const char *name, const unsigned char *data, size_t len, const ReadLimits *lim,
                     const char *muni_code, ReadDoc *doc, ReadResult *res, PokErr *err);
void read_result_free(ReadResult *res);

/* The parts read_analyse runs, each filling its fields of res. */
void read_meta(const ReadDoc *doc, const char *muni_code, ReadResult *res);
void read_amounts(const ReadDoc *doc, ReadResult *res);

/* Appending to a result (copies strings into res->arena). */
ReadAmount *read_add_amount(ReadResult *res, const ReadAmount *a);
ReadTotal *read_add_unchecked(ReadResult *res, const ReadTotal *t);
ReadFinding *read_add_finding(ReadResult *res, const ReadFinding *f);
ReadDecision *read_add_decision(ReadResult *res, const ReadDecision *d);
void read_add_reference(ReadResult *res, const char *ref);

/* ---- output --------------------------------------------------------------------- */

/* The JSON object of docs/read.md (new reference). */
json_t *read_result_json(const ReadDoc *doc, const ReadResult *res);
/* The same for people, in Dutch: findings first, then amounts, unchecked totals. */
int read_result_text(const ReadDoc *doc, const ReadResult *res, Buf *out);

#endif
