# The two commands a fresh machine needs:  make serve  and  make test.
SHELL := /bin/bash
VENV := .venv
BIN := $(abspath $(VENV))/bin
PY := $(BIN)/python
# nbgrader runs `alembic` as a command: the environment's bin must be on PATH.
export PATH := $(BIN):$(PATH)
CHROMIUM ?= /usr/bin/chromium

.PHONY: serve build test bench lab notebooks check chromium clean readability instructors bench-grading

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
test: $(VENV)/.installed chromium
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
