#!/bin/sh
# read.sh [POK]: benchmark pok read's input layer against the usual tools, in one run.
#
# Inputs, generated here and cached in $BENCH_DIR/read (bench/gen_council_ms.py, fixed
# seeds): FILES council documents of 10 pages each as text PDFs (groff -ms -t -Tpdf:
# prose and a table of amounts on every page), and a scan of their first SCAN_PAGES
# pages (pdftoppm at 300 dpi in grey, rotated by 0.5 degrees with noise by ImageMagick,
# JPEG with 300 dpi in its header, wrapped page by page into an image PDF by
# tests/cli/tools/img_pdf.py).
#   text:   `pok read FILE --format json` (extraction and checks) against
#           `pdftotext FILE /dev/null` (poppler), file by file, the first TEXT_FILES
#           files, ROUNDS rounds taking turns; pages per second, medians;
#   ocr:    `pok read` on an image PDF of OCR_PAGES of the scanned pages against
#           `tesseract PAGE.jpg - -l nld` on the same page images (same pixels, same
#           300 dpi, same Dutch data), one round;
#   memory: peak RSS (GNU time's maximum resident set size) of `pok read` on the scan of
#           SCAN_PAGES pages (200: the aim is under 300 MB);
#   jobs:   `pok read` on all FILES files (FILES x 10 pages) in one command with
#           --jobs 1 and with --jobs 2.
# Environment: POK_BENCH_DIR or BENCH_DIR (default /tmp/pok-bench), FILES (100),
# TEXT_FILES (30), OCR_PAGES (10), SCAN_PAGES (200), ROUNDS (3).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
POK=${1:-build/pok}
POK=$(cd "$(dirname "$POK")" && pwd)/$(basename "$POK")
BENCH_DIR=${POK_BENCH_DIR:-${BENCH_DIR:-/tmp/pok-bench}}
DIR=$BENCH_DIR/read
FILES=${FILES:-100}
TEXT_FILES=${TEXT_FILES:-30}
OCR_PAGES=${OCR_PAGES:-10}
SCAN_PAGES=${SCAN_PAGES:-200}
ROUNDS=${ROUNDS:-3}
IMG_PDF="python3 $HERE/../tests/cli/tools/img_pdf.py"
mkdir -p "$DIR"

for tool in groff pdftotext pdftoppm tesseract convert python3 /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { echo "read.sh: $tool is missing (scripts/deps.sh)" >&2; exit 1; }
done

# ---- inputs ----
i=1
while [ "$i" -le "$FILES" ]; do
  f=$DIR/doc$i.pdf
  if [ ! -s "$f" ]; then
    python3 "$HERE/gen_council_ms.py" "$i" 10 "$DIR/doc$i.ms"
    groff -ms -t -Tpdf "$DIR/doc$i.ms" >"$f" 2>/dev/null
  fi
  i=$((i + 1))
done
pages_of() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }

# The scan: the pages of doc1, doc2, ... until SCAN_PAGES page images exist.
n=$(ls "$DIR"/scan-*.jpg 2>/dev/null | wc -l)
i=1
while [ "$n" -lt "$SCAN_PAGES" ]; do
  pdftoppm -r 300 -gray -png "$DIR/doc$i.pdf" "$DIR/raw"
  for p in "$DIR"/raw-*.png; do
    [ "$n" -ge "$SCAN_PAGES" ] && break
    n=$((n + 1))
    convert "$p" -background white -rotate 0.5 -attenuate 0.3 +noise Gaussian \
      -units PixelsPerInch -density 300 -quality 85 "$DIR/scan-$(printf %04d "$n").jpg"
  done
  rm -f "$DIR"/raw-*.png
  i=$((i + 1))
done
# shellcheck disable=SC2046
[ -s "$DIR/scan.pdf" ] || $IMG_PDF "$DIR/scan.pdf" 300 $(ls "$DIR"/scan-*.jpg | head -n "$SCAN_PAGES")
# shellcheck disable=SC2046
[ -s "$DIR/ocr.pdf" ] || $IMG_PDF "$DIR/ocr.pdf" 300 $(ls "$DIR"/scan-*.jpg | head -n "$OCR_PAGES")

