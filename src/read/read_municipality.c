/* read_municipality.c: the document's own municipality, matched to the CBS list compiled
 * into pok. Every mention of a municipality's name (also with one letter damaged by OCR
 * in a longer name, and "Hengelo" for "Hengelo (O.)" where only one municipality has that
 * name) is weighed by how it occurs: "de raad van de gemeente X", "gemeente X", a
 * letterhead line, a signing place score high; "in X" a little; a name inside another
 * organisation's name ("Ombudsman Metropool Amsterdam") or after "in navolging van",
 * "provincie" hardly or not at all. The municipality with the most weight wins when it is
 * clearly ahead; otherwise the document's municipality is unknown. */
#include "read_meta.h"

#include "../embedded.h"
#include "../ingest/csv.h"

#include "../dutch_time.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct Muni {
    char code[8];
    const char *name;    /* as CBS writes it: "Hengelo (O.)" */
    const char *full;    /* folded words, no spaces: "hengeloo" */
    const char *base;    /* without the bracketed qualifier: "hengelo" */
    size_t nfull, nbase; /* words in full and base */
    int base_unique;     /* no other municipality has this base name */
    int needs_context;   /* a common word, or very short: only in a municipal context */
} Muni;

/* Names that are also ordinary Dutch words (or read as one): they count only where the
 * document says it is a municipality ("gemeente Best", a letterhead line). */
static const char *const common_words[] = {
    "best",   "beek",   "buren",  "duiven", "delft",  "leiden", "weert", "hoorn",  "sluis",
    "kampen", "putten", "stein",  "epe",    "ede",    "horst",  "hulst", "losser", "waterland",
    "goes",   "bergen", "laren",  "mill",   "gemert", "berg",   "oss",   "urk",    "altena",
    "land",   "boekel", "heerde", "venlo",  "echt",   "edam",   "tiel",  "renkum", "midden",
    "peel",   "maas",   "dongen", "gouda",  "zeist",  "vaals",  "wijk",  "hof",    "baarn",
    "borne",  "voorst", "asten",  "uden",   "heusden"};

/* Alternative names people write for a municipality. */
static const struct {
    const char *alias, *code;
} aliases[] = {{"den haag", "GM0518"}, {"den bosch", "GM0796"}, {"s gravenhage", "GM0518"}};

static Muni *munis;
static size_t nmunis, cap_munis, n_cbs; /* n_cbs: the list's own rows; aliases after them */
static Arena muni_arena;
/* The entries by the first letter of their base name: by_letter[letter_from[c] .. letter_from[c +
 * 1]). */
static size_t *by_letter, letter_from[257];
static pthread_once_t munis_once = PTHREAD_ONCE_INIT;

static size_t count_words(const char *folded)
{
    size_t n = *folded ? 1 : 0;
    for (const char *p = folded; *p; p++) n += *p == ' ';
    return n;
}

static const char *squeeze(const char *folded)
{
    char *out = arena_alloc(&muni_arena, strlen(folded) + 1);
    size_t j = 0;
    for (const char *p = folded; *p; p++)
        if (*p != ' ') out[j++] = *p;
    out[j] = '\0';
    return out;
}

static void add_muni(const char *code, const char *name, const char *full_folded)
{
    munis = arena_grow(&muni_arena, munis, sizeof *munis, &cap_munis, nmunis + 1);
    Muni *m = &munis[nmunis++];
    memset(m, 0, sizeof *m);
    snprintf(m->code, sizeof m->code, "%s", code);
    m->name = arena_strdup(&muni_arena, name);
    char folded[256];
    meta_fold(full_folded, folded, sizeof folded, 1);
    m->full = squeeze(folded);
    m->nfull = count_words(folded);
    char base[256];
    snprintf(base, sizeof base, "%s", name);
    char *bracket = strchr(base, '(');
    if (bracket) *bracket = '\0';
    meta_fold(base, folded, sizeof folded, 1);
    m->base = squeeze(folded);
    m->nbase = count_words(folded);
    m->needs_context = strlen(m->base) <= 3;
    for (size_t i = 0; i < sizeof common_words / sizeof *common_words; i++)
        if (strcmp(m->base, common_words[i]) == 0) m->needs_context = 1;
}

