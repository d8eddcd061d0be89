/* page_read.c: the handlers of "Document inlezen" (page_read.h). The document is read in
 * the background (read_jobs.h): the post waits a moment for it, and a scan that takes
 * longer gets a page showing how far the reading is; pok read's caps bound the time.
 * Between the read page and "opslaan" the file waits as the imports' files do (upload.h,
 * WebPending), and its SHA-256 is checked again, so what is stored is what the editor saw. */
#include "page_read.h"

#include "../store/store_source_file.h"
#include "../text.h"
#include "html.h"
#include "layout.h"
#include "page_forms.h"
#include "page_kit.h"
#include "read_jobs.h"

#include <stdio.h>
#include <string.h>

/* The pending files of this page, per municipality. */
static const char *pending_kind(const MuniData *d, Arena *a)
{
    return arena_printf(a, "document:%s", d->muni.code);
}

static size_t document_cap(const WebApp *app)
{
    size_t cap = web_upload_cap(app);
    return cap < WEB_DOCUMENT_MAX ? cap : WEB_DOCUMENT_MAX;
}

static void upload_form(Buf *b, const Form *f, const MuniData *d, Arena *a)
{
    int editor = form_may(CAP_EDIT, d->muni.code);
    if (!form_may(CAP_LOGIN, NULL)) { /* a visitor of a published municipality */
        html_lit(b, "<p>Wie is ingelogd, kan hier een document laten controleren: pok leest het "
                    "en rekent de sommen van het document na. <a class=\"utrecht-link\" "
                    "href=\"/inloggen\">Inloggen</a></p>\n");
        return;
    }
    if (editor)
        html_lit(b, "<p>pok leest het document (PDF, ook gescand, DOCX, ODT of tekst), zoekt "
                    "de POK-bedragen, besluiten en verzoeken en rekent de sommen van het "
                    "document na. Daarna ziet u de tekst met de gevonden bedragen en de "
                    "gegevens die het document voorstelt; pas als u die aanvinkt en opslaat, "
                    "komen ze in de cijfers. Een gescand document lezen kan even duren.</p>\n");
    else
        html_lit(b, "<p>pok leest het document (PDF, ook gescand, DOCX, ODT of tekst), zoekt "
                    "de POK-bedragen en rekent de sommen van het document na. Er wordt niets "
                    "opgeslagen, ook het bestand niet. Een gescand document lezen kan even "
                    "duren.</p>\n");
    form_summary(b, f);
    form_open_upload(b, kit_muni_path(a, d, "/document/inlezen"));
    form_file(b, f, "bestand", "Document",
              arena_printf(a,
                           "Ten hoogste %zu MiB. Meldt het formulier een fout, kies het bestand "
                           "dan opnieuw.",
                           WEB_DOCUMENT_MAX >> 20));
    form_submit(b, editor ? "Document lezen" : "Document controleren");
    form_close(b);
}

static void show_form(WebResponse *res, const Form *f, const MuniData *d, Arena *a)
{
    Buf *b = &res->body;
    forms_page_begin(b, d, "Document inlezen", a);
    upload_form(b, f, d, a);
    forms_page_end(res, f);
}

/* The uploaded file's bytes within the cap; 0, or -1 with the error on f. */
static int uploaded(Form *f, const WebFile *file, size_t cap, Buf *bytes)
{
    TextScan scan;
    if (text_scan(file->name, strlen(file->name), text_max_chars(TEXT_SHORT), &scan) != TEXT_OK) {
        char why[160];
        text_describe(&scan, why, sizeof why);
        form_fail(f, "bestand", "Document: de naam van het bestand: %s; geef het een kortere naam",
                  why);
        return -1;
    }
    if (file->size > cap) {
        form_fail(f, "bestand", "Document: '%s' is groter dan %zu MiB", file->name, cap >> 20);
        return -1;
    }
    PokErr err = {0};
    if (web_file_read(file, cap, bytes, &err)) {
        form_fail(f, "bestand", "Document: %s", err.msg);
        return -1;
    }
    return 0;
}

/* The source the document was stored as before (0: never), for "not proposed again". */
static int64_t stored_source(WebApp *app, const MuniData *d, const char *sha256)
{
    int64_t id = 0;
    PokErr err = {0};
    if (store_source_find_sha256(app->store, d->muni.code, sha256, &id, &err) < 0) id = 0;
    return id;
}

/* The reading's outcome: its error on the form, or the read page (for an editor with the
 * proposals form, whose file waits as r->kept). */
