/* read_meta.h: what the parts of read_meta (municipality, genre, date, references,
 * decisions, the date check) share: folded text, the document as a stream of words, the
 * dates in a line. Internal to src/read/. */
#ifndef POK_READ_META_H
#define POK_READ_META_H

#include "read.h"

#include <stddef.h>

/* s folded for matching: ASCII lower case, the accented Latin letters of Dutch and
 * Frisian names without their accent ("Financién" -> "financien"), into out (at most
 * cap - 1 bytes). Other bytes are kept; with words_only every run of what is not a
 * letter or digit becomes one space and the ends are trimmed. Returns the length. */
size_t meta_fold(const char *s, char *out, size_t cap, int words_only);

/* The document as a stream of words across its lines: each word folded (letters and
 * digits only), with the line it is on (index into doc->lines), whether it started
 * with a capital in the document, and whether punctuation or a line break came before
 * it (so "Metropool Amsterdam" is one name, "aan: de raad" a field). */
typedef struct MetaWord {
    const char *w;
    size_t line;
    int upper;
    int brk;   /* a line break, or punctuation other than a hyphen, before it */
    int punct; /* punctuation other than a hyphen before it (a clause ends there) */
} MetaWord;

typedef struct MetaText {
    Arena arena;
    MetaWord *words;
    size_t n, cap;
} MetaText;

void meta_text_build(const ReadDoc *doc, MetaText *t);
void meta_text_free(MetaText *t);

/* A date found in a line: where it starts in the line's text, its length and the date.
 * A date whose year is on the next line ("brief d.d. 24 april" / "2024)") is found too,
 * with continued set (len then covers only this line's part). */
typedef struct MetaDate {
    size_t off, len;
    char iso[11];
    int continued;
} MetaDate;

/* The dates in line i of doc, in order, at most max; returns how many. */
size_t meta_line_dates(const ReadDoc *doc, size_t i, MetaDate *out, size_t max);

/* Whether the folded text f holds the folded word or phrase p on word boundaries. */
int meta_has_phrase(const char *f, const char *p);

/* The parts, in the order read_meta runs them. */
void meta_municipality(const ReadDoc *doc, const MetaText *t, const char *muni_code,
                       ReadResult *res);
void meta_genre(const ReadDoc *doc, ReadResult *res);
void meta_date(const ReadDoc *doc, ReadResult *res);
void meta_references(const ReadDoc *doc, ReadResult *res);
void meta_decisions(const ReadDoc *doc, ReadResult *res);
void meta_date_check(const ReadDoc *doc, ReadResult *res);

/* The name of a CBS code ("GM0164" -> "Hengelo (O.)"), or NULL when pok's list does not
 * have it. */
const char *meta_municipality_name(const char *code);

#endif
