/* page_forms_common.c: loading, choice lists and the frame shared by the form pages. */
#include "page_forms.h"

#include "form_preview.h"
#include "html.h"
#include "layout.h"
#include "route.h"
#include "saved.h"
#include "table_frame.h"

#include "../money.h"
#include "../store/store_records.h"
#include "../store/store_reference.h"

#include <stdio.h>
#include <string.h>

/* The municipality the route is about (authz.c resolved it from :code). */
static int load_muni(WebApp *app, const WebRequest *req, WebResponse *res, Arena *a, MuniData *d)
{
    const char *code = req->scope_muni;
    PokErr err = {0};
    int r = web_load(app, code, a, d, &err);
    if (r > 0) return 0;
    if (r == 0) {
        char msg[300];
        snprintf(msg, sizeof msg,
                 "Onbekende gemeente '%s'. Een gemeente heeft een CBS-code "
                 "zoals GM1734.",
                 code ? code : "");
        web_not_found(res, msg);
    } else {
        web_error(res, 500, err.msg);
    }
    return -1;
}

/* The measure of the route (req->record_id), in the municipality authz.c resolved. */
static int load_measure(WebApp *app, const WebRequest *req, WebResponse *res, Arena *a, MuniData *d,
                        const Measure **m)
{
    PokErr err = {0};
    int r = web_load(app, req->scope_muni, a, d, &err);
    if (r > 0 && (*m = muni_measure(d, req->record_id)) != NULL) return 0;
    if (r < 0) {
        web_error(res, 500, err.msg);
    } else {
        char msg[300];
        snprintf(msg, sizeof msg, "Onbekende maatregel %lld.", (long long)req->record_id);
        web_not_found(res, msg);
    }
    return -1;
}

int forms_open_muni(WebApp *app, const WebRequest *req, WebResponse *res, Arena *a, MuniData *d,
                    Form *f)
{
    if (form_check_content_type(req, res) || load_muni(app, req, res, a, d)) {
        arena_free(a);
        return -1;
    }
    form_init(f, req, a);
    return 0;
}

int forms_open_measure(WebApp *app, const WebRequest *req, WebResponse *res, Arena *a, MuniData *d,
                       const Measure **m, Form *f)
{
    if (form_check_content_type(req, res) || load_measure(app, req, res, a, d, m)) {
        arena_free(a);
        return -1;
    }
    form_init(f, req, a);
    return 0;
}

static FormOption *options(Arena *a, size_t count, const char *none, size_t *n)
{
    FormOption *o = arena_alloc(a, (count + 1) * sizeof *o);
    *n = 0;
    if (none) o[(*n)++] = (FormOption){"", none};
    return o;
}

FormOption *forms_source_options(WebApp *app, const MuniData *d, Arena *a, size_t *n)
{
    Source *src = NULL;
    size_t count = 0;
    PokErr err;
    if (store_source_list(app->store, d->muni.code, a, &src, &count, &err)) count = 0;
    FormOption *o = options(a, count, "geen bron", n);
    for (size_t i = 0; i < count; i++)
        o[(*n)++] =
            (FormOption){arena_printf(a, "%lld", (long long)src[i].id),
                         arena_printf(a, "[%lld] %s%s%s%s", (long long)src[i].id, src[i].title,
                                      src[i].date ? " (" : "", src[i].date ? src[i].date : "",
                                      src[i].date ? ")" : "")};
    return o;
}

FormOption *forms_decision_options(const MuniData *d, Arena *a, size_t *n)
{
    FormOption *o = options(a, d->n_decisions, "geen besluit", n);
    for (size_t i = 0; i < d->n_decisions; i++) {
        const Decision *x = &d->decisions[i];
        o[(*n)++] = (FormOption){arena_printf(a, "%lld", (long long)x->id),
                                 arena_printf(a, "%s %s: %s", x->body ? x->body : "besluit",
                                              x->date ? x->date : "zonder datum",
                                              x->title ? x->title : "")};
    }
    return o;
}

