# Importing allocations (pok import allocations) and entering single figures: a good file
# is stored and listed, an equal figure is left alone, a changed one becomes version 2,
# and bad input names file, line and field, exits 1 and leaves the database exactly as it
# was. Runs in its own database; $POK_DB is restored at the end.
IMPORT_OUTER_DB=$POK_DB
POK_DB=$(db_new import)


# The state a failed command must not touch: row counts (allocation/audit/source) and the
# full listings with every version and source.
import_snapshot() {
  {
    db_rows
    "$POK" allocation list GM1773 --all-versions
    "$POK" allocation list GM0534 --all-versions
    "$POK" source list
  } >"$1" 2>&1
}

# imp_unchanged NAME STATUS PATTERN... -- CMD...: as expect; then the database is the same as
# before CMD (counts and listings), and a failed command claims no import happened.
imp_unchanged() {
  un_name=$1
  import_snapshot before.snap
  un_rows=$(db_rows)
  expect "$@"
  if [ "$2" != 0 ] && grep -q " nieuw, " out; then not_ok "$un_name: no import summary" "a failed command printed a summary"; fi
  import_snapshot after.snap
  if [ "$(db_rows)" != "$un_rows" ]; then
    not_ok "$un_name: database unchanged" "rows allocation/audit/source: $un_rows before, $(db_rows) after"
  elif ! cmp -s before.snap after.snap; then
    not_ok "$un_name: database unchanged" "$(diff before.snap after.snap | head -20)"
  else
    ok "$un_name: database unchanged"
  fi
}

expect "import: init" 0 "is klaar" -- "$POK" init
expect "import: municipality" 0 "GM1773 (Olst-Wijhe) opgeslagen" -- "$POK" municipality add GM1773 Olst-Wijhe
expect "import: second municipality" 0 "GM0534 (Hillegom) opgeslagen" -- "$POK" municipality add GM0534 Hillegom
expect "import: source 1" 0 "bron 1 opgeslagen" -- \
  "$POK" source add --title 'Decembercirculaire 2021' --kind circulaire --date 2021-12-14
[ "$(db_rows)" = "0/3/1" ] && ok "import: db_rows before any import" || not_ok "import: db_rows before any import" "got $(db_rows)"

# A good file: amounts quoted (they hold dots, one a decimal comma), a place column, and a
# source given by title that does not exist yet (created as a circulaire).
cat >toekenningen.csv <<'EOF'
municipality,actielijn,year,amount,source,place
GM1773,2,2021,"19.000",1,tabel actielijnen
GM1773,2,2022,"22.000",1,tabel actielijnen
GM1773,3,2021,"33.000",1,
GM0534,2,2021,"1.234,56",Meicirculaire 2022,p. 4
EOF
expect "import: a good file" 0 "4 regels gelezen: 4 nieuw, 0 gewijzigd, 0 ongewijzigd" \
  "1 bron aangemaakt" -- "$POK" import allocations toekenningen.csv
[ "$(db_rows)" = "4/8/2" ] && ok "import: 4 allocations, 5 audit rows and 1 source added" ||
  not_ok "import: 4 allocations, 5 audit rows and 1 source added" "got $(db_rows), expected 4/8/2"
expect_rows "import: Olst-Wijhe table with totals" \
  "2. Robuust rechtsbeschermingssysteem € 19.000 € 22.000 € 41.000" \
  "3. Systeemleren € 33.000 € 33.000" \
  "totaal € 52.000 € 22.000 € 74.000" \
  -- "$POK" allocation list GM1773
expect_rows "import: a decimal comma kept to the cent" \
  "2. Robuust rechtsbeschermingssysteem € 1.234,56 € 1.234,56" \
  "totaal € 1.234,56 € 1.234,56" \
  -- "$POK" allocation list GM0534
expect_rows "import: place and created source cited" \
  "2 2021 1 € 19.000 ja [1] Decembercirculaire 2021, tabel actielijnen" \
  "3 2021 1 € 33.000 ja [1] Decembercirculaire 2021" \
  -- "$POK" allocation list GM1773 --all-versions
