/* page_import.c: the circulaire import (/import/circulaire, for a beheerder: its rows are
 * every municipality's) and the ledger import of a municipality
 * (/gemeente/CODE/grootboek/import) in the web. Both run the existing importers
 * (src/ingest/): the uploaded file first goes through the importer's dry run, whose
 * report is shown as a preview ("Controleer de import"); only "Bevestigen en importeren"
 * imports it, in the importer's one transaction with its audit rows. Between the two the
 * file waits on the server under a random token tied to the session (upload.h,
 * WebPending), and its SHA-256 is checked again before the import. */
#include "page_forms.h"

#include "../ingest/import.h"
#include "../ingest/ledger.h"
#include "../money.h"
#include "../store/store_reference.h"
#include "../text.h"
#include "html.h"
#include "layout.h"
#include "upload.h"

#include <stdio.h>
#include <string.h>

/* The fields that are not carried from the form to the preview and back. */
static int not_carried(const char *name)
{
    static const char *const skip[] = {"csrf", "confirm", "aanpassen", "bestand_token",
                                       "bestand_sha256"};
    for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
        if (strcmp(name, skip[i]) == 0) return 1;
    return 0;
}

static void carry_fields(Buf *b, const Form *f)
{
    for (size_t i = 0; i < f->req->form.n; i++) {
        const WebParam *p = &f->req->form.items[i];
        if (!not_carried(p->name)) form_hidden(b, p->name, p->value);
    }
}

static void pending_fields(Buf *b, const WebPending *p)
{
    form_hidden(b, "bestand_token", p->token);
    form_hidden(b, "bestand_sha256", p->sha256);
}

static const char *size_text(Arena *a, size_t size)
{
    return size >= 1024 * 1024 ? arena_printf(a, "%.1f MiB", (double)size / (1024.0 * 1024.0))
                               : arena_printf(a, "%zu kB", (size + 1023) / 1024);
}

/* The file of this post: a new upload (kept for the preview), or the one kept under the
 * posted token. 1 with *p filled, 0 none (an error recorded on the field), -1 error. */
static int posted_file(Form *f, const char *kind, size_t max, WebPending *p)
{
    const WebFile *file = web_file(f->req, "bestand");
    if (file) {
        TextScan scan;
        if (text_scan(file->name, strlen(file->name), text_max_chars(TEXT_SHORT), &scan) !=
            TEXT_OK) {
            char why[160];
            text_describe(&scan, why, sizeof why);
            form_fail(f, "bestand",
                      "Bestand: de naam van het bestand: %s; geef het een kortere "
                      "naam",
                      why);
            return 0;
        }
        if (file->size > max) {
            form_fail(f, "bestand", "Bestand: '%s' is groter dan %zu MiB", file->name, max >> 20);
            return 0;
        }
        PokErr err = {0};
        if (web_pending_keep(f->req, file, kind, p, &err)) {
            form_fail(f, "bestand", "Bestand: %s", err.msg);
            return 0;
        }
        return 1;
    }
    const char *token = web_form(f->req, "bestand_token");
    if (token && *token) {
        if (web_pending_find(f->req, token, kind, p)) return 1;
        form_fail(f, "bestand",
                  "Bestand: het bestand is niet meer beschikbaar (al geïmporteerd, of langer dan "
                  "30 minuten geleden gekozen); kies het opnieuw");
        return 0;
    }
    form_fail(f, "bestand", "Bestand: kies het bestand dat u wilt importeren");
    return 0;
}

/* The kept file's bytes, checked against the SHA-256 the preview showed. */
static int pending_bytes(Form *f, const WebPending *p, size_t max, Buf *bytes)
{
    PokErr err = {0};
    /* a file uploaded with this post is checked against itself; a kept one against what
     * the preview showed */
    const char *want = web_file(f->req, "bestand") ? p->sha256 : web_form(f->req, "bestand_sha256");
    if (web_pending_read(p, want, max, bytes, &err) == 0) return 0;
    form_fail(f, "bestand", "Bestand: %s", err.msg);
    return -1;
}

