# Two commands do all the set-up on a fresh machine:
#   make serve   build and serve the course on http://127.0.0.1:8000 (live reload)
#   make test    lint, types, content checks, strict build, unit/build/browser tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.installed-runtime
DEV_STAMP  := $(VENV)/.installed-dev
NODE_STAMP := node_modules/.installed

# Material and ProperDocs print an end-of-life banner on every build; it is noise here.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build check lint test unit browser builders export linkcheck lighthouse offline scorm bench bench-smoke bench-reload clean chromium search-quality interpreters

# Authors who only serve and build get the runtime alone; the test tools
# (playwright, mypy, ruff, hypothesis...) come with the first `make test`.
$(RUN_STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

$(DEV_STAMP): $(RUN_STAMP) requirements-dev.txt
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

# --ignore-scripts: vnu-jar's postinstall only downloads a Java we do not need.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

chromium:
	scripts/ensure-chromium

# --dirty: a save rebuilds only the pages it changes; the scenariosite plugin keeps the
# result equal to a clean build (hooks/scenariosite/adapters/reuse.py).
serve: $(RUN_STAMP)
	$(BIN)/mkdocs serve --dirty

# Never combine strict mode with the quiet flag: MkDocs then exits 0 on warnings.
build: $(RUN_STAMP)
	$(BIN)/mkdocs build --strict

# No folder named: check reads the settings of mkdocs.yml, as the build does.
check: $(RUN_STAMP)
	$(BIN)/scenariosite check --strict

lint: $(DEV_STAMP)
	$(BIN)/ruff check hooks tests benchmarks scripts/lighthouse scripts/search-quality
	$(BIN)/ruff format --check hooks tests benchmarks scripts/lighthouse scripts/search-quality
	$(BIN)/mypy

unit: $(DEV_STAMP) $(NODE_STAMP)
	$(BIN)/pytest -m "not browser"

browser: $(DEV_STAMP) $(NODE_STAMP) chromium
	$(BIN)/pytest -m browser

# The exported tree built by ProperDocs and by Zensical, each in its own venv under
# build/builders/ (made with pip on first use), compared with the MkDocs build; the
# Zensical build in Chromium too. `make test` runs these as well.
builders: $(DEV_STAMP) $(NODE_STAMP) chromium
	$(BIN)/pytest -m builders

# build/export: the course as a tree for `mkdocs build`, `properdocs build` or
# `zensical build` without scenariosite (README: "After Material").
export: $(RUN_STAMP)
	$(BIN)/scenariosite export --out build/export

linkcheck: build $(NODE_STAMP)
	scripts/linkcheck site

test: $(DEV_STAMP) $(NODE_STAMP) chromium
	$(MAKE) --no-print-directory lint check build
	scripts/linkcheck site
	$(search_quality)
	$(BIN)/pytest
	scripts/lighthouse site
	$(MAKE) --no-print-directory bench-smoke
	scripts/interpreters

# What a new hire types (tests/search/queries.yaml) through the site's own search worker
# under Node, on the shipped build and on the offline build; prints top-1, top-3 and
# MRR and fails below 80 %/95 %. The offline build is a folder here, not the zip.
define search_quality
	$(BIN)/python scripts/search-quality site
	$(BIN)/mkdocs build --strict -f mkdocs.offline.yml -d build/offline-site
	$(BIN)/python scripts/search-quality build/offline-site --same-top3-as site
endef
search-quality: build $(NODE_STAMP)
	$(search_quality)

# Mobile Lighthouse on home, a decision page and a trainer page; fails below target.
lighthouse: build $(NODE_STAMP) chromium
	scripts/lighthouse site

offline: $(DEV_STAMP) $(NODE_STAMP)
	scripts/offline-package

# dist/<course>-scorm12.zip and -scorm2004.zip for learning platforms (README: "In a learning platform (SCORM)").
scorm: $(RUN_STAMP) $(NODE_STAMP)
	scripts/scorm-package

# Debian's /usr/bin/python3 (3.11.2) and pyenv's 3.12 and 3.13 where present: install,
# strict build and unit tests in a fresh venv each.
interpreters:
	scripts/interpreters

bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/run.py --check-targets

# The smallest size only: the harness runs and the hook build equals the exported build.
bench-smoke: $(DEV_STAMP)
	$(BIN)/python benchmarks/run.py --sizes 10 --repeat 3 --check-targets

# Save to reload with `make serve` (median of 6 one-word edits) beside a full build.
bench-reload: $(RUN_STAMP)
	$(BIN)/python benchmarks/reload.py

clean:
	rm -rf site build dist test-artifacts .pytest_cache .mypy_cache .ruff_cache
