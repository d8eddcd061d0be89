/* serve.c: pok serve: the web interface (see src/web/). */
#include "../auth.h"
#include "../store/store.h"
#include "../store/store_users.h"
#include "../web/http.h"
#include "../web/read_jobs.h"
#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

static int is_loopback(const char *listen)
{
    return strcmp(listen, "::1") == 0 || strncmp(listen, "127.", 4) == 0;
}

/* --host: host names (or addresses) separated by commas. */
static int hosts_valid(const char *hosts)
{
    size_t len = 0;
    for (const char *c = hosts;; c++) {
        if (*c == ',' || *c == '\0') {
            if (len == 0 || len > 253) return 0;
            if (*c == '\0') return 1;
            len = 0;
        } else if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                   (*c >= '0' && *c <= '9') || *c == '-' || *c == '.') {
            len++;
        } else {
            return 0;
        }
    }
}

static int cmd_serve(Cli *cli, int argc, char **argv)
{
    const char *listen = "127.0.0.1", *port_text = NULL, *scheme = NULL, *timeout_text = NULL,
               *hosts = NULL, *upload_text = NULL, *wait_text = NULL, *conn_text = NULL;
    int open = 0, trust_proxy = 0, public_national = 0;
    CliOpt opts[] = {{"listen", 1, &listen, NULL},
                     {"trust-proxy", 0, NULL, &trust_proxy},
                     {"port", 1, &port_text, NULL},
                     {"scheme", 1, &scheme, NULL},
                     {"timeout", 1, &timeout_text, NULL},
                     {"open", 0, NULL, &open},
                     {"host", 1, &hosts, NULL},
                     {"upload-max", 1, &upload_text, NULL},
                     {"read-wait", 1, &wait_text, NULL},
                     {"db-connections", 1, &conn_text, NULL},
                     {"public-national", 0, NULL, &public_national},
                     {0}};
    static const char usage[] =
        "pok serve [--listen ADRES] [--port POORT] [--scheme CODE] [--timeout SEC] [--open]\n"
        "          [--trust-proxy] [--host NAAM[,NAAM...]] [--upload-max MIB]\n"
        "          [--read-wait MS] [--db-connections N] [--public-national]";
    int rc = cli_parse(argc, argv, opts, NULL, 0, 0, NULL, usage);
    if (rc) return rc;
    long long port = 8080;
    if (port_text && parse_int(port_text, 0, 65535, &port))
        return cli_fail("veld 'port': verwacht een poort van 0 tot en met 65535, niet '%s'",
                        port_text);
    long long timeout = HTTP_TIMEOUT_SECONDS;
    if (timeout_text && parse_int(timeout_text, 1, 3600, &timeout))
        return cli_fail("veld 'timeout': verwacht een aantal seconden van 1 tot en met 3600, "
                        "niet '%s'",
                        timeout_text);
    long long upload_mib = (long long)(WEB_UPLOAD_MAX_DEFAULT >> 20);
    if (upload_text && parse_int(upload_text, 1, 4096, &upload_mib))
        return cli_fail("veld 'upload-max': verwacht een aantal MiB van 1 tot en met 4096, "
                        "niet '%s'",
                        upload_text);
    long long wait_ms = WEB_READING_WAIT_MS;
    if (wait_text && parse_int(wait_text, 0, 600000, &wait_ms))
        return cli_fail("veld 'read-wait': verwacht een aantal milliseconden van 0 tot en met "
                        "600000, niet '%s'",
                        wait_text);
    long long db_connections = 0;
    if (conn_text && parse_int(conn_text, 1, HTTP_DB_CONNECTIONS_MAX, &db_connections))
        return cli_fail("veld 'db-connections': verwacht een aantal van 1 tot en met %d, niet "
                        "'%s'",
                        HTTP_DB_CONNECTIONS_MAX, conn_text);
    if (hosts && !hosts_valid(hosts))
        return cli_fail("veld 'host': verwacht namen zoals pok.gemeente.nl, gescheiden door "
                        "komma's (letters, cijfers, '-' en '.'), niet '%s'",
                        hosts);
    if (!cli_store(cli)) return EXIT_USER;
    store_set_actor(cli->store, "web");
    Arena a = {0};
    Scheme sc;
    rc = cli_scheme(cli->store, scheme, &a, &sc, &cli->err);
    int64_t scheme_id = rc ? 0 : sc.id;
    arena_free(&a);
    if (rc) return cli_fail_err(&cli->err);
    int64_t users = 0;
    if (store_user_count(cli->store, &users, &cli->err)) return cli_fail_err(&cli->err);
    if (!open && users == 0) {
        open = 1;
        fputs("pok serve: LET OP: er zijn nog geen accounts, dus iedereen op deze computer mag\n"
              "alles zien en wijzigen (open modus). Maak een beheerder met\n"
              "'pok user add NAAM --role beheerder' om inloggen te verplichten.\n",
              stderr);
    } else if (open) {
        fputs("pok serve: LET OP: open modus (--open): geen inloggen, iedereen op deze computer\n"
              "mag alles zien en wijzigen.\n",
              stderr);
    }
    if (open && !is_loopback(listen))
        return cli_fail("open modus (zonder accounts) kan alleen op 127.0.0.1 of ::1, niet op "
                        "'%s': maak eerst een beheerder met 'pok user add'",
                        listen);
    if (auth_init()) return cli_fail("libsodium kon niet starten");
    WebApp app = {.store = cli->store,
                  .scheme_id = scheme_id,
                  .db_url = cli->db_url,
                  .db_connections = (unsigned)db_connections,
                  .scheme = scheme,
                  .require_login = !open,
                  .public_national = public_national,
                  .trust_proxy = trust_proxy,
                  .listen = listen,
                  .hosts = hosts,
                  .upload_max = (size_t)upload_mib << 20,
                  .read_wait_ms = wait_ms ? (int)wait_ms : -1};
    HttpServer *srv = http_start(&app, listen, (int)port, (int)timeout, &cli->err);
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

CLI_GROUP(serve, 220) = {
    {"serve", NULL, cmd_serve,
     "pok serve [--listen ADRES] [--port POORT] [--scheme CODE] [--timeout SEC] [--open]\n"
     "          [--trust-proxy] [--host NAAM[,NAAM...]] [--upload-max MIB]\n"
     "          [--read-wait MS] [--db-connections N] [--public-national]",
     "Start de webinterface: de gemeenten, per gemeente de dekkingstabel en de controles,\n"
     "de formulieren, de CSV-downloads en de JSON-API onder /api/v2/ (en /api/v1/).\n"
     "Met accounts (pok user add) moet iedereen inloggen op /inloggen; zonder accounts, of\n"
     "met --open, draait pok in open modus: geen inloggen, alleen op 127.0.0.1 of ::1.\n"
     "  --open          open modus, voor één gebruiker op de eigen computer\n"
     "  --listen ADRES  IP-adres om op te luisteren (standaard 127.0.0.1)\n"
     "  --port POORT    poort (standaard 8080; 0 kiest een vrije poort)\n"
     "  --scheme CODE   regeling (standaard POK)\n"
     "  --timeout SEC   sluit een verbinding die zo lang stil ligt (standaard 30)\n"
     "  --trust-proxy   achter een reverse proxy op deze computer (nginx): neem het adres\n"
     "                  van de gebruiker uit de kop X-Real-IP (alleen bij verbindingen\n"
     "                  vanaf 127.0.0.1 of ::1), zodat inlogpogingen per adres tellen\n"
     "  --host NAAM     de naam waaronder pok bereikbaar is (achter een proxy, zoals\n"
     "                  pok.gemeente.nl; meer namen gescheiden door komma's). pok antwoordt\n"
     "                  alleen op localhost, 127.0.0.1, [::1], het adres van --listen en\n"
     "                  deze namen (bescherming tegen DNS-rebinding)\n"
     "  --upload-max MIB  het grootste bestand dat een formulier mag meesturen, zoals een\n"
     "                  grootboek (standaard 100; een brondocument hoogstens 20)\n"
     "  --read-wait MS  hoe lang het inlezen van een document wordt afgewacht voordat de\n"
     "                  pagina verschijnt die de voortgang toont (standaard 3000; 0: meteen)\n"
     "  --db-connections N  verbindingen met de database, elk met een eigen thread voor\n"
     "                  verzoeken (standaard: twee per processorkern bij SQLite, één per\n"
     "                  kern bij PostgreSQL; meer als PostgreSQL op een eigen server draait;\n"
     "                  hoogstens 64)\n"
     "  Eén adres houdt hoogstens 64 verbindingen tegelijk open (behalve met --trust-proxy).\n"
     "Stoppen met Ctrl-C of SIGTERM.\n"
     "voorbeeld: pok --db demo.db serve --port 8080"},
    {0},
};
