# pok demo --synthetic-national: the generated national set (docs/demo.md), on SQLite and,
# under POK_TEST_PG, on PostgreSQL (where it is made in SQLite and copied).
REAL=$(db_new synreal)
"$POK" --db "$REAL" demo --quiet
SYN=$(db_new syn)
expect "synthetic national set loads" 0 "342 gemeenten" "gegenereerd (zaad 20211214, schaal 1): 338 gemeenten" \
  "Let op: deze cijfers zijn gegenereerd voor demonstratie en belasting, niet echt" \
  -- "$POK" --db "$SYN" demo --synthetic-national
grep '^totaal gegenereerd' out >totals1
expect "synthetic set refuses a database with data" 1 "bevat al gegevens" -- "$POK" --db "$SYN" demo --synthetic-national
expect "--scale without --synthetic-national is refused" 1 "horen bij --synthetic-national" \
  -- "$POK" --db "$(db_new synbad)" demo --scale 2
expect "--scale beyond the free codes is refused" 1 "hoogstens 29" \
  -- "$POK" --db "$(db_new synbad2)" demo --synthetic-national --scale 30

n=$(db_query "select count(distinct municipality) from allocation" "$SYN")
[ "$n" = 342 ] && ok "342 municipalities with allocations" || not_ok "342 municipalities with allocations" "got $n"
n=$(db_query "select count(*) from municipality_generated" "$SYN")
[ "$n" = 338 ] && ok "338 municipalities marked generated" || not_ok "338 municipalities marked generated" "got $n"
n=$(db_query "select count(*) from municipality_generated where municipality in ('GM1734','GM1773','GM0534','GM0362')" "$SYN")
[ "$n" = 0 ] && ok "the four seeds are not marked generated" || not_ok "the four seeds are not marked generated" "got $n"
n=$(db_query "select count(distinct a.municipality) from allocation a where a.municipality not in ('GM1734','GM1773','GM0534','GM0362') and not exists (select 1 from municipality_generated g where g.municipality = a.municipality)" "$SYN")
[ "$n" = 0 ] && ok "every municipality with generated figures is marked" || not_ok "every municipality with generated figures is marked" "got $n"
n=$(db_query "select count(*) from allocation a join source s on s.id = a.source_id where s.kind <> 'gegenereerd' and a.municipality in (select municipality from municipality_generated)" "$SYN")
[ "$n" = 0 ] && ok "generated allocations cite the generated source" || not_ok "generated allocations cite the generated source" "got $n"
n=$(db_query "select count(*) from audit where actor = 'demo (gegenereerd)' and table_name = 'allocation'" "$SYN")
[ "$n" -gt 6000 ] 2>/dev/null && ok "generated records are audited" || not_ok "generated records are audited" "got $n"
n=$(db_query "select count(distinct level) from municipality_sharing" "$SYN")
[ "$n" = 3 ] && ok "sharing levels spread (niets has no row)" || not_ok "sharing levels spread" "got $n"
n=$(db_query "select count(*) from closed_year" "$SYN")
[ "$n" -gt 100 ] 2>/dev/null && ok "some years closed" || not_ok "some years closed" "got $n"

for code in GM1734 GM1773 GM0534 GM0362; do
  "$POK" --db "$REAL" coverage $code --format json >before.json
  "$POK" --db "$SYN" coverage $code --format json >after.json
  if cmp -s before.json after.json; then ok "$code coverage unchanged"; else not_ok "$code coverage unchanged"; fi
done
"$POK" --db "$SYN" check GM0014 >out 2>&1
# deliberately incomplete: some municipality has an ended measure without evaluation
n=$(db_query "select count(*) from measure m where m.status in ('afgerond','gestopt') and m.municipality in (select municipality from municipality_generated) and not exists (select 1 from evaluation e where e.measure_id = m.id)" "$SYN")
[ "$n" -gt 0 ] 2>/dev/null && ok "some ended measures lack an evaluation" || not_ok "some ended measures lack an evaluation" "got $n"

serve_start "$SYN" serve.out --open
if [ -z "$serve_url" ]; then
  not_ok "serve the synthetic set" "no address"
