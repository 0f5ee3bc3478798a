"""What an operator and a phone see: metrics without case data, request ids, gzip, ETags,
Location on 201, CORS only when configured, and / sending a browser to the docs."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from asgi_correlation_id.middleware import is_valid_uuid4
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from api.app import create_app
from api.wiring import request_id
from service.store.lifecycle import CHAIN, CLOSING
from tests.api.conftest import Keyring, store_settings

CANARY = "9021-77310"  # fits the case-reference pattern, so it is stored


def _label_values(text: str) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            for name, value in sample.labels.items():
                seen.setdefault(name, set()).add(value)
    return seen


def test_metrics_labels_hold_only_the_services_own_names(tmp_path: Path) -> None:
    app = create_app(store_settings(f"sqlite:///{tmp_path / 'a.db'}"))
    with TestClient(app) as client:
        me = Keyring(app)()
        profile = {"age": 37, "trafficked": True, "gender": "female"}
        # A canary in every field a client writes: case reference, district, note, path, query.
        screening = client.post("/v1/screenings", headers=me, json={
            "case_ref": CANARY, "profile": profile}).json()
        claim = client.post("/v1/claims", headers=me, json={
            "screening_id": screening["id"], "entitlement": "compensation", "note": CANARY,
            "as_of": "2020-01-01", "at": "2020-01-01T10:00:00Z"}).json()
        client.post(f"/v1/claims/{claim['id']}/events", headers=me, json={
            "to_status": "documents_ready", "note": CANARY, "at": "2020-01-02T10:00:00Z"})
        applied = client.post(f"/v1/claims/{claim['id']}/events", headers=me, json={
            "to_status": "applied", "note": CANARY, "amount": 50000,
            "at": "2020-01-03T10:00:00Z"})
        assert applied.status_code == 201 and applied.json()["overdue"], applied.text
        client.post("/v1/eligibility", json={"profile": profile, "district": CANARY})
        client.get(f"/v1/claims?case_ref={CANARY}", headers=me)
        client.get(f"/{CANARY}")
        client.get(f"/v1/screenings/{CANARY}", headers=me)
        text = client.get("/metrics").text
        rules = app.state.rules.current
    assert CANARY not in text
    labels = _label_values(text)
    routes = set(app.openapi()["paths"]) | {"/", "<unmatched>"}
    assert labels["route"] <= routes and "/v1/claims/{claim_id}/events" in labels["route"]
    assert labels["entitlement"] <= set(rules.entitlements)
    assert labels["office"] <= set(rules.offices) and labels["office"]  # one claim is overdue
    assert labels["status"] <= ({str(s) for s in (200, 201, 307, 401, 404, 422, 500)}
                                | {"eligible", "not_eligible", "needs_info"}
                                | set(CHAIN) | set(CLOSING))
    assert {"adhikar_claims", "adhikar_ruleset_reloads", "adhikar_database_errors",
            "adhikar_evaluations", "adhikar_http_requests",
            "adhikar_http_request_duration_seconds"} <= {
        f.name for f in text_string_to_metric_families(text)}
    assert 'adhikar_claims{status="applied"} 1.0' in text


def test_metrics_need_a_key_when_keys_are_required(tmp_path: Path) -> None:
    app = create_app(store_settings(f"sqlite:///{tmp_path / 'a.db'}", require_key=True))
    with TestClient(app) as client:
        assert client.get("/metrics").status_code == 401
        analyst = Keyring(app)("sanjog", "analyst")
        assert client.get("/metrics", headers=analyst).status_code == 200


def test_every_answer_carries_a_request_id(store_client: TestClient) -> None:
    first = store_client.get("/livez").headers["x-request-id"]
    assert uuid.UUID(first) and store_client.get("/livez").headers["x-request-id"] != first
    mine = uuid.uuid4().hex
    assert store_client.get("/livez", headers={"X-Request-ID": mine}).headers[
        "x-request-id"] == mine
    # Text that is not an id is never echoed (nor logged): a fresh id replaces it.
    assert store_client.get("/livez", headers={"X-Request-ID": CANARY}).headers[
        "x-request-id"] != CANARY


def test_request_ids_are_random_uuids_the_middleware_takes_back() -> None:
    # Made without uuid.uuid4 (api.wiring.request_id): each must still be a version 4 UUID
    # in uuid4().hex's form, which the middleware accepts when a client sends it back.
    made = [request_id() for _ in range(2000)]
    assert len(set(made)) == len(made)
    for one in made:
        parsed = uuid.UUID(one)
        assert (parsed.hex, parsed.version, parsed.variant) == (one, 4, uuid.RFC_4122)
        assert is_valid_uuid4(one)
    # every bit but the six fixed ones takes both values
    ones = [int(one, 16) for one in made]
    either = [bit for bit in range(128) if len({n >> bit & 1 for n in ones}) == 2]
    assert len(either) == 122


# What clients send: Chrome (since 123, over HTTPS), Safari, and HTTP libraries such as OkHttp.
CHROME, SAFARI, OKHTTP = "gzip, deflate, br, zstd", "gzip, deflate, br", "gzip"
FULL = {"profile": {"age": 16, "gender": "female", "trafficked": True}}


def test_large_answers_are_compressed_and_small_ones_are_not(client: TestClient) -> None:
    big = client.get("/v1/entitlements", headers={"Accept-Encoding": OKHTTP})
    assert big.headers["content-encoding"] == "gzip" and len(big.json()) > 0
    assert "accept-encoding" in big.headers["vary"].lower()  # a cache keeps each apart
    small = client.get("/livez", headers={"Accept-Encoding": CHROME})
    assert "content-encoding" not in small.headers


def test_each_client_gets_the_cheapest_coding_it_accepts_and_the_same_answer(
        client: TestClient) -> None:
    plain = client.post("/v1/eligibility", json=FULL, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "content-encoding" not in plain.headers
    answers = [plain]
    for accepted, coding in ((CHROME, "zstd"), (SAFARI, "br"), (OKHTTP, "gzip"),
                             ("zstd;q=0, gzip", "gzip"), ("br, zstd;q=0.1", "zstd")):
        answer = client.post("/v1/eligibility", json=FULL,
                             headers={"Accept-Encoding": accepted})
        assert answer.headers["content-encoding"] == coding, accepted
        assert answer.content == plain.content  # the client decodes it to the same bytes
        assert int(answer.headers["content-length"]) < len(plain.content) / 3
        answers.append(answer)
    for answer in answers:  # a cache keeps each coding apart; said once
        varies = [v.strip().lower() for v in answer.headers["vary"].split(",")]
        assert varies.count("accept-encoding") == 1, answer.headers["vary"]


def test_a_pdf_is_not_compressed_again(client: TestClient) -> None:
    pdf = client.post("/v1/compensation-routes/brief",
                      json={"profile": {"age": 15, "trafficked": True, "crime_victim": True}},
                      headers={"Accept": "application/pdf", "Accept-Encoding": CHROME})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "content-encoding" not in pdf.headers


def test_problems_and_batch_lines_are_compressed_too(client: TestClient) -> None:
    # A batch wrong in every item: a problem document of several KB.
    wrong = {"items": [{"profile": {"age": "forty", "gender": "x"}}] * 30}
    for accepted in (CHROME, "identity"):
        problem = client.post("/v1/eligibility/batch", json=wrong,
                              headers={"Accept-Encoding": accepted})
        assert problem.status_code == 422 and len(problem.content) > 4096
        assert problem.headers["content-type"].startswith("application/problem+json")
        assert problem.headers.get("content-encoding") == ("zstd" if accepted == CHROME else None)
    one = {"profile": FULL["profile"], "as_of": "2026-11-28"}
    lines = {accepted: client.post("/v1/eligibility/batch", json={"items": [one] * 20},
                                   headers={"Accept-Encoding": accepted})
             for accepted in (SAFARI, "identity")}
    assert lines[SAFARI].headers["content-encoding"] == "br"
    assert lines[SAFARI].content == lines["identity"].content
    assert len(lines["identity"].content.splitlines()) == 20


def test_the_catalogue_answers_304_to_a_phone_that_has_it(client: TestClient) -> None:
    for url in ("/v1/entitlements", "/v1/facts", "/v1/ruleset",
                "/v1/entitlements/victim-compensation"):
        first = client.get(url)
        tag = first.headers["etag"]
        assert first.status_code == 200 and tag.startswith('W/"')
        again = client.get(url, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
        stale = client.get(url, headers={"If-None-Match": 'W/"older"'})
        assert stale.status_code == 200 and _unheard(stale.json()) == _unheard(first.json())
    assert "etag" not in client.post("/v1/eligibility", json={"profile": {}}).headers


def _unheard(answer: Any) -> Any:
    """The answer without when each worker was last heard from (/v1/ruleset): its follower
    writes that every quarter second, so on a busy machine it moves between two requests."""
    if not isinstance(answer, dict) or "workers" not in answer:
        return answer
    return {**answer, "workers": [{k: v for k, v in w.items() if k != "seen_at"}
                                  for w in answer["workers"]]}


def test_a_new_record_answers_with_its_location(store_client: TestClient,
                                                keyring: Keyring) -> None:
    me = keyring()
    made = store_client.post("/v1/screenings", headers=me, json={
        "case_ref": "3001", "profile": {"age": 30}})
    assert made.status_code == 201
    assert store_client.get(made.headers["location"], headers=me).json()["id"] == \
        made.json()["id"]
    claim = store_client.post("/v1/claims", headers=me, json={
        "case_ref": "3001", "entitlement": "compensation"})
    assert claim.headers["location"] == f"/v1/claims/{claim.json()['id']}"


def test_cors_is_off_unless_origins_are_configured(tmp_path: Path) -> None:
    ask = {"Origin": "https://app.example.org", "Access-Control-Request-Method": "POST"}
    with TestClient(create_app(store_settings(f"sqlite:///{tmp_path / 'a.db'}"))) as client:
        assert "access-control-allow-origin" not in client.options(
            "/v1/eligibility", headers=ask).headers
    app = create_app(store_settings(f"sqlite:///{tmp_path / 'b.db'}",
                                    cors_origins=("https://app.example.org",)))
    with TestClient(app) as client:
        answer = client.options("/v1/eligibility", headers=ask)
        assert answer.headers["access-control-allow-origin"] == "https://app.example.org"
        other = client.options("/v1/eligibility", headers=ask | {"Origin": "https://x.test"})
        assert "access-control-allow-origin" not in other.headers


def test_the_root_is_the_screener(client: TestClient) -> None:
    answer = client.get("/", follow_redirects=False)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert 'id="screener"' in answer.text


def test_today_is_indias_date() -> None:
    from service.dates import india_date
    late_utc = dt.datetime(2026, 3, 31, 20, 0, tzinfo=dt.UTC)  # 01:30 on 1 April in India
    assert india_date(late_utc) == dt.date(2026, 4, 1)


def test_a_phone_syncs_what_changed_since_it_last_asked(store_client: TestClient,
                                                          keyring: Keyring) -> None:
    me = keyring()
    first = store_client.post("/v1/claims", headers=me, json={
        "case_ref": "3011", "entitlement": "compensation"}).json()
    mark = first["updated_at"]
    second = store_client.post("/v1/claims", headers=me, json={
        "case_ref": "3012", "entitlement": "compensation"}).json()

    def changed() -> set[str]:
        page = store_client.get("/v1/claims", headers=me,
                                params={"updated_since": mark, "limit": 200}).json()
        return {c["id"] for c in page["data"]}

    assert second["id"] in changed() and first["id"] not in changed()
    store_client.post(f"/v1/claims/{first['id']}/events", headers=me, json={"note": "called"})
    assert first["id"] in changed()
    bad = store_client.get("/v1/claims", headers=me, params={"updated_since": "yesterday"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"][-1] == "updated_since"
    made = store_client.post("/v1/screenings", headers=me, json={
        "case_ref": "3013", "profile": {"age": 30}}).json()
    newer = store_client.get("/v1/screenings", headers=me,
                             params={"updated_since": mark, "limit": 200}).json()
    assert made["id"] in {s["id"] for s in newer["data"]}
    later = store_client.get("/v1/screenings", headers=me,
                             params={"updated_since": "2999-01-01T00:00:00Z"}).json()
    assert later["count"] == 0


def test_a_query_parameter_given_twice_is_refused(store_client: TestClient,
                                                  keyring: Keyring) -> None:
    answer = store_client.get("/v1/claims?limit=5&limit=500&status=applied",
                              headers=keyring())
    assert answer.status_code == 422
    assert answer.json()["errors"] == [{"loc": ["query", "limit"], "type": "repeated_parameter",
                                        "msg": "give each query parameter once"}]
    assert store_client.get("/v1/claims?limit=5&status=applied",
                            headers=keyring()).status_code == 200


def test_the_contract_has_readable_operation_ids_and_described_tags(client: TestClient) -> None:
    contract = client.app.openapi()  # type: ignore[attr-defined]
    ids = [op["operationId"] for ops in contract["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids)) and "checkEligibility" in ids and "addClaimEvent" in ids
    assert all(i[0].islower() and "_" not in i and "-" not in i for i in ids)
    used = {t for ops in contract["paths"].values() for op in ops.values() for t in op["tags"]}
    described = {t["name"]: t["description"] for t in contract["tags"]}
    assert used <= set(described) and all(described.values())
    assert all({"500", "503"} <= set(op["responses"])
               for ops in contract["paths"].values() for op in ops.values())
