/* read_text.c: plain text (UTF-8) as it is: one ReadLine per line, a form feed starts a
 * new page. */
#include "read_internal.h"

#include "../text.h"

#include <string.h>

int read_text(ReadDoc *doc, const unsigned char *data, size_t len, PokErr *err)
{
    if (!text_utf8_valid((const char *)data, len))
        return err_set(err,
                       "%s: geen document: het is geen PDF, DOCX, ODT, afbeelding of "
                       "tekst (UTF-8)",
                       doc->file);
    int page = 1, any = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || data[i] == '\n' || data[i] == '\f') {
            size_t end = i;
            if (end > start && data[end - 1] == '\r') end--;
            if (i < len || end > start) {
                read_doc_add_text(doc, page, (const char *)data + start, end - start);
                if (end > start) any = 1;
            }
            if (i < len && data[i] == '\f') page++;
            start = i + 1;
        }
    }
    if (!any) return err_set(err, "%s: het bestand bevat geen tekst", doc->file);
    return 0;
}
