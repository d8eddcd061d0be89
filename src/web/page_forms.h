/* page_forms.h: what the form pages (page_forms_*.c) share: loading the municipality or
 * measure a form is about, the choice lists (sources, decisions, pots, actielijnen,
 * doelen) and the page frame. */
#ifndef POK_PAGE_FORMS_H
#define POK_PAGE_FORMS_H

#include "form.h"
#include "pages.h"
#include "saved.h"

#include "../engine/engine.h"

/* What every form handler starts with: refuse a POST that is not form-encoded (415), load
 * the municipality of the path's :code, and init f. On failure the answer (404, 415, 500)
 * is made, the arena freed, and -1 returned. */
int forms_open_muni(WebApp *app, const WebRequest *req, WebResponse *res, Arena *a, MuniData *d,
                    Form *f);
/* The same for the measure of the path's :id and its municipality; *m points into d. */
int forms_open_measure(WebApp *app, const WebRequest *req, WebResponse *res, Arena *a, MuniData *d,
                       const Measure **m, Form *f);

/* Choice lists. The first option of the optional lists has value "" ("geen"). */
FormOption *forms_source_options(WebApp *app, const MuniData *d, Arena *a, size_t *n);
FormOption *forms_decision_options(const MuniData *d, Arena *a, size_t *n);
FormOption *forms_pot_options(const MuniData *d, Arena *a, size_t *n);
FormOption *forms_actielijn_options(const MuniData *d, Arena *a, size_t *n); /* value: number */
FormOption *forms_purpose_options(const MuniData *d, Arena *a, size_t *n);   /* value: number */
/* The ticked checkboxes "FIELD[]" (numbers, the values of opts) as the ids that belong
 * to them (ids[i] to opts[i]), into *out (in f's arena); an unknown one is an error of
 * field. */
#define FORMS_MAX_LINKS 64
void forms_check_links(Form *f, const char *field, const char *label, const FormOption *opts,
                       size_t n_opts, const int64_t *ids, int64_t **out, size_t *n_out);
/* The label of value in opts, or value itself. */
const char *forms_option_label(const FormOption *opts, size_t n, const char *value);

/* Layout, breadcrumb (gemeente > title) and h1. */
void forms_page_begin(Buf *b, const MuniData *d, const char *title, Arena *a);
/* Finish a form answer: 422 when f has errors (the form shown again), else 200. */
void forms_page_end(WebResponse *res, const Form *f);
/* The store refused the change: say so on top of the form. */
void forms_store_failed(Form *f, const PokErr *err);

/* ---- optimistic versioning (docs/forms.md, "Gelijktijdig bewerken") ----
 * A form that changes an existing record carries the version the editor saw in the
 * hidden field "versie" (ROW_VERSION_ABSENT when there was no record yet). A post
 * without it is not checked (scripts written before versioning); a malformed one is a
 * form error. */
int64_t forms_version(Form *f);
void forms_version_field(Buf *b, int64_t version);
/* The save failed with ERR_CONFLICT: an alert with the message, saying that the current
 * values follow and the editor's own input is kept. The caller then shows the current
 * values (forms_current_values), renders the form with the posted values and the current
 * version, and answers 409 (forms_page_end_conflict). */
void forms_conflict(Buf *b, const PokErr *err);
typedef struct FormsValue {
    const char *label, *value;
} FormsValue;
/* The record as it is stored now: "Actuele gegevens", label and value per row. */
void forms_current_values(Buf *b, const FormsValue *rows, size_t n);
/* d read again from the store (after a conflict: another save may have landed after
 * this request loaded d); d itself when that fails. */
const MuniData *forms_reload(WebApp *app, const MuniData *d, Arena *a);
/* forms_page_end for a conflict: 409 Conflict. */
void forms_page_end_conflict(WebResponse *res);

/* The citation fields (bron, plaats; besluit when decisions is set). */
void forms_cite_fields(Buf *b, const Form *f, const FormOption *sources, size_t n_sources,
                       const FormOption *decisions, size_t n_decisions);
/* After a form's submit button: "Nieuwe bron toevoegen", which posts the form's values to
 * the municipality's new-source page and returns to action afterwards with the new
 * source chosen (page_source_form.c). For forms that handle aanpassen=1. */
void forms_new_source_button(Buf *b, const MuniData *d, const char *action);
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
 * values as hidden fields with the buttons to save or edit again. Nothing is saved.
 * version (0: none) is the version of the record the change replaces as the editor sees
 * it now: sent as "versie" instead of any posted one, so "Bevestigen en opslaan" saves
 * only while the figure "Nu" is still the current one. */
void forms_confirm_page(WebResponse *res, const Form *f, const MuniData *d, const MuniData *changed,
                        const char *action, const FormsChange *rows, size_t n_rows,
                        const int *years, size_t n_years, int64_t version, Arena *a);

#endif
