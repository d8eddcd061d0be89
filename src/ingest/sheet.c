/* sheet.c: read one worksheet of an .xlsx (Office Open XML) or .ods (OpenDocument) file.
 * libzip reads the zip entries in chunks, expat streams the XML; the sheet parser is
 * suspended at the end of every row, so a caller sees one row at a time. */
#include "sheet.h"

#include "../money.h"

#include <errno.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#define CHUNK 65536
#define MAX_FILE ((size_t)200 << 20) /* the compressed file itself */

struct Sheet {
    char *name;          /* for messages */
    char *title;         /* the worksheet's name */
    const char *format;  /* "xlsx" or "ods" */
    unsigned char *data; /* the file, when sheet_open read it */
    zip_t *zip;
    zip_file_t *zf;      /* the sheet entry, while streaming */
    const char *entry;   /* its name, for messages */
    uint64_t entry_read; /* uncompressed bytes read so far */
    XML_Parser p;
    char chunk[CHUNK];
    int suspended, final_fed, done, failed;
    PokErr perr; /* a message set inside an expat handler */

    /* xlsx shared strings */
    char **sst;
    size_t n_sst, cap_sst;
    Arena arena; /* shared strings, names */

    /* the row being built and, once complete, the current row */
    Buf pool;          /* cell texts and numbers, NUL-terminated */
    long *toff, *noff; /* offsets into pool per column; -1 = empty / not numeric */
    size_t ncols, cap_cols;
    long row_no, next_row, repeat_left, row_repeat;
    int row_has_content;

    /* the cell being read */
    int in_cell, in_value, in_text, ann_depth, rph_depth, p_count;
    size_t col, cell_repeat;
    char cell_type[16];
    Buf ctext, cnum;
    int cnum_set;

    /* ods: which table, and the names seen */
    const char *want;
    long want_index, table_index;
    int table_depth, in_target, found;
    Buf names;
    void *book; /* xlsx: the workbook's sheets while the workbook parts are read */
};

/* ---- small helpers ---- */

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

static void fail(Sheet *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(Sheet *sh, const char *fmt, ...)
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

/* ---- exact decimal to cents ---- */

int sheet_decimal_cents(const char *text, int scale10, int64_t *cents, int *inexact,
                        const char **reason)
{
    const char *p = text;
    int neg = 0;
    if (*p == '-' || *p == '+') neg = *p++ == '-';
    char digits[64];
    int nd = 0, frac = 0, seen_dot = 0, any = 0;
    for (; (*p >= '0' && *p <= '9') || *p == '.'; p++) {
        if (*p == '.') {
            if (seen_dot) goto bad;
            seen_dot = 1;
            continue;
        }
        any = 1;
        if (nd == 0 && *p == '0' && !seen_dot) continue; /* leading zeros of the integer */
        if (nd >= (int)sizeof digits) goto bad;
        digits[nd++] = (char)(*p - '0');
        if (seen_dot) frac++;
    }
    if (!any) goto bad;
    long exp = 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        int eneg = 0;
        if (*p == '-' || *p == '+') eneg = *p++ == '-';
        if (*p < '0' || *p > '9') goto bad;
        for (; *p >= '0' && *p <= '9'; p++)
            if (exp < 100000) exp = exp * 10 + (*p - '0');
        if (eneg) exp = -exp;
    }
    if (*p) goto bad;
    long shift = exp - frac + 2 + scale10; /* value in cents = digits x 10^shift */
    int64_t v = 0;
    long keep = shift < 0 ? nd + shift : nd;
    for (long i = 0; i < keep && i < nd; i++) {
        v = v * 10 + digits[i];
        if (v > MONEY_MAX_CENTS) goto big;
    }
    if (shift > 0 && v > 0) {
        for (long k = 0; k < shift; k++) {
            v *= 10;
            if (v > MONEY_MAX_CENTS) goto big;
        }
    }
    if (shift < 0 && keep >= 0 && keep < nd && digits[keep] >= 5) v++; /* half away from 0 */
    int dropped = 0;
    for (long i = keep < 0 ? 0 : keep; shift < 0 && i < nd; i++) dropped |= digits[i] != 0;
    if (inexact) *inexact = dropped;
    if (v > MONEY_MAX_CENTS) goto big;
    *cents = neg ? -v : v;
    return 0;
bad:
    *reason = "verwacht een getal zoals 52500 of 52500.5";
    return -1;
big:
    *reason = "bedrag te groot";
    return -1;
}

