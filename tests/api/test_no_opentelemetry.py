"""The service sends nothing to OpenTelemetry, even when something in its process sets a
global provider: FastAPI would otherwise report each request's span (client address, path)
and its exceptions' records to whatever collector that provider names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# In a child process: a global tracer provider is set once and for good. Its tracers count
# the spans started; a bare FastAPI app beside the service shows that it would be asked.
PROBE = """
import sys
from fastapi import FastAPI
from fastapi.testclient import TestClient
from opentelemetry import trace
from api.app import create_app
from api.settings import Settings

class Counting(trace.NoOpTracer):
    started = 0
    def start_span(self, *args, **kwargs):
        Counting.started += 1
        return super().start_span(*args, **kwargs)

class Provider(trace.TracerProvider):
    def get_tracer(self, *args, **kwargs):
        return Counting()

trace.set_tracer_provider(Provider())
bare = FastAPI()
bare.get("/ping")(lambda: {"ok": True})
service = create_app(Settings(rules_dir=sys.argv[1], database_url="sqlite://"))
counts = []
for app, path in ((service, "/v1/facts"), (bare, "/ping")):
    with TestClient(app) as client:
        before = Counting.started
        assert client.get(path).status_code == 200
        counts.append(Counting.started - before)
print(*counts)
"""


def test_no_span_is_started_for_a_global_tracer_provider() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, str(ROOT / "rules")], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    service, bare = map(int, done.stdout.split())
    assert bare > 0  # else the probe shows nothing
    assert service == 0
