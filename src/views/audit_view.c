/* audit_view.c: the fields an audit row changed, from its JSON before and after (jansson). */
#include "audit_view.h"
#include "../dutch_time.h"
#include "../money.h"
#include "../record.h"
#include "../store/store_audit.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *value_text(Arena *a, const json_t *v)
{
    if (!v || json_is_null(v)) return "leeg";
    if (json_is_string(v)) return arena_strdup(a, json_string_value(v));
    if (json_is_integer(v)) return arena_printf(a, "%lld", (long long)json_integer_value(v));
    if (json_is_true(v)) return "ja";
    if (json_is_false(v)) return "nee";
    char *dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    const char *text = arena_strdup(a, dump ? dump : "");
    free(dump);
    return text;
}

static json_t *parse_object(const char *text)
{
    if (!text) return NULL;
    json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);
    if (v && !json_is_object(v)) {
        json_decref(v);
        return NULL;
    }
    return v;
}

static void add(Arena *a, AuditChange **items, size_t *n, size_t *cap, const char *field,
                const char *before, const char *after)
{
    *items = arena_grow(a, *items, sizeof **items, cap, *n + 1);
    (*items)[(*n)++] = (AuditChange){arena_strdup(a, field), before, after};
}

/* How a snapshot key and its value are shown: the name of the field and the value as
 * text, or NULL for a key that is not shown. */
typedef struct Shown {
    Arena *a;
    const AuditEntry *e;
    const MuniData *d;      /* readable: the names references point to; NULL: keys and values raw */
    const RecordKind *kind; /* the table's field table, or NULL */
} Shown;

static const char *shown_label(const Shown *sh, const char *key);
static const char *shown_value(const Shown *sh, const char *key, const json_t *v);

/* A changed value, as the reader sees it: both texts, or NULL for a key not shown. */
static void add_shown(const Shown *sh, AuditChange **items, size_t *n, size_t *cap, const char *key,
                      const json_t *before, const json_t *after, int has_before, int has_after)
{
    const char *label = shown_label(sh, key);
    if (!label) return;
    add(sh->a, items, n, cap, label, has_before ? shown_value(sh, key, before) : NULL,
        has_after ? shown_value(sh, key, after) : NULL);
}

static void collect(const Shown *sh, AuditChange **out, size_t *n)
{
    Arena *a = sh->a;
    const AuditEntry *e = sh->e;
    AuditChange *items = NULL;
    size_t count = 0, cap = 0;
    json_t *before = parse_object(e->before_json), *after = parse_object(e->after_json);
    if ((e->before_json && !before) || (e->after_json && !after)) {
        add(a, &items, &count, &cap, "gegevens", e->before_json, e->after_json);
    } else if (before && after) {
        const char *key;
        json_t *v;
        json_object_foreach(after, key, v)
        {
            json_t *old = json_object_get(before, key);
            if (!json_equal(old, v) && !(json_is_null(v) && !old))
                add_shown(sh, &items, &count, &cap, key, old, v, 1, 1);
        }
        json_object_foreach(before, key, v)
        {
            if (!json_object_get(after, key))
                add_shown(sh, &items, &count, &cap, key, v, NULL, 1, 1);
        }
    } else if (after || before) {
        const char *key;
        json_t *v;
        json_object_foreach(after ? after : before, key, v)
        {
            if (json_is_null(v) || strcmp(key, "id") == 0) continue;
            add_shown(sh, &items, &count, &cap, key, v, v, !after, after != NULL);
        }
    }
    json_decref(before);
    json_decref(after);
    *out = items;
    *n = count;
}

void audit_changes(Arena *a, const AuditEntry *e, AuditChange **out, size_t *n)
{
    Shown sh = {a, e, NULL, NULL};
    collect(&sh, out, n);
}

static const RecordKind *kind_of_table(const char *table)
{
    for (size_t i = 0; table && i < RECORD_N_KINDS; i++)
        if (strcmp(record_kinds[i].table, table) == 0) return &record_kinds[i];
    return NULL;
}

void audit_changes_readable(Arena *a, const AuditEntry *e, const MuniData *d, AuditChange **out,
                            size_t *n)
{
    static const MuniData none = {0};
    Shown sh = {a, e, d ? d : &none, kind_of_table(e->table_name)};
    collect(&sh, out, n);
}

