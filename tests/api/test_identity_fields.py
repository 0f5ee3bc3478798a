"""Over HTTP, the fields that could carry who she is take only what cannot: a closing reason
from a closed list, a case reference that is a code, a district that is a place's name. Each
refusal is a 422 that names the field and says what fits, never repeating what was sent;
the contract carries the same patterns and lists."""

from __future__ import annotations

import zlib
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.store import privacy, reasons
from tests.api.conftest import Keyring

WOMAN = {"trafficked": True, "gender": "female", "age": 30}
SCREENING = {"profile": WOMAN, "as_of": "2022-06-01", "district": "Purulia"}


def _claim(client: TestClient, me: dict[str, str], case_ref: str) -> str:
    r = client.post("/v1/claims", headers=me, json={"case_ref": case_ref,
                                                    "entitlement": "compensation"})
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


@pytest.mark.parametrize(("to", "reason"), [("rejected", "time_limit_passed"),
                                            ("withdrawn", "survivor_chose"),
                                            ("withdrawn", "other")])
def test_a_claim_closes_with_a_reason_from_the_list(store_client: TestClient,
                                                    keyring: Keyring, to: str,
                                                    reason: str) -> None:
    me = keyring()
    claim = _claim(store_client, me, f"5100-{len(to)}{len(reason)}")
    r = store_client.post(f"/v1/claims/{claim}/events", headers=me,
                          json={"to_status": to, "reason": reason, "note": "told at the DLSA"})
    assert r.status_code == 201, r.text
    last = r.json()["history"][-1]
    assert (last["to_status"], last["reason"], last["note"]) == (to, reason,
                                                                 "told at the DLSA")


@pytest.mark.parametrize(("body", "allowed"), [
    ({"to_status": "rejected", "reason": "Priya Sharma lied"}, "documents_incomplete"),
    ({"to_status": "rejected", "reason": 3}, "documents_incomplete"),
    ({"to_status": "rejected", "reason": "moved_away"}, "documents_incomplete"),
    ({"to_status": "withdrawn", "reason": "duplicate_claim"}, "survivor_chose"),
    ({"to_status": "documents_ready", "reason": "other"}, "rejected or withdrawn"),
])
def test_any_other_reason_is_a_422_naming_the_field_and_the_allowed_values(
        store_client: TestClient, keyring: Keyring, body: dict[str, Any],
        allowed: str) -> None:
    me = keyring()
    claim = _claim(store_client, me, f"{zlib.crc32(repr(body).encode()) % 10**8}")
    r = store_client.post(f"/v1/claims/{claim}/events", headers=me, json=body)
    assert r.status_code == 422, r.text
    [error] = r.json()["errors"]
    assert error["loc"][-1] == "reason" and allowed in r.text
    assert "Priya" not in r.text
    history = store_client.get(f"/v1/claims/{claim}", headers=me).json()["history"]
    assert len(history) == 1


@pytest.mark.parametrize("case_ref", ["PriyaSharma-2026", "PRIYA SHARMA 2026", "priya-1",
                                      "PRIYA-1", "SNJ-2026-0142", "SNJ-Priya-1",
                                      "98765-43210", "cwc:purulia:17"])
def test_a_case_ref_that_is_not_a_code_is_refused(store_client: TestClient,
                                                  keyring: Keyring, case_ref: str) -> None:
    me = keyring()
    for path, body in (("/v1/screenings", SCREENING),
                       ("/v1/claims", {"entitlement": "compensation"})):
        r = store_client.post(path, headers=me, json=body | {"case_ref": case_ref})
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["loc"] == ["body", "case_ref"]
        assert "2026-0142" in r.text and case_ref not in r.text
        assert "Priya" not in r.text and "98765" not in r.text


@pytest.mark.parametrize("district", ["Priya Sharma daughter of Ramesh Kumar",
                                      "Priya d/o Ramesh", "wife of Ramesh",
                                      "Rampur 756001", "9876543210"])
def test_a_district_that_could_hold_a_person_is_refused(store_client: TestClient,
                                                        keyring: Keyring,
                                                        district: str) -> None:
    me = keyring()
    for path, body in (("/v1/eligibility", {"profile": WOMAN}),
                       ("/v1/screenings", SCREENING | {"case_ref": "2026-0142"}),
                       ("/v1/claims", {"entitlement": "compensation",
                                       "case_ref": "6000-1"})):
        r = store_client.post(path, headers=me, json=body | {"district": district})
        assert r.status_code == 422, (path, r.text)
        assert r.json()["errors"][0]["loc"] == ["body", "district"]
        assert "Purulia" in r.text or "relation" in r.text
        assert district not in r.text and "Priya" not in r.text


def test_a_real_district_with_a_number_is_taken(store_client: TestClient,
                                                keyring: Keyring) -> None:
    r = store_client.post("/v1/eligibility", headers=keyring(),
                          json={"profile": WOMAN, "district": "North 24 Parganas"})
    assert r.status_code == 200, r.text


def test_the_contract_carries_the_patterns_and_the_reasons(store_client: TestClient) -> None:
    schemas = store_client.get("/openapi.json").json()["components"]["schemas"]
    event = schemas["ClaimEventCreate"]["properties"]
    listed = next(s for s in event["reason"]["anyOf"] if "enum" in s)["enum"]
    assert listed == list(reasons.ALL)
    claim = schemas["ClaimCreate"]["properties"]
    refs = [s for s in claim["case_ref"]["anyOf"] if s.get("type") == "string"]
    assert refs[0]["pattern"] == privacy.CASE_REF_PATTERN
    districts = [s for s in claim["district"]["anyOf"] if s.get("type") == "string"]
    assert districts[0]["pattern"] == privacy.DISTRICT_PATTERN
    assert districts[0]["maxLength"] == privacy.DISTRICT_MAX
