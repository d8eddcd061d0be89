/* read_kind.c: the kind of an amount from the words around it, as tables of Dutch council
 * vocabulary (docs/read.md, "Kinds of amount"). The first rule whose words occur wins, so
 * the table is ordered from the most specific (a total, a reserve movement) to the most
 * general (money the municipality has). */
#include "read_amounts.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct KindRule {
    ReadKind kind;
    const char *words[24]; /* word stems: a match starts at a word boundary */
    const char *with;      /* also needed in the text (NULL: nothing) */
    int negatable;         /* "niet" before it in the text undoes it */
} KindRule;

static const KindRule rules[] = {
    {READ_TOTAL, {"totaal", "totale", "subtotaal", "in totaal", "opgeteld", NULL}, NULL, 0},
    {READ_RESERVE_WITHDRAWAL,
     {"onttrek", "ontrek", "putten uit", "uit de bestemmingsreserve", "uit de reserve", NULL},
     NULL,
     0},
    {READ_RESERVE_DEPOSIT,
     {"storting", "storten", "toevoeging", "toevoegen", "toegevoegd", "dotatie", "gestort", NULL},
     "reserve",
     0},
    {READ_RESERVE_DEPOSIT, {"overheveling naar", "overhevelen naar", NULL}, "reserve", 0},
    {READ_RESERVE_BALANCE,
     {"restant", "saldo", "stand", "beginsaldo", "eindsaldo", "resteert", "over in", "bedroeg",
      "bedraagt", "stond", NULL},
     "reserve",
     0},
    {READ_OTHER,
     {"restant", "saldo", "verschil", "niet verdeeld", "nog te verdelen", "resteert", "onbesteed",
      "krediet", "ozb", "leges", "buiten de pok", "overige posten", "los van de pok",
      "minder uitgegeven", "meer uitgegeven", "dan begroot", "onderschrijding", "overschrijding",
      NULL},
     NULL,
     0},
    {READ_REQUEST, {"verzoek", "vraagt", "verzocht", "aanvraag", "vraagt om", NULL}, NULL, 0},
    {READ_REALISATION,
     {"realisatie", "gerealiseerd", "besteed", "uitgegeven", "ingezet", "werkelijk", "verantwoord",
      NULL},
     NULL,
     1},
    {READ_PLAN,
     {"begroot", "geraamd", "raming", "inzetten", "inzet", "bestedingsdoel", "bestedingsplan",
      "uitgaven", "lasten", "kosten", "wijziging", "besteden", "uitbreiding", "implementatie",
      "nodig", "zetten", "bijdrage", "subsidie", NULL},
     NULL,
     0},
    {READ_ALLOCATION,
     {"ontvangt", "ontvangen", "toegekend", "toekenning", "beschikbaar", "circulaire", "middelen",
      "uitkering", "rijksbijdrage", "budget", "krijgen", "gelden", "baten", NULL},
     NULL,
     0},
};

const char *amt_find_word(const char *hay, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = hay; (p = strcasestr(p, word)) != NULL; p++) {
        int boundary = p == hay || !isalpha((unsigned char)p[-1]);
        /* compounds: "bestemmingsreserve", "Pokmiddelen", "POK-gelden" */
        if (boundary || strcmp(word, "reserve") == 0 || strcmp(word, "middelen") == 0 ||
            strcmp(word, "gelden") == 0 || strcmp(word, "circulaire") == 0 ||
            strcmp(word, "budget") == 0)
            return p;
        (void)n;
    }
    return NULL;
}

static int negated_before(const char *text, const char *at)
{
    /* "niet" within the four words before the match, or right after ("niet zijn ingezet") */
    const char *n = text;
    while ((n = amt_find_word(n, "niet")) != NULL && n < at) {
        if (at - n < 40) return 1;
        n += 4;
    }
    return 0;
}

int amt_kind_of(const char *text)
{
    if (!text) return -1;
    for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
        if (rules[r].with && !amt_find_word(text, rules[r].with)) continue;
        for (size_t w = 0; rules[r].words[w]; w++) {
            const char *at = amt_find_word(text, rules[r].words[w]);
            if (!at) continue;
            if (rules[r].negatable && negated_before(text, at)) continue;
            return (int)rules[r].kind;
        }
    }
    return -1;
}

int amt_is_total_label(const char *label)
{
    static const char *const words[] = {"totaal", "totale", "subtotaal", "generaal", NULL};
    for (size_t w = 0; words[w]; w++) {
        const char *at = amt_find_word(label, words[w]);
        /* "totaal" as the row's own name, not inside a longer description */
        if (at && at - label < 12) return strcmp(words[w], "subtotaal") == 0 ? 2 : 1;
    }
    return 0;
}

int amt_coverage_side(const char *label)
{
    if (!amt_is_total_label(label)) return 0;
    if (amt_find_word(label, "dekking") || amt_find_word(label, "dekkingsmiddelen")) return 1;
    static const char *const spend[] = {"uitgaven",    "lasten",    "kosten",
                                        "bestedingen", "besteding", NULL};
    for (size_t w = 0; spend[w]; w++)
        if (amt_find_word(label, spend[w])) return 2;
    return 0;
}