/* Joined "field: before → after" lines of the changes. */
static const char *diff_text(Arena *a, const AuditChange *c, size_t n, const char *sep)
{
    Buf b = {0};
    for (size_t i = 0; i < n; i++) {
        if (i) buf_puts(&b, sep);
        if (c[i].before && c[i].after)
            buf_printf(&b, "%s: %s → %s", c[i].field, c[i].before, c[i].after);
        else
            buf_printf(&b, "%s: %s", c[i].field, c[i].before ? c[i].before : c[i].after);
    }
    const char *text = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return text;
}

const char *audit_diff_readable(Arena *a, const AuditEntry *e, const MuniData *d, const char *sep)
{
    AuditChange *c;
    size_t n;
    audit_changes_readable(a, e, d, &c, &n);
    return diff_text(a, c, n, sep);
}

const char *audit_diff_text(Arena *a, const AuditEntry *e, const char *sep)
{
    AuditChange *c;
    size_t n;
    audit_changes(a, e, &c, &n);
    return diff_text(a, c, n, sep);
}

/* ---- what people read: labels, euros, names, Dutch dates and times ---- */

/* Snapshot keys of the audited tables without a field table, whose rows the store writes
 * by hand (store_closing.c: reopened years; store_ledger.c: ledger imports;
 * store_users.c: publishing; store_source_file.c: a source's document; store_sharing.c:
 * sharing with the national monitor, generated figures). Every other label
 * comes from the field tables
 * (record_tables.c). */
typedef enum ExtraValue { EXTRA_TEXT, EXTRA_MONEY, EXTRA_SOURCE } ExtraValue;
static const struct {
    const char *table, *key, *label;
    ExtraValue value;
} extra_keys[] = {
    {"year_reopening", "year", "Jaar", EXTRA_TEXT},
    {"year_reopening", "reason", "Reden", EXTRA_TEXT},
    {"year_reopening", "actor", "Door", EXTRA_TEXT},
    {"year_reopening", "at", "Tijdstip", EXTRA_TEXT},
    {"ledger_import", "source_id", "Bron", EXTRA_SOURCE},
    {"ledger_import", "file_name", "Bestand", EXTRA_TEXT},
    {"ledger_import", "imported_at", "Ingelezen op", EXTRA_TEXT},
    {"ledger_import", "actor", "Door", EXTRA_TEXT},
    {"ledger_import", "lines", "Regels", EXTRA_TEXT},
    {"ledger_import", "bookings_new", "Nieuwe boekingen", EXTRA_TEXT},
    {"ledger_import", "bookings_known", "Boekingen die er al waren", EXTRA_TEXT},
    {"ledger_import", "unmapped_lines", "Regels zonder maatregel", EXTRA_TEXT},
    {"ledger_import", "unmapped_cents", "Bedrag zonder maatregel", EXTRA_MONEY},
    {"ledger_import", "total_cents", "Totaal", EXTRA_MONEY},
    {"municipality_public", "public", "Openbaar", EXTRA_TEXT},
    {"municipality_sharing", "level", "Deelt met de landelijke monitor", EXTRA_TEXT},
    {"municipality_generated", "generated", "Gegenereerd", EXTRA_TEXT},
    {"municipality_generated", "seed", "Zaad van de generator", EXTRA_TEXT},
    {"source_file", "source_id", "Bron", EXTRA_SOURCE},
    {"source_file", "file_name", "Bestand", EXTRA_TEXT},
    {"source_file", "content_type", "Soort bestand", EXTRA_TEXT},
    {"source_file", "size", "Grootte in bytes", EXTRA_TEXT},
    {"source_file", "sha256", "SHA-256", EXTRA_TEXT},
    {"harvest_package", "name", "Pakket", EXTRA_TEXT},
    {"harvest_package", "sha256", "SHA-256", EXTRA_TEXT},
    {"harvest_package", "created", "Datum van het pakket", EXTRA_TEXT},
    {"harvest_package", "version", "Versie", EXTRA_TEXT},
    {"harvest_package", "sharing_level", "Delen", EXTRA_TEXT},
    {"harvest_package", "source_id", "Bron", EXTRA_SOURCE},
};

static int extra_key(const char *table, const char *key)
{
    for (size_t i = 0; table && i < sizeof extra_keys / sizeof extra_keys[0]; i++)
        if (strcmp(extra_keys[i].table, table) == 0 && strcmp(extra_keys[i].key, key) == 0)
            return (int)i;
    return -1;
}

