# pok read: the amounts, tables and checks of the seeds, end to end (docs/read.md).
seeds="$HERE/../read/seeds"
expect "read seed 003: the one wrong total" 0 \
  "Het totaal voor 2024 is € 596.437, maar de bedragen erboven tellen op tot € 634.500 (verschil € 38.063)." \
  "Totaal € 596.437|€180.000| € 180.000| € 180.000" -- "$POK" read "$seeds"/003_*.txt
expect "--strict exits 1 on a finding" 1 "596.437" -- "$POK" read --strict "$seeds"/003_*.txt
if run 0 "$POK" read --format json "$seeds"/003_*.txt &&
  [ "$(grep -o '"kind": *"sum"' out | wc -l)" -eq 1 ] &&
  ! grep -q '"kind": *"\(reserve\|coverage\)"' out; then
  ok "seed 003: exactly one sum finding, no reserve or coverage finding"
else
  not_ok "seed 003: exactly one sum finding, no reserve or coverage finding"
fi
for s in 000 001 002 004; do
  if run 0 "$POK" read --format json "$seeds"/${s}_*.txt &&
    ! grep -q '"kind": *"\(sum\|reserve\|coverage\)"' out; then
    ok "seed $s: no sum, reserve or coverage finding"
  else
    not_ok "seed $s: no sum, reserve or coverage finding"
  fi
done
# Olst-Wijhe's allocation table: per actielijn the rows add up to 149.000, 38.000,
# 240.000 and 31.000, actielijn 5 in 2021-2023 (what the web proposals depend on).
run 0 "$POK" read --format json "$seeds"/001_*.txt
sums=$(python3 -c '
import json, sys
d = json.load(open("out"))
s = {}
for a in d["amounts"]:
    if a["kind"] == "allocation" and a["actielijn"]:
        s[a["actielijn"]] = s.get(a["actielijn"], 0) + a["cents"] // 100
y5 = sorted(a["year"] for a in d["amounts"] if a["kind"] == "allocation" and a["actielijn"] == 5)
print(" ".join("%d=%d" % kv for kv in sorted(s.items())), y5)')
if [ "$sums" = "2=149000 3=38000 4=240000 5=31000 [2021, 2022, 2023]" ]; then
  ok "seed 001: allocations per actielijn"
else
  not_ok "seed 001: allocations per actielijn" "got: $sums"
fi
