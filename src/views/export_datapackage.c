/* export_datapackage.c: see export_datapackage.h. The resources come from export_tables
 * and export_columns, the same definitions that write the CSV headers and rows. */
#include "export_datapackage.h"

#include "export_csv.h"

#include <sodium.h>
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

/* "sha256:" and the hex digest of the table's CSV text, as Frictionless writes a hash. */
static json_t *hash_of(const Buf *csv)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)csv->data, csv->len);
    char text[7 + 2 * crypto_hash_sha256_BYTES + 1] = "sha256:";
    for (size_t i = 0; i < crypto_hash_sha256_BYTES; i++)
        snprintf(text + 7 + 2 * i, 3, "%02x", h[i]);
    return json_string(text);
}

json_t *datapackage_resource(const char *name, const char *title, const ExportField *columns,
                             size_t n, const char *const *primary_key, const Buf *csv)
{
    json_t *fields = json_array();
    for (size_t i = 0; i < n; i++) {
        const ExportField *f = &columns[i];
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
    if (primary_key && primary_key[0]) set(schema, "primaryKey", strings(primary_key));
    json_t *r = json_object();
    set(r, "name", json_string(name));
    set(r, "title", json_string(title));
    set(r, "path", json_pack("s+", name, ".csv"));
    set(r, "profile", json_string("tabular-data-resource"));
    set(r, "format", json_string("csv"));
    set(r, "mediatype", json_string("text/csv"));
    set(r, "encoding", json_string("utf-8"));
    if (csv) {
        set(r, "bytes", json_integer((json_int_t)csv->len));
        set(r, "hash", hash_of(csv));
    }
    set(r, "dialect",
        json_pack("{s:s, s:s, s:b}", "delimiter", ",", "lineTerminator", "\n", "header", 1));
    set(r, "schema", schema);
    return r;
}

static json_t *resource(const ExportTable *t, const Buf *csv)
{
    ExportField columns[EXPORT_MAX_COLUMNS];
    size_t n = export_columns(t, columns);
    json_t *r = datapackage_resource(t->name, t->title, columns, n, t->primary_key, csv);
    if (t->n_foreign_keys) {
        json_t *fks = json_array();
        for (size_t i = 0; i < t->n_foreign_keys; i++) {
            const ExportForeignKey *k = &t->foreign_keys[i];
            json_array_append_new(fks,
                                  json_pack("{s:s, s:{s:s, s:s}}", "fields", k->field, "reference",
                                            "resource", k->ref_table, "fields", k->ref_field));
        }
        set(json_object_get(r, "schema"), "foreignKeys", fks);
    }
    return r;
}

/* A measure in euro cents: factor 0.01 turns the integers into euros. */
json_t *datapackage_measure(const char *resource_name, const char *field, const char *title)
{
    return json_pack("{s:s, s:s, s:s, s:f, s:s}", "resource", resource_name, "source", field,
                     "currency", "EUR", "factor", 0.01, "title", title);
}

static json_t *attribute(const char *resource_name, const char *field)
{
    return json_pack("{s:s, s:s}", "resource", resource_name, "source", field);
}

/* A dimension keyed by key of resource, labelled by its field label (NULL: none). */
json_t *datapackage_dimension(const char *resource_name, const char *key, const char *label,
                              const char *type)
{
    json_t *d = json_object(), *attrs = json_object();
    set(attrs, key, attribute(resource_name, key));
    if (label)
        set(attrs, label,
            json_pack("{s:s, s:s, s:s}", "resource", resource_name, "source", label, "labelfor",
                      key));
    set(d, "attributes", attrs);
    set(d, "primaryKey", json_string(key));
    set(d, "dimensionType", json_string(type));
    return d;
}

static json_t *model(void)
{
    json_t *measures = json_object();
    set(measures, "toekenning", datapackage_measure("toekenningen", "bedrag_cents", "Toekenning"));
    set(measures, "bedrag_maatregel",
        datapackage_measure("bedragen", "bedrag_cents",
                            "Plan- of realisatiebedrag van een maatregel"));
    set(measures, "dekking_toekenning",
        datapackage_measure("dekking", "allocation_cents", "Toekenning per pot"));
    set(measures, "dekking_uitgaven",
        datapackage_measure("dekking", "spending_cents", "Uitgaven per pot"));
    set(measures, "reserve_eind",
        datapackage_measure("dekking", "reserve_end_cents", "Reserve op 31 december"));
    set(measures, "tekort", datapackage_measure("dekking", "shortfall_cents", "Tekort"));
    set(measures, "zonder_bestemming",
        datapackage_measure("dekking", "unplanned_cents", "Zonder bestemming"));

    json_t *dims = json_object();
    set(dims, "gemeente", datapackage_dimension("gemeenten", "code", "naam", "entity"));
    json_t *line = datapackage_dimension("actielijnen", "nummer", "naam", "classification");
    set(line, "classificationType", json_string("functional"));
    set(dims, "actielijn", line);
    set(dims, "jaar", datapackage_dimension("toekenningen", "jaar", NULL, "datetime"));
    set(dims, "maatregel", datapackage_dimension("maatregelen", "id", "naam", "activity"));
    set(dims, "fase", datapackage_dimension("bedragen", "soort", NULL, "other"));

    json_t *m = json_object();
    set(m, "measures", measures);
    set(m, "dimensions", dims);
    return m;
}

json_t *export_datapackage(const Scheme *scheme, const char *const *codes,
                           const char *const *sharing, const int *generated, size_t n_codes,
                           const char *created, const ExportSet *tables)
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
        json_array_append_new(resources, resource(&export_tables[t], &tables->csv[t]));
    set(root, "resources", resources);
    json_t *levels = json_object();
    for (size_t i = 0; i < n_codes; i++)
        if (sharing[i]) set(levels, codes[i], json_string(sharing[i]));
    set(root, "delen", levels);
    json_t *made = json_array();
    for (size_t i = 0; i < n_codes; i++)
        if (generated[i]) json_array_append_new(made, json_string(codes[i]));
    if (json_array_size(made)) /* these figures are not real, and say so */
        set(root, "gegenereerd", made);
    else
        json_decref(made);
    set(root, "model", model());
    buf_free(&name);
    buf_free(&title);
    return root;
}
