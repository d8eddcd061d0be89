/* csv.h: a streaming CSV reader (RFC 4180 quoting) with a fixed read buffer, so memory
 * stays flat however large the file; one record may be at most CSV_MAX_RECORD bytes. */
#ifndef POK_CSV_H
#define POK_CSV_H

#include "../util.h"

#include <stddef.h>

/* The longest record accepted: anything longer is a broken file, not data. */
#define CSV_MAX_RECORD ((size_t)1 << 20)

typedef struct CsvReader CsvReader;

/* Open a file, or text in memory (not copied: it must outlive the reader; name is used in
 * messages). delim 0 detects it from the header line: ';' when it has more semicolons
 * than commas outside quotes, else ','. A UTF-8 byte order mark is skipped.
 * Returns NULL with err filled when the file cannot be read or holds binary data. */
CsvReader *csv_open(const char *path, char delim, PokErr *err);
CsvReader *csv_open_mem(const char *name, const char *text, size_t len, char delim, PokErr *err);
void csv_close(CsvReader *r);

/* Read the next record: 1 a record, 0 end of input, -1 error ("NAME, regel N: ...").
 * Every field must be text (text.h: UTF-8 without control characters other than tab and
 * line ends, at most TEXT_LONG characters); otherwise the error names file, line and
 * column ("geen geldige UTF-8-tekst", with the hint to save a Windows-1252 file as
 * UTF-8). Blank lines are skipped. Quoted fields may hold delimiters, "" and line breaks; CRLF,
 * LF and a lone CR end a record. After an error every further call fails the same way. */
int csv_next(CsvReader *r, PokErr *err);

/* Fields of the current record; valid until the next csv_next. NULL beyond the range. */
size_t csv_nfields(const CsvReader *r);
const char *csv_field(const CsvReader *r, size_t i);

/* Line (1-based) where the current record starts, the delimiter in use, the name. */
long csv_line(const CsvReader *r);
char csv_delim(const CsvReader *r);
const char *csv_name(const CsvReader *r);
/* Bytes of the input consumed so far (for a progress indication). */
long long csv_offset(const CsvReader *r);

#endif
