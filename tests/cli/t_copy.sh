# pok copy: a demo with a ledger import and edits (so accounts, deletions with reasons and
# bookings are in it) copied into a second database holds the same data row for row, the
# same coverage and the same audit trail, plus one audit row "copy"; a non-empty
# destination is refused unless --replace; a copy that does not verify (a trigger on the
# destination alters what is written) is rolled back. The SQLite files are always used;
# with POK_TEST_PG also a round trip SQLite -> PostgreSQL -> SQLite. $POK_DB is left alone.
CP_A=$WORK/copy_a.db
CP_B=$WORK/copy_b.db
CP_C=$WORK/copy_c.db
rm -f "$CP_A" "$CP_B" "$CP_C"
CP_MUNIS="GM1734 GM1773 GM0534 GM0362"

# cp_same NAME A B: two values are equal.
cp_same() {
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got '$2'" "expected '$3'"; fi
}
# cp_data DB: every row of a SQLite file as INSERT lines, sorted (the physical order of a
# table is no data), without schema_migrations (each database's own), sessions, the audit rows
# of copies and the full-text index's own tables (derived: the destination's triggers build
# it; that it finds the same is checked with pok search below).
cp_data() {
  sqlite3 "$1" .dump | grep '^INSERT INTO' | grep -v -e '^INSERT INTO schema_migrations ' -e '^INSERT INTO session ' \
    -e "^INSERT INTO \"\?measure_fts" \
    -e "^INSERT INTO audit VALUES([0-9]*,'[^']*','[^']*','insert','copy'," | sort
}
# cp_same_data NAME A B: the two SQLite files hold the same rows.
cp_same_data() {
  cp_data "$2" >cp_data_a
  cp_data "$3" >cp_data_b
  if [ -s cp_data_a ] && cmp -s cp_data_a cp_data_b; then ok "$1 ($(wc -l <cp_data_a) rows)"; else
    not_ok "$1" "$(diff cp_data_a cp_data_b | head -10)"; fi
}
# cp_coverage DB: the coverage of every demo municipality as JSON.
cp_coverage() {
  for m in $CP_MUNIS; do "$POK" --db "$1" coverage "$m" --format json 2>&1; done
}
cp_same_coverage() {
  cp_coverage "$2" >cp_cov_a
  cp_coverage "$3" >cp_cov_b
  if grep -q '"municipality"' cp_cov_a && cmp -s cp_cov_a cp_cov_b; then ok "$1"; else
    not_ok "$1" "$(diff cp_cov_a cp_cov_b | head -10)"; fi
}
# cp_audit DB: the audit trail in id order, without the rows of copies (either backend).
cp_audit() {
  db_query "select id, at, actor, action, table_name, coalesce(record_id, 0),
    coalesce(municipality, ''), coalesce(before_json, ''), coalesce(after_json, ''),
    coalesce(reason, '') from audit where table_name <> 'copy' order by id" "$1"
}
cp_same_audit() {
  cp_audit "$2" >cp_audit_a
  cp_audit "$3" >cp_audit_b
  if [ -s cp_audit_a ] && cmp -s cp_audit_a cp_audit_b; then ok "$1 ($(wc -l <cp_audit_a) rows)"; else
    not_ok "$1" "$(diff cp_audit_a cp_audit_b | head -10)"; fi
}

# ---- the source: demo, a ledger import, edits, an account, a session ----
cp_setup() {
  "$POK" --db "$CP_A" demo >/dev/null 2>&1 || return 1
  python3 "$HERE/../data/gen_grootboek.py" --lines 3000 --seed 7 >cp_gb.csv || return 1
  { echo "kostenplaats;maatregel"; for i in 1 2 3 4 5 6 7 8 9 10; do printf 'KP9%03d;%d\n' $i $i; done; } >cp_map.csv
  "$POK" --db "$CP_A" import ledger cp_gb.csv --municipality GM1734 --mapping cp_map.csv >/dev/null 2>&1 || return 1
  echo 'geheim-wachtwoord-123' >cp_pw
  POK_USER=anna "$POK" --db "$CP_A" user add anna --role redacteur --municipality GM1734 \
    --password-file cp_pw >/dev/null 2>&1 || return 1
  "$POK" --db "$CP_A" measure plan 13 2025 12.345 >/dev/null 2>&1 || return 1
  "$POK" --db "$CP_A" delete evaluation 1 --reason "dubbel ingevoerd" >/dev/null 2>&1 || return 1
  "$POK" --db "$CP_A" allocation add GM1734 2 2025 99.999 --source 2 >/dev/null 2>&1 || return 1
  "$POK" --db "$CP_A" measure add GM1734 "Nieuwe maatregel" >/dev/null 2>&1 || return 1
  sqlite3 "$CP_A" "insert into session (token_hash, user_id, created, last_seen) values ('x', 1, 0, 0);
    insert into login_attempt (user_name, address, at, success) values ('anna', '127.0.0.1', 5, 1)"
}
if cp_setup; then ok "copy: source with demo, ledger, edits, account"; else
  not_ok "copy: source with demo, ledger, edits, account"; fi
