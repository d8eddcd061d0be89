/* export_datapackage.c: see export_datapackage.h. The resources come from export_tables,
 * the same definitions that write the CSV headers. */
#include "export_datapackage.h"

#include "export_csv.h"

#include <string.h>

static void set(json_t *o, const char *key, json_t *v)
{
    json_object_set_new(o, key, v);
}

static json_t *strings(const char *const *s)
{
    json_t *list = json_array();
    for (; *s; s++) json_array_append_new(list, json_string(*s));
    return list;
}

static json_t *resource(const ExportTable *t)
{
    json_t *fields = json_array();
    for (size_t i = 0; i < t->n_fields; i++) {
        const ExportField *f = &t->fields[i];
        json_t *o = json_object();
        set(o, "name", json_string(f->name));
        set(o, "type", json_string(f->type));
        set(o, "description", json_string(f->description));
        if (!strcmp(f->type, "boolean")) {
            set(o, "trueValues", json_pack("[s]", "1"));
            set(o, "falseValues", json_pack("[s]", "0"));
        }
        json_array_append_new(fields, o);
    }
    json_t *schema = json_object();
    set(schema, "fields", fields);
    /* an empty field is a missing value (an id or year that is "none") */
    set(schema, "missingValues", json_pack("[s]", ""));
    if (t->primary_key[0]) set(schema, "primaryKey", strings(t->primary_key));
    if (t->n_foreign_keys) {
        json_t *fks = json_array();
        for (size_t i = 0; i < t->n_foreign_keys; i++) {
            const ExportForeignKey *k = &t->foreign_keys[i];
            json_array_append_new(fks,
                                  json_pack("{s:s, s:{s:s, s:s}}", "fields", k->field, "reference",
                                            "resource", k->ref_table, "fields", k->ref_field));
        }
        set(schema, "foreignKeys", fks);
    }
    json_t *r = json_object();
    set(r, "name", json_string(t->name));
    set(r, "title", json_string(t->title));
    set(r, "path", json_pack("s+", t->name, ".csv"));
    set(r, "profile", json_string("tabular-data-resource"));
    set(r, "format", json_string("csv"));
    set(r, "mediatype", json_string("text/csv"));
    set(r, "encoding", json_string("utf-8"));
    set(r, "dialect",
        json_pack("{s:s, s:s, s:b}", "delimiter", ",", "lineTerminator", "\n", "header", 1));
    set(r, "schema", schema);
    return r;
}

/* A measure in euro cents: factor 0.01 turns the integers into euros. */
static json_t *measure(const char *resource_name, const char *field, const char *title)
{
    return json_pack("{s:s, s:s, s:s, s:f, s:s}", "resource", resource_name, "source", field,
                     "currency", "EUR", "factor", 0.01, "title", title);
}

static json_t *attribute(const char *resource_name, const char *field)
{
    return json_pack("{s:s, s:s}", "resource", resource_name, "source", field);
}

