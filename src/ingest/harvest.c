/* harvest.c: pok harvest, reading open data packages into the national store (harvest.h).
 * The tables are read with the definitions that wrote them (views/export_csv.h and the
 * record field tables), so a column the export writes is a column the harvest reads. */
#include "harvest.h"

#include "../record.h"
#include "../store/store_closing.h"
#include "../store/store_harvest.h"
#include "../store/store_records.h"
#include "../store/store_reference.h"
#include "../store/store_sharing.h"
#include "../views/export_csv.h"
#include "csv.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DESCRIPTOR_MAX ((size_t)16 << 20) /* datapackage.json */
#define RESOURCE_MAX ((size_t)512 << 20)  /* one CSV */
#define MONEY_LIMIT 9007199254740991LL    /* 2^53 - 1 cents, as the JSON contract */

/* The record tables harvested, in the order they are written (references first). */
static const char *const harvested_tables[] = {
    "gemeenten",   "bronnen",           "besluiten",         "potten",          "toekenningen",
    "maatregelen", "bedragen",          "reserve_openingen", "reservemutaties", "verzoeken",
    "evaluaties",  "genoemde_bedragen", "afgesloten_jaren"};
#define N_HARVESTED (sizeof harvested_tables / sizeof harvested_tables[0])

/* One table's rows, parsed into the record kind's struct. */
typedef struct PkgTable {
    const ExportTable *t;
    char *path;         /* the CSV file, for messages */
    char *items;        /* n records of t->kind->size */
    long *lines;        /* the line of each */
    const char **munis; /* each row's municipality */
    size_t n, cap;
} PkgTable;

typedef struct Package {
    char *dir, *descriptor_path;
    json_t *root;
    const char *name, *created;
    char sha256[65];
    json_t *sharing; /* "delen": {code: level}, or NULL */
    PkgTable tables[N_HARVESTED];
    Scheme scheme;
    Actielijn *actielijnen;
    size_t n_actielijnen;
    Purpose *purposes;
    size_t n_purposes;
    Arena a;
} Package;

/* ---- small helpers ---- */

static void sha256_hex(const unsigned char h[crypto_hash_sha256_BYTES], char out[65])
{
    for (size_t i = 0; i < crypto_hash_sha256_BYTES; i++) snprintf(out + 2 * i, 3, "%02x", h[i]);
}

static int read_whole(const char *path, size_t max, Buf *out, PokErr *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(err, "%s: kan het bestand niet lezen: %s", path, strerror(errno));
    char chunk[65536];
    size_t got;
    int rc = 0;
    while (rc == 0 && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (out->len + got > max)
            rc = err_set(err, "%s: bestand groter dan %zu MiB", path, max >> 20);
        else
            buf_append(out, chunk, got);
    }
    if (rc == 0 && ferror(f)) rc = err_set(err, "%s: leesfout: %s", path, strerror(errno));
    fclose(f);
    if (rc == 0 && !out->data) buf_append(out, "", 0);
    return rc;
}

/* A field's text for a message: at most 60 bytes. */
static const char *shown(const char *v, char buf[80])
{
    snprintf(buf, 80, "%.60s%s", v, strlen(v) > 60 ? "..." : "");
    return buf;
}

