/* cli.c: option parsing and the shared command-line helpers declared in cli.h. */
#include "cli.h"

#include "../ingest/progress.h"
#include "../money.h"
#include "../store/store.h"
#include "../store/store_records.h"
#include "../store/store_reference.h"
#include "../text.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cli_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pok: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return EXIT_USER;
}

int cli_fail_err(const PokErr *err)
{
    return cli_fail("%s", err->msg);
}

/* Prints "pok: WHAT 'ARG' AFTER" (arg and after optional), then the usage line. */
static int usage_error(const char *usage, const char *what, const char *arg, const char *after)
{
    if (arg)
        fprintf(stderr, "pok: %s '%s'%s", what, arg, after ? after : "");
    else
        fprintf(stderr, "pok: %s", what);
    fprintf(stderr, "\ngebruik: %s\n(meer uitleg: voeg --help toe)\n", usage);
    return EXIT_USAGE;
}

/* Every argument is text (text.h) of at most the long bound: 0, or EXIT_USER after
 * printing what is wrong with which option or argument. The store checks each field's own
 * bound when it is saved. */
static int check_arg(const char *option, int position, const char *value)
{
    TextScan scan;
    if (text_scan(value, strlen(value), text_max_chars(TEXT_LONG), &scan) == TEXT_OK) return 0;
    char why[160];
    text_describe(&scan, why, sizeof why);
    if (option) return cli_fail("optie --%s: %s", option, why);
    return cli_fail("argument %d: %s", position, why);
}

int cli_parse(int argc, char **argv, const CliOpt *opts, const char **pos, int min_pos, int max_pos,
              int *n_pos, const char *usage)
{
    int np = 0;
    int only_positionals = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (only_positionals || arg[0] != '-' || arg[1] != '-' ||
            (arg[0] == '-' && arg[1] == '\0')) {
            /* A lone "-" or a negative amount like "-2.500" is a positional. */
            if (check_arg(NULL, np + 1, arg)) return EXIT_USER;
            if (np >= max_pos) return usage_error(usage, "te veel argumenten:", arg, NULL);
            pos[np++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_positionals = 1;
            continue;
        }
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        size_t name_len = eq ? (size_t)(eq - name) : strlen(name);
        const CliOpt *opt = NULL;
        for (const CliOpt *o = opts; o && o->name; o++)
            if (strlen(o->name) == name_len && strncmp(o->name, name, name_len) == 0) opt = o;
        if (!opt) {
            if (check_arg(NULL, i + 1, arg)) return EXIT_USER; /* never quote bad text */
            return usage_error(usage, "onbekende optie", arg, NULL);
        }
        if (opt->takes_value) {
            const char *value;
            if (eq)
                value = eq + 1;
            else if (i + 1 < argc)
                value = argv[++i];
            else
                return usage_error(usage, "optie", arg, " verwacht een waarde");
            if (check_arg(opt->name, 0, value)) return EXIT_USER;
            *opt->value = value;
        } else {
            if (eq) return usage_error(usage, "optie", arg, " neemt geen waarde");
            *opt->flag = 1;
        }
    }
    if (np < min_pos) return usage_error(usage, "te weinig argumenten", NULL, NULL);
    if (n_pos) *n_pos = np;
    return 0;
}

Store *cli_store(Cli *cli)
{
    if (cli->store) return cli->store;
    cli->store = store_open(cli->db_url, 0, &cli->err);
    if (!cli->store) {
        cli_fail_err(&cli->err);
        return NULL;
    }
    const char *actor = getenv("POK_USER");
    if (!actor || !*actor) actor = getenv("USER");
    if (actor && *actor) {
        char who[160];
        snprintf(who, sizeof who, "cli:%s", actor);
        /* the audit trail takes only text: a name that is not (or was cut) stays "cli" */
        if (text_check("POK_USER", who, TEXT_SHORT, NULL) == 0) store_set_actor(cli->store, who);
    }
    return cli->store;
}

int cli_amount(const char *field, const char *text, int64_t *out, PokErr *err)
{
    const char *reason;
    if (money_parse(text, out, &reason) != 0)
        return err_set(err, "veld '%s': %s (gelezen: '%s')", field, reason, text ? text : "");
    return 0;
}

int cli_year(const char *field, const char *text, int *out, PokErr *err)
{
    long long v;
    if (parse_int(text, 1900, 2200, &v) != 0)
        return err_set(err, "veld '%s': verwacht een jaartal zoals 2024, niet '%s'", field,
                       text ? text : "");
    *out = (int)v;
    return 0;
}

int cli_id(const char *field, const char *text, int64_t *out, PokErr *err)
{
    long long v;
    if (parse_int(text, 1, INT64_MAX, &v) != 0)
        return err_set(err, "veld '%s': verwacht een nummer (id), niet '%s'", field,
                       text ? text : "");
    *out = v;
    return 0;
}

