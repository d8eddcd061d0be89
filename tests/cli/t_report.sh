# pok report: the raadsinformatiebrief "Stand van zaken POK-middelen" of each demo
# municipality, read back with poppler: pdfinfo (a PDF, pages, title), pdftoppm -gray
# (every page renders, is not blank; page 1 is a full page), pdftotext (page 1 holds the
# key figures and messages, the engine's figures are in it, Amstelveen's declined request,
# no internal words). Also the web route.
REPORT_DB=$(db_new report)
"$POK" --db "$REPORT_DB" demo --quiet >out 2>&1 || not_ok "report: demo database" "demo failed"

# The PDF's text with all white space removed: pdftotext spaces table cells by position,
# and a sentence may wrap anywhere; amounts are compared the same way.
pdf_text() { pdftotext -layout "$1" - 2>/dev/null | tr -d ' \n\t\f'; }
squeeze() { printf '%s' "$1" | tr -d ' '; }
# euro CENTS: cents as pok prints them: "€ 1.234.567" (",56" only when there are cents).
euro() {
  awk -v c="$1" 'BEGIN {
    neg = c < 0; if (neg) c = -c
    e = int(c / 100); ct = c % 100; s = ""
    while (e >= 1000) { s = sprintf(".%03d", e % 1000) s; e = int(e / 1000) }
    s = e s; if (ct) s = s sprintf(",%02d", ct)
    printf "€ %s%s", neg ? "-" : "", s }'
}

for code in GM1734 GM1773 GM0534 GM0362; do
  pdf="stand-$code.pdf"
  expect "report $code: written" 0 "$pdf geschreven" -- \
    "$POK" --db "$REPORT_DB" report "$code" --out "$pdf" --date 2026-11-23
  pdfinfo "$pdf" >info 2>&1
  pages=$(sed -n 's/^Pages: *//p' info)
  if grep -q "^Title: *Stand van zaken POK-middelen [A-Z][^()]*\$" info && grep -q '^Author: *pok$' info &&
    grep -q '^Page size: *595.* x 841.* (A4)' info && [ "${pages:-0}" -ge 2 ]; then
    ok "report $code: pdfinfo: A4, $pages pages, title and author"
  else
    not_ok "report $code: pdfinfo" "$(cat info)"
  fi
  rm -f page-*.pgm
  if ! pdftoppm -r 50 -gray "$pdf" page >out 2>&1; then
    not_ok "report $code: pdftoppm renders every page"
  elif ! python3 - "$pages" page-*.pgm >out 2>&1 <<'EOF'; then
import sys
want, names = int(sys.argv[1]), sys.argv[2:]
if len(names) != want:
    sys.exit("%d pages rendered, pdfinfo says %d" % (len(names), want))
for name in names:
    data = open(name, "rb").read()
    magic, w, h = data.split(maxsplit=3)[:3]
    if magic != b"P5":
        sys.exit(name + ": not a binary PGM")
    pixels = data[-int(w) * int(h):]  # one byte per pixel: maxval is 255
    dark = sum(1 for p in pixels if p < 160)
    if dark < 400:
        sys.exit("%s: nearly blank (%d dark pixels)" % (name, dark))
EOF
    not_ok "report $code: every page rendered and not blank"
  else
    ok "report $code: all $pages pages render with pdftoppm and are not blank"
  fi
done

