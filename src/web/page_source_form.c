/* page_source_form.c: a new source with its document file: GET|POST
 * /gemeente/CODE/bron/nieuw (a document of that municipality) and /bron/nieuw (a national
 * one, for a beheerder). The form posts multipart/form-data; the file is kept in the store
 * with its SHA-256 (store_source_file.h).
 *
 * From the allocation, reserve and amount forms, "Nieuwe bron toevoegen" posts what the
 * user typed there to this page (forms_new_source_button): the values travel along as
 * hidden fields "mee:NAME", and after saving, a button posts them back to that form with
 * the new source chosen (and aanpassen=1, so the form shows them again instead of
 * checking them), so nothing typed is lost and nothing needs JavaScript. */
#include "page_forms.h"

#include "../store/store_source_file.h"
#include "../text.h"
#include "html.h"
#include "layout.h"
#include "upload.h"

#include <string.h>

/* The kinds pok source add names (src/cli/source.c). */
static const FormOption source_kinds[] = {
    {"circulaire", "circulaire"},
    {"raadsvoorstel", "raadsvoorstel"},
    {"raadsinformatiebrief", "raadsinformatiebrief"},
    {"collegebesluit", "collegebesluit"},
    {"adviesnota", "adviesnota"},
    {"brief", "brief"},
    {"ledenbrief", "ledenbrief (VNG)"},
    {"document", "ander document"},
};
#define N_SOURCE_KINDS (sizeof source_kinds / sizeof source_kinds[0])

/* The field naming the form to return to once the source is saved (the button
 * "Nieuwe bron toevoegen" posts it); not "terug", which is every form's way back after a
 * save (saved.h). */
#define FORM_TO_RETURN "formulier"

/* The prefix of the values of another form carried through this one. */
#define CARRIED "mee:"

/* Fields of another form that are not carried back: the token and the buttons. */
static int carried_skip(const char *name)
{
    /* "terug" (where to go after the other form is saved) is not carried as a copy:
     * form_open keeps it as the way back of this form and of the form back. */
    static const char *const skip[] = {"csrf", "terug", FORM_TO_RETURN, "confirm", "aanpassen",
                                       "bron"};
    for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
        if (strcmp(name, skip[i]) == 0) return 1;
    return 0;
}

/* The form to return to: a path of a form of the same municipality (or measure), made of
 * path characters only; NULL for anything else, which is then ignored. */
static const char *return_path(const WebRequest *req, const char *code)
{
    const char *t = web_form(req, FORM_TO_RETURN);
    if (!t || !code || strlen(t) > 200) return NULL;
    for (const char *c = t; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '/' || *c == '-' || *c == '_'))
            return NULL;
    size_t n = strlen(code);
    if (strncmp(t, "/gemeente/", 10) == 0 && strncmp(t + 10, code, n) == 0 && t[10 + n] == '/')
        return t;
    if (strncmp(t, "/maatregel/", 11) == 0 && t[11] >= '1' && t[11] <= '9') return t;
    return NULL;
}

/* The values the other form posted, for the hidden fields: on the first arrival its own
 * fields, later the "mee:" copies. */
static void carried_fields(Buf *b, const WebRequest *req, int arrival)
{
    for (size_t i = 0; i < req->form.n; i++) {
        const char *name = req->form.items[i].name, *value = req->form.items[i].value;
        if (arrival && !carried_skip(name) && strncmp(name, CARRIED, 4) != 0) {
            html_printf(b, "<input type=\"hidden\" name=\"" CARRIED "%s\" value=\"%s\">\n", name,
                        value);
        } else if (!arrival && strncmp(name, CARRIED, 4) == 0) {
            html_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, value);
        }
    }
}

/* A content type as a browser names it ("application/pdf"): kept when it is a plain
 * type/subtype, else application/octet-stream. Parameters are dropped. */
static const char *plain_type(Arena *a, const char *type)
{
    size_t n = strcspn(type, "; ");
    int slash = 0;
    for (size_t i = 0; i < n; i++) {
        char c = type[i];
        if (c == '/')
            slash++;
        else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '.' || c == '+' || c == '-'))
            return "application/octet-stream";
    }
    if (slash != 1 || n == 0 || n > 100) return "application/octet-stream";
    char *out = arena_alloc(a, n + 1);
    for (size_t i = 0; i < n; i++)
        out[i] = (char)(type[i] >= 'A' && type[i] <= 'Z' ? type[i] + 32 : type[i]);
    return out;
}

