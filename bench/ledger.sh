#!/bin/sh
# ledger.sh [POK]: benchmark pok's grootboek import and totals, in one run, side by side.
#
# On the same generated grootboek files (LINES lines, default 10 million, and
# SMALL_LINES, default 200 000; semicolons, decimal comma; made once with
# tests/data/gen_grootboek.py and a fixed seed, cached in $BENCH_DIR):
#   import:   `pok import ledger FILE --municipality GM1734` into a fresh database with 12
#             measures on KP9001..KP9012 (every booking of those is stored for tracing)
#             against the sqlite3 shell: `.import` of the whole file into a fresh
#             database plus SELECT ... GROUP BY kostenplaats, boekjaar;
#   totals:   `pok ledger totals FILE --format csv` against a one-pass awk sum (the
#             system awk), and, on the small file only, hledger with bench/grootboek.rules.
# ROUNDS rounds (default 3) in which the tools take turns; the table shows medians, the
# ratio to pok for the same job and the peak RSS (GNU time's %M).
#
# The same run checks the results: the totals per (kostenplaats, jaar) of pok, awk and
# sqlite3 are equal to the cent (count and sum, every cost centre), hledger's sums too,
# and the realised amount pok's import stored per measure and year equals awk's sum of
# its cost centre. A difference makes the script fail (exit 1).
#
# The import runs on both backends: on SQLite (the file) and on PostgreSQL (a throwaway
# server from scripts/pgtest.sh, which this script re-runs itself under; an existing
# POK_TEST_PG is used as is), each into a fresh database; PostgreSQL's realised amounts
# are checked against awk like SQLite's. The issue's aim: PostgreSQL within 2x of SQLite.
#
# Environment: POK_BENCH_DIR or BENCH_DIR (cache of generated files, default
# /tmp/pok-bench), GEN_GROOTBOEK (the generator, default tests/data/gen_grootboek.py),
# LINES, SMALL_LINES, ROUNDS, SEED (1), AWK (awk),
# HLEDGER (hledger; HLEDGER=none skips it), BACKENDS ("sqlite postgresql").
set -eu
BACKENDS=${BACKENDS:-sqlite postgresql}
case " $BACKENDS " in
*" postgresql "*)
  if [ -z "${POK_TEST_PG:-}" ] && [ -f "$(dirname "$0")/../scripts/pgtest.sh" ]; then
    exec sh "$(dirname "$0")/../scripts/pgtest.sh" sh "$0" "$@"
  fi
  [ -n "${POK_TEST_PG:-}" ] || { echo "ledger.sh: no PostgreSQL: that backend is NOT measured" >&2; BACKENDS=sqlite; }
  ;;
esac

HERE=$(cd "$(dirname "$0")" && pwd)
POK=${1:-build/pok}
POK=$(cd "$(dirname "$POK")" && pwd)/$(basename "$POK")
BENCH_DIR=${POK_BENCH_DIR:-${BENCH_DIR:-/tmp/pok-bench}}
LINES=${LINES:-10000000}
SMALL_LINES=${SMALL_LINES:-200000}
ROUNDS=${ROUNDS:-3}
SEED=${SEED:-1}
AWK=${AWK:-awk}
HLEDGER=${HLEDGER:-hledger}
MUNI=GM1734
CHECK="python3 $HERE/ledger_check.py"
RULES=$HERE/grootboek.rules

die() {
  echo "ledger.sh: $*" >&2
  exit 1
}
[ -x "$POK" ] || die "$POK is geen uitvoerbaar bestand (eerst make)"
for tool in sqlite3 python3 "$AWK"; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool ontbreekt"
done
[ -x /usr/bin/time ] || die "/usr/bin/time ontbreekt (Debian-pakket time; make bench-ledger installeert het)"
if [ "$HLEDGER" != none ] && ! command -v "$HLEDGER" >/dev/null 2>&1; then
  die "$HLEDGER ontbreekt (make bench-ledger installeert het; HLEDGER=none slaat het over)"
fi
"$POK" ledger totals --help >/dev/null 2>&1 || die "$POK kent 'pok ledger totals' niet"
"$POK" import ledger --help >/dev/null 2>&1 || die "$POK kent 'pok import ledger' niet"

# The generator: $GEN_GROOTBOEK, else the copy in tests/data/ (of ../shared/bench/).
generator() {
  for g in "${GEN_GROOTBOEK:-}" "$HERE/../tests/data/gen_grootboek.py"; do
    if [ -n "$g" ] && [ -f "$g" ]; then
      echo "$g"
      return 0
    fi
  done
  die "gen_grootboek.py niet gevonden: zet GEN_GROOTBOEK=/pad/naar/gen_grootboek.py (verwacht in tests/data/)"
}