/* The field of a snapshot key; *place is set for the place half of a citation. */
static const RecordField *key_field(const RecordKind *k, const char *key, int *place)
{
    *place = 0;
    if (!k) return NULL;
    const RecordField *f = record_field(k, key);
    if (f) return f;
    int is_place = strcmp(key, "source_place") == 0;
    if (!is_place && strcmp(key, "source_id") != 0) return NULL;
    for (size_t i = 0; i < k->n_fields; i++)
        if (k->fields[i].type == FIELD_CITE) {
            *place = is_place;
            return &k->fields[i];
        }
    return NULL;
}

static const char *shown_label(const Shown *sh, const char *key)
{
    if (!sh->d) return key;
    int place;
    const RecordField *f = key_field(sh->kind, key, &place);
    if (f) return place && f->label ? "Plaats in de bron" : f->label;
    int x = extra_key(sh->e->table_name, key);
    return x < 0 ? NULL : extra_keys[x].label;
}

static const char *money_text(Arena *a, int64_t cents)
{
    char buf[MONEY_BUFSZ];
    return arena_strdup(a, money_format(cents, MONEY_EURO, buf));
}

/* The name people know the record of table `refers` with this id by. */
static const char *ref_name(Arena *a, const MuniData *d, const char *refers, int64_t id)
{
    if (strcmp(refers, "measure") == 0) {
        const Measure *m = muni_measure(d, id);
        if (m) return m->name;
    } else if (strcmp(refers, "decision") == 0) {
        const Decision *dec = muni_decision(d, id);
        if (dec)
            return dec->date ? arena_printf(a, "%s (%s)", dec->title ? dec->title : "besluit",
                                            date_nl(a, dec->date))
                             : dec->title;
    } else if (strcmp(refers, "source") == 0) {
        const Source *src = muni_source(d, id);
        if (src) return src->title;
    } else if (strcmp(refers, "pot") == 0) {
        for (size_t i = 0; i < d->n_pots; i++)
            if (d->pots[i].id == id) return d->pots[i].name;
    } else if (strcmp(refers, "actielijn") == 0) {
        const Actielijn *al = muni_actielijn(d, id);
        if (al) return arena_printf(a, "%d. %s", al->number, al->name);
    } else if (strcmp(refers, "scheme") == 0) {
        if (d->scheme.id == id && d->scheme.code) return d->scheme.code;
    }
    /* a record that no longer exists, or not of this municipality's data */
    return arena_printf(a, "%s %lld", audit_table_nl(refers), (long long)id);
}

