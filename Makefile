# The two commands a fresh machine needs:  make serve  and  make test.
SHELL := /bin/bash
VENV := .venv
BIN := $(abspath $(VENV))/bin
PY := $(BIN)/python
# nbgrader runs `alembic` as a command: the environment's bin must be on PATH.
export PATH := $(BIN):$(PATH)
CHROMIUM ?= /usr/bin/chromium

.PHONY: serve build test test-fast lint bench lab notebooks check chromium graphviz paths clean readability instructors bench-grading offline lock
.PHONY: facilitator-pack book-pdf poppler room bench-room
.PHONY: hub hub-deps hub-clean bench-hub node

$(VENV)/.installed: requirements.lock pyproject.toml
	@echo "Installing the course's Python packages into $(VENV) (pinned with hashes in requirements.lock;"
	@echo "a few minutes on a fresh machine; each package is named as it is fetched; full log: $(VENV)/install.log)"
	@python3 -m venv $(VENV)
	@set -o pipefail; { $(BIN)/pip install --upgrade pip && \
	  $(BIN)/pip install --no-deps --require-hashes -r requirements.lock && \
	  $(BIN)/pip install --no-deps -e . && $(BIN)/pip check ; } > $(VENV)/install.log 2>&1 < /dev/null & \
	  pid=$$!; shown=0; while kill -0 $$pid 2>/dev/null; do sleep 2; \
	    n=$$(grep -c '^Collecting\|^Requirement already' $(VENV)/install.log 2>/dev/null); \
	    [ "$${n:-0}" != "$$shown" ] && { shown=$$n; printf '\r  %s packages resolved, latest: %-40s' "$$n" "$$(grep -o '^Collecting [^ ]*' $(VENV)/install.log | tail -1 | cut -d' ' -f2 | cut -c1-40)"; }; done; \
	  wait $$pid || { echo; echo "pip install failed; the end of $(VENV)/install.log:"; tail -25 $(VENV)/install.log; exit 1; }; \
	  echo; grep '^Successfully installed' $(VENV)/install.log | cut -c1-200 || true
	@touch $@

## Build the book (warnings are errors, notebooks executed) and serve it gzip-compressed, as a
## static host would, on http://127.0.0.1:$(PORT) (make serve PORT=8001 when 8000 is busy)
## It shows install progress, then one line while the book builds (its output in _build/serve.log,
## and what failed if it fails), then the address to open.
PORT ?= 8000
BUILDING := Building the book into _build/html: notebooks run, warnings are errors; minutes the first time
serve: $(VENV)/.installed
	@$(PY) -m coursekit.ports $(PORT) serve
	@$(PY) -m coursekit.quietly _build/serve.log "$(BUILDING)" -- $(MAKE) --no-print-directory build
	@$(PY) -m coursekit.serve --port $(PORT) _build/html

