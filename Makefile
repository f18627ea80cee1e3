# etguard — the two commands a new machine needs are `make run` and `make test`.
# Every target installs missing Debian/npm packages first (scripts/install-deps,
# idempotent). CI sets CI=true, which turns compiler warnings into errors.
SHELL := /bin/bash
BUILD := build
ASAN_BUILD := build-asan
OUT := out
JOBS ?= $(shell nproc)
WERROR := $(if $(filter true,$(CI)),ON,OFF)
ETGUARD := $(BUILD)/bin/etguard
SHARED := ../shared
# ccache (when installed) keys on paths relative to the checkout, so a fresh
# clone in another directory reuses what an earlier build compiled.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true
# Precompiled headers (cmake/PrecompiledHeaders.cmake) are cacheable only when
# ccache ignores the header's timestamps and __DATE__/__TIME__ macros.
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime

.PHONY: all deps build run test test-release test-asan test-etauth bench fuzz validate format lint lint-all clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DETG_TEST_SET=rest -DETG_WERROR=$(WERROR) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The main job: the catalog summary, every export written to ./out/, the demo
# firm's workspace and year; then that workspace served at
# https://127.0.0.1:$(PORT)/ with a demo user per role until Ctrl-C. It serves
# when run from a terminal (someone there to press Ctrl-C) and not in CI;
# SERVE=yes or SERVE=no decides instead.
SERVE ?= $(if $(filter true,$(CI)),no,auto)
PORT ?= 8443
run: build
	@examples/demo-firm/run.sh $(ETGUARD) $(OUT)
	@if [[ $(SERVE) == yes || ( $(SERVE) == auto && -t 0 ) ]]; then \
	  examples/demo-firm/serve.sh $(ETGUARD) $(OUT) $(PORT); \
	else \
	  echo; echo "Not serving the demo (no terminal to stop it, or SERVE=no): make run SERVE=yes serves it."; \
	fi

# Every test, each once in the build that suits it (cmake/Testing.cmake): the
# unit tests of what reads outside input and every fuzz target's corpus under
# AddressSanitizer + UndefinedBehaviorSanitizer, built by clang (2.6 times
# faster than GCC there, and a second compiler's warnings); etauth alone under
# ThreadSanitizer; everything else in the release build that `make run` uses;
# and the clang-format check (seconds). clang-tidy is slow
# static analysis and runs in `make lint` (which .ci/run runs after this).
test: test-release test-asan test-etauth
	@scripts/lint $(BUILD) --format-only

# etauth alone: its own build under ThreadSanitizer, installed, and consumed.
test-etauth: deps
	@tests/etauth/standalone.sh build-etauth

test-release: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
	  -DCMAKE_BUILD_TYPE=Debug -DETG_SANITIZE=ON -DETG_BENCH=OFF \
	  -DETG_TEST_SET=outside-input \
	  -DETG_WERROR=$(WERROR) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS) --target etg_tests
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

bench: build
	@$(BUILD)/bin/catalog_bench --benchmark_min_time=0.2
	@bench/run-ledger.sh $(BUILD)/bin
	@bench/run-scope-report.sh $(BUILD)/bin 5000
	@bench/run-large-firm.sh $(BUILD)/bin 121000
	@if [ -d $(SHARED)/bench/pii ]; then SHARED=$(SHARED) bench/run-pii.sh $(ETGUARD); fi
	@if [ -d $(SHARED)/bench/authlog ]; then SHARED=$(SHARED) bench/run-authlog.sh $(ETGUARD); fi
	@bench/run-server.sh $(ETGUARD)
	@bench/run-server-load.sh $(ETGUARD)

# libFuzzer (clang-19) on every fuzz target for FUZZ_SECONDS each. The seeds in
# fuzz/corpus/<target>/ stay as they are; what the fuzzer finds goes to
# build-fuzz/corpus/<target>/ (copy an input into fuzz/corpus to keep it as a test).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = source_text search_query tls_server_flight scan_targets importers pii_scan_mask authlog_event authlog_csv authlog_accounts fairness_decisions genai_log nmap_xml iot_probe_answers iot_vulns_feed onnx_inputs etauth_password_record etauth_envelope etauth_authenticator_data etauth_audit_trail pack_verify http_fields mobile_package cloud_posture terraform_plan checkov_report security_hub_findings cloudformation_template
fuzz: deps
	@CXX=clang++-19 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DETG_FUZZ=ON -DETG_SANITIZE=ON -DETG_TESTS=OFF >/dev/null
	@cmake --build build-fuzz -j $(JOBS) --target $(FUZZ_TARGETS)
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p build-fuzz/corpus/$$target && \
	  build-fuzz/bin/$$target -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 \
	    build-fuzz/corpus/$$target fuzz/corpus/$$target || exit 1; \
	done

# Optional checks against ../shared when it exists (never needed by `make test`).
validate: build
	@if [ ! -d $(SHARED) ]; then echo "validate: $(SHARED) not found; nothing to validate"; exit 0; fi; \
	set -e; \
	echo "validate: the catalog against $(SHARED)/guideline/zh-TW.txt"; \
	$(ETGUARD) catalog verify-source $(SHARED)/guideline/zh-TW.txt; \
	for lang in en zh-TW; do \
	  $(ETGUARD) catalog export --format oscal --lang $$lang --out $(BUILD)/validate-oscal.$$lang.json; \
	  node tools/node/validate-schema.mjs $(SHARED)/reference/oscal/oscal_catalog_schema.json \
	    $(BUILD)/validate-oscal.$$lang.json; \
	done; \
	tests/tls/validate-matrix.sh $(ETGUARD) $(SHARED)/bench/tls; \
	tests/pii/validate-yardstick.sh $(ETGUARD) $(SHARED)/bench/pii

format:
	@git ls-files -- '*.cc' '*.h' | xargs clang-format-19 -i

# clang-format and clang-tidy over the production code (.ci/run runs this
# after make test); lint-all takes the tests and benchmarks too (slower).
lint: build
	@scripts/lint $(BUILD)

# lint-all reads every test, so it needs a build that defines them all.
lint-all: deps
	@cmake -S . -B build-all -G Ninja -DCMAKE_BUILD_TYPE=Release -DETG_TEST_SET=all >/dev/null
	@cmake --build build-all -j $(JOBS)
	@scripts/lint build-all --all

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-all build-etauth build-fuzz $(OUT)
