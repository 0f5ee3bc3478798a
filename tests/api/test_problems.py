"""Every error answer is an RFC 9457 problem whose words come from the one table
(api/problems.py), and the contract says so for every operation."""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api import problems
from service.store.tables import Screening
from service.text import problems as kind_table
from tests.api.conftest import Keyring
from tests.conftest import ROOT

WOMAN = {"trafficked": True, "gender": "female", "age": 30}
MEMBERS = {"type", "title", "status", "detail", "instance", "code", "errors"}


def assert_problem(r: Any, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].split(";")[0] == "application/problem+json"
    body: dict[str, Any] = r.json()
    assert set(body) >= MEMBERS, body
    kind = problems.KINDS[code]
    assert (body["code"], body["type"], body["status"]) == (code, f"/problems/{code}", status)
    assert body["title"] == kind.title
    # The detail is the kind's template, filled: its fixed words are all there.
    for literal, *_ in string.Formatter().parse(kind.detail):
        assert literal in body["detail"]
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", body["instance"]), body["instance"]
    if status != 500:  # a 500 is answered outside the request-id middleware; logged with it
        assert r.headers["x-request-id"] in body["instance"].replace("-", "")
    return body


def test_the_table_has_one_kind_per_code_with_words() -> None:
    codes = [k.code for k in kind_table._TABLE]
    assert len(codes) == len(set(codes))
    for kind in kind_table._TABLE:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", kind.code)
        assert 400 <= kind.status <= 599 and kind.title and kind.detail
        assert not kind.title.endswith(".")


def test_every_code_the_code_raises_is_in_the_table() -> None:
    # The kinds are named at the raise: Refused/NotAllowed/Unauthenticated("code"),
    # Conflict("code", ...), NotFound("kind") -> kind_not_found, _clash(session, "code", ...).
    raised: set[str] = set()
    for path in [*(ROOT / "api").rglob("*.py"), *(ROOT / "service").rglob("*.py")]:
        text = path.read_text()
        raised |= set(re.findall(r"(?:Refused|NotAllowed|Unauthenticated|Conflict)\(\s*"
                                 r"\"([a-z_]+)\"", text))
        raised |= set(re.findall(r"_clash\(session, \"([a-z_]+)\"", text))
        raised |= {f"{kind}_not_found" for kind in re.findall(r"NotFound\(\"([a-z]+)\"", text)}
    assert raised >= {"key_missing", "claim_already_open", "claim_not_found", "too_many_items"}
    assert raised <= set(problems.KINDS), raised - set(problems.KINDS)


def test_request_errors_are_problems(client: TestClient) -> None:
    body = assert_problem(client.post("/v1/eligibility", json={"profile": {"age": "x"}}),
                          422, "invalid_request")
    assert body["errors"] == [{"loc": ["body", "profile", "age"], "type": "value_error",
                               "msg": body["errors"][0]["msg"]}]
    assert "body.profile.age" in body["detail"]
    assert_problem(client.get("/v1/nothing"), 404, "not_found")
    r = client.delete("/v1/facts")
    assert_problem(r, 405, "method_not_allowed")
    assert r.headers["allow"] == "GET"
    assert_problem(client.get("/v1/entitlements/no-such-thing"), 404, "unknown_entitlement")
    big = {"profile": WOMAN, "district": "x" * 70_000}
    body = assert_problem(client.post("/v1/eligibility", json=big), 413, "body_too_large")
    assert str(64 * 1024) in body["detail"]


def test_nothing_sent_comes_back_in_a_problem(client: TestClient) -> None:
    # Not the path (it may carry what was typed), not the query, not a value.
    r = client.get("/v1/entitlements/priya-sharma-9876543210?who=ramesh")
    assert_problem(r, 404, "unknown_entitlement")
    assert "priya" not in r.text and "9876" not in r.text and "ramesh" not in r.text
    r = client.post("/v1/eligibility", json={"profile": {"age": "Priya Kumari"}})
    assert_problem(r, 422, "invalid_request")
    assert "Priya" not in r.text


