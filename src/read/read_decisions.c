/* read_decisions.c: the POK decisions a document names: its own (the decision block of a
 * collegebesluit, "Het college van burgemeester en wethouders besluit:" with its items)
 * and earlier ones it refers to in the text ("Het college heeft op 15 maart 2022
 * ingestemd met inzet van deze POK-middelen"). Conventions (docs/read.md):
 *   - a decision is one the document records as taken; a proposal ("Te nemen besluit" of a
 *     raadsvoorstel, "wordt aan de raad voorgesteld") is not, unless the document records
 *     that it was taken ("Aldus besloten in de openbare vergadering van ...");
 *   - only POK decisions: the sentence or item names the scheme or its money, or the
 *     document is about POK and the sentence is about money, plans or a request
 *     ("middelen", "budget", "bestedingsdoelen", "verzoek");
 *   - a sentence that both grants and refuses (a partial grant) is two decisions;
 *   - the document's own decision is dated by the document (for a collegebesluit the
 *     college meeting), a cited one by the date in its sentence, else unknown. */
#include "read_meta.h"

#include "../dutch_time.h"

#include <stdio.h>
#include <string.h>

static const char *const pok_words[] = {"pok", "pokmiddelen", "ondervragingscommissie",
                                        "kinderopvangtoeslag"};
static const char *const money_words[] = {"middelen",
                                          "gelden",
                                          "budget",
                                          "budgetten",
                                          "bestedingsdoelen",
                                          "bestedingsdoel",
                                          "besteding",
                                          "bestedingen",
                                          "inzet",
                                          "verzoek",
                                          "bijdrage",
                                          "bestedingsplan",
                                          "reserve",
                                          "bestemmingsreserve",
                                          "overhevelen",
                                          "overheveling",
                                          "subsidie"};
/* Verbs that record a decision as taken (folded words or phrases). */
static const char *const taken_verbs[] = {
    "ingestemd", "besloten", "vastgesteld", "goedgekeurd", "toegekend", "afgewezen", "besloot",
    "stemde in", "stelde vast", "keurde goed", "kende toe", "wees af", "geweigerd", "gehonoreerd",
    "verleend", "gekozen",
    /* done as a meeting agreed: "conform besproken in de collegevergadering van ..." */
    "conform besproken", "conform besloten", "conform het besluit"};
/* Verbs with a separated particle in a past main clause: "stelde het college ... vast". */
static const struct {
    const char *verb, *particle;
} split_verbs[] = {{"stelde", "vast"}, {"stelden", "vast"}, {"stemde", "in"}, {"stemden", "in"},
                   {"keurde", "goed"}, {"kende", "toe"},    {"wees", "af"},   {"nam", "over"}};

static int has_split_verb(const char *f)
{
    for (size_t i = 0; i < sizeof split_verbs / sizeof *split_verbs; i++)
        if (meta_has_phrase(f, split_verbs[i].verb) && meta_has_phrase(f, split_verbs[i].particle))
            return 1;
    return 0;
}

/* Markers of a proposal or a future decision: such a sentence records nothing taken. */
static const char *const proposal_words[] = {"voorgesteld",
                                             "voorgestelde",
                                             "voorstellen",
                                             "stellen voor",
                                             "stelt voor",
                                             "te nemen",
                                             "zal",
                                             "zullen",

                                             "wordt gevraagd",
                                             "wordt verzocht",
                                             "gevraagd besluit"};
/* The present passive ("wordt vastgesteld") is a decision still to come, unless the
 * sentence also speaks of the past. */
static const char *const present_words[] = {"wordt", "worden"};
static const char *const past_words[] = {"heeft",   "hebben", "is",     "zijn",   "werd", "werden",
                                         "besloot", "stemde", "stelde", "keurde", "kende"};
