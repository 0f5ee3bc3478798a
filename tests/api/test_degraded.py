"""Degraded modes: a database that holds every query, and an SQLite folder that cannot be
made. Eligibility serves; storage answers 503; /readyz answers at once and says why."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.conftest import store_settings

WOMAN = {"profile": {"trafficked": True, "gender": "female", "age": 30}}


def test_readyz_does_not_wait_for_a_database_that_holds_every_query(tmp_path: Path) -> None:
    path = tmp_path / "held.db"
    app = create_app(store_settings(f"sqlite:///{path}", ready_timeout_seconds=0.5))
    with TestClient(app) as client:
        assert client.get("/readyz").json()["status"] == "ready"
        # Another process takes the file's write lock and keeps it (the service's queries
        # then wait out SQLite's 10 s busy timeout).
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            r = client.get("/readyz")
            assert r.status_code == 200
            assert r.json()["status"] == "degraded"
            assert "did not answer within 0.5 s" in r.json()["detail"]
        finally:
            other.execute("ROLLBACK")
            other.close()


def test_an_sqlite_folder_that_cannot_be_made_leaves_eligibility_serving(
        tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = create_app(store_settings(f"sqlite:///{blocker / 'data' / 'adhikar.db'}"))
    with TestClient(app) as client:
        assert client.post("/v1/eligibility", json=WOMAN).status_code == 200
        ready = client.get("/readyz").json()
        assert ready["status"] == "degraded"
        key = {"Authorization": "Bearer adk_0123abcd_" + "k" * 43}
        stored = client.get("/v1/screenings", headers=key)
        assert stored.status_code == 503 and stored.headers["retry-after"]


def test_limits_hold_per_worker_while_the_database_is_down(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = create_app(store_settings(f"sqlite:///{blocker / 'adhikar.db'}", rate_per_client=2))
    with TestClient(app) as client:
        codes = [client.post("/v1/eligibility", json=WOMAN).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
