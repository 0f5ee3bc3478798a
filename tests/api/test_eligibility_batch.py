"""POST /v1/eligibility/batch: up to 1,000 eligibility requests, one answer a line, in order,
each the same as POST /v1/eligibility gives; a bad item is a 422 naming its index."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.testclient import TestClient

from service import corpus
from service.rules.ruleset import Ruleset

AS_OF = "2026-11-28"


def items(n: int, **extra: Any) -> list[dict[str, Any]]:
    profiles = [p for _, p in corpus.read_profiles()][:n]
    return [{"profile": p, "as_of": AS_OF, **extra} for p in profiles]


def test_answers_come_one_a_line_in_order_as_the_single_endpoint_gives(
        client: TestClient, ruleset: Ruleset) -> None:
    briefs = items(3, detail="brief")
    for item in briefs:  # a district the rules list for the profile's State
        state = item["profile"].get("state", "odisha")
        item["district"] = ruleset.places.by_state[state][0].name
    batch = items(12) + briefs
    response = client.post("/v1/eligibility/batch", json={"items": batch})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert response.headers["x-ruleset-digest"].startswith("sha256:")
    lines = response.content.splitlines()
    assert len(lines) == len(batch)
    for item, line in zip(batch, lines, strict=True):
        single = client.post("/v1/eligibility", json=item)
        assert orjson.loads(line) == single.json()


def test_a_thousand_items_fit_and_one_more_is_a_413(client: TestClient) -> None:
    one = {"profile": {"age": 30, "trafficked": True}, "as_of": AS_OF, "detail": "brief"}
    assert client.post("/v1/eligibility/batch", json={"items": [one] * 1000}).status_code == 200
    response = client.post("/v1/eligibility/batch", json={"items": [one] * 1001})
    assert response.status_code == 413
    body = response.json()
    assert body["code"] == "too_many_items"
    assert body["errors"][0]["loc"] == ["body", "items"]


def test_a_bad_item_is_a_422_naming_its_index_and_not_its_value(client: TestClient) -> None:
    batch = items(4)
    batch[2] = {"profile": {"age": "forty", "gender": "female"}}
    response = client.post("/v1/eligibility/batch", json={"items": batch})
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["loc"] == ["body", "items", 2, "profile", "age"]
    assert "forty" not in response.text


def test_an_empty_batch_is_an_empty_answer(client: TestClient) -> None:
    response = client.post("/v1/eligibility/batch", json={"items": []})
    assert response.status_code == 200 and response.content == b""
