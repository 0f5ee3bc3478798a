"""A claim's history is append-only: the code refuses to change or remove an event, however
it is asked (the database refuses too: test_migrations)."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update
from sqlmodel import Session, select

from service.rules.ruleset import Ruleset
from service.store import claims
from service.store.tables import ClaimEvent, HistoryIsAppendOnly
from tests.store.conftest import NOW


def _claim(session: Session, rules: Ruleset) -> str:
    claim = claims.open_claim(session, rules, claims.ClaimOpen(
        entitlement="compensation", case_ref="SNJ-2026-1", note="opened"),
        org="sanjog", scope="sanjog", key_id=None, now=NOW)
    return claim.id


def test_an_event_cannot_be_changed(session: Session, rules: Ruleset) -> None:
    claim_id = _claim(session, rules)
    event = claims.history(session, claim_id)[0]
    event.note = "rewritten"
    session.add(event)
    with pytest.raises(HistoryIsAppendOnly):
        session.commit()
    session.rollback()
    assert claims.history(session, claim_id)[0].note == "opened"


def test_an_event_cannot_be_removed(session: Session, rules: Ruleset) -> None:
    claim_id = _claim(session, rules)
    session.delete(claims.history(session, claim_id)[0])
    with pytest.raises(HistoryIsAppendOnly):
        session.commit()
    session.rollback()
    assert len(claims.history(session, claim_id)) == 1


@pytest.mark.parametrize("statement", [
    update(ClaimEvent).values(note="rewritten"),
    delete(ClaimEvent),
])
def test_bulk_statements_are_refused(session: Session, rules: Ruleset,
                                     statement: object) -> None:
    _claim(session, rules)
    with pytest.raises(HistoryIsAppendOnly):
        session.execute(statement)  # type: ignore[call-overload]
    session.rollback()
    assert session.exec(select(ClaimEvent.note)).one() == "opened"