expect_rows "import: a source created from a title" "2 circulaire Meicirculaire 2022" -- "$POK" source list
expect_rows "import: the new source is cited" "2 2021 1 € 1.234,56 ja [2] Meicirculaire 2022, p. 4" \
  -- "$POK" allocation list GM0534 --all-versions

# The same file again: nothing new, nothing written (no audit rows either).
import_snapshot before.snap
expect "import: re-import is unchanged" 0 "4 regels gelezen: 0 nieuw, 0 gewijzigd, 4 ongewijzigd" \
  -- "$POK" import allocations toekenningen.csv
if grep -q "aangemaakt" out; then not_ok "import: re-import reuses the source by title"; else ok "import: re-import reuses the source by title"; fi
import_snapshot after.snap
cmp -s before.snap after.snap && ok "import: re-import writes nothing" ||
  not_ok "import: re-import writes nothing" "$(diff before.snap after.snap | head)"

# A changed amount, semicolon separated (no quotes needed), columns in another order.
cat >mei.csv <<'EOF'
source;year;actielijn;municipality;amount
Meicirculaire 2022;2021;2;GM1773;19.000
Meicirculaire 2022;2021;3;GM1773;38.000
EOF
imp_unchanged "import: --dry-run stores nothing" 0 "2 regels gelezen: 0 nieuw, 1 gewijzigd, 1 ongewijzigd" \
  "GM1773 actielijn 3 2021: € 33.000 → € 38.000" "proefrun: er is niets opgeslagen" \
  -- "$POK" import allocations mei.csv --dry-run
printf '%s\nGM1773,5,2024,"7.000",Septembercirculaire 2024\n' "municipality,actielijn,year,amount,source" >sept.csv
imp_unchanged "import: a dry run creates no source" 0 "1 regel gelezen: 1 nieuw, 0 gewijzigd, 0 ongewijzigd" \
  "1 bron aangemaakt" "proefrun: er is niets opgeslagen" -- "$POK" import allocations sept.csv --dry-run
import_snapshot before.snap
expect "import: a changed amount is listed" 0 "2 regels gelezen: 0 nieuw, 1 gewijzigd, 1 ongewijzigd" \
  "GM1773 actielijn 3 2021: € 33.000 → € 38.000" -- "$POK" import allocations mei.csv
if grep -q "proefrun" out; then not_ok "import: a real run is no dry run"; else ok "import: a real run is no dry run"; fi
import_snapshot after.snap
# The snapshot comparison used for bad input does see a change.
if cmp -s before.snap after.snap; then not_ok "import: the snapshot sees a new version"; else ok "import: the snapshot sees a new version"; fi
[ "$(db_rows)" = "5/9/2" ] && ok "import: one version and one audit row added" ||
  not_ok "import: one version and one audit row added" "got $(db_rows), expected 5/9/2"
expect_rows "import: version 2 is current, version 1 kept" \
  "3 2021 1 € 33.000 nee [1] Decembercirculaire 2021" \
  "3 2021 2 € 38.000 ja [2] Meicirculaire 2022" \
  "3. Systeemleren € 38.000 € 38.000" \
  "totaal € 57.000 € 22.000 € 79.000" \
  -- "$POK" allocation list GM1773 --all-versions
expect "import: check reports the changed allocation" 0 "€ 33.000" "€ 38.000" "€ 5.000 meer" \
  -- "$POK" check GM1773

# ---- bad files: file, line (regel N) and field; exit 1; nothing stored ----
# imp_bad_csv FILE LINE...: the header, a good line, then LINE... The good line has an amount
# and a source title of its own in every file, so storing it would add a version and a
# source: a partial import shows in the counts and listings, whichever case it is.
H=municipality,actielijn,year,amount,source
n_bad=0
imp_bad_csv() {
  n_bad=$((n_bad + 1))
  bad_file=$1
  shift
  {
    echo "$H"
    printf 'GM1773,4,2023,"5.%03d",Voorjaarscirculaire %d\n' "$n_bad" "$n_bad"
    for l in "$@"; do echo "$l"; done
  } >"$bad_file"
}
imp_bad_csv bad_amount.csv 'GM1773,2,2024,"12,345.6x",1'
imp_unchanged "import: malformed amount" 1 "bad_amount.csv, regel 3, veld 'amount':" "'12,345.6x'" \
  -- "$POK" import allocations bad_amount.csv
