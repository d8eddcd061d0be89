/* cli_reference.c: municipalities, inhabitants, schemes with their actielijnen and
 * purposes, and source documents. */
#include "cli/cli.h"
#include "textable.h"

#include <stdio.h>
#include <string.h>

static int code_valid(const char *code)
{
    if (!code || strlen(code) != 6 || strncmp(code, "GM", 2) != 0) return 0;
    for (int i = 2; i < 6; i++)
        if (code[i] < '0' || code[i] > '9') return 0;
    return 1;
}

/* ---- municipality ---- */

static const char usage_muni_add[] = "pok municipality add CODE NAAM [--province P] [--from JAAR] "
                                     "[--until JAAR]";

static int cmd_municipality_add(Cli *cli, int argc, char **argv)
{
    const char *pos[2], *province = NULL, *from = NULL, *until = NULL;
    CliOpt opts[] = {{"province", 1, &province, NULL},
                     {"from", 1, &from, NULL},
                     {"until", 1, &until, NULL},
                     {0}};
    int rc = cli_parse(argc, argv, opts, pos, 2, 2, NULL, usage_muni_add);
    if (rc) return rc;
    if (!code_valid(pos[0]))
        return cli_fail("veld 'code': verwacht een CBS-code als GM0000, niet '%s'", pos[0]);
    Municipality m = {.code = pos[0], .name = pos[1], .province = province};
    if (from && cli_year("from", from, &m.first_year, &cli->err)) return cli_fail_err(&cli->err);
    if (until && cli_year("until", until, &m.last_year, &cli->err)) return cli_fail_err(&cli->err);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    if (store_municipality_put(s, &m, &cli->err) != 0) return cli_fail_err(&cli->err);
    printf("gemeente %s (%s) opgeslagen\n", m.code, m.name);
    return EXIT_OK;
}

static int cmd_municipality_list(Cli *cli, int argc, char **argv)
{
    const char *search = NULL;
    CliOpt opts[] = {{"search", 1, &search, NULL}, {0}};
    int rc =
        cli_parse(argc, argv, opts, NULL, 0, 0, NULL, "pok municipality list [--search TEKST]");
    if (rc) return rc;
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Municipality *list;
    size_t n;
    if (store_municipality_list(s, search, &a, &list, &n, &cli->err) != 0)
        return cli_finish(cli, -1, &a);
    TextTable t;
    tt_init(&t, &a, 3, (const char *[]){"code", "naam", "provincie"}, "lll");
    for (size_t i = 0; i < n; i++)
        tt_row(&t, (const char *[]){list[i].code, list[i].name, list[i].province});
    tt_print(&t, stdout);
    printf("%zu gemeenten\n", n);
    return cli_finish(cli, 0, &a);
}

static int cmd_municipality_show(Cli *cli, int argc, char **argv)
{
    const char *pos[1];
    int rc = cli_parse(argc, argv, NULL, pos, 1, 1, NULL, "pok municipality show CODE");
    if (rc) return rc;
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Municipality m;
    Inhabitants *inh;
    size_t n;
    if (cli_municipality(s, pos[0], &a, &m, &cli->err) != 0 ||
        store_inhabitants_list(s, m.code, &a, &inh, &n, &cli->err) != 0)
        return cli_finish(cli, -1, &a);
    printf("%s  %s\nprovincie: %s\n", m.code, m.name, m.province ? m.province : "-");
    if (m.first_year || m.last_year)
        printf("geldig: %d t/m %s\n", m.first_year,
               m.last_year ? arena_printf(&a, "%d", m.last_year) : "heden");
    for (size_t i = 0; i < n; i++)
        printf("inwoners %d: %lld\n", inh[i].year, (long long)inh[i].count);
    return cli_finish(cli, 0, &a);
}

