/* export_csv.c: see export_csv.h. Views never compute money: every amount written here
 * is a stored figure or the engine's. */
#include "export_csv.h"

#include "coverage_view.h"

/* A citation's two columns, the same in every table that has one. */
#define CITE_FIELDS                                                                                \
    {"bron_id", "integer", "id van de bron (tabel bronnen)"},                                      \
    {                                                                                              \
        "bron_plaats", "string", "plaats in de bron, bijv. 'p. 4, tabel Financiën'"               \
    }

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing one row, field by field; row_end checks the count against the table */

static void sep(ExportSet *s, size_t t)
{
    if (s->fields_in_row[t]++) buf_puts(&s->csv[t], ",");
}
/* Text (codes, dates and pok's own words pass through unchanged). */
static void f_text(ExportSet *s, size_t t, const char *text)
{
    sep(s, t);
    buf_csv_text(&s->csv[t], text);
}
static void f_int(ExportSet *s, size_t t, int64_t v)
{
    sep(s, t);
    buf_printf(&s->csv[t], "%lld", (long long)v);
}
/* 0 means "none" for ids, years and actielijn numbers: an empty field. */
static void f_opt(ExportSet *s, size_t t, int64_t v)
{
    sep(s, t);
    if (v) buf_printf(&s->csv[t], "%lld", (long long)v);
}
static void f_bool(ExportSet *s, size_t t, int v)
{
    f_int(s, t, v ? 1 : 0);
}
static void f_cite(ExportSet *s, size_t t, const Citation *c)
{
    f_opt(s, t, c->source_id);
    f_text(s, t, c->place);
}
static void row_end(ExportSet *s, size_t t)
{
    /* a row writer that disagrees with its column list is a programming error: the header
     * and the datapackage schema would lie about the data */
    if (s->fields_in_row[t] != s->n_columns[t]) {
        fprintf(stderr, "pok: interne fout: tabel %s, %zu velden in plaats van %zu\n",
                export_tables[t].name, s->fields_in_row[t], s->n_columns[t]);
        abort();
    }
    s->fields_in_row[t] = 0;
    buf_puts(&s->csv[t], "\n");
}

/* ---- a record's row, from its field table ---- */

static const ExportField cite_columns[2] = {CITE_FIELDS};

/* The field of kind k at CSV column col (1-based), and which of a citation's columns. */
static const RecordField *column_field(const RecordKind *k, int col, int *part)
{
    *part = 0;
    for (size_t i = 0; i < k->n_fields; i++) {
        const RecordField *f = &k->fields[i];
        if (!f->csv_col) continue;
        *part = col - f->csv_col;
        if (*part == 0 || (*part == 1 && f->type == FIELD_CITE)) return f;
    }
    return NULL;
}

static const char *column_type(const RecordField *f)
{
    switch (f->type) {
    case FIELD_TEXT:
    case FIELD_ENUM:
    case FIELD_IDS:
        return "string";
    case FIELD_DATE:
        return "date";
    case FIELD_BOOL:
        return "boolean";
    case FIELD_REF:
        return f->show == SHOW_SCHEME_CODE ? "string" : "integer";
    default:
        return "integer";
    }
}

size_t export_columns(const ExportTable *t, ExportField *out)
{
    if (!t->kind) {
        for (size_t i = 0; i < t->n_fields && i < EXPORT_MAX_COLUMNS; i++) out[i] = t->fields[i];
        return t->n_fields;
    }
    size_t n = 0;
    int part;
    for (const RecordField *f;
         n < EXPORT_MAX_COLUMNS && (f = column_field(t->kind, (int)n + 1, &part)); n++)
        out[n] = f->type == FIELD_CITE ? cite_columns[part]
                                       : (ExportField){f->csv, column_type(f), f->doc};
    return n;
}

/* A reference as the field shows it: an id, a number or a code; none is an empty field. */
static void f_ref(ExportSet *s, size_t t, const RecordField *f, int64_t id, const MuniData *d)
{
    if (f->show == SHOW_SCHEME_CODE)
        f_text(s, t, id && d->scheme.id == id ? d->scheme.code : NULL);
    else
        f_opt(s, t, f->show == SHOW_ID || !id ? id : record_ref_number(d, f->show, id));
}

/* "3;4;5": a list in one field (numbers of actielijnen or purposes). */
static void f_list(ExportSet *s, size_t t, const RecordField *f, const void *rec, const MuniData *d)
{
    size_t n;
    const int64_t *ids = record_ids(rec, f, &n);
    Buf b = {0};
    for (size_t i = 0; ids && i < n; i++) {
        int64_t shown = f->show == SHOW_ID ? ids[i] : record_ref_number(d, f->show, ids[i]);
        buf_printf(&b, "%s%lld", i ? ";" : "", (long long)shown);
    }
    f_text(s, t, b.data ? b.data : "");
    buf_free(&b);
}

