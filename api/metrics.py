"""Prometheus metrics. Labels hold only what the service itself names (route templates,
methods, status codes, entitlement and office ids from the rules, claim statuses), never a
value a client sent: a profile's facts and case references stay out.

With several uvicorn workers set PROMETHEUS_MULTIPROC_DIR (an empty, writable folder per
start): the request and evaluation counters are then summed across workers. The state read
at scrape time (claims, reloads, database errors) comes from the database and this process.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter as TallyCounter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.holder import RulesetHolder
from service.engine.brief import BriefEvaluation
from service.engine.result import Evaluation
from service.errors import StoreUnavailable
from service.store import gauges
from service.store.database import Database

UNMATCHED = "<unmatched>"  # a path no route serves: never the path itself, which a client chose


class Metrics:
    def __init__(self, holder: RulesetHolder, db: Database,
                 today: Callable[[], object]) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("adhikar_http_requests", "HTTP requests answered",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("adhikar_http_request_duration_seconds",
                                 "time to answer, by route template", ["method", "route"],
                                 registry=self.registry,
                                 buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10))
        self.evaluations = Counter("adhikar_evaluations",
                                   "entitlements evaluated, by entitlement and outcome",
                                   ["entitlement", "status"], registry=self.registry)
        self._children: dict[tuple[str, str], Any] = {}
        self._answered: dict[tuple[str, str, int], tuple[Any, Any]] = {}
        self.state = StateCollector(holder, db, today)
        self.registry.register(self.state)
        # One worker: an answer's thirty counts are added to a tally under one lock, and the
        # tally goes into the counter when scraped (each inc() takes a lock of its own: 5% of
        # a brief request). Several workers write each count at once to the shared files,
        # which another worker's scrape reads.
        self._shared_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
        self._tally: TallyCounter[tuple[str, str]] = TallyCounter()
        self._lock = threading.Lock()

    def count(self, evaluation: Evaluation | BriefEvaluation) -> None:
        keys = [(result.entitlement, result.status) for result in evaluation.results]
        if self._shared_dir:
            for key in keys:
                self._child(key).inc()
            return
        with self._lock:
            self._tally.update(keys)

    def answered(self, method: str, route: str, status: int, seconds: float) -> None:
        """One request answered: counted and timed under its method and route template."""
        # The children kept, as in ``_child``: labels() checks and locks on every call, and
        # these few keys (templates, methods, statuses) come again on every request.
        children = self._answered.get((method, route, status))
        if children is None:
            children = self._answered[(method, route, status)] = (
                self.requests.labels(method, route, str(status)),
                self.latency.labels(method, route))
        children[0].inc()
        children[1].observe(seconds)

    def _child(self, key: tuple[str, str]) -> Any:
        # Each (entitlement, status) child kept: labels() checks and locks on every call.
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = self.evaluations.labels(*key)
        return child

    def _flush(self) -> None:
        with self._lock:
            tally, self._tally = self._tally, TallyCounter()
        for key, n in tally.items():
            self._child(key).inc(n)

    def exposition(self) -> bytes:
        if not self._shared_dir:
            self._flush()
            return generate_latest(self.registry)
        merged = CollectorRegistry()
        MultiProcessCollector(merged, path=self._shared_dir)  # type: ignore[no-untyped-call]
        merged.register(self.state)
        return generate_latest(merged)


class StateCollector(Collector):
    """What is read when Prometheus scrapes: reloads, database errors, claims."""

    def __init__(self, holder: RulesetHolder, db: Database,
                 today: Callable[[], object]) -> None:
        self.holder, self.db, self.today = holder, db, today

    def collect(self) -> Iterable[Metric]:
        reloads = CounterMetricFamily("adhikar_ruleset_reloads", "rule reloads, by outcome",
                                      labels=["outcome"])
        reloads.add_metric(["applied"], self.holder.reloads)
        reloads.add_metric(["refused"], self.holder.failed_reloads)
        yield reloads
        yield CounterMetricFamily("adhikar_database_errors",
                                  "times the database did not answer", value=self.db.failures)
        yield from self._claims()

    def _claims(self) -> Iterator[Metric]:
        try:
            with self.db.session() as session:
                counts = gauges.claim_counts(session, self.today())  # type: ignore[arg-type]
        except StoreUnavailable:
            return
        by_status = GaugeMetricFamily("adhikar_claims", "claims, by status", labels=["status"])
        for status, n in sorted(counts.by_status.items()):
            by_status.add_metric([status], n)
        yield by_status
        overdue = GaugeMetricFamily("adhikar_claims_overdue",
                                    "open claims past their due date, by office",
                                    labels=["office"])
        for office, n in sorted(counts.overdue_by_office.items()):
            overdue.add_metric([office], n)
        yield overdue


class RequestMetrics:
    """Counts and times each request under its route template (``/v1/claims/{claim_id}``)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def record_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            route = getattr(scope.get("route"), "path", None) or UNMATCHED
            method = scope["method"] if scope["method"] in _METHODS else "OTHER"
            self.metrics.answered(method, route, status, time.perf_counter() - started)


_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}
