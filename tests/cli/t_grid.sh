# The grids of pok serve over a real socket: Olst-Wijhe's allocations (actielijn x year)
# and a measure's plan and realisation as one form each. A paste fills the grid without
# saving; the confirmation step saves nothing; confirming saves exactly the changed
# cells, as new versions, in one transaction; a bad cell is 422 and saves nothing; a
# closed year of Hillegom is refused.
GRID_DB=$(db_new grid)
"$POK" --db "$GRID_DB" demo --quiet >out 2>&1 || not_ok "grid: demo database" "demo failed"
: >grid_serve.out
"$POK" --db "$GRID_DB" serve --port 0 >grid_serve.out 2>&1 &
grid_pid=$!
grid_url=""
tries=0
while [ -z "$grid_url" ] && [ $tries -lt 300 ] && kill -0 "$grid_pid" 2>/dev/null; do
  grid_url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' grid_serve.out)
  [ -z "$grid_url" ] && sleep 0.1
  tries=$((tries + 1))
done

grid_rows() { db_query "select (select count(*) from allocation) || '/' || (select count(*) from measure_amount) || '/' || (select count(*) from audit)" "$GRID_DB"; }
# grid_allocation ACTIELIJN YEAR: "cents version" of GM1773's current allocation.
grid_allocation() {
  db_query "select a.amount_cents || ' ' || a.version from allocation a join actielijn l on l.id = a.actielijn_id
    where a.municipality = 'GM1773' and l.number = $1 and a.year = $2 order by a.version desc limit 1" "$GRID_DB"
}