else
  WARN="Let op: deze cijfers zijn gegenereerd voor demonstratie en belasting, niet echt"
  curl -s "${serve_url}gemeente/GM0014" >page.html
  grep -qF "$WARN" page.html && ok "banner on a generated municipality's page" || not_ok "banner on a generated municipality's page"
  curl -s "${serve_url}gemeente/GM1734" >page.html
  grep -qF "$WARN" page.html && not_ok "no banner on a seed's page" || ok "no banner on a seed's page"
  curl -s "${serve_url}" >page.html
  grep -qF "$WARN" page.html && ok "banner on the start page" || not_ok "banner on the start page"
  curl -s "${serve_url}gemeente/GM0014/export.json" >export.json
  grep -qF '"gegenereerd": true' export.json && ok "JSON export carries gegenereerd" || not_ok "JSON export carries gegenereerd"
  curl -s "${serve_url}gemeente/GM1734/export.json" >export.json
  grep -qF '"gegenereerd": true' export.json && not_ok "a seed's JSON export has no gegenereerd" || ok "a seed's JSON export has no gegenereerd"
  curl -s "${serve_url}api/v2/gemeenten/GM0014/dekking" >api.json
  grep -qF '"gegenereerd": true' api.json && ok "API coverage carries gegenereerd" || not_ok "API coverage carries gegenereerd"
  curl -s "${serve_url}gemeente/GM0014/dekking.csv" | sed -n 1p >first.csv
  grep -qF "# $WARN" first.csv && ok "CSV download starts with the mark" || not_ok "CSV download starts with the mark"
  serve_stop "$serve_pid"
fi

SYN2=$(db_new syn2)
"$POK" --db "$SYN2" demo --synthetic-national | grep '^totaal gegenereerd' >totals2
if [ -s totals1 ] && cmp -s totals1 totals2; then ok "the same seed gives the same totals"; else not_ok "the same seed gives the same totals"; fi
SYN3=$(db_new syn3)
"$POK" --db "$SYN3" demo --synthetic-national --seed 7 | grep '^totaal gegenereerd' >totals3
if cmp -s totals1 totals3; then not_ok "another seed gives other totals"; else ok "another seed gives other totals"; fi

SYN10=$(db_new syn10)
expect "--scale 10" 0 "3416 gemeenten (waarvan 3078 extra)" -- "$POK" --db "$SYN10" demo --synthetic-national --scale 10
n=$(db_query "select count(distinct municipality) from allocation" "$SYN10")
[ "$n" = 3420 ] && ok "--scale 10 gives 3,420 municipalities with allocations" || not_ok "--scale 10 gives 3,420 municipalities" "got $n"
n=$(db_query "select count(*) from municipality where name like '%(gegenereerd)' and code in (select municipality from municipality_generated)" "$SYN10")
[ "$n" = 3078 ] && ok "extra municipalities are named and marked generated" || not_ok "extra municipalities are named and marked generated" "got $n"

# the municipal data package says which figures are generated, and a national store that
# harvests it keeps them marked
"$POK" --db "$SYN" export datapackage syn-pk --municipality GM0014 >/dev/null
python3 -c "import json; d=json.load(open('syn-pk/datapackage.json')); assert d['gegenereerd'] == ['GM0014']" &&
  ok "the data package lists the generated municipality" || not_ok "the data package lists the generated municipality"
SYNH=$(db_new synharvest)
"$POK" --db "$SYNH" init >/dev/null
"$POK" --db "$SYNH" import municipalities "$HERE/../../data/reference/cbs_gemeenten_2025_codes.csv" >/dev/null
"$POK" --db "$SYNH" harvest syn-pk >/dev/null
n=$(db_query "select count(*) from municipality_generated where municipality = 'GM0014'" "$SYNH")
[ "$n" = 1 ] && ok "harvested generated figures stay marked" || not_ok "harvested generated figures stay marked" "got $n"
# the council PDF and the spreadsheet of a generated municipality say so; a seed's do not
"$POK" --db "$SYN" report GM0014 --out syn.pdf >/dev/null
"$POK" --db "$SYN" report GM1734 --out real.pdf >/dev/null
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext syn.pdf - | tr -s ' \n' ' ' | grep -q "cijfers zijn gegenereerd" &&
    ! pdftotext real.pdf - | tr -s ' \n' ' ' | grep -q "gegenereerd" &&
    ok "the PDF of a generated municipality says so, a seed's not" ||
    not_ok "the PDF of a generated municipality says so, a seed's not"
fi
"$POK" --db "$SYN" export xlsx GM0014 --out syn.xlsx >/dev/null
unzip -p syn.xlsx xl/sharedStrings.xml | grep -q "gegenereerd" &&
  ok "the spreadsheet of a generated municipality says so" ||
  not_ok "the spreadsheet of a generated municipality says so"
