# Two commands on a fresh machine with Python 3.11 and make:
#   make run    serve the API on 127.0.0.1:8000 with the bundled rules; screenings and claims
#               go to data/adhikar.db (SQLite), or to DATABASE_URL, migrated at start
#   make test   run every test (storage tests on PostgreSQL too when TEST_DATABASE_URL is set)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test migrate openapi catalogue schema lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev]'
	touch $@

run: install
	$(VENV)/bin/uvicorn api.app:create_app --factory --host $(HOST) --port $(PORT) \
		--no-server-header --timeout-keep-alive 5 --limit-concurrency 100 \
		--timeout-graceful-shutdown 30

test: install
	$(PY) -m pytest

migrate: install
	$(VENV)/bin/alembic upgrade head

openapi: install
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
