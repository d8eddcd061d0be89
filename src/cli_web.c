/* cli_web.c: pok serve, the web interface (see src/web/). */
#include "cli.h"
#include "web/http.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

static int cmd_serve(Cli *cli, int argc, char **argv)
{
    const char *listen = "127.0.0.1", *port_text = NULL, *scheme = NULL;
    CliOpt opts[] = {{"listen", 1, &listen, NULL},
                     {"port", 1, &port_text, NULL},
                     {"scheme", 1, &scheme, NULL},
                     {0}};
    static const char usage[] = "pok serve [--listen ADRES] [--port POORT] [--scheme CODE]";
    int rc = cli_parse(argc, argv, opts, NULL, 0, 0, NULL, usage);
    if (rc) return rc;
    long long port = 8080;
    if (port_text && parse_int(port_text, 0, 65535, &port))
        return cli_fail("veld 'port': verwacht een poort van 0 tot en met 65535, niet '%s'",
                        port_text);
    if (!cli_store(cli)) return EXIT_USER;
    store_set_actor(cli->store, "web");
    Arena a = {0};
    Scheme sc;
    rc = cli_scheme(cli->store, scheme, &a, &sc, &cli->err);
    arena_free(&a);
    if (rc) return cli_fail_err(&cli->err);
    WebApp app = {.store = cli->store, .scheme = scheme};
    HttpServer *srv = http_start(&app, listen, (int)port, &cli->err);
    if (!srv) return cli_fail_err(&cli->err);
    int bound = http_port(srv);
    if (listen[0] && strchr(listen, ':'))
        printf("pok serve: http://[%s]:%d/ (stoppen met Ctrl-C)\n", listen, bound);
    else
        printf("pok serve: http://%s:%d/ (stoppen met Ctrl-C)\n", listen, bound);
    fflush(stdout);
    int sig = http_wait_for_signal();
    http_stop(srv);
    printf("pok serve: gestopt (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    return EXIT_OK;
}

const CliCommand cli_commands_web[] = {
    {"serve", NULL, cmd_serve, "pok serve [--listen ADRES] [--port POORT] [--scheme CODE]",
     "Start de webinterface: de gemeenten, per gemeente de dekkingstabel en de controles,\n"
     "de dekkingstabel als CSV, en de JSON-API onder /api/v1/. Alleen lezen.\n"
     "  --listen ADRES  IP-adres om op te luisteren (standaard 127.0.0.1)\n"
     "  --port POORT    poort (standaard 8080; 0 kiest een vrije poort)\n"
     "  --scheme CODE   regeling (standaard POK)\n"
     "Stoppen met Ctrl-C of SIGTERM.\n"
     "voorbeeld: pok --db demo.db serve --port 8080"},
    {0}};