static void index_by_letter(void)
{
    by_letter = arena_alloc(&muni_arena, (nmunis + 1) * sizeof *by_letter);
    size_t k = 0;
    for (int c = 0; c < 256; c++) {
        letter_from[c] = k;
        for (size_t m = 0; m < nmunis; m++)
            if ((unsigned char)munis[m].base[0] == c) by_letter[k++] = m;
    }
    letter_from[256] = k;
}

static void load_munis(void)
{
    size_t len = 0;
    const char *csv = embedded_file("cbs_gemeenten_2025_codes.csv", &len);
    if (!csv) return;
    PokErr err = {0};
    CsvReader *r = csv_open_mem("cbs_gemeenten_2025_codes.csv", csv, len, 0, &err);
    if (!r) return;
    int first = 1;
    while (csv_next(r, &err) == 1) {
        if (first) { /* the header */
            first = 0;
            continue;
        }
        const char *code = csv_field(r, 0), *name = csv_field(r, 1);
        if (code && name && strncmp(code, "GM", 2) == 0) add_muni(code, name, name);
    }
    csv_close(r);
    for (size_t i = 0; i < nmunis; i++) {
        munis[i].base_unique = 1;
        for (size_t j = 0; j < nmunis; j++)
            if (i != j && strcmp(munis[i].base, munis[j].base) == 0) munis[i].base_unique = 0;
    }
    n_cbs = nmunis;
    for (size_t a = 0; a < sizeof aliases / sizeof *aliases; a++)
        for (size_t i = 0; i < n_cbs; i++)
            if (strcmp(munis[i].code, aliases[a].code) == 0) {
                add_muni(munis[i].code, munis[i].name, aliases[a].alias);
                munis[nmunis - 1].base = munis[nmunis - 1].full;
                munis[nmunis - 1].nbase = munis[nmunis - 1].nfull;
                munis[nmunis - 1].base_unique = 1;
                break;
            }
    index_by_letter();
}

const char *meta_municipality_name(const char *code)
{
    pthread_once(&munis_once, load_munis);
    for (size_t i = 0; code && i < nmunis; i++)
        if (strcasecmp(munis[i].code, code) == 0) return munis[i].name;
    return NULL;
}

/* Levenshtein distance of a and b, 2 when over 1 (all that matters here). */
static int within_one(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > lb + 1 || lb > la + 1) return 0;
    size_t i = 0;
    while (i < la && i < lb && a[i] == b[i]) i++;
    if (i == la && i == lb) return 1;
    if (la == lb) return strcmp(a + i + 1, b + i + 1) == 0; /* one changed */
    if (la > lb) return strcmp(a + i + 1, b + i) == 0;      /* one extra */
    return strcmp(a + i, b + i + 1) == 0;                   /* one missing */
}

/* The words w[i..i+k) squeezed together into out. */
static void window(const MetaText *t, size_t i, size_t k, char *out, size_t cap)
{
    size_t j = 0;
    for (size_t x = i; x < i + k && x < t->n; x++)
        for (const char *p = t->words[x].w; *p && j + 1 < cap; p++) out[j++] = *p;
    out[j] = '\0';
}

/* Words that may stand between a context word and the name ("de raad van de gemeente"). */
static int is_article(const char *w)
{
    return !strcmp(w, "de") || !strcmp(w, "het") || !strcmp(w, "van") || !strcmp(w, "der");
}

/* Words before "gemeente X" that make it a mention in passing. */
static const char *const passing_words[] = {"navolging",     "zoals",           "andere",
                                            "buurgemeente",  "buurgemeenten",   "samen",
                                            "met",           "collega",         "regiogemeenten",
                                            "net",           "evenals",         "richting",
                                            "vergelijkbaar", "vergelijkbare",   "omliggende",
                                            "naburige",      "centrumgemeente", "ook"};

