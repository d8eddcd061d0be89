/* test_read_amounts.c: pok read's amounts, tables and checks on ReadDocs built in memory
 * (plain lines as the seeds are, and lines with word boxes as PDF and OCR give them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs */

#include <string.h>

#include "read/read.h"
#include "read/read_amounts.h"

typedef struct Fixture {
    ReadDoc doc;
    ReadResult res;
} Fixture;

static void lines(Fixture *f, const char *const *text)
{
    memset(f, 0, sizeof *f);
    f->doc.file = "test.txt";
    f->doc.pages = 1;
    for (size_t i = 0; text[i]; i++)
        read_doc_add_line(&f->doc, 1, text[i], strlen(text[i]), NULL, 0);
}

static void analyse(Fixture *f)
{
    memset(&f->res, 0, sizeof f->res);
    f->res.genre = "overig";
    read_amounts(&f->doc, &f->res);
}

static void done(Fixture *f)
{
    read_result_free(&f->res);
    read_doc_free(&f->doc);
}

/* The amount of cents with label starting label_start (and year, when year >= 0). */
static const ReadAmount *find(const Fixture *f, int64_t cents, const char *label_start, int year)
{
    for (size_t i = 0; i < f->res.namounts; i++) {
        const ReadAmount *a = &f->res.amounts[i];
        if (a->cents == cents && strncmp(a->label, label_start, strlen(label_start)) == 0 &&
            (year < 0 || a->year == year))
            return a;
    }
    return NULL;
}

static const char *const seed003_available[] = {
    "Over de periode 2024 tot en met 2027 is het volgende beschikbaar aan POK- gelden:",
    "",
    "Beschikbare POK-middelen 2024 2025 2026 2027",
    "Restant POK 2021-2023 (bestemmingsreserve overhevelingen) | \xe2\x82\xac 459.500 - - -",
    "POK middelen 2024-2027 \xe2\x82\xac 175.000 | \xe2\x82\xac 180.000| \xe2\x82\xac 180.000| "
    "\xe2\x82\xac 180.000",
    "Totaal \xe2\x82\xac 596.437|\xe2\x82\xac"
    "180.000| \xe2\x82\xac 180.000| \xe2\x82\xac 180.000",
    "",
    "De POK-gelden zijn gereserveerd voor het doel waar ze voor beschikbaar zijn gesteld.",
    NULL};

static void test_seed003_total_error_found(void **state)
{
    (void)state;
    Fixture f;
    lines(&f, seed003_available);
    analyse(&f);
    assert_int_equal(f.res.nfindings, 1);
    const ReadFinding *x = &f.res.findings[0];
    assert_int_equal(x->kind, READ_FINDING_SUM);
    assert_int_equal(x->stated_cents, 59643700);
    assert_int_equal(x->computed_cents, 63450000);
    assert_int_equal(x->line, 6);
    assert_string_equal(x->quote, seed003_available[5]);
    assert_non_null(strstr(x->message, "2024"));
    assert_non_null(strstr(x->message, "\xe2\x82\xac 38.063"));
    const ReadAmount *a = find(&f, 45950000, "Restant POK", 2024);
    assert_non_null(a);
    assert_int_equal(a->kind, READ_RESERVE_BALANCE);
    assert_int_equal(find(&f, 18000000, "POK middelen", 2027)->kind, READ_ALLOCATION);
    assert_int_equal(find(&f, 18000000, "Totaal", 2026)->kind, READ_TOTAL);
    assert_int_equal(f.res.namounts, 9); /* the dashes are no amounts, the label's years neither */
    done(&f);
}