[ "$(sqlite3 "$CP_A" 'select count(*) from booking')" -gt 0 ] && ok "copy: source has bookings" ||
  not_ok "copy: source has bookings"

# ---- SQLite -> SQLite ----
expect "copy: to a new file" 0 "gekopieerd van $CP_A naar $CP_B (schemaversie" \
  "  booking " "  audit " "amount_cents" "controlegetal" "aantallen, sommen en controlegetallen zijn in bron en doel gelijk" \
  "niet gekopieerd: schema_migrations session" -- \
  env POK_USER=piet "$POK" copy --from "$CP_A" --to "$CP_B"
cp_bookings=$(sqlite3 "$CP_A" 'select count(*) from booking')
grep -qE "^  booking +$cp_bookings rijen" out && ok "copy: the booking count is printed" ||
  not_ok "copy: the booking count is printed" "expected $cp_bookings"
cp_same_data "copy: the copy holds every row of the source" "$CP_A" "$CP_B"
"$POK" --db "$CP_A" search "sociaal raadslieden" --format json >cp_search_a
"$POK" --db "$CP_B" search "sociaal raadslieden" --format json >cp_search_b
if grep -q raadslieden cp_search_a && cmp -s cp_search_a cp_search_b; then ok "copy: the copy's search index finds the same"; else
  not_ok "copy: the copy's search index finds the same" "$(diff cp_search_a cp_search_b | head -5)"; fi
cp_same_coverage "copy: coverage (JSON) is the same" "$CP_A" "$CP_B"
cp_same_audit "copy: the audit trail is the same" "$CP_A" "$CP_B"
cp_same "copy: sessions are not copied" "$(sqlite3 "$CP_B" 'select count(*) from session')" 0
cp_same "copy: accounts and login attempts are" \
  "$(sqlite3 "$CP_B" "select name || '/' || password_hash from app_user; select count(*) from login_attempt")" \
  "$(sqlite3 "$CP_A" "select name || '/' || password_hash from app_user; select count(*) from login_attempt")"
cp_same "copy: one audit row for the copy, the last one, naming the source" \
  "$(sqlite3 "$CP_B" "select count(*), max(id) = (select max(id) from audit), actor,
     json_extract(max(after_json), '$.from'), json_extract(max(after_json), '$.rows') > 1000
     from audit where table_name = 'copy'")" "1|1|cli:piet|$CP_A|1"
cp_same "copy: the source gets no audit row" \
  "$(sqlite3 "$CP_A" "select count(*) from audit where table_name = 'copy'")" 0
cp_max=$(sqlite3 "$CP_A" 'select max(id) from measure')
expect "copy: new ids continue after the copied ones" 0 "maatregel $((cp_max + 1)) opgeslagen" -- \
  "$POK" --db "$CP_B" measure add GM1734 "Na de kopie"

# ---- a destination with data: refused, then --replace ----
cp_data "$CP_B" >cp_b_before
expect "copy: a destination with data is refused" 1 "bevat al gegevens" "--replace" -- \
  "$POK" copy --from "$CP_A" --to "$CP_B"
cp_data "$CP_B" >cp_b_after
cmp -s cp_b_before cp_b_after && ok "copy: the refused destination is unchanged" ||
  not_ok "copy: the refused destination is unchanged"
sqlite3 "$CP_B" "insert into session (token_hash, user_id, created, last_seen) values ('y', 1, 0, 0)"
expect "copy: --replace" 0 "de gegevens die er al stonden zijn vervangen" -- \
  "$POK" copy --from "$CP_A" --to "$CP_B" --replace
cp_same_data "copy: after --replace the destination holds the source's rows" "$CP_A" "$CP_B"
cp_same "copy: after --replace one copy row and no sessions" \
  "$(sqlite3 "$CP_B" "select count(*) from audit where table_name = 'copy'; select count(*) from session")" "1
0"
expect "copy: a database onto itself is refused" 1 "bron en doel zijn dezelfde database" -- \
  "$POK" copy --from "$CP_A" --to "$WORK/./copy_a.db" --replace
