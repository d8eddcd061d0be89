#!/bin/sh
# render.sh: the evaluation set of pok read in all its forms (docs/read.md, "Evaluation").
#   render.sh [OUT]       (default build/read-corpus)
# From tests/read/docs/NAME.src it writes OUT/txt/NAME.txt (plain text), OUT/docx/NAME.docx
# (both by gen.py), OUT/pdf/NAME.pdf (text PDF: groff with tbl), OUT/scan/NAME.pdf (the PDF
# rasterised in grey at 200 dpi, slightly rotated, with noise and a little blur, as an
# image-only PDF) and, for documents of several pages, OUT/mixed/NAME.pdf (odd pages text,
# even pages scanned); the seeds (tests/read/seeds/) as text, and those with lines short
# enough for a page also as PDF and scan.
# The truth that gen.py derives from each source must equal tests/read/truth/NAME.json:
# RENDER_UPDATE_TRUTH=1 writes it there instead (after a change to a source).
# Only what is older than its source is made again.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-build/read-corpus}
mkdir -p "$OUT/txt" "$OUT/tr" "$OUT/truth" "$OUT/pdf" "$OUT/scan" "$OUT/mixed" "$OUT/tmp"

# text and groff input of the own documents, and their truth
python3 "$HERE/gen.py" "$OUT" "$HERE"/docs/*.src
bad=0
for t in "$OUT"/truth/*.json; do
  name=$(basename "$t")
  if [ "${RENDER_UPDATE_TRUTH:-0}" = 1 ]; then
    cp "$t" "$HERE/truth/$name"
  elif ! cmp -s "$t" "$HERE/truth/$name"; then
    echo "render.sh: tests/read/truth/$name does not follow from its source" \
         "(RENDER_UPDATE_TRUTH=1 sh tests/read/render.sh writes it)" >&2
    bad=1
  fi
done
[ "$bad" = 0 ] || exit 1

# the seeds: the text as it is; as PDF the lines as they are, 55 to a page. Seeds with
# lines too long for a page (markdown paragraphs) stay text only.
for s in "$HERE"/seeds/*.txt; do
  n=$(basename "$s" .txt | cut -c1-3)
  cp "$s" "$OUT/txt/seed_$n.txt"
  if awk 'length($0) > 110 { long = 1 } END { exit !long }' "$s"; then continue; fi
  tr="$OUT/tr/seed_$n.tr"
  [ "$tr" -nt "$s" ] && continue
  awk 'BEGIN { print ".pl 29.7c\n.ll 17c\n.po 2c\n.ps 10\n.vs 12.5\n.nf\n.sp 2c" }
       { if (NR > 1 && (NR - 1) % 55 == 0) print ".bp\n.sp 2c"
         gsub(/\\/, "\\e"); if ($0 ~ /^[.\047]/) $0 = "\\&" $0; print }' "$s" > "$tr"
done

# text PDF and scan of every document that has groff input
for tr in "$OUT"/tr/*.tr; do
  name=$(basename "$tr" .tr)
  pdf="$OUT/pdf/$name.pdf"
  scan="$OUT/scan/$name.pdf"
  if ! [ "$pdf" -nt "$tr" ]; then
    groff -k -t -Tpdf "$tr" > "$pdf.tmp" && mv "$pdf.tmp" "$pdf"
  fi
  if ! [ "$scan" -nt "$pdf" ]; then
    rm -f "$OUT/tmp/$name"-*
    nice pdftoppm -r 200 -gray "$pdf" "$OUT/tmp/$name"
    # a rotation of 0.3 to 0.9 degrees, either way, and the noise, fixed per document (the
    # same scan in every run, so a result can be reproduced)
    h=$(printf '%s' "$name" | cksum | cut -d' ' -f1)
    rot=$(awk -v h="$h" 'BEGIN { r = 0.3 + (h % 7) / 10; if (h % 2) r = -r; print r }')
    for pgm in "$OUT/tmp/$name"-*.pgm; do
      nice convert -seed "$((h % 100000))" "$pgm" -background white -rotate "$rot" \
        -attenuate 0.3 +noise Gaussian \
        -blur 0x0.4 -quality 80 "${pgm%.pgm}.jpg"
    done
    # pdftoppm numbers the pages with leading zeros to equal width: the glob is in order
    python3 "$HERE/imgpdf.py" "$scan.tmp" 200 "$OUT/tmp/$name"-*.jpg
    mv "$scan.tmp" "$scan"
    rm -f "$OUT/tmp/$name"-*
  fi
done
# mixed: own documents of more than one page with the odd pages as text and the even pages
# as scan, so one document needs both the text layer and OCR
for pdf in "$OUT"/pdf/d*.pdf; do
  name=$(basename "$pdf" .pdf)
  mixed="$OUT/mixed/$name.pdf"
  [ "$mixed" -nt "$OUT/scan/$name.pdf" ] && continue
  n=$(qpdf --show-npages "$pdf")
  [ "$n" -ge 2 ] || continue
  set --
  p=1
  while [ "$p" -le "$n" ]; do
    if [ $((p % 2)) = 1 ]; then set -- "$@" "$pdf" "$p"; else set -- "$@" "$OUT/scan/$name.pdf" "$p"; fi
    p=$((p + 1))
  done
  qpdf --empty --pages "$@" -- "$mixed"
done
echo "render.sh: $(ls "$OUT/txt" | wc -l) text, $(ls "$OUT/pdf" | wc -l) PDF, $(ls "$OUT/scan" | wc -l) scans, $(ls "$OUT/mixed" | wc -l) mixed, $(ls "$OUT/docx" | wc -l) DOCX in $OUT"
