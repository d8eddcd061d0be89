/* test_read_meta.c: the document's facts pok read finds (read_meta): the municipality,
 * genre, date, references and POK decisions of the five seed documents and of small
 * documents written here (OCR damage, "Hengelo" for "Hengelo (O.)", a municipality named
 * in passing, names that are also common words), Dutch dates in their forms, and the date
 * check: the ombudsman's letter of seed 000 dated 24 and 25 April, and no finding on the
 * other seeds or on two different letters. The seeds are read from tests/read/seeds (the
 * repository's copies of ../shared/seeds, so a clone on its own has them), or from
 * $POK_SEEDS. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dutch_time.h"
#include "read/read.h"

/* Analyse text (plain text input) as the document named name. */
static void analyse_text(const char *name, const char *text, const char *muni, ReadDoc *doc,
                         ReadResult *res)
{
    ReadLimits lim = {0};
    read_limits_default(&lim);
    PokErr err = {0};
    int rc = read_document_mem(name, (const unsigned char *)text, strlen(text), &lim, doc, &err);
    if (rc) fail_msg("%s", err.msg);
    assert_int_equal(read_analyse(doc, muni, res, &err), 0);
}

/* Read the seed whose file name starts with prefix ("000_"). */
static void analyse_seed(const char *prefix, ReadDoc *doc, ReadResult *res)
{
    const char *dir = getenv("POK_SEEDS");
    if (!dir) dir = "tests/read/seeds"; /* copies of ../shared/seeds, in the repository */
    DIR *d = opendir(dir);
    if (!d) fail_msg("the seed documents are not in %s", dir);
    char path[1024] = "";
    struct dirent *e;
    while ((e = readdir(d)))
        if (!strncmp(e->d_name, prefix, strlen(prefix)))
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    closedir(d);
    if (!path[0]) fail_msg("no seed %s* in %s", prefix, dir);
    ReadLimits lim = {0};
    read_limits_default(&lim);
    PokErr err = {0};
    if (read_document(path, &lim, doc, &err)) fail_msg("%s", err.msg);
    assert_int_equal(read_analyse(doc, NULL, res, &err), 0);
}

static size_t date_findings(const ReadResult *res)
{
    size_t n = 0;
    for (size_t i = 0; i < res->nfindings; i++) n += res->findings[i].kind == READ_FINDING_DATE;
    return n;
}

static void assert_muni(const ReadResult *res, const char *code)
{
    if (!code) {
        if (res->muni_code) fail_msg("expected no municipality, got %s", res->muni_code);
        return;
    }
    if (!res->muni_code) fail_msg("expected %s, got no municipality", code);
    assert_string_equal(res->muni_code, code);
}

static void test_seed_000_amstelveen(void **state)
{
    ReadDoc doc = {0};
    ReadResult res = {0};
    analyse_seed("000_", &doc, &res);
    /* Amsterdam is named four times (the ombudsman's name, "in navolging van gemeente
     * Amsterdam"), but the document is Amstelveen's */
    assert_muni(&res, "GM0362");
    assert_string_equal(res.muni_name, "Amstelveen");
    assert_string_equal(res.genre, "collegebesluit");
    assert_string_equal(res.date, "2024-05-28"); /* the B&W meeting */
    /* its own decision, declined, and the college decision of 15 March 2022 it cites */
    assert_int_equal(res.ndecisions, 2);
    assert_string_equal(res.decisions[0].body, "college");
    assert_int_equal(res.decisions[0].adopted, 0);
    assert_string_equal(res.decisions[0].date, "2024-05-28");
    assert_non_null(strstr(res.decisions[0].subject, "verzoek van de Ombudsman"));
    assert_string_equal(res.decisions[1].date, "2022-03-15");
    assert_string_equal(res.decisions[1].body, "college");
    assert_int_equal(res.decisions[1].adopted, 1);
    /* the ombudsman's letter: 24 April in the text, 25 April in the annex list */
    assert_int_equal(date_findings(&res), 1);
    const ReadFinding *f = &res.findings[0];
    assert_int_equal(f->kind, READ_FINDING_DATE);
    assert_int_equal(f->has_stated, 0);
    assert_int_equal(f->has_computed, 0);
    assert_int_equal(f->page, 1);
    assert_non_null(strstr(f->quote, "Bijlage 1 - Brief van Ombudsman Amsterdam 25 april 2024"));
    assert_string_equal(doc.lines[f->line - 1].text, f->quote);
    assert_non_null(strstr(f->message, "24 april 2024"));
    assert_non_null(strstr(f->message, "25 april 2024"));
    assert_non_null(strstr(f->message, "Ombudsman"));
    assert_int_equal(res.nrefs, 0);
    read_result_free(&res);
    read_doc_free(&doc);
}

