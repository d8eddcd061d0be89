/* national_export.c: the national monitor's tables as CSV and as a Fiscal Data Package
 * (national_export.h). */
#include "national_export.h"

#include <stdio.h>
#include <string.h>

#include "export_datapackage.h"

static void field_int(Buf *b, int64_t v, int first)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)v);
    if (!first) buf_puts(b, ",");
    buf_csv_field(b, num);
}

static void field_empty(Buf *b)
{
    buf_puts(b, ",");
}

static void field_text(Buf *b, const char *s)
{
    buf_puts(b, ",");
    buf_csv_text(b, s);
}

/* A national figure: its cents and its count, or two empty fields when not shown. */
static void field_figure(Buf *b, const NatFigure *f)
{
    if (!national_visible(f->n, f->n_anon)) {
        buf_puts(b, ",,");
        return;
    }
    field_int(b, f->cents, 0);
    field_int(b, f->n, 0);
}

/* ---- landelijk_jaren ---- */

static const ExportField year_fields[] = {
    {"jaar", "integer", "Jaar; leeg in de regel met het totaal over alle jaren"},
    {"toegekend_cents", "integer", "Toegekend (huidige versies), hele eurocenten"},
    {"gemeenten_toegekend", "integer", "Aantal gemeenten met een toekenning"},
    {"begroot_cents", "integer", "Begroot in maatregelen"},
    {"gemeenten_begroot", "integer", "Aantal gemeenten met begrote bedragen"},
    {"gerealiseerd_cents", "integer", "Gerealiseerd in maatregelen"},
    {"gemeenten_gerealiseerd", "integer", "Aantal gemeenten met gerealiseerde bedragen"},
    {"reserve_eind_cents", "integer", "Reserve op 31 december (totaal: aan het eind)"},
    {"gemeenten_reserve", "integer", "Aantal gemeenten met een dekkingstabel in dat jaar"},
    {"zonder_bestemming_cents", "integer", "Geld zonder bestemming"},
    {"gemeenten_zonder_bestemming", "integer", "Aantal gemeenten in dat cijfer"},
    {"inwoners", "integer", "Inwoners van de gemeenten met een toekenning"},
    {"toegekend_per_inwoner_cents", "integer", "Toegekend per inwoner, hele eurocenten"},
    {"gegenereerd", "boolean", "1: de cijfers rusten deels op gegenereerde (niet echte) gegevens"},
};

static void year_row(const NationalData *nd, const NationalYear *y, Buf *b)
{
    if (y->year)
        field_int(b, y->year, 1);
    else
        buf_csv_field(b, "");
    field_figure(b, &y->allocated);
    field_figure(b, &y->planned);
    field_figure(b, &y->realised);
    field_figure(b, &y->reserve_end);
    field_figure(b, &y->unplanned);
    int shown = national_visible(y->allocated.n, y->allocated.n_anon) &&
                national_visible(y->inhabitants.n, y->inhabitants.n_anon) &&
                y->inhabitants.cents > 0;
    if (shown) {
        field_int(b, y->inhabitants.cents, 0);
        field_int(b, y->allocated.cents / y->inhabitants.cents, 0);
    } else {
        buf_puts(b, ",,");
    }
    field_int(b, nd->f.n_generated > 0, 0);
    buf_puts(b, "\n");
}

static void year_rows(const NationalData *nd, Buf *b)
{
    for (size_t y = 0; y < nd->f.n_years; y++) year_row(nd, &nd->f.years[y], b);
    year_row(nd, &nd->f.total, b);
}

/* ---- landelijk_actielijnen ---- */

static const ExportField line_fields[] = {
    {"actielijn", "integer", "Nummer van de actielijn; leeg: zonder verdeling of meer dan één"},
    {"naam", "string", "Naam van de actielijn"},
    {"jaar", "integer", "Jaar; leeg in de regel met het totaal"},
    {"toegekend_cents", "integer", "Toegekend voor één jaar (periodetoekenningen apart)"},
    {"gemeenten_toegekend", "integer", "Aantal gemeenten"},
    {"begroot_cents", "integer", "Begroot in maatregelen van alleen deze actielijn"},
    {"gemeenten_begroot", "integer", "Aantal gemeenten"},
    {"gerealiseerd_cents", "integer", "Gerealiseerd in maatregelen van alleen deze actielijn"},
    {"gemeenten_gerealiseerd", "integer", "Aantal gemeenten"},
    {"gegenereerd", "boolean", "1: de cijfers rusten deels op gegenereerde (niet echte) gegevens"},
};

static void line_row(const NationalData *nd, const NationalLine *l, int year, const NatFigure *al,
                     const NatFigure *pl, const NatFigure *re, Buf *b)
{
    if (l->number)
        field_int(b, l->number, 1);
    else
        buf_csv_field(b, "");
    field_text(b, l->name);
    if (year)
        field_int(b, year, 0);
    else
        field_empty(b);
    field_figure(b, al);
    field_figure(b, pl);
    field_figure(b, re);
    field_int(b, nd->f.n_generated > 0, 0);
    buf_puts(b, "\n");
}

