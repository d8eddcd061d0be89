/* record_json.c: see record_json.h. */
#include "record_json.h"

#include "../util.h"

#include <string.h>

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

/* ---- the JSON Schema of the shape ---- */

static json_t *typed(const char *type, int nullable)
{
    return nullable ? json_pack("{s:[s,s]}", "type", type, "null")
                    : json_pack("{s:s}", "type", type);
}

static void describe(json_t *schema, const char *description)
{
    if (description) json_object_set_new(schema, "description", json_string(description));
}

/* What a reference shows (reference() above): an integer, or the scheme's code. */
static const char *shown_type(const RecordField *f)
{
    return f->show == SHOW_SCHEME_CODE ? "string" : "integer";
}

static const char *shown_doc(const RecordField *f, int list)
{
    switch (f->show) {
    case SHOW_ACTIELIJN_NUMBER:
        return list ? "The actielijnen's numbers." : "The actielijn's number; null: none.";
    case SHOW_PURPOSE_NUMBER:
        return list ? "The purposes' numbers." : "The purpose's number; null: none.";
    case SHOW_SCHEME_CODE:
        return list ? "The schemes' codes." : "The scheme's code; null: none.";
    case SHOW_ID:
        break;
    }
    return list ? "Ids of other records." : NULL;
}

/* A reference by id: "Id of the decision; null: none." from its column (decision_id). */
static void describe_id(json_t *schema, const RecordField *f)
{
    char what[64];
    size_t n = strlen(f->column);
    if (n > 3 && strcmp(f->column + n - 3, "_id") == 0) n -= 3;
    if (n >= sizeof what) n = sizeof what - 1;
    for (size_t i = 0; i < n; i++) what[i] = f->column[i] == '_' ? ' ' : f->column[i];
    what[n] = '\0';
    json_object_set_new(schema, "description",
                        json_sprintf("Id of the %s record; null: none.", what));
}

static json_t *enum_schema(const RecordField *f)
{
    json_t *names = json_array();
    for (int v = 0; f->names && v < f->names->n; v++) {
        const char *name = record_enum_name(f, v, 1);
        if (name) json_array_append_new(names, json_string(name));
    }
    json_t *s = typed("string", 0);
    json_object_set_new(s, "enum", names);
    if (f->names && f->names->json) {
        /* the Dutch names of the CSV and the pages differ: say them */
        Buf dutch = {0};
        for (int v = 0; v < f->names->n; v++)
            if (f->names->names[v])
                buf_printf(&dutch, "%s%s", dutch.len ? ", " : "", f->names->names[v]);
        json_object_set_new(s, "description",
                            json_sprintf("In CSV and on the pages: %s.", dutch.data));
        buf_free(&dutch);
    }
    return s;
}

/* The schema of what value() writes for f. */
static json_t *value_schema(const RecordField *f, const char *cite_ref)
{
    json_t *s = NULL;
    switch (f->type) {
    case FIELD_ID:
        s = json_pack("{s:s, s:s, s:i}", "type", "integer", "format", "int64", "minimum", 1);
        describe(s, "The record's id.");
        break;
    case FIELD_TEXT:
        s = typed("string", !(f->flags & FIELD_KEY));
        break;
    case FIELD_DATE:
        s = typed("string", 1);
        json_object_set_new(s, "format", json_string("date"));
        describe(s, "YYYY-MM-DD; null: none.");
        break;
    case FIELD_INT:
        s = typed("integer", 0);
        break;
    case FIELD_INT_OPT:
        s = typed("integer", 1);
        describe(s, "null: none.");
        break;
    case FIELD_INT64:
        s = json_pack("{s:s, s:s}", "type", "integer", "format", "int64");
        break;
    case FIELD_MONEY:
        s = json_pack("{s:s, s:s}", "type", "integer", "format", "int64");
        describe(s, "Whole cents.");
        break;
    case FIELD_MONEY_OPT:
        s = json_pack("{s:[s,s], s:s}", "type", "integer", "null", "format", "int64");
        describe(s, "Whole cents; null: no amount.");
        break;
    case FIELD_REF:
        s = typed(shown_type(f), 1);
        if (f->show == SHOW_ID)
            describe_id(s, f);
        else
            describe(s, shown_doc(f, 0));
        break;
    case FIELD_BOOL:
        s = typed("boolean", 0);
        break;
    case FIELD_ENUM:
        s = enum_schema(f);
        break;
    case FIELD_IDS:
        s = json_pack("{s:s, s:o}", "type", "array", "items", typed(shown_type(f), 0));
        describe(s, shown_doc(f, 1));
        break;
    case FIELD_CITE:
        s = json_pack("{s:[{s:s},{s:s}]}", "oneOf", "$ref", cite_ref, "type", "null");
        describe(s, "Where the figure stands: the source and the place in it; null: neither.");
        break;
    }
    if (f->flags & FIELD_ROW_VERSION)
        describe(s, "Raised by every change of the record (docs/forms.md, concurrent editing).");
    return s;
}

json_t *record_json_schema(const RecordKind *k, const char *cite_ref)
{
    json_t *props = json_object(), *required = json_array();
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (!f->json) continue;
        json_object_set_new(props, f->json, value_schema(f, cite_ref));
        json_array_append_new(required, json_string(f->json));
    }
    json_t *s =
        json_pack("{s:s, s:o, s:o}", "type", "object", "properties", props, "required", required);
    describe(s, "Its one JSON shape, from its field table (docs/json.md, Records).");
    return s;
}

json_t *record_cite_schema(void)
{
    json_t *s =
        json_pack("{s:s, s:{s:{s:[s,s], s:s}, s:{s:[s,s]}, s:{s:[s,s]}}, s:[s,s,s], s:b}", "type",
                  "object", "properties", "source_id", "type", "integer", "null", "description",
                  "The source's id (the page /bron/SOURCE_ID); null: a place without a source.",
                  "title", "type", "string", "null", "place", "type", "string", "null", "required",
                  "source_id", "title", "place", "additionalProperties", 0);
    describe(s, "A citation: the source's id and title and where in it the figure stands.");
    return s;
}

void json_mark_generated(json_t *o, int generated)
{
    if (generated) json_object_set_new(o, "gegenereerd", json_true());
}