/* ---- zip entries ---- */

static uint64_t entry_cap = SHEET_MAX_ENTRY;

void sheet_limit_entry(uint64_t bytes)
{
    entry_cap = bytes ? bytes : SHEET_MAX_ENTRY;
}

static int open_entry(Sheet *sh, const char *entry, int required, PokErr *err)
{
    sh->zf = zip_fopen(sh->zip, entry, 0);
    sh->entry = entry;
    sh->entry_read = 0;
    if (sh->zf) return 1;
    if (!required) return 0;
    return err_set(err, "%s: onderdeel %s ontbreekt; is dit een %s-bestand?", sh->name, entry,
                   sh->format);
}

static void close_entry(Sheet *sh)
{
    if (sh->zf) zip_fclose(sh->zf);
    sh->zf = NULL;
}

/* Read the next chunk of the open entry: bytes read (0 at the end), or -1. */
static long read_chunk(Sheet *sh, PokErr *err)
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
    fail(ud, "%s: %s bevat een DOCTYPE; dat hoort niet in een spreadsheet", ((Sheet *)ud)->name,
         ((Sheet *)ud)->entry);
}

static XML_Parser new_parser(Sheet *sh, XML_StartElementHandler start, XML_EndElementHandler end,
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

static int xml_error(Sheet *sh, PokErr *err)
{
    if (sh->failed) return err_set(err, "%s", sh->perr.msg);
    return err_set(err, "%s: %s is geen geldige XML (regel %lu: %s)", sh->name, sh->entry,
                   (unsigned long)XML_GetCurrentLineNumber(sh->p),
                   XML_ErrorString(XML_GetErrorCode(sh->p)));
}

/* Parse a whole (small) entry with the given handlers. Returns 1, 0 when it is absent and
 * not required, -1 on error. */
static int parse_entry(Sheet *sh, const char *entry, int required, XML_StartElementHandler start,
                       XML_EndElementHandler end, XML_CharacterDataHandler text, PokErr *err)
{
    int got = open_entry(sh, entry, required, err);
    if (got <= 0) return got;
    sh->p = new_parser(sh, start, end, text);
    int rc = 1;
    for (;;) {
        long n = read_chunk(sh, err);
        if (n < 0) {
            rc = -1;
            break;
        }
        if (XML_Parse(sh->p, sh->chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
            rc = xml_error(sh, err);
            break;
        }
        if (n == 0) break;
    }
    XML_ParserFree(sh->p);
    sh->p = NULL;
    close_entry(sh);
    return rc;
}

/* ---- the current row ---- */

static void row_reset(Sheet *sh)
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
static void cell_commit(Sheet *sh, size_t col, size_t repeat)
{
    size_t tlen = sh->ctext.len;
    if (tlen == 0 && !sh->cnum_set) return;
    if (col >= SHEET_MAX_COLS || repeat > SHEET_MAX_COLS - col) {
        fail(sh, "%s: rij %ld heeft meer dan %d kolommen", sh->name, sh->row_no, SHEET_MAX_COLS);
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
    for (size_t r = 0; r < repeat; r++) {
        sh->toff[col + r] = pool_put(sh, text ? text : "", text ? n : 0);
        sh->noff[col + r] = sh->cnum_set ? pool_put(sh, sh->cnum.data, sh->cnum.len) : -1;
    }
    if (col + repeat > sh->ncols) sh->ncols = col + repeat;
    sh->row_has_content = 1;
}

static void cell_start(Sheet *sh)
{
    sh->in_cell = 1;
    sh->in_value = sh->in_text = sh->p_count = 0;
    buf_reset(&sh->ctext);
    buf_reset(&sh->cnum);
    sh->cnum_set = 0;
}

static void append_text(Sheet *sh, Buf *b, const char *s, size_t n)
{
    if (b->len + n > SHEET_MAX_CELL) {
        fail(sh, "%s: rij %ld: een cel is langer dan %zu bytes", sh->name, sh->row_no,
             SHEET_MAX_CELL);
        return;
    }
    buf_append(b, s, n);
}

/* A row is complete: hand it to the caller (the parser resumes on the next call). */
static void row_end(Sheet *sh, long repeat)
{
    if (!sh->row_has_content) return;
    if (sh->row_no > SHEET_MAX_ROWS) {
        fail(sh, "%s: meer dan %d rijen", sh->name, SHEET_MAX_ROWS);
        return;
    }
    sh->repeat_left = repeat > 1 ? repeat - 1 : 0;
    XML_StopParser(sh->p, XML_TRUE);
}

/* ---- xlsx ---- */

typedef struct XlsxBook {
    char **names, **rids;
    size_t n, cap;
    char *target; /* the chosen sheet's rel id, then its part */
} XlsxBook;

static XlsxBook *book_of(Sheet *sh)
{
    return sh->book;
}

static void XMLCALL workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Sheet *sh = ud;
    if (strcmp(local_name(name), "sheet") != 0) return;
    XlsxBook *b = book_of(sh);
    const char *n = attr(atts, "name"), *rid = attr(atts, "id");
    if (!n || !rid) return;
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 8;
        b->names = xrealloc(b->names, b->cap * sizeof *b->names);
        b->rids = xrealloc(b->rids, b->cap * sizeof *b->rids);
    }
    b->names[b->n] = arena_strdup(&sh->arena, n);
    b->rids[b->n] = arena_strdup(&sh->arena, rid);
    b->n++;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Sheet *sh = ud;
    if (strcmp(local_name(name), "Relationship") != 0) return;
    XlsxBook *b = book_of(sh);
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
    if (!id || !target || !b->target || strcmp(id, b->target) != 0) return;
    /* Targets are relative to xl/, or absolute from the package root. */
    b->target = target[0] == '/' ? arena_strdup(&sh->arena, target + 1)
                                 : arena_printf(&sh->arena, "xl/%s", target);
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

static void XMLCALL no_text(void *ud, const XML_Char *s, int len)
{
    (void)ud, (void)s, (void)len;
}

/* Shared strings: <si> holds <t>, or runs <r><t>; phonetic hints <rPh> are not text. */
static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    Sheet *sh = ud;
    const char *l = local_name(name);
    if (strcmp(l, "si") == 0) {
        sh->in_cell = 1;
        buf_reset(&sh->ctext);
    } else if (strcmp(l, "rPh") == 0) {
        sh->rph_depth++;
    } else if (strcmp(l, "t") == 0 && sh->in_cell && !sh->rph_depth) {
        sh->in_text = 1;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    Sheet *sh = ud;
    const char *l = local_name(name);
    if (strcmp(l, "t") == 0) {
        sh->in_text = 0;
    } else if (strcmp(l, "rPh") == 0) {
        sh->rph_depth--;
    } else if (strcmp(l, "si") == 0) {
        sh->in_cell = 0;
        if (sh->n_sst == sh->cap_sst) {
            sh->cap_sst = sh->cap_sst ? sh->cap_sst * 2 : 64;
            sh->sst = xrealloc(sh->sst, sh->cap_sst * sizeof *sh->sst);
        }
        char *s = arena_alloc(&sh->arena, sh->ctext.len + 1);
        if (sh->ctext.len) memcpy(s, sh->ctext.data, sh->ctext.len);
        sh->sst[sh->n_sst++] = s;
    }
}

static void XMLCALL cell_chars(void *ud, const XML_Char *s, int len)
{
    Sheet *sh = ud;
    if (sh->in_text && !sh->ann_depth) append_text(sh, &sh->ctext, s, (size_t)len);
    if (sh->in_value) append_text(sh, &sh->cnum, s, (size_t)len);
}

/* "AB12" -> column 27; -1 when malformed. */
static long ref_col(const char *ref)
{
    char letters[4];
    size_t n = 0;
    while (n < 3 && ((ref[n] >= 'A' && ref[n] <= 'Z') || (ref[n] >= 'a' && ref[n] <= 'z'))) {
        letters[n] = ref[n];
        n++;
    }
    letters[n] = '\0';
    return sheet_col_index(letters);
}

static void XMLCALL xlsx_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Sheet *sh = ud;
    const char *l = local_name(name);
    if (strcmp(l, "row") == 0) {
        row_reset(sh);
        const char *r = attr(atts, "r");
        long long n;
        if (!r) {
            sh->row_no++;
        } else if (parse_int(r, sh->row_no + 1, SHEET_MAX_ROWS, &n) == 0) {
            sh->row_no = (long)n;
        } else { /* rows come in ascending order; a number out of order is a broken file */
            fail(sh, "%s: rij '%s' na rij %ld: ongeldig rijnummer", sh->name, r, sh->row_no);
            return;
        }
        sh->col = 0;
    } else if (strcmp(l, "c") == 0) {
        cell_start(sh);
        const char *r = attr(atts, "r"), *t = attr(atts, "t");
        if (r) {
            long c = ref_col(r);
            if (c < 0) {
                fail(sh, "%s: rij %ld: ongeldige celverwijzing '%s'", sh->name, sh->row_no, r);
                return;
            }
            sh->col = (size_t)c;
        }
        snprintf(sh->cell_type, sizeof sh->cell_type, "%s", t ? t : "n");
    } else if (strcmp(l, "v") == 0 && sh->in_cell) {
        sh->in_value = 1;
    } else if (strcmp(l, "rPh") == 0) {
        sh->ann_depth++; /* phonetic hints are not part of the text */
    } else if (strcmp(l, "t") == 0 && sh->in_cell) {
        sh->in_text = 1; /* inline string */
    }
}

static void xlsx_cell_end(Sheet *sh)
{
    sh->in_cell = 0;
    const char *t = sh->cell_type;
    if (strcmp(t, "s") == 0 && sh->cnum.len == 0) {
        buf_reset(&sh->ctext); /* no index: an empty cell */
    } else if (strcmp(t, "s") == 0) {
        buf_append(&sh->cnum, "", 1);
        long long idx;
        if (parse_int(sh->cnum.data, 0, (long long)sh->n_sst - 1, &idx) != 0) {
            fail(sh, "%s: rij %ld: verwijzing naar een onbekende gedeelde tekst '%s'", sh->name,
                 sh->row_no, sh->cnum.data);
            return;
        }
        buf_reset(&sh->ctext);
        buf_puts(&sh->ctext, sh->sst[idx]);
        buf_reset(&sh->cnum);
    } else if (strcmp(t, "inlineStr") == 0) {
        buf_reset(&sh->cnum);
    } else if (strcmp(t, "n") == 0) {
        sh->cnum_set = sh->cnum.len > 0;
        buf_reset(&sh->ctext);
    } else { /* str (formula text), b, e, d: the value as text */
        buf_reset(&sh->ctext);
        if (sh->cnum.len) buf_append(&sh->ctext, sh->cnum.data, sh->cnum.len);
        buf_reset(&sh->cnum);
    }
    cell_commit(sh, sh->col, 1);
    sh->col++;
}

static void XMLCALL xlsx_end(void *ud, const XML_Char *name)
{
    Sheet *sh = ud;
    const char *l = local_name(name);
    if (strcmp(l, "c") == 0 && sh->in_cell) {
        xlsx_cell_end(sh);
    } else if (strcmp(l, "v") == 0) {
        sh->in_value = 0;
    } else if (strcmp(l, "t") == 0) {
        sh->in_text = 0;
    } else if (strcmp(l, "rPh") == 0) {
        sh->ann_depth--;
    } else if (strcmp(l, "row") == 0) {
        row_end(sh, 1);
    } else if (strcmp(l, "sheetData") == 0) {
        sh->done = 1;
        XML_StopParser(sh->p, XML_FALSE);
    }
}

static int list_names(Sheet *sh, char **names, size_t n, PokErr *err)
{
    Buf b = {0};
    for (size_t i = 0; i < n; i++) buf_printf(&b, "%s'%s'", i ? ", " : "", names[i]);
    err_set(err, "%s: geen werkblad '%s' (wel: %s)", sh->name, sh->title, b.data ? b.data : "geen");
    buf_free(&b);
    return -1;
}

static int xlsx_open(Sheet *sh, const char *which, PokErr *err)
{
    XlsxBook book = {0};
    sh->book = &book;
    int rc = parse_entry(sh, "xl/workbook.xml", 1, workbook_start, no_end, no_text, err);
    size_t pick = book.n;
    if (rc > 0) {
        long long idx;
        if (!which)
            pick = 0;
        else if (parse_int(which, 1, (long long)book.n, &idx) == 0)
            pick = (size_t)idx - 1;
        else
            for (pick = 0; pick < book.n && strcmp(book.names[pick], which) != 0; pick++) continue;
        if (pick >= book.n) {
            sh->title = xstrdup(which ? which : "1");
            rc = list_names(sh, book.names, book.n, err);
        }
    }
    if (rc > 0) {
        sh->title = xstrdup(book.names[pick]);
        book.target = book.rids[pick];
        rc = parse_entry(sh, "xl/_rels/workbook.xml.rels", 1, rels_start, no_end, no_text, err);
        if (rc > 0 && book.target == book.rids[pick])
            rc = err_set(err, "%s: werkblad '%s' verwijst naar een onbekend onderdeel", sh->name,
                         sh->title);
    }
    if (rc > 0)
        rc = parse_entry(sh, "xl/sharedStrings.xml", 0, sst_start, sst_end, cell_chars, err);
    sh->in_cell = sh->in_text = 0;
    char *target = rc >= 0 ? book.target : NULL;
    free(book.names);
    free(book.rids);
    sh->book = NULL;
    if (rc < 0) return -1;
    if (open_entry(sh, target, 1, err) <= 0) return -1;
    sh->p = new_parser(sh, xlsx_start, xlsx_end, cell_chars);
    return 0;
}

/* ---- ods ---- */

static int is_target_table(Sheet *sh, const char *name)
{
    if (!sh->want) return sh->table_index == 1;
    if (sh->want_index > 0) return sh->table_index == sh->want_index;
    return name && strcmp(name, sh->want) == 0;
}

static long repeat_attr(const char **atts, const char *local, long max)
{
    const char *r = attr(atts, local);
    long long n;
    if (!r || parse_int(r, 1, max, &n) != 0) return 1;
    return (long)n;
}

static void XMLCALL ods_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Sheet *sh = ud;
    const char *l = local_name(name);
    if (strcmp(l, "table") == 0 && strstr(name, ":table:")) {
        if (sh->table_depth++ > 0) return; /* a table inside a cell: not a sheet */
        sh->table_index++;
        const char *tn = attr(atts, "name");
        buf_printf(&sh->names, "%s'%s'", sh->names.len ? ", " : "", tn ? tn : "");
        if (!sh->found && is_target_table(sh, tn)) {
            sh->found = sh->in_target = 1;
            free(sh->title);
            sh->title = xstrdup(tn ? tn : "");
            sh->next_row = 1;
        }
        return;
    }
    if (!sh->in_target || sh->table_depth != 1) return;
    if (strcmp(l, "annotation") == 0) {
        sh->ann_depth++;
    } else if (strcmp(l, "table-row") == 0) {
        row_reset(sh);
        sh->row_no = sh->next_row;
        long rep = repeat_attr(atts, "number-rows-repeated", SHEET_MAX_ROWS);
        sh->next_row += rep;
        sh->row_repeat = rep;
        sh->col = 0;
    } else if (strcmp(l, "table-cell") == 0 || strcmp(l, "covered-table-cell") == 0) {
        cell_start(sh);
        const char *type = attr(atts, "value-type"), *value = attr(atts, "value");
        if (type && value &&
            (!strcmp(type, "float") || !strcmp(type, "currency") || !strcmp(type, "percentage"))) {
            buf_puts(&sh->cnum, value);
            sh->cnum_set = 1;
        }
        sh->cell_repeat = (size_t)repeat_attr(atts, "number-columns-repeated", SHEET_MAX_COLS);
    } else if (strcmp(l, "p") == 0 && sh->in_cell && !sh->ann_depth) {
        if (sh->p_count++) append_text(sh, &sh->ctext, "\n", 1);
        sh->in_text++;
    } else if (strcmp(l, "s") == 0 && sh->in_text && !sh->ann_depth) {
        long n = repeat_attr(atts, "c", 1000);
        for (long i = 0; i < n; i++) append_text(sh, &sh->ctext, " ", 1);
    } else if (strcmp(l, "tab") == 0 && sh->in_text && !sh->ann_depth) {
        append_text(sh, &sh->ctext, "\t", 1);
    } else if (strcmp(l, "line-break") == 0 && sh->in_text && !sh->ann_depth) {
        append_text(sh, &sh->ctext, "\n", 1);
    }
}

