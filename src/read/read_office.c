/* read_office.c: DOCX (word/document.xml) and ODT (content.xml) through libzip and expat.
 *
 * A paragraph becomes a line (a line break in it starts another); a table row becomes
 * one line whose words are its cells, each cell one ReadWord with x0 = 1000 * its column
 * (a cell spanning columns takes the first), so the analysis sees the columns as it does
 * on a PDF page. Pages: the document's explicit page breaks and the breaks the word
 * processor recorded when it last laid the document out (w:lastRenderedPageBreak,
 * text:soft-page-break); without any, the whole document is page 1. Headers, footers,
 * footnotes, comments, deleted text of tracked changes and the fallback copy of a text
 * box are left out: they are not the document's running text.
 *
 * Zip bombs: the sizes in the zip directory are not trusted; the XML is read through
 * zip_fread with a running count and the read stops at ReadLimits.max_unzipped. */
#include "read_internal.h"

#include <expat.h>
#include <zip.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More entries than this is no document (a DOCX has a few dozen). */
#define MAX_ENTRIES 10000
#define CHUNK 65536
/* Columns of a table row beyond this are run together in the last (a hostile
 * gridSpan or number-columns-repeated). */
#define MAX_COLUMNS 1000

typedef enum Format { DOCX, ODT } Format;

/* The elements that mean something, by format and local name. */
typedef enum Tag {
    T_OTHER = 0,
    T_PARA,       /* w:p, text:p, text:h */
    T_TEXT,       /* w:t: its characters are text (ODT: all characters in a paragraph) */
    T_TAB,        /* w:tab, text:tab, text:s: a space */
    T_BREAK,      /* w:br, w:cr, text:line-break: a new line, or a page (w:br w:type=page) */
    T_RENDERED,   /* w:lastRenderedPageBreak, text:soft-page-break */
    T_PAGE_FIRST, /* w:pageBreakBefore */
    T_TABLE,      /* w:tbl, table:table */
    T_ROW,        /* w:tr, table:table-row */
    T_CELL,       /* w:tc, table:table-cell, table:covered-table-cell */
    T_SPAN,       /* w:gridSpan: the cell's width in columns */
    T_HYPHEN,     /* w:noBreakHyphen */
    T_SKIP        /* not running text: its whole content is left out */
} Tag;

typedef struct TagName {
    const char *ns_part; /* a part of the namespace URI */
    const char *local;
    Tag tag;
} TagName;

static const TagName DOCX_TAGS[] = {{"wordprocessingml", "p", T_PARA},
                                    {"wordprocessingml", "t", T_TEXT},
                                    {"wordprocessingml", "tab", T_TAB},
                                    {"wordprocessingml", "br", T_BREAK},
                                    {"wordprocessingml", "cr", T_BREAK},
                                    {"wordprocessingml", "lastRenderedPageBreak", T_RENDERED},
                                    {"wordprocessingml", "pageBreakBefore", T_PAGE_FIRST},
                                    {"wordprocessingml", "tbl", T_TABLE},
                                    {"wordprocessingml", "tr", T_ROW},
                                    {"wordprocessingml", "tc", T_CELL},
                                    {"wordprocessingml", "gridSpan", T_SPAN},
                                    {"wordprocessingml", "noBreakHyphen", T_HYPHEN},
                                    {"wordprocessingml", "del", T_SKIP},
                                    {"wordprocessingml", "footnoteReference", T_SKIP},
                                    {"markup-compatibility", "Fallback", T_SKIP},
                                    {NULL, NULL, T_OTHER}};

static const TagName ODT_TAGS[] = {{":text:", "p", T_PARA},
                                   {":text:", "h", T_PARA},
                                   {":text:", "tab", T_TAB},
                                   {":text:", "s", T_TAB},
                                   {":text:", "line-break", T_BREAK},
                                   {":text:", "soft-page-break", T_RENDERED},
                                   {":text:", "note", T_SKIP},
                                   {":text:", "tracked-changes", T_SKIP},
                                   {":office:", "annotation", T_SKIP},
                                   {":table:", "table", T_TABLE},
                                   {":table:", "table-row", T_ROW},
                                   {":table:", "table-cell", T_CELL},
                                   {":table:", "covered-table-cell", T_CELL},
                                   {NULL, NULL, T_OTHER}};

