/* read_datecheck.c: the same letter, meeting or decision dated differently in two
 * places (finding kind "date"). Every date in the text is a mention of a thing: the kind
 * of thing is the nearest kind word before it on its line ("brief", "vergadering",
 * "besluit"), the description the names around it (capitalised words: the sender, the
 * body) and its other content words. Two mentions are of the same thing when they are of
 * the same kind, share at least two description words of which one is a name, and their
 * dates are different but close (at most 14 days apart: a typing slip or a letter dated
 * on one day and sent the next); different letters or meetings on different subjects, or
 * far apart, are normal and never a finding. Date fields of the letterhead ("Datum:",
 * "datum collegevergadering:") are the document's own dates, not mentions. */
#include "read_meta.h"

#include "../dutch_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct KindWord {
    const char *word; /* folded */
    const char *kind; /* what the message calls it */
} KindWord;

/* Each meeting word is its own kind: a commissievergadering and the raadsvergadering a
 * week later on the same subject are two meetings. */
static const KindWord kinds[] = {{"brief", "brief"},
                                 {"brieven", "brief"},
                                 {"e mail", "brief"},
                                 {"email", "brief"},
                                 {"mail", "brief"},
                                 {"schrijven", "brief"},
                                 {"vergadering", "vergadering"},
                                 {"collegevergadering", "collegevergadering"},
                                 {"b w vergadering", "collegevergadering"},
                                 {"raadsvergadering", "raadsvergadering"},
                                 {"commissievergadering", "commissievergadering"},
                                 {"besluit", "besluit"},
                                 {"collegebesluit", "collegebesluit"},
                                 {"raadsbesluit", "raadsbesluit"},
                                 {"beschikking", "beschikking"},
                                 {"verzoek", "verzoek"},
                                 {"aanvraag", "aanvraag"}};

/* Words that describe nothing: articles, prepositions, auxiliaries, month names. */
static const char *const stop_words[] = {
    "de",      "het",      "een",       "van",     "in",       "op",       "met",
    "voor",    "aan",      "zie",       "dd",      "d",        "over",     "betreffende",
    "heeft",   "hebben",   "om",        "te",      "en",       "of",       "die",
    "dat",     "deze",     "dit",       "is",      "zijn",     "wordt",    "naar",
    "bij",     "door",     "als",       "ook",     "nr",       "datum",    "gedateerd",
    "bijlage", "januari",  "februari",  "maart",   "april",    "mei",      "juni",
    "juli",    "augustus", "september", "oktober", "november", "december", "gemeente",
    "onder",   "andere",   "ter",       "tot",     "uit",      "we",       "wij",
    "u",       "uw",       "hier",      "niet",    "wel",      "geen",     "er"};

#define MAX_MENTIONS 512
#define MAX_WORDS 24

typedef struct Mention {
    size_t line; /* index into doc->lines */
    char iso[11];
    const char *kind;
    char words[MAX_WORDS][32];
    int upper[MAX_WORDS];   /* written with a capital: a name */
    int acronym[MAX_WORDS]; /* in capitals ("POK"): a name, but not the sender's */
    size_t nwords;
} Mention;

static int is_stop(const char *w)
{
    if (strlen(w) < 3 || (w[0] >= '0' && w[0] <= '9')) return 1;
    for (size_t i = 0; i < sizeof stop_words / sizeof *stop_words; i++)
        if (!strcmp(w, stop_words[i])) return 1;
    return 0;
}

static int is_kind_word(const char *w)
{
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (!strcmp(w, kinds[i].word)) return 1;
    return 0;
}

/* Days since the epoch of an ISO date. */
static long day_number(const char *iso)
{
    struct tm tm = {.tm_year = atoi(iso) - 1900,
                    .tm_mon = atoi(iso + 5) - 1,
                    .tm_mday = atoi(iso + 8),
                    .tm_hour = 12};
    return (long)(timegm(&tm) / 86400);
}

/* Whether s ends a sentence (a full stop, question mark, colon or semicolon at its end). */
static int ends_sentence(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ') n--;
    return n == 0 || strchr(".?!:;", s[n - 1]) != NULL;
}

static int blank(const char *s)
{
    while (*s == ' ') s++;
    return !*s;
}

