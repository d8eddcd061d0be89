/* migrations.c: the schema of the SQL stores, one migration per array element. Never edit
 * an applied migration; add a new one. Types are portable (INTEGER PRIMARY KEY ids map to
 * identity columns in PostgreSQL; money and references are BIGINT, 64-bit in both). */
#include "migrations.h"

#include <stdlib.h>
#include <string.h>

#include "../util.h"

/* One SQL clause per line reads better than what clang-format makes of these literals. */
/* clang-format off */

/* The built-in scheme's rows; the texts are literals, never user input. */
#define POK_ACTIELIJN(num, name, circulaire, flow) \
    "INSERT INTO actielijn (scheme_id, number, name, circulaire_name, flow)" \
    " SELECT id, " #num ", '" name "', '" circulaire "', '" flow "'" \
    " FROM scheme WHERE code = 'POK';"
#define POK_PURPOSE(num, name) \
    "INSERT INTO purpose (scheme_id, number, name)" \
    " SELECT id, " #num ", '" name "' FROM scheme WHERE code = 'POK';"
#define FLOW_AU "gemeentefonds, algemene uitkering"

static const char migration_1[] =
    /* ---- schemes and what they consist of ---- */
    "CREATE TABLE scheme ("
    " id INTEGER PRIMARY KEY,"
    " code TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL,"
    " first_year INTEGER NOT NULL,"
    " last_year INTEGER NOT NULL,"
    " CONSTRAINT scheme_years CHECK (first_year <= last_year),"
    " CONSTRAINT scheme_year CHECK (first_year BETWEEN 1900 AND 2200));"

    "CREATE TABLE actielijn ("
    " id INTEGER PRIMARY KEY,"
    " scheme_id BIGINT NOT NULL REFERENCES scheme(id),"
    " number INTEGER NOT NULL,"
    " name TEXT NOT NULL,"
    " circulaire_name TEXT,"
    " flow TEXT,"
    " CONSTRAINT actielijn_number CHECK (number >= 1),"
    " UNIQUE (scheme_id, number));"

    "CREATE TABLE purpose ("
    " id INTEGER PRIMARY KEY,"
    " scheme_id BIGINT NOT NULL REFERENCES scheme(id),"
    " number INTEGER NOT NULL,"
    " name TEXT NOT NULL,"
    " CONSTRAINT purpose_number CHECK (number >= 1),"
    " UNIQUE (scheme_id, number));"

    /* ---- municipalities and reference figures ---- */
    "CREATE TABLE municipality ("
    " code TEXT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " province TEXT,"
    " first_year INTEGER,"
    " last_year INTEGER,"
    " CONSTRAINT municipality_code CHECK (length(code) = 6 AND substr(code, 1, 2) = 'GM'"
    "  AND substr(code, 3, 1) BETWEEN '0' AND '9' AND substr(code, 4, 1) BETWEEN '0' AND '9'"
    "  AND substr(code, 5, 1) BETWEEN '0' AND '9' AND substr(code, 6, 1) BETWEEN '0' AND '9'),"
    " CONSTRAINT municipality_years CHECK (first_year IS NULL OR last_year IS NULL"
    "  OR first_year <= last_year));"

    "CREATE TABLE source ("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL,"
    " title TEXT NOT NULL,"
    " reference TEXT,"
    " date TEXT,"
    " municipality TEXT REFERENCES municipality(code),"
    " note TEXT);"
    "CREATE INDEX source_municipality ON source(municipality);"

    "CREATE TABLE inhabitants ("
    " municipality TEXT NOT NULL REFERENCES municipality(code),"
    " year INTEGER NOT NULL,"
    " count BIGINT NOT NULL,"
    " source_id BIGINT REFERENCES source(id),"
    " PRIMARY KEY (municipality, year),"
    " CONSTRAINT inhabitants_year CHECK (year BETWEEN 1900 AND 2200),"
    " CONSTRAINT inhabitants_count CHECK (count >= 0));"

    /* ---- decisions come first: most records cite one ---- */
    "CREATE TABLE decision ("
    " id INTEGER PRIMARY KEY,"
    " municipality TEXT NOT NULL REFERENCES municipality(code),"
    " date TEXT," /* NULL: the document does not date the decision */
    " body TEXT NOT NULL,"
    " reference TEXT,"
    " title TEXT,"
    " outcome TEXT,"
    " source_id BIGINT REFERENCES source(id),"
    " source_place TEXT,"
    " CONSTRAINT decision_body CHECK (body IN ('college', 'raad')));"
    "CREATE INDEX decision_municipality ON decision(municipality, date);"

    /* ---- allocations: every version kept, the highest is current ---- */
    "CREATE TABLE allocation ("
    " id INTEGER PRIMARY KEY,"
    " municipality TEXT NOT NULL REFERENCES municipality(code),"
    " scheme_id BIGINT NOT NULL REFERENCES scheme(id),"
    /* NULL: the document gives the total without a split per actielijn */
    " actielijn_id BIGINT REFERENCES actielijn(id),"
    " year INTEGER NOT NULL,"
    " amount_cents BIGINT NOT NULL,"
    " version INTEGER NOT NULL,"
    " source_id BIGINT REFERENCES source(id),"
    " source_place TEXT,"
    " recorded_at TEXT NOT NULL,"
    " CONSTRAINT allocation_year CHECK (year BETWEEN 1900 AND 2200),"
    " CONSTRAINT allocation_amount CHECK (amount_cents >= 0),"
    " CONSTRAINT allocation_version CHECK (version >= 1));"
    /* NULLs are distinct in a UNIQUE constraint, so key the unsplit figures as 0. */
    "CREATE UNIQUE INDEX allocation_version_key"
    " ON allocation(municipality, scheme_id, COALESCE(actielijn_id, 0), year, version);"

    /* ---- pots: pooled actielijnen ---- */
    "CREATE TABLE pot ("
    " id INTEGER PRIMARY KEY,"
    " municipality TEXT NOT NULL REFERENCES municipality(code),"
    " scheme_id BIGINT NOT NULL REFERENCES scheme(id),"
    " name TEXT NOT NULL,"
    " source_id BIGINT REFERENCES source(id),"
    " source_place TEXT,"
    " UNIQUE (municipality, scheme_id, name));"

    "CREATE TABLE pot_actielijn ("
    " pot_id BIGINT NOT NULL REFERENCES pot(id) ON DELETE CASCADE,"
    " actielijn_id BIGINT NOT NULL REFERENCES actielijn(id),"
    " PRIMARY KEY (pot_id, actielijn_id));"

    /* ---- measures and their amounts ---- */
    "CREATE TABLE measure ("
    " id INTEGER PRIMARY KEY,"
    " municipality TEXT NOT NULL REFERENCES municipality(code),"
    " scheme_id BIGINT NOT NULL REFERENCES scheme(id),"
    " pot_id BIGINT REFERENCES pot(id),"
    " name TEXT NOT NULL,"
    " description TEXT,"
    " partner TEXT,"
    " status TEXT NOT NULL DEFAULT 'gepland',"
    " cost_centres TEXT,"
    " source_id BIGINT REFERENCES source(id),"
    " source_place TEXT,"
    " decision_id BIGINT REFERENCES decision(id),"
    " CONSTRAINT measure_status CHECK (status IN ('gepland', 'lopend', 'afgerond',"
    "  'gestopt')));"
    "CREATE INDEX measure_municipality ON measure(municipality, scheme_id);"

    "CREATE TABLE measure_actielijn ("
    " measure_id BIGINT NOT NULL REFERENCES measure(id) ON DELETE CASCADE,"
    " actielijn_id BIGINT NOT NULL REFERENCES actielijn(id),"
    " PRIMARY KEY (measure_id, actielijn_id));"

    "CREATE TABLE measure_purpose ("
    " measure_id BIGINT NOT NULL REFERENCES measure(id) ON DELETE CASCADE,"
    " purpose_id BIGINT NOT NULL REFERENCES purpose(id),"
    " PRIMARY KEY (measure_id, purpose_id));"

    /* kind 1 = plan, 2 = realised; only a realised amount may be negative (a refund). */
    "CREATE TABLE measure_amount ("
    " id INTEGER PRIMARY KEY,"
    " measure_id BIGINT NOT NULL REFERENCES measure(id),"
    " year INTEGER NOT NULL,"
    " kind INTEGER NOT NULL,"
    " amount_cents BIGINT NOT NULL,"
    " source_id BIGINT REFERENCES source(id),"
    " source_place TEXT,"
    " decision_id BIGINT REFERENCES decision(id),"
    " CONSTRAINT measure_amount_year CHECK (year BETWEEN 1900 AND 2200),"
    " CONSTRAINT measure_amount_kind CHECK (kind IN (1, 2)),"
    " CONSTRAINT measure_amount_amount CHECK (kind = 2 OR amount_cents >= 0),"
    " UNIQUE (measure_id, year, kind));"

    /* ---- the earmarked reserve; pot_id NULL = the default pot ---- */
    "CREATE TABLE reserve_opening ("
    " id INTEGER PRIMARY KEY,"
    " municipality TEXT NOT NULL REFERENCES municipality(code),"
    " scheme_id BIGINT NOT NULL REFERENCES scheme(id),"
    " pot_id BIGINT REFERENCES pot(id),"
    " year INTEGER NOT NULL,"
    " amount_cents BIGINT NOT NULL,"
    " source_id BIGINT REFERENCES source(id),"
    " source_place TEXT,"
    " decision_id BIGINT REFERENCES decision(id),"
    " CONSTRAINT reserve_opening_year CHECK (year BETWEEN 1900 AND 2200),"
    " CONSTRAINT reserve_opening_amount CHECK (amount_cents >= 0));"
    /* NULLs are distinct in a plain UNIQUE (here and in PostgreSQL): key on COALESCE. */
    "CREATE UNIQUE INDEX reserve_opening_key"
    " ON reserve_opening(municipality, scheme_id, COALESCE(pot_id, 0));"

    "CREATE TABLE reserve_movement ("
    " id INTEGER PRIMARY KEY,"
    " municipality TEXT NOT NULL REFERENCES municipality(code),"
    " scheme_id BIGINT NOT NULL REFERENCES scheme(id),"
    " pot_id BIGINT REFERENCES pot(id),"
    " kind INTEGER NOT NULL,"
    " year INTEGER NOT NULL,"
    " to_year INTEGER,"
    " amount_cents BIGINT NOT NULL,"
    " description TEXT,"
    " source_id BIGINT REFERENCES source(id),"
    " source_place TEXT,"
    " decision_id BIGINT REFERENCES decision(id),"
    " CONSTRAINT reserve_movement_year CHECK (year BETWEEN 1900 AND 2200),"
    " CONSTRAINT reserve_movement_kind CHECK (kind IN (1, 2, 3)),"
    /* IS NOT NULL: a CHECK that evaluates to NULL passes. */
    " CONSTRAINT reserve_movement_to_year CHECK ((kind = 3 AND to_year IS NOT NULL"
    "  AND to_year > year) OR (kind <> 3 AND to_year IS NULL)),"
    " CONSTRAINT reserve_movement_amount CHECK (amount_cents >= 0));"
    "CREATE INDEX reserve_movement_municipality ON reserve_movement(municipality, scheme_id);"

    /* ---- requests from outside, evaluations, closed years, stated figures ---- */
    "CREATE TABLE request ("
    " id INTEGER PRIMARY KEY,"
    " municipality TEXT NOT NULL REFERENCES municipality(code),"
    " requester TEXT NOT NULL,"
    " date TEXT,"
    " subject TEXT,"
    " amount_cents BIGINT,"
    " letter_source_id BIGINT REFERENCES source(id),"
    " decision_id BIGINT REFERENCES decision(id),"
    " status TEXT NOT NULL DEFAULT 'open',"
    " source_id BIGINT REFERENCES source(id),"
    " source_place TEXT,"
    " CONSTRAINT request_amount CHECK (amount_cents IS NULL OR amount_cents >= 0),"
    " CONSTRAINT request_status CHECK (status IN ('open', 'toegekend', 'afgewezen',"
    "  'deels toegekend')));"
    "CREATE INDEX request_municipality ON request(municipality);"

    "CREATE TABLE evaluation ("
    " id INTEGER PRIMARY KEY,"
    " measure_id BIGINT NOT NULL REFERENCES measure(id),"
    " date TEXT,"
    " verdict TEXT,"
    " text TEXT,"
    " follow_up TEXT,"
    " source_id BIGINT REFERENCES source(id),"
    " source_place TEXT,"
    " decision_id BIGINT REFERENCES decision(id),"
    " CONSTRAINT evaluation_follow_up CHECK (follow_up IS NULL OR follow_up IN"
    "  ('voortzetten', 'stoppen', 'doel bereikt', 'structureel maken')));"
    "CREATE INDEX evaluation_measure ON evaluation(measure_id);"

    "CREATE TABLE closed_year ("
    " municipality TEXT NOT NULL REFERENCES municipality(code),"
    " year INTEGER NOT NULL,"
    " source_id BIGINT REFERENCES source(id),"
    " source_place TEXT,"
    " decision_id BIGINT REFERENCES decision(id),"
    " CONSTRAINT closed_year_year CHECK (year BETWEEN 1900 AND 2200),"
    " PRIMARY KEY (municipality, year));"

    "CREATE TABLE stated_figure ("
    " id INTEGER PRIMARY KEY,"
    " municipality TEXT NOT NULL REFERENCES municipality(code),"
    " scheme_id BIGINT NOT NULL REFERENCES scheme(id),"
    " kind INTEGER NOT NULL,"
    " actielijn_id BIGINT REFERENCES actielijn(id),"
    " pot_id BIGINT REFERENCES pot(id),"
    " year_from INTEGER NOT NULL,"
    " year_to INTEGER NOT NULL,"
    " amount_cents BIGINT NOT NULL,"
    " description TEXT,"
    " source_id BIGINT REFERENCES source(id),"
    " source_place TEXT,"
    " CONSTRAINT stated_figure_kind CHECK (kind IN (1, 2, 3)),"
    " CONSTRAINT stated_figure_year CHECK (year_from BETWEEN 1900 AND 2200),"
    " CONSTRAINT stated_figure_years CHECK (year_from <= year_to));"
    "CREATE INDEX stated_figure_municipality ON stated_figure(municipality, scheme_id);"

    /* ---- the audit trail: no foreign keys, it outlives what it describes ---- */
    "CREATE TABLE audit ("
    " id INTEGER PRIMARY KEY,"
    " at TEXT NOT NULL,"
    " actor TEXT NOT NULL,"
    " action TEXT NOT NULL,"
    " table_name TEXT NOT NULL,"
    " record_id BIGINT,"
    " municipality TEXT,"
    " before_json TEXT,"
    " after_json TEXT,"
    " CONSTRAINT audit_action CHECK (action IN ('insert', 'update', 'delete')));"
    "CREATE INDEX audit_municipality ON audit(municipality, id);"

    /* ---- the built-in POK scheme (VNG ledenbrief Lbr. 21/083, 14 December 2021) ---- */
    "INSERT INTO scheme (code, name, first_year, last_year) VALUES ('POK',"
    " 'POK-middelen (Parlementaire Ondervragingscommissie Kinderopvangtoeslag)', 2021, 2027);"

    POK_ACTIELIJN(1, "Digitale overheid", "Digitale overheid",
                  "via de Koninklijke Bibliotheek en het Rijk")
    POK_ACTIELIJN(2, "Rechtsbescherming", "Robuust rechtsbeschermingssysteem", FLOW_AU)
    POK_ACTIELIJN(3, "Versterken leervermogen aanpak kwetsbare wijken", "Systeemleren", FLOW_AU)
    POK_ACTIELIJN(4, "Versterking wijkteams", "Versterking ondersteuning wijkteams", FLOW_AU)
    POK_ACTIELIJN(5, "Integraal werken in het sociaal domein", "Impuls integraal werken",
                  FLOW_AU)
    POK_ACTIELIJN(6, "Toekomstscenario Kind- en Gezinsbescherming",
                  "Toekomstscenario Kind- en Gezinsbescherming",
                  "decentralisatie-uitkering via 35 centrumgemeenten vrouwenopvang")
    POK_ACTIELIJN(7, "(Hoog) risicovol verward gedrag", "Zorg- en Veiligheidshuizen",
                  "decentralisatie-uitkering via 25 centrumgemeenten veiligheidsregio")
    POK_ACTIELIJN(8, "Gemeentelijk ondersteuningsprogramma",
                  "Gemeentelijk ondersteuningsprogramma", "besteed door het Rijk en de VNG")

    POK_PURPOSE(1, "Meer capaciteit voor de uitvoering van de dienstverlening")
    POK_PURPOSE(2, "Extra ondersteuning voor mensen met complexe problematiek")
    POK_PURPOSE(3, "Betere coördinatie tussen uitvoerders bij meervoudige problematiek")
    POK_PURPOSE(4, "Versterken van het leervermogen van de gemeente");

