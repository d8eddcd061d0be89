/* record_json.c: see record_json.h. */
#include "record_json.h"

static json_t *text(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *id_or_null(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

json_t *record_cite_json(const MuniData *d, const Citation *c)
{
    if (!c->source_id && !c->place) return json_null();
    const Source *src = c->source_id && d ? muni_source(d, c->source_id) : NULL;
    json_t *o = json_object();
    json_object_set_new(o, "source_id", id_or_null(c->source_id));
    json_object_set_new(o, "title", text(src ? src->title : NULL));
    json_object_set_new(o, "place", text(c->place));
    return o;
}

/* A reference as the field shows it: the id, or the number or code people know. */
static json_t *reference(const RecordField *f, int64_t id, const MuniData *d)
{
    if (!id) return json_null();
    if (f->show == SHOW_ID) return json_integer(id);
    if (f->show == SHOW_SCHEME_CODE)
        return d && d->scheme.id == id ? text(d->scheme.code) : json_null();
    int number = record_ref_number(d, f->show, id);
    return number ? json_integer(number) : json_null();
}

/* The listed ids as the field shows them; one d does not hold is left out. */
static json_t *id_list(const RecordField *f, const void *rec, const MuniData *d)
{
    size_t n;
    const int64_t *ids = record_ids(rec, f, &n);
    json_t *list = json_array();
    for (size_t i = 0; ids && i < n; i++) {
        json_t *v = reference(f, ids[i], d);
        if (json_is_null(v))
            json_decref(v);
        else
            json_array_append_new(list, v);
    }
    return list;
}

static json_t *value(const RecordField *f, const void *rec, const MuniData *d)
{
    const char *name;
    switch (f->type) {
    case FIELD_TEXT:
    case FIELD_DATE:
        return text(record_text(rec, f));
    case FIELD_INT_OPT:
        return id_or_null(record_int(rec, f));
    case FIELD_REF:
        return reference(f, record_int(rec, f), d);
    case FIELD_MONEY_OPT:
        return record_present(rec, f) ? json_integer(record_int(rec, f)) : json_null();
    case FIELD_BOOL:
        return json_boolean(record_int(rec, f));
    case FIELD_ENUM:
        name = record_enum_name(f, record_int(rec, f), 1);
        return text(name);
    case FIELD_IDS:
        return id_list(f, rec, d);
    case FIELD_CITE:
        return record_cite_json(d, record_cite(rec, f));
    case FIELD_ID:
    case FIELD_INT:
    case FIELD_INT64:
    case FIELD_MONEY:
        break;
    }
    return json_integer(record_int(rec, f));
}

json_t *record_json(const RecordKind *k, const void *rec, const MuniData *d)
{
    json_t *o = json_object();
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (f->json) json_object_set_new(o, f->json, value(f, rec, d));
    }
    return o;
}

json_t *record_list_json(const RecordKind *k, const void *items, size_t n, const MuniData *d)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, record_json(k, (const char *)items + i * k->size, d));
    return list;
}

json_t *record_children_json(const RecordKind *k, const void *items, size_t n, const char *column,
                             int64_t id, const MuniData *d)
{
    const RecordField *owner = record_field(k, column);
    json_t *list = json_array();
    for (size_t i = 0; owner && i < n; i++) {
        const void *rec = (const char *)items + i * k->size;
        if (record_int(rec, owner) == id) json_array_append_new(list, record_json(k, rec, d));
    }
    return list;
}