/* Words that, capitalised before a name, are part of an organisation's or a place's
 * description rather than a capitalised sentence start. */
static int is_function_word(const char *w)
{
    static const char *const fw[] = {"de",  "het",  "een", "in", "te",  "van", "voor", "uit",
                                     "bij", "naar", "en",  "of", "aan", "op",  "om",   "zie",
                                     "dat", "die",  "wij", "we", "ook", "ja",  "nee"};
    for (size_t i = 0; i < sizeof fw / sizeof *fw; i++)
        if (!strcmp(w, fw[i])) return 1;
    return 0;
}

/* Whether words [from, to) are all the words of their line. */
static int whole_line(const MetaText *t, size_t from, size_t to)
{
    size_t line = t->words[from].line;
    return (from == 0 || t->words[from - 1].line != line) &&
           (to >= t->n || t->words[to].line != line) && t->words[to - 1].line == line;
}

static int in_list(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(w, list[i])) return 1;
    return 0;
}

/* Whether the line of word i starts with "aan": the document is addressed there. */
static int addressed(const MetaText *t, size_t i)
{
    size_t j = i;
    while (j > 0 && t->words[j - 1].line == t->words[i].line) j--;
    return !strcmp(t->words[j].w, "aan");
}

/* The weight of a mention of m at words [i, i+k) of t. */
static double mention_weight(const ReadDoc *doc, const MetaText *t, size_t i, size_t k,
                             const Muni *m)
{
    static const char *const council[] = {"raad", "college", "burgemeester", "wethouders", "aan"};
    static const char *const body[] = {"raad",    "wethouders",      "burgemeester",
                                       "college", "gemeentebestuur", "gemeenteraad"};
    static const char *const region[] = {"provincie", "regio", "veiligheidsregio"};
    static const char *const place[] = {"in", "vanuit", "binnen"};
    const MetaWord *w = &t->words[i];
    const ReadLine *line = &doc->lines[w->line];
    size_t p = i; /* back over articles to the word that gives the context */
    while (p > 0 && p + 3 > i && is_article(t->words[p - 1].w)) p--;
    const char *ctx = p > 0 ? t->words[p - 1].w : "";
    double weight = 1;
    int strong = 1;
    if (!strcmp(ctx, "gemeente")) {
        weight = 5;
        /* back through the clause: "in navolging van de gemeente Lisse en de gemeente
         * Teylingen" names both in passing */
        for (size_t b = p - 1; b > 0 && b + 8 > p - 1 && !t->words[b].punct; b--) {
            const char *bw = t->words[b - 1].w;
            if (in_list(bw, passing_words, sizeof passing_words / sizeof *passing_words)) {
                weight = 1; /* "in navolging van gemeente X" */
                break;
            }
            if (b + 4 > p - 1 && in_list(bw, council, sizeof council / sizeof *council))
                weight = 6; /* "de raad van de gemeente X" */
        }
        if (weight > 1 && addressed(t, i)) weight = 10; /* "aan: de raad van de gemeente X" */
        if (whole_line(t, p - 1, i + k) && line->page == 1 && line->line <= 25)
            weight = 12; /* "Gemeente X" as the letterhead */
    } else if (in_list(ctx, body, sizeof body / sizeof *body)) {
        /* "de raad van X", "burgemeester en wethouders van X"; addressed: "Aan de
         * gemeenteraad van X" */
        weight = addressed(t, i) ? 10 : 5;
    } else if (in_list(ctx, region, sizeof region / sizeof *region)) {
        return 0; /* "provincie Utrecht", "regio Groningen" */
    } else if (whole_line(t, i, i + k) && line->page == 1 && line->line <= 25) {
        weight = 8; /* a letterhead or title line */
    } else {
        char iso[11];
        const char *comma = strchr(line->text, ',');
        while (comma && (*comma == ',' || *comma == ' ')) comma++;
        if (w->brk && (i == 0 || t->words[i - 1].line != w->line) && comma &&
            date_nl_parse(comma, iso))
            weight = 4; /* the signing place: "Hillegom, 18 maart 2024" */
        else
            strong = 0;
    }
    if (!strong) {
        if (m->needs_context) return 0;
        if (in_list(ctx, place, sizeof place / sizeof *place))
            weight = 1.5;
        else if (i > 0 && !w->brk && t->words[i - 1].upper && !is_function_word(t->words[i - 1].w))
            weight = 0.3; /* inside a name: "Ombudsman Metropool Amsterdam" */
    }
    if (line->page == 1 && line->line <= 15) weight *= 1.5;
    return weight;
}

