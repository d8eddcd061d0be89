/* embedded.h: data files compiled into the binary (see scripts/embed.sh). */
#ifndef POK_EMBEDDED_H
#define POK_EMBEDDED_H

#include <stddef.h>

/* The text of an embedded file by base name, or NULL. */
const char *embedded_file(const char *name, size_t *len);

#endif