typedef struct SourceSave {
    Source src;
    SourceFile file;
    int has_file;
} SourceSave;

static int source_save(Store *s, void *ctx, PokErr *err)
{
    SourceSave *x = ctx;
    return store_source_add_with_file(s, &x->src, x->has_file ? &x->file : NULL, err);
}

/* Check the posted fields and the file into x; the file's bytes are read into bytes. */
static void source_check(Form *f, const WebRequest *req, SourceSave *x, Buf *bytes)
{
    form_choice(f, "soort", "Soort", source_kinds, N_SOURCE_KINDS, &x->src.kind);
    form_required(f, "titel", "Titel", &x->src.title);
    x->src.reference = form_optional(f, "kenmerk");
    const char *date = form_optional(f, "datum");
    if (date) form_date(f, "datum", "Datum", &x->src.date);
    x->src.note = form_optional(f, "omschrijving");
    const WebFile *file = web_file(req, "bestand");
    if (!file) return;
    PokErr err = {0};
    TextScan scan;
    if (text_scan(file->name, strlen(file->name), text_max_chars(TEXT_SHORT), &scan) != TEXT_OK) {
        char why[160];
        text_describe(&scan, why, sizeof why);
        form_fail(f, "bestand", "Bestand: de naam van het bestand: %s; geef het een kortere naam",
                  why);
    } else if (file->size == 0) {
        form_fail(f, "bestand", "Bestand: het bestand '%s' is leeg", file->name);
    } else if (web_file_read(file, WEB_DOCUMENT_MAX, bytes, &err)) {
        if (err_code(&err) == ERR_TOO_LARGE)
            form_fail(f, "bestand",
                      "Bestand: '%s' is groter dan %zu MiB; een brondocument mag hoogstens %zu "
                      "MiB zijn",
                      file->name, WEB_DOCUMENT_MAX >> 20, WEB_DOCUMENT_MAX >> 20);
        else
            form_fail(f, "bestand", "Bestand: %s", err.msg);
    } else {
        x->has_file = 1;
        x->file.name = file->name[0] ? file->name : "document";
        x->file.content_type = plain_type(f->a, file->content_type);
        x->file.data = bytes->data;
        x->file.size = (int64_t)bytes->len;
    }
}

/* After saving with a form to return to: the way back, carrying its values. */
static void saved_return_page(WebResponse *res, const WebRequest *req, const char *back,
                              const SourceSave *x, Arena *a)
{
    Buf *b = &res->body;
    layout_begin(b, "Bron opgeslagen");
    html_lit(b, "<h1 class=\"utrecht-heading-1\">Bron opgeslagen</h1>\n");
    html_printf(b, "<p>De bron &#8216;%s&#8217; is opgeslagen", x->src.title);
    if (x->has_file)
        html_printf(b, ", met het bestand %s (SHA-256 <code>%s</code>)", x->file.name,
                    x->file.sha256);
    html_lit(b, ". Ga terug naar het formulier: wat u daar invulde staat er nog, met deze bron "
                "gekozen.</p>\n");
    form_open(b, back);
    for (size_t i = 0; i < req->form.n; i++) {
        const char *name = req->form.items[i].name;
        if (strncmp(name, CARRIED, 4) == 0) form_hidden(b, name + 4, req->form.items[i].value);
    }
    form_hidden(b, "bron", arena_printf(a, "%lld", (long long)x->src.id));
    form_hidden(b, "aanpassen", "1");
    form_submit(b, "Terug naar het formulier");
    form_close(b);
    layout_end(b);
}

