/* read_genre.c: what kind of document it is, from its own title and structure words,
 * weighed: a word in the head of the document (the first lines of page 1, where title
 * and letterhead fields are) counts fully, elsewhere a quarter, and title words that a
 * body names in passing ("de jaarrekening 2022", "de decembercirculaire") count only in
 * the head. The genre with the most weight wins when it has enough; otherwise "overig".
 *
 * Convention (docs/read.md, settled with the truth files of tests/read/): the document's
 * own name for itself wins. A note that calls itself an adviesnota ("Adviesnota aan het
 * college", "steller van deze adviesnota") is an adviesnota, also when it carries the
 * college's decision (seed 001); a college document that records the decision without
 * calling itself so ("Het college van burgemeester en wethouders besluit:", "Besluit
 * B&W", "Behandeld in B&W-vergadering", seed 000) is a collegebesluit. */
#include "read_meta.h"

#include <string.h>

typedef struct GenreCue {
    const char *phrase; /* folded, words only */
    const char *genre;
    int weight;
    int head_only;  /* a title word: only in the head counts */
    int line_start; /* only at the start of a line (a title or a field label) */
} GenreCue;

static const GenreCue cues[] = {
    {"raadsinformatiebrief", "raadsinformatiebrief", 10, 0, 0},
    {"raadsbrief", "raadsinformatiebrief", 6, 0, 0},
    {"raadsmededeling", "raadsinformatiebrief", 8, 1, 0},
    {"raadsmemo", "raadsinformatiebrief", 8, 1, 0},
    {"informatienota", "raadsinformatiebrief", 6, 1, 1},
    {"memo aan de raad", "raadsinformatiebrief", 6, 1, 1},
    {"collegebrief", "raadsinformatiebrief", 6, 1, 1},
    {"informatiebrief aan de raad", "raadsinformatiebrief", 8, 0, 0},
    {"aan de raad van de gemeente", "raadsinformatiebrief", 4, 1, 1},
    {"aan de gemeenteraad", "raadsinformatiebrief", 3, 1, 1},
    {"raadsvoorstel", "raadsvoorstel", 10, 0, 0},
    {"voorstel aan de raad", "raadsvoorstel", 8, 1, 0},
    {"te nemen besluit", "raadsvoorstel", 6, 1, 1},
    {"voorgesteld besluit", "raadsvoorstel", 3, 1, 1},
    {"gevraagd besluit", "raadsvoorstel", 5, 1, 1},
    {"ontwerpbesluit", "raadsvoorstel", 4, 1, 0},
    {"besluit de raad", "raadsvoorstel", 4, 0, 0},
    {"voorstel aan de gemeenteraad", "raadsvoorstel", 8, 1, 0},
    {"wij stellen u voor", "raadsvoorstel", 4, 1, 0},
    {"de raad wordt voorgesteld", "raadsvoorstel", 4, 1, 0},
    {"de raad besluit", "raadsvoorstel", 4, 0, 0},
    {"raadsbesluit", "raadsvoorstel", 4, 0, 0},
    {"collegebesluit", "collegebesluit", 10, 0, 0},
    {"collegevoorstel", "collegebesluit", 6, 1, 0},
    {"besluit burgemeester en wethouders", "collegebesluit", 6, 1, 0},
    {"besluit van burgemeester en wethouders", "collegebesluit", 6, 1, 0},
    {"burgemeester en wethouders besluit", "collegebesluit", 6, 1, 0},
    {"burgemeester en wethouders besluiten", "collegebesluit", 6, 1, 0},
    {"het college besluit", "collegebesluit", 5, 1, 0},
    {"besluit b w", "collegebesluit", 4, 0, 1},
    {"behandeld in b w vergadering", "collegebesluit", 4, 0, 1},
    {"b w besluit", "collegebesluit", 4, 0, 1},
    {"adviesnota", "adviesnota", 4, 0, 0},
    {"adviesnota", "adviesnota", 8, 1, 1},
    {"deze adviesnota", "adviesnota", 8, 1, 0},
    {"advies aan het college", "adviesnota", 4, 1, 0},
    {"collegeadvies", "adviesnota", 6, 1, 1},
    {"programmabegroting", "begroting", 8, 1, 0},
    {"begroting", "begroting", 6, 1, 1},
    {"ontwerpbegroting", "begroting", 6, 1, 1},
    {"begrotingswijziging", "begroting", 6, 1, 1},
    {"meerjarenbegroting", "begroting", 6, 1, 1},
    {"jaarrekening", "jaarrekening", 8, 1, 1},
    {"programmarekening", "jaarrekening", 8, 1, 1},
    {"jaarverslag", "jaarrekening", 6, 1, 1},
    {"jaarstukken", "jaarrekening", 8, 1, 1},
    {"ledenbrief", "ledenbrief", 10, 0, 0},
    {"lbr", "ledenbrief", 6, 1, 0},
    {"aan de leden", "ledenbrief", 5, 1, 1},
    {"geachte leden van college en gemeenteraad", "ledenbrief", 4, 1, 0},
    {"circulaire gemeentefonds", "circulaire", 8, 1, 1},
    {"meicirculaire", "circulaire", 6, 1, 1},
    {"septembercirculaire", "circulaire", 6, 1, 1},
    {"decembercirculaire", "circulaire", 6, 1, 1},
    {"circulaire", "circulaire", 5, 1, 1},
};

/* The head: the first lines of page 1 with text. */
#define HEAD_LINES 30

void meta_genre(const ReadDoc *doc, ReadResult *res)
{
    static const char *const genres[] = {
        "raadsvoorstel", "raadsinformatiebrief", "collegebesluit", "adviesnota",
        "begroting",     "jaarrekening",         "ledenbrief",     "circulaire"};
    enum { NG = sizeof genres / sizeof *genres };
    double score[NG] = {0};
    int seen[sizeof cues / sizeof *cues] = {0}; /* each cue counts once in the head */
    int text_lines = 0;
    char f[2048];
    for (size_t i = 0; i < doc->nlines; i++) {
        const ReadLine *l = &doc->lines[i];
        meta_fold(l->text, f, sizeof f, 1);
        if (!f[0]) continue;
        int head = l->page == 1 && text_lines < HEAD_LINES;
        text_lines++;
        for (size_t c = 0; c < sizeof cues / sizeof *cues; c++) {
            const GenreCue *cue = &cues[c];
            if (cue->head_only && !head) continue;
            if (cue->line_start) {
                size_t n = strlen(cue->phrase);
                if (strncmp(f, cue->phrase, n) != 0 || (f[n] && f[n] != ' ')) continue;
            } else if (!meta_has_phrase(f, cue->phrase)) {
                continue;
            }
            double w = head ? cue->weight : cue->weight * 0.25;
            if (head && seen[c]) continue;
            if (head) seen[c] = 1;
            for (int g = 0; g < NG; g++)
                if (!strcmp(genres[g], cue->genre)) score[g] += w;
        }
    }
    int best = -1;
    for (int g = 0; g < NG; g++)
        if (score[g] >= 4 && (best < 0 || score[g] > score[best])) best = g;
    res->genre = best < 0 ? "overig" : genres[best];
}