# Overbetuwe read back: the coverage totals as `pok coverage --format csv` computes them.
"$POK" --db "$REPORT_DB" coverage GM1734 --format csv >ovb-report.csv
pdftotext -layout stand-GM1734.pdf ovb.txt
# the coverage section's lines, spaces removed
sed -n '/^Dekking per pot/,/^Verloop per jaar/p' ovb.txt | tr -d ' ' >ovb-coverage.txt
total_of() { awk -F, -v f="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == f) c = i; next }
  $2 == 0 { s += $c } END { print s + 0 }' ovb-report.csv; }
bad=""
for pair in "allocation_cents:Toekenning van het jaar" \
  "spending_cents:Uitgaven (begroot of gerealiseerd)" \
  "from_allocation_cents:Gedekt uit toekenning van het jaar" \
  "reserve_withdrawal_cents:Onttrekking uit reserve" "reserve_deposit_cents:Storting in reserve" \
  "unplanned_cents:Zonder bestemming"; do
  field=${pair%%:*}
  label=$(squeeze "${pair#*:}")
  want=$(squeeze "$(euro "$(total_of "$field")")")
  # the row's last cell is the Totaal column
  got=$(grep "^$label€" ovb-coverage.txt | head -1 | awk -F'€' '{ print "€" $NF }')
  [ "$got" = "$want" ] || bad="$bad ${pair#*:}: '$got' not '$want';"
done
[ -z "$bad" ] && ok "report GM1734: coverage totals equal pok coverage --format csv" ||
  not_ok "report GM1734: coverage totals" "$bad"
row_2027=$(grep '^Zonderbestemming€' ovb-coverage.txt | awk -F'€' '{ print "€" $5 }')
col_2027=$(grep '^Post' ovb-coverage.txt | sed 's/^Post//; s/Totaal$//; s/\*//g' | fold -w4 | sed -n 4p)
want=$(squeeze "$(euro "$(csv_value ovb-report.csv 0 2027 unplanned_cents)")")
[ "$row_2027" = "$want" ] && [ "$col_2027" = 2027 ] && [ "$want" = "€180.000" ] &&
  ok "report GM1734: 180.000 without destination in 2027" ||
  not_ok "report GM1734: 2027 unplanned" "row '$row_2027' column '$col_2027', expected $want"
text=$(pdf_text stand-GM1734.pdf)
missing=""
for p in "4 Bevindingen" "Klopt niet: Een totaal in een document klopt niet" "Totaal 2024" \
  "€ 596.437" "€ 634.500" "€ 38.063" \
  "pagina 1 van" "Opgesteld op 23 november 2026" "herleidbaar tot het brondocument" \
  "5 Vervolg" "Wat de evaluaties adviseren" "Jobhunter: structureel maken (beoordeeld als effectief)" \
  "Toekenning" "Uitgaven" "Reserve op 31 december" "niet uitgesplitst naar actielijn" \
  "Evaluatie: effectief; vervolg: voortzetten" "vervolg: structureel maken" "Werkgeversservicepunt"; do
  case $text in *"$(squeeze "$p")"*) ;; *) missing="$missing '$p'" ;; esac
done
# every measure pok lists, by name
"$POK" --db "$REPORT_DB" measure list GM1734 |
  sed -n 's/^ *[0-9][0-9]*  \(.*[^ ]\)  *\(gepland\|lopend\|afgerond\|gestopt\)  .*/\1/p' >names
[ "$(wc -l <names)" -ge 5 ] || missing="$missing (measure list gave $(wc -l <names) names)"
while IFS= read -r name; do
  case $text in *"$(squeeze "$name")"*) ;; *) missing="$missing '$name'" ;; esac
done <names
[ -z "$missing" ] && ok "report GM1734: findings, measures, evaluations, chart legend, colophon" ||
  not_ok "report GM1734: text read back" "missing:$missing"

# Hillegom's unexplained 17.359 and Amstelveen's request: the findings of pok check.
text=$(pdf_text stand-GM0534.pdf)
case $text in *"Nietbesteed,onverklaard"*"€17.359"*) ok "report GM0534: unexplained 17.359" ;;
  *) not_ok "report GM0534: unexplained 17.359" ;; esac
# Olst-Wijhe's pots run 2021-2029: too wide for A4, so the years are split over blocks;
# every pot's Totaal column must still be there (nothing clipped).
"$POK" --db "$REPORT_DB" coverage GM1773 --format csv >ow-report.csv
pdftotext -layout stand-GM1773.pdf - | sed -n '/^Dekking per pot/,/^Verloop per jaar/p' |
  tr -d ' \n' >ow-coverage.txt
bad=""
for pot in $(awk -F, 'NR > 1 { print $2 }' ow-report.csv | sort -u); do
  want=$(squeeze "$(euro "$(awk -F, -v p="$pot" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "allocation_cents") c = i; next }
    $2 == p { s += $c } END { print s + 0 }' ow-report.csv)")")
  grep -qF "Toekenningvanhetjaar" ow-coverage.txt && grep -qF "$want" ow-coverage.txt || bad="$bad pot $pot total $want;"
done
for y in 2021 2025 2029; do grep -qF "$y" ow-coverage.txt || bad="$bad year $y;"; done
text=$(pdf_text stand-GM1773.pdf)
case $text in *"2.Rechtsbescherming"*"€149.000"*"Pot:"*"Pot:"*) ;; *) bad="$bad actielijn totals or pots;" ;; esac
[ -z "$bad" ] && ok "report GM1773: two pots, 2021-2029 split over blocks, totals kept" ||
  not_ok "report GM1773: wide tables" "$bad"

# Page 1 is the letter's first page: the letter head, the five key figures (read in the
# order they are drawn: label, amount, note) and the key messages in sentences.
# Overbetuwe's figures come from pok coverage: totaal beschikbaar = the reserve at 1 January
# of the first year plus the allocations (459.500 + 715.000, as the issue expects).
first_reserve=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
  NR == 2 { print $h["reserve_start_cents"] }' ovb-report.csv)