/* Seed 003's plan: rows with fewer cells than columns, placed by the totals alone. */
static const char *const seed003_plan[] = {
    "Bestedingsdoelen POK-middelen 2024 2025 2026",
    "Uitbreiding sociaal raadslieden \xe2\x82\xac 62.000| \xe2\x82\xac 70.000",
    "",
    "Inzet stimulering zelfstandige Huiskamers \xc2\xa3 165.000 [ \xe2\x82\xac 100.000",
    "",
    "Uitbreiding onafhankelijke cli\xc3\xa9ntondersteuning \xe2\x82\xac 52 500 \xe2\x82\xac 40.000",
    "",
    "Uitbreiding financigle onderst. en thuisadmin. \xe2\x82\xac 20.000",
    "",
    "Jobhunter \xe2\x82\xac 100.000",
    "",
    "Implementatie hervormingsagenda \xe2\x82\xac 125.000| \xe2\x82\xac 125.000",
    "Implementatie verordening sociaal domein \xe2\x82\xac 70.000| \xe2\x82\xac 65.000",
    "Totale uitgaven \xe2\x82\xac 399.500 [ \xe2\x82\xac 405.000( \xe2\x82\xac 190.000",
    "Dekking 2024 2025 2026",
    "POK middelen 2024-2026 \xe2\x82\xac 175.000 | \xe2\x82\xac 180.000( \xe2\x82\xac 180.000",
    "Onttrekking claim POK bestemmingsreserve overhevelingen \xe2\x82\xac 224 500 "
    "(\xe2\x82\xac 225.000)1 \xe2\x82\xac 10.000",
    "Totale dekking \xe2\x82\xac 399.500 | \xe2\x82\xac 405.000( \xe2\x82\xac 190.000",
    "Restant claim bestemmingsreserve overhevelingen \xe2\x82\xac 235.000| \xe2\x82\xac 10.000 "
    "\xe2\x82\xac"
    "0",
    "Restant POK middelen 2024-2026 \xe2\x82\xac"
    "0 \xe2\x82\xac"
    "0 \xe2\x82\xac"
    "0",
    NULL};

static void test_right_aligned_rows_resolved_by_totals(void **state)
{
    (void)state;
    Fixture f;
    lines(&f, seed003_plan);
    analyse(&f);
    assert_int_equal(f.res.nfindings, 0);
    assert_int_equal(f.res.nunchecked, 0);
    /* the 2024 column only adds up with these two rows placed from 2025 */
    assert_non_null(find(&f, 12500000, "Implementatie hervormingsagenda", 2025));
    assert_non_null(find(&f, 12500000, "Implementatie hervormingsagenda", 2026));
    assert_non_null(find(&f, 6500000, "Implementatie verordening", 2026));
    assert_non_null(find(&f, 10000000, "Jobhunter", 2024));
    /* OCR damage: £ for €, [ for |, a space for the thousands dot, a footnote digit */
    assert_int_equal(find(&f, 16500000, "Inzet stimulering", 2024)->kind, READ_PLAN);
    assert_non_null(find(&f, 5250000, "Uitbreiding onafhankelijke", 2024));
    assert_int_equal(find(&f, 22500000, "Onttrekking", 2025)->kind, READ_RESERVE_WITHDRAWAL);
    assert_int_equal(find(&f, 22450000, "Onttrekking", 2024)->kind, READ_RESERVE_WITHDRAWAL);
    assert_null(find(&f, 100, "Onttrekking", -1)); /* the footnote "1" is no amount */
    assert_int_equal(find(&f, 0, "Restant claim", 2026)->kind, READ_RESERVE_BALANCE);
    assert_int_equal(find(&f, 0, "Restant POK middelen", 2026)->kind, READ_OTHER);
    assert_int_equal(find(&f, 17500000, "POK middelen", 2024)->kind, READ_ALLOCATION);
    done(&f);
}

