/* read_meta.c: the document's facts: municipality (read_municipality.c), genre
 * (read_genre.c), its own date (read_date.c), references (read_refs.c), the POK
 * decisions it names (read_decisions.c), and the same letter, meeting or decision dated
 * differently in two places (read_datecheck.c). The date needs the genre (a
 * collegebesluit is dated by its meeting) and the document's own decision its date, so
 * the order is fixed. */
#include "read_meta.h"

void read_meta(const ReadDoc *doc, const char *muni_code, ReadResult *res)
{
    MetaText t;
    meta_text_build(doc, &t);
    meta_municipality(doc, &t, muni_code, res);
    meta_text_free(&t);
    meta_genre(doc, res);
    meta_date(doc, res);
    meta_references(doc, res);
    meta_decisions(doc, res);
    meta_date_check(doc, res);
}
