# Uploads in pok serve over a real socket: a PDF uploaded as a new source comes back
# byte-identical from its download route with the SHA-256 the source page shows; a
# source made from within the allocation form returns there with what was typed; the
# circulaire and ledger imports show their dry run and import only when confirmed.
UP_DB=$(db_new upload)
"$POK" --db "$UP_DB" demo --quiet >out 2>&1 || not_ok "upload: demo database" "demo failed"
# A small PDF of one empty page written here, not by `pok report`: under POK_VALGRIND the
# report's pango keeps its caches (reported as possibly lost), and this test is about the
# upload, not the report.
{
  printf '%%PDF-1.4\n%%\342\343\317\323\n'
  printf '%s\n' '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj' \
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj' \
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj' \
    '4 0 obj << /Length 40000 >> stream'
  head -c 40000 /dev/urandom # binary bytes, as a real document's streams have
  printf '\n%s\n' 'endstream endobj' 'trailer << /Root 1 0 R >>' '%%EOF'
} >up_doc.pdf
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
  # the source's page then says once what was saved (the message cookie of saved.h)
  if grep -qi '^Set-Cookie: pok_bericht=Bron%20' up_headers; then
    ok "upload: the new source's page gets a saved message"
  else
    not_ok "upload: the new source's page gets a saved message" "$(grep -i '^Set-Cookie' up_headers)"
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
    --data-urlencode formulier=/gemeente/GM1734/toekenning/nieuw \
    --data-urlencode terug=/gemeente/GM1734/besluiten
  if [ "$up_code" = 200 ] && grep -qF 'name="mee:bedrag" value="12.345"' up_body &&
    grep -qF 'name="formulier" value="/gemeente/GM1734/toekenning/nieuw"' up_body &&
    grep -qF 'name="terug" value="/gemeente/GM1734/besluiten"' up_body; then
    ok "upload: 'Nieuwe bron toevoegen' carries the allocation form's values"
  else
    not_ok "upload: 'Nieuwe bron toevoegen' carries the allocation form's values" "HTTP $up_code"
  fi
  up_post /gemeente/GM1734/bron/nieuw -F bron_formulier=1 -F soort=circulaire \
    -F 'titel=Meicirculaire 2026' -F formulier=/gemeente/GM1734/toekenning/nieuw \
    -F terug=/gemeente/GM1734/besluiten \
    -F 'mee:actielijn=1' -F 'mee:jaar=2026' -F 'mee:bedrag=12.345' -F 'mee:plaats=p. 9' \
    -F 'bestand=@up_doc.pdf;type=application/pdf'
  new_id=$(db_query "select max(id) from source" "$UP_DB")
  if [ "$up_code" = 200 ] && grep -qF 'action="/gemeente/GM1734/toekenning/nieuw"' up_body &&
    grep -qF "name=\"bron\" value=\"$new_id\"" up_body && grep -qF 'name="bedrag" value="12.345"' up_body &&
    grep -qF 'name="terug" value="/gemeente/GM1734/besluiten"' up_body; then
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

  # ---- the circulaire import: preview, then confirm ----
  up_token() { sed -n 's/.*name="bestand_token" value="\([0-9a-f]*\)".*/\1/p' up_body | head -1; }
  up_sha() { sed -n 's/.*name="bestand_sha256" value="\([0-9a-f]*\)".*/\1/p' up_body | head -1; }
  circ_maps='Rechtsbescherming 2024=2:2024
