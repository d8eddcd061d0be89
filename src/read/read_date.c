/* read_date.c: the document's own date. Candidates, strongest first:
 *   - a date field: "Datum: 18 maart 2024", or "Datum" as a label with the date on one of
 *     the next lines (a letterhead laid out in columns);
 *   - the meeting that dealt with the document: "Behandeld in B&W-vergadering: 28 mei
 *     2024", "datum collegevergadering: 26 maart 2024", "Vergaderdatum";
 *   - the signing line: "Hillegom, 18 maart 2024" (a place, a comma, a date, nothing else).
 * Which wins (docs/read.md): for a collegebesluit the college meeting, because the
 * decision is taken there; for every other genre the date field, which is the date the
 * document carries (a raadsinformatiebrief dated 18 March and discussed by the college on
 * 26 March is of 18 March); then the signing line. Dates in the running text (decisions
 * and letters the document cites, later meetings) are never the document's own. */
#include "read_meta.h"

#include "../dutch_time.h"

#include <string.h>

enum { CAND_NONE = 0, CAND_SIGNING, CAND_MEETING, CAND_FIELD };

/* Labels of a meeting date, folded; they are tried before the plain "datum". */
static const char *const meeting_labels[] = {"behandeld in b w vergadering",
                                             "behandeld in de b w vergadering",
                                             "datum collegevergadering",
                                             "collegevergadering",
                                             "datum b w vergadering",
                                             "b w vergadering",
                                             "vergaderdatum",
                                             "datum vergadering",
                                             "datum raadsvergadering",
                                             "raadsvergadering"};

/* The text after a label at the start of the folded line f, or NULL. */
static int starts_with_label(const char *f, const char *label)
{
    size_t n = strlen(label);
    return strncmp(f, label, n) == 0 && (f[n] == '\0' || f[n] == ' ');
}

/* The first date on line i, or on one of the next three lines with text when the label
 * stands alone on its line. */
static int date_after_label(const ReadDoc *doc, size_t i, int alone, char iso[11])
{
    MetaDate d[1];
    if (meta_line_dates(doc, i, d, 1)) {
        memcpy(iso, d[0].iso, 11);
        return 1;
    }
    if (!alone) return 0;
    int seen = 0;
    for (size_t j = i + 1; j < doc->nlines && seen < 3; j++) {
        const char *s = doc->lines[j].text;
        while (*s == ' ' || *s == '*') s++;
        if (!*s) continue;
        seen++;
        if (date_nl_parse(s, iso)) return 1;
    }
    return 0;
}

void meta_date(const ReadDoc *doc, ReadResult *res)
{
    char best[CAND_FIELD + 1][11] = {{0}};
    char f[2048];
    for (size_t i = 0; i < doc->nlines; i++) {
        meta_fold(doc->lines[i].text, f, sizeof f, 1);
        if (!f[0]) continue;
        char iso[11];
        int kind = CAND_NONE;
        int meeting = 0;
        for (size_t m = 0; m < sizeof meeting_labels / sizeof *meeting_labels; m++)
            if (starts_with_label(f, meeting_labels[m])) meeting = 1;
        /* "Datum" may follow other labels on a line laid out in columns ("Aan de leden
         * Datum"): the label is the line's last word then. */
        size_t n = strlen(f);
        int datum_last = n >= 5 && strcmp(f + n - 5, "datum") == 0 && (n == 5 || f[n - 6] == ' ');
        if (meeting) {
            if (date_after_label(doc, i, 0, iso)) kind = CAND_MEETING;
        } else if (starts_with_label(f, "datum") || starts_with_label(f, "d d") || datum_last) {
            /* alone: the label without its value ("Datum", "Datum  Ons kenmerk" over a
             * row of values): the date is on one of the next lines */
            int alone = strcmp(f, "datum") == 0 || datum_last || !strpbrk(f, "0123456789");
            if (date_after_label(doc, i, alone, iso)) kind = CAND_FIELD;
        } else {
            /* the signing line: words, a comma, a date, and nothing more */
            const char *s = doc->lines[i].text;
            const char *comma = strchr(s, ',');
            if (comma && comma - s < 40 && comma > s) {
                const char *d = comma + 1;
                while (*d == ' ') d++;
                size_t used = date_nl_parse(d, iso);
                if (used) {
                    const char *rest = d + used;
                    while (*rest == ' ' || *rest == '.') rest++;
                    int words_only = 1;
                    for (const char *p = s; p < comma; p++)
                        if (*p >= '0' && *p <= '9') words_only = 0;
                    if (!*rest && words_only) kind = CAND_SIGNING;
                }
            }
        }
        if (kind && !best[kind][0]) memcpy(best[kind], iso, 11);
    }
    int collegebesluit = res->genre && strcmp(res->genre, "collegebesluit") == 0;
    const int order_college[] = {CAND_MEETING, CAND_FIELD, CAND_SIGNING};
    const int order_other[] = {CAND_FIELD, CAND_MEETING, CAND_SIGNING};
    const int *order = collegebesluit ? order_college : order_other;
    for (int k = 0; k < 3; k++)
        if (best[order[k]][0]) {
            memcpy(res->date, best[order[k]], 11);
            return;
        }
}
