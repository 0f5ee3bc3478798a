"""Idempotency keys in the database, on SQLite and PostgreSQL: the first request claims the
key, a retry gets its answer, another request under the same key is refused, and a day
later the key is free again."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

from sqlalchemy import Engine
from sqlmodel import Session, select

from service.store import idempotency, keys
from service.store.idempotency import ABANDONED, WINDOW
from service.store.tables import IdempotencyKey, Screening
from tests.store.conftest import NOW


def _key(session: Session, org: str = "sanjog") -> str:
    return keys.create(session, org=org, role="caseworker", label=None, now=NOW).row.id


def _record(session: Session) -> Screening:
    """The record a first request made, whose answer is kept."""
    row = Screening(id=uuid.uuid4().hex, case_ref="SNJ-1", org="sanjog", ruleset_name="r",
                    ruleset_version="1", ruleset_digest="d", as_of=NOW.date(), profile={},
                    counts={}, results="{}", created_at=NOW)
    session.add(row)
    session.commit()
    return row


def test_first_runs_then_a_retry_gets_its_answer(session: Session) -> None:
    me = _key(session)
    ask = {"key_id": me, "key": "k-0001-abcd", "request_hash": "a" * 64}
    assert idempotency.claim(session, **ask, now=NOW).outcome == "run"
    idempotency.keep(session, key_id=me, key="k-0001-abcd", status=201, body='{"id": 1}',
                     location="/v1/claims/1", record=_record(session), now=NOW)
    again = idempotency.claim(session, **ask, now=NOW + dt.timedelta(hours=23))
    assert (again.outcome, again.status, again.body, again.location) == (
        "replay", 201, '{"id": 1}', "/v1/claims/1")


def test_the_same_key_with_another_request_is_a_mismatch(session: Session) -> None:
    me = _key(session)
    idempotency.claim(session, key_id=me, key="k-0002-abcd", request_hash="a" * 64, now=NOW)
    idempotency.keep(session, key_id=me, key="k-0002-abcd", status=201, body="{}",
                     location=None, record=_record(session), now=NOW)
    other = idempotency.claim(session, key_id=me, key="k-0002-abcd", request_hash="b" * 64,
                              now=NOW)
    assert other.outcome == "mismatch"


def test_a_key_is_per_api_key(session: Session) -> None:
    mine, theirs = _key(session), _key(session, "elsewhere")
    for key_id in (mine, theirs):
        assert idempotency.claim(session, key_id=key_id, key="k-0003-abcd",
                                 request_hash="a" * 64, now=NOW).outcome == "run"


def test_while_the_first_runs_a_retry_waits_unless_it_was_abandoned(session: Session) -> None:
    me = _key(session)
    ask = {"key_id": me, "key": "k-0004-abcd", "request_hash": "a" * 64}
    assert idempotency.claim(session, **ask, now=NOW).outcome == "run"
    assert idempotency.claim(session, **ask, now=NOW + ABANDONED / 2).outcome == "busy"
    later = NOW + ABANDONED + dt.timedelta(seconds=1)
    assert idempotency.claim(session, **ask, now=later).outcome == "run"


def test_a_released_key_runs_again(session: Session) -> None:
    me = _key(session)
    ask = {"key_id": me, "key": "k-0005-abcd", "request_hash": "a" * 64}
    idempotency.claim(session, **ask, now=NOW)
    idempotency.release(session, key_id=me, key="k-0005-abcd")
    assert idempotency.claim(session, **ask, now=NOW).outcome == "run"


def test_after_the_window_the_key_is_forgotten(session: Session) -> None:
    me = _key(session)
    idempotency.claim(session, key_id=me, key="k-0006-abcd", request_hash="a" * 64, now=NOW)
    idempotency.keep(session, key_id=me, key="k-0006-abcd", status=201, body="{}",
                     location=None, record=_record(session), now=NOW)
    later = NOW + WINDOW + dt.timedelta(seconds=1)
    assert idempotency.claim(session, key_id=me, key="k-0006-abcd", request_hash="b" * 64,
                             now=later).outcome == "run"
    rows = session.exec(select(IdempotencyKey)).all()
    assert [(r.request_hash[0], r.status) for r in rows] == [("b", None)]


def test_only_hashes_of_the_key_are_kept(session: Session) -> None:
    me = _key(session)
    idempotency.claim(session, key_id=me, key="SNJ-2026-0142-retry", request_hash="a" * 64,
                      now=NOW)
    row = session.exec(select(IdempotencyKey)).one()
    assert "SNJ" not in repr(row.model_dump())
    assert row.key_hash == idempotency.digest(b"SNJ-2026-0142-retry")


def test_racing_requests_with_one_key_run_once(engine: Engine) -> None:
    with Session(engine) as session:
        me = _key(session)
    outcomes: list[str] = []
    start = threading.Barrier(6)

    def race() -> None:
        with Session(engine, expire_on_commit=False) as session:
            start.wait(timeout=60)
            outcomes.append(idempotency.claim(session, key_id=me, key="k-race-0001",
                                              request_hash="a" * 64, now=NOW).outcome)

    threads = [threading.Thread(target=race) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(outcomes) == ["busy"] * 5 + ["run"]
