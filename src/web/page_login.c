/* page_login.c: /inloggen (the login form and its check: throttling, Argon2id, a new
 * session and its cookie) and /uitloggen (revoke the session, clear the cookie). */
#include "../auth.h"
#include "../store/store.h"
#include "../store/store_users.h"
#include "authz.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "pages.h"
#include "route.h"

#include <string.h>
#include <time.h>

/* No Secure flag: pok serve speaks plain HTTP on localhost (README "Accounts en rollen");
 * behind an HTTPS proxy the proxy should add it. */
#define COOKIE_ATTRS "; HttpOnly; SameSite=Strict; Path=/"

static void login_form(const WebApp *app, WebResponse *res, const char *name, const char *error)
{
    Buf *b = &res->body;
    buf_reset(b);
    layout_begin(b, "Inloggen");
    html_lit(b, "<h1>Inloggen</h1>\n");
    if (!app->require_login)
        html_lit(b, "<p>pok draait nu zonder accounts (open modus): inloggen is niet nodig.</p>\n");
    if (error)
        html_printf(b,
                    "<div class=\"utrecht-alert utrecht-alert--error\" role=\"alert\">"
                    "<p>%s</p></div>\n",
                    error);
    html_lit(b, "<form class=\"utrecht-form\" method=\"post\" action=\"/inloggen\" novalidate>\n"
                "<div class=\"utrecht-form-field\"><p class=\"utrecht-form-field__label\">"
                "<label class=\"utrecht-form-label\" for=\"veld-naam\">Gebruikersnaam</label></p>"
                "<p class=\"utrecht-form-field__input\"><input class=\"utrecht-textbox\" "
                "id=\"veld-naam\" name=\"naam\" type=\"text\" autocomplete=\"username\" value=\"");
    html_attr(b, name ? name : "");
    html_lit(b, "\"></p></div>\n"
                "<div class=\"utrecht-form-field\"><p class=\"utrecht-form-field__label\">"
                "<label class=\"utrecht-form-label\" for=\"veld-wachtwoord\">Wachtwoord</label></p>"
                "<p class=\"utrecht-form-field__input\"><input class=\"utrecht-textbox\" "
                "id=\"veld-wachtwoord\" name=\"wachtwoord\" type=\"password\" "
                "autocomplete=\"current-password\"></p></div>\n"
                "<p><button class=\"utrecht-button utrecht-button--primary-action\" "
                "type=\"submit\">Inloggen</button></p>\n</form>\n");
    layout_end(b);
}

static const char *landing(const User *u, Arena *a)
{
    if (strcmp(u->role, "beheerder") == 0 || strcmp(u->role, "analist") == 0) return "/";
    if (u->n_municipalities == 0) return "/";
    return arena_printf(a, "/gemeente/%s", u->municipalities[0]);
}

static void login_post(WebApp *app, const WebRequest *req, WebResponse *res)
{
    const char *name = web_form(req, "naam"), *password = web_form(req, "wachtwoord");
    const char *address = req->address ? req->address : "";
    int64_t now = (int64_t)time(NULL);
    PokErr err = {0};
    if (!name || !*name || !password) {
        res->status = 422;
        login_form(app, res, name, "Vul uw gebruikersnaam en wachtwoord in.");
        return;
    }
    int throttled = auth_login_throttled(app->store, name, address, now, &err);
    if (throttled) {
        res->status = throttled < 0 ? 500 : 429;
        login_form(app, res, name,
                   throttled < 0 ? "De database kon niet worden gelezen."
                                 : "Te veel mislukte pogingen: probeer het over een kwartier "
                                   "opnieuw.");
        return;
    }
    Arena a = {0};
    User u;
    int found = store_user_get(app->store, name, &a, &u, &err);
    int known = found == 1 && !u.disabled;
    /* Argon2 takes tens of milliseconds on purpose: not while every other request waits. */
    web_store_release(app);
    int ok = auth_password_check(known ? u.password_hash : NULL, password) && known;
    web_store_reacquire(app);
    if (store_login_attempt_add(app->store, name, address, now, ok, &err)) ok = 0;
    char token[AUTH_TOKEN_TEXT], hash[AUTH_HASH_TEXT];
    int64_t session_id = 0;
    if (ok) {
        /* The new session is recorded under the person who just proved who they are. */
        store_set_actor(app->store, u.name);
        auth_token_new(token);
        auth_token_hash(token, hash);
        ok = store_session_add(app->store, hash, u.id, now, &session_id, &err) == 0;
    }
    if (!ok) {
        res->status = 401;
        login_form(app, res, name, "Onbekende gebruikersnaam of onjuist wachtwoord.");
        arena_free(&a);
        return;
    }
    char *cookie = arena_printf(&a, "%s=%s" COOKIE_ATTRS, AUTHZ_COOKIE, token);
    web_header_set(res, "Set-Cookie", cookie);
    web_header_set(res, "Cache-Control", "no-store");
    web_header_set(res, "Location", landing(&u, &a));
    web_error(res, 303, "U bent ingelogd.");
    arena_free(&a);
}

void page_login(WebApp *app, const WebRequest *req, WebResponse *res)
{
    if (strcmp(req->method, "POST") == 0)
        login_post(app, req, res);
    else
        login_form(app, res, NULL, NULL);
}

void page_logout(WebApp *app, const WebRequest *req, WebResponse *res)
{
    if (req->session_token) {
        char hash[AUTH_HASH_TEXT];
        auth_token_hash(req->session_token, hash);
        Session s;
        PokErr err = {0};
        if (store_session_get(app->store, hash, &s, &err) == 1)
            store_session_revoke(app->store, s.id, &err);
    }
    web_header_set(res, "Set-Cookie", AUTHZ_COOKIE "=" COOKIE_ATTRS "; Max-Age=0");
    web_header_set(res, "Location", "/inloggen");
    web_error(res, 303, "U bent uitgelogd.");
}
