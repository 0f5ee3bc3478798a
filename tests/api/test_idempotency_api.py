"""Idempotency-Key over HTTP, on SQLite and PostgreSQL: a retried POST gets the first answer
and creates nothing twice; the same key with another request is a 422 problem."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from api.app import create_app
from service.store.tables import IdempotencyKey
from tests.api.conftest import Keyring, store_settings
from tests.store.databases import KINDS, fresh_url

WOMAN = {"trafficked": True, "gender": "female", "age": 30}
JSON = "application/json"


@pytest.fixture(params=KINDS, scope="module")
def client(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with fresh_url(request.param, tmp_path_factory.mktemp("idem")) as url, \
            TestClient(create_app(store_settings(url))) as client:
        yield client


@pytest.fixture(scope="module")
def keyring(client: TestClient) -> Keyring:
    return Keyring(client.app)  # type: ignore[arg-type]


def _with(headers: dict[str, str], key: str) -> dict[str, str]:
    return headers | {"Idempotency-Key": key}


def test_a_retried_screening_is_made_once(client: TestClient, keyring: Keyring) -> None:
    me = _with(keyring(), "3f0c9a6e-screening-1")
    ask = {"case_ref": "4000-1", "profile": WOMAN}
    first = client.post("/v1/screenings", json=ask, headers=me)
    assert first.status_code == 201 and "idempotent-replayed" not in first.headers
    # The same request, its keys in another order: the same request.
    again = client.post("/v1/screenings", json=dict(reversed(ask.items())), headers=me)
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    listing = client.get("/v1/screenings", params={"case_ref": "4000-1"},
                         headers=keyring())
    assert listing.json()["count"] == 1


def test_without_a_key_each_post_creates(client: TestClient, keyring: Keyring) -> None:
    ask = {"case_ref": "4000-2", "profile": WOMAN}
    for _ in range(2):
        assert client.post("/v1/screenings", json=ask, headers=keyring()).status_code == 201
    listing = client.get("/v1/screenings", params={"case_ref": "4000-2"},
                         headers=keyring())
    assert listing.json()["count"] == 2


def test_the_same_key_with_another_request_is_a_422(client: TestClient,
                                                    keyring: Keyring) -> None:
    me = _with(keyring(), "3f0c9a6e-screening-3")
    assert client.post("/v1/screenings", json={"case_ref": "4000-3", "profile": WOMAN},
                       headers=me).status_code == 201
    r = client.post("/v1/screenings", json={"case_ref": "4000-3", "profile": {"age": 31}},
                    headers=me)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "idempotency_key_reused"
    # ... and so is the same key on another endpoint.
    r = client.post("/v1/claims", json={"case_ref": "4000-3", "entitlement": "shelter"},
                    headers=me)
    assert r.status_code == 422 and r.json()["code"] == "idempotency_key_reused"


def test_keys_are_per_api_key(client: TestClient, keyring: Keyring) -> None:
    ask = {"case_ref": "4000-4", "profile": WOMAN}
    for org in ("sanjog", "elsewhere"):
        r = client.post("/v1/screenings", json=ask,
                        headers=_with(keyring(org), "3f0c9a6e-screening-4"))
        assert r.status_code == 201 and "idempotent-replayed" not in r.headers


def test_a_retried_claim_and_event_are_made_once(client: TestClient,
                                                 keyring: Keyring) -> None:
    ask = {"case_ref": "4000-5", "entitlement": "compensation"}
    me = _with(keyring(), "3f0c9a6e-claim-5")
    first = client.post("/v1/claims", json=ask, headers=me)
    again = client.post("/v1/claims", json=ask, headers=me)  # without the key: a 409
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again.headers["location"] == first.headers[
        "location"]
    url = f"/v1/claims/{first.json()['id']}/events"
    move = _with(keyring(), "3f0c9a6e-event-5")
    for _ in range(3):
        r = client.post(url, json={"to_status": "documents_ready"}, headers=move)
        assert r.status_code == 201
    claim = client.get(f"/v1/claims/{first.json()['id']}", headers=keyring()).json()
    assert [e["to_status"] for e in claim["history"]] == ["identified", "documents_ready"]


def test_a_refused_first_request_is_not_kept(client: TestClient, keyring: Keyring) -> None:
    claim = client.post("/v1/claims", json={"case_ref": "4000-6",
                                            "entitlement": "compensation"},
                        headers=keyring()).json()
    url = f"/v1/claims/{claim['id']}/events"
    move = _with(keyring(), "3f0c9a6e-event-6")
    r = client.post(url, json={"to_status": "applied"}, headers=move)
    assert r.status_code == 409 and r.json()["code"] == "illegal_move"
    client.post(url, json={"to_status": "documents_ready"}, headers=keyring())
    r = client.post(url, json={"to_status": "applied"}, headers=move)  # now it may
    assert r.status_code == 201 and "idempotent-replayed" not in r.headers


@pytest.mark.parametrize("key", ["short", "has space in it", "x" * 129, "semi;colon;key"])
def test_a_malformed_key_is_a_422_naming_the_header(client: TestClient, keyring: Keyring,
                                                    key: str) -> None:
    r = client.post("/v1/screenings", json={"case_ref": "4000-7", "profile": WOMAN},
                    headers=keyring() | {"Idempotency-Key": key})
    assert r.status_code == 422 and r.json()["code"] == "invalid_request"
    assert r.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]


def test_the_contract_documents_the_header(client: TestClient) -> None:
    spec = client.app.openapi()  # type: ignore[attr-defined]
    for path in ("/v1/screenings", "/v1/claims", "/v1/claims/{claim_id}/events"):
        names = [p["name"] for p in spec["paths"][path]["post"]["parameters"]]
        assert "Idempotency-Key" in names, path


def test_an_invalid_first_body_does_not_hold_the_key(client: TestClient,
                                                     keyring: Keyring) -> None:
    me = _with(keyring(), "3f0c9a6e-screening-8")
    bad = client.post("/v1/screenings", json={"case_ref": "4000-8", "profile": {"age": -4}},
                      headers=me)
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_request"
    good = client.post("/v1/screenings", json={"case_ref": "4000-8", "profile": WOMAN},
                       headers=me)
    assert good.status_code == 201 and "idempotent-replayed" not in good.headers


def test_a_retry_after_its_case_was_erased_makes_nothing(client: TestClient,
                                                         keyring: Keyring) -> None:
    screen = _with(keyring(), "3f0c9a6e-screening-9")
    ask = {"case_ref": "4000-9", "profile": WOMAN}
    assert client.post("/v1/screenings", json=ask, headers=screen).status_code == 201
    open_ = _with(keyring(), "3f0c9a6e-claim-9")
    claim = client.post("/v1/claims", json={"case_ref": "4000-9",
                                            "entitlement": "compensation"}, headers=open_)
    move = _with(keyring(), "3f0c9a6e-event-9")
    url = f"/v1/claims/{claim.json()['id']}/events"
    assert client.post(url, json={"to_status": "documents_ready"}, headers=move).status_code \
        == 201
    erased = client.delete("/v1/cases/4000-9", headers=keyring(role="admin"))
    assert erased.status_code == 200 and erased.json()["claims"] == 1
    with client.app.state.db.session() as session:  # type: ignore[attr-defined]
        assert "4000-9" not in repr(session.exec(select(IdempotencyKey)).all())
    # Each retry is told, in a problem, and makes nothing again.
    for path, body, headers in (("/v1/screenings", ask, screen),
                                ("/v1/claims", claim.request.content, open_),
                                (url, {"to_status": "documents_ready"}, move)):
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        r = client.post(path, content=content, headers=headers | {"Content-Type": JSON})
        assert r.status_code == 410, path
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["code"] == "record_erased" and "SNJ" not in r.text
    for listing in ("/v1/screenings", "/v1/claims"):
        found = client.get(listing, params={"case_ref": "4000-9"}, headers=keyring())
        assert found.json()["count"] == 0, listing
    # A new key is a new request: the caseworker records the case again on purpose.
    again = client.post("/v1/screenings", json=ask,
                        headers=_with(keyring(), "3f0c9a6e-screening-9b"))
    assert again.status_code == 201 and "idempotent-replayed" not in again.headers
