/* import_figures.c: storing allocation figures for an import, whatever the file's shape
 * (the long CSV of `import allocations`, the wide table of `import circulaire`). An equal
 * figure is left alone; a different one becomes the next version, and the report lists it
 * so the user sees what changed against the previous circulaire. */
#include "../store/store_records.h"
#include "../store/store_reference.h"
#include "import_internal.h"

#include <limits.h>
#include <string.h>

int alloc_target_setup(AllocTarget *t, Store *s, const char *scheme_code, ImportReport *rep,
                       PokErr *err)
{
    t->s = s;
    t->rep = rep;
    if (!t->line_word) t->line_word = "regel";
    if (!scheme_code) scheme_code = "POK";
    int found = store_scheme_get(s, scheme_code, &t->a, &t->scheme, err);
    if (found < 0) return -1;
    if (!found) return err_set(err, "onbekende regeling '%s' (zie 'pok scheme list')", scheme_code);
    if (store_actielijn_list(s, t->scheme.id, &t->a, &t->actielijnen, &t->n_actielijnen, err) != 0)
        return -1;
    t->al_min = INT_MAX;
    t->al_max = INT_MIN;
    for (size_t i = 0; i < t->n_actielijnen; i++) {
        if (t->actielijnen[i].number < t->al_min) t->al_min = t->actielijnen[i].number;
        if (t->actielijnen[i].number > t->al_max) t->al_max = t->actielijnen[i].number;
    }
    int span = t->scheme.last_year - t->scheme.first_year + 1;
    t->n_years = span > 0 ? (size_t)span : 0;

    /* Titles of existing sources; with equal titles the oldest (lowest id) is reused. */
    Source *sources;
    size_t n;
    if (store_source_list(s, NULL, &t->a, &sources, &n, err) != 0) return -1;
    for (size_t i = 0; i < n; i++) {
        if (!sources[i].title) continue;
        ImportMapEntry *e = import_map_find(&t->titles, sources[i].title);
        if (!e) {
            e = import_map_add(&t->titles, &t->a, sources[i].title);
            e->value = arena_alloc(&t->a, sizeof(int64_t));
            *(int64_t *)e->value = sources[i].id;
        } else if (sources[i].id < *(int64_t *)e->value) {
            *(int64_t *)e->value = sources[i].id;
        }
    }
    return 0;
}

void alloc_target_free(AllocTarget *t)
{
    import_map_free(&t->grids);
    import_map_free(&t->titles);
    import_map_free(&t->source_ids);
    arena_free(&t->a);
}

/* Row of the grid for an actielijn number (0: the scheme as a whole); -1 when unknown. */
static long actielijn_row(const AllocTarget *t, int number)
{
    if (number == 0) return (long)t->n_actielijnen;
    for (size_t k = 0; k < t->n_actielijnen; k++)
        if (t->actielijnen[k].number == number) return (long)k;
    return -1;
}

int alloc_target_grid(AllocTarget *t, const char *code, MuniGrid **out, PokErr *err)
{
    ImportMapEntry *e = import_map_find(&t->grids, code);
    if (e) {
        *out = e->value;
        return 1;
    }
    Arena tmp = {0};
    MuniData d;
    int found = store_load(t->s, code, t->scheme.id, &tmp, &d, err);
    if (found <= 0) {
        arena_free(&tmp);
        if (found == 0) err_set(err, "onbekende gemeente %s", code);
        return found;
    }
    size_t cells = (t->n_actielijnen + 1) * t->n_years;
    MuniGrid *g = arena_alloc(&t->a, sizeof *g);
    g->amount = arena_alloc(&t->a, cells * sizeof *g->amount);
    g->version = arena_alloc(&t->a, cells * sizeof *g->version);
    g->seen_line = arena_alloc(&t->a, cells * sizeof *g->seen_line);
    g->muni = (Municipality){.code = arena_strdup(&t->a, d.muni.code),
                             .name = arena_strdup(&t->a, d.muni.name),
                             .first_year = d.muni.first_year,
                             .last_year = d.muni.last_year};
    for (size_t i = 0; i < d.n_allocations; i++) {
        const Allocation *al = &d.allocations[i];
        /* a circulaire's cell is one year: a figure for a period is not one */
        if (allocation_is_period(al) || al->year < t->scheme.first_year ||
            al->year > t->scheme.last_year)
            continue;
        long k = -1;
        if (!al->actielijn_id) k = (long)t->n_actielijnen;
        for (size_t j = 0; j < t->n_actielijnen && k < 0; j++)
            if (t->actielijnen[j].id == al->actielijn_id) k = (long)j;
        if (k < 0) continue;
        size_t cell = (size_t)k * t->n_years + (size_t)(al->year - t->scheme.first_year);
        if (al->version > g->version[cell]) {
            g->version[cell] = al->version;
            g->amount[cell] = al->amount_cents;
        }
    }
    arena_free(&tmp);
    e = import_map_add(&t->grids, &t->a, code);
    e->value = g;
    *out = g;
    return 1;
}

