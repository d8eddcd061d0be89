# Every kind of record entered and listed on the command line, end to end, in a fresh
# database; then coverage, checks and the audit trail on those figures. Runs in its own
# database; $POK_DB and $POK_USER are restored at the end.
RECORDS_OUTER_DB=$POK_DB
RECORDS_OUTER_USER=${POK_USER-}
POK_DB=$(db_new records)
export POK_USER=tester


# rec_absent NAME TEXT: the output of the last command does not hold TEXT.
rec_absent() {
  if grep -qF -- "$2" out; then not_ok "$1" "'$2' should not be there"; else ok "$1"; fi
}

# rec_json NAME FILE PATH VALUE: a value in a JSON file (sqlite3 is a test dependency
# already; its json_extract reads the document, so no jq is needed).
rec_json() {
  rj_got=$(sqlite3 :memory: "select json_extract(readfile('$2'), '$3')")
  if [ "$rj_got" = "$4" ]; then ok "$1"; else not_ok "$1" "$3: got '$rj_got', expected '$4'"; fi
}

expect "records: init" 0 "is klaar" -- "$POK" init

# ---- sources, municipalities, inhabitants ----
expect "source add (circulaire)" 0 "bron 1 opgeslagen: Decembercirculaire 2021" -- \
  "$POK" source add --title 'Decembercirculaire 2021' --kind circulaire --date 2021-12-14
expect "source add with kenmerk" 0 "bron 2 opgeslagen: Meicirculaire 2022" -- \
  "$POK" source add --title 'Meicirculaire 2022' --kind circulaire --date 2022-05-31 --reference 2022-0000281234
expect "source add for an unknown municipality" 1 "onbekende gemeente GM1734" -- \
  "$POK" source add --title 'Raadsvoorstel POK' --kind raadsvoorstel --municipality GM1734
expect "municipality add" 0 "gemeente GM1734 (Overbetuwe) opgeslagen" -- \
  "$POK" municipality add GM1734 Overbetuwe --province Gelderland
expect "municipality add: bad code" 1 "veld 'code': verwacht een CBS-code als GM0000, niet 'GM17'" -- \
  "$POK" municipality add GM17 Overbetuwe
expect "source add (raadsvoorstel)" 0 "bron 3 opgeslagen: Raadsvoorstel POK" -- \
  "$POK" source add --title 'Raadsvoorstel POK' --kind raadsvoorstel --date 2024-03-01 \
  --municipality GM1734 --reference 2024-052874 --note 'met tabel Bestedingsdoelen'
expect "source add (letter)" 0 "bron 4 opgeslagen: Brief Ombudsman" -- \
  "$POK" source add --title 'Brief Ombudsman' --kind brief --date 2024-04-25 --municipality GM1734
expect "source add: bad date" 1 "veld 'date': verwacht een datum als JJJJ-MM-DD" -- \
  "$POK" source add --title x --date 2024-02-30
expect_rows "source list" \
  "1 circulaire 2021-12-14 Decembercirculaire 2021" \
  "2 circulaire 2022-05-31 2022-0000281234 Meicirculaire 2022" \
  "3 raadsvoorstel 2024-03-01 GM1734 2024-052874 Raadsvoorstel POK" \
  "4 brief 2024-04-25 GM1734 Brief Ombudsman" \
  -- "$POK" source list
expect "source show" 0 "bron 3" "titel: Raadsvoorstel POK" "soort: raadsvoorstel" "datum: 2024-03-01" \
  "kenmerk: 2024-052874" "gemeente: GM1734" "toelichting: met tabel Bestedingsdoelen" -- "$POK" source show 3
expect "source show: unknown" 1 "onbekende bron 99" -- "$POK" source show 99
expect "municipality add: second" 0 "gemeente GM0534 (Hillegom) opgeslagen" -- "$POK" municipality add GM0534 Hillegom --province Zuid-Holland
expect_rows "municipality list" "GM0534 Hillegom Zuid-Holland" "GM1734 Overbetuwe Gelderland" "2 gemeenten" \
  -- "$POK" municipality list
expect_rows "municipality list --search" "GM1734 Overbetuwe Gelderland" "1 gemeenten" \
  -- "$POK" municipality list --search betuwe
