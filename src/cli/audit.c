/* audit.c: pok audit: the audit trail (who changed what, when), with filters, as text
 * or CSV. */
#include "../store/store_audit.h"
#include "../views/audit_view.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char audit_usage[] = "pok audit [CODE] [--from JJJJ-MM-DD] [--to JJJJ-MM-DD] "
                                  "[--table TABEL --id ID] [--limit N] [--format text|csv]";

static void print_text(Arena *a, const AuditEntry *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        printf("%s  %s  %s  %s %lld", e[i].at, e[i].actor, audit_action_nl(e[i].action),
               audit_table_nl(e[i].table_name), (long long)e[i].record_id);
        if (e[i].municipality) printf(" (%s)", e[i].municipality);
        putchar('\n');
        AuditChange *c;
        size_t nc;
        audit_changes(a, &e[i], &c, &nc);
        for (size_t j = 0; j < nc; j++) {
            if (c[j].before && c[j].after)
                printf("    %s: %s → %s\n", c[j].field, c[j].before, c[j].after);
            else
                printf("    %s: %s\n", c[j].field, c[j].before ? c[j].before : c[j].after);
        }
        if (e[i].reason) printf("    reden: %s\n", e[i].reason);
    }
    if (n == 0) puts("geen wijzigingen gevonden");
}

static int cmd_audit(Cli *cli, int argc, char **argv)
{
    const char *pos[1] = {NULL}, *limit_text = NULL, *from = NULL, *to = NULL, *table = NULL,
               *id_text = NULL, *format = NULL;
    CliOpt opts[] = {{"limit", 1, &limit_text, NULL},
                     {"from", 1, &from, NULL},
                     {"to", 1, &to, NULL},
                     {"table", 1, &table, NULL},
                     {"id", 1, &id_text, NULL},
                     {"format", 1, &format, NULL},
                     {0}};
    int rc = cli_parse(argc, argv, opts, pos, 0, 1, NULL, audit_usage);
    if (rc) return rc;
    AuditFilter f = {
        .municipality = pos[0], .table_name = table, .date_from = from, .date_to = to, .limit = 50};
    long long limit = 50;
    if (limit_text && parse_int(limit_text, 0, 1000000000, &limit))
        return cli_fail("veld 'limit': verwacht een aantal, niet '%s'", limit_text);
    f.limit = (size_t)limit;
    OutputFormat fmt;
    if (cli_format(format, 1, &fmt) || fmt == FORMAT_JSON)
        return cli_fail("veld 'format': verwacht text of csv, niet '%s'", format);
    if ((from && cli_date("from", from, &cli->err)) || (to && cli_date("to", to, &cli->err)))
        return cli_fail_err(&cli->err);
    if (id_text) {
        if (!table) return cli_fail("veld 'id': geef ook --table (bijv. --table measure)");
        if (cli_id("id", id_text, &f.record_id, &cli->err)) return cli_fail_err(&cli->err);
        f.with_related = strcmp(table, "measure") == 0;
    }
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    AuditEntry *e;
    size_t n;
    if (store_audit_query(cli->store, &f, &a, &e, &n, &cli->err)) return cli_finish(cli, -1, &a);
    int r = 0;
    if (fmt == FORMAT_CSV) {
        Buf b = {0};
        audit_csv(&b, &a, e, n);
        r = cli_write_stdout(&b, &cli->err);
        buf_free(&b);
    } else {
        print_text(&a, e, n);
    }
    return cli_finish(cli, r, &a);
}

CLI_GROUP(audit, 250) = {
    {"audit", NULL, cmd_audit, audit_usage,
     "Toont wie wat wanneer wijzigde, nieuwste eerst, met de waarden voor en na\n"
     "(\"amount_cents: 6200000 → 7000000\").\n"
     "  --from, --to   alleen wijzigingen op of na / op of voor deze datum (UTC)\n"
     "  --table, --id  alleen dit gegeven (bij een maatregel ook zijn bedragen en evaluaties)\n"
     "  --limit N      hoogstens N wijzigingen (standaard 50, 0 = alle)\n"
     "  --format csv   als CSV: tijdstip,wie,actie,tabel,id,gemeente,wijzigingen,reden\n"
     "voorbeeld: pok audit GM1734 --from 2026-01-01 --table measure --id 5"},
    {0},
};