static void show_read(WebApp *app, WebResponse *res, Form *f, const MuniData *d,
                      const WebReading *r, Arena *a)
{
    int editor = form_may(CAP_EDIT, d->muni.code);
    PokErr err = {0};
    ProposalSet set = {0};
    if (r->failed) {
        form_fail(f, "bestand", "Document: %s", r->err.msg);
    } else if (editor &&
               proposals_build(&r->res, d, stored_source(app, d, r->doc.sha256), a, &set, &err)) {
        form_fail(f, "", "Het document kon niet worden verwerkt: %s", err.msg);
    }
    if (f->n_errors) {
        if (r->has_kept) web_pending_drop(r->kept.token);
        show_form(res, f, d, a);
        return;
    }
    Buf *b = &res->body;
    forms_page_begin(b, d, editor ? "Document gelezen" : "Document gecontroleerd", a);
    html_printf(b, "<p><strong>%s</strong> is gelezen.%s</p>\n", r->name,
                editor ? " Er is nog niets opgeslagen." : " Er is niets opgeslagen.");
    read_view_document(b, &r->doc, &r->res, a);
    if (editor && r->has_kept) /* "opslaan" uses this reading, not a second one */
        read_view_proposals(
            b, &set,
            arena_printf(a, "%s?lezing=%s", kit_muni_path(a, d, "/document/opslaan"), r->token),
            &r->kept, a);
    html_printf(b, "<p><a class=\"utrecht-link\" href=\"%s\">Een ander document lezen</a></p>\n",
                kit_muni_path(a, d, "/document/inlezen"));
    layout_end(b);
}

/* While a reading runs: how far it is, and the page asks the browser to come back (the
 * Refresh header: no JavaScript needed). */
static void show_progress(WebResponse *res, const MuniData *d, const WebReading *r, int page,
                          int pages, const char *self, Arena *a)
{
    Buf *b = &res->body;
    web_header_set(res, "Cache-Control", "no-store");
    web_header_set(res, "Refresh",
                   arena_printf(a, "%d; url=%s", WEB_READING_REFRESH_SECONDS, self));
    forms_page_begin(b, d, "Document wordt gelezen", a);
    html_lit(b, "<div role=\"status\">\n");
    if (pages > 0) {
        html_printf(b, "<p><strong>%s</strong> wordt gelezen: pagina %d van %d.</p>\n", r->name,
                    page < pages ? page + 1 : pages, pages);
        html_printf(b,
                    "<p><progress max=\"%d\" value=\"%d\" aria-label=\"Gelezen pagina's\">%d "
                    "van %d</progress></p>\n",
                    pages, page, page, pages);
    } else {
        html_printf(b, "<p><strong>%s</strong> wordt gelezen.</p>\n", r->name);
    }
    html_lit(b, "</div>\n<p>Een gescande pagina lezen duurt enkele seconden. Deze pagina ververst "
                "zich vanzelf tot het document gelezen is; u kunt ook ");
    html_printf(b, "<a class=\"utrecht-link\" href=\"%s\">zelf verversen</a>.</p>\n", self);
    layout_end(b);
}

/* After the post: on to the reading's own address (303, so a reload does not post the
 * file again). */
static void to_progress(WebResponse *res, const MuniData *d, const char *token, Arena *a)
{
    const char *to =
        arena_printf(a, "%s?lezing=%s", kit_muni_path(a, d, "/document/inlezen"), token);
    res->status = 303;
    web_header_set(res, "Location", to);
    web_header_set(res, "Cache-Control", "no-store");
    buf_reset(&res->body);
    layout_begin(&res->body, "Document wordt gelezen");
    html_printf(&res->body, "<h1>Document wordt gelezen</h1>\n<p><a href=\"%s\">Verder</a></p>\n",
                to);
    layout_end(&res->body);
}

/* GET ?lezing=TOKEN: the reading's progress or its outcome. */
static void reading_page(WebApp *app, const WebRequest *req, WebResponse *res, Form *f,
                         const MuniData *d, const char *token, Arena *a)
{
    WebReading *r = web_reading_get(req, token, d->muni.code, 0);
    if (!r) {
        form_fail(f, "bestand",
                  "Document: deze lezing is niet meer beschikbaar (langer dan 30 minuten geleden, "
                  "of de server is opnieuw gestart); kies het bestand opnieuw");
        show_form(res, f, d, a);
        return;
    }
    int running, page, pages;
    web_reading_progress(r, &running, &page, &pages);
    if (running)
        show_progress(
            res, d, r, page, pages,
            arena_printf(a, "%s?lezing=%s", kit_muni_path(a, d, "/document/inlezen"), token), a);
    else
        show_read(app, res, f, d, r, a);
    web_reading_put(r);
}

