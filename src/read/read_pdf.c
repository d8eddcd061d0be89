/* read_pdf.c: PDF through MuPDF (placeholder until the MuPDF reader lands). */
#include "read_internal.h"

int read_pdf(ReadDoc *doc, const unsigned char *data, size_t len, const ReadLimits *lim,
             PokErr *err)
{
    (void)data, (void)len, (void)lim;
    return err_set(err, "%s: PDF wordt nog niet gelezen", doc->file);
}

int read_image(ReadDoc *doc, const unsigned char *data, size_t len, const ReadLimits *lim,
               PokErr *err)
{
    (void)data, (void)len, (void)lim;
    return err_set(err, "%s: afbeeldingen worden nog niet gelezen", doc->file);
}
