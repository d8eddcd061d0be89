# pok proposal make|accept: a council document (seed 001, Olst-Wijhe's letter with its
# table of allocations per actielijn, kept in tests/read/seeds/) read into proposals for
# an empty municipality; a chosen part accepted; made again, only the rest is proposed;
# everything accepted, the allocations add up to the document's actielijn totals. A bad
# file and a file changed after make store nothing.
PROPOSAL_DOC=$HERE/../read/seeds/001_9b60cf839e529500.txt

expect "proposal: init" 0 "is klaar" -- "$POK" init
expect "proposal: municipality" 0 "opgeslagen" -- "$POK" municipality add GM1773 Olst-Wijhe
cp "$PROPOSAL_DOC" brief.txt

expect "proposal: make lists the allocations with what they change" 0 \
  "Toekenning actielijn 2, 2024: € 22.000 (p. 1, r. " \
  "Toegekend 2024, actielijn 2: € 0 wordt € 22.000" \
  "niet over te nemen: " -- "$POK" proposal make brief.txt --municipality GM1773
expect "proposal: make --out" 0 "voorstellen geschreven naar v.json" -- \
  "$POK" proposal make brief.txt --municipality GM1773 --out v.json
# the numbers of actielijn 2's allocations in the file
only=$(python3 -c '
import json, sys
d = json.load(open("v.json"))
print(",".join(str(p["number"]) for p in d["proposals"]
               if p["kind"] == "allocation" and p["actielijn"] == 2))')
if [ -n "$only" ]; then ok "proposal: the file holds actielijn 2"; else not_ok "proposal: the file holds actielijn 2"; fi
expect "proposal: accept a part" 0 "7 voorstellen opgeslagen, met het document als bron 1" -- \
  "$POK" proposal accept v.json --only "$only"
expect "proposal: the part is stored" 0 "€ 149.000" -- "$POK" allocation list GM1773
if [ "$(db_query "select count(*) from allocation where source_id = 1 and source_place like 'p. 1, r. %'")" = 7 ]; then
  ok "proposal: each allocation cites the document with page and line"
else
  not_ok "proposal: each allocation cites the document with page and line"
fi

"$POK" proposal make brief.txt --municipality GM1773 >again.txt 2>&1
if grep -q "7 voorstellen zijn eerder opgeslagen" again.txt &&
  ! grep -q "Toekenning actielijn 2," again.txt &&
  grep -q "Toekenning actielijn 3, 2021: € 5.000" again.txt; then
  ok "proposal: made again, only the rest is proposed"
else
  cp again.txt out
  not_ok "proposal: made again, only the rest is proposed"
fi

expect "proposal: accept the rest (the accepted ones are skipped)" 0 \
  "7 voorstellen waren al opgeslagen." -- "$POK" proposal accept v.json
expect "proposal: the actielijn totals of the document" 0 "€ 149.000" "€ 38.000" "€ 240.000" \
  "€ 31.000" "€ 458.000" -- "$POK" allocation list GM1773
"$POK" proposal make brief.txt --municipality GM1773 >third.txt 2>&1
if ! grep -q "Toekenning actielijn" third.txt && grep -q "eerder opgeslagen" third.txt; then
  ok "proposal: after everything is accepted nothing is proposed again"
else
  cp third.txt out
  not_ok "proposal: after everything is accepted nothing is proposed again"
fi
if [ "$(db_query "select count(*) from source_file")" = 1 ] &&
  [ "$(db_query "select count(*) from source")" = 1 ]; then
  ok "proposal: the document is one source with its file"
else
  not_ok "proposal: the document is one source with its file"
fi

# bad input: nothing stored
db_dump >before.sql
: >leeg.txt
expect "proposal: an empty file" 1 "leeg.txt: het bestand is leeg (0 bytes)" -- \
  "$POK" proposal make leeg.txt --municipality GM1773
expect "proposal: an unknown municipality" 1 "onbekende gemeente 'GM9999'" -- \
  "$POK" proposal make brief.txt --municipality GM9999
expect "proposal: not a proposals file" 1 "geen voorstellenbestand" -- \
  "$POK" proposal accept brief.txt
expect "proposal: --only takes numbers" 1 "veld 'only'" -- \
  "$POK" proposal accept v.json --only 1,x
cp "$PROPOSAL_DOC" ander.txt
"$POK" proposal make ander.txt --municipality GM1773 --out w.json >/dev/null 2>&1
echo "Totaal 2024 € 1.000" >>ander.txt
expect "proposal: a file changed after make" 1 "is gewijzigd sinds de voorstellen zijn gemaakt" -- \
  "$POK" proposal accept w.json
db_dump >after.sql
if cmp -s before.sql after.sql; then
  ok "proposal: bad input stored nothing"
else
  not_ok "proposal: bad input stored nothing" "$(diff before.sql after.sql | head -5)"
fi
