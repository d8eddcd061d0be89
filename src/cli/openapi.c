/* openapi.c: pok openapi: the OpenAPI document of the JSON API of pok serve, generated
 * from the route table and the records' field tables (web/openapi.h); docs/openapi.json
 * is its output. */
#include "../web/openapi.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmd_openapi(Cli *cli, int argc, char **argv)
{
    const char *out = NULL;
    CliOpt opts[] = {{"out", 1, &out, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, NULL, 0, 0, NULL, "pok openapi [--out BESTAND]");
    if (rc) return rc;
    json_t *doc = openapi_document(&cli->err);
    if (!doc) return cli_fail_err(&cli->err);
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    Buf body = {0};
    buf_puts(&body, text);
    buf_puts(&body, "\n");
    free(text);
    int r = !out || strcmp(out, "-") == 0 ? cli_write_stdout(&body, &cli->err)
                                          : cli_write_file("out", out, &body, &cli->err);
    buf_free(&body);
    return r ? cli_fail_err(&cli->err) : EXIT_OK;
}

CLI_GROUP(openapi, 225) = {
    {"openapi", NULL, cmd_openapi, "pok openapi [--out BESTAND]",
     "Schrijft het OpenAPI 3.1-document van de JSON-API van pok serve (/api/v2/ en\n"
     "/api/v1/), gemaakt uit de routetabel en de veldtabellen van de gegevens; pok serve\n"
     "geeft hetzelfde document op /api/openapi.json. Zonder --out naar standaarduitvoer.\n"
     "Er is geen database nodig.\n"
     "  --out BESTAND   schrijf naar BESTAND (via een tijdelijk bestand)\n"
     "voorbeeld: pok openapi --out docs/openapi.json"},
    {0},
};
