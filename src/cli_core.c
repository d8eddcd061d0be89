/* cli_core.c: init, demo, and the reports: coverage and check (the audit trail is in
 * cli_audit.c). */
#include "cli/cli.h"
#include "demo/demo.h"
#include "engine/engine.h"
#include "textable.h"
#include "views/coverage_view.h"

#include <stdio.h>
#include <string.h>

static void print_json(json_t *root)
{
    json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    json_decref(root);
}

static int cmd_init(Cli *cli, int argc, char **argv)
{
    int rc = cli_parse(argc, argv, NULL, NULL, 0, 0, NULL, "pok init");
    if (rc) return rc;
    cli->store = store_open(cli->db_url, 1, &cli->err);
    if (!cli->store) return cli_fail_err(&cli->err);
    printf("database %s is klaar (schemaversie %d)\n", store_name(cli->store),
           store_schema_version(cli->store));
    return EXIT_OK;
}

/* Applies the pending migrations, in one transaction, and says from which version to
 * which; on a current schema it changes nothing. */
static int cmd_migrate(Cli *cli, int argc, char **argv)
{
    int rc = cli_parse(argc, argv, NULL, NULL, 0, 0, NULL, "pok migrate");
    if (rc) return rc;
    int from = 0, to = 0;
    cli->store = store_migrate(cli->db_url, &from, &to, &cli->err);
    if (!cli->store) return cli_fail_err(&cli->err);
    if (from == to)
        printf("database %s is bij: schemaversie %d, geen migraties nodig\n",
               store_name(cli->store), to);
    else
        printf("database %s: schemaversie %d -> %d (%d %s toegepast)\n", store_name(cli->store),
               from, to,
               to - from, to - from == 1 ? "migratie" : "migraties");
    return EXIT_OK;
}

static int cmd_demo(Cli *cli, int argc, char **argv)
{
    int quiet = 0;
    CliOpt opts[] = {{"quiet", 0, NULL, &quiet}, {0}};
    int rc = cli_parse(argc, argv, opts, NULL, 0, 0, NULL, "pok demo [--quiet]");
    if (rc) return rc;
    cli->store = store_open(cli->db_url, 1, &cli->err);
    if (!cli->store) return cli_fail_err(&cli->err);
    store_set_actor(cli->store, "demo");
    Arena a = {0};
    Municipality *list;
    size_t n;
    if (store_municipality_list(cli->store, NULL, &a, &list, &n, &cli->err))
        return cli_finish(cli, -1, &a);
    if (n) {
        arena_free(&a);
        return cli_fail("database %s bevat al gegevens; de demo laadt alleen in een nieuwe "
                        "database (bijv. pok --db demo.db demo)",
                        store_name(cli->store));
    }
    if (store_begin(cli->store, &cli->err)) return cli_finish(cli, -1, &a);
    DemoSummary sum = {0};
    if (demo_load(cli->store, &sum, &cli->err)) {
        store_rollback(cli->store);
        return cli_finish(cli, -1, &a);
    }
    if (store_commit(cli->store, &cli->err)) return cli_finish(cli, -1, &a);
    if (!quiet)
        printf("demo geladen in %s: %zu gemeenten, %zu inwonertallen, %zu bronnen, "
               "%zu toekenningen, %zu maatregelen, %zu besluiten\n",
               store_name(cli->store), sum.municipalities, sum.inhabitants, sum.sources, sum.allocations,
               sum.measures, sum.decisions);
    return cli_finish(cli, 0, &a);
}

static int cmd_coverage(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *format = NULL, *scheme = NULL;
    CliOpt opts[] = {{"format", 1, &format, NULL}, {"scheme", 1, &scheme, NULL}, {0}};
    static const char usage[] = "pok coverage CODE [--format text|csv|json] [--scheme CODE]";
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage);
    if (rc) return rc;
    OutputFormat fmt;
    if (cli_format(format, 1, &fmt))
        return cli_fail("veld 'format': verwacht text, csv of json, niet '%s'", format);
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    MuniData d;
    Coverage c;
    if (cli_load(cli->store, pos[0], scheme, &a, &d, &cli->err) ||
        coverage_compute(&d, &a, &c, &cli->err))
        return cli_finish(cli, -1, &a);
    if (fmt == FORMAT_JSON)
        print_json(coverage_json(&c));
    else if (fmt == FORMAT_CSV)
        coverage_print_csv(&c, 1, stdout);
    else
        coverage_print_text(&d, &c, &a, stdout);
    return cli_finish(cli, 0, &a);
}

