/* proposal.c: pok proposal make|accept: what a read document proposes for a
 * municipality's records, written to a file, and a chosen part of it stored (docs/read.md,
 * "Voorstellen"). The web's "Document inlezen" does the same with a form. */
#include "../read/read_propose.h"
#include "../store/store_source_file.h"
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A read document with its bytes, its analysis and the proposals for a municipality. */
typedef struct ReadProposals {
    unsigned char *data;
    size_t len;
    ReadDoc doc;
    ReadResult res;
    MuniData d;
    ProposalSet set;
    int64_t source_id; /* the document's source when stored before, else 0 */
} ReadProposals;

static int load_bytes(const char *path, unsigned char **data, size_t *len, PokErr *err)
{
    ReadLimits lim = {0};
    read_limits_default(&lim);
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(err, "%s: kan het bestand niet openen: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return err_set(err, "%s: geen gewoon bestand", path);
    }
    if ((unsigned long long)st.st_size > lim.max_bytes) {
        fclose(f);
        return err_set(err, "%s: het bestand is te groot (ten hoogste %zu MiB)", path,
                       lim.max_bytes >> 20);
    }
    *len = (size_t)st.st_size;
    *data = xmalloc(*len ? *len : 1);
    size_t got = *len ? fread(*data, 1, *len, f) : 0;
    fclose(f);
    if (got != *len) return err_set(err, "%s: kan het bestand niet lezen", path);
    return 0;
}

static void rp_free(ReadProposals *rp)
{
    read_result_free(&rp->res);
    read_doc_free(&rp->doc);
    free(rp->data);
}

/* Read path and build its proposals for code. */
static int rp_make(Store *s, const char *path, const char *code, Arena *a, ReadProposals *rp,
                   PokErr *err)
{
    memset(rp, 0, sizeof *rp);
    if (cli_load(s, code, NULL, a, &rp->d, err) || load_bytes(path, &rp->data, &rp->len, err) ||
        read_and_analyse(path, rp->data, rp->len, NULL, code, &rp->doc, &rp->res, err) ||
        store_source_find_sha256(s, code, rp->doc.sha256, &rp->source_id, err) < 0 ||
        proposals_build(&rp->res, &rp->d, rp->source_id, a, &rp->set, err))
        return -1;
    return 0;
}

static void print_text(const ReadProposals *rp, const char *path)
{
    printf("Voorstellen uit %s voor %s (%s):\n", path, rp->d.muni.name, rp->d.muni.code);
    if (rp->set.n_accepted)
        printf("(%zu voorstellen zijn eerder opgeslagen en staan hier niet meer.)\n",
               rp->set.n_accepted);
    if (rp->set.n == 0) printf("Geen nieuwe voorstellen.\n");
    for (size_t i = 0; i < rp->set.n; i++) {
        const Proposal *p = &rp->set.items[i];
        printf("%3d. %s (%s)\n", p->number, p->what, p->place);
        if (p->kind == PROPOSAL_NONE)
            printf("     niet over te nemen: %s\n", p->why_not);
        else
            printf("     %s\n", p->change);
    }
}

static const char usage_make[] =
    "pok proposal make BESTAND --municipality CODE [--out VOORSTELLEN.json]";