/* Accounts, sessions, login attempts and public read access (issue 4). Passwords are
 * Argon2id strings; a session row holds only the hash of its token. */
static const char migration_accounts[] =
    "CREATE TABLE app_user ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE,"
    " password_hash TEXT NOT NULL,"
    " role TEXT NOT NULL,"
    " disabled INTEGER NOT NULL DEFAULT 0,"
    " created TEXT NOT NULL,"
    " CONSTRAINT app_user_role CHECK (role IN ('beheerder', 'redacteur', 'lezer', 'analist')));"
    "CREATE TABLE user_municipality ("
    " user_id BIGINT NOT NULL REFERENCES app_user(id),"
    " municipality TEXT NOT NULL REFERENCES municipality(code),"
    " PRIMARY KEY (user_id, municipality));"
    "CREATE TABLE session ("
    " id INTEGER PRIMARY KEY,"
    " token_hash TEXT NOT NULL UNIQUE,"
    " user_id BIGINT NOT NULL REFERENCES app_user(id),"
    " created BIGINT NOT NULL,"
    " last_seen BIGINT NOT NULL,"
    " revoked INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX session_user ON session(user_id);"
    "CREATE TABLE login_attempt ("
    " id INTEGER PRIMARY KEY,"
    " user_name TEXT NOT NULL,"
    " address TEXT NOT NULL,"
    " at BIGINT NOT NULL,"
    " success INTEGER NOT NULL);"
    "CREATE INDEX login_attempt_user ON login_attempt(user_name, at);"
    "CREATE INDEX login_attempt_address ON login_attempt(address, at);"
    "CREATE TABLE municipality_public ("
    " municipality TEXT PRIMARY KEY REFERENCES municipality(code));";

