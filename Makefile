# Two commands on a fresh machine: `make play` and `make test`. Each creates .venv when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export PYGAME_HIDE_SUPPORT_PROMPT := 1

.PHONY: play test bench lint format clean

$(VENV)/.play: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e .
	touch $@

$(VENV)/.test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@ $(VENV)/.play

$(VENV)/.bench: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test,bench]'
	touch $@ $(VENV)/.test $(VENV)/.play

play: $(VENV)/.play
	$(PY) -m game

test: $(VENV)/.test
	$(PY) -m pytest

bench: $(VENV)/.bench
	$(PY) -m game bench

lint: $(VENV)/.test
	$(VENV)/bin/ruff check game tests assets
	$(VENV)/bin/ruff format --check game tests assets

format: $(VENV)/.test
	$(VENV)/bin/ruff format game tests assets
	$(VENV)/bin/ruff check --fix game tests assets

clean:
	rm -rf $(VENV) build *.egg-info
