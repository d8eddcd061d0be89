/* record_tables.c: the field table of every record kind (record.h). One line per field:
 * its type, the model struct member (which is also the SQL column and audit snapshot
 * key), the key in the JSON shape, the CSV column number and header, and what the CSV
 * column holds. The order of the lines is the order of the audit snapshot's keys and of
 * the JSON shape; the CSV has its own column numbers, so that neither output moves.
 * A new field: a migration, the struct member and one line here (docs/develop.md). */
#include "record.h"

#include <stddef.h>

/* clang-format off */
/* The C type a field type is kept in: FIELD() refuses a member of another type. */
#define AT(ctype, member) _Generic(((REC *)0)->member, ctype: offsetof(REC, member))
#define OFFSET_ID(m) AT(int64_t, m)
#define OFFSET_TEXT(m) AT(const char *, m)
#define OFFSET_DATE(m) AT(const char *, m)
#define OFFSET_INT(m) AT(int, m)
#define OFFSET_INT_OPT(m) AT(int, m)
#define OFFSET_INT64(m) AT(int64_t, m)
#define OFFSET_MONEY(m) AT(int64_t, m)
#define OFFSET_MONEY_OPT(m) AT(int64_t, m)
#define OFFSET_REF(m) AT(int64_t, m)
#define OFFSET_BOOL(m) AT(int, m)
#define OFFSET_ENUM(m) offsetof(REC, m) /* int-sized: checked below */
#define OFFSET_IDS(m) AT(int64_t *, m)
#define OFFSET_CITE(m) AT(Citation, m)

_Static_assert(sizeof(AmountKind) == sizeof(int), "enums are read and written as int");
_Static_assert(sizeof(ReserveKind) == sizeof(int), "enums are read and written as int");
_Static_assert(sizeof(StatedKind) == sizeof(int), "enums are read and written as int");

#define FIELD(t, member, key, col, header, description, ...)                                      \
    {.column = #member, .type = FIELD_##t, .offset = OFFSET_##t(member), .json = key,             \
     .csv_col = col, .csv = header, .doc = description, __VA_ARGS__}
/* A list of ids in link table `table` (owner_col, value_col), ordered by target's number. */
#define LINK(table_, owner_, value_, target_)                                                      \
    &(const FieldLink){.table = table_, .owner = owner_, .value = value_, .target = target_}
#define COUNT(member) .aux = AT(size_t, member)

#define N(a) (sizeof a / sizeof a[0])
#define KIND(id_, table_, type_, fields_)                                                          \
    [id_] = {.id = id_, .table = table_, .size = sizeof(type_), .fields = fields_,                 \
             .n_fields = N(fields_)}

static const char cbs_code[] = "CBS-code";
static const char decision_doc[] = "besluit (tabel besluiten)";

static const char *const amount_kind_names[] = {NULL, "plan", "realisatie"};
static const char *const amount_kind_json[] = {NULL, "plan", "realised"};
static const FieldEnum amount_kinds = {amount_kind_names, amount_kind_json, 3};
static const FieldEnum reserve_kinds = {reserve_kind_names, NULL, 4};
static const FieldEnum stated_kinds = {stated_kind_names, NULL, 4};

#define REC Scheme
static const RecordField scheme_fields[] = {
    FIELD(ID,      id,              "id",              0, NULL, NULL, .flags = FIELD_KEY),
    FIELD(TEXT,    code,            "code",            0, NULL, NULL,
          .label = "Code"),
    FIELD(TEXT,    name,            "name",            0, NULL, NULL,
          .label = "Naam"),
    FIELD(INT,     first_year,      "first_year",      0, NULL, NULL,
          .label = "Eerste jaar"),
    FIELD(INT,     last_year,       "last_year",       0, NULL, NULL,
          .label = "Laatste jaar"),
};
#undef REC

#define REC Actielijn
static const RecordField actielijn_fields[] = {
    FIELD(ID,      id,              "id",              0, NULL, NULL, .flags = FIELD_KEY),
    FIELD(REF,     scheme_id,       NULL,              1, "regeling", "code van de regeling, bijv. POK",
          .show = SHOW_SCHEME_CODE,
          .label = "Regeling", .refers = "scheme"),
    FIELD(INT,     number,          "number",          2, "nummer", "nummer van de actielijn",
          .label = "Nummer"),
    FIELD(TEXT,    name,            "name",            3, "naam", "korte naam",
          .label = "Naam"),
    FIELD(TEXT,    circulaire_name, "circulaire_name", 4, "naam_circulaire", "naam in de circulaire",
          .label = "Naam in de circulaire"),
    FIELD(TEXT,    flow,            "flow",            0, NULL, NULL,
          .label = "Geldstroom"),
};
#undef REC