static json_t *model(void)
{
    json_t *measures = json_object();
    set(measures, "toekenning", measure("toekenningen", "bedrag_cents", "Toekenning"));
    set(measures, "bedrag_maatregel",
        measure("bedragen", "bedrag_cents", "Plan- of realisatiebedrag van een maatregel"));
    set(measures, "dekking_toekenning",
        measure("dekking", "allocation_cents", "Toekenning per pot"));
    set(measures, "dekking_uitgaven", measure("dekking", "spending_cents", "Uitgaven per pot"));
    set(measures, "reserve_eind",
        measure("dekking", "reserve_end_cents", "Reserve op 31 december"));
    set(measures, "tekort", measure("dekking", "shortfall_cents", "Tekort"));
    set(measures, "zonder_bestemming", measure("dekking", "unplanned_cents", "Zonder bestemming"));

    json_t *dims = json_object();
    json_t *muni = json_object(), *mattr = json_object();
    set(mattr, "code", attribute("gemeenten", "code"));
    set(mattr, "naam",
        json_pack("{s:s, s:s, s:s}", "resource", "gemeenten", "source", "naam", "labelfor",
                  "code"));
    set(muni, "attributes", mattr);
    set(muni, "primaryKey", json_string("code"));
    set(muni, "dimensionType", json_string("entity"));
    set(dims, "gemeente", muni);

    json_t *line = json_object(), *lattr = json_object();
    set(lattr, "nummer", attribute("actielijnen", "nummer"));
    set(lattr, "naam",
        json_pack("{s:s, s:s, s:s}", "resource", "actielijnen", "source", "naam", "labelfor",
                  "nummer"));
    set(line, "attributes", lattr);
    set(line, "primaryKey", json_string("nummer"));
    set(line, "dimensionType", json_string("classification"));
    set(line, "classificationType", json_string("functional"));
    set(dims, "actielijn", line);

    json_t *year = json_object(), *yattr = json_object();
    set(yattr, "jaar", attribute("toekenningen", "jaar"));
    set(year, "attributes", yattr);
    set(year, "primaryKey", json_string("jaar"));
    set(year, "dimensionType", json_string("datetime"));
    set(dims, "jaar", year);

    json_t *ms = json_object(), *sattr = json_object();
    set(sattr, "id", attribute("maatregelen", "id"));
    set(sattr, "naam",
        json_pack("{s:s, s:s, s:s}", "resource", "maatregelen", "source", "naam", "labelfor",
                  "id"));
    set(ms, "attributes", sattr);
    set(ms, "primaryKey", json_string("id"));
    set(ms, "dimensionType", json_string("activity"));
    set(dims, "maatregel", ms);

    json_t *phase = json_object(), *pattr = json_object();
    set(pattr, "soort", attribute("bedragen", "soort"));
    set(phase, "attributes", pattr);
    set(phase, "primaryKey", json_string("soort"));
    set(phase, "dimensionType", json_string("other"));
    set(dims, "fase", phase);

    json_t *m = json_object();
    set(m, "measures", measures);
    set(m, "dimensions", dims);
    return m;
}

json_t *export_datapackage(const Scheme *scheme, const char *const *codes, size_t n_codes,
                           const char *created)
{
    json_t *root = json_object();
    Buf name = {0}, title = {0};
    for (const char *p = scheme->code; *p; p++) {
        char ch = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
        buf_append(&name, &ch, 1);
    }
    buf_printf(&title, "%s-middelen", scheme->code);
    for (size_t i = 0; i < n_codes; i++) {
        buf_puts(&name, "-");
        for (const char *p = codes[i]; *p; p++) {
            char ch = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
            buf_append(&name, &ch, 1);
        }
        buf_printf(&title, "%s %s", i ? "," : "", codes[i]);
    }
    if (n_codes > 8) { /* a short, stable name for the whole country */
        buf_reset(&name);
        buf_printf(&name, "%s-%zu-gemeenten", scheme->code, n_codes);
        for (size_t i = 0; i < name.len; i++)
            if (name.data[i] >= 'A' && name.data[i] <= 'Z') name.data[i] += 'a' - 'A';
    }
    set(root, "profile", json_string("fiscal-data-package"));
    set(root, "name", json_string(name.data));
    set(root, "title", json_string(title.data));
    set(root, "description",
        json_pack("s", "Toekenningen, maatregelen, reserve, besluiten en de berekende dekking "
                       "van tijdelijke rijksmiddelen per gemeente, vastgelegd met pok. Bedragen "
                       "zijn hele eurocenten (kolommen *_cents)."));
    set(root, "created", json_string(created));
    set(root, "countryCode", json_string("NL"));
    set(root, "regeling",
        json_pack("{s:s, s:s, s:i, s:i}", "code", scheme->code, "naam",
                  scheme->name ? scheme->name : "", "eerste_jaar", scheme->first_year,
                  "laatste_jaar", scheme->last_year));
    set(root, "licenses",
        json_pack("[{s:s, s:s, s:s}]", "name", "CC0-1.0", "title",
                  "Creative Commons Zero v1.0 Universal", "path",
                  "https://creativecommons.org/publicdomain/zero/1.0/"));
    set(root, "sources",
        json_pack("[{s:s, s:s}]", "title",
                  "Circulaires, raadsvoorstellen, collegebesluiten en brieven (tabel bronnen)",
                  "path", "bronnen.csv"));
    json_t *resources = json_array();
    for (size_t t = 0; t < export_n_tables; t++)
        json_array_append_new(resources, resource(&export_tables[t]));
    set(root, "resources", resources);
    set(root, "model", model());
    buf_free(&name);
    buf_free(&title);
    return root;
}
