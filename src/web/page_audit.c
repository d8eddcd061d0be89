/* page_audit.c: who changed what and when: a municipality's changes filtered by date
 * (and as CSV), and one measure's history with its amounts and evaluations. */
#include "page_audit.h"

#include "../store/store_audit.h"
#include "../store/store_records.h"
#include "../views/audit_view.h"
#include "html.h"
#include "layout.h"
#include "page_kit.h"
#include "pages.h"
#include "route.h"

#include <string.h>

/* A visitor who is not logged in while accounts exist (a published municipality) sees
 * who changed what as "medewerker" or "pok (opdrachtregel)", not as a login name: the
 * names would aim the login lock-out at real accounts. Logged-in readers see the names. */
static void hide_actors_from_visitors(const WebApp *app, const WebRequest *req, Arena *a,
                                      AuditEntry *e, size_t n)
{
    if (app->require_login && !req->user) audit_hide_actors(a, e, n);
}

/* At most this many rows on a page; the CSV has them all. */
#define AUDIT_PAGE_ROWS 1000

static const char *const audit_headers[] = {"Tijdstip", "Wie",         "Actie",
                                            "Wat",      "Oud → nieuw", "Reden"};

/* Every row as a person reads it: the moment in Dutch time, the changes with Dutch labels,
 * euros and the names of what they point to, looked up in d (audit_view.h). */
static void build_table(DataTable *t, Arena *a, const char *caption, const MuniData *d,
                        const AuditEntry *e, size_t n)
{
    dt_init(t, a, caption, audit_headers, 6);
    t->empty = "Geen wijzigingen gevonden.";
    for (size_t i = 0; i < n; i++) {
        TableCell *row = dt_row(t, 0);
        cell_time(&row[0], e[i].at);
        cell_text(&row[1], e[i].actor, NULL);
        cell_text(&row[2], audit_action_nl(e[i].action), NULL);
        cell_text(&row[3], audit_subject(a, &e[i], d), NULL);
        cell_text(&row[4], audit_diff_readable(a, &e[i], d, "; "), NULL);
        cell_text(&row[5], e[i].reason, NULL);
    }
}

/* The ?van= and ?tot= dates: NULL when absent or empty; *bad names a field that is not a
 * date (then that filter is not applied, and the page says so next to the field: a filter
 * saves nothing, so the answer stays 200 like a search). */
static void read_dates(const WebRequest *req, Arena *a, AuditFilter *f, const char **bad)
{
    const char *from = web_query(req, "van"), *to = web_query(req, "tot");
    char moment[21];
    *bad = NULL;
    f->date_from = from && *from ? from : NULL;
    f->date_to = to && *to ? to : NULL;
    if (f->date_from && !date_valid(f->date_from)) {
        *bad = "van";
        f->date_from = NULL;
    }
    if (f->date_to && !date_valid(f->date_to)) {
        *bad = *bad ? "beide" : "tot";
        f->date_to = NULL;
    }
    /* the days are Dutch days: from the start of van to the end of tot in Dutch time */
    if (f->date_from && dutch_day_start(f->date_from, 0, moment) == 0)
        f->at_from = arena_strdup(a, moment);
    if (f->date_to && dutch_day_start(f->date_to, 1, moment) == 0)
        f->at_before = arena_strdup(a, moment);
}

/* The filter the store applies: the moments, not the UTC dates (kept for the CSV link). */
static AuditFilter store_filter(const AuditFilter *f)
{
    AuditFilter q = *f;
    q.date_from = q.date_to = NULL;
    return q;
}

static void date_field(Buf *b, const char *name, const char *label, const char *value, int invalid)
{
    html_printf(b,
                "<div class=\"utrecht-form-field\"><label for=\"%s\" class=\"utrecht-form-label\">"
                "%s</label>\n",
                name, label);
    if (invalid)
        html_printf(b,
                    "<p id=\"%s-fout\" class=\"utrecht-form-field-error-message\">Ongeldige "
                    "datum: verwacht JJJJ-MM-DD.</p>\n",
                    name);
    html_printf(b,
                "<input type=\"date\" id=\"%s\" name=\"%s\" class=\"utrecht-textbox\" value=\"%s\"",
                name, name, value ? value : "");
    if (invalid) html_printf(b, " aria-invalid=\"true\" aria-describedby=\"%s-fout\"", name);
    html_lit(b, "></div>\n");
}

static void filter_form(Buf *b, const char *code, const WebRequest *req, const char *bad)
{
    html_lit(b, "<form method=\"get\" action=\"/gemeente/");
    html_url_arg(b, code);
    html_lit(b, "/wijzigingen\" class=\"audit-filter\">\n<fieldset><legend>Periode "
                "(tot en met)</legend>\n");
    int both = bad && strcmp(bad, "beide") == 0;
    date_field(b, "van", "Vanaf", web_query(req, "van"), both || (bad && !strcmp(bad, "van")));
    date_field(b, "tot", "Tot en met", web_query(req, "tot"), both || (bad && !strcmp(bad, "tot")));
    html_lit(b, "<button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\">"
                "Filteren</button>\n</fieldset>\n</form>\n");
}

/* The CSV link with the same filter. */
static const char *csv_href(Arena *a, const char *code, const AuditFilter *f)
{
    return arena_printf(a, "/gemeente/%s/wijzigingen.csv%s%s%s%s%s", code,
                        f->date_from || f->date_to ? "?" : "", f->date_from ? "van=" : "",
                        f->date_from ? f->date_from : "",
                        f->date_from && f->date_to ? "&tot=" : (f->date_to ? "tot=" : ""),
                        f->date_to ? f->date_to : "");
}