static void test_seed_001_olst_wijhe(void **state)
{
    ReadDoc doc = {0};
    ReadResult res = {0};
    analyse_seed("001_", &doc, &res);
    assert_muni(&res, "GM1773");
    /* it calls itself an adviesnota, and records the college's decision */
    assert_string_equal(res.genre, "adviesnota");
    assert_string_equal(res.date, ""); /* the document carries no date */
    /* item 1 of its decision is the POK decision; item 2 (inform the council) is not */
    assert_int_equal(res.ndecisions, 1);
    assert_string_equal(res.decisions[0].body, "college");
    assert_int_equal(res.decisions[0].adopted, 1);
    assert_int_equal(res.decisions[0].line, 17);
    assert_int_equal(date_findings(&res), 0);
    read_result_free(&res);
    read_doc_free(&doc);
}

static void test_seed_002_vng(void **state)
{
    ReadDoc doc = {0};
    ReadResult res = {0};
    analyse_seed("002_", &doc, &res);
    assert_muni(&res, NULL); /* the VNG writes to all municipalities */
    assert_string_equal(res.genre, "ledenbrief");
    assert_string_equal(res.date, "2021-12-14");
    assert_int_equal(res.nrefs, 2);
    assert_string_equal(res.references[0], "TISB/U202100948");
    assert_string_equal(res.references[1], "Lbr. 21/083");
    assert_int_equal(res.ndecisions, 0);
    assert_int_equal(date_findings(&res), 0);
    read_result_free(&res);
    read_doc_free(&doc);
}

static void test_seed_003_overbetuwe(void **state)
{
    ReadDoc doc = {0};
    ReadResult res = {0};
    analyse_seed("003_", &doc, &res);
    /* the document names no municipality (only the village Heteren): unknown, unless the
     * caller says */
    assert_muni(&res, NULL);
    assert_string_equal(res.genre, "raadsvoorstel");
    assert_string_equal(res.date, "");
    assert_int_equal(res.nrefs, 1);
    assert_string_equal(res.references[0], "2024-052874");
    /* the college's decision of 11 July 2023 (named twice) and the extension of the
     * sociaal raadslieden's hours "conform besproken in de collegevergadering van 31
     * januari 2023"; the proposal to the council and the verordening of 29 October 2024
     * are no decisions */
    assert_int_equal(res.ndecisions, 2);
    assert_string_equal(res.decisions[0].date, "2023-07-11");
    assert_string_equal(res.decisions[0].body, "college");
    assert_int_equal(res.decisions[0].adopted, 1);
    assert_non_null(strstr(res.decisions[0].subject, "bestedingsdoelen"));
    assert_string_equal(res.decisions[1].date, "2023-01-31");
    assert_string_equal(res.decisions[1].body, "college");
    assert_int_equal(res.decisions[1].adopted, 1);
    /* two college meetings on different subjects, different dates: no finding */
    assert_int_equal(date_findings(&res), 0);
    read_result_free(&res);
    read_doc_free(&doc);
    analyse_seed("003_", &doc, &res);
    read_result_free(&res);
    PokErr err = {0};
    assert_int_equal(read_analyse(&doc, "GM1734", &res, &err), 0);
    assert_muni(&res, "GM1734");
    assert_string_equal(res.muni_name, "Overbetuwe");
    read_result_free(&res);
    read_doc_free(&doc);
}