static void line_rows(const NationalData *nd, Buf *b)
{
    const NationalFigures *f = &nd->f;
    for (size_t i = 0; i < f->n_lines; i++) {
        const NationalLine *l = &f->lines[i];
        for (size_t y = 0; y < f->n_years; y++)
            line_row(nd, l, f->years[y].year, &l->allocated[y], &l->planned[y], &l->realised[y], b);
        line_row(nd, l, 0, &l->total_allocated, &l->total_planned, &l->total_realised, b);
    }
}

/* ---- landelijk_groepen ---- */

static const ExportField group_fields[] = {
    {"soort", "string", "grootteklasse, provincie of alle"},
    {"sleutel", "string", "Grootteklasse (1-8, CBS) of provincie"},
    {"naam", "string", "Naam van de groep"},
    {"maat", "string", "Wat gemeten is"},
    {"gemeenten", "integer", "Aantal gemeenten in de groep met dit cijfer"},
    {"q1", "integer", "Eerste kwartiel (per inwoner: cents; aandelen: basispunten)"},
    {"mediaan", "integer", "Mediaan"},
    {"q3", "integer", "Derde kwartiel"},
};

static const char *const metric_names[MET_N] = {"toegekend_per_inwoner_cents", "gerealiseerd_bp",
                                                "in_maatregelen_bp", "met_besluit_bp"};

static void group_rows_of(const char *kind, const NationalGroup *g, size_t n, Buf *b)
{
    for (size_t i = 0; i < n; i++)
        for (int m = 0; m < MET_N; m++) {
            const NatSpread *s = &g[i].spread[m];
            if (!national_visible(s->n, s->n_anon)) continue;
            buf_csv_field(b, kind);
            field_text(b, g[i].key);
            field_text(b, g[i].label);
            field_text(b, metric_names[m]);
            field_int(b, s->n, 0);
            field_int(b, s->q1, 0);
            field_int(b, s->median, 0);
            field_int(b, s->q3, 0);
            buf_puts(b, "\n");
        }
}

static void group_rows(const NationalData *nd, Buf *b)
{
    group_rows_of("alle", &nd->f.all, 1, b);
    group_rows_of("grootteklasse", nd->f.size_groups, nd->f.n_size_groups, b);
    group_rows_of("provincie", nd->f.province_groups, nd->f.n_province_groups, b);
}

/* ---- landelijk_gemeenten: only those sharing by name ---- */

static const ExportField muni_fields[] = {
    {"code", "string", "CBS-code"},
    {"naam", "string", "Naam"},
    {"provincie", "string", "Provincie"},
    {"delen", "string", "Wat de gemeente deelt: cijfers of maatregelen"},
    {"gegenereerd", "boolean", "1: gegenereerde (niet echte) cijfers"},
    {"inwoners", "integer", "Inwoners (laatst bekende telling)"},
    {"inwoners_jaar", "integer", "Jaar van die telling"},
    {"grootteklasse", "string", "CBS-grootteklasse 1-8"},
    {"toegekend_cents", "integer", "Toegekend, alle jaren"},
    {"beschikbaar_cents", "integer", "Reserve aan het begin plus toegekend"},
    {"begroot_cents", "integer", "Begroot in maatregelen"},
    {"gerealiseerd_cents", "integer", "Gerealiseerd in maatregelen"},
    {"reserve_eind_cents", "integer", "Reserve aan het eind"},
    {"zonder_bestemming_cents", "integer", "Zonder bestemming"},
    {"in_maatregelen_cents", "integer",
     "In maatregelen: gerealiseerd in afgesloten jaren, "
     "anders begroot"},
    {"met_besluit_cents", "integer", "Daarvan vastgesteld bij een besluit"},
    {"toegekend_per_inwoner_cents", "integer", "Toegekend per inwoner"},
    {"gerealiseerd_bp", "integer", "Gerealiseerd, basispunten van beschikbaar"},
    {"in_maatregelen_bp", "integer", "In maatregelen, basispunten van beschikbaar"},
    {"met_besluit_bp", "integer", "Met een besluit, basispunten van beschikbaar"},
    {"volledig_bp", "integer", "Vastgelegd van wat de monitor verwacht, basispunten"},
    {"ontbreekt", "integer", "Aantal gegevens dat nog ontbreekt"},
};

