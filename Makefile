# Set-up and checks. `make demo` and `make test` are the two commands in the README.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SEED ?= ../shared/seed/seed_article.txt

.PHONY: install demo test lint

$(BIN)/lagebild: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/lagebild

demo: install
	rm -f demo.duckdb
	$(BIN)/lagebild ingest $(SEED) --db demo.duckdb
	$(BIN)/lagebild events --db demo.duckdb

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q
