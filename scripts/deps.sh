#!/bin/sh
# deps.sh: install what pok needs to build and test, only what is missing:
#   - the Debian packages (compiler libraries, libstemmer (the Dutch stemmer of the
#     library of measures), MuPDF with the -dev packages of the
#     third-party libraries Debian's static libmupdf links against, Tesseract with its
#     Dutch data and its command (for make bench-read), valgrind, curl, clang with libFuzzer;
#     clang-format, clang-tidy and cppcheck for make lint;
#     poppler-utils and LibreOffice Calc (the headless libreoffice-calc-nogui), with which
#     the tests read exported PDF, XLSX and the CSV for people back; node,
#     npm and chromium for the browser tests when no node or chromium is present;
#     postgresql, whose server binaries scripts/pgtest.sh runs in a temporary directory
#     for the tests: the system cluster the package may set up is not used);
#   - the npm packages of package-lock.json (NL Design System CSS, axe-core,
#     html-validate, playwright-core) into node_modules, when it is missing or older than
#     package-lock.json. playwright-core never downloads a browser: the tests drive
#     Debian's /usr/bin/chromium.
# Idempotent: a second run installs nothing and takes a moment.
set -eu
cd "$(dirname "$0")/.."

PACKAGES="pkg-config libsqlite3-dev libjansson-dev libcmocka-dev valgrind sqlite3 libmicrohttpd-dev curl libsodium-dev clang libclang-rt-14-dev
  libzip-dev libexpat1-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core
  poppler-utils libreoffice-calc-nogui python3 postgresql libpq-dev libstemmer-dev
  clang-format clang-tidy cppcheck
  libmupdf-dev libtesseract-dev tesseract-ocr-nld libleptonica-dev groff ghostscript imagemagick qpdf
  libjbig2dec0-dev libopenjp2-7-dev libgumbo-dev libmujs-dev tesseract-ocr"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $p"
  fi
done
# node may come from elsewhere (e.g. NodeSource, which bundles npm): ask for the command.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -x /usr/bin/chromium ] || missing="$missing chromium"

if [ -z "$missing" ]; then
  echo "deps: all Debian packages present"
else
  echo "deps: installing$missing"
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
      echo "deps: need root to install:$missing" >&2
      exit 1
    fi
  else
    SUDO=""
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# npm packages: node_modules/.package-lock.json is what npm ci last installed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "deps: npm ci (node_modules missing or older than package-lock.json)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  touch node_modules/.package-lock.json
else
  echo "deps: node_modules up to date"
fi
