/* privacy.c: pok privacy scan FILE|-: the personal-data scanner (src/privacy.h) on any
 * text, so that it can be measured (tests/privacy/) and tried. Reads no store. */
#include "../privacy.h"
#include "../text.h"
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* The most a scanned text may be: far more than any signal or note. */
#define PRIVACY_INPUT_MAX ((size_t)10 << 20)

static const char usage_privacy_scan[] = "pok privacy scan FILE|- [--format text|json]";

/* The whole file (or standard input for "-") into b, refused over the cap or when it is
 * not UTF-8, with messages naming the file. */
static int read_input(const char *path, Buf *b, PokErr *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "standaardinvoer" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) return err_set(err, "%s: kan het bestand niet openen (%s)", path, strerror(errno));
    b->max = PRIVACY_INPUT_MAX;
    char chunk[65536];
    size_t got;
    int rc = 0;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_append(b, chunk, got)) {
            rc = err_set_code(err, ERR_TOO_LARGE, "%s: te groot om te scannen (meer dan %zu MiB)",
                              name, PRIVACY_INPUT_MAX >> 20);
            break;
        }
    if (!rc && ferror(f)) rc = err_set(err, "%s: lezen mislukt (%s)", name, strerror(errno));
    if (!is_stdin) fclose(f);
    if (rc) return rc;
    TextScan scan;
    if (!text_utf8_valid(b->data ? b->data : "", b->len)) {
        text_scan(b->data, b->len, SIZE_MAX, &scan);
        char why[256];
        text_describe(&scan, why, sizeof why);
        return err_set(err, "%s: %s; alleen UTF-8-tekst kan gescand worden", name, why);
    }
    return 0;
}

static json_t *findings_json(const char *text, const PrivacyFindings *f)
{
    json_t *list = json_array();
    for (size_t k = 0; k < f->n; k++) {
        const PrivacyFinding *p = &f->items[k];
        json_array_append_new(list,
                              json_pack("{s:s, s:I, s:I, s:s%}", "kind", privacy_kind_name(p->kind),
                                        "start", (json_int_t)p->start, "end", (json_int_t)p->end,
                                        "text", text + p->start, p->end - p->start));
    }
    return json_pack("{s:o}", "findings", list);
}

static void print_text(const char *text, const PrivacyFindings *f)
{
    for (size_t k = 0; k < f->n; k++) {
        const PrivacyFinding *p = &f->items[k];
        printf("%-9s %zu-%zu  %.*s\n", privacy_kind_name(p->kind), p->start, p->end,
               (int)(p->end - p->start), text + p->start);
    }
    if (f->n)
        printf("%zu %s gevonden\n", f->n, f->n == 1 ? "persoonsgegeven" : "persoonsgegevens");
    else
        printf("geen persoonsgegevens gevonden\n");
}

static int cmd_privacy_scan(Cli *cli, int argc, char **argv)
{
    const char *pos[1] = {NULL}, *format = NULL;
    CliOpt opts[] = {{"format", 1, &format, NULL}, {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, 1, NULL, usage_privacy_scan);
    if (rc) return rc;
    OutputFormat fmt = FORMAT_TEXT;
    if (format && cli_format(format, 0, &fmt)) {
        fprintf(stderr, "pok: veld 'format': verwacht text of json, niet '%s'\n%s\n", format,
                usage_privacy_scan);
        return EXIT_USAGE;
    }
    Buf b = {0};
    if (read_input(pos[0], &b, &cli->err)) {
        buf_free(&b);
        return cli_fail_err(&cli->err);
    }
    const char *text = b.data ? b.data : "";
    PrivacyFindings f = {0};
    privacy_scan(text, b.len, &f);
    if (fmt == FORMAT_JSON)
        cli_print_json(findings_json(text, &f));
    else
        print_text(text, &f);
    privacy_findings_free(&f);
    buf_free(&b);
    return EXIT_OK;
}

CLI_GROUP(privacy, 217) = {
    {"privacy", "scan", cmd_privacy_scan, usage_privacy_scan,
     "Zoekt persoonsgegevens in een tekst (een bestand, of standaardinvoer met -): BSN\n"
     "(met de 11-proef), IBAN (met de mod-97-controle), e-mailadressen, Nederlandse\n"
     "telefoonnummers, postcodes met huisnummer (en straat), geboortedata en namen na een\n"
     "aanhef of titel (mevrouw Jansen, dhr. De Vries). Bedragen, kenmerken, zaaknummers en\n"
     "datums van besluiten blijven buiten beschouwing. Met --format json de vindplaatsen\n"
     "als byte-posities in de UTF-8-tekst (docs/json.md). Schrijft niets weg.\n"
     "Voorbeeld: echo 'mevrouw Jansen, BSN 123456782' | pok privacy scan - --format json"},
    {0}};