static void test_coverage_and_reserve_errors(void **state)
{
    (void)state;
    const char *const text[] = {
        "Bestedingsdoelen 2024 2025 2026",
        "Sociaal raadslieden \xe2\x82\xac 60.000 \xe2\x82\xac 60.000 \xe2\x82\xac 60.000",
        "Totale uitgaven \xe2\x82\xac 60.000 \xe2\x82\xac 60.000 \xe2\x82\xac 60.000",
        "Dekking 2024 2025 2026",
        "POK middelen \xe2\x82\xac 40.000 \xe2\x82\xac 40.000 \xe2\x82\xac 40.000",
        "Onttrekking bestemmingsreserve \xe2\x82\xac 20.000 \xe2\x82\xac 20.000 \xe2\x82\xac "
        "20.000",
        "Totale dekking \xe2\x82\xac 60.000 \xe2\x82\xac 60.000 \xe2\x82\xac 60.000",
        "Restant bestemmingsreserve \xe2\x82\xac 80.000 \xe2\x82\xac 70.000 \xe2\x82\xac 30.000",
        NULL};
    Fixture f;
    lines(&f, text);
    analyse(&f);
    /* 80.000 - 20.000 is not 70.000, 70.000 - 20.000 not 30.000: the rule holds in no
     * year, so the row is no roll-forward the table confirms */
    assert_int_equal(f.res.nfindings, 0);
    done(&f);

    const char *const text2[] = {
        "Dekking 2023 2024 2025 2026",
        "Onttrekking bestemmingsreserve \xe2\x82\xac 10.000 \xe2\x82\xac 20.000 \xe2\x82\xac "
        "20.000 "
        "\xe2\x82\xac 20.000",
        "Stand bestemmingsreserve \xe2\x82\xac 100.000 \xe2\x82\xac 80.000 \xe2\x82\xac 60.000 "
        "\xe2\x82\xac 30.000",
        NULL};
    lines(&f, text2);
    analyse(&f);
    assert_int_equal(f.res.nfindings, 1);
    assert_int_equal(f.res.findings[0].kind, READ_FINDING_RESERVE);
    assert_int_equal(f.res.findings[0].stated_cents, 3000000);
    assert_int_equal(f.res.findings[0].computed_cents, 4000000);
    assert_non_null(strstr(f.res.findings[0].message, "2026"));
    done(&f);

    const char *const text3[] = {"Uitgaven 2024 2025",
                                 "Plan A \xe2\x82\xac 10.000 \xe2\x82\xac 10.000",
                                 "Totale uitgaven \xe2\x82\xac 10.000 \xe2\x82\xac 10.000",
                                 "Dekking 2024 2025",
                                 "POK middelen \xe2\x82\xac 10.000 \xe2\x82\xac 5.000",
                                 "Totale dekking \xe2\x82\xac 10.000 \xe2\x82\xac 5.000",
                                 NULL};
    lines(&f, text3);
    analyse(&f);
    /* dekking 5.000 against uitgaven 10.000 in 2025, while 2024 holds */
    assert_int_equal(f.res.nfindings, 1);
    assert_int_equal(f.res.findings[0].kind, READ_FINDING_COVERAGE);
    assert_int_equal(f.res.findings[0].stated_cents, 500000);
    assert_int_equal(f.res.findings[0].computed_cents, 1000000);
    done(&f);
}

static void test_ambiguous_without_totals(void **state)
{
    (void)state;
    const char *const text[] = {"Overzicht van de bedragen:", "Onderdeel 2024 | 2025 | 2026",
                                "Project A 10.000 | 12.000 | 14.000", "Project B 8.000 9.000",
                                NULL};
    Fixture f;
    lines(&f, text);
    analyse(&f);
    assert_int_equal(f.res.nfindings, 0);
    assert_non_null(find(&f, 1400000, "Project A", 2026));
    /* two cells in three columns and no total to decide: no year */
    assert_non_null(find(&f, 800000, "Project B", 0));
    assert_non_null(find(&f, 900000, "Project B", 0));
    done(&f);
}

static void test_thousands_table_and_row_totals(void **state)
{
    (void)state;
    const char *const text[] = {"(bedragen x \xe2\x82\xac 1.000)",
                                "Maatregel 2024 2025 Totaal",
                                "Ombudsfunctie 12 13 25",
                                "Schuldhulp 30 - 30",
                                "Wijkteams 20 25 50",
                                "Totaal 62 38 100",
                                NULL};
    Fixture f;
    lines(&f, text);
    analyse(&f);
    assert_non_null(find(&f, 1200000, "Ombudsfunctie", 2024));
    assert_non_null(find(&f, 3000000, "Schuldhulp", 2024));
    assert_null(find(&f, 0, "Schuldhulp", -1)); /* "-" is no amount */
    /* the row "Wijkteams" does not add up (20 + 25 = 45, not 50); three rows confirm the
     * rule, the columns add up */
    assert_int_equal(f.res.nfindings, 1);
    assert_int_equal(f.res.findings[0].stated_cents, 5000000);
    assert_int_equal(f.res.findings[0].computed_cents, 4500000);
    assert_int_equal(f.res.findings[0].line, 5);
    done(&f);
}

static void test_geometry_places_cells(void **state)
{
    (void)state;
    Fixture f;
    memset(&f, 0, sizeof f);
    f.doc.file = "test.pdf";
    f.doc.pages = 1;
    f.doc.has_geometry = 1;
    ReadWord h[] = {{"Bedragen", 50, 100, 110, 110},
                    {"2024", 300, 100, 330, 110},
                    {"2025", 400, 100, 430, 110},
                    {"2026", 500, 100, 530, 110}};
    read_doc_add_line(&f.doc, 1, "Bedragen 2024 2025 2026", 23, h, 4);
    ReadWord r[] = {{"Jobhunter", 50, 120, 110, 130},
                    {"\xe2\x82\xac", 395, 120, 402, 130},
                    {"30.000", 405, 120, 440, 130}};
    const char *rt = "Jobhunter \xe2\x82\xac 30.000";
    read_doc_add_line(&f.doc, 1, rt, strlen(rt), r, 3);
    analyse(&f);
    assert_non_null(find(&f, 3000000, "Jobhunter", 2025));
    done(&f);
}

