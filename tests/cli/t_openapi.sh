# pok openapi: the OpenAPI document of the JSON API. The copy in docs/openapi.json must be
# what pok writes (make openapi rewrites it), so that it never goes stale.
OPENAPI_DOC=$HERE/../../docs/openapi.json
if run 0 "$POK" openapi && cmp -s out "$OPENAPI_DOC"; then
  ok "openapi: docs/openapi.json is what pok openapi writes"
else
  not_ok "openapi: docs/openapi.json is what pok openapi writes" \
    "run make openapi and commit docs/openapi.json" "$(diff "$OPENAPI_DOC" out | head -20)"
fi
run 0 "$POK" openapi --out openapi.json && cmp -s openapi.json "$OPENAPI_DOC" &&
  ok "openapi: --out writes the same document" || not_ok "openapi: --out writes the same document"
db_untouched "$POK_DB" && ok "openapi: needs no database" || not_ok "openapi: needs no database"
grep -q '"/api/v2/gemeenten/{code}/maatregelen"' openapi.json &&
  grep -q '"/api/v1/gemeenten/{code}/maatregelen"' openapi.json &&
  ok "openapi: both versions' paths" || not_ok "openapi: both versions' paths"
expect "openapi: no arguments" 2 "te veel argumenten" "gebruik: pok openapi" -- "$POK" openapi extra
expect "openapi: --out into a missing directory" 1 "out" -- "$POK" openapi --out geen/map/openapi.json
[ ! -e geen ] && ok "openapi: a failed --out leaves nothing" || not_ok "openapi: a failed --out leaves nothing"
rm -f openapi.json
