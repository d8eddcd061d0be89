/* api_coverage.c: GET /api/v1/gemeenten/CODE/dekking (the coverage table per pot and
 * year) and GET /api/v1/gemeenten/CODE/controles (the findings of the checks), as
 * documented in docs/json.md. */
#include "../views/coverage_view.h"
#include "../views/record_json.h"
#include "page_kit.h"
#include "pages.h"

void api_coverage(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    if (kit_load(app, req, res, 1, &a, &d, &c) == 0) {
        json_t *root = coverage_json(&c);
        json_mark_generated(root, d.generated);
        kit_send_json(res, root);
    }
    arena_free(&a);
}

void api_checks(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    Finding *f;
    size_t n;
    if (kit_load_checked(app, req, res, 1, &a, &d, &c, &f, &n) == 0) {
        json_t *root = findings_json(&d, f, n);
        json_mark_generated(root, d.generated);
        kit_send_json(res, root);
    }
    arena_free(&a);
}
