# Two pok serve processes on one database, as behind nginx (docs/deploy.md): a change
# posted through one is on the very next page of the other, whose cached page of the
# municipality must not be served stale. On SQLite one file, on PostgreSQL (make test-pg)
# one server: the data version each write bumps (store_data_version) is what both watch.
TWO_DB=$(db_new two)
"$POK" --db "$TWO_DB" demo --quiet >out 2>&1 || not_ok "serve two: demo database" "demo failed"

serve_start "$TWO_DB" two_a.out
two_pid_a=$serve_pid
two_url_a=$serve_url
serve_start "$TWO_DB" two_b.out
two_pid_b=$serve_pid
two_url_b=$serve_url
if [ -z "$two_url_a" ] || [ -z "$two_url_b" ]; then
  not_ok "serve two: both start" "$(cat two_a.out two_b.out)"
else
  ok "serve two: both start on one database"
  page="${two_url_b}gemeente/GM1734/maatregelen"
  api="${two_url_b}api/v1/gemeenten/GM1734/dekking"
  # B makes the pages and keeps them in its cache
  curl -s --max-time 30 -o two1.html "$page"
  curl -s --max-time 30 -o two2.html "$page"
  curl -s --max-time 30 -o /dev/null "$api"
  curl -s --max-time 30 -o two1.json "$api"
  if cmp -s two1.html two2.html && ! grep -qF "Via proces A" two2.html &&
    grep -q '"unplanned_cents": 18000000' two1.json; then
    ok "serve two: B's pages twice, 2027 unplanned € 180.000"
  else
    not_ok "serve two: B's pages twice" "pages differ or 180.000 missing" "$(head -c 400 two1.json)"
  fi
  # through A: a new measure with a plan of 50.000 for 2027
  code=$(curl -s --max-time 30 -D two_h -o two_body -w '%{http_code}' \
    --data-urlencode 'naam=Via proces A' --data-urlencode status=gepland --data-urlencode pot= \
    "${two_url_a}gemeente/GM1734/maatregel/nieuw")
  m=$(sed -n 's/^[Ll]ocation: \(\/maatregel\/[0-9]*\).*/\1/p' two_h | tr -d '\r')
  code2=$(curl -s --max-time 30 -o two_body -w '%{http_code}' \
    --data-urlencode soort=plan --data-urlencode jaar=2027 --data-urlencode bedrag=50.000 \
    --data-urlencode bron= --data-urlencode plaats= --data-urlencode besluit= \
    --data-urlencode confirm=1 "${two_url_a}${m#/}/bedrag")
  if [ "$code" = 303 ] && [ -n "$m" ] && [ "$code2" = 303 ]; then
    ok "serve two: A saves a measure and its 2027 plan"
  else
    not_ok "serve two: A saves a measure and its plan" "HTTP $code / $code2" "$(cat two_h)"
  fi
  # the next requests to B: fresh
  curl -s --max-time 30 -o two3.html "$page"
  curl -s --max-time 30 -o two3.json "$api"
  if grep -qF "Via proces A" two3.html && grep -q '"unplanned_cents": 13000000' two3.json; then
    ok "serve two: B's next requests show A's measure and € 130.000 unplanned"
  else
    not_ok "serve two: B's next requests show A's change" "stale" "$(head -c 400 two3.json)"
  fi
  # and the other way round: through B, seen by A (whose page was cached after the post)
  curl -s --max-time 30 -o /dev/null "${two_url_a}gemeente/GM1734/maatregelen"
  curl -s --max-time 30 -o /dev/null "${two_url_a}gemeente/GM1734/maatregelen"
  curl -s --max-time 30 -o /dev/null --data-urlencode 'naam=Via proces B' \
    --data-urlencode status=gepland --data-urlencode pot= "${two_url_b}gemeente/GM1734/maatregel/nieuw"
  curl -s --max-time 30 -o two4.html "${two_url_a}gemeente/GM1734/maatregelen"
  if grep -qF "Via proces B" two4.html; then ok "serve two: A's next page shows B's measure"
  else not_ok "serve two: A's next page shows B's measure" "stale page"; fi
fi
serve_stop "$two_pid_a"
serve_stop "$two_pid_b"
