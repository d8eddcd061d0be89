/* read_internal.h: what the format readers of src/read/ share (not for other layers). */
#ifndef POK_READ_INTERNAL_H
#define POK_READ_INTERNAL_H

#include "read.h"

/* Each reader fills doc from the whole file in memory; returns 0 or -1 with err naming
 * doc->file and what is wrong. */
int read_text(ReadDoc *doc, const unsigned char *data, size_t len, PokErr *err);
int read_pdf(ReadDoc *doc, const unsigned char *data, size_t len, const ReadLimits *lim,
             PokErr *err);
int read_office(ReadDoc *doc, const unsigned char *data, size_t len, const ReadLimits *lim,
                PokErr *err);
int read_image(ReadDoc *doc, const unsigned char *data, size_t len, const ReadLimits *lim,
               PokErr *err);

#endif
