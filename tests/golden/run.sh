#!/bin/sh
# run.sh POK [--update]: golden tests. Builds the demo database plus a few fixed edits,
# then writes what pok shows of it: the audit trail, the coverage and check reports, the
# exports and every page of the web interface reachable from / (for the four demo
# municipalities and two empty ones). Each output is compared byte for byte with its
# copy under tests/golden/expected/; a difference prints the first lines of `diff -u`.
# With --update (`make golden-update`) it replaces tests/golden/expected/ instead: review
# that diff with git before committing it.
# Prints "ok - name" / "not ok - name" and a last line "N passed, N failed".
#
# Every run is the same: a fresh SQLite database (so the same ids), the clock fixed with
# SOURCE_DATE_EPOCH (audit timestamps, recorded_at, export dates), TZ=UTC, a fixed actor
# (POK_USER), and relative paths only. The stylesheet links carry a hash of the CSS that
# depends on the build (NL Design System CSS from npm or pok's fallback): it becomes ?v=N.
set -u
POK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
EXPECTED=$HERE/expected
UPDATE=
[ "${2:-}" = --update ] && UPDATE=1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pok-golden.XXXXXX")
serve_pid=
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 2' INT TERM
cd "$WORK" || exit 1

export TZ=UTC LC_ALL=C POK_USER=golden
unset POK_DB
DB=golden.db
OUT=out
mkdir -p $OUT/cli $OUT/export/csv $OUT/export/datapackage $OUT/export/json $OUT/web
# 2026-01-01T00:00:00Z; each edit below happens a day later than the one before.
EPOCH0=1767225600
DEMO_CODES="GM1734 GM1773 GM0534 GM0362"
# Two of the 338 municipalities without records (the first of the list and the
# largest), and one unknown code (404).
EMPTY_CODES="GM1680 GM0363"
WEB_CODES="$DEMO_CODES $EMPTY_CODES GM9999"

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() {
  failed=$((failed + 1))
  echo "not ok - $1"
  shift
  for line in "$@"; do echo "    $line"; done
}

# at DAY: the clock of day DAY after 2026-01-01 (SOURCE_DATE_EPOCH for what follows).
at() { SOURCE_DATE_EPOCH=$((EPOCH0 + $1 * 86400)); export SOURCE_DATE_EPOCH; }

# write CMD...: a change to the database; its output goes to cli/writes.txt and it must
# succeed (the outputs after it would all differ otherwise).
write() {
  printf '$ pok' >>$OUT/cli/writes.txt
  for arg; do
    case $arg in *[!a-zA-Z0-9_.,=-]*) printf " '%s'" "$arg" ;; *) printf ' %s' "$arg" ;; esac
  done >>$OUT/cli/writes.txt
  echo >>$OUT/cli/writes.txt
  if ! "$POK" --db $DB "$@" >>$OUT/cli/writes.txt 2>&1; then
    not_ok "setup: pok $*" "$(tail -3 $OUT/cli/writes.txt)"
    exit 1
  fi
}

# show FILE CMD...: the standard output of a read-only command in FILE (under out/); its
# exit status and any standard error go to cli/status.txt, which is compared as well.
show() {
  sh_file=$1
  shift
  "$POK" --db $DB "$@" >"$OUT/$sh_file" 2>stderr
  printf '%s: exit %s: pok %s\n' "$sh_file" $? "$*" >>$OUT/cli/status.txt
  sed 's/^/    /' stderr >>$OUT/cli/status.txt
}

