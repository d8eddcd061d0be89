# General-ledger (grootboek) import: realised amounts equal, to the cent, sums computed
# independently (awk) from generated files; a re-import adds nothing; a dry run and every
# bad file (broken amount on line 700001, missing column, unknown cost centre with
# --strict, a file that is not CSV, a closed year, a code on two measures) leave the
# database exactly as it was; the bookings behind a realised amount can be listed (CLI
# and web page). Runs in its own database; $POK_DB is restored at the end.
LG_OUTER_DB=$POK_DB
POK_DB=$(db_new ledger)
LG_GEN=${POK_GEN_GROOTBOEK:-$HERE/../data/gen_grootboek.py}

# lg_sums FILE...: "code;year;lines;cents" for every code and year, sorted: the amounts
# "-1234,56" turned into cents with integer arithmetic, independently of pok.
lg_sums() {
  awk -F';' 'FNR == 1 { next }
    { a = $7; neg = 0
      if (substr(a, 1, 1) == "-") { neg = 1; a = substr(a, 2) }
      split(a, p, ","); c = p[2]; if (length(c) == 1) c = c "0"; if (c == "") c = 0
      v = p[1] * 100 + c; if (neg) v = -v
      k = $5 ";" $2; s[k] += v; n[k]++ }
    END { for (k in s) printf "%s;%d;%.0f\n", k, n[k], s[k] }' "$@" | sort
}
# lg_expected FILE...: "code;year;cents" of the codes KP9001..KP9012 only.
lg_expected() { lg_sums "$@" | awk -F';' '$1 ~ /^KP90(0[1-9]|1[0-2])$/ { print $1 ";" $2 ";" $4 }'; }
# lg_realised: what pok stored: "code;year;cents" of every realised amount.
lg_realised() {
  db_query "select m.cost_centres, a.year, a.amount_cents from measure_amount a
    join measure m on m.id = a.measure_id where a.kind = 2 order by 1, 2" | tr '|' ';'
}
lg_dump() { db_dump >"$1"; }

# lg_unchanged NAME STATUS PATTERN... -- CMD...: as expect, and the database dump is the
# same before and after.
lg_unchanged() {
  lg_name=$1
  lg_dump lg_before.sql
  expect "$@"
  lg_dump lg_after.sql
  if cmp -s lg_before.sql lg_after.sql; then
    ok "$lg_name: database unchanged"
  else
    not_ok "$lg_name: database unchanged" "$(diff lg_before.sql lg_after.sql | head -10)"
  fi
}

if [ ! -f "$LG_GEN" ] || ! command -v python3 >/dev/null; then
  not_ok "ledger: generator" "no $LG_GEN or no python3 (scripts/deps.sh installs python3)"