static const char *const declined_words[] = {
    "afgewezen",         "niet ingestemd",  "niet toegekend",     "geweigerd",
    "niet gehonoreerd",  "niet in te gaan", "besloten niet",      "wees af",
    "niet over te gaan", "af te wijzen",    "niet in te stemmen", "niet toe te kennen",
    "niet te honoreren", "afwijzen"};
static const char *const adopted_words[] = {"ingestemd",     "vastgesteld",  "goedgekeurd",
                                            "toegekend",     "gehonoreerd",  "verleend",
                                            "in te stemmen", "toe te kennen"};

#define N(a) (sizeof a / sizeof *a)

static int has_any(const char *f, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (meta_has_phrase(f, list[i])) return 1;
    return 0;
}

/* Whether the document is about POK: the scheme is named more than once. */
static int document_is_pok(const ReadDoc *doc)
{
    char f[2048];
    int n = 0;
    for (size_t i = 0; i < doc->nlines && n < 2; i++) {
        meta_fold(doc->lines[i].text, f, sizeof f, 1);
        if (has_any(f, pok_words, N(pok_words))) n++;
    }
    return n >= 2;
}

static int pok_related(const char *f, int doc_pok)
{
    return has_any(f, pok_words, N(pok_words)) ||
           (doc_pok && has_any(f, money_words, N(money_words)));
}

/* A short subject from a sentence: without its list bullet, the date and the body and
 * auxiliary that say who decided when, at most about 100 characters. */
static const char *subject_of(ReadResult *res, const char *sentence)
{
    static const char *const drop[] = {"het college van burgemeester en wethouders",
                                       "het college",
                                       "de gemeenteraad",
                                       "de raad",
                                       "uw raad",
                                       "burgemeester en wethouders"};
    /* the auxiliary goes with the body it belongs to: "heeft het college", "het college
     * heeft"; "We hebben ... uitgebreid" keeps its own */
    static const char *const aux[] = {"heeft", "hebben"};
    int after_body = 0;
    char buf[1024] = "";
    size_t j = 0;
    const char *s = sentence;
    /* OCR'd bullets: "e ", "o ", "¢ ", "- ", "• " */
    if ((s[0] == 'e' || s[0] == 'o' || s[0] == '-') && s[1] == ' ') s += 2;
    if (!strncmp(s, "\xe2\x80\xa2 ", 4) || !strncmp(s, "\xc2\xa2 ", 3)) s += s[0] == '\xe2' ? 4 : 3;
    char iso[11];
    while (*s && j + 1 < sizeof buf) {
        size_t used = (*s >= '0' && *s <= '9') ? date_nl_parse(s, iso) : 0;
        if (used) {
            s += used;
            continue;
        }
        int dropped = 0;
        if (s == sentence || s[-1] == ' ' || s == sentence + 2) {
            for (size_t d = 0; d < N(drop); d++) {
                size_t n = strlen(drop[d]);
                if (strncasecmp(s, drop[d], n) == 0 && (s[n] == ' ' || s[n] == '\0')) {
                    s += n;
                    dropped = after_body = 1;
                    break;
                }
            }
            for (size_t a = 0; a < N(aux) && !dropped; a++) {
                size_t n = strlen(aux[a]);
                if (strncasecmp(s, aux[a], n) != 0 || (s[n] != ' ' && s[n] != '\0')) continue;
                const char *next = s + n;
                while (*next == ' ') next++;
                int body_next = 0;
                for (size_t d = 0; d < N(drop); d++)
                    if (strncasecmp(next, drop[d], strlen(drop[d])) == 0) body_next = 1;
                if (after_body || body_next) {
                    s += n;
                    dropped = 1;
                }
            }
        }
        if (!dropped && (s == sentence || s[-1] == ' ') && !strncasecmp(s, "op ", 3) &&
            date_nl_parse(s + 3, iso)) { /* "op 15 maart 2022": the date is the decision's */
            s += 3;
            dropped = 1;
        }
        if (dropped) continue;
        if (*s == ' ' && (j == 0 || buf[j - 1] == ' ')) {
            s++;
            continue;
        }
        if (*s != ' ') after_body = 0;
        buf[j++] = *s++;
    }
    while (j > 0 && (buf[j - 1] == ' ' || buf[j - 1] == '.' || buf[j - 1] == ':' ||
                     buf[j - 1] == ';' || buf[j - 1] == ','))
        j--;
    buf[j] = '\0';
    /* "(zie ook Perspectiefnota 2023)" and other asides stay; only the length is bounded */
    if (j > 100) {
        size_t cut = 100;
        while (cut > 60 && buf[cut] != ' ') cut--;
        buf[cut] = '\0';
    }
    return arena_strdup(&res->arena, buf);
}