typedef struct Office {
    ReadDoc *doc;
    Format format;
    XML_Parser p;
    PokErr err; /* set inside a handler; the parser is stopped */
    int failed;
    int skip;       /* depth inside a T_SKIP element */
    int in_text;    /* inside w:t (DOCX); ODT paragraphs take all their characters */
    int para_depth; /* paragraphs inside paragraphs (a text box): one line */
    int page, page_fresh, break_before;
    Buf line; /* the paragraph (or cell) being read */
    /* the outermost table's row being read; nested tables run into its cells */
    int table_depth, in_row;
    size_t col, row_no; /* the next cell's column; rows seen, for the words' y */
    ReadWord *cells;
    size_t ncells, capcells;
    Buf cell_text; /* the texts of the row's cells, NUL-separated */
    size_t *cell_off;
    int cell_open;
    size_t cell_span;
} Office;

static const char *local_name(const char *name)
{
    const char *sep = strrchr(name, '\x01');
    return sep ? sep + 1 : name;
}

static const char *attr(const char **atts, const char *local)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local_name(atts[i]), local) == 0) return atts[i + 1];
    return NULL;
}

static Tag tag_of(const Office *o, const char *name)
{
    const char *sep = strrchr(name, '\x01');
    if (!sep) return T_OTHER;
    const TagName *t = o->format == DOCX ? DOCX_TAGS : ODT_TAGS;
    for (; t->local; t++) {
        if (strcmp(sep + 1, t->local) != 0) continue;
        /* the URI is the part before the separator */
        size_t ulen = (size_t)(sep - name), plen = strlen(t->ns_part);
        for (size_t i = 0; i + plen <= ulen; i++)
            if (memcmp(name + i, t->ns_part, plen) == 0) return t->tag;
    }
    return T_OTHER;
}

static void office_fail(Office *o, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void office_fail(Office *o, int code, const char *fmt, ...)
{
    if (o->failed) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->err.msg, sizeof o->err.msg, fmt, ap);
    va_end(ap);
    o->err.code = code;
    o->failed = 1;
    XML_StopParser(o->p, XML_FALSE);
}

static void new_page(Office *o)
{
    if (o->page_fresh) return; /* a rendered break right after an explicit one is the same break */
    o->page++;
    o->page_fresh = 1;
}

/* The paragraph text so far as a line of its own (outside tables). */
static void flush_line(Office *o)
{
    if (o->line.len == 0) return;
    /* spaces at the ends carry nothing; runs of spaces stay as the document has them */
    size_t s = 0, e = o->line.len;
    while (s < e && o->line.data[s] == ' ') s++;
    while (e > s && o->line.data[e - 1] == ' ') e--;
    if (e > s) {
        read_doc_add_text(o->doc, o->page, o->line.data + s, e - s);
        o->page_fresh = 0;
    }
    buf_reset(&o->line);
}

static void append_text(Office *o, const char *s, size_t n)
{
    Buf *b = o->in_row ? &o->cell_text : &o->line;
    if (!o->in_row && b->len + n > READ_MAX_LINE_BYTES)
        flush_line(o); /* a paragraph without end: lines of bounded length */
    if (buf_append(b, s, n) != 0)
        office_fail(o, ERR_TOO_LARGE, "%s: een tabelrij is te lang", o->doc->file);
}

static void cell_start(Office *o)
{
    o->cell_open = 1;
    o->cell_span = 1;
    if (o->ncells == o->capcells) {
        o->capcells = o->capcells ? o->capcells * 2 : 16;
        o->cells = xrealloc(o->cells, o->capcells * sizeof *o->cells);
        o->cell_off = xrealloc(o->cell_off, o->capcells * sizeof *o->cell_off);
    }
    o->cell_off[o->ncells] = o->cell_text.len;
    double x = 1000.0 * (double)(o->col < MAX_COLUMNS ? o->col : MAX_COLUMNS);
    double y = 12.0 * (double)o->row_no;
    o->cells[o->ncells++] = (ReadWord){NULL, x, y, x + 900, y + 10};
}

static void cell_end(Office *o)
{
    buf_append(&o->cell_text, "", 1); /* the NUL that ends the cell's text */
    o->cell_open = 0;
    o->col += o->cell_span;
}

