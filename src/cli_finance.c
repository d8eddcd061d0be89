/* cli_finance.c: allocations, pots, the reserve, closed years and the figures documents
 * state (for the arithmetic checks). */
#include "cli/cli.h"
#include "engine/engine.h"
#include "money.h"
#include "textable.h"

#include <stdio.h>
#include <string.h>

/* ---- allocations ---- */

static const char usage_alloc_add[] =
    "pok allocation add CODE ACTIELIJN JAAR BEDRAG --source ID [--place TEKST] [--scheme CODE]"
    " [--if-version N|geen]";

static int cmd_allocation_add(Cli *cli, int argc, char **argv)
{
    const char *pos[4], *scheme = NULL, *if_version = NULL;
    CliCite c = {0};
    CliOpt opts[] = {CLI_CITE_OPTS(c), {"scheme", 1, &scheme, NULL},
                     {"if-version", 1, &if_version, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 4, 4, NULL, usage_alloc_add);
    if (rc) return rc;
    Allocation al = {.municipality = pos[0]};
    if (cli_if_version(if_version, &al.expect_version, &cli->err) ||
        cli_amount("bedrag", pos[3], &al.amount_cents, &cli->err) ||
        cli_cite(&c, &al.cite, NULL, &cli->err))
        return cli_fail_err(&cli->err);
    if (al.amount_cents < 0)
        return cli_fail("veld 'bedrag': een toekenning kan niet negatief zijn (gelezen: '%s')",
                        pos[3]);
    if (!c.source) return cli_fail("veld 'source': een toekenning vraagt de bron (--source ID)");
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Scheme sc;
    Municipality m;
    Actielijn act;
    if (cli_scheme(s, scheme, &a, &sc, &cli->err) ||
        cli_municipality(s, pos[0], &a, &m, &cli->err) ||
        cli_actielijn(s, &sc, pos[1], &a, &act, &cli->err) ||
        cli_year_in_scheme(&sc, "jaar", pos[2], &al.year, &cli->err))
        return cli_finish(cli, -1, &a);
    al.actielijn_id = act.id;
    if (store_allocation_add(s, &al, &cli->err) != 0) return cli_finish(cli, -1, &a);
    printf("toekenning %s actielijn %d %d: %s (versie %d)\n", m.code, act.number, al.year,
           cli_money(&a, al.amount_cents), al.version);
    return cli_finish(cli, 0, &a);
}

static void print_matrix(const MuniData *d, const AllocationMatrix *mx, Arena *a)
{
    size_t ncols = mx->n_years + 2;
    const char **hdr = arena_alloc(a, ncols * sizeof *hdr);
    char *align = arena_alloc(a, ncols + 1);
    hdr[0] = "actielijn";
    align[0] = 'l';
    for (size_t y = 0; y < mx->n_years; y++) {
        hdr[y + 1] = arena_printf(a, "%d", mx->first_year + (int)y);
        align[y + 1] = 'r';
    }
    hdr[ncols - 1] = "totaal";
    align[ncols - 1] = 'r';
    TextTable t;
    tt_init(&t, a, ncols, hdr, align);
    const char **row = arena_alloc(a, ncols * sizeof *row);
    for (size_t r = 0; r < mx->n_rows; r++) {
        const AllocationRow *ar = &mx->rows[r];
        const char *name =
            ar->actielijn->circulaire_name ? ar->actielijn->circulaire_name : ar->actielijn->name;
        row[0] =
            ar->actielijn->number ? arena_printf(a, "%d. %s", ar->actielijn->number, name) : name;
        for (size_t y = 0; y < mx->n_years; y++)
            row[y + 1] = ar->present[y] ? cli_money(a, ar->cells[y]) : "";
        row[ncols - 1] = cli_money(a, ar->total);
        tt_row(&t, row);
    }
    tt_rule(&t);
    row[0] = "totaal";
    for (size_t y = 0; y < mx->n_years; y++) row[y + 1] = cli_money(a, mx->year_totals[y]);
    row[ncols - 1] = cli_money(a, mx->grand_total);
    tt_row(&t, row);
    printf("Toekenningen %s %s (%s)\n\n", d->muni.code, d->muni.name, d->scheme.code);
    tt_print(&t, stdout);
}

static int cmd_allocation_list(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *scheme = NULL;
    int all = 0;
    CliOpt opts[] = {{"scheme", 1, &scheme, NULL}, {"all-versions", 0, NULL, &all}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL,
                       "pok allocation list CODE [--all-versions] [--scheme CODE]");
    if (rc) return rc;
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    MuniData d;
    AllocationMatrix mx;
    if (cli_load(s, pos[0], scheme, &a, &d, &cli->err) || allocation_matrix(&d, &a, &mx, &cli->err))
        return cli_finish(cli, -1, &a);
    if (mx.n_rows == 0)
        printf("Geen toekenningen vastgelegd voor %s.\n", d.muni.code);
    else
        print_matrix(&d, &mx, &a);
    if (all) {
        printf("\nAlle versies:\n");
        TextTable t;
        tt_init(&t, &a, 6,
                (const char *[]){"actielijn", "jaar", "versie", "bedrag", "actueel", "bron"},
                "rrrrll");
        for (size_t i = 0; i < d.n_allocations; i++) {
            const Allocation *al = &d.allocations[i];
            tt_row(&t, (const char *[]){arena_printf(&a, "%d", al->actielijn_number),
                                        arena_printf(&a, "%d", al->year),
                                        arena_printf(&a, "%d", al->version),
                                        cli_money(&a, al->amount_cents), al->current ? "ja" : "nee",
                                        cli_cite_text(&d, &al->cite, &a)});
        }
        tt_print(&t, stdout);
    }
    return cli_finish(cli, 0, &a);
}

/* ---- pots ---- */

static const char usage_pot_add[] =
    "pok pot add CODE NAAM --actielijnen 3,4,5 [--scheme CODE] [--source ID] [--place TEKST]";

static int cmd_pot_add(Cli *cli, int argc, char **argv)
{
    const char *pos[2], *scheme = NULL, *list = NULL;
    CliCite c = {0};
    CliOpt opts[] = {
        CLI_CITE_OPTS(c), {"scheme", 1, &scheme, NULL}, {"actielijnen", 1, &list, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 2, 2, NULL, usage_pot_add);
    if (rc) return rc;
    if (!list) return cli_fail("veld 'actielijnen': geef de actielijnen van de pot, bijv. 3,4,5");
    Pot pot = {.municipality = pos[0], .name = pos[1]};
    if (cli_cite(&c, &pot.cite, NULL, &cli->err)) return cli_fail_err(&cli->err);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Scheme sc;
    Municipality m;
    if (cli_scheme(s, scheme, &a, &sc, &cli->err) ||
        cli_municipality(s, pos[0], &a, &m, &cli->err) ||
        cli_actielijn_ids(s, &sc, list, &a, &pot.actielijn_ids, &pot.n_actielijnen, &cli->err))
        return cli_finish(cli, -1, &a);
    pot.scheme_id = sc.id;
    if (store_pot_add(s, &pot, &cli->err)) return cli_finish(cli, -1, &a);
    printf("pot %lld '%s' opgeslagen voor %s\n", (long long)pot.id, pot.name, m.code);
    return cli_finish(cli, 0, &a);
}

static int cmd_pot_list(Cli *cli, int argc, char **argv)
{
    Arena a = {0};
    MuniData d;
    int rc = cli_load_for_list(cli, argc, argv, "pok pot list CODE [--scheme CODE]", &a, &d);
    if (rc) return rc;
    if (d.n_pots == 0)
        printf("%s heeft geen potten vastgelegd: alle actielijnen vormen samen één pot.\n",
               d.muni.code);
    TextTable t;
    tt_init(&t, &a, 4, (const char *[]){"id", "naam", "actielijnen", "bron"}, "rlll");
    for (size_t i = 0; i < d.n_pots; i++) {
        Buf b = {0};
        for (size_t k = 0; k < d.pots[i].n_actielijnen; k++) {
            const Actielijn *al = muni_actielijn(&d, d.pots[i].actielijn_ids[k]);
            buf_printf(&b, "%s%d", k ? "," : "", al ? al->number : 0);
        }
        tt_row(&t,
               (const char *[]){arena_printf(&a, "%lld", (long long)d.pots[i].id), d.pots[i].name,
                                b.data, cli_cite_text(&d, &d.pots[i].cite, &a)});
        buf_free(&b);
    }
    if (d.n_pots) tt_print(&t, stdout);
    return cli_finish(cli, 0, &a);
}

/* ---- reserve ---- */

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

/* ---- closed years ---- */

static int cmd_year_close(Cli *cli, int argc, char **argv)
{
    const char *pos[2];
    CliCite c = {0};
    CliOpt opts[] = {CLI_CITE_OPTS(c), {0}};
    int rc = cli_parse(argc, argv, opts, pos, 2, 2, NULL,
                       "pok year close CODE JAAR [--source ID] [--place TEKST] [--decision ID]");
    if (rc) return rc;
    ClosedYear cy = {.municipality = pos[0]};
    if (cli_year("jaar", pos[1], &cy.year, &cli->err) ||
        cli_cite(&c, &cy.cite, &cy.decision_id, &cli->err))
        return cli_fail_err(&cli->err);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Municipality m;
    if (cli_municipality(s, pos[0], &a, &m, &cli->err) || store_year_close(s, &cy, &cli->err))
        return cli_finish(cli, -1, &a);
    printf("jaar %d afgesloten voor %s: de uitgaven zijn voortaan de realisatie\n", cy.year,
           m.code);
    return cli_finish(cli, 0, &a);
}

/* The command line acts as administrator until accounts reach it (issue 4). */
static int cmd_year_reopen(Cli *cli, int argc, char **argv)
{
    const char *pos[2], *reason = NULL;
    CliOpt opts[] = {{"reason", 1, &reason, NULL}, {0}};
    int rc =
        cli_parse(argc, argv, opts, pos, 2, 2, NULL, "pok year reopen CODE JAAR --reason TEKST");
    if (rc) return rc;
    int year;
    if (cli_year("jaar", pos[1], &year, &cli->err)) return cli_fail_err(&cli->err);
    if (!reason || !*reason)
        return cli_fail("--reason is verplicht: waarom wordt jaar %d heropend?", year);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Municipality m;
    if (cli_municipality(s, pos[0], &a, &m, &cli->err) ||
        store_year_reopen(s, m.code, year, reason, &cli->err))
        return cli_finish(cli, -1, &a);
    printf("jaar %d heropend voor %s: de cijfers van dat jaar kunnen weer worden gewijzigd\n", year,
           m.code);
    return cli_finish(cli, 0, &a);
}

static int cmd_year_list(Cli *cli, int argc, char **argv)
{
    Arena a = {0};
    MuniData d;
    int rc = cli_load_for_list(cli, argc, argv, "pok year list CODE", &a, &d);
    if (rc) return rc;
    YearReopening *r;
    size_t n_reopened;
    if (store_year_reopening_list(cli->store, d.muni.code, &a, &r, &n_reopened, &cli->err))
        return cli_finish(cli, -1, &a);
    if (d.n_closed == 0) printf("%s heeft geen afgesloten jaren.\n", d.muni.code);
    for (size_t i = 0; i < d.n_closed; i++)
        printf("%d afgesloten  %s\n", d.closed[i].year, cli_cite_text(&d, &d.closed[i].cite, &a));
    for (size_t i = 0; i < n_reopened; i++)
        printf("%d heropend op %s door %s: %s\n", r[i].year, r[i].at, r[i].actor, r[i].reason);
    return cli_finish(cli, 0, &a);
}

/* ---- stated figures ---- */

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

const CliCommand cli_commands_finance[] = {
    {"allocation", "add", cmd_allocation_add, usage_alloc_add,
     "Legt een toekenning vast: gemeente x actielijn x jaar, met de bron (circulaire).\n"
     "Een nieuwe toekenning voor dezelfde actielijn en hetzelfde jaar wordt een nieuwe versie;\n"
     "de oude blijft bewaard.\n" CLI_CITE_HELP
     "voorbeeld: pok allocation add GM1773 2 2021 19.000 --source 4 --place 'tabel actielijnen'"},
    {"allocation", "list", cmd_allocation_list,
     "pok allocation list CODE [--all-versions] [--scheme CODE]",
     "Toont de toekenningen per actielijn en jaar met totalen; --all-versions toont ook\n"
     "eerdere versies met hun bron.\nvoorbeeld: pok allocation list GM1773"},
    {"pot", "add", cmd_pot_add, usage_pot_add,
     "Legt een pot vast: actielijnen waarvan de gemeente het geld samen inzet.\n"
     "Zonder potten vormen alle actielijnen samen één pot.\n"
     "voorbeeld: pok pot add GM1773 'Actielijnen 3, 4 en 5' --actielijnen 3,4,5"},
    {"pot", "list", cmd_pot_list, "pok pot list CODE", "Toont de potten van een gemeente."},
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
    {"year", "close", cmd_year_close, "pok year close CODE JAAR [opties]",
     "Sluit een boekjaar af: vanaf nu telt de realisatie als uitgaven van dat jaar, en niet\n"
     "bestede middelen die geen besluit in de reserve stort, heten onverklaard.\n" CLI_CITE_HELP},
    {"year", "reopen", cmd_year_reopen, "pok year reopen CODE JAAR --reason TEKST",
     "Heropent een afgesloten jaar (beheerder), zodat de toekenningen, bedragen en reserve\n"
     "van dat jaar weer kunnen worden gewijzigd. De reden is verplicht; wie, wanneer en\n"
     "waarom komen in het auditlog en in 'pok year list'.\n"
     "  --reason TEKST  waarom het jaar wordt heropend\n"
     "voorbeeld: pok year reopen GM0534 2023 --reason 'correctie jaarrekening'"},
    {"year", "list", cmd_year_list, "pok year list CODE",
     "Toont de afgesloten jaren en de heropeningen (wie, wanneer, waarom)."},
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
    {0}};
