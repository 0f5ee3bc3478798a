"""Reloading rules in a running service: the admin endpoint, the watcher, and a storm of
requests while rule files are replaced by good and bad versions."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from service.memory import FULL_EVERY
from tests.conftest import RULES

TOKEN = "test-admin-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SPONSORSHIP = "social/child-sponsorship.yaml"
# The sponsorship amount is now the parameter icps.sponsorship_grant (rules/parameters/icps.yaml);
# these tests edit where the rule names it, and replace it with a figure written in place, which a
# reload accepts (only `adhikar lint` flags it, E428). AMOUNT occurs once in each version.
AMOUNT = "amount: icps.sponsorship_grant"
GIRL = {"age": 12, "gender": "female", "trafficked": True, "residence_area": "rural",
        "family_annual_income_inr": 30000, "in_school": True, "sponsored_children_in_family": 0}


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    return root


def settings(rules: Path, **kw: object) -> Settings:
    return Settings(rules_dir=rules, admin_token=TOKEN, **kw)  # type: ignore[arg-type]


def sponsorship(client: TestClient) -> int:
    r = client.post("/v1/eligibility", json={"profile": GIRL, "as_of": "2026-11-28"})
    result = next(x for x in r.json()["results"] if x["entitlement"] == "child-sponsorship")
    return int(result["benefits"][0]["amount"])


def edit(root: Path, old: str, new: str, file: str = SPONSORSHIP) -> None:
    path = root / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_reload_needs_the_admin_token(rules: Path) -> None:
    with TestClient(create_app(settings(rules))) as client:
        missing = client.post("/v1/ruleset/reload")
        assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
        wrong = {"Authorization": "Bearer nope"}
        assert client.post("/v1/ruleset/reload", headers=wrong).status_code == 403
        assert client.post("/v1/ruleset/reload", headers={"X-API-Key": TOKEN}).status_code == 200
        assert client.post("/v1/ruleset/reload", headers=AUTH).status_code == 200


@pytest.mark.parametrize("require_key", [False, True])
def test_this_machine_needs_a_credential_too(rules: Path, require_key: bool) -> None:
    # The probe reloaded from 127.0.0.1 with no credential, even with ADHIKAR_REQUIRE_KEY.
    app = create_app(Settings(rules_dir=rules, require_key=require_key))
    with TestClient(app, client=("127.0.0.1", 5000)) as local:
        assert local.post("/v1/ruleset/reload").status_code == 401
    with TestClient(app, client=("10.1.2.3", 5000)) as remote:
        assert remote.post("/v1/ruleset/reload").status_code == 401


def test_local_reload_only_when_enabled_and_never_through_a_proxy(rules: Path) -> None:
    app = create_app(Settings(rules_dir=rules, allow_local_reload=True))
    with TestClient(app, client=("127.0.0.1", 5000)) as local:
        assert local.post("/v1/ruleset/reload").status_code == 200
        for header in ("X-Forwarded-For", "Forwarded", "X-Real-IP"):
            r = local.post("/v1/ruleset/reload", headers={header: "127.0.0.1"})
            assert r.status_code == 401, header
    with TestClient(app, client=("10.1.2.3", 5000)) as remote:
        assert remote.post("/v1/ruleset/reload").status_code == 401


def test_a_forwarded_loopback_address_does_not_reload(rules: Path) -> None:
    # Behind a proxy that uvicorn trusts (--forwarded-allow-ips='*'), X-Forwarded-For sets the
    # client address: a remote caller claiming 127.0.0.1 must still be refused.
    app = create_app(Settings(rules_dir=rules, allow_local_reload=True))
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            proxy_headers=True, forwarded_allow_ips="*")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not srv.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        r = httpx.post(f"http://127.0.0.1:{port}/v1/ruleset/reload",
                       headers={"X-Forwarded-For": "127.0.0.1"})
        assert r.status_code == 401
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def test_a_new_amount_is_served_after_reload(rules: Path) -> None:
    with TestClient(create_app(settings(rules))) as client:
        before = client.get("/v1/ruleset").json()["digest"]
        assert sponsorship(client) == 4000
        assert client.get("/livez").headers["x-ruleset-digest"] == before
        edit(rules, AMOUNT, "amount: 4500")
        edit(rules, "Sponsorship: 2000", "Sponsorship: 4500")  # the ICPS versions' examples too
        edit(rules, "Sponsorship: 4000", "Sponsorship: 4500")
        r = client.post("/v1/ruleset/reload", headers=AUTH)
        assert r.status_code == 200 and r.json()["digest"] != before
        assert sponsorship(client) == 4500
        # Every answer names the rules it was worked out on, the new ones from now on.
        assert client.get("/livez").headers["x-ruleset-digest"] == r.json()["digest"]


@pytest.mark.parametrize(("old", "new", "code"), [
    (AMOUNT, "amount: [4000", "E101"),                                 # broken YAML
    (AMOUNT, AMOUNT + "\n        colour: blue", "E401"),               # schema error
    (AMOUNT, "amount: !!python/object:os.system 4000", "E104"),         # unsafe tag
    (AMOUNT, "amount: 4400", "E502"),                                  # examples now fail
])
def test_a_bad_reload_keeps_the_old_rules(rules: Path, old: str, new: str, code: str) -> None:
    with TestClient(create_app(settings(rules))) as client:
        before = client.get("/v1/ruleset").json()
        edit(rules, old, new)
        r = client.post("/v1/ruleset/reload", headers=AUTH)
        assert r.status_code == 409
        assert code in {e["type"] for e in r.json()["errors"]}
        assert r.json()["errors"][0]["loc"][0] == SPONSORSHIP
        now = client.get("/v1/ruleset").json()
        assert now["digest"] == before["digest"]
        assert now["last_failure"]["errors"][0]["file"] == SPONSORSHIP
        assert now["last_failure"]["errors"][0]["line"] > 1
        assert sponsorship(client) == 4000


def test_a_change_of_facts_needs_a_restart(rules: Path) -> None:
    edit(rules, "    question: How old is she, in completed years?",
         "    question: How old is she?", file="facts.yaml")
    with TestClient(create_app(settings(rules))) as client:
        edit(rules, "  gender:\n", "  new_fact:\n    type: bool\n    question: New?\n  gender:\n",
             file="facts.yaml")
        r = client.post("/v1/ruleset/reload", headers=AUTH)
        assert r.status_code == 409 and r.json()["errors"][0]["type"] == "E501"


# ---- a running server, a watcher, and replacements under load -----------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(rules: Path) -> Iterator[str]:
    app = create_app(settings(rules, watch_rules=True, watch_debounce_ms=100))
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield base
    srv.should_exit = True
    thread.join(timeout=10)


def wait_for(base: str, pred: object, timeout: float = 90.0) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while True:
        state: dict[str, object] = httpx.get(f"{base}/v1/ruleset", timeout=120).json()
        if pred(state):  # type: ignore[operator]
            return state
        assert time.monotonic() < deadline, f"the watcher did not act: {state}"
        time.sleep(0.05)


def test_requests_never_fail_while_rules_are_replaced(rules: Path, server: str) -> None:
    path = rules / SPONSORSHIP
    good = path.read_text()
    valid = {httpx.get(f"{server}/v1/ruleset", timeout=60).json()["digest"]}
    answers: list[tuple[int, str]] = []
    stop = threading.Event()

    def hammer() -> None:
        with httpx.Client(base_url=server, timeout=120) as client:
            while not stop.is_set():
                r = client.post("/v1/eligibility", json={"profile": GIRL})
                answers.append((r.status_code, r.headers.get("x-ruleset-digest", "")))

    workers = [threading.Thread(target=hammer) for _ in range(4)]
    for w in workers:
        w.start()
    try:
        # 1. a valid new version: the watcher swaps it in.
        newer = good.replace(AMOUNT, "amount: 4500").replace(
            "Sponsorship: 2000", "Sponsorship: 4500").replace(
            "Sponsorship: 4000", "Sponsorship: 4500")
        _replace(path, newer)
        state = wait_for(server, lambda s: s["digest"] not in valid)
        valid.add(str(state["digest"]))
        # 2-6. bad versions, each refused while the last good rules keep serving.
        bad = [
            newer.replace("amount: 4500", "amount: [4500"),                      # broken YAML
            newer.replace("amount: 4500", "amount: 4500\n        colour: blue"),  # schema
            newer[: len(newer) // 2],                                           # half-written
            newer.replace("amount: 4500", "amount: !!python/object:os.system 1"),  # unsafe tag
            newer.replace("amount: 4500", "amount: 4600"),                      # examples fail
        ]
        for text in bad:
            seen = httpx.get(f"{server}/v1/ruleset", timeout=60).json()["last_failure"]
            _replace(path, text)
            wait_for(server, lambda s, seen=seen: s["last_failure"] not in (None, seen))
            assert httpx.get(f"{server}/v1/ruleset", timeout=60).json()["digest"] in valid
        # 7. the good file again, through the admin endpoint as well.
        _replace(path, good)
        r = httpx.post(f"{server}/v1/ruleset/reload", headers=AUTH, timeout=120)
        assert r.status_code == 200 and r.json()["digest"] in valid
    finally:
        stop.set()
        for w in workers:
            w.join()
    assert len(answers) > 50, "the load did not run"
    assert {status for status, _ in answers} == {200}
    assert {digest for _, digest in answers} <= valid


def _replace(path: Path, text: str) -> None:
    # As an editor saves: write a temporary file, then rename it over the old one.
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text)
    tmp.replace(path)


class _Cycle:
    """An object in a reference cycle: only the cyclic garbage collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_what_is_loaded_is_frozen_and_a_reload_lets_the_old_rules_go(rules: Path) -> None:
    import gc
    import weakref

    gc.set_threshold(700, 10, 10)  # Python's defaults, as a fresh process has them
    with TestClient(create_app(settings(rules))) as client:
        assert gc.get_freeze_count() > 10_000  # the rules and the app, out of the walk
        assert gc.get_threshold()[2] == FULL_EVERY  # full collections, a tenth as often
        holder = client.app.state.rules  # type: ignore[attr-defined]
        old = _Cycle()
        holder.serving.standings.held = old  # held by the old rules' memo alone, then frozen
        gone = weakref.ref(old)
        del old
        gc.unfreeze()
        gc.freeze()
        edit(rules, AMOUNT, "amount: 4500")
        edit(rules, "Sponsorship: 2000", "Sponsorship: 4500")
        edit(rules, "Sponsorship: 4000", "Sponsorship: 4500")
        assert client.post("/v1/ruleset/reload", headers=AUTH).status_code == 200
        assert gone() is None
        assert gc.get_freeze_count() > 10_000


