"""A migrated database and a session on it, for each kind in ``databases.KINDS``; and a
small ruleset of our own (tests/store/rules), whose time limits the tests know."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset
from service.store.database import make_engine, upgrade
from tests.store.databases import KINDS, fresh_url

NOW = dt.datetime(2026, 3, 2, 10, 30, tzinfo=dt.UTC)
RULES = Path(__file__).resolve().parent / "rules"


@pytest.fixture(scope="session")
def rules() -> Ruleset:
    return load_ruleset(RULES)


@pytest.fixture(params=KINDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with fresh_url(request.param, tmp_path) as url:
        engine = make_engine(url)
        upgrade(engine)
        yield engine
        engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session
