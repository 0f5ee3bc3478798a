"""POST /v1/compensation-routes over HTTP: the router on its own app, over the bundled rules.

The app here is FastAPI() with the compensation router and the error handlers, and the ruleset
given through the dependency that the real app provides (api.deps.get_ruleset).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api import errors, schemas
from api.deps import get_ruleset
from api.routers import compensation
from service.dates import india_today
from service.rules.ruleset import Ruleset
from tests.compensation.test_cases import CHILD, STRADDLE


@pytest.fixture(scope="module")
def client(ruleset: Ruleset) -> Iterator[TestClient]:
    app = FastAPI()
    profile = schemas.profile_model(ruleset)
    app.include_router(compensation.build(compensation.request_model(ruleset, profile)))
    errors.install(app)
    app.dependency_overrides[get_ruleset] = lambda: ruleset
    with TestClient(app) as c:
        yield c


def test_a_case_gets_every_route(client: TestClient, ruleset: Ruleset) -> None:
    r = client.post("/v1/compensation-routes", json={
        "profile": STRADDLE, "as_of": "2024-09-15", "documents_held": ["fir-copy"],
        "district": "Purulia"})
    assert r.status_code == 200
    body = r.json()
    assert body["ruleset"]["digest"] == ruleset.digest
    assert body["counts"] == {"open": 4, "not_yet_open": 0, "needs_info": 0, "closed": 7}
    direct = next(x for x in body["routes"] if x["id"] == "victim-compensation/direct-application")
    assert direct["version"]["dated_by"] == "application_date"
    assert direct["time_limits"][0]["due"] == "2024-10-20"
    assert direct["forum"]["name"] == "District Legal Services Authority, Purulia"
    assert {d["id"]: d["held"] for d in direct["documents"]}["fir-copy"] is True
    assert body["facts"]["offence_date"] == "2024-03-10"


def test_interactions_and_events_in_json(client: TestClient) -> None:
    r = client.post("/v1/compensation-routes", json={"profile": CHILD, "as_of": "2025-06-01"})
    assert r.status_code == 200
    final = next(x for x in r.json()["routes"] if x["id"] == "pocso-compensation/final")
    assert final["status"] == "not_yet_open"
    assert final["opens_on"][0]["awaited"] is True
    assert {"how": "adjusted_in_final", "from_route": "pocso-compensation/interim",
            "into_route": "pocso-compensation/final"}.items() <= final["offsets"][0].items()


def test_as_of_defaults_to_today(client: TestClient) -> None:
    r = client.post("/v1/compensation-routes", json={"profile": {}})
    assert r.status_code == 200
    assert r.json()["as_of"] == india_today().isoformat()  # India's date, not the server's
    assert r.json()["counts"]["needs_info"] == 11


SECRETS = ["Priya Kumari", "9876543210", "Flat 4 Gandhi Road"]


def test_errors_use_the_envelope_and_never_echo_values(client: TestClient) -> None:
    r = client.post("/v1/compensation-routes", json={
        "profile": {"offence_date": "Priya Kumari", "case_outcome": "9876543210",
                    "name": "Priya Kumari"},
        "district": "Flat 4 Gandhi Road, 9876543210", "domains": ["legal"]})
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "invalid_request"
    kinds = {tuple(e["loc"]): e["type"] for e in body["errors"]}
    assert kinds[("body", "profile", "<field>")] == "identity_not_allowed"
    assert kinds[("body", "<field>")] == "extra_forbidden"  # no domains on this request
    assert ("body", "profile", "offence_date") in kinds and ("body", "district") in kinds
    for secret in SECRETS:
        assert secret not in r.text


@pytest.mark.parametrize("raw", [b"{", b"[]", b"null", b"{\"profile\": 3}", b"\xff\xfe"])
def test_malformed_bodies_are_422(client: TestClient, raw: bytes) -> None:
    r = client.post("/v1/compensation-routes", content=raw,
                    headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["code"] == "invalid_request"