imp_bad_csv bad_municipality.csv 'GM9999,2,2024,"1.000",1'
imp_unchanged "import: unknown municipality" 1 \
  "bad_municipality.csv, regel 3, veld 'municipality': onbekende gemeente GM9999" \
  -- "$POK" import allocations bad_municipality.csv
imp_bad_csv bad_code.csv 'Olst-Wijhe,2,2024,"1.000",1'
imp_unchanged "import: a name instead of a code" 1 \
  "bad_code.csv, regel 3, veld 'municipality': verwacht een CBS-code zoals GM1773, niet 'Olst-Wijhe'" \
  -- "$POK" import allocations bad_code.csv
imp_bad_csv bad_actielijn.csv 'GM1773,9,2024,"1.000",1'
imp_unchanged "import: unknown actielijn" 1 \
  "bad_actielijn.csv, regel 3, veld 'actielijn': onbekende actielijn 9 (POK heeft 1 tot en met 8)" \
  -- "$POK" import allocations bad_actielijn.csv
imp_bad_csv bad_year.csv 'GM1773,2,2031,"1.000",1'
imp_unchanged "import: year outside the scheme" 1 \
  "bad_year.csv, regel 3, veld 'year': 2031 valt buiten de looptijd van POK (2021-2027)" \
  -- "$POK" import allocations bad_year.csv
imp_bad_csv bad_year_before.csv 'GM1773,2,2020,"1.000",1'
imp_unchanged "import: year before the scheme" 1 "bad_year_before.csv, regel 3, veld 'year': 2020 valt buiten" \
  -- "$POK" import allocations bad_year_before.csv
imp_bad_csv truncated.csv 'GM1773,2,2024'
imp_unchanged "import: truncated line" 1 \
  "truncated.csv, regel 3, veld 'amount': ontbreekt: de regel heeft 3 velden, verwacht 5 (municipality,actielijn,year,amount,source)" \
  -- "$POK" import allocations truncated.csv
imp_bad_csv unquoted.csv 'GM1773,2,2024,1.234,56,1'
imp_unchanged "import: unquoted decimal comma" 1 "unquoted.csv, regel 3: 6 velden, verwacht 5" \
  'Schrijf dan "1.234,56"' -- "$POK" import allocations unquoted.csv
imp_bad_csv negative.csv 'GM1773,2,2024,"-5.000",1'
imp_unchanged "import: negative amount" 1 "negative.csv, regel 3, veld 'amount': een toekenning kan niet negatief zijn" \
  -- "$POK" import allocations negative.csv
imp_bad_csv bad_source.csv 'GM1773,2,2024,"1.000",77'
imp_unchanged "import: unknown source id" 1 "bad_source.csv, regel 3, veld 'source': onbekende bron 77" \
  -- "$POK" import allocations bad_source.csv
imp_bad_csv duplicate.csv 'GM1773,4,2023,"6.000",1'
imp_unchanged "import: the same figure twice" 1 "duplicate.csv, regel 3: GM1773 actielijn 4 2023 staat al op regel 2" \
  -- "$POK" import allocations duplicate.csv
imp_bad_csv open_quote.csv 'GM1773,2,2024,"1.000,1'
imp_unchanged "import: unterminated quote" 1 "open_quote.csv, regel 3: het aanhalingsteken" \
  -- "$POK" import allocations open_quote.csv
# Line numbers count physical lines: a blank line and a quoted field with a line break.
printf '%s\n%s\n\n%s\n%s\n' 'municipality;actielijn;year;amount;source;place' \
  'GM1773;4;2023;5.500;Late circulaire;"tabel' 'bijlage"' 'GM1773;5;2023;12.345,6x;1;' >late.csv
imp_unchanged "import: line numbers after a blank and a multi-line field" 1 \
  "late.csv, regel 5, veld 'amount':" "'12.345,6x'" -- "$POK" import allocations late.csv