/* Why a record was deleted (pok delete --reason), and the date filter of the audit trail. */
static const char migration_audit_reason[] =
    "ALTER TABLE audit ADD COLUMN reason TEXT;"
    "CREATE INDEX audit_table_record ON audit(table_name, record_id);";

/* Reopened closed years: who reopened which year, when and why (pok year reopen). */
static const char migration_year_reopening[] =
    "CREATE TABLE year_reopening ("
    " id INTEGER PRIMARY KEY,"
    " municipality TEXT NOT NULL REFERENCES municipality(code),"
    " year INTEGER NOT NULL,"
    " reason TEXT NOT NULL,"
    " actor TEXT NOT NULL,"
    " at TEXT NOT NULL,"
    " CONSTRAINT year_reopening_reason CHECK (length(reason) > 0));"
    "CREATE INDEX year_reopening_municipality ON year_reopening(municipality, year);";

/* General-ledger (grootboek) imports and their bookings (pok import ledger). Only bookings
 * on a mapped cost centre are stored; the fingerprint (BLAKE2b of the booking's content)
 * and occurrence (the n-th identical booking in one file) make a re-import add nothing. */
static const char migration_ledger[] =
    "CREATE TABLE ledger_import ("
    " id INTEGER PRIMARY KEY,"
    " municipality TEXT NOT NULL REFERENCES municipality(code),"
    " source_id BIGINT REFERENCES source(id),"
    " file_name TEXT NOT NULL,"
    " imported_at TEXT NOT NULL,"
    " actor TEXT NOT NULL,"
    " lines BIGINT NOT NULL DEFAULT 0,"
    " bookings_new BIGINT NOT NULL DEFAULT 0,"
    " bookings_known BIGINT NOT NULL DEFAULT 0,"
    " unmapped_lines BIGINT NOT NULL DEFAULT 0,"
    " unmapped_cents BIGINT NOT NULL DEFAULT 0,"
    " total_cents BIGINT NOT NULL DEFAULT 0);"
    "CREATE INDEX ledger_import_municipality ON ledger_import(municipality);"
    "CREATE TABLE booking ("
    " id INTEGER PRIMARY KEY,"
    " import_id BIGINT NOT NULL REFERENCES ledger_import(id),"
    /* the import's municipality (checked there): no second lookup per booking */
    " municipality TEXT NOT NULL,"
    " measure_id BIGINT NOT NULL REFERENCES measure(id),"
    " year INTEGER NOT NULL,"
    " period INTEGER,"
    " booking_date TEXT,"
    " account TEXT,"
    " cost_centre TEXT,"
    " taakveld TEXT,"
    " amount_cents BIGINT NOT NULL,"
    " description TEXT,"
    " document TEXT,"
    " line BIGINT NOT NULL,"
    " fingerprint BLOB NOT NULL,"
    " occurrence INTEGER NOT NULL,"
    " CONSTRAINT booking_year CHECK (year BETWEEN 1900 AND 2200),"
    " UNIQUE (municipality, fingerprint, occurrence));"
    /* amount_cents in the index: a realised amount is summed from the index alone */
    "CREATE INDEX booking_measure_year ON booking(measure_id, year, amount_cents);"
    "CREATE INDEX booking_import ON booking(import_id);";

