/* monitor.c: pok monitor: the national monitor (issue 15) of the municipalities that share
 * their figures: the national picture as text, JSON or one CSV table, and `pok monitor
 * export DIR` with every table and its Fiscal Data Package (docs/monitor.md). */
#include "../money.h"
#include "../views/national_export.h"
#include "../views/national_json.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_figure(const char *label, const NatFigure *f)
{
    char m[MONEY_BUFSZ];
    if (national_visible(f->n, f->n_anon))
        printf("  %-28s %20s  (%d gemeenten)\n", label, money_format(f->cents, MONEY_EURO, m),
               f->n);
    else
        printf("  %-28s %20s\n", label, "niet getoond (minder dan 3 gemeenten)");
}

static void print_text(const NationalData *nd)
{
    const NationalFigures *f = &nd->f;
    size_t sharing = 0, named = 0;
    for (size_t i = 0; i < f->n_munis; i++) {
        sharing += f->munis[i].level >= SHARE_ANONYMOUS;
        named += f->munis[i].level >= SHARE_NAMED;
    }
    printf("landelijke monitor %s: %zu van %zu gemeenten delen hun cijfers, %zu met naam\n",
           nd->scheme.code, sharing, nd->n_municipalities, named);
    if (f->n_generated)
        printf("LET OP: %zu gemeenten hebben gegenereerde cijfers, niet echt\n", f->n_generated);
    for (size_t y = 0; y < f->n_years; y++) {
        printf("%d\n", f->years[y].year);
        print_figure("toegekend", &f->years[y].allocated);
        print_figure("begroot", &f->years[y].planned);
        print_figure("gerealiseerd", &f->years[y].realised);
        print_figure("reserve 31 december", &f->years[y].reserve_end);
        print_figure("zonder bestemming", &f->years[y].unplanned);
    }
    printf("alle jaren\n");
    print_figure("toegekend", &f->total.allocated);
    print_figure("beschikbaar", &f->available);
    print_figure("in maatregelen", &f->spending);
    print_figure("met een besluit", &f->with_decision);
}

static int write_export(Cli *cli, const NationalData *nd, const char *dir, int force)
{
    const char **files = xcalloc(national_n_tables + 1, sizeof *files);
    Arena a = {0};
    for (size_t t = 0; t < national_n_tables; t++)
        files[t] = arena_printf(&a, "%s.csv", national_tables[t].name);
    files[national_n_tables] = "datapackage.json";
    int r = cli_prepare_dir(dir, force, files, national_n_tables + 1, &cli->err);
    Buf body = {0}, path = {0};
    for (size_t t = 0; r == 0 && t <= national_n_tables; t++) {
        buf_reset(&body);
        buf_reset(&path);
        buf_printf(&path, "%s/%s", dir, files[t]);
        if (t < national_n_tables) {
            national_csv(nd, &national_tables[t], &body);
        } else {
            char today[11];
            date_today(today);
            json_t *doc = national_datapackage(nd, today);
            char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
            json_decref(doc);
            if (text) buf_puts(&body, text);
            buf_puts(&body, "\n");
            free(text);
        }
        r = cli_write_file("map", path.data, &body, &cli->err);
    }
    if (r == 0)
        printf("%zu tabellen en datapackage.json geschreven in %s\n", national_n_tables, dir);
    buf_free(&body);
    buf_free(&path);
    arena_free(&a);
    free(files);
    return r;
}

static const char usage_monitor[] =
    "pok monitor [--format text|json|csv] [--table NAAM] | pok monitor export MAP [--force]";

static int cmd_monitor(Cli *cli, int argc, char **argv)
{
    const char *pos[2] = {NULL, NULL}, *format = NULL, *table = NULL;
    int force = 0;
    CliOpt opts[] = {
        {"format", 1, &format, NULL}, {"table", 1, &table, NULL}, {"force", 0, NULL, &force}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 0, 2, NULL, usage_monitor);
    if (rc) return rc;
    int export = pos[0] && strcmp(pos[0], "export") == 0;
    if ((pos[0] && !export) || (export && !pos[1])) return cli_fail("gebruik: %s", usage_monitor);
    OutputFormat fmt;
    if (cli_format(format, 1, &fmt))
        return cli_fail("veld 'format': verwacht text, csv of json, niet '%s'", format);
    const NationalTable *t = national_table(table ? table : "landelijk_jaren");
    if (!t) return cli_fail("veld 'table': onbekende tabel '%s'", table);
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    NationalData nd;
    if (national_data_load(cli->store, 0, &a, &nd, &cli->err)) return cli_finish(cli, -1, &a);
    if (export) {
        rc = write_export(cli, &nd, pos[1], force);
    } else if (fmt == FORMAT_JSON) {
        cli_print_json(national_json(&nd));
    } else if (fmt == FORMAT_CSV) {
        Buf b = {0};
        national_csv(&nd, t, &b);
        rc = cli_write_stdout(&b, &cli->err);
        buf_free(&b);
    } else {
        print_text(&nd);
    }
    return cli_finish(cli, rc, &a);
}

CLI_GROUP(monitor, 75) = {
    {"monitor", NULL, cmd_monitor, usage_monitor,
     "De landelijke monitor: de optelsom van de gemeenten die hun cijfers delen (pok\n"
     "municipality share), per jaar en actielijn, per inwoner, hoeveel geld te herleiden is\n"
     "tot een maatregel en een besluit, en de spreiding per grootteklasse en provincie. Een\n"
     "cijfer dat op minder dan 3 gemeenten rust wordt niet getoond.\n"
     "  --format F   text, json (docs/monitor.md) of csv (één tabel)\n"
     "  --table T    de tabel bij csv: landelijk_jaren, landelijk_actielijnen,\n"
     "               landelijk_groepen of landelijk_gemeenten\n"
     "  export MAP   alle tabellen als CSV met datapackage.json (Fiscal Data Package)\n"
     "voorbeeld: pok monitor --format csv --table landelijk_actielijnen"},
    {0},
};
