"""The eligibility answers' fast lane (api/lane.py) answers exactly as the route does: the
same status, bytes and headers, brief and full, for the requests it takes and for those it
passes on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from api.app import create_app
from api.lane import EligibilityLane
from api.settings import Settings
from service.rules.ruleset import Ruleset
from tests.api.test_eligibility import GIRL
from tests.oracle.durable_oracle import as_sent, random_profiles

AS_OF = "2026-11-28"
_VARYING = {"x-request-id", "date"}


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory,
         settings: Settings) -> Iterator[tuple[TestClient, TestClient, EligibilityLane]]:
    """Two apps on the same rules: one with the lane, one without it."""
    folder = tmp_path_factory.mktemp("lane")
    with_lane = create_app(_own(settings, folder / "a.db"))
    without = create_app(_own(settings, folder / "b.db"))
    without.user_middleware = [m for m in without.user_middleware if m.cls is not EligibilityLane]
    with TestClient(with_lane) as fast, TestClient(without) as plain:
        yield fast, plain, _lane(with_lane)


def _own(settings: Settings, db: Path) -> Settings:
    return settings.model_copy(update={"database_url": f"sqlite:///{db}"})


def _lane(app: FastAPI) -> EligibilityLane:
    layer: Any = app.middleware_stack
    while not isinstance(layer, EligibilityLane):
        layer = layer.app
    return layer


def _same(fast: Response, plain: Response) -> None:
    assert fast.status_code == plain.status_code
    if fast.status_code == 200:
        assert fast.content == plain.content
    else:  # a problem names itself by a fresh id (instance)
        assert ({**fast.json(), "instance": None} == {**plain.json(), "instance": None})
    assert ({k: v for k, v in fast.headers.items() if k not in _VARYING}
            == {k: v for k, v in plain.headers.items() if k not in _VARYING})


@pytest.mark.parametrize(("detail", "seed"), [("brief", 21), ("full", 22)])
def test_the_lane_answers_as_the_route_does(
        pair: tuple[TestClient, TestClient, EligibilityLane], ruleset: Ruleset, detail: str,
        seed: int) -> None:
    fast, plain, lane = pair
    before = lane.served
    languages = [None, "hi", "bn-IN,bn;q=0.9", "fr"]
    asked = 0
    for i, facts in enumerate(random_profiles(ruleset, 40, seed, known=0.6)):
        body: dict[str, Any] = {"profile": as_sent(facts), "detail": detail, "as_of": AS_OF}
        if i % 3 == 0:
            body["documents_held"] = ["birth-certificate"]
        if i % 4 == 1:
            body["domains"] = ["legal", "health"]
        headers = {} if languages[i % 4] is None else {"accept-language": languages[i % 4]}
        _same(fast.post("/v1/eligibility", json=body, headers=headers),
              plain.post("/v1/eligibility", json=body, headers=headers))
        asked += 1
    district = {"profile": {**GIRL, "state": "west_bengal"}, "detail": detail,
                "district": "Purulia", "as_of": AS_OF}
    _same(fast.post("/v1/eligibility", json=district),
          plain.post("/v1/eligibility", json=district))
    # no as_of: both answer on India's date; no detail: the full answer
    for today in ({"profile": GIRL, "detail": detail}, {"profile": GIRL}):
        _same(fast.post("/v1/eligibility", json=today),
              plain.post("/v1/eligibility", json=today))
    assert lane.served - before == asked + 3  # each one answered by the lane itself


def test_the_lane_says_its_lines_from_the_rules_memo(
        pair: tuple[TestClient, TestClient, EligibilityLane]) -> None:
    # The lines of brief answers are kept with the rules serving (api/holder.Serving), each
    # for the language and place it was said in.
    fast, _, lane = pair
    body = {"profile": {**GIRL, "state": "west_bengal"}, "detail": "brief", "as_of": AS_OF}
    here = {**body, "district": "Purulia"}
    first = fast.post("/v1/eligibility", json=here).content
    kept = len(lane.holder.serving.lines._kept)
    assert kept  # said once, kept
    hindi = fast.post("/v1/eligibility", json=here, headers={"accept-language": "hi"}).content
    there = fast.post("/v1/eligibility", json={**body, "district": "Bankura"}).content
    assert len({first, hindi, there}) == 3
    assert len(lane.holder.serving.lines._kept) > kept  # each said in its own words
    assert fast.post("/v1/eligibility", json=here).content == first


@pytest.mark.parametrize(("query", "body", "content_type"), [
    ("", {"profile": {"age": 16}, "detail": "brief", "name": "x"}, "application/json"),
    ("", {"profile": {"age": 200}, "detail": "brief"}, "application/json"),
    ("", {"profile": {"age": 16, "phone": "9876543210"}, "detail": "brief"},
     "application/json"),
    ("", {"profile": {"age": 16, "state": "west_bengal"}, "detail": "brief",
          "district": "Nowhere"}, "application/json"),
    ("", {"profile": {"age": 16}, "detail": "brief"}, "text/plain"),
    ("", "{not json", "application/json"),
    ("?lang=hi", {"profile": {"age": 16}, "detail": "brief"}, "application/json"),
    ("?fields=status", {"profile": {"age": 16}, "detail": "brief"}, "application/json"),
    ("?entitlement=free-legal-aid", {"profile": {"age": 16}, "detail": "brief"},
     "application/json"),
    ("?lang=hi&lang=bn", {"profile": {"age": 16}, "detail": "brief"}, "application/json"),
])
def test_what_the_lane_does_not_take_the_route_answers(
        pair: tuple[TestClient, TestClient, EligibilityLane], query: str, body: Any,
        content_type: str) -> None:
    fast, plain, lane = pair
    before = lane.served
    content = body if isinstance(body, str) else json.dumps(body)
    headers = {"content-type": content_type}
    _same(fast.post(f"/v1/eligibility{query}", content=content, headers=headers),
          plain.post(f"/v1/eligibility{query}", content=content, headers=headers))
    assert lane.served == before


# JSON written as a client may write it: the lane reads the body with pydantic's own JSON
# reader, the route with the standard library's, and the two must agree on what it says.
@pytest.mark.parametrize("body", [
    b'{"profile": {"age": 40, "age": 16}, "detail": "brief"}',  # the last of a name counts
    b'{"detail": "full", "profile": {"age": 16}, "detail": "brief"}',
    b'{"detail": "brief", "profile": {"age": 16}, "detail": "full"}',
    b'{"profile": {"age": 16.0, "state": "west_bengal"}, "detail": "brief"}',
    b'{"profile": {"age": 1.6e1}, "detail": "brief"}',
    b'{"profile": {"age": 16.5}, "detail": "brief"}',
    b'{"profile": {"age": NaN}, "detail": "brief"}',
    b'{"profile": {"age": 16, "is_child": "true"}, "detail": "brief"}',
    b'{"profile": {"age": 16, "state": "west_bengal"}, "detail": "bri\\u0065f"}',
    b' {"profile": {"age": 16}, "detail": "brief"}\n ',
    b'{"profile": {"age": 16}, "detail": "brief"} x',
    b'\xef\xbb\xbf{"profile": {"age": 16}, "detail": "brief"}',  # a byte-order mark
    '{"profile": {"age": 16}, "detail": "brief"}'.encode("utf-16"),
    b'{"profile": {"age": 16}, "as_of": "2026-11-28", "detail": "brief", "as_of": 7}',
])
def test_bodies_written_oddly_are_answered_as_the_route_answers_them(
        pair: tuple[TestClient, TestClient, EligibilityLane], body: bytes) -> None:
    fast, plain, _ = pair
    headers = {"content-type": "application/json"}
    _same(fast.post("/v1/eligibility", content=body, headers=headers),
          plain.post("/v1/eligibility", content=body, headers=headers))


def test_while_case_data_holds_the_gate_the_route_answers(
        pair: tuple[TestClient, TestClient, EligibilityLane]) -> None:
    fast, _, lane = pair
    before = lane.served
    lane.pool._protected += 1  # a screening being written
    try:
        r = fast.post("/v1/eligibility", json={"profile": {"age": 16}, "detail": "brief"})
    finally:
        lane.pool._protected -= 1
    assert r.status_code == 200 and lane.served == before


def test_an_evaluation_over_the_time_limit_is_refused_as_the_route_refuses_it(
        settings: Settings, tmp_path: Path) -> None:
    # The one refusal the lane says itself: the pool's, for a full answer (a brief one is
    # worked out on the event loop, under no time limit of the pool's).
    hurried = {"eval_timeout_seconds": 1e-9}
    with_lane = create_app(_own(settings, tmp_path / "a.db").model_copy(update=hurried))
    without = create_app(_own(settings, tmp_path / "b.db").model_copy(update=hurried))
    without.user_middleware = [m for m in without.user_middleware
                               if m.cls is not EligibilityLane]
    with TestClient(with_lane) as fast, TestClient(without) as plain:
        for language in ("en", "hi"):
            headers = {"accept-language": language}
            body = {"profile": {"age": 16}, "as_of": AS_OF}
            refused = fast.post("/v1/eligibility", json=body, headers=headers)
            assert refused.status_code == 503
            assert refused.json()["code"] == "evaluation_timeout"
            _same(refused, plain.post("/v1/eligibility", json=body, headers=headers))
        assert _lane(with_lane).served == 0


def test_with_a_key_required_the_route_answers(settings: Settings, tmp_path: Path) -> None:
    app = create_app(_own(settings, tmp_path / "k.db").model_copy(
        update={"require_key": True}))
    with TestClient(app) as client:
        r = client.post("/v1/eligibility", json={"profile": {"age": 16}, "detail": "brief"})
        assert r.status_code == 401
        assert _lane(app).served == 0


def test_what_the_lane_answers_is_counted_under_the_route(
        pair: tuple[TestClient, TestClient, EligibilityLane]) -> None:
    fast, _, lane = pair
    line = 'adhikar_http_requests_total{method="POST",route="/v1/eligibility",status="200"} '
    evaluated = 'adhikar_evaluations_total{entitlement="free-legal-aid",status="eligible"} '

    def counted(name: str) -> float:
        found = [x for x in fast.get("/metrics").text.splitlines() if x.startswith(name)]
        return float(found[0].rsplit(" ", 1)[1]) if found else 0.0

    before, served = (counted(line), counted(evaluated)), lane.served
    fast.post("/v1/eligibility", json={"profile": {"age": 16, "crime_victim": True},
                                       "detail": "brief"})
    assert lane.served == served + 1
    assert (counted(line), counted(evaluated)) == (before[0] + 1, before[1] + 1)
