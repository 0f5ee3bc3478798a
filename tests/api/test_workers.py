"""The production server (python -m api.serve) with two workers: rate limits hold across
them, and a reload reaches both."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.test_reload import AMOUNT, GIRL, TOKEN, edit, free_port
from tests.conftest import ROOT, RULES
from tests.store.databases import KINDS, fresh_url

LIMIT = 12
PROFILE = {"profile": {"age": 16, "gender": "female", "trafficked": True}}


def serve(tmp_path: Path, rules: Path = RULES, **env: str) -> Iterator[str]:
    port = free_port()
    environ = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
               "ADHIKAR_RULES_DIR": str(rules),
               "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.db'}",
               "ADHIKAR_HOST": "127.0.0.1", "ADHIKAR_PORT": str(port),
               "ADHIKAR_WORKERS": "2", "ADHIKAR_LOG_LEVEL": "WARNING", **env}
    proc = subprocess.Popen([sys.executable, "-m", "api.serve"], cwd=ROOT, env=environ)
    base = f"http://127.0.0.1:{port}"
    _RUNNING[base] = proc
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=30).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield base
    finally:
        _RUNNING.pop(base, None)
        proc.terminate()
        proc.wait(timeout=60)


_RUNNING: dict[str, subprocess.Popen[bytes]] = {}


def terminate(base: str) -> None:
    """SIGTERM to the server at ``base``, as a container runtime sends it (no wait)."""
    _RUNNING[base].send_signal(signal.SIGTERM)


@pytest.fixture(params=KINDS)
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    # Two workers sharing their counters in SQLite, or in PostgreSQL (TEST_DATABASE_URL).
    with fresh_url(request.param, tmp_path) as url:
        yield from serve(tmp_path, ADHIKAR_RATE_PER_CLIENT=str(LIMIT), DATABASE_URL=url)


def fresh_connection(base: str) -> httpx.Client:
    # No keep-alive: each request opens a connection, which either worker may accept.
    return httpx.Client(base_url=base, timeout=60,
                        limits=httpx.Limits(max_keepalive_connections=0))


def test_a_limit_of_n_per_minute_lets_through_at_most_n(server: str) -> None:
    with fresh_connection(server) as client:
        answers = [client.post("/v1/eligibility", json=PROFILE) for _ in range(3 * LIMIT)]
    codes = [r.status_code for r in answers]
    assert set(codes) <= {200, 429}
    assert 1 <= codes.count(200) <= LIMIT
    assert codes[0] == 200
    refused = [r for r in answers if r.status_code == 429]
    assert refused and all(1 <= int(r.headers["retry-after"]) <= 60 for r in refused)


def listed_workers(base: str, expect: int) -> list[dict[str, str]]:
    """Poll GET /v1/ruleset until it lists ``expect`` workers (generous limit)."""
    deadline = time.monotonic() + 60
    while True:
        found: list[dict[str, str]] = httpx.get(f"{base}/v1/ruleset", timeout=60).json()["workers"]
        if len(found) == expect:
            return found
        assert time.monotonic() < deadline, f"workers listed: {found}"
        time.sleep(0.2)


def test_both_workers_share_the_limit(server: str) -> None:
    # the limit above was shared by two processes, not met by one
    assert len(listed_workers(server, 2)) == 2


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    return root


def test_a_reload_reaches_every_worker(tmp_path: Path, rules: Path) -> None:
    for base in serve(tmp_path, rules, ADHIKAR_ADMIN_TOKEN=TOKEN):
        before = listed_workers(base, 2)
        old = before[0]["digest"]
        assert {w["digest"] for w in before} == {old}
        edit(rules, AMOUNT, "amount: 4500")
        edit(rules, "Sponsorship: 2000", "Sponsorship: 4500")
        edit(rules, "Sponsorship: 4000", "Sponsorship: 4500")
        r = httpx.post(f"{base}/v1/ruleset/reload", timeout=120,
                       headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200
        new = r.json()["digest"]
        assert new != old
        reloaded = time.monotonic()
        # every answer, from whichever worker, soon carries the new digest
        deadline, in_a_row, since = reloaded + 60, 0, reloaded
        with fresh_connection(base) as client:
            while in_a_row < 20:
                answer = client.post("/v1/eligibility", json={"profile": GIRL})
                assert answer.status_code == 200
                if answer.headers["x-ruleset-digest"] != new:
                    in_a_row, since = 0, time.monotonic()
                else:
                    in_a_row += 1
                assert time.monotonic() < deadline, "a worker still serves the old rules"
        # A figure for the report, not an assertion (a busy machine is slow, not wrong).
        print(f"only the new digest served from {since - reloaded:.2f} s after the reload "
              "answered")
        # Those answers may all have come from one worker: the other says which rules it
        # serves in its heartbeat, soon (polled, with the same generous limit).
        while {w["digest"] for w in listed_workers(base, 2)} != {new}:
            assert time.monotonic() < deadline, "a worker still lists the old rules"
            time.sleep(0.2)
        amounts = {sponsorship(base) for _ in range(10)}
        assert amounts == {4500}


def sponsorship(base: str) -> int:
    with fresh_connection(base) as client:
        r = client.post("/v1/eligibility", json={"profile": GIRL, "as_of": "2026-11-28"})
    result = next(x for x in r.json()["results"] if x["entitlement"] == "child-sponsorship")
    return int(result["benefits"][0]["amount"])


def test_a_client_that_sends_its_headers_too_slowly_is_cut_off(tmp_path: Path) -> None:
    for base in serve(tmp_path, ADHIKAR_WORKERS="1", ADHIKAR_TIMEOUT_HEADERS="1"):
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as conn:
            conn.settimeout(60)  # far longer than the limit: a closed socket ends the wait
            conn.sendall(b"GET /livez HTTP/1.1\r\nHo")
            assert conn.recv(1024) == b"", "the server kept the connection"
        # a client that sends its request in time is answered as usual
        assert httpx.get(f"{base}/livez", timeout=60).status_code == 200


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigterm_resets_no_request(tmp_path: Path, workers: str) -> None:
    # Clients loop while the server gets SIGTERM, half on keep-alive connections and half
    # opening a new connection for each request (those reach the listening socket's queue
    # in its last instant): each request is answered, or its new connection is refused once
    # the server has stopped listening; none is sent and then lost (a reset, read as
    # httpx.ReadError or RemoteProtocolError).
    outcomes: list[str] = []
    lock, stop = threading.Lock(), threading.Event()
    for base in serve(tmp_path, ADHIKAR_WORKERS=workers):

        def loop(fresh: bool, base: str = base) -> None:
            pool = httpx.Limits(max_keepalive_connections=0) if fresh else httpx.Limits()
            with httpx.Client(base_url=base, timeout=60, limits=pool) as client:
                while not stop.is_set():
                    try:
                        outcome = str(client.post("/v1/eligibility", json=PROFILE).status_code)
                    except httpx.ConnectError:
                        outcome = "refused"
                        stop.wait(0.05)
                    except httpx.TransportError as exc:
                        outcome = type(exc).__name__
                    with lock:
                        outcomes.append(outcome)

        clients = [threading.Thread(target=loop, args=(n % 2 == 0,)) for n in range(8)]
        for c in clients:
            c.start()
        deadline = time.monotonic() + 60
        while outcomes.count("200") < 40:  # the load is running
            assert time.monotonic() < deadline, "the load did not start"
            time.sleep(0.05)
        terminate(base)
        while outcomes.count("refused") < 8:  # every client has seen the server go
            assert time.monotonic() < deadline + 60, "the server did not stop"
            time.sleep(0.05)
        stop.set()
        for c in clients:
            c.join()
    counted = {o: outcomes.count(o) for o in set(outcomes)}
    # Before new connections were stopped ahead of the close (api/listener.py), clients
    # opening connections lost a few requests at every SIGTERM, with one worker or two.
    assert sum(n for o, n in counted.items() if o not in ("200", "refused")) == 0, counted
