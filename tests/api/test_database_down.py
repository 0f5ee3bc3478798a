"""When the database does not answer: eligibility and the catalogue still serve, screenings,
claims and reports answer 503 in the usual envelope, and /readyz says why (still 200)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from service.store.database import make_engine
from tests.api.conftest import Keyring, store_settings

WOMAN = {"trafficked": True, "gender": "female", "age": 30}
A_KEY = {"Authorization": "Bearer adk_0123abcd_" + "k" * 43}
STORAGE = [("POST", "/v1/screenings", {"case_ref": "8000-1", "profile": WOMAN}),
           ("GET", "/v1/screenings?case_ref=8000-1", None),
           ("GET", "/v1/screenings/" + "0" * 32, None),
           ("POST", "/v1/claims", {"case_ref": "8000-1", "entitlement": "compensation"}),
           ("GET", "/v1/claims?overdue=true", None),
           ("POST", "/v1/claims/" + "0" * 32 + "/events", {"to_status": "withdrawn"}),
           ("GET", "/v1/reports/funnel", None), ("GET", "/v1/reports/funnel.csv", None)]
OPEN = [("POST", "/v1/eligibility", {"profile": WOMAN}), ("GET", "/v1/entitlements", None),
        ("GET", "/v1/facts", None), ("GET", "/v1/ruleset", None)]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again once the socket is


def nowhere() -> str:
    return f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/test"


def assert_degraded(client: TestClient, headers: dict[str, str]) -> None:
    for method, url, body in OPEN:
        assert client.request(method, url, json=body).status_code == 200, url
    for method, url, body in STORAGE:
        r = client.request(method, url, json=body, headers=headers)
        assert r.status_code == 503, (method, url, r.text)
        assert r.json()["code"] == "storage_unavailable" and r.headers["retry-after"]
        assert "postgres" not in r.text and "127.0.0.1" not in r.text
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "degraded" and "database" in ready.json()["detail"]


def test_a_database_that_never_answered(tmp_path: Path) -> None:
    with TestClient(create_app(store_settings(nowhere()))) as client:
        assert_degraded(client, A_KEY)
        assert client.get("/v1/claims").status_code == 401  # no key: said before anything


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    return create_app(store_settings(f"sqlite:///{tmp_path / 'a.db'}", require_key=True))


def test_a_database_that_goes_away_and_comes_back(app: FastAPI) -> None:
    with TestClient(app) as client:
        me = Keyring(app)()
        assert client.post("/v1/screenings", json=STORAGE[0][2], headers=me).status_code == 201
        assert client.get("/readyz").json()["status"] == "ready"
        db = app.state.db
        working, db.retry_seconds = db.engine, 0
        db.engine = make_engine(nowhere())  # the database goes away
        for method, url, body in OPEN:      # a key checked lately still opens eligibility
            assert client.request(method, url, json=body, headers=me).status_code == 200
            assert client.request(method, url, json=body, headers=A_KEY).status_code == 503
        assert_degraded_storage(client, me)
        db.engine.dispose()
        db.engine = working                 # and comes back
        assert client.get("/readyz").json()["status"] == "ready"
        assert client.post("/v1/screenings", json=STORAGE[0][2], headers=me).status_code == 201


def assert_degraded_storage(client: TestClient, headers: dict[str, str]) -> None:
    for method, url, body in STORAGE:
        assert client.request(method, url, json=body, headers=headers).status_code == 503
    assert client.get("/readyz").json()["status"] == "degraded"
