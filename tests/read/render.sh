#!/bin/sh
# render.sh: the evaluation set of pok read in its three forms (docs/read.md, "Evaluation").
#   render.sh [OUT]       (default build/read-corpus)
# writes OUT/txt/NAME.txt (plain text), OUT/pdf/NAME.pdf (text PDF: groff with tbl) and
# OUT/scan/NAME.pdf (the PDF rasterised in grey at 200 dpi, slightly rotated, with noise
# and a little blur, as an image-only PDF) from tests/read/docs/NAME.src, and the seeds
# (tests/read/seeds/) as text, and those with short lines also as PDF and scan.
# The truth that gen.py derives from each source must equal tests/read/truth/NAME.json:
# RENDER_UPDATE_TRUTH=1 writes it there instead (after a change to a source).
# Only what is older than its source is made again.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-build/read-corpus}
mkdir -p "$OUT/txt" "$OUT/tr" "$OUT/truth" "$OUT/pdf" "$OUT/scan" "$OUT/tmp"

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
    # a rotation of 0.3 to 0.9 degrees, either way, fixed per document
    h=$(printf '%s' "$name" | cksum | cut -d' ' -f1)
    rot=$(awk -v h="$h" 'BEGIN { r = 0.3 + (h % 7) / 10; if (h % 2) r = -r; print r }')
    for pgm in "$OUT/tmp/$name"-*.pgm; do
      nice convert "$pgm" -background white -rotate "$rot" -attenuate 0.3 +noise Gaussian \
        -blur 0x0.4 -quality 80 "${pgm%.pgm}.jpg"
    done
    python3 "$HERE/imgpdf.py" "$scan.tmp" 200 $(ls "$OUT/tmp/$name"-*.jpg | sort -V)
    mv "$scan.tmp" "$scan"
    rm -f "$OUT/tmp/$name"-*
  fi
done
echo "render.sh: $(ls "$OUT/txt" | wc -l) text, $(ls "$OUT/pdf" | wc -l) PDF, $(ls "$OUT/scan" | wc -l) scans in $OUT"