#define REC Purpose
static const RecordField purpose_fields[] = {
    FIELD(ID,      id,              "id",              0, NULL, NULL, .flags = FIELD_KEY),
    FIELD(REF,     scheme_id,       NULL,              0, NULL, NULL,
          .label = "Regeling", .refers = "scheme"),
    FIELD(INT,     number,          "number",          0, NULL, NULL,
          .label = "Nummer"),
    FIELD(TEXT,    name,            "name",            0, NULL, NULL,
          .label = "Naam"),
};
#undef REC

#define REC Municipality
static const RecordField municipality_fields[] = {
    FIELD(TEXT,    code,            "code",            1, "code", "CBS-code, bijv. GM1734",
          .flags = FIELD_KEY,
          .label = "Code"),
    FIELD(TEXT,    name,            "name",            2, "naam", "naam van de gemeente",
          .label = "Naam"),
    FIELD(TEXT,    province,        "province",        3, "provincie", "provincie",
          .label = "Provincie"),
    FIELD(INT_OPT, first_year,      "first_year",      4, "eerste_jaar",
          "eerste jaar waarin de code geldt (leeg: onbekend)",
          .label = "Eerste jaar"),
    FIELD(INT_OPT, last_year,       "last_year",       5, "laatste_jaar",
          "laatste jaar waarin de code geldt (leeg: geldt nog)",
          .label = "Laatste jaar"),
};
#undef REC

#define REC Inhabitants
static const RecordField inhabitants_fields[] = {
    FIELD(TEXT,    municipality,    "municipality",    1, "gemeente", cbs_code, .flags = FIELD_KEY,
          .label = "Gemeente"),
    FIELD(INT,     year,            "year",            2, "jaar", "peiljaar", .flags = FIELD_KEY,
          .label = "Jaar"),
    FIELD(INT64,   count,           "count",           3, "aantal", "aantal inwoners",
          .label = "Aantal inwoners"),
    FIELD(REF,     source_id,       "source_id",       4, "bron_id", "id van de bron (tabel bronnen)",
          .label = "Bron", .refers = "source"),
};
#undef REC

#define REC Source
static const RecordField source_fields[] = {
    FIELD(ID,      id,              "id",              1, "id", "id van de bron", .flags = FIELD_KEY),
    FIELD(TEXT,    kind,            "kind",            2, "soort",
          "circulaire, raadsvoorstel, collegebesluit, brief, ...",
          .label = "Soort"),
    FIELD(TEXT,    title,           "title",           3, "titel", "titel van het document",
          .label = "Titel"),
    FIELD(TEXT,    reference,       "reference",       4, "kenmerk", "kenmerk of bestandsnaam",
          .label = "Kenmerk"),
    FIELD(DATE,    date,            "date",            5, "datum", "datum van het document",
          .label = "Datum"),
    FIELD(TEXT,    municipality,    "municipality",    6, "gemeente",
          "CBS-code; leeg voor landelijke documenten",
          .label = "Gemeente"),
    FIELD(TEXT,    note,            "note",            7, "notitie", "toelichting",
          .label = "Toelichting"),
};
#undef REC