available=$(euro $((first_reserve + $(total_of allocation_cents))))
page1=$(pdftotext -f 1 -l 1 -raw stand-GM1734.pdf - | tr -d ' \n\t\f')
missing=""
for p in "Raadsinformatiebrief" "Aan de gemeenteraad van Overbetuwe" \
  "Van het college van burgemeester en wethouders" "Datum 23 november 2026" \
  "Kerncijfers 2024-2027" "Totaal beschikbaar $available" "€ 1.174.500" \
  "Begroot $(euro "$(total_of spending_cents)")" "Gerealiseerd € 0" "Zonder bestemming € 180.000" \
  "Reserve € 180.000 op 31 december 2027" "Kernboodschappen" "Waar gaat het om?" \
  "Overbetuwe heeft voor 2024-2027 € 715.000 toegekend gekregen" \
  "Met de reserve van € 459.500 aan het begin van 2024 is er in totaal € 1.174.500 beschikbaar" \
  "Hoeveel is er gebruikt?" "Voor de maatregelen is € 994.500 begroot" \
  "Wat heeft nog geen bestemming?" "€ 180.000 heeft nog geen bestemming (2027)" \
  "Wat vraagt een besluit?" "Een bestemming voor de € 180.000 zonder bestemming (2027)" \
  "Het afsluiten van 2024 en 2025"; do
  case $page1 in *"$(squeeze "$p")"*) ;; *) missing="$missing '$p'" ;; esac
done
# the first section starts on page 2
case $page1 in *"1Financieeloverzicht"[!-]*) missing="$missing (section 1 on page 1)" ;; esac
[ -z "$missing" ] && ok "report GM1734: page 1 holds the letter head, the key figures and key messages" ||
  not_ok "report GM1734: page 1" "missing:$missing" "$(pdftotext -f 1 -l 1 -raw stand-GM1734.pdf - | head -40)"
# page 1 rendered is a real page: ink over much of its height and the tiles' grey fill
rm -f first-*.pgm
pdftoppm -r 50 -gray -f 1 -l 1 stand-GM1734.pdf first >out 2>&1
if python3 - first-*.pgm >out 2>&1 <<'EOF'; then
import sys
data = open(sys.argv[1], "rb").read()
magic, w, h = data.split(maxsplit=3)[:3]
w, h = int(w), int(h)
pixels = data[-w * h:]
rows = sum(1 for y in range(h) if any(p < 160 for p in pixels[y * w:(y + 1) * w]))
dark = sum(1 for p in pixels if p < 160)
tinted = sum(1 for p in pixels if 200 < p < 245)
if rows < h // 4 or dark < 3000 or tinted < 2000:
    sys.exit("page 1: %d rows with ink of %d, %d dark and %d tinted pixels" % (rows, h, dark, tinted))
EOF
  ok "report GM1734: page 1 renders as a full page with the key figures' tiles"
else
  not_ok "report GM1734: page 1 renders as a full page" "$(cat out)"
fi

# Amstelveen: the decisions and the declined request of the ombudsman with its outcome,
# in section 2 and among the key messages of page 1.
text=$(pdf_text stand-GM0362.pdf)
page1=$(pdftotext -f 1 -l 1 -raw stand-GM0362.pdf - | tr -d ' \n\t\f')
missing=""
for p in "2 Besluiten en verzoeken" "15 maart 2022, het college" "28 mei 2024, het college" \
  "Verzoek van Ombudsman Metropool Amsterdam, brief van 24 april 2024" \
  "Uitkomst: afgewezen door het college op 28 mei 2024"; do
  case $text in *"$(squeeze "$p")"*) ;; *) missing="$missing '$p'" ;; esac
done
want=$(squeeze "Het verzoek van Ombudsman Metropool Amsterdam om een deel van het geld is afgewezen door het college op 28 mei 2024")
case $page1 in *"$want"*) ;; *) missing="$missing (page 1: the declined request)" ;; esac
[ -z "$missing" ] && ok "report GM0362: the ombudsman's declined request with its decision" ||
  not_ok "report GM0362: decisions and requests" "missing:$missing"

# No internal words in any report: no check code (those the demo's findings have, and any
# snake_case word), no amount field, path, command line, option or CBS code, none of the
# old "[fout]" markers. The reader is a council member.
"$POK" --db "$REPORT_DB" check --format json >checks.json 2>/dev/null || true
codes=$(sed -n 's/^ *"kind": "\([a-z_]*\)".*/\1/p' checks.json | sort -u | paste -sd'|' -)
commands='check|coverage|allocation|measure|report|audit|export|serve|source|demo|import|ledger'
commands="$commands|reserve|decision|request|evaluation|year|stated|pot|user|municipality"
bad=""
for code in GM1734 GM1773 GM0534 GM0362; do
  pdftotext -layout "stand-$code.pdf" words.txt
  found=$(grep -o -E "${codes:+($codes)|}[a-z]+_[a-z]+|docs/|seeds/|/gemeente/|GM[0-9]{4}|\[(fout|waarschuwing|info)\]|pok ($commands)|--[a-z]+" words.txt | head -5)
  [ -n "$found" ] && bad="$bad $code: $(echo $found);"