Rechtsbescherming 2025=2:2025
E=3:2024'
  allocs0=$(db_query "select count(*) from allocation" "$UP_DB")
  audit2=$(up_audit)
  up_post /import/circulaire -F "bestand=@$HERE/../data/circulaire_2024.xlsx" \
    -F 'bron_titel=Meicirculaire 2024' -F code_kolom=Gemeentecode -F "kolommen=$circ_maps" \
    -F werkblad=Bedragen -F eenheid=euro -F onbekend=stoppen
  token=$(up_token)
  sha=$(up_sha)
  # what the preview promises: new amounts plus new versions
  circ_new=$(sed -n 's/.*<dt>Nieuwe bedragen<\/dt><dd>\([0-9]*\)<.*/\1/p' up_body)
  circ_changed=$(sed -n 's/.*<dt>Gewijzigde bedragen (nieuwe versie)<\/dt><dd>\([0-9]*\)<.*/\1/p' up_body)
  if [ "$up_code" = 200 ] && grep -qF "Controleer de import" up_body &&
    grep -qF "<dt>Gemeenten gelezen</dt><dd>3</dd>" up_body &&
    grep -qF "$(sha256sum "$HERE/../data/circulaire_2024.xlsx" | cut -d' ' -f1)" up_body &&
    [ -n "$token" ] && [ "$(db_query "select count(*) from allocation" "$UP_DB")" = "$allocs0" ] &&
    [ "$(up_audit)" = "$audit2" ]; then
    ok "upload: a circulaire upload shows its dry run, nothing saved"
  else
    not_ok "upload: a circulaire upload shows its dry run, nothing saved" "HTTP $up_code" "$(grep -o '<p class="utrecht-form-field-error-message"[^<]*' up_body)"
  fi
  # another session's (or a made-up) token finds nothing
  up_post /import/circulaire --data-urlencode confirm=1 --data-urlencode "bestand_token=$(printf '%064d' 7)" \
    --data-urlencode "bestand_sha256=$sha" --data-urlencode 'bron_titel=Meicirculaire 2024' \
    --data-urlencode code_kolom=Gemeentecode --data-urlencode "kolommen=$circ_maps" \
    --data-urlencode werkblad=Bedragen --data-urlencode eenheid=euro --data-urlencode onbekend=stoppen
  [ "$up_code" = 422 ] && grep -qF "niet meer beschikbaar" up_body &&
    [ "$(db_query "select count(*) from allocation" "$UP_DB")" = "$allocs0" ] &&
    ok "upload: an unknown token imports nothing (422)" ||
    not_ok "upload: an unknown token imports nothing (422)" "HTTP $up_code"
  up_post /import/circulaire --data-urlencode confirm=1 --data-urlencode "bestand_token=$token" \
    --data-urlencode "bestand_sha256=$sha" --data-urlencode 'bron_titel=Meicirculaire 2024' \
    --data-urlencode code_kolom=Gemeentecode --data-urlencode "kolommen=$circ_maps" \
    --data-urlencode werkblad=Bedragen --data-urlencode eenheid=euro --data-urlencode onbekend=stoppen
  allocs1=$(db_query "select count(*) from allocation" "$UP_DB")
  if [ "$up_code" = 200 ] && grep -qF "Circulaire geïmporteerd" up_body && [ "$allocs1" = $((allocs0 + ${circ_new:-x} + ${circ_changed:-x})) ] && [ $((circ_new + circ_changed)) -ge 7 ] &&
    [ "$(db_query "select amount_cents from allocation where municipality = 'GM0363' and year = 2025" "$UP_DB")" = 5400050 ] &&
    [ "$(db_query "select count(*) from audit where table_name = 'allocation' and id > $audit2" "$UP_DB")" = $((circ_new + circ_changed)) ]; then
    ok "upload: 'Bevestigen en importeren' imports what the preview showed, with audit rows"
  else
    not_ok "upload: 'Bevestigen en importeren' imports what the preview showed, with audit rows" "HTTP $up_code, $allocs0 -> $allocs1"
  fi
  # confirming twice does not import twice: the file is gone
  up_post /import/circulaire --data-urlencode confirm=1 --data-urlencode "bestand_token=$token" \
    --data-urlencode "bestand_sha256=$sha" --data-urlencode 'bron_titel=Meicirculaire 2024' \
    --data-urlencode code_kolom=Gemeentecode --data-urlencode "kolommen=$circ_maps" \
    --data-urlencode werkblad=Bedragen --data-urlencode eenheid=euro --data-urlencode onbekend=stoppen
  [ "$up_code" = 422 ] && [ "$(db_query "select count(*) from allocation" "$UP_DB")" = "$allocs1" ] &&
    ok "upload: a second confirmation imports nothing" ||
    not_ok "upload: a second confirmation imports nothing" "HTTP $up_code"
  # a bad amount: the importer's message with file, line and column, next to the file
  sed 's/52.500/52,500,0/' "$HERE/../data/circulaire_2024.csv" >up_bad.csv
  up_post /import/circulaire -F 'bestand=@up_bad.csv;type=text/csv' \
    -F 'bron_titel=Meicirculaire 2024' -F code_kolom=Gemeentecode -F "kolommen=$circ_maps" \
    -F eenheid=euro -F onbekend=stoppen
  if [ "$up_code" = 422 ] && grep -qF "up_bad.csv, regel 4" up_body && grep -qF 'id="veld-bestand-error"' up_body &&
    ! grep -qF "/tmp" up_body && [ "$(db_query "select count(*) from allocation" "$UP_DB")" = "$allocs1" ]; then
    ok "upload: a bad amount is shown with file and line (422), nothing saved"
  else
    not_ok "upload: a bad amount is shown with file and line (422), nothing saved" "HTTP $up_code" "$(grep -o 'Niet geïmporteerd[^<]*' up_body)"
  fi

  # ---- the ledger import of a municipality ----
  "$POK" --db "$UP_DB" measure update 1 --cost-centres KP7001 >out 2>&1 ||
    not_ok "upload: a cost centre for measure 1" "$(cat out)"
  printf 'boekdatum;boekjaar;periode;grootboekrekening;kostenplaats;taakveld;bedrag;omschrijving;documentnummer\n' >up_gb.csv
  printf '2025-02-03;2025;2;4300;KP7001;6.1;1.000,50;Huur;D1\n2025-03-04;2025;3;4300;KP7001;6.1;-200,25;Correctie;D2\n2025-03-05;2025;3;4300;KP0000;6.1;99,00;Elders;D3\n' >>up_gb.csv
  audit3=$(up_audit)
  up_post /gemeente/GM1734/grootboek/import -F 'bestand=@up_gb.csv;type=text/csv' -F onbekend=tellen
  token=$(up_token)
  sha=$(up_sha)
  if [ "$up_code" = 200 ] && grep -qF "Controleer de import" up_body && grep -qF "€ 800,25" up_body &&
    grep -qF "KP0000" up_body && [ "$(up_audit)" = "$audit3" ]; then
    ok "upload: a ledger upload shows its dry run (realised € 800,25, the unmapped code)"
  else
    not_ok "upload: a ledger upload shows its dry run (realised € 800,25, the unmapped code)" "HTTP $up_code" "$(grep -o 'Niet geïmporteerd[^<]*' up_body)"
  fi
  up_post /gemeente/GM1734/grootboek/import --data-urlencode confirm=1 --data-urlencode onbekend=tellen \
    --data-urlencode "bestand_token=$token" --data-urlencode "bestand_sha256=$sha"
  if [ "$up_code" = 200 ] && grep -qF "Grootboek geïmporteerd" up_body &&
    [ "$(db_query "select amount_cents from measure_amount where measure_id = 1 and kind = 2 and year = 2025" "$UP_DB")" = 80025 ] &&
    [ "$(db_query "select file_name from ledger_import" "$UP_DB")" = up_gb.csv ] &&
    [ "$(db_query "select count(*) from audit where table_name = 'ledger_import'" "$UP_DB")" = 1 ]; then
    ok "upload: the confirmed ledger import stores the realised amount, the file's name and an audit row"
  else
    not_ok "upload: the confirmed ledger import stores the realised amount, the file's name and an audit row" "HTTP $up_code"
  fi
  # the ledger file of one municipality cannot be confirmed on another's page
  up_post /gemeente/GM1773/grootboek/import --data-urlencode confirm=1 --data-urlencode onbekend=tellen \
    --data-urlencode "bestand_token=$token" --data-urlencode "bestand_sha256=$sha"
  [ "$up_code" = 422 ] && ok "upload: a kept ledger file is only for its own municipality" ||
    not_ok "upload: a kept ledger file is only for its own municipality" "HTTP $up_code"