static void muni_rows(const NationalData *nd, Buf *b)
{
    for (size_t i = 0; i < nd->f.n_munis; i++) {
        const NationalMuni *m = &nd->f.munis[i];
        if (m->level < SHARE_NAMED) continue;
        buf_csv_field(b, m->muni->code);
        field_text(b, m->muni->name);
        field_text(b, m->muni->province);
        field_text(b, sharing_level_name(m->level));
        field_int(b, m->generated != 0, 0);
        if (m->inhabitants) {
            field_int(b, m->inhabitants, 0);
            field_int(b, m->inhabitants_year, 0);
        } else {
            buf_puts(b, ",,");
        }
        field_text(b, m->size_class ? m->size_class->value : "");
        const int64_t money[] = {m->totals.allocated, m->totals.available,   m->totals.planned,
                                 m->totals.realised,  m->totals.reserve_end, m->totals.unplanned,
                                 m->spending,         m->with_decision};
        for (size_t k = 0; k < sizeof money / sizeof money[0]; k++) field_int(b, money[k], 0);
        for (int k = 0; k < MET_N; k++) {
            int known;
            int64_t v = national_metric(m, (NatMetric)k, &known);
            if (known)
                field_int(b, v, 0);
            else
                field_empty(b);
        }
        field_int(b, completeness_bp(&m->completeness), 0);
        field_int(b, (int64_t)m->completeness.n_missing, 0);
        buf_puts(b, "\n");
    }
}

#define TABLE(name, title, fields, rows)                                                           \
    {                                                                                              \
        name, title, fields, sizeof fields / sizeof fields[0], rows                                \
    }

const NationalTable national_tables[] = {
    TABLE("landelijk_jaren", "Landelijk beeld per jaar", year_fields, year_rows),
    TABLE("landelijk_actielijnen", "Landelijk beeld per actielijn en jaar", line_fields, line_rows),
    TABLE("landelijk_groepen", "Spreiding per grootteklasse en provincie", group_fields,
          group_rows),
    TABLE("landelijk_gemeenten", "Gemeenten die met naam delen", muni_fields, muni_rows),
};
const size_t national_n_tables = sizeof national_tables / sizeof national_tables[0];

const NationalTable *national_table(const char *name)
{
    for (size_t i = 0; i < national_n_tables; i++)
        if (strcmp(national_tables[i].name, name) == 0) return &national_tables[i];
    return NULL;
}

void national_csv(const NationalData *nd, const NationalTable *t, Buf *out)
{
    for (size_t i = 0; i < t->n_fields; i++) {
        if (i) buf_puts(out, ",");
        buf_csv_field(out, t->fields[i].name);
    }
    buf_puts(out, "\n");
    t->rows(nd, out);
}

json_t *national_datapackage(const NationalData *nd, const char *created)
{
    json_t *root = json_object(), *resources = json_array();
    json_object_set_new(root, "profile", json_string("fiscal-data-package"));
    json_object_set_new(root, "name", json_string("pok-landelijk"));
    json_object_set_new(root, "title", json_string("Landelijke monitor van de POK-middelen"));
    json_object_set_new(
        root, "description",
        json_string("De optelsom van de gemeenten die hun cijfers delen: per jaar en actielijn, "
                    "per inwoner, en de spreiding per grootteklasse en provincie. Een cijfer "
                    "dat op minder dan 3 gemeenten rust is leeg. Bedragen zijn hele eurocenten "
                    "(kolommen *_cents), aandelen basispunten (*_bp)."));
    json_object_set_new(root, "created", json_string(created));
    json_object_set_new(root, "countryCode", json_string("NL"));
    json_object_set_new(root, "gegenereerd", json_boolean(nd->f.n_generated > 0));
    json_object_set_new(root, "licenses",
                        json_pack("[{s:s, s:s, s:s}]", "name", "CC0-1.0", "title",
                                  "Creative Commons Zero v1.0 Universal", "path",
                                  "https://creativecommons.org/publicdomain/zero/1.0/"));
    for (size_t i = 0; i < national_n_tables; i++) {
        const NationalTable *t = &national_tables[i];
        Buf csv = {0};
        national_csv(nd, t, &csv);
        json_array_append_new(
            resources, datapackage_resource(t->name, t->title, t->fields, t->n_fields, NULL, &csv));
        buf_free(&csv);
    }
    json_object_set_new(root, "resources", resources);
    json_t *measures = json_object();
    json_object_set_new(
        measures, "toegekend",
        datapackage_measure("landelijk_actielijnen", "toegekend_cents", "Toegekend"));
    json_object_set_new(measures, "begroot",
                        datapackage_measure("landelijk_actielijnen", "begroot_cents", "Begroot"));
    json_object_set_new(
        measures, "gerealiseerd",
        datapackage_measure("landelijk_actielijnen", "gerealiseerd_cents", "Gerealiseerd"));
    json_t *dims = json_object();
    json_object_set_new(
        dims, "actielijn",
        datapackage_dimension("landelijk_actielijnen", "actielijn", "naam", "classification"));
    json_object_set_new(dims, "jaar",
                        datapackage_dimension("landelijk_actielijnen", "jaar", NULL, "datetime"));
    json_object_set_new(root, "model",
                        json_pack("{s:o, s:o}", "measures", measures, "dimensions", dims));
    return root;
}
