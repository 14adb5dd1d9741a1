# Two commands do all the set-up on a fresh machine:
#   make serve   build and serve the course on http://127.0.0.1:8000 (live reload)
#   make test    lint, types, content checks, strict build, unit/build/browser tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY_STAMP   := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

# Material and ProperDocs print an end-of-life banner on every build; it is noise here.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build check lint test unit browser linkcheck lighthouse offline scorm bench bench-smoke clean chromium

$(PY_STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

# --ignore-scripts: vnu-jar's postinstall only downloads a Java we do not need.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

chromium:
	scripts/ensure-chromium

serve: $(PY_STAMP)
	$(BIN)/mkdocs serve

# Never combine strict mode with the quiet flag: MkDocs then exits 0 on warnings.
build: $(PY_STAMP)
	$(BIN)/mkdocs build --strict

check: $(PY_STAMP)
	$(BIN)/scenariosite check --strict --min-coverage 2 scenarios

lint: $(PY_STAMP)
	$(BIN)/ruff check hooks tests benchmarks scripts/lighthouse
	$(BIN)/ruff format --check hooks tests benchmarks scripts/lighthouse
	$(BIN)/mypy

unit: $(PY_STAMP) $(NODE_STAMP)
	$(BIN)/pytest -m "not browser"

browser: $(PY_STAMP) $(NODE_STAMP) chromium
	$(BIN)/pytest -m browser

linkcheck: build $(NODE_STAMP)
	scripts/linkcheck site

test: $(PY_STAMP) $(NODE_STAMP) chromium
	$(MAKE) --no-print-directory lint check build
	scripts/linkcheck site
	$(BIN)/pytest
	scripts/lighthouse site
	$(MAKE) --no-print-directory bench-smoke

# Mobile Lighthouse on home, a decision page and a trainer page; fails below target.
lighthouse: build $(NODE_STAMP) chromium
	scripts/lighthouse site

offline: $(PY_STAMP) $(NODE_STAMP)
	scripts/offline-package

# dist/<course>-scorm12.zip and -scorm2004.zip for learning platforms (see SCORM.md).
scorm: $(PY_STAMP) $(NODE_STAMP)
	scripts/scorm-package

bench: $(PY_STAMP)
	$(BIN)/python benchmarks/run.py

# The smallest size only: the harness runs and the hook build equals the exported build.
bench-smoke: $(PY_STAMP)
	$(BIN)/python benchmarks/run.py --sizes 10 --repeat 1

clean:
	rm -rf site build dist test-artifacts .pytest_cache .mypy_cache .ruff_cache