static int row_error(const PkgTable *pt, long line, const char *column, PokErr *err,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int row_error(const PkgTable *pt, long line, const char *column, PokErr *err,
                     const char *fmt, ...)
{
    char what[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return err_set(err, "%s, regel %ld, veld '%s': %s", pt->path, line, column, what);
}

/* The export escapes text that a spreadsheet would run as a formula with a leading "'"
 * (buf_csv_text): undone here, so the text is what was entered. */
static const char *unescape(const char *v)
{
    if (v[0] == '\'' && v[1] && strchr("=+-@\t\r", v[1])) return v + 1;
    return v;
}

static int actielijn_by_number(const Package *p, long long number, int64_t *id)
{
    for (size_t i = 0; i < p->n_actielijnen; i++)
        if (p->actielijnen[i].number == number) return (void)(*id = p->actielijnen[i].id), 1;
    return 0;
}

static int purpose_by_number(const Package *p, long long number, int64_t *id)
{
    for (size_t i = 0; i < p->n_purposes; i++)
        if (p->purposes[i].number == number) return (void)(*id = p->purposes[i].id), 1;
    return 0;
}

/* A number shown for a reference (an actielijn or purpose number) as this store's id. */
static int number_ref(const Package *p, const PkgTable *pt, long line, const RecordField *f,
                      const char *v, int64_t *id, PokErr *err)
{
    long long number;
    if (parse_int(v, 1, 1000, &number))
        return row_error(pt, line, f->csv, err, "verwacht een nummer, gevonden '%s'", v);
    int ok = f->show == SHOW_ACTIELIJN_NUMBER ? actielijn_by_number(p, number, id)
                                              : purpose_by_number(p, number, id);
    if (!ok)
        return row_error(pt, line, f->csv, err, "%s %lld bestaat niet in regeling %s",
                         f->show == SHOW_ACTIELIJN_NUMBER ? "actielijn" : "doel", number,
                         p->scheme.code);
    return 0;
}

/* ---- one CSV row into a record ---- */

static int parse_ids(Package *p, PkgTable *pt, long line, const RecordField *f, const char *v,
                     void *rec, PokErr *err)
{
    size_t n = 0;
    int64_t *ids = NULL;
    if (*v) {
        size_t cap = 1;
        for (const char *c = v; *c; c++) cap += *c == ';';
        ids = arena_alloc(&p->a, cap * sizeof *ids);
        char *copy = arena_strdup(&p->a, v), *save = NULL;
        for (char *part = strtok_r(copy, ";", &save); part; part = strtok_r(NULL, ";", &save)) {
            if (f->show == SHOW_ID) {
                long long id;
                if (parse_int(part, 1, LLONG_MAX, &id))
                    return row_error(pt, line, f->csv, err, "verwacht ids gescheiden door ';'");
                ids[n++] = id;
            } else if (number_ref(p, pt, line, f, part, &ids[n++], err)) {
                return -1;
            }
        }
    }
    record_set_ids(rec, f, ids, n);
    return 0;
}

static int parse_field(Package *p, PkgTable *pt, long line, const RecordField *f, const char *v,
                       const char *v2, void *rec, PokErr *err)
{
    char b[80];
    long long n;
    switch (f->type) {
    case FIELD_TEXT:
        record_set_text(rec, f, *v ? arena_strdup(&p->a, unescape(v)) : NULL);
        return 0;
    case FIELD_DATE:
        if (*v && !date_valid(v))
            return row_error(pt, line, f->csv, err,
                             "verwacht een datum JJJJ-MM-DD of leeg, gevonden '%s'", shown(v, b));
        record_set_text(rec, f, *v ? arena_strdup(&p->a, v) : NULL);
        return 0;
    case FIELD_ID:
    case FIELD_INT:
    case FIELD_INT64:
    case FIELD_INT_OPT:
        if (!*v && f->type == FIELD_INT_OPT) return 0;
        if (parse_int(v, f->type == FIELD_ID ? 1 : 0, f->type == FIELD_INT64 ? LLONG_MAX : INT_MAX,
                      &n))
            return row_error(pt, line, f->csv, err, "verwacht een geheel getal, gevonden '%s'",
                             shown(v, b));
        record_set_int(rec, f, n);
        return 0;
    case FIELD_MONEY:
    case FIELD_MONEY_OPT:
        if (!*v && f->type == FIELD_MONEY_OPT) {
            record_set_present(rec, f, 0);
            return 0;
        }
        if (parse_int(v, -MONEY_LIMIT, MONEY_LIMIT, &n))
            return row_error(pt, line, f->csv, err,
                             "verwacht een bedrag in hele eurocenten (bijv. 17500000 voor "
                             "EUR 175.000), gevonden '%s'",
                             shown(v, b));
        record_set_int(rec, f, n);
        if (f->type == FIELD_MONEY_OPT) record_set_present(rec, f, 1);
        return 0;
    case FIELD_BOOL:
        if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
            return row_error(pt, line, f->csv, err, "verwacht 1 of 0, gevonden '%s'", shown(v, b));
        record_set_int(rec, f, v[0] == '1');
        return 0;
    case FIELD_ENUM:
        for (int i = 1; i < f->names->n; i++)
            if (f->names->names[i] && !strcmp(f->names->names[i], v)) {
                record_set_int(rec, f, i);
                return 0;
            }
        return row_error(pt, line, f->csv, err, "onbekende soort '%s'", shown(v, b));
    case FIELD_REF: {
        int64_t id = 0;
        if (!*v) {
            record_set_int(rec, f, 0);
            return 0;
        }
        if (f->show == SHOW_SCHEME_CODE) {
            if (strcmp(v, p->scheme.code) != 0)
                return row_error(pt, line, f->csv, err, "verwacht regeling %s, gevonden '%s'",
                                 p->scheme.code, shown(v, b));
            id = p->scheme.id;
        } else if (f->show == SHOW_ID) {
            if (parse_int(v, 1, LLONG_MAX, &n))
                return row_error(pt, line, f->csv, err, "verwacht een id, gevonden '%s'",
                                 shown(v, b));
            id = n;
        } else if (number_ref(p, pt, line, f, v, &id, err)) {
            return -1;
        }
        record_set_int(rec, f, id);
        return 0;
    }
    case FIELD_IDS:
        return parse_ids(p, pt, line, f, v, rec, err);
    case FIELD_CITE: {
        Citation *c = record_cite_mut(rec, f);
        if (*v && parse_int(v, 1, LLONG_MAX, &n))
            return row_error(pt, line, "bron_id", err, "verwacht een id, gevonden '%s'",
                             shown(v, b));
        c->source_id = *v ? n : 0;
        c->place = v2 && *v2 ? arena_strdup(&p->a, unescape(v2)) : NULL;
        return 0;
    }
    }
    return 0;
}

/* The index of column name in the header, or -1. */
static int column_index(char **header, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(header[i], name)) return (int)i;
    return -1;
}

static const char *muni_of_row(const RecordKind *k, const void *rec)
{
    if (k->id == RECORD_MUNICIPALITY) return ((const Municipality *)rec)->code;
    const RecordField *f = record_field(k, "municipality");
    return f ? record_text(rec, f) : NULL;
}

/* Check the header against the declared fields and read every row of pt. */
static int read_rows(Package *p, PkgTable *pt, const char *text, size_t len, json_t *fields,
                     PokErr *err)
{
    CsvReader *r = csv_open_mem(pt->path, text, len, ',', err);
    if (!r) return -1;
    int rc = csv_next(r, err);
    if (rc == 0) rc = err_set(err, "%s: leeg bestand; verwacht een kopregel", pt->path);
    if (rc < 0) {
        csv_close(r);
        return -1;
    }
    size_t nh = csv_nfields(r);
    char **header = arena_alloc(&p->a, nh * sizeof *header);
    for (size_t i = 0; i < nh; i++) header[i] = arena_strdup(&p->a, csv_field(r, i));
    /* the columns as datapackage.json declares them, in order */
    size_t nd = json_array_size(fields);
    for (size_t i = 0; i < nd || i < nh; i++) {
        const char *declared =
            json_string_value(json_object_get(json_array_get(fields, i), "name"));
        if (i >= nh || !declared || strcmp(declared, header[i]) != 0) {
            csv_close(r);
            return err_set(err,
                           "%s, regel 1, kolom %zu: verwacht kolom '%s' zoals datapackage.json "
                           "die noemt, gevonden '%s'",
                           pt->path, i + 1, declared ? declared : "(geen)",
                           i < nh ? header[i] : "(geen)");
        }
    }
    const RecordKind *k = pt->t->kind;
    /* every column this binary writes for the kind must be there */
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (!f->csv_col || f->sql) continue;
        const char *name = f->type == FIELD_CITE ? "bron_id" : f->csv;
        if (column_index(header, nh, name) < 0) {
            csv_close(r);
            return err_set(err, "%s, regel 1: kolom '%s' ontbreekt", pt->path, name);
        }
    }
    while ((rc = csv_next(r, err)) == 1) {
        long line = csv_line(r);
        if (csv_nfields(r) != nh) {
            rc = err_set(err, "%s, regel %ld: %zu velden, verwacht %zu zoals de kopregel", pt->path,
                         line, csv_nfields(r), nh);
            break;
        }
        if (pt->n == pt->cap) {
            size_t cap = pt->cap ? pt->cap * 2 : 16;
            char *items = arena_alloc(&p->a, cap * k->size);
            long *lines = arena_alloc(&p->a, cap * sizeof *lines);
            if (pt->n) {
                memcpy(items, pt->items, pt->n * k->size);
                memcpy(lines, pt->lines, pt->n * sizeof *lines);
            }
            pt->items = items;
            pt->lines = lines;
            pt->cap = cap;
        }
        void *rec = pt->items + pt->n * k->size;
        memset(rec, 0, k->size);
        pt->lines[pt->n] = line;
        for (size_t i = 0; rc == 1 && i < k->n_fields; i++) {
            const RecordField *f = &k->fields[i];
            if (!f->csv_col || f->sql) continue;
            int at = column_index(header, nh, f->type == FIELD_CITE ? "bron_id" : f->csv);
            int at2 = f->type == FIELD_CITE ? column_index(header, nh, "bron_plaats") : -1;
            if (parse_field(p, pt, line, f, csv_field(r, (size_t)at),
                            at2 >= 0 ? csv_field(r, (size_t)at2) : NULL, rec, err))
                rc = -1;
        }
        if (rc < 0) break;
        pt->n++;
    }
    csv_close(r);
    return rc < 0 ? -1 : 0;
}