FormOption *forms_pot_options(const MuniData *d, Arena *a, size_t *n)
{
    FormOption *o =
        options(a, d->n_pots, d->n_pots ? "bepaald door de actielijnen" : "alle middelen", n);
    for (size_t i = 0; i < d->n_pots; i++)
        o[(*n)++] =
            (FormOption){arena_printf(a, "%lld", (long long)d->pots[i].id), d->pots[i].name};
    return o;
}

FormOption *forms_actielijn_options(const MuniData *d, Arena *a, size_t *n)
{
    FormOption *o = options(a, d->n_actielijnen, NULL, n);
    for (size_t i = 0; i < d->n_actielijnen; i++)
        o[(*n)++] = (FormOption){
            arena_printf(a, "%d", d->actielijnen[i].number),
            arena_printf(a, "%d. %s", d->actielijnen[i].number, d->actielijnen[i].name)};
    return o;
}

FormOption *forms_purpose_options(const MuniData *d, Arena *a, size_t *n)
{
    FormOption *o = options(a, d->n_purposes, NULL, n);
    for (size_t i = 0; i < d->n_purposes; i++)
        o[(*n)++] =
            (FormOption){arena_printf(a, "%d", d->purposes[i].number),
                         arena_printf(a, "%d. %s", d->purposes[i].number, d->purposes[i].name)};
    return o;
}

/* Ticked numbers of field mapped to ids (ids[i] belongs to opts[i]); an unknown one is an
 * error. */
void forms_check_links(Form *f, const char *field, const char *label, const FormOption *opts,
                       size_t n_opts, const int64_t *ids, int64_t **out, size_t *n_out)
{
    const char *values[FORMS_MAX_LINKS];
    size_t n = form_values(f, arena_printf(f->a, "%s[]", field), values, FORMS_MAX_LINKS);
    *out = arena_alloc(f->a, (n + 1) * sizeof **out);
    *n_out = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < n_opts && strcmp(opts[k].value, values[i]) != 0) k++;
        if (k == n_opts) {
            form_fail(f, field, "%s: onbekend nummer '%s'", label, values[i]);
            return;
        }
        (*out)[(*n_out)++] = ids[k];
    }
}

const char *forms_option_label(const FormOption *opts, size_t n, const char *value)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(opts[i].value, value) == 0) return opts[i].label;
    return value;
}

void forms_page_begin(Buf *b, const MuniData *d, const char *title, Arena *a)
{
    layout_begin(b, arena_printf(a, "%s, %s", title, d->muni.name));
    html_lit(b, "<nav aria-label=\"Kruimelpad\"><p><a href=\"/\">Gemeenten</a> &gt; "
                "<a href=\"/gemeente/");
    html_url_arg(b, d->muni.code);
    html_printf(b, "\">%s</a> &gt; %s</p></nav>\n", d->muni.name, title);
    html_printf(b, "<h1 class=\"utrecht-heading-1\">%s</h1>\n", title);
}

void forms_page_end(WebResponse *res, const Form *f)
{
    layout_end(&res->body);
    if (f->n_errors) res->status = 422;
}

void forms_store_failed(Form *f, const PokErr *err)
{
    form_fail(f, "", "Niet opgeslagen: %s", err->msg);
}

int64_t forms_version(Form *f)
{
    const char *text = form_value(f, "versie");
    long long v = 0;
    if (*text && parse_int(text, ROW_VERSION_ABSENT, INT64_MAX, &v))
        form_fail(f, "",
                  "Versie: verwacht een geheel getal (gelezen: '%s'); laad het formulier "
                  "opnieuw",
                  text);
    return v;
}

void forms_version_field(Buf *b, int64_t version)
{
    html_printf(b, "<input type=\"hidden\" name=\"versie\" value=\"%lld\">\n", (long long)version);
}

void forms_conflict(Buf *b, const PokErr *err)
{
    html_printf(b,
                "<div class=\"utrecht-alert utrecht-alert--warning form-summary\" role=\"alert\" "
                "aria-labelledby=\"conflict-titel\">\n<h2 id=\"conflict-titel\" "
                "class=\"utrecht-heading-2\">Niet opgeslagen: iemand anders was u voor</h2>\n"
                "<p>%s Hieronder staan de actuele gegevens; uw eigen invoer staat nog in het "
                "formulier. Sla opnieuw op om de actuele gegevens te vervangen.</p>\n</div>\n",
                err->msg);
}

