/* fuzz_csv.c: the CSV reader over arbitrary bytes (each delimiter mode) never crashes,
 * ends, and reports sane records: fields exist up to csv_nfields, line numbers only grow
 * and never pass the number of line breaks in the input plus one. */
#include "ingest/csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_all(const char *text, size_t size, char delim)
{
    PokErr err = {0};
    CsvReader *r = csv_open_mem("fuzz.csv", text, size, delim, &err);
    if (!r) {
        if (!err.msg[0]) abort(); /* a refusal says why */
        return;
    }
    long breaks = 0;
    for (size_t i = 0; i < size; i++)
        if (text[i] == '\n' || text[i] == '\r') breaks++;
    long last_line = 0;
    size_t records = 0;
    int rc;
    while ((rc = csv_next(r, &err)) == 1) {
        size_t n = csv_nfields(r);
        if (n == 0 || n > size + 1) abort();
        for (size_t i = 0; i < n; i++) {
            const char *f = csv_field(r, i);
            if (!f || strlen(f) > size) abort();
        }
        if (csv_field(r, n) != NULL) abort();
        long line = csv_line(r);
        if (line < 1 || line <= last_line || line > breaks + 1) abort();
        last_line = line;
        if (++records > size + 1) abort(); /* no endless loop */
    }
    if (rc == -1) {
        if (!err.msg[0]) abort();
        /* After an error every further call fails the same way. */
        PokErr again = {0};
        if (csv_next(r, &again) != -1) abort();
    } else if (csv_next(r, &err) != 0) {
        abort(); /* end stays the end */
    }
    char d = csv_delim(r);
    if (delim && d != delim) abort();
    csv_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Not NUL-terminated on purpose: the reader must respect len. */
    char *text = malloc(size ? size : 1);
    if (!text) return 0;
    memcpy(text, data, size);
    read_all(text, size, 0);
    read_all(text, size, ';');
    read_all(text, size, ',');
    free(text);
    return 0;
}