int amt_actielijn_of_label(const char *label)
{
    const char *p = label;
    while (*p == ' ' || *p == '|') p++;
    if (strncasecmp(p, "actielijn", 9) == 0) {
        p += 9;
        while (*p == ' ') p++;
    }
    if (*p >= '1' && *p <= '8' && !isdigit((unsigned char)p[1]) &&
        (p[1] == '.' || p[1] == ' ' || p[1] == ')') && p[2] != 0 && !isdigit((unsigned char)p[2]))
        return *p - '0';
    return 0;
}

int amt_euro_context(const char *text, int *thousands)
{
    int euro = 0;
    if (strstr(text, "\xe2\x82\xac") || amt_find_word(text, "euro") ||
        amt_find_word(text, "bedrag") || amt_find_word(text, "EUR"))
        euro = 1;
    /* "x € 1.000", "(x 1.000)", "bedragen x 1000", "in duizenden euro" */
    const char *x = text;
    while ((x = strstr(x, "x ")) != NULL || (x && 0)) {
        const char *p = x + 2;
        if (strncmp(p, "\xe2\x82\xac", 3) == 0) p += 3;
        while (*p == ' ') p++;
        if (strncmp(p, "1.000", 5) == 0 || strncmp(p, "1000", 4) == 0) {
            *thousands = 1;
            euro = 1;
            break;
        }
        x += 2;
    }
    if (amt_find_word(text, "duizenden euro")) *thousands = euro = 1;
    /* a table about money: its bare numbers are euros */
    static const char *const money_words[] = {"reserve",    "lasten",    "baten",       "dekking",
                                              "begroting",  "middelen",  "budget",      "kosten",
                                              "uitgaven",   "financi",   "bestedingen", "saldo",
                                              "circulaire", "uitkering", NULL};
    for (size_t w = 0; !euro && money_words[w]; w++)
        if (amt_find_word(text, money_words[w]) || strcasestr(text, money_words[w])) euro = 1;
    return euro;
}

/* The circulaires fund actielijn 5 (impuls integraal werken) in 2021-2023 only; the
 * other gemeentefonds actielijnen run to 2027. */
int amt_actielijn_years(int n, int *first, int *last)
{
    static const struct {
        int n, first, last;
    } spans[] = {{5, 2021, 2023}};
    for (size_t k = 0; k < sizeof spans / sizeof spans[0]; k++)
        if (spans[k].n == n) {
            *first = spans[k].first;
            *last = spans[k].last;
            return 1;
        }
    return 0;
}

/* The names of the actielijnen as council documents write them (domain.md). */
static const struct {
    int n;
    const char *words[4];
} actielijn_names[] = {
    {1, {"digitale overheid", "informatiepunt", NULL}},
    {2, {"rechtsbescherming", "robuust", NULL}},
    {3, {"systeemleren", "leervermogen", NULL}},
    {4, {"wijkteam", NULL}},
    {5, {"integraal werken", "impuls", NULL}},
    {6, {"gezinsbescherming", NULL}},
    {7, {"verward", NULL}},
    {8, {"ondersteuningsprogramma", NULL}},
};

int amt_actielijn_named(const char *label, int n)
{
    for (size_t k = 0; k < sizeof actielijn_names / sizeof actielijn_names[0]; k++)
        if (actielijn_names[k].n == n)
            for (size_t w = 0; actielijn_names[k].words[w]; w++)
                if (strcasestr(label, actielijn_names[k].words[w])) return 1;
    return 0;
}

int amt_counts_label(const char *label)
{
    static const char *const words[] = {"aantal",     "fte",     "uren",       "uur",
                                        "personen",   "procent", "percentage", "inwoners",
                                        "deelnemers", NULL};
    for (size_t w = 0; words[w]; w++)
        if (amt_find_word(label, words[w])) return 1;
    return strchr(label, '%') != NULL;
}

int amt_part_of_above(const char *label)
{
    static const char *const words[] = {"waarvan", "w.v.", "hiervan", "daarvan", NULL};
    const char *p = label;
    while (*p == ' ' || *p == '-') p++;
    for (size_t w = 0; words[w]; w++)
        if (strncasecmp(p, words[w], strlen(words[w])) == 0) return 1;
    return 0;
}

int amt_kind_near(const char *text, size_t pos)
{
    int best = -1;
    size_t best_at = 0;
    for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
        if (rules[r].with && !amt_find_word(text, rules[r].with)) continue;
        for (size_t w = 0; rules[r].words[w]; w++)
            for (const char *at = text; (at = amt_find_word(at, rules[r].words[w])) != NULL; at++) {
                size_t off = (size_t)(at - text);
                if (off >= pos) break;
                if (rules[r].negatable && negated_before(text, at)) continue;
                if (best < 0 || off > best_at) {
                    best = (int)rules[r].kind;
                    best_at = off;
                }
            }
    }
    return best;
}

int amt_other_scheme(const char *text)
{
    static const char *const words[] = {
        "ozb",           "krediet",     "leges", "buiten de pok", "los van de pok",
        "reserve jeugd", "reserve wmo", NULL};
    for (size_t w = 0; words[w]; w++)
        if (amt_find_word(text, words[w])) return 1;
    return 0;
}