/* The row as one line: its non-empty cells as words, their texts joined by spaces. */
static void row_end(Office *o)
{
    Buf text = {0};
    size_t nw = 0;
    for (size_t i = 0; i < o->ncells; i++) {
        char *t = o->cell_text.data + o->cell_off[i];
        /* spaces at the ends and runs of spaces inside a cell become one */
        size_t w = 0;
        for (size_t r = 0; t[r]; r++)
            if (t[r] != ' ' || (w > 0 && t[w - 1] != ' ')) t[w++] = t[r];
        while (w > 0 && t[w - 1] == ' ') w--;
        t[w] = 0;
        if (!w) continue;
        if (nw) buf_puts(&text, " ");
        buf_puts(&text, t);
        o->cells[nw] = o->cells[i];
        o->cells[nw++].text = t;
    }
    if (nw) {
        read_doc_add_line(o->doc, o->page, text.data, text.len, o->cells, nw);
        o->doc->has_geometry = 1;
        o->page_fresh = 0;
    }
    buf_free(&text);
    o->ncells = 0;
    o->col = 0;
    o->row_no++;
    buf_reset(&o->cell_text);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Office *o = ud;
    Tag t = tag_of(o, name);
    if (o->skip) {
        o->skip += t == T_SKIP;
        return;
    }
    switch (t) {
    case T_SKIP:
        o->skip = 1;
        break;
    case T_PARA:
        if (o->para_depth++ == 0 && !o->in_row) {
            flush_line(o);
            if (o->format == ODT && attr(atts, "break-before")) new_page(o);
        } else if (o->in_row) {
            append_text(o, " ", 1);
        }
        break;
    case T_TEXT:
        o->in_text = 1;
        break;
    case T_TAB: {
        const char *c = o->format == ODT ? attr(atts, "c") : NULL;
        long n = c ? strtol(c, NULL, 10) : 1;
        for (long i = 0; i < (n > 0 && n < 8 ? n : 1); i++) append_text(o, " ", 1);
        break;
    }
    case T_HYPHEN:
        append_text(o, "-", 1);
        break;
    case T_BREAK: {
        const char *type = o->format == DOCX ? attr(atts, "type") : NULL;
        if (o->in_row) {
            append_text(o, " ", 1);
        } else {
            flush_line(o);
            if (type && strcmp(type, "page") == 0) new_page(o);
        }
        break;
    }
    case T_RENDERED:
        if (!o->in_row) {
            flush_line(o);
            new_page(o);
        }
        break;
    case T_PAGE_FIRST:
        o->break_before = 1;
        break;
    case T_TABLE:
        if (o->table_depth++ == 0) flush_line(o);
        break;
    case T_ROW:
        if (o->table_depth == 1) {
            flush_line(o);
            o->in_row = 1;
            o->ncells = 0;
            o->col = 0;
        }
        break;
    case T_CELL:
        if (o->table_depth == 1 && o->in_row) {
            cell_start(o);
            const char *rep = o->format == ODT ? attr(atts, "number-columns-repeated") : NULL;
            long n = rep ? strtol(rep, NULL, 10) : 1;
            if (n > 1) o->cell_span = (size_t)(n < MAX_COLUMNS ? n : MAX_COLUMNS);
        } else if (o->in_row) {
            append_text(o, " ", 1);
        }
        break;
    case T_SPAN: {
        const char *v = attr(atts, "val");
        long n = v ? strtol(v, NULL, 10) : 1;
        if (o->table_depth == 1 && o->cell_open && n > 1)
            o->cell_span = (size_t)(n < MAX_COLUMNS ? n : MAX_COLUMNS);
        break;
    }
    case T_OTHER:
        break;
    }
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    Office *o = ud;
    Tag t = tag_of(o, name);
    if (o->skip) {
        o->skip -= t == T_SKIP;
        return;
    }
    switch (t) {
    case T_PARA:
        if (o->para_depth > 0 && --o->para_depth == 0 && !o->in_row) {
            /* DOCX says "page break before" inside the paragraph's properties, which come
             * before its text: the break goes before the line. */
            if (o->break_before) {
                new_page(o);
                o->break_before = 0;
            }
            flush_line(o);
        }
        break;
    case T_TEXT:
        o->in_text = 0;
        break;
    case T_CELL:
        if (o->table_depth == 1 && o->cell_open) cell_end(o);
        break;
    case T_ROW:
        if (o->table_depth == 1 && o->in_row) {
            if (o->cell_open) cell_end(o);
            row_end(o);
            o->in_row = 0;
        }
        break;
    case T_TABLE:
        if (o->table_depth > 0) o->table_depth--;
        break;
    default:
        break;
    }
}

static void XMLCALL on_chars(void *ud, const XML_Char *s, int len)
{
    Office *o = ud;
    if (o->skip || o->para_depth == 0) return;
    if (o->format == DOCX && !o->in_text) return;
    if (o->in_row && !o->cell_open) return;
    append_text(o, s, (size_t)len);
}

