/* ledger.c: pok ledger totals|bookings|imports: sums straight from a general-ledger
 * (grootboek) file, the bookings behind a realised amount, and the imports made. */
#include "../ingest/ledger.h"
#include "../money.h"
#include "../store/store_ledger.h"
#include "../store/store_records.h"
#include "../textable.h"
#include "cli.h"

#include <stdio.h>

/* A text field of the CSV output (buf_csv_text: neutralised against formulas); amounts
 * go through buf_csv_field as they are. */
static void csv_put(Buf *b, const char *text)
{
    buf_csv_text(b, text);
}

static const char usage_totals[] =
    "pok ledger totals BESTAND [--key-column NAAM] [--format text|csv]";

static int cmd_ledger_totals(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *key = NULL, *format = "text";
    CliOpt opts[] = {{"key-column", 1, &key, NULL}, {"format", 1, &format, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_totals);
    if (rc) return rc;
    OutputFormat fmt;
    if (cli_format(format, 1, &fmt) || fmt == FORMAT_JSON)
        return cli_fail("veld 'format': verwacht text of csv, niet '%s'", format);
    Arena a = {0};
    LedgerSum *sums;
    size_t n;
    if (ledger_totals(pos[0], key, 1, &a, &sums, &n, &cli->err)) return cli_finish(cli, -1, &a);
    Buf b = {0};
    char money[MONEY_BUFSZ];
    if (fmt == FORMAT_CSV) {
        buf_printf(&b, "%s,jaar,aantal,bedrag\n", key && *key ? key : LEDGER_DEFAULT_KEY);
        for (size_t i = 0; i < n; i++) {
            csv_put(&b, sums[i].key);
            buf_printf(&b, ",%d,%lld,", sums[i].year, (long long)sums[i].lines);
            buf_csv_field(&b, money_format_plain(sums[i].cents, money));
            buf_puts(&b, "\n");
        }
        rc = cli_write_stdout(&b, &cli->err);
    } else {
        static const char *const headers[] = {"code", "jaar", "regels", "bedrag"};
        TextTable t;
        tt_init(&t, &a, 4, headers, "lrrr");
        for (size_t i = 0; i < n; i++) {
            const char *cells[4] = {sums[i].key, arena_printf(&a, "%d", sums[i].year),
                                    cli_count(&a, sums[i].lines), cli_money(&a, sums[i].cents)};
            tt_row(&t, cells);
        }
        tt_print(&t, stdout);
    }
    buf_free(&b);
    return cli_finish(cli, rc, &a);
}

static const char usage_bookings[] =
    "pok ledger bookings MAATREGEL [--year JAAR] [--format text|csv]";

static int cmd_ledger_bookings(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *year_text = NULL, *format = "text";
    CliOpt opts[] = {{"year", 1, &year_text, NULL}, {"format", 1, &format, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_bookings);
    if (rc) return rc;
    OutputFormat fmt;
    if (cli_format(format, 1, &fmt) || fmt == FORMAT_JSON)
        return cli_fail("veld 'format': verwacht text of csv, niet '%s'", format);
    int64_t id;
    int year = 0;
    if (cli_id("maatregel", pos[0], &id, &cli->err) ||
        (year_text && cli_year("year", year_text, &year, &cli->err)))
        return cli_fail_err(&cli->err);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Measure m;
    int found = store_measure_get(s, id, &a, &m, &cli->err);
    if (found == 0) err_set(&cli->err, "maatregel %lld bestaat niet", (long long)id);
    if (found != 1) return cli_finish(cli, -1, &a);
    Booking *b;
    size_t n;
    if (store_ledger_bookings(s, id, year, &a, &b, &n, &cli->err)) return cli_finish(cli, -1, &a);
    char money[MONEY_BUFSZ];
    Buf out = {0};
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) total += b[i].amount_cents; /* stored sums are checked */
    if (fmt == FORMAT_CSV) {
        buf_puts(&out, "jaar,boekdatum,periode,grootboekrekening,kostenplaats,taakveld,bedrag,"
                       "omschrijving,documentnummer,bestand,regel,import\n");
        for (size_t i = 0; i < n; i++) {
            buf_printf(&out, "%d,", b[i].year);
            csv_put(&out, b[i].booking_date);
            buf_printf(&out, ",%d,", b[i].period);
            csv_put(&out, b[i].account);
            buf_puts(&out, ",");
            csv_put(&out, b[i].cost_centre);
            buf_puts(&out, ",");
            csv_put(&out, b[i].taakveld);
            buf_puts(&out, ",");
            buf_csv_field(&out, money_format_plain(b[i].amount_cents, money));
            buf_puts(&out, ",");
            csv_put(&out, b[i].description);
            buf_puts(&out, ",");
            csv_put(&out, b[i].document);
            buf_puts(&out, ",");
            csv_put(&out, b[i].file_name);
            buf_printf(&out, ",%lld,%lld\n", (long long)b[i].line, (long long)b[i].import_id);
        }
        rc = cli_write_stdout(&out, &cli->err);
    } else {
        printf("maatregel %lld (%s)%s: %s %s, totaal %s\n", (long long)id, m.name,
               year ? arena_printf(&a, ", %d", year) : "", cli_count(&a, (int64_t)n),
               n == 1 ? "boeking" : "boekingen", cli_money(&a, total));
        static const char *const headers[] = {"jaar",         "datum",        "document",
                                              "rekening",     "kostenpl.",    "bedrag",
                                              "omschrijving", "bestand:regel"};
        TextTable t;
        tt_init(&t, &a, 8, headers, "llllrrll");
        for (size_t i = 0; i < n; i++) {
            const char *cells[8] = {
                arena_printf(&a, "%d", b[i].year),
                b[i].booking_date,
                b[i].document,
                b[i].account,
                b[i].cost_centre,
                cli_money(&a, b[i].amount_cents),
                b[i].description,
                arena_printf(&a, "%s:%lld", b[i].file_name, (long long)b[i].line)};
            tt_row(&t, cells);
        }
        if (n) tt_print(&t, stdout);
    }
    buf_free(&out);
    return cli_finish(cli, rc, &a);
}

static const char usage_imports[] = "pok ledger imports CODE";

static int cmd_ledger_imports(Cli *cli, int argc, char **argv)
{
    const char *pos[1];
    CliOpt opts[] = {{0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_imports);
    if (rc) return rc;
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Municipality muni;
    if (cli_municipality(s, pos[0], &a, &muni, &cli->err)) return cli_finish(cli, -1, &a);
    LedgerImport *imp;
    size_t n;
    if (store_ledger_imports(s, muni.code, &a, &imp, &n, &cli->err)) return cli_finish(cli, -1, &a);
    if (!n) {
        printf("nog geen grootboekimport voor %s\n", muni.code);
        return cli_finish(cli, 0, &a);
    }
    static const char *const headers[] = {"nr",    "tijdstip", "door",        "bestand", "regels",
                                          "nieuw", "bekend",   "ongekoppeld", "bron"};
    TextTable t;
    tt_init(&t, &a, 9, headers, "rllrrrrrr");
    for (size_t i = 0; i < n; i++) {
        const char *cells[9] = {arena_printf(&a, "%lld", (long long)imp[i].id),
                                imp[i].imported_at,
                                imp[i].actor,
                                imp[i].file_name,
                                cli_count(&a, imp[i].lines),
                                cli_count(&a, imp[i].bookings_new),
                                cli_count(&a, imp[i].bookings_known),
                                cli_count(&a, imp[i].unmapped_lines),
                                cli_id_text(&a, imp[i].source_id)};
        tt_row(&t, cells);
    }
    tt_print(&t, stdout);
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(ledger, 280) = {
    {"ledger", "totals", cmd_ledger_totals, usage_totals,
     "Telt een grootboekexport op per kostenplaats (of de kolom van --key-column) en\n"
     "jaar, over alle regels, zonder database: de aansluiting voor de afdeling financiën.\n"
     "Elke regel wordt gecontroleerd zoals bij 'pok import ledger'.\n"
     "  --key-column NAAM  tel op per deze kolom in plaats van kostenplaats\n"
     "  --format csv       als CSV: kostenplaats,jaar,aantal,bedrag (bedrag als \"-1234,56\")\n"
     "voorbeeld: pok ledger totals grootboek2024.csv --format csv > totalen.csv"},
    {"ledger", "bookings", cmd_ledger_bookings, usage_bookings,
     "Toont de boekingen achter de realisatie van een maatregel: datum, document,\n"
     "rekening, kostenplaats, bedrag, omschrijving, en uit welk bestand en welke regel\n"
     "ze kwamen. Het totaal is gelijk aan de realisatie.\n"
     "  --year JAAR    alleen dit jaar\n"
     "  --format csv   als CSV\n"
     "voorbeeld: pok ledger bookings 12 --year 2024"},
    {"ledger", "imports", cmd_ledger_imports, usage_imports,
     "Toont de grootboekimports van een gemeente, nieuwste eerst: wie, wanneer, welk\n"
     "bestand, hoeveel regels, nieuwe en al bekende boekingen, en de bron waarnaar de\n"
     "realisaties verwijzen.\n"
     "voorbeeld: pok ledger imports GM1734"},
    {0},
};
