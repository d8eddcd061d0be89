# pok harvest: open data packages of two separate pok databases into a third, the
# national store, give the coverage of one database holding all four municipalities, to
# the cent; the same package twice changes nothing; a newer one is the next version; a
# damaged package is refused naming file, line and field, and nothing is stored.
HVA=$(db_new harvest_a)
HVB=$(db_new harvest_b)
HVN=$(db_new harvest_n)
"$POK" --db "$HVA" demo --quiet >/dev/null 2>&1
# B is a pok database of its own, with a municipality that publishes nothing
"$POK" --db "$HVB" demo --quiet >/dev/null 2>&1
"$POK" --db "$HVB" source add --title "Raadsvoorstel Groningen" --kind raadsvoorstel --municipality GM0014 >/dev/null
"$POK" --db "$HVB" measure add GM0014 "Proef" >/dev/null
"$POK" --db "$HVN" init >/dev/null
"$POK" --db "$HVN" import municipalities "$HERE/../../data/reference/cbs_gemeenten_2025_codes.csv" >/dev/null
# the national store's own reference figures (harvest leaves inhabitants alone)
src=$("$POK" --db "$HVN" source add --title "CBS Kerncijfers wijken en buurten 2021 (tabel 85039NED)" \
  --kind statistiek | sed -n 's/^bron \([0-9]*\) .*/\1/p')
"$POK" --db "$HVN" import inhabitants "$HERE/../../data/reference/kwb2021_gemeente_inwoners.csv" \
  --year 2021 --source "$src" >/dev/null