# ---- the database: the demo, then edits so that the trail holds updates and deletes ----
at 0
write demo --quiet
at 1
write measure update 5 --status afgerond --description 'Afgerond; structureel belegd'
write measure realised 5 2024 97.250,13 --source 4 --place 'tabel Bestedingsdoelen'
write measure plan 3 2025 10.000 --source 4
write measure plan 3 2025 12.500 --source 4 --place 'correctie'
at 2
write allocation add GM1773 2 2027 23.000 --source 5 --place 'tabel actielijnen, correctie'
write reserve deposit GM1773 2025 5.000 --source 5
at 3
write year reopen GM0534 2023 --reason 'correctie jaarrekening'
write measure realised 15 2023 12.000 --source 6 --place 'Realisatie 2023'
at 4
write delete stated_figure 5 --reason 'dubbel ingevoerd'
write delete request 1 --reason 'verkeerde gemeente'
write delete measure_amount 6 --reason 'bedrag hoort bij een andere maatregel'
at 5

# ---- the command line ----
show cli/audit.txt audit
show cli/audit.csv audit --format csv
show cli/audit-GM0534.txt audit GM0534
show cli/audit-GM0534.csv audit GM0534 --format csv
for code in $DEMO_CODES; do
  show cli/coverage-$code.json coverage $code --format json
  show cli/coverage-$code.csv coverage $code --format csv
  show cli/coverage-$code.txt coverage $code --format text
  show cli/check-$code.json check $code --format json
  show cli/check-$code.txt check $code --format text
done
show cli/check.txt check
show cli/check.json check --format json