def test_access_and_record_problems(store_client: TestClient, keyring: Keyring) -> None:
    r = store_client.get("/v1/claims")
    assert_problem(r, 401, "key_missing")
    assert r.headers["www-authenticate"] == "Bearer"
    assert_problem(store_client.get("/v1/claims", headers={"Authorization": "Bearer nope"}),
                   401, "key_invalid")
    assert_problem(store_client.get("/v1/claims", headers=keyring("a", "analyst")),
                   403, "role_not_allowed")
    me = keyring()
    assert_problem(store_client.get("/v1/claims/" + "0" * 32, headers=me),
                   404, "claim_not_found")
    assert_problem(store_client.get("/v1/screenings/" + "0" * 32, headers=me),
                   404, "screening_not_found")
    ask = {"case_ref": "5000-1", "entitlement": "compensation"}
    claim = store_client.post("/v1/claims", headers=me, json=ask).json()
    body = assert_problem(store_client.post("/v1/claims", headers=me, json=ask),
                          409, "claim_already_open")
    assert claim["id"] in body["detail"]
    url = f"/v1/claims/{claim['id']}/events"
    body = assert_problem(store_client.post(url, headers=me, json={"to_status": "received"}),
                          409, "illegal_move")
    assert body["current"] == "identified" and "documents_ready" in body["detail"]
    store_client.post(url, headers=me, json={"to_status": "withdrawn"})
    body = assert_problem(store_client.post(url, headers=me, json={"to_status": "applied"}),
                          409, "claim_closed")
    assert body["allowed"] == []


def test_an_unexpected_error_is_a_problem_that_says_nothing(tmp_path: Path,
                                                            app: FastAPI) -> None:
    from api.app import create_app
    from tests.api.conftest import store_settings

    broken = create_app(store_settings(f"sqlite:///{tmp_path / 'x.db'}"))

    def fail() -> None:
        raise RuntimeError("secret 9876543210")

    broken.add_api_route("/v1/fail", fail)
    with TestClient(broken, raise_server_exceptions=False) as client:
        r = client.get("/v1/fail")
    assert_problem(r, 500, "internal_error")
    assert "9876" not in r.text and "secret" not in r.text


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, ops in spec["paths"].items()
            for method, op in ops.items()]


def test_the_contract_documents_every_error_as_the_one_problem(app: FastAPI) -> None:
    spec = app.openapi()
    schemas = spec["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    assert set(schemas["Problem"]["required"]) >= MEMBERS - {"errors"}
    for path, method, op in _operations(spec):
        errors = {s: r for s, r in op["responses"].items() if str(s)[0] in "45"}
        assert {"500", "503"} <= set(map(str, errors)), (path, method)
        for status, answer in errors.items():
            content = answer["content"]
            assert content["application/problem+json"]["schema"] == {
                "$ref": "#/components/schemas/Problem"}, (path, method, status)
            assert set(content) <= {"application/problem+json", "text/plain"}


@pytest.mark.parametrize("name", ["ClaimStatus", "ClaimStep", "Domain", "EligibilityStatus",
                                  "RouteStatus", "DocumentId"])
def test_each_closed_list_of_words_is_one_named_component(app: FastAPI, name: str) -> None:
    spec = app.openapi()
    values = spec["components"]["schemas"][name]["enum"]
    text = repr(spec)
    assert text.count(repr(values)) == 1  # only in its component
    assert f"#/components/schemas/{name}" in text


def test_each_request_body_has_an_example(app: FastAPI) -> None:
    for path, method, op in _operations(app.openapi()):
        if "requestBody" in op and path != "/v1/ruleset/reload":
            content = op["requestBody"]["content"]["application/json"]
            assert "example" in content, (path, method)


def test_each_type_leads_to_its_kind(client: TestClient) -> None:
    listing = client.get("/problems").json()
    assert listing["count"] == len(problems.KINDS)
    for kind in listing["data"]:
        one = client.get(problems.KINDS[kind["code"]].type)
        assert one.status_code == 200 and one.json() == kind
    assert_problem(client.get("/problems/no_such_kind"), 404, "unknown_problem")


def test_a_stored_profile_that_no_longer_fits_is_a_409_naming_the_fact(
        store_client: TestClient, keyring: Keyring) -> None:
    me = keyring()
    made = store_client.post("/v1/screenings", headers=me,
                             json={"case_ref": "5000-2", "profile": WOMAN}).json()
    # As if facts.yaml had since dropped a fact this profile carries.
    with store_client.app.state.db.session() as session:  # type: ignore[attr-defined]
        row = session.get(Screening, made["id"])
        assert row is not None
        row.profile = {**row.profile, "retired_fact": True}
        session.add(row)
        session.commit()
    r = store_client.post(f"/v1/screenings/{made['id']}/rerun", headers=me)
    body = assert_problem(r, 409, "profile_no_longer_fits")
    assert body["errors"][0]["loc"] == ["body", "profile", "retired_fact"]
    assert "retired_fact" in body["detail"]
