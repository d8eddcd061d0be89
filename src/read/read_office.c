/* read_office.c: DOCX and ODT (placeholder until the office reader lands). */
#include "read_internal.h"

int read_office(ReadDoc *doc, const unsigned char *data, size_t len, const ReadLimits *lim,
                PokErr *err)
{
    (void)data, (void)len, (void)lim;
    return err_set(err, "%s: DOCX en ODT worden nog niet gelezen", doc->file);
}
