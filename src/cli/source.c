/* source.c: pok source add|list|show: the documents figures come from (circulaires,
 * council proposals, decisions, letters). */
#include "../store/store_reference.h"
#include "../textable.h"
#include "cli.h"

#include <stdio.h>

static const char usage_source_add[] =
    "pok source add --title TITEL --kind SOORT [--date JJJJ-MM-DD] [--reference KENMERK] "
    "[--municipality CODE] [--note TEKST]";

static int cmd_source_add(Cli *cli, int argc, char **argv)
{
    Source src = {0};
    CliOpt opts[] = {{"title", 1, &src.title, NULL},
                     {"kind", 1, &src.kind, NULL},
                     {"date", 1, &src.date, NULL},
                     {"reference", 1, &src.reference, NULL},
                     {"municipality", 1, &src.municipality, NULL},
                     {"note", 1, &src.note, NULL},
                     {0}};
    int rc = cli_parse(argc, argv, opts, NULL, 0, 0, NULL, usage_source_add);
    if (rc) return rc;
    if (!src.title || !*src.title) return cli_fail("veld 'title': de titel van de bron ontbreekt");
    if (!src.kind) src.kind = "document";
    if (src.date && cli_date("date", src.date, &cli->err)) return cli_fail_err(&cli->err);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    if (store_source_add(s, &src, &cli->err) != 0) return cli_fail_err(&cli->err);
    printf("bron %lld opgeslagen: %s\n", (long long)src.id, src.title);
    return EXIT_OK;
}

static int cmd_source_list(Cli *cli, int argc, char **argv)
{
    const char *pos[1] = {NULL};
    int rc = cli_parse(argc, argv, NULL, pos, 0, 1, NULL, "pok source list [CODE]");
    if (rc) return rc;
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Source *list;
    size_t n;
    if (store_source_list(s, pos[0], &a, &list, &n, &cli->err) != 0) return cli_finish(cli, -1, &a);
    TextTable t;
    tt_init(&t, &a, 6, (const char *[]){"id", "soort", "datum", "gemeente", "kenmerk", "titel"},
            "rlllll");
    for (size_t i = 0; i < n; i++)
        tt_row(&t, (const char *[]){arena_printf(&a, "%lld", (long long)list[i].id), list[i].kind,
                                    list[i].date, list[i].municipality, list[i].reference,
                                    list[i].title});
    tt_print(&t, stdout);
    return cli_finish(cli, 0, &a);
}

static int cmd_source_show(Cli *cli, int argc, char **argv)
{
    const char *pos[1];
    int rc = cli_parse(argc, argv, NULL, pos, 1, 1, NULL, "pok source show ID");
    if (rc) return rc;
    int64_t id;
    if (cli_id("id", pos[0], &id, &cli->err)) return cli_fail_err(&cli->err);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Source src;
    int found = store_source_get(s, id, &a, &src, &cli->err);
    if (found < 0) return cli_finish(cli, -1, &a);
    if (!found) {
        arena_free(&a);
        return cli_fail("onbekende bron %lld", (long long)id);
    }
    printf("bron %lld\ntitel: %s\nsoort: %s\n", (long long)src.id, src.title, src.kind);
    if (src.date) printf("datum: %s\n", src.date);
    if (src.reference) printf("kenmerk: %s\n", src.reference);
    if (src.municipality) printf("gemeente: %s\n", src.municipality);
    if (src.note) printf("toelichting: %s\n", src.note);
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(source, 110) = {
    {"source", "add", cmd_source_add, usage_source_add,
     "Legt een bron vast: een circulaire, raadsvoorstel, collegebesluit, brief, ...\n"
     "  --kind SOORT    circulaire, raadsvoorstel, raadsinformatiebrief, collegebesluit,\n"
     "                  adviesnota, brief, ledenbrief, document\n"
     "voorbeeld: pok source add --title 'Decembercirculaire 2021' --kind circulaire "
     "--date 2021-12-14"},
    {"source", "list", cmd_source_list, "pok source list [CODE]",
     "Toont de bronnen (landelijke en die van een gemeente)."},
    {"source", "show", cmd_source_show, "pok source show ID", "Toont een bron."},
    {0},
};
