"""Each result an answer gives is counted once, under its entitlement and status, by the next
scrape: from answers over HTTP, and from answers counted on many threads at once."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from api.app import create_app
from service.engine.brief import evaluate_brief
from service.engine.case import Case
from service.engine.offices import Place
from tests.api.conftest import store_settings
from tests.oracle.durable_oracle import as_sent, random_profiles

AS_OF = dt.date(2026, 11, 28)


def _evaluations(client: TestClient) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for family in text_string_to_metric_families(client.get("/metrics").text):
        if family.name == "adhikar_evaluations":
            for s in family.samples:
                if s.name.endswith("_total"):
                    found[(s.labels["entitlement"], s.labels["status"])] = int(s.value)
    return found


def test_every_result_is_counted_by_the_next_scrape(tmp_path: Path) -> None:
    app = create_app(store_settings(f"sqlite:///{tmp_path / 'm.db'}"))
    with TestClient(app) as client:
        ruleset = app.state.rules.current
        expected: Counter[tuple[str, str]] = Counter()
        for round_ in range(2):  # a scrape between answers loses nothing
            before = _evaluations(client)
            for detail, facts in zip(("brief", "full") * 5,
                                     random_profiles(ruleset, 10, 5 + round_, known=0.6),
                                     strict=True):
                body = {"profile": as_sent(facts),
                        "as_of": AS_OF.isoformat(), "detail": detail}
                answer = client.post("/v1/eligibility", json=body)
                assert answer.status_code == 200
                expected.update((r["entitlement"], r["status"]) for r in answer.json()["results"])
            assert _evaluations(client) - before == expected
            expected.clear()


def test_counts_from_many_threads_at_once_all_arrive(tmp_path: Path) -> None:
    app = create_app(store_settings(f"sqlite:///{tmp_path / 't.db'}"))
    with TestClient(app) as client:
        ruleset, metrics = app.state.rules.current, app.state.metrics
        answer = evaluate_brief(ruleset, Case({"age": 16}, Place()), AS_OF)
        before = _evaluations(client)
        start = threading.Barrier(4)

        def count() -> None:
            start.wait()
            for _ in range(500):
                metrics.count(answer)

        with ThreadPoolExecutor(4) as pool:
            for done in [pool.submit(count) for _ in range(4)]:
                done.result()
        grown = _evaluations(client) - before
        assert grown == Counter({(r.entitlement, r.status): 2000 for r in answer.results})
