/* layout.h: the frame every HTML page shares (head with the stylesheets, header, main,
 * footer). The stylesheets themselves are embedded assets, see assets.h. */
#ifndef POK_LAYOUT_H
#define POK_LAYOUT_H

#include "../util.h"

/* Start a page: doctype, <html lang="nl">, head with title and stylesheets, the site
 * header, and open <main>. title is data and is escaped. */
void layout_begin(Buf *b, const char *title);
/* Close <main>, add the footer, close the document. */
void layout_end(Buf *b);

#endif
