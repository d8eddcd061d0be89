/* sheet_ods.c: the OpenDocument side of the sheet reader: content.xml holds every
 * table; rows and cells may be repeated (number-rows/columns-repeated), merged cells
 * leave covered cells, and annotations are not cell text. */
#include "sheet_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- ods ---- */

static int is_target_table(Sheet *sh, const char *name)
{
    if (!sh->want) return sh->table_index == 1;
    if (sh->want_index > 0) return sh->table_index == sh->want_index;
    return name && strcmp(name, sh->want) == 0;
}

static long repeat_attr(const char **atts, const char *local, long max)
{
    const char *r = sheet_attr(atts, local);
    long long n;
    if (!r || parse_int(r, 1, max, &n) != 0) return 1;
    return (long)n;
}

static void XMLCALL ods_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Sheet *sh = ud;
    const char *l = sheet_local_name(name);
    if (strcmp(l, "table") == 0 && strstr(name, ":table:")) {
        if (sh->table_depth++ > 0) return; /* a table inside a cell: not a sheet */
        sh->table_index++;
        const char *tn = sheet_attr(atts, "name");
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
        sheet_row_reset(sh);
        sh->row_no = sh->next_row;
        long rep = repeat_attr(atts, "number-rows-repeated", SHEET_MAX_ROWS);
        sh->next_row += rep;
        sh->row_repeat = rep;
        sh->col = 0;
    } else if (strcmp(l, "table-cell") == 0 || strcmp(l, "covered-table-cell") == 0) {
        sheet_cell_start(sh);
        const char *type = sheet_attr(atts, "value-type"), *value = sheet_attr(atts, "value");
        if (type && value &&
            (!strcmp(type, "float") || !strcmp(type, "currency") || !strcmp(type, "percentage"))) {
            buf_puts(&sh->cnum, value);
            sh->cnum_set = 1;
        }
        sh->cell_repeat = (size_t)repeat_attr(atts, "number-columns-repeated", SHEET_MAX_COLS);
    } else if (strcmp(l, "p") == 0 && sh->in_cell && !sh->ann_depth) {
        if (sh->p_count++) sheet_append_text(sh, &sh->ctext, "\n", 1);
        sh->in_text++;
    } else if (strcmp(l, "s") == 0 && sh->in_text && !sh->ann_depth) {
        long n = repeat_attr(atts, "c", 1000);
        for (long i = 0; i < n; i++) sheet_append_text(sh, &sh->ctext, " ", 1);
    } else if (strcmp(l, "tab") == 0 && sh->in_text && !sh->ann_depth) {
        sheet_append_text(sh, &sh->ctext, "\t", 1);
    } else if (strcmp(l, "line-break") == 0 && sh->in_text && !sh->ann_depth) {
        sheet_append_text(sh, &sh->ctext, "\n", 1);
    }
}

static void XMLCALL ods_end(void *ud, const XML_Char *name)
{
    Sheet *sh = ud;
    const char *l = sheet_local_name(name);
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
        sheet_cell_commit(sh, sh->col, rep);
        sh->col = sh->col + rep > SHEET_MAX_COLS ? SHEET_MAX_COLS : sh->col + rep;
    } else if (strcmp(l, "table-row") == 0) {
        sheet_row_end(sh, sh->row_repeat);
    }
}

int sheet_ods_open(Sheet *sh, const char *which, PokErr *err)
{
    /* The mimetype entry says which OpenDocument this is (a text document is no sheet). */
    if (sheet_open_entry(sh, "mimetype", 0, err) > 0) {
        long n = sheet_read_chunk(sh, err);
        sheet_close_entry(sh);
        if (n < 0) return -1;
        if (!memmem(sh->chunk, (size_t)n, "spreadsheet", 11))
            return err_set(err, "%s is een OpenDocument-bestand maar geen spreadsheet (.ods)",
                           sh->name);
    }
    long long idx;
    sh->want = which;
    sh->want_index = which && parse_int(which, 1, 100000, &idx) == 0 ? (long)idx : 0;
    if (sheet_open_entry(sh, "content.xml", 1, err) <= 0) return -1;
    sh->p = sheet_new_parser(sh, ods_start, ods_end, sheet_cell_chars);
    sh->title = xstrdup(which ? which : "1");
    return 0;
}
