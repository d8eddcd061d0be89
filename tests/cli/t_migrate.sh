# pok migrate: numbered migrations applied in one transaction, from and to version told;
# a current schema is left alone; a failing migration changes nothing; an older schema
# is refused by the other commands with a pointer to pok migrate. Same on both backends.
MG_DB=$(db_new migrate)
expect "migrate: a new database gets every migration" 0 "schemaversie 0 -> " "migraties toegepast" -- \
  "$POK" --db "$MG_DB" migrate
mg_latest=$(db_query "SELECT MAX(version) FROM schema_migrations" "$MG_DB")
mg_count=$(db_query "SELECT COUNT(*) FROM schema_migrations" "$MG_DB")
[ -n "$mg_latest" ] && [ "$mg_latest" = "$mg_count" ] && [ "$mg_latest" -ge 5 ] &&
  ok "migrate: versions 1..$mg_latest recorded" ||
  not_ok "migrate: versions 1..N recorded" "max '$mg_latest', count '$mg_count'"
expect "migrate: a current schema needs nothing" 0 "schemaversie $mg_latest, geen migraties nodig" -- \
  "$POK" --db "$MG_DB" migrate
expect "migrate: the built-in scheme is there" 0 "POK" -- "$POK" --db "$MG_DB" scheme list

# Forget the newest migration: applying it again fails (its tables exist), in one
# transaction, so the recorded versions stay as they were.
db_query "DELETE FROM schema_migrations WHERE version = $mg_latest" "$MG_DB" >/dev/null
expect "migrate: an older schema is refused by other commands" 1 "verouderd" \
  "voer eerst 'pok migrate' uit" -- "$POK" --db "$MG_DB" scheme list
expect "migrate: a failing migration is named" 1 "migratie $mg_latest van database" -- \
  "$POK" --db "$MG_DB" migrate
mg_after=$(db_query "SELECT COUNT(*) FROM schema_migrations" "$MG_DB")
[ "$mg_after" = $((mg_latest - 1)) ] && ok "migrate: a failed migration records nothing" ||
  not_ok "migrate: a failed migration records nothing" "$mg_after versions recorded"
