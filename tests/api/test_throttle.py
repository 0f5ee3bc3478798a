"""Rate limits per client and per key, back-off after wrong keys, the evaluation pool's
queue and time limits, the limit on requests at once, and slow bodies."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import event

from api.app import create_app
from api.pool import Busy, EvaluationPool
from api.throttle import Gathered, Leases, Throttle
from service.store.database import Database
from service.store.throttle import Verdict
from tests.api.conftest import Keyring, store_settings
from tests.api.test_reload import free_port

PROFILE = {"profile": {"age": 16, "gender": "female", "trafficked": True}}
TOKEN = "an-admin-token-for-tests"


def client_for(tmp_path: Path, address: str = "10.0.0.9", **kw: object) -> TestClient:
    app = create_app(store_settings(f"sqlite:///{tmp_path / 'db.sqlite'}", **kw))
    return TestClient(app, client=(address, 40000))


@pytest.fixture
def limited(tmp_path: Path) -> Iterator[TestClient]:
    with client_for(tmp_path, rate_per_client=3, rate_per_key=5, key_failures_free=2,
                    key_backoff_seconds=30, admin_token=TOKEN) as client:
        yield client


def test_an_anonymous_client_gets_n_per_minute_then_429(limited: TestClient) -> None:
    codes = [limited.post("/v1/eligibility", json=PROFILE).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    refused = limited.get("/v1/facts")
    assert refused.status_code == 429 and refused.json()["code"] == "rate_limited"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.headers["x-content-type-options"] == "nosniff"  # security headers too
    # health checks are not limited
    assert limited.get("/livez").status_code == 200


def test_the_limit_is_per_client_address(limited: TestClient, tmp_path: Path) -> None:
    for _ in range(3):
        limited.get("/v1/facts")
    assert limited.get("/v1/facts").status_code == 429
    other = TestClient(limited.app, client=("10.0.0.10", 40000))
    assert other.get("/v1/facts").status_code == 200


def test_a_valid_key_has_its_own_limit(limited: TestClient) -> None:
    key = Keyring(limited.app)()  # type: ignore[arg-type]
    for _ in range(3):
        limited.get("/v1/facts")
    assert limited.get("/v1/facts").status_code == 429  # the address is at its limit
    codes = [limited.get("/v1/screenings", headers=key).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    admin = {"Authorization": f"Bearer {TOKEN}"}
    assert limited.get("/v1/ruleset", headers=admin).status_code == 200


def test_wrong_keys_back_off_the_client(limited: TestClient) -> None:
    key = Keyring(limited.app)()  # type: ignore[arg-type]
    wrong = {"Authorization": "Bearer adk_0badc0de_" + "x" * 40}
    assert limited.get("/v1/screenings", headers=wrong).status_code == 401
    assert limited.post("/v1/ruleset/reload", headers={"X-API-Key": "guess"}).status_code == 403
    # two wrong checks: now even the right key from this address waits
    backed_off = limited.get("/v1/screenings", headers=key)
    assert backed_off.status_code == 429 and backed_off.json()["code"] == "too_many_failed_keys"
    assert 1 <= int(backed_off.headers["retry-after"]) <= 30
    # other addresses are not affected
    other = TestClient(limited.app, client=("10.0.0.11", 40000))
    assert other.get("/v1/screenings", headers=key).status_code == 200


def test_no_limit_when_set_to_zero(tmp_path: Path) -> None:
    with client_for(tmp_path, rate_per_client=0) as client:
        assert {client.get("/v1/facts").status_code for _ in range(10)} == {200}


def test_an_evaluation_over_the_time_limit_is_503(tmp_path: Path) -> None:
    with client_for(tmp_path, eval_timeout_seconds=1e-9) as client:
        for path in ("/v1/eligibility", "/v1/compensation-routes"):
            r = client.post(path, json=PROFILE)
            assert r.status_code == 503, path
            assert r.json()["code"] == "evaluation_timeout" and r.headers["retry-after"]


def test_a_full_pool_answers_503_rather_than_queueing() -> None:
    release = threading.Event()
    pool = EvaluationPool(threads=1, queue=0, timeout=60)
    outcomes: list[str] = []

    async def main() -> None:
        async with anyio.create_task_group() as tg:
            tg.start_soon(pool.run, release.wait, 30)
            await anyio.sleep(0)  # the first takes the only thread
            while pool._limiter is None or pool._limiter.borrowed_tokens < 1:
                await anyio.sleep(0.01)
            try:
                await pool.run(lambda: "ran")
            except Busy as exc:
                outcomes.append(exc.code)
            release.set()
        outcomes.append(await pool.run(lambda: "ran"))

    anyio.run(main)
    assert outcomes == ["overloaded", "ran"]


def test_evaluations_wait_while_case_data_requests_run() -> None:
    pool = EvaluationPool(threads=2, queue=4, timeout=60, gate_seconds=60)
    order: list[str] = []

    async def main() -> None:
        async with anyio.create_task_group() as tg, pool.protecting():
            tg.start_soon(pool.run, order.append, "evaluated")
            for _ in range(20):  # the evaluation had every chance to start
                await anyio.sleep(0.01)
            order.append("screening done")
        # with the gate full, more evaluations are refused rather than queued
        async with pool.protecting(), anyio.create_task_group() as tg:
            for _ in range(4):
                tg.start_soon(pool.run, order.append, "queued")
            await anyio.sleep(0.05)
            try:
                await pool.run(order.append, "refused")
            except Busy as exc:
                order.append(exc.code)
            tg.cancel_scope.cancel()

    anyio.run(main)
    assert order == ["screening done", "evaluated", "overloaded"]


def test_a_short_evaluation_runs_on_the_event_loop_unless_case_data_requests_run() -> None:
    pool = EvaluationPool(threads=2, queue=4, timeout=60, gate_seconds=60)
    where: list[str] = []

    def record(label: str) -> None:
        where.append(f"{label} on the loop" if threading.get_ident() == loop_thread
                     else f"{label} on a thread")

    async def main() -> None:
        nonlocal loop_thread
        loop_thread = threading.get_ident()
        await pool.run(record, "brief", inline=True)
        await pool.run(record, "full")
        async with anyio.create_task_group() as tg, pool.protecting():
            tg.start_soon(functools.partial(pool.run, record, "brief, gated", inline=True))
            await anyio.sleep(0.05)
            where.append("screening done")

    loop_thread = 0
    anyio.run(main)
    assert where == ["brief on the loop", "full on a thread", "screening done",
                     "brief, gated on a thread"]


def test_a_brief_answer_is_worked_out_on_the_event_loop(tmp_path: Path) -> None:
    threads: set[str] = set()
    with client_for(tmp_path) as client:
        pool = client.app.state.pool  # type: ignore[attr-defined]
        run = pool.run

        async def spy(func: object, *args: object, inline: bool = False) -> object:
            threads.add("inline" if inline else "pool")
            return await run(func, *args, inline=inline)

        pool.run = spy
        brief = {**PROFILE, "detail": "brief"}
        assert client.post("/v1/eligibility", json=brief).status_code == 200
        assert threads == {"inline"}
        assert client.post("/v1/eligibility", json=PROFILE).status_code == 200
        assert threads == {"inline", "pool"}


def test_an_evaluation_waits_for_case_data_requests_only_so_long() -> None:
    pool = EvaluationPool(threads=1, queue=4, timeout=60, gate_seconds=0.05)
    order: list[str] = []

    async def main() -> None:
        async with pool.protecting():
            await pool.run(order.append, "evaluated while a screening runs")
            order.append("screening done")

    anyio.run(main)
    assert order == ["evaluated while a screening runs", "screening done"]


def test_more_requests_at_once_than_allowed_get_503(tmp_path: Path) -> None:
    with client_for(tmp_path, max_in_flight=1) as client:
        holder = client.app.user_middleware  # type: ignore[attr-defined]
        assert holder  # the app was built with the limit
        limit = _in_flight(client)
        limit.active = 1  # as if a request were being answered
        r = client.get("/v1/facts")
        assert r.status_code == 503 and r.headers["retry-after"] == "1"
        assert r.json()["code"] == "overloaded"
        limit.active = 0
        assert client.get("/v1/facts").status_code == 200


def _in_flight(client: TestClient) -> object:
    from api.middleware import InFlightLimit
    app = client.app.middleware_stack  # type: ignore[attr-defined]
    while not isinstance(app, InFlightLimit):
        app = app.app
    return app


def test_a_body_sent_too_slowly_is_408(tmp_path: Path) -> None:
    app = create_app(store_settings(f"sqlite:///{tmp_path / 'db.sqlite'}",
                                    body_timeout_seconds=0.5))
    with running(app) as port, socket.create_connection(("127.0.0.1", port)) as conn:
        conn.settimeout(60)
        conn.sendall(b"POST /v1/eligibility HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
        answer = b""
        while b"\r\n\r\n" not in answer:  # the server answers without the rest
            chunk = conn.recv(4096)
            assert chunk, "the server closed the connection without an answer"
            answer += chunk
        assert answer.startswith(b"HTTP/1.1 408 ")


@contextlib.contextmanager
def running(app: object) -> Iterator[int]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,  # type: ignore[arg-type]
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def test_a_worker_takes_permits_ahead_in_growing_leases() -> None:
    leases, names = Leases(seconds=3600), ("c:one",)
    assert not leases.take(names) and leases.size(names) == 1
    leases.hold(names, granted=1, asked=1)  # the asking request used it
    assert not leases.take(names)
    assert leases.size(names) == 2  # it ran out before its time: ask for twice as many
    leases.hold(names, granted=2, asked=2)
    assert leases.take(names) and not leases.take(names)
    assert leases.size(names) == 4
    leases.hold(names, granted=4, asked=4)
    assert leases.take(names)
    assert leases.size(names) == 2  # not used up: ask for half as many next time
    assert not leases.take(("c:other",))


def test_a_lease_ends_with_its_time_and_with_a_failed_key_check() -> None:
    ended = Leases(seconds=0)
    ended.hold(("c:one",), granted=10, asked=16)
    assert not ended.take(("c:one",)) and ended.size(("c:one",)) == 8
    leases, keyed = Leases(seconds=3600), ("c:one", "k:key")
    leases.hold(keyed, granted=10, asked=16)
    leases.drop("c:one")
    assert not leases.take(keyed)


def _throttle(tmp_path: Path, **kw: object) -> tuple[Throttle, list[int]]:
    """A Throttle on a migrated SQLite file, and a list that grows by one at each commit."""
    settings = store_settings(f"sqlite:///{tmp_path / 'db.sqlite'}", **kw)
    db = Database(settings.database_url)
    assert db.open()
    commits: list[int] = []
    event.listen(db.engine, "commit", lambda _connection: commits.append(1))
    return Throttle(None, db, settings), commits  # type: ignore[arg-type]


def test_new_clients_arriving_together_take_their_permits_in_one_trip(tmp_path: Path) -> None:
    throttle, commits = _throttle(tmp_path, rate_per_client=100)

    async def forty() -> list[Verdict]:
        return await asyncio.gather(*(throttle._admit(f"10.0.0.{i}", None) for i in range(40)))

    assert all(v.allowed for v in asyncio.run(forty()))
    # One transaction for the forty leases, and at most one more: the minute's sweep.
    assert 1 <= len(commits) <= 2
    throttle.db.dispose()


def test_clients_gathered_in_one_trip_keep_their_own_limits(tmp_path: Path) -> None:
    throttle, _ = _throttle(tmp_path, rate_per_client=1)

    async def together() -> list[Verdict]:
        return await asyncio.gather(*(throttle._admit(client, None)
                                      for client in ("10.0.0.1", "10.0.0.2", "10.0.0.1")))

    first, other, again = asyncio.run(together())
    assert first.allowed and other.allowed
    assert not again.allowed and again.reason == "rate_limited"
    # and the refusal is remembered: no trip for the next request from that address
    assert asyncio.run(throttle._admit("10.0.0.1", None)).reason == "rate_limited"
    throttle.db.dispose()


def test_requests_on_two_event_loops_each_get_their_verdict() -> None:
    # A test client runs each request on an event loop of its own: a trip in flight on one
    # loop must not take, and drop, what waits on another.
    first_trip, second_waits = threading.Event(), threading.Event()
    trips: list[list[str]] = []

    def decide_many(clients: list[str]) -> list[Verdict]:
        trips.append(clients)
        if len(trips) == 1:
            first_trip.set()
            assert second_waits.wait(60)
        return [Verdict(True)] * len(clients)

    gathered = Gathered(decide_many)
    found: dict[str, Verdict] = {}

    async def one(client: str, then: threading.Event | None = None) -> None:
        task = asyncio.ensure_future(gathered.decide(client))
        await asyncio.sleep(0)  # it is waiting now
        if then is not None:
            then.set()
        found[client] = await task

    def second() -> None:
        assert first_trip.wait(60)
        asyncio.run(one("10.0.0.2", then=second_waits))

    other = threading.Thread(target=second, daemon=True)  # a regression must not hang the run
    other.start()
    asyncio.run(one("10.0.0.1"))
    other.join(timeout=60)
    assert not other.is_alive()
    assert set(found) == {"10.0.0.1", "10.0.0.2"} and all(v.allowed for v in found.values())
    assert sorted(map(tuple, trips)) == [("10.0.0.1",), ("10.0.0.2",)]
