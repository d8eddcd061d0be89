/* read_analyse.c: a ReadDoc into a ReadResult: the document's facts (read_meta.c), then its
 * amounts and their arithmetic (read_amounts.c). */
#include "read.h"

#include <string.h>

int read_analyse(const ReadDoc *doc, const char *muni_code, ReadResult *res, PokErr *err)
{
    (void)err;
    memset(res, 0, sizeof *res);
    res->genre = "overig";
    read_meta(doc, muni_code, res);
    read_amounts(doc, res);
    return 0;
}
