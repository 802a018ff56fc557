# Enlace: the README's quick start is `make run` and `make test`; both set everything up.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
VENDOR := enlace/static/vendor
DEMO_ENV := ENLACE_DEMO=1 ENLACE_REQUIRE_2FA=0 ENLACE_DEBUG=0

.PHONY: run test bench lint setup assets messages migrate demo clean ci

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

$(VENDOR)/.installed: package.json package-lock.json enlace/statistics/assets/region_map.mjs
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/bootstrap $(VENDOR)/bootstrap-icons $(VENDOR)/htmx $(VENDOR)/echarts $(VENDOR)/world-atlas
	cp node_modules/bootstrap/dist/css/bootstrap.min.css* node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* $(VENDOR)/bootstrap/
	cp -r node_modules/bootstrap-icons/font/bootstrap-icons.min.css node_modules/bootstrap-icons/font/fonts $(VENDOR)/bootstrap-icons/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp node_modules/echarts/dist/echarts.min.js node_modules/echarts/LICENSE $(VENDOR)/echarts/
	node enlace/statistics/assets/region_map.mjs node_modules/world-atlas/countries-50m.json enlace/core/data/countries.csv > $(VENDOR)/world-atlas/americas.geo.json
	cp node_modules/world-atlas/LICENSE $(VENDOR)/world-atlas/
	@touch $@

assets: $(VENDOR)/.installed

# Catalogues are compiled with Babel, so no GNU gettext is needed on a fresh machine.
messages: $(STAMP)
	$(BIN)/pybabel compile --domain django --directory enlace/locale --statistics 2>&1 | tail -n 2
	$(BIN)/pybabel compile --domain djangojs --directory enlace/locale 2>/dev/null || true

setup: $(STAMP) assets messages

run: setup
	$(DEMO_ENV) $(BIN)/enlace migrate --noinput
	$(DEMO_ENV) $(BIN)/enlace collectstatic --noinput --verbosity 0
	$(DEMO_ENV) $(BIN)/enlace demo --seed 1
	@echo "Open http://127.0.0.1:$(PORT)/ and log in with one of the users above."
	$(DEMO_ENV) PORT=$(PORT) $(BIN)/enlace serve

test: setup
	@if [ -x /usr/bin/chromium ]; then :; else echo "NOTE: /usr/bin/chromium is not installed: the browser tests will fail; install Debian's chromium (CI does)."; fi
	$(BIN)/pytest -q $(PYTEST_ARGS)

$(VENV)/.bench-installed: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	@touch $@

bench: setup $(VENV)/.bench-installed
	@shopt -s nullglob; scripts=(bench/*/run.py); \
	if [ $${#scripts[@]} -eq 0 ]; then echo "no benchmarks yet"; fi; \
	for script in "$${scripts[@]}"; do $(BIN)/python "$$script" $(BENCH_ARGS) || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