static void test_prose_amounts(void **state)
{
    (void)state;
    const char *const text[] = {
        "Periode 2021 en 2022",
        "",
        "Waardoor de budgetten van 2021 (\xe2\x82\xac 105.436) en 2022 (85.352) niet zijn ingezet.",
        "In 2024 ontvangt gemeente Hillegom een bedrag van \xe2\x82\xac 80.794.",
        "De gemeente telt 1.900 inwoners en de uitbreiding gaat van 5,5 naar 24 uur per week.",
        "Zie Lbr. 21/083 en zaaknummer 2024-052874, telefoon 14 0252.",
        "Realisatie 2023",
        "Afgelopen jaar is \xe2\x82\xac 66.983 van de POK-middelen ingezet.",
        "Voor gemeenten is tot en met 2027 per jaar \xe2\x82\xac 150 miljoen beschikbaar.",
        "Wij willen in 2025 \xe2\x82\xac 1,2 miljoen inzetten voor actielijn 4.",
        NULL};
    Fixture f;
    lines(&f, text);
    analyse(&f);
    assert_int_equal(find(&f, 10543600, "Waardoor", 2021)->kind, READ_ALLOCATION);
    assert_int_equal(find(&f, 8535200, "Waardoor", 2022)->kind, READ_ALLOCATION);
    assert_int_equal(find(&f, 8079400, "In 2024", 2024)->kind, READ_ALLOCATION);
    assert_int_equal(find(&f, 6698300, "Afgelopen", 2023)->kind, READ_REALISATION);
    const ReadAmount *n = find(&f, (int64_t)15000000000, "Voor gemeenten", 0);
    assert_non_null(n);
    assert_int_equal(n->kind, READ_OTHER);
    const ReadAmount *m = find(&f, 120000000, "Wij willen", 2025);
    assert_non_null(m);
    assert_int_equal(m->kind, READ_PLAN);
    assert_int_equal(m->actielijn, 4);
    assert_int_equal(f.res.namounts, 6); /* no people, hours, references, phone numbers */
    done(&f);
}

static void test_consistent_document_and_prose_total(void **state)
{
    (void)state;
    const char *const text[] = {"In de decembercirculaire staan de volgende bedragen:",
                                "actielijnen 2021 | 2022 | 2023 | 2024",
                                "2. Robuust 19.000 | 20.000 | 22.000 | 22.000",
                                "rechtsbeschermingssysteem",
                                "",
                                "5. Impuls integraal werken 25.000 4.000 2.000",
                                "",
                                "Het budget van actielijn 2, in totaal \xe2\x82\xac 83.000, zetten "
                                "we in voor de ombudsfunctie.",
                                "Het budget van in totaal \xe2\x82\xac 500.000 is ruim.",
                                NULL};
    Fixture f;
    lines(&f, text);
    analyse(&f);
    assert_int_equal(f.res.nfindings, 0);
    const ReadAmount *a = find(&f, 1900000, "2. Robuust rechtsbeschermingssysteem", 2021);
    assert_non_null(a);
    assert_int_equal(a->actielijn, 2);
    assert_int_equal(a->kind, READ_ALLOCATION);
    /* actielijn 5 is funded in 2021-2023 only: its three cells are those years */
    assert_non_null(find(&f, 200000, "5. Impuls", 2023));
    assert_int_equal(find(&f, 8300000, "Het budget van actielijn 2", 0)->kind, READ_TOTAL);
    /* 83.000 = the row of actielijn 2: consistent; 500.000 has no known parts */
    assert_int_equal(f.res.nunchecked, 1);
    assert_int_equal(f.res.unchecked[0].cents, 50000000);
    done(&f);
}

