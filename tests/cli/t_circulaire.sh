# pok import circulaire: the wide table of a circulaire from xlsx, ods and csv (fixtures in
# tests/data, made once with LibreOffice), a later circulaire making version 2, dry runs,
# bad input naming file, row and column with nothing stored; and municipality codes valid
# per year (pok import municipalities --year). Own databases; $POK_DB is restored at the end.
CIRC_OUTER_DB=$POK_DB
DATA="$HERE/../data"

# circ_db NAME: a fresh database with the three municipalities of the fixtures; its
# location is kept in $circ_db_NAME.
circ_db() {
  POK_DB=$(db_new "circ_$1")
  eval "circ_db_$1=\$POK_DB"
  "$POK" init >/dev/null 2>&1
  for m in "GM0363 Amsterdam" "GM1773 Olst-Wijhe" "GM0534 Hillegom"; do
    # shellcheck disable=SC2086
    "$POK" municipality add $m >/dev/null 2>&1
  done
}

# circ_import FILE [OPTION...]: the fixture's mapping: two columns by header text, one by letter.
circ_import() {
  cf=$1
  shift
  "$POK" import circulaire "$cf" --source 'Meicirculaire 2024' --code-column Gemeentecode \
    --map 'Rechtsbescherming 2024=2:2024' --map 'Rechtsbescherming 2025=2:2025' --map E=3:2024 "$@"
}

# The figures without where they were read (rij/regel): equal for every format.
circ_figures() {
  db_query "select municipality, actielijn_id, year, amount_cents, version from allocation order by 1, 2, 3, 5"
}

# circ_same NAME STATUS PATTERN... -- CMD...: as expect; the database dump is unchanged.
circ_same() {
  cs_name=$1
  db_dump >circ_before.dump
  expect "$@"
  db_dump >circ_after.dump
  if cmp -s circ_before.dump circ_after.dump; then ok "$cs_name: database unchanged"; else
    not_ok "$cs_name: database unchanged" "$(diff circ_before.dump circ_after.dump | head -10)"
  fi
}

for fmt in xlsx ods csv; do
  circ_db "$fmt"
  expect "circulaire $fmt: import" 0 "3 gemeenten gelezen, 8 bedragen: 8 nieuw, 0 gewijzigd, 0 ongewijzigd" \
    "1 bron aangemaakt" -- circ_import "$DATA/circulaire_2024.$fmt" --sheet Bedragen
  expect_rows "circulaire $fmt: Amsterdam (numbers, a Dutch text amount)" \
    "2. Robuust rechtsbeschermingssysteem € 52.500 € 54.000,50 € 106.500,50" \
    "3. Systeemleren € 1.234,56 € 1.234,56" \
    -- "$POK" allocation list GM0363
  expect_rows "circulaire $fmt: Olst-Wijhe (code 1773 without GM)" \
    "2. Robuust rechtsbeschermingssysteem € 19.000 € 22.000 € 41.000" \
    "3. Systeemleren € 33.000 € 33.000" \
    -- "$POK" allocation list GM1773
  expect_rows "circulaire $fmt: Hillegom (0534, a zero and a '-')" \
    "2. Robuust rechtsbeschermingssysteem € 12.345,67 € 0 € 12.345,67" \
    -- "$POK" allocation list GM0534
  circ_figures >"circ_$fmt.figures"
done
cmp -s circ_xlsx.figures circ_csv.figures && ok "circulaire: xlsx gives the CSV's figures" ||
  not_ok "circulaire: xlsx gives the CSV's figures" "$(diff circ_xlsx.figures circ_csv.figures)"
cmp -s circ_ods.figures circ_csv.figures && ok "circulaire: ods gives the CSV's figures" ||
  not_ok "circulaire: ods gives the CSV's figures" "$(diff circ_ods.figures circ_csv.figures)"
[ "$(wc -l <circ_csv.figures)" = 8 ] && ok "circulaire: 8 figures stored" ||
  not_ok "circulaire: 8 figures stored" "$(cat circ_csv.figures)"

# Column letters only (no header needed), the sheet by number, the place cited.
circ_db letters
expect "circulaire: letters and --sheet 2" 0 "8 bedragen: 8 nieuw" -- \
  "$POK" import circulaire "$DATA/circulaire_2024.xlsx" --sheet 2 --source 'Meicirculaire 2024' \
  --code-column A --map C=2:2024 --map D=2:2025 --map E=3:2024
expect_rows "circulaire: the cell is cited" \
  "2 2025 1 € 54.000,50 ja [1] Meicirculaire 2024, rij 4, kolom D" \
  -- "$POK" allocation list GM0363 --all-versions

expect "circulaire: --header-row" 0 "8 bedragen: 0 nieuw, 0 gewijzigd, 8 ongewijzigd" -- \
  circ_import "$DATA/circulaire_2024.ods" --sheet Bedragen --header-row 3
