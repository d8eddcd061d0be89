#!/bin/sh
# run.sh POK: black-box tests of the command line on the real binary.
# Each test prints "ok - name" or "not ok - name" with what went wrong; the last line is
# "N passed, N failed".
# The databases are SQLite files in a temporary directory, or, when POK_TEST_PG holds the
# URL of a PostgreSQL maintenance database (scripts/pgtest.sh sets it), databases created
# on that server: every test file gets a fresh one in $POK_DB and makes others with db_new.
set -u
POK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pok-cli.XXXXXX")
PG=${POK_TEST_PG:-}
trap 'db_drop_all; rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
# POK_VALGRIND=1: run every pok invocation under valgrind; any leak or invalid access
# makes that command exit 99, which fails the test that ran it.
if [ "${POK_VALGRIND:-}" = 1 ]; then
  real=$POK
  POK="$WORK/pok-valgrind"
  cat >"$POK" <<EOT
#!/bin/sh
exec valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
  --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 "$real" "\$@"
EOT
  chmod +x "$POK"
fi
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() {
  failed=$((failed + 1))
  echo "not ok - $1"
  shift
  for line in "$@"; do echo "    $line"; done
  [ -f out ] && sed 's/^/    | /' out | head -30
}

# serve_start DB OUT [ARGS...]: start `pok serve --port 0` on DB, its output in OUT; sets
# serve_pid and serve_url (empty when it printed no address within 30 s).
serve_start() {
  ss_db=$1
  ss_out=$2
  shift 2
  "$POK" --db "$ss_db" serve --port 0 "$@" >"$ss_out" 2>&1 &
  serve_pid=$!
  serve_url=""
  ss_n=0
  while [ -z "$serve_url" ] && [ $ss_n -lt 300 ] && kill -0 "$serve_pid" 2>/dev/null; do
    serve_url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' "$ss_out")
    [ -z "$serve_url" ] && sleep 0.1
    ss_n=$((ss_n + 1))
  done
}

# serve_stop PID: SIGTERM, up to 30 s to stop, then SIGKILL. Sets serve_killed (1 when it
# had to be killed) and serve_status (its exit status when it stopped by itself).
serve_stop() {
  kill "$1" 2>/dev/null
  ss_n=0
  while kill -0 "$1" 2>/dev/null && [ $ss_n -lt 300 ]; do
    sleep 0.1
    ss_n=$((ss_n + 1))
  done
  serve_killed=0
  if kill -0 "$1" 2>/dev/null; then
    serve_killed=1
    kill -9 "$1" 2>/dev/null
    wait "$1" 2>/dev/null
    serve_status=137
  else
    wait "$1"
    serve_status=$?
  fi
}

# run EXPECTED_STATUS CMD...: run, capture stdout+stderr in out, compare status.
run() {
  want=$1
  shift
  "$@" >out 2>&1
  got=$?
  [ "$got" = "$want" ] && return 0
  echo "exit status $got, expected $want: $*" >>out
  return 1
}

# expect NAME STATUS PATTERN... -- CMD...: the command exits STATUS and its output holds
# every fixed-string PATTERN.
expect() {
  name=$1
  want=$2
  shift 2
  patterns=""
  while [ "$1" != "--" ]; do
    patterns="$patterns
$1"
    shift
  done
  shift
  if ! run "$want" "$@"; then
    not_ok "$name" "wrong exit status"
    return
  fi
  missing=$(printf '%s\n' "$patterns" | while IFS= read -r p; do
    [ -z "$p" ] && continue
    grep -qF -- "$p" out || echo "$p"
  done)
  if [ -n "$missing" ]; then not_ok "$name" "missing in output: $missing"; else ok "$name"; fi
}

# expect_rows NAME ROW... -- CMD...: CMD exits 0 and prints every ROW as a whole line, once runs
# of spaces are squeezed to one and leading and trailing spaces dropped (table cells).
expect_rows() {
  er_name=$1
  shift
  er_want=""
  while [ "$1" != "--" ]; do
    er_want="$er_want
$1"
    shift
  done
  shift
  if ! run 0 "$@"; then
    not_ok "$er_name" "wrong exit status"
    return
  fi
  sed 's/^ *//; s/ *$//; s/  */ /g' out >out.rows
  er_missing=$(printf '%s\n' "$er_want" | while IFS= read -r r; do
    [ -z "$r" ] && continue
    grep -qxF -- "$r" out.rows || echo "'$r'"
  done)
  if [ -n "$er_missing" ]; then not_ok "$er_name" "missing rows: $er_missing"; else ok "$er_name"; fi
}

# csv_value FILE POT_ID YEAR FIELD: a value from `pok coverage --format csv` (pot names
# may hold commas, so rows are found by pot_id; the numeric fields never do).
csv_value() {
  awk -F, -v pot="$2" -v year="$3" -v field="$4" '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; n = NF; next }
    # count from the end: a quoted pot name with commas only shifts the front
    $2 == pot && $(NF - (n - col["year"])) == year { print $(NF - (n - col[field])) }' "$1"
}

