/* model.c: the fixed vocabularies of the domain and lookups within one MuniData. */
#include "model.h"

#include <string.h>

static int in_list(const char *s, const char *const *list)
{
    if (!s) return 0;
    for (; *list; list++)
        if (strcmp(s, *list) == 0) return 1;
    return 0;
}

int measure_status_valid(const char *s)
{
    static const char *const statuses[] = {"gepland", "lopend", "afgerond", "gestopt", NULL};
    return in_list(s, statuses);
}

int measure_status_ended(const char *s)
{
    return s && (strcmp(s, "afgerond") == 0 || strcmp(s, "gestopt") == 0);
}

int follow_up_valid(const char *s)
{
    static const char *const values[] = {"voortzetten", "stoppen", "doel bereikt",
                                         "structureel maken", NULL};
    return in_list(s, values);
}

const char *const reserve_kind_names[4] = {NULL, "storting", "onttrekking", "overheveling"};

const char *reserve_kind_name(ReserveKind k)
{
    return k >= RESERVE_DEPOSIT && k <= RESERVE_TRANSFER ? reserve_kind_names[k] : "?";
}

int reserve_kind_parse(const char *s, ReserveKind *out)
{
    for (int k = RESERVE_DEPOSIT; k <= RESERVE_TRANSFER; k++)
        if (s && strcmp(s, reserve_kind_names[k]) == 0) {
            *out = (ReserveKind)k;
            return 0;
        }
    return -1;
}

const SizeClass size_classes[N_SIZE_CLASSES] = {
    {"1", "minder dan 5.000 inwoners", 0, 5000},
    {"2", "5.000 tot 10.000 inwoners", 5000, 10000},
    {"3", "10.000 tot 20.000 inwoners", 10000, 20000},
    {"4", "20.000 tot 50.000 inwoners", 20000, 50000},
    {"5", "50.000 tot 100.000 inwoners", 50000, 100000},
    {"6", "100.000 tot 150.000 inwoners", 100000, 150000},
    {"7", "150.000 tot 250.000 inwoners", 150000, 250000},
    {"8", "250.000 inwoners of meer", 250000, INT64_MAX},
};

const SizeClass *size_class_of(int64_t inhabitants)
{
    for (size_t i = 0; i < N_SIZE_CLASSES && inhabitants >= 0; i++)
        if (inhabitants >= size_classes[i].min && inhabitants < size_classes[i].max)
            return &size_classes[i];
    return NULL;
}

const char *const sharing_level_names[SHARE_LEVELS] = {"niets", "anoniem", "cijfers",
                                                       "maatregelen"};
const char *const sharing_level_labels[SHARE_LEVELS] = {
    "deelt niets met de landelijke monitor", "cijfers tellen anoniem mee in de landelijke totalen",
    "cijfers met naam in de landelijke monitor",
    "cijfers en maatregelen met naam in de landelijke monitor"};

const char *sharing_level_name(SharingLevel l)
{
    return l >= SHARE_NONE && l <= SHARE_MEASURES ? sharing_level_names[l] : "?";
}

const char *sharing_level_label(SharingLevel l)
{
    return l >= SHARE_NONE && l <= SHARE_MEASURES ? sharing_level_labels[l] : "?";
}

int sharing_level_parse(const char *s, SharingLevel *out)
{
    for (int l = SHARE_NONE; l <= SHARE_MEASURES; l++)
        if (s && strcmp(s, sharing_level_names[l]) == 0) {
            *out = (SharingLevel)l;
            return 0;
        }
    return -1;
}

const SizeClass *size_class_find(const char *value)
{
    for (size_t i = 0; value && i < N_SIZE_CLASSES; i++)
        if (strcmp(size_classes[i].value, value) == 0) return &size_classes[i];
    return NULL;
}

const char *const stated_kind_names[4] = {NULL, "toekenning", "beschikbaar", "uitgaven"};

const char *stated_kind_name(StatedKind k)
{
    return k >= STATED_ALLOCATION && k <= STATED_SPENDING ? stated_kind_names[k] : "?";
}

int stated_kind_parse(const char *s, StatedKind *out)
{
    for (int k = STATED_ALLOCATION; k <= STATED_SPENDING; k++)
        if (s && strcmp(s, stated_kind_names[k]) == 0) {
            *out = (StatedKind)k;
            return 0;
        }
    return -1;
}

const Source *muni_source(const MuniData *d, int64_t id)
{
    for (size_t i = 0; i < d->n_sources; i++)
        if (d->sources[i].id == id) return &d->sources[i];
    return NULL;
}

const Actielijn *muni_actielijn(const MuniData *d, int64_t id)
{
    for (size_t i = 0; i < d->n_actielijnen; i++)
        if (d->actielijnen[i].id == id) return &d->actielijnen[i];
    return NULL;
}

const Decision *muni_decision(const MuniData *d, int64_t id)
{
    for (size_t i = 0; i < d->n_decisions; i++)
        if (d->decisions[i].id == id) return &d->decisions[i];
    return NULL;
}

const Measure *muni_measure(const MuniData *d, int64_t id)
{
    for (size_t i = 0; i < d->n_measures; i++)
        if (d->measures[i].id == id) return &d->measures[i];
    return NULL;
}

int allocation_is_period(const Allocation *al)
{
    return al->year_to > al->year;
}

int allocation_last_year(const Allocation *al)
{
    return al->year_to > al->year ? al->year_to : al->year;
}

int muni_year_closed(const MuniData *d, int year)
{
    for (size_t i = 0; i < d->n_closed; i++)
        if (d->closed[i].year == year) return 1;
    return 0;
}

int muni_data_has_records(const MuniData *d)
{
    return d->n_allocations || d->n_measures || d->n_openings || d->n_movements || d->n_requests ||
           d->n_stated || d->n_decisions;
}