circ_same "circulaire: --header-row on an empty row" 1 "kopregel 2 is leeg of bestaat niet" -- \
  circ_import "$DATA/circulaire_2024.ods" --sheet Bedragen --header-row 2

# ---- a later circulaire: version 2 and the changes listed ----
POK_DB=$circ_db_xlsx
cat >sept.csv <<'EOF'
Septembercirculaire 2024 (titel zonder scheidingstekens)
Gemeentecode;Gemeentenaam;Rechtsbescherming 2024;Rechtsbescherming 2025;Systeemleren 2024
GM0363;Amsterdam;55.000;54.000,50;1.234,56
GM1773;Olst-Wijhe;19.000;23.500;33.000
GM0534;Hillegom;12.345,67;0;
EOF
circ_same "circulaire: dry run of a later circulaire" 0 \
  "3 gemeenten gelezen, 8 bedragen: 0 nieuw, 2 gewijzigd, 6 ongewijzigd" \
  "GM0363 actielijn 2 2024: € 52.500 → € 55.000" "proefrun: er is niets opgeslagen" \
  -- circ_import sept.csv --dry-run --source 'Septembercirculaire 2024'
expect "circulaire: a later circulaire" 0 "0 nieuw, 2 gewijzigd, 6 ongewijzigd" \
  "GM0363 actielijn 2 2024: € 52.500 → € 55.000" "GM1773 actielijn 2 2025: € 22.000 → € 23.500" \
  -- "$POK" import circulaire sept.csv --source 'Septembercirculaire 2024' --code-column Gemeentecode \
  --map 'Rechtsbescherming 2024=2:2024' --map 'Rechtsbescherming 2025=2:2025' --map E=3:2024
expect_rows "circulaire: version 2 current, version 1 kept" \
  "2 2024 1 € 52.500 nee [1] Meicirculaire 2024, rij 4, kolom C" \
  "2 2024 2 € 55.000 ja [2] Septembercirculaire 2024, regel 3, kolom C" \
  -- "$POK" allocation list GM0363 --all-versions
circ_same "circulaire: the same file again changes nothing" 0 "0 nieuw, 0 gewijzigd, 8 ongewijzigd" \
  -- circ_import sept.csv --source 'Septembercirculaire 2024'

# ---- bad input: file, row, column and value; exit 1; nothing stored ----
circ_same "circulaire: unknown column in --map" 1 "geen kolom 'Rechtsbescherming 2030'" \
  "'Gemeentecode', 'Gemeentenaam'" -- \
  "$POK" import circulaire "$DATA/circulaire_2024.xlsx" --sheet Bedragen --source 1 \
  --code-column Gemeentecode --map 'Rechtsbescherming 2030=2:2025'
sed 's/^GM1773;Olst-Wijhe;19.000/GM1773;Olst-Wijhe;19.000,0x/' sept.csv >bad_amount.csv
circ_same "circulaire: a bad amount names row and column" 1 \
  "bad_amount.csv, regel 4, kolom C ('Rechtsbescherming 2024'):" "'19.000,0x'" -- \
  circ_import bad_amount.csv
sed 's/^GM0534;Hillegom/GM9999;Nergenshuizen/' sept.csv >unknown.csv
circ_same "circulaire: unknown municipality" 1 \
  "unknown.csv, regel 5, kolom A ('Gemeentecode'): onbekende gemeente GM9999" -- circ_import unknown.csv
expect "circulaire: --skip-unknown reports the row" 0 "regel 5 overgeslagen: onbekende gemeente GM9999" \
  "1 rij overgeslagen" "2 gemeenten gelezen" -- circ_import unknown.csv --skip-unknown --dry-run
sed 's/^GM0534;/GM05345;/' sept.csv >bad_code.csv
circ_same "circulaire: a malformed code" 1 "bad_code.csv, regel 5, kolom A ('Gemeentecode'):" \
  "'GM05345'" -- circ_import bad_code.csv
echo "geen spreadsheet" >tekst.xlsx
circ_same "circulaire: a text file named .xlsx" 1 "tekst.xlsx is geen xlsx- of ods-bestand" -- \
  circ_import tekst.xlsx
head -c 3000 "$DATA/circulaire_2024.xlsx" >kapot.xlsx
circ_same "circulaire: a truncated xlsx" 1 "kapot.xlsx is beschadigd" -- circ_import kapot.xlsx
circ_same "circulaire: unknown sheet lists the sheets" 1 "geen werkblad 'Blad9' (wel: 'Toelichting', 'Bedragen')" \
  -- circ_import "$DATA/circulaire_2024.ods" --sheet Blad9