void page_audit_municipality(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    if (kit_load(app, req, res, 0, &a, &d, NULL)) {
        arena_free(&a);
        return;
    }
    PokErr err = {0};
    AuditFilter f = {.municipality = d.muni.code, .limit = AUDIT_PAGE_ROWS};
    const char *bad;
    read_dates(req, &a, &f, &bad);
    AuditEntry *e;
    size_t n;
    AuditFilter q = store_filter(&f);
    if (store_audit_query(app->store, &q, &a, &e, &n, &err)) {
        web_error(res, 500, err.msg);
        arena_free(&a);
        return;
    }
    hide_actors_from_visitors(app, req, &a, e, n);
    DataTable t;
    build_table(&t, &a, arena_printf(&a, "Wijzigingen in de gegevens van %s", d.muni.name), &d, e,
                n);
    Buf *b = &res->body;
    layout_begin(b, arena_printf(&a, "Wijzigingen %s", d.muni.name));
    kit_muni_nav(b, &d, "/wijzigingen");
    html_printf(b, "<h1>Wijzigingen <small>%s (%s)</small></h1>\n", d.muni.name, d.muni.code);
    html_lit(b, "<p>Wie wat wanneer heeft toegevoegd, gewijzigd of verwijderd, nieuwste eerst, "
                "met de waarden voor en na de wijziging.</p>\n");
    filter_form(b, d.muni.code, req, bad);
    if (n == AUDIT_PAGE_ROWS)
        html_printf(b,
                    "<p>Alleen de laatste %d wijzigingen staan hier; de CSV bevat ze "
                    "allemaal.</p>\n",
                    AUDIT_PAGE_ROWS);
    dt_html(b, &t, csv_href(&a, d.muni.code, &f));
    layout_end(b);
    arena_free(&a);
}

void page_audit_municipality_csv(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    if (kit_load(app, req, res, 0, &a, &d, NULL)) {
        arena_free(&a);
        return;
    }
    PokErr err = {0};
    AuditFilter f = {.municipality = d.muni.code};
    const char *bad;
    read_dates(req, &a, &f, &bad);
    AuditEntry *e;
    size_t n;
    AuditFilter q = store_filter(&f);
    if (bad) {
        web_error(res, 400, "Ongeldige datum in van of tot: verwacht JJJJ-MM-DD.");
    } else if (store_audit_query(app->store, &q, &a, &e, &n, &err)) {
        web_error(res, 500, err.msg);
    } else {
        hide_actors_from_visitors(app, req, &a, e, n);
        DataTable t;
        build_table(&t, &a, "Wijzigingen", &d, e, n);
        kit_send_csv(res, &t, arena_printf(&a, "wijzigingen-%s.csv", d.muni.code), d.generated);
    }
    arena_free(&a);
}

void page_audit_measure(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    PokErr err = {0};
    int64_t id = req->record_id; /* a measure, or a deleted one of req->scope_muni */
    Measure m;
    int found = 0;
    AuditEntry *e = NULL;
    size_t n = 0;
    /* Only the rows of the resolved municipality: SQLite may give a deleted measure's id
     * to a new one, perhaps of another municipality. */
    AuditFilter f = {.municipality = req->scope_muni,
                     .table_name = "measure",
                     .record_id = id,
                     .with_related = 1};
    if ((found = store_measure_get(app->store, id, &a, &m, &err)) < 0 ||
        store_audit_query(app->store, &f, &a, &e, &n, &err)) {
        web_error(res, 500, err.msg);
        arena_free(&a);
        return;
    }
    if (found && strcmp(m.municipality, req->scope_muni) != 0) found = 0;
    if (!found && n == 0) {
        web_not_found(res, "Deze maatregel bestaat niet.");
        arena_free(&a);
        return;
    }
    hide_actors_from_visitors(app, req, &a, e, n);
    const char *name = found ? m.name : arena_printf(&a, "maatregel %lld", (long long)id);
    MuniData d = {0}; /* stays empty when the municipality is gone: ids instead of names */
    if (web_load(app, req->scope_muni, &a, &d, &err) < 0) {
        web_error(res, 500, err.msg);
        arena_free(&a);
        return;
    }
    DataTable t;
    build_table(&t, &a, arena_printf(&a, "Wijzigingen van %s", name), &d, e, n);
    Buf *b = &res->body;
    layout_begin(b, arena_printf(&a, "Wijzigingen %s", name));
    html_lit(b, "<nav aria-label=\"Kruimelpad\" class=\"breadcrumb\"><a href=\"/\">Gemeenten</a>");
    if (found) {
        html_lit(b, " &gt; <a href=\"/gemeente/");
        html_url_arg(b, m.municipality);
        html_printf(b, "\">%s</a> &gt; <a href=\"/maatregel/%lld\">%s</a>", m.municipality,
                    (long long)id, m.name);
    }
    html_lit(b, "</nav>\n");
    html_printf(b, "<h1>Wijzigingen <small>%s</small></h1>\n", name);
    html_lit(b, "<p>De geschiedenis van deze maatregel, met zijn bedragen en evaluaties, "
                "nieuwste eerst.</p>\n");
    if (!found) html_lit(b, "<p>Deze maatregel is verwijderd.</p>\n");
    dt_html(b, &t, NULL);
    layout_end(b);
    arena_free(&a);
}
