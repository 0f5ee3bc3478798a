"""Shared fixtures: the bundled rules and an app over them. Nothing reads the environment.

Every app a test makes keeps its screenings and claims in a throwaway SQLite file: the
session points DATABASE_URL there, so that no test touches data/adhikar.db or a database
named in the developer's own environment.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from api.app import create_app
from api.settings import Settings
from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
_SCRATCH = Path(tempfile.mkdtemp(prefix="adhikar-tests-"))


# No deadlines anywhere: a busy CI machine is slow, not wrong. On CI (CI=true) the draws are
# also derandomized, so that a run's outcome does not depend on the seed.
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.register_profile(
    "ci", deadline=None, derandomize=True, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev"))


def pytest_configure(config: pytest.Config) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{_SCRATCH / 'default.db'}"


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SCRATCH, ignore_errors=True)


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset(RULES)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(rules_dir=RULES, max_body_bytes=64 * 1024,
                    database_url=f"sqlite:///{_SCRATCH / 'session.db'}")


@pytest.fixture(scope="session")
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


# Whole folders that `make test-fast` leaves out: the contract fuzzing (schemathesis) and the
# oracle (a second rules engine in a child process).
SLOW_FOLDERS = ("contract", "oracle")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        # A test that starts a real server is left out of `make test-fast` too.
        if "server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.server)
        if Path(str(item.fspath)).relative_to(ROOT / "tests").parts[0] in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)