cp_same_data "copy: ... and left as it was" "$CP_A" "$CP_B"

# ---- refusals before anything is written ----
expect "copy: --to is required" 2 "--from en --to zijn allebei verplicht" -- "$POK" copy --from "$CP_A"
expect "copy: a missing source" 1 "bron: database $WORK/nergens.db is niet geïnitialiseerd" -- \
  "$POK" copy --from "$WORK/nergens.db" --to "$CP_C"
[ ! -e "$CP_C" ] && ok "copy: no destination made for a missing source" ||
  not_ok "copy: no destination made for a missing source"
cp "$CP_A" "$WORK/copy_old.db"
sqlite3 "$WORK/copy_old.db" "delete from schema_migrations where version = (select max(version) from schema_migrations)"
expect "copy: a source at an older schema version" 1 "bron: database $WORK/copy_old.db is verouderd" \
  "pok migrate" -- "$POK" copy --from "$WORK/copy_old.db" --to "$CP_C"
expect "copy: help with examples both ways" 0 "pok copy --from pok.db --to postgresql://" \
  "--to terug.db" "--replace" -- "$POK" copy --help

# ---- verification: a destination that alters what is written rolls everything back ----
"$POK" --db "$CP_C" init >/dev/null 2>&1
sqlite3 "$CP_C" "create trigger cp_alter after insert on allocation when new.id = 3 begin
  update allocation set amount_cents = amount_cents + 1 where id = new.id; end"
expect "copy: a changed amount fails the verification" 1 \
  "controle na het kopiëren mislukt, niets gekopieerd: tabel allocation: som van amount_cents" -- \
  "$POK" copy --from "$CP_A" --to "$CP_C"
cp_same "copy: ... and nothing was copied" \
  "$(sqlite3 "$CP_C" "select (select count(*) from municipality) || '/' || (select count(*) from audit)")" "0/0"
sqlite3 "$CP_C" "drop trigger cp_alter; create trigger cp_alter after insert on source when new.id = 2 begin
  update source set title = title || '.' where id = new.id; end"
expect "copy: a changed text fails the verification (checksum)" 1 \
  "tabel source: de inhoud verschilt (controlegetal)" -- "$POK" copy --from "$CP_A" --to "$CP_C"
sqlite3 "$CP_C" "drop trigger cp_alter"
expect "copy: the same destination takes the copy without the trigger" 0 "gekopieerd van" -- \
  "$POK" copy --from "$CP_A" --to "$CP_C"

# ---- SQLite -> PostgreSQL -> SQLite ----
if [ -n "$PG" ]; then
  CP_P=$(db_new copy_pg)
  CP_D=$WORK/copy_d.db
  rm -f "$CP_D"
  expect "copy pg: SQLite to PostgreSQL" 0 "gekopieerd van $CP_A naar postgresql://" \
    "aantallen, sommen en controlegetallen zijn in bron en doel gelijk" -- \
    "$POK" copy --from "$CP_A" --to "$CP_P"
  cp_same_audit "copy pg: the audit trail on PostgreSQL is the same" "$CP_A" "$CP_P"
  cp_same_coverage "copy pg: coverage on PostgreSQL is the same" "$CP_A" "$CP_P"
  expect "copy pg: PostgreSQL back to SQLite" 0 "gekopieerd van postgresql://" -- \
    "$POK" copy --from "$CP_P" --to "$CP_D"
  cp_same_data "copy pg: the round trip gives the same rows" "$CP_A" "$CP_D"
  cp_same_coverage "copy pg: and the same coverage" "$CP_A" "$CP_D"
  cp_same "copy pg: two copy rows after the round trip" \
    "$(sqlite3 "$CP_D" "select count(*) from audit where table_name = 'copy'")" 2
  expect "copy pg: a PostgreSQL destination with data is refused" 1 "bevat al gegevens" -- \
    "$POK" copy --from "$CP_A" --to "$CP_P"
  expect "copy pg: new ids on PostgreSQL continue after the copied ones" 0 \
    "maatregel $((cp_max + 1)) opgeslagen" -- "$POK" --db "$CP_P" measure add GM1734 "Na de kopie"
  expect "copy pg: --replace on PostgreSQL" 0 "vervangen" -- \
    "$POK" copy --from "$CP_A" --to "$CP_P" --replace
  cp_same_audit "copy pg: after --replace the audit trail is the source's" "$CP_A" "$CP_P"
  expect "copy pg: onto itself is refused" 1 "bron en doel zijn dezelfde database" -- \
    "$POK" copy --from "$CP_P" --to "$CP_P" --replace
fi
