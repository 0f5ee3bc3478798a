"""The schemathesis CLI against a live server (python -m api.serve) with a caseworker's key:
every check, every phase (examples, coverage, fuzzing, stateful), a fixed seed and a bounded
number of examples. It must find no failure.

By hand, with a server on port 8000 and a key in $KEY (see docs/security.md, "The contract"):

    SCHEMATHESIS_HOOKS=tests/contract/st_hooks.py .venv/bin/schemathesis \\
        --config-file tests/contract/schemathesis.toml run openapi.yaml \\
        -u http://127.0.0.1:8000 -H "Authorization: Bearer $KEY" --checks all --seed 1 -n 20
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.api.test_workers import serve
from tests.conftest import ROOT, RULES

pytestmark = [pytest.mark.slow, pytest.mark.server]

BIN = Path(sys.executable).parent
HERE = Path(__file__).parent
# The fuzzer is one client that sends many wrong keys and many requests on purpose: the
# limits that would slow it down (and answer 429) are lifted for this server only.
UNLIMITED = {"ADHIKAR_WORKERS": "1", "ADHIKAR_RATE_PER_CLIENT": "0",
             "ADHIKAR_RATE_PER_KEY": "0", "ADHIKAR_KEY_FAILURES_FREE": "1000000"}
EXAMPLES = 20  # per operation and phase: about a minute and a half on two idle cores


def caseworker_key(database_url: str) -> str:
    made = subprocess.run(
        [BIN / "adhikar", "keys", "create", "--org", "contract", "--role", "caseworker",
         "--label", "schemathesis"],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True, text=True, timeout=300, check=True)
    return next(line for line in made.stdout.split() if line.startswith("adk_"))


def test_the_cli_finds_no_failure(tmp_path: Path) -> None:
    for base in serve(tmp_path, RULES, **UNLIMITED):
        key = caseworker_key(f"sqlite:///{tmp_path / 'shared.db'}")
        run = subprocess.run(
            [BIN / "schemathesis", "--config-file", HERE / "schemathesis.toml", "run",
             ROOT / "openapi.yaml", "--url", base, "--header", f"Authorization: Bearer {key}",
             "--checks", "all", "--seed", "1", "--max-examples", str(EXAMPLES),
             "--workers", "1", "--request-timeout", "120", "--generation-database", "none",
             # Its health checks time data generation, which a busy machine slows down.
             "--suppress-health-check", "all", "--no-color"],
            cwd=tmp_path, capture_output=True, text=True, timeout=3600,
            env={**os.environ, "SCHEMATHESIS_HOOKS": str(HERE / "st_hooks.py")})
        assert run.returncode == 0, run.stdout[-12000:] + run.stderr[-4000:]
        assert "✅ Stateful" in run.stdout, "the stateful phase did not run"