/* Run the checks for one municipality and print them; *errors counts severe findings. */
static int check_one(Cli *cli, const char *code, const char *scheme, OutputFormat fmt, json_t *all,
                     size_t *errors)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    Finding *f;
    size_t n;
    if (cli_load(cli->store, code, scheme, &a, &d, &cli->err) ||
        coverage_compute(&d, &a, &c, &cli->err) || checks_run(&d, &c, &a, &f, &n, &cli->err)) {
        arena_free(&a);
        return -1;
    }
    for (size_t i = 0; i < n; i++) *errors += f[i].severity == SEV_ERROR;
    if (fmt == FORMAT_JSON) {
        json_t *o = findings_json(&d, f, n);
        if (all)
            json_array_append_new(all, o);
        else
            print_json(o);
    } else if (!all || n) {
        findings_print_text(&d, f, n, stdout);
        if (all) fputc('\n', stdout);
    }
    arena_free(&a);
    return 0;
}

/* Municipalities with any POK data worth checking: those with records. */
static int has_records(Cli *cli, const char *code, const char *scheme)
{
    Arena a = {0};
    MuniData d;
    int any = 0;
    if (cli_load(cli->store, code, scheme, &a, &d, &cli->err) == 0)
        any = muni_data_has_records(&d);
    arena_free(&a);
    return any;
}

static int cmd_check(Cli *cli, int argc, char **argv)
{
    const char *pos[1] = {NULL}, *format = NULL, *scheme = NULL;
    int strict = 0;
    CliOpt opts[] = {{"format", 1, &format, NULL},
                     {"scheme", 1, &scheme, NULL},
                     {"strict", 0, NULL, &strict},
                     {0}};
    static const char usage[] = "pok check [CODE] [--format text|json] [--strict]";
    int rc = cli_parse(argc, argv, opts, pos, 0, 1, NULL, usage);
    if (rc) return rc;
    OutputFormat fmt;
    if (cli_format(format, 0, &fmt))
        return cli_fail("veld 'format': verwacht text of json, niet '%s'", format);
    if (!cli_store(cli)) return EXIT_USER;
    size_t errors = 0;
    if (pos[0]) {
        if (check_one(cli, pos[0], scheme, fmt, NULL, &errors)) return cli_fail_err(&cli->err);
    } else {
        Arena a = {0};
        Municipality *list;
        size_t n, checked = 0;
        if (store_municipality_list(cli->store, NULL, &a, &list, &n, &cli->err))
            return cli_finish(cli, -1, &a);
        json_t *all = fmt == FORMAT_JSON ? json_array() : NULL;
        for (size_t i = 0; i < n; i++) {
            if (!has_records(cli, list[i].code, scheme)) continue;
            checked++;
            if (check_one(cli, list[i].code, scheme, fmt, all, &errors)) {
                json_decref(all);
                return cli_finish(cli, -1, &a);
            }
        }
        if (all)
            print_json(all);
        else
            printf("%zu gemeenten met gegevens gecontroleerd, %zu fouten\n", checked, errors);
        arena_free(&a);
    }
    return strict && errors ? EXIT_USER : EXIT_OK;
}

const CliCommand cli_commands_core[] = {
    {"init", NULL, cmd_init, "pok init",
     "Maakt de database aan of brengt het schema bij (migraties).\n"
     "voorbeeld: pok --db gemeente.db init"},
    {"migrate", NULL, cmd_migrate, "pok migrate",
     "Past de openstaande schemamigraties toe (genummerd, in één transactie) en meldt van\n"
     "welke naar welke schemaversie. Werkt op SQLite en PostgreSQL.\n"
     "voorbeeld: pok --db postgresql://pok@db.example.nl/pok migrate"},
    {"demo", NULL, cmd_demo, "pok demo [--quiet]",
     "Laadt de demo in een nieuwe database: de echte cijfers van Overbetuwe, Olst-Wijhe,\n"
     "Hillegom en Amstelveen uit de brondocumenten, alle 342 gemeenten van 2025 en de\n"
     "inwonertallen van 2021. Elk gegeven noemt zijn bron.\n"
     "voorbeeld: pok --db demo.db demo"},
    {"coverage", NULL, cmd_coverage, "pok coverage CODE [--format text|csv|json] [--scheme CODE]",
     "Toont de meerjarige dekkingstabel per pot: toekenning, uitgaven, dekking uit de\n"
     "toekenning, onttrekking en storting reserve, reservestand, tekort en geld zonder\n"
     "bestemming. JSON volgt het contract in docs/json.md.\n"
     "voorbeeld: pok coverage GM1734"},
    {"check", NULL, cmd_check, "pok check [CODE] [--format text|json] [--strict]",
     "Controleert een gemeente (of alle gemeenten met gegevens): tekorten, geld zonder\n"
     "bestemming, uitgaven na de looptijd zonder dekking, realisatie ver onder plan,\n"
     "beëindigde maatregelen zonder evaluatie, gewijzigde toekenningen, onverklaarde\n"
     "verschillen en rekenfouten in documenten.\n"
     "  --strict   eindig met status 1 als er fouten zijn gevonden\n"
     "voorbeeld: pok check GM1734"},
    {0}};