/* The file field, with the kept file named when there is one. */
static void file_field(Buf *b, const Form *f, const WebPending *p, const char *hint)
{
    if (p && p->token[0]) {
        pending_fields(b, p);
        form_file(b, f, "bestand", "Bestand",
                  arena_printf(f->a,
                               "Gekozen: %s. Kies alleen een bestand als u een ander wilt "
                               "importeren.",
                               p->name));
    } else {
        form_file(b, f, "bestand", "Bestand", hint);
    }
}

/* The top of the preview: what is previewed and that nothing is saved yet. */
static void preview_begin(Buf *b, const WebPending *p, Arena *a)
{
    html_lit(b, "<h1 class=\"utrecht-heading-1\">Controleer de import</h1>\n");
    html_printf(b,
                "<p>Er is nog niets opgeslagen. Dit zou de import van <strong>%s</strong> (%s) "
                "doen; controleer het en bevestig.</p>\n",
                p->name, size_text(a, p->size));
    html_printf(b, "<p>SHA-256 van het bestand: <code class=\"pok-hash\">%s</code></p>\n",
                p->sha256);
}

/* The buttons of the preview, with everything needed to import exactly this file. */
static void preview_buttons(Buf *b, const Form *f, const char *action, const WebPending *p)
{
    form_open(b, action);
    carry_fields(b, f);
    pending_fields(b, p);
    html_lit(b, "<p class=\"utrecht-button-group\">"
                "<button type=\"submit\" name=\"confirm\" value=\"1\" class=\"utrecht-button "
                "utrecht-button--primary-action\">Bevestigen en importeren</button> "
                "<button type=\"submit\" name=\"aanpassen\" value=\"1\" class=\"utrecht-button "
                "utrecht-button--secondary-action\">Aanpassen</button></p>\n");
    form_close(b);
}

/* A row "label: value" of a summary list. */
static void fact(Buf *b, const char *label, const char *value)
{
    html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", label, value);
}

/* ---- the circulaire ---- */

static const FormOption units[] = {{"euro", "euro's"}, {"duizend", "duizenden euro's (x 1.000)"}};
static const FormOption unknown_rows[] = {
    {"stoppen", "de import stoppen met een melding"},
    {"overslaan", "melden en overslaan"},
};
static const char *const circulaire_headers[] = {"Gemeente", "Actielijn", "Jaar", "Nu",
                                                 "Na de import"};
#define CIRCULAIRE_KIND "circulaire"

/* The national sources, for the "Bron" choice; the first: a new one with the title. */
static FormOption *national_sources(WebApp *app, Arena *a, size_t *n)
{
    Source *src = NULL;
    size_t count = 0;
    PokErr err = {0};
    if (store_source_list(app->store, NULL, a, &src, &count, &err)) count = 0;
    FormOption *o = arena_alloc(a, (count + 1) * sizeof *o);
    *n = 0;
    o[(*n)++] = (FormOption){"", "een nieuwe bron met de titel hieronder"};
    for (size_t i = 0; i < count; i++)
        if (!src[i].municipality)
            o[(*n)++] =
                (FormOption){arena_printf(a, "%lld", (long long)src[i].id),
                             arena_printf(a, "[%lld] %s", (long long)src[i].id, src[i].title)};
    return o;
}