mkdir -p hv hv2
for c in GM1734 GM1773; do "$POK" --db "$HVA" export datapackage hv/$c --municipality $c >/dev/null; done
for c in GM0534 GM0362; do "$POK" --db "$HVB" export datapackage hv/$c --municipality $c >/dev/null; done
# a damaged package first: refused, and the national store unchanged
db_dump "$HVN" >hv-before.sql
damage() { rm -rf hv-bad && cp -r hv/GM1734 hv-bad; }
# rehash FILE: list the file's new size and SHA-256 in datapackage.json
rehash() {
  python3 - "$1" <<'PY'
import hashlib, json, os, sys
path = sys.argv[1]
d = os.path.dirname(path)
pkg = json.load(open(os.path.join(d, "datapackage.json")))
for r in pkg["resources"]:
    if r["path"] == os.path.basename(path):
        data = open(path, "rb").read()
        r["bytes"] = len(data)
        r["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
json.dump(pkg, open(os.path.join(d, "datapackage.json"), "w"), indent=2)
PY
}
damage
sed -i '2s/,1,1,/,1,9,/' hv-bad/toekenningen.csv
sed -i '2s/17500000/17500001/' hv-bad/toekenningen.csv
expect "harvest refuses a resource whose hash differs" 1 "hv-bad/toekenningen.csv: SHA-256" \
  "beschadigd of gewijzigd" -- "$POK" --db "$HVN" harvest hv-bad
damage
rm hv-bad/potten.csv
expect "harvest refuses a package with a missing CSV" 1 "hv-bad/potten.csv" "kan het bestand niet lezen" \
  -- "$POK" --db "$HVN" harvest hv-bad
damage
sed -i '3s/^\([0-9]*,[0-9]*,[0-9]*,[a-z]*,\)[0-9]*/\1EUR 12.50/' hv-bad/bedragen.csv
rehash hv-bad/bedragen.csv
expect "harvest refuses a bad amount naming file, line and field" 1 \
  "hv-bad/bedragen.csv, regel 3, veld 'bedrag_cents': verwacht een bedrag in hele eurocenten" \
  -- "$POK" --db "$HVN" harvest hv-bad
damage
sed -i 's/^GM1734,/GM9999,/' hv-bad/gemeenten.csv
rehash hv-bad/gemeenten.csv
expect "harvest refuses an unknown municipality" 1 \
  "hv-bad/gemeenten.csv, regel 2, veld 'code': onbekende gemeente 'GM9999'" \
  -- "$POK" --db "$HVN" harvest hv-bad
damage
head -c 2000 hv/GM1734/datapackage.json >hv-bad/datapackage.json
expect "harvest refuses truncated JSON" 1 "hv-bad/datapackage.json, regel" "geen geldige JSON" \
  -- "$POK" --db "$HVN" harvest hv-bad
damage
sed -i '2s/,GM1734,/,GM1773,/' hv-bad/maatregelen.csv
rehash hv-bad/maatregelen.csv
expect "harvest refuses a record of a municipality the package does not hold" 1 \
  "hv-bad/maatregelen.csv, regel 2, veld 'gemeente': gemeente 'GM1773' staat niet in gemeenten.csv" \
  -- "$POK" --db "$HVN" harvest hv-bad
db_dump "$HVN" >hv-after.sql
if cmp -s hv-before.sql hv-after.sql; then ok "harvest: a refused package stores nothing"; else
  not_ok "harvest: a refused package stores nothing" "$(diff hv-before.sql hv-after.sql | head -5)"; fi

expect "harvest reads the packages of a directory" 0 "GM1734: pakket pok-gm1734" "geoogst als versie 1" \
  "GM0362: pakket pok-gm0362" "SHA-256" -- "$POK" --db "$HVN" harvest hv
same=1
for c in GM1734 GM1773 GM0534 GM0362; do
  "$POK" --db "$HVA" coverage $c --format json >hv-a-$c.json
  "$POK" --db "$HVN" coverage $c --format json >hv-n-$c.json
  cmp -s hv-a-$c.json hv-n-$c.json || same=0
done
# the national store numbers the records itself: Overbetuwe's measures come after others
if [ "$(db_query "select min(id) from measure where municipality = 'GM1734'" "$HVA")" != \
  "$(db_query "select min(id) from measure where municipality = 'GM1734'" "$HVN")" ]; then
  ok "harvest: the records get this store's ids"
else
  not_ok "harvest: the records get this store's ids"
fi
if [ $same = 1 ]; then ok "harvest: every municipality's coverage equals one database holding all four"; else
  not_ok "harvest: every municipality's coverage equals one database holding all four" \
    "$(diff hv-a-GM1773.json hv-n-GM1773.json | head -5)"; fi
# the national monitor of the harvested store is that of one database holding all four
# (the same sharing levels, from the packages)
"$POK" --db "$HVA" monitor --format json >hv-mon-a.json
"$POK" --db "$HVN" monitor --format json >hv-mon-n.json
if python3 - hv-mon-a.json hv-mon-n.json <<'PY'
import json, sys
a, n = (json.load(open(f)) for f in sys.argv[1:])
for d in (a, n):
    d.pop("municipalities")  # every municipality in the store, sharing or not
    for m in d["municipalities_by_name"]:
        m.pop("missing"); m.pop("complete_bp")  # ids and closed years differ by design
sys.exit(0 if a == n and a["years"] else 1)
PY
then ok "harvest: the national figures equal those of one database holding all four"; else
  not_ok "harvest: the national figures equal those of one database holding all four"; fi
# the checks find the same, with this store's ids
for c in GM1734 GM1773 GM0534 GM0362; do
  "$POK" --db "$HVA" check $c --format json >hv-ca-$c.json
  "$POK" --db "$HVN" check $c --format json >hv-cn-$c.json
done
if python3 - >out 2>&1 <<'PY'
import json
for c in ["GM1734", "GM1773", "GM0534", "GM0362"]:
    def findings(db):
        f = json.load(open("hv-c%s-%s.json" % (db, c)))["findings"]
        for x in f:
            x.pop("record_id")
            if x.get("source"):
                x["source"].pop("id")
        return f
    a, n = findings("a"), findings("n")
    assert a == n and a, (c, a, n)
PY
then ok "harvest: the checks find the same in the national store"; else
  not_ok "harvest: the checks find the same in the national store"; fi
expect "harvested figures cite the package, its hash and its date" 0 "open data" "Open-datapakket pok-gm1734" \
  -- "$POK" --db "$HVN" source list GM1734
n=$(db_query "select count(*) from source where municipality = 'GM1734' and kind = 'open data' and note like '%pok-gm1734%' and note like '%SHA-256%'" "$HVN")
uncited=$(db_query "select count(*) from allocation where municipality = 'GM1734' and source_id not in (select id from source where kind = 'open data')" "$HVN")
if [ "$n" -gt 1 ] && [ "$uncited" = 0 ]; then ok "harvest: every allocation cites an open data source"; else
  not_ok "harvest: every allocation cites an open data source" "sources $n, uncited $uncited"; fi
expect_rows "harvest records each package with its hash, date, version and level" \
  "GM1734|pok-gm1734|1|3" "GM0362|pok-gm0362|1|3" "GM0534|pok-gm0534|1|3" \
  -- db_query "select municipality, name, version, sharing_level from harvest_package" "$HVN"

audit=$(db_query "select count(*) from audit" "$HVN")
db_dump "$HVN" >hv-before.sql
expect "harvest: the same package again changes nothing" 0 "al geoogst als versie 1; niets gewijzigd" \
  -- "$POK" --db "$HVN" harvest hv/GM1734 hv/GM0534/datapackage.json
db_dump "$HVN" >hv-after.sql
if [ "$(db_query "select count(*) from audit" "$HVN")" = "$audit" ] && cmp -s hv-before.sql hv-after.sql; then
  ok "harvest twice: audit trail and store unchanged"; else not_ok "harvest twice: audit trail and store unchanged"; fi

# a newer package of GM1734: the next version, the coverage follows, the old row stays
"$POK" --db "$HVA" measure plan 1 2027 12.345 >/dev/null
SOURCE_DATE_EPOCH=$(($(date +%s) + 86400)) "$POK" --db "$HVA" export datapackage hv2/GM1734 --municipality GM1734 >/dev/null
expect "harvest: a newer package replaces the older as version 2" 0 "geoogst als versie 2 (vervangt de vorige)" \
  -- "$POK" --db "$HVN" harvest hv2/GM1734
"$POK" --db "$HVA" coverage GM1734 --format json >hv-a.json
"$POK" --db "$HVN" coverage GM1734 --format json >hv-n.json
if cmp -s hv-a.json hv-n.json; then ok "harvest: version 2 gives the new coverage"; else not_ok "harvest: version 2 gives the new coverage"; fi
expect_rows "harvest: both versions are in the provenance, deletions audited with the package" "2" "1" \
  -- db_query "select count(*) from harvest_package where municipality = 'GM1734' union all select case when count(*) > 0 then 1 else 0 end from audit where municipality = 'GM1734' and action = 'delete' and reason like 'vervangen door open-datapakket pok-gm1734%'" "$HVN"
expect "harvest refuses an older package than the one harvested" 1 "is ouder dan versie 2 van GM1734" \
  -- "$POK" --db "$HVN" harvest hv/GM1734

# records changed directly in the national store are not overwritten without --replace
m=$(db_query "select min(id) from measure where municipality = 'GM1773'" "$HVN")
"$POK" --db "$HVN" measure plan "$m" 2027 1 >/dev/null
SOURCE_DATE_EPOCH=$(($(date +%s) + 86400)) "$POK" --db "$HVA" export datapackage hv2/GM1773 --municipality GM1773 --force >/dev/null
sed -i 's/"maatregelen"$/"anoniem"/; s/"GM1773": "maatregelen"/"GM1773": "anoniem"/' hv2/GM1773/datapackage.json
expect "harvest refuses to overwrite changes made directly" 1 "GM1773 is na de oogst van versie 1" "--replace" \
  -- "$POK" --db "$HVN" harvest hv2/GM1773
expect "harvest --replace overwrites them" 0 "GM1773: pakket pok-gm1773" "versie 2" "delen: anoniem" \
  -- "$POK" --db "$HVN" harvest hv2/GM1773 --replace
expect "harvest refuses a store whose own records were entered directly" 1 "rechtstreeks in deze database zijn ingevoerd" \
  -- "$POK" --db "$HVA" harvest hv/GM0534
# without a level in the package: cijfers; --share overrides
python3 - hv/GM0362/datapackage.json <<'PY'
import json, sys
p = json.load(open(sys.argv[1])); del p["delen"]; json.dump(p, open(sys.argv[1], "w"))
PY
expect "harvest: a package without a level shares figures by name" 0 "delen: cijfers" \
  -- "$POK" --db "$HVN" harvest hv/GM0362 --dry-run
expect "harvest --share sets the level" 0 "delen: anoniem" -- "$POK" --db "$HVN" harvest hv/GM0362 --share anoniem
expect "harvest --share refuses an unknown level" 1 "veld 'share'" -- "$POK" --db "$HVN" harvest hv/GM0362 --share alles
