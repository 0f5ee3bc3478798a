"""The audit log: every read and write of case data, with the key, organisation, route,
record id and time, never the data; readable by admins only."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.conftest import Keyring, store_settings
from tests.api.test_screenings_api import BODY


def test_reads_and_writes_of_case_data_are_logged_without_the_data(tmp_path: Path) -> None:
    with TestClient(create_app(store_settings(f"sqlite:///{tmp_path / 'a.db'}"))) as client:
        keys = Keyring(client.app)  # type: ignore[arg-type]
        me, admin = keys("sanjog"), keys("sanjog", "admin")
        made = client.post("/v1/screenings", json=BODY, headers=me)
        assert made.status_code == 201
        screening = made.json()["id"]
        assert client.get(f"/v1/screenings/{screening}", headers=me).status_code == 200
        assert client.get("/v1/screenings", headers=me).status_code == 200
        other = keys("another-org")
        assert client.get(f"/v1/screenings/{screening}", headers=other).status_code == 404
        client.post("/v1/eligibility", json={"profile": BODY["profile"]})  # not case data
        log = client.get("/v1/audit", headers=admin)
        assert log.status_code == 200
        entries = log.json()["data"]
        assert [(e["action"], e["object_id"], e["status"], e["org"]) for e in entries] == [
            ("GET /v1/screenings/{screening_id}", screening, 404, "another-org"),
            ("GET /v1/screenings", None, 200, "sanjog"),
            ("GET /v1/screenings/{screening_id}", screening, 200, "sanjog"),
            ("POST /v1/screenings", screening, 201, "sanjog"),
        ]
        assert all(e["key_id"] for e in entries)
        assert BODY["case_ref"] not in log.text  # no case reference, no profile
        only = client.get("/v1/audit?org=another-org", headers=admin).json()
        assert only["count"] == 1


def test_only_an_admin_reads_the_audit_log(store_client: TestClient, keyring: Keyring) -> None:
    assert store_client.get("/v1/audit").status_code == 401
    assert store_client.get("/v1/audit", headers=keyring()).status_code == 403
    assert store_client.get("/v1/audit", headers=keyring(role="analyst")).status_code == 403
    assert store_client.get("/v1/audit", headers=keyring(role="admin")).status_code == 200


def test_an_admin_erases_a_case_of_her_organisation(tmp_path: Path) -> None:
    with TestClient(create_app(store_settings(f"sqlite:///{tmp_path / 'a.db'}"))) as client:
        keys = Keyring(client.app)  # type: ignore[arg-type]
        me, admin = keys("sanjog"), keys("sanjog", "admin")
        screening = client.post("/v1/screenings", json=BODY, headers=me).json()["id"]
        claim = client.post("/v1/claims", headers=me, json={
            "case_ref": BODY["case_ref"], "entitlement": "compensation"})
        assert claim.status_code == 201, claim.text
        ref = BODY["case_ref"]
        assert client.delete(f"/v1/cases/{ref}", headers=me).status_code == 403
        assert client.delete(f"/v1/cases/{ref}",
                             headers=keys("another-org", "admin")).status_code == 404
        gone = client.delete(f"/v1/cases/{ref}", headers=admin)
        assert gone.status_code == 200
        assert (gone.json()["screenings"], gone.json()["claims"]) == (1, 1)
        assert gone.json()["events"] >= 1
        assert client.get(f"/v1/screenings/{screening}", headers=me).status_code == 404
        assert client.get(f"/v1/claims/{claim.json()['id']}", headers=me).status_code == 404
        assert client.get(f"/v1/screenings?case_ref={ref}", headers=me).json()["count"] == 0
        assert client.delete(f"/v1/cases/{ref}", headers=admin).status_code == 404
        actions = [e["action"] for e in client.get("/v1/audit", headers=admin).json()["data"]]
        assert "DELETE /v1/cases/{case_ref}" in actions