def _parts_alive() -> list[object]:
    """The shared parts of full answers (offices, steps, versions) alive now in this process
    (other tests' apps too), frozen or not."""
    import gc

    from service.engine.result import OfficeResult, StepResult, VersionRef

    gc.unfreeze()
    try:
        gc.collect()
        shared = OfficeResult | StepResult | VersionRef
        return [o for o in gc.get_objects() if isinstance(o, shared)]
    finally:
        gc.freeze()


def test_a_reload_lets_the_parts_of_the_old_rules_answers_go(rules: Path) -> None:
    # Full answers share their offices, steps and version blocks, each written to JSON once;
    # those of the rules before a reload were once kept until 16,384 had gathered.
    others = _parts_alive()  # other tests' apps': held here, so that no id of them is reused
    before = {id(part) for part in others}

    def made_here() -> list[object]:
        return [part for part in _parts_alive() if id(part) not in before]

    with TestClient(create_app(settings(rules))) as client:
        for state in ("delhi", "west_bengal", "maharashtra"):
            r = client.post("/v1/eligibility", json={"profile": GIRL | {"state": state}})
            assert r.status_code == 200
        assert len(made_here()) > 50  # what the answers share is kept, for the next ones
        assert client.post("/v1/ruleset/reload", headers=AUTH).status_code == 200
        assert made_here() == []
