"""A Python client generated from openapi.yaml with openapi-python-client builds, and talks to
the service: an eligibility answer comes back as typed models, a refusal as a Problem."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from service.store import keys
from tests.conftest import ROOT, RULES

GENERATOR = Path(sys.executable).with_name("openapi-python-client")
PACKAGE = "adhikar_client"
CONFIG = f"post_hooks: []\npackage_name_override: {PACKAGE}\n"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    where = tmp_path_factory.mktemp("client")
    (where / "config.yaml").write_text(CONFIG)
    subprocess.run([str(GENERATOR), "generate", "--path", str(ROOT / "openapi.yaml"),
                    "--config", "config.yaml", "--meta", "none"],
                   cwd=where, check=True, capture_output=True, timeout=300)
    sys.path.insert(0, str(where))
    try:
        yield PACKAGE
    finally:
        sys.path.remove(str(where))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.{name}")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'client.db'}"
    with TestClient(create_app(Settings(rules_dir=RULES, database_url=url)),
                    base_url="http://adhikar.test") as client:
        yield client


def _client(generated: str, service: TestClient) -> Any:
    client = _module("client").Client(base_url="http://adhikar.test")
    client.set_httpx_client(service)  # the generated calls go through the app in-process
    return client


def test_the_generated_client_checks_eligibility(generated: str,
                                                 service: TestClient) -> None:
    check = _module("api.eligibility.check_eligibility")
    models = _module("models")
    body = models.EligibilityRequest.from_dict({
        "profile": {"age": 16, "gender": "female", "trafficked": True, "crime_victim": True},
        "as_of": "2026-11-28", "domains": ["legal"]})
    answer = check.sync(client=_client(generated, service), body=body)
    assert isinstance(answer, models.Evaluation)
    assert answer.results and {r.domain for r in answer.results} == {models.Domain.LEGAL}
    assert {r.status for r in answer.results} <= set(models.EligibilityStatus)
    assert answer.ruleset.digest.startswith("sha256:")


def test_the_generated_client_reads_a_problem(generated: str, service: TestClient) -> None:
    get = _module("api.entitlements.get_entitlement")
    problem = get.sync(client=_client(generated, service), entitlement_id="no-such-thing")
    assert isinstance(problem, _module("models").Problem)
    assert (problem.status, problem.code) == (404, "unknown_entitlement")


def test_the_generated_client_makes_a_screening_once(generated: str,
                                                     service: TestClient) -> None:
    with service.app.state.db.session() as session:  # type: ignore[attr-defined]
        token = keys.create(session, org="sanjog", role="caseworker", label="client",
                            now=dt.datetime.now(dt.UTC)).key
    create = _module("api.screenings.create_screening")
    models = _module("models")
    body = models.ScreeningCreate.from_dict({"case_ref": "2026-0142",
                                             "profile": {"age": 30, "trafficked": True}})
    client = _client(generated, service)
    # The client's own httpx client would carry the token; the app's in-process one is used.
    service.headers["Authorization"] = f"Bearer {token}"
    try:
        first = create.sync_detailed(client=client, body=body, idempotency_key="c0ffee-0001")
        again = create.sync_detailed(client=client, body=body, idempotency_key="c0ffee-0001")
    finally:
        del service.headers["Authorization"]
    assert (first.status_code, again.status_code) == (201, 201)
    assert isinstance(first.parsed, models.ScreeningPublic)
    assert again.parsed.id == first.parsed.id


def test_every_module_of_the_generated_client_imports(generated: str) -> None:
    package = importlib.import_module(PACKAGE)
    names = [m.name for m in pkgutil.walk_packages(package.__path__, PACKAGE + ".")]
    for name in names:
        importlib.import_module(name)
    assert f"{PACKAGE}.api.claims.add_claim_event" in names
    assert f"{PACKAGE}.models.claim_status" in names  # one type for the shared enum
    assert not any(n.startswith(f"{PACKAGE}.models.claim_public_status") for n in names)
