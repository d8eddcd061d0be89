#!/bin/sh
# demo.sh POK-BINARY: load the demo into a fresh demo.db and show what pok makes of it.
set -eu
pok=${1:-build/pok}
db=${POK_DEMO_DB:-demo.db}
rm -f "$db" "$db-wal" "$db-shm"
"$pok" --db "$db" demo
for code in GM1734 GM1773 GM0534 GM0362; do
  echo
  echo "=================================================================="
  "$pok" --db "$db" coverage "$code"
  "$pok" --db "$db" check "$code"
done
echo
echo "De demo staat in $db; probeer bijvoorbeeld:"
echo "  $pok --db $db allocation list GM1773"
echo "  $pok --db $db request list GM0362"
echo "  $pok --db $db measure list GM1734"