# The learner notebooks and nbgrader sources are made from the data: regenerated (--notebooks)
# only when the data or the code that writes them changed since the last build, and rewritten
# only when their text changes, so Sphinx does not execute unchanged notebooks again. One Python
# process writes them and builds the book (coursekit/__main__.py: build). The stamp is taken
# before the build, so a file edited while it runs is newer than the stamp.
GENERATED_FROM = $(wildcard exercises/course.yml exercises/scenarios/*/*.yml exercises/reflections/*.yml) $(shell find coursekit -name '*.py')
STALE = $(if $(wildcard _build/.generated),$(shell find $(GENERATED_FROM) -newer _build/.generated | head -1),none yet)
build: graphviz node_modules/.installed | $(VENV)/.installed
	@mkdir -p _build && touch _build/.generating
	COURSEKIT_SERVE_PORT=$(PORT) $(PY) -m coursekit build $(if $(STALE),--notebooks) . -W -n --keep-going
	@mv _build/.generating _build/.generated

## Open the learner notebooks in JupyterLab on http://127.0.0.1:$(LAB_PORT) (Notebook 7: /tree/notebooks);
## LAB_PORT=8889 (or PORT=8889) when 8888 is busy.
## Nothing calls out: no news feed, no update check, no extension manager, and no question about
## Jupyter's news: the page config the hub gives everyone (its announcements plugin off) is this
## server's too. tests/test_jupyterlab.py runs this command.
LAB_SETTINGS := $(CURDIR)/deploy/jupyterhub/jupyter/everyone/labconfig
LAB_PORT ?= $(if $(filter command line,$(origin PORT)),$(PORT),8888)
lab: $(VENV)/.installed
	@$(PY) -m coursekit.ports $(LAB_PORT) lab
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) --ServerApp.port_retries=0 \
	  --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/notebooks \
	  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	  --LabApp.extension_manager=readonly --LabApp.app_settings_dir=$(LAB_SETTINGS) \
	  $(if $(filter 0,$(shell id -u)),--ServerApp.allow_root=True)

## Run every test (installs the environment, Debian's chromium, graphviz and poppler-utils, the npm
## packages, and as root the loopback JupyterHub's dependencies, when missing)
test: $(VENV)/.installed chromium graphviz poppler node_modules/.installed lint $(if $(filter 0,$(shell id -u)),hub-deps)
	$(PY) -m pytest -q

## The fast lane: no browser, no Jupyter server, no nbgrader class run, no whole-book build
test-fast: $(VENV)/.installed lint
	$(PY) -m pytest -q -m "not browser and not slow"

LINTED := coursekit tests bench tools deploy exercises/nbgrader_config.py
NODE_BIN := node_modules/.bin
## ruff (checks and formatting) and mypy (pyproject.toml) on the Python; eslint (eslint.config.mjs)
## on the ES modules and node tests; tsc over the pure modules' JSDoc types (tsconfig.json).
## `make lint` fails on any finding.
lint: $(VENV)/.installed node_modules/.installed
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	$(NODE_BIN)/eslint coursekit/assets/coursekit tests/js eslint.config.mjs
	$(NODE_BIN)/tsc -p tsconfig.json

chromium:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## Debian's graphviz draws the scenario maps on the authors' page
graphviz:
	@command -v dot >/dev/null || { \
	  echo "Installing Debian's graphviz for the scenario maps"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; }

check: $(VENV)/.installed
	$(PY) -m coursekit check

## Every distinct path of every scenario, as the learner reads it: _build/paths/<id>.md, and
## each ending beside every path that reaches it: _build/paths/<id>.by-ending.md
paths: $(VENV)/.installed
	$(PY) -m coursekit paths all
	$(PY) -m coursekit paths --by-ending all

## Regenerate every notebook made from the data: learner notebooks and nbgrader source notebooks
notebooks: $(VENV)/.installed
	$(PY) -m coursekit notebooks --sources

bench: $(VENV)/.installed chromium graphviz node_modules/.installed
	$(PY) bench/content.py
	$(PY) bench/benchmark.py
	$(PY) bench/author_loop.py
	$(PY) bench/room.py

## Room votes: vote-to-projector latency and server memory for 30 and 300 phones, beside a bare
## WebSocket relay measured in the same run
bench-room: $(VENV)/.installed
	$(PY) bench/room.py

# npm packages pinned in package-lock.json: lighthouse (make bench), esbuild (make offline),
# purgecss (every build), eslint and typescript (make lint)
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { \
	  echo "Installing Debian's nodejs and npm (for purgecss, esbuild and lighthouse)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund
	@touch $@

## The offline copy: _build/course-offline.zip, which a learner unpacks and opens from disk
offline: build node_modules/.installed
	$(PY) -m coursekit.offline

## Pin every package the course installs (with hashes) into requirements.lock, from requirements.txt
lock:
	python3 -m venv _build/piptools && _build/piptools/bin/pip install --quiet pip-tools==7.6.2
	_build/piptools/bin/pip-compile --generate-hashes --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links --strip-extras --quiet -o requirements.lock requirements.txt
	python3 tools/lock_without.py requirements.lock

## Autograde wall time for a class of 100 (coursekit vs nbgrader's default), and the status command's time
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

## The facilitator pack: per module, a cover, the agreements and questions, reflection prompts,
## scenario cards and facilitator sheets as PDF (A4 and US Letter, regular and large print,
## double-sided) in _build/facilitator-pack/, printed by Debian's chromium
facilitator-pack: $(VENV)/.installed chromium
	$(PY) -m coursekit facilitator-pack

## Anonymous room votes from phones for discussion mode, on http://127.0.0.1:8765 (Ctrl-C stops
## it). `make room ROOM_ARGS="--host 0.0.0.0"` lets phones on the room's Wi-Fi join; read
## `python -m coursekit room --help` first: it says what that exposes.
ROOM_ARGS ?=
room: $(VENV)/.installed
	$(PY) -m coursekit room $(ROOM_ARGS)

## The whole book as one PDF for offline reading (_build/facilitator-pack/book.pdf)
book-pdf: build chromium
	$(PY) -m coursekit book-pdf

## Debian's poppler-utils: the tests look at a printed card page as an image (pdftoppm)
poppler:
	@command -v pdftoppm >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }

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
	@# jsonschema imports rfc3987-syntax (jupyter-events' format-nongpl extra) if it is there, which
	@# builds ~35 Earley parsers on import: ~0.9 of the ~2 CPU-seconds a user's server took to
	@# start, for IRI formats no Jupyter schema uses (python-jsonschema/jsonschema#1428)
	@! $(HUB_HOME)/env/bin/pip show --quiet rfc3987-syntax 2>/dev/null || \
	  $(HUB_HOME)/env/bin/pip uninstall --quiet --yes rfc3987-syntax

## A demo hub on http://127.0.0.1:8000 with an instructor and two learners (Ctrl-C stops it)
hub: hub-deps
	$(PY) deploy/jupyterhub/demo.py start $(if $(PORT),--port $(PORT))

## Remove the demo hub's users, their homes and the demo's state
hub-clean: $(VENV)/.installed
	$(PY) deploy/jupyterhub/demo.py clean

# The stock reference of bench-hub: jupyterhub and jupyterlab alone, at the course environment's
# versions (its own `pip freeze` is the constraint), from the same Python
$(HUB_HOME)/stock/.installed: $(HUB_HOME)/env/.installed
	$(HUB_PYTHON) -m venv $(HUB_HOME)/stock
	$(HUB_HOME)/env/bin/pip freeze --exclude-editable >$(HUB_HOME)/stock/constraints.txt
	$(HUB_HOME)/stock/bin/pip install --quiet -c $(HUB_HOME)/stock/constraints.txt jupyterhub jupyterlab
	touch $@

## A class logging in at once (LEARNERS per batch, ROUNDS batches per hub) on the course's hub
## beside a stock JupyterHub in the same run: time to JupyterLab ready, submit, collect
LEARNERS ?= 10
ROUNDS ?= 2
bench-hub: hub-deps $(HUB_HOME)/stock/.installed
	$(PY) bench/hub_load.py --learners $(LEARNERS) --rounds $(ROUNDS)