void forms_current_values(Buf *b, const FormsValue *rows, size_t n)
{
    table_frame_open(b, "Actuele gegevens", "actuele-gegevens", NULL);
    html_lit(b, "<tbody>\n");
    for (size_t i = 0; i < n; i++)
        html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>\n", rows[i].label,
                    rows[i].value ? rows[i].value : "(geen)");
    html_lit(b, "</tbody>\n");
    table_frame_close(b);
}

const MuniData *forms_reload(WebApp *app, const MuniData *d, Arena *a)
{
    MuniData *now = arena_alloc(a, sizeof *now);
    PokErr err = {0};
    if (store_load(app->store, d->muni.code, d->scheme.id, a, now, &err) == 1) return now;
    return d;
}

void forms_page_end_conflict(WebResponse *res)
{
    layout_end(&res->body);
    res->status = 409;
}

void forms_cite_fields(Buf *b, const Form *f, const FormOption *sources, size_t n_sources,
                       const FormOption *decisions, size_t n_decisions)
{
    form_select(b, f, "bron", "Bron", "Het document waar het gegeven uit komt.", sources, n_sources,
                form_value(f, "bron"));
    form_input(b, f, "plaats", "Plaats in de bron", "Bijvoorbeeld: p. 4, tabel Financiën.",
               form_value(f, "plaats"));
    if (decisions)
        form_select(b, f, "besluit", "Besluit", "Het besluit waarop het gegeven berust.", decisions,
                    n_decisions, form_value(f, "besluit"));
}

void forms_cite_check(Form *f, const FormOption *sources, size_t n_sources,
                      const FormOption *decisions, size_t n_decisions, Citation *cite,
                      int64_t *decision_id)
{
    form_id_choice(f, "bron", "Bron", sources, n_sources, &cite->source_id);
    cite->place = form_optional(f, "plaats");
    if (cite->place && !cite->source_id && !form_error(f, "bron"))
        form_fail(f, "plaats", "Plaats in de bron: kies ook de bron waar deze plaats in staat");
    if (decisions && decision_id)
        form_id_choice(f, "besluit", "Besluit", decisions, n_decisions, decision_id);
}

const char *forms_money(Arena *a, int64_t cents)
{
    char text[MONEY_BUFSZ];
    return arena_strdup(a, money_format(cents, MONEY_EURO | MONEY_WHOLE, text));
}

void forms_confirm_page(WebResponse *res, const Form *f, const MuniData *d, const MuniData *changed,
                        const char *action, const FormsChange *rows, size_t n_rows,
                        const int *years, size_t n_years, int64_t version, Arena *a)
{
    Buf *b = &res->body;
    forms_page_begin(b, d, "Controleer de wijziging", a);
    html_lit(b, "<p>De wijziging is nog niet opgeslagen. Controleer de gegevens en de dekking "
                "na de wijziging, en bevestig.</p>\n");
    table_frame_open(b, "De wijziging", NULL, NULL);
    html_lit(b, "<thead class=\"utrecht-table__header\"><tr>"
                "<th scope=\"col\">Gegeven</th><th scope=\"col\">Nu</th>"
                "<th scope=\"col\">Na de wijziging</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n_rows; i++)
        html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>\n", rows[i].label,
                    rows[i].before ? rows[i].before : "(nog niet vastgelegd)",
                    rows[i].after ? rows[i].after : "");
    html_lit(b, "</tbody>\n");
    table_frame_close(b);
    Coverage before, after;
    PokErr err = {0};
    if (coverage_compute(d, a, &before, &err) || coverage_compute(changed, a, &after, &err))
        html_printf(b, "<p>De dekking kan niet worden berekend: %s</p>\n", err.msg);
    else
        preview_compare(b, &before, &after, years, n_years, a);
    form_open(b, action);
    for (size_t i = 0; i < f->req->form.n; i++) {
        const WebParam *p = &f->req->form.items[i];
        if (strcmp(p->name, "confirm") != 0 && strcmp(p->name, "aanpassen") != 0 &&
            strcmp(p->name, "versie") != 0 && strcmp(p->name, SAVED_FIELD) != 0)
            form_hidden(b, p->name, p->value);
    }
    if (version) forms_version_field(b, version);
    form_confirm_buttons(b);
    form_close(b);
    layout_end(b);
}