/* The options of the form into job (maps in f's arena). 0, or -1 with errors on f. */
static int circulaire_job(Form *f, const FormOption *sources, size_t n_sources, CirculaireJob *job)
{
    memset(job, 0, sizeof *job);
    const char *bron = NULL, *unit = NULL, *unknown = NULL;
    form_choice(f, "bron", "Bron", sources, n_sources, &bron);
    const char *title = form_optional(f, "bron_titel");
    if (bron && *bron)
        job->source = bron;
    else if (title)
        job->source = title;
    else if (!form_error(f, "bron"))
        form_fail(f, "bron_titel",
                  "Titel van de nieuwe bron: vul de titel van de circulaire in, of kies een bron");
    form_required(f, "code_kolom", "Kolom met de gemeentecode", &job->code_column);
    job->sheet = form_optional(f, "werkblad");
    const char *row = form_optional(f, "kopregel");
    long long header = 0;
    if (row && parse_int(row, 1, 1048576, &header))
        form_fail(f, "kopregel",
                  "Rij van de kopregel: verwacht een rijnummer zoals 3 (gelezen: '%s')", row);
    job->header_row = (long)header;
    form_choice(f, "eenheid", "Bedragen in", units, 2, &unit);
    job->unit_scale10 = unit && strcmp(unit, "duizend") == 0 ? 3 : 0;
    form_choice(f, "onbekend", "Onbekende gemeenten", unknown_rows, 2, &unknown);
    job->skip_unknown = unknown && strcmp(unknown, "overslaan") == 0;
    /* one "KOLOM=ACTIELIJN:JAAR" per line; a long text, checked here */
    const char *text = web_form(f->req, "kolommen");
    PokErr err = {0};
    if (!text || !*text) {
        form_fail(f, "kolommen", "Kolommen: noem per regel een bedragkolom, zoals D=1:2024");
    } else if (text_check("Kolommen", text, TEXT_LONG, &err)) {
        form_fail(f, "kolommen", "%s", err.msg);
    } else {
        CirculaireMap *maps = NULL;
        size_t cap = 0;
        char *copy = arena_strdup(f->a, text);
        for (char *line = strtok(copy, "\r\n"); line; line = strtok(NULL, "\r\n")) {
            while (*line == ' ' || *line == '\t') line++;
            if (!*line) continue;
            maps = arena_grow(f->a, maps, sizeof *maps, &cap, job->n_maps + 1);
            if (circulaire_map_parse(line, f->a, &maps[job->n_maps], &err)) {
                form_fail(f, "kolommen", "Kolommen: %s", err.msg);
                break;
            }
            job->n_maps++;
        }
        job->maps = maps;
        if (!job->n_maps && !form_error(f, "kolommen"))
            form_fail(f, "kolommen", "Kolommen: noem per regel een bedragkolom, zoals D=1:2024");
    }
    return f->n_errors ? -1 : 0;
}

static void circulaire_form(Buf *b, const Form *f, const FormOption *sources, size_t n_sources,
                            const WebPending *p)
{
    int fresh = !f->posted;
    form_summary(b, f);
    form_open_upload(b, "/import/circulaire");
    file_field(b, f, p,
               "De tabel van de circulaire: .xlsx, .ods of .csv, één rij per gemeente. Meldt "
               "het formulier een fout, kies het bestand dan opnieuw.");
    form_select(b, f, "bron", "Bron", "De circulaire waar de bedragen uit komen.", sources,
                n_sources, form_value(f, "bron"));
    form_input(b, f, "bron_titel", "Titel van de nieuwe bron",
               "Alleen als de circulaire nog geen bron is, bijvoorbeeld: Meicirculaire 2024.",
               form_value(f, "bron_titel"));
    form_input(b, f, "code_kolom", "Kolom met de gemeentecode",
               "De tekst in de kopregel of de kolomletter, bijvoorbeeld Gemeentecode of B.",
               form_value(f, "code_kolom"));
    form_textarea(b, f, "kolommen", "Kolommen",
                  "Per regel een bedragkolom: kolom=actielijn:jaar, bijvoorbeeld "
                  "'Rechtsbescherming 2024=2:2024' of 'E=3:2024'; actielijn 'totaal' voor een "
                  "bedrag dat niet over de actielijnen is verdeeld.",
                  f->posted ? web_form(f->req, "kolommen") : "");
    form_input(b, f, "werkblad", "Werkblad", "Naam of nummer; leeg: het eerste.",
               form_value(f, "werkblad"));
    form_input(b, f, "kopregel", "Rij van de kopregel",
               "Leeg: de eerste rij met een kolomnaam uit de kolommen hierboven.",
               form_value(f, "kopregel"));
    form_select(b, f, "eenheid", "Bedragen in", NULL, units, 2,
                fresh ? "euro" : form_value(f, "eenheid"));
    form_select(b, f, "onbekend", "Onbekende gemeenten",
                "Een rij met een code die pok niet kent, of van een opgeheven gemeente.",
                unknown_rows, 2, fresh ? "stoppen" : form_value(f, "onbekend"));
    form_submit(b, "Controleren");
    form_close(b);
}

