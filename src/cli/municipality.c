/* municipality.c: pok municipality add|list|show|publish: the municipalities (CBS codes)
 * and whether their figures are public (readable without logging in). */
#include "../store/store_reference.h"
#include "../store/store_sharing.h"
#include "../store/store_users.h"
#include "../textable.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static int code_valid(const char *code)
{
    if (!code || strlen(code) != 6 || strncmp(code, "GM", 2) != 0) return 0;
    for (int i = 2; i < 6; i++)
        if (code[i] < '0' || code[i] > '9') return 0;
    return 1;
}

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
    SharingLevel level;
    if (store_sharing_get(s, m.code, &level, &cli->err)) return cli_finish(cli, -1, &a);
    printf("%s  %s\nprovincie: %s\n", m.code, m.name, m.province ? m.province : "-");
    if (m.first_year || m.last_year)
        printf("geldig: %d t/m %s\n", m.first_year,
               m.last_year ? arena_printf(&a, "%d", m.last_year) : "heden");
    for (size_t i = 0; i < n; i++)
        printf("inwoners %d: %lld\n", inh[i].year, (long long)inh[i].count);
    printf("landelijke monitor: %s\n", sharing_level_label(level));
    return cli_finish(cli, 0, &a);
}

static const char usage_muni_publish[] = "pok municipality publish CODE on|off";

static int cmd_municipality_publish(Cli *cli, int argc, char **argv)
{
    const char *pos[2];
    CliOpt opts[] = {{0}};
    int rc = cli_parse(argc, argv, opts, pos, 2, 2, NULL, usage_muni_publish);
    if (rc) return rc;
    int on = strcmp(pos[1], "on") == 0;
    if (!on && strcmp(pos[1], "off") != 0)
        return cli_fail("veld 'aan/uit': verwacht on of off, niet '%s'", pos[1]);
    if (!cli_store(cli)) return EXIT_USER;
    rc = store_municipality_public_set(cli->store, pos[0], on, &cli->err);
    if (rc == 0)
        printf("%s: cijfers %s\n", pos[0],
               on ? "openbaar (lezen zonder inloggen)" : "niet openbaar");
    return cli_finish(cli, rc, &(Arena){0});
}

static const char usage_muni_share[] =
    "pok municipality share CODE[,CODE...] niets|anoniem|cijfers|maatregelen";

static int cmd_municipality_share(Cli *cli, int argc, char **argv)
{
    const char *pos[2];
    CliOpt opts[] = {{0}};
    int rc = cli_parse(argc, argv, opts, pos, 2, 2, NULL, usage_muni_share);
    if (rc) return rc;
    SharingLevel level;
    if (sharing_level_parse(pos[1], &level))
        return cli_fail("veld 'delen': verwacht niets, anoniem, cijfers of maatregelen, niet '%s'",
                        pos[1]);
    if (!cli_store(cli)) return EXIT_USER;
    /* several codes: one transaction, all or none */
    rc = store_begin(cli->store, &cli->err);
    char code[16];
    size_t n = 0;
    for (const char *p = pos[0]; rc == 0 && *p; n++) {
        size_t len = strcspn(p, ",");
        if (len == 0 || len >= sizeof code) {
            rc = err_set(&cli->err, "veld 'gemeente': verwacht CBS-codes gescheiden door komma's");
            break;
        }
        memcpy(code, p, len);
        code[len] = '\0';
        rc = store_sharing_set(cli->store, code, level, &cli->err);
        p += len + (p[len] == ',');
    }
    if (rc == 0) rc = store_commit(cli->store, &cli->err);
    if (rc)
        store_rollback(cli->store);
    else if (n == 1)
        printf("%s: %s\n", pos[0], sharing_level_label(level));
    else
        printf("%zu gemeenten: %s\n", n, sharing_level_label(level));
    return cli_finish(cli, rc, &(Arena){0});
}

CLI_GROUP(municipality, 60) = {
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
    {"municipality", "publish", cmd_municipality_publish, usage_muni_publish,
     "Zet het openbaar lezen (zonder inloggen) van de cijfers van een gemeente aan of uit."},
    {"municipality", "share", cmd_municipality_share, usage_muni_share,
     "Legt vast wat een gemeente deelt met de landelijke monitor (standaard niets):\n"
     "  niets        niets; de gemeente telt niet mee\n"
     "  anoniem      cijfers tellen mee in landelijke totalen, nooit met naam\n"
     "  cijfers      cijfers met naam\n"
     "  maatregelen  cijfers en maatregelen met naam (de bibliotheek van maatregelen)\n"
     "voorbeeld: pok municipality share GM1773 maatregelen"},
    {0},
};