static void add_decision(ReadResult *res, const char *date, const char *body, int adopted,
                         const char *subject, const ReadLine *at)
{
    for (size_t i = 0; i < res->ndecisions; i++) { /* the same decision named again */
        const ReadDecision *d = &res->decisions[i];
        if (!strcmp(d->body, body) && d->adopted == adopted && !strcmp(d->date, date) &&
            (date[0] || !strcmp(d->subject, subject)))
            return;
    }
    ReadDecision d = {
        .body = body, .adopted = adopted, .subject = subject, .page = at->page, .line = at->line};
    snprintf(d.date, sizeof d.date, "%s", date);
    read_add_decision(res, &d);
}

/* A sentence of the running text and the line it starts on. */
typedef struct Sentence {
    char text[2048];
    size_t len;
    size_t line;
} Sentence;

static void sentence_decisions(const ReadDoc *doc, const Sentence *st, int doc_pok, ReadResult *res)
{
    char f[2048];
    meta_fold(st->text, f, sizeof f, 1);
    if ((!has_any(f, taken_verbs, N(taken_verbs)) && !has_split_verb(f)) ||
        has_any(f, proposal_words, N(proposal_words)) ||
        (has_any(f, present_words, N(present_words)) && !has_any(f, past_words, N(past_words))))
        return;
    /* about the scheme or its money: a sentence with a euro amount in a POK document is */
    if (!pok_related(f, doc_pok) && !(doc_pok && strstr(st->text, "\xe2\x82\xac"))) return;
    const char *college = NULL, *raad = NULL;
    static const char *const college_words[] = {"college", "burgemeester en wethouders", "b w",
                                                "collegevergadering"};
    static const char *const raad_words[] = {"raad", "gemeenteraad", "raadsvergadering"};
    for (size_t i = 0; i < N(college_words) && !college; i++)
        if (meta_has_phrase(f, college_words[i])) college = strstr(f, college_words[i]);
    for (size_t i = 0; i < N(raad_words) && !raad; i++)
        if (meta_has_phrase(f, raad_words[i])) raad = strstr(f, raad_words[i]);
    if (!college && !raad) return;
    const char *body = college && (!raad || college < raad) ? "college" : "raad";
    char date[11] = "";
    for (const char *p = st->text; *p; p++)
        if (*p >= '0' && *p <= '9' && (p == st->text || p[-1] == ' ' || p[-1] == '(') &&
            date_nl_parse(p, date))
            break;
    int declined = has_any(f, declined_words, N(declined_words));
    int adopted = has_any(f, adopted_words, N(adopted_words)) || !declined;
    const char *subject = subject_of(res, st->text);
    const ReadLine *at = &doc->lines[st->line];
    if (adopted) add_decision(res, date, body, 1, subject, at);
    if (declined) add_decision(res, date, body, 0, subject, at);
}

/* The prose: lines joined into sentences (a blank line ends a paragraph; a full stop
 * followed by a capital ends a sentence). */