static void circulaire_preview(Buf *b, const Form *f, const ImportReport *rep, const WebPending *p,
                               Arena *a)
{
    preview_begin(b, p, a);
    html_lit(b, "<dl class=\"properties\">\n");
    fact(b, "Gemeenten gelezen", arena_printf(a, "%zu", rep->rows));
    fact(b, "Nieuwe bedragen", arena_printf(a, "%zu", rep->inserted));
    fact(b, "Gewijzigde bedragen (nieuwe versie)", arena_printf(a, "%zu", rep->changed));
    fact(b, "Ongewijzigd", arena_printf(a, "%zu", rep->unchanged));
    if (rep->sources_created) fact(b, "Nieuwe bron", "wordt aangemaakt");
    if (rep->skipped) fact(b, "Overgeslagen rijen", arena_printf(a, "%zu", rep->skipped));
    html_lit(b, "</dl>\n");
    DataTable t;
    dt_init(&t, a, "Bedragen die veranderen", circulaire_headers, 5);
    t.empty = "Geen bedrag verandert ten opzichte van wat pok al heeft.";
    int64_t before = 0, after = 0;
    for (size_t i = 0; i < rep->n_changes; i++) {
        const ImportChange *c = &rep->changes[i];
        TableCell *row = dt_row(&t, 0);
        cell_text(&row[0], c->municipality, NULL);
        cell_int(&row[1], c->actielijn);
        cell_int(&row[2], c->year);
        cell_money(&row[3], c->old_cents, NULL, NULL);
        cell_money(&row[4], c->new_cents, NULL, NULL);
        before += c->old_cents;
        after += c->new_cents;
    }
    if (rep->n_changes) {
        TableCell *row = dt_row(&t, 1);
        cell_text(&row[0], "Totaal", NULL);
        cell_money(&row[3], before, NULL, NULL);
        cell_money(&row[4], after, NULL, NULL);
    }
    dt_html(b, &t, NULL);
    if (rep->n_notes) {
        html_lit(b, "<h2>Meldingen</h2>\n<ul>\n");
        for (size_t i = 0; i < rep->n_notes; i++) html_printf(b, "<li>%s</li>\n", rep->notes[i]);
        html_lit(b, "</ul>\n");
    }
    preview_buttons(b, f, "/import/circulaire", p);
}

static void circulaire_done(Buf *b, const ImportReport *rep, const WebPending *p, Arena *a)
{
    html_lit(b, "<h1 class=\"utrecht-heading-1\">Circulaire geïmporteerd</h1>\n");
    html_printf(b,
                "<p>%s is geïmporteerd: %zu gemeenten, %zu nieuwe en %zu gewijzigde bedragen, "
                "%zu ongewijzigd. Elke wijziging staat in het wijzigingenlogboek van de "
                "gemeente.</p>\n",
                p->name, rep->rows, rep->inserted, rep->changed, rep->unchanged);
    (void)a;
    html_lit(b, "<p><a class=\"utrecht-link\" href=\"/\">Naar de gemeenten</a></p>\n");
}

