/* cookie.c: see cookie.h. */
#include "cookie.h"

#include <string.h>

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

int cookie_get(const char *header, const char *name, char *out, size_t out_size)
{
    if (!header || !name || !out || out_size == 0) return -1;
    size_t name_len = strlen(name);
    const char *p = header;
    while (*p) {
        while (is_space(*p) || *p == ';') p++;
        const char *pair = p;
        size_t len = strcspn(p, ";");
        p += len;
        const char *eq = memchr(pair, '=', len);
        if (!eq) continue;
        const char *key_end = eq;
        while (key_end > pair && is_space(key_end[-1])) key_end--;
        if ((size_t)(key_end - pair) != name_len || memcmp(pair, name, name_len) != 0) continue;
        const char *v = eq + 1, *v_end = pair + len;
        while (v < v_end && is_space(*v)) v++;
        while (v_end > v && is_space(v_end[-1])) v_end--;
        if (v_end - v >= 2 && v[0] == '"' && v_end[-1] == '"') v++, v_end--;
        size_t vlen = (size_t)(v_end - v);
        if (vlen >= out_size) return -1;
        for (size_t i = 0; i < vlen; i++)
            if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f || v[i] == '"') return -1;
        memcpy(out, v, vlen);
        out[vlen] = '\0';
        return 0;
    }
    return -1;
}
