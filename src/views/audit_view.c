/* audit_view.c: the fields an audit row changed, from its JSON before and after (jansson). */
#include "audit_view.h"
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

void audit_changes(Arena *a, const AuditEntry *e, AuditChange **out, size_t *n)
{
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
                add(a, &items, &count, &cap, key, value_text(a, old), value_text(a, v));
        }
        json_object_foreach(before, key, v)
        {
            if (!json_object_get(after, key))
                add(a, &items, &count, &cap, key, value_text(a, v), "leeg");
        }
    } else if (after || before) {
        const char *key;
        json_t *v;
        json_object_foreach(after ? after : before, key, v)
        {
            if (json_is_null(v) || strcmp(key, "id") == 0) continue;
            const char *text = value_text(a, v);
            add(a, &items, &count, &cap, key, after ? NULL : text, after ? text : NULL);
        }
    }
    json_decref(before);
    json_decref(after);
    *out = items;
    *n = count;
}

const char *audit_diff_text(Arena *a, const AuditEntry *e, const char *sep)
{
    AuditChange *c;
    size_t n;
    audit_changes(a, e, &c, &n);
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