/* ---- the descriptor and its resources ---- */

static json_t *find_resource(json_t *resources, const char *name)
{
    size_t i;
    json_t *r;
    json_array_foreach(resources, i, r)
    {
        const char *n = json_string_value(json_object_get(r, "name"));
        if (n && !strcmp(n, name)) return r;
    }
    return NULL;
}

static PkgTable *table_named(Package *p, const char *name)
{
    for (size_t i = 0; i < N_HARVESTED; i++)
        if (!strcmp(harvested_tables[i], name)) return &p->tables[i];
    return NULL;
}

static const ExportTable *export_table(const char *name)
{
    for (size_t t = 0; t < export_n_tables; t++)
        if (!strcmp(export_tables[t].name, name)) return &export_tables[t];
    return NULL;
}

/* Read resource r: its file must exist, be a plain name in the package directory, and
 * match the listed size and hash. The bytes go into the package hash. */
static int read_resource(Package *p, json_t *r, size_t index, crypto_hash_sha256_state *all,
                         Buf *data, char **path_out, PokErr *err)
{
    const char *path = json_string_value(json_object_get(r, "path"));
    if (!path || !*path || strchr(path, '/') || strchr(path, '\\') || path[0] == '.')
        return err_set(err,
                       "%s, veld 'resources[%zu].path': verwacht een bestandsnaam in de map van "
                       "het pakket, zoals 'toekenningen.csv'",
                       p->descriptor_path, index);
    char *full = arena_printf(&p->a, "%s/%s", p->dir, path);
    *path_out = full;
    if (read_whole(full, RESOURCE_MAX, data, err)) return -1;
    json_t *bytes = json_object_get(r, "bytes");
    if (bytes && (!json_is_integer(bytes) || (size_t)json_integer_value(bytes) != data->len))
        return err_set(err,
                       "%s: %zu bytes, maar datapackage.json noemt %lld: het bestand is "
                       "beschadigd of gewijzigd",
                       full, data->len, (long long)json_integer_value(bytes));
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)data->data, data->len);
    crypto_hash_sha256_update(all, (const unsigned char *)data->data, data->len);
    json_t *hash = json_object_get(r, "hash");
    if (hash) {
        const char *listed = json_string_value(hash);
        if (!listed || strncmp(listed, "sha256:", 7) != 0)
            return err_set(err,
                           "%s, veld 'resources[%zu].hash': verwacht 'sha256:' en 64 "
                           "hexadecimale tekens",
                           p->descriptor_path, index);
        char hex[65];
        sha256_hex(h, hex);
        if (strcmp(listed + 7, hex) != 0)
            return err_set(err,
                           "%s: SHA-256 %s, maar datapackage.json noemt %s: het bestand is "
                           "beschadigd of gewijzigd",
                           full, hex, listed + 7);
    }
    return 0;
}

