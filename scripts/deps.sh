#!/bin/sh
# deps.sh: install the Debian packages pok needs to build and test, only those missing.
# Idempotent: a second run installs nothing and takes a moment.
set -eu

PACKAGES="pkg-config libsqlite3-dev libjansson-dev libcmocka-dev valgrind sqlite3 libmicrohttpd-dev curl"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "deps: all Debian packages present"
  exit 0
fi

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