/* Optimistic versioning: the records an editor changes in place carry a version that
 * every save changing them raises, so a save based on an older read is refused instead
 * of silently overwriting (allocations need none: a save is a new version). */
static const char migration_row_version[] =
    "ALTER TABLE measure ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE measure_amount ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE reserve_opening ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;";

/* What closing a year fixed: the year's figures of every pot of the coverage table, as
 * JSON (store_closed.c); later changes that would move them are refused. Closed years of
 * an older database get theirs right after the migrations (sq_closed_fill_missing). */
static const char migration_closed_figures[] =
    "ALTER TABLE closed_year ADD COLUMN figures TEXT;";

/* A municipality's own beheerder, who manages the users of its municipalities: a
 * redacteur with this flag, shown everywhere as the role gemeentebeheerder
 * (store_users.c). */
static const char migration_user_manager[] =
    "ALTER TABLE app_user ADD COLUMN manages_users INTEGER NOT NULL DEFAULT 0;";
/* The document file of a source, uploaded in the web (one per source): its bytes, name,
 * type and SHA-256 (store_source_file.c). */
static const char migration_source_file[] =
    "CREATE TABLE source_file ("
    " source_id BIGINT PRIMARY KEY REFERENCES source(id),"
    " file_name TEXT NOT NULL,"
    " content_type TEXT NOT NULL,"
    " size BIGINT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " content BLOB NOT NULL,"
    " CONSTRAINT source_file_size CHECK (size >= 0));";
