"""The databases the storage tests run on: SQLite always (a file in tmp_path), PostgreSQL
when TEST_DATABASE_URL is set (each test in a fresh schema, dropped afterwards)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

PG = os.environ.get("TEST_DATABASE_URL")
KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG, reason="TEST_DATABASE_URL is not set"))]


@contextmanager
def fresh_url(kind: str, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database of ``kind``; gone again afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / f'{uuid.uuid4().hex[:8]}.db'}"
        return
    assert PG is not None
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = make_url(PG).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()
