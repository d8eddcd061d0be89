# Accounts on the command line and login on the server: passwords from standard input
# or a file (never argv), roles with their municipalities, login with the session cookie
# and its attributes, throttling after 5 failures, logout, and open mode.
USERS_DB=$(db_new users)
"$POK" --db "$USERS_DB" demo --quiet >out 2>&1 || not_ok "users: demo database" "demo failed"
printf 'eerste-wachtwoord\n' >pw.txt
expect "users: add a beheerder from a password file" 0 "gebruiker bea (beheerder) toegevoegd" -- \
  "$POK" --db "$USERS_DB" user add bea --role beheerder --password-file pw.txt
printf 'tweede-wachtwoord\n' >stdin1.txt
expect "users: add a redacteur, password on stdin" 0 \
  "gebruiker rob (redacteur) toegevoegd" -- \
  "$POK" --db "$USERS_DB" user add rob --role redacteur --municipality GM1734 <stdin1.txt
printf 'kort\n' >stdin2.txt
expect "users: a short password is refused" 1 "minstens 10 tekens" -- \
  "$POK" --db "$USERS_DB" user add kees --role analist <stdin2.txt
printf 'derde-wachtwoord\n' >stdin3.txt
expect "users: a lezer needs a municipality" 1 \
  "een lezer heeft minstens één gemeente nodig" -- "$POK" --db "$USERS_DB" user add lies --role lezer <stdin3.txt
printf 'derde-wachtwoord\n' >stdin4.txt
expect "users: an unknown role" 1 "verwacht beheerder, gemeentebeheerder, redacteur" -- \
  "$POK" --db "$USERS_DB" user add lies --role koning <stdin4.txt
printf 'derde-wachtwoord\n' >stdin5.txt
expect "users: a duplicate name" 1 "gebruiker 'rob' bestaat al" -- \
  "$POK" --db "$USERS_DB" user add rob --role analist <stdin5.txt
expect "users: --password is no option" 2 "onbekende optie" -- \
  "$POK" --db "$USERS_DB" user add kees --role analist --password geheim1234567
expect_rows "users: list" "bea beheerder actief" "rob redacteur actief GM1734" -- \
  "$POK" --db "$USERS_DB" user list
expect "users: role change" 0 "gebruiker rob is nu redacteur" -- \
  "$POK" --db "$USERS_DB" user role rob redacteur --municipality GM1734,GM0362
expect "users: publish GM1773" 0 "GM1773: cijfers openbaar" -- \
  "$POK" --db "$USERS_DB" municipality publish GM1773 on
if "$POK" --db "$USERS_DB" audit >audit.out 2>&1 && grep -q "toegevoegd  gebruiker" audit.out &&
  ! grep -q "argon2\|wachtwoord" audit.out; then
  ok "users: changes audited, without password hashes"
else
  not_ok "users: changes audited, without password hashes" "$(head -20 audit.out)"
fi
expect "users: --open only on loopback" 1 "open modus" -- \
  "$POK" --db "$USERS_DB" serve --open --listen 0.0.0.0 --port 0

"$POK" --db "$USERS_DB" serve --port 0 >users.out 2>&1 &
users_pid=$!
users_url=""
tries=0
while [ -z "$users_url" ] && [ $tries -lt 300 ] && kill -0 "$users_pid" 2>/dev/null; do
  users_url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' users.out)
  [ -z "$users_url" ] && sleep 0.1
  tries=$((tries + 1))
done
if [ -z "$users_url" ]; then
  not_ok "users: serve starts" "$(cat users.out)"