int alloc_target_source(AllocTarget *t, const char *text, const char *file_name, int64_t *id,
                        PokErr *err)
{
    if (!*text)
        return err_set(err, "bron ontbreekt (verwacht het nummer van een bron of de titel van "
                            "de circulaire)");
    if (strspn(text, "0123456789") == strlen(text)) {
        long long v;
        if (parse_int(text, 1, INT64_MAX, &v) != 0) return err_set(err, "onbekende bron %s", text);
        if (import_map_find(&t->source_ids, text)) {
            *id = v;
            return 0;
        }
        Arena tmp = {0};
        Source src;
        int found = store_source_get(t->s, v, &tmp, &src, err);
        arena_free(&tmp);
        if (found < 0) return -1;
        if (!found) return err_set(err, "onbekende bron %lld (zie 'pok source list')", v);
        import_map_add(&t->source_ids, &t->a, text);
        *id = v;
        return 0;
    }
    ImportMapEntry *e = import_map_find(&t->titles, text);
    if (e) {
        *id = *(int64_t *)e->value;
        return 0;
    }
    Source src = {.kind = "circulaire", .title = text};
    src.note = arena_printf(&t->a, "aangemaakt bij het importeren van %s", file_name);
    if (store_source_add(t->s, &src, err) != 0) return -1;
    e = import_map_add(&t->titles, &t->a, text);
    e->value = arena_alloc(&t->a, sizeof(int64_t));
    *(int64_t *)e->value = src.id;
    t->rep->sources_created++;
    *id = src.id;
    return 0;
}

static void record_change(ImportReport *rep, const char *code, int actielijn, int year,
                          int64_t old_cents, int64_t new_cents)
{
    rep->changes = arena_grow(&rep->arena, rep->changes, sizeof *rep->changes, &rep->cap_changes,
                              rep->n_changes + 1);
    rep->changes[rep->n_changes++] = (ImportChange){
        .municipality = arena_strdup(&rep->arena, code),
        .actielijn = actielijn,
        .year = year,
        .old_cents = old_cents,
        .new_cents = new_cents,
    };
}

int alloc_target_put(AllocTarget *t, const AllocFigure *f, int *bad, PokErr *err)
{
    *bad = ALLOC_BAD_LINE;
    long k = actielijn_row(t, f->actielijn);
    if (k < 0)
        return err_set(err, "onbekende actielijn %d (%s heeft %d tot en met %d)", f->actielijn,
                       t->scheme.code, t->al_min, t->al_max);
    if (f->year < t->scheme.first_year || f->year > t->scheme.last_year)
        return err_set(err, "%d valt buiten de looptijd van %s (%d-%d)", f->year, t->scheme.code,
                       t->scheme.first_year, t->scheme.last_year);
    MuniGrid *g = NULL;
    int found = alloc_target_grid(t, f->code, &g, err);
    if (found <= 0) {
        if (found == 0) *bad = ALLOC_BAD_MUNICIPALITY;
        return -1;
    }
    if (store_municipality_valid_in(&g->muni, f->year, err) != 0) {
        *bad = ALLOC_BAD_MUNICIPALITY;
        return -1;
    }
    size_t cell = (size_t)k * t->n_years + (size_t)(f->year - t->scheme.first_year);
    int number = f->actielijn;
    if (g->seen_line[cell])
        return err_set(err, "%s actielijn %d %d staat al op %s %ld", f->code, number, f->year,
                       t->line_word, g->seen_line[cell]);
    g->seen_line[cell] = f->line;
    if (g->version[cell] && g->amount[cell] == f->cents) {
        t->rep->unchanged++;
        return 0;
    }
    Allocation alloc = {
        .municipality = f->code,
        .scheme_id = t->scheme.id,
        .actielijn_id = k < (long)t->n_actielijnen ? t->actielijnen[k].id : 0,
        .actielijn_number = number,
        .year = f->year,
        .amount_cents = f->cents,
        .cite = {.source_id = f->source_id, .place = f->place && *f->place ? f->place : NULL},
    };
    if (store_allocation_add(t->s, &alloc, err) != 0) return -1;
    if (g->version[cell]) {
        t->rep->changed++;
        record_change(t->rep, f->code, number, f->year, g->amount[cell], f->cents);
    } else {
        t->rep->inserted++;
    }
    g->version[cell] = alloc.version ? alloc.version : g->version[cell] + 1;
    g->amount[cell] = f->cents;
    return 0;
}
