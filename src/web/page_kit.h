/* page_kit.h: what the record pages and the API share: loading the municipality of a
 * path, links to sources, sending CSV and JSON. */
#ifndef POK_PAGE_KIT_H
#define POK_PAGE_KIT_H

#include "datatable.h"
#include "request.h"

#include "../engine/engine.h"

#include <jansson.h>

/* Load everything of code for the app's scheme: 1 found, 0 no such municipality (or
 * code NULL), -1 a store error (err). */
int web_load(WebApp *app, const char *code, Arena *a, MuniData *out, PokErr *err);
/* Whether a municipality has any records of the scheme (the start page lists those first). */
int web_has_records(const MuniData *d);

/* Load the municipality the route is about, req->scope_muni (and, with c, its coverage).
 * Answers 404 (HTML, or JSON when json is set) or 500 itself and returns -1 then. */
int kit_load(WebApp *app, const WebRequest *req, WebResponse *res, int json, Arena *a, MuniData *d,
             Coverage *c);
/* The same, with the checks' findings as well (c required). */
int kit_load_checked(WebApp *app, const WebRequest *req, WebResponse *res, int json, Arena *a,
                     MuniData *d, Coverage *c, Finding **findings, size_t *n_findings);

/* "/gemeente/CODE/bron/ID#anchor" (anchor may be NULL), in a; NULL when source_id is 0. */
const char *kit_source_href(Arena *a, const MuniData *d, int64_t source_id, const char *anchor);
/* A "Bron" cell: the source's title as a link to its page (at anchor), the place in the
 * source as small text; "decision" when only a decision is known. */
void kit_cite_cell(TableCell *c, Arena *a, const MuniData *d, const Citation *cite,
                   int64_t decision_id, const char *anchor);
/* The path of a municipality page: "/gemeente/CODE" + rest, in a. */
const char *kit_muni_path(Arena *a, const MuniData *d, const char *rest);

/* The breadcrumb and the links between a municipality's pages; current is the page's
 * own rest ("", "/maatregelen", ...). */
void kit_muni_nav(Buf *b, const MuniData *d, const char *current);

/* Send t as a CSV attachment named filename (letters, digits, '-' and '.' only). */
/* generated: the figures are generated (MuniData.generated): the CSV's first line says so
 * ("# " GENERATED_WARNING, docs/export.md). */
void kit_send_csv(WebResponse *res, const DataTable *t, const char *filename, int generated);
/* The banner on every page showing generated figures (GENERATED_WARNING); nothing when
 * generated is 0. kit_muni_nav writes it on every page of a generated municipality. */
void kit_generated_banner(Buf *b, int generated);
/* Send root (reference taken) as JSON. */
void kit_send_json(WebResponse *res, json_t *root);
/* Send an API answer (root, reference taken) in the version req's path asks for: an
 * /api/v1/ answer keeps what v1 documented (api_version.c). */
void api_send_json(const WebRequest *req, WebResponse *res, json_t *root);

/* A municipality with its totals, for the start page and /api/v1/gemeenten. */
typedef struct MuniSummary {
    const Municipality *muni;
    int has_records;     /* any record of the scheme */
    int64_t inhabitants; /* the latest count the store has (CBS), 0 when none */
    int inhabitants_year;
    MuniTotals totals;
    int generated; /* its figures are generated (MuniData.generated) */
} MuniSummary;

/* Every municipality matching search (NULL: all), those with records first, each group
 * in the store's order (page_start.c). Returns -1 with err. */
int kit_muni_summaries(WebApp *app, const char *search, Arena *a, MuniSummary **out, size_t *n,
                       PokErr *err);

/* A JSON string, or null for NULL. */
json_t *kit_json_str(const char *s);

#endif
