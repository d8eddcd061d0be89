# pok backup and pok restore, and reopening a closed year, on a demo database of its own:
# a verified copy, no overwriting, restore bringing the old figures back, and a corrupt or
# foreign file refused with the database unchanged. $POK_DB is restored at the end.
# On PostgreSQL only the closed years: backup and restore copy SQLite files, and are
# refused there (pg_dump is the tool).
BACKUP_OUTER_DB=$POK_DB
POK_DB=$(db_new backup)
"$POK" demo >/dev/null 2>&1 || not_ok "backup: demo loads"

# bk_same NAME A B: two values are equal.
bk_same() {
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got '$2', expected '$3'"; fi
}
bk_counts() {
  db_query "select (select count(*) from allocation) || '/' || (select count(*) from audit)
    || '/' || (select count(*) from measure_amount) || '/' || (select count(*) from closed_year)" "$1"
}

# ---- closed years: refused, reopened with a reason, listed ----
expect "year: a closed year's allocation is refused" 1 \
  "jaar 2023 is afgesloten voor GM0534: heropen het eerst (pok year reopen)" -- \
  "$POK" allocation add GM0534 2 2023 1.000 --source 6
expect "year: a closed year's realised amount is refused" 1 \
  "jaar 2022 is afgesloten voor GM0534: heropen het eerst (pok year reopen)" -- \
  "$POK" measure realised 13 2022 5
expect "year: a transfer into a closed year is refused" 1 \
  "jaar 2021 is afgesloten voor GM0534" -- "$POK" reserve transfer GM0534 2021 2025 5
expect "year: reopen needs a reason" 1 "--reason is verplicht" -- "$POK" year reopen GM0534 2023
expect "year: reopen an open year" 1 "jaar 2025 is niet afgesloten voor GM0534" -- \
  "$POK" year reopen GM0534 2025 --reason test
expect "year: reopen" 0 "jaar 2023 heropend voor GM0534" -- \
  env POK_USER=anna "$POK" year reopen GM0534 2023 --reason 'correctie jaarrekening'
expect "year: list shows the reopening" 0 "2022 afgesloten" \
  "2023 heropend op " "door cli:anna: correctie jaarrekening" -- "$POK" year list GM0534
expect "year: audit holds the deletion with its reason" 0 "reden: correctie jaarrekening" -- \
  "$POK" audit GM0534
expect "year: a reopened year takes figures" 0 "toekenning GM0534 actielijn 2 2023" -- \
  "$POK" allocation add GM0534 2 2023 1.000 --source 6
expect "year: close again" 0 "jaar 2023 afgesloten voor GM0534" -- "$POK" year close GM0534 2023

if ! sqlite_only "pok backup and pok restore: copies of SQLite files (PostgreSQL: pg_dump)"; then
  before=$(bk_counts "$POK_DB")
  expect "backup: refused on PostgreSQL" 1 "niet ondersteund" "pg_dump" -- "$POK" backup copy.db
  "$POK" --db sqlite-copy.db init >/dev/null 2>&1
  expect "restore: refused on PostgreSQL" 1 "niet ondersteund" "pg_dump" -- "$POK" restore sqlite-copy.db
  bk_same "restore: the refusal leaves the database unchanged" "$(bk_counts "$POK_DB")" "$before"
  [ ! -e copy.db ] && ok "backup: no file written on PostgreSQL" || not_ok "backup: no file written on PostgreSQL"