void page_import_circulaire(WebApp *app, const WebRequest *req, WebResponse *res)
{
    if (form_check_content_type(req, res)) return;
    Arena a = {0};
    Form f;
    form_init(&f, req, &a);
    size_t n_sources;
    FormOption *sources = national_sources(app, &a, &n_sources);
    Buf *b = &res->body;
    WebPending p = {0};
    ImportReport rep = {0};
    CirculaireJob job;
    int have = 0;
    if (f.posted) {
        circulaire_job(&f, sources, n_sources, &job);
        have = posted_file(&f, CIRCULAIRE_KIND, web_upload_cap(app), &p) == 1;
    }
    if (f.posted && !form_edit_again(&f) && have && f.n_errors == 0) {
        Buf bytes = {0};
        PokErr err = {0};
        int confirmed = form_confirmed(&f);
        if (pending_bytes(&f, &p, web_upload_cap(app), &bytes) == 0) {
            job.dry_run = !confirmed;
            if (import_circulaire_mem(app->store, p.name, bytes.data ? bytes.data : "", bytes.len,
                                      &job, &rep, &err))
                form_fail(&f, "bestand", "Niet geïmporteerd: %s", err.msg);
        }
        buf_free(&bytes);
        if (f.n_errors == 0) {
            layout_begin(b, confirmed ? "Circulaire geïmporteerd" : "Controleer de import");
            if (confirmed) {
                circulaire_done(b, &rep, &p, &a);
                web_pending_drop(p.token);
            } else {
                circulaire_preview(b, &f, &rep, &p, &a);
            }
            layout_end(b);
            import_report_free(&rep);
            arena_free(&a);
            return;
        }
    }
    import_report_free(&rep);
    layout_begin(b, "Circulaire importeren");
    html_lit(b, "<nav aria-label=\"Kruimelpad\"><p><a href=\"/\">Gemeenten</a> &gt; Circulaire "
                "importeren</p></nav>\n"
                "<h1 class=\"utrecht-heading-1\">Circulaire importeren</h1>\n"
                "<p>De tabel van een circulaire, zoals het Rijk die publiceert: één rij per "
                "gemeente, een kolom per actielijn en jaar. Eerst ziet u wat de import zou doen; "
                "pas na bevestigen wordt er iets opgeslagen.</p>\n");
    circulaire_form(b, &f, sources, n_sources, have ? &p : NULL);
    forms_page_end(res, &f);
    arena_free(&a);
}

/* ---- the ledger of a municipality ---- */

static const FormOption strictness[] = {
    {"tellen", "tellen en tonen, niet opslaan"},
    {"fout", "een fout: niets importeren"},
};
static const char *const ledger_headers[] = {"Maatregel", "Jaar", "Nu gerealiseerd", "Na de import",
                                             "Nieuwe boekingen"};
static const char *const unmapped_headers[] = {"Code", "Regels", "Bedrag"};

static void ledger_form(Buf *b, const Form *f, const MuniData *d, const WebPending *p, Arena *a)
{
    form_summary(b, f);
    form_open_upload(b, arena_printf(a, "/gemeente/%s/grootboek/import", d->muni.code));
    file_field(b, f, p,
               "Een grootboekexport als CSV (';' of ','), met een kopregel met onder meer "
               "bedrag, kostenplaats en boekjaar of boekdatum. Meldt het formulier een fout, "
               "kies het bestand dan opnieuw.");
    form_input(b, f, "sleutelkolom", "Koppelen op kolom",
               "Leeg: kostenplaats. Of een andere kolom, zoals een projectcode.",
               form_value(f, "sleutelkolom"));
    form_select(b, f, "onbekend", "Regels op een code zonder maatregel", NULL, strictness, 2,
                f->posted ? form_value(f, "onbekend") : "tellen");
    form_submit(b, "Controleren");
    form_close(b);
}

static void ledger_preview(Buf *b, const Form *f, const MuniData *d, const LedgerReport *rep,
                           const WebPending *p, Arena *a)
{
    preview_begin(b, p, a);
    const LedgerImport *imp = &rep->imp;
    html_lit(b, "<dl class=\"properties\">\n");
    fact(b, "Regels gelezen", arena_printf(a, "%lld", (long long)imp->lines));
    fact(b, "Totaal van het bestand", forms_money(a, imp->total_cents));
    fact(b, "Nieuwe boekingen", arena_printf(a, "%lld", (long long)imp->bookings_new));
    fact(b, "Al eerder ingelezen", arena_printf(a, "%lld", (long long)imp->bookings_known));
    if (imp->unmapped_lines)
        fact(b, "Op een code zonder maatregel (niet opgeslagen)",
             arena_printf(a, "%lld regels, %s", (long long)imp->unmapped_lines,
                          forms_money(a, imp->unmapped_cents)));
    html_lit(b, "</dl>\n");
    DataTable t;
    dt_init(&t, a, "Realisaties die veranderen", ledger_headers, 5);
    t.empty = "Geen realisatie verandert.";
    for (size_t i = 0; i < rep->n_changes; i++) {
        const LedgerChange *c = &rep->changes[i];
        TableCell *row = dt_row(&t, 0);
        cell_text(&row[0], c->measure_name,
                  arena_printf(a, "/maatregel/%lld", (long long)c->measure_id));
        cell_int(&row[1], c->year);
        if (c->had_old) cell_money(&row[2], c->old_cents, NULL, NULL);
        cell_money(&row[3], c->new_cents, NULL, NULL);
        cell_int(&row[4], c->bookings_new);
    }
    dt_html(b, &t, NULL);
    if (rep->n_unmapped) {
        DataTable u;
        dt_init(&u, a, "Codes zonder maatregel", unmapped_headers, 3);
        for (size_t i = 0; i < rep->n_unmapped; i++) {
            TableCell *row = dt_row(&u, 0);
            cell_text(&row[0], rep->unmapped[i].code, NULL);
            cell_int(&row[1], rep->unmapped[i].lines);
            cell_money(&row[2], rep->unmapped[i].cents, NULL, NULL);
        }
        dt_html(b, &u, NULL);
    }
    preview_buttons(b, f, arena_printf(a, "/gemeente/%s/grootboek/import", d->muni.code), p);
}