#define REC Allocation
static const RecordField allocation_fields[] = {
    FIELD(ID,      id,              "id",              1, "id", "id van de toekenning",
          .flags = FIELD_KEY),
    FIELD(TEXT,    municipality,    NULL,              2, "gemeente", cbs_code,
          .label = "Gemeente"),
    /* may be 0 when actielijn_id is set: the store derives it */
    FIELD(REF,     scheme_id,       NULL,              0, NULL, NULL),
    FIELD(REF,     actielijn_id,    "actielijn",       3, "actielijn",
          "nummer van de actielijn; leeg: niet uitgesplitst naar actielijn",
          .show = SHOW_ACTIELIJN_NUMBER,
          .label = "Actielijn", .refers = "actielijn"),
    FIELD(INT,     year,            "year",            4, "jaar", "jaar; bij een periode het eerste jaar",
          .label = "Jaar"),
    /* a period figure without a split per year: year..year_to; one year: year_to == year */
    FIELD(INT,     year_to,         "year_to",         11, "tot_en_met_jaar",
          "laatste jaar; gelijk aan jaar, of later bij een bedrag voor een periode zonder "
          "verdeling over de jaren",
          .label = "Tot en met jaar"),
    FIELD(MONEY,   amount_cents,    "amount_cents",    7, "bedrag_cents", "bedrag in eurocent",
          .label = "Bedrag"),
    FIELD(INT,     version,         "version",         5, "versie",
          "1, 2, ...: een latere circulaire voegt een versie toe", .flags = FIELD_STORE_SET,
          .label = "Versie"),
    FIELD(CITE,    cite,            "source",          8, NULL, NULL,
          .label = "Bron"),
    FIELD(TEXT,    recorded_at,     "recorded_at",     10, "vastgelegd_op",
          "moment van vastleggen in pok", .flags = FIELD_STORE_SET,
          .label = "Vastgelegd op"),
    /* the highest version of its (municipality, actielijn, year, year_to) is the current one */
    FIELD(BOOL,    current,         "current",         6, "actueel",
          "1 voor de hoogste (geldende) versie",
          .sql = "CASE WHEN allocation.version = (SELECT MAX(b.version) FROM allocation b"
                 " WHERE b.municipality = allocation.municipality"
                 " AND b.actielijn_id IS NOT DISTINCT FROM allocation.actielijn_id"
                 " AND b.scheme_id = allocation.scheme_id AND b.year = allocation.year"
                 " AND b.year_to = allocation.year_to)"
                 " THEN 1 ELSE 0 END"),
    FIELD(INT,     actielijn_number, NULL,             0, NULL, NULL,
          .sql = "(SELECT l.number FROM actielijn l WHERE l.id = allocation.actielijn_id)"),
};
#undef REC

#define REC Pot
static const RecordField pot_fields[] = {
    FIELD(ID,      id,              "id",              1, "id", "id van de pot", .flags = FIELD_KEY),
    FIELD(TEXT,    municipality,    NULL,              2, "gemeente", cbs_code,
          .label = "Gemeente"),
    FIELD(REF,     scheme_id,       NULL,              0, NULL, NULL),
    FIELD(TEXT,    name,            "name",            3, "naam", "naam van de pot",
          .label = "Naam"),
    FIELD(CITE,    cite,            "source",          5, NULL, NULL,
          .label = "Bron"),
    FIELD(IDS,     actielijn_ids,   "actielijnen",     4, "actielijnen",
          "nummers van de actielijnen in de pot, gescheiden door ;", COUNT(n_actielijnen),
          .link = LINK("pot_actielijn", "pot_id", "actielijn_id", "actielijn"),
          .show = SHOW_ACTIELIJN_NUMBER,
          .label = "Actielijnen"),
};
#undef REC

#define REC Measure
static const RecordField measure_fields[] = {
    FIELD(ID,      id,              "id",              1, "id", "id van de maatregel",
          .flags = FIELD_KEY),
    FIELD(TEXT,    municipality,    NULL,              2, "gemeente", cbs_code,
          .flags = FIELD_INSERT_ONLY,
          .label = "Gemeente"),
    FIELD(REF,     scheme_id,       NULL,              0, NULL, NULL, .flags = FIELD_INSERT_ONLY),
    FIELD(REF,     pot_id,          "pot_id",          3, "pot_id",
          "pot (leeg: de standaardpot of volgens de actielijn)",
          .label = "Pot", .refers = "pot"),
    FIELD(TEXT,    name,            "name",            4, "naam", "naam",
          .label = "Naam"),
    FIELD(TEXT,    description,     "description",     5, "omschrijving", "omschrijving",
          .label = "Omschrijving"),
    FIELD(TEXT,    partner,         "partner",         6, "partner", "uitvoerende partner",
          .label = "Partner"),
    FIELD(TEXT,    status,          "status",          7, "status",
          "gepland, lopend, afgerond of gestopt", .flags = FIELD_KEEP_IF_NULL,
          .label = "Status"),
    FIELD(TEXT,    cost_centres,    "cost_centres",    8, "kostenplaatsen",
          "kostenplaatsen of projectcodes, gescheiden door komma's",
          .label = "Kostenplaatsen"),
    FIELD(CITE,    cite,            "source",          11, NULL, NULL,
          .label = "Bron"),
    FIELD(REF,     decision_id,     "decision_id",     13, "besluit_id",
          "besluit waarop de maatregel berust (tabel besluiten)",
          .label = "Besluit", .refers = "decision"),
    FIELD(IDS,     actielijn_ids,   "actielijnen",     9, "actielijnen",
          "nummers van de actielijnen, gescheiden door ;", COUNT(n_actielijnen),
          .link = LINK("measure_actielijn", "measure_id", "actielijn_id", "actielijn"),
          .show = SHOW_ACTIELIJN_NUMBER,
          .label = "Actielijnen"),
    FIELD(IDS,     purpose_ids,     "purposes",        10, "doelen",
          "nummers van de bestedingsdoelen, gescheiden door ;", COUNT(n_purposes),
          .link = LINK("measure_purpose", "measure_id", "purpose_id", "purpose"),
          .show = SHOW_PURPOSE_NUMBER,
          .label = "Doelen"),
    FIELD(INT64,   row_version,     "row_version",     0, NULL, NULL, .flags = FIELD_ROW_VERSION),
};
#undef REC