/* An integer of the snapshot, 0 when absent. */
static int64_t snap_int(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

/* "2025" or "2022-2027" from year and year_to (or year_from and year_to). */
static const char *snap_years(Arena *a, const json_t *o, const char *from_key)
{
    int64_t from = snap_int(o, from_key), to = snap_int(o, "year_to");
    if (to && to != from) return arena_printf(a, "%lld-%lld", (long long)from, (long long)to);
    return arena_printf(a, "%lld", (long long)from);
}

/* ", actielijn 3. Naam" when the snapshot names one, else "". */
static const char *snap_actielijn(Arena *a, const MuniData *d, const json_t *o)
{
    int64_t id = snap_int(o, "actielijn_id");
    return id ? arena_printf(a, ", actielijn %s", ref_name(a, d, "actielijn", id)) : "";
}

const char *audit_subject(Arena *a, const AuditEntry *e, const MuniData *d)
{
    const char *table = e->table_name ? e->table_name : "";
    const char *plain =
        e->record_id ? arena_printf(a, "%s %lld", audit_table_nl(table), (long long)e->record_id)
                     : audit_table_nl(table);
    static const char *const named[] = {"measure", "decision", "source", "pot"};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strcmp(table, named[i]) == 0 && e->record_id && d) {
            const char *name = ref_name(a, d, table, e->record_id);
            if (strcmp(name, plain) != 0)
                return arena_printf(a, "%s %s", audit_table_nl(table), name);
        }
    json_t *o = parse_object(e->after_json ? e->after_json : e->before_json);
    if (!o) return plain;
    const char *out = plain;
    if (strcmp(table, "measure_amount") == 0) {
        int64_t m = snap_int(o, "measure_id");
        out =
            arena_printf(a, "%s %lld van maatregel %s",
                         snap_int(o, "kind") == AMOUNT_REALISED ? "realisatie" : "plan",
                         (long long)snap_int(o, "year"),
                         d ? ref_name(a, d, "measure", m) : arena_printf(a, "%lld", (long long)m));
    } else if (strcmp(table, "allocation") == 0) {
        out = arena_printf(a, "toekenning %s%s", snap_years(a, o, "year"),
                           d ? snap_actielijn(a, d, o) : "");
    } else if (strcmp(table, "reserve_opening") == 0) {
        out = arena_printf(a, "beginstand van de reserve op 1 januari %lld",
                           (long long)snap_int(o, "year"));
    } else if (strcmp(table, "reserve_movement") == 0) {
        ReserveKind k = (ReserveKind)snap_int(o, "kind");
        out = k == RESERVE_TRANSFER
                  ? arena_printf(a, "overheveling van %lld naar %lld",
                                 (long long)snap_int(o, "year"), (long long)snap_int(o, "to_year"))
                  : arena_printf(a, "%s %lld",
                                 k == RESERVE_DEPOSIT      ? "storting in de reserve"
                                 : k == RESERVE_WITHDRAWAL ? "onttrekking uit de reserve"
                                                           : "reservemutatie",
                                 (long long)snap_int(o, "year"));
    } else if (strcmp(table, "evaluation") == 0 && d) {
        out = arena_printf(a, "evaluatie van maatregel %s",
                           ref_name(a, d, "measure", snap_int(o, "measure_id")));
    } else if (strcmp(table, "stated_figure") == 0) {
        const json_t *desc = json_object_get(o, "description");
        out = arena_printf(a, "genoemd bedrag %s%s%s", snap_years(a, o, "year_from"),
                           json_is_string(desc) ? ": " : "",
                           json_is_string(desc) ? json_string_value(desc) : "");
    } else if (strcmp(table, "inhabitants") == 0 || strcmp(table, "closed_year") == 0 ||
               strcmp(table, "year_reopening") == 0) {
        out = arena_printf(a, "%s %lld", audit_table_nl(table), (long long)snap_int(o, "year"));
    }
    out = arena_strdup(a, out);
    json_decref(o);
    return out;
}

/* A list of ids (actielijnen, purposes) as their numbers: "2, 3". */
static const char *ids_text(Arena *a, const MuniData *d, const RecordField *f, const json_t *v)
{
    if (!json_is_array(v) || json_array_size(v) == 0) return "geen";
    Buf b = {0};
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item)
    {
        int64_t id = json_integer_value(item);
        int number = record_ref_number(d, f->show, id);
        buf_printf(&b, "%s%lld", i ? ", " : "", (long long)(number ? number : id));
    }
    const char *text = arena_strdup(a, b.data);
    buf_free(&b);
    return text;
}

static const char *field_value(const Shown *sh, const RecordField *f, int place, const json_t *v)
{
    Arena *a = sh->a;
    int64_t n = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
    switch (f->type) {
    case FIELD_MONEY:
    case FIELD_MONEY_OPT:
        if (json_is_integer(v)) return money_text(a, n);
        break;
    case FIELD_ENUM: {
        const char *name = json_is_integer(v) ? record_enum_name(f, n, 0) : NULL;
        if (name) return name;
        break;
    }
    case FIELD_REF:
        if (json_is_integer(v) && f->refers) return ref_name(a, sh->d, f->refers, n);
        break;
    case FIELD_CITE:
        if (!place && json_is_integer(v)) return ref_name(a, sh->d, "source", n);
        break;
    case FIELD_IDS:
        return ids_text(a, sh->d, f, v);
    case FIELD_BOOL:
        if (json_is_integer(v)) return n ? "ja" : "nee";
        break;
    case FIELD_DATE:
        if (json_is_string(v)) return date_nl(a, arena_strdup(a, json_string_value(v)));
        break;
    case FIELD_TEXT:
        /* a moment pok recorded (recorded_at) is shown in Dutch time */
        if (json_is_string(v)) return time_nl(a, arena_strdup(a, json_string_value(v)));
        break;
    default:
        break;
    }
    return value_text(a, v);
}