# grootboek N: path of the N-line file, generated once (under a temporary name first, so
# an interrupted run never leaves a half file behind as the cached one).
grootboek() {
  f="$BENCH_DIR/grootboek-$1-seed$SEED.csv"
  if [ ! -s "$f" ]; then
    gen=$(generator)
    mkdir -p "$BENCH_DIR"
    echo "ledger.sh: genereer $f ($1 regels) met $gen" >&2
    python3 "$gen" --lines "$1" --seed "$SEED" >"$f.tmp.$$" || die "genereren mislukt"
    mv "$f.tmp.$$" "$f"
  fi
  head -1 "$f" | grep -q '^boekdatum;boekjaar;periode;grootboekrekening;kostenplaats;' ||
    die "$f heeft niet de kop van gen_grootboek.py"
  echo "$f"
}

BIG=$(grootboek "$LINES")
SMALL=$(grootboek "$SMALL_LINES")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pok-ledger-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
TIMES=$WORK/times.txt
: >"$TIMES"

# measure TOOL LABEL OUT CMD...: run CMD (stdout to OUT), append "TOOL LABEL ms rss_kb".
# Wall time from date's nanoseconds (GNU time's %e has only centiseconds); peak RSS from
# GNU time.
measure() {
  tool=$1
  label=$2
  out=$3
  shift 3
  t0=$(date +%s%N)
  if ! /usr/bin/time -f '%M' -o "$WORK/rss" "$@" >"$out" 2>"$WORK/err"; then
    echo "ledger.sh: $tool op $label regels mislukte: $*" >&2
    sed 's/^/  | /' "$WORK/err" | tail -20 >&2
    exit 1
  fi
  t1=$(date +%s%N)
  echo "$tool $label $(((t1 - t0) / 1000000)) $(tail -1 "$WORK/rss")" >>"$TIMES"
  printf '  %-10s %9s regels: %6s s, %6s MB\n' "$tool" "$label" \
    "$(echo "$t0 $t1" | awk '{printf "%.2f", ($2 - $1) / 1e9}')" \
    "$(awk '{printf "%.1f", $1 / 1024}' "$WORK/rss" | tail -1)" >&2
}

# A fresh pok database: the municipality and 12 measures, measure i on KP90ii.
# (Not timed; 14 small commands.) Writes WORK/measures.map: "kostenplaats,measure id".
pok_fresh_db() {
  db=$1
  rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
  "$POK" --db "$db" init >/dev/null
  "$POK" --db "$db" municipality add "$MUNI" Overbetuwe >/dev/null
  : >"$WORK/measures.map"
  i=1
  while [ $i -le 12 ]; do
    kp=$(printf 'KP9%03d' $i)
    id=$("$POK" --db "$db" measure add "$MUNI" "Maatregel $kp" --cost-centres "$kp" |
      sed -n 's/^maatregel \([0-9][0-9]*\) opgeslagen.*/\1/p')
    [ -n "$id" ] || die "pok measure add gaf geen id"
    echo "$kp,$id" >>"$WORK/measures.map"
    i=$((i + 1))
  done
}

# The awk program: one pass, per kostenplaats ($5) and boekjaar ($2), count and sum in
# cents (the decimal comma removed; the generator always writes two decimals; awk's
# doubles hold integers exactly up to 2^53 cents).
# shellcheck disable=SC2016 # the program is for awk, not the shell
AWK_PROG='NR > 1 { k = $5 "," $2; v = $7; sub(/,/, "", v); s[k] += v; n[k]++ }
END { for (k in s) printf "%s,%d,%.0f\n", k, n[k], s[k] }'

sqlite_script() {
  cat >"$WORK/sqlite.sql" <<EOT
.mode csv
.separator ;
.import $1 t
.separator , "\n"
SELECT kostenplaats, boekjaar, count(*), sum(CAST(replace(bedrag, ',', '') AS INTEGER))
  FROM t GROUP BY kostenplaats, boekjaar ORDER BY 1, 2;
EOT
}

fail=0
check() {
  $CHECK compare "$@" || fail=1
}