int cli_if_version(const char *text, int64_t *out, PokErr *err)
{
    long long v;
    *out = 0;
    if (!text) return 0;
    if (strcmp(text, "geen") == 0) {
        *out = ROW_VERSION_ABSENT;
        return 0;
    }
    if (parse_int(text, 1, INT64_MAX, &v) != 0)
        return err_set(err,
                       "veld 'if-version': verwacht een versienummer (1 of hoger) of 'geen', "
                       "niet '%s'",
                       text);
    *out = v;
    return 0;
}

int cli_date(const char *field, const char *text, PokErr *err)
{
    if (!date_valid(text))
        return err_set(err,
                       "veld '%s': verwacht een datum als JJJJ-MM-DD (bijv. 2024-05-28), "
                       "niet '%s'",
                       field, text ? text : "");
    return 0;
}

int cli_scheme(Store *s, const char *code, Arena *a, Scheme *out, PokErr *err)
{
    if (!code) code = "POK";
    int r = store_scheme_get(s, code, a, out, err);
    if (r < 0) return -1;
    if (r == 0) return err_set(err, "onbekende regeling '%s' (zie 'pok scheme list')", code);
    return 0;
}

int cli_municipality(Store *s, const char *code, Arena *a, Municipality *out, PokErr *err)
{
    int r = store_municipality_get(s, code, a, out, err);
    if (r < 0) return -1;
    if (r == 0)
        return err_set(err,
                       "onbekende gemeente '%s' (verwacht een CBS-code zoals GM1734; "
                       "zie 'pok municipality list')",
                       code);
    return 0;
}

int cli_actielijn(Store *s, const Scheme *scheme, const char *number, Arena *a, Actielijn *out,
                  PokErr *err)
{
    Actielijn *list;
    size_t n;
    long long num;
    if (store_actielijn_list(s, scheme->id, a, &list, &n, err) != 0) return -1;
    if (parse_int(number, 1, 1000, &num) == 0)
        for (size_t i = 0; i < n; i++)
            if (list[i].number == num) {
                *out = list[i];
                return 0;
            }
    return err_set(err, "veld 'actielijn': onbekende actielijn '%s' (%s heeft 1 tot en met %zu)",
                   number, scheme->code, n);
}

int cli_year_in_scheme(const Scheme *scheme, const char *field, const char *text, int *out,
                       PokErr *err)
{
    if (cli_year(field, text, out, err) != 0) return -1;
    if (*out < scheme->first_year || *out > scheme->last_year)
        return err_set(err, "veld '%s': %d valt buiten de looptijd van %s (%d-%d)", field, *out,
                       scheme->code, scheme->first_year, scheme->last_year);
    return 0;
}

int cli_format(const char *text, int allow_csv, OutputFormat *out)
{
    if (!text || strcmp(text, "text") == 0)
        *out = FORMAT_TEXT;
    else if (strcmp(text, "json") == 0)
        *out = FORMAT_JSON;
    else if (allow_csv && strcmp(text, "csv") == 0)
        *out = FORMAT_CSV;
    else
        return -1;
    return 0;
}

void cli_print_json(json_t *root)
{
    json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    json_decref(root);
}

int cli_cite(const CliCite *c, Citation *cite, int64_t *decision_id, PokErr *err)
{
    cite->source_id = 0;
    cite->place = c->place;
    if (c->source && cli_id("source", c->source, &cite->source_id, err) != 0) return -1;
    if (decision_id) {
        *decision_id = 0;
        if (c->decision && cli_id("decision", c->decision, decision_id, err) != 0) return -1;
    }
    if (c->place && !c->source)
        return err_set(err, "veld 'place': een plaats in de bron vraagt ook --source");
    return 0;
}

/* Parse "3,4,5" and map each number through lookup. */
static int number_list(const char *field, const char *list, Arena *a, int64_t **out, size_t *n,
                       int64_t (*lookup)(void *ctx, long long number), void *ctx, PokErr *err)
{
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    char *copy = arena_strdup(a, list), *save = NULL;
    for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
        long long num;
        int64_t id = 0;
        if (parse_int(tok, 1, 1000, &num) == 0) id = lookup(ctx, num);
        if (!id) return err_set(err, "veld '%s': onbekend nummer '%s'", field, tok);
        *out = arena_grow(a, *out, sizeof **out, &cap, *n + 1);
        (*out)[(*n)++] = id;
    }
    if (*n == 0) return err_set(err, "veld '%s': verwacht nummers zoals 3,4,5", field);
    return 0;
}

typedef struct {
    Actielijn *al;
    Purpose *pu;
    size_t n;
} NumberTable;

static int64_t actielijn_by_number(void *ctx, long long number)
{
    NumberTable *t = ctx;
    for (size_t i = 0; i < t->n; i++)
        if (t->al[i].number == number) return t->al[i].id;
    return 0;
}

static int64_t purpose_by_number(void *ctx, long long number)
{
    NumberTable *t = ctx;
    for (size_t i = 0; i < t->n; i++)
        if (t->pu[i].number == number) return t->pu[i].id;
    return 0;
}

int cli_actielijn_ids(Store *s, const Scheme *scheme, const char *list, Arena *a, int64_t **ids,
                      size_t *n, PokErr *err)
{
    NumberTable t = {0};
    if (store_actielijn_list(s, scheme->id, a, &t.al, &t.n, err) != 0) return -1;
    return number_list("actielijnen", list, a, ids, n, actielijn_by_number, &t, err);
}