static void prose_decisions(const ReadDoc *doc, int doc_pok, ReadResult *res)
{
    Sentence st = {0};
    for (size_t i = 0; i <= doc->nlines; i++) {
        const char *s = i < doc->nlines ? doc->lines[i].text : "";
        while (*s == ' ') s++;
        if (!*s || i == doc->nlines) {
            if (st.len) sentence_decisions(doc, &st, doc_pok, res);
            st.len = 0;
            continue;
        }
        for (const char *p = s; *p; p++) {
            if (!st.len) st.line = i;
            if (st.len + 2 < sizeof st.text) st.text[st.len++] = *p;
            st.text[st.len] = '\0';
            int end = (*p == '.' || *p == '?' || *p == '!') &&
                      (p[1] == '\0' || (p[1] == ' ' && p[2] >= 'A' && p[2] <= 'Z'));
            if (end && p[1] == '\0' && i + 1 < doc->nlines) { /* the next line decides */
                const char *n = doc->lines[i + 1].text;
                while (*n == ' ') n++;
                end = !*n || (*n >= 'A' && *n <= 'Z');
            }
            /* a heading ("Stand van de POK-middelen") ends where the paragraph under it,
             * starting with a capital, begins */
            if (!end && p[1] == '\0' && i + 1 < doc->nlines && strlen(s) < 60 &&
                !strchr(",;:-", *p) && st.len == strlen(s)) {
                const char *n = doc->lines[i + 1].text;
                while (*n == ' ') n++;
                end = *n >= 'A' && *n <= 'Z';
            }
            if (end) {
                sentence_decisions(doc, &st, doc_pok, res);
                st.len = 0;
            }
        }
        if (st.len && st.len + 2 < sizeof st.text) st.text[st.len++] = ' ';
        st.text[st.len] = '\0';
    }
}

/* Whether the folded line heads the document's own decision: "Besluit burgemeester en
 * wethouders", "Het college van burgemeester en wethouders besluit", "Besluit:". */
static int decision_heading(const char *f)
{
    size_t n = strlen(f);
    int ends_besluit =
        (n >= 7 && !strcmp(f + n - 7, "besluit")) || (n >= 9 && !strcmp(f + n - 9, "besluiten"));
    return !strncmp(f, "besluit burgemeester en wethouders", 34) ||
           !strncmp(f, "besluit van burgemeester en wethouders", 38) || !strcmp(f, "besluit b w") ||
           (ends_besluit &&
            (meta_has_phrase(f, "college") || meta_has_phrase(f, "burgemeester en wethouders")));
}

static int has_decision_heading(const ReadDoc *doc)
{
    char f[2048];
    for (size_t i = 0; i < doc->nlines; i++) {
        meta_fold(doc->lines[i].text, f, sizeof f, 1);
        if (decision_heading(f)) return 1;
    }
    return 0;
}

/* A heading: a short line without a full stop, in capitals or of one or two words. */
static int heading_line(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ') n--;
    if (n == 0 || n > 40 || s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ';') return 0;
    int spaces = 0;
    for (size_t i = 0; i < n; i++) spaces += s[i] == ' ';
    return spaces <= 2 && !(s[0] >= '0' && s[0] <= '9');
}

/* The line that records the college's decision on an advice ("Besluit college: conform
 * advies, 2 december 2025", "Besluit B&W: Besloten wordt conform het voorgestelde
 * besluit"): 1 when there is one, with its date (or "" when it has none). */
static int decision_record(const ReadDoc *doc, char date[11])
{
    static const char *const records[] = {"besluit college", "besluit b w",
                                          "besluit van het college", "collegebesluit",
                                          "besloten conform"};
    char f[2048];
    for (size_t i = 0; i < doc->nlines; i++) {
        meta_fold(doc->lines[i].text, f, sizeof f, 1);
        for (size_t r = 0; r < N(records); r++) {
            size_t n = strlen(records[r]);
            if (strncmp(f, records[r], n) != 0 || f[n] != ' ') continue;
            if (!meta_has_phrase(f, "conform") && !meta_has_phrase(f, "akkoord") &&
                !meta_has_phrase(f, "besloten"))
                continue;
            MetaDate d[1];
            date[0] = '\0';
            if (meta_line_dates(doc, i, d, 1)) memcpy(date, d[0].iso, 11);
            return 1;
        }
    }
    return 0;
}

