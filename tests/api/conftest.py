"""Apps with a database: the storage test rules (tests/store/rules, whose time limits the
tests know), a fresh SQLite file per module, and keys made on demand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from service.store import keys
from tests.store.conftest import RULES as STORE_RULES

Headers = dict[str, str]


class Keyring:
    """One key per (organisation, role), made the first time it is asked for."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._made: dict[tuple[str, str], Headers] = {}

    def __call__(self, org: str = "sanjog", role: str = "caseworker") -> Headers:
        if (org, role) not in self._made:
            self._made[(org, role)] = {"Authorization": f"Bearer {self.key(org, role)}"}
        return self._made[(org, role)]

    def key(self, org: str, role: str) -> str:
        with self.app.state.db.session() as session:
            return keys.create(session, org=org, role=role, label="test",
                               now=dt.datetime.now(dt.UTC)).key


def store_settings(url: str, rules: Path = STORE_RULES, **kw: object) -> Settings:
    return Settings(rules_dir=rules, database_url=url, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def store_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'api.db'}"
    with TestClient(create_app(store_settings(url))) as client:
        yield client


@pytest.fixture(scope="module")
def keyring(store_client: TestClient) -> Keyring:
    app: FastAPI = store_client.app  # type: ignore[assignment]
    return Keyring(app)
