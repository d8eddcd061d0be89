/* page_users.c: accounts in the web. GET /gebruikers lists the accounts the reader
 * manages (the beheerder: all; a gemeentebeheerder: those of its own municipalities);
 * GET|POST /gebruikers/nieuw adds one, /gebruiker/ID/rol changes its role and
 * municipalities, /gebruiker/ID/wachtwoord sets a new password, /gebruiker/ID/uitschakelen
 * disables it. Which account a manager may open is decided in the route table
 * (CAP_MANAGE, SCOPE_USER); the forms offer and accept no role or municipality beyond the
 * manager's own (authz_may_grant). A password is typed by the manager or generated and
 * shown once; a new password or disabling ends the account's sessions, and the store
 * audits every change. */
#include "../auth.h"
#include "../store/store_reference.h"
#include "../store/store_users.h"
#include "authz.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "page_forms.h"
#include "saved.h"

#include <string.h>

static const FormOption all_roles[] = {
    {"lezer", "lezer: leest de eigen gemeenten"},
    {"redacteur", "redacteur: leest en wijzigt de eigen gemeenten"},
    {"gemeentebeheerder", "gemeentebeheerder: als redacteur, en beheert de gebruikers ervan"},
    {"analist", "analist: leest alle gemeenten"},
    {"beheerder", "beheerder: alles, voor alle gemeenten"},
};
#define N_MUNICIPAL_ROLES 3 /* the first three are about their own municipalities */

static const char *role_word(const char *role)
{
    return role && strcmp(role, "gemeentebeheerder") == 0 ? "gemeentebeheerder" : role;
}

/* The roles manager (NULL: open mode, like the beheerder) may give. */
static size_t role_options(const User *manager, const FormOption **out)
{
    *out = all_roles;
    return authz_may_grant(manager, "beheerder", NULL, 0) ? sizeof all_roles / sizeof *all_roles
                                                          : N_MUNICIPAL_ROLES;
}

static int municipal_role(const char *role)
{
    for (size_t i = 0; i < N_MUNICIPAL_ROLES; i++)
        if (strcmp(all_roles[i].value, role) == 0) return 1;
    return 0;
}

static void users_page_begin(Buf *b, const char *title)
{
    layout_begin(b, title);
    html_lit(b, "<nav aria-label=\"Kruimelpad\"><p><a href=\"/\">Gemeenten</a> &gt; "
                "<a href=\"/gebruikers\">Gebruikers</a></p></nav>\n");
    html_printf(b, "<h1 class=\"utrecht-heading-1\">%s</h1>\n", title);
}

static void users_page_end(WebResponse *res, const Form *f)
{
    layout_end(&res->body);
    if (f && f->n_errors) res->status = 422;
    /* account pages are about people: never kept by a cache */
    web_header_set(res, "Cache-Control", "no-store");
}

static const char *codes_text(const User *u, Arena *a)
{
    Buf b = {0};
    for (size_t i = 0; i < u->n_municipalities; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", u->municipalities[i]);
    const char *text = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return text;
}

/* ---- the list ---- */

void page_users(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    User *users = NULL;
    size_t n = 0;
    PokErr err = {0};
    if (store_user_list(app->store, &a, &users, &n, &err)) {
        web_error(res, 500, err.msg);
        arena_free(&a);
        return;
    }
    Buf *b = &res->body;
    users_page_begin(b, "Gebruikers");
    if (req->user && strcmp(req->user->role, "gemeentebeheerder") == 0)
        html_printf(b, "<p>De gebruikers van uw gemeente%s %s.</p>\n",
                    req->user->n_municipalities == 1 ? "" : "n", codes_text(req->user, &a));
    html_lit(b, "<p><a class=\"utrecht-link\" href=\"/gebruikers/nieuw\">Gebruiker "
                "toevoegen</a></p>\n"
                "<table class=\"utrecht-table\" id=\"gebruikers\">\n"
                "<caption class=\"utrecht-table__caption\">Gebruikers</caption>\n"
                "<thead class=\"utrecht-table__header\"><tr><th scope=\"col\">Naam</th>"
                "<th scope=\"col\">Rol</th><th scope=\"col\">Gemeenten</th>"
                "<th scope=\"col\">Status</th><th scope=\"col\">Wijzigen</th></tr></thead>\n"
                "<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const User *u = &users[i];
        if (!authz_may_manage(req->user, u)) continue; /* not theirs: not even its name */
        html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td><td>",
                    u->name, role_word(u->role), u->n_municipalities ? codes_text(u, &a) : "alle",
                    u->disabled ? "uitgeschakeld" : "actief");
        html_printf(b,
                    "<a class=\"utrecht-link\" href=\"/gebruiker/%lld/rol\">rol</a>, "
                    "<a class=\"utrecht-link\" href=\"/gebruiker/%lld/wachtwoord\">wachtwoord</a>",
                    (long long)u->id, (long long)u->id);
        if (!u->disabled)
            html_printf(b,
                        ", <a class=\"utrecht-link\" "
                        "href=\"/gebruiker/%lld/uitschakelen\">uitschakelen</a>",
                        (long long)u->id);
        html_lit(b, "</td></tr>\n");
    }
    html_lit(b, "</tbody>\n</table>\n");
    users_page_end(res, NULL);
    arena_free(&a);
}

