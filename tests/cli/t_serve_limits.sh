# pok serve under hostile input: oversized bodies, stalled clients, malformed requests.
# Each must get its 4xx (or, where the library refuses to parse, a closed connection),
# never a crash, and the server must keep answering normal requests meanwhile and after.
# Raw requests go through bash's /dev/tcp; every wait is bounded by timeout(1).
expect "serve limits: --timeout 0 is refused" 1 "veld 'timeout'" "niet '0'" -- \
  "$POK" --db "$(db_new limits-none)" serve --timeout 0
expect "serve limits: --db-connections 0 is refused" 1 "veld 'db-connections'" "1 tot en met 64" "niet '0'" -- \
  "$POK" --db "$(db_new limits-none)" serve --db-connections 0
expect "serve limits: --db-connections 65 is refused" 1 "veld 'db-connections'" "niet '65'" -- \
  "$POK" --db "$(db_new limits-none)" serve --db-connections 65
LIMITS_DB=$(db_new limits)
"$POK" --db "$LIMITS_DB" demo --quiet >out 2>&1 || not_ok "serve limits: demo database" "demo failed"
"$POK" --db "$LIMITS_DB" serve --port 0 --timeout 2 --db-connections 3 >limits.out 2>&1 &
limits_pid=$!
limits_url=""
tries=0
while [ -z "$limits_url" ] && [ $tries -lt 300 ] && kill -0 "$limits_pid" 2>/dev/null; do
  limits_url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' limits.out)
  [ -z "$limits_url" ] && sleep 0.1
  tries=$((tries + 1))
done
if [ -z "$limits_url" ]; then
  not_ok "serve limits: starts with --timeout 2" "no address after $tries tries" "$(cat limits.out)"