else
  origin=${users_url%/}
  code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "${users_url}gemeente/GM1734")
  [ "$code" = "303 ${users_url}inloggen" ] && ok "users: a page without login goes to /inloggen" ||
    not_ok "users: a page without login goes to /inloggen" "$code"
  code=$(curl -s -o /dev/null -w '%{http_code}' "${users_url}api/v1/gemeenten/GM1734")
  [ "$code" = 401 ] && ok "users: the API without login is 401" || not_ok "users: the API without login is 401" "$code"
  code=$(curl -s -o /dev/null -w '%{http_code}' "${users_url}gemeente/GM1773")
  [ "$code" = 200 ] && ok "users: a published municipality reads without login" ||
    not_ok "users: a published municipality reads without login" "$code"
  curl -s -D login.h -o /dev/null -H "Origin: $origin" -d 'naam=rob&wachtwoord=tweede-wachtwoord' \
    "${users_url}inloggen"
  if grep -qi '^Set-Cookie: pok_sessie=[0-9a-f]\{64\}; HttpOnly; SameSite=Strict; Path=/' login.h &&
    grep -qi '^Location: /gemeente/GM0362' login.h; then
    ok "users: login sets the session cookie"
  else
    not_ok "users: login sets the session cookie" "$(cat login.h)"
  fi
  cookie=$(sed -n 's/^[Ss]et-[Cc]ookie: \(pok_sessie=[0-9a-f]*\).*/\1/p' login.h | tr -d '\r')
  code=$(curl -s -o page.html -w '%{http_code}' -b "$cookie" "${users_url}gemeente/GM1734/besluit/nieuw")
  token=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' page.html | head -1)
  [ "$code" = 200 ] && [ -n "$token" ] && ok "users: the form carries a CSRF token" ||
    not_ok "users: the form carries a CSRF token" "$code"
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$cookie" "${users_url}gemeente/GM1773/besluit/nieuw")
  [ "$code" = 403 ] && ok "users: another municipality's form is 403" || not_ok "users: another municipality's form is 403" "$code"
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$cookie" -H "Origin: $origin" \
    -d 'titel=x' "${users_url}gemeente/GM1734/besluit/nieuw")
  [ "$code" = 403 ] && ok "users: a post without token is 403" || not_ok "users: a post without token is 403" "$code"
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$cookie" -H "Origin: $origin" \
    -d "csrf=$token&titel=x" "${users_url}gemeente/GM1734/besluit/nieuw")
  [ "$code" = 422 ] && ok "users: a post with the token is checked (422)" || not_ok "users: a post with the token is checked (422)" "$code"
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$cookie" -H "Origin: http://evil.example" \
    -d "csrf=$token&titel=x" "${users_url}gemeente/GM1734/besluit/nieuw")
  [ "$code" = 403 ] && ok "users: a post from another site is 403" || not_ok "users: a post from another site is 403" "$code"
  # The cache never hands one user's page to another: a page made for rob (with his
  # logout button and token) is not served to the next anonymous visitor, and back.
  curl -s -o anon1.html "${users_url}gemeente/GM1773"
  curl -s -o rob.html -b "$cookie" "${users_url}gemeente/GM1773"
  curl -s -o anon2.html "${users_url}gemeente/GM1773"
  code=$(curl -s -o /dev/null -w '%{http_code}' "${users_url}gemeente/GM1734")
  if grep -qF 'action="/uitloggen"' rob.html && ! grep -qF 'uitloggen' anon1.html &&
    ! grep -qF 'uitloggen' anon2.html && ! grep -qF "$token" anon2.html && [ "$code" = 303 ]; then
    ok "users: the cache keeps users' pages apart"
  else
    not_ok "users: the cache keeps users' pages apart" "GM1734 anonymous: $code"
  fi
  codes=""
  for i in 1 2 3 4 5 6; do
    codes="$codes $(curl -s -o fail.html -w '%{http_code}' -H "Origin: $origin" \
      -d 'naam=bea&wachtwoord=fout-fout-fout' "${users_url}inloggen")"
  done
  if [ "$codes" = " 401 401 401 401 401 429" ] && grep -qF "Te veel mislukte pogingen" fail.html; then
    ok "users: the sixth failed login is refused (429)"
  else
    not_ok "users: the sixth failed login is refused (429)" "$codes"
  fi
  # Without --trust-proxy a client cannot escape the throttle by naming another address.
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Origin: $origin" -H 'X-Real-IP: 10.0.0.9' \
    -d 'naam=vera&wachtwoord=fout-fout-fout' "${users_url}inloggen")
  [ "$code" = 429 ] && ok "users: X-Real-IP is ignored without --trust-proxy" ||
    not_ok "users: X-Real-IP is ignored without --trust-proxy" "$code"
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$cookie" -H "Origin: $origin" \
    -d "csrf=$token" "${users_url}uitloggen")
  code2=$(curl -s -o /dev/null -w '%{http_code}' -b "$cookie" "${users_url}gemeente/GM1734")
  [ "$code $code2" = "303 303" ] && ok "users: after logout the cookie no longer works" ||
    not_ok "users: after logout the cookie no longer works" "$code $code2"
fi
kill "$users_pid" 2>/dev/null
wait "$users_pid" 2>/dev/null

# pok serve --trust-proxy (behind nginx on the same machine): failed logins count per
# address from X-Real-IP, so one client's mistakes do not lock out everyone else.
"$POK" --db "$USERS_DB" serve --port 0 --trust-proxy >proxy.out 2>&1 &
proxy_pid=$!
proxy_url=""
tries=0
while [ -z "$proxy_url" ] && [ $tries -lt 300 ] && kill -0 "$proxy_pid" 2>/dev/null; do
  proxy_url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' proxy.out)
  [ -z "$proxy_url" ] && sleep 0.1
  tries=$((tries + 1))
done
if [ -z "$proxy_url" ]; then
  not_ok "users: serve --trust-proxy starts" "$(cat proxy.out)"
else
  porigin=${proxy_url%/}
  login_from() { # ADDRESS NAME: the status of a failed login sent by the proxy for ADDRESS
    curl -s -o /dev/null -w '%{http_code}' -H "Origin: $porigin" -H "X-Real-IP: $1" \
      -d "naam=$2&wachtwoord=fout-fout-fout" "${proxy_url}inloggen"
  }
  codes=""
  for n in 1 2 3 4 5 6; do codes="$codes $(login_from 10.0.0.1 proxy$n)"; done
  other=$(login_from 2001:db8::7 proxy7)
  garbage=$(login_from '10.0.0.3, 10.0.0.4' proxy8)
  if [ "$codes" = " 401 401 401 401 401 429" ] && [ "$other" = 401 ] && [ "$garbage" = 429 ]; then
    ok "users: --trust-proxy throttles per X-Real-IP address; a malformed one counts as the proxy"
  else
    not_ok "users: --trust-proxy throttles per X-Real-IP address; a malformed one counts as the proxy" \
      "10.0.0.1:$codes; 2001:db8::7: $other; malformed: $garbage"
  fi
fi
kill "$proxy_pid" 2>/dev/null
wait "$proxy_pid" 2>/dev/null
