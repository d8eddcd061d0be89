/* measure.c: pok measure add|update|list|show|plan|realised: measures (what the money
 * is spent on) with their planned and realised amounts per year. */
#include "../store/store_records.h"
#include "../textable.h"
#include "cli.h"

#include <stdio.h>

typedef struct {
    const char *pot, *actielijnen, *purposes, *scheme;
    CliCite cite;
} MeasureOpts;

#define MEASURE_OPTS(m, o)                                                                         \
    CLI_CITE_OPTS((o).cite), {"pot", 1, &(o).pot, NULL},                                           \
        {"actielijnen", 1, &(o).actielijnen, NULL}, {"purposes", 1, &(o).purposes, NULL},          \
        {"scheme", 1, &(o).scheme, NULL}, {"description", 1, &(m).description, NULL},              \
        {"partner", 1, &(m).partner, NULL}, {"status", 1, &(m).status, NULL},                      \
    {                                                                                              \
        "cost-centres", 1, &(m).cost_centres, NULL                                                 \
    }

/* Validate and resolve the options shared by add and update into m. */
static int measure_resolve(Cli *cli, const MeasureOpts *o, Measure *m, Arena *a)
{
    Scheme sc;
    Store *s = cli->store;
    if (m->status && !measure_status_valid(m->status))
        return err_set(&cli->err, "veld 'status': verwacht %s, niet '%s'", MEASURE_STATUS_LIST,
                       m->status);
    if (o->pot && cli_id("pot", o->pot, &m->pot_id, &cli->err)) return -1;
    if (cli_cite(&o->cite, &m->cite, &m->decision_id, &cli->err)) return -1;
    if (cli_scheme(s, o->scheme, a, &sc, &cli->err)) return -1;
    m->scheme_id = sc.id;
    if (o->actielijnen && cli_actielijn_ids(s, &sc, o->actielijnen, a, &m->actielijn_ids,
                                            &m->n_actielijnen, &cli->err))
        return -1;
    if (o->purposes &&
        cli_purpose_ids(s, &sc, o->purposes, a, &m->purpose_ids, &m->n_purposes, &cli->err))
        return -1;
    return 0;
}

static const char usage_measure_add[] =
    "pok measure add CODE NAAM [--pot ID] [--actielijnen 2,4] [--purposes 1,3] "
    "[--partner NAAM] [--status STATUS] [--cost-centres KP9001,KP9002] [--description TEKST] "
    "[--source ID] [--place TEKST] [--decision ID]";

static int cmd_measure_add(Cli *cli, int argc, char **argv)
{
    const char *pos[2];
    Measure m = {0};
    MeasureOpts o = {0};
    CliOpt opts[] = {MEASURE_OPTS(m, o), {0}};
    int rc = cli_parse(argc, argv, opts, pos, 2, 2, NULL, usage_measure_add);
    if (rc) return rc;
    m.municipality = pos[0];
    m.name = pos[1];
    if (!m.status) m.status = "gepland";
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    Municipality muni;
    if (cli_municipality(cli->store, pos[0], &a, &muni, &cli->err) ||
        measure_resolve(cli, &o, &m, &a) || store_measure_add(cli->store, &m, &cli->err))
        return cli_finish(cli, -1, &a);
    printf("maatregel %lld opgeslagen: %s (%s)\n", (long long)m.id, m.name, muni.code);
    return cli_finish(cli, 0, &a);
}

