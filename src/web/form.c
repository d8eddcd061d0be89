/* form.c: see form.h. Every value is written through the escaping writer. */
#include "form.h"

#include "authz.h"
#include "html.h"
#include "layout.h"
#include "route.h"
#include "saved.h"

#include "../money.h"
#include "../store/store.h"
#include "../text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void form_init(Form *f, const WebRequest *req, Arena *a)
{
    memset(f, 0, sizeof *f);
    f->req = req;
    f->a = a;
    f->posted = strcmp(req->method, "POST") == 0;
}

/* Whether type is kind, alone or followed by parameters ("; boundary=..."). */
static int type_is(const char *type, const char *kind)
{
    size_t n = strlen(kind);
    return type && strncasecmp(type, kind, n) == 0 &&
           (type[n] == '\0' || type[n] == ';' || type[n] == ' ');
}

int form_check_content_type(const WebRequest *req, WebResponse *res)
{
    if (strcmp(req->method, "POST") != 0) return 0;
    if (type_is(req->content_type, "application/x-www-form-urlencoded") ||
        type_is(req->content_type, "multipart/form-data"))
        return 0;
    web_error(res, 415,
              "Formulieren worden verstuurd als application/x-www-form-urlencoded of "
              "multipart/form-data; dit verzoek heeft een ander soort inhoud.");
    return -1;
}

int form_confirmed(const Form *f)
{
    return f->posted && strcmp(form_value(f, "confirm"), "1") == 0;
}

int form_edit_again(const Form *f)
{
    return f->posted && strcmp(form_value(f, "aanpassen"), "1") == 0;
}

/* ---- values and their checks ---- */

static const char *trimmed(Arena *a, const char *s)
{
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) n--;
    char *out = arena_alloc(a, n + 1);
    memcpy(out, s, n);
    return out;
}

const char *form_value(const Form *f, const char *name)
{
    const char *v = f->posted ? web_form(f->req, name) : NULL;
    return v ? trimmed(f->a, v) : "";
}

size_t form_values(const Form *f, const char *name, const char **out, size_t max)
{
    size_t n = 0;
    if (!f->posted) return 0;
    for (size_t i = 0; i < f->req->form.n && n < max; i++)
        if (strcmp(f->req->form.items[i].name, name) == 0)
            out[n++] = trimmed(f->a, f->req->form.items[i].value);
    return n;
}

void form_fail(Form *f, const char *field, const char *fmt, ...)
{
    if (f->n_errors >= FORM_MAX_ERRORS || form_error(f, field)) return;
    Buf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    f->errors[f->n_errors].field = arena_strdup(f->a, field);
    f->errors[f->n_errors].message = arena_strdup(f->a, msg.data);
    f->n_errors++;
    buf_free(&msg);
}

const char *form_error(const Form *f, const char *field)
{
    for (size_t i = 0; i < f->n_errors; i++)
        if (strcmp(f->errors[i].field, field) == 0) return f->errors[i].message;
    return NULL;
}

/* The form fields that hold a long text (text.h: descriptions, explanations, lists);
 * every other text field is short. */
static const char *const long_fields[] = {"omschrijving", "tekst", "kostenplaatsen", "plakken"};

static TextBound field_bound(const char *field)
{
    for (size_t i = 0; i < sizeof long_fields / sizeof long_fields[0]; i++)
        if (strcmp(long_fields[i], field) == 0) return TEXT_LONG;
    return TEXT_SHORT;
}

/* 0 when v is within the bound of field, else -1 and an error next to the field. (Text
 * that is not UTF-8 never gets here: the request was refused with 400, request.c.) */
static int check_length(Form *f, const char *field, const char *label, const char *v)
{
    TextScan scan;
    if (text_scan(v, strlen(v), text_max_chars(field_bound(field)), &scan) == TEXT_OK) return 0;
    char why[160];
    text_describe(&scan, why, sizeof why);
    form_fail(f, field, "%s: %s", label, why);
    return -1;
}

int form_required(Form *f, const char *field, const char *label, const char **out)
{
    *out = form_value(f, field);
    if (**out) return check_length(f, field, label, *out);
    form_fail(f, field, "%s: vul dit veld in", label);
    return -1;
}

const char *form_optional(Form *f, const char *field)
{
    const char *v = form_value(f, field);
    if (!*v) return NULL;
    /* the message names the field as its label does: "Omschrijving" */
    char label[64];
    snprintf(label, sizeof label, "%s", field);
    label[0] = (char)toupper((unsigned char)label[0]);
    check_length(f, field, label, v);
    return v;
}