printf 'municipality,actielijn,year,source\nGM1773,2,2023,1\n' >no_amount.csv
imp_unchanged "import: missing header column" 1 \
  "no_amount.csv, regel 1: kolom 'amount' ontbreekt (verwacht municipality,actielijn,year,amount,source)" \
  -- "$POK" import allocations no_amount.csv
printf 'municipality,actielijn,year,bedrag,source\nGM1773,4,2023,"5.000",1\n' >unknown_column.csv
imp_unchanged "import: unknown header column" 1 "unknown_column.csv, regel 1: onbekende kolom 'bedrag'" \
  -- "$POK" import allocations unknown_column.csv
# A binary file (the start of an .xlsx, a zip archive), and binary data after good lines.
printf 'PK\003\004\024\000\006\000\010\000\000\000!\000[Content_Types].xml' >toekenningen.xlsx
imp_unchanged "import: binary file" 1 "toekenningen.xlsx is geen CSV-bestand (bevat binaire gegevens)" \
  -- "$POK" import allocations toekenningen.xlsx
printf '%s\nGM1773,4,2023,"5.999",Nul-circulaire\nGM1773,2,2024,"1.000",1\000\n' "$H" >nul.csv
imp_unchanged "import: binary data on line 3" 1 "nul.csv is geen CSV-bestand" -- "$POK" import allocations nul.csv
: >empty.csv
imp_unchanged "import: empty file" 1 "empty.csv is leeg (verwacht een kopregel met municipality,actielijn,year,amount,source)" \
  -- "$POK" import allocations empty.csv
imp_unchanged "import: nonexistent file" 1 "kan missing.csv niet openen" -- "$POK" import allocations missing.csv
mkdir -p adir
imp_unchanged "import: a directory" 1 "kan adir niet lezen" -- "$POK" import allocations adir
# Every text that enters is valid UTF-8 of bounded length: a Windows-1252 byte names file,
# line and column (with the hint to save as UTF-8), a control character too; a place over
# the short bound is refused by the store, naming the field after file and line.
imp_bad_csv latin1.csv "$(printf 'GM1773,2,2024,"1.000",Circulaire mei \351\351n')"
imp_unchanged "import: a byte that is not UTF-8" 1 \
  "latin1.csv, regel 3, kolom 5: geen geldige UTF-8-tekst (byte 0xE9 na 15 tekens)" \
  "Windows-1252" "Sla het op als CSV UTF-8" -- "$POK" import allocations latin1.csv
imp_bad_csv control.csv "$(printf 'GM1773,2,2024,"1.000",Circulaire\033[31m')"
imp_unchanged "import: a control character" 1 \
  "control.csv, regel 3, kolom 5: bevat een stuurteken (U+001B na 10 tekens)" \
  -- "$POK" import allocations control.csv
{
  echo "$H,place"
  printf 'GM1773,4,2023,"5.777",Lange circulaire,%0301d\n' 0
} >long_place.csv
imp_unchanged "import: a place over 300 characters" 1 \
  "long_place.csv, regel 2: plaats in de bron: te lang: 301 tekens, hoogstens 300" \
  -- "$POK" import allocations long_place.csv
# ... and the same for options and arguments on the command line.
imp_unchanged "source add: an option that is not UTF-8" 1 \
  "optie --title: geen geldige UTF-8-tekst (byte 0xE9 na 6 tekens)" \
  -- "$POK" source add --kind brief --title "$(printf 'Brief \351')"
imp_unchanged "municipality add: an argument that is not UTF-8" 1 \
  "argument 2: geen geldige UTF-8-tekst (byte 0xC0 na 3 tekens)" \
  -- "$POK" municipality add GM0001 "$(printf 'Caf\300\251')"
imp_unchanged "source add: a control character in an option" 1 \
  "optie --note: bevat een stuurteken (U+0007" \
  -- "$POK" source add --kind brief --title Brief --note "$(printf 'bel\007')"