rec_absent "municipality list --search leaves others out" "Hillegom"
expect "inhabitants set" 0 "inwoners GM1734 2021: 48512" -- "$POK" inhabitants set GM1734 2021 48512 --source 3
expect "inhabitants set: a second year" 0 "inwoners GM1734 2022: 48600" -- "$POK" inhabitants set GM1734 2022 48600
expect "inhabitants set: bad count" 1 "veld 'aantal': verwacht een aantal inwoners, niet '-5'" -- \
  "$POK" inhabitants set GM1734 2023 -5
expect "municipality show" 0 "GM1734  Overbetuwe" "provincie: Gelderland" "inwoners 2021: 48512" \
  "inwoners 2022: 48600" -- "$POK" municipality show GM1734

# ---- a second scheme with its actielijn and purpose ----
expect "scheme add" 0 "regeling WMO-X opgeslagen (2028-2030)" -- \
  "$POK" scheme add WMO-X 'Tijdelijke impuls' --from 2028 --until 2030
expect "scheme add: until before from" 1 "veld 'until': 2027 ligt voor het beginjaar 2028" -- \
  "$POK" scheme add WMO-Y 'Andere impuls' --from 2028 --until 2027
expect "actielijn add" 0 "actielijn 1 van WMO-X opgeslagen" -- \
  "$POK" actielijn add WMO-X 1 'Preventie schulden' --circulaire-name Vroegsignalering --flow decentralisatie-uitkering
expect "purpose add" 0 "doel 1 van WMO-X opgeslagen" -- \
  "$POK" purpose add WMO-X 1 'Minder mensen met problematische schulden'
expect_rows "scheme show WMO-X" "WMO-X: Tijdelijke impuls (2028-2030)" \
  "1 Preventie schulden Vroegsignalering decentralisatie-uitkering" \
  "1. Minder mensen met problematische schulden" -- "$POK" scheme show WMO-X
rec_absent "scheme show WMO-X holds no POK actielijnen" "Systeemleren"
expect_rows "scheme list" "WMO-X Tijdelijke impuls 2028-2030" -- "$POK" scheme list

# ---- allocations: two versions of actielijn 2 in 2023 ----
expect "allocation add" 0 "toekenning GM1734 actielijn 2 2023: € 100.000 (versie 1)" -- \
  "$POK" allocation add GM1734 2 2023 100.000 --source 1 --place 'tabel actielijnen'
expect "allocation add: a second version" 0 "toekenning GM1734 actielijn 2 2023: € 120.000 (versie 2)" -- \
  "$POK" allocation add GM1734 2 2023 120.000 --source 2
expect "allocation add 2 2024" 0 "(versie 1)" -- "$POK" allocation add GM1734 2 2024 100.000 --source 2
expect "allocation add 2 2025" 0 "(versie 1)" -- "$POK" allocation add GM1734 2 2025 50.000 --source 2
expect "allocation add 3 2023" 0 "(versie 1)" -- "$POK" allocation add GM1734 3 2023 40.000 --source 2
expect "allocation add 3 2024" 0 "(versie 1)" -- "$POK" allocation add GM1734 3 2024 40.000 --source 2
expect "allocation add in the second scheme" 0 "toekenning GM1734 actielijn 1 2028: € 25.000 (versie 1)" -- \
  "$POK" allocation add GM1734 1 2028 25.000 --source 2 --scheme WMO-X
expect "allocation add: year outside the second scheme" 1 "veld 'jaar': 2027 valt buiten de looptijd van WMO-X (2028-2030)" -- \
  "$POK" allocation add GM1734 1 2027 25.000 --source 2 --scheme WMO-X
expect_rows "allocation list --all-versions" \
  "2. Robuust rechtsbeschermingssysteem € 120.000 € 100.000 € 50.000 € 270.000" \
  "3. Systeemleren € 40.000 € 40.000 € 80.000" \
  "totaal € 160.000 € 140.000 € 50.000 € 350.000" \
  "2 2023 1 € 100.000 nee [1] Decembercirculaire 2021, tabel actielijnen" \
  "2 2023 2 € 120.000 ja [2] Meicirculaire 2022" \
  "3 2024 1 € 40.000 ja [2] Meicirculaire 2022" \
  -- "$POK" allocation list GM1734 --all-versions
