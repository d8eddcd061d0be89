/* test_sheet.c: the xlsx/ods sheet reader on archives built in memory (sparse xlsx rows,
 * shared and inline strings, exponent numbers, repeated ods rows and columns, covered
 * cells, annotations), its errors (not a zip, damaged, unknown sheet, DOCTYPE, zip
 * bomb) and the exact decimal-to-cents converter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ingest/sheet.h"
#include "money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* ---- building archives ---- */

typedef struct Part {
    const char *name, *text;
} Part;

/* A zip archive holding parts, in malloc'ed memory. */
static unsigned char *make_zip(const Part *parts, size_t n, size_t *len)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &zerr);
    assert_non_null(src);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &zerr);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *p = zip_source_buffer(z, parts[i].text, strlen(parts[i].text), 0);
        assert_non_null(p);
        assert_true(zip_file_add(z, parts[i].name, p, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    assert_int_equal(zip_source_open(src), 0);
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    unsigned char *out = malloc((size_t)size);
    assert_int_equal(zip_source_read(src, out, (zip_uint64_t)size), size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&zerr);
    *len = (size_t)size;
    return out;
}

static const char WORKBOOK[] =
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
    "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships\"><sheets><sheet name=\"Eerste\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"Tabel\" sheetId=\"2\" r:id=\"rId7\"/></sheets></workbook>";
static const char RELS[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId7\" Target=\"/xl/worksheets/tabel.xml\"/></Relationships>";
static const char SST[] =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<si><t>Gemeentecode</t></si><si><r><t>Rechts</t></r><r><t xml:space=\"preserve\">"
    "bescherming</t></r><rPh><t>fonetisch</t></rPh></si><si><t>GM0363</t></si></sst>";
/* Sparse: row 1, then row 4 with cells A and AB only; an inline string; exponent numbers;
 * a formula string; a boolean; an empty row 6. */
static const char TABEL[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c></row>"
    "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>2</v></c><c r=\"AB4\"><v>1.2345E5</v></c></row>"
    "<row r=\"5\"><c r=\"B5\" t=\"inlineStr\"><is><t>1.234,56</t></is></c>"
    "<c r=\"C5\"><f>A1</f><v>-5E-3</v></c><c r=\"D5\" t=\"str\"><v>tekst</v></c>"
    "<c r=\"E5\" t=\"b\"><v>1</v></c></row>"
    "<row r=\"6\"><c r=\"A6\" s=\"1\"/></row>"
    "<row><c><v>7</v></c><c><v>8</v></c></row>"
    "</sheetData></worksheet>";

static unsigned char *xlsx_with(const char *sheet_xml, size_t *len)
{
    Part parts[] = {{"xl/workbook.xml", WORKBOOK},
                    {"xl/_rels/workbook.xml.rels", RELS},
                    {"xl/sharedStrings.xml", SST},
                    {"xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>"},
                    {"xl/worksheets/tabel.xml", sheet_xml}};
    return make_zip(parts, 5, len);
}

static Sheet *open_ok(const unsigned char *data, size_t len, const char *which)
{
    PokErr err = {0};
    Sheet *sh = sheet_open_mem("t", data, len, which, &err);
    if (!sh) fail_msg("sheet_open_mem: %s", err.msg);
    return sh;
}

static void next_row(Sheet *sh, long row)
{
    PokErr err = {0};
    int got = sheet_next(sh, &err);
    if (got != 1) fail_msg("sheet_next returned %d: %s", got, err.msg);
    assert_int_equal(sheet_row(sh), row);
}

static void expect_end(Sheet *sh)
{
    PokErr err = {0};
    int got = sheet_next(sh, &err);
    if (got != 0) fail_msg("expected the end, got %d: %s", got, err.msg);
}

static void test_xlsx_sparse_rows_and_strings(void **state)
{
    size_t len;
    unsigned char *data = xlsx_with(TABEL, &len);
    Sheet *sh = open_ok(data, len, "Tabel");
    assert_string_equal(sheet_format(sh), "xlsx");
    assert_string_equal(sheet_title(sh), "Tabel");
    next_row(sh, 1);
    assert_int_equal(sheet_ncols(sh), 3);
    assert_string_equal(sheet_text(sh, 0), "Gemeentecode");
    assert_string_equal(sheet_text(sh, 1), "");
    assert_string_equal(sheet_text(sh, 2), "Rechtsbescherming"); /* runs joined, no rPh */
    assert_null(sheet_number(sh, 2));
    next_row(sh, 4);
    assert_int_equal(sheet_ncols(sh), 28);
    assert_string_equal(sheet_text(sh, 0), "GM0363");
    assert_string_equal(sheet_number(sh, 27), "1.2345E5");
    assert_string_equal(sheet_text(sh, 26), "");
    next_row(sh, 5);
    assert_string_equal(sheet_text(sh, 1), "1.234,56");
    assert_null(sheet_number(sh, 1));
    assert_string_equal(sheet_number(sh, 2), "-5E-3");
    assert_string_equal(sheet_text(sh, 3), "tekst");
    assert_null(sheet_number(sh, 3));
    assert_string_equal(sheet_text(sh, 4), "1");
    next_row(sh, 7); /* row 6 has no content; a row without r follows the previous */
    assert_string_equal(sheet_number(sh, 0), "7");
    assert_string_equal(sheet_number(sh, 1), "8");
    expect_end(sh);
    expect_end(sh);
    sheet_close(sh);

    sh = open_ok(data, len, "2");
    assert_string_equal(sheet_title(sh), "Tabel");
    sheet_close(sh);
    sh = open_ok(data, len, NULL); /* the first sheet: empty */
    assert_string_equal(sheet_title(sh), "Eerste");
    expect_end(sh);
    sheet_close(sh);
    free(data);
}

static void expect_open_error(const unsigned char *data, size_t len, const char *which,
                              const char *msg)
{
    PokErr err = {0};
    Sheet *sh = sheet_open_mem("f.xlsx", data, len, which, &err);
    if (sh) {
        sheet_close(sh);
        fail_msg("opened, expected '%s'", msg);
    }
    if (!strstr(err.msg, msg)) fail_msg("'%s' does not hold '%s'", err.msg, msg);
}

static void test_open_errors(void **state)
{
    expect_open_error((const unsigned char *)"hallo", 5, NULL, "geen xlsx- of ods-bestand");
    expect_open_error((const unsigned char *)"\xd0\xcf\x11\xe0rest", 8, NULL, "oud Excel-bestand");
    size_t len;
    unsigned char *data = xlsx_with(TABEL, &len);
    expect_open_error(data, len, "Blad3", "geen werkblad 'Blad3' (wel: 'Eerste', 'Tabel')");
    expect_open_error(data, len, "3", "geen werkblad '3'");
    expect_open_error(data, len / 2, NULL, "is beschadigd");
    free(data);
    Part other[] = {{"word/document.xml", "<w/>"}};
    data = make_zip(other, 1, &len);
    expect_open_error(data, len, NULL, "geen spreadsheet");
    free(data);
    Part text[] = {{"mimetype", "application/vnd.oasis.opendocument.text"},
                   {"content.xml", "<x/>"}};
    data = make_zip(text, 2, &len);
    expect_open_error(data, len, NULL, "geen spreadsheet (.ods)");
    free(data);
}

static void expect_row_error(const char *sheet_xml, const char *msg)
{
    size_t len;
    unsigned char *data = xlsx_with(sheet_xml, &len);
    Sheet *sh = open_ok(data, len, "Tabel");
    PokErr err = {0};
    int got;
    while ((got = sheet_next(sh, &err)) == 1) continue;
    assert_int_equal(got, -1);
    if (!strstr(err.msg, msg)) fail_msg("'%s' does not hold '%s'", err.msg, msg);
    assert_int_equal(sheet_next(sh, &err), -1); /* stays failed */
    sheet_close(sh);
    free(data);
}

static void test_xml_errors(void **state)
{
    expect_row_error("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet><sheetData/></worksheet>",
                     "DOCTYPE");
    expect_row_error("<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>",
                     "geen geldige XML");
    expect_row_error("<worksheet><sheetData><row><c t=\"s\"><v>99</v></c></row></sheetData>"
                     "</worksheet>",
                     "onbekende gedeelde tekst");
    expect_row_error("<worksheet><sheetData><row><c r=\"ZZZZ1\"><v>1</v></c></row></sheetData>"
                     "</worksheet>",
                     "ongeldige celverwijzing");
    expect_row_error("<worksheet><sheetData><row r=\"3\"><c><v>1</v></c></row><row r=\"2\">"
                     "<c><v>1</v></c></row></sheetData></worksheet>",
                     "ongeldig rijnummer");
}

/* Cell text as decoded is checked like every text that enters (text.h): expat refuses
 * what XML cannot hold, but DEL and the C1 controls are valid XML; a cell over the long
 * bound is refused too, naming row and column. */
static void test_cell_text_checked(void **state)
{
    expect_row_error("<worksheet><sheetData><row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>"
                     "a&#x7F;b</t></is></c></row></sheetData></worksheet>",
                     "t: rij 2, kolom B: bevat een stuurteken (U+007F na 1 teken)");
    expect_row_error("<worksheet><sheetData><row r=\"3\"><c r=\"C3\" t=\"inlineStr\"><is><t>"
                     "&#x85;</t></is></c></row></sheetData></worksheet>",
                     "t: rij 3, kolom C: bevat een stuurteken (U+0085");
    Buf xml = {0};
    buf_puts(&xml, "<worksheet><sheetData><row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>");
    for (int i = 0; i < 10001; i++) buf_puts(&xml, "\xC3\xA9");
    buf_puts(&xml, "</t></is></c></row></sheetData></worksheet>");
    expect_row_error(xml.data, "t: rij 4, kolom A: te lang: 10.001 tekens, hoogstens 10.000");
    buf_free(&xml);
}

/* More than the cap uncompressed, a few kB compressed (the cap lowered to 2 MB so the
 * test stays fast under valgrind; the check is the same). */
static void test_zip_bomb_is_capped(void **state)
{
    sheet_limit_entry((uint64_t)2 << 20);
    size_t big = ((size_t)2 << 20) + 1024;
    char *xml = malloc(big + 1);
    memset(xml, ' ', big);
    memcpy(xml, "<worksheet><sheetData>", 22);
    xml[big] = '\0';
    size_t len;
    unsigned char *data = xlsx_with(xml, &len);
    free(xml);
    assert_true(len < big / 100);
    Sheet *sh = open_ok(data, len, "Tabel");
    PokErr err = {0};
    assert_int_equal(sheet_next(sh, &err), -1);
    assert_non_null(strstr(err.msg, "groter dan 2 MB"));
    sheet_close(sh);
    free(data);
    sheet_limit_entry(0);
}

static const char ODS_CONTENT[] =
    "<?xml version=\"1.0\"?><office:document-content "
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>"
    "<office:spreadsheet><table:table table:name=\"Info\"><table:table-row><table:table-cell "
    "office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>"
    "</table:table><table:table table:name=\"Tabel\">"
    "<table:table-row><table:table-cell table:number-columns-spanned=\"3\" "
    "office:value-type=\"string\"><text:p>Titel</text:p></table:table-cell>"
    "<table:covered-table-cell table:number-columns-repeated=\"2\"/></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell "
    "table:number-columns-repeated=\"1020\"/></table:table-row>"
    "<table:table-row><table:table-cell table:number-columns-repeated=\"2\"/>"
    "<table:table-cell office:value-type=\"float\" office:value=\"52500.5\"><text:p>52.500,50"
    "</text:p><office:annotation><text:p>notitie</text:p></office:annotation>"
    "</table:table-cell><table:table-cell table:number-columns-repeated=\"2\" "
    "office:value-type=\"string\"><text:p>a<text:s text:c=\"2\"/>b</text:p><text:p>c</text:p>"
    "</table:table-cell></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell "
    "office:value-type=\"currency\" office:value=\"7\"><text:p>€ 7</text:p></table:table-cell>"
    "</table:table-row>"
    "<table:table-row table:number-rows-repeated=\"1048560\"><table:table-cell/>"
    "</table:table-row></table:table></office:spreadsheet></office:body>"
    "</office:document-content>";

static void test_ods_repeats_and_covered_cells(void **state)
{
    Part parts[] = {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                    {"content.xml", ODS_CONTENT}};
    size_t len;
    unsigned char *data = make_zip(parts, 2, &len);
    Sheet *sh = open_ok(data, len, "Tabel");
    assert_string_equal(sheet_format(sh), "ods");
    next_row(sh, 1);
    assert_int_equal(sheet_ncols(sh), 1); /* covered cells are empty */
    assert_string_equal(sheet_text(sh, 0), "Titel");
    next_row(sh, 5); /* rows 2-4: repeated, empty */
    assert_int_equal(sheet_ncols(sh), 5);
    assert_string_equal(sheet_text(sh, 0), "");
    assert_string_equal(sheet_text(sh, 2), "52.500,50"); /* no annotation text */
    assert_string_equal(sheet_number(sh, 2), "52500.5");
    assert_string_equal(sheet_text(sh, 3), "a  b\nc");
    assert_string_equal(sheet_text(sh, 4), "a  b\nc");
    assert_null(sheet_number(sh, 4));
    next_row(sh, 6);
    assert_string_equal(sheet_number(sh, 0), "7");
    next_row(sh, 7); /* the repeated row once more */
    assert_string_equal(sheet_number(sh, 0), "7");
    assert_string_equal(sheet_title(sh), "Tabel");
    expect_end(sh);
    sheet_close(sh);

    PokErr err = {0};
    sh = sheet_open_mem("t.ods", data, len, "Blad9", &err);
    assert_non_null(sh); /* ods names are only known once content.xml is read */
    assert_int_equal(sheet_next(sh, &err), -1);
    assert_non_null(strstr(err.msg, "geen werkblad 'Blad9' (wel: 'Info', 'Tabel')"));
    sheet_close(sh);
    free(data);
}

static void test_col_letters(void **state)
{
    char buf[8];
    assert_string_equal(sheet_col_letters(0, buf), "A");
    assert_string_equal(sheet_col_letters(25, buf), "Z");
    assert_string_equal(sheet_col_letters(26, buf), "AA");
    assert_string_equal(sheet_col_letters(27, buf), "AB");
    assert_string_equal(sheet_col_letters(16383, buf), "XFD");
    assert_int_equal(sheet_col_index("A"), 0);
    assert_int_equal(sheet_col_index("ab"), 27);
    assert_int_equal(sheet_col_index("XFD"), 16383);
    assert_int_equal(sheet_col_index("XFE"), -1);
    assert_int_equal(sheet_col_index("ABCD"), -1);
    assert_int_equal(sheet_col_index("A1"), -1);
    assert_int_equal(sheet_col_index(""), -1);
}

static void expect_cents(const char *text, int scale, int64_t want)
{
    int64_t got = -1;
    const char *reason = NULL;
    int inexact = -1;
    if (money_parse_decimal(text, scale, &got, &inexact, &reason) != 0)
        fail_msg("'%s': %s", text, reason);
    if (got != want)
        fail_msg("'%s' x10^%d: %lld, expected %lld", text, scale, (long long)got, (long long)want);
    assert_true(inexact == 0 || inexact == 1);
}

/* Whether digits beyond the cent were dropped (the import reports rounded cells). */
static void expect_inexact(const char *text, int scale, int want)
{
    int64_t got;
    const char *reason = NULL;
    int inexact = -1;
    assert_int_equal(money_parse_decimal(text, scale, &got, &inexact, &reason), 0);
    if (inexact != want)
        fail_msg("'%s' x10^%d: inexact %d, expected %d", text, scale, inexact, want);
}

static void expect_bad(const char *text)
{
    int64_t got;
    const char *reason = NULL;
    if (money_parse_decimal(text, 0, &got, NULL, &reason) == 0) fail_msg("'%s' accepted", text);
    assert_non_null(reason);
}

static void test_decimal_cents(void **state)
{
    expect_cents("52500", 0, 5250000);
    expect_cents("52500.5", 0, 5250050);
    expect_cents("52500.50", 0, 5250050);
    expect_cents("1.2345E5", 0, 12345000);
    expect_cents("1.2345e+5", 0, 12345000);
    expect_cents("-52500.5", 0, -5250050);
    expect_cents("0", 0, 0);
    expect_cents("-0", 0, 0);
    expect_cents(".5", 0, 50);
    expect_cents("5.", 0, 500);
    expect_cents("0.005", 0, 1);     /* half a cent rounds away from zero */
    expect_cents("0.0049999", 0, 0); /* exactly, not through a double */
    expect_cents("-0.005", 0, -1);
    expect_cents("5E-3", 0, 1);
    expect_cents("5E-4", 0, 0);
    expect_cents("1234.5699999999997", 0, 123457); /* a double's tail */
    expect_cents("0.1", 0, 10);
    expect_cents("00052500", 0, 5250000);
    expect_cents("52.5", 3, 5250000); /* x 1.000 */
    expect_cents("1.23456", 3, 123456);
    expect_cents("1E12", 0, 100000000000000LL); /* MONEY_MAX_CENTS */
    expect_cents("1E-400", 0, 0);
    expect_inexact("52500.50", 0, 0);
    expect_inexact("52500.500000", 0, 0);
    expect_inexact("2.102", 0, 1);
    expect_inexact("2.102", 3, 0);
    expect_inexact("1.23456", 3, 0);
    expect_inexact("1.234567", 3, 1);
    expect_inexact("5E-4", 0, 1);
    expect_inexact("0E-9", 0, 0);
    expect_inexact("1234.5699999999997", 0, 1);
    expect_bad("");
    expect_bad("-");
    expect_bad("1.2.3");
    expect_bad("12a");
    expect_bad("1E");
    expect_bad("E5");
    expect_bad("1,5");
    expect_bad("1E13");
    expect_bad("1E99999999");
    expect_bad("123456789012345678901234567890123456789012345678901234567890123456789");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xlsx_sparse_rows_and_strings),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_xml_errors),
        cmocka_unit_test(test_cell_text_checked),
        cmocka_unit_test(test_zip_bomb_is_capped),
        cmocka_unit_test(test_ods_repeats_and_covered_cells),
        cmocka_unit_test(test_col_letters),
        cmocka_unit_test(test_decimal_cents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