/* Append s to text (len bytes so far), keeping the whole within cap - 1 bytes and a NUL. */
static void append(char *text, size_t *len, size_t cap, const char *s)
{
    while (*s && *len + 1 < cap) text[(*len)++] = *s++;
    text[*len] = '\0';
}

/* A sentence boundary at s[i]: ". " (or ? !) followed by a capital. */
static int boundary_at(const char *s, size_t i)
{
    return strchr(".?!;", s[i]) && s[i + 1] == ' ' && s[i + 2] >= 'A' && s[i + 2] <= 'Z';
}

/* The description words of the sentence a date at byte off of line li stands in: the
 * sentence may start on the line before and go on to the line after (a sentence rarely
 * fits one line), never into another paragraph or sentence. */
static void describe(const ReadDoc *doc, size_t li, size_t off, Mention *m)
{
    char text[3200];
    size_t len = 0, at;
    const ReadLine *l = &doc->lines[li];
    if (li > 0 && doc->lines[li - 1].page == l->page && !blank(doc->lines[li - 1].text) &&
        !ends_sentence(doc->lines[li - 1].text)) {
        append(text, &len, 1000, doc->lines[li - 1].text);
        append(text, &len, 1001, " ");
    }
    at = len + off;
    append(text, &len, 2101, l->text);
    if (li + 1 < doc->nlines && doc->lines[li + 1].page == l->page &&
        !blank(doc->lines[li + 1].text) && !ends_sentence(l->text)) {
        append(text, &len, 2102, " ");
        append(text, &len, sizeof text, doc->lines[li + 1].text);
    }
    if (at > len) at = len;
    size_t from = 0, to = len;
    for (size_t i = 0; i + 2 < len; i++) {
        if (!boundary_at(text, i)) continue;
        if (i < at)
            from = i + 1;
        else if (i > at) {
            to = i;
            break;
        }
    }
    text[to] = '\0';
    const char *s = text + from;
    size_t i = 0;
    int first = 1; /* the sentence's first word is capitalised as such, not as a name */
    while (s[i] && m->nwords < MAX_WORDS) {
        while (s[i] && !((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
                         (unsigned char)s[i] >= 0xC3))
            i++;
        size_t start = i;
        while ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
               (unsigned char)s[i] >= 0x80 || s[i] == '-')
            i++;
        if (i == start) break;
        char raw[64], f[64];
        size_t n = i - start < sizeof raw - 1 ? i - start : sizeof raw - 1;
        memcpy(raw, s + start, n);
        raw[n] = '\0';
        meta_fold(raw, f, sizeof f, 1);
        int initial = first;
        first = 0;
        if (!f[0] || is_stop(f) || is_kind_word(f) || strlen(f) >= 32) continue;
        int dup = 0;
        for (size_t k = 0; k < m->nwords; k++)
            if (!strcmp(m->words[k], f)) dup = 1;
        if (dup) continue;
        memcpy(m->words[m->nwords], f, strlen(f) + 1); /* shorter than 32: checked above */
        m->upper[m->nwords] = !initial && raw[0] >= 'A' && raw[0] <= 'Z';
        m->acronym[m->nwords] = n > 1 && raw[1] >= 'A' && raw[1] <= 'Z';
        m->nwords++;
    }
}

/* The kind of the thing a date on line li at byte off dates: the last kind word before
 * it on the line (or at the end of the line before), or NULL. */
static const char *kind_before(const ReadDoc *doc, size_t li, size_t off)
{
    char head[1024], f[1100];
    size_t n = off < sizeof head - 1 ? off : sizeof head - 1;
    memcpy(head, doc->lines[li].text, n);
    head[n] = '\0';
    meta_fold(head, f, sizeof f, 1);
    if (!f[0] && li > 0) meta_fold(doc->lines[li - 1].text, f, sizeof f, 1);
    const char *kind = NULL;
    size_t at = 0, at_len = 0;
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        const char *w = kinds[i].word;
        size_t wl = strlen(w);
        for (const char *p = strstr(f, w); p; p = strstr(p + 1, w)) {
            int left = p == f || p[-1] == ' ', right = p[wl] == ' ' || p[wl] == '\0';
            size_t pos = (size_t)(p - f) + wl; /* where it ends: "b w vergadering" over
                                                * its "vergadering" */
            if (left && right && (pos > at || (pos == at && wl > at_len))) {
                at_len = wl;
                at = pos;
                kind = kinds[i].kind;
            }
        }
    }
    return kind;
}