# One round on one file: every tool once, then the cross-checks of what they printed.
round() {
  file=$1
  label=$2
  hl=$3
  r=$WORK/out-$label
  mkdir -p "$r"

  pok_fresh_db "$WORK/pok.db"
  measure pok-import "$label" "$r/import.txt" \
    "$POK" --db "$WORK/pok.db" import ledger "$file" --municipality "$MUNI"
  while IFS=, read -r kp id; do
    "$POK" --db "$WORK/pok.db" measure show "$id" >"$r/$id.txt"
  done <"$WORK/measures.map"
  $CHECK realised "$WORK/measures.map" "$r" >"$r/realised.n"

  case " $BACKENDS " in *" postgresql "*)
    export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
    psql -X -q -v ON_ERROR_STOP=1 "$POK_TEST_PG" -c 'DROP DATABASE IF EXISTS pok_ledger' \
      -c 'CREATE DATABASE pok_ledger' >/dev/null || die "kan de database pok_ledger niet maken"
    pg="${POK_TEST_PG%/*}/pok_ledger"
    pok_fresh_db "$pg"
    measure pok-import-pg "$label" "$r/import-pg.txt" \
      "$POK" --db "$pg" import ledger "$file" --municipality "$MUNI"
    mkdir -p "$r/pg"
    while IFS=, read -r kp id; do
      "$POK" --db "$pg" measure show "$id" >"$r/pg/$id.txt"
    done <"$WORK/measures.map"
    $CHECK realised "$WORK/measures.map" "$r/pg" >"$r/realised-pg.n"
    ;;
  esac

  rm -f "$WORK/sqlite.db"
  sqlite_script "$file"
  measure sqlite3 "$label" "$r/sqlite.csv" sqlite3 -batch "$WORK/sqlite.db" ".read $WORK/sqlite.sql"
  rm -f "$WORK/sqlite.db"

  measure pok-totals "$label" "$r/pok.csv" "$POK" ledger totals "$file" --format csv

  measure awk "$label" "$r/awk.csv" "$AWK" -F';' "$AWK_PROG" "$file"

  if [ "$hl" = 1 ] && [ "$HLEDGER" != none ]; then
    measure hledger "$label" "$r/hledger.csv" \
      "$HLEDGER" -f "$file" --rules-file "$RULES" balance -Y -O csv
  fi

  $CHECK totals pok "$r/pok.csv" >"$r/pok.n"
  $CHECK totals awk "$r/awk.csv" >"$r/awk.n"
  $CHECK totals sqlite "$r/sqlite.csv" >"$r/sqlite.n"
  check "pok ledger totals = awk ($label regels)" "$r/pok.n" "$r/awk.n"
  check "sqlite3 = awk ($label regels)" "$r/sqlite.n" "$r/awk.n"
  check "pok import gerealiseerd = awk KP9001..KP9012 ($label regels)" \
    "$r/realised.n" "$r/awk.n" --sums-only --codes KP9
  if [ -f "$r/realised-pg.n" ]; then
    check "pok import op PostgreSQL gerealiseerd = awk KP9001..KP9012 ($label regels)" \
      "$r/realised-pg.n" "$r/awk.n" --sums-only --codes KP9
    cmp -s "$r/import.txt" "$r/import-pg.txt" ||
      { echo "ledger.sh: pok import ledger meldt op PostgreSQL iets anders dan op SQLite:" >&2; diff "$r/import.txt" "$r/import-pg.txt" >&2 || true; fail=1; }
  fi
  if [ -f "$r/hledger.csv" ]; then
    $CHECK hledger "$r/hledger.csv" >"$r/hledger.n"
    check "hledger = awk ($label regels)" "$r/hledger.n" "$r/awk.n" --sums-only
  fi
}

echo "ledger.sh: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
echo "ledger.sh: $("$AWK" -W version 2>/dev/null | head -1 || "$AWK" --version | head -1)" \
  "($(readlink -f "$(command -v "$AWK")"))"
echo "ledger.sh: sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
[ "$HLEDGER" = none ] || echo "ledger.sh: $("$HLEDGER" --version)"
echo "ledger.sh: $BIG, $SMALL; $ROUNDS rondes"
# Read both files once so that no tool pays for a cold page cache.
cat "$BIG" "$SMALL" >/dev/null

n=1
while [ $n -le "$ROUNDS" ]; do
  echo "ronde $n" >&2
  round "$BIG" "$LINES" 0
  round "$SMALL" "$SMALL_LINES" 1
  n=$((n + 1))
done
echo "pok import ledger ($LINES regels, laatste ronde), eerste en laatste regel:"
sed -n '1p;$p' "$WORK/out-$LINES/import.txt" | sed 's/^/  /'
echo

$CHECK table "$TIMES" "$LINES" "$SMALL_LINES"
if [ $fail != 0 ]; then
  echo "ledger.sh: de uitkomsten verschillen (zie controle hierboven)" >&2
  exit 1
fi