#define REC MeasureAmount
static const RecordField measure_amount_fields[] = {
    FIELD(ID,      id,              "id",              1, "id", "id van het bedrag",
          .flags = FIELD_KEY),
    FIELD(REF,     measure_id,      "measure_id",      2, "maatregel_id",
          "maatregel (tabel maatregelen)", .flags = FIELD_INSERT_ONLY,
          .label = "Maatregel", .refers = "measure"),
    FIELD(INT,     year,            "year",            3, "jaar", "jaar", .flags = FIELD_INSERT_ONLY,
          .label = "Jaar"),
    FIELD(ENUM,    kind,            "kind",            4, "soort", "plan of realisatie",
          .flags = FIELD_INSERT_ONLY, .names = &amount_kinds,
          .label = "Soort"),
    FIELD(MONEY,   amount_cents,    "amount_cents",    5, "bedrag_cents", "bedrag in eurocent",
          .label = "Bedrag"),
    FIELD(CITE,    cite,            "source",          6, NULL, NULL,
          .label = "Bron"),
    FIELD(REF,     decision_id,     "decision_id",     8, "besluit_id", decision_doc,
          .label = "Besluit", .refers = "decision"),
    FIELD(INT64,   row_version,     "row_version",     0, NULL, NULL, .flags = FIELD_ROW_VERSION),
};
#undef REC

#define REC ReserveOpening
static const RecordField reserve_opening_fields[] = {
    FIELD(ID,      id,              "id",              1, "id", "id", .flags = FIELD_KEY),
    FIELD(TEXT,    municipality,    NULL,              2, "gemeente", cbs_code,
          .flags = FIELD_INSERT_ONLY,
          .label = "Gemeente"),
    FIELD(REF,     scheme_id,       NULL,              0, NULL, NULL, .flags = FIELD_INSERT_ONLY),
    FIELD(REF,     pot_id,          "pot_id",          3, "pot_id", "pot (leeg: de standaardpot)",
          .flags = FIELD_INSERT_ONLY,
          .label = "Pot", .refers = "pot"),
    FIELD(INT,     year,            "year",            4, "jaar", "stand op 1 januari van dit jaar",
          .label = "Jaar"),
    FIELD(MONEY,   amount_cents,    "amount_cents",    5, "bedrag_cents", "beginsaldo in eurocent",
          .label = "Beginsaldo"),
    FIELD(CITE,    cite,            "source",          6, NULL, NULL,
          .label = "Bron"),
    FIELD(REF,     decision_id,     "decision_id",     8, "besluit_id", decision_doc,
          .label = "Besluit", .refers = "decision"),
    FIELD(INT64,   row_version,     "row_version",     0, NULL, NULL, .flags = FIELD_ROW_VERSION),
};
#undef REC

