/* search.c: pok search, the library of measures on the command line: the measures of the
 * municipalities that share them, found by text (Dutch stems, accents folded, synonyms)
 * and filters (store_search.h). */
#include <stdio.h>
#include <string.h>

#include "../money.h"
#include "../search_query.h"
#include "../store/store_search.h"
#include "../textable.h"
#include "../views/search_json.h"
#include "cli.h"

static const char usage_search[] =
    "pok search [TEKST] [--actielijn N] [--doel N] [--partner TEKST] [--status S]\n"
    "    [--oordeel TEKST] [--grootte KLASSE] [--limit N] [--offset N] [--format text|json]";

static int number_option(const char *field, const char *text, int64_t max, int64_t *out,
                         PokErr *err)
{
    long long v;
    if (!text) return 0;
    if (parse_int(text, 1, max, &v))
        return err_set(err, "veld '%s': verwacht een getal van 1 tot %lld, niet '%s'", field,
                       (long long)max, text);
    *out = v;
    return 0;
}

static void print_text(const SearchHit *hits, size_t n, int64_t total, size_t offset, Arena *a)
{
    TextTable t;
    tt_init(&t, a, 7,
            (const char *[]){"id", "gemeente", "maatregel", "status", "gepland", "gerealiseerd",
                             "laatste oordeel"},
            "rlllrrl");
    for (size_t i = 0; i < n; i++) {
        char plan[MONEY_BUFSZ], real[MONEY_BUFSZ];
        const SearchHit *h = &hits[i];
        tt_row(&t, (const char *[]){cli_id_text(a, h->measure_id), h->municipality_name, h->name,
                                    h->status, money_format(h->planned_cents, MONEY_EURO, plan),
                                    money_format(h->realised_cents, MONEY_EURO, real),
                                    h->verdict ? h->verdict : "-"});
    }
    tt_print(&t, stdout);
    if (n)
        printf("%zu-%zu van %lld maatregelen\n", offset + 1, offset + n, (long long)total);
    else
        printf("geen maatregelen gevonden (%lld)\n", (long long)total);
}

static int cmd_search(Cli *cli, int argc, char **argv)
{
    const char *pos[1] = {NULL}, *actielijn = NULL, *doel = NULL, *partner = NULL, *status = NULL,
               *verdict = NULL, *size = NULL, *limit = NULL, *offset = NULL, *format = NULL;
    CliOpt opts[] = {{"actielijn", 1, &actielijn, NULL}, {"doel", 1, &doel, NULL},
                     {"partner", 1, &partner, NULL},     {"status", 1, &status, NULL},
                     {"oordeel", 1, &verdict, NULL},     {"grootte", 1, &size, NULL},
                     {"limit", 1, &limit, NULL},         {"offset", 1, &offset, NULL},
                     {"format", 1, &format, NULL},       {0}};
    int rc = cli_parse(argc, argv, opts, pos, 0, 1, NULL, usage_search);
    if (rc) return rc;
    OutputFormat fmt = FORMAT_TEXT;
    if (format && cli_format(format, 0, &fmt)) return EXIT_USAGE;
    SearchFilter f = {.partner = partner, .verdict = verdict, .limit = 20};
    int64_t lim = 20, off = 0;
    if (number_option("actielijn", actielijn, 1000, &f.actielijn, &cli->err) ||
        number_option("doel", doel, 1000, &f.purpose, &cli->err) ||
        number_option("limit", limit, SEARCH_PAGE_MAX, &lim, &cli->err))
        return cli_fail_err(&cli->err);
    if (offset) {
        long long v;
        if (parse_int(offset, 0, 1000000, &v))
            return cli_fail("veld 'offset': verwacht een getal vanaf 0, niet '%s'", offset);
        off = v;
    }
    f.limit = (size_t)lim;
    f.offset = (size_t)off;
    if (status && !measure_status_valid(status))
        return cli_fail("veld 'status': verwacht een van %s, niet '%s'", MEASURE_STATUS_LIST,
                        status);
    f.status = status;
    if (size && !(f.size = size_class_find(size)))
        return cli_fail("veld 'grootte': verwacht een grootteklasse van 1 tot %d, niet '%s'",
                        N_SIZE_CLASSES, size);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    SearchQuery q;
    search_query_parse(pos[0], &a, &q);
    f.query = &q;
    SearchHit *hits;
    size_t n;
    int64_t total;
    if (store_search(s, &f, &a, &hits, &n, &total, &cli->err)) return cli_finish(cli, -1, &a);
    if (fmt == FORMAT_JSON)
        cli_print_json(search_json(hits, n, total, f.offset));
    else
        print_text(hits, n, total, f.offset, &a);
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(search, 216) = {
    {"search", NULL, cmd_search, usage_search,
     "Zoekt in de bibliotheek van maatregelen: de maatregelen van de gemeenten die hun\n"
     "maatregelen delen (pok municipality share CODE maatregelen), met hun plannen,\n"
     "realisaties en laatste evaluatie. Elk woord moet voorkomen; woordvormen worden\n"
     "herkend (wijkteams vindt wijkteam), accenten tellen niet mee en synoniemen uit\n"
     "data/synonyms.csv vinden elkaar (sociaal raadslieden, sociaal raadsman, sociaal\n"
     "juridisch loket). Filters: --actielijn en --doel (nummer), --partner (deel van de\n"
     "naam), --status (" MEASURE_STATUS_LIST "), --oordeel (het laatste oordeel),\n"
     "--grootte (CBS-grootteklasse 1-8 naar inwoners).\n"
     "Voorbeeld: pok search 'sociaal raadsman' --status lopend --format json"},
    {0}};
