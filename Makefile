# dyad: build libdyad, the dyad command, the tests, the fuzz targets.
#
#   make              library, command (build/dyad) and default model
#   make test         every test, built with AddressSanitizer + UBSan, run by prove
#   make bench        the benchmarks (figures printed, nothing asserted)
#   make fuzz         libFuzzer targets under build-fuzz/ (clang)
#   make SAN=1        the whole build with sanitizers, in build-san/
#
# Sources are found by wildcard: a new src/<module>/*.c joins libdyad and a
# new tests/test_<module>.c becomes a test program without editing this file.

CC      ?= cc
AR      ?= ar
PKGS    := sqlite3 libutf8proc libxml-2.0 jansson libxxhash libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  ?= -O2 -g
CPPFLAGS += -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(PKG_CFLAGS)
ALL_CFLAGS = -std=c17 $(WARN) $(CFLAGS) -MMD -MP
LDLIBS  += $(PKG_LIBS) -lm -lpthread

ifeq ($(SAN),1)
BUILD   ?= build-san
CFLAGS  := -O1 -g -fno-omit-frame-pointer
ALL_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
else
BUILD   ?= build
endif

LIB_SRC  := $(sort $(wildcard src/*/*.c))
LIB_SRC  := $(filter-out src/cli/%,$(LIB_SRC))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/test_*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
LIB      := $(BUILD)/libdyad.a
DYAD     := $(BUILD)/dyad

# The parsing model is trained from the treebank when missing (about a
# minute and a half), or when what it depends on changed: the model format,
# the trainer, and the tagger's and parser's features (a model trained with
# other features parses garbage without a word of complaint). DATA is the
# reference data folder.
DATA    ?= $(if $(DYAD_DATA),$(DYAD_DATA),../shared/data)
MODEL   := $(BUILD)/en_ewt.model
MODEL_DEPS := src/model/internal.h src/model/model.c src/parse/internal.h src/parse/system.c src/parse/train.c \
              src/tag/internal.h src/tag/tagger.c

.PHONY: all lib test check bench bench-web fuzz fuzz-run clean
all: $(DYAD) $(MODEL)

$(MODEL): $(MODEL_DEPS) | $(DYAD)
	nice -n 10 $(DYAD) train --treebank $(DATA)/treebank/en_ewt --out $@

lib: $(LIB)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(DYAD): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) -lcmocka $(LDLIBS)

# Tests run with sanitizers; prove prints the closing summary.
SANBUILD ?= build-san
# The end-to-end tests parse with build/en_ewt.model: it must be current.
test: all
	$(MAKE) SAN=1 BUILD=$(SANBUILD) $(SANBUILD)/dyad $(TEST_SRC:tests/%.c=$(SANBUILD)/tests/%)
	DYAD=$(CURDIR)/$(SANBUILD)/dyad DYAD_TESTS=$(CURDIR)/$(SANBUILD)/tests \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  prove --exec '' $(TEST_SRC:tests/%.c=$(SANBUILD)/tests/%) tests/cli/test_*.sh

check: test

bench: all
	$(DYAD) bench dict
	$(DYAD) bench code
	$(DYAD) bench parse
	$(DYAD) bench pipeline

# wrk against dyad serve's /api/events on 100,000 generated events (run by
# hand; needs the Debian package wrk): throughput and p99 latency.
bench-web: $(DYAD)
	bench/bench_web.sh $(DYAD)

# libFuzzer targets: one per reader of outside input.
FUZZ_CC    ?= clang
FUZZ_FLAGS := -std=c17 -g -O1 -Wall -Werror=implicit-function-declaration -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(CPPFLAGS)
FUZZ_LIB_SRC := $(LIB_SRC)
FUZZBUILD ?= build-fuzz
fuzz: $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZBUILD)/%)
$(FUZZBUILD)/%: tests/fuzz/%.c $(FUZZ_LIB_SRC)
	@mkdir -p $(FUZZBUILD)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIB_SRC) $(LDLIBS)

clean:
	rm -rf build build-san build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d)