/* ---- role and municipalities ---- */

/* "GM1734, GM0362" (commas or spaces) into codes, each an existing municipality. */
static void check_codes(Form *f, WebApp *app, const char ***codes, size_t *n)
{
    const char *text = form_value(f, "gemeenten");
    size_t cap = 1;
    for (const char *p = text; *p; p++) cap += *p == ',' || *p == ' ';
    *codes = arena_alloc(f->a, cap * sizeof **codes);
    *n = 0;
    char *copy = arena_strdup(f->a, text), *save = NULL;
    for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
        Municipality m;
        PokErr err = {0};
        if (store_municipality_get(app->store, t, f->a, &m, &err) != 1) {
            form_fail(f, "gemeenten",
                      "Gemeenten: onbekende gemeente '%s'; geef CBS-codes zoals GM1734", t);
            return;
        }
        (*codes)[(*n)++] = m.code;
    }
}

/* The role and municipalities of the form, checked against what manager may give. */
static void check_access(Form *f, WebApp *app, const User *manager, const char **role,
                         const char ***codes, size_t *n)
{
    const FormOption *roles;
    size_t n_roles = role_options(manager, &roles);
    *codes = NULL;
    *n = 0;
    if (form_choice(f, "rol", "Rol", roles, n_roles, role)) return;
    check_codes(f, app, codes, n);
    if (form_error(f, "gemeenten")) return;
    if (municipal_role(*role) && *n == 0)
        form_fail(f, "gemeenten", "Gemeenten: een %s heeft minstens één gemeente nodig", *role);
    else if (!municipal_role(*role) && *n > 0)
        form_fail(f, "gemeenten", "Gemeenten: een %s geldt voor alle gemeenten; laat dit leeg",
                  *role);
    else if (!authz_may_grant(manager, *role, *codes, *n))
        form_fail(f, "gemeenten",
                  "Gemeenten: u kunt alleen rechten geven voor uw eigen gemeenten (%s)",
                  manager ? codes_text(manager, f->a) : "");
}

static void access_fields(Buf *b, const Form *f, const User *manager, const char *role,
                          const char *codes)
{
    const FormOption *roles;
    size_t n_roles = role_options(manager, &roles);
    form_select(b, f, "rol", "Rol", NULL, roles, n_roles, role);
    form_input(b, f, "gemeenten", "Gemeenten",
               "CBS-codes gescheiden door komma's, bijvoorbeeld GM1734. Leeg voor een analist of "
               "beheerder.",
               codes);
}

/* The typed password (checked), or a generated one in generated (*was_generated). */
static const char *new_password(Form *f, char generated[AUTH_GENERATED_CHARS + 1],
                                int *was_generated)
{
    const char *typed = web_form(f->req, "wachtwoord");
    *was_generated = !typed || !*typed;
    if (*was_generated) {
        auth_password_generate(generated);
        return generated;
    }
    size_t len = strlen(typed);
    if (len < AUTH_PASSWORD_MIN || len > AUTH_PASSWORD_MAX)
        form_fail(f, "wachtwoord", "Wachtwoord: verwacht %d tot %d tekens (gelezen: %zu tekens)",
                  AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX, len);
    return typed;
}

/* Argon2id takes tens of milliseconds on purpose: not while other requests wait. */
static int hash_outside_lock(WebApp *app, const char *password, char hash[128], PokErr *err)
{
    web_store_release(app);
    int rc = auth_password_hash(password, hash, err);
    web_store_reacquire(app);
    return rc;
}

