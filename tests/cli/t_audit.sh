# The audit trail on the command line: the readable diff, the filters (municipality,
# table and id, dates), the CSV export, and the administrator's deletion with its reason.
# Runs in its own database; $POK_DB and $POK_USER are restored at the end.
AUDIT_OUTER_DB=$POK_DB
AUDIT_OUTER_USER=${POK_USER-}
POK_DB=$(db_new audit)
export POK_USER=anna

audit_absent() {
  if grep -qF -- "$2" out; then not_ok "$1" "'$2' should not be there"; else ok "$1"; fi
}
audit_count() { db_query "select count(*) from $1"; }
audit_today=$(date -u +%Y-%m-%d)

"$POK" init >/dev/null
"$POK" municipality add GM1734 Overbetuwe >/dev/null
"$POK" municipality add GM0534 Hillegom >/dev/null
"$POK" decision add GM1734 --date 2024-03-01 --body college --title 'Inzet POK' >/dev/null
"$POK" measure add GM1734 Jobhunter --status lopend --decision 1 >/dev/null
"$POK" measure add GM0534 Schuldhulp >/dev/null
"$POK" measure plan 1 2024 62.000 >/dev/null
"$POK" measure plan 1 2024 70.000 >/dev/null
"$POK" measure update 1 --status afgerond >/dev/null

expect "audit: the diff of a changed amount" 0 \
  "anna  gewijzigd  maatregelbedrag 1 (GM1734)" "    amount_cents: 6200000 → 7000000" \
  "    status: lopend → afgerond" "toegevoegd  maatregel 1 (GM1734)" "    name: Jobhunter" -- \
  "$POK" audit GM1734
audit_absent "audit: another municipality's changes are not shown" "Schuldhulp"

"$POK" audit GM1734 --format csv >audit.csv
if [ "$(head -1 audit.csv | tr -d '\r')" = "tijdstip,wie,actie,tabel,id,gemeente,wijzigingen,reden" ]; then
  ok "audit csv: the header"; else not_ok "audit csv: the header" "$(head -1 audit.csv)"; fi
audit_rows=$(tail -n +2 audit.csv | awk -F, '{ print $2, $3, $4, $5, $6 }' | tr -d '\r')
audit_want="cli:anna update measure 1 GM1734
cli:anna update measure_amount 1 GM1734
cli:anna insert measure_amount 1 GM1734
cli:anna insert measure 1 GM1734
cli:anna insert decision 1 GM1734
cli:anna insert municipality 0 GM1734"
[ "$audit_rows" = "$audit_want" ] && ok "audit csv: one row per change, newest first" ||
  not_ok "audit csv: one row per change, newest first" "$audit_rows"
grep -qF ',amount_cents: 6200000 → 7000000,' audit.csv && ok "audit csv: the diff column" ||
  not_ok "audit csv: the diff column" "$(grep measure_amount audit.csv)"
grep -q "^$audit_today"'T..:..:..Z,' audit.csv && ok "audit csv: UTC timestamps" ||
  not_ok "audit csv: UTC timestamps" "$(sed -n 2p audit.csv)"
[ "$(grep -c "$(printf '\r')\$" audit.csv)" = 7 ] && ok "audit csv: CRLF line ends" ||
  not_ok "audit csv: CRLF line ends"

"$POK" audit --table measure_amount --id 1 --format csv | tail -n +2 | cut -d, -f3-5 >audit.rec
[ "$(tr -d '\r' <audit.rec | tr '\n' ' ')" = "update,measure_amount,1 insert,measure_amount,1 " ] &&
  ok "audit --table --id: only that record" || not_ok "audit --table --id: only that record" "$(cat audit.rec)"
expect "audit --table measure --id: with its amounts" 0 "maatregelbedrag 1" "maatregel 1" -- \
  "$POK" audit --table measure --id 1
audit_absent "audit --table measure --id 1: not the other measure" "maatregel 2 "
expect "audit --from today" 0 "amount_cents: 6200000 → 7000000" -- "$POK" audit --from "$audit_today" --to "$audit_today"
expect "audit --from the future" 0 "geen wijzigingen gevonden" -- "$POK" audit --from 2100-01-01
expect "audit --to the past" 0 "geen wijzigingen gevonden" -- "$POK" audit --to 2000-01-01
expect "audit --limit 1" 0 "status: lopend → afgerond" -- "$POK" audit --limit 1
audit_absent "audit --limit 1: one change" "maatregelbedrag"
expect "audit: bad date" 1 "veld 'from'" "JJJJ-MM-DD" -- "$POK" audit --from 01-02-2024
expect "audit: --id needs --table" 1 "geef ook --table" -- "$POK" audit --id 3
expect "audit: json is not offered" 1 "verwacht text of csv" -- "$POK" audit --format json

# ---- deletion ----
audit_before=$(audit_count audit)
expect "delete: a cited decision is refused" 1 "besluit 1 wordt nog gebruikt door 1 gegeven" -- \
  "$POK" delete decision 1 --reason 'verkeerd'
expect "delete: needs a reason" 1 "veld 'reason'" -- "$POK" delete measure 1
expect "delete: unknown kind" 1 "onbekende soort 'municipality'" -- "$POK" delete municipality 1 --reason x
expect "delete: unknown id" 1 "onbekende maatregel (id 99)" -- "$POK" delete measure 99 --reason x
[ "$(audit_count audit)/$(audit_count decision)/$(audit_count measure)" = "$audit_before/1/2" ] &&
  ok "delete: refusals change nothing" || not_ok "delete: refusals change nothing"
expect "delete: a measure amount" 0 "maatregelbedrag 1 verwijderd (reden: dubbel ingevoerd)" -- \
  "$POK" delete measure_amount 1 --reason 'dubbel ingevoerd'
[ "$(audit_count measure_amount)" = 0 ] && ok "delete: the amount is gone" || not_ok "delete: the amount is gone"
expect "delete: audit shows the deletion" 0 "anna  verwijderd  maatregelbedrag 1 (GM1734)" \
  "    amount_cents: 7000000" "    reden: dubbel ingevoerd" -- "$POK" audit GM1734 --limit 1
"$POK" audit --table measure_amount --id 1 --format csv | sed -n 2p >audit.del
grep -qF ',delete,measure_amount,1,GM1734,' audit.del && grep -qF 'dubbel ingevoerd' audit.del &&
  ok "delete: csv row with the reason" || not_ok "delete: csv row with the reason" "$(cat audit.del)"
expect "delete: the measure" 0 "maatregel 1 verwijderd" -- "$POK" delete measure 1 --reason test
expect "delete: now the decision may go" 0 "besluit 1 verwijderd" -- "$POK" delete decision 1 --reason test

"$POK" measure plan 2 2023 1.000 >/dev/null
"$POK" year close GM0534 2023 >/dev/null
expect "delete: a closed year's amount is refused" 1 "jaar 2023 is afgesloten voor GM0534" -- \
  "$POK" delete measure_amount "$(db_query "select max(id) from measure_amount")" --reason x

POK_DB=$AUDIT_OUTER_DB
if [ -n "$AUDIT_OUTER_USER" ]; then POK_USER=$AUDIT_OUTER_USER; else unset POK_USER; fi
