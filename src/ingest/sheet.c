/* sheet.c: read one worksheet of an .xlsx (Office Open XML) or .ods (OpenDocument) file.
 * libzip reads the zip entries in chunks, expat streams the XML; the sheet parser is
 * suspended at the end of every row, so a caller sees one row at a time. This file holds
 * what both formats share; sheet_xlsx.c and sheet_ods.c the rest. */
#include "sheet_internal.h"

#include "../money.h"
#include "../text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE ((size_t)200 << 20) /* the compressed file itself */

/* ---- small helpers ---- */

const char *sheet_local_name(const char *name)
{
    const char *sep = strrchr(name, '\x01');
    return sep ? sep + 1 : name;
}

const char *sheet_attr(const char **atts, const char *local)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(sheet_local_name(atts[i]), local) == 0) return atts[i + 1];
    return NULL;
}

void sheet_fail(Sheet *sh, const char *fmt, ...)
{
    if (sh->failed) return;
    sh->failed = 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sh->perr.msg, sizeof sh->perr.msg, fmt, ap);
    va_end(ap);
    XML_StopParser(sh->p, XML_FALSE);
}

char *sheet_col_letters(size_t col, char buf[8])
{
    char tmp[8];
    size_t n = 0;
    col++;
    while (col > 0 && n < 7) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (size_t i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return buf;
}

long sheet_col_index(const char *text)
{
    size_t n = strlen(text);
    if (n < 1 || n > 3) return -1;
    long col = 0;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') return -1;
        col = col * 26 + (c - 'A' + 1);
    }
    return col <= SHEET_MAX_COLS ? col - 1 : -1;
}

int sheet_is_zip(const void *data, size_t len)
{
    return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

/* ---- zip entries ---- */

static uint64_t entry_cap = SHEET_MAX_ENTRY;

void sheet_limit_entry(uint64_t bytes)
{
    entry_cap = bytes ? bytes : SHEET_MAX_ENTRY;
}

int sheet_open_entry(Sheet *sh, const char *entry, int required, PokErr *err)
{
    sh->zf = zip_fopen(sh->zip, entry, 0);
    sh->entry = entry;
    sh->entry_read = 0;
    if (sh->zf) return 1;
    if (!required) return 0;
    return err_set(err, "%s: onderdeel %s ontbreekt; is dit een %s-bestand?", sh->name, entry,
                   sh->format);
}

void sheet_close_entry(Sheet *sh)
{
    if (sh->zf) zip_fclose(sh->zf);
    sh->zf = NULL;
}

/* Read the next chunk of the open entry: bytes read (0 at the end), or -1. */
long sheet_read_chunk(Sheet *sh, PokErr *err)
{
    zip_int64_t n = zip_fread(sh->zf, sh->chunk, sizeof sh->chunk);
    if (n < 0)
        return err_set(err, "%s: %s kan niet worden gelezen (zip: %s); is het bestand beschadigd?",
                       sh->name, sh->entry, zip_file_strerror(sh->zf));
    sh->entry_read += (uint64_t)n;
    if (sh->entry_read > entry_cap)
        return err_set(err, "%s: %s is uitgepakt groter dan %llu MB; dat is geen circulairetabel",
                       sh->name, sh->entry, (unsigned long long)(entry_cap >> 20));
    return (long)n;
}

static void XMLCALL reject_doctype(void *ud, const XML_Char *name, const XML_Char *sys,
                                   const XML_Char *pub, int internal)
{
    (void)name, (void)sys, (void)pub, (void)internal;
    sheet_fail(ud, "%s: %s bevat een DOCTYPE; dat hoort niet in een spreadsheet",
               ((Sheet *)ud)->name, ((Sheet *)ud)->entry);
}

XML_Parser sheet_new_parser(Sheet *sh, XML_StartElementHandler start, XML_EndElementHandler end,
                            XML_CharacterDataHandler text)
{
    XML_Parser p = XML_ParserCreateNS("UTF-8", '\x01');
    if (!p) {
        fprintf(stderr, "pok: geen geheugen\n");
        abort();
    }
    XML_SetUserData(p, sh);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, text);
    XML_SetStartDoctypeDeclHandler(p, reject_doctype);
    return p;
}

int sheet_xml_error(Sheet *sh, PokErr *err)
{
    if (sh->failed) return err_set(err, "%s", sh->perr.msg);
    return err_set(err, "%s: %s is geen geldige XML (regel %lu: %s)", sh->name, sh->entry,
                   (unsigned long)XML_GetCurrentLineNumber(sh->p),
                   XML_ErrorString(XML_GetErrorCode(sh->p)));
}

/* Parse a whole (small) entry with the given handlers. Returns 1, 0 when it is absent and
 * not required, -1 on error. */
