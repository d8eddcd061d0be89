/* sheet_xlsx.c: the Office Open XML side of the sheet reader: xl/workbook.xml names the
 * sheets, xl/_rels/workbook.xml.rels points to the sheet's part, xl/sharedStrings.xml
 * holds the texts cells refer to, and the sheet's rows are sparse (cells carry "AB12"). */
#include "sheet_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    if (strcmp(sheet_local_name(name), "sheet") != 0) return;
    XlsxBook *b = book_of(sh);
    const char *n = sheet_attr(atts, "name"), *rid = sheet_attr(atts, "id");
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
    if (strcmp(sheet_local_name(name), "Relationship") != 0) return;
    XlsxBook *b = book_of(sh);
    const char *id = sheet_attr(atts, "Id"), *target = sheet_attr(atts, "Target");
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
    const char *l = sheet_local_name(name);
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
    const char *l = sheet_local_name(name);
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
    const char *l = sheet_local_name(name);
    if (strcmp(l, "row") == 0) {
        sheet_row_reset(sh);
        const char *r = sheet_attr(atts, "r");
        long long n;
        if (!r) {
            sh->row_no++;
        } else if (parse_int(r, sh->row_no + 1, SHEET_MAX_ROWS, &n) == 0) {
            sh->row_no = (long)n;
        } else { /* rows come in ascending order; a number out of order is a broken file */
            sheet_fail(sh, "%s: rij '%s' na rij %ld: ongeldig rijnummer", sh->name, r, sh->row_no);
            return;
        }
        sh->col = 0;
    } else if (strcmp(l, "c") == 0) {
        sheet_cell_start(sh);
        const char *r = sheet_attr(atts, "r"), *t = sheet_attr(atts, "t");
        if (r) {
            long c = ref_col(r);
            if (c < 0) {
                sheet_fail(sh, "%s: rij %ld: ongeldige celverwijzing '%s'", sh->name, sh->row_no,
                           r);
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
            sheet_fail(sh, "%s: rij %ld: verwijzing naar een onbekende gedeelde tekst '%s'",
                       sh->name, sh->row_no, sh->cnum.data);
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
    sheet_cell_commit(sh, sh->col, 1);
    sh->col++;
}

static void XMLCALL xlsx_end(void *ud, const XML_Char *name)
{
    Sheet *sh = ud;
    const char *l = sheet_local_name(name);
    if (strcmp(l, "c") == 0 && sh->in_cell) {
        xlsx_cell_end(sh);
    } else if (strcmp(l, "v") == 0) {
        sh->in_value = 0;
    } else if (strcmp(l, "t") == 0) {
        sh->in_text = 0;
    } else if (strcmp(l, "rPh") == 0) {
        sh->ann_depth--;
    } else if (strcmp(l, "row") == 0) {
        sheet_row_end(sh, 1);
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

int sheet_xlsx_open(Sheet *sh, const char *which, PokErr *err)
{
    XlsxBook book = {0};
    sh->book = &book;
    int rc = sheet_parse_entry(sh, "xl/workbook.xml", 1, workbook_start, no_end, no_text, err);
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
        rc = sheet_parse_entry(sh, "xl/_rels/workbook.xml.rels", 1, rels_start, no_end, no_text,
                               err);
        if (rc > 0 && book.target == book.rids[pick])
            rc = err_set(err, "%s: werkblad '%s' verwijst naar een onbekend onderdeel", sh->name,
                         sh->title);
    }
    if (rc > 0)
        rc = sheet_parse_entry(sh, "xl/sharedStrings.xml", 0, sst_start, sst_end, sheet_cell_chars,
                               err);
    sh->in_cell = sh->in_text = 0;
    char *target = rc >= 0 ? book.target : NULL;
    free(book.names);
    free(book.rids);
    sh->book = NULL;
    if (rc < 0) return -1;
    if (sheet_open_entry(sh, target, 1, err) <= 0) return -1;
    sh->p = sheet_new_parser(sh, xlsx_start, xlsx_end, sheet_cell_chars);
    return 0;
}