static int read_descriptor(Package *p, Buf *text, PokErr *err)
{
    json_error_t je;
    p->root = json_loadb(text->data, text->len, 0, &je);
    if (!p->root)
        return err_set(err, "%s, regel %d, kolom %d: geen geldige JSON: %s", p->descriptor_path,
                       je.line, je.column, je.text);
    if (!json_is_object(p->root))
        return err_set(err, "%s: verwacht een JSON-object (een datapackage)", p->descriptor_path);
    p->name = json_string_value(json_object_get(p->root, "name"));
    p->created = json_string_value(json_object_get(p->root, "created"));
    if (!p->name || !*p->name || strlen(p->name) > 200)
        return err_set(err, "%s, veld 'name': verwacht de naam van het pakket", p->descriptor_path);
    if (!p->created || strlen(p->created) < 10)
        return err_set(err, "%s, veld 'created': verwacht een datum JJJJ-MM-DD",
                       p->descriptor_path);
    p->created = arena_printf(&p->a, "%.10s", p->created);
    if (!date_valid(p->created))
        return err_set(err, "%s, veld 'created': verwacht een datum JJJJ-MM-DD, gevonden '%s'",
                       p->descriptor_path, p->created);
    const char *scheme =
        json_string_value(json_object_get(json_object_get(p->root, "regeling"), "code"));
    if (!scheme)
        return err_set(err, "%s, veld 'regeling.code': verwacht de code van de regeling (POK)",
                       p->descriptor_path);
    p->sharing = json_object_get(p->root, "delen");
    if (p->sharing && !json_is_object(p->sharing))
        return err_set(err, "%s, veld 'delen': verwacht een object {\"GM1734\": \"cijfers\"}",
                       p->descriptor_path);
    if (!json_is_array(json_object_get(p->root, "resources")))
        return err_set(err, "%s, veld 'resources': verwacht een lijst van tabellen",
                       p->descriptor_path);
    return 0;
}

static int load_scheme(Store *s, Package *p, PokErr *err)
{
    const char *code =
        json_string_value(json_object_get(json_object_get(p->root, "regeling"), "code"));
    int found = store_scheme_get(s, code, &p->a, &p->scheme, err);
    if (found < 0) return -1;
    if (!found)
        return err_set(err, "%s, veld 'regeling.code': regeling '%s' is onbekend in deze database",
                       p->descriptor_path, code);
    return store_actielijn_list(s, p->scheme.id, &p->a, &p->actielijnen, &p->n_actielijnen, err) ||
                   store_purpose_list(s, p->scheme.id, &p->a, &p->purposes, &p->n_purposes, err)
               ? -1
               : 0;
}

/* ---- references within the package ---- */

static const void *row_by_id(const PkgTable *pt, int64_t id, size_t *index)
{
    const RecordField *f = record_field(pt->t->kind, "id");
    for (size_t i = 0; f && i < pt->n; i++) {
        const void *rec = pt->items + i * pt->t->kind->size;
        if (record_int(rec, f) == id) {
            if (index) *index = i;
            return rec;
        }
    }
    return NULL;
}

static const char *target_table(const char *refers)
{
    if (!strcmp(refers, "pot")) return "potten";
    if (!strcmp(refers, "measure")) return "maatregelen";
    if (!strcmp(refers, "decision")) return "besluiten";
    if (!strcmp(refers, "source")) return "bronnen";
    return NULL;
}

