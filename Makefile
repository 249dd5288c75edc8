# One command reruns everything (`make figures`), one tests everything (`make test`).
# The virtual environment is keyed on the lock: when requirements.txt or pyproject.toml
# change, the next make rebuilds .venv from scratch.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK_KEY := $(shell cat requirements.txt pyproject.toml | sha256sum | cut -c1-16)
STAMP := $(VENV)/.installed-$(LOCK_KEY)
# JupyterLab reads default settings from <app dir>/settings/overrides.json; the project's own
# (jupyter/overrides.json: no news feed, no update check) is copied there.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# e.g. FIGURES_ARGS=--time-empty to also time one empty notebook (kernel start-up) in the same run
FIGURES_ARGS ?=
# where the notebooks' analyses run: embedded (default), dask (a local Dask cluster), or tcp://host:8786
ENGINE ?=

.PHONY: help venv figures lint unit test lab lock clean bench
# `make` alone builds the venv, as before; `make help` lists the commands.
.DEFAULT_GOAL := venv

## help: list these commands
help:
	@sed -n 's/^## \([a-z]*\): /\1\t/p' $(MAKEFILE_LIST) | expand -t 10

## venv: build .venv from the lock (rebuilt from scratch when requirements.txt or pyproject.toml change)
venv: $(STAMP) $(LAB_OVERRIDES)

$(STAMP): requirements.txt pyproject.toml
	@echo "==> building $(VENV) from requirements.txt (lock key $(LOCK_KEY))"
	rm -rf $(VENV)
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(LAB_OVERRIDES): jupyter/overrides.json $(STAMP)
	mkdir -p $(dir $@)
	cp $< $@

## figures: execute every notebook headless -> figures/ tables/ build/notebooks/ reports/ (ENGINE=dask: on Dask)
figures: venv
	$(BIN)/python -m helpers.run run-notebooks --jobs $(JOBS) $(if $(ENGINE),-p ENGINE $(ENGINE)) $(FIGURES_ARGS)

## lint: ruff check and ruff format --check (settings in pyproject.toml)
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## unit: the fast tests (no notebook runs, no browser), about half a minute
unit: venv
	$(BIN)/python -m pytest -m "not notebooks and not browser"

## test: lint, then the whole test suite (unit, notebooks, Arabic rendering proof, browser)
test: venv lint
	$(BIN)/python -m pytest

## lab: JupyterLab on 127.0.0.1 with token authentication, showing notebooks/
# Open the printed http://127.0.0.1:PORT/lab?token=... URL. --allow-root only matters when run as root (containers, CI).
lab: venv
	$(BIN)/python -m jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks --no-browser --allow-root

## bench: speed and memory of term counting and of the whole pipeline, as ratios to targets (see benchmarks/)
bench: venv
	$(BIN)/python -m benchmarks.terms; terms=$$?; $(BIN)/python -m benchmarks.pipeline && exit $$terms

## lock: regenerate requirements.txt from requirements.in in a fresh temporary venv
lock:
	rm -rf build/lockvenv
	$(PY) -m venv build/lockvenv
	build/lockvenv/bin/python -m pip install --quiet --upgrade pip
	build/lockvenv/bin/python -m pip install --quiet -r requirements.in
	( echo "# The lock: exact versions of everything installed. Regenerate with 'make lock'."; \
	  build/lockvenv/bin/python -m pip freeze --exclude-editable | grep -v '^-e ' ) > requirements.txt
	rm -rf build/lockvenv

## clean: remove the generated folders (figures, tables, reports, build)
clean:
	rm -rf figures tables reports build
