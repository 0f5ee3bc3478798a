"""Headers on every answer, whatever its status; the docs served from this machine and,
when the service requires a key, behind it; no `server` header from the documented
commands."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.api.conftest import Keyring, store_settings
from tests.api.test_reload import free_port
from tests.conftest import ROOT, RULES

REQUIRED = {"cache-control": "no-store", "x-content-type-options": "nosniff"}


def assert_secure(r: httpx.Response) -> None:
    for name, value in REQUIRED.items():
        assert r.headers.get(name) == value, (r.request.url, r.status_code, name)
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert "server" not in r.headers
    if r.headers.get("content-type", "").startswith("application/json"):
        assert r.headers["content-type"] == "application/json; charset=utf-8"


def test_every_status_carries_the_headers(tmp_path: Path) -> None:
    app = create_app(store_settings(f"sqlite:///{tmp_path / 'h.db'}", max_body_bytes=1024))

    @app.get("/boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("an unexpected failure")

    with TestClient(app, raise_server_exceptions=False) as client:
        case = Keyring(app)()
        screening = client.post("/v1/screenings", headers=case, json={
            "case_ref": "2026-0001", "profile": {"age": 30}, "as_of": "2026-11-28"})
        answers = [
            client.get("/v1/facts"),                                        # 200
            screening,                                                      # 201
            client.get(f"/v1/screenings/{screening.json()['id']}", headers=case),
            client.get("/v1/claims", headers=case),
            client.get("/v1/screenings"),                                   # 401
            client.post("/v1/ruleset/reload", headers={"Authorization": "Bearer x"}),  # 403
            client.get("/v1/entitlements/no-such-thing"),                   # 404
            client.delete("/v1/facts"),                                     # 405
            client.post("/v1/eligibility", content=b"x" * 2048),            # 413
            client.post("/v1/eligibility", json={"profile": {"age": "x"}}),  # 422
            client.get("/boom"),                                            # 500
        ]
    assert [r.status_code for r in answers] == [200, 201, 200, 200, 401, 403, 404, 405, 413,
                                                422, 500]
    for r in answers:
        assert_secure(r)


def test_docs_load_nothing_from_another_site(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert "validatorUrl\": null" in page.text  # Swagger UI's badge calls out otherwise
    for source in sources:
        assert client.get(source).status_code == 200, source
    assert client.get("/openapi.json").json()["info"]["title"] == "adhikar"


def test_docs_and_contract_need_the_key_when_the_service_does(tmp_path: Path) -> None:
    app = create_app(Settings(rules_dir=RULES, require_key=True,
                              database_url=f"sqlite:///{tmp_path / 'k.db'}"))
    with TestClient(app) as client:
        for path in ("/docs", "/openapi.json"):
            assert client.get(path).status_code == 401, path
        key = Keyring(app)()
        for path in ("/docs", "/openapi.json"):
            assert client.get(path, headers=key).status_code == 200, path


def test_the_documented_commands_run_the_production_server() -> None:
    # make run (adhikar serve) and the image both run api.serve, whose uvicorn hides the
    # server's name and limits connections (test_a_served_answer_names_no_server runs it).
    makefile = (ROOT / "Makefile").read_text()
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "adhikar serve" in makefile and '"api.serve"' in dockerfile


@pytest.mark.slow
def test_a_served_answer_names_no_server(tmp_path: Path) -> None:
    port = free_port()
    env = {"ADHIKAR_RULES_DIR": str(RULES), "DATABASE_URL": f"sqlite:///{tmp_path / 's.db'}",
           "PATH": "/usr/bin:/bin"}
    env |= {"ADHIKAR_HOST": "127.0.0.1", "ADHIKAR_PORT": str(port),
            "ADHIKAR_LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen([sys.executable, "-m", "api.serve"], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/v1/entitlements/no-such-thing")
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert r.status_code == 404
        assert_secure(r)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
