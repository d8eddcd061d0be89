#!/bin/sh
# lint.sh: the style the build enforces (make lint, part of make check):
#   1. clang-format: every C file under src/ and tests/ is formatted as .clang-format says
#      (make format rewrites them);
#   2. cppcheck: no warning beyond those in tests/lint/cppcheck.supp, each with its reason;
#   3. clang-tidy with the checks of .clang-tidy: no warning (a justified exception is a
#      NOLINT comment with its reason on the line).
# Exits 1 on the first kind that fails and prints what it found.
set -u
cd "$(dirname "$0")/.." || exit 1
jobs=${LINT_JOBS:-2}
flags="-std=c11 -D_GNU_SOURCE -Isrc $(pkg-config --cflags sqlite3 jansson libmicrohttpd libsodium libzip expat xlsxwriter pangocairo libpq 2>/dev/null)"
files=$(git ls-files 'src/*.c' 'src/*.h' 'tests/unit/*.c' 'tests/unit/*/*.c' 'tests/unit/*/*.h' 'tests/fuzz/*.c' 2>/dev/null ||
  find src tests/unit tests/fuzz -name '*.[ch]')
failed=0

unformatted=$(for f in $files; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || echo "$f"
done)
if [ -n "$unformatted" ]; then
  echo "lint: clang-format: these files differ from .clang-format (run make format):"
  echo "$unformatted" | sed 's/^/  /'
  failed=1
else
  echo "lint: clang-format: $(echo "$files" | wc -w) files formatted"
fi

# shellcheck disable=SC2086
cppcheck --quiet --enable=warning,performance,portability --std=c11 --inline-suppr \
  --suppressions-list=tests/lint/cppcheck.supp --error-exitcode=1 -D_GNU_SOURCE -Isrc \
  --template='{file}:{line}: {severity}: {message} [{id}]' src 2>lint-cppcheck.out
if [ -s lint-cppcheck.out ]; then
  echo "lint: cppcheck:"
  sed 's/^/  /' lint-cppcheck.out
  failed=1
else
  echo "lint: cppcheck: no warnings"
fi
rm -f lint-cppcheck.out

# shellcheck disable=SC2086
echo $files | tr ' ' '\n' | grep '^src/.*\.c$' |
  xargs -P "$jobs" -I{} sh -c 'clang-tidy --quiet "$1" -- '"$flags"' 2>/dev/null' _ {} >lint-tidy.out
if grep -q 'warning:\|error:' lint-tidy.out; then
  echo "lint: clang-tidy:"
  grep -A3 'warning:\|error:' lint-tidy.out | sed 's/^/  /' | head -200
  failed=1
else
  echo "lint: clang-tidy: no warnings"
fi
rm -f lint-tidy.out
exit $failed
