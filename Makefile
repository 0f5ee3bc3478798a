# Two commands on a fresh machine with Python 3.11 and make:
#   make run    serve the API on 127.0.0.1:8000 with the bundled rules; screenings and claims
#               go to data/adhikar.db (SQLite), or to DATABASE_URL, migrated at start
#   make test   run every test (storage tests on PostgreSQL too when TEST_DATABASE_URL is set)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install lock run test test-fast migrate openapi catalogue schema lint bench clean

install: $(VENV)/.installed

# Exactly the versions in requirements.lock (with their hashes), then this project on top.
$(VENV)/.installed: pyproject.toml requirements.lock setup.py
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# The lock files, for Python 3.11: everything for development and CI, and the service alone
# (the image). Run after changing the dependencies in pyproject.toml.
lock: install
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	    --no-emit-index-url --no-emit-find-links --extra test --extra dev \
	    -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	    --no-emit-index-url --no-emit-find-links -o requirements-runtime.lock pyproject.toml

run: install
	$(VENV)/bin/adhikar serve --host $(HOST) --port $(PORT)

test: install
	$(PY) -m pytest

# The edit-test loop: no servers, no slow properties, no wheel builds; under a minute.
test-fast: install
	$(PY) -m pytest -m "not slow and not server" -q --ignore=tests/contract --ignore=tests/oracle

migrate: install
	$(VENV)/bin/alembic upgrade head

# The answers' examples are recorded from the service first (api/examples/record.py), then
# the contract is written with them.
openapi: install
	$(PY) -m api.examples.record
	$(PY) -m api.openapi > openapi.yaml

catalogue: install
	$(VENV)/bin/adhikar catalogue

schema: install
	$(VENV)/bin/adhikar schema

lint: install
	$(VENV)/bin/ruff check service api tests bench
	$(VENV)/bin/mypy

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache
