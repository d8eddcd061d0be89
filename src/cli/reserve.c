/* reserve.c: pok reserve opening|deposit|withdraw|transfer|list: the earmarked reserve,
 * its balance on 1 January and the movements decided on. */
#include "../store/store_records.h"
#include "../textable.h"
#include "cli.h"

#include <stdio.h>

typedef struct {
    const char *pot, *scheme, *description;
    CliCite cite;
} ReserveOpts;

static int reserve_common(Cli *cli, const ReserveOpts *o, const char *code, Arena *a, Scheme *sc,
                          int64_t *pot_id, Citation *cite, int64_t *decision)
{
    Municipality m;
    *pot_id = 0;
    if (o->pot && cli_id("pot", o->pot, pot_id, &cli->err)) return -1;
    if (cli_cite(&o->cite, cite, decision, &cli->err)) return -1;
    Store *s = cli_store(cli);
    if (!s) return -2;
    if (cli_scheme(s, o->scheme, a, sc, &cli->err) || cli_municipality(s, code, a, &m, &cli->err))
        return -1;
    return 0;
}

static int reserve_finish(Cli *cli, int rc, Arena *a)
{
    if (rc == -2) {
        arena_free(a);
        return EXIT_USER; /* cli_store printed why */
    }
    return cli_finish(cli, rc, a);
}

static const char usage_opening[] = "pok reserve opening CODE JAAR BEDRAG [--pot ID] "
                                    "[--source ID] [--place TEKST] [--decision ID] "
                                    "[--if-version N|geen]";

static int cmd_reserve_opening(Cli *cli, int argc, char **argv)
{
    const char *pos[3], *if_version = NULL;
    ReserveOpts o = {0};
    CliOpt opts[] = {CLI_CITE_OPTS(o.cite),
                     {"pot", 1, &o.pot, NULL},
                     {"scheme", 1, &o.scheme, NULL},
                     {"if-version", 1, &if_version, NULL},
                     {0}};
    int rc = cli_parse(argc, argv, opts, pos, 3, 3, NULL, usage_opening);
    if (rc) return rc;
    Arena a = {0};
    Scheme sc;
    ReserveOpening ro = {.municipality = pos[0]};
    if (cli_if_version(if_version, &ro.row_version, &cli->err) ||
        cli_year("jaar", pos[1], &ro.year, &cli->err) ||
        cli_amount("bedrag", pos[2], &ro.amount_cents, &cli->err))
        return cli_fail_err(&cli->err);
    rc = reserve_common(cli, &o, pos[0], &a, &sc, &ro.pot_id, &ro.cite, &ro.decision_id);
    if (rc) return reserve_finish(cli, rc, &a);
    ro.scheme_id = sc.id;
    if (store_reserve_opening_set(cli->store, &ro, &cli->err)) return cli_finish(cli, -1, &a);
    printf("beginstand reserve %s op 1 januari %d: %s\n", ro.municipality, ro.year,
           cli_money(&a, ro.amount_cents));
    return cli_finish(cli, 0, &a);
}

static int reserve_movement(Cli *cli, int argc, char **argv, ReserveKind kind, const char *usage)
{
    const char *pos[4];
    ReserveOpts o = {0};
    CliOpt opts[] = {CLI_CITE_OPTS(o.cite),
                     {"pot", 1, &o.pot, NULL},
                     {"scheme", 1, &o.scheme, NULL},
                     {"description", 1, &o.description, NULL},
                     {0}};
    int npos = kind == RESERVE_TRANSFER ? 4 : 3;
    int rc = cli_parse(argc, argv, opts, pos, npos, npos, NULL, usage);
    if (rc) return rc;
    ReserveMovement rm = {.municipality = pos[0], .kind = kind, .description = o.description};
    if (cli_year("jaar", pos[1], &rm.year, &cli->err)) return cli_fail_err(&cli->err);
    if (kind == RESERVE_TRANSFER) {
        if (cli_year("naar-jaar", pos[2], &rm.to_year, &cli->err)) return cli_fail_err(&cli->err);
        if (rm.to_year <= rm.year)
            return cli_fail("veld 'naar-jaar': %d ligt niet na %d", rm.to_year, rm.year);
    }
    if (cli_amount("bedrag", pos[npos - 1], &rm.amount_cents, &cli->err))
        return cli_fail_err(&cli->err);
    if (rm.amount_cents <= 0) return cli_fail("veld 'bedrag': verwacht een positief bedrag");
    Arena a = {0};
    Scheme sc;
    rc = reserve_common(cli, &o, pos[0], &a, &sc, &rm.pot_id, &rm.cite, &rm.decision_id);
    if (rc) return reserve_finish(cli, rc, &a);
    rm.scheme_id = sc.id;
    if (store_reserve_movement_add(cli->store, &rm, &cli->err)) return cli_finish(cli, -1, &a);
    printf("%s %s %d%s: %s\n", reserve_kind_name(kind), rm.municipality, rm.year,
           kind == RESERVE_TRANSFER ? arena_printf(&a, " naar %d", rm.to_year) : "",
           cli_money(&a, rm.amount_cents));
    return cli_finish(cli, 0, &a);
}

static int cmd_reserve_deposit(Cli *cli, int argc, char **argv)
{
    return reserve_movement(cli, argc, argv, RESERVE_DEPOSIT,
                            "pok reserve deposit CODE JAAR BEDRAG [--pot ID] [--decision ID] "
                            "[--source ID] [--place TEKST] [--description TEKST]");
}

static int cmd_reserve_withdraw(Cli *cli, int argc, char **argv)
{
    return reserve_movement(cli, argc, argv, RESERVE_WITHDRAWAL,
                            "pok reserve withdraw CODE JAAR BEDRAG [--pot ID] [--decision ID] "
                            "[--source ID] [--place TEKST] [--description TEKST]");
}

static int cmd_reserve_transfer(Cli *cli, int argc, char **argv)
{
    return reserve_movement(cli, argc, argv, RESERVE_TRANSFER,
                            "pok reserve transfer CODE VAN-JAAR NAAR-JAAR BEDRAG [--pot ID] "
                            "[--decision ID] [--source ID] [--place TEKST]");
}

static int cmd_reserve_list(Cli *cli, int argc, char **argv)
{
    Arena a = {0};
    MuniData d;
    int rc = cli_load_for_list(cli, argc, argv, "pok reserve list CODE", &a, &d);
    if (rc) return rc;
    TextTable t;
    tt_init(&t, &a, 7, (const char *[]){"id", "soort", "jaar", "bedrag", "pot", "besluit", "bron"},
            "rlrrrrl");
    for (size_t i = 0; i < d.n_openings; i++) {
        const ReserveOpening *o = &d.openings[i];
        tt_row(&t, (const char *[]){
                       arena_printf(&a, "%lld", (long long)o->id), "beginstand",
                       arena_printf(&a, "%d", o->year), cli_money(&a, o->amount_cents),
                       o->pot_id ? arena_printf(&a, "%lld", (long long)o->pot_id) : "",
                       o->decision_id ? arena_printf(&a, "%lld", (long long)o->decision_id) : "",
                       cli_cite_text(&d, &o->cite, &a)});
    }
    for (size_t i = 0; i < d.n_movements; i++) {
        const ReserveMovement *m = &d.movements[i];
        const char *year = m->kind == RESERVE_TRANSFER
                               ? arena_printf(&a, "%d→%d", m->year, m->to_year)
                               : arena_printf(&a, "%d", m->year);
        tt_row(&t, (const char *[]){
                       arena_printf(&a, "%lld", (long long)m->id), reserve_kind_name(m->kind), year,
                       cli_money(&a, m->amount_cents),
                       m->pot_id ? arena_printf(&a, "%lld", (long long)m->pot_id) : "",
                       m->decision_id ? arena_printf(&a, "%lld", (long long)m->decision_id) : "",
                       cli_cite_text(&d, &m->cite, &a)});
    }
    if (d.n_openings + d.n_movements == 0)
        printf("Geen reservemutaties vastgelegd.\n");
    else
        tt_print(&t, stdout);
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(reserve, 140) = {
    {"reserve", "opening", cmd_reserve_opening, usage_opening,
     "Legt de stand van de bestemmingsreserve op 1 januari van een jaar vast.\n" CLI_CITE_HELP
     "voorbeeld: pok reserve opening GM1734 2024 459.500 --source 2"},
    {"reserve", "deposit", cmd_reserve_deposit, "pok reserve deposit CODE JAAR BEDRAG [opties]",
     "Legt een besloten storting in de reserve vast (niet bestede middelen van "
     "JAAR).\n" CLI_CITE_HELP "  --pot ID  --description TEKST"},
    {"reserve", "withdraw", cmd_reserve_withdraw, "pok reserve withdraw CODE JAAR BEDRAG [opties]",
     "Legt een besloten onttrekking uit de reserve vast.\n" CLI_CITE_HELP
     "  --pot ID  --description TEKST"},
    {"reserve", "transfer", cmd_reserve_transfer,
     "pok reserve transfer CODE VAN-JAAR NAAR-JAAR BEDRAG [opties]",
     "Legt een overheveling vast: niet bestede middelen van VAN-JAAR gaan via de reserve\n"
     "naar NAAR-JAAR.\n" CLI_CITE_HELP
     "voorbeeld: pok reserve transfer GM0534 2021 2024 105.436 --decision 7"},
    {"reserve", "list", cmd_reserve_list, "pok reserve list CODE",
     "Toont beginstanden en mutaties van de reserve."},
    {0},
};
