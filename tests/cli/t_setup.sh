# Setting a municipality up in the web, with accounts: pots, inhabitants, stated figures,
# closing and reopening a year, and the users of a municipality managed by its own
# gemeentebeheerder. Each form: a valid save (303 with the message), bad input (422,
# nothing saved), and a role that may not (403).
SETUP_DB=$(db_new setup)
"$POK" --db "$SETUP_DB" demo --quiet >out 2>&1 || not_ok "setup: demo database" "demo failed"
for u in "bea beheerder" "gera gemeentebeheerder GM1734" "rob redacteur GM1734" \
  "lies lezer GM1734" "otto redacteur GM0362"; do
  set -- $u
  printf '%s-wachtwoord\n' "$1" >pw.txt
  "$POK" --db "$SETUP_DB" user add "$1" --role "$2" ${3:+--municipality "$3"} \
    --password-file pw.txt >out 2>&1 || not_ok "setup: add $1" "$(cat out)"
done
expect_rows "setup: pok user list shows the gemeentebeheerder" \
  "gera gemeentebeheerder actief GM1734" -- "$POK" --db "$SETUP_DB" user list

"$POK" --db "$SETUP_DB" serve --port 0 >setup_serve.out 2>&1 &
setup_pid=$!
setup_url=""
tries=0
while [ -z "$setup_url" ] && [ $tries -lt 300 ] && kill -0 "$setup_pid" 2>/dev/null; do
  setup_url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' setup_serve.out 2>/dev/null)
  [ -z "$setup_url" ] && sleep 0.1
  tries=$((tries + 1))
done
origin=${setup_url%/}

# setup_login NAME [PASSWORD]: the session cookie of NAME in cookie_NAME, its token in
# token_NAME.
setup_login() {
  curl -s -D login.h -o /dev/null -H "Origin: $origin" \
    --data-urlencode "naam=$1" --data-urlencode "wachtwoord=${2:-$1-wachtwoord}" "${setup_url}inloggen"
  c=$(sed -n 's/^[Ss]et-[Cc]ookie: \(pok_sessie=[0-9a-f]*\).*/\1/p' login.h | tr -d '\r')
  curl -s -o page.html -b "$c" "${setup_url}inloggen"
  t=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' page.html | head -1)
  eval "cookie_$1=\$c; token_$1=\$t"
}
# setup_post USER PATH ARGS...: POST as USER with --data-urlencode ARGS; status in code,
# body in body.html, headers in post.h.
setup_post() {
  eval "c=\$cookie_$1; t=\$token_$1"
  p=$2
  shift 2
  code=$(curl -s --max-time 30 -D post.h -o body.html -w '%{http_code}' -b "$c" \
    -H "Origin: $origin" --data-urlencode "csrf=$t" "$@" "$setup_url${p#/}")
}
# setup_get USER PATH: status in code, body in body.html
setup_get() {
  eval "c=\$cookie_$1"
  code=$(curl -s --max-time 30 -D get.h -o body.html -w '%{http_code}' -b "$c" "$setup_url${2#/}")
}
count() { db_query "$1" "$SETUP_DB"; }
# saved NAME TEXT: the last post answered 303 with TEXT in the message cookie
saved() {
  msg=$(sed -n 's/^[Ss]et-[Cc]ookie: pok_bericht=\([^;]*\);.*/\1/p' post.h | tr -d '\r' |
    python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.stdin.read().strip()))')
  if [ "$code" = 303 ] && [ "$msg" = "$2" ]; then ok "$1"
  else not_ok "$1" "HTTP $code, message '$msg'" "$(head -c 400 body.html)"; fi
}
refused() { [ "$code" = "$2" ] && ok "$1" || not_ok "$1" "HTTP $code, expected $2"; }
# invalid NAME FIELD: 422 with the message next to FIELD
invalid() {
  if [ "$code" = 422 ] && grep -qF "id=\"veld-$2-error\"" body.html; then ok "$1"
  else not_ok "$1" "HTTP $code" "$(grep -o 'form-field-error-message[^<]*' body.html | head -3)"; fi
}

if [ -z "$setup_url" ]; then
  not_ok "setup: server starts" "$(cat setup_serve.out)"
