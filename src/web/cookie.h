/* cookie.h: reading one cookie from a Cookie request header (RFC 6265 section 5.4 syntax,
 * "a=1; b=2"), robust to any malformed input. */
#ifndef POK_COOKIE_H
#define POK_COOKIE_H

#include <stddef.h>

/* Copy the value of the first cookie called name in header into out (size out_size,
 * NUL-terminated; surrounding double quotes removed). Returns 0 when found, -1 when
 * header is NULL, the cookie is absent, or its value does not fit or holds a control
 * character. */
int cookie_get(const char *header, const char *name, char *out, size_t out_size);

#endif