static int check_references(Store *s, Package *p, PokErr *err)
{
    PkgTable *munis = table_named(p, "gemeenten");
    if (munis->n == 0) return err_set(err, "%s: geen gemeente in het pakket", munis->path);
    Arena tmp = {0};
    for (size_t i = 0; i < munis->n; i++) {
        const Municipality *m = (const Municipality *)(void *)(munis->items + i * sizeof *m);
        Municipality known;
        int found = m->code ? store_municipality_get(s, m->code, &tmp, &known, err) : 0;
        if (found < 0) return arena_free(&tmp), -1;
        if (!found) {
            arena_free(&tmp);
            return row_error(munis, munis->lines[i], "code", err,
                             "onbekende gemeente '%s': verwacht een CBS-code die deze database "
                             "kent (pok import municipalities)",
                             m->code ? m->code : "");
        }
    }
    arena_free(&tmp);
    for (size_t t = 0; t < N_HARVESTED; t++) {
        PkgTable *pt = &p->tables[t];
        const RecordKind *k = pt->t->kind;
        pt->munis = arena_alloc(&p->a, (pt->n ? pt->n : 1) * sizeof *pt->munis);
        for (size_t i = 0; i < pt->n; i++) {
            const void *rec = pt->items + i * k->size;
            const char *muni = muni_of_row(k, rec);
            for (size_t j = 0; j < k->n_fields; j++) {
                const RecordField *f = &k->fields[j];
                if (!f->csv_col || f->sql) continue;
                const char *target = NULL, *column = f->csv;
                int64_t id = 0;
                if (f->type == FIELD_CITE) {
                    target = "bronnen";
                    column = "bron_id";
                    id = record_cite(rec, f)->source_id;
                } else if (f->type == FIELD_REF && f->show == SHOW_ID && f->refers) {
                    target = target_table(f->refers);
                    id = record_int(rec, f);
                }
                if (!target || !id) continue;
                const PkgTable *to = table_named(p, target);
                const void *ref = row_by_id(to, id, NULL);
                if (!ref)
                    return row_error(pt, pt->lines[i], column, err, "id %lld staat niet in %s.csv",
                                     (long long)id, target);
                if (!strcmp(target, "maatregelen") && !muni)
                    muni = muni_of_row(to->t->kind, ref); /* amounts, evaluations */
            }
            if (k->id == RECORD_SOURCE) {
                pt->munis[i] = muni; /* national sources have none */
                continue;
            }
            int listed = 0;
            for (size_t m = 0; muni && m < munis->n && !listed; m++)
                listed = !strcmp(muni, ((const Municipality *)(void *)munis->items)[m].code);
            if (!listed)
                return row_error(pt, pt->lines[i],
                                 record_field(k, "municipality") ? "gemeente" : "maatregel_id", err,
                                 "gemeente '%s' staat niet in gemeenten.csv", muni ? muni : "");
            pt->munis[i] = muni;
        }
    }
    return 0;
}

/* ---- reading a whole package ---- */

static void package_free(Package *p)
{
    if (p->root) json_decref(p->root);
    arena_free(&p->a);
}

static int package_read(Store *s, const char *path, Package *p, PokErr *err)
{
    memset(p, 0, sizeof *p);
    struct stat st;
    if (stat(path, &st) != 0) return err_set(err, "%s: bestaat niet: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode)) {
        p->dir = arena_strdup(&p->a, path);
        p->descriptor_path = arena_printf(&p->a, "%s/datapackage.json", path);
    } else {
        p->descriptor_path = arena_strdup(&p->a, path);
        const char *slash = strrchr(path, '/');
        p->dir = slash ? arena_printf(&p->a, "%.*s", (int)(slash - path), path)
                       : arena_strdup(&p->a, ".");
    }
    Buf text = {0};
    int rc = read_whole(p->descriptor_path, DESCRIPTOR_MAX, &text, err);
    crypto_hash_sha256_state all;
    crypto_hash_sha256_init(&all);
    if (rc == 0) {
        crypto_hash_sha256_update(&all, (const unsigned char *)text.data, text.len);
        rc = read_descriptor(p, &text, err);
    }
    buf_free(&text);
    if (rc == 0) rc = load_scheme(s, p, err);
    json_t *resources = rc == 0 ? json_object_get(p->root, "resources") : NULL;
    /* every table of the export must be listed; the harvested ones are read */
    for (size_t t = 0; rc == 0 && t < export_n_tables; t++)
        if (!find_resource(resources, export_tables[t].name))
            rc = err_set(err, "%s, veld 'resources': tabel '%s' ontbreekt", p->descriptor_path,
                         export_tables[t].name);
    size_t i;
    json_t *r;
    json_array_foreach(resources, i, r)
    {
        if (rc) break;
        const char *name = json_string_value(json_object_get(r, "name"));
        Buf data = {0};
        char *file = NULL;
        rc = read_resource(p, r, i, &all, &data, &file, err);
        PkgTable *pt = rc == 0 && name ? table_named(p, name) : NULL;
        if (pt && !pt->t) {
            pt->t = export_table(name);
            pt->path = file;
            rc = read_rows(p, pt, data.data, data.len,
                           json_object_get(json_object_get(r, "schema"), "fields"), err);
        }
        buf_free(&data);
    }
    if (rc == 0) {
        unsigned char h[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&all, h);
        sha256_hex(h, p->sha256);
        rc = check_references(s, p, err);
    }
    return rc;
}

/* ---- writing one municipality ---- */

typedef struct IdMap {
    int64_t *from, *to;
    size_t n, cap;
} IdMap;