int form_amount(Form *f, const char *field, const char *label, int64_t *out)
{
    const char *text = form_value(f, field), *reason = NULL;
    if (money_parse(text, out, &reason) == 0) return 0;
    if (*text && strstr(reason, "verwacht"))
        form_fail(f, field, "%s: %s (gelezen: '%s')", label, reason, text);
    else if (*text) /* say what is expected too, not only what is wrong */
        form_fail(f, field, "%s: %s; verwacht een bedrag zoals 1.234,56 (gelezen: '%s')", label,
                  reason, text);
    else
        form_fail(f, field, "%s: vul een bedrag in, bijvoorbeeld 50.000 of 1.234,56", label);
    return -1;
}

int form_year(Form *f, const char *field, const char *label, int min, int max, int *out)
{
    const char *text = form_value(f, field);
    long long v;
    if (parse_int(text, 1900, 2200, &v) != 0) {
        form_fail(f, field, "%s: verwacht een jaartal zoals %d (gelezen: '%s')", label, min, text);
        return -1;
    }
    if (v < min || v > max) {
        form_fail(f, field, "%s: verwacht een jaar van %d tot en met %d (gelezen: '%s')", label,
                  min, max, text);
        return -1;
    }
    *out = (int)v;
    return 0;
}

int form_date(Form *f, const char *field, const char *label, const char **out)
{
    *out = form_value(f, field);
    if (date_valid(*out)) return 0;
    form_fail(f, field,
              "%s: verwacht een datum als JJJJ-MM-DD, bijvoorbeeld 2024-05-28 "
              "(gelezen: '%s')",
              label, *out);
    return -1;
}

int form_choice(Form *f, const char *field, const char *label, const FormOption *opts, size_t n,
                const char **out)
{
    const char *v = form_value(f, field);
    for (size_t i = 0; i < n; i++)
        if (strcmp(opts[i].value, v) == 0) {
            *out = opts[i].value;
            return 0;
        }
    if (*v)
        form_fail(f, field, "%s: kies een van de mogelijkheden (gelezen: '%s')", label, v);
    else
        form_fail(f, field, "%s: kies een van de mogelijkheden", label);
    return -1;
}

int form_id_choice(Form *f, const char *field, const char *label, const FormOption *opts, size_t n,
                   int64_t *out)
{
    const char *v;
    *out = 0;
    if (form_choice(f, field, label, opts, n, &v)) return -1;
    long long id = 0;
    if (*v && parse_int(v, 1, INT64_MAX, &id) != 0) {
        form_fail(f, field, "%s: verwacht een nummer (gelezen: '%s')", label, v);
        return -1;
    }
    *out = id;
    return 0;
}

/* ---- rendering ---- */

void form_summary(Buf *b, const Form *f)
{
    if (!f->n_errors) return;
    html_lit(b, "<div class=\"utrecht-alert utrecht-alert--error form-summary\" role=\"alert\" "
                "aria-labelledby=\"fouten-titel\">\n"
                "<h2 id=\"fouten-titel\" class=\"utrecht-heading-2\">");
    html_printf(b, "Het formulier is niet opgeslagen: %zu veld%s niet goed ingevuld</h2>\n<ul>\n",
                f->n_errors, f->n_errors == 1 ? " is" : "en zijn");
    for (size_t i = 0; i < f->n_errors; i++) {
        if (!*f->errors[i].field) { /* about the whole form, e.g. the store refused it */
            html_printf(b, "<li>%s</li>\n", f->errors[i].message);
            continue;
        }
        html_lit(b, "<li><a class=\"utrecht-link\" href=\"#veld-");
        html_url_arg(b, f->errors[i].field);
        html_printf(b, "\">%s</a></li>\n", f->errors[i].message);
    }
    html_lit(b, "</ul>\n</div>\n");
}

/* The CSRF token of the request being answered (route_dispatch sets it around the
 * handler, under the server's lock), so every form carries it without each page asking. */
static _Thread_local const char *form_csrf;
/* The logged-in user whose request is being answered on this thread, for form_save. */
static _Thread_local const char *form_actor;

void form_set_actor(const char *name)
{
    form_actor = name && *name ? name : NULL;
}

static _Thread_local const User *form_user;
static _Thread_local int form_checks_roles;
static _Thread_local const char *form_scope_muni;

void form_set_user(const User *user, int checks_roles, const char *scope_muni)
{
    form_user = user;
    form_checks_roles = checks_roles;
    form_scope_muni = scope_muni;
}

int form_may(RouteCap cap, const char *muni)
{
    return !form_checks_roles || authz_allows(form_user, cap, muni ? muni : form_scope_muni, 0);
}

int form_may_read(const char *muni, int flags)
{
    return !form_checks_roles || authz_allows(form_user, CAP_READ, muni, flags);
}

void form_set_csrf(const char *token)
{
    form_csrf = token && *token ? token : NULL;
}

void form_open(Buf *b, const char *action)
{
    html_lit(b, "<form class=\"utrecht-form\" method=\"post\" action=\"");
    html_attr(b, action);
    html_lit(b, "\" novalidate>\n");
    if (form_csrf)
        html_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n", form_csrf);
    saved_return_field(b);
}

