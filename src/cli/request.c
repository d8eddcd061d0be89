/* request.c: pok request add|list: requests for money from outside, with the decision
 * on them. */
#include "../store/store_records.h"
#include "../textable.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage_request_add[] =
    "pok request add CODE --requester NAAM --date JJJJ-MM-DD --subject ONDERWERP "
    "[--amount BEDRAG] [--status open|toegekend|afgewezen|deels toegekend] [--decision ID] "
    "[--letter-source ID] [--source ID] [--place TEKST]";

static int cmd_request_add(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *amount = NULL, *letter = NULL;
    Request r = {0};
    CliCite c = {0};
    CliOpt opts[] = {CLI_CITE_OPTS(c),
                     {"requester", 1, &r.requester, NULL},
                     {"date", 1, &r.date, NULL},
                     {"subject", 1, &r.subject, NULL},
                     {"amount", 1, &amount, NULL},
                     {"status", 1, &r.status, NULL},
                     {"letter-source", 1, &letter, NULL},
                     {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_request_add);
    if (rc) return rc;
    r.municipality = pos[0];
    if (!r.requester || !*r.requester) return cli_fail("veld 'requester': de aanvrager ontbreekt");
    if (!r.subject || !*r.subject) return cli_fail("veld 'subject': het onderwerp ontbreekt");
    if (cli_date("date", r.date, &cli->err) || cli_cite(&c, &r.cite, &r.decision_id, &cli->err) ||
        (letter && cli_id("letter-source", letter, &r.letter_source_id, &cli->err)))
        return cli_fail_err(&cli->err);
    if (amount) {
        if (cli_amount("amount", amount, &r.amount_cents, &cli->err))
            return cli_fail_err(&cli->err);
        r.has_amount = 1;
    }
    if (!r.status) r.status = r.decision_id ? "afgewezen" : "open";
    static const char *const statuses[] = {"open", "toegekend", "afgewezen", "deels toegekend"};
    int ok = 0;
    for (size_t i = 0; i < 4; i++) ok |= strcmp(r.status, statuses[i]) == 0;
    if (!ok)
        return cli_fail("veld 'status': verwacht open, toegekend, afgewezen of deels toegekend");
    if (!cli_store(cli)) return EXIT_USER;
    Arena a = {0};
    Municipality m;
    if (cli_municipality(cli->store, pos[0], &a, &m, &cli->err) ||
        store_request_add(cli->store, &r, &cli->err))
        return cli_finish(cli, -1, &a);
    printf("verzoek %lld opgeslagen: %s (%s)\n", (long long)r.id, r.subject, r.status);
    return cli_finish(cli, 0, &a);
}

static int cmd_request_list(Cli *cli, int argc, char **argv)
{
    Arena a = {0};
    MuniData d;
    int rc = cli_load_for_list(cli, argc, argv, "pok request list CODE", &a, &d);
    if (rc) return rc;
    TextTable t;
    tt_init(
        &t, &a, 7,
        (const char *[]){"id", "datum", "aanvrager", "onderwerp", "bedrag", "status", "besluit"},
        "rlllrll");
    for (size_t i = 0; i < d.n_requests; i++) {
        const Request *r = &d.requests[i];
        const Decision *dec = r->decision_id ? muni_decision(&d, r->decision_id) : NULL;
        const char *why = dec ? arena_printf(&a, "%s %s (%s)", dec->body, dec->date,
                                             dec->reference ? dec->reference : dec->title)
                              : "";
        tt_row(&t, (const char *[]){cli_id_text(&a, r->id), r->date, r->requester, r->subject,
                                    r->has_amount ? cli_money(&a, r->amount_cents) : "", r->status,
                                    why});
    }
    if (d.n_requests == 0)
        printf("Geen verzoeken vastgelegd voor %s.\n", d.muni.code);
    else
        tt_print(&t, stdout);
    return cli_finish(cli, 0, &a);
}

CLI_GROUP(request, 200) = {
    {"request", "add", cmd_request_add, usage_request_add,
     "Legt een verzoek van buiten om geld vast, met het besluit erop.\n"
     "  --letter-source ID  de brief zelf, als bron vastgelegd: 'pok check' vergelijkt de data"},
    {"request", "list", cmd_request_list, "pok request list CODE",
     "Toont de verzoeken met hun besluit."},
    {0},
};