/* An allocation for a period without a split per year (Amstelveen's 2.932.000 for
 * 2022-2027): its last year. Figures of one year have year_to = year; versions are
 * counted per (municipality, actielijn, year, year_to). */
static const char migration_allocation_period[] =
    "ALTER TABLE allocation ADD COLUMN year_to INTEGER;"
    "UPDATE allocation SET year_to = year;"
    "DROP INDEX IF EXISTS allocation_version_key;"
    "CREATE UNIQUE INDEX allocation_version_key"
    " ON allocation(municipality, scheme_id, COALESCE(actielijn_id, 0), year, year_to, version);";

/* The national monitor (issue 15): what each municipality shares (SharingLevel; no row
 * is SHARE_NONE), and which municipalities hold generated figures (pok demo
 * --synthetic-national), so that every page and export using them says so. */
static const char migration_monitor[] =
    "CREATE TABLE municipality_sharing ("
    " municipality TEXT PRIMARY KEY REFERENCES municipality(code),"
    " level INTEGER NOT NULL,"
    " changed_at TEXT NOT NULL,"
    " CONSTRAINT municipality_sharing_level CHECK (level BETWEEN 0 AND 3));"
    "CREATE TABLE municipality_generated ("
    " municipality TEXT PRIMARY KEY REFERENCES municipality(code),"
    " generated_at TEXT NOT NULL,"
    " seed BIGINT NOT NULL);";

