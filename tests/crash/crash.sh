#!/bin/sh
# crash.sh POK: kill pok with SIGKILL at a random moment (0-300 ms) during (a) a large
# `pok import allocations` and (b) a burst of confirmed web edits of plan amounts, and
# check afterwards that the database passes PRAGMA integrity_check and holds all or none
# of every transaction: the import adds all its figures (each with its audit row) or
# none, and every measure amount has the audit row of its current value.
# The last line is "N passed, N failed". POK_CRASH_ROUNDS sets the rounds per part.
set -u
POK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROUNDS=${POK_CRASH_ROUNDS:-12}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pok-crash.XXXXXX")
server_pid=""
trap '[ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null; rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
export POK_DB="$WORK/crash.db"
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() {
  failed=$((failed + 1))
  echo "not ok - $1"
  shift
  for line in "$@"; do echo "    $line"; done
}
q() { sqlite3 "$POK_DB" "$1"; }
# A random pause of 0 to MAX ms (default 300).
random_pause() {
  ms=$(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % (${1:-300} + 1) ))
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  echo "$ms"
}
integrity() {
  r=$(q 'pragma integrity_check')
  if [ "$r" = ok ]; then return 0; fi
  echo "$r" | head -5
  return 1
}

"$POK" demo --quiet >demo.out 2>&1 || { cat demo.out; echo "0 passed, 1 failed"; exit 1; }
src=$(q "select id from source where municipality is null order by id limit 1")

# ---- (a) a large import, killed ----
# Every municipality but Hillegom (whose closed years refuse figures) x actielijn 1-8 x
# 2021-2027, with amounts that differ per round: every line is a new version.
q "select code from municipality where code <> 'GM0534' order by code" >munis.txt
make_csv() {
  awk -v round="$1" -v src="$src" 'BEGIN { print "municipality;actielijn;year;amount;source" }
    { for (a = 1; a <= 8; a++) for (y = 2021; y <= 2027; y++)
        printf "%s;%d;%d;%d.%03d,00;%s\n", $1, a, y, 10 + round, (NR * 7 + a * 13 + y) % 1000, src }' \
    munis.txt >"import$1.csv"
}
make_csv 0
lines=$(($(wc -l <import0.csv) - 1))
# One import run to completion first: it must work, and it tells how many figures it adds.
a0=$(q "select count(*) from allocation")
t0=$(date +%s%N)
if "$POK" import allocations import0.csv >import.out 2>&1; then
  n_new=$(($(q "select count(*) from allocation") - a0))
  import_ms=$((($(date +%s%N) - t0) / 1000000))
  if [ "$n_new" = "$lines" ]; then ok "import: $lines figures in one transaction"
  else not_ok "import: $lines figures in one transaction" "added $n_new"; fi
else
  not_ok "import: the file imports" "$(head -5 import.out)"
  n_new=$lines
fi

# Kill anywhere from the start to a little after the time a whole import takes, so that
# some kills land before the commit and some after it.
kill_max=$(( ${import_ms:-300} * 13 / 10 + 1 ))
cut=0
for round in $(seq 1 "$ROUNDS"); do
  make_csv "$round"
  a_before=$(q "select count(*) from allocation")
  u_before=$(q "select count(*) from audit")
  "$POK" import allocations "import$round.csv" >/dev/null 2>&1 &
  pid=$!
  ms=$(random_pause "$kill_max")
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  a_after=$(q "select count(*) from allocation")
  u_after=$(q "select count(*) from audit")
  added=$((a_after - a_before))
  audited=$((u_after - u_before))
  name="import killed after ${ms} ms (round $round)"
  if ! problems=$(integrity); then
    not_ok "$name: integrity_check" "$problems"
  elif [ "$added" = 0 ] && [ "$audited" = 0 ]; then
    cut=$((cut + 1))
    ok "$name: none of it"
  elif [ "$added" = "$n_new" ] && [ "$audited" = "$n_new" ]; then
    ok "$name: all of it"
  else
    not_ok "$name: all or nothing" "allocations +$added, audit rows +$audited, expected 0 or $n_new"
  fi
done
echo "# import: $cut of $ROUNDS rounds killed before the commit"

# ---- (b) a burst of web edits, server killed ----
measures=$(q "select id from measure where municipality = 'GM1734' order by id limit 4")
# amounts_unaudited: measure amounts whose current value has no audit row.
amounts_unaudited() {
  q "select count(*) from measure_amount ma where not exists (select 1 from audit a
      where a.table_name = 'measure_amount' and a.record_id = ma.id
      and json_extract(a.after_json, '$.amount_cents') = ma.amount_cents)"
}
# burst URL MEASURE: confirmed plan amounts for 2024-2027, one after another.
burst() {
  i=0
  while [ $i -lt 200 ]; do
    year=$((2024 + i % 4))
    curl -s -o /dev/null --max-time 5 --data-urlencode soort=plan --data-urlencode "jaar=$year" \
      --data-urlencode "bedrag=$(( (i * 37 + $2) % 90000 + 1000 )),00" \
      --data-urlencode bron= --data-urlencode plaats= --data-urlencode besluit= \
      --data-urlencode confirm=1 "$1maatregel/$2/bedrag" || return 0
    i=$((i + 1))
  done
}

edits=0
for round in $(seq 1 "$ROUNDS"); do
  : >serve.out
  "$POK" serve --port 0 >serve.out 2>&1 &
  server_pid=$!
  url=""
  tries=0
  while [ -z "$url" ] && [ $tries -lt 100 ] && kill -0 "$server_pid" 2>/dev/null; do
    url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' serve.out)
    [ -z "$url" ] && sleep 0.05
    tries=$((tries + 1))
  done
  if [ -z "$url" ]; then
    not_ok "web round $round: server starts" "$(cat serve.out)"
    kill -9 "$server_pid" 2>/dev/null
    continue
  fi
  u_before=$(q "select count(*) from audit")
  burst_pids=""
  for m in $measures; do
    burst "$url" "$m" &
    burst_pids="$burst_pids $!"
  done
  ms=$(random_pause)
  kill -9 "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  server_pid=""
  for p in $burst_pids; do wait "$p" 2>/dev/null; done
  saved=$(($(q "select count(*) from audit") - u_before))
  edits=$((edits + saved))
  name="web edits killed after ${ms} ms (round $round, $saved saved)"
  if ! problems=$(integrity); then
    not_ok "$name: integrity_check" "$problems"
  else
    missing=$(amounts_unaudited)
    if [ "$missing" = 0 ]; then ok "$name: every amount has its audit row"
    else not_ok "$name: every amount has its audit row" "$missing amounts without"; fi
  fi
done
if [ "$edits" -gt 0 ]; then ok "web: $edits edits saved in all rounds"
else not_ok "web: edits were saved" "no confirmed edit reached the database"; fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
