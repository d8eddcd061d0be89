/* store_closed.c: a closed year's figures stay as they were closed, whichever record a
 * change touches. Closing a year records its figures (closed_year.figures: of every pot,
 * the year's row of the coverage table, see COVERAGE_CLOSED_FIGURES in engine.h). At the
 * end of every write transaction the figures of the closed years of each municipality
 * the transaction wrote to (every write audits its municipality, sq_audit) are computed
 * again from the data as it would be committed, and the transaction is refused when any
 * moved: a measure moved to another pot, an actielijn that places it elsewhere, an
 * allocation or plan of an open year before the closed one, an earlier year closed or
 * reopened, ... Municipalities without closed years cost one query per transaction.
 * The early refusals of records dated in a closed year (store_records.c) stay: their
 * message is more precise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

/* The store enforces the invariant with the engine's own coverage computation, so that
 * "the figures of a closed year" means exactly what the tables show. The engine is pure
 * (no I/O, no SQL): it computes on what the store loads itself (store_load). */
#include "../engine/engine.h"
#include "store_closed.h"
#include "store_internal.h"
#include "store_records.h"
#include "store_reference.h"

/* At most this many moved figures of each pot are named in a refusal. */
#define CLOSED_MAX_ITEMS 3

/* ---- the municipalities a transaction wrote to: a set of codes ---- */

static size_t code_hash(const char *code)
{
    size_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)code; *p; p++) h = (h ^ *p) * 16777619u;
    return h;
}

/* The slot of code in slots (cap a power of two): the one holding it, or the empty one
 * where it belongs. */
static size_t touched_slot(char **slots, size_t cap, const char *code)
{
    size_t i = code_hash(code) & (cap - 1);
    while (slots[i] && strcmp(slots[i], code) != 0) i = (i + 1) & (cap - 1);
    return i;
}

void sq_closed_touch(Store *s, const char *code)
{
    if (!code || !*code) return;
    if (s->cap_touched && s->touched[touched_slot(s->touched, s->cap_touched, code)]) return;
    if ((s->n_touched + 1) * 2 > s->cap_touched) {
        size_t cap = s->cap_touched ? s->cap_touched * 2 : 64;
        char **slots = xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < s->cap_touched; i++)
            if (s->touched[i]) slots[touched_slot(slots, cap, s->touched[i])] = s->touched[i];
        free(s->touched);
        s->touched = slots;
        s->cap_touched = cap;
    }
    s->touched[touched_slot(s->touched, s->cap_touched, code)] = xstrdup(code);
    s->n_touched++;
}

void sq_closed_forget(Store *s)
{
    for (size_t i = 0; i < s->cap_touched && s->n_touched; i++)
        if (s->touched[i]) {
            free(s->touched[i]);
            s->touched[i] = NULL;
            s->n_touched--;
        }
    s->n_touched = 0;
}

void sq_closed_free(Store *s)
{
    sq_closed_forget(s);
    free(s->touched);
    s->touched = NULL;
    s->cap_touched = 0;
}

/* ---- the figures: computed, stored as JSON, read back ---- */

/* The figures of years[0..n_years-1] of municipality code, over every scheme, into
 * figs[k] (n_figs[k] entries). */
static int compute_figures(Store *s, const char *code, const int *years, size_t n_years, Arena *a,
                           ClosedFigures **figs, size_t *n_figs, PokErr *err)
{
    Scheme *schemes;
    size_t n_schemes;
    if (store_scheme_list(s, a, &schemes, &n_schemes, err)) return -1;
    size_t *caps = arena_alloc(a, (n_years + 1) * sizeof *caps);
    for (size_t k = 0; k < n_years; k++) {
        figs[k] = NULL;
        n_figs[k] = 0;
    }
    for (size_t i = 0; i < n_schemes; i++) {
        MuniData d;
        int found = store_load(s, code, schemes[i].id, a, &d, err);
        if (found < 0) return -1;
        if (!found) return 0;
        Coverage c;
        if (coverage_compute(&d, a, &c, err))
            return err_prefix(err,
                              "de cijfers van de afgesloten jaren van %s zijn niet te "
                              "berekenen: ",
                              code);
        for (size_t k = 0; k < n_years; k++)
            coverage_closed_figures(&c, years[k], a, &figs[k], &n_figs[k], &caps[k]);
    }
    return 0;
}

