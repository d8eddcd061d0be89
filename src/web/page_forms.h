/* page_forms.h: what the form pages (page_forms_*.c) share: loading the municipality or
 * measure a form is about, the choice lists (sources, decisions, pots, actielijnen,
 * doelen) and the page frame. */
#ifndef POK_PAGE_FORMS_H
#define POK_PAGE_FORMS_H

#include "form.h"
#include "pages.h"

#include "../engine/engine.h"

/* What every form handler starts with: refuse a POST that is not form-encoded (415), load
 * the municipality of the path's :code, and init f. On failure the answer (404, 415, 500)
 * is made, the arena freed, and -1 returned. */
int forms_open_muni(WebApp *app, const WebRequest *req, WebResponse *res, Arena *a,
                    MuniData *d, Form *f);
/* The same for the measure of the path's :id and its municipality; *m points into d. */
int forms_open_measure(WebApp *app, const WebRequest *req, WebResponse *res, Arena *a,
                       MuniData *d, const Measure **m, Form *f);

/* Choice lists. The first option of the optional lists has value "" ("geen"). */
FormOption *forms_source_options(WebApp *app, const MuniData *d, Arena *a, size_t *n);
FormOption *forms_decision_options(const MuniData *d, Arena *a, size_t *n);
FormOption *forms_pot_options(const MuniData *d, Arena *a, size_t *n);
FormOption *forms_actielijn_options(const MuniData *d, Arena *a, size_t *n); /* value: number */
FormOption *forms_purpose_options(const MuniData *d, Arena *a, size_t *n);   /* value: number */
/* The label of value in opts, or value itself. */
const char *forms_option_label(const FormOption *opts, size_t n, const char *value);

/* Layout, breadcrumb (gemeente > title) and h1. */
void forms_page_begin(Buf *b, const MuniData *d, const char *title, Arena *a);
/* Finish a form answer: 422 when f has errors (the form shown again), else 200. */
void forms_page_end(WebResponse *res, const Form *f);
/* The store refused the change: say so on top of the form. */
void forms_store_failed(Form *f, const PokErr *err);

/* The citation fields (bron, plaats; besluit when decisions is set). */
void forms_cite_fields(Buf *b, const Form *f, const FormOption *sources, size_t n_sources,
                       const FormOption *decisions, size_t n_decisions);
/* Check the citation fields into cite (and *decision_id when decisions is set). */
void forms_cite_check(Form *f, const FormOption *sources, size_t n_sources,
                      const FormOption *decisions, size_t n_decisions, Citation *cite,
                      int64_t *decision_id);

/* One line of the change on a confirmation page: what, the figure now (NULL: none yet)
 * and after the change. */
typedef struct FormsChange {
    const char *label, *before, *after;
} FormsChange;

/* An amount as "€ 1.234,56" kept in a (through money_format). */
const char *forms_money(Arena *a, int64_t cents);
/* The confirmation page ("Controleer de wijziging"): the change, the coverage of years
 * before (d) and after (changed, d with the change applied in memory), and the posted
 * values as hidden fields with the buttons to save or edit again. Nothing is saved. */
void forms_confirm_page(WebResponse *res, const Form *f, const MuniData *d,
                        const MuniData *changed, const char *action, const FormsChange *rows,
                        size_t n_rows, const int *years, size_t n_years, Arena *a);

#endif