static void test_single_column_total_unchecked(void **state)
{
    (void)state;
    const char *const text[] = {"Bestedingsplan 2024 2025", "Project A \xe2\x82\xac 10.000 -",
                                "Project B \xe2\x82\xac 5.000 -", "Totaal \xe2\x82\xac 16.000 -",
                                NULL};
    Fixture f;
    lines(&f, text);
    analyse(&f);
    /* 2025 is empty (it confirms nothing) and 2024 fails: no column confirms the rule */
    assert_int_equal(f.res.nfindings, 0);
    assert_int_equal(f.res.nunchecked, 1);
    assert_int_equal(f.res.unchecked[0].cents, 1600000);
    done(&f);
}

static void test_subtotals_not_counted_twice(void **state)
{
    (void)state;
    const char *const text[] = {"Bestedingsplan POK 2024 2025",
                                "Ombudsfunctie \xe2\x82\xac 10.000 \xe2\x82\xac 10.000",
                                "Sociaal raadslieden \xe2\x82\xac 20.000 \xe2\x82\xac 20.000",
                                "Subtotaal actielijn 2 \xe2\x82\xac 30.000 \xe2\x82\xac 30.000",
                                "Wijkteams \xe2\x82\xac 40.000 \xe2\x82\xac 40.000",
                                "Subtotaal actielijn 4 \xe2\x82\xac 40.000 \xe2\x82\xac 40.000",
                                "Totaal \xe2\x82\xac 70.000 \xe2\x82\xac 75.000",
                                NULL};
    Fixture f;
    lines(&f, text);
    analyse(&f);
    /* 10 + 20 + 40 = 70 (not 140 with the subtotals): 2024 holds, 2025 states 75 */
    assert_int_equal(f.res.nfindings, 1);
    assert_int_equal(f.res.findings[0].stated_cents, 7500000);
    assert_int_equal(f.res.findings[0].computed_cents, 7000000);
    assert_int_equal(f.res.nunchecked, 0);
    done(&f);
    const char *const text2[] = {
        "Bestedingsplan POK 2024 2025 2026",
        "Ombudsfunctie \xe2\x82\xac 10.000 \xe2\x82\xac 10.000 \xe2\x82\xac 10.000",
        "Subtotaal \xe2\x82\xac 10.000 \xe2\x82\xac 10.000 \xe2\x82\xac 10.000",
        "Wijkteams \xe2\x82\xac 40.000 \xe2\x82\xac 40.000 \xe2\x82\xac 40.000",
        "Subtotaal \xe2\x82\xac 40.000 \xe2\x82\xac 40.000 \xe2\x82\xac 40.000",
        "Totaal \xe2\x82\xac 50.000 \xe2\x82\xac 50.000 \xe2\x82\xac 55.000",
        NULL};
    lines(&f, text2);
    analyse(&f);
    assert_int_equal(f.res.nfindings, 1);
    assert_int_equal(f.res.findings[0].stated_cents, 5500000);
    assert_int_equal(f.res.findings[0].computed_cents, 5000000);
    assert_int_equal(f.res.findings[0].line, 6);
    done(&f);
}

static void test_begroting_wijziging_columns(void **state)
{
    (void)state;
    const char *const text[] = {"Begrotingswijziging POK-middelen (bedragen in euro)",
                                "Onderdeel Begroting | Wijziging | Na wijziging",
                                "Sociaal raadslieden 50.000 | 10.000 | 60.000",
                                "Ombudsfunctie 20.000 | 5.000 | 25.000",
                                "Wijkteams 100.000 | 20.000 | 130.000",
                                NULL};
    Fixture f;
    lines(&f, text);
    analyse(&f);
    assert_int_equal(find(&f, 5000000, "Sociaal raadslieden", 0)->kind, READ_PLAN);
    assert_int_equal(find(&f, 6000000, "Sociaal raadslieden", 0)->kind, READ_PLAN);
    /* 100.000 + 20.000 is not 130.000, and two rows confirm the rule */
    assert_int_equal(f.res.nfindings, 1);
    assert_int_equal(f.res.findings[0].stated_cents, 13000000);
    assert_int_equal(f.res.findings[0].computed_cents, 12000000);
    done(&f);
}

