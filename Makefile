# Two commands matter: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run demo test test-slow test-wayland lint bench clean catalogues new-language

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# setuptools' notes about editable installs are for packagers, not for someone running the kiosk.
$(STAMP_RUN): pyproject.toml | $(PY)
	PYTHONWARNINGS=ignore $(PY) -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(PY)
	PYTHONWARNINGS=ignore $(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

# On a Pi with /etc/kiosk/kiosk.toml this runs the real kiosk; anywhere else,
# simulated hardware and a demo data folder.
run: $(STAMP_RUN)
	@if [ -f /etc/kiosk/kiosk.toml ] || [ -n "$$KIOSK_DATA_DIR" ]; then \
		$(VENV)/bin/kiosk run; \
	else \
		$(VENV)/bin/kiosk demo; \
	fi

demo: $(STAMP_RUN)
	$(VENV)/bin/kiosk demo

test: $(STAMP_TEST)
	$(PY) -m pytest -q -n auto

test-slow: $(STAMP_TEST)
	$(PY) -m pytest -q -m slow

test-wayland: $(STAMP_TEST)
	$(PY) -m pytest -q -m wayland

lint: $(STAMP_TEST)
	$(VENV)/bin/ruff check kiosk hardware tests bench

bench: $(STAMP_TEST)
	$(PY) -m bench.store
	$(PY) -m bench.ui
	$(PY) -m bench.pins
	$(PY) -m bench.pin_count
	$(PY) -m bench.lock_load
	$(PY) -m bench.regulars
	$(PY) -m bench.fire
	$(PY) -m bench.attendance
	$(PY) -m bench.staff
	$(PY) -m bench.long_scan
	$(PY) -m bench.language

# The visitors' languages (docs/languages.md). `make catalogues` after changing any words a
# visitor sees: Babel extracts them into kiosk/locale/kiosk.pot, brings every language's .po
# up to date with it, and compiles each to the .mo the kiosk reads (committed with the .po, so
# `make run`, `make test` and the Pi's install need no Babel and build nothing).
# `make new-language LANGUAGE=ro` starts a catalogue for Romanian.
CATALOGUES := kiosk/locale
PYBABEL := $(VENV)/bin/pybabel
catalogues: $(STAMP_TEST)
	$(PYBABEL) -q extract -F babel.cfg -k NP_:1c,2 --no-location --sort-output \
		--project "Foyer Kiosk" --copyright-holder "Foyer Kiosk" -o $(CATALOGUES)/kiosk.pot .
	$(PYBABEL) -q update -i $(CATALOGUES)/kiosk.pot -d $(CATALOGUES) -D kiosk \
		--no-fuzzy-matching --ignore-obsolete
	$(PYBABEL) compile -d $(CATALOGUES) -D kiosk --statistics

new-language: $(STAMP_TEST)
	@test -n "$(LANGUAGE)" || { echo "say which: make new-language LANGUAGE=ro"; exit 2; }
	$(PYBABEL) -q init -i $(CATALOGUES)/kiosk.pot -d $(CATALOGUES) -D kiosk -l $(LANGUAGE) --no-wrap

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
