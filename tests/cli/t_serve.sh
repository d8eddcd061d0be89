# pok serve on a real socket: the pages, the security headers, 404, and a clean stop.
SERVE_DB=$(db_new serve)
"$POK" --db "$SERVE_DB" demo --quiet >out 2>&1 || not_ok "serve: demo database" "demo failed"
"$POK" --db "$SERVE_DB" serve --port 0 >serve.out 2>&1 &
serve_pid=$!
# The server prints its address once it listens; under valgrind that takes a while.
serve_url=""
tries=0
while [ -z "$serve_url" ] && [ $tries -lt 300 ] && kill -0 "$serve_pid" 2>/dev/null; do
  serve_url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' serve.out)
  [ -z "$serve_url" ] && sleep 0.1
  tries=$((tries + 1))
done
if [ -z "$serve_url" ]; then
  not_ok "serve: starts and prints its address" "no address after $tries tries" "$(cat serve.out)"
else
  ok "serve: starts and prints its address"
  # expect_page NAME PATH STATUS PATTERN...: status, CSP header and every pattern.
  expect_page() {
    name=$1 path=$2 want=$3
    shift 3
    code=$(curl -s --max-time 30 -D headers -o body -w '%{http_code}' "$serve_url${path#/}")
    if [ "$code" != "$want" ]; then not_ok "$name" "HTTP $code, expected $want"; return; fi
    if ! grep -qi "^Content-Security-Policy: default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'" headers ||
      ! grep -qi '^X-Content-Type-Options: nosniff' headers; then
      not_ok "$name" "security headers missing" "$(cat headers)"
      return
    fi
    for p in "$@"; do
      if ! grep -qF -- "$p" body; then not_ok "$name" "missing in body: $p"; return; fi
    done
    ok "$name"
  }
  expect_page "serve: start page lists Overbetuwe" / 200 '<html lang="nl">' \
    '<a href="/gemeente/GM1734">Overbetuwe</a>' "Gemeenten met gegevens"
  expect_page "serve: search" "/?q=wijhe" 200 "Olst-Wijhe" "1 gemeente gevonden"
  expect_page "serve: Overbetuwe coverage and checks" /gemeente/GM1734 200 \
    "Onttrekking uit reserve" "€ 224.500" "€ 180.000" "Controles" "€ 596.437"
  expect_page "serve: unknown municipality is 404" /gemeente/GM9999 404 "Onbekende gemeente"
  expect_page "serve: unknown page is 404" /bestaat/niet 404 "Niet gevonden"
  expect_page "serve: coverage JSON" /api/v1/gemeenten/GM1734/dekking 200 \
    '"reserve_withdrawal_cents": 22450000'
  expect_page "serve: coverage CSV for people" /gemeente/GM1734/dekking.csv 200 \
    "Alle middelen;2024;nee;459500,00;175000,00"
  expect_page "serve: coverage data CSV" /gemeente/GM1734/dekking-data.csv 200 \
    "GM1734,0,Alle middelen,2024,0,17500000"
  expect_page "serve: the OpenAPI document" /api/openapi.json 200 '"openapi": "3.1.0"'
  "$POK" openapi >openapi.json
  cmp -s body openapi.json && ok "serve: /api/openapi.json is what pok openapi writes" ||
    not_ok "serve: /api/openapi.json is what pok openapi writes"
  expect_page "serve: stylesheet" /static/pok.css 200 ":focus"
  expect_page "serve: markup in the path is escaped" "/gemeente/%3Cscript%3Ealert(1)" 404 \
    "Niet gevonden"
  code=$(curl -s --max-time 30 -o body -w '%{http_code}' -X POST "${serve_url}gemeente/GM1734")
  [ "$code" = 405 ] && ok "serve: wrong method is 405" || not_ok "serve: wrong method is 405" "HTTP $code"
  head -c 1100000 /dev/zero | tr '\0' x >big.txt
  code=$(curl -s --max-time 30 -o body -w '%{http_code}' -X POST --data-binary @big.txt \
    -H 'Content-Type: application/x-www-form-urlencoded' "$serve_url")
  [ "$code" = 413 ] && ok "serve: a body over 1 MiB is 413" || not_ok "serve: a body over 1 MiB is 413" "HTTP $code"
fi
# SIGTERM stops it cleanly (under valgrind: without leaks); never wait unbounded.
serve_stop "$serve_pid"
if [ "$serve_killed" = 1 ]; then
  not_ok "serve: stops on SIGTERM" "still running after 30 s"
else
  status=$serve_status
  if [ "$status" = 0 ] && grep -q "gestopt (SIGTERM)" serve.out; then ok "serve: stops on SIGTERM"
  else not_ok "serve: stops on SIGTERM" "exit status $status" "$(cat serve.out)"; fi
fi
