/* export.c: pok export csv|json|datapackage|xlsx: every table as CSV, JSON, a Fiscal Data
 * Package, XLSX. */
#include "../engine/engine.h"
#include "../store/store_reference.h"
#include "../store/store_sharing.h"
#include "../views/export_csv.h"
#include "../views/export_datapackage.h"
#include "../views/export_json.h"
#include "../views/export_xlsx.h"
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Everything one municipality's exports need, in a. */
typedef struct Loaded {
    MuniData d;
    Coverage c;
    Finding *findings;
    size_t n_findings;
    Inhabitants *inhabitants;
    size_t n_inhabitants;
    Source *sources;
    size_t n_sources;
} Loaded;

static int load(Cli *cli, const char *code, const char *scheme, Arena *a, Loaded *l)
{
    memset(l, 0, sizeof *l);
    if (cli_load(cli->store, code, scheme, a, &l->d, &cli->err) ||
        coverage_compute(&l->d, a, &l->c, &cli->err) ||
        checks_run(&l->d, &l->c, a, &l->findings, &l->n_findings, &cli->err) ||
        store_inhabitants_list(cli->store, l->d.muni.code, a, &l->inhabitants, &l->n_inhabitants,
                               &cli->err) ||
        store_source_list(cli->store, l->d.muni.code, a, &l->sources, &l->n_sources, &cli->err))
        return -1;
    return 0;
}

/* doc (reference taken) as indented JSON with a final newline, into body. */
static void json_text(json_t *doc, Buf *body)
{
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    if (text) buf_puts(body, text);
    buf_puts(body, "\n");
    free(text);
}

/* The files of a directory export: every table, and the package when asked for. */
static int prepare_dir(const char *dir, int force, int with_package, PokErr *err)
{
    const char **files = xcalloc(export_n_tables + 1, sizeof *files);
    Arena a = {0};
    for (size_t t = 0; t < export_n_tables; t++)
        files[t] = arena_printf(&a, "%s.csv", export_tables[t].name);
    files[export_n_tables] = "datapackage.json";
    int rc = cli_prepare_dir(dir, force, files, export_n_tables + (with_package ? 1 : 0), err);
    arena_free(&a);
    free(files);
    return rc;
}

typedef struct DirExport {
    ExportSet set;
    const char **codes; /* the municipalities written, xstrdup'ed */
    size_t n_codes;
    Scheme scheme;
    char scheme_code[64], scheme_name[256];
} DirExport;

static int add_one(Cli *cli, DirExport *x, const char *code, const char *scheme, int only_with_data)
{
    Arena a = {0};
    Loaded l;
    if (load(cli, code, scheme, &a, &l)) {
        arena_free(&a);
        return -1;
    }
    if (!only_with_data || muni_data_has_records(&l.d)) {
        ExportMuni m = {&l.d,         &l.c,          l.findings,
                        l.n_findings, l.inhabitants, l.n_inhabitants,
                        l.sources,    l.n_sources};
        export_set_add(&x->set, &m);
        x->codes = xrealloc(x->codes, (x->n_codes + 1) * sizeof *x->codes);
        x->codes[x->n_codes++] = xstrdup(l.d.muni.code);
        /* the scheme outlives the arena: keep its text */
        snprintf(x->scheme_code, sizeof x->scheme_code, "%s", l.d.scheme.code);
        snprintf(x->scheme_name, sizeof x->scheme_name, "%s",
                 l.d.scheme.name ? l.d.scheme.name : "");
        x->scheme = l.d.scheme;
        x->scheme.code = x->scheme_code;
        x->scheme.name = x->scheme_name;
    }
    arena_free(&a);
    return 0;
}

static void dir_export_free(DirExport *x)
{
    export_set_free(&x->set);
    for (size_t i = 0; i < x->n_codes; i++) free((char *)x->codes[i]);
    free(x->codes);
}