fi
serve_stop "$up_pid"
if [ "$serve_killed" = 1 ]; then
  not_ok "upload: server stops on SIGTERM" "still running after 30 s"
else
  [ "$serve_status" = 0 ] && ok "upload: server stops cleanly" || not_ok "upload: server stops cleanly"
fi

# The document travels with pok copy (and, on SQLite, with pok backup): the same bytes
# under the same SHA-256 in the copy.
UP_COPY=$(db_new upload_copy)
if [ -n "${src_id:-}" ] && "$POK" copy --from "$UP_DB" --to "$UP_COPY" >out 2>&1; then
  [ "$(db_query "select sha256 from source_file where source_id = $src_id" "$UP_COPY")" = "$want_sha" ] &&
    [ "$(db_query "select size from source_file where source_id = $src_id" "$UP_COPY")" = "$(wc -c <up_doc.pdf | tr -d ' ')" ] &&
    ok "upload: pok copy carries the source's document" ||
    not_ok "upload: pok copy carries the source's document"
else
  not_ok "upload: pok copy carries the source's document" "copy failed"
fi
if sqlite_only "pok backup writes SQLite files"; then
  if "$POK" --db "$UP_DB" backup "$WORK/up_backup.db" >out 2>&1; then
    [ "$(sqlite3 "$WORK/up_backup.db" "select hex(content) from source_file where source_id = $src_id")" = \
      "$(od -An -v -tx1 up_doc.pdf | tr -d ' \n' | tr a-f A-F)" ] &&
      ok "upload: pok backup keeps the document byte for byte" ||
      not_ok "upload: pok backup keeps the document byte for byte"
  else
    not_ok "upload: pok backup keeps the document byte for byte" "backup failed"
  fi
fi