else
  ok "serve limits: starts with --timeout 2"
  limits_port=${limits_url##*:}
  limits_port=${limits_port%/}
  # limits_get PATH: the status of a normal GET (000 when there is no answer).
  limits_get() { curl -s --max-time 20 -o /dev/null -w '%{http_code}' "$limits_url${1#/}"; }
  # limits_expect NAME WANT CODE: CODE is WANT (a pattern like 400|431) and the server
  # still answers the start page afterwards.
  limits_expect() {
    after=$(limits_get /)
    for w in $(echo "$2" | tr '|' ' '); do
      [ "$3" = "$w" ] || continue
      if [ "$after" = 200 ]; then ok "$1"; else not_ok "$1" "HTTP $3, then GET / gave $after"; fi
      return
    done
    not_ok "$1" "HTTP $3, expected $2"
  }
  # limits_raw FORMAT: send printf FORMAT on a fresh connection; print the status code of
  # the answer, or "closed" when the server closed without one.
  limits_raw() {
    # shellcheck disable=SC2059
    printf "$1" >raw.req
    timeout 20 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0" && cat raw.req >&3 && head -n 1 <&3' \
      "$limits_port" >raw.out 2>/dev/null
    code=$(sed -n '1s/^HTTP\/1\.[01] \([0-9][0-9][0-9]\).*/\1/p' raw.out)
    echo "${code:-closed}"
  }

  # Oversized bodies: 413 whether announced (Content-Length) or streamed (chunked).
  head -c 2097152 /dev/zero | tr '\0' a >big2.txt
  code=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' --data-binary @big2.txt \
    -H 'Content-Type: application/x-www-form-urlencoded' "${limits_url}gemeente/GM1734/reserve/nieuw")
  limits_expect "serve limits: a 2 MiB form POST is 413" 413 "$code"
  code=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' --data-binary @big2.txt \
    -H 'Transfer-Encoding: chunked' -H 'Content-Type: application/x-www-form-urlencoded' \
    "${limits_url}gemeente/GM1734/reserve/nieuw")
  limits_expect "serve limits: a 2 MiB chunked POST is 413" 413 "$code"

  # Stalled clients: half a request line and headers, and headers with half a body. Both
  # hold their connection while other requests are answered, and are dropped after the
  # time-out (2 s) without an answer.
  for kind in headers body; do
    if [ "$kind" = headers ]; then half='GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ja'
    else half='POST /gemeente/GM1734/reserve/nieuw HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\njaar=20'; fi
    # shellcheck disable=SC2016
    timeout 30 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 9; printf "$1" >&3
      start=$(date +%s); got=$(head -c 100 <&3 | wc -c); echo "$got $(( $(date +%s) - start ))"' \
      "$limits_port" "$half" >"stall_$kind.out" 2>&1 &
    stall_pid=$!
    sleep 0.5
    during=$(limits_get /gemeente/GM1734)
    wait "$stall_pid"
    read -r stall_bytes stall_secs <"stall_$kind.out"
    if [ "$during" = 200 ] && [ "${stall_bytes:-x}" = 0 ] && [ "${stall_secs:-99}" -ge 1 ] &&
      [ "${stall_secs:-99}" -le 20 ]; then
      ok "serve limits: a client stalled in the $kind is dropped after the time-out"
    else
      not_ok "serve limits: a client stalled in the $kind is dropped after the time-out" \
        "GET meanwhile: $during; stalled connection: $(cat "stall_$kind.out") (bytes, seconds)"
    fi
  done

  # Malformed requests.
  limits_expect "serve limits: a garbage request line is refused" '400|closed' \
    "$(limits_raw '\001\002\003 zomaar wat\r\n\r\n')"
  limits_expect "serve limits: a request line without a version is refused" '400|closed' \
    "$(limits_raw 'GET\r\n\r\n')"
  limits_expect "serve limits: an unknown HTTP version is 505" 505 \
    "$(limits_raw 'GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n')"
  limits_expect "serve limits: a header line without a colon is 400" 400 \
    "$(limits_raw 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nkapotte kop\r\n\r\n')"
  limits_expect "serve limits: a NUL byte in a header does not crash" '200|400' \
    "$(limits_raw 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Nul: a\000b\r\n\r\n')"
  limits_expect "serve limits: %00 in the path is 400" 400 "$(limits_get /gemeente/GM1734%00x)"
  limits_expect "serve limits: %00 in the query is 400" 400 "$(limits_get '/?q=olst%00x')"
  limits_expect "serve limits: a bad escape in the path is 404" 404 "$(limits_get /gemeente/%zz%)"
  limits_expect "serve limits: a bad escape in the query is taken as text" 200 \
    "$(limits_get '/?q=%zz%&x=%4')"
  long=$(head -c 40000 /dev/zero | tr '\0' a)
  code=$(curl -s --max-time 20 -o /dev/null -w '%{http_code}' -H "X-Lang: $long" "$limits_url")
  limits_expect "serve limits: a 40 kB header is 431" 431 "$code"
  limits_expect "serve limits: a 40 kB path is 414" 414 "$(limits_get "/$long")"
  params=$(seq 1 65 | sed 's/.*/p&=1/' | paste -sd'&' -)
  limits_expect "serve limits: 65 query parameters are 400" 400 "$(limits_get "/?$params")"
  many=$(seq 1 2000 | sed 's/.*/p&/' | paste -sd'&' -)
  limits_expect "serve limits: 2000 query parameters are 400, not a hang" 400 \
    "$(limits_get "/?$many")"
  form_params=$(seq 1 257 | sed 's/.*/p&=1/' | paste -sd'&' -)
  code=$(curl -s --max-time 20 -o /dev/null -w '%{http_code}' --data "$form_params" \
    "${limits_url}gemeente/GM1734/reserve/nieuw")
  limits_expect "serve limits: 257 form parameters are 400" 400 "$code"
  code=$(curl -s --max-time 20 -o /dev/null -w '%{http_code}' --data 'jaar=2024%00&bedrag=1' \
    "${limits_url}gemeente/GM1734/reserve/nieuw")
  limits_expect "serve limits: %00 in a form is 400" 400 "$code"
  code=$(curl -s --max-time 20 -o /dev/null -w '%{http_code}' --data '{"jaar": 2024}' \
    -H 'Content-Type: application/json' "${limits_url}gemeente/GM1734/reserve/nieuw")
  limits_expect "serve limits: a JSON POST to a form is 415" 415 "$code"

  # A body announced too large is refused at once, not after the time-out (2 s here: a
  # server waiting for the body closes without an answer).
  limits_expect "serve limits: Content-Length 2000000 without a body is 413 at once" 413 \
    "$(limits_raw 'POST /gemeente/GM1734/reserve/nieuw HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\n\r\n')"

  # Known hosts (DNS rebinding): only loopback names, the listening address and --host.
  limits_expect "serve limits: a request without Host is 400" 400 \
    "$(limits_raw 'GET / HTTP/1.0\r\n\r\n')"
  limits_expect "serve limits: Host localhost is answered" 200 \
    "$(limits_raw "GET / HTTP/1.1\\r\\nHost: localhost:$limits_port\\r\\nConnection: close\\r\\n\\r\\n")"
  limits_expect "serve limits: Host [::1] is answered" 200 \
    "$(limits_raw "GET / HTTP/1.1\\r\\nHost: [::1]:$limits_port\\r\\nConnection: close\\r\\n\\r\\n")"
  limits_expect "serve limits: a rebound name is 421 (page)" 421 \
    "$(limits_raw "GET /gemeente/GM1734/export.json HTTP/1.1\\r\\nHost: rebind.example:$limits_port\\r\\nConnection: close\\r\\n\\r\\n")"
  before=$("$POK" --db "$LIMITS_DB" decision list GM1734 2>/dev/null | wc -l)
  form='datum=2024-05-01&orgaan=college&titel=Herbonden'
  limits_expect "serve limits: a rebound name is 421 (form post with a matching Origin)" 421 \
    "$(limits_raw "POST /gemeente/GM1734/besluit/nieuw HTTP/1.1\\r\\nHost: rebind.example:$limits_port\\r\\nOrigin: http://rebind.example:$limits_port\\r\\nContent-Type: application/x-www-form-urlencoded\\r\\nContent-Length: ${#form}\\r\\nConnection: close\\r\\n\\r\\n$form")"
  after=$("$POK" --db "$LIMITS_DB" decision list GM1734 2>/dev/null | wc -l)
  if [ "$before" = "$after" ]; then ok "serve limits: the rebound post stored nothing"
  else not_ok "serve limits: the rebound post stored nothing" "decisions: $before, then $after"; fi

  # Per-client limits: 300 slow connections from 127.0.0.1, each sending a header line
  # every second (never idle for the 2 s time-out), while 127.0.0.2 gets its pages within
  # a second. Loopback only; the slow client stops by itself after 8 s.
  python3 "$HERE/tools/slow_clients.py" "$limits_port" 300 8 >slow.out 2>&1 &
  slow_pid=$!
  tries=0
  while ! grep -q '^ready' slow.out && [ $tries -lt 200 ]; do sleep 0.1; tries=$((tries + 1)); done
  fast=""
  for page in / /gemeente/GM1734 /gemeente/GM1773/maatregelen; do
    fast="$fast $(curl -s --interface 127.0.0.2 --max-time 1 -o /dev/null -w '%{http_code}' \
      "http://127.0.0.1:$limits_port$page")"
  done
  wait "$slow_pid"
  if [ "$fast" = " 200 200 200" ] && grep -q '^ready' slow.out; then
    ok "serve limits: 300 slow connections from one address do not lock another out"
  else
    not_ok "serve limits: 300 slow connections from one address do not lock another out" \
      "pages from 127.0.0.2:$fast" "slow client: $(tr '\n' ' ' <slow.out)"
  fi
fi
serve_stop "$limits_pid"
if [ "$serve_killed" = 1 ]; then
  not_ok "serve limits: survives and stops on SIGTERM" "still running after 30 s"
else
  status=$serve_status
  if [ "$status" = 0 ] && grep -q "gestopt (SIGTERM)" limits.out; then
    ok "serve limits: survives and stops on SIGTERM"
  else
    not_ok "serve limits: survives and stops on SIGTERM" "exit status $status" "$(cat limits.out)"
  fi
fi