rec_absent "allocation list keeps the schemes apart" "25.000"
expect_rows "allocation list --scheme" "1. Vroegsignalering € 25.000 € 25.000" -- "$POK" allocation list GM1734 --scheme WMO-X

# ---- pots ----
expect "pot list: none yet" 0 "GM1734 heeft geen potten vastgelegd" -- "$POK" pot list GM1734
expect "pot add" 0 "pot 1 'Actielijn 2' opgeslagen voor GM1734" -- \
  "$POK" pot add GM1734 'Actielijn 2' --actielijnen 2 --source 3 --place 'p. 3'
expect "pot add: second" 0 "pot 2 'Actielijnen 3 en 4' opgeslagen voor GM1734" -- \
  "$POK" pot add GM1734 'Actielijnen 3 en 4' --actielijnen 3,4
expect "pot add: unknown actielijn" 1 "veld 'actielijnen': onbekend nummer '99'" -- \
  "$POK" pot add GM1734 X --actielijnen 2,99
expect "pot add for another municipality" 0 "pot 3 'Alles' opgeslagen voor GM0534" -- \
  "$POK" pot add GM0534 'Alles' --actielijnen 2
expect_rows "pot list" "1 Actielijn 2 2 [3] Raadsvoorstel POK, p. 3" "2 Actielijnen 3 en 4 3,4" -- "$POK" pot list GM1734

# ---- decisions ----
expect "decision add (raad)" 0 "besluit 1 opgeslagen: raad 2024-03-15, Jaarrekening 2023 POK" -- \
  "$POK" decision add GM1734 --date 2024-03-15 --body raad --title 'Jaarrekening 2023 POK' \
  --reference 2024-001 --outcome vastgesteld --source 3
expect "decision add (college)" 0 "besluit 2 opgeslagen: college 2024-05-28" -- \
  "$POK" decision add GM1734 --date 2024-05-28 --body college --title 'Verzoek Ombudsman niet honoreren' --outcome afgewezen
expect "decision add: bad body" 1 "veld 'body': verwacht college of raad" -- \
  "$POK" decision add GM1734 --date 2024-05-28 --body gemeenteraad --title x
expect_rows "decision list" \
  "1 2024-03-15 raad 2024-001 Jaarrekening 2023 POK vastgesteld [3] Raadsvoorstel POK" \
  "2 2024-05-28 college Verzoek Ombudsman niet honoreren afgewezen" -- "$POK" decision list GM1734

# ---- measures with plan and realisation ----
expect "measure add with every option" 0 "maatregel 1 opgeslagen: Schuldhulp (GM1734)" -- \
  "$POK" measure add GM1734 Schuldhulp --actielijnen 2 --purposes 1,3 --partner Plangroep \
  --cost-centres KP9001,KP9002 --source 3 --place 'tabel Bestedingsdoelen' --status lopend \
  --description 'Vroeg erop af'
expect "measure add (Jobhunter)" 0 "maatregel 2 opgeslagen: Jobhunter (GM1734)" -- \
  "$POK" measure add GM1734 Jobhunter --actielijnen 3 --partner Werkgeversservicepunt --status lopend
expect "measure add with a pot" 0 "maatregel 3 opgeslagen: Vrijwilligers (GM1734)" -- \
  "$POK" measure add GM1734 Vrijwilligers --actielijnen 4 --pot 2
expect "measure add: another municipality's pot" 1 "pot 3 hoort bij gemeente GM0534, niet bij GM1734" -- \
  "$POK" measure add GM1734 Kruis --actielijnen 2 --pot 3
expect "measure add: bad status" 1 "veld 'status': verwacht gepland, lopend, afgerond, gestopt, niet 'klaar'" -- \
  "$POK" measure add GM1734 Kruis --status klaar
expect "measure plan" 0 "maatregel 1 2023 gepland: € 100.000" -- \
  "$POK" measure plan 1 2023 100.000 --source 3 --place 'tabel Bestedingsdoelen'
