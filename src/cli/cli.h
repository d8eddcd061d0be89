/* cli.h: what every command file in src/cli/ shares: the command table, option parsing,
 * and helpers that turn command-line text into domain values with clear errors.
 *
 * Exit status: 0 success, 1 user error (message names what was wrong), 2 usage error. */
#ifndef POK_CLI_H
#define POK_CLI_H

#include "../model.h"
#include "../store/store.h"
#include "../util.h"

#include <jansson.h>

enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_USAGE = 2 };

typedef struct Cli {
    const char *db_url; /* --db, $POK_DB, or "pok.db" */
    Store *store;       /* opened by cli_store() */
    PokErr err;
} Cli;

/* A command: `pok NAME [SUB] ...`. sub is NULL for commands without subcommands.
 * run gets argv starting after the (sub)command name. */
typedef struct CliCommand {
    const char *name;
    const char *sub;
    int (*run)(Cli *cli, int argc, char **argv);
    const char *usage; /* "pok allocation add CODE ACTIELIJN YEAR AMOUNT [options]" */
    const char *help;  /* what it does, options, an example; Dutch */
} CliCommand;

/* A command group is `pok NAME ...` with its subcommands, all in src/cli/NAME.c, which
 * defines the group's table, terminated by an entry with name NULL:
 *     CLI_GROUP(NAME, POSITION) = {{"NAME", "SUB", run, usage, help}, ..., {0}};
 * scripts/cli_groups.sh collects the CLI_GROUP lines of src/cli/ into cli_groups, ordered
 * by POSITION (the order of `pok --help`; only the script reads it), so a new group is a
 * new file and nothing else. */
#define CLI_GROUP(name, position)                                                                  \
    extern const CliCommand cli_group_##name[];                                                    \
    const CliCommand cli_group_##name[]

/* Every group's table in the order of `pok --help`, terminated by NULL (generated:
 * build/gen/cli_groups.c). */
extern const CliCommand *const cli_groups[];

/* Options: --name VALUE or --name=VALUE; flags take no value. Positional arguments are
 * collected in order. --help is handled by the dispatcher, never reaches a command. */
typedef struct CliOpt {
    const char *name; /* without the dashes */
    int takes_value;
    const char **value; /* set when seen (value options) */
    int *flag;          /* set to 1 when seen (flags) */
} CliOpt;

/* Returns 0, or EXIT_USAGE after printing what is wrong and the usage line.
 * Fails if the number of positionals is outside [min_pos, max_pos]. Every option value
 * and argument must be text (text.h: UTF-8 without control characters, at most the long
 * bound), file names too: otherwise EXIT_USER, naming the option or argument. */
int cli_parse(int argc, char **argv, const CliOpt *opts, const char **pos, int min_pos, int max_pos,
              int *n_pos, const char *usage);

/* Open the store (migrated; fails if not initialised). Returns NULL after printing. */
Store *cli_store(Cli *cli);

/* Print "pok: MESSAGE" to stderr and return EXIT_USER. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print cli->err and return EXIT_USER. */
int cli_fail_err(const PokErr *err);

/* Value parsers for option/positional text; each fills err naming the field on failure:
 * "veld 'jaar': verwacht een jaartal, niet 'abc'". */
int cli_amount(const char *field, const char *text, int64_t *out, PokErr *err);
int cli_year(const char *field, const char *text, int *out, PokErr *err);
int cli_id(const char *field, const char *text, int64_t *out, PokErr *err);
/* --if-version: the version of the record the caller expects to replace (a number, as
 * pok measure show or the add/set output prints it, or "geen" when there should be no
 * record yet). NULL (option not given): 0, no check. */
int cli_if_version(const char *text, int64_t *out, PokErr *err);
int cli_date(const char *field, const char *text, PokErr *err); /* YYYY-MM-DD */

/* Look up domain objects named on the command line, with Dutch errors. */
int cli_scheme(Store *s, const char *code, Arena *a, Scheme *out, PokErr *err); /* NULL: POK */
int cli_municipality(Store *s, const char *code, Arena *a, Municipality *out, PokErr *err);
int cli_actielijn(Store *s, const Scheme *scheme, const char *number, Arena *a, Actielijn *out,
                  PokErr *err);
/* A year inside the scheme's funding period. */
int cli_year_in_scheme(const Scheme *scheme, const char *field, const char *text, int *out,
                       PokErr *err);

/* The options every figure-entering command takes: where the figure came from. */
typedef struct CliCite {
    const char *source, *place, *decision;
} CliCite;
#define CLI_CITE_OPTS(c)                                                                           \
    {"source", 1, &(c).source, NULL}, {"place", 1, &(c).place, NULL},                              \
    {                                                                                              \
        "decision", 1, &(c).decision, NULL                                                         \
    }
#define CLI_CITE_HELP                                                                              \
    "  --source ID     bron (document) van het gegeven, zie 'pok source list'\n"                   \
    "  --place TEKST   waar in de bron (bijv. 'p. 4, tabel Financiën')\n"                         \
    "  --decision ID   besluit waarop het gegeven berust\n"
int cli_cite(const CliCite *c, Citation *cite, int64_t *decision_id, PokErr *err);

/* A comma-separated list of numbers ("3,4,5") mapped to actielijn or purpose ids. */
int cli_actielijn_ids(Store *s, const Scheme *scheme, const char *list, Arena *a, int64_t **ids,
                      size_t *n, PokErr *err);
int cli_purpose_ids(Store *s, const Scheme *scheme, const char *list, Arena *a, int64_t **ids,
                    size_t *n, PokErr *err);

/* Load everything of a municipality for a scheme (NULL: POK), with Dutch errors. */
int cli_load(Store *s, const char *code, const char *scheme_code, Arena *a, MuniData *out,
             PokErr *err);

/* Text for a citation: "Raadsvoorstel POK (2024-052874), Financiën" or "" . */
const char *cli_cite_text(const MuniData *d, const Citation *c, Arena *a);

/* Free the arena and turn rc (0, or -1 with cli->err filled) into an exit status. */
int cli_finish(Cli *cli, int rc, Arena *a);
/* An amount as "€ 1.234" (cents only when there are any), kept in the arena. */
const char *cli_money(Arena *a, int64_t cents);
/* A count with thousands separators ("1.234.567"), kept in the arena. */
const char *cli_count(Arena *a, int64_t n);
/* An id as text, "" for 0. */
const char *cli_id_text(Arena *a, int64_t id);
/* For the list commands: parse `CODE [--scheme CODE]`, open the store and load the
 * municipality. Returns 0, or the exit status to return (the arena is then freed). */
int cli_load_for_list(Cli *cli, int argc, char **argv, const char *usage, Arena *a, MuniData *d);

/* Output format option shared by report commands. */
typedef enum { FORMAT_TEXT, FORMAT_CSV, FORMAT_JSON } OutputFormat;
int cli_format(const char *text, int allow_csv, OutputFormat *out);
/* Print root indented, keys in their order, with a line end, and release it. */
void cli_print_json(json_t *root);

/* Create dir (one level) if needed; without force, refuse when one of the n files (names
 * in dir) exists, before anything is written. */
int cli_prepare_dir(const char *dir, int force, const char *const *files, size_t n, PokErr *err);
/* Write b to path through a temporary file and a rename: a reader never sees half a file,
 * and a failure (also a buffer that went over its maximum) leaves none behind. field
 * names the option in messages ("out"). Returns -1 with err. */
int cli_write_file(const char *field, const char *path, const Buf *b, PokErr *err);
/* Write b to standard output, unless it went over its maximum. */
int cli_write_stdout(const Buf *b, PokErr *err);

#endif
