/* demo.c: pok demo: load the demonstration figures (src/demo/) into a new database, and
 * with --synthetic-national the generated national set (src/demo/synthetic.c) after them. */
#include "../demo/demo.h"
#include "../demo/synthetic.h"
#include "../money.h"
#include "../store/db.h"
#include "../store/store.h"
#include "../store/store_copy.h"
#include "../store/store_reference.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEMO_USAGE "pok demo [--quiet] [--synthetic-national [--scale N] [--seed N]]"

static void print_synthetic(const SyntheticSummary *s, int64_t seed, int scale)
{
    char allocated[MONEY_BUFSZ], planned[MONEY_BUFSZ], realised[MONEY_BUFSZ];
    printf("gegenereerd (zaad %lld, schaal %d): %zu gemeenten (waarvan %zu extra), "
           "%zu toekenningen, %zu potten, %zu maatregelen, %zu bedragen, %zu besluiten, "
           "%zu evaluaties, %zu reservegegevens, %zu afgesloten jaren; %zu gemeenten bewust "
           "onvolledig\n",
           (long long)seed, scale, s->municipalities, s->extra, s->allocations, s->pots,
           s->measures, s->amounts, s->decisions, s->evaluations, s->reserve, s->closed,
           s->incomplete);
    printf("delen: %zu niets, %zu anoniem, %zu cijfers, %zu maatregelen\n", s->sharing[SHARE_NONE],
           s->sharing[SHARE_ANONYMOUS], s->sharing[SHARE_NAMED], s->sharing[SHARE_MEASURES]);
    printf("totaal gegenereerd: toegekend %s, begroot %s, gerealiseerd %s\n",
           money_format(s->allocated_cents, MONEY_EURO, allocated),
           money_format(s->planned_cents, MONEY_EURO, planned),
           money_format(s->realised_cents, MONEY_EURO, realised));
    printf("Let op: deze cijfers zijn gegenereerd voor demonstratie en belasting, niet echt; "
           "de vier gemeenten van de brondocumenten houden hun echte cijfers.\n");
}

typedef struct DemoRun {
    const char *actor;
    int synthetic, scale;
    int64_t seed;
    DemoSummary sum;
    SyntheticSummary syn;
} DemoRun;

/* Everything in one transaction of s. */
static int load(Store *s, DemoRun *run, PokErr *err)
{
    store_set_actor(s, run->actor);
    if (store_begin(s, err)) return -1;
    if (demo_load(s, &run->sum, err) ||
        (run->synthetic && synthetic_load(s, run->seed, run->scale, &run->syn, err))) {
        store_rollback(s);
        return -1;
    }
    return store_commit(s, err);
}

/* On PostgreSQL the synthetic set is made in a temporary SQLite file by the same store
 * functions, and moved with pok copy's verified COPY (records, ids and audit rows as they
 * are): one round trip per statement would take some 170 000 of them for 342
 * municipalities. */
static int load_via_sqlite(const char *to_url, DemoRun *run, PokErr *err)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    char path[4096];
    if ((size_t)snprintf(path, sizeof path - 16, "%s/pok-demo-XXXXXX", dir) >= sizeof path - 16)
        return err_set(err, "TMPDIR is te lang");
    int fd = mkstemp(path);
    if (fd < 0) return err_set(err, "kan geen tijdelijk bestand maken in %s", dir);
    close(fd);
    int rc = -1;
    Store *tmp = store_open(path, 1, err);
    if (tmp) {
        rc = load(tmp, run, err);
        store_close(tmp);
    }
    if (rc == 0) {
        StoreCopyReport report;
        StoreCopyOptions opt = {.actor = run->actor};
        rc = store_copy(path, to_url, &opt, &report, err);
        if (rc == 0) store_copy_report_free(&report);
    }
    size_t len = strlen(path);
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        snprintf(path + len, sizeof path - len, "%s", suffixes[i]);
        unlink(path);
    }
    return rc;
}

static int cmd_demo(Cli *cli, int argc, char **argv)
{
    int quiet = 0, synthetic = 0;
    const char *scale_text = NULL, *seed_text = NULL;
    CliOpt opts[] = {{"quiet", 0, NULL, &quiet},
                     {"synthetic-national", 0, NULL, &synthetic},
                     {"scale", 1, &scale_text, NULL},
                     {"seed", 1, &seed_text, NULL},
                     {0}};
    int rc = cli_parse(argc, argv, opts, NULL, 0, 0, NULL, DEMO_USAGE);
    if (rc) return rc;
    int64_t seed = SYNTHETIC_DEFAULT_SEED, scale = 1;
    if ((scale_text || seed_text) && !synthetic)
        return cli_fail("--scale en --seed horen bij --synthetic-national");
    if ((scale_text && cli_id("scale", scale_text, &scale, &cli->err)) ||
        (seed_text && cli_id("seed", seed_text, &seed, &cli->err)))
        return cli_fail_err(&cli->err);
    if (scale > SYNTHETIC_MAX_SCALE)
        return cli_fail("veld 'scale': hoogstens %d (de vrije gemeentecodes raken op), niet %lld",
                        SYNTHETIC_MAX_SCALE, (long long)scale);
    cli->store = store_open(cli->db_url, 1, &cli->err);
    if (!cli->store) return cli_fail_err(&cli->err);
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
    DemoRun run = {.actor = synthetic ? "demo (gegenereerd)" : "demo",
                   .synthetic = synthetic,
                   .scale = (int)scale,
                   .seed = seed};
    if (synthetic && db_url_is_pg(cli->db_url) ? load_via_sqlite(cli->db_url, &run, &cli->err)
                                               : load(cli->store, &run, &cli->err))
        return cli_finish(cli, -1, &a);
    if (!quiet) {
        const DemoSummary *sum = &run.sum;
        printf("demo geladen in %s: %zu gemeenten, %zu inwonertallen, %zu bronnen, "
               "%zu toekenningen, %zu maatregelen, %zu besluiten\n",
               store_name(cli->store), sum->municipalities, sum->inhabitants, sum->sources,
               sum->allocations, sum->measures, sum->decisions);
        if (synthetic) print_synthetic(&run.syn, seed, (int)scale);
    }
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(demo, 30) = {
    {"demo", NULL, cmd_demo, DEMO_USAGE,
     "Laadt de demo in een nieuwe database: de echte cijfers van Overbetuwe, Olst-Wijhe,\n"
     "Hillegom en Amstelveen uit de brondocumenten, alle 342 gemeenten van 2025 en de\n"
     "inwonertallen van 2021. Elk gegeven noemt zijn bron.\n"
     "--synthetic-national: vult daarna de andere 338 gemeenten met gegenereerde cijfers\n"
     "  naar rato van hun inwoners (toekenningen, maatregelen, bedragen, reserve, besluiten,\n"
     "  evaluaties, afgesloten jaren, niveau van delen), gemarkeerd als gegenereerd op elke\n"
     "  pagina, export en API-antwoord; niet echt, alleen voor demonstratie en belasting.\n"
     "--scale N: N-1 extra gegenereerde gemeenten per echte (naam met \"(gegenereerd)\",\n"
     "  provincie en inwoners overgenomen), voor N maal 342 gemeenten (standaard 1).\n"
     "--seed N: een ander zaad; hetzelfde zaad geeft dezelfde cijfers (standaard 20211214).\n"
     "voorbeeld: pok --db demo.db demo\n"
     "voorbeeld: pok --db landelijk.db demo --synthetic-national --scale 10"},
    {0},
};