/* Whether line li is a letterhead date field ("Datum:", "datum collegevergadering:"). */
static int date_field(const ReadDoc *doc, size_t li)
{
    char f[256];
    meta_fold(doc->lines[li].text, f, sizeof f, 1);
    const char *colon = strchr(doc->lines[li].text, ':');
    return !strncmp(f, "datum", 5) ||
           (colon && colon - doc->lines[li].text < 40 && strstr(f, "vergadering") == f);
}

/* The words two mentions share: how many, and how many of them are names in both. */
static size_t shared(const Mention *a, const Mention *b, size_t *names, char *descr, size_t cap)
{
    size_t n = 0, len = 0;
    *names = 0;
    descr[0] = '\0';
    for (size_t i = 0; i < a->nwords; i++)
        for (size_t j = 0; j < b->nwords; j++)
            if (!strcmp(a->words[i], b->words[j])) {
                n++;
                /* a name in both; an acronym ("POK") names the subject, not the sender */
                if (a->upper[i] && b->upper[j] && !a->acronym[i] && !b->acronym[j]) {
                    (*names)++;
                    int w = snprintf(descr + len, cap - len, "%s%c%s", len ? " " : "",
                                     a->words[i][0] - 32, a->words[i] + 1);
                    if (w > 0 && (size_t)w < cap - len) len += (size_t)w;
                }
            }
    return n;
}

static int is_annex_line(const ReadDoc *doc, size_t li)
{
    char f[64];
    meta_fold(doc->lines[li].text, f, sizeof f, 1);
    return !strncmp(f, "bijlage", 7);
}

void meta_date_check(const ReadDoc *doc, ReadResult *res)
{
    Mention *ms = calloc(MAX_MENTIONS, sizeof *ms);
    if (!ms) return;
    size_t n = 0;
    for (size_t li = 0; li < doc->nlines && n < MAX_MENTIONS; li++) {
        if (date_field(doc, li)) continue;
        MetaDate ds[8];
        size_t nd = meta_line_dates(doc, li, ds, 8);
        for (size_t k = 0; k < nd && n < MAX_MENTIONS; k++) {
            const char *kind = kind_before(doc, li, ds[k].off);
            if (!kind) continue;
            Mention *m = &ms[n++];
            m->line = li;
            memcpy(m->iso, ds[k].iso, 11);
            m->kind = kind;
            describe(doc, li, ds[k].off, m);
        }
    }
    for (size_t b = 1; b < n; b++) {
        int reported = 0; /* one finding per later mention */
        for (size_t a = 0; a < b && !reported; a++) {
            const Mention *x = &ms[a], *y = &ms[b];
            if (strcmp(x->kind, y->kind) != 0 || strcmp(x->iso, y->iso) == 0) continue;
            long gap = labs(day_number(x->iso) - day_number(y->iso));
            if (gap > 14) continue;
            size_t names;
            char descr[128];
            if (shared(x, y, &names, descr, sizeof descr) < 2 || names < 1) continue;
            const ReadLine *lx = &doc->lines[x->line], *ly = &doc->lines[y->line];
            Arena *ar = &res->arena;
            const char *where_x = lx->page == ly->page ? arena_printf(ar, "op regel %d", lx->line)
                                                       : arena_printf(ar, "op pagina %d, regel %d",
                                                                      lx->page, lx->line);
            const char *where_y = is_annex_line(doc, y->line)
                                      ? "in de bijlagenlijst"
                                      : arena_printf(ar, "op regel %d", ly->line);
            ReadFinding f = {
                .kind = READ_FINDING_DATE,
                .page = ly->page,
                .line = ly->line,
                .quote = ly->text,
                .message =
                    arena_printf(ar, "De %s van %s heet %s gedateerd %s en %s %s.", x->kind, descr,
                                 where_x, date_nl(ar, x->iso), where_y, date_nl(ar, y->iso)),
            };
            read_add_finding(res, &f);
            reported = 1;
        }
    }
    free(ms);
}