static int cmd_inhabitants_set(Cli *cli, int argc, char **argv)
{
    const char *pos[3], *source = NULL;
    CliOpt opts[] = {{"source", 1, &source, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 3, 3, NULL,
                       "pok inhabitants set CODE JAAR AANTAL [--source ID]");
    if (rc) return rc;
    Inhabitants inh = {.municipality = pos[0]};
    long long count;
    if (cli_year("jaar", pos[1], &inh.year, &cli->err)) return cli_fail_err(&cli->err);
    if (parse_int(pos[2], 0, 100000000, &count))
        return cli_fail("veld 'aantal': verwacht een aantal inwoners, niet '%s'", pos[2]);
    inh.count = count;
    if (source && cli_id("source", source, &inh.source_id, &cli->err))
        return cli_fail_err(&cli->err);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    if (store_inhabitants_put(s, &inh, &cli->err) != 0) return cli_fail_err(&cli->err);
    printf("inwoners %s %d: %lld\n", inh.municipality, inh.year, count);
    return EXIT_OK;
}

/* ---- schemes ---- */

static int cmd_scheme_list(Cli *cli, int argc, char **argv)
{
    int rc = cli_parse(argc, argv, NULL, NULL, 0, 0, NULL, "pok scheme list");
    if (rc) return rc;
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Scheme *list;
    size_t n;
    if (store_scheme_list(s, &a, &list, &n, &cli->err) != 0) return cli_finish(cli, -1, &a);
    TextTable t;
    tt_init(&t, &a, 3, (const char *[]){"code", "naam", "looptijd"}, "lll");
    for (size_t i = 0; i < n; i++)
        tt_row(&t,
               (const char *[]){list[i].code, list[i].name,
                                arena_printf(&a, "%d-%d", list[i].first_year, list[i].last_year)});
    tt_print(&t, stdout);
    return cli_finish(cli, 0, &a);
}

static int cmd_scheme_add(Cli *cli, int argc, char **argv)
{
    const char *pos[2], *from = NULL, *until = NULL;
    CliOpt opts[] = {{"from", 1, &from, NULL}, {"until", 1, &until, NULL}, {0}};
    static const char usage[] = "pok scheme add CODE NAAM --from JAAR --until JAAR";
    int rc = cli_parse(argc, argv, opts, pos, 2, 2, NULL, usage);
    if (rc) return rc;
    Scheme sc = {.code = pos[0], .name = pos[1]};
    if (!from || !until) return cli_fail("--from en --until (de looptijd) zijn verplicht");
    if (cli_year("from", from, &sc.first_year, &cli->err) ||
        cli_year("until", until, &sc.last_year, &cli->err))
        return cli_fail_err(&cli->err);
    if (sc.last_year < sc.first_year)
        return cli_fail("veld 'until': %d ligt voor het beginjaar %d", sc.last_year, sc.first_year);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    if (store_scheme_add(s, &sc, &cli->err) != 0) return cli_fail_err(&cli->err);
    printf("regeling %s opgeslagen (%d-%d)\n", sc.code, sc.first_year, sc.last_year);
    return EXIT_OK;
}

static int cmd_scheme_show(Cli *cli, int argc, char **argv)
{
    const char *pos[1] = {"POK"};
    int rc = cli_parse(argc, argv, NULL, pos, 0, 1, NULL, "pok scheme show [CODE]");
    if (rc) return rc;
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Scheme sc;
    Actielijn *al;
    Purpose *pu;
    size_t nal, npu;
    if (cli_scheme(s, pos[0], &a, &sc, &cli->err) ||
        store_actielijn_list(s, sc.id, &a, &al, &nal, &cli->err) ||
        store_purpose_list(s, sc.id, &a, &pu, &npu, &cli->err))
        return cli_finish(cli, -1, &a);
    printf("%s: %s (%d-%d)\n\nactielijnen:\n", sc.code, sc.name, sc.first_year, sc.last_year);
    TextTable t;
    tt_init(&t, &a, 4, (const char *[]){"nr", "actielijn", "naam in circulaire", "geldstroom"},
            "rlll");
    for (size_t i = 0; i < nal; i++)
        tt_row(&t, (const char *[]){arena_printf(&a, "%d", al[i].number), al[i].name,
                                    al[i].circulaire_name, al[i].flow});
    tt_print(&t, stdout);
    printf("\ndoelen (toegekend in het kader van):\n");
    for (size_t i = 0; i < npu; i++) printf("  %d. %s\n", pu[i].number, pu[i].name);
    return cli_finish(cli, 0, &a);
}

static int add_numbered(Cli *cli, int argc, char **argv, int is_actielijn)
{
    const char *pos[3], *circ = NULL, *flow = NULL;
    CliOpt opts[] = {{"circulaire-name", 1, &circ, NULL}, {"flow", 1, &flow, NULL}, {0}};
    const char *usage = is_actielijn ? "pok actielijn add REGELING NUMMER NAAM "
                                       "[--circulaire-name NAAM] [--flow TEKST]"
                                     : "pok purpose add REGELING NUMMER NAAM";
    int rc = cli_parse(argc, argv, is_actielijn ? opts : NULL, pos, 3, 3, NULL, usage);
    if (rc) return rc;
    long long number;
    if (parse_int(pos[1], 1, 1000, &number))
        return cli_fail("veld 'nummer': verwacht een nummer, niet '%s'", pos[1]);
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    Scheme sc;
    if (cli_scheme(s, pos[0], &a, &sc, &cli->err)) return cli_finish(cli, -1, &a);
    if (is_actielijn) {
        Actielijn al = {.scheme_id = sc.id,
                        .number = (int)number,
                        .name = pos[2],
                        .circulaire_name = circ,
                        .flow = flow};
        rc = store_actielijn_add(s, &al, &cli->err);
    } else {
        Purpose p = {.scheme_id = sc.id, .number = (int)number, .name = pos[2]};
        rc = store_purpose_add(s, &p, &cli->err);
    }
    if (rc == 0)
        printf("%s %lld van %s opgeslagen\n", is_actielijn ? "actielijn" : "doel", number, sc.code);
    return cli_finish(cli, rc, &a);
}

static int cmd_actielijn_add(Cli *cli, int argc, char **argv)
{
    return add_numbered(cli, argc, argv, 1);
}

static int cmd_purpose_add(Cli *cli, int argc, char **argv)
{
    return add_numbered(cli, argc, argv, 0);
}

/* ---- sources ---- */

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

const CliCommand cli_commands_reference[] = {
    {"municipality", "add", cmd_municipality_add, usage_muni_add,
     "Legt een gemeente vast of werkt naam en provincie bij.\n"
     "  --province P    provincie\n"
     "  --from JAAR     eerste jaar waarin de code geldt (gemeenten fuseren per 1 januari)\n"
     "  --until JAAR    laatste jaar waarin de code geldt\n"
     "voorbeeld: pok municipality add GM1734 Overbetuwe --province Gelderland"},
    {"municipality", "list", cmd_municipality_list, "pok municipality list [--search TEKST]",
     "Toont alle gemeenten; --search zoekt in naam en code.\n"
     "voorbeeld: pok municipality list --search wijhe"},
    {"municipality", "show", cmd_municipality_show, "pok municipality show CODE",
     "Toont een gemeente met haar inwonertallen.\nvoorbeeld: pok municipality show GM0534"},
    {"inhabitants", "set", cmd_inhabitants_set,
     "pok inhabitants set CODE JAAR AANTAL [--source ID]",
     "Legt het aantal inwoners van een gemeente op 1 januari van een jaar vast.\n"
     "voorbeeld: pok inhabitants set GM1773 2021 18361 --source 3"},
    {"scheme", "list", cmd_scheme_list, "pok scheme list", "Toont de regelingen."},
    {"scheme", "show", cmd_scheme_show, "pok scheme show [CODE]",
     "Toont een regeling (standaard POK) met actielijnen en doelen."},
    {"scheme", "add", cmd_scheme_add, "pok scheme add CODE NAAM --from JAAR --until JAAR",
     "Voegt een andere tijdelijke regeling toe; actielijnen en doelen volgen met\n"
     "'pok actielijn add' en 'pok purpose add'.\n"
     "voorbeeld: pok scheme add WMO-X 'Tijdelijke impuls' --from 2028 --until 2030"},
    {"actielijn", "add", cmd_actielijn_add,
     "pok actielijn add REGELING NUMMER NAAM [--circulaire-name NAAM] [--flow TEKST]",
     "Voegt een actielijn toe aan een regeling."},
    {"purpose", "add", cmd_purpose_add, "pok purpose add REGELING NUMMER NAAM",
     "Voegt een doel toe aan een regeling."},
    {"source", "add", cmd_source_add, usage_source_add,
     "Legt een bron vast: een circulaire, raadsvoorstel, collegebesluit, brief, ...\n"
     "  --kind SOORT    circulaire, raadsvoorstel, raadsinformatiebrief, collegebesluit,\n"
     "                  adviesnota, brief, ledenbrief, document\n"
     "voorbeeld: pok source add --title 'Decembercirculaire 2021' --kind circulaire "
     "--date 2021-12-14"},
    {"source", "list", cmd_source_list, "pok source list [CODE]",
     "Toont de bronnen (landelijke en die van een gemeente)."},
    {"source", "show", cmd_source_show, "pok source show ID", "Toont een bron."},
    {0}};