static const char *shown_value(const Shown *sh, const char *key, const json_t *v)
{
    if (!sh->d) return value_text(sh->a, v);
    if (!v || json_is_null(v)) return "leeg";
    int place;
    const RecordField *f = key_field(sh->kind, key, &place);
    if (f) {
        if (f->type == FIELD_TEXT && strcmp(f->column, "municipality") == 0 && json_is_string(v) &&
            sh->d->muni.code && strcmp(sh->d->muni.code, json_string_value(v)) == 0)
            return sh->d->muni.name;
        return field_value(sh, f, place, v);
    }
    int x = extra_key(sh->e->table_name, key);
    if (x >= 0 && extra_keys[x].value == EXTRA_MONEY && json_is_integer(v))
        return money_text(sh->a, (int64_t)json_integer_value(v));
    if (x >= 0 && extra_keys[x].value == EXTRA_SOURCE && json_is_integer(v))
        return ref_name(sh->a, sh->d, "source", (int64_t)json_integer_value(v));
    if (json_is_string(v)) return time_nl(sh->a, arena_strdup(sh->a, json_string_value(v)));
    return value_text(sh->a, v);
}

static void csv_field(Buf *b, const char *v, int last)
{
    buf_csv_text(b, v);
    buf_puts(b, last ? "\r\n" : ",");
}

void audit_csv(Buf *b, Arena *a, const AuditEntry *e, size_t n)
{
    buf_puts(b, "tijdstip,wie,actie,tabel,id,gemeente,wijzigingen,reden\r\n");
    for (size_t i = 0; i < n; i++) {
        csv_field(b, e[i].at, 0);
        csv_field(b, e[i].actor, 0);
        csv_field(b, e[i].action, 0);
        csv_field(b, e[i].table_name, 0);
        buf_printf(b, "%lld,", (long long)e[i].record_id);
        csv_field(b, e[i].municipality, 0);
        csv_field(b, audit_diff_text(a, &e[i], "; "), 0);
        csv_field(b, e[i].reason, 1);
    }
}

static const struct {
    const char *table, *dutch;
} table_names[] = {
    {"scheme", "regeling"},
    {"actielijn", "actielijn"},
    {"purpose", "doel"},
    {"municipality", "gemeente"},
    {"inhabitants", "inwoners"},
    {"source", "bron"},
    {"source_file", "document van een bron"},
    {"allocation", "toekenning"},
    {"pot", "pot"},
    {"measure", "maatregel"},
    {"measure_amount", "maatregelbedrag"},
    {"reserve_opening", "beginstand reserve"},
    {"reserve_movement", "reservemutatie"},
    {"decision", "besluit"},
    {"request", "verzoek"},
    {"evaluation", "evaluatie"},
    {"closed_year", "afgesloten jaar"},
    {"stated_figure", "genoemd bedrag"},
    {"ledger_import", "grootboekimport"},
    {"copy", "kopie van een andere database"},
    {"year_reopening", "heropend jaar"},
    {"harvest_package", "geoogst open-datapakket"},
    {"municipality_public", "openbaarheid van de cijfers"},
    {"municipality_sharing", "delen met de landelijke monitor"},
    {"municipality_generated", "gegenereerde cijfers"},
    {"app_user", "gebruiker"},
    {"session", "sessie"},
};

const char *audit_actor_label(const char *actor)
{
    if (actor && (strcmp(actor, "cli") == 0 || strncmp(actor, "cli:", 4) == 0))
        return "pok (opdrachtregel)";
    return "medewerker";
}

/* The snapshot with its "actor" field (if any) replaced by the label. */
static const char *hide_snapshot_actor(Arena *a, const char *text)
{
    json_t *o = parse_object(text);
    json_t *actor = o ? json_object_get(o, "actor") : NULL;
    if (!json_is_string(actor)) {
        json_decref(o);
        return text;
    }
    json_object_set_new(o, "actor", json_string(audit_actor_label(json_string_value(actor))));
    char *dump = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    const char *out = arena_strdup(a, dump ? dump : "{}");
    free(dump);
    return out;
}

void audit_hide_actors(Arena *a, AuditEntry *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        e[i].actor = audit_actor_label(e[i].actor);
        e[i].before_json = hide_snapshot_actor(a, e[i].before_json);
        e[i].after_json = hide_snapshot_actor(a, e[i].after_json);
    }
}

const char *audit_table_nl(const char *table)
{
    for (size_t i = 0; table && i < sizeof table_names / sizeof table_names[0]; i++)
        if (strcmp(table_names[i].table, table) == 0) return table_names[i].dutch;
    return table ? table : "";
}

const char *audit_action_nl(const char *action)
{
    if (!action) return "";
    if (strcmp(action, "insert") == 0) return "toegevoegd";
    if (strcmp(action, "update") == 0) return "gewijzigd";
    if (strcmp(action, "delete") == 0) return "verwijderd";
    return action;
}
