"""Small holes the probe found: dates that overflow the calendar, repeated query parameters,
numbers written as text or true, and error bodies that repeat what the client made up."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import Keyring
from tests.api.test_claims_api import screen


@pytest.mark.parametrize("fact", ["application_date", "cwc_recommendation_date",
                                  "offence_date"])
def test_a_date_at_the_end_of_the_calendar_is_422_not_500(client: TestClient,
                                                           fact: str) -> None:
    profile = {"trafficked": True, "age": 15, "state": "odisha", fact: "9999-12-31"}
    r = client.post("/v1/compensation-routes", json={"profile": profile,
                                                     "as_of": "2026-11-28"})
    assert r.status_code == 422, r.text
    assert [e["loc"] for e in r.json()["errors"]] == [["body", "profile", fact]]
    assert "2199-12-31" in r.json()["errors"][0]["msg"]
    profile[fact] = "2199-12-31"  # the last day allowed still answers
    r = client.post("/v1/compensation-routes", json={"profile": profile,
                                                     "as_of": "2026-11-28"})
    assert r.status_code == 200, r.text


def test_as_of_far_in_the_future_is_422(client: TestClient) -> None:
    r = client.post("/v1/eligibility", json={"profile": {}, "as_of": "9999-12-31"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "as_of"]


def test_a_repeated_query_parameter_is_refused_by_name(client: TestClient) -> None:
    r = client.get("/v1/entitlements", params=[("domain", "legal"), ("domain", "livelihood")])
    assert r.status_code == 422
    assert r.json()["errors"] == [{"loc": ["query", "domain"], "type": "repeated_parameter",
                                   "msg": "give each query parameter once"}]
    # one the route does not take is refused too, without repeating its name
    r = client.get("/v1/entitlements", params=[("priya", "1"), ("priya", "2")])
    assert r.status_code == 422 and "priya" not in r.text


@pytest.mark.parametrize("amount", [True, False, "35", 35.5, "1e3"])
def test_amounts_are_json_numbers(store_client: TestClient, keyring: Keyring,
                                  amount: object) -> None:
    me = keyring(org="strict")
    screening = screen(store_client, me, "2026-0031")
    r = store_client.post("/v1/claims", headers=me, json={
        "screening_id": screening["id"], "entitlement": "compensation",
        "amount_claimed": amount})
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["body", "amount_claimed"]


def test_a_whole_amount_is_kept(store_client: TestClient, keyring: Keyring) -> None:
    me = keyring(org="strict2")
    screening = screen(store_client, me, "2026-0032")
    r = store_client.post("/v1/claims", headers=me, json={
        "screening_id": screening["id"], "entitlement": "compensation",
        "amount_claimed": 35.0})
    assert r.status_code == 201 and r.json()["amount_claimed"] == 35


def test_invented_field_names_and_ids_are_not_repeated(client: TestClient) -> None:
    r = client.post("/v1/eligibility", json={"profile": {"priya_sharma": 1},
                                             "ramesh_kumar": 2})
    assert r.status_code == 422
    assert "priya" not in r.text and "ramesh" not in r.text
    assert {tuple(e["loc"]) for e in r.json()["errors"]} == {
        ("body", "profile", "<field>"), ("body", "<field>")}
    r = client.get("/v1/entitlements/priya-sharma-2026")
    assert r.status_code == 404 and "priya" not in r.text


@pytest.mark.parametrize("path", ["/v1/screenings", "/v1/claims", "/v1/audit"])
@pytest.mark.parametrize("written", ["0.0", "+3", " 3", "07", "1e1"])
def test_a_page_number_is_written_in_digits(store_client: TestClient, keyring: Keyring,
                                            path: str, written: str) -> None:
    # pydantic alone reads each of these as a whole number; the contract's integer does not.
    me = keyring(org="pages", role="admin")
    r = store_client.get(path, headers=me, params={"offset": written})
    assert r.status_code == 422
    assert r.json()["errors"] == [{
        "loc": ["query", "offset"], "type": "int_parsing",
        "msg": "Input should be a valid integer, unable to parse string as an integer"}]
    assert store_client.get(path, headers=me, params={"offset": "0", "limit": "10"}
                            ).status_code == 200
    below = store_client.get(path, headers=me, params={"offset": "-1"})
    assert below.json()["errors"][0]["type"] == "greater_than_equal"  # its range, as before