static void f_field(ExportSet *s, size_t t, const RecordField *f, const void *rec,
                    const MuniData *d)
{
    switch (f->type) {
    case FIELD_TEXT:
    case FIELD_DATE:
        f_text(s, t, record_text(rec, f));
        break;
    case FIELD_INT_OPT:
        f_opt(s, t, record_int(rec, f));
        break;
    case FIELD_REF:
        f_ref(s, t, f, record_int(rec, f), d);
        break;
    case FIELD_MONEY_OPT:
        if (record_present(rec, f))
            f_int(s, t, record_int(rec, f));
        else
            f_text(s, t, NULL);
        break;
    case FIELD_BOOL:
        f_bool(s, t, (int)record_int(rec, f));
        break;
    case FIELD_ENUM:
        f_text(s, t, record_enum_name(f, record_int(rec, f), 0));
        break;
    case FIELD_IDS:
        f_list(s, t, f, rec, d);
        break;
    case FIELD_CITE:
        f_cite(s, t, record_cite(rec, f));
        break;
    case FIELD_ID:
    case FIELD_INT:
    case FIELD_INT64:
    case FIELD_MONEY:
        f_int(s, t, record_int(rec, f));
        break;
    }
}

/* The row of record rec in table t, a table of records. */
static void record_row(ExportSet *s, size_t t, const void *rec, const MuniData *d)
{
    const RecordKind *k = export_tables[t].kind;
    for (int col = 1; col <= (int)s->n_columns[t]; col++) {
        int part = 0;
        const RecordField *f = column_field(k, col, &part);
        if (f && part == 0) f_field(s, t, f, rec, d); /* a citation writes both its columns */
    }
    row_end(s, t);
}

/* Every record of the table's MuniData array. */
static void record_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    const ExportTable *table = &export_tables[t];
    const char *base = (const char *)m->d;
    const char *items = *(const char *const *)(const void *)(base + table->list);
    size_t n = *(const size_t *)(const void *)(base + table->count);
    for (size_t i = 0; i < n; i++) record_row(s, t, items + i * table->kind->size, m->d);
}

/* ---- the record tables whose rows are not simply a MuniData array ---- */

static void gemeenten_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    record_row(s, t, &m->d->muni, m->d);
}

static void inwoners_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->n_inhabitants; i++) record_row(s, t, &m->inhabitants[i], m->d);
}

static void bronnen_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    for (size_t i = 0; i < m->n_sources; i++) {
        const Source *src = &m->sources[i];
        int seen = 0;
        for (size_t j = 0; j < s->n_source_ids && !seen; j++) seen = s->source_ids[j] == src->id;
        if (seen) continue; /* a circulaire is cited by every municipality */
        if (s->n_source_ids == s->cap_source_ids) {
            s->cap_source_ids = s->cap_source_ids ? 2 * s->cap_source_ids : 32;
            s->source_ids = xrealloc(s->source_ids, s->cap_source_ids * sizeof *s->source_ids);
        }
        s->source_ids[s->n_source_ids++] = src->id;
        record_row(s, t, src, m->d);
    }
}

static void actielijnen_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    if (s->n_munis) return; /* the same for every municipality */
    for (size_t i = 0; i < m->d->n_actielijnen; i++) record_row(s, t, &m->d->actielijnen[i], m->d);
}

/* ---- the computed tables ---- */

/* The columns of coverage_print_csv (docs/json.md): the table is written by it, so that
 * dekking.csv is exactly `pok coverage --format csv`. */
static const ExportField dekking_f[] = {
    {"municipality", "string", "CBS-code"},
    {"pot_id", "integer", "pot; 0 is de standaardpot met alle actielijnen"},
    {"pot", "string", "naam van de pot"},
    {"year", "integer", "jaar"},
    {"closed", "boolean", "1: afgesloten jaar, uitgaven zijn de realisatie"},
    {"allocation_cents", "integer", "toekenning"},
    {"spending_cents", "integer", "uitgaven (realisatie als afgesloten, anders plan)"},
    {"from_allocation_cents", "integer", "gedekt uit de toekenning van het jaar"},
    {"reserve_withdrawal_cents", "integer", "onttrekking uit de reserve"},
    {"reserve_deposit_cents", "integer", "storting in de reserve"},
    {"reserve_end_cents", "integer", "reserve op 31 december"},
    {"shortfall_cents", "integer", "tekort (niet gedekt)"},
    {"unplanned_cents", "integer", "zonder bestemming"},
    {"reserve_start_cents", "integer", "reserve op 1 januari"},
    {"planned_cents", "integer", "gepland"},
    {"realised_cents", "integer", "gerealiseerd"},
    {"unexplained_cents", "integer", "niet besteed, onverklaard (afgesloten jaar)"},
    {"decided_deposit_cents", "integer", "van de storting: besloten (storting of overheveling)"},
    {"expected_deposit_cents", "integer",
     "van de storting: verwacht, nog geen besluit (open jaar; valt anders in het jaarresultaat)"},
    {"from_period_cents", "integer",
     "gedekt uit een toekenning voor een periode zonder verdeling over de jaren"},
    {"period_left_cents", "integer",
     "nog niet besteed van de toekenningen voor een periode op 31 december"},
};
static void dekking_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        /* out of memory: the table is marked failed, its owner reports it (buf_check) */
        s->csv[t].over = 1;
        return;
    }
    coverage_print_csv(m->c, 0, f);
    fclose(f);
    buf_append(&s->csv[t], text, len);
    free(text);
}