imp_unchanged "source add: a title over 300 characters" 1 \
  "titel van de bron: te lang: 301 tekens, hoogstens 300" \
  -- "$POK" source add --kind brief --title "$(printf '%0301d' 0)"
imp_unchanged "import: unknown scheme" 1 "onbekende regeling 'XYZ'" -- "$POK" import allocations toekenningen.csv --scheme XYZ
imp_unchanged "import: a bad file in a dry run" 1 "bad_year.csv, regel 3, veld 'year'" \
  -- "$POK" import allocations bad_year.csv --dry-run

# ---- single figures on the command line: the same discipline ----
imp_unchanged "allocation add: malformed amount" 1 "veld 'bedrag'" "'12,345.6x'" \
  -- "$POK" allocation add GM1773 2 2024 12,345.6x --source 1
imp_unchanged "allocation add: negative amount" 1 "veld 'bedrag': een toekenning kan niet negatief zijn" \
  -- "$POK" allocation add GM1773 2 2024 -5.000 --source 1
imp_unchanged "allocation add: unknown municipality" 1 "onbekende gemeente 'GM9999'" \
  -- "$POK" allocation add GM9999 2 2024 12.345 --source 1
imp_unchanged "allocation add: year outside the scheme" 1 "veld 'jaar': 2031 valt buiten de looptijd van POK (2021-2027)" \
  -- "$POK" allocation add GM1773 2 2031 12.345 --source 1
imp_unchanged "allocation add: unknown actielijn" 1 "veld 'actielijn': onbekende actielijn '9'" \
  -- "$POK" allocation add GM1773 9 2024 12.345 --source 1
imp_unchanged "allocation add: unknown source" 1 "onbekende bron (id 99)" \
  -- "$POK" allocation add GM1773 2 2024 12.345 --source 99
imp_unchanged "allocation add: source required" 1 "veld 'source'" -- "$POK" allocation add GM1773 2 2024 12.345
expect "measure add for the plan tests" 0 "maatregel 1 opgeslagen" -- "$POK" measure add GM1773 Wijkteam --actielijnen 2
imp_unchanged "measure plan: malformed amount" 1 "veld 'bedrag'" "'12,345.6x'" \
  -- "$POK" measure plan 1 2024 12,345.6x --source 1
imp_unchanged "measure plan: bad year" 1 "veld 'jaar': verwacht een jaartal zoals 2024, niet 'abcd'" \
  -- "$POK" measure plan 1 abcd 1.000
imp_unchanged "measure plan: unknown measure" 1 "onbekende maatregel (id 99)" -- "$POK" measure plan 99 2024 1.000
imp_unchanged "measure realised: unknown decision" 1 "onbekend besluit (id 42)" \
  -- "$POK" measure realised 1 2024 1.000 --decision 42
imp_unchanged "reserve deposit: unknown municipality" 1 "onbekende gemeente 'GM9999'" \
  -- "$POK" reserve deposit GM9999 2024 1.000

# Usage errors: exit 2, nothing touched.
imp_unchanged "import: no file is a usage error" 2 "te weinig argumenten" "gebruik: pok import allocations" \
  -- "$POK" import allocations
imp_unchanged "import: two files is a usage error" 2 "te veel argumenten: 'mei.csv'" -- "$POK" import allocations toekenningen.csv mei.csv
imp_unchanged "import: unknown option" 2 "onbekende optie '--force'" -- "$POK" import allocations mei.csv --force
imp_unchanged "import: --dry-run takes no value" 2 "neemt geen waarde" -- "$POK" import allocations mei.csv --dry-run=yes
imp_unchanged "import: --scheme needs a value" 2 "verwacht een waarde" -- "$POK" import allocations mei.csv --scheme
imp_unchanged "import: no subcommand" 2 "'import' verwacht een subopdracht" -- "$POK" import
imp_unchanged "allocation add: missing amount" 2 "te weinig argumenten" -- "$POK" allocation add GM1773 2 2024
imp_unchanged "measure plan: too many arguments" 2 "te veel argumenten" -- "$POK" measure plan 1 2024 1.000 2.000

rm -rf adir
POK_DB=$IMPORT_OUTER_DB
