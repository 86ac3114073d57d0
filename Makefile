# Thin entry points for people; the build itself is Meson + ninja in build/.
BUILD ?= build
ASAN_BUILD ?= build-asan
DB ?= demo.db

.PHONY: all deps build demo test test-asan bench clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja:
	meson setup $(BUILD) >/dev/null

build: deps $(BUILD)/build.ninja
	@scripts/build $(BUILD)

demo: build
	@rm -f $(DB) $(DB)-wal $(DB)-shm
	@$(BUILD)/sitrep ingest --db $(DB) samples/reports/*.txt
	@echo
	@$(BUILD)/sitrep report --db $(DB)

test: build
	@scripts/run-tests $(BUILD)

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false -Db_lto=false -Dbuildtype=debug >/dev/null

test-asan: deps $(ASAN_BUILD)/build.ninja
	@ninja -C $(ASAN_BUILD) >/dev/null || ninja -C $(ASAN_BUILD)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
	  scripts/run-tests $(ASAN_BUILD)

bench: build
	@bench/run $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