else
  python3 "$LG_GEN" --lines 50000 --seed 3 >gb1.csv
  python3 "$LG_GEN" --lines 20000 --seed 4 >gb2.csv
  python3 "$LG_GEN" --lines 5000 --seed 5 >gb3.csv

  expect "ledger: init" 0 "is klaar" -- "$POK" init
  expect "ledger: municipality" 0 "GM1734 (Overbetuwe) opgeslagen" -- \
    "$POK" municipality add GM1734 Overbetuwe
  echo "kostenplaats;maatregel" >lg_map.csv
  lg_i=1
  while [ $lg_i -le 12 ]; do
    "$POK" measure add GM1734 "Maatregel $lg_i" >/dev/null 2>&1
    printf 'KP9%03d;%d\n' $lg_i $lg_i >>lg_map.csv
    lg_i=$((lg_i + 1))
  done
  # one measure by its exact name instead of its number
  sed -i 's/^KP9012;12$/KP9012;Maatregel 12/' lg_map.csv

  lg_unchanged "ledger: no mapping at all" 1 "geen enkele maatregel van GM1734 heeft een kostenplaats" -- \
    "$POK" import ledger gb1.csv --municipality GM1734

  # ---- the first file: realised amounts equal the independent sums to the cent
  expect "ledger: import with mapping" 0 "50.000 regels gelezen" \
    "maatregel 12 (Maatregel 12): kostenplaatsen (geen) → KP9012" \
    "grootboekimport 1 opgeslagen; de realisaties verwijzen naar bron 1" -- \
    "$POK" import ledger gb1.csv --municipality GM1734 --mapping lg_map.csv
  grep -q "regels (" out && not_ok "ledger: no progress line on a non-terminal" || ok "ledger: no progress line on a non-terminal"
  lg_expected gb1.csv >lg_want
  lg_realised >lg_got
  if [ -s lg_want ] && cmp -s lg_want lg_got; then
    ok "ledger: realised per measure and year equals the awk sums ($(wc -l <lg_want) measure-years)"
  else
    not_ok "ledger: realised per measure and year equals the awk sums" "$(diff lg_want lg_got | head -10)"
  fi
  lg_n=$(awk -F';' 'FNR > 1 && $5 ~ /^KP90(0[1-9]|1[0-2])$/' gb1.csv | wc -l)
  [ "$(db_query 'select count(*) from booking')" = "$lg_n" ] &&
    ok "ledger: every mapped line stored as a booking ($lg_n)" ||
    not_ok "ledger: every mapped line stored as a booking" "expected $lg_n"
  [ "$(db_query "select count(*) from audit where table_name = 'booking'")/$(db_query "select count(*) from audit where table_name = 'ledger_import'")" = "0/1" ] &&
    ok "ledger: one audit row for the import, none per booking" ||
    not_ok "ledger: one audit row for the import, none per booking"

  # ---- re-importing adds nothing; a second file adds to the same measure-years
  lg_realised >lg_r1
  expect "ledger: re-import" 0 "0 boekingen nieuw, $lg_n al bekend" -- \
    "$POK" import ledger gb1.csv --municipality GM1734
  lg_realised >lg_r2
  cmp -s lg_r1 lg_r2 && ok "ledger: re-import leaves the realised amounts" ||
    not_ok "ledger: re-import leaves the realised amounts" "$(diff lg_r1 lg_r2 | head -5)"
  expect "ledger: a second file" 0 "20.000 regels gelezen" -- \
    "$POK" import ledger gb2.csv --municipality GM1734
  lg_expected gb1.csv gb2.csv >lg_want
  lg_realised >lg_got
  cmp -s lg_want lg_got && ok "ledger: realised equals the sums over both files" ||
    not_ok "ledger: realised equals the sums over both files" "$(diff lg_want lg_got | head -10)"

  # ---- a file with two identical lines keeps both; importing it again adds nothing
  { head -1 gb3.csv; grep ';KP9001;' gb3.csv | head -1; grep ';KP9001;' gb3.csv | head -1; } >lg_twice.csv
  expect "ledger: two identical lines are two bookings" 0 "2 boekingen nieuw, 0 al bekend" -- \
    "$POK" import ledger lg_twice.csv --municipality GM1734
  expect "ledger: and not again" 0 "0 boekingen nieuw, 2 al bekend" -- \
    "$POK" import ledger lg_twice.csv --municipality GM1734

  # ---- dry run: reports, changes nothing
  lg_unchanged "ledger: dry run" 0 "5.000 regels gelezen" "realisatie" "proefrun: er is niets opgeslagen" -- \
    "$POK" import ledger gb3.csv --municipality GM1734 --dry-run

  # ---- tracing: the bookings of a measure-year add up to its realised amount
  lg_real=$(db_query "select amount_cents from measure_amount where measure_id = 3 and year = 2023 and kind = 2")
  "$POK" ledger bookings 3 --year 2023 --format csv >lg_b.csv 2>&1
  lg_sum=$(awk -F'"' 'NR > 1 { split($2, p, ","); v = p[1] < 0 || substr(p[1], 1, 1) == "-" ? p[1] * 100 - p[2] : p[1] * 100 + p[2]; s += v } END { printf "%.0f", s }' lg_b.csv)
  [ -n "$lg_real" ] && [ "$lg_sum" = "$lg_real" ] && ok "ledger: bookings of measure 3 in 2023 add up to its realised amount" ||
    not_ok "ledger: bookings of measure 3 in 2023 add up to its realised amount" "bookings $lg_sum, realised $lg_real"
  expect "ledger: bookings as text" 0 "maatregel 3 (Maatregel 3), 2023:" "gb1.csv:" -- \
    "$POK" ledger bookings 3 --year 2023
  expect "ledger: imports listed" 0 "gb1.csv" "gb2.csv" "50.000" -- "$POK" ledger imports GM1734

  # ---- totals straight from the file equal awk's, for every code
  "$POK" ledger totals gb1.csv --format csv >lg_t.csv 2>&1
  awk -F, 'NR > 1 { a = $0; sub(/^[^,]*,[^,]*,[^,]*,/, "", a); gsub(/"/, "", a)
    split(a, p, ","); v = substr(p[1], 1, 1) == "-" ? p[1] * 100 - p[2] : p[1] * 100 + p[2]
    printf "%s;%s;%s;%.0f\n", $1, $2, $3, v }' lg_t.csv | sort >lg_t.got
  lg_sums gb1.csv >lg_t.want
  [ -s lg_t.want ] && cmp -s lg_t.want lg_t.got && ok "ledger: totals equal the awk sums ($(wc -l <lg_t.want) rows)" ||
    not_ok "ledger: totals equal the awk sums" "$(diff lg_t.want lg_t.got | head -5)"

  # ---- bad files: each names file, line and column, and nothing changes
  { cat gb1.csv; for lg_i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do tail -n +2 gb1.csv; done; } |
    awk -F';' -v OFS=';' 'NR == 700001 { $7 = "12x,5" } { print }' >lg_big.csv
  lg_unchanged "ledger: broken amount on line 700001" 1 \
    "lg_big.csv, regel 700001, kolom 'bedrag': verwacht een bedrag zoals 1.234,56, niet '12x,5'" -- \
    "$POK" import ledger lg_big.csv --municipality GM1734
  # On a terminal (script(1) gives the command one) the progress line appears; the input
  # pauses a second halfway, so at least one update is due whatever the machine's speed.
  if command -v script >/dev/null 2>&1; then
    script -qc "sh -c '{ head -n 70001 lg_big.csv; sleep 1; sed -n 70002,200000p lg_big.csv; } |
      \"$POK\" ledger totals /dev/stdin --format csv >/dev/null'" /dev/null >tty.out 2>&1
    if tr '\r' '\n' <tty.out | grep -q '^/dev/stdin: [0-9.]* regels'; then
      ok "ledger: a progress line on a terminal"
    else
      not_ok "ledger: a progress line on a terminal" "$(tr '\r' '\n' <tty.out | head -5)"
    fi
  fi
  head -100 gb1.csv | cut -d';' -f1-6,8-9 >lg_nocol.csv
  lg_unchanged "ledger: missing column in the header" 1 "lg_nocol.csv, regel 1: kolom 'bedrag' ontbreekt" \
    "boekdatum;boekjaar" -- "$POK" import ledger lg_nocol.csv --municipality GM1734
  awk -F';' -v OFS=';' 'NR == 5 { NF = 8 } { print }' gb3.csv >lg_short.csv
  lg_unchanged "ledger: a line with a column missing" 1 \
    "lg_short.csv, regel 5, kolom 'documentnummer': ontbreekt" -- \
    "$POK" import ledger lg_short.csv --municipality GM1734
  lg_first=$(awk -F';' 'NR > 1 && $5 !~ /^KP90(0[1-9]|1[0-2])$/ { print NR ": " $5; exit }' gb3.csv)
  lg_unchanged "ledger: unknown cost centre with --strict" 1 \
    "gb3.csv, regel ${lg_first%%:*}, kolom 'kostenplaats': ${lg_first#*: } hoort bij geen enkele maatregel" -- \
    "$POK" import ledger gb3.csv --municipality GM1734 --strict
  printf 'PK\003\004\000\000\024\000binary' >lg_zip.csv
  lg_unchanged "ledger: a binary file" 1 "lg_zip.csv is geen CSV-bestand" -- \
    "$POK" import ledger lg_zip.csv --municipality GM1734
  printf 'Dit is een brief\nen geen grootboek\n' >lg_text.csv
  lg_unchanged "ledger: a text file that is not CSV" 1 "lg_text.csv is geen CSV-bestand van een grootboek" -- \
    "$POK" import ledger lg_text.csv --municipality GM1734
  printf 'kostenplaats,maatregel\nKP9001,1\nKP9001,2\n' >lg_twomap.csv
  lg_unchanged "ledger: one code on two measures" 1 "lg_twomap.csv, regel 3" "KP9001 staat op regel 2 al bij maatregel 1" -- \
    "$POK" import ledger gb3.csv --municipality GM1734 --mapping lg_twomap.csv
  expect "ledger: close 2021" 0 "" -- "$POK" year close GM1734 2021
  lg_unchanged "ledger: new bookings in a closed year" 1 "realisatie 2021" "afgesloten" -- \
    "$POK" import ledger gb3.csv --municipality GM1734
  expect "ledger: unknown municipality" 1 "onbekende gemeente GM9999" -- \
    "$POK" import ledger gb3.csv --municipality GM9999

  # ---- the web page: bookings of a measure-year, their total equal to the realised amount
  "$POK" serve --port 0 >lg_serve.out 2>&1 &
  lg_pid=$!
  lg_url=""
  lg_tries=0
  while [ -z "$lg_url" ] && [ $lg_tries -lt 300 ] && kill -0 "$lg_pid" 2>/dev/null; do
    lg_url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' lg_serve.out)
    [ -z "$lg_url" ] && sleep 0.1
    lg_tries=$((lg_tries + 1))
  done
  if [ -z "$lg_url" ]; then
    not_ok "ledger: web server starts" "$(cat lg_serve.out)"
  else
    lg_real_text=$("$POK" ledger bookings 3 --year 2023 | sed -n 's/.*totaal \(€ .*\)$/\1/p')
    lg_code=$(curl -s --max-time 30 -o lg_page.html -w '%{http_code}' "${lg_url}maatregel/3/boekingen?jaar=2023")
    if [ "$lg_code" = 200 ] && grep -q "Boekingen 2023" lg_page.html && grep -qF "$lg_real_text" lg_page.html; then
      ok "ledger: web page lists the bookings with the total ($lg_real_text)"
    else
      not_ok "ledger: web page lists the bookings with the total" "HTTP $lg_code, total '$lg_real_text'"
    fi
    lg_code=$(curl -s --max-time 30 -o lg_page.csv -w '%{http_code}' "${lg_url}maatregel/3/boekingen.csv?jaar=2023")
    [ "$lg_code" = 200 ] && [ "$(($(wc -l <lg_page.csv) - 2))" = "$(($(wc -l <lg_b.csv) - 1))" ] &&
      ok "ledger: web CSV has every booking" || not_ok "ledger: web CSV has every booking" "HTTP $lg_code"
    curl -s --max-time 30 -o lg_measure.html "${lg_url}maatregel/3"
    grep -q 'href="/maatregel/3/boekingen?jaar=2023"' lg_measure.html &&
      ok "ledger: measure page links the realised amount to its bookings" ||
      not_ok "ledger: measure page links the realised amount to its bookings"
    lg_code=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' "${lg_url}maatregel/999/boekingen")
    [ "$lg_code" = 404 ] && ok "ledger: unknown measure is 404" || not_ok "ledger: unknown measure is 404" "HTTP $lg_code"
  fi
  kill "$lg_pid" 2>/dev/null
  wait "$lg_pid" 2>/dev/null
fi
POK_DB=$LG_OUTER_DB