expect "measure realised" 0 "maatregel 1 2023 gerealiseerd: € 40.000" -- "$POK" measure realised 1 2023 40.000 --decision 1
expect "measure plan 2024" 0 "maatregel 1 2024 gepland: € 140.000" -- "$POK" measure plan 1 2024 140.000 --source 3
expect "measure plan replaces the plan" 0 "maatregel 1 2024 gepland: € 150.000" -- "$POK" measure plan 1 2024 150.000 --source 3
expect "measure plan 2025" 0 "gepland: € 60.000" -- "$POK" measure plan 1 2025 60.000 --source 3
expect "measure plan (Jobhunter)" 0 "gepland: € 30.000" -- "$POK" measure plan 2 2023 30.000 --source 3
expect "measure realised (Jobhunter)" 0 "gerealiseerd: € 30.000" -- "$POK" measure realised 2 2023 30.000 --decision 1
expect "measure plan (Vrijwilligers)" 0 "gepland: € 20.000" -- "$POK" measure plan 3 2024 20.000
expect "measure update" 0 "maatregel 2 bijgewerkt: Jobhunter (status afgerond)" -- "$POK" measure update 2 --status afgerond
expect "evaluation add" 0 "evaluatie 1 opgeslagen voor maatregel 3" -- \
  "$POK" evaluation add 3 --date 2025-03-01 --verdict effectief --follow-up 'doel bereikt' \
  --text 'Weer voldoende vrijwilligers.' --source 3
expect "evaluation add: bad follow-up" 1 "veld 'follow-up': verwacht voortzetten, stoppen, doel bereikt, structureel maken" -- \
  "$POK" evaluation add 3 --date 2025-03-01 --verdict effectief --follow-up misschien
expect "evaluation add: unknown measure" 1 "onbekende maatregel (id 99)" -- \
  "$POK" evaluation add 99 --date 2025-03-01 --verdict effectief --follow-up stoppen
expect "measure update after evaluation" 0 "maatregel 3 bijgewerkt: Vrijwilligers (status afgerond)" -- \
  "$POK" measure update 3 --status afgerond
expect "measure update: unknown" 1 "onbekende maatregel 99" -- "$POK" measure update 99 --status afgerond
expect_rows "measure list" \
  "1 Schuldhulp lopend Plangroep € 310.000 € 40.000" \
  "2 Jobhunter afgerond Werkgeversservicepunt € 30.000 € 30.000" \
  "3 Vrijwilligers afgerond 2 € 20.000 € 0" -- "$POK" measure list GM1734
expect_rows "measure show" "maatregel 1: Schuldhulp" "gemeente: GM1734 Overbetuwe" "status: lopend" \
  "omschrijving: Vroeg erop af" "partner: Plangroep" "kostenplaatsen: KP9001,KP9002" "actielijnen: 2" \
  "doelen: 1. Meer capaciteit voor de uitvoering van de dienstverlening; 3. Betere coördinatie tussen uitvoerders bij meervoudige problematiek" \
  "bron: [3] Raadsvoorstel POK, tabel Bestedingsdoelen" \
  "2023 gepland € 100.000 [3] Raadsvoorstel POK, tabel Bestedingsdoelen" \
  "2023 gerealiseerd € 40.000 besluit 1" \
  "2024 gepland € 150.000 [3] Raadsvoorstel POK" \
  "2025 gepland € 60.000 [3] Raadsvoorstel POK" -- "$POK" measure show 1
rec_absent "measure show: the replaced plan is gone" "140.000"
expect_rows "measure show with evaluation" "pot: 2" "actielijnen: 4" "doelen: -" \
  "evaluatie 2025-03-01: effectief; vervolg: doel bereikt" "Weer voldoende vrijwilligers." -- "$POK" measure show 3
expect_rows "evaluation list" "2025-03-01 Vrijwilligers effectief doel bereikt [3] Raadsvoorstel POK" \
  -- "$POK" evaluation list GM1734

# ---- the reserve ----
expect "reserve list: empty" 0 "Geen reservemutaties vastgelegd." -- "$POK" reserve list GM1734
expect "reserve opening" 0 "beginstand reserve GM1734 op 1 januari 2023: € 10.000" -- \
  "$POK" reserve opening GM1734 2023 10.000 --pot 2 --source 3 --place 'p. 5'
