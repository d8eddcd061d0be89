#!/bin/sh
# demo.sh POK-BINARY: load the demo into a fresh demo.db, show the coverage tables and
# checks of the four municipalities of the source documents, then serve the web
# interface on http://127.0.0.1:8080 (POK_DEMO_PORT to change) until Ctrl-C.
set -eu
pok=${1:-build/pok}
db=${POK_DEMO_DB:-demo.db}
port=${POK_DEMO_PORT:-8080}
rm -f "$db" "$db-wal" "$db-shm"
"$pok" --db "$db" demo
for code in GM1734 GM1773 GM0534 GM0362; do
  echo
  echo "=================================================================="
  "$pok" --db "$db" coverage "$code"
  "$pok" --db "$db" check "$code"
done
echo
echo "De demo staat in $db; op de opdrachtregel bijvoorbeeld:"
echo "  $pok --db $db allocation list GM1773"
echo "  $pok --db $db request list GM0362"
echo
echo "De webinterface: open http://127.0.0.1:$port/ in een browser."
exec "$pok" --db "$db" serve --listen 127.0.0.1 --port "$port"