/* The figures as stored: a JSON array of {"scheme", "pot_id", "pot", <field>: value}. */
static char *figures_json(const ClosedFigures *f, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "scheme", json_string(f[i].scheme ? f[i].scheme : ""));
        json_object_set_new(o, "pot_id", json_integer(f[i].pot_id));
        json_object_set_new(o, "pot", json_string(f[i].pot_name ? f[i].pot_name : ""));
        for (size_t j = 0; j < CLOSED_FIGURE_COUNT; j++)
            json_object_set_new(o, closed_figure_fields[j], json_integer(f[i].v[j]));
        json_array_append_new(list, o);
    }
    char *text = json_dumps(list, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(list);
    if (!text) {
        fprintf(stderr, "pok: geen geheugen meer\n");
        exit(3);
    }
    return text;
}

/* 0 and the figures, or -1 when text is no such array. A field missing counts as 0. */
static int figures_parse(const char *text, Arena *a, ClosedFigures **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    json_t *list = json_loads(text, 0, NULL);
    if (!json_is_array(list)) {
        json_decref(list);
        return -1;
    }
    size_t count = json_array_size(list);
    *out = arena_alloc(a, (count + 1) * sizeof **out);
    for (size_t i = 0; i < count; i++) {
        json_t *o = json_array_get(list, i);
        ClosedFigures *f = &(*out)[i];
        f->scheme = arena_strdup(a, json_string_value(json_object_get(o, "scheme")));
        f->pot_id = json_integer_value(json_object_get(o, "pot_id"));
        f->pot_name = arena_strdup(a, json_string_value(json_object_get(o, "pot")));
        for (size_t j = 0; j < CLOSED_FIGURE_COUNT; j++)
            f->v[j] = json_integer_value(json_object_get(o, closed_figure_fields[j]));
    }
    *n = count;
    json_decref(list);
    return 0;
}

static int store_figures(Store *s, const char *code, int year, const ClosedFigures *f, size_t n,
                         PokErr *err)
{
    DbStmt *st = sq_stmt(
        s, "UPDATE closed_year SET figures = ?3 WHERE municipality = ?1 AND year = ?2", err);
    if (!st) return -1;
    char *text = figures_json(f, n);
    sq_bind_text(st, 1, code);
    sq_bind_int(st, 2, year);
    sq_bind_text(st, 3, text);
    int rc = sq_step_done(s, st, err);
    free(text);
    return rc;
}

int sq_closed_record(Store *s, const char *code, int year, PokErr *err)
{
    Arena a = {0};
    ClosedFigures *f;
    size_t n;
    int rc = compute_figures(s, code, &year, 1, &a, &f, &n, err);
    if (rc == 0) rc = store_figures(s, code, year, f, n, err);
    arena_free(&a);
    return rc;
}

/* ---- the check ---- */

/* The refusal: year is the latest closed year whose figures moved (what says how), the
 * n_others others are earlier. reopened: the year being reopened, else 0. */
static int refuse(const char *code, int year, const char *what, const int *others, size_t n_others,
                  int reopened, PokErr *err)
{
    if (reopened)
        return err_set(err,
                       "heropenen van jaar %d verandert de cijfers van afgesloten jaar %d voor "
                       "%s (%s): heropen eerst jaar %d (pok year reopen)",
                       reopened, year, code, what, year);
    char also[160] = "";
    size_t len = 0;
    for (size_t i = 0; i < n_others && len + 16 < sizeof also; i++)
        len += (size_t)snprintf(
            also + len, sizeof also - len, "%s%d",
            i == 0 ? (n_others == 1 ? " en van afgesloten jaar " : " en van afgesloten jaren ")
                   : (i + 1 == n_others ? " en " : ", "),
            others[i]);
    return err_set(err,
                   "jaar %d is afgesloten voor %s: deze wijziging verandert de cijfers van dat "
                   "jaar (%s)%s; heropen %s eerst (pok year reopen)",
                   year, code, what, also, n_others ? "die jaren, het laatste het" : "het jaar");
}

