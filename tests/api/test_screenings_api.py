"""POST/GET /v1/screenings and the rerun, over HTTP."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.app import create_app
from api.holder import Serving
from tests.api.conftest import Keyring, store_settings
from tests.store.conftest import RULES

WOMAN = {"trafficked": True, "gender": "female", "age": 30}
BODY = {"case_ref": "2026-0142", "profile": WOMAN, "as_of": "2026-03-01",
        "district": "Purulia"}


def test_a_screening_is_stored_and_read_back_as_answered(store_client: TestClient,
                                                         keyring: Keyring) -> None:
    me = keyring()
    r = store_client.post("/v1/screenings", json=BODY, headers=me)
    assert r.status_code == 201, r.text
    made = r.json()
    assert len(made["id"]) == 32 and made["org"] == "sanjog" and made["rerun_of"] is None
    assert made["ruleset"]["digest"] == r.headers["x-ruleset-digest"]
    assert made["profile"] == WOMAN and made["district"] == "Purulia"
    eligibility = store_client.post("/v1/eligibility", json={
        k: v for k, v in BODY.items() if k != "case_ref"}).json()
    assert made["evaluation"] == eligibility
    again = store_client.get(f"/v1/screenings/{made['id']}", headers=me)
    assert again.status_code == 200 and again.json() == made


def test_a_screening_shares_the_results_the_service_keeps(
        store_client: TestClient, keyring: Keyring, monkeypatch: pytest.MonkeyPatch) -> None:
    holder = store_client.app.state.rules  # type: ignore[attr-defined]
    monkeypatch.setattr(holder, "serving", Serving(holder.current))  # stores empty
    r = store_client.post("/v1/screenings", json=BODY | {"case_ref": "2026-0077"},
                          headers=keyring())
    assert r.status_code == 201
    assert holder.serving.parts.results_kept()  # worked out once, for the answers after it too


def test_a_case_lists_its_screenings(store_client: TestClient, keyring: Keyring) -> None:
    me = keyring()
    body = BODY | {"case_ref": "2026-0021"}
    ids = [store_client.post("/v1/screenings", json=body, headers=me).json()["id"]
           for _ in range(3)]
    r = store_client.get("/v1/screenings", params={"case_ref": "2026-0021"},
                         headers=me)
    assert r.status_code == 200
    assert r.json()["count"] == 3 and {s["id"] for s in r.json()["data"]} == set(ids)
    assert "profile" not in r.json()["data"][0]
    page = store_client.get("/v1/screenings", params={"case_ref": "2026-0021",
                                                      "limit": 2, "offset": 2}, headers=me)
    assert len(page.json()["data"]) == 1


def test_a_case_stored_under_the_earlier_code_is_still_found_and_erased(
        store_client: TestClient, keyring: Keyring) -> None:
    # Until 2026-12 a reference was a code of capitals and a number; records stored so keep
    # it. No new record takes that shape, but a filter and an erasure still name it.
    me = keyring()
    made = store_client.post("/v1/screenings", json=BODY | {"case_ref": "2026-0051"},
                             headers=me).json()
    with store_client.app.state.db.session() as session:  # type: ignore[attr-defined]
        session.execute(text("UPDATE screenings SET case_ref = 'SNJ-OLD-51' WHERE id = :id"),
                        {"id": made["id"]})
        session.commit()
    again = store_client.post("/v1/screenings", json=BODY | {"case_ref": "SNJ-OLD-51"},
                              headers=me)
    assert again.status_code == 422 and "SNJ-OLD-51" not in again.text
    found = store_client.get("/v1/screenings", params={"case_ref": "SNJ-OLD-51"}, headers=me)
    assert found.status_code == 200 and [s["id"] for s in found.json()["data"]] == [made["id"]]
    assert store_client.get("/v1/screenings", params={"case_ref": "snj-old-51"},
                            headers=me).status_code == 422
    erased = store_client.delete("/v1/cases/SNJ-OLD-51", headers=keyring(role="admin"))
    assert erased.status_code == 200 and erased.json()["screenings"] == 1
    assert store_client.get(f"/v1/screenings/{made['id']}", headers=me).status_code in (404, 410)


@pytest.mark.parametrize("case_ref", ["Priya", "Priya Kumari", "9876543210", "+919876543210",
                                      "priya@example.org", "x" * 65])
def test_case_refs_that_could_identify_her_are_refused_unechoed(
        store_client: TestClient, keyring: Keyring, case_ref: str) -> None:
    r = store_client.post("/v1/screenings", json=BODY | {"case_ref": case_ref},
                          headers=keyring())
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "case_ref"]
    assert case_ref not in r.text


def test_identity_data_in_the_profile_is_refused(store_client: TestClient,
                                                 keyring: Keyring) -> None:
    r = store_client.post("/v1/screenings", json=BODY | {"profile": WOMAN | {
        "name": "Priya Kumari"}}, headers=keyring())
    assert r.status_code == 422 and r.json()["errors"][0]["type"] == "identity_not_allowed"
    assert "Priya" not in r.text


def test_a_rerun_uses_the_rules_now_serving(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    app = create_app(store_settings(f"sqlite:///{tmp_path / 'a.db'}", rules))
    with TestClient(app) as client:
        keyring = Keyring(app)
        me, admin = keyring(), keyring("state", "admin")
        made = client.post("/v1/screenings", json=BODY, headers=me).json()
        same = client.post(f"/v1/screenings/{made['id']}/rerun", headers=me)
        assert same.status_code == 201 and same.json()["changes"] == []
        path = rules / "legal" / "compensation.yaml"
        path.write_text(path.read_text().replace("amount: 150000", "amount: 175000"))
        assert client.post("/v1/ruleset/reload", headers=me).status_code == 403
        assert client.post("/v1/ruleset/reload", headers=admin).status_code == 200
        r = client.post(f"/v1/screenings/{made['id']}/rerun", headers=me)
        assert r.status_code == 201
        body = r.json()
        assert body["previous"]["id"] == made["id"]
        assert body["screening"]["rerun_of"] == made["id"]
        assert body["screening"]["as_of"] == made["as_of"]
        assert body["screening"]["ruleset"]["digest"] != made["ruleset"]["digest"]
        [change] = body["changes"]
        assert change["entitlement"] == "compensation"
        assert change["status_before"] == change["status_after"] == "eligible"
        assert [(b["before"]["amount"], b["after"]["amount"]) for b in change["benefits"]] == [
            (150000, 175000)]
        old = client.get(f"/v1/screenings/{made['id']}", headers=me).json()
        assert old == made  # the first answer stays as it was given
