#!/bin/sh
# national.sh [POK]: the national monitor's pages from an empty cache, at 342 and at 3,420
# synthetic municipalities (pok demo --synthetic-national --scale 1 and 10), against the
# sqlite3 shell running the equivalent GROUP BY over the same file, in one run.
#
# "From an empty cache": each measurement starts a fresh pok serve (open mode, loopback)
# and times the first request of the page with curl (time_total), so nothing of an earlier
# request is kept; the server's start is not in the time. The bare query is the sqlite3
# shell summing the current allocations per year and actielijn and the plan and realised
# amounts per year and kind of every sharing municipality (what the national page's
# tables rest on), timed as a whole process. Each figure is the median of ROUNDS runs.
#
# Aims (issue 15): the national page within 3x of the bare query, and its growth from 342
# to 3,420 no worse than linear (at most 10x). Prints a table and the ratios; exits 1 when
# a page does not answer 200.
#
# Environment: ROUNDS (default 5).
set -eu

POK=${1:-build/pok}
POK=$(cd "$(dirname "$POK")" && pwd)/$(basename "$POK")
ROUNDS=${ROUNDS:-5}
for tool in curl sqlite3; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "national.sh: $tool is missing" >&2
    exit 1
  }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pok-bench.XXXXXX")
pok_pid=""
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
cleanup() {
  stop "$pok_pid"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The database of scale S, made by this binary (a few seconds).
db_of() {
  db="$WORK/national-$1.db"
  "$POK" --db "$db" demo --synthetic-national --scale "$1" >"$WORK/demo.out" 2>&1 || {
    cat "$WORK/demo.out" >&2
    exit 1
  }
  echo "$db"
}

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# page_ms DB PATH: the first request of PATH on a fresh server, in ms, ROUNDS times.
page_ms() {
  i=0
  while [ $i -lt "$ROUNDS" ]; do
    pok_serve_start "$1" "$WORK/pok.out"
    pok_pid=$started_pid
    [ -n "$started_url" ] || {
      cat "$WORK/pok.out" >&2
      exit 1
    }
    out=$(curl -s -o "$WORK/page" -w '%{http_code} %{time_total}' "$started_url$2")
    stop "$pok_pid"
    pok_pid=""
    [ "${out%% *}" = 200 ] || {
      echo "national.sh: $2 answered ${out%% *}" >&2
      exit 1
    }
    echo "${out#* }" | awk '{printf "%.1f\n", $1 * 1000}'
    i=$((i + 1))
  done | median
}

BARE_SQL="SELECT a.year, l.number, sum(a.amount_cents), count(DISTINCT a.municipality)
 FROM allocation a JOIN municipality_sharing sh ON sh.municipality = a.municipality
 AND sh.level >= 1 LEFT JOIN actielijn l ON l.id = a.actielijn_id
 WHERE a.version = (SELECT max(b.version) FROM allocation b WHERE
 b.municipality = a.municipality AND b.scheme_id = a.scheme_id AND
 COALESCE(b.actielijn_id, 0) = COALESCE(a.actielijn_id, 0) AND b.year = a.year AND
 b.year_to = a.year_to) GROUP BY a.year, l.number;
SELECT ma.year, ma.kind, sum(ma.amount_cents), count(DISTINCT m.municipality)
 FROM measure_amount ma JOIN measure m ON m.id = ma.measure_id
 JOIN municipality_sharing sh ON sh.municipality = m.municipality AND sh.level >= 1
 GROUP BY ma.year, ma.kind;"

bare_ms() {
  i=0
  while [ $i -lt "$ROUNDS" ]; do
    t0=$(date +%s%N)
    sqlite3 "$1" "$BARE_SQL" >"$WORK/bare.out"
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 100000)) | awk '{printf "%.1f\n", $1 / 10}'
    i=$((i + 1))
  done | median
}

printf '%-34s %12s %12s\n' "" "342" "3.420"
for scale in 1 10; do
  eval "db_$scale=\$(db_of $scale)"
done
row() {
  label=$1
  shift
  a=$("$@" "$db_1")
  b=$("$@" "$db_10")
  printf '%-34s %10s ms %10s ms\n' "$label" "$a" "$b"
  eval "last_1=$a last_10=$b"
}
row "sqlite3: GROUP BY (bare query)" bare_ms
bare_1=$last_1 bare_10=$last_10
page() { page_ms "$1" "$PAGE_PATH"; }
PAGE_PATH=/landelijk
row "pok: /landelijk" page
nat_1=$last_1 nat_10=$last_10
PAGE_PATH=/gemeente/GM1734/vergelijking
row "pok: /gemeente/GM1734/vergelijking" page
PAGE_PATH=/landelijk/volledigheid
row "pok: /landelijk/volledigheid" page
PAGE_PATH=/api/v1/landelijk
row "pok: /api/v1/landelijk" page
if "$POK" --help 2>&1 | grep -q "pok search"; then
  PAGE_PATH="/landelijk/maatregelen?q=schuldhulp"
  row "pok: /landelijk/maatregelen?q=..." page
fi
awk -v n1="$nat_1" -v n10="$nat_10" -v b1="$bare_1" -v b10="$bare_10" 'BEGIN {
  printf "/landelijk against the bare query: %.2fx at 342, %.2fx at 3.420 (aim: at most 3x)\n",
    n1 / b1, n10 / b10
  printf "growth 342 -> 3.420: pok %.2fx, bare query %.2fx (aim: at most 10x, linear)\n",
    n10 / n1, b10 / b1
}'
