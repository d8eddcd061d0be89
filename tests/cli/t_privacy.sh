# pok privacy scan: the measurement set (tests/privacy/measure.py, the thresholds of issue
# 16), and the JSON contract: byte offsets in UTF-8, - reads standard input, invalid UTF-8
# refused naming the file, the text format listing kind and text.
if python3 "$HERE/../privacy/measure.py" "$POK" >out 2>&1; then
  ok "privacy: measured on the test set ($(sed -n 's/^\([0-9]*\) texts with personal data, \([0-9]*\) look-alikes$/\1 + \2 texts/p' out))"
else
  not_ok "privacy: measured on the test set" "measure.py failed"
fi

printf 'Café Ærø: mevrouw Jansen' >privacy_utf8.txt
run 0 "$POK" privacy scan privacy_utf8.txt --format json
want='{"findings":[{"kind":"name","start":21,"end":27,"text":"Jansen"}]}'
got=$(python3 -c 'import json,sys; print(json.dumps(json.load(open("out")), separators=(",", ":"), ensure_ascii=False))')
if [ "$got" = "$want" ]; then ok "privacy: offsets are bytes of the UTF-8 text"; else not_ok "privacy: offsets are bytes of the UTF-8 text" "got $got"; fi

printf 'BSN 123456782, bel 06-12345678' | "$POK" privacy scan - --format json >out 2>&1
got=$(python3 -c 'import json; print(" ".join("%s:%d-%d:%s" % (f["kind"], f["start"], f["end"], f["text"]) for f in json.load(open("out"))["findings"]))')
if [ "$got" = "bsn:4-13:123456782 phone:19-30:06-12345678" ]; then ok "privacy: - reads standard input, findings in order"; else not_ok "privacy: - reads standard input, findings in order" "got $got"; fi

printf 'nothing here' | "$POK" privacy scan - --format json >out 2>&1
if grep -qx '{' out && grep -q '"findings": \[\]' out; then ok "privacy: no findings is an empty list"; else not_ok "privacy: no findings is an empty list"; fi

printf 'mevrouw Jansen \377\376' >privacy_bad.txt
expect "privacy: invalid UTF-8 refused, naming the file" 1 "privacy_bad.txt" "geen geldige UTF-8" -- \
  "$POK" privacy scan privacy_bad.txt
expect "privacy: a missing file named" 1 "privacy_missing.txt" -- "$POK" privacy scan privacy_missing.txt
head -c 11000000 /dev/zero | tr '\0' 'a' >privacy_big.txt
expect "privacy: over 10 MiB refused" 1 "privacy_big.txt" "te groot" -- "$POK" privacy scan privacy_big.txt
rm -f privacy_big.txt
printf 'Geachte heer Yilmaz, uw IBAN NL91 ABNA 0417 1643 00.' >privacy_text.txt
expect "privacy: the text format lists kind and text" 0 "name" "Yilmaz" "iban" \
  "NL91 ABNA 0417 1643 00" "2 persoonsgegevens gevonden" -- "$POK" privacy scan privacy_text.txt
expect "privacy: --format checked" 2 "verwacht text of json, niet 'csv'" -- "$POK" privacy scan privacy_text.txt --format csv
