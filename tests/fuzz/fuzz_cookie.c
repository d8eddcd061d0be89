/* fuzz_cookie.c: cookie_get (src/web/cookie.c) over arbitrary Cookie headers never
 * crashes or writes past out; a value it returns fits, holds no control character or
 * quote, and occurs in the header; a cookie appended in clean form is always found when
 * the header holds no cookie of that name before it. The first input byte picks the name
 * and the size of out, the rest is the header. */
#include "web/cookie.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {"pok_sessie", "a", "pok_csrf", "x y"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    const char *name = names[data[0] & 3];
    size_t out_size = 1 + (data[0] >> 2); /* 1..64 */
    char *header = malloc(size + 64);
    if (!header) return 0;
    memcpy(header, data + 1, size - 1);
    header[size - 1] = '\0';

    char *out = malloc(out_size); /* exact size: ASan sees any overflow */
    if (!out) {
        free(header);
        return 0;
    }
    if (cookie_get(header, name, out, out_size) == 0) {
        size_t len = strlen(out);
        if (len >= out_size) abort();
        for (size_t i = 0; i < len; i++)
            if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f || out[i] == '"') abort();
        if (!strstr(header, out)) abort();
    } else {
        /* Not found (or refused) in header: then appending "; name=v" must find "v" unless
         * an earlier cookie of that name was refused (the first one counts). */
        size_t hlen = strlen(header);
        if (!strstr(header, name) && out_size >= 2) {
            memcpy(header + hlen, "; ", 2);
            memcpy(header + hlen + 2, name, strlen(name));
            memcpy(header + hlen + 2 + strlen(name), "=v", 3);
            if (cookie_get(header, name, out, out_size) != 0 || strcmp(out, "v") != 0) abort();
        }
    }
    if (cookie_get(NULL, name, out, out_size) != -1) abort();
    free(out);
    free(header);
    return 0;
}
