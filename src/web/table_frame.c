/* table_frame.c: see table_frame.h. */
#include "table_frame.h"

#include "html.h"

void table_frame_open(Buf *b, const char *caption, const char *table_id, const char *table_class)
{
    /* role group, not region: a region is a landmark, and two tables with the same
     * caption on one page would make two landmarks of the same name */
    html_lit(b, "<div class=\"table-scroll\" role=\"group\" tabindex=\"0\" aria-label=\"");
    html_attr(b, caption);
    html_lit(b, "\"><table class=\"utrecht-table");
    if (table_class) {
        html_lit(b, " ");
        html_attr(b, table_class);
    }
    html_lit(b, "\"");
    if (table_id) {
        html_lit(b, " id=\"");
        html_attr(b, table_id);
        html_lit(b, "\"");
    }
    html_printf(b, ">\n<caption class=\"utrecht-table__caption\">%s</caption>\n", caption);
}

void table_frame_close(Buf *b)
{
    html_lit(b, "</table></div>\n");
}