static void XMLCALL reject_doctype(void *ud, const XML_Char *name, const XML_Char *sys,
                                   const XML_Char *pub, int internal)
{
    (void)name, (void)sys, (void)pub, (void)internal;
    Office *o = ud;
    office_fail(o, ERR_OTHER, "%s: is beschadigd: de documenttekst bevat een DOCTYPE",
                o->doc->file);
}

/* Stream entry through the parser, counting what is unpacked against the cap. */
static int parse_entry(Office *o, zip_t *zip, const char *entry, const ReadLimits *lim, PokErr *err)
{
    const char *file = o->doc->file;
    zip_file_t *zf = zip_fopen(zip, entry, 0);
    if (!zf) return err_set(err, "%s: is beschadigd: %s kan niet worden uitgepakt", file, entry);
    o->p = XML_ParserCreateNS("UTF-8", '\x01');
    if (!o->p) {
        zip_fclose(zf);
        return err_set(err, "%s: geen geheugen voor de XML-lezer", file);
    }
    XML_SetUserData(o->p, o);
    XML_SetElementHandler(o->p, on_start, on_end);
    XML_SetCharacterDataHandler(o->p, on_chars);
    XML_SetStartDoctypeDeclHandler(o->p, reject_doctype);
    char *buf = xmalloc(CHUNK);
    size_t total = 0;
    int rc = 0;
    for (;;) {
        zip_int64_t n = zip_fread(zf, buf, CHUNK);
        if (n < 0) {
            rc = err_set(err, "%s: is beschadigd: %s kan niet worden uitgepakt", file, entry);
            break;
        }
        total += (size_t)n;
        if (total > lim->max_unzipped) {
            rc = err_set_code(err, ERR_TOO_LARGE,
                              "%s: is uitgepakt groter dan %zu MiB; pok leest ten hoogste %zu "
                              "MiB documenttekst",
                              file, lim->max_unzipped >> 20, lim->max_unzipped >> 20);
            break;
        }
        if (XML_Parse(o->p, buf, (int)n, n == 0) != XML_STATUS_OK) {
            if (o->failed) {
                *err = o->err;
                rc = -1;
            } else {
                rc = err_set(err, "%s: is beschadigd: %s, regel %lu: %s", file, entry,
                             (unsigned long)XML_GetCurrentLineNumber(o->p),
                             XML_ErrorString(XML_GetErrorCode(o->p)));
            }
            break;
        }
        if (o->failed) {
            *err = o->err;
            rc = -1;
            break;
        }
        if (n == 0) break;
    }
    free(buf);
    XML_ParserFree(o->p);
    o->p = NULL;
    zip_fclose(zf);
    return rc;
}

int read_office(ReadDoc *doc, const unsigned char *data, size_t len, const ReadLimits *lim,
                PokErr *err)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
    zip_t *zip = src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : NULL;
    zip_error_fini(&zerr);
    if (!zip) {
        if (src) zip_source_free(src);
        return err_set(err, "%s: is beschadigd: geen leesbaar zip-archief (DOCX of ODT)",
                       doc->file);
    }
    int rc;
    zip_int64_t entries = zip_get_num_entries(zip, 0);
    Office o = {.doc = doc, .page = 1, .page_fresh = 1};
    if (entries > MAX_ENTRIES)
        rc = err_set_code(err, ERR_TOO_LARGE,
                          "%s: het zip-archief heeft %lld onderdelen; een document heeft er ten "
                          "hoogste %d",
                          doc->file, (long long)entries, MAX_ENTRIES);
    else if (zip_name_locate(zip, "word/document.xml", 0) >= 0)
        o.format = DOCX, rc = parse_entry(&o, zip, "word/document.xml", lim, err);
    else if (zip_name_locate(zip, "content.xml", 0) >= 0)
        o.format = ODT, rc = parse_entry(&o, zip, "content.xml", lim, err);
    else
        rc = err_set(err,
                     "%s: geen document: een zip-archief zonder word/document.xml of "
                     "content.xml (geen DOCX of ODT)",
                     doc->file);
    if (rc == 0) {
        flush_line(&o);
        if (doc->nlines == 0)
            rc = err_set(err, "%s: bevat geen leesbare tekst", doc->file);
        else if (doc->pages > lim->max_pages)
            rc = err_set_code(err, ERR_TOO_LARGE,
                              "%s: heeft %d pagina's; pok leest er ten hoogste %d", doc->file,
                              doc->pages, lim->max_pages);
    }
    buf_free(&o.line);
    buf_free(&o.cell_text);
    free(o.cells);
    free(o.cell_off);
    zip_discard(zip);
    return rc;
}