#define REC ReserveMovement
static const RecordField reserve_movement_fields[] = {
    FIELD(ID,      id,              "id",              1, "id", "id", .flags = FIELD_KEY),
    FIELD(TEXT,    municipality,    NULL,              2, "gemeente", cbs_code,
          .label = "Gemeente"),
    FIELD(REF,     scheme_id,       NULL,              0, NULL, NULL),
    FIELD(REF,     pot_id,          "pot_id",          3, "pot_id", "pot (leeg: de standaardpot)",
          .label = "Pot", .refers = "pot"),
    FIELD(ENUM,    kind,            "kind",            4, "soort",
          "storting, onttrekking of overheveling", .names = &reserve_kinds,
          .label = "Soort"),
    FIELD(INT,     year,            "year",            5, "jaar",
          "jaar van de mutatie (overheveling: het jaar waaruit)",
          .label = "Jaar"),
    FIELD(INT_OPT, to_year,         "to_year",         6, "naar_jaar",
          "overheveling: het jaar waarnaar",
          .label = "Naar jaar"),
    FIELD(MONEY,   amount_cents,    "amount_cents",    7, "bedrag_cents", "bedrag in eurocent",
          .label = "Bedrag"),
    FIELD(TEXT,    description,     "description",     8, "omschrijving", "omschrijving",
          .label = "Omschrijving"),
    FIELD(CITE,    cite,            "source",          9, NULL, NULL,
          .label = "Bron"),
    FIELD(REF,     decision_id,     "decision_id",     11, "besluit_id", decision_doc,
          .label = "Besluit", .refers = "decision"),
};
#undef REC

#define REC Decision
static const RecordField decision_fields[] = {
    FIELD(ID,      id,              "id",              1, "id", "id van het besluit",
          .flags = FIELD_KEY),
    FIELD(TEXT,    municipality,    NULL,              2, "gemeente", cbs_code,
          .label = "Gemeente"),
    FIELD(DATE,    date,            "date",            3, "datum", "datum",
          .label = "Datum"),
    FIELD(TEXT,    body,            "body",            4, "orgaan", "college of raad",
          .label = "Orgaan"),
    FIELD(TEXT,    reference,       "reference",       5, "kenmerk", "kenmerk",
          .label = "Kenmerk"),
    FIELD(TEXT,    title,           "title",           6, "titel", "titel",
          .label = "Titel"),
    FIELD(TEXT,    outcome,         "outcome",         7, "uitkomst",
          "vastgesteld, afgewezen, ingestemd, ...",
          .label = "Uitkomst"),
    FIELD(CITE,    cite,            "source",          8, NULL, NULL,
          .label = "Bron"),
};
#undef REC

#define REC Request
static const RecordField request_fields[] = {
    FIELD(ID,      id,              "id",              1, "id", "id van het verzoek",
          .flags = FIELD_KEY),
    FIELD(TEXT,    municipality,    NULL,              2, "gemeente", cbs_code,
          .label = "Gemeente"),
    FIELD(TEXT,    requester,       "requester",       3, "aanvrager", "wie om geld vraagt",
          .label = "Verzoeker"),
    FIELD(DATE,    date,            "date",            4, "datum", "datum van het verzoek",
          .label = "Datum"),
    FIELD(TEXT,    subject,         "subject",         5, "onderwerp", "onderwerp",
          .label = "Onderwerp"),
    FIELD(MONEY_OPT, amount_cents,  "amount_cents",    6, "bedrag_cents",
          "gevraagd bedrag in eurocent (leeg: geen bedrag genoemd)", .aux = AT(int, has_amount),
          .label = "Gevraagd bedrag"),
    FIELD(REF,     letter_source_id, "letter_source_id", 7, "brief_bron_id",
          "de brief zelf (tabel bronnen)",
          .label = "Brief", .refers = "source"),
    FIELD(REF,     decision_id,     "decision_id",     8, "besluit_id", decision_doc,
          .label = "Besluit", .refers = "decision"),
    FIELD(TEXT,    status,          "status",          9, "status",
          "open, toegekend, afgewezen, deels toegekend",
          .label = "Status"),
    FIELD(CITE,    cite,            "source",          10, NULL, NULL,
          .label = "Bron"),
};
#undef REC

#define REC Evaluation
static const RecordField evaluation_fields[] = {
    FIELD(ID,      id,              "id",              1, "id", "id van de evaluatie",
          .flags = FIELD_KEY),
    FIELD(REF,     measure_id,      "measure_id",      2, "maatregel_id",
          "maatregel (tabel maatregelen)",
          .label = "Maatregel", .refers = "measure"),
    FIELD(DATE,    date,            "date",            3, "datum", "datum",
          .label = "Datum"),
    FIELD(TEXT,    verdict,         "verdict",         4, "oordeel", "bijv. effectief, deels effectief",
          .label = "Oordeel"),
    FIELD(TEXT,    text,            "text",            5, "tekst", "toelichting",
          .label = "Toelichting"),
    FIELD(TEXT,    follow_up,       "follow_up",       6, "vervolg",
          "voortzetten, stoppen, doel bereikt, structureel maken",
          .label = "Vervolg"),
    FIELD(CITE,    cite,            "source",          7, NULL, NULL,
          .label = "Bron"),
    FIELD(REF,     decision_id,     "decision_id",     9, "besluit_id", decision_doc,
          .label = "Besluit", .refers = "decision"),
};
#undef REC