typedef struct Writer {
    Store *s;
    Package *p;
    const char *code;
    HarvestPackage hp;
    IdMap pots, measures, decisions, sources;
    size_t records;
    Arena a;
} Writer;

static void map_put(IdMap *m, int64_t from, int64_t to)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 32;
        m->from = xrealloc(m->from, m->cap * sizeof *m->from);
        m->to = xrealloc(m->to, m->cap * sizeof *m->to);
    }
    m->from[m->n] = from;
    m->to[m->n++] = to;
}

static int64_t map_get(const IdMap *m, int64_t from)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->from[i] == from) return m->to[i];
    return 0;
}

static void map_free(IdMap *m)
{
    free(m->from);
    free(m->to);
    memset(m, 0, sizeof *m);
}

/* The source of this store for package source id (created at its first citation): kind
 * "open data", naming the package, its hash and its date; 0 cites the package itself. */
static int source_for(Writer *w, int64_t id, int64_t *out, PokErr *err)
{
    if (!id) {
        *out = w->hp.source_id;
        return 0;
    }
    if ((*out = map_get(&w->sources, id))) return 0;
    const Source *orig = row_by_id(table_named(w->p, "bronnen"), id, NULL);
    /* a note near the length limit is left in the package rather than cut mid-character */
    const char *note = orig->note && strlen(orig->note) <= 9000 ? orig->note
                       : orig->note                             ? "(toelichting: zie het pakket)"
                                                                : "";
    Source src = {
        .kind = "open data",
        .title = orig->title ? orig->title : "(zonder titel)",
        .reference = orig->reference,
        .date = orig->date,
        .municipality = w->code,
        .note = arena_printf(&w->a,
                             "Geoogst uit open-datapakket %s van %s (SHA-256 %s), bron %lld "
                             "daarin; oorspronkelijke soort: %s.%s%s",
                             w->p->name, w->p->created, w->p->sha256, (long long)id,
                             orig->kind ? orig->kind : "onbekend", *note ? " " : "", note),
    };
    if (store_source_add(w->s, &src, err)) return -1;
    map_put(&w->sources, id, src.id);
    *out = src.id;
    return 0;
}

/* Turn the package's ids in rec into this store's. */
static int remap(Writer *w, const RecordKind *k, void *rec, PokErr *err)
{
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (f->type == FIELD_CITE) {
            Citation *c = record_cite_mut(rec, f);
            if (source_for(w, c->source_id, &c->source_id, err)) return -1;
        } else if (f->type == FIELD_REF && f->show == SHOW_ID && f->refers) {
            int64_t id = record_int(rec, f);
            if (!id) continue;
            if (!strcmp(f->refers, "source")) {
                if (source_for(w, id, &id, err)) return -1;
            } else {
                const IdMap *m = !strcmp(f->refers, "pot")        ? &w->pots
                                 : !strcmp(f->refers, "measure")  ? &w->measures
                                 : !strcmp(f->refers, "decision") ? &w->decisions
                                                                  : NULL;
                id = m ? map_get(m, id) : 0;
            }
            record_set_int(rec, f, id);
        } else if ((f->type == FIELD_REF && f->show == SHOW_SCHEME_CODE) ||
                   !strcmp(f->column, "scheme_id")) {
            record_set_int(rec, f, w->p->scheme.id);
        }
    }
    return 0;
}

static int write_one(Writer *w, RecordKindId kind, void *rec, PokErr *err)
{
    int64_t old_id = 0;
    const RecordField *idf = record_field(&record_kinds[kind], "id");
    if (idf) old_id = record_int(rec, idf);
    if (remap(w, &record_kinds[kind], rec, err)) return -1;
    int rc;
    switch (kind) {
    case RECORD_DECISION:
        rc = store_decision_add(w->s, rec, err);
        if (rc == 0) map_put(&w->decisions, old_id, ((Decision *)rec)->id);
        break;
    case RECORD_POT:
        rc = store_pot_add(w->s, rec, err);
        if (rc == 0) map_put(&w->pots, old_id, ((Pot *)rec)->id);
        break;
    case RECORD_ALLOCATION:
        ((Allocation *)rec)->expect_version = 0;
        rc = store_allocation_add(w->s, rec, err);
        break;
    case RECORD_MEASURE:
        ((Measure *)rec)->row_version = 0;
        rc = store_measure_add(w->s, rec, err);
        if (rc == 0) map_put(&w->measures, old_id, ((Measure *)rec)->id);
        break;
    case RECORD_MEASURE_AMOUNT:
        ((MeasureAmount *)rec)->row_version = 0;
        rc = store_measure_amount_set(w->s, rec, err);
        break;
    case RECORD_RESERVE_OPENING:
        ((ReserveOpening *)rec)->row_version = 0;
        rc = store_reserve_opening_set(w->s, rec, err);
        break;
    case RECORD_RESERVE_MOVEMENT:
        rc = store_reserve_movement_add(w->s, rec, err);
        break;
    case RECORD_REQUEST:
        rc = store_request_add(w->s, rec, err);
        break;
    case RECORD_EVALUATION:
        rc = store_evaluation_add(w->s, rec, err);
        break;
    case RECORD_STATED_FIGURE:
        rc = store_stated_add(w->s, rec, err);
        break;
    case RECORD_CLOSED_YEAR:
        rc = store_year_close(w->s, rec, err);
        break;
    default:
        return 0;
    }
    if (rc == 0) w->records++;
    return rc;
}

