# Two commands matter: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run demo test test-slow test-wayland lint bench clean

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
	$(PY) -m bench.staff
	$(PY) -m bench.long_scan

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