static void test_table_over_page_break(void **state)
{
    (void)state;
    Fixture f;
    memset(&f, 0, sizeof f);
    f.doc.file = "test.txt";
    f.doc.pages = 2;
    const char *p1[] = {"Bestedingsdoelen 2024 2025 Totaal",
                        "Ombudsfunctie \xe2\x82\xac 10.000 \xe2\x82\xac 12.000 \xe2\x82\xac 22.000",
                        "Pagina 1 van 2", NULL};
    const char *p2[] = {"Raadsvoorstel POK-middelen", "Bestedingsdoelen 2024 2025 Totaal",
                        "Wijkteams \xe2\x82\xac 30.000 \xe2\x82\xac 30.000 \xe2\x82\xac 60.000",
                        "Totaal \xe2\x82\xac 40.000 \xe2\x82\xac 42.000 \xe2\x82\xac 82.000", NULL};
    for (size_t i = 0; p1[i]; i++) read_doc_add_line(&f.doc, 1, p1[i], strlen(p1[i]), NULL, 0);
    for (size_t i = 0; p2[i]; i++) read_doc_add_line(&f.doc, 2, p2[i], strlen(p2[i]), NULL, 0);
    analyse(&f);
    assert_int_equal(f.res.nfindings, 0);
    assert_int_equal(f.res.nunchecked, 0); /* the total saw both pages' rows */
    const ReadAmount *w = find(&f, 3000000, "Wijkteams", 2025);
    assert_non_null(w);
    assert_int_equal(w->page, 2);
    assert_int_equal(w->kind, READ_PLAN);
    assert_int_equal(find(&f, 6000000, "Wijkteams", 0)->kind, READ_TOTAL);
    assert_null(find(&f, 100, "Pagina", -1));
    done(&f);
}

static void test_per_year_times_years(void **state)
{
    (void)state;
    const char *const text[] = {
        "Voor de ombudsfunctie is van 2024 tot en met 2027 \xe2\x82\xac 35.000 per jaar nodig, in "
        "totaal \xe2\x82\xac 150.000.",
        "Voor de wijkteams is van 2024 tot en met 2027 \xe2\x82\xac 20.000 per jaar nodig, in "
        "totaal \xe2\x82\xac 80.000.",
        NULL};
    Fixture f;
    lines(&f, text);
    analyse(&f);
    assert_int_equal(f.res.nfindings, 1);
    assert_int_equal(f.res.findings[0].stated_cents, 15000000);
    assert_int_equal(f.res.findings[0].computed_cents, 14000000);
    assert_int_equal(f.res.findings[0].line, 1);
    assert_int_equal(f.res.nunchecked, 0);
    const ReadAmount *a = find(&f, 2000000, "Voor de wijkteams", 0); /* per jaar: no one year */
    assert_non_null(a);
    assert_int_equal(find(&f, 8000000, "Voor de wijkteams", 0)->kind, READ_TOTAL);
    done(&f);
}

static void test_rows_that_are_no_parts(void **state)
{
    (void)state;
    const char *const text[] = {"Bestedingsplan (bedragen in euro) 2024 2025 2026",
                                "1. Sociaal raadslieden 50.000 50.000 50.000",
                                "waarvan ombudsfunctie 10.000 10.000 10.000",
                                "2. Schuldhulp 30.000 30.000 30.000",
                                "Formatie (fte) 1,5 1,5 1,5",
                                "Formatie wijkcoaches 0 0 0",
                                "Totaal 80.000 80.000 80.000",
                                NULL};
    Fixture f;
    lines(&f, text);
    analyse(&f);
    assert_int_equal(f.res.nfindings, 0);
    assert_int_equal(f.res.nunchecked, 0);      /* 50 + 30 = 80: the "waarvan" row is inside */
    assert_null(find(&f, 150, "Formatie", -1)); /* fte are no money */
    assert_non_null(find(&f, 1000000, "waarvan", 2025)); /* but the part is an amount */
    /* "1." numbers a list here: no actielijn */
    assert_int_equal(find(&f, 5000000, "1. Sociaal", 2024)->actielijn, 0);
    done(&f);
}

static void test_list_items_in_prose(void **state)
{
    (void)state;
    const char *const text[] = {"Voortgang 2024",
                                "",
                                "Het budget voor dit jaar zetten we als volgt in:",
                                "- Ombudsfunctie: \xe2\x82\xac 20.000",
                                "- Wijkteams: \xe2\x82\xac 30.000",
                                NULL};
    Fixture f;
    lines(&f, text);
    analyse(&f);
    const ReadAmount *a = find(&f, 2000000, "- Ombudsfunctie", 2024);
    assert_non_null(a);
    assert_int_equal(a->kind, READ_PLAN);
    assert_string_equal(a->label, "- Ombudsfunctie: \xe2\x82\xac 20.000");
    assert_int_equal(find(&f, 3000000, "- Wijkteams", 2024)->kind, READ_PLAN);
    done(&f);
}