static int cmd_measure_update(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *name = NULL, *if_version = NULL;
    Measure upd = {0};
    MeasureOpts o = {0};
    CliOpt opts[] = {
        MEASURE_OPTS(upd, o), {"name", 1, &name, NULL}, {"if-version", 1, &if_version, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL,
                       "pok measure update ID [--name NAAM] [--if-version N] [opties als bij add]");
    if (rc) return rc;
    int64_t id, expect;
    if (cli_id("id", pos[0], &id, &cli->err) || cli_if_version(if_version, &expect, &cli->err))
        return cli_fail_err(&cli->err);
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    Measure m;
    int found = store_measure_get(cli->store, id, &a, &m, &cli->err);
    if (found <= 0) {
        if (found == 0) err_set(&cli->err, "onbekende maatregel %lld", (long long)id);
        return cli_finish(cli, -1, &a);
    }
    /* Only what was given changes. */
    if (measure_resolve(cli, &o, &upd, &a)) return cli_finish(cli, -1, &a);
    if (name) m.name = name;
    if (upd.description) m.description = upd.description;
    if (upd.partner) m.partner = upd.partner;
    if (upd.status) m.status = upd.status;
    if (upd.cost_centres) m.cost_centres = upd.cost_centres;
    if (o.pot) m.pot_id = upd.pot_id;
    if (o.actielijnen) {
        m.actielijn_ids = upd.actielijn_ids;
        m.n_actielijnen = upd.n_actielijnen;
    }
    if (o.purposes) {
        m.purpose_ids = upd.purpose_ids;
        m.n_purposes = upd.n_purposes;
    }
    if (o.cite.source) m.cite = upd.cite;
    if (o.cite.decision) m.decision_id = upd.decision_id;
    /* the version just read is not what the user saw: check only what --if-version says */
    m.row_version = expect;
    if (store_measure_update(cli->store, &m, &cli->err)) return cli_finish(cli, -1, &a);
    printf("maatregel %lld bijgewerkt: %s (status %s)\n", (long long)m.id, m.name, m.status);
    return cli_finish(cli, 0, &a);
}

static int64_t measure_sum(const MuniData *d, int64_t measure_id, AmountKind kind)
{
    int64_t sum = 0;
    for (size_t i = 0; i < d->n_amounts; i++)
        if (d->amounts[i].measure_id == measure_id && d->amounts[i].kind == kind)
            sum += d->amounts[i].amount_cents;
    return sum;
}

static int cmd_measure_list(Cli *cli, int argc, char **argv)
{
    Arena a = {0};
    MuniData d;
    int rc = cli_load_for_list(cli, argc, argv, "pok measure list CODE", &a, &d);
    if (rc) return rc;
    TextTable t;
    tt_init(
        &t, &a, 7,
        (const char *[]){"id", "maatregel", "status", "pot", "partner", "gepland", "gerealiseerd"},
        "rllrlrr");
    for (size_t i = 0; i < d.n_measures; i++) {
        const Measure *m = &d.measures[i];
        tt_row(&t, (const char *[]){cli_id_text(&a, m->id), m->name, m->status,
                                    cli_id_text(&a, m->pot_id), m->partner,
                                    cli_money(&a, measure_sum(&d, m->id, AMOUNT_PLAN)),
                                    cli_money(&a, measure_sum(&d, m->id, AMOUNT_REALISED))});
    }
    if (d.n_measures == 0)
        printf("Geen maatregelen vastgelegd voor %s.\n", d.muni.code);
    else
        tt_print(&t, stdout);
    return cli_finish(cli, 0, &a);
}

static void print_links(const MuniData *d, const Measure *m)
{
    printf("actielijnen: ");
    for (size_t k = 0; k < m->n_actielijnen; k++) {
        const Actielijn *al = muni_actielijn(d, m->actielijn_ids[k]);
        printf("%s%d", k ? ", " : "", al ? al->number : 0);
    }
    printf("%s\ndoelen: ", m->n_actielijnen ? "" : "-");
    for (size_t k = 0; k < m->n_purposes; k++)
        for (size_t p = 0; p < d->n_purposes; p++)
            if (d->purposes[p].id == m->purpose_ids[k])
                printf("%s%d. %s", k ? "; " : "", d->purposes[p].number, d->purposes[p].name);
    printf("%s\n", m->n_purposes ? "" : "-");
}

static int cmd_measure_show(Cli *cli, int argc, char **argv)
{
    const char *pos[1];
    int rc = cli_parse(argc, argv, NULL, pos, 1, 1, NULL, "pok measure show ID");
    if (rc) return rc;
    int64_t id;
    if (cli_id("id", pos[0], &id, &cli->err)) return cli_fail_err(&cli->err);
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    Measure found;
    MuniData d;
    int r = store_measure_get(cli->store, id, &a, &found, &cli->err);
    if (r == 0) err_set(&cli->err, "onbekende maatregel %lld", (long long)id);
    if (r <= 0 ||
        store_load(cli->store, found.municipality, found.scheme_id, &a, &d, &cli->err) < 0)
        return cli_finish(cli, -1, &a);
    const Measure *m = muni_measure(&d, id);
    if (!m) m = &found;
    printf("maatregel %lld: %s\ngemeente: %s %s\nstatus: %s\nversie: %lld\n", (long long)m->id,
           m->name, d.muni.code, d.muni.name, m->status, (long long)m->row_version);
    if (m->description) printf("omschrijving: %s\n", m->description);
    if (m->partner) printf("partner: %s\n", m->partner);
    if (m->cost_centres) printf("kostenplaatsen: %s\n", m->cost_centres);
    printf("pot: %s\n", m->pot_id ? cli_id_text(&a, m->pot_id) : "standaard");
    print_links(&d, m);
    if (m->cite.source_id) printf("bron: %s\n", cli_cite_text(&d, &m->cite, &a));
    TextTable t;
    tt_init(&t, &a, 4, (const char *[]){"jaar", "soort", "bedrag", "bron of besluit"}, "rlrl");
    for (size_t i = 0; i < d.n_amounts; i++) {
        const MeasureAmount *ma = &d.amounts[i];
        if (ma->measure_id != m->id) continue;
        const char *why = cli_cite_text(&d, &ma->cite, &a);
        if (ma->decision_id)
            why = arena_printf(&a, "%s%sbesluit %lld", why, *why ? "; " : "",
                               (long long)ma->decision_id);
        tt_row(&t, (const char *[]){arena_printf(&a, "%d", ma->year),
                                    ma->kind == AMOUNT_PLAN ? "gepland" : "gerealiseerd",
                                    cli_money(&a, ma->amount_cents), why});
    }
    printf("\n");
    tt_print(&t, stdout);
    for (size_t i = 0; i < d.n_evaluations; i++) {
        const Evaluation *e = &d.evaluations[i];
        if (e->measure_id != m->id) continue;
        printf("\nevaluatie %s: %s; vervolg: %s\n", e->date ? e->date : "zonder datum",
               e->verdict ? e->verdict : "geen oordeel",
               e->follow_up ? e->follow_up : "niet vastgelegd");
        if (e->text) printf("  %s\n", e->text);
    }
    return cli_finish(cli, 0, &a);
}

static int measure_amount(Cli *cli, int argc, char **argv, AmountKind kind)
{
    const char *pos[3], *if_version = NULL;
    CliCite c = {0};
    CliOpt opts[] = {CLI_CITE_OPTS(c), {"if-version", 1, &if_version, NULL}, {0}};
    const char *usage = kind == AMOUNT_PLAN
                            ? "pok measure plan ID JAAR BEDRAG [--source ID] [--place TEKST] "
                              "[--decision ID] [--if-version N|geen]"
                            : "pok measure realised ID JAAR BEDRAG [--source ID] [--place TEKST] "
                              "[--decision ID] [--if-version N|geen]";
    int rc = cli_parse(argc, argv, opts, pos, 3, 3, NULL, usage);
    if (rc) return rc;
    MeasureAmount ma = {.kind = kind};
    if (cli_if_version(if_version, &ma.row_version, &cli->err) ||
        cli_id("id", pos[0], &ma.measure_id, &cli->err) ||
        cli_year("jaar", pos[1], &ma.year, &cli->err) ||
        cli_amount("bedrag", pos[2], &ma.amount_cents, &cli->err) ||
        cli_cite(&c, &ma.cite, &ma.decision_id, &cli->err))
        return cli_fail_err(&cli->err);
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    if (store_measure_amount_set(cli->store, &ma, &cli->err)) return cli_finish(cli, -1, &a);
    printf("maatregel %lld %d %s: %s\n", (long long)ma.measure_id, ma.year,
           kind == AMOUNT_PLAN ? "gepland" : "gerealiseerd", cli_money(&a, ma.amount_cents));
    return cli_finish(cli, 0, &a);
}

static int cmd_measure_plan(Cli *cli, int argc, char **argv)
{
    return measure_amount(cli, argc, argv, AMOUNT_PLAN);
}

static int cmd_measure_realised(Cli *cli, int argc, char **argv)
{
    return measure_amount(cli, argc, argv, AMOUNT_REALISED);
}

CLI_GROUP(measure, 170) = {
    {"measure", "add", cmd_measure_add, usage_measure_add,
     "Legt een maatregel (bestedingsdoel) vast.\n"
     "  --status S        " MEASURE_STATUS_LIST " (standaard gepland)\n"
     "  --pot ID          de pot waaruit de maatregel betaald wordt (zie 'pok pot list')\n"
     "  --actielijnen N   actielijnen, bijv. 3,4,5;  --purposes N: doelen 1-4\n" CLI_CITE_HELP
     "voorbeeld: pok measure add GM1734 Jobhunter --actielijnen 4 --partner "
     "Werkgeversservicepunt"},
    {"measure", "update", cmd_measure_update, "pok measure update ID [opties]",
     "Wijzigt een maatregel; alleen de gegeven opties veranderen.\n"
     "voorbeeld: pok measure update 5 --status afgerond"},
    {"measure", "list", cmd_measure_list, "pok measure list CODE",
     "Toont de maatregelen van een gemeente met geplande en gerealiseerde bedragen."},
    {"measure", "show", cmd_measure_show, "pok measure show ID",
     "Toont een maatregel met plan en realisatie per jaar en de evaluaties."},
    {"measure", "plan", cmd_measure_plan, "pok measure plan ID JAAR BEDRAG [opties]",
     "Legt het geplande bedrag van een maatregel in een jaar vast (vervangt het vorige;\n"
     "de audit trail bewaart het oude).\n" CLI_CITE_HELP
     "voorbeeld: pok measure plan 3 2025 70.000 --source 2 --place 'tabel Bestedingsdoelen'"},
    {"measure", "realised", cmd_measure_realised, "pok measure realised ID JAAR BEDRAG [opties]",
     "Legt het gerealiseerde bedrag van een maatregel in een jaar vast.\n" CLI_CITE_HELP},
    {0},
};
