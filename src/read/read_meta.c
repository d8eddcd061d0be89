/* read_meta.c: the document's facts: municipality, genre, date, references, decisions,
 * and the same letter dated differently in two places (placeholder). */
#include "read.h"

void read_meta(const ReadDoc *doc, const char *muni_code, ReadResult *res)
{
    (void)doc, (void)muni_code, (void)res;
}
