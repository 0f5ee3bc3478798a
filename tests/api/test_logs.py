"""Logs never carry case data: no profile value, case reference or note, at any level, even
with SQL logging on; and the access log loses its query strings."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.logs import HideQuery, hide_query_strings
from tests.api.conftest import Keyring, store_settings
from tests.api.test_database_down import nowhere

CASE_REF, NOTE, AGE = "2026-4417", "met at the shelter gate", 37


def test_a_whole_case_leaves_no_trace_in_the_logs(tmp_path: Path,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    app = create_app(store_settings(f"sqlite:///{tmp_path / 'a.db'}"))
    with TestClient(app) as client:
        me = Keyring(app)()
        body = {"case_ref": CASE_REF, "profile": {"age": AGE, "trafficked": True,
                                                  "gender": "female"}}
        screening = client.post("/v1/screenings", json=body, headers=me).json()
        claim = client.post("/v1/claims", headers=me, json={
            "screening_id": screening["id"], "entitlement": "compensation", "note": NOTE}).json()
        client.post(f"/v1/claims/{claim['id']}/events", headers=me,
                    json={"to_status": "documents_ready", "note": NOTE})
        client.get("/v1/claims", params={"case_ref": CASE_REF}, headers=me)
        client.post("/v1/screenings", json=body | {"case_ref": "Priya"}, headers=me)
    # The service's own logs (httpx's are the test client's, on the caller's side).
    ours = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("httpx"))
    assert "INSERT INTO claim_events" in ours  # SQL was logged, without its values
    for secret in (CASE_REF, NOTE, "Priya", "shelter gate"):
        assert secret not in ours


def test_a_database_failure_is_logged_without_its_url(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    with TestClient(create_app(store_settings(nowhere()))) as client:
        client.get("/readyz")
    assert "database unavailable" in caplog.text


def test_the_access_log_drops_query_strings() -> None:
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1,
                               '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", f"/v1/claims?case_ref={CASE_REF}",
                                "1.1", 200), None)
    assert HideQuery().filter(record)
    assert CASE_REF not in record.getMessage() and "/v1/claims?..." in record.getMessage()
    hide_query_strings()
    hide_query_strings()
    access = logging.getLogger("uvicorn.access")
    assert sum(isinstance(f, HideQuery) for f in access.filters) == 1