void form_open_upload(Buf *b, const char *action)
{
    html_lit(b, "<form class=\"utrecht-form\" method=\"post\" enctype=\"multipart/form-data\" "
                "action=\"");
    html_attr(b, action);
    html_lit(b, "\" novalidate>\n");
    if (form_csrf)
        html_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n", form_csrf);
    saved_return_field(b);
}

void form_logout(Buf *b)
{
    if (!form_csrf) return;
    if (form_checks_roles && authz_allows(form_user, CAP_MANAGE, NULL, 0))
        html_lit(b, " <a class=\"utrecht-link pok-users\" href=\"/gebruikers\">Gebruikers</a>");
    html_printf(b,
                " <form class=\"pok-logout\" method=\"post\" action=\"/uitloggen\">"
                "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                "<button class=\"utrecht-button utrecht-button--secondary-action\" "
                "type=\"submit\">Uitloggen</button></form>",
                form_csrf);
}

void form_close(Buf *b)
{
    html_lit(b, "</form>\n");
}

/* The opening of a field: wrapper, label, hint and error message. */
static void field_begin(Buf *b, const Form *f, const char *name, const char *label,
                        const char *hint, const char *kind)
{
    const char *err = form_error(f, name);
    html_printf(b, "<div class=\"utrecht-form-field utrecht-form-field--%s%s\">\n", kind,
                err ? " utrecht-form-field--invalid" : "");
    html_printf(b,
                "<div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" "
                "for=\"veld-%s\">%s</label></div>\n",
                name, label);
    if (hint)
        html_printf(b,
                    "<div class=\"utrecht-form-field-description\" id=\"veld-%s-hint\">%s</div>\n",
                    name, hint);
    if (err)
        html_printf(b,
                    "<p class=\"utrecht-form-field-error-message\" id=\"veld-%s-error\">%s</p>\n",
                    name, err);
}

/* aria-describedby naming the error message (first) and the hint of field name. */
static void described_by(Buf *b, const Form *f, const char *name, const char *hint)
{
    const char *err = form_error(f, name);
    if (err && hint)
        html_printf(b, " aria-describedby=\"veld-%s-error veld-%s-hint\"", name, name);
    else if (err)
        html_printf(b, " aria-describedby=\"veld-%s-error\"", name);
    else if (hint)
        html_printf(b, " aria-describedby=\"veld-%s-hint\"", name);
}

/* id, name and the aria attributes of an input. */
static void input_attrs(Buf *b, const Form *f, const char *name, const char *hint)
{
    html_printf(b, " id=\"veld-%s\" name=\"%s\"", name, name);
    if (form_error(f, name)) html_lit(b, " aria-invalid=\"true\"");
    described_by(b, f, name, hint);
}

void form_input(Buf *b, const Form *f, const char *name, const char *label, const char *hint,
                const char *value)
{
    field_begin(b, f, name, label, hint, "text");
    html_printf(b,
                "<div class=\"utrecht-form-field__input\"><input type=\"text\" "
                "class=\"utrecht-textbox utrecht-textbox--html-input%s\"",
                form_error(f, name) ? " utrecht-textbox--invalid" : "");
    input_attrs(b, f, name, hint);
    html_printf(b, " value=\"%s\"></div>\n</div>\n", value ? value : "");
}

void form_password(Buf *b, const Form *f, const char *name, const char *label, const char *hint)
{
    field_begin(b, f, name, label, hint, "text");
    html_printf(b,
                "<div class=\"utrecht-form-field__input\"><input type=\"password\" "
                "autocomplete=\"new-password\" "
                "class=\"utrecht-textbox utrecht-textbox--html-input%s\"",
                form_error(f, name) ? " utrecht-textbox--invalid" : "");
    input_attrs(b, f, name, hint);
    html_lit(b, "></div>\n</div>\n");
}

void form_file(Buf *b, const Form *f, const char *name, const char *label, const char *hint)
{
    field_begin(b, f, name, label, hint, "text");
    html_lit(b, "<div class=\"utrecht-form-field__input\"><input type=\"file\" "
                "class=\"pok-file\"");
    input_attrs(b, f, name, hint);
    html_lit(b, "></div>\n</div>\n");
}

void form_textarea(Buf *b, const Form *f, const char *name, const char *label, const char *hint,
                   const char *value)
{
    field_begin(b, f, name, label, hint, "textarea");
    html_printf(b,
                "<div class=\"utrecht-form-field__input\"><textarea rows=\"4\" "
                "class=\"utrecht-textarea utrecht-textarea--html-textarea%s\"",
                form_error(f, name) ? " utrecht-textarea--invalid" : "");
    input_attrs(b, f, name, hint);
    html_printf(b, ">%s</textarea></div>\n</div>\n", value ? value : "");
}

