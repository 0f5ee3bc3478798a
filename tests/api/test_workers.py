"""The production server (python -m api.serve) with two workers: rate limits hold across
them, and a reload reaches both."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.test_reload import free_port
from tests.conftest import ROOT, RULES

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
        proc.terminate()
        proc.wait(timeout=60)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    yield from serve(tmp_path, ADHIKAR_RATE_PER_CLIENT=str(LIMIT))


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