static int by_version(const void *x, const void *y)
{
    const Allocation *a = *(const Allocation *const *)x, *b = *(const Allocation *const *)y;
    return a->version - b->version;
}

static int by_year(const void *x, const void *y)
{
    const ClosedYear *a = *(const ClosedYear *const *)x, *b = *(const ClosedYear *const *)y;
    return a->year - b->year;
}

/* Every record of table pt of municipality code, in the order the store needs: allocation
 * versions oldest first (the store numbers them again), closed years earliest first. */
static int write_table(Writer *w, PkgTable *pt, PokErr *err)
{
    const RecordKind *k = pt->t->kind;
    if (k->id == RECORD_MUNICIPALITY || k->id == RECORD_SOURCE) return 0;
    void **rows = xcalloc(pt->n ? pt->n : 1, sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < pt->n; i++) {
        if (strcmp(pt->munis[i], w->code) != 0) continue;
        void *copy = arena_alloc(&w->a, k->size);
        memcpy(copy, pt->items + i * k->size, k->size);
        rows[n++] = copy;
    }
    if (k->id == RECORD_ALLOCATION) qsort(rows, n, sizeof *rows, by_version);
    if (k->id == RECORD_CLOSED_YEAR) qsort(rows, n, sizeof *rows, by_year);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) rc = write_one(w, k->id, rows[i], err);
    free(rows);
    return rc;
}

/* Whether the package lists code under "gegenereerd" (pok demo --synthetic-national). */
static int package_generated(const Package *p, const char *code)
{
    json_t *list = json_object_get(p->root, "gegenereerd");
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) if (json_is_string(v) &&
                                       strcmp(json_string_value(v), code) == 0) return 1;
    return 0;
}

static SharingLevel package_sharing(const Package *p, const char *code, const HarvestOptions *o,
                                    PokErr *err, int *bad)
{
    *bad = 0;
    if (o->share_given) return o->share;
    const char *name = json_string_value(json_object_get(p->sharing, code));
    SharingLevel level = SHARE_NAMED; /* published by the municipality's own act */
    if (name && sharing_level_parse(name, &level)) {
        *bad = 1;
        err_set(err,
                "%s, veld 'delen.%s': verwacht niets, anoniem, cijfers of maatregelen, gevonden "
                "'%s'",
                p->descriptor_path, code, name);
    }
    return level;
}

/* Refuse to overwrite records entered directly in this store (unless --replace). */
static int check_direct(Store *s, const Package *p, const char *code, const HarvestPackage *last,
                        int found, PokErr *err)
{
    if (found) {
        int64_t n = 0;
        if (store_harvest_direct_changes(s, code, last->harvested_at, &n, err)) return -1;
        if (n)
            return err_set(err,
                           "%s: %s is na de oogst van versie %d (%s) %lld keer rechtstreeks in "
                           "deze database gewijzigd; een nieuw pakket zou dat vervangen. Gebruik "
                           "--replace om het toch te doen; niets opgeslagen",
                           p->descriptor_path, code, last->version, last->harvested_at,
                           (long long)n);
        return 0;
    }
    Arena a = {0};
    MuniData d;
    int loaded = store_load(s, code, p->scheme.id, &a, &d, err);
    int has = loaded > 0 && muni_data_has_records(&d);
    arena_free(&a);
    if (loaded < 0) return -1;
    if (has)
        return err_set(err,
                       "%s: %s heeft al gegevens die rechtstreeks in deze database zijn "
                       "ingevoerd, niet geoogst; gebruik --replace om ze door het pakket te "
                       "vervangen; niets opgeslagen",
                       p->descriptor_path, code);
    return 0;
}

