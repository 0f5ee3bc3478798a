"""Answers kept for retries go with their case when it is erased, on SQLite and PostgreSQL:
the answer is emptied, its key stays marked erased until the window ends (a retry is told,
and makes nothing), and an answer kept while the erasure runs is never left behind."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from service.store import erasure, idempotency, keys
from service.store.idempotency import ABANDONED, WINDOW
from service.store.tables import Claim, IdempotencyKey, Screening
from tests.store.conftest import NOW


def _key(session: Session) -> str:
    return keys.create(session, org="sanjog", role="caseworker", label=None, now=NOW).row.id


def _screening(session: Session, ref: str, n: int) -> Screening:
    row = Screening(id=f"s{n}".ljust(32, "0"), case_ref=ref, org="sanjog", ruleset_name="r",
                    ruleset_version="1", ruleset_digest="d", as_of=NOW.date(),
                    profile={"age": 30}, counts={}, results="{}", created_at=NOW)
    session.add(row)
    session.commit()
    return row


def _claim(session: Session, ref: str, n: int) -> Claim:
    row = Claim(id=f"c{n}".ljust(32, "0"), case_ref=ref, org="sanjog", entitlement="x",
                valid_from=NOW.date(), as_of=NOW.date(), office="dlsa", status="identified",
                opened_at=NOW, events=0, updated_at=NOW)
    session.add(row)
    session.commit()
    return row


def _kept(session: Session, me: str, key: str, record: Screening | Claim) -> None:
    assert idempotency.claim(session, key_id=me, key=key, request_hash="a" * 64,
                             now=NOW).outcome == "run"
    idempotency.keep(session, key_id=me, key=key, status=201,
                     body=f'{{"case_ref": "{record.case_ref}"}}', location=f"/x/{record.id}",
                     record=record, now=NOW)


def _retry(session: Session, me: str, key: str, after: dt.timedelta = dt.timedelta(0),
           request_hash: str = "a" * 64) -> str:
    return idempotency.claim(session, key_id=me, key=key, request_hash=request_hash,
                             now=NOW + after).outcome


def _rows(session: Session) -> list[IdempotencyKey]:
    session.expire_all()
    return list(session.exec(select(IdempotencyKey)).all())


def test_erasing_a_case_empties_its_answers_and_keeps_their_keys(session: Session) -> None:
    me = _key(session)
    _kept(session, me, "k-screen-0001", _screening(session, "SNJ-1", 1))
    _kept(session, me, "k-claim-00001", _claim(session, "SNJ-1", 1))
    _kept(session, me, "k-other-00001", _screening(session, "SNJ-2", 2))
    erasure.erase(session, org="sanjog", case_ref="SNJ-1", key_id=None, now=NOW)
    erased = [r for r in _rows(session) if r.erased_at is not None]
    assert len(erased) == 2
    for row in erased:
        assert (row.status, row.body, row.location, row.case_hash, row.request_hash) == (
            None, None, None, None, "")
        assert "SNJ" not in repr(row.model_dump())
    # A retry, with its request or any other, is told; the other case's answer replays.
    assert _retry(session, me, "k-screen-0001") == "erased"
    assert _retry(session, me, "k-claim-00001", request_hash="b" * 64) == "erased"
    assert _retry(session, me, "k-other-00001") == "replay"


def test_an_erased_key_outlasts_abandonment_and_release_but_not_the_window(
        session: Session) -> None:
    me = _key(session)
    _kept(session, me, "k-screen-0002", _screening(session, "SNJ-1", 1))
    erasure.erase(session, org="sanjog", case_ref="SNJ-1", key_id=None, now=NOW)
    assert _retry(session, me, "k-screen-0002", ABANDONED * 2) == "erased"
    idempotency.release(session, key_id=me, key="k-screen-0002")
    assert _retry(session, me, "k-screen-0002") == "erased"
    assert _retry(session, me, "k-screen-0002", WINDOW + dt.timedelta(seconds=1)) == "run"


def test_an_answer_kept_after_its_record_was_erased_is_not_kept(session: Session) -> None:
    # The record is made, its case erased, and only then does the request keep its answer.
    me = _key(session)
    row = _screening(session, "SNJ-1", 1)
    assert _retry(session, me, "k-late-000001") == "run"
    erasure.erase(session, org="sanjog", case_ref="SNJ-1", key_id=None, now=NOW)
    idempotency.keep(session, key_id=me, key="k-late-000001", status=201, body="{}",
                     location="/x", record=row, now=NOW)
    [stored] = _rows(session)
    assert (stored.body, stored.erased_at) == (None, NOW)
    assert _retry(session, me, "k-late-000001") == "erased"


def test_expired_answers_are_counted_then_dropped(session: Session) -> None:
    me = _key(session)
    _kept(session, me, "k-old-0000001", _screening(session, "SNJ-1", 1))
    later = NOW + WINDOW + dt.timedelta(seconds=1)
    assert idempotency.expired(session, now=NOW) == 0
    assert idempotency.expired(session, now=later) == 1
    assert idempotency.expire(session, now=later) == 1
    assert _rows(session) == []


# ---- PostgreSQL: the erasure and an answer being kept, each held just before its commit ----


class HeldSession(Session):
    """A session whose commit says it has been reached, then waits until the test lets it go."""

    def __init__(self, engine: Engine, reached: threading.Event, go: threading.Event) -> None:
        super().__init__(engine, expire_on_commit=False)
        self.reached, self.go = reached, go

    def commit(self) -> None:
        self.reached.set()
        assert self.go.wait(timeout=120)
        super().commit()


def _in_thread(work: Callable[[], Any]) -> tuple[threading.Thread, list[BaseException]]:
    failed: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # reported by the test
            failed.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, failed


def _backend(session: Session, pids: list[int]) -> None:
    # The session's transaction starts here, on the connection its work then uses.
    pids.append(session.connection().execute(text("SELECT pg_backend_pid()")).scalar_one())


def _wait_until_blocked(engine: Engine, pids: list[int]) -> None:
    deadline = time.monotonic() + 120  # generous: this waits for a state, not for speed
    with engine.connect() as connection:
        while not pids or not connection.execute(text(
                "SELECT cardinality(pg_blocking_pids(:pid)) > 0"), {"pid": pids[0]}).scalar():
            assert time.monotonic() < deadline, "the second transaction never waited"
            time.sleep(0.05)


@pytest.mark.parametrize("first", ["keep", "erase"])
def test_an_answer_kept_during_an_erasure_does_not_survive_it(engine: Engine,
                                                             first: str) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite runs one transaction at a time (BEGIN IMMEDIATE)")
    with Session(engine, expire_on_commit=False) as session:
        me = _key(session)
        row = _screening(session, "SNJ-1", 1)
        assert _retry(session, me, "k-race-000001") == "run"
    reached, go, second = threading.Event(), threading.Event(), list[int]()

    def session_for(name: str) -> Session:
        if name == first:
            return HeldSession(engine, reached, go)
        session = Session(engine, expire_on_commit=False)
        _backend(session, second)
        return session

    def keep() -> None:
        with session_for("keep") as session:
            idempotency.keep(session, key_id=me, key="k-race-000001", status=201,
                             body='{"case_ref": "SNJ-1"}', location="/x", record=row, now=NOW)

    def erase() -> None:
        with session_for("erase") as session:
            erasure.erase(session, org="sanjog", case_ref="SNJ-1", key_id=None, now=NOW)

    # The first runs up to its commit and holds there; the second then waits on its lock.
    one, two = (keep, erase) if first == "keep" else (erase, keep)
    held, held_failed = _in_thread(one)
    assert reached.wait(timeout=120)
    waiting, waiting_failed = _in_thread(two)
    try:
        _wait_until_blocked(engine, second)
    finally:
        go.set()
    for thread in (held, waiting):
        thread.join(timeout=120)
    assert held_failed == [] and waiting_failed == []
    with Session(engine) as session:
        [stored] = _rows(session)
        assert (stored.body, stored.case_hash) == (None, None)
        assert stored.erased_at is not None
        assert session.get(Screening, row.id) is None