static const ExportField bevindingen_f[] = {
    {"gemeente", "string", "CBS-code"},
    {"soort", "string", "code van de controle (docs/coverage.md)"},
    {"ernst", "string", "fout, waarschuwing of info"},
    {"jaar", "integer", "jaar (leeg: niet over één jaar)"},
    {"pot", "string", "naam van de pot (leeg: niet over één pot)"},
    {"record_id", "integer", "het gegeven waarover het gaat (leeg: geen)"},
    {"bedrag_cents", "integer", "het bedrag waarom het gaat"},
    {"verwacht_cents", "integer", "wat pok berekent, waar twee bedragen worden vergeleken"},
    {"werkelijk_cents", "integer", "wat het document zegt"},
    {"bericht", "string", "de bevinding in gewone taal"},
    CITE_FIELDS,
    {"jaren", "string", "alle jaren waarover het gaat, zoals 2021-2027 (leeg: niet over jaren)"},
};
static void bevindingen_rows(ExportSet *s, size_t t, const ExportMuni *m)
{
    Arena a = {0}; /* the years' labels */
    for (size_t i = 0; i < m->n_findings; i++) {
        const Finding *f = &m->findings[i];
        f_text(s, t, m->d->muni.code);
        f_text(s, t, check_kind_code(f->kind));
        f_text(s, t, severity_name(f->severity));
        f_opt(s, t, f->year);
        f_text(s, t, f->pot_name);
        f_opt(s, t, f->record_id);
        f_int(s, t, f->amount);
        f_int(s, t, f->expected);
        f_int(s, t, f->actual);
        f_text(s, t, f->message);
        f_cite(s, t, &f->cite);
        f_text(s, t, f->n_years ? finding_years_label(f, &a) : NULL);
        row_end(s, t);
    }
    arena_free(&a);
}

#define N(a) (sizeof a / sizeof a[0])
static const ExportForeignKey fk_muni[] = {{"gemeente", "gemeenten", "code"}};
static const ExportForeignKey fk_measure[] = {{"maatregel_id", "maatregelen", "id"}};
static const ExportForeignKey fk_alloc[] = {{"gemeente", "gemeenten", "code"},
                                            {"bron_id", "bronnen", "id"}};
static const ExportForeignKey fk_dekking[] = {{"municipality", "gemeenten", "code"}};

/* A table of records of kind kind_ whose rows are MuniData's `field` array. */
#define MUNI_RECORDS(kind_, field, count_)                                                         \
    .kind = RECORD(kind_), .list = offsetof(MuniData, field), .count = offsetof(MuniData, count_)

