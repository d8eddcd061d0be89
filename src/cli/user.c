/* user.c: pok user add|passwd|role|disable|list: accounts on the command line. Passwords
 * are read from standard input or a file, never from the command line (ps would show them). */
#include "../auth.h"
#include "../store/store_users.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage_user_add[] =
    "pok user add NAAM --role beheerder|gemeentebeheerder|redacteur|lezer|analist [--municipality "
    "GM..,GM..] "
    "[--password-file BESTAND]";
static const char usage_user_passwd[] = "pok user passwd NAAM [--password-file BESTAND]";
static const char usage_user_role[] =
    "pok user role NAAM beheerder|gemeentebeheerder|redacteur|lezer|analist [--municipality "
    "GM..,GM..]";
static const char usage_user_disable[] = "pok user disable NAAM";
static const char usage_user_list[] = "pok user list";

/* The first line of file (NULL: standard input) into out, without its line end. */
static int read_password(const char *file, char *out, size_t size, PokErr *err)
{
    FILE *f = file ? fopen(file, "r") : stdin;
    if (!f) return err_set(err, "veld 'password-file': kan '%s' niet openen", file);
    if (!file && isatty(fileno(stdin))) fputs("wachtwoord: ", stderr);
    int ok = fgets(out, (int)size, f) != NULL;
    if (file) fclose(f);
    if (!ok)
        return err_set(err, "geen wachtwoord gelezen (verwacht één regel op %s)",
                       file ? file : "standaardinvoer");
    size_t len = strcspn(out, "\r\n");
    if (out[len] == '\0' && len == size - 1)
        return err_set(err, "veld 'wachtwoord': verwacht hoogstens %d tekens", AUTH_PASSWORD_MAX);
    out[len] = '\0';
    return 0;
}

/* "GM1734,GM0362" into codes (kept in a); *n set. */
static void split_codes(const char *list, Arena *a, const char ***codes, size_t *n)
{
    *n = 0;
    *codes = NULL;
    if (!list || !*list) return;
    size_t cap = 1;
    for (const char *p = list; *p; p++) cap += *p == ',';
    *codes = arena_alloc(a, cap * sizeof **codes);
    char *copy = arena_strdup(a, list), *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
        if (*t) (*codes)[(*n)++] = t;
}

static int hashed_password(const char *file, char hash[128], PokErr *err)
{
    char password[AUTH_PASSWORD_MAX + 2];
    int rc = read_password(file, password, sizeof password, err);
    if (rc == 0) rc = auth_password_hash(password, hash, err);
    explicit_bzero(password, sizeof password);
    return rc;
}

static int cmd_user_add(Cli *cli, int argc, char **argv)
{
    const char *role = NULL, *munis = NULL, *file = NULL, *pos[1];
    CliOpt opts[] = {{"role", 1, &role, NULL},
                     {"municipality", 1, &munis, NULL},
                     {"password-file", 1, &file, NULL},
                     {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_user_add);
    if (rc) return rc;
    if (!role)
        return cli_fail(
            "veld 'role': verwacht beheerder, gemeentebeheerder, redacteur, lezer of analist");
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    char hash[128];
    User u = {.name = pos[0], .role = role, .password_hash = hash};
    split_codes(munis, &a, &u.municipalities, &u.n_municipalities);
    rc = hashed_password(file, hash, &cli->err);
    if (rc == 0) rc = store_user_add(cli->store, &u, &cli->err);
    if (rc == 0) printf("gebruiker %s (%s) toegevoegd\n", u.name, u.role);
    return cli_finish(cli, rc, &a);
}

static int cmd_user_passwd(Cli *cli, int argc, char **argv)
{
    const char *file = NULL, *pos[1];
    CliOpt opts[] = {{"password-file", 1, &file, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_user_passwd);
    if (rc) return rc;
    if (!cli_store(cli)) return EXIT_USER;
    char hash[128];
    rc = hashed_password(file, hash, &cli->err);
    if (rc == 0) rc = store_user_set_password(cli->store, pos[0], hash, &cli->err);
    if (rc == 0) printf("wachtwoord van %s gewijzigd; de sessies zijn beëindigd\n", pos[0]);
    return cli_finish(cli, rc, &(Arena){0});
}

static int cmd_user_role(Cli *cli, int argc, char **argv)
{
    const char *munis = NULL, *pos[2];
    CliOpt opts[] = {{"municipality", 1, &munis, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 2, 2, NULL, usage_user_role);
    if (rc) return rc;
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    const char **codes;
    size_t n;
    split_codes(munis, &a, &codes, &n);
    rc = store_user_set_role(cli->store, pos[0], pos[1], codes, n, &cli->err);
    if (rc == 0) printf("gebruiker %s is nu %s\n", pos[0], pos[1]);
    return cli_finish(cli, rc, &a);
}

static int cmd_user_disable(Cli *cli, int argc, char **argv)
{
    const char *pos[1];
    CliOpt opts[] = {{0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_user_disable);
    if (rc) return rc;
    if (!cli_store(cli)) return EXIT_USER;
    rc = store_user_disable(cli->store, pos[0], &cli->err);
    if (rc == 0) printf("gebruiker %s uitgeschakeld; de sessies zijn beëindigd\n", pos[0]);
    return cli_finish(cli, rc, &(Arena){0});
}

static int cmd_user_list(Cli *cli, int argc, char **argv)
{
    CliOpt opts[] = {{0}};
    int rc = cli_parse(argc, argv, opts, NULL, 0, 0, NULL, usage_user_list);
    if (rc) return rc;
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    User *users;
    size_t n;
    rc = store_user_list(cli->store, &a, &users, &n, &cli->err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        printf("%-20s %-10s %-14s", users[i].name, users[i].role,
               users[i].disabled ? "uitgeschakeld" : "actief");
        for (size_t k = 0; k < users[i].n_municipalities; k++)
            printf("%s%s", k ? "," : "", users[i].municipalities[k]);
        putchar('\n');
    }
    return cli_finish(cli, rc, &a);
}

#define PASSWORD_HELP                                                                              \
    "Het wachtwoord (minstens 10 tekens) komt van standaardinvoer (één regel) of uit\n"          \
    "--password-file BESTAND, nooit van de opdrachtregel.\n"

CLI_GROUP(user, 270) = {
    {"user", "add", cmd_user_add, usage_user_add,
     "Maak een account. Een redacteur wijzigt en een lezer leest alleen de gemeenten van\n"
     "--municipality; een analist leest alle gemeenten; een beheerder mag alles.\n" PASSWORD_HELP
     "voorbeeld: pok user add jan --role redacteur --municipality GM1734 < wachtwoord.txt"},
    {"user", "passwd", cmd_user_passwd, usage_user_passwd,
     "Geef een account een nieuw wachtwoord; zijn sessies worden beëindigd.\n" PASSWORD_HELP},
    {"user", "role", cmd_user_role, usage_user_role,
     "Wijzig de rol en de gemeenten van een account."},
    {"user", "disable", cmd_user_disable, usage_user_disable,
     "Schakel een account uit; zijn sessies worden beëindigd."},
    {"user", "list", cmd_user_list, usage_user_list, "Toon de accounts, hun rol en gemeenten."},
    {0},
};