# ---- the exports ----
show export/csv.txt export csv csv
for f in csv/*; do cp "$f" $OUT/export/csv/; done
show export/datapackage.txt export datapackage datapackage
cp datapackage/datapackage.json $OUT/export/datapackage/
# The data package's CSV files are those of `pok export csv`: compared here, not stored twice.
dp_csv=$(cd datapackage && ls | grep -v '^datapackage\.json$')
if [ "$dp_csv" = "$(ls csv)" ] && for f in $dp_csv; do cmp -s "csv/$f" "datapackage/$f" || exit 1; done; then
  ok "export datapackage: its CSV files are those of export csv"
else
  not_ok "export datapackage: its CSV files are those of export csv" "$(diff -r csv datapackage | head -20)"
fi
for code in $DEMO_CODES; do show export/json/$code.json export json $code; done

# ---- the web interface: every page reachable from / ----
"$POK" --db $DB serve --port 0 >serve.out 2>&1 &
serve_pid=$!
base=""
tries=0
while [ -z "$base" ] && [ $tries -lt 300 ] && kill -0 "$serve_pid" 2>/dev/null; do
  base=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' serve.out)
  [ -z "$base" ] && sleep 0.1
  tries=$((tries + 1))
done
[ -n "$base" ] || { not_ok "setup: pok serve starts" "$(cat serve.out)"; exit 1; }
base=${base%/}

# page_name PATH CONTENT_TYPE: the file name of a page: the path without its first /,
# / as _, ? as @, & as +, and an extension after the content type ("/" is index.html).
page_name() {
  pn=${1#/}
  case $pn in "" | \?*) pn="index$pn" ;; esac
  pn=$(printf '%s' "$pn" | sed 's|/|_|g; s|?|@|g; s|&|+|g')
  case $2 in
  text/html*) pn_ext=.html ;;
  application/json*) pn_ext=.json ;;
  text/csv*) pn_ext=.csv ;;
  text/plain*) pn_ext=.txt ;;
  *) pn_ext= ;;
  esac
  case $pn in *"$pn_ext") ;; *) pn=$pn$pn_ext ;; esac
  printf '%s' "$pn"
}

# wanted PATH: the crawl follows PATH: same origin, not the stylesheets, and of the
# municipalities only those of WEB_CODES.
wanted() {
  case $1 in /static/*) return 1 ;; esac
  wc_code=$(printf '%s' "$1" | grep -o 'GM[0-9][0-9][0-9][0-9]' | head -1)
  [ -z "$wc_code" ] && return 0
  case " $WEB_CODES " in *" $wc_code "*) return 0 ;; esac
  return 1
}

# The start page, a search, and the JSON API of docs/api.md (no page links to most of it),
# in its current version (v2) and the one kept for compatibility (v1).
{
  echo /
  echo '/?q=wijhe'
  for v in v2 v1; do
    echo /api/$v/gemeenten
    echo "/api/$v/gemeenten?q=wijhe"
  done
  for code in $WEB_CODES; do
    echo /gemeente/$code
    for v in v2 v1; do
      sed -n 's/^| `\/api\/v2\(\/gemeenten\/CODE[^`]*\)`.*/\1/p' "$HERE/../../docs/api.md" |
        sed "s/CODE/$code/; s|^|/api/$v|"
    done
  done
} >queue
sort -u queue >seen
n=1
while path=$(sed -n "${n}p" queue) && [ -n "$path" ]; do
  n=$((n + 1))
  got=$(curl -s --max-time 30 -o body -w '%{http_code} %{content_type}' "$base$path")
  status=${got%% *}
  ctype=${got#* }
  name=$(page_name "$path" "$ctype")
  case $ctype in
  application/pdf* | application/vnd.*)
    # binary (PDF, XLSX): fonts and library versions change the bytes; status and type only
    # (kept outside out/ for the check of internal words below)
    printf '%s %s %s (not stored)\n' "$path" "$status" "$ctype" >>pages
    mkdir -p "$WORK/binary"
    cp body "$WORK/binary/$name"
    continue
    ;;
  esac
  printf '%s %s %s -> %s\n' "$path" "$status" "$ctype" "$name" >>pages
  sed 's|\(/static/[^"?]*\)?v=[0-9]*|\1?v=N|g' body >"$OUT/web/$name"
  case $ctype in text/html*) ;; *) continue ;; esac
  dir=${path%%\?*}
  dir=${dir%/*}/
  grep -o '\(href\|src\)="[^"]*"' body | sed 's/^[a-z]*="//; s/"$//; s/#.*//; s/&amp;/\&/g' |
    while IFS= read -r link; do
      case $link in
      "" | //* | *:*) continue ;;
      /*) ;;
      *) link=$dir$link ;;
      esac
      wanted "$link" || continue
      grep -qxF -- "$link" seen && continue
      echo "$link" >>seen
      echo "$link" >>queue
    done
done
# pages.txt: every page crawled, one a line: path, status, content type, file.
sort pages >$OUT/web/pages.txt
kill "$serve_pid" 2>/dev/null
wait "$serve_pid" 2>/dev/null
serve_pid=

# ---- what people read holds no internal words (codes, field names, paths, commands) ----
. "$HERE/internal_words.sh"

# ---- compare ----
(cd $OUT && find . -type f | sed 's|^\./||' | sort) >actual.list
if [ -n "$UPDATE" ]; then
  rm -rf "$EXPECTED"
  cp -R $OUT "$EXPECTED"
  echo "updated tests/golden/expected/: $(wc -l <actual.list) files; review with git diff"
  exit 0
fi
if [ -d "$EXPECTED" ]; then
  (cd "$EXPECTED" && find . -type f | sed 's|^\./||' | sort) >expected.list
else
  : >expected.list
fi
comm -23 expected.list actual.list | while IFS= read -r f; do
  echo "not ok - golden $f"
  echo "    no longer written (make golden-update if that is intended)"
done >missing
comm -13 expected.list actual.list | while IFS= read -r f; do
  echo "not ok - golden $f"
  echo "    new, not in tests/golden/expected/ (make golden-update if that is intended)"
  head -10 "$OUT/$f" | sed 's/^/    | /'
done >extra
cat missing extra
failed=$((failed + $(grep -c '^not ok' missing) + $(grep -c '^not ok' extra)))
for f in $(comm -12 expected.list actual.list); do
  if cmp -s "$EXPECTED/$f" "$OUT/$f"; then
    ok "golden $f"
  else
    not_ok "golden $f" "differs from tests/golden/expected/$f (make golden-update if that is intended):"
    diff -u "$EXPECTED/$f" "$OUT/$f" | sed -n '3,42p' | sed 's/^/    /'
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