static int export_dir(Cli *cli, int argc, char **argv, int with_package)
{
    const char *pos[1], *muni = NULL, *scheme = NULL;
    int force = 0;
    CliOpt opts[] = {{"municipality", 1, &muni, NULL},
                     {"scheme", 1, &scheme, NULL},
                     {"force", 0, NULL, &force},
                     {0}};
    const char *usage = with_package
                            ? "pok export datapackage MAP [--municipality CODE] [--scheme CODE] "
                              "[--force]"
                            : "pok export csv MAP [--municipality CODE] [--scheme CODE] [--force]";
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage);
    if (rc) return rc;
    if (!cli_store(cli)) return EXIT_USER;
    DirExport x = {0};
    export_set_init(&x.set);
    int r = 0;
    if (muni) {
        r = add_one(cli, &x, muni, scheme, 0);
    } else {
        Arena a = {0};
        Municipality *list;
        size_t n;
        r = store_municipality_list(cli->store, NULL, &a, &list, &n, &cli->err);
        for (size_t i = 0; r == 0 && i < n; i++) r = add_one(cli, &x, list[i].code, scheme, 1);
        arena_free(&a);
        if (r == 0 && x.n_codes == 0)
            r = err_set(&cli->err, "geen gemeente heeft gegevens om te exporteren");
    }
    if (r == 0) r = prepare_dir(pos[0], force, with_package, &cli->err);
    Buf path = {0};
    for (size_t t = 0; r == 0 && t < export_n_tables; t++) {
        buf_reset(&path);
        buf_printf(&path, "%s/%s.csv", pos[0], export_tables[t].name);
        r = cli_write_file("map", path.data, &x.set.csv[t], &cli->err);
    }
    if (r == 0 && with_package) {
        char today[11];
        date_today(today);
        Buf body = {0};
        const char **sharing = xcalloc(x.n_codes ? x.n_codes : 1, sizeof *sharing);
        int *generated = xcalloc(x.n_codes ? x.n_codes : 1, sizeof *generated);
        Arena a = {0};
        MuniSharing *levels;
        size_t n_levels;
        r = store_sharing_list(cli->store, &a, &levels, &n_levels, &cli->err);
        /* only a level the municipality chose: without one, pok harvest decides */
        for (size_t i = 0; r == 0 && i < x.n_codes; i++)
            for (size_t j = 0; j < n_levels; j++)
                if (!strcmp(levels[j].code, x.codes[i])) {
                    if (levels[j].changed_at) sharing[i] = sharing_level_name(levels[j].level);
                    generated[i] = levels[j].generated;
                }
        if (r == 0)
            json_text(export_datapackage(&x.scheme, x.codes, sharing, generated, x.n_codes, today,
                                         &x.set),
                      &body);
        free(sharing);
        free(generated);
        arena_free(&a);
        buf_reset(&path);
        buf_printf(&path, "%s/datapackage.json", pos[0]);
        if (r == 0) r = cli_write_file("map", path.data, &body, &cli->err);
        buf_free(&body);
    }
    if (r == 0)
        printf("%zu tabellen%s van %zu gemeente%s geschreven in %s\n", export_n_tables,
               with_package ? " en datapackage.json" : "", x.n_codes, x.n_codes == 1 ? "" : "n",
               pos[0]);
    buf_free(&path);
    dir_export_free(&x);
    return r == 0 ? EXIT_OK : cli_fail_err(&cli->err);
}

static int cmd_csv(Cli *cli, int argc, char **argv)
{
    return export_dir(cli, argc, argv, 0);
}

static int cmd_datapackage(Cli *cli, int argc, char **argv)
{
    return export_dir(cli, argc, argv, 1);
}