static void XMLCALL ods_end(void *ud, const XML_Char *name)
{
    Sheet *sh = ud;
    const char *l = local_name(name);
    if (strcmp(l, "table") == 0 && strstr(name, ":table:")) {
        if (--sh->table_depth == 0 && sh->in_target) {
            sh->in_target = 0;
            sh->done = 1; /* the rest of the document holds other sheets */
            XML_StopParser(sh->p, XML_FALSE);
        }
        return;
    }
    if (!sh->in_target || sh->table_depth != 1) return;
    if (strcmp(l, "annotation") == 0) {
        sh->ann_depth--;
    } else if (strcmp(l, "p") == 0 && sh->in_text) {
        sh->in_text--;
    } else if ((strcmp(l, "table-cell") == 0 || strcmp(l, "covered-table-cell") == 0) &&
               sh->in_cell) {
        sh->in_cell = 0;
        size_t rep = sh->cell_repeat;
        cell_commit(sh, sh->col, rep);
        sh->col = sh->col + rep > SHEET_MAX_COLS ? SHEET_MAX_COLS : sh->col + rep;
    } else if (strcmp(l, "table-row") == 0) {
        row_end(sh, sh->row_repeat);
    }
}

static int ods_open(Sheet *sh, const char *which, PokErr *err)
{
    /* The mimetype entry says which OpenDocument this is (a text document is no sheet). */
    if (open_entry(sh, "mimetype", 0, err) > 0) {
        long n = read_chunk(sh, err);
        close_entry(sh);
        if (n < 0) return -1;
        if (!memmem(sh->chunk, (size_t)n, "spreadsheet", 11))
            return err_set(err, "%s is een OpenDocument-bestand maar geen spreadsheet (.ods)",
                           sh->name);
    }
    long long idx;
    sh->want = which;
    sh->want_index = which && parse_int(which, 1, 100000, &idx) == 0 ? (long)idx : 0;
    if (open_entry(sh, "content.xml", 1, err) <= 0) return -1;
    sh->p = new_parser(sh, ods_start, ods_end, cell_chars);
    sh->title = xstrdup(which ? which : "1");
    return 0;
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
        rc = xlsx_open(sh, which, err);
    } else if (zip_name_locate(zip, "content.xml", 0) >= 0) {
        sh->format = "ods";
        rc = ods_open(sh, which, err);
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
    close_entry(sh);
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
            long n = read_chunk(sh, err);
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
            xml_error(sh, err);
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