else
  # ---- backup ----
  before=$(bk_counts "$POK_DB")
  expect "backup: a verified copy" 0 "reservekopie copy.db: integriteit ok" -- "$POK" backup copy.db
  bk_same "backup: the copy holds the same rows" "$(bk_counts copy.db)" "$before"
  bk_same "backup: the copy passes integrity_check" "$(sqlite3 copy.db 'pragma integrity_check')" ok
  if [ -e copy.db-wal ] || [ -e copy.db.tmp-pok ]; then
    not_ok "backup: one self-contained file"
  else ok "backup: one self-contained file"; fi
  expect "backup: an existing file is refused" 1 "copy.db bestaat al" "--force" -- \
    "$POK" backup copy.db
  bk_same "backup: the refused file is untouched" "$(bk_counts copy.db)" "$before"
  expect "backup: --force overwrites" 0 "reservekopie copy.db: integriteit ok" -- \
    "$POK" backup copy.db --force
  expect "backup: into a missing directory" 1 "nergens/copy.db" -- "$POK" backup nergens/copy.db

  # ---- restore ----
  "$POK" measure plan 13 2025 12.345 >/dev/null 2>&1
  "$POK" allocation add GM1734 2 2025 99.999 --source 2 >/dev/null 2>&1
  changed=$(bk_counts "$POK_DB")
  if [ "$changed" != "$before" ]; then ok "restore: the database changed"; else
    not_ok "restore: the database changed" "$changed"; fi
  # A running server sees the restore on its next request (the data version changes).
  "$POK" serve --port 0 >backup_serve.out 2>&1 &
  backup_pid=$!
  backup_url=""
  tries=0
  while [ -z "$backup_url" ] && [ $tries -lt 300 ] && kill -0 "$backup_pid" 2>/dev/null; do
    backup_url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' backup_serve.out)
    [ -z "$backup_url" ] && sleep 0.1
    tries=$((tries + 1))
  done
  curl -s --max-time 30 -o backup_page1 "${backup_url}gemeente/GM1734"
  expect "restore: brings the copy back" 0 "teruggezet uit copy.db: integriteit ok" -- \
    "$POK" restore copy.db
  curl -s --max-time 30 -o backup_page2 "${backup_url}gemeente/GM1734"
  kill "$backup_pid" 2>/dev/null
  wait "$backup_pid" 2>/dev/null
  if grep -qF "99.999" backup_page1 && ! grep -qF "99.999" backup_page2 &&
    grep -qF "Overbetuwe" backup_page2; then
    ok "restore: a running pok serve shows the restored figures"
  else
    not_ok "restore: a running pok serve shows the restored figures" \
      "before: $(grep -c 99.999 backup_page1) after: $(grep -c 99.999 backup_page2)"
  fi
  bk_same "restore: the old figures are back" "$(bk_counts "$POK_DB")" "$before"
  bk_same "restore: the plan of 2025 is gone" \
    "$(db_query 'select count(*) from measure_amount where measure_id = 13 and year = 2025')" 0
  expect "restore: the database works" 0 "GM1734" -- "$POK" coverage GM1734

  printf 'dit is geen database\n%.0s' $(seq 1 300) >notadb.db
  expect "restore: a non-pok file is refused" 1 "niet teruggezet: " "notadb.db" -- \
    "$POK" restore notadb.db
  sqlite3 other.db 'create table t (x); insert into t values (1);'
  expect "restore: a SQLite file without pok schema is refused" 1 \
    "niet teruggezet: other.db is geen pok-database" -- "$POK" restore other.db
  cp copy.db corrupt.db
  # overwrite a stretch of pages in the middle: the structure breaks
  dd if=/dev/urandom of=corrupt.db bs=4096 seek=3 count=4 conv=notrunc 2>/dev/null
  expect "restore: a corrupt copy is refused" 1 "niet teruggezet: " "corrupt.db" -- \
    "$POK" restore corrupt.db
  expect "restore: a missing file is refused" 1 "niet teruggezet: kan weg.db niet lezen" -- \
    "$POK" restore weg.db
  bk_same "restore: refusals leave the database unchanged" "$(bk_counts "$POK_DB")" "$before"
  bk_same "restore: the database passes integrity_check" \
    "$(sqlite3 "$POK_DB" 'pragma integrity_check')" ok
fi

POK_DB=$BACKUP_OUTER_DB
