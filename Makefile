# Every target bootstraps .venv itself, so a fresh clone needs only Python 3.11 (and Java 17 for Spark).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-duckdb check lint bench clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "cxlens needs $(PY) on PATH"; exit 1; }
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[spark,dev]"
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/cxlens demo --dir demo $(if $(CUSTOMERS),--customers $(CUSTOMERS),)

# Every test: DuckDB and the Spark suite (one local Spark session).
test: $(STAMP)
	$(BIN)/python -m pytest -q

# The quick loop: DuckDB only.
test-duckdb: $(STAMP)
	$(BIN)/python -m pytest -q -m "not spark"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

check: lint test

BENCH_CO ?= /tmp/cxlens-bench-1m
bench: $(STAMP)
	rm -rf $(BENCH_CO)
	$(BIN)/python bench/bench_generate.py --customers 1000000 --out $(BENCH_CO)
	$(BIN)/python bench/bench_ingest.py --company $(BENCH_CO)
	$(BIN)/python bench/bench_identity.py --company $(BENCH_CO)
	$(BIN)/python bench/bench_value.py --company $(BENCH_CO)
	$(BIN)/python bench/bench_personas.py --company $(BENCH_CO)
	$(BIN)/python bench/bench_journeys.py --company $(BENCH_CO)
	$(BIN)/python bench/bench_attribution.py --paths 1000000
	$(BIN)/python bench/bench_voc.py --texts 200000 --company $(BENCH_CO)
	$(BIN)/python bench/bench_collector.py --seconds 10 --clients 4 --batch 100
	$(BIN)/python bench/bench_profiles.py --company $(BENCH_CO) --seconds 20 --clients 4

clean:
	rm -rf demo .pytest_cache