static int cmd_make(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *code = NULL, *out = NULL;
    CliOpt opts[] = {{"municipality", 1, &code, NULL}, {"out", 1, &out, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_make);
    if (rc) return rc;
    if (!code) return cli_fail("--municipality is verplicht: de gemeente van het document");
    Store *s = cli_store(cli);
    if (!s) return EXIT_USER;
    Arena a = {0};
    ReadProposals rp;
    rc = rp_make(s, pos[0], code, &a, &rp, &cli->err);
    if (rc == 0 && !out) print_text(&rp, pos[0]);
    if (rc == 0 && out) {
        char abs[PATH_MAX];
        const char *file = realpath(pos[0], abs) ? abs : pos[0];
        json_t *root = proposals_json(&rp.set, file, rp.doc.sha256, rp.d.muni.code);
        char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        json_decref(root);
        Buf body = {0};
        buf_puts(&body, text);
        buf_puts(&body, "\n");
        free(text);
        rc = cli_write_file("out", out, &body, &cli->err);
        buf_free(&body);
        if (rc == 0) printf("%zu voorstellen geschreven naar %s\n", rp.set.n, out);
    }
    rp_free(&rp);
    return cli_finish(cli, rc, &a);
}

/* Whether number is in the list "1,3,5" (NULL: every number). */
static int chosen_number(const char *only, int number)
{
    if (!only) return 1;
    for (const char *p = only; *p;) {
        char *end;
        long n = strtol(p, &end, 10);
        if (end != p && n == number) return 1;
        p = *end ? end + 1 : end;
    }
    return 0;
}

static int check_only(const char *only, PokErr *err)
{
    if (!only) return 0;
    for (const char *p = only; *p;) {
        char *end;
        long n = strtol(p, &end, 10);
        if (end == p || n < 1 || (*end && *end != ','))
            return err_set(err,
                           "veld 'only': verwacht nummers gescheiden door komma's (1,3,5), "
                           "niet '%s'",
                           only);
        p = *end ? end + 1 : end;
    }
    return 0;
}

static const char usage_accept[] = "pok proposal accept VOORSTELLEN.json [--only 1,3,5]";

static int cmd_accept(Cli *cli, int argc, char **argv)
{
    const char *pos[1], *only = NULL;
    CliOpt opts[] = {{"only", 1, &only, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_accept);
    if (rc) return rc;
    if (check_only(only, &cli->err)) return cli_fail_err(&cli->err);
    json_error_t jerr;
    json_t *root = json_load_file(pos[0], 0, &jerr);
    const char *file = NULL, *sha = NULL, *code = NULL;
    json_t *list = NULL;
    if (!root ||
        json_unpack(root, "{s:s, s:s, s:s, s:o}", "file", &file, "sha256", &sha, "municipality",
                    &code, "proposals", &list) ||
        !json_is_array(list)) {
        if (root) json_decref(root);
        return cli_fail("%s: geen voorstellenbestand van 'pok proposal make' (%s)", pos[0],
                        root ? "velden file, sha256, municipality en proposals verwacht"
                             : jerr.text);
    }
    Store *s = cli_store(cli);
    if (!s) {
        json_decref(root);
        return EXIT_USER;
    }
    Arena a = {0};
    ReadProposals rp;
    rc = rp_make(s, file, code, &a, &rp, &cli->err);
    if (rc == 0 && strcmp(rp.doc.sha256, sha) != 0)
        rc = err_set(&cli->err,
                     "%s is gewijzigd sinds de voorstellen zijn gemaakt (SHA-256 %s, verwacht "
                     "%s): maak de voorstellen opnieuw",
                     file, rp.doc.sha256, sha);
    const Proposal **chosen = xcalloc(json_array_size(list) + 1, sizeof *chosen);
    size_t n = 0, skipped = 0;
    for (size_t i = 0; rc == 0 && i < json_array_size(list); i++) {
        json_t *o = json_array_get(list, i);
        int number = (int)json_integer_value(json_object_get(o, "number"));
        const char *key = json_string_value(json_object_get(o, "key"));
        if (!key || !chosen_number(only, number)) continue;
        const Proposal *p = proposal_find(&rp.set, key);
        if (!p) { /* stored meanwhile (an earlier accept of the same file) */
            skipped++;
            continue;
        }
        if (p->kind == PROPOSAL_NONE) {
            if (only)
                rc = err_set(&cli->err, "voorstel %d kan niet worden opgeslagen: %s", number,
                             p->why_not);
            continue;
        }
        chosen[n++] = p;
    }
    int64_t source_id = 0;
    const char *slash = strrchr(file, '/');
    ProposalDocument doc = {slash ? slash + 1 : file, proposal_content_type(rp.data, rp.len),
                            rp.data, rp.len};
    if (rc == 0 && n)
        rc = proposals_accept(s, &rp.d, &rp.res, &doc, chosen, n, &source_id, &cli->err);
    if (rc == 0) {
        if (n)
            printf("%zu voorstellen opgeslagen, met het document als bron %lld\n", n,
                   (long long)source_id);
        else
            printf("Niets opgeslagen: geen van de gekozen voorstellen is nog open.\n");
        if (skipped) printf("%zu voorstellen waren al opgeslagen.\n", skipped);
    }
    free(chosen);
    rp_free(&rp);
    json_decref(root);
    return cli_finish(cli, rc, &a);
}

CLI_GROUP(proposal, 206) = {
    {"proposal", "make", cmd_make, usage_make,
     "Leest een document (zoals 'pok read') en stelt voor welke gegevens van de gemeente het\n"
     "oplevert: toekenningen per actielijn en jaar, maatregelen met plannen en realisatie,\n"
     "de reserve, besluiten, verzoeken en vermelde totalen, elk met pagina en regel en wat\n"
     "het in de dekkingstabel verandert. Slaat niets op. Wat eerder uit hetzelfde document\n"
     "is opgeslagen, wordt niet opnieuw voorgesteld.\n"
     "  --out BESTAND  de genummerde voorstellen als JSON, voor 'pok proposal accept'\n"
     "voorbeeld: pok proposal make raadsvoorstel.pdf --municipality GM1734 --out v.json"},
    {"proposal", "accept", cmd_accept, usage_accept,
     "Slaat voorstellen van 'pok proposal make --out' op, in één transactie: het document\n"
     "als bron (met zijn bestand en SHA-256) en elk gekozen voorstel met pagina en regel.\n"
     "Leest het document opnieuw; is het gewijzigd, dan wordt niets opgeslagen.\n"
     "  --only 1,3,5  alleen deze nummers (zonder: alle voorstellen die kunnen)\n"
     "voorbeeld: pok proposal accept v.json --only 1,2,5"},
    {0},
};
