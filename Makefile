# The two commands a fresh machine needs:  make serve  and  make test.
SHELL := /bin/bash
VENV := .venv
BIN := $(abspath $(VENV))/bin
PY := $(BIN)/python
# nbgrader runs `alembic` as a command: the environment's bin must be on PATH.
export PATH := $(BIN):$(PATH)
CHROMIUM ?= /usr/bin/chromium

.PHONY: serve build test bench lab notebooks check chromium clean readability

$(VENV)/.installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -e .
	touch $@

## Build the book (warnings are errors, notebooks executed) and serve it on 127.0.0.1:8000
serve: build
	@echo "Serving the book on http://127.0.0.1:8000 (Ctrl-C stops)"
	$(PY) -m http.server 8000 --bind 127.0.0.1 --directory _build/html

build: $(VENV)/.installed
	$(BIN)/jupyter-book build . -W -n --keep-going

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

notebooks: $(VENV)/.installed
	$(PY) -m coursekit notebooks

bench: $(VENV)/.installed chromium
	$(PY) bench/benchmark.py

clean:
	rm -rf _build

readability: $(VENV)/.installed
	$(PY) bench/readability.py
