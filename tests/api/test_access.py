"""Who may see what. A caseworker sees only her organisation's screenings and claims: any
other id is a 404, the same as no record at all, and list filters find nothing of another
organisation. Analysts see reports, not records. Keys can be revoked at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.conftest import Keyring, store_settings

WOMAN = {"trafficked": True, "gender": "female", "age": 30}
MISSING = "0" * 32


@pytest.fixture(scope="module")
def theirs(store_client: TestClient, keyring: Keyring) -> dict[str, str]:
    """A screening and a claim of another organisation ("elsewhere")."""
    them = keyring("elsewhere")
    screening = store_client.post("/v1/screenings", headers=them, json={
        "case_ref": "2026-0011", "profile": WOMAN}).json()
    claim = store_client.post("/v1/claims", headers=them, json={
        "screening_id": screening["id"], "entitlement": "compensation"}).json()
    return {"screening": screening["id"], "claim": claim["id"], "case_ref": "2026-0011"}


def by_id(ids: dict[str, str], screening: str | None = None,
          claim: str | None = None) -> list[tuple[str, str, dict[str, Any] | None]]:
    s, c = screening or ids["screening"], claim or ids["claim"]
    return [
        ("GET", f"/v1/screenings/{s}", None),
        ("POST", f"/v1/screenings/{s}/rerun", None),
        ("GET", f"/v1/claims/{c}", None),
        ("POST", f"/v1/claims/{c}/events", {"to_status": "withdrawn"}),
        ("POST", f"/v1/claims/{c}/events", {"note": "looked"}),
        ("POST", "/v1/claims", {"screening_id": s, "entitlement": "compensation"}),
    ]


def test_another_organisations_records_look_like_none(
        store_client: TestClient, keyring: Keyring, theirs: dict[str, str]) -> None:
    me = keyring("sanjog")
    for (method, url, body), (_, missing_url, missing_body) in zip(
            by_id(theirs), by_id(theirs, MISSING, MISSING), strict=True):
        r = store_client.request(method, url, json=body, headers=me)
        absent = store_client.request(method, missing_url, json=missing_body, headers=me)
        assert r.status_code == absent.status_code == 404, (method, url, r.text)
        # The same problem; only the occurrence (the request id) differs.
        assert r.json() | {"instance": ""} == absent.json() | {"instance": ""}
    claim = store_client.get(f"/v1/claims/{theirs['claim']}", headers=keyring("elsewhere"))
    assert claim.json()["status"] == "identified" and len(claim.json()["history"]) == 1


def test_list_filters_find_nothing_of_another_organisation(
        store_client: TestClient, keyring: Keyring, theirs: dict[str, str]) -> None:
    me = keyring("sanjog")
    for url in ("/v1/screenings", "/v1/claims"):
        r = store_client.get(url, params={"case_ref": theirs["case_ref"]}, headers=me)
        assert r.status_code == 200 and r.json() == {"data": [], "count": 0}
        everything = store_client.get(url, params={"limit": 200}, headers=me).json()["data"]
        assert all(x["org"] == "sanjog" for x in everything)
    r = store_client.get("/v1/claims", params={"status": "identified",
                                               "entitlement": "compensation"}, headers=me)
    assert theirs["claim"] not in {c["id"] for c in r.json()["data"]}
    report = store_client.get("/v1/reports/funnel", headers=me).json()
    assert report["filters"]["organisation"] == "sanjog"


def test_an_admin_sees_every_organisation(store_client: TestClient, keyring: Keyring,
                                          theirs: dict[str, str]) -> None:
    admin = keyring("state", "admin")
    for method, url, body in by_id(theirs)[:3]:
        assert store_client.request(method, url, json=body, headers=admin).status_code in (
            200, 201)
    listed = store_client.get("/v1/claims", params={"case_ref": theirs["case_ref"]},
                              headers=admin).json()
    assert listed["count"] == 1


def test_analysts_see_reports_not_records(store_client: TestClient, keyring: Keyring,
                                          theirs: dict[str, str]) -> None:
    analyst = keyring("elsewhere", "analyst")
    calls = [*by_id(theirs), ("GET", "/v1/screenings", None), ("GET", "/v1/claims", None),
             ("POST", "/v1/screenings", {"case_ref": "2026-0012", "profile": WOMAN}),
             ("POST", "/v1/claims", {"case_ref": "2026-0012", "entitlement": "shelter"})]
    for method, url, body in calls:
        r = store_client.request(method, url, json=body, headers=analyst)
        assert r.status_code == 403, (method, url)
        assert r.json()["code"] == "role_not_allowed"
    assert store_client.get("/v1/reports/funnel", headers=analyst).status_code == 200
    assert store_client.get("/v1/reports/funnel.csv", headers=analyst).status_code == 200


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer nope"}, {"X-API-Key": "adk_00000000_" + "x" * 43},
    {"Authorization": "Basic dXNlcjpwYXNz"},
])
def test_no_key_or_a_bad_key_is_401(store_client: TestClient, headers: dict[str, str],
                                    theirs: dict[str, str]) -> None:
    for method, url, body in [*by_id(theirs), ("GET", "/v1/reports/funnel", None)]:
        r = store_client.request(method, url, json=body, headers=headers)
        assert r.status_code == 401, (method, url)
        assert r.headers["www-authenticate"] == "Bearer"


def test_the_key_may_come_in_x_api_key_and_is_refused_once_revoked(
        store_client: TestClient, keyring: Keyring) -> None:
    from service.store import keys
    key = keyring.key("sanjog", "caseworker")
    assert store_client.get("/v1/claims", headers={"X-API-Key": key}).status_code == 200
    with store_client.app.state.db.session() as session:  # type: ignore[attr-defined]
        row = next(r for r in keys.listing(session) if key.startswith(f"adk_{r.prefix}_"))
        keys.revoke(session, row.id, now=row.created_at)
    assert store_client.get("/v1/claims", headers={"X-API-Key": key}).status_code == 401


def test_eligibility_and_the_catalogue_can_require_a_key(tmp_path: Path) -> None:
    app = create_app(store_settings(f"sqlite:///{tmp_path / 'a.db'}", require_key=True))
    with TestClient(app) as client:
        analyst = Keyring(app)("sanjog", "analyst")
        for method, url, body in [("POST", "/v1/eligibility", {"profile": WOMAN}),
                                  ("GET", "/v1/entitlements", None),
                                  ("GET", "/v1/entitlements/shelter", None),
                                  ("GET", "/v1/facts", None), ("GET", "/v1/ruleset", None)]:
            assert client.request(method, url, json=body).status_code == 401, url
            assert client.request(method, url, json=body, headers=analyst).status_code == 200
        assert client.get("/readyz").status_code == 200
        assert client.get("/livez").status_code == 200
