/* form.h: what every form of pok serve is built from: reading and checking posted
 * values with Dutch messages per field, rendering fields in the NL Design System pattern
 * (label, hint, error message next to the field, error summary on top), the confirmation
 * buttons, the 303 redirect after saving and the one transaction a post is saved in.
 * Validation is server-side only: forms carry `novalidate` and no required/pattern. */
#ifndef POK_FORM_H
#define POK_FORM_H

#include "request.h"
#include "route.h"

#define FORM_MAX_ERRORS 32

typedef struct FormError {
    const char *field;   /* the field's name; its input has id "veld-NAME" */
    const char *message; /* plain Dutch text, escaped when shown */
} FormError;

/* One form being checked: the posted values (or none, for GET) and the errors found. */
typedef struct Form {
    const WebRequest *req;
    Arena *a;
    int posted; /* the request is a POST */
    FormError errors[FORM_MAX_ERRORS];
    size_t n_errors;
} Form;

typedef struct FormOption {
    const char *value, *label;
} FormOption;

void form_init(Form *f, const WebRequest *req, Arena *a);

/* A POST must carry an application/x-www-form-urlencoded or multipart/form-data body
 * (a form with a file field; its files are in req->files, upload.h): otherwise answer
 * 415 and return -1. GET and HEAD pass. */
int form_check_content_type(const WebRequest *req, WebResponse *res);
/* The post asks to save (confirm=1), to edit again (aanpassen=1). */
int form_confirmed(const Form *f);
int form_edit_again(const Form *f);

/* ---- values and their checks ---- */
/* The posted value with surrounding white space removed; "" when absent. */
const char *form_value(const Form *f, const char *name);
/* Every posted value of name (checkboxes), up to max; returns the number. */
size_t form_values(const Form *f, const char *name, const char **out, size_t max);
/* Record an error for field ("": the whole form); the message is formatted (plain
 * text, escaped on output). Only the first error of a field is kept. */
void form_fail(Form *f, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The error message of field, or NULL. */
const char *form_error(const Form *f, const char *field);

/* Each check reads field, records "Label: what is expected (gelezen: '...')" on failure
 * and returns -1; 0 when the value is good. */
int form_required(Form *f, const char *field, const char *label, const char **out);
/* form_required and form_optional also record an error when the text is longer than
 * its bound (text.h): long for the fields omschrijving, tekst and kostenplaatsen, short
 * for every other. */
const char *form_optional(Form *f, const char *field); /* NULL when empty */
int form_amount(Form *f, const char *field, const char *label, int64_t *out);
int form_year(Form *f, const char *field, const char *label, int min, int max, int *out);
int form_date(Form *f, const char *field, const char *label, const char **out);
/* One of opts (by value); "" is allowed only when an option has value "". */
int form_choice(Form *f, const char *field, const char *label, const FormOption *opts, size_t n,
                const char **out);
/* An optional id chosen from opts ("" is 0). */
int form_id_choice(Form *f, const char *field, const char *label, const FormOption *opts, size_t n,
                   int64_t *out);

/* ---- rendering ---- */
/* The error summary: a heading and a link to every field in error. Nothing when none. */
void form_summary(Buf *b, const Form *f);
/* <form method="post" action="ACTION" novalidate> ... </form>, with the hidden field
 * "csrf" when a session is active (form_set_csrf). */
void form_open(Buf *b, const char *action);
/* The same for a form with a file field (form_file): posted as multipart/form-data. */
void form_open_upload(Buf *b, const char *action);
/* The CSRF token form_open adds on this thread; NULL or "" for none. */
void form_set_csrf(const char *token);
/* The logged-in user answered on this thread (NULL: none): form_save records them as
 * the actor, "web" otherwise. Set by route_dispatch. */
void form_set_actor(const char *name);
/* The user answered on this thread, whether roles are checked, and the municipality the
 * route is about (route_dispatch sets them; outside a request, and in open mode, every
 * link is shown). */
void form_set_user(const User *user, int checks_roles, const char *scope_muni);
/* Whether that user may use a route with capability cap about muni (NULL: the route's
 * own municipality), so a page links only to the forms its reader may open. */
int form_may(RouteCap cap, const char *muni);
/* Whether that user may read muni, given what it publishes and shares (AUTHZ_* flags of
 * authz.h): for lists of many municipalities at once (the overview). */
int form_may_read(const char *muni, int flags);
/* The "Uitloggen" button (a POST form with the token), when a session is active. */
void form_logout(Buf *b);
void form_close(Buf *b);
/* A text field; value is the current value (escaped). hint may be NULL. */
void form_input(Buf *b, const Form *f, const char *name, const char *label, const char *hint,
                const char *value);
/* A new password: never shown back, autocomplete="new-password". */
void form_password(Buf *b, const Form *f, const char *name, const char *label, const char *hint);
/* A file field (in a form_open_upload form); a browser cannot refill it after an error,
 * so its hint should say the file must be chosen again. */
void form_file(Buf *b, const Form *f, const char *name, const char *label, const char *hint);
void form_textarea(Buf *b, const Form *f, const char *name, const char *label, const char *hint,
                   const char *value);
void form_select(Buf *b, const Form *f, const char *name, const char *label, const char *hint,
                 const FormOption *opts, size_t n, const char *value);
/* Checkboxes in a fieldset; checked holds the values that are ticked. Each is named
 * "NAME[]" (read them with form_values(f, "NAME[]", ...)); errors go to field NAME. */
void form_checkboxes(Buf *b, const Form *f, const char *name, const char *legend, const char *hint,
                     const FormOption *opts, size_t n, const char *const *checked,
                     size_t n_checked);
void form_hidden(Buf *b, const char *name, const char *value);
/* Hidden copies of every posted value except the buttons, for the confirmation page. */
void form_hidden_all(Buf *b, const Form *f);
void form_submit(Buf *b, const char *label);
/* The confirmation page's buttons: "Bevestigen en opslaan" (confirm=1), "Aanpassen". */
void form_confirm_buttons(Buf *b);

/* ---- answers ---- */
/* 303 See Other to location (a path pok made; escaped in the body). */
void form_redirect(WebResponse *res, const char *location);

/* Run save(store, ctx, err) inside one transaction with the logged-in user (or "web") as
 * actor: commit when it returns 0, roll back on any failure. Returns 0 or -1 with err. */
int form_save(WebApp *app, int (*save)(Store *s, void *ctx, PokErr *err), void *ctx, PokErr *err);

#endif
