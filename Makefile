# Set-up and checks. `make demo` and `make test` are the two commands in the README.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SEED ?= ../shared/seed/seed_article.txt

.PHONY: install demo test lint

$(BIN)/lagebild: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,postgresql,ray]'
	touch $@

install: $(BIN)/lagebild

# Ingesting is idempotent: running the demo again adds nothing to ./lagebild.duckdb.
demo: install
	$(BIN)/lagebild ingest $(SEED)
	$(BIN)/lagebild events

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q
