/* record.c: reading and writing a record's fields through its field table (record.h);
 * the tables themselves are in record_tables.c. */
#include "record.h"

#include <string.h>

/* The member of rec a field (or its aux member) is kept in. */
#define MEMBER(type, rec, offset) ((type *)(void *)((char *)(rec) + (offset)))
#define CMEMBER(type, rec, offset) ((const type *)(const void *)((const char *)(rec) + (offset)))

const RecordField *record_field(const RecordKind *k, const char *column)
{
    for (size_t i = 0; i < k->n_fields; i++)
        if (strcmp(k->fields[i].column, column) == 0) return &k->fields[i];
    return NULL;
}

int record_field_stored(const RecordField *f)
{
    return f->type != FIELD_ID && f->type != FIELD_IDS && !f->sql;
}

/* Whether the field is kept in an int (the rest of the integers are int64_t). */
static int int_sized(const RecordField *f)
{
    switch (f->type) {
    case FIELD_INT:
    case FIELD_INT_OPT:
    case FIELD_BOOL:
    case FIELD_ENUM:
        return 1;
    default:
        return 0;
    }
}

const char *record_text(const void *rec, const RecordField *f)
{
    return *CMEMBER(char *, rec, f->offset);
}

int64_t record_int(const void *rec, const RecordField *f)
{
    if (int_sized(f)) return *CMEMBER(int, rec, f->offset);
    return *CMEMBER(int64_t, rec, f->offset);
}

const Citation *record_cite(const void *rec, const RecordField *f)
{
    return CMEMBER(Citation, rec, f->offset);
}

Citation *record_cite_mut(void *rec, const RecordField *f)
{
    return MEMBER(Citation, rec, f->offset);
}

const int64_t *record_ids(const void *rec, const RecordField *f, size_t *n)
{
    *n = *CMEMBER(size_t, rec, f->aux);
    return *CMEMBER(int64_t *, rec, f->offset);
}

int record_present(const void *rec, const RecordField *f)
{
    return f->type != FIELD_MONEY_OPT || *CMEMBER(int, rec, f->aux) != 0;
}

void record_set_text(void *rec, const RecordField *f, const char *v)
{
    *MEMBER(const char *, rec, f->offset) = v;
}

void record_set_int(void *rec, const RecordField *f, int64_t v)
{
    if (int_sized(f))
        *MEMBER(int, rec, f->offset) = (int)v;
    else
        *MEMBER(int64_t, rec, f->offset) = v;
}

void record_set_present(void *rec, const RecordField *f, int present)
{
    if (f->type == FIELD_MONEY_OPT) *MEMBER(int, rec, f->aux) = present ? 1 : 0;
}

void record_set_ids(void *rec, const RecordField *f, int64_t *ids, size_t n)
{
    *MEMBER(int64_t *, rec, f->offset) = ids;
    *MEMBER(size_t, rec, f->aux) = n;
}

const char *record_enum_name(const RecordField *f, int64_t v, int json)
{
    const FieldEnum *e = f->names;
    if (!e || v < 0 || v >= e->n) return NULL;
    return json && e->json ? e->json[v] : e->names[v];
}

int record_ref_number(const MuniData *d, FieldShow show, int64_t id)
{
    if (!d) return 0;
    if (show == SHOW_ACTIELIJN_NUMBER) {
        const Actielijn *al = muni_actielijn(d, id);
        return al ? al->number : 0;
    }
    if (show == SHOW_PURPOSE_NUMBER)
        for (size_t i = 0; i < d->n_purposes; i++)
            if (d->purposes[i].id == id) return d->purposes[i].number;
    return 0;
}
