# The two commands a fresh machine needs:  make serve  and  make test.
SHELL := /bin/bash
VENV := .venv
BIN := $(abspath $(VENV))/bin
PY := $(BIN)/python
# nbgrader runs `alembic` as a command: the environment's bin must be on PATH.
export PATH := $(BIN):$(PATH)
CHROMIUM ?= /usr/bin/chromium

.PHONY: serve build test bench lab notebooks check chromium clean readability instructors bench-grading \
	hub hub-deps hub-clean bench-hub node

$(VENV)/.installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -e .
	touch $@

## Build the book (warnings are errors, notebooks executed) and serve it on 127.0.0.1:8000
serve: build
	@echo "Serving the book on http://127.0.0.1:8000 (Ctrl-C stops)"
	$(PY) -m http.server 8000 --bind 127.0.0.1 --directory _build/html

build: notebooks
	$(BIN)/jupyter-book build . -W -n --keep-going

## Open the learner notebooks in JupyterLab on http://127.0.0.1:8888 (Notebook 7: /tree/notebooks).
## Nothing calls out: no news feed, no update check, no extension manager. tests/test_jupyterlab.py runs this command.
lab: $(VENV)/.installed
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=8888 --ServerApp.port_retries=0 \
	  --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/notebooks \
	  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	  --LabApp.extension_manager=readonly $(if $(filter 0,$(shell id -u)),--ServerApp.allow_root=True)

## Run every test (installs the environment and Debian's chromium when missing)
test: $(VENV)/.installed chromium $(if $(filter 0,$(shell id -u)),hub-deps)
	$(PY) -m pytest -q

chromium:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

check: $(VENV)/.installed
	$(PY) -m coursekit check

## Regenerate every notebook made from the data: learner notebooks and nbgrader source notebooks
notebooks: $(VENV)/.installed
	$(PY) -m coursekit notebooks
	$(PY) -m coursekit sources

bench: $(VENV)/.installed chromium
	$(PY) bench/benchmark.py

## Autograde wall time for a class of 30 submissions (nbgrader)
bench-grading: $(VENV)/.installed
	$(PY) bench/autograde.py

## A private copy of the book for graders: the Rubrics page also shows the exemplar answers
instructors: $(VENV)/.installed
	COURSEKIT_EXEMPLARS=1 $(BIN)/jupyter-book build . -W -n --keep-going --path-output _build/instructors
	@echo "Open _build/instructors/_build/html/book/rubrics.html (do not publish this copy)"

clean:
	rm -rf _build

readability: $(VENV)/.installed
	$(PY) bench/readability.py

# ---- JupyterHub on one server (deploy/jupyterhub/; the deploy guide in the book) ----------
# What the hub's users run must be readable by every Unix user, and this repository and its
# .venv (made from a Python under /root, say) may not be: `make hub-deps` copies the course
# to $(HUB_HOME)/course and builds its environment in $(HUB_HOME)/env from Debian's python3.
HUB_HOME ?= /opt/coursekit-hub
HUB_PYTHON ?= /usr/bin/python3
export COURSEKIT_HUB_HOME := $(HUB_HOME)
PROXY_DIR := deploy/jupyterhub

node:
	@command -v npm >/dev/null || { echo "Installing Debian's nodejs and npm for the hub's proxy"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' || { echo "The hub's proxy \
	  (configurable-http-proxy 5) needs Node.js 20 or later; this machine has $$(node --version). \
	  Debian 13 has it; on Debian 12 use NodeSource's nodejs package."; exit 1; }

$(PROXY_DIR)/node_modules/.installed: $(PROXY_DIR)/package.json $(PROXY_DIR)/package-lock.json | node
	cd $(PROXY_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(HUB_HOME)/env/.installed: requirements.txt pyproject.toml
	@test -x $(HUB_PYTHON) && $(HUB_PYTHON) -c 'import ensurepip' 2>/dev/null || { \
	  echo "Installing Debian's python3 and python3-venv for the hub's users"; \
	  apt-get update -qq && env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null; }
	$(HUB_PYTHON) -m venv $(HUB_HOME)/env
	$(HUB_HOME)/env/bin/pip install --quiet --upgrade pip
	$(HUB_HOME)/env/bin/pip install --quiet -r requirements.txt
	touch $@

## The hub's proxy (npm), and the course with its environment in $(HUB_HOME) (run as root)
hub-deps: $(VENV)/.installed $(PROXY_DIR)/node_modules/.installed $(HUB_HOME)/env/.installed
	@$(PY) deploy/jupyterhub/admin.py course $(HUB_HOME)/course >/dev/null
	@$(HUB_HOME)/env/bin/pip install --quiet --no-deps -e $(HUB_HOME)/course >$(HUB_HOME)/pip.log 2>&1 || \
	  { tail -20 $(HUB_HOME)/pip.log; exit 1; }

## A demo hub on http://127.0.0.1:8000 with an instructor and two learners (Ctrl-C stops it)
hub: hub-deps
	$(PY) deploy/jupyterhub/demo.py start $(if $(PORT),--port $(PORT))

## Remove the demo hub's users, their homes and the demo's state
hub-clean: $(VENV)/.installed
	$(PY) deploy/jupyterhub/demo.py clean

## Many learners at once on this machine's hub: spawn and submit times
bench-hub: hub-deps
	$(PY) bench/hub_load.py
