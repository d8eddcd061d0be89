/* page_common.c: what several pages share: loading a municipality, printing amounts. */
#include "html.h"
#include "pages.h"

#include "../money.h"

int web_load(WebApp *app, const char *code, Arena *a, MuniData *out, PokErr *err)
{
    if (!code) return 0; /* a route resolved to no municipality has none to load */
    const char *scheme_code = app->scheme ? app->scheme : "POK";
    Scheme scheme;
    int r = store_scheme_get(app->store, scheme_code, a, &scheme, err);
    if (r < 0) return -1;
    if (r == 0) return err_set(err, "onbekende regeling '%s'", scheme_code);
    return store_load(app->store, code, scheme.id, a, out, err);
}

int web_has_records(const MuniData *d)
{
    return d->n_allocations || d->n_measures || d->n_openings || d->n_movements || d->n_requests ||
           d->n_stated || d->n_decisions;
}

void html_money(Buf *b, int64_t cents)
{
    char text[MONEY_BUFSZ];
    html_txt(b, money_format(cents, MONEY_EURO | MONEY_WHOLE, text));
}