static int cmd_json(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *scheme = NULL, *out = NULL;
    CliOpt opts[] = {{"scheme", 1, &scheme, NULL}, {"out", 1, &out, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL,
                       "pok export json CODE [--scheme CODE] [--out BESTAND]");
    if (rc) return rc;
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    Loaded l;
    if (load(cli, pos[0], scheme, &a, &l)) return cli_finish(cli, -1, &a);
    char today[11];
    date_today(today);
    Buf body = {0};
    json_text(export_json(&l.d, &l.c, l.findings, l.n_findings, today), &body);
    int r = !out || strcmp(out, "-") == 0 ? cli_write_stdout(&body, &cli->err)
                                          : cli_write_file("out", out, &body, &cli->err);
    buf_free(&body);
    return cli_finish(cli, r, &a);
}

static int cmd_xlsx(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *scheme = NULL, *out = NULL;
    CliOpt opts[] = {{"scheme", 1, &scheme, NULL}, {"out", 1, &out, NULL}, {0}};
    static const char usage[] = "pok export xlsx CODE --out BESTAND.xlsx [--scheme CODE]";
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage);
    if (rc) return rc;
    if (!out) return cli_fail("veld 'out': verwacht een bestandsnaam (--out BESTAND.xlsx)");
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    Loaded l;
    if (load(cli, pos[0], scheme, &a, &l)) return cli_finish(cli, -1, &a);
    char today[11];
    date_today(today);
    /* libxlsxwriter writes the file itself: write next to it, then rename into place */
    const char *tmp = arena_printf(&a, "%s.tmp-%ld", out, (long)getpid());
    XlsxStats stats;
    int r = export_xlsx(&l.d, &l.c, l.findings, l.n_findings, today, tmp, &stats, &a, &cli->err);
    if (r == 0 && rename(tmp, out) != 0)
        r = err_set(&cli->err, "veld 'out': kan '%s' niet schrijven: %s", out, strerror(errno));
    if (r) {
        unlink(tmp);
        if (strstr(cli->err.msg, tmp))
            err_set(&cli->err, "veld 'out': kan '%s' niet schrijven (bestaat de map?)", out);
    } else {
        printf("%s geschreven: %zu formules", out, stats.formulas);
        if (stats.derived_as_value)
            printf(", %zu berekende cellen als getal (de formule zou een ander bedrag geven)",
                   stats.derived_as_value);
        fputc('\n', stdout);
    }
    return cli_finish(cli, r, &a);
}

CLI_GROUP(export, 290) = {
    {"export", "csv", cmd_csv, "pok export csv MAP [--municipality CODE] [--scheme CODE] [--force]",
     "Schrijft elke tabel als eigen CSV-bestand in MAP (wordt aangemaakt): gemeenten,\n"
     "inwoners, bronnen, actielijnen, toekenningen (alle versies), potten, maatregelen,\n"
     "bedragen, reserve_openingen, reservemutaties, besluiten, verzoeken, evaluaties,\n"
     "afgesloten_jaren, genoemde_bedragen, dekking en bevindingen. Bedragen in hele\n"
     "eurocenten (kolommen *_cents). Zonder --municipality: alle gemeenten met gegevens.\n"
     "  --force   overschrijf bestaande bestanden in MAP\n"
     "Kolommen: docs/export.md.\n"
     "voorbeeld: pok export csv export-overbetuwe --municipality GM1734"},
    {"export", "json", cmd_json, "pok export json CODE [--scheme CODE] [--out BESTAND]",
     "Alles van een gemeente in een JSON-document: toekenningen, potten, maatregelen met\n"
     "bedragen en evaluaties, reserve, besluiten, verzoeken, dekking en bevindingen.\n"
     "Zonder --out naar de standaarduitvoer. Vorm: docs/json.md.\n"
     "voorbeeld: pok export json GM1734 --out overbetuwe.json"},
    {"export", "datapackage", cmd_datapackage,
     "pok export datapackage MAP [--municipality CODE] [--scheme CODE] [--force]",
     "De CSV-bestanden van 'pok export csv' met een datapackage.json (Frictionless Fiscal\n"
     "Data Package): per tabel de velden met type, sleutels en verwijzingen, en het\n"
     "financiele model (bedragen; gemeente, actielijn, jaar, maatregel), om als open data\n"
     "te publiceren.\n"
     "voorbeeld: pok export datapackage open-data"},
    {"export", "xlsx", cmd_xlsx, "pok export xlsx CODE --out BESTAND.xlsx [--scheme CODE]",
     "Spreadsheet voor de financiele afdeling met de bladen Dekking, Toekenningen,\n"
     "Maatregelen en Bevindingen. Totalen, reservestanden en de dekking zijn echte\n"
     "formules, zodat de cijfers in de spreadsheet na te rekenen zijn.\n"
     "voorbeeld: pok export xlsx GM1734 --out stand-overbetuwe.xlsx"},
    {0},
};
