/* assets.h: the files pok serve sends under /static/, compiled into the binary by
 * scripts/embed_assets.sh (build/gen/assets.c): the NL Design System CSS and pok.css. */
#ifndef POK_ASSETS_H
#define POK_ASSETS_H

#include <stddef.h>

typedef struct WebAsset {
    const char *name;         /* "pok.css": served as /static/pok.css */
    const char *content_type; /* a literal */
    const char *data;
    size_t len;
    const char *version; /* checksum of data; URLs with ?v=version are cached for a year */
} WebAsset;

/* Terminated by an entry with name NULL. */
extern const WebAsset web_assets[];
/* 0 when node_modules was missing at build time: utrecht.css is then only a note. */
extern const int web_assets_have_nlds;

/* The asset called name, or NULL. */
const WebAsset *web_asset(const char *name);

#endif
