/* page_read.h: "Document inlezen", a council document read in the web (docs/read.md,
 * "In de webinterface"):
 *   GET|POST /gemeente/CODE/document/inlezen   the upload form; the post reads the file
 *       and answers with its text (amounts marked), findings and, for an editor, the
 *       proposed records as a form. A reader (CAP_READ) gets the same page without the
 *       form, and nothing is kept, not even the file;
 *   POST /gemeente/CODE/document/opslaan        (CAP_EDIT) stores the ticked proposals and
 *       the document as a source in one transaction, then back to the municipality.
 * page_read.c holds the handlers, page_read_view.c the read page. */
#ifndef POK_PAGE_READ_H
#define POK_PAGE_READ_H

#include "../read/read_propose.h"
#include "form.h"
#include "upload.h"

void page_read_upload(WebApp *app, const WebRequest *req, WebResponse *res);
void page_read_accept(WebApp *app, const WebRequest *req, WebResponse *res);

/* The read page's body (page_read_view.c): the document's facts, its lines by page with
 * the amounts marked and the findings after the lines they quote, and, when set is not
 * NULL, the proposals form posting to action with the kept file p. */
void read_view_document(Buf *b, const ReadDoc *doc, const ReadResult *res, Arena *a);
void read_view_proposals(Buf *b, const ProposalSet *set, const char *action, const WebPending *p,
                         Arena *a);

#endif
