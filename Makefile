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
# web/static/vendor/ (gitignored) so pages load them from this server, never a CDN. Built here rather
# than committed: the repo holds no minified third-party bundles and an upgrade is a lockfile change.
VENDOR := web/static/vendor
ASSETS := $(VENDOR)/.copied
$(ASSETS): package.json package-lock.json
	@command -v npm >/dev/null || { echo "need npm (Node.js) to fetch the front-end packages"; exit 1; }
	npm ci --no-audit --no-fund --silent
	mkdir -p $(VENDOR)
	cp node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR)/
	cp node_modules/cytoscape/LICENSE $(VENDOR)/cytoscape.LICENSE
	touch $(ASSETS)

assets: $(ASSETS)

install: $(STAMP) $(ASSETS)

ingest: install
	$(PY) -m kg ingest

# Installs, ingests the default corpus if the store is empty or stale (a no-op otherwise), then serves.
run: ingest
	$(PY) -m kg serve

serve: install
	$(PY) -m kg serve

test: install
	$(PY) -m pytest -q

# PNGs of the main pages in screenshots/ (headless Chromium on the store in KG_HOME; ingests if empty).
screenshots: ingest
	$(PY) -m web.screenshots

bench: $(STAMP)
	$(PY) -m bench

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf var .pytest_cache