expect "reserve deposit" 0 "storting GM1734 2023: € 60.000" -- \
  "$POK" reserve deposit GM1734 2023 60.000 --pot 1 --decision 1 --description 'restant 2023'
expect "reserve withdraw" 0 "onttrekking GM1734 2024: € 50.000" -- "$POK" reserve withdraw GM1734 2024 50.000 --pot 1 --decision 1
expect "reserve transfer" 0 "overheveling GM1734 2023 naar 2024: € 10.000" -- \
  "$POK" reserve transfer GM1734 2023 2024 10.000 --pot 2 --decision 1
expect "reserve transfer backwards" 1 "veld 'naar-jaar': 2023 ligt niet na 2024" -- "$POK" reserve transfer GM1734 2024 2023 1.000
expect "reserve deposit: not positive" 1 "veld 'bedrag': verwacht een positief bedrag" -- "$POK" reserve deposit GM1734 2024 -1.000
expect "reserve deposit: another municipality's pot" 1 "pot 3 hoort bij gemeente GM0534" -- \
  "$POK" reserve deposit GM1734 2024 1.000 --pot 3
# The ids of openings and movements come from two tables, so the rows are compared without.
# shellcheck disable=SC2016
expect_rows "reserve list" \
  "beginstand 2023 € 10.000 2 [3] Raadsvoorstel POK, p. 5" \
  "storting 2023 € 60.000 1 1" \
  "overheveling 2023→2024 € 10.000 2 1" \
  "onttrekking 2024 € 50.000 1 1" -- sh -c '"$0" reserve list GM1734 | sed "s/^ *[0-9][0-9]* //"' "$POK"

# ---- requests ----
expect "request add" 0 "verzoek 1 opgeslagen: Bijdrage spreekuur (afgewezen)" -- \
  "$POK" request add GM1734 --requester 'Ombudsman Metropool' --date 2024-04-24 \
  --subject 'Bijdrage spreekuur' --amount 25.000 --decision 2 --letter-source 4
expect "request add: open" 0 "verzoek 2 opgeslagen: Buurtbus (open)" -- \
  "$POK" request add GM1734 --requester 'Stichting Buurtbus' --date 2024-06-01 --subject Buurtbus
expect "request add: unknown decision" 1 "onbekend besluit (id 99)" -- \
  "$POK" request add GM1734 --requester X --date 2024-01-01 --subject Y --decision 99
expect_rows "request list" \
  "1 2024-04-24 Ombudsman Metropool Bijdrage spreekuur € 25.000 afgewezen college 2024-05-28 (Verzoek Ombudsman niet honoreren)" \
  "2 2024-06-01 Stichting Buurtbus Buurtbus open" -- "$POK" request list GM1734

# ---- closed years and stated figures ----
expect "year list: none" 0 "GM1734 heeft geen afgesloten jaren." -- "$POK" year list GM1734
expect "year close" 0 "jaar 2023 afgesloten voor GM1734" -- "$POK" year close GM1734 2023 --source 3 --place jaarrekening
rows_before=$(db_rows)
expect "year close twice" 1 "jaar 2023 is al afgesloten voor GM1734" -- "$POK" year close GM1734 2023 --source 3
[ "$(db_rows)" = "$rows_before" ] && ok "year close twice writes nothing" || not_ok "year close twice writes nothing"
expect "year list" 0 "2023 afgesloten  [3] Raadsvoorstel POK, jaarrekening" -- "$POK" year list GM1734
expect "stated add (beschikbaar)" 0 "genoemd bedrag 1 opgeslagen: 'Beschikbaar 2024' € 160.000" -- \
  "$POK" stated add GM1734 --kind beschikbaar --year 2024 --pot 1 --amount 160.000 \
  --description 'Beschikbaar 2024' --source 3
expect "stated add (toekenning)" 0 "genoemd bedrag 2 opgeslagen: 'Toekenning 2023-2024' € 290.000" -- \
  "$POK" stated add GM1734 --kind toekenning --year 2023 --to-year 2024 --amount 290.000 \
  --description 'Toekenning 2023-2024' --source 3 --place 'p. 2'
