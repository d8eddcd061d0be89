/* search_query.c: a search's words into a SearchQuery (search_query.h): split, folded,
 * stop words dropped, synonym groups applied. The synonym list is data
 * (data/synonyms.csv) and the stop words are those of PostgreSQL's dutch configuration
 * (Debian's dutch.stop, embedded at build time), so that both backends ignore the same
 * words. Both are read from the binary once, on first use. */
#include "search_query.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"

/* Every byte of a folded word: at most this long (longer words are cut). */
#define WORD_MAX 64
#define PHRASE_WORDS 6

/* One code point from p (valid UTF-8: text.h checked it where it entered); *len its
 * bytes. */
static uint32_t utf8_next(const unsigned char *p, size_t *len)
{
    if (p[0] < 0x80) {
        *len = 1;
        return p[0];
    }
    if ((p[0] & 0xe0) == 0xc0 && p[1]) {
        *len = 2;
        return ((uint32_t)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
    }
    if ((p[0] & 0xf0) == 0xe0 && p[1] && p[2]) {
        *len = 3;
        return ((uint32_t)(p[0] & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
    }
    if ((p[0] & 0xf8) == 0xf0 && p[1] && p[2] && p[3]) {
        *len = 4;
        return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3f) << 12) |
               ((uint32_t)(p[2] & 0x3f) << 6) | (p[3] & 0x3f);
    }
    *len = 1;
    return 0xfffd;
}

/* Letters and digits belong to words; ASCII punctuation, Latin-1 signs, general
 * punctuation and symbols (dashes, quotes, the euro sign) separate them. */
static int word_cp(uint32_t c)
{
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c < 0xc0 || c == 0xd7 || c == 0xf7) return 0;
    if (c >= 0x2000 && c <= 0x2bff) return 0;
    if (c >= 0x3000 && c <= 0x303f) return 0;
    return 1;
}

/* Latin-1 letters U+00C0..U+00FF without their accent, lower case ('\0': kept as is). */
static const char latin1_base[64] = {
    'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   0,
    'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   'y'};

/* Append code point c to w, folded: ASCII lower case, Latin-1 and the common Latin
 * Extended-A letters without accents (as SQLite's remove_diacritics and PostgreSQL's
 * unaccent do). */
static void fold_cp(Buf *w, uint32_t c, const unsigned char *raw, size_t len)
{
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (c >= 0xc0 && c <= 0xff && latin1_base[c - 0xc0]) c = (unsigned char)latin1_base[c - 0xc0];
    if (c >= 0x100 && c <= 0x17f) {
        /* pairs upper/lower in this block: map to the base letter of a few common ones */
        static const struct {
            uint32_t from, to;
            char base;
        } ext[] = {{0x100, 0x105, 'a'}, {0x106, 0x10d, 'c'}, {0x10e, 0x111, 'd'},
                   {0x112, 0x11b, 'e'}, {0x11c, 0x123, 'g'}, {0x128, 0x131, 'i'},
                   {0x141, 0x142, 'l'}, {0x143, 0x148, 'n'}, {0x14c, 0x151, 'o'},
                   {0x154, 0x159, 'r'}, {0x15a, 0x161, 's'}, {0x162, 0x167, 't'},
                   {0x168, 0x173, 'u'}, {0x178, 0x178, 'y'}, {0x179, 0x17e, 'z'}};
        for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
            if (c >= ext[i].from && c <= ext[i].to) c = (unsigned char)ext[i].base;
    }
    if (c < 0x80) {
        char ch = (char)c;
        buf_append(w, &ch, 1);
    } else {
        buf_append(w, (const char *)raw, len);
    }
}

/* The next word of *p, folded, into w (reset); 0 at the end of the text. */
static int next_word(const char **p, Buf *w)
{
    const unsigned char *s = (const unsigned char *)*p;
    size_t len = 0;
    buf_reset(w);
    while (*s && !word_cp(utf8_next(s, &len))) s += len;
    if (!*s) {
        *p = (const char *)s;
        return 0;
    }
    while (*s) {
        uint32_t c = utf8_next(s, &len);
        if (!word_cp(c)) break;
        if (w->len + len <= WORD_MAX) fold_cp(w, c, s, len);
        s += len;
    }
    *p = (const char *)s;
    return w->len > 0;
}

const char *search_fold(const char *text, Arena *a)
{
    Buf out = {0}, w = {0};
    const char *p = text ? text : "";
    while (next_word(&p, &w)) {
        if (out.len) buf_puts(&out, " ");
        buf_append(&out, w.data, w.len);
    }
    const char *r = arena_strdup(a, out.len ? out.data : "");
    buf_free(&out);
    buf_free(&w);
    return r;
}

/* ---- the embedded lists, read once ---- */

typedef struct SynTerm {
    char *phrase;              /* folded words, one space between */
    char *stems[PHRASE_WORDS]; /* the stem of each word */
    size_t n_words;
} SynTerm;

typedef struct SynGroup {
    SynTerm *terms;
    size_t n;
} SynGroup;

static struct {
    pthread_once_t once;
    char **stop; /* sorted */
    size_t n_stop;
    SynGroup *groups;
    size_t n_groups;
} lists = {PTHREAD_ONCE_INIT, NULL, 0, NULL, 0};

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static int is_stop(const char *word)
{
    return lists.n_stop &&
           bsearch(&word, lists.stop, lists.n_stop, sizeof *lists.stop, cmp_str) != NULL;
}

static char *stem_of(struct sb_stemmer *st, const char *word)
{
    const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)word, (int)strlen(word));
    if (!r) return xstrdup(word);
    int n = sb_stemmer_length(st);
    char *out = xmalloc((size_t)n + 1);
    memcpy(out, r, (size_t)n);
    out[n] = '\0';
    return out;
}