void page_forms_nav(Buf *b, const char *code)
{
    static const struct {
        const char *path, *label;
        RouteCap cap;
    } links[] = {
        {"document/inlezen", "Document inlezen (raadsvoorstel, brief, begroting)", CAP_EDIT},
        {"maatregel/nieuw", "Nieuwe maatregel", CAP_EDIT},
        {"toekenning/nieuw", "Toekenning vastleggen", CAP_EDIT},
        {"toekenningen/invoeren", "Toekenningen invoeren als tabel (ook plakken uit Excel)",
         CAP_EDIT},
        {"reserve/nieuw", "Reserve: beginstand of mutatie", CAP_EDIT},
        {"besluit/nieuw", "Besluit vastleggen", CAP_EDIT},
        {"verzoek/nieuw", "Verzoek vastleggen", CAP_EDIT},
        {"pot/nieuw", "Pot vastleggen", CAP_EDIT},
        {"inwoners/nieuw", "Inwoners vastleggen", CAP_EDIT},
        {"genoemd-bedrag/nieuw", "Genoemd bedrag uit een document vastleggen", CAP_EDIT},
        {"jaar/afsluiten", "Jaar afsluiten", CAP_EDIT},
        {"jaar/heropenen", "Afgesloten jaar heropenen", CAP_MANAGE},
        {"bron/nieuw", "Bron toevoegen (met het document)", CAP_EDIT},
        {"grootboek/import", "Grootboek importeren", CAP_EDIT},
    };
    if (!form_may(CAP_EDIT, code)) return; /* a reader gets no links to forms */
    html_lit(b, "<nav aria-labelledby=\"wijzigen-titel\" class=\"forms-nav\">\n"
                "<h2 id=\"wijzigen-titel\">Wijzigen</h2>\n<ul>\n");
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        if (!form_may(links[i].cap, code)) continue;
        html_lit(b, "<li><a class=\"utrecht-link\" href=\"/gemeente/");
        html_url_arg(b, code);
        html_printf(b, "/%s\">%s</a></li>\n", links[i].path, links[i].label);
    }
    /* for every municipality at once: only a beheerder's */
    if (form_may(CAP_ADMIN, NULL))
        html_lit(b, "<li><a class=\"utrecht-link\" href=\"/import/circulaire\">Circulaire "
                    "importeren (alle gemeenten)</a></li>\n"
                    "<li><a class=\"utrecht-link\" href=\"/bron/nieuw\">Landelijke bron "
                    "toevoegen</a></li>\n");
    html_lit(b, "</ul>\n</nav>\n");
}

void page_forms_measure_nav(Buf *b, int64_t measure_id)
{
    if (!form_may(CAP_EDIT, NULL)) return; /* the measure's municipality */
    html_lit(b, "<nav aria-labelledby=\"wijzigen-maatregel-titel\" class=\"forms-nav\">\n"
                "<h2 id=\"wijzigen-maatregel-titel\">Wijzigen</h2>\n<ul>\n");
    html_printf(b,
                "<li><a class=\"utrecht-link\" href=\"/maatregel/%lld/bewerken\">Maatregel "
                "wijzigen</a></li>\n"
                "<li><a class=\"utrecht-link\" href=\"/maatregel/%lld/bedrag\">Gepland of "
                "gerealiseerd bedrag vastleggen</a></li>\n"
                "<li><a class=\"utrecht-link\" href=\"/maatregel/%lld/bedragen\">Bedragen per "
                "jaar invoeren als tabel (ook plakken uit Excel)</a></li>\n"
                "<li><a class=\"utrecht-link\" href=\"/maatregel/%lld/evaluatie/nieuw\">Evaluatie "
                "vastleggen</a></li>\n",
                (long long)measure_id, (long long)measure_id, (long long)measure_id,
                (long long)measure_id);
    html_lit(b, "</ul>\n</nav>\n");
}