expect "stated add: bad kind" 1 "veld 'kind': verwacht toekenning, beschikbaar of uitgaven" -- \
  "$POK" stated add GM1734 --kind totaal --year 2024 --amount 1 --description x --source 3
expect_rows "stated list" \
  "1 beschikbaar 2024 € 160.000 Beschikbaar 2024 [3] Raadsvoorstel POK" \
  "2 toekenning 2023-2024 € 290.000 Toekenning 2023-2024 [3] Raadsvoorstel POK, p. 2" -- "$POK" stated list GM1734

# ---- coverage, worked out by hand from docs/coverage.md ----
# Pot 1 (actielijn 2): allocation 120.000 (version 2 counts) / 100.000 / 50.000; Schuldhulp
# realised 40.000 in closed 2023, plans 150.000 (2024) and 60.000 (2025); the raad put
# 60.000 of 2023 in the reserve.
#   2023: covered 40.000, surplus 80.000, deposit only the decided 60.000, unexplained
#         20.000, reserve 60.000.
#   2024: covered 100.000, withdrawal 50.000, reserve 10.000.
#   2025: covered 50.000, withdrawal 10.000, reserve 0; nothing unplanned, no shortfall.
# Pot 2 (actielijnen 3, 4): opening 10.000 in 2023; allocation 40.000 / 40.000; Jobhunter
# realised 30.000 in 2023, Vrijwilligers plans 20.000 in 2024; 10.000 of 2023 transferred.
#   2023: covered 30.000, surplus 10.000 all decided (the transfer): deposit 10.000,
#         unexplained 0, reserve 20.000.
#   2024: covered 20.000, open year: surplus 20.000 deposited, reserve 40.000.
#   Without destination (first in, first out, no withdrawals): 2023 20.000 (opening plus
#   deposit), 2024 20.000.
"$POK" coverage GM1734 --format csv >records.csv
expect_csv "coverage csv: pot 1 2023 allocation is version 2" records.csv 1 2023 allocation_cents 12000000
expect_csv "coverage csv: pot 1 2023 spending is the realisation" records.csv 1 2023 spending_cents 4000000
expect_csv "coverage csv: pot 1 2023 deposit as decided" records.csv 1 2023 reserve_deposit_cents 6000000
expect_csv "coverage csv: pot 1 2023 unexplained" records.csv 1 2023 unexplained_cents 2000000
expect_csv "coverage csv: pot 1 2024 withdrawal" records.csv 1 2024 reserve_withdrawal_cents 5000000
expect_csv "coverage csv: pot 1 2024 reserve" records.csv 1 2024 reserve_end_cents 1000000
expect_csv "coverage csv: pot 1 2025 withdrawal" records.csv 1 2025 reserve_withdrawal_cents 1000000
expect_csv "coverage csv: pot 1 2025 reserve" records.csv 1 2025 reserve_end_cents 0
expect_csv "coverage csv: pot 1 2025 no shortfall" records.csv 1 2025 shortfall_cents 0
expect_csv "coverage csv: pot 2 2023 starts at the opening" records.csv 2 2023 reserve_start_cents 1000000
expect_csv "coverage csv: pot 2 2023 deposit" records.csv 2 2023 reserve_deposit_cents 1000000
expect_csv "coverage csv: pot 2 2023 nothing unexplained" records.csv 2 2023 unexplained_cents 0
expect_csv "coverage csv: pot 2 2024 reserve" records.csv 2 2024 reserve_end_cents 4000000
expect_csv "coverage csv: pot 2 2023 without destination" records.csv 2 2023 unplanned_cents 2000000
expect_csv "coverage csv: pot 2 2024 without destination" records.csv 2 2024 unplanned_cents 2000000
[ "$(wc -l <records.csv)" = 6 ] && ok "coverage csv: a header and five pot-years" ||
  not_ok "coverage csv: a header and five pot-years" "$(wc -l <records.csv) lines"
