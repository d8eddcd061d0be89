/* fuzz_sheet.c: the xlsx/ods reader over arbitrary bytes never crashes, ends, and reports
 * sane rows: row numbers only grow, every column up to sheet_ncols has text, a numeric
 * cell's decimal text is accepted or refused by the cents converter without harm. The
 * first byte chooses: the rest as a zip archive, or as the sheet XML, the shared strings
 * or the ods content.xml inside a valid archive built here (so the XML itself is fuzzed,
 * not only the deflate stream). */
#include "ingest/sheet.h"
#include "money.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char WORKBOOK[] =
    "<workbook xmlns:r=\"r\"><sheets><sheet name=\"A\" r:id=\"rId1\"/></sheets></workbook>";
static const char RELS[] = "<Relationships><Relationship Id=\"rId1\" "
                           "Target=\"worksheets/sheet1.xml\"/></Relationships>";
static const char SHEET[] = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v>"
                            "</c><c r=\"B1\"><v>1.5E2</v></c></row></sheetData></worksheet>";
static const char SST[] = "<sst><si><t>GM0363</t></si></sst>";

/* A zip holding names[i] = texts[i] (lens[i] bytes), in malloc'ed memory. */
static unsigned char *make_zip(const char **names, const char **texts, const size_t *lens, size_t n,
                               size_t *len)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &zerr);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &zerr);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *p = zip_source_buffer(z, texts[i], lens[i], 0);
        zip_int64_t idx = zip_file_add(z, names[i], p, ZIP_FL_OVERWRITE);
        zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
    }
    if (zip_close(z) != 0) abort();
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    unsigned char *out = malloc((size_t)size + 1);
    if (zip_source_read(src, out, (zip_uint64_t)size) != size) abort();
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&zerr);
    *len = (size_t)size;
    return out;
}

static void read_all(const unsigned char *bytes, size_t len, const char *which)
{
    PokErr err = {0};
    Sheet *sh = sheet_open_mem("fuzz", bytes, len, which, &err);
    if (!sh) {
        if (!err.msg[0]) abort(); /* a refusal says why */
        return;
    }
    long last = 0;
    size_t rows = 0;
    int rc;
    while ((rc = sheet_next(sh, &err)) == 1) {
        long row = sheet_row(sh);
        if (row <= last || row > SHEET_MAX_ROWS) abort();
        last = row;
        size_t n = sheet_ncols(sh);
        if (n > SHEET_MAX_COLS) abort();
        for (size_t c = 0; c < n; c++) {
            if (!sheet_text(sh, c)) abort();
            const char *num = sheet_number(sh, c);
            int64_t cents;
            const char *reason;
            if (num && money_parse_decimal(num, 3, &cents, NULL, &reason) != 0 && !reason) abort();
        }
        if (++rows > SHEET_MAX_ROWS) abort();
    }
    if (rc == -1) {
        if (!err.msg[0]) abort();
        if (sheet_next(sh, &err) != -1) abort(); /* an error stays */
    } else if (sheet_next(sh, &err) != 0) {
        abort(); /* the end stays the end */
    }
    sheet_close(sh);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    sheet_limit_entry((uint64_t)4 << 20); /* bombs stop early; keeps each run fast */
    int mode = data[0] % 4;
    const char *rest = (const char *)data + 1;
    size_t n = size - 1;
    if (mode == 0) {
        read_all((const unsigned char *)rest, n, NULL);
        read_all((const unsigned char *)rest, n, "2");
        return 0;
    }
    const char *names[5], *texts[5];
    size_t lens[5], k = 0, len;
    if (mode == 3) {
        names[k] = "content.xml", texts[k] = rest, lens[k++] = n;
    } else {
        names[k] = "xl/workbook.xml", texts[k] = WORKBOOK, lens[k++] = strlen(WORKBOOK);
        names[k] = "xl/_rels/workbook.xml.rels", texts[k] = RELS, lens[k++] = strlen(RELS);
        names[k] = "xl/sharedStrings.xml";
        texts[k] = mode == 2 ? rest : SST;
        lens[k++] = mode == 2 ? n : strlen(SST);
        names[k] = "xl/worksheets/sheet1.xml";
        texts[k] = mode == 1 ? rest : SHEET;
        lens[k++] = mode == 1 ? n : strlen(SHEET);
    }
    unsigned char *zip = make_zip(names, texts, lens, k, &len);
    read_all(zip, len, NULL);
    free(zip);
    return 0;
}
