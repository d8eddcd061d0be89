/* table_frame.h: the frame every HTML table of pok is written in. A wide table scrolls
 * inside a container of its own, so it never widens the page (at 390 px the page itself
 * never scrolls sideways); pok.css keeps the table's first column in view while the rest
 * scrolls. A container that scrolls must be reachable with the keyboard and say what it
 * holds (WCAG 2.1.1, axe "scrollable-region-focusable"): tabindex 0 and the caption as
 * its name. */
#ifndef POK_TABLE_FRAME_H
#define POK_TABLE_FRAME_H

#include "../util.h"

/* The container, <table class="utrecht-table"> (also of class table_class and with
 * id="table_id", each unless NULL) and its caption; the caller writes thead/tbody/tfoot
 * and then table_frame_close. */
void table_frame_open(Buf *b, const char *caption, const char *table_id, const char *table_class);
void table_frame_close(Buf *b);

#endif
