/* page_audit.h: the audit trail on the web: GET /gemeente/CODE/wijzigingen (with
 * ?van=&tot= dates), its CSV, and GET /maatregel/ID/wijzigingen. */
#ifndef POK_PAGE_AUDIT_H
#define POK_PAGE_AUDIT_H

#include "request.h"

void page_audit_municipality(WebApp *app, const WebRequest *req, WebResponse *res);
void page_audit_municipality_csv(WebApp *app, const WebRequest *req, WebResponse *res);
void page_audit_measure(WebApp *app, const WebRequest *req, WebResponse *res);

#endif
