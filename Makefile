# The two commands a newcomer needs are `make run` and `make test`;
# both create the virtual environment and install the project first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-store lint fmt bench schema migrate demo clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/jsd serve

test: $(STAMP)
	$(BIN)/python -m pytest

# The event-store tests alone, e.g. on the embedded PostgreSQL when the
# suite as a whole runs against a server.
test-store: $(STAMP)
	$(BIN)/python -m pytest -m store

lint: $(STAMP)
	$(BIN)/ruff check src tests bench alembic
	$(BIN)/ruff format --check src tests bench alembic
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/ruff check --fix src tests bench alembic
	$(BIN)/ruff format src tests bench alembic

bench: $(STAMP)
	$(BIN)/python -m bench

schema: $(STAMP)
	$(BIN)/jsd schema > schema.graphql

migrate: $(STAMP)
	$(BIN)/jsd migrate

demo: $(STAMP)
	$(BIN)/jsd demo

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
