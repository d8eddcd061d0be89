# pok: build, test and demo. `make` builds build/pok; see README.md for the rest.

CC      ?= cc
BUILD   ?= build
PKGS    := sqlite3 jansson libmicrohttpd libsodium libzip expat xlsxwriter pangocairo libpq
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wformat=2 \
           -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
# override: the library headers (pango, cairo, glib are not on the default include path)
# are needed even when CFLAGS is given on the command line.
override CFLAGS += $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# MuPDF (pok read's PDF reader): Debian 12's libmupdf-dev is static and built against
# Debian's own shared third-party libraries (+ds), which the link line must name.
MUPDF_LIBS := -lmupdf -lmupdf-third -lfreetype -lharfbuzz -ljpeg -ljbig2dec -lopenjp2 \
              -lgumbo -lmujs -lz
# Tesseract and Leptonica (pok read's OCR of scans and images).
OCR_LIBS   := -ltesseract -llept
# Snowball's Dutch stemmer (the library of measures' SQLite tokenizer): no pkg-config file.
STEM_LIBS  := -lstemmer
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) $(MUPDF_LIBS) $(OCR_LIBS) $(STEM_LIBS) -lm
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC      := $(wildcard src/*.c src/*/*.c)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TESTS    := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Shared fixtures (temporary database, request dispatch) linked into every unit test.
TEST_SUPPORT := $(wildcard tests/unit/support/*.c)
TEST_SUPPORT_OBJ := $(TEST_SUPPORT:%.c=$(BUILD)/%.o)
.SECONDARY: $(TEST_SUPPORT_OBJ)
EMBED    := $(BUILD)/gen/embedded.c
# The command groups (src/cli/NAME.c, one CLI_GROUP line each) collected into one table.
CLI_SRC    := $(wildcard src/cli/*.c)
CLI_GROUPS := $(BUILD)/gen/cli_groups.o
ASSETS   := $(BUILD)/gen/assets.o
# The NL Design System CSS from npm (scripts/deps.sh installs it); missing files make
# scripts/embed_assets.sh fall back to pok's own CSS.
NLDS_CSS := node_modules/@utrecht/design-tokens/dist/index.css \
            node_modules/@utrecht/component-library-css/dist/index.css \
            node_modules/@utrecht/component-library-css/dist/html.css

.PHONY: all deps demo check test unit cli asan valgrind browser format clean

all: $(BUILD)/pok

$(BUILD)/pok: $(BUILD)/src/main.o $(LIB_OBJ) $(BUILD)/gen/embedded.o $(ASSETS) $(CLI_GROUPS)
	$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(BUILD)/%.o: %.c $(wildcard src/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# Reference data and demo sources compiled into the binary, so `pok demo` works anywhere.
# The library of measures' synonyms (data/synonyms.csv) and the Dutch stop words of
# PostgreSQL's dutch configuration (Debian's postgresql package, which scripts/deps.sh
# installs), so that the SQLite search ignores the same words as PostgreSQL's.
DUTCH_STOP := $(firstword $(wildcard /usr/share/postgresql/*/tsearch_data/dutch.stop))
$(EMBED): scripts/embed.sh $(wildcard data/reference/*.csv) data/synonyms.csv $(DUTCH_STOP)
	@mkdir -p $(dir $@)
	@test -n "$(DUTCH_STOP)" || { echo "make: dutch.stop of PostgreSQL is missing: run scripts/deps.sh" >&2; exit 1; }
	sh scripts/embed.sh data/reference/cbs_gemeenten_2025_codes.csv \
	    data/reference/kwb2021_gemeente_inwoners.csv data/synonyms.csv $(DUTCH_STOP) > $@

$(BUILD)/gen/embedded.o: $(EMBED)
	$(CC) $(CFLAGS) -Isrc -c -o $@ $<

# The table of all command groups, from the CLI_GROUP line of each file in src/cli/, so
# that a new group is a new file and no list to keep. (src/cli itself is a prerequisite:
# its time changes when a file is added or removed.)
$(BUILD)/gen/cli_groups.c: scripts/cli_groups.sh $(CLI_SRC) src/cli
	@mkdir -p $(dir $@)
	sh scripts/cli_groups.sh $(CLI_SRC) > $@.tmp
	mv $@.tmp $@

$(CLI_GROUPS): $(BUILD)/gen/cli_groups.c $(wildcard src/*.h src/*/*.h)
	$(CC) $(CFLAGS) -Isrc -c -o $@ $<

