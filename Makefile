# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install sysdeps demo test bench golden clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 'setuptools>=68' wheel
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

sysdeps:
	@bash .ci/sysdeps.sh

install: sysdeps $(STAMP)

demo: install
	$(BIN)/canvas build samples/*.yaml -o out

test: install
	$(BIN)/python -m pytest -q --durations=25

golden: install
	$(BIN)/python tests/golden.py

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf out build dist *.egg-info .pytest_cache
