# pok report: the PDF "Stand van zaken POK-middelen" of each demo municipality, read back
# with poppler: pdfinfo (a PDF, pages, title), pdftoppm -gray (every page renders, is not
# blank) and pdftotext (the engine's figures are in it). Also the web route.
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
  if grep -q "^Title: *Stand van zaken POK-middelen .*($code)\$" info && grep -q '^Author: *pok$' info &&
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
sed -n '/^2 Dekking per pot/,/^3 Verloop per jaar/p' ovb.txt | tr -d ' ' >ovb-coverage.txt
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
for p in "5 Bevindingen" "[fout]" "Totaal 2024" "€ 596.437" "€ 634.500" "€ 38.063" \
  "pagina 1 van" "Gemaakt met pok op 23 november 2026" "herleidbaar tot de bron" \
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
pdftotext -layout stand-GM1773.pdf - | sed -n '/^2 Dekking per pot/,/^3 Verloop per jaar/p' |
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

# Page numbers count the pages; the outline has the five sections.
pages=$(pdfinfo stand-GM1734.pdf | sed -n 's/^Pages: *//p')
case $(pdf_text stand-GM1734.pdf) in *"pagina${pages}van${pages}"*) ok "report: pagina N van $pages" ;;
  *) not_ok "report: pagina N van $pages" ;; esac
n_outline=$(grep -a -c -e '/Title (1 Toekenningen)' -e '/Title (2 Dekking per pot)' -e '/Title (3 Verloop per jaar)' \
  -e '/Title (4 Maatregelen)' -e '/Title (5 Bevindingen)' stand-GM1734.pdf)
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