/* The page that shows a generated password, once (no-store, never in a cookie). */
static void show_password(WebResponse *res, const char *title, const char *name,
                          const char *password)
{
    Buf *b = &res->body;
    buf_reset(b);
    users_page_begin(b, title);
    html_printf(b,
                "<div class=\"utrecht-alert utrecht-alert--ok\" role=\"status\"><p>Het "
                "wachtwoord van %s is:</p>\n<p><code class=\"pok-password\">%s</code></p>\n"
                "<p>Geef het door aan %s; het wordt niet nog eens getoond.</p></div>\n",
                name, password, name);
    html_lit(b, "<p><a class=\"utrecht-link\" href=\"/gebruikers\">Naar de gebruikers</a></p>\n");
    users_page_end(res, NULL);
}

static int user_add_save(Store *s, void *ctx, PokErr *err)
{
    return store_user_add(s, ctx, err);
}

void page_user_new(WebApp *app, const WebRequest *req, WebResponse *res)
{
    if (form_check_content_type(req, res)) return;
    Arena a = {0};
    Form f;
    form_init(&f, req, &a);
    const User *manager = req->user;
    if (f.posted) {
        User u = {0};
        form_required(&f, "naam", "Gebruikersnaam", &u.name);
        const char **codes;
        check_access(&f, app, manager, &u.role, &codes, &u.n_municipalities);
        u.municipalities = codes;
        char generated[AUTH_GENERATED_CHARS + 1], hash[128];
        int was_generated = 0;
        const char *password = new_password(&f, generated, &was_generated);
        PokErr err = {0};
        if (f.n_errors == 0 && hash_outside_lock(app, password, hash, &err))
            form_fail(&f, "wachtwoord", "Wachtwoord: %s", err.msg);
        if (f.n_errors == 0) {
            u.password_hash = hash;
            if (form_save(app, user_add_save, &u, &err) == 0) {
                const char *what =
                    arena_printf(&a, "Gebruiker '%s' toegevoegd als %s%s%s", u.name,
                                 role_word(u.role), u.n_municipalities ? " van " : "",
                                 u.n_municipalities ? codes_text(&u, &a) : "");
                if (was_generated)
                    show_password(res, what, u.name, generated);
                else
                    saved_redirect(res, "/gebruikers", what);
                explicit_bzero(generated, sizeof generated);
                arena_free(&a);
                return;
            }
            forms_store_failed(&f, &err);
        }
        explicit_bzero(generated, sizeof generated);
    }
    Buf *b = &res->body;
    users_page_begin(b, "Gebruiker toevoegen");
    form_summary(b, &f);
    form_open(b, "/gebruikers/nieuw");
    form_input(b, &f, "naam", "Gebruikersnaam", NULL, form_value(&f, "naam"));
    const char *own =
        manager && !authz_may_grant(manager, "beheerder", NULL, 0) ? codes_text(manager, &a) : "";
    access_fields(b, &f, manager, f.posted ? form_value(&f, "rol") : "redacteur",
                  f.posted ? form_value(&f, "gemeenten") : own);
    form_password(b, &f, "wachtwoord", "Wachtwoord",
                  "Ten minste 10 tekens. Leeg laten: pok maakt een wachtwoord en toont het "
                  "één keer.");
    form_submit(b, "Toevoegen");
    form_close(b);
    users_page_end(res, &f);
    arena_free(&a);
}

typedef struct RoleChange {
    const char *name, *role;
    const char *const *codes;
    size_t n;
} RoleChange;

static int role_save(Store *s, void *ctx, PokErr *err)
{
    const RoleChange *c = ctx;
    return store_user_set_role(s, c->name, c->role, c->codes, c->n, err);
}

void page_user_role(WebApp *app, const WebRequest *req, WebResponse *res)
{
    if (form_check_content_type(req, res)) return;
    Arena a = {0};
    Form f;
    form_init(&f, req, &a);
    const User *target = req->scope_user, *manager = req->user;
    if (f.posted) {
        RoleChange c = {.name = target->name};
        const char **codes;
        check_access(&f, app, manager, &c.role, &codes, &c.n);
        c.codes = codes;
        PokErr err = {0};
        if (f.n_errors == 0) {
            if (form_save(app, role_save, &c, &err) == 0) {
                User shown = {.municipalities = codes, .n_municipalities = c.n};
                saved_redirect(res, "/gebruikers",
                               arena_printf(&a, "Rol van '%s' opgeslagen: %s%s%s", c.name,
                                            role_word(c.role), c.n ? " van " : "",
                                            c.n ? codes_text(&shown, &a) : ""));
                arena_free(&a);
                return;
            }
            forms_store_failed(&f, &err);
        }
    }
    Buf *b = &res->body;
    users_page_begin(b, arena_printf(&a, "Rol van %s", target->name));
    form_summary(b, &f);
    form_open(b, arena_printf(&a, "/gebruiker/%lld/rol", (long long)target->id));
    access_fields(b, &f, manager, f.posted ? form_value(&f, "rol") : target->role,
                  f.posted ? form_value(&f, "gemeenten") : codes_text(target, &a));
    form_submit(b, "Opslaan");
    form_close(b);
    users_page_end(res, &f);
    arena_free(&a);
}