/* The library of measures (issue 15): a full-text index over each measure's name,
 * description, partner and evaluations (verdict, text, follow-up), kept current by
 * triggers on measure and evaluation, whatever writes them (the store, pok copy).
 * SQLite: an FTS5 table with the pok_dutch tokenizer (unicode61 without accents, Dutch
 * Snowball stems; store/db_sqlite_fts.c, registered on every connection). PostgreSQL:
 * migration_search_pg. Both are derived data: pok copy skips them (the triggers fill the
 * destination's), the search reads them (store_search.c). */
#define SEARCH_BODY_LITE(m) \
    "COALESCE(" m ".description, '') || ' ' || COALESCE(" m ".partner, '') || ' ' ||" \
    " COALESCE((SELECT group_concat(COALESCE(e.verdict, '') || ' ' || COALESCE(e.text, '')" \
    " || ' ' || COALESCE(e.follow_up, ''), ' ') FROM evaluation e WHERE e.measure_id = " m ".id), '')"
#define SEARCH_REFRESH_LITE(ids) \
    " DELETE FROM measure_fts WHERE rowid IN " ids ";" \
    " INSERT INTO measure_fts (rowid, name, body) SELECT m.id, m.name, " SEARCH_BODY_LITE("m") \
    " FROM measure m WHERE m.id IN " ids ";"