/* Compute the figures of every closed year of code again and compare them with those
 * recorded; a closed year without recorded figures (closed before they were kept) gets
 * them now. 0 when nothing moved, else -1 with the refusal. */
static int verify_municipality(Store *s, const char *code, int reopened, PokErr *err)
{
    DbStmt *st = sq_stmt(
        s, "SELECT year, figures FROM closed_year WHERE municipality = ?1 ORDER BY year", err);
    if (!st) return -1;
    sq_bind_text(st, 1, code);
    Arena a = {0};
    int *years = NULL;
    const char **texts = NULL;
    size_t n = 0, cap_y = 0, cap_t = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        years = arena_grow(&a, years, sizeof *years, &cap_y, n + 1);
        texts = arena_grow(&a, (void *)texts, sizeof *texts, &cap_t, n + 1);
        years[n] = (int)sq_col_int(st, 0);
        texts[n] = sq_col_text(&a, st, 1);
        n++;
    }
    if (rc != 0) {
        arena_free(&a);
        return sq_fail(s, st, err);
    }
    db_reset(st);
    if (n == 0) {
        arena_free(&a);
        return 0;
    }
    ClosedFigures **now = arena_alloc(&a, n * sizeof *now);
    size_t *n_now = arena_alloc(&a, n * sizeof *n_now);
    int *moved = arena_alloc(&a, n * sizeof *moved);
    size_t n_moved = 0;
    Buf what = {0};
    rc = compute_figures(s, code, years, n, &a, now, n_now, err);
    for (size_t k = n; rc == 0 && k-- > 0;) {
        if (!texts[k]) {
            rc = store_figures(s, code, years[k], now[k], n_now[k], err);
            continue;
        }
        ClosedFigures *was;
        size_t n_was;
        if (figures_parse(texts[k], &a, &was, &n_was)) {
            rc =
                err_set(err, "de vastgelegde cijfers van afgesloten jaar %d van %s zijn onleesbaar",
                        years[k], code);
            break;
        }
        if (coverage_closed_figures_differ(was, n_was, now[k], n_now[k], CLOSED_MAX_ITEMS,
                                           n_moved ? NULL : &what))
            moved[n_moved++] = years[k];
    }
    if (rc == 0 && n_moved) {
        /* moved[] runs from the latest year back: the others ascending for the message */
        int *others = arena_alloc(&a, n_moved * sizeof *others);
        for (size_t i = 1; i < n_moved; i++) others[n_moved - 1 - i] = moved[i];
        rc = refuse(code, moved[0], what.data ? what.data : "", others, n_moved - 1, reopened, err);
    }
    buf_free(&what);
    arena_free(&a);
    return rc;
}

static int verify_touched(Store *s, PokErr *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < s->cap_touched; i++)
        if (s->touched[i]) rc = verify_municipality(s, s->touched[i], 0, err);
    return rc;
}

int sq_closed_verify(Store *s, PokErr *err)
{
    int rc = verify_touched(s, err);
    sq_closed_forget(s);
    return rc;
}

int store_check_closed(Store *s, PokErr *err)
{
    return verify_touched(s, err);
}

int sq_closed_check_reopen(Store *s, const char *code, int year, PokErr *err)
{
    return verify_municipality(s, code, year, err);
}

int sq_closed_fill_missing(Store *s, PokErr *err)
{
    DbStmt *st = sq_stmt(s,
                         "SELECT DISTINCT municipality FROM closed_year WHERE figures IS NULL"
                         " ORDER BY municipality",
                         err);
    if (!st) return -1;
    Arena a = {0};
    const char **codes = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        codes = arena_grow(&a, (void *)codes, sizeof *codes, &cap, n + 1);
        codes[n++] = sq_col_text(&a, st, 0);
    }
    if (rc != 0) {
        arena_free(&a);
        return sq_fail(s, st, err);
    }
    db_reset(st);
    rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) rc = verify_municipality(s, codes[i], 0, err);
    arena_free(&a);
    return rc;
}
