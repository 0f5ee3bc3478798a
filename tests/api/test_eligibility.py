"""POST /v1/eligibility over HTTP, through the real app and the bundled rules."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.rules.ruleset import Ruleset

GIRL = {"age": 16, "gender": "female", "trafficked": True, "crime_victim": True,
        "residence_area": "rural", "in_school": True, "family_annual_income_inr": 60000,
        "sponsored_children_in_family": 0, "restored_from_institution": True}


def test_a_profile_gets_every_entitlement_with_the_ruleset_identity(
        client: TestClient, ruleset: Ruleset) -> None:
    r = client.post("/v1/eligibility", json={"profile": GIRL, "as_of": "2026-11-28",
                                             "district": "Purulia"})
    assert r.status_code == 200
    body = r.json()
    assert body["ruleset"]["digest"] == ruleset.digest == r.headers["x-ruleset-digest"]
    assert r.headers["x-ruleset-version"] == ruleset.version
    ids = {res["entitlement"] for res in body["results"]}
    assert ids == {e.id for e in ruleset.entitlements.values()
                   if e.version_on(__import__("datetime").date(2026, 11, 28))}
    sponsorship = next(x for x in body["results"] if x["entitlement"] == "child-sponsorship")
    assert sponsorship["status"] == "eligible"
    assert sponsorship["benefits"][0]["amount"] == 4000
    assert sponsorship["office"]["name"].endswith("Purulia")
    assert sum(body["counts"].values()) == len(body["results"])


def test_as_of_defaults_to_today(client: TestClient) -> None:
    from service.dates import india_today

    r = client.post("/v1/eligibility", json={"profile": {}})
    assert r.status_code == 200
    assert r.json()["as_of"] == india_today().isoformat()  # India's date, not the server's


def test_domain_filter_and_documents_held(client: TestClient) -> None:
    r = client.post("/v1/eligibility", json={
        "profile": {"released_from_bonded_labour": True}, "domains": ["livelihood"],
        "documents_held": ["release-certificate"], "as_of": "2026-11-28"})
    assert r.status_code == 200
    results = r.json()["results"]
    assert results and {x["domain"] for x in results} == {"livelihood"}
    bonded = next(x for x in results if x["entitlement"] == "bonded-labour-rehabilitation")
    held = {d["id"]: d["held"] for d in bonded["documents"]}
    assert held["release-certificate"] is True


SECRETS = ["Priya Kumari", "9876543210", "femal-day", "Flat 4 Gandhi Road"]


@pytest.mark.parametrize(("profile", "field", "allowed"), [
    ({"age": -3}, "age", "greater than or equal to 0"),
    ({"age": 121}, "age", "less than or equal to 120"),
    ({"age": "sixteen"}, "age", "whole number"),
    ({"age": 16.5}, "age", "whole number"),
    ({"gender": "femal"}, "gender", "'female'"),
    ({"trafficked": "yes"}, "trafficked", "boolean"),
    ({"harms_suffered": ["rape", "rape"]}, "harms_suffered", "repeat"),
    ({"age_in_years": 3}, "<field>", "GET /v1/facts"),  # invented: not repeated
    ({"is_child": True}, "is_child", "GET /v1/facts"),
])
def test_bad_profiles_name_the_field_and_what_is_allowed(
        client: TestClient, profile: dict[str, object], field: str, allowed: str) -> None:
    r = client.post("/v1/eligibility", json={"profile": profile})
    assert r.status_code == 422
    body = r.json()
    item = next(e for e in body["errors"] if e["loc"][-1] == field or field in e["loc"])
    assert allowed in item["msg"]
    assert "input" not in json.dumps(body).lower() or "input should" in json.dumps(body).lower()


@pytest.mark.parametrize("field", ["name", "phone", "mobile_number", "address", "aadhaar",
                                   "father_name", "email"])
def test_identity_data_is_refused_and_never_echoed(client: TestClient, field: str) -> None:
    r = client.post("/v1/eligibility", json={"profile": {field: "Priya Kumari 9876543210"}})
    assert r.status_code == 422
    assert r.json()["errors"][0]["type"] == "identity_not_allowed"
    assert "Priya" not in r.text and "9876543210" not in r.text


def test_422_never_echoes_submitted_values(client: TestClient) -> None:
    body = {"profile": {"age": "Priya Kumari", "gender": "9876543210",
                        "state": "Flat 4 Gandhi Road"}, "as_of": "femal-day",
            "district": "Flat 4 Gandhi Road, 9876543210"}
    r = client.post("/v1/eligibility", json=body)
    assert r.status_code == 422
    for secret in SECRETS:
        assert secret not in r.text
    assert {tuple(e["loc"][-1:]) for e in r.json()["errors"]} >= {
        ("age",), ("gender",), ("state",), ("as_of",), ("district",)}


def test_invented_keys_that_look_like_data_are_not_echoed(client: TestClient) -> None:
    r = client.post("/v1/eligibility", json={"profile": {"Priya Kumari, 9876543210": 1}})
    assert r.status_code == 422
    assert "Priya" not in r.text and "<field>" in r.text


@pytest.mark.parametrize("raw", [b"{", b"[]", b"null", b"\"x\"", b"{\"profile\": 3}",
                                 b"\xff\xfe", b"{\"profile\": {\"age\": 1e400}}"])
def test_malformed_bodies_are_422_not_500(client: TestClient, raw: bytes) -> None:
    r = client.post("/v1/eligibility", content=raw,
                    headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "invalid_request"


def test_a_large_body_is_413_even_without_content_length(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"profile": {}, "pad": "'
        for _ in range(80):
            yield b"x" * 1024
        yield b'"}'

    r = client.post("/v1/eligibility", content=chunks(),
                    headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["code"] == "body_too_large"


def test_a_declared_large_body_is_413(client: TestClient) -> None:
    r = client.post("/v1/eligibility", content=b"{}" + b" " * (70 * 1024),
                    headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_a_body_just_under_the_limit_is_read(client: TestClient) -> None:
    body = json.dumps({"profile": {}}).encode()
    body = body[:-1] + b" " * (64 * 1024 - len(body)) + b"}"
    r = client.post("/v1/eligibility", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200


def test_a_brief_answer_is_the_full_one_in_short(client: TestClient) -> None:
    body = {"profile": GIRL, "as_of": "2026-11-28", "district": "Purulia",
            "documents_held": ["birth-certificate"]}
    full = client.post("/v1/eligibility", json=body)
    brief = client.post("/v1/eligibility", json={**body, "detail": "brief"})
    assert full.status_code == brief.status_code == 200
    assert len(brief.content) * 10 < len(full.content)
    by_id = {r["entitlement"]: r for r in full.json()["results"]}
    shorts = brief.json()["results"]
    assert [r["entitlement"] for r in shorts] == list(by_id)
    for short in shorts:
        long = by_id[short["entitlement"]]
        assert short["status"] == long["status"]
        assert short.get("missing", []) == long["missing"]
        if long["status"] == "not_eligible":
            assert set(short) == {"entitlement", "title", "status"}
            continue
        assert short["office"] == long["office"]["name"]
        assert short.get("missing_documents", 0) == sum(not d["held"]
                                                        for d in long["documents"])
    assert brief.json()["counts"] == full.json()["counts"]
