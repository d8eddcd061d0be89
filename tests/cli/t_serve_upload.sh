# Uploads in pok serve over a real socket: a PDF uploaded as a new source comes back
# byte-identical from its download route with the SHA-256 the source page shows; a
# source made from within the allocation form returns there with what was typed; the
# circulaire and ledger imports show their dry run and import only when confirmed.
UP_DB=$(db_new upload)
"$POK" --db "$UP_DB" demo --quiet >out 2>&1 || not_ok "upload: demo database" "demo failed"
"$POK" --db "$UP_DB" report GM1734 --out up_doc.pdf >out 2>&1 ||
  not_ok "upload: a PDF to upload" "pok report failed"
"$POK" --db "$UP_DB" serve --port 0 >up_serve.out 2>&1 &
up_pid=$!
up_url=""
tries=0
while [ -z "$up_url" ] && [ $tries -lt 300 ] && kill -0 "$up_pid" 2>/dev/null; do
  up_url=$(sed -n 's/^pok serve: \(http:[^ ]*\) .*/\1/p' up_serve.out)
  [ -z "$up_url" ] && sleep 0.1
  tries=$((tries + 1))
done

# up_post PATH CURL-ARGS...: POST; status in up_code, body in up_body, headers in up_headers.
up_post() {
  path=$1
  shift
  up_code=$(curl -s --max-time 60 -D up_headers -o up_body -w '%{http_code}' \
    -H "Origin: ${up_url%/}" "$@" "$up_url${path#/}")
}
up_get() {
  up_code=$(curl -s --max-time 60 -D up_headers -o up_body -w '%{http_code}' "$up_url${1#/}")
}
up_audit() { db_query "select count(*) from audit" "$UP_DB"; }

if [ -z "$up_url" ]; then
  not_ok "upload: server starts" "no address after $tries tries" "$(cat up_serve.out)"
else
  # ---- a source with its PDF ----
  audit0=$(up_audit)
  up_post /gemeente/GM1734/bron/nieuw -F bron_formulier=1 -F soort=raadsvoorstel \
    -F 'titel=Raadsvoorstel POK 2025' -F kenmerk=RV-2025-12 -F datum=2025-03-04 \
    -F 'omschrijving=Met de begroting' -F 'bestand=@up_doc.pdf;type=application/pdf'
  src_path=$(sed -n 's/^Location: \(\/gemeente\/GM1734\/bron\/[0-9]*\).*/\1/p' up_headers | tr -d '\r')
  if [ "$up_code" = 303 ] && [ -n "$src_path" ]; then
    ok "upload: a source with a PDF is saved (303 to its page)"
  else
    not_ok "upload: a source with a PDF is saved (303 to its page)" "HTTP $up_code" "$(head -c 600 up_body)"
  fi
  src_id=${src_path##*/}
  want_sha=$(sha256sum up_doc.pdf | cut -d' ' -f1)
  up_get "$src_path"
  if [ "$up_code" = 200 ] && grep -qF "$want_sha" up_body && grep -qF "$src_path/bestand" up_body &&
    grep -qF "RV-2025-12" up_body; then
    ok "upload: the source page shows the file's SHA-256 and links to it"
  else
    not_ok "upload: the source page shows the file's SHA-256 and links to it" "HTTP $up_code, want $want_sha"
  fi
  up_get "$src_path/bestand"
  if [ "$up_code" = 200 ] && cmp -s up_body up_doc.pdf &&
    grep -qi '^Content-Type: application/pdf' up_headers &&
    grep -qi '^Content-Disposition: attachment; filename="up_doc.pdf"' up_headers; then
    ok "upload: the download is byte-identical, as application/pdf attachment"
  else
    not_ok "upload: the download is byte-identical, as application/pdf attachment" "HTTP $up_code" "$(cat up_headers)"
  fi
  [ "$(sha256sum up_body | cut -d' ' -f1)" = "$want_sha" ] &&
    [ "$(db_query "select sha256 from source_file where source_id = $src_id" "$UP_DB")" = "$want_sha" ] &&
    ok "upload: the stored SHA-256 is the file's" || not_ok "upload: the stored SHA-256 is the file's"
  audit1=$(up_audit)
  [ "$audit1" = $((audit0 + 2)) ] &&
    [ "$(db_query "select count(*) from audit where table_name = 'source_file' and record_id = $src_id" "$UP_DB")" = 1 ] &&
    ok "upload: the source and its file each have an audit row" ||
    not_ok "upload: the source and its file each have an audit row" "audit $audit0 -> $audit1"
  # the same under /bron/ID (the source's own municipality decides)
  up_get "/bron/$src_id/bestand"
  cmp -s up_body up_doc.pdf && ok "upload: /bron/ID/bestand serves the same file" ||
    not_ok "upload: /bron/ID/bestand serves the same file" "HTTP $up_code"
  up_get "/gemeente/GM1773/bron/$src_id/bestand"
  [ "$up_code" = 404 ] && ok "upload: another municipality's address does not serve it" ||
    not_ok "upload: another municipality's address does not serve it" "HTTP $up_code"

  # a document over 20 MiB: 422 next to the field, nothing saved
  head -c 21000000 /dev/zero >up_big.pdf
  up_post /gemeente/GM1734/bron/nieuw -F bron_formulier=1 -F soort=brief -F titel=Groot \
    -F 'bestand=@up_big.pdf;type=application/pdf'
  if [ "$up_code" = 422 ] && grep -qF "groter dan 20 MiB" up_body && [ "$(up_audit)" = "$audit1" ]; then
    ok "upload: a document over 20 MiB is refused next to its field (422)"
  else
    not_ok "upload: a document over 20 MiB is refused next to its field (422)" "HTTP $up_code"
  fi
  up_post /gemeente/GM1734/bron/nieuw -F bron_formulier=1 -F soort=brief -F titel= \
    -F 'bestand=@up_doc.pdf;type=application/pdf'
  [ "$up_code" = 422 ] && grep -qF 'id="veld-titel-error"' up_body && [ "$(up_audit)" = "$audit1" ] &&
    ok "upload: a source without a title is 422, nothing saved" ||
    not_ok "upload: a source without a title is 422, nothing saved" "HTTP $up_code"
  # a multipart post from another site is refused like any other post
  code=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' -H 'Origin: http://evil.example' \
    -F bron_formulier=1 -F soort=brief -F titel=X "${up_url}gemeente/GM1734/bron/nieuw")
  [ "$code" = 403 ] && [ "$(up_audit)" = "$audit1" ] && ok "upload: a cross-site upload is 403" ||
    not_ok "upload: a cross-site upload is 403" "HTTP $code"

  # ---- a new source from within the allocation form ----
  up_post /gemeente/GM1734/bron/nieuw --data-urlencode actielijn=1 --data-urlencode jaar=2026 \
    --data-urlencode 'bedrag=12.345' --data-urlencode 'plaats=p. 9' \
    --data-urlencode terug=/gemeente/GM1734/toekenning/nieuw
  if [ "$up_code" = 200 ] && grep -qF 'name="mee:bedrag" value="12.345"' up_body &&
    grep -qF 'name="terug" value="/gemeente/GM1734/toekenning/nieuw"' up_body; then
    ok "upload: 'Nieuwe bron toevoegen' carries the allocation form's values"
  else
    not_ok "upload: 'Nieuwe bron toevoegen' carries the allocation form's values" "HTTP $up_code"
  fi
  up_post /gemeente/GM1734/bron/nieuw -F bron_formulier=1 -F soort=circulaire \
    -F 'titel=Meicirculaire 2026' -F terug=/gemeente/GM1734/toekenning/nieuw \
    -F 'mee:actielijn=1' -F 'mee:jaar=2026' -F 'mee:bedrag=12.345' -F 'mee:plaats=p. 9' \
    -F 'bestand=@up_doc.pdf;type=application/pdf'
  new_id=$(db_query "select max(id) from source" "$UP_DB")
  if [ "$up_code" = 200 ] && grep -qF 'action="/gemeente/GM1734/toekenning/nieuw"' up_body &&
    grep -qF "name=\"bron\" value=\"$new_id\"" up_body && grep -qF 'name="bedrag" value="12.345"' up_body; then
    ok "upload: after saving, the way back posts the typed values with the new source"
  else
    not_ok "upload: after saving, the way back posts the typed values with the new source" "HTTP $up_code"
  fi
  up_post /gemeente/GM1734/toekenning/nieuw --data-urlencode actielijn=1 --data-urlencode jaar=2026 \
    --data-urlencode 'bedrag=12.345' --data-urlencode 'plaats=p. 9' --data-urlencode "bron=$new_id" \
    --data-urlencode aanpassen=1
  if [ "$up_code" = 200 ] && grep -qF 'value="12.345"' up_body &&
    grep -qF "<option value=\"$new_id\" selected>[$new_id] Meicirculaire 2026" up_body; then
    ok "upload: the allocation form shows what was typed, with the new source chosen"
  else
    not_ok "upload: the allocation form shows what was typed, with the new source chosen" "HTTP $up_code"
  fi
fi
kill "$up_pid" 2>/dev/null
tries=0
while kill -0 "$up_pid" 2>/dev/null && [ $tries -lt 300 ]; do
  sleep 0.1
  tries=$((tries + 1))
done
if kill -0 "$up_pid" 2>/dev/null; then
  kill -9 "$up_pid" 2>/dev/null
  wait "$up_pid" 2>/dev/null
  not_ok "upload: server stops on SIGTERM" "still running after 30 s"
else
  wait "$up_pid"
  [ $? = 0 ] && ok "upload: server stops cleanly" || not_ok "upload: server stops cleanly"
fi
