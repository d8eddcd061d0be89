# The forms of pok serve over a real socket: a new measure with a 2027 plan of 50.000
# shrinks Overbetuwe's unplanned 180.000 to 130.000 after the confirmation step; a wrong
# amount gives 422 with the Dutch reason next to the field and saves nothing.
FORMS_DB=$(db_new forms)
"$POK" --db "$FORMS_DB" demo --quiet >out 2>&1 || not_ok "forms: demo database" "demo failed"
"$POK" --db "$FORMS_DB" serve --port 0 >forms_serve.out 2>&1 &
forms_pid=$!
forms_url=""
tries=0
while [ -z "$forms_url" ] && [ $tries -lt 300 ] && kill -0 "$forms_pid" 2>/dev/null; do
  forms_url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' forms_serve.out)
  [ -z "$forms_url" ] && sleep 0.1
  tries=$((tries + 1))
done

# forms_unplanned YEAR: GM1734's unplanned cents of YEAR, read from the database.
forms_unplanned() {
  "$POK" --db "$FORMS_DB" coverage GM1734 --format csv >forms_cov.csv 2>&1
  csv_value forms_cov.csv 0 "$1" unplanned_cents
}
forms_audit() { db_query "select count(*) from audit" "$FORMS_DB"; }
forms_amounts() { db_query "select count(*) from measure_amount" "$FORMS_DB"; }

# forms_post PATH ARGS...: POST with curl's --data-urlencode ARGS; status in forms_code,
# body in forms_body, headers in forms_headers.
forms_post() {
  path=$1
  shift
  forms_code=$(curl -s --max-time 30 -D forms_headers -o forms_body -w '%{http_code}' \
    "$@" "$forms_url${path#/}")
}

if [ -z "$forms_url" ]; then
  not_ok "forms: server starts" "no address after $tries tries" "$(cat forms_serve.out)"