static const char migration_search[] =
    "CREATE VIRTUAL TABLE measure_fts USING fts5(name, body, tokenize = 'pok_dutch');"
    "CREATE TRIGGER measure_fts_insert AFTER INSERT ON measure BEGIN"
    SEARCH_REFRESH_LITE("(NEW.id)") " END;"
    "CREATE TRIGGER measure_fts_update AFTER UPDATE OF id, name, description, partner ON measure BEGIN"
    SEARCH_REFRESH_LITE("(OLD.id, NEW.id)") " END;"
    "CREATE TRIGGER measure_fts_delete AFTER DELETE ON measure BEGIN"
    " DELETE FROM measure_fts WHERE rowid = OLD.id; END;"
    "CREATE TRIGGER measure_fts_evaluation_insert AFTER INSERT ON evaluation BEGIN"
    SEARCH_REFRESH_LITE("(NEW.measure_id)") " END;"
    "CREATE TRIGGER measure_fts_evaluation_update AFTER UPDATE OF measure_id, verdict, text,"
    " follow_up ON evaluation BEGIN"
    SEARCH_REFRESH_LITE("(OLD.measure_id, NEW.measure_id)") " END;"
    "CREATE TRIGGER measure_fts_evaluation_delete AFTER DELETE ON evaluation BEGIN"
    SEARCH_REFRESH_LITE("(OLD.measure_id)") " END;"
    "INSERT INTO measure_fts (rowid, name, body) SELECT m.id, m.name, " SEARCH_BODY_LITE("m")
    " FROM measure m;";

/* PostgreSQL: a tsvector per measure (name weighted A) from to_tsvector('dutch', ...) of
 * the text with its accents removed by the unaccent extension (contrib, part of Debian's
 * postgresql-15 and trusted, so the database's owner may create it), through pok_fold, an
 * immutable wrapper the queries use too, which also makes the signs that join words for
 * PostgreSQL's parser (raadslieden-functie, sociaal/juridisch, which it would index as a
 * compound before its parts and so break a phrase) into spaces, as unicode61 splits
 * there. Written as is: migration_sql's type spelling
 * must not touch the function bodies. */
static const char migration_search_pg[] =
    "CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;"
    "CREATE OR REPLACE FUNCTION pok_fold(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT"
    " PARALLEL SAFE AS $$ SELECT translate(public.unaccent('public.unaccent'::regdictionary, t),"
    " '-/_@.:+&', '        ') $$;"
    "CREATE TABLE measure_search ("
    " measure_id BIGINT PRIMARY KEY,"
    " doc tsvector NOT NULL);"
    "CREATE INDEX measure_search_doc ON measure_search USING gin (doc);"
    "CREATE OR REPLACE FUNCTION pok_measure_search_refresh(mid BIGINT) RETURNS void"
    " LANGUAGE sql AS $$"
    " DELETE FROM measure_search WHERE measure_id = mid;"
    " INSERT INTO measure_search (measure_id, doc)"
    " SELECT m.id, setweight(to_tsvector('dutch', pok_fold(m.name)), 'A')"
    " || to_tsvector('dutch', pok_fold(concat_ws(' ', m.description, m.partner,"
    " (SELECT string_agg(concat_ws(' ', e.verdict, e.text, e.follow_up), ' ' ORDER BY e.id)"
    " FROM evaluation e WHERE e.measure_id = m.id))))"
    " FROM measure m WHERE m.id = mid $$;"
    "CREATE OR REPLACE FUNCTION pok_measure_search_trigger() RETURNS trigger"
    " LANGUAGE plpgsql AS $$ BEGIN"
    " IF TG_TABLE_NAME = 'measure' THEN"
    "  IF TG_OP <> 'INSERT' THEN PERFORM pok_measure_search_refresh(OLD.id); END IF;"
    "  IF TG_OP <> 'DELETE' THEN PERFORM pok_measure_search_refresh(NEW.id); END IF;"
    " ELSE"
    "  IF TG_OP <> 'INSERT' THEN PERFORM pok_measure_search_refresh(OLD.measure_id); END IF;"
    "  IF TG_OP <> 'DELETE' THEN PERFORM pok_measure_search_refresh(NEW.measure_id); END IF;"
    " END IF;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER measure_search_measure AFTER INSERT OR DELETE OR UPDATE OF id, name,"
    " description, partner ON measure FOR EACH ROW EXECUTE FUNCTION pok_measure_search_trigger();"
    "CREATE TRIGGER measure_search_evaluation AFTER INSERT OR DELETE OR UPDATE OF measure_id,"
    " verdict, text, follow_up ON evaluation FOR EACH ROW"
    " EXECUTE FUNCTION pok_measure_search_trigger();"
    "SELECT pok_measure_search_refresh(id) FROM measure;";

