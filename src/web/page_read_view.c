/* page_read_view.c: the read page of "Document inlezen" (page_read.h): what pok read found
 * in a document, shown on the document's own lines, and the proposals form. */
#include "page_read.h"

#include "../money.h"
#include "html.h"

#include <ctype.h>
#include <string.h>

/* The kinds of amount in plain Dutch, for the marks' titles. */
static const char *const kind_names[READ_KIND_COUNT] = {
    [READ_ALLOCATION] = "Toekenning",
    [READ_PLAN] = "Plan",
    [READ_REALISATION] = "Realisatie",
    [READ_RESERVE_BALANCE] = "Stand van de reserve",
    [READ_RESERVE_WITHDRAWAL] = "Onttrekking uit de reserve",
    [READ_RESERVE_DEPOSIT] = "Storting in de reserve",
    [READ_TOTAL] = "Totaal",
    [READ_REQUEST] = "Verzoek",
    [READ_OTHER] = "Ander bedrag (niet van de regeling)",
};

static const char *amount_title(const ReadAmount *x, Arena *a)
{
    const char *kind = x->kind < READ_KIND_COUNT ? kind_names[x->kind] : "Bedrag";
    if (x->year && x->actielijn)
        return arena_printf(a, "%s %d, actielijn %d", kind, x->year, x->actielijn);
    if (x->year) return arena_printf(a, "%s %d", kind, x->year);
    if (x->actielijn) return arena_printf(a, "%s, actielijn %d", kind, x->actielijn);
    return kind;
}

/* The end of the number starting at s: digits, with '.' or ',' between digits. */
static size_t number_len(const char *s)
{
    size_t i = 0;
    while (isdigit((unsigned char)s[i]) ||
           ((s[i] == '.' || s[i] == ',') && isdigit((unsigned char)s[i + 1]) && i > 0))
        i++;
    return i;
}

/* The amount of the line's amounts (first..first+n) the number text is, not yet marked:
 * the same cents, or a thousandth of them (a table "x € 1.000"). */
static const ReadAmount *amount_of(const char *text, size_t len, const ReadAmount *const *on_line,
                                   size_t n, int *used)
{
    char tmp[64];
    if (len >= sizeof tmp) return NULL;
    memcpy(tmp, text, len);
    tmp[len] = '\0';
    int64_t cents;
    const char *why;
    if (money_parse(tmp, &cents, &why)) return NULL;
    for (size_t i = 0; i < n; i++)
        if (!used[i] && (on_line[i]->cents == cents || on_line[i]->cents == cents * 1000)) {
            used[i] = 1;
            return on_line[i];
        }
    return NULL;
}

/* One line's text, its amounts marked where the text shows them. */
static void line_text(Buf *b, const ReadLine *ln, const ReadResult *res, Arena *a)
{
    const ReadAmount *on_line[64];
    int used[64] = {0};
    size_t n = 0;
    for (size_t i = 0; i < res->namounts && n < 64; i++)
        if (res->amounts[i].page == ln->page && res->amounts[i].line == ln->line)
            on_line[n++] = &res->amounts[i];
    const char *s = ln->text ? ln->text : "";
    size_t start = 0, i = 0;
    while (n && s[i]) {
        if (!isdigit((unsigned char)s[i]) || (i > 0 && isalnum((unsigned char)s[i - 1]))) {
            i++;
            continue;
        }
        size_t len = number_len(s + i);
        const ReadAmount *x = amount_of(s + i, len, on_line, n, used);
        if (x) {
            char *before = arena_strdup(a, s + start);
            before[i - start] = '\0';
            char *num = arena_strdup(a, s + i);
            num[len] = '\0';
            html_txt(b, before);
            html_printf(b, "<mark title=\"%s\">%s</mark>", amount_title(x, a), num);
            start = i + len;
        }
        i += len ? len : 1;
    }
    html_txt(b, s + start);
}