circ_same "circulaire: unknown sheet in xlsx" 1 "geen werkblad 'Blad9' (wel: 'Toelichting', 'Bedragen')" \
  -- circ_import "$DATA/circulaire_2024.xlsx" --sheet Blad9
circ_same "circulaire: no header on the first sheet" 1 "geen kopregel gevonden" \
  -- circ_import "$DATA/circulaire_2024.xlsx"
circ_same "circulaire: bad --map" 1 "--map 'D=twee:2024': actielijn 'twee'" \
  -- "$POK" import circulaire sept.csv --source 1 --code-column A --map D=twee:2024
circ_same "circulaire: unknown actielijn" 1 "--map 'D': onbekende actielijn 9" \
  -- "$POK" import circulaire sept.csv --source 1 --code-column A --map D=9:2024
circ_same "circulaire: no source" 1 "--source" \
  -- "$POK" import circulaire sept.csv --code-column A --map D=2:2024

# Thousands of euros: x 1.000 exactly, for numbers and for text.
circ_db duizend
expect "circulaire: --unit duizend" 0 "8 nieuw" -- \
  circ_import "$DATA/circulaire_2024.ods" --sheet Bedragen --unit duizend
expect_rows "circulaire: --unit duizend multiplies exactly" \
  "2. Robuust rechtsbeschermingssysteem € 52.500.000 € 54.000.500 € 106.500.500" \
  "3. Systeemleren € 1.234.560 € 1.234.560" \
  -- "$POK" allocation list GM0363

# ---- municipality codes valid per year ----
circ_db validity
cat >gem2021.csv <<'EOF'
gm_code,gm_naam,provincie
GM0363,Amsterdam,Noord-Holland
GM1773,Olst-Wijhe,Overijssel
GM0534,Hillegom,Zuid-Holland
GM0370,Beemster,Noord-Holland
EOF
grep -v GM0370 gem2021.csv >gem2023.csv
echo "GM1980,Dijk en Waard,Noord-Holland" >>gem2023.csv
expect "validity: list of 2021" 0 "4 regels gelezen: 1 nieuw, 3 gewijzigd, 0 ongewijzigd" -- \
  "$POK" import municipalities gem2021.csv --year 2021
circ_same "validity: dry run of the list of 2023" 0 "GM0370 Beemster: opgeheven per 1 januari 2023" \
  "proefrun" -- "$POK" import municipalities gem2023.csv --year 2023 --dry-run
expect "validity: list of 2023 ends Beemster" 0 "1 nieuw, 1 gewijzigd, 3 ongewijzigd" \
  "GM0370 Beemster: opgeheven per 1 januari 2023" -- "$POK" import municipalities gem2023.csv --year 2023
[ "$(db_query "select first_year || '/' || coalesce(last_year, 0) from municipality where code in ('GM0370', 'GM1980', 'GM0363') order by code")" = "2021/0
2021/2022
2023/0" ] && ok "validity: years stored" ||
  not_ok "validity: years stored" "$(db_query "select code, first_year, last_year from municipality")"
expect "validity: shown by municipality show" 0 "geldig: 2021 t/m 2022" -- "$POK" municipality show GM0370
"$POK" source add --title 'Circulaire' --kind circulaire >/dev/null 2>&1
circ_same "validity: an allocation for a merged code refused" 1 \
  "GM0370 bestond in 2023 niet meer (opgeheven per 1 januari 2023)" -- \
  "$POK" allocation add GM0370 2 2023 1.000 --source 1
expect "validity: the year before is fine" 0 "" -- "$POK" allocation add GM0370 2 2022 1.000 --source 1
circ_same "validity: a new code before it existed" 1 "GM1980 bestond in 2022 nog niet" -- \
  "$POK" allocation add GM1980 2 2022 1.000 --source 1
printf 'Gemeentecode;Bedrag\nGM0363;1.000\nGM0370;2.000\n' >merged.csv
circ_same "validity: the import refuses it too" 1 \
  "merged.csv, regel 3, kolom A ('Gemeentecode'): GM0370 bestond in 2023 niet meer" -- \
  "$POK" import circulaire merged.csv --source 1 --code-column Gemeentecode --map Bedrag=2:2023
expect "validity: --skip-unknown skips it" 0 "regel 3 overgeslagen: GM0370 bestond in 2023 niet meer" \
  "1 gemeente gelezen" -- \
  "$POK" import circulaire merged.csv --source 1 --code-column Gemeentecode --map Bedrag=2:2023 --skip-unknown
expect "validity: the long CSV import refuses it" 1 "regel 2, veld 'municipality': GM0370 bestond in 2023 niet meer" \
  -- "$POK" import allocations "$(printf 'municipality,actielijn,year,amount,source\nGM0370,2,2023,5,1\n' >m.csv; echo m.csv)"

POK_DB=$CIRC_OUTER_DB