static void load_stop(void)
{
    size_t len = 0;
    const char *text = embedded_file("dutch.stop", &len);
    if (!text) return;
    Buf w = {0};
    const char *p = text;
    while (next_word(&p, &w)) {
        lists.stop = xrealloc(lists.stop, (lists.n_stop + 1) * sizeof *lists.stop);
        lists.stop[lists.n_stop++] = xstrdup(w.data);
    }
    buf_free(&w);
    if (lists.n_stop) qsort(lists.stop, lists.n_stop, sizeof *lists.stop, cmp_str);
}

/* data/synonyms.csv: one group a line, its terms separated by ';'; '#' starts a comment
 * line; the first line is the header. */
static void load_synonyms(struct sb_stemmer *st)
{
    const char *text = embedded_file("synonyms.csv", NULL);
    if (!text) return;
    Buf w = {0};
    int header = 1;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        char *copy = xmalloc(n + 1);
        memcpy(copy, line, n);
        copy[n] = '\0';
        line += n + (end ? 1 : 0);
        if (header || copy[0] == '#' || copy[0] == '\0') {
            header = 0;
            free(copy);
            continue;
        }
        SynGroup g = {0};
        char *save = NULL;
        for (char *term = strtok_r(copy, ";", &save); term; term = strtok_r(NULL, ";", &save)) {
            SynTerm t = {0};
            Buf phrase = {0};
            const char *p = term;
            while (t.n_words < PHRASE_WORDS && next_word(&p, &w)) {
                if (phrase.len) buf_puts(&phrase, " ");
                buf_append(&phrase, w.data, w.len);
                t.stems[t.n_words++] = stem_of(st, w.data);
            }
            if (!t.n_words) {
                buf_free(&phrase);
                continue;
            }
            t.phrase = xstrdup(phrase.data);
            buf_free(&phrase);
            g.terms = xrealloc(g.terms, (g.n + 1) * sizeof *g.terms);
            g.terms[g.n++] = t;
        }
        free(copy);
        if (g.n < 2) {
            for (size_t i = 0; i < g.n; i++) {
                free(g.terms[i].phrase);
                for (size_t k = 0; k < g.terms[i].n_words; k++) free(g.terms[i].stems[k]);
            }
            free(g.terms);
            continue;
        }
        lists.groups = xrealloc(lists.groups, (lists.n_groups + 1) * sizeof *lists.groups);
        lists.groups[lists.n_groups++] = g;
    }
    buf_free(&w);
}

/* The lists live as long as the process, like the embedded files they come from. */
static void load_lists(void)
{
    load_stop();
    struct sb_stemmer *st = sb_stemmer_new("dutch", NULL);
    if (st) {
        load_synonyms(st);
        sb_stemmer_delete(st);
    }
}

