/* read_confirm.c: a finding on a scanned page is confirmed by reading that page a second
 * time, finer (400 dpi instead of 300), before it is reported. OCR now and then misreads a
 * digit ("295" for "255") and a table then seems not to add up; the same misreading twice,
 * at two resolutions, is far rarer than a real error stated twice. What the second reading
 * does not repeat is listed as "niet controleerbaar" (docs/read.md, "No false alarms"). */
#include "read.h"

#include "../util.h"

#include <stdlib.h>
#include <string.h>

/* The resolution of the second reading. */
#define CONFIRM_DPI 400

static int on_ocr_page(const ReadDoc *doc, int page)
{
    for (size_t i = 0; i < doc->n_ocr; i++)
        if (doc->ocr_pages[i] == page) return 1;
    return 0;
}

/* A message with its places left out ("op regel 9", "op pagina 2, regel 9"): the finer
 * reading may break lines differently, the dates and names it names are what count. */
static void without_places(const char *m, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; m[i] && o + 1 < cap; i++) {
        if (!strncmp(m + i, "regel ", 6) || !strncmp(m + i, "pagina ", 7)) {
            i += m[i] == 'r' ? 6 : 7;
            while (m[i] >= '0' && m[i] <= '9') i++;
            i--;
            continue;
        }
        out[o++] = m[i];
    }
    out[o] = 0;
}

static int same_finding(const ReadFinding *a, const ReadFinding *b)
{
    if (a->kind != b->kind || a->page != b->page) return 0;
    if (a->kind == READ_FINDING_DATE) {
        char x[512], y[512];
        without_places(a->message, x, sizeof x);
        without_places(b->message, y, sizeof y);
        return strcmp(x, y) == 0;
    }
    return a->has_stated == b->has_stated && a->has_computed == b->has_computed &&
           a->stated_cents == b->stated_cents && a->computed_cents == b->computed_cents;
}

void read_confirm_merge(const ReadDoc *doc, ReadResult *res, const ReadResult *second)
{
    size_t kept = 0;
    for (size_t i = 0; i < res->nfindings; i++) {
        ReadFinding f = res->findings[i];
        int confirmed = !on_ocr_page(doc, f.page);
        for (size_t j = 0; second && !confirmed && j < second->nfindings; j++)
            confirmed = same_finding(&f, &second->findings[j]);
        if (confirmed) {
            res->findings[kept++] = f;
        } else if (f.has_stated) {
            ReadTotal u = {f.stated_cents, f.page, f.line, f.quote};
            read_add_unchecked(res, &u);
        }
    }
    res->nfindings = kept;
}

void read_confirm(const char *name, const unsigned char *data, size_t len, const char *muni_code,
                  const ReadDoc *doc, ReadResult *res)
{
    if (!doc->n_ocr || !res->nfindings) return;
    int n = doc->pages + 2;
    unsigned char *wanted = xcalloc((size_t)n, 1);
    int any = 0, all = 0;
    for (size_t i = 0; i < res->nfindings; i++) {
        int p = res->findings[i].page;
        if (p < 1 || p > doc->pages || !on_ocr_page(doc, p)) continue;
        /* two dates of one letter may be pages apart: the whole document again */
        if (res->findings[i].kind == READ_FINDING_DATE) all = 1;
        /* the pages around it too: a table may run over a page break */
        for (int q = p - 1; q <= p + 1; q++)
            if (q >= 1 && q <= doc->pages) wanted[q] = 1;
        any = 1;
    }
    if (any) {
        ReadLimits lim = {0};
        lim.ocr_dpi = CONFIRM_DPI;
        lim.ocr_wanted = all ? NULL : wanted;
        lim.ocr_wanted_len = n;
        ReadDoc again;
        ReadResult second;
        PokErr err = {0};
        memset(&second, 0, sizeof second);
        int ok = read_document_mem(name, data, len, &lim, &again, &err) == 0 &&
                 read_analyse(&again, muni_code, &second, &err) == 0;
        /* a second reading that fails confirms nothing */
        read_confirm_merge(doc, res, ok ? &second : NULL);
        read_result_free(&second);
        read_doc_free(&again);
    }
    free(wanted);
}

int read_and_analyse(const char *name, const unsigned char *data, size_t len, const ReadLimits *lim,
                     const char *muni_code, ReadDoc *doc, ReadResult *res, PokErr *err)
{
    memset(res, 0, sizeof *res);
    if (read_document_mem(name, data, len, lim, doc, err) != 0) {
        read_doc_free(doc);
        return -1;
    }
    if (read_analyse(doc, muni_code, res, err) != 0) {
        read_result_free(res);
        read_doc_free(doc);
        return -1;
    }
    read_confirm(name, data, len, muni_code, doc, res);
    return 0;
}
