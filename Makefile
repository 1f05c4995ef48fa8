# Two commands for everyone: `make run` and `make test`. Both install what is
# missing (Debian packages, a virtualenv with the Python dependencies) and are
# fast when everything is already there.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test test-pg bench bench-scan bench-match bench-splink bench-import bench-search lint system-run system-test system-bench

system-run:
	@bash scripts/install-system.sh run
system-test:
	@bash scripts/install-system.sh test
system-bench:
	@bash scripts/install-system.sh bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install -q -r requirements-dev.txt
	@touch $@

$(VENV)/.bench: requirements-bench.txt $(VENV)/.dev
	$(BIN)/pip install -q -r requirements-bench.txt
	@touch $@

# `flask --app app serve` migrates the schema, creates the first admin on an empty database,
# starts the background reader threads and serves with waitress.
run: system-run $(VENV)/.runtime
	HOST=$(HOST) PORT=$(PORT) $(BIN)/flask --app app serve

# Every database test runs a second time on PostgreSQL: the test run starts a throwaway
# cluster itself (tests/conftest.py), nothing to set up. OCR-heavy tests (slow) run once.
PG_TESTS ?= tests/web tests/browser

test: system-test $(VENV)/.dev
	$(BIN)/python -m pytest
	$(BIN)/python -m pytest -q -m "not slow" --database=postgresql $(PG_TESTS)

test-pg: $(VENV)/.dev
	$(BIN)/python -m pytest -q -m "not slow" --database=postgresql $(PG_TESTS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: bench-scan bench-match bench-import bench-search

bench-scan: system-bench $(VENV)/.dev
	$(BIN)/python -m bench.scan --count $${COUNT:-200} --workers $${WORKERS:-2}

bench-match: $(VENV)/.dev
	$(BIN)/python -m bench.match --rows $${ROWS:-20000} --seed $${SEED:-1}

# The same rows through Splink's unsupervised model (DuckDB, EM-trained), the issue's reference.
bench-splink: $(VENV)/.bench
	$(BIN)/python -m bench.splink_baseline --rows $${ROWS:-20000} --seed $${SEED:-1}

bench-import: $(VENV)/.dev
	$(BIN)/python -m bench.import_csv --rows $${ROWS:-20000} --seed $${SEED:-1}

bench-search: system-test $(VENV)/.dev
	$(BIN)/python -m bench.search
