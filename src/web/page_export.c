/* page_export.c: the downloads of a municipality page: the spreadsheet with formulas
 * (stand.xlsx) and everything as one JSON document (export.json); see docs/export.md. */
#include "layout.h"
#include "page_kit.h"
#include "pages.h"
#include "route.h"

#include "../views/export_json.h"
#include "../views/export_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Read the whole file at path into b; -1 on a read error. */
static int read_file(const char *path, Buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(b, chunk, got);
    int bad = ferror(f);
    fclose(f);
    return bad ? -1 : 0;
}

void page_export_xlsx(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    Finding *f;
    size_t n;
    if (kit_load_checked(app, req, res, 0, &a, &d, &c, &f, &n)) {
        arena_free(&a);
        return;
    }
    /* libxlsxwriter 1.1.4 writes only to a file: a private temporary one, read back and
     * removed at once */
    const char *dir = getenv("TMPDIR");
    char *path = arena_printf(&a, "%s/pok-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    PokErr err = {0};
    XlsxStats stats;
    char date[11];
    date_today(date);
    int r = fd < 0 ? err_set(&err, "kan geen tijdelijk bestand maken") : 0;
    if (fd >= 0) close(fd);
    if (r == 0) r = export_xlsx(&d, &c, f, n, date, path, &stats, &a, &err);
    Buf body = {0};
    if (r == 0 && read_file(path, &body)) r = err_set(&err, "kan de spreadsheet niet lezen");
    if (fd >= 0) unlink(path);
    if (r) {
        web_error(res, 500, err.msg);
    } else {
        res->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        buf_append(&res->body, body.data, body.len);
        /* CBS codes are letters and digits (the store checks them): safe in the header */
        web_header_set(res, "Content-Disposition",
                       arena_printf(&a, "attachment; filename=\"stand-%s.xlsx\"", d.muni.code));
    }
    buf_free(&body);
    arena_free(&a);
}

void page_export_json(WebApp *app, const WebRequest *req, WebResponse *res)
{
    Arena a = {0};
    MuniData d;
    Coverage c;
    Finding *f;
    size_t n;
    if (kit_load_checked(app, req, res, 1, &a, &d, &c, &f, &n)) {
        arena_free(&a);
        return;
    }
    char date[11];
    date_today(date);
    kit_send_json(res, export_json(&d, &c, f, n, date));
    if (res->status == 0 || res->status == 200)
        web_header_set(res, "Content-Disposition",
                       arena_printf(&a, "attachment; filename=\"export-%s.json\"", d.muni.code));
    arena_free(&a);
}