size_t search_synonym_groups(void)
{
    pthread_once(&lists.once, load_lists);
    return lists.n_groups;
}

/* ---- building the query ---- */

typedef struct Word {
    const char *text; /* folded */
    char *stem;
} Word;

/* Every word of text (stop words included: a synonym phrase may hold one), at most max. */
static size_t split_words(const char *text, Arena *a, struct sb_stemmer *st, Word *words,
                          size_t max)
{
    Buf w = {0};
    size_t n = 0;
    const char *p = text ? text : "";
    while (n < max && next_word(&p, &w)) {
        words[n].text = arena_strdup(a, w.data);
        words[n].stem = st ? stem_of(st, w.data) : xstrdup(w.data);
        n++;
    }
    buf_free(&w);
    return n;
}

/* The synonym group whose term matches the most words at words[i..]: *used its length. */
static const SynGroup *synonym_at(const Word *words, size_t n, size_t i, size_t *used)
{
    const SynGroup *best = NULL;
    *used = 0;
    for (size_t g = 0; g < lists.n_groups; g++)
        for (size_t t = 0; t < lists.groups[g].n; t++) {
            const SynTerm *term = &lists.groups[g].terms[t];
            if (term->n_words <= *used || i + term->n_words > n) continue;
            size_t k = 0;
            while (k < term->n_words && strcmp(term->stems[k], words[i + k].stem) == 0) k++;
            if (k == term->n_words) {
                best = &lists.groups[g];
                *used = k;
            }
        }
    return best;
}

static void add_phrase(SearchGroup *g, const char *phrase)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->phrases[i], phrase) == 0) return;
    if (g->n < SEARCH_MAX_PHRASES) g->phrases[g->n++] = phrase;
}

static void free_words(Word *words, size_t n)
{
    for (size_t i = 0; i < n; i++) free(words[i].stem);
}

void search_query_parse(const char *text, Arena *a, SearchQuery *q)
{
    memset(q, 0, sizeof *q);
    pthread_once(&lists.once, load_lists);
    enum { MAX_WORDS = 48 };
    Word words[MAX_WORDS];
    struct sb_stemmer *st = sb_stemmer_new("dutch", NULL);
    size_t n = split_words(text, a, st, words, MAX_WORDS);
    if (st) sb_stemmer_delete(st);
    q->had_words = n > 0;
    for (size_t i = 0; i < n && q->n < SEARCH_MAX_GROUPS;) {
        size_t used = 0;
        const SynGroup *syn = synonym_at(words, n, i, &used);
        SearchGroup *g = &q->groups[q->n];
        if (syn) {
            for (size_t t = 0; t < syn->n; t++) add_phrase(g, syn->terms[t].phrase);
            q->n++;
            i += used;
            continue;
        }
        if (!is_stop(words[i].text)) {
            add_phrase(g, words[i].text);
            q->n++;
        }
        i++;
    }
    free_words(words, n);
}

void search_query_any(const char *text, size_t max, Arena *a, SearchQuery *q)
{
    memset(q, 0, sizeof *q);
    pthread_once(&lists.once, load_lists);
    enum { MAX_WORDS = 200 };
    Word words[MAX_WORDS];
    size_t n = split_words(text, a, NULL, words, MAX_WORDS);
    q->had_words = n > 0;
    SearchGroup *g = &q->groups[0];
    if (max > SEARCH_MAX_PHRASES) max = SEARCH_MAX_PHRASES;
    for (size_t i = 0; i < n && g->n < max; i++)
        /* one- and two-letter words say little about what a measure is */
        if (strlen(words[i].text) > 2 && !is_stop(words[i].text)) add_phrase(g, words[i].text);
    q->n = g->n ? 1 : 0;
    free_words(words, n);
}

const char *search_query_fts5(const SearchQuery *q, Arena *a)
{
    if (!q->n) return NULL;
    Buf b = {0};
    for (size_t i = 0; i < q->n; i++) {
        buf_puts(&b, i ? " AND (" : "(");
        for (size_t k = 0; k < q->groups[i].n; k++)
            buf_printf(&b, "%s\"%s\"", k ? " OR " : "", q->groups[i].phrases[k]);
        buf_puts(&b, ")");
    }
    const char *r = arena_strdup(a, b.data);
    buf_free(&b);
    return r;
}