void meta_municipality(const ReadDoc *doc, const MetaText *t, const char *muni_code,
                       ReadResult *res)
{
    pthread_once(&munis_once, load_munis);
    if (muni_code && *muni_code) {
        res->muni_code = arena_strdup(&res->arena, muni_code);
        const char *name = meta_municipality_name(muni_code);
        res->muni_name = name ? arena_strdup(&res->arena, name) : NULL;
        return;
    }
    double *score = calloc(nmunis ? nmunis : 1, sizeof *score);
    if (!score) return;
    char buf[256] = "";
    for (size_t i = 0; i < t->n; i++) {
        const char *first = t->words[i].w;
        if (!first[0] || (first[0] >= '0' && first[0] <= '9')) continue;
        unsigned char c0 = (unsigned char)first[0];
        for (size_t b = letter_from[c0]; b < letter_from[c0 + 1]; b++) {
            size_t m = by_letter[b];
            const Muni *mu = &munis[m];
            /* cheap rejections first: the word starts the name, or (OCR damage, not in
             * the first two letters) could be a damaged start of a longer name */
            size_t wl = strlen(first);
            int prefix = strncmp(mu->full, first, wl) == 0 || strncmp(mu->base, first, wl) == 0;
            if (!prefix && !(mu->base_unique && mu->base[1] == first[1] && strlen(mu->base) >= 8))
                continue;
            size_t k = 0;
            double fuzzy = 1;
            window(t, i, mu->nfull, buf, sizeof buf);
            if (strcmp(buf, mu->full) == 0) {
                k = mu->nfull;
            } else {
                window(t, i, mu->nbase, buf, sizeof buf);
                if (mu->base_unique && strcmp(buf, mu->base) == 0)
                    k = mu->nbase;
                else if (mu->base_unique && strlen(mu->base) >= 8 && within_one(buf, mu->base))
                    k = mu->nbase, fuzzy = 0.8;
            }
            if (!k) continue;
            /* the whole name, not the start of a longer word or name ("Bergen op Zoom") */
            int longer = 0;
            for (size_t o = 0; o < nmunis && !longer; o++)
                if (o != m && munis[o].nfull > k &&
                    strncmp(munis[o].full, mu->full, strlen(mu->full)) == 0) {
                    window(t, i, munis[o].nfull, buf, sizeof buf);
                    longer = strcmp(buf, munis[o].full) == 0;
                }
            if (longer) continue;
            score[m] += fuzzy * mention_weight(doc, t, i, k, mu);
        }
    }
    /* aliases share their municipality's code: their score counts for it */
    for (size_t a = n_cbs; a < nmunis; a++)
        for (size_t m = 0; m < n_cbs; m++)
            if (strcmp(munis[m].code, munis[a].code) == 0) score[m] += score[a];
    size_t best = SIZE_MAX;
    double best_score = 0, second = 0;
    for (size_t m = 0; m < n_cbs; m++) {
        if (score[m] > best_score) {
            second = best_score;
            best_score = score[m];
            best = m;
        } else if (score[m] > second) {
            second = score[m];
        }
    }
    free(score);
    /* Clearly the document's own: one strong mention (or several weak ones), and at
     * least twice the weight of any other municipality. */
    if (best == SIZE_MAX || best_score < 3 || best_score < 2 * second) return;
    res->muni_code = arena_strdup(&res->arena, munis[best].code);
    res->muni_name = arena_strdup(&res->arena, munis[best].name);
}