static void findings_of_line(Buf *b, const ReadResult *res, int page, int line)
{
    for (size_t i = 0; i < res->nfindings; i++) {
        const ReadFinding *f = &res->findings[i];
        if (f->page == page && f->line == line)
            html_printf(b, "<p class=\"pok-read-finding\"><strong>Bevinding:</strong> %s</p>",
                        f->message);
    }
}

static void facts(Buf *b, const ReadDoc *doc, const ReadResult *res)
{
    html_lit(b, "<dl class=\"properties\">\n");
    if (res->muni_name)
        html_printf(b, "<dt>Gemeente volgens het document</dt><dd>%s (%s)</dd>\n", res->muni_name,
                    res->muni_code ? res->muni_code : "");
    html_printf(b, "<dt>Soort document</dt><dd>%s</dd>\n", res->genre);
    if (res->date[0]) html_printf(b, "<dt>Datum</dt><dd>%s</dd>\n", res->date);
    for (size_t i = 0; i < res->nrefs; i++)
        html_printf(b, "<dt>Kenmerk</dt><dd>%s</dd>\n", res->references[i]);
    html_printf(b, "<dt>Pagina's</dt><dd>%d</dd>\n", doc->pages);
    if (doc->n_ocr) html_printf(b, "<dt>Gescande pagina's (OCR)</dt><dd>%zu</dd>\n", doc->n_ocr);
    html_printf(b, "<dt>Bedragen gevonden</dt><dd>%zu</dd>\n", res->namounts);
    html_printf(b, "<dt>SHA-256 van het bestand</dt><dd><code class=\"pok-hash\">%s</code></dd>\n",
                doc->sha256);
    html_lit(b, "</dl>\n");
}

static void findings_summary(Buf *b, const ReadResult *res)
{
    html_lit(b, "<h2>Bevindingen</h2>\n");
    if (!res->nfindings)
        html_lit(b, "<p>Geen bevindingen: de rekensommen die pok kon narekenen, kloppen.</p>\n");
    else {
        html_lit(b, "<ul class=\"pok-read-findings\">\n");
        for (size_t i = 0; i < res->nfindings; i++) {
            const ReadFinding *f = &res->findings[i];
            html_printf(b, "<li><a href=\"#p%d-r%d\">Pagina %d, regel %d</a>: %s</li>\n", f->page,
                        f->line, f->page, f->line, f->message);
        }
        html_lit(b, "</ul>\n");
    }
    if (res->nunchecked) {
        html_lit(b, "<h3>Niet controleerbaar</h3>\n<p>Deze totalen noemt het document, maar "
                    "hun delen zijn niet vast te stellen; ze zijn niet nagerekend.</p>\n<ul>\n");
        for (size_t i = 0; i < res->nunchecked; i++) {
            const ReadTotal *t = &res->unchecked[i];
            html_printf(b, "<li><a href=\"#p%d-r%d\">Pagina %d, regel %d</a>: ", t->page, t->line,
                        t->page, t->line);
            html_money(b, t->cents);
            html_printf(b, " (%s)</li>\n", t->quote);
        }
        html_lit(b, "</ul>\n");
    }
}

void read_view_document(Buf *b, const ReadDoc *doc, const ReadResult *res, Arena *a)
{
    facts(b, doc, res);
    findings_summary(b, res);
    html_lit(b, "<h2>Tekst van het document</h2>\n<p>De gevonden bedragen zijn gemarkeerd; "
                "wijs een markering aan voor de soort en het jaar.</p>\n");
    int page = 0;
    for (size_t i = 0; i < doc->nlines; i++) {
        const ReadLine *ln = &doc->lines[i];
        if (ln->page != page) {
            if (page) html_lit(b, "</ol>\n</section>\n");
            page = ln->page;
            html_printf(b,
                        "<section class=\"pok-read-page\" aria-labelledby=\"pagina-%d\">\n"
                        "<h3 id=\"pagina-%d\">Pagina %d</h3>\n<ol class=\"pok-read-lines\">\n",
                        page, page, page);
        }
        html_printf(b, "<li id=\"p%d-r%d\" value=\"%d\">", ln->page, ln->line, ln->line);
        line_text(b, ln, res, a);
        findings_of_line(b, res, ln->page, ln->line);
        html_lit(b, "</li>\n");
    }
    if (page) html_lit(b, "</ol>\n</section>\n");
}

