# pok monitor on the synthetic national set (issue 15): the national figures equal
# independent SQL over the same data, nobody sharing less than by name appears by name
# in the open data, and the national pages render (SQLite, and PostgreSQL under
# POK_TEST_PG).
NAT=$(db_new monitor)
"$POK" --db "$NAT" demo --synthetic-national --quiet >/dev/null 2>&1 || "$POK" --db "$NAT" demo --synthetic-national >/dev/null
"$POK" --db "$NAT" monitor --format json >nat.json 2>out
[ -s nat.json ] && ok "pok monitor --format json" || not_ok "pok monitor --format json"

CURRENT="a.version = (SELECT max(b.version) FROM allocation b WHERE b.municipality = a.municipality AND b.scheme_id = a.scheme_id AND COALESCE(b.actielijn_id, 0) = COALESCE(a.actielijn_id, 0) AND b.year = a.year AND b.year_to = a.year_to)"
SHARING="JOIN municipality_sharing sh ON sh.municipality = a.municipality AND sh.level >= 1"
# per actielijn (0: none or several) and year: the sum and the municipalities it rests on
LINE="COALESCE((SELECT l.number FROM actielijn l WHERE l.id = a.actielijn_id), 0)"
db_query "SELECT a.year, $LINE, sum(a.amount_cents), count(DISTINCT a.municipality) FROM allocation a $SHARING WHERE a.year = a.year_to AND a.year BETWEEN 2021 AND 2027 AND $CURRENT GROUP BY a.year, $LINE ORDER BY a.year, $LINE" "$NAT" | tr '|' ' ' >sql_alloc
MLINE="CASE WHEN (SELECT count(*) FROM measure_actielijn x WHERE x.measure_id = m.id) = 1 THEN (SELECT l.number FROM measure_actielijn x JOIN actielijn l ON l.id = x.actielijn_id WHERE x.measure_id = m.id) ELSE 0 END"
db_query "SELECT ma.year, $MLINE, ma.kind, sum(ma.amount_cents), count(DISTINCT m.municipality) FROM measure_amount ma JOIN measure m ON m.id = ma.measure_id JOIN municipality_sharing sh ON sh.municipality = m.municipality AND sh.level >= 1 WHERE ma.year BETWEEN 2021 AND 2027 GROUP BY ma.year, $MLINE, ma.kind ORDER BY ma.year, $MLINE, ma.kind" "$NAT" | tr '|' ' ' >sql_amounts
db_query "SELECT municipality FROM municipality_sharing WHERE level >= 2 ORDER BY municipality" "$NAT" >sql_named
# a cell of pok's is "year line sum count", or "year line hidden" when not shown
python3 - nat.json >pok_figures <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1]))
def cell(f):
    return "hidden" if f is None else "%d %d" % (f["cents"], f["municipalities"])
for y, year in enumerate(d["years"]):
    for l in d["actielijnen"]:
        n = l["actielijn"] or 0
        print("alloc", year["year"], n, cell(l["years"][y]["allocated"]))
        for kind, key in ((1, "planned"), (2, "realised")):
            print("amount", year["year"], n, kind, cell(l["years"][y][key]))
for m in d["municipalities_by_name"]:
    print("named", m["code"])
EOF2
# every cell SQL has: the same sum and count where pok shows it, fewer than 3 where not
compare() { # KIND SQLFILE
  python3 - "$1" "$2" pok_figures <<'EOF2'
import sys
kind, sqlfile, pokfile = sys.argv[1:]
pok = {}
for line in open(pokfile):
    f = line.split()
    if f[0] != kind: continue
    key = tuple(f[1:-2]) if f[-1] != "hidden" else tuple(f[1:-1])
    pok[key] = f[-2:] if f[-1] != "hidden" else "hidden"
bad, shown = [], 0
for line in open(sqlfile):
    f = line.split()
    key, total, count = tuple(f[:-2]), f[-2], int(f[-1])
    got = pok.get(key)
    if got == "hidden":
        if count >= 3: bad.append("%s hidden with %d municipalities" % (key, count))
    elif got != [total, str(count)]:
        bad.append("%s: sql %s %d, pok %s" % (key, total, count, got))
    else:
        shown += 1
print("ok %d" % shown if not bad and shown > 10 else "bad " + "; ".join(bad[:5]))
EOF2
}
r=$(compare alloc sql_alloc)
case $r in ok*) ok "allocations per actielijn and year equal SQL (${r#ok } cells shown)" ;; *) not_ok "allocations per actielijn and year equal SQL" "$r" ;; esac
r=$(compare amount sql_amounts)
case $r in ok*) ok "plans and realisations per actielijn and year equal SQL (${r#ok } cells shown)" ;; *) not_ok "plans and realisations per actielijn and year equal SQL" "$r" ;; esac
grep '^named ' pok_figures | cut -d' ' -f2 | sort >pok_named
if [ "$(wc -l <sql_named)" -gt 100 ] && cmp -s sql_named pok_named; then ok "the municipalities by name are those sharing by name"; else not_ok "the municipalities by name are those sharing by name" "sql $(wc -l <sql_named), pok $(wc -l <pok_named)"; fi

