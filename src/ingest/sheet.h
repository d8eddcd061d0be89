/* sheet.h: one worksheet of an .xlsx or .ods file, row by row. The zip entries are read
 * in chunks and the sheet XML is streamed through expat (no DOM), so memory follows the
 * widest row and the shared strings, not the size of the sheet. */
#ifndef POK_SHEET_H
#define POK_SHEET_H

#include "../util.h"

#include <stddef.h>
#include <stdint.h>

/* Hard caps: a sheet beyond these is not a circulaire table but a broken or hostile
 * file (zip bomb). */
#define SHEET_MAX_ENTRY ((uint64_t)200 << 20) /* uncompressed bytes read per zip entry */
#define SHEET_MAX_COLS 16384                  /* Excel's limit (column XFD) */
#define SHEET_MAX_ROWS 1048576                /* Excel's limit */
#define SHEET_MAX_CELL ((size_t)1 << 20)      /* text of one cell */

typedef struct Sheet Sheet;

/* Open worksheet `which` of a spreadsheet: its name, or a 1-based number ("2"); NULL is
 * the first sheet. The format (xlsx or ods) is taken from the content, not the name.
 * Returns NULL with a Dutch message in err: not a zip archive, a damaged one, no
 * spreadsheet, or an unknown sheet (the message lists the sheets there are). */
Sheet *sheet_open(const char *path, const char *which, PokErr *err);
/* The same on bytes in memory (not copied; they must outlive the sheet). */
Sheet *sheet_open_mem(const char *name, const void *data, size_t len, const char *which,
                      PokErr *err);
void sheet_close(Sheet *sh);

/* The next row that has at least one non-empty cell: 1 a row, 0 the end, -1 an error
 * ("NAME: ..."). Rows without content are skipped but still counted in sheet_row. */
int sheet_next(Sheet *sh, PokErr *err);

/* The current row: its number (1-based, as the spreadsheet shows it), the number of
 * columns up to the last non-empty cell, and per column (0-based) its text ("" when
 * empty) and, for a numeric cell, the value as decimal text ("52500.5", "1.2345E5");
 * NULL when the cell is not numeric. Valid until the next sheet_next. */
long sheet_row(const Sheet *sh);
size_t sheet_ncols(const Sheet *sh);
const char *sheet_text(const Sheet *sh, size_t col);
const char *sheet_number(const Sheet *sh, size_t col);

const char *sheet_name(const Sheet *sh);   /* the file name, for messages */
const char *sheet_title(const Sheet *sh);  /* the worksheet's name */
const char *sheet_format(const Sheet *sh); /* "xlsx" or "ods" */

/* Column letters: 0 -> "A", 27 -> "AB". buf holds at least 8 bytes. */
char *sheet_col_letters(size_t col, char buf[8]);
/* "AB" (upper or lower case) -> 27; -1 when text is not 1-3 letters within the limit. */
long sheet_col_index(const char *text);

/* Lower the per-entry cap (tests: a zip bomb need not be 200 MB). 0 restores it. */
void sheet_limit_entry(uint64_t bytes);

/* 1 when the bytes start like a zip archive (xlsx and ods are zip archives). */
int sheet_is_zip(const void *data, size_t len);

#endif