const ExportTable export_tables[] = {
    {.name = "gemeenten",
     .title = "Gemeenten",
     .kind = RECORD(MUNICIPALITY),
     .primary_key = {"code"},
     .rows = gemeenten_rows},
    {.name = "inwoners",
     .title = "Inwonertallen",
     .kind = RECORD(INHABITANTS),
     .primary_key = {"gemeente", "jaar"},
     .foreign_keys = fk_muni,
     .n_foreign_keys = 1,
     .rows = inwoners_rows},
    {.name = "bronnen",
     .title = "Bronnen (documenten)",
     .kind = RECORD(SOURCE),
     .primary_key = {"id"},
     .rows = bronnen_rows},
    {.name = "actielijnen",
     .title = "Actielijnen",
     .kind = RECORD(ACTIELIJN),
     .primary_key = {"regeling", "nummer"},
     .rows = actielijnen_rows},
    {.name = "toekenningen",
     .title = "Toekenningen (alle versies)",
     MUNI_RECORDS(ALLOCATION, allocations, n_allocations),
     .primary_key = {"id"},
     .foreign_keys = fk_alloc,
     .n_foreign_keys = N(fk_alloc)},
    {.name = "potten",
     .title = "Potten",
     MUNI_RECORDS(POT, pots, n_pots),
     .primary_key = {"id"},
     .foreign_keys = fk_muni,
     .n_foreign_keys = 1},
    {.name = "maatregelen",
     .title = "Maatregelen",
     MUNI_RECORDS(MEASURE, measures, n_measures),
     .primary_key = {"id"},
     .foreign_keys = fk_muni,
     .n_foreign_keys = 1},
    {.name = "bedragen",
     .title = "Plan- en realisatiebedragen per maatregel en jaar",
     MUNI_RECORDS(MEASURE_AMOUNT, amounts, n_amounts),
     .primary_key = {"id"},
     .foreign_keys = fk_measure,
     .n_foreign_keys = 1},
    {.name = "reserve_openingen",
     .title = "Beginsaldi van de reserve",
     MUNI_RECORDS(RESERVE_OPENING, openings, n_openings),
     .primary_key = {"id"},
     .foreign_keys = fk_muni,
     .n_foreign_keys = 1},
    {.name = "reservemutaties",
     .title = "Reservemutaties",
     MUNI_RECORDS(RESERVE_MOVEMENT, movements, n_movements),
     .primary_key = {"id"},
     .foreign_keys = fk_muni,
     .n_foreign_keys = 1},
    {.name = "besluiten",
     .title = "Besluiten",
     MUNI_RECORDS(DECISION, decisions, n_decisions),
     .primary_key = {"id"},
     .foreign_keys = fk_muni,
     .n_foreign_keys = 1},
    {.name = "verzoeken",
     .title = "Verzoeken",
     MUNI_RECORDS(REQUEST, requests, n_requests),
     .primary_key = {"id"},
     .foreign_keys = fk_muni,
     .n_foreign_keys = 1},
    {.name = "evaluaties",
     .title = "Evaluaties",
     MUNI_RECORDS(EVALUATION, evaluations, n_evaluations),
     .primary_key = {"id"},
     .foreign_keys = fk_measure,
     .n_foreign_keys = 1},
    {.name = "afgesloten_jaren",
     .title = "Afgesloten jaren",
     MUNI_RECORDS(CLOSED_YEAR, closed, n_closed),
     .primary_key = {"gemeente", "jaar"},
     .foreign_keys = fk_muni,
     .n_foreign_keys = 1},
    {.name = "genoemde_bedragen",
     .title = "Bedragen zoals documenten ze noemen",
     MUNI_RECORDS(STATED_FIGURE, stated, n_stated),
     .primary_key = {"id"},
     .foreign_keys = fk_muni,
     .n_foreign_keys = 1},
    {.name = "dekking",
     .title = "Dekking per pot en jaar (berekend)",
     .fields = dekking_f,
     .n_fields = N(dekking_f),
     .primary_key = {"municipality", "pot_id", "year"},
     .foreign_keys = fk_dekking,
     .n_foreign_keys = 1,
     .rows = dekking_rows},
    {.name = "bevindingen",
     .title = "Bevindingen van de controles (berekend)",
     .fields = bevindingen_f,
     .n_fields = N(bevindingen_f),
     .foreign_keys = fk_muni,
     .n_foreign_keys = 1,
     .rows = bevindingen_rows},
};
const size_t export_n_tables = N(export_tables);

void export_set_init(ExportSet *s)
{
    memset(s, 0, sizeof *s);
    s->csv = xcalloc(export_n_tables, sizeof *s->csv);
    s->fields_in_row = xcalloc(export_n_tables, sizeof *s->fields_in_row);
    s->n_columns = xcalloc(export_n_tables, sizeof *s->n_columns);
    for (size_t t = 0; t < export_n_tables; t++) {
        ExportField columns[EXPORT_MAX_COLUMNS];
        s->n_columns[t] = export_columns(&export_tables[t], columns);
        for (size_t i = 0; i < s->n_columns[t]; i++) {
            if (i) buf_puts(&s->csv[t], ",");
            buf_csv_field(&s->csv[t], columns[i].name);
        }
        buf_puts(&s->csv[t], "\n");
    }
}

void export_set_add(ExportSet *s, const ExportMuni *m)
{
    for (size_t t = 0; t < export_n_tables; t++) {
        if (export_tables[t].rows)
            export_tables[t].rows(s, t, m);
        else
            record_rows(s, t, m);
    }
    s->n_munis++;
}

void export_set_free(ExportSet *s)
{
    for (size_t t = 0; t < export_n_tables; t++) buf_free(&s->csv[t]);
    free(s->csv);
    free(s->fields_in_row);
    free(s->n_columns);
    free(s->source_ids);
    memset(s, 0, sizeof *s);
}