void form_select(Buf *b, const Form *f, const char *name, const char *label, const char *hint,
                 const FormOption *opts, size_t n, const char *value)
{
    field_begin(b, f, name, label, hint, "select");
    html_printf(b,
                "<div class=\"utrecht-form-field__input\"><select "
                "class=\"utrecht-select utrecht-select--html-select%s\"",
                form_error(f, name) ? " utrecht-select--invalid" : "");
    input_attrs(b, f, name, hint);
    html_lit(b, ">\n");
    for (size_t i = 0; i < n; i++)
        html_printf(b, "<option value=\"%s\"%s>%s</option>\n", opts[i].value,
                    value && strcmp(value, opts[i].value) == 0 ? " selected" : "", opts[i].label);
    html_lit(b, "</select></div>\n</div>\n");
}

void form_checkboxes(Buf *b, const Form *f, const char *name, const char *legend, const char *hint,
                     const FormOption *opts, size_t n, const char *const *checked, size_t n_checked)
{
    const char *err = form_error(f, name);
    html_printf(b, "<fieldset class=\"utrecht-form-fieldset utrecht-form-field%s\" id=\"veld-%s\"",
                err ? " utrecht-form-field--invalid" : "", name);
    described_by(b, f, name, hint);
    html_printf(b,
                ">\n<legend class=\"utrecht-form-fieldset__legend utrecht-form-label\">%s"
                "</legend>\n",
                legend);
    if (hint)
        html_printf(b,
                    "<div class=\"utrecht-form-field-description\" id=\"veld-%s-hint\">%s</div>\n",
                    name, hint);
    if (err)
        html_printf(b,
                    "<p class=\"utrecht-form-field-error-message\" id=\"veld-%s-error\">%s</p>\n",
                    name, err);
    for (size_t i = 0; i < n; i++) {
        int on = 0;
        for (size_t k = 0; k < n_checked; k++) on |= strcmp(checked[k], opts[i].value) == 0;
        html_printf(
            b,
            "<div class=\"utrecht-form-field utrecht-form-field--checkbox\">"
            "<input type=\"checkbox\" class=\"utrecht-checkbox utrecht-checkbox--html-input\" "
            "id=\"veld-%s-%s\" name=\"%s[]\" value=\"%s\"%s> "
            "<label class=\"utrecht-form-label utrecht-form-label--checkbox\" "
            "for=\"veld-%s-%s\">%s</label></div>\n",
            name, opts[i].value, name, opts[i].value, on ? " checked" : "", name, opts[i].value,
            opts[i].label);
    }
    html_lit(b, "</fieldset>\n");
}

void form_hidden(Buf *b, const char *name, const char *value)
{
    html_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, value);
}

void form_hidden_all(Buf *b, const Form *f)
{
    for (size_t i = 0; i < f->req->form.n; i++) {
        const WebParam *p = &f->req->form.items[i];
        if (strcmp(p->name, "confirm") == 0 || strcmp(p->name, "aanpassen") == 0 ||
            strcmp(p->name, SAVED_FIELD) == 0)
            continue; /* form_open adds the way back */
        form_hidden(b, p->name, p->value);
    }
}

void form_submit(Buf *b, const char *label)
{
    html_printf(b,
                "<p><button type=\"submit\" class=\"utrecht-button "
                "utrecht-button--primary-action\">%s</button></p>\n",
                label);
}

void form_confirm_buttons(Buf *b)
{
    html_lit(b, "<p class=\"utrecht-button-group\">"
                "<button type=\"submit\" name=\"confirm\" value=\"1\" class=\"utrecht-button "
                "utrecht-button--primary-action\">Bevestigen en opslaan</button> "
                "<button type=\"submit\" name=\"aanpassen\" value=\"1\" class=\"utrecht-button "
                "utrecht-button--secondary-action\">Aanpassen</button></p>\n");
}

/* ---- answers ---- */

void form_redirect(WebResponse *res, const char *location)
{
    res->status = 303;
    web_header_set(res, "Location", location);
    buf_reset(&res->body);
    layout_begin(&res->body, "Opgeslagen");
    html_printf(&res->body, "<h1>Opgeslagen</h1>\n<p><a href=\"%s\">Verder</a></p>\n", location);
    layout_end(&res->body);
}

int form_save(WebApp *app, int (*save)(Store *s, void *ctx, PokErr *err), void *ctx, PokErr *err)
{
    /* the audit trail (and a later editor's conflict message) names who saved */
    store_set_actor(app->store, form_actor ? form_actor : "web");
    if (store_begin(app->store, err)) return -1;
    if (save(app->store, ctx, err) || store_commit(app->store, err)) {
        store_rollback(app->store);
        return -1;
    }
    return 0;
}