/* Whether the line heads the decision or advice block (a heading of its own: "Besluit",
 * "Advies", "Voorstel") or is a decision heading in words. */
static int block_heading(const char *f, const char *const *words, size_t n)
{
    if (decision_heading(f)) return 1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(f, words[i])) return 1;
    return 0;
}

/* The decision block (a collegebesluit's "Besluit", an adviesnota's "Advies"): its items
 * ("1. ...", "2. ...", or the one paragraph), each a college decision dated date. */
static void own_decisions(const ReadDoc *doc, const char *const *headings, size_t nheadings,
                          const char *date, ReadResult *res)
{
    char f[2048];
    for (size_t i = 0; i < doc->nlines; i++) {
        meta_fold(doc->lines[i].text, f, sizeof f, 1);
        if (!block_heading(f, headings, nheadings)) continue;
        Sentence item = {0};
        int blank = 0;
        for (size_t j = i + 1; j <= doc->nlines && j < i + 30; j++) {
            const char *s = j < doc->nlines ? doc->lines[j].text : "";
            while (*s == ' ') s++;
            char fl[2048];
            meta_fold(s, fl, sizeof fl, 1);
            if (!item.len && *s && decision_heading(fl))
                continue; /* "Besluit" / "Het college besluit:" */
            int numbered =
                s[0] >= '1' && s[0] <= '9' && (s[1] == '.' || s[1] == ')') && s[2] == ' ';
            int stop = j == doc->nlines || (*s && item.len && (heading_line(s) || blank)) ||
                       (*s && !item.len && heading_line(s));
            if (numbered || stop) {
                if (item.len) {
                    char fi[2048];
                    meta_fold(item.text, fi, sizeof fi, 1);
                    if (pok_related(fi, 0) || has_any(fi, money_words, N(money_words))) {
                        int declined = !strncmp(fi, "niet ", 5) ||
                                       has_any(fi, declined_words, N(declined_words));
                        add_decision(res, date, "college", !declined, subject_of(res, item.text),
                                     &doc->lines[item.line]);
                    }
                }
                item.len = 0;
                if (stop) break;
                s += 3;
            }
            if (!*s) {
                blank = item.len > 0;
                continue;
            }
            if (!item.len) item.line = j;
            blank = 0;
            size_t n = strlen(s);
            if (item.len + n + 2 < sizeof item.text) {
                memcpy(item.text + item.len, s, n);
                item.len += n;
                item.text[item.len++] = ' ';
                item.text[item.len] = '\0';
            }
        }
        return; /* one decision block */
    }
}

void meta_decisions(const ReadDoc *doc, ReadResult *res)
{
    static const char *const besluit[] = {"besluit"};
    static const char *const advies[] = {"advies", "voorstel", "besluit", "beslispunten"};
    const char *genre = res->genre ? res->genre : "";
    char date[11];
    if (!strcmp(genre, "collegebesluit")) {
        /* the document is the decision: dated by the document (its college meeting), or
         * by the date its decision record gives */
        if (!decision_record(doc, date) || !date[0]) memcpy(date, res->date, 11);
        own_decisions(doc, besluit, N(besluit), date, res);
    } else if (!strcmp(genre, "adviesnota")) {
        /* an advice is a decision once the document records the college's decision on
         * it: a "BESLUIT burgemeester en wethouders" block, or "Besluit college: conform
         * advies, DATE" */
        int recorded = decision_record(doc, date);
        if (!recorded || !date[0]) memcpy(date, res->date, 11);
        if (recorded || has_decision_heading(doc)) own_decisions(doc, advies, N(advies), date, res);
    }
    prose_decisions(doc, document_is_pok(doc), res);
}