int sheet_parse_entry(Sheet *sh, const char *entry, int required, XML_StartElementHandler start,
                      XML_EndElementHandler end, XML_CharacterDataHandler text, PokErr *err)
{
    int got = sheet_open_entry(sh, entry, required, err);
    if (got <= 0) return got;
    sh->p = sheet_new_parser(sh, start, end, text);
    int rc = 1;
    for (;;) {
        long n = sheet_read_chunk(sh, err);
        if (n < 0) {
            rc = -1;
            break;
        }
        if (XML_Parse(sh->p, sh->chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
            rc = sheet_xml_error(sh, err);
            break;
        }
        if (n == 0) break;
    }
    XML_ParserFree(sh->p);
    sh->p = NULL;
    sheet_close_entry(sh);
    return rc;
}

/* ---- the current row ---- */

/* Text of the cell being read (not of annotations or phonetic hints). */
void XMLCALL sheet_cell_chars(void *ud, const XML_Char *s, int len)
{
    Sheet *sh = ud;
    if (sh->in_text && !sh->ann_depth) sheet_append_text(sh, &sh->ctext, s, (size_t)len);
    if (sh->in_value) sheet_append_text(sh, &sh->cnum, s, (size_t)len);
}

void sheet_row_reset(Sheet *sh)
{
    buf_reset(&sh->pool);
    sh->ncols = 0;
    sh->row_has_content = 0;
}

static long pool_put(Sheet *sh, const char *s, size_t n)
{
    long off = (long)sh->pool.len;
    buf_append(&sh->pool, s, n);
    buf_append(&sh->pool, "", 1);
    return off;
}

/* Store the cell just read in column col (repeated: in the following columns too). */
void sheet_cell_commit(Sheet *sh, size_t col, size_t repeat)
{
    size_t tlen = sh->ctext.len;
    if (tlen == 0 && !sh->cnum_set) return;
    if (col >= SHEET_MAX_COLS || repeat > SHEET_MAX_COLS - col) {
        sheet_fail(sh, "%s: rij %ld heeft meer dan %d kolommen", sh->name, sh->row_no,
                   SHEET_MAX_COLS);
        return;
    }
    if (col + repeat > sh->cap_cols) {
        size_t cap = sh->cap_cols ? sh->cap_cols : 16;
        while (cap < col + repeat) cap *= 2;
        sh->toff = xrealloc(sh->toff, cap * sizeof *sh->toff);
        sh->noff = xrealloc(sh->noff, cap * sizeof *sh->noff);
        sh->cap_cols = cap;
    }
    for (size_t c = sh->ncols; c < col; c++) sh->toff[c] = sh->noff[c] = -1;
    const char *text = tlen ? sh->ctext.data : sh->cnum.data;
    size_t n = tlen ? tlen : sh->cnum.len;
    /* The cell's text as decoded: expat checked the encoding of the XML, this checks
     * what the text is (text.h; character references can still name control
     * characters) and its length. */
    TextScan scan;
    if (text && text_scan(text, n, text_max_chars(TEXT_LONG), &scan) != TEXT_OK) {
        char why[160], letters[8];
        text_describe(&scan, why, sizeof why);
        sheet_fail(sh, "%s: rij %ld, kolom %s: %s", sh->name, sh->row_no,
                   sheet_col_letters(col, letters), why);
        return;
    }
    for (size_t r = 0; r < repeat; r++) {
        sh->toff[col + r] = pool_put(sh, text ? text : "", text ? n : 0);
        sh->noff[col + r] = sh->cnum_set ? pool_put(sh, sh->cnum.data, sh->cnum.len) : -1;
    }
    if (col + repeat > sh->ncols) sh->ncols = col + repeat;
    sh->row_has_content = 1;
}

void sheet_cell_start(Sheet *sh)
{
    sh->in_cell = 1;
    sh->in_value = sh->in_text = sh->p_count = 0;
    buf_reset(&sh->ctext);
    buf_reset(&sh->cnum);
    sh->cnum_set = 0;
}

void sheet_append_text(Sheet *sh, Buf *b, const char *s, size_t n)
{
    if (b->len + n > SHEET_MAX_CELL) {
        sheet_fail(sh, "%s: rij %ld: een cel is langer dan %zu bytes", sh->name, sh->row_no,
                   SHEET_MAX_CELL);
        return;
    }
    buf_append(b, s, n);
}

/* A row is complete: hand it to the caller (the parser resumes on the next call). */
void sheet_row_end(Sheet *sh, long repeat)
{
    if (!sh->row_has_content) return;
    if (sh->row_no > SHEET_MAX_ROWS) {
        sheet_fail(sh, "%s: meer dan %d rijen", sh->name, SHEET_MAX_ROWS);
        return;
    }
    sh->repeat_left = repeat > 1 ? repeat - 1 : 0;
    XML_StopParser(sh->p, XML_TRUE);
}

/* ---- opening ---- */

Sheet *sheet_open_mem(const char *name, const void *data, size_t len, const char *which,
                      PokErr *err)
{
    if (!sheet_is_zip(data, len)) {
        if (len >= 4 && memcmp(data, "\xd0\xcf\x11\xe0", 4) == 0)
            err_set(err, "%s is een oud Excel-bestand (.xls); sla het op als .xlsx of .ods", name);
        else
            err_set(err, "%s is geen xlsx- of ods-bestand (geen zip-archief)", name);
        return NULL;
    }
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
    zip_t *zip = src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : NULL;
    if (!zip) {
        err_set(err, "%s is beschadigd: geen leesbaar zip-archief (%s)", name,
                zip_error_strerror(&zerr));
        if (src) zip_source_free(src);
        zip_error_fini(&zerr);
        return NULL;
    }
    zip_error_fini(&zerr);
    Sheet *sh = xcalloc(1, sizeof *sh);
    sh->name = xstrdup(name);
    sh->zip = zip;
    int rc;
    if (zip_name_locate(zip, "xl/workbook.xml", 0) >= 0) {
        sh->format = "xlsx";
        rc = sheet_xlsx_open(sh, which, err);
    } else if (zip_name_locate(zip, "content.xml", 0) >= 0) {
        sh->format = "ods";
        rc = sheet_ods_open(sh, which, err);
    } else {
        rc = err_set(err, "%s is een zip-archief maar geen spreadsheet (geen xlsx of ods)", name);
    }
    if (rc != 0) {
        sheet_close(sh);
        return NULL;
    }
    return sh;
}

Sheet *sheet_open(const char *path, const char *which, PokErr *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        err_set(err, "%s kan niet worden geopend: %s", path, strerror(errno));
        return NULL;
    }
    Buf b = {0};
    char tmp[CHUNK];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (b.len + n > MAX_FILE) {
            fclose(f);
            buf_free(&b);
            err_set(err, "%s is groter dan %zu MB; dat is geen circulairetabel", path,
                    MAX_FILE >> 20);
            return NULL;
        }
        buf_append(&b, tmp, n);
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        buf_free(&b);
        err_set(err, "%s kan niet worden gelezen", path);
        return NULL;
    }
    Sheet *sh = sheet_open_mem(path, b.data ? b.data : "", b.len, which, err);
    if (!sh) {
        buf_free(&b);
        return NULL;
    }
    sh->data = (unsigned char *)b.data;
    return sh;
}