static void test_seed_004_hillegom(void **state)
{
    ReadDoc doc = {0};
    ReadResult res = {0};
    analyse_seed("004_", &doc, &res);
    assert_muni(&res, "GM0534");
    assert_string_equal(res.genre, "raadsinformatiebrief");
    /* "datum: 18 maart 2024" wins over "datum collegevergadering: 26 maart 2024" */
    assert_string_equal(res.date, "2024-03-18");
    assert_int_equal(res.nrefs, 1);
    assert_string_equal(res.references[0], "Z-24-360672"); /* not the phone number */
    assert_int_equal(res.ndecisions, 1);
    assert_string_equal(res.decisions[0].body, "college");
    assert_string_equal(res.decisions[0].date, "");
    assert_int_equal(date_findings(&res), 0);
    read_result_free(&res);
    read_doc_free(&doc);
}

static const char *muni_of(const char *text, const char *given, ReadResult *res, ReadDoc *doc)
{
    analyse_text("t.txt", text, given, doc, res);
    return res->muni_code;
}

static void test_municipality_matching(void **state)
{
    static const struct {
        const char *text, *code;
    } cases[] = {
        /* OCR damage: one letter wrong in a longer name */
        {"aan: de raad van de gemeente Olst-Wljhe\n\nInzet POK-middelen.\n", "GM1773"},
        /* case and diacritics folded */
        {"GEMEENTE SUDWEST-FRYSLAN\n\nRaadsinformatiebrief POK.\n", "GM1900"},
        /* "Hengelo" for "Hengelo (O.)": only one municipality is called Hengelo */
        {"Gemeente Hengelo\n\nInzet van de POK-middelen in Hengelo.\n", "GM0164"},
        /* Bergen is two municipalities: the qualifier decides, without it nothing */
        {"Aan de raad van de gemeente Bergen (NH.)\n\nPOK.\n", "GM0373"},
        {"Aan de raad van de gemeente Bergen\n\nPOK.\n", NULL},
        /* named in passing: the addressed council wins */
        {"aan: de raad van de gemeente Hillegom\n\nIn navolging van de gemeente Lisse en de "
         "gemeente Teylingen\nzetten we in Hillegom POK-middelen in. Ook Leiden doet dat.\n",
         "GM0534"},
        /* names that are common words need a municipal context */
        {"Het beste plan.\nWe putten uit de reserve en de horst van de beek.\n", NULL},
        {"Aan de raad van de gemeente Best\n\nHet beste plan.\n", "GM0753"},
        /* the province of Utrecht is not the municipality */
        {"De provincie Utrecht en de provincie Groningen.\n", NULL},
        /* 's-Gravenhage as people write it */
        {"Gemeente Den Haag\n\nPOK-middelen.\n", "GM0518"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ReadDoc doc = {0};
        ReadResult res = {0};
        const char *got = muni_of(cases[i].text, NULL, &res, &doc);
        if (cases[i].code ? !got || strcmp(got, cases[i].code) : got != NULL)
            fail_msg("case %zu: expected %s, got %s", i, cases[i].code ? cases[i].code : "none",
                     got ? got : "none");
        read_result_free(&res);
        read_doc_free(&doc);
    }
    /* the caller's municipality wins over the text, with its name from the list */
    ReadDoc doc = {0};
    ReadResult res = {0};
    assert_string_equal(muni_of("aan: de raad van de gemeente Hillegom\n", "GM0164", &res, &doc),
                        "GM0164");
    assert_string_equal(res.muni_name, "Hengelo (O.)");
    read_result_free(&res);
    read_doc_free(&doc);
}

static void test_dutch_dates(void **state)
{
    static const struct {
        const char *text, *iso;
    } cases[] = {
        {"14 december 2021", "2021-12-14"},
        {"14 dec. 2021", "2021-12-14"},
        {"1 sept 2024", "2024-09-01"},
        {"28 Mei 2024.", "2024-05-28"},
        {"14-12-2021", "2021-12-14"},
        {"4/3/2024", "2024-03-04"},
        {"2021-12-14", "2021-12-14"},
        {"14 decembcr 2021", "2021-12-14"},
        {"26  maart   2024", "2024-03-26"},
        {"30 februari 2024", NULL},
        {"14 dinsdag 2021", NULL},
        {"2024-052874", NULL},
        {"459.500", NULL},
        {"14 0252", NULL},
        {"11 juli 20234", NULL},
        {"5,5 naar 24 uur", NULL},
        /* what OCR makes of m and of digits */
        {"28 rnei 2024", "2024-05-28"},
        {"3 novernber 2025", "2025-11-03"},
        {"l4 december 2O21", "2021-12-14"},
        {"Oktober 2024", NULL},
        {"september", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char iso[11] = "";
        size_t used = date_nl_parse(cases[i].text, iso);
        if (cases[i].iso ? !used || strcmp(iso, cases[i].iso) : used != 0)
            fail_msg("\"%s\": expected %s, got %s", cases[i].text,
                     cases[i].iso ? cases[i].iso : "no date", used ? iso : "no date");
    }
    char iso[11];
    assert_int_equal(date_nl_parse("14 dec. 2021 en verder", iso), strlen("14 dec. 2021"));
}

static void test_genre_and_date(void **state)
{
    static const struct {
        const char *text, *genre, *date;
    } cases[] = {
        {"Raadsvoorstel\n\nDatum: 3 september 2024\nOnderwerp: POK\n\nDe raad besluit:\n",
         "raadsvoorstel", "2024-09-03"},
        {"Collegebesluit\n\nBehandeld in B&W-vergadering: 12-03-2024\nDatum: 1 maart 2024\n",
         "collegebesluit", "2024-03-12"},
        {"Programmabegroting 2025\n\nDe begroting van de gemeente.\n", "begroting", ""},
        {"Jaarrekening 2023\n\nWoerden, 15 april 2024\n", "jaarrekening", "2024-04-15"},
        /* a date field as OCR read it */
        {"Raadsinformatiebrief\n\nDatum: l4 rnaart 2O24\n", "raadsinformatiebrief", "2024-03-14"},
        {"Meicirculaire gemeentefonds 2022\n\nDe bedragen.\n", "circulaire", ""},
        /* a body that names a jaarrekening and a circulaire in passing is still overig */
        {"Notitie\n\nIn de jaarrekening 2022 en de decembercirculaire staat het.\n", "overig", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ReadDoc doc = {0};
        ReadResult res = {0};
        analyse_text("t.txt", cases[i].text, NULL, &doc, &res);
        if (strcmp(res.genre, cases[i].genre) || strcmp(res.date, cases[i].date))
            fail_msg("case %zu: expected %s %s, got %s %s", i, cases[i].genre, cases[i].date,
                     res.genre, res.date);
        read_result_free(&res);
        read_doc_free(&doc);
    }
}

static void test_references(void **state)
{
    ReadDoc doc = {0};
    ReadResult res = {0};
    analyse_text("t.txt",
                 "Uw kenmerk: ABC/2024/0123\n"
                 "Ons kenmerk: Z-24-1001\n"
                 "Telefoon: 070-3738393\n"
                 "Datum: 14-12-2024\n"
                 "Zaaknummer: 2024.00123\n"
                 "Zie www.example.nl/2024-1234 en de periode 2021-2023.\n"
                 "Registratienummer 887766\n"
                 "Ons kenmerk: Z-24-1001\n"
                 "€ 459.500\n"
                 "2024-052874\n"
                 "Nummer: RV 2025-088\n"
                 "Begrotingswijziging 2025, nummer BW-2025-04\n",
                 NULL, &doc, &res);
    static const char *const want[] = {"ABC/2024/0123", "Z-24-1001",   "2024.00123", "887766",
                                       "2024-052874",   "RV 2025-088", "BW-2025-04"};
    assert_int_equal(res.nrefs, sizeof want / sizeof *want);
    for (size_t i = 0; i < res.nrefs; i++) assert_string_equal(res.references[i], want[i]);
    read_result_free(&res);
    read_doc_free(&doc);
}

/* OCR puts spaces into long digit runs: on a page read by OCR a labelled reference's last
 * fragment of one to three digits joins it; on a text page the text is as it is. */
static void test_references_ocr(void **state)
{
    for (int ocr = 0; ocr <= 1; ocr++) {
        ReadDoc doc = {0};
        doc.file = "scan.pdf";
        const char *lines[] = {"Collegebesluit", "Zaaknummer: GM-2025-001 17",
                               "Kenmerk: Z/25/18 ok"};
        for (size_t i = 0; i < 3; i++)
            read_doc_add_line(&doc, 1, lines[i], strlen(lines[i]), NULL, 0);
        if (ocr) {
            doc.ocr_pages = arena_alloc(&doc.arena, sizeof *doc.ocr_pages);
            doc.ocr_pages[0] = 1;
            doc.n_ocr = 1;
        }
        ReadResult res = {0};
        PokErr err = {0};
        assert_int_equal(read_analyse(&doc, NULL, &res, &err), 0);
        assert_int_equal(res.nrefs, 2);
        assert_string_equal(res.references[0], ocr ? "GM-2025-00117" : "GM-2025-001");
        assert_string_equal(res.references[1], "Z/25/18"); /* not followed by digits alone */
        read_result_free(&res);
        read_doc_free(&doc);
    }
}

static void test_decisions(void **state)
{
    ReadDoc doc = {0};
    ReadResult res = {0};
    /* a partial grant is two decisions; a proposal and a decision on something else are
     * none */
    analyse_text("t.txt",
                 "Raadsinformatiebrief POK-middelen\n\n"
                 "Het college heeft op 2 april 2024 het verzoek van de bibliotheek voor 2024\n"
                 "toegekend en voor 2025 afgewezen.\n\n"
                 "De raad heeft op 9 juli 2024 de verordening parkeren vastgesteld.\n\n"
                 "Op 1 oktober 2024 wordt aan de raad voorgesteld de POK-middelen te verdelen.\n",
                 NULL, &doc, &res);
    assert_int_equal(res.ndecisions, 2);
    assert_string_equal(res.decisions[0].date, "2024-04-02");
    assert_int_equal(res.decisions[0].adopted, 1);
    assert_string_equal(res.decisions[1].date, "2024-04-02");
    assert_int_equal(res.decisions[1].adopted, 0);
    assert_string_equal(res.decisions[1].body, "college");
    read_result_free(&res);
    read_doc_free(&doc);
    /* an advice becomes the college's decision when the document records it, dated by
     * that record */
    analyse_text("t.txt",
                 "Adviesnota aan het college\nDatum: 18 november 2025\n\nAdvies\n"
                 "Het bestedingsplan POK-middelen 2025-2026 vast te stellen.\n\nToelichting\n"
                 "Het plan.\n\nBesluit college: conform advies, 2 december 2025.\n",
                 NULL, &doc, &res);
    assert_string_equal(res.genre, "adviesnota");
    assert_string_equal(res.date, "2025-11-18");
    assert_int_equal(res.ndecisions, 1);
    assert_string_equal(res.decisions[0].date, "2025-12-02");
    assert_int_equal(res.decisions[0].adopted, 1);
    read_result_free(&res);
    read_doc_free(&doc);
    /* without the record it is advice only */
    analyse_text("t.txt",
                 "Adviesnota aan het college\nDatum: 18 november 2025\n\nAdvies\n"
                 "Het bestedingsplan POK-middelen 2025-2026 vast te stellen.\n",
                 NULL, &doc, &res);
    assert_int_equal(res.ndecisions, 0);
    read_result_free(&res);
    read_doc_free(&doc);
    /* a collegebesluit's items under "Besluit": a partial grant */
    analyse_text("t.txt",
                 "Collegebesluit\nDatum collegevergadering: 21 januari 2025\n\nBesluit\n"
                 "1. Het verzoek van de stichting toe te kennen voor 2025 en 2026 uit de\n"
                 "   POK-middelen.\n2. Het verzoek af te wijzen voor het jaar 2027.\n\n"
                 "Samenvatting\nDe stichting vraagt geld.\n",
                 NULL, &doc, &res);
    assert_int_equal(res.ndecisions, 2);
    assert_int_equal(res.decisions[0].adopted, 1);
    assert_int_equal(res.decisions[1].adopted, 0);
    assert_string_equal(res.decisions[1].date, "2025-01-21");
    read_result_free(&res);
    read_doc_free(&doc);
    /* "het voorstel" as the object of a decision taken; a present passive is to come */
    analyse_text("t.txt",
                 "Raadsinformatiebrief POK-middelen\n\n"
                 "Het college heeft op 3 mei 2024 besloten het voorstel van de stichting voor\n"
                 "de POK-middelen te honoreren.\n\n"
                 "De verdeling van de POK-middelen wordt in juni door de raad vastgesteld.\n",
                 NULL, &doc, &res);
    assert_int_equal(res.ndecisions, 1);
    assert_string_equal(res.decisions[0].date, "2024-05-03");
    assert_int_equal(res.decisions[0].adopted, 1);
    read_result_free(&res);
    read_doc_free(&doc);
    /* a raadsvoorstel's "Te nemen besluit" is not taken yet */
    analyse_text("t.txt",
                 "Te nemen besluit\n\n1. De bestedingsdoelen van de POK-middelen vaststellen.\n",
                 NULL, &doc, &res);
    assert_string_equal(res.genre, "raadsvoorstel");
    assert_int_equal(res.ndecisions, 0);
    read_result_free(&res);
    read_doc_free(&doc);
}

static void test_date_check(void **state)
{
    ReadDoc doc = {0};
    ReadResult res = {0};
    /* two different letters, close together: normal */
    analyse_text("t.txt",
                 "In de brief van de Ombudsman van 3 maart 2024 vraagt zij om POK-middelen.\n"
                 "In de brief van de Belastingdienst van 5 maart 2024 staat iets anders.\n"
                 "Bijlage 1 - brief van de Ombudsman 3 maart 2024\n",
                 NULL, &doc, &res);
    assert_int_equal(date_findings(&res), 0);
    read_result_free(&res);
    read_doc_free(&doc);
    /* the same sender's letters months apart: two letters, no finding */
    analyse_text("t.txt",
                 "De brief van de Sociale Raadslieden van 3 maart 2024 over de wachtlijst.\n\n"
                 "De brief van de Sociale Raadslieden van 10 juni 2024 over de wachtlijst.\n",
                 NULL, &doc, &res);
    assert_int_equal(date_findings(&res), 0);
    read_result_free(&res);
    read_doc_free(&doc);
    /* a committee and the council a week apart on the same subject: two meetings */
    analyse_text("t.txt",
                 "In de commissievergadering van 3 juni 2025 over het Bestedingsplan POK is het\n"
                 "plan besproken.\n\nIn de raadsvergadering van 10 juni 2025 over het "
                 "Bestedingsplan POK\nwordt het plan vastgesteld.\n",
                 NULL, &doc, &res);
    assert_int_equal(date_findings(&res), 0);
    read_result_free(&res);
    read_doc_free(&doc);
    /* the same letter a day apart: the finding is at the second mention */
    analyse_text("t.txt",
                 "Samenvatting\n\nDe Sociale Raadslieden vragen (brief d.d. 3 maart\n2024) om "
                 "extra uren.\n\nBijlagen\n\nBijlage 1 - Brief van Sociale Raadslieden 4 maart "
                 "2024 over extra uren\n",
                 NULL, &doc, &res);
    assert_int_equal(date_findings(&res), 1);
    assert_int_equal(res.findings[0].line, 8);
    assert_non_null(strstr(res.findings[0].message, "3 maart 2024"));
    assert_non_null(strstr(res.findings[0].message, "4 maart 2024"));
    assert_non_null(strstr(res.findings[0].message, "in de bijlagenlijst"));
    read_result_free(&res);
    read_doc_free(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_000_amstelveen), cmocka_unit_test(test_seed_001_olst_wijhe),
        cmocka_unit_test(test_seed_002_vng),        cmocka_unit_test(test_seed_003_overbetuwe),
        cmocka_unit_test(test_seed_004_hillegom),   cmocka_unit_test(test_municipality_matching),
        cmocka_unit_test(test_dutch_dates),         cmocka_unit_test(test_genre_and_date),
        cmocka_unit_test(test_references),          cmocka_unit_test(test_references_ocr),
        cmocka_unit_test(test_decisions),           cmocka_unit_test(test_date_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
