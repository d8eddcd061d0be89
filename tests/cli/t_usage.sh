# Usage, help and exit statuses.
expect "help lists commands" 0 "pok coverage CODE" "pok import allocations" -- "$POK" --help
expect "no command is a usage error" 2 "gebruik:" -- "$POK"
expect "unknown command" 2 "onbekende opdracht 'frobnicate'" -- "$POK" frobnicate
expect "group without subcommand" 2 "verwacht een subopdracht" "pok measure add" -- "$POK" measure
expect "missing argument" 2 "te weinig argumenten" "gebruik: pok coverage CODE" -- "$POK" coverage
expect "unknown option" 2 "onbekende optie '--bogus'" -- "$POK" coverage GM1734 --bogus
expect "option without value" 2 "verwacht een waarde" -- "$POK" coverage GM1734 --format
expect "bad format value" 1 "verwacht text, csv of json" -- "$POK" coverage GM1734 --format xml

# Every command has --help, printing its usage line, without touching a database.
"$POK" --help | sed -n 's/^  pok \([a-z]*\)\( [a-z]*\)\{0,1\}.*/\1\2/p' | sort -u >commands
n_help=0
while read -r cmd; do
  # shellcheck disable=SC2086
  if ! run 0 "$POK" $cmd --help || ! grep -q "^gebruik: pok $cmd" out; then
    not_ok "help for 'pok $cmd'"
  fi
  n_help=$((n_help + 1))
done <commands
[ "$n_help" -gt 30 ] && ok "--help on all $n_help commands" || not_ok "--help on all commands" "only $n_help commands found"
db_untouched "$POK_DB" && ok "--help does not create a database" || not_ok "--help does not create a database"

expect "uninitialised database is refused" 1 "voer eerst 'pok init' uit" -- "$POK" coverage GM1734
db_untouched "$POK_DB" && ok "a refused open creates no file" || not_ok "a refused open creates no file"
expect "init" 0 "is klaar" -- "$POK" init
expect "init twice is harmless" 0 "is klaar" -- "$POK" init
usage_other=$(db_new other)
usage_other2=$(db_new other2)
expect "--db before the command" 0 "is klaar" -- "$POK" --db "$usage_other" init
expect "--db after the command" 0 "is klaar" -- "$POK" init --db "$usage_other2"
! db_untouched "$usage_other" && ! db_untouched "$usage_other2" &&
  ok "--db chooses the file" || not_ok "--db chooses the file"
expect "POK is built in" 0 "Robuust rechtsbeschermingssysteem" "Gemeentelijk ondersteuningsprogramma" "2021-2027" -- "$POK" scheme show
rm -f "$POK_DB" "$POK_DB-wal" "$POK_DB-shm"