done
[ -n "$codes" ] && [ -z "$bad" ] && ok "report: no internal words in any report (checked for $codes)" ||
  not_ok "report: internal words" "${bad:-no check codes read}"

# Page numbers count the pages; the outline has the five sections after the first page.
pages=$(pdfinfo stand-GM1734.pdf | sed -n 's/^Pages: *//p')
case $(pdf_text stand-GM1734.pdf) in *"pagina${pages}van${pages}"*) ok "report: pagina N van $pages" ;;
  *) not_ok "report: pagina N van $pages" ;; esac
n_outline=$(grep -a -c -e '/Title (1 Financieel overzicht)' -e '/Title (2 Besluiten en verzoeken)' \
  -e '/Title (3 Maatregelen en evaluaties)' -e '/Title (4 Bevindingen)' -e '/Title (5 Vervolg)' stand-GM1734.pdf)
[ "$n_outline" = 5 ] && ok "report: outline entry per section" || not_ok "report: outline entry per section" "$n_outline of 5"

# The same data and date give the same bytes.
"$POK" --db "$REPORT_DB" report GM1734 --out again.pdf --date 2026-11-23 >out 2>&1
cmp -s again.pdf stand-GM1734.pdf && ok "report: reproducible with --date" ||
  not_ok "report: reproducible with --date"

# Errors: clear, and no file.
expect "report: unknown municipality" 1 "onbekende gemeente 'GM9999'" -- \
  "$POK" --db "$REPORT_DB" report GM9999 --out unknown.pdf
[ ! -e unknown.pdf ] && ok "report: no file for an unknown municipality" ||
  not_ok "report: no file for an unknown municipality"
expect "report: missing directory" 1 "kan 'geen-map/stand.pdf' niet schrijven" "de map bestaat niet" -- \
  "$POK" --db "$REPORT_DB" report GM1734 --out geen-map/stand.pdf
[ ! -e geen-map ] && ok "report: no directory made" || not_ok "report: no directory made"
expect "report: bad date" 1 "veld 'date'" "JJJJ-MM-DD" -- \
  "$POK" --db "$REPORT_DB" report GM1734 --out bad.pdf --date 23-11-2026
expect "report: --out is required" 1 "veld 'out'" -- "$POK" --db "$REPORT_DB" report GM1734
if [ -e bad.pdf ] || ls | grep -q '\.tmp-'; then not_ok "report: no temporary files left"; else
  ok "report: no temporary files left"; fi

# The web: GET /gemeente/CODE/stand.pdf and the link on the municipality page.
: >report-serve.out
"$POK" --db "$REPORT_DB" serve --port 0 >report-serve.out 2>&1 &
report_pid=$!
report_url=""
tries=0
while [ -z "$report_url" ] && [ $tries -lt 300 ] && kill -0 "$report_pid" 2>/dev/null; do
  report_url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' report-serve.out)
  [ -z "$report_url" ] && sleep 0.1
  tries=$((tries + 1))
done
if [ -z "$report_url" ]; then
  not_ok "report: serve starts" "$(cat report-serve.out)"
else
  code=$(curl -s --max-time 30 -D headers -o web.pdf -w '%{http_code}' "${report_url}gemeente/GM1734/stand.pdf")
  if [ "$code" = 200 ] && grep -qi '^Content-Type: application/pdf' headers &&
    grep -qi '^Content-Disposition: attachment; filename="stand-GM1734-' headers &&
    grep -qi '^Cache-Control: no-store' headers &&
    pdfinfo web.pdf 2>/dev/null | grep -q '^Title: *Stand van zaken POK-middelen Overbetuwe'; then
    ok "report: GET /gemeente/GM1734/stand.pdf is the PDF"
  else
    not_ok "report: GET /gemeente/GM1734/stand.pdf" "HTTP $code" "$(cat headers)"
  fi
  code=$(curl -s --max-time 30 -o body -w '%{http_code}' "${report_url}gemeente/GM9999/stand.pdf")
  [ "$code" = 404 ] && ok "report: unknown municipality's PDF is 404" ||
    not_ok "report: unknown municipality's PDF is 404" "HTTP $code"
  curl -s --max-time 30 -o body "${report_url}gemeente/GM1734"
  grep -qF '<a href="/gemeente/GM1734/stand.pdf">Stand van zaken (PDF)</a>' body &&
    ok "report: the municipality page links the PDF" ||
    not_ok "report: the municipality page links the PDF"
  kill "$report_pid" 2>/dev/null
  wait "$report_pid" 2>/dev/null
fi
