"""The read-only endpoints: entitlements, facts, ruleset, health."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.rules.ruleset import Ruleset


def test_entitlements_list_and_detail(client: TestClient, ruleset: Ruleset) -> None:
    r = client.get("/v1/entitlements")
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == len(ruleset.entitlements) == len(body["data"])
    assert body["ruleset"]["digest"] == ruleset.digest
    detail = client.get("/v1/entitlements/victim-compensation").json()
    assert len(detail["versions"]) == len(ruleset.entitlements["victim-compensation"].versions)
    assert detail["versions"][-1]["valid_from"] == "2024-07-01"
    assert detail["sources"]
    health = client.get("/v1/entitlements", params={"domain": "health"}).json()
    assert {e["domain"] for e in health["data"]} == {"health"}


def test_an_unknown_entitlement_is_404(client: TestClient) -> None:
    r = client.get("/v1/entitlements/no-such-thing")
    assert r.status_code == 404
    assert r.json()["code"] == "unknown_entitlement"


def test_facts_cover_the_vocabulary(client: TestClient, ruleset: Ruleset) -> None:
    body = client.get("/v1/facts").json()
    names = {f["name"] for f in body["data"]}
    assert names == set(ruleset.facts) | set(ruleset.derived)
    gender = next(f for f in body["data"] if f["name"] == "gender")
    assert gender["values"] == list(ruleset.facts["gender"].values)
    assert gender["question"]
    assert all(f["expr"] for f in body["data"] if f["derived"])


def test_ruleset_identity(client: TestClient, ruleset: Ruleset) -> None:
    body = client.get("/v1/ruleset").json()
    assert body["digest"] == ruleset.digest and body["version"] == ruleset.version
    assert body["counts"]["entitlements"] == len(ruleset.entitlements)
    assert body["last_failure"] is None
    assert body["loaded_at"]


def test_health(client: TestClient) -> None:
    assert client.get("/livez").json()["status"] == "ok"
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["ruleset"]["digest"].startswith("sha256:")


def test_unknown_route_and_method_keep_the_error_shape(client: TestClient) -> None:
    r = client.get("/v1/nothing")
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    r = client.delete("/v1/facts")
    assert r.status_code == 405 and "GET" in r.headers["allow"]
