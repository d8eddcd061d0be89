/* national_data.c: the national monitor's input read from the store (store_load_shared,
 * the sharing levels, the inhabitants) and the figures computed from it (national.h). */
#include "national_data.h"

#include <stdlib.h>
#include <string.h>

#include "../store/store_audit.h"
#include "../store/store_records.h"
#include "../store/store_reference.h"
#include "../store/store_sharing.h"

static const MuniSharing *sharing_of(const MuniSharing *sh, size_t n, const char *code)
{
    for (size_t lo = 0, hi = n; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(sh[mid].code, code);
        if (c == 0) return &sh[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The latest count of each input (the list is ordered by municipality and year), and the
 * sources those counts cite. */
static int add_inhabitants(Store *s, Arena *a, NationalInput *in, size_t n, NationalData *nd,
                           PokErr *err)
{
    Inhabitants *inh;
    size_t n_inh;
    if (store_inhabitants_list(s, NULL, a, &inh, &n_inh, err)) return -1;
    int64_t *source_ids = arena_alloc(a, (n + 1) * sizeof *source_ids);
    size_t n_sources = 0;
    for (size_t i = 0, k = 0; i < n; i++) {
        const char *code = in[i].d->muni.code;
        while (k < n_inh && strcmp(inh[k].municipality, code) < 0) k++;
        size_t last = n_inh;
        for (; k < n_inh && strcmp(inh[k].municipality, code) == 0; k++) last = k;
        if (last == n_inh) continue;
        in[i].inhabitants = inh[last].count;
        in[i].inhabitants_year = inh[last].year;
        if (!nd->inhabitants_first_year || inh[last].year < nd->inhabitants_first_year)
            nd->inhabitants_first_year = inh[last].year;
        if (inh[last].year > nd->inhabitants_last_year) nd->inhabitants_last_year = inh[last].year;
        size_t j = 0;
        while (j < n_sources && source_ids[j] != inh[last].source_id) j++;
        if (j == n_sources && inh[last].source_id) source_ids[n_sources++] = inh[last].source_id;
    }
    Source *sources = arena_alloc(a, (n_sources + 1) * sizeof *sources);
    for (size_t j = 0; j < n_sources; j++)
        if (store_source_get(s, source_ids[j], a, &sources[nd->n_inhabitant_sources], err) == 1)
            nd->n_inhabitant_sources++;
    nd->inhabitant_sources = sources;
    return 0;
}

int national_data_load(Store *s, int64_t scheme_id, Arena *a, NationalData *out, PokErr *err)
{
    memset(out, 0, sizeof *out);
    if (!scheme_id) {
        if (store_scheme_get(s, "POK", a, &out->scheme, err) != 1)
            return err_set(err, "regeling POK ontbreekt");
        scheme_id = out->scheme.id;
    }
    MuniData *munis;
    size_t n;
    MuniSharing *sh;
    size_t n_sh;
    Municipality *all;
    if (store_load_shared(s, scheme_id, SHARE_ANONYMOUS, a, &munis, &n, err) ||
        store_sharing_list(s, a, &sh, &n_sh, err) ||
        store_municipality_list(s, NULL, a, &all, &out->n_municipalities, err))
        return -1;
    if (n) out->scheme = munis[0].scheme;
    NationalInput *in = arena_alloc(a, (n + 1) * sizeof *in);
    for (size_t i = 0; i < n; i++) {
        const MuniSharing *m = sharing_of(sh, n_sh, munis[i].muni.code);
        in[i] = (NationalInput){
            .d = &munis[i], .level = m ? m->level : SHARE_NONE, .generated = m ? m->generated : 0};
    }
    if (add_inhabitants(s, a, in, n, out, err)) return -1;
    char today[11];
    date_today(today);
    return national_compute(in, n, atoi(today), a, &out->f, err);
}

int national_data_last_changes(Store *s, Arena *a, NationalData *nd, PokErr *err)
{
    LastChange *lc;
    size_t n_lc;
    if (store_last_changes(s, a, &lc, &n_lc, err)) return -1;
    nd->last_change = arena_alloc(a, (nd->f.n_munis + 1) * sizeof *nd->last_change);
    for (size_t i = 0, k = 0; i < nd->f.n_munis; i++) { /* both ordered by code */
        const char *code = nd->f.munis[i].muni->code;
        while (k < n_lc && strcmp(lc[k].municipality, code) < 0) k++;
        if (k < n_lc && strcmp(lc[k].municipality, code) == 0) nd->last_change[i] = lc[k].at;
    }
    return 0;
}

const NationalMuni *national_named(const NationalData *nd, const char *code)
{
    for (size_t i = 0; i < nd->f.n_munis; i++) {
        const NationalMuni *m = &nd->f.munis[i];
        if (strcmp(m->muni->code, code) == 0) return m->level >= SHARE_NAMED ? m : NULL;
    }
    return NULL;
}