now() { date +%s.%N; }
# secs START: the seconds since START
secs() { echo "$(now) $1" | awk '{ printf "%.3f", $1 - $2 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { echo "$1 $2" | awk '{ printf "%.2f", $1 / $2 }'; }
rate() { echo "$1 $2" | awk '{ printf "%.1f", $1 / $2 }'; }

# ---- text PDFs: pok read against pdftotext, file by file ----
text_pages=0
i=1
while [ "$i" -le "$TEXT_FILES" ]; do
  text_pages=$((text_pages + $(pages_of "$DIR/doc$i.pdf")))
  i=$((i + 1))
done
: >"$DIR/t_pok"
: >"$DIR/t_ptt"
r=1
while [ "$r" -le "$ROUNDS" ]; do
  t=$(now)
  i=1
  while [ "$i" -le "$TEXT_FILES" ]; do
    "$POK" read "$DIR/doc$i.pdf" --format json >/dev/null
    i=$((i + 1))
  done
  secs "$t" >>"$DIR/t_pok"
  t=$(now)
  i=1
  while [ "$i" -le "$TEXT_FILES" ]; do
    pdftotext "$DIR/doc$i.pdf" /dev/null
    i=$((i + 1))
  done
  secs "$t" >>"$DIR/t_ptt"
  r=$((r + 1))
done
pok_text=$(median <"$DIR/t_pok")
ptt_text=$(median <"$DIR/t_ptt")

# ---- OCR: pok read on the image PDF against tesseract on its page images ----
t=$(now)
/usr/bin/time -f %M -o "$DIR/rss_ocr" "$POK" read "$DIR/ocr.pdf" --format json >"$DIR/ocr.json"
pok_ocr=$(secs "$t")
rss_ocr_mb=$(awk '{ printf "%.0f", $1 / 1024 }' "$DIR/rss_ocr")
grep -q '"ocr_pages":\[1,' "$DIR/ocr.json" || { echo "read.sh: the scan was not read by OCR" >&2; exit 1; }
t=$(now)
for p in $(ls "$DIR"/scan-*.jpg | head -n "$OCR_PAGES"); do
  tesseract "$p" - -l nld >/dev/null 2>&1
done
tess_ocr=$(secs "$t")

# ---- peak memory of the 200-page scan ----
t=$(now)
/usr/bin/time -f %M -o "$DIR/rss" "$POK" read "$DIR/scan.pdf" --format json >/dev/null
scan_secs=$(secs "$t")
rss_mb=$(awk '{ printf "%.0f", $1 / 1024 }' "$DIR/rss")

# ---- --jobs 2 against --jobs 1 on all files ----
all_pages=0
i=1
set --
while [ "$i" -le "$FILES" ]; do
  set -- "$@" "$DIR/doc$i.pdf"
  all_pages=$((all_pages + $(pages_of "$DIR/doc$i.pdf")))
  i=$((i + 1))
done
t=$(now)
"$POK" read "$@" --format json --jobs 1 >/dev/null
jobs1=$(secs "$t")
t=$(now)
"$POK" read "$@" --format json --jobs 2 >/dev/null
jobs2=$(secs "$t")

echo
echo "pok read bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
echo
echo "| job | pok read | other tool | pok / tool (time) | aim |"
echo "|---|---:|---:|---:|---|"
echo "| text PDFs, $text_pages pages in $TEXT_FILES files | $pok_text s ($(rate "$text_pages" "$pok_text") pages/s) | pdftotext $ptt_text s ($(rate "$text_pages" "$ptt_text") pages/s) | $(ratio "$pok_text" "$ptt_text") | at most 2 |"
echo "| OCR, $OCR_PAGES scanned pages at 300 dpi | $pok_ocr s ($(rate "$OCR_PAGES" "$pok_ocr") pages/s) | tesseract $tess_ocr s ($(rate "$OCR_PAGES" "$tess_ocr") pages/s) | $(ratio "$pok_ocr" "$tess_ocr") | at most 1.1 |"
echo "| peak memory, $SCAN_PAGES-page scan | $rss_mb MB ($scan_secs s) | $OCR_PAGES-page scan: $rss_ocr_mb MB | | under 300 MB |"
echo "| $all_pages pages in $FILES files, --jobs 2 against --jobs 1 | $jobs2 s | --jobs 1: $jobs1 s | $(ratio "$jobs2" "$jobs1") | |"
