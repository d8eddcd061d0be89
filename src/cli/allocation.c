/* allocation.c: pok allocation add|list: what the Rijk allocated, per municipality,
 * actielijn and year, in versions. */
#include "../engine/engine.h"
#include "../store/store_records.h"
#include "../textable.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage_alloc_add[] =
    "pok allocation add CODE ACTIELIJN|- JAAR|JAAR-JAAR BEDRAG --source ID [--place TEKST]"
    " [--scheme CODE] [--if-version N|geen]\n"
    "  ACTIELIJN '-': niet uitgesplitst naar actielijn; JAAR-JAAR (2022-2027): een bedrag voor\n"
    "  die periode zonder verdeling over de jaren";

/* "2024" or a period "2022-2027": both years within the scheme, the first before the
 * last. */
static int allocation_years(const Scheme *sc, const char *text, Allocation *al, Arena *a,
                            PokErr *err)
{
    const char *dash = strchr(text, '-');
    if (!dash) {
        if (cli_year_in_scheme(sc, "jaar", text, &al->year, err)) return -1;
        al->year_to = al->year;
        return 0;
    }
    const char *from = arena_printf(a, "%.*s", (int)(dash - text), text);
    if (cli_year_in_scheme(sc, "jaar", from, &al->year, err) ||
        cli_year_in_scheme(sc, "jaar", dash + 1, &al->year_to, err))
        return -1;
    if (al->year_to <= al->year)
        return err_set(err,
                       "veld 'jaar': een periode loopt van een eerder naar een later jaar "
                       "(gelezen: '%s')",
                       text);
    return 0;
}

static int cmd_allocation_add(Cli *cli, int argc, char **argv)
{
    const char *pos[4], *scheme = NULL, *if_version = NULL;
    CliCite c = {0};
    CliOpt opts[] = {
        CLI_CITE_OPTS(c), {"scheme", 1, &scheme, NULL}, {"if-version", 1, &if_version, NULL}, {0}};
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
    Actielijn act = {0};
    if (cli_scheme(s, scheme, &a, &sc, &cli->err) ||
        cli_municipality(s, pos[0], &a, &m, &cli->err) ||
        (strcmp(pos[1], "-") != 0 && cli_actielijn(s, &sc, pos[1], &a, &act, &cli->err)) ||
        allocation_years(&sc, pos[2], &al, &a, &cli->err))
        return cli_finish(cli, -1, &a);
    int split = strcmp(pos[1], "-") != 0;
    al.actielijn_id = split ? act.id : 0;
    al.scheme_id = sc.id;
    if (store_allocation_add(s, &al, &cli->err) != 0) return cli_finish(cli, -1, &a);
    const char *line = split ? arena_printf(&a, "actielijn %d", act.number) : "niet uitgesplitst";
    const char *years = allocation_is_period(&al) ? arena_printf(&a, "%d-%d", al.year, al.year_to)
                                                  : arena_printf(&a, "%d", al.year);
    printf("toekenning %s %s %s: %s (versie %d)\n", m.code, line, years,
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

/* Figures for a period without a split per year: one line each, never spread over years. */
static void print_periods(const AllocationMatrix *mx, Arena *a)
{
    if (mx->n_periods == 0) return;
    printf("\nToegekend voor een periode, verdeling over de jaren onbekend:\n");
    for (size_t k = 0; k < mx->n_periods; k++) {
        const AllocationPeriodRow *pr = &mx->periods[k];
        const char *name = pr->actielijn->number ? arena_printf(a, "%d. %s", pr->actielijn->number,
                                                                pr->actielijn->name)
                                                 : pr->actielijn->name;
        printf("  %d-%d  %s  %s\n", pr->allocation->year, pr->allocation->year_to, name,
               cli_money(a, pr->allocation->amount_cents));
    }
    printf("Totaal met de perioden: %s\n", cli_money(a, mx->grand_total));
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
    if (mx.n_rows == 0 && mx.n_periods == 0)
        printf("Geen toekenningen vastgelegd voor %s.\n", d.muni.code);
    else if (mx.n_rows)
        print_matrix(&d, &mx, &a);
    print_periods(&mx, &a);
    if (all) {
        printf("\nAlle versies:\n");
        TextTable t;
        tt_init(&t, &a, 6,
                (const char *[]){"actielijn", "jaar", "versie", "bedrag", "actueel", "bron"},
                "rrrrll");
        for (size_t i = 0; i < d.n_allocations; i++) {
            const Allocation *al = &d.allocations[i];
            tt_row(&t, (const char *[]){arena_printf(&a, "%d", al->actielijn_number),
                                        allocation_is_period(al)
                                            ? arena_printf(&a, "%d-%d", al->year, al->year_to)
                                            : arena_printf(&a, "%d", al->year),
                                        arena_printf(&a, "%d", al->version),
                                        cli_money(&a, al->amount_cents), al->current ? "ja" : "nee",
                                        cli_cite_text(&d, &al->cite, &a)});
        }
        tt_print(&t, stdout);
    }
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(allocation, 120) = {
    {"allocation", "add", cmd_allocation_add, usage_alloc_add,
     "Legt een toekenning vast: gemeente x actielijn x jaar, met de bron (circulaire).\n"
     "Een nieuwe toekenning voor dezelfde actielijn en hetzelfde jaar wordt een nieuwe versie;\n"
     "de oude blijft bewaard.\n" CLI_CITE_HELP
     "voorbeeld: pok allocation add GM1773 2 2021 19.000 --source 4 --place 'tabel actielijnen'"},
    {"allocation", "list", cmd_allocation_list,
     "pok allocation list CODE [--all-versions] [--scheme CODE]",
     "Toont de toekenningen per actielijn en jaar met totalen; --all-versions toont ook\n"
     "eerdere versies met hun bron.\nvoorbeeld: pok allocation list GM1773"},
    {0},
};
