/* stated.c: pok stated add|list: amounts as a document states them (totals), which
 * pok check recomputes. */
#include "../store/store_records.h"
#include "../textable.h"
#include "cli.h"

#include <stdio.h>

static const char usage_stated_add[] =
    "pok stated add CODE --kind toekenning|beschikbaar|uitgaven --year JAAR [--to-year JAAR] "
    "--amount BEDRAG --description TEKST --source ID [--place TEKST] [--actielijn N] [--pot ID]";

static int cmd_stated_add(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *kind = NULL, *year = NULL, *to_year = NULL, *amount = NULL,
                        *actielijn = NULL, *pot = NULL, *scheme = NULL;
    CliCite c = {0};
    StatedFigure sf = {0};
    CliOpt opts[] = {CLI_CITE_OPTS(c),
                     {"kind", 1, &kind, NULL},
                     {"year", 1, &year, NULL},
                     {"to-year", 1, &to_year, NULL},
                     {"amount", 1, &amount, NULL},
                     {"description", 1, &sf.description, NULL},
                     {"actielijn", 1, &actielijn, NULL},
                     {"pot", 1, &pot, NULL},
                     {"scheme", 1, &scheme, NULL},
                     {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_stated_add);
    if (rc) return rc;
    sf.municipality = pos[0];
    if (stated_kind_parse(kind, &sf.kind))
        return cli_fail("veld 'kind': verwacht toekenning, beschikbaar of uitgaven");
    if (!year || !amount || !sf.description || !c.source)
        return cli_fail("--year, --amount, --description en --source zijn verplicht");
    if (cli_year("year", year, &sf.year_from, &cli->err) ||
        (to_year && cli_year("to-year", to_year, &sf.year_to, &cli->err)) ||
        cli_amount("amount", amount, &sf.amount_cents, &cli->err) ||
        cli_cite(&c, &sf.cite, NULL, &cli->err) ||
        (pot && cli_id("pot", pot, &sf.pot_id, &cli->err)))
        return cli_fail_err(&cli->err);
    if (!to_year) sf.year_to = sf.year_from;
    if (sf.year_to < sf.year_from) return cli_fail("veld 'to-year': ligt voor --year");
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Scheme sc;
    Municipality m;
    Actielijn al;
    if (cli_scheme(s, scheme, &a, &sc, &cli->err) ||
        cli_municipality(s, pos[0], &a, &m, &cli->err) ||
        (actielijn && cli_actielijn(s, &sc, actielijn, &a, &al, &cli->err)))
        return cli_finish(cli, -1, &a);
    sf.scheme_id = sc.id;
    sf.actielijn_id = actielijn ? al.id : 0;
    if (store_stated_add(s, &sf, &cli->err)) return cli_finish(cli, -1, &a);
    printf("genoemd bedrag %lld opgeslagen: '%s' %s\n", (long long)sf.id, sf.description,
           cli_money(&a, sf.amount_cents));
    return cli_finish(cli, 0, &a);
}

static int cmd_stated_list(Cli *cli, int argc, char **argv)
{
    Arena a = {0};
    MuniData d;
    int rc = cli_load_for_list(cli, argc, argv, "pok stated list CODE", &a, &d);
    if (rc) return rc;
    TextTable t;
    tt_init(&t, &a, 6, (const char *[]){"id", "soort", "jaren", "bedrag", "omschrijving", "bron"},
            "rlrrll");
    for (size_t i = 0; i < d.n_stated; i++) {
        const StatedFigure *f = &d.stated[i];
        const char *years = f->year_to != f->year_from
                                ? arena_printf(&a, "%d-%d", f->year_from, f->year_to)
                                : arena_printf(&a, "%d", f->year_from);
        tt_row(&t,
               (const char *[]){arena_printf(&a, "%lld", (long long)f->id),
                                stated_kind_name(f->kind), years, cli_money(&a, f->amount_cents),
                                f->description, cli_cite_text(&d, &f->cite, &a)});
    }
    if (d.n_stated == 0)
        printf("Geen genoemde bedragen vastgelegd.\n");
    else
        tt_print(&t, stdout);
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(stated, 160) = {
    {"stated", "add", cmd_stated_add, usage_stated_add,
     "Legt een bedrag vast zoals een document het noemt (een totaal), zodat 'pok check'\n"
     "het narekent.\n"
     "  --kind toekenning   som van de toekenningen (--actielijn N: van één actielijn)\n"
     "  --kind beschikbaar  reserve op 1 januari plus de toekenning van dat jaar\n"
     "  --kind uitgaven     geplande (of gerealiseerde) uitgaven\n"
     "voorbeeld: pok stated add GM1734 --kind beschikbaar --year 2024 --amount 596.437 \\\n"
     "             --description 'Totaal 2024' --source 2 --place 'tabel Beschikbare "
     "POK-middelen'"},
    {"stated", "list", cmd_stated_list, "pok stated list CODE",
     "Toont de bedragen die documenten noemen."},
    {0},
};
