# The CSV downloads for people (docs/export.md): what Dutch Excel and LibreOffice open as a
# table, checked by opening them in LibreOffice with a Dutch locale; and the machine CSV
# of the coverage, which keeps cents and the contract's English names.
CP_DB=$(db_new csv_people)
"$POK" --db "$CP_DB" demo --quiet >out 2>&1 || not_ok "csv for people: demo database" "demo failed"
# a realised amount with cents, to see the decimal comma read as one
"$POK" --db "$CP_DB" measure realised 5 2024 97.250,13 --source 4 >out 2>&1 ||
  not_ok "csv for people: a realised amount with cents" "$(cat out)"
"$POK" --db "$CP_DB" serve --port 0 >cp_serve.out 2>&1 &
cp_pid=$!
cp_url=""
tries=0
while [ -z "$cp_url" ] && [ $tries -lt 300 ] && kill -0 "$cp_pid" 2>/dev/null; do
  cp_url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' cp_serve.out)
  [ -z "$cp_url" ] && sleep 0.1
  tries=$((tries + 1))
done
[ -n "$cp_url" ] || not_ok "csv for people: pok serve starts" "$(cat cp_serve.out)"
mkdir -p cp
cp_get() { curl -s --max-time 30 -o "cp/$2" "$cp_url$1"; }
cp_get gemeente/GM1734/dekking.csv dekking.csv
cp_get gemeente/GM1734/dekking-data.csv dekking-data.csv
cp_get maatregel/5.csv maatregel.csv
cp_get gemeente/GM0362/besluiten.csv besluiten.csv
cp_get gemeenten.csv gemeenten.csv
cp_get gemeente/GM1734/wijzigingen.csv wijzigingen.csv
kill "$cp_pid" 2>/dev/null
wait "$cp_pid" 2>/dev/null

# The bytes: BOM, semicolons, CRLF, Dutch headers with "(euro)", no cents or field names.
bom=$(printf '\357\273\277')
for f in dekking maatregel besluiten gemeenten wijzigingen; do
  first=$(head -1 "cp/$f.csv")
  case $first in
  "$bom"*";"*"$(printf '\r')") ok "csv for people: $f.csv has a BOM, semicolons and CRLF" ;;
  *) not_ok "csv for people: $f.csv has a BOM, semicolons and CRLF" "$first" ;;
  esac
  if grep -q '_cents\|_id[;,]' "cp/$f.csv"; then
    not_ok "csv for people: $f.csv has no field names" "$(grep '_cents\|_id[;,]' "cp/$f.csv" | head -3)"
  else ok "csv for people: $f.csv has no field names"; fi
done
grep -qF 'Pot;Jaar;Afgesloten;Reserve op 1 januari (euro);Toekenning van het jaar (euro);Begroot (plannen) (euro)' cp/dekking.csv &&
  grep -qF 'Alle middelen;2024;nee;459500,00;175000,00;399500,00' cp/dekking.csv &&
  ok "csv for people: the coverage in euros with Dutch headers" ||
  not_ok "csv for people: the coverage in euros with Dutch headers" "$(head -3 cp/dekking.csv)"
grep -qF 'GM1734,0,Alle middelen,2024,0,17500000,' cp/dekking-data.csv &&
  head -1 cp/dekking-data.csv | grep -q '^municipality,pot_id,pot,year,closed,allocation_cents,' &&
  ok "csv for people: dekking-data.csv keeps cents and the contract's names" ||
  not_ok "csv for people: dekking-data.csv keeps cents and the contract's names" "$(head -2 cp/dekking-data.csv)"

# LibreOffice with a Dutch locale, as a Dutch user opens the file: the amounts must be
# numbers in their own columns, the dates dates. Under CI it must run.
if ! command -v soffice >/dev/null 2>&1; then
  if [ "${CI:-}" = true ]; then
    not_ok "csv for people in LibreOffice" "soffice is missing under CI (scripts/deps.sh installs libreoffice-calc-nogui)"
  else
    ok "csv for people in LibreOffice # SKIP soffice not installed (scripts/deps.sh installs libreoffice-calc-nogui)"
  fi
else
  mkdir -p "$WORK/lo-nl/user" cp-out
  cat >"$WORK/lo-nl/user/registrymodifications.xcu" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>nl-NL</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>nl-NL</value></prop></item>
</oor:items>
EOF
  # Text CSV import: separator ';' (59), quote '"' (34), UTF-8 (76), from line 1, default
  # column types, language Dutch (1043), quoted fields not forced to text, detect
  # special numbers (dates)
  soffice -env:UserInstallation="file://$WORK/lo-nl" --headless \
    --infilter='Text - txt - csv (StarCalc):59,34,76,1,,1043,false,true' \
    --convert-to fods --outdir cp-out cp/dekking.csv cp/maatregel.csv cp/besluiten.csv \
    cp/gemeenten.csv >lo-nl.log 2>&1
  for f in dekking maatregel besluiten gemeenten; do
    python3 "$HERE/tools/fods_cells.py" "cp-out/$f.fods" >"cp-out/$f.cells" 2>>lo-nl.log
  done
  tab=$(printf '\t')
  # Overbetuwe 2024: reserve at the start, allocation, spending, each a number in its column
  grep -qF "string:Alle middelen${tab}float:2024${tab}string:nee${tab}float:459500${tab}float:175000${tab}float:399500${tab}" \
    cp-out/dekking.cells && ok "csv for people in LibreOffice: coverage amounts are numbers" ||
    not_ok "csv for people in LibreOffice: coverage amounts are numbers" "$(head -3 cp-out/dekking.cells)" "$(cat lo-nl.log)"
  # the decimal comma: 97.250,13 is the number 97250.13 under "Gerealiseerd (euro)"
  awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "string:Gerealiseerd (euro)") col = i }
    NR > 1 && $1 == "float:2024" && $col == "float:97250.13" { found = 1 }
    END { exit !found }' cp-out/maatregel.cells &&
    ok "csv for people in LibreOffice: cents after the decimal comma" ||
    not_ok "csv for people in LibreOffice: cents after the decimal comma" "$(cat cp-out/maatregel.cells)"
  grep -q "^date:2024-05-28${tab}string:college" cp-out/besluiten.cells &&
    ok "csv for people in LibreOffice: dates are dates" ||
    not_ok "csv for people in LibreOffice: dates are dates" "$(head -3 cp-out/besluiten.cells)"
  grep -qF "string:Overbetuwe${tab}string:GM1734${tab}string:Gelderland${tab}" cp-out/gemeenten.cells &&
    ! grep -F "string:Overbetuwe${tab}" cp-out/gemeenten.cells | cut -f4- | grep -q 'string:[0-9]' &&
    ok "csv for people in LibreOffice: the start page's figures are numbers" ||
    not_ok "csv for people in LibreOffice: the start page's figures are numbers" "$(head -3 cp-out/gemeenten.cells)"
fi
