# internal_words.sh: sourced by run.sh after the crawl. What people read (every page, the
# CSV for people, the PDF read back with pdftotext, the XLSX's sheets and shared strings)
# must not hold pok's internal words: the check codes (taken from the API's OpenAPI
# document, where they belong), field and table names (`_cents`, any snake_case), file paths
# (`docs/`, `seeds/`) or a command line (`pok ` and a command group of `pok --help`).
# Machine outputs are not scanned: the API's JSON, dekking-data.csv, the national open
# data (/landelijk/data/) and the exports of the command line keep their field names by
# contract (docs/export.md, docs/monitor.md).
#
# Needs: $POK, $OUT (the crawled outputs), $WORK/binary (the PDFs and XLSX files the crawl
# kept), ok and not_ok. Each kind of output is one test; a hit prints the file and the
# words around it.

iw_dir=$WORK/internal_words
mkdir -p "$iw_dir/text"

# The words, as one extended regular expression.
iw_codes=$("$POK" openapi | python3 -c '
import json, sys
doc = json.load(sys.stdin)
print("|".join(doc["components"]["schemas"]["Finding"]["properties"]["kind"]["enum"]))')
iw_groups=$("$POK" --help | sed -n 's/^  pok \([a-z]*\).*/\1/p' | sort -u | paste -sd'|' -)
IW_PATTERN="(^|[^a-zA-Z_])($iw_codes)([^a-zA-Z_]|$)|_cents|[a-z]+_[a-z]+|docs/|seeds/|(^|[^a-zA-Z-])pok ($iw_groups)([^a-z]|$)"

# iw_text KIND FILE: the text a person reads of FILE, in $iw_dir/text/KIND-NAME.txt.
iw_text() {
  iw_out="$iw_dir/text/$1-$(basename "$2").txt"
  case $1 in
  page)
    # the text between the tags, and the attributes a person reads or hears
    { sed 's/<[^>]*>/ /g' "$2"
      grep -o '\(title\|aria-label\|alt\|placeholder\)="[^"]*"' "$2"; } >"$iw_out" ;;
  csv) cp "$2" "$iw_out" ;;
  pdf) pdftotext -layout "$2" "$iw_out" 2>/dev/null || echo "(pdftotext failed)" >"$iw_out" ;;
  xlsx)
    unzip -p "$2" 'xl/sharedStrings.xml' 'xl/worksheets/*.xml' 2>/dev/null |
      sed 's/<[^>]*>/ /g' >"$iw_out" ;;
  esac
  printf '%s\n' "$iw_out"
}

# iw_check NAME KIND FILE...: one test over the files of one kind.
iw_check() {
  iw_name=$1 iw_kind=$2
  shift 2
  iw_hits=""
  for iw_file; do
    iw_t=$(iw_text "$iw_kind" "$iw_file")
    iw_found=$(grep -onE "$IW_PATTERN" "$iw_t" | head -5)
    [ -z "$iw_found" ] && continue
    while IFS= read -r iw_hit; do
      iw_line=$(sed -n "${iw_hit%%:*}p" "$iw_t" | cut -c1-160)
      iw_hits="$iw_hits
$(basename "$iw_file"): '${iw_hit#*:}' in: $iw_line"
    done <<EOF
$iw_found
EOF
  done
  if [ -n "$iw_hits" ]; then
    not_ok "no internal words: $iw_name" "$(printf '%s' "$iw_hits" | sed 1d | head -30)"
  else
    ok "no internal words: $iw_name"
  fi
}

iw_check "pages" page "$OUT"/web/*.html
# the CSV for people: every web CSV but the machine CSV of the coverage and open data
iw_check "CSV for people" csv $(ls "$OUT"/web/*.csv | grep -v 'dekking-data\|landelijk_data_')
if command -v pdftotext >/dev/null 2>&1; then
  iw_check "PDF" pdf "$WORK"/binary/*.pdf
else
  ok "no internal words: PDF # SKIP pdftotext not installed (scripts/deps.sh installs poppler-utils)"
fi
iw_check "XLSX" xlsx "$WORK"/binary/*.xlsx
