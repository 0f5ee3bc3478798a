"""Claims over HTTP: opened from a screening, moved step by step, overdue with the office to
escalate to; and the lifecycle as a hypothesis state machine on every database."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import text

from api.app import create_app
from service.store import lifecycle
from service.store.claims import AMOUNT_OF
from tests.api.conftest import Keyring, store_settings
from tests.store.databases import KINDS, fresh_url

WOMAN = {"trafficked": True, "gender": "female", "age": 30}


def screen(client: TestClient, headers: dict[str, str], case_ref: str) -> dict[str, Any]:
    r = client.post("/v1/screenings", headers=headers, json={
        "case_ref": case_ref, "profile": WOMAN, "as_of": "2022-06-01", "district": "Purulia"})
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_a_caseworker_takes_a_claim_from_screening_to_payment(store_client: TestClient,
                                                              keyring: Keyring) -> None:
    me = keyring()
    screening = screen(store_client, me, "7000-1")
    eligible = [x["entitlement"] for x in screening["evaluation"]["results"]
                if x["status"] == "eligible"]
    assert eligible == ["compensation"]
    r = store_client.post("/v1/claims", headers=me, json={
        "screening_id": screening["id"], "entitlement": "compensation",
        "at": "2025-11-01T10:00:00Z", "note": "eligible at the first visit"})
    assert r.status_code == 201, r.text
    claim = r.json()
    assert (claim["case_ref"], claim["status"], claim["valid_from"], claim["office"]) == (
        "7000-1", "identified", "2020-01-01", "dlsa")
    assert claim["office_name"] == "District Legal Services Authority, Purulia"
    assert claim["allowed_moves"] == ["documents_ready", "rejected", "withdrawn"]
    url = f"/v1/claims/{claim['id']}/events"
    for to, at, amount in [("documents_ready", "2025-11-02", None),
                           ("applied", "2025-11-03", 100000)]:
        r = store_client.post(url, headers=me, json={"to_status": to, "at": at,
                                                     "amount": amount})
        assert r.status_code == 201, r.text
    claim = r.json()
    assert claim["due_at"] == "2026-01-03" and claim["overdue"] is True
    assert claim["deadline"]["label"] == "Enquiry and award"
    assert claim["deadline"]["cite"] == "Test Act s.5: within two months"
    office = claim["escalation"]["office"]
    assert office["id"] == "dlsa" and office["name"].endswith("Purulia")
    assert [o["id"] for o in office["escalates_to"]] == ["slsa", "nalsa"]
    overdue = store_client.get("/v1/claims", params={"overdue": "true"}, headers=me).json()
    assert claim["id"] in {c["id"] for c in overdue["data"]}
    assert all(c["escalation"] for c in overdue["data"])
    r = store_client.post(url, headers=me, json={"to_status": "sanctioned", "amount": 90000})
    claim = r.json()
    assert claim["escalation"] is None and claim["deadline"]["label"] == "Payment of the award"
    assert claim["deadline"]["starts"] == "sanctioned" and claim["deadline"]["ends"] == "received"
    r = store_client.post(url, headers=me, json={"to_status": "received", "amount": 90000})
    claim = r.json()
    assert (claim["status"], claim["amount_received"], claim["allowed_moves"]) == (
        "received", 90000, [])
    assert [(e["seq"], e["from_status"], e["to_status"]) for e in claim["history"]] == [
        (1, None, "identified"), (2, "identified", "documents_ready"),
        (3, "documents_ready", "applied"), (4, "applied", "sanctioned"),
        (5, "sanctioned", "received")]
    assert store_client.get(f"/v1/claims/{claim['id']}", headers=me).json() == claim


def test_an_illegal_move_is_409_with_the_allowed_moves(store_client: TestClient,
                                                       keyring: Keyring) -> None:
    me = keyring()
    claim = store_client.post("/v1/claims", headers=me, json={
        "case_ref": "7001-1", "entitlement": "compensation"}).json()
    r = store_client.post(f"/v1/claims/{claim['id']}/events", headers=me,
                          json={"to_status": "received"})
    assert r.status_code == 409
    body = r.json()
    assert body["code"] == "illegal_move" and body["current"] == "identified"
    assert body["allowed"] == ["documents_ready", "rejected", "withdrawn"]
    assert body["errors"][0]["loc"] == ["body", "to_status"]


@pytest.mark.parametrize(("body", "where"), [
    ({"to_status": "documents_ready", "amount": 10}, "amount"),
    ({"to_status": "documents_ready", "at": "2999-01-01T00:00:00Z"}, "at"),
    ({"to_status": "documents_ready", "note": "call 9876543210"}, "note"),
    ({"to_status": "documents_ready", "note": "x" * 501}, "note"),
    ({}, "body"),
    ({"to_status": "paid"}, "to_status"),
])
def test_bad_events_are_422_unechoed(store_client: TestClient, keyring: Keyring,
                                     body: dict[str, Any], where: str) -> None:
    me = keyring()
    claim = store_client.post("/v1/claims", headers=me, json={
        "case_ref": f"7002-{len(json.dumps(body))}",
        "entitlement": "compensation"}).json()
    r = store_client.post(f"/v1/claims/{claim['id']}/events", headers=me, json=body)
    assert r.status_code == 422, r.text
    assert where in r.json()["errors"][0]["loc"]
    assert "9876543210" not in r.text


@pytest.mark.parametrize(("body", "status"), [
    ({"case_ref": "7003-1", "entitlement": "no-such-entitlement"}, 422),
    ({"case_ref": "7003-1", "entitlement": "compensation", "as_of": "2001-01-01"}, 422),
    ({"entitlement": "compensation"}, 422),
    ({"case_ref": "7003-1", "entitlement": "compensation",
      "screening_id": "0" * 32}, 404),
])
def test_claims_the_rules_cannot_place(store_client: TestClient, keyring: Keyring,
                                       body: dict[str, Any], status: int) -> None:
    assert store_client.post("/v1/claims", json=body, headers=keyring()).status_code == status


def test_a_second_open_claim_for_the_same_entitlement_is_409(store_client: TestClient,
                                                             keyring: Keyring) -> None:
    body = {"case_ref": "7004-1", "entitlement": "compensation"}
    assert store_client.post("/v1/claims", json=body, headers=keyring()).status_code == 201
    r = store_client.post("/v1/claims", json=body, headers=keyring())
    assert r.status_code == 409 and r.json()["code"] == "claim_already_open"


# ---- the lifecycle, at random -------------------------------------------------------------


@pytest.fixture(params=KINDS)
def any_client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    with fresh_url(request.param, tmp_path) as url, \
            TestClient(create_app(store_settings(url))) as client:
        yield client


NOTES = st.none() | st.text(alphabet="abcdefghij .,", min_size=1, max_size=30)
AMOUNTS = st.none() | st.integers(0, 10**6)


def test_random_moves_never_break_the_lifecycle_or_rewrite_history(
        any_client: TestClient) -> None:
    app = any_client.app
    me = Keyring(app)()  # type: ignore[arg-type]
    engine = app.state.db.engine  # type: ignore[attr-defined]
    counter = iter(range(10**6))

    class Lifecycle(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            r = any_client.post("/v1/claims", headers=me, json={
                "case_ref": f"7005-{next(counter)}", "entitlement": "compensation"})
            assert r.status_code == 201, r.text
            self.id, self.status = r.json()["id"], "identified"
            self.events: list[str] = [json.dumps(e) for e in r.json()["history"]]
            self.rows = self._rows()

        def _rows(self) -> list[tuple[Any, ...]]:
            with engine.connect() as connection:
                return [tuple(row) for row in connection.execute(text(
                    "SELECT id, seq, at, recorded_at, from_status, to_status, note, amount, "
                    "key_id FROM claim_events WHERE claim_id = :c ORDER BY seq"),
                    {"c": self.id})]

        @rule(to=st.sampled_from(lifecycle.STATUSES), note=NOTES, amount=AMOUNTS)
        def move(self, to: str, note: str | None, amount: int | None) -> None:
            r = any_client.post(f"/v1/claims/{self.id}/events", headers=me,
                                json={"to_status": to, "note": note, "amount": amount})
            allowed = lifecycle.allowed_moves(self.status)
            if to not in allowed:
                assert r.status_code == 409, r.text
                assert r.json()["allowed"] == list(allowed)
                assert r.json()["current"] == self.status
            elif amount is not None and to not in AMOUNT_OF:
                assert r.status_code == 422, r.text
            else:
                assert r.status_code == 201, r.text
                self.status = to

        @rule(note=st.text(alphabet="abcdefghij .,", min_size=1, max_size=30))
        def note_only(self, note: str) -> None:
            r = any_client.post(f"/v1/claims/{self.id}/events", headers=me,
                                json={"note": note})
            assert r.status_code == 201, r.text

        @invariant()
        def legal_and_append_only(self) -> None:
            claim = any_client.get(f"/v1/claims/{self.id}", headers=me).json()
            assert claim["status"] == self.status in lifecycle.STATUSES
            assert claim["allowed_moves"] == list(lifecycle.allowed_moves(self.status))
            history = claim["history"]
            assert [e["seq"] for e in history] == list(range(1, len(history) + 1))
            for before, after in itertools.pairwise(history):
                assert after["from_status"] == before["to_status"]
                assert after["to_status"] == after["from_status"] or \
                    after["to_status"] in lifecycle.allowed_moves(after["from_status"])
            seen = [json.dumps(e) for e in history]
            assert seen[:len(self.events)] == self.events, "an earlier event changed"
            rows = self._rows()
            assert rows[:len(self.rows)] == self.rows, "an earlier row changed"
            self.events, self.rows = seen, rows

    run_state_machine_as_test(Lifecycle, settings=settings(
        max_examples=25, stateful_step_count=15, deadline=None,
        suppress_health_check=[HealthCheck.too_slow]))
    with engine.connect() as connection:
        statuses = {row[0] for row in connection.execute(text("SELECT status FROM claims"))}
    assert statuses <= set(lifecycle.STATUSES)