# one municipality's allocated total, by SQL and in the monitor
code=$(sed -n 10p sql_named)
want=$(db_query "SELECT sum(a.amount_cents) FROM allocation a WHERE a.municipality = '$code' AND $CURRENT" "$NAT")
got=$(python3 -c "import json,sys; print([m['allocated_cents'] for m in json.load(open('nat.json'))['municipalities_by_name'] if m['code'] == sys.argv[1]][0])" "$code")
[ -n "$want" ] && [ "$want" = "$got" ] && ok "$code allocated equals SQL" || not_ok "$code allocated equals SQL" "sql $want, pok $got"

# completeness: the ended measures without an evaluation, and the years of the scheme
# without an allocation, of every municipality sharing by name, by SQL and in the monitor
want=$(db_query "SELECT count(*) FROM measure m JOIN municipality_sharing sh ON sh.municipality = m.municipality AND sh.level >= 2 WHERE m.status IN ('afgerond', 'gestopt') AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.measure_id = m.id)" "$NAT")
got=$(python3 -c "import json; print(sum(1 for m in json.load(open('nat.json'))['municipalities_by_name'] for x in m['missing'] if x['kind'] == 'evaluation'))")
[ -n "$want" ] && [ "$want" -gt 0 ] && [ "$want" = "$got" ] && ok "completeness: ended measures without an evaluation equal SQL ($want)" ||
  not_ok "completeness: ended measures without an evaluation equal SQL" "sql $want, pok $got"
want=$(db_query "SELECT count(*) FROM municipality_sharing sh, (SELECT 2021 AS y UNION SELECT 2022 UNION SELECT 2023 UNION SELECT 2024 UNION SELECT 2025 UNION SELECT 2026 UNION SELECT 2027) years WHERE sh.level >= 2 AND NOT EXISTS (SELECT 1 FROM allocation a WHERE a.municipality = sh.municipality AND a.year <= years.y AND a.year_to >= years.y AND a.amount_cents <> 0 AND $CURRENT)" "$NAT")
got=$(python3 -c "import json; print(sum(1 for m in json.load(open('nat.json'))['municipalities_by_name'] for x in m['missing'] if x['kind'] == 'allocation'))")
[ -n "$want" ] && [ "$want" -gt 0 ] && [ "$want" = "$got" ] && ok "completeness: years without an allocation equal SQL ($want)" ||
  not_ok "completeness: years without an allocation equal SQL" "sql $want, pok $got"

# the open data never names a municipality that does not share by name
expect "pok monitor export writes the tables" 0 "4 tabellen en datapackage.json" -- "$POK" --db "$NAT" monitor export open
db_query "SELECT code FROM municipality m WHERE NOT EXISTS (SELECT 1 FROM municipality_sharing sh WHERE sh.municipality = m.code AND sh.level >= 2)" "$NAT" >hidden
leaks=0
while read -r c; do
  if grep -q "$c" open/*.csv open/datapackage.json nat.json; then leaks=$((leaks + 1)); fi
done <hidden
[ "$(wc -l <hidden)" -gt 50 ] && [ "$leaks" = 0 ] && ok "no municipality sharing less than by name appears in the open data" || not_ok "no municipality sharing less than by name appears in the open data" "$leaks of $(wc -l <hidden)"
python3 -c "import json; d=json.load(open('open/datapackage.json')); assert d['gegenereerd'] is True and len(d['resources']) == 4" && ok "the data package says the figures are generated" || not_ok "the data package says the figures are generated"
expect "pok monitor refuses an unknown table" 1 "onbekende tabel" -- "$POK" --db "$NAT" monitor --format csv --table nergens

serve_start "$NAT" serve.out --open
if [ -z "$serve_url" ]; then
  not_ok "serve the national pages" "no address"
else
  for p in landelijk landelijk/volledigheid gemeente/GM0014/vergelijking "landelijk/vergelijk?gemeente1=GM1734&gemeente2=GM0534" api/v2/landelijk; do
    s=$(curl -s -o page -w '%{http_code}' "$serve_url$p")
    [ "$s" = 200 ] && grep -q "gegenereerd\|\"generated\": true" page && ok "/$p answers, marked generated" || not_ok "/$p answers, marked generated" "status $s"
  done
  kill "$serve_pid" 2>/dev/null
  wait "$serve_pid" 2>/dev/null
fi