static int harvest_muni(Store *s, Package *p, const char *code, const HarvestOptions *o,
                        HarvestMuni *out, Arena *ra, PokErr *err)
{
    Writer w = {.s = s, .p = p, .code = code};
    HarvestPackage last = {0};
    int found = store_harvest_latest(s, code, p->scheme.id, &w.a, &last, err);
    int rc = found < 0 ? -1 : 0;
    out->code = arena_strdup(ra, code);
    if (rc == 0 && found && !strcmp(last.sha256, p->sha256)) {
        out->outcome = HARVEST_UNCHANGED;
        out->version = last.version;
        out->sharing = last.sharing;
        arena_free(&w.a);
        return 0;
    }
    if (rc == 0 && found && strcmp(p->created, last.created) < 0)
        rc = err_set(err,
                     "%s: pakket van %s is ouder dan versie %d van %s (%s) die al geoogst is; "
                     "niets opgeslagen",
                     p->descriptor_path, p->created, last.version, code, last.created);
    int bad = 0;
    SharingLevel level = rc == 0 ? package_sharing(p, code, o, err, &bad) : SHARE_NONE;
    if (bad) rc = -1;
    if (rc == 0 && !o->replace) rc = check_direct(s, p, code, &last, found, err);
    if (rc == 0) {
        char *reason = arena_printf(&w.a, "vervangen door open-datapakket %s van %s (SHA-256 %s)",
                                    p->name, p->created, p->sha256);
        rc = store_harvest_clear(s, code, p->scheme.id, reason, err);
    }
    if (rc == 0) {
        Source pkg = {.kind = "open data",
                      .title = arena_printf(&w.a, "Open-datapakket %s", p->name),
                      .reference = arena_printf(&w.a, "sha256:%s", p->sha256),
                      .date = p->created,
                      .municipality = code,
                      .note = arena_printf(&w.a,
                                           "Geoogst met pok harvest uit %s: pakket %s van %s, "
                                           "SHA-256 %s (datapackage.json en zijn tabellen)",
                                           p->descriptor_path, p->name, p->created, p->sha256)};
        rc = store_source_add(s, &pkg, err);
        w.hp.source_id = pkg.id;
    }
    for (size_t t = 0; rc == 0 && t < N_HARVESTED; t++) rc = write_table(&w, &p->tables[t], err);
    if (rc == 0) rc = store_sharing_set(s, code, level, err);
    /* generated figures stay marked as such in the national store */
    if (rc == 0 && package_generated(p, code)) rc = store_generated_set(s, code, 1, 0, err);
    if (rc == 0) {
        w.hp.municipality = code;
        w.hp.scheme_id = p->scheme.id;
        w.hp.name = p->name;
        w.hp.sha256 = p->sha256;
        w.hp.created = p->created;
        w.hp.sharing = level;
        rc = store_harvest_add(s, &w.hp, &w.a, err);
    }
    if (rc == 0) {
        out->outcome = found ? HARVEST_REPLACED : HARVEST_NEW;
        out->version = w.hp.version;
        out->records = w.records;
        out->sharing = level;
    }
    map_free(&w.pots);
    map_free(&w.measures);
    map_free(&w.decisions);
    map_free(&w.sources);
    arena_free(&w.a);
    return rc;
}

void harvest_report_free(HarvestReport *rep)
{
    arena_free(&rep->arena);
    memset(rep, 0, sizeof *rep);
}

int harvest_package(Store *s, const char *path, const HarvestOptions *o, HarvestReport *rep,
                    PokErr *err)
{
    harvest_report_free(rep);
    Package p;
    int rc = package_read(s, path, &p, err);
    if (rc == 0) {
        rep->descriptor = arena_strdup(&rep->arena, p.descriptor_path);
        rep->name = arena_strdup(&rep->arena, p.name);
        rep->created = arena_strdup(&rep->arena, p.created);
        memcpy(rep->sha256, p.sha256, sizeof rep->sha256);
        PkgTable *munis = table_named(&p, "gemeenten");
        rep->munis = arena_alloc(&rep->arena, munis->n * sizeof *rep->munis);
        char *actor = xstrdup(store_actor(s));
        store_set_actor(s, HARVEST_ACTOR);
        rc = store_begin(s, err);
        for (size_t i = 0; rc == 0 && i < munis->n; i++) {
            const Municipality *m = (const Municipality *)(void *)munis->items + i;
            rc = harvest_muni(s, &p, m->code, o, &rep->munis[rep->n_munis++], &rep->arena, err);
        }
        if (rc == 0 && o->dry_run) rc = store_check_closed(s, err);
        if (rc == 0 && !o->dry_run)
            rc = store_commit(s, err);
        else
            store_rollback(s);
        store_set_actor(s, actor);
        free(actor);
    }
    package_free(&p);
    return rc;
}

/* ---- finding packages ---- */

static int has_descriptor(const char *dir)
{
    Buf path = {0};
    struct stat st;
    buf_printf(&path, "%s/datapackage.json", dir);
    int found = stat(path.data, &st) == 0 && S_ISREG(st.st_mode);
    buf_free(&path);
    return found;
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int harvest_find(const char *path, char ***out, size_t *n, PokErr *err)
{
    *out = NULL;
    *n = 0;
    struct stat st;
    if (stat(path, &st) != 0) return err_set(err, "%s: bestaat niet: %s", path, strerror(errno));
    if (!S_ISDIR(st.st_mode) || has_descriptor(path)) {
        *out = xmalloc(sizeof **out);
        (*out)[(*n)++] = xstrdup(path);
        return 0;
    }
    DIR *d = opendir(path);
    if (!d) return err_set(err, "%s: kan de map niet lezen: %s", path, strerror(errno));
    struct dirent *e;
    size_t cap = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        Buf sub = {0};
        buf_printf(&sub, "%s/%s", path, e->d_name);
        if (has_descriptor(sub.data)) {
            if (*n == cap) {
                cap = cap ? cap * 2 : 8;
                *out = xrealloc(*out, cap * sizeof **out);
            }
            (*out)[(*n)++] = xstrdup(sub.data);
        }
        buf_free(&sub);
    }
    closedir(d);
    if (!*n) return err_set(err, "%s: geen datapackage.json, ook niet in een map daaronder", path);
    qsort(*out, *n, sizeof **out, by_name);
    return 0;
}
