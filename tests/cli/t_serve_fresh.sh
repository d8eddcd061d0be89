# pok serve keeps pages in a cache (src/web/cache.h): a change made by another process
# (the pok command line) must still show on the very next request.
FRESH_DB=$(db_new fresh)
"$POK" --db "$FRESH_DB" demo --quiet >out 2>&1 || not_ok "serve fresh: demo database" "demo failed"
serve_start "$FRESH_DB" fresh.out
fresh_pid=$serve_pid
fresh_url=$serve_url
if [ -z "$fresh_url" ]; then
  not_ok "serve fresh: starts" "no address" "$(cat fresh.out)"
else
  page="${fresh_url}gemeente/GM1734"
  # Twice, so that the second answer comes from the cache.
  curl -s --max-time 30 -o fresh1.html "$page"
  curl -s --max-time 30 -o fresh2.html "$page"
  if grep -qF "€ 180.000" fresh2.html && ! grep -qF "€ 130.000" fresh2.html &&
    cmp -s fresh1.html fresh2.html; then
    ok "serve fresh: the page twice, 2027 unplanned € 180.000"
  else
    not_ok "serve fresh: the page twice, 2027 unplanned € 180.000" "pages differ or figure missing"
  fi
  api="${fresh_url}api/v1/gemeenten/GM1734/dekking"
  curl -s --max-time 30 -o /dev/null "$api"
  curl -s --max-time 30 -o fresh0.json "$api"
  if grep -q '"unplanned_cents": 18000000' fresh0.json; then ok "serve fresh: the coverage JSON twice"
  else not_ok "serve fresh: the coverage JSON twice" "$(head -c 600 fresh0.json)"; fi
  # Another process plans 50.000 in 2027: 180.000 - 50.000 = 130.000 is left unplanned.
  expect "serve fresh: plan 2027 from the command line" 0 "maatregel 1 2027 gepland: € 50.000" -- \
    "$POK" --db "$FRESH_DB" measure plan 1 2027 50.000
  curl -s --max-time 30 -o fresh3.html "$page"
  if grep -qF "€ 130.000" fresh3.html && grep -qF "€ 50.000" fresh3.html; then
    ok "serve fresh: the next request shows € 130.000 unplanned"
  else
    not_ok "serve fresh: the next request shows € 130.000 unplanned" "stale page" \
      "$(grep -o '€ [0-9.]*' fresh3.html | sort | uniq -c | tr '\n' ' ')"
  fi
  # The JSON API of the same municipality is fresh too.
  code=$(curl -s --max-time 30 -o fresh.json -w '%{http_code}' "$api")
  if [ "$code" = 200 ] && grep -q '"unplanned_cents": 13000000' fresh.json; then
    ok "serve fresh: the coverage JSON shows 130.000 unplanned"
  else
    not_ok "serve fresh: the coverage JSON shows 130.000 unplanned" "HTTP $code" "$(head -c 600 fresh.json)"
  fi
fi
serve_stop "$fresh_pid"