static void ledger_done(Buf *b, const MuniData *d, const LedgerReport *rep, const WebPending *p,
                        Arena *a)
{
    html_lit(b, "<h1 class=\"utrecht-heading-1\">Grootboek geïmporteerd</h1>\n");
    html_printf(b,
                "<p>%s is geïmporteerd: %lld nieuwe boekingen, %zu realisaties bijgewerkt. De "
                "boekingen staan bij de maatregelen.</p>\n",
                p->name, (long long)rep->imp.bookings_new, rep->n_changes);
    html_printf(b, "<p><a class=\"utrecht-link\" href=\"%s\">Naar %s</a></p>\n",
                kit_muni_path(a, d, ""), d->muni.name);
}

void page_import_ledger(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    const char *kind = arena_printf(&a, "grootboek:%s", d.muni.code);
    Buf *b = &res->body;
    WebPending p = {0};
    LedgerReport rep = {0};
    LedgerOptions o = {.municipality = d.muni.code};
    int have = 0;
    if (f.posted) {
        o.key_column = form_optional(&f, "sleutelkolom");
        const char *strict = NULL;
        form_choice(&f, "onbekend", "Regels op een code zonder maatregel", strictness, 2, &strict);
        o.strict = strict && strcmp(strict, "fout") == 0;
        have = posted_file(&f, kind, web_upload_cap(app), &p) == 1;
    }
    if (f.posted && !form_edit_again(&f) && have && f.n_errors == 0) {
        Buf bytes = {0};
        PokErr err = {0};
        int confirmed = form_confirmed(&f);
        if (pending_bytes(&f, &p, web_upload_cap(app), &bytes) == 0) {
            o.dry_run = !confirmed;
            if (ledger_import_mem(app->store, p.name, bytes.data ? bytes.data : "", bytes.len, &o,
                                  &rep, &err))
                form_fail(&f, "bestand", "Niet geïmporteerd: %s", err.msg);
        }
        buf_free(&bytes);
        if (f.n_errors == 0) {
            layout_begin(b, confirmed ? "Grootboek geïmporteerd" : "Controleer de import");
            kit_muni_nav(b, &d, "/grootboek/import");
            if (confirmed) {
                ledger_done(b, &d, &rep, &p, &a);
                web_pending_drop(p.token);
            } else {
                ledger_preview(b, &f, &d, &rep, &p, &a);
            }
            layout_end(b);
            ledger_report_free(&rep);
            arena_free(&a);
            return;
        }
    }
    ledger_report_free(&rep);
    forms_page_begin(b, &d, "Grootboek importeren", &a);
    html_lit(b, "<p>De boekingen uit een grootboekexport worden via de kostenplaats aan de "
                "maatregelen gekoppeld; de realisatie per maatregel en jaar wordt de som van de "
                "boekingen. Eerst ziet u wat de import zou doen; pas na bevestigen wordt er iets "
                "opgeslagen. Hetzelfde bestand nog eens importeren telt niets dubbel.</p>\n");
    ledger_form(b, &f, &d, have ? &p : NULL, &a);
    forms_page_end(res, &f);
    arena_free(&a);
}
