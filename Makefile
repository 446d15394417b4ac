# Thin driver over CMake. The README's two commands are `make demo` and `make test`.
BUILD     ?= build
SANBUILD  ?= build-san
TSANBUILD ?= build-tsan
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
# CI sets CI=true: warnings become errors there.
ifneq ($(CI),)
WERROR := -DFD_WERROR=ON
endif

.PHONY: all deps browser-deps build demo test test-normal test-san test-tsan bench bench-counts fuzz clean

all: build

deps:
	@sh scripts/install-deps.sh

# What the browser test of the HTML report needs: chromium, node, playwright-core.
browser-deps:
	@sh scripts/install-browser-deps.sh

# Makefile, not CMakeCache.txt: a configure that failed (a dependency missing) leaves
# the cache behind, and is run again.
$(BUILD)/Makefile: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(WERROR)

# CI=true turns warnings into errors in a build made before too, not only in a new one.
build: deps $(BUILD)/Makefile
	@if [ -n "$(WERROR)" ]; then cmake $(BUILD) $(WERROR) >/dev/null; fi
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

# Runs the main job on the Palmyra articles. It succeeds whenever the report was
# produced: exit 1 from factdiff only means "conflicts found".
demo: build
	@rc=0; $(BUILD)/factdiff check fixtures/palmyra || rc=$$?; \
	 if [ $$rc -gt 1 ]; then echo "factdiff check failed (exit $$rc)" >&2; exit $$rc; fi
	@rc=0; $(BUILD)/factdiff check --format html -o $(BUILD)/report.html fixtures/palmyra || rc=$$?; \
	 if [ $$rc -gt 1 ]; then exit $$rc; fi; echo "HTML report: $(BUILD)/report.html"

test: test-normal test-san test-tsan

test-normal: build browser-deps
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

$(SANBUILD)/Makefile: | deps
	cmake -S . -B $(SANBUILD) -DCMAKE_BUILD_TYPE=Debug -DFD_SANITIZE=ON $(WERROR)

test-san: deps $(SANBUILD)/Makefile
	@if [ -n "$(WERROR)" ]; then cmake $(SANBUILD) $(WERROR) >/dev/null; fi
	@cmake --build $(SANBUILD) -j $(JOBS) -- --no-print-directory
	cd $(SANBUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

# ThreadSanitizer cannot share a build with AddressSanitizer: the thread test
# (several runs on one shared ruleset) gets a build of its own.
$(TSANBUILD)/Makefile: | deps
	cmake -S . -B $(TSANBUILD) -DCMAKE_BUILD_TYPE=Debug -DFD_TSAN=ON $(WERROR)

test-tsan: deps $(TSANBUILD)/Makefile
	@if [ -n "$(WERROR)" ]; then cmake $(TSANBUILD) $(WERROR) >/dev/null; fi
	@cmake --build $(TSANBUILD) -j $(JOBS) --target test_threads -- --no-print-directory
	cd $(TSANBUILD) && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan.supp" \
	  ctest --output-on-failure -R unit_threads

bench: build
	sh bench/run.sh $(BUILD)

# The same feed's instructions and mispredicted branches (cachegrind), which a
# shared machine's load does not move; run make bench first for the feed.
bench-counts: build
	sh bench/counts.sh $(BUILD)

# libFuzzer (clang) with ASan + UBSan: each target in turn for FUZZ_SECONDS, its corpus
# in build-fuzz/corpus/TARGET (seeded from the fixtures, reader inputs and rule files),
# crashes in build-fuzz/ (keep a minimised one in tests/fuzz/regressions/).
FUZZBUILD    ?= build-fuzz
FUZZ_SECONDS ?= 60
fuzz: deps
	cmake -S . -B $(FUZZBUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
	  -DFD_FUZZ=ON -DFD_SANITIZE=ON >/dev/null
	@cmake --build $(FUZZBUILD) -j $(JOBS) -- --no-print-directory
	@for t in read pipeline rules normalize store; do \
	  case $$t in read) seeds="tests/fuzz/seeds/read examples/bad-input";; \
	              rules) seeds=rules;; store) seeds=tests/fuzz/seeds/store;; \
	              *) seeds=fixtures/palmyra;; esac; \
	  mkdir -p $(FUZZBUILD)/corpus/$$t; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  (cd $(FUZZBUILD) && ./tests/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=60 \
	    -rss_limit_mb=4096 -print_final_stats=1 corpus/$$t \
	    $$(for d in $$seeds; do echo $(CURDIR)/$$d; done) >fuzz_$$t.log 2>&1); rc=$$?; \
	  grep -E "^Done|ERROR|SUMMARY" $(FUZZBUILD)/fuzz_$$t.log; \
	  [ $$rc = 0 ] || { echo "fuzz_$$t failed: $(FUZZBUILD)/fuzz_$$t.log"; exit $$rc; }; \
	done

clean:
	rm -rf $(BUILD) $(SANBUILD) $(TSANBUILD)