void read_view_proposals(Buf *b, const ProposalSet *set, const char *action, const WebPending *p,
                         Arena *a)
{
    html_lit(b, "<h2 id=\"voorstellen\">Voorgestelde gegevens</h2>\n");
    if (set->n_accepted)
        html_printf(b,
                    "<p>%zu voorstellen uit dit document zijn eerder opgeslagen; ze staan hier "
                    "niet meer.</p>\n",
                    set->n_accepted);
    size_t proposable = 0;
    for (size_t i = 0; i < set->n; i++) proposable += set->items[i].kind != PROPOSAL_NONE;
    if (!proposable) {
        html_lit(b, "<p>Het document stelt geen nieuwe gegevens voor.</p>\n");
    } else {
        html_lit(b, "<p>Er is nog niets opgeslagen. Vink aan wat u wilt overnemen; elk gegeven "
                    "verwijst naar het document, met pagina en regel.</p>\n");
        form_open(b, action);
        form_hidden(b, "bestand_token", p->token);
        form_hidden(b, "bestand_sha256", p->sha256);
    }
    for (int g = 0; g < PROPOSAL_KIND_COUNT; g++) {
        size_t in_group = 0;
        for (size_t i = 0; i < set->n; i++) in_group += (int)set->items[i].kind == g;
        if (!in_group || (g == PROPOSAL_NONE)) continue;
        html_printf(b,
                    "<fieldset class=\"utrecht-form-fieldset pok-proposals\">\n<legend "
                    "class=\"utrecht-form-fieldset__legend\">%s</legend>\n",
                    proposal_groups[g].heading);
        for (size_t i = 0; i < set->n; i++) {
            const Proposal *x = &set->items[i];
            if ((int)x->kind != g) continue;
            html_printf(b,
                        "<div class=\"utrecht-form-field utrecht-form-field--checkbox\">"
                        "<input type=\"checkbox\" class=\"utrecht-checkbox "
                        "utrecht-checkbox--html-input\" id=\"voorstel-%d\" name=\"voorstel[]\" "
                        "value=\"%s\" aria-describedby=\"voorstel-%d-wijziging\" checked> "
                        "<label class=\"utrecht-form-label utrecht-form-label--checkbox\" "
                        "for=\"voorstel-%d\">%s <small>(<a href=\"#p%d-r%d\">pagina %d, regel "
                        "%d</a>)</small></label>"
                        "<div class=\"utrecht-form-field-description\" "
                        "id=\"voorstel-%d-wijziging\">%s</div></div>\n",
                        x->number, x->key, x->number, x->number, x->what, x->page, x->line, x->page,
                        x->line, x->number, x->change);
        }
        html_lit(b, "</fieldset>\n");
    }
    if (proposable) {
        form_submit(b, "Geselecteerde voorstellen opslaan");
        form_close(b);
    }
    size_t none = 0;
    for (size_t i = 0; i < set->n; i++) none += set->items[i].kind == PROPOSAL_NONE;
    if (none) {
        html_printf(b, "<h3>%s</h3>\n<ul class=\"pok-proposals-none\">\n",
                    proposal_groups[PROPOSAL_NONE].heading);
        for (size_t i = 0; i < set->n; i++) {
            const Proposal *x = &set->items[i];
            if (x->kind != PROPOSAL_NONE) continue;
            html_printf(b, "<li>%s (<a href=\"#p%d-r%d\">pagina %d, regel %d</a>): %s</li>\n",
                        x->what, x->page, x->line, x->page, x->line, x->why_not);
        }
        html_lit(b, "</ul>\n");
    }
    (void)a;
}
