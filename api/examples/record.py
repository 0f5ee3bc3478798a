"""Record the contract's response examples by calling the service: ``make openapi`` runs
``python -m api.examples.record``, which writes api/examples/responses.json.

Nothing is written by hand. An app over the bundled rules and a scratch SQLite store answers
the request examples (api/examples) and the requests it must refuse (api/examples/calls.py);
two more apps answer 429 (a limit of one request a minute) and 503 (a database that does not
answer). The answers are kept as they came, tidied (api/examples/tidy.py). The clock stands
still at noon in India on the requests' ``as_of`` and moves one minute before each request,
so the dates, deadlines and the order of lists are the same on every run.

A development command: it needs the test extras (httpx for FastAPI's TestClient,
time-machine for the clock).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import socket
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import time_machine
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource
from starlette.types import ASGIApp
from uvicorn.protocols.http.flow_control import service_unavailable

from api.app import create_app
from api.examples import ANY_OPERATION, RESPONSES_FILE, calls
from api.examples.book import Book
from api.examples.tidy import fixed_id
from api.rollout import workers
from api.settings import Settings
from service.resources import bundled
from service.store import keys

AT = dt.datetime(2026, 11, 28, 6, 30, tzinfo=dt.UTC)  # noon in India on the examples' as_of
ADMIN_TOKEN = "example-admin-token-of-a-scratch-app"
ORG = "sanjog"


def record() -> dict[str, Any]:
    """Every example, by operation id, status, media type and name."""
    with tempfile.TemporaryDirectory() as scratch, \
            time_machine.travel(AT, tick=False) as clock:
        root = Path(scratch)
        book = Book(clock)
        app = create_app(_settings(root, "examples"))
        app.state.follower.id = fixed_id(0)[:12]  # the worker's name, drawn at random
        with TestClient(app, raise_server_exceptions=False) as client:
            _wait_for_a_heartbeat(app)
            calls.record(book, client, _keys(app), app.state.settings.rules_dir)
            calls.refuse_when_busy(book, client)
        with TestClient(create_app(_settings(root, "limited", rate_per_client=1))) as limited:
            calls.limit(book, limited)
        with TestClient(create_app(_settings(root, "down", database_url=_nowhere()))) as down:
            calls.database_down(book, down)
        # uvicorn's own answer, an ASGI app of its own (with no lifespan: no `with`).
        server = TestClient(cast(ASGIApp, service_unavailable))
        book.add(ANY_OPERATION, 503, "server_limit", "the server's own answer over its "
                 "concurrency limit, before the app sees the request", server.get("/"))
        return book.pages


class _Given(Settings):
    """Settings from the arguments alone: the environment and a .env file, which differ from
    one machine to the next, change nothing that is recorded."""

    @classmethod
    def settings_customise_sources(
            cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def _settings(root: Path, name: str, **kw: Any) -> Settings:
    rules = root / name / "rules"
    shutil.copytree(bundled("rules"), rules)  # a copy: one example breaks a file on purpose
    return _Given(**{"rules_dir": rules, "database_url": f"sqlite:///{root / name / 'db'}",
                     "admin_token": ADMIN_TOKEN, "ruleset_poll_seconds": 1e6, **kw})


def _nowhere() -> str:
    """A PostgreSQL URL on a port of this machine that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"postgresql+psycopg://examples@127.0.0.1:{port}/examples"


def _keys(app: FastAPI) -> dict[str, dict[str, str]]:
    made = {"admin_token": {"Authorization": f"Bearer {ADMIN_TOKEN}"}}
    with app.state.db.session() as session:
        for role in ("caseworker", "analyst", "admin"):
            key = keys.create(session, org=ORG, role=role, label="examples", now=AT).key
            made[role] = {"Authorization": f"Bearer {key}"}
    return made


def _wait_for_a_heartbeat(app: FastAPI) -> None:
    # GET /v1/ruleset lists the workers heard from: wait for this one's first heartbeat,
    # made at start-up (the next comes only after ruleset_poll_seconds).
    for _ in range(6000):
        if workers(app.state.db, app.state.settings.ruleset_poll_seconds):
            return
        time.sleep(0.01)  # the real clock: time-machine leaves sleep alone
    raise TimeoutError("the worker made no heartbeat within a minute")


@contextmanager
def _quiet() -> Iterator[None]:
    # The refusals made on purpose are logged as real ones would be; here they are expected.
    logger = logging.getLogger("adhikar")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def main() -> None:
    with _quiet():
        pages = record()
    RESPONSES_FILE.write_text(json.dumps(pages, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
