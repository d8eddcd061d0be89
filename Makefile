# pok: build, test and demo. `make` builds build/pok; see README.md for the rest.

CC      ?= cc
BUILD   ?= build
PKGS    := sqlite3 jansson libmicrohttpd
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wformat=2 \
           -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC      := $(wildcard src/*.c src/*/*.c)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TESTS    := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
EMBED    := $(BUILD)/gen/embedded.c

.PHONY: all deps demo check test unit cli asan valgrind format clean

all: $(BUILD)/pok

$(BUILD)/pok: $(BUILD)/src/main.o $(LIB_OBJ) $(BUILD)/gen/embedded.o
	$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(BUILD)/%.o: %.c $(wildcard src/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# Reference data and demo sources compiled into the binary, so `pok demo` works anywhere.
$(EMBED): scripts/embed.sh $(wildcard data/reference/*.csv)
	@mkdir -p $(dir $@)
	sh scripts/embed.sh data/reference/cbs_gemeenten_2025_codes.csv \
	    data/reference/kwb2021_gemeente_inwoners.csv > $@

$(BUILD)/gen/embedded.o: $(EMBED)
	$(CC) $(CFLAGS) -Isrc -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ) $(BUILD)/gen/embedded.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Isrc -o $@ $^ $(LDFLAGS) $(LDLIBS) -lcmocka

deps:
	sh scripts/deps.sh

unit: $(TESTS)
	@set -e; for t in $(TESTS); do echo "== $$t"; $$t; done

cli: $(BUILD)/pok
	sh tests/cli/run.sh $(BUILD)/pok

test: unit cli

# The same unit and command-line tests under AddressSanitizer + UBSan.
asan:
	$(MAKE) BUILD=build-asan OPT=-O1 CFLAGS="-O1 -g $(SAN)" LDFLAGS="$(SAN)" test

# The unit tests and the command-line tests under valgrind: any leak or invalid access
# fails.
valgrind: $(TESTS) $(BUILD)/pok
	@set -e; for t in $(TESTS); do echo "== valgrind $$t"; \
	  valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
	    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 $$t; done
	POK_VALGRIND=1 sh tests/cli/run.sh $(BUILD)/pok

check: deps
	$(MAKE) all
	$(MAKE) test
	$(MAKE) asan
	$(MAKE) valgrind
	@echo "make check: all tests passed"

demo: deps
	$(MAKE) all
	sh scripts/demo.sh $(BUILD)/pok

format:
	clang-format -i $(SRC) $(wildcard src/*.h src/*/*.h tests/unit/*.c)

clean:
	rm -rf build build-asan
