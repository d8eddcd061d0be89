/* read_amounts.c: every POK amount of the document and the checks of its arithmetic
 * (placeholder). */
#include "read.h"

void read_amounts(const ReadDoc *doc, ReadResult *res)
{
    (void)doc, (void)res;
}
