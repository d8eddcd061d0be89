/* layout.h: the frame every HTML page shares (head, header, main, footer) and the
 * stylesheet pok serves at /static/pok.css. */
#ifndef POK_LAYOUT_H
#define POK_LAYOUT_H

#include "../util.h"

/* Start a page: doctype, <html lang="nl">, head with title and stylesheet, the site
 * header, and open <main>. title is data and is escaped. */
void layout_begin(Buf *b, const char *title);
/* Close <main>, add the footer, close the document. */
void layout_end(Buf *b);

/* The stylesheet, served by static_css. */
extern const char layout_css[];

#endif
