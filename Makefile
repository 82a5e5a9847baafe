# The two commands a fresh machine needs:  make serve  and  make test.
SHELL := /bin/bash
VENV := .venv
BIN := $(abspath $(VENV))/bin
PY := $(BIN)/python
# nbgrader runs `alembic` as a command: the environment's bin must be on PATH.
export PATH := $(BIN):$(PATH)
CHROMIUM ?= /usr/bin/chromium

.PHONY: serve build test test-fast lint bench lab notebooks check chromium graphviz paths clean readability instructors bench-grading
.PHONY: facilitator-pack book-pdf poppler

$(VENV)/.installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -e .
	touch $@

## Build the book (warnings are errors, notebooks executed) and serve it on 127.0.0.1:8000
serve: build
	@echo "Serving the book on http://127.0.0.1:8000 (Ctrl-C stops)"
	$(PY) -m http.server 8000 --bind 127.0.0.1 --directory _build/html

build: notebooks graphviz
	$(BIN)/jupyter-book build . -W -n --keep-going

## Open the learner notebooks in JupyterLab on http://127.0.0.1:8888 (Notebook 7: /tree/notebooks).
## Nothing calls out: no news feed, no update check, no extension manager. tests/test_jupyterlab.py runs this command.
lab: $(VENV)/.installed
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=8888 --ServerApp.port_retries=0 \
	  --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/notebooks \
	  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	  --LabApp.extension_manager=readonly $(if $(filter 0,$(shell id -u)),--ServerApp.allow_root=True)

## Run every test (installs the environment, Debian's chromium, graphviz and poppler-utils when missing)
test: $(VENV)/.installed chromium graphviz poppler lint
	$(PY) -m pytest -q

## The fast lane: no browser, no Jupyter server, no nbgrader class run, no whole-book build
test-fast: $(VENV)/.installed lint
	$(PY) -m pytest -q -m "not browser and not slow"

lint: $(VENV)/.installed
	$(BIN)/ruff check coursekit tests bench

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

## Every distinct path of every scenario, as the learner reads it: _build/paths/<id>.md
paths: $(VENV)/.installed
	$(PY) -m coursekit paths all

## Regenerate every notebook made from the data: learner notebooks and nbgrader source notebooks
notebooks: $(VENV)/.installed
	$(PY) -m coursekit notebooks
	$(PY) -m coursekit sources

bench: $(VENV)/.installed chromium graphviz
	$(PY) bench/content.py
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

## The facilitator pack: per module, scenario cards, agreements, questions and notes as PDF
## (regular and large print) in _build/facilitator-pack/, printed by Debian's chromium
facilitator-pack: $(VENV)/.installed chromium
	$(PY) -m coursekit facilitator-pack

## The whole book as one PDF for offline reading (_build/facilitator-pack/book.pdf)
book-pdf: build chromium
	$(PY) -m coursekit book-pdf

## Debian's poppler-utils: the tests look at a printed card page as an image (pdftoppm)
poppler:
	@command -v pdftoppm >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }
