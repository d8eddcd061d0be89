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
# The long scan within pok read's 100 MiB cap: its pages re-encoded as JPEG of quality 35
# (about 340 kB a page, as office scanners write them; at 85 the 200 pages were 205 MiB).
if [ ! -s "$DIR/scan.pdf" ]; then
  for f in $(ls "$DIR"/scan-*.jpg | head -n "$SCAN_PAGES"); do
    q=$DIR/long-${f##*/scan-}
    [ -s "$q" ] || convert "$f" -quality 35 "$q"
  done
  # shellcheck disable=SC2046
  $IMG_PDF "$DIR/scan.pdf" 300 $(ls "$DIR"/long-*.jpg | head -n "$SCAN_PAGES")
fi
# shellcheck disable=SC2046
[ -s "$DIR/ocr.pdf" ] || $IMG_PDF "$DIR/ocr.pdf" 300 $(ls "$DIR"/scan-*.jpg | head -n "$OCR_PAGES")

# measure OUT CMD...: run CMD under GNU time; OUT gets "wall cpu rss_kb" (cpu = user +
# system of CMD and its children: on a shared machine the wall time includes waiting for
# a core, the CPU time does not).
measure() {
  m_out=$1
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$m_out.time" "$@" >/dev/null
  awk '{ printf "%.3f %.3f %d\n", $1, $2 + $3, $4 }' "$m_out.time" >"$m_out"
}
field() { awk -v f="$2" '{ print $f }' "$1"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { echo "$1 $2" | awk '{ printf "%.2f", $1 / $2 }'; }
rate() { echo "$1 $2" | awk '{ printf "%.1f", $1 / $2 }'; }

# ---- text PDFs: pok read against pdftotext, file by file; pok also in one call ----
text_pages=0
set --
i=1
while [ "$i" -le "$TEXT_FILES" ]; do
  text_pages=$((text_pages + $(pages_of "$DIR/doc$i.pdf")))
  set -- "$@" "$DIR/doc$i.pdf"
  i=$((i + 1))
done
: >"$DIR/t_pok"
: >"$DIR/t_ptt"
: >"$DIR/t_one"
r=1
while [ "$r" -le "$ROUNDS" ]; do
  measure "$DIR/m" sh -c 'p=$1; shift; for f; do "$p" read "$f" --format json; done' _ "$POK" "$@"
  cat "$DIR/m" >>"$DIR/t_pok"
  measure "$DIR/m" sh -c 'for f; do pdftotext "$f" /dev/null; done' _ "$@"
  cat "$DIR/m" >>"$DIR/t_ptt"
  measure "$DIR/m" "$POK" read "$@" --format json
  cat "$DIR/m" >>"$DIR/t_one"
  r=$((r + 1))
done
for k in pok ptt one; do
  eval "${k}_wall=\$(awk '{ print \$1 }' \"\$DIR/t_$k\" | median)"
  eval "${k}_cpu=\$(awk '{ print \$2 }' \"\$DIR/t_$k\" | median)"
done

# ---- OCR: pok read on the image PDF against tesseract on its page images ----
measure "$DIR/m_ocr" "$POK" read "$DIR/ocr.pdf" --format json
"$POK" read "$DIR/ocr.pdf" --format json >"$DIR/ocr.json" 2>/dev/null || true
# shellcheck disable=SC2046
measure "$DIR/m_tess" sh -c 'for f; do tesseract "$f" - -l nld 2>/dev/null; done' _ \
  $(ls "$DIR"/scan-*.jpg | head -n "$OCR_PAGES")

# ---- peak memory of the long scan ----
measure "$DIR/m_scan" "$POK" read "$DIR/scan.pdf" --format json
rss_mb=$(awk '{ printf "%.0f", $3 / 1024 }' "$DIR/m_scan")
rss_ocr_mb=$(awk '{ printf "%.0f", $3 / 1024 }' "$DIR/m_ocr")

# ---- --jobs 2 against --jobs 1 on all files ----
all_pages=0
i=1
set --
while [ "$i" -le "$FILES" ]; do
  set -- "$@" "$DIR/doc$i.pdf"
  all_pages=$((all_pages + $(pages_of "$DIR/doc$i.pdf")))
  i=$((i + 1))
done
measure "$DIR/m_j1" "$POK" read "$@" --format json --jobs 1
measure "$DIR/m_j2" "$POK" read "$@" --format json --jobs 2

w() { field "$1" 1; }
c() { field "$1" 2; }
echo
echo "pok read bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(wall seconds / CPU seconds, user + system; text rows: medians of $ROUNDS rounds)"
echo
echo "| job | pok read | other tool | pok / tool, wall | pok / tool, CPU | aim |"
echo "|---|---:|---:|---:|---:|---|"
echo "| text PDFs, $text_pages pages in $TEXT_FILES files, a process per file | $pok_wall / $pok_cpu s ($(rate "$text_pages" "$pok_wall") pages/s) | pdftotext $ptt_wall / $ptt_cpu s ($(rate "$text_pages" "$ptt_wall") pages/s) | $(ratio "$pok_wall" "$ptt_wall") | $(ratio "$pok_cpu" "$ptt_cpu") | at most 2 |"
echo "| the same, pok read on all $TEXT_FILES files in one call | $one_wall / $one_cpu s ($(rate "$text_pages" "$one_wall") pages/s) | pdftotext (as above) | $(ratio "$one_wall" "$ptt_wall") | $(ratio "$one_cpu" "$ptt_cpu") | at most 2 |"
echo "| OCR, $OCR_PAGES scanned pages at 300 dpi | $(w "$DIR/m_ocr") / $(c "$DIR/m_ocr") s | tesseract $(w "$DIR/m_tess") / $(c "$DIR/m_tess") s | $(ratio "$(w "$DIR/m_ocr")" "$(w "$DIR/m_tess")") | $(ratio "$(c "$DIR/m_ocr")" "$(c "$DIR/m_tess")") | at most 1.1 |"
echo "| peak memory, $SCAN_PAGES-page scan | $rss_mb MB ($(w "$DIR/m_scan") s) | $OCR_PAGES-page scan: $rss_ocr_mb MB | | | under 300 MB |"
echo "| $all_pages pages in $FILES files, --jobs 2 against --jobs 1 | $(w "$DIR/m_j2") / $(c "$DIR/m_j2") s | --jobs 1: $(w "$DIR/m_j1") / $(c "$DIR/m_j1") s | $(ratio "$(w "$DIR/m_j2")" "$(w "$DIR/m_j1")") | | |"
grep -q '"ocr_pages":\[1,' "$DIR/ocr.json" || { echo "read.sh: the scan was not read by OCR" >&2; exit 1; }