typedef struct PasswordChange {
    const char *name, *hash;
} PasswordChange;

static int password_save(Store *s, void *ctx, PokErr *err)
{
    const PasswordChange *c = ctx;
    return store_user_set_password(s, c->name, c->hash, err);
}

void page_user_password(WebApp *app, const WebRequest *req, WebResponse *res)
{
    if (form_check_content_type(req, res)) return;
    Arena a = {0};
    Form f;
    form_init(&f, req, &a);
    const User *target = req->scope_user;
    if (f.posted) {
        char generated[AUTH_GENERATED_CHARS + 1], hash[128];
        int was_generated = 0;
        const char *password = new_password(&f, generated, &was_generated);
        PokErr err = {0};
        if (f.n_errors == 0 && hash_outside_lock(app, password, hash, &err))
            form_fail(&f, "wachtwoord", "Wachtwoord: %s", err.msg);
        PasswordChange c = {.name = target->name, .hash = hash};
        if (f.n_errors == 0) {
            if (form_save(app, password_save, &c, &err) == 0) {
                const char *what = arena_printf(
                    &a, "Nieuw wachtwoord van '%s' opgeslagen; de sessies van %s zijn beëindigd",
                    target->name, target->name);
                if (was_generated)
                    show_password(res, what, target->name, generated);
                else
                    saved_redirect(res, "/gebruikers", what);
                explicit_bzero(generated, sizeof generated);
                arena_free(&a);
                return;
            }
            forms_store_failed(&f, &err);
        }
        explicit_bzero(generated, sizeof generated);
    }
    Buf *b = &res->body;
    users_page_begin(b, arena_printf(&a, "Nieuw wachtwoord voor %s", target->name));
    form_summary(b, &f);
    html_lit(b, "<p>Het nieuwe wachtwoord vervangt het oude; wie met het oude is ingelogd, "
                "wordt uitgelogd.</p>\n");
    form_open(b, arena_printf(&a, "/gebruiker/%lld/wachtwoord", (long long)target->id));
    form_password(b, &f, "wachtwoord", "Nieuw wachtwoord",
                  "Ten minste 10 tekens. Leeg laten: pok maakt een wachtwoord en toont het "
                  "één keer.");
    form_submit(b, "Opslaan");
    form_close(b);
    users_page_end(res, &f);
    arena_free(&a);
}

static int disable_save(Store *s, void *ctx, PokErr *err)
{
    return store_user_disable(s, ctx, err);
}

void page_user_disable(WebApp *app, const WebRequest *req, WebResponse *res)
{
    if (form_check_content_type(req, res)) return;
    Arena a = {0};
    Form f;
    form_init(&f, req, &a);
    const User *target = req->scope_user;
    if (f.posted) {
        if (req->user && req->user->id == target->id)
            form_fail(&f, "", "U kunt uzelf niet uitschakelen; vraag een andere beheerder");
        PokErr err = {0};
        if (f.n_errors == 0) {
            if (form_save(app, disable_save, (void *)target->name, &err) == 0) {
                saved_redirect(res, "/gebruikers",
                               arena_printf(&a, "Gebruiker '%s' uitgeschakeld", target->name));
                arena_free(&a);
                return;
            }
            forms_store_failed(&f, &err);
        }
    }
    Buf *b = &res->body;
    users_page_begin(b, arena_printf(&a, "%s uitschakelen", target->name));
    form_summary(b, &f);
    html_printf(b,
                "<p>%s kan daarna niet meer inloggen; wie nu is ingelogd, wordt uitgelogd. De "
                "wijzigingen van %s blijven op naam bewaard.</p>\n",
                target->name, target->name);
    form_open(b, arena_printf(&a, "/gebruiker/%lld/uitschakelen", (long long)target->id));
    form_submit(b, "Uitschakelen");
    form_close(b);
    users_page_end(res, &f);
    arena_free(&a);
}
