# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export KG_THREADS ?= 1
export OMP_NUM_THREADS ?= 1
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run serve ingest test bench lint install assets screenshots clean

$(STAMP): requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# Front-end packages come from the npm registry, pinned by package-lock.json, and are copied into
# web/static/vendor/ so the app serves them itself (no CDN at run time). They are built here rather than
# committed: the lockfile pins the exact bytes (integrity hashes), and git keeps no minified bundles.
# --ignore-scripts: the packages need no install scripts (fontawesome's only print an attribution).
VENDOR := web/static/vendor
$(VENDOR)/.installed: package.json package-lock.json
	bin/apt-need npm:npm
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	mkdir -p $(VENDOR)/yasgui
	cp node_modules/@zazuko/yasgui/build/yasgui.min.js node_modules/@zazuko/yasgui/build/yasgui.min.css $(VENDOR)/yasgui/
	cp node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR)/
	cp node_modules/cytoscape/LICENSE $(VENDOR)/cytoscape.LICENSE
	touch $@

assets: $(VENDOR)/.installed

install: $(STAMP) assets

ingest: install
	$(PY) -m kg ingest

# Installs, ingests the default corpus if the store is empty or stale (a no-op otherwise), then serves.
run: ingest
	$(PY) -m kg serve

serve: install
	$(PY) -m kg serve

# The browser tests drive Debian's Chromium (a test tool's own browser download fails here).
test: install
	bin/apt-need chromium:chromium chromedriver:chromium-driver
	$(PY) -m pytest -q

# PNGs of the main pages in screenshots/ (headless Chromium on the store in KG_HOME; ingests if empty).
screenshots: ingest
	bin/apt-need chromium:chromium chromedriver:chromium-driver
	$(PY) -m web.screenshots

bench: install
	$(PY) -m bench

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf var .pytest_cache