void page_read_upload(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    const char *token = web_param(&req->query, "lezing");
    if (!f.posted && token) {
        reading_page(app, req, res, &f, &d, token, &a);
        arena_free(&a);
        return;
    }
    const WebFile *file = f.posted ? web_file(req, "bestand") : NULL;
    if (f.posted && !file) form_fail(&f, "bestand", "Document: kies het document dat u wilt lezen");
    if (!file) {
        show_form(res, &f, &d, &a);
        arena_free(&a);
        return;
    }
    Buf bytes = {0};
    PokErr err = {0};
    WebPending p = {0};
    char reading[65];
    int editor = form_may(CAP_EDIT, d.muni.code);
    int ok = uploaded(&f, file, document_cap(app), &bytes) == 0;
    /* an editor's file waits for "opslaan"; a reader's is never kept */
    if (ok && editor && web_pending_keep(req, file, pending_kind(&d, &a), &p, &err)) {
        form_fail(&f, "bestand", "Document: %s", err.msg);
        ok = 0;
    }
    if (ok && web_reading_start(req, d.muni.code, file->name,
                                (const unsigned char *)(bytes.data ? bytes.data : ""), bytes.len,
                                editor ? &p : NULL, reading, &err)) {
        form_fail(&f, "bestand", "Document: %s", err.msg);
        if (editor) web_pending_drop(p.token);
        ok = 0;
    }
    buf_free(&bytes);
    if (!ok) {
        show_form(res, &f, &d, &a);
        arena_free(&a);
        return;
    }
    /* a text document is read within the wait: its page comes at once; a scan's progress
     * page otherwise */
    int wait = app->read_wait_ms ? app->read_wait_ms : WEB_READING_WAIT_MS;
    web_store_release(app);
    WebReading *r = web_reading_get(req, reading, d.muni.code, wait < 0 ? 0 : wait);
    web_store_reacquire(app);
    int running = 1, page, pages;
    if (r) web_reading_progress(r, &running, &page, &pages);
    if (r && !running)
        show_read(app, res, &f, &d, r, &a);
    else
        to_progress(res, &d, reading, &a);
    web_reading_put(r);
    arena_free(&a);
}

typedef struct AcceptJob {
    const MuniData *d;
    const ReadResult *res;
    const ProposalDocument *doc;
    const Proposal **chosen;
    size_t n;
    int64_t source_id;
} AcceptJob;

static int accept_save(Store *s, void *ctx, PokErr *err)
{
    AcceptJob *j = ctx;
    return proposals_accept(s, j->d, j->res, j->doc, j->chosen, j->n, &j->source_id, err);
}

void page_read_accept(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    WebPending p;
    const char *token = form_value(&f, "bestand_token");
    if (!web_pending_find(req, token, pending_kind(&d, &a), &p)) {
        form_fail(&f, "bestand",
                  "Document: het bestand is niet meer beschikbaar (al opgeslagen, of langer dan 30 "
                  "minuten geleden gelezen); kies het opnieuw");
        show_form(res, &f, &d, &a);
        arena_free(&a);
        return;
    }
    Buf bytes = {0};
    PokErr err = {0};
    ReadDoc doc;
    ReadResult rr;
    memset(&doc, 0, sizeof doc);
    memset(&rr, 0, sizeof rr);
    ProposalSet set = {0};
    int ok = web_pending_read(&p, form_value(&f, "bestand_sha256"), document_cap(app), &bytes,
                              &err) == 0;
    /* the reading the editor saw, when it is still kept (else the file is read again) */
    WebReading *r = web_reading_get(req, web_param(&req->query, "lezing"), d.muni.code, 0);
    int running = 1, page, pages;
    if (r) web_reading_progress(r, &running, &page, &pages);
    const ReadResult *use = &rr;
    if (ok && r && !running && !r->failed && !strcmp(r->doc.sha256, p.sha256)) {
        use = &r->res;
    } else if (ok) {
        web_store_release(app);
        ok = read_and_analyse(p.name, (const unsigned char *)(bytes.data ? bytes.data : ""),
                              bytes.len, NULL, d.muni.code, &doc, &rr, &err) == 0;
        web_store_reacquire(app);
    }
    ok = ok && proposals_build(use, &d, stored_source(app, &d, p.sha256), &a, &set, &err) == 0;
    if (!ok) form_fail(&f, "bestand", "Document: %s", err.msg);
    const char *keys[WEB_MAX_FORM_PARAMS];
    size_t n_keys = ok ? form_values(&f, "voorstel[]", keys, WEB_MAX_FORM_PARAMS) : 0;
    const Proposal **chosen = arena_alloc(&a, (n_keys + 1) * sizeof *chosen);
    size_t n = 0;
    for (size_t i = 0; i < n_keys; i++) {
        const Proposal *x = proposal_find(&set, keys[i]);
        if (x && x->kind != PROPOSAL_NONE) chosen[n++] = x; /* gone: stored meanwhile */
    }
    if (ok && !n_keys) form_fail(&f, "", "Vink ten minste één voorstel aan om op te slaan.");
    ProposalDocument pd = {p.name, proposal_content_type(bytes.data, bytes.len), bytes.data,
                           bytes.len};
    AcceptJob job = {&d, use, &pd, chosen, n, 0};
    if (ok && n && form_save(app, accept_save, &job, &err)) forms_store_failed(&f, &err);
    buf_free(&bytes);
    web_reading_put(r);
    read_result_free(&rr);
    read_doc_free(&doc);
    if (f.n_errors) {
        show_form(res, &f, &d, &a);
        arena_free(&a);
        return;
    }
    web_pending_drop(p.token);
    saved_redirect_to(
        res, kit_muni_path(&a, &d, ""),
        arena_printf(&a, "%zu gegevens uit %s opgeslagen, met het document als bron.", n, p.name));
    arena_free(&a);
}