# grid_form PAGE NAME=VALUE...: the fields of the first post form in the HTML file PAGE
# (every input, select and textarea as the browser would send them, buttons excepted),
# with the given ones replaced or added, urlencoded into grid_data.
grid_form() {
  python3 - "$@" >grid_data <<'EOF'
import html.parser, sys, urllib.parse
class Form(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields, self.inside, self.done, self.select, self.area = [], False, False, None, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post" and not self.done:
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            self.fields.append([a["name"], a.get("value") or ""])
        elif tag == "select":
            self.select = [a["name"], ""]
            self.fields.append(self.select)
        elif tag == "option" and self.select is not None and "selected" in a:
            self.select[1] = a.get("value") or ""
        elif tag == "textarea":
            self.area = [a["name"], ""]
            self.fields.append(self.area)
    def handle_data(self, data):
        if self.area is not None:
            self.area[1] += data
    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.area = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True
f = Form()
f.feed(open(sys.argv[1], encoding="utf-8").read())
fields = f.fields
for arg in sys.argv[2:]:
    name, value = arg.split("=", 1)
    for field in fields:
        if field[0] == name:
            field[1] = value
            break
    else:
        fields.append([name, value])
print(urllib.parse.urlencode([tuple(f) for f in fields]), end="")
EOF
}
# grid_post PATH: POST grid_data; status in grid_code, body in grid_body.
grid_post() {
  grid_code=$(curl -s --max-time 30 -D grid_headers -o grid_body -w '%{http_code}' \
    --data @grid_data "$grid_url${1#/}")
}
grid_get() {
  grid_code=$(curl -s --max-time 30 -o grid_body -w '%{http_code}' "$grid_url${1#/}")
}

if [ -z "$grid_url" ]; then
  not_ok "grid: server starts" "no address after $tries tries" "$(cat grid_serve.out)"
else
  grid_get /gemeente/GM1773
  grep -qF 'href="/gemeente/GM1773/toekenningen/invoeren"' grid_body &&
    ok "grid: the municipality page links to the allocation grid" ||
    not_ok "grid: the municipality page links to the allocation grid" "HTTP $grid_code"

  grid_get /gemeente/GM1773/toekenningen/invoeren
  cp grid_body grid_page
  if [ "$grid_code" = 200 ] && grep -qF '<th scope="row">2. Rechtsbescherming</th>' grid_body &&
    grep -qF 'name="c-2-2021" aria-label="2. Rechtsbescherming, 2021" value="19.000"' grid_body &&
    grep -qF 'name="c-5-2024" aria-label="5. Integraal werken in het sociaal domein, 2024" value=""' grid_body &&
    grep -qF '<th scope="col" class="num">2027</th>' grid_body; then
    ok "grid: shows actielijn x year with the current figures, empty where none"
  else not_ok "grid: shows actielijn x year with the current figures" "HTTP $grid_code" "$(head -c 400 grid_body)"; fi

  grid_get /gemeente/GM1734/toekenningen/invoeren
  if [ "$grid_code" = 200 ] && grep -qF '<th scope="row">Niet verdeeld over actielijnen</th>' grid_body &&
    grep -qF 'name="c-0-2024" aria-label="Niet verdeeld over actielijnen, 2024" value="175.000"' grid_body; then
    ok "grid: allocations not split over actielijnen (Overbetuwe) have their own row"
  else not_ok "grid: allocations not split over actielijnen have their own row" "HTTP $grid_code"; fi

  rows_before=$(grid_rows)
  grid_form grid_page overnemen=1 "plakken=$(printf 'Actielijn\t2026\t2027\tTotaal\n2\t23.000\t€ 24.000,00\t47.000\n6\t1.000\t-\t1.000')"
  grid_post /gemeente/GM1773/toekenningen/invoeren
  cp grid_body grid_pasted
  if [ "$grid_code" = 200 ] && grep -qF 'name="c-2-2026" aria-label="2. Rechtsbescherming, 2026" value="23.000"' grid_body &&
    grep -qF 'name="c-2-2027" aria-label="2. Rechtsbescherming, 2027" value="24.000"' grid_body &&
    grep -qF 'name="c-6-2026" aria-label="6. Toekomstscenario Kind- en Gezinsbescherming, 2026" value="1.000"' grid_body &&
    grep -qF 'name="c-2-2025" aria-label="2. Rechtsbescherming, 2025" value="22.000"' grid_body &&
    [ "$(grid_rows)" = "$rows_before" ]; then
    ok "grid: Overnemen fills the grid from the paste and saves nothing"
  else not_ok "grid: Overnemen fills the grid" "HTTP $grid_code, rows $(grid_rows) vs $rows_before" "$(grep -o 'error-message[^<]*' grid_body)"; fi

  grid_form grid_page overnemen=1 "plakken=$(printf '1.000\t2.000\n3.000\t12.0x0')"
  grid_post /gemeente/GM1773/toekenningen/invoeren
  if [ "$grid_code" = 422 ] &&
    grep -qF "Regel 2, kolom 2 (2022): &#39;12.0x0&#39; is niet te lezen als bedrag" grid_body &&
    grep -qF 'value="19.000"' grid_body; then
    ok "grid: a paste with a bad amount is 422 naming row, column and value; the grid is kept"
  else not_ok "grid: a paste with a bad amount is 422" "HTTP $grid_code" "$(grep -o 'error-message[^<]*' grid_body)"; fi

  grid_form grid_pasted bron=
  grid_post /gemeente/GM1773/toekenningen/invoeren
  [ "$grid_code" = 422 ] && grep -qF 'id="veld-bron-error">Bron: kies het document' grid_body &&
    ok "grid: without a source it is 422" || not_ok "grid: without a source it is 422" "HTTP $grid_code"

  grid_form grid_pasted bron=5 plaats=tabel
  grid_post /gemeente/GM1773/toekenningen/invoeren
  cp grid_body grid_confirm
  if [ "$grid_code" = 200 ] && grep -qF "Controleer de wijziging" grid_body &&
    grep -qF '<tr><th scope="row">2. Rechtsbescherming, 2026</th><td>€ 22.000</td><td>€ 23.000</td></tr>' grid_body &&
    grep -qF '<tr><th scope="row">6. Toekomstscenario Kind- en Gezinsbescherming, 2026</th><td>(nog niet vastgelegd)</td><td>€ 1.000</td></tr>' grid_body &&
    ! grep -qF 'Rechtsbescherming, 2025</th>' grid_body &&
    grep -qF '2026 na wijziging' grid_body && ! grep -qF '2025 na wijziging' grid_body &&
    [ "$(grid_rows)" = "$rows_before" ]; then
    ok "grid: Controleren shows the changed cells and the coverage of their years, saving nothing"
  else not_ok "grid: Controleren shows the confirmation" "HTTP $grid_code" "$(grep -o 'error-message[^<]*' grid_body)"; fi

  grid_form grid_confirm aanpassen=1
  grid_post /gemeente/GM1773/toekenningen/invoeren
  [ "$grid_code" = 200 ] && grep -qF 'name="c-2-2026" aria-label="2. Rechtsbescherming, 2026" value="23.000"' grid_body &&
    [ "$(grid_rows)" = "$rows_before" ] &&
    ok "grid: Aanpassen shows the grid again with what was entered" ||
    not_ok "grid: Aanpassen shows the grid again" "HTTP $grid_code"

  grid_form grid_confirm confirm=1
  grid_post /gemeente/GM1773/toekenningen/invoeren
  if [ "$grid_code" = 303 ] && grep -qi '^Location: /gemeente/GM1773' grid_headers; then
    ok "grid: Bevestigen en opslaan saves (303 to the municipality)"
  else not_ok "grid: Bevestigen en opslaan saves" "HTTP $grid_code" "$(grep -o 'error-message[^<]*\|Niet opgeslagen[^<]*' grid_body)"; fi
  cookie=$(sed -n 's/^[Ss]et-[Cc]ookie: \(pok_bericht=[^;]*\);.*/\1/p' grid_headers | tr -d '\r')
  code=$(curl -s --max-time 30 -b "$cookie" -o grid_body -w '%{http_code}' "${grid_url}gemeente/GM1773")
  if [ "$code" = 200 ] &&
    grep -qF '3 toekenningen opgeslagen: 2. Rechtsbescherming, 2026: € 23.000; 2. Rechtsbescherming, 2027: € 24.000; 6. Toekomstscenario Kind- en Gezinsbescherming, 2026: € 1.000' grid_body; then
    ok "grid: the municipality page then says which cells were saved"
  else not_ok "grid: the municipality page says which cells were saved" "HTTP $code, cookie '$cookie'"; fi
  a_before=${rows_before%%/*}
  au_before=${rows_before##*/}
  rows_after=$(grid_rows)
  if [ "${rows_after%%/*}" = $((a_before + 3)) ] && [ "${rows_after##*/}" = $((au_before + 3)) ] &&
    [ "$(grid_allocation 2 2026)" = "2300000 2" ] && [ "$(grid_allocation 2 2027)" = "2400000 2" ] &&
    [ "$(grid_allocation 6 2026)" = "100000 1" ] && [ "$(grid_allocation 2 2025)" = "2200000 1" ] &&
    [ "$(grid_allocation 4 2027)" = "3800000 1" ]; then
    ok "grid: exactly the three changed cells became new versions, with an audit row each"
  else not_ok "grid: exactly the changed cells were saved" "rows $rows_before -> $rows_after" \
    "2/2026 $(grid_allocation 2 2026), 6/2026 $(grid_allocation 6 2026), 2/2025 $(grid_allocation 2 2025)"; fi
  src=$(db_query "select count(*) from allocation where municipality = 'GM1773' and source_id = 5 and source_place = 'tabel' and version = 2" "$GRID_DB")
  [ "$src" = 2 ] && ok "grid: the changed cells cite the grid's source and place" ||
    not_ok "grid: the changed cells cite the grid's source" "got $src"

  # an emptied cell is not a silent deletion, and an invalid cell saves nothing
  grid_get /gemeente/GM1773/toekenningen/invoeren
  cp grid_body grid_page
  rows_before=$(grid_rows)
  grid_form grid_page c-3-2021=6.000 c-2-2021= c-4-2021=veel bron=5
  grid_post /gemeente/GM1773/toekenningen/invoeren
  if [ "$grid_code" = 422 ] &&
    grep -qF 'id="veld-c-4-2021-error">4. Versterking wijkteams, 2021: geen bedrag' grid_body &&
    grep -qF 'id="veld-c-2-2021-error">2. Rechtsbescherming, 2021: leeg, maar hier staat € 19.000 vastgelegd' grid_body &&
    grep -qF 'aria-invalid="true" aria-describedby="veld-c-4-2021-error"' grid_body &&
    grep -qF 'href="#veld-c-4-2021"' grid_body && grep -qF 'value="6.000"' grid_body; then
    ok "grid: an invalid and an emptied cell are 422 with the message next to each cell"
  else not_ok "grid: invalid cells are 422" "HTTP $grid_code" "$(grep -o 'error-message[^<]*' grid_body)"; fi
  grid_form grid_page c-3-2021=6.000 c-4-2021=veel bron=5 confirm=1
  grid_post /gemeente/GM1773/toekenningen/invoeren
  [ "$grid_code" = 422 ] && [ "$(grid_rows)" = "$rows_before" ] &&
    ok "grid: a confirmed post with an invalid cell saves nothing, not even the good cell" ||
    not_ok "grid: invalid confirmed post saves nothing" "HTTP $grid_code, rows $(grid_rows) vs $rows_before"

  # one transaction: the second changed cell was changed by someone else meanwhile
  grid_form grid_page c-3-2021=6.000 c-3-2022=6.500 bron=5 confirm=1
  "$POK" --db "$GRID_DB" allocation add GM1773 3 2022 5.600 --source 5 >out 2>&1
  rows_before=$(grid_rows)
  grid_post /gemeente/GM1773/toekenningen/invoeren
  if [ "$grid_code" = 409 ] && [ "$(grid_rows)" = "$rows_before" ] &&
    [ "$(grid_allocation 3 2021)" = "500000 1" ] && grep -qF 'id="actuele-gegevens"' grid_body &&
    grep -qF 'value="6.500"' grid_body; then
    ok "grid: a stale cell is 409 and no cell of the grid is saved (one transaction)"
  else not_ok "grid: a stale cell is 409 and nothing saved" "HTTP $grid_code, rows $(grid_rows) vs $rows_before" "3/2021 $(grid_allocation 3 2021)"; fi

  grid_get /gemeente/GM1773/toekenningen/invoeren
  cp grid_body grid_page
  grid_form grid_page c-3-2021=5.000 bron=5
  grid_post /gemeente/GM1773/toekenningen/invoeren
  [ "$grid_code" = 422 ] && grep -qF "Er is niets gewijzigd" grid_body &&
    ok "grid: nothing changed is said, and nothing saved" ||
    not_ok "grid: nothing changed is said" "HTTP $grid_code"

  # a measure's plan and realisation; Hillegom's 2023 is closed
  grid_get /maatregel/14
  grep -qF 'href="/maatregel/14/bedragen"' grid_body &&
    ok "grid: the measure page links to its grid" || not_ok "grid: the measure page links to its grid" "HTTP $grid_code"
  grid_get /maatregel/14/bedragen
  cp grid_body grid_page
  if [ "$grid_code" = 200 ] && grep -qF '<th scope="col" class="num">2023 (afgesloten)</th>' grid_body &&
    ! grep -qF 'name="c-plan-2023"' grid_body && grep -qF 'name="c-realisatie-2024"' grid_body &&
    grep -qF '<th scope="col" class="num">2037</th>' grid_body; then
    ok "grid: a measure's grid shows plan and realisation per year, a closed year not editable"
  else not_ok "grid: a measure's grid" "HTTP $grid_code" "$(head -c 300 grid_body)"; fi

  rows_before=$(grid_rows)
  grid_form grid_page c-plan-2023=1.000 c-plan-2025=2.000
  grid_post /maatregel/14/bedragen
  if [ "$grid_code" = 422 ] && grep -qF '2023 is een afgesloten jaar' grid_body &&
    [ "$(grid_rows)" = "$rows_before" ]; then
    ok "grid: a closed year's cell is refused with 422, nothing saved"
  else not_ok "grid: a closed year's cell is refused" "HTTP $grid_code" "$(grep -o 'error-message[^<]*' grid_body)"; fi
  grid_form grid_page overnemen=1 "plakken=$(printf '\t2023\t2024\nGerealiseerd\t5\t7')"
  grid_post /maatregel/14/bedragen
  [ "$grid_code" = 422 ] && grep -qF 'Regel 2, kolom 2 (2023): 2023 is een afgesloten jaar' grid_body &&
    ok "grid: a paste into a closed year is refused" ||
    not_ok "grid: a paste into a closed year is refused" "HTTP $grid_code" "$(grep -o 'error-message[^<]*' grid_body)"

  grid_form grid_page overnemen=1 "plakken=$(printf '\t2024\t2025\nGepland\t10.000\t20.000\nGerealiseerd\t9.500,50\t')"
  grid_post /maatregel/14/bedragen
  cp grid_body grid_pasted
  grid_form grid_pasted
  grid_post /maatregel/14/bedragen
  cp grid_body grid_confirm
  grid_form grid_confirm confirm=1
  grid_post /maatregel/14/bedragen
  amounts=$(db_query "select kind || ':' || year || ':' || amount_cents from measure_amount where measure_id = 14 and year in (2024, 2025) order by kind, year" "$GRID_DB" | tr '\n' ' ')
  if [ "$grid_code" = 303 ] && grep -qi '^Location: /maatregel/14' grid_headers &&
    [ "$amounts" = "1:2024:1000000 1:2025:2000000 2:2024:950050 " ]; then
    ok "grid: pasted plan and realisation saved after the confirmation (303 to the measure)"
  else not_ok "grid: pasted plan and realisation saved" "HTTP $grid_code, amounts '$amounts'" "$(grep -o 'error-message[^<]*\|Niet opgeslagen[^<]*' grid_body)"; fi
fi
kill "$grid_pid" 2>/dev/null
wait "$grid_pid" 2>/dev/null
