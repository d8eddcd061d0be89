# pok search, the library of measures on the command line: the demo's four municipalities
# share their measures; one that stops sharing leaves the library. Runs in its own
# database; $POK_DB is restored at the end.
SEARCH_OUTER_DB=$POK_DB
POK_DB=$(db_new search)

# search_absent NAME TEXT: the output of the last command does not hold TEXT.
search_absent() {
  if grep -qF -- "$2" out; then not_ok "$1" "'$2' should not be there"; else ok "$1"; fi
}

expect "search: demo" 0 -- "$POK" demo
expect "search: word forms" 0 "Inzet stimulering zelfstandige Huiskamers" \
  "Participatietrajecten Huiskamer Heteren" "1-2 van 2 maatregelen" -- "$POK" search huiskamers
expect "search: accents folded" 0 "Uitbreiding onafhankelijke cliëntondersteuning" -- \
  "$POK" search clientondersteuning
expect "search: synonyms" 0 "Uitbreiding sociaal raadslieden" \
  "Dienstverlening Financiën de Baas 2026-2029" -- "$POK" search 'sociaal juridisch loket'
expect "search: a filter with the text" 0 "Uitbreiding sociaal raadslieden" "1-1 van 1" -- \
  "$POK" search 'sociaal raadsman' --status lopend
expect "search: FTS syntax is words" 0 "geen maatregelen gevonden (0)" -- \
  "$POK" search 'wijk* OR NEAR('
expect "search: json" 0 '"total": 2' '"municipality": "GM1734"' '"latest_verdict": "deels effectief"' -- \
  "$POK" search huiskamers --format json
expect "search: a bad status" 1 "veld 'status': verwacht een van gepland, lopend, afgerond, gestopt" -- \
  "$POK" search huiskamers --status klaar
expect "search: a bad size class" 1 "veld 'grootte'" -- "$POK" search --grootte 9
expect "search: stops sharing" 0 -- "$POK" municipality share GM1734 cijfers
expect "search: not sharing, not found" 0 "geen maatregelen gevonden (0)" -- "$POK" search huiskamers
search_absent "search: not sharing, not listed" "Overbetuwe"

POK_DB=$SEARCH_OUTER_DB