/* The figures fixed at closing (column figures) are the store's own (store_closed.c). */
#define REC ClosedYear
static const RecordField closed_year_fields[] = {
    FIELD(TEXT,    municipality,    NULL,              1, "gemeente", cbs_code, .flags = FIELD_KEY,
          .label = "Gemeente"),
    FIELD(INT,     year,            "year",            2, "jaar",
          "afgesloten jaar: de uitgaven zijn de realisatie", .flags = FIELD_KEY,
          .label = "Jaar"),
    FIELD(CITE,    cite,            "source",          3, NULL, NULL,
          .label = "Bron"),
    FIELD(REF,     decision_id,     "decision_id",     5, "besluit_id", decision_doc,
          .label = "Besluit", .refers = "decision"),
};
#undef REC

#define REC StatedFigure
static const RecordField stated_figure_fields[] = {
    FIELD(ID,      id,              "id",              1, "id", "id", .flags = FIELD_KEY),
    FIELD(TEXT,    municipality,    NULL,              2, "gemeente", cbs_code,
          .label = "Gemeente"),
    FIELD(REF,     scheme_id,       NULL,              0, NULL, NULL),
    FIELD(ENUM,    kind,            "kind",            3, "soort",
          "toekenning, beschikbaar of uitgaven", .names = &stated_kinds,
          .label = "Soort"),
    FIELD(REF,     actielijn_id,    "actielijn",       4, "actielijn",
          "nummer van de actielijn (leeg: alle)", .show = SHOW_ACTIELIJN_NUMBER,
          .label = "Actielijn", .refers = "actielijn"),
    FIELD(REF,     pot_id,          "pot_id",          5, "pot_id", "pot (leeg: alle potten)",
          .label = "Pot", .refers = "pot"),
    FIELD(INT,     year_from,       "year_from",       6, "jaar_van", "eerste jaar",
          .label = "Eerste jaar"),
    FIELD(INT,     year_to,         "year_to",         7, "jaar_tot", "laatste jaar",
          .label = "Laatste jaar"),
    FIELD(MONEY,   amount_cents,    "amount_cents",    8, "bedrag_cents",
          "het bedrag dat het document noemt, in eurocent",
          .label = "Bedrag"),
    FIELD(TEXT,    description,     "description",     9, "omschrijving",
          "de woorden van het document",
          .label = "Omschrijving"),
    FIELD(CITE,    cite,            "source",          10, NULL, NULL,
          .label = "Bron"),
};
#undef REC

/* clang-format on */

const RecordKind record_kinds[RECORD_N_KINDS] = {
    KIND(RECORD_SCHEME, "scheme", Scheme, scheme_fields),
    KIND(RECORD_ACTIELIJN, "actielijn", Actielijn, actielijn_fields),
    KIND(RECORD_PURPOSE, "purpose", Purpose, purpose_fields),
    KIND(RECORD_MUNICIPALITY, "municipality", Municipality, municipality_fields),
    KIND(RECORD_INHABITANTS, "inhabitants", Inhabitants, inhabitants_fields),
    KIND(RECORD_SOURCE, "source", Source, source_fields),
    KIND(RECORD_ALLOCATION, "allocation", Allocation, allocation_fields),
    KIND(RECORD_POT, "pot", Pot, pot_fields),
    KIND(RECORD_MEASURE, "measure", Measure, measure_fields),
    KIND(RECORD_MEASURE_AMOUNT, "measure_amount", MeasureAmount, measure_amount_fields),
    KIND(RECORD_RESERVE_OPENING, "reserve_opening", ReserveOpening, reserve_opening_fields),
    KIND(RECORD_RESERVE_MOVEMENT, "reserve_movement", ReserveMovement, reserve_movement_fields),
    KIND(RECORD_DECISION, "decision", Decision, decision_fields),
    KIND(RECORD_REQUEST, "request", Request, request_fields),
    KIND(RECORD_EVALUATION, "evaluation", Evaluation, evaluation_fields),
    KIND(RECORD_CLOSED_YEAR, "closed_year", ClosedYear, closed_year_fields),
    KIND(RECORD_STATED_FIGURE, "stated_figure", StatedFigure, stated_figure_fields),
};
