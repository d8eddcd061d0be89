#!/bin/sh
# run.sh POK: black-box tests of the command line on the real binary.
# Each test prints "ok - name" or "not ok - name" with what went wrong; the last line is
# "N passed, N failed".
set -u
POK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pok-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
export POK_DB="$WORK/test.db"
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

db_rows() { sqlite3 "$POK_DB" "select (select count(*) from allocation) || '/' || (select count(*) from audit) || '/' || (select count(*) from source)"; }

# POK_CLI_ONLY="t_usage t_demo": only the test files with those prefixes.
for t in $(for prefix in ${POK_CLI_ONLY:-t_}; do ls "$HERE"/"$prefix"*.sh; done | sort -u); do
  . "$t"
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
