/* sheet_internal.h: what the sheet reader's files share: the reader's state, the zip
 * and expat plumbing (sheet.c) and the row being built; sheet_xlsx.c and sheet_ods.c
 * hold the handlers of each format. */
#ifndef POK_SHEET_INTERNAL_H
#define POK_SHEET_INTERNAL_H

#include "sheet.h"

#include <expat.h>
#include <zip.h>

#define CHUNK 65536

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

/* Names come from a namespace-aware parser as "URI\x01local"; attribute by local name. */
const char *sheet_local_name(const char *name);
const char *sheet_attr(const char **atts, const char *local);
/* Stop the parser with a message (the first one wins). */
void sheet_fail(Sheet *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Zip entries: open (1, or 0 when absent and not required, or -1), read the next chunk
 * into sh->chunk (bytes, 0 at the end, -1; capped against zip bombs), close. */
int sheet_open_entry(Sheet *sh, const char *entry, int required, PokErr *err);
void sheet_close_entry(Sheet *sh);
long sheet_read_chunk(Sheet *sh, PokErr *err);

/* An expat parser (namespaces split with \x01) that refuses a DOCTYPE. */
XML_Parser sheet_new_parser(Sheet *sh, XML_StartElementHandler start, XML_EndElementHandler end,
                            XML_CharacterDataHandler text);
int sheet_xml_error(Sheet *sh, PokErr *err);
/* Parse a whole (small) entry: 1, 0 when absent and not required, -1 on error. */
int sheet_parse_entry(Sheet *sh, const char *entry, int required, XML_StartElementHandler start,
                      XML_EndElementHandler end, XML_CharacterDataHandler text, PokErr *err);

/* The row being built: start it, start a cell, collect its text, store it in column col
 * (repeat times), and hand a complete row with content to the caller (the parser is
 * suspended; repeat > 1 hands the same row that many times). */
void sheet_row_reset(Sheet *sh);
void sheet_cell_start(Sheet *sh);
void XMLCALL sheet_cell_chars(void *ud, const XML_Char *s, int len);
void sheet_append_text(Sheet *sh, Buf *b, const char *s, size_t n);
void sheet_cell_commit(Sheet *sh, size_t col, size_t repeat);
void sheet_row_end(Sheet *sh, long repeat);

/* Choose the worksheet and start its parser (sh->p, sh->zf). */
int sheet_xlsx_open(Sheet *sh, const char *which, PokErr *err);
int sheet_ods_open(Sheet *sh, const char *which, PokErr *err);

#endif