/* Harvesting (issue 15): every open data package read into this store, per municipality,
 * with its one hash, its own date and its version; an older version's row stays. */
static const char migration_harvest[] =
    "CREATE TABLE harvest_package ("
    " id INTEGER PRIMARY KEY,"
    " municipality TEXT NOT NULL REFERENCES municipality(code),"
    " scheme_id BIGINT NOT NULL REFERENCES scheme(id),"
    " name TEXT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " created TEXT NOT NULL,"
    " harvested_at TEXT NOT NULL,"
    " version INTEGER NOT NULL,"
    " sharing_level INTEGER NOT NULL,"
    " source_id BIGINT REFERENCES source(id),"
    " CONSTRAINT harvest_package_version UNIQUE (municipality, scheme_id, version),"
    " CONSTRAINT harvest_package_level CHECK (sharing_level BETWEEN 0 AND 3));";

/* clang-format on */

const char *const migrations_sql[] = {migration_1,
                                      migration_accounts,
                                      migration_audit_reason,
                                      migration_year_reopening,
                                      migration_ledger,
                                      migration_row_version,
                                      migration_closed_figures,
                                      migration_user_manager,
                                      migration_source_file,
                                      migration_allocation_period,
                                      migration_monitor,
                                      migration_search,
                                      migration_harvest};
const size_t migrations_count = sizeof migrations_sql / sizeof migrations_sql[0];

/* Replace every whole-word occurrence of from by to in *sql (reallocating). Words are
 * delimited by anything but letters, digits and '_'. Quoted literals of the migrations
 * hold none of the words replaced. */
static int word_char(char c)
{
    return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static void replace_word(char **sql, const char *from, const char *to)
{
    size_t nf = strlen(from), nt = strlen(to), n = strlen(*sql), count = 0;
    for (const char *p = strstr(*sql, from); p; p = strstr(p + nf, from)) count++;
    char *out = xmalloc(n + count * (nt > nf ? nt - nf : 0) + 1), *o = out;
    const char *p = *sql;
    for (const char *q = strstr(p, from); q; q = strstr(q + nf, from)) {
        if ((q > *sql && word_char(q[-1])) || word_char(q[nf])) continue;
        memcpy(o, p, (size_t)(q - p));
        o += q - p;
        memcpy(o, to, nt);
        o += nt;
        p = q + nf;
    }
    memcpy(o, p, strlen(p) + 1); /* the rest and its NUL: room counted above */
    free(*sql);
    *sql = out;
}

char *migration_sql(int v, DbKind kind)
{
    if (kind == DB_PG && migrations_sql[v - 1] == migration_search)
        return xstrdup(migration_search_pg);
    char *sql = xstrdup(migrations_sql[v - 1]);
    if (kind != DB_PG) return sql;
    replace_word(&sql, "INTEGER PRIMARY KEY",
                 "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    replace_word(&sql, "INTEGER", "BIGINT");
    replace_word(&sql, "BLOB", "BYTEA");
    replace_word(&sql, "TEXT", "TEXT COLLATE \"C\"");
    /* an index name that is a reserved word in PostgreSQL: quoted, the name stays */
    replace_word(&sql, "session_user", "\"session_user\"");
    return sql;
}
