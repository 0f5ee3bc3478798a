"""Erasing a case, on SQLite and PostgreSQL: its screenings, claims and events go, a
tombstone with counts stays, other cases are untouched, and the history is append-only
again afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from service.errors import NotFound
from service.store import erasure
from service.store.tables import Claim, ClaimEvent, Erasure, Screening

T = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def _case(session: Session, ref: str, n: int) -> None:
    first = None
    for i in range(2):
        sid = f"{n}s{i}".ljust(32, "0")
        session.add(Screening(id=sid, case_ref=ref, org="sanjog", ruleset_name="r",
                              ruleset_version="1", ruleset_digest="d", as_of=T.date(),
                              profile={"age": 30}, counts={}, results="{}",
                              rerun_of=first, created_at=T))
        session.flush()
        first = first or sid
    cid = f"{n}c".ljust(32, "0")
    session.add(Claim(id=cid, case_ref=ref, org="sanjog", entitlement="x",
                      valid_from=T.date(), as_of=T.date(), office="dlsa", status="applied",
                      opened_at=T, events=2, updated_at=T, screening_id=first))
    session.flush()
    for seq in (1, 2):
        session.add(ClaimEvent(id=f"{n}e{seq}".ljust(32, "0"), claim_id=cid, seq=seq, at=T,
                               recorded_at=T, to_status="applied"))
    session.commit()


def _count(session: Session, table: type) -> int:
    query = select(func.count()).select_from(table)
    return int(session.execute(query).scalar_one())


def test_a_case_is_erased_and_a_tombstone_stays(session: Session) -> None:
    _case(session, "SNJ-1", 1)
    _case(session, "SNJ-2", 2)
    tomb = erasure.erase(session, org="sanjog", case_ref="SNJ-1", key_id=None, now=T)
    assert (tomb.screenings, tomb.claims, tomb.events, tomb.in_progress) == (2, 1, 2, False)
    assert _count(session, Screening) == 2 and _count(session, Claim) == 1
    assert _count(session, ClaimEvent) == 2
    left = session.execute(select(Screening.case_ref).distinct()).scalars().all()
    assert list(left) == ["SNJ-2"]
    stored = session.get(Erasure, tomb.id)
    assert stored is not None and not stored.in_progress
    assert "SNJ-1" not in repr(stored.model_dump())


def test_an_unknown_case_or_another_organisation_is_not_found(session: Session) -> None:
    _case(session, "SNJ-1", 1)
    with pytest.raises(NotFound):
        erasure.erase(session, org="sanjog", case_ref="SNJ-9", key_id=None, now=T)
    with pytest.raises(NotFound):
        erasure.erase(session, org="another", case_ref="SNJ-1", key_id=None, now=T)
    assert _count(session, Screening) == 2


def test_the_history_is_append_only_again_after_an_erasure(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        _case(session, "SNJ-1", 1)
        _case(session, "SNJ-2", 2)
        erasure.erase(session, org="sanjog", case_ref="SNJ-1", key_id=None, now=T)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text("DELETE FROM claim_events"))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM claim_events")).scalar_one() == 2
