/* ledger_totals.c: sums per key (cost centre) and year straight from a ledger file, with
 * every line checked as for an import: the finance department's reconciliation, and what
 * the imported realised amounts can be compared with. Memory grows with the number of
 * distinct (key, year) pairs, never with the number of lines. */
#include "../money.h"
#include "import_internal.h"
#include "ledger.h"
#include "progress.h"

#include <stdlib.h>
#include <string.h>

/* The years of one key, in a small array: a ledger spans a handful of years. */
typedef struct KeyYears {
    const char *key;
    LedgerSum *years;
    size_t n, cap;
} KeyYears;

static int add_line(ImportMap *keys, Arena *a, const LedgerLine *l, const CsvReader *r, PokErr *err)
{
    ImportMapEntry *e = import_map_find(keys, l->key);
    if (!e) {
        e = import_map_add(keys, a, l->key);
        KeyYears *ky = arena_alloc(a, sizeof *ky);
        ky->key = e->key;
        e->value = ky;
    }
    KeyYears *ky = e->value;
    size_t i = 0;
    while (i < ky->n && ky->years[i].year != l->year) i++;
    if (i == ky->n) {
        ky->years = arena_grow(a, ky->years, sizeof *ky->years, &ky->cap, ky->n + 1);
        ky->years[ky->n++] = (LedgerSum){ky->key, l->year, 0, 0};
    }
    LedgerSum *sum = &ky->years[i];
    sum->lines++;
    if (money_add(sum->cents, l->amount_cents, &sum->cents) != 0)
        return import_line_error(r, err, "het totaal van %s in %d wordt te groot", l->key, l->year);
    return 0;
}

static int by_key_year(const void *pa, const void *pb)
{
    const LedgerSum *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->year > b->year) - (a->year < b->year);
}

int ledger_totals(const char *path, const char *key_column, int progress, Arena *a, LedgerSum **out,
                  size_t *n, PokErr *err)
{
    *out = NULL;
    *n = 0;
    LedgerReader *lr = ledger_open(path, key_column, err);
    if (!lr) return -1;
    Progress p;
    progress_start(&p, csv_name(ledger_csv(lr)), progress ? path : NULL);
    if (!progress) p.enabled = 0;
    ImportMap keys = {0};
    LedgerLine l;
    int got = 0, rc = 0;
    size_t n_sums = 0;
    while (rc == 0 && (got = ledger_next(lr, &l, err)) == 1) {
        if ((ledger_lines(lr) & 0xFFFF) == 0)
            progress_update(&p, ledger_lines(lr), csv_offset(ledger_csv(lr)));
        rc = add_line(&keys, a, &l, ledger_csv(lr), err);
    }
    progress_end(&p);
    if (rc == 0 && got < 0) rc = -1;
    if (rc == 0) {
        for (size_t i = 0; i < keys.cap; i++)
            if (keys.slots[i].key) n_sums += ((KeyYears *)keys.slots[i].value)->n;
        LedgerSum *sums = arena_alloc(a, (n_sums ? n_sums : 1) * sizeof *sums);
        size_t k = 0;
        for (size_t i = 0; i < keys.cap; i++)
            if (keys.slots[i].key) {
                KeyYears *ky = keys.slots[i].value;
                memcpy(sums + k, ky->years, ky->n * sizeof *sums);
                k += ky->n;
            }
        qsort(sums, n_sums, sizeof *sums, by_key_year);
        *out = sums;
        *n = n_sums;
    }
    import_map_free(&keys);
    ledger_close(lr);
    return rc;
}
