# Two commands on a fresh machine: `make play` and `make test`. Each creates .venv when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export PYGAME_HIDE_SUPPORT_PROMPT := 1

.PHONY: play test bench lint format clean dist install-desktop

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

$(VENV)/.dist: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dist]'
	touch $@ $(VENV)/.play

# The game's bytecode, compiled ahead as installing a wheel compiles it, and again whenever a
# source changes: a process starts without compiling every module it imports. (One that is not let
# write bytecode itself, PYTHONDONTWRITEBYTECODE, would otherwise compile them all at every start:
# the command line's verify, the replays list's background check, the title.)
SOURCES := $(shell find game bench -name '*.py' 2>/dev/null)
$(VENV)/.bytecode: $(SOURCES) | $(VENV)/.play
	$(PY) -m compileall -q game bench
	touch $@

play: $(VENV)/.play $(VENV)/.bytecode
	$(PY) -m game

test: $(VENV)/.test $(VENV)/.bytecode
	$(PY) -m pytest

bench: $(VENV)/.bench $(VENV)/.bytecode
	$(PY) -m game bench

lint: $(VENV)/.test
	$(VENV)/bin/ruff check game tests assets bench
	$(VENV)/bin/ruff format --check game tests assets bench

format: $(VENV)/.test
	$(VENV)/bin/ruff format game tests assets bench
	$(VENV)/bin/ruff check --fix game tests assets bench

# The standalone game, no Python needed to run it: dist/aynik/aynik (a folder to ship whole).
dist: $(VENV)/.dist
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/aynik.spec

# The desktop entry and icons for this user (XDG_DATA_HOME, else ~/.local/share). The entry starts
# dist/aynik/aynik when it has been built, else this checkout's .venv/bin/aynik, else the `aynik`
# on PATH (pip install).
DATA_HOME := $(or $(XDG_DATA_HOME),$(HOME)/.local/share)
install-desktop:
	mkdir -p $(DATA_HOME)/applications
	if [ -x dist/aynik/aynik ]; then exec='"$(CURDIR)/dist/aynik/aynik"'; \
		elif [ -x $(VENV)/bin/aynik ]; then exec='"$(CURDIR)/$(VENV)/bin/aynik"'; \
		else exec=aynik; fi; \
		sed "s|^Exec=aynik$$|Exec=$$exec|" packaging/aynik.desktop \
		> $(DATA_HOME)/applications/aynik.desktop
	for size in 32 64 128 256; do \
		install -Dm644 assets/icons/aynik-$$size.png \
			$(DATA_HOME)/icons/hicolor/$${size}x$${size}/apps/aynik.png; \
	done
	-update-desktop-database -q $(DATA_HOME)/applications 2>/dev/null
	-gtk-update-icon-cache -q -t $(DATA_HOME)/icons/hicolor 2>/dev/null

clean:
	rm -rf $(VENV) build dist *.egg-info
	find game bench tests assets -name __pycache__ -prune -exec rm -rf {} +