static void source_form(Buf *b, const Form *f, const WebRequest *req, const char *action,
                        const char *back, int arrival)
{
    form_summary(b, f);
    form_open_upload(b, action);
    form_hidden(b, "bron_formulier", "1");
    if (back) {
        form_hidden(b, FORM_TO_RETURN, back);
        carried_fields(b, req, arrival);
    }
    form_select(b, f, "soort", "Soort", NULL, source_kinds, N_SOURCE_KINDS,
                f->posted && !arrival ? form_value(f, "soort") : "circulaire");
    form_input(b, f, "titel", "Titel", "Bijvoorbeeld: Decembercirculaire 2024.",
               arrival ? "" : form_value(f, "titel"));
    form_input(b, f, "kenmerk", "Kenmerk", "Het kenmerk of nummer van het document.",
               arrival ? "" : form_value(f, "kenmerk"));
    form_input(b, f, "datum", "Datum", "Als JJJJ-MM-DD, bijvoorbeeld 2024-12-16.",
               arrival ? "" : form_value(f, "datum"));
    form_textarea(b, f, "omschrijving", "Toelichting", NULL,
                  arrival ? "" : form_value(f, "omschrijving"));
    form_file(b, f, "bestand", "Bestand",
              "Het document zelf, bijvoorbeeld een PDF (hoogstens 20 MiB). Meldt het formulier "
              "een fout, kies het bestand dan opnieuw.");
    form_submit(b, "Opslaan");
    form_close(b);
}

void page_form_source(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Form f;
    const char *code = req->scope_muni; /* NULL: /bron/nieuw, a national document */
    if (code) {
        if (forms_open_muni(app, req, res, &a, &d, &f)) return;
    } else {
        if (form_check_content_type(req, res)) return;
        form_init(&f, req, &a);
    }
    const char *back = f.posted ? return_path(req, code) : NULL;
    /* Arriving from another form's "Nieuwe bron toevoegen": show the form, check nothing. */
    int arrival = f.posted && !web_form(req, "bron_formulier");
    Buf bytes = {0};
    if (f.posted && !arrival) {
        SourceSave x = {.src = {.municipality = code}};
        source_check(&f, req, &x, &bytes);
        PokErr err = {0};
        if (f.n_errors == 0) {
            if (form_save(app, source_save, &x, &err) == 0) {
                if (back)
                    saved_return_page(res, req, back, &x, &a);
                else
                    form_redirect(res, code ? arena_printf(&a, "/gemeente/%s/bron/%lld", code,
                                                           (long long)x.src.id)
                                            : arena_printf(&a, "/bron/%lld", (long long)x.src.id));
                buf_free(&bytes);
                arena_free(&a);
                return;
            }
            forms_store_failed(&f, &err);
        }
    }
    buf_free(&bytes);
    Buf *b = &res->body;
    const char *action = code ? arena_printf(&a, "/gemeente/%s/bron/nieuw", code) : "/bron/nieuw";
    if (code) {
        forms_page_begin(b, &d, "Nieuwe bron", &a);
    } else {
        layout_begin(b, "Nieuwe landelijke bron");
        html_lit(b, "<nav aria-label=\"Kruimelpad\"><p><a href=\"/\">Gemeenten</a> &gt; Nieuwe "
                    "landelijke bron</p></nav>\n"
                    "<h1 class=\"utrecht-heading-1\">Nieuwe landelijke bron</h1>\n"
                    "<p>Een document dat voor alle gemeenten geldt, zoals een circulaire of een "
                    "ledenbrief van de VNG.</p>\n");
    }
    if (back)
        html_lit(b, "<p>Na het opslaan gaat u terug naar het formulier waar u vandaan kwam; wat "
                    "u daar invulde blijft bewaard.</p>\n");
    source_form(b, &f, req, action, back, arrival);
    forms_page_end(res, &f);
    arena_free(&a);
}

void forms_new_source_button(Buf *b, const MuniData *d, const char *action)
{
    html_lit(b, "<p class=\"pok-new-source\">Staat de bron er niet bij? "
                "<button class=\"utrecht-button utrecht-button--secondary-action\" "
                "type=\"submit\" name=\"" FORM_TO_RETURN "\" value=\"");
    html_attr(b, action);
    html_lit(b, "\" formaction=\"/gemeente/");
    html_url_arg(b, d->muni.code);
    html_lit(b, "/bron/nieuw\">Nieuwe bron toevoegen</button></p>\n");
}