else
  for u in bea gera rob lies otto; do setup_login $u; done
  [ -n "$token_rob" ] && [ -n "$token_gera" ] && ok "setup: everyone logged in" ||
    not_ok "setup: everyone logged in" "rob '$token_rob' gera '$token_gera'"

  # pots
  pots=$(count "select count(*) from pot")
  setup_post rob /gemeente/GM1734/pot/nieuw --data-urlencode 'naam=Actielijnen 3 en 4' \
    --data-urlencode 'actielijnen[]=3' --data-urlencode 'actielijnen[]=4' --data-urlencode bron= \
    --data-urlencode plaats=
  saved "setup: a pot is saved" "Pot 'Actielijnen 3 en 4' opgeslagen (actielijnen 3 en 4)"
  setup_post rob /gemeente/GM1734/pot/nieuw --data-urlencode 'naam=Leeg' --data-urlencode bron=
  invalid "setup: a pot without actielijnen is 422" actielijnen
  setup_post lies /gemeente/GM1734/pot/nieuw --data-urlencode 'naam=Van de lezer' \
    --data-urlencode 'actielijnen[]=2'
  refused "setup: a lezer may not add a pot" 403
  setup_post otto /gemeente/GM1734/pot/nieuw --data-urlencode 'naam=Van elders' \
    --data-urlencode 'actielijnen[]=2'
  refused "setup: another municipality's redacteur may not add a pot" 403
  [ "$(count "select count(*) from pot")" = $((pots + 1)) ] && ok "setup: only the valid pot was saved" ||
    not_ok "setup: only the valid pot was saved" "$(count "select count(*) from pot") vs $pots"

  # inhabitants
  setup_post rob /gemeente/GM1734/inwoners/nieuw --data-urlencode jaar=2024 \
    --data-urlencode aantal=51234 --data-urlencode bron=
  saved "setup: inhabitants are saved" "Inwoners op 1 januari 2024 opgeslagen: 51234"
  [ "$(count "select count from inhabitants where municipality = 'GM1734' and year = 2024")" = 51234 ] &&
    ok "setup: the inhabitants are stored" || not_ok "setup: the inhabitants are stored"
  setup_post rob /gemeente/GM1734/inwoners/nieuw --data-urlencode jaar=2024 \
    --data-urlencode aantal=51.234x --data-urlencode bron=
  invalid "setup: a wrong number of inhabitants is 422" aantal
  [ "$(count "select count from inhabitants where municipality = 'GM1734' and year = 2024")" = 51234 ] &&
    ok "setup: the wrong number saved nothing" || not_ok "setup: the wrong number saved nothing"
  setup_post lies /gemeente/GM1734/inwoners/nieuw --data-urlencode jaar=2024 --data-urlencode aantal=1
  refused "setup: a lezer may not set inhabitants" 403

  # stated figures
  src=$(count "select min(id) from source where municipality = 'GM1734'")
  stated=$(count "select count(*) from stated_figure")
  setup_post rob /gemeente/GM1734/genoemd-bedrag/nieuw --data-urlencode soort=beschikbaar \
    --data-urlencode jaar=2025 --data-urlencode tot_jaar= --data-urlencode bedrag=415.000 \
    --data-urlencode 'omschrijving=Totaal 2025' --data-urlencode actielijn= --data-urlencode pot= \
    --data-urlencode "bron=$src" --data-urlencode plaats=
  saved "setup: a stated figure is saved" "Genoemd bedrag 'Totaal 2025' opgeslagen: € 415.000"
  setup_post rob /gemeente/GM1734/genoemd-bedrag/nieuw --data-urlencode soort=beschikbaar \
    --data-urlencode jaar=2025 --data-urlencode bedrag=415.000 --data-urlencode 'omschrijving=x' \
    --data-urlencode bron=
  invalid "setup: a stated figure without its document is 422" bron
  setup_post lies /gemeente/GM1734/genoemd-bedrag/nieuw --data-urlencode soort=beschikbaar
  refused "setup: a lezer may not add a stated figure" 403
  [ "$(count "select count(*) from stated_figure")" = $((stated + 1)) ] &&
    ok "setup: only the valid stated figure was saved" || not_ok "setup: only the valid stated figure was saved"

  # closing and reopening a year
  setup_post rob /gemeente/GM1734/jaar/afsluiten --data-urlencode jaar=2021 --data-urlencode bron= \
    --data-urlencode plaats= --data-urlencode besluit=
  if [ "$code" = 200 ] && grep -qF "Controleer de wijziging" body.html &&
    [ "$(count "select count(*) from closed_year where municipality = 'GM1734'")" = 0 ]; then
    ok "setup: closing a year first shows what it fixes, saving nothing"
  else not_ok "setup: closing a year first shows what it fixes" "HTTP $code"; fi
  setup_post rob /gemeente/GM1734/jaar/afsluiten --data-urlencode jaar=2021 --data-urlencode bron= \
    --data-urlencode plaats= --data-urlencode besluit= --data-urlencode confirm=1
  saved "setup: the year is closed" "Jaar 2021 afgesloten: de gerealiseerde bedragen zijn voortaan de uitgaven van dat jaar"
  setup_post rob /gemeente/GM1734/jaar/afsluiten --data-urlencode jaar=2021 --data-urlencode confirm=1
  invalid "setup: closing a closed year again is 422" jaar
  setup_post lies /gemeente/GM1734/jaar/afsluiten --data-urlencode jaar=2022 --data-urlencode confirm=1
  refused "setup: a lezer may not close a year" 403
  setup_post rob /gemeente/GM1734/jaar/heropenen --data-urlencode jaar=2021 --data-urlencode 'reden=fout'
  refused "setup: a redacteur may not reopen a year" 403
  setup_post gera /gemeente/GM1734/jaar/heropenen --data-urlencode jaar=2021 --data-urlencode reden=
  invalid "setup: reopening without a reason is 422" reden
  setup_post gera /gemeente/GM1734/jaar/heropenen --data-urlencode jaar=2021 \
    --data-urlencode 'reden=correctie jaarrekening'
  saved "setup: the gemeentebeheerder reopens the year" \
    "Jaar 2021 heropend (correctie jaarrekening): de cijfers van dat jaar kunnen weer worden gewijzigd"
  expect "setup: the reopening is on record with who and why" 0 \
    "2021 heropend op" "door gera: correctie jaarrekening" -- "$POK" --db "$SETUP_DB" year list GM1734

  # users: the gemeentebeheerder manages only its municipality's accounts
  setup_get gera /gebruikers
  if [ "$code" = 200 ] && grep -qF '<th scope="row">rob</th>' body.html &&
    ! grep -qF 'otto' body.html && ! grep -qF '>bea<' body.html; then
    ok "setup: the gemeentebeheerder sees only its municipality's users"
  else not_ok "setup: the gemeentebeheerder sees only its municipality's users" "HTTP $code"; fi
  setup_get bea /gebruikers
  grep -qF '<th scope="row">otto</th>' body.html && ok "setup: the beheerder sees everyone" ||
    not_ok "setup: the beheerder sees everyone" "HTTP $code"
  setup_get rob /gebruikers
  refused "setup: a redacteur has no user management" 403
  otto=$(count "select id from app_user where name = 'otto'")
  rob=$(count "select id from app_user where name = 'rob'")
  setup_get gera "/gebruiker/$otto/rol"
  refused "setup: another municipality's user is refused" 403
  setup_post gera "/gebruiker/$otto/uitschakelen"
  refused "setup: another municipality's user cannot be disabled" 403
  users=$(count "select count(*) from app_user")
  setup_post gera /gebruikers/nieuw --data-urlencode naam=nina --data-urlencode rol=analist \
    --data-urlencode gemeenten= --data-urlencode wachtwoord=nina-wachtwoord
  refused "setup: a gemeentebeheerder cannot make an analist (not offered)" 422
  setup_post gera /gebruikers/nieuw --data-urlencode naam=nina --data-urlencode rol=redacteur \
    --data-urlencode gemeenten=GM0362 --data-urlencode wachtwoord=nina-wachtwoord
  invalid "setup: a gemeentebeheerder cannot grant another municipality" gemeenten
  [ "$(count "select count(*) from app_user")" = "$users" ] && ok "setup: refused users are not added" ||
    not_ok "setup: refused users are not added"
  setup_post gera /gebruikers/nieuw --data-urlencode naam=nina --data-urlencode rol=redacteur \
    --data-urlencode gemeenten=GM1734 --data-urlencode wachtwoord=nina-wachtwoord
  saved "setup: the gemeentebeheerder adds a redacteur" "Gebruiker 'nina' toegevoegd als redacteur van GM1734"
  setup_login nina
  [ -n "$token_nina" ] && ok "setup: the new user logs in" || not_ok "setup: the new user logs in"
  setup_post gera "/gebruiker/$rob/wachtwoord" --data-urlencode wachtwoord=
  new_pw=$(sed -n 's/.*<code class="pok-password">\([^<]*\)<\/code>.*/\1/p' body.html)
  if [ "$code" = 200 ] && [ ${#new_pw} = 20 ] && grep -qi '^Cache-Control:.*no-store' post.h; then
    ok "setup: a generated password is shown once"
  else not_ok "setup: a generated password is shown once" "HTTP $code '$new_pw'"; fi
  setup_get rob /gemeente/GM1734
  [ "$code" = 303 ] && ok "setup: the new password ended rob's session" ||
    not_ok "setup: the new password ended rob's session" "HTTP $code"
  setup_login rob "$new_pw"
  [ -n "$token_rob" ] && ok "setup: rob logs in with the new password" || not_ok "setup: rob logs in with the new password"
  nina=$(count "select id from app_user where name = 'nina'")
  setup_post gera "/gebruiker/$nina/rol" --data-urlencode rol=lezer --data-urlencode gemeenten=GM1734
  saved "setup: the role is changed" "Rol van 'nina' opgeslagen: lezer van GM1734"
  setup_post gera "/gebruiker/$nina/uitschakelen"
  saved "setup: the user is disabled" "Gebruiker 'nina' uitgeschakeld"
  setup_get nina /gemeente/GM1734
  [ "$code" = 303 ] && ok "setup: a disabled user's session ends" || not_ok "setup: a disabled user's session ends" "HTTP $code"
  setup_post gera "/gebruiker/$(count "select id from app_user where name = 'gera'")/uitschakelen"
  refused "setup: nobody disables themselves" 422
  changes=$(count "select count(*) from audit where table_name = 'app_user' and actor = 'gera'")
  [ "$changes" -ge 4 ] && ok "setup: user changes are audited under the manager ($changes)" ||
    not_ok "setup: user changes are audited under the manager" "$changes"
  if "$POK" --db "$SETUP_DB" audit >audit.out 2>&1 && ! grep -q 'argon2' audit.out; then
    ok "setup: no password hash in the audit"
  else not_ok "setup: no password hash in the audit"; fi
fi
kill "$setup_pid" 2>/dev/null
wait "$setup_pid" 2>/dev/null