else
  v=$(forms_unplanned 2027)
  [ "$v" = 18000000 ] && ok "forms: 2027 unplanned is 180.000 before" ||
    not_ok "forms: 2027 unplanned is 180.000 before" "got '$v'"

  forms_post /gemeente/GM1734/maatregel/nieuw --data-urlencode 'naam=Nieuwe maatregel' \
    --data-urlencode status=gepland --data-urlencode pot=
  measure_path=$(sed -n 's/^[Ll]ocation: \(\/maatregel\/[0-9]*\).*/\1/p' forms_headers | tr -d '\r')
  if [ "$forms_code" = 303 ] && [ -n "$measure_path" ]; then ok "forms: measure added (303 to $measure_path)"
  else not_ok "forms: measure added" "HTTP $forms_code" "$(cat forms_headers)"; fi

  audit_before=$(forms_audit)
  forms_post "$measure_path/bedrag" --data-urlencode soort=plan --data-urlencode jaar=2027 \
    --data-urlencode bedrag=50.000 --data-urlencode bron= --data-urlencode plaats= \
    --data-urlencode besluit=
  if [ "$forms_code" = 200 ] && grep -qF "Controleer de wijziging" forms_body &&
    grep -qF "<strong>€ 130.000</strong> (gewijzigd)" forms_body &&
    grep -qF 'name="confirm" value="1"' forms_body; then
    ok "forms: plan shows the confirmation with 2027 after the change"
  else not_ok "forms: plan shows the confirmation" "HTTP $forms_code" "$(head -c 600 forms_body)"; fi
  v=$(forms_unplanned 2027)
  [ "$v" = 18000000 ] && [ "$(forms_audit)" = "$audit_before" ] &&
    ok "forms: the confirmation page saves nothing" ||
    not_ok "forms: the confirmation page saves nothing" "unplanned '$v', audit $(forms_audit) vs $audit_before"

  forms_post "$measure_path/bedrag" --data-urlencode soort=plan --data-urlencode jaar=2027 \
    --data-urlencode bedrag=50.000 --data-urlencode bron= --data-urlencode plaats= \
    --data-urlencode besluit= --data-urlencode confirm=1
  if [ "$forms_code" = 303 ] && grep -qi '^Location: /gemeente/GM1734' forms_headers; then
    ok "forms: confirmed plan is saved (303 to the municipality)"
  else not_ok "forms: confirmed plan is saved" "HTTP $forms_code" "$(cat forms_headers)"; fi
  v=$(forms_unplanned 2027)
  [ "$v" = 13000000 ] && ok "forms: 2027 unplanned is 130.000 after" ||
    not_ok "forms: 2027 unplanned is 130.000 after" "got '$v'"
  code=$(curl -s --max-time 30 -o forms_body -w '%{http_code}' "${forms_url}gemeente/GM1734")
  [ "$code" = 200 ] && grep -qF "€ 130.000" forms_body &&
    ok "forms: the municipality page shows the new coverage" ||
    not_ok "forms: the municipality page shows the new coverage" "HTTP $code"

  # After a save the user is back where the form was opened (its "terug" field), and that
  # page says once what was saved; a page with the message is neither served from the
  # page cache nor put in it.
  curl -s --max-time 30 -o /dev/null "${forms_url}gemeente/GM1734/besluiten" # cached now
  forms_decision() {
    forms_post /gemeente/GM1734/besluit/nieuw --data-urlencode datum=2024-06-01 \
      --data-urlencode orgaan=college --data-urlencode "titel=$1" --data-urlencode kenmerk= \
      --data-urlencode uitkomst= --data-urlencode bron= --data-urlencode plaats= \
      --data-urlencode "terug=$2"
  }
  forms_decision 'Besluit via het web' /gemeente/GM1734/besluiten
  cookie=$(sed -n 's/^[Ss]et-[Cc]ookie: \(pok_bericht=[^;]*\);.*HttpOnly; SameSite=Strict.*/\1/p' \
    forms_headers | tr -d '\r')
  if [ "$forms_code" = 303 ] && grep -qi '^Location: /gemeente/GM1734/besluiten' forms_headers &&
    [ -n "$cookie" ]; then ok "forms: after a save back to the page it came from, with a message"
  else not_ok "forms: after a save back to the page it came from" "HTTP $forms_code" "$(cat forms_headers)"; fi
  code=$(curl -s --max-time 30 -b "$cookie" -D forms_headers -o forms_body -w '%{http_code}' \
    "${forms_url}gemeente/GM1734/besluiten")
  if [ "$code" = 200 ] && grep -qF 'role="status"><p>Besluit &#39;Besluit via het web&#39; van 2024-06-01 opgeslagen</p>' forms_body &&
    grep -qi '^Set-Cookie: pok_bericht=;.*Max-Age=0' forms_headers; then
    ok "forms: the page shows the message as a status and clears it"
  else not_ok "forms: the page shows the message and clears it" "HTTP $code" "$(cat forms_headers)"; fi
  for i in 1 2; do
    curl -s --max-time 30 -o forms_body "${forms_url}gemeente/GM1734/besluiten"
    if ! grep -qF 'role="status"' forms_body && grep -qF 'Besluit via het web' forms_body; then
      ok "forms: the message is shown once ($i, the cache holds no message)"
    else not_ok "forms: the message is shown once ($i)" "$(grep -c 'role="status"' forms_body)"; fi
  done
  for evil in //evil.example/x https://evil.example/ '/\evil.example'; do
    forms_decision 'Nog een besluit' "$evil"
    shown=$(printf '%s' "$evil" | tr '\\' '|') # echo would read the backslash
    if [ "$forms_code" = 303 ] && grep -qi '^Location: /gemeente/GM1734.$' forms_headers; then
      ok "forms: the way back '$shown' is refused (to the municipality instead)"
    else not_ok "forms: the way back '$shown' is refused" "HTTP $forms_code" "$(cat forms_headers)"; fi
  done

  audit_before=$(forms_audit)
  amounts_before=$(forms_amounts)
  forms_post "$measure_path/bedrag" --data-urlencode soort=plan --data-urlencode jaar=2026 \
    --data-urlencode 'bedrag=12,345.6x' --data-urlencode bron= --data-urlencode plaats= \
    --data-urlencode besluit= --data-urlencode confirm=1
  if [ "$forms_code" = 422 ] &&
    grep -qF '<p class="utrecht-form-field-error-message" id="veld-bedrag-error">Bedrag: ' forms_body &&
    grep -qF "(gelezen: &#39;12,345.6x&#39;)" forms_body &&
    grep -qF 'aria-invalid="true"' forms_body; then
    ok "forms: a wrong amount is 422 with the reason next to the field"
  else not_ok "forms: a wrong amount is 422" "HTTP $forms_code" "$(head -c 600 forms_body)"; fi
  [ "$(forms_audit)" = "$audit_before" ] && [ "$(forms_amounts)" = "$amounts_before" ] &&
    ok "forms: a wrong amount saves nothing" ||
    not_ok "forms: a wrong amount saves nothing" "audit $(forms_audit) vs $audit_before"

  forms_post /gemeente/GM1734/besluit/nieuw -H 'Content-Type: application/json' \
    --data-binary '{"titel":"x"}'
  [ "$forms_code" = 415 ] && [ "$(forms_audit)" = "$audit_before" ] &&
    ok "forms: another content type is 415" || not_ok "forms: another content type is 415" "HTTP $forms_code"

  # Every text that enters is valid UTF-8 of bounded length: bad bytes in a form are 400
  # naming the parameter, nothing is stored, and the PDF, XLSX and JSON stay whole.
  forms_measures() { db_query "select count(*) from measure" "$FORMS_DB"; }
  measures_before=$(forms_measures)
  audit_before=$(forms_audit)
  forms_post /gemeente/GM1734/maatregel/nieuw --data 'naam=bad%FF%FEname&status=gepland&pot='
  if [ "$forms_code" = 400 ] &&
    grep -qF "Parameter &#39;naam&#39;: geen geldige UTF-8-tekst (byte 0xFF na 3 tekens)" forms_body; then
    ok "forms: a name that is not UTF-8 is 400 naming the field"
  else not_ok "forms: a name that is not UTF-8 is 400 naming the field" "HTTP $forms_code" "$(head -c 600 forms_body)"; fi
  [ "$(forms_measures)" = "$measures_before" ] && [ "$(forms_audit)" = "$audit_before" ] &&
    ok "forms: a name that is not UTF-8 saves nothing" ||
    not_ok "forms: a name that is not UTF-8 saves nothing" "measures $(forms_measures) vs $measures_before"
  code=$(curl -s --max-time 30 -o forms_body -w '%{http_code}' "${forms_url}?q=Caf%E9")
  [ "$code" = 400 ] && grep -qF "Parameter &#39;q&#39;" forms_body &&
    ok "forms: a query that is not UTF-8 is 400" || not_ok "forms: a query that is not UTF-8 is 400" "HTTP $code"
  head -c 1000000 /dev/zero | tr '\0' x >forms_big.txt
  forms_post /gemeente/GM1734/maatregel/nieuw --data-urlencode naam@forms_big.txt \
    --data-urlencode status=gepland --data-urlencode pot=
  if [ "$forms_code" = 422 ] &&
    grep -qF 'id="veld-naam-error">Naam: te lang: 1.000.000 tekens, hoogstens 300</p>' forms_body &&
    [ "$(forms_measures)" = "$measures_before" ]; then
    ok "forms: a 1 MB name is 422 next to the field and saves nothing"
  else not_ok "forms: a 1 MB name is 422 next to the field" "HTTP $forms_code" "$(head -c 300 forms_body)"; fi
  for doc in stand.pdf stand.xlsx export.json; do
    code=$(curl -s --max-time 60 -o "forms_$doc" -w '%{http_code}' "${forms_url}gemeente/GM1734/$doc")
    [ "$code" = 200 ] && ok "forms: $doc still answers 200" || not_ok "forms: $doc still answers 200" "HTTP $code"
  done
  if python3 - forms_stand.xlsx forms_export.json >out 2>&1 <<'EOF'
import json, sys, zipfile, xml.dom.minidom
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in z.namelist():
        if name.endswith(".xml"):
            xml.dom.minidom.parseString(z.read(name))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
assert doc["measures"] and all(m.get("name") for m in doc["measures"]), doc.keys()
EOF
  then ok "forms: stand.xlsx is well-formed XML and export.json names every measure"
  else not_ok "forms: stand.xlsx is well-formed XML and export.json names every measure"; fi
fi
serve_stop "$forms_pid"
if [ "$serve_killed" = 1 ]; then
  not_ok "forms: server stops on SIGTERM" "still running after 30 s"
else
  status=$serve_status
  [ "$status" = 0 ] && ok "forms: server stops cleanly" ||
    not_ok "forms: server stops cleanly" "exit status $status" "$(cat forms_serve.out)"
fi
