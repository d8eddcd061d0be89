# pok read's input layer on real files made here with the tools of scripts/deps.sh: a
# text PDF from groff (two pages, a table), the same pages scanned (pdftoppm, rotated
# and noisy with ImageMagick, wrapped as an image PDF) and read by OCR, a DOCX; and bad
# input, each refused with exit status 1, a clear message naming the file, within a few
# seconds and with nothing on standard output: an encrypted PDF (qpdf), a truncated PDF,
# an empty file, a photo-like image without text, a DOCX zip bomb and a 2,000-page PDF.
RI=$WORK/read_input
mkdir -p "$RI"

cat >"$RI/rv.ms" <<'EOT'
.LP
Raadsvoorstel POK-middelen gemeente Overbetuwe
.TS
tab(;);
l r r.
Actielijn;2024;2025
Robuust rechtsbeschermingssysteem;459.500;175.000
Totaal;596.437;175.000
.TE
.bp
.LP
Het college stelt de raad voor in te stemmen.
EOT
groff -ms -t -Tpdf "$RI/rv.ms" >"$RI/rv.pdf" 2>/dev/null

expect "pok read: a text PDF reads, two pages, no OCR" 0 '"pages":2' '"ocr_pages":[]' \
  -- timeout 20 "$POK" read "$RI/rv.pdf" --format json

# The scan: each page at 200 dpi in grey, rotated by 0.7 degrees, noise added, as JPEG.
pdftoppm -r 200 -gray -png "$RI/rv.pdf" "$RI/page" 2>/dev/null
for p in "$RI"/page-*.png; do
  convert "$p" -background white -rotate 0.7 -attenuate 0.4 +noise Gaussian -quality 80 \
    "${p%.png}.jpg" 2>/dev/null
done
python3 "$HERE/tools/img_pdf.py" "$RI/scan.pdf" 200 "$RI"/page-*.jpg
expect "pok read: a scanned PDF is read by OCR, every page" 0 '"pages":2' '"ocr_pages":[1,2]' \
  -- timeout 300 "$POK" read "$RI/scan.pdf" --format json

python3 - "$RI/besluit.docx" <<'EOT'
import sys, zipfile
w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
cell = lambda t: '<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>' % t
body = ('<w:p><w:r><w:t>Collegebesluit Olst-Wijhe</w:t></w:r></w:p><w:tbl><w:tr>%s%s</w:tr></w:tbl>'
        '<w:p><w:r><w:br w:type="page"/><w:t>Bijlage</w:t></w:r></w:p>') % (cell('Totaal'), cell('149.000'))
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('word/document.xml', '<w:document %s><w:body>%s</w:body></w:document>' % (w, body))
EOT
expect "pok read: a DOCX reads, its page break counted" 0 '"pages":2' \
  -- timeout 20 "$POK" read "$RI/besluit.docx" --format json

# read_fails NAME FILE PATTERN: pok read exits 1 within 20 s, says PATTERN, names the file,
# prints nothing on standard output.
read_fails() {
  rf_name=$1
  rf_file=$2
  rf_pattern=$3
  timeout 20 "$POK" read "$rf_file" --format json >"$RI/stdout" 2>"$RI/stderr"
  rf_status=$?
  cp "$RI/stderr" out
  if [ "$rf_status" != 1 ]; then
    not_ok "$rf_name" "exit status $rf_status, expected 1"
  elif ! grep -qF -- "$rf_pattern" "$RI/stderr" || ! grep -qF -- "$rf_file" "$RI/stderr"; then
    not_ok "$rf_name" "expected '$rf_pattern' naming $rf_file"
  elif [ -s "$RI/stdout" ]; then
    not_ok "$rf_name" "printed on standard output: $(head -c 200 "$RI/stdout")"
  else
    ok "$rf_name"
  fi
}

qpdf --encrypt geheim eigenaar 256 -- "$RI/rv.pdf" "$RI/encrypted.pdf"
read_fails "pok read: an encrypted PDF" "$RI/encrypted.pdf" "is beveiligd met een wachtwoord"
# encrypted without a password to open it (only the owner's, restricting printing): reads
qpdf --encrypt "" eigenaar 256 -- "$RI/rv.pdf" "$RI/restricted.pdf"
expect "pok read: a PDF restricted by an owner password only reads" 0 '"pages":2' \
  -- timeout 20 "$POK" read "$RI/restricted.pdf" --format json

head -c 700 "$RI/rv.pdf" >"$RI/truncated.pdf"
read_fails "pok read: a truncated PDF" "$RI/truncated.pdf" "is beschadigd"

: >"$RI/empty.pdf"
read_fails "pok read: a 0-byte file" "$RI/empty.pdf" "is leeg (0 bytes)"

convert -size 800x600 plasma:fractal -seed 7 "$RI/photo.png" 2>/dev/null
read_fails "pok read: an image without text" "$RI/photo.png" "bevat geen leesbare tekst"

# 200 MiB of white space in word/document.xml, deflated to about 200 KB
python3 - "$RI/bomb.docx" <<'EOT'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    with z.open('word/document.xml', 'w', force_zip64=True) as f:
        f.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
        block = b' ' * (1 << 20)
        for _ in range(200):
            f.write(block)
        f.write(b'</w:body></w:document>')
EOT
read_fails "pok read: a DOCX zip bomb" "$RI/bomb.docx" "uitgepakt groter dan 64 MiB"

python3 "$HERE/tools/pdf_pages.py" 2000 "$RI/pages.pdf"
read_fails "pok read: a 2,000-page PDF" "$RI/pages.pdf" "heeft 2000 pagina's; pok leest er ten hoogste 1000"

# Several files with --jobs 2: each object on its line in the order given; a bad file
# among them makes the exit status 1 and its message names it.
timeout 60 "$POK" read "$RI/rv.pdf" "$RI/besluit.docx" "$RI/empty.pdf" "$RI/rv.pdf" --jobs 2 \
  --format json >"$RI/many" 2>"$RI/many.err"
ri_status=$?
ri_files=$(sed -n 's/^{"file":"\([^"]*\)".*/\1/p' "$RI/many" | tr '\n' ' ')
if [ "$ri_status" = 1 ] && [ "$ri_files" = "$RI/rv.pdf $RI/besluit.docx $RI/rv.pdf " ] &&
  grep -qF "$RI/empty.pdf: het bestand is leeg" "$RI/many.err"; then
  ok "pok read --jobs 2: output in the order given, the bad file named"
else
  not_ok "pok read --jobs 2: output in the order given, the bad file named" \
    "status $ri_status, files: $ri_files" "$(cat "$RI/many.err")"
fi