static void test_reserve_roll_forward_with_opening_rows(void **state)
{
    (void)state;
    const char *const text[] = {"Verloop van de reserve",
                                "Bestemmingsreserve POK 2022 2023 2024",
                                "Stand per 1 januari 0 96.250 120.000",
                                "Toevoegingen 96.250 74.600 38.200",
                                "Onttrekkingen 0 51.900 92.700",
                                "Stand per 31 december 96.250 118.950 65.500",
                                NULL};
    Fixture f;
    lines(&f, text);
    analyse(&f);
    assert_int_equal(find(&f, 9625000, "Stand per 1 januari", 2023)->kind, READ_RESERVE_BALANCE);
    assert_int_equal(find(&f, 7460000, "Toevoegingen", 2023)->kind, READ_RESERVE_DEPOSIT);
    /* 2024 starts at 120.000 where 2023 ended at 118.950; from 120.000 the year ends
     * right at 65.500 */
    assert_int_equal(f.res.nfindings, 1);
    assert_int_equal(f.res.findings[0].kind, READ_FINDING_RESERVE);
    assert_int_equal(f.res.findings[0].stated_cents, 12000000);
    assert_int_equal(f.res.findings[0].computed_cents, 11895000);
    assert_int_equal(f.res.findings[0].line, 3);
    done(&f);
}

/* A finding on a page read by OCR stands only when the second, finer reading repeats it;
 * one it does not repeat (a digit misread once) is listed as unchecked. Findings on text
 * pages need no second reading. */
static void test_scan_findings_confirmed_by_second_reading(void **state)
{
    (void)state;
    ReadDoc doc = {0};
    int ocr_pages[] = {2};
    doc.pages = 2;
    doc.ocr_pages = ocr_pages;
    doc.n_ocr = 1;
    ReadResult first = {0}, second = {0};
    const ReadFinding on_text = {READ_FINDING_SUM, 1, 1, 100, 200, 1, 4, "Totaal 100", "a"};
    const ReadFinding real = {READ_FINDING_SUM, 1, 1, 59643700, 63450000, 2, 5, "Totaal", "b"};
    const ReadFinding misread = {READ_FINDING_SUM, 1, 1, 29500000, 25500000, 2, 13, "Loket", "c"};
    read_add_finding(&first, &on_text);
    read_add_finding(&first, &real);
    read_add_finding(&first, &misread);
    ReadFinding again = real;
    again.line = 6; /* the finer reading may break the lines differently */
    read_add_finding(&second, &again);
    read_confirm_merge(&doc, &first, &second);
    assert_int_equal(first.nfindings, 2);
    assert_int_equal(first.findings[0].stated_cents, 100);
    assert_int_equal(first.findings[1].stated_cents, 59643700);
    assert_int_equal(first.nunchecked, 1);
    assert_int_equal(first.unchecked[0].cents, 29500000);
    assert_int_equal(first.unchecked[0].line, 13);
    /* no second reading (it failed): nothing on the scanned page stands */
    read_confirm_merge(&doc, &first, NULL);
    assert_int_equal(first.nfindings, 1);
    assert_int_equal(first.findings[0].page, 1);
    read_result_free(&first);
    read_result_free(&second);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed003_total_error_found),
        cmocka_unit_test(test_right_aligned_rows_resolved_by_totals),
        cmocka_unit_test(test_coverage_and_reserve_errors),
        cmocka_unit_test(test_ambiguous_without_totals),
        cmocka_unit_test(test_thousands_table_and_row_totals),
        cmocka_unit_test(test_geometry_places_cells),
        cmocka_unit_test(test_prose_amounts),
        cmocka_unit_test(test_consistent_document_and_prose_total),
        cmocka_unit_test(test_single_column_total_unchecked),
        cmocka_unit_test(test_subtotals_not_counted_twice),
        cmocka_unit_test(test_begroting_wijziging_columns),
        cmocka_unit_test(test_table_over_page_break),
        cmocka_unit_test(test_per_year_times_years),
        cmocka_unit_test(test_rows_that_are_no_parts),
        cmocka_unit_test(test_list_items_in_prose),
        cmocka_unit_test(test_reserve_roll_forward_with_opening_rows),
        cmocka_unit_test(test_scan_findings_confirmed_by_second_reading),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