# The stylesheets pok serve sends under /static/, compiled into the binary.
# (npm gives package files an old date: node_modules/.package-lock.json marks the install)
$(BUILD)/gen/assets.c: scripts/embed_assets.sh src/web/assets/pok.css \
                       $(wildcard $(NLDS_CSS) node_modules/.package-lock.json)
	@mkdir -p $(dir $@)
	sh scripts/embed_assets.sh src/web/assets/pok.css $(NLDS_CSS) > $@

$(ASSETS): $(BUILD)/gen/assets.c src/web/assets.h
	$(CC) $(CFLAGS) -Isrc -c -o $@ $<

$(BUILD)/tests/unit/support/%.o: tests/unit/support/%.c $(wildcard tests/unit/support/*.h src/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Isrc -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(TEST_SUPPORT_OBJ) $(LIB_OBJ) $(BUILD)/gen/embedded.o $(ASSETS) \
                  $(CLI_GROUPS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Isrc -o $@ $^ $(LDFLAGS) $(LDLIBS) -lcmocka

deps:
	sh scripts/deps.sh

unit: $(TESTS)
	@set -e; for t in $(TESTS); do echo "== $$t"; $$t; done

cli: $(BUILD)/pok
	sh tests/cli/run.sh $(BUILD)/pok

test: unit cli

# Golden tests (tests/golden/run.sh): the audit trail, coverage and check reports, the
# exports and every page of the demo web interface, byte for byte against
# tests/golden/expected/. After an intended change `make golden-update` rewrites those
# files; review the diff before committing. In `make check` once, after `make test` (not
# part of `test`, which test-pg and asan run again: it is SQLite only, one run is enough).
.PHONY: golden golden-update
golden: $(BUILD)/pok
	sh tests/golden/run.sh $(BUILD)/pok

golden-update: $(BUILD)/pok
	sh tests/golden/run.sh $(BUILD)/pok --update

# The evaluation set of pok read (tests/read/, docs/read.md "Evaluation"): render.sh
# writes every document as text, text PDF, scan and mixed into $(BUILD)/read-corpus (only
# what changed); selftest.py shows that the scoring can pass and fail; score.py runs pok
# read on each document and fails when a bar of issue 13 is not met (results also in
# $(BUILD)/read-corpus/score.json). READ_EVAL_FLAGS passes options to score.py, e.g.
# READ_EVAL_FLAGS="--verbose --forms txt".
.PHONY: read-eval
read-eval: $(BUILD)/pok
	sh tests/read/render.sh $(BUILD)/read-corpus
	python3 tests/read/selftest.py $(BUILD)/read-corpus
	python3 tests/read/score.py $(BUILD)/pok $(BUILD)/read-corpus --jobs 2 \
	    --json $(BUILD)/read-corpus/score.json $(READ_EVAL_FLAGS)

# The unit and command-line tests again on PostgreSQL: scripts/pgtest.sh starts a
# throwaway server (Debian's postgresql, initdb in a temporary directory, a loopback
# port), runs them with POK_TEST_PG set (every test gets a fresh database) and removes it.
.PHONY: test-pg
test-pg:
	sh scripts/pgtest.sh $(MAKE) test

# pok killed with SIGKILL during a large import and during web edits: the database stays
# sound and holds all or none of every transaction (tests/crash/crash.sh).
.PHONY: crash
crash: $(BUILD)/pok
	sh tests/crash/crash.sh $(BUILD)/pok

# The pages in a real browser (Debian's chromium through playwright-core): axe-core,
# html-validate, the acceptance scenario and XSS. Needs scripts/deps.sh (node, npm ci).
browser: $(BUILD)/pok
	@test -d node_modules/playwright-core || { echo "make browser: node_modules is missing: run scripts/deps.sh (or make deps)" >&2; exit 1; }
	POK=$(BUILD)/pok node --test --test-concurrency=2 tests/browser/

# The OpenAPI document of the JSON API, docs/openapi.json, is what `pok openapi` writes
# (from the route table and the records' field tables): `make openapi` rewrites it after
# a change of the API or of a record's fields. `make openapi-lint` (in check) fails when
# the checked-in copy is not what pok writes, and lints it with Redocly's recommended
# rules (redocly.yaml). `make api-test` (in check) asks every API route of pok serve on
# the demo database and validates every answer against the document (tests/api/).
.PHONY: openapi openapi-lint api-test
openapi: $(BUILD)/pok
	$(BUILD)/pok openapi --out docs/openapi.json

openapi-lint: $(BUILD)/pok
	@test -x node_modules/.bin/redocly || { echo "make openapi-lint: node_modules is missing: run scripts/deps.sh (or make deps)" >&2; exit 1; }
	@$(BUILD)/pok openapi | cmp -s - docs/openapi.json || { echo "make openapi-lint: docs/openapi.json is not what pok openapi writes: run make openapi" >&2; exit 1; }
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true node_modules/.bin/redocly lint docs/openapi.json

api-test: $(BUILD)/pok
	@test -d node_modules/ajv || { echo "make api-test: node_modules is missing: run scripts/deps.sh (or make deps)" >&2; exit 1; }
	POK=$(BUILD)/pok node --test tests/api/

# The browser tests with pok serve on the throwaway PostgreSQL (scripts/pgtest.sh).
.PHONY: browser-pg
browser-pg:
	sh scripts/pgtest.sh $(MAKE) browser

# The same unit and command-line tests under AddressSanitizer + UBSan.
# (through OPT, not CFLAGS, so that the build keeps -std, -D_GNU_SOURCE and the warnings)
# (the binaries are built first with both cores, then the tests run one after the other)
asan:
	$(MAKE) -j2 BUILD=build-asan OPT="-O1 $(SAN)" LDFLAGS="$(SAN)" build-asan/pok \
	    $(TESTS:$(BUILD)/%=build-asan/%)
	$(MAKE) BUILD=build-asan OPT="-O1 $(SAN)" LDFLAGS="$(SAN)" test

# libFuzzer targets (tests/fuzz/, clang): each links only the few sources it needs.
# `make fuzz` runs each FUZZ_SECONDS (300), `make fuzz-smoke` (in check) 15 s; both print
# the executions each survived.
FUZZ_CC      ?= clang
FUZZ_DIR     := build-fuzz
FUZZ_SECONDS ?= 300
FUZZ_CFLAGS  := -std=c11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Werror -Isrc \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_NAMES   := money csv form cookie sheet route pdf docx
FUZZ_BINS    := $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)
$(FUZZ_DIR)/fuzz_money: src/money.c
$(FUZZ_DIR)/fuzz_csv: src/ingest/csv.c src/util.c src/dutch_time.c src/text.c
$(FUZZ_DIR)/fuzz_form: src/web/request.c src/web/upload.c src/util.c src/dutch_time.c src/text.c
$(FUZZ_DIR)/fuzz_cookie: src/web/cookie.c
$(FUZZ_DIR)/fuzz_route: src/web/route_match.c src/web/request.c src/web/upload.c src/util.c src/dutch_time.c src/text.c
$(FUZZ_DIR)/fuzz_sheet: src/ingest/sheet.c src/ingest/sheet_xlsx.c src/ingest/sheet_ods.c src/util.c src/dutch_time.c src/money.c src/text.c
$(FUZZ_DIR)/fuzz_sheet: FUZZ_LIBS := -lzip -lexpat
# pok read's input layer: every format reader (the format comes from the first bytes),
# with MuPDF, Tesseract (linked, not run: OCR is off), libzip, expat and libsodium.
READ_INPUT_SRC := src/read/read_input.c src/read/read_doc.c src/read/read_text.c \
                  src/read/read_pdf.c src/read/read_lines.c src/read/read_ocr.c \
                  src/read/read_office.c src/util.c src/dutch_time.c src/text.c
$(FUZZ_DIR)/fuzz_pdf $(FUZZ_DIR)/fuzz_docx: $(READ_INPUT_SRC) tests/fuzz/fuzz_read_common.h
$(FUZZ_DIR)/fuzz_pdf $(FUZZ_DIR)/fuzz_docx: FUZZ_LIBS := $(MUPDF_LIBS) $(OCR_LIBS) -lzip -lexpat \
                                                        -lsodium -ljansson -lm
$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard src/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(filter %.c,$(filter-out $<,$^)) $(FUZZ_LIBS)

.PHONY: fuzz fuzz-smoke
fuzz: $(FUZZ_BINS)
	sh tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_NAMES)

fuzz-smoke:
	$(MAKE) -j2 $(FUZZ_BINS)
	$(MAKE) fuzz-smoke-run

.PHONY: fuzz-smoke-run
fuzz-smoke-run: $(FUZZ_BINS)
	sh tests/fuzz/run.sh $(FUZZ_DIR) 15 $(FUZZ_NAMES)

# The unit tests and a representative part of the command-line tests under valgrind: any
# leak or invalid access fails. (Every CLI test runs under ASan+LSan in `make asan`; under
# valgrind the whole CLI suite would take a quarter of an hour, so it runs the usage, demo,
# records and serve tests: every command, every report and the server.)
valgrind: $(TESTS) $(BUILD)/pok
	@set -e; for t in $(TESTS); do echo "== valgrind $$t"; \
	  valgrind -q --suppressions=tests/valgrind.supp --leak-check=full \
	    --show-leak-kinds=definite,indirect,possible \
	    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 $$t; done
	POK_VALGRIND=1 POK_CLI_ONLY="t_usage t_demo t_records t_serve" sh tests/cli/run.sh $(BUILD)/pok

# Builds use both cores (-j2, as on CI); the test stages run one at a time.
check: deps
	$(MAKE) -j2 all $(TESTS)
	$(MAKE) lint
	$(MAKE) openapi-lint
	$(MAKE) test
	$(MAKE) golden
	$(MAKE) read-eval
	$(MAKE) api-test
	$(MAKE) test-pg
	$(MAKE) crash
	$(MAKE) asan
	$(MAKE) fuzz-smoke
	$(MAKE) valgrind
	$(MAKE) browser
	$(MAKE) browser-pg
	@echo "make check: all tests passed"

demo: deps
	$(MAKE) all
	sh scripts/demo.sh $(BUILD)/pok

# The web benchmark: pok serve against nginx serving the same page as a static file
# (bench/README.md). Installs wrk and nginx (Debian's nginx-light) when missing.
.PHONY: bench
bench:
	@if ! command -v wrk >/dev/null 2>&1 || ! { command -v nginx >/dev/null 2>&1 || \
	    [ -x /usr/sbin/nginx ]; }; then \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  echo "bench: installing wrk and nginx-light"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends wrk nginx-light; \
	fi
	$(MAKE) all
	sh bench/web.sh $(BUILD)/pok
	$(MAKE) bench-ledger
	$(MAKE) bench-load
	$(MAKE) bench-national

# The national monitor's pages from an empty cache at 342 and 3,420 synthetic
# municipalities against the sqlite3 shell's GROUP BY (bench/national.sh, bench/README.md).
.PHONY: bench-national
bench-national:
	$(MAKE) all
	sh bench/national.sh $(BUILD)/pok

# The grootboek benchmark: pok import ledger / pok ledger totals against the sqlite3 shell,
# awk and hledger on the same generated files, with cross-checks (bench/README.md).
# Installs time and hledger when missing; the files are cached in $$BENCH_DIR (/tmp/pok-bench).
.PHONY: bench-ledger
bench-ledger:
	@if [ ! -x /usr/bin/time ] || ! command -v hledger >/dev/null 2>&1; then \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  echo "bench-ledger: installing time and hledger"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends time hledger; \
	fi
	$(MAKE) all
	sh bench/ledger.sh $(BUILD)/pok

# The pok read benchmark: text PDFs against pdftotext, OCR against the tesseract command,
# the peak memory of a 200-page scan, --jobs 2 against --jobs 1 (bench/README.md).
# Installs time when missing; the generated inputs are cached in $$BENCH_DIR/read.
.PHONY: bench-read
bench-read:
	@if [ ! -x /usr/bin/time ]; then \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  echo "bench-read: installing time"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends time; \
	fi
	$(MAKE) all
	sh bench/read.sh $(BUILD)/pok

# The load test: readers and writers mixed (wrk, bench/load.lua) against pok serve on
# SQLite and on a throwaway PostgreSQL (scripts/pgtest.sh), 342 municipalities; fails on
# any error or lost update, checked by totals afterwards (bench/README.md).
# Installs wrk when missing.
.PHONY: bench-load
bench-load:
	@if ! command -v wrk >/dev/null 2>&1 || ! { command -v nginx >/dev/null 2>&1 || \
	    [ -x /usr/sbin/nginx ]; }; then \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  echo "bench-load: installing wrk and nginx-light"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends wrk nginx-light; \
	fi
	$(MAKE) all
	sh bench/load.sh $(BUILD)/pok

# The style the build enforces: clang-format (make format rewrites), cppcheck with
# tests/lint/cppcheck.supp, clang-tidy with .clang-tidy (scripts/lint.sh; exceptions and
# their reasons in tests/lint/README.md).
.PHONY: lint
lint:
	sh scripts/lint.sh

format:
	clang-format -i $(SRC) $(wildcard src/*.h src/*/*.h tests/unit/*.c tests/unit/*/*.c tests/unit/*/*.h tests/fuzz/*.c)

clean:
	rm -rf build build-asan build-fuzz