"$POK" coverage GM1734 --format json >records.json
rec_json "coverage json: municipality" records.json '$.municipality' GM1734
rec_json "coverage json: second pot" records.json '$.pots[1].name' 'Actielijnen 3 en 4'
rec_json "coverage json: pot actielijnen" records.json '$.pots[1].actielijnen' '[3,4]'
rec_json "coverage json: 2023 closed" records.json '$.pots[0].years[0].closed' 1
rec_json "coverage json: 2024 open" records.json '$.pots[0].years[1].closed' 0
rec_json "coverage json: pot 1 2023 unexplained" records.json '$.pots[0].years[0].unexplained_cents' 2000000
rec_json "coverage json: pot 1 2024 reserve at start" records.json '$.pots[0].years[1].reserve_start_cents' 6000000
rec_json "coverage json: pot 1 2024 withdrawal" records.json '$.pots[0].years[1].reserve_withdrawal_cents' 5000000
rec_json "coverage json: pot 2 2024 without destination" records.json '$.pots[1].years[1].unplanned_cents' 2000000
rec_json "coverage json: pot 2 has two years" records.json '$.pots[1].years[#-1].year' 2024
expect_rows "coverage text" "Pot: Actielijn 2 (actielijn 2), 2023-2025" "2023* 2024 2025 totaal" \
  "Reserve op 1 januari € 0 € 60.000 € 10.000" \
  "Toekenning van het jaar € 120.000 € 100.000 € 50.000 € 270.000" \
  "Begroot (plannen) € 100.000 € 150.000 € 60.000 € 310.000" \
  "Gerealiseerd € 40.000 € 0 € 0 € 40.000" \
  "Uitgaven (begroot of gerealiseerd) € 40.000 € 150.000 € 60.000 € 250.000" \
  "waarvan besloten (storting of overheveling) € 60.000 € 0 € 0 € 60.000" \
  "Onttrekking uit reserve € 0 € 50.000 € 10.000 € 60.000" \
  "Reserve op 31 december € 60.000 € 10.000 € 0" \
  "Niet besteed, onverklaard € 20.000 € 0 € 0 € 20.000" \
  "Pot: Actielijnen 3 en 4 (actielijnen 3 en 4), 2023-2024" \
  "Storting in reserve € 10.000 € 20.000 € 30.000" \
  "waarvan verwacht (nog geen besluit) € 0 € 20.000 € 20.000" \
  "Zonder bestemming € 20.000 € 20.000 € 40.000" -- "$POK" coverage GM1734 --format text
"$POK" coverage GM1734 --scheme WMO-X --format csv >wmo.csv
expect_csv "coverage of the second scheme" wmo.csv 0 2028 unplanned_cents 2500000

# ---- checks ----
# The checks of past years read the clock: 1 January 2026 here, so 2024 and 2025 have
# passed without realisation.
TODAY_2026=1767225600
expect "check" 0 "Controles GM1734 Overbetuwe: 9 bevindingen" \
  "[fout] 2023: € 20.000 niet besteed en niet verantwoord in pot Actielijn 2" \
  "'Toekenning 2023-2024' € 290.000, maar de toekenningen 2023-2024 tellen op tot € 300.000: verschil € 10.000" \
  "[waarschuwing] Maatregel 'Jobhunter' is afgerond, maar er is geen evaluatie vastgelegd" \
  "[waarschuwing] 2023: maatregel 'Schuldhulp' gerealiseerd € 40.000 van gepland € 100.000 (40%)" \
  "gedateerd 24 april 2024, maar de brief zelf (bron: Brief Ombudsman) is van 25 april 2024" \
  "[waarschuwing] 2023-2024: € 40.000 zonder bestemming in pot Actielijnen 3 en 4 (2023 € 20.000, 2024 € 20.000)" \
  "[waarschuwing] 2024-2025: deze jaren zijn voorbij, maar in pot Actielijn 2 is geen gerealiseerde uitgave vastgelegd" \
  "gewijzigd van € 100.000 naar € 120.000 (€ 20.000 meer)" -- \
  env SOURCE_DATE_EPOCH=$TODAY_2026 "$POK" check GM1734