# expect_csv NAME FILE POT_ID YEAR FIELD CENTS
expect_csv() {
  v=$(csv_value "$2" "$3" "$4" "$5")
  if [ "$v" = "$6" ]; then ok "$1"; else not_ok "$1" "$3 $4 $5: got '$v', expected $6"; fi
}

# ---- the test databases, on SQLite or PostgreSQL ----

# pg_psql URL ARG...: psql without ~/.psqlrc, stopping at the first error, without
# notices ("database ... does not exist, skipping").
pg_psql() {
  pp_url=$1
  shift
  PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -d "$pp_url" "$@"
}

# db_new NAME: print the location of a fresh, empty database for NAME (letters, digits,
# _ and -): the file $WORK/NAME.db (removed if there), or on PostgreSQL the URL of the new
# database pok_c_<pid>_NAME (dropped at the end of the run).
db_new() {
  if [ -z "$PG" ]; then
    rm -f "$WORK/$1.db" "$WORK/$1.db-wal" "$WORK/$1.db-shm"
    echo "$WORK/$1.db"
    return
  fi
  dn_name="pok_c_$$_$(printf '%s' "$1" | tr -c 'a-zA-Z0-9_' '_')"
  # FILE_COPY: copying template1's files is quicker than WAL_LOG for a database this small
  pg_psql "$PG" -c "DROP DATABASE IF EXISTS $dn_name WITH (FORCE)" \
    -c "CREATE DATABASE $dn_name STRATEGY FILE_COPY" >&2 ||
    echo "db_new: cannot create the database $dn_name" >&2
  echo "$dn_name" >>"$WORK/pg_databases"
  dn_base=${PG%%\?*}
  case $PG in *\?*) dn_query="?${PG#*\?}" ;; *) dn_query="" ;; esac
  echo "${dn_base%/*}/$dn_name$dn_query"
}

# db_drop_all: drop the PostgreSQL databases db_new made (the files go with $WORK).
db_drop_all() {
  [ -n "$PG" ] && [ -f "$WORK/pg_databases" ] || return 0
  sort -u "$WORK/pg_databases" | while read -r dd_name; do
    pg_psql "$PG" -c "DROP DATABASE IF EXISTS $dd_name WITH (FORCE)" >/dev/null 2>&1
  done
}

# db_is_pg DB: DB is a PostgreSQL URL.
db_is_pg() { case $1 in postgresql://* | postgres://*) return 0 ;; *) return 1 ;; esac; }

# db_query SQL [DB]: the rows of SQL on DB ($POK_DB by default), one per line, fields
# separated by '|', NULL as empty: with psql for a PostgreSQL URL, else the sqlite3 shell.
# Write SQL both understand (coalesce, not ifnull).
db_query() {
  dq_db=${2:-$POK_DB}
  if db_is_pg "$dq_db"; then
    pg_psql "$dq_db" -A -t -F '|' -c "$1"
  else
    sqlite3 "$dq_db" "$1"
  fi
}

# db_dump [DB]: the whole database as text, to compare before and after a command that
# must change nothing. On PostgreSQL pg_dump leaves out what is not data: the sequence
# positions (sequences ignore rollbacks), the counter pok_data_version (every write
# transaction bumps it for the page cache, also one that finds nothing to change; SQLite
# keeps that outside the file) and the random key of \restrict (pg_dump 15.14 and later).
db_dump() {
  dd_db=${1:-$POK_DB}
  if db_is_pg "$dd_db"; then
    pg_dump --no-owner --no-privileges --exclude-table-data=pok_data_version -d "$dd_db" |
      grep -v -e '^SELECT pg_catalog.setval(' -e '^\\restrict ' -e '^\\unrestrict '
  else
    sqlite3 "$dd_db" .dump
  fi
}

# db_untouched DB: a command left no trace of a database at DB: no file, or on PostgreSQL
# no tables.
db_untouched() {
  if db_is_pg "$1"; then
    [ "$(db_query "select count(*) from information_schema.tables where table_schema = 'public'" "$1")" = 0 ]
  else
    [ ! -e "$1" ]
  fi
}

# sqlite_only WHY: on PostgreSQL, say that the rest of this test file is skipped and why
# (features of SQLite files, such as pok backup); status 0 when the file should go on.
sqlite_only() {
  [ -z "$PG" ] && return 0
  echo "# skip on PostgreSQL: $*"
  return 1
}

db_rows() { db_query "select (select count(*) from allocation) || '/' || (select count(*) from audit) || '/' || (select count(*) from source)"; }

# POK_CLI_ONLY="t_usage t_demo": only the test files with those prefixes.
for t in $(for prefix in ${POK_CLI_ONLY:-t_}; do ls "$HERE"/"$prefix"*.sh; done | sort -u); do
  POK_DB=$(db_new "$(basename "$t" .sh)")
  export POK_DB
  . "$t"
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