int cli_purpose_ids(Store *s, const Scheme *scheme, const char *list, Arena *a, int64_t **ids,
                    size_t *n, PokErr *err)
{
    NumberTable t = {0};
    if (store_purpose_list(s, scheme->id, a, &t.pu, &t.n, err) != 0) return -1;
    return number_list("doelen", list, a, ids, n, purpose_by_number, &t, err);
}

int cli_load(Store *s, const char *code, const char *scheme_code, Arena *a, MuniData *out,
             PokErr *err)
{
    Scheme sc;
    if (cli_scheme(s, scheme_code, a, &sc, err) != 0) return -1;
    int r = store_load(s, code, sc.id, a, out, err);
    if (r < 0) return -1;
    if (r == 0)
        return err_set(err,
                       "onbekende gemeente '%s' (verwacht een CBS-code zoals GM1734; "
                       "zie 'pok municipality list')",
                       code);
    return 0;
}

const char *cli_cite_text(const MuniData *d, const Citation *c, Arena *a)
{
    const Source *src = c->source_id ? muni_source(d, c->source_id) : NULL;
    if (!src) return c->place ? c->place : "";
    if (c->place) return arena_printf(a, "[%lld] %s, %s", (long long)src->id, src->title, c->place);
    return arena_printf(a, "[%lld] %s", (long long)src->id, src->title);
}

int cli_finish(Cli *cli, int rc, Arena *a)
{
    arena_free(a);
    return rc == 0 ? EXIT_OK : cli_fail_err(&cli->err);
}

const char *cli_money(Arena *a, int64_t cents)
{
    char buf[MONEY_BUFSZ];
    return arena_strdup(a, money_format(cents, MONEY_EURO | MONEY_WHOLE, buf));
}

const char *cli_count(Arena *a, int64_t n)
{
    char buf[32];
    return arena_strdup(a, progress_count(n, buf, sizeof buf));
}

const char *cli_id_text(Arena *a, int64_t id)
{
    return id ? arena_printf(a, "%lld", (long long)id) : "";
}

int cli_load_for_list(Cli *cli, int argc, char **argv, const char *usage, Arena *a, MuniData *d)
{
    const char *pos[1], *scheme = NULL;
    CliOpt opts[] = {{"scheme", 1, &scheme, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage);
    if (rc) return rc;
    if (!cli_store(cli)) return EXIT_USER;
    if (cli_load(cli->store, pos[0], scheme, a, d, &cli->err)) return cli_finish(cli, -1, a);
    return 0;
}

/* Whether the directory path is to be written in exists. */
static int dir_exists(const char *path)
{
    char *copy = xstrdup(path);
    struct stat st;
    int ok = stat(dirname(copy), &st) == 0 && S_ISDIR(st.st_mode);
    free(copy);
    return ok;
}

int cli_prepare_dir(const char *dir, int force, const char *const *files, size_t n, PokErr *err)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (mkdir(dir, 0777) != 0)
            return err_set(err, "veld 'map': kan map '%s' niet aanmaken: %s", dir, strerror(errno));
        return 0;
    }
    if (!S_ISDIR(st.st_mode)) return err_set(err, "veld 'map': '%s' is geen map", dir);
    if (force) return 0;
    Buf path = {0};
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        buf_reset(&path);
        buf_printf(&path, "%s/%s", dir, files[i]);
        if (access(path.data, F_OK) == 0)
            rc = err_set(err,
                         "veld 'map': '%s' bestaat al; kies een lege map of overschrijf met "
                         "--force",
                         path.data);
    }
    buf_free(&path);
    return rc;
}

int cli_write_file(const char *field, const char *path, const Buf *b, PokErr *err)
{
    if (buf_check(b, "de uitvoer", err)) return -1;
    Buf tmp = {0};
    buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
    FILE *f = fopen(tmp.data, "wb");
    if (!f) {
        int e = errno;
        buf_free(&tmp);
        if (e == ENOENT && !dir_exists(path))
            return err_set(err, "veld '%s': kan '%s' niet schrijven: de map bestaat niet", field,
                           path);
        return err_set(err, "veld '%s': kan '%s' niet schrijven: %s", field, path, strerror(e));
    }
    int ok = fwrite(b->data ? b->data : "", 1, b->len, f) == b->len;
    ok = (fclose(f) == 0) && ok;
    if (ok && rename(tmp.data, path) == 0) {
        buf_free(&tmp);
        return 0;
    }
    int e = errno;
    unlink(tmp.data);
    buf_free(&tmp);
    return err_set(err, "veld '%s': kan '%s' niet schrijven: %s", field, path, strerror(e));
}

int cli_write_stdout(const Buf *b, PokErr *err)
{
    if (buf_check(b, "de uitvoer", err)) return -1;
    if (fwrite(b->data ? b->data : "", 1, b->len, stdout) != b->len)
        return err_set(err, "kan de uitvoer niet schrijven: %s", strerror(errno));
    return 0;
}