rec_absent "check: an ended measure with an evaluation is fine" "Vrijwilligers"
rec_absent "check: the correct stated figure is not flagged" "Beschikbaar 2024"
rec_absent "check: no shortfall" "tekort"
expect "check --strict fails on errors" 1 "Controles GM1734" -- "$POK" check GM1734 --strict
SOURCE_DATE_EPOCH=$TODAY_2026 "$POK" check GM1734 --format json >findings.json
rec_json "check json: first finding" findings.json '$.findings[0].kind' unexplained
rec_json "check json: unexplained amount" findings.json '$.findings[0].amount_cents' 2000000
rec_json "check json: stated mismatch recomputed" findings.json '$.findings[1].expected_cents' 30000000
rec_json "check json: stated mismatch source" findings.json '$.findings[1].source.place' 'p. 2'
rec_json "check json: the last finding is the changed allocation" findings.json '$.findings[#-1].kind' allocation_changed
n_findings=$(sqlite3 :memory: "select json_array_length(readfile('findings.json'), '$.findings')")
[ "$n_findings" = 9 ] && ok "check json: nine findings" || not_ok "check json: nine findings" "got $n_findings"
rec_json "check json: ended without evaluation names the measure" findings.json \
  '$.findings[2].record_id' 2
expect "check all" 0 "1 gemeenten met gegevens gecontroleerd, 2 fouten" -- "$POK" check

# ---- audit: every write, newest first, with who did it ----
"$POK" audit GM1734 --limit 100 --format csv | awk -F, 'NR > 1 { print $2, $3, $4, $5, $6 }' >audit.txt
cat >audit.want <<'EOF'
cli:tester insert stated_figure 2 GM1734
cli:tester insert stated_figure 1 GM1734
cli:tester insert closed_year 2023 GM1734
cli:tester insert request 2 GM1734
cli:tester insert request 1 GM1734
cli:tester insert reserve_movement 3 GM1734
cli:tester insert reserve_movement 2 GM1734
cli:tester insert reserve_movement 1 GM1734
cli:tester insert reserve_opening 1 GM1734
cli:tester update measure 3 GM1734
cli:tester insert evaluation 1 GM1734
cli:tester update measure 2 GM1734
cli:tester insert measure_amount 7 GM1734
cli:tester insert measure_amount 6 GM1734
cli:tester insert measure_amount 5 GM1734
cli:tester insert measure_amount 4 GM1734
cli:tester update measure_amount 3 GM1734
cli:tester insert measure_amount 3 GM1734
cli:tester insert measure_amount 2 GM1734
cli:tester insert measure_amount 1 GM1734
cli:tester insert measure 3 GM1734
cli:tester insert measure 2 GM1734
cli:tester insert measure 1 GM1734
cli:tester insert decision 2 GM1734
cli:tester insert decision 1 GM1734
cli:tester insert pot 2 GM1734
cli:tester insert pot 1 GM1734
cli:tester insert allocation 7 GM1734
cli:tester insert allocation 6 GM1734
cli:tester insert allocation 5 GM1734
cli:tester insert allocation 4 GM1734
cli:tester insert allocation 3 GM1734
cli:tester insert allocation 2 GM1734
cli:tester insert allocation 1 GM1734
cli:tester insert inhabitants 2022 GM1734
cli:tester insert inhabitants 2021 GM1734
cli:tester insert source 4 GM1734
cli:tester insert source 3 GM1734
cli:tester insert municipality 0 GM1734
EOF
if diff audit.want audit.txt >audit.diff; then ok "audit lists every insert and update of GM1734"; else
  not_ok "audit lists every insert and update of GM1734" "$(head -20 audit.diff)"; fi
n_audit=$("$POK" audit GM1734 --limit 2 --format csv | wc -l)
[ "$n_audit" -eq 3 ] && ok "audit --limit 2: a header and two rows" ||
  not_ok "audit --limit 2: a header and two rows" "$n_audit lines"
expect "audit of everything includes the scheme" 0 ",insert,scheme," ",insert,actielijn," ",insert,purpose," -- "$POK" audit --limit 200 --format csv

POK_DB=$RECORDS_OUTER_DB
if [ -n "$RECORDS_OUTER_USER" ]; then POK_USER=$RECORDS_OUTER_USER; else unset POK_USER; fi