void sheet_close(Sheet *sh)
{
    if (!sh) return;
    if (sh->p) XML_ParserFree(sh->p);
    sheet_close_entry(sh);
    if (sh->zip) zip_discard(sh->zip);
    free(sh->data);
    free(sh->name);
    free(sh->title);
    free(sh->sst);
    free(sh->toff);
    free(sh->noff);
    arena_free(&sh->arena);
    buf_free(&sh->pool);
    buf_free(&sh->ctext);
    buf_free(&sh->cnum);
    buf_free(&sh->names);
    free(sh);
}

/* ---- rows ---- */

static int at_end(Sheet *sh, PokErr *err)
{
    sh->done = 1;
    if (!strcmp(sh->format, "ods") && !sh->found) {
        err_set(err, "%s: geen werkblad '%s' (wel: %s)", sh->name, sh->title,
                sh->names.len ? sh->names.data : "geen");
        sh->failed = 1;
        snprintf(sh->perr.msg, sizeof sh->perr.msg, "%s", err ? err->msg : "");
        return -1;
    }
    return 0;
}

int sheet_next(Sheet *sh, PokErr *err)
{
    if (sh->repeat_left > 0) { /* an ods row repeated: the same cells once more */
        sh->repeat_left--;
        sh->row_no++;
        return 1;
    }
    for (;;) {
        if (sh->failed) return err_set(err, "%s", sh->perr.msg);
        if (sh->done) return 0;
        enum XML_Status st;
        if (sh->suspended) {
            st = XML_ResumeParser(sh->p);
        } else if (sh->final_fed) {
            return at_end(sh, err);
        } else {
            long n = sheet_read_chunk(sh, err);
            if (n < 0) {
                sh->failed = 1;
                snprintf(sh->perr.msg, sizeof sh->perr.msg, "%s", err ? err->msg : "");
                return -1;
            }
            sh->final_fed = n == 0;
            st = XML_Parse(sh->p, sh->chunk, (int)n, n == 0);
        }
        sh->suspended = st == XML_STATUS_SUSPENDED;
        if (st == XML_STATUS_SUSPENDED) return 1; /* a row ended */
        if (st == XML_STATUS_ERROR) {
            if (sh->done && !sh->failed) return 0; /* stopped at the end of the sheet */
            sheet_xml_error(sh, err);
            sh->failed = 1;
            snprintf(sh->perr.msg, sizeof sh->perr.msg, "%s", err ? err->msg : "");
            return -1;
        }
    }
}

long sheet_row(const Sheet *sh)
{
    return sh->row_no;
}

size_t sheet_ncols(const Sheet *sh)
{
    return sh->ncols;
}

const char *sheet_text(const Sheet *sh, size_t col)
{
    if (col >= sh->ncols || sh->toff[col] < 0) return "";
    return sh->pool.data + sh->toff[col];
}

const char *sheet_number(const Sheet *sh, size_t col)
{
    if (col >= sh->ncols || sh->noff[col] < 0) return NULL;
    return sh->pool.data + sh->noff[col];
}

const char *sheet_name(const Sheet *sh)
{
    return sh->name;
}

const char *sheet_title(const Sheet *sh)
{
    return sh->title;
}

const char *sheet_format(const Sheet *sh)
{
    return sh->format;
}
